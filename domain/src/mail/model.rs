//! What the Mail app and the API show of mailboxes and folders.

use crate::sharing::Permission;
use serde::{Deserialize, Serialize};

/// What a folder the suite makes in every mailbox is for (IMAP's SPECIAL-USE, JMAP's role).
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FolderRole {
    Inbox,
    Drafts,
    Sent,
    Archive,
    Spam,
    Trash,
}

crate::codes!(FolderRole {
    Inbox => "inbox",
    Drafts => "drafts",
    Sent => "sent",
    Archive => "archive",
    Spam => "spam",
    Trash => "trash",
});

impl FolderRole {
    /// The name it is stored under, which mail clients see; the web app shows each in the
    /// member's language.
    pub fn stored_name(self) -> &'static str {
        match self {
            FolderRole::Inbox => "Inbox",
            FolderRole::Drafts => "Drafts",
            FolderRole::Sent => "Sent",
            FolderRole::Archive => "Archive",
            FolderRole::Spam => "Spam",
            FolderRole::Trash => "Trash",
        }
    }
}

/// A mailbox the member sees: their own or one shared with them.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxView {
    pub id: String,
    /// The name messages from it are sent under.
    pub name: String,
    /// The address it sends from; empty until the organization has a mail domain.
    pub address: String,
    pub aliases: Vec<String>,
    pub owner_id: String,
    pub owner_name: String,
    pub access: Permission,
    /// The mailbox a new message is written from.
    pub is_default: bool,
}

/// A folder of a mailbox, in the order the folder list shows them: the suite's folders first,
/// then the member's own by name, each followed by its subfolders.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FolderView {
    pub id: String,
    /// '' at the top.
    pub parent_id: String,
    pub name: String,
    pub role: Option<FolderRole>,
    /// How deep it sits: 0 at the top.
    pub depth: u32,
    pub total: u64,
    pub unread: u64,
}

/// A domain an organization receives mail for.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailDomainView {
    pub domain: String,
    /// The domain members' addresses are made on: the first one added.
    pub primary: bool,
    /// How many addresses (primary or alias) are on it.
    pub addresses: u64,
}
