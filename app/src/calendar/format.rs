//! Dates and times as the views print them, in the current language and the member's 12/24 h
//! setting.

use crate::i18n::{I18n, Key};
use domain::calendar::days::{minutes_of, Day};

const WEEKDAYS: [Key; 7] = [
    Key::WeekdayMon,
    Key::WeekdayTue,
    Key::WeekdayWed,
    Key::WeekdayThu,
    Key::WeekdayFri,
    Key::WeekdaySat,
    Key::WeekdaySun,
];

const MONTHS: [Key; 12] = [
    Key::MonthJan,
    Key::MonthFeb,
    Key::MonthMar,
    Key::MonthApr,
    Key::MonthMay,
    Key::MonthJun,
    Key::MonthJul,
    Key::MonthAug,
    Key::MonthSep,
    Key::MonthOct,
    Key::MonthNov,
    Key::MonthDec,
];

/// The short name of an ISO weekday (1 = Monday).
pub fn weekday(i18n: I18n, iso: u8) -> &'static str {
    i18n.t(WEEKDAYS[(iso.clamp(1, 7) - 1) as usize])
}

pub fn month(i18n: I18n, month: u32) -> &'static str {
    i18n.t(MONTHS[(month.clamp(1, 12) - 1) as usize])
}

/// "November 2026"
pub fn month_title(i18n: I18n, day: Day) -> String {
    format!("{} {}", month(i18n, day.month()), day.year())
}

/// "Sat 21 November 2026"
pub fn long_day(i18n: I18n, day: Day) -> String {
    format!(
        "{} {} {} {}",
        weekday(i18n, day.weekday()),
        day.day(),
        month(i18n, day.month()),
        day.year()
    )
}

/// "09:30" or "9:30 AM" for minutes since midnight.
pub fn clock(minutes: u32, hour12: bool) -> String {
    let (h, m) = ((minutes / 60) % 24, minutes % 60);
    if hour12 {
        let suffix = if h < 12 { "AM" } else { "PM" };
        let h12 = if h % 12 == 0 { 12 } else { h % 12 };
        format!("{h12}:{m:02} {suffix}")
    } else {
        format!("{h:02}:{m:02}")
    }
}

/// The time of a local "YYYY-MM-DDTHH:MM" text.
pub fn time_of(text: &str, hour12: bool) -> String {
    clock(minutes_of(text), hour12)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clocks_in_both_forms() {
        assert_eq!(clock(570, false), "09:30");
        assert_eq!(clock(570, true), "9:30 AM");
        assert_eq!(clock(0, true), "12:00 AM");
        assert_eq!(clock(12 * 60 + 5, true), "12:05 PM");
        assert_eq!(clock(23 * 60, true), "11:00 PM");
        assert_eq!(time_of("2026-11-21T18:45", false), "18:45");
    }
}
