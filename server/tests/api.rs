//! The REST API, server functions, SSR pages and assets, against the real server.

mod common;

use common::{client, error_code, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_validates_and_creates_a_personal_space() {
    let srv = TestServer::start().await;
    let c = client();
    let signup = |body: Value| c.post(srv.url("/api/v1/auth/signup")).json(&body).send();

    let res = signup(json!({"name": "Eve", "email": "eve@example.ch", "password": "short"}))
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "password_too_short");
    assert_eq!(body["error"]["field"], "password");

    let res =
        signup(json!({"name": "Eve", "email": "eve@example.ch", "password": "long enough 42"}))
            .await
            .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let res =
        signup(json!({"name": "Eve 2", "email": "EVE@example.ch", "password": "long enough 42"}))
            .await
            .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(res).await, "email_taken");

    let eve = srv.login("eve@example.ch", "long enough 42").await;
    let orgs = srv.get_json(&eve, "/api/v1/orgs").await;
    assert_eq!(orgs[0]["name"], "my kSuite");
    assert_eq!(orgs[0]["personal"], true);

    let res = signup(json!({"name": "x"})).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(res).await, "bad_request");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sign_up_takes_a_country_or_guesses_it_from_the_languages() {
    let srv = TestServer::start().await;
    let c = client();
    let signup = |email: &str, country: Option<&str>| {
        let mut body = json!({"name": "Eve", "email": email, "password": "long enough 42"});
        if let Some(country) = country {
            body["country"] = json!(country);
        }
        c.post(srv.url("/api/v1/auth/signup"))
            .header("Accept-Language", "fr, de-CH;q=0.8")
            .json(&body)
            .send()
    };
    let country_of = |res: reqwest::Response| async move {
        assert_eq!(res.status(), StatusCode::CREATED);
        res.json::<Value>().await.unwrap()["country"].clone()
    };
    assert_eq!(
        country_of(signup("g@example.ch", None).await.unwrap()).await,
        "CH"
    );
    assert_eq!(
        country_of(signup("i@example.ch", Some("it")).await.unwrap()).await,
        "IT"
    );
    assert_eq!(
        country_of(signup("n@example.ch", Some("")).await.unwrap()).await,
        ""
    );
    let res = signup("x@example.ch", Some("Atlantis")).await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(res).await, "country_unknown");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wrong_password_and_unknown_email_look_the_same_then_slow_down() {
    let srv = TestServer::start().await;
    let c = client();
    let attempt = |email: &'static str, password: &'static str| {
        c.post(srv.url("/api/v1/auth/login"))
            .json(&json!({"email": email, "password": password}))
            .send()
    };
    let wrong = attempt("anna@demo.example", "nope").await.unwrap();
    let unknown = attempt("nobody@demo.example", "nope").await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    let (wrong, unknown): (Value, Value) =
        (wrong.json().await.unwrap(), unknown.json().await.unwrap());
    assert_eq!(wrong, unknown);
    assert_eq!(wrong["error"]["code"], "bad_credentials");

    for _ in 0..4 {
        attempt("anna@demo.example", "nope").await.unwrap();
    }
    let res = attempt("anna@demo.example", common::PASSWORD)
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "throttled");
    assert!(body["error"]["retry_after"].as_u64().unwrap() >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn log_out_ends_the_session() {
    let srv = TestServer::start().await;
    let anna = srv.demo("anna").await;
    assert_eq!(
        anna.client
            .get(srv.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let res = anna
        .client
        .post(srv.url("/api/v1/auth/logout"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        anna.client
            .get(srv.url("/api/v1/me"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_rules_are_enforced_through_the_api() {
    let srv = TestServer::start().await;
    let (anna, ben, chloe) = (
        srv.demo("anna").await,
        srv.demo("ben").await,
        srv.demo("chloe").await,
    );
    let org = anna.org("Demo SA");
    let member = |id: String| srv.url(&format!("/api/v1/orgs/{org}/members/{id}"));
    let set_role = |by: &common::User, target: String, role: &'static str| {
        by.client
            .patch(member(target))
            .json(&json!({ "role": role }))
            .send()
    };

    let res = set_role(&ben, chloe.id(), "legal_representative")
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = set_role(&chloe, ben.id(), "external").await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = anna.client.delete(member(anna.id())).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);
    assert_eq!(error_code(res).await, "last_legal_representative");
    let res = set_role(&anna, anna.id(), "admin").await.unwrap();
    assert_eq!(res.status(), StatusCode::CONFLICT);

    let res = set_role(&ben, chloe.id(), "admin").await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let members = srv
        .get_json(&anna, &format!("/api/v1/orgs/{org}/members"))
        .await;
    let chloe_row = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "chloe@demo.example")
        .unwrap();
    assert_eq!(chloe_row["role"], "admin");

    // A guest, over REST and through the Home page's Team widget, learns of nobody else.
    let dan = srv.demo("dan").await;
    for listed in [
        srv.get_json(&dan, &format!("/api/v1/orgs/{org}/members"))
            .await,
        dan.client
            .post(srv.url("/fn/team"))
            .form(&[("org", org.as_str())])
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap(),
    ] {
        let rows = listed.as_array().unwrap();
        assert_eq!(rows.len(), 1, "{listed}");
        assert_eq!(rows[0]["account_id"], dan.id());
        let text = listed.to_string();
        assert!(
            !text.contains("@demo.example") && !text.contains("\"role\""),
            "{text}"
        );
    }

    let res = set_role(&ben, chloe.id(), "owner").await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_origin_writes_are_refused() {
    let srv = TestServer::start().await;
    let anna = srv.demo("anna").await;
    let res = anna
        .client
        .post(srv.url("/fn/set_presence"))
        .header("Origin", "http://evil.example")
        .form(&[("status", "busy"), ("message", "pwned")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let same = anna
        .client
        .post(srv.url("/fn/set_presence"))
        .header("Origin", &srv.base)
        .form(&[("status", "busy"), ("message", "in a call")])
        .send()
        .await
        .unwrap();
    assert_eq!(same.status(), StatusCode::OK);
    let me = srv.get_json(&anna, "/api/v1/me").await;
    assert_eq!(me["account"]["presence"], "busy");
    assert_eq!(me["account"]["presence_message"], "in a call");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_redirect_render_and_negotiate_language() {
    let srv = TestServer::start().await;
    let c = client();
    let res = c.get(srv.url("/")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()["location"], "/login");

    let res = c
        .get(srv.url("/login"))
        .header("Accept-Language", "it-CH, de;q=0.5")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = res.text().await.unwrap();
    assert!(html.contains("<html lang=\"it\""));
    assert!(html.contains("Accedi alla tua kSuite"));

    let anna = srv.demo("anna").await;
    let res = anna.client.get(srv.url("/")).send().await.unwrap();
    let home = res.headers()["location"].to_str().unwrap().to_owned();
    assert_eq!(home, format!("/s/{}/home", anna.org("Demo SA")));
    let html = anna
        .client
        .get(srv.url(&home))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Welcome, Anna Keller"));
    assert!(
        html.contains("Chloé Dubois"),
        "team widget lists the members"
    );
    assert!(html.contains("/pkg/testbuild/app.js"));

    let res = c.get(srv.url(&home)).send().await.unwrap();
    assert!(
        res.status().is_redirection(),
        "signed out: {}",
        res.status()
    );
    assert_eq!(res.headers()["location"], "/login");

    let res = c.get(srv.url("/no/such/page")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_functions_log_in_and_report_errors() {
    let srv = TestServer::start().await;
    let c = client();
    let res = c
        .post(srv.url("/fn/log_in"))
        .form(&[("email", "ben@demo.example"), ("password", "wrong")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "bad_credentials");

    let res = c
        .post(srv.url("/fn/log_in"))
        .form(&[
            ("email", "ben@demo.example"),
            ("password", common::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let cookie = res.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure")
    );
    let path: String = res.json().await.unwrap();
    assert!(path.starts_with("/s/") && path.ends_with("/home"));

    let session: Value = c
        .post(srv.url("/fn/session"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(session["account"]["locale"], "de");
    assert_eq!(
        session["orgs"].as_array().unwrap().len(),
        1,
        "ben has only Demo SA"
    );

    let update_profile = |time_zone: &'static str| {
        c.post(srv.url("/fn/update_profile"))
            .form(&[
                ("name", "Ben M."),
                ("locale", "fr"),
                ("time_zone", time_zone),
            ])
            .send()
    };
    let res = update_profile("Mars/Base").await.unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let res = update_profile("America/New_York").await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let html = c
        .get(srv.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("<html lang=\"fr\""),
        "the profile language renders the pages"
    );

    // X-Forwarded-Proto counts only from a trusted proxy (see tests/auth.rs); from anyone
    // else it changes nothing.
    let res = client()
        .post(srv.url("/fn/log_in"))
        .header("X-Forwarded-Proto", "https")
        .form(&[
            ("email", "chloe@demo.example"),
            ("password", common::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(!res.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .contains("; Secure"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn openapi_document_describes_the_routes() {
    let srv = TestServer::start().await;
    let doc: Value = client()
        .get(srv.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in [
        "/api/v1/auth/signup",
        "/api/v1/auth/login",
        "/api/v1/orgs",
        "/api/v1/orgs/{org}/members",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} missing");
    }
    assert!(doc["components"]["schemas"]["OrgView"].is_object());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn assets_are_precompressed_cached_and_versioned() {
    let srv = TestServer::start().await;
    let c = client();
    let res = c
        .get(srv.url("/pkg/testbuild/app.js"))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-encoding"], "br");
    assert!(res.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let sw = c.get(srv.url("/sw.js")).send().await.unwrap();
    assert_eq!(sw.headers()["cache-control"], "no-cache");
    assert!(sw.text().await.unwrap().contains("\"testbuild\""));
    let manifest: Value = c
        .get(srv.url("/manifest.webmanifest"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(manifest["display"], "standalone");
    assert!(manifest["icons"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["sizes"] == "512x512"));
    assert_eq!(
        c.get(srv.url("/healthz")).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_is_seeded_only_when_asked() {
    let srv = TestServer::start_with(false).await;
    let res = client()
        .post(srv.url("/api/v1/auth/login"))
        .json(&json!({"email": "anna@demo.example", "password": common::PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
}
