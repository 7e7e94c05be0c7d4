//! The contacts table, as the services of `cards`, `bulk`, `groups`, `transfer`, `trash` and
//! `history` write and read it: a card stored with its index columns, moved, trashed and put
//! back, its earlier texts kept; a list line read back. No access check here: the services
//! check, then write.

use super::model::ContactSummary;
use super::store::{book_access, require_product};
use super::vcard::ContactIndex;
use crate::error::{DomainError, DomainResult};
use crate::ids::{etag, new_id};
use crate::org::Actor;
use crate::store::{bind_all, insert_rows, leading, AnyQuery, Value, IDS_PER_STATEMENT};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// The list's section letter: the sort key's first letter (accents folded), "#" for a digit or
/// symbol.
pub(crate) fn initial(sort_key: &str) -> String {
    match sort_key.chars().next() {
        Some(c) if c.is_alphabetic() => c.to_uppercase().collect(),
        _ => "#".to_owned(),
    }
}

/// The columns a list line is read from (`summary_of`).
pub(crate) const SUMMARY_COLUMNS: &str =
    "id, full_name, sort_key, email, phone, organization, categories";

/// The `categories` column's names (one per line).
pub(crate) fn split_lines(column: Option<String>) -> Vec<String> {
    column
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A list line from a row holding `SUMMARY_COLUMNS`.
pub(crate) fn summary_of(row: &AnyRow, book_id: &str) -> DomainResult<ContactSummary> {
    let sort_key: String = row.try_get("sort_key")?;
    Ok(ContactSummary {
        id: row.try_get("id")?,
        book_id: book_id.to_owned(),
        full_name: row.try_get("full_name")?,
        initial: initial(&sort_key),
        email: row.try_get("email")?,
        phone: row.try_get("phone")?,
        organization: row.try_get("organization")?,
        groups: split_lines(row.try_get("categories")?),
    })
}

pub(crate) struct Stored {
    pub book_id: String,
    pub vcard: String,
}

/// A live contact of the actor's organization, with the actor's level on its book.
pub(crate) async fn stored(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> DomainResult<(Stored, crate::sharing::Permission)> {
    require_product(actor)?;
    let row = sqlx::query(
        "SELECT book_id, vcard FROM contacts WHERE id = $1 AND org_id = $2 AND deleted_at = 0",
    )
    .bind(id)
    .bind(&actor.org_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(DomainError::NotFound)?;
    let stored = Stored {
        book_id: row.try_get("book_id")?,
        vcard: row.try_get("vcard")?,
    };
    let (_, access) = book_access(conn, actor, &stored.book_id).await?;
    Ok((stored, access))
}

/// Binds the text and its index columns, in the order both statements below list them.
fn bind_card<'q>(query: AnyQuery<'q>, text: &'q str, idx: &'q ContactIndex) -> AnyQuery<'q> {
    query
        .bind(text)
        .bind(etag(text))
        .bind(&idx.full_name)
        .bind(&idx.sort_key)
        .bind(&idx.email)
        .bind(&idx.phone)
        .bind(&idx.organization)
        .bind(idx.emails.join("\n"))
        .bind(idx.phones.join("\n"))
        .bind(&idx.birthday)
        .bind(idx.categories.join("\n"))
}

/// Keeps a contact's state (text, book, trash) before a change, for restoring a book to a day
/// (see `history`). Deleting needs none: the deletion time says when it happened.
pub(crate) async fn save_version(conn: &mut AnyConnection, id: &str, now: i64) -> DomainResult<()> {
    sqlx::query(
        "INSERT INTO contact_versions (contact_id, book_id, vcard, deleted_at, replaced_at)
         SELECT id, book_id, vcard, deleted_at, $2 FROM contacts WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Stores a card's text and index as a new contact of the book.
pub(crate) async fn insert_card(
    conn: &mut AnyConnection,
    org_id: &str,
    book_id: &str,
    text: &str,
    idx: &ContactIndex,
    now: i64,
) -> DomainResult<String> {
    let mut ids = insert_cards(conn, org_id, book_id, &[(text, idx)], now).await?;
    ids.pop().ok_or(DomainError::Internal)
}

const CARD_COLUMNS: [&str; 17] = [
    "id",
    "book_id",
    "org_id",
    "uid",
    "vcard",
    "etag",
    "full_name",
    "sort_key",
    "email",
    "phone",
    "organization",
    "emails",
    "phones",
    "birthday",
    "categories",
    "created_at",
    "updated_at",
];

/// Stores new contacts of one book in multi-row statements; returns their ids. The caller bumps
/// the book once.
pub(crate) async fn insert_cards(
    conn: &mut AnyConnection,
    org_id: &str,
    book_id: &str,
    cards: &[(&str, &ContactIndex)],
    now: i64,
) -> DomainResult<Vec<String>> {
    let ids: Vec<String> = cards.iter().map(|_| new_id()).collect();
    let rows: Vec<Vec<Value<'_>>> = cards
        .iter()
        .zip(&ids)
        .map(|((text, idx), id)| {
            vec![
                id.as_str().into(),
                book_id.into(),
                org_id.into(),
                idx.uid.as_str().into(),
                (*text).into(),
                etag(text).into(),
                idx.full_name.as_str().into(),
                idx.sort_key.as_str().into(),
                idx.email.as_str().into(),
                idx.phone.as_str().into(),
                idx.organization.as_str().into(),
                idx.emails.join("\n").into(),
                idx.phones.join("\n").into(),
                idx.birthday.as_str().into(),
                idx.categories.join("\n").into(),
                now.into(),
                now.into(),
            ]
        })
        .collect();
    insert_rows(conn, "contacts", &CARD_COLUMNS, &rows).await?;
    Ok(ids)
}

/// Replaces a contact's text and index (and its book, when it moves), and brings it back from
/// the trash if it was there. The state it had is kept as a version.
pub(crate) async fn update_card(
    conn: &mut AnyConnection,
    id: &str,
    book_id: &str,
    text: &str,
    idx: &ContactIndex,
    now: i64,
) -> DomainResult<()> {
    save_version(conn, id, now).await?;
    let query = sqlx::query(
        "UPDATE contacts SET book_id = $2, vcard = $3, etag = $4, full_name = $5, sort_key = $6,
           email = $7, phone = $8, organization = $9, emails = $10, phones = $11, birthday = $12,
           categories = $13, updated_at = $14, deleted_at = 0
         WHERE id = $1",
    )
    .bind(id)
    .bind(book_id);
    bind_card(query, text, idx)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Puts a contact in the trash. No version is needed: the deletion time says when.
pub(crate) async fn trash_card(conn: &mut AnyConnection, id: &str, now: i64) -> DomainResult<()> {
    trash_cards(conn, &[id.to_owned()], now).await
}

/// Puts contacts in the trash, thousands per statement (a selection of a whole book is a few
/// statements, not one per contact).
pub(crate) async fn trash_cards(
    conn: &mut AnyConnection,
    ids: &[String],
    now: i64,
) -> DomainResult<()> {
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        let sql = format!(
            "UPDATE contacts SET deleted_at = ${} WHERE id IN ({})",
            chunk.len() + 1,
            leading(conn, 1, chunk.len())
        );
        bind_all(sqlx::query(&sql), chunk)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Moves contacts, their text unchanged, to `book_id`, thousands per statement; the state each
/// had is kept as a version, as `update_card` keeps it.
pub(crate) async fn move_cards(
    conn: &mut AnyConnection,
    ids: &[String],
    book_id: &str,
    now: i64,
) -> DomainResult<()> {
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        save_versions(conn, chunk, now).await?;
        let (list, after) = (leading(conn, 1, chunk.len()), chunk.len() + 1);
        let sql = format!(
            "UPDATE contacts SET book_id = ${after}, updated_at = ${} WHERE id IN ({list})",
            after + 1
        );
        bind_all(sqlx::query(&sql), chunk)
            .bind(book_id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Takes contacts out of the trash, thousands per statement, each keeping the state it had as
/// a version, as `untrash_card` does for one.
pub(crate) async fn untrash_cards(
    conn: &mut AnyConnection,
    ids: &[String],
    now: i64,
) -> DomainResult<()> {
    for chunk in ids.chunks(IDS_PER_STATEMENT) {
        save_versions(conn, chunk, now).await?;
        let (list, after) = (leading(conn, 1, chunk.len()), chunk.len() + 1);
        let sql = format!(
            "UPDATE contacts SET deleted_at = 0, updated_at = ${after} WHERE id IN ({list})"
        );
        bind_all(sqlx::query(&sql), chunk)
            .bind(now)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Keeps the state each of `ids` (at most `IDS_PER_STATEMENT`) has as a version, in one
/// statement.
async fn save_versions(conn: &mut AnyConnection, ids: &[String], now: i64) -> DomainResult<()> {
    let (list, after) = (leading(conn, 1, ids.len()), ids.len() + 1);
    let sql = format!(
        "INSERT INTO contact_versions (contact_id, book_id, vcard, deleted_at, replaced_at)
         SELECT id, book_id, vcard, deleted_at, ${after} FROM contacts WHERE id IN ({list})"
    );
    bind_all(sqlx::query(&sql), ids)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Brings a contact back from the trash, keeping the trashed state as a version (a book
/// restored to a day before this must see the contact as deleted then).
pub(crate) async fn untrash_card(conn: &mut AnyConnection, id: &str, now: i64) -> DomainResult<()> {
    save_version(conn, id, now).await?;
    sqlx::query("UPDATE contacts SET deleted_at = 0, updated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_by_first_letter() {
        assert_eq!(initial("elodie"), "E");
        assert_eq!(initial("curie marie"), "C");
        assert_eq!(initial("42 club"), "#");
        assert_eq!(initial(""), "#");
    }
}
