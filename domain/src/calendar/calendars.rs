//! Calendars: the member's list, creation and settings, sharing and the public link.

use super::access::CalendarAccess;
use super::event::check_color;
use super::model::{CalendarView, DisplaySettings};
use super::store::{calendar_access, require_product, CalendarRow};
use crate::auth::validate::normalize_name;
use crate::collections;
use crate::error::{DomainError, DomainResult};
use crate::ids::{new_id, new_token};
use crate::live::CollectionKind;
use crate::org::{Access, Actor, Product};
use crate::reason::Reason;
use crate::sharing::listing::{self, Entry, Listed};
use crate::sharing::shares;
use crate::store::Db;
use sqlx::{AnyConnection, Row};

pub const DEFAULT_COLOR: &str = "#1a73e8";
/// Calendars a member may own in one organization.
pub const MAX_CALENDARS: i64 = 100;

/// Every calendar the member sees in this organization: their own, then those shared with them,
/// by name. A member who owns none gets a first one, named after them, on their first visit,
/// and one who uses Contacts their Birthdays calendar.
pub async fn list_calendars(db: &Db, actor: &Actor, now: i64) -> DomainResult<Vec<CalendarView>> {
    require_product(actor)?;
    let views = visible_calendars(db, actor).await?;
    let owns_one = views
        .iter()
        .any(|v| v.access == CalendarAccess::Owner && !v.birthdays);
    let has_birthdays = views.iter().any(|v| v.birthdays);
    if owns_one && (has_birthdays || !actor.can(Product::Contacts, Access::Use)) {
        return Ok(views);
    }
    // Read again whoever inserted: a concurrent first visit may have won.
    if !owns_one {
        create_first_calendar(db, actor, now).await?;
    }
    if !has_birthdays {
        super::birthdays::ensure_calendar(db, actor, now).await?;
    }
    visible_calendars(db, actor).await
}

