//! Server functions of the Contacts app. Each resolves the caller as a member of `org` and calls
//! the same domain function as the REST API, so rights are checked in one place.

use crate::error::AppError;
use domain::contacts::{
    AddressBookView, BulkOutcome, ContactDetail, ContactGroup, ContactInput, ContactSummary,
    DuplicateGroup, MergeValue, RestoreOutcome,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::context::member_of;

/// A change to one address book from its ⋮ menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum BookChange {
    MakeDefault,
    Delete,
}

/// The member's address books (a first one is made on the first visit), then the
/// organization's directory.
#[server(prefix = "/fn", endpoint = "contact_books")]
pub async fn contact_books(org: String) -> Result<Vec<AddressBookView>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::contacts::books::books_and_directory(&ctx.db, &actor, now).await?)
}

/// A book's contacts in alphabetical order; without a book, the default one's. A GET: it only
/// reads.
#[server(prefix = "/fn", endpoint = "book_contacts", input = GetUrl)]
pub async fn book_contacts(
    org: String,
    book: Option<String>,
) -> Result<Vec<ContactSummary>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    match shown_book(&ctx.db, &actor, book).await? {
        Some(book) => Ok(domain::contacts::cards::list_contacts(&ctx.db, &actor, &book).await?),
        None => Ok(Vec::new()),
    }
}

/// The book asked for, else the member's default one (none before their first book).
#[cfg(feature = "ssr")]
async fn shown_book(
    db: &domain::store::Db,
    actor: &domain::org::Actor,
    book: Option<String>,
) -> Result<Option<String>, AppError> {
    match book {
        Some(book) => Ok(Some(book)),
        None => {
            let now = domain::clock::now();
            Ok(domain::contacts::books::default_book(db, actor, now).await?)
        }
    }
}

/// The five contacts added last to the books the member sees, for the Home widget.
#[server(prefix = "/fn", endpoint = "recent_contacts", input = GetUrl)]
pub async fn recent_contacts(org: String) -> Result<Vec<ContactSummary>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::contacts::cards::recent_contacts(&ctx.db, &actor, 5, now).await?)
}

#[server(prefix = "/fn", endpoint = "contact", input = GetUrl)]
pub async fn load_contact(org: String, id: String) -> Result<ContactDetail, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::contacts::cards::get_contact(&ctx.db, &actor, &id).await?)
}

/// Creates a contact (`id` None) or changes one; a new `book_id` moves it. Returns its id.
#[server(prefix = "/fn", endpoint = "save_contact")]
pub async fn save_contact(
    org: String,
    id: Option<String>,
    contact: ContactInput,
) -> Result<String, AppError> {
    use domain::contacts::cards;
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    match id {
        None => Ok(cards::create_contact(&ctx.db, &actor, &contact, now).await?),
        Some(id) => {
            cards::update_contact(&ctx.db, &actor, &id, &contact, now).await?;
            Ok(id)
        }
    }
}

#[server(prefix = "/fn", endpoint = "delete_contact")]
pub async fn remove_contact(org: String, id: String) -> Result<(), AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::contacts::cards::delete_contact(&ctx.db, &actor, &id, now).await?)
}

/// Creates an address book (`id` None) or renames one. Returns its id.
#[server(prefix = "/fn", endpoint = "save_book")]
pub async fn save_book(org: String, id: Option<String>, name: String) -> Result<String, AppError> {
    use domain::contacts::books;
    let (ctx, actor, _) = member_of(&org).await?;
    match id {
        None => Ok(books::create_book(&ctx.db, &actor, &name, domain::clock::now()).await?),
        Some(id) => {
            books::rename_book(&ctx.db, &actor, &id, &name).await?;
            Ok(id)
        }
    }
}

#[server(prefix = "/fn", endpoint = "change_book")]
pub async fn change_book(org: String, id: String, change: BookChange) -> Result<(), AppError> {
    use domain::contacts::books;
    let (ctx, actor, _) = member_of(&org).await?;
    match change {
        BookChange::MakeDefault => books::set_default_book(&ctx.db, &actor, &id).await?,
        BookChange::Delete => {
            books::delete_book(&ctx.db, &actor, &id, domain::clock::now()).await?
        }
    }
    Ok(())
}

/// What to do with the selected contacts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum BulkAction {
    CopyTo(String),
    MoveTo(String),
    /// Put in the group of this name (made if the book has none).
    AddToGroup(String),
    RemoveFromGroup(String),
    Delete,
    /// Take out of the trash (the Undo of `Delete`).
    Restore,
}

