//! The week and day views: an hour grid per day. Dragging across empty time creates an event;
//! dragging an event moves it (across days too), dragging its lower edge resizes it.

use super::api::{load_event, save_event};
use super::format::{clock, long_day, time_of, weekday};
use super::month::{touches, EventChip, TaskMark};
use super::{use_cal, view_range, Cal, Dialog, EventDraft, ViewMode};
use crate::i18n::Key;
use domain::calendar::days::{at_minutes, minutes_of, shift_local, Day};
use domain::calendar::{ItemKind, Occurrence, Scope};
use leptos::prelude::*;

/// Height of one hour, as in the stylesheet (`--hour`).
const HOUR_PX: f64 = 48.0;
/// The height of one line of text in an event block (0.78rem at 15 px, with its padding).
const LINE_PX: f64 = 18.0;
/// Drags snap to quarter hours.
const SNAP: i64 = 15;
/// A pointer that moved less than this (px) clicked rather than dragged.
const CLICK_SLOP: f64 = 4.0;

/// One timed occurrence as drawn in a day column.
#[derive(Clone)]
struct Placed {
    occurrence: Occurrence,
    /// Minutes since the day's midnight, clipped to the day.
    top: u32,
    bottom: u32,
    lane: usize,
    lanes: usize,
}

/// Places the day's timed occurrences side by side where they overlap.
fn place(events: &[Occurrence], day: Day) -> Vec<Placed> {
    let mut placed: Vec<Placed> = events
        .iter()
        .filter(|o| !o.all_day && touches(o, day))
        .map(|o| {
            let top = if Day::parse(&o.start) == Some(day) {
                minutes_of(&o.start)
            } else {
                0
            };
            let bottom = if Day::parse(&o.end) == Some(day) {
                minutes_of(&o.end)
            } else {
                24 * 60
            };
            Placed {
                occurrence: o.clone(),
                top,
                bottom: bottom.max(top + SNAP as u32),
                lane: 0,
                lanes: 1,
            }
        })
        .collect();
    placed.sort_by_key(|p| (p.top, std::cmp::Reverse(p.bottom)));
    let mut cluster_start = 0;
    let mut cluster_end = 0;
    let mut lane_ends: Vec<u32> = Vec::new();
    for i in 0..placed.len() {
        if placed[i].top >= cluster_end {
            finish_cluster(&mut placed[cluster_start..i], lane_ends.len());
            cluster_start = i;
            lane_ends.clear();
        }
        let lane = match lane_ends.iter().position(|end| *end <= placed[i].top) {
            Some(free) => free,
            None => {
                lane_ends.push(0);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = placed[i].bottom;
        placed[i].lane = lane;
        cluster_end = cluster_end.max(placed[i].bottom);
    }
    let lanes = lane_ends.len();
    finish_cluster(&mut placed[cluster_start..], lanes);
    placed
}

fn finish_cluster(cluster: &mut [Placed], lanes: usize) {
    for p in cluster {
        p.lanes = lanes.max(1);
    }
}

fn snap(minutes: f64) -> i64 {
    ((minutes / SNAP as f64).round() as i64) * SNAP
}

/// A drag in progress over the grid.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Drag {
    /// Across empty time in one day: from and to, minutes since midnight.
    Create { day: Day, from: i64, to: i64 },
    /// An event's block: how far it has moved (or, resizing, grown).
    Move {
        index: usize,
        resize: bool,
        x: f64,
        y: f64,
        column_px: f64,
        minutes: i64,
        days: i64,
        moved: bool,
    },
}

#[component]
pub fn TimeGrid(events: Vec<Occurrence>) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let settings = cal.settings.get_untracked();
    let view = cal.view.get_untracked();
    let (from, to) = view_range(view, cal.cursor.get_untracked(), settings.week_start);
    let days: Vec<Day> = (0..from.days_until(to))
        .map(|d| from.add_days(d))
        .filter(|d| view == ViewMode::Day || settings.show_weekends || d.weekday() < 6)
        .collect();
    let (first_hour, last_hour) = (settings.day_start as u32, settings.day_end as u32);
    let hours = last_hour - first_hour;
    let all_day: Vec<(Day, Vec<Occurrence>)> = days
        .iter()
        .map(|day| {
            let list = events
                .iter()
                .filter(|o| o.all_day && touches(o, *day))
                .cloned()
                .collect();
            (*day, list)
        })
        .collect();
    let placed: Vec<(Day, Vec<Placed>)> = days.iter().map(|d| (*d, place(&events, *d))).collect();
    let drag = RwSignal::new(None::<Drag>);
    let mut index = 0;
    let columns = placed
        .into_iter()
        .map(|(day, list)| {
            let first = index;
            index += list.len();
            view! { <DayColumn day list first first_hour hours drag /> }
        })
        .collect_view();
    let style = format!("--hours:{hours};--days:{}", days.len());
    view! {
        // Groups, not an ARIA grid: the events are the buttons to reach, each named with its
        // day and time, and a grid's rows and cells would have to be kept whole besides.
        <div class="time-grid" style=style role="group" aria-label=i18n.tt(view.label())>
            <div class="grid-head">
                <div class="gutter"></div>
                {days.iter().map(|day| {
                    let day = *day;
                    view! {
                        <div class="col-head" class:today=day == cal.today data-day=day.to_string()>
                            <span>{move || weekday(i18n, day.weekday())}</span>
                            <button class="day-number" on:click=move |_| { cal.cursor.set(day); cal.view.set(ViewMode::Day); }>{day.day()}</button>
                        </div>
                    }
                }).collect_view()}
            </div>
            <div class="all-day-row">
                <div class="gutter">{i18n.tt(Key::AllDay)}</div>
                {all_day.into_iter().map(|(_, list)| view! {
                    <ul class="day-events">{list.into_iter().map(|o| view! { <EventChip occurrence=o /> }).collect_view()}</ul>
                }).collect_view()}
            </div>
            <div class="grid-body">
                <div class="hours" aria-hidden="true">
                    {(first_hour..last_hour).map(|h| view! { <div class="hour-label">{clock(h * 60, settings.hour12)}</div> }).collect_view()}
                </div>
                {columns}
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
fn column_geometry(ev: &web_sys::PointerEvent) -> Option<(f64, f64)> {
    use wasm_bindgen::JsCast;
    let target = ev.current_target()?.dyn_into::<web_sys::Element>().ok()?;
    let rect = target.get_bounding_client_rect();
    Some((rect.top(), rect.width()))
}

#[component]
fn DayColumn(
    day: Day,
    list: Vec<Placed>,
    first: usize,
    first_hour: u32,
    hours: u32,
    drag: RwSignal<Option<Drag>>,
) -> impl IntoView {
    let cal = use_cal();
    let settings = cal.settings.get_untracked();
    let offset = first_hour as f64 * 60.0;
    let minute_at = move |_ev: &leptos::ev::PointerEvent| -> Option<i64> {
        #[cfg(feature = "hydrate")]
        {
            let (top, _) = column_geometry(_ev)?;
            let y = _ev.client_y() as f64 - top;
            Some(snap(y / HOUR_PX * 60.0 + offset).clamp(0, 24 * 60))
        }
        #[cfg(not(feature = "hydrate"))]
        None
    };
    let down = move |ev: leptos::ev::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let Some(at) = minute_at(&ev) else { return };
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(el) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
        }
        ev.prevent_default();
        drag.set(Some(Drag::Create {
            day,
            from: at,
            to: at,
        }));
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        if let Some(Drag::Create { day: d, from, .. }) = drag.get_untracked() {
            if d == day {
                if let Some(at) = minute_at(&ev) {
                    drag.set(Some(Drag::Create { day, from, to: at }));
                }
            }
        }
    };
    let up = move |_| {
        let Some(Drag::Create { day: d, from, to }) = drag.get_untracked() else {
            return;
        };
        drag.set(None);
        if d != day {
            return;
        }
        let (lo, mut hi) = (from.min(to), from.max(to));
        if hi - lo < SNAP {
            hi = lo + 60;
        }
        cal.dialog.set(Some(Dialog::Event(EventDraft::New {
            start: at_minutes(day, lo as u32),
            end: at_minutes(day, hi.min(24 * 60) as u32),
            all_day: false,
        })));
    };
    let preview = move || match drag.get() {
        Some(Drag::Create { day: d, from, to }) if d == day && from != to => {
            let (lo, hi) = (from.min(to), from.max(to));
            let top = (lo as f64 - offset) / 60.0 * HOUR_PX;
            let height = (hi - lo) as f64 / 60.0 * HOUR_PX;
            let label = format!(
                "{} – {}",
                clock(lo as u32, settings.hour12),
                clock(hi as u32, settings.hour12)
            );
            Some(
                view! { <div class="drag-preview" style=format!("top:{top}px;height:{height}px")>{label}</div> },
            )
        }
        _ => None,
    };
    let work = {
        let (ws, we) = (settings.work_start as f64, settings.work_end as f64);
        let top = (ws - first_hour as f64).max(0.0) * HOUR_PX;
        let height =
            (we.min((first_hour + hours) as f64) - ws.max(first_hour as f64)).max(0.0) * HOUR_PX;
        let working_day = day.weekday() < 6;
        working_day.then(|| view! { <div class="work-hours" style=format!("top:{top}px;height:{height}px")></div> })
    };
    view! {
        <div class="day-column" class:today=day == cal.today data-day=day.to_string() role="group"
            aria-label=move || long_day(cal.i18n, day)
            on:pointerdown=down on:pointermove=moved on:pointerup=up>
            {work}
            {list.into_iter().enumerate().map(|(i, p)| view! { <TimedEvent placed=p index=first + i offset drag /> }).collect_view()}
            {preview}
        </div>
    }
}

