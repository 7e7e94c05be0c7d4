//! Server functions of the Calendar app. Each resolves the caller as a member of `org` and calls
//! the same domain function as the REST API, so rights are checked in one place.

use crate::error::AppError;
use domain::calendar::{
    CalendarView, DisplaySettings, EventDetail, EventInput, Occurrence, Period, Scope, TaskInput,
    TaskView,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// What the app needs before it draws: the calendars, the member's settings and where "today" is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CalendarSetup {
    pub calendars: Vec<CalendarView>,
    pub settings: DisplaySettings,
    /// The profile's time zone, in which every time is shown.
    pub time_zone: String,
    /// "YYYY-MM-DD" in that zone.
    pub today: String,
    /// Minutes that zone is ahead of UTC now, so the browser can draw the member's "now".
    pub utc_offset: i32,
    /// Public holiday regions one may subscribe to: (code, name).
    pub regions: Vec<(String, String)>,
}

/// How many events and tasks deleting a calendar would take along.
#[server(prefix = "/fn", endpoint = "calendar_item_count", input = GetUrl)]
pub async fn calendar_item_count(org: String, id: String) -> Result<u64, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::calendar::calendars::item_count(&ctx.db, &actor, &id).await?)
}

/// A change to one calendar from its ⋮ menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CalendarChange {
    Hide,
    Show,
    MakeDefault,
    Delete,
}

#[cfg(feature = "ssr")]
use crate::context::member_of;

#[server(prefix = "/fn", endpoint = "calendar_home")]
pub async fn calendar_home(org: String) -> Result<CalendarSetup, AppError> {
    use domain::calendar::{calendars, holidays};
    let (ctx, actor, time_zone) = member_of(&org).await?;
    let now = domain::clock::now();
    let calendars = calendars::list_calendars(&ctx.db, &actor, now).await?;
    let settings = calendars::display_settings(&ctx.db, &actor).await?;
    let today = domain::calendar::time::today(&time_zone, now)?;
    let utc_offset = domain::calendar::time::utc_offset_minutes(&time_zone, now)?;
    let regions = holidays::REGIONS
        .iter()
        .map(|r| (r.code.to_owned(), r.name.to_owned()))
        .collect();
    Ok(CalendarSetup {
        calendars,
        settings,
        time_zone,
        today,
        utc_offset,
        regions,
    })
}

/// The occurrences of the visible calendars that `view` ("month", "week", "day", "agenda")
/// shows around `day` (today when absent), by the member's first day of the week: for a month,
/// what its cells show and each fuller day's count of the rest. A GET: it only reads.
#[server(prefix = "/fn", endpoint = "calendar_events", input = GetUrl)]
pub async fn calendar_events(
    org: String,
    view: String,
    day: Option<String>,
) -> Result<Period, AppError> {
    use domain::calendar::{calendars, days::Day, events, month, time};
    use domain::reason::Reason;
    use domain::DomainError;
    let (ctx, actor, time_zone) = member_of(&org).await?;
    let now = domain::clock::now();
    let view = super::ViewMode::from_code(&view).ok_or(DomainError::NotFound)?;
    let day = match day {
        Some(day) => day,
        None => time::today(&time_zone, now)?,
    };
    let day = Day::parse(&day).ok_or_else(|| DomainError::invalid("day", Reason::DateInvalid))?;
    let week_start = calendars::display_settings(&ctx.db, &actor)
        .await?
        .week_start;
    let (first, end) = super::view_range(view, day, week_start);
    let (from, to) = (first.to_string(), end.to_string());
    let all = events::occurrences(&ctx.db, &actor, &time_zone, &from, &to, now).await?;
    Ok(match view {
        super::ViewMode::Month => {
            let days = usize::try_from(first.days_until(end)).unwrap_or_default();
            month::shown(all, first, days, month::SHOWN_PER_DAY)
        }
        _ => Period {
            events: all,
            more: Vec::new(),
        },
    })
}

/// The next five occurrences, for the Home widget.
#[server(prefix = "/fn", endpoint = "next_events", input = GetUrl)]
pub async fn next_events(org: String) -> Result<Vec<Occurrence>, AppError> {
    let (ctx, actor, time_zone) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::calendar::events::upcoming(&ctx.db, &actor, &time_zone, 5, now).await?)
}

#[server(prefix = "/fn", endpoint = "calendar_event")]
pub async fn load_event(
    org: String,
    id: String,
    instance: Option<i64>,
) -> Result<EventDetail, AppError> {
    let (ctx, actor, time_zone) = member_of(&org).await?;
    Ok(domain::calendar::events::get_event(&ctx.db, &actor, &id, instance, &time_zone).await?)
}

/// Creates an event (`id` None) or changes one, or one occurrence and how far the change reaches.
#[server(prefix = "/fn", endpoint = "save_event")]
pub async fn save_event(
    org: String,
    id: Option<String>,
    instance: Option<i64>,
    scope: Scope,
    event: EventInput,
) -> Result<String, AppError> {
    use domain::calendar::events;
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    match id {
        None => Ok(events::create_event(&ctx.db, &actor, &event, now).await?),
        Some(id) => {
            events::update_event(&ctx.db, &actor, &id, instance, scope, &event, now).await?;
            Ok(id)
        }
    }
}

