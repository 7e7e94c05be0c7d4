//! `cargo xtask bench calendar`: the two calendar budgets, on the release server over HTTP.
//!
//! 1. The month view's server function (`GET /fn/calendar_events`) on a calendar of 1,000
//!    events (900 single, 100 weekly series), measured with wrk on one connection, so each
//!    request's latency is the figure; then the first request after each of 20 changes, which
//!    the window cache does not answer.
//! 2. The import of a 10,000-event .ics into a new calendar (`POST .../calendars/import`),
//!    three times into fresh calendars, timed end to end from the client, and the same file
//!    PUT into Radicale.
//! 3. 200 clients at once on one month of the last of those calendars.
//!
//! Writes `bench/results/calendar.md`.

use crate::bench::{
    anna_in_demo, get, json_string, min_median_max, need_wrk, post, three_imports, wrk,
};
use crate::build::Built;
use crate::test::Server;
use crate::util::{workspace_root, Result};

/// The month the view benchmark shows (its events are generated around it).
const MONTH_DAY: &str = "2030-03-15";

pub fn calendar(built: &Built) -> Result {
    need_wrk()?;
    let server = Server::start(built, &[])?;
    let addr = server.addr.clone();
    let (cookie, org) = anna_in_demo(&addr)?;
    let mut report = crate::bench::heading("Calendar benchmark");

    let month = month_calendar();
    let summary = post(
        &addr,
        &import_path(&org, "Bench month"),
        &cookie,
        "text/calendar",
        month.as_bytes(),
    )?;
    if !summary.contains("\"imported\":1000") {
        return Err(format!("month calendar import: {summary}"));
    }
    let url = format!("http://{addr}/fn/calendar_events?org={org}&view=month&day={MONTH_DAY}");
    let body = get(&addr, &url[url.find("/fn").unwrap_or(0)..], &cookie)?;
    let sent = body.matches("\"object_id\"").count();
    let hidden: usize = body
        .split("\"hidden\":")
        .skip(1)
        .filter_map(|rest| {
            rest.split(|c: char| !c.is_ascii_digit())
                .next()?
                .parse::<usize>()
                .ok()
        })
        .sum();
    let run = wrk(&["-t1", "-c1", "-d15s"], &url, Some(&cookie))?;
    report.push_str(&format!(
        "- month view of 1,000 events, `GET /fn/calendar_events`: {sent} occurrences sent and \
         {hidden} counted as \"+n more\", {:.1} KB; 1 connection: p50 {}, p99 {}, {} req/s\n",
        body.len() as f64 / 1024.0,
        run.p50,
        run.p99,
        run.rps
    ));

    // The same view right after each change to the calendar, which its cached occurrences
    // do not survive: the cost of the first look after an edit.
    let month_id = json_string(&summary, "calendar_id").ok_or("no calendar_id in the summary")?;
    let mut cold = Vec::new();
    for n in 0..20 {
        let event = format!(
            r#"{{"calendar_id":"","title":"Change {n}","all_day":false,"start":"2030-03-20T08:00","end":"2030-03-20T08:30","time_zone":"Europe/Zurich"}}"#
        );
        post(
            &addr,
            &format!("/api/v1/calendars/{month_id}/events"),
            &cookie,
            "application/json",
            event.as_bytes(),
        )?;
        let started = std::time::Instant::now();
        get(&addr, &url[url.find("/fn").unwrap_or(0)..], &cookie)?;
        cold.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    cold.sort_by(f64::total_cmp);
    report.push_str(&format!(
        "- the same view, first request after each of 20 changes to the calendar: {}\n",
        min_median_max(&cold)
    ));

    let big = import_file(10_000);
    let (times, last) = three_imports(
        &addr,
        &cookie,
        "text/calendar",
        &big,
        |run| import_path(&org, &format!("Bench import {run}")),
        "\"imported\":10000",
    )?;
    report.push_str(&format!(
        "- import of 10,000 events ({} KB) into a new calendar: {}\n",
        big.len() / 1024,
        min_median_max(&times)
    ));
    // The same file PUT into Radicale as a new calendar, on the same cores, in the same run.
    let radicale = crate::peer::Radicale::start()?;
    let peer = radicale.put_calendar("import", &big)?;
    drop(radicale);
    report.push_str(&format!(
        "- the same file PUT into Radicale 3.9.0 as a new calendar: {:.0} ms; ours is {:.1}x faster\n",
        peer,
        peer / times[times.len() / 2]
    ));

    // 200 members on one month of the last 10,000-event calendar.
    let calendar = json_string(&last, "calendar_id").ok_or("no calendar_id in the summary")?;
    let path = format!("/api/v1/calendars/{calendar}/events?from=2031-06-01&to=2031-07-01");
    let drawn = get(&addr, &path, &cookie)?.matches("\"object_id\"").count();
    let run = wrk(
        &["-t2", "-c200", "-d20s", "--timeout", "10s"],
        &format!("http://{addr}{path}"),
        Some(&cookie),
    )?;
    report.push_str(&format!(
        "- 200 clients on one month of a 10,000-event calendar ({drawn} occurrences), \
         `GET /api/v1/calendars/{{id}}/events`, 20 s: {} req/s, p50 {}, p99 {}, max {}, \
         {} errors\n",
        run.rps, run.p50, run.p99, run.max, run.errors
    ));
    let out = workspace_root().join("bench").join("results");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(out.join("calendar.md"), &report).map_err(|e| e.to_string())?;
    println!("{report}");
    Ok(())
}

fn import_path(org: &str, name: &str) -> String {
    format!(
        "/api/v1/orgs/{org}/calendars/import?name={}",
        name.replace(' ', "%20")
    )
}

fn vevent(out: &mut String, uid: &str, lines: &[String]) {
    out.push_str("BEGIN:VEVENT\r\n");
    out.push_str(&format!("UID:{uid}\r\nDTSTAMP:20300101T000000Z\r\n"));
    for line in lines {
        out.push_str(line);
        out.push_str("\r\n");
    }
    out.push_str("END:VEVENT\r\n");
}

fn wrap(body: String) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//kSuite bench//EN\r\n{body}END:VCALENDAR\r\n"
    )
}

