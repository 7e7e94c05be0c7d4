//! The Home widget "Recently added contacts": the five newest contacts of the books the member
//! sees, read once the page is live.

use super::api::recent_contacts;
use crate::feedback::LoadedList;
use crate::i18n::Key;
use crate::space::{org_resource, AppId, LiveWidget};
use domain::live::CollectionKind;
use leptos::prelude::*;

#[component]
pub fn RecentContactsWidget() -> impl IntoView {
    view! {
        <LiveWidget id="widget-recent-contacts" title=Key::WidgetRecentContacts app=AppId::Contacts link=Key::OpenContacts>
            <RecentContacts />
        </LiveWidget>
    }
}

#[component]
fn RecentContacts() -> impl IntoView {
    let recent = org_resource(CollectionKind::AddressBook, recent_contacts);
    view! {
        <LoadedList resource=recent empty=Key::NoRecentContacts let:list>
            <ul class="member-list">
                {list.into_iter().map(|c| {
                    let detail = [c.email.as_str(), c.organization.as_str(), c.phone.as_str()]
                        .into_iter()
                        .find(|s| !s.is_empty())
                        .unwrap_or_default()
                        .to_owned();
                    view! {
                        <li class="member" data-contact=c.full_name.clone()>
                            <span class="avatar" aria-hidden="true">{c.initial.clone()}</span>
                            <span class="member-name">{c.full_name.clone()}</span>
                            <span class="muted">{detail}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </LoadedList>
    }
}
