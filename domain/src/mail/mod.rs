//! Mail: an organization's mail domains, its members' mailboxes (shareable like calendars) with
//! their addresses and folders, and the messages a `MailStore` keeps.

pub mod model;

#[cfg(feature = "server")]
pub mod accounts;
#[cfg(feature = "server")]
pub mod actions;
#[cfg(feature = "server")]
pub mod address;
#[cfg(feature = "server")]
pub mod addresses;
#[cfg(feature = "server")]
pub mod compose;
#[cfg(feature = "server")]
pub mod dates;
#[cfg(feature = "server")]
pub mod deliver;
#[cfg(feature = "server")]
pub mod domains;
#[cfg(feature = "server")]
pub mod drafts;
#[cfg(feature = "server")]
pub(crate) mod embedded;
#[cfg(feature = "server")]
mod folder_tree;
#[cfg(feature = "server")]
pub mod folders;
#[cfg(feature = "server")]
pub mod intake;
#[cfg(feature = "server")]
pub mod list;
#[cfg(feature = "server")]
pub mod messages;
#[cfg(feature = "server")]
pub mod overview;
#[cfg(feature = "server")]
pub mod parse;
#[cfg(feature = "server")]
pub mod read;
pub mod replies;
#[cfg(feature = "server")]
pub mod sanitize;
#[cfg(feature = "server")]
pub mod search;
#[cfg(feature = "server")]
pub mod send;
#[cfg(feature = "server")]
pub mod store;
#[cfg(feature = "server")]
pub mod suggest;
#[cfg(feature = "server")]
pub mod threading;
#[cfg(feature = "server")]
pub mod uploads;

pub use model::*;
