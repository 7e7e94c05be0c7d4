//! The list views: the agenda (events by day), the trash, and the Home widget "Next events".

use super::api::{calendar_trash, next_events};
use super::month::EventChip;
use super::{use_cal, view_range};
use crate::feedback::LoadedList;
use crate::i18n::dates::{long_day, time_of};
use crate::i18n::{use_i18n, Key};
use crate::space::{org_resource, AppId, LiveWidget};
use crate::trash::TrashList;
use domain::calendar::days::Day;
use domain::calendar::month::touches;
use domain::calendar::Occurrence;
use domain::live::CollectionKind;
use leptos::prelude::*;

#[component]
pub fn AgendaView(events: Vec<Occurrence>) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let (from, to) = view_range(cal.view.get_untracked(), cal.cursor.get_untracked(), 1);
    let days: Vec<(Day, Vec<Occurrence>)> = (0..from.days_until(to))
        .map(|d| from.add_days(d))
        .map(|day| {
            (
                day,
                events
                    .iter()
                    .filter(|o| touches(o, day))
                    .cloned()
                    .collect::<Vec<_>>(),
            )
        })
        .filter(|(_, list)| !list.is_empty())
        .collect();
    if days.is_empty() {
        return view! { <p class="empty-state" role="status">{i18n.tt(Key::NoEvents)}</p> }
            .into_any();
    }
    view! {
        <div class="agenda">
            {days.into_iter().map(|(day, list)| view! {
                <section class="agenda-day" class:today=day == cal.today data-day=day.to_string()>
                    <h2>{move || long_day(i18n, day)}</h2>
                    <ul class="day-events">{list.into_iter().map(|o| view! { <EventChip occurrence=o /> }).collect_view()}</ul>
                </section>
            }).collect_view()}
        </div>
    }
    .into_any()
}

/// Deleted events and calendars of the last 30 days, each restorable.
#[component]
pub fn TrashView() -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let items = Resource::new(
        move || (cal.org.get(), cal.version.get()),
        |(org, _)| calendar_trash(org),
    );
    view! {
        <section class="trash">
            <p class="muted">{i18n.tt(Key::TrashHint)}</p>
            <TrashList items restore=Callback::new(move |(id, kind)| cal.restore(id, kind)) />
        </section>
    }
}

/// The Home widget: the next five events of the visible calendars.
///
/// Read by the browser once the page is interactive, so the space home's server render does not
/// wait for the calendars (that cost the home page about a third of its throughput).
#[component]
pub fn NextEventsWidget() -> impl IntoView {
    view! {
        <LiveWidget id="widget-next-events" title=Key::WidgetNextEvents app=AppId::Calendar link=Key::OpenCalendar>
            <NextEvents />
        </LiveWidget>
    }
}

#[component]
fn NextEvents() -> impl IntoView {
    let i18n = use_i18n();
    let next = org_resource(CollectionKind::Calendar, next_events);
    view! {
        <LoadedList resource=next empty=Key::NoUpcoming let:list>
            <ul class="next-events">
                {list.into_iter().map(|o| {
                    let day = Day::parse(&o.start).unwrap_or_default();
                    let time = (!o.all_day).then(|| time_of(&o.start, false));
                    view! {
                        <li>
                            <span class="muted">{move || long_day(i18n, day)}{time.clone().map(|t| format!(" · {t}"))}</span>
                            <span class="event-title">{o.title.clone()}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </LoadedList>
    }
}
