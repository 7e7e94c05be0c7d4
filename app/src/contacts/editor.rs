//! The contact form: names, e-mails, numbers and addresses (as many as needed, each with its
//! kind), organization, dates, website, notes, the photo and the book it is kept in.

use super::api::{load_contact, save_contact};
use super::card::kind_key;
use super::{use_contacts, OpenDialog};
use crate::date_fields::DateInput;
use crate::dialog::CancelSave;
use crate::error::AppError;
use crate::feedback::{FormError, Loaded};
use crate::i18n::Key;
use crate::modal::Dialog;
use domain::contacts::{ContactInput, FieldKind, PostalAddress, TypedValue};
use leptos::prelude::*;

#[component]
pub fn ContactEditor(id: Option<String>) -> impl IntoView {
    let app = use_contacts();
    match id {
        None => {
            let fields = ContactInput {
                book_id: app.target_book(),
                ..ContactInput::default()
            };
            view! { <EditorForm id=None fields /> }.into_any()
        }
        Some(id) => {
            let org = app.org.get_untracked();
            let loaded = {
                let id = id.clone();
                LocalResource::new(move || load_contact(org.clone(), id.clone()))
            };
            view! {
                <Loaded resource=loaded let:detail>
                    <EditorForm id=Some(id.clone()) fields=detail.fields />
                </Loaded>
            }
            .into_any()
        }
    }
}

type Read = fn(&ContactInput) -> &String;
type Write = fn(&mut ContactInput) -> &mut String;

#[component]
fn TextField(
    draft: RwSignal<ContactInput>,
    label: Key,
    name: &'static str,
    get: Read,
    set: Write,
    #[prop(optional)] placeholder: &'static str,
) -> impl IntoView {
    let i18n = use_contacts().i18n;
    view! {
        <label class="field">
            <span>{i18n.tt(label)}</span>
            <input type="text" name=name maxlength="500" placeholder=placeholder
                prop:value=move || draft.with(|d| get(d).clone())
                on:input=move |ev| draft.update(|d| *set(d) = event_target_value(&ev)) />
        </label>
    }
}

/// A date of the card: in the member's language, with or without its year.
#[component]
fn DateField(
    draft: RwSignal<ContactInput>,
    label: Key,
    name: &'static str,
    get: Read,
    set: Write,
) -> impl IntoView {
    let i18n = use_contacts().i18n;
    let value = Signal::derive(move || draft.with(|d| get(d).clone()));
    let on_change = Callback::new(move |v: String| draft.update(|d| *set(d) = v));
    view! {
        <label class="field">
            <span>{i18n.tt(label)}</span>
            <DateInput name no_year=true value on_change />
        </label>
    }
}

fn kind_select(
    label: String,
    current: FieldKind,
    kinds: &'static [FieldKind],
    on_pick: impl Fn(FieldKind) + 'static,
) -> impl IntoView {
    let i18n = use_contacts().i18n;
    view! {
        <select aria-label=label on:change=move |ev| {
            if let Some(kind) = FieldKind::from_code(&event_target_value(&ev)) { on_pick(kind) }
        }>
            {kinds.iter().map(|k| view! {
                <option value=k.code() selected=*k == current>{i18n.tt(kind_key(*k))}</option>
            }).collect_view()}
        </select>
    }
}

