//! The list a trash shows, the same in every app: what each item is, its title, where it was,
//! and its restore button; or a line saying the trash is empty.

use crate::i18n::{I18n, Key};
use leptos::prelude::*;

pub struct TrashRow {
    pub title: String,
    /// What the item is ("Event", "Merge of {n} cards"), with its `{n}` when it has one.
    pub what: Key,
    pub count: Option<u32>,
    /// The calendar or address book it was in.
    pub place: String,
    /// The button's text: Restore, or Undo the merge.
    pub action: Key,
    pub restore: Callback<()>,
}

#[component]
pub fn TrashList(i18n: I18n, rows: Vec<TrashRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty-state" role="status">{i18n.tt(Key::TrashEmpty)}</p> }
            .into_any();
    }
    view! {
        <ul class="trash-list">
            {rows.into_iter().map(|row| {
                let (what, count, restore) = (row.what, row.count, row.restore);
                let label = row.title.clone();
                let what = move || match count {
                    Some(n) => i18n.fill(what, &[("n", &n.to_string())]),
                    None => i18n.t(what).to_owned(),
                };
                view! {
                    <li data-title=label>
                        <span class="muted">{what}</span>
                        <span>{row.title}</span>
                        <span class="muted">{row.place}</span>
                        <button class="button" on:click=move |_| restore.run(())>{i18n.tt(row.action)}</button>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
