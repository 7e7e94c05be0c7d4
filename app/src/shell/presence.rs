//! Presence as it shows: a coloured dot and its name for screen readers.

use crate::i18n::{use_i18n, Key};
use domain::presence::PresenceStatus;
use leptos::prelude::*;

pub fn status_key(status: PresenceStatus) -> Key {
    match status {
        PresenceStatus::Online => Key::StatusOnline,
        PresenceStatus::Away => Key::StatusAway,
        PresenceStatus::Busy => Key::StatusBusy,
        PresenceStatus::Offline => Key::StatusOffline,
    }
}

/// A coloured dot with its status as text for screen readers.
#[component]
pub fn PresenceDot(#[prop(into)] status: Signal<PresenceStatus>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <span
            class=move || format!("presence-dot presence-{}", status.get().code())
            data-status=move || status.get().code()
            role="img"
            aria-label=move || i18n.t(status_key(status.get()))
        ></span>
    }
}
