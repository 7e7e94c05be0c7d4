//! Real-world calendar files from the test suites of python `icalendar` and `khal`
//! (`tests/corpus/`, with their licences and what python icalendar makes of each in
//! `expected.tsv`): the import accepts every file python icalendar accepts, imports its events
//! and tasks but those that are truly broken (each skipped with its reason), and stores only
//! values a strict reader takes.

use domain::calendar::ical;
use domain::calendar::transfer::read_ics;
use domain::calendar::values;
use domain::import::SkipCode;
use std::path::{Path, PathBuf};

struct Expected {
    path: String,
    accepted: bool,
    /// VEVENTs and VTODOs python icalendar reads, at any depth.
    items: usize,
}

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

fn expected() -> Vec<Expected> {
    let table = std::fs::read_to_string(corpus().join("expected.tsv")).unwrap();
    table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            let count = |i: usize| cols[i].parse::<usize>().unwrap();
            Expected {
                path: cols[0].to_owned(),
                accepted: cols[1] == "yes",
                items: count(2) + count(3),
            }
        })
        .collect()
}

/// Why an event may be left out: it cannot be placed on a calendar, or it is not one event.
const TRULY_BROKEN: [SkipCode; 4] = [
    SkipCode::NoStart,
    SkipCode::BadRecurrence,
    SkipCode::UidRepeated,
    SkipCode::Unterminated,
];

#[test]
fn the_import_takes_what_python_icalendar_takes() {
    let rows = expected();
    assert!(rows.len() > 200, "the corpus is all there");
    let (mut files_whole, mut py_items, mut our_items) = (0, 0, 0);
    for e in &rows {
        let bytes = std::fs::read(corpus().join(&e.path)).unwrap();
        let (ready, skipped) = match read_ics(&bytes) {
            Ok(read) => read,
            Err(err) => {
                assert!(
                    !e.accepted,
                    "{}: python reads it, we refuse: {err:?}",
                    e.path
                );
                continue;
            }
        };
        let ours: usize = ready
            .iter()
            .map(|r| r.ics.matches("BEGIN:VEVENT").count() + r.ics.matches("BEGIN:VTODO").count())
            .sum();
        if !e.accepted {
            continue;
        }
        py_items += e.items;
        our_items += ours;
        assert!(
            ours <= e.items,
            "{}: {ours} items out of {}",
            e.path,
            e.items
        );
        if ours == e.items {
            files_whole += 1;
        } else {
            for s in &skipped {
                let item_level = TRULY_BROKEN.contains(&s.code)
                    || matches!(s.code, SkipCode::Unsupported | SkipCode::PartLeftOut);
                assert!(
                    item_level,
                    "{}: {s:?} is no reason to leave an event out",
                    e.path
                );
            }
            // Unsupported: a VEVENT inside a component the Calendar does not keep.
            assert!(
                skipped
                    .iter()
                    .any(|s| TRULY_BROKEN.contains(&s.code) || s.code == SkipCode::Unsupported),
                "{}: {} of {} events, and no reason given: {skipped:?}",
                e.path,
                ours,
                e.items
            );
        }
        // What is stored reads back, and holds only values a strict reader takes.
        for r in &ready {
            let text = ical::unfolded(&r.ics);
            let cal = ical::parse(&text).unwrap_or_else(|err| panic!("{}: {err}", e.path));
            let mut stack: Vec<_> = cal.components.iter().collect();
            while let Some(c) = stack.pop() {
                for p in &c.properties {
                    assert_eq!(values::problem(p), None, "{}", e.path);
                }
                stack.extend(c.components.iter());
            }
        }
    }
    println!(
        "{files_whole} files imported whole; {our_items} of the {py_items} events and tasks \
         python icalendar reads are imported"
    );
}

#[test]
fn files_python_icalendar_refuses_do_no_harm() {
    for e in expected().iter().filter(|e| !e.accepted) {
        let bytes = std::fs::read(corpus().join(&e.path)).unwrap();
        // Read or refused with a reason, never a panic; whatever is kept is clean.
        if let Ok((ready, _)) = read_ics(&bytes) {
            for r in ready {
                assert!(ical::parse(&ical::unfolded(&r.ics)).is_ok(), "{}", e.path);
            }
        }
    }
}
