//! The reasons a calendar input is refused (`DomainError::Invalid`'s `reason`). They are stable
//! codes, like the Foundation's, so the UI shows them in the user's language and the REST API
//! returns them as `error.code`; `ALL` lets the UI test that each has a text.

pub const TITLE_REQUIRED: &str = "title_required";
pub const TITLE_TOO_LONG: &str = "title_too_long";
pub const LOCATION_TOO_LONG: &str = "location_too_long";
pub const DESCRIPTION_TOO_LONG: &str = "description_too_long";
pub const URL_INVALID: &str = "url_invalid";
pub const COLOR_INVALID: &str = "color_invalid";
pub const DATE_INVALID: &str = "date_invalid";
pub const TIME_REQUIRED: &str = "time_required";
pub const END_BEFORE_START: &str = "end_before_start";
pub const RECURRENCE_INTERVAL: &str = "recurrence_interval";
pub const RECURRENCE_WEEKDAYS: &str = "recurrence_weekdays";
pub const RECURRENCE_UNTIL_AND_COUNT: &str = "recurrence_until_and_count";
pub const RECURRENCE_ENDS_BEFORE_START: &str = "recurrence_ends_before_start";
pub const RECURRENCE_COUNT: &str = "recurrence_count";
pub const RECURRENCE_INVALID: &str = "recurrence_invalid";
pub const WINDOW_TOO_LONG: &str = "window_too_long";
pub const SERIES_MOVES_WHOLE: &str = "series_moves_whole";
pub const HOLIDAYS_REGION_UNKNOWN: &str = "holidays_region_unknown";
pub use crate::sharing::{GRANTEE_IS_OWNER, GRANTEE_NOT_MEMBER, GRANTEE_NOT_TEAM};
pub const SETTINGS_OUT_OF_RANGE: &str = "settings_out_of_range";
pub use crate::error::FILE_NOT_UTF8;
pub const FILE_NOT_ICALENDAR: &str = "file_not_icalendar";
pub const FILE_INVALID: &str = "file_invalid";
pub const PRIORITY_INVALID: &str = "priority_invalid";
pub const NOT_A_TASK: &str = "not_a_task";
pub const VIDEO_NOT_CONFIGURED: &str = "video_not_configured";

pub const ALL: [&str; 28] = [
    TITLE_REQUIRED,
    TITLE_TOO_LONG,
    LOCATION_TOO_LONG,
    DESCRIPTION_TOO_LONG,
    URL_INVALID,
    COLOR_INVALID,
    DATE_INVALID,
    TIME_REQUIRED,
    END_BEFORE_START,
    RECURRENCE_INTERVAL,
    RECURRENCE_WEEKDAYS,
    RECURRENCE_UNTIL_AND_COUNT,
    RECURRENCE_ENDS_BEFORE_START,
    RECURRENCE_COUNT,
    RECURRENCE_INVALID,
    WINDOW_TOO_LONG,
    SERIES_MOVES_WHOLE,
    HOLIDAYS_REGION_UNKNOWN,
    GRANTEE_IS_OWNER,
    GRANTEE_NOT_MEMBER,
    GRANTEE_NOT_TEAM,
    SETTINGS_OUT_OF_RANGE,
    FILE_NOT_UTF8,
    FILE_NOT_ICALENDAR,
    FILE_INVALID,
    PRIORITY_INVALID,
    NOT_A_TASK,
    VIDEO_NOT_CONFIGURED,
];
