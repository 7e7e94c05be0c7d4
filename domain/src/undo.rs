//! Takes back what a member did, the same way in every app: an item moved to the trash (or a
//! merge of contacts), and an import. Each app keeps its own rules; this is the one entry that
//! picks them by kind, so the UI and the API need no per-app restore.

use crate::calendar;
use crate::contacts;
use crate::error::{DomainError, DomainResult};
use crate::import::{stored, ImportChanges};
use crate::live::CollectionKind;
use crate::org::Actor;
use crate::store::Db;
use crate::trash::TrashKind;

/// Brings `id`, a line of an app's trash, back: a calendar, an event or task, an address
/// book, a contact, or the cards of a merge.
pub async fn trashing(
    db: &Db,
    actor: &Actor,
    kind: TrashKind,
    id: &str,
    now: i64,
) -> DomainResult<()> {
    match kind {
        TrashKind::Calendar => calendar::trash::restore_calendar(db, actor, id, now).await,
        TrashKind::Event | TrashKind::Task => {
            calendar::trash::restore_event(db, actor, id, now).await
        }
        TrashKind::Book => contacts::trash::restore_book(db, actor, id, now).await,
        TrashKind::Contact => contacts::trash::restore_contact(db, actor, id, now).await,
        TrashKind::Merge => contacts::duplicates::undo_merge(db, actor, id, now).await,
    }
}

/// Takes an import into the collection `id` back: a collection the import `made` goes to the
/// trash with all it holds; otherwise what it added goes to the trash and what it replaced gets
/// its text from before.
pub async fn import(
    db: &Db,
    actor: &Actor,
    kind: CollectionKind,
    id: &str,
    changes: &ImportChanges,
    made: bool,
    now: i64,
) -> DomainResult<()> {
    match (kind, made) {
        (CollectionKind::Calendar, true) => {
            calendar::calendars::delete_calendar(db, actor, id, now).await
        }
        (CollectionKind::AddressBook, true) => {
            contacts::books::delete_book(db, actor, id, now).await
        }
        (CollectionKind::MailAccount, true) => Err(DomainError::NotFound),
        (_, false) => take_back(db, actor, kind, id, changes, now).await.map(drop),
    }
}

/// What an import into the collection `id` added goes to the trash (restorable from there), and
/// what it replaced gets its text from before the import again. Ids of another collection are
/// left alone. Returns how many items changed back.
pub async fn take_back(
    db: &Db,
    actor: &Actor,
    kind: CollectionKind,
    id: &str,
    changes: &ImportChanges,
    now: i64,
) -> DomainResult<u64> {
    match kind {
        CollectionKind::Calendar => {
            stored::take_back::<calendar::transfer::Ics>(db, actor, id, changes, now).await
        }
        CollectionKind::AddressBook => {
            stored::take_back::<contacts::transfer::Cards>(db, actor, id, changes, now).await
        }
        // Nothing is imported into a mailbox this way, so there is nothing to take back.
        CollectionKind::MailAccount => Err(DomainError::NotFound),
    }
}
