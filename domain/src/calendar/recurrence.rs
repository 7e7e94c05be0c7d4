//! Expansion of one stored object into the occurrences inside a window, with the `rrule` crate.
//! The master's RRULE/RDATE/EXDATE make the series; components with a RECURRENCE-ID replace the
//! instance they name (RFC 5545 3.8.4.4).

use super::ical::{list_moments, moment, prop, span, value, Span, OPEN_END};
use super::time::{Moment, SLACK};
use chrono::{DateTime, Datelike, Duration, Months, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::parser::Component;
use rrule::{RRule, RRuleSet, Unvalidated};
use std::collections::HashSet;

/// Iterations allowed per object and window, against rules like FREQ=SECONDLY.
const MAX_STEPS: usize = 20_000;

/// Occurrences one series shows in one window: an hourly series over a month view (1,008)
/// fits; a FREQ=SECONDLY one shows its first, and leaves room for the others.
pub const MAX_PER_SERIES: usize = 2_000;

/// One occurrence to show, in the viewer's local time.
#[derive(Debug, Clone, PartialEq)]
pub struct Expanded<'c> {
    pub component: &'c Component<'c>,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub all_day: bool,
    /// The instance's original start (UTC seconds) when it belongs to a series.
    pub instance: Option<i64>,
}

pub fn recurrence_id(c: &Component<'_>) -> Option<Moment> {
    prop(c, "RECURRENCE-ID").and_then(moment)
}

pub fn master<'c>(components: &'c [Component<'c>]) -> Option<&'c Component<'c>> {
    components
        .iter()
        .find(|c| prop(c, "RECURRENCE-ID").is_none())
}

/// The series of a master that has an RRULE or RDATE; `Ok(None)` for a single event.
pub fn series(master: &Component<'_>, start: &Moment) -> Result<Option<RRuleSet>, String> {
    series_at(master, start, start, None)
}

/// The series as `series` gives it, but begun again at the last instance of its rule that is
/// not after `not_before` (UTC seconds), so that the instances of a window decades after DTSTART
/// cost no more to find than those of its first weeks: a daily series from 1950, a FREQ=SECONDLY
/// one or a monthly one from year 1 would otherwise spend a request's steps before the window.
/// The rule is moved by a whole number of its periods (seconds to weeks of local time, or
/// calendar months), which leaves every instance from there on as it was; with COUNT, only a
/// rule of one instance per period is moved, its count reduced by the periods skipped. A
/// monthly or yearly rule whose day comes from a DTSTART after the 28th stays where it is,
/// since moving it by months would move its day.
pub fn series_from(
    master: &Component<'_>,
    start: &Moment,
    not_before: i64,
) -> Result<Option<RRuleSet>, String> {
    let Some(rule) = value(master, "RRULE").and_then(periodic) else {
        return series(master, start);
    };
    if rule.count.is_some() && rule.filtered {
        return series(master, start);
    }
    let Some((periods, moved)) = rule.step.near(start, not_before, rule.filtered) else {
        return series(master, start);
    };
    let remaining = rule.count.map(|c| i64::from(c) - periods);
    if remaining.is_some_and(|r| r <= 0) {
        return Ok(Some(RRuleSet::new(to_rrule(start))));
    }
    series_at(master, start, &moved, remaining.map(|r| r as u32))
}

/// What `series_from` needs of a rule: its period, its COUNT, and whether a BY part filters
/// (or places) its instances.
struct Periodic {
    step: Step,
    count: Option<u32>,
    filtered: bool,
}

/// A rule's period, in local time.
#[derive(Debug, Clone, Copy)]
enum Step {
    Seconds(i64),
    Months(u32),
}

impl Step {
    /// The number of periods from `start` to the last instance not after `not_before`, and
    /// that instance's start; `None` when none lies between them or the rule cannot move.
    fn near(self, start: &Moment, not_before: i64, placed: bool) -> Option<(i64, Moment)> {
        match self {
            Step::Seconds(period) => {
                let periods = (not_before - start.approx_utc()) / period;
                (periods > 0).then_some(())?;
                let moved = moved(start, periods.checked_mul(period)?)?;
                Some((periods, moved))
            }
            Step::Months(months) => {
                let local = start.local_in(chrono_tz::UTC);
                if local.day() > 28 && !placed {
                    return None;
                }
                let target = DateTime::from_timestamp(not_before, 0)?.naive_utc();
                let apart = (target.year() - local.year()) * 12 + target.month() as i32
                    - local.month() as i32;
                // One period short: local time and the time zone may put `not_before` a little
                // before the month it names.
                let periods = i64::from(apart) / i64::from(months) - 1;
                (periods > 0).then_some(())?;
                let moved = moved_months(start, u32::try_from(periods).ok()?.checked_mul(months)?)?;
                Some((periods, moved))
            }
        }
    }
}

