//! The Contacts app: the address books on the left, the chosen book's contacts in alphabetical
//! sections with an instant filter, the chosen contact's card, and the dialogs that create and
//! change contacts and books.

pub mod api;
mod book_dialog;
mod card;
mod csv_columns;
mod duplicates;
mod editor;
mod groups;
mod import;
mod list;
mod photo;
mod restore_day;
mod selection;
mod share;
mod sidebar;
mod trash;
mod widget;

use crate::error::AppError;
use crate::feedback::{self, Loaded, Notice, Toast};
use crate::i18n::{use_i18n, I18n, Key};
use crate::live::{redraw_if_changed, unchanged, Live};
use crate::space::use_shell;
use api::{book_contacts, book_groups, contact_books, load_contact};
use domain::contacts::{AddressBookView, ContactDetail, ContactGroup, ContactSummary};
use domain::live::{ChangeScope, CollectionKind};
use domain::trash::TrashKind;
use leptos::prelude::*;
pub use widget::RecentContactsWidget;

#[derive(Debug, Clone, PartialEq)]
pub enum OpenDialog {
    /// A new contact (None) or a stored one, by id.
    Contact(Option<String>),
    /// A new address book (None) or one to rename.
    Book(Option<AddressBookView>),
    Share(AddressBookView),
    /// Import a file, into this book when given.
    Import(Option<String>),
    Duplicates(AddressBookView),
    /// A new group in the book shown.
    Group,
    RestoreDay(AddressBookView),
    Trash,
    /// Asks before a book and its contacts go to the trash.
    DeleteBook(AddressBookView),
}

/// The app's state, shared by its parts.
#[derive(Clone, Copy)]
pub struct Contacts {
    pub i18n: I18n,
    pub org: Memo<String>,
    pub books: RwSignal<Vec<AddressBookView>>,
    /// The book whose contacts are listed; `None`: the default one.
    pub book: RwSignal<Option<String>>,
    /// The contact whose card is shown.
    pub selected: RwSignal<Option<String>>,
    /// Whether the books are open as a drawer, where the app is too narrow for three columns.
    pub drawer: RwSignal<bool>,
    /// The contacts ticked in the list, for the selection's actions.
    pub checked: RwSignal<Vec<String>>,
    /// The group the list is narrowed to.
    pub group: RwSignal<Option<String>>,
    /// Bumped after every write, so the list and the card read again.
    pub version: RwSignal<u32>,
    pub contacts: Resource<Result<Vec<ContactSummary>, AppError>>,
    pub groups: Resource<Result<Vec<ContactGroup>, AppError>>,
    pub detail: Resource<Result<Option<ContactDetail>, AppError>>,
    pub dialog: RwSignal<Option<OpenDialog>>,
    /// The last outcome to announce (saved, deleted, an error).
    pub notice: RwSignal<Option<Notice>>,
}

impl Contacts {
    /// The id of the book shown.
    pub fn book_id(&self) -> String {
        self.book
            .get()
            .unwrap_or_else(|| self.books.with(|all| first_book(all)))
    }

    pub fn current_book(&self) -> Option<AddressBookView> {
        let id = self.book_id();
        self.books
            .with(|all| all.iter().find(|b| b.id == id).cloned())
    }

    /// The book new contacts go to: the one shown when it takes them, else the default.
    pub fn target_book(&self) -> String {
        let shown = self.current_book().filter(|b| b.access.can_write());
        shown
            .map(|b| b.id)
            .unwrap_or_else(|| self.books.with_untracked(|all| first_book(all)))
    }

    /// Reads the book list again (after a change to a book) and redraws.
    pub fn reload(self) {
        let org = self.org.get_untracked();
        leptos::task::spawn_local(async move {
            if let Ok(books) = contact_books(org).await {
                let shown = self.book.get_untracked();
                if shown.is_some_and(|id| !books.iter().any(|b| b.id == id)) {
                    self.book.set(None);
                }
                self.books.set(books);
            }
            self.refresh();
        });
    }

