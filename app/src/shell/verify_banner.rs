//! Until the login address is confirmed, a line above the apps says so and sends the link
//! again: sharing and inviting wait for it (the domain refuses them).

use super::api::resend_verification;
use crate::error::AppError;
use crate::i18n::{use_i18n, Key};
use crate::space::use_shell;
use leptos::prelude::*;

#[component]
pub fn VerifyBanner() -> impl IntoView {
    let shell = use_shell();
    let i18n = use_i18n();
    let sent = RwSignal::new(None::<Result<(), AppError>>);
    let send = move |_| {
        leptos::task::spawn_local(async move {
            sent.set(Some(resend_verification().await));
        });
    };
    let email = move || shell.account.with(|a| a.email.clone());
    view! {
        <Show when=move || !shell.account.with(|a| a.email_verified)>
            <div class="verify-banner">
                <span>{move || i18n.fill(Key::VerifyBanner, &[("email", &email())])}</span>
                <button type="button" class="button" id="resend-verification" on:click=send>
                    {i18n.tt(Key::ResendLink)}
                </button>
                <span class="verify-sent" role="status">
                    {move || match sent.get() {
                        Some(Ok(())) => i18n.t(Key::LinkResent).to_owned(),
                        Some(Err(error)) => error.message(i18n),
                        None => String::new(),
                    }}
                </span>
            </div>
        </Show>
    }
}
