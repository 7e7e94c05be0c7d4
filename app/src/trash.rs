//! The trash, the same in every app: bringing an item back, and the list a trash shows (what
//! each item is, its title, where it was, and its restore button; or a line saying it is empty).

use crate::error::AppError;
use crate::feedback::Loaded;
use crate::i18n::{use_i18n, Key};
use domain::trash::{TrashItem, TrashKind};
use leptos::prelude::*;

/// Brings an item of any app's trash back; the domain picks the app's rules by its kind.
#[server(prefix = "/fn", endpoint = "undo_trashing")]
pub async fn undo_trashing(org: String, id: String, kind: TrashKind) -> Result<(), AppError> {
    let (ctx, actor, _) = crate::context::member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::undo::trashing(&ctx.db, &actor, kind, &id, now).await?)
}

/// What an item of the trash is ("Event", "Merge of {n} cards"), and its button's text:
/// Restore, or Undo the merge.
fn texts(kind: TrashKind) -> (Key, Key) {
    match kind {
        TrashKind::Calendar => (Key::AppCalendar, Key::Restore),
        TrashKind::Event => (Key::Event, Key::Restore),
        TrashKind::Task => (Key::Task, Key::Restore),
        TrashKind::Book => (Key::AddressBook, Key::Restore),
        TrashKind::Contact => (Key::Contact, Key::Restore),
        TrashKind::Merge => (Key::MergeOf, Key::UndoMerge),
    }
}

/// An app's trash as `items` loads it; each item's button runs `restore` with its id and kind.
#[component]
pub fn TrashList(
    items: Resource<Result<Vec<TrashItem>, AppError>>,
    restore: Callback<(String, TrashKind)>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Loaded resource=items let:items>
            {match items.is_empty() {
                true => view! { <p class="empty-state" role="status">{i18n.tt(Key::TrashEmpty)}</p> }.into_any(),
                false => view! {
                    <ul class="trash-list">
                        {items.into_iter().map(|item| {
                            let (what, action) = texts(item.kind);
                            // A merge names how many cards it merged into the reference.
                            let count = (item.kind == TrashKind::Merge).then_some(item.merged + 1);
                            let what = move || match count {
                                Some(n) => i18n.fill(what, &[("n", &n.to_string())]),
                                None => i18n.t(what).to_owned(),
                            };
                            let (id, kind, label) = (item.id, item.kind, item.title.clone());
                            view! {
                                <li data-title=label>
                                    <span class="muted">{what}</span>
                                    <span>{item.title}</span>
                                    <span class="muted">{item.place}</span>
                                    <button class="button" on:click=move |_| restore.run((id.clone(), kind))>{i18n.tt(action)}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </Loaded>
    }
}
