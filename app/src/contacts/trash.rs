//! The contacts' trash: deleted contacts and books, and merges, each with its Restore (for a
//! merge: Undo the merge).

use super::api::contacts_trash;
use super::use_contacts;
use crate::dialog::CloseButton;
use crate::i18n::Key;
use crate::modal::Dialog;
use crate::trash::TrashList;
use leptos::prelude::*;

#[component]
pub fn TrashDialog() -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let items = Resource::new(
        move || (app.org.get(), app.version.get()),
        |(org, _)| contacts_trash(org),
    );
    let close = move || app.dialog.set(None);
    view! {
        <Dialog class="dialog trash-dialog" heading_id="contacts-trash-title" title=i18n.tt(Key::Trash)
            on_close=Callback::new(move |()| close())>
            <p class="muted">{i18n.tt(Key::ContactsTrashHint)}</p>
            <TrashList items restore=Callback::new(move |(id, kind)| app.restore(id, kind)) />
            <CloseButton on_close=Callback::new(move |()| close()) />
        </Dialog>
    }
}
