//! What one request may take: a body of bounded size (the import routes set their own, larger),
//! a bounded time, and a place among a bounded number served at once. Each request leaves one
//! line in the access log.

use crate::api::ApiError;
use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::{DomainError, LimitKind};
use http::header::CONTENT_LENGTH;
use std::time::Duration;
use tower_http::trace::{DefaultOnResponse, MakeSpan, TraceLayer};
use tracing::{Level, Span};

/// A body a form or a server function sends: a contact with its photo (512 KB, 683 KB in
/// base64) fits.
pub const BODY_BYTES: usize = 1 << 20;

/// Longer than the slowest import of the largest file allowed, on a slow disk.
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// Requests served at once; more wait their turn (within the timeout).
pub const CONCURRENT: usize = 1024;

/// The refusal of a body over `max` bytes, naming the limit.
pub fn too_large(max: usize) -> ApiError {
    ApiError::from(DomainError::limit(
        LimitKind::RequestKilobytes,
        (max / 1024) as u64,
    ))
}

/// Refuses a body over `BODY_BYTES` with the API's error naming the limit: at once when it says
/// its length, else once that much has come. What passes is handed on whole (a form or a
/// server function's arguments: small).
pub async fn bounded_body(req: Request, next: Next) -> Response {
    let declared = req
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_BYTES as u64) {
        return too_large(BODY_BYTES).into_response();
    }
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, BODY_BYTES).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => too_large(BODY_BYTES).into_response(),
    }
}

/// One line per request at INFO: method, path, status and time. A public feed's path is its
/// secret, so feeds are logged without it.
pub fn access_log() -> TraceLayer<
    tower_http::classify::SharedClassifier<tower_http::classify::ServerErrorsAsFailures>,
    RequestSpan,
    (),
    DefaultOnResponse,
> {
    TraceLayer::new_for_http()
        .make_span_with(RequestSpan)
        .on_request(())
        .on_response(DefaultOnResponse::new().level(Level::INFO))
}

#[derive(Clone, Copy)]
pub struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, req: &http::Request<B>) -> Span {
        let path = req.uri().path();
        let shown = if path.starts_with("/ical/") {
            "/ical/…"
        } else {
            path
        };
        tracing::info_span!("request", method = %req.method(), path = %shown)
    }
}
