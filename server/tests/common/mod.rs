//! Starts the real server on port 0 over a throw-away database (SQLite, or PostgreSQL when
//! `KSUITE_TEST_POSTGRES` is set) with the demo seeded, and talks HTTP to it.
//!
//! The tests run on multi-threaded runtimes, as `ksuite serve` does. On the default
//! single-threaded test runtime, with two tests' servers in one process, about one run in fifty
//! left a server-rendered page (`/s/{org}/home`) unfinished forever; none did in 120 runs on
//! these runtimes.

#![allow(dead_code)]

use domain::testing::TestDb;
use reqwest::{Client, Response, StatusCode};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

pub const PASSWORD: &str = "kSuite-demo-2026";

pub struct TestServer {
    pub base: String,
    /// Where its SMTP listener takes mail for the organizations' domains.
    pub smtp: std::net::SocketAddr,
    pub site: PathBuf,
    pub db: TestDb,
    task: tokio::task::JoinHandle<Result<(), server::StartError>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
        let _ = std::fs::remove_dir_all(&self.site);
    }
}

impl TestServer {
    /// With the demo organization seeded, as `--demo` does.
    pub async fn start() -> TestServer {
        TestServer::start_with(true).await
    }

    pub async fn start_with(demo: bool) -> TestServer {
        TestServer::start_configured(demo, app::context::Settings::default()).await
    }

    /// Sending its mail through the SMTP server at `smtp_url`.
    pub async fn start_mailing(smtp_url: &str) -> TestServer {
        let mail = server::MailConfig {
            smtp_url: Some(smtp_url.to_owned()),
            from: Some("no-reply@suite.example".into()),
        };
        TestServer::start_full(true, app::context::Settings::default(), mail).await
    }

    /// With these deployment settings (public URL, trusted proxies, sign-up).
    pub async fn start_configured(demo: bool, settings: app::context::Settings) -> TestServer {
        TestServer::start_full(demo, settings, server::MailConfig::default()).await
    }

