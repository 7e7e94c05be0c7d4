//! The member's "Birthdays" calendar: made with their first calendar list when they use
//! Contacts, read-only, its all-day events computed from the birthdays of the contacts in the
//! address books they see. It stays on the web: it is never shared, published or synced,
//! because it would hand other people's address books to whoever receives it.

use crate::contacts::books::visible_book_ids;
use crate::error::DomainResult;
use crate::locale::SystemName;
use crate::org::{Access, Actor, Product};
use crate::store::{bind_all, placeholders, Db};
use chrono::{Datelike, NaiveDate};
use sha2::{Digest, Sha256};
use sqlx::Row;

pub const COLOR: &str = "#f4511e";

/// One id per member and organization, so two first visits at once make one calendar.
fn calendar_id(actor: &Actor) -> String {
    let digest = Sha256::digest(format!("{}|{}|birthdays", actor.org_id, actor.account_id));
    hex::encode(&digest[..12])
}

/// Makes the member's Birthdays calendar if they use Contacts and have none yet.
pub async fn ensure_calendar(db: &Db, actor: &Actor, now: i64) -> DomainResult<()> {
    if !actor.can(Product::Contacts, Access::Use) {
        return Ok(());
    }
    let locale = crate::auth::locale_of(db, &actor.account_id).await?;
    let name = SystemName::Birthdays.text(locale);
    sqlx::query(
        "INSERT INTO calendars (id, org_id, owner_id, name, color, birthdays, created_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6) ON CONFLICT (id) DO NOTHING",
    )
    .bind(calendar_id(actor))
    .bind(&actor.org_id)
    .bind(&actor.account_id)
    .bind(name)
    .bind(COLOR)
    .bind(now)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// A contact with a birthday: its id, shown name and "YYYY-MM-DD" or "--MM-DD".
#[derive(Debug, Clone, PartialEq)]
pub struct Birthday {
    pub contact_id: String,
    pub name: String,
    pub date: String,
}

/// The live contacts with a birthday in the books the member sees (none without Contacts).
pub async fn birthdays(db: &Db, actor: &Actor, now: i64) -> DomainResult<Vec<Birthday>> {
    if !actor.can(Product::Contacts, Access::Use) {
        return Ok(Vec::new());
    }
    let books = visible_book_ids(db, actor, now).await?;
    if books.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, full_name, birthday FROM contacts
         WHERE deleted_at = 0 AND birthday <> '' AND book_id IN ({})",
        placeholders(1, books.len())
    );
    let rows = bind_all(sqlx::query(&sql), &books)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|row| {
            Ok(Birthday {
                contact_id: row.try_get("id")?,
                name: row.try_get("full_name")?,
                date: row.try_get("birthday")?,
            })
        })
        .collect()
}

/// The birthday's month, day and year of birth when known.
fn parts(date: &str) -> Option<(u32, u32, Option<i32>)> {
    let (year, rest) = match date.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => {
            let (y, rest) = date.split_once('-')?;
            (Some(y.parse().ok()?), rest)
        }
    };
    let (m, d) = rest.split_once('-')?;
    Some((m.parse().ok()?, d.parse().ok()?, year))
}

/// The day a birthday falls on in `year`: 29 February is kept on 28 February in other years.
fn day_in(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| {
        (month == 2 && day == 29)
            .then(|| NaiveDate::from_ymd_opt(year, 2, 28))
            .flatten()
    })
}

/// Each birthday on the days `[from, to)`, with the age reached when the year of birth is
/// known (and not after that day), in date order.
pub fn between(
    birthdays: &[Birthday],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<(NaiveDate, &Birthday, Option<i32>)> {
    let mut out = Vec::new();
    for b in birthdays {
        let Some((month, day, born)) = parts(&b.date) else {
            continue;
        };
        for year in from.year()..=to.year() {
            let Some(on) = day_in(year, month, day) else {
                continue;
            };
            if on < from || on >= to || born.is_some_and(|y| y > year) {
                continue;
            }
            out.push((on, b, born.map(|y| year - y)));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.name.cmp(&b.1.name)));
    out
}

/// The event's title: the name with a cake, and the age when known ("🎂 Ada Lovelace (211)").
pub fn title(name: &str, age: Option<i32>) -> String {
    match age {
        Some(age) if age > 0 => format!("🎂 {name} ({age})"),
        _ => format!("🎂 {name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn birthday(name: &str, date: &str) -> Birthday {
        Birthday {
            contact_id: name.into(),
            name: name.into(),
            date: date.into(),
        }
    }

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn birthdays_fall_every_year_in_the_window_with_the_age_reached() {
        let all = [
            birthday("Ada", "1815-12-10"),
            birthday("Marie", "--11-07"),
            birthday("Unborn", "2030-12-01"),
            birthday("Broken", "soon"),
        ];
        let found = between(&all, day(2026, 11, 1), day(2027, 12, 31));
        let seen: Vec<_> = found
            .iter()
            .map(|(on, b, age)| (*on, b.name.as_str(), *age))
            .collect();
        assert_eq!(
            seen,
            [
                (day(2026, 11, 7), "Marie", None),
                (day(2026, 12, 10), "Ada", Some(211)),
                (day(2027, 11, 7), "Marie", None),
                (day(2027, 12, 10), "Ada", Some(212)),
            ]
        );
        assert!(between(&all, day(2026, 11, 8), day(2026, 12, 10)).is_empty());
    }

    #[test]
    fn a_leap_day_birthday_is_kept_on_the_28th_in_other_years() {
        let leap = [birthday("Leap", "2000-02-29")];
        let on = |y| between(&leap, day(y, 1, 1), day(y + 1, 1, 1))[0].0;
        assert_eq!(on(2027), day(2027, 2, 28));
        assert_eq!(on(2028), day(2028, 2, 29));
    }

    #[test]
    fn titles_carry_the_age_when_known() {
        assert_eq!(title("Ada", Some(211)), "🎂 Ada (211)");
        assert_eq!(title("Marie", None), "🎂 Marie");
        assert_eq!(title("Baby", Some(0)), "🎂 Baby");
    }
}
