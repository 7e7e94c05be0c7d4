//! Create an address book, or rename one.

use super::api::save_book;
use super::{use_contacts, Dialog};
use crate::dialog::CancelSave;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::Key;
use crate::modal::DialogBackdrop;
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
                    app.dialog.set(None::<Dialog>);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <DialogBackdrop on_close=Callback::new(move |()| close())>
            <form class="dialog book-dialog" role="dialog" aria-modal="true" aria-labelledby="book-dialog-title" on:submit=submit>
                <h2 id="book-dialog-title">{i18n.tt(heading)}</h2>
                <label class="field">
                    <span>{i18n.tt(Key::ColumnName)}</span>
                    <input type="text" name="book_name" required maxlength="100" bind:value=name />
                </label>
                <FormError error />
                <CancelSave on_cancel=Callback::new(move |()| close()) />
            </form>
        </DialogBackdrop>
    }
}
