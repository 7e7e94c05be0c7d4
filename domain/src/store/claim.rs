//! Background work that servers sharing a database split between them: a batch of due rows is
//! taken for a while (a lease), so one server works a row at a time, and another takes it up
//! once the lease is over if the first died.

use super::Db;
use crate::error::DomainResult;
use sqlx::any::AnyRow;

/// The rows to take: those of `table` that `due` selects (with `$1` the time now), the
/// earliest by `order` first; `lease` is the column that holds until when they are taken,
/// and `returning` the columns read back.
pub struct Claim {
    pub table: &'static str,
    pub due: &'static str,
    pub order: &'static str,
    pub lease: &'static str,
    pub returning: &'static str,
}

/// Takes at most `batch` rows of `what` until `until`.
pub async fn claim(
    db: &Db,
    what: &Claim,
    now: i64,
    until: i64,
    batch: i64,
) -> DomainResult<Vec<AnyRow>> {
    // PostgreSQL skips rows another server has locked; SQLite has one writer anyway.
    let lock = if db.is_postgres() {
        "FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let Claim {
        table,
        due,
        order,
        lease,
        returning,
    } = what;
    let sql = format!(
        "UPDATE {table} SET {lease} = $2
         WHERE id IN (SELECT id FROM {table} WHERE {due} ORDER BY {order} LIMIT $3 {lock})
         RETURNING {returning}"
    );
    let mut tx = db.write().await?;
    let rows = sqlx::query(&sql)
        .bind(now)
        .bind(until)
        .bind(batch)
        .fetch_all(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(rows)
}
