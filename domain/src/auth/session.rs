//! Sessions are database rows keyed by the SHA-256 of the cookie's token, so a leaked database
//! does not leak usable cookies.

use crate::error::DomainResult;
use crate::ids::new_token;
use crate::locale::Locale;
use crate::store::Db;
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

/// Whose a live session is, with the language to render their pages in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionAccount {
    pub account_id: String,
    pub locale: Locale,
}

/// The account behind a live session token; one query, as it runs on every request.
pub async fn session_account(
    db: &Db,
    token: &str,
    now: i64,
) -> DomainResult<Option<SessionAccount>> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT s.account_id, a.locale FROM sessions s JOIN accounts a ON a.id = s.account_id
         WHERE s.token_hash = $1 AND s.expires_at > $2",
    )
    .bind(token_hash(token))
    .bind(now)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(account_id, locale)| SessionAccount {
        account_id,
        locale: Locale::from_code(&locale).unwrap_or_default(),
    }))
}

pub async fn delete_session(db: &Db, token: &str) -> DomainResult<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(token_hash(token))
        .execute(db.pool())
        .await?;
    Ok(())
}
