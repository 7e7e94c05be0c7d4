//! What a month view draws: each day's first few occurrences and how many more the day holds.
//! A month of a busy calendar shows a few events a day; sending only those (and a count of the
//! rest, which the view fetches when asked) keeps the month as light as a week.

use super::days::Day;
use super::model::{DayMore, Occurrence, Period};

/// Occurrences a month cell shows before "+n more".
pub const SHOWN_PER_DAY: usize = 4;

/// The first and last day an occurrence covers: an end at midnight (or an all-day end, which
/// is exclusive) ends the day before.
pub fn days_of(o: &Occurrence) -> Option<(Day, Day)> {
    let (start, end) = (Day::parse(&o.start)?, Day::parse(&o.end)?);
    let last = if o.all_day || o.end.ends_with("T00:00") {
        end.add_days(-1)
    } else {
        end
    };
    Some((start, last.max(start)))
}

/// Whether an occurrence is on `day`.
pub fn touches(o: &Occurrence, day: Day) -> bool {
    days_of(o).is_some_and(|(first, last)| first <= day && day <= last)
}

/// The days of the window (positions from `first`) an occurrence covers; none when it lies
/// outside.
fn span(o: &Occurrence, first: Day, days: usize) -> std::ops::Range<usize> {
    let Some((start, last)) = days_of(o) else {
        return 0..0;
    };
    let from = first.days_until(start).max(0);
    let to = (first.days_until(last) + 1).min(days as i64);
    if from < to {
        from as usize..to as usize
    } else {
        0..0
    }
}

/// The occurrences of the `days` days from `first` (in the order given, which is the order a
/// cell lists them) that are among the first `per_day` of at least one of those days, and for
/// every day, how many of those touching it are not sent: a cell shows its first `per_day`
/// and counts the rest, sent or not, as "+n more".
pub fn shown(all: Vec<Occurrence>, first: Day, days: usize, per_day: usize) -> Period {
    let mut count = vec![0usize; days];
    let kept: Vec<bool> = all
        .iter()
        .map(|o| {
            let mut keep = false;
            for at in span(o, first, days) {
                count[at] += 1;
                keep |= count[at] <= per_day;
            }
            keep
        })
        .collect();
    let mut hidden = vec![0u32; days];
    for (o, _) in all.iter().zip(&kept).filter(|(_, keep)| !**keep) {
        for at in span(o, first, days) {
            hidden[at] += 1;
        }
    }
    let more = hidden
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(at, n)| DayMore {
            day: first.add_days(at as i64).to_string(),
            hidden: *n,
        })
        .collect();
    let events = all
        .into_iter()
        .zip(kept)
        .filter_map(|(o, keep)| keep.then_some(o))
        .collect();
    Period { events, more }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::ItemKind;

    fn occurrence(id: &str, start: &str, end: &str) -> Occurrence {
        Occurrence {
            object_id: id.into(),
            calendar_id: "c".into(),
            kind: ItemKind::Event,
            title: id.into(),
            location: String::new(),
            all_day: !start.contains('T'),
            start: start.into(),
            end: end.into(),
            start_utc: 0,
            instance: None,
            color: None,
            done: false,
            writable: true,
        }
    }

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap_or_default()
    }

    #[test]
    fn a_day_keeps_its_first_few_and_counts_the_rest() {
        let first = day("2027-03-01");
        let busy: Vec<Occurrence> = (0..10)
            .map(|i| {
                let start = format!("2027-03-02T{:02}:00", 8 + i);
                let end = format!("2027-03-02T{:02}:30", 8 + i);
                occurrence(&format!("e{i}"), &start, &end)
            })
            .collect();
        let period = shown(busy, first, 42, 4);
        let ids: Vec<&str> = period.events.iter().map(|o| o.title.as_str()).collect();
        assert_eq!(ids, ["e0", "e1", "e2", "e3"]);
        assert_eq!(
            period.more,
            [DayMore {
                day: "2027-03-02".into(),
                hidden: 6
            }]
        );
    }

    #[test]
    fn an_event_hidden_on_a_full_day_is_kept_for_a_day_where_it_shows() {
        let first = day("2027-03-01");
        let mut all: Vec<Occurrence> = (0..4)
            .map(|i| occurrence(&format!("busy{i}"), "2027-03-03", "2027-03-04"))
            .collect();
        all.push(occurrence("trip", "2027-03-03", "2027-03-06"));
        all.push(occurrence("late", "2027-03-03T23:00", "2027-03-04T00:00"));
        let period = shown(all, first, 42, 4);
        assert!(period.events.iter().any(|o| o.title == "trip"));
        assert!(!period.events.iter().any(|o| o.title == "late"));
        // The trip is sent, for the 4th and 5th; only the late event is not: the cell shows
        // four and counts the trip and the late one as "+2 more".
        assert_eq!(period.more[0].hidden, 1);
        assert!(touches(&period.events[4], day("2027-03-05")));
        assert!(!touches(&period.events[4], day("2027-03-06")));
    }

    #[test]
    fn what_lies_outside_the_window_is_not_counted() {
        let first = day("2027-03-01");
        let long = occurrence("long", "2027-02-01", "2027-06-01");
        let period = shown(vec![long], first, 42, 4);
        assert_eq!(period.events.len(), 1);
        assert!(period.more.is_empty());
        let before = occurrence("before", "2027-02-01", "2027-02-02");
        assert!(shown(vec![before], first, 42, 4).events.is_empty());
    }
}
