//! The apps of the sidebar and which component renders each, in the main area or the panel.

use crate::i18n::{use_i18n, Key, PageTitle};
use crate::space::{may_use, use_shell, AppId};
use leptos::prelude::*;

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
                    // Not in a <Suspense>: its markers don't hydrate around code loaded this way.
                    AppId::Mail => Suspend::new(crate::mail::mail_chunk()).into_any(),
                    AppId::Calendar => Suspend::new(crate::calendar::calendar_chunk()).into_any(),
                    AppId::Contacts => Suspend::new(crate::contacts::contacts_chunk()).into_any(),
                    AppId::Manager => Suspend::new(crate::manager::manager_chunk()).into_any(),
                }
            }}
        </section>
    }
}

/// Fetches an app's wasm chunk (once): before hydration for the apps the page shows, and when
/// the pointer or focus reaches an app's link, so the click finds its code there.
#[cfg(feature = "hydrate")]
pub async fn preload(app: AppId) {
    match app {
        AppId::Mail => crate::mail::__preload_mail_chunk().await,
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
