use serde::{Deserialize, Serialize};

/// What went wrong, as the domain sees it. Every layer above maps this once: to an HTTP status
/// for REST, to a translated message in the UI. `code()` is the stable machine-readable name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum DomainError {
    #[error("not signed in")]
    Unauthenticated,
    #[error("wrong e-mail or password")]
    BadCredentials,
    #[error("too many attempts: try again in {retry_after_secs} s")]
    Throttled { retry_after_secs: u64 },
    #[error("not found")]
    NotFound,
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// `reason` is a stable code ("email_taken", "title_required") that the UI translates.
    #[error("invalid {field}: {reason}")]
    Invalid { field: String, reason: String },
    #[error("already exists: {0}")]
    Conflict(String),
    #[error("the last legal representative cannot be removed or demoted")]
    LastLegalRepresentative,
    /// A size or count limit; `limit` names it ("10 MB", "10,000 components").
    #[error("over the limit of {limit}")]
    LimitExceeded { limit: String },
    #[error("internal error")]
    Internal,
}

impl DomainError {
    pub fn invalid(field: &str, reason: impl Into<String>) -> Self {
        DomainError::Invalid {
            field: field.to_owned(),
            reason: reason.into(),
        }
    }

    pub fn limit(limit: impl Into<String>) -> Self {
        DomainError::LimitExceeded {
            limit: limit.into(),
        }
    }

    pub fn forbidden(reason: impl Into<String>) -> Self {
        DomainError::Forbidden(reason.into())
    }

    /// Stable identifier used in API error bodies and to pick the translated message.
    pub fn code(&self) -> &'static str {
        match self {
            DomainError::Unauthenticated => "unauthenticated",
            DomainError::BadCredentials => "bad_credentials",
            DomainError::Throttled { .. } => "throttled",
            DomainError::NotFound => "not_found",
            DomainError::Forbidden(_) => "forbidden",
            DomainError::Invalid { .. } => "invalid",
            DomainError::Conflict(_) => "conflict",
            DomainError::LastLegalRepresentative => "last_legal_representative",
            DomainError::LimitExceeded { .. } => "limit_exceeded",
            DomainError::Internal => "internal",
        }
    }
}

#[cfg(feature = "server")]
impl From<sqlx::Error> for DomainError {
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &err {
            if db.is_unique_violation() {
                return DomainError::Conflict(db.message().to_owned());
            }
        }
        tracing::error!(error = %err, "database error");
        DomainError::Internal
    }
}

#[cfg(feature = "server")]
impl From<sqlx::migrate::MigrateError> for DomainError {
    fn from(err: sqlx::migrate::MigrateError) -> Self {
        tracing::error!(error = %err, "migration error");
        DomainError::Internal
    }
}

pub type DomainResult<T> = Result<T, DomainError>;
