//! Dates and times as a member reads and types them: in their language's order ("17.03.2027" in
//! German, "17/03/2027" elsewhere) and their 12- or 24-hour clock, never the browser's. What is
//! typed is read leniently (ISO, two-digit years, "9", "930", "9h30", "9:30 pm") and stored as
//! ISO text.

use crate::calendar::days::Day;
use crate::locale::Locale;

/// The separator between day, month and year in the language's short dates.
fn separator(locale: Locale) -> char {
    match locale {
        Locale::De => '.',
        Locale::En | Locale::Fr | Locale::It | Locale::Es => '/',
    }
}

/// The short date a field shows: "17.03.2027", "17/03/2027".
pub fn format_date(day: Day, locale: Locale) -> String {
    let s = separator(locale);
    format!("{:02}{s}{:02}{s}{}", day.day(), day.month(), day.year())
}

/// A day and month without a year (a birthday whose year is unknown): "17.03", "17/03".
pub fn format_day_month(month: u32, day: u32, locale: Locale) -> String {
    format!("{day:02}{}{month:02}", separator(locale))
}

/// What a date field shows as its placeholder, in the language's letters: "TT.MM.JJJJ".
pub fn date_pattern(locale: Locale) -> &'static str {
    match locale {
        Locale::En => "DD/MM/YYYY",
        Locale::De => "TT.MM.JJJJ",
        Locale::Fr => "JJ/MM/AAAA",
        Locale::It => "GG/MM/AAAA",
        Locale::Es => "DD/MM/AAAA",
    }
}

