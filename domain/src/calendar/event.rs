//! Events as the dialog edits them, written into (and read back from) iCalendar components. An
//! edit changes only the properties the dialog owns; everything else in the component (attendees,
//! alarms, X- properties) is kept as it was.

use super::ical::{
    self, list_moments, moment, moment_prop, prop, property, set, span, text, value,
};
use super::model::{EventInput, Frequency, MonthlyBy, Recurrence};
use super::time::{parse_local, resolve, Local, Moment};
use crate::auth::validate::{refuse_controls, Lines};
use crate::clock::parse_time_zone;
use crate::error::{DomainError, DomainResult};
use crate::reason::Reason;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use icalendar::parser::{Component, Property};

pub(super) const MAX_TITLE: usize = 500;
pub(super) const MAX_LOCATION: usize = 500;
pub(super) const MAX_DESCRIPTION: usize = 20_000;
const MAX_URL: usize = 2_000;
const MAX_COUNT: u32 = 1_000;

/// An `EventInput` checked and converted to iCalendar values.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    pub title: String,
    pub start: Moment,
    pub end: Moment,
    pub location: String,
    pub description: String,
    pub color: Option<String>,
    pub url: String,
    pub video_url: String,
    pub rrule: Option<String>,
    pub exdates: Vec<Moment>,
}

pub fn check(input: &EventInput) -> DomainResult<Checked> {
    let title = input.title.trim();
    if title.is_empty() {
        return Err(DomainError::invalid("title", Reason::TitleRequired));
    }
    limit("title", title, MAX_TITLE, Reason::TitleTooLong)?;
    refuse_controls("title", title, Lines::One)?;
    refuse_controls("location", &input.location, Lines::One)?;
    refuse_controls("description", &input.description, Lines::Several)?;
    limit(
        "location",
        &input.location,
        MAX_LOCATION,
        Reason::LocationTooLong,
    )?;
    limit(
        "description",
        &input.description,
        MAX_DESCRIPTION,
        Reason::DescriptionTooLong,
    )?;
    let url = check_url("url", &input.url)?;
    let video_url = check_url("video_url", &input.video_url)?;
    let color = match input.color.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(c) => Some(check_color(c)?),
    };
    let (start, end, tz) = if input.all_day {
        let start = date_of(parse_local("start", &input.start)?);
        let end = date_of(parse_local("end", &input.end)?).max(start + Duration::days(1));
        (Moment::Date(start), Moment::Date(end), None)
    } else {
        let tz = parse_time_zone(&input.time_zone)?;
        let start = date_time_of("start", parse_local("start", &input.start)?)?;
        let end = date_time_of("end", parse_local("end", &input.end)?)?;
        if resolve(tz, end) < resolve(tz, start) {
            return Err(DomainError::invalid("end", Reason::EndBeforeStart));
        }
        (Moment::Zoned(start, tz), Moment::Zoned(end, tz), Some(tz))
    };
    let (rrule, exdates) = match &input.recurrence {
        None => (None, Vec::new()),
        Some(r) => {
            let rule = rrule_text(r, &start, tz)?;
            let time = match start {
                Moment::Zoned(n, _) | Moment::Floating(n) => n.time(),
                _ => NaiveTime::MIN,
            };
            let mut exdates = Vec::new();
            for d in &r.excluded {
                let day = super::time::parse_date("recurrence", d)?;
                exdates.push(match tz {
                    None => Moment::Date(day),
                    Some(tz) => Moment::Zoned(day.and_time(time), tz),
                });
            }
            (Some(rule), exdates)
        }
    };
    Ok(Checked {
        title: title.to_owned(),
        start,
        end,
        location: input.location.trim().to_owned(),
        description: input.description.trim_end().to_owned(),
        color,
        url,
        video_url,
        rrule,
        exdates,
    })
}

pub(super) fn limit(
    field: &str,
    value: &str,
    max: usize,
    code: crate::reason::Reason,
) -> DomainResult<()> {
    if value.chars().count() > max {
        return Err(DomainError::invalid(field, code));
    }
    Ok(())
}

fn check_url(field: &str, url: &str) -> DomainResult<String> {
    let url = url.trim();
    if url.is_empty() {
        return Ok(String::new());
    }
    limit(field, url, MAX_URL, Reason::UrlInvalid)?;
    if !(url.starts_with("https://") || url.starts_with("http://"))
        || url.contains(char::is_whitespace)
    {
        return Err(DomainError::invalid(field, Reason::UrlInvalid));
    }
    Ok(url.to_owned())
}

pub fn check_color(c: &str) -> DomainResult<String> {
    let ok = c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|x| x.is_ascii_hexdigit());
    if !ok {
        return Err(DomainError::invalid("color", Reason::ColorInvalid));
    }
    Ok(c.to_ascii_lowercase())
}