fn periodic(rule: &str) -> Option<Periodic> {
    let mut step = None;
    let mut interval = 1u32;
    let mut count = None;
    let mut filtered = false;
    for part in rule.split(';') {
        let (key, value) = part.split_once('=')?;
        match key.trim().to_ascii_uppercase().as_str() {
            "FREQ" => {
                step = Some(match value.trim().to_ascii_uppercase().as_str() {
                    "SECONDLY" => Step::Seconds(1),
                    "MINUTELY" => Step::Seconds(60),
                    "HOURLY" => Step::Seconds(3600),
                    "DAILY" => Step::Seconds(86_400),
                    "WEEKLY" => Step::Seconds(7 * 86_400),
                    "MONTHLY" => Step::Months(1),
                    "YEARLY" => Step::Months(12),
                    _ => return None,
                })
            }
            "INTERVAL" => interval = value.trim().parse().ok().filter(|i| *i > 0)?,
            "COUNT" => count = Some(value.trim().parse().ok()?),
            key if key.starts_with("BY") => filtered = true,
            _ => {}
        }
    }
    let step = match step? {
        Step::Seconds(unit) => Step::Seconds(unit.checked_mul(i64::from(interval))?),
        Step::Months(unit) => Step::Months(unit.checked_mul(interval)?),
    };
    Some(Periodic {
        step,
        count,
        filtered,
    })
}

/// `start` later by `secs` of its own local time; a date moves by whole days only.
fn moved(start: &Moment, secs: i64) -> Option<Moment> {
    let by = Duration::try_seconds(secs)?;
    Some(match *start {
        Moment::Date(d) if secs % 86_400 == 0 => Moment::Date(d.checked_add_signed(by)?),
        Moment::Date(_) => return None,
        Moment::Utc(u) => Moment::Utc(u.checked_add_signed(by)?),
        Moment::Zoned(n, tz) => Moment::Zoned(n.checked_add_signed(by)?, tz),
        Moment::Floating(n) => Moment::Floating(n.checked_add_signed(by)?),
    })
}

/// `start` later by `months` calendar months, at the same day and local time.
fn moved_months(start: &Moment, months: u32) -> Option<Moment> {
    let by = Months::new(months);
    Some(match *start {
        Moment::Date(d) => Moment::Date(d.checked_add_months(by)?),
        Moment::Utc(u) => Moment::Utc(u.checked_add_months(by)?),
        Moment::Zoned(n, tz) => Moment::Zoned(n.checked_add_months(by)?, tz),
        Moment::Floating(n) => Moment::Floating(n.checked_add_months(by)?),
    })
}

/// The series with its rule begun at `begin` (DTSTART itself, or an instance of the rule found
/// by `series_from`, with the COUNT left from there).
fn series_at(
    master: &Component<'_>,
    start: &Moment,
    begin: &Moment,
    count: Option<u32>,
) -> Result<Option<RRuleSet>, String> {
    let rule = value(master, "RRULE");
    let has_rdate = prop(master, "RDATE").is_some();
    if rule.is_none() && !has_rdate {
        return Ok(None);
    }
    let dtstart = to_rrule(begin);
    // DTSTART is always the first instance (RFC 5545 3.8.5.3); a rule adds the others.
    let only_start = || {
        if begin == start {
            RRuleSet::new(dtstart).rdate(dtstart)
        } else {
            RRuleSet::new(dtstart)
        }
    };
    let mut set = match rule {
        Some(rule) => {
            let mut rule: RRule<Unvalidated> = gregorian(&normalize_until(rule, start))?
                .parse()
                .map_err(|e| format!("invalid RRULE: {e}"))?;
            if let Some(count) = count {
                rule = rule.count(count);
            }
            // A rule that ends before it starts (as some exporters write) adds no instance.
            if rule.get_until().is_some_and(|until| *until < dtstart) {
                only_start()
            } else {
                rule.build(dtstart)
                    .map_err(|e| format!("invalid RRULE: {e}"))?
            }
        }
        None => only_start(),
    };
    for p in master.properties.iter() {
        match p.name.as_str() {
            "EXDATE" => {
                for m in list_moments(p) {
                    set = set.exdate(to_rrule(&m));
                }
            }
            "RDATE" => {
                for m in list_moments(p) {
                    set = set.rdate(to_rrule(&m));
                }
            }
            _ => {}
        }
    }
    // Each step of the iteration is bounded (`rrule`'s own limit): a rule whose instances are
    // never found (FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30) ends instead of stepping to year 9999.
    Ok(Some(set.limit()))
}

