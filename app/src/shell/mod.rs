//! The spaces shell: sidebar, side panel, organization switcher, user menu, presence and the
//! space home. The layout lives in the URL: `/s/{org}/{app}?panel={app}`.

mod account_dialogs;
pub mod api;
pub(crate) mod apps;
mod home;
mod org_switcher;
mod presence;
mod profile;
mod security;
mod sidebar;
mod user_menu;
mod verify_banner;

use crate::error::AppError;
use crate::feedback::{AfterHydration, ErrorAlert, Loading};
use crate::i18n::{use_i18n, Key, PageTitle};
use crate::space::api::team;
use crate::space::{space_href, use_shell, AppId, ShellState};
use api::get_session;
use domain::views::{AccountView, MemberView, OrgView};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The route `/s/:org/:app`: loads the session once, and the organization's members while an app
/// that shows them is open. Both start together, so the server renders the page after one wait.
#[component]
pub fn Space() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let session = Resource::new(|| (), |_| get_session());
    // Only the apps that show members fetch them; the others render without the queries.
    let members_of = move || {
        let shows_members = |app: Option<String>| {
            matches!(
                app.as_deref().and_then(AppId::from_code),
                Some(AppId::Home | AppId::Manager)
            )
        };
        (shows_members(params.read().get("app")) || shows_members(query.read().get("panel")))
            .then(|| params.read().get("org").unwrap_or_default())
    };
    let members = Resource::new(members_of, |org| async move {
        match org {
            Some(org) => team(org).await,
            None => Ok(Vec::new()),
        }
    });
    view! {
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match session.await {
                    Ok(session) => {
                        view! { <SpaceLayout account=session.account orgs=session.orgs members /> }.into_any()
                    }
                    Err(err) if err.code == "unauthenticated" => view! { <Redirect path="/login" /> }.into_any(),
                    Err(err) => view! { <ErrorPage error=err /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SpaceLayout(
    account: AccountView,
    orgs: Vec<OrgView>,
    members: Resource<Result<Vec<MemberView>, AppError>>,
) -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let orgs = StoredValue::new(orgs);
    let org = Memo::new(move |_| {
        let id = params.read().get("org").unwrap_or_default();
        orgs.with_value(|orgs| orgs.iter().find(|o| o.id == id).cloned())
    });
    let app = Memo::new(move |_| params.read().get("app").and_then(|a| AppId::from_code(&a)));
    let panel = Memo::new(move |_| query.read().get("panel").and_then(|a| AppId::from_code(&a)));
    let state = ShellState {
        account: RwSignal::new(account),
        orgs,
        org,
        app,
        panel,
        live: crate::live::provide_live(),
        members,
        loading: RwSignal::new(None),
    };
    provide_context(state);

    let i18n = use_i18n();
    let found = move || org.get().is_some() && app.get().is_some();
    view! {
        <Show when=found fallback=NotFound>
            <div class="space" class:with-panel=move || panel.get().is_some()>
                <a class="skip-link" href="#main" on:click=skip_to_main>{i18n.tt(Key::SkipToContent)}</a>
                <header class="topbar">
                    <span class="brand-logo" aria-hidden="true"></span>
                    <span class="brand-name">{i18n.tt(Key::ProductName)}</span>
                    <org_switcher::OrgSwitcher />
                    <span class="topbar-spacer"></span>
                    <user_menu::UserMenu />
                </header>
                <verify_banner::VerifyBanner />
                <sidebar::Sidebar />
                <main id="main" class="app-main" tabindex="-1"
                    aria-busy=move || state.loading.get().is_some().then_some("true")>
                    <Show when=move || state.loading.get().is_some()>
                        <div class="app-progress" role="progressbar" aria-label=i18n.tt(Key::Loading)></div>
                    </Show>
                    {move || app.get().map(|app| view! { <apps::AppView app /> })}
                </main>
                {move || panel.get().map(|panel| view! { <SidePanel panel /> })}
            </div>
        </Show>
    }
}

/// Moves focus to the app's area, as the link's `#main` does without the router (which takes
/// every link click and would only scroll).
fn skip_to_main(ev: leptos::ev::MouseEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let main = document()
            .get_element_by_id("main")
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(main) = main {
            ev.prevent_default();
            let _ = main.focus();
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// The second app, beside the first; closing it drops `?panel` from the URL.
///
/// Its app is drawn in the browser once the page has hydrated, never by the server: two apps
/// loaded as chunks, each with its own `<Suspense>`, render on the server in an order the
/// browser cannot replay, and hydration fails. The panel's chunk is fetched before hydration
/// (see `shown_apps`), so it appears at once.
#[component]
fn SidePanel(panel: AppId) -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let close_href = move || {
        space_href(
            &shell.org_id(),
            shell.app.get().unwrap_or(AppId::Home),
            None,
        )
    };
    view! {
        <aside class="side-panel" aria-label=i18n.tt(Key::SidePanel) data-panel=panel.code()>
            <header class="side-panel-header">
                <h2>{i18n.tt(panel.title())}</h2>
                <a class="icon-button" href=close_href aria-label=i18n.tt(Key::ClosePanel) title=i18n.tt(Key::ClosePanel)>
                    "✕"
                </a>
            </header>
            <div class="side-panel-body">
                <AfterHydration>
                    <apps::AppView app=panel />
                </AfterHydration>
            </div>
        </aside>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        res.set_status(http::StatusCode::NOT_FOUND);
    }
    view! {
        <PageTitle key=Key::NotFoundTitle />
        <main class="message-page" id="main">
            <h1>{i18n.tt(Key::NotFoundTitle)}</h1>
            <p>{i18n.tt(Key::NotFoundBody)}</p>
            <a class="button" href="/">{i18n.tt(Key::BackHome)}</a>
        </main>
    }
}

#[component]
fn ErrorPage(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main class="message-page" id="main">
            <ErrorAlert error />
            <a class="button" href="/">{i18n.tt(Key::BackHome)}</a>
        </main>
    }
}
