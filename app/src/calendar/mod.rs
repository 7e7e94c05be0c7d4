//! The Calendar app: the calendar list and mini month on the left, the month, week, day or
//! agenda view on the right, and the dialogs that create and change events and calendars.

mod address;
pub mod api;
mod attachments;
mod calendar_dialog;
mod dialog;
mod event_dialog;
mod grid;
mod import;
mod lists;
mod month;
mod phone;
mod read_ahead;
mod scope_question;
mod settings;
mod share;
mod shortcuts;
mod sidebar;
mod summary;
mod task_dialog;
mod tasks;
mod toolbar;

use crate::error::AppError;
use crate::feedback::{self, Loaded, Notice, Toast};
use crate::i18n::{use_i18n, I18n, Key};
use crate::live::{redraw_if_changed, unchanged, Live};
use crate::space::{use_shell, AppId};
use api::{calendar_events, calendar_home, CalendarSetup};
use domain::calendar::days::Day;
use domain::calendar::{CalendarView, DisplaySettings, ItemKind, Occurrence, Period};
use domain::live::{ChangeScope, CollectionKind};
use domain::trash::TrashKind;
use leptos::prelude::*;

pub use lists::NextEventsWidget;

/// The colour the forms start from for a new calendar, and for an event's own colour.
pub const NEW_COLOR: &str = "#0f6fde";
/// A holiday calendar's colour, apart from the member's own calendars.
pub const HOLIDAY_COLOR: &str = "#2e7d32";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ViewMode {
    Month,
    Week,
    /// Three days from the cursor: the week of a phone.
    ThreeDays,
    Day,
    Agenda,
    Tasks,
    Trash,
}

domain::codes!(ViewMode {
    Month => "month",
    Week => "week",
    ThreeDays => "3days",
    Day => "day",
    Agenda => "agenda",
    Tasks => "tasks",
    Trash => "trash",
});

impl ViewMode {
    pub const SWITCHABLE: [ViewMode; 5] = [
        ViewMode::Day,
        ViewMode::ThreeDays,
        ViewMode::Week,
        ViewMode::Month,
        ViewMode::Agenda,
    ];

    pub fn label(self) -> Key {
        match self {
            ViewMode::Month => Key::ViewMonth,
            ViewMode::Week => Key::ViewWeek,
            ViewMode::ThreeDays => Key::ViewThreeDays,
            ViewMode::Day => Key::ViewDay,
            ViewMode::Agenda => Key::ViewAgenda,
            ViewMode::Tasks => Key::Tasks,
            ViewMode::Trash => Key::Trash,
        }
    }

    /// Whether the view shows a period of days (the task lists and the trash do not).
    pub fn is_dated(self) -> bool {
        !matches!(self, ViewMode::Tasks | ViewMode::Trash)
    }

    /// Whether the view is the hour grid.
    pub fn is_grid(self) -> bool {
        matches!(self, ViewMode::Week | ViewMode::ThreeDays | ViewMode::Day)
    }

    /// The day one step forward or back from `day` shows.
    pub fn stepped(self, day: Day, forward: bool) -> Day {
        let sign = if forward { 1 } else { -1 };
        let days = match self {
            ViewMode::Month => return day.add_months(sign),
            ViewMode::Week => 7,
            ViewMode::ThreeDays => 3,
            ViewMode::Day => 1,
            _ => AGENDA_DAYS,
        };
        day.add_days(days * sign as i64)
    }
}

/// How long the agenda looks ahead.
const AGENDA_DAYS: i64 = 30;

/// The local days `[from, to)` a view shows around `cursor`.
pub fn view_range(view: ViewMode, cursor: Day, week_start: u8) -> (Day, Day) {
    match view {
        ViewMode::Month => {
            let first = cursor.month_start().week_start(week_start);
            (first, first.add_days(42))
        }
        ViewMode::Week => {
            let first = cursor.week_start(week_start);
            (first, first.add_days(7))
        }
        ViewMode::ThreeDays => (cursor, cursor.add_days(3)),
        ViewMode::Day => (cursor, cursor.add_days(1)),
        ViewMode::Agenda | ViewMode::Tasks | ViewMode::Trash => {
            (cursor, cursor.add_days(AGENDA_DAYS))
        }
    }
}

