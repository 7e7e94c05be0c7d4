//! The Calendar app: the calendar list and mini month on the left, the month, week, day or
//! agenda view on the right, and the dialogs that create and change events and calendars.

pub mod api;
mod calendar_dialog;
mod dialog;
mod event_dialog;
mod format;
mod grid;
mod import;
mod lists;
mod month;
mod settings;
mod share;
mod sidebar;
mod task_dialog;
mod tasks;
mod toolbar;

use crate::error::AppError;
use crate::feedback::{ErrorAlert, Loading};
use crate::i18n::{use_i18n, I18n, Key};
use crate::shell::use_shell;
use api::{calendar_events, calendar_home, CalendarSetup};
use domain::calendar::days::Day;
use domain::calendar::{CalendarView, DisplaySettings, ItemKind, Occurrence};
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
    Day,
    Agenda,
    Tasks,
    Trash,
}

impl ViewMode {
    pub const SWITCHABLE: [ViewMode; 4] = [
        ViewMode::Day,
        ViewMode::Week,
        ViewMode::Month,
        ViewMode::Agenda,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ViewMode::Month => "month",
            ViewMode::Week => "week",
            ViewMode::Day => "day",
            ViewMode::Agenda => "agenda",
            ViewMode::Tasks => "tasks",
            ViewMode::Trash => "trash",
        }
    }

    pub fn from_code(code: &str) -> Option<ViewMode> {
        [
            ViewMode::Month,
            ViewMode::Week,
            ViewMode::Day,
            ViewMode::Agenda,
            ViewMode::Tasks,
            ViewMode::Trash,
        ]
        .into_iter()
        .find(|v| v.code() == code)
    }

    pub fn label(self) -> Key {
        match self {
            ViewMode::Month => Key::ViewMonth,
            ViewMode::Week => Key::ViewWeek,
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
}

/// What the task dialog opens on: a new task of a calendar, or a stored task.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskDraft {
    New { calendar_id: String },
    Existing { id: String },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Dialog {
    Event(EventDraft),
    /// Create (None) or edit a calendar.
    Calendar(Option<CalendarView>),
    Share(CalendarView),
    Task(TaskDraft),
    Import,
    Settings,
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
    pub dialog: RwSignal<Option<Dialog>>,
    /// The last outcome to announce (saved, deleted, an error).
    pub notice: RwSignal<Option<String>>,
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

    /// Opens the event dialog on an occurrence (of a series: that one), or the task dialog.
    pub fn open_event(self, occurrence: &Occurrence) {
        let dialog = match occurrence.kind {
            ItemKind::Task => Dialog::Task(TaskDraft::Existing {
                id: occurrence.object_id.clone(),
            }),
            ItemKind::Event => Dialog::Event(EventDraft::Existing {
                id: occurrence.object_id.clone(),
                instance: occurrence.instance,
            }),
        };
        self.dialog.set(Some(dialog));
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

    /// Redraws the views after a write.
    pub fn refresh(self) {
        self.version.update(|v| *v += 1);
    }

    pub fn report(self, result: Result<(), AppError>, done: Key) {
        self.notice
            .set(Some(crate::feedback::outcome(self.i18n, result, done)));
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
    events: Resource<Result<Vec<Occurrence>, AppError>>,
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
    let view = RwSignal::new(ViewMode::Week);
    let anchor = RwSignal::new(None::<Day>);
    let version = RwSignal::new(0);
    let events = Resource::new(
        move || (shell.org_id(), view.get(), anchor.get(), version.get()),
        |(org, view, day, _)| {
            calendar_events(org, view.code().to_owned(), day.map(|d| d.to_string()))
        },
    );
    let reads = Reads {
        view,
        anchor,
        version,
        events,
    };
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match home.await {
                    Ok(home) => view! { <CalendarLayout home reads /> }.into_any(),
                    Err(error) => view! { <ErrorAlert error /> }.into_any(),
                }
            })}
        </Suspense>
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
        notice: RwSignal::new(None),
    };
    provide_context(cal);
    let events = reads.events;
    view! {
        <div class="calendar-app" data-view=move || cal.view.get().code()>
            <sidebar::CalendarSidebar />
            <div class="calendar-main">
                <toolbar::Toolbar />
                <p class="visually-hidden" role="status" aria-live="polite">{move || cal.notice.get()}</p>
                {move || match cal.view.get() {
                    ViewMode::Trash => view! { <lists::TrashView /> }.into_any(),
                    ViewMode::Tasks => view! { <tasks::TasksView /> }.into_any(),
                    view => view! { <CurrentView view events /> }.into_any(),
                }}
            </div>
            {move || cal.dialog.get().map(|dialog| match dialog {
                Dialog::Event(draft) => view! { <event_dialog::EventDialog draft /> }.into_any(),
                Dialog::Calendar(calendar) => view! { <calendar_dialog::CalendarDialog calendar /> }.into_any(),
                Dialog::Share(calendar) => view! { <share::ShareDialog calendar /> }.into_any(),
                Dialog::Task(draft) => view! { <task_dialog::TaskDialog draft /> }.into_any(),
                Dialog::Import => view! { <import::ImportDialog /> }.into_any(),
                Dialog::Settings => view! { <settings::SettingsDialog /> }.into_any(),
            })}
        </div>
    }
}

#[component]
fn CurrentView(
    view: ViewMode,
    events: Resource<Result<Vec<Occurrence>, AppError>>,
) -> impl IntoView {
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match events.await {
                    Ok(list) => match view {
                        ViewMode::Month => view! { <month::MonthView events=list /> }.into_any(),
                        ViewMode::Week | ViewMode::Day => view! { <grid::TimeGrid events=list /> }.into_any(),
                        _ => view! { <lists::AgendaView events=list /> }.into_any(),
                    },
                    Err(error) => view! { <ErrorAlert error /> }.into_any(),
                }
            })}
        </Transition>
    }
}
