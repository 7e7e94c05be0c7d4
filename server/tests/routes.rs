//! Every REST route, from the one list the API is built from (`server::api_document()`, the
//! document `/api/v1/openapi.json` serves): each needs a session unless it says it does not,
//! and each that takes an id answers 404 to a member of another organization and changes
//! nothing. A route added without a sample body below fails these tests until it has one.

mod common;

use common::{client, TestServer, User};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// One operation of the document: its method, its path, and whether it needs a session.
struct Operation {
    method: Method,
    path: String,
    public: bool,
    body_type: Option<String>,
    /// The query parameters it requires.
    query: Vec<String>,
}

fn operations() -> Vec<Operation> {
    let doc = serde_json::to_value(server::api_document()).unwrap();
    let mut out = Vec::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let Ok(method) = method.to_uppercase().parse::<Method>() else {
                continue;
            };
            // `security(())`: an empty requirement, open to anyone.
            let public = op["security"].as_array().is_some_and(|reqs| {
                reqs.iter()
                    .all(|r| r.as_object().is_some_and(|o| o.is_empty()))
            });
            let body_type = op["requestBody"]["content"]
                .as_object()
                .and_then(|content| content.keys().next().cloned());
            let query = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query" && p["required"] == true)
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect();
            out.push(Operation {
                method,
                path: path.clone(),
                public,
                body_type,
                query,
            });
        }
    }
    assert!(out.len() > 40, "the document lists the API");
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_needs_a_session_unless_it_says_so() {
    let server = TestServer::start().await;
    let anonymous = client();
    let mut public = Vec::new();
    for op in operations() {
        if op.public {
            public.push(format!("{} {}", op.method, op.path));
            continue;
        }
        let path = op.path.replace(['{', '}'], "");
        let res = anonymous
            .request(op.method.clone(), server.url(&path))
            .send()
            .await
            .unwrap();
        let what = format!("{} {}", op.method, op.path);
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{what}");
        assert_eq!(common::error_code(res).await, "unauthenticated", "{what}");
    }
    public.sort();
    assert_eq!(
        public,
        [
            "GET /ical/{file}",
            "POST /api/v1/auth/confirm-email",
            "POST /api/v1/auth/login",
            "POST /api/v1/auth/password-reset",
            "POST /api/v1/auth/password-reset/confirm",
            "POST /api/v1/auth/signup"
        ]
    );
}

/// Anna's things in the demo organization, which Mallory, of another organization, aims at.
struct Targets {
    org: String,
    calendar: String,
    event: String,
    book: String,
    contact: String,
    attachment: String,
    team: String,
    anna: String,
    session: String,
    mailbox: String,
    folder: String,
    message: String,
    /// A message Anna sent to go out next month ("Send later").
    outgoing: String,
}

impl Targets {
    /// The path with every parameter named by its place: `{id}` after `/calendars/` is a
    /// calendar's, after `/events/` an event's...
    fn fill(&self, path: &str) -> Option<String> {
        let id = if path.starts_with("/api/v1/calendars/") {
            &self.calendar
        } else if path.starts_with("/api/v1/events/") {
            &self.event
        } else if path.starts_with("/api/v1/addressbooks/") {
            &self.book
        } else if path.starts_with("/api/v1/contacts/") {
            &self.contact
        } else if path.starts_with("/api/v1/attachments/") {
            &self.attachment
        } else if path.starts_with("/api/v1/mailboxes/") {
            &self.mailbox
        } else if path.starts_with("/api/v1/mail-folders/") {
            &self.folder
        } else if path.starts_with("/api/v1/messages/") {
            &self.message
        } else {
            &self.session
        };
        let filled = path
            .replace("{org}", &self.org)
            .replace("{team}", &self.team)
            .replace("{account}", &self.anna)
            .replace("{part}", "2")
            .replace("{address}", "anna@demo.example")
            .replace("{domain}", "demo.example")
            .replace("{id}", id);
        (filled != path && !filled.contains('{')).then_some(filled)
    }
}

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:m@x\r\nDTSTART:20261201T090000Z\r\nSUMMARY:Mallory\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
const MESSAGE: &str = "From: Mallory <m@x.example>\r\nSubject: Mallory's\r\n\r\nHello\r\n";
const VCF: &str = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:m@x\r\nFN:Mallory\r\nEND:VCARD\r\n";

