//! The address book's share dialog: who has it and at which level.

use super::use_contacts;
use crate::dialog::CloseButton;
use crate::i18n::Key;
use crate::modal::Dialog;
use crate::sharing::SharesEditor;
use domain::contacts::AddressBookView;
use domain::live::CollectionKind;
use leptos::prelude::*;

#[component]
pub fn ShareBookDialog(book: AddressBookView) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let close = move || app.dialog.set(None);
    let name = book.name;
    view! {
        <Dialog class="dialog share-dialog" heading_id="share-title"
            title=move || i18n.fill(Key::ShareTitle, &[("name", &name)])
            on_close=Callback::new(move |()| close())>
            <SharesEditor kind=CollectionKind::AddressBook id=book.id owner_id=book.owner_id
                on_saved=Callback::new(move |()| app.report(Ok(()), Key::Saved)) />
            <CloseButton on_close=Callback::new(move |()| close()) />
        </Dialog>
    }
}
