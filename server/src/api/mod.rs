//! The REST API under `/api/v1`: JSON in and out, errors as `{"error":{"code","message"}}`,
//! described at `/api/v1/openapi.json`. Each handler parses, calls the domain, maps the error.

mod attachments;
mod auth;
mod calendar;
mod contacts;
mod events;
mod mail;
mod orgs;
mod teams;

use crate::state::AppState;
use app::context::RequestSession;
use app::error::status_of;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::DefaultBodyLimit;
use axum::extract::{FromRequest, FromRequestParts, Path};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::{Json, Router};
use domain::collections::{self, Held};
use domain::DomainError;
use http::request::Parts;
use http::StatusCode;
use serde::Serialize;
use std::collections::HashMap;
use std::marker::PhantomData;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use attachments::{UPLOADS_AT_ONCE, UPLOAD_TIMEOUT};

/// The API's routes, each declared once with its description (`utoipa-axum`): the routes
/// served and the document at `/api/v1/openapi.json` cannot disagree, and the tests iterate the
/// same list. The live event stream comes apart, outside the time and concurrency limits.
pub struct Api {
    pub bounded: Router<AppState>,
    pub live: Router<AppState>,
    /// Uploads of files, streamed: their own time limit, no body limit but the domain's.
    pub uploads: Router<AppState>,
    pub document: utoipa::openapi::OpenApi,
}

/// The API, where a body may take `body_bytes` unless its route sets a larger limit.
pub fn api(body_bytes: usize) -> Api {
    let (live, live_doc) = OpenApiRouter::new()
        .routes(routes!(events::stream))
        .split_for_parts();
    let (uploads, uploads_doc) = OpenApiRouter::new()
        .routes(routes!(attachments::upload, attachments::list))
        .routes(routes!(attachments::mail_upload))
        .split_for_parts();
    let imports =
        |limit: usize, routes: OpenApiRouter<AppState>| routes.layer(DefaultBodyLimit::max(limit));
    let calendar_imports = imports(
        calendar::IMPORT_BODY_LIMIT,
        OpenApiRouter::new()
            .routes(routes!(calendar::import))
            .routes(routes!(calendar::import_new)),
    );
    let contact_imports = imports(
        contacts::IMPORT_BODY_LIMIT,
        OpenApiRouter::new()
            .routes(routes!(contacts::import))
            .routes(routes!(contacts::import_new)),
    );
    let preview = imports(
        contacts::PREVIEW_BODY_LIMIT,
        OpenApiRouter::new().routes(routes!(contacts::csv_preview)),
    );
    let mail_appends = imports(
        mail::MESSAGE_BODY_LIMIT,
        OpenApiRouter::new().routes(routes!(mail::append)),
    );
    let (bounded, mut document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(auth::sign_up))
        .routes(routes!(auth::log_in))
        .routes(routes!(auth::log_out))
        .routes(routes!(auth::me))
        .routes(routes!(auth::sessions, auth::end_other_sessions))
        .routes(routes!(auth::end_session))
        .routes(routes!(auth::change_password))
        .routes(routes!(auth::request_password_reset))
        .routes(routes!(auth::reset_password))
        .routes(routes!(auth::confirm_email))
        .routes(routes!(auth::resend_verification))
        .routes(routes!(auth::change_email))
        .routes(routes!(orgs::list))
        .routes(routes!(orgs::show))
        .routes(routes!(orgs::members))
        .routes(routes!(orgs::change_role, orgs::remove_member))
        .routes(routes!(teams::list, teams::create))
        .routes(routes!(teams::rename, teams::delete))
        .routes(routes!(teams::add_member, teams::remove_member))
        .routes(routes!(calendar::list, calendar::create))
        .routes(routes!(calendar::events, calendar::create_event))
        .routes(routes!(calendar::update_event, calendar::delete_event))
        .routes(routes!(calendar::export))
        .routes(routes!(calendar::share))
        .routes(routes!(calendar::public_link))
        .routes(routes!(calendar::public_feed))
        .routes(routes!(contacts::list_books, contacts::create_book))
        .routes(routes!(contacts::list_contacts, contacts::create_contact))
        .routes(routes!(
            contacts::get_contact,
            contacts::update_contact,
            contacts::delete_contact
        ))
        .routes(routes!(contacts::share_book))
        .routes(routes!(contacts::export))
        .routes(routes!(attachments::download, attachments::remove))
        .routes(routes!(attachments::storage))
        .routes(routes!(mail::mailboxes))
        .routes(routes!(mail::folders, mail::create_folder))
        .routes(routes!(mail::change_folder, mail::delete_folder))
        .routes(routes!(mail::messages))
        .routes(routes!(mail::message))
        .routes(routes!(mail::raw))
        .routes(routes!(mail::body))
        .routes(routes!(mail::part))
        .routes(routes!(mail::flags))
        .routes(routes!(mail::move_messages))
        .routes(routes!(mail::trash))
        .routes(routes!(mail::restore))
        .routes(routes!(mail::destroy))
        .routes(routes!(mail::empty_trash))
        .routes(routes!(mail::share))
        .routes(routes!(mail::mail_domains, mail::add_mail_domain))
        .routes(routes!(mail::remove_mail_domain))
        .routes(routes!(mail::set_address))
        .routes(routes!(mail::add_alias))
        .routes(routes!(mail::remove_alias))
        .layer(DefaultBodyLimit::max(body_bytes))
        .merge(calendar_imports)
        .merge(contact_imports)
        .merge(preview)
        .merge(mail_appends)
        .split_for_parts();
    document.merge(live_doc);
    document.merge(uploads_doc);
    document_common_answers(&mut document);
    let served = Json(document.clone());
    let bounded = bounded
        .route(
            "/api/v1/openapi.json",
            get(move || std::future::ready(served.clone())),
        )
        .route(
            "/api/v1/{*rest}",
            any(|| async { ApiError::from(DomainError::NotFound) }),
        );
    Api {
        bounded,
        live,
        uploads,
        document,
    }
}

