//! Teams over HTTP: administrators manage them, members read them, a calendar shared with a team
//! reaches its members.

mod common;

use common::{error_code, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn teams_over_http_and_a_calendar_shared_with_one() {
    let server = TestServer::start().await;
    let ben = server.demo("ben").await;
    let chloe = server.demo("chloe").await;
    let anna = server.demo("anna").await;
    let org = ben.org("Demo SA");
    let teams = server.url(&format!("/api/v1/orgs/{org}/teams"));

    let res = chloe
        .client
        .post(&teams)
        .json(&json!({"name": "Mine"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = ben
        .client
        .post(&teams)
        .json(&json!({"name": "Field"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let team = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = ben
        .client
        .post(&teams)
        .json(&json!({"name": "field"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(res).await, "team_name_taken");

    let member = server.url(&format!(
        "/api/v1/orgs/{org}/teams/{team}/members/{}",
        chloe.id()
    ));
    let res = ben.client.put(&member).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let listed = server
        .get_json(&chloe, &format!("/api/v1/orgs/{org}/teams"))
        .await;
    assert_eq!(listed[0]["name"], "Field");
    assert_eq!(listed[0]["members"][0]["name"], "Chloé Dubois");

    // Anna shares her calendar with the team: Chloé, in it, sees the calendar.
    let cals = format!("/api/v1/orgs/{org}/calendars");
    let cal = server.get_json(&anna, &cals).await[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = anna
        .client
        .put(server.url(&format!("/api/v1/calendars/{cal}/shares")))
        .json(&json!({"grantee": {"kind": "team", "id": team}, "level": "view"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let seen = |list: &Value| {
        list.as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"].as_str() == Some(&cal))
    };
    assert!(seen(&server.get_json(&chloe, &cals).await));

    // Leaving the team ends it; a deleted team is gone.
    let res = ben.client.delete(&member).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert!(!seen(&server.get_json(&chloe, &cals).await));
    let one = server.url(&format!("/api/v1/orgs/{org}/teams/{team}"));
    let res = chloe.client.delete(&one).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    let res = ben.client.delete(&one).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = ben.client.delete(&one).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}
