//! What imports of either app (calendars, contacts) share: where they go, what they report (the
//! items they leave out), and what their Undo needs.

use serde::{Deserialize, Serialize};

#[cfg(feature = "server")]
pub(crate) mod stored;

/// Where an import goes: a collection the member may write to, or a new one made in the same
/// transaction as the import (so a refused file leaves no empty one behind), with its colour
/// where the kind has one (a calendar; the default colour when none is given).
#[derive(Debug, Clone, PartialEq)]
pub enum ImportTarget {
    Existing(String),
    New { name: String, color: Option<String> },
}

/// The collection an import went to, named as its app's API names it (`calendar_id`,
/// `book_id`).
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ImportedInto {
    Calendar { calendar_id: String },
    Book { book_id: String },
}

impl ImportedInto {
    pub fn id(&self) -> &str {
        match self {
            ImportedInto::Calendar { calendar_id } => calendar_id,
            ImportedInto::Book { book_id } => book_id,
        }
    }

    pub fn into_id(self) -> String {
        match self {
            ImportedInto::Calendar { calendar_id } => calendar_id,
            ImportedInto::Book { book_id } => book_id,
        }
    }

    pub fn kind(&self) -> crate::live::CollectionKind {
        match self {
            ImportedInto::Calendar { .. } => crate::live::CollectionKind::Calendar,
            ImportedInto::Book { .. } => crate::live::CollectionKind::AddressBook,
        }
    }
}

/// What an import did, in either app.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImportSummary {
    #[serde(flatten)]
    pub into: ImportedInto,
    pub imported: u32,
    pub updated: u32,
    /// Already present with the same content.
    pub unchanged: u32,
    pub skipped: Vec<Skipped>,
    /// What the import added and replaced, which its Undo takes back.
    #[serde(default)]
    pub changes: ImportChanges,
    /// The import made the collection it went to: its Undo deletes that collection.
    #[serde(default)]
    pub made: bool,
}

impl ImportSummary {
    /// A summary of nothing done yet, into `into`, which `target` names or makes.
    pub fn new(into: ImportedInto, target: &ImportTarget) -> ImportSummary {
        ImportSummary {
            into,
            imported: 0,
            updated: 0,
            unchanged: 0,
            skipped: Vec::new(),
            changes: ImportChanges::default(),
            made: matches!(target, ImportTarget::New { .. }),
        }
    }
}

/// Where in its file a skipped item was: a calendar item by its UID (or, without one, its
/// position, "VEVENT #12"), a contact by its line, since a CSV row has no UID.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
pub enum SkippedAt {
    Item { item: String },
    Line { line: u32 },
}

impl SkippedAt {
    pub fn line(line: u32) -> SkippedAt {
        SkippedAt::Line { line }
    }

    pub fn item(item: impl Into<String>) -> SkippedAt {
        SkippedAt::Item { item: item.into() }
    }
}

impl std::fmt::Display for SkippedAt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SkippedAt::Item { item } => f.write_str(item),
            SkippedAt::Line { line } => write!(f, "{line}"),
        }
    }
}

/// An item an import left out, and why.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Skipped {
    #[serde(flatten)]
    pub at: SkippedAt,
    /// Why, as a stable code the UI shows in the member's language.
    pub code: SkipCode,
    /// Why, in English, with the parser's own words where there are some.
    pub reason: String,
}

/// What an import changed, which its Undo takes back: the items it added (to the trash) and
/// those it replaced (their texts from before, kept as versions at `at`).
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportChanges {
    // Defaults, because a form leaves an empty list out (server functions send forms).
    #[serde(default)]
    pub created: Vec<String>,
    #[serde(default)]
    pub replaced: Vec<String>,
    /// When the import ran (UTC seconds): the versions it kept are of that moment.
    #[serde(default)]
    pub at: i64,
}

impl ImportChanges {
    /// How many items an Undo may name: an import of the most items either app takes.
    pub const MAX_ITEMS: usize = 10_000;

    pub fn is_empty(&self) -> bool {
        self.created.is_empty() && self.replaced.is_empty()
    }
}

/// Why an import left an item out.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SkipCode {
    /// A calendar component the Calendar does not keep (VJOURNAL, VFREEBUSY...).
    Unsupported,
    /// Several items share a UID without being one series.
    UidRepeated,
    NoUid,
    /// An event without DTSTART.
    NoStart,
    /// An RRULE (or its dates) that cannot be expanded.
    BadRecurrence,
    Unreadable,
    /// A contact without a name, an organization or an e-mail address.
    NoName,
    /// A card or item whose END line is missing.
    Unterminated,
    /// An item imported without a part it held: a photo an upload would have refused, a value
    /// no strict reader takes, a line that is no content line.
    PartLeftOut,
}

impl SkipCode {
    pub const ALL: [SkipCode; 9] = [
        SkipCode::Unsupported,
        SkipCode::UidRepeated,
        SkipCode::NoUid,
        SkipCode::NoStart,
        SkipCode::BadRecurrence,
        SkipCode::Unreadable,
        SkipCode::NoName,
        SkipCode::Unterminated,
        SkipCode::PartLeftOut,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SkipCode::Unsupported => "unsupported",
            SkipCode::UidRepeated => "uid_repeated",
            SkipCode::NoUid => "no_uid",
            SkipCode::NoStart => "no_start",
            SkipCode::BadRecurrence => "bad_recurrence",
            SkipCode::Unreadable => "unreadable",
            SkipCode::NoName => "no_name",
            SkipCode::Unterminated => "unterminated",
            SkipCode::PartLeftOut => "part_left_out",
        }
    }
}

#[cfg(all(test, feature = "server"))]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_summary_names_its_collection_and_items_as_each_app_does() {
        let mut contacts = ImportSummary::new(
            ImportedInto::Book {
                book_id: "b1".into(),
            },
            &ImportTarget::Existing("b1".into()),
        );
        contacts.skipped.push(Skipped {
            at: SkippedAt::line(3),
            code: SkipCode::NoName,
            reason: "no name".into(),
        });
        let wire = serde_json::to_value(&contacts).ok();
        assert_eq!(
            wire.as_ref()
                .map(|w| (&w["book_id"], &w["skipped"][0]["line"])),
            Some((&json!("b1"), &json!(3)))
        );
        let back: Option<ImportSummary> = wire.and_then(|w| serde_json::from_value(w).ok());
        assert_eq!(back.as_ref(), Some(&contacts));

        let calendar = json!({"calendar_id": "c1", "imported": 1, "updated": 0, "unchanged": 0,
            "skipped": [{"item": "VEVENT #2", "code": "no_start", "reason": "no DTSTART"}]});
        let read: Option<ImportSummary> = serde_json::from_value(calendar).ok();
        assert_eq!(
            read.map(|r| (r.into.into_id(), r.skipped[0].at.to_string())),
            Some(("c1".to_owned(), "VEVENT #2".to_owned()))
        );
    }
}
