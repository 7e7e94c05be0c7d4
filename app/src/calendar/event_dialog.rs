//! The event dialog: create, edit or delete an event, its recurrence, and for one occurrence of
//! a series the question "this one / this and following / all".

use super::api::{delete_event, load_event, new_video_link, save_event};
use super::attachments::EventAttachments;
use super::dialog::{CalendarSelect, EditActions};
use super::scope_question::{Pending, ScopeQuestion};
use super::{use_cal, EventDraft, NEW_COLOR};
use crate::date_fields::{DateInput, TimeInput};
use crate::error::AppError;
use crate::feedback::{FormError, Settled};
use crate::i18n::dates::weekday;
use crate::i18n::Key;
use crate::modal::Dialog;
use domain::calendar::days::Day;
use domain::calendar::{EventInput, Frequency, MonthlyBy, Recurrence, Scope};
use leptos::prelude::*;

/// The dialog's fields. Dates and times are split as the inputs hold them; an all-day event's
/// end date is shown inclusive, as people count days.
#[derive(Clone, Copy)]
struct Form {
    title: RwSignal<String>,
    all_day: RwSignal<bool>,
    start_date: RwSignal<String>,
    start_time: RwSignal<String>,
    end_date: RwSignal<String>,
    end_time: RwSignal<String>,
    time_zone: RwSignal<String>,
    location: RwSignal<String>,
    description: RwSignal<String>,
    calendar_id: RwSignal<String>,
    own_color: RwSignal<bool>,
    color: RwSignal<String>,
    url: RwSignal<String>,
    video_url: RwSignal<String>,
    /// "none", "daily", "weekly", "monthly" or "yearly".
    repeat: RwSignal<String>,
    interval: RwSignal<String>,
    weekdays: RwSignal<Vec<u8>>,
    nth_weekday: RwSignal<bool>,
    /// "never", "until" or "count".
    ends: RwSignal<String>,
    until: RwSignal<String>,
    count: RwSignal<String>,
    excluded: RwSignal<Vec<String>>,
}

fn split(text: &str) -> (String, String) {
    match text.split_once('T') {
        Some((d, t)) => (d.to_owned(), t.to_owned()),
        None => (text.to_owned(), String::new()),
    }
}

fn frequency_code(f: Frequency) -> &'static str {
    match f {
        Frequency::Daily => "daily",
        Frequency::Weekly => "weekly",
        Frequency::Monthly => "monthly",
        Frequency::Yearly => "yearly",
    }
}

fn frequency_of(code: &str) -> Option<Frequency> {
    match code {
        "daily" => Some(Frequency::Daily),
        "weekly" => Some(Frequency::Weekly),
        "monthly" => Some(Frequency::Monthly),
        "yearly" => Some(Frequency::Yearly),
        _ => None,
    }
}

impl Form {
    /// A new start date carries the end date along, so the event keeps its length, as in every
    /// calendar (an end left behind made the form refuse the event).
    fn move_start(self, start: String) {
        let moved = Day::parse(&self.start_date.get_untracked())
            .zip(Day::parse(&start))
            .map(|(from, to)| from.days_until(to));
        if let Some((days, end)) = moved.zip(Day::parse(&self.end_date.get_untracked())) {
            self.end_date.set(end.add_days(days).to_string());
        }
        self.start_date.set(start);
    }

    /// A weekly series starts on the event's own weekday, as in every calendar.
    fn choose_repeat(self, repeat: String) {
        if repeat == "weekly" && self.weekdays.with_untracked(Vec::is_empty) {
            if let Some(day) = Day::parse(&self.start_date.get_untracked()) {
                self.weekdays.set(vec![day.weekday()]);
            }
        }
        self.repeat.set(repeat);
    }

