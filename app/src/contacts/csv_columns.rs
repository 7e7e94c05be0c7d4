//! The CSV import's mapping step: the export the columns come from (Outlook, Gmail, Thunderbird,
//! Apple, or the member's own), and for each column of the file its header, an example and what
//! it holds.

use super::card::kind_key;
use crate::i18n::{I18n, Key};
use domain::contacts::csv_map;
use domain::contacts::{CsvField, CsvPreset, CsvPreview};
use leptos::prelude::*;

fn preset_code(preset: CsvPreset) -> &'static str {
    match preset {
        CsvPreset::Outlook => "outlook",
        CsvPreset::Gmail => "gmail",
        CsvPreset::Thunderbird => "thunderbird",
        CsvPreset::Apple => "apple",
    }
}

/// Product names, the same in every language.
fn preset_name(preset: CsvPreset) -> &'static str {
    match preset {
        CsvPreset::Outlook => "Microsoft Outlook",
        CsvPreset::Gmail => "Google Contacts (Gmail)",
        CsvPreset::Thunderbird => "Mozilla Thunderbird",
        CsvPreset::Apple => "Apple Contacts",
    }
}

/// What a column holds, in the member's language: "Street (Work)".
pub fn field_label(i18n: I18n, field: CsvField) -> String {
    let (key, kind) = match field {
        CsvField::Prefix => (Key::Prefix, None),
        CsvField::First => (Key::FirstName, None),
        CsvField::Middle => (Key::MiddleName, None),
        CsvField::Last => (Key::LastName, None),
        CsvField::Suffix => (Key::Suffix, None),
        CsvField::Nickname => (Key::Nickname, None),
        CsvField::FullName => (Key::FullName, None),
        CsvField::Email(k) => (Key::Email, Some(k)),
        CsvField::EmailLabel => (Key::EmailLabel, None),
        CsvField::Phone(k) => (Key::PhoneNumber, Some(k)),
        CsvField::PhoneLabel => (Key::PhoneLabel, None),
        CsvField::Street(k) => (Key::Street, Some(k)),
        CsvField::Locality(k) => (Key::Locality, Some(k)),
        CsvField::Region(k) => (Key::Region, Some(k)),
        CsvField::PostalCode(k) => (Key::PostalCode, Some(k)),
        CsvField::Country(k) => (Key::Country, Some(k)),
        CsvField::Organization => (Key::Organization, None),
        CsvField::Title => (Key::JobTitle, None),
        CsvField::Birthday => (Key::Birthday, None),
        CsvField::BirthYear => (Key::BirthYear, None),
        CsvField::BirthMonth => (Key::BirthMonth, None),
        CsvField::BirthDay => (Key::BirthDay, None),
        CsvField::Anniversary => (Key::Anniversary, None),
        CsvField::Website => (Key::Website, None),
        CsvField::Notes => (Key::Notes, None),
        CsvField::Groups => (Key::Groups, None),
        CsvField::Custom => (Key::CsvCustom, None),
    };
    match kind {
        Some(kind) => format!("{} ({})", i18n.t(key), i18n.t(kind_key(kind))),
        None => i18n.t(key).to_owned(),
    }
}

/// The mapping step's fields; `columns` holds each column's meaning as the member sets it.
#[component]
pub fn CsvColumns(
    i18n: I18n,
    preview: CsvPreview,
    columns: RwSignal<Vec<Option<CsvField>>>,
) -> impl IntoView {
    let preset = RwSignal::new(preview.preset);
    let headers = StoredValue::new(preview.headers.clone());
    let choose_preset = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        let chosen = CsvPreset::ALL.into_iter().find(|p| preset_code(*p) == code);
        preset.set(chosen);
        if let Some(p) = chosen {
            columns.set(headers.with_value(|h| csv_map::mapping(p, h)));
        }
    };
    let example = |i: usize| {
        preview
            .sample
            .iter()
            .filter_map(|row| row.get(i))
            .find(|cell| !cell.trim().is_empty())
            .cloned()
            .unwrap_or_default()
    };
    let rows = preview
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let example = example(i);
            let label = header.clone();
            let choose = move |ev: leptos::ev::Event| {
                let field = CsvField::from_code(&event_target_value(&ev));
                columns.update(|c| {
                    if let Some(slot) = c.get_mut(i) {
                        *slot = field;
                    }
                });
                preset.set(None);
            };
            let current = move || columns.with(|c| c.get(i).copied().flatten());
            view! {
                <tr>
                    <th scope="row">{header.clone()}</th>
                    <td class="csv-example">{example}</td>
                    <td>
                        <select aria-label=label data-column=i on:change=choose
                            prop:value=move || current().map(|f| f.code()).unwrap_or_default()>
                            <option value="">{i18n.tt(Key::CsvIgnore)}</option>
                            {CsvField::all().into_iter().map(|f| {
                                view! { <option value=f.code() selected=move || current() == Some(f)>{move || field_label(i18n, f)}</option> }
                            }).collect_view()}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let keep_rest = move |_| {
        columns.update(|c| {
            for slot in c.iter_mut().filter(|slot| slot.is_none()) {
                *slot = Some(CsvField::Custom);
            }
        });
        preset.set(None);
    };
    let some_left = move || columns.with(|c| c.iter().any(Option::is_none));
    view! {
        <p class="muted">{i18n.tt(Key::CsvColumnsHint)}</p>
        <label class="field">
            <span>{i18n.tt(Key::CsvColumnsFrom)}</span>
            <select name="preset" on:change=choose_preset
                prop:value=move || preset.get().map(preset_code).unwrap_or_default()>
                {CsvPreset::ALL.into_iter().map(|p| view! {
                    <option value=preset_code(p) selected=move || preset.get() == Some(p)>{preset_name(p)}</option>
                }).collect_view()}
                <option value="" selected=move || preset.get().is_none()>{i18n.tt(Key::CsvOwnColumns)}</option>
            </select>
        </label>
        <div class="csv-columns">
            <table class="data-table">
                <thead><tr>
                    <th scope="col">{i18n.tt(Key::CsvColumn)}</th>
                    <th scope="col">{i18n.tt(Key::CsvExample)}</th>
                    <th scope="col">{i18n.tt(Key::CsvHolds)}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <Show when=some_left>
            <button type="button" class="link-button keep-rest" on:click=keep_rest>{i18n.tt(Key::CsvKeepRest)}</button>
        </Show>
    }
}
