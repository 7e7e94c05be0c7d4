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

crate::codes!(Role {
    LegalRepresentative => "legal_representative",
    Admin => "admin",
    Collaborator => "collaborator",
    External => "external",
});

impl Role {
    /// Legal representatives and admins administer the organization.
    pub fn is_administrator(self) -> bool {
        matches!(self, Role::LegalRepresentative | Role::Admin)
    }
}
