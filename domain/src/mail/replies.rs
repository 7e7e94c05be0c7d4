//! The compose form a reply, a reply to all or a forward opens with: who it goes to, the
//! subject with its prefix, the message quoted. Plain functions of the message, so the page
//! fills the form at once.

use super::model::{Composed, MessageView, PersonView};

/// A person as the To field writes them: `Name <address>`, or the address alone.
fn written(person: &PersonView) -> String {
    if person.name.is_empty() {
        person.address.clone()
    } else {
        format!(
            "{} <{}>",
            person.name.replace(['<', '>', '"'], ""),
            person.address
        )
    }
}

fn prefixed(prefix: &str, subject: &str) -> String {
    let lower = subject.to_lowercase();
    // Re:, RE:, AW: (German), RIF: (Italian)... are all one reply: the prefix is not repeated.
    let replied = ["re:", "aw:", "rif:", "sv:", "antw:", "r:"]
        .iter()
        .any(|p| lower.starts_with(p));
    let forwarded = ["fwd:", "fw:", "wg:", "tr:", "i:", "rv:"]
        .iter()
        .any(|p| lower.starts_with(p));
    if (prefix == "Re:" && replied) || (prefix == "Fwd:" && forwarded) {
        subject.to_owned()
    } else {
        format!("{prefix} {subject}")
    }
}

/// The message's text, each line behind "> ", under "`intro`".
fn quoted(intro: &str, text: &str) -> String {
    let mut out = format!("\n\n{intro}\n");
    for line in text.lines() {
        out.push_str(if line.is_empty() { ">" } else { "> " });
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// A reply to the sender (or to its Reply-To). `intro` is the quote's first line, in the
/// member's language ("On 3 Dec 2026, Ben wrote:").
pub fn reply(message: &MessageView, intro: &str) -> Composed {
    let to = if message.reply_to.is_empty() {
        vec![written(&message.from)]
    } else {
        message.reply_to.iter().map(written).collect()
    };
    Composed {
        to,
        subject: prefixed("Re:", &message.subject),
        text: quoted(intro, &message.text),
        replying_to: Some(message.id.clone()),
        ..Composed::default()
    }
}

/// A reply to the sender and everyone else it was written to, but `own` (the mailbox's
/// addresses).
pub fn reply_all(message: &MessageView, intro: &str, own: &[String]) -> Composed {
    let mine = |p: &&PersonView| own.iter().any(|a| a.eq_ignore_ascii_case(&p.address));
    let mut composed = reply(message, intro);
    let mut seen: Vec<String> = composed.to.clone();
    for person in message.to.iter().filter(|p| !mine(p)) {
        let w = written(person);
        if !seen.contains(&w) && person.address != message.from.address {
            seen.push(w.clone());
            composed.to.push(w);
        }
    }
    composed.cc = message
        .cc
        .iter()
        .filter(|p| !mine(p))
        .map(written)
        .filter(|w| !seen.contains(w))
        .collect();
    composed
}

/// A forward: nobody yet, the message under a header saying what it was. `header` is that
/// block, in the member's language.
pub fn forward(message: &MessageView, header: &str) -> Composed {
    Composed {
        subject: prefixed("Fwd:", &message.subject),
        text: format!("\n\n{header}\n\n{}", message.text),
        ..Composed::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message() -> MessageView {
        MessageView {
            id: "m1".into(),
            from: PersonView::new("Ben Meier", "ben@acme.ch"),
            to: vec![
                PersonView::new("Anna", "anna@acme.ch"),
                PersonView::new("", "chloe@acme.ch"),
            ],
            cc: vec![
                PersonView::new("Dan", "dan@example.org"),
                PersonView::new("", "ANNA@acme.ch"),
            ],
            subject: "Budget 2027".into(),
            text: "Hello,\n\nthe figures.".into(),
            ..MessageView::default()
        }
    }

    #[test]
    fn a_reply_goes_to_the_sender_quoted_once_prefixed() {
        let r = reply(&message(), "On Monday, Ben wrote:");
        assert_eq!(r.to, ["Ben Meier <ben@acme.ch>"]);
        assert_eq!(r.subject, "Re: Budget 2027");
        assert_eq!(
            r.text,
            "\n\nOn Monday, Ben wrote:\n> Hello,\n>\n> the figures.\n"
        );
        assert_eq!(r.replying_to.as_deref(), Some("m1"));
        let mut again = message();
        again.subject = "AW: Budget 2027".into();
        assert_eq!(reply(&again, "").subject, "AW: Budget 2027");
        again.reply_to = vec![PersonView::new("", "list@acme.ch")];
        assert_eq!(reply(&again, "").to, ["list@acme.ch"]);
    }

    #[test]
    fn reply_all_leaves_out_the_mailbox_itself_and_names_nobody_twice() {
        let r = reply_all(&message(), "", &["anna@acme.ch".into()]);
        assert_eq!(r.to, ["Ben Meier <ben@acme.ch>", "chloe@acme.ch"]);
        assert_eq!(r.cc, ["Dan <dan@example.org>"]);
    }

    #[test]
    fn a_forward_carries_the_text_to_nobody_yet() {
        let f = forward(&message(), "---------- Forwarded message ----------");
        assert!(f.to.is_empty());
        assert_eq!(f.subject, "Fwd: Budget 2027");
        assert!(f.text.ends_with("the figures."));
        assert_eq!(f.replying_to, None);
    }
}
