//! Create an address book, or rename one.

use super::api::save_book;
use super::{use_contacts, OpenDialog};
use crate::dialog::CancelSave;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::Key;
use crate::modal::Dialog;
use domain::contacts::AddressBookView;
use leptos::prelude::*;

#[component]
pub fn BookDialog(book: Option<AddressBookView>) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let id = book.as_ref().map(|b| b.id.clone());
    let heading = if id.is_some() {
        Key::RenameAddressBook
    } else {
        Key::NewAddressBook
    };
    let name = RwSignal::new(book.map(|b| b.name).unwrap_or_default());
    let error = RwSignal::new(None::<AppError>);
    let close = move || app.dialog.set(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (org, id, name) = (app.org.get_untracked(), id.clone(), name.get_untracked());
        leptos::task::spawn_local(async move {
            match save_book(org, id, name).await {
                Ok(id) => {
                    app.report(Ok(()), Key::Saved);
                    app.book.set(Some(id));
                    app.reload();
                    app.dialog.set(None::<OpenDialog>);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <Dialog class="dialog book-dialog" heading_id="book-dialog-title" title=i18n.tt(heading)
            on_close=Callback::new(move |()| close()) on_submit=Callback::new(submit)>
            <label class="field">
                <span>{i18n.tt(Key::ColumnName)}</span>
                <input type="text" name="book_name" required maxlength="100" bind:value=name />
            </label>
            <FormError error />
            <CancelSave on_cancel=Callback::new(move |()| close()) />
        </Dialog>
    }
}
