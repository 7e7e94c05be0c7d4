//! Files attached to events over HTTP: streamed up with their type, down with their name and
//! ranges, refused over the size limit and the organization's quota with the limit named.

mod common;

use common::{error_code, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_goes_up_with_its_type_and_comes_down_whole_or_in_ranges() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let (_, event) = server.an_event(&anna, "Board meeting").await;
    let report: Vec<u8> = (0..300_000u32).map(|i| (i % 253) as u8).collect();

    let url = server.url(&format!(
        "/api/v1/events/{event}/attachments?name=Rapport%20annuel%20%C3%A9t%C3%A9.pdf"
    ));
    let res = anna.upload(&url, "application/pdf", report.clone()).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let file: Value = res.json().await.unwrap();
    assert_eq!(file["name"], "Rapport annuel été.pdf");
    assert_eq!(file["media_type"], "application/pdf");
    assert_eq!(file["size"], 300_000);
    let listed = server
        .get_json(&anna, &format!("/api/v1/events/{event}/attachments"))
        .await;
    assert_eq!(listed, json!([file]));

    let download = server.url(&format!(
        "/api/v1/attachments/{}",
        file["id"].as_str().unwrap()
    ));
    let res = anna.client.get(&download).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    assert_eq!(
        res.headers()["content-disposition"],
        "inline; filename=\"Rapport_annuel__t_.pdf\"; filename*=UTF-8''Rapport%20annuel%20%C3%A9t%C3%A9.pdf"
    );
    assert_eq!(res.bytes().await.unwrap(), report);

    let res = anna
        .client
        .get(&download)
        .header("range", "bytes=1000-1999")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
    assert_eq!(res.bytes().await.unwrap(), report[1000..2000]);

    // A page of HTML is a download, in a sandbox: it never runs as the suite's page.
    let url = server.url(&format!("/api/v1/events/{event}/attachments?name=x.html"));
    let html: Value = anna
        .upload(&url, "text/html", "<script>alert(1)</script>")
        .await
        .json()
        .await
        .unwrap();
    let res = anna
        .client
        .get(server.url(&format!(
            "/api/v1/attachments/{}",
            html["id"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap();
    assert!(res.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment;"));
    assert!(res.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");

    let storage = server
        .get_json(
            &anna,
            &format!("/api/v1/orgs/{}/storage", anna.org("Demo SA")),
        )
        .await;
    assert_eq!(storage["used"], 300_000 + 25);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_over_the_limit_is_refused_naming_it_whether_declared_or_streamed() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let (_, event) = server.an_event(&anna, "Board meeting").await;
    let org = anna.org("Demo SA");
    let big = vec![0u8; (25 << 20) + 1];
    // An event's file, and a file for a message being written.
    for url in [
        format!("/api/v1/events/{event}/attachments?name=big.bin"),
        format!("/api/v1/orgs/{org}/mail-uploads?name=big.bin"),
    ] {
        let url = server.url(&url);
        let res = anna
            .upload(&url, "application/octet-stream", big.clone())
            .await;
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE, "{url}");
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"]["limit"], "attachment_megabytes");
        assert_eq!(body["error"]["max"], 25);

        // Without a length, the file is counted as it comes.
        let parts: Vec<Result<Vec<u8>, std::io::Error>> =
            big.chunks(1 << 20).map(|c| Ok(c.to_vec())).collect();
        let streamed = reqwest::Body::wrap_stream(futures::stream::iter(parts));
        let res = anna
            .upload(&url, "application/octet-stream", streamed)
            .await;
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE, "{url}");
        assert_eq!(error_code(res).await, "limit_exceeded");
    }
    let listed = server
        .get_json(&anna, &format!("/api/v1/events/{event}/attachments"))
        .await;
    assert_eq!(listed, json!([]));
}

#[tokio::test]
async fn a_file_for_a_message_is_kept_under_a_clean_name_and_type() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let org = anna.org("Demo SA");
    let url = server.url(&format!(
        "/api/v1/orgs/{org}/mail-uploads?name=..%2F..%2Fmenu%E2%80%AEfdp.exe"
    ));
    let res = anna
        .upload(&url, "Application/PDF; charset=x", "%PDF-1.4 menu")
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let kept: Value = res.json().await.unwrap();
    assert_eq!(kept["name"], "menufdp.exe");
    assert_eq!(kept["media_type"], "application/pdf");
    assert_eq!(kept["size"], 13);
}
