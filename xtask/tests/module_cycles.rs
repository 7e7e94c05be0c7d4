//! Data flows one way between the modules of `domain`, `app` and `server`: no module reaches, through
//! `crate::`/`super::` paths, another that reaches back to it. A module and the children it
//! declares are one unit here (a parent re-exports its children; a child reads its parent's
//! context), so what this forbids is a cycle between siblings or across the tree, such as an
//! app importing the frame that imports every app.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path ("calendar::store") → file, for every `.rs` file under `src`.
fn modules(src: &Path) -> BTreeMap<String, PathBuf> {
    let mut found = BTreeMap::new();
    let mut dirs = vec![src.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("source dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(src).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if parts
                    .last()
                    .is_some_and(|p| p == "mod" || p == "lib" || p == "main")
                {
                    parts.pop();
                }
                found.insert(parts.join("::"), path);
            }
        }
    }
    found
}

/// The paths starting with `crate::` or `super::` in `text`, and the items of
/// `use crate::a::{b, c}` groups, each as written.
fn paths(text: &str) -> Vec<String> {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let word = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b == b':';
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let starts = (rest.starts_with(b"crate::") || rest.starts_with(b"super::"))
            && (i == 0 || !word(bytes[i - 1]));
        if !starts {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < bytes.len() && word(bytes[j]) {
            j += 1;
        }
        let path = text[i..j].trim_end_matches(':').to_owned();
        if bytes.get(j) == Some(&b'{') {
            let end = text[j..].find('}').map_or(text.len(), |e| j + e);
            for item in text[j + 1..end].split(',') {
                let item = item.trim().split("::").next().unwrap_or("").trim();
                if !item.is_empty() && item != "self" {
                    out.push(format!("{path}::{item}"));
                }
            }
        }
        out.push(path);
        i = j;
    }
    out
}

/// The module a path written in `from` names: the longest prefix that is a module.
fn target(from: &str, path: &str, all: &BTreeMap<String, PathBuf>) -> Option<String> {
    let mut parts: Vec<&str> = path.split("::").collect();
    let mut base: Vec<&str> = if parts[0] == "crate" {
        parts.remove(0);
        Vec::new()
    } else {
        from.split("::").filter(|p| !p.is_empty()).collect()
    };
    while parts.first() == Some(&"super") {
        parts.remove(0);
        base.pop();
    }
    base.extend(parts);
    (1..=base.len())
        .rev()
        .map(|k| base[..k].join("::"))
        .find(|m| all.contains_key(m))
}

fn related(a: &str, b: &str) -> bool {
    a.starts_with(&format!("{b}::")) || b.starts_with(&format!("{a}::"))
}

/// Groups of two or more modules that reach each other.
fn cycles(src: &Path) -> Vec<Vec<String>> {
    let all = modules(src);
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, file) in &all {
        let text = std::fs::read_to_string(file).expect("source file");
        let out = edges.entry(module.clone()).or_default();
        for path in paths(&text) {
            if let Some(t) = target(module, &path, &all) {
                if t != *module && !t.is_empty() && !related(module, &t) {
                    out.insert(t);
                }
            }
        }
    }
    // Tarjan's strongly connected components.
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<String, usize>,
        low: BTreeMap<String, usize>,
        stack: Vec<String>,
        found: Vec<Vec<String>>,
    }
    fn visit(s: &mut State<'_>, v: &str) {
        let n = s.index.len();
        s.index.insert(v.to_owned(), n);
        s.low.insert(v.to_owned(), n);
        s.stack.push(v.to_owned());
        let next: Vec<String> = s.edges.get(v).into_iter().flatten().cloned().collect();
        for w in next {
            if !s.index.contains_key(&w) {
                visit(s, &w);
                let low = s.low[v].min(s.low[&w]);
                s.low.insert(v.to_owned(), low);
            } else if s.stack.contains(&w) {
                let low = s.low[v].min(s.index[&w]);
                s.low.insert(v.to_owned(), low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                let done = w == v;
                group.push(w);
                if done {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.found.push(group);
            }
        }
    }
    let mut state = State {
        edges: &edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for module in edges.keys() {
        if !state.index.contains_key(module) {
            visit(&mut state, module);
        }
    }
    state.found
}

fn crate_src(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(name)
        .join("src")
}

#[test]
fn no_module_of_the_domain_the_app_or_the_server_reaches_back_to_one_that_reaches_it() {
    for name in ["domain", "app", "server"] {
        let found = cycles(&crate_src(name));
        assert!(
            found.is_empty(),
            "{name}: modules that import each other: {found:?}"
        );
    }
}

#[test]
fn a_cycle_is_seen() {
    let dir = std::env::temp_dir().join(format!("ksuite-cycles-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("apps")).unwrap();
    std::fs::write(dir.join("lib.rs"), "mod frame; mod apps;").unwrap();
    std::fs::write(dir.join("frame.rs"), "use crate::apps::calendar::Calendar;").unwrap();
    std::fs::write(dir.join("apps/mod.rs"), "pub mod calendar;").unwrap();
    std::fs::write(
        dir.join("apps/calendar.rs"),
        "use crate::frame::{use_frame, AppId};",
    )
    .unwrap();
    let found = cycles(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(
        found,
        [vec!["apps::calendar".to_owned(), "frame".to_owned()]]
    );
}
