//! Who may do what to whom inside an organization. Pure functions, so every rule is unit-tested
//! and the services only call them.

use super::{Access, Product, ProductAccess, Role};
use crate::error::{DomainError, DomainResult};

/// Whether a member sees the organization's members whole (e-mail, role, rights, hidden ones):
/// administrators, and whoever may use the Manager. Everyone else sees what the directory shows.
pub fn sees_all_members(role: Role, rights: &[ProductAccess]) -> bool {
    role.is_administrator() || allows(rights, Product::Manager, Access::Use)
}

/// May `actor` give `target` (currently `from`) the role `to`?
pub fn check_role_change(
    actor: Role,
    from: Role,
    to: Role,
    legal_representatives: usize,
) -> DomainResult<()> {
    if !actor.is_administrator() {
        return Err(DomainError::forbidden("only administrators manage members"));
    }
    let touches_legal = from == Role::LegalRepresentative || to == Role::LegalRepresentative;
    if touches_legal && actor != Role::LegalRepresentative {
        return Err(DomainError::forbidden(
            "only a legal representative may name or change a legal representative",
        ));
    }
    if from == Role::LegalRepresentative
        && to != Role::LegalRepresentative
        && legal_representatives <= 1
    {
        return Err(DomainError::LastLegalRepresentative);
    }
    Ok(())
}

/// May `actor` remove a member whose role is `target`? `is_self` covers leaving.
pub fn check_removal(
    actor: Role,
    target: Role,
    is_self: bool,
    legal_representatives: usize,
) -> DomainResult<()> {
    if target == Role::LegalRepresentative && legal_representatives <= 1 {
        return Err(DomainError::LastLegalRepresentative);
    }
    if is_self {
        return Ok(());
    }
    if !actor.is_administrator() {
        return Err(DomainError::forbidden("only administrators remove members"));
    }
    if target == Role::LegalRepresentative && actor != Role::LegalRepresentative {
        return Err(DomainError::forbidden(
            "only a legal representative may remove a legal representative",
        ));
    }
    Ok(())
}

/// Does this set of rights allow `needed` on `product`?
pub fn allows(rights: &[ProductAccess], product: Product, needed: Access) -> bool {
    rights
        .iter()
        .any(|r| r.product == product && r.access >= needed)
}

/// The rights a new member gets with a role, before an administrator adjusts them.
pub fn default_rights(role: Role) -> Vec<ProductAccess> {
    let all = |access| {
        Product::ALL
            .into_iter()
            .map(move |product| ProductAccess { product, access })
            .collect()
    };
    match role {
        Role::LegalRepresentative | Role::Admin => all(Access::Manage),
        Role::Collaborator => [Product::Mail, Product::Calendar, Product::Contacts]
            .into_iter()
            .map(|product| ProductAccess {
                product,
                access: Access::Use,
            })
            .collect(),
        Role::External => vec![ProductAccess {
            product: Product::Calendar,
            access: Access::Use,
        }],
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Role::*;

    #[test]
    fn only_a_legal_representative_names_another() {
        assert_eq!(
            check_role_change(LegalRepresentative, Admin, LegalRepresentative, 1),
            Ok(())
        );
        assert!(matches!(
            check_role_change(Admin, Collaborator, LegalRepresentative, 1),
            Err(DomainError::Forbidden(_))
        ));
        assert!(matches!(
            check_role_change(Admin, LegalRepresentative, Admin, 2),
            Err(DomainError::Forbidden(_))
        ));
    }

    #[test]
    fn admins_manage_other_roles_and_members_do_not() {
        assert_eq!(check_role_change(Admin, Collaborator, Admin, 1), Ok(()));
        assert_eq!(check_role_change(Admin, External, Collaborator, 1), Ok(()));
        for actor in [Collaborator, External] {
            assert!(matches!(
                check_role_change(actor, External, Collaborator, 1),
                Err(DomainError::Forbidden(_))
            ));
        }
    }

    #[test]
    fn the_last_legal_representative_stays() {
        assert_eq!(
            check_role_change(LegalRepresentative, LegalRepresentative, Admin, 1),
            Err(DomainError::LastLegalRepresentative)
        );
        assert_eq!(
            check_role_change(LegalRepresentative, LegalRepresentative, Admin, 2),
            Ok(())
        );
        assert_eq!(
            check_removal(LegalRepresentative, LegalRepresentative, true, 1),
            Err(DomainError::LastLegalRepresentative)
        );
        assert_eq!(
            check_removal(LegalRepresentative, LegalRepresentative, false, 1),
            Err(DomainError::LastLegalRepresentative)
        );
        assert_eq!(
            check_removal(LegalRepresentative, LegalRepresentative, true, 2),
            Ok(())
        );
    }

    #[test]
    fn removal_needs_an_administrator_except_to_leave() {
        assert_eq!(check_removal(Collaborator, Collaborator, true, 1), Ok(()));
        assert!(check_removal(Collaborator, External, false, 1).is_err());
        assert_eq!(check_removal(Admin, External, false, 1), Ok(()));
        assert!(check_removal(Admin, LegalRepresentative, false, 2).is_err());
        assert_eq!(
            check_removal(LegalRepresentative, LegalRepresentative, false, 2),
            Ok(())
        );
    }

    #[test]
    fn manage_includes_use() {
        let rights = default_rights(Admin);
        assert!(allows(&rights, Product::Manager, Access::Use));
        let rights = default_rights(Collaborator);
        assert!(allows(&rights, Product::Mail, Access::Use));
        assert!(!allows(&rights, Product::Mail, Access::Manage));
        assert!(!allows(&rights, Product::Manager, Access::Use));
        assert!(!allows(
            &default_rights(External),
            Product::Mail,
            Access::Use
        ));
    }
}
