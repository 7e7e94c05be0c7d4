//! The rules of a group's name, apart from any storage: how it is cleaned and compared, and how
//! names are counted into a book's groups.

use super::model::{group_name, same_group, ContactGroup};
use crate::error::{DomainError, DomainResult};
use crate::reason::Reason;
use std::collections::HashMap;

/// Characters of a group's name.
pub const MAX_GROUP_NAME: usize = 64;

/// The name as stored: trimmed, inner spaces and line breaks made single spaces.
pub fn clean_name(name: &str) -> DomainResult<String> {
    let name = group_name(name);
    if name.is_empty() {
        return Err(DomainError::invalid("name", Reason::GroupNameEmpty));
    }
    if name.chars().count() > MAX_GROUP_NAME {
        return Err(DomainError::invalid("name", Reason::FieldTooLong));
    }
    crate::auth::validate::refuse_controls("name", &name, crate::auth::validate::Lines::One)?;
    Ok(name)
}

/// Adds `name` to `list` unless it holds it (letter case aside); whether it was added.
pub fn add_name(list: &mut Vec<String>, name: &str) -> bool {
    let absent = !list.iter().any(|n| same_group(n, name));
    if absent {
        list.push(name.to_owned());
    }
    absent
}

/// Takes `name` out of the groups of `list`; whether it was there.
pub fn remove_name(list: &mut Vec<String>, name: &str) -> bool {
    let before = list.len();
    list.retain(|n| !same_group(n, name));
    list.len() != before
}

/// Groups by name (letter case aside) with the sum of their counts, alphabetically: one pass
/// over a large book.
pub fn tally(names: impl IntoIterator<Item = (String, u32)>) -> Vec<ContactGroup> {
    let mut groups: Vec<ContactGroup> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    for (name, contacts) in names {
        match at.get(&name.to_lowercase()) {
            Some(&i) => groups[i].contacts += contacts,
            None => {
                at.insert(name.to_lowercase(), groups.len());
                groups.push(ContactGroup { name, contacts });
            }
        }
    }
    groups.sort_by_cached_key(|g| crate::locale::sort_key(&g.name));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(clean_name("  Close \n friends ").unwrap(), "Close friends");
        assert!(
            matches!(clean_name(" \t"), Err(DomainError::Invalid { reason, .. }) if reason == Reason::GroupNameEmpty)
        );
        assert!(clean_name(&"x".repeat(MAX_GROUP_NAME)).is_ok());
        assert!(clean_name(&"x".repeat(MAX_GROUP_NAME + 1)).is_err());
    }

    #[test]
    fn groups_are_tallied_whatever_their_case_and_sorted() {
        let names = [("Work", 1), ("friends", 1), ("work", 1), ("Empty", 0)];
        let tallied = tally(names.map(|(n, c)| (n.to_owned(), c)));
        let seen: Vec<_> = tallied
            .iter()
            .map(|g| (g.name.as_str(), g.contacts))
            .collect();
        assert_eq!(seen, [("Empty", 0), ("friends", 1), ("Work", 2)]);
    }

    #[test]
    fn a_group_is_added_once_and_removed_whatever_its_case() {
        let mut list = vec!["Friends".to_owned()];
        assert!(!add_name(&mut list, "friends"));
        assert!(add_name(&mut list, "Family"));
        assert!(remove_name(&mut list, "FRIENDS"));
        assert_eq!(list, ["Family"]);
        assert!(!remove_name(&mut list, "Work"));
    }
}
