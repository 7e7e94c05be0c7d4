//! The app's left column: "+ New event", the mini month, the calendar list with each calendar's
//! ⋮ menu, import, the task lists and the trash.

use super::api::{calendar_action, calendar_item_count, CalendarChange};
use super::{use_cal, Cal, OpenDialog, ViewMode};
use crate::dialog::ConfirmDelete;
use crate::i18n::Key;
use crate::month_grid::MonthGrid;
use crate::popover::Popover;
use domain::calendar::days::Day;
use domain::calendar::CalendarView;
use domain::locale::SystemName;
use domain::trash::TrashKind;
use leptos::prelude::*;

#[component]
pub fn CalendarSidebar() -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    view! {
        <nav class="calendar-sidebar app-drawer" id="calendar-drawer" aria-label=i18n.tt(Key::AppCalendar)>
            <button class="button primary new-event" on:click=move |_| cal.new_event()>{i18n.tt(Key::NewEvent)}</button>
            <MiniMonth />
            <h2 class="sidebar-heading">{i18n.tt(Key::MyCalendars)}</h2>
            <ul class="calendar-list">
                <For each=move || cal.calendars.get() key=|c| (c.id.clone(), c.name.clone(), c.color.clone(), c.hidden, c.is_default) let(calendar)>
                    <CalendarItem calendar />
                </For>
            </ul>
            <button class="link-button" on:click=move |_| cal.dialog.set(Some(OpenDialog::Calendar(None)))>{i18n.tt(Key::AddCalendar)}</button>
            <button class="link-button import-button" on:click=move |_| cal.dialog.set(Some(OpenDialog::Import))>{i18n.tt(Key::ImportIcs)}</button>
            {[ViewMode::Tasks, ViewMode::Trash].into_iter().map(|page| view! {
                <button class="link-button" data-view=page.code() aria-pressed=move || (cal.view.get() == page).to_string()
                    on:click=move |_| cal.view.set(page)>{i18n.tt(page.label())}</button>
            }).collect_view()}
        </nav>
    }
}

/// Runs a change to a calendar; a deleted one can be taken back at once.
fn act(cal: Cal, id: String, action: CalendarChange, done: Key) {
    let org = cal.org.get_untracked();
    leptos::task::spawn_local(async move {
        let result = calendar_action(org, id.clone(), action).await;
        if action == CalendarChange::Delete {
            cal.report_undo(result, done, move || {
                cal.restore(id.clone(), TrashKind::Calendar)
            });
        } else {
            cal.report(result, done);
        }
        cal.reload();
    });
}

