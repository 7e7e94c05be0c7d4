//! The account's sign-in and security: change the password (which signs out every other
//! session), see where the account is signed in, and sign out one device or all the others.

use super::api::{account_sessions, end_sessions, ChangeEmail, ChangePassword};
use crate::dialog::CloseButton;
use crate::error::AppError;
use crate::feedback::{FormError, Loaded};
use crate::i18n::{use_i18n, I18n, Key};
use crate::modal::Dialog;
use crate::space::use_shell;
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
            {move || {
                // Made when the dialog opens, so the list is read then, and again after a change
                // of password has ended the other sessions.
                let sessions = Resource::new(|| (), |_| account_sessions());
                view! {
                    <Dialog class="modal security-dialog" heading_id="security-title" title=i18n.tt(Key::Security)
                        on_close=close return_to=".avatar-button">
                        <EmailForm />
                        <PasswordForm on_changed=Callback::new(move |()| sessions.refetch()) />
                        <SessionList sessions />
                        <CloseButton on_close=close />
                    </Dialog>
                }
            }}
        </Show>
    }
}

/// A new login address: a link goes to it, and the address changes once it is followed.
#[component]
fn EmailForm() -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let change = ServerAction::<ChangeEmail>::new();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let asked = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            asked.set(email.get_untracked());
            email.set(String::new());
            password.set(String::new());
        }
    });
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let invalid = move |field| invalid_when(error, field);
    let sent = move || {
        matches!(change.value().get(), Some(Ok(())))
            .then(|| i18n.fill(Key::EmailChangeSent, &[("email", &asked.get())]))
    };
    view! {
        <section aria-labelledby="email-title">
            <h3 id="email-title">{i18n.tt(Key::LoginEmail)}</h3>
            <p class="muted" id="email-current">{move || shell.account.with(|a| a.email.clone())}</p>
            <ActionForm action=change attr:class="stacked-form" attr:id="email-form">
                <label for="email-new">{i18n.tt(Key::NewEmail)}</label>
                <input id="email-new" name="email" type="email" autocomplete="email" required
                    prop:value=email on:input=move |ev| email.set(event_target_value(&ev))
                    aria-invalid=invalid("email") aria-describedby="email-error" />
                <label for="email-password">{i18n.tt(Key::CurrentPassword)}</label>
                <input id="email-password" name="password" type="password" autocomplete="current-password" required
                    prop:value=password on:input=move |ev| password.set(event_target_value(&ev))
                    aria-invalid=invalid("current") aria-describedby="email-error" />
                <FormError error id="email-error" />
                <p class="form-success" role="status">{sent}</p>
                <button type="submit" class="button" disabled=move || change.pending().get()>
                    {i18n.tt(Key::SendConfirmationLink)}
                </button>
            </ActionForm>
        </section>
    }
}

#[component]
fn PasswordForm(on_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let change = ServerAction::<ChangePassword>::new();
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    Effect::new(move |_| {
        if let Some(Ok(())) = change.value().get() {
            current.set(String::new());
            new.set(String::new());
            on_changed.run(());
        }
    });
    let error = Signal::derive(move || change.value().get().and_then(Result::err));
    let invalid = move |field| invalid_when(error, field);
    let done = move || matches!(change.value().get(), Some(Ok(())));
    // The rule is named by the server's message, in the member's language, not by the
    // browser's own bubble: no `minlength` on the new password.
    view! {
        <section aria-labelledby="password-title">
            <h3 id="password-title">{i18n.tt(Key::ChangePassword)}</h3>
            <ActionForm action=change attr:class="stacked-form" attr:id="password-form">
                <label for="password-current">{i18n.tt(Key::CurrentPassword)}</label>
                <input id="password-current" name="current" type="password" autocomplete="current-password" required
                    prop:value=current on:input=move |ev| current.set(event_target_value(&ev))
                    aria-invalid=invalid("current") aria-describedby="password-error" />
                <label for="password-new">{i18n.tt(Key::NewPassword)}</label>
                <input id="password-new" name="new" type="password" autocomplete="new-password" required
                    prop:value=new on:input=move |ev| new.set(event_target_value(&ev))
                    aria-invalid=invalid("password") aria-describedby="password-new-hint password-error" />
                <p id="password-new-hint" class="field-hint">{i18n.tt(Key::PasswordHint)}</p>
                <FormError error id="password-error" />
                <p class="form-success" role="status">{move || done().then(|| i18n.t(Key::PasswordChanged))}</p>
                <button type="submit" class="button primary" disabled=move || change.pending().get()>
                    {i18n.tt(Key::ChangePassword)}
                </button>
            </ActionForm>
        </section>
    }
}

/// `aria-invalid` for `field` while the last answer names it.
fn invalid_when(
    error: Signal<Option<AppError>>,
    field: &'static str,
) -> impl Fn() -> Option<&'static str> + Copy {
    move || {
        let wrong = error.get().and_then(|e| e.0.field.clone()).as_deref() == Some(field);
        wrong.then_some("true")
    }
}

#[component]
fn SessionList(sessions: Resource<Result<Vec<OpenSession>, AppError>>) -> impl IntoView {
    let i18n = use_i18n();
    let error = RwSignal::new(None::<AppError>);
    let end = move |id: Option<String>| {
        spawn_local(async move {
            // A session ended meanwhile (from another device, by a change of password) is as
            // good as ended here: the list is read again either way.
            match end_sessions(id).await {
                Err(err) if err.code != "not_found" => error.set(Some(err)),
                _ => error.set(None),
            }
            sessions.refetch();
        });
    };
    view! {
        <section aria-labelledby="sessions-title">
            <h3 id="sessions-title">{i18n.tt(Key::SessionsTitle)}</h3>
            <FormError error=Signal::derive(move || error.get()) />
            <Loaded resource=sessions let:list>
                {
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
                }
            </Loaded>
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

/// "Active now", "Active 5 min ago", "Active yesterday"...
fn last_seen(i18n: I18n, ago: i64) -> String {
    let (key, n) = match ago.max(0) {
        s if s < 300 => return i18n.t(Key::SessionActiveNow).to_owned(),
        s if s < 3600 => (Key::SessionMinutesAgo, s / 60),
        s if s < 86_400 => (Key::SessionHoursAgo, s / 3600),
        s if s < 2 * 86_400 => return i18n.t(Key::SessionYesterday).to_owned(),
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
