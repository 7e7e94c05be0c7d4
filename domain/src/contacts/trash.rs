//! The contacts' trash: deleted contacts and address books, and merges of duplicates, stay
//! restorable for 30 days, then are purged with the versions of the same age.

use super::books::{list_books, require_room};
use super::card_rows::{untrash_card, untrash_cards};
use super::model::BulkOutcome;
use super::store::{bump, require_product, writable_book};
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::live::CollectionKind;
use crate::org::Actor;
use crate::store::{bind_all, leading, placeholders, Db, IDS_PER_STATEMENT};
use crate::trash::{TrashItem, TrashKind};
use sqlx::Row;
use std::collections::{HashMap, HashSet};

pub use crate::trash::RETENTION_SECS;

/// Deletes for good what has been in the trash longer than the retention; returns how many
/// rows. Run by the server's maintenance job, never by a request.
pub async fn purge(db: &Db, now: i64) -> DomainResult<u64> {
    crate::trash::purge_older(
        db,
        now,
        &[
            "DELETE FROM contact_merges WHERE merged_at < $1",
            "DELETE FROM contact_versions WHERE replaced_at < $1",
            "DELETE FROM contacts WHERE deleted_at <> 0 AND deleted_at < $1",
            "DELETE FROM address_books WHERE deleted_at <> 0 AND deleted_at < $1",
        ],
    )
    .await
}

/// The member's trash: their deleted books, and the deleted contacts and merges of the live
/// books they may change. Newest first.
pub async fn list_trash(db: &Db, actor: &Actor, now: i64) -> DomainResult<Vec<TrashItem>> {
    require_product(actor)?;
    let mut items =
        crate::trash::collections(db, actor, CollectionKind::AddressBook, TrashKind::Book).await?;
    let names: HashMap<String, String> = list_books(db, actor, now)
        .await?
        .into_iter()
        .filter(|b| b.access.can_write())
        .map(|b| (b.id, b.name))
        .collect();
    if !names.is_empty() {
        let ids = placeholders(1, names.len());
        let merges_sql = format!(
            "SELECT m.id, m.book_id, m.removed, m.merged_at, c.full_name FROM contact_merges m
             JOIN contacts c ON c.id = m.reference_id WHERE m.book_id IN ({ids})"
        );
        let merges = bind_all(sqlx::query(&merges_sql), names.keys())
            .fetch_all(db.pool())
            .await?;
        // A merged card comes back with its merge, not on its own.
        let mut in_merges = HashSet::new();
        for row in &merges {
            let removed: String = row.try_get("removed")?;
            in_merges.extend(removed.lines().map(str::to_owned));
            let book_id: String = row.try_get("book_id")?;
            items.push(TrashItem {
                id: row.try_get("id")?,
                kind: TrashKind::Merge,
                title: row.try_get("full_name")?,
                place: names.get(&book_id).cloned().unwrap_or_default(),
                merged: u32::try_from(removed.lines().count()).unwrap_or(u32::MAX),
                deleted_at: row.try_get("merged_at")?,
            });
        }
        let contacts_sql = format!(
            "SELECT id, book_id, full_name, deleted_at FROM contacts
             WHERE deleted_at <> 0 AND book_id IN ({ids})"
        );
        let contacts = bind_all(sqlx::query(&contacts_sql), names.keys())
            .fetch_all(db.pool())
            .await?;
        for row in &contacts {
            let id: String = row.try_get("id")?;
            if in_merges.contains(&id) {
                continue;
            }
            let book_id: String = row.try_get("book_id")?;
            items.push(TrashItem {
                id,
                kind: TrashKind::Contact,
                title: row.try_get("full_name")?,
                place: names.get(&book_id).cloned().unwrap_or_default(),
                merged: 0,
                deleted_at: row.try_get("deleted_at")?,
            });
        }
    }
    Ok(crate::trash::as_shown(items, now))
}

