//! What the Calendar's and the Contacts' import dialogs share: the dialog with its stages,
//! sending the file to a REST import route with its progress (XMLHttpRequest is what reports
//! upload progress), the progress bar, the summary with the text of each reason an item was
//! skipped, and the import's Undo. Each app brings the form that chooses the file and where it
//! goes (and Contacts its CSV mapping step).

use crate::dialog::CancelSave;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::{I18n, Key};
use crate::modal::Dialog;
use domain::import::{ImportChanges, ImportSummary, ImportedInto, SkipCode};
use domain::live::CollectionKind;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Where an import stands. Only the browser uploads, so the server never leaves `Choosing`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Stage {
    Choosing,
    /// Uploaded share 0.0 to 1.0; at 1.0 the server is reading the file.
    Sending(f64),
    Done(ImportSummary),
}

/// An import dialog's state: the chosen target (empty for a new collection named `new_name`),
/// the file input, the error to show, and the stage.
#[derive(Clone, Copy)]
pub struct ImportFlow {
    target: RwSignal<String>,
    new_name: RwSignal<String>,
    pub error: RwSignal<Option<AppError>>,
    file_input: NodeRef<leptos::html::Input>,
    stage: RwSignal<Stage>,
}

impl ImportFlow {
    pub fn new(target: String) -> ImportFlow {
        ImportFlow {
            target: RwSignal::new(target),
            new_name: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            file_input: NodeRef::new(),
            stage: RwSignal::new(Stage::Choosing),
        }
    }

    /// The file the member chose.
    #[cfg(feature = "hydrate")]
    pub fn file(self) -> Option<web_sys::File> {
        self.file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
    }

    /// The REST import route among `collections` ("calendars", "addressbooks") for the target,
    /// or for a new one named `new_name`. It ends in a query string, so options can follow as
    /// `&name=value`.
    #[cfg(feature = "hydrate")]
    pub fn url(self, org: &str, collections: &str) -> String {
        let target = self.target.get_untracked();
        if target.is_empty() {
            let name = self.new_name.get_untracked();
            format!(
                "/api/v1/orgs/{org}/{collections}/import?name={}",
                js_sys::encode_uri_component(&name)
            )
        } else {
            format!("/api/v1/{collections}/{target}/import?")
        }
    }

    /// Uploads `file` to `url` with its progress; `imported` runs with the summary before it
    /// shows, and a refusal brings the form back with its message.
    #[cfg(feature = "hydrate")]
    pub fn send(
        self,
        url: &str,
        content_type: &str,
        file: &web_sys::Blob,
        imported: impl FnOnce(&ImportSummary) + 'static,
    ) {
        self.error.set(None);
        self.stage.set(Stage::Sending(0.0));
        crate::upload::send(
            url,
            content_type,
            file,
            move |share| self.stage.set(Stage::Sending(share)),
            move |result: Result<ImportSummary, AppError>| match result {
                Ok(summary) => {
                    imported(&summary);
                    self.stage.set(Stage::Done(summary));
                }
                Err(err) => self.fail(err),
            },
        );
    }

    /// Back to the form, with why.
    #[cfg(feature = "hydrate")]
    pub fn fail(self, err: AppError) {
        self.stage.set(Stage::Choosing);
        self.error.set(Some(err));
    }
}

/// An import dialog: the form that chooses the file and where it goes, then the upload's
/// progress, then the summary. Its Undo closes the dialog and runs `on_undo`, which takes the
/// import back (with `undo`) and reports it.
#[component]
pub fn ImportFrame(
    i18n: I18n,
    flow: ImportFlow,
    /// The box's classes: `dialog import-dialog` and the app's own.
    class: &'static str,
    title: Key,
    /// The file field's label, and the types it takes.
    file_label: Key,
    accept: &'static str,
    /// The collections the member may write to, as (id, name).
    choices: Vec<(String, String)>,
    /// The text of the "a new one" choice.
    new_option: Key,
    /// The import's limits, under the fields.
    limits: Key,
    submit: Key,
    on_submit: Callback<SubmitEvent>,
    on_close: Callback<()>,
    on_undo: Callback<ImportSummary>,
    /// Hides the form while a step of the app's own (`children`) shows.
    #[prop(optional, into)]
    aside: Signal<bool>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <Dialog class heading_id="import-title" title=i18n.tt(title) on_close>
            // Stays in the page through every stage: the file input holds the chosen file.
            <form on:submit=move |ev| on_submit.run(ev)
                hidden=move || aside.get() || flow.stage.with(|s| *s != Stage::Choosing)>
                <label class="field">
                    <span>{i18n.tt(file_label)}</span>
                    <input type="file" name="file" accept=accept required node_ref=flow.file_input />
                </label>
                <TargetFields i18n choices target=flow.target new_name=flow.new_name new_option />
                <p class="muted">{i18n.tt(limits)}</p>
                <FormError error=flow.error />
                <CancelSave on_cancel=on_close submit />
            </form>
            {children.map(|children| children())}
            {move || match flow.stage.get() {
                Stage::Choosing => ().into_any(),
                Stage::Sending(share) => view! { <ImportProgress i18n share /> }.into_any(),
                Stage::Done(summary) => {
                    let taken = summary.clone();
                    let undo = move |()| {
                        on_close.run(());
                        on_undo.run(taken.clone());
                    };
                    view! { <ImportSummaryView i18n summary on_close on_undo=Callback::new(undo) /> }
                        .into_any()
                }
            }}
        </Dialog>
    }
}

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

/// Takes back the import `summary` reports, then gives `done` the outcome.
pub fn undo(
    org: String,
    summary: ImportSummary,
    done: impl FnOnce(Result<(), AppError>) + 'static,
) {
    leptos::task::spawn_local(async move {
        let kind = summary.into.kind();
        let id = summary.into.into_id();
        done(undo_import(org, kind, id, summary.changes, summary.made).await);
    });
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
fn TargetFields(
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
