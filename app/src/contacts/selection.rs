//! What the ticked contacts can do together: move or copy to another book, join or leave a
//! group, export as vCard or CSV, or go to the trash.

use super::api::{contacts_bulk, BulkAction};
use super::use_contacts;
use super::Contacts;
use crate::feedback::Notice;
use crate::i18n::Key;
use domain::contacts::BulkOutcome;
use leptos::prelude::*;

/// Runs `action` on the contacts `ids` and tells how it went, with Undo when it changed some
/// and `undoable`: Undo runs the action that takes it back on exactly those.
fn run_bulk(app: Contacts, ids: Vec<String>, action: BulkAction, undoable: bool) {
    let (i18n, org, from) = (app.i18n, app.org.get_untracked(), app.book_id());
    leptos::task::spawn_local(async move {
        let undo = action.undo(from).filter(|_| undoable);
        match contacts_bulk(org, ids, action).await {
            Ok(BulkOutcome {
                done,
                skipped,
                changed,
            }) => {
                let text = i18n.fill(
                    Key::BulkOutcome,
                    &[
                        ("done", &done.to_string()),
                        ("skipped", &skipped.to_string()),
                    ],
                );
                let undo = undo.filter(|_| !changed.is_empty()).map(|undo| {
                    Callback::new(move |()| run_bulk(app, changed.clone(), undo.clone(), false))
                });
                app.notice.set(Some(Notice { text, undo }));
                app.checked.set(Vec::new());
                app.selected.set(None);
            }
            Err(err) => app.notice.set(Some(Notice::of(err.message(i18n)))),
        }
        app.reload();
    });
}

#[component]
pub fn SelectionBar() -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let count = move || app.checked.with(Vec::len);
    let run = move |action: BulkAction| run_bulk(app, app.checked.get_untracked(), action, true);
    // The books a selection can go to: those the member may write to, but the one shown.
    let targets = move || {
        let shown = app.book_id();
        app.books.with(|all| {
            all.iter()
                .filter(|b| b.access.can_write() && b.id != shown)
                .map(|b| (b.id.clone(), b.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    let to_book = move |make: fn(String) -> BulkAction| {
        move |ev: leptos::ev::Event| {
            let target = event_target_value(&ev);
            if !target.is_empty() {
                run(make(target));
            }
        }
    };
    let export = move |format: &str| {
        format!(
            "/api/v1/addressbooks/{}/export?format={format}&ids={}",
            app.book_id(),
            app.checked.with(|c| c.join(","))
        )
    };
    let to_group = move |ev: leptos::ev::Event| {
        let name = event_target_value(&ev);
        if !name.is_empty() {
            run(BulkAction::AddToGroup(name));
        }
    };
    let groups = move || {
        app.groups
            .get()
            .and_then(Result::ok)
            .unwrap_or_default()
            .into_iter()
            .map(|g| {
                let value = g.name.clone();
                view! { <option value=value>{g.name}</option> }
            })
            .collect_view()
    };
    let writable = move || app.current_book().is_some_and(|b| b.access.can_write());
    let options = move || {
        targets()
            .into_iter()
            .map(|(id, name)| view! { <option value=id>{name}</option> })
            .collect_view()
    };
    view! {
        <div class="selection-bar" role="toolbar" aria-label=move || i18n.fill(Key::SelectedCount, &[("n", &count().to_string())])>
            <span class="selection-count">{move || i18n.fill(Key::SelectedCount, &[("n", &count().to_string())])}</span>
            <select name="move_to" aria-label=i18n.tt(Key::MoveTo) on:change=to_book(BulkAction::MoveTo) prop:value="">
                <option value="">{i18n.tt(Key::MoveTo)}</option>
                {options}
            </select>
            <select name="copy_to" aria-label=i18n.tt(Key::CopyTo) on:change=to_book(BulkAction::CopyTo) prop:value="">
                <option value="">{i18n.tt(Key::CopyTo)}</option>
                {options}
            </select>
            <Show when=writable>
                <select name="add_to_group" aria-label=i18n.tt(Key::AddToGroup) on:change=to_group prop:value="">
                    <option value="">{i18n.tt(Key::AddToGroup)}</option>
                    {groups}
                </select>
                {move || app.group.get().map(|name| view! {
                    <button class="button" data-action="remove-from-group"
                        on:click=move |_| run(BulkAction::RemoveFromGroup(name.clone()))>
                        {i18n.tt(Key::RemoveFromGroup)}
                    </button>
                })}
            </Show>
            <a class="button" data-action="export-vcf" href=move || export("vcard") download="">{i18n.tt(Key::ExportVcard)}</a>
            <a class="button" data-action="export-csv" href=move || export("csv") download="">{i18n.tt(Key::ExportCsv)}</a>
            <button class="button danger" data-action="delete" on:click=move |_| run(BulkAction::Delete)>{i18n.tt(Key::Delete)}</button>
            <button class="link-button" on:click=move |_| app.checked.set(Vec::new())>{i18n.tt(Key::ClearSelection)}</button>
        </div>
    }
}
