//! Input rules shared by the browser (to guide) and the server (to enforce).

use crate::error::{DomainError, DomainResult};
use crate::reason::Reason;

pub const PASSWORD_MIN_CHARS: usize = 10;
/// Hashing cost grows with length; longer inputs are refused rather than hashed.
pub const PASSWORD_MAX_CHARS: usize = 256;
pub const NAME_MAX_CHARS: usize = 100;
pub const EMAIL_MAX_CHARS: usize = 254;

/// Why a password is refused, so the UI can say it in the user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    NeedsLetterAndDigit,
    ContainsEmail,
}

impl PasswordProblem {
    pub fn reason(self) -> Reason {
        match self {
            PasswordProblem::TooShort => Reason::PasswordTooShort,
            PasswordProblem::TooLong => Reason::PasswordTooLong,
            PasswordProblem::NeedsLetterAndDigit => Reason::PasswordNeedsLetterAndDigit,
            PasswordProblem::ContainsEmail => Reason::PasswordContainsEmail,
        }
    }
}

/// The strength rule: at least 10 characters, letters and digits, not the e-mail's name part.
pub fn password_problem(password: &str, email: &str) -> Option<PasswordProblem> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        return Some(PasswordProblem::TooShort);
    }
    if chars > PASSWORD_MAX_CHARS {
        return Some(PasswordProblem::TooLong);
    }
    let has_letter = password.chars().any(char::is_alphabetic);
    let has_digit = password.chars().any(|c| c.is_ascii_digit());
    if !(has_letter && has_digit) {
        return Some(PasswordProblem::NeedsLetterAndDigit);
    }
    let local = email.split('@').next().unwrap_or("").to_lowercase();
    if local.chars().count() >= 3 && password.to_lowercase().contains(&local) {
        return Some(PasswordProblem::ContainsEmail);
    }
    None
}

/// Trims and lowercases an e-mail address, or says why it is not one.
pub fn normalize_email(email: &str) -> DomainResult<String> {
    let email = email.trim().to_lowercase();
    let invalid = || DomainError::invalid("email", Reason::EmailInvalid);
    if email.is_empty()
        || email.chars().count() > EMAIL_MAX_CHARS
        || email.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(invalid());
    }
    let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !domain.contains("..");
    if local.is_empty() || !domain_ok {
        return Err(invalid());
    }
    Ok(email)
}

/// Whether a typed text may hold line breaks and tabs (a description, notes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    One,
    Several,
}

/// Refuses the C0 control characters (and DEL) nobody types: they would be carried into every
/// iCalendar, vCard and CSV file the text is written to. Line breaks and tabs pass where the
/// field holds several lines.
pub fn refuse_controls(field: &str, value: &str, lines: Lines) -> DomainResult<()> {
    let allowed = |c: char| lines == Lines::Several && matches!(c, '\n' | '\r' | '\t');
    if value.chars().any(|c| (c.is_ascii_control()) && !allowed(c)) {
        return Err(DomainError::invalid(field, Reason::ControlCharacters));
    }
    Ok(())
}

/// Trims a display name and checks its length.
pub fn normalize_name(name: &str) -> DomainResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(DomainError::invalid("name", Reason::NameRequired));
    }
    refuse_controls("name", name, Lines::One)?;
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(DomainError::invalid("name", Reason::NameTooLong));
    }
    Ok(name.to_owned())
}

pub fn check_password(password: &str, email: &str) -> DomainResult<()> {
    match password_problem(password, email) {
        Some(problem) => Err(DomainError::invalid("password", problem.reason())),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_rule() {
        assert_eq!(
            password_problem("short1", "a@b.ch"),
            Some(PasswordProblem::TooShort)
        );
        assert_eq!(
            password_problem("onlyletters", "a@b.ch"),
            Some(PasswordProblem::NeedsLetterAndDigit)
        );
        assert_eq!(
            password_problem("anna12345678", "anna@demo.ch"),
            Some(PasswordProblem::ContainsEmail)
        );
        assert_eq!(
            password_problem(&"a1".repeat(200), "x@y.ch"),
            Some(PasswordProblem::TooLong)
        );
        assert_eq!(password_problem("correct horse 42", "anna@demo.ch"), None);
    }

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(normalize_email("  Anna@Demo.CH ").unwrap(), "anna@demo.ch");
        for bad in [
            "",
            "anna",
            "anna@",
            "@demo.ch",
            "anna@demo",
            "an na@demo.ch",
            "a@b@c.ch",
            "a@.ch",
            "a@b..ch",
        ] {
            assert!(normalize_email(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(normalize_name("  Anna ").unwrap(), "Anna");
        assert!(normalize_name("   ").is_err());
        assert!(normalize_name(&"x".repeat(101)).is_err());
        assert!(normalize_name("Team\rA").is_err());
        assert!(refuse_controls("notes", "one\r\ntwo\tthree", Lines::Several).is_ok());
        assert!(refuse_controls("notes", "bell\u{7}", Lines::Several).is_err());
        assert!(refuse_controls("title", "one\ntwo", Lines::One).is_err());
    }
}
