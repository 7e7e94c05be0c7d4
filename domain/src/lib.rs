//! The suite's model, rules and storage. Plain Rust: no Leptos, no HTTP.
//!
//! Without the `server` feature only the model (roles, products, presence, locales, the shared
//! data shapes) is compiled, so the browser build can use the same types.

pub mod codes;
pub mod color;
pub mod date_entry;
pub mod error;
pub mod import;
pub mod live;
pub mod locale;
pub mod org;
pub mod presence;
pub mod reason;
pub mod sharing;
pub mod trash;
pub mod views;

pub mod auth;
pub mod calendar;
pub mod contacts;
pub mod mail;

#[cfg(feature = "server")]
pub mod blobs;
#[cfg(feature = "server")]
pub mod clock;
#[cfg(feature = "server")]
pub mod collections;
#[cfg(feature = "server")]
pub mod content_lines;
#[cfg(feature = "server")]
pub mod country;
#[cfg(feature = "server")]
pub mod demo;
#[cfg(feature = "server")]
pub mod files;
#[cfg(feature = "server")]
pub mod ids;
#[cfg(feature = "server")]
pub mod jobs;
#[cfg(feature = "server")]
pub mod mailer;
#[cfg(feature = "server")]
pub mod offload;
#[cfg(feature = "server")]
pub mod store;
#[cfg(feature = "testing")]
pub mod testing;
#[cfg(feature = "server")]
pub mod undo;
#[cfg(feature = "server")]
pub mod upload;

pub use error::{DomainError, DomainResult, ErrorReport, LimitKind};