/// The series' time line: zoned times in their zone, everything else as naive UTC.
fn to_rrule(m: &Moment) -> DateTime<rrule::Tz> {
    match *m {
        Moment::Zoned(n, tz) => super::time::resolve(tz, n).with_timezone(&rrule::Tz::Tz(tz)),
        Moment::Utc(u) => u.with_timezone(&rrule::Tz::UTC),
        Moment::Date(_) | Moment::Floating(_) => rrule::Tz::UTC
            .from_utc_datetime(&m.local_in(chrono_tz::UTC))
            .with_timezone(&rrule::Tz::UTC),
    }
}

fn from_rrule(t: DateTime<rrule::Tz>, like: &Moment) -> Moment {
    match *like {
        Moment::Zoned(_, tz) => Moment::Zoned(t.with_timezone(&tz).naive_local(), tz),
        Moment::Utc(_) => Moment::Utc(t.with_timezone(&Utc)),
        Moment::Date(_) => Moment::Date(t.naive_utc().date()),
        Moment::Floating(_) => Moment::Floating(t.naive_utc()),
    }
}

/// The rule without RFC 7529's `RSCALE=GREGORIAN` and `SKIP=OMIT`, which say what RFC 5545
/// rules mean anyway; any other calendar scale or skip is refused, since it cannot be expanded.
fn gregorian(rule: &str) -> Result<String, String> {
    let mut parts = Vec::new();
    for part in rule.split(';') {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let default = match key.to_ascii_uppercase().as_str() {
            "RSCALE" => value.eq_ignore_ascii_case("GREGORIAN"),
            "SKIP" => value.eq_ignore_ascii_case("OMIT"),
            _ => {
                parts.push(part);
                continue;
            }
        };
        if !default {
            return Err(format!("invalid RRULE: {part} is not supported"));
        }
    }
    Ok(parts.join(";"))
}

