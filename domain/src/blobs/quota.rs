//! What an organization's files take, against what it may take. Every place a file is attached
//! counts, in the trash too (the trash frees its space when it is purged), whatever the store
//! shares on disk: the figure a member sees does not depend on what others uploaded. Bytes one
//! message holds twice (a file in a draft or a message waiting to be sent, a message in the
//! outbox) count once.

use super::REFERENCES;
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::store::Db;
use crate::views::StorageUsage;
use sqlx::AnyConnection;

const MB: u64 = 1 << 20;

async fn used(conn: &mut AnyConnection, org_id: &str) -> DomainResult<u64> {
    let mut used = 0u64;
    for reference in REFERENCES {
        let (table, Some(counted)) = (reference.table, reference.counted) else {
            continue;
        };
        // PostgreSQL sums BIGINTs as NUMERIC.
        let sql = format!(
            "SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) FROM {table} WHERE org_id = $1 AND ({counted})"
        );
        let (sum,): (i64,) = sqlx::query_as(&sql)
            .bind(org_id)
            .fetch_one(&mut *conn)
            .await?;
        used += sum.max(0) as u64;
    }
    Ok(used)
}

/// The organization's storage: used and allowed, in bytes.
pub async fn usage(conn: &mut AnyConnection, org_id: &str) -> DomainResult<StorageUsage> {
    let quota: Option<(i64,)> =
        sqlx::query_as("SELECT storage_quota FROM organizations WHERE id = $1")
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (quota,) = quota.ok_or(DomainError::NotFound)?;
    Ok(StorageUsage {
        used: used(conn, org_id).await?,
        quota: quota.max(0) as u64,
    })
}

/// The storage of the actor's organization, which any member may see.
pub async fn storage_of(db: &Db, actor: &crate::org::Actor) -> DomainResult<StorageUsage> {
    let mut conn = db.pool().acquire().await?;
    usage(&mut conn, &actor.org_id).await
}

/// Refuses `extra` more bytes over what the organization may take, naming its quota in
/// megabytes.
pub fn require_fits(usage: StorageUsage, extra: u64) -> DomainResult<()> {
    if usage.used.saturating_add(extra) > usage.quota {
        return Err(DomainError::limit(
            LimitKind::StorageMegabytes,
            usage.quota / MB,
        ));
    }
    Ok(())
}

/// Refuses `extra` more bytes over the organization's free space: the check before a file's
/// bytes are received or kept, so a refusal costs no upload. [`require_room`] checks again where
/// the file is recorded.
pub async fn require_free(conn: &mut AnyConnection, org_id: &str, extra: u64) -> DomainResult<()> {
    require_fits(usage(conn, org_id).await?, extra)
}

/// Refuses `extra` more bytes when they would take the organization over its quota (with 0,
/// after the transaction's writes: whether what it wrote fits). Inside the writing transaction:
/// the organization's row is locked first, so two uploads at once cannot both take the last
/// free space.
pub async fn require_room(conn: &mut AnyConnection, org_id: &str, extra: u64) -> DomainResult<()> {
    // A no-op update takes PostgreSQL's row lock; SQLite's writer already holds the database.
    let quota: Option<(i64,)> = sqlx::query_as(
        "UPDATE organizations SET storage_quota = storage_quota WHERE id = $1 RETURNING storage_quota",
    )
    .bind(org_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (quota,) = quota.ok_or(DomainError::NotFound)?;
    let usage = StorageUsage {
        used: used(conn, org_id).await?,
        quota: quota.max(0) as u64,
    };
    require_fits(usage, extra)
}

/// Sets what the organization's files may take (the operator's `ksuite org set-quota`).
pub async fn set_quota(db: &Db, org_id: &str, megabytes: u64) -> DomainResult<()> {
    let bytes = i64::try_from(megabytes.saturating_mul(MB)).unwrap_or(i64::MAX);
    let done = sqlx::query("UPDATE organizations SET storage_quota = $1 WHERE id = $2")
        .bind(bytes)
        .bind(org_id)
        .execute(db.pool())
        .await?;
    if done.rows_affected() == 0 {
        return Err(DomainError::NotFound);
    }
    Ok(())
}
