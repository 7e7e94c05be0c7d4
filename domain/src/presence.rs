use serde::{Deserialize, Serialize};

/// What a member shows the others. `Offline` may also be chosen, to appear offline.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PresenceStatus {
    #[default]
    Online,
    Away,
    Busy,
    Offline,
}

impl PresenceStatus {
    pub const ALL: [PresenceStatus; 4] = [
        PresenceStatus::Online,
        PresenceStatus::Away,
        PresenceStatus::Busy,
        PresenceStatus::Offline,
    ];

    pub fn code(self) -> &'static str {
        match self {
            PresenceStatus::Online => "online",
            PresenceStatus::Away => "away",
            PresenceStatus::Busy => "busy",
            PresenceStatus::Offline => "offline",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// What others see: a member with no open tab is offline whatever they chose.
    pub fn effective(self, connected: bool) -> Self {
        if connected {
            self
        } else {
            PresenceStatus::Offline
        }
    }
}

/// Longest status message, in characters.
pub const MAX_MESSAGE_CHARS: usize = 100;

/// One member's presence change, pushed to every tab of every member of a shared organization.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceEvent {
    pub account_id: String,
    pub status: PresenceStatus,
    pub message: String,
}

#[cfg(feature = "server")]
pub use hub::PresenceHub;

#[cfg(feature = "server")]
mod hub {
    use super::{PresenceEvent, PresenceStatus};
    use std::collections::{HashMap, HashSet};
    use std::sync::{Arc, Mutex};
    use tokio::sync::broadcast;

    /// A presence event plus the organizations it concerns, so a subscriber can keep only the
    /// events of members it shares an organization with.
    #[derive(Debug, Clone)]
    pub struct Routed {
        pub orgs: Arc<HashSet<String>>,
        pub event: PresenceEvent,
    }

    /// Open tabs per account and the fan-out channel, in memory. One process holds the truth for
    /// its own connections.
    #[derive(Clone)]
    pub struct PresenceHub {
        connections: Arc<Mutex<HashMap<String, usize>>>,
        sender: broadcast::Sender<Routed>,
    }

    impl Default for PresenceHub {
        fn default() -> Self {
            let (sender, _) = broadcast::channel(1024);
            PresenceHub {
                connections: Arc::default(),
                sender,
            }
        }
    }

    impl PresenceHub {
        pub fn subscribe(&self) -> broadcast::Receiver<Routed> {
            self.sender.subscribe()
        }

        pub fn is_connected(&self, account_id: &str) -> bool {
            self.lock().get(account_id).is_some_and(|n| *n > 0)
        }

        /// Records a new tab; returns true when this is the account's first.
        pub fn connect(&self, account_id: &str) -> bool {
            let mut map = self.lock();
            let count = map.entry(account_id.to_owned()).or_insert(0);
            *count += 1;
            *count == 1
        }

        /// Records a closed tab; returns true when it was the account's last.
        pub fn disconnect(&self, account_id: &str) -> bool {
            let mut map = self.lock();
            match map.get_mut(account_id) {
                Some(count) if *count > 1 => {
                    *count -= 1;
                    false
                }
                Some(_) => {
                    map.remove(account_id);
                    true
                }
                None => false,
            }
        }

        pub fn publish(
            &self,
            orgs: HashSet<String>,
            account_id: &str,
            status: PresenceStatus,
            message: &str,
        ) {
            let event = PresenceEvent {
                account_id: account_id.to_owned(),
                status: status.effective(self.is_connected(account_id)),
                message: message.to_owned(),
            };
            // No subscriber is not an error: nobody is watching.
            let _ = self.sender.send(Routed {
                orgs: Arc::new(orgs),
                event,
            });
        }

        fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, usize>> {
            // A panic while holding this lock leaves counts that are still usable.
            self.connections.lock().unwrap_or_else(|p| p.into_inner())
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn counts_tabs_per_account() {
            let hub = PresenceHub::default();
            assert!(hub.connect("a"));
            assert!(!hub.connect("a"));
            assert!(hub.is_connected("a"));
            assert!(!hub.disconnect("a"));
            assert!(hub.disconnect("a"));
            assert!(!hub.is_connected("a"));
            assert!(!hub.disconnect("a"));
        }

        #[test]
        fn published_status_is_offline_without_a_tab() {
            let hub = PresenceHub::default();
            let mut rx = hub.subscribe();
            hub.publish(
                HashSet::from(["o".to_owned()]),
                "a",
                PresenceStatus::Busy,
                "call",
            );
            assert_eq!(rx.try_recv().unwrap().event.status, PresenceStatus::Offline);
            hub.connect("a");
            hub.publish(HashSet::new(), "a", PresenceStatus::Busy, "call");
            assert_eq!(rx.try_recv().unwrap().event.status, PresenceStatus::Busy);
        }
    }
}
