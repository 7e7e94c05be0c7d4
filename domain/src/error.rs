use serde::{Deserialize, Serialize};

/// What a limit counts. The UI names it in the member's language (`limit_{code}`), the REST
/// API in English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitKind {
    /// The size of an imported file, in megabytes.
    FileMegabytes,
    /// The components (events, tasks) of an imported calendar file.
    FileItems,
    /// The lines (cards or rows) of an imported contacts file.
    FileLines,
    Calendars,
    Teams,
    AddressBooks,
    /// The contacts changed at once (copied, moved, deleted).
    Selection,
    /// The size of a contact's photo, in kilobytes.
    PhotoKilobytes,
    /// Components inside components in an imported file.
    NestingDepth,
    /// Components at every depth of an imported file (alarms, time zone rules...).
    FileComponents,
    /// One line of an imported file (or one CSV row), in kilobytes.
    LineKilobytes,
    /// The columns of an imported CSV file.
    FileColumns,
    /// The body of a request (a form, a server function's arguments), in kilobytes.
    RequestKilobytes,
    /// The columns of an imported CSV file kept as fields of the member's own.
    CustomColumns,
    /// The size of one attached file, in megabytes.
    AttachmentMegabytes,
    /// The files attached to one event.
    Attachments,
    /// What an organization's files may take in all, in megabytes.
    StorageMegabytes,
    /// The mailboxes one member owns in an organization.
    Mailboxes,
    /// The addresses (primary and aliases) of one mailbox.
    MailAddresses,
    /// The folders of one mailbox.
    Folders,
    /// Folders inside folders.
    FolderDepth,
    /// The size of one message, in megabytes.
    MessageMegabytes,
    /// The messages one action changes at once.
    MailSelection,
    /// The recipients of one message, To, Cc and Bcc together.
    Recipients,
    /// The files attached to one message.
    MessageFiles,
    /// The files one member has attached to messages not sent yet.
    WaitingFiles,
}

crate::codes!(LimitKind {
    FileMegabytes => "file_megabytes",
    FileItems => "file_items",
    FileLines => "file_lines",
    Calendars => "calendars",
    Teams => "teams",
    AddressBooks => "address_books",
    Selection => "selection",
    PhotoKilobytes => "photo_kilobytes",
    NestingDepth => "nesting_depth",
    FileComponents => "file_components",
    LineKilobytes => "line_kilobytes",
    FileColumns => "file_columns",
    RequestKilobytes => "request_kilobytes",
    CustomColumns => "custom_columns",
    AttachmentMegabytes => "attachment_megabytes",
    Attachments => "attachments",
    StorageMegabytes => "storage_megabytes",
    Mailboxes => "mailboxes",
    MailAddresses => "mail_addresses",
    Folders => "folders",
    FolderDepth => "folder_depth",
    MessageMegabytes => "message_megabytes",
    MailSelection => "mail_selection",
    Recipients => "recipients",
    MessageFiles => "message_files",
    WaitingFiles => "waiting_files",
});

impl LimitKind {
    /// The limit in English: "10 MB", "10,000 components", "1 address book".
    pub fn describe(self, max: u64) -> String {
        let n = grouped(max);
        let plural = if max == 1 { "" } else { "s" };
        match self {
            LimitKind::FileMegabytes
            | LimitKind::AttachmentMegabytes
            | LimitKind::MessageMegabytes => format!("{n} MB"),
            LimitKind::StorageMegabytes => format!("{n} MB of storage"),
            LimitKind::Attachments => format!("{n} attached file{plural}"),
            LimitKind::FileItems => format!("{n} component{plural}"),
            LimitKind::FileLines => format!("{n} line{plural}"),
            LimitKind::Calendars => format!("{n} calendar{plural}"),
            LimitKind::Teams => format!("{n} team{plural}"),
            LimitKind::AddressBooks => format!("{n} address book{plural}"),
            LimitKind::Selection => format!("{n} selected contact{plural}"),
            LimitKind::PhotoKilobytes | LimitKind::LineKilobytes | LimitKind::RequestKilobytes => {
                format!("{n} KB")
            }
            LimitKind::NestingDepth => format!("{n} nested level{plural}"),
            LimitKind::FileComponents => format!("{n} component{plural} at any depth"),
            LimitKind::FileColumns => format!("{n} column{plural}"),
            LimitKind::CustomColumns => format!("{n} custom field{plural}"),
            LimitKind::Mailboxes => format!("{n} mailbox{}", if max == 1 { "" } else { "es" }),
            LimitKind::MailAddresses => format!("{n} address{}", if max == 1 { "" } else { "es" }),
            LimitKind::Folders => format!("{n} folder{plural}"),
            LimitKind::MailSelection => format!("{n} selected message{plural}"),
            LimitKind::Recipients => format!("{n} recipient{plural}"),
            LimitKind::MessageFiles => format!("{n} attached file{plural}"),
            LimitKind::WaitingFiles => format!("{n} file{plural} attached to messages not sent"),
            LimitKind::FolderDepth => format!("{n} nested folder level{plural}"),
        }
    }
}

