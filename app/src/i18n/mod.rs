//! The UI's five languages. Texts live in `app/locales/*.txt`; the build turns them into `Key`,
//! so a missing or misspelled key is a compile error.

pub mod dates;
pub mod names;
pub mod numbers;

pub use domain::locale::Locale;
use leptos::prelude::*;

include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

/// The current language, shared by the whole UI: changing it re-renders every text at once.
#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

impl I18n {
    /// The text in the current language; reading it inside a closure makes the view reactive.
    pub fn t(self, key: Key) -> &'static str {
        key.text(self.locale.get())
    }

    /// A reactive text for a view or an attribute.
    pub fn tt(self, key: Key) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || self.t(key)
    }

    /// A text with `{name}` placeholders filled in.
    pub fn fill(self, key: Key, values: &[(&str, &str)]) -> String {
        fill(self.t(key), values)
    }
}

pub fn fill(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_owned(), |acc, (name, value)| {
        acc.replace(&format!("{{{name}}}"), value)
    })
}

/// The document title for a page, in the current language.
///
/// On the server the text is fixed when rendered: `leptos_meta` reads a reactive title only after
/// the render, when the signals it reads may be gone. In the browser it follows the language.
#[component]
pub fn PageTitle(key: Key) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "ssr")]
    let text = leptos::text_prop::TextProp::from(i18n.t(key).to_owned());
    #[cfg(not(feature = "ssr"))]
    let text = leptos::text_prop::TextProp::from(move || i18n.t(key).to_owned());
    view! { <leptos_meta::Title text /> }
}

pub fn provide_i18n(initial: Locale) -> I18n {
    let i18n = I18n {
        locale: RwSignal::new(initial),
    };
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys whose text may equal the English one in a language, because the word is the same.
    fn same_as_english_allowed(locale: Locale, key: Key) -> bool {
        use Key::*;
        // Units: "{n} KB" and "{n} MB" everywhere but in French, "{n} bytes" in Spanish too.
        let everywhere = [
            ProductName,
            AppMail,
            AppManager,
            Zoom,
            FolderSpam,
            MarkSpam,
            MailCc,
        ];
        let unit = matches!(key, SizeKilobytes | SizeMegabytes) && locale != Locale::Fr
            || key == SizeBytes && locale == Locale::Es;
        if unit {
            return true;
        }
        if everywhere.contains(&key) {
            return true;
        }
        let per_locale: &[Key] = match locale {
            Locale::De => &[
                NavApps,
                Status,
                StatusOnline,
                StatusOffline,
                RoleAdmin,
                WidgetTeam,
                ColumnName,
                ColumnApps,
                Link,
                MonthApr,
                MonthAug,
                MonthSep,
                MonthNov,
                Teams,
                TeamLabel,
                Region,
                Website,
                Details,
                MailBcc,
            ],
            Locale::It => &[
                Password,
                StatusOnline,
                StatusOffline,
                WidgetTeam,
                AppHome,
                ColumnEmail,
                TeamLabel,
            ],
            Locale::Fr => &[
                AppContacts,
                MessageCount,
                MessageTitle,
                MailDate,
                Contact,
                ColumnEmail,
                CalendarKind,
                Description,
                KindCell,
                Notes,
                Photo,
            ],
            _ => &[],
        };
        per_locale.contains(&key)
    }

    #[test]
    fn no_english_left_in_other_languages() {
        for locale in [Locale::Fr, Locale::De, Locale::It, Locale::Es] {
            let untranslated: Vec<_> = Key::ALL
                .iter()
                .filter(|k| {
                    k.text(locale) == k.text(Locale::En) && !same_as_english_allowed(locale, **k)
                })
                .map(|k| k.name())
                .collect();
            assert!(
                untranslated.is_empty(),
                "{locale:?} still English: {untranslated:?}"
            );
        }
    }

    #[test]
    fn placeholders_survive_translation() {
        for key in Key::ALL {
            let english = key.text(Locale::En);
            for locale in Locale::ALL {
                for name in ["{n}", "{app}", "{name}"] {
                    assert_eq!(
                        english.contains(name),
                        key.text(locale).contains(name),
                        "{name} in {} ({locale:?})",
                        key.name()
                    );
                }
            }
        }
    }

    #[test]
    fn every_domain_error_code_and_reason_has_a_text() {
        // `DomainError::code()` of every variant but `Invalid`, whose reason is the code shown.
        let errors = [
            "bad_credentials",
            "throttled",
            "not_found",
            "forbidden",
            "unauthenticated",
            "last_legal_representative",
            "conflict",
            "internal",
            "limit_exceeded",
        ];
        let reasons = domain::reason::Reason::ALL.map(|r| r.code());
        for code in errors.into_iter().chain(reasons) {
            assert!(
                Key::from_name(&format!("error_{code}")).is_some(),
                "no text for {code}"
            );
        }
    }

    #[test]
    fn every_limit_has_a_text() {
        for kind in domain::LimitKind::ALL {
            assert!(
                Key::from_name(&format!("limit_{}", kind.code())).is_some(),
                "no text for {}",
                kind.code()
            );
        }
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            fill("Try again in {n} s.", &[("n", "8")]),
            "Try again in 8 s."
        );
    }
}