#[component]
fn TimedEvent(
    placed: Placed,
    index: usize,
    offset: f64,
    drag: RwSignal<Option<Drag>>,
) -> impl IntoView {
    let cal = use_cal();
    let hour12 = cal.settings.get_untracked().hour12;
    let o = placed.occurrence.clone();
    let occurrence = StoredValue::new(placed.occurrence);
    let writable = o.writable;
    let color = cal.color_of(&o);
    let top = (placed.top as f64 - offset) / 60.0 * HOUR_PX;
    let height = (placed.bottom - placed.top) as f64 / 60.0 * HOUR_PX;
    let width = 100.0 / placed.lanes as f64;
    let left = width * placed.lane as f64;
    let style = move || {
        let (dy, dh, dx) = match drag.get() {
            Some(Drag::Move {
                index: i,
                resize,
                minutes,
                days,
                column_px,
                ..
            }) if i == index => {
                let px = minutes as f64 / 60.0 * HOUR_PX;
                if resize {
                    (0.0, px, 0.0)
                } else {
                    (px, 0.0, days as f64 * column_px)
                }
            }
            _ => (0.0, 0.0, 0.0),
        };
        format!(
            "top:{}px;height:{}px;left:{left}%;width:{width}%;--event-color:{color};transform:translateX({dx}px)",
            top + dy,
            (height + dh).max(HOUR_PX / 4.0)
        )
    };
    let start = move |ev: &leptos::ev::PointerEvent, resize: bool| {
        ev.stop_propagation();
        if ev.button() != 0 {
            return;
        }
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let column_px = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| el.closest(".day-column").ok().flatten())
                .map(|c| c.get_bounding_client_rect().width())
                .unwrap_or(1.0);
            if let Some(el) = ev
                .current_target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
            drag.set(Some(Drag::Move {
                index,
                resize,
                x: ev.client_x() as f64,
                y: ev.client_y() as f64,
                column_px,
                minutes: 0,
                days: 0,
                moved: false,
            }));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = resize;
    };
    let follow = move |ev: leptos::ev::PointerEvent| {
        if let Some(Drag::Move {
            index: i,
            resize,
            x,
            y,
            column_px,
            ..
        }) = drag.get_untracked()
        {
            if i != index || !writable {
                return;
            }
            let (dx, dy) = (ev.client_x() as f64 - x, ev.client_y() as f64 - y);
            let moved = dx.abs() > CLICK_SLOP || dy.abs() > CLICK_SLOP;
            let days = if resize {
                0
            } else {
                (dx / column_px.max(1.0)).round() as i64
            };
            drag.set(Some(Drag::Move {
                index,
                resize,
                x,
                y,
                column_px,
                minutes: snap(dy / HOUR_PX * 60.0),
                days,
                moved,
            }));
        }
    };
    let drop = move |_| {
        let Some(Drag::Move {
            index: i,
            resize,
            minutes,
            days,
            moved,
            ..
        }) = drag.get_untracked()
        else {
            return;
        };
        drag.set(None);
        if i != index {
            return;
        }
        let o = occurrence.get_value();
        if !moved {
            cal.open_event(&o);
        } else if writable && (minutes != 0 || days != 0) {
            let shift = minutes + days * 24 * 60;
            reschedule(cal, o, if resize { 0 } else { shift }, shift);
        }
    };
    let label = format!("{} {}", time_of(&o.start, hour12), o.title);
    view! {
        // Title first, as people scan by what, not when; a block too low for two lines puts the
        // time beside the title.
        <div class="timed-event" class:short=height < 2.0 * LINE_PX
            class:dragging=move || matches!(drag.get(), Some(Drag::Move { index: i, .. }) if i == index)
            style=style role="button" tabindex="0" aria-label=label
            on:pointerdown=move |ev| start(&ev, false) on:pointermove=follow on:pointerup=drop
            on:keydown=move |ev| if ev.key() == "Enter" { occurrence.with_value(|o| cal.open_event(o)) }>
            {(o.kind == ItemKind::Task).then(|| view! { <TaskMark done=o.done /> })}
            <span class="event-title">{o.title.clone()}</span>
            <span class="event-time">{time_of(&o.start, hour12)}</span>
            {writable.then(|| view! {
                <span class="resize-handle" aria-hidden="true"
                    on:pointerdown=move |ev| start(&ev, true) on:pointermove=follow on:pointerup=drop></span>
            })}
        </div>
    }
}

/// Saves a dragged event: its start moved by `start_by` minutes and its end by `end_by`. One
/// occurrence of a series moves alone, as a drag in other calendars does.
fn reschedule(cal: Cal, o: Occurrence, start_by: i64, end_by: i64) {
    let org = cal.org.get_untracked();
    leptos::task::spawn_local(async move {
        let result = async {
            let detail = load_event(org.clone(), o.object_id.clone(), o.instance).await?;
            let mut event = detail.event;
            event.start = shift_local(&event.start, start_by).unwrap_or(event.start);
            event.end = shift_local(&event.end, end_by).unwrap_or(event.end);
            if o.instance.is_some() {
                event.recurrence = None;
            }
            let scope = if o.instance.is_some() {
                Scope::This
            } else {
                Scope::All
            };
            save_event(org, Some(o.object_id), o.instance, scope, event)
                .await
                .map(|_| ())
        }
        .await;
        cal.report(result, Key::Saved);
        cal.refresh();
    });
}
