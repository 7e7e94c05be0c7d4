//! The shapes the UI and the REST API read. Built by the services, serialized as they are.

use crate::locale::Locale;
use crate::org::{ProductAccess, Role};
use crate::presence::PresenceStatus;
use serde::{Deserialize, Serialize};

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub locale: Locale,
    pub time_zone: String,
    /// ISO 3166-1 alpha-2, or empty when not set.
    #[serde(default)]
    pub country: String,
    pub presence: PresenceStatus,
    pub presence_message: String,
    /// Whether the login address is confirmed: until it is, the member may not share or invite.
    #[serde(default)]
    pub email_verified: bool,
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgView {
    pub id: String,
    pub name: String,
    /// The member's own "my kSuite" space.
    pub personal: bool,
    pub role: Role,
    pub products: Vec<ProductAccess>,
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub account_id: String,
    pub name: String,
    /// Told only to those who manage the organization (see `org::members`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub email: String,
    /// Told only to those who manage the organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Told only to those who manage the organization.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<ProductAccess>,
    /// Effective presence: offline when the member has no open tab.
    pub presence: PresenceStatus,
    pub presence_message: String,
    /// Listed in the organization's directory: an administrator may hide a member; a guest is
    /// never listed.
    #[serde(default)]
    pub in_directory: bool,
}

/// Everything the shell needs about the signed-in user, fetched once per page.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionView {
    pub account: AccountView,
    /// The personal space first, then the others by name.
    pub orgs: Vec<OrgView>,
}

/// A team of the organization and its members, by name.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    pub id: String,
    pub name: String,
    pub members: Vec<TeamMemberView>,
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamMemberView {
    pub account_id: String,
    pub name: String,
}

/// One of an account's live sessions, for the account's security page.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenSession {
    pub id: String,
    /// "Firefox", "Safari", "curl"...; empty when unknown.
    pub browser: String,
    /// "macOS", "Android"...; empty when unknown.
    pub system: String,
    /// Where it was opened from: an IPv4 address or an IPv6 /64.
    pub client: String,
    /// UTC seconds.
    pub created_at: i64,
    /// UTC seconds, to the minute.
    pub last_seen_at: i64,
    /// The session this request came with.
    pub current: bool,
}

/// What an organization's files take and may take, in bytes.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorageUsage {
    pub used: u64,
    pub quota: u64,
}

/// A file attached to an event, as its dialog lists it; downloaded from
/// `/api/v1/attachments/{id}`.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: String,
    pub name: String,
    pub media_type: String,
    pub size: u64,
    pub created_at: i64,
}
