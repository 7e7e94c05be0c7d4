//! A message as it travels: headers and a plain text and HTML alternative, built with
//! `mail-builder`, which encodes every header and part for a 7-bit path.

use mail_builder::MessageBuilder;

/// What the suite writes to one person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub to_name: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    /// The same text as HTML; every value in it is already escaped.
    pub html: String,
}

/// The RFC 5322 message of `letter` from `from` (display name, address).
pub fn compose(from: (&str, &str), letter: &Letter) -> String {
    let (from_name, to_name) = (one_line(from.0), one_line(&letter.to_name));
    MessageBuilder::new()
        .from((from_name.as_str(), from.1))
        .to((to_name.as_str(), letter.to.as_str()))
        .subject(one_line(&letter.subject))
        .text_body(letter.text.as_str())
        .html_body(letter.html.as_str())
        .write_to_string()
        .unwrap_or_default()
}

/// A header value on one line: a line break in a name or subject never starts a header.
pub(crate) fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_encoded_and_both_parts_are_there() {
        let letter = Letter {
            to_name: "Zoë \"Z\" Crêpe".into(),
            to: "zoe@example.ch".into(),
            subject: "Réinitialiser\r\nBcc: evil@example.com".into(),
            text: "Bonjour Zoë".into(),
            html: "<p>Bonjour Zoë</p>".into(),
        };
        let raw = compose(("kSuite", "no-reply@example.ch"), &letter);
        assert!(raw.is_ascii(), "7-bit: {raw}");
        assert!(raw.contains("multipart/alternative"));
        assert!(raw.contains("text/plain") && raw.contains("text/html"));
        // A line break in a value never makes a header of its own.
        assert!(!raw.lines().any(|l| l.starts_with("Bcc:")), "{raw}");
        let parsed = mail_parser::MessageParser::default()
            .parse(raw.as_bytes())
            .unwrap();
        assert_eq!(
            parsed.subject(),
            Some("Réinitialiser  Bcc: evil@example.com")
        );
        assert_eq!(parsed.body_text(0).as_deref(), Some("Bonjour Zoë"));
    }
}