/// A valid body for each operation that takes one, by method and path.
fn sample_bodies(t: &Targets) -> BTreeMap<&'static str, String> {
    let event = json!({"calendar_id": t.calendar, "title": "Mallory's", "all_day": false,
        "start": "2026-12-01T09:00", "end": "2026-12-01T10:00", "time_zone": "UTC"});
    let contact = json!({"book_id": t.book, "first": "Mallory"});
    let share = json!({"grantee": {"kind": "organization"}, "level": "modify"});
    let messages = json!({"ids": [t.message]});
    let selection = json!({"set": messages}).to_string();
    BTreeMap::from([
        (
            "PATCH /api/v1/orgs/{org}/members/{account}",
            json!({"role": "external"}).to_string(),
        ),
        (
            "POST /api/v1/orgs/{org}/teams",
            json!({"name": "Mallory's"}).to_string(),
        ),
        (
            "PATCH /api/v1/orgs/{org}/teams/{team}",
            json!({"name": "Mallory's"}).to_string(),
        ),
        (
            "POST /api/v1/orgs/{org}/calendars",
            json!({"name": "Mallory's"}).to_string(),
        ),
        ("POST /api/v1/calendars/{id}/events", event.to_string()),
        ("PUT /api/v1/events/{id}", event.to_string()),
        (
            "POST /api/v1/events/{id}/attachments",
            "Mallory's file".to_owned(),
        ),
        ("POST /api/v1/calendars/{id}/import", ICS.to_owned()),
        ("POST /api/v1/orgs/{org}/calendars/import", ICS.to_owned()),
        ("PUT /api/v1/calendars/{id}/shares", share.to_string()),
        (
            "PUT /api/v1/calendars/{id}/public",
            json!({"enabled": true}).to_string(),
        ),
        (
            "POST /api/v1/orgs/{org}/addressbooks",
            json!({"name": "Mallory's"}).to_string(),
        ),
        (
            "POST /api/v1/addressbooks/{id}/contacts",
            contact.to_string(),
        ),
        ("PUT /api/v1/contacts/{id}", contact.to_string()),
        ("PUT /api/v1/addressbooks/{id}/shares", share.to_string()),
        ("POST /api/v1/addressbooks/{id}/import", VCF.to_owned()),
        (
            "POST /api/v1/orgs/{org}/addressbooks/import",
            VCF.to_owned(),
        ),
        (
            "POST /api/v1/orgs/{org}/addressbooks/csv-preview",
            "Name,E-mail\r\nMallory,m@x.example\r\n".to_owned(),
        ),
        (
            "POST /api/v1/mailboxes/{id}/folders",
            json!({"name": "Mallory's"}).to_string(),
        ),
        (
            "PATCH /api/v1/mail-folders/{id}",
            json!({"name": "Mallory's", "parent_id": ""}).to_string(),
        ),
        (
            "POST /api/v1/mail-folders/{id}/messages",
            MESSAGE.to_owned(),
        ),
        (
            "POST /api/v1/orgs/{org}/mail-uploads",
            "Mallory's file".to_owned(),
        ),
        (
            "POST /api/v1/mailboxes/{id}/flags",
            json!({"set": messages, "change": {"seen": true, "flagged": true}}).to_string(),
        ),
        (
            "POST /api/v1/mailboxes/{id}/move",
            json!({"set": messages, "to": t.folder}).to_string(),
        ),
        ("POST /api/v1/mailboxes/{id}/trash", selection.clone()),
        ("POST /api/v1/mailboxes/{id}/restore", selection.clone()),
        ("POST /api/v1/mailboxes/{id}/destroy", selection),
        ("PUT /api/v1/mailboxes/{id}/shares", share.to_string()),
        (
            "POST /api/v1/orgs/{org}/mail-domains",
            json!({"domain": "mallory.example"}).to_string(),
        ),
        (
            "PUT /api/v1/mailboxes/{id}/address",
            json!({"address": "mallory@demo.example"}).to_string(),
        ),
        (
            "POST /api/v1/mailboxes/{id}/aliases",
            json!({"address": "mallory@demo.example"}).to_string(),
        ),
    ])
}

