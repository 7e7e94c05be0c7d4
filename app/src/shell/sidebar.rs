use super::apps;
use crate::i18n::{use_i18n, Key};
use crate::popover::Popover;
use crate::space::{may_use, space_href, use_shell, AppId};
use leptos::prelude::*;
#[cfg(feature = "hydrate")]
use leptos_router::{hooks::use_navigate, NavigateOptions};

/// The apps this member may use, each with its ⋮ menu to open it in the side panel.
#[component]
pub fn Sidebar() -> impl IntoView {
    let i18n = use_i18n();
    let visible = move || {
        AppId::ALL
            .into_iter()
            .filter(|app| may_use(*app))
            .collect::<Vec<_>>()
    };
    view! {
        <nav class="sidebar" aria-label=i18n.tt(Key::NavApps)>
            <ul>
                <For each=visible key=|app| *app let:app>
                    <SidebarEntry app />
                </For>
            </ul>
        </nav>
    }
}

#[component]
fn SidebarEntry(app: AppId) -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let menu = Popover::new();
    let current = move || shell.app.get() == Some(app);
    // Opening an app that sits in the panel moves it to the main area.
    let href = move || {
        space_href(
            &shell.org_id(),
            app,
            shell.panel.get().filter(|p| *p != app),
        )
    };
    let panel_href = move || {
        space_href(
            &shell.org_id(),
            shell.app.get().unwrap_or(AppId::Home),
            Some(app),
        )
    };
    let menu_label = move || i18n.fill(Key::AppActions, &[("app", i18n.t(app.title()))]);
    let menu_id = format!("entry-menu-{}", app.code());
    let follow = follow_when_loaded(app);
    view! {
        <li class="sidebar-entry" class:active=current>
            <div class="sidebar-entry-inner" node_ref=menu.root>
            <a
                href=href
                class="sidebar-link"
                data-app=app.code()
                aria-current=move || current().then_some("page")
                on:pointerenter=move |_| apps::prefetch(app)
                on:focus=move |_| apps::prefetch(app)
                on:click=move |ev| follow(ev, href())
            >
                <span class=format!("app-icon icon-{}", app.code()) aria-hidden="true"></span>
                <span class="sidebar-label">{i18n.tt(app.title())}</span>
            </a>
            {(app != AppId::Home)
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="entry-menu-button"
                            aria-haspopup="menu"
                            aria-controls=menu_id.clone()
                            aria-expanded=menu.expanded()
                            aria-label=menu_label
                            title=menu_label
                            on:click=move |_| menu.toggle()
                        >
                            "⋮"
                        </button>
                        <Show when=move || menu.is_open()>
                            <ul class="entry-menu" role="menu" id=menu_id.clone()>
                                <li role="none">
                                    <a role="menuitem" href=panel_href on:click=move |ev| {
                                        menu.close();
                                        follow(ev, panel_href());
                                    }>
                                        {i18n.tt(Key::OpenInPanel)}
                                    </a>
                                </li>
                            </ul>
                        </Show>
                    }
                })}
            </div>
        </li>
    }
}

/// A click handler that follows a link to `app` once its code is there. A plain link would
/// render an app whose chunk is still on its way, which suspends the whole space to "Loading…";
/// this way the shell stays and only the app's area shows progress. A click that opens a new
/// tab is left alone. Only the browser routes: on the server the handler is never called, and
/// the router's navigate function must not be kept there (it may not cross threads).
fn follow_when_loaded(app: AppId) -> impl Fn(leptos::ev::MouseEvent, String) + Copy {
    let loading = use_shell().loading;
    #[cfg(feature = "hydrate")]
    let navigate = StoredValue::new_local(use_navigate());
    move |ev, href| {
        if ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
            return;
        }
        #[cfg(feature = "hydrate")]
        {
            ev.prevent_default();
            loading.set(Some(app));
            let navigate = navigate.get_value();
            leptos::task::spawn_local(async move {
                apps::preload(app).await;
                navigate(&href, NavigateOptions::default());
                loading.set(None);
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (app, loading, href);
    }
}
