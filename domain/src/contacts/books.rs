//! Address books: the member's list, creation (within the plan's limit), renaming, the default
//! book and the trash.

use super::model::AddressBookView;
use super::store::{book_access, require_product, writable_book, BookRow};
use crate::auth::validate::normalize_name;
use crate::collections;
use crate::error::{DomainError, DomainResult};
use crate::ids::new_id;
use crate::live::CollectionKind;
use crate::locale::SystemName;
use crate::org::Actor;
use crate::sharing::listing::{self, Entry, Listed};
use crate::sharing::Permission;
use crate::store::Db;
use sqlx::{AnyConnection, Row};

/// Books a member may own in an organization.
pub const MAX_BOOKS: i64 = 100;
/// A personal "my kSuite" space holds one address book (kSuite's free plan).
pub const MAX_BOOKS_PERSONAL: i64 = 1;

/// Every book the member sees here: their own first, then those shared with them, by name. A
/// member who owns none gets a first one on their first visit.
pub async fn list_books(db: &Db, actor: &Actor, now: i64) -> DomainResult<Vec<AddressBookView>> {
    require_product(actor)?;
    let views = visible_books(db, actor).await?;
    if views.iter().any(|v| v.access == Permission::Owner) {
        return Ok(views);
    }
    let locale = crate::auth::locale_of(db, &actor.account_id).await?;
    let name = SystemName::Contacts.text(locale);
    sqlx::query(
        "INSERT INTO address_books (id, org_id, owner_id, name, created_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING",
    )
    .bind(collections::first_id(
        &actor.org_id,
        &actor.account_id,
        CollectionKind::AddressBook,
    ))
    .bind(&actor.org_id)
    .bind(&actor.account_id)
    .bind(name)
    .bind(now)
    .execute(db.pool())
    .await?;
    visible_books(db, actor).await
}

/// The books the Contacts app lists: the member's own and shared ones (`list_books`), then the
/// organization's directory when they see it.
pub async fn books_and_directory(
    db: &Db,
    actor: &Actor,
    now: i64,
) -> DomainResult<Vec<AddressBookView>> {
    let mut books = list_books(db, actor, now).await?;
    books.extend(super::directory::directory_book(db, actor).await?);
    Ok(books)
}

/// The ids of the books the member sees (their own, made on a first visit, and those shared
/// with them).
pub async fn visible_book_ids(db: &Db, actor: &Actor, now: i64) -> DomainResult<Vec<String>> {
    let books = list_books(db, actor, now).await?;
    Ok(books.into_iter().map(|b| b.id).collect())
}

/// The book new contacts go to (made on a first visit); `None` for a member who owns none and
/// has no writable share.
pub async fn default_book(db: &Db, actor: &Actor, now: i64) -> DomainResult<Option<String>> {
    let books = list_books(db, actor, now).await?;
    Ok(books.into_iter().find(|b| b.is_default).map(|b| b.id))
}

async fn visible_books(db: &Db, actor: &Actor) -> DomainResult<Vec<AddressBookView>> {
    let columns = "COALESCE(p.default_book, '') AS default_book,
        (SELECT COUNT(*) FROM contacts k WHERE k.book_id = c.id AND k.deleted_at = 0) AS contacts";
    let joins = "LEFT JOIN contact_prefs p ON p.account_id = $2 AND p.org_id = c.org_id";
    listing::visible::<BookRow, _>(db, actor, columns, joins, |row, access| {
        let book = BookRow::from_row(row)?;
        let default_id: String = row.try_get("default_book")?;
        let count: i64 = row.try_get("contacts")?;
        Ok(AddressBookView {
            is_default: book.id == default_id,
            id: book.id,
            name: book.name,
            owner_id: book.owner_id,
            directory: false,
            owner_name: row.try_get("owner_name")?,
            access,
            contacts: u32::try_from(count).unwrap_or(u32::MAX),
        })
    })
    .await
}

