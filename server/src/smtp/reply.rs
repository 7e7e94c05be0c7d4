//! The listener's answers: a code, an enhanced status code (RFC 3463) and a text, one line each.

use domain::mail::intake::Verdict;
use domain::{DomainError, LimitKind};

pub struct Reply(pub String);

impl Reply {
    fn new(code: u16, status: &str, text: &str) -> Reply {
        // A text never holds a line break: it could pass as a second answer.
        let text: String = text.chars().filter(|c| !c.is_control()).collect();
        Reply(format!("{code} {status} {text}\r\n"))
    }

    pub fn ok(text: &str) -> Reply {
        Reply::new(250, "2.0.0", text)
    }

    pub fn sender_ok() -> Reply {
        Reply::new(250, "2.1.0", "Sender OK")
    }

    pub fn start_data() -> Reply {
        Reply("354 End the message with <CR><LF>.<CR><LF>\r\n".into())
    }

    pub fn cannot_verify() -> Reply {
        Reply::new(
            252,
            "2.5.0",
            "Cannot verify; send the message and it will be delivered or refused",
        )
    }

    pub fn bye() -> Reply {
        Reply::new(221, "2.0.0", "Bye")
    }

    pub fn bad_sequence(text: &str) -> Reply {
        Reply::new(503, "5.5.1", text)
    }

    pub fn syntax(text: &str) -> Reply {
        Reply::new(501, "5.5.2", text)
    }

    pub fn unknown_command() -> Reply {
        Reply::new(500, "5.5.1", "Command not recognised")
    }

    pub fn not_offered(command: &str) -> Reply {
        Reply::new(502, "5.5.1", &format!("{command} is not offered here"))
    }

    pub fn too_many_recipients(max: usize) -> Reply {
        Reply::new(
            452,
            "4.5.3",
            &format!("Too many recipients: at most {max} per message"),
        )
    }

    pub fn too_big(max_megabytes: usize) -> Reply {
        Reply::new(
            552,
            "5.3.4",
            &format!("Message too big: at most {max_megabytes} MB"),
        )
    }

    pub fn no_memory() -> Reply {
        Reply::new(452, "4.3.1", "Too much mail at once; try again later")
    }

    pub fn too_many_errors() -> Reply {
        Reply::new(421, "4.7.0", "Too many errors; closing")
    }

    pub fn timeout() -> Reply {
        Reply::new(421, "4.4.2", "Idle for too long; closing")
    }

    pub fn busy() -> Reply {
        Reply::new(421, "4.3.2", "Too many connections; try again later")
    }

    /// What the store could not do, temporary unless the message itself is refused.
    pub fn failed(err: &DomainError) -> Reply {
        match err {
            DomainError::LimitExceeded {
                kind: LimitKind::MessageMegabytes,
                max,
            } => Reply::too_big(*max as usize),
            DomainError::LimitExceeded {
                kind: LimitKind::StorageMegabytes,
                ..
            } => storage_full(),
            // The mailbox went between RCPT and the end of the message.
            DomainError::NotFound => Reply::new(550, "5.1.1", "Mailbox unavailable"),
            _ => Reply::new(451, "4.3.0", "Local error; try again later"),
        }
    }

    /// The answer to `RCPT TO:<address>`.
    pub fn verdict(verdict: &Verdict, address: &str) -> Reply {
        match verdict {
            Verdict::Accept(_) => Reply::new(250, "2.1.5", "Recipient OK"),
            Verdict::UnknownAddress => {
                Reply::new(550, "5.1.1", &format!("<{address}>: no such mailbox here"))
            }
            Verdict::NotOurDomain => Reply::new(
                550,
                "5.7.1",
                &format!("<{address}>: relaying denied; this server only receives mail for its own domains"),
            ),
            Verdict::StorageFull => storage_full(),
        }
    }
}

/// Says no more than that: the quota is nobody's business outside the organization.
fn storage_full() -> Reply {
    Reply::new(452, "4.2.2", "Mailbox full; try again later")
}
