//! Sign-up, login, profile and presence of an account.

use super::account_row::{account_from_row, ACCOUNT_COLUMNS};
use super::session::Device;
use super::{password, session, throttle, validate, ThrottlePolicy};
use crate::country::check_country;
use crate::error::{DomainError, DomainResult};
use crate::ids::new_id;
use crate::live::LiveEvent;
use crate::locale::Locale;
use crate::mailer::Outgoing;
use crate::org::{self, rules, Role};
use crate::presence::{PresenceEvent, PresenceStatus, MAX_MESSAGE_CHARS};
use crate::store::Db;
use crate::views::{AccountView, SessionView};
use serde::Deserialize;

/// The personal space every account gets; a product name, the same in every language.
pub const PERSONAL_SPACE_NAME: &str = "my kSuite";
pub const DEFAULT_TIME_ZONE: &str = "Europe/Zurich";

#[derive(Debug, Clone, Deserialize)]
pub struct SignUp {
    pub name: String,
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub locale: Option<Locale>,
    #[serde(default)]
    pub time_zone: Option<String>,
    /// ISO 3166-1 alpha-2 (empty: none); when absent, guessed from `languages`.
    #[serde(default)]
    pub country: Option<String>,
    /// The browser's `Accept-Language` header.
    #[serde(default)]
    pub languages: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ProfileUpdate {
    pub name: String,
    pub locale: Locale,
    pub time_zone: String,
    /// ISO 3166-1 alpha-2, or empty for none; `None` keeps the one set.
    pub country: Option<String>,
}

/// Creates the account and its personal "my kSuite" space, in one transaction, and mails a link to
/// confirm the address (see `links::welcome`). `client` (see
/// `client::client_key`) may make a few accounts, then one at a growing interval.
pub async fn sign_up(
    db: &Db,
    input: SignUp,
    client: Option<&str>,
    out: &Outgoing,
    now: i64,
) -> DomainResult<AccountView> {
    let name = validate::normalize_name(&input.name)?;
    let email = validate::normalize_email(&input.email)?;
    if !crate::mailer::deliverable(&email) {
        return Err(DomainError::invalid(
            "email",
            crate::reason::Reason::EmailInvalid,
        ));
    }
    validate::check_password(&input.password, &email)?;
    let client_key = throttle::key("sign-up", &[client.unwrap_or_default()]);
    throttle::reserve(db, &client_key, ThrottlePolicy::SIGN_UP, now).await?;
    let time_zone = match input.time_zone.as_deref() {
        Some(tz) if !tz.is_empty() => check_time_zone(tz)?,
        _ => DEFAULT_TIME_ZONE.to_owned(),
    };
    let locale = input.locale.unwrap_or_default();
    let country = match input.country.as_deref() {
        Some(code) => check_country(code)?,
        None => crate::country::from_languages(&input.languages),
    };
    let hash = password::hash(input.password).await?;

    let account_id = new_id();
    let mut tx = db.write().await?;
    let inserted = sqlx::query(
        "INSERT INTO accounts (id, email, name, password_hash, locale, time_zone, country, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&account_id)
    .bind(&email)
    .bind(&name)
    .bind(&hash)
    .bind(locale.code())
    .bind(&time_zone)
    .bind(&country)
    .bind(now)
    .execute(&mut *tx)
    .await;
    match inserted {
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
    let personal = new_id();
    org::insert_org(
        &mut tx,
        &personal,
        PERSONAL_SPACE_NAME,
        Some(&account_id),
        now,
    )
    .await?;
    org::insert_membership(
        &mut tx,
        &personal,
        &account_id,
        Role::LegalRepresentative,
        &rules::default_rights(Role::LegalRepresentative),
        now,
    )
    .await?;
    super::links::welcome(&mut tx, out, &account_id, now).await?;
    tx.commit().await?;
    account_view(db, &account_id).await
}

/// A successful login: the token for the session cookie and whose session it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoggedIn {
    pub token: String,
    pub account_id: String,
}

/// Checks the password and opens a session.
///
/// Unknown e-mail and wrong password give the same error and take the same time. Failures are
/// counted per (account, client) and per client (see `client::client_key`): past a few, that
/// client is held back with a growing delay, while the owner, from anywhere else, is not. The
/// attempt is reserved before the password is checked, so parallel guesses wait their turn.
pub async fn log_in(
    db: &Db,
    email: &str,
    password: &str,
    device: &Device<'_>,
    now: i64,
) -> DomainResult<LoggedIn> {
    let email = email.trim().to_lowercase();
    let id = check_password_of(db, &email, password, device.client, now).await?;
    let token = session::create_session(db, &id, device, now).await?;
    Ok(LoggedIn {
        token,
        account_id: id,
    })
}

/// The account whose e-mail and password these are, counted by the throttles as a login is.
async fn check_password_of(
    db: &Db,
    email: &str,
    password: &str,
    client: &str,
    now: i64,
) -> DomainResult<String> {
    let client_key = throttle::key("login-client", &[client]);
    let account_key = throttle::key("login", &[email, client]);
    let wide_key = throttle::key("login-account", &[email]);
    throttle::reserve(db, &client_key, ThrottlePolicy::CLIENT, now).await?;
    throttle::reserve(db, &account_key, ThrottlePolicy::ACCOUNT, now).await?;
    throttle::reserve(db, &wide_key, ThrottlePolicy::ACCOUNT_WIDE, now).await?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT id, password_hash FROM accounts WHERE email = $1")
            .bind(email)
            .fetch_optional(db.pool())
            .await?;
    let (id, stored) = match row {
        Some((id, hash)) => (Some(id), Some(hash)),
        None => (None, None),
    };
    let ok = password::verify(password.to_owned(), stored).await?;
    match (ok, id) {
        (true, Some(id)) => {
            throttle::reset(db, &account_key).await?;
            throttle::reset(db, &wide_key).await?;
            throttle::give_back(db, &client_key, ThrottlePolicy::CLIENT).await?;
            Ok(id)
        }
        _ => Err(DomainError::BadCredentials),
    }
}

/// Changes the account's password, after checking the current one (as a login would, throttle
/// included), and ends every other session of the account: whoever knew the old password is
/// signed out everywhere but here.
pub async fn change_password(
    db: &Db,
    account: &AccountView,
    keep_session: &str,
    current: &str,
    new: String,
    client: &str,
    now: i64,
) -> DomainResult<()> {
    validate::check_password(&new, &account.email)?;
    check_password_of(db, &account.email, current, client, now)
        .await
        .map_err(|err| match err {
            DomainError::BadCredentials => {
                DomainError::invalid("current", crate::reason::Reason::PasswordWrong)
            }
            other => other,
        })?;
    // After the check of the current one, so this tells nothing to who does not know it.
    if new == current {
        return Err(DomainError::invalid(
            "password",
            crate::reason::Reason::PasswordUnchanged,
        ));
    }
    let hash = password::hash(new).await?;
    let mut tx = db.write().await?;
    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(&hash)
        .bind(&account.id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE account_id = $1 AND id <> $2")
        .bind(&account.id)
        .bind(keep_session)
        .execute(&mut *tx)
        .await?;
    // A pending change of address (or reset) asked by whoever knew the old password ends too.
    super::links::end_links(&mut tx, &account.id, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn account_view(db: &Db, account_id: &str) -> DomainResult<AccountView> {
    let row = sqlx::query(&format!(
        "SELECT {ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = $1"
    ))
    .bind(account_id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(DomainError::NotFound)?;
    account_from_row(&row)
}

/// The signed-in user (as the session lookup read it) and their organizations, for the shell.
pub async fn session_view(db: &Db, account: AccountView) -> DomainResult<SessionView> {
    Ok(SessionView {
        orgs: org::list_orgs(db, &account.id).await?,
        account,
    })
}

pub async fn update_profile(
    db: &Db,
    account_id: &str,
    update: ProfileUpdate,
) -> DomainResult<AccountView> {
    let name = validate::normalize_name(&update.name)?;
    let time_zone = check_time_zone(&update.time_zone)?;
    let country = update.country.as_deref().map(check_country).transpose()?;
    sqlx::query(
        "UPDATE accounts SET name = $1, locale = $2, time_zone = $3, country = COALESCE($4, country)
         WHERE id = $5",
    )
    .bind(&name)
    .bind(update.locale.code())
    .bind(&time_zone)
    .bind(&country)
    .bind(account_id)
        .execute(db.pool())
        .await?;
    account_view(db, account_id).await
}

/// Stores the chosen status and tells every member of the account's organizations.
pub async fn set_presence(
    db: &Db,
    account_id: &str,
    status: PresenceStatus,
    message: &str,
) -> DomainResult<AccountView> {
    let message = message.trim();
    if message.chars().count() > MAX_MESSAGE_CHARS {
        return Err(DomainError::invalid(
            "message",
            crate::reason::Reason::StatusMessageTooLong,
        ));
    }
    sqlx::query("UPDATE accounts SET presence = $1, presence_message = $2 WHERE id = $3")
        .bind(status.code())
        .bind(message)
        .bind(account_id)
        .execute(db.pool())
        .await?;
    announce_presence(db, account_id).await?;
    account_view(db, account_id).await
}

/// Publishes the account's current (effective) presence to its organizations, on every server.
pub async fn announce_presence(db: &Db, account_id: &str) -> DomainResult<()> {
    let account = account_view(db, account_id).await?;
    let orgs = org::org_ids(db, account_id).await?;
    let event = PresenceEvent {
        account_id: account_id.to_owned(),
        status: account.presence.effective(db.live().is_online(account_id)),
        message: account.presence_message,
    };
    db.live().publish(orgs, LiveEvent::Presence(event)).await;
    Ok(())
}

/// Every IANA time zone name, for the profile form.
pub fn time_zones() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}

fn check_time_zone(tz: &str) -> DomainResult<String> {
    crate::clock::parse_time_zone(tz).map(|tz| tz.name().to_owned())
}

/// The account's language, for what is named once in it (a first address book, a calendar).
pub async fn locale_of(db: &Db, account_id: &str) -> DomainResult<Locale> {
    let (code,): (String,) = sqlx::query_as("SELECT locale FROM accounts WHERE id = $1")
        .bind(account_id)
        .fetch_one(db.pool())
        .await?;
    Ok(Locale::from_code(&code).unwrap_or_default())
}

pub async fn set_locale(db: &Db, account_id: &str, locale: Locale) -> DomainResult<()> {
    sqlx::query("UPDATE accounts SET locale = $1 WHERE id = $2")
        .bind(locale.code())
        .bind(account_id)
        .execute(db.pool())
        .await?;
    Ok(())
}