/// What the event dialog opens on: a new event's times, or an existing event (one occurrence of
/// it when it recurs).
#[derive(Debug, Clone, PartialEq)]
pub enum EventDraft {
    New {
        start: String,
        end: String,
        all_day: bool,
    },
    Existing {
        id: String,
        instance: Option<i64>,
    },
    /// A new event with everything of a stored one (of a series' occurrence: that occurrence,
    /// not the series).
    Copy {
        id: String,
        instance: Option<i64>,
    },
}

/// What the task dialog opens on: a new task of a calendar, or a stored task.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskDraft {
    New { calendar_id: String },
    Existing { id: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum OpenDialog {
    /// An event's summary card, first of all when an event is clicked.
    Summary(Occurrence),
    Event(EventDraft),
    /// Create (None) or edit a calendar.
    Calendar(Option<CalendarView>),
    Share(CalendarView),
    /// Asks before a calendar and everything in it go to the trash.
    DeleteCalendar(CalendarView),
    Task(TaskDraft),
    Import,
    Settings,
    Shortcuts,
}

/// The day the view is around. `None` in the anchor means today, so the first view's events
/// can be asked for before the member's "today" is known, together with the calendar list.
#[derive(Clone, Copy)]
pub struct Cursor {
    anchor: RwSignal<Option<Day>>,
    today: Day,
}

impl Cursor {
    pub fn get(self) -> Day {
        self.anchor.get().unwrap_or(self.today)
    }

    pub fn get_untracked(self) -> Day {
        self.anchor.get_untracked().unwrap_or(self.today)
    }

    pub fn set(self, day: Day) {
        self.anchor.set(Some(day));
    }

    pub fn update(self, change: impl FnOnce(&mut Day)) {
        let mut day = self.get_untracked();
        change(&mut day);
        self.set(day);
    }
}

/// The app's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct Cal {
    pub i18n: I18n,
    pub org: Memo<String>,
    pub calendars: RwSignal<Vec<CalendarView>>,
    pub settings: RwSignal<DisplaySettings>,
    pub today: Day,
    pub time_zone: StoredValue<String>,
    pub regions: StoredValue<Vec<(String, String)>>,
    pub view: RwSignal<ViewMode>,
    pub cursor: Cursor,
    /// Bumped after every write, so the views read again.
    pub version: RwSignal<u32>,
    pub dialog: RwSignal<Option<OpenDialog>>,
    /// Whether the left column is open as a drawer, where the app is too narrow for it.
    pub drawer: RwSignal<bool>,
    /// The member's local day and minute of the day, kept by the browser's clock (none on the
    /// server, so the page hydrates before the current-time line appears).
    pub now: RwSignal<Option<(Day, u32)>>,
    /// Minutes the member's zone is ahead of UTC.
    pub utc_offset: i32,
    /// The last outcome to show and announce (saved, deleted, an error), with Undo when it
    /// can be taken back.
    pub notice: RwSignal<Option<Notice>>,
}

impl Cal {
    pub fn calendar(&self, id: &str) -> Option<CalendarView> {
        self.calendars
            .with(|all| all.iter().find(|c| c.id == id).cloned())
    }

    /// The colour an occurrence is drawn in: its own, else its calendar's. Only a colour CSS
    /// may take reaches a `style` (calendar colours are checked when they are set).
    pub fn color_of(&self, occurrence: &Occurrence) -> String {
        let own = occurrence
            .color
            .as_deref()
            .and_then(domain::color::css_color);
        own.unwrap_or_else(|| {
            self.calendars.with(|all| {
                all.iter()
                    .find(|c| c.id == occurrence.calendar_id)
                    .map(|c| c.color.clone())
                    .unwrap_or_default()
            })
        })
    }

    /// The calendar new events go to: the domain marks exactly one writable calendar so.
    pub fn default_calendar(&self) -> String {
        self.calendars.with_untracked(|all| {
            all.iter()
                .find(|c| c.is_default)
                .map(|c| c.id.clone())
                .unwrap_or_default()
        })
    }

