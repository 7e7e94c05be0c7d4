//! Who hears a change: a member who may read the collection. The event names the collection
//! only, and what a tab then reads goes through the usual access checks; this keeps even the
//! news of a change inside the collection's audience.

use super::{ChangeScope, CollectionKind, DataChange};
use crate::calendar::store::CalendarRow;
use crate::contacts::store::BookRow;
use crate::error::{DomainError, DomainResult};
use crate::mail::store::MailAccountRow;
use crate::org::Actor;
use crate::sharing::shares;
use crate::store::Db;

/// Whether `actor` (a member of the change's organization) may hear of `change`. A change to a
/// collection itself reaches every member with the app, so a list loses a collection whose
/// share ended; a change of what it holds reaches those who may read it.
pub async fn may_see(db: &Db, actor: &Actor, change: &DataChange) -> DomainResult<bool> {
    if actor.org_id != change.org_id {
        return Ok(false);
    }
    let mut conn = db.pool().acquire().await?;
    let id = &change.collection_id;
    let found = match (change.kind, change.scope) {
        (CollectionKind::Calendar, ChangeScope::Collection) => {
            crate::calendar::store::require_product(actor)
        }
        (CollectionKind::AddressBook, ChangeScope::Collection) => {
            crate::contacts::store::require_product(actor)
        }
        (CollectionKind::MailAccount, ChangeScope::Collection) => {
            crate::mail::store::require_product(actor)
        }
        (CollectionKind::Calendar, ChangeScope::Items) => {
            shares::access::<CalendarRow>(&mut conn, actor, id)
                .await
                .map(drop)
        }
        (CollectionKind::AddressBook, ChangeScope::Items) => {
            shares::access::<BookRow>(&mut conn, actor, id)
                .await
                .map(drop)
        }
        (CollectionKind::MailAccount, ChangeScope::Items) => {
            shares::access::<MailAccountRow>(&mut conn, actor, id)
                .await
                .map(drop)
        }
    };
    match found {
        Ok(()) => Ok(true),
        Err(DomainError::NotFound | DomainError::Forbidden(_)) => Ok(false),
        Err(other) => Err(other),
    }
}
