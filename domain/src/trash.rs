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
