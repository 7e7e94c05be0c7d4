//! The week and day views: an hour grid per day. Dragging across empty time creates an event;
//! dragging an event moves it (across days too), dragging its lower edge resizes it.

use super::api::{load_event, save_event};
use super::month::{EventChip, TaskMark};
use super::{use_cal, view_range, Cal, EventDraft, OpenDialog, ViewMode};
use crate::i18n::dates::{clock, long_day, time_of, weekday};
use crate::i18n::Key;
use domain::calendar::days::{at_minutes, minutes_of, shift_local, Day};
use domain::calendar::month::touches;
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

/// What the grid shows first: the working day, or the current time when today is in view and
/// the working day would hide it. In minutes since the grid's first hour.
#[cfg(any(feature = "hydrate", test))]
fn opening_minute(
    settings: &domain::calendar::DisplaySettings,
    now: Option<u32>,
    visible_minutes: u32,
) -> u32 {
    let first = settings.day_start as u32 * 60;
    let work = (settings.work_start as u32 * 60).max(first);
    let start = match now {
        Some(now) if now < work || now + 60 > work + visible_minutes => now.saturating_sub(60),
        _ => work,
    };
    start.max(first) - first
}

/// Scrolls the view so the grid opens on [`opening_minute`]; false while the grid is not in
/// the page yet.
#[cfg(feature = "hydrate")]
fn open_on_hours(body: &web_sys::HtmlElement, cal: Cal, days: &[Day]) -> bool {
    let Some(scroller) = body.closest(".calendar-view").ok().flatten() else {
        return false;
    };
    let Some(top) = body
        .parent_element()
        .and_then(|grid| grid.query_selector(".grid-top").ok().flatten())
    else {
        return false;
    };
    let settings = cal.settings.get_untracked();
    let covered = top.get_bounding_client_rect().height();
    let visible = ((scroller.client_height() as f64 - covered) / HOUR_PX * 60.0).max(60.0) as u32;
    let now = Some(super::local_now(cal.utc_offset))
        .filter(|(day, _)| days.contains(day))
        .map(|(_, minute)| minute);
    let minute = opening_minute(&settings, now, visible);
    let body_at = body.get_bounding_client_rect().top() - scroller.get_bounding_client_rect().top()
        + scroller.scroll_top() as f64;
    // A little above the hour, so its label is not under the headers.
    let y = body_at - covered + minute as f64 / 60.0 * HOUR_PX - LINE_PX;
    scroller.set_scroll_top(y.max(0.0) as i32);
    true
}