/// The path with a sample value for each query parameter the operation requires.
fn with_query(path: String, op: &Operation) -> String {
    let values: Vec<String> = op
        .query
        .iter()
        .map(|name| {
            let value = match name.as_str() {
                "from" => "2026-11-01",
                "to" => "2027-01-01",
                "name" => "Sample",
                "limit" => "50",
                other => panic!("{} {}: add a sample for ?{other}", op.method, op.path),
            };
            format!("{name}={value}")
        })
        .collect();
    if values.is_empty() {
        path
    } else {
        format!("{path}?{}", values.join("&"))
    }
}

/// Everything Anna can read of her organization, by every GET of the document.
async fn what_anna_sees(server: &TestServer, anna: &User, t: &Targets) -> String {
    let mut seen = String::new();
    for op in operations()
        .into_iter()
        .filter(|op| op.method == Method::GET)
    {
        // The stream stays open; the sessions list moves with every request.
        if op.path.ends_with("/events") && op.path.starts_with("/api/v1/events")
            || op.path.starts_with("/api/v1/me/sessions")
        {
            continue;
        }
        let Some(path) = t.fill(&op.path) else {
            continue;
        };
        let path = with_query(path, &op);
        let res = anna.client.get(server.url(&path)).send().await.unwrap();
        seen.push_str(&format!(
            "{path} {}\n{}\n",
            res.status(),
            res.text().await.unwrap()
        ));
    }
    seen
}

