//! What server functions get from the server: the shared state, the request's session and
//! locale, and the cookie and status helpers that REST handlers use too.

use crate::error::AppError;
use domain::auth::client::{client_key, TrustedProxies};
use domain::locale::Locale;
use domain::store::Db;
use domain::DomainError;
use http::request::Parts;
use leptos::prelude::use_context;
use std::net::IpAddr;
use std::sync::Arc;

/// Shared server state, provided to every server function and SSR render.
#[derive(Clone)]
pub struct ServerContext {
    pub db: Db,
    /// Attached files (under the data directory's `blobs`).
    pub blobs: domain::blobs::Blobs,
    pub settings: Arc<Settings>,
    /// When each session was last used, written out by the server's jobs.
    pub activity: Arc<domain::auth::SessionActivity>,
    /// The mailer and where the links it sends lead.
    pub mail: domain::mailer::Outgoing,
}

/// How this server is deployed, as `ksuite serve` was told.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where users reach the server (`--public-url`): the origin cross-site writes are checked
    /// against; over https, the session cookie is `Secure` and `__Host-` prefixed.
    pub public_url: Option<PublicUrl>,
    /// Proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    pub trusted_proxies: TrustedProxies,
    /// Whether anyone may create an account (`--no-signup` turns it off).
    pub sign_up: bool,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            public_url: None,
            trusted_proxies: TrustedProxies::default(),
            sign_up: true,
        }
    }
}

impl Settings {
    fn https(&self) -> bool {
        self.public_url.as_ref().is_some_and(|u| u.https)
    }

    /// The session cookie's name: `__Host-` tells browsers to take it only over https, for
    /// this host and path `/`, so no subdomain can plant or shadow it.
    pub fn session_cookie_name(&self) -> &'static str {
        if self.https() {
            "__Host-ksuite_session"
        } else {
            SESSION_COOKIE
        }
    }

    /// The client a request comes from (see `domain::auth::client`).
    pub fn client_of(&self, peer: IpAddr, headers: &http::HeaderMap) -> String {
        let forwarded = joined(headers, "x-forwarded-for");
        client_key(self.trusted_proxies.client_ip(peer, Some(&forwarded)))
    }

    /// Whether the session cookie gets `Secure`: with an https public address, or when a
    /// trusted proxy says the request came over TLS.
    pub fn secure_cookies(&self, peer: Option<IpAddr>, headers: &http::HeaderMap) -> bool {
        // The nearest proxy's word: the last value, whatever the others say.
        let proxied_tls = || {
            peer.is_some_and(|p| self.trusted_proxies.trusts(p))
                && joined(headers, "x-forwarded-proto")
                    .rsplit(',')
                    .next()
                    .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"))
        };
        self.https() || proxied_tls()
    }
}

/// Every line of a list header, in order, as one list: a proxy may add its own line after one
/// the client wrote.
fn joined(headers: &http::HeaderMap, name: &str) -> String {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",")
}

/// The server's public origin: `https://suite.example.org` (a scheme, a host, maybe a port).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl {
    pub origin: String,
    pub https: bool,
}

impl std::str::FromStr for PublicUrl {
    type Err = String;

    fn from_str(url: &str) -> Result<PublicUrl, String> {
        let url = url.trim().trim_end_matches('/');
        let (scheme, rest) = url
            .split_once("://")
            .ok_or_else(|| format!("{url}: give the scheme, e.g. https://suite.example.org"))?;
        let https = match scheme.to_ascii_lowercase().as_str() {
            "https" => true,
            "http" => false,
            _ => return Err(format!("{url}: the scheme is http or https")),
        };
        let fine = |c: char| c.is_ascii_alphanumeric() || ".-:[]".contains(c);
        if rest.is_empty() || !rest.chars().all(fine) {
            return Err(format!("{url}: only a host and a port, without a path"));
        }
        // Browsers leave the default port out of `Origin`.
        let host = rest.to_ascii_lowercase();
        let default_port = if https { ":443" } else { ":80" };
        let host = host.strip_suffix(default_port).unwrap_or(&host);
        Ok(PublicUrl {
            origin: format!("{}://{host}", if https { "https" } else { "http" }),
            https,
        })
    }
}

/// The signed-in account of this request, put in the request's extensions by the server.
#[derive(Debug, Clone)]
pub struct RequestSession {
    pub token: String,
    /// The session's public id (see `domain::auth::list_sessions`).
    pub session_id: String,
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

/// Who sent the request, as the server's middleware read it from the connection and the
/// trusted proxies' headers.
#[derive(Debug, Clone)]
pub struct RequestClient {
    /// What the throttles count it under (see `domain::auth::client`).
    pub key: String,
    /// Whether its session cookie gets `Secure` (see `Settings::secure_cookies`).
    pub secure: bool,
    /// Its `User-Agent`, to name the device of a session it opens.
    pub user_agent: String,
}

impl RequestClient {
    pub fn device(&self) -> domain::auth::Device<'_> {
        domain::auth::Device {
            client: &self.key,
            user_agent: &self.user_agent,
        }
    }
}

/// The client of this server function's request.
pub fn request_client(parts: &Parts) -> Result<RequestClient, AppError> {
    parts
        .extensions
        .get::<RequestClient>()
        .cloned()
        .ok_or_else(|| AppError::code("internal"))
}

/// The `Set-Cookie` value of a new session.
pub fn session_cookie(settings: &Settings, secure: bool, token: &str) -> String {
    let max_age = domain::auth::SESSION_LIFETIME_SECS;
    cookie_line(settings, secure, token, max_age)
}

/// The `Set-Cookie` value that ends the session in the browser.
pub fn expired_session_cookie(settings: &Settings, secure: bool) -> String {
    cookie_line(settings, secure, "", 0)
}

fn cookie_line(settings: &Settings, secure: bool, value: &str, max_age: i64) -> String {
    let name = settings.session_cookie_name();
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}")
}

pub fn language_cookie(locale: Locale) -> String {
    format!(
        "{LANGUAGE_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
        locale.code()
    )
}

pub fn set_cookie(value: String) {
    if let (Some(res), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&value),
    ) {
        res.append_header(http::header::SET_COOKIE, value);
    }
}
