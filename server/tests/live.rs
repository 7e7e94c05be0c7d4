//! Changes go live to the members who may read them, and across servers that share one
//! PostgreSQL database.

mod common;

use common::{events_within, wait_for_event, Process, TestServer, User};
use reqwest::StatusCode;
use serde_json::{json, Value};
use std::time::Duration;

async fn stream(base: &str, user: &User) -> reqwest::Response {
    let res = user
        .client
        .get(format!("{base}/api/v1/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    res
}

async fn share(base: &str, owner: &User, what: &str, id: &str, with: &User) {
    let res = owner
        .client
        .put(format!("{base}/api/v1/{what}/{id}/shares"))
        .json(&json!({"grantee": {"kind": "member", "id": with.id()}, "level": "view"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
}

async fn first_id(base: &str, user: &User, path: &str) -> String {
    let list: Value = user
        .client
        .get(format!("{base}{path}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    list[0]["id"].as_str().unwrap().to_owned()
}

async fn add_event(base: &str, user: &User, cal: &str, title: &str) {
    let res = user
        .client
        .post(format!("{base}/api/v1/calendars/{cal}/events"))
        .json(
            &json!({"calendar_id": cal, "title": title, "all_day": false,
            "start": "2026-11-24T10:00", "end": "2026-11-24T11:00", "time_zone": "Europe/Zurich"}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_reaches_the_collections_readers_and_nobody_else() {
    let srv = TestServer::start().await;
    let base = srv.base.clone();
    let (anna, ben, chloe) = (
        srv.demo("anna").await,
        srv.demo("ben").await,
        srv.demo("chloe").await,
    );
    let org = anna.org("Demo SA");
    let cal = first_id(&base, &anna, &format!("/api/v1/orgs/{org}/calendars")).await;
    let book = first_id(&base, &anna, &format!("/api/v1/orgs/{org}/addressbooks")).await;
    share(&base, &anna, "calendars", &cal, &ben).await;
    share(&base, &anna, "addressbooks", &book, &ben).await;
    let (ben_tab, chloe_tab) = (stream(&base, &ben).await, stream(&base, &chloe).await);
    let ben_contacts_tab = stream(&base, &ben).await;
    tokio::time::sleep(Duration::from_millis(200)).await;

    add_event(&base, &anna, &cal, "Budget review").await;
    let res = anna
        .client
        .post(format!("{base}/api/v1/addressbooks/{book}/contacts"))
        .json(&json!({"first": "Marie", "last": "Curie"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);

    let event = wait_for_event(ben_tab, &cal).await;
    assert!(event.contains("event: change"), "{event}");
    assert!(event.contains(r#""kind":"calendar""#) && event.contains(r#""scope":"items""#));
    let event = wait_for_event(ben_contacts_tab, &book).await;
    assert!(event.contains(r#""kind":"address_book""#), "{event}");
    // Chloé is in the organization but may read neither; by now she would have heard.
    let heard = events_within(chloe_tab, Duration::from_millis(500)).await;
    assert!(
        !heard.contains(&cal) && !heard.contains(&book),
        "a member heard of a collection she may not read: {heard}"
    );
}

/// Two server processes on one PostgreSQL database, as a host runs them behind a load
/// balancer: presence and changes made on one reach the tabs connected to the other. (SQLite
/// is one server's database: there is nothing to cross.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql_share_presence_and_changes() {
    if std::env::var("KSUITE_TEST_POSTGRES").is_err() {
        eprintln!("PostgreSQL only: set KSUITE_TEST_POSTGRES");
        return;
    }
    let db = domain::testing::TestDb::new().await;
    let a = Process::start(&db.url, &["--demo=accounts"]).await;
    let b = Process::start(&db.url, &[]).await;
    let anna = a.demo("anna").await;
    let ben = b.demo("ben").await;
    let org = anna.org("Demo SA");

    // Ben's tab on B hears Anna come online on A, and B counts her tab on A.
    let ben_tab = stream(&b.base, &ben).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let _anna_tab = stream(&a.base, &anna).await;
    let event = wait_for_event(ben_tab, &anna.id()).await;
    assert!(
        event.contains("event: presence") && event.contains(r#""status":"online""#),
        "{event}"
    );
    let members: Value = ben
        .client
        .get(format!("{}/api/v1/orgs/{org}/members", b.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let anna_there = members
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["account_id"] == anna.id().as_str())
        .expect("Anna is listed");
    assert_eq!(anna_there["presence"], "online", "{members}");

    // A change Anna makes on A reaches Ben's tab on B.
    let cal = first_id(&a.base, &anna, &format!("/api/v1/orgs/{org}/calendars")).await;
    share(&a.base, &anna, "calendars", &cal, &ben).await;
    let ben_tab = stream(&b.base, &ben).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    add_event(&a.base, &anna, &cal, "Across servers").await;
    let event = wait_for_event(ben_tab, &cal).await;
    assert!(event.contains(r#""scope":"items""#), "{event}");
}
