//! Who has a calendar or an address book and at which level: the list of shares (change a level,
//! revoke) and the form that adds one for a member, a team or the whole organization. The share
//! dialogs of both apps embed it; the domain checks who may share what.

use crate::error::AppError;
use crate::feedback::{FormError, LoadedList};
use crate::i18n::{use_i18n, I18n, Key};
use crate::space::api::org_teams;
use crate::space::api::team;
use crate::space::use_shell;
use domain::live::CollectionKind;
use domain::sharing::{Grantee, ShareLevel, ShareView};
use leptos::prelude::*;

#[server(prefix = "/fn", endpoint = "shares")]
pub async fn list_shares(
    org: String,
    kind: CollectionKind,
    id: String,
) -> Result<Vec<ShareView>, AppError> {
    let (ctx, actor, _) = crate::context::member_of(&org).await?;
    Ok(domain::collections::list_shares(&ctx.db, &actor, kind, &id).await?)
}

/// Grants `level` to `grantee`, or revokes their share when `level` is None.
#[server(prefix = "/fn", endpoint = "share")]
pub async fn set_share(
    org: String,
    kind: CollectionKind,
    id: String,
    grantee: Grantee,
    level: Option<ShareLevel>,
) -> Result<(), AppError> {
    use domain::collections;
    let (ctx, actor, _) = crate::context::member_of(&org).await?;
    match level {
        Some(level) => collections::share(&ctx.db, &actor, kind, &id, &grantee, level).await?,
        None => collections::revoke_share(&ctx.db, &actor, kind, &id, &grantee).await?,
    }
    Ok(())
}

fn level_key(level: ShareLevel) -> Key {
    match level {
        ShareLevel::View => Key::CanView,
        ShareLevel::Modify => Key::CanModify,
        ShareLevel::Share => Key::CanModifyAndShare,
    }
}

/// The form's choice: "org", "team:{id}" or a member's account id.
fn grantee_of(code: &str) -> Grantee {
    match code {
        "org" => Grantee::Organization,
        _ => match code.strip_prefix("team:") {
            Some(team) => Grantee::Team(team.to_owned()),
            None => Grantee::Member(code.to_owned()),
        },
    }
}

fn grantee_name(i18n: I18n, share: &ShareView) -> String {
    match &share.grantee {
        Grantee::Organization => i18n.t(Key::WholeOrganization).to_owned(),
        Grantee::Team(_) => i18n.fill(Key::TeamLabel, &[("name", &share.name)]),
        Grantee::Member(_) => share.name.clone(),
    }
}

#[component]
fn LevelSelect(
    i18n: I18n,
    level: ShareLevel,
    label: String,
    on_pick: impl Fn(ShareLevel) + 'static,
) -> impl IntoView {
    view! {
        <select aria-label=label on:change=move |ev| {
            if let Some(level) = ShareLevel::from_code(&event_target_value(&ev)) { on_pick(level) }
        }>
            {ShareLevel::ALL.into_iter().map(|l| view! {
                <option value=l.code() selected=l == level>{i18n.tt(level_key(l))}</option>
            }).collect_view()}
        </select>
    }
}

/// The shares of one collection, and a form for one more. `owner_id` is left out of the
/// members one may pick; `on_saved` runs after each stored change.
#[component]
pub fn SharesEditor(
    kind: CollectionKind,
    id: String,
    owner_id: String,
    on_saved: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let org = use_shell().org_id();
    let version = RwSignal::new(0u32);
    let shares = {
        let (org, id) = (org.clone(), id.clone());
        LocalResource::new(move || {
            version.track();
            list_shares(org.clone(), kind, id.clone())
        })
    };
    let members = {
        let org = org.clone();
        LocalResource::new(move || team(org.clone()))
    };
    let teams = {
        let org = org.clone();
        LocalResource::new(move || org_teams(org.clone()))
    };
    let error = RwSignal::new(None::<AppError>);
    let write = StoredValue::new(move |grantee: Grantee, level: Option<ShareLevel>| {
        let (org, id) = (org.clone(), id.clone());
        leptos::task::spawn_local(async move {
            match set_share(org, kind, id, grantee, level).await {
                Ok(()) => {
                    error.set(None);
                    on_saved.run(());
                    version.update(|v| *v += 1);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    });
    let pick = RwSignal::new(String::new());
    let level = RwSignal::new(ShareLevel::View);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = pick.get_untracked();
        if !code.is_empty() {
            write.with_value(|w| w(grantee_of(&code), Some(level.get_untracked())));
        }
    };
    view! {
        <LoadedList resource=shares empty=Key::NotShared let:list>
            <ul class="share-list">
                {list.into_iter().map(|s| {
                    let name = grantee_name(i18n, &s);
                    let (g1, g2) = (s.grantee.clone(), s.grantee);
                    view! {
                        <li data-grantee=name.clone()>
                            <span>{name.clone()}</span>
                            <LevelSelect i18n level=s.level label=format!("{} · {name}", i18n.t(Key::Access))
                                on_pick=move |l| write.with_value(|w| w(g1.clone(), Some(l))) />
                            <button class="button" on:click=move |_| write.with_value(|w| w(g2.clone(), None))>{i18n.tt(Key::Revoke)}</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </LoadedList>
        <form class="share-add" on:submit=add>
            <select name="grantee" aria-label=i18n.tt(Key::ShareWith) on:change=move |ev| pick.set(event_target_value(&ev))>
                <option value="">{i18n.tt(Key::ShareWith)}</option>
                <option value="org">{i18n.tt(Key::WholeOrganization)}</option>
                <Suspense>
                    {move || Suspend::new(async move {
                        teams.await.unwrap_or_default().into_iter()
                            .map(|t| view! {
                                <option value=format!("team:{}", t.id)>{i18n.fill(Key::TeamLabel, &[("name", &t.name)])}</option>
                            })
                            .collect_view()
                    })}
                </Suspense>
                <Suspense>
                    {move || {
                        let owner = owner_id.clone();
                        Suspend::new(async move {
                            members.await.unwrap_or_default().into_iter()
                                .filter(|m| m.account_id != owner)
                                .map(|m| view! { <option value=m.account_id.clone()>{format!("{} <{}>", m.name, m.email)}</option> })
                                .collect_view()
                        })
                    }}
                </Suspense>
            </select>
            <LevelSelect i18n level=ShareLevel::View label=i18n.t(Key::Access).to_owned() on_pick=move |l| level.set(l) />
            <button type="submit" class="button primary">{i18n.tt(Key::Share)}</button>
        </form>
        <FormError error />
    }
}