fn date_of(l: Local) -> NaiveDate {
    match l {
        Local::Date(d) => d,
        Local::DateTime(t) => t.date(),
    }
}

fn date_time_of(field: &str, l: Local) -> DomainResult<chrono::NaiveDateTime> {
    match l {
        Local::DateTime(t) => Ok(t),
        Local::Date(_) => Err(DomainError::invalid(field, Reason::TimeRequired)),
    }
}

/// The RRULE for a dialog's recurrence. The `rrule` crate validates it when it is expanded.
fn rrule_text(r: &Recurrence, start: &Moment, tz: Option<Tz>) -> DomainResult<String> {
    if !(1..=999).contains(&r.interval) {
        return Err(DomainError::invalid(
            "recurrence",
            Reason::RecurrenceInterval,
        ));
    }
    let day = super::ical::date_of(start);
    let mut parts = vec![format!(
        "FREQ={}",
        match r.frequency {
            Frequency::Daily => "DAILY",
            Frequency::Weekly => "WEEKLY",
            Frequency::Monthly => "MONTHLY",
            Frequency::Yearly => "YEARLY",
        }
    )];
    if r.interval > 1 {
        parts.push(format!("INTERVAL={}", r.interval));
    }
    match r.frequency {
        Frequency::Weekly if !r.weekdays.is_empty() => {
            let mut days = r.weekdays.clone();
            days.sort_unstable();
            days.dedup();
            let names: Option<Vec<&str>> = days
                .iter()
                .map(|d| ical::WEEKDAYS.get(usize::from(*d).wrapping_sub(1)).copied())
                .collect();
            let names = names
                .ok_or_else(|| DomainError::invalid("recurrence", Reason::RecurrenceWeekdays))?;
            parts.push(format!("BYDAY={}", names.join(",")));
        }
        Frequency::Monthly => match r.monthly {
            MonthlyBy::MonthDay => parts.push(format!("BYMONTHDAY={}", day.day())),
            MonthlyBy::NthWeekday => {
                let nth = (day.day() - 1) / 7 + 1;
                let nth = if nth == 5 { -1 } else { nth as i32 };
                let wd = ical::WEEKDAYS[day.weekday().num_days_from_monday() as usize];
                parts.push(format!("BYDAY={nth}{wd}"));
            }
        },
        _ => {}
    }
    match (&r.until, r.count) {
        (Some(_), Some(_)) => {
            return Err(DomainError::invalid(
                "recurrence",
                Reason::RecurrenceUntilAndCount,
            ))
        }
        (Some(until), None) => {
            let until = super::time::parse_date("recurrence", until)?;
            if until < day {
                return Err(DomainError::invalid(
                    "recurrence",
                    Reason::RecurrenceEndsBeforeStart,
                ));
            }
            parts.push(match tz {
                None => format!("UNTIL={}", until.format("%Y%m%d")),
                Some(tz) => {
                    let last = resolve(tz, until.and_time(NaiveTime::MIN) + Duration::days(1))
                        - Duration::seconds(1);
                    format!("UNTIL={}", last.naive_utc().format("%Y%m%dT%H%M%SZ"))
                }
            });
        }
        (None, Some(count)) => {
            if !(1..=MAX_COUNT).contains(&count) {
                return Err(DomainError::invalid("recurrence", Reason::RecurrenceCount));
            }
            parts.push(format!("COUNT={count}"));
        }
        (None, None) => {}
    }
    Ok(parts.join(";"))
}

/// Values are kept unescaped in memory, as the parser gives them; writing escapes them.
pub(super) fn set_text(c: &mut Component<'static>, name: &str, value: &str) {
    let p = (!value.is_empty()).then(|| property(name, value, &[]));
    set(c, name, p);
}

pub fn stamp(c: &mut Component<'static>, now: i64) {
    let utc = chrono::DateTime::from_timestamp(now, 0).unwrap_or_default();
    let text = utc.format("%Y%m%dT%H%M%SZ").to_string();
    set(c, "DTSTAMP", Some(property("DTSTAMP", text.clone(), &[])));
    set(
        c,
        "LAST-MODIFIED",
        Some(property("LAST-MODIFIED", text, &[])),
    );
    let seq = value(c, "SEQUENCE").and_then(|s| s.parse::<u32>().ok());
    if let Some(seq) = seq {
        set(
            c,
            "SEQUENCE",
            Some(property("SEQUENCE", (seq + 1).to_string(), &[])),
        );
    }
}

