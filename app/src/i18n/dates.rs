//! Dates and times as the views print them, in the current language and the member's 12/24 h
//! setting.

use super::{I18n, Key};
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

pub use domain::date_entry::clock;

/// A stored date of a card ("1867-11-07", or "--11-07" without its year) as words:
/// "7 November 1867", "7 November"; other text as it is.
pub fn card_date(i18n: I18n, stored: &str) -> String {
    match domain::date_entry::birthday_parts(stored) {
        Some((Some(y), m, d)) => format!("{d} {} {y}", month(i18n, m)),
        Some((None, m, d)) => format!("{d} {}", month(i18n, m)),
        None => stored.to_owned(),
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
    fn times_of_local_texts() {
        assert_eq!(time_of("2026-11-21T18:45", false), "18:45");
        assert_eq!(time_of("2026-11-21T18:45", true), "6:45 PM");
    }
}
