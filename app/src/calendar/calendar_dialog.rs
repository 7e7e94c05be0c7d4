//! Create a calendar (or subscribe to a region's public holidays), or rename and recolour one.

use super::api::save_calendar;
use super::{use_cal, HOLIDAY_COLOR, NEW_COLOR};
use crate::dialog::CancelSave;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::Key;
use crate::modal::Dialog;
use domain::calendar::CalendarView;
use leptos::prelude::*;

#[component]
pub fn CalendarDialog(calendar: Option<CalendarView>) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let editing = calendar.is_some();
    let id = calendar.as_ref().map(|c| c.id.clone());
    let name = RwSignal::new(
        calendar
            .as_ref()
            .map(|c| c.name.clone())
            .unwrap_or_default(),
    );
    let color = RwSignal::new(
        calendar
            .map(|c| c.color)
            .unwrap_or_else(|| NEW_COLOR.into()),
    );
    // "" for an ordinary calendar, else the holiday region's code.
    let region = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let close = move || cal.dialog.set(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let org = cal.org.get_untracked();
        let id = id.clone();
        let holidays = Some(region.get_untracked()).filter(|r| !r.is_empty());
        let name = match (&holidays, name.get_untracked().trim()) {
            (Some(code), "") => cal.regions.with_value(|all| {
                all.iter()
                    .find(|(c, _)| c == code)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default()
            }),
            (_, typed) => typed.to_owned(),
        };
        let color = color.get_untracked();
        leptos::task::spawn_local(async move {
            match save_calendar(org, id, name, color, holidays).await {
                Ok(_) => {
                    cal.report(Ok(()), Key::Saved);
                    cal.reload();
                    cal.dialog.set(None);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let heading = if editing {
        Key::EditCalendar
    } else {
        Key::AddCalendar
    };
    view! {
        <Dialog class="dialog" heading_id="calendar-dialog-title" title=i18n.tt(heading)
            on_close=Callback::new(move |()| close()) on_submit=Callback::new(submit)>
            {(!editing).then(|| view! {
                <label class="field">
                    <span>{i18n.tt(Key::CalendarKind)}</span>
                    <select name="holidays" on:change=move |ev| {
                        let chosen = event_target_value(&ev);
                        // Holidays get a colour of their own, unless one was picked already.
                        let picked = color.get_untracked();
                        if picked == NEW_COLOR || picked == HOLIDAY_COLOR {
                            let fresh = if chosen.is_empty() { NEW_COLOR } else { HOLIDAY_COLOR };
                            color.set(fresh.to_owned());
                        }
                        region.set(chosen);
                    }>
                        <option value="">{i18n.tt(Key::OrdinaryCalendar)}</option>
                        <optgroup label=i18n.tt(Key::PublicHolidays)>
                            {cal.regions.get_value().into_iter().map(|(code, name)| view! {
                                <option value=code.clone()>{format!("{name} ({code})")}</option>
                            }).collect_view()}
                        </optgroup>
                    </select>
                </label>
            })}
            <label class="field">
                <span>{i18n.tt(Key::ColumnName)}</span>
                <input type="text" name="name" maxlength="100" autofocus required=move || region.get().is_empty() bind:value=name />
            </label>
            <label class="field">
                <span>{i18n.tt(Key::Color)}</span>
                <input type="color" name="color" bind:value=color />
            </label>
            <FormError error />
            <CancelSave on_cancel=Callback::new(move |()| close()) />
        </Dialog>
    }
}
