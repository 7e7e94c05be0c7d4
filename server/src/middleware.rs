//! Request middleware: who is signed in (and in which language to answer), and the refusal of
//! cross-site writes.

use crate::api::ApiError;
use crate::state::AppState;
use app::context::{RequestClient, RequestLocale, RequestSession, LANGUAGE_COOKIE};
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::locale::Locale;
use domain::DomainError;
use http::{header, HeaderMap, Method};
use std::net::SocketAddr;

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// Resolves the session cookie to `RequestSession` and picks the request's language: the
/// profile's, else the language cookie, else Accept-Language.
pub async fn session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let settings = &state.ctx.settings;
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(peer)| peer.ip());
    if let Some(peer) = peer {
        let user_agent = req
            .headers()
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned();
        let client = RequestClient {
            key: settings.client_of(peer, req.headers()),
            secure: settings.secure_cookies(Some(peer), req.headers()),
            user_agent,
        };
        req.extensions_mut().insert(client);
    }
    let mut locale = None;
    if let Some(token) = cookie(req.headers(), settings.session_cookie_name()) {
        let now = domain::clock::now();
        match domain::auth::session_account(&state.ctx.db, &token, now).await {
            Ok(Some(signed_in)) => {
                state.ctx.activity.seen(&signed_in.session_id, now);
                locale = Some(signed_in.account.locale);
                req.extensions_mut().insert(RequestSession {
                    token,
                    session_id: signed_in.session_id,
                    account: signed_in.account,
                });
            }
            Ok(None) => {}
            Err(err) => return ApiError::from(err).into_response(),
        }
    }
    let locale = locale
        .or_else(|| cookie(req.headers(), LANGUAGE_COOKIE).and_then(|c| Locale::from_code(&c)))
        .unwrap_or_else(|| {
            let accept = req
                .headers()
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok());
            Locale::negotiate(accept.unwrap_or(""))
        });
    req.extensions_mut().insert(RequestLocale(locale));
    next.run(req).await
}

/// Space pages need a session: without one, the login page (with one that has expired, too).
pub async fn spaces_need_login(req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/s/") && req.extensions().get::<RequestSession>().is_none() {
        return axum::response::Redirect::to("/login").into_response();
    }
    next.run(req).await
}

/// CSRF defence: a write whose `Origin` is not this server's is refused. Browsers send `Origin`
/// on every cross-origin POST/PUT/PATCH/DELETE; clients that send none (scripts) carry no
/// ambient cookies from another site, so they are let through. This server's origin is the
/// public URL when one is set, else the request's own authority (the Host header, or HTTP/2's
/// `:authority`).
pub async fn same_origin_writes(
    State(state): State<AppState>,
    req: Request,
    next: Next,
) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let public = state
        .ctx
        .settings
        .public_url
        .as_ref()
        .map(|u| u.origin.as_str());
    let authority = req
        .headers()
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .or_else(|| req.uri().authority().map(|a| a.as_str()));
    if !safe && !is_same_origin(public, authority, req.headers()) {
        return ApiError::from(DomainError::forbidden("cross-origin write refused"))
            .into_response();
    }
    next.run(req).await
}

fn is_same_origin(public: Option<&str>, authority: Option<&str>, headers: &HeaderMap) -> bool {
    match headers.get(header::ORIGIN).map(|v| v.to_str()) {
        Some(Ok(origin)) => {
            let origin = origin.trim_end_matches('/');
            match public {
                Some(public) => origin.eq_ignore_ascii_case(public),
                None => {
                    let origin_host = origin.split_once("://").map(|(_, rest)| rest);
                    origin_host.is_some()
                        && origin_host.map(str::to_ascii_lowercase)
                            == authority.map(str::to_ascii_lowercase)
                }
            }
        }
        Some(Err(_)) => false,
        None => headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_none_or(|site| site != "cross-site"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (k, v) in pairs {
            map.insert(*k, v.parse().unwrap());
        }
        map
    }

    #[test]
    fn origin_must_match_the_public_url_or_the_authority() {
        let check = |public, authority, pairs: &[(&'static str, &'static str)]| {
            is_same_origin(public, authority, &headers(pairs))
        };
        assert!(check(
            None,
            Some("a.ch:3000"),
            &[("origin", "http://a.ch:3000")]
        ));
        assert!(check(None, Some("A.ch"), &[("origin", "https://a.CH")]));
        assert!(!check(
            None,
            Some("a.ch:3000"),
            &[("origin", "http://evil.ch")]
        ));
        assert!(!check(None, Some("a.ch"), &[("origin", "null")]));
        assert!(!check(None, None, &[("origin", "http://a.ch")]));
        assert!(check(None, Some("a.ch"), &[]));
        assert!(!check(
            None,
            Some("a.ch"),
            &[("sec-fetch-site", "cross-site")]
        ));
        // Behind a proxy the Host may be anything: the public URL decides, scheme included.
        let public = Some("https://suite.example.org");
        assert!(check(
            public,
            Some("127.0.0.1:3000"),
            &[("origin", "https://suite.example.org")]
        ));
        assert!(!check(
            public,
            Some("suite.example.org"),
            &[("origin", "http://suite.example.org")]
        ));
    }

    #[test]
    fn reads_cookies_among_others() {
        let h = headers(&[("cookie", "a=1; ksuite_session=tok; ksuite_lang=de")]);
        assert_eq!(cookie(&h, "ksuite_session").as_deref(), Some("tok"));
        assert_eq!(cookie(&h, LANGUAGE_COOKIE).as_deref(), Some("de"));
        assert_eq!(cookie(&h, "missing"), None);
    }
}
