//! What the calendar's form dialogs share: the calendar picker and the edit actions.

use super::use_cal;
use crate::i18n::Key;
use leptos::prelude::*;

/// The calendars an item may go into: those that take events, and the one it is in now.
#[component]
pub fn CalendarSelect(selected: RwSignal<String>) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let calendars = move || {
        cal.calendars.with(|all| {
            all.iter()
                .filter(|c| c.takes_events() || c.id == selected.get_untracked())
                .map(|c| (c.id.clone(), c.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <label class="field">
            <span>{i18n.tt(Key::AppCalendar)}</span>
            <select name="calendar" prop:value=move || selected.get() on:change=move |ev| selected.set(event_target_value(&ev))>
                {move || calendars().into_iter().map(|(id, name)| {
                    let chosen = id == selected.get_untracked();
                    view! { <option value=id selected=chosen>{name}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

/// Delete (for a stored item one may change), Cancel, and Save (when one may change it).
#[component]
pub fn EditActions(
    writable: bool,
    stored: bool,
    busy: RwSignal<bool>,
    on_delete: impl Fn() + Send + Sync + 'static,
) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    view! {
        <div class="dialog-actions">
            {(writable && stored).then(|| view! {
                <button type="button" class="button danger" on:click=move |_| on_delete()>{i18n.tt(Key::Delete)}</button>
            })}
            <span class="topbar-spacer"></span>
            <button type="button" class="button" on:click=move |_| cal.dialog.set(None)>{i18n.tt(Key::Cancel)}</button>
            {writable.then(|| view! {
                <button type="submit" class="button primary" disabled=move || busy.get()>{i18n.tt(Key::Save)}</button>
            })}
        </div>
    }
}
