//! Contacts: address books of vCards (the text is the source of truth, indexed columns serve
//! lists and searches), sharing, import and export.

mod csv_localized;
pub mod csv_map;
pub mod model;

#[cfg(feature = "server")]
pub mod books;
#[cfg(feature = "server")]
pub mod bulk;
#[cfg(feature = "server")]
mod card_rows;
#[cfg(feature = "server")]
pub mod cards;
#[cfg(feature = "server")]
pub mod directory;
#[cfg(feature = "server")]
pub mod duplicates;
#[cfg(feature = "server")]
pub mod group_names;
#[cfg(feature = "server")]
pub mod groups;
#[cfg(feature = "server")]
pub mod history;
#[cfg(feature = "server")]
pub mod input;
#[cfg(feature = "server")]
pub mod photo;
#[cfg(feature = "server")]
pub(crate) mod store;
#[cfg(feature = "server")]
pub mod transfer;
#[cfg(feature = "server")]
pub mod trash;
#[cfg(feature = "server")]
pub mod vcard;

pub use model::*;
