//! The calendar shapes the UI and the REST API exchange. Dates and times travel as ISO text in
//! the viewer's time zone ("2026-11-21" or "2026-11-21T09:30"), so the browser needs no time zone
//! database: the server converts.

use super::access::CalendarAccess;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarView {
    pub id: String,
    pub name: String,
    /// `#rrggbb`
    pub color: String,
    pub owner_id: String,
    pub owner_name: String,
    pub access: CalendarAccess,
    /// Hidden by this member: its events are left out of the views.
    pub hidden: bool,
    /// This member's default calendar for new events.
    pub is_default: bool,
    /// Public holidays of a region ("CH-VD", "FR"): read-only, computed on the server.
    pub holidays: Option<String>,
    /// The member's Birthdays calendar: read-only, computed from their contacts, web only.
    #[serde(default)]
    pub birthdays: bool,
    /// The public `.ics` token, shown only to members who may share.
    pub public_token: Option<String>,
}

impl CalendarView {
    /// Holidays or birthdays: its events are computed, none are stored in it.
    pub fn is_computed(&self) -> bool {
        self.holidays.is_some() || self.birthdays
    }

    /// Whether this member may put events into it (a computed calendar takes none).
    pub fn takes_events(&self) -> bool {
        self.access.can_write_events(self.is_computed())
    }
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    Event,
    Task,
}

crate::codes!(ItemKind {
    Event => "event",
    Task => "task",
});

impl From<ItemKind> for crate::trash::TrashKind {
    fn from(kind: ItemKind) -> Self {
        match kind {
            ItemKind::Event => crate::trash::TrashKind::Event,
            ItemKind::Task => crate::trash::TrashKind::Task,
        }
    }
}

/// One occurrence to draw: a single event, one instance of a series, or a task at its due time.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Occurrence {
    pub object_id: String,
    pub calendar_id: String,
    pub kind: ItemKind,
    pub title: String,
    pub location: String,
    pub all_day: bool,
    /// Viewer-local start: "YYYY-MM-DD" when all day, else "YYYY-MM-DDTHH:MM".
    pub start: String,
    /// Viewer-local end, exclusive; same form as `start`.
    pub end: String,
    /// UTC seconds of the start, for ordering.
    pub start_utc: i64,
    /// Identifies this instance of a series (its original start, UTC seconds); `None` for a
    /// single event.
    pub instance: Option<i64>,
    /// `#rrggbb` when the event has its own colour; else the calendar's applies.
    pub color: Option<String>,
    pub done: bool,
    pub writable: bool,
}

/// The occurrences a view draws. A month sends only what its cells show (see
/// `calendar::month`), with each fuller day's count of the rest in `more`; the other views send
/// every occurrence and no counts.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub events: Vec<Occurrence>,
    pub more: Vec<DayMore>,
}

/// A month day that holds more occurrences than its cell shows.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayMore {
    /// "YYYY-MM-DD"
    pub day: String,
    /// How many it does not send.
    pub hidden: u32,
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Frequency {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

/// Which day a monthly series falls on.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonthlyBy {
    /// The same day of the month as the first occurrence.
    MonthDay,
    /// The same nth weekday ("2nd Tuesday"; the last one when it is the 5th).
    NthWeekday,
}

/// A recurrence as the event dialog edits it. Stored as an RRULE (+ EXDATE).
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recurrence {
    pub frequency: Frequency,
    pub interval: u32,
    /// Weekly: ISO weekdays 1 (Monday) to 7; empty means the first occurrence's day.
    #[serde(default)]
    pub weekdays: Vec<u8>,
    #[serde(default = "default_monthly")]
    pub monthly: MonthlyBy,
    /// Last day (inclusive, "YYYY-MM-DD") or number of occurrences; at most one.
    #[serde(default)]
    pub until: Option<String>,
    #[serde(default)]
    pub count: Option<u32>,
    /// Excluded occurrences, by local start date "YYYY-MM-DD".
    #[serde(default)]
    pub excluded: Vec<String>,
}

impl Recurrence {
    /// Every day, week, month or year from the first occurrence on, without end or exclusions:
    /// the rule the other fields refine.
    pub fn every(frequency: Frequency) -> Recurrence {
        Recurrence {
            frequency,
            interval: 1,
            weekdays: Vec::new(),
            monthly: MonthlyBy::MonthDay,
            until: None,
            count: None,
            excluded: Vec::new(),
        }
    }
}

fn default_monthly() -> MonthlyBy {
    MonthlyBy::MonthDay
}

/// An event as the dialog and the REST API create or change it. Times are local to `time_zone`.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventInput {
    pub calendar_id: String,
    #[cfg_attr(feature = "server", schema(min_length = 1, max_length = 500))]
    pub title: String,
    pub all_day: bool,
    /// "YYYY-MM-DDTHH:MM" (or "YYYY-MM-DD" when all day).
    #[cfg_attr(
        feature = "server",
        schema(pattern = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$")
    )]
    pub start: String,
    /// Exclusive end, same form as `start`. All-day: the day after the last day.
    #[cfg_attr(
        feature = "server",
        schema(pattern = r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$")
    )]
    pub end: String,
    /// IANA zone of `start` and `end`; ignored for all-day events.
    pub time_zone: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub color: Option<String>,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub video_url: String,
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
}

/// An event as stored, for the edit dialog: the input shape plus its identity.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDetail {
    pub object_id: String,
    pub uid: String,
    pub writable: bool,
    pub event: EventInput,
}

/// How far an edit or a deletion of one occurrence of a series reaches.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    /// Only this occurrence (a RECURRENCE-ID override or an EXDATE).
    This,
    /// This occurrence and every later one (the series is split).
    Following,
    /// The whole series.
    All,
}

/// A task as its calendar's task list shows it.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskView {
    pub object_id: String,
    pub calendar_id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Viewer-local due date or date-time, as in `Occurrence::start`.
    pub due: Option<String>,
    /// 1 (highest) to 9, 0 when unset, as in iCalendar.
    pub priority: u8,
    pub done: bool,
    pub writable: bool,
}

/// A task as the task dialog and the REST API create or change it.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TaskInput {
    pub calendar_id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" in `time_zone`.
    #[serde(default)]
    pub due: Option<String>,
    /// IANA zone of a due date-time; ignored for a due date.
    #[serde(default)]
    pub time_zone: String,
    /// 1 (highest) to 9, 0 for none.
    #[serde(default)]
    pub priority: u8,
    #[serde(default)]
    pub done: bool,
}

pub use crate::sharing::ShareView;

/// Per-member display settings of the Calendar app.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DisplaySettings {
    /// ISO weekday the week starts on: 1 (Monday) or 7 (Sunday), 6 (Saturday) allowed.
    pub week_start: u8,
    /// First and last visible hour of the week/day grid (0..=24).
    pub day_start: u8,
    pub day_end: u8,
    pub work_start: u8,
    pub work_end: u8,
    pub show_weekends: bool,
    pub hour12: bool,
}

impl Default for DisplaySettings {
    fn default() -> Self {
        DisplaySettings {
            week_start: 1,
            day_start: 0,
            day_end: 24,
            work_start: 8,
            work_end: 18,
            show_weekends: true,
            hour12: false,
        }
    }
}

impl DisplaySettings {
    pub fn validate(&self) -> Result<(), &'static str> {
        if ![1, 6, 7].contains(&self.week_start) {
            return Err("week_start");
        }
        if self.day_start >= self.day_end || self.day_end > 24 {
            return Err("day_end");
        }
        if self.work_start >= self.work_end || self.work_end > 24 {
            return Err("work_end");
        }
        Ok(())
    }
}
