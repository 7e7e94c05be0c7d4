//! `cargo xtask bench mail`: the mail budgets on the release server, on SQLite and on
//! PostgreSQL, with Dovecot as the peer on the same messages in the same run.
//!
//! 1. 100,000 messages delivered over the SMTP listener by 4 connections at once: the rate,
//!    overall and over the last 10,000 (the folder is large by then). Dovecot's LMTP takes the
//!    same messages the same way.
//! 2. The list (`GET /fn/mail_list`, the server function the app calls, session included) of
//!    that 100,000-message Inbox: the first page under wrk, then 200 pages at positions spread
//!    over the folder for each sort, one request after the other.
//! 3. Search over it: a rare word, a common one, `from:`, and `has:attachment` with a word.
//!    Dovecot answers the same over IMAP (SORT and FETCH of a page, SEARCH), as a webmail in
//!    front of it would ask.
//!
//! Writes `bench/results/mail.md`; the chunk sizes are in the shell report.

use crate::bench::{anna_in_demo, get, heading, json_string, need_wrk, post, wrk};
use crate::build::Built;
use crate::mail_corpus::{messages, ONE_SENDER, RARE_WORD};
use crate::peer_dovecot::{Dovecot, Imap};
use crate::postgres::Postgres;
use crate::test::Server;
use crate::util::{free_port, workspace_root, Result};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::Instant;

