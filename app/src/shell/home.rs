//! The space home: a greeting and the widget grid: the Team, and each app's own widget.

use super::presence::{status_key, PresenceDot};
use crate::feedback::Loaded;
use crate::i18n::names::role_key;
use crate::i18n::{use_i18n, Key};
use crate::space::{may_use, use_shell, AppId};
use domain::views::MemberView;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let greeting = move || i18n.fill(Key::Welcome, &[("name", &shell.account.read().name)]);
    view! {
        <div class="home">
            <h1>{greeting}</h1>
            <div class="widget-grid">
                <TeamWidget />
                <Show when=move || may_use(AppId::Mail)>
                    <crate::mail::UnreadMailWidget />
                </Show>
                <Show when=move || may_use(AppId::Calendar)>
                    <crate::calendar::NextEventsWidget />
                </Show>
                <Show when=move || may_use(AppId::Contacts)>
                    <crate::contacts::RecentContactsWidget />
                </Show>
            </div>
        </div>
    }
}

/// The organization's members with their live presence.
#[component]
fn TeamWidget() -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let members = shell.members;
    view! {
        <section class="widget" aria-labelledby="widget-team-title">
            <h2 id="widget-team-title">{i18n.tt(Key::WidgetTeam)}</h2>
            <Loaded resource=members let:loaded>
                {match loaded {
                    members if members.len() <= 1 => view! { <p class="muted">{i18n.tt(Key::TeamAlone)}</p> }.into_any(),
                    members => view! {
                        <ul class="member-list">
                            {members.into_iter().map(|m| view! { <TeamMember member=m /> }).collect_view()}
                        </ul>
                    }
                    .into_any(),
                }}
            </Loaded>
        </section>
    }
}

#[component]
fn TeamMember(member: MemberView) -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let id = member.account_id.clone();
    let live = Memo::new(move |_| {
        shell
            .live
            .presence(&id, member.presence, &member.presence_message)
    });
    let status = Signal::derive(move || live.get().0);
    view! {
        <li class="member" data-member=member.account_id.clone()>
            <PresenceDot status />
            <span class="member-name">{member.name.clone()}</span>
            {member.role.map(|role| view! { <span class="member-role">{i18n.tt(role_key(role))}</span> })}
            <span class="member-status" data-status=move || status.get().code()>
                {move || i18n.t(status_key(status.get()))}
                {move || {
                    let message = live.get().1;
                    (!message.is_empty()).then(|| format!(" · {message}"))
                }}
            </span>
        </li>
    }
}