    fn new(e: &EventInput) -> Form {
        let (start_date, start_time) = split(&e.start);
        let (mut end_date, end_time) = split(&e.end);
        if e.all_day {
            if let Some(last) = Day::parse(&end_date).map(|d| d.add_days(-1)) {
                end_date = last.to_string();
            }
        }
        let r = e.recurrence.as_ref();
        Form {
            title: RwSignal::new(e.title.clone()),
            all_day: RwSignal::new(e.all_day),
            start_date: RwSignal::new(start_date),
            start_time: RwSignal::new(if start_time.is_empty() {
                "09:00".into()
            } else {
                start_time
            }),
            end_date: RwSignal::new(end_date),
            end_time: RwSignal::new(if end_time.is_empty() {
                "10:00".into()
            } else {
                end_time
            }),
            time_zone: RwSignal::new(e.time_zone.clone()),
            location: RwSignal::new(e.location.clone()),
            description: RwSignal::new(e.description.clone()),
            calendar_id: RwSignal::new(e.calendar_id.clone()),
            own_color: RwSignal::new(e.color.is_some()),
            color: RwSignal::new(e.color.clone().unwrap_or_else(|| NEW_COLOR.into())),
            url: RwSignal::new(e.url.clone()),
            video_url: RwSignal::new(e.video_url.clone()),
            repeat: RwSignal::new(r.map_or("none", |r| frequency_code(r.frequency)).to_owned()),
            interval: RwSignal::new(r.map_or(1, |r| r.interval).to_string()),
            weekdays: RwSignal::new(r.map(|r| r.weekdays.clone()).unwrap_or_default()),
            nth_weekday: RwSignal::new(r.is_some_and(|r| r.monthly == MonthlyBy::NthWeekday)),
            ends: RwSignal::new(
                match r {
                    Some(r) if r.until.is_some() => "until",
                    Some(r) if r.count.is_some() => "count",
                    _ => "never",
                }
                .to_owned(),
            ),
            until: RwSignal::new(r.and_then(|r| r.until.clone()).unwrap_or_default()),
            count: RwSignal::new(r.and_then(|r| r.count).unwrap_or(10).to_string()),
            excluded: RwSignal::new(r.map(|r| r.excluded.clone()).unwrap_or_default()),
        }
    }

    fn input(&self) -> EventInput {
        let all_day = self.all_day.get_untracked();
        let (start, end) = if all_day {
            let end = Day::parse(&self.end_date.get_untracked())
                .map(|d| d.add_days(1).to_string())
                .unwrap_or_else(|| self.end_date.get_untracked());
            (self.start_date.get_untracked(), end)
        } else {
            (
                format!(
                    "{}T{}",
                    self.start_date.get_untracked(),
                    self.start_time.get_untracked()
                ),
                format!(
                    "{}T{}",
                    self.end_date.get_untracked(),
                    self.end_time.get_untracked()
                ),
            )
        };
        let recurrence = frequency_of(&self.repeat.get_untracked()).map(|frequency| {
            let ends = self.ends.get_untracked();
            Recurrence {
                frequency,
                interval: self.interval.get_untracked().trim().parse().unwrap_or(0),
                weekdays: if frequency == Frequency::Weekly {
                    self.weekdays.get_untracked()
                } else {
                    Vec::new()
                },
                monthly: if self.nth_weekday.get_untracked() {
                    MonthlyBy::NthWeekday
                } else {
                    MonthlyBy::MonthDay
                },
                until: (ends == "until").then(|| self.until.get_untracked()),
                count: (ends == "count")
                    .then(|| self.count.get_untracked().trim().parse().unwrap_or(0)),
                excluded: self.excluded.get_untracked(),
            }
        });
        EventInput {
            calendar_id: self.calendar_id.get_untracked(),
            title: self.title.get_untracked(),
            all_day,
            start,
            end,
            time_zone: self.time_zone.get_untracked(),
            location: self.location.get_untracked(),
            description: self.description.get_untracked(),
            color: self
                .own_color
                .get_untracked()
                .then(|| self.color.get_untracked()),
            url: self.url.get_untracked(),
            video_url: self.video_url.get_untracked(),
            recurrence,
        }
    }
}

