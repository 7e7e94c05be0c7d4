//! `cargo xtask test`: every test, on both databases and in the browser.

use crate::build::{self, Built};
use crate::postgres::Postgres;
use crate::setup;
use crate::smtp::SmtpServer;
use crate::util::{cargo, free_port, run, wait_for_http, workspace_root, Result};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub fn all() -> Result {
    setup::build_tools(false)?;
    setup::test_tools()?;
    let built = build::build(false)?;
    let mut failed = Vec::new();
    let mut passed = 0;
    let mut step = |name: &str, result: Result| match result {
        Ok(()) => passed += 1,
        Err(err) => {
            eprintln!("xtask: {name}: {err}");
            failed.push(name.to_owned());
        }
    };

    step("formatting", run(cargo().args(["fmt", "--all", "--check"])));
    step(
        "lints",
        run(cargo().args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ])),
    );
    let smtp = SmtpServer::start();
    if let Err(err) = &smtp {
        step("SMTP server for the mail tests", Err(err.clone()));
    }
    let mail_env: Vec<(&str, String)> = smtp.iter().flat_map(|s| s.env()).collect();
    step(
        "cargo tests on SQLite",
        run(cargo().args(["test", "--workspace"]).envs(mail_env.clone())),
    );
    match Postgres::start() {
        Ok(pg) => step(
            "storage and integration tests on PostgreSQL",
            run(cargo()
                .args(["test", "-p", "domain", "-p", "server", "--tests"])
                .envs(mail_env.clone())
                .env("KSUITE_TEST_POSTGRES", pg.url())),
        ),
        Err(err) => step("PostgreSQL", Err(err)),
    }
    step(
        "browser tests",
        smtp.as_ref()
            .map_err(Clone::clone)
            .and_then(|smtp| browser_tests(&built, smtp)),
    );
    step(
        "the API against its description (schemathesis)",
        crate::api_conformance::run(&built),
    );

    eprintln!();
    eprintln!("suites: {passed} passed, {} failed", failed.len());
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed: {}", failed.join(", ")))
    }
}

/// The real server, started with the demo's accounts on a free port for the browser tests
/// (`start_seeded` for the demo's month too).
pub struct Server {
    child: Child,
    pub addr: String,
    data: PathBuf,
    /// Its standard error: a panic there fails the suite even when the browser never saw it (a
    /// request that died on one worker while the page retried, say).
    log: PathBuf,
}

impl Server {
    pub fn start(built: &Built, extra_env: &[(&str, &str)]) -> Result<Server> {
        Server::start_seeded(built, "accounts", extra_env)
    }

    /// With `--demo=<demo>`: "accounts", or "month" for the living workspace a newcomer sees.
    pub fn start_seeded(built: &Built, demo: &str, extra_env: &[(&str, &str)]) -> Result<Server> {
        let port = free_port()?;
        let addr = format!("127.0.0.1:{port}");
        let data = std::env::temp_dir().join(format!("ksuite-e2e-{}-{port}", std::process::id()));
        let mut cmd = Command::new(&built.server);
        cmd.arg("serve")
            .arg(format!("--demo={demo}"))
            .args(["--addr", &addr, "--data-dir"])
            .arg(&data)
            .arg("--site-root")
            .arg(&built.site)
            .env("RUST_LOG", "warn")
            .env("RUST_BACKTRACE", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        let log = data.with_extension("log");
        let stderr = std::fs::File::create(&log)
            .map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        cmd.stderr(stderr);
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        let server = Server {
            child,
            addr,
            data,
            log,
        };
        wait_for_http(&server.addr, 60)?;
        Ok(server)
    }

    /// An error naming every panic the server logged so far, each with its message and the
    /// start of its backtrace: the first line alone names only the library that noticed.
    pub fn no_panics(&self) -> Result {
        let log = std::fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        let panics: Vec<String> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.contains("panicked at"))
            .map(|(i, _)| lines[i..(i + 40).min(lines.len())].join("\n"))
            .collect();
        if panics.is_empty() {
            return Ok(());
        }
        Err(format!(
            "the server panicked {} times:\n{}",
            panics.len(),
            panics.join("\n---\n")
        ))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
        let _ = std::fs::remove_file(&self.log);
    }
}

fn browser_tests(built: &Built, smtp: &SmtpServer) -> Result {
    let python = crate::setup::interop_python()?;
    let server = Server::start(built, &[("KSUITE_SMTP_URL", &smtp.url())])?;
    // The demo as a newcomer meets it, for the spec that checks it (demo.spec.mjs).
    let month = Server::start_seeded(built, "month", &[])?;
    let e2e = workspace_root().join("e2e");
    let specs: Vec<PathBuf> = std::fs::read_dir(&e2e)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".spec.mjs"))
        .collect();
    let tests = run(Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .args(&specs)
        .env("BASE_URL", format!("http://{}", server.addr))
        .env("DEMO_URL", format!("http://{}", month.addr))
        .env("KSUITE_PYTHON", python)
        .env("MAILDIR", &smtp.maildir)
        .current_dir(&e2e));
    // A panic first: it is the cause of whatever the browser then saw fail.
    server.no_panics().and(month.no_panics()).and(tests)
}
