use crate::i18n::{use_i18n, Key};
use crate::popover::Popover;
use crate::space::{allowed_in, space_href, use_shell, AppId};
use leptos::prelude::*;

/// The member's organizations, the personal "my kSuite" space first. Switching keeps the app
/// that is open when the member may use it there, else opens the space's Home.
#[component]
pub fn OrgSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let menu = Popover::new();
    let current_name = move || shell.org.get().map(|o| o.name).unwrap_or_default();
    let orgs = shell.orgs.get_value();
    view! {
        <div class="org-switcher" node_ref=menu.root>
            <button
                type="button"
                class="org-switcher-button"
                aria-haspopup="menu"
                aria-controls="org-menu"
                aria-expanded=menu.expanded()
                title=i18n.tt(Key::SwitchOrg)
                on:click=move |_| menu.toggle()
            >
                <span class="visually-hidden">{i18n.tt(Key::SwitchOrg)} ": "</span>
                <span class="org-name">{current_name}</span>
                <span aria-hidden="true">" ▾"</span>
            </button>
            <Show when=move || menu.is_open()>
                <ul class="menu org-menu" role="menu" id="org-menu" aria-label=i18n.tt(Key::Organizations)>
                    {orgs
                        .iter()
                        .map(|org| {
                            let id = org.id.clone();
                            let href = {
                                let org = org.clone();
                                move || {
                                    let app = shell
                                        .app
                                        .get()
                                        .filter(|app| allowed_in(&org, *app))
                                        .unwrap_or(AppId::Home);
                                    space_href(&org.id, app, None)
                                }
                            };
                            let is_current = {
                                let id = id.clone();
                                move || shell.org.get().is_some_and(|o| o.id == id)
                            };
                            view! {
                                <li role="none">
                                    <a
                                        role="menuitem"
                                        href=href
                                        data-org=org.id.clone()
                                        aria-current=move || is_current().then_some("true")
                                        on:click=move |_| menu.close()
                                    >
                                        <span>{org.name.clone()}</span>
                                        {org.personal.then(|| view! { <span class="badge">{i18n.tt(Key::PersonalSpace)}</span> })}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </Show>
        </div>
    }
}
