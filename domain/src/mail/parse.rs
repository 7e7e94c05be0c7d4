//! Reading a message's raw bytes (RFC 5322 with MIME) into what the store indexes and the list
//! shows: who wrote it to whom, when, about what, the ids that thread it, a snippet, its
//! attachments, and its text for search. `mail-parser` never refuses a message: a broken one
//! gives what can be read of it, and every list and text taken from it is capped, so a message
//! of 10,000 parts or a header line of a megabyte costs bounded work and space here.

use crate::error::{DomainError, DomainResult, LimitKind};
use mail_parser::{Address, HeaderValue, Message, MessageParser, MimeHeaders, PartType};

/// The largest message accepted, in bytes: a 50 MB attachment grows to about 68 MB in base64.
pub const MAX_MESSAGE_BYTES: usize = 75 * 1024 * 1024;
/// Attachments listed per message; further parts are kept in the raw message only.
pub const MAX_ATTACHMENTS: usize = 200;
/// Message-ids kept from `In-Reply-To` and `References` to thread by.
pub const MAX_REFERENCES: usize = 100;
/// Addresses kept per header.
pub const MAX_RECIPIENTS: usize = 100;
/// Text indexed for search, in bytes.
pub const MAX_SEARCH_TEXT: usize = 1024 * 1024;
/// The snippet the list shows, in characters.
pub const SNIPPET_CHARS: usize = 200;
/// A subject, a name or a file name, in characters.
const MAX_FIELD: usize = 500;

/// A person named in a header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    /// Lower-cased; empty when the header held a name alone.
    pub address: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentInfo {
    /// The MIME part, to serve it from the raw message.
    pub part: u32,
    pub name: String,
    pub content_type: String,
    /// Decoded, in bytes.
    pub size: u64,
    /// `Content-ID` without its angle brackets: what `cid:` links in the HTML name.
    pub content_id: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    /// Without angle brackets; empty when the message has none.
    pub message_id: String,
    pub in_reply_to: Vec<String>,
    pub references: Vec<String>,
    pub subject: String,
    /// The subject without `Re:`, `Fwd:` and list tags (RFC 5256's base subject).
    pub thread_name: String,
    pub from: Person,
    pub to: Vec<Person>,
    pub cc: Vec<Person>,
    pub reply_to: Vec<Person>,
    /// The `Date` header as seconds since 1970, when it reads as a date.
    pub sent_at: Option<i64>,
    pub snippet: String,
    pub attachments: Vec<AttachmentInfo>,
    /// The body as text, then the attachments' names, for search.
    pub search_text: String,
}

impl Parsed {
    /// Files to download, leaving out images the HTML shows in place.
    pub fn has_attachment(&self) -> bool {
        self.attachments.iter().any(|a| a.content_id.is_empty())
    }
}

/// Reads `raw`. Larger than `MAX_MESSAGE_BYTES` is refused naming the limit; anything else
/// gives a `Parsed`, empty where the bytes say nothing readable. Call it off the async
/// workers (`offload::parse`): a large message takes a while.
pub fn parse(raw: &[u8]) -> DomainResult<Parsed> {
    if raw.len() > MAX_MESSAGE_BYTES {
        return Err(DomainError::limit(
            LimitKind::MessageMegabytes,
            (MAX_MESSAGE_BYTES / (1024 * 1024)) as u64,
        ));
    }
    let Some(message) = MessageParser::default().parse(raw) else {
        return Ok(Parsed::default());
    };
    let attachments = attachments(&message);
    let mut search_text = body_text(&message);
    for attachment in &attachments {
        push_capped(&mut search_text, "\n", MAX_SEARCH_TEXT);
        push_capped(&mut search_text, &attachment.name, MAX_SEARCH_TEXT);
    }
    Ok(Parsed {
        message_id: message.message_id().map(clean_id).unwrap_or_default(),
        in_reply_to: ids(message.in_reply_to()),
        references: ids(message.references()),
        subject: field(message.subject().unwrap_or_default()),
        thread_name: field(message.thread_name().unwrap_or_default()),
        from: people(message.from())
            .into_iter()
            .next()
            .unwrap_or_default(),
        to: people(message.to()),
        cc: people(message.cc()),
        reply_to: people(message.reply_to()),
        sent_at: message.date().map(|d| d.to_timestamp()),
        snippet: message
            .body_preview(SNIPPET_CHARS)
            .map(|s| field(&s))
            .unwrap_or_default(),
        attachments,
        search_text,
    })
}