/// Adds to every operation the answers any of them may give besides its own: 400 when a
/// parameter or the body cannot be read, 401 without a session (unless it is open to anyone),
/// 404 for an id nobody may see, and for a body, 413 over its limit, 415 of another type and
/// 422 when it reads but is not valid.
fn document_common_answers(doc: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let answer = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build()
    };
    let open = |op: &utoipa::openapi::path::Operation| {
        op.security
            .as_ref()
            .is_some_and(|reqs| reqs.iter().all(|r| *r == Default::default()))
    };
    for (path, item) in doc.paths.paths.iter_mut() {
        let ops = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for op in ops.into_iter().flatten() {
            let (secured, has_body) = (!open(op), op.request_body.is_some());
            let mut add = |status: &str, description: &str| {
                op.responses
                    .responses
                    .entry(status.to_owned())
                    .or_insert_with(|| answer(description).into());
            };
            add("400", "A parameter or the body cannot be read");
            if path.contains('{') {
                add("404", "Not found, or not visible to the caller");
            }
            if has_body {
                add("413", "The body is over the route's limit");
                add("415", "The body is not of the type the route reads");
                add("422", "The body reads, but is not valid");
            }
            if secured {
                add("401", "No session");
            }
        }
    }
}

/// The document, with the session cookie as the API's authentication: every operation needs it
/// but those that say `security(())`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "kSuite API",
        description = "The workspace's REST API. Authenticate with the session cookie from /api/v1/auth/login."
    ),
    modifiers(&SessionCookie),
    security(("session" = [])),
    components(schemas(
        ErrorBody,
        domain::ErrorReport,
        domain::calendar::Scope,
        contacts::ExportFormat
    ))
)]
struct ApiDoc;

struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new("ksuite_session"))),
        );
    }
}

/// A route's `{id}` with the caller acting on it as a member of its organization: the one way
/// a route that names a collection, or what it holds, by id alone finds its actor. Another
/// organization's ids are 404 before the handler runs; each service then checks the rights.
pub struct On<K> {
    pub actor: domain::org::Actor,
    pub id: String,
    kind: PhantomData<K>,
}

/// What kind of thing a route's `{id}` names.
pub trait Named {
    const HELD: Held;
}

macro_rules! named {
    ($($name:ident => $held:ident),* $(,)?) => {
        $(
            pub struct $name;
            impl Named for $name {
                const HELD: Held = Held::$held;
            }
        )*
    };
}

named! {
    CalendarId => Calendar,
    EventId => CalendarObject,
    BookId => AddressBook,
    ContactId => Contact,
    AttachmentId => Attachment,
    MailboxId => MailAccount,
    MailFolderId => MailFolder,
    MessageId => MailMessage,
}

impl<K: Named> FromRequestParts<AppState> for On<K> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Authed(session) = Authed::from_request_parts(parts, state).await?;
        let Path(id) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::Domain(DomainError::NotFound))?;
        let actor =
            collections::actor_on(&state.ctx.db, session.account_id(), K::HELD, &id).await?;
        Ok(On {
            actor,
            id,
            kind: PhantomData,
        })
    }
}

/// The caller acting as a member of the route's `{org}`: how a route that acts in an
/// organization finds its actor. Not a member: 404 before the handler runs (and before any
/// body is read).
pub struct InOrg(pub domain::org::Actor);

impl FromRequestParts<AppState> for InOrg {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let Authed(session) = Authed::from_request_parts(parts, state).await?;
        let Path(params) = Path::<HashMap<String, String>>::from_request_parts(parts, state)
            .await
            .map_err(|_| ApiError::Domain(DomainError::NotFound))?;
        let org = params.get("org").ok_or(DomainError::NotFound)?;
        let actor = domain::org::actor(&state.ctx.db, session.account_id(), org).await?;
        Ok(InOrg(actor))
    }
}

/// How a download is named: shown in place or saved, with an ASCII name for old clients and
/// the exact one in UTF-8 (RFC 6266, RFC 8187).
fn content_disposition(inline: bool, name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    let kind = if inline { "inline" } else { "attachment" };
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
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
                content_disposition(false, &format!("{file}.{ext}")),
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
    error: domain::ErrorReport,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, detail) = match self {
            ApiError::Domain(err) => (status_of(&err), domain::ErrorReport::from(&err)),
            ApiError::BadRequest { status, message } => (
                status,
                domain::ErrorReport {
                    message,
                    ..domain::ErrorReport::code("bad_request")
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

/// Query parameters whose parse errors come out in the API's error format.
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(ApiError))]
pub struct ApiQuery<T>(pub T);

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        ApiError::BadRequest {
            status: rejection.status(),
            message: rejection.body_text(),
        }
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

#[cfg(test)]
mod tests {
    use super::content_disposition;

    #[test]
    fn a_download_keeps_its_name_in_utf8_and_cannot_break_the_header() {
        assert_eq!(
            content_disposition(false, "Plan d'été \"v2\".pdf"),
            "attachment; filename=\"Plan_d'_t___v2_.pdf\"; filename*=UTF-8''Plan%20d%27%C3%A9t%C3%A9%20%22v2%22.pdf"
        );
        assert_eq!(
            content_disposition(true, "a;b\r\n.png"),
            "inline; filename=\"a;b__.png\"; filename*=UTF-8''a%3Bb%0D%0A.png"
        );
    }
}
