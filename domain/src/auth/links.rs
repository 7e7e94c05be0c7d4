//! Links sent by mail that act on an account once: reset the password, confirm the address
//! an account signed up with, confirm a new login address. Only a hash of each link's token is
//! stored; a newer link of the same purpose ends the older ones.

use super::letters::{letter, LetterKind};
use super::{password, session, throttle, validate, ThrottlePolicy};
use crate::error::{DomainError, DomainResult};
use crate::ids::{new_token, token_hash};
use crate::locale::Locale;
use crate::mailer::{enqueue, Mailer, Outgoing};
use crate::reason::Reason;
use crate::store::Db;
use sqlx::{AnyConnection, Row};

/// What a link is for, and how long it works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    Reset,
    Verify,
    ChangeEmail,
}

impl Purpose {
    fn code(self) -> &'static str {
        match self {
            Purpose::Reset => "reset",
            Purpose::Verify => "verify",
            Purpose::ChangeEmail => "email",
        }
    }

    fn lifetime_secs(self) -> i64 {
        match self {
            Purpose::Reset => 3_600,
            Purpose::Verify => 7 * 86_400,
            Purpose::ChangeEmail => 86_400,
        }
    }

    /// The page the link opens.
    fn page(self) -> &'static str {
        match self {
            Purpose::Reset => "/reset-password",
            Purpose::Verify | Purpose::ChangeEmail => "/confirm-email",
        }
    }
}

/// Stores a new link for the account (ending its older ones of this purpose); returns its URL.
async fn issue(
    conn: &mut AnyConnection,
    base_url: &str,
    account_id: &str,
    purpose: Purpose,
    email: &str,
    now: i64,
) -> DomainResult<String> {
    sqlx::query(
        "UPDATE account_tokens SET used_at = $3 WHERE account_id = $1 AND purpose = $2 AND used_at = 0",
    )
    .bind(account_id)
    .bind(purpose.code())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let token = new_token();
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, account_id, purpose, email, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(token_hash(&token))
    .bind(account_id)
    .bind(purpose.code())
    .bind(email)
    .bind(now)
    .bind(now + purpose.lifetime_secs())
    .execute(&mut *conn)
    .await?;
    Ok(format!(
        "{}{}?token={token}",
        base_url.trim_end_matches('/'),
        purpose.page()
    ))
}

/// A link as stored.
struct Link {
    account_id: String,
    email: String,
    purpose: Purpose,
}

/// Reads a link without using it: refused when used, expired or for another purpose.
async fn peek(
    conn: &mut AnyConnection,
    token: &str,
    purposes: &[Purpose],
    now: i64,
) -> DomainResult<Link> {
    let row = sqlx::query(
        "SELECT account_id, purpose, email, expires_at, used_at FROM account_tokens WHERE token_hash = $1",
    )
    .bind(token_hash(token.trim()))
    .fetch_optional(&mut *conn)
    .await?;
    let invalid = || DomainError::invalid("token", Reason::LinkInvalid);
    let row = row.ok_or_else(invalid)?;
    let code: String = row.try_get("purpose")?;
    let purpose = purposes
        .iter()
        .copied()
        .find(|p| p.code() == code)
        .ok_or_else(invalid)?;
    if row.try_get::<i64, _>("used_at")? != 0 {
        return Err(invalid());
    }
    if row.try_get::<i64, _>("expires_at")? <= now {
        return Err(DomainError::invalid("token", Reason::LinkExpired));
    }
    Ok(Link {
        account_id: row.try_get("account_id")?,
        email: row.try_get("email")?,
        purpose,
    })
}

/// Uses the link. The update is conditional, so of two uses at once (on PostgreSQL the second
/// waits for the first, then reads its row again) only one succeeds.
async fn consume(conn: &mut AnyConnection, token: &str, now: i64) -> DomainResult<()> {
    let done = sqlx::query(
        "UPDATE account_tokens SET used_at = $2
         WHERE token_hash = $1 AND used_at = 0 AND expires_at > $2",
    )
    .bind(token_hash(token.trim()))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(DomainError::invalid("token", Reason::LinkInvalid))
    }
}

