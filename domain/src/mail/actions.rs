//! What a member does to messages, one or many at once: read or unread, star, move (to a
//! folder, to the Trash, to Spam), restore from the Trash, delete for good from the Trash or
//! Spam, empty the Trash. Each is one transaction on a mailbox the member may write to, and
//! a move returns where each message was, for its Undo.

use super::embedded::actions::{self, Held, Which};
use super::model::{FlagChange, FolderRole, MessageSet, Moved};
use super::store::{folder_of, lock_mailbox, writable_mailbox};
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::org::Actor;
use crate::store::{Db, WriteTx};

/// Messages one action may change: "select all" in a larger folder works through it in parts.
pub const MAX_SELECTION: usize = 10_000;

/// Opens a transaction on a mailbox the actor may change and reads the messages `set` names.
async fn selected(
    db: &Db,
    actor: &Actor,
    mailbox_id: &str,
    set: &MessageSet,
) -> DomainResult<(WriteTx, Vec<Held>)> {
    let mut tx = db.write().await?;
    lock_mailbox(&mut tx, mailbox_id).await?;
    writable_mailbox(&mut tx, actor, mailbox_id).await?;
    let messages = match set {
        MessageSet::Ids(ids) if ids.len() > MAX_SELECTION => {
            return Err(DomainError::limit(
                LimitKind::MailSelection,
                MAX_SELECTION as u64,
            ))
        }
        MessageSet::Ids(ids) => actions::held(&mut tx, mailbox_id, Which::Ids(ids)).await?,
        MessageSet::Folder(folder) => {
            let folders = [folder.clone()];
            actions::held(&mut tx, mailbox_id, Which::Folders(&folders)).await?
        }
    };
    if messages.len() > MAX_SELECTION {
        return Err(DomainError::limit(
            LimitKind::MailSelection,
            MAX_SELECTION as u64,
        ));
    }
    Ok((tx, messages))
}

/// Marks messages read or unread, starred or not; returns how many changed.
pub async fn set_flags(
    db: &Db,
    actor: &Actor,
    mailbox_id: &str,
    set: &MessageSet,
    change: FlagChange,
) -> DomainResult<u64> {
    let (mut tx, messages) = selected(db, actor, mailbox_id, set).await?;
    let changed = actions::set_flags(&mut tx, mailbox_id, &messages, change).await?;
    tx.commit().await?;
    Ok(changed)
}

/// Moves messages to another folder of their mailbox (the Trash and Spam included).
pub async fn move_messages(
    db: &Db,
    actor: &Actor,
    mailbox_id: &str,
    set: &MessageSet,
    to_folder: &str,
) -> DomainResult<Vec<Moved>> {
    let (mut tx, messages) = selected(db, actor, mailbox_id, set).await?;
    let moved = move_within(&mut tx, mailbox_id, &messages, to_folder).await?;
    tx.commit().await?;
    Ok(moved)
}

async fn move_within(
    tx: &mut WriteTx,
    mailbox_id: &str,
    messages: &[Held],
    to_folder: &str,
) -> DomainResult<Vec<Moved>> {
    let (target,): (String,) =
        sqlx::query_as("SELECT id FROM mail_folders WHERE id = $1 AND account_id = $2")
            .bind(to_folder)
            .bind(mailbox_id)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or(DomainError::NotFound)?;
    let trash = folder_of(tx, mailbox_id, FolderRole::Trash).await?;
    let moved = actions::move_to(tx, mailbox_id, messages, &target, &trash).await?;
    Ok(moved
        .into_iter()
        .map(|m| Moved {
            id: m.id,
            from: m.folder_id,
        })
        .collect())
}

/// Moves messages to the Trash, from where they can be restored for 30 days.
pub async fn trash_messages(
    db: &Db,
    actor: &Actor,
    mailbox_id: &str,
    set: &MessageSet,
) -> DomainResult<Vec<Moved>> {
    let (mut tx, messages) = selected(db, actor, mailbox_id, set).await?;
    let trash = folder_of(&mut tx, mailbox_id, FolderRole::Trash).await?;
    let moved = move_within(&mut tx, mailbox_id, &messages, &trash).await?;
    tx.commit().await?;
    Ok(moved)
}

/// Where a message goes back to: the folder it was in while that folder is there, else the
/// Inbox.
struct Back {
    folders: Vec<String>,
    inbox: String,
}