/// What the reading pane shows of a message: its text, its HTML (not yet sanitised) when it
/// has some, and the address each `cid:` part is named by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bodies {
    pub text: String,
    pub html: Option<String>,
    /// `Content-ID` → MIME part.
    pub inline_parts: Vec<(String, u32)>,
}

/// A message's bodies for reading: every text body one after the other (or the HTML's text
/// when there is none), and the first HTML body.
pub fn bodies(raw: &[u8]) -> Bodies {
    let Some(message) = MessageParser::default().parse(raw) else {
        return Bodies::default();
    };
    let text = (0..message.text_body.len())
        .filter_map(|i| message.body_text(i))
        .collect::<Vec<_>>()
        .join("\n");
    // mail-parser lists a plain-text message's text as its HTML body too (converted): only a
    // real text/html part makes the message an HTML one.
    let has_html = message.html_body.iter().any(|&i| {
        matches!(
            message.parts.get(i as usize).map(|p| &p.body),
            Some(PartType::Html(_))
        )
    });
    let html = has_html
        .then(|| message.body_html(0).map(|h| h.into_owned()))
        .flatten();
    let inline_parts = message
        .parts
        .iter()
        .enumerate()
        .filter_map(|(i, part)| Some((clean_id(part.content_id()?), u32::try_from(i).ok()?)))
        .filter(|(cid, _)| !cid.is_empty())
        .collect();
    Bodies {
        text,
        html,
        inline_parts,
    }
}

/// The decoded bytes of MIME part `part`, with its name and type, when it is one of the
/// message's attachments (or inline images).
pub fn attachment(raw: &[u8], part: u32) -> Option<(AttachmentInfo, Vec<u8>)> {
    let message = MessageParser::default().parse(raw)?;
    let info = attachments(&message).into_iter().find(|a| a.part == part)?;
    let bytes = message.parts.get(part as usize)?.contents().to_vec();
    Some((info, bytes))
}

