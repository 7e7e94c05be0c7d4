//! Many people writing at the same moment: every write is answered, none with a 500, and every
//! acknowledged one is there afterwards. On SQLite, transactions that read before they wrote
//! used to fail at once with "database is locked" when another writer held the lock.

mod common;

use app::space::AppId;
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

/// Every app's page, alone and with each other app in the side panel, rendered by the server
/// many times at once: every render is whole, and nothing the page carries for the browser to
/// hydrate from is an error.
///
/// The first catches a Transition's pending flag, written by an effect on another worker while
/// the page was rendered from it: that panicked one render in a few hundred and left the page
/// unanswered. The second catches a resource that called a second server function after an
/// await: the server walks a page's views once before rendering them and drops that walk's
/// owners, so the second call found no request and failed, and the browser, which numbers its
/// resources as that first walk did, hydrated the error where the server had shown the app.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_app_page_renders_whole_under_concurrent_load() {
    const EACH: usize = 8;
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let org = anna.org("Demo SA");
    let mut pages = Vec::new();
    for main in AppId::ALL {
        pages.push(format!("/s/{org}/{}", main.code()));
        for panel in AppId::ALL.into_iter().filter(|p| *p != main) {
            pages.push(format!("/s/{org}/{}?panel={}", main.code(), panel.code()));
        }
    }
    let renders = (0..EACH).map(|_| {
        let (client, urls) = (
            anna.client.clone(),
            pages.iter().map(|p| server.url(p)).collect::<Vec<_>>(),
        );
        tokio::spawn(async move {
            let mut broken = Vec::new();
            for url in urls {
                let page = match client.get(&url).send().await {
                    Ok(res) if res.status() == StatusCode::OK => res.text().await.ok(),
                    _ => None,
                };
                // Resources resolved after the shell stream in after `</html>`; a render that
                // panics there ends the response before its last chunk, which reads as an error.
                match page {
                    Some(page) if !page.contains("</html>") => {
                        broken.push(format!("{url}: cut short"))
                    }
                    // A resource's `Result` is serialized as JSON inside a JavaScript string.
                    Some(page) if page.contains(r#"{\"Err\":"#) => {
                        let at = page.find(r#"{\"Err\":"#).unwrap_or(0);
                        let end = page.len().min(at + 200);
                        broken.push(format!("{url}: {}", &page[at..end]));
                    }
                    Some(_) => {}
                    None => broken.push(format!("{url}: not answered")),
                }
            }
            broken
        })
    });
    let mut broken = Vec::new();
    for render in renders {
        broken.extend(render.await.unwrap());
    }
    assert!(
        broken.is_empty(),
        "{} of {} renders were wrong: {broken:#?}",
        broken.len(),
        EACH * pages.len()
    );
}

/// The real binary over SQLite, written to by 16 clients, is killed with SIGKILL mid-stream:
/// every save it acknowledged is there when it starts again.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn acknowledged_saves_survive_kill_9() {
    let data = std::env::temp_dir().join(format!("ksuite-kill-{}", domain::ids::new_id()));
    let site = data.join("site");
    common::make_site(&site);
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = format!("http://127.0.0.1:{port}");
    let start = || {
        std::process::Command::new(env!("CARGO_BIN_EXE_ksuite"))
            .args(["serve", "--demo", "--addr", &format!("127.0.0.1:{port}")])
            .arg("--data-dir")
            .arg(&data)
            .arg("--site-root")
            .arg(&site)
            .env("RUST_LOG", "warn")
            .env_remove("DATABASE_URL")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start ksuite")
    };
    let up = |base: String| async move {
        for _ in 0..200 {
            if reqwest::get(format!("{base}/healthz")).await.is_ok() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        panic!("the server did not start");
    };
    let mut server = start();
    up(base.clone()).await;
    let user = common::client();
    let login = user
        .post(format!("{base}/api/v1/auth/login"))
        .json(&json!({"email": "anna@demo.example", "password": common::PASSWORD}))
        .send()
        .await
        .unwrap();
    let session: serde_json::Value = login.json().await.unwrap();
    let org = session["orgs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["name"] == "Demo SA")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let cals: serde_json::Value = user
        .get(format!("{base}/api/v1/orgs/{org}/calendars"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let cal = cals[0]["id"].as_str().unwrap().to_owned();
    let url = format!("{base}/api/v1/calendars/{cal}/events");
    let writers = (0..CLIENTS).map(|c| {
        let (client, url) = (user.clone(), url.clone());
        tokio::spawn(async move {
            let mut acknowledged = Vec::new();
            for n in 0.. {
                let event = json!({"calendar_id": "", "title": format!("Kill {c}-{n}"), "all_day": false,
                    "start": "2026-12-04T10:00", "end": "2026-12-04T11:00", "time_zone": "UTC"});
                match client.post(&url).json(&event).send().await {
                    Ok(res) if res.status() == StatusCode::CREATED => {
                        acknowledged.push(format!("Kill {c}-{n}"))
                    }
                    // Cut off by the kill: not acknowledged.
                    _ => break,
                }
            }
            acknowledged
        })
    });
    let writers: Vec<_> = writers.collect();
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    server.kill().expect("SIGKILL");
    server.wait().unwrap();
    let mut acknowledged = Vec::new();
    for writer in writers {
        acknowledged.extend(writer.await.unwrap());
    }
    assert!(
        acknowledged.len() > 50,
        "only {} saves before the kill",
        acknowledged.len()
    );

    let mut server = start();
    up(base.clone()).await;
    let listed: serde_json::Value = user
        .get(format!(
            "{base}/api/v1/calendars/{cal}/events?from=2026-12-04&to=2026-12-05&tz=UTC"
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let titles: std::collections::HashSet<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["title"].as_str())
        .collect();
    let lost: Vec<_> = acknowledged
        .iter()
        .filter(|t| !titles.contains(t.as_str()))
        .collect();
    assert!(
        lost.is_empty(),
        "{} acknowledged saves lost: {lost:?}",
        lost.len()
    );
    server.kill().unwrap();
    server.wait().unwrap();
    let _ = std::fs::remove_dir_all(&data);
}
