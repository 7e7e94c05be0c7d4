//! A member's message as it travels: its recipients checked, its headers encoded so that no
//! line break in a name or subject ever makes a header of its own, a reply placed in its
//! conversation, written by `mail-builder`.

use crate::error::{DomainError, DomainResult, LimitKind};
use crate::ids::new_id;
use crate::mail::model::Composed;
use crate::mail::uploads::File;
use crate::mailer::one_line;
use crate::reason::Reason;
use mail_builder::headers::address::Address;
use mail_builder::MessageBuilder;

/// Recipients of one message, To, Cc and Bcc together (as the SMTP listener takes).
pub const MAX_RECIPIENTS: usize = 100;
/// The text a member writes, in bytes.
pub const MAX_TEXT_BYTES: usize = 1 << 20;
/// A reply names at most this many messages of its conversation (`References`).
const MAX_REFERENCES: usize = 20;

/// Who sends: the name the recipients see and the mailbox's address.
pub struct Sender<'a> {
    pub name: &'a str,
    pub address: &'a str,
}

/// The message a reply answers: what its `In-Reply-To` and `References` name.
pub struct Answered {
    pub message_id: String,
    pub references: Vec<String>,
}

/// The message, ready to store and send.
#[derive(Debug)]
pub struct Written {
    pub raw: Vec<u8>,
    /// Every address it goes to (To, Cc and Bcc), each once, lower-cased.
    pub envelope: Vec<String>,
}

/// One recipient as typed: `Name <address>`, `"Name" <address>` or a bare address; returns
/// the name (maybe empty) and the address.
pub fn recipient(text: &str) -> DomainResult<(String, String)> {
    let text = text.trim();
    let (name, address) = match text.rsplit_once('<') {
        Some((name, rest)) => (
            name.trim().trim_matches('"').trim(),
            rest.strip_suffix('>').unwrap_or(rest).trim(),
        ),
        None => ("", text),
    };
    let invalid = || DomainError::invalid("recipients", Reason::MailAddressInvalid);
    let (local, domain) = address.rsplit_once('@').ok_or_else(invalid)?;
    let fine = !local.is_empty()
        && local.len() <= 64
        && !domain.is_empty()
        && domain.contains('.')
        && crate::mailer::deliverable(address);
    if !fine {
        return Err(invalid());
    }
    Ok((one_line(name), address.to_lowercase()))
}

/// Checks `composed` and writes it from `from` with `files` attached, answering `answered`,
/// dated `now`.
pub fn write(
    from: &Sender,
    composed: &Composed,
    files: &[File],
    answered: Option<&Answered>,
    now: i64,
) -> DomainResult<Written> {
    let parse = |list: &[String]| -> DomainResult<Vec<(String, String)>> {
        list.iter()
            .filter(|r| !r.trim().is_empty())
            .map(|r| recipient(r))
            .collect()
    };
    let people = People {
        to: parse(&composed.to)?,
        cc: parse(&composed.cc)?,
        bcc: Vec::new(),
    };
    let mut envelope: Vec<String> = Vec::new();
    for (_, address) in people
        .to
        .iter()
        .chain(&people.cc)
        .chain(&parse(&composed.bcc)?)
    {
        if !envelope.contains(address) {
            envelope.push(address.clone());
        }
    }
    if envelope.is_empty() {
        return Err(DomainError::invalid(
            "recipients",
            Reason::MailRecipientsRequired,
        ));
    }
    if envelope.len() > MAX_RECIPIENTS {
        return Err(DomainError::limit(
            LimitKind::Recipients,
            MAX_RECIPIENTS as u64,
        ));
    }
    let raw = build(from, &people, composed, files, answered, now)?;
    Ok(Written { raw, envelope })
}

/// Writes a draft of `composed` as its message in the Drafts folder: the recipients that are
/// addresses already, Bcc included (the form keeps the rest as typed), and no answer headers
/// (the form keeps what it answers).
pub fn write_draft(
    from: &Sender,
    composed: &Composed,
    files: &[File],
    now: i64,
) -> DomainResult<Vec<u8>> {
    let parse = |list: &[String]| -> Vec<(String, String)> {
        list.iter()
            .filter_map(|r| recipient(r).ok())
            .take(MAX_RECIPIENTS)
            .collect()
    };
    let people = People {
        to: parse(&composed.to),
        cc: parse(&composed.cc),
        bcc: parse(&composed.bcc),
    };
    build(from, &people, composed, files, None, now)
}

/// Who a message is written to, in its headers. Bcc is there only in a draft.
struct People {
    to: Vec<(String, String)>,
    cc: Vec<(String, String)>,
    bcc: Vec<(String, String)>,
}