/// A header text on one line, without control characters, at most `MAX_FIELD` characters.
fn field(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(MAX_FIELD));
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c.is_control() {
            space = !out.is_empty();
            continue;
        }
        if out.chars().count() >= MAX_FIELD {
            break;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

fn clean_id(id: &str) -> String {
    let id = id.trim().trim_start_matches('<').trim_end_matches('>');
    id.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(MAX_FIELD)
        .collect()
}

fn ids(value: &HeaderValue) -> Vec<String> {
    let list: Vec<String> = match value {
        HeaderValue::Text(id) => vec![clean_id(id)],
        HeaderValue::TextList(ids) => ids.iter().map(|id| clean_id(id)).collect(),
        _ => Vec::new(),
    };
    let mut kept: Vec<String> = Vec::new();
    // The last references are the nearest ancestors: keep those when there are too many.
    for id in list.into_iter().rev().filter(|id| !id.is_empty()) {
        if kept.len() == MAX_REFERENCES {
            break;
        }
        if !kept.contains(&id) {
            kept.push(id);
        }
    }
    kept.reverse();
    kept
}

fn people(address: Option<&Address>) -> Vec<Person> {
    let Some(address) = address else {
        return Vec::new();
    };
    address
        .iter()
        .take(MAX_RECIPIENTS)
        .map(|a| Person {
            name: field(a.name().unwrap_or_default()),
            address: field(a.address().unwrap_or_default()).to_lowercase(),
        })
        .filter(|p| !p.name.is_empty() || !p.address.is_empty())
        .collect()
}

fn attachments(message: &Message) -> Vec<AttachmentInfo> {
    message
        .attachments
        .iter()
        .take(MAX_ATTACHMENTS)
        .filter_map(|&part_id| {
            let part = message.parts.get(part_id as usize)?;
            let content_type = part
                .content_type()
                .map(|t| match t.subtype() {
                    Some(sub) => format!("{}/{}", t.ctype(), sub),
                    None => t.ctype().to_owned(),
                })
                .unwrap_or_else(|| "application/octet-stream".to_owned())
                .to_ascii_lowercase();
            let name = match (part.attachment_name(), &part.body) {
                (Some(name), _) => field(name),
                (None, PartType::Message(inner)) => {
                    format!("{}.eml", field(inner.subject().unwrap_or("message")))
                }
                (None, _) => String::new(),
            };
            Some(AttachmentInfo {
                part: part_id,
                name,
                content_type: field(&content_type),
                size: part.len() as u64,
                content_id: part.content_id().map(clean_id).unwrap_or_default(),
            })
        })
        .collect()
}

/// The text bodies (HTML ones as text) one after the other, up to `MAX_SEARCH_TEXT` bytes.
fn body_text(message: &Message) -> String {
    let mut text = String::new();
    let count = message.text_body.len().max(message.html_body.len());
    for i in 0..count {
        if text.len() >= MAX_SEARCH_TEXT {
            break;
        }
        if let Some(body) = message.body_text(i) {
            if !text.is_empty() {
                push_capped(&mut text, "\n", MAX_SEARCH_TEXT);
            }
            push_capped(&mut text, &body, MAX_SEARCH_TEXT);
        }
    }
    text
}

/// Appends what fits of `more` within `max` bytes, on a character boundary.
fn push_capped(text: &mut String, more: &str, max: usize) {
    let room = max.saturating_sub(text.len());
    let mut end = more.len().min(room);
    while !more.is_char_boundary(end) {
        end -= 1;
    }
    text.push_str(&more[..end]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Parsed {
        parse(text.replace('\n', "\r\n").as_bytes()).unwrap()
    }

    #[test]
    fn headers_thread_ids_and_people_are_read() {
        let m = read(
            "From: =?UTF-8?Q?Chlo=C3=A9_Dubois?= <Chloe.Dubois@Acme.ch>
To: Anna <anna@acme.ch>, ben@acme.ch
Cc: Team: dan@acme.ch;
Subject: Re: [Team] Fwd: =?ISO-8859-1?Q?R=E9union?= budget
Date: Tue, 1 Dec 2026 09:30:00 +0100
Message-ID: <abc@acme.ch>
In-Reply-To: <parent@acme.ch>
References: <root@acme.ch> <parent@acme.ch>

Hello team,
the figures are attached.
",
        );
        assert_eq!(m.message_id, "abc@acme.ch");
        assert_eq!(m.in_reply_to, ["parent@acme.ch"]);
        assert_eq!(m.references, ["root@acme.ch", "parent@acme.ch"]);
        assert_eq!(m.subject, "Re: [Team] Fwd: Réunion budget");
        assert_eq!(m.thread_name, "Réunion budget");
        assert_eq!(
            m.from,
            Person {
                name: "Chloé Dubois".into(),
                address: "chloe.dubois@acme.ch".into()
            }
        );
        let to: Vec<_> = m.to.iter().map(|p| p.address.as_str()).collect();
        assert_eq!(to, ["anna@acme.ch", "ben@acme.ch"]);
        assert_eq!(m.cc.len(), 1);
        assert_eq!(m.sent_at, Some(1_796_113_800));
        assert!(m.snippet.starts_with("Hello team, the figures"));
        assert!(!m.has_attachment());
    }

    #[test]
    fn nested_multiparts_give_text_html_and_named_attachments() {
        let m = read(
            r#"From: news@shop.example
Subject: Offers
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain; charset=iso-8859-1
Content-Transfer-Encoding: quoted-printable

Caf=E9 offers
--inner
Content-Type: multipart/related; boundary="rel"

--rel
Content-Type: text/html; charset=utf-8

<p>Café <b>offers</b><img src="cid:logo@shop"></p>
--rel
Content-Type: image/png
Content-ID: <logo@shop>
Content-Transfer-Encoding: base64

iVBORw0KGgo=
--rel--
--inner--
--outer
Content-Type: application/pdf; name="=?UTF-8?B?UHJpeCAyMDI3LnBkZg==?="
Content-Disposition: attachment
Content-Transfer-Encoding: base64

JVBERi0xLjQK
--outer
Content-Type: text/plain
Content-Disposition: attachment

no name at all
--outer--
"#,
        );
        assert!(
            m.search_text.starts_with("Café offers"),
            "{:?}",
            m.search_text
        );
        assert!(m.search_text.contains("Prix 2027.pdf"));
        let files: Vec<_> = m
            .attachments
            .iter()
            .map(|a| {
                (
                    a.name.as_str(),
                    a.content_type.as_str(),
                    a.content_id.as_str(),
                )
            })
            .collect();
        assert_eq!(
            files,
            [
                ("", "image/png", "logo@shop"),
                ("Prix 2027.pdf", "application/pdf", ""),
                ("", "text/plain", "")
            ]
        );
        assert_eq!(m.attachments[1].size, 9);
        assert!(m.has_attachment());
    }

    #[test]
    fn broken_messages_give_what_can_be_read_within_bounds() {
        assert_eq!(parse(b"").unwrap(), Parsed::default());
        let garbage = parse(&[0xff, 0xfe, 0, 1, 2, b'\n', b'\n', 0xc3]).unwrap();
        assert_eq!(garbage.from, Person::default());

        let long_header = format!("Subject: {}\r\n\r\nbody", "x".repeat(1 << 20));
        let m = parse(long_header.as_bytes()).unwrap();
        assert_eq!(m.subject.chars().count(), 500);

        let mut parts =
            String::from("Subject: many\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n");
        for i in 0..10_000 {
            parts.push_str(&format!(
                "--b\r\nContent-Type: application/x-n; name=f{i}\r\n\r\n{i}\r\n"
            ));
        }
        parts.push_str("--b--\r\n");
        let m = parse(parts.as_bytes()).unwrap();
        assert_eq!(m.attachments.len(), MAX_ATTACHMENTS);

        let refs: String = (0..500).map(|i| format!("<r{i}@x> ")).collect();
        let m = parse(format!("References: {refs}\r\nIn-Reply-To: <r499@x>\r\n\r\n").as_bytes())
            .unwrap();
        assert_eq!(m.references.len(), MAX_REFERENCES);
        assert_eq!(m.references.last().map(String::as_str), Some("r499@x"));

        let undeclared: &[u8] = b"Subject: =?x-unknown?Q?caf=E9?=\r\nContent-Type: text/plain; charset=x-nothing\r\n\r\ncaf\xe9";
        let m = parse(undeclared).unwrap();
        assert!(m.subject.contains("caf"));

        let huge = vec![b'a'; MAX_MESSAGE_BYTES + 1];
        assert_eq!(
            parse(&huge),
            Err(DomainError::LimitExceeded {
                kind: LimitKind::MessageMegabytes,
                max: 75
            })
        );
    }

    #[test]
    fn only_a_real_html_part_makes_an_html_message() {
        let plain = bodies(b"Subject: x\r\n\r\nHello\r\n");
        assert_eq!((plain.text.trim(), plain.html), ("Hello", None));
        let both = bodies(
            b"Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHi\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Hi</p>\r\n--b--\r\n",
        );
        assert!(both.html.is_some_and(|h| h.contains("<p>Hi</p>")));
    }

    #[test]
    fn capped_text_ends_on_a_character() {
        let mut text = String::from("ab");
        push_capped(&mut text, "éé", 5);
        assert_eq!(text, "abé");
    }
}
