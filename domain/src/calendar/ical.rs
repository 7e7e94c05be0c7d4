//! iCalendar text in and out, through the `icalendar` crate's parser. An object is what DESIGN.md
//! stores per row: one UID's components (a master and its RECURRENCE-ID overrides) plus the
//! VTIMEZONEs they reference, as a complete VCALENDAR text.

use super::model::ItemKind;
use super::time::{tz_from_tzid, Moment};
use crate::error::{DomainError, DomainResult};
use chrono::{Duration, NaiveDate};
use icalendar::parser::{read_calendar, unfold, Calendar, Component, Parameter, Property};
use icalendar::{CalendarDateTime, DatePerhapsTime};
use std::collections::BTreeSet;

/// RFC 5545 weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

pub const PRODID: &str = "-//kSuite-rs//Calendar//EN";

/// Parses a whole iCalendar text. The error is the parser's, first line only, for the user.
/// Only for text this server wrote or checked: outside bytes go through `content_lines` first.
pub fn parse(unfolded: &str) -> Result<Calendar<'_>, String> {
    read_calendar(unfolded).map_err(first_line)
}

/// Parses one component (an item that `content_lines::outline` cut from an upload).
pub fn parse_component(unfolded: &str) -> Result<Component<'_>, String> {
    Component::try_from(unfolded).map_err(first_line)
}

fn first_line(error: String) -> String {
    let first = error
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && *l != "error:");
    first.unwrap_or("unreadable iCalendar text").to_owned()
}

pub fn unfolded(text: &str) -> String {
    unfold(text)
}

pub fn prop<'c>(c: &'c Component<'_>, name: &str) -> Option<&'c Property<'c>> {
    c.properties.iter().find(|p| p.name.as_str() == name)
}

pub fn value<'c>(c: &'c Component<'_>, name: &str) -> Option<&'c str> {
    prop(c, name).map(|p| p.val.as_str())
}

/// A TEXT value (the parser has already undone its escapes).
pub fn text(c: &Component<'_>, name: &str) -> String {
    value(c, name).unwrap_or_default().to_owned()
}

pub fn param<'p>(p: &'p Property<'_>, key: &str) -> Option<&'p str> {
    p.params
        .iter()
        .find(|x| x.key.as_str().eq_ignore_ascii_case(key))
        .and_then(|x| x.val.as_ref().map(|v| v.as_str()))
}

/// A date-time property as a `Moment`. A TZID that names no known zone reads as floating time.
pub fn moment(p: &Property<'_>) -> Option<Moment> {
    let parsed = DatePerhapsTime::try_from(p).ok()?;
    Some(match parsed {
        DatePerhapsTime::Date(d) => Moment::Date(d),
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(u)) => Moment::Utc(u),
        DatePerhapsTime::DateTime(CalendarDateTime::Floating(n)) => Moment::Floating(n),
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            match tz_from_tzid(&tzid) {
                Some(tz) => Moment::Zoned(date_time, tz),
                None => Moment::Floating(date_time),
            }
        }
    })
}

/// Start and length of an event or task as written. Missing DTEND: DURATION, else one day for
/// a date and zero for a date-time (RFC 5545 3.6.1). Tasks use DUE (or DTSTART).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    pub start: Moment,
    pub length: Duration,
}

pub fn span(c: &Component<'_>) -> Option<Span> {
    let is_task = c.name.as_str() == "VTODO";
    let start = if is_task {
        prop(c, "DUE").or_else(|| prop(c, "DTSTART"))
    } else {
        prop(c, "DTSTART")
    };
    let start = moment(start?)?;
    let end_prop = if is_task { None } else { prop(c, "DTEND") };
    let length = match end_prop.and_then(moment) {
        Some(end) => Duration::seconds(end.approx_utc() - start.approx_utc()),
        None => match value(c, "DURATION").and_then(parse_duration) {
            Some(d) => d,
            None if start.is_date() => Duration::days(1),
            None => Duration::zero(),
        },
    };
    Some(Span {
        start,
        length: length.clamp(Duration::zero(), Duration::days(MAX_LENGTH_DAYS)),
    })
}