/// The `rrule` crate wants UNTIL in UTC (with a Z) when DTSTART has a zone, as RFC 5545 says;
/// many producers write a date or a local time. Both are read as the end of that local moment.
fn normalize_until(rule: &str, start: &Moment) -> String {
    rule.split(';')
        .map(|part| match part.split_once('=') {
            Some((key, until)) if key.eq_ignore_ascii_case("UNTIL") && !until.ends_with('Z') => {
                let local = if until.len() == 8 {
                    format!("{until}T235959")
                } else {
                    until.to_owned()
                };
                let utc = match (
                    start,
                    chrono::NaiveDateTime::parse_from_str(&local, "%Y%m%dT%H%M%S"),
                ) {
                    (Moment::Zoned(_, tz), Ok(n)) => super::time::resolve(*tz, n).naive_utc(),
                    (_, Ok(n)) => n,
                    (_, Err(_)) => return part.to_owned(),
                };
                format!("UNTIL={}", utc.format("%Y%m%dT%H%M%SZ"))
            }
            _ => part.to_owned(),
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// The instance key of a moment: its UTC seconds (dates and floating times as if UTC).
pub fn instance_key(m: &Moment) -> i64 {
    m.approx_utc()
}

/// How many instances one request may step through, counted from its window: a series from
/// 1950 or a FREQ=SECONDLY one costs what the window shows of it, and no request can hold a
/// thread for long. What the budget cuts off is the end of a series within the window.
#[derive(Debug)]
pub struct Budget {
    steps: usize,
}

impl Budget {
    /// For one request's windows.
    pub const PER_REQUEST: usize = 200_000;

    pub fn new(steps: usize) -> Budget {
        Budget { steps }
    }

    pub fn exhausted(&self) -> bool {
        self.steps == 0
    }

    fn take(&mut self) -> bool {
        let left = self.steps > 0;
        self.steps = self.steps.saturating_sub(1);
        left
    }
}

/// Occurrences of one object touching `[from, to)` local time in `viewer`.
pub fn expand<'c>(
    components: &'c [Component<'c>],
    viewer: Tz,
    from: NaiveDateTime,
    to: NaiveDateTime,
    budget: &mut Budget,
) -> Vec<Expanded<'c>> {
    let overrides: HashSet<i64> = components
        .iter()
        .filter_map(recurrence_id)
        .map(|m| instance_key(&m))
        .collect();
    // The window as a series' instants are counted: a zoned or UTC series in real time, a
    // floating or all-day one in its own wall-clock time read as UTC (which is how the viewer
    // sees it). An hour either side covers a daylight-saving change at an edge.
    let real = (
        viewer_utc(viewer, from) - 3600,
        viewer_utc(viewer, to) + 3600,
    );
    let wall = (
        from.and_utc().timestamp() - 3600,
        to.and_utc().timestamp() + 3600,
    );
    let mut out = Vec::new();
    for c in components {
        let Some(Span { start, length }) = span(c) else {
            continue;
        };
        let (begin, stop) = if start.is_zoneless() { wall } else { real };
        let own_instance = recurrence_id(c).map(|m| instance_key(&m));
        // (start, instance key) of each occurrence: the series' instances not replaced by an
        // override, or the component itself.
        let not_before = begin - length.num_seconds();
        let starts: Vec<(Moment, Option<i64>)> = match own_instance {
            None => match series_from(c, &start, not_before).ok().flatten() {
                Some(set) => (&set)
                    .into_iter()
                    .take(MAX_STEPS)
                    .take_while(|t| t.timestamp() <= stop && budget.take())
                    .map(|t| from_rrule(t, &start))
                    .map(|m| (m, Some(instance_key(&m))))
                    .filter(|(_, key)| key.is_none_or(|k| !overrides.contains(&k)))
                    .collect(),
                None => vec![(start, None)],
            },
            Some(key) => vec![(start, Some(key))],
        };
        let mut shown = 0;
        for (m, instance) in starts {
            let s = m.local_in(viewer);
            let Some(e) = s.checked_add_signed(length) else {
                continue;
            };
            if s < to && (e > from || (s == e && s >= from)) {
                shown += 1;
                if shown > MAX_PER_SERIES {
                    break;
                }
                out.push(Expanded {
                    component: c,
                    start: s,
                    end: e,
                    all_day: start.is_date(),
                    instance,
                });
            }
        }
    }
    out.sort_by_key(|x| x.start);
    out
}

fn viewer_utc(viewer: Tz, local: NaiveDateTime) -> i64 {
    super::time::resolve(viewer, local).timestamp()
}

