//! What every app reads of the space it is shown in: who is signed in, the organization, the
//! apps open, the live stream (`ShellState`), a space's addresses and the apps' ids. Below the
//! apps; the frame that hosts them (`shell`: sidebar, panel, registry) is above, and no app
//! imports it or another app.

pub mod api;
mod app_id;
mod live_widget;

pub use app_id::{allowed_in, may_use, AppId};
pub use live_widget::{org_resource, LiveWidget};

use crate::error::AppError;
use crate::live::Live;
use domain::views::{AccountView, MemberView, OrgView};
use leptos::prelude::*;

/// The page a user lands on after login: their first organization that is not the personal
/// space (where their team is), else the personal space.
pub fn landing_path(orgs: &[OrgView]) -> String {
    orgs.iter()
        .find(|o| !o.personal)
        .or_else(|| orgs.first())
        .map(|o| space_href(&o.id, AppId::Home, None))
        .unwrap_or_else(|| "/login".to_owned())
}

pub fn space_href(org: &str, app: AppId, panel: Option<AppId>) -> String {
    match panel {
        Some(panel) => format!("/s/{org}/{}?panel={}", app.code(), panel.code()),
        None => format!("/s/{org}/{}", app.code()),
    }
}

/// The apps the current address shows, main first then panel, read before hydration starts.
#[cfg(feature = "hydrate")]
pub(crate) fn shown_apps() -> Vec<AppId> {
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return Vec::new();
    };
    let path = location.pathname().unwrap_or_default();
    let search = location.search().unwrap_or_default();
    let main = path
        .strip_prefix("/s/")
        .and_then(|rest| rest.split('/').nth(1));
    let panel = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|pair| pair.strip_prefix("panel="));
    main.into_iter()
        .chain(panel)
        .filter_map(AppId::from_code)
        .collect()
}

/// What every part of the shell reads: who is signed in, where, and what is open.
#[derive(Clone, Copy)]
pub struct ShellState {
    pub account: RwSignal<AccountView>,
    pub orgs: StoredValue<Vec<OrgView>>,
    pub org: Memo<Option<OrgView>>,
    pub app: Memo<Option<AppId>>,
    pub panel: Memo<Option<AppId>>,
    pub live: Live,
    /// The current organization's members, for the Team widget and the Manager.
    pub members: Resource<Result<Vec<MemberView>, AppError>>,
    /// The app whose code is being fetched before it opens.
    pub loading: RwSignal<Option<AppId>>,
}

impl ShellState {
    pub fn org_id(&self) -> String {
        self.org.get().map(|o| o.id).unwrap_or_default()
    }
}

pub fn use_shell() -> ShellState {
    expect_context::<ShellState>()
}