/// E-mails or phone numbers: a row each, with its kind, and a button for one more.
#[component]
fn TypedRows(
    values: RwSignal<Vec<TypedValue>>,
    label: Key,
    add: Key,
    name: &'static str,
    input_type: &'static str,
    kinds: &'static [FieldKind],
) -> impl IntoView {
    let i18n = use_contacts().i18n;
    // Only a row added or removed redraws the rows, so typing keeps the focus.
    let count = Memo::new(move |_| values.with(Vec::len));
    view! {
        <fieldset class="rows">
            <legend>{i18n.tt(label)}</legend>
            {move || (0..count.get()).map(|i| {
                let kind = values.with_untracked(|v| v.get(i).map(|t| t.kind).unwrap_or_default());
                let row_label = format!("{} {}", i18n.t(label), i + 1);
                view! {
                    <div class="row">
                        {kind_select(format!("{row_label} · {}", i18n.t(Key::Kind)), kind, kinds,
                            move |k| values.update(|v| if let Some(t) = v.get_mut(i) { t.kind = k }))}
                        <input type=input_type name=name aria-label=row_label.clone()
                            prop:value=move || values.with(|v| v.get(i).map(|t| t.value.clone()).unwrap_or_default())
                            on:input=move |ev| values.update(|v| if let Some(t) = v.get_mut(i) { t.value = event_target_value(&ev) }) />
                        <button type="button" class="icon-button" aria-label=format!("{} · {row_label}", i18n.t(Key::Remove))
                            on:click=move |_| values.update(|v| { if i < v.len() { v.remove(i); } })>"×"</button>
                    </div>
                }
            }).collect_view()}
            <button type="button" class="link-button" data-add=name
                on:click=move |_| values.update(|v| v.push(TypedValue { kind: kinds[0], value: String::new() }))>
                {i18n.tt(add)}
            </button>
        </fieldset>
    }
}

const PLACE_KINDS: [FieldKind; 3] = [FieldKind::Work, FieldKind::Home, FieldKind::Other];
const PHONE_KINDS: [FieldKind; 4] = [
    FieldKind::Cell,
    FieldKind::Work,
    FieldKind::Home,
    FieldKind::Other,
];