/// The folder's size; `KSUITE_BENCH_MAIL_MESSAGES` makes it smaller for a quick look.
fn folder_size() -> usize {
    std::env::var("KSUITE_BENCH_MAIL_MESSAGES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}
/// The tail of the delivery timed on its own: the rate once the folder is large.
const TAIL: usize = 10_000;
const CONNECTIONS: usize = 4;
const PAGE: u32 = 50;
/// Positions timed per sort, spread over the folder.
const POSITIONS: usize = 200;

pub fn mail(built: &Built) -> Result {
    need_wrk()?;
    let messages_n = folder_size();
    let mut report = heading("Mail benchmark");
    report.push_str(&format!(
        "{messages_n} messages ({} MB) in one Inbox, delivered by {CONNECTIONS} SMTP connections at once.\n",
        corpus_megabytes(messages_n)
    ));
    let postgres = Postgres::start_durable()?;
    for (label, env) in [
        ("SQLite", None),
        ("PostgreSQL", Some(format!("{}/postgres", postgres.url()))),
    ] {
        report.push_str(&format!("\n## {label}\n\n"));
        report.push_str(&ours(built, env.as_deref(), messages_n)?);
        eprintln!("{report}");
    }
    report.push_str("\n## Dovecot 2.3 (sdbox), the peer, on the same messages\n\n");
    report.push_str(&dovecot(messages_n)?);
    let out = workspace_root().join("bench").join("results");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(out.join("mail.md"), &report).map_err(|e| e.to_string())?;
    println!("{report}");
    Ok(())
}

fn corpus_megabytes(messages_n: usize) -> usize {
    let sample: usize = messages(1_000, "x@bench.example")
        .iter()
        .map(Vec::len)
        .sum();
    (sample * (messages_n / 1_000)) >> 20
}

fn ours(built: &Built, database_url: Option<&str>, messages_n: usize) -> Result<String> {
    let smtp = format!("127.0.0.1:{}", free_port()?);
    let mut env = vec![("KSUITE_SMTP_ADDR", smtp.as_str())];
    if let Some(url) = database_url {
        env.push(("DATABASE_URL", url));
    }
    let server = Server::start(built, &env)?;
    let addr = server.addr.clone();
    let (cookie, org) = anna_in_demo(&addr)?;
    post(
        &addr,
        &format!("/api/v1/orgs/{org}/mail-domains"),
        &cookie,
        "application/json",
        br#"{"domain":"bench.example"}"#,
    )?;
    let mailboxes = get(&addr, &format!("/api/v1/orgs/{org}/mailboxes"), &cookie)?;
    let (mailbox, address) = (
        json_string(&mailboxes, "id").ok_or("no mailbox")?,
        json_string(&mailboxes, "address").ok_or("no address")?,
    );
    let folders = get(
        &addr,
        &format!("/api/v1/mailboxes/{mailbox}/folders"),
        &cookie,
    )?;
    let inbox = json_string(&folders, "id").ok_or("no Inbox")?;

    let mut report = String::new();
    let corpus = messages(messages_n, &address);
    let (all, last) = deliver(&smtp, "EHLO", &address, &corpus)?;
    report.push_str(&format!(
        "- delivery over the SMTP listener, {CONNECTIONS} connections: **{:.0} messages/s** over all {messages_n} ({:.1} s), {:.0}/s over the last 10,000\n",
        messages_n as f64 / all,
        all,
        TAIL.min(messages_n) as f64 / last
    ));
    drop(corpus);

    let list = |sort: &str, ascending: bool, position: u32, search: &str| {
        let search = search.replace(' ', "%20").replace(':', "%3A");
        format!(
            "/fn/mail_list?org={org}&query%5Bmailbox_id%5D={mailbox}&query%5Bfolder_id%5D={inbox}&query%5Bsort%5D={sort}&query%5Bascending%5D={ascending}&query%5Bposition%5D={position}&query%5Blimit%5D={PAGE}&query%5Bsearch%5D={search}"
        )
    };
    let first = list("date", false, 0, "");
    let answer = get(&addr, &first, &cookie)?;
    if !answer.contains(&format!("\"total\":{messages_n}")) {
        return Err(format!(
            "the Inbox does not hold {messages_n}: {}",
            &answer[..answer.len().min(300)]
        ));
    }
    let run = wrk(
        &["-t1", "-c1", "-d10s"],
        &format!("http://{addr}{first}"),
        Some(&cookie),
    )?;
    report.push_str(&format!(
        "- first page (50 rows, newest first), `GET /fn/mail_list`, wrk 1 connection 10 s: p50 {}, p99 {}, {} req/s\n",
        run.p50, run.p99, run.rps
    ));
    for (sort, ascending) in [
        ("date", false),
        ("date", true),
        ("from", true),
        ("subject", true),
        ("size", false),
    ] {
        let times = pages(&addr, &cookie, messages_n, |p| list(sort, ascending, p, ""))?;
        report.push_str(&format!(
            "- {POSITIONS} pages spread over the folder, by {sort} {}: {}\n",
            if ascending { "ascending" } else { "descending" },
            spread(&times)
        ));
    }
    for (label, search) in [
        ("a word in 1% of messages", RARE_WORD.to_owned()),
        ("a word in most messages", "meeting".to_owned()),
        ("`from:` one family name (5%)", format!("from:{ONE_SENDER}")),
        (
            "`has:attachment` and a word",
            "has:attachment invoice".to_owned(),
        ),
    ] {
        let url = list("date", false, 0, &search);
        let run = wrk(
            &["-t1", "-c1", "-d10s"],
            &format!("http://{addr}{url}"),
            Some(&cookie),
        )?;
        report.push_str(&format!(
            "- search, {label} (`{search}`), first page: p50 {}, p99 {}, {} req/s\n",
            run.p50, run.p99, run.rps
        ));
    }
    server.no_panics()?;
    Ok(report)
}

/// Times `POSITIONS` pages one after the other at positions spread over the folder; returns
/// the times in milliseconds, sorted.
fn pages(
    addr: &str,
    cookie: &str,
    messages_n: usize,
    url: impl Fn(u32) -> String,
) -> Result<Vec<f64>> {
    let step = (messages_n as u32 - PAGE) / POSITIONS as u32;
    let mut times = Vec::with_capacity(POSITIONS);
    for i in 0..POSITIONS as u32 {
        // Not in order: a page is never the one after the last.
        let position = (i * 7919 % POSITIONS as u32) * step;
        let start = Instant::now();
        let answer = get(addr, &url(position), cookie)?;
        times.push(start.elapsed().as_secs_f64() * 1000.0);
        if !answer.contains("\"rows\":[{") {
            return Err(format!(
                "no rows at {position}: {}",
                &answer[..answer.len().min(300)]
            ));
        }
    }
    times.sort_by(f64::total_cmp);
    Ok(times)
}

fn spread(times: &[f64]) -> String {
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    format!(
        "p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        at(0.5),
        at(0.99),
        times[times.len() - 1]
    )
}

/// Delivers `corpus` to `to` over `CONNECTIONS` SMTP (or LMTP, with `LHLO`) connections at
/// once; returns the seconds for all of it and for its last 10,000.
fn deliver(addr: &str, hello: &str, to: &str, corpus: &[Vec<u8>]) -> Result<(f64, f64)> {
    let start = Instant::now();
    let last_from = corpus.len().saturating_sub(TAIL);
    let last_start = std::sync::Mutex::new(None::<Instant>);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..CONNECTIONS)
            .map(|c| {
                let last_start = &last_start;
                scope.spawn(move || -> Result {
                    let stream = TcpStream::connect(addr).map_err(|e| format!("{addr}: {e}"))?;
                    let mut smtp = BufReader::new(stream);
                    expect(&mut smtp, "220")?;
                    send(&mut smtp, format!("{hello} bench.example\r\n").as_bytes())?;
                    expect(&mut smtp, "250")?;
                    for (i, message) in corpus.iter().enumerate().skip(c).step_by(CONNECTIONS) {
                        if i == last_from {
                            *last_start.lock().map_err(|_| "poisoned")? = Some(Instant::now());
                        }
                        send(
                            &mut smtp,
                            format!("MAIL FROM:<sender@example.org>\r\nRCPT TO:<{to}>\r\nDATA\r\n")
                                .as_bytes(),
                        )?;
                        for code in ["250", "250", "354"] {
                            expect(&mut smtp, code)?;
                        }
                        send(&mut smtp, &stuffed(message))?;
                        expect(&mut smtp, "250")?;
                    }
                    send(&mut smtp, b"QUIT\r\n")
                })
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().map_err(|_| "a sender panicked".to_string())?)
    })?;
    let all = start.elapsed().as_secs_f64();
    let last = last_start
        .lock()
        .map_err(|_| "poisoned")?
        .map_or(all, |t| t.elapsed().as_secs_f64());
    Ok((all, last))
}

