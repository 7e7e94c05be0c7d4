//! The organization's teams in the Manager. Every member sees them; administrators create,
//! rename and delete teams and choose their members (the domain enforces who may).

use crate::error::AppError;
use crate::feedback::{FormError, LoadedList};
use crate::i18n::{use_i18n, Key};
use crate::space::api::org_teams;
use crate::space::use_shell;
use domain::views::{MemberView, TeamView};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One change an administrator makes to the teams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum TeamChange {
    Create { name: String },
    Rename { team: String, name: String },
    Delete { team: String },
    AddMember { team: String, account: String },
    RemoveMember { team: String, account: String },
}

#[server(prefix = "/fn", endpoint = "change_team")]
pub async fn change_team(org: String, change: TeamChange) -> Result<(), AppError> {
    use domain::org::teams;
    let (ctx, actor, _) = crate::context::member_of(&org).await?;
    let db = &ctx.db;
    match change {
        TeamChange::Create { name } => {
            teams::create_team(db, &actor, &name, domain::clock::now()).await?;
        }
        TeamChange::Rename { team, name } => teams::rename_team(db, &actor, &team, &name).await?,
        TeamChange::Delete { team } => teams::delete_team(db, &actor, &team).await?,
        TeamChange::AddMember { team, account } => {
            teams::add_team_member(db, &actor, &team, &account).await?
        }
        TeamChange::RemoveMember { team, account } => {
            teams::remove_team_member(db, &actor, &team, &account).await?
        }
    }
    Ok(())
}

