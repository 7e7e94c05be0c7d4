//! What server functions get from the server: the shared state, the request's session and
//! locale, and the cookie and status helpers that REST handlers use too.

use crate::error::AppError;
use axum::extract::ConnectInfo;
use domain::locale::Locale;
use domain::presence::PresenceHub;
use domain::store::Db;
use domain::DomainError;
use http::request::Parts;
use http::StatusCode;
use leptos::prelude::use_context;
use std::net::SocketAddr;

/// Shared server state, provided to every server function and SSR render.
#[derive(Clone)]
pub struct ServerContext {
    pub db: Db,
    pub presence: PresenceHub,
}

/// The signed-in account of this request, put in the request's extensions by the server.
#[derive(Debug, Clone)]
pub struct RequestSession {
    pub token: String,
    /// The account as the session lookup read it.
    pub account: domain::views::AccountView,
}

impl RequestSession {
    pub fn account_id(&self) -> &str {
        &self.account.id
    }
}

/// The language this request is rendered in (profile, then cookie, then Accept-Language).
#[derive(Debug, Clone, Copy)]
pub struct RequestLocale(pub Locale);

pub const SESSION_COOKIE: &str = "ksuite_session";
pub const LANGUAGE_COOKIE: &str = "ksuite_lang";

pub fn server() -> Result<ServerContext, AppError> {
    use_context::<ServerContext>().ok_or_else(|| AppError::code("internal"))
}

pub fn request_parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| AppError::code("internal"))
}

/// The session of the request, or `unauthenticated`.
pub fn session() -> Result<RequestSession, AppError> {
    request_parts()?
        .extensions
        .get::<RequestSession>()
        .cloned()
        .ok_or_else(|| DomainError::Unauthenticated.into())
}

/// The caller as a member of `org` (`not_found` for anyone else), with the shared state and the
/// profile's time zone, in which server functions read and write times.
pub async fn member_of(org: &str) -> Result<(ServerContext, domain::org::Actor, String), AppError> {
    let ctx = server()?;
    let session = session()?;
    let actor = domain::org::actor(&ctx.db, session.account_id(), org).await?;
    Ok((ctx, actor, session.account.time_zone))
}

pub fn request_locale() -> Locale {
    use_context::<Parts>()
        .and_then(|p| p.extensions.get::<RequestLocale>().copied())
        .map(|l| l.0)
        .unwrap_or_default()
}

pub fn client_addr(parts: &Parts) -> Option<String> {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| client_addr_of(*peer))
}

/// The key the login throttle counts a client under.
pub fn client_addr_of(peer: SocketAddr) -> String {
    peer.ip().to_string()
}

pub fn is_secure(parts: &Parts) -> bool {
    secure_request(&parts.headers)
}

/// Cookies get `Secure` when the request reached us over TLS (through a proxy that says so).
pub fn secure_request(headers: &http::HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

pub fn session_cookie(token: &str, secure: bool) -> String {
    let max_age = domain::auth::SESSION_LIFETIME_SECS;
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

pub fn expired_session_cookie(secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}")
}

pub fn language_cookie(locale: Locale) -> String {
    format!(
        "{LANGUAGE_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
        locale.code()
    )
}

/// The one mapping from domain errors to HTTP statuses, for REST and server functions alike.
pub fn status_of(err: &DomainError) -> StatusCode {
    match err {
        DomainError::Unauthenticated | DomainError::BadCredentials => StatusCode::UNAUTHORIZED,
        DomainError::Throttled { .. } => StatusCode::TOO_MANY_REQUESTS,
        DomainError::NotFound => StatusCode::NOT_FOUND,
        DomainError::Forbidden(_) => StatusCode::FORBIDDEN,
        DomainError::Invalid { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        DomainError::Conflict(_) | DomainError::LastLegalRepresentative => StatusCode::CONFLICT,
        DomainError::LimitExceeded { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        DomainError::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

pub fn set_cookie(value: String) {
    if let (Some(res), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&value),
    ) {
        res.append_header(http::header::SET_COOKIE, value);
    }
}
