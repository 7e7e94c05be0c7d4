//! The Calendar: calendars, events and tasks stored as iCalendar text, recurrence expanded on
//! read, sharing, public feeds, import and export.

pub mod access;
pub mod days;
pub mod model;
pub mod month;

#[cfg(feature = "server")]
pub mod attachments;
#[cfg(feature = "server")]
pub mod birthdays;
#[cfg(feature = "server")]
pub mod calendars;
#[cfg(feature = "server")]
pub mod event;
#[cfg(feature = "server")]
pub mod events;
#[cfg(feature = "server")]
pub mod holidays;
#[cfg(feature = "server")]
pub mod ical;
#[cfg(feature = "server")]
pub mod import_item;
#[cfg(feature = "server")]
pub mod recurrence;
#[cfg(feature = "server")]
pub(crate) mod store;
#[cfg(feature = "server")]
pub mod tasks;
#[cfg(feature = "server")]
pub mod time;
#[cfg(feature = "server")]
pub mod transfer;
#[cfg(feature = "server")]
pub mod trash;
#[cfg(feature = "server")]
pub mod values;
#[cfg(feature = "server")]
pub mod video;
#[cfg(feature = "server")]
pub mod vtimezone;
#[cfg(feature = "server")]
pub mod window;

pub use access::{CalendarAccess, Grantee, ShareLevel};
pub use model::*;
