//! The one error type of the UI layer: what a server function reports, mapped once from the
//! domain's error, and turned into a message in the user's language.

use crate::i18n::{I18n, Key};
use domain::ErrorReport;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// A server function's error: the domain's one error body, which REST sends too (boxed, so a
/// `Result` stays small on the happy path).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(transparent)]
#[error(transparent)]
pub struct AppError(pub Box<ErrorReport>);

impl std::ops::Deref for AppError {
    type Target = ErrorReport;

    fn deref(&self) -> &ErrorReport {
        &self.0
    }
}

impl AppError {
    pub fn code(code: &str) -> AppError {
        AppError(Box::new(ErrorReport::code(code)))
    }

    /// A limit the browser enforces before sending anything, worded as the server words it.
    pub fn limit(kind: domain::LimitKind, max: u64) -> AppError {
        let refused = domain::DomainError::limit(kind, max);
        AppError(Box::new(ErrorReport::from(&refused)))
    }

    /// The message to show, in the current language.
    pub fn message(&self, i18n: I18n) -> String {
        if let (Some(kind), Some(max)) = (&self.limit, self.max) {
            if let Some(key) = Key::from_name(&format!("limit_{kind}")) {
                let n = domain::error::grouped_with(
                    max,
                    crate::i18n::numbers::thousands_separator(i18n),
                );
                return i18n.fill(key, &[("n", &n)]);
            }
        }
        let key = Key::from_name(&format!("error_{}", self.code)).unwrap_or(Key::ErrorInternal);
        let seconds = self.retry_after.unwrap_or(0).to_string();
        i18n.fill(key, &[("n", &seconds)])
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(_) => AppError::code("network"),
            _ => AppError::code("internal"),
        }
    }
}

#[cfg(feature = "ssr")]
/// The one mapping from domain errors to HTTP statuses, for REST and server functions alike.
pub fn status_of(err: &domain::DomainError) -> http::StatusCode {
    use domain::DomainError as E;
    use http::StatusCode as S;
    match err {
        E::Unauthenticated | E::BadCredentials => S::UNAUTHORIZED,
        E::Throttled { .. } => S::TOO_MANY_REQUESTS,
        E::NotFound => S::NOT_FOUND,
        E::Forbidden(_) => S::FORBIDDEN,
        E::Invalid { .. } => S::UNPROCESSABLE_ENTITY,
        E::Conflict(_) | E::LastLegalRepresentative => S::CONFLICT,
        E::LimitExceeded { .. } => S::PAYLOAD_TOO_LARGE,
        E::Internal => S::INTERNAL_SERVER_ERROR,
    }
}

#[cfg(feature = "ssr")]
impl From<domain::DomainError> for AppError {
    fn from(err: domain::DomainError) -> Self {
        if let Some(res) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(status_of(&err));
        }
        AppError(Box::new(ErrorReport::from(&err)))
    }
}
