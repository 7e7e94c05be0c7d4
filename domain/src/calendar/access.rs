//! Who may do what with a calendar. Pure rules; the services resolve the level from the stored
//! ownership and shares and then ask these functions.

use serde::{Deserialize, Serialize};

/// A member's level on one calendar, weakest first so levels compare with `<`.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CalendarAccess {
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

impl ShareLevel {
    pub const ALL: [ShareLevel; 3] = [ShareLevel::View, ShareLevel::Modify, ShareLevel::Share];

    pub fn code(self) -> &'static str {
        match self {
            ShareLevel::View => "view",
            ShareLevel::Modify => "modify",
            ShareLevel::Share => "share",
        }
    }

    pub fn from_code(code: &str) -> Option<ShareLevel> {
        ShareLevel::ALL.into_iter().find(|l| l.code() == code)
    }

    pub fn access(self) -> CalendarAccess {
        match self {
            ShareLevel::View => CalendarAccess::View,
            ShareLevel::Modify => CalendarAccess::Modify,
            ShareLevel::Share => CalendarAccess::Share,
        }
    }
}

impl CalendarAccess {
    /// Create, change and delete events and tasks, import.
    pub fn can_write(self) -> bool {
        self >= CalendarAccess::Modify
    }

    /// Write events at this level into a calendar; computed (holiday) calendars take none.
    pub fn can_write_events(self, computed: bool) -> bool {
        self.can_write() && !computed
    }

    /// See, grant and revoke shares; turn the public link on or off.
    pub fn can_share(self) -> bool {
        self >= CalendarAccess::Share
    }

    /// Rename, recolour and delete the calendar itself.
    pub fn can_manage(self) -> bool {
        self == CalendarAccess::Owner
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
) -> Option<CalendarAccess> {
    if is_owner {
        return Some(CalendarAccess::Owner);
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

/// Organization-wide shares never reach externals (kSuite rule).
pub fn org_share_applies(role: crate::org::Role) -> bool {
    role != crate::org::Role::External
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::org::Role;

    #[test]
    fn owner_beats_every_share() {
        assert_eq!(
            effective_access(true, [ShareLevel::View]),
            Some(CalendarAccess::Owner)
        );
    }

    #[test]
    fn strongest_share_wins_and_none_means_invisible() {
        assert_eq!(
            effective_access(false, [ShareLevel::View, ShareLevel::Modify]),
            Some(CalendarAccess::Modify)
        );
        assert_eq!(effective_access(false, []), None);
    }

    #[test]
    fn view_cannot_write_nor_share() {
        let view = CalendarAccess::View;
        assert!(!view.can_write());
        assert!(!view.can_share());
        assert!(!view.can_manage());
        assert!(CalendarAccess::Modify.can_write());
        assert!(!CalendarAccess::Modify.can_share());
        assert!(CalendarAccess::Share.can_share());
        assert!(!CalendarAccess::Share.can_manage());
    }

    #[test]
    fn a_sharer_cannot_grant_more_than_they_hold() {
        assert!(CalendarAccess::Share.can_grant(ShareLevel::Share));
        assert!(CalendarAccess::Owner.can_grant(ShareLevel::Share));
        assert!(!CalendarAccess::Modify.can_grant(ShareLevel::View));
    }

    #[test]
    fn externals_are_left_out_of_org_wide_shares() {
        assert!(!org_share_applies(Role::External));
        assert!(org_share_applies(Role::Collaborator));
        assert!(org_share_applies(Role::LegalRepresentative));
    }
}
