//! What every kind of collection (a calendar, an address book, a mailbox) offers the same way, named by its
//! `CollectionKind`: the member's first one, how many one may own, who it is shared with, at
//! which level, and who acts on it or on what it holds when a route names it by id alone. One
//! vocabulary for the apps, the REST API and the tests; the access rules themselves live in
//! `sharing::shares`.

use crate::calendar::store::CalendarRow;
use crate::contacts::store::BookRow;
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::mail::store::MailAccountRow;
use crate::org::{actor_in_org_of, Actor};
use crate::sharing::{shares, Grantee, ShareLevel, ShareView};
use crate::store::Db;

pub use crate::live::CollectionKind;

/// The id of a member's first collection of a kind in an organization, made on their first
/// visit: fixed, so two first visits at once make one.
pub(crate) fn first_id(org_id: &str, account_id: &str, kind: CollectionKind) -> String {
    use sha2::{Digest, Sha256};
    let noun = match kind {
        CollectionKind::Calendar => "calendar",
        CollectionKind::AddressBook => "addressbook",
        CollectionKind::MailAccount => "mailbox",
    };
    let digest = Sha256::digest(format!("{org_id}|{account_id}|{noun}"));
    hex::encode(&digest[..12])
}

/// Refuses one more collection of a kind once `owner_id` owns `max` of them in the
/// organization, with a message that names the limit.
pub(crate) async fn require_room(
    conn: &mut sqlx::AnyConnection,
    org_id: &str,
    owner_id: &str,
    kind: CollectionKind,
    max: i64,
) -> DomainResult<()> {
    let sql = format!(
        "SELECT COUNT(*) FROM {} WHERE org_id = $1 AND owner_id = $2 AND deleted_at = 0",
        kind.table()
    );
    let (owned,): (i64,) = sqlx::query_as(&sql)
        .bind(org_id)
        .bind(owner_id)
        .fetch_one(&mut *conn)
        .await?;
    if owned < max {
        return Ok(());
    }
    let limit = match kind {
        CollectionKind::Calendar => LimitKind::Calendars,
        CollectionKind::AddressBook => LimitKind::AddressBooks,
        CollectionKind::MailAccount => LimitKind::Mailboxes,
    };
    Err(DomainError::limit(limit, max as u64))
}

/// The collection's shares, for those who may share it.
pub async fn list_shares(
    db: &Db,
    actor: &Actor,
    kind: CollectionKind,
    id: &str,
) -> DomainResult<Vec<ShareView>> {
    match kind {
        CollectionKind::Calendar => shares::list::<CalendarRow>(db, actor, id).await,
        CollectionKind::AddressBook => shares::list::<BookRow>(db, actor, id).await,
        CollectionKind::MailAccount => shares::list::<MailAccountRow>(db, actor, id).await,
    }
}

/// Shares the collection with a member, a team or the organization (see `shares::grant`).
pub async fn share(
    db: &Db,
    actor: &Actor,
    kind: CollectionKind,
    id: &str,
    grantee: &Grantee,
    level: ShareLevel,
) -> DomainResult<()> {
    match kind {
        CollectionKind::Calendar => {
            shares::grant::<CalendarRow>(db, actor, id, grantee, level).await
        }
        CollectionKind::AddressBook => {
            shares::grant::<BookRow>(db, actor, id, grantee, level).await
        }
        CollectionKind::MailAccount => {
            shares::grant::<MailAccountRow>(db, actor, id, grantee, level).await
        }
    }
}

/// Ends the grantee's share of the collection.
pub async fn revoke_share(
    db: &Db,
    actor: &Actor,
    kind: CollectionKind,
    id: &str,
    grantee: &Grantee,
) -> DomainResult<()> {
    match kind {
        CollectionKind::Calendar => shares::revoke::<CalendarRow>(db, actor, id, grantee).await,
        CollectionKind::AddressBook => shares::revoke::<BookRow>(db, actor, id, grantee).await,
        CollectionKind::MailAccount => {
            shares::revoke::<MailAccountRow>(db, actor, id, grantee).await
        }
    }
}

/// What a route may name by its id alone: a collection, or something it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    Calendar,
    /// An event or a task.
    CalendarObject,
    AddressBook,
    Contact,
    /// A file attached to an event.
    Attachment,
    MailAccount,
    MailFolder,
    MailMessage,
}

impl Held {
    /// Finds the organization of a live one, by its id bound as `$1`.
    fn org_sql(self) -> &'static str {
        match self {
            Held::Calendar => "SELECT org_id FROM calendars WHERE id = $1 AND deleted_at = 0",
            Held::CalendarObject => {
                "SELECT org_id FROM calendar_objects WHERE id = $1 AND deleted_at = 0"
            }
            Held::AddressBook => {
                "SELECT org_id FROM address_books WHERE id = $1 AND deleted_at = 0"
            }
            Held::Contact => "SELECT org_id FROM contacts WHERE id = $1 AND deleted_at = 0",
            Held::Attachment => "SELECT org_id FROM calendar_attachments WHERE id = $1",
            Held::MailAccount => {
                "SELECT org_id FROM mail_accounts WHERE id = $1 AND deleted_at = 0"
            }
            Held::MailMessage => "SELECT org_id FROM mail_messages WHERE id = $1",
            Held::MailFolder => {
                "SELECT a.org_id FROM mail_folders f JOIN mail_accounts a ON a.id = f.account_id
                 WHERE f.id = $1 AND a.deleted_at = 0"
            }
        }
    }
}

/// The account acting on the `kind` named `id`: a member of its organization, whose rights
/// there each service then checks. Unknown, deleted or another organization's ids (of one the
/// account is not a member of) are `NotFound`.
pub async fn actor_on(db: &Db, account_id: &str, kind: Held, id: &str) -> DomainResult<Actor> {
    actor_in_org_of(db, account_id, kind.org_sql(), id).await
}