/// The longest an event or task is taken to last: ten years. Longer lengths are read as this,
/// so no date arithmetic on them can leave the calendar.
pub const MAX_LENGTH_DAYS: i64 = 3653;

/// An RFC 5545 DURATION ("PT1H30M", "P1D", "-PT15M") through the `iso8601` crate.
pub fn parse_duration(text: &str) -> Option<Duration> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let std: std::time::Duration = iso8601::duration(rest).ok()?.into();
    let d = Duration::from_std(std).ok()?;
    Some(if negative { -d } else { d })
}

pub fn kind_of(c: &Component<'_>) -> Option<ItemKind> {
    match c.name.as_str() {
        "VEVENT" => Some(ItemKind::Event),
        "VTODO" => Some(ItemKind::Task),
        _ => None,
    }
}

/// The TZIDs an object's components refer to.
pub fn referenced_tzids(components: &[Component<'_>]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in components {
        for p in &c.properties {
            if let Some(tzid) = param(p, "TZID") {
                out.insert(tzid.to_owned());
            }
        }
    }
    out
}

/// A complete VCALENDAR text holding `components`.
pub fn write_calendar(components: Vec<Component<'_>>) -> String {
    write_named_calendar(None, components)
}

/// Like `write_calendar`, with the calendar's display name for subscribers (X-WR-CALNAME).
pub fn write_named_calendar(name: Option<&str>, components: Vec<Component<'_>>) -> String {
    let mut properties = vec![
        Property::new_ref("VERSION", "2.0"),
        Property::new_ref("PRODID", PRODID),
    ];
    if let Some(name) = name {
        properties.push(Property::new_ref("CALSCALE", "GREGORIAN"));
        properties.push(Property::new_ref("X-WR-CALNAME", name));
    }
    Calendar {
        properties: properties.iter().map(wire_property).collect(),
        components: components.iter().map(wire).collect(),
    }
    .to_string()
}

/// TEXT properties as RFC 5545 3.8 types them: the parser unescapes exactly these (plus
/// `VALUE=TEXT` and X- properties, but not the CATEGORIES/RESOURCES lists), and its writer does
/// not escape them again, so `wire` does.
const TEXT_PROPERTIES: [&str; 18] = [
    "CALSCALE",
    "METHOD",
    "PRODID",
    "VERSION",
    "CLASS",
    "COMMENT",
    "DESCRIPTION",
    "LOCATION",
    "STATUS",
    "SUMMARY",
    "TRANSP",
    "TZID",
    "TZNAME",
    "CONTACT",
    "RELATED-TO",
    "UID",
    "ACTION",
    "REQUEST-STATUS",
];

fn is_text(p: &Property<'_>) -> bool {
    let name = p.name.as_str();
    if name == "CATEGORIES" || name == "RESOURCES" {
        return false;
    }
    match param(p, "VALUE") {
        Some(v) if v.parse::<icalendar::ValueType>().is_ok() => v.eq_ignore_ascii_case("TEXT"),
        _ => name.starts_with("X-") || TEXT_PROPERTIES.contains(&name),
    }
}

/// A TEXT value as RFC 5545 3.3.11 writes it. A line break of any kind (CRLF, LF or a lone CR)
/// becomes `\n`; no other control character but TAB may appear in TEXT, so they are dropped.
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_ascii_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Any other value or parameter: control characters other than TAB cannot be written at all.
fn without_controls(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_ascii_control() || *c == '\t')
        .collect()
}

