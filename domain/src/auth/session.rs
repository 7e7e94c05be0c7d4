//! Sessions are database rows keyed by the SHA-256 of the cookie's token, so a leaked database
//! does not leak usable cookies. Each has a public id, the device and client that opened it, and
//! when it was last used, so the account's owner can see them and end any of them.

use super::account_row::{account_from_row, ACCOUNT_COLUMNS};
use super::device;
use crate::error::{DomainError, DomainResult};
use crate::ids::{new_id, new_token, token_hash};
use crate::store::Db;
use crate::views::{AccountView, OpenSession};
use sqlx::Row;
use std::collections::HashMap;
use std::sync::Mutex;

/// A session ends this long after it was opened...
pub const SESSION_LIFETIME_SECS: i64 = 30 * 24 * 3600;
/// ...or once it has not been used for this long.
pub const IDLE_SECS: i64 = 14 * 24 * 3600;

/// What opened a session: the client (see `client::client_key`) and its browser's
/// `User-Agent`, kept short.
#[derive(Debug, Clone, Copy, Default)]
pub struct Device<'a> {
    pub client: &'a str,
    pub user_agent: &'a str,
}

const MAX_USER_AGENT: usize = 300;

/// Creates a session and returns the token for the cookie.
pub async fn create_session(
    db: &Db,
    account_id: &str,
    device: &Device<'_>,
    now: i64,
) -> DomainResult<String> {
    let token = new_token();
    let user_agent: String = device.user_agent.chars().take(MAX_USER_AGENT).collect();
    sqlx::query(
        "INSERT INTO sessions (token_hash, id, account_id, user_agent, client, created_at, expires_at, last_seen_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $6)",
    )
    .bind(token_hash(&token))
    .bind(new_id())
    .bind(account_id)
    .bind(&user_agent)
    .bind(device.client)
    .bind(now)
    .bind(now + SESSION_LIFETIME_SECS)
    .execute(db.pool())
    .await?;
    Ok(token)
}

/// A live session: its id and its account, read whole.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedIn {
    pub session_id: String,
    pub account: AccountView,
}

/// The session behind a token, if it has neither expired nor been idle too long. Runs on every
/// request, and the pages need the account anyway.
pub async fn session_account(db: &Db, token: &str, now: i64) -> DomainResult<Option<SignedIn>> {
    let row = sqlx::query(&format!(
        "SELECT s.id AS session_id, {ACCOUNT_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $3"
    ))
    .bind(token_hash(token))
    .bind(now)
    .bind(now - IDLE_SECS)
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(SignedIn {
            session_id: row.try_get("session_id")?,
            account: account_from_row(&row)?,
        })
    })
    .transpose()
}

/// Whether a session is still live: a live event stream asks now and then.
pub async fn session_live(db: &Db, session_id: &str, now: i64) -> DomainResult<bool> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM sessions WHERE id = $1 AND expires_at > $2 AND last_seen_at > $3",
    )
    .bind(session_id)
    .bind(now)
    .bind(now - IDLE_SECS)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.is_some())
}

/// Ends every session of the account (its password was reset).
pub(crate) async fn end_all(conn: &mut sqlx::AnyConnection, account_id: &str) -> DomainResult<()> {
    sqlx::query("DELETE FROM sessions WHERE account_id = $1")
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn delete_session(db: &Db, token: &str) -> DomainResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// The account's live sessions, the most recently used first; `current` is marked.
pub async fn list_sessions(
    db: &Db,
    activity: &SessionActivity,
    account_id: &str,
    current: &str,
    now: i64,
) -> DomainResult<Vec<OpenSession>> {
    let rows = sqlx::query(
        "SELECT id, user_agent, client, created_at, last_seen_at FROM sessions
         WHERE account_id = $1 AND expires_at > $2 AND last_seen_at > $3",
    )
    .bind(account_id)
    .bind(now)
    .bind(now - IDLE_SECS)
    .fetch_all(db.pool())
    .await?;
    let mut sessions = rows
        .iter()
        .map(|row| {
            let id: String = row.try_get("id")?;
            let user_agent: String = row.try_get("user_agent")?;
            let stored: i64 = row.try_get("last_seen_at")?;
            let (browser, system) = device::describe(&user_agent);
            Ok(OpenSession {
                last_seen_at: activity.last_seen(&id).unwrap_or(stored).max(stored),
                current: id == current,
                id,
                browser,
                system,
                client: row.try_get("client")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect::<DomainResult<Vec<_>>>()?;
    sessions.sort_by_key(|s| (!s.current, std::cmp::Reverse(s.last_seen_at)));
    Ok(sessions)
}

/// Ends one of the account's sessions (another device's, or this one).
pub async fn end_session(db: &Db, account_id: &str, session_id: &str) -> DomainResult<()> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id = $2")
        .bind(account_id)
        .bind(session_id)
        .execute(db.pool())
        .await?;
    if done.rows_affected() == 0 {
        return Err(DomainError::NotFound);
    }
    Ok(())
}

/// Ends every session of the account but `keep`; returns how many.
pub async fn end_other_sessions(db: &Db, account_id: &str, keep: &str) -> DomainResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id <> $2")
        .bind(account_id)
        .bind(keep)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

/// Deletes the sessions that have expired or gone idle; returns how many.
pub async fn purge_sessions(db: &Db, now: i64) -> DomainResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
        .bind(now)
        .bind(now - IDLE_SECS)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

/// When each session was last used, in memory: every request touches its session, and a read
/// must not write. The server's jobs write it out once a minute (`flush`), so the idle timeout
/// and the list of sessions are never more than that behind.
#[derive(Debug, Default)]
pub struct SessionActivity {
    seen: Mutex<HashMap<String, i64>>,
}

impl SessionActivity {
    pub fn seen(&self, session_id: &str, now: i64) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let at = seen.entry(session_id.to_owned()).or_insert(now);
        *at = (*at).max(now);
    }

    fn last_seen(&self, session_id: &str) -> Option<i64> {
        let seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        seen.get(session_id).copied()
    }

    fn take(&self) -> HashMap<String, i64> {
        std::mem::take(&mut *self.seen.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Writes what was recorded since the last flush, in one transaction; returns how many
    /// sessions. What cannot be written is kept for the next flush.
    pub async fn flush(&self, db: &Db) -> DomainResult<usize> {
        let seen = self.take();
        if seen.is_empty() {
            return Ok(0);
        }
        let written = async {
            let mut tx = db.write().await?;
            for (id, at) in &seen {
                sqlx::query(
                    "UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND last_seen_at < $2",
                )
                .bind(id)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            Ok::<_, DomainError>(())
        }
        .await;
        if let Err(err) = written {
            for (id, at) in &seen {
                self.seen(id, *at);
            }
            return Err(err);
        }
        Ok(seen.len())
    }
}
