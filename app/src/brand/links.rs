//! The pages that links sent by mail open, and the one that sends a reset link: forgot the
//! password, choose a new one, confirm an address. None writes on opening: a button does, so a
//! mail scanner that fetches the link uses nothing up.

use super::api::{mail_configured, ConfirmEmail, ForgotPassword, ResetPassword};
use super::AuthLayout;
use crate::feedback::FormError;
use crate::i18n::{use_i18n, Key};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The link's token, from `?token=`.
fn token() -> String {
    use_query_map()
        .with_untracked(|q| q.get("token"))
        .unwrap_or_default()
}

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ForgotPassword>::new();
    let configured = Resource::new(|| (), |_| mail_configured());
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    let pending = action.pending();
    view! {
        <AuthLayout title=Key::ForgotPasswordTitle>
            <Suspense>
                {move || Suspend::new(async move {
                    if configured.await.unwrap_or(false) {
                        view! {
                            <p>{i18n.tt(Key::ForgotPasswordIntro)}</p>
                            <ActionForm action=action attr:class="auth-form" attr:id="forgot-form">
                                <label for="forgot-email">{i18n.tt(Key::Email)}</label>
                                <input id="forgot-email" name="email" type="email" autocomplete="username" required autofocus />
                                <FormError error />
                                <p class="form-success" role="status">{move || sent().then(|| i18n.t(Key::ResetLinkSent))}</p>
                                <button type="submit" class="primary" disabled=move || pending.get()>
                                    {i18n.tt(Key::SendResetLink)}
                                </button>
                            </ActionForm>
                        }
                        .into_any()
                    } else {
                        view! {
                            <p class="auth-closed" role="status">{i18n.tt(Key::MailNotConfiguredNotice)}</p>
                        }
                        .into_any()
                    }
                })}
            </Suspense>
            <p class="auth-switch"><a href="/login">{i18n.tt(Key::SignIn)}</a></p>
        </AuthLayout>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let done = move || matches!(action.value().get(), Some(Ok(())));
    let pending = action.pending();
    let token = token();
    view! {
        <AuthLayout title=Key::ResetPasswordTitle>
            <Show
                when=done
                fallback=move || {
                    let token = token.clone();
                    view! {
                        // The rule is named by the server's message, in the member's
                        // language: no `minlength`, whose bubble speaks the browser's.
                        <ActionForm action=action attr:class="auth-form" attr:id="reset-form">
                            <input type="hidden" name="token" value=token />
                            <label for="reset-password">{i18n.tt(Key::NewPassword)}</label>
                            <input id="reset-password" name="password" type="password" autocomplete="new-password"
                                required autofocus aria-describedby="reset-password-hint" />
                            <p id="reset-password-hint" class="field-hint">{i18n.tt(Key::PasswordHint)}</p>
                            <FormError error />
                            <button type="submit" class="primary" disabled=move || pending.get()>
                                {i18n.tt(Key::SaveNewPassword)}
                            </button>
                        </ActionForm>
                    }
                }
            >
                <p class="form-success" role="status">{i18n.tt(Key::PasswordResetDone)}</p>
            </Show>
            <p class="auth-switch"><a href="/login">{i18n.tt(Key::SignIn)}</a></p>
        </AuthLayout>
    }
}

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<ConfirmEmail>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let confirmed = move || action.value().get().and_then(Result::ok);
    let pending = action.pending();
    let token = token();
    view! {
        <AuthLayout title=Key::ConfirmEmailTitle>
            {move || match confirmed() {
                Some(email) => view! {
                    <p class="form-success" role="status">
                        {i18n.fill(Key::EmailConfirmed, &[("email", &email)])}
                    </p>
                    <p class="auth-switch"><a href="/" rel="external">{i18n.tt(Key::OpenSuite)}</a></p>
                }
                .into_any(),
                None => {
                    let token = token.clone();
                    view! {
                    <p>{i18n.tt(Key::ConfirmEmailIntro)}</p>
                    <ActionForm action=action attr:class="auth-form" attr:id="confirm-form">
                        <input type="hidden" name="token" value=token />
                        <FormError error />
                        <button type="submit" class="primary" disabled=move || pending.get()>
                            {i18n.tt(Key::ConfirmEmailButton)}
                        </button>
                    </ActionForm>
                    }
                    .into_any()
                }
            }}
        </AuthLayout>
    }
}
