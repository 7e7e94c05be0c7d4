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

crate::codes!(PresenceStatus {
    Online => "online",
    Away => "away",
    Busy => "busy",
    Offline => "offline",
});

impl PresenceStatus {
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