/// Creates the member's first calendar unless it exists (maybe in the trash).
async fn create_first_calendar(db: &Db, actor: &Actor, now: i64) -> DomainResult<()> {
    sqlx::query(
        "INSERT INTO calendars (id, org_id, owner_id, name, color, created_at)
         SELECT $1, $2, $3, a.name, $4, $5 FROM accounts a WHERE a.id = $3
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(collections::first_id(
        &actor.org_id,
        &actor.account_id,
        CollectionKind::Calendar,
    ))
    .bind(&actor.org_id)
    .bind(&actor.account_id)
    .bind(DEFAULT_COLOR)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

async fn visible_calendars(db: &Db, actor: &Actor) -> DomainResult<Vec<CalendarView>> {
    let columns = "COALESCE(h.calendar_id, '') AS hidden,
        COALESCE(p.default_calendar, '') AS default_calendar";
    let joins = "LEFT JOIN calendar_hidden h ON h.calendar_id = c.id AND h.account_id = $2
        LEFT JOIN calendar_prefs p ON p.account_id = $2 AND p.org_id = c.org_id";
    listing::visible::<CalendarRow, _>(db, actor, columns, joins, |row, access| {
        let cal = CalendarRow::from_row(row)?;
        let default_id: String = row.try_get("default_calendar")?;
        let hidden = !row.try_get::<String, _>("hidden")?.is_empty();
        Ok(CalendarView {
            is_default: cal.id == default_id,
            public_token: (access.can_share() && !cal.public_token.is_empty())
                .then_some(cal.public_token),
            holidays: (!cal.holidays.is_empty()).then_some(cal.holidays),
            birthdays: cal.birthdays,
            id: cal.id,
            name: cal.name,
            color: cal.color,
            owner_id: cal.owner_id,
            owner_name: row.try_get("owner_name")?,
            access,
            hidden,
        })
    })
    .await
}

impl Listed for CalendarView {
    fn entry(&self) -> Entry<'_> {
        Entry {
            access: self.access,
            is_default: self.is_default,
            takes_items: self.takes_events(),
            computed: CalendarView::is_computed(self),
            name: &self.name,
        }
    }

    fn set_default(&mut self, is_default: bool) {
        self.is_default = is_default;
    }
}

/// A new calendar owned by the actor; `holidays` makes it a read-only holiday calendar.
pub async fn create_calendar(
    db: &Db,
    actor: &Actor,
    name: &str,
    color: &str,
    holidays: Option<&str>,
    now: i64,
) -> DomainResult<String> {
    require_product(actor)?;
    let region = match holidays {
        Some(code) => {
            super::holidays::region(code)
                .ok_or_else(|| DomainError::invalid("holidays", Reason::HolidaysRegionUnknown))?
                .code
        }
        None => "",
    };
    let mut tx = db.write().await?;
    let id = insert_calendar(&mut tx, actor, name, color, region, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Inserts a calendar inside the caller's transaction, within the per-member limit.
pub(crate) async fn insert_calendar(
    conn: &mut AnyConnection,
    actor: &Actor,
    name: &str,
    color: &str,
    region: &str,
    now: i64,
) -> DomainResult<String> {
    let name = normalize_name(name)?;
    let color = check_color(color)?;
    collections::require_room(
        conn,
        &actor.org_id,
        &actor.account_id,
        CollectionKind::Calendar,
        MAX_CALENDARS,
    )
    .await?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO calendars (id, org_id, owner_id, name, color, holidays, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&actor.org_id)
    .bind(&actor.account_id)
    .bind(&name)
    .bind(&color)
    .bind(region)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// Renames and recolours a calendar: its owner only.
pub async fn update_calendar(
    db: &Db,
    actor: &Actor,
    calendar_id: &str,
    name: &str,
    color: &str,
) -> DomainResult<()> {
    let name = normalize_name(name)?;
    let color = check_color(color)?;
    let mut tx = db.write().await?;
    let (_, access) = calendar_access(&mut tx, actor, calendar_id).await?;
    if !access.can_manage() {
        return Err(DomainError::forbidden("only the owner renames a calendar"));
    }
    sqlx::query("UPDATE calendars SET name = $2, color = $3 WHERE id = $1")
        .bind(calendar_id)
        .bind(&name)
        .bind(&color)
        .execute(&mut *tx)
        .await?;
    tx.collection_changed(CollectionKind::Calendar, calendar_id)
        .await?;
    tx.commit().await
}

/// Moves a calendar to the trash (its owner only). Its public link stops working at once.
pub async fn delete_calendar(
    db: &Db,
    actor: &Actor,
    calendar_id: &str,
    now: i64,
) -> DomainResult<()> {
    let mut tx = db.write().await?;
    let (calendar, access) = calendar_access(&mut tx, actor, calendar_id).await?;
    if !access.can_manage() {
        return Err(DomainError::forbidden("only the owner deletes a calendar"));
    }
    // It would come back on the next visit: hiding it is how it goes away.
    if calendar.birthdays {
        return Err(DomainError::forbidden(
            "the Birthdays calendar is hidden, not deleted",
        ));
    }
    sqlx::query("UPDATE calendars SET deleted_at = $2, public_token = '' WHERE id = $1")
        .bind(calendar_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.collection_changed(CollectionKind::Calendar, calendar_id)
        .await?;
    tx.commit().await
}

/// How many events and tasks a calendar holds (not those in the trash): what deleting it
/// would take along.
pub async fn item_count(db: &Db, actor: &Actor, calendar_id: &str) -> DomainResult<u64> {
    let mut conn = db.pool().acquire().await?;
    calendar_access(&mut conn, actor, calendar_id).await?;
    let (count,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM calendar_objects WHERE calendar_id = $1 AND deleted_at = 0",
    )
    .bind(calendar_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(count.max(0) as u64)
}

/// Hides or shows a calendar in this member's views (any level may do it: it is personal).
pub async fn set_hidden(
    db: &Db,
    actor: &Actor,
    calendar_id: &str,
    hidden: bool,
) -> DomainResult<()> {
    let mut conn = db.pool().acquire().await?;
    calendar_access(&mut conn, actor, calendar_id).await?;
    let sql = if hidden {
        "INSERT INTO calendar_hidden (account_id, calendar_id) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM calendar_hidden WHERE account_id = $1 AND calendar_id = $2"
    };
    sqlx::query(sql)
        .bind(&actor.account_id)
        .bind(calendar_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn ensure_prefs(conn: &mut AnyConnection, actor: &Actor) -> DomainResult<()> {
    sqlx::query(
        "INSERT INTO calendar_prefs (account_id, org_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )
    .bind(&actor.account_id)
    .bind(&actor.org_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The calendar new events go to: one the member may write to.
pub async fn set_default(db: &Db, actor: &Actor, calendar_id: &str) -> DomainResult<()> {
    let mut conn = db.pool().acquire().await?;
    super::store::writable_calendar(&mut conn, actor, calendar_id).await?;
    ensure_prefs(&mut conn, actor).await?;
    sqlx::query(
        "UPDATE calendar_prefs SET default_calendar = $3 WHERE account_id = $1 AND org_id = $2",
    )
    .bind(&actor.account_id)
    .bind(&actor.org_id)
    .bind(calendar_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub async fn display_settings(db: &Db, actor: &Actor) -> DomainResult<DisplaySettings> {
    require_product(actor)?;
    let row: Option<(String,)> =
        sqlx::query_as("SELECT settings FROM calendar_prefs WHERE account_id = $1 AND org_id = $2")
            .bind(&actor.account_id)
            .bind(&actor.org_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row
        .and_then(|(json,)| serde_json::from_str(&json).ok())
        .unwrap_or_default())
}

pub async fn save_display_settings(
    db: &Db,
    actor: &Actor,
    settings: &DisplaySettings,
) -> DomainResult<()> {
    require_product(actor)?;
    settings
        .validate()
        .map_err(|field| DomainError::invalid(field, Reason::SettingsOutOfRange))?;
    let json = serde_json::to_string(settings).map_err(|_| DomainError::Internal)?;
    let mut conn = db.pool().acquire().await?;
    ensure_prefs(&mut conn, actor).await?;
    sqlx::query("UPDATE calendar_prefs SET settings = $3 WHERE account_id = $1 AND org_id = $2")
        .bind(&actor.account_id)
        .bind(&actor.org_id)
        .bind(json)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Turns the public read-only link on (a new unguessable token each time: regenerating is
/// turning it on again) or off. Returns the token when on.
pub async fn set_public_link(
    db: &Db,
    actor: &Actor,
    calendar_id: &str,
    enabled: bool,
) -> DomainResult<Option<String>> {
    shares::sharer::<CalendarRow>(db, actor, calendar_id).await?;
    if enabled {
        crate::auth::require_verified(db, &actor.account_id).await?;
    }
    let token = enabled.then(new_token);
    sqlx::query("UPDATE calendars SET public_token = $2 WHERE id = $1")
        .bind(calendar_id)
        .bind(token.clone().unwrap_or_default())
        .execute(db.pool())
        .await?;
    Ok(token)
}
