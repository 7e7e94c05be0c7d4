//! The country of a member's profile, an ISO 3166-1 alpha-2 code named in the member's
//! language (CLDR's names, from `keshvar`): it sets what depends on where they are, such as the
//! public holidays a calendar offers first.

use crate::error::{DomainError, DomainResult};
use crate::locale::Locale;
use crate::reason::Reason;
use keshvar::{Alpha2, CountryIterator};
use std::sync::OnceLock;

/// Every country as (code, name in `locale`), in that language's alphabetical order.
pub fn countries(locale: Locale) -> &'static [(String, String)] {
    static LISTS: OnceLock<Vec<Vec<(String, String)>>> = OnceLock::new();
    let lists = LISTS.get_or_init(|| Locale::ALL.into_iter().map(named_in).collect());
    let at = Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0);
    &lists[at]
}

fn named_in(locale: Locale) -> Vec<(String, String)> {
    let mut list: Vec<(String, String)> = CountryIterator::new()
        .map(|country| {
            let name = country
                .translations()
                .get(locale.code())
                .copied()
                .unwrap_or(country.iso_short_name());
            (country.alpha2().to_string(), name.to_owned())
        })
        .collect();
    list.sort_by_cached_key(|(_, name)| crate::locale::sort_key(name));
    list
}

/// A country as stored: its upper-case code, or empty for none chosen.
pub fn check_country(code: &str) -> DomainResult<String> {
    let code = code.trim();
    if code.is_empty() {
        return Ok(String::new());
    }
    Alpha2::try_from(code)
        .map(|alpha2| alpha2.to_string())
        .map_err(|_| DomainError::invalid("country", Reason::CountryUnknown))
}

/// A new account's first guess: the region of the most wanted language of an
/// `Accept-Language` header that names a known country ("fr, de-CH;q=0.8" → "CH"); empty when
/// none does.
pub fn from_languages(accept_language: &str) -> String {
    crate::locale::accepted(accept_language)
        .into_iter()
        .flat_map(|tag| tag.split(['-', '_']).skip(1))
        .filter(|subtag| subtag.len() == 2 && subtag.bytes().all(|b| b.is_ascii_alphabetic()))
        .find_map(|region| check_country(region).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_language_and_sort_as_it_reads() {
        let de = countries(Locale::De);
        let name = |code: &str| de.iter().find(|(c, _)| c == code).map(|(_, n)| n.as_str());
        assert_eq!(name("CH"), Some("Schweiz"));
        let fr = countries(Locale::Fr);
        assert!(fr.iter().any(|(c, n)| c == "DE" && n == "Allemagne"));
        // "Österreich" sorts among the O, not after "Z".
        let at = de.iter().position(|(c, _)| c == "AT").unwrap_or(0);
        let next = &de[at + 1].1;
        assert!(next.starts_with('O') || next.starts_with('P'), "{next}");
        assert!(de.len() > 240);
    }

    #[test]
    fn codes_are_checked_and_stored_upper_case() {
        assert_eq!(check_country("ch").ok().as_deref(), Some("CH"));
        assert_eq!(check_country(" ").ok().as_deref(), Some(""));
        for bad in ["XX", "CHE", "c", "<b>"] {
            assert!(check_country(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_browser_language_gives_the_first_guess() {
        assert_eq!(from_languages("fr, de-CH;q=0.8, en-US;q=0.5"), "CH");
        assert_eq!(from_languages("en"), "");
        assert_eq!(from_languages("es-419,es-ES;q=0.9"), "ES");
        assert_eq!(from_languages(""), "");
        assert_eq!(from_languages("zh-Hant-TW"), "TW", "past the script");
        assert_eq!(
            from_languages("de-AT;q=0, fr-CH;q=0.5"),
            "CH",
            "q=0 refuses"
        );
    }
}