/// The numbers of a typed date, split at any separator people use.
fn numbers(text: &str) -> Option<Vec<&str>> {
    let parts: Vec<&str> = text
        .split(['.', '/', '-', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    parts
        .iter()
        .all(|p| p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
        .then_some(parts)
}

/// A typed year: two digits are this century's.
fn year(text: &str) -> Option<i32> {
    let year: i32 = text.parse().ok()?;
    match text.len() {
        2 => Some(2000 + year),
        4 => Some(year),
        _ => None,
    }
}

/// A typed date: day, month and year in the suite's languages' order, or ISO "2027-03-17".
pub fn parse_date(text: &str) -> Option<Day> {
    let parts = numbers(text.trim())?;
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (y, m, d) = if a.len() == 4 {
        (year(a)?, b.parse().ok()?, c.parse().ok()?)
    } else {
        (year(c)?, b.parse().ok()?, a.parse().ok()?)
    };
    Day::from_ymd(y, m, d)
}

/// A typed birthday: a date, or a day and month alone ("17/03"), which is stored as vCard's
/// "--03-17". `None` when it is neither.
pub fn parse_birthday(text: &str) -> Option<String> {
    if let Some(day) = parse_date(text) {
        return Some(day.to_string());
    }
    let parts = numbers(text.trim())?;
    let [d, m] = parts.as_slice() else {
        return None;
    };
    let (d, m): (u32, u32) = (d.parse().ok()?, m.parse().ok()?);
    // A leap year, so the 29th of February is a birthday too.
    Day::from_ymd(2000, m, d).map(|_| format!("--{m:02}-{d:02}"))
}

/// A stored birthday's year (when known), month and day: "1990-03-17", or "--03-17" without
/// its year; `None` for other text.
pub fn birthday_parts(stored: &str) -> Option<(Option<i32>, u32, u32)> {
    if let Some(day) = Day::parse(stored) {
        return Some((Some(day.year()), day.month(), day.day()));
    }
    let (m, d) = stored.strip_prefix("--")?.split_once('-')?;
    Some((None, m.parse().ok()?, d.parse().ok()?))
}

/// A stored birthday ("1990-03-17" or "--03-17") as the field shows it; other text as it is.
pub fn format_birthday(stored: &str, locale: Locale) -> String {
    match birthday_parts(stored) {
        Some((Some(y), m, d)) => {
            Day::from_ymd(y, m, d).map_or_else(|| stored.to_owned(), |day| format_date(day, locale))
        }
        Some((None, m, d)) => format_day_month(m, d, locale),
        None => stored.to_owned(),
    }
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

/// A typed time as minutes since midnight: "9", "09:30", "9.30", "9h30", "930", "21:30",
/// "9:30 pm", "12am".
pub fn parse_time(text: &str) -> Option<u32> {
    let lower = text.trim().to_lowercase();
    let (digits, half) = if let Some(rest) = lower.strip_suffix("am").or(lower.strip_suffix("a.m."))
    {
        (rest.trim(), Some(false))
    } else if let Some(rest) = lower.strip_suffix("pm").or(lower.strip_suffix("p.m.")) {
        (rest.trim(), Some(true))
    } else {
        (lower.as_str(), None)
    };
    // Only ASCII is a time, and only ASCII may be cut by byte below.
    if !digits.is_ascii() {
        return None;
    }
    let (h, m) = match digits.split_once([':', '.', 'h']) {
        Some((h, "")) => (h, "0"),
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None if digits.len() > 2 => digits.split_at(digits.len() - 2),
        None => (digits, "0"),
    };
    if h.is_empty() || !(h.bytes().chain(m.bytes())).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let h = match half {
        None if h < 24 => h,
        Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        _ => return None,
    };
    (m < 60).then_some(h * 60 + m)
}

/// Minutes since midnight as a time field's stored value, "HH:MM".
pub fn time_value(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Day {
        Day::from_ymd(y, m, d).unwrap_or_default()
    }

    #[test]
    fn dates_show_in_the_languages_order() {
        assert_eq!(format_date(day(2027, 3, 7), Locale::De), "07.03.2027");
        assert_eq!(format_date(day(2027, 3, 7), Locale::Fr), "07/03/2027");
        assert_eq!(date_pattern(Locale::It), "GG/MM/AAAA");
    }

    #[test]
    fn typed_dates_are_read_leniently_and_checked() {
        for typed in [
            "17.03.2027",
            "17/3/2027",
            "17-03-27",
            " 17 3 2027 ",
            "2027-03-17",
        ] {
            assert_eq!(parse_date(typed), Some(day(2027, 3, 17)), "{typed}");
        }
        for typed in [
            "31.02.2027",
            "17.03",
            "03/17/2027",
            "17.03.027",
            "x",
            "",
            "1.2.3.4",
        ] {
            assert_eq!(parse_date(typed), None, "{typed}");
        }
    }

    #[test]
    fn a_birthday_may_have_no_year() {
        assert_eq!(parse_birthday("17.03.1990").as_deref(), Some("1990-03-17"));
        assert_eq!(parse_birthday("29/02").as_deref(), Some("--02-29"));
        assert_eq!(parse_birthday("31/02"), None);
        assert_eq!(format_birthday("--02-29", Locale::De), "29.02");
        assert_eq!(format_birthday("1990-03-17", Locale::En), "17/03/1990");
        assert_eq!(format_birthday("soon", Locale::En), "soon");
    }

    #[test]
    fn typed_times_are_read_in_either_clock() {
        for (typed, minutes) in [
            ("9", 540),
            ("09:30", 570),
            ("9.30", 570),
            ("9h30", 570),
            ("9h", 540),
            ("930", 570),
            ("2130", 1290),
            ("21:30", 1290),
            ("9:30 pm", 1290),
            ("9PM", 1260),
            ("12 am", 0),
            ("12:15 p.m.", 735),
            ("0", 0),
        ] {
            assert_eq!(parse_time(typed), Some(minutes), "{typed}");
        }
        for typed in [
            "24:00",
            "9:60",
            "13 pm",
            "0 am",
            "9:5",
            "nine",
            "",
            ":30",
            "é1",
            "é&",
            "９３０",
            "1é30",
        ] {
            assert_eq!(parse_time(typed), None, "{typed}");
        }
        assert_eq!(clock(570, true), "9:30 AM");
        assert_eq!(clock(0, true), "12:00 AM");
        assert_eq!(clock(12 * 60 + 5, true), "12:05 PM");
        assert_eq!(clock(1290, false), "21:30");
        assert_eq!(time_value(545), "09:05");
    }
}
