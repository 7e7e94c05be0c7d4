//! A book back to its state on a chosen day: every contact that was in it at the end of that
//! day gets that day's text back (from the trash, from an edit, or from the book it moved to),
//! and contacts added since go to the trash. The texts come from `contact_versions`, which keep
//! what each change replaced for as long as the trash keeps things.

use super::card_rows::{trash_card, update_card};
use super::model::RestoreOutcome;
use super::store::{bump, writable_book, write_access};
use super::trash::RETENTION_SECS;
use super::vcard;
use crate::error::{DomainError, DomainResult};
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::Db;
use chrono::{Duration, NaiveDate};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// The instant a restore goes back to: the end of `day` in the member's time zone, within the
/// retention and before now.
pub fn restore_point(day: &str, time_zone: &str, now: i64) -> DomainResult<i64> {
    let out_of_range = || DomainError::invalid("day", Reason::RestoreDayOutOfRange);
    let day = NaiveDate::parse_from_str(day.trim(), "%Y-%m-%d").map_err(|_| out_of_range())?;
    let tz = crate::clock::parse_time_zone(time_zone)?;
    let next = day + Duration::days(1);
    let (_, end) = crate::calendar::time::day_bounds(tz, day, next);
    if end > now || end < now - RETENTION_SECS {
        return Err(out_of_range());
    }
    Ok(end)
}

/// A contact as it is now.
struct Current {
    book_id: String,
    vcard: String,
    created_at: i64,
    deleted_at: i64,
}

pub async fn restore_book_to_day(
    db: &Db,
    actor: &Actor,
    book_id: &str,
    day: &str,
    now: i64,
) -> DomainResult<RestoreOutcome> {
    let (time_zone,): (String,) = sqlx::query_as("SELECT time_zone FROM accounts WHERE id = $1")
        .bind(&actor.account_id)
        .fetch_one(db.pool())
        .await?;
    let point = restore_point(day, &time_zone, now)?;
    let mut tx = db.write().await?;
    writable_book(&mut tx, actor, book_id).await?;
    // Every contact in the book now, and every one that was in it after the point.
    let rows = sqlx::query(
        "SELECT id, book_id, vcard, created_at, deleted_at FROM contacts
         WHERE book_id = $1 OR id IN
           (SELECT contact_id FROM contact_versions WHERE book_id = $1 AND replaced_at > $2)",
    )
    .bind(book_id)
    .bind(point)
    .fetch_all(&mut *tx)
    .await?;
    let mut current = HashMap::new();
    for row in &rows {
        current.insert(
            row.try_get::<String, _>("id")?,
            Current {
                book_id: row.try_get("book_id")?,
                vcard: row.try_get("vcard")?,
                created_at: row.try_get("created_at")?,
                deleted_at: row.try_get("deleted_at")?,
            },
        );
    }
    let then = texts_at(&mut tx, book_id, point).await?;
    let mut outcome = RestoreOutcome::default();
    // The state replaced first after the point is the one it had then; without one, the
    // contact has not changed since (but for a deletion, which its time tells).
    let mut writable_elsewhere: HashMap<String, bool> = HashMap::new();
    for (id, now_state) in &current {
        let (book, text, deleted_at) = match then.get(id) {
            Some(v) => (v.book_id.as_str(), v.vcard.as_str(), v.deleted_at),
            None => (
                now_state.book_id.as_str(),
                now_state.vcard.as_str(),
                now_state.deleted_at,
            ),
        };
        let deleted_by_then = deleted_at != 0 && deleted_at <= point;
        let at_point = (now_state.created_at <= point && !deleted_by_then).then_some((book, text));
        match at_point {
            Some((book, text)) if book == book_id => {
                if now_state.book_id == book_id
                    && now_state.vcard == text
                    && now_state.deleted_at == 0
                {
                    outcome.unchanged += 1;
                    continue;
                }
                if now_state.book_id != book_id {
                    let source = &now_state.book_id;
                    let may = match writable_elsewhere.get(source) {
                        Some(may) => *may,
                        None => {
                            let may = write_access(&mut tx, actor, source).await? == Some(true);
                            writable_elsewhere.insert(source.clone(), may);
                            may
                        }
                    };
                    if !may {
                        continue;
                    }
                    bump(&mut tx, source).await?;
                }
                let card = vcard::parse(text).map_err(|_| DomainError::Internal)?;
                update_card(&mut tx, id, book_id, text, &vcard::index(&card), now).await?;
                outcome.restored += 1;
            }
            // Added since, or elsewhere then: out of the book again, into the trash.
            _ if now_state.book_id == book_id && now_state.deleted_at == 0 => {
                trash_card(&mut tx, id, now).await?;
                outcome.removed += 1;
            }
            _ => {}
        }
    }
    bump(&mut tx, book_id).await?;
    tx.commit().await?;
    Ok(outcome)
}

/// A contact's state before a change.
struct Version {
    book_id: String,
    vcard: String,
    deleted_at: i64,
}

/// For each contact changed after the point, the state it had at the point.
async fn texts_at(
    conn: &mut AnyConnection,
    book_id: &str,
    point: i64,
) -> DomainResult<HashMap<String, Version>> {
    let rows = sqlx::query(
        "SELECT v.contact_id, v.book_id, v.vcard, v.deleted_at FROM contact_versions v
         WHERE v.replaced_at > $2 AND v.contact_id IN
           (SELECT id FROM contacts WHERE book_id = $1
            UNION SELECT contact_id FROM contact_versions WHERE book_id = $1 AND replaced_at > $2)
         ORDER BY v.replaced_at DESC",
    )
    .bind(book_id)
    .bind(point)
    .fetch_all(&mut *conn)
    .await?;
    let mut then = HashMap::new();
    // Newest first, so the earliest one after the point is written last.
    for row in &rows {
        then.insert(
            row.try_get("contact_id")?,
            Version {
                book_id: row.try_get("book_id")?,
                vcard: row.try_get("vcard")?,
                deleted_at: row.try_get("deleted_at")?,
            },
        );
    }
    Ok(then)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_is_within_the_trash_window_and_before_today() {
        // 2026-11-21 12:00 UTC.
        let now = 1_795_262_400;
        let end = restore_point("2026-11-20", "Europe/Zurich", now).unwrap();
        assert_eq!(end, 1_795_215_600, "midnight in Zurich is 23:00 UTC");
        for day in ["2026-11-21", "2026-10-01", "yesterday", ""] {
            assert_eq!(
                restore_point(day, "Europe/Zurich", now),
                Err(DomainError::invalid("day", Reason::RestoreDayOutOfRange)),
                "{day}"
            );
        }
        assert!(restore_point("2026-10-23", "UTC", now).is_ok());
    }
}
