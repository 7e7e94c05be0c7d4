//! Contacts in an address book: the list, the newest ones, one card, create, change (and move),
//! trash.

use super::card_rows::{insert_card, stored, summary_of, trash_card, update_card, SUMMARY_COLUMNS};
use super::directory;
use super::input::check;
use super::model::{ContactDetail, ContactInput, ContactSummary};
use super::store::{book_access, bump, require_writable, writable_book};
use super::vcard;
use crate::error::{DomainError, DomainResult};
use crate::ids::new_id;
use crate::org::Actor;
use crate::store::{bind_all, placeholders, Db};
use sqlx::Row;

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