    async fn start_full(
        demo: bool,
        settings: app::context::Settings,
        mail: server::MailConfig,
    ) -> TestServer {
        let db = TestDb::new().await;
        let site = std::env::temp_dir().join(format!("ksuite-site-{}", domain::ids::new_id()));
        make_site(&site);
        let running = server::start(server::Config {
            addr: "127.0.0.1:0".parse().expect("address"),
            // Its blobs; the database is `db`.
            data_dir: site.join("data"),
            database_url: Some(db.url.clone()),
            demo: demo.then_some(server::Demo::Accounts),
            site_root: site.clone(),
            settings,
            mail,
            smtp_addr: Some("127.0.0.1:0".parse().expect("address")),
        })
        .await
        .expect("server starts");
        TestServer {
            base: format!("http://{}", running.addr),
            smtp: running.smtp_addr.expect("the SMTP listener's address"),
            site,
            db,
            task: running.task,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GETs `path` as `user` and parses the JSON answer.
    pub async fn get_json(&self, user: &User, path: &str) -> Value {
        let res = user
            .client
            .get(self.url(path))
            .send()
            .await
            .expect("request");
        res.json().await.expect("JSON body")
    }

    /// POSTs `body` as JSON as `user` and parses the JSON answer.
    pub async fn post_json(&self, user: &User, path: &str, body: &Value) -> Value {
        let res = self.post(user, path, body).await;
        res.json().await.expect("JSON body")
    }

    /// POSTs `body` as JSON as `user`.
    pub async fn post(&self, user: &User, path: &str, body: &Value) -> Response {
        user.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .expect("request")
    }

    /// An event titled `title` on 1 December 2026 in the user's first calendar in Demo SA:
    /// (calendar id, event id).
    pub async fn an_event(&self, user: &User, title: &str) -> (String, String) {
        let org = user.org("Demo SA");
        let calendars = self
            .get_json(user, &format!("/api/v1/orgs/{org}/calendars"))
            .await;
        let calendar = calendars[0]["id"].as_str().expect("a calendar").to_owned();
        let event = json!({"calendar_id": calendar, "title": title, "all_day": false,
            "start": "2026-12-01T09:00", "end": "2026-12-01T10:00", "time_zone": "UTC"});
        let created = self
            .post_json(
                user,
                &format!("/api/v1/calendars/{calendar}/events"),
                &event,
            )
            .await;
        let id = created["id"].as_str().expect("the event's id").to_owned();
        (calendar, id)
    }

    /// A client with its own cookie jar, signed in as `email`.
    pub async fn login(&self, email: &str, password: &str) -> User {
        let client = client();
        let res = client
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("login request");
        assert_eq!(res.status(), StatusCode::OK, "login of {email}");
        let session: Value = res.json().await.expect("session json");
        User { client, session }
    }

    pub async fn demo(&self, name: &str) -> User {
        self.login(&format!("{name}@demo.example"), PASSWORD).await
    }
}

/// A client that gives up after 30 s, so a request the server never answers fails the test
/// with its address instead of hanging the test run.
pub fn client() -> Client {
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("client")
}

pub struct User {
    pub client: Client,
    pub session: Value,
}

impl User {
    /// POSTs a file's body as `content_type` (an import).
    pub async fn upload(
        &self,
        url: &str,
        content_type: &str,
        body: impl Into<reqwest::Body>,
    ) -> Response {
        self.client
            .post(url)
            .header("content-type", content_type)
            .body(body)
            .send()
            .await
            .expect("upload")
    }

    /// GETs a download, checks that it came as `content_type`, and returns its text.
    pub async fn download(&self, url: &str, content_type: &str) -> String {
        let res = self.client.get(url).send().await.expect("download");
        assert_eq!(res.status(), StatusCode::OK);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with(content_type));
        res.text().await.expect("download body")
    }

    pub fn id(&self) -> String {
        self.session["account"]["id"]
            .as_str()
            .expect("account id")
            .to_owned()
    }

    /// The id of the organization named `name` among the user's organizations.
    pub fn org(&self, name: &str) -> String {
        self.session["orgs"]
            .as_array()
            .expect("orgs")
            .iter()
            .find(|o| o["name"] == name)
            .and_then(|o| o["id"].as_str())
            .unwrap_or_else(|| panic!("no org {name}"))
            .to_owned()
    }
}

/// Reads an event stream until an event whose text contains `needle`, and returns that event.
pub async fn wait_for_event(res: Response, needle: &str) -> String {
    use futures::StreamExt;
    let mut stream = res.bytes_stream();
    let mut seen = String::new();
    let found = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        while let Some(Ok(chunk)) = stream.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk));
            if let Some(event) = seen.split("\n\n").find(|e| e.contains(needle)) {
                return event.to_owned();
            }
        }
        String::new()
    })
    .await;
    found.unwrap_or_else(|_| panic!("no event with {needle}; got {seen:?}"))
}

/// Everything an event stream says within `wait`.
pub async fn events_within(res: Response, wait: std::time::Duration) -> String {
    use futures::StreamExt;
    let mut stream = res.bytes_stream();
    let mut seen = String::new();
    let _ = tokio::time::timeout(wait, async {
        while let Some(Ok(chunk)) = stream.next().await {
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    })
    .await;
    seen
}

/// Reads the API's error body and returns its code.
pub async fn error_code(res: Response) -> String {
    let body: Value = res.json().await.expect("error body is JSON");
    body["error"]["code"]
        .as_str()
        .expect("error.code")
        .to_owned()
}

/// A minimal built front end, so asset routes have files to serve.
pub fn make_site(site: &Path) {
    let pkg = site.join("pkg").join("testbuild");
    std::fs::create_dir_all(&pkg).expect("site dir");
    std::fs::create_dir_all(site.join("icons")).expect("icons dir");
    std::fs::write(site.join("build_id"), "testbuild\n").expect("build id");
    std::fs::write(pkg.join("app.js"), "export default 1;").expect("app.js");
    std::fs::write(pkg.join("app.js.br"), b"brotli bytes").expect("app.js.br");
    std::fs::write(site.join("sw.js"), "const BUILD = \"__BUILD_ID__\";").expect("sw.js");
}

/// A `ksuite serve` process of its own (the binary this package builds) on `database_url`,
/// killed (SIGKILL) when dropped.
pub struct Process {
    child: std::process::Child,
    pub base: String,
    site: PathBuf,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.site);
    }
}

