//! Contacts in an address book: the list, the newest ones, one card, create, change (and move),
//! trash.

use super::directory;
use super::input::check;
use super::model::{ContactDetail, ContactInput, ContactSummary};
use super::store::{book_access, bump, require_product, require_writable, writable_book};
use super::vcard::{self, ContactIndex};
use crate::error::{DomainError, DomainResult};
use crate::ids::{etag, new_id};
use crate::org::Actor;
use crate::store::{
    bind_all, insert_rows, leading, placeholders, AnyQuery, Db, Value, IDS_PER_STATEMENT,
};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// The list's section letter: the sort key's first letter (accents folded), "#" for a digit or
/// symbol.
pub fn initial(sort_key: &str) -> String {
    match sort_key.chars().next() {
        Some(c) if c.is_alphabetic() => c.to_uppercase().collect(),
        _ => "#".to_owned(),
    }
}

/// The columns a list line is read from (`summary_of`).
pub const SUMMARY_COLUMNS: &str = "id, full_name, sort_key, email, phone, organization, categories";

/// The `categories` column's names (one per line).
pub fn split_lines(column: Option<String>) -> Vec<String> {
    column
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A list line from a row holding `SUMMARY_COLUMNS`.
pub fn summary_of(row: &AnyRow, book_id: &str) -> DomainResult<ContactSummary> {
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

/// The book's live contacts in alphabetical order (the directory's members for its id).
pub async fn list_contacts(
    db: &Db,
    actor: &Actor,
    book_id: &str,
) -> DomainResult<Vec<ContactSummary>> {
    if directory::is_directory(book_id) {
        return directory::entries(db, actor).await;
    }
    let mut conn = db.pool().acquire().await?;
    book_access(&mut conn, actor, book_id).await?;
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM contacts
         WHERE book_id = $1 AND deleted_at = 0 ORDER BY sort_key, id"
    ))
    .bind(book_id)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|row| summary_of(row, book_id)).collect()
}

/// The `limit` contacts added last to the books the member sees, newest first (the Home
/// widget).
pub async fn recent_contacts(
    db: &Db,
    actor: &Actor,
    limit: u32,
    now: i64,
) -> DomainResult<Vec<ContactSummary>> {
    let books = super::books::visible_book_ids(db, actor, now).await?;
    if books.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, book_id FROM contacts
         WHERE deleted_at = 0 AND book_id IN ({})
         ORDER BY created_at DESC, id LIMIT {}",
        placeholders(1, books.len()),
        limit.min(50)
    );
    let rows = bind_all(sqlx::query(&sql), &books)
        .fetch_all(db.pool())
        .await?;
    rows.iter()
        .map(|row| summary_of(row, &row.try_get::<String, _>("book_id")?))
        .collect()
}

pub struct Stored {
    pub book_id: String,
    pub vcard: String,
}

/// A live contact of the actor's organization, with the actor's level on its book.
pub async fn stored(
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

pub async fn get_contact(db: &Db, actor: &Actor, id: &str) -> DomainResult<ContactDetail> {
    if directory::entry_account(id).is_some() {
        return directory::entry(db, actor, id).await;
    }
    let mut conn = db.pool().acquire().await?;
    let (stored, access) = stored(&mut conn, actor, id).await?;
    let card = vcard::parse(&stored.vcard).map_err(|_| DomainError::Internal)?;
    let mut fields = vcard::fields(&card);
    fields.book_id = stored.book_id;
    Ok(ContactDetail {
        id: id.to_owned(),
        full_name: vcard::index(&card).full_name,
        fields,
        writable: access.can_write(),
        role: None,
        custom: vcard::custom_fields(&card),
    })
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
pub async fn save_version(conn: &mut AnyConnection, id: &str, now: i64) -> DomainResult<()> {
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
pub async fn insert_card(
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
pub async fn insert_cards(
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
pub async fn update_card(
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

pub async fn create_contact(
    db: &Db,
    actor: &Actor,
    input: &ContactInput,
    now: i64,
) -> DomainResult<String> {
    check(input)?;
    let mut tx = db.write().await?;
    writable_book(&mut tx, actor, &input.book_id).await?;
    let card = vcard::apply(None, &new_id(), input);
    let text = vcard::write(&card);
    let id = insert_card(
        &mut tx,
        &actor.org_id,
        &input.book_id,
        &text,
        &vcard::index(&card),
        now,
    )
    .await?;
    bump(&mut tx, &input.book_id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Saves the form's fields over the stored card, keeping what the form does not show. A
/// different `book_id` moves the contact; both books must be writable.
pub async fn update_contact(
    db: &Db,
    actor: &Actor,
    id: &str,
    input: &ContactInput,
    now: i64,
) -> DomainResult<()> {
    check(input)?;
    let mut tx = db.write().await?;
    let (stored, access) = stored(&mut tx, actor, id).await?;
    require_writable(access)?;
    if input.book_id != stored.book_id {
        writable_book(&mut tx, actor, &input.book_id).await?;
        bump(&mut tx, &input.book_id).await?;
    }
    let old = vcard::parse(&stored.vcard).map_err(|_| DomainError::Internal)?;
    let card = vcard::apply(Some(old), &new_id(), input);
    let text = vcard::write(&card);
    update_card(
        &mut tx,
        id,
        &input.book_id,
        &text,
        &vcard::index(&card),
        now,
    )
    .await
    .map_err(|e| match e {
        // The target book already holds a card with this UID.
        DomainError::Conflict(_) => DomainError::Conflict("contact already in that book".into()),
        other => other,
    })?;
    bump(&mut tx, &stored.book_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Puts a contact in the trash. No version is needed: the deletion time says when.
pub async fn trash_card(conn: &mut AnyConnection, id: &str, now: i64) -> DomainResult<()> {
    trash_cards(conn, &[id.to_owned()], now).await
}

/// Puts contacts in the trash, thousands per statement (a selection of a whole book is a few
/// statements, not one per contact).
pub async fn trash_cards(conn: &mut AnyConnection, ids: &[String], now: i64) -> DomainResult<()> {
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
pub async fn move_cards(
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
pub async fn untrash_cards(conn: &mut AnyConnection, ids: &[String], now: i64) -> DomainResult<()> {
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
pub async fn untrash_card(conn: &mut AnyConnection, id: &str, now: i64) -> DomainResult<()> {
    save_version(conn, id, now).await?;
    sqlx::query("UPDATE contacts SET deleted_at = 0, updated_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Moves a contact to the trash.
pub async fn delete_contact(db: &Db, actor: &Actor, id: &str, now: i64) -> DomainResult<()> {
    let mut tx = db.write().await?;
    let (stored, access) = stored(&mut tx, actor, id).await?;
    require_writable(access)?;
    trash_card(&mut tx, id, now).await?;
    bump(&mut tx, &stored.book_id).await?;
    tx.commit().await?;
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
