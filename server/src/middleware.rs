//! Request middleware: who is signed in (and in which language to answer), and the refusal of
//! cross-site writes.

use crate::api::ApiError;
use crate::state::AppState;
use app::context::{RequestLocale, RequestSession, LANGUAGE_COOKIE, SESSION_COOKIE};
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use domain::locale::Locale;
use domain::DomainError;
use http::{header, HeaderMap, Method};

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
    let mut locale = None;
    if let Some(token) = cookie(req.headers(), SESSION_COOKIE) {
        match domain::auth::session_account(&state.ctx.db, &token, domain::clock::now()).await {
            Ok(Some(account)) => {
                locale = Some(account.locale);
                req.extensions_mut()
                    .insert(RequestSession { token, account });
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

/// CSRF defence: a write whose `Origin` is not this host is refused. Browsers send `Origin` on
/// every cross-origin POST/PUT/PATCH/DELETE; clients that send none (scripts) carry no ambient
/// cookies from another site, so they are let through.
pub async fn same_origin_writes(req: Request, next: Next) -> Response {
    let safe = matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !is_same_origin(req.headers()) {
        return ApiError::from(DomainError::forbidden("cross-origin write refused"))
            .into_response();
    }
    next.run(req).await
}

fn is_same_origin(headers: &HeaderMap) -> bool {
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match headers.get(header::ORIGIN).map(|v| v.to_str()) {
        Some(Ok(origin)) => {
            let origin_host = origin
                .split_once("://")
                .map(|(_, rest)| rest.trim_end_matches('/'));
            origin_host.is_some() && origin_host == host
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
    fn origin_must_match_host() {
        assert!(is_same_origin(&headers(&[
            ("host", "a.ch:3000"),
            ("origin", "http://a.ch:3000")
        ])));
        assert!(!is_same_origin(&headers(&[
            ("host", "a.ch:3000"),
            ("origin", "http://evil.ch")
        ])));
        assert!(!is_same_origin(&headers(&[
            ("host", "a.ch"),
            ("origin", "null")
        ])));
        assert!(is_same_origin(&headers(&[("host", "a.ch")])));
        assert!(!is_same_origin(&headers(&[
            ("host", "a.ch"),
            ("sec-fetch-site", "cross-site")
        ])));
    }

    #[test]
    fn reads_cookies_among_others() {
        let h = headers(&[("cookie", "a=1; ksuite_session=tok; ksuite_lang=de")]);
        assert_eq!(cookie(&h, SESSION_COOKIE).as_deref(), Some("tok"));
        assert_eq!(cookie(&h, LANGUAGE_COOKIE).as_deref(), Some("de"));
        assert_eq!(cookie(&h, "missing"), None);
    }
}
