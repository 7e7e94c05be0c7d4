//! Storing one new message in a folder, inside the caller's transaction: its UID, its thread
//! (joining, or merging, the conversations it names), the folder's counts and the mailbox's
//! revision move with it.

use super::SEEN;
use crate::blobs::{Blobs, Stored};
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::ids::new_id;
use crate::live::CollectionKind;
use crate::mail::parse::{parse, Parsed, Person, MAX_MESSAGE_BYTES};
use crate::mail::threading::{self, ThreadKeys};
use crate::store::fts::{self, Document};
use crate::store::{bind_all, placeholders, WriteTx};
use sqlx::{AnyConnection, Row};

/// The sort keys keep this many bytes: enough to order by, small in the indexes.
const SORT_KEY_BYTES: usize = 40;
/// The list's "to" column, in characters.
const RECIPIENTS_CHARS: usize = 200;

/// A message to store: its bytes in the blob store, what they read as, and how it arrives.
pub struct Incoming<'a> {
    pub blob: &'a Stored,
    pub parsed: &'a Parsed,
    pub received_at: i64,
    pub flags: i64,
}

/// Keeps a message's bytes in the blob store and reads them off the async workers: what every
/// way into the store does before its transaction, which records the blob (`blobs::record`).
pub(crate) async fn receive(blobs: &Blobs, raw: Vec<u8>) -> DomainResult<(Stored, Parsed)> {
    let mut staged = blobs
        .stage(MAX_MESSAGE_BYTES as u64, LimitKind::MessageMegabytes)
        .await?;
    staged.write(&raw).await?;
    let parsed = crate::offload::parse(move || parse(&raw)).await?;
    let blob = staged.keep().await?;
    Ok((blob, parsed))
}

/// Stores `message` in `folder_id` of the mailbox `account_id` of `org_id`; returns its id.
pub(crate) async fn append(
    tx: &mut WriteTx,
    org_id: &str,
    account_id: &str,
    folder_id: &str,
    message: Incoming<'_>,
) -> DomainResult<String> {
    crate::mail::store::lock_mailbox(tx, account_id).await?;
    let unread = i64::from(message.flags & SEEN == 0);
    let uid: Option<(i64,)> = sqlx::query_as(
        "UPDATE mail_folders SET uid_next = uid_next + 1, total = total + 1, unread = unread + $3
         WHERE id = $1 AND account_id = $2 RETURNING uid_next - 1",
    )
    .bind(folder_id)
    .bind(account_id)
    .bind(unread)
    .fetch_optional(&mut **tx)
    .await?;
    let (uid,) = uid.ok_or(DomainError::NotFound)?;
    let parsed = message.parsed;
    let keys = threading::keys(parsed);
    let thread_id = thread_of(tx, account_id, &keys).await?;
    let modseq = tx.bump(CollectionKind::MailAccount, account_id).await?;
    let id = new_id();
    let from = &parsed.from;
    let (num,): (i64,) = sqlx::query_as(
        "INSERT INTO mail_messages (id, org_id, account_id, folder_id, uid, thread_id, blob_hash,
            size, received_at, sent_at, flags, has_attachment, message_id, from_name, from_address,
            recipients, subject, snippet, sort_from, sort_subject, modseq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
            $19, $20, $21)
         RETURNING num",
    )
    .bind(&id)
    .bind(org_id)
    .bind(account_id)
    .bind(folder_id)
    .bind(uid)
    .bind(&thread_id)
    .bind(message.blob.hash.as_str())
    .bind(message.blob.size as i64)
    .bind(message.received_at)
    .bind(parsed.sent_at.unwrap_or(message.received_at))
    .bind(message.flags)
    .bind(i64::from(parsed.has_attachment()))
    .bind(&parsed.message_id)
    .bind(&from.name)
    .bind(&from.address)
    .bind(recipients(&parsed.to))
    .bind(&parsed.subject)
    .bind(&parsed.snippet)
    .bind(sort_key(shown_name(from)))
    .bind(sort_key(&parsed.thread_name))
    .bind(modseq)
    .fetch_one(&mut **tx)
    .await?;
    let people = |list: &[&Person]| -> String {
        list.iter()
            .map(|p| format!("{} {}", p.name, p.address))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let recipients: Vec<&Person> = parsed.to.iter().chain(&parsed.cc).collect();
    let document = Document {
        subject: &parsed.subject,
        sender: &people(&[from]),
        recipients: &people(&recipients),
        body: &parsed.search_text,
    };
    fts::index(tx, num, &document).await?;
    Ok(id)
}

