//! `cargo xtask bench`: the shell page's throughput and latency under wrk, signed in and not, the
//! size of the initial bundle, and cold page loads in Chromium up to hydrated. Writes
//! `bench/results/shell.md`.

use crate::build::Built;
use crate::test::Server;
use crate::util::{have, run, workspace_root, Result};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// The demo accounts' password, as `--demo` seeds it.
pub const DEMO_PASSWORD: &str = "kSuite-demo-2026";

/// Shell throughput with wrk, signed in as anna, and the initial bundle's size.
pub fn shell(built: &Built) -> Result {
    need_wrk()?;
    let server = Server::start(built, &[])?;
    let (cookie, home) = log_in(&server.addr, "anna@demo.example", DEMO_PASSWORD)?;
    let mut report = heading("Shell benchmark");
    for (label, path, cookie) in [
        ("login page (anonymous)", "/login".to_owned(), None),
        ("space home (anna)", home, Some(cookie)),
    ] {
        let url = format!("http://{}{path}", server.addr);
        let run = wrk(&["-t2", "-c32", "-d20s"], &url, cookie.as_deref())?;
        report.push_str(&format!(
            "- {label} `{path}`: {} req/s, p99 {}\n",
            run.rps, run.p99
        ));
    }
    report.push_str(&bundle_report(&built.pkg)?);
    report.push_str(&cold_loads(&server.addr)?);
    let out = workspace_root().join("bench").join("results");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(out.join("shell.md"), &report).map_err(|e| e.to_string())?;
    println!("{report}");
    Ok(())
}

/// Cold page loads of Home and Calendar in Chromium, up to hydrated (`e2e/cold_load.mjs`).
fn cold_loads(addr: &str) -> Result<String> {
    let e2e = workspace_root().join("e2e");
    let out = Command::new("node")
        .arg("cold_load.mjs")
        .env("BASE_URL", format!("http://{addr}"))
        .current_dir(&e2e)
        .output()
        .map_err(|e| format!("cannot start node: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "cold page loads: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The heading of a report: what was measured, and on what machine (machines of our kind
/// differ 2-4x in speed), with the free disk, which skews every figure when it runs out.
pub fn heading(what: &str) -> String {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let cpuinfo = read("/proc/cpuinfo");
    let cpu = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|l| l.trim_start_matches([' ', '\t', ':']).to_owned())
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let memory = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|kb| kb.trim().trim_end_matches(" kB").parse::<u64>().ok())
        .map(|kb| format!("{} GiB", kb >> 20))
        .unwrap_or_default();
    let disk = crate::util::output(Command::new("df").args(["-h", "--output=avail,pcent", "/"]))
        .and_then(|out| {
            out.lines()
                .nth(1)
                .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" free, "))
        })
        .map(|d| format!("{d} used"))
        .unwrap_or_default();
    format!("# {what}\n\nMachine: {cpu}, {cores} cores, {memory}; disk {disk}.\n\n")
}

/// What wrk measured of one address.
pub struct WrkRun {
    pub p50: String,
    pub p99: String,
    pub max: String,
    pub rps: String,
    /// Answers that were no 2xx or 3xx, and requests that failed or timed out.
    pub errors: u64,
}

/// Runs wrk with `load` (threads, connections, duration) and `--latency` against `url`, with
/// the session cookie when given; wrk's own report goes to stderr.
pub fn wrk(load: &[&str], url: &str, cookie: Option<&str>) -> Result<WrkRun> {
    let mut wrk = Command::new("wrk");
    wrk.args(load).arg("--latency");
    if let Some(cookie) = cookie {
        wrk.args(["-H", &format!("Cookie: {cookie}")]);
    }
    let out = wrk.arg(url).output().map_err(|e| format!("wrk: {e}"))?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    eprintln!("{text}");
    let percentile = |p: &str| {
        text.lines()
            .find(|l| l.trim_start().starts_with(p))
            .and_then(|l| l.split_whitespace().nth(1).map(str::to_owned))
            .unwrap_or_else(|| "?".into())
    };
    let count = |label: &str| -> u64 {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(label))
            .map(|rest| {
                rest.split(|c: char| !c.is_ascii_digit())
                    .filter_map(|n| n.parse::<u64>().ok())
                    .sum()
            })
            .unwrap_or(0)
    };
    let max = text
        .lines()
        .find(|l| l.trim_start().starts_with("Latency"))
        .and_then(|l| l.split_whitespace().nth(3).map(str::to_owned))
        .unwrap_or_else(|| "?".into());
    Ok(WrkRun {
        p50: percentile("50%"),
        p99: percentile("99%"),
        max,
        rps: field(&text, "Requests/sec:").unwrap_or_else(|| "?".into()),
        errors: count("Non-2xx or 3xx responses:") + count("Socket errors:"),
    })
}

