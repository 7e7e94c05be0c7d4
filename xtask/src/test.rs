//! `cargo xtask test`: every test, on both databases and in the browser; and the shell benchmark.

use crate::build::{self, Built};
use crate::postgres::Postgres;
use crate::setup;
use crate::util::{cargo, free_port, have, run, wait_for_http, workspace_root, Result};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
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

    step(
        "cargo tests on SQLite",
        run(cargo().args(["test", "--workspace"])),
    );
    match Postgres::start() {
        Ok(pg) => step(
            "storage and integration tests on PostgreSQL",
            run(cargo()
                .args(["test", "-p", "domain", "-p", "server", "--tests"])
                .env("KSUITE_TEST_POSTGRES", pg.url())),
        ),
        Err(err) => step("PostgreSQL", Err(err)),
    }
    step("browser tests", browser_tests(&built));

    eprintln!();
    eprintln!("suites: {passed} passed, {} failed", failed.len());
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("failed: {}", failed.join(", ")))
    }
}

/// The real server, started with demo data on a free port for the browser tests.
pub struct Server {
    child: Child,
    pub addr: String,
    data: PathBuf,
}

impl Server {
    pub fn start(built: &Built, extra_env: &[(&str, &str)]) -> Result<Server> {
        let port = free_port()?;
        let addr = format!("127.0.0.1:{port}");
        let data = std::env::temp_dir().join(format!("ksuite-e2e-{}-{port}", std::process::id()));
        let mut cmd = Command::new(&built.server);
        cmd.args(["serve", "--demo", "--addr", &addr, "--data-dir"])
            .arg(&data)
            .arg("--site-root")
            .arg(&built.site)
            .env("RUST_LOG", "warn")
            .stdin(Stdio::null())
            .stdout(Stdio::null());
        for (k, v) in extra_env {
            cmd.env(k, v);
        }
        let child = cmd
            .spawn()
            .map_err(|e| format!("cannot start the server: {e}"))?;
        let server = Server { child, addr, data };
        wait_for_http(&server.addr, 60)?;
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

fn browser_tests(built: &Built) -> Result {
    let server = Server::start(built, &[])?;
    let e2e = workspace_root().join("e2e");
    let specs: Vec<PathBuf> = std::fs::read_dir(&e2e)
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".spec.mjs"))
        .collect();
    run(Command::new("node")
        .args(["--test", "--test-concurrency=1"])
        .args(&specs)
        .env("BASE_URL", format!("http://{}", server.addr))
        .current_dir(&e2e))
}

/// Shell throughput with wrk, signed in as anna, and the initial bundle's size.
pub fn bench_shell(built: &Built) -> Result {
    if !have("wrk") {
        run(Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-q", "wrk"]))?;
    }
    let server = Server::start(built, &[])?;
    let (cookie, home) = log_in(&server.addr, "anna@demo.example", domain_password())?;
    let mut report = String::from("# Shell benchmark\n\n");
    for (label, path, cookie) in [
        ("login page (anonymous)", "/login".to_owned(), None),
        ("space home (anna)", home, Some(cookie)),
    ] {
        let url = format!("http://{}{path}", server.addr);
        let mut wrk = Command::new("wrk");
        wrk.args(["-t2", "-c32", "-d20s", "--latency"]);
        if let Some(cookie) = &cookie {
            wrk.args(["-H", &format!("Cookie: {cookie}")]);
        }
        let out = wrk.arg(&url).output().map_err(|e| format!("wrk: {e}"))?;
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let rps = field(&text, "Requests/sec:");
        let p99 = text
            .lines()
            .find(|l| l.trim_start().starts_with("99%"))
            .map(|l| l.split_whitespace().nth(1).unwrap_or("?").to_owned());
        report.push_str(&format!(
            "- {label} `{path}`: {} req/s, p99 {}\n",
            rps.unwrap_or_else(|| "?".into()),
            p99.unwrap_or_else(|| "?".into())
        ));
        eprintln!("{text}");
    }
    report.push_str("\n## Initial bundle (app.js + app_bg.wasm)\n\n");
    let pkg = built.site.join("pkg");
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    for name in ["app.js", "app_bg.wasm"] {
        raw += size(&pkg.join(name));
        gz += size(&pkg.join(format!("{name}.gz")));
        br += size(&pkg.join(format!("{name}.br")));
    }
    report.push_str(&format!(
        "- raw {} KB, gzip {} KB, brotli {} KB\n",
        raw / 1024,
        gz / 1024,
        br / 1024
    ));
    let out = workspace_root().join("bench").join("results");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(out.join("shell.md"), &report).map_err(|e| e.to_string())?;
    println!("{report}");
    Ok(())
}

fn domain_password() -> &'static str {
    "kSuite-demo-2026"
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

fn field(text: &str, name: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_owned()))
}

/// Logs in over the REST API; returns the session cookie and the landing path.
fn log_in(addr: &str, email: &str, password: &str) -> Result<(String, String)> {
    let body = format!("{{\"email\":\"{email}\",\"password\":\"{password}\"}}");
    let answer = http(addr, &format!(
        "POST /api/v1/auth/login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    ))?;
    let cookie = header(&answer, "set-cookie")
        .and_then(|c| c.split(';').next().map(str::to_owned))
        .ok_or_else(|| format!("login failed: {answer}"))?;
    let root = http(
        addr,
        &format!("GET / HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"),
    )?;
    let home = header(&root, "location").ok_or("no landing page")?;
    Ok((cookie, home))
}

fn http(addr: &str, request: &str) -> Result<String> {
    let mut stream = std::net::TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream
        .write_all(request.as_bytes())
        .map_err(|e| e.to_string())?;
    let mut answer = String::new();
    stream
        .read_to_string(&mut answer)
        .map_err(|e| e.to_string())?;
    Ok(answer)
}

fn header(answer: &str, name: &str) -> Option<String> {
    answer.lines().take_while(|l| !l.is_empty()).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case(name).then(|| v.trim().to_owned())
    })
}
