//! The names of the domain's enums in the current language.

use super::Key;
use domain::org::Role;

pub fn role_key(role: Role) -> Key {
    match role {
        Role::LegalRepresentative => Key::RoleLegalRepresentative,
        Role::Admin => Key::RoleAdmin,
        Role::Collaborator => Key::RoleCollaborator,
        Role::External => Key::RoleExternal,
    }
}
