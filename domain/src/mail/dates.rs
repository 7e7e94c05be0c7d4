//! When a message arrived, as the member reads it in their own time zone: the list shows the
//! time for today, the day for this year and the date before; the reading pane the date and
//! the time.

use crate::calendar::days::Day;
use crate::date_entry::{clock, format_date, format_day_month};
use crate::locale::Locale;
use chrono::{Datelike, TimeZone, Timelike};

fn local(at: i64, zone: &str) -> Option<(Day, u32)> {
    let tz = crate::calendar::time::tz_from_tzid(zone).unwrap_or(chrono_tz::UTC);
    let time = tz.timestamp_opt(at, 0).single()?;
    let day = Day::from_ymd(time.year(), time.month(), time.day())?;
    Some((day, time.hour() * 60 + time.minute()))
}

/// The list's column: "14:32" today, "03/12" this year, "03/12/2025" before.
pub fn list_date(at: i64, now: i64, zone: &str, locale: Locale) -> String {
    let (Some((day, minutes)), Some((today, _))) = (local(at, zone), local(now, zone)) else {
        return String::new();
    };
    if day == today {
        clock(minutes, false)
    } else if day.year() == today.year() {
        format_day_month(day.month(), day.day(), locale)
    } else {
        format_date(day, locale)
    }
}

/// The reading pane's: "03/12/2026 14:32".
pub fn full_date(at: i64, zone: &str, locale: Locale) -> String {
    match local(at, zone) {
        Some((day, minutes)) => format!("{} {}", format_date(day, locale), clock(minutes, false)),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_shown_in_the_members_zone_and_shortened_when_recent() {
        // 2026-12-03 23:30 UTC is already the 4th in Zurich.
        let now = 1_796_340_600;
        let zurich = "Europe/Zurich";
        assert_eq!(list_date(now - 600, now, zurich, Locale::De), "00:20");
        assert_eq!(list_date(now - 600, now, "UTC", Locale::De), "23:20");
        // An hour before is still the 3rd in Zurich: yesterday there.
        assert_eq!(list_date(now - 3600, now, zurich, Locale::De), "03.12");
        assert_eq!(
            list_date(now - 5 * 86_400, now, zurich, Locale::De),
            "29.11"
        );
        assert_eq!(
            list_date(now - 400 * 86_400, now, zurich, Locale::Fr),
            "30/10/2025"
        );
        assert_eq!(full_date(now, zurich, Locale::En), "04/12/2026 00:30");
        assert_eq!(full_date(now, "Not/AZone", Locale::En), "03/12/2026 23:30");
    }
}
