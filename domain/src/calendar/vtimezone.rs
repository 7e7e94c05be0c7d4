//! VTIMEZONE components for IANA zones, from chrono-tz's data, so exported files and objects we
//! create carry the definitions of the zones they use (RFC 5545 3.6.5). Transitions before this
//! year are listed one by one; from this year on, each yearly rule is written as an RRULE when
//! it holds for the next twenty years (it does for every zone with regular DST).

use super::ical;
use super::time::{tz_from_tzid, Moment};
use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::parser::Component;
use std::collections::BTreeSet;

#[derive(Debug, Clone, PartialEq)]
struct Transition {
    /// Local wall time just before the change (in the old offset), as DTSTART wants it.
    local: NaiveDateTime,
    from: i32,
    to: i32,
    dst: bool,
    name: String,
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    (
        o.fix().local_minus_utc(),
        !o.dst_offset().is_zero(),
        o.abbreviation().unwrap_or("").to_owned(),
    )
}

/// Every offset change in `[from_year, to_year]`, found day by day and then to the second.
fn transitions(tz: Tz, from_year: i32, to_year: i32) -> Vec<Transition> {
    let mut out = Vec::new();
    let Some(mut day) = Utc.with_ymd_and_hms(from_year, 1, 1, 0, 0, 0).single() else {
        return out;
    };
    let Some(end) = Utc.with_ymd_and_hms(to_year + 1, 1, 1, 0, 0, 0).single() else {
        return out;
    };
    let mut before = offset_at(tz, day);
    while day < end {
        let next = day + Duration::days(1);
        let after = offset_at(tz, next);
        if after.0 != before.0 || after.1 != before.1 {
            let (mut lo, mut hi) = (day.timestamp(), next.timestamp());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                let probe = DateTime::from_timestamp(mid, 0).unwrap_or(day);
                if offset_at(tz, probe).0 == before.0 && offset_at(tz, probe).1 == before.1 {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let at = DateTime::from_timestamp(hi, 0).unwrap_or(next);
            out.push(Transition {
                local: at.naive_utc() + Duration::seconds(i64::from(before.0)),
                from: before.0,
                to: after.0,
                dst: after.1,
                name: after.2.clone(),
            });
        }
        before = after;
        day = next;
    }
    out
}

fn offset_text(secs: i32) -> String {
    let sign = if secs < 0 { '-' } else { '+' };
    let a = secs.abs();
    if a % 60 == 0 {
        format!("{sign}{:02}{:02}", a / 3600, a / 60 % 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", a / 3600, a / 60 % 60, a % 60)
    }
}

/// "-1SU" or "2SU": how an RRULE names the transition's day within its month.
fn by_day(t: &NaiveDateTime) -> String {
    let wd = ical::WEEKDAYS[t.weekday().num_days_from_monday() as usize];
    if (t.date() + Duration::days(7)).month() != t.month() {
        format!("-1{wd}")
    } else {
        format!("{}{wd}", (t.day() - 1) / 7 + 1)
    }
}

fn observance(t: &Transition, rrule: Option<String>) -> Component<'static> {
    let mut props = vec![
        ical::property("DTSTART", t.local.format("%Y%m%dT%H%M%S").to_string(), &[]),
        ical::property("TZOFFSETFROM", offset_text(t.from), &[]),
        ical::property("TZOFFSETTO", offset_text(t.to), &[]),
    ];
    if let Some(rule) = rrule {
        props.push(ical::property("RRULE", rule, &[]));
    }
    if !t.name.is_empty() && !t.name.starts_with(['+', '-']) {
        props.push(ical::property("TZNAME", t.name.clone(), &[]));
    }
    Component {
        name: if t.dst { "DAYLIGHT" } else { "STANDARD" }.into(),
        properties: props,
        components: vec![],
    }
}

/// A VTIMEZONE for `tz` covering `since_year` onwards.
pub fn vtimezone(tz: Tz, since_year: i32) -> Component<'static> {
    let this_year = Utc::now().year().max(since_year);
    let history = transitions(tz, since_year, this_year - 1);
    let future = transitions(tz, this_year, this_year + 20);
    let mut observances: Vec<Component<'static>> =
        history.iter().map(|t| observance(t, None)).collect();
    // The two transitions of this year, if every later year repeats them on the same rule.
    let first_two: Vec<&Transition> = future.iter().take(2).collect();
    let regular = !first_two.is_empty()
        && future.iter().enumerate().all(|(i, t)| {
            let model = first_two[i % first_two.len()];
            t.local.month() == model.local.month()
                && by_day(&t.local) == by_day(&model.local)
                && t.local.time() == model.local.time()
                && t.from == model.from
                && t.to == model.to
        })
        && future.len().is_multiple_of(first_two.len());
    if regular {
        for t in first_two {
            let rule = format!(
                "FREQ=YEARLY;BYMONTH={};BYDAY={}",
                t.local.month(),
                by_day(&t.local)
            );
            observances.push(observance(t, Some(rule)));
        }
    } else {
        observances.extend(future.iter().map(|t| observance(t, None)));
    }
    if observances.is_empty() {
        // A zone without changes: one standard observance at its fixed offset.
        let (offset, _, name) = offset_at(tz, Utc::now());
        let local = chrono::NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .unwrap_or_default();
        observances.push(observance(
            &Transition {
                local,
                from: offset,
                to: offset,
                dst: false,
                name,
            },
            None,
        ));
    }
    Component {
        name: "VTIMEZONE".into(),
        properties: vec![ical::property("TZID", tz.name(), &[])],
        components: observances,
    }
}

