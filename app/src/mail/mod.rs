//! The Mail app: the member's mailboxes and their folders on the left, the chosen folder's
//! messages (or a search's) as a list that stays quick at any length, and the chosen message.

pub mod api;
mod compose;
mod keyboard;
mod list;
mod reader;
mod recipients;
mod sidebar;
mod widget;
mod window;

use crate::error::AppError;
use crate::feedback::{self, Loaded, Notice, Toast};
use crate::i18n::{use_i18n, I18n, Key};
use crate::live::Live;
use crate::space::use_shell;
use api::{mail_act, mail_folders, mail_opening, mailboxes, ActionOutcome, MailAction};
use domain::live::{ChangeScope, CollectionKind};
use domain::mail::{FolderRole, FolderView, MailSort, MailboxView, MessageSet};
use leptos::prelude::*;
use std::collections::HashMap;

pub use widget::UnreadMailWidget;

/// The rows fetched so far, by page, with the list they belong to.
pub type Pages = HashMap<u32, Vec<api::Listed>>;

/// What the list shows: a folder, in an order, or a search.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shown {
    pub folder: String,
    pub sort: MailSort,
    pub ascending: bool,
    pub search: String,
}

/// The app's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct Mail {
    pub i18n: I18n,
    pub org: Memo<String>,
    pub mailboxes: RwSignal<Vec<MailboxView>>,
    /// The mailbox whose folders are open.
    pub mailbox: RwSignal<String>,
    pub folders: RwSignal<Vec<FolderView>>,
    pub shown: RwSignal<Shown>,
    /// The list's rows fetched so far; cleared when `shown` changes.
    pub pages: RwSignal<Pages>,
    /// How many rows the list has.
    pub total: RwSignal<u64>,
    /// Bumped after a change, so the rows in view and the folders are read again.
    pub version: RwSignal<u32>,
    /// The message in the reading pane, and what it read as once loaded.
    pub selected: RwSignal<Option<String>>,
    pub reading: RwSignal<Option<Result<api::ShownMessage, AppError>>>,
    /// The compose form's content while it is open.
    pub composing: RwSignal<Option<domain::mail::Composed>>,
    /// The messages ticked for an action on several, and whether "all of the folder" is.
    pub checked: RwSignal<Vec<String>>,
    pub all_checked: RwSignal<bool>,
    /// Where a shift-click's range starts: the row opened or ticked last.
    pub anchor: RwSignal<Option<u32>>,
    pub drawer: RwSignal<bool>,
    /// Whether the list of keyboard shortcuts is open.
    pub shortcuts: RwSignal<bool>,
    pub notice: RwSignal<Option<Notice>>,
}

impl Mail {
    pub fn folder_of(self, role: FolderRole) -> Option<String> {
        self.folders.with_untracked(|all| {
            all.iter()
                .find(|f| f.role == Some(role))
                .map(|f| f.id.clone())
        })
    }

    /// The loaded row at `position` of the list.
    pub fn row_at(self, position: u32) -> Option<api::Listed> {
        let (page, at) = window::place(position);
        self.pages
            .with_untracked(|p| p.get(&page).and_then(|rows| rows.get(at).cloned()))
    }

    /// The row of the message open in the reading pane, when it is loaded.
    pub fn selected_row(self) -> Option<api::Listed> {
        let id = self.selected.get_untracked()?;
        self.row_at(self.anchor.get_untracked()?)
            .filter(|row| row.message.id == id)
    }

    /// The ticked messages, or the whole folder when "all of it" is.
    pub fn ticked(self) -> Option<MessageSet> {
        if self.all_checked.get_untracked() {
            return Some(MessageSet::Folder(
                self.shown.with_untracked(|s| s.folder.clone()),
            ));
        }
        let checked = self.checked.get_untracked();
        (!checked.is_empty()).then_some(MessageSet::Ids(checked))
    }

    /// What an action from the keyboard applies to: the ticked messages, else the one open.
    pub fn targets(self) -> Option<MessageSet> {
        self.ticked().or_else(|| {
            self.selected
                .get_untracked()
                .map(|id| MessageSet::Ids(vec![id]))
        })
    }

    /// The message to open once the open one leaves the list (archived, deleted), and its
    /// position then: the next one, or at the end the one before.
    pub fn after_leaving(self) -> Option<(String, u32)> {
        let position = self.anchor.get_untracked()?;
        let id = |p: u32| self.row_at(p).map(|row| row.message.id);
        match id(position + 1) {
            Some(next) => Some((next, position)),
            None => Some((id(position.checked_sub(1)?)?, position - 1)),
        }
    }

    pub fn current_folder(self) -> Option<FolderView> {
        let id = self.shown.with(|s| s.folder.clone());
        self.folders
            .with(|all| all.iter().find(|f| f.id == id).cloned())
    }