/// The UTC range an object can touch, for the store's index; `OPEN_END` for an endless series.
pub fn range(components: &[Component<'_>]) -> Option<(i64, i64, bool)> {
    let mut lo = i64::MAX;
    let mut hi = i64::MIN;
    let mut recurring = false;
    for c in components {
        let Some(Span { start, length }) = span(c) else {
            continue;
        };
        let slack = if start.is_zoneless() { SLACK } else { 0 };
        let first = start.approx_utc();
        lo = lo.min(first - slack);
        let last = match series(c, &start) {
            Ok(Some(set)) if recurrence_id(c).is_none() => {
                recurring = true;
                last_start(&set, &start)
            }
            _ => Some(first),
        };
        hi = hi.max(match last {
            Some(last) => last + length.num_seconds() + slack,
            None => OPEN_END,
        });
    }
    (lo <= hi).then_some((lo, hi, recurring))
}

/// The last occurrence of a bounded series; `None` when it has no end (or too many to count).
fn last_start(set: &RRuleSet, start: &Moment) -> Option<i64> {
    let bounded = set
        .get_rrule()
        .iter()
        .all(|r| r.get_count().is_some() || r.get_until().is_some());
    if !bounded {
        return None;
    }
    let mut last = None;
    for (n, t) in set.into_iter().enumerate() {
        if n >= MAX_STEPS {
            return None;
        }
        last = Some(from_rrule(t, start).approx_utc());
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::ical::{parse, unfolded};

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    fn expand_text(
        ics: &str,
        viewer: &str,
        from: &str,
        to: &str,
    ) -> Vec<(String, String, Option<String>)> {
        let text = unfolded(ics);
        let cal = parse(&text).unwrap();
        let tz: Tz = viewer.parse().unwrap();
        expand(
            &cal.components,
            tz,
            at(from),
            at(to),
            &mut Budget::new(1_000_000),
        )
        .into_iter()
        .map(|x| {
            (
                x.start.format("%Y-%m-%dT%H:%M").to_string(),
                crate::calendar::ical::text(x.component, "SUMMARY"),
                x.instance.map(|i| {
                    DateTime::from_timestamp(i, 0)
                        .unwrap()
                        .format("%Y-%m-%dT%H:%MZ")
                        .to_string()
                }),
            )
        })
        .collect()
    }

    const WEEKLY_ZURICH: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:w1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Zurich:20260316T090000\r\nDTEND;TZID=Europe/Zurich:20260316T100000\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\nSUMMARY:Standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

    #[test]
    fn weekly_zurich_series_stays_at_nine_local_across_dst() {
        let got = expand_text(
            WEEKLY_ZURICH,
            "Europe/Zurich",
            "2026-03-16T00:00",
            "2026-04-07T00:00",
        );
        let starts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        // DST starts on 29 March: still 09:00 on both sides.
        assert_eq!(
            starts,
            [
                "2026-03-16T09:00",
                "2026-03-23T09:00",
                "2026-03-30T09:00",
                "2026-04-06T09:00"
            ]
        );
        // The instance key is the UTC start: 08:00Z in winter, 07:00Z in summer.
        assert_eq!(got[0].2.as_deref(), Some("2026-03-16T08:00Z"));
        assert_eq!(got[2].2.as_deref(), Some("2026-03-30T07:00Z"));
    }

    #[test]
    fn new_york_viewer_sees_the_zurich_series_move_with_the_two_dst_dates() {
        let got = expand_text(
            WEEKLY_ZURICH,
            "America/New_York",
            "2026-03-16T00:00",
            "2026-04-07T00:00",
        );
        let starts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        // US DST began on 8 March, Europe's on 29 March: 5 h apart in between (04:00 in New
        // York), 6 h from then on (03:00).
        assert_eq!(
            starts,
            [
                "2026-03-16T04:00",
                "2026-03-23T04:00",
                "2026-03-30T03:00",
                "2026-04-06T03:00"
            ]
        );
    }

    #[test]
    fn overrides_replace_their_instance_and_exdates_remove_theirs() {
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\
BEGIN:VEVENT\r\nUID:w2\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Zurich:20260316T090000\r\nDTEND;TZID=Europe/Zurich:20260316T100000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE;TZID=Europe/Zurich:20260330T090000\r\nSUMMARY:Standup\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:w2\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Zurich:20260323T090000\r\nDTSTART;TZID=Europe/Zurich:20260323T140000\r\nDTEND;TZID=Europe/Zurich:20260323T150000\r\nSUMMARY:Moved standup\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let got = expand_text(ics, "Europe/Zurich", "2026-03-01T00:00", "2026-05-01T00:00");
        let shown: Vec<(&str, &str)> = got.iter().map(|g| (g.0.as_str(), g.1.as_str())).collect();
        assert_eq!(
            shown,
            [
                ("2026-03-16T09:00", "Standup"),
                ("2026-03-23T14:00", "Moved standup"),
                ("2026-04-06T09:00", "Standup"),
            ]
        );
        // The override keeps the key of the instance it replaces.
        assert_eq!(got[1].2.as_deref(), Some("2026-03-23T08:00Z"));
    }

    #[test]
    fn all_day_series_with_a_date_until_ends_on_that_day() {
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:d1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;VALUE=DATE:20261101\r\nRRULE:FREQ=DAILY;UNTIL=20261103\r\nSUMMARY:Fair\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let got = expand_text(
            ics,
            "Pacific/Auckland",
            "2026-10-01T00:00",
            "2026-12-01T00:00",
        );
        let starts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            starts,
            ["2026-11-01T00:00", "2026-11-02T00:00", "2026-11-03T00:00"]
        );
        let text = unfolded(ics);
        let cal = parse(&text).unwrap();
        let (lo, hi, recurring) = range(&cal.components).unwrap();
        assert!(recurring);
        assert!(lo <= at("2026-11-01T00:00").and_utc().timestamp() - 14 * 3600);
        assert!(hi >= at("2026-11-04T00:00").and_utc().timestamp() + 14 * 3600);
        assert!(hi < OPEN_END);
    }

    #[test]
    fn an_endless_series_has_an_open_range() {
        let text = unfolded(WEEKLY_ZURICH);
        let cal = parse(&text).unwrap();
        assert_eq!(range(&cal.components).unwrap().1, OPEN_END);
    }

    #[test]
    fn monthly_nth_weekday_and_yearly_rules_expand() {
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:m1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Zurich:20260113T180000\r\nDURATION:PT2H\r\nRRULE:FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU\r\nSUMMARY:Board\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let got = expand_text(ics, "Europe/Zurich", "2026-01-01T00:00", "2026-08-01T00:00");
        let starts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(
            starts,
            [
                "2026-01-13T18:00",
                "2026-03-10T18:00",
                "2026-05-12T18:00",
                "2026-07-14T18:00"
            ]
        );
    }

    #[test]
    fn a_broken_rule_is_reported_not_expanded() {
        let ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:b1\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260101T090000Z\r\nRRULE:FREQ=SOMETIMES\r\nSUMMARY:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let text = unfolded(ics);
        let cal = parse(&text).unwrap();
        let start = span(&cal.components[0]).unwrap().start;
        let err = series(&cal.components[0], &start).unwrap_err();
        assert!(err.starts_with("invalid RRULE"), "{err}");
    }

    fn event(start: &str, rule: &str) -> String {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:r\r\nDTSTAMP:20260101T000000Z\r\n{start}\r\nDURATION:PT30M\r\nRRULE:{rule}\r\nSUMMARY:S\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    }

    #[test]
    fn a_daily_series_from_1950_and_a_secondly_one_show_in_todays_window() {
        let daily = event("DTSTART;TZID=Europe/Zurich:19500101T090000", "FREQ=DAILY");
        let got = expand_text(
            &daily,
            "Europe/Zurich",
            "2026-12-01T00:00",
            "2026-12-03T00:00",
        );
        let starts: Vec<&str> = got.iter().map(|g| g.0.as_str()).collect();
        assert_eq!(starts, ["2026-12-01T09:00", "2026-12-02T09:00"]);

        let secondly = event("DTSTART:20250101T000000Z", "FREQ=SECONDLY;INTERVAL=7");
        let text = unfolded(&secondly);
        let cal = parse(&text).unwrap();
        let mut budget = Budget::new(Budget::PER_REQUEST);
        let got = expand(
            &cal.components,
            chrono_tz::UTC,
            at("2026-12-01T00:00"),
            at("2026-12-02T00:00"),
            &mut budget,
        );
        // 2026-12-01T00:00Z is 60,393,600 s after the start: 8,627,657 steps of 7 s and 1 s.
        let first = got
            .iter()
            .find(|x| x.start >= at("2026-12-01T00:00"))
            .unwrap();
        assert_eq!(first.start.format("%H:%M:%S").to_string(), "00:00:06");
        assert!(
            got.len() >= 2_000 && got.len() <= MAX_STEPS,
            "{}",
            got.len()
        );
        assert!(budget.steps >= Budget::PER_REQUEST - 2 * MAX_STEPS);
    }

    /// Started afresh near the window, a series has exactly the instances it had there.
    #[test]
    fn a_series_moved_near_its_window_keeps_its_instances() {
        let cases = [
            (
                "DTSTART;TZID=Europe/Zurich:20000103T090000",
                "FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH",
            ),
            (
                "DTSTART;TZID=America/New_York:20000101T233000",
                "FREQ=DAILY;INTERVAL=3",
            ),
            ("DTSTART:20000101T100000Z", "FREQ=DAILY;COUNT=9000"),
            (
                "DTSTART:20000101T100000Z",
                "FREQ=DAILY;COUNT=9000;BYDAY=MO,FR",
            ),
            ("DTSTART;VALUE=DATE:20000101", "FREQ=WEEKLY;UNTIL=20250101"),
            (
                "DTSTART:20000101T000000",
                "FREQ=HOURLY;INTERVAL=5;BYHOUR=0,5,10",
            ),
        ];
        for (start, rule) in cases {
            let text = unfolded(&event(start, rule));
            let cal = parse(&text).unwrap();
            let c = &cal.components[0];
            let dtstart = span(c).unwrap().start;
            // Around DST in both zones, 2024.
            let (lo, hi) = (1_709_251_200, 1_712_102_400);
            let within = |set: RRuleSet| -> Vec<i64> {
                (&set)
                    .into_iter()
                    .map(|t| t.timestamp())
                    .skip_while(|t| *t < lo)
                    .take_while(|t| *t < hi)
                    .collect()
            };
            let whole = within(series(c, &dtstart).unwrap().unwrap());
            let moved = within(series_from(c, &dtstart, lo).unwrap().unwrap());
            assert_eq!(moved, whole, "{start} {rule}");
        }
    }
}