impl Process {
    /// Started with `args` after `serve`, once it answers `/healthz`.
    pub async fn start(database_url: &str, args: &[&str]) -> Process {
        use std::process::{Command, Stdio};
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port")
            .port();
        let site = std::env::temp_dir().join(format!("ksuite-process-{port}"));
        make_site(&site);
        let child = Command::new(env!("CARGO_BIN_EXE_ksuite"))
            .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
            .arg("--site-root")
            .arg(&site)
            .arg("--data-dir")
            .arg(site.join("data"))
            .args(args)
            .env("DATABASE_URL", database_url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("ksuite starts");
        let process = Process {
            child,
            base: format!("http://127.0.0.1:{port}"),
            site,
        };
        let http = client();
        for _ in 0..300 {
            let up = http
                .get(format!("{}/healthz", process.base))
                .send()
                .await
                .is_ok_and(|r| r.status() == StatusCode::OK);
            if up {
                return process;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("ksuite did not answer on {}", process.base);
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn demo(&self, name: &str) -> User {
        let http = client();
        let res = http
            .post(self.url("/api/v1/auth/login"))
            .json(&json!({ "email": format!("{name}@demo.example"), "password": PASSWORD }))
            .send()
            .await
            .expect("login request");
        assert_eq!(res.status(), StatusCode::OK);
        let session: Value = res.json().await.expect("session json");
        User {
            client: http,
            session,
        }
    }
}

/// The SMTP server the test command started (`KSUITE_TEST_SMTP`, an `smtp://` URL) and the
/// Maildir it stores what it accepts in (`KSUITE_TEST_MAILDIR`).
pub fn test_smtp() -> Option<(String, PathBuf)> {
    let url = std::env::var("KSUITE_TEST_SMTP").ok()?;
    let maildir = std::env::var_os("KSUITE_TEST_MAILDIR")?;
    Some((url, PathBuf::from(maildir)))
}

/// A message the SMTP server took: its subject and plain text.
#[derive(Debug, Clone)]
pub struct Mail {
    pub subject: String,
    pub text: String,
}

impl Mail {
    /// The token of the link to `page` in the text.
    pub fn token(&self, page: &str) -> String {
        let start = self
            .text
            .find(&format!("{page}?token="))
            .unwrap_or_else(|| panic!("no {page} link in {}", self.text));
        let rest = &self.text[start..];
        rest[rest.find('=').expect("=") + 1..]
            .chars()
            .take_while(|c| c.is_ascii_hexdigit())
            .collect()
    }
}

/// Every message in `maildir` to `to`.
pub fn mail_to(maildir: &Path, to: &str) -> Vec<Mail> {
    let Ok(files) = std::fs::read_dir(maildir.join("new")) else {
        return Vec::new();
    };
    files
        .filter_map(|f| std::fs::read(f.ok()?.path()).ok())
        .filter_map(|raw| {
            let message = mail_parser::MessageParser::default().parse(&raw)?;
            let addressed = message
                .to()
                .and_then(|to| to.first())
                .and_then(|a| a.address())
                .is_some_and(|a| a.eq_ignore_ascii_case(to));
            addressed.then(|| Mail {
                subject: message.subject().unwrap_or_default().to_owned(),
                text: message.body_text(0).unwrap_or_default().into_owned(),
            })
        })
        .collect()
}

/// Waits (up to `secs`) for a message to `to` with this subject, and returns it.
pub async fn wait_for_mail(maildir: &Path, to: &str, subject: &str, secs: u64) -> Mail {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if let Some(mail) = mail_to(maildir, to)
            .into_iter()
            .find(|m| m.subject == subject)
        {
            return mail;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no mail to {to} with subject {subject:?}; got {:?}",
            mail_to(maildir, to)
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}
