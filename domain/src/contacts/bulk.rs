//! Several contacts at once: copy or move a selection to another book, put it in a group or
//! take it out, or put it in the trash.
//! One transaction each; a contact the member may not change, or whose UID the target book
//! already holds, is counted as skipped and left as it was.

use super::card_rows::{insert_cards, move_cards, trash_cards};
use super::model::BulkOutcome;
use super::store::{bump, require_product, writable_book, write_access};
use super::vcard;
use super::{group_names, groups};
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::ids::new_id;
use crate::org::Actor;
use crate::store::{bind_all, leading, Db, WriteTx};
use sqlx::{AnyConnection, Row};
use std::collections::{HashMap, HashSet};

/// At most this many contacts in one selection (a book's import limit).
pub const MAX_SELECTION: usize = 10_000;

/// What a selected contact is: its book, UID and text.
struct Selected {
    id: String,
    book_id: String,
    uid: String,
    vcard: String,
}

/// The live contacts of the actor's organization among `ids`, with the actor's right to change
/// each one's book. Ids of other organizations or in the trash are left out.
async fn selected(
    conn: &mut AnyConnection,
    actor: &Actor,
    ids: &[String],
) -> DomainResult<Vec<(Selected, bool)>> {
    require_product(actor)?;
    if ids.len() > MAX_SELECTION {
        return Err(DomainError::limit(
            LimitKind::Selection,
            MAX_SELECTION as u64,
        ));
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, book_id, uid, vcard FROM contacts
         WHERE org_id = ${} AND deleted_at = 0 AND id IN ({})",
        ids.len() + 1,
        leading(conn, 1, ids.len())
    );
    let rows = bind_all(sqlx::query(&sql), ids)
        .bind(&actor.org_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut writable: HashMap<String, Option<bool>> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let contact = Selected {
            id: row.try_get("id")?,
            book_id: row.try_get("book_id")?,
            uid: row.try_get("uid")?,
            vcard: row.try_get("vcard")?,
        };
        let access = match writable.get(&contact.book_id) {
            Some(known) => *known,
            None => {
                let found = write_access(conn, actor, &contact.book_id).await?;
                writable.insert(contact.book_id.clone(), found);
                found
            }
        };
        // A book the actor cannot see leaves its contacts out, as if they did not exist.
        if let Some(can_write) = access {
            out.push((contact, can_write));
        }
    }
    Ok(out)
}

async fn uids_in(conn: &mut AnyConnection, book_id: &str) -> DomainResult<HashSet<String>> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT uid FROM contacts WHERE book_id = $1")
        .bind(book_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(|(uid,)| uid).collect())
}

/// Marks every book a selection changed for sync clients, and commits.
async fn finish(mut tx: WriteTx, changed: &HashSet<String>) -> DomainResult<()> {
    for book in changed {
        bump(&mut tx, book).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Copies the contacts into `target`. A copy keeps its UID unless the target holds it, then it
/// gets a new one: copying twice makes two copies, as the member asked.
pub async fn copy_contacts(
    db: &Db,
    actor: &Actor,
    ids: &[String],
    target: &str,
    now: i64,
) -> DomainResult<BulkOutcome> {
    let mut tx = db.write().await?;
    writable_book(&mut tx, actor, target).await?;
    let mut taken = uids_in(&mut tx, target).await?;
    let mut copies = Vec::new();
    for (contact, _) in selected(&mut tx, actor, ids).await? {
        let mut card = vcard::parse(&contact.vcard).map_err(|_| DomainError::Internal)?;
        if taken.contains(&contact.uid) {
            vcard::set_uid(&mut card, &new_id());
        }
        let text = vcard::write(&card);
        let index = vcard::index(&card);
        taken.insert(index.uid.clone());
        copies.push((text, index));
    }
    let rows: Vec<_> = copies.iter().map(|(t, i)| (t.as_str(), i)).collect();
    let made = insert_cards(&mut tx, &actor.org_id, target, &rows, now).await?;
    finish(tx, &HashSet::from([target.to_owned()])).await?;
    Ok(BulkOutcome::of(ids.len(), made))
}

/// Moves the contacts into `target`; those already there are left alone, those whose UID the
/// target holds or that the actor may not change are skipped.
pub async fn move_contacts(
    db: &Db,
    actor: &Actor,
    ids: &[String],
    target: &str,
    now: i64,
) -> DomainResult<BulkOutcome> {
    let mut tx = db.write().await?;
    writable_book(&mut tx, actor, target).await?;
    let mut taken = uids_in(&mut tx, target).await?;
    let mut already = 0;
    let mut moving = Vec::new();
    let mut changed = HashSet::from([target.to_owned()]);
    for (contact, can_write) in selected(&mut tx, actor, ids).await? {
        if contact.book_id == target {
            already += 1;
        } else if can_write && taken.insert(contact.uid) {
            changed.insert(contact.book_id);
            moving.push(contact.id);
        }
    }
    move_cards(&mut tx, &moving, target, now).await?;
    finish(tx, &changed).await?;
    Ok(BulkOutcome::counted(
        ids.len(),
        already + moving.len(),
        moving,
    ))
}

/// Puts the contacts in the group `name` (`member`) or takes them out of it. The group is
/// kept in each book it is added in; contacts already so are counted as done.
pub async fn group_contacts(
    db: &Db,
    actor: &Actor,
    ids: &[String],
    name: &str,
    member: bool,
    now: i64,
) -> DomainResult<BulkOutcome> {
    let name = group_names::clean_name(name)?;
    let mut tx = db.write().await?;
    let mut done = 0;
    let mut changed = HashSet::new();
    let mut regrouped = Vec::new();
    let mut in_books = HashSet::new();
    for (contact, can_write) in selected(&mut tx, actor, ids).await? {
        if !can_write {
            continue;
        }
        in_books.insert(contact.book_id.clone());
        let change = |list: &mut Vec<String>| match member {
            true => group_names::add_name(list, &name),
            false => group_names::remove_name(list, &name),
        };
        let (id, book) = (&contact.id, &contact.book_id);
        if groups::regroup(&mut tx, id, book, &contact.vcard, change, now).await? {
            changed.insert(contact.book_id.clone());
            regrouped.push(contact.id.clone());
        }
        done += 1;
    }
    if member {
        for book in &in_books {
            groups::remember(&mut tx, book, &name, now).await?;
        }
    }
    finish(tx, &changed).await?;
    Ok(BulkOutcome::counted(ids.len(), done, regrouped))
}

/// Puts the contacts in the trash (those the actor may change).
pub async fn delete_contacts(
    db: &Db,
    actor: &Actor,
    ids: &[String],
    now: i64,
) -> DomainResult<BulkOutcome> {
    let mut tx = db.write().await?;
    let mut trashed = Vec::new();
    let mut changed = HashSet::new();
    for (contact, can_write) in selected(&mut tx, actor, ids).await? {
        if can_write {
            changed.insert(contact.book_id);
            trashed.push(contact.id);
        }
    }
    trash_cards(&mut tx, &trashed, now).await?;
    finish(tx, &changed).await?;
    Ok(BulkOutcome::of(ids.len(), trashed))
}
