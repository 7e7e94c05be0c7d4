//! Storing what an import accepted, and taking it back, for either kind of collection: the
//! target checked or made in the same transaction, items matched by UID (an identical one left
//! alone, another replaced with its text kept as a version, a new one inserted), and an Undo
//! that trashes what was added and gives what was replaced its text from before.

use super::{ImportChanges, ImportSummary, ImportTarget, ImportedInto, Skipped};
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::ids::etag;
use crate::org::Actor;
use crate::sharing::shares::Collection;
use crate::store::{Db, WriteTx};
use crate::trash::Items;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// What differs between importing into a calendar and into an address book.
pub(crate) trait Importable {
    /// The collection an import goes to.
    type Collection: Collection;
    /// One item of the file, checked and ready to store.
    type Item;
    /// Where the items live; each has `uid`, `etag` and `deleted_at`.
    const ITEMS: Items;
    /// An item's text and trash time as a version kept at `$3` had them, binding `$1` the item
    /// and `$2` the collection it must still be in.
    const VERSION_AT: &'static str;

    /// How the import names the collection it went to.
    fn imported_into(id: String) -> ImportedInto;
    fn uid(item: &Self::Item) -> &str;
    fn text(item: &Self::Item) -> &str;
    /// The item a text the suite stored reads as again; `None` when it no longer does.
    fn reread(text: String) -> Option<Self::Item>;
    /// The collection `id` if the actor may import into it.
    async fn writable(conn: &mut AnyConnection, actor: &Actor, id: &str) -> DomainResult<String>;
    /// A new collection owned by the actor, within the plan's limit.
    async fn create(
        conn: &mut AnyConnection,
        actor: &Actor,
        name: &str,
        color: Option<&str>,
        now: i64,
    ) -> DomainResult<String>;
    /// Rewrites a stored item (back from the trash if it was there), keeping its text as a
    /// version of `now`.
    async fn replace(
        conn: &mut AnyConnection,
        id: &str,
        collection: &str,
        item: &Self::Item,
        now: i64,
    ) -> DomainResult<()>;
    /// Stores new items in few statements; returns their ids.
    async fn insert(
        conn: &mut AnyConnection,
        actor: &Actor,
        collection: &str,
        items: &[&Self::Item],
        now: i64,
    ) -> DomainResult<Vec<String>>;
}

/// Refuses an import the actor may not make, before its file is read.
pub(crate) async fn may_import<K: Importable>(
    db: &Db,
    actor: &Actor,
    target: &ImportTarget,
) -> DomainResult<()> {
    K::Collection::require_product(actor)?;
    if let ImportTarget::Existing(id) = target {
        let mut conn = db.pool().acquire().await?;
        K::writable(&mut conn, actor, id).await?;
    }
    Ok(())
}

/// Stores what an import accepted, in one transaction.
pub(crate) async fn store<K: Importable>(
    db: &Db,
    actor: &Actor,
    target: &ImportTarget,
    ready: Vec<K::Item>,
    skipped: Vec<Skipped>,
    now: i64,
) -> DomainResult<ImportSummary> {
    let mut tx = db.write().await?;
    let collection = match target {
        ImportTarget::Existing(id) => K::writable(&mut tx, actor, id).await?,
        ImportTarget::New { name, color } => {
            K::create(&mut tx, actor, name, color.as_deref(), now).await?
        }
    };
    let existing = existing::<K>(&mut tx, &collection).await?;
    let into = K::imported_into(collection.clone());
    let mut summary = ImportSummary {
        skipped,
        ..ImportSummary::new(into, target)
    };
    summary.changes.at = now;
    let mut new_items = Vec::new();
    for item in &ready {
        match existing.get(K::uid(item)) {
            Some((_, tag, false)) if *tag == etag(K::text(item)) => summary.unchanged += 1,
            Some((id, _, _)) => {
                K::replace(&mut tx, id, &collection, item, now).await?;
                summary.updated += 1;
                summary.changes.replaced.push(id.clone());
            }
            None => {
                new_items.push(item);
                summary.imported += 1;
            }
        }
    }
    summary.changes.created = K::insert(&mut tx, actor, &collection, &new_items, now).await?;
    if summary.imported + summary.updated > 0 {
        tx.bump(K::Collection::KIND, &collection).await?;
    }
    tx.commit().await?;
    Ok(summary)
}

/// uid -> (item id, etag, in the trash)
async fn existing<K: Importable>(
    tx: &mut WriteTx,
    collection: &str,
) -> DomainResult<HashMap<String, (String, String, bool)>> {
    let sql = format!(
        "SELECT uid, id, etag, deleted_at FROM {} WHERE {} = $1",
        K::ITEMS.table,
        K::ITEMS.collection
    );
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(&sql)
        .bind(collection)
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(uid, id, etag, deleted)| (uid, (id, etag, deleted != 0)))
        .collect())
}

/// Takes an import into `collection` back: what it added goes to the trash (restorable from
/// there), and what it replaced gets its text from before the import again. Ids of another
/// collection are left alone. Returns how many items changed back.
pub(crate) async fn take_back<K: Importable>(
    db: &Db,
    actor: &Actor,
    collection: &str,
    changes: &ImportChanges,
    now: i64,
) -> DomainResult<u64> {
    K::Collection::require_product(actor)?;
    if changes.created.len() + changes.replaced.len() > ImportChanges::MAX_ITEMS {
        return Err(DomainError::limit(
            LimitKind::Selection,
            ImportChanges::MAX_ITEMS as u64,
        ));
    }
    let mut tx = db.write().await?;
    K::writable(&mut tx, actor, collection).await?;
    let mut back =
        crate::trash::trash_in(&mut tx, K::ITEMS, collection, &changes.created, now).await?;
    for id in &changes.replaced {
        let before: Option<(String, i64)> = sqlx::query_as(K::VERSION_AT)
            .bind(id)
            .bind(collection)
            .bind(changes.at)
            .fetch_optional(&mut *tx)
            .await?;
        // The text the item had is one the suite stored, so it reads as it did then.
        let Some((text, deleted_at)) = before else {
            continue;
        };
        let Some(item) = K::reread(text) else {
            continue;
        };
        K::replace(&mut tx, id, collection, &item, now).await?;
        // It was in the trash when the import brought it back: it goes back there, with the
        // time it had, so the trash's retention still counts from then.
        if deleted_at != 0 {
            let ids = std::slice::from_ref(id);
            crate::trash::trash_in(&mut tx, K::ITEMS, collection, ids, deleted_at).await?;
        }
        back += 1;
    }
    if back > 0 {
        tx.bump(K::Collection::KIND, collection).await?;
    }
    tx.commit().await?;
    Ok(back)
}
