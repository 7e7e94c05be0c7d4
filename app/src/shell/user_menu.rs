use super::account_dialogs::{AccountDialog, LazyAccountDialog};
use super::api::SetPresence;
use super::presence::{status_key, PresenceDot};
use crate::brand::api::log_out;
use crate::brand::{open_document, LanguagePicker};
use crate::feedback::FormError;
use crate::i18n::{use_i18n, Key};
use crate::popover::Popover;
use crate::space::use_shell;
use domain::presence::{PresenceStatus, MAX_MESSAGE_CHARS};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The avatar button and its menu: presence, status message, language, profile, log out.
#[component]
pub fn UserMenu() -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let account = shell.account;
    let menu = Popover::new();
    let profile_open = RwSignal::new(false);
    let security_open = RwSignal::new(false);
    let initials = move || {
        account
            .read()
            .name
            .split_whitespace()
            .filter_map(|w| w.chars().next())
            .take(2)
            .collect::<String>()
    };
    let status = Signal::derive(move || account.read().presence);

    let save = ServerAction::<SetPresence>::new();
    Effect::new(move |_| {
        if let Some(Ok(updated)) = save.value().get() {
            account.set(updated);
        }
    });
    let message = RwSignal::new(account.get_untracked().presence_message);
    let choose = move |status: PresenceStatus| {
        save.dispatch(SetPresence {
            status,
            message: message.get_untracked(),
        });
    };
    let error = Signal::derive(move || save.value().get().and_then(Result::err));

    let do_log_out = move |_| {
        spawn_local(async move {
            // Whatever the answer, the session cookie is gone or useless: go to the login page.
            let _ = log_out().await;
            open_document("/login");
        });
    };

    view! {
        <div class="user-menu" node_ref=menu.root>
            <button
                type="button"
                class="avatar-button"
                aria-haspopup="dialog"
                aria-controls="user-menu-panel"
                aria-expanded=menu.expanded()
                title=move || account.read().name.clone()
                on:click=move |_| menu.toggle()
            >
                // Named by its text, so the name a voice user says is the one announced.
                <span class="visually-hidden">{i18n.tt(Key::UserMenu)}</span>
                <span class="avatar" aria-hidden="true">{initials}</span>
                <PresenceDot status />
            </button>
            <Show when=move || menu.is_open()>
                <div class="menu user-menu-panel" id="user-menu-panel" role="dialog" aria-label=i18n.tt(Key::UserMenu)>
                    <p class="user-name">{move || account.read().name.clone()}</p>
                    <p class="user-email">{move || account.read().email.clone()}</p>
                    <fieldset class="status-picker">
                        <legend>{i18n.tt(Key::Status)}</legend>
                        {PresenceStatus::ALL
                            .into_iter()
                            .map(|option| {
                                view! {
                                    <label class="status-option">
                                        <input
                                            type="radio"
                                            name="presence"
                                            value=option.code()
                                            prop:checked=move || status.get() == option
                                            on:change=move |_| choose(option)
                                        />
                                        <span class=format!("presence-dot presence-{}", option.code()) aria-hidden="true"></span>
                                        {i18n.tt(status_key(option))}
                                    </label>
                                }
                            })
                            .collect_view()}
                    </fieldset>
                    <form class="status-message" on:submit=move |ev| {
                        ev.prevent_default();
                        choose(status.get_untracked());
                    }>
                        <label for="status-message">{i18n.tt(Key::StatusMessage)}</label>
                        <input
                            id="status-message"
                            type="text"
                            maxlength=MAX_MESSAGE_CHARS.to_string()
                            placeholder=i18n.tt(Key::StatusMessagePlaceholder)
                            prop:value=move || message.get()
                            on:input=move |ev| message.set(event_target_value(&ev))
                        />
                        <button type="submit">{i18n.tt(Key::UpdateStatus)}</button>
                    </form>
                    <FormError error />
                    <LanguagePicker />
                    <button type="button" class="menu-item" on:click=move |_| {
                        menu.close();
                        profile_open.set(true);
                    }>{i18n.tt(Key::Profile)}</button>
                    <button type="button" class="menu-item" id="open-security" on:click=move |_| {
                        menu.close();
                        security_open.set(true);
                    }>{i18n.tt(Key::Security)}</button>
                    <button type="button" class="menu-item" on:click=do_log_out>{i18n.tt(Key::LogOut)}</button>
                </div>
            </Show>
            <LazyAccountDialog which=AccountDialog::Profile open=profile_open />
            <LazyAccountDialog which=AccountDialog::Security open=security_open />
        </div>
    }
}