    /// Shows a folder from its top, in date order, with nothing selected.
    pub fn show_folder(self, id: String) {
        self.shown.set(Shown {
            folder: id,
            ..Shown::default()
        });
        self.selected.set(None);
        self.drawer.set(false);
        self.clear_list();
    }

    /// Opens the message `id`, in `folder` of `mailbox` (a link led to it): that mailbox and
    /// folder shown, so that what the pane does acts there.
    pub fn open_message(self, mailbox: String, folder: String, id: String) {
        if mailbox != self.mailbox.get_untracked() {
            self.mailbox.set(mailbox);
            self.folders.set(Vec::new());
        }
        self.shown.set(Shown {
            folder,
            ..Shown::default()
        });
        self.clear_list();
        self.reload_folders();
        self.selected.set(Some(id));
    }

    /// Shows another mailbox's Inbox.
    pub fn show_mailbox(self, id: String) {
        self.mailbox.set(id);
        self.folders.set(Vec::new());
        self.shown.set(Shown::default());
        self.clear_list();
        self.reload_folders();
    }

    pub fn search(self, text: String) {
        self.shown.update(|s| s.search = text);
        self.selected.set(None);
        self.clear_list();
    }

    pub fn sort(self, sort: MailSort, ascending: bool) {
        self.shown.update(|s| {
            s.sort = sort;
            s.ascending = ascending;
        });
        self.clear_list();
    }

    fn clear_list(self) {
        self.pages.set(Pages::new());
        self.total.set(0);
        self.checked.set(Vec::new());
        self.all_checked.set(false);
        self.version.update(|v| *v += 1);
    }

    /// Reads the folders (their counts) and the rows in view again.
    pub fn refresh(self) {
        self.reload_folders();
        self.version.update(|v| *v += 1);
    }

    pub fn reload_folders(self) {
        let (org, mailbox) = (self.org.get_untracked(), self.mailbox.get_untracked());
        leptos::task::spawn_local(async move {
            if let Ok(folders) = mail_folders(org, mailbox.clone()).await {
                if mailbox != self.mailbox.get_untracked() {
                    return;
                }
                let shown = self.shown.with_untracked(|s| s.folder.clone());
                let inbox = folders
                    .iter()
                    .find(|f| f.role == Some(FolderRole::Inbox))
                    .map(|f| f.id.clone());
                self.folders.set(folders.clone());
                if !folders.iter().any(|f| f.id == shown) {
                    if let Some(inbox) = inbox {
                        self.show_folder(inbox);
                    }
                }
            }
        });
    }

    /// Does `action` on the mailbox shown and announces `done`; a move is offered an Undo.
    pub fn act(self, action: MailAction, done: Key) {
        let (org, mailbox) = (self.org.get_untracked(), self.mailbox.get_untracked());
        let i18n = self.i18n;
        leptos::task::spawn_local(async move {
            let result = mail_act(org, mailbox.clone(), action).await;
            let (result, moved) = match result {
                Ok(ActionOutcome { moved, .. }) => (Ok(()), moved),
                Err(err) => (Err(err), Vec::new()),
            };
            if moved.is_empty() {
                feedback::report(self.notice, i18n, result, done);
            } else {
                let moved = StoredValue::new(moved);
                feedback::report_undo(self.notice, i18n, result, done, move || {
                    let action = MailAction::UndoMove {
                        moved: moved.get_value(),
                    };
                    self.act(action, Key::MailUndone);
                });
            }
            self.checked.set(Vec::new());
            self.all_checked.set(false);
            self.refresh();
        });
    }

    /// Moves `set` to the mailbox's folder of `role` (Archive, Spam) with an Undo; false when
    /// the mailbox has no such folder.
    pub fn move_to_role(self, set: MessageSet, role: FolderRole, done: Key) -> bool {
        match self.folder_of(role) {
            Some(to) => {
                self.act(api::MailAction::Move { set, to }, done);
                true
            }
            None => false,
        }
    }

    /// Reads, unreads, stars or unstars `set`.
    pub fn change_flags(self, set: MessageSet, change: domain::mail::FlagChange) {
        self.act(api::MailAction::Flags { set, change }, Key::MailChanged);
    }

    /// Does `action` on the mailbox shown without a word: what opening a message does to it.
    pub fn act_quietly(self, action: MailAction) {
        let (org, mailbox) = (self.org.get_untracked(), self.mailbox.get_untracked());
        leptos::task::spawn_local(async move {
            if mail_act(org, mailbox, action).await.is_ok() {
                self.refresh();
            }
        });
    }