impl BulkAction {
    /// The action that takes this one back, done on the contacts it changed; `from` is the
    /// book they were in.
    pub fn undo(&self, from: String) -> Option<BulkAction> {
        Some(match self {
            BulkAction::CopyTo(_) => BulkAction::Delete,
            BulkAction::MoveTo(_) => BulkAction::MoveTo(from),
            BulkAction::AddToGroup(name) => BulkAction::RemoveFromGroup(name.clone()),
            BulkAction::RemoveFromGroup(name) => BulkAction::AddToGroup(name.clone()),
            BulkAction::Delete => BulkAction::Restore,
            BulkAction::Restore => return None,
        })
    }
}

#[server(prefix = "/fn", endpoint = "contacts_bulk")]
pub async fn contacts_bulk(
    org: String,
    ids: Vec<String>,
    action: BulkAction,
) -> Result<BulkOutcome, AppError> {
    use domain::contacts::bulk;
    let (ctx, actor, _) = member_of(&org).await?;
    let (db, now) = (&ctx.db, domain::clock::now());
    Ok(match action {
        BulkAction::CopyTo(target) => bulk::copy_contacts(db, &actor, &ids, &target, now).await?,
        BulkAction::MoveTo(target) => bulk::move_contacts(db, &actor, &ids, &target, now).await?,
        BulkAction::AddToGroup(name) => {
            bulk::group_contacts(db, &actor, &ids, &name, true, now).await?
        }
        BulkAction::RemoveFromGroup(name) => {
            bulk::group_contacts(db, &actor, &ids, &name, false, now).await?
        }
        BulkAction::Delete => bulk::delete_contacts(db, &actor, &ids, now).await?,
        BulkAction::Restore => {
            domain::contacts::trash::restore_contacts(db, &actor, &ids, now).await?
        }
    })
}

/// A book's groups; without a book, the default one's.
#[server(prefix = "/fn", endpoint = "book_groups", input = GetUrl)]
pub async fn book_groups(org: String, book: Option<String>) -> Result<Vec<ContactGroup>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    match shown_book(&ctx.db, &actor, book).await? {
        Some(book) => Ok(domain::contacts::groups::list_groups(&ctx.db, &actor, &book).await?),
        None => Ok(Vec::new()),
    }
}

/// Creates an empty group in a book, or deletes one (its contacts stay).
#[server(prefix = "/fn", endpoint = "change_group")]
pub async fn change_group(
    org: String,
    book: String,
    name: String,
    delete: bool,
) -> Result<(), AppError> {
    use domain::contacts::groups;
    let (ctx, actor, _) = member_of(&org).await?;
    let (db, now) = (&ctx.db, domain::clock::now());
    if delete {
        groups::delete_group(db, &actor, &book, &name, now).await?;
    } else {
        groups::create_group(db, &actor, &book, &name, now).await?;
    }
    Ok(())
}

#[server(prefix = "/fn", endpoint = "contacts_trash", input = GetUrl)]
pub async fn contacts_trash(org: String) -> Result<Vec<domain::trash::TrashItem>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::contacts::trash::list_trash(&ctx.db, &actor, now).await?)
}

/// Puts a book back as it was at the end of `day` ("YYYY-MM-DD", the member's time zone).
#[server(prefix = "/fn", endpoint = "restore_book_day")]
pub async fn restore_book_day(
    org: String,
    book: String,
    day: String,
) -> Result<RestoreOutcome, AppError> {
    use domain::contacts::history;
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(history::restore_book_to_day(&ctx.db, &actor, &book, &day, now).await?)
}

#[server(prefix = "/fn", endpoint = "book_duplicates", input = GetUrl)]
pub async fn book_duplicates(org: String, book: String) -> Result<Vec<DuplicateGroup>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::contacts::duplicates::find_duplicates(&ctx.db, &actor, &book).await?)
}

/// What merging `others` into `reference` adds to it.
#[server(prefix = "/fn", endpoint = "merge_preview", input = GetUrl)]
pub async fn preview_merge(
    org: String,
    reference: String,
    others: Vec<String>,
) -> Result<Vec<MergeValue>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let db = &ctx.db;
    Ok(domain::contacts::duplicates::merge_preview(db, &actor, &reference, &others).await?)
}

/// Merges `others` into `reference`; returns the merge's id, which Undo restores.
#[server(prefix = "/fn", endpoint = "merge_contacts")]
pub async fn merge_contacts(
    org: String,
    reference: String,
    others: Vec<String>,
) -> Result<String, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::contacts::duplicates::merge(&ctx.db, &actor, &reference, &others, now).await?)
}
