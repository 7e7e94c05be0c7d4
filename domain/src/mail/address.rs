//! Mail domains and addresses as the suite accepts them: ASCII, lower-cased, in the shapes every
//! mail server delivers to (RFC 5321's dot-atom, without the rarely working quoted forms), and
//! the `first.last` local part a member's name gives.

use crate::error::{DomainError, DomainResult};
use crate::reason::Reason;

/// RFC 5321 §4.5.3.1.1.
const MAX_LOCAL_PART: usize = 64;
/// RFC 1035 §2.3.4.
const MAX_DOMAIN: usize = 253;
const MAX_LABEL: usize = 63;

/// A domain to receive mail for: `acme.ch`, `mail.example.org`, written in any case, with or
/// without a final dot. International names are given in their `xn--` form.
pub fn check_domain(text: &str) -> DomainResult<String> {
    let domain = text.trim().trim_end_matches('.').to_ascii_lowercase();
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        (1..=MAX_LABEL).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
    };
    let top_ok = labels
        .last()
        .is_some_and(|top| top.bytes().any(|b| b.is_ascii_lowercase()));
    if domain.len() <= MAX_DOMAIN && labels.len() >= 2 && labels.iter().all(label_ok) && top_ok {
        Ok(domain)
    } else {
        Err(DomainError::invalid("domain", Reason::MailDomainInvalid))
    }
}

/// The part of an address before `@`: letters, digits and `. _ + -`, no dot at either end or
/// twice in a row; lower-cased.
pub fn check_local_part(text: &str) -> DomainResult<String> {
    let local = text.trim().to_ascii_lowercase();
    let valid = (1..=MAX_LOCAL_PART).contains(&local.len())
        && local
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'+' | b'-'))
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    if valid {
        Ok(local)
    } else {
        Err(DomainError::invalid("address", Reason::MailAddressInvalid))
    }
}

/// A whole address, checked and lower-cased, with the position of its `@`.
pub fn check_address(text: &str) -> DomainResult<(String, usize)> {
    let text = text.trim();
    let (local, domain) = text
        .rsplit_once('@')
        .ok_or_else(|| DomainError::invalid("address", Reason::MailAddressInvalid))?;
    let local = check_local_part(local)?;
    let domain = check_domain(domain)
        .map_err(|_| DomainError::invalid("address", Reason::MailAddressInvalid))?;
    let at = local.len();
    Ok((format!("{local}@{domain}"), at))
}

/// The local part a member's name gives: `Chloé Dubois` → `chloe.dubois`. Letters lose their
/// accents, everything else separates words; a name with no Latin letter gives `member`.
pub fn local_part_of(name: &str) -> String {
    let mut out = String::new();
    for c in crate::locale::sort_key(name).chars() {
        let spelled = match c {
            'a'..='z' | '0'..='9' => None,
            'ß' => Some("ss"),
            'æ' => Some("ae"),
            'œ' => Some("oe"),
            'ø' => Some("o"),
            'ł' => Some("l"),
            'đ' | 'ð' => Some("d"),
            'þ' => Some("th"),
            _ => Some("."),
        };
        match spelled {
            None => out.push(c),
            Some(".") if out.is_empty() || out.ends_with('.') => {}
            Some(text) => out.push_str(text),
        }
    }
    let mut out = out.trim_end_matches('.').to_owned();
    out.truncate(MAX_LOCAL_PART);
    let out = out.trim_end_matches('.');
    if out.is_empty() {
        "member".to_owned()
    } else {
        out.to_owned()
    }
}

/// Addresses a domain's mail system and its people expect to reach its administrators (RFC
/// 2142 and common use): never given from a member's name.
const RESERVED: [&str; 16] = [
    "abuse",
    "admin",
    "administrator",
    "billing",
    "hostmaster",
    "info",
    "mailer-daemon",
    "noc",
    "no-reply",
    "noreply",
    "postmaster",
    "root",
    "security",
    "support",
    "webmaster",
    "www",
];

/// Whether `local` is kept for what RFC 2142 names: an administrator may give it, a name never.
pub fn is_reserved(local: &str) -> bool {
    RESERVED.contains(&local)
}

/// `local` made unique by a number when `taken` says it is used: `anna.keller`, then
/// `anna.keller2`, `anna.keller3`...
pub fn numbered(local: &str, n: u32) -> String {
    if n <= 1 {
        return local.to_owned();
    }
    let suffix = n.to_string();
    let mut base = local.to_owned();
    base.truncate(MAX_LOCAL_PART - suffix.len());
    format!("{}{suffix}", base.trim_end_matches('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_lower_cased_ascii_names_of_two_labels_or_more() {
        assert_eq!(check_domain(" Acme.CH. ").unwrap(), "acme.ch");
        assert_eq!(
            check_domain("mail.xn--bcher-kva.example").unwrap(),
            "mail.xn--bcher-kva.example"
        );
        let long = format!("{}.ch", "a".repeat(64));
        for bad in [
            "acme",
            "",
            ".ch",
            "acme..ch",
            "-acme.ch",
            "acme-.ch",
            "bücher.ch",
            "a b.ch",
            "acme.ch/x",
            "1.2.3.4",
            long.as_str(),
            "acme@ch",
        ] {
            assert!(check_domain(bad).is_err(), "{bad:?} accepted");
        }
    }

    #[test]
    fn local_parts_are_dot_atoms() {
        assert_eq!(
            check_local_part("Anna.Keller+news").unwrap(),
            "anna.keller+news"
        );
        for bad in [
            "",
            ".anna",
            "anna.",
            "an..na",
            "an na",
            "\"anna\"",
            "anna<",
            "ànna",
            &"a".repeat(65),
        ] {
            assert!(check_local_part(bad).is_err(), "{bad:?} accepted");
        }
        assert_eq!(
            check_address(" Info@Acme.ch ").unwrap(),
            ("info@acme.ch".to_owned(), 4)
        );
        assert!(check_address("info@acme").is_err());
        assert!(check_address("acme.ch").is_err());
    }

    #[test]
    fn a_name_gives_first_dot_last_without_accents() {
        assert_eq!(local_part_of("Anna Keller"), "anna.keller");
        assert_eq!(local_part_of("Chloé Dubois"), "chloe.dubois");
        assert_eq!(local_part_of("  Jean-Luc  O'Neil "), "jean.luc.o.neil");
        assert_eq!(local_part_of("Søren Strauß"), "soren.strauss");
        assert_eq!(local_part_of("山田"), "member");
        assert!(is_reserved(&local_part_of("Postmaster")));
        assert!(!is_reserved(&local_part_of("Anna Keller")));
        assert_eq!(local_part_of(&"x".repeat(80)).len(), 64);
        assert!(check_local_part(&local_part_of("Ægir Þór Łukasz")).is_ok());
    }

    #[test]
    fn numbers_keep_a_local_part_within_its_length() {
        assert_eq!(numbered("anna.keller", 1), "anna.keller");
        assert_eq!(numbered("anna.keller", 2), "anna.keller2");
        let long = "a".repeat(64);
        assert_eq!(numbered(&long, 12).len(), 64);
        assert!(numbered(&long, 12).ends_with("12"));
    }
}
