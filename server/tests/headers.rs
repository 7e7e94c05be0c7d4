//! Every response carries the security headers: pages a Content-Security-Policy whose nonce is
//! the one on their scripts, everything else a policy that allows nothing; personal answers are
//! never stored by a cache.

mod common;

use common::TestServer;
use reqwest::Response;

fn header(res: &Response, name: &str) -> String {
    res.headers()
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

fn common_headers(res: &Response, what: &str) {
    assert_eq!(header(res, "x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header(res, "referrer-policy"), "same-origin", "{what}");
    assert_eq!(header(res, "x-frame-options"), "DENY", "{what}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_data_and_assets_carry_their_headers() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let org = anna.org("Demo SA");

    for path in [
        "/login".to_owned(),
        format!("/s/{org}/home"),
        format!("/s/{org}/calendar"),
    ] {
        let res = anna.client.get(server.url(&path)).send().await.unwrap();
        common_headers(&res, &path);
        assert_eq!(header(&res, "cache-control"), "no-store", "{path}");
        let policy = header(&res, "content-security-policy");
        let html = res.text().await.unwrap();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{path}: no nonce in {policy}"));
        assert!(nonce.len() >= 16, "{path}: {nonce}");
        assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
        assert!(policy.contains("'wasm-unsafe-eval'"), "{policy}");
        let scripts_rule = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert!(!scripts_rule.contains("unsafe-inline"), "{policy}");
        // Every script of the page carries it.
        let scripts = html.matches("<script").count();
        assert!(scripts > 0, "{path}");
        assert_eq!(
            html.matches(&format!("nonce=\"{nonce}\"")).count(),
            scripts,
            "{path}: a script without the nonce"
        );
    }
    // A second render gets a fresh nonce.
    let a = header(
        &anna.client.get(server.url("/login")).send().await.unwrap(),
        "content-security-policy",
    );
    let b = header(
        &anna.client.get(server.url("/login")).send().await.unwrap(),
        "content-security-policy",
    );
    assert_ne!(a, b);

    for path in [
        "/api/v1/me".to_owned(),
        format!("/api/v1/orgs/{org}/members"),
        "/fn/time_zones".to_owned(),
    ] {
        let res = if path.starts_with("/fn/") {
            anna.client.post(server.url(&path)).send().await.unwrap()
        } else {
            anna.client.get(server.url(&path)).send().await.unwrap()
        };
        common_headers(&res, &path);
        assert_eq!(header(&res, "cache-control"), "no-store", "{path}");
        assert!(
            header(&res, "content-security-policy").starts_with("default-src 'none'"),
            "{path}"
        );
    }

    let asset = anna
        .client
        .get(server.url("/pkg/testbuild/app.js"))
        .send()
        .await
        .unwrap();
    common_headers(&asset, "asset");
    assert!(header(&asset, "cache-control").contains("immutable"));
}