/// Anna's calendar with an event, address book with a contact, team and session.
async fn anna_s_things(server: &TestServer, anna: &User) -> Targets {
    let org = anna.org("Demo SA");
    let (calendar, event_id) = server.an_event(anna, "Anna's").await;
    let file = format!("/api/v1/events/{event_id}/attachments?name=Anna's%20plan.txt");
    let attached: Value = anna
        .upload(&server.url(&file), "text/plain", "Anna's plan")
        .await
        .json()
        .await
        .unwrap();
    let books = server
        .get_json(anna, &format!("/api/v1/orgs/{org}/addressbooks"))
        .await;
    let book = books[0]["id"].as_str().unwrap().to_owned();
    let contact: Value = anna
        .client
        .post(server.url(&format!("/api/v1/addressbooks/{book}/contacts")))
        .json(&json!({"book_id": book, "first": "Ada", "last": "Lovelace"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let teams = server
        .get_json(anna, &format!("/api/v1/orgs/{org}/teams"))
        .await;
    let sessions = server.get_json(anna, "/api/v1/me/sessions").await;
    let mailboxes = server
        .get_json(anna, &format!("/api/v1/orgs/{org}/mailboxes"))
        .await;
    let mailbox = mailboxes[0]["id"].as_str().unwrap().to_owned();
    let folders = server
        .get_json(anna, &format!("/api/v1/mailboxes/{mailbox}/folders"))
        .await;
    let folder = folders[0]["id"].as_str().unwrap().to_owned();
    let stored: Value = anna
        .upload(
            &server.url(&format!("/api/v1/mail-folders/{folder}/messages")),
            "message/rfc822",
            ANNAS_MESSAGE,
        )
        .await
        .json()
        .await
        .unwrap();
    let added = server
        .post(
            anna,
            &format!("/api/v1/orgs/{org}/mail-domains"),
            &json!({"domain": "anna.example"}),
        )
        .await;
    assert_eq!(added.status(), StatusCode::CREATED);
    let own = server
        .get_json(anna, &format!("/api/v1/orgs/{org}/mailboxes"))
        .await[0]["address"]
        .as_str()
        .unwrap()
        .to_owned();
    let next_month = chrono::Utc::now() + chrono::Duration::days(30);
    let send = form(&app::mail::api::MailSend {
        org: org.clone(),
        mailbox: mailbox.clone(),
        composed: domain::mail::Composed {
            to: vec![own],
            subject: "Anna's plan".into(),
            ..Default::default()
        },
        later: Some(next_month.format("%Y-%m-%dT%H:%M").to_string()),
    });
    let sending = call(server, &anna.client, "/fn/mail_send", &send).await;
    assert_eq!(sending.status(), StatusCode::OK);
    let outgoing = sending.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    Targets {
        org,
        calendar,
        event: event_id,
        book,
        contact: contact["id"].as_str().unwrap().to_owned(),
        attachment: attached["id"].as_str().unwrap().to_owned(),
        team: teams[0]["id"].as_str().unwrap().to_owned(),
        anna: anna.id(),
        session: sessions[0]["id"].as_str().unwrap().to_owned(),
        mailbox,
        folder,
        message: stored["id"].as_str().unwrap().to_owned(),
        outgoing,
    }
}

/// A message in Anna's Inbox, with a file.
const ANNAS_MESSAGE: &str = "From: Anna's bank <bank@example.org>\r\nSubject: Anna's statement\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nAnna's balance\r\n--b\r\nContent-Type: application/pdf; name=statement.pdf\r\nContent-Disposition: attachment\r\n\r\n%PDF\r\n--b--\r\n";

/// Mallory, who signs up and so belongs to an organization of her own only.
async fn a_member_of_another_organization(server: &TestServer) -> User {
    client()
        .post(server.url("/api/v1/auth/signup"))
        .json(&json!({"name": "Mallory", "email": "mallory@example.ch", "password": "long enough 42"}))
        .send()
        .await
        .unwrap();
    server.login("mallory@example.ch", "long enough 42").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_organizations_ids_are_not_found_on_every_route_and_nothing_changes() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let t = anna_s_things(&server, &anna).await;
    let before = what_anna_sees(&server, &anna, &t).await;

    let mallory = a_member_of_another_organization(&server).await;
    let bodies = sample_bodies(&t);
    let mut tried = 0;
    for op in operations().into_iter().filter(|op| !op.public) {
        let Some(path) = t.fill(&op.path) else {
            continue;
        };
        let what = format!("{} {}", op.method, op.path);
        let path = with_query(path, &op);
        let mut request = mallory.client.request(op.method.clone(), server.url(&path));
        if let Some(kind) = &op.body_type {
            let body = bodies
                .get(what.as_str())
                .unwrap_or_else(|| panic!("{what}: add a sample body to this test"));
            request = request.header("content-type", kind).body(body.clone());
        }
        let res = request.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{what}");
        let body = res.text().await.unwrap();
        for secret in ["Anna Keller", "Demo SA", "Lovelace", "Anna's"] {
            assert!(!body.contains(secret), "{what} leaks {secret}");
        }
        tried += 1;
    }
    assert!(tried >= 30, "{tried} routes with ids");
    assert_eq!(
        what_anna_sees(&server, &anna, &t).await,
        before,
        "Mallory changed nothing"
    );
}

/// A server function's arguments, encoded as the app sends them.
fn form<T: serde::Serialize>(args: &T) -> String {
    serde_qs::to_string(args).expect("arguments encode")
}

/// Every server function with arguments for Anna's things; `true` when its first argument is
/// an organization (the others act on the caller's own account).
fn server_functions(t: &Targets) -> Vec<(&'static str, bool, String)> {
    use app::calendar::api as cal;
    use app::contacts::api as con;
    use app::mail::api as mail;
    use domain::calendar::{EventInput, Scope, TaskInput};
    let org = t.org.clone();
    let event = EventInput {
        calendar_id: t.calendar.clone(),
        title: "Mallory's".into(),
        all_day: false,
        start: "2026-12-01T09:00".into(),
        end: "2026-12-01T10:00".into(),
        time_zone: "UTC".into(),
        location: String::new(),
        description: String::new(),
        color: None,
        url: String::new(),
        video_url: String::new(),
        recurrence: None,
    };
    let task: TaskInput =
        serde_json::from_value(json!({"calendar_id": t.calendar, "title": "Mallory's"})).unwrap();
    let settings: domain::calendar::DisplaySettings = serde_json::from_value(json!({
        "week_start": 1, "day_start": 0, "day_end": 24, "work_start": 8, "work_end": 18,
        "show_weekends": true}))
    .unwrap();
    let contact: domain::contacts::ContactInput =
        serde_json::from_value(json!({"book_id": t.book, "first": "Mallory"})).unwrap();
    vec![
        ("/fn/session", false, form(&app::shell::api::GetSession {})),
        (
            "/fn/update_profile",
            false,
            form(&app::shell::api::UpdateProfile {
                name: "M".into(),
                locale: domain::locale::Locale::En,
                time_zone: "UTC".into(),
                country: None,
            }),
        ),
        (
            "/fn/set_presence",
            false,
            form(&app::shell::api::SetPresence {
                status: domain::presence::PresenceStatus::Busy,
                message: String::new(),
            }),
        ),
        (
            "/fn/time_zones",
            false,
            form(&app::shell::api::TimeZones {}),
        ),
        ("/fn/countries", false, form(&app::shell::api::Countries {})),
        (
            "/fn/account_sessions",
            false,
            form(&app::shell::api::AccountSessions {}),
        ),
        (
            "/fn/end_sessions",
            false,
            form(&app::shell::api::EndSessions {
                id: Some(t.session.clone()),
            }),
        ),
        (
            "/fn/resend_verification",
            false,
            form(&app::shell::api::ResendVerification {}),
        ),
        (
            "/fn/change_email",
            false,
            form(&app::shell::api::ChangeEmail {
                email: "mallory@example.com".into(),
                password: "x".into(),
            }),
        ),
        (
            "/fn/change_password",
            false,
            form(&app::shell::api::ChangePassword {
                current: "x".into(),
                new: "long enough 4242".into(),
            }),
        ),
        (
            "/fn/team",
            true,
            form(&app::space::api::Team { org: org.clone() }),
        ),
        (
            "/fn/contact_books",
            true,
            form(&con::ContactBooks { org: org.clone() }),
        ),
        (
            "/fn/book_contacts",
            true,
            form(&con::BookContacts {
                org: org.clone(),
                book: Some(t.book.clone()),
            }),
        ),
        (
            "/fn/recent_contacts",
            true,
            form(&con::RecentContacts { org: org.clone() }),
        ),
        (
            "/fn/contact",
            true,
            form(&con::LoadContact {
                org: org.clone(),
                id: t.contact.clone(),
            }),
        ),
        (
            "/fn/save_contact",
            true,
            form(&con::SaveContact {
                org: org.clone(),
                id: Some(t.contact.clone()),
                contact,
            }),
        ),
        (
            "/fn/delete_contact",
            true,
            form(&con::RemoveContact {
                org: org.clone(),
                id: t.contact.clone(),
            }),
        ),
        (
            "/fn/save_book",
            true,
            form(&con::SaveBook {
                org: org.clone(),
                id: Some(t.book.clone()),
                name: "Mallory's".into(),
            }),
        ),
        (
            "/fn/change_book",
            true,
            form(&con::ChangeBook {
                org: org.clone(),
                id: t.book.clone(),
                change: con::BookChange::Delete,
            }),
        ),
        (
            "/fn/contacts_bulk",
            true,
            form(&con::ContactsBulk {
                org: org.clone(),
                ids: vec![t.contact.clone()],
                action: con::BulkAction::Delete,
            }),
        ),
        (
            "/fn/undo_import",
            true,
            form(&app::import::UndoImport {
                org: org.clone(),
                kind: domain::live::CollectionKind::AddressBook,
                id: t.book.clone(),
                changes: domain::import::ImportChanges {
                    created: vec![t.contact.clone()],
                    ..Default::default()
                },
                made: false,
            }),
        ),
        (
            "/fn/book_groups",
            true,
            form(&con::BookGroups {
                org: org.clone(),
                book: Some(t.book.clone()),
            }),
        ),
        (
            "/fn/change_group",
            true,
            form(&con::ChangeGroup {
                org: org.clone(),
                book: t.book.clone(),
                name: "Mallory".into(),
                delete: false,
            }),
        ),
        (
            "/fn/contacts_trash",
            true,
            form(&con::ContactsTrash { org: org.clone() }),
        ),
        (
            "/fn/undo_trashing",
            true,
            form(&app::trash::UndoTrashing {
                org: org.clone(),
                id: t.contact.clone(),
                kind: domain::trash::TrashKind::Contact,
            }),
        ),
        (
            "/fn/restore_book_day",
            true,
            form(&con::RestoreBookDay {
                org: org.clone(),
                book: t.book.clone(),
                day: "2026-11-30".into(),
            }),
        ),
        (
            "/fn/book_duplicates",
            true,
            form(&con::BookDuplicates {
                org: org.clone(),
                book: t.book.clone(),
            }),
        ),
        (
            "/fn/merge_preview",
            true,
            form(&con::PreviewMerge {
                org: org.clone(),
                reference: t.contact.clone(),
                others: vec![t.contact.clone()],
            }),
        ),
        (
            "/fn/merge_contacts",
            true,
            form(&con::MergeContacts {
                org: org.clone(),
                reference: t.contact.clone(),
                others: vec![t.contact.clone()],
            }),
        ),
        (
            "/fn/calendar_home",
            true,
            form(&cal::CalendarHome { org: org.clone() }),
        ),
        (
            "/fn/calendar_events",
            true,
            form(&cal::CalendarEvents {
                org: org.clone(),
                view: "month".into(),
                day: Some("2026-12-01".into()),
            }),
        ),
        (
            "/fn/next_events",
            true,
            form(&cal::NextEvents { org: org.clone() }),
        ),
        (
            "/fn/calendar_event",
            true,
            form(&cal::LoadEvent {
                org: org.clone(),
                id: t.event.clone(),
                instance: None,
            }),
        ),
        (
            "/fn/save_event",
            true,
            form(&cal::SaveEvent {
                org: org.clone(),
                id: Some(t.event.clone()),
                instance: None,
                scope: Scope::All,
                event,
            }),
        ),
        (
            "/fn/event_attachments",
            true,
            form(&cal::EventAttachments {
                org: org.clone(),
                id: t.event.clone(),
            }),
        ),
        (
            "/fn/remove_attachment",
            true,
            form(&cal::RemoveAttachment {
                org: org.clone(),
                id: t.attachment.clone(),
            }),
        ),
        (
            "/fn/delete_event",
            true,
            form(&cal::DeleteEvent {
                org: org.clone(),
                id: t.event.clone(),
                instance: None,
                scope: Scope::All,
            }),
        ),
        (
            "/fn/video_link",
            true,
            form(&cal::NewVideoLink { org: org.clone() }),
        ),
        (
            "/fn/calendar_tasks",
            true,
            form(&cal::CalendarTasks {
                org: org.clone(),
                calendar: t.calendar.clone(),
            }),
        ),
        (
            "/fn/calendar_task",
            true,
            form(&cal::LoadTask {
                org: org.clone(),
                id: t.event.clone(),
            }),
        ),
        (
            "/fn/save_task",
            true,
            form(&cal::SaveTask {
                org: org.clone(),
                id: None,
                task,
            }),
        ),
        (
            "/fn/task_done",
            true,
            form(&cal::TaskDone {
                org: org.clone(),
                id: t.event.clone(),
                done: true,
            }),
        ),
        (
            "/fn/delete_task",
            true,
            form(&cal::DeleteTask {
                org: org.clone(),
                id: t.event.clone(),
            }),
        ),
        (
            "/fn/save_calendar",
            true,
            form(&cal::SaveCalendar {
                org: org.clone(),
                id: Some(t.calendar.clone()),
                name: "Mallory's".into(),
                color: "#112233".into(),
                holidays: None,
            }),
        ),
        (
            "/fn/calendar_action",
            true,
            form(&cal::CalendarAction {
                org: org.clone(),
                id: t.calendar.clone(),
                action: cal::CalendarChange::Delete,
            }),
        ),
        (
            "/fn/calendar_trash",
            true,
            form(&cal::CalendarTrash { org: org.clone() }),
        ),
        (
            "/fn/calendar_item_count",
            true,
            form(&cal::CalendarItemCount {
                org: org.clone(),
                id: t.calendar.clone(),
            }),
        ),
        (
            "/fn/public_link",
            true,
            form(&cal::PublicLink {
                org: org.clone(),
                id: t.calendar.clone(),
                enabled: true,
            }),
        ),
        (
            "/fn/calendar_settings",
            true,
            form(&cal::SaveSettings {
                org: org.clone(),
                settings,
            }),
        ),
        (
            "/fn/shares",
            true,
            form(&app::sharing::ListShares {
                org: org.clone(),
                kind: domain::live::CollectionKind::Calendar,
                id: t.calendar.clone(),
            }),
        ),
        (
            "/fn/share",
            true,
            form(&app::sharing::SetShare {
                org: org.clone(),
                kind: domain::live::CollectionKind::Calendar,
                id: t.calendar.clone(),
                grantee: domain::sharing::Grantee::Organization,
                level: Some(domain::sharing::ShareLevel::Modify),
            }),
        ),
        (
            "/fn/directory_listing",
            true,
            form(&app::manager::SetDirectoryListing {
                org: org.clone(),
                account: t.anna.clone(),
                shown: false,
            }),
        ),
        (
            "/fn/org_teams",
            true,
            form(&app::space::api::OrgTeams { org: org.clone() }),
        ),
        (
            "/fn/change_team",
            true,
            form(&app::manager::teams::ChangeTeam {
                org: org.clone(),
                change: app::manager::teams::TeamChange::Delete {
                    team: t.team.clone(),
                },
            }),
        ),
        (
            "/fn/mailboxes",
            true,
            form(&mail::Mailboxes { org: org.clone() }),
        ),
        (
            "/fn/mail_overview",
            true,
            form(&mail::MailOverview { org: org.clone() }),
        ),
        (
            "/fn/mail_save_draft",
            true,
            form(&mail::MailSaveDraft {
                org: org.clone(),
                mailbox: t.mailbox.clone(),
                composed: domain::mail::Composed::default(),
            }),
        ),
        (
            "/fn/mail_draft",
            true,
            form(&mail::MailDraft {
                org: org.clone(),
                message: t.message.clone(),
            }),
        ),
        (
            "/fn/mail_discard_draft",
            true,
            form(&mail::MailDiscardDraft {
                org: org.clone(),
                draft: "a-draft".into(),
            }),
        ),
        (
            "/fn/mail_opening",
            true,
            form(&mail::MailOpening { org: org.clone() }),
        ),
        (
            "/fn/mail_folders",
            true,
            form(&mail::MailFolders {
                org: org.clone(),
                mailbox: t.mailbox.clone(),
            }),
        ),
        (
            "/fn/change_mail_folder",
            true,
            form(&mail::ChangeMailFolder {
                org: org.clone(),
                change: mail::FolderChange::Create {
                    mailbox: t.mailbox.clone(),
                    parent: String::new(),
                    name: "Mallory's".into(),
                },
            }),
        ),
        (
            "/fn/mail_list",
            true,
            form(&mail::MailList {
                org: org.clone(),
                query: domain::mail::ListQuery {
                    mailbox_id: t.mailbox.clone(),
                    folder_id: t.folder.clone(),
                    limit: 50,
                    ..Default::default()
                },
            }),
        ),
        (
            "/fn/mail_message",
            true,
            form(&mail::MailMessage {
                org: org.clone(),
                id: t.message.clone(),
            }),
        ),
        (
            "/fn/mail_act",
            true,
            form(&mail::MailAct {
                org: org.clone(),
                mailbox: t.mailbox.clone(),
                action: mail::MailAction::Trash {
                    set: domain::mail::MessageSet::Ids(vec![t.message.clone()]),
                },
            }),
        ),
        (
            "/fn/mail_send",
            true,
            form(&mail::MailSend {
                org: org.clone(),
                mailbox: t.mailbox.clone(),
                composed: domain::mail::Composed {
                    to: vec!["mallory@example.ch".into()],
                    subject: "From Anna's mailbox".into(),
                    ..Default::default()
                },
                later: None,
            }),
        ),
        (
            "/fn/mail_suggest",
            true,
            form(&mail::MailSuggest {
                org: org.clone(),
                typed: "anna".into(),
            }),
        ),
        (
            "/fn/mail_unsend",
            true,
            form(&mail::MailUnsend {
                org: org.clone(),
                id: t.outgoing.clone(),
            }),
        ),
        (
            "/fn/mail_domains",
            true,
            form(&mail::MailDomains { org: org.clone() }),
        ),
        (
            "/fn/change_mail_domain",
            true,
            form(&mail::ChangeMailDomain {
                org: org.clone(),
                change: mail::DomainChange::Add {
                    domain: "mallory.example".into(),
                },
            }),
        ),
        (
            "/fn/change_mail_address",
            true,
            form(&mail::ChangeMailAddress {
                org: org.clone(),
                mailbox: t.mailbox.clone(),
                change: mail::AddressChange::AddAlias {
                    address: "mallory@demo.example".into(),
                },
            }),
        ),
        (
            "/fn/org_settings",
            true,
            form(&app::manager::settings::LoadOrgSettings { org: org.clone() }),
        ),
        (
            "/fn/save_org_settings",
            true,
            form(&app::manager::settings::SaveOrgSettings {
                org,
                video_base_url: "https://meet.example".into(),
            }),
        ),
    ]
}

/// What anyone may call: the pages before sign-in need them.
const PUBLIC_FUNCTIONS: [&str; 9] = [
    "/fn/log_in",
    "/fn/sign_up",
    "/fn/sign_up_open",
    "/fn/log_out",
    "/fn/set_language",
    "/fn/mail_configured",
    "/fn/forgot_password",
    "/fn/reset_password",
    "/fn/confirm_email",
];

async fn call(
    server: &TestServer,
    http: &reqwest::Client,
    path: &str,
    args: &str,
) -> reqwest::Response {
    let method = leptos::server_fn::axum::server_fn_paths()
        .find(|(p, _)| *p == path)
        .map(|(_, m)| m)
        .unwrap_or_else(|| panic!("{path} is no server function"));
    let request = if method == http::Method::GET {
        http.get(server.url(&format!("{path}?{args}")))
    } else {
        http.post(server.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(args.to_owned())
    };
    request.send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_server_function_needs_a_session_and_refuses_another_organizations_ids() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let t = anna_s_things(&server, &anna).await;
    let listed: Vec<&str> = server_functions(&t)
        .iter()
        .map(|(p, _, _)| *p)
        .chain(PUBLIC_FUNCTIONS)
        .collect();
    let mut registered: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(p, _)| p)
        .filter(|p| p.starts_with("/fn/"))
        .collect();
    registered.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(
        registered, sorted,
        "add each new server function to this test"
    );

    let anonymous = client();
    for (path, _, args) in server_functions(&t) {
        let res = call(&server, &anonymous, path, &args).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{path}");
    }

    let before = what_anna_sees(&server, &anna, &t).await;
    let mallory = a_member_of_another_organization(&server).await;
    for (path, _, args) in server_functions(&t)
        .into_iter()
        .filter(|(p, org, _)| *org || *p == "/fn/end_sessions")
    {
        let res = call(&server, &mallory.client, path, &args).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
        let body = res.text().await.unwrap();
        for secret in ["Anna Keller", "Demo SA", "Lovelace", "Anna's"] {
            assert!(!body.contains(secret), "{path} leaks {secret}");
        }
    }
    assert_eq!(
        what_anna_sees(&server, &anna, &t).await,
        before,
        "Mallory changed nothing"
    );

    // The arguments are ones the functions read: for Anna they reach her things.
    for (path, _, args) in server_functions(&t) {
        let res = call(&server, &anna.client, path, &args).await;
        assert_ne!(
            res.status(),
            StatusCode::BAD_REQUEST,
            "{path}: {}",
            res.text().await.unwrap()
        );
    }
}
