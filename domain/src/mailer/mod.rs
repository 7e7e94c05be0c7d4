//! Outgoing mail: messages the suite writes to people (a password reset link, an address to
//! confirm, a notice), kept in a durable outbox and handed to an SMTP server by the jobs.
//!
//! With `--smtp-url` the suite submits through that server (STARTTLS and authentication as the
//! URL says). Without it, mail is not configured: nothing is queued, and the pages that would
//! send a link say so.

mod compose;
mod outbox;

pub(crate) use compose::one_line;
pub use compose::{compose, Letter};
pub use outbox::{deliver_due, enqueue, enqueue_stored, purge_sent, OUTBOX_KEEP_SECS};

use lettre::address::Envelope;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::sync::Arc;
use std::time::Duration;

/// Whether an SMTP server can be given this address: `normalize_email` lets through local parts
/// (quotes, angle brackets) that would make a misleading `To:` header.
pub fn deliverable(email: &str) -> bool {
    email.parse::<Address>().is_ok() && !email.contains(['<', '>', '"', ',', ' '])
}

/// SMTP answers to authentication: the server refused our credentials or wants TLS first, a
/// setting to fix, not a refusal of the message, so the letter waits for the fix.
const AUTHENTICATION_CODES: [&str; 4] = ["530", "534", "535", "538"];

/// How long one submission may take before it is tried again later.
const SUBMIT_TIMEOUT: Duration = Duration::from_secs(30);

/// What a service needs to write to someone: the mailer, and where the links it sends lead
/// (the server's public address).
#[derive(Clone)]
pub struct Outgoing {
    pub mailer: Mailer,
    pub base_url: String,
}

impl Outgoing {
    /// No mail configured (tests, and servers without `--smtp-url`).
    pub fn none() -> Outgoing {
        Outgoing {
            mailer: Mailer::none(),
            base_url: String::new(),
        }
    }
}

#[derive(Clone)]
pub struct Mailer {
    inner: Option<Arc<Smtp>>,
}

struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    /// The `From` of the suite's messages: a display name and an address.
    from: (String, String),
}

/// Why a submission did not go through, and whether trying again may help.
#[derive(Debug)]
pub struct SendError {
    pub message: String,
    /// The server refused the message for good (a 5xx answer): it is not tried again.
    pub permanent: bool,
}

impl Mailer {
    /// No mail: nothing is sent.
    pub fn none() -> Mailer {
        Mailer { inner: None }
    }

    /// Submits through the SMTP server at `url` (`smtp://host:25`, `smtp://user:pass@host:587
    /// ?tls=required`, `smtps://host:465`) as `from_name <from>`.
    pub fn smtp(url: &str, from_name: &str, from: &str) -> Result<Mailer, String> {
        from.parse::<Address>()
            .map_err(|e| format!("the sender address {from:?}: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("the SMTP URL: {e}"))?
            .timeout(Some(SUBMIT_TIMEOUT))
            .build();
        Ok(Mailer {
            inner: Some(Arc::new(Smtp {
                transport,
                from: (from_name.to_owned(), from.to_owned()),
            })),
        })
    }

    pub fn is_configured(&self) -> bool {
        self.inner.is_some()
    }

    /// The suite's `From`, when mail is configured.
    pub fn from(&self) -> Option<(&str, &str)> {
        self.inner
            .as_ref()
            .map(|smtp| (smtp.from.0.as_str(), smtp.from.1.as_str()))
    }

    async fn submit(&self, sender: &str, recipient: &str, message: &[u8]) -> Result<(), SendError> {
        let Some(smtp) = &self.inner else {
            return Err(SendError {
                message: "mail is not configured".into(),
                permanent: false,
            });
        };
        let address = |text: &str| {
            text.parse::<Address>().map_err(|e| SendError {
                message: format!("{text:?}: {e}"),
                permanent: true,
            })
        };
        let envelope =
            Envelope::new(Some(address(sender)?), vec![address(recipient)?]).map_err(|e| {
                SendError {
                    message: e.to_string(),
                    permanent: true,
                }
            })?;
        smtp.transport
            .send_raw(&envelope, message)
            .await
            .map(drop)
            .map_err(|e| {
                let authentication = e
                    .status()
                    .is_some_and(|code| AUTHENTICATION_CODES.contains(&code.to_string().as_str()));
                SendError {
                    permanent: e.is_permanent() && !authentication,
                    message: e.to_string(),
                }
            })
    }
}
