//! Sending. A written message waits in `mail_outgoing` for its time (the seconds "Undo"
//! offers, or the time "Send later" chose) and can be taken back until then. The jobs then send
//! it in one transaction: kept in the mailbox's Sent folder, stored in the suite's own
//! mailboxes it is written to, and handed to the outbox for everyone else.

use super::compose::{self, Answered, Sender};
use super::deliver::{into_inboxes, recipient, Recipient};
use super::embedded::append::{append, Incoming};
use super::embedded::{ANSWERED, SEEN};
use super::store::{folder_of, lock_mailbox, writable_mailbox};
use crate::blobs::{BlobHash, Blobs, Stored};
use crate::error::{DomainError, DomainResult};
use crate::ids::new_id;
use crate::live::CollectionKind;
use crate::mail::model::{Composed, FolderRole, UNDO_SEND_SECS};
use crate::mailer::Mailer;
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::claim::{claim as claim_rows, Claim};
use crate::store::Db;
use sqlx::Row;

/// How far ahead "Send later" may be set.
pub const MAX_AHEAD_SECS: i64 = 366 * 86_400;
/// How long a server that took a message to send has before another may: a send is one
/// transaction, so this only matters when a server died holding it.
const LEASE_SECS: i64 = 120;
/// Messages sent per round.
const BATCH: i64 = 20;

/// When a message sent now leaves: once the seconds Undo is offered are over, or at `later`,
/// a local date and time ("2026-12-04T08:00") in `zone`, between now and `MAX_AHEAD_SECS`.
pub fn send_time(later: Option<&str>, zone: &str, now: i64) -> DomainResult<i64> {
    use crate::calendar::time::{parse_local, resolve, tz_from_tzid, Local};
    let Some(later) = later.filter(|l| !l.trim().is_empty()) else {
        return Ok(now + UNDO_SEND_SECS);
    };
    let invalid = || DomainError::invalid("send_at", Reason::MailSendTimeInvalid);
    let Ok(Local::DateTime(wall)) = parse_local("send_at", later) else {
        return Err(invalid());
    };
    let tz = tz_from_tzid(zone).unwrap_or(chrono_tz::UTC);
    let at = resolve(tz, wall).timestamp();
    if at <= now || at > now + MAX_AHEAD_SECS {
        return Err(invalid());
    }
    Ok(at)
}

