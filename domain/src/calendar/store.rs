//! Rows of the calendar tables and the one access check every calendar operation goes through.

use super::access::CalendarAccess;
use super::ical::{self, ObjectIndex};
use super::model::ItemKind;
use super::recurrence;
use crate::error::{DomainError, DomainResult};
use crate::ids::etag;
use crate::import::SkipCode;
use crate::live::CollectionKind;
use crate::org::{Access, Actor, Product};
use crate::sharing::shares::{self, Collection, ShareTable, CALENDAR_SHARES};
use crate::store::{insert_rows, Value, WriteTx};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone)]
pub struct CalendarRow {
    pub id: String,
    pub owner_id: String,
    pub name: String,
    pub color: String,
    pub holidays: String,
    /// The member's Birthdays calendar (see `calendar::birthdays`).
    pub birthdays: bool,
    pub public_token: String,
}

impl CalendarRow {
    pub fn from_row(row: &AnyRow) -> DomainResult<CalendarRow> {
        Ok(CalendarRow {
            id: row.try_get("id")?,
            owner_id: row.try_get("owner_id")?,
            name: row.try_get("name")?,
            color: row.try_get("color")?,
            holidays: row.try_get("holidays")?,
            birthdays: row.try_get::<i64, _>("birthdays")? != 0,
            public_token: row.try_get("public_token")?,
        })
    }

    /// Holidays or birthdays: events computed on the server, none stored or written.
    pub fn is_computed(&self) -> bool {
        !self.holidays.is_empty() || self.birthdays
    }
}

/// Members need the Calendar product; the sidebar hides it, this enforces it.
pub fn require_product(actor: &Actor) -> DomainResult<()> {
    if actor.can(Product::Calendar, Access::Use) {
        Ok(())
    } else {
        Err(DomainError::forbidden("no access to the Calendar"))
    }
}

impl Collection for CalendarRow {
    const SHARES: ShareTable = CALENDAR_SHARES;
    const KIND: CollectionKind = CollectionKind::Calendar;
    const NOUN: &'static str = "calendar";
    const COLUMNS: &'static str =
        "c.id, c.owner_id, c.name, c.color, c.holidays, c.birthdays, c.public_token";
    const FROM: &'static str = concat!(
        "calendars c ",
        crate::shares_reaching_member!("calendar_shares", "calendar_id")
    );

    fn require_product(actor: &Actor) -> DomainResult<()> {
        require_product(actor)
    }

    fn from_row(row: &AnyRow) -> DomainResult<Self> {
        CalendarRow::from_row(row)
    }

    fn owner_id(&self) -> &str {
        &self.owner_id
    }

    /// A Birthdays calendar shows the owner's address books.
    fn private(&self) -> bool {
        self.birthdays
    }
}

/// A live calendar of the actor's organization and the actor's level on it. A calendar the actor
/// may not see, of another organization, or in the trash is `NotFound`.
pub async fn calendar_access(
    conn: &mut AnyConnection,
    actor: &Actor,
    calendar_id: &str,
) -> DomainResult<(CalendarRow, CalendarAccess)> {
    shares::access(conn, actor, calendar_id).await
}

/// Refuses a change of the calendar's events unless the level allows it.
pub fn require_events_writable(calendar: &CalendarRow, access: CalendarAccess) -> DomainResult<()> {
    if access.can_write_events(calendar.is_computed()) {
        Ok(())
    } else {
        Err(DomainError::forbidden("this calendar is read-only for you"))
    }
}

/// Like `calendar_access`, for a change of its events.
pub async fn writable_calendar(
    conn: &mut AnyConnection,
    actor: &Actor,
    calendar_id: &str,
) -> DomainResult<CalendarRow> {
    let (calendar, access) = calendar_access(conn, actor, calendar_id).await?;
    require_events_writable(&calendar, access)?;
    Ok(calendar)
}

/// Why a text cannot be stored: a code and the parser's words.
pub type Unindexable = (SkipCode, String);

/// The index columns of a stored text; `Err` says why the text cannot be stored.
pub fn index(ics: &str) -> Result<ObjectIndex, Unindexable> {
    let text = ical::unfolded(ics);
    let cal = ical::parse(&text).map_err(|e| (SkipCode::Unreadable, e))?;
    let items: Vec<_> = cal
        .components
        .iter()
        .filter(|c| ical::kind_of(c).is_some())
        .cloned()
        .collect();
    let unsupported = || (SkipCode::Unsupported, "no VEVENT or VTODO".to_owned());
    let first = items.first().ok_or_else(unsupported)?;
    let kind = ical::kind_of(first).ok_or_else(unsupported)?;
    let uid = ical::value(first, "UID")
        .ok_or((SkipCode::NoUid, "no UID".to_owned()))?
        .to_owned();
    let master = recurrence::master(&items).unwrap_or(first);
    if let Some(span) = ical::span(master) {
        let series =
            recurrence::series(master, &span.start).map_err(|e| (SkipCode::BadRecurrence, e))?;
        if series.is_some_and(|set| set.into_iter().next().is_none()) {
            let none = "the rule yields no date".to_owned();
            return Err((SkipCode::BadRecurrence, none));
        }
    }
    let (range_start, range_end, recurring) = match recurrence::range(&items) {
        Some(r) => r,
        // Tasks without a due date are listed, never drawn.
        None if kind == ItemKind::Task => (ical::OPEN_END, ical::OPEN_END, false),
        None => return Err((SkipCode::NoStart, "no DTSTART".to_owned())),
    };
    Ok(ObjectIndex {
        summary: ical::text(master, "SUMMARY"),
        done: ical::completed(master),
        uid,
        kind,
        range_start,
        range_end,
        recurring,
    })
}