/// A new VEVENT with `uid`.
pub fn new_event(uid: &str, now: i64) -> Component<'static> {
    let created = chrono::DateTime::from_timestamp(now, 0)
        .unwrap_or_default()
        .format("%Y%m%dT%H%M%SZ")
        .to_string();
    Component {
        name: "VEVENT".into(),
        properties: vec![
            property("UID", uid.to_owned(), &[]),
            property("DTSTAMP", created.clone(), &[]),
            property("CREATED", created, &[]),
            property("SEQUENCE", "0", &[]),
        ],
        components: vec![],
    }
}

/// Writes the dialog's fields into `c`. `series` is false for an override (RECURRENCE-ID), which
/// never carries its own rule.
pub fn apply(c: &mut Component<'static>, e: &Checked, series: bool, now: i64) {
    set_text(c, "SUMMARY", &e.title);
    set(c, "DTSTART", Some(moment_prop("DTSTART", &e.start)));
    set(c, "DURATION", None);
    set(c, "DTEND", Some(moment_prop("DTEND", &e.end)));
    set_text(c, "LOCATION", &e.location);
    set_text(c, "DESCRIPTION", &e.description);
    set(
        c,
        "COLOR",
        e.color.clone().map(|v| property("COLOR", v, &[])),
    );
    set(
        c,
        "URL",
        (!e.url.is_empty()).then(|| property("URL", e.url.clone(), &[("VALUE", "URI")])),
    );
    set(
        c,
        "CONFERENCE",
        (!e.video_url.is_empty()).then(|| {
            property(
                "CONFERENCE",
                e.video_url.clone(),
                &[("VALUE", "URI"), ("FEATURE", "VIDEO")],
            )
        }),
    );
    if series {
        set(
            c,
            "RRULE",
            e.rrule.clone().map(|r| property("RRULE", r, &[])),
        );
        set(c, "EXDATE", None);
        if e.rrule.is_some() {
            for x in &e.exdates {
                c.properties.push(moment_prop("EXDATE", x));
            }
        }
    }
    stamp(c, now);
}

/// The dialog's view of a component, with the occurrence's own times when one is given.
pub fn read(
    c: &Component<'_>,
    calendar_id: &str,
    recurrence: Option<Recurrence>,
    occurrence: Option<(Moment, Moment)>,
    viewer: Tz,
) -> EventInput {
    let span = span(c);
    let (start, end) = match (occurrence, span) {
        (Some(o), _) => o,
        (None, Some(s)) => (s.start, shift(&s.start, s.length)),
        (None, None) => (
            Moment::Date(NaiveDate::default()),
            Moment::Date(NaiveDate::default()),
        ),
    };
    let all_day = start.is_date();
    let tz = match start {
        Moment::Zoned(_, tz) => tz,
        _ => viewer,
    };
    let fmt = |m: &Moment| {
        let local = match m {
            Moment::Zoned(n, _) => *n,
            other => other.local_in(tz),
        };
        super::time::format_local(local, all_day)
    };
    EventInput {
        calendar_id: calendar_id.to_owned(),
        title: text(c, "SUMMARY"),
        all_day,
        start: fmt(&start),
        end: fmt(&end),
        time_zone: tz.name().to_owned(),
        location: text(c, "LOCATION"),
        description: text(c, "DESCRIPTION"),
        color: value(c, "COLOR").and_then(crate::color::css_color),
        url: value(c, "URL").unwrap_or_default().to_owned(),
        video_url: c
            .properties
            .iter()
            .find(|p| p.name.as_str() == "CONFERENCE")
            .map(|p| p.val.as_str().to_owned())
            .unwrap_or_default(),
        recurrence,
    }
}

/// `m` moved by `d`, keeping its kind.
pub fn shift(m: &Moment, d: Duration) -> Moment {
    match *m {
        Moment::Date(x) => Moment::Date(x + Duration::days(d.num_days())),
        Moment::Utc(x) => Moment::Utc(x + d),
        Moment::Zoned(n, tz) => {
            Moment::Zoned((resolve(tz, n) + d).with_timezone(&tz).naive_local(), tz)
        }
        Moment::Floating(n) => Moment::Floating(n + d),
    }
}

