//! The REST API against its own description: schemathesis (PyPI) generates requests from
//! `/api/v1/openapi.json` and sends them to the real server with demo data, signed in as an
//! administrator and with the demo's ids where a route takes one, so its requests reach the
//! handlers. It fails on any 5xx, any status, content type, header or body the document does
//! not describe, and any reference in the document it cannot resolve.

use crate::bench::{get, json_string, log_in, post, DEMO_PASSWORD};
use crate::build::Built;
use crate::setup::python_venv;
use crate::test::Server;
use crate::util::Result;
use std::process::Command;

const SCHEMATHESIS: &str = "schemathesis==4.32.5";

/// Routes that end the session the run is signed in with: the rest would then only see 401.
const SESSION_ENDING: &str = "^/api/v1/(auth/logout|me/password|me/sessions.*)$";

pub fn run(built: &Built) -> Result {
    let python = python_venv("schemathesis", "schemathesis", &[SCHEMATHESIS])?;
    let st = python.with_file_name("st");
    // A server of its own: the run changes and deletes what it finds.
    let server = Server::start(built, &[])?;
    let addr = server.addr.clone();
    let (cookie, home) = log_in(&addr, "ben@demo.example", DEMO_PASSWORD)?;
    let org = home
        .strip_prefix("/s/")
        .and_then(|rest| rest.split('/').next())
        .ok_or_else(|| format!("unexpected landing page {home}"))?
        .to_owned();
    let first_id = |path: String| -> Result<String> {
        let list = get(&addr, &path, &cookie)?;
        json_string(&list, "id").ok_or_else(|| format!("no id in {path}: {list}"))
    };
    let calendar = first_id(format!("/api/v1/orgs/{org}/calendars"))?;
    let book = first_id(format!("/api/v1/orgs/{org}/addressbooks"))?;
    let team = first_id(format!("/api/v1/orgs/{org}/teams"))?;
    let me = get(&addr, "/api/v1/me", &cookie)?;
    let account = json_string(&me, "id").ok_or("no account id")?;
    let event = post(
        &addr,
        &format!("/api/v1/calendars/{calendar}/events"),
        &cookie,
        "application/json",
        br#"{"calendar_id":"","title":"Planning","all_day":false,"start":"2026-12-01T09:00","end":"2026-12-01T10:00","time_zone":"UTC"}"#,
    )?;
    let event = json_string(&event, "id").ok_or("no event id")?;
    let contact = post(
        &addr,
        &format!("/api/v1/addressbooks/{book}/contacts"),
        &cookie,
        "application/json",
        format!(r#"{{"book_id":"{book}","first":"Ada","last":"Lovelace"}}"#).as_bytes(),
    )?;
    let contact = json_string(&contact, "id").ok_or("no contact id")?;
    let mailbox = first_id(format!("/api/v1/orgs/{org}/mailboxes"))?;
    let folder = first_id(format!("/api/v1/mailboxes/{mailbox}/folders"))?;
    let message = post(
        &addr,
        &format!("/api/v1/mail-folders/{folder}/messages"),
        &cookie,
        "message/rfc822",
        b"From: Shop <news@shop.example>\r\nSubject: Offers\r\n\r\nHello\r\n",
    )?;
    let message = json_string(&message, "id").ok_or("no message id")?;

    let dir = std::env::temp_dir().join(format!("ksuite-schemathesis-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let config = dir.join("schemathesis.toml");
    let by_prefix = [
        ("calendars", &calendar),
        ("events", &event),
        ("addressbooks", &book),
        ("contacts", &contact),
        ("mailboxes", &mailbox),
        ("mail-folders", &folder),
        ("messages", &message),
    ]
    .iter()
    .map(|(prefix, id)| {
        format!(
            "[[operations]]\ninclude-path-regex = \"^/api/v1/{prefix}/\"\nparameters = {{ id = \"{id}\" }}\n"
        )
    })
    .collect::<String>();
    std::fs::write(
        &config,
        format!(
            "headers = {{ Cookie = \"{cookie}\" }}\n[parameters]\norg = \"{org}\"\nteam = \"{team}\"\naccount = \"{account}\"\n{by_prefix}"
        ),
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(dir.join("hooks.py"), HOOKS).map_err(|e| e.to_string())?;
    let url = format!("http://{addr}/api/v1/openapi.json");
    let run = Command::new(&st)
        .arg("--config-file")
        .arg(&config)
        .args(["run", &url])
        // Every check but two: a request without the session cookie cannot be made with the
        // cookie in the config (the route tests prove the 401), and a schema cannot say which
        // dates, time zones or names exist (those come back as the documented 422).
        .args(["--checks", "all"])
        .args([
            "--exclude-checks",
            "negative_data_rejection,positive_data_acceptance",
        ])
        .args(["--max-examples", "10", "--seed", "20261201"])
        .args(["--exclude-path-regex", SESSION_ENDING])
        .args(["--no-color", "--generation-database", "none"])
        .current_dir(&dir)
        .env("SCHEMATHESIS_HOOKS", "hooks")
        .env("PYTHONPATH", &dir)
        .output()
        .map_err(|e| format!("cannot run schemathesis: {e}"))?;
    let _ = std::fs::remove_dir_all(&dir);
    let report = String::from_utf8_lossy(&run.stdout);
    if !run.status.success() {
        return Err(format!("schemathesis found failures:\n{report}"));
    }
    if report.contains("Unresolvable references") {
        return Err(format!(
            "unresolvable references in the document:\n{report}"
        ));
    }
    eprintln!("{}", summary(&report));
    server.no_panics()
}

/// How schemathesis writes bodies of the types it does not know: a message (RFC 5322) is
/// sent as the text generated for it.
const HOOKS: &str = r#"import schemathesis


@schemathesis.serializer("message/rfc822")
def rfc822(ctx, value):
    return value if isinstance(value, bytes) else str(value).encode()
"#;

/// The run's summary, from its SUMMARY line on.
fn summary(text: &str) -> &str {
    text.find("SUMMARY").map_or(text, |at| &text[at..])
}