fn wire_property<'a>(p: &Property<'a>) -> Property<'a> {
    let val = if is_text(p) {
        escape_text(p.val.as_str()).into()
    } else {
        without_controls(p.val.as_str()).into()
    };
    let params = p
        .params
        .iter()
        .map(|x| Parameter {
            key: x.key.clone(),
            // A parameter value cannot hold a DQUOTE (RFC 5545 3.1): what was quoted is quoted
            // again here, whole, so no quote inside can end it early.
            val: x.val.as_ref().map(|v| {
                let v: String = without_controls(v.as_str()).replace('"', "");
                if v.contains([':', ';', ',']) {
                    format!("\"{v}\"").into()
                } else {
                    v.into()
                }
            }),
        })
        .collect();
    Property {
        name: p.name.clone(),
        val,
        params,
    }
}

/// The component as it goes on the wire: TEXT values escaped, parameters quoted where needed.
fn wire<'a>(c: &Component<'a>) -> Component<'a> {
    Component {
        name: c.name.clone(),
        properties: c.properties.iter().map(wire_property).collect(),
        components: c.components.iter().map(wire).collect(),
    }
}

/// A property built in memory. Values stay unescaped, as the parser gives them; `wire` escapes
/// them on output.
pub fn property(
    name: &str,
    value: impl Into<String>,
    params: &[(&str, &str)],
) -> Property<'static> {
    Property {
        name: name.to_owned().into(),
        val: value.into().into(),
        params: params
            .iter()
            .map(|(k, v)| Parameter {
                key: (*k).to_owned().into(),
                val: Some((*v).to_owned().into()),
            })
            .collect(),
    }
}

/// A date-time property in the form of `m` (VALUE=DATE, UTC, TZID or floating).
pub fn moment_prop(name: &str, m: &Moment) -> Property<'static> {
    match m {
        Moment::Date(d) => property(name, d.format("%Y%m%d").to_string(), &[("VALUE", "DATE")]),
        Moment::Utc(u) => property(name, u.format("%Y%m%dT%H%M%SZ").to_string(), &[]),
        Moment::Zoned(n, tz) => property(
            name,
            n.format("%Y%m%dT%H%M%S").to_string(),
            &[("TZID", tz.name())],
        ),
        Moment::Floating(n) => property(name, n.format("%Y%m%dT%H%M%S").to_string(), &[]),
    }
}

/// Replaces every `name` property by `p` (or removes them when `p` is `None`), in place of the
/// first one so the component's order is kept.
pub fn set(c: &mut Component<'static>, name: &str, p: Option<Property<'static>>) {
    let at = c.properties.iter().position(|x| x.name.as_str() == name);
    c.properties.retain(|x| x.name.as_str() != name);
    if let Some(p) = p {
        let at = at.unwrap_or(c.properties.len()).min(c.properties.len());
        c.properties.insert(at, p);
    }
}

/// EXDATE and RDATE carry comma-separated lists sharing one set of parameters.
pub fn list_moments(p: &Property<'_>) -> Vec<Moment> {
    p.val
        .as_str()
        .split(',')
        .filter_map(|one| {
            moment(&Property {
                name: p.name.clone(),
                val: one.trim().into(),
                params: p.params.clone(),
            })
        })
        .collect()
}

/// An owned deep copy, so a parsed object can be edited and written back.
pub fn own(c: &Component<'_>) -> Component<'static> {
    Component {
        name: c.name.to_owned(),
        properties: c
            .properties
            .iter()
            .map(|p| Property {
                name: p.name.to_owned(),
                val: p.val.to_owned(),
                params: p
                    .params
                    .iter()
                    .map(|x| Parameter {
                        key: x.key.to_owned(),
                        val: x.val.as_ref().map(|v| v.to_owned()),
                    })
                    .collect(),
            })
            .collect(),
        components: c.components.iter().map(own).collect(),
    }
}

/// A stored object split into its VTIMEZONEs and its items (master and overrides).
pub struct Parsed {
    pub zones: Vec<Component<'static>>,
    pub items: Vec<Component<'static>>,
}

/// Reads a stored object back; stored text always parsed once, so failing now is a bug.
pub fn parse_object(ics: &str) -> DomainResult<Parsed> {
    let text = unfolded(ics);
    let cal = parse(&text).map_err(|e| {
        tracing::error!(error = %e, "stored calendar object does not parse");
        DomainError::Internal
    })?;
    let (zones, items) = cal
        .components
        .iter()
        .map(own)
        .partition(|c| c.name.as_str() == "VTIMEZONE");
    Ok(Parsed { zones, items })
}

/// What the store indexes of an object: its UID, kind, title and the UTC span it can touch.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectIndex {
    pub uid: String,
    pub kind: ItemKind,
    pub summary: String,
    pub range_start: i64,
    pub range_end: i64,
    pub recurring: bool,
    pub done: bool,
}

