//! The checks every imported text file goes through before it is parsed: its size, its encoding
//! and that it is the kind of file the import reads.

use crate::error::{DomainError, DomainResult, LimitKind};
use crate::reason::Reason;

/// What an import expects.
pub struct Expected<'a> {
    pub max_bytes: usize,
    /// The first line such a file starts with ("BEGIN:VCARD"), compared without case.
    pub begins_with: &'a str,
    /// The reason given for any other file.
    pub wrong_kind: crate::reason::Reason,
}

/// The refusal of a file over `max_bytes`, naming the limit in megabytes.
pub fn too_large(max_bytes: usize) -> DomainError {
    DomainError::limit(LimitKind::FileMegabytes, (max_bytes >> 20) as u64)
}

/// The file's text without a byte-order mark, or why the whole file is refused.
pub fn text_of<'a>(bytes: &'a [u8], expected: &Expected<'_>) -> DomainResult<&'a str> {
    if bytes.len() > expected.max_bytes {
        return Err(too_large(expected.max_bytes));
    }
    let text = std::str::from_utf8(bytes)
        .map_err(|_| DomainError::invalid("file", Reason::FileNotUtf8))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let head = text.trim_start().get(..expected.begins_with.len());
    if !head.is_some_and(|h| h.eq_ignore_ascii_case(expected.begins_with)) {
        return Err(DomainError::invalid("file", expected.wrong_kind));
    }
    Ok(text)
}
