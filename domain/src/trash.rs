//! What every app's trash shares: what a line of it holds, how long it keeps what was deleted
//! (kSuite keeps 30 days), and the statements that put items in and purge them.

use serde::{Deserialize, Serialize};

/// What a line of an app's trash holds; restoring it brings that back.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TrashKind {
    Calendar,
    Event,
    Task,
    Book,
    Contact,
    /// A merge of duplicate contacts: restoring it undoes the merge.
    Merge,
}

crate::codes!(TrashKind {
    Calendar => "calendar",
    Event => "event",
    Task => "task",
    Book => "book",
    Contact => "contact",
    Merge => "merge",
});

/// A line of an app's trash.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrashItem {
    pub id: String,
    pub kind: TrashKind,
    /// The item's name; for a merge, the reference card's.
    pub title: String,
    /// The calendar or address book it was in (for a collection, its own name).
    pub place: String,
    /// For a merge: how many cards were merged into the reference.
    pub merged: u32,
    /// UTC seconds; the item is purged [`RETENTION_SECS`] later.
    pub deleted_at: i64,
}

/// Deleted items, and the versions and merges the Contacts keep, stay this long; then the
/// trash's purge deletes them for good.
pub const RETENTION_SECS: i64 = 30 * 24 * 3600;

/// The actor's own collections of `kind` in the trash, as lines of it of `shown_as`.
#[cfg(feature = "server")]
pub(crate) async fn collections(
    db: &crate::store::Db,
    actor: &crate::org::Actor,
    kind: crate::live::CollectionKind,
    shown_as: TrashKind,
) -> crate::DomainResult<Vec<TrashItem>> {
    let sql = format!(
        "SELECT id, name, deleted_at FROM {}
         WHERE org_id = $1 AND owner_id = $2 AND deleted_at <> 0",
        kind.table()
    );
    let rows: Vec<(String, String, i64)> = sqlx::query_as(&sql)
        .bind(&actor.org_id)
        .bind(&actor.account_id)
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, deleted_at)| TrashItem {
            id,
            kind: shown_as,
            title: name.clone(),
            place: name,
            merged: 0,
            deleted_at,
        })
        .collect())
}

/// A trash as the member sees it: newest first, without what is past the retention (the
/// maintenance job may not have purged it yet, but it is already gone for them).
#[cfg(feature = "server")]
pub(crate) fn as_shown(mut items: Vec<TrashItem>, now: i64) -> Vec<TrashItem> {
    items.retain(|i| i.deleted_at >= now - RETENTION_SECS);
    items.sort_by_key(|i| std::cmp::Reverse(i.deleted_at));
    items
}

/// Runs each purge statement (a DELETE whose `$1` is the oldest time kept) and returns how many
/// rows went, for the apps' `purge`.
#[cfg(feature = "server")]
pub(crate) async fn purge_older(
    db: &crate::store::Db,
    now: i64,
    statements: &[&str],
) -> crate::DomainResult<u64> {
    let mut gone = 0;
    for sql in statements {
        gone += sqlx::query(sql)
            .bind(now - RETENTION_SECS)
            .execute(db.pool())
            .await?
            .rows_affected();
    }
    Ok(gone)
}

/// Where an app keeps its items: the table and the column naming each item's collection.
#[cfg(feature = "server")]
pub(crate) struct Items {
    pub table: &'static str,
    pub collection: &'static str,
}

/// Puts the live items `ids` of one collection in the trash, thousands per statement; an id of
/// another collection is left alone. Returns how many went.
#[cfg(feature = "server")]
pub(crate) async fn trash_in(
    conn: &mut sqlx::AnyConnection,
    items: Items,
    collection_id: &str,
    ids: &[String],
    now: i64,
) -> crate::DomainResult<u64> {
    use crate::store::{bind_all, leading, IDS_PER_STATEMENT};
    let mut gone = 0;
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let sql = format!(
            "UPDATE {} SET deleted_at = ${} WHERE {} = ${} AND deleted_at = 0 AND id IN ({})",
            items.table,
            chunk.len() + 1,
            items.collection,
            chunk.len() + 2,
            leading(conn, 1, chunk.len())
        );
        gone += bind_all(sqlx::query(&sql), chunk)
            .bind(now)
            .bind(collection_id)
            .execute(&mut *conn)
            .await?
            .rows_affected();
    }
    Ok(gone)
}
