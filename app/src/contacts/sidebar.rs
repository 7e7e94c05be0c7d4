//! The app's left column: "+ New contact", the address books with each book's ⋮ menu, "New
//! address book", and the shown book's groups.

use super::api::{change_book, BookChange};
use super::{use_contacts, Contacts, OpenDialog};
use crate::dialog::ConfirmDelete;
use crate::i18n::Key;
use crate::popover::Popover;
use domain::contacts::AddressBookView;
use domain::sharing::Permission;
use domain::trash::TrashKind;
use leptos::prelude::*;

#[component]
pub fn ContactsSidebar() -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    view! {
        <nav class="contacts-sidebar app-drawer" id="contacts-books" aria-label=i18n.tt(Key::AppContacts)
            on:keydown=move |ev| if ev.key() == "Escape" { app.drawer.set(false) }>
            <button class="button primary new-contact" on:click=move |_| app.dialog.set(Some(OpenDialog::Contact(None)))>
                {i18n.tt(Key::NewContact)}
            </button>
            <h2 class="sidebar-heading">{i18n.tt(Key::AddressBooks)}</h2>
            <ul class="book-list">
                {move || app.books.get().into_iter().map(|book| view! { <BookItem book /> }).collect_view()}
            </ul>
            <button class="link-button new-book" on:click=move |_| app.dialog.set(Some(OpenDialog::Book(None)))>
                {i18n.tt(Key::NewAddressBook)}
            </button>
            <super::groups::GroupList />
            <button class="link-button import-button" on:click=move |_| app.dialog.set(Some(OpenDialog::Import(None)))>
                {i18n.tt(Key::ImportContacts)}
            </button>
            <button class="link-button trash-button" on:click=move |_| app.dialog.set(Some(OpenDialog::Trash))>
                {i18n.tt(Key::Trash)}
            </button>
        </nav>
    }
}

/// Asks before a book goes, naming how many contacts go with it.
#[component]
pub fn DeleteBook(book: AddressBookView) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let (id, name, n) = (
        StoredValue::new(book.id.clone()),
        super::book_name(i18n, &book),
        book.contacts.to_string(),
    );
    let title = i18n.fill(Key::DeleteTitle, &[("name", &name)]);
    let question = i18n.fill(Key::DeleteBookConfirm, &[("name", &name), ("n", &n)]);
    let on_confirm =
        Callback::new(move |()| act(app, id.get_value(), BookChange::Delete, Key::MovedToTrash));
    let on_close = Callback::new(move |()| app.dialog.set(None));
    view! { <ConfirmDelete title question on_confirm on_close /> }
}

fn act(app: Contacts, id: String, change: BookChange, done: Key) {
    let org = app.org.get_untracked();
    leptos::task::spawn_local(async move {
        let result = change_book(org, id.clone(), change).await;
        if change == BookChange::Delete {
            app.report_undo(result, done, id, TrashKind::Book);
        } else {
            app.report(result, done);
        }
        app.reload();
    });
}

