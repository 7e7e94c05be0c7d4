//! The buttons at the foot of a dialog, the same in every app: Cancel and the form's submit, or
//! Close for a dialog that saves as it goes; and the question asked before a whole collection
//! is deleted.

use crate::i18n::{use_i18n, Key};
use crate::modal::Dialog;
use leptos::prelude::*;

/// Cancel (runs `on_cancel`) and the form's submit button, disabled while `busy`.
#[component]
pub fn CancelSave(
    on_cancel: Callback<()>,
    #[prop(optional, into)] busy: Signal<bool>,
    /// The submit button's text; Save when not given.
    #[prop(optional)]
    submit: Option<Key>,
) -> impl IntoView {
    let i18n = use_i18n();
    let submit = submit.unwrap_or(Key::Save);
    view! {
        <div class="dialog-actions">
            <span class="topbar-spacer"></span>
            <button type="button" class="button" on:click=move |_| on_cancel.run(())>{i18n.tt(Key::Cancel)}</button>
            <button type="submit" class="button primary" disabled=move || busy.get()>{i18n.tt(submit)}</button>
        </div>
    }
}

/// Close, for a dialog whose changes are already stored.
#[component]
pub fn CloseButton(on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="dialog-actions">
            <span class="topbar-spacer"></span>
            <button class="button" on:click=move |_| on_close.run(())>{i18n.tt(Key::Close)}</button>
        </div>
    }
}

/// Asks before a whole calendar or address book goes: `question` names it and how many items
/// go with it (empty while that is being counted, when Delete waits). Either button closes it.
#[component]
pub fn ConfirmDelete(
    #[prop(into)] title: Signal<String>,
    #[prop(into)] question: Signal<String>,
    on_confirm: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog class="dialog confirm-dialog" heading_id="confirm-title" title=move || title.get()
            on_close alert="confirm-text">
            <p id="confirm-text">{move || question.get()}</p>
            <div class="dialog-actions">
                <span class="topbar-spacer"></span>
                <button type="button" class="button" autofocus on:click=move |_| on_close.run(())>{i18n.tt(Key::Cancel)}</button>
                <button type="button" class="button danger confirm" disabled=move || question.with(String::is_empty)
                    on:click=move |_| { on_close.run(()); on_confirm.run(()); }>{i18n.tt(Key::Delete)}</button>
            </div>
        </Dialog>
    }
}
