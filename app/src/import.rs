//! What the Calendar's and the Contacts' import dialogs share: sending the file to a REST import
//! route with its progress (XMLHttpRequest is what reports upload progress), the progress bar,
//! the summary with the text of each reason an item was skipped, and the import's Undo.

use crate::error::AppError;
use crate::i18n::{I18n, Key};
use domain::import::{ImportChanges, ImportSummary, ImportedInto, SkipCode};
use domain::live::CollectionKind;
use leptos::prelude::*;

/// Takes an import back: the collection it `made` goes to the trash, or what it changed in
/// one (`changes`) is undone.
#[server(prefix = "/fn", endpoint = "undo_import")]
pub async fn undo_import(
    org: String,
    kind: CollectionKind,
    id: String,
    changes: ImportChanges,
    made: bool,
) -> Result<(), AppError> {
    let (ctx, actor, _) = crate::context::member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::undo::import(&ctx.db, &actor, kind, &id, &changes, made, now).await?)
}

/// Takes back the import `summary` reports.
pub async fn undo(org: String, summary: ImportSummary) -> Result<(), AppError> {
    let kind = summary.into.kind();
    let id = summary.into.into_id();
    undo_import(org, kind, id, summary.changes, summary.made).await
}

/// The text of a skip reason; the parser's English words stay in the cell's title.
fn skip_key(code: SkipCode) -> Key {
    match code {
        SkipCode::Unsupported => Key::SkipUnsupported,
        SkipCode::UidRepeated => Key::SkipUidRepeated,
        SkipCode::NoUid => Key::SkipNoUid,
        SkipCode::NoStart => Key::SkipNoStart,
        SkipCode::BadRecurrence => Key::SkipBadRecurrence,
        SkipCode::Unreadable => Key::SkipUnreadable,
        SkipCode::NoName => Key::SkipNoName,
        SkipCode::Unterminated => Key::SkipUnterminated,
        SkipCode::PartLeftOut => Key::SkipPartLeftOut,
    }
}

/// The upload's bar: the share sent (0.0 to 1.0), then "Importing…" while the server reads.
#[component]
pub fn ImportProgress(i18n: I18n, share: f64) -> impl IntoView {
    view! {
        <div class="import-progress">
            <progress max="1" value=share aria-label=i18n.tt(Key::Importing)></progress>
            <p role="status">{move || if share < 1.0 {
                i18n.fill(Key::Uploading, &[("n", &format!("{:.0}", share * 100.0))])
            } else {
                i18n.t(Key::Importing).to_owned()
            }}</p>
        </div>
    }
}

/// Where an import goes: one of `choices` (the collections the member may write to) or, with
/// `target` empty, a new one named `new_name`.
#[component]
pub fn TargetFields(
    i18n: I18n,
    choices: Vec<(String, String)>,
    target: RwSignal<String>,
    new_name: RwSignal<String>,
    /// The text of the "a new one" choice.
    new_option: Key,
) -> impl IntoView {
    view! {
        <label class="field">
            <span>{i18n.tt(Key::ImportInto)}</span>
            <select name="target" on:change=move |ev| target.set(event_target_value(&ev))>
                {choices.into_iter().map(|(id, name)| {
                    let selected = id == target.get_untracked();
                    view! { <option value=id selected=selected>{name}</option> }
                }).collect_view()}
                <option value="" selected=target.get_untracked().is_empty()>{i18n.tt(new_option)}</option>
            </select>
        </label>
        <Show when=move || target.get().is_empty()>
            <label class="field">
                <span>{i18n.tt(Key::ColumnName)}</span>
                <input type="text" name="new_name" required maxlength="100" bind:value=new_name />
            </label>
        </Show>
    }
}

/// The REST import route for `target` (a calendar or address book id) among `collections`
/// ("calendars", "addressbooks"), or for a new one named `new_name` when `target` is empty.
/// It ends in a query string, so options can follow as `&name=value`.
#[cfg(feature = "hydrate")]
pub fn import_url(org: &str, collections: &str, target: &str, new_name: &str) -> String {
    if target.is_empty() {
        format!(
            "/api/v1/orgs/{org}/{collections}/import?name={}",
            js_sys::encode_uri_component(new_name)
        )
    } else {
        format!("/api/v1/{collections}/{target}/import?")
    }
}

/// What an import did: the counts, then each skipped item with its reason, and Close; when it
/// changed anything, `on_undo` takes it back.
#[component]
pub fn ImportSummaryView(
    i18n: I18n,
    summary: ImportSummary,
    on_close: Callback<()>,
    on_undo: Callback<()>,
) -> impl IntoView {
    let ImportSummary {
        into,
        imported,
        updated,
        unchanged,
        skipped,
        ..
    } = summary;
    // A calendar's items are named by their UID, a contacts file's by their line.
    let item_heading = match into {
        ImportedInto::Calendar { .. } => Key::Item,
        ImportedInto::Book { .. } => Key::Line,
    };
    let count = move |key: Key, n: usize| move || i18n.fill(key, &[("n", &n.to_string())]);
    let skipped_count = skipped.len();
    let undoable = imported + updated > 0;
    view! {
        <div class="import-summary" role="status">
            <ul>
                <li data-count="imported">{count(Key::ImportedCount, imported as usize)}</li>
                <li data-count="updated">{count(Key::UpdatedCount, updated as usize)}</li>
                <li data-count="unchanged">{count(Key::UnchangedCount, unchanged as usize)}</li>
                <li data-count="skipped">{count(Key::SkippedCount, skipped_count)}</li>
            </ul>
            {(!skipped.is_empty()).then(|| view! {
                <table class="data-table">
                    <thead><tr><th scope="col">{i18n.tt(item_heading)}</th><th scope="col">{i18n.tt(Key::Reason)}</th></tr></thead>
                    <tbody>
                        {skipped.into_iter().map(|s| {
                            let why = skip_key(s.code);
                            view! { <tr data-code=s.code.code()><td>{s.at.to_string()}</td><td title=s.reason>{i18n.tt(why)}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <div class="dialog-actions">
                {undoable.then(|| view! {
                    <button class="button undo-import" on:click=move |_| on_undo.run(())>{i18n.tt(Key::UndoImport)}</button>
                })}
                <span class="topbar-spacer"></span>
                <button class="button primary" autofocus on:click=move |_| on_close.run(())>{i18n.tt(Key::Close)}</button>
            </div>
        </div>
    }
}
