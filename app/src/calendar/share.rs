//! The share dialog: who has the calendar and at which level, a new share, and the public link.

use super::api::{calendar_shares, public_link, share_calendar};
use super::use_cal;
use crate::error::AppError;
use crate::feedback::{ErrorAlert, FormError, Loading};
use crate::i18n::{I18n, Key};
use crate::manager::org_teams;
use crate::shell::api::team;
use domain::calendar::{CalendarView, Grantee, ShareLevel};
use leptos::prelude::*;

fn level_key(level: ShareLevel) -> Key {
    match level {
        ShareLevel::View => Key::CanView,
        ShareLevel::Modify => Key::CanModify,
        ShareLevel::Share => Key::CanModifyAndShare,
    }
}

/// The share form's choice: "org", "team:{id}" or a member's account id.
fn grantee_of(code: &str) -> Grantee {
    match code {
        "org" => Grantee::Organization,
        _ => match code.strip_prefix("team:") {
            Some(team) => Grantee::Team(team.to_owned()),
            None => Grantee::Member(code.to_owned()),
        },
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

#[component]
pub fn ShareDialog(calendar: CalendarView) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let org = cal.org.get_untracked();
    let id = calendar.id.clone();
    let version = RwSignal::new(0u32);
    let shares = {
        let (org, id) = (org.clone(), id.clone());
        LocalResource::new(move || {
            version.track();
            calendar_shares(org.clone(), id.clone())
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
    let write = {
        let (org, id) = (org.clone(), id.clone());
        move |grantee: Grantee, level: Option<ShareLevel>| {
            let (org, id) = (org.clone(), id.clone());
            leptos::task::spawn_local(async move {
                match share_calendar(org, id, grantee, level).await {
                    Ok(()) => {
                        error.set(None);
                        cal.report(Ok(()), Key::Saved);
                        version.update(|v| *v += 1);
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        }
    };
    let write = StoredValue::new(write);
    let pick = RwSignal::new(String::new());
    let level = RwSignal::new(ShareLevel::View);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let code = pick.get_untracked();
        if !code.is_empty() {
            write.with_value(|w| w(grantee_of(&code), Some(level.get_untracked())));
        }
    };
    let token = RwSignal::new(calendar.public_token.clone());
    let toggle_link = {
        let (org, id) = (org.clone(), id.clone());
        move |enabled: bool| {
            let (org, id) = (org.clone(), id.clone());
            leptos::task::spawn_local(async move {
                match public_link(org, id, enabled).await {
                    Ok(t) => {
                        token.set(t);
                        cal.report(Ok(()), Key::Saved);
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        }
    };
    let toggle_link = StoredValue::new(toggle_link);
    let link = move || {
        token.get().map(|t| {
            #[cfg(feature = "hydrate")]
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            #[cfg(not(feature = "hydrate"))]
            let origin = String::new();
            format!("{origin}/ical/{t}.ics")
        })
    };
    let owner = calendar.owner_id.clone();
    let close = move || cal.dialog.set(None);
    view! {
        <div class="dialog-backdrop" on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <div class="dialog share-dialog" role="dialog" aria-modal="true" aria-labelledby="share-title">
                <h2 id="share-title">{move || i18n.fill(Key::ShareTitle, &[("name", &calendar.name)])}</h2>
                <Suspense fallback=Loading>
                    {move || Suspend::new(async move {
                        match shares.await {
                            Ok(list) if list.is_empty() => view! { <p class="muted">{i18n.tt(Key::NotShared)}</p> }.into_any(),
                            Ok(list) => view! {
                                <ul class="share-list">
                                    {list.into_iter().map(|s| {
                                        let name = match &s.grantee {
                                            Grantee::Organization => i18n.t(Key::WholeOrganization).to_owned(),
                                            Grantee::Team(_) => i18n.fill(Key::TeamLabel, &[("name", &s.name)]),
                                            Grantee::Member(_) => s.name.clone(),
                                        };
                                        let (g1, g2) = (s.grantee.clone(), s.grantee.clone());
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
                            }.into_any(),
                            Err(error) => view! { <ErrorAlert error /> }.into_any(),
                        }
                    })}
                </Suspense>
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
                                let owner = owner.clone();
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
                <h3>{i18n.tt(Key::PublicLink)}</h3>
                <p class="muted">{i18n.tt(Key::PublicLinkHint)}</p>
                <label class="check">
                    <input type="checkbox" name="public" prop:checked=move || token.read().is_some()
                        on:change=move |ev| toggle_link.with_value(|t| t(event_target_checked(&ev))) />
                    {i18n.tt(Key::PublicLinkOn)}
                </label>
                {move || link().map(|url| view! {
                    <p class="public-url"><input type="text" readonly aria-label=i18n.tt(Key::PublicLink) prop:value=url /></p>
                    <button class="button" on:click=move |_| toggle_link.with_value(|t| t(true))>{i18n.tt(Key::Regenerate)}</button>
                })}
                <div class="dialog-actions">
                    <span class="topbar-spacer"></span>
                    <button class="button" on:click=move |_| close()>{i18n.tt(Key::Close)}</button>
                </div>
            </div>
        </div>
    }
}