/// Posts an import three times, each to `path(run)`, timed from the first byte sent to the
/// answer received; every answer must contain `expected`. Returns the times in milliseconds,
/// sorted, and the last answer.
pub fn three_imports(
    addr: &str,
    cookie: &str,
    content_type: &str,
    file: &str,
    path: impl Fn(usize) -> String,
    expected: &str,
) -> Result<(Vec<f64>, String)> {
    let mut times = Vec::new();
    let mut last = String::new();
    for run in 0..3 {
        let start = Instant::now();
        last = post(addr, &path(run), cookie, content_type, file.as_bytes())?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        if !last.contains(expected) {
            return Err(format!("import: {}", &last[..last.len().min(300)]));
        }
    }
    times.sort_by(f64::total_cmp);
    Ok((times, last))
}

/// Sorted times as the reports print them.
pub fn min_median_max(times: &[f64]) -> String {
    format!(
        "min {:.1} ms, median {:.1} ms, max {:.1} ms",
        times[0],
        times[times.len() / 2],
        times[times.len() - 1]
    )
}

/// Installs wrk (Debian package) when missing.
pub fn need_wrk() -> Result {
    if !have("wrk") {
        run(Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-q", "wrk"]))?;
    }
    Ok(())
}

/// The initial bundle (what every page loads before it is interactive) and each lazily loaded
/// chunk, in bytes as sent: brotli, as the server prefers it.
fn bundle_report(pkg: &Path) -> Result<String> {
    let mut initial = vec!["app.js".to_owned(), "app_bg.wasm".to_owned()];
    let mut chunks = Vec::new();
    for entry in std::fs::read_dir(pkg).map_err(|e| format!("{}: {e}", pkg.display()))? {
        let name = entry.map_err(|e| e.to_string())?.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("__wasm_split.") && name.ends_with(".js") {
            initial.push(name.into_owned());
        } else if name.starts_with("split_") && name.ends_with(".wasm") {
            chunks.push(name.into_owned());
        }
    }
    chunks.sort();
    let (mut raw, mut gz, mut br) = (0, 0, 0);
    for name in &initial {
        raw += size(&pkg.join(name));
        gz += size(&pkg.join(format!("{name}.gz")));
        br += size(&pkg.join(format!("{name}.br")));
    }
    let mut report = format!(
        "\n## Initial bundle ({})\n\n- raw {} KiB, gzip {} KiB, brotli {} KiB ({br} bytes)\n",
        initial.join(" + "),
        raw / 1024,
        gz / 1024,
        br / 1024
    );
    report.push_str("\n## Lazily loaded chunks, brotli\n\n");
    for name in &chunks {
        let br = size(&pkg.join(format!("{name}.br")));
        report.push_str(&format!("- {name}: {} KiB ({br} bytes)\n", br / 1024));
    }
    Ok(report)
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// The string value of the first `"key":"..."` in a JSON text.
pub fn json_string(json: &str, key: &str) -> Option<String> {
    let rest = &json[json.find(&format!("\"{key}\":\""))? + key.len() + 4..];
    Some(rest[..rest.find('"')?].to_owned())
}

pub fn field(text: &str, name: &str) -> Option<String> {
    text.lines()
        .find_map(|l| l.trim().strip_prefix(name).map(|v| v.trim().to_owned()))
}

/// Logs in over the REST API; returns the session cookie and the landing path.
pub fn log_in(addr: &str, email: &str, password: &str) -> Result<(String, String)> {
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

/// Logs anna in; returns the session cookie and the id of the organization she lands in (the
/// demo's), which the app benchmarks act in.
pub fn anna_in_demo(addr: &str) -> Result<(String, String)> {
    let (cookie, home) = log_in(addr, "anna@demo.example", DEMO_PASSWORD)?;
    let org = home
        .split('/')
        .nth(2)
        .ok_or_else(|| format!("no organization in {home}"))?
        .to_owned();
    Ok((cookie, org))
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

pub fn request(addr: &str, head: &str, body: &[u8]) -> Result<String> {
    let mut stream = std::net::TcpStream::connect(addr).map_err(|e| e.to_string())?;
    stream
        .write_all(head.as_bytes())
        .and_then(|_| stream.write_all(body))
        .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).map_err(|e| e.to_string())?;
    let answer = String::from_utf8_lossy(&answer).into_owned();
    match answer.split_once("\r\n\r\n") {
        Some((status, body)) if status.starts_with("HTTP/1.1 2") => Ok(body.to_owned()),
        _ => Err(answer.chars().take(400).collect()),
    }
}

/// POSTs `body` as `content_type`; the answer's body when the status is 2xx.
pub fn post(
    addr: &str,
    path: &str,
    cookie: &str,
    content_type: &str,
    body: &[u8],
) -> Result<String> {
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    request(addr, &head, body)
}

pub fn get(addr: &str, path: &str, cookie: &str) -> Result<String> {
    let head = format!(
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nAccept: application/json\r\nConnection: close\r\n\r\n"
    );
    request(addr, &head, &[])
}
