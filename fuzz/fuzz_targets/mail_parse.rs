//! A message as the SMTP listener or an import receives it, through the read that indexes it:
//! headers, thread ids, people, snippet, attachments, search text. Whatever the bytes, it
//! returns, within its caps.
#![no_main]

use domain::mail::parse::{self, MAX_ATTACHMENTS, MAX_REFERENCES, MAX_SEARCH_TEXT};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = parse::parse(data) {
        assert!(parsed.attachments.len() <= MAX_ATTACHMENTS);
        assert!(parsed.references.len() <= MAX_REFERENCES);
        assert!(parsed.search_text.len() <= MAX_SEARCH_TEXT + 1024 * MAX_ATTACHMENTS);
    }
});
