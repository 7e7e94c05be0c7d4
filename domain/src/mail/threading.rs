//! Which messages make one conversation, as RFC 8621 §3 and RFC 5256's REFERENCES describe it
//! without a tree: two messages share a thread when one names the other (its Message-ID in
//! the other's `In-Reply-To` or `References`, or both naming a third) and their base subjects
//! match, so a reply whose subject was changed starts a conversation of its own.

use super::parse::Parsed;
use sha2::{Digest, Sha256};

/// The hashed keys a message is threaded by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThreadKeys {
    pub subject: String,
    /// Its own Message-ID and those it names, each once.
    pub refs: Vec<String>,
}

fn key(text: &str) -> String {
    hex::encode(&Sha256::digest(text.as_bytes())[..8])
}

pub fn keys(parsed: &Parsed) -> ThreadKeys {
    let mut refs: Vec<String> = Vec::new();
    let named = std::iter::once(&parsed.message_id)
        .chain(&parsed.in_reply_to)
        .chain(&parsed.references);
    for id in named.filter(|id| !id.is_empty()) {
        let k = key(id);
        if !refs.contains(&k) {
            refs.push(k);
        }
    }
    ThreadKeys {
        subject: key(&crate::locale::sort_key(&parsed.thread_name)),
        refs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(id: &str, replies_to: &[&str], subject: &str) -> Parsed {
        Parsed {
            message_id: id.into(),
            in_reply_to: replies_to
                .iter()
                .rev()
                .take(1)
                .map(|s| s.to_string())
                .collect(),
            references: replies_to.iter().map(|s| s.to_string()).collect(),
            thread_name: subject.into(),
            ..Parsed::default()
        }
    }

    #[test]
    fn a_reply_shares_a_key_and_the_subject_with_what_it_answers() {
        let root = keys(&message("a@x", &[], "Budget"));
        let reply = keys(&message("b@x", &["a@x"], "budget"));
        let renamed = keys(&message("c@x", &["a@x"], "Holidays"));
        assert_eq!(root.refs.len(), 1);
        assert_eq!(reply.refs.len(), 2);
        assert!(reply.refs.contains(&root.refs[0]));
        assert_eq!(root.subject, reply.subject);
        assert_ne!(root.subject, renamed.subject);
        assert!(keys(&message("", &[], "")).refs.is_empty());
        let twice = keys(&message("d@x", &["a@x", "a@x", "d@x"], "x"));
        assert_eq!(twice.refs.len(), 2);
    }
}
