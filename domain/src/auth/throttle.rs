//! Slows down password guessing and mass sign-up, with the state in the database so it holds
//! across restarts and servers.
//!
//! An attempt is reserved before the slow password check, in one atomic statement that refuses
//! it while its key is locked. So 50 guesses sent at the same moment cannot all be checked: the
//! reservation that reaches the free allowance sets the lock, and the others are refused. The
//! reserved attempt counts as a failure; a success gives it back.

use crate::error::{DomainError, DomainResult};
use crate::ids::new_token;
use crate::store::Db;
use sha2::{Digest, Sha256};

/// After `free_failures` failures, each further one locks the key for a delay that doubles from
/// `base_delay_secs` up to `max_delay_secs`. Every `decay_secs` without a failure forgives one.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    pub free_failures: i64,
    pub base_delay_secs: i64,
    pub max_delay_secs: i64,
    pub decay_secs: i64,
}

impl ThrottlePolicy {
    /// Guesses at one account from one client.
    pub const ACCOUNT: ThrottlePolicy = ThrottlePolicy {
        free_failures: 5,
        base_delay_secs: 2,
        max_delay_secs: 15 * 60,
        decay_secs: 10 * 60,
    };
    /// Guesses at one account from anywhere: a network of many clients, each within its own
    /// allowance, is slowed down too, by a short delay its owner can bear.
    pub const ACCOUNT_WIDE: ThrottlePolicy = ThrottlePolicy {
        free_failures: 50,
        base_delay_secs: 1,
        max_delay_secs: 30,
        decay_secs: 72,
    };
    /// Guesses from one client, whatever the account.
    pub const CLIENT: ThrottlePolicy = ThrottlePolicy {
        free_failures: 20,
        base_delay_secs: 2,
        max_delay_secs: 15 * 60,
        decay_secs: 5 * 60,
    };
    /// Links sent by mail at one client's or one account's asking: a few, then one at a
    /// growing interval, so nobody buries an inbox under them.
    pub const MAIL_LINKS: ThrottlePolicy = ThrottlePolicy {
        free_failures: 10,
        base_delay_secs: 30,
        max_delay_secs: 3600,
        decay_secs: 10 * 60,
    };
    /// Reset links to one address, whoever asks: a member asks a few times at most.
    pub const MAIL_LINKS_TO_ADDRESS: ThrottlePolicy = ThrottlePolicy {
        free_failures: 3,
        base_delay_secs: 300,
        max_delay_secs: 3600,
        decay_secs: 3600,
    };
    /// Accounts made from one client.
    pub const SIGN_UP: ThrottlePolicy = ThrottlePolicy {
        free_failures: 5,
        base_delay_secs: 60,
        max_delay_secs: 24 * 3600,
        decay_secs: 3600,
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

    /// The reservation: a new key starts at one failure; a locked key is left as it is; else
    /// the decayed count grows by one and the lock follows `delay_after` (kept as the last
    /// delay, doubled, so the statement needs no power function).
    fn reserve_sql(self) -> String {
        let ThrottlePolicy {
            free_failures: free,
            base_delay_secs: base,
            max_delay_secs: max,
            decay_secs: decay,
        } = self;
        let locked = "throttle.locked_until > $2";
        let decayed = format!("(throttle.failures - ($2 - throttle.touched_at) / {decay})");
        let count = format!("(CASE WHEN {decayed} > 0 THEN {decayed} ELSE 0 END + 1)");
        let delay = format!(
            "(CASE WHEN {count} < {free} THEN 0 WHEN throttle.delay = 0 THEN {base} \
             WHEN throttle.delay * 2 > {max} THEN {max} ELSE throttle.delay * 2 END)"
        );
        let first_delay = self.delay_after(1);
        format!(
            "INSERT INTO throttle (key, failures, delay, locked_until, touched_at, last_attempt)
             VALUES ($1, 1, {first_delay}, $2 + {first_delay}, $2, $3)
             ON CONFLICT (key) DO UPDATE SET
               failures = CASE WHEN {locked} THEN throttle.failures ELSE {count} END,
               delay = CASE WHEN {locked} THEN throttle.delay ELSE {delay} END,
               locked_until = CASE WHEN {locked} THEN throttle.locked_until ELSE $2 + {delay} END,
               touched_at = CASE WHEN {locked} THEN throttle.touched_at ELSE $2 END,
               last_attempt = CASE WHEN {locked} THEN throttle.last_attempt ELSE $3 END
             RETURNING locked_until, last_attempt"
        )
    }

    /// How long a key is worth keeping after its last attempt.
    fn memory_secs(self) -> i64 {
        self.max_delay_secs + self.decay_secs * (self.free_failures + 20)
    }
}

/// What a throttle counts, as a fixed-size key: a digest of its kind and values, so an
/// e-mail address of a megabyte makes a key of 64 characters.
pub(crate) fn key(kind: &str, values: &[&str]) -> String {
    let mut hash = Sha256::new();
    hash.update(kind.as_bytes());
    for value in values {
        hash.update([0]);
        hash.update(value.as_bytes());
    }
    hex::encode(hash.finalize())
}

/// Reserves an attempt under `key`, or refuses it with the time left on the key's lock.
pub(crate) async fn reserve(
    db: &Db,
    key: &str,
    policy: ThrottlePolicy,
    now: i64,
) -> DomainResult<()> {
    let attempt = new_token();
    let (locked_until, last_attempt): (i64, String) = sqlx::query_as(&policy.reserve_sql())
        .bind(key)
        .bind(now)
        .bind(&attempt)
        .fetch_one(db.pool())
        .await?;
    if last_attempt == attempt {
        Ok(())
    } else {
        Err(DomainError::Throttled {
            retry_after_secs: (locked_until - now).max(1) as u64,
        })
    }
}

/// A reserved attempt turned out to be no failure: it is given back, and the lock it may have
/// set is lifted when the count falls under the free allowance again.
pub(crate) async fn give_back(db: &Db, key: &str, policy: ThrottlePolicy) -> DomainResult<()> {
    sqlx::query(
        "UPDATE throttle SET failures = CASE WHEN failures > 0 THEN failures - 1 ELSE 0 END,
           locked_until = CASE WHEN failures - 1 < $2 THEN 0 ELSE locked_until END,
           delay = CASE WHEN failures - 1 < $2 THEN 0 ELSE delay END
         WHERE key = $1",
    )
    .bind(key)
    .bind(policy.free_failures)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Forgets the key: a success on it.
pub(crate) async fn reset(db: &Db, key: &str) -> DomainResult<()> {
    sqlx::query("DELETE FROM throttle WHERE key = $1")
        .bind(key)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Deletes the keys that no longer hold anything back: unlocked and untouched for longer than
/// any policy remembers. Returns how many.
pub async fn purge(db: &Db, now: i64) -> DomainResult<u64> {
    let longest = [
        ThrottlePolicy::ACCOUNT,
        ThrottlePolicy::ACCOUNT_WIDE,
        ThrottlePolicy::CLIENT,
        ThrottlePolicy::SIGN_UP,
    ]
    .iter()
    .map(|p| p.memory_secs())
    .max()
    .unwrap_or(0);
    let done = sqlx::query("DELETE FROM throttle WHERE touched_at < $1 AND locked_until < $2")
        .bind(now - longest)
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
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

    #[test]
    fn keys_are_digests_of_bounded_size() {
        let long = "a".repeat(1 << 20);
        assert_eq!(key("login", &[&long, "10.0.0.1"]).len(), 64);
        assert_ne!(key("login", &["ab", "c"]), key("login", &["a", "bc"]));
    }
}
