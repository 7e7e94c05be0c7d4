//! The chosen book's contacts in alphabetical sections, narrowed as one types in the filter.

use super::use_contacts;
use crate::feedback::LoadedList;
use crate::i18n::Key;
use domain::contacts::{same_group, ContactSummary};
use leptos::prelude::*;

/// Whether a contact matches the typed filter (its name, e-mail, number or organization).
fn matches(contact: &ContactSummary, query: &str) -> bool {
    [
        &contact.full_name,
        &contact.email,
        &contact.phone,
        &contact.organization,
    ]
    .iter()
    .any(|field| field.to_lowercase().contains(query))
}

/// Consecutive contacts grouped by their section letter (the list comes sorted), of the group
/// when one is chosen.
fn sections(
    list: &[ContactSummary],
    query: &str,
    group: Option<&str>,
) -> Vec<(String, Vec<ContactSummary>)> {
    let query = query.trim().to_lowercase();
    let in_group =
        |c: &ContactSummary| group.is_none_or(|g| c.groups.iter().any(|n| same_group(n, g)));
    let mut out: Vec<(String, Vec<ContactSummary>)> = Vec::new();
    for contact in list.iter().filter(|c| in_group(c) && matches(c, &query)) {
        match out.last_mut() {
            Some((letter, group)) if *letter == contact.initial => group.push(contact.clone()),
            _ => out.push((contact.initial.clone(), vec![contact.clone()])),
        }
    }
    out
}

#[component]
pub fn ContactList() -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let contacts = app.contacts;
    let filter = RwSignal::new(String::new());
    view! {
        <section class="contact-list" aria-labelledby="contact-list-title">
            <div class="contact-list-head">
                <button type="button" class="button books-toggle drawer-toggle" aria-controls="contacts-books"
                    aria-expanded=move || if app.drawer.get() { "true" } else { "false" }
                    on:click=move |_| app.drawer.update(|open| *open = !*open)>
                    <span aria-hidden="true">"☰ "</span>{i18n.tt(Key::AddressBooks)}
                </button>
                <h1 id="contact-list-title">{move || app.current_book().map(|b| super::book_name(i18n, &b))}</h1>
                <input type="search" name="filter" aria-label=i18n.tt(Key::FilterContacts)
                    placeholder=i18n.tt(Key::FilterContacts) bind:value=filter />
                <Show when=move || app.checked.with(|c| !c.is_empty())>
                    <super::selection::SelectionBar />
                </Show>
            </div>
            <LoadedList resource=contacts empty=Key::NoContacts empty_class="muted empty-list" let:list>
                <Sections list filter />
            </LoadedList>
        </section>
    }
}

#[component]
fn Sections(list: Vec<ContactSummary>, filter: RwSignal<String>) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    move || {
        let groups = app
            .group
            .with(|g| sections(&list, &filter.get(), g.as_deref()));
        if groups.is_empty() {
            return view! { <p class="muted empty-list">{i18n.tt(Key::NoMatch)}</p> }.into_any();
        }
        view! {
            <div class="contact-sections">
                {groups.into_iter().map(|(letter, group)| {
                    let label = letter.clone();
                    view! {
                    <section class="contact-section" aria-label=label>
                        <h2 class="section-letter" aria-hidden="true">{letter}</h2>
                        <ul>
                            {group.into_iter().map(|c| view! { <ContactRow contact=c /> }).collect_view()}
                        </ul>
                    </section>
                    }
                }).collect_view()}
            </div>
        }
        .into_any()
    }
}

#[component]
fn ContactRow(contact: ContactSummary) -> impl IntoView {
    let app = use_contacts();
    let id = contact.id.clone();
    let current = {
        let id = id.clone();
        move || app.selected.get().as_deref() == Some(id.as_str())
    };
    let marked = current.clone();
    let checked = {
        let id = id.clone();
        move || app.checked.with(|c| c.contains(&id))
    };
    let toggle = {
        let id = id.clone();
        move |_| {
            app.checked
                .update(|c| match c.iter().position(|x| *x == id) {
                    Some(at) => {
                        c.remove(at);
                    }
                    None => c.push(id.clone()),
                })
        }
    };
    // Directory entries are members, not contacts: none to move, copy or delete.
    let directory = domain::contacts::directory_entry(&contact.id);
    let check_label = format!("{} · {}", app.i18n.t(Key::SelectContact), contact.full_name);
    let detail = [contact.email.as_str(), contact.organization.as_str()]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or_default()
        .to_owned();
    view! {
        <li class="contact-item">
            {(!directory).then(|| view! {
                <input type="checkbox" class="contact-check" aria-label=check_label prop:checked=checked on:change=toggle />
            })}
            <button class="contact-row" class:current=marked aria-current=move || current().then_some("true")
                data-contact=contact.full_name.clone() on:click=move |_| app.selected.set(Some(id.clone()))>
                <span class="avatar" aria-hidden="true">{contact.initial.clone()}</span>
                <span class="contact-row-text">
                    <span class="contact-name">{contact.full_name.clone()}</span>
                    <span class="muted">{detail}</span>
                </span>
            </button>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str, initial: &str, email: &str) -> ContactSummary {
        ContactSummary {
            id: name.into(),
            book_id: "b".into(),
            full_name: name.into(),
            initial: initial.into(),
            email: email.into(),
            phone: String::new(),
            organization: String::new(),
            groups: Vec::new(),
        }
    }

    #[test]
    fn groups_by_letter_and_filters_on_any_field() {
        let list = [
            contact("Ada Lovelace", "L", "ada@example.org"),
            contact("Marie Curie", "C", "marie@radium.example"),
            contact("Pierre Curie", "C", "pierre@radium.example"),
        ];
        let all = sections(&list, "", None);
        assert_eq!(all.len(), 2);
        assert_eq!(all[1].1.len(), 2);
        let radium = sections(&list, " RADIUM ", None);
        assert_eq!(radium.len(), 1);
        assert_eq!(radium[0].0, "C");
        assert!(sections(&list, "nobody", None).is_empty());
    }

    #[test]
    fn a_chosen_group_narrows_the_list_whatever_its_case() {
        let mut marie = contact("Marie Curie", "C", "");
        marie.groups = vec!["Nobel".into(), "Family".into()];
        let list = [marie, contact("Ada Lovelace", "L", "")];
        let nobel = sections(&list, "", Some("nobel"));
        assert_eq!(nobel.len(), 1);
        assert_eq!(nobel[0].1[0].full_name, "Marie Curie");
        assert!(sections(&list, "ada", Some("Nobel")).is_empty());
        assert!(sections(&list, "", Some("Work")).is_empty());
    }
}