/// Brings a deleted contact back, if its book is live and the actor may change it.
pub async fn restore_contact(db: &Db, actor: &Actor, id: &str, now: i64) -> DomainResult<()> {
    require_product(actor)?;
    let mut tx = db.write().await?;
    let book_id = untrash(&mut tx, actor, id, now).await?;
    bump(&mut tx, &book_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Brings deleted contacts back together (the Undo of a deletion of several): those that are
/// no longer in the trash, or whose book the actor may not change, are skipped. A few
/// statements for the whole selection, as the deletion took.
pub async fn restore_contacts(
    db: &Db,
    actor: &Actor,
    ids: &[String],
    now: i64,
) -> DomainResult<BulkOutcome> {
    require_product(actor)?;
    if ids.len() > super::bulk::MAX_SELECTION {
        return Err(DomainError::limit(
            LimitKind::Selection,
            super::bulk::MAX_SELECTION as u64,
        ));
    }
    let mut tx = db.write().await?;
    let mut trashed: Vec<(String, String)> = Vec::new();
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let sql = format!(
            "SELECT id, book_id FROM contacts
             WHERE org_id = ${} AND deleted_at <> 0 AND deleted_at >= ${} AND id IN ({})",
            chunk.len() + 1,
            chunk.len() + 2,
            leading(&tx, 1, chunk.len())
        );
        let rows = bind_all(sqlx::query(&sql), chunk)
            .bind(&actor.org_id)
            .bind(now - RETENTION_SECS)
            .fetch_all(&mut *tx)
            .await?;
        for row in &rows {
            trashed.push((row.try_get("id")?, row.try_get("book_id")?));
        }
    }
    let mut writable: HashMap<String, bool> = HashMap::new();
    let mut restored = Vec::new();
    for (id, book) in trashed {
        let may = match writable.get(&book) {
            Some(known) => *known,
            None => {
                let may = writable_book(&mut tx, actor, &book).await.is_ok();
                writable.insert(book.clone(), may);
                may
            }
        };
        if may {
            restored.push(id);
        }
    }
    untrash_cards(&mut tx, &restored, now).await?;
    for (book, _) in writable.iter().filter(|(_, may)| **may) {
        bump(&mut tx, book).await?;
    }
    tx.commit().await?;
    Ok(BulkOutcome::of(ids.len(), restored))
}

/// Takes one contact out of the trash within `tx`; returns its book.
async fn untrash(
    tx: &mut sqlx::AnyConnection,
    actor: &Actor,
    id: &str,
    now: i64,
) -> DomainResult<String> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT book_id FROM contacts
         WHERE id = $1 AND org_id = $2 AND deleted_at <> 0 AND deleted_at >= $3",
    )
    .bind(id)
    .bind(&actor.org_id)
    .bind(now - RETENTION_SECS)
    .fetch_optional(&mut *tx)
    .await?;
    let (book_id,) = row.ok_or(DomainError::NotFound)?;
    writable_book(tx, actor, &book_id).await?;
    untrash_card(tx, id, now).await?;
    Ok(book_id)
}

/// Brings one of the actor's deleted books back, with its contacts, within the plan's limit.
pub async fn restore_book(db: &Db, actor: &Actor, book_id: &str, now: i64) -> DomainResult<()> {
    require_product(actor)?;
    let mut tx = db.write().await?;
    let (waiting,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM address_books
         WHERE id = $1 AND org_id = $2 AND owner_id = $3 AND deleted_at <> 0 AND deleted_at >= $4",
    )
    .bind(book_id)
    .bind(&actor.org_id)
    .bind(&actor.account_id)
    .bind(now - RETENTION_SECS)
    .fetch_one(&mut *tx)
    .await?;
    if waiting == 0 {
        return Err(DomainError::NotFound);
    }
    require_room(&mut tx, actor).await?;
    sqlx::query("UPDATE address_books SET deleted_at = 0 WHERE id = $1")
        .bind(book_id)
        .execute(&mut *tx)
        .await?;
    tx.collection_changed(CollectionKind::AddressBook, book_id)
        .await?;
    tx.commit().await?;
    Ok(())
}
