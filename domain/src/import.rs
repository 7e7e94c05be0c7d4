//! What imports of either app (calendars, contacts) report: the items they leave out, and what
//! their Undo needs.

use serde::{Deserialize, Serialize};

/// Where an import goes: a collection the member may write to, or a new one made in the same
/// transaction as the import (so a refused file leaves no empty one behind), with its colour
/// where the kind has one (a calendar; the default colour when none is given).
#[derive(Debug, Clone, PartialEq)]
pub enum ImportTarget {
    Existing(String),
    New { name: String, color: Option<String> },
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