#[component]
fn AddressRows(values: RwSignal<Vec<PostalAddress>>) -> impl IntoView {
    let i18n = use_contacts().i18n;
    let count = Memo::new(move |_| values.with(Vec::len));
    type Part = fn(&mut PostalAddress) -> &mut String;
    let parts: [(Key, &'static str, Part); 5] = [
        (Key::Street, "street", |a| &mut a.street),
        (Key::PostalCode, "postal_code", |a| &mut a.postal_code),
        (Key::Locality, "locality", |a| &mut a.locality),
        (Key::Region, "region", |a| &mut a.region),
        (Key::Country, "country", |a| &mut a.country),
    ];
    view! {
        <fieldset class="rows">
            <legend>{i18n.tt(Key::Addresses)}</legend>
            {move || (0..count.get()).map(|i| {
                let kind = values.with_untracked(|v| v.get(i).map(|a| a.kind).unwrap_or_default());
                let row_label = format!("{} {}", i18n.t(Key::Addresses), i + 1);
                view! {
                    <div class="address-row">
                        <div class="row">
                            {kind_select(format!("{row_label} · {}", i18n.t(Key::Kind)), kind, &PLACE_KINDS,
                                move |k| values.update(|v| if let Some(a) = v.get_mut(i) { a.kind = k }))}
                            <button type="button" class="icon-button" aria-label=format!("{} · {row_label}", i18n.t(Key::Remove))
                                on:click=move |_| values.update(|v| { if i < v.len() { v.remove(i); } })>"×"</button>
                        </div>
                        <div class="field-row">
                            {parts.into_iter().map(|(key, name, part)| view! {
                                <label class="field">
                                    <span>{i18n.tt(key)}</span>
                                    <input type="text" name=name maxlength="500"
                                        prop:value=move || values.with(|v| v.get(i).cloned().map(|mut a| part(&mut a).clone()).unwrap_or_default())
                                        on:input=move |ev| values.update(|v| if let Some(a) = v.get_mut(i) { *part(a) = event_target_value(&ev) }) />
                                </label>
                            }).collect_view()}
                        </div>
                    </div>
                }
            }).collect_view()}
            <button type="button" class="link-button" data-add="address"
                on:click=move |_| values.update(|v| v.push(PostalAddress { kind: FieldKind::Work, ..PostalAddress::default() }))>
                {i18n.tt(Key::AddAddress)}
            </button>
        </fieldset>
    }
}

#[component]
fn EditorForm(id: Option<String>, fields: ContactInput) -> impl IntoView {
    let app = use_contacts();
    let i18n = app.i18n;
    let emails = RwSignal::new(fields.emails.clone());
    let phones = RwSignal::new(fields.phones.clone());
    let addresses = RwSignal::new(fields.addresses.clone());
    let draft = RwSignal::new(fields);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let heading = if id.is_some() {
        Key::EditContact
    } else {
        Key::NewContact
    };
    let close = move || app.dialog.set(None::<OpenDialog>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut contact = draft.get_untracked();
        contact.emails = emails.get_untracked();
        contact.phones = phones.get_untracked();
        contact.addresses = addresses.get_untracked();
        let (org, id) = (app.org.get_untracked(), id.clone());
        busy.set(true);
        leptos::task::spawn_local(async move {
            let book = contact.book_id.clone();
            match save_contact(org, id, contact).await {
                Ok(id) => {
                    app.report(Ok(()), Key::Saved);
                    app.book.set(Some(book));
                    app.selected.set(Some(id));
                    app.reload();
                    // Closing disposes the form's signals: nothing may touch them after.
                    close();
                }
                Err(err) => {
                    error.set(Some(err));
                    busy.set(false);
                }
            }
        });
    };
    let books = move || {
        app.books.with(|all| {
            all.iter()
                .filter(|b| b.access.can_write())
                .map(|b| (b.id.clone(), b.name.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <Dialog class="dialog contact-dialog" heading_id="contact-dialog-title" title=i18n.tt(heading)
            on_close=Callback::new(move |()| close()) on_submit=Callback::new(submit)>
            <super::photo::PhotoField draft />
            <div class="field-row names">
                <TextField draft label=Key::Prefix name="prefix" get=|d| &d.prefix set=|d| &mut d.prefix />
                <TextField draft label=Key::FirstName name="first" get=|d| &d.first set=|d| &mut d.first />
                <TextField draft label=Key::MiddleName name="middle" get=|d| &d.middle set=|d| &mut d.middle />
                <TextField draft label=Key::LastName name="last" get=|d| &d.last set=|d| &mut d.last />
                <TextField draft label=Key::Suffix name="suffix" get=|d| &d.suffix set=|d| &mut d.suffix />
            </div>
            <TextField draft label=Key::Nickname name="nickname" get=|d| &d.nickname set=|d| &mut d.nickname />
            <TypedRows values=emails label=Key::Emails add=Key::AddEmail name="email" input_type="email" kinds=&PLACE_KINDS />
            <TypedRows values=phones label=Key::Phones add=Key::AddPhone name="phone" input_type="tel" kinds=&PHONE_KINDS />
            <AddressRows values=addresses />
            <div class="field-row">
                <TextField draft label=Key::Organization name="organization" get=|d| &d.organization set=|d| &mut d.organization />
                <TextField draft label=Key::JobTitle name="title" get=|d| &d.title set=|d| &mut d.title />
            </div>
            <div class="field-row">
                <DateField draft label=Key::Birthday name="birthday" get=|d| &d.birthday set=|d| &mut d.birthday />
                <DateField draft label=Key::Anniversary name="anniversary" get=|d| &d.anniversary set=|d| &mut d.anniversary />
            </div>
            <TextField draft label=Key::Website name="website" get=|d| &d.website set=|d| &mut d.website placeholder="https://" />
            <label class="field">
                <span>{i18n.tt(Key::Notes)}</span>
                <textarea name="notes" rows="3" maxlength="10000"
                    prop:value=move || draft.with(|d| d.notes.clone())
                    on:input=move |ev| draft.update(|d| d.notes = event_target_value(&ev))></textarea>
            </label>
            <label class="field">
                <span>{i18n.tt(Key::AddressBook)}</span>
                <select name="book" on:change=move |ev| draft.update(|d| d.book_id = event_target_value(&ev))>
                    {move || books().into_iter().map(|(id, name)| {
                        let chosen = draft.with_untracked(|d| d.book_id == id);
                        view! { <option value=id selected=chosen>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <FormError error />
            <CancelSave on_cancel=Callback::new(move |()| close()) busy />
        </Dialog>
    }
}
