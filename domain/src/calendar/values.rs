//! Whether a property's value is one a strict iCalendar reader takes (RFC 5545 section 3.3).
//! An import keeps only such values, so nothing this server writes out is refused by the next
//! reader (python `icalendar`, ical.js, a phone).

use super::ical::{moment, param, parse_duration};
use icalendar::parser::Property;

/// The value types this check knows, by property name.
enum Kind {
    /// DATE-TIME, or DATE with `VALUE=DATE`.
    Moment,
    /// A comma-separated list of moments (or, for RDATE, of periods).
    Moments,
    Duration,
    /// A DURATION, or a UTC DATE-TIME with `VALUE=DATE-TIME`.
    Trigger,
    UtcOffset,
    Integer {
        min: i64,
        max: i64,
    },
    Geo,
    /// RFC 7986: a CSS colour name; `#rrggbb` as many producers write.
    Color,
}

fn kind_of(name: &str) -> Option<Kind> {
    Some(match name {
        "DTSTART" | "DTEND" | "DUE" | "RECURRENCE-ID" | "DTSTAMP" | "CREATED" | "LAST-MODIFIED"
        | "COMPLETED" | "ACKNOWLEDGED" => Kind::Moment,
        "EXDATE" | "RDATE" => Kind::Moments,
        "DURATION" => Kind::Duration,
        "TRIGGER" => Kind::Trigger,
        "TZOFFSETFROM" | "TZOFFSETTO" => Kind::UtcOffset,
        "PRIORITY" => Kind::Integer { min: 0, max: 9 },
        "PERCENT-COMPLETE" => Kind::Integer { min: 0, max: 100 },
        "SEQUENCE" | "REPEAT" => Kind::Integer {
            min: 0,
            max: i64::from(i32::MAX),
        },
        "GEO" => Kind::Geo,
        "COLOR" => Kind::Color,
        _ => return None,
    })
}

/// `None` when the value is acceptable (or of a type this check does not know), else why not.
pub fn problem(p: &Property<'_>) -> Option<String> {
    let name = p.name.as_str();
    let value = p.val.as_str().trim();
    let ok = match kind_of(name)? {
        Kind::Moment => moment(p).is_some(),
        Kind::Moments => value.split(',').all(|one| list_item_ok(p, one.trim())),
        Kind::Duration => duration_ok(value),
        Kind::Trigger => match param(p, "VALUE") {
            Some(v) if v.eq_ignore_ascii_case("DATE-TIME") => moment(p).is_some(),
            _ => duration_ok(value),
        },
        Kind::UtcOffset => utc_offset_ok(value),
        Kind::Integer { min, max } => value.parse::<i64>().is_ok_and(|n| (min..=max).contains(&n)),
        Kind::Color => crate::color::css_color(value).is_some(),
        Kind::Geo => value.split_once(';').is_some_and(|(a, b)| {
            a.trim().parse::<f64>().is_ok() && b.trim().parse::<f64>().is_ok()
        }),
    };
    (!ok).then(|| format!("{name}: invalid value {:?}", shorten(value)))
}

fn shorten(value: &str) -> String {
    value.chars().take(40).collect()
}

fn with_value<'a>(p: &Property<'a>, value: &str) -> Property<'a> {
    Property {
        name: p.name.clone(),
        val: value.to_owned().into(),
        params: p.params.clone(),
    }
}

/// One element of an EXDATE or RDATE list; RDATE may hold periods (`start/end`, `start/length`).
fn list_item_ok(p: &Property<'_>, one: &str) -> bool {
    let period = param(p, "VALUE").is_some_and(|v| v.eq_ignore_ascii_case("PERIOD"));
    if period {
        let Some((start, end)) = one.split_once('/') else {
            return false;
        };
        let plain: Vec<_> = p
            .params
            .iter()
            .filter(|x| !x.key.as_str().eq_ignore_ascii_case("VALUE"))
            .cloned()
            .collect();
        let bare = |v: &str| Property {
            name: p.name.clone(),
            val: v.to_owned().into(),
            params: plain.clone(),
        };
        return moment(&bare(start)).is_some()
            && (moment(&bare(end)).is_some() || duration_ok(end));
    }
    moment(&with_value(p, one)).is_some()
}

/// RFC 5545 3.3.6: an optional sign, then `P` and weeks, or days and/or a time part.
fn duration_ok(value: &str) -> bool {
    let body = value.trim_start_matches(['+', '-']);
    let well_formed = body.starts_with('P')
        && body.len() > 1
        && !body.contains(['-', '+', '.', ','])
        && !body.ends_with('T');
    well_formed
        && parse_duration(value).is_some_and(|d| d.num_days().abs() <= super::ical::MAX_LENGTH_DAYS)
}

/// RFC 5545 3.3.14: `+hhmm` or `-hhmm`, optional seconds; hours under 24; never `-0000`.
fn utc_offset_ok(value: &str) -> bool {
    let (sign, digits) = value.split_at(value.len().min(1));
    if !matches!(sign, "+" | "-") || !matches!(digits.len(), 4 | 6) {
        return false;
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let part = |i: usize| digits[i..i + 2].parse::<u32>().unwrap_or(99);
    let seconds_ok = digits.len() == 4 || part(4) < 60;
    let negative_zero = sign == "-" && digits.bytes().all(|b| b == b'0');
    part(0) < 24 && part(2) < 60 && seconds_ok && !negative_zero
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::ical::property;

    fn check(name: &str, value: &str, params: &[(&str, &str)]) -> bool {
        problem(&property(name, value, params)).is_none()
    }

    #[test]
    fn values_are_checked_by_their_type() {
        assert!(check("DTSTART", "20261201T090000Z", &[]));
        assert!(check("DTSTART", "20261201", &[("VALUE", "DATE")]));
        assert!(!check("DTSTART", "2026-12-01", &[]));
        assert!(!check("DTEND", "20261341T090000", &[]));
        assert!(check("EXDATE", "20261201T090000Z,20261202T090000Z", &[]));
        assert!(!check("EXDATE", "20261201T090000Z,tomorrow", &[]));
        assert!(check(
            "RDATE",
            "19970101T180000Z/PT5H30M",
            &[("VALUE", "PERIOD")]
        ));
        assert!(check("TRIGGER", "-PT15M", &[]));
        assert!(check(
            "TRIGGER",
            "19980101T050000Z",
            &[("VALUE", "DATE-TIME")]
        ));
        assert!(!check("TRIGGER", "PT-2H", &[]));
        assert!(!check("DURATION", "P", &[]));
        assert!(!check("DURATION", "P13700000W", &[]));
        assert!(check("TZOFFSETFROM", "+002946", &[]));
        assert!(check("TZOFFSETTO", "-0500", &[]));
        assert!(!check("TZOFFSETTO", "+5328", &[]));
        assert!(!check("TZOFFSETTO", "-0000", &[]));
        assert!(check("PRIORITY", "1", &[]));
        assert!(!check("PRIORITY", "high", &[]));
        assert!(!check("PERCENT-COMPLETE", "140", &[]));
        assert!(check("GEO", "37.386013;-122.082932", &[]));
        assert!(!check("GEO", "here", &[]));
        assert!(check("SUMMARY", "anything at all", &[]));
        assert!(check("COLOR", "turquoise", &[]));
        assert!(!check("COLOR", "red;background:url(x)", &[]));
    }
}
