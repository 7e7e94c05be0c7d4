//! The Calendar over HTTP: import, expanded events, export, rights and the public feed.

mod common;

use common::{error_code, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n\
BEGIN:VEVENT\r\nUID:standup@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Zurich:20261116T090000\r\nDTEND;TZID=Europe/Zurich:20261116T091500\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\nSUMMARY:Standup\r\nX-KEEP:yes\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_list_export_and_rights_over_http() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let chloe = server.demo("chloe").await;
    let org = anna.org("Demo SA");
    let cals = server
        .get_json(&anna, &format!("/api/v1/orgs/{org}/calendars"))
        .await;
    let cal = cals[0]["id"].as_str().unwrap().to_owned();

    let import = server.url(&format!("/api/v1/calendars/{cal}/import"));
    let res = anna.upload(&import, "text/calendar", ICS).await;
    assert_eq!(res.status(), StatusCode::OK);
    let summary: Value = res.json().await.unwrap();
    assert_eq!(summary["imported"], 1);

    let events = server
        .get_json(
            &anna,
            &format!(
                "/api/v1/calendars/{cal}/events?from=2026-11-23&to=2026-12-07&tz=America/New_York"
            ),
        )
        .await;
    let starts: Vec<&str> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["start"].as_str().unwrap())
        .collect();
    assert_eq!(starts, ["2026-11-23T03:00", "2026-11-30T03:00"]);
    let object = events[0]["object_id"].as_str().unwrap().to_owned();

    let export = server.url(&format!("/api/v1/calendars/{cal}/export"));
    let text = anna.download(&export, "text/calendar").await;
    assert!(
        text.contains("X-KEEP:yes") && text.contains("BEGIN:VTIMEZONE"),
        "{text}"
    );

    // Chloé sees nothing of Anna's calendar until it is shared, and then only reads.
    let path = format!("/api/v1/calendars/{cal}/events?from=2026-11-23&to=2026-12-07");
    let res = chloe.client.get(server.url(&path)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = anna
        .client
        .put(server.url(&format!("/api/v1/calendars/{cal}/shares")))
        .json(&json!({"grantee": {"kind": "member", "id": chloe.id()}, "level": "view"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        server
            .get_json(&chloe, &path)
            .await
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let event = json!({"calendar_id": cal, "title": "Mine now", "all_day": false,
        "start": "2026-11-24T10:00", "end": "2026-11-24T11:00", "time_zone": "Europe/Zurich"});
    let writes = [
        chloe
            .client
            .post(server.url(&format!("/api/v1/calendars/{cal}/events")))
            .json(&event),
        chloe
            .client
            .put(server.url(&format!("/api/v1/events/{object}")))
            .json(&event),
        chloe
            .client
            .delete(server.url(&format!("/api/v1/events/{object}"))),
        chloe
            .client
            .post(server.url(&format!("/api/v1/calendars/{cal}/import")))
            .body(ICS),
        chloe
            .client
            .put(server.url(&format!("/api/v1/calendars/{cal}/public")))
            .json(&json!({"enabled": true})),
        chloe
            .client
            .put(server.url(&format!("/api/v1/calendars/{cal}/shares")))
            .json(&json!({"grantee": {"kind": "organization"}, "level": "view"})),
    ];
    for write in writes {
        let res = write.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(error_code(res).await, "forbidden");
    }

    // The public link serves the feed without a session until it is replaced.
    let link: Value = anna
        .client
        .put(server.url(&format!("/api/v1/calendars/{cal}/public")))
        .json(&json!({"enabled": true}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let feed = link["path"].as_str().unwrap().to_owned();
    let anonymous = common::client();
    let res = anonymous.get(server.url(&feed)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.text().await.unwrap().contains("SUMMARY:Standup"));
    anna.client
        .put(server.url(&format!("/api/v1/calendars/{cal}/public")))
        .json(&json!({"enabled": true}))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let res = anonymous.get(server.url(&feed)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    res.text().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_over_the_limit_is_413_and_names_it() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let org = anna.org("Demo SA");
    let cals = server
        .get_json(&anna, &format!("/api/v1/orgs/{org}/calendars"))
        .await;
    let cal = cals[0]["id"].as_str().unwrap().to_owned();
    let big = vec![b'x'; 10 * 1024 * 1024 + 1];
    let res = anna
        .client
        .post(server.url(&format!("/api/v1/calendars/{cal}/import")))
        .body(big)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "limit_exceeded");
    assert!(body["error"]["message"].as_str().unwrap().contains("10 MB"));
    // What the UI needs to say it in the member's language.
    assert_eq!(body["error"]["limit"], "file_megabytes");
    assert_eq!(body["error"]["max"], 10);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_into_a_new_calendar_creates_it_only_when_the_file_is_accepted() {
    let server = TestServer::start().await;
    let ben = server.demo("ben").await;
    let org = ben.org("Demo SA");
    let list = format!("/api/v1/orgs/{org}/calendars");
    let before = server.get_json(&ben, &list).await.as_array().unwrap().len();
    let import = server.url(&format!(
        "/api/v1/orgs/{org}/calendars/import?name=Trip%20plans"
    ));

    let res = ben
        .upload(&import, "text/calendar", "this is not a calendar")
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(res).await, "file_not_icalendar");
    assert_eq!(
        server.get_json(&ben, &list).await.as_array().unwrap().len(),
        before
    );

    let res = ben.upload(&import, "text/calendar", ICS).await;
    assert_eq!(res.status(), StatusCode::OK);
    let summary: Value = res.json().await.unwrap();
    assert_eq!(summary["imported"], 1);
    let calendars = server.get_json(&ben, &list).await;
    let created: Vec<&Value> = calendars
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["name"] == "Trip plans")
        .collect();
    assert_eq!(created.len(), 1);
    assert_eq!(created[0]["id"], summary["calendar_id"]);
}
