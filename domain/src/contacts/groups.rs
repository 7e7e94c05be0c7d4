//! Groups of a book's contacts. A contact's groups are its vCard CATEGORIES, so phones and
//! desktop clients see the same groups; `contacts.categories` indexes them for the list, and
//! `contact_groups` keeps the groups members created, so one without contacts stays listed.

use super::card_rows::{split_lines, update_card};
use super::group_names::tally;
use super::group_names::{clean_name, remove_name};
use super::model::{group_name, same_group, BulkOutcome, ContactGroup};
use super::store::{book_access, bump, writable_book};
use super::vcard;
use crate::error::{DomainError, DomainResult};
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::Db;
use sqlx::{AnyConnection, AnyPool, Row};

/// The book's groups, alphabetically, with how many live contacts each holds (the teams, for
/// the directory).
pub async fn list_groups(db: &Db, actor: &Actor, book_id: &str) -> DomainResult<Vec<ContactGroup>> {
    if super::directory::is_directory(book_id) {
        return super::directory::groups(db, actor).await;
    }
    let mut conn = db.pool().acquire().await?;
    book_access(&mut conn, actor, book_id).await?;
    let rows = sqlx::query(
        "SELECT categories FROM contacts WHERE book_id = $1 AND deleted_at = 0 AND categories <> ''",
    )
    .bind(book_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut names = Vec::new();
    for row in &rows {
        names.extend(
            split_lines(row.try_get("categories")?)
                .into_iter()
                .map(|n| (n, 1)),
        );
    }
    let created = created(&mut conn, book_id).await?;
    names.extend(created.iter().map(|n| (group_name(n), 0)));
    Ok(tally(names))
}

/// The groups members created in the book.
async fn created(conn: &mut AnyConnection, book_id: &str) -> DomainResult<Vec<String>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT name FROM contact_groups WHERE book_id = $1")
        .bind(book_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|(name,)| name).collect())
}

/// Keeps the group listed in the book, even once no contact is in it.
pub(crate) async fn remember(
    conn: &mut AnyConnection,
    book_id: &str,
    name: &str,
    now: i64,
) -> DomainResult<()> {
    if created(conn, book_id)
        .await?
        .iter()
        .any(|n| same_group(n, name))
    {
        return Ok(());
    }
    sqlx::query("INSERT INTO contact_groups (book_id, name, created_at) VALUES ($1, $2, $3)")
        .bind(book_id)
        .bind(name)
        .bind(now)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Creates an empty group in a book the actor may change.
pub async fn create_group(
    db: &Db,
    actor: &Actor,
    book_id: &str,
    name: &str,
    now: i64,
) -> DomainResult<ContactGroup> {
    let name = clean_name(name)?;
    if list_groups(db, actor, book_id)
        .await?
        .iter()
        .any(|g| same_group(&g.name, &name))
    {
        return Err(DomainError::invalid("name", Reason::GroupExists));
    }
    let mut tx = db.write().await?;
    writable_book(&mut tx, actor, book_id).await?;
    remember(&mut tx, book_id, &name, now).await?;
    tx.commit().await?;
    Ok(ContactGroup { name, contacts: 0 })
}

/// Gives a stored card the groups `change` makes of its own, when it changes them; whether it
/// did. The card's previous state is kept as a version, as for any edit.
pub(crate) async fn regroup(
    conn: &mut AnyConnection,
    id: &str,
    book_id: &str,
    text: &str,
    change: impl FnOnce(&mut Vec<String>) -> bool,
    now: i64,
) -> DomainResult<bool> {
    let mut card = vcard::parse(text).map_err(|_| DomainError::Internal)?;
    let mut groups = vcard::categories(&card);
    if !change(&mut groups) {
        return Ok(false);
    }
    vcard::set_categories(&mut card, &groups);
    let text = vcard::write(&card);
    update_card(conn, id, book_id, &text, &vcard::index(&card), now).await?;
    Ok(true)
}

/// Deletes a group: its contacts stay, out of the group.
pub async fn delete_group(
    db: &Db,
    actor: &Actor,
    book_id: &str,
    name: &str,
    now: i64,
) -> DomainResult<BulkOutcome> {
    let mut tx = db.write().await?;
    writable_book(&mut tx, actor, book_id).await?;
    let rows = sqlx::query(
        "SELECT id, vcard, categories FROM contacts
         WHERE book_id = $1 AND deleted_at = 0 AND categories <> ''",
    )
    .bind(book_id)
    .fetch_all(&mut *tx)
    .await?;
    let mut done = 0;
    for row in &rows {
        let in_group = split_lines(row.try_get("categories")?)
            .iter()
            .any(|n| same_group(n, name));
        if in_group {
            let id: String = row.try_get("id")?;
            let text: String = row.try_get("vcard")?;
            let remove = |list: &mut Vec<String>| remove_name(list, name);
            if regroup(&mut tx, &id, book_id, &text, remove, now).await? {
                done += 1;
            }
        }
    }
    for created in created(&mut tx, book_id).await? {
        if same_group(&created, name) {
            sqlx::query("DELETE FROM contact_groups WHERE book_id = $1 AND name = $2")
                .bind(book_id)
                .bind(&created)
                .execute(&mut *tx)
                .await?;
        }
    }
    bump(&mut tx, book_id).await?;
    tx.commit().await?;
    Ok(BulkOutcome {
        done,
        skipped: 0,
        changed: Vec::new(),
    })
}

/// Fills `contacts.categories` for the rows stored before it existed (NULL), from their cards.
/// Runs when the server starts; a no-op once every row is indexed.
pub async fn index_missing(pool: &AnyPool) -> DomainResult<()> {
    let rows = sqlx::query("SELECT id, vcard FROM contacts WHERE categories IS NULL")
        .fetch_all(pool)
        .await?;
    let mut tx = pool.begin().await?;
    for row in &rows {
        let text: String = row.try_get("vcard")?;
        let groups = vcard::parse(&text)
            .map(|card| vcard::categories(&card))
            .unwrap_or_default();
        sqlx::query("UPDATE contacts SET categories = $2 WHERE id = $1")
            .bind(row.try_get::<String, _>("id")?)
            .bind(groups.join("\n"))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(())
}
