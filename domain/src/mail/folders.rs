//! A mailbox's folders: the suite's own (Inbox, Drafts, Sent, Archive, Spam, Trash), made with
//! the mailbox and never renamed or removed, and the member's, which they create, rename, nest
//! and delete.

use super::folder_tree::{self, MAX_DEPTH};
use super::model::{FolderRole, FolderView};
use super::store::{lock_mailbox, mailbox_access, writable_mailbox};
use crate::auth::validate::normalize_name;
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::ids::new_id;
use crate::live::CollectionKind;
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::Db;
use sqlx::{AnyConnection, Row};

/// Folders one mailbox may hold.
pub const MAX_FOLDERS: i64 = 1_000;

/// IMAP clients see the folders as a hierarchy with this separator, so a name cannot hold it.
pub const SEPARATOR: char = '/';

/// The suite's folders of a new mailbox, inside the caller's transaction.
pub(crate) async fn insert_defaults(
    conn: &mut AnyConnection,
    account_id: &str,
    now: i64,
) -> DomainResult<()> {
    for role in FolderRole::ALL {
        insert(conn, account_id, "", role.stored_name(), Some(role), now).await?;
    }
    Ok(())
}

async fn insert(
    conn: &mut AnyConnection,
    account_id: &str,
    parent_id: &str,
    name: &str,
    role: Option<FolderRole>,
    now: i64,
) -> DomainResult<String> {
    let id = new_id();
    let made = sqlx::query(
        "INSERT INTO mail_folders (id, account_id, parent_id, name, name_key, role, uid_validity, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT (account_id, parent_id, name_key) DO NOTHING",
    )
    .bind(&id)
    .bind(account_id)
    .bind(parent_id)
    .bind(name)
    .bind(crate::locale::sort_key(name))
    .bind(role.map_or("", FolderRole::code))
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if made == 1 {
        Ok(id)
    } else {
        Err(DomainError::invalid("name", Reason::FolderExists))
    }
}

