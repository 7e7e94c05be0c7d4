//! Date and time fields in the member's language and clock, never the browser's (see
//! `domain::date_entry`): a text field that shows "17.03.2027" or "9:30 PM", reads what is typed
//! leniently and keeps ISO text; a date field also opens a month to pick a day from. A field
//! that holds something unreadable says so and keeps its form from being sent.

use crate::i18n::{use_i18n, Key};
use crate::month_grid::MonthGrid;
use crate::popover::Popover;
use domain::calendar::days::Day;
use domain::date_entry::{
    clock, date_pattern, format_birthday, format_date, parse_birthday, parse_date, parse_time,
    time_value,
};
use leptos::html::Input;
use leptos::prelude::*;

/// The browser's own message for a field, which keeps its form from being sent ("" clears it).
fn set_validity(input: NodeRef<Input>, message: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(input) = input.get_untracked() {
        input.set_custom_validity(message);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (input, message);
}

/// The member's local day, for the picker's "today" (it only opens in the browser).
fn today() -> Day {
    #[cfg(feature = "hydrate")]
    {
        let now = js_sys::Date::new_0();
        Day::from_ymd(
            now.get_full_year() as i32,
            now.get_month() + 1,
            now.get_date(),
        )
        .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    Day::default()
}

/// A date field. `value` is the date as "YYYY-MM-DD" ("" for none); `on_change` receives each
/// valid date typed or picked. With `no_year`, a day and month alone is valid too (a
/// birthday, kept as "--MM-DD").
#[component]
pub fn DateInput(
    name: &'static str,
    #[prop(into)] value: Signal<String>,
    on_change: Callback<String>,
    #[prop(optional)] required: bool,
    #[prop(optional)] no_year: bool,
    /// The field's name for screen readers, when no visible label wraps it.
    #[prop(optional, into)]
    aria_label: Option<Signal<&'static str>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let input = NodeRef::<Input>::new();
    let locale = i18n.locale;
    let shown = move |stored: &str| match no_year {
        true => format_birthday(stored, locale.get()),
        false => Day::parse(stored).map_or_else(String::new, |d| format_date(d, locale.get())),
    };
    let read = move |typed: &str| match no_year {
        true => parse_birthday(typed),
        false => parse_date(typed).map(|d| d.to_string()),
    };
    let text = RwSignal::new(shown(&value.get_untracked()));
    let invalid = RwSignal::new(false);
    // A change from outside (the end moving with the start) shows at once; what is being typed
    // stays as typed.
    Effect::new(move |_| {
        let stored = value.get();
        if read(&text.get_untracked()).as_deref() != Some(stored.as_str()) {
            text.set(shown(&stored));
            invalid.set(false);
            set_validity(input, "");
        }
    });
    Effect::watch(
        move || locale.get(),
        move |_, _, _| text.set(shown(&value.get_untracked())),
        false,
    );
    // While typing (`settle` false) the text stays as typed; once the field is left, a date
    // that reads is shown in the language's form.
    let check = move |typed: String, settle: bool| {
        let parsed = read(&typed);
        if !settle {
            text.set(typed.clone());
        }
        let empty = typed.trim().is_empty();
        let bad = parsed.is_none() && !empty;
        invalid.set(bad);
        let message = if bad {
            i18n.fill(
                Key::DateLike,
                &[("pattern", date_pattern(locale.get_untracked()))],
            )
        } else {
            String::new()
        };
        set_validity(input, &message);
        match parsed {
            Some(iso) => {
                if settle {
                    text.set(shown(&iso));
                }
                if iso != value.get_untracked() {
                    on_change.run(iso);
                }
            }
            None if empty && !required => on_change.run(String::new()),
            None => {}
        }
    };
    let picker = Popover::new();
    let month = RwSignal::new(Day::default());
    let open_picker = move |_| {
        let at = Day::parse(&value.get_untracked()).unwrap_or_else(today);
        month.set(at);
        picker.toggle();
    };
    let pick = Callback::new(move |day: Day| {
        picker.close();
        let iso = day.to_string();
        text.set(shown(&iso));
        invalid.set(false);
        set_validity(input, "");
        on_change.run(iso);
        if let Some(input) = input.get_untracked() {
            let _ = input.focus();
        }
    });
    let selected = Signal::derive(move || Day::parse(&value.get()));
    view! {
        // Escape closes the month, and only it: the dialog around the field stays open.
        <div class="date-input" node_ref=picker.root on:keydown=move |ev: leptos::ev::KeyboardEvent| {
            if ev.key() == "Escape" && picker.open.get_untracked() {
                ev.stop_propagation();
                ev.prevent_default();
                picker.close();
                if let Some(input) = input.get_untracked() {
                    let _ = input.focus();
                }
            }
        }>
            <input type="text" name=name node_ref=input required=required autocomplete="off"
                aria-label=aria_label.map(|l| move || l.get())
                aria-invalid=move || invalid.get().then_some("true")
                placeholder=move || date_pattern(locale.get())
                prop:value=move || text.get()
                on:input=move |ev| check(event_target_value(&ev), false)
                on:change=move |ev| check(event_target_value(&ev), true) />
            <button type="button" class="icon-button pick-date" aria-haspopup="dialog"
                aria-expanded=picker.expanded() aria-label=i18n.tt(Key::PickDate) title=i18n.tt(Key::PickDate)
                on:click=open_picker>
                <span aria-hidden="true">"▦"</span>
            </button>
            <Show when=move || picker.is_open()>
                <div class="date-picker" role="dialog" aria-label=i18n.tt(Key::PickDate)>
                    <MonthGrid shown=month week_start=1u8 today=today() selected on_pick=pick />
                </div>
            </Show>
        </div>
    }
}

/// Every half hour of the day, as suggestions under a time field.
fn half_hours(hour12: bool) -> impl Iterator<Item = String> {
    (0..48).map(move |i| clock(i * 30, hour12))
}

/// A time field: `value` is "HH:MM"; it shows and reads the member's 12- or 24-hour clock, and
/// suggests every half hour.
#[component]
pub fn TimeInput(name: &'static str, value: RwSignal<String>, hour12: bool) -> impl IntoView {
    let i18n = use_i18n();
    let input = NodeRef::<Input>::new();
    let shown = move |stored: &str| {
        parse_time(stored).map_or_else(|| stored.to_owned(), |m| clock(m, hour12))
    };
    let text = RwSignal::new(shown(&value.get_untracked()));
    let invalid = RwSignal::new(false);
    Effect::new(move |_| {
        let stored = value.get();
        let typed = parse_time(&text.get_untracked()).map(time_value);
        if typed.as_deref() != Some(stored.as_str()) {
            text.set(shown(&stored));
            invalid.set(false);
            set_validity(input, "");
        }
    });
    let check = move |typed: String, settle: bool| {
        let parsed = parse_time(&typed);
        if !settle {
            text.set(typed);
        }
        invalid.set(parsed.is_none());
        let example = clock(9 * 60 + 30, hour12);
        let message = match parsed {
            Some(_) => String::new(),
            None => i18n.fill(Key::TimeLike, &[("example", &example)]),
        };
        set_validity(input, &message);
        if let Some(minutes) = parsed {
            if settle {
                text.set(clock(minutes, hour12));
            }
            value.set(time_value(minutes));
        }
    };
    let list = format!("{name}-times");
    view! {
        <input type="text" name=name class="time-input" node_ref=input required autocomplete="off"
            list=list.clone()
            aria-invalid=move || invalid.get().then_some("true")
            prop:value=move || text.get()
            on:input=move |ev| check(event_target_value(&ev), false)
            on:change=move |ev| check(event_target_value(&ev), true) />
        <datalist id=list>
            {half_hours(hour12).map(|t| view! { <option value=t></option> }).collect_view()}
        </datalist>
    }
}
