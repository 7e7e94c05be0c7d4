//! The account's sign-in and security: change the password (which signs out every other
//! session), see where the account is signed in, and sign out one device or all the others.

use super::api::{account_sessions, end_sessions, ChangePassword};
use crate::dialog::CloseButton;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::{use_i18n, I18n, Key};
use domain::auth::validate::PASSWORD_MIN_CHARS;
use domain::views::OpenSession;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The dialog, while `open`.
#[component]
pub fn SecurityDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let close = Callback::new(move |()| open.set(false));
    view! {
        <Show when=move || open.get()>
            <div class="modal-backdrop">
                <div class="modal security-dialog" role="dialog" aria-modal="true" aria-labelledby="security-title" on:keydown=move |ev| {
                    if ev.key() == "Escape" {
                        open.set(false);
                    }
                }>
                    <h2 id="security-title">{i18n.tt(Key::Security)}</h2>
                    <PasswordForm />
                    <SessionList />
                    <CloseButton on_close=close />
                </div>
            </div>
        </Show>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<ChangePassword>::new();
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let done = move || matches!(change.value().get(), Some(Ok(())));
    view! {
        <section aria-labelledby="password-title">
            <h3 id="password-title">{i18n.tt(Key::ChangePassword)}</h3>
            <ActionForm action=change attr:class="stacked-form" attr:id="password-form">
                <label for="password-current">{i18n.tt(Key::CurrentPassword)}</label>
                <input id="password-current" name="current" type="password" autocomplete="current-password" required autofocus />
                <label for="password-new">{i18n.tt(Key::NewPassword)}</label>
                <input id="password-new" name="new" type="password" autocomplete="new-password" required
                    minlength=PASSWORD_MIN_CHARS.to_string() aria-describedby="password-new-hint" />
                <p id="password-new-hint" class="field-hint">{i18n.tt(Key::PasswordHint)}</p>
                <FormError error />
                <Show when=done>
                    <p class="form-success" role="status">{i18n.tt(Key::PasswordChanged)}</p>
                </Show>
                <button type="submit" class="button primary" disabled=move || change.pending().get()>
                    {i18n.tt(Key::ChangePassword)}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn SessionList() -> impl IntoView {
    let i18n = use_i18n();
    let sessions = Resource::new(|| (), |_| account_sessions());
    let error = RwSignal::new(None::<AppError>);
    let end = move |id: Option<String>| {
        spawn_local(async move {
            match end_sessions(id).await {
                Ok(()) => {
                    error.set(None);
                    sessions.refetch();
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <section aria-labelledby="sessions-title">
            <h3 id="sessions-title">{i18n.tt(Key::SessionsTitle)}</h3>
            <FormError error=Signal::derive(move || error.get()) />
            <Transition fallback=move || view! { <p class="muted">{i18n.tt(Key::Loading)}</p> }>
                {move || Suspend::new(async move {
                    let list = sessions.await.unwrap_or_default();
                    let others = list.iter().filter(|s| !s.current).count();
                    let now = now_secs();
                    view! {
                        <ul class="session-list">
                            {list.into_iter().map(|s| session_row(i18n, s, now, end)).collect_view()}
                        </ul>
                        {(others > 0).then(|| view! {
                            <button type="button" class="button" id="end-other-sessions" on:click=move |_| end(None)>
                                {i18n.tt(Key::EndOtherSessions)}
                            </button>
                        })}
                    }
                })}
            </Transition>
        </section>
    }
}

fn session_row(
    i18n: I18n,
    s: OpenSession,
    now: i64,
    end: impl Fn(Option<String>) + Copy + 'static,
) -> impl IntoView {
    let device = match (s.browser.is_empty(), s.system.is_empty()) {
        (true, true) => i18n.t(Key::SessionUnknownDevice).to_owned(),
        (false, true) => s.browser.clone(),
        (true, false) => s.system.clone(),
        (false, false) => i18n.fill(
            Key::SessionDevice,
            &[("browser", &s.browser), ("system", &s.system)],
        ),
    };
    let when = if s.current {
        i18n.t(Key::SessionThisDevice).to_owned()
    } else {
        last_seen(i18n, now - s.last_seen_at)
    };
    let id = s.id.clone();
    let label = format!("{} · {device}", i18n.t(Key::EndSession));
    view! {
        <li class="session" data-session=s.id.clone() data-current=s.current.to_string()>
            <span class="session-device">{device}</span>
            <span class="muted">{i18n.fill(Key::SessionFrom, &[("client", &s.client)])}</span>
            <span class="muted">{when}</span>
            {(!s.current).then(|| view! {
                <button type="button" class="button" aria-label=label on:click=move |_| end(Some(id.clone()))>
                    {i18n.tt(Key::EndSession)}
                </button>
            })}
        </li>
    }
}

/// "Active now", "Active 5 min ago"...
fn last_seen(i18n: I18n, ago: i64) -> String {
    let (key, n) = match ago.max(0) {
        s if s < 300 => return i18n.t(Key::SessionActiveNow).to_owned(),
        s if s < 3600 => (Key::SessionMinutesAgo, s / 60),
        s if s < 86_400 => (Key::SessionHoursAgo, s / 3600),
        s => (Key::SessionDaysAgo, s / 86_400),
    };
    i18n.fill(key, &[("n", &n.to_string())])
}

/// Now, in UTC seconds, by the clock of whoever renders the list (it opens on a click).
fn now_secs() -> i64 {
    #[cfg(feature = "hydrate")]
    {
        (js_sys::Date::now() / 1000.0) as i64
    }
    #[cfg(not(feature = "hydrate"))]
    {
        domain::clock::now()
    }
}