/// The dialog's recurrence, read back from a master's RRULE and EXDATEs; `None` for a rule the
/// dialog cannot show (it is then kept untouched unless the user replaces it).
pub fn read_recurrence(c: &Component<'_>) -> Option<Recurrence> {
    let rule = value(c, "RRULE")?;
    let mut r = Recurrence::every(Frequency::Daily);
    let start = prop(c, "DTSTART").and_then(moment)?;
    for part in rule.split(';') {
        let (k, v) = part.split_once('=')?;
        match k {
            "FREQ" => {
                r.frequency = match v {
                    "DAILY" => Frequency::Daily,
                    "WEEKLY" => Frequency::Weekly,
                    "MONTHLY" => Frequency::Monthly,
                    "YEARLY" => Frequency::Yearly,
                    _ => return None,
                }
            }
            "INTERVAL" => r.interval = v.parse().ok()?,
            "COUNT" => r.count = v.parse().ok(),
            "UNTIL" => {
                let until_prop = Property::new_ref("UNTIL", v);
                let m = moment(&until_prop)?;
                let local = match (m, start) {
                    (Moment::Utc(u), Moment::Zoned(_, tz)) => u.with_timezone(&tz).date_naive(),
                    (other, _) => super::ical::date_of(&other),
                };
                r.until = Some(local.format("%Y-%m-%d").to_string());
            }
            "BYDAY" if r.frequency == Frequency::Weekly => {
                r.weekdays = v
                    .split(',')
                    .map(|d| {
                        ical::WEEKDAYS
                            .iter()
                            .position(|w| *w == d)
                            .map(|i| i as u8 + 1)
                    })
                    .collect::<Option<Vec<u8>>>()?;
            }
            "BYDAY" if r.frequency == Frequency::Monthly => r.monthly = MonthlyBy::NthWeekday,
            "BYMONTHDAY" if r.frequency == Frequency::Monthly => {}
            "WKST" => {}
            _ => return None,
        }
    }
    for p in c.properties.iter().filter(|p| p.name.as_str() == "EXDATE") {
        for m in list_moments(p) {
            r.excluded
                .push(super::ical::date_of(&m).format("%Y-%m-%d").to_string());
        }
    }
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::ical::{parse, unfolded, write_calendar};

    fn input() -> EventInput {
        EventInput {
            calendar_id: "c".into(),
            title: "Review; budget, Q4".into(),
            all_day: false,
            start: "2026-11-23T09:00".into(),
            end: "2026-11-23T10:30".into(),
            time_zone: "Europe/Zurich".into(),
            location: "Room 2".into(),
            description: "Line one\nLine two".into(),
            color: Some("#1A73E8".into()),
            url: "https://example.org/agenda".into(),
            video_url: String::new(),
            recurrence: Some(Recurrence {
                interval: 2,
                weekdays: vec![1, 3],
                until: Some("2027-03-31".into()),
                excluded: vec!["2026-12-07".into()],
                ..Recurrence::every(Frequency::Weekly)
            }),
        }
    }

    #[test]
    fn an_event_written_and_read_back_is_the_same_event() {
        let checked = check(&input()).unwrap();
        let mut c = new_event("u1", 1_790_000_000);
        apply(&mut c, &checked, true, 1_790_000_000);
        let ics = write_calendar(vec![c]);
        let text = unfolded(&ics);
        let cal = parse(&text).unwrap();
        let back = read(
            &cal.components[0],
            "c",
            read_recurrence(&cal.components[0]),
            None,
            chrono_tz::UTC,
        );
        let mut expected = input();
        expected.color = Some("#1a73e8".into());
        assert_eq!(back, expected);
        assert!(
            ics.contains("RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE;UNTIL=20270331T215959Z"),
            "{ics}"
        );
        assert!(ics.contains("SUMMARY:Review\\; budget\\, Q4"), "{ics}");
    }

    #[test]
    fn bad_inputs_name_their_field() {
        let field = |e: EventInput| match check(&e) {
            Err(DomainError::Invalid { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        let mut e = input();
        e.title = "  ".into();
        assert_eq!(field(e), "title");
        let mut e = input();
        e.end = "2026-11-23T08:00".into();
        assert_eq!(field(e), "end");
        let mut e = input();
        e.time_zone = "Mars/Olympus".into();
        assert_eq!(field(e), "time_zone");
        let mut e = input();
        e.url = "javascript:alert(1)".into();
        assert_eq!(field(e), "url");
        let mut e = input();
        e.color = Some("red".into());
        assert_eq!(field(e), "color");
        let mut e = input();
        if let Some(r) = e.recurrence.as_mut() {
            r.count = Some(3);
        }
        assert_eq!(field(e), "recurrence");
    }

    #[test]
    fn monthly_by_nth_weekday_uses_last_for_the_fifth() {
        let mut e = input();
        e.start = "2026-12-29T09:00".into();
        e.end = "2026-12-29T10:00".into();
        e.recurrence = Some(Recurrence {
            monthly: MonthlyBy::NthWeekday,
            count: Some(5),
            ..Recurrence::every(Frequency::Monthly)
        });
        assert_eq!(
            check(&e).unwrap().rrule.as_deref(),
            Some("FREQ=MONTHLY;BYDAY=-1TU;COUNT=5")
        );
    }
}
