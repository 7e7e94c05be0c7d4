//! Slows down repeated login failures, per account and per client address, with the state in the
//! database so it holds across restarts and server instances.

use crate::error::{DomainError, DomainResult};
use crate::store::Db;

/// After `free_failures` failures in a row, each further failure locks the key for a delay that
/// doubles, from `base_delay_secs` up to `max_delay_secs`.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    pub free_failures: i64,
    pub base_delay_secs: i64,
    pub max_delay_secs: i64,
}

impl ThrottlePolicy {
    pub const ACCOUNT: ThrottlePolicy = ThrottlePolicy {
        free_failures: 5,
        base_delay_secs: 2,
        max_delay_secs: 15 * 60,
    };
    pub const ADDRESS: ThrottlePolicy = ThrottlePolicy {
        free_failures: 20,
        base_delay_secs: 2,
        max_delay_secs: 15 * 60,
    };

    /// Lock duration after the `failures`-th failure in a row.
    pub fn delay_after(self, failures: i64) -> i64 {
        if failures < self.free_failures {
            return 0;
        }
        let doublings = (failures - self.free_failures).min(20) as u32;
        self.base_delay_secs
            .saturating_mul(1 << doublings)
            .min(self.max_delay_secs)
    }
}

/// Refuses with the longest remaining wait among `keys`.
pub(crate) async fn check(db: &Db, keys: &[String], now: i64) -> DomainResult<()> {
    let mut wait = 0;
    for key in keys {
        let locked: Option<(i64,)> =
            sqlx::query_as("SELECT locked_until FROM login_throttle WHERE key = $1")
                .bind(key)
                .fetch_optional(db.pool())
                .await?;
        if let Some((until,)) = locked {
            wait = wait.max(until - now);
        }
    }
    if wait > 0 {
        return Err(DomainError::Throttled {
            retry_after_secs: wait as u64,
        });
    }
    Ok(())
}

pub(crate) async fn record_failure(
    db: &Db,
    key: &str,
    policy: ThrottlePolicy,
    now: i64,
) -> DomainResult<()> {
    let row: Option<(i64,)> = sqlx::query_as("SELECT failures FROM login_throttle WHERE key = $1")
        .bind(key)
        .fetch_optional(db.pool())
        .await?;
    let failures = row.map(|(f,)| f).unwrap_or(0) + 1;
    let until = now + policy.delay_after(failures);
    sqlx::query(
        "INSERT INTO login_throttle (key, failures, locked_until) VALUES ($1, $2, $3)
         ON CONFLICT (key) DO UPDATE SET failures = $2, locked_until = $3",
    )
    .bind(key)
    .bind(failures)
    .bind(until)
    .execute(db.pool())
    .await?;
    Ok(())
}

pub(crate) async fn reset(db: &Db, key: &str) -> DomainResult<()> {
    sqlx::query("DELETE FROM login_throttle WHERE key = $1")
        .bind(key)
        .execute(db.pool())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delay_doubles_after_the_free_failures_and_is_capped() {
        let p = ThrottlePolicy::ACCOUNT;
        assert_eq!(p.delay_after(4), 0);
        assert_eq!(p.delay_after(5), 2);
        assert_eq!(p.delay_after(6), 4);
        assert_eq!(p.delay_after(9), 32);
        assert_eq!(p.delay_after(40), 900);
        assert_eq!(p.delay_after(i64::MAX), 900);
    }
}