impl Listed for AddressBookView {
    fn entry(&self) -> Entry<'_> {
        Entry {
            access: self.access,
            is_default: self.is_default,
            takes_items: self.access.can_write(),
            computed: false,
            name: &self.name,
        }
    }

    fn set_default(&mut self, is_default: bool) {
        self.is_default = is_default;
    }
}

/// Refuses one more book for the actor once they own as many as the plan allows here (one in
/// a personal space), with a message that names the limit.
pub(crate) async fn require_room(conn: &mut AnyConnection, actor: &Actor) -> DomainResult<()> {
    let (personal,): (String,) =
        sqlx::query_as("SELECT COALESCE(personal_owner, '') FROM organizations WHERE id = $1")
            .bind(&actor.org_id)
            .fetch_one(&mut *conn)
            .await?;
    let limit = if personal.is_empty() {
        MAX_BOOKS
    } else {
        MAX_BOOKS_PERSONAL
    };
    collections::require_room(
        conn,
        &actor.org_id,
        &actor.account_id,
        CollectionKind::AddressBook,
        limit,
    )
    .await
}

/// A new book owned by the actor, inside the caller's transaction, within the plan's limit.
pub(crate) async fn insert_book(
    conn: &mut AnyConnection,
    actor: &Actor,
    name: &str,
    now: i64,
) -> DomainResult<String> {
    require_product(actor)?;
    let name = normalize_name(name)?;
    require_room(conn, actor).await?;
    let id = new_id();
    sqlx::query(
        "INSERT INTO address_books (id, org_id, owner_id, name, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&actor.org_id)
    .bind(&actor.account_id)
    .bind(&name)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

pub async fn create_book(db: &Db, actor: &Actor, name: &str, now: i64) -> DomainResult<String> {
    let mut tx = db.write().await?;
    let id = insert_book(&mut tx, actor, name, now).await?;
    tx.commit().await?;
    Ok(id)
}

async fn owned_book(conn: &mut AnyConnection, actor: &Actor, book_id: &str) -> DomainResult<()> {
    let (_, access) = book_access(conn, actor, book_id).await?;
    if access.can_manage() {
        Ok(())
    } else {
        Err(DomainError::forbidden(
            "only the owner renames or deletes an address book",
        ))
    }
}

pub async fn rename_book(db: &Db, actor: &Actor, book_id: &str, name: &str) -> DomainResult<()> {
    let name = normalize_name(name)?;
    let mut tx = db.write().await?;
    owned_book(&mut tx, actor, book_id).await?;
    sqlx::query("UPDATE address_books SET name = $2 WHERE id = $1")
        .bind(book_id)
        .bind(&name)
        .execute(&mut *tx)
        .await?;
    tx.collection_changed(CollectionKind::AddressBook, book_id)
        .await?;
    tx.commit().await
}

/// Moves a book to the trash, with its contacts (its owner only).
pub async fn delete_book(db: &Db, actor: &Actor, book_id: &str, now: i64) -> DomainResult<()> {
    let mut tx = db.write().await?;
    owned_book(&mut tx, actor, book_id).await?;
    sqlx::query("UPDATE address_books SET deleted_at = $2 WHERE id = $1")
        .bind(book_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    tx.collection_changed(CollectionKind::AddressBook, book_id)
        .await?;
    tx.commit().await
}

/// The book new contacts go to: one the member may write to.
pub async fn set_default_book(db: &Db, actor: &Actor, book_id: &str) -> DomainResult<()> {
    let mut conn = db.pool().acquire().await?;
    writable_book(&mut conn, actor, book_id).await?;
    sqlx::query(
        "INSERT INTO contact_prefs (account_id, org_id, default_book) VALUES ($1, $2, $3)
         ON CONFLICT (account_id, org_id) DO UPDATE SET default_book = excluded.default_book",
    )
    .bind(&actor.account_id)
    .bind(&actor.org_id)
    .bind(book_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
