//! The mailbox row and the one access check every mail operation goes through.

use crate::error::{DomainError, DomainResult};
use crate::live::CollectionKind;
use crate::org::{Access, Actor, Product};
use crate::sharing::shares::{self, Collection, ShareTable, MAIL_ACCOUNT_SHARES};
use crate::sharing::Permission;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

#[derive(Debug, Clone)]
pub struct MailAccountRow {
    pub id: String,
    pub owner_id: String,
    pub name: String,
    pub signature: String,
}

impl Collection for MailAccountRow {
    const SHARES: ShareTable = MAIL_ACCOUNT_SHARES;
    const KIND: CollectionKind = CollectionKind::MailAccount;
    const NOUN: &'static str = "mailbox";
    const COLUMNS: &'static str = "c.id, c.owner_id, c.name, c.signature";
    const FROM: &'static str = concat!(
        "mail_accounts c ",
        crate::shares_reaching_member!("mail_account_shares", "account_id")
    );

    fn require_product(actor: &Actor) -> DomainResult<()> {
        require_product(actor)
    }

    fn from_row(row: &AnyRow) -> DomainResult<Self> {
        Ok(MailAccountRow {
            id: row.try_get("id")?,
            owner_id: row.try_get("owner_id")?,
            name: row.try_get("name")?,
            signature: row.try_get("signature")?,
        })
    }

    fn owner_id(&self) -> &str {
        &self.owner_id
    }
}

/// Members need the Mail product; the sidebar hides it, this enforces it.
pub fn require_product(actor: &Actor) -> DomainResult<()> {
    if actor.can(Product::Mail, Access::Use) {
        Ok(())
    } else {
        Err(DomainError::forbidden("no access to Mail"))
    }
}

/// A live mailbox of the actor's organization and the actor's level on it. One they may not
/// see, of another organization, or deleted is `NotFound`.
pub async fn mailbox_access(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> DomainResult<(MailAccountRow, Permission)> {
    shares::access(conn, actor, id).await
}

/// Like `mailbox_access`, for a change of its folders or messages.
pub async fn writable_mailbox(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> DomainResult<MailAccountRow> {
    let (mailbox, access) = mailbox_access(conn, actor, id).await?;
    if access.can_write() {
        Ok(mailbox)
    } else {
        Err(DomainError::forbidden("this mailbox is read-only for you"))
    }
}

/// Takes the mailbox's row lock: the first statement of every transaction that changes the
/// mailbox, so two of them on PostgreSQL run one after the other, each reading what the other
/// wrote, and always take their locks in the same order. (SQLite's writer holds the whole
/// database already.)
pub(crate) async fn lock_mailbox(conn: &mut AnyConnection, id: &str) -> DomainResult<()> {
    sqlx::query("UPDATE mail_accounts SET revision = revision WHERE id = $1")
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The mailbox's folder of `role` (its Inbox, its Trash...).
pub(crate) async fn folder_of(
    conn: &mut AnyConnection,
    account_id: &str,
    role: crate::mail::model::FolderRole,
) -> DomainResult<String> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM mail_folders WHERE account_id = $1 AND role = $2")
            .bind(account_id)
            .bind(role.code())
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|(id,)| id).ok_or(DomainError::NotFound)
}
