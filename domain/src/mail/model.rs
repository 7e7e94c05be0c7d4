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

/// The order of a message list.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MailSort {
    #[default]
    Date,
    From,
    Subject,
    Size,
}

crate::codes!(MailSort {
    Date => "date",
    From => "from",
    Subject => "subject",
    Size => "size",
});

/// A window of a folder's list (or of a search), shaped like JMAP's `Email/query`: a sort, a
/// position, or an anchor (a message) and an offset from it, and how many rows.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    pub mailbox_id: String,
    /// The folder listed; a search with none looks in every folder but Spam and Trash.
    #[serde(default)]
    pub folder_id: String,
    #[serde(default)]
    pub sort: MailSort,
    /// Oldest, A or smallest first; by default the newest, Z or largest is.
    #[serde(default)]
    pub ascending: bool,
    /// The first row's position, from 0.
    #[serde(default)]
    pub position: u32,
    /// A message whose position, plus `anchor_offset`, replaces `position` (a list that keeps
    /// the selected message in view after a change).
    #[serde(default)]
    pub anchor: Option<String>,
    #[serde(default)]
    pub anchor_offset: i32,
    pub limit: u32,
    /// What was typed in the search box (see `mail::search`); empty lists the folder.
    #[serde(default)]
    pub search: String,
}

/// A message as a list shows it.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageSummary {
    pub id: String,
    pub thread_id: String,
    pub folder_id: String,
    pub from_name: String,
    pub from_address: String,
    pub recipients: String,
    pub subject: String,
    pub snippet: String,
    pub received_at: i64,
    pub size: u64,
    pub unread: bool,
    pub flagged: bool,
    pub answered: bool,
    pub has_attachment: bool,
}

/// What the Home widget shows of the member's mail (see `mail::overview`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailOverview {
    /// Each mailbox the member sees here, with the unread messages of its Inbox.
    pub mailboxes: Vec<MailboxUnread>,
    /// The newest unread messages of those Inboxes, newest first.
    pub latest: Vec<MessageSummary>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailboxUnread {
    pub id: String,
    pub name: String,
    /// Empty until the organization has a mail domain.
    pub address: String,
    pub unread: u64,
}

/// A window of a list: where it starts, its rows, how many the whole list holds, and the
/// mailbox's state it was read at (what "changes since" starts from).
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListPage {
    pub position: u32,
    pub total: u64,
    pub rows: Vec<MessageSummary>,
    pub state: i64,
}

/// Which messages an action applies to: some, by id, or all of a folder ("select all N").
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MessageSet {
    Ids(Vec<String>),
    Folder(String),
}

/// Flags to set or clear; `None` leaves one as it is.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlagChange {
    #[serde(default)]
    pub seen: Option<bool>,
    #[serde(default)]
    pub flagged: Option<bool>,
}

/// A message an action moved, and the folder it was in: what its Undo moves it back to.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Moved {
    pub id: String,
    pub from: String,
}

/// A person a message names.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonView {
    pub name: String,
    pub address: String,
}

impl PersonView {
    pub fn new(name: &str, address: &str) -> PersonView {
        PersonView {
            name: name.into(),
            address: address.into(),
        }
    }
}

/// A file a message carries.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageFile {
    /// Its MIME part: what its address names.
    pub part: u32,
    pub name: String,
    pub content_type: String,
    pub size: u64,
    /// An image the HTML shows in place.
    pub inline: bool,
}

/// A message as the reading pane shows it. Its HTML is served on its own, sanitised, into a
/// sandboxed frame; `has_html` says whether there is any.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: String,
    pub mailbox_id: String,
    pub folder_id: String,
    pub thread_id: String,
    pub from: PersonView,
    pub to: Vec<PersonView>,
    pub cc: Vec<PersonView>,
    pub reply_to: Vec<PersonView>,
    pub subject: String,
    pub sent_at: i64,
    pub received_at: i64,
    pub size: u64,
    pub unread: bool,
    pub flagged: bool,
    pub answered: bool,
    pub text: String,
    pub has_html: bool,
    /// Remote images its HTML would load, left out until the member asks for them.
    pub blocked_images: u32,
    pub attachments: Vec<MessageFile>,
    /// What a reply names (`In-Reply-To`, `References`).
    pub message_id: String,
    pub references: Vec<String>,
}

/// How long after Send a message can still be taken back (its notice offers Undo meanwhile).
pub const UNDO_SEND_SECS: i64 = 10;

/// What a member writes: the compose form, as it is sent or taken back.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composed {
    /// Each as typed: `Name <address>` or the address.
    #[serde(default)]
    pub to: Vec<String>,
    #[serde(default)]
    pub cc: Vec<String>,
    #[serde(default)]
    pub bcc: Vec<String>,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub text: String,
    /// The message this answers: the reply joins its conversation and marks it answered.
    #[serde(default)]
    pub replying_to: Option<String>,
    /// Files attached, as the server kept them when they were picked.
    #[serde(default)]
    pub attachments: Vec<crate::views::AttachmentView>,
    /// The draft it is written in (`mail::drafts`): saving replaces it, sending removes it.
    #[serde(default)]
    pub draft: Option<String>,
}

/// A message sent and waiting for its time, until which `unsend` takes it back.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sending {
    pub id: String,
    pub send_at: i64,
}
