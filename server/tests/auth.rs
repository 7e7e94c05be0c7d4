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
    let guesses = (0..50).map(|_| {
        let url = url.clone();
        tokio::spawn(async move {
            client()
                .post(url)
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
