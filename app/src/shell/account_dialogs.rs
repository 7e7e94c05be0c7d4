//! The account's own dialogs, profile and security, in a wasm chunk of their own: a member
//! opens them now and then, every page would otherwise carry them.

use super::profile::ProfileDialog;
use super::security::SecurityDialog;
use leptos::prelude::*;

/// Which of the account's dialogs.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AccountDialog {
    Profile,
    Security,
}

/// The dialog, shown while `open`.
#[lazy]
pub fn account_dialog(which: AccountDialog, open: RwSignal<bool>) -> AnyView {
    match which {
        AccountDialog::Profile => view! { <ProfileDialog open /> }.into_any(),
        AccountDialog::Security => view! { <SecurityDialog open /> }.into_any(),
    }
}

/// The dialog's code is fetched the first time it opens, then it renders.
#[component]
pub fn LazyAccountDialog(which: AccountDialog, open: RwSignal<bool>) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            {move || Suspend::new(account_dialog(which, open))}
        </Show>
    }
}