#[component]
fn BookItem(book: AddressBookView) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let menu = Popover::new();
    let id = book.id.clone();
    let shown = {
        let id = id.clone();
        move || app.book_id() == id
    };
    let marked = shown.clone();
    let select = {
        let id = id.clone();
        move |_| app.show_book(id.clone())
    };
    let run = {
        let id = id.clone();
        move |change: BookChange, done: Key| {
            menu.close();
            act(app, id.clone(), change, done);
        }
    };
    let run = StoredValue::new(run);
    let (owner, writable, sharer) = (
        book.access == Permission::Owner,
        book.access.can_write(),
        book.access.can_share(),
    );
    // The directory is the members themselves: nothing to change, share or export there.
    if book.directory {
        return view! {
            <li class="book-item directory" class:current=marked data-book="directory">
                <button class="book-select" aria-current=move || shown().then_some("true") on:click=select>
                    <span class="book-name">{i18n.tt(Key::Directory)}</span>
                    <span class="book-count">{book.contacts}</span>
                </button>
            </li>
        }
        .into_any();
    }
    let export = format!("/api/v1/addressbooks/{}/export", book.id);
    let stored = StoredValue::new(book.clone());
    let shown_name = move || stored.with_value(|b| super::book_name(i18n, b));
    let menu_label = move || format!("{} · {}", i18n.t(Key::BookOptions), shown_name());
    view! {
        <li class="book-item" class:current=marked data-book=book.name.clone()>
            <button class="book-select" aria-current=move || shown().then_some("true") on:click=select>
                <span class="book-name">
                    {shown_name}
                    {book.is_default.then(|| view! { <span class="calendar-meta">{i18n.tt(Key::DefaultBook)}</span> })}
                    {(!owner).then(|| view! { <span class="calendar-meta">{book.owner_name.clone()}</span> })}
                </span>
                <span class="book-count">{book.contacts}</span>
            </button>
            <div class="menu-anchor" node_ref=menu.root>
                <button class="icon-button" aria-haspopup="menu" aria-expanded=menu.expanded() aria-label=menu_label on:click=move |_| menu.toggle()>"⋮"</button>
                <Show when=move || menu.is_open()>
                    <ul class="menu" role="menu">
                        {owner.then(|| view! {
                            <li role="none"><button role="menuitem" class="menu-item" data-action="rename" on:click=move |_| {
                                menu.close();
                                app.dialog.set(Some(OpenDialog::Book(Some(stored.get_value()))));
                            }>{i18n.tt(Key::Rename)}</button></li>
                        })}
                        {sharer.then(|| view! {
                            <li role="none"><button role="menuitem" class="menu-item" data-action="share" on:click=move |_| {
                                menu.close();
                                app.dialog.set(Some(OpenDialog::Share(stored.get_value())));
                            }>{i18n.tt(Key::ShareCalendar)}</button></li>
                        })}
                        {writable.then(|| view! {
                            <li role="none"><button role="menuitem" class="menu-item" data-action="import" on:click=move |_| {
                                menu.close();
                                app.dialog.set(Some(OpenDialog::Import(Some(stored.with_value(|b| b.id.clone())))));
                            }>{i18n.tt(Key::ImportContacts)}</button></li>
                        })}
                        {writable.then(|| view! {
                            <li role="none"><button role="menuitem" class="menu-item" data-action="duplicates" on:click=move |_| {
                                menu.close();
                                app.dialog.set(Some(OpenDialog::Duplicates(stored.get_value())));
                            }>{i18n.tt(Key::ManageDuplicates)}</button></li>
                            <li role="none"><button role="menuitem" class="menu-item" data-action="restore-day" on:click=move |_| {
                                menu.close();
                                app.dialog.set(Some(OpenDialog::RestoreDay(stored.get_value())));
                            }>{i18n.tt(Key::RestoreToDay)}</button></li>
                        })}
                        <li role="none"><a role="menuitem" class="menu-item" data-action="export-vcf" href=format!("{export}?format=vcard") download="">{i18n.tt(Key::ExportVcard)}</a></li>
                        <li role="none"><a role="menuitem" class="menu-item" data-action="export-csv" href=format!("{export}?format=csv") download="">{i18n.tt(Key::ExportCsv)}</a></li>
                        {(writable && !book.is_default).then(|| view! {
                            <li role="none"><button role="menuitem" class="menu-item" data-action="default"
                                on:click=move |_| run.with_value(|r| r(BookChange::MakeDefault, Key::Saved))>{i18n.tt(Key::MakeDefault)}</button></li>
                        })}
                        {owner.then(|| view! {
                            <li role="none"><button role="menuitem" class="menu-item danger" data-action="delete"
                                on:click=move |_| {
                                    menu.close();
                                    app.dialog.set(Some(OpenDialog::DeleteBook(stored.get_value())));
                                }>{i18n.tt(Key::Delete)}</button></li>
                        })}
                    </ul>
                </Show>
            </div>
        </li>
    }
    .into_any()
}
