use super::api::set_language;
use crate::i18n::{use_i18n, Key, Locale};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Switches the whole UI at once and remembers the choice (cookie, and profile when signed in).
#[component]
pub fn LanguagePicker() -> impl IntoView {
    let i18n = use_i18n();
    let on_change = move |ev| {
        if let Some(locale) = Locale::from_code(&event_target_value(&ev)) {
            i18n.locale.set(locale);
            spawn_local(async move {
                // The UI has already switched; a failed save only means it is not remembered.
                let _ = set_language(locale).await;
            });
        }
    };
    view! {
        <label class="language-picker">
            <span class="visually-hidden">{i18n.tt(Key::Language)}</span>
            <select name="language" aria-label=i18n.tt(Key::Language) on:change=on_change>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        view! {
                            <option value=locale.code() selected=move || i18n.locale.get() == locale>
                                {locale.native_name()}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