/// The mailbox's folders with their counts, in the order the list shows them.
pub async fn list_folders(
    db: &Db,
    actor: &Actor,
    account_id: &str,
) -> DomainResult<Vec<FolderView>> {
    let mut conn = db.pool().acquire().await?;
    mailbox_access(&mut conn, actor, account_id).await?;
    let rows = sqlx::query(
        "SELECT id, parent_id, name, role, total, unread FROM mail_folders WHERE account_id = $1",
    )
    .bind(account_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut folders = Vec::with_capacity(rows.len());
    for row in &rows {
        let role: String = row.try_get("role")?;
        let count = |column| -> DomainResult<u64> {
            Ok(u64::try_from(row.try_get::<i64, _>(column)?).unwrap_or(0))
        };
        folders.push(FolderView {
            id: row.try_get("id")?,
            parent_id: row.try_get("parent_id")?,
            name: row.try_get("name")?,
            role: FolderRole::from_code(&role),
            depth: 0,
            total: count("total")?,
            unread: count("unread")?,
        });
    }
    Ok(folder_tree::ordered(folders))
}

/// A folder, once the actor may change what its mailbox holds.
struct Writable {
    account_id: String,
    parent_id: String,
    name: String,
    role: Option<FolderRole>,
}

async fn writable_folder(
    conn: &mut AnyConnection,
    actor: &Actor,
    folder_id: &str,
) -> DomainResult<Writable> {
    let row: Option<(String, String, String, String)> =
        sqlx::query_as("SELECT account_id, parent_id, name, role FROM mail_folders WHERE id = $1")
            .bind(folder_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (account_id, parent_id, name, role) = row.ok_or(DomainError::NotFound)?;
    lock_mailbox(conn, &account_id).await?;
    writable_mailbox(conn, actor, &account_id).await?;
    Ok(Writable {
        account_id,
        parent_id,
        name,
        role: FolderRole::from_code(&role),
    })
}

/// Refuses to rename, move or delete one of the suite's folders.
fn require_own(folder: &Writable) -> DomainResult<()> {
    match folder.role {
        None => Ok(()),
        Some(_) => Err(DomainError::forbidden(
            "the mailbox's own folders keep their name and place",
        )),
    }
}

/// A folder name: a display name without the hierarchy separator.
fn check_name(name: &str) -> DomainResult<String> {
    let name = normalize_name(name)?;
    if name.contains(SEPARATOR) {
        return Err(DomainError::invalid("name", Reason::FolderNameInvalid));
    }
    Ok(name)
}

/// Every `(id, parent)` pair of the mailbox's folders.
async fn pairs(conn: &mut AnyConnection, account_id: &str) -> DomainResult<Vec<(String, String)>> {
    Ok(
        sqlx::query_as("SELECT id, parent_id FROM mail_folders WHERE account_id = $1")
            .bind(account_id)
            .fetch_all(&mut *conn)
            .await?,
    )
}

/// Refuses a parent that is not a folder of the mailbox, or under which a subtree of `height`
/// levels would nest deeper than allowed.
fn require_parent(pairs: &[(String, String)], parent_id: &str, height: u32) -> DomainResult<()> {
    if parent_id.is_empty() {
        return Ok(());
    }
    if !pairs.iter().any(|(id, _)| id == parent_id) {
        return Err(DomainError::NotFound);
    }
    if folder_tree::depth_of(pairs, parent_id) + 1 + height > MAX_DEPTH {
        return Err(DomainError::limit(
            LimitKind::FolderDepth,
            u64::from(MAX_DEPTH),
        ));
    }
    Ok(())
}

/// A new folder of the member's, at the top (`parent_id` empty) or under another folder.
pub async fn create_folder(
    db: &Db,
    actor: &Actor,
    account_id: &str,
    parent_id: &str,
    name: &str,
    now: i64,
) -> DomainResult<String> {
    let name = check_name(name)?;
    let mut tx = db.write().await?;
    lock_mailbox(&mut tx, account_id).await?;
    writable_mailbox(&mut tx, actor, account_id).await?;
    let pairs = pairs(&mut tx, account_id).await?;
    if pairs.len() as i64 >= MAX_FOLDERS {
        return Err(DomainError::limit(LimitKind::Folders, MAX_FOLDERS as u64));
    }
    require_parent(&pairs, parent_id, 1)?;
    let id = insert(&mut tx, account_id, parent_id, &name, None, now).await?;
    tx.bump(CollectionKind::MailAccount, account_id).await?;
    tx.commit().await?;
    Ok(id)
}

pub async fn rename_folder(
    db: &Db,
    actor: &Actor,
    folder_id: &str,
    name: &str,
) -> DomainResult<()> {
    let name = check_name(name)?;
    let mut tx = db.write().await?;
    let folder = writable_folder(&mut tx, actor, folder_id).await?;
    require_own(&folder)?;
    let parent_id = folder.parent_id.clone();
    set_place(&mut tx, &folder, folder_id, &parent_id, &name).await?;
    tx.bump(CollectionKind::MailAccount, &folder.account_id)
        .await?;
    tx.commit().await
}

/// Moves a folder, with those under it, to the top (`parent_id` empty) or under another
/// folder of the same mailbox, never under itself.
pub async fn move_folder(
    db: &Db,
    actor: &Actor,
    folder_id: &str,
    parent_id: &str,
) -> DomainResult<()> {
    let mut tx = db.write().await?;
    let folder = writable_folder(&mut tx, actor, folder_id).await?;
    require_own(&folder)?;
    let pairs = pairs(&mut tx, &folder.account_id).await?;
    if folder_tree::subtree(&pairs, folder_id)
        .iter()
        .any(|id| id == parent_id)
    {
        return Err(DomainError::invalid("parent_id", Reason::FolderIntoItself));
    }
    require_parent(&pairs, parent_id, folder_tree::height(&pairs, folder_id))?;
    let name = folder.name.clone();
    set_place(&mut tx, &folder, folder_id, parent_id, &name).await?;
    tx.bump(CollectionKind::MailAccount, &folder.account_id)
        .await?;
    tx.commit().await
}

/// Puts a folder under `parent_id` with `name`, refusing a name its new siblings already have.
async fn set_place(
    conn: &mut AnyConnection,
    folder: &Writable,
    folder_id: &str,
    parent_id: &str,
    name: &str,
) -> DomainResult<()> {
    let key = crate::locale::sort_key(name);
    let taken: Option<(String,)> = sqlx::query_as(
        "SELECT id FROM mail_folders
         WHERE account_id = $1 AND parent_id = $2 AND name_key = $3 AND id <> $4",
    )
    .bind(&folder.account_id)
    .bind(parent_id)
    .bind(&key)
    .bind(folder_id)
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_some() {
        return Err(DomainError::invalid("name", Reason::FolderExists));
    }
    sqlx::query("UPDATE mail_folders SET name = $2, name_key = $3, parent_id = $4 WHERE id = $1")
        .bind(folder_id)
        .bind(name)
        .bind(&key)
        .bind(parent_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes one of the member's folders with those under it; their messages go to the Trash.
pub async fn delete_folder(db: &Db, actor: &Actor, folder_id: &str) -> DomainResult<()> {
    let mut tx = db.write().await?;
    let folder = writable_folder(&mut tx, actor, folder_id).await?;
    require_own(&folder)?;
    let pairs = pairs(&mut tx, &folder.account_id).await?;
    let doomed = folder_tree::subtree(&pairs, folder_id);
    super::actions::trash_folders(&mut tx, &folder.account_id, &doomed).await?;
    for id in doomed {
        sqlx::query("DELETE FROM mail_folders WHERE id = $1")
            .bind(&id)
            .execute(&mut *tx)
            .await?;
    }
    tx.bump(CollectionKind::MailAccount, &folder.account_id)
        .await?;
    tx.commit().await
}
