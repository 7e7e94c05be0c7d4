//! The reasons a contact input is refused (`DomainError::Invalid`'s `reason`): stable codes the
//! UI shows in the member's language and the REST API returns as `error.code`.

pub const CONTACT_EMPTY: &str = "contact_empty";
pub const FIELD_TOO_LONG: &str = "field_too_long";
pub const TOO_MANY_VALUES: &str = "too_many_values";
pub const EMAIL_INVALID: &str = "email_invalid";
pub const DATE_INVALID: &str = "date_invalid";
pub const URL_INVALID: &str = "url_invalid";
pub use crate::error::FILE_NOT_UTF8;
pub const FILE_NOT_VCARD: &str = "file_not_vcard";
pub const FILE_NOT_CSV: &str = "file_not_csv";
/// A CSV file whose header row matches no known export: the columns must be chosen by hand.
pub const CSV_COLUMNS_UNKNOWN: &str = "csv_columns_unknown";

/// A day to restore a book to that is not within the trash's 30 days, before today.
pub const RESTORE_DAY_OUT_OF_RANGE: &str = "restore_day_out_of_range";

/// A merge needs a reference card and at least one other, all in one book.
pub const MERGE_NEEDS_TWO: &str = "merge_needs_two";
pub const MERGE_OTHER_BOOK: &str = "merge_other_book";
/// A merge whose contact was moved or deleted since: undoing it would bring it back there.
pub const MERGE_CHANGED_SINCE: &str = "merge_changed_since";

/// A photo that is not a JPEG, PNG or WebP image in a `data:` URI (or a web address).
pub const PHOTO_INVALID: &str = "photo_invalid";

/// A group needs a name; a book holds one group of a name (letter case aside).
pub const GROUP_NAME_EMPTY: &str = "group_name_empty";
pub const GROUP_EXISTS: &str = "group_exists";

pub const ALL: [&str; 17] = [
    CONTACT_EMPTY,
    FIELD_TOO_LONG,
    TOO_MANY_VALUES,
    EMAIL_INVALID,
    DATE_INVALID,
    URL_INVALID,
    FILE_NOT_UTF8,
    FILE_NOT_VCARD,
    FILE_NOT_CSV,
    CSV_COLUMNS_UNKNOWN,
    RESTORE_DAY_OUT_OF_RANGE,
    MERGE_NEEDS_TWO,
    MERGE_OTHER_BOOK,
    MERGE_CHANGED_SINCE,
    PHOTO_INVALID,
    GROUP_NAME_EMPTY,
    GROUP_EXISTS,
];
