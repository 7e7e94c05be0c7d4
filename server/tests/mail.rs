//! Mail over the REST API against the real server: a message stored, listed, searched, read,
//! its file downloaded safely, acted on; and the domain and address routes.

mod common;

use common::TestServer;
use reqwest::StatusCode;
use serde_json::{json, Value};

const MESSAGE: &str = "From: Bank <bank@example.org>\r\nTo: anna@demo.example\r\nSubject: Statement November\r\nMessage-ID: <s1@example.org>\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Your <b>statement</b><script>alert(1)</script></p>\r\n--b\r\nContent-Type: text/html; name=\"statement.html\"\r\nContent-Disposition: attachment; filename=\"statement.html\"\r\n\r\n<script>alert(document.cookie)</script>\r\n--b--\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_is_stored_listed_searched_read_and_its_file_only_ever_downloads() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let org = anna.org("Demo SA");
    let mailboxes = server
        .get_json(&anna, &format!("/api/v1/orgs/{org}/mailboxes"))
        .await;
    let mailbox = mailboxes[0]["id"].as_str().unwrap().to_owned();
    let folders = server
        .get_json(&anna, &format!("/api/v1/mailboxes/{mailbox}/folders"))
        .await;
    let inbox = folders[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(folders[0]["role"], "inbox");

    let res = anna
        .upload(
            &server.url(&format!("/api/v1/mail-folders/{inbox}/messages")),
            "message/rfc822",
            MESSAGE,
        )
        .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let page = server
        .get_json(
            &anna,
            &format!("/api/v1/mailboxes/{mailbox}/messages?folder_id={inbox}&limit=10"),
        )
        .await;
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["subject"], "Statement November");
    assert_eq!(page["rows"][0]["unread"], true);
    let found = server
        .get_json(
            &anna,
            &format!("/api/v1/mailboxes/{mailbox}/messages?limit=10&search=from:bank%20statement"),
        )
        .await;
    assert_eq!(found["total"], 1);

    let view = server
        .get_json(&anna, &format!("/api/v1/messages/{id}"))
        .await;
    assert_eq!(view["has_html"], true);
    let part = view["attachments"][0]["part"].as_u64().unwrap();
    let res = anna
        .client
        .get(server.url(&format!("/api/v1/messages/{id}/parts/{part}")))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let headers = res.headers().clone();
    assert!(headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment;"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert!(headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("sandbox"));
    let raw = anna
        .client
        .get(server.url(&format!("/api/v1/messages/{id}/raw")))
        .send()
        .await
        .unwrap();
    assert_eq!(raw.text().await.unwrap(), MESSAGE);

    let flagged = server
        .post_json(
            &anna,
            &format!("/api/v1/mailboxes/{mailbox}/flags"),
            &json!({"set": {"ids": [id]}, "change": {"seen": true}}),
        )
        .await;
    assert_eq!(flagged["changed"], 1);
    let moved = server
        .post_json(
            &anna,
            &format!("/api/v1/mailboxes/{mailbox}/trash"),
            &json!({"set": {"folder": inbox}}),
        )
        .await;
    assert_eq!(moved[0]["from"], inbox.as_str());
    let folders = server
        .get_json(&anna, &format!("/api/v1/mailboxes/{mailbox}/folders"))
        .await;
    let trash = folders
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["role"] == "trash")
        .unwrap();
    assert_eq!(
        (trash["total"].as_u64(), trash["unread"].as_u64()),
        (Some(1), Some(0))
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn administrators_add_a_domain_and_members_get_their_addresses() {
    let server = TestServer::start().await;
    let chloe = server.demo("chloe").await;
    let anna = server.demo("anna").await;
    let org = anna.org("Demo SA");
    let refused = server
        .post(
            &chloe,
            &format!("/api/v1/orgs/{org}/mail-domains"),
            &json!({"domain": "acme.ch"}),
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    let bad = server
        .post(
            &anna,
            &format!("/api/v1/orgs/{org}/mail-domains"),
            &json!({"domain": "acme"}),
        )
        .await;
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        bad.json::<Value>().await.unwrap()["error"]["code"],
        "mail_domain_invalid"
    );
    let added = server
        .post(
            &anna,
            &format!("/api/v1/orgs/{org}/mail-domains"),
            &json!({"domain": "Acme.ch"}),
        )
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let mailboxes = server
        .get_json(&chloe, &format!("/api/v1/orgs/{org}/mailboxes"))
        .await;
    assert_eq!(mailboxes[0]["address"], "chloe.dubois@acme.ch");
    let mailbox = mailboxes[0]["id"].as_str().unwrap();
    let alias = server
        .post(
            &anna,
            &format!("/api/v1/mailboxes/{mailbox}/aliases"),
            &json!({"address": "hello@acme.ch"}),
        )
        .await;
    assert_eq!(alias.status(), StatusCode::CREATED);
    let gone = anna
        .client
        .delete(server.url(&format!(
            "/api/v1/mailboxes/{mailbox}/aliases/hello@acme.ch"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(gone.status(), StatusCode::NO_CONTENT);
    let in_use = anna
        .client
        .delete(server.url(&format!("/api/v1/orgs/{org}/mail-domains/acme.ch")))
        .send()
        .await
        .unwrap();
    assert_eq!(in_use.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
