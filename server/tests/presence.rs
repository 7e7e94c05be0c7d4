//! Presence goes live to the members of the same organization, and only to them.

mod common;

use common::{wait_for_event, TestServer};
use futures::StreamExt;
use reqwest::StatusCode;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_status_change_reaches_the_team_live() {
    let srv = TestServer::start().await;
    let (anna, chloe) = (srv.demo("anna").await, srv.demo("chloe").await);
    let stream = chloe
        .client
        .get(srv.url("/api/v1/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers()["content-type"], "text/event-stream");
    // Let the stream subscribe before Anna changes her status.
    tokio::time::sleep(Duration::from_millis(200)).await;
    // Anna has a tab open, so her chosen status shows (not offline).
    let anna_tab = anna
        .client
        .get(srv.url("/api/v1/events"))
        .send()
        .await
        .unwrap();
    let res = anna
        .client
        .post(srv.url("/fn/set_presence"))
        .form(&[("status", "busy"), ("message", "Board meeting")])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let event = wait_for_event(stream, "Board meeting").await;
    assert!(event.contains("event: presence"));
    assert!(event.contains(&anna.id()));
    assert!(event.contains("\"status\":\"busy\""));
    drop(anna_tab);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn outsiders_do_not_receive_presence() {
    let srv = TestServer::start().await;
    let anna = srv.demo("anna").await;
    common::client()
        .post(srv.url("/api/v1/auth/signup"))
        .json(&serde_json::json!({"name": "Olga", "email": "olga@example.ch", "password": "long enough 42"}))
        .send()
        .await
        .unwrap();
    let olga = srv.login("olga@example.ch", "long enough 42").await;
    let olga_stream = olga
        .client
        .get(srv.url("/api/v1/events"))
        .send()
        .await
        .unwrap();
    let chloe = srv.demo("chloe").await;
    let chloe_stream = chloe
        .client
        .get(srv.url("/api/v1/events"))
        .send()
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    anna.client
        .post(srv.url("/fn/set_presence"))
        .form(&[("status", "away"), ("message", "secret lunch")])
        .send()
        .await
        .unwrap();
    // Chloe (same organization) gets it; by then Olga's stream would have it too if leaked.
    wait_for_event(chloe_stream, "secret lunch").await;
    let mut olga_bytes = olga_stream.bytes_stream();
    let leaked = tokio::time::timeout(Duration::from_millis(500), async {
        while let Some(Ok(chunk)) = olga_bytes.next().await {
            if String::from_utf8_lossy(&chunk).contains("secret lunch") {
                return true;
            }
        }
        false
    })
    .await
    .unwrap_or(false);
    assert!(!leaked, "an outsider received a member's presence");
}
