//! Events and tasks: the occurrences a view draws, the dialog's reads and writes, and the
//! "this one / this and following / all" edits of a series, stored as RFC 5545 does.

use super::calendars::list_calendars;
use super::event::{self, apply, check, new_event, read, read_recurrence, shift};
use super::ical::{self, moment_prop, parse_object, prop, set, span, Parsed};
use super::model::{CalendarView, EventDetail, EventInput, ItemKind, Occurrence, Scope};
use super::recurrence::{self, instance_key, recurrence_id};
use super::store::{
    index, insert_object, object_access, require_events_writable, update_object, writable_calendar,
    NewObject, ObjectRow,
};
use super::time::{format_local, local_now, parse_date, resolve, Moment};
use super::vtimezone::assemble;
use super::window::{self, Shown};
use super::{birthdays, holidays};
use crate::clock::parse_time_zone;
use crate::error::{DomainError, DomainResult};
use crate::ids::new_id;
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::{Db, WriteTx};
use chrono::{DateTime, Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use icalendar::parser::Component;
use sqlx::AnyConnection;

/// The longest window one request may expand.
const MAX_WINDOW_DAYS: i64 = 400;

/// Every occurrence of the member's visible calendars on the local days `[from, to)`.
pub async fn occurrences(
    db: &Db,
    actor: &Actor,
    viewer: &str,
    from: &str,
    to: &str,
    now: i64,
) -> DomainResult<Vec<Occurrence>> {
    let calendars: Vec<_> = list_calendars(db, actor, now)
        .await?
        .into_iter()
        .filter(|c| !c.hidden)
        .collect();
    expand_calendars(db, actor, &calendars, viewer, from, to, now).await
}

/// How far ahead the Home widget looks for the next events.
const UPCOMING_DAYS: i64 = 90;

/// The next `limit` occurrences of the member's visible calendars that have not ended yet.
pub async fn upcoming(
    db: &Db,
    actor: &Actor,
    viewer: &str,
    limit: usize,
    now: i64,
) -> DomainResult<Vec<Occurrence>> {
    let local = local_now(parse_time_zone(viewer)?, now);
    let from = local.date().format("%Y-%m-%d").to_string();
    let to = (local.date() + Duration::days(UPCOMING_DAYS))
        .format("%Y-%m-%d")
        .to_string();
    let now_local = format_local(local, false);
    let mut next: Vec<Occurrence> = occurrences(db, actor, viewer, &from, &to, now)
        .await?
        .into_iter()
        // Local texts compare in time order, and an all-day end ("2026-11-22", exclusive) sorts
        // just before that day's times: an all-day event stays upcoming until its last day ends.
        .filter(|o| o.end > now_local)
        .collect();
    next.truncate(limit);
    Ok(next)
}

/// The occurrences of one calendar the member can see (hidden or not), as `occurrences`.
pub async fn occurrences_of(
    db: &Db,
    actor: &Actor,
    calendar_id: &str,
    viewer: &str,
    from: &str,
    to: &str,
    now: i64,
) -> DomainResult<Vec<Occurrence>> {
    let calendar = list_calendars(db, actor, now)
        .await?
        .into_iter()
        .find(|c| c.id == calendar_id)
        .ok_or(DomainError::NotFound)?;
    let one = std::slice::from_ref(&calendar);
    expand_calendars(db, actor, one, viewer, from, to, now).await
}

/// An all-day, read-only occurrence of a computed calendar (a holiday, a birthday).
fn computed_day(
    calendar_id: &str,
    object_id: String,
    title: String,
    day: NaiveDate,
    viewer: Tz,
) -> Occurrence {
    Occurrence {
        object_id,
        calendar_id: calendar_id.to_owned(),
        kind: ItemKind::Event,
        title,
        location: String::new(),
        all_day: true,
        start: day.format("%Y-%m-%d").to_string(),
        end: (day + Duration::days(1)).format("%Y-%m-%d").to_string(),
        start_utc: resolve(viewer, day.and_time(NaiveTime::MIN)).timestamp(),
        instance: None,
        color: None,
        done: false,
        writable: false,
    }
}

async fn expand_calendars(
    db: &Db,
    actor: &Actor,
    calendars: &[CalendarView],
    viewer: &str,
    from: &str,
    to: &str,
    now: i64,
) -> DomainResult<Vec<Occurrence>> {
    let viewer = parse_time_zone(viewer)?;
    let from = parse_date("from", from)?;
    let to = parse_date("to", to)?;
    if to <= from || (to - from).num_days() > MAX_WINDOW_DAYS {
        return Err(DomainError::invalid("to", Reason::WindowTooLong));
    }
    let mut out = Vec::new();
    for cal in calendars.iter().filter(|c| c.holidays.is_some()) {
        let Some(region) = cal.holidays.as_deref().and_then(holidays::region) else {
            continue;
        };
        for (day, name) in holidays::between(region, from, to) {
            let id = format!("{}:{day}", cal.id);
            out.push(computed_day(&cal.id, id, name.to_owned(), day, viewer));
        }
    }
    // Only the member's own Birthdays calendar: its events come from their address books.
    for cal in calendars
        .iter()
        .filter(|c| c.birthdays && c.owner_id == actor.account_id)
    {
        let known = birthdays::birthdays(db, actor, now).await?;
        for (day, contact, age) in birthdays::between(&known, from, to) {
            let id = format!("{}:{}:{day}", cal.id, contact.contact_id);
            let title = birthdays::title(&contact.name, age);
            out.push(computed_day(&cal.id, id, title, day, viewer));
        }
    }
    let stored: Vec<Shown<'_>> = calendars
        .iter()
        .filter(|c| !c.is_computed())
        .map(|c| Shown {
            id: &c.id,
            writable: c.access.can_write(),
        })
        .collect();
    out.extend(window::occurrences(db, &actor.org_id, &stored, viewer, from, to).await?);
    out.sort_by(|a, b| (a.start_utc, &a.title).cmp(&(b.start_utc, &b.title)));
    Ok(out)
}

fn stored(
    items: Vec<Component<'static>>,
    zones: Vec<Component<'static>>,
) -> DomainResult<(String, ical::ObjectIndex)> {
    let ics = assemble(items, zones);
    let idx = index(&ics).map_err(|(_, e)| {
        tracing::debug!(reason = %e, "refused series");
        DomainError::invalid("recurrence", Reason::RecurrenceInvalid)
    })?;
    Ok((ics, idx))
}

/// A new event in `input.calendar_id`; returns its object id.
pub async fn create_event(
    db: &Db,
    actor: &Actor,
    input: &EventInput,
    now: i64,
) -> DomainResult<String> {
    let checked = check(input)?;
    let mut c = new_event(&new_uid(), now);
    apply(&mut c, &checked, true, now);
    create_item(db, actor, &input.calendar_id, c, now).await
}

/// Stores `item` as a new object of a calendar the actor may write to; returns its id.
pub(super) async fn create_item(
    db: &Db,
    actor: &Actor,
    calendar_id: &str,
    item: Component<'static>,
    now: i64,
) -> DomainResult<String> {
    let mut tx = db.write().await?;
    let cal = writable_calendar(&mut tx, actor, calendar_id).await?;
    let id = insert_item(&mut tx, actor, &cal.id, item, vec![], now).await?;
    tx.commit().await?;
    Ok(id)
}

pub(super) fn new_uid() -> String {
    format!("{}@ksuite", new_id())
}

/// Stores a new object holding `item`; returns its id.
async fn insert_item(
    conn: &mut WriteTx,
    actor: &Actor,
    calendar_id: &str,
    item: Component<'static>,
    zones: Vec<Component<'static>>,
    now: i64,
) -> DomainResult<String> {
    let (ics, idx) = stored(vec![item], zones)?;
    let id = new_id();
    let object = NewObject {
        id: &id,
        calendar_id,
        org_id: &actor.org_id,
        ics: &ics,
        index: &idx,
    };
    insert_object(conn, object, now).await?;
    Ok(id)
}

/// The original start of instance `key` of a series starting at `start`, in the series' form.
fn instance_moment(start: &Moment, key: i64) -> DomainResult<Moment> {
    let utc = DateTime::from_timestamp(key, 0).ok_or(DomainError::NotFound)?;
    Ok(match start {
        Moment::Zoned(_, tz) => Moment::Zoned(utc.with_timezone(tz).naive_local(), *tz),
        Moment::Utc(_) => Moment::Utc(utc),
        Moment::Date(_) => Moment::Date(utc.date_naive()),
        Moment::Floating(_) => Moment::Floating(utc.naive_utc()),
    })
}

/// The event for the edit dialog; with `instance`, that occurrence of the series.
pub async fn get_event(
    db: &Db,
    actor: &Actor,
    object_id: &str,
    instance: Option<i64>,
    viewer: &str,
) -> DomainResult<EventDetail> {
    let viewer = parse_time_zone(viewer)?;
    let mut conn = db.pool().acquire().await?;
    let (object, cal, access) = object_access(&mut conn, actor, object_id).await?;
    let parsed = parse_object(&object.ics)?;
    let master = recurrence::master(&parsed.items).ok_or(DomainError::NotFound)?;
    let uid = ical::value(master, "UID").unwrap_or_default().to_owned();
    let writable = access.can_write_events(cal.is_computed());
    let input = match instance {
        None => read(master, &cal.id, read_recurrence(master), None, viewer),
        Some(key) => match find_override(&parsed.items, key) {
            Some(i) => read(&parsed.items[i], &cal.id, None, None, viewer),
            None => {
                let s = span(master).ok_or(DomainError::NotFound)?;
                let start = instance_moment(&s.start, key)?;
                let end = shift(&start, s.length);
                read(
                    master,
                    &cal.id,
                    read_recurrence(master),
                    Some((start, end)),
                    viewer,
                )
            }
        },
    };
    Ok(EventDetail {
        object_id: object.id,
        uid,
        writable,
        event: input,
    })
}

fn find_override(items: &[Component<'_>], key: i64) -> Option<usize> {
    items
        .iter()
        .position(|c| recurrence_id(c).is_some_and(|m| instance_key(&m) == key))
}

/// Loads an object for a change: the actor must be allowed to modify its calendar.
pub(super) async fn for_change(
    conn: &mut AnyConnection,
    actor: &Actor,
    object_id: &str,
) -> DomainResult<(ObjectRow, Parsed)> {
    let (object, cal, access) = object_access(conn, actor, object_id).await?;
    require_events_writable(&cal, access)?;
    let parsed = parse_object(&object.ics)?;
    Ok((object, parsed))
}

/// Ends the master's series just before `at` (for "this and following"), dropping the
/// overrides from there on.
fn end_series_before(
    items: &mut Vec<Component<'static>>,
    at: &Moment,
    now: i64,
) -> DomainResult<()> {
    let key = instance_key(at);
    items.retain(|c| recurrence_id(c).is_none_or(|m| instance_key(&m) < key));
    let master = items
        .iter_mut()
        .find(|c| prop(c, "RECURRENCE-ID").is_none())
        .ok_or(DomainError::NotFound)?;
    let rule = ical::value(master, "RRULE").unwrap_or_default().to_owned();
    let until = match at {
        Moment::Date(d) => (*d - Duration::days(1)).format("%Y%m%d").to_string(),
        other => DateTime::from_timestamp(other.approx_utc() - 1, 0)
            .unwrap_or_default()
            .format("%Y%m%dT%H%M%SZ")
            .to_string(),
    };
    let mut parts: Vec<String> = rule
        .split(';')
        .filter(|p| !p.starts_with("UNTIL=") && !p.starts_with("COUNT="))
        .map(str::to_owned)
        .collect();
    parts.push(format!("UNTIL={until}"));
    set(
        master,
        "RRULE",
        Some(ical::property("RRULE", parts.join(";"), &[])),
    );
    event::stamp(master, now);
    Ok(())
}

/// Changes an event. For an occurrence of a series, `scope` says how far the change reaches.
pub async fn update_event(
    db: &Db,
    actor: &Actor,
    object_id: &str,
    instance: Option<i64>,
    scope: Scope,
    input: &EventInput,
    now: i64,
) -> DomainResult<()> {
    let checked = check(input)?;
    let mut tx = db.write().await?;
    let (object, mut parsed) = for_change(&mut tx, actor, object_id).await?;
    let master_at = parsed
        .items
        .iter()
        .position(|c| prop(c, "RECURRENCE-ID").is_none())
        .ok_or(DomainError::NotFound)?;
    let master_span = span(&parsed.items[master_at]).ok_or(DomainError::NotFound)?;
    let is_series = ical::value(&parsed.items[master_at], "RRULE").is_some();
    let target = target_calendar(&mut tx, actor, &object, &input.calendar_id).await?;
    let scope = match (is_series, instance) {
        (true, Some(_)) => scope,
        _ => Scope::All,
    };
    if scope != Scope::All && target != object.calendar_id {
        return Err(DomainError::invalid(
            "calendar_id",
            Reason::SeriesMovesWhole,
        ));
    }
    match (scope, instance) {
        (Scope::This, Some(key)) => {
            let original = instance_moment(&master_span.start, key)?;
            let at = match find_override(&parsed.items, key) {
                Some(i) => i,
                None => {
                    let mut c = parsed.items[master_at].clone();
                    for name in ["RRULE", "RDATE", "EXDATE", "DTSTAMP", "CREATED"] {
                        set(&mut c, name, None);
                    }
                    c.properties.push(moment_prop("RECURRENCE-ID", &original));
                    parsed.items.push(c);
                    parsed.items.len() - 1
                }
            };
            apply(&mut parsed.items[at], &checked, false, now);
        }
        (Scope::Following, Some(key)) => {
            let original = instance_moment(&master_span.start, key)?;
            if instance_key(&original) <= instance_key(&master_span.start) {
                apply(&mut parsed.items[master_at], &checked, true, now);
            } else {
                end_series_before(&mut parsed.items, &original, now)?;
                let mut c = new_event(&new_uid(), now);
                let old_uid = recurrence::master(&parsed.items).and_then(|m| ical::value(m, "UID"));
                if let Some(old_uid) = old_uid {
                    c.properties
                        .push(ical::property("RELATED-TO", old_uid, &[]));
                }
                apply(&mut c, &checked, true, now);
                let zones = parsed.zones.clone();
                insert_item(&mut tx, actor, &object.calendar_id, c, zones, now).await?;
            }
        }
        _ => {
            // The whole series: times move by how much the shown occurrence moved.
            let master = &mut parsed.items[master_at];
            let mut whole = checked.clone();
            if let Some(key) = instance.filter(|_| is_series) {
                let original = instance_moment(&master_span.start, key)?;
                let moved = checked.start.approx_utc() - original.approx_utc();
                let length = checked.end.approx_utc() - checked.start.approx_utc();
                let start = shift(
                    &rekind(&master_span.start, &checked.start),
                    Duration::seconds(moved),
                );
                whole.start = start;
                whole.end = shift(&start, Duration::seconds(length));
            }
            apply(master, &whole, true, now);
        }
    }
    write_back(&mut tx, &object, &target, parsed, now).await?;
    tx.commit().await?;
    Ok(())
}

/// The calendar a changed object goes to: its own, or `wanted` when the actor may write there.
pub(super) async fn target_calendar(
    conn: &mut AnyConnection,
    actor: &Actor,
    object: &ObjectRow,
    wanted: &str,
) -> DomainResult<String> {
    if wanted == object.calendar_id {
        return Ok(object.calendar_id.clone());
    }
    Ok(writable_calendar(conn, actor, wanted).await?.id)
}

/// Stores a changed object in `target`; the calendar it left gets a new revision too.
pub(super) async fn write_back(
    conn: &mut WriteTx,
    object: &ObjectRow,
    target: &str,
    parsed: Parsed,
    now: i64,
) -> DomainResult<()> {
    let (ics, idx) = stored(parsed.items, parsed.zones)?;
    update_object(conn, &object.id, target, &ics, &idx, now).await?;
    if target != object.calendar_id {
        super::store::bump(conn, &object.calendar_id).await?;
    }
    Ok(())
}

/// `base` carried into the kind of `like` (an edit may turn a timed series into an all-day one).
fn rekind(base: &Moment, like: &Moment) -> Moment {
    match (base, like) {
        (Moment::Date(d), Moment::Zoned(n, tz)) => Moment::Zoned(d.and_time(n.time()), *tz),
        (Moment::Zoned(n, _), Moment::Date(_)) => Moment::Date(n.date()),
        (Moment::Zoned(n, from), Moment::Zoned(_, to)) if from != to => {
            Moment::Zoned(resolve(*from, *n).with_timezone(to).naive_local(), *to)
        }
        (other, _) => *other,
    }
}

/// Deletes an event (to the trash), or one or the following occurrences of a series.
pub async fn delete_event(
    db: &Db,
    actor: &Actor,
    object_id: &str,
    instance: Option<i64>,
    scope: Scope,
    now: i64,
) -> DomainResult<()> {
    let mut tx = db.write().await?;
    let (object, mut parsed) = for_change(&mut tx, actor, object_id).await?;
    let master_span = recurrence::master(&parsed.items)
        .filter(|m| ical::value(m, "RRULE").is_some())
        .and_then(span);
    match (master_span, instance, scope) {
        (Some(s), Some(key), Scope::This) => {
            let original = instance_moment(&s.start, key)?;
            parsed
                .items
                .retain(|c| recurrence_id(c).is_none_or(|m| instance_key(&m) != key));
            if let Some(master) = parsed
                .items
                .iter_mut()
                .find(|c| prop(c, "RECURRENCE-ID").is_none())
            {
                master.properties.push(moment_prop("EXDATE", &original));
                event::stamp(master, now);
            }
        }
        (Some(s), Some(key), Scope::Following) if key > instance_key(&s.start) => {
            let original = instance_moment(&s.start, key)?;
            end_series_before(&mut parsed.items, &original, now)?;
        }
        _ => {
            sqlx::query("UPDATE calendar_objects SET deleted_at = $2 WHERE id = $1")
                .bind(&object.id)
                .bind(now)
                .execute(&mut *tx)
                .await?;
            super::store::bump(&mut tx, &object.calendar_id).await?;
            tx.commit().await?;
            return Ok(());
        }
    }
    write_back(&mut tx, &object, &object.calendar_id, parsed, now).await?;
    tx.commit().await?;
    Ok(())
}
