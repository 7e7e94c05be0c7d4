//! The task lists: one per calendar, open tasks first, each ticked off in place or opened in the
//! task dialog.

use super::api::{calendar_tasks, task_done};
use super::{use_cal, OpenDialog, TaskDraft};
use crate::feedback::LoadedList;
use crate::i18n::dates::{long_day, time_of};
use crate::i18n::{I18n, Key};
use domain::calendar::days::Day;
use domain::calendar::{CalendarView, TaskView};
use leptos::prelude::*;

/// The priority names of RFC 5545: 1 to 4 high, 5 medium, 6 to 9 low, 0 none.
pub fn priority_key(priority: u8) -> Option<Key> {
    match priority {
        1..=4 => Some(Key::PriorityHigh),
        5 => Some(Key::PriorityMedium),
        6..=9 => Some(Key::PriorityLow),
        _ => None,
    }
}

/// "Mon 30 November 2026 · 17:00" for a due date-time, without the time for a date.
fn due_text(i18n: I18n, due: &str, hour12: bool) -> String {
    let day = Day::parse(due)
        .map(|d| long_day(i18n, d))
        .unwrap_or_default();
    if due.contains('T') {
        format!("{day} · {}", time_of(due, hour12))
    } else {
        day
    }
}

#[component]
pub fn TasksView() -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    // Computed calendars (holidays, birthdays) hold no tasks.
    let lists = move || {
        cal.calendars.with(|all| {
            all.iter()
                .filter(|c| !c.is_computed())
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="tasks">
            <p class="muted">{i18n.tt(Key::TasksHint)}</p>
            <For each=lists key=|c| (c.id.clone(), c.name.clone(), c.color.clone()) let(calendar)>
                <TaskList calendar />
            </For>
        </section>
    }
}

#[component]
fn TaskList(calendar: CalendarView) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let id = calendar.id.clone();
    let tasks = Resource::new(
        move || (cal.org.get(), id.clone(), cal.version.get()),
        |(org, id, _)| calendar_tasks(org, id),
    );
    let heading = format!("tasks-{}", calendar.id);
    let writable = calendar.takes_events();
    let calendar_id = StoredValue::new(calendar.id.clone());
    let new_task = move |_| {
        cal.dialog.set(Some(OpenDialog::Task(TaskDraft::New {
            calendar_id: calendar_id.get_value(),
        })))
    };
    view! {
        <section class="task-list" aria-labelledby=heading data-calendar=calendar.name.clone()
            style=format!("--event-color:{}", calendar.color)>
            <div class="task-list-head">
                <h2 id=heading.clone()>{calendar.name.clone()}</h2>
                {writable.then(|| view! {
                    <button class="link-button new-task" on:click=new_task>{i18n.tt(Key::NewTask)}</button>
                })}
            </div>
            <LoadedList resource=tasks empty=Key::NoTasks let:list>
                <ul class="tasks-of-calendar">
                    {list.into_iter().map(|task| view! { <TaskRow task /> }).collect_view()}
                </ul>
            </LoadedList>
        </section>
    }
}

#[component]
fn TaskRow(task: TaskView) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let done = RwSignal::new(task.done);
    let id = task.object_id.clone();
    let toggle = {
        let id = id.clone();
        move |_| {
            let (org, id, now_done) = (cal.org.get_untracked(), id.clone(), !done.get_untracked());
            done.set(now_done);
            leptos::task::spawn_local(async move {
                let result = task_done(org, id, now_done).await;
                if result.is_err() {
                    done.set(!now_done);
                }
                cal.report(result, Key::Saved);
                cal.refresh();
            });
        }
    };
    let open = move |_| {
        cal.dialog.set(Some(OpenDialog::Task(TaskDraft::Existing {
            id: id.clone(),
        })))
    };
    let hour12 = cal.settings.with_untracked(|s| s.hour12);
    let due = task.due.clone();
    let priority = priority_key(task.priority);
    view! {
        <li class="task" class:done=move || done.get() data-title=task.title.clone()>
            <label class="check">
                <input type="checkbox" prop:checked=move || done.get() disabled=!task.writable on:change=toggle />
                <span class="task-title">{task.title.clone()}</span>
            </label>
            {due.map(|due| view! { <span class="muted task-due">{move || due_text(i18n, &due, hour12)}</span> })}
            {priority.map(|key| view! { <span class="badge" data-priority=task.priority>{i18n.tt(key)}</span> })}
            <button class="icon-button" aria-label=i18n.tt(Key::EditTask) title=i18n.tt(Key::EditTask) on:click=open>"✎"</button>
        </li>
    }
}
