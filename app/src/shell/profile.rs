use super::api::{countries, time_zones, UpdateProfile};
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::{use_i18n, Key, Locale};
use crate::modal::Dialog;
use crate::space::use_shell;
use leptos::prelude::*;

/// Display name, language, time zone and country, in a modal dialog.
#[component]
pub fn ProfileDialog(open: RwSignal<bool>) -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let save = ServerAction::<UpdateProfile>::new();
    Effect::new(move |_| {
        if let Some(Ok(updated)) = save.value().get() {
            i18n.locale.set(updated.locale);
            shell.account.set(updated);
            open.set(false);
        }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    view! {
        <Show when=move || open.get()>
            {move || {
                let zones = Resource::new(|| (), |_| async {
                    let zones = time_zones().await?;
                    Ok(zones.into_iter().map(|zone| (zone.clone(), zone)).collect())
                });
                let lands = Resource::new(|| (), |_| countries());
                let account = shell.account.get_untracked();
                let current_zone = account.time_zone.clone();
                let current_country = account.country.clone();
                view! {
                    <Dialog class="modal" heading_id="profile-title" title=i18n.tt(Key::Profile)
                        on_close=Callback::new(move |()| open.set(false)) return_to=".avatar-button">
                        <ActionForm action=save attr:class="stacked-form">
                            <label for="profile-name">{i18n.tt(Key::DisplayName)}</label>
                            <input id="profile-name" name="name" type="text" required maxlength="100" value=account.name.clone() autofocus />
                            <label for="profile-locale">{i18n.tt(Key::Language)}</label>
                            <select id="profile-locale" name="locale">
                                {Locale::ALL
                                    .into_iter()
                                    .map(|locale| {
                                        view! {
                                            <option value=locale.code() selected=account.locale == locale>
                                                {locale.native_name()}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                            <label for="profile-time-zone">{i18n.tt(Key::TimeZone)}</label>
                            <select id="profile-time-zone" name="time_zone">
                                <ServerChoices choices=zones current=current_zone />
                            </select>
                            <label for="profile-country">{i18n.tt(Key::Country)}</label>
                            <select id="profile-country" name="country">
                                <option value="" selected=current_country.is_empty()>{i18n.tt(Key::CountryNotSet)}</option>
                                <ServerChoices choices=lands current=current_country />
                            </select>
                            <FormError error />
                            <div class="form-actions">
                                <button type="button" on:click=move |_| open.set(false)>{i18n.tt(Key::Cancel)}</button>
                                <button type="submit" class="primary">{i18n.tt(Key::Save)}</button>
                            </div>
                        </ActionForm>
                    </Dialog>
                }
            }}
        </Show>
    }
}

/// The options of a select that the server lists, as (value, label), `current` chosen. Until
/// they come, and if they cannot, `current` stays chosen under its own value, so saving the
/// form never clears what was set.
#[component]
fn ServerChoices(
    choices: Resource<Result<Vec<(String, String)>, AppError>>,
    current: String,
) -> impl IntoView {
    let fallback = {
        let current = current.clone();
        move || kept(current.clone())
    };
    let listed = move || {
        let current = current.clone();
        Suspend::new(async move {
            let Ok(list) = choices.await else {
                return kept(current).into_any();
            };
            list.into_iter()
                .map(|(value, label)| {
                    let selected = value == current;
                    view! { <option value=value selected=selected>{label}</option> }
                })
                .collect_view()
                .into_any()
        })
    };
    view! { <Suspense fallback>{listed}</Suspense> }
}

/// The value set, as the one option, chosen; nothing when none is set.
fn kept(current: String) -> impl IntoView {
    (!current.is_empty()).then(|| {
        let label = current.clone();
        view! { <option value=current selected>{label}</option> }
    })
}