/// Ends every link of the account not used yet: after its password or its address changed,
/// none sent before may act on it (a pending change of address included).
pub(super) async fn end_links(
    conn: &mut AnyConnection,
    account_id: &str,
    now: i64,
) -> DomainResult<()> {
    sqlx::query("UPDATE account_tokens SET used_at = $2 WHERE account_id = $1 AND used_at = 0")
        .bind(account_id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

fn require_mail(mailer: &Mailer) -> DomainResult<()> {
    if mailer.is_configured() {
        Ok(())
    } else {
        Err(DomainError::invalid("email", Reason::MailNotConfigured))
    }
}

struct Recipient {
    id: String,
    name: String,
    email: String,
    locale: Locale,
    verified: bool,
}

async fn recipient(
    conn: &mut AnyConnection,
    sql_where: &str,
    key: &str,
) -> DomainResult<Option<Recipient>> {
    let row = sqlx::query(&format!(
        "SELECT id, name, email, locale, email_verified_at FROM accounts WHERE {sql_where} = $1"
    ))
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    row.map(|row| {
        Ok(Recipient {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            email: row.try_get("email")?,
            locale: Locale::from_code(row.try_get("locale")?).unwrap_or_default(),
            verified: row.try_get::<i64, _>("email_verified_at")? != 0,
        })
    })
    .transpose()
}

/// Mails a link to choose a new password to the account with this address, if there is one.
/// The answer is the same either way and comes before the letter is written, so neither its
/// content nor its time tells who has an account; the returned task writes the letter.
pub async fn request_password_reset(
    db: &Db,
    out: &Outgoing,
    email: &str,
    client: &str,
    now: i64,
) -> DomainResult<tokio::task::JoinHandle<()>> {
    require_mail(&out.mailer)?;
    let key = throttle::key("mail-link-client", &[client]);
    throttle::reserve(db, &key, ThrottlePolicy::MAIL_LINKS, now).await?;
    let email = validate::normalize_email(email).ok();
    if let Some(email) = &email {
        let key = throttle::key("mail-link-address", &[email]);
        throttle::reserve(db, &key, ThrottlePolicy::MAIL_LINKS_TO_ADDRESS, now).await?;
    }
    let (db, out) = (db.clone(), out.clone());
    Ok(tokio::spawn(async move {
        let Some(email) = email else { return };
        if let Err(err) = mail_reset(&db, &out, &email, now).await {
            tracing::warn!(?err, "no reset link written");
        }
    }))
}

async fn mail_reset(db: &Db, out: &Outgoing, email: &str, now: i64) -> DomainResult<()> {
    let mut tx = db.write().await?;
    let Some(to) = recipient(&mut tx, "email", email).await? else {
        return Ok(());
    };
    let link = issue(
        &mut tx,
        &out.base_url,
        &to.id,
        Purpose::Reset,
        &to.email,
        now,
    )
    .await?;
    let mail = letter(
        LetterKind::PasswordReset,
        to.locale,
        &to.name,
        &to.email,
        &to.email,
        Some(&link),
    );
    enqueue(&mut tx, &out.mailer, &mail, now).await?;
    tx.commit().await
}

/// Sets a new password with a reset link and ends every session and every other link of the
/// account: whoever had the old password, or a pending change of address, loses it. The link
/// confirms the address too, as long as it is still the account's.
pub async fn reset_password(
    db: &Db,
    token: &str,
    new_password: String,
    now: i64,
) -> DomainResult<()> {
    let mut conn = db.pool().acquire().await?;
    let link = peek(&mut conn, token, &[Purpose::Reset], now).await?;
    drop(conn);
    validate::check_password(&new_password, &link.email)?;
    // Hashed before the write lock is taken: it takes a while on purpose.
    let hash = password::hash(new_password).await?;
    let mut tx = db.write().await?;
    consume(&mut tx, token, now).await?;
    let done = sqlx::query(
        "UPDATE accounts SET password_hash = $2,
           email_verified_at = CASE WHEN email_verified_at = 0 THEN $3 ELSE email_verified_at END
         WHERE id = $1 AND email = $4",
    )
    .bind(&link.account_id)
    .bind(&hash)
    .bind(now)
    .bind(&link.email)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        // The login address changed since the link went out, to the old one.
        return Err(DomainError::invalid("token", Reason::LinkInvalid));
    }
    end_links(&mut tx, &link.account_id, now).await?;
    session::end_all(&mut tx, &link.account_id).await?;
    tx.commit().await
}

/// Mails the account a link to confirm its address (after sign-up, or again when asked).
pub async fn send_verification(
    db: &Db,
    out: &Outgoing,
    account_id: &str,
    now: i64,
) -> DomainResult<()> {
    require_mail(&out.mailer)?;
    let key = throttle::key("mail-link-account", &[account_id]);
    throttle::reserve(db, &key, ThrottlePolicy::MAIL_LINKS, now).await?;
    let mut tx = db.write().await?;
    let to = recipient(&mut tx, "id", account_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    if to.verified {
        return Ok(());
    }
    mail_verification(&mut tx, out, &to, now).await?;
    tx.commit().await
}

/// Issues and queues the link that confirms `to`'s address.
async fn mail_verification(
    conn: &mut AnyConnection,
    out: &Outgoing,
    to: &Recipient,
    now: i64,
) -> DomainResult<()> {
    let link = issue(conn, &out.base_url, &to.id, Purpose::Verify, &to.email, now).await?;
    let mail = letter(
        LetterKind::Verify,
        to.locale,
        &to.name,
        &to.email,
        &to.email,
        Some(&link),
    );
    enqueue(conn, &out.mailer, &mail, now).await
}

/// After sign-up: a link to confirm the address when mail can be sent; without mail, there is
/// no way to confirm, and the address counts as confirmed.
pub(super) async fn welcome(
    conn: &mut AnyConnection,
    out: &Outgoing,
    account_id: &str,
    now: i64,
) -> DomainResult<()> {
    if !out.mailer.is_configured() {
        sqlx::query("UPDATE accounts SET email_verified_at = $2 WHERE id = $1")
            .bind(account_id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        return Ok(());
    }
    let to = recipient(conn, "id", account_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    mail_verification(conn, out, &to, now).await
}

/// Confirms an address with its link: the one the account signed up with (while it is still
/// its address), or a new login address, which then replaces the old one and ends every other
/// link. Returns the address confirmed.
pub async fn confirm_email(db: &Db, token: &str, now: i64) -> DomainResult<String> {
    let mut tx = db.write().await?;
    let link = peek(
        &mut tx,
        token,
        &[Purpose::Verify, Purpose::ChangeEmail],
        now,
    )
    .await?;
    consume(&mut tx, token, now).await?;
    match link.purpose {
        Purpose::ChangeEmail => {
            let changed =
                sqlx::query("UPDATE accounts SET email = $2, email_verified_at = $3 WHERE id = $1")
                    .bind(&link.account_id)
                    .bind(&link.email)
                    .bind(now)
                    .execute(&mut *tx)
                    .await;
            match changed {
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                    return Err(DomainError::invalid(
                        "email",
                        crate::reason::Reason::EmailTaken,
                    ));
                }
                other => {
                    other?;
                }
            }
            end_links(&mut tx, &link.account_id, now).await?;
        }
        _ => {
            let done = sqlx::query(
                "UPDATE accounts SET
                   email_verified_at = CASE WHEN email_verified_at = 0 THEN $3 ELSE email_verified_at END
                 WHERE id = $1 AND email = $2",
            )
            .bind(&link.account_id)
            .bind(&link.email)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            if done.rows_affected() == 0 {
                return Err(DomainError::invalid("token", Reason::LinkInvalid));
            }
        }
    }
    tx.commit().await?;
    Ok(link.email)
}

/// Asks to sign in with `new_email` from now on: after the current password, a link goes to
/// the new address and a notice to the old one. Nothing changes until the link is followed.
pub async fn request_email_change(
    db: &Db,
    out: &Outgoing,
    account_id: &str,
    current_password: &str,
    new_email: &str,
    now: i64,
) -> DomainResult<()> {
    require_mail(&out.mailer)?;
    let key = throttle::key("mail-link-account", &[account_id]);
    throttle::reserve(db, &key, ThrottlePolicy::MAIL_LINKS, now).await?;
    let new_email = validate::normalize_email(new_email)?;
    if !crate::mailer::deliverable(&new_email) {
        return Err(DomainError::invalid(
            "email",
            crate::reason::Reason::EmailInvalid,
        ));
    }
    let mut conn = db.pool().acquire().await?;
    let me = recipient(&mut conn, "id", account_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    drop(conn);
    let stored: Option<(String,)> =
        sqlx::query_as("SELECT password_hash FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db.pool())
            .await?;
    if !password::verify(current_password.to_owned(), stored.map(|(h,)| h)).await? {
        return Err(DomainError::invalid(
            "current",
            crate::reason::Reason::PasswordWrong,
        ));
    }
    if new_email == me.email {
        return Err(DomainError::invalid("email", Reason::EmailUnchanged));
    }
    let mut tx = db.write().await?;
    if recipient(&mut tx, "email", &new_email).await?.is_some() {
        return Err(DomainError::invalid(
            "email",
            crate::reason::Reason::EmailTaken,
        ));
    }
    let link = issue(
        &mut tx,
        &out.base_url,
        &me.id,
        Purpose::ChangeEmail,
        &new_email,
        now,
    )
    .await?;
    let confirm = letter(
        LetterKind::ChangeConfirm,
        me.locale,
        &me.name,
        &new_email,
        &new_email,
        Some(&link),
    );
    let notice = letter(
        LetterKind::ChangeNotice,
        me.locale,
        &me.name,
        &me.email,
        &new_email,
        None,
    );
    enqueue(&mut tx, &out.mailer, &confirm, now).await?;
    enqueue(&mut tx, &out.mailer, &notice, now).await?;
    tx.commit().await
}

/// Forgets links a week after they stopped working.
pub async fn purge(db: &Db, now: i64) -> DomainResult<u64> {
    let done = sqlx::query("DELETE FROM account_tokens WHERE expires_at < $1")
        .bind(now - 7 * 86_400)
        .execute(db.pool())
        .await?;
    Ok(done.rows_affected())
}

/// Refuses an account whose address is not confirmed yet (sharing, inviting).
pub async fn require_verified(db: &Db, account_id: &str) -> DomainResult<()> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT email_verified_at FROM accounts WHERE id = $1")
            .bind(account_id)
            .fetch_optional(db.pool())
            .await?;
    match row {
        Some((0,)) => Err(DomainError::invalid("email", Reason::EmailNotVerified)),
        Some(_) => Ok(()),
        None => Err(DomainError::NotFound),
    }
}
