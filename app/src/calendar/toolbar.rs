//! Above the view: today, previous, next, the period shown, the view switcher and printing.

use super::{use_cal, view_range, OpenDialog, ViewMode};
use crate::i18n::dates::{long_day, month, month_title};
use crate::i18n::Key;
use leptos::prelude::*;

/// Opens or closes the calendars' drawer from the keyboard or its button: focus moves into
/// it, to its first button, and back to the button when it closes.
pub fn open_drawer(cal: super::Cal, open: bool) {
    cal.drawer.set(open);
    #[cfg(feature = "hydrate")]
    {
        let target = if open {
            "#calendar-drawer button"
        } else {
            ".calendars-toggle"
        };
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            if let Some(first) = document()
                .query_selector(target)
                .ok()
                .flatten()
                .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = first.focus();
            }
        });
    }
}

#[component]
pub fn Toolbar() -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let title = move || {
        let (view, cursor) = (cal.view.get(), cal.cursor.get());
        match view {
            ViewMode::Day => long_day(i18n, cursor),
            ViewMode::Tasks | ViewMode::Trash => i18n.t(view.label()).to_owned(),
            ViewMode::Week | ViewMode::ThreeDays => {
                let (from, to) = view_range(view, cursor, cal.settings.read().week_start);
                let last = to.add_days(-1);
                if from.month() == last.month() {
                    month_title(i18n, from)
                } else if from.year() == last.year() {
                    // "November – December 2026": the year once, so the toolbar keeps one row.
                    format!(
                        "{} – {}",
                        month(i18n, from.month()),
                        month_title(i18n, last)
                    )
                } else {
                    format!("{} – {}", month_title(i18n, from), month_title(i18n, last))
                }
            }
            _ => month_title(i18n, cursor),
        }
    };
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    };
    view! {
        <div class="calendar-toolbar" role="toolbar" aria-label=i18n.tt(Key::CalendarNavigation)>
            <button type="button" class="icon-button calendars-toggle drawer-toggle" aria-controls="calendar-drawer"
                aria-label=i18n.tt(Key::MyCalendars) title=i18n.tt(Key::MyCalendars)
                aria-expanded=move || if cal.drawer.get() { "true" } else { "false" }
                on:click=move |ev| { ev.stop_propagation(); open_drawer(cal, !cal.drawer.get_untracked()) }>"☰"</button>
            <Show when=move || cal.view.get().is_dated()>
                <button class="button" on:click=move |_| cal.cursor.set(cal.today)>{i18n.tt(Key::Today)}</button>
                <button class="icon-button previous" aria-label=i18n.tt(Key::Previous) title=i18n.tt(Key::Previous) on:click=move |_| cal.step(false)>"‹"</button>
                <button class="icon-button next" aria-label=i18n.tt(Key::Next) title=i18n.tt(Key::Next) on:click=move |_| cal.step(true)>"›"</button>
            </Show>
            <h1 class="calendar-title" aria-live="polite" title=title>{title}</h1>
            <span class="topbar-spacer"></span>
            <div class="segmented" role="group" aria-label=i18n.tt(Key::CalendarView)>
                {ViewMode::SWITCHABLE
                    .into_iter()
                    .map(|mode| {
                        let pressed = move || (cal.view.get() == mode).to_string();
                        view! {
                            <button data-view=mode.code() aria-pressed=pressed on:click=move |_| cal.view.set(mode)>
                                {i18n.tt(mode.label())}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
            <button class="button print" on:click=print>{i18n.tt(Key::Print)}</button>
            <button class="icon-button settings" aria-label=i18n.tt(Key::DisplaySettings) title=i18n.tt(Key::DisplaySettings)
                on:click=move |_| cal.dialog.set(Some(OpenDialog::Settings))>"⚙"</button>
        </div>
    }
}
