//! The REST API under `/api/v1`: JSON in and out, errors as `{"error":{"code","message"}}`,
//! described at `/api/v1/openapi.json`. Each handler parses, calls the domain, maps the error.

mod auth;
mod calendar;
mod contacts;
mod events;
mod orgs;
mod teams;

use crate::state::AppState;
use app::context::{status_of, RequestSession};
use axum::extract::rejection::JsonRejection;
use axum::extract::DefaultBodyLimit;
use axum::extract::{FromRequest, FromRequestParts};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, patch, post, put};
use axum::{Json, Router};
use domain::DomainError;
use http::request::Parts;
use http::StatusCode;
use serde::Serialize;
use utoipa::OpenApi;

pub fn routes() -> Router<AppState> {
    let api = Router::new()
        .route("/openapi.json", get(openapi))
        .route("/auth/signup", post(auth::sign_up))
        .route("/auth/login", post(auth::log_in))
        .route("/auth/logout", post(auth::log_out))
        .route("/me", get(auth::me))
        .route(
            "/me/sessions",
            get(auth::sessions).delete(auth::end_other_sessions),
        )
        .route("/me/sessions/{id}", delete(auth::end_session))
        .route("/me/password", put(auth::change_password))
        .route("/orgs", get(orgs::list))
        .route("/orgs/{org}", get(orgs::show))
        .route("/orgs/{org}/members", get(orgs::members))
        .route(
            "/orgs/{org}/members/{account}",
            patch(orgs::change_role).delete(orgs::remove_member),
        )
        .route("/orgs/{org}/teams", get(teams::list).post(teams::create))
        .route(
            "/orgs/{org}/teams/{team}",
            patch(teams::rename).delete(teams::delete),
        )
        .route(
            "/orgs/{org}/teams/{team}/members/{account}",
            put(teams::add_member).delete(teams::remove_member),
        )
        .route(
            "/orgs/{org}/calendars",
            get(calendar::list).post(calendar::create),
        )
        .route(
            "/calendars/{id}/events",
            get(calendar::events).post(calendar::create_event),
        )
        .route(
            "/orgs/{org}/calendars/import",
            post(calendar::import_new).layer(DefaultBodyLimit::max(calendar::IMPORT_BODY_LIMIT)),
        )
        .route(
            "/calendars/{id}/import",
            post(calendar::import).layer(DefaultBodyLimit::max(calendar::IMPORT_BODY_LIMIT)),
        )
        .route("/calendars/{id}/export", get(calendar::export))
        .route("/calendars/{id}/shares", put(calendar::share))
        .route("/calendars/{id}/public", put(calendar::public_link))
        .route(
            "/orgs/{org}/addressbooks",
            get(contacts::list_books).post(contacts::create_book),
        )
        .route(
            "/addressbooks/{id}/contacts",
            get(contacts::list_contacts).post(contacts::create_contact),
        )
        .route("/addressbooks/{id}/shares", put(contacts::share_book))
        .route(
            "/addressbooks/{id}/import",
            post(contacts::import).layer(DefaultBodyLimit::max(contacts::IMPORT_BODY_LIMIT)),
        )
        .route(
            "/orgs/{org}/addressbooks/import",
            post(contacts::import_new).layer(DefaultBodyLimit::max(contacts::IMPORT_BODY_LIMIT)),
        )
        .route("/addressbooks/{id}/export", get(contacts::export))
        .route(
            "/orgs/{org}/addressbooks/csv-preview",
            post(contacts::csv_preview).layer(DefaultBodyLimit::max(contacts::PREVIEW_BODY_LIMIT)),
        )
        .route(
            "/contacts/{id}",
            get(contacts::get_contact)
                .put(contacts::update_contact)
                .delete(contacts::delete_contact),
        )
        .route(
            "/events/{id}",
            put(calendar::update_event).delete(calendar::delete_event),
        )
        .fallback(|| async { ApiError::from(DomainError::NotFound) });
    Router::new()
        .nest("/api/v1", api)
        .route("/ical/{file}", get(calendar::public_feed))
        .layer(DefaultBodyLimit::max(crate::limits::BODY_BYTES))
}

