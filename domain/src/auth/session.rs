//! Sessions are database rows keyed by the SHA-256 of the cookie's token, so a leaked database
//! does not leak usable cookies.

use super::account::{account_from_row, ACCOUNT_COLUMNS};
use crate::error::DomainResult;
use crate::ids::new_token;
use crate::store::Db;
use crate::views::AccountView;
use sha2::{Digest, Sha256};

pub const SESSION_LIFETIME_SECS: i64 = 30 * 24 * 3600;

fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Creates a session and returns the token for the cookie.
pub async fn create_session(db: &Db, account_id: &str, now: i64) -> DomainResult<String> {
    let token = new_token();
    sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(account_id)
        .bind(now)
        .bind(now + SESSION_LIFETIME_SECS)
        .execute(db.pool())
        .await?;
    Ok(token)
}

/// The account behind a live session token, read whole: it runs on every request, and the pages
/// need the account anyway.
pub async fn session_account(db: &Db, token: &str, now: i64) -> DomainResult<Option<AccountView>> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM sessions s JOIN accounts a ON a.id = s.account_id
         WHERE s.token_hash = $1 AND s.expires_at > $2"
    ))
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(account_from_row).transpose()
}

/// Deletes the sessions that have expired; returns how many.
pub async fn purge_sessions(db: &Db, now: i64) -> DomainResult<u64> {
    let done = sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

pub async fn delete_session(db: &Db, token: &str) -> DomainResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(db.pool())
        .await?;
    Ok(())
}
