//! "Manage duplicates": the book's likely duplicates, group by group. The member picks the card
//! to keep, sees what the others will add to it, and merges; the trash can undo it.

use super::api::{book_duplicates, merge_contacts, preview_merge};
use super::use_contacts;
use crate::dialog::CloseButton;
use crate::feedback::Loaded;
use crate::i18n::{I18n, Key};
use crate::modal::Dialog;
use domain::contacts::{AddressBookView, DuplicateGroup, MatchReason};
use domain::trash::TrashKind;
use leptos::prelude::*;

fn reason_key(reason: MatchReason) -> Key {
    match reason {
        MatchReason::SameEmail => Key::MatchSameEmail,
        MatchReason::SamePhone => Key::MatchSamePhone,
        MatchReason::SameNameAndMore => Key::MatchSameNameAndMore,
    }
}

/// A vCard property as the preview names it; one the form does not show keeps its own name.
fn property_label(i18n: I18n, property: &str) -> String {
    let key = match property {
        "EMAIL" => Key::Email,
        "TEL" => Key::PhoneNumber,
        "ADR" => Key::Addresses,
        "ORG" => Key::Organization,
        "TITLE" => Key::JobTitle,
        "URL" => Key::Website,
        "NOTE" => Key::Notes,
        "NICKNAME" => Key::Nickname,
        "BDAY" => Key::Birthday,
        "ANNIVERSARY" => Key::Anniversary,
        other => return other.to_owned(),
    };
    i18n.t(key).to_owned()
}

#[component]
pub fn DuplicatesDialog(book: AddressBookView) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let round = RwSignal::new(0u32);
    let book_id = book.id.clone();
    let groups = Resource::new(
        move || (app.org.get(), book_id.clone(), round.get()),
        |(org, book, _)| book_duplicates(org, book),
    );
    let close = move || app.dialog.set(None);
    view! {
        <Dialog class="dialog duplicates-dialog" heading_id="duplicates-title"
            title=move || format!("{} · {}", i18n.t(Key::ManageDuplicates), book.name)
            on_close=Callback::new(move |()| close())>
            <Loaded resource=groups let:loaded>
                {match loaded {
                    list if list.is_empty() => view! { <p class="empty-state" role="status">{i18n.tt(Key::NoDuplicates)}</p> }.into_any(),
                    list => list.into_iter().map(|group| view! { <Group group round /> }).collect_view().into_any(),
                }}
            </Loaded>
            <CloseButton on_close=Callback::new(move |()| close()) />
        </Dialog>
    }
}

#[component]
fn Group(group: DuplicateGroup, round: RwSignal<u32>) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let ids: Vec<String> = group.contacts.iter().map(|c| c.id.clone()).collect();
    let reference = RwSignal::new(ids.first().cloned().unwrap_or_default());
    let name = format!("reference-{}", ids.join("-"));
    let others = move || {
        let keep = reference.get();
        ids.iter()
            .filter(|id| **id != keep)
            .cloned()
            .collect::<Vec<_>>()
    };
    let others = Memo::new(move |_| others());
    let added = Resource::new(
        move || (app.org.get(), reference.get(), others.get()),
        |(org, reference, others)| preview_merge(org, reference, others),
    );
    let merge = move |_| {
        let (org, keep, rest) = (
            app.org.get_untracked(),
            reference.get_untracked(),
            others.get_untracked(),
        );
        leptos::task::spawn_local(async move {
            match merge_contacts(org, keep, rest).await {
                Ok(merge) => app.report_undo(Ok(()), Key::Merged, merge, TrashKind::Merge),
                Err(err) => app.report(Err(err), Key::Merged),
            }
            app.reload();
            round.update(|r| *r += 1);
        });
    };
    let reasons = group
        .reasons
        .iter()
        .map(|r| i18n.t(reason_key(*r)))
        .collect::<Vec<_>>()
        .join(" · ");
    let names = group
        .contacts
        .iter()
        .map(|c| c.full_name.as_str())
        .collect::<Vec<_>>()
        .join("|");
    view! {
        <section class="duplicate-group" data-names=names>
            <p class="muted">{reasons}</p>
            <fieldset class="duplicate-cards">
                <legend>{i18n.tt(Key::KeepAsReference)}</legend>
                {group.contacts.into_iter().map(|c| {
                    let id = c.id.clone();
                    let checked = {
                        let id = id.clone();
                        move || reference.get() == id
                    };
                    let detail = [c.email.clone(), c.phone.clone(), c.organization.clone()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                        .join(" · ");
                    view! {
                        <label class="duplicate-card" data-contact=c.full_name.clone()>
                            <input type="radio" name=name.clone() prop:checked=checked on:change=move |_| reference.set(id.clone()) />
                            <span><strong>{c.full_name.clone()}</strong><br /><span class="muted">{detail}</span></span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
            <Loaded resource=added let:loaded>
                {match loaded {
                    values if values.is_empty() => view! { <p class="merge-adds muted">{i18n.tt(Key::MergeAddsNothing)}</p> }.into_any(),
                    values => view! {
                        <div class="merge-adds">
                            <p>{i18n.tt(Key::MergeAdds)}</p>
                            <ul>
                                {values.into_iter().map(|v| {
                                    let label = property_label(i18n, &v.property);
                                    view! { <li data-property=v.property.clone()><span class="muted">{label}": "</span>{v.value}</li> }
                                }).collect_view()}
                            </ul>
                        </div>
                    }.into_any(),
                }}
            </Loaded>
            <button class="button primary merge-button" on:click=merge>{i18n.tt(Key::Merge)}</button>
        </section>
    }
}
