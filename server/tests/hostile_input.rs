//! Files built to take the server down are refused with the limit they cross, and the server
//! keeps answering. Before the pre-scan, the first upload below overflowed a worker's stack and
//! aborted the whole process.

mod common;

use common::{error_code, TestServer, User};
use reqwest::StatusCode;
use serde_json::Value;

async fn refused(server: &TestServer, user: &User, path: &str, kind: &str, body: String) -> Value {
    let res = user.upload(&server.url(path), kind, body).await;
    let status = res.status();
    let body: Value = res.json().await.expect("error body");
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{path}: {body}");
    assert_eq!(body["error"]["code"], "limit_exceeded", "{body}");
    let health = reqwest::get(server.url("/healthz"))
        .await
        .expect("server still up");
    assert_eq!(health.status(), StatusCode::OK);
    body["error"].clone()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn nested_and_oversized_files_are_refused_and_the_server_stays_up() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let org = anna.org("Demo SA");
    let ics_import = format!("/api/v1/orgs/{org}/calendars/import?name=Hostile");
    let vcf_import = format!("/api/v1/orgs/{org}/addressbooks/import?name=Hostile");

    // 3 MB of components nested 200,000 deep.
    let deep = format!(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n{}",
        "BEGIN:Y\r\nBEGIN:Z\r\n".repeat(100_000)
    );
    let limit = refused(&server, &anna, &ics_import, "text/calendar", deep).await;
    assert_eq!(
        (limit["limit"].as_str(), limit["max"].as_u64()),
        (Some("nesting_depth"), Some(5))
    );

    // The same component begun 200,000 times without an end.
    let restarted = format!("BEGIN:VCALENDAR\r\n{}", "BEGIN:X\r\n".repeat(200_000));
    let limit = refused(&server, &anna, &ics_import, "text/calendar", restarted).await;
    assert_eq!(limit["limit"], "file_items");

    let long_line = format!(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDESCRIPTION:{}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        "x".repeat(2 << 20)
    );
    let limit = refused(&server, &anna, &ics_import, "text/calendar", long_line).await;
    assert_eq!(limit["limit"], "line_kilobytes");

    let deep_card = format!("BEGIN:VCARD\r\n{}", "BEGIN:A\r\nBEGIN:B\r\n".repeat(50_000));
    let limit = refused(&server, &anna, &vcf_import, "text/vcard", deep_card).await;
    assert_eq!(limit["limit"], "nesting_depth");

    let wide = format!("{}\r\n", vec!["Name"; 100_000].join(","));
    let limit = refused(&server, &anna, &vcf_import, "text/csv", wide).await;
    assert_eq!(limit["limit"], "file_columns");

    // Nothing of it was kept.
    let cals = server
        .get_json(&anna, &format!("/api/v1/orgs/{org}/calendars"))
        .await;
    assert!(!cals.to_string().contains("Hostile"));
    let books = server
        .get_json(&anna, &format!("/api/v1/orgs/{org}/addressbooks"))
        .await;
    assert!(!books.to_string().contains("Hostile"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_of_bare_events_and_broken_lines_is_imported_with_what_was_left_out() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let org = anna.org("Demo SA");
    // As Evolution writes it: events without a VCALENDAR around them; one line is no content
    // line, one end is a date no reader takes.
    let file = "BEGIN:VEVENT\nUID:one@x\nDTSTART:20261201T090000Z\nSUMMARY:One\nEND:VEVENT\n\
BEGIN:VEVENT\nUID:two@x\nDTSTART:20261202T090000Z\nDTEND:2026-12-02\nSUMMARY=oops\nSUMMARY:Two\nEND:VEVENT\n";
    let res = anna
        .upload(
            &server.url(&format!("/api/v1/orgs/{org}/calendars/import?name=Bare")),
            "text/calendar",
            file,
        )
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    let summary: Value = res.json().await.unwrap();
    assert_eq!(summary["imported"], 2, "{summary}");
    let skipped = summary["skipped"].as_array().unwrap();
    assert_eq!(skipped.len(), 1, "{summary}");
    assert_eq!(skipped[0]["item"], "two@x");
    assert_eq!(skipped[0]["code"], "part_left_out");
    let reason = skipped[0]["reason"].as_str().unwrap();
    assert!(
        reason.contains("SUMMARY=oops") && reason.contains("DTEND"),
        "{reason}"
    );
    let _ = error_code;
}
