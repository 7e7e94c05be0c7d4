//! Drafts: what a member is writing, saved every few seconds and when the form closes. Each save
//! replaces the draft's message in the mailbox's Drafts folder (a real message flagged
//! `\Draft`, so a desktop client sees it too) and keeps the form as typed beside it: recipients
//! still half-typed, the message it answers, the files it holds. Sending removes the draft;
//! so does discarding it.

use super::compose::{self, Sender};
use super::embedded::actions::{self, Held, Which};
use super::embedded::append::{append, receive, Incoming};
use super::embedded::{DRAFT, SEEN};
use super::model::{Composed, FolderRole, PersonView};
use super::store::{folder_of, lock_mailbox, writable_mailbox};
use crate::blobs::Blobs;
use crate::error::{DomainError, DomainResult};
use crate::ids::new_id;
use crate::org::Actor;
use crate::store::{Db, WriteTx};

/// Saves `composed` as the actor's draft in the mailbox `mailbox_id`: a new one, or the one it
/// names, which must be the actor's draft there (`NotFound` once it was sent or discarded, so
/// a save that arrives late never brings it back). Returns the draft's id, which the form sends
/// back with its next save.
pub async fn save(
    db: &Db,
    blobs: &Blobs,
    actor: &Actor,
    mailbox_id: &str,
    composed: &Composed,
    now: i64,
) -> DomainResult<String> {
    let (mailbox, address) = super::addresses::writing_from(db, actor, mailbox_id).await?;
    let sender = Sender {
        name: &mailbox.name,
        address: &address,
    };
    let files = super::uploads::read(db, blobs, actor, &composed.attachments).await?;
    let raw = compose::write_draft(&sender, composed, &files, now)?;
    // The files count already: as waiting, or in the draft's earlier message.
    let attached: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
    drop(files);
    {
        let mut conn = db.pool().acquire().await?;
        let extra = (raw.len() as u64).saturating_sub(attached);
        crate::blobs::require_free(&mut conn, &actor.org_id, extra).await?;
    }
    let (blob, parsed) = receive(blobs, raw).await?;

    let mut tx = db.write().await?;
    lock_mailbox(&mut tx, mailbox_id).await?;
    let earlier = match composed.draft.as_deref() {
        Some(id) => Some(
            own_draft(&mut tx, actor, mailbox_id, id)
                .await?
                .ok_or(DomainError::NotFound)?,
        ),
        None => None,
    };
    let id = match &earlier {
        Some(earlier) => {
            forget_message(&mut tx, mailbox_id, &earlier.message_id).await?;
            earlier.id.clone()
        }
        None => new_id(),
    };
    crate::blobs::record(&mut tx, &blob, now).await?;
    let drafts = folder_of(&mut tx, mailbox_id, FolderRole::Drafts).await?;
    let incoming = Incoming {
        blob: &blob,
        parsed: &parsed,
        received_at: now,
        flags: SEEN | DRAFT,
    };
    let message_id = append(&mut tx, &actor.org_id, mailbox_id, &drafts, incoming).await?;
    let kept = Composed {
        draft: Some(id.clone()),
        ..composed.clone()
    };
    let form = serde_json::to_string(&kept).map_err(|_| DomainError::Internal)?;
    if earlier.is_some() {
        sqlx::query(
            "UPDATE mail_drafts SET message_id = $2, composed = $3, updated_at = $4 WHERE id = $1",
        )
        .bind(&id)
        .bind(&message_id)
        .bind(&form)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    } else {
        sqlx::query(
            "INSERT INTO mail_drafts (id, org_id, account_id, author_id, message_id, composed, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(&actor.org_id)
        .bind(mailbox_id)
        .bind(&actor.account_id)
        .bind(&message_id)
        .bind(&form)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    }
    // Files taken off since the last save go back to waiting; those on it are the draft's.
    super::uploads::release(&mut tx, &id, now).await?;
    super::uploads::hold(&mut tx, actor, &composed.attachments, &id).await?;
    // Checked once the new message holds the files and the earlier one is gone.
    crate::blobs::require_room(&mut tx, &actor.org_id, 0).await?;
    tx.commit().await?;
    Ok(id)
}

/// The form of the draft whose message is `message_id`, to write on: as it was saved here, or,
/// for a draft a desktop client wrote, read from its message (without its files).
pub async fn open(
    db: &Db,
    blobs: &Blobs,
    actor: &Actor,
    message_id: &str,
) -> DomainResult<Composed> {
    // Reading the message checks that the actor may see it.
    let message = super::read::get_message(db, blobs, actor, message_id).await?;
    let form: Option<(String, String)> = sqlx::query_as(
        "SELECT author_id, composed FROM mail_drafts WHERE message_id = $1 AND account_id = $2",
    )
    .bind(message_id)
    .bind(&message.mailbox_id)
    .fetch_optional(db.pool())
    .await?;
    match form {
        // Only its writer takes a draft up where they left it: its files are theirs.
        Some((author, form)) if author == actor.account_id => {
            serde_json::from_str(&form).map_err(|_| DomainError::Internal)
        }
        _ => {
            let people =
                |list: &[PersonView]| -> Vec<String> { list.iter().map(written).collect() };
            Ok(Composed {
                to: people(&message.to),
                cc: people(&message.cc),
                subject: message.subject,
                text: message.text,
                ..Composed::default()
            })
        }
    }
}

fn written(person: &PersonView) -> String {
    if person.name.is_empty() {
        person.address.clone()
    } else {
        format!("\"{}\" <{}>", person.name.replace('"', ""), person.address)
    }
}

/// Deletes the actor's draft `id` and its message; its files go back to waiting.
pub async fn discard(db: &Db, actor: &Actor, id: &str, now: i64) -> DomainResult<()> {
    let mut tx = db.write().await?;
    let account: Option<(String,)> =
        sqlx::query_as("SELECT account_id FROM mail_drafts WHERE id = $1 AND author_id = $2")
            .bind(id)
            .bind(&actor.account_id)
            .fetch_optional(&mut *tx)
            .await?;
    let (account,) = account.ok_or(DomainError::NotFound)?;
    lock_mailbox(&mut tx, &account).await?;
    writable_mailbox(&mut tx, actor, &account).await?;
    remove(&mut tx, actor, &account, id).await?;
    super::uploads::release(&mut tx, id, now).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes the actor's draft `id` of the mailbox and its message, inside the caller's
/// transaction (the draft was just sent, or discarded). Another's draft, or one gone, is left.
pub(crate) async fn remove(
    tx: &mut WriteTx,
    actor: &Actor,
    mailbox_id: &str,
    id: &str,
) -> DomainResult<()> {
    if let Some(draft) = own_draft(tx, actor, mailbox_id, id).await? {
        forget_message(tx, mailbox_id, &draft.message_id).await?;
        sqlx::query("DELETE FROM mail_drafts WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

struct Draft {
    id: String,
    message_id: String,
}

async fn own_draft(
    tx: &mut WriteTx,
    actor: &Actor,
    mailbox_id: &str,
    id: &str,
) -> DomainResult<Option<Draft>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT message_id FROM mail_drafts WHERE id = $1 AND account_id = $2 AND author_id = $3",
    )
    .bind(id)
    .bind(mailbox_id)
    .bind(&actor.account_id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(message_id,)| Draft {
        id: id.to_owned(),
        message_id,
    }))
}

/// Deletes the draft's earlier message, wherever the member moved it; one already deleted is
/// simply gone.
async fn forget_message(tx: &mut WriteTx, mailbox_id: &str, message_id: &str) -> DomainResult<()> {
    let ids = [message_id.to_owned()];
    let held: Vec<Held> = actions::held(tx, mailbox_id, Which::Ids(&ids)).await?;
    actions::destroy(tx, mailbox_id, &held).await?;
    Ok(())
}
