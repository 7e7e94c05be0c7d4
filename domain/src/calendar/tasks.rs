//! Tasks (VTODO): each calendar's task list, with a due date, a priority and done. They are
//! stored like events, as iCalendar text; a task with a due date is drawn in the views at that
//! moment (see `events::occurrences`).

use super::event::{limit, set_text, stamp, MAX_DESCRIPTION, MAX_TITLE};
use super::events::{create_item, delete_event, for_change, new_uid, target_calendar, write_back};
use super::ical::{self, moment, moment_prop, prop, property, set, text, value};
use super::model::{ItemKind, Scope, TaskInput, TaskView};
use super::store::{calendar_access, object_access};
use super::time::{format_local, parse_local, Local, Moment};
use crate::auth::validate::{refuse_controls, Lines};
use crate::clock::parse_time_zone;
use crate::error::{DomainError, DomainResult};
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::Db;
use chrono_tz::Tz;
use icalendar::parser::Component;

/// A `TaskInput` checked and converted to iCalendar values.
struct Checked {
    title: String,
    description: String,
    due: Option<Moment>,
    priority: u8,
    done: bool,
}

fn check(input: &TaskInput) -> DomainResult<Checked> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(DomainError::invalid("title", Reason::TitleRequired));
    }
    limit("title", title, MAX_TITLE, Reason::TitleTooLong)?;
    refuse_controls("title", title, Lines::One)?;
    refuse_controls("description", &input.description, Lines::Several)?;
    limit(
        "description",
        &input.description,
        MAX_DESCRIPTION,
        Reason::DescriptionTooLong,
    )?;
    if input.priority > 9 {
        return Err(DomainError::invalid("priority", Reason::PriorityInvalid));
    }
    let due = match input.due.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(text) => Some(match parse_local("due", text)? {
            Local::Date(d) => Moment::Date(d),
            Local::DateTime(t) => Moment::Zoned(t, parse_time_zone(&input.time_zone)?),
        }),
    };
    Ok(Checked {
        title: title.to_owned(),
        description: input.description.trim_end().to_owned(),
        due,
        priority: input.priority,
        done: input.done,
    })
}

fn new_task(uid: &str, now: i64) -> Component<'static> {
    let mut c = super::event::new_event(uid, now);
    c.name = "VTODO".into();
    c
}