    /// Opens an event's summary card (of a series: that occurrence's), or the task dialog.
    pub fn open_event(self, occurrence: &Occurrence) {
        let dialog = match occurrence.kind {
            ItemKind::Task => OpenDialog::Task(TaskDraft::Existing {
                id: occurrence.object_id.clone(),
            }),
            ItemKind::Event => OpenDialog::Summary(occurrence.clone()),
        };
        self.dialog.set(Some(dialog));
    }

    /// Moves the view one period forward or back.
    pub fn step(self, forward: bool) {
        let view = self.view.get_untracked();
        self.cursor.update(|day| *day = view.stepped(*day, forward));
    }

    /// Opens the form on a new hour-long event at nine on the day in view.
    pub fn new_event(self) {
        let day = self.cursor.get_untracked();
        self.dialog.set(Some(OpenDialog::Event(EventDraft::New {
            start: format!("{day}T09:00"),
            end: format!("{day}T10:00"),
            all_day: false,
        })));
    }

    /// Reads the calendar list again (after a change to a calendar) and redraws the views.
    pub fn reload(self) {
        let org = self.org.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(home) = calendar_home(org).await {
                self.calendars.set(home.calendars);
                self.settings.set(home.settings);
            }
            self.version.update(|v| *v += 1);
        });
    }

    /// Reads again when a calendar in the list, or what one holds, changed (in this tab,
    /// another, or another member's), and redraws if what it shows differs.
    fn follow_changes(self, live: Live, reads: Reads) {
        live.on_change(move |change| {
            if change.kind != CollectionKind::Calendar || change.org_id != self.org.get_untracked()
            {
                return;
            }
            let listed = self
                .calendars
                .with_untracked(|all| all.iter().any(|c| c.id == change.collection_id));
            let org = self.org.get_untracked();
            match change.scope {
                ChangeScope::Collection => {
                    let shown = move |fresh: &Result<CalendarSetup, AppError>| {
                        fresh.as_ref().is_ok_and(|home| {
                            self.calendars.with_untracked(|c| *c == home.calendars)
                        })
                    };
                    redraw_if_changed(self.version, calendar_home(org), shown, move || {
                        self.reload()
                    });
                }
                ChangeScope::Items if listed => {
                    let (view, day) = (reads.view.get_untracked(), reads.anchor.get_untracked());
                    let read =
                        calendar_events(org, view.code().to_owned(), day.map(|d| d.to_string()));
                    let shown = move |fresh: &Result<Period, AppError>| {
                        reads
                            .events
                            .with_untracked(|now| unchanged(now.as_ref(), fresh))
                    };
                    redraw_if_changed(self.version, read, shown, move || self.refresh());
                }
                ChangeScope::Items => {}
            }
        });
    }

    /// Redraws the views after a write.
    pub fn refresh(self) {
        self.version.update(|v| *v += 1);
    }

    pub fn report(self, result: Result<(), AppError>, done: Key) {
        feedback::report(self.notice, self.i18n, result, done);
    }

    /// Reports a change that `undo` takes back.
    pub fn report_undo(
        self,
        result: Result<(), AppError>,
        done: Key,
        undo: impl Fn() + Send + Sync + 'static,
    ) {
        feedback::report_undo(self.notice, self.i18n, result, done, undo);
    }

    /// Takes a calendar, an event or a task back out of the trash: from the trash, or Undo.
    pub fn restore(self, id: String, kind: TrashKind) {
        let org = self.org.get_untracked();
        leptos::task::spawn_local(async move {
            let result = crate::trash::undo_trashing(org, id, kind).await;
            self.report(result, Key::Restored);
            self.reload();
        });
    }
}

pub fn use_cal() -> Cal {
    expect_context::<Cal>()
}

/// What the app reads before it draws: the calendar list and the first view's events start
/// together, so the server renders the page after one wait.
#[derive(Clone, Copy)]
struct Reads {
    view: RwSignal<ViewMode>,
    anchor: RwSignal<Option<Day>>,
    version: RwSignal<u32>,
    events: Resource<Result<Period, AppError>>,
    ahead: read_ahead::ReadAhead,
    /// Whether this calendar is the main app (not the side panel's): it owns the address and
    /// the keyboard shortcuts.
    in_main: bool,
}