/// Far future: a series without an end.
pub const OPEN_END: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z

pub fn completed(c: &Component<'_>) -> bool {
    value(c, "STATUS").is_some_and(|s| s.eq_ignore_ascii_case("COMPLETED"))
        || prop(c, "COMPLETED").is_some()
}

/// Last day as a date, for "until" in the UI.
pub fn date_of(m: &Moment) -> NaiveDate {
    match *m {
        Moment::Date(d) => d,
        Moment::Utc(u) => u.date_naive(),
        Moment::Zoned(n, _) | Moment::Floating(n) => n.date(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_survive_parse_and_write() {
        let src = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:a\\,b\r\nSUMMARY:Budget\\, Q4\\; final\r\nDESCRIPTION:One\\nTwo \\\\ three\r\nCATEGORIES:A,B\r\nX-NOTE:x\\,y\r\nATTENDEE;CN=\"Dubois, Chloé\":mailto:c@x.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let text = unfolded(src);
        let cal = parse(&text).unwrap();
        assert_eq!(
            super::text(&cal.components[0], "SUMMARY"),
            "Budget, Q4; final"
        );
        let out = write_calendar(cal.components.clone());
        for line in [
            "UID:a\\,b",
            "SUMMARY:Budget\\, Q4\\; final",
            "DESCRIPTION:One\\nTwo \\\\ three",
            "CATEGORIES:A,B",
            "X-NOTE:x\\,y",
            "ATTENDEE;CN=\"Dubois, Chloé\":mailto:c@x.example",
        ] {
            assert!(out.contains(line), "{line} not in\n{out}");
        }
    }

    #[test]
    fn a_parameter_value_is_quoted_whole() {
        let mut c = own(&parse(&unfolded(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        ))
        .unwrap()
        .components[0]);
        let cn = "\"Eve\";X-EVIL=1:mailto:x";
        set(
            &mut c,
            "ORGANIZER",
            Some(property("ORGANIZER", "mailto:e@x.example", &[("CN", cn)])),
        );
        let out = write_calendar(vec![c]);
        assert!(
            out.contains("ORGANIZER;CN=\"Eve;X-EVIL=1:mailto:x\":mailto:e@x.example"),
            "{out}"
        );
    }

    #[test]
    fn control_characters_never_reach_the_wire() {
        let mut c = own(&parse(&unfolded(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:a\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        ))
        .unwrap()
        .components[0]);
        set(
            &mut c,
            "SUMMARY",
            Some(property("SUMMARY", "one\rtwo\r\nthree\u{7}\tfour", &[])),
        );
        set(
            &mut c,
            "URL",
            Some(property(
                "URL",
                "https://x.example/\r\nX-EVIL:1",
                &[("X-P", "a\rb")],
            )),
        );
        let out = write_calendar(vec![c]);
        assert!(out.contains("SUMMARY:one\\ntwo\\nthree\tfour\r\n"), "{out}");
        assert!(
            out.contains("URL;X-P=ab:https://x.example/X-EVIL:1\r\n"),
            "{out}"
        );
        let bare_cr = out.replace("\r\n", "").contains('\r');
        assert!(!bare_cr, "{out:?}");
    }
}
