//! The buttons every calendar form dialog ends with.

use super::use_cal;
use crate::i18n::Key;
use leptos::prelude::*;

/// Cancel (closes the dialog) and the form's submit button.
#[component]
pub fn CancelSave() -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    view! {
        <div class="dialog-actions">
            <span class="topbar-spacer"></span>
            <button type="button" class="button" on:click=move |_| cal.dialog.set(None)>{i18n.tt(Key::Cancel)}</button>
            <button type="submit" class="button primary">{i18n.tt(Key::Save)}</button>
        </div>
    }
}
