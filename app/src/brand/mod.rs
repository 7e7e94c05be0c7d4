//! The pages before sign-in: login and sign-up, with the brand's look and a language picker.

pub mod api;
mod language;
mod links;

pub use language::LanguagePicker;
pub use links::{ConfirmEmailPage, ForgotPasswordPage, ResetPasswordPage};

use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::{use_i18n, Key, PageTitle};
use api::{LogIn, SignUp};
use domain::auth::validate::{password_problem, PASSWORD_MIN_CHARS};
use leptos::prelude::*;

/// Opens `path` as a new document, so the next page is rendered for the new session.
pub(crate) fn open_document(path: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(path);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = path;
}

/// The shared frame of the login and sign-up pages.
#[component]
fn AuthLayout(title: Key, children: Children) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <PageTitle key=title />
        <div class="auth-page">
            <header class="auth-header">
                <span class="brand-logo" aria-hidden="true"></span>
                <span class="brand-name">{i18n.tt(Key::ProductName)}</span>
                <LanguagePicker />
            </header>
            <main class="auth-card">
                <h1>{i18n.tt(title)}</h1>
                {children()}
            </main>
        </div>
    }
}

/// Follows a successful action to the page it names.
fn follow_success(value: Signal<Option<Result<String, AppError>>>) {
    Effect::new(move |_| {
        if let Some(Ok(path)) = value.get() {
            open_document(&path);
        }
    });
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<LogIn>::new();
    let sign_up_open = Resource::new(|| (), |_| api::sign_up_open());
    follow_success(Signal::derive(move || action.value().get()));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    view! {
        <AuthLayout title=Key::SignInTitle>
            <ActionForm action=action attr:class="auth-form" attr:id="login-form">
                <label for="login-email">{i18n.tt(Key::Email)}</label>
                <input id="login-email" name="email" type="email" autocomplete="username" required autofocus />
                <label for="login-password">{i18n.tt(Key::Password)}</label>
                <input id="login-password" name="password" type="password" autocomplete="current-password" required />
                <a class="forgot-link" href="/forgot-password">{i18n.tt(Key::ForgotPasswordLink)}</a>
                <FormError error />
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t(Key::Loading) } else { i18n.t(Key::SignIn) }}
                </button>
            </ActionForm>
            <Suspense>
                {move || Suspend::new(async move {
                    sign_up_open.await.unwrap_or(false).then(|| view! {
                        <p class="auth-switch">
                            {i18n.tt(Key::NoAccount)} " " <a href="/signup">{i18n.tt(Key::SignUp)}</a>
                        </p>
                    })
                })}
            </Suspense>
        </AuthLayout>
    }
}

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignUp>::new();
    follow_success(Signal::derive(move || action.value().get()));
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let pending = action.pending();
    let (email, set_email) = signal(String::new());
    let (password, set_password) = signal(String::new());
    // Guides while typing; the server enforces the same rule.
    let hint_problem = move || {
        let password = password.get();
        (!password.is_empty())
            .then(|| password_problem(&password, &email.get()))
            .flatten()
            .map(|p| AppError::code(p.reason().code()).message(i18n))
    };
    let sign_up_open = Resource::new(|| (), |_| api::sign_up_open());
    let closed = move || {
        view! {
            <p class="auth-closed" role="status">{i18n.tt(Key::SignUpClosed)}</p>
        }
    };
    view! {
        <AuthLayout title=Key::SignUpTitle>
            <Suspense>
                {move || Suspend::new(async move {
                    (!sign_up_open.await.unwrap_or(true)).then(closed)
                })}
            </Suspense>
            <ActionForm action=action attr:class="auth-form" attr:id="signup-form">
                <input type="hidden" name="locale" value=move || i18n.locale.get().code() />
                <input type="hidden" name="time_zone" value=browser_time_zone />
                <label for="signup-name">{i18n.tt(Key::FullName)}</label>
                <input id="signup-name" name="name" type="text" autocomplete="name" required maxlength="100" />
                <label for="signup-email">{i18n.tt(Key::Email)}</label>
                <input
                    id="signup-email"
                    name="email"
                    type="email"
                    autocomplete="email"
                    required
                    on:input=move |ev| set_email.set(event_target_value(&ev))
                />
                <label for="signup-password">{i18n.tt(Key::Password)}</label>
                <input
                    id="signup-password"
                    name="password"
                    type="password"
                    autocomplete="new-password"
                    required
                    minlength=PASSWORD_MIN_CHARS.to_string()
                    aria-describedby="signup-password-hint"
                    on:input=move |ev| set_password.set(event_target_value(&ev))
                />
                <p id="signup-password-hint" class="field-hint">
                    {move || hint_problem().unwrap_or_else(|| i18n.t(Key::PasswordHint).to_owned())}
                </p>
                <FormError error />
                <button type="submit" class="primary" disabled=move || pending.get()>
                    {move || if pending.get() { i18n.t(Key::Loading) } else { i18n.t(Key::SignUp) }}
                </button>
            </ActionForm>
            <p class="auth-switch">
                {i18n.tt(Key::HaveAccount)} " " <a href="/login">{i18n.tt(Key::SignIn)}</a>
            </p>
        </AuthLayout>
    }
}

/// The browser's IANA time zone, for a new account's profile; empty before hydration, in which
/// case the server picks its default.
fn browser_time_zone() -> String {
    #[cfg(feature = "hydrate")]
    {
        let options =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new())
                .resolved_options();
        js_sys::Reflect::get(&options, &"timeZone".into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        String::new()
    }
}
