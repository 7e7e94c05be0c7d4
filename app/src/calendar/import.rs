//! Import an .ics file into a chosen or a new calendar: the upload's progress, then the summary
//! of what was imported, updated and skipped. The file goes to the REST import route, which
//! takes the raw file as its body.

use super::use_cal;
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
use domain::import::ImportSummary;
use leptos::prelude::*;

/// Where the import stands. Only the browser uploads, so the server never leaves `Choosing`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Stage {
    Choosing,
    /// Uploaded share 0.0 to 1.0; at 1.0 the server is reading the file.
    Sending(f64),
    Done(ImportSummary),
}

#[component]
pub fn ImportDialog() -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let writable: Vec<(String, String)> = cal.calendars.with_untracked(|all| {
        all.iter()
            .filter(|c| c.takes_events())
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect()
    });
    let target = RwSignal::new(
        writable
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let new_name = RwSignal::new(String::new());
    let stage = RwSignal::new(Stage::Choosing);
    let error = RwSignal::new(None::<AppError>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let close = move || cal.dialog.set(None);
    let undo = move |summary: ImportSummary| {
        close();
        let org = cal.org.get_untracked();
        leptos::task::spawn_local(async move {
            cal.report(crate::import::undo(org, summary).await, Key::ImportUndone);
            cal.reload();
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        // Only the browser has the file; the server renders the form and never submits it.
        #[cfg(feature = "hydrate")]
        if let Some(file) = file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        {
            let url = import_url(
                &cal.org.get_untracked(),
                "calendars",
                &target.get_untracked(),
                &new_name.get_untracked(),
            );
            stage.set(Stage::Sending(0.0));
            upload::send(
                &url,
                "text/calendar",
                &file,
                move |share| stage.set(Stage::Sending(share)),
                move |result| match result {
                    Ok(summary) => {
                        stage.set(Stage::Done(summary));
                        cal.reload();
                    }
                    Err(err) => {
                        stage.set(Stage::Choosing);
                        error.set(Some(err));
                    }
                },
            );
        }
    };
    view! {
        <Dialog class="dialog import-dialog" heading_id="import-title" title=i18n.tt(Key::ImportIcs)
            on_close=Callback::new(move |()| close())>
            {move || match stage.get() {
                Stage::Done(summary) => {
                    let taken = summary.clone();
                    view! {
                        <ImportSummaryView i18n summary on_close=Callback::new(move |()| close())
                            on_undo=Callback::new(move |()| undo(taken.clone())) />
                    }.into_any()
                }
                Stage::Sending(share) => view! { <ImportProgress i18n share /> }.into_any(),
                Stage::Choosing => {
                    let writable = writable.clone();
                    view! {
                        <form on:submit=submit>
                            <label class="field">
                                <span>{i18n.tt(Key::IcsFile)}</span>
                                <input type="file" name="file" accept=".ics,text/calendar" required node_ref=file_input />
                            </label>
                            <TargetFields i18n choices=writable target new_name new_option=Key::NewCalendarOption />
                            <p class="muted">{i18n.tt(Key::ImportLimits)}</p>
                            <FormError error />
                            <CancelSave on_cancel=Callback::new(move |()| close()) submit=Key::Import />
                        </form>
                    }.into_any()
                }
            }}
        </Dialog>
    }
}
