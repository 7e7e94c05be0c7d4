//! Above the view: today, previous, next, the period shown, the view switcher and printing.

use super::format::{long_day, month_title};
use super::{use_cal, view_range, Dialog, ViewMode};
use crate::i18n::Key;
use leptos::prelude::*;

#[component]
pub fn Toolbar() -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let step = move |forward: bool| {
        let sign = if forward { 1 } else { -1 };
        cal.cursor.update(|day| {
            *day = match cal.view.get_untracked() {
                ViewMode::Month => day.add_months(sign),
                ViewMode::Week => day.add_days(7 * sign as i64),
                ViewMode::Day => day.add_days(sign as i64),
                _ => day.add_days(30 * sign as i64),
            }
        });
    };
    let title = move || {
        let (view, cursor) = (cal.view.get(), cal.cursor.get());
        match view {
            ViewMode::Day => long_day(i18n, cursor),
            ViewMode::Tasks | ViewMode::Trash => i18n.t(view.label()).to_owned(),
            ViewMode::Week => {
                let (from, to) = view_range(view, cursor, cal.settings.read().week_start);
                let last = to.add_days(-1);
                if from.month() == last.month() {
                    month_title(i18n, from)
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
            <Show when=move || cal.view.get().is_dated()>
                <button class="button" on:click=move |_| cal.cursor.set(cal.today)>{i18n.tt(Key::Today)}</button>
                <button class="icon-button previous" aria-label=i18n.tt(Key::Previous) title=i18n.tt(Key::Previous) on:click=move |_| step(false)>"‹"</button>
                <button class="icon-button next" aria-label=i18n.tt(Key::Next) title=i18n.tt(Key::Next) on:click=move |_| step(true)>"›"</button>
            </Show>
            <h1 class="calendar-title" aria-live="polite">{title}</h1>
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
                on:click=move |_| cal.dialog.set(Some(Dialog::Settings))>"⚙"</button>
        </div>
    }
}
