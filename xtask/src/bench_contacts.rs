//! `cargo xtask bench contacts`: the contacts budgets, on the release server over HTTP.
//!
//! 1. The import of 10,000 contacts into a new address book, as a vCard file and as a CSV file
//!    (Outlook's columns), three times each into fresh books, timed end to end from the client.
//! 2. "Manage duplicates" on a 10,000-contact book (`GET /fn/book_duplicates`: the scan and the
//!    answer), measured with wrk on one connection, so each request's latency is the figure.
//!
//! Writes `bench/results/contacts.md`.

use crate::bench::{anna_in_demo, min_median_max, need_wrk, three_imports, wrk};
use crate::build::Built;
use crate::test::Server;
use crate::util::{workspace_root, Result};

const CONTACTS: usize = 10_000;

pub fn contacts(built: &Built) -> Result {
    need_wrk()?;
    let server = Server::start(built, &[])?;
    let addr = server.addr.clone();
    let (cookie, org) = anna_in_demo(&addr)?;
    let mut report = crate::bench::heading("Contacts benchmark");
    let mut book = String::new();
    for (label, content_type, file) in [
        ("vCard", "text/vcard", vcard_file(CONTACTS)),
        ("CSV", "text/csv", csv_file(CONTACTS)),
    ] {
        let (times, last) = three_imports(
            &addr,
            &cookie,
            content_type,
            &file,
            |run| format!("/api/v1/orgs/{org}/addressbooks/import?name=Bench%20{label}%20{run}"),
            &format!("\"imported\":{CONTACTS}"),
        )?;
        book = last
            .split("\"book_id\":\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_default()
            .to_owned();
        report.push_str(&format!(
            "- import of 10,000 contacts as {label} ({} KB) into a new address book: {}\n",
            file.len() / 1024,
            min_median_max(&times)
        ));
    }

    let url = format!("http://{addr}/fn/book_duplicates?org={org}&book={book}");
    let run = wrk(&["-t1", "-c1", "-d15s"], &url, Some(&cookie))?;
    report.push_str(&format!(
        "- duplicate scan of a 10,000-contact book ({} groups), `GET /fn/book_duplicates`, 1 connection: p50 {}, p99 {}, {} req/s\n",
        CONTACTS / 20,
        run.p50,
        run.p99,
        run.rps
    ));
    let out = workspace_root().join("bench").join("results");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(out.join("contacts.md"), &report).map_err(|e| e.to_string())?;
    println!("{report}");
    Ok(())
}

/// The `i`-th person: every twentieth shares the e-mail address of the one before, so a book of
/// `n` holds `n / 20` groups of duplicates.
fn person(i: usize) -> (String, String, String, String) {
    let mailbox = if i % 20 == 1 { i - 1 } else { i };
    (
        format!("Given{i}"),
        format!("Family{}", i % 977),
        format!("person{mailbox}@bench.example"),
        format!("+41 79 {:03} {:02} {:02}", i % 1000, i % 97, i % 89),
    )
}

fn vcard_file(n: usize) -> String {
    let mut out = String::new();
    for i in 0..n {
        let (first, last, email, phone) = person(i);
        out.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:bench-{i}\r\nFN:{first} {last}\r\nN:{last};{first};;;\r\n\
EMAIL;TYPE=WORK:{email}\r\nTEL;TYPE=CELL:{phone}\r\nORG:Company {}\r\n\
ADR;TYPE=WORK:;;{i} Main Street;Lausanne;;1003;Switzerland\r\nNOTE:Met at event {}\r\nEND:VCARD\r\n",
            i % 300,
            i % 50
        ));
    }
    out
}

fn csv_file(n: usize) -> String {
    let mut out = String::from(
        "First Name,Last Name,E-mail Address,Mobile Phone,Company,Business Street,Business City,Business Postal Code,Notes\r\n",
    );
    for i in 0..n {
        let (first, last, email, phone) = person(i);
        out.push_str(&format!(
            "{first},{last},{email},{phone},Company {},{i} Main Street,Lausanne,1003,\"Met at event {}, twice\"\r\n",
            i % 300,
            i % 50
        ));
    }
    out
}
