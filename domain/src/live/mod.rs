//! Live events: what every open tab hears on its one stream. Presence and changes to shared
//! collections are one event type; the server routes each to the members who may see it, and a
//! view redraws when what it shows changed.

use crate::presence::PresenceEvent;
use serde::{Deserialize, Serialize};

#[cfg(feature = "server")]
mod audience;
#[cfg(feature = "server")]
mod bus;
#[cfg(feature = "server")]
mod tabs;

#[cfg(feature = "server")]
pub use audience::may_see;
#[cfg(feature = "server")]
pub use bus::{Bus, Routed};

/// One thing a tab is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum LiveEvent {
    Presence(PresenceEvent),
    Change(DataChange),
}

impl LiveEvent {
    /// The name of the server-sent event that carries it.
    pub fn name(&self) -> &'static str {
        match self {
            LiveEvent::Presence(_) => "presence",
            LiveEvent::Change(_) => "change",
        }
    }
}

/// A kind of shared collection.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CollectionKind {
    Calendar,
    AddressBook,
    /// A mailbox: its folders and messages are what it holds.
    MailAccount,
}

impl CollectionKind {
    /// The table its collections live in.
    pub fn table(self) -> &'static str {
        match self {
            CollectionKind::Calendar => "calendars",
            CollectionKind::AddressBook => "address_books",
            CollectionKind::MailAccount => "mail_accounts",
        }
    }
}

/// What changed in a collection: what it holds (events, contacts), or the collection itself
/// (created, renamed, shared, deleted), which changes the list of collections a member sees.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeScope {
    Items,
    Collection,
}

/// A committed change to a collection. It names the collection only: a tab that shows it reads
/// it again through the usual, access-checked calls.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DataChange {
    pub org_id: String,
    pub kind: CollectionKind,
    pub collection_id: String,
    pub scope: ChangeScope,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_travel_as_tagged_json() {
        let change = LiveEvent::Change(DataChange {
            org_id: "o".into(),
            kind: CollectionKind::AddressBook,
            collection_id: "b".into(),
            scope: ChangeScope::Items,
        });
        let text = serde_json::to_string(&change).unwrap();
        assert_eq!(
            text,
            r#"{"type":"change","org_id":"o","kind":"address_book","collection_id":"b","scope":"items"}"#
        );
        assert_eq!(serde_json::from_str::<LiveEvent>(&text).unwrap(), change);
        assert_eq!(change.name(), "change");
    }
}
