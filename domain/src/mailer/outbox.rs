//! The durable outbox: a letter is stored in the transaction that decided to send it, and the
//! jobs hand it to the SMTP server, trying again with growing pauses. Several servers on one
//! PostgreSQL database never send the same letter twice at once: each claims what it sends.

use super::{compose, Letter, Mailer, SendError};
use crate::blobs::{BlobHash, Blobs};
use crate::error::{DomainError, DomainResult};
use crate::ids::new_id;
use crate::store::claim::{claim as claim_rows, Claim};
use crate::store::Db;
use sqlx::{AnyConnection, Row};

/// Pauses before each further attempt, in seconds; after the last, the letter is given up
/// (about a day and a half after it was written).
const BACKOFF_SECS: [i64; 8] = [10, 30, 120, 600, 1_800, 3_600, 6 * 3_600, 24 * 3_600];
/// How long a server that claimed a letter has to send it before another may try: longer than
/// a whole round takes at worst (`BATCH` submissions that each time out), so no two servers send
/// one letter at once. A server killed between the SMTP server's yes and its own record sends
/// that letter again after the lease: delivery is at least once.
const LEASE_SECS: i64 = 300;
/// Letters claimed per round.
const BATCH: i64 = 5;
const _: () = assert!(BATCH * super::SUBMIT_TIMEOUT.as_secs() as i64 <= LEASE_SECS / 2);
/// How long sent or given-up letters stay, for an administrator's look.
pub const OUTBOX_KEEP_SECS: i64 = 7 * 86_400;

/// Stores `letter` to be sent. Without mail configured nothing is stored: there is nobody to
/// hand it to, and the caller told the member so.
pub async fn enqueue(
    conn: &mut AnyConnection,
    mailer: &Mailer,
    letter: &Letter,
    now: i64,
) -> DomainResult<()> {
    let Some(from) = mailer.from() else {
        return Ok(());
    };
    insert(conn, from.1, &letter.to, &compose(from, letter), "", now).await
}

/// Stores a member's message, kept in the blob store as `blob`, to send from `sender` to each
/// of `recipients` (the ones on other servers). Every recipient's row names the same bytes.
pub async fn enqueue_stored(
    conn: &mut AnyConnection,
    sender: &str,
    recipients: &[&str],
    blob: &BlobHash,
    now: i64,
) -> DomainResult<()> {
    for recipient in recipients {
        insert(conn, sender, recipient, "", blob.as_str(), now).await?;
    }
    Ok(())
}

async fn insert(
    conn: &mut AnyConnection,
    sender: &str,
    recipient: &str,
    message: &str,
    blob_hash: &str,
    now: i64,
) -> DomainResult<()> {
    sqlx::query(
        "INSERT INTO outbox (id, sender, recipient, message, blob_hash, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(new_id())
    .bind(sender)
    .bind(recipient)
    .bind(message)
    .bind(blob_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

struct Claimed {
    id: String,
    sender: String,
    recipient: String,
    message: String,
    /// Empty for a letter the suite wrote (its text is `message`).
    blob_hash: String,
    attempts: i64,
}

impl Claimed {
    async fn bytes(&self, blobs: &Blobs) -> DomainResult<Vec<u8>> {
        if self.blob_hash.is_empty() {
            return Ok(self.message.as_bytes().to_vec());
        }
        let hash = BlobHash::parse(&self.blob_hash).ok_or(DomainError::Internal)?;
        blobs.read(&hash).await
    }
}

/// Sends what is due; returns how many letters the SMTP server took.
pub async fn deliver_due(db: &Db, blobs: &Blobs, mailer: &Mailer, now: i64) -> DomainResult<usize> {
    if !mailer.is_configured() {
        return Ok(0);
    }
    let claimed = claim(db, now).await?;
    let mut sent = 0;
    for letter in claimed {
        // A message whose stored bytes are lost cannot go, now or later: given up, alone.
        let result = match letter.bytes(blobs).await {
            Ok(bytes) => {
                mailer
                    .submit(&letter.sender, &letter.recipient, &bytes)
                    .await
            }
            Err(_) => Err(SendError {
                message: "the stored message cannot be read".into(),
                permanent: true,
            }),
        };
        match result {
            Ok(()) => {
                // The text goes: its links must not outlive their use in the database. The
                // blob is no longer needed from here either.
                sqlx::query(
                    "UPDATE outbox SET sent_at = $2, attempts = attempts + 1, message = '', blob_hash = ''
                     WHERE id = $1",
                )
                .bind(&letter.id)
                .bind(now)
                .execute(db.pool())
                .await?;
                sent += 1;
            }
            Err(err) => {
                let attempt = letter.attempts as usize;
                let give_up = err.permanent || attempt >= BACKOFF_SECS.len();
                tracing::warn!(
                    id = letter.id,
                    error = err.message,
                    give_up,
                    "mail not sent"
                );
                let next = now + BACKOFF_SECS.get(attempt).copied().unwrap_or(0);
                sqlx::query(
                    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $2, last_error = $3,
                       failed = $4, sent_at = CASE WHEN $4 = 1 THEN $5 ELSE 0 END,
                       message = CASE WHEN $4 = 1 THEN '' ELSE message END,
                       blob_hash = CASE WHEN $4 = 1 THEN '' ELSE blob_hash END
                     WHERE id = $1",
                )
                .bind(&letter.id)
                .bind(next)
                .bind(err.message.chars().take(500).collect::<String>())
                .bind(i64::from(give_up))
                .bind(now)
                .execute(db.pool())
                .await?;
            }
        }
    }
    Ok(sent)
}

/// Takes the due letters for this server for `LEASE_SECS`: a server that dies while sending
/// leaves them to be tried again after it.
async fn claim(db: &Db, now: i64) -> DomainResult<Vec<Claimed>> {
    let due = Claim {
        table: "outbox",
        due: "sent_at = 0 AND next_attempt_at <= $1",
        order: "next_attempt_at",
        lease: "next_attempt_at",
        returning: "id, sender, recipient, message, blob_hash, attempts",
    };
    let rows = claim_rows(db, &due, now, now + LEASE_SECS, BATCH).await?;
    rows.iter()
        .map(|row| {
            Ok(Claimed {
                id: row.try_get("id")?,
                sender: row.try_get("sender")?,
                recipient: row.try_get("recipient")?,
                message: row.try_get("message")?,
                blob_hash: row.try_get("blob_hash")?,
                attempts: row.try_get("attempts")?,
            })
        })
        .collect()
}

/// Forgets letters sent or given up more than `OUTBOX_KEEP_SECS` ago.
pub async fn purge_sent(db: &Db, now: i64) -> DomainResult<u64> {
    let done = sqlx::query("DELETE FROM outbox WHERE sent_at <> 0 AND sent_at < $1")
        .bind(now - OUTBOX_KEEP_SECS)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}