/// The calendar app, in a wasm chunk of its own that the browser fetches the first time a
/// calendar is shown (see `shell::apps::preload`).
#[lazy]
pub fn calendar_chunk() -> AnyView {
    view! { <CalendarApp /> }.into_any()
}

#[component]
fn CalendarApp() -> impl IntoView {
    let shell = use_shell();
    let home = Resource::new(move || shell.org_id(), calendar_home);
    let in_main = shell.app.get_untracked() == Some(AppId::Calendar);
    let (asked_view, asked_day) = if in_main {
        address::asked()
    } else {
        (None, None)
    };
    let view = RwSignal::new(asked_view.unwrap_or(ViewMode::Week));
    let anchor = RwSignal::new(asked_day);
    if asked_view.is_none() {
        phone::first_view(view, in_main);
    }
    if in_main {
        address::follow(view, anchor);
    }
    let version = RwSignal::new(0);
    let ahead = read_ahead::ReadAhead::default();
    let events = Resource::new(
        move || (shell.org_id(), view.get(), anchor.get(), version.get()),
        move |(org, view, day, version)| async move {
            let read = day.and_then(|day| ahead.take(&(org.clone(), view, day, version)));
            match read {
                Some(list) => Ok(list),
                None => {
                    calendar_events(org, view.code().to_owned(), day.map(|d| d.to_string())).await
                }
            }
        },
    );
    let reads = Reads {
        view,
        anchor,
        version,
        events,
        ahead,
        in_main,
    };
    view! {
        <Loaded resource=home let:home>
            <CalendarLayout home reads />
        </Loaded>
    }
}

#[component]
fn CalendarLayout(home: CalendarSetup, reads: Reads) -> impl IntoView {
    let shell = use_shell();
    let today = Day::parse(&home.today).unwrap_or_default();
    let cal = Cal {
        i18n: use_i18n(),
        org: Memo::new(move |_| shell.org_id()),
        calendars: RwSignal::new(home.calendars),
        settings: RwSignal::new(home.settings),
        today,
        time_zone: StoredValue::new(home.time_zone),
        regions: StoredValue::new(home.regions),
        view: reads.view,
        cursor: Cursor {
            anchor: reads.anchor,
            today,
        },
        version: reads.version,
        dialog: RwSignal::new(None),
        drawer: RwSignal::new(false),
        now: RwSignal::new(None),
        utc_offset: home.utc_offset,
        notice: RwSignal::new(None),
    };
    provide_context(cal);
    cal.follow_changes(shell.live, reads);
    let i18n = cal.i18n;
    keep_time(cal.now, home.utc_offset);
    let swipe = phone::Swipe::default();
    if reads.in_main {
        shortcuts::listen(cal);
    }
    let events = reads.events;
    view! {
        // Too narrow for the left column (a phone, the side panel), it opens as a drawer and
        // "+" floats over the view (style/50-calendar.css).
        <div class="calendar-app app-with-drawer" data-view=move || cal.view.get().code() class:drawer-open=move || cal.drawer.get()
            on:keydown=move |ev| if ev.key() == "Escape" && cal.drawer.get_untracked() { toolbar::open_drawer(cal, false) }>
            <sidebar::CalendarSidebar />
            <div class="calendar-main" on:click=move |_| if cal.drawer.get_untracked() { cal.drawer.set(false) }>
                <toolbar::Toolbar />
                // The one part that scrolls: the toolbar stays above it.
                <div class="calendar-view" on:pointerdown=move |ev| swipe.start(&ev)
                    on:pointerup=move |ev| swipe.end(cal, &ev) on:pointercancel=move |_| swipe.cancel()>
                    {move || match cal.view.get() {
                        ViewMode::Trash => view! { <lists::TrashView /> }.into_any(),
                        ViewMode::Tasks => view! { <tasks::TasksView /> }.into_any(),
                        view => view! { <CurrentView view events ahead=reads.ahead /> }.into_any(),
                    }}
                </div>
                <Toast notice=cal.notice />
                <button class="fab new-event-fab" aria-label=i18n.tt(Key::ShortcutNewEvent) title=i18n.tt(Key::ShortcutNewEvent)
                    on:click=move |_| cal.new_event()>"+"</button>
            </div>
            {move || cal.dialog.get().map(|dialog| match dialog {
                OpenDialog::Summary(occurrence) => view! { <summary::SummaryCard occurrence /> }.into_any(),
                OpenDialog::Event(draft) => view! { <event_dialog::EventDialog draft /> }.into_any(),
                OpenDialog::Calendar(calendar) => view! { <calendar_dialog::CalendarDialog calendar /> }.into_any(),
                OpenDialog::Share(calendar) => view! { <share::ShareDialog calendar /> }.into_any(),
                OpenDialog::DeleteCalendar(calendar) => view! { <sidebar::DeleteCalendar calendar /> }.into_any(),
                OpenDialog::Task(draft) => view! { <task_dialog::TaskDialog draft /> }.into_any(),
                OpenDialog::Import => view! { <import::ImportDialog /> }.into_any(),
                OpenDialog::Settings => view! { <settings::SettingsDialog /> }.into_any(),
                OpenDialog::Shortcuts => view! { <shortcuts::ShortcutsDialog /> }.into_any(),
            })}
        </div>
    }
}

