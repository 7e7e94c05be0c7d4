//! An event's summary card, what a click on an event opens first (as in Google Calendar): its
//! title, when, where and in which calendar, with edit, duplicate and delete at hand.

use super::api::delete_event;
use super::attachments::SummaryAttachments;
use super::scope_question::{Pending, ScopeQuestion};
use super::{use_cal, EventDraft, OpenDialog};
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::dates::{long_day, time_of};
use crate::i18n::{I18n, Key};
use crate::modal::Dialog;
use domain::calendar::days::Day;
use domain::calendar::{Occurrence, Scope};
use domain::trash::TrashKind;
use leptos::prelude::*;

/// When the occurrence is, in words: "Wed 17 March 2027 · 09:00 – 10:00", one day or a span.
fn when(i18n: I18n, o: &Occurrence, hour12: bool) -> String {
    let (Some(start), Some(end)) = (Day::parse(&o.start), Day::parse(&o.end)) else {
        return String::new();
    };
    if o.all_day {
        // The end is exclusive: a one-day event ends the next day.
        let last = end.add_days(-1).max(start);
        return if last == start {
            long_day(i18n, start)
        } else {
            format!("{} – {}", long_day(i18n, start), long_day(i18n, last))
        };
    }
    let (from, to) = (time_of(&o.start, hour12), time_of(&o.end, hour12));
    if start == end {
        format!("{} · {from} – {to}", long_day(i18n, start))
    } else {
        format!(
            "{} {from} – {} {to}",
            long_day(i18n, start),
            long_day(i18n, end)
        )
    }
}

/// Reports an event gone to the trash, with Undo when the whole event went (one occurrence of
/// a series is left out of it instead, which the series' form takes back).
pub fn report_deleted(cal: super::Cal, id: String, instance: Option<i64>, scope: Scope) {
    if instance.is_none() || scope == Scope::All {
        cal.report_undo(Ok(()), Key::MovedToTrash, move || {
            cal.restore(id.clone(), TrashKind::Event)
        });
    } else {
        cal.report(Ok(()), Key::MovedToTrash);
    }
}

#[component]
pub fn SummaryCard(occurrence: Occurrence) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let hour12 = cal.settings.get_untracked().hour12;
    let calendar = cal.calendar(&occurrence.calendar_id);
    let calendar_name = calendar
        .as_ref()
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let color = cal.color_of(&occurrence);
    let writable = occurrence.writable;
    let (id, instance) = (occurrence.object_id.clone(), occurrence.instance);
    let id = StoredValue::new(id);
    let error = RwSignal::new(None::<AppError>);
    let asking = RwSignal::new(None::<Pending>);
    let close = move || cal.dialog.set(None);
    let edit = move |_| {
        cal.dialog.set(Some(OpenDialog::Event(EventDraft::Existing {
            id: id.get_value(),
            instance,
        })))
    };
    let duplicate = move |_| {
        cal.dialog.set(Some(OpenDialog::Event(EventDraft::Copy {
            id: id.get_value(),
            instance,
        })))
    };
    let delete = move |_: Pending, scope: Scope| {
        let org = cal.org.get_untracked();
        leptos::task::spawn_local(async move {
            match delete_event(org, id.get_value(), instance, scope).await {
                Ok(()) => {
                    report_deleted(cal, id.get_value(), instance, scope);
                    cal.refresh();
                    cal.dialog.set(None);
                }
                Err(err) => {
                    asking.set(None);
                    error.set(Some(err));
                }
            }
        });
    };
    // An occurrence of a series asks how far the deletion reaches.
    let ask_delete = move |_| {
        if instance.is_some() {
            asking.set(Some(Pending::Delete));
        } else {
            delete(Pending::Delete, Scope::All);
        }
    };
    let title = occurrence.title.clone();
    let location = (!occurrence.location.is_empty()).then(|| occurrence.location.clone());
    view! {
        <Dialog class="dialog event-summary" heading_id="summary-title"
            title=move || view! { <span class="swatch" aria-hidden="true"></span>{title.clone()} }
            on_close=Callback::new(move |()| close()) close_button=true style=format!("--event-color:{color}")
            over=move || asking.get().map(|pending| view! { <ScopeQuestion pending run=delete asking /> })>
            <p class="summary-when">{move || when(i18n, &occurrence, hour12)}</p>
            {location.map(|place| view! {
                <p class="summary-where"><span class="visually-hidden">{i18n.tt(Key::Location)}": "</span>{place}</p>
            })}
            <p class="summary-calendar muted"><span class="visually-hidden">{i18n.tt(Key::AppCalendar)}": "</span>{calendar_name}</p>
            <SummaryAttachments object_id=id.get_value() />
            <FormError error />
            <div class="dialog-actions">
                {writable.then(|| view! {
                    <button type="button" class="button danger delete" on:click=ask_delete>{i18n.tt(Key::Delete)}</button>
                })}
                <span class="topbar-spacer"></span>
                <button type="button" class="button duplicate" on:click=duplicate>{i18n.tt(Key::Duplicate)}</button>
                <button type="button" class="button primary edit" autofocus on:click=edit>
                    {i18n.tt(if writable { Key::Edit } else { Key::Details })}
                </button>
            </div>
        </Dialog>
    }
}
