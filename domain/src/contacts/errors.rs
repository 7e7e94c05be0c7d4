//! The reasons a contact input is refused (`DomainError::Invalid`'s `reason`): stable codes the
//! UI shows in the member's language and the REST API returns as `error.code`.

pub const CONTACT_EMPTY: &str = "contact_empty";
pub const FIELD_TOO_LONG: &str = "field_too_long";
pub const TOO_MANY_VALUES: &str = "too_many_values";
pub const EMAIL_INVALID: &str = "email_invalid";
pub const DATE_INVALID: &str = "date_invalid";
pub const URL_INVALID: &str = "url_invalid";

pub const ALL: [&str; 6] = [
    CONTACT_EMPTY,
    FIELD_TOO_LONG,
    TOO_MANY_VALUES,
    EMAIL_INVALID,
    DATE_INVALID,
    URL_INVALID,
];
