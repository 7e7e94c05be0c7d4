//! A month of days to pick one from: the Calendar's mini-month and the date fields' picker.

use crate::i18n::dates::{long_day, month_title, weekday};
use crate::i18n::{use_i18n, Key};
use domain::calendar::days::Day;
use leptos::prelude::*;

/// Six weeks from the week of `shown`'s first day, with arrows to the months beside it.
#[component]
pub fn MonthGrid(
    /// The month shown (any of its days); the arrows move it.
    shown: RwSignal<Day>,
    /// The first day of the week, ISO (1 = Monday).
    #[prop(into)]
    week_start: Signal<u8>,
    today: Day,
    #[prop(into)] selected: Signal<Option<Day>>,
    on_pick: Callback<Day>,
) -> impl IntoView {
    let i18n = use_i18n();
    let weeks = move || {
        let first = shown.get().month_start().week_start(week_start.get());
        (0..6)
            .map(|w| {
                (0..7)
                    .map(|d| first.add_days(w * 7 + d))
                    .collect::<Vec<Day>>()
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="mini-month">
            <div class="mini-month-head">
                <button type="button" class="icon-button" aria-label=i18n.tt(Key::PreviousMonth)
                    on:click=move |_| shown.update(|d| *d = d.month_start().add_months(-1))>"‹"</button>
                <span>{move || month_title(i18n, shown.get())}</span>
                <button type="button" class="icon-button" aria-label=i18n.tt(Key::NextMonth)
                    on:click=move |_| shown.update(|d| *d = d.month_start().add_months(1))>"›"</button>
            </div>
            <table role="grid">
                <thead>
                    <tr>
                        {move || (0..7).map(|i| {
                            let iso = ((week_start.get() as i64 - 1 + i).rem_euclid(7) + 1) as u8;
                            view! { <th scope="col">{weekday(i18n, iso).chars().next().map(String::from)}</th> }
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {move || weeks().into_iter().map(|week| view! {
                        <tr>
                            {week.into_iter().map(|day| {
                                let outside = day.month() != shown.get_untracked().month();
                                view! {
                                    <td>
                                        <button type="button" class="mini-day" class:outside=outside class:today=day == today
                                            class:selected=move || selected.get() == Some(day)
                                            aria-label=move || long_day(i18n, day) data-day=day.to_string()
                                            on:click=move |_| on_pick.run(day)>
                                            {day.day()}
                                        </button>
                                    </td>
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
