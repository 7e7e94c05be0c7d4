//! The Manager app: the organization's members, their role and their apps, its teams and its
//! settings.

mod settings;
mod teams;

pub use teams::org_teams;

use crate::feedback::{ErrorAlert, Loading};
use crate::i18n::{use_i18n, Key};
use crate::shell::{use_shell, AppId};
use domain::org::{Access, Role};
use leptos::prelude::*;

pub fn role_key(role: Role) -> Key {
    match role {
        Role::LegalRepresentative => Key::RoleLegalRepresentative,
        Role::Admin => Key::RoleAdmin,
        Role::Collaborator => Key::RoleCollaborator,
        Role::External => Key::RoleExternal,
    }
}

/// The Manager, in a wasm chunk of its own that the browser fetches the first time it is shown
/// (see `shell::apps::preload`): most members never open it.
#[lazy]
pub fn manager_chunk() -> AnyView {
    view! { <ManagerApp /> }.into_any()
}

#[component]
fn ManagerApp() -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let members = shell.members;
    view! {
        <div class="manager">
            <h1>{i18n.tt(Key::ManagerTitle)}</h1>
            <p class="muted">{i18n.tt(Key::ManagerIntro)}</p>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match members.await {
                        Ok(members) => view! {
                            <table class="data-table">
                                <thead>
                                    <tr>
                                        <th scope="col">{i18n.tt(Key::ColumnName)}</th>
                                        <th scope="col">{i18n.tt(Key::ColumnEmail)}</th>
                                        <th scope="col">{i18n.tt(Key::ColumnRole)}</th>
                                        <th scope="col">{i18n.tt(Key::ColumnApps)}</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {members
                                        .into_iter()
                                        .map(|m| {
                                            let apps = m.products.clone();
                                            let email = m.email.clone();
                                            view! {
                                                <tr data-member=email>
                                                    <td>{m.name}</td>
                                                    <td>{m.email}</td>
                                                    <td>{i18n.tt(role_key(m.role))}</td>
                                                    <td>
                                                        {move || {
                                                            apps.iter()
                                                                .filter_map(|p| {
                                                                    let app = AppId::from_code(p.product.code())?;
                                                                    let manage = if p.access == Access::Manage { " ★" } else { "" };
                                                                    Some(format!("{}{manage}", i18n.t(app.title())))
                                                                })
                                                                .collect::<Vec<_>>()
                                                                .join(", ")
                                                        }}
                                                    </td>
                                                </tr>
                                            }
                                        })
                                        .collect_view()}
                                </tbody>
                            </table>
                        }
                        .into_any(),
                        Err(error) => view! { <ErrorAlert error /> }.into_any(),
                    }
                })}
            </Transition>
            <teams::TeamsSection />
            <settings::OrgSettingsForm />
        </div>
    }
}
