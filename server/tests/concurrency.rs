//! Many people writing at the same moment: every write is answered, none with a 500, and every
//! acknowledged one is there afterwards. On SQLite, transactions that read before they wrote
//! used to fail at once with "database is locked" when another writer held the lock.

mod common;

use common::TestServer;
use reqwest::StatusCode;
use serde_json::json;

const CLIENTS: usize = 16;
const EACH: usize = 15;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sixteen_clients_saving_events_at_once_all_succeed() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let org = anna.org("Demo SA");
    let cals = server
        .get_json(&anna, &format!("/api/v1/orgs/{org}/calendars"))
        .await;
    let cal = cals[0]["id"].as_str().unwrap().to_owned();
    let url = server.url(&format!("/api/v1/calendars/{cal}/events"));
    let writers = (0..CLIENTS).map(|c| {
        let (client, url) = (anna.client.clone(), url.clone());
        tokio::spawn(async move {
            let mut statuses = Vec::new();
            for n in 0..EACH {
                let event = json!({"calendar_id": "", "title": format!("Client {c} save {n}"), "all_day": false,
                    "start": "2026-12-03T10:00", "end": "2026-12-03T11:00", "time_zone": "UTC"});
                let res = client.post(&url).json(&event).send().await.expect("answered");
                statuses.push(res.status());
            }
            statuses
        })
    });
    let mut statuses = Vec::new();
    for writer in writers {
        statuses.extend(writer.await.unwrap());
    }
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(created, CLIENTS * EACH, "{statuses:?}");
    let listed = server
        .get_json(
            &anna,
            &format!("/api/v1/calendars/{cal}/events?from=2026-12-03&to=2026-12-04&tz=UTC"),
        )
        .await;
    let saved = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["title"]
                .as_str()
                .is_some_and(|t| t.starts_with("Client "))
        })
        .count();
    assert_eq!(saved, CLIENTS * EACH);
}
