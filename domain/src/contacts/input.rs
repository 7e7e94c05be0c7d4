//! Checks a contact form before it becomes a vCard: something to call the contact by, sane
//! sizes, real e-mail addresses and dates, web addresses that are web addresses.

use super::model::ContactInput;
use super::vcard::{display_name, parse_date};
use crate::auth::validate::{refuse_controls, Lines};
use crate::error::{DomainError, DomainResult};
use crate::reason::Reason;

/// Characters of one field; notes get more.
pub const MAX_FIELD: usize = 500;
pub const MAX_NOTES: usize = 10_000;
/// E-mails, phones or addresses of one contact.
pub const MAX_VALUES: usize = 50;

fn too_long(field: &str) -> DomainError {
    DomainError::invalid(field, Reason::FieldTooLong)
}

/// Checks the value of a field of the member's own (a CSV column kept as it was).
pub fn check_custom(value: &str) -> DomainResult<()> {
    if value.chars().count() > MAX_FIELD {
        return Err(too_long("custom"));
    }
    refuse_controls("custom", value, Lines::Several)
}

pub fn check(input: &ContactInput) -> DomainResult<()> {
    if display_name(input, "").is_empty() {
        return Err(DomainError::invalid("name", Reason::ContactEmpty));
    }
    let singles = [
        ("prefix", &input.prefix),
        ("first", &input.first),
        ("middle", &input.middle),
        ("last", &input.last),
        ("suffix", &input.suffix),
        ("nickname", &input.nickname),
        ("organization", &input.organization),
        ("title", &input.title),
        ("website", &input.website),
    ];
    for (field, value) in singles {
        if value.chars().count() > MAX_FIELD {
            return Err(too_long(field));
        }
        refuse_controls(field, value, Lines::One)?;
    }
    refuse_controls("notes", &input.notes, Lines::Several)?;
    super::photo::check(&input.photo)?;
    if input.groups.len() > MAX_VALUES {
        return Err(DomainError::invalid("groups", Reason::TooManyValues));
    }
    for group in &input.groups {
        super::group_names::clean_name(group).map_err(|_| too_long("groups"))?;
    }
    if input.notes.chars().count() > MAX_NOTES {
        return Err(too_long("notes"));
    }
    for (field, count) in [
        ("emails", input.emails.len()),
        ("phones", input.phones.len()),
        ("addresses", input.addresses.len()),
    ] {
        if count > MAX_VALUES {
            return Err(DomainError::invalid(field, Reason::TooManyValues));
        }
    }
    for email in &input.emails {
        let value = email.value.trim();
        let valid = value.is_empty()
            || (value.chars().count() <= crate::auth::validate::EMAIL_MAX_CHARS
                && value.split_once('@').is_some_and(|(local, domain)| {
                    !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
                })
                && !value.contains(char::is_whitespace));
        if !valid {
            return Err(DomainError::invalid("emails", Reason::EmailInvalid));
        }
    }
    let texts = input
        .phones
        .iter()
        .map(|p| &p.value)
        .chain(input.addresses.iter().flat_map(|a| {
            [
                &a.street,
                &a.locality,
                &a.region,
                &a.postal_code,
                &a.country,
            ]
        }));
    for text in texts {
        if text.chars().count() > MAX_FIELD {
            return Err(too_long("phones"));
        }
        refuse_controls("phones", text, Lines::One)?;
    }
    for (field, date) in [
        ("birthday", &input.birthday),
        ("anniversary", &input.anniversary),
    ] {
        if !date.trim().is_empty() && parse_date(date).is_none() {
            return Err(DomainError::invalid(field, Reason::DateInvalid));
        }
    }
    let site = input.website.trim();
    let web = site
        .strip_prefix("https://")
        .or(site.strip_prefix("http://"));
    if !site.is_empty() && (web.is_none_or(str::is_empty) || site.contains(char::is_whitespace)) {
        return Err(DomainError::invalid("website", Reason::UrlInvalid));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contacts::model::{PostalAddress, TypedValue};

    fn named() -> ContactInput {
        ContactInput {
            first: "Ada".into(),
            ..ContactInput::default()
        }
    }

    fn reason(input: &ContactInput) -> crate::reason::Reason {
        match check(input) {
            Err(DomainError::Invalid { reason, .. }) => reason,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_contact_needs_something_to_be_called_by() {
        assert_eq!(reason(&ContactInput::default()), Reason::ContactEmpty);
        assert!(check(&named()).is_ok());
        let only_email = ContactInput {
            emails: vec![TypedValue {
                value: "a@b.example".into(),
                ..TypedValue::default()
            }],
            ..ContactInput::default()
        };
        assert!(check(&only_email).is_ok());
    }

    #[test]
    fn limits_name_the_field() {
        let mut c = named();
        c.title = "x".repeat(MAX_FIELD + 1);
        assert_eq!(reason(&c), Reason::FieldTooLong);
        let mut c = named();
        c.notes = "x".repeat(MAX_NOTES + 1);
        assert_eq!(reason(&c), Reason::FieldTooLong);
        let mut c = named();
        c.addresses = vec![PostalAddress::default(); MAX_VALUES + 1];
        assert_eq!(reason(&c), Reason::TooManyValues);
    }

    #[test]
    fn emails_dates_and_websites_are_checked() {
        for bad in ["nobody", "a@b", "a b@c.example", "@c.example"] {
            let mut c = named();
            c.emails.push(TypedValue {
                value: bad.into(),
                ..TypedValue::default()
            });
            assert_eq!(reason(&c), Reason::EmailInvalid, "{bad}");
        }
        let mut c = named();
        c.birthday = "1990-02-30".into();
        assert_eq!(reason(&c), Reason::DateInvalid);
        c.birthday = "--02-29".into();
        assert!(check(&c).is_ok());
        c.website = "javascript:alert(1)".into();
        assert_eq!(reason(&c), Reason::UrlInvalid);
        c.website = "https://example.org/me".into();
        assert!(check(&c).is_ok());
    }
}