fn build(
    from: &Sender,
    people: &People,
    composed: &Composed,
    files: &[File],
    answered: Option<&Answered>,
    now: i64,
) -> DomainResult<Vec<u8>> {
    if composed.text.len() > MAX_TEXT_BYTES {
        return Err(DomainError::limit(
            LimitKind::MessageMegabytes,
            (MAX_TEXT_BYTES >> 20) as u64,
        ));
    }
    let domain = from
        .address
        .rsplit_once('@')
        .map_or("localhost", |(_, d)| d);
    let mut message = MessageBuilder::new()
        .from(address(&one_line(from.name), from.address))
        .subject(one_line(&composed.subject))
        .date(now)
        .message_id(format!("{}@{domain}", new_id()))
        .text_body(composed.text.replace("\r\n", "\n").replace('\n', "\r\n"));
    if !people.to.is_empty() {
        message = message.to(list(&people.to));
    }
    if !people.cc.is_empty() {
        message = message.cc(list(&people.cc));
    }
    if !people.bcc.is_empty() {
        message = message.bcc(list(&people.bcc));
    }
    for file in files {
        // Names and types were cleaned when kept; mail-builder encodes the name (RFC 2231).
        message = message.attachment(
            file.media_type.as_str(),
            file.name.as_str(),
            file.bytes.as_slice(),
        );
    }
    if let Some(answered) = answered.filter(|a| !a.message_id.is_empty()) {
        let mut references: Vec<String> = answered.references.clone();
        references.push(answered.message_id.clone());
        let skip = references.len().saturating_sub(MAX_REFERENCES);
        message = message
            .in_reply_to(answered.message_id.clone())
            .references(references.split_off(skip));
    }
    message.write_to_vec().map_err(|_| DomainError::Internal)
}

fn address(name: &str, address: &str) -> Address<'static> {
    if name.is_empty() {
        Address::from(address.to_owned())
    } else {
        Address::from((name.to_owned(), address.to_owned()))
    }
}

fn list(people: &[(String, String)]) -> Address<'static> {
    Address::new_list(people.iter().map(|(n, a)| address(n, a)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mail::parse::parse;

    fn composed(to: &[&str]) -> Composed {
        Composed {
            to: to.iter().map(|s| s.to_string()).collect(),
            subject: "Budget 2027".into(),
            text: "Hello,\nsee you.".into(),
            ..Composed::default()
        }
    }

    const ANNA: Sender = Sender {
        name: "Anna Keller",
        address: "anna.keller@acme.ch",
    };

    #[test]
    fn recipients_are_read_as_people_type_them() {
        assert_eq!(
            recipient(" Ben Meier <Ben.Meier@Acme.ch> ").unwrap(),
            ("Ben Meier".into(), "ben.meier@acme.ch".into())
        );
        assert_eq!(
            recipient("\"Dubois, Chloé\" <chloe@acme.ch>").unwrap(),
            ("Dubois, Chloé".into(), "chloe@acme.ch".into())
        );
        assert_eq!(
            recipient("x@y.ch").unwrap(),
            (String::new(), "x@y.ch".into())
        );
        for bad in [
            "",
            "ben",
            "ben@",
            "@acme.ch",
            "ben@localhost",
            "a b@c.ch",
            "<>",
            "x@y.ch>",
        ] {
            assert!(recipient(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_message_reads_back_with_its_people_thread_and_text_and_bcc_stays_hidden() {
        let mut c = composed(&["Ben Meier <ben@acme.ch>", "chloe@acme.ch"]);
        c.cc = vec!["Dan <dan@example.org>".into()];
        c.bcc = vec!["boss@acme.ch".into(), "BEN@acme.ch".into()];
        c.subject = "Re: Budget\r\nBcc: evil@example.com".into();
        let answered = Answered {
            message_id: "b@x".into(),
            references: vec!["a@x".into()],
        };
        let written = write(&ANNA, &c, &[], Some(&answered), 1_795_000_000).unwrap();
        assert_eq!(
            written.envelope,
            [
                "ben@acme.ch",
                "chloe@acme.ch",
                "dan@example.org",
                "boss@acme.ch"
            ]
        );
        let text = String::from_utf8_lossy(&written.raw);
        assert!(
            !text.lines().any(|l| l.to_lowercase().starts_with("bcc:")),
            "{text}"
        );
        assert!(!text.contains("boss@"), "Bcc never in the headers: {text}");
        let parsed = parse(&written.raw).unwrap();
        assert_eq!(parsed.from.address, "anna.keller@acme.ch");
        assert_eq!(parsed.from.name, "Anna Keller");
        assert_eq!(parsed.to.len(), 2);
        assert_eq!(parsed.cc[0].address, "dan@example.org");
        assert_eq!(parsed.subject, "Re: Budget Bcc: evil@example.com");
        assert_eq!(parsed.references, ["a@x", "b@x"]);
        assert!(parsed.message_id.ends_with("@acme.ch"));
        assert_eq!(parsed.sent_at, Some(1_795_000_000));
        assert!(parsed.search_text.contains("see you"));
    }

    #[test]
    fn no_recipient_too_many_or_a_bad_one_is_refused_by_name() {
        assert_eq!(
            write(&ANNA, &composed(&[" "]), &[], None, 0).unwrap_err(),
            DomainError::invalid("recipients", Reason::MailRecipientsRequired)
        );
        assert_eq!(
            write(&ANNA, &composed(&["ben@acme.ch", "nobody"]), &[], None, 0).unwrap_err(),
            DomainError::invalid("recipients", Reason::MailAddressInvalid)
        );
        let many: Vec<String> = (0..=MAX_RECIPIENTS)
            .map(|i| format!("p{i}@acme.ch"))
            .collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            write(&ANNA, &composed(&many), &[], None, 0).unwrap_err(),
            DomainError::limit(LimitKind::Recipients, MAX_RECIPIENTS as u64)
        );
    }
}
