//! Moments as iCalendar writes them, and the conversions the views need. All-day dates and
//! floating times have no zone: they are read in the viewer's zone.

use crate::error::{DomainError, DomainResult};
use crate::reason::Reason;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// A DTSTART/DTEND/RECURRENCE-ID value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Moment {
    Date(NaiveDate),
    Utc(DateTime<Utc>),
    Zoned(NaiveDateTime, Tz),
    Floating(NaiveDateTime),
}

impl Moment {
    pub fn is_date(&self) -> bool {
        matches!(self, Moment::Date(_))
    }

    /// The moment as local time in `viewer`.
    pub fn local_in(&self, viewer: Tz) -> NaiveDateTime {
        match *self {
            Moment::Date(d) => d.and_time(NaiveTime::MIN),
            Moment::Utc(u) => u.with_timezone(&viewer).naive_local(),
            Moment::Zoned(n, tz) => resolve(tz, n).with_timezone(&viewer).naive_local(),
            Moment::Floating(n) => n,
        }
    }

    /// UTC seconds; dates and floating times read as if they were UTC. Use `SLACK` around it
    /// when the viewer is unknown.
    pub fn approx_utc(&self) -> i64 {
        match *self {
            Moment::Date(d) => d.and_time(NaiveTime::MIN).and_utc().timestamp(),
            Moment::Utc(u) => u.timestamp(),
            Moment::Zoned(n, tz) => resolve(tz, n).timestamp(),
            Moment::Floating(n) => n.and_utc().timestamp(),
        }
    }

    /// Whether `approx_utc` is only approximate (no zone attached).
    pub fn is_zoneless(&self) -> bool {
        matches!(self, Moment::Date(_) | Moment::Floating(_))
    }
}

/// The widest gap between UTC and a local time (UTC+14), so zoneless moments are never missed.
pub const SLACK: i64 = 15 * 3600;

/// A local time in `tz`; in a DST gap it moves forward past the gap, in an overlap it takes the
/// first (summer) instance, as RFC 5545 section 3.3.5 says.
pub fn resolve(tz: Tz, local: NaiveDateTime) -> DateTime<Tz> {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t,
        chrono::LocalResult::Ambiguous(first, _) => first,
        chrono::LocalResult::None => {
            let later = local + Duration::hours(1);
            tz.from_local_datetime(&later)
                .earliest()
                .unwrap_or_else(|| tz.from_utc_datetime(&local))
        }
    }
}

/// Reads a TZID as written by common producers: IANA names, possibly behind a path prefix
/// ("/mozilla.org/20050126_1/Europe/Berlin"). `None` when no IANA zone matches.
pub fn tz_from_tzid(tzid: &str) -> Option<Tz> {
    if let Ok(tz) = tzid.parse::<Tz>() {
        return Some(tz);
    }
    let parts: Vec<&str> = tzid.split('/').filter(|p| !p.is_empty()).collect();
    (1..parts.len()).find_map(|i| parts[i..].join("/").parse::<Tz>().ok())
}

/// A date or date-time typed in the UI: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Local {
    Date(NaiveDate),
    DateTime(NaiveDateTime),
}

pub fn parse_local(field: &str, text: &str) -> DomainResult<Local> {
    let text = text.trim();
    if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(Local::Date(d));
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .map(Local::DateTime)
        .ok_or_else(|| DomainError::invalid(field, Reason::DateInvalid))
}

pub fn parse_date(field: &str, text: &str) -> DomainResult<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| DomainError::invalid(field, Reason::DateInvalid))
}

/// The viewer's local date and time at `now`.
pub fn local_now(viewer: Tz, now: i64) -> NaiveDateTime {
    DateTime::from_timestamp(now, 0)
        .map(|t| t.with_timezone(&viewer).naive_local())
        .unwrap_or_default()
}

/// Today in the named zone, "YYYY-MM-DD".
pub fn today(viewer: &str, now: i64) -> DomainResult<String> {
    let tz = crate::clock::parse_time_zone(viewer)?;
    Ok(local_now(tz, now).format("%Y-%m-%d").to_string())
}

/// How far the named zone is ahead of UTC at `now`, in minutes: the browser adds it to its own
/// clock to draw the member's "now", whatever zone the device is set to.
pub fn utc_offset_minutes(viewer: &str, now: i64) -> DomainResult<i32> {
    let tz = crate::clock::parse_time_zone(viewer)?;
    let offset = DateTime::from_timestamp(now, 0)
        .map(|t| t.with_timezone(&tz).offset().fix().local_minus_utc())
        .unwrap_or(0);
    Ok(offset / 60)
}

/// How the views print a local moment.
pub fn format_local(t: NaiveDateTime, all_day: bool) -> String {
    if all_day {
        t.format("%Y-%m-%d").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M").to_string()
    }
}

/// The UTC instants bounding the local days `[from, to)` in `tz`.
pub fn day_bounds(tz: Tz, from: NaiveDate, to: NaiveDate) -> (i64, i64) {
    (
        resolve(tz, from.and_time(NaiveTime::MIN)).timestamp(),
        resolve(tz, to.and_time(NaiveTime::MIN)).timestamp(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn the_offset_follows_daylight_saving_time() {
        let winter = Utc
            .with_ymd_and_hms(2026, 12, 1, 12, 0, 0)
            .unwrap()
            .timestamp();
        let summer = Utc
            .with_ymd_and_hms(2026, 7, 1, 12, 0, 0)
            .unwrap()
            .timestamp();
        assert_eq!(utc_offset_minutes("Europe/Zurich", winter).unwrap(), 60);
        assert_eq!(utc_offset_minutes("Europe/Zurich", summer).unwrap(), 120);
        assert_eq!(utc_offset_minutes("Asia/Kolkata", summer).unwrap(), 330);
        assert!(utc_offset_minutes("Mars/Olympus", summer).is_err());
    }

    #[test]
    fn zurich_nine_is_three_in_new_york_in_summer_and_winter() {
        let zurich: Tz = "Europe/Zurich".parse().unwrap();
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(
            Moment::Zoned(dt("2026-07-01T09:00"), zurich).local_in(ny),
            dt("2026-07-01T03:00")
        );
        assert_eq!(
            Moment::Zoned(dt("2026-12-01T09:00"), zurich).local_in(ny),
            dt("2026-12-01T03:00")
        );
        // Between the two DST changes (Europe ends 25 Oct, US ends 1 Nov) the gap is 5 h.
        assert_eq!(
            Moment::Zoned(dt("2026-10-28T09:00"), zurich).local_in(ny),
            dt("2026-10-28T04:00")
        );
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_forward() {
        let zurich: Tz = "Europe/Zurich".parse().unwrap();
        let t = resolve(zurich, dt("2026-03-29T02:30"));
        assert_eq!(t.naive_local(), dt("2026-03-29T03:30"));
    }

    #[test]
    fn tzids_behind_a_path_are_found() {
        assert_eq!(
            tz_from_tzid("/mozilla.org/20050126_1/Europe/Berlin"),
            Some(chrono_tz::Europe::Berlin)
        );
        assert_eq!(tz_from_tzid("W. Europe Standard Time"), None);
    }

    #[test]
    fn local_inputs_parse_or_name_the_field() {
        assert!(matches!(
            parse_local("start", "2026-11-21"),
            Ok(Local::Date(_))
        ));
        assert!(matches!(
            parse_local("start", "2026-11-21T09:30"),
            Ok(Local::DateTime(_))
        ));
        let err = parse_local("start", "tomorrow").unwrap_err();
        assert!(matches!(err, DomainError::Invalid { field, .. } if field == "start"));
    }
}
