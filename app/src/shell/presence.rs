//! Live presence: one server-sent event stream per tab, feeding a map that every presence dot
//! reads.

use crate::i18n::{use_i18n, Key};
use domain::presence::{PresenceEvent, PresenceStatus};
use leptos::prelude::*;
use std::collections::HashMap;

/// The latest presence pushed for each account since the page loaded.
#[derive(Clone, Copy)]
pub struct PresenceMap(RwSignal<HashMap<String, PresenceEvent>>);

impl Default for PresenceMap {
    fn default() -> Self {
        PresenceMap(RwSignal::new(HashMap::new()))
    }
}

impl PresenceMap {
    /// The live value for `account_id`, or what the page was rendered with.
    pub fn status(
        self,
        account_id: &str,
        rendered: PresenceStatus,
        message: &str,
    ) -> (PresenceStatus, String) {
        self.0.with(|map| match map.get(account_id) {
            Some(event) => (event.status, event.message.clone()),
            None => (rendered, message.to_owned()),
        })
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn apply(self, event: PresenceEvent) {
        self.0.update(|map| {
            map.insert(event.account_id.clone(), event);
        });
    }
}

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

/// Opens the tab's event stream; the browser reconnects it by itself after a drop.
pub fn listen(map: PresenceMap) {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| {
        use send_wrapper::SendWrapper;
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;

        let Ok(source) = web_sys::EventSource::new("/api/v1/events") else {
            return;
        };
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                let event = ev
                    .data()
                    .as_string()
                    .and_then(|data| serde_json::from_str::<PresenceEvent>(&data).ok());
                if let Some(event) = event {
                    map.apply(event);
                }
            });
        source
            .add_event_listener_with_callback("presence", on_message.as_ref().unchecked_ref())
            .ok();
        let held = SendWrapper::new((source, on_message));
        on_cleanup(move || held.0.close());
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = map;
}