#[component]
fn CalendarItem(calendar: CalendarView) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let menu = Popover::new();
    let (id, name, access, hidden) = (
        calendar.id.clone(),
        calendar.name.clone(),
        calendar.access,
        calendar.hidden,
    );
    let takes_events = calendar.takes_events();
    // The Birthdays calendar is computed from the member's contacts and stays theirs alone:
    // it can be renamed, recoloured and hidden, not shared, exported or deleted.
    let private = calendar.birthdays;
    let calendar = StoredValue::new(calendar);
    let run = move |action: CalendarChange, done: Key| {
        menu.close();
        act(cal, calendar.with_value(|c| c.id.clone()), action, done);
    };
    let toggle = move |_| {
        let change = if hidden {
            CalendarChange::Show
        } else {
            CalendarChange::Hide
        };
        run(change, Key::Saved);
    };
    let open = move |dialog: OpenDialog| {
        menu.close();
        cal.dialog.set(Some(dialog));
    };
    let export = format!("/api/v1/calendars/{id}/export");
    // What the suite named (Birthdays) reads in the viewer's language until it is renamed.
    let shown_name = move || {
        calendar.with_value(|c| {
            if private {
                SystemName::Birthdays.shown(&c.name, i18n.locale.get())
            } else {
                c.name.clone()
            }
        })
    };
    let menu_label = move || format!("{} · {}", i18n.t(Key::CalendarOptions), shown_name());
    view! {
        <li class="calendar-item" data-calendar=name.clone()>
            <label>
                <input type="checkbox" prop:checked=!hidden on:change=toggle />
                <span class="swatch" style=calendar.with_value(|c| format!("background:{}", c.color)) aria-hidden="true"></span>
                <span class="calendar-name">
                    {shown_name}
                    {calendar.with_value(|c| c.is_default).then(|| view! { <span class="calendar-meta">{i18n.tt(Key::DefaultCalendar)}</span> })}
                    {(access != domain::calendar::CalendarAccess::Owner).then(|| {
                        let owner = calendar.with_value(|c| c.owner_name.clone());
                        view! { <span class="calendar-meta">{owner}</span> }
                    })}
                </span>
            </label>
            <div class="menu-anchor" node_ref=menu.root>
                <button class="icon-button" aria-haspopup="menu" aria-expanded=menu.expanded() aria-label=menu_label on:click=move |_| menu.toggle()>"⋮"</button>
                <Show when=move || menu.is_open()>
                    <ul class="menu" role="menu">
                        {access.can_manage().then(|| view! {
                            <li role="none"><button role="menuitem" class="menu-item" on:click=move |_| open(OpenDialog::Calendar(Some(calendar.get_value())))>{i18n.tt(Key::EditCalendar)}</button></li>
                        })}
                        {(access.can_share() && !private).then(|| view! {
                            <li role="none"><button role="menuitem" class="menu-item" data-action="share" on:click=move |_| open(OpenDialog::Share(calendar.get_value()))>{i18n.tt(Key::ShareCalendar)}</button></li>
                        })}
                        {takes_events.then(|| view! {
                            <li role="none"><button role="menuitem" class="menu-item" on:click=move |_| run(CalendarChange::MakeDefault, Key::Saved)>{i18n.tt(Key::MakeDefault)}</button></li>
                        })}
                        {(!private).then(|| view! {
                            <li role="none"><a role="menuitem" class="menu-item" href=export.clone() download="">{i18n.tt(Key::ExportIcs)}</a></li>
                        })}
                        {(access.can_manage() && !private).then(|| view! {
                            <li role="none"><button role="menuitem" class="menu-item danger" on:click=move |_| open(OpenDialog::DeleteCalendar(calendar.get_value()))>{i18n.tt(Key::Delete)}</button></li>
                        })}
                    </ul>
                </Show>
            </div>
        </li>
    }
}

/// Asks before a calendar goes, naming how many events and tasks go with it.
#[component]
pub fn DeleteCalendar(calendar: CalendarView) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let count = RwSignal::new(None::<u64>);
    let org = cal.org.get_untracked();
    let id = StoredValue::new(calendar.id.clone());
    leptos::task::spawn_local(async move {
        if let Ok(n) = calendar_item_count(org, id.get_value()).await {
            count.set(Some(n));
        }
    });
    let name = StoredValue::new(calendar.name);
    let title =
        Signal::derive(move || name.with_value(|n| i18n.fill(Key::DeleteTitle, &[("name", n)])));
    let question = Signal::derive(move || {
        count.get().map_or_else(String::new, |n| {
            name.with_value(|name| {
                i18n.fill(
                    Key::DeleteCalendarConfirm,
                    &[("name", name), ("n", &n.to_string())],
                )
            })
        })
    });
    let on_confirm = Callback::new(move |()| {
        act(
            cal,
            id.get_value(),
            CalendarChange::Delete,
            Key::MovedToTrash,
        )
    });
    let on_close = Callback::new(move |()| cal.dialog.set(None));
    view! { <ConfirmDelete title question on_confirm on_close /> }
}

/// A small month to jump to a day; the day in view is marked.
#[component]
fn MiniMonth() -> impl IntoView {
    let cal = use_cal();
    let shown = RwSignal::new(cal.cursor.get_untracked().month_start());
    Effect::new(move |_| shown.set(cal.cursor.get().month_start()));
    let week_start = Signal::derive(move || cal.settings.read().week_start);
    let selected = Signal::derive(move || Some(cal.cursor.get()));
    let on_pick = Callback::new(move |day: Day| {
        cal.cursor.set(day);
        cal.drawer.set(false);
        if !cal.view.get_untracked().is_dated() {
            cal.view.set(ViewMode::Day);
        }
    });
    view! { <MonthGrid shown week_start today=cal.today selected on_pick /> }
}
