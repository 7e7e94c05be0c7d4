//! The task dialog: create, edit or delete a task.

use super::api::{delete_task, load_task, save_task};
use super::dialog::{CalendarSelect, EditActions};
use super::{use_cal, TaskDraft};
use crate::date_fields::{DateInput, TimeInput};
use crate::error::AppError;
use crate::feedback::{FormError, Settled};
use crate::i18n::Key;
use crate::modal::Dialog;
use domain::calendar::{TaskInput, TaskView};
use leptos::prelude::*;

/// The choices the dialog offers, as RFC 5545 values: none, high, medium, low.
const PRIORITIES: [(u8, Key); 4] = [
    (0, Key::PriorityNone),
    (1, Key::PriorityHigh),
    (5, Key::PriorityMedium),
    (9, Key::PriorityLow),
];

/// The offered choice a stored priority falls under (3 is "high").
fn choice_of(priority: u8) -> u8 {
    match priority {
        1..=4 => 1,
        5 => 5,
        6..=9 => 9,
        _ => 0,
    }
}

#[derive(Clone, Copy)]
struct Form {
    title: RwSignal<String>,
    description: RwSignal<String>,
    due_date: RwSignal<String>,
    at_time: RwSignal<bool>,
    due_time: RwSignal<String>,
    /// The offered choice; `stored` is kept when the choice did not change.
    priority: RwSignal<u8>,
    stored_priority: u8,
    done: RwSignal<bool>,
    calendar_id: RwSignal<String>,
}

impl Form {
    fn new(t: &TaskView) -> Form {
        let due = t.due.clone().unwrap_or_default();
        let (date, time) = match due.split_once('T') {
            Some((d, t)) => (d.to_owned(), Some(t.to_owned())),
            None => (due, None),
        };
        Form {
            title: RwSignal::new(t.title.clone()),
            description: RwSignal::new(t.description.clone()),
            due_date: RwSignal::new(date),
            at_time: RwSignal::new(time.is_some()),
            due_time: RwSignal::new(time.unwrap_or_else(|| "17:00".into())),
            priority: RwSignal::new(choice_of(t.priority)),
            stored_priority: t.priority,
            done: RwSignal::new(t.done),
            calendar_id: RwSignal::new(t.calendar_id.clone()),
        }
    }

    fn input(&self, time_zone: String) -> TaskInput {
        let date = self.due_date.get_untracked();
        let due = match (date.trim(), self.at_time.get_untracked()) {
            ("", _) => None,
            (date, true) => Some(format!("{date}T{}", self.due_time.get_untracked())),
            (date, false) => Some(date.to_owned()),
        };
        let choice = self.priority.get_untracked();
        let priority = if choice == choice_of(self.stored_priority) {
            self.stored_priority
        } else {
            choice
        };
        TaskInput {
            calendar_id: self.calendar_id.get_untracked(),
            title: self.title.get_untracked(),
            description: self.description.get_untracked(),
            due,
            time_zone,
            priority,
            done: self.done.get_untracked(),
        }
    }
}

#[component]
pub fn TaskDialog(draft: TaskDraft) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let loaded = RwSignal::new(None::<Result<(Form, bool), AppError>>);
    let id = match &draft {
        TaskDraft::Existing { id } => Some(id.clone()),
        TaskDraft::New { .. } => None,
    };
    match draft {
        TaskDraft::New { calendar_id } => {
            let blank = TaskView {
                object_id: String::new(),
                calendar_id,
                title: String::new(),
                description: String::new(),
                due: None,
                priority: 0,
                done: false,
                writable: true,
            };
            loaded.set(Some(Ok((Form::new(&blank), true))));
        }
        TaskDraft::Existing { id } => {
            let org = cal.org.get_untracked();
            leptos::task::spawn_local(async move {
                let task = load_task(org, id).await;
                loaded.set(Some(task.map(|t| (Form::new(&t), t.writable))));
            });
        }
    }
    let id = StoredValue::new(id);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let close = move || cal.dialog.set(None);
    let finish = move |result: Result<(), AppError>, done: Key| match result {
        Ok(()) => {
            cal.report(Ok(()), done);
            cal.refresh();
            cal.dialog.set(None);
        }
        Err(err) => error.set(Some(err)),
    };
    let save = move |form: Form| {
        let (org, object) = (cal.org.get_untracked(), id.get_value());
        let input = form.input(cal.time_zone.get_value());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = save_task(org, object, input).await.map(|_| ());
            busy.set(false);
            finish(result, Key::Saved);
        });
    };
    let delete = move || {
        let Some(object) = id.get_value() else {
            return;
        };
        let org = cal.org.get_untracked();
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = delete_task(org, object).await;
            busy.set(false);
            finish(result, Key::MovedToTrash);
        });
    };
    let title = move || {
        if id.with_value(Option::is_none) {
            i18n.t(Key::NewTask)
        } else {
            i18n.t(Key::EditTask)
        }
    };
    view! {
        <Dialog class="dialog task-dialog" heading_id="task-dialog-title" title=title
            on_close=Callback::new(move |()| close())>
            <Settled state=loaded let:loaded>
                {
                    let (form, writable) = loaded;
                    view! {
                        <form on:submit=move |ev| { ev.prevent_default(); save(form); }>
                            <fieldset disabled=!writable>
                                <TaskFields form />
                            </fieldset>
                            <FormError error />
                            <EditActions writable stored=id.with_value(Option::is_some) busy on_delete=move || delete() />
                        </form>
                    }
                }
            </Settled>
        </Dialog>
    }
}

#[component]
fn TaskFields(form: Form) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    view! {
        <label class="field">
            <span>{i18n.tt(Key::EventTitle)}</span>
            <input type="text" name="title" required autofocus maxlength="500" bind:value=form.title />
        </label>
        <div class="field-row">
            <label class="field">
                <span>{i18n.tt(Key::Due)}</span>
                <DateInput name="due_date" value=form.due_date
                    on_change=Callback::new(move |day| form.due_date.set(day)) />
            </label>
            <label class="check">
                <input type="checkbox" name="at_time" bind:checked=form.at_time />
                {i18n.tt(Key::DueAtTime)}
            </label>
            <Show when=move || form.at_time.get()>
                <label class="field">
                    <span class="visually-hidden">{i18n.tt(Key::DueTime)}</span>
                    <TimeInput name="due_time" value=form.due_time hour12=cal.settings.get_untracked().hour12 />
                </label>
            </Show>
        </div>
        <label class="field">
            <span>{i18n.tt(Key::Priority)}</span>
            <select name="priority" prop:value=move || form.priority.get().to_string()
                on:change=move |ev| form.priority.set(event_target_value(&ev).parse().unwrap_or(0))>
                {PRIORITIES.into_iter().map(|(value, key)| view! {
                    <option value=value.to_string() selected=form.priority.get_untracked() == value>{i18n.tt(key)}</option>
                }).collect_view()}
            </select>
        </label>
        <label class="check">
            <input type="checkbox" name="done" bind:checked=form.done />
            {i18n.tt(Key::TaskDone)}
        </label>
        <CalendarSelect selected=form.calendar_id />
        <label class="field">
            <span>{i18n.tt(Key::Description)}</span>
            <textarea name="description" rows="3" bind:value=form.description></textarea>
        </label>
    }
}
