//! `cargo xtask run|build|test|bench|setup`: installs the build tools this project needs, builds
//! the server and the front end, runs the app, and runs every test. Plain std plus the two
//! compressors, so it builds in seconds on a fresh machine.

mod api_conformance;
mod bench;
mod bench_calendar;
mod bench_contacts;
mod bench_mail;
mod build;
mod mail_corpus;
mod peer;
mod peer_dovecot;
mod postgres;
mod setup;
mod smtp;
mod split;
mod test;
mod util;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command> [--release]

commands:
  run     set up, build and serve the app with demo data on http://127.0.0.1:3000 (data in ./data)
  build   set up and build the server and the front end into <target>/site
  test    run every test: cargo tests on SQLite, again on PostgreSQL, and the browser tests
  bench   build release, serve demo data and measure the shell (throughput, bundle size) and
          the calendar (month view, import), the contacts (import, duplicates) and
          mail (delivery, list and search of 100,000 messages, against Dovecot);
          `bench shell`, `bench calendar`, `bench contacts` or `bench mail` for one
  setup   only install the missing build and test tools";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let release = args.iter().any(|a| a == "--release");
    let result = match args.first().map(String::as_str) {
        Some("run") => build::run(release),
        Some("build") => {
            setup::build_tools(release).and_then(|_| build::build(release).map(|_| ()))
        }
        Some("test") => test::all(),
        Some("bench") => build::bench(
            args.iter()
                .skip(1)
                .find(|a| !a.starts_with("--"))
                .map(String::as_str),
        ),
        Some("setup") => setup::build_tools(true).and_then(|_| setup::test_tools()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err}");
            ExitCode::FAILURE
        }
    }
}