    /// Reads again when the mailbox shown changes (a message arrives, another tab acts), and
    /// the mailboxes when one is shared, renamed or given an address.
    fn follow_changes(self, live: Live) {
        live.on_change(move |change| {
            if change.kind != CollectionKind::MailAccount
                || change.org_id != self.org.get_untracked()
            {
                return;
            }
            match change.scope {
                ChangeScope::Collection => {
                    let org = self.org.get_untracked();
                    leptos::task::spawn_local(async move {
                        if let Ok(list) = mailboxes(org).await {
                            self.mailboxes.set(list);
                        }
                    });
                }
                ChangeScope::Items if change.collection_id == self.mailbox.get_untracked() => {
                    self.refresh();
                }
                ChangeScope::Items => {}
            }
        });
    }
}

pub fn use_mail() -> Mail {
    expect_context::<Mail>()
}

/// A folder's name as the member reads it: the suite's folders in their language.
pub fn folder_name(i18n: I18n, folder: &FolderView) -> String {
    match folder.role {
        Some(FolderRole::Inbox) => i18n.t(Key::FolderInbox).to_owned(),
        Some(FolderRole::Drafts) => i18n.t(Key::FolderDrafts).to_owned(),
        Some(FolderRole::Sent) => i18n.t(Key::FolderSent).to_owned(),
        Some(FolderRole::Archive) => i18n.t(Key::FolderArchive).to_owned(),
        Some(FolderRole::Spam) => i18n.t(Key::FolderSpam).to_owned(),
        Some(FolderRole::Trash) => i18n.t(Key::FolderTrash).to_owned(),
        None => folder.name.clone(),
    }
}

/// The Mail app, in a wasm chunk of its own that the browser fetches the first time it is
/// shown (see `shell::apps::preload`).
#[lazy]
pub fn mail_chunk() -> AnyView {
    view! { <MailApp /> }.into_any()
}

#[component]
fn MailApp() -> impl IntoView {
    let shell = use_shell();
    let opened = Resource::new(move || shell.org_id(), mail_opening);
    view! {
        <Loaded resource=opened let:opened>
            <MailLayout list=opened.0 folders=opened.1 />
        </Loaded>
    }
}

#[component]
fn MailLayout(list: Vec<MailboxView>, folders: Vec<FolderView>) -> impl IntoView {
    let shell = use_shell();
    let first = list.first().map(|m| m.id.clone()).unwrap_or_default();
    let inbox = folders
        .iter()
        .find(|f| f.role == Some(FolderRole::Inbox))
        .map(|f| f.id.clone())
        .unwrap_or_default();
    // A link to one message (the Home widget's) opens it in the reading pane: at once when the
    // page opens on it, and when the address changes to another.
    let in_main = shell.app.get_untracked() == Some(crate::space::AppId::Mail);
    let query = leptos_router::hooks::use_query_map();
    let asked = move || in_main.then(|| query.with(|q| q.get("message"))).flatten();
    let opened = asked();
    let app = Mail {
        i18n: use_i18n(),
        org: Memo::new(move |_| shell.org_id()),
        mailboxes: RwSignal::new(list),
        mailbox: RwSignal::new(first),
        folders: RwSignal::new(folders),
        shown: RwSignal::new(Shown {
            folder: inbox,
            ..Shown::default()
        }),
        pages: RwSignal::new(Pages::new()),
        total: RwSignal::new(0),
        version: RwSignal::new(0),
        selected: RwSignal::new(opened),
        reading: RwSignal::new(None),
        composing: RwSignal::new(None),
        checked: RwSignal::new(Vec::new()),
        all_checked: RwSignal::new(false),
        anchor: RwSignal::new(None),
        drawer: RwSignal::new(false),
        shortcuts: RwSignal::new(false),
        notice: RwSignal::new(None),
    };
    provide_context(app);
    Effect::new(move |before: Option<Option<String>>| {
        let now = asked();
        if now.is_some() && before.is_some_and(|before| before != now) {
            app.selected.set(now.clone());
        }
        now
    });
    app.follow_changes(shell.live);
    keyboard::listen(
        app,
        shell.app.get_untracked() == Some(crate::space::AppId::Mail),
    );
    view! {
        // Where three columns do not fit (a phone, the side panel) the list and the message
        // take turns, and the folders slide in as a drawer (style/70-mail.css).
        <div
            class="mail-app app-with-drawer"
            class:showing-message=move || app.selected.with(Option::is_some)
            class:drawer-open=move || app.drawer.get()
        >
            <sidebar::MailSidebar />
            <list::MessageList />
            <reader::ReadingPane />
            <Toast notice=app.notice />
            {move || app.composing.get().map(|composed| view! { <compose::ComposeForm composed /> })}
            <Show when=move || app.shortcuts.get()>
                <keyboard::ShortcutsDialog />
            </Show>
        </div>
    }
}