/// The thread the keys find: none makes a new one, several are merged into the one whose
/// first message came first. The keys then lead to it.
async fn thread_of(tx: &mut WriteTx, account_id: &str, keys: &ThreadKeys) -> DomainResult<String> {
    let found = if keys.refs.is_empty() {
        Vec::new()
    } else {
        let sql = format!(
            "SELECT DISTINCT thread_id FROM mail_thread_keys
             WHERE account_id = $1 AND subject_key = $2 AND ref_key IN ({})",
            placeholders(3, keys.refs.len())
        );
        let query = sqlx::query(&sql).bind(account_id).bind(&keys.subject);
        bind_all(query, &keys.refs)
            .fetch_all(&mut **tx)
            .await?
            .iter()
            .map(|row| row.try_get(0))
            .collect::<Result<Vec<String>, _>>()?
    };
    let thread_id = match found.len() {
        0 => new_id(),
        1 => found[0].clone(),
        _ => merge(tx, account_id, &found).await?,
    };
    for key in &keys.refs {
        sqlx::query(
            "INSERT INTO mail_thread_keys (account_id, subject_key, ref_key, thread_id)
             VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, subject_key, ref_key) DO NOTHING",
        )
        .bind(account_id)
        .bind(&keys.subject)
        .bind(key)
        .bind(&thread_id)
        .execute(&mut **tx)
        .await?;
    }
    Ok(thread_id)
}

/// Makes the `threads` one: the one whose first message came first takes the others'
/// messages and keys.
async fn merge(
    conn: &mut AnyConnection,
    account_id: &str,
    threads: &[String],
) -> DomainResult<String> {
    let list = placeholders(2, threads.len());
    let sql = format!(
        "SELECT thread_id FROM mail_messages WHERE account_id = $1 AND thread_id IN ({list})
         GROUP BY thread_id ORDER BY MIN(num) LIMIT 1"
    );
    let first = bind_all(sqlx::query(&sql).bind(account_id), threads)
        .fetch_optional(&mut *conn)
        .await?;
    let into = match first {
        Some(row) => row.try_get(0)?,
        None => threads[0].clone(),
    };
    let others: Vec<String> = threads.iter().filter(|t| **t != into).cloned().collect();
    let list = placeholders(3, others.len());
    for table in ["mail_messages", "mail_thread_keys"] {
        let sql = format!(
            "UPDATE {table} SET thread_id = $1 WHERE account_id = $2 AND thread_id IN ({list})"
        );
        bind_all(sqlx::query(&sql).bind(&into).bind(account_id), &others)
            .execute(&mut *conn)
            .await?;
    }
    Ok(into)
}

fn shown_name(person: &Person) -> &str {
    if person.name.is_empty() {
        &person.address
    } else {
        &person.name
    }
}

/// Lower case without accents, cut to `SORT_KEY_BYTES` on a character boundary.
fn sort_key(text: &str) -> String {
    let mut key = crate::locale::sort_key(text);
    let mut end = key.len().min(SORT_KEY_BYTES);
    while !key.is_char_boundary(end) {
        end -= 1;
    }
    key.truncate(end);
    key
}

/// The recipients as the list shows them: names, or addresses for those without one.
fn recipients(to: &[Person]) -> String {
    let joined = to.iter().map(shown_name).collect::<Vec<_>>().join(", ");
    joined.chars().take(RECIPIENTS_CHARS).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_keys_are_short_accent_free_and_whole_characters() {
        assert_eq!(sort_key("Élodie Zürcher"), "elodie zurcher");
        let long = sort_key(&"é".repeat(50));
        assert!(long.len() <= SORT_KEY_BYTES);
        assert!(long.chars().all(|c| c == 'e'));
        assert_eq!(sort_key(&"日".repeat(20)).len(), 39);
    }
}
