//! The shapes the Contacts UI and the REST API read and send.

use crate::sharing::Permission;
use serde::{Deserialize, Serialize};

/// An address book as one member sees it.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AddressBookView {
    pub id: String,
    pub name: String,
    pub owner_id: String,
    pub owner_name: String,
    pub access: Permission,
    /// Where new contacts go unless another book is chosen.
    pub is_default: bool,
    pub contacts: u32,
    /// The organization's directory: read-only, made from its members (see
    /// `contacts::directory`); the UI names it in the member's language.
    #[serde(default)]
    pub directory: bool,
}

/// A line of the contact list.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactSummary {
    pub id: String,
    pub book_id: String,
    pub full_name: String,
    /// The list's section: the first letter of the sort key, upper-cased ("#" for none).
    pub initial: String,
    pub email: String,
    pub phone: String,
    pub organization: String,
    /// The groups (vCard CATEGORIES) the contact is in, as written.
    #[serde(default)]
    pub groups: Vec<String>,
}

/// A group of a book's contacts, with how many live contacts are in it.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactGroup {
    pub name: String,
    pub contacts: u32,
}

/// The organization's directory's id where a book id is expected (see `contacts::directory`);
/// its entries are `directory:<account id>`.
pub const DIRECTORY_ID: &str = "directory";

/// Whether a contact id names an entry of the directory (a member, not a stored contact).
pub fn directory_entry(id: &str) -> bool {
    id.strip_prefix(DIRECTORY_ID)
        .is_some_and(|rest| rest.starts_with(':'))
}

/// A group's name as stored: inner spaces and line breaks made single spaces, trimmed.
pub fn group_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether two group names are the same group: groups differ by more than letter case.
pub fn same_group(a: &str, b: &str) -> bool {
    group_name(a).to_lowercase() == group_name(b).to_lowercase()
}

/// What kind of address, number or e-mail a value is (vCard `TYPE`).
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    Home,
    Work,
    /// A mobile phone.
    Cell,
    #[default]
    Other,
}

