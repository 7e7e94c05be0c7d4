//! The contacts' trash: deleted contacts and books, and merges, each with its Restore (for a
//! merge: Undo the merge).

use super::api::contacts_trash;
use super::use_contacts;
use crate::dialog::CloseButton;
use crate::feedback::{ErrorAlert, Loading};
use crate::i18n::Key;
use crate::modal::DialogBackdrop;
use crate::trash::{TrashList, TrashRow};
use domain::contacts::TrashKind;
use leptos::prelude::*;

#[component]
pub fn TrashDialog() -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let items = Resource::new(
        move || (app.org.get(), app.version.get()),
        |(org, _)| contacts_trash(org),
    );
    let restore = move |id: String, kind: TrashKind| app.restore(id, kind);
    let close = move || app.dialog.set(None);
    view! {
        <DialogBackdrop on_close=Callback::new(move |()| close())>
            <div class="dialog trash-dialog" role="dialog" aria-modal="true" aria-labelledby="contacts-trash-title">
                <h2 id="contacts-trash-title">{i18n.tt(Key::Trash)}</h2>
                <p class="muted">{i18n.tt(Key::ContactsTrashHint)}</p>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match items.await {
                            Ok(list) => {
                                let rows = list.into_iter().map(|item| {
                                    let (id, kind) = (item.id, item.kind);
                                    let (what, count, action) = match kind {
                                        TrashKind::Contact => (Key::Contact, None, Key::Restore),
                                        TrashKind::Book => (Key::AddressBook, None, Key::Restore),
                                        TrashKind::Merge => (Key::MergeOf, Some(item.merged + 1), Key::UndoMerge),
                                    };
                                    TrashRow {
                                        title: item.title,
                                        what,
                                        count,
                                        place: item.book_name,
                                        action,
                                        restore: Callback::new(move |()| restore(id.clone(), kind)),
                                    }
                                }).collect();
                                view! { <TrashList i18n rows /> }.into_any()
                            }
                            Err(error) => view! { <ErrorAlert error /> }.into_any(),
                        }
                    })}
                </Transition>
                <CloseButton on_close=Callback::new(move |()| close()) />
            </div>
        </DialogBackdrop>
    }
}
