//! Changes to stored messages inside the caller's transaction: flags, a folder, removal. Each
//! keeps the folders' counts and UIDs, stamps the rows with the mailbox's new revision, and
//! notes what left a folder, so an open list learns of it.

use super::{FLAGGED, SEEN};
use crate::error::DomainResult;
use crate::live::CollectionKind;
use crate::mail::model::FlagChange;
use crate::store::fts;
use crate::store::{bind_all, leading, WriteTx};
use sqlx::Row;

/// A stored message as an action reads it.
#[derive(Debug, Clone)]
pub(crate) struct Held {
    pub num: i64,
    pub id: String,
    pub folder_id: String,
    pub flags: i64,
    pub trashed_from: String,
}

/// Which of the mailbox's messages to read: some by id, or all of some folders.
pub(crate) enum Which<'a> {
    Ids(&'a [String]),
    Folders(&'a [String]),
}

/// The mailbox's messages `which` names, oldest first; ids of other mailboxes are left out.
pub(crate) async fn held(
    tx: &mut WriteTx,
    account_id: &str,
    which: Which<'_>,
) -> DomainResult<Vec<Held>> {
    let (column, values) = match which {
        Which::Ids(ids) => ("id", ids),
        Which::Folders(folders) => ("folder_id", folders),
    };
    if values.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT num, id, folder_id, flags, trashed_from FROM mail_messages
         WHERE {column} IN ({}) AND account_id = ${} ORDER BY num",
        leading(tx, 1, values.len()),
        values.len() + 1
    );
    let rows = bind_all(sqlx::query(&sql), values)
        .bind(account_id)
        .fetch_all(&mut **tx)
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Held {
                num: row.try_get(0)?,
                id: row.try_get(1)?,
                folder_id: row.try_get(2)?,
                flags: row.try_get(3)?,
                trashed_from: row.try_get(4)?,
            })
        })
        .collect()
}

async fn count(tx: &mut WriteTx, folder_id: &str, total: i64, unread: i64) -> DomainResult<()> {
    sqlx::query("UPDATE mail_folders SET total = total + $2, unread = unread + $3 WHERE id = $1")
        .bind(folder_id)
        .bind(total)
        .bind(unread)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

fn unread(flags: i64) -> i64 {
    i64::from(flags & SEEN == 0)
}

/// Sets or clears flags; returns how many messages changed.
pub(crate) async fn set_flags(
    tx: &mut WriteTx,
    account_id: &str,
    messages: &[Held],
    change: FlagChange,
) -> DomainResult<u64> {
    let mut changed = Vec::new();
    for m in messages {
        let mut flags = m.flags;
        for (bit, wanted) in [(SEEN, change.seen), (FLAGGED, change.flagged)] {
            match wanted {
                Some(true) => flags |= bit,
                Some(false) => flags &= !bit,
                None => {}
            }
        }
        if flags != m.flags {
            changed.push((m, flags));
        }
    }
    if changed.is_empty() {
        return Ok(0);
    }
    let modseq = tx.bump(CollectionKind::MailAccount, account_id).await?;
    for (m, flags) in &changed {
        sqlx::query("UPDATE mail_messages SET flags = $2, modseq = $3 WHERE num = $1")
            .bind(m.num)
            .bind(flags)
            .bind(modseq)
            .execute(&mut **tx)
            .await?;
        let delta = unread(*flags) - unread(m.flags);
        if delta != 0 {
            count(tx, &m.folder_id, 0, delta).await?;
        }
    }
    Ok(changed.len() as u64)
}

/// Moves messages into `to` (a folder of the same mailbox), each with the folder's next UID.
/// A message going into the Trash remembers where it was (`trash` is that folder's id); one
/// leaving it forgets. Messages already there stay.
pub(crate) async fn move_to(
    tx: &mut WriteTx,
    account_id: &str,
    messages: &[Held],
    to: &str,
    trash: &str,
) -> DomainResult<Vec<Held>> {
    let moving: Vec<&Held> = messages.iter().filter(|m| m.folder_id != to).collect();
    if moving.is_empty() {
        return Ok(Vec::new());
    }
    let modseq = tx.bump(CollectionKind::MailAccount, account_id).await?;
    let n = moving.len() as i64;
    let (first_uid,): (i64,) = sqlx::query_as(
        "UPDATE mail_folders SET uid_next = uid_next + $2 WHERE id = $1 RETURNING uid_next - $2",
    )
    .bind(to)
    .bind(n)
    .fetch_one(&mut **tx)
    .await?;
    let mut unread_in = 0;
    for (i, m) in moving.iter().enumerate() {
        let trashed_from = if to == trash {
            m.folder_id.as_str()
        } else {
            ""
        };
        sqlx::query(
            "UPDATE mail_messages SET folder_id = $2, uid = $3, trashed_from = $4, modseq = $5
             WHERE num = $1",
        )
        .bind(m.num)
        .bind(to)
        .bind(first_uid + i as i64)
        .bind(trashed_from)
        .bind(modseq)
        .execute(&mut **tx)
        .await?;
        left(tx, account_id, m, modseq).await?;
        unread_in += unread(m.flags);
    }
    count(tx, to, n, unread_in).await?;
    Ok(moving.into_iter().cloned().collect())
}

/// Notes that `m` left its folder, and takes it from the folder's counts.
async fn left(tx: &mut WriteTx, account_id: &str, m: &Held, modseq: i64) -> DomainResult<()> {
    sqlx::query(
        "INSERT INTO mail_removals (account_id, modseq, message_id, folder_id) VALUES ($1, $2, $3, $4)",
    )
    .bind(account_id)
    .bind(modseq)
    .bind(&m.id)
    .bind(&m.folder_id)
    .execute(&mut **tx)
    .await?;
    count(tx, &m.folder_id, -1, -unread(m.flags)).await
}

/// Deletes messages for good (their bytes go with the blob collector once nothing else
/// refers to them); returns how many.
pub(crate) async fn destroy(
    tx: &mut WriteTx,
    account_id: &str,
    messages: &[Held],
) -> DomainResult<u64> {
    if messages.is_empty() {
        return Ok(0);
    }
    let modseq = tx.bump(CollectionKind::MailAccount, account_id).await?;
    for m in messages {
        sqlx::query("DELETE FROM mail_messages WHERE num = $1")
            .bind(m.num)
            .execute(&mut **tx)
            .await?;
        fts::unindex(tx, m.num).await?;
        left(tx, account_id, m, modseq).await?;
    }
    Ok(messages.len() as u64)
}
