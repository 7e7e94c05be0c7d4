//! A message's HTML through the sanitiser the reading pane shows it with. Whatever the bytes,
//! it returns, and nothing it keeps runs a script or loads a remote image before they are
//! asked for.
#![no_main]

use domain::mail::sanitize::sanitize;
use libfuzzer_sys::fuzz_target;
use std::collections::HashMap;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let out = sanitize(&html, &HashMap::new(), false).html.to_ascii_lowercase();
    for bad in ["<script", "javascript:", "<iframe", "<object", "<embed", "<form", "<base", "<meta", "<style"] {
        assert!(!out.contains(bad), "kept {bad}");
    }
});
