use serde::{Deserialize, Serialize};

/// A member's role in an organization, from most to least powerful.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    LegalRepresentative,
    Admin,
    Collaborator,
    External,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::LegalRepresentative,
        Role::Admin,
        Role::Collaborator,
        Role::External,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::LegalRepresentative => "legal_representative",
            Role::Admin => "admin",
            Role::Collaborator => "collaborator",
            Role::External => "external",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Legal representatives and admins administer the organization.
    pub fn is_administrator(self) -> bool {
        matches!(self, Role::LegalRepresentative | Role::Admin)
    }
}
