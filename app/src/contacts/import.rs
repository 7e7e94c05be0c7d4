//! Import a vCard or CSV file into a chosen or a new address book. A CSV file first shows its
//! columns (read from the file's beginning) so the member can say what each holds; then the
//! upload's progress, then the summary: imported, updated, unchanged, and each skipped line
//! with its reason.

use super::csv_columns::CsvColumns;
use super::use_contacts;
use crate::dialog::CancelSave;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::Key;
#[cfg(feature = "hydrate")]
use crate::import::import_url;
use crate::import::{ImportProgress, ImportSummaryView, TargetFields};
use crate::modal::Dialog;
#[cfg(feature = "hydrate")]
use crate::upload;
use domain::contacts::{CsvField, CsvPreview};
use domain::import::ImportSummary;
use leptos::prelude::*;

/// Where the import stands. Only the browser uploads, so the server never leaves `Choosing`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Stage {
    Choosing,
    /// The file's first bytes are with the server, which reads its columns.
    Reading,
    Mapping(CsvPreview),
    /// Uploaded share 0.0 to 1.0; at 1.0 the server is reading the file.
    Sending(f64),
    Done(ImportSummary),
}

/// How much of a CSV file the mapping step reads: enough for the header and a few rows.
#[cfg(feature = "hydrate")]
const PREVIEW_BYTES: i32 = 64 * 1024;

#[component]
pub fn ImportDialog(book: Option<String>) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let writable: Vec<(String, String)> = app.books.with_untracked(|all| {
        all.iter()
            .filter(|b| b.access.can_write())
            .map(|b| (b.id.clone(), b.name.clone()))
            .collect()
    });
    let first = writable.first().map(|(id, _)| id.clone());
    let target = RwSignal::new(book.or(first).unwrap_or_default());
    let new_name = RwSignal::new(String::new());
    let stage = RwSignal::new(Stage::Choosing);
    let columns = RwSignal::new(Vec::<Option<CsvField>>::new());
    let error = RwSignal::new(None::<AppError>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let close = move || app.dialog.set(None);
    let undo = move |summary: ImportSummary| {
        close();
        let org = app.org.get_untracked();
        leptos::task::spawn_local(async move {
            app.report(crate::import::undo(org, summary).await, Key::ImportUndone);
            app.reload();
        });
    };
    // The browser's file, the import's address, and the upload with its stages.
    #[cfg(feature = "hydrate")]
    let chosen_file = move || {
        file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
    };
    #[cfg(feature = "hydrate")]
    let import = move |csv_columns: Option<String>| {
        let Some(file) = chosen_file() else { return };
        let mut url = import_url(
            &app.org.get_untracked(),
            "addressbooks",
            &target.get_untracked(),
            &new_name.get_untracked(),
        );
        let content_type = match &csv_columns {
            Some(list) => {
                url.push_str(&format!("&columns={}", js_sys::encode_uri_component(list)));
                "text/csv"
            }
            None => "text/vcard",
        };
        stage.set(Stage::Sending(0.0));
        upload::send(
            &url,
            content_type,
            &file,
            move |share| stage.set(Stage::Sending(share)),
            move |result: Result<ImportSummary, AppError>| match result {
                Ok(summary) => {
                    app.book.set(Some(summary.into.id().to_owned()));
                    app.selected.set(None);
                    app.reload();
                    stage.set(Stage::Done(summary));
                }
                Err(err) => {
                    stage.set(Stage::Choosing);
                    error.set(Some(err));
                }
            },
        );
    };
    let choose = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        // Only the browser has the file; the server renders the form and never submits it.
        #[cfg(feature = "hydrate")]
        if let Some(file) = chosen_file() {
            let csv = file.name().to_lowercase().ends_with(".csv") || file.type_() == "text/csv";
            if !csv {
                return import(None);
            }
            let Ok(start) = file.slice_with_i32_and_i32(0, PREVIEW_BYTES) else {
                return;
            };
            stage.set(Stage::Reading);
            let url = format!(
                "/api/v1/orgs/{}/addressbooks/csv-preview",
                app.org.get_untracked()
            );
            upload::send(
                &url,
                "text/csv",
                &start,
                |_| {},
                move |result: Result<CsvPreview, AppError>| match result {
                    Ok(preview) => {
                        columns.set(preview.mapping.clone());
                        stage.set(Stage::Mapping(preview));
                    }
                    Err(err) => {
                        stage.set(Stage::Choosing);
                        error.set(Some(err));
                    }
                },
            );
        }
    };
    let map = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        import(Some(columns.with_untracked(|c| {
            c.iter()
                .map(|f| f.map(|f| f.code()).unwrap_or_default())
                .collect::<Vec<_>>()
                .join(",")
        })));
    };
    let back = Callback::new(move |()| stage.set(Stage::Choosing));
    view! {
        <Dialog class="dialog import-dialog contacts-import" heading_id="import-title" title=i18n.tt(Key::ImportContacts)
            on_close=Callback::new(move |()| close())>
            // Stays in the page through every stage: the file input holds the chosen file.
            <form on:submit=choose hidden=move || stage.with(|s| *s != Stage::Choosing)>
                <label class="field">
                    <span>{i18n.tt(Key::ContactsFile)}</span>
                    <input type="file" name="file" accept=".vcf,.vcard,.csv,text/vcard,text/csv" required node_ref=file_input />
                </label>
                <TargetFields i18n choices=writable target new_name new_option=Key::NewBookOption />
                <p class="muted">{i18n.tt(Key::ContactsImportLimits)}</p>
                <FormError error />
                <CancelSave on_cancel=Callback::new(move |()| close()) submit=Key::NextStep />
            </form>
            {move || match stage.get() {
                Stage::Choosing => ().into_any(),
                Stage::Reading => view! { <p class="import-progress" role="status">{i18n.tt(Key::ReadingColumns)}</p> }.into_any(),
                Stage::Mapping(preview) => view! {
                    <form class="csv-mapping" on:submit=map>
                        <h3>{i18n.tt(Key::CsvColumnsTitle)}</h3>
                        <CsvColumns i18n preview columns />
                        <CancelSave on_cancel=back submit=Key::Import />
                    </form>
                }.into_any(),
                Stage::Sending(share) => view! { <ImportProgress i18n share /> }.into_any(),
                Stage::Done(summary) => view! {
                    <ImportSummaryView i18n summary=summary.clone() on_close=Callback::new(move |()| close())
                        on_undo=Callback::new(move |()| undo(summary.clone())) />
                }.into_any(),
            }}
        </Dialog>
    }
}
