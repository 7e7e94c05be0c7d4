//! An account as the database holds it, read the one way every query that returns an account
//! reads it (a lookup by id, a session's owner).

use crate::error::DomainResult;
use crate::locale::Locale;
use crate::presence::PresenceStatus;
use crate::views::AccountView;
use sqlx::Row;

/// The columns `account_from_row` reads, from `accounts a`.
pub(crate) const ACCOUNT_COLUMNS: &str =
    "a.id, a.name, a.email, a.locale, a.time_zone, a.country, a.presence, a.presence_message, a.email_verified_at";

pub(crate) fn account_from_row(row: &sqlx::any::AnyRow) -> DomainResult<AccountView> {
    Ok(AccountView {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        email: row.try_get("email")?,
        locale: Locale::from_code(row.try_get("locale")?).unwrap_or_default(),
        time_zone: row.try_get("time_zone")?,
        country: row.try_get("country")?,
        presence: PresenceStatus::from_code(row.try_get("presence")?).unwrap_or_default(),
        presence_message: row.try_get("presence_message")?,
        email_verified: row.try_get::<i64, _>("email_verified_at")? != 0,
    })
}
