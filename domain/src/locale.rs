use serde::{Deserialize, Serialize};

/// Lower case without accents, so "Élan" sorts among the E and "Österreich" among the O, in
/// every language the suite speaks.
#[cfg(feature = "server")]
pub fn sort_key(name: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    name.trim()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .collect::<String>()
        .to_lowercase()
}

/// The five languages of the UI.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    Fr,
    #[default]
    En,
    De,
    It,
    Es,
}

impl Locale {
    pub const ALL: [Locale; 5] = [Locale::Fr, Locale::En, Locale::De, Locale::It, Locale::Es];

    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
            Locale::De => "de",
            Locale::It => "it",
            Locale::Es => "es",
        }
    }

    /// The language's own name, shown in the language picker whatever the UI language is.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::Fr => "Français",
            Locale::En => "English",
            Locale::De => "Deutsch",
            Locale::It => "Italiano",
            Locale::Es => "Español",
        }
    }

    /// Accepts "de", "DE", "de-CH", "de_CH".
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Locale::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// Picks the best supported language from an `Accept-Language` header, honouring q-values.
    pub fn negotiate(accept_language: &str) -> Locale {
        accepted(accept_language)
            .into_iter()
            .find_map(Locale::from_code)
            .unwrap_or_default()
    }
}

/// The language tags of an `Accept-Language` header, most wanted first: higher q, then the
/// earlier on a tie; `q=0` refuses a language, so it is left out.
pub fn accepted(header: &str) -> Vec<&str> {
    let mut tags: Vec<(f32, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|v| v.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            (q > 0.0 && !tag.is_empty()).then_some((q, position, tag))
        })
        .collect();
    tags.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    tags.into_iter().map(|(_, _, tag)| tag).collect()
}

/// The names the suite gives what it makes for a member: their first address book and their
/// Birthdays calendar. Stored in the member's language when made; shown in the viewer's
/// language for as long as nobody has renamed them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SystemName {
    Birthdays,
    Contacts,
}

impl SystemName {
    pub const ALL: [SystemName; 2] = [SystemName::Birthdays, SystemName::Contacts];

    pub fn text(self, locale: Locale) -> &'static str {
        match (self, locale) {
            (SystemName::Birthdays, Locale::En) => "Birthdays",
            (SystemName::Birthdays, Locale::Fr) => "Anniversaires",
            (SystemName::Birthdays, Locale::De) => "Geburtstage",
            (SystemName::Birthdays, Locale::It) => "Compleanni",
            (SystemName::Birthdays, Locale::Es) => "Cumpleaños",
            (SystemName::Contacts, Locale::Fr | Locale::En) => "Contacts",
            (SystemName::Contacts, Locale::De) => "Kontakte",
            (SystemName::Contacts, Locale::It) => "Contatti",
            (SystemName::Contacts, Locale::Es) => "Contactos",
        }
    }

    /// `name` in `locale` when it is this system name, unrenamed, in any language; else as is.
    pub fn shown(self, name: &str, locale: Locale) -> String {
        let untouched = Locale::ALL.iter().any(|l| self.text(*l) == name);
        if untouched {
            self.text(locale).to_owned()
        } else {
            name.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "server")]
    #[test]
    fn sort_keys_ignore_case_and_accents() {
        assert_eq!(sort_key(" Élan Ärger "), "elan arger");
        assert!(sort_key("Émile") < sort_key("Fabien"));
    }

    #[test]
    fn a_system_name_follows_the_viewer_until_renamed() {
        let birthdays = SystemName::Birthdays;
        assert_eq!(birthdays.shown("Birthdays", Locale::De), "Geburtstage");
        assert_eq!(birthdays.shown("Compleanni", Locale::Fr), "Anniversaires");
        assert_eq!(
            birthdays.shown("Family birthdays", Locale::De),
            "Family birthdays"
        );
        assert_eq!(
            SystemName::Contacts.shown("Contacts", Locale::De),
            "Kontakte"
        );
        assert_eq!(
            SystemName::Contacts.shown("Kontakte", Locale::En),
            "Contacts"
        );
    }

    #[test]
    fn negotiates_by_quality_and_order() {
        assert_eq!(Locale::negotiate("de-CH,de;q=0.9,en;q=0.8"), Locale::De);
        assert_eq!(Locale::negotiate("ja,it;q=0.5,fr;q=0.7"), Locale::Fr);
        assert_eq!(Locale::negotiate("es;q=0.4, pt"), Locale::Es);
        assert_eq!(Locale::negotiate("fr;q=0, it"), Locale::It);
    }

    #[test]
    fn falls_back_to_english() {
        assert_eq!(Locale::negotiate(""), Locale::En);
        assert_eq!(Locale::negotiate("ja, zh;q=0.8"), Locale::En);
    }

    #[test]
    fn parses_region_tags() {
        assert_eq!(Locale::from_code("it_CH"), Some(Locale::It));
        assert_eq!(Locale::from_code("ES"), Some(Locale::Es));
        assert_eq!(Locale::from_code("pt-BR"), None);
    }
}
