//! The chosen contact's card: everything known about them, with Edit and Delete when the book
//! may be changed.

use super::api::remove_contact;
use super::{use_contacts, OpenDialog};
use crate::feedback::Loaded;
use crate::i18n::dates::card_date;
use crate::i18n::{I18n, Key};
use domain::contacts::{ContactDetail, FieldKind, PostalAddress};
use domain::trash::TrashKind;
use leptos::prelude::*;

pub fn kind_key(kind: FieldKind) -> Key {
    match kind {
        FieldKind::Home => Key::KindHome,
        FieldKind::Work => Key::KindWork,
        FieldKind::Cell => Key::KindCell,
        FieldKind::Other => Key::KindOther,
    }
}

fn address_lines(a: &PostalAddress) -> Vec<String> {
    let town = [a.postal_code.trim(), a.locality.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    [a.street.trim(), &town, a.region.trim(), a.country.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[component]
pub fn ContactCard() -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let detail = app.detail;
    view! {
        <section class="contact-card" aria-live="polite">
            <Loaded resource=detail let:contact>
                {match contact {
                    Some(contact) => view! { <CardBody contact /> }.into_any(),
                    None => view! { <p class="muted card-empty">{i18n.tt(Key::ChooseContact)}</p> }.into_any(),
                }}
            </Loaded>
        </section>
    }
}

/// One labelled line of the card, shown only when it has a value.
fn line(i18n: I18n, label: Key, value: String, href: Option<String>) -> Option<impl IntoView> {
    (!value.trim().is_empty()).then(|| {
        let shown = match href {
            Some(href) => view! { <a href=href>{value}</a> }.into_any(),
            None => view! { <span>{value}</span> }.into_any(),
        };
        view! {
            <div class="card-line">
                <dt>{i18n.tt(label)}</dt>
                <dd>{shown}</dd>
            </div>
        }
    })
}

#[component]
fn CardBody(contact: ContactDetail) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let f = contact.fields.clone();
    let id = StoredValue::new(contact.id.clone());
    let delete = move |_| {
        let org = app.org.get_untracked();
        leptos::task::spawn_local(async move {
            let result = remove_contact(org, id.get_value()).await;
            if result.is_ok() {
                app.selected.set(None);
            }
            app.report_undo(
                result,
                Key::MovedToTrash,
                id.get_value(),
                TrashKind::Contact,
            );
            app.reload();
        });
    };
    let subtitle = [f.title.trim(), f.organization.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let website = f.website.clone();
    // A card may come from an import: only web addresses become links.
    let website_href = ["https://", "http://"]
        .iter()
        .any(|p| website.starts_with(p))
        .then(|| website.clone());
    view! {
        <article class="card" data-contact=contact.full_name.clone()>
            <button type="button" class="link-button card-back" on:click=move |_| app.selected.set(None)>
                <span aria-hidden="true">"← "</span>{i18n.tt(Key::BackToList)}
            </button>
            <header class="card-head">
                <super::photo::Avatar name=contact.full_name.clone() photo=f.photo.clone() />
                <div>
                    <h2>{contact.full_name.clone()}</h2>
                    {(!subtitle.is_empty()).then(|| view! { <p class="muted">{subtitle}</p> })}
                </div>
                <span class="topbar-spacer"></span>
                {contact.writable.then(|| view! {
                    <button class="button edit-contact" on:click=move |_| app.dialog.set(Some(OpenDialog::Contact(Some(id.get_value()))))>
                        {i18n.tt(Key::Edit)}
                    </button>
                    <button class="button danger delete-contact" on:click=delete>{i18n.tt(Key::Delete)}</button>
                })}
            </header>
            <dl class="card-lines">
                {contact.role.map(|role| view! {
                    <div class="card-line">
                        <dt>{i18n.tt(Key::ColumnRole)}</dt>
                        <dd>{i18n.tt(crate::i18n::names::role_key(role))}</dd>
                    </div>
                })}
                {line(i18n, Key::Nickname, f.nickname.clone(), None)}
                {f.emails.into_iter().map(|e| {
                    let href = format!("mailto:{}", e.value);
                    line(i18n, kind_key(e.kind), e.value, Some(href))
                }).collect_view()}
                {f.phones.into_iter().map(|p| {
                    let href = format!("tel:{}", p.value.replace(' ', ""));
                    line(i18n, kind_key(p.kind), p.value, Some(href))
                }).collect_view()}
                {f.addresses.iter().map(|a| line(i18n, kind_key(a.kind), address_lines(a).join(", "), None)).collect_view()}
                {line(i18n, Key::Birthday, card_date(i18n, &f.birthday), None)}
                {line(i18n, Key::Anniversary, card_date(i18n, &f.anniversary), None)}
                {line(i18n, Key::Website, website, website_href)}
                {line(i18n, Key::Notes, f.notes.clone(), None)}
                {line(i18n, Key::Groups, f.groups.join(", "), None)}
                {contact.custom.into_iter().map(|field| view! {
                    <div class="card-line custom-field">
                        <dt>{field.label}</dt>
                        <dd>{field.value}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </article>
    }
}