impl FieldKind {
    pub const ALL: [FieldKind; 4] = [
        FieldKind::Home,
        FieldKind::Work,
        FieldKind::Cell,
        FieldKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FieldKind::Home => "home",
            FieldKind::Work => "work",
            FieldKind::Cell => "cell",
            FieldKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<FieldKind> {
        FieldKind::ALL
            .into_iter()
            .find(|k| k.code().eq_ignore_ascii_case(code))
    }
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TypedValue {
    #[serde(default)]
    pub kind: FieldKind,
    pub value: String,
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PostalAddress {
    pub kind: FieldKind,
    pub street: String,
    pub locality: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

impl PostalAddress {
    pub fn is_empty(&self) -> bool {
        [
            &self.street,
            &self.locality,
            &self.region,
            &self.postal_code,
            &self.country,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// The fields a member edits. Properties the form does not show stay in the stored vCard.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactInput {
    pub book_id: String,
    pub prefix: String,
    pub first: String,
    pub middle: String,
    pub last: String,
    pub suffix: String,
    pub nickname: String,
    pub emails: Vec<TypedValue>,
    pub phones: Vec<TypedValue>,
    pub addresses: Vec<PostalAddress>,
    pub organization: String,
    pub title: String,
    /// "YYYY-MM-DD", or "--MM-DD" when the year is unknown; empty for none.
    pub birthday: String,
    pub anniversary: String,
    pub website: String,
    pub notes: String,
    /// The groups (vCard CATEGORIES) the contact is in.
    pub groups: Vec<String>,
    /// The photo as a `data:image/…;base64,` URI, cropped square by the form; or the address
    /// of one elsewhere, as an imported card gave it; empty for none.
    pub photo: String,
}

/// A stored contact: its fields and whether this member may change it.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ContactDetail {
    pub id: String,
    pub full_name: String,
    pub fields: ContactInput,
    pub writable: bool,
    /// For an entry of the organization's directory: the member's role there.
    #[serde(default)]
    pub role: Option<crate::org::Role>,
    /// Fields of the member's own (kept from a CSV column the suite has no field for).
    #[serde(default)]
    pub custom: Vec<CustomField>,
}

/// A field of the member's own: an `X-` property with the name it was given.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomField {
    pub label: String,
    pub value: String,
}

/// What a CSV column holds, in the mapping step of an import.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "field", content = "kind", rename_all = "snake_case")]
pub enum CsvField {
    Prefix,
    First,
    Middle,
    Last,
    Suffix,
    Nickname,
    /// A whole name in one column, used when there are no name parts.
    FullName,
    Email(FieldKind),
    /// Gmail's "E-mail 1 - Label" ("* Home", "Work"…): the kind of the e-mail in the next value
    /// column.
    EmailLabel,
    Phone(FieldKind),
    PhoneLabel,
    Street(FieldKind),
    Locality(FieldKind),
    Region(FieldKind),
    PostalCode(FieldKind),
    Country(FieldKind),
    Organization,
    Title,
    Birthday,
    /// Thunderbird writes the birthday in three columns.
    BirthYear,
    BirthMonth,
    BirthDay,
    Anniversary,
    Website,
    Notes,
    /// Groups in one cell: Outlook's "Categories" (separated by ";"), Gmail's "Labels" or
    /// "Group Membership" (separated by " ::: ").
    Groups,
    /// A field of the member's own, named by the column's header (an `X-` property).
    Custom,
}

/// A column meaning that takes a kind (`CsvField::Email`…).
type KindedField = fn(FieldKind) -> CsvField;

impl CsvField {
    /// The meanings without a kind, by code.
    const PLAIN: [(&'static str, CsvField); 20] = [
        ("prefix", CsvField::Prefix),
        ("first", CsvField::First),
        ("middle", CsvField::Middle),
        ("last", CsvField::Last),
        ("suffix", CsvField::Suffix),
        ("nickname", CsvField::Nickname),
        ("full_name", CsvField::FullName),
        ("email_label", CsvField::EmailLabel),
        ("phone_label", CsvField::PhoneLabel),
        ("organization", CsvField::Organization),
        ("title", CsvField::Title),
        ("birthday", CsvField::Birthday),
        ("birth_year", CsvField::BirthYear),
        ("birth_month", CsvField::BirthMonth),
        ("birth_day", CsvField::BirthDay),
        ("anniversary", CsvField::Anniversary),
        ("website", CsvField::Website),
        ("notes", CsvField::Notes),
        ("groups", CsvField::Groups),
        ("custom", CsvField::Custom),
    ];
    /// The meanings that come with a kind ("email.home"), by code.
    const KINDED: [(&'static str, KindedField); 7] = [
        ("email", CsvField::Email),
        ("phone", CsvField::Phone),
        ("street", CsvField::Street),
        ("locality", CsvField::Locality),
        ("region", CsvField::Region),
        ("postal_code", CsvField::PostalCode),
        ("country", CsvField::Country),
    ];

    /// Every meaning a column can have, in the order the mapping step offers them.
    pub fn all() -> Vec<CsvField> {
        let plain = CsvField::PLAIN.iter().map(|(_, f)| *f);
        // A mobile is a phone, never an address.
        let kinded = CsvField::KINDED.iter().flat_map(|(code, make)| {
            let postal = !matches!(*code, "email" | "phone");
            FieldKind::ALL
                .into_iter()
                .filter(move |kind| !(postal && *kind == FieldKind::Cell))
                .map(make)
        });
        plain
            .clone()
            .take(7)
            .chain(kinded)
            .chain(plain.skip(7))
            .collect()
    }

    /// A stable code: "first", "email.home"; the REST import's `columns` list is made of them.
    pub fn code(self) -> String {
        if let Some((code, _)) = CsvField::PLAIN.iter().find(|(_, f)| *f == self) {
            return (*code).to_owned();
        }
        FieldKind::ALL
            .into_iter()
            .find_map(|kind| {
                CsvField::KINDED
                    .iter()
                    .find(|(_, make)| make(kind) == self)
                    .map(|(code, _)| format!("{code}.{}", kind.code()))
            })
            .unwrap_or_default()
    }

    pub fn from_code(code: &str) -> Option<CsvField> {
        CsvField::all().into_iter().find(|f| f.code() == code)
    }

    /// A `columns` list: codes separated by commas, an empty code for a column left out.
    pub fn parse_list(list: &str) -> Result<Vec<Option<CsvField>>, String> {
        list.split(',')
            .map(|code| match code.trim() {
                "" => Ok(None),
                code => CsvField::from_code(code)
                    .map(Some)
                    .ok_or_else(|| code.to_owned()),
            })
            .collect()
    }
}

/// The exports whose headers the import recognises.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CsvPreset {
    Outlook,
    Gmail,
    Thunderbird,
    Apple,
}

impl CsvPreset {
    pub const ALL: [CsvPreset; 4] = [
        CsvPreset::Outlook,
        CsvPreset::Gmail,
        CsvPreset::Thunderbird,
        CsvPreset::Apple,
    ];
}

/// A CSV file as the import's mapping step shows it.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CsvPreview {
    pub headers: Vec<String>,
    /// The export the headers come from, when recognised.
    pub preset: Option<CsvPreset>,
    /// Each column's meaning (by the preset; all `None` when none was recognised).
    pub mapping: Vec<Option<CsvField>>,
    /// The first rows, to show what each column holds.
    pub sample: Vec<Vec<String>>,
}

/// What a change of several contacts at once did: `skipped` ones were already in the target
/// book (same UID) or in a book the member may not change.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    pub done: u32,
    pub skipped: u32,
    /// The contacts the action changed, which its Undo acts on: the copies it made, or the
    /// contacts it moved, grouped, ungrouped, trashed or restored.
    #[serde(default)]
    pub changed: Vec<String>,
}

impl BulkOutcome {
    /// `changed` out of a selection of `asked`; the rest counts as skipped.
    pub fn of(asked: usize, changed: Vec<String>) -> BulkOutcome {
        BulkOutcome::counted(asked, changed.len(), changed)
    }

    /// `done` out of `asked` (some needed no change, like a contact already in the group),
    /// of which `changed` changed.
    pub fn counted(asked: usize, done: usize, changed: Vec<String>) -> BulkOutcome {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        BulkOutcome {
            done: count(done),
            skipped: count(asked.saturating_sub(done)),
            changed,
        }
    }
}

/// What restoring a book to a day did.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreOutcome {
    /// Contacts given back their text of that day (from the trash, an edit or another book).
    pub restored: u32,
    /// Contacts added since that day, now in the trash.
    pub removed: u32,
    pub unchanged: u32,
}

/// Why contacts were grouped as likely duplicates.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchReason {
    SameEmail,
    SamePhone,
    /// The same name and the same organization or birthday; a name alone never matches.
    SameNameAndMore,
}

/// Contacts of one book that are likely the same person.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DuplicateGroup {
    pub contacts: Vec<ContactSummary>,
    pub reasons: Vec<MatchReason>,
}

/// A value a merge adds to the reference card: its vCard property ("EMAIL") and its text.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeValue {
    pub property: String,
    pub value: String,
}
