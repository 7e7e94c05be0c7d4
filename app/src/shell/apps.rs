//! The apps of the sidebar and which component renders each, in the main area or the panel.

use super::use_shell;
use crate::i18n::{use_i18n, Key, PageTitle};
use domain::org::{Access, Product};
use domain::views::OrgView;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppId {
    Home,
    Mail,
    Calendar,
    Contacts,
    Manager,
}

impl AppId {
    pub const ALL: [AppId; 5] = [
        AppId::Home,
        AppId::Mail,
        AppId::Calendar,
        AppId::Contacts,
        AppId::Manager,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AppId::Home => "home",
            AppId::Mail => "mail",
            AppId::Calendar => "calendar",
            AppId::Contacts => "contacts",
            AppId::Manager => "manager",
        }
    }

    pub fn from_code(code: &str) -> Option<AppId> {
        AppId::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn title(self) -> Key {
        match self {
            AppId::Home => Key::AppHome,
            AppId::Mail => Key::AppMail,
            AppId::Calendar => Key::AppCalendar,
            AppId::Contacts => Key::AppContacts,
            AppId::Manager => Key::AppManager,
        }
    }

    /// The product right the app needs; Home needs none.
    pub fn product(self) -> Option<Product> {
        match self {
            AppId::Home => None,
            AppId::Mail => Some(Product::Mail),
            AppId::Calendar => Some(Product::Calendar),
            AppId::Contacts => Some(Product::Contacts),
            AppId::Manager => Some(Product::Manager),
        }
    }
}

/// Whether the current member may open `app` in the current organization.
pub fn may_use(app: AppId) -> bool {
    let shell = use_shell();
    shell.org.get().is_some_and(|org| allowed_in(&org, app))
}

/// Whether the member may open `app` in `org`.
pub fn allowed_in(org: &OrgView, app: AppId) -> bool {
    app.product()
        .is_none_or(|product| domain::org::rules::allows(&org.products, product, Access::Use))
}

#[component]
pub fn AppView(app: AppId) -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let in_main = move || shell.app.get() == Some(app);
    view! {
        <Show when=in_main>
            <PageTitle key=app.title() />
        </Show>
        <section class="app-view" data-app=app.code()>
            // Reads the organization: switching it makes a new instance of the app.
            {move || {
                if !may_use(app) {
                    let name = i18n.t(app.title());
                    return view! { <p class="empty-state" role="status">{i18n.fill(Key::NoAccess, &[("app", name)])}</p> }
                        .into_any();
                }
                match app {
                    AppId::Home => view! { <super::home::Home /> }.into_any(),
                    AppId::Mail => view! { <crate::mail::MailApp /> }.into_any(),
                    // Not in a <Suspense>: its markers don't hydrate around code loaded this way.
                    AppId::Calendar => Suspend::new(crate::calendar::calendar_chunk()).into_any(),
                    AppId::Contacts => Suspend::new(crate::contacts::contacts_chunk()).into_any(),
                    AppId::Manager => Suspend::new(crate::manager::manager_chunk()).into_any(),
                }
            }}
        </section>
    }
}

/// The state of an app that has nothing to show yet, with what will appear and why.
#[component]
pub fn EmptyState(icon: &'static str, title: Key, body: Key) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty-state">
            <span class=format!("empty-icon icon-{icon}") aria-hidden="true"></span>
            <h2>{i18n.tt(title)}</h2>
            <p>{i18n.tt(body)}</p>
        </div>
    }
}

/// Fetches an app's wasm chunk (once): before hydration for the apps the page shows, and when
/// the pointer or focus reaches an app's link, so the click finds its code there.
#[cfg(feature = "hydrate")]
pub async fn preload(app: AppId) {
    match app {
        AppId::Calendar => crate::calendar::__preload_calendar_chunk().await,
        AppId::Contacts => crate::contacts::__preload_contacts_chunk().await,
        AppId::Manager => crate::manager::__preload_manager_chunk().await,
        _ => {}
    }
}

/// Starts [`preload`] in the background; nothing to do on the server.
pub fn prefetch(app: AppId) {
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(preload(app));
    #[cfg(not(feature = "hydrate"))]
    let _ = app;
}