fn send(smtp: &mut BufReader<TcpStream>, bytes: &[u8]) -> Result {
    smtp.get_mut().write_all(bytes).map_err(|e| e.to_string())
}

/// Reads one reply (all its lines); it must have `code`.
fn expect(smtp: &mut BufReader<TcpStream>, code: &str) -> Result {
    loop {
        let mut line = String::new();
        smtp.read_line(&mut line).map_err(|e| e.to_string())?;
        if !line.starts_with(code) {
            return Err(format!("expected {code}, got {line:?}"));
        }
        if line.as_bytes().get(3) != Some(&b'-') {
            return Ok(());
        }
    }
}

/// The message as DATA sends it: lines that begin with a dot get another, and the end mark.
fn stuffed(message: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(message);
    let mut out = String::with_capacity(message.len() + 8);
    for line in text.split_inclusive("\r\n") {
        if line.starts_with('.') {
            out.push('.');
        }
        out.push_str(line);
    }
    if !out.ends_with("\r\n") {
        out.push_str("\r\n");
    }
    out.push_str(".\r\n");
    out.into_bytes()
}

fn dovecot(messages_n: usize) -> Result<String> {
    let dovecot = Dovecot::start()?;
    let corpus = messages(messages_n, "anna@bench.example");
    let (all, last) = deliver(&dovecot.lmtp, "LHLO", "anna", &corpus)?;
    drop(corpus);
    let mut report = format!(
        "- delivery over LMTP, {CONNECTIONS} connections: **{:.0} messages/s** over all ({:.1} s), {:.0}/s over the last 10,000\n",
        messages_n as f64 / all,
        all,
        TAIL.min(messages_n) as f64 / last
    );
    let mut imap = Imap::login(&dovecot.imap, "anna", "bench")?;
    let selected = imap.command("SELECT INBOX")?;
    if !selected
        .iter()
        .any(|l| l.contains(&format!("{messages_n} EXISTS")))
    {
        return Err(format!("Dovecot's Inbox: {selected:?}"));
    }
    // A page as a webmail asks for it: the sorted ids (the whole folder's), then that page's
    // envelopes.
    let page = |imap: &mut Imap, criteria: &str, position: usize| -> Result<f64> {
        let start = Instant::now();
        let sorted = imap.command(&format!("UID SORT ({criteria}) UTF-8 ALL"))?;
        let uids: Vec<&str> = sorted
            .iter()
            .find(|l| l.starts_with("* SORT"))
            .map(|l| l.split_whitespace().skip(2).collect())
            .unwrap_or_default();
        let set = uids
            .iter()
            .skip(position)
            .take(PAGE as usize)
            .copied()
            .collect::<Vec<_>>()
            .join(",");
        imap.command(&format!(
            "UID FETCH {set} (FLAGS RFC822.SIZE INTERNALDATE ENVELOPE)"
        ))?;
        Ok(start.elapsed().as_secs_f64() * 1000.0)
    };
    for (label, criteria) in [
        ("date, newest first", "REVERSE ARRIVAL"),
        ("from", "FROM"),
        ("subject", "SUBJECT"),
    ] {
        let first = page(&mut imap, criteria, 0)?;
        let mut times = Vec::new();
        for i in 0..20 {
            times.push(page(&mut imap, criteria, i * (messages_n / 20))?);
        }
        times.sort_by(f64::total_cmp);
        report.push_str(&format!(
            "- a page by {label} (`UID SORT` of the folder, then `UID FETCH` of 50 envelopes): first time {first:.1} ms, then over 20 positions {}\n",
            spread(&times)
        ));
    }
    for (label, criteria) in [
        ("a word in 1% of messages", format!("TEXT {RARE_WORD}")),
        ("a word in most messages", "TEXT meeting".to_owned()),
        ("a family name in From (5%)", format!("FROM {ONE_SENDER}")),
    ] {
        let mut times = Vec::new();
        for _ in 0..3 {
            let start = Instant::now();
            imap.command(&format!("UID SEARCH {criteria}"))?;
            times.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        report.push_str(&format!(
            "- `UID SEARCH {criteria}` ({label}), no full-text plugin, 3 runs: {}\n",
            spread(&times)
        ));
    }
    Ok(report)
}