#[component]
pub fn TeamsSection() -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let version = RwSignal::new(0u32);
    // An app belongs to one organization: switching re-creates it (see `AppView`), so nothing
    // here follows the organization, and no read of this section outlives it.
    let org = shell.org.get_untracked();
    let org_id = StoredValue::new(org.as_ref().map(|o| o.id.clone()).unwrap_or_default());
    let editable = org.is_some_and(|o| o.role.is_administrator());
    let teams = Resource::new(
        move || (org_id.get_value(), version.get()),
        |(org, _)| org_teams(org),
    );
    let error = RwSignal::new(None::<AppError>);
    // Each change reloads the list, so what is shown is what was stored.
    let apply = Callback::new(move |change: TeamChange| {
        let org = org_id.get_value();
        leptos::task::spawn_local(async move {
            match change_team(org, change).await {
                Ok(()) => {
                    error.set(None);
                    version.update(|v| *v += 1);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    });
    view! {
        <section class="teams" aria-labelledby="teams-title">
            <h2 id="teams-title">{i18n.tt(Key::Teams)}</h2>
            <p class="muted">{i18n.tt(Key::TeamsIntro)}</p>
            {editable.then(|| view! { <NewTeamForm apply /> })}
            <FormError error />
            <LoadedList resource=teams empty=Key::NoTeams let:list>
                <ul class="team-list">
                    // This section's own read first: the shell's members may still be loading
                    // another organization's list when this section is dropped.
                    {move || {
                        let list = list.clone();
                        Suspend::new(async move {
                            let members = shell.members.await.unwrap_or_default();
                            list.into_iter().map(|team| {
                                let members = members.clone();
                                view! { <TeamItem team editable members apply /> }
                            }).collect_view()
                        })
                    }}
                </ul>
            </LoadedList>
        </section>
    }
}

#[component]
fn NewTeamForm(apply: Callback<TeamChange>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        apply.run(TeamChange::Create {
            name: name.get_untracked(),
        });
        name.set(String::new());
    };
    view! {
        <form class="team-new" on:submit=submit>
            <label class="field">
                <span>{i18n.tt(Key::NewTeam)}</span>
                <input type="text" name="team_name" required maxlength="100"
                    placeholder=i18n.tt(Key::TeamName) bind:value=name />
            </label>
            <button type="submit" class="button primary">{i18n.tt(Key::Create)}</button>
        </form>
    }
}

#[component]
fn TeamItem(
    team: TeamView,
    editable: bool,
    members: Vec<MemberView>,
    apply: Callback<TeamChange>,
) -> impl IntoView {
    let i18n = use_i18n();
    let renaming = RwSignal::new(false);
    let confirming = RwSignal::new(false);
    let name = RwSignal::new(team.name.clone());
    let team_id = StoredValue::new(team.id.clone());
    let title = StoredValue::new(team.name.clone());
    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        renaming.set(false);
        apply.run(TeamChange::Rename {
            team: team_id.get_value(),
            name: name.get_untracked(),
        });
    };
    let head = move || {
        if renaming.get() {
            view! {
                <form class="team-rename" on:submit=rename>
                    <input type="text" name="rename" required maxlength="100"
                        aria-label=i18n.tt(Key::TeamName) bind:value=name />
                    <button type="submit" class="button primary">{i18n.tt(Key::Save)}</button>
                    <button type="button" class="button" on:click=move |_| renaming.set(false)>
                        {i18n.tt(Key::Cancel)}
                    </button>
                </form>
            }
            .into_any()
        } else {
            view! {
                <h3>{title.get_value()}</h3>
                {editable.then(|| view! {
                    <button type="button" class="button" on:click=move |_| renaming.set(true)>
                        {i18n.tt(Key::Rename)}
                    </button>
                    <button type="button" class="button" on:click=move |_| confirming.set(true)>
                        {i18n.tt(Key::Delete)}
                    </button>
                })}
            }
            .into_any()
        }
    };
    let confirm = move || {
        confirming.get().then(|| {
            view! {
                <div class="team-confirm" role="alertdialog" aria-label=i18n.tt(Key::Delete)>
                    <p>{i18n.fill(Key::DeleteTeamConfirm, &[("name", &title.get_value())])}</p>
                    <button type="button" class="button danger"
                        on:click=move |_| apply.run(TeamChange::Delete { team: team_id.get_value() })>
                        {i18n.tt(Key::Delete)}
                    </button>
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>
                        {i18n.tt(Key::Cancel)}
                    </button>
                </div>
            }
        })
    };
    let in_team: Vec<String> = team.members.iter().map(|m| m.account_id.clone()).collect();
    let candidates: Vec<MemberView> = members
        .into_iter()
        .filter(|m| !in_team.contains(&m.account_id))
        .collect();
    view! {
        <li class="team" data-team=team.name.clone()>
            <div class="team-head">{head}</div>
            {confirm}
            {if team.members.is_empty() {
                view! { <p class="muted">{i18n.tt(Key::NoTeamMembers)}</p> }.into_any()
            } else {
                view! {
                    <ul class="team-members">
                        {team.members.into_iter().map(|m| {
                            let label = i18n.fill(Key::RemoveFromTeam, &[("name", &m.name)]);
                            let account = m.account_id.clone();
                            view! {
                                <li>
                                    <span>{m.name}</span>
                                    {editable.then(|| view! {
                                        <button type="button" class="chip-remove" aria-label=label.clone() title=label
                                            on:click=move |_| apply.run(TeamChange::RemoveMember {
                                                team: team_id.get_value(),
                                                account: account.clone(),
                                            })>"×"</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {(editable && !candidates.is_empty()).then(|| view! { <AddMemberForm team_id candidates apply /> })}
        </li>
    }
}

#[component]
fn AddMemberForm(
    team_id: StoredValue<String>,
    candidates: Vec<MemberView>,
    apply: Callback<TeamChange>,
) -> impl IntoView {
    let i18n = use_i18n();
    let pick = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let account = pick.get_untracked();
        if !account.is_empty() {
            apply.run(TeamChange::AddMember {
                team: team_id.get_value(),
                account,
            });
        }
    };
    view! {
        <form class="team-add" on:submit=submit>
            <select name="member" aria-label=i18n.tt(Key::AddToTeam)
                on:change=move |ev| pick.set(event_target_value(&ev))>
                <option value="">{i18n.tt(Key::AddToTeam)}</option>
                {candidates.into_iter().map(|m| view! {
                    <option value=m.account_id>{format!("{} <{}>", m.name, m.email)}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="button">{i18n.tt(Key::Add)}</button>
        </form>
    }
}
