//! Putting a message into a folder (IMAP's APPEND; how drafts, imports and the tests store
//! one): its bytes read off the async workers, kept in the blob store, then stored in one
//! transaction with its thread and the folder's counts.

use super::embedded::append::{append, receive, Incoming};
use super::embedded::SEEN;
use super::store::writable_mailbox;
use crate::blobs::Blobs;
use crate::error::{DomainError, DomainResult};
use crate::org::Actor;
use crate::store::Db;

/// Stores `raw` in the folder `folder_id` of a mailbox the actor may write to, read or unread;
/// returns the new message's id.
pub async fn append_message(
    db: &Db,
    blobs: &Blobs,
    actor: &Actor,
    folder_id: &str,
    raw: Vec<u8>,
    seen: bool,
    now: i64,
) -> DomainResult<String> {
    let (account_id,): (String,) =
        sqlx::query_as("SELECT account_id FROM mail_folders WHERE id = $1")
            .bind(folder_id)
            .fetch_optional(db.pool())
            .await?
            .ok_or(DomainError::NotFound)?;
    {
        let mut conn = db.pool().acquire().await?;
        writable_mailbox(&mut conn, actor, &account_id).await?;
    }
    let (blob, parsed) = receive(blobs, raw).await?;
    let mut tx = db.write().await?;
    crate::mail::store::lock_mailbox(&mut tx, &account_id).await?;
    crate::blobs::require_room(&mut tx, &actor.org_id, blob.size).await?;
    crate::blobs::record(&mut tx, &blob, now).await?;
    let incoming = Incoming {
        blob: &blob,
        parsed: &parsed,
        received_at: now,
        flags: if seen { SEEN } else { 0 },
    };
    let id = append(&mut tx, &actor.org_id, &account_id, folder_id, incoming).await?;
    tx.commit().await?;
    Ok(id)
}
