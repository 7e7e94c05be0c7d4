use super::api::{countries, time_zones, UpdateProfile};
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
                let zones = Resource::new(|| (), |_| time_zones());
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
                                <Suspense fallback={
                                    let zone = current_zone.clone();
                                    move || view! { <option value=zone.clone() selected>{zone.clone()}</option> }
                                }>
                                    {
                                        let current_zone = current_zone.clone();
                                        move || {
                                            let current_zone = current_zone.clone();
                                            Suspend::new(async move {
                                                zones
                                                    .await
                                                    .unwrap_or_default()
                                                    .into_iter()
                                                    .map(|zone| {
                                                        let selected = zone == current_zone;
                                                        let label = zone.clone();
                                                        view! { <option value=zone selected=selected>{label}</option> }
                                                    })
                                                    .collect_view()
                                            })
                                        }
                                    }
                                </Suspense>
                            </select>
                            <label for="profile-country">{i18n.tt(Key::Country)}</label>
                            <select id="profile-country" name="country">
                                <option value="" selected=current_country.is_empty()>{i18n.tt(Key::CountryNotSet)}</option>
                                // Until the names come, the country set stays chosen under its code.
                                <Suspense fallback={
                                    let code = current_country.clone();
                                    move || (!code.is_empty()).then(|| view! { <option value=code.clone() selected>{code.clone()}</option> })
                                }>
                                    {move || {
                                        let current_country = current_country.clone();
                                        Suspend::new(async move {
                                            let list = match lands.await {
                                                Ok(list) => list,
                                                // Without the names, the country set stays chosen
                                                // under its code rather than being cleared.
                                                Err(_) if !current_country.is_empty() => {
                                                    vec![(current_country.clone(), current_country.clone())]
                                                }
                                                Err(_) => Vec::new(),
                                            };
                                            list.into_iter()
                                                .map(|(code, name)| {
                                                    let selected = code == current_country;
                                                    view! { <option value=code selected=selected>{name}</option> }
                                                })
                                                .collect_view()
                                        })
                                    }}
                                </Suspense>
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