fn utc_text(now: i64) -> String {
    chrono::DateTime::from_timestamp(now, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string()
}

/// Writes the task's fields into `c`; everything else (alarms, X- properties) stays.
fn apply(c: &mut Component<'static>, t: &Checked, now: i64) {
    set_text(c, "SUMMARY", &t.title);
    set_text(c, "DESCRIPTION", &t.description);
    set(c, "DUE", t.due.as_ref().map(|m| moment_prop("DUE", m)));
    // RFC 5545 3.8.2.3: DUE must come after DTSTART; a task edited here has no start of its own.
    set(c, "DTSTART", None);
    set(c, "DURATION", None);
    set(
        c,
        "PRIORITY",
        (t.priority > 0).then(|| property("PRIORITY", t.priority.to_string(), &[])),
    );
    apply_done(c, t.done, now);
    stamp(c, now);
}

/// STATUS, COMPLETED and PERCENT-COMPLETE as RFC 5545 clients read them; the completion time is
/// kept when a done task is saved again.
fn apply_done(c: &mut Component<'static>, done: bool, now: i64) {
    if done {
        if prop(c, "COMPLETED").is_none() {
            set(
                c,
                "COMPLETED",
                Some(property("COMPLETED", utc_text(now), &[])),
            );
        }
        set(c, "STATUS", Some(property("STATUS", "COMPLETED", &[])));
        set(
            c,
            "PERCENT-COMPLETE",
            Some(property("PERCENT-COMPLETE", "100", &[])),
        );
    } else {
        set(c, "COMPLETED", None);
        set(c, "STATUS", Some(property("STATUS", "NEEDS-ACTION", &[])));
        set(c, "PERCENT-COMPLETE", None);
    }
}

fn read(
    c: &Component<'_>,
    object_id: &str,
    calendar_id: &str,
    writable: bool,
    viewer: Tz,
) -> TaskView {
    let due = prop(c, "DUE")
        .and_then(moment)
        .map(|m| format_local(m.local_in(viewer), m.is_date()));
    TaskView {
        object_id: object_id.to_owned(),
        calendar_id: calendar_id.to_owned(),
        title: text(c, "SUMMARY"),
        description: text(c, "DESCRIPTION"),
        due,
        priority: value(c, "PRIORITY")
            .and_then(|p| p.trim().parse::<u8>().ok())
            .filter(|p| *p <= 9)
            .unwrap_or(0),
        done: ical::completed(c),
        writable,
    }
}

/// The order of a task list: open tasks first, then by due moment (undated last), by priority
/// (1 first, unset last) and by title.
fn list_order(a: &TaskView, b: &TaskView) -> std::cmp::Ordering {
    let rank = |t: &TaskView| {
        (
            t.done,
            t.due.is_none(),
            t.due.clone(),
            if t.priority == 0 { 10 } else { t.priority },
            t.title.to_lowercase(),
        )
    };
    rank(a).cmp(&rank(b))
}

/// The tasks of a calendar the member can see, in list order.
pub async fn list_tasks(
    db: &Db,
    actor: &Actor,
    calendar_id: &str,
    viewer: &str,
) -> DomainResult<Vec<TaskView>> {
    let viewer = parse_time_zone(viewer)?;
    let mut conn = db.pool().acquire().await?;
    let (calendar, access) = calendar_access(&mut conn, actor, calendar_id).await?;
    let writable = access.can_write_events(calendar.is_computed());
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, ics FROM calendar_objects
         WHERE calendar_id = $1 AND org_id = $2 AND kind = 'task' AND deleted_at = 0",
    )
    .bind(&calendar.id)
    .bind(&actor.org_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut tasks = Vec::with_capacity(rows.len());
    for (id, ics) in rows {
        let text = ical::unfolded(&ics);
        let Ok(cal) = ical::parse(&text) else {
            continue;
        };
        let master = cal.components.iter().find(|c| {
            ical::kind_of(c) == Some(ItemKind::Task) && prop(c, "RECURRENCE-ID").is_none()
        });
        if let Some(c) = master {
            tasks.push(read(c, &id, &calendar.id, writable, viewer));
        }
    }
    tasks.sort_by(list_order);
    Ok(tasks)
}

/// One task, for the task dialog.
pub async fn get_task(
    db: &Db,
    actor: &Actor,
    object_id: &str,
    viewer: &str,
) -> DomainResult<TaskView> {
    let viewer = parse_time_zone(viewer)?;
    let mut conn = db.pool().acquire().await?;
    let (object, cal, access) = object_access(&mut conn, actor, object_id).await?;
    let parsed = ical::parse_object(&object.ics)?;
    let task =
        master_task(&parsed.items).ok_or_else(|| DomainError::invalid("id", Reason::NotATask))?;
    let writable = access.can_write_events(cal.is_computed());
    Ok(read(task, &object.id, &cal.id, writable, viewer))
}

/// The VTODO that is not an override of one occurrence.
fn master_task<'c>(items: &'c [Component<'_>]) -> Option<&'c Component<'c>> {
    items
        .iter()
        .find(|c| ical::kind_of(c) == Some(ItemKind::Task) && prop(c, "RECURRENCE-ID").is_none())
}

/// A new task in `input.calendar_id`; returns its object id.
pub async fn create_task(
    db: &Db,
    actor: &Actor,
    input: &TaskInput,
    now: i64,
) -> DomainResult<String> {
    let checked = check(input)?;
    let mut c = new_task(&new_uid(), now);
    apply(&mut c, &checked, now);
    create_item(db, actor, &input.calendar_id, c, now).await
}

/// Changes a task with `change` (the whole input, or just done), moving it to `target` when
/// that is another calendar.
async fn change_task(
    db: &Db,
    actor: &Actor,
    object_id: &str,
    target: Option<&str>,
    change: impl FnOnce(&mut Component<'static>),
    now: i64,
) -> DomainResult<()> {
    let mut tx = db.write().await?;
    let (object, mut parsed) = for_change(&mut tx, actor, object_id).await?;
    let task = parsed
        .items
        .iter_mut()
        .find(|c| prop(c, "RECURRENCE-ID").is_none())
        .filter(|c| ical::kind_of(c) == Some(ItemKind::Task))
        .ok_or_else(|| DomainError::invalid("id", Reason::NotATask))?;
    change(task);
    let target = match target {
        Some(wanted) => target_calendar(&mut tx, actor, &object, wanted).await?,
        None => object.calendar_id.clone(),
    };
    write_back(&mut tx, &object, &target, parsed, now).await?;
    tx.commit().await?;
    Ok(())
}

pub async fn update_task(
    db: &Db,
    actor: &Actor,
    object_id: &str,
    input: &TaskInput,
    now: i64,
) -> DomainResult<()> {
    let checked = check(input)?;
    let target = Some(input.calendar_id.as_str());
    change_task(
        db,
        actor,
        object_id,
        target,
        |c| apply(c, &checked, now),
        now,
    )
    .await
}

/// Ticks a task off (or opens it again), as the list's checkbox does.
pub async fn set_task_done(
    db: &Db,
    actor: &Actor,
    object_id: &str,
    done: bool,
    now: i64,
) -> DomainResult<()> {
    let change = |c: &mut Component<'static>| {
        apply_done(c, done, now);
        stamp(c, now);
    };
    change_task(db, actor, object_id, None, change, now).await
}

/// Moves a task to the trash.
pub async fn delete_task(db: &Db, actor: &Actor, object_id: &str, now: i64) -> DomainResult<()> {
    delete_event(db, actor, object_id, None, Scope::All, now).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(title: &str, due: Option<&str>, priority: u8, done: bool) -> TaskView {
        TaskView {
            object_id: title.into(),
            calendar_id: "c".into(),
            title: title.into(),
            description: String::new(),
            due: due.map(str::to_owned),
            priority,
            done,
            writable: true,
        }
    }

    #[test]
    fn open_tasks_come_first_by_due_then_priority() {
        let mut list = [
            task("done", Some("2026-01-01"), 1, true),
            task("undated", None, 1, false),
            task("later", Some("2026-12-01"), 1, false),
            task("soon, unset", Some("2026-11-25"), 0, false),
            task("soon, high", Some("2026-11-25"), 1, false),
        ];
        list.sort_by(list_order);
        let titles: Vec<_> = list.iter().map(|t| t.title.as_str()).collect();
        assert_eq!(
            titles,
            ["soon, high", "soon, unset", "later", "undated", "done"]
        );
    }

    #[test]
    fn a_task_written_and_read_back_keeps_its_fields() {
        let input = TaskInput {
            calendar_id: "c".into(),
            title: "File the VAT return".into(),
            description: "Q4; with receipts".into(),
            due: Some("2026-11-30T17:00".into()),
            time_zone: "Europe/Zurich".into(),
            priority: 1,
            done: true,
        };
        let mut c = new_task("u1", 1_790_000_000);
        apply(&mut c, &check(&input).unwrap(), 1_790_000_000);
        let ics = ical::write_calendar(vec![c]);
        assert!(
            ics.contains("DUE;TZID=Europe/Zurich:20261130T170000"),
            "{ics}"
        );
        assert!(ics.contains("STATUS:COMPLETED"), "{ics}");
        assert!(ics.contains("PRIORITY:1"), "{ics}");
        let text = ical::unfolded(&ics);
        let cal = ical::parse(&text).unwrap();
        let back = read(
            &cal.components[0],
            "o",
            "c",
            true,
            chrono_tz::Europe::Zurich,
        );
        assert_eq!(back.title, input.title);
        assert_eq!(back.description, input.description);
        assert_eq!(back.due.as_deref(), Some("2026-11-30T17:00"));
        assert_eq!((back.priority, back.done), (1, true));
    }

    #[test]
    fn reopening_a_task_clears_its_completion() {
        let mut c = new_task("u1", 0);
        apply_done(&mut c, true, 100);
        apply_done(&mut c, false, 200);
        assert!(!ical::completed(&c));
        assert!(prop(&c, "PERCENT-COMPLETE").is_none());
        assert_eq!(value(&c, "STATUS"), Some("NEEDS-ACTION"));
    }

    #[test]
    fn bad_task_inputs_name_their_field() {
        let field = |t: TaskInput| match check(&t) {
            Err(DomainError::Invalid { field, .. }) => field,
            Err(other) => panic!("{other:?}"),
            Ok(_) => panic!("accepted"),
        };
        let ok = TaskInput {
            calendar_id: "c".into(),
            title: "Call the bank".into(),
            description: String::new(),
            due: None,
            time_zone: String::new(),
            priority: 0,
            done: false,
        };
        assert!(check(&ok).is_ok());
        assert_eq!(
            field(TaskInput {
                title: " ".into(),
                ..ok.clone()
            }),
            "title"
        );
        assert_eq!(
            field(TaskInput {
                priority: 10,
                ..ok.clone()
            }),
            "priority"
        );
        assert_eq!(
            field(TaskInput {
                due: Some("tomorrow".into()),
                ..ok.clone()
            }),
            "due"
        );
        assert_eq!(
            field(TaskInput {
                due: Some("2026-11-30T09:00".into()),
                time_zone: "Mars/Base".into(),
                ..ok
            }),
            "time_zone"
        );
    }
}