#[component]
pub fn TimeGrid(events: Vec<Occurrence>, opened: StoredValue<bool>) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let settings = cal.settings.get_untracked();
    let view = cal.view.get_untracked();
    let (from, to) = view_range(view, cal.cursor.get_untracked(), settings.week_start);
    let days: Vec<Day> = (0..from.days_until(to))
        .map(|d| from.add_days(d))
        .filter(|d| view != ViewMode::Week || settings.show_weekends || d.weekday() < 6)
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
    let body = NodeRef::<leptos::html::Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let days = days.clone();
        Effect::new(move |_| {
            if let Some(body) = body.get() {
                if !opened.get_value() {
                    opened.set_value(true);
                    // Drawn in the browser (not hydrated), the grid joins the page only after
                    // this runs: then wait a frame for it.
                    let days = days.clone();
                    if !open_on_hours(&body, cal, &days) {
                        let body = send_wrapper::SendWrapper::new(body);
                        request_animation_frame(move || {
                            open_on_hours(&body, cal, &days);
                        });
                    }
                }
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = opened;
    view! {
        // Groups, not an ARIA grid: the events are the buttons to reach, each named with its
        // day and time, and a grid's rows and cells would have to be kept whole besides.
        <div class="time-grid" style=style role="group" aria-label=i18n.tt(view.label())>
            // Stays at the top of the view while the hours scroll under it.
            <div class="grid-top">
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
            </div>
            <div class="grid-body" node_ref=body>
                <div class="hours" aria-hidden="true">
                    {(first_hour..last_hour).map(|h| view! { <div class="hour-label">{clock(h * 60, settings.hour12)}</div> }).collect_view()}
                </div>
                {columns}
            </div>
        </div>
    }
}

/// Whether a click landed on an event's block (which opens the event) rather than on free time.
fn on_event(_ev: &leptos::ev::MouseEvent) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        _ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(".timed-event").ok().flatten())
            .is_some()
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

#[cfg(feature = "hydrate")]
fn column_geometry(ev: &web_sys::MouseEvent) -> Option<(f64, f64)> {
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
    let minute_at = move |_ev: &leptos::ev::MouseEvent| -> Option<i64> {
        #[cfg(feature = "hydrate")]
        {
            let (top, _) = column_geometry(_ev)?;
            let y = _ev.client_y() as f64 - top;
            Some(snap(y / HOUR_PX * 60.0 + offset).clamp(0, 24 * 60))
        }
        #[cfg(not(feature = "hydrate"))]
        None
    };
    // A finger scrolls the hours, so it does not drag out an event: a tap makes an hour-long
    // one instead (on click, which a scroll never sends).
    let tapped = StoredValue::new(false);
    let open_new = move |from: i64, to: i64| {
        cal.dialog.set(Some(OpenDialog::Event(EventDraft::New {
            start: at_minutes(day, from as u32),
            end: at_minutes(day, to.min(24 * 60) as u32),
            all_day: false,
        })));
    };
    let tap = move |ev: leptos::ev::MouseEvent| {
        if !tapped.get_value() || on_event(&ev) {
            return;
        }
        tapped.set_value(false);
        if let Some(at) = minute_at(&ev) {
            let from = at / 60 * 60;
            open_new(from, from + 60);
        }
    };
    let down = move |ev: leptos::ev::PointerEvent| {
        tapped.set_value(ev.pointer_type() == "touch");
        if ev.button() != 0 || tapped.get_value() {
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
        open_new(lo, hi);
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
    let now_line = move || {
        let (today, minute) = cal.now.get()?;
        let shown = today == day && (offset as u32..=(first_hour + hours) * 60).contains(&minute);
        let top = (minute as f64 - offset) / 60.0 * HOUR_PX;
        shown.then(|| view! { <div class="now-line" style=format!("top:{top}px") aria-hidden="true"></div> })
    };
    view! {
        <div class="day-column" class:today=day == cal.today data-day=day.to_string() role="group"
            aria-label=move || long_day(cal.i18n, day)
            on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointercancel=move |_| { drag.set(None); tapped.set_value(false); } on:click=tap>
            {work}
            {list.into_iter().enumerate().map(|(i, p)| view! { <TimedEvent placed=p index=first + i offset drag /> }).collect_view()}
            {preview}
            {now_line}
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
    // In the order shown, so what is read out is what is seen.
    let label = format!("{} {}", o.title, time_of(&o.start, hour12));
    view! {
        // Title first, as people scan by what, not when; a block too low for two lines puts the
        // time beside the title.
        <div class="timed-event" class:short=height < 2.0 * LINE_PX
            class:dragging=move || matches!(drag.get(), Some(Drag::Move { index: i, .. }) if i == index)
            style=style role="button" tabindex="0" aria-label=label
            on:pointerdown=move |ev| start(&ev, false) on:pointermove=follow on:pointerup=drop
            on:pointercancel=move |_| drag.set(None)
            on:keydown=move |ev| if ev.key() == "Enter" {
                // Else the key goes on to the card's button that takes the focus.
                ev.prevent_default();
                occurrence.with_value(|o| cal.open_event(o))
            }>
            {(o.kind == ItemKind::Task).then(|| view! { <TaskMark done=o.done /> })}
            <span class="event-title">{o.title.clone()}</span>" "
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
            save_event(org, Some(o.object_id.clone()), o.instance, scope, event)
                .await
                .map(|_| ())
        }
        .await;
        cal.report_undo(result, Key::Saved, move || {
            reschedule(cal, o.clone(), -start_by, -end_by)
        });
        cal.refresh();
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::calendar::DisplaySettings;

    fn settings(day_start: u8, work_start: u8) -> DisplaySettings {
        DisplaySettings {
            day_start,
            work_start,
            ..DisplaySettings::default()
        }
    }

    #[test]
    fn the_grid_opens_on_the_working_day() {
        assert_eq!(opening_minute(&settings(0, 8), None, 600), 8 * 60);
        assert_eq!(opening_minute(&settings(7, 8), None, 600), 60);
        assert_eq!(opening_minute(&settings(0, 8), Some(10 * 60), 600), 8 * 60);
    }

    #[test]
    fn the_grid_opens_on_now_when_the_working_day_would_hide_it() {
        assert_eq!(opening_minute(&settings(0, 8), Some(21 * 60), 600), 20 * 60);
        assert_eq!(opening_minute(&settings(0, 8), Some(6 * 60), 600), 5 * 60);
        assert_eq!(opening_minute(&settings(6, 8), Some(30), 600), 0);
    }
}
