//! Who may do what with a shared collection (a calendar, an address book). Pure rules; the
//! services resolve the level from the stored ownership and shares and then ask these functions.

use serde::{Deserialize, Serialize};

#[cfg(feature = "server")]
pub mod listing;
#[cfg(feature = "server")]
pub mod shares;

/// A member's level on one collection, weakest first so levels compare with `<`.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Permission {
    /// "can view"
    View,
    /// "can modify"
    Modify,
    /// "can modify and share"
    Share,
    Owner,
}

/// What a share grants; the owner level is never granted.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ShareLevel {
    View,
    Modify,
    Share,
}

crate::codes!(ShareLevel {
    View => "view",
    Modify => "modify",
    Share => "share",
});

impl ShareLevel {
    pub fn access(self) -> Permission {
        match self {
            ShareLevel::View => Permission::View,
            ShareLevel::Modify => Permission::Modify,
            ShareLevel::Share => Permission::Share,
        }
    }
}

impl Permission {
    /// Create, change and delete what the collection holds, import into it.
    pub fn can_write(self) -> bool {
        self >= Permission::Modify
    }

    /// See, grant and revoke shares (and a calendar's public link).
    pub fn can_share(self) -> bool {
        self >= Permission::Share
    }

    /// Rename, recolour and delete the collection itself.
    pub fn can_manage(self) -> bool {
        self == Permission::Owner
    }

    /// A sharer may hand on at most their own level.
    pub fn can_grant(self, level: ShareLevel) -> bool {
        self.can_share() && level.access() <= self
    }
}

/// The strongest of the levels that apply to one member (ownership, direct and organization-wide
/// shares). `None` when nothing applies: the calendar does not exist for that member.
pub fn effective_access(
    is_owner: bool,
    shares: impl IntoIterator<Item = ShareLevel>,
) -> Option<Permission> {
    if is_owner {
        return Some(Permission::Owner);
    }
    shares.into_iter().map(ShareLevel::access).max()
}

/// Whom a share names.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "id", rename_all = "lowercase")]
pub enum Grantee {
    /// One member, by account id.
    Member(String),
    /// Every member of one of the organization's teams, by team id (externals included: an
    /// administrator put them in the team).
    Team(String),
    /// Every member of the organization except externals.
    Organization,
}

impl Grantee {
    /// How the share table names the grantee: (kind, id).
    pub fn key(&self) -> (&'static str, &str) {
        match self {
            Grantee::Member(account) => ("member", account),
            Grantee::Team(team) => ("team", team),
            Grantee::Organization => ("org", ""),
        }
    }

    pub fn from_key(kind: &str, id: String) -> Grantee {
        match kind {
            "org" => Grantee::Organization,
            "team" => Grantee::Team(id),
            _ => Grantee::Member(id),
        }
    }
}

/// One share of a collection, as its sharers see it.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ShareView {
    pub grantee: Grantee,
    /// The member's or the team's name; empty for the organization.
    pub name: String,
    pub level: ShareLevel,
}

/// Organization-wide shares never reach externals (kSuite rule).
pub fn org_share_applies(role: crate::org::Role) -> bool {
    role != crate::org::Role::External
}

/// The `LEFT JOIN` of a collection's shares that reach the acting member: made to them, to one
/// of their teams, or to the whole organization (when `$3 = 1`: they are not external). The
/// collection is aliased `c`, `$2` is the member's account id.
#[macro_export]
macro_rules! shares_reaching_member {
    ($table:literal, $column:literal) => {
        concat!(
            "LEFT JOIN ", $table, " s ON s.", $column, " = c.id
    AND ((s.grantee_kind = 'member' AND s.grantee_id = $2) OR (s.grantee_kind = 'org' AND $3 = 1)
      OR (s.grantee_kind = 'team' AND s.grantee_id IN (SELECT team_id FROM team_members WHERE account_id = $2)))"
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Role;

    #[test]
    fn owner_beats_every_share() {
        assert_eq!(
            effective_access(true, [ShareLevel::View]),
            Some(Permission::Owner)
        );
    }

    #[test]
    fn strongest_share_wins_and_none_means_invisible() {
        assert_eq!(
            effective_access(false, [ShareLevel::View, ShareLevel::Modify]),
            Some(Permission::Modify)
        );
        assert_eq!(effective_access(false, []), None);
    }

    #[test]
    fn view_cannot_write_nor_share() {
        let view = Permission::View;
        assert!(!view.can_write());
        assert!(!view.can_share());
        assert!(!view.can_manage());
        assert!(Permission::Modify.can_write());
        assert!(!Permission::Modify.can_share());
        assert!(Permission::Share.can_share());
        assert!(!Permission::Share.can_manage());
    }

    #[test]
    fn a_sharer_cannot_grant_more_than_they_hold() {
        assert!(Permission::Share.can_grant(ShareLevel::Share));
        assert!(Permission::Owner.can_grant(ShareLevel::Share));
        assert!(!Permission::Modify.can_grant(ShareLevel::View));
    }

    #[test]
    fn externals_are_left_out_of_org_wide_shares() {
        assert!(!org_share_applies(Role::External));
        assert!(org_share_applies(Role::Collaborator));
        assert!(org_share_applies(Role::LegalRepresentative));
    }
}
