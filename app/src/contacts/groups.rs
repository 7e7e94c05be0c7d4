//! The shown book's groups in the sidebar: pick one to narrow the list to it, create one,
//! delete one (its contacts stay). Contacts join or leave a group from the selection bar.

use super::api::change_group;
use super::{use_contacts, Contacts, OpenDialog};
use crate::dialog::CancelSave;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::Key;
use crate::modal::Dialog;
use domain::contacts::{same_group, ContactGroup};
use leptos::prelude::*;

/// Creates (`delete` false) or deletes a group of the shown book.
async fn change(app: Contacts, name: String, delete: bool) -> Result<(), AppError> {
    change_group(app.org.get_untracked(), app.book_id(), name, delete).await
}

#[component]
pub fn GroupList() -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let writable = move || app.current_book().is_some_and(|b| b.access.can_write());
    let all_current = move || app.group.with(Option::is_none);
    view! {
        <h2 class="sidebar-heading" id="groups-heading">{i18n.tt(Key::Groups)}</h2>
        <ul class="group-list" aria-labelledby="groups-heading">
            <li class="group-item" class:current=all_current>
                <button class="group-select" aria-current=move || all_current().then_some("true")
                    on:click=move |_| app.group.set(None)>
                    {i18n.tt(Key::AllContacts)}
                </button>
            </li>
            <Transition>
                {move || Suspend::new(async move {
                    app.groups.await.unwrap_or_default().into_iter()
                        .map(|group| view! { <GroupItem group writable=writable() /> })
                        .collect_view()
                })}
            </Transition>
        </ul>
        <Show when=writable>
            <button class="link-button new-group" on:click=move |_| app.dialog.set(Some(OpenDialog::Group))>
                {i18n.tt(Key::NewGroup)}
            </button>
        </Show>
    }
}

#[component]
fn GroupItem(group: ContactGroup, writable: bool) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let name = StoredValue::new(group.name.clone());
    let current = move || {
        app.group.with(|g| {
            g.as_deref()
                .is_some_and(|g| name.with_value(|n| same_group(g, n)))
        })
    };
    let delete = move |_| {
        let group = name.get_value();
        leptos::task::spawn_local(async move {
            let result = change(app, group.clone(), true).await;
            if result.is_ok() && app.group.get_untracked() == Some(group) {
                app.group.set(None);
            }
            app.report(result, Key::GroupDeleted);
            app.refresh();
        });
    };
    let delete_label = format!("{} · {}", i18n.t(Key::DeleteGroup), group.name);
    view! {
        <li class="group-item" class:current=current data-group=group.name.clone()>
            <button class="group-select" aria-current=move || current().then_some("true")
                on:click=move |_| app.group.set(Some(name.get_value()))>
                <span class="group-name">{group.name.clone()}</span>
                <span class="book-count">{group.contacts}</span>
            </button>
            {writable.then(|| view! {
                <button class="icon-button group-delete" aria-label=delete_label on:click=delete>"×"</button>
            })}
        </li>
    }
}

#[component]
pub fn GroupDialog() -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let close = move || app.dialog.set(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let group = name.get_untracked();
        leptos::task::spawn_local(async move {
            match change(app, group.clone(), false).await {
                Ok(()) => {
                    app.report(Ok(()), Key::Saved);
                    app.group
                        .set(Some(group.split_whitespace().collect::<Vec<_>>().join(" ")));
                    app.refresh();
                    app.dialog.set(None);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <Dialog class="dialog group-dialog" heading_id="group-dialog-title" title=i18n.tt(Key::NewGroup)
            on_close=Callback::new(move |()| close()) on_submit=Callback::new(submit)>
            <label class="field">
                <span>{i18n.tt(Key::ColumnName)}</span>
                <input type="text" name="group_name" required maxlength="64" bind:value=name />
            </label>
            <FormError error />
            <CancelSave on_cancel=Callback::new(move |()| close()) />
        </Dialog>
    }
}
