//! The two migration folders describe one schema: the same files, differing only in the
//! column types each database needs (see `migrations/README.md`).

use std::collections::BTreeSet;
use std::path::Path;

/// What PostgreSQL spells differently: SQLite's type, PostgreSQL's.
const TYPES: [(&str, &str); 2] = [("INTEGER", "BIGINT"), ("BLOB", "BYTEA")];

/// Files whose PostgreSQL text may differ beyond `TYPES`, each with its reason.
const MAY_DIFFER: &[&str] = &[
    // A message's `num` is SQLite's rowid (`INTEGER PRIMARY KEY AUTOINCREMENT`, which the
    // full-text index joins on) and an identity column on PostgreSQL.
    "0016_mail_messages.sql",
    // The full-text index: an FTS5 virtual table on SQLite, a tsvector with a GIN index on
    // PostgreSQL (`store::fts` holds the SQL that reads and writes each).
    "0017_mail_search.sql",
];

fn files(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".sql"))
        .collect()
}

/// `text` with SQLite's type names replaced by PostgreSQL's, as whole words only.
fn as_postgres(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        let spelled = TYPES
            .iter()
            .find(|(sqlite, _)| *sqlite == word.as_str())
            .map_or(word.as_str(), |(_, pg)| pg);
        out.push_str(spelled);
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

#[test]
fn both_databases_have_the_same_migrations_but_for_their_types() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let (sqlite, postgres) = (root.join("sqlite"), root.join("postgres"));
    let names = files(&sqlite);
    assert_eq!(
        names,
        files(&postgres),
        "the same migration files in both folders"
    );
    assert!(names.len() >= 11);
    for name in &names {
        if MAY_DIFFER.contains(&name.as_str()) {
            continue;
        }
        let lite = std::fs::read_to_string(sqlite.join(name)).unwrap();
        let pg = std::fs::read_to_string(postgres.join(name)).unwrap();
        assert_eq!(
            as_postgres(&lite),
            pg,
            "{name}: the PostgreSQL file differs beyond its types; make them match or list it in MAY_DIFFER"
        );
    }
}

#[test]
fn only_whole_type_names_are_respelled() {
    assert_eq!(
        as_postgres("n INTEGER NOT NULL, INTEGERS_KEPT TEXT, b BLOB"),
        "n BIGINT NOT NULL, INTEGERS_KEPT TEXT, b BYTEA"
    );
}
