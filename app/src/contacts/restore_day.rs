//! "Restore to a day…": a book back to how it was at the end of a day of the last 30.

use super::api::restore_book_day;
use super::use_contacts;
use crate::date_fields::DateInput;
use crate::dialog::CancelSave;
use crate::error::AppError;
use crate::feedback::{FormError, Notice};
use crate::i18n::Key;
use crate::modal::Dialog;
use domain::contacts::AddressBookView;
use leptos::prelude::*;

#[component]
pub fn RestoreDayDialog(book: AddressBookView) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let day = RwSignal::new(String::new());
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let close = move || app.dialog.set(None);
    let id = book.id.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (org, id, chosen) = (app.org.get_untracked(), id.clone(), day.get_untracked());
        busy.set(true);
        leptos::task::spawn_local(async move {
            match restore_book_day(org, id, chosen).await {
                Ok(done) => {
                    app.notice.set(Some(Notice::of(i18n.fill(
                        Key::RestoreOutcome,
                        &[
                            ("restored", &done.restored.to_string()),
                            ("removed", &done.removed.to_string()),
                            ("unchanged", &done.unchanged.to_string()),
                        ],
                    ))));
                    app.reload();
                    app.dialog.set(None);
                }
                Err(err) => {
                    busy.set(false);
                    error.set(Some(err));
                }
            }
        });
    };
    view! {
        <Dialog class="dialog restore-day-dialog" heading_id="restore-day-title"
            title=move || format!("{} · {}", i18n.t(Key::RestoreToDay), book.name)
            on_close=Callback::new(move |()| close()) on_submit=Callback::new(submit)>
            <p class="muted">{i18n.tt(Key::RestoreToDayHint)}</p>
            <label class="field">
                <span>{i18n.tt(Key::Day)}</span>
                <DateInput name="day" required=true value=day on_change=Callback::new(move |d| day.set(d)) />
            </label>
            <FormError error />
            <CancelSave on_cancel=Callback::new(move |()| close()) busy submit=Key::Restore />
        </Dialog>
    }
}