/// The first year an object's zone definition must cover.
pub fn since_year(m: &Moment) -> i32 {
    super::ical::date_of(m).year() - 1
}

/// The VCALENDAR text of `items`, with the VTIMEZONE of every zone they use: one of `zones` when
/// it defines it, else one generated from the zone database.
pub fn assemble(items: Vec<Component<'static>>, zones: Vec<Component<'static>>) -> String {
    let used = ical::referenced_tzids(&items);
    let mut have = BTreeSet::new();
    let mut out: Vec<Component<'static>> = Vec::new();
    for z in zones {
        if let Some(id) = ical::value(&z, "TZID").map(str::to_owned) {
            if used.contains(&id) && have.insert(id) {
                out.push(z);
            }
        }
    }
    let since = items
        .iter()
        .filter_map(|c| ical::span(c).map(|s| since_year(&s.start)))
        .min()
        .unwrap_or(1970);
    for id in used.difference(&have) {
        if let Some(tz) = tz_from_tzid(id).filter(|tz| tz.name() == id) {
            out.push(vtimezone(tz, since));
        }
    }
    out.extend(items);
    ical::write_calendar(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(c: Component<'static>) -> String {
        super::super::ical::write_calendar(vec![c])
    }

    #[test]
    fn zurich_has_the_eu_rules_as_rrules() {
        let t = text(vtimezone(chrono_tz::Europe::Zurich, Utc::now().year()));
        assert!(t.contains("TZID:Europe/Zurich"), "{t}");
        assert!(t.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"), "{t}");
        assert!(t.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"), "{t}");
        assert!(t.contains("TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200"), "{t}");
        assert!(t.contains("DTSTART:"), "{t}");
    }

    #[test]
    fn new_york_uses_second_and_first_sunday() {
        let t = text(vtimezone(chrono_tz::America::New_York, Utc::now().year()));
        assert!(t.contains("BYMONTH=3;BYDAY=2SU"), "{t}");
        assert!(t.contains("BYMONTH=11;BYDAY=1SU"), "{t}");
        assert!(t.contains("TZOFFSETTO:-0400"), "{t}");
    }

    #[test]
    fn a_zone_without_dst_has_one_standard_observance() {
        let t = text(vtimezone(chrono_tz::Asia::Tokyo, Utc::now().year()));
        assert_eq!(t.matches("BEGIN:STANDARD").count(), 1, "{t}");
        assert!(t.contains("TZOFFSETTO:+0900"), "{t}");
    }
}