/// Once a dated view is drawn, reads the periods beside it (in the browser only: the server
/// renders one page).
fn read_around(cal: Cal, ahead: read_ahead::ReadAhead) {
    #[cfg(feature = "hydrate")]
    {
        let view = cal.view.get_untracked();
        if view.is_dated() {
            ahead.around(
                cal.org.get_untracked(),
                view,
                cal.cursor.get_untracked(),
                cal.version.get_untracked(),
            );
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (cal, ahead);
}

/// The member's local day and minute: the browser's clock moved into the member's zone.
#[cfg(feature = "hydrate")]
pub fn local_now(utc_offset: i32) -> (Day, u32) {
    let minutes = (js_sys::Date::now() / 60_000.0).floor() as i64 + utc_offset as i64;
    let day = Day::from_ymd(1970, 1, 1)
        .unwrap_or_default()
        .add_days(minutes.div_euclid(24 * 60));
    (day, minutes.rem_euclid(24 * 60) as u32)
}

/// Keeps `now` on the member's clock, read again every half minute so the current-time line
/// follows.
fn keep_time(now: RwSignal<Option<(Day, u32)>>, utc_offset: i32) {
    #[cfg(feature = "hydrate")]
    {
        let tick = move || now.set(Some(local_now(utc_offset)));
        Effect::new(move |_| tick());
        if let Ok(timer) = set_interval_with_handle(tick, std::time::Duration::from_secs(30)) {
            on_cleanup(move || timer.clear());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (now, utc_offset);
}

#[component]
fn CurrentView(
    view: ViewMode,
    events: Resource<Result<Period, AppError>>,
    ahead: read_ahead::ReadAhead,
) -> impl IntoView {
    let cal = use_cal();
    // The hour grid opens on working hours once per view; redrawn after a change, it stays
    // where the member scrolled it.
    let opened = StoredValue::new(false);
    // While the next period loads, the one shown stays, dimmed, under a progress bar.
    let pending = RwSignal::new(false);
    let loading = move || pending.get();
    let i18n = cal.i18n;
    view! {
        <Show when=loading>
            <div class="app-progress" role="progressbar" aria-label=i18n.tt(Key::Loading)></div>
        </Show>
        <div class="view-frame" class:pending=loading aria-busy=move || loading().then_some("true")>
        <Loaded resource=events set_pending=pending let:period>
            {
                read_around(cal, ahead);
                match view {
                    ViewMode::Month => view! { <month::MonthView period /> }.into_any(),
                    view if view.is_grid() => view! { <grid::TimeGrid events=period.events opened /> }.into_any(),
                    _ => view! { <lists::AgendaView events=period.events /> }.into_any(),
                }
            }
        </Loaded>
        </div>
    }
}
