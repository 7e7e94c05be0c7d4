//! The member's display settings: first day of the week, visible and working hours, weekends
//! and the clock.

use super::api::save_settings;
use super::use_cal;
use crate::dialog::CancelSave;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::Key;
use crate::modal::Dialog;
use leptos::prelude::*;

#[component]
pub fn SettingsDialog() -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let draft = RwSignal::new(cal.settings.get_untracked());
    let error = RwSignal::new(None::<AppError>);
    let close = move || cal.dialog.set(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let org = cal.org.get_untracked();
        let settings = draft.get_untracked();
        leptos::task::spawn_local(async move {
            match save_settings(org, settings.clone()).await {
                Ok(()) => {
                    cal.settings.set(settings);
                    cal.refresh();
                    cal.report(Ok(()), Key::Saved);
                    cal.dialog.set(None);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let hour_select =
        move |label: Key,
              name: &'static str,
              get: fn(&domain::calendar::DisplaySettings) -> u8,
              set: fn(&mut domain::calendar::DisplaySettings, u8)| {
            view! {
                <label class="field">
                    <span>{i18n.tt(label)}</span>
                    <select name=name on:change=move |ev| {
                        if let Ok(h) = event_target_value(&ev).parse() { draft.update(|s| set(s, h)); }
                    }>
                        {(0..=24u8).map(|h| view! {
                            <option value=h.to_string() selected=move || get(&draft.read()) == h>{format!("{h:02}:00")}</option>
                        }).collect_view()}
                    </select>
                </label>
            }
        };
    view! {
        <Dialog class="dialog settings-dialog" heading_id="settings-title" title=i18n.tt(Key::DisplaySettings)
            on_close=Callback::new(move |()| close()) on_submit=Callback::new(submit)>
            <label class="field">
                <span>{i18n.tt(Key::WeekStartsOn)}</span>
                <select name="week_start" on:change=move |ev| {
                    if let Ok(d) = event_target_value(&ev).parse() { draft.update(|s| s.week_start = d); }
                }>
                    {[1u8, 6, 7].into_iter().map(|d| view! {
                        <option value=d.to_string() selected=move || draft.read().week_start == d>{move || crate::i18n::dates::weekday(i18n, d)}</option>
                    }).collect_view()}
                </select>
            </label>
            <div class="field-row">
                {hour_select(Key::DayStarts, "day_start", |s| s.day_start, |s, h| s.day_start = h)}
                {hour_select(Key::DayEnds, "day_end", |s| s.day_end, |s, h| s.day_end = h)}
            </div>
            <div class="field-row">
                {hour_select(Key::WorkStarts, "work_start", |s| s.work_start, |s, h| s.work_start = h)}
                {hour_select(Key::WorkEnds, "work_end", |s| s.work_end, |s, h| s.work_end = h)}
            </div>
            <label class="check">
                <input type="checkbox" name="show_weekends" prop:checked=move || draft.read().show_weekends
                    on:change=move |ev| draft.update(|s| s.show_weekends = event_target_checked(&ev)) />
                {i18n.tt(Key::ShowWeekends)}
            </label>
            <label class="check">
                <input type="checkbox" name="hour12" prop:checked=move || draft.read().hour12
                    on:change=move |ev| draft.update(|s| s.hour12 = event_target_checked(&ev)) />
                {i18n.tt(Key::Clock12h)}
            </label>
            <p class="muted">{move || i18n.fill(Key::TimeZoneFromProfile, &[("name", &cal.time_zone.get_value())])}</p>
            <FormError error />
            <CancelSave on_cancel=Callback::new(move |()| close()) />
        </Dialog>
    }
}
