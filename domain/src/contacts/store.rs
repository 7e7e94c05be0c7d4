//! Rows of the address book tables and the one access check every contacts operation goes
//! through.

use crate::error::{DomainError, DomainResult};
use crate::live::CollectionKind;
use crate::org::{Access, Actor, Product};
use crate::sharing::shares::{self, Collection, ShareTable, ADDRESS_BOOK_SHARES};
use crate::sharing::Permission;
use crate::store::WriteTx;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone)]
pub struct BookRow {
    pub id: String,
    pub owner_id: String,
    pub name: String,
}

impl BookRow {
    pub fn from_row(row: &AnyRow) -> DomainResult<BookRow> {
        Ok(BookRow {
            id: row.try_get("id")?,
            owner_id: row.try_get("owner_id")?,
            name: row.try_get("name")?,
        })
    }
}

/// Members need the Contacts product; the sidebar hides it, this enforces it.
pub fn require_product(actor: &Actor) -> DomainResult<()> {
    if actor.can(Product::Contacts, Access::Use) {
        Ok(())
    } else {
        Err(DomainError::forbidden("no access to Contacts"))
    }
}

impl Collection for BookRow {
    const SHARES: ShareTable = ADDRESS_BOOK_SHARES;
    const KIND: CollectionKind = CollectionKind::AddressBook;
    const NOUN: &'static str = "address book";
    const COLUMNS: &'static str = "c.id, c.owner_id, c.name";
    const FROM: &'static str = concat!(
        "address_books c ",
        crate::shares_reaching_member!("address_book_shares", "book_id")
    );

    fn require_product(actor: &Actor) -> DomainResult<()> {
        require_product(actor)
    }

    fn from_row(row: &AnyRow) -> DomainResult<Self> {
        BookRow::from_row(row)
    }

    fn owner_id(&self) -> &str {
        &self.owner_id
    }
}

/// A live address book of the actor's organization and the actor's level on it. One the actor
/// may not see, of another organization, or in the trash is `NotFound`.
pub async fn book_access(
    conn: &mut AnyConnection,
    actor: &Actor,
    book_id: &str,
) -> DomainResult<(BookRow, Permission)> {
    shares::access(conn, actor, book_id).await
}

/// Refuses a change of a book's contacts unless the level allows it.
pub fn require_writable(access: Permission) -> DomainResult<()> {
    if access.can_write() {
        Ok(())
    } else {
        Err(DomainError::forbidden(
            "this address book is read-only for you",
        ))
    }
}

/// Whether the actor may change the book's contacts; `None` for a book they cannot see (of
/// another organization, in the trash, not shared with them), which callers treat as absent.
pub async fn write_access(
    conn: &mut AnyConnection,
    actor: &Actor,
    book_id: &str,
) -> DomainResult<Option<bool>> {
    match book_access(conn, actor, book_id).await {
        Ok((_, access)) => Ok(Some(access.can_write())),
        Err(DomainError::NotFound) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Like `book_access`, for a change of its contacts.
pub async fn writable_book(
    conn: &mut AnyConnection,
    actor: &Actor,
    book_id: &str,
) -> DomainResult<BookRow> {
    let (book, access) = book_access(conn, actor, book_id).await?;
    require_writable(access)?;
    Ok(book)
}

/// Marks a change of the book for sync clients (its CTag) and for its viewers.
pub async fn bump(tx: &mut WriteTx, book_id: &str) -> DomainResult<()> {
    tx.bump(CollectionKind::AddressBook, book_id)
        .await
        .map(drop)
}
