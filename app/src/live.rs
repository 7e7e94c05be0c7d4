//! The tab's one live stream (`/api/v1/events`): presence for every presence dot, and changes
//! to collections for the views that show them. Shown by the shell, below every app.

use domain::live::{DataChange, LiveEvent};
use domain::presence::{PresenceEvent, PresenceStatus};
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

type Watcher = Arc<dyn Fn(&DataChange) + Send + Sync>;

/// What the stream has told this tab since the page loaded.
#[derive(Clone, Copy)]
pub struct Live {
    presence: RwSignal<HashMap<String, PresenceEvent>>,
    watchers: StoredValue<Vec<(u64, Watcher)>>,
    next: StoredValue<u64>,
}

impl Default for Live {
    fn default() -> Self {
        Live {
            presence: RwSignal::new(HashMap::new()),
            watchers: StoredValue::new(Vec::new()),
            next: StoredValue::new(0),
        }
    }
}

impl Live {
    /// The live presence of `account_id`, or what the page was rendered with.
    pub fn presence(
        self,
        account_id: &str,
        rendered: PresenceStatus,
        message: &str,
    ) -> (PresenceStatus, String) {
        self.presence.with(|map| match map.get(account_id) {
            Some(event) => (event.status, event.message.clone()),
            None => (rendered, message.to_owned()),
        })
    }

    /// Calls `watch` for every change to a collection the member may read, while the calling
    /// view lives: a view reads again what it shows when that changed, whoever changed it.
    pub fn on_change(self, watch: impl Fn(&DataChange) + Send + Sync + 'static) {
        let Some(id) = self.next.try_update_value(|n| {
            *n += 1;
            *n
        }) else {
            return;
        };
        self.watchers
            .try_update_value(|all| all.push((id, Arc::new(watch))));
        on_cleanup(move || {
            self.watchers
                .try_update_value(|all| all.retain(|(other, _)| *other != id));
        });
    }

    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    fn dispatch(self, event: LiveEvent) {
        match event {
            LiveEvent::Presence(presence) => self.presence.update(|map| {
                map.insert(presence.account_id.clone(), presence);
            }),
            LiveEvent::Change(change) => {
                // A watcher may close its view (and so leave the list) while it runs.
                let watchers = self.watchers.try_get_value().unwrap_or_default();
                for (_, watch) in watchers {
                    watch(&change);
                }
            }
        }
    }
}

/// Reads what a view shows once more after a change was heard, and redraws (`refresh`) only
/// if it differs and the view has not started reading again meanwhile: the news of the
/// member's own write, which the view has read already, then changes nothing on the page
/// (no flicker, no focus lost), while another member's edit shows.
pub fn redraw_if_changed<T, F>(
    version: RwSignal<u32>,
    read: F,
    shown: impl Fn(&T) -> bool + 'static,
    refresh: impl FnOnce() + 'static,
) where
    T: 'static,
    F: std::future::Future<Output = T> + 'static,
{
    let Some(heard) = version.try_get_untracked() else {
        return;
    };
    leptos::task::spawn_local(async move {
        let fresh = read.await;
        if version.try_get_untracked() == Some(heard) && !shown(&fresh) {
            refresh();
        }
    });
}

/// Whether a fresh read shows what is on the page already.
pub fn unchanged<T: PartialEq, E>(now: Option<&Result<T, E>>, fresh: &Result<T, E>) -> bool {
    matches!((now, fresh), (Some(Ok(a)), Ok(b)) if a == b)
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// Provides the tab's `Live` and opens its stream; the browser reconnects it by itself after a
/// drop.
pub fn provide_live() -> Live {
    let live = Live::default();
    provide_context(live);
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
                    .and_then(|data| serde_json::from_str::<LiveEvent>(&data).ok());
                if let Some(event) = event {
                    live.dispatch(event);
                }
            });
        for name in ["presence", "change"] {
            source
                .add_event_listener_with_callback(name, on_message.as_ref().unchecked_ref())
                .ok();
        }
        let held = SendWrapper::new((source, on_message));
        on_cleanup(move || held.0.close());
    });
    live
}
