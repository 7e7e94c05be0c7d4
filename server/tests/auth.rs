//! Logging in and signing up as the deployment is set: parallel guesses, clients behind a
//! trusted proxy, closed sign-up, and the cookie of a server with an https public address.

mod common;

use app::context::Settings;
use common::{client, error_code, TestServer, PASSWORD};
use domain::auth::client::TrustedProxies;
use reqwest::StatusCode;
use serde_json::json;

fn behind_proxy() -> Settings {
    Settings {
        trusted_proxies: TrustedProxies::parse(&["127.0.0.1".to_owned()]).unwrap(),
        ..Settings::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn fifty_parallel_guesses_lock_only_their_client() {
    let server = TestServer::start_configured(true, behind_proxy()).await;
    let url = server.url("/api/v1/auth/login");
    let guesses = (0..50).map(|n| {
        let url = url.clone();
        tokio::spawn(async move {
            client()
                .post(url)
                // A line the guesser wrote itself, then the one the proxy added.
                .header("x-forwarded-for", format!("203.0.113.{n}"))
                .header("x-forwarded-for", "198.51.100.7")
                .json(&json!({ "email": "chloe@demo.example", "password": "guess" }))
                .send()
                .await
                .expect("guess")
                .status()
        })
    });
    let mut statuses = Vec::new();
    for guess in guesses {
        statuses.push(guess.await.unwrap());
    }
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, refused), (5, 45), "{statuses:?}");

    // The owner, from her own network, logs in at once; the proxy says TLS, so the cookie is
    // Secure.
    let owner = client()
        .post(&url)
        .header("x-forwarded-for", "203.0.113.20")
        .header("x-forwarded-proto", "https")
        .json(&json!({ "email": "chloe@demo.example", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(owner.status(), StatusCode::OK);
    assert!(owner.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .ends_with("; Secure"));
    // The guesser is still held back, right password or not; another address it writes in the
    // header, without the proxy, would not help (see domain::auth::client's tests).
    let guesser = client()
        .post(&url)
        .header("x-forwarded-for", "198.51.100.7")
        .json(&json!({ "email": "chloe@demo.example", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(guesser.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(guesser.headers().get("retry-after").is_some());
    assert_eq!(error_code(guesser).await, "throttled");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_can_be_closed() {
    let closed = Settings {
        sign_up: false,
        ..Settings::default()
    };
    let server = TestServer::start_configured(true, closed).await;
    let res = client()
        .post(server.url("/api/v1/auth/signup"))
        .json(&json!({ "name": "Eve", "email": "eve@example.org", "password": "a long passphrase 9" }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = client()
        .post(server.url("/fn/sign_up"))
        .form(&[
            ("name", "Eve"),
            ("email", "eve@example.org"),
            ("password", "a long passphrase 9"),
            ("locale", "en"),
            ("time_zone", "UTC"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    // Logging in still works.
    server.demo("ben").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_https_public_url_makes_the_cookie_host_only_and_secure_and_is_the_origin() {
    let settings = Settings {
        public_url: Some("https://suite.example.org".parse().unwrap()),
        ..Settings::default()
    };
    let server = TestServer::start_configured(true, settings).await;
    let res = client()
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({ "email": "ben@demo.example", "password": PASSWORD }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-ksuite_session="), "{cookie}");
    assert!(
        cookie.contains("; Secure") && cookie.contains("; Path=/"),
        "{cookie}"
    );
    assert!(!cookie.contains("Domain="), "{cookie}");

    // Writes from the public origin pass; from the server's bare address they do not.
    let token = cookie.split(';').next().unwrap().to_owned();
    let write = |origin: &'static str| {
        client()
            .post(server.url("/api/v1/auth/logout"))
            .header("cookie", token.clone())
            .header("origin", origin)
            .send()
    };
    assert_eq!(
        write("http://127.0.0.1").await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        write("https://suite.example.org").await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
}

/// The session cookie of a login, as `name=value`.
fn session_cookie(res: &reqwest::Response) -> String {
    res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

async fn log_in_by_hand(server: &TestServer, email: &str, password: &str) -> String {
    let res = client()
        .post(server.url("/api/v1/auth/login"))
        .json(&json!({ "email": email, "password": password }))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    session_cookie(&res)
}

async fn with_cookie(
    server: &TestServer,
    method: reqwest::Method,
    path: &str,
    cookie: &str,
) -> reqwest::Response {
    // A client without a jar: the cookie goes exactly as given, even after a logout.
    reqwest::Client::new()
        .request(method, server.url(path))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logged_out_cookie_replayed_by_hand_opens_nothing() {
    let server = TestServer::start().await;
    let cookie = log_in_by_hand(&server, "ben@demo.example", PASSWORD).await;
    let me = with_cookie(&server, reqwest::Method::GET, "/api/v1/me", &cookie).await;
    assert_eq!(me.status(), StatusCode::OK);
    let out = with_cookie(
        &server,
        reqwest::Method::POST,
        "/api/v1/auth/logout",
        &cookie,
    )
    .await;
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    for path in ["/api/v1/me", "/fn/session"] {
        let method = if path.starts_with("/fn/") {
            reqwest::Method::POST
        } else {
            reqwest::Method::GET
        };
        let replay = with_cookie(&server, method, path, &cookie).await;
        assert_eq!(replay.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
}

/// Reads an event stream until it ends; false when it is still open after `secs`.
async fn stream_ends_within(mut stream: reqwest::Response, secs: u64) -> bool {
    let ended = async { while let Ok(Some(_)) = stream.chunk().await {} };
    tokio::time::timeout(std::time::Duration::from_secs(secs), ended)
        .await
        .is_ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_are_listed_and_ended_and_their_live_streams_end_with_them() {
    let server = TestServer::start().await;
    let laptop = log_in_by_hand(&server, "anna@demo.example", PASSWORD).await;
    let phone = log_in_by_hand(&server, "anna@demo.example", PASSWORD).await;
    let stream = with_cookie(&server, reqwest::Method::GET, "/api/v1/events", &laptop).await;
    assert_eq!(stream.status(), StatusCode::OK);

    let list: serde_json::Value =
        with_cookie(&server, reqwest::Method::GET, "/api/v1/me/sessions", &phone)
            .await
            .json()
            .await
            .unwrap();
    let sessions = list.as_array().unwrap();
    assert_eq!(sessions.len(), 2, "{list}");
    assert_eq!(sessions[0]["current"], true);
    let other = sessions[1]["id"].as_str().unwrap();
    let ended = with_cookie(
        &server,
        reqwest::Method::DELETE,
        &format!("/api/v1/me/sessions/{other}"),
        &phone,
    )
    .await;
    assert_eq!(ended.status(), StatusCode::NO_CONTENT);
    assert!(
        stream_ends_within(stream, 15).await,
        "the ended session's stream is still open"
    );
    let replay = with_cookie(&server, reqwest::Method::GET, "/api/v1/me", &laptop).await;
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);

    // A member removed from an organization: her stream ends too.
    let chloe = log_in_by_hand(&server, "chloe@demo.example", PASSWORD).await;
    let stream = with_cookie(&server, reqwest::Method::GET, "/api/v1/events", &chloe).await;
    let anna = server.demo("anna").await;
    let chloe_id = server.demo("chloe").await.id();
    let org = anna.org("Demo SA");
    let removed = anna
        .client
        .delete(server.url(&format!("/api/v1/orgs/{org}/members/{chloe_id}")))
        .send()
        .await
        .unwrap();
    assert_eq!(removed.status(), StatusCode::NO_CONTENT);
    assert!(
        stream_ends_within(stream, 15).await,
        "the removed member's stream is still open"
    );

    // A new password ends every other session, over REST too.
    let other = log_in_by_hand(&server, "anna@demo.example", PASSWORD).await;
    let changed = reqwest::Client::new()
        .put(server.url("/api/v1/me/password"))
        .header("cookie", &phone)
        .json(&json!({ "current": PASSWORD, "new": "another long one 42" }))
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), StatusCode::NO_CONTENT);
    let gone = with_cookie(&server, reqwest::Method::GET, "/api/v1/me", &other).await;
    assert_eq!(gone.status(), StatusCode::UNAUTHORIZED);
    let kept = with_cookie(&server, reqwest::Method::GET, "/api/v1/me", &phone).await;
    assert_eq!(kept.status(), StatusCode::OK);
}

#[test]
fn a_public_url_is_its_origin_as_browsers_write_it() {
    let url: app::context::PublicUrl = "HTTPS://Suite.Example.org:443/".parse().unwrap();
    assert_eq!(
        (url.origin.as_str(), url.https),
        ("https://suite.example.org", true)
    );
    let url: app::context::PublicUrl = "http://10.0.0.5:8080".parse().unwrap();
    assert_eq!(url.origin, "http://10.0.0.5:8080");
    assert!("suite.example.org"
        .parse::<app::context::PublicUrl>()
        .is_err());
    assert!("https://suite.example.org/path"
        .parse::<app::context::PublicUrl>()
        .is_err());
}