pub struct NewObject<'a> {
    pub id: &'a str,
    pub calendar_id: &'a str,
    pub org_id: &'a str,
    pub ics: &'a str,
    pub index: &'a ObjectIndex,
}

/// Stores a new object and bumps its calendar.
pub async fn insert_object(tx: &mut WriteTx, o: NewObject<'_>, now: i64) -> DomainResult<()> {
    let calendar_id = o.calendar_id;
    insert_objects(tx, &[o], now).await?;
    bump(tx, calendar_id).await
}

const OBJECT_COLUMNS: [&str; 14] = [
    "id",
    "calendar_id",
    "org_id",
    "uid",
    "kind",
    "ics",
    "etag",
    "summary",
    "range_start",
    "range_end",
    "recurring",
    "done",
    "created_at",
    "updated_at",
];

/// Stores new objects in multi-row statements; the caller bumps their calendars once.
pub async fn insert_objects(
    conn: &mut AnyConnection,
    objects: &[NewObject<'_>],
    now: i64,
) -> DomainResult<()> {
    let rows: Vec<Vec<Value<'_>>> = objects
        .iter()
        .map(|o| {
            vec![
                o.id.into(),
                o.calendar_id.into(),
                o.org_id.into(),
                o.index.uid.as_str().into(),
                o.index.kind.code().into(),
                o.ics.into(),
                etag(o.ics).into(),
                o.index.summary.as_str().into(),
                o.index.range_start.into(),
                o.index.range_end.into(),
                i64::from(o.index.recurring).into(),
                i64::from(o.index.done).into(),
                now.into(),
                now.into(),
            ]
        })
        .collect();
    insert_rows(conn, "calendar_objects", &OBJECT_COLUMNS, &rows).await
}

/// Replaces an object's text (and brings it back from the trash, for an import of its UID), and
/// bumps the calendar it is in.
pub async fn update_object(
    tx: &mut WriteTx,
    id: &str,
    calendar_id: &str,
    ics: &str,
    index: &ObjectIndex,
    now: i64,
) -> DomainResult<()> {
    rewrite_object(tx, id, calendar_id, ics, index, now).await?;
    bump(tx, calendar_id).await
}

/// `update_object` without the bump, for a caller that changes many objects of one calendar.
pub async fn rewrite_object(
    conn: &mut AnyConnection,
    id: &str,
    calendar_id: &str,
    ics: &str,
    index: &ObjectIndex,
    now: i64,
) -> DomainResult<()> {
    sqlx::query(
        "UPDATE calendar_objects SET ics = $2, etag = $3, summary = $4, range_start = $5, range_end = $6,
           recurring = $7, done = $8, kind = $9, calendar_id = $10, updated_at = $11, deleted_at = 0
         WHERE id = $1",
    )
    .bind(id)
    .bind(ics)
    .bind(etag(ics))
    .bind(&index.summary)
    .bind(index.range_start)
    .bind(index.range_end)
    .bind(i64::from(index.recurring))
    .bind(i64::from(index.done))
    .bind(index.kind.code())
    .bind(calendar_id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A change to the calendar's content: sync clients compare its revision, and its viewers
/// hear of it once the transaction commits.
pub async fn bump(tx: &mut WriteTx, calendar_id: &str) -> DomainResult<()> {
    tx.bump(CollectionKind::Calendar, calendar_id)
        .await
        .map(drop)
}

pub struct ObjectRow {
    pub id: String,
    pub calendar_id: String,
    pub ics: String,
}

/// A live object of a calendar the actor can see, with that calendar and the actor's level.
pub async fn object_access(
    conn: &mut AnyConnection,
    actor: &Actor,
    object_id: &str,
) -> DomainResult<(ObjectRow, CalendarRow, CalendarAccess)> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT calendar_id, ics FROM calendar_objects WHERE id = $1 AND org_id = $2 AND deleted_at = 0",
    )
    .bind(object_id)
    .bind(&actor.org_id)
    .fetch_optional(&mut *conn)
    .await?;
    let (calendar_id, ics) = row.ok_or(DomainError::NotFound)?;
    let (calendar, access) = calendar_access(conn, actor, &calendar_id).await?;
    Ok((
        ObjectRow {
            id: object_id.to_owned(),
            calendar_id,
            ics,
        },
        calendar,
        access,
    ))
}