/// Writes `composed` from the mailbox `mailbox_id` and keeps it to send at `send_at` (now, or
/// later); returns its id, with which `unsend` takes it back until then.
#[allow(clippy::too_many_arguments)]
pub async fn send(
    db: &Db,
    blobs: &Blobs,
    mailer: &Mailer,
    actor: &Actor,
    mailbox_id: &str,
    composed: &Composed,
    send_at: i64,
    now: i64,
) -> DomainResult<String> {
    if send_at > now + MAX_AHEAD_SECS {
        return Err(DomainError::invalid("send_at", Reason::MailSendTimeInvalid));
    }
    let (mailbox, address) = super::addresses::writing_from(db, actor, mailbox_id).await?;
    let answered = match composed.replying_to.as_deref() {
        Some(id) => {
            let message = crate::mail::read::get_message(db, blobs, actor, id).await?;
            Some(Answered {
                message_id: message.message_id,
                references: message.references,
            })
        }
        None => None,
    };
    let sender = Sender {
        name: &mailbox.name,
        address: &address,
    };
    let files = super::uploads::read(db, blobs, actor, &composed.attachments).await?;
    let written = compose::write(
        &sender,
        composed,
        &files,
        answered.as_ref(),
        send_at.max(now),
    )?;
    // The files count already, until the message holds them.
    let attached: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
    drop(files);
    if !mailer.is_configured() {
        for to in &written.envelope {
            if local(db, to, &actor.org_id).await?.is_none() {
                return Err(DomainError::invalid(
                    "recipients",
                    Reason::MailNotConfigured,
                ));
            }
        }
    }
    // Refused before its bytes are kept: a message kept and then refused by the quota below
    // would leave a file that no row names.
    {
        let mut conn = db.pool().acquire().await?;
        let extra = (written.raw.len() as u64).saturating_sub(attached);
        crate::blobs::require_free(&mut conn, &actor.org_id, extra).await?;
    }
    let (blob, _) = super::embedded::append::receive(blobs, written.raw).await?;
    let id = new_id();
    let mut tx = db.write().await?;
    crate::blobs::record(&mut tx, &blob, now).await?;
    sqlx::query(
        "INSERT INTO mail_outgoing (id, org_id, account_id, author_id, blob_hash, size, sender,
            recipients, replied_id, composed, send_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(&id)
    .bind(&actor.org_id)
    .bind(mailbox_id)
    .bind(&actor.account_id)
    .bind(blob.hash.as_str())
    .bind(blob.size as i64)
    .bind(&address)
    .bind(written.envelope.join("\n"))
    .bind(composed.replying_to.clone().unwrap_or_default())
    .bind(serde_json::to_string(composed).map_err(|_| DomainError::Internal)?)
    .bind(send_at.max(now))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    super::uploads::hold(&mut tx, actor, &composed.attachments, &id).await?;
    if let Some(draft) = composed.draft.as_deref() {
        super::drafts::remove(&mut tx, actor, mailbox_id, draft).await?;
    }
    // Checked once the message holds its files and its draft is gone, so nothing counts twice.
    crate::blobs::require_room(&mut tx, &actor.org_id, 0).await?;
    tx.commit().await?;
    Ok(id)
}

/// Takes back a message not sent yet ("Undo", or a change of mind about "Send later"): it goes
/// nowhere, and what it said comes back to the compose form. Once sent, `NotFound`.
pub async fn unsend(db: &Db, actor: &Actor, id: &str, now: i64) -> DomainResult<Composed> {
    let mut tx = db.write().await?;
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT account_id, composed FROM mail_outgoing
         WHERE id = $1 AND org_id = $2 AND claimed_until < $3",
    )
    .bind(id)
    .bind(&actor.org_id)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await?;
    let (account_id, composed) = row.ok_or(DomainError::NotFound)?;
    writable_mailbox(&mut tx, actor, &account_id).await?;
    sqlx::query("DELETE FROM mail_outgoing WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    super::uploads::release(&mut tx, id, now).await?;
    tx.commit().await?;
    let composed: Composed = serde_json::from_str(&composed).map_err(|_| DomainError::Internal)?;
    // Its draft went when it was sent: the form saves a new one.
    Ok(Composed {
        draft: None,
        ..composed
    })
}

/// The mailbox of the sender's own organization that `address` reaches. Another
/// organization's address goes out through the relay like any other: nothing proves yet that
/// an organization owns the domain it claims, and DNS decides where such mail lands.
async fn local(db: &Db, address: &str, org_id: &str) -> DomainResult<Option<Recipient>> {
    Ok(recipient(db, address).await?.filter(|r| r.org_id == org_id))
}

struct Due {
    id: String,
    org_id: String,
    account_id: String,
    blob: Stored,
    sender: String,
    recipients: Vec<String>,
    replied_id: String,
}

/// Sends what is due; returns how many messages went.
pub async fn send_due(db: &Db, blobs: &Blobs, now: i64) -> DomainResult<usize> {
    let mut sent = 0;
    for due in claim(db, now).await? {
        let raw = blobs.read(&due.blob.hash).await?;
        let parsed = crate::offload::parse(move || crate::mail::parse::parse(&raw)).await?;
        let mut local_ones: Vec<Recipient> = Vec::new();
        let mut remote: Vec<&str> = Vec::new();
        for to in &due.recipients {
            match local(db, to, &due.org_id).await? {
                Some(r) => local_ones.push(r),
                None => remote.push(to),
            }
        }
        let mut tx = db.write().await?;
        lock_mailbox(&mut tx, &due.account_id).await?;
        // Gone meanwhile: taken back, or its mailbox deleted.
        let still: Option<(String,)> = sqlx::query_as("SELECT id FROM mail_outgoing WHERE id = $1")
            .bind(&due.id)
            .fetch_optional(&mut *tx)
            .await?;
        if still.is_none() {
            continue;
        }
        let sent_folder = folder_of(&mut tx, &due.account_id, FolderRole::Sent).await?;
        let incoming = Incoming {
            blob: &due.blob,
            parsed: &parsed,
            received_at: now,
            flags: SEEN,
        };
        append(
            &mut tx,
            &due.org_id,
            &due.account_id,
            &sent_folder,
            incoming,
        )
        .await?;
        if !due.replied_id.is_empty() {
            let done = sqlx::query(
                "UPDATE mail_messages SET flags = flags | $3 WHERE id = $1 AND account_id = $2",
            )
            .bind(&due.replied_id)
            .bind(&due.account_id)
            .bind(ANSWERED)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() > 0 {
                tx.bump(CollectionKind::MailAccount, &due.account_id)
                    .await?;
            }
        }
        into_inboxes(&mut tx, &local_ones, &due.blob, &parsed, now).await?;
        crate::mailer::enqueue_stored(&mut tx, &due.sender, &remote, &due.blob.hash, now).await?;
        super::uploads::forget_held(&mut tx, &due.id).await?;
        sqlx::query("DELETE FROM mail_outgoing WHERE id = $1")
            .bind(&due.id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        sent += 1;
    }
    Ok(sent)
}

/// Takes the due messages for `LEASE_SECS`.
async fn claim(db: &Db, now: i64) -> DomainResult<Vec<Due>> {
    let due = Claim {
        table: "mail_outgoing",
        due: "send_at <= $1 AND claimed_until < $1",
        order: "send_at",
        lease: "claimed_until",
        returning: "id, org_id, account_id, blob_hash, size, sender, recipients, replied_id",
    };
    let rows = claim_rows(db, &due, now, now + LEASE_SECS, BATCH).await?;
    rows.iter()
        .map(|row| {
            let hash: String = row.try_get("blob_hash")?;
            let recipients: String = row.try_get("recipients")?;
            Ok(Due {
                id: row.try_get("id")?,
                org_id: row.try_get("org_id")?,
                account_id: row.try_get("account_id")?,
                blob: Stored {
                    hash: BlobHash::parse(&hash).ok_or(DomainError::Internal)?,
                    size: row.try_get::<i64, _>("size")?.max(0) as u64,
                },
                sender: row.try_get("sender")?,
                recipients: recipients.lines().map(str::to_owned).collect(),
                replied_id: row.try_get("replied_id")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-18 11:06:40 UTC.
    const NOW: i64 = 1_795_000_000;

    #[test]
    fn a_message_leaves_after_the_undo_seconds_or_at_the_local_time_chosen() {
        assert_eq!(
            send_time(None, "Europe/Zurich", NOW),
            Ok(NOW + UNDO_SEND_SECS)
        );
        assert_eq!(
            send_time(Some(" "), "Europe/Zurich", NOW),
            Ok(NOW + UNDO_SEND_SECS)
        );
        // 08:00 in Zurich is 07:00 UTC in November.
        assert_eq!(
            send_time(Some("2026-11-19T08:00"), "Europe/Zurich", NOW),
            Ok(1_795_071_600)
        );
        let invalid = Err(DomainError::invalid("send_at", Reason::MailSendTimeInvalid));
        assert_eq!(
            send_time(Some("2026-11-18T08:00"), "Europe/Zurich", NOW),
            invalid,
            "past"
        );
        assert_eq!(
            send_time(Some("2028-01-01T08:00"), "Europe/Zurich", NOW),
            invalid,
            "too far"
        );
        assert_eq!(
            send_time(Some("2026-11-19"), "Europe/Zurich", NOW),
            invalid,
            "no time"
        );
        assert_eq!(send_time(Some("tomorrow"), "Europe/Zurich", NOW), invalid);
    }
}
