//! The month view: six weeks of days, each with the events that touch it.

use super::{use_cal, view_range, EventDraft, OpenDialog, ViewMode};
use crate::feedback::Loaded;
use crate::i18n::dates::{long_day, time_of, weekday};
use crate::i18n::Key;
use crate::popover::Popover;
use domain::calendar::days::Day;
use domain::calendar::month::{touches, SHOWN_PER_DAY};
use domain::calendar::{ItemKind, Occurrence, Period};
use leptos::prelude::*;

#[component]
pub fn MonthView(period: Period) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let settings = cal.settings.get_untracked();
    let cursor = cal.cursor.get_untracked();
    let (first, _) = view_range(ViewMode::Month, cursor, settings.week_start);
    let shown = |day: Day| settings.show_weekends || day.weekday() < 6;
    let Period { events, more } = period;
    let events = StoredValue::new(events);
    let hidden_on = move |day: Day| {
        let day = day.to_string();
        more.iter()
            .find(|m| m.day == day)
            .map_or(0, |m| m.hidden as usize)
    };
    let open_day = move |day: Day| {
        cal.cursor.set(day);
        cal.view.set(ViewMode::Day);
    };
    let new_on = move |day: Day| {
        cal.dialog.set(Some(OpenDialog::Event(EventDraft::New {
            start: day.to_string(),
            end: day.add_days(1).to_string(),
            all_day: true,
        })));
    };
    let week_days: Vec<Day> = (0..7)
        .map(|d| first.add_days(d))
        .filter(|d| shown(*d))
        .collect();
    view! {
        <table class="month-grid" role="grid" aria-label=i18n.tt(Key::ViewMonth)>
            <thead>
                <tr>
                    {week_days.iter().map(|day| {
                        let iso = day.weekday();
                        view! { <th scope="col">{move || weekday(i18n, iso)}</th> }
                    }).collect_view()}
                </tr>
            </thead>
            <tbody>
                {(0..6).map(|week| view! {
                    <tr>
                        {(0..7).map(|d| first.add_days(week * 7 + d)).filter(|d| shown(*d)).map(|day| {
                            let todays: Vec<Occurrence> = events.with_value(|all| {
                                all.iter().filter(|o| touches(o, day)).cloned().collect()
                            });
                            let more = hidden_on(day) + todays.len().saturating_sub(SHOWN_PER_DAY);
                            view! {
                                <td class="month-day" class:outside=day.month() != cursor.month() class:today=day == cal.today
                                    data-day=day.to_string() on:dblclick=move |_| new_on(day)>
                                    <button class="day-number" on:click=move |_| open_day(day) aria-label=move || long_day(i18n, day)>{day.day()}</button>
                                    <ul class="day-events">
                                        {todays.into_iter().take(SHOWN_PER_DAY).map(|o| view! { <EventChip occurrence=o /> }).collect_view()}
                                    </ul>
                                    {(more > 0).then(|| view! { <MoreEvents day more /> })}
                                </td>
                            }
                        }).collect_view()}
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// "+n more", and the list of every event of the day it opens over the cell: a popover like
/// the menus (a press outside or Escape closes it).
#[component]
fn MoreEvents(day: Day, more: usize) -> impl IntoView {
    let i18n = use_cal().i18n;
    let list = Popover::new();
    view! {
        <div class="more-anchor" node_ref=list.root>
            <button class="link-button more" aria-haspopup="dialog" aria-expanded=list.expanded() on:click=move |_| list.toggle()>
                {move || i18n.fill(Key::MoreEvents, &[("n", &more.to_string())])}
            </button>
            <Show when=move || list.is_open()>
                <DayPopover day list />
            </Show>
        </div>
    }
}

/// Every event of one month day, over its cell: what "+n more" hid, read when it opens (the
/// month sent only what its cells show). Focus moves in; Escape or ✕ closes it and gives focus
/// back to "+n more".
#[component]
fn DayPopover(day: Day, list: Popover) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let events = LocalResource::new(move || {
        super::api::calendar_events(
            cal.org.get_untracked(),
            ViewMode::Day.code().to_owned(),
            Some(day.to_string()),
        )
    });
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(root) = root.get() {
            let _ = root.focus();
        }
    });
    let close = move || {
        list.close();
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(more) = document()
                .query_selector(&format!(".month-day[data-day=\"{day}\"] .more"))
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = more.focus();
            }
        }
    };
    let title_id = format!("day-popover-{day}");
    let labelled_by = title_id.clone();
    view! {
        <div class="day-popover" role="dialog" aria-labelledby=labelled_by tabindex="-1" node_ref=root
            on:keydown=move |ev| if ev.key() == "Escape" { ev.stop_propagation(); close() }>
            <div class="day-popover-head">
                <h2 id=title_id>{move || long_day(i18n, day)}</h2>
                <button type="button" class="icon-button" aria-label=i18n.tt(Key::Close) title=i18n.tt(Key::Close)
                    on:click=move |_| close()>"✕"</button>
            </div>
            <Loaded resource=events let:period>
                {view! {
                    <ul class="day-events">
                        {period.events.into_iter().map(|o| view! { <EventChip occurrence=o /> }).collect_view()}
                    </ul>
                }.into_any()}
            </Loaded>
        </div>
    }
}

/// One event in a list or a month cell; opens the event dialog.
#[component]
pub fn EventChip(occurrence: Occurrence) -> impl IntoView {
    let cal = use_cal();
    let hour12 = cal.settings.get_untracked().hour12;
    let color = cal.color_of(&occurrence);
    let time = (!occurrence.all_day).then(|| time_of(&occurrence.start, hour12));
    // Holidays and birthdays are computed on the server: there is nothing stored to open.
    let computed = cal
        .calendar(&occurrence.calendar_id)
        .is_some_and(|c| c.is_computed());
    let (all_day, done, title) = (
        occurrence.all_day,
        occurrence.done,
        occurrence.title.clone(),
    );
    let is_task = occurrence.kind == ItemKind::Task;
    view! {
        <li class="event-chip" class:all-day=all_day class:done=done class:task=is_task style=format!("--event-color:{color}")>
            <button disabled=computed on:click=move |_| cal.open_event(&occurrence)>
                {is_task.then(|| view! { <TaskMark done /> })}
                {time.map(|t| view! { <span class="event-time">{t}</span> })}
                <span class="event-title">{title}</span>
            </button>
        </li>
    }
}

/// Marks a task among events: a box, ticked when done, read out as "Task".
#[component]
pub fn TaskMark(done: bool) -> impl IntoView {
    let i18n = use_cal().i18n;
    view! {
        <span class="task-mark" aria-hidden="true">{if done { "☑" } else { "☐" }}</span>
        <span class="visually-hidden">{i18n.tt(Key::Task)}</span>
    }
}