    /// Shows another book, from its top, with nothing ticked.
    pub fn show_book(self, id: String) {
        self.book.set(Some(id));
        self.drawer.set(false);
        self.group.set(None);
        self.selected.set(None);
        self.checked.set(Vec::new());
    }

    pub fn refresh(self) {
        self.version.update(|v| *v += 1);
    }

    /// Reads again when a book, or the contacts of the book shown, changed (in this tab,
    /// another, or another member's).
    fn follow_changes(self, live: Live) {
        live.on_change(move |change| {
            if change.kind != CollectionKind::AddressBook
                || change.org_id != self.org.get_untracked()
            {
                return;
            }
            let org = self.org.get_untracked();
            match change.scope {
                ChangeScope::Collection => {
                    let shown = move |fresh: &Result<Vec<AddressBookView>, AppError>| {
                        fresh
                            .as_ref()
                            .is_ok_and(|books| self.books.with_untracked(|b| b == books))
                    };
                    redraw_if_changed(self.version, contact_books(org), shown, move || {
                        self.reload()
                    });
                }
                ChangeScope::Items if change.collection_id == untrack(|| self.book_id()) => {
                    let (book, selected) =
                        (self.book.get_untracked(), self.selected.get_untracked());
                    let read = async move {
                        let list = book_contacts(org.clone(), book).await;
                        let detail = match selected {
                            Some(id) => load_contact(org, id).await.map(Some),
                            None => Ok(None),
                        };
                        (list, detail)
                    };
                    let shown = move |(list, detail): &Shown| {
                        self.contacts
                            .with_untracked(|now| unchanged(now.as_ref(), list))
                            && self
                                .detail
                                .with_untracked(|now| unchanged(now.as_ref(), detail))
                    };
                    redraw_if_changed(self.version, read, shown, move || self.refresh());
                }
                ChangeScope::Items => {}
            }
        });
    }

    pub fn report(self, result: Result<(), AppError>, done: Key) {
        feedback::report(self.notice, self.i18n, result, done);
    }

    /// Reports a change that the trash takes back: Undo restores `id` of `kind`.
    pub fn report_undo(self, result: Result<(), AppError>, done: Key, id: String, kind: TrashKind) {
        feedback::report_undo(self.notice, self.i18n, result, done, move || {
            self.restore(id.clone(), kind)
        });
    }

    /// Takes a contact or a book out of the trash, or undoes a merge.
    pub fn restore(self, id: String, kind: TrashKind) {
        let org = self.org.get_untracked();
        leptos::task::spawn_local(async move {
            let result = crate::trash::undo_trashing(org, id, kind).await;
            self.report(result, Key::Restored);
            self.reload();
        });
    }
}

/// What the list and the card show: the book's contacts and the contact chosen.
type Shown = (
    Result<Vec<ContactSummary>, AppError>,
    Result<Option<ContactDetail>, AppError>,
);

pub fn use_contacts() -> Contacts {
    expect_context::<Contacts>()
}

/// A book's name as the member reads it: the directory's in their language.
/// A book's name as shown: the directory's and the first book's (until renamed) in the
/// viewer's language.
pub fn book_name(i18n: I18n, book: &AddressBookView) -> String {
    if book.directory {
        i18n.t(Key::Directory).to_owned()
    } else if book.access == domain::sharing::Permission::Owner {
        domain::locale::SystemName::Contacts.shown(&book.name, i18n.locale.get())
    } else {
        book.name.clone()
    }
}

/// The book shown first: the default one.
fn first_book(books: &[AddressBookView]) -> String {
    books
        .iter()
        .find(|b| b.is_default)
        .or(books.first())
        .map(|b| b.id.clone())
        .unwrap_or_default()
}

