//! What every app's trash shares: how long it keeps what was deleted (kSuite keeps 30 days).

/// Deleted items, and the versions and merges the Contacts keep, stay this long; then the
/// trash's purge deletes them for good.
pub const RETENTION_SECS: i64 = 30 * 24 * 3600;

/// Runs each purge statement (a DELETE whose `$1` is the oldest time kept) and returns how many
/// rows went, for the apps' `purge`.
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
pub(crate) struct Items {
    pub table: &'static str,
    pub collection: &'static str,
}

/// Puts the live items `ids` of one collection in the trash, thousands per statement; an id of
/// another collection is left alone. Returns how many went.
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
