//! The security headers of every response. Pages get a Content-Security-Policy whose script
//! source is the nonce Leptos puts on its hydration and streaming scripts, so an injected
//! `<script>` never runs; everything else gets a policy that allows nothing. Nothing personal is
//! stored by a cache unless its route says otherwise (the build's assets do).

use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use http::{HeaderName, HeaderValue};
use leptos::prelude::use_context;

/// The policy of a rendered page. Styles allow inline `style` attributes (event positions in
/// the grid); colours that reach them are checked by the domain. `blob:` images are the photo
/// being cropped, still in the browser.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; \
         font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'; worker-src 'self'; manifest-src 'self'"
    )
}

/// For anything that is not a page or a script: nothing may load, nothing may frame it.
const NOTHING: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// Inside a Leptos render: gives the page its policy with this render's nonce.
pub fn page_headers() {
    let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(policy) = HeaderValue::from_str(&page_policy(&nonce.to_string())) {
        res.insert_header(CONTENT_SECURITY_POLICY, policy);
    }
}

/// Adds what every response carries, and what a response did not set for itself.
pub async fn secure(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut res = next.run(req).await;
    let headers = res.headers_mut();
    let fixed = [
        (X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    // A route may loosen these for itself: a message's body is framed by this site's pages and
    // tells nobody where it was read.
    let defaults = [(REFERRER_POLICY, "same-origin"), (X_FRAME_OPTIONS, "DENY")];
    for (name, value) in defaults {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    if state
        .ctx
        .settings
        .public_url
        .as_ref()
        .is_some_and(|u| u.https)
    {
        headers.insert(
            STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    // A worker script's policy binds the worker: the service worker keeps the default.
    let script = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.contains("javascript"));
    if !script && !headers.contains_key(CONTENT_SECURITY_POLICY) {
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(NOTHING));
    }
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    res
}