impl Back {
    async fn read(tx: &mut WriteTx, mailbox_id: &str) -> DomainResult<Back> {
        let inbox = folder_of(tx, mailbox_id, FolderRole::Inbox).await?;
        let folders: Vec<(String,)> =
            sqlx::query_as("SELECT id FROM mail_folders WHERE account_id = $1")
                .bind(mailbox_id)
                .fetch_all(&mut **tx)
                .await?;
        Ok(Back {
            folders: folders.into_iter().map(|(id,)| id).collect(),
            inbox,
        })
    }

    fn to(&self, was: &str) -> String {
        if self.folders.iter().any(|id| id == was) {
            was.to_owned()
        } else {
            self.inbox.clone()
        }
    }
}

/// Puts messages of the Trash back in the folder they were deleted from (the Inbox when that
/// folder is gone).
pub async fn restore_messages(
    db: &Db,
    actor: &Actor,
    mailbox_id: &str,
    set: &MessageSet,
) -> DomainResult<Vec<Moved>> {
    let (mut tx, messages) = selected(db, actor, mailbox_id, set).await?;
    let trash = folder_of(&mut tx, mailbox_id, FolderRole::Trash).await?;
    let back = Back::read(&mut tx, mailbox_id).await?;
    let mut moved = Vec::new();
    for m in messages.into_iter().filter(|m| m.folder_id == trash) {
        let to = back.to(&m.trashed_from);
        moved.extend(move_within(&mut tx, mailbox_id, &[m], &to).await?);
    }
    tx.commit().await?;
    Ok(moved)
}

/// Moves messages back where an action took them from: the Undo of a move. A folder deleted
/// since gives its messages to the Inbox.
pub async fn undo_move(
    db: &Db,
    actor: &Actor,
    mailbox_id: &str,
    moved: &[Moved],
) -> DomainResult<u64> {
    let ids: Vec<String> = moved.iter().map(|m| m.id.clone()).collect();
    let (mut tx, messages) = selected(db, actor, mailbox_id, &MessageSet::Ids(ids)).await?;
    let places = Back::read(&mut tx, mailbox_id).await?;
    let was: std::collections::HashMap<&str, &str> = moved
        .iter()
        .map(|m| (m.id.as_str(), m.from.as_str()))
        .collect();
    let mut back = 0;
    for m in messages {
        let Some(from) = was.get(m.id.as_str()) else {
            continue;
        };
        let to = places.to(from);
        back += move_within(&mut tx, mailbox_id, &[m], &to).await?.len() as u64;
    }
    tx.commit().await?;
    Ok(back)
}

/// Deletes for good those of the messages that are in the Trash or Spam; returns how many.
pub async fn destroy_messages(
    db: &Db,
    actor: &Actor,
    mailbox_id: &str,
    set: &MessageSet,
) -> DomainResult<u64> {
    let (mut tx, messages) = selected(db, actor, mailbox_id, set).await?;
    let trash = folder_of(&mut tx, mailbox_id, FolderRole::Trash).await?;
    let spam = folder_of(&mut tx, mailbox_id, FolderRole::Spam).await?;
    let doomed: Vec<Held> = messages
        .into_iter()
        .filter(|m| m.folder_id == trash || m.folder_id == spam)
        .collect();
    let gone = actions::destroy(&mut tx, mailbox_id, &doomed).await?;
    tx.commit().await?;
    Ok(gone)
}

/// Deletes every message of the Trash for good.
pub async fn empty_trash(db: &Db, actor: &Actor, mailbox_id: &str) -> DomainResult<u64> {
    let mut tx = db.write().await?;
    lock_mailbox(&mut tx, mailbox_id).await?;
    writable_mailbox(&mut tx, actor, mailbox_id).await?;
    let trash = [folder_of(&mut tx, mailbox_id, FolderRole::Trash).await?];
    let messages = actions::held(&mut tx, mailbox_id, Which::Folders(&trash)).await?;
    let gone = actions::destroy(&mut tx, mailbox_id, &messages).await?;
    tx.commit().await?;
    Ok(gone)
}

/// Moves every message of `folders` to the Trash, inside the caller's transaction (a folder
/// being deleted).
pub(crate) async fn trash_folders(
    tx: &mut WriteTx,
    mailbox_id: &str,
    folders: &[String],
) -> DomainResult<()> {
    let messages = actions::held(tx, mailbox_id, Which::Folders(folders)).await?;
    let trash = folder_of(tx, mailbox_id, FolderRole::Trash).await?;
    actions::move_to(tx, mailbox_id, &messages, &trash, &trash).await?;
    Ok(())
}
