//! Turns the locale files into a typed `Key` enum and one text table per language, and fails the
//! build when a language lacks a key, has an unknown one, or leaves a text empty.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

const LOCALES: [&str; 5] = ["fr", "en", "de", "it", "es"];

fn parse(path: &Path) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut map = BTreeMap::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line
            .split_once(" = ")
            .unwrap_or_else(|| panic!("{}:{}: expected `key = text`", path.display(), n + 1));
        let (key, value) = (key.trim(), value.trim());
        assert!(
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
            "{}:{}: keys are snake_case",
            path.display(),
            n + 1
        );
        assert!(
            !value.is_empty(),
            "{}:{}: empty text for {key}",
            path.display(),
            n + 1
        );
        assert!(
            map.insert(key.to_owned(), value.to_owned()).is_none(),
            "{}:{}: {key} given twice",
            path.display(),
            n + 1
        );
    }
    map
}

fn camel(key: &str) -> String {
    key.split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

fn main() {
    let dir =
        Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets this")).join("locales");
    println!("cargo:rerun-if-changed=locales");
    let tables: Vec<BTreeMap<String, String>> = LOCALES
        .iter()
        .map(|code| parse(&dir.join(format!("{code}.txt"))))
        .collect();
    let reference = &tables[1];
    for (code, table) in LOCALES.iter().zip(&tables) {
        let missing: Vec<_> = reference
            .keys()
            .filter(|k| !table.contains_key(*k))
            .collect();
        let extra: Vec<_> = table
            .keys()
            .filter(|k| !reference.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "locales/{code}.txt lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "locales/{code}.txt has unknown keys {extra:?}"
        );
    }

    let mut out = String::new();
    out.push_str("/// A UI text. Generated from `app/locales/*.txt`.\n");
    out.push_str("#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]\npub enum Key {\n");
    for key in reference.keys() {
        writeln!(out, "    {},", camel(key)).expect("write to String");
    }
    out.push_str("}\n\nimpl Key {\n    pub const ALL: &'static [Key] = &[");
    for key in reference.keys() {
        write!(out, "Key::{}, ", camel(key)).expect("write to String");
    }
    out.push_str("];\n\n    /// The key's name in the locale files.\n    pub fn name(self) -> &'static str {\n        match self {\n");
    for key in reference.keys() {
        writeln!(out, "            Key::{} => {key:?},", camel(key)).expect("write to String");
    }
    out.push_str("        }\n    }\n\n    pub fn from_name(name: &str) -> Option<Key> {\n        match name {\n");
    for key in reference.keys() {
        writeln!(out, "            {key:?} => Some(Key::{}),", camel(key))
            .expect("write to String");
    }
    out.push_str("            _ => None,\n        }\n    }\n\n    pub fn text(self, locale: Locale) -> &'static str {\n        let table: &[&str] = match locale {\n");
    for code in LOCALES {
        let variant = camel(code);
        writeln!(
            out,
            "            Locale::{variant} => &{},",
            code.to_uppercase()
        )
        .expect("write to String");
    }
    out.push_str("        };\n        table[self as usize]\n    }\n}\n\n");
    for (code, table) in LOCALES.iter().zip(&tables) {
        writeln!(
            out,
            "static {}: [&str; {}] = [",
            code.to_uppercase(),
            table.len()
        )
        .expect("write to String");
        for value in table.values() {
            writeln!(out, "    {value:?},").expect("write to String");
        }
        out.push_str("];\n");
    }
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets this")).join("i18n_keys.rs");
    std::fs::write(target, out).expect("write generated i18n table");
}
