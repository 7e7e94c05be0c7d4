//! The Home widget "Unread mail": each mailbox's unread messages, and the newest of them, each
//! opening in Mail; read once the page is live, and again when a mailbox changes.

use super::api::mail_overview;
use crate::feedback::Loaded;
use crate::i18n::{use_i18n, Key};
use crate::space::{org_resource, space_href, use_shell, AppId, LiveWidget};
use domain::live::CollectionKind;
use leptos::prelude::*;

#[component]
pub fn UnreadMailWidget() -> impl IntoView {
    view! {
        <LiveWidget id="widget-unread-mail" title=Key::WidgetUnreadMail app=AppId::Mail link=Key::OpenMail>
            <UnreadMail />
        </LiveWidget>
    }
}

#[component]
fn UnreadMail() -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let glance = org_resource(CollectionKind::MailAccount, mail_overview);
    // Read once, not tracked: a read inside the list would make it wait on its resource again
    // when the organization switches, while this instance is being dropped.
    let mail = space_href(
        &shell
            .org
            .with_untracked(|o| o.as_ref().map(|o| o.id.clone()).unwrap_or_default()),
        AppId::Mail,
        None,
    );
    let opens = move |id: &str| format!("{mail}?message={id}");
    view! {
        <Loaded resource=glance let:glance>
            <ul class="mailbox-unread">
                {glance.mailboxes.into_iter().map(|m| {
                    let count = i18n.fill(Key::UnreadCount, &[("n", &m.unread.to_string())]);
                    view! {
                        <li data-mailbox=m.id>
                            <span class="member-name">{m.name}</span>
                            <span class="muted">{m.address}</span>
                            <span class="unread-count" class:none=m.unread == 0>{count}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
            {if glance.latest.is_empty() {
                view! { <p class="muted">{i18n.tt(Key::NoUnreadMail)}</p> }.into_any()
            } else {
                view! {
                    <ul class="unread-latest">
                        {glance.latest.into_iter().map(|l| {
                            let m = l.message;
                            let from = if m.from_name.is_empty() { m.from_address.clone() } else { m.from_name.clone() };
                            let subject = if m.subject.is_empty() { i18n.t(Key::NoSubject).to_owned() } else { m.subject.clone() };
                            view! {
                                <li>
                                    <a href=opens(&m.id) data-message=m.id.clone()>
                                        <span class="unread-from">{from}</span>
                                        <span class="unread-subject">{subject}</span>
                                        <span class="muted">{l.date}</span>
                                    </a>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </Loaded>
    }
}