/// A number with its thousands grouped by `,`: 10000 → "10,000".
pub fn grouped(n: u64) -> String {
    grouped_with(n, ',')
}

/// A number with its thousands grouped by `sep`.
pub fn grouped_with(n: u64, sep: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(d);
    }
    out
}

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
    /// `reason` has a stable code ("email_taken", "title_required") that the UI translates.
    #[error("invalid {field}: {}", reason.code())]
    Invalid {
        field: String,
        reason: crate::reason::Reason,
    },
    #[error("already exists: {0}")]
    Conflict(String),
    #[error("the last legal representative cannot be removed or demoted")]
    LastLegalRepresentative,
    /// A size or count limit: what it counts and the most allowed.
    #[error("over the limit of {}", kind.describe(*max))]
    LimitExceeded { kind: LimitKind, max: u64 },
    #[error("internal error")]
    Internal,
}

impl DomainError {
    pub fn invalid(field: &str, reason: crate::reason::Reason) -> Self {
        DomainError::Invalid {
            field: field.to_owned(),
            reason,
        }
    }

    pub fn limit(kind: LimitKind, max: u64) -> Self {
        DomainError::LimitExceeded { kind, max }
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

/// What a client is told about a refused request: the one body of an error, the same over REST
/// (inside `{"error": …}`) and from server functions.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{code}")]
pub struct ErrorReport {
    /// Stable machine-readable code: a domain error's (`not_found`, `bad_credentials`,
    /// `throttled`), the reason of an invalid field (`password_too_short`), or the transport's
    /// (`bad_request`, `network`).
    pub code: String,
    /// What went wrong, in English; the UI shows its own text for the code instead.
    #[serde(default)]
    pub message: String,
    /// For an invalid field: the field at fault.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// For `throttled`: seconds to wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
    /// For `limit_exceeded`: what the limit counts (`file_megabytes`, `address_books`...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<String>,
    /// For `limit_exceeded`: the most allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
}

impl ErrorReport {
    /// A report with a code and nothing else, for what the domain does not know of (the
    /// network, a malformed request).
    pub fn code(code: &str) -> ErrorReport {
        ErrorReport {
            code: code.to_owned(),
            message: String::new(),
            field: None,
            retry_after: None,
            limit: None,
            max: None,
        }
    }
}

impl From<&DomainError> for ErrorReport {
    fn from(err: &DomainError) -> Self {
        let code = match err {
            DomainError::Invalid { reason, .. } => reason.code(),
            other => other.code(),
        };
        let mut report = ErrorReport {
            message: err.to_string(),
            ..ErrorReport::code(code)
        };
        match err {
            DomainError::Invalid { field, .. } => report.field = Some(field.clone()),
            DomainError::Throttled { retry_after_secs } => {
                report.retry_after = Some(*retry_after_secs)
            }
            DomainError::LimitExceeded { kind, max } => {
                report.limit = Some(kind.code().to_owned());
                report.max = Some(*max);
            }
            _ => {}
        }
        report
    }
}

#[cfg(feature = "server")]
impl From<sqlx::Error> for DomainError {
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &err {
            // The database's own words name tables and columns: they stay in the log.
            if db.is_unique_violation() {
                tracing::info!(detail = %db.message(), "unique violation");
                return DomainError::Conflict("it was changed at the same time".into());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_read_naturally_in_english() {
        assert_eq!(
            DomainError::limit(LimitKind::FileItems, 10_000).to_string(),
            "over the limit of 10,000 components"
        );
        assert_eq!(LimitKind::AddressBooks.describe(1), "1 address book");
        assert_eq!(LimitKind::FileMegabytes.describe(50), "50 MB");
        assert_eq!(grouped_with(1_234_567, '.'), "1.234.567");
        assert_eq!(grouped(999), "999");
    }

    #[test]
    fn a_report_names_the_reason_and_what_it_needs() {
        let invalid = ErrorReport::from(&DomainError::invalid(
            "password",
            crate::reason::Reason::PasswordTooShort,
        ));
        assert_eq!(invalid.code, "password_too_short");
        assert_eq!(invalid.field.as_deref(), Some("password"));
        let limit = ErrorReport::from(&DomainError::limit(LimitKind::Calendars, 50));
        assert_eq!(
            (limit.code.as_str(), limit.limit.as_deref(), limit.max),
            ("limit_exceeded", Some("calendars"), Some(50))
        );
        let wire = serde_json::to_value(ErrorReport::from(&DomainError::Throttled {
            retry_after_secs: 9,
        }));
        assert_eq!(
            wire.ok(),
            Some(serde_json::json!({"code": "throttled", "retry_after": 9,
                "message": "too many attempts: try again in 9 s"}))
        );
    }
}