/// The live event stream: open as long as its tab, so outside the time and concurrency limits.
pub fn live_routes() -> Router<AppState> {
    Router::new().route("/api/v1/events", get(events::stream))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kSuite API",
        description = "The workspace's REST API. Authenticate with the session cookie from /api/v1/auth/login."
    ),
    paths(
        auth::sign_up,
        auth::log_in,
        auth::log_out,
        auth::me,
        auth::sessions,
        auth::end_session,
        auth::end_other_sessions,
        auth::change_password,
        orgs::list,
        orgs::show,
        orgs::members,
        orgs::change_role,
        orgs::remove_member,
        teams::list,
        teams::create,
        teams::rename,
        teams::delete,
        teams::add_member,
        teams::remove_member,
        events::stream,
        calendar::list,
        calendar::create,
        calendar::events,
        calendar::create_event,
        calendar::update_event,
        calendar::delete_event,
        calendar::import,
        calendar::import_new,
        calendar::export,
        calendar::share,
        calendar::public_link,
        contacts::list_books,
        contacts::create_book,
        contacts::list_contacts,
        contacts::create_contact,
        contacts::get_contact,
        contacts::update_contact,
        contacts::delete_contact,
        contacts::share_book,
        contacts::import,
        contacts::import_new,
        contacts::export,
        contacts::csv_preview
    ),
    components(schemas(ErrorBody, ErrorDetail))
)]
struct ApiDoc;

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// The caller acting as a member of `org`; not a member: 404.
async fn actor_in(
    state: &AppState,
    session: &RequestSession,
    org: &str,
) -> Result<domain::org::Actor, ApiError> {
    Ok(domain::org::actor(&state.ctx.db, session.account_id(), org).await?)
}

/// A download: `text` as `{name}.{ext}`, the name reduced to characters every file system takes.
fn file_response(name: &str, ext: &str, content_type: &'static str, text: String) -> Response {
    let file: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (http::header::CONTENT_TYPE, content_type.to_owned()),
            (
                http::header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}.{ext}\""),
            ),
        ],
        text,
    )
        .into_response()
}

/// The id of what a POST created.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Created {
    id: String,
}

/// An API failure: a domain error, or a request the API could not read.
#[derive(Debug)]
pub enum ApiError {
    Domain(DomainError),
    BadRequest { status: StatusCode, message: String },
}

impl From<DomainError> for ApiError {
    fn from(err: DomainError) -> Self {
        ApiError::Domain(err)
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        ApiError::BadRequest {
            status: rejection.status(),
            message: rejection.body_text(),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    error: ErrorDetail,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable machine-readable code, e.g. `not_found`, `bad_credentials`, `throttled`.
    code: String,
    message: String,
    /// For `invalid`: the field at fault.
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<String>,
    /// For `throttled`: seconds to wait.
    #[serde(skip_serializing_if = "Option::is_none")]
    retry_after: Option<u64>,
    /// For `limit_exceeded`: what the limit counts (`file_megabytes`, `address_books`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    limit: Option<String>,
    /// For `limit_exceeded`: the most allowed.
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<u64>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, detail) = match self {
            ApiError::Domain(err) => {
                let (field, retry_after) = match &err {
                    DomainError::Invalid { field, .. } => (Some(field.clone()), None),
                    DomainError::Throttled { retry_after_secs } => (None, Some(*retry_after_secs)),
                    _ => (None, None),
                };
                let code = match &err {
                    DomainError::Invalid { reason, .. } => reason.clone(),
                    other => other.code().to_owned(),
                };
                let (limit, max) = match &err {
                    DomainError::LimitExceeded { kind, max } => {
                        (Some(kind.code().to_owned()), Some(*max))
                    }
                    _ => (None, None),
                };
                let detail = ErrorDetail {
                    code,
                    message: err.to_string(),
                    field,
                    retry_after,
                    limit,
                    max,
                };
                (status_of(&err), detail)
            }
            ApiError::BadRequest { status, message } => (
                status,
                ErrorDetail {
                    code: "bad_request".into(),
                    message,
                    field: None,
                    retry_after: None,
                    limit: None,
                    max: None,
                },
            ),
        };
        let retry_after = detail.retry_after;
        let mut response = (status, Json(ErrorBody { error: detail })).into_response();
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(http::header::RETRY_AFTER, http::HeaderValue::from(secs));
        }
        if status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                http::header::WWW_AUTHENTICATE,
                http::HeaderValue::from_static("Cookie"),
            );
        }
        response
    }
}

/// JSON body whose parse errors come out in the API's error format.
#[derive(FromRequest)]
#[from_request(via(axum::Json), rejection(ApiError))]
pub struct ApiJson<T>(pub T);

/// The signed-in account; answers 401 otherwise.
pub struct Authed(pub RequestSession);

impl<S: Send + Sync> FromRequestParts<S> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<RequestSession>()
            .cloned()
            .map(Authed)
            .ok_or(ApiError::Domain(DomainError::Unauthenticated))
    }
}
