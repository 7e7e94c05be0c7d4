//! The Manager app: the organization's members, their role and their apps, its teams and its
//! settings.

pub mod settings;
pub mod teams;

use crate::feedback::Loaded;
use crate::i18n::names::role_key;
use crate::i18n::{use_i18n, Key};
use crate::space::{use_shell, AppId};
use domain::org::{Access, Role};
use domain::views::MemberView;
use leptos::prelude::*;

/// Shows a member in the organization's directory or hides them (administrators only, checked
/// in the domain).
#[server(prefix = "/fn", endpoint = "directory_listing")]
pub async fn set_directory_listing(
    org: String,
    account: String,
    shown: bool,
) -> Result<(), crate::error::AppError> {
    let (ctx, actor, _) = crate::context::member_of(&org).await?;
    domain::contacts::directory::set_listed(&ctx.db, &actor, &account, shown).await?;
    Ok(())
}

/// The Manager, in a wasm chunk of its own that the browser fetches the first time it is shown
/// (see `shell::apps::preload`): most members never open it.
#[lazy]
pub fn manager_chunk() -> AnyView {
    view! { <ManagerApp /> }.into_any()
}

/// Whether a member is listed in the directory: a checkbox for administrators, a mark for
/// everyone else. Guests are never listed.
fn directory_cell(member: &MemberView, admin: bool, notice: RwSignal<Option<String>>) -> AnyView {
    let i18n = use_i18n();
    if member.role == Some(Role::External) {
        return view! { <span class="muted">"—"</span> }.into_any();
    }
    if !admin {
        let mark = if member.in_directory { "✓" } else { "—" };
        return view! { <span>{mark}</span> }.into_any();
    }
    let shell = use_shell();
    let account = member.account_id.clone();
    let label = format!("{} · {}", i18n.t(Key::ShowInDirectory), member.name);
    let toggle = move |ev: leptos::ev::Event| {
        let shown = event_target_checked(&ev);
        let (org, account) = (shell.org_id(), account.clone());
        leptos::task::spawn_local(async move {
            let result = set_directory_listing(org, account, shown).await;
            notice.set(Some(crate::feedback::outcome(i18n, result, Key::Saved)));
            shell.members.refetch();
        });
    };
    view! {
        <input type="checkbox" name="in_directory" aria-label=label prop:checked=member.in_directory on:change=toggle />
    }
    .into_any()
}

#[component]
fn ManagerApp() -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let members = shell.members;
    let admin = shell
        .org
        .get_untracked()
        .is_some_and(|o| o.role.is_administrator());
    let notice = RwSignal::new(None::<String>);
    view! {
        <div class="manager">
            <p class="visually-hidden" role="status" aria-live="polite">{move || notice.get()}</p>
            <h1>{i18n.tt(Key::ManagerTitle)}</h1>
            <p class="muted">{i18n.tt(Key::ManagerIntro)}</p>
            <Loaded resource=members let:members>
                <table class="data-table">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.tt(Key::ColumnName)}</th>
                            <th scope="col">{i18n.tt(Key::ColumnEmail)}</th>
                            <th scope="col">{i18n.tt(Key::ColumnRole)}</th>
                            <th scope="col">{i18n.tt(Key::ColumnApps)}</th>
                            <th scope="col">{i18n.tt(Key::ColumnDirectory)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {members
                            .into_iter()
                            .map(|m| {
                                let apps = m.products.clone();
                                let email = m.email.clone();
                                let listing = directory_cell(&m, admin, notice);
                                view! {
                                    <tr data-member=email>
                                        <td>{m.name}</td>
                                        <td>{m.email}</td>
                                        <td>{m.role.map(|r| i18n.tt(role_key(r)))}</td>
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
                                        <td>{listing}</td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </Loaded>
            <teams::TeamsSection />
            <settings::OrgSettingsForm />
        </div>
    }
}
