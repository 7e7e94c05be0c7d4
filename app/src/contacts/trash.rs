//! The contacts' trash: deleted contacts and books, and merges, each with its Restore (for a
//! merge: Undo the merge).

use super::api::{contacts_trash, restore_item};
use super::use_contacts;
use crate::dialog::CloseButton;
use crate::feedback::{ErrorAlert, Loading};
use crate::i18n::Key;
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
    let restore = move |id: String, kind: TrashKind| {
        let org = app.org.get_untracked();
        leptos::task::spawn_local(async move {
            let result = restore_item(org, id, kind).await;
            app.report(result, Key::Restored);
            app.reload();
        });
    };
    let close = move || app.dialog.set(None);
    view! {
        <div class="dialog-backdrop" on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <div class="dialog trash-dialog" role="dialog" aria-modal="true" aria-labelledby="contacts-trash-title">
                <h2 id="contacts-trash-title">{i18n.tt(Key::Trash)}</h2>
                <p class="muted">{i18n.tt(Key::ContactsTrashHint)}</p>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match items.await {
                            Ok(list) if list.is_empty() => view! { <p class="empty-state" role="status">{i18n.tt(Key::TrashEmpty)}</p> }.into_any(),
                            Ok(list) => view! {
                                <ul class="trash-list">
                                    {list.into_iter().map(|item| {
                                        let (id, kind) = (item.id.clone(), item.kind);
                                        let what = match kind {
                                            TrashKind::Contact => i18n.t(Key::Contact).to_owned(),
                                            TrashKind::Book => i18n.t(Key::AddressBook).to_owned(),
                                            TrashKind::Merge => i18n.fill(Key::MergeOf, &[("n", &(item.merged + 1).to_string())]),
                                        };
                                        let action = if kind == TrashKind::Merge { Key::UndoMerge } else { Key::Restore };
                                        view! {
                                            <li data-title=item.title.clone()>
                                                <span class="muted">{what}</span>
                                                <span>{item.title.clone()}</span>
                                                <span class="muted">{item.book_name.clone()}</span>
                                                <button class="button" on:click=move |_| restore(id.clone(), kind)>{i18n.tt(action)}</button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(error) => view! { <ErrorAlert error /> }.into_any(),
                        }
                    })}
                </Transition>
                <CloseButton on_close=Callback::new(move |()| close()) />
            </div>
        </div>
    }
}
