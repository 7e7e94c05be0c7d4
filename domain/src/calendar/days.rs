//! Calendar days without a time zone, for the views in the browser: which days a month or a week
//! shows, and stepping between them. Kept free of chrono so the wasm bundle stays small; the
//! server does every zone conversion.

use std::fmt;

/// A proleptic Gregorian day; the default is 1970-01-01.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Days since 1970-01-01.
    n: i64,
}

impl Day {
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Day {
            n: days_from_civil(year as i64, month as i64, day as i64),
        })
    }

    /// "YYYY-MM-DD", or the date part of "YYYY-MM-DDTHH:MM".
    pub fn parse(text: &str) -> Option<Day> {
        let date = text.get(..10)?;
        let mut parts = date.split('-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Day::from_ymd(year, month, day)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.n)
    }

    pub fn year(self) -> i32 {
        self.ymd().0
    }

    pub fn month(self) -> u32 {
        self.ymd().1
    }

    pub fn day(self) -> u32 {
        self.ymd().2
    }

    /// ISO weekday: 1 (Monday) to 7 (Sunday).
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        ((self.n + 3).rem_euclid(7) + 1) as u8
    }

    pub fn add_days(self, days: i64) -> Day {
        Day { n: self.n + days }
    }

    pub fn days_until(self, other: Day) -> i64 {
        other.n - self.n
    }

    pub fn month_start(self) -> Day {
        let (y, m, _) = self.ymd();
        Day {
            n: days_from_civil(y as i64, m as i64, 1),
        }
    }

    /// The same day `months` later, clamped to the end of a shorter month.
    pub fn add_months(self, months: i32) -> Day {
        let (y, m, d) = self.ymd();
        let index = y as i64 * 12 + (m as i64 - 1) + months as i64;
        let (year, month) = (
            index.div_euclid(12) as i32,
            (index.rem_euclid(12) + 1) as u32,
        );
        let day = d.min(days_in_month(year, month));
        Day {
            n: days_from_civil(year as i64, month as i64, day as i64),
        }
    }

    /// The first day of the week holding this day, for weeks starting on ISO weekday `start`.
    pub fn week_start(self, start: u8) -> Day {
        let back = (self.weekday() as i64 - start as i64).rem_euclid(7);
        self.add_days(-back)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

/// Minutes since midnight of "YYYY-MM-DDTHH:MM"; 0 for a bare date.
pub fn minutes_of(text: &str) -> u32 {
    let time = text.get(11..16).unwrap_or("00:00");
    let (h, m) = time.split_once(':').unwrap_or(("0", "0"));
    h.parse::<u32>().unwrap_or(0) * 60 + m.parse::<u32>().unwrap_or(0)
}

/// "YYYY-MM-DDTHH:MM" for a day and minutes since its midnight (24:00 rolls to the next day).
pub fn at_minutes(day: Day, minutes: u32) -> String {
    let day = day.add_days((minutes / (24 * 60)) as i64);
    let minutes = minutes % (24 * 60);
    format!("{day}T{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A local "YYYY-MM-DDTHH:MM" moved by `minutes` (a bare date moves by whole days).
pub fn shift_local(text: &str, minutes: i64) -> Option<String> {
    let day = Day::parse(text)?;
    if text.len() == 10 {
        return Some(day.add_days(minutes.div_euclid(24 * 60)).to_string());
    }
    let total = minutes_of(text) as i64 + minutes;
    let day = day.add_days(total.div_euclid(24 * 60));
    Some(at_minutes(day, total.rem_euclid(24 * 60) as u32))
}

// Howard Hinnant's days-from-civil algorithms (public domain), the usual O(1) conversion.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(n: i64) -> (i32, u32, u32) {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    (y as i32, m as u32, d as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn round_trips_and_weekdays() {
        assert_eq!(day("1970-01-01").n, 0);
        assert_eq!(day("2026-11-21").to_string(), "2026-11-21");
        assert_eq!(day("2026-11-21").weekday(), 6);
        assert_eq!(day("2024-02-29").add_days(1).to_string(), "2024-03-01");
        assert_eq!(day("1969-12-31").weekday(), 3);
        assert!(Day::parse("2026-02-29").is_none());
        assert!(Day::parse("2026-13-01").is_none());
        assert_eq!(day("2026-11-21T09:30"), day("2026-11-21"));
    }

    #[test]
    fn months_clamp_and_weeks_start_where_asked() {
        assert_eq!(day("2026-01-31").add_months(1).to_string(), "2026-02-28");
        assert_eq!(day("2026-12-15").add_months(1).to_string(), "2027-01-15");
        assert_eq!(day("2026-01-15").add_months(-1).to_string(), "2025-12-15");
        assert_eq!(day("2026-11-21").month_start().to_string(), "2026-11-01");
        assert_eq!(day("2026-11-21").week_start(1).to_string(), "2026-11-16");
        assert_eq!(day("2026-11-21").week_start(7).to_string(), "2026-11-15");
        assert_eq!(day("2026-11-22").week_start(7).to_string(), "2026-11-22");
        assert_eq!(day("2026-11-21").week_start(6).to_string(), "2026-11-21");
    }

    #[test]
    fn minutes_of_local_times() {
        assert_eq!(minutes_of("2026-11-21T09:30"), 570);
        assert_eq!(minutes_of("2026-11-21"), 0);
        assert_eq!(at_minutes(day("2026-11-21"), 570), "2026-11-21T09:30");
        assert_eq!(at_minutes(day("2026-11-21"), 1440), "2026-11-22T00:00");
        assert_eq!(
            shift_local("2026-11-21T23:30", 60).as_deref(),
            Some("2026-11-22T00:30")
        );
        assert_eq!(
            shift_local("2026-11-21T00:30", -60).as_deref(),
            Some("2026-11-20T23:30")
        );
        assert_eq!(
            shift_local("2026-11-21", 2 * 1440).as_deref(),
            Some("2026-11-23")
        );
    }
}
