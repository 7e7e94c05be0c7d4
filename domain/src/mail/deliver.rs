//! Mail arriving for the suite's own addresses: from another member (local delivery), from the
//! SMTP listener, or from the suite itself. A message is read once, its bytes kept once, and
//! stored in every recipient's Inbox in one transaction, so once this returns it is durable
//! for all of them or for none.

use super::embedded::append::{append, receive, Incoming};
use super::store::folder_of;
use crate::blobs::{Blobs, Stored};
use crate::error::DomainResult;
use crate::mail::model::FolderRole;
use crate::mail::parse::Parsed;
use crate::store::{Db, WriteTx};
use sqlx::Row;

/// A mailbox of the suite that receives mail for an address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    pub org_id: String,
    pub mailbox_id: String,
}

/// The mailbox an address delivers to, if it is one of the suite's (whether an SMTP `RCPT`
/// is accepted).
pub async fn recipient(db: &Db, address: &str) -> DomainResult<Option<Recipient>> {
    let row = sqlx::query(
        "SELECT a.org_id, a.id FROM mail_addresses x JOIN mail_accounts a ON a.id = x.account_id
         JOIN mail_domains d ON d.domain = x.domain AND d.org_id = a.org_id
         WHERE x.address = $1 AND a.deleted_at = 0",
    )
    .bind(address.trim().to_ascii_lowercase())
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(Recipient {
            org_id: row.try_get(0)?,
            mailbox_id: row.try_get(1)?,
        })
    })
    .transpose()
}

/// Whether the suite receives mail for the domain of `address` (an SMTP `RCPT` to another
/// domain is relaying, which the listener refuses).
pub async fn is_our_domain(db: &Db, address: &str) -> DomainResult<bool> {
    let domain = address.rsplit_once('@').map(|(_, d)| d).unwrap_or_default();
    let row: Option<(String,)> =
        sqlx::query_as("SELECT org_id FROM mail_domains WHERE domain = $1")
            .bind(domain.trim().to_ascii_lowercase())
            .fetch_optional(db.pool())
            .await?;
    Ok(row.is_some())
}

/// Stores `raw` in the Inbox of each recipient (each mailbox once), unread, received at `now`.
/// Returns the new messages' ids, in the recipients' order.
pub async fn deliver(
    db: &Db,
    blobs: &Blobs,
    recipients: &[Recipient],
    raw: Vec<u8>,
    now: i64,
) -> DomainResult<Vec<String>> {
    if recipients.is_empty() {
        return Ok(Vec::new());
    }
    let (blob, parsed) = receive(blobs, raw).await?;
    let mut tx = db.write().await?;
    crate::blobs::record(&mut tx, &blob, now).await?;
    let stored = into_inboxes(&mut tx, recipients, &blob, &parsed, now).await?;
    tx.commit().await?;
    Ok(stored)
}

/// Each recipient's mailbox once (an address and its alias reach one), in their order.
pub(crate) fn distinct(recipients: &[Recipient]) -> Vec<&Recipient> {
    let mut mailboxes: Vec<&Recipient> = Vec::new();
    for r in recipients {
        if !mailboxes.iter().any(|m| m.mailbox_id == r.mailbox_id) {
            mailboxes.push(r);
        }
    }
    mailboxes
}

/// Stores a message already kept and read in the Inbox of each recipient (each mailbox once),
/// unread, inside the caller's transaction. Returns the new messages' ids, in the recipients'
/// order of first appearance.
pub(crate) async fn into_inboxes(
    tx: &mut WriteTx,
    recipients: &[Recipient],
    blob: &Stored,
    parsed: &Parsed,
    now: i64,
) -> DomainResult<Vec<String>> {
    let mailboxes = distinct(recipients);
    // Mailboxes are locked in one order by every delivery, so two never wait on each other.
    let mut order: Vec<usize> = (0..mailboxes.len()).collect();
    order.sort_by(|a, b| mailboxes[*a].mailbox_id.cmp(&mailboxes[*b].mailbox_id));
    let mut stored = vec![String::new(); mailboxes.len()];
    for i in order {
        let mailbox = mailboxes[i];
        let inbox = folder_of(tx, &mailbox.mailbox_id, FolderRole::Inbox).await?;
        let incoming = Incoming {
            blob,
            parsed,
            received_at: now,
            flags: 0,
        };
        stored[i] = append(tx, &mailbox.org_id, &mailbox.mailbox_id, &inbox, incoming).await?;
    }
    Ok(stored)
}
