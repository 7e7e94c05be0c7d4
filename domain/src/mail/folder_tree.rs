//! The order of a mailbox's folders and the rules of their nesting, without the database.

use super::model::{FolderRole, FolderView};
use std::collections::HashMap;

/// How deep folders nest: deeper ones are refused.
pub const MAX_DEPTH: u32 = 10;

/// `folders` as the list shows them: the suite's folders in their role order, then the
/// member's own by name (accents and case aside), each followed by its subfolders, with their
/// depth. A folder whose parent is missing is shown at the top rather than lost.
pub fn ordered(folders: Vec<FolderView>) -> Vec<FolderView> {
    let ids: std::collections::HashSet<String> = folders.iter().map(|f| f.id.clone()).collect();
    let mut children: HashMap<String, Vec<FolderView>> = HashMap::new();
    for folder in folders {
        let parent = if ids.contains(&folder.parent_id) {
            folder.parent_id.clone()
        } else {
            String::new()
        };
        children.entry(parent).or_default().push(folder);
    }
    for siblings in children.values_mut() {
        siblings.sort_by_cached_key(|f| {
            (
                f.role.unwrap_or(FolderRole::Trash),
                f.role.is_none(),
                crate::locale::sort_key(&f.name),
                f.id.clone(),
            )
        });
    }
    let mut out = Vec::with_capacity(ids.len());
    let mut stack: Vec<(FolderView, u32)> = children
        .remove("")
        .unwrap_or_default()
        .into_iter()
        .rev()
        .map(|f| (f, 0))
        .collect();
    while let Some((mut folder, depth)) = stack.pop() {
        folder.depth = depth;
        if let Some(kids) = children.remove(&folder.id) {
            stack.extend(kids.into_iter().rev().map(|f| (f, depth + 1)));
        }
        out.push(folder);
    }
    out
}

/// The folders under `root`, itself included, from the `(id, parent)` pairs of one mailbox;
/// each once, even were the pairs to hold a loop.
pub fn subtree(pairs: &[(String, String)], root: &str) -> Vec<String> {
    let mut found = vec![root.to_owned()];
    let mut seen: std::collections::HashSet<String> = found.iter().cloned().collect();
    let mut i = 0;
    while i < found.len() {
        let parent = found[i].clone();
        for (id, _) in pairs.iter().filter(|(_, p)| *p == parent) {
            if seen.insert(id.clone()) {
                found.push(id.clone());
            }
        }
        i += 1;
    }
    found
}

/// How deep `id` sits (0 at the top), following parents in `pairs`.
pub fn depth_of(pairs: &[(String, String)], id: &str) -> u32 {
    let parents: HashMap<&str, &str> = pairs
        .iter()
        .map(|(id, parent)| (id.as_str(), parent.as_str()))
        .collect();
    let mut depth = 0;
    let mut at = id;
    while let Some(parent) = parents.get(at).filter(|p| !p.is_empty()) {
        depth += 1;
        at = parent;
        if depth > MAX_DEPTH * 2 {
            break;
        }
    }
    depth
}

/// How many levels the folder `root` and those under it take: 1 for a folder without any.
pub fn height(pairs: &[(String, String)], root: &str) -> u32 {
    subtree(pairs, root)
        .iter()
        .map(|id| depth_of(pairs, id) - depth_of(pairs, root) + 1)
        .max()
        .unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(id: &str, parent: &str, name: &str, role: Option<FolderRole>) -> FolderView {
        FolderView {
            id: id.into(),
            parent_id: parent.into(),
            name: name.into(),
            role,
            depth: 99,
            total: 0,
            unread: 0,
        }
    }

    #[test]
    fn the_suites_folders_come_first_then_the_members_own_as_a_tree() {
        let list = ordered(vec![
            folder("z", "", "Zürich", None),
            folder("t", "", "Trash", Some(FolderRole::Trash)),
            folder("i", "", "Inbox", Some(FolderRole::Inbox)),
            folder("e", "", "école", None),
            folder("e2", "e", "2026", None),
            folder("e1", "e", "2025", None),
            folder("x", "e1", "Q1", None),
            folder("s", "", "Sent", Some(FolderRole::Sent)),
            folder("lost", "gone", "Orphan", None),
        ]);
        let shown: Vec<(&str, u32)> = list.iter().map(|f| (f.id.as_str(), f.depth)).collect();
        assert_eq!(
            shown,
            [
                ("i", 0),
                ("s", 0),
                ("t", 0),
                ("e", 0),
                ("e1", 1),
                ("x", 2),
                ("e2", 1),
                ("lost", 0),
                ("z", 0)
            ]
        );
    }

    #[test]
    fn subtrees_depths_and_heights_follow_parents() {
        let pairs: Vec<(String, String)> =
            [("a", ""), ("b", "a"), ("c", "b"), ("d", "a"), ("e", "")]
                .iter()
                .map(|(i, p)| (i.to_string(), p.to_string()))
                .collect();
        let mut under = subtree(&pairs, "a");
        under.sort();
        assert_eq!(under, ["a", "b", "c", "d"]);
        assert_eq!(depth_of(&pairs, "c"), 2);
        assert_eq!(depth_of(&pairs, "e"), 0);
        assert_eq!(height(&pairs, "a"), 3);
        assert_eq!(height(&pairs, "b"), 2);
        assert_eq!(height(&pairs, "e"), 1);
        let looped: Vec<(String, String)> = [("a", "b"), ("b", "a")]
            .iter()
            .map(|(i, p)| (i.to_string(), p.to_string()))
            .collect();
        assert_eq!(subtree(&looped, "a"), ["a", "b"]);
    }
}