/// The contacts app, in a wasm chunk of its own that the browser fetches the first time it is
/// shown (see `shell::apps::preload`).
#[lazy]
pub fn contacts_chunk() -> AnyView {
    view! { <ContactsApp /> }.into_any()
}

/// What the app reads before it draws. Made before the first wait, so the server renders the
/// page with the list (and the browser hydrates it) after one wait.
#[derive(Clone, Copy)]
struct Reads {
    book: RwSignal<Option<String>>,
    selected: RwSignal<Option<String>>,
    version: RwSignal<u32>,
    contacts: Resource<Result<Vec<ContactSummary>, AppError>>,
    groups: Resource<Result<Vec<ContactGroup>, AppError>>,
    detail: Resource<Result<Option<ContactDetail>, AppError>>,
}

#[component]
fn ContactsApp() -> impl IntoView {
    let shell = use_shell();
    let books = Resource::new(move || shell.org_id(), contact_books);
    let book = RwSignal::new(None::<String>);
    let selected = RwSignal::new(None::<String>);
    let version = RwSignal::new(0u32);
    let contacts = Resource::new(
        move || (shell.org_id(), book.get(), version.get()),
        |(org, book, _)| book_contacts(org, book),
    );
    let groups = Resource::new(
        move || (shell.org_id(), book.get(), version.get()),
        |(org, book, _)| book_groups(org, book),
    );
    let detail = Resource::new(
        move || (shell.org_id(), selected.get(), version.get()),
        |(org, id, _)| async move {
            match id {
                Some(id) => load_contact(org, id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let reads = Reads {
        book,
        selected,
        version,
        contacts,
        groups,
        detail,
    };
    view! {
        <Loaded resource=books let:books>
            <ContactsLayout books reads />
        </Loaded>
    }
}

#[component]
fn ContactsLayout(books: Vec<AddressBookView>, reads: Reads) -> impl IntoView {
    let shell = use_shell();
    let app = Contacts {
        i18n: use_i18n(),
        org: Memo::new(move |_| shell.org_id()),
        books: RwSignal::new(books),
        book: reads.book,
        selected: reads.selected,
        drawer: RwSignal::new(false),
        checked: RwSignal::new(Vec::new()),
        group: RwSignal::new(None),
        version: reads.version,
        contacts: reads.contacts,
        groups: reads.groups,
        detail: reads.detail,
        dialog: RwSignal::new(None),
        notice: RwSignal::new(None),
    };
    provide_context(app);
    app.follow_changes(shell.live);
    view! {
        // Where three columns do not fit (a phone, the side panel) the list and the card take
        // turns, and the books slide in as a drawer (style/60-contacts.css).
        <div
            class="contacts-app app-with-drawer"
            class:showing-card=move || app.selected.with(Option::is_some)
            class:drawer-open=move || app.drawer.get()
        >
            <sidebar::ContactsSidebar />
            <list::ContactList />
            <card::ContactCard />
            <Toast notice=app.notice />
            {move || app.dialog.get().map(|dialog| match dialog {
                OpenDialog::Contact(id) => view! { <editor::ContactEditor id /> }.into_any(),
                OpenDialog::Book(book) => view! { <book_dialog::BookDialog book /> }.into_any(),
                OpenDialog::Share(book) => view! { <share::ShareBookDialog book /> }.into_any(),
                OpenDialog::Import(book) => view! { <import::ImportDialog book /> }.into_any(),
                OpenDialog::Duplicates(book) => view! { <duplicates::DuplicatesDialog book /> }.into_any(),
                OpenDialog::Group => view! { <groups::GroupDialog /> }.into_any(),
                OpenDialog::RestoreDay(book) => view! { <restore_day::RestoreDayDialog book /> }.into_any(),
                OpenDialog::Trash => view! { <trash::TrashDialog /> }.into_any(),
                OpenDialog::DeleteBook(book) => view! { <sidebar::DeleteBook book /> }.into_any(),
            })}
        </div>
    }
}