#[component]
pub fn EventDialog(draft: EventDraft) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let loaded = RwSignal::new(None::<Result<(Form, bool), AppError>>);
    let (id, instance) = match &draft {
        EventDraft::Existing { id, instance } => (Some(id.clone()), *instance),
        EventDraft::New { .. } | EventDraft::Copy { .. } => (None, None),
    };
    match draft {
        EventDraft::New {
            start,
            end,
            all_day,
        } => {
            let input = EventInput {
                calendar_id: cal.default_calendar(),
                title: String::new(),
                all_day,
                start,
                end,
                time_zone: cal.time_zone.get_value(),
                location: String::new(),
                description: String::new(),
                color: None,
                url: String::new(),
                video_url: String::new(),
                recurrence: None,
            };
            loaded.set(Some(Ok((Form::new(&input), true))));
        }
        EventDraft::Existing { id, instance } => {
            let org = cal.org.get_untracked();
            leptos::task::spawn_local(async move {
                let detail = load_event(org, id, instance).await;
                loaded.set(Some(detail.map(|d| (Form::new(&d.event), d.writable))));
            });
        }
        EventDraft::Copy { id, instance } => {
            let org = cal.org.get_untracked();
            leptos::task::spawn_local(async move {
                let detail = load_event(org, id, instance).await;
                loaded.set(Some(detail.map(|d| {
                    let mut event = d.event;
                    // A copy of one occurrence is one event; a copy goes where one may write.
                    if instance.is_some() {
                        event.recurrence = None;
                    }
                    if !cal
                        .calendar(&event.calendar_id)
                        .is_some_and(|c| c.takes_events())
                    {
                        event.calendar_id = cal.default_calendar();
                    }
                    (Form::new(&event), true)
                })));
            });
        }
    }
    let id = StoredValue::new(id);
    let error = RwSignal::new(None::<AppError>);
    let asking = RwSignal::new(None::<Pending>);
    let busy = RwSignal::new(false);
    let close = move || cal.dialog.set(None);
    let run = move |pending: Pending, scope: Scope| {
        let Some(Ok((form, _))) = loaded.get_untracked() else {
            return;
        };
        let org = cal.org.get_untracked();
        let object = id.get_value();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = match (pending, object) {
                (Pending::Save, object) => save_event(org, object, instance, scope, form.input())
                    .await
                    .map(|_| ()),
                (Pending::Delete, Some(object)) => delete_event(org, object, instance, scope).await,
                (Pending::Delete, None) => Ok(()),
            };
            busy.set(false);
            asking.set(None);
            match result {
                Ok(()) => {
                    match (pending, id.get_value()) {
                        (Pending::Delete, Some(object)) => {
                            super::summary::report_deleted(cal, object, instance, scope)
                        }
                        _ => cal.report(Ok(()), Key::Saved),
                    }
                    cal.refresh();
                    cal.dialog.set(None);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    // An occurrence of a series asks how far the change reaches; anything else goes at once.
    let request = move |pending: Pending| {
        if instance.is_some() {
            asking.set(Some(pending));
        } else {
            run(pending, Scope::All);
        }
    };
    let title = move || {
        if id.with_value(Option::is_none) {
            i18n.t(Key::NewEvent)
        } else {
            i18n.t(Key::EditEvent)
        }
    };
    view! {
        <Dialog class="dialog event-dialog" heading_id="event-dialog-title" title
            on_close=Callback::new(move |()| close())
            over=move || asking.get().map(|pending| view! { <ScopeQuestion pending run asking /> })>
            <Settled state=loaded let:loaded>
                {
                    let (form, writable) = loaded;
                    view! {
                        <form on:submit=move |ev| { ev.prevent_default(); request(Pending::Save); }>
                            <fieldset disabled=!writable>
                                <EventFields form error />
                                <RecurrenceFields form />
                            </fieldset>
                            {match id.get_value() {
                                Some(object_id) => view! { <EventAttachments object_id writable /> }.into_any(),
                                None => view! { <p class="muted attach-after-saving">{i18n.tt(Key::AttachAfterSaving)}</p> }.into_any(),
                            }}
                            <FormError error />
                            <EditActions writable stored=id.with_value(Option::is_some) busy on_delete=move || request(Pending::Delete) />
                        </form>
                    }
                }
            </Settled>
        </Dialog>
    }
}

#[component]
fn EventFields(form: Form, error: RwSignal<Option<AppError>>) -> impl IntoView {
    let cal = use_cal();
    let hour12 = cal.settings.get_untracked().hour12;
    let i18n = cal.i18n;
    let generate = move |_| {
        let org = cal.org.get_untracked();
        leptos::task::spawn_local(async move {
            match new_video_link(org).await {
                Ok(link) => {
                    error.set(None);
                    form.video_url.set(link);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <label class="field">
            <span>{i18n.tt(Key::EventTitle)}</span>
            <input type="text" name="title" required autofocus maxlength="500" bind:value=form.title />
        </label>
        <label class="check">
            <input type="checkbox" name="all_day" bind:checked=form.all_day />
            {i18n.tt(Key::AllDay)}
        </label>
        <div class="field-row">
            <label class="field">
                <span>{i18n.tt(Key::Starts)}</span>
                <DateInput name="start_date" required=true value=form.start_date
                    on_change=Callback::new(move |day| form.move_start(day)) />
            </label>
            <Show when=move || !form.all_day.get()>
                <label class="field">
                    <span class="visually-hidden">{i18n.tt(Key::StartTime)}</span>
                    <TimeInput name="start_time" value=form.start_time hour12 />
                </label>
            </Show>
            <label class="field">
                <span>{i18n.tt(Key::Ends)}</span>
                <DateInput name="end_date" required=true value=form.end_date
                    on_change=Callback::new(move |day| form.end_date.set(day)) />
            </label>
            <Show when=move || !form.all_day.get()>
                <label class="field">
                    <span class="visually-hidden">{i18n.tt(Key::EndTime)}</span>
                    <TimeInput name="end_time" value=form.end_time hour12 />
                </label>
            </Show>
        </div>
        <Show when=move || !form.all_day.get()>
            <label class="field">
                <span>{i18n.tt(Key::TimeZone)}</span>
                <input type="text" name="time_zone" bind:value=form.time_zone />
            </label>
        </Show>
        <CalendarSelect selected=form.calendar_id />
        <label class="field">
            <span>{i18n.tt(Key::Location)}</span>
            <input type="text" name="location" bind:value=form.location />
        </label>
        <label class="field">
            <span>{i18n.tt(Key::Description)}</span>
            <textarea name="description" rows="3" bind:value=form.description></textarea>
        </label>
        <div class="field-row">
            <label class="check">
                <input type="checkbox" bind:checked=form.own_color />
                {i18n.tt(Key::OwnColor)}
            </label>
            <Show when=move || form.own_color.get()>
                <input type="color" aria-label=i18n.tt(Key::Color) bind:value=form.color />
            </Show>
        </div>
        <label class="field">
            <span>{i18n.tt(Key::Link)}</span>
            <input type="url" name="url" bind:value=form.url />
        </label>
        <div class="field-row">
            <label class="field grow">
                <span>{i18n.tt(Key::VideoLink)}</span>
                <input type="url" name="video_url" bind:value=form.video_url />
            </label>
            <button type="button" class="button video-link" on:click=generate>{i18n.tt(Key::GenerateVideoLink)}</button>
        </div>
    }
}

#[component]
fn RecurrenceFields(form: Form) -> impl IntoView {
    let i18n = use_cal().i18n;
    let repeats = move || form.repeat.get() != "none";
    let options = [
        ("none", Key::RepeatNone),
        ("daily", Key::RepeatDaily),
        ("weekly", Key::RepeatWeekly),
        ("monthly", Key::RepeatMonthly),
        ("yearly", Key::RepeatYearly),
    ];
    view! {
        <fieldset class="recurrence">
            <legend>{i18n.tt(Key::Repeat)}</legend>
            <select name="repeat" aria-label=i18n.tt(Key::Repeat) prop:value=move || form.repeat.get()
                on:change=move |ev| form.choose_repeat(event_target_value(&ev))>
                {options.into_iter().map(|(code, key)| view! {
                    <option value=code selected=form.repeat.get_untracked() == code>{i18n.tt(key)}</option>
                }).collect_view()}
            </select>
            <Show when=repeats>
                <label class="field inline">
                    <span>{i18n.tt(Key::RepeatEvery)}</span>
                    <input type="number" name="interval" min="1" max="999" bind:value=form.interval />
                </label>
                <Show when=move || form.repeat.get() == "weekly">
                    <div class="weekday-picks" role="group" aria-label=i18n.tt(Key::RepeatOn)>
                        {(1..=7u8).map(|iso| {
                            let checked = move || form.weekdays.read().contains(&iso);
                            let toggle = move |_| form.weekdays.update(|w| {
                                if let Some(i) = w.iter().position(|d| *d == iso) { w.remove(i); } else { w.push(iso); w.sort_unstable(); }
                            });
                            view! {
                                <label class="check"><input type="checkbox" prop:checked=checked on:change=toggle />{move || weekday(i18n, iso)}</label>
                            }
                        }).collect_view()}
                    </div>
                </Show>
                <Show when=move || form.repeat.get() == "monthly">
                    <label class="check">
                        <input type="checkbox" bind:checked=form.nth_weekday />
                        {i18n.tt(Key::RepeatNthWeekday)}
                    </label>
                </Show>
                <div class="field-row">
                    <select name="ends" aria-label=i18n.tt(Key::RepeatEnds) prop:value=move || form.ends.get()
                        on:change=move |ev| form.ends.set(event_target_value(&ev))>
                        <option value="never">{i18n.tt(Key::EndsNever)}</option>
                        <option value="until">{i18n.tt(Key::EndsOn)}</option>
                        <option value="count">{i18n.tt(Key::EndsAfter)}</option>
                    </select>
                    <Show when=move || form.ends.get() == "until">
                        <DateInput name="until" value=form.until aria_label=Signal::derive(i18n.tt(Key::EndsOn))
                            on_change=Callback::new(move |day| form.until.set(day)) />
                    </Show>
                    <Show when=move || form.ends.get() == "count">
                        <input type="number" name="count" min="1" aria-label=i18n.tt(Key::Occurrences) bind:value=form.count />
                    </Show>
                </div>
                <Show when=move || !form.excluded.read().is_empty()>
                    <p class="muted">{i18n.tt(Key::ExcludedDates)}</p>
                    <ul class="chips">
                        {move || form.excluded.get().into_iter().map(|d| {
                            let remove = { let d = d.clone(); move |_| form.excluded.update(|all| all.retain(|x| *x != d)) };
                            view! { <li>{d.clone()}<button type="button" class="icon-button" aria-label=i18n.tt(Key::Remove) on:click=remove>"✕"</button></li> }
                        }).collect_view()}
                    </ul>
                </Show>
            </Show>
        </fieldset>
    }
}
