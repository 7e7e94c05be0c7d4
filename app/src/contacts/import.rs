//! Import a vCard or CSV file into a chosen or a new address book. A CSV file first shows its
//! columns (read from the file's beginning) so the member can say what each holds; then the
//! upload's progress, then the summary: imported, updated, unchanged, and each skipped line
//! with its reason.

use super::csv_columns::CsvColumns;
use super::use_contacts;
use crate::dialog::CancelSave;
use crate::i18n::Key;
use crate::import::{ImportFlow, ImportFrame};
use domain::contacts::{CsvField, CsvPreview};
use leptos::prelude::*;

/// The step a CSV file takes before its upload.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum CsvStep {
    /// The file's first bytes are with the server, which reads its columns.
    Reading,
    Mapping(CsvPreview),
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
    let flow = ImportFlow::new(book.or(first).unwrap_or_default());
    let csv = RwSignal::new(None::<CsvStep>);
    let columns = RwSignal::new(Vec::<Option<CsvField>>::new());
    let close = Callback::new(move |()| app.dialog.set(None));
    let undo = Callback::new(move |summary| {
        crate::import::undo(app.org.get_untracked(), summary, move |result| {
            app.report(result, Key::ImportUndone);
            app.reload();
        })
    });
    // The upload, as vCard or as CSV with each column's meaning.
    #[cfg(feature = "hydrate")]
    let import = move |csv_columns: Option<String>| {
        let Some(file) = flow.file() else { return };
        let mut url = flow.url(&app.org.get_untracked(), "addressbooks");
        let content_type = match &csv_columns {
            Some(list) => {
                url.push_str(&format!("&columns={}", js_sys::encode_uri_component(list)));
                "text/csv"
            }
            None => "text/vcard",
        };
        flow.send(&url, content_type, &file, move |summary| {
            app.book.set(Some(summary.into.id().to_owned()));
            app.selected.set(None);
            app.reload();
        });
    };
    let choose = Callback::new(move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        flow.error.set(None);
        // Only the browser has the file; the server renders the form and never submits it.
        #[cfg(feature = "hydrate")]
        if let Some(file) = flow.file() {
            let is_csv = file.name().to_lowercase().ends_with(".csv") || file.type_() == "text/csv";
            if !is_csv {
                return import(None);
            }
            let Ok(start) = file.slice_with_i32_and_i32(0, PREVIEW_BYTES) else {
                return;
            };
            csv.set(Some(CsvStep::Reading));
            let url = format!(
                "/api/v1/orgs/{}/addressbooks/csv-preview",
                app.org.get_untracked()
            );
            crate::upload::send(
                &url,
                "text/csv",
                &start,
                |_| {},
                move |result: Result<CsvPreview, crate::error::AppError>| match result {
                    Ok(preview) => {
                        columns.set(preview.mapping.clone());
                        csv.set(Some(CsvStep::Mapping(preview)));
                    }
                    Err(err) => {
                        csv.set(None);
                        flow.fail(err);
                    }
                },
            );
        }
    });
    let map = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        #[cfg(feature = "hydrate")]
        {
            csv.set(None);
            import(Some(columns.with_untracked(|c| {
                c.iter()
                    .map(|f| f.map(|f| f.code()).unwrap_or_default())
                    .collect::<Vec<_>>()
                    .join(",")
            })));
        }
    };
    let back = Callback::new(move |()| csv.set(None));
    view! {
        <ImportFrame i18n flow class="dialog import-dialog contacts-import" title=Key::ImportContacts
            file_label=Key::ContactsFile accept=".vcf,.vcard,.csv,text/vcard,text/csv" choices=writable
            new_option=Key::NewBookOption limits=Key::ContactsImportLimits submit=Key::NextStep
            on_submit=choose on_close=close on_undo=undo aside=Signal::derive(move || csv.with(Option::is_some))>
            {move || match csv.get() {
                None => ().into_any(),
                Some(CsvStep::Reading) => view! { <p class="import-progress" role="status">{i18n.tt(Key::ReadingColumns)}</p> }.into_any(),
                Some(CsvStep::Mapping(preview)) => view! {
                    <form class="csv-mapping" on:submit=map>
                        <h3>{i18n.tt(Key::CsvColumnsTitle)}</h3>
                        <CsvColumns i18n preview columns />
                        <CancelSave on_cancel=back submit=Key::Import />
                    </form>
                }.into_any(),
            }}
        </ImportFrame>
    }
}