/// 900 single events in March 2030 and 100 weekly series (Europe/Zurich) running through it.
fn month_calendar() -> String {
    let mut body = String::new();
    for i in 0..900 {
        let (day, hour) = (1 + i % 31, 7 + (i / 31) % 12);
        vevent(
            &mut body,
            &format!("month-{i}@bench"),
            &[
                format!("DTSTART:203003{day:02}T{hour:02}0000Z"),
                format!("DTEND:203003{day:02}T{hour:02}4500Z"),
                format!("SUMMARY:Meeting {i}"),
                "LOCATION:Room 4".to_owned(),
            ],
        );
    }
    for i in 0..100 {
        let (day, hour) = (7 + i % 7, 8 + i % 9);
        vevent(
            &mut body,
            &format!("series-{i}@bench"),
            &[
                format!("DTSTART;TZID=Europe/Zurich:202801{day:02}T{hour:02}0000"),
                format!("DTEND;TZID=Europe/Zurich:202801{day:02}T{hour:02}3000"),
                "RRULE:FREQ=WEEKLY;INTERVAL=1".to_owned(),
                format!("SUMMARY:Weekly {i}"),
            ],
        );
    }
    wrap(body)
}

/// `n` events across 2031, every tenth one weekly for ten weeks.
fn import_file(n: usize) -> String {
    let mut body = String::new();
    for i in 0..n {
        let (month, day, hour) = (1 + i % 12, 1 + i % 28, 6 + i % 14);
        let mut lines = vec![
            format!("DTSTART:2031{month:02}{day:02}T{hour:02}0000Z"),
            format!("DTEND:2031{month:02}{day:02}T{hour:02}3000Z"),
            format!("SUMMARY:Imported event {i}"),
            format!("DESCRIPTION:Agenda item {i}\\, with notes"),
        ];
        if i % 10 == 0 {
            lines.push("RRULE:FREQ=WEEKLY;COUNT=10".to_owned());
        }
        vevent(&mut body, &format!("import-{i}@bench"), &lines);
    }
    wrap(body)
}
