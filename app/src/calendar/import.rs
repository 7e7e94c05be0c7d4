//! Import an .ics file into a chosen or a new calendar: the upload's progress, then the summary
//! of what was imported, updated and skipped. The file goes to the REST import route, which
//! takes the raw file as its body.

use super::use_cal;
use crate::i18n::Key;
use crate::import::{ImportFlow, ImportFrame};
use leptos::prelude::*;

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
    let flow = ImportFlow::new(
        writable
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let close = Callback::new(move |()| cal.dialog.set(None));
    let undo = Callback::new(move |summary| {
        crate::import::undo(cal.org.get_untracked(), summary, move |result| {
            cal.report(result, Key::ImportUndone);
            cal.reload();
        })
    });
    let submit = Callback::new(move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // Only the browser has the file; the server renders the form and never submits it.
        #[cfg(feature = "hydrate")]
        if let Some(file) = flow.file() {
            let url = flow.url(&cal.org.get_untracked(), "calendars");
            flow.send(&url, "text/calendar", &file, move |_| cal.reload());
        }
    });
    view! {
        <ImportFrame i18n flow class="dialog import-dialog" title=Key::ImportIcs
            file_label=Key::IcsFile accept=".ics,text/calendar" choices=writable
            new_option=Key::NewCalendarOption limits=Key::ImportLimits submit=Key::Import
            on_submit=submit on_close=close on_undo=undo />
    }
}