#[server(prefix = "/fn", endpoint = "delete_event")]
pub async fn delete_event(
    org: String,
    id: String,
    instance: Option<i64>,
    scope: Scope,
) -> Result<(), AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::calendar::events::delete_event(&ctx.db, &actor, &id, instance, scope, now).await?)
}

/// The files attached to an event, oldest first.
#[server(prefix = "/fn", endpoint = "event_attachments", input = GetUrl)]
pub async fn event_attachments(
    org: String,
    id: String,
) -> Result<Vec<domain::views::AttachmentView>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::calendar::attachments::list(&ctx.db, &actor, &id).await?)
}

#[server(prefix = "/fn", endpoint = "remove_attachment")]
pub async fn remove_attachment(org: String, id: String) -> Result<(), AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::calendar::attachments::remove(&ctx.db, &actor, &id).await?)
}

/// A new video meeting link from the organization's meeting address.
#[server(prefix = "/fn", endpoint = "video_link")]
pub async fn new_video_link(org: String) -> Result<String, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::calendar::video::new_meeting_link(&ctx.db, &actor).await?)
}

/// A calendar's task list. A GET: it only reads.
#[server(prefix = "/fn", endpoint = "calendar_tasks", input = GetUrl)]
pub async fn calendar_tasks(org: String, calendar: String) -> Result<Vec<TaskView>, AppError> {
    let (ctx, actor, time_zone) = member_of(&org).await?;
    Ok(domain::calendar::tasks::list_tasks(&ctx.db, &actor, &calendar, &time_zone).await?)
}

#[server(prefix = "/fn", endpoint = "calendar_task")]
pub async fn load_task(org: String, id: String) -> Result<TaskView, AppError> {
    let (ctx, actor, time_zone) = member_of(&org).await?;
    Ok(domain::calendar::tasks::get_task(&ctx.db, &actor, &id, &time_zone).await?)
}

/// Creates a task (`id` None) or changes one.
#[server(prefix = "/fn", endpoint = "save_task")]
pub async fn save_task(
    org: String,
    id: Option<String>,
    task: TaskInput,
) -> Result<String, AppError> {
    use domain::calendar::tasks;
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    match id {
        None => Ok(tasks::create_task(&ctx.db, &actor, &task, now).await?),
        Some(id) => {
            tasks::update_task(&ctx.db, &actor, &id, &task, now).await?;
            Ok(id)
        }
    }
}

#[server(prefix = "/fn", endpoint = "task_done")]
pub async fn task_done(org: String, id: String, done: bool) -> Result<(), AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::calendar::tasks::set_task_done(&ctx.db, &actor, &id, done, now).await?)
}

#[server(prefix = "/fn", endpoint = "delete_task")]
pub async fn delete_task(org: String, id: String) -> Result<(), AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::calendar::tasks::delete_task(&ctx.db, &actor, &id, now).await?)
}

/// Creates a calendar (`id` None; `holidays` names a region for a holiday calendar) or renames
/// and recolours one.
#[server(prefix = "/fn", endpoint = "save_calendar")]
pub async fn save_calendar(
    org: String,
    id: Option<String>,
    name: String,
    color: String,
    holidays: Option<String>,
) -> Result<String, AppError> {
    use domain::calendar::calendars;
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    match id {
        None => Ok(calendars::create_calendar(
            &ctx.db,
            &actor,
            &name,
            &color,
            holidays.as_deref(),
            now,
        )
        .await?),
        Some(id) => {
            calendars::update_calendar(&ctx.db, &actor, &id, &name, &color).await?;
            Ok(id)
        }
    }
}

#[server(prefix = "/fn", endpoint = "calendar_action")]
pub async fn calendar_action(
    org: String,
    id: String,
    action: CalendarChange,
) -> Result<(), AppError> {
    use domain::calendar::calendars;
    let (ctx, actor, _) = member_of(&org).await?;
    let (db, now) = (&ctx.db, domain::clock::now());
    match action {
        CalendarChange::Hide => calendars::set_hidden(db, &actor, &id, true).await?,
        CalendarChange::Show => calendars::set_hidden(db, &actor, &id, false).await?,
        CalendarChange::MakeDefault => calendars::set_default(db, &actor, &id).await?,
        CalendarChange::Delete => calendars::delete_calendar(db, &actor, &id, now).await?,
    }
    Ok(())
}

#[server(prefix = "/fn", endpoint = "calendar_trash")]
pub async fn calendar_trash(org: String) -> Result<Vec<domain::trash::TrashItem>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::calendar::trash::list_trash(&ctx.db, &actor, now).await?)
}

/// Turns the public .ics link on (a fresh token each time) or off; returns the token.
#[server(prefix = "/fn", endpoint = "public_link")]
pub async fn public_link(
    org: String,
    id: String,
    enabled: bool,
) -> Result<Option<String>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::calendar::calendars::set_public_link(&ctx.db, &actor, &id, enabled).await?)
}

#[server(prefix = "/fn", endpoint = "calendar_settings")]
pub async fn save_settings(org: String, settings: DisplaySettings) -> Result<(), AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::calendar::calendars::save_display_settings(&ctx.db, &actor, &settings).await?)
}
