//! Files attached to a message while it is written. Each is received into the blob store when
//! the member picks it (the form shows its progress), belongs to that member, and is read into
//! the message when it is sent. One neither sent, nor waiting to be sent, nor in a draft is
//! forgotten a day after it was attached.

use super::store::require_product;
use crate::blobs::{self, Blobs, Staged, UNHELD_UPLOAD};
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::files::{file_name, media_type_of};
use crate::ids::new_id;
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::{bind_values, placeholders, Db, Value};
use crate::views::AttachmentView;
use sqlx::Row;

/// What the files of one message may take together, in bytes (as most mail services accept).
pub const MAX_BYTES: u64 = 25 << 20;
/// Files on one message.
pub const MAX_FILES: usize = 20;
/// How long a file attached to a message never sent is kept.
const KEPT_SECS: i64 = 24 * 3600;
/// Files one member may have attached to messages not sent yet, in all their forms: the
/// quota bounds their bytes, this their rows.
pub const MAX_WAITING: u64 = 200;

/// A file read for the message it is attached to.
pub struct File {
    pub name: String,
    pub media_type: String,
    pub bytes: Vec<u8>,
}

/// Refuses, before its first byte, a file that cannot fit: over the size of a message's files,
/// over the files a member may have waiting, or over the organization's free space.
async fn may_attach(db: &Db, actor: &Actor, size: u64) -> DomainResult<()> {
    require_product(actor)?;
    if size > MAX_BYTES {
        return Err(DomainError::limit(
            LimitKind::AttachmentMegabytes,
            MAX_BYTES >> 20,
        ));
    }
    let mut conn = db.pool().acquire().await?;
    require_slot(&mut conn, actor).await?;
    blobs::require_free(&mut conn, &actor.org_id, size).await
}

async fn require_slot(conn: &mut sqlx::AnyConnection, actor: &Actor) -> DomainResult<()> {
    let (waiting,): (i64,) = sqlx::query_as(&format!(
        "SELECT COUNT(*) FROM mail_uploads WHERE author_id = $1 AND org_id = $2 AND {UNHELD_UPLOAD}"
    ))
    .bind(&actor.account_id)
    .bind(&actor.org_id)
    .fetch_one(&mut *conn)
    .await?;
    if u64::try_from(waiting).unwrap_or(0) >= MAX_WAITING {
        return Err(DomainError::limit(LimitKind::WaitingFiles, MAX_WAITING));
    }
    Ok(())
}

/// Starts receiving a file for a message; `declared` is the size the request announced.
pub async fn receive(
    db: &Db,
    blobs: &Blobs,
    actor: &Actor,
    declared: Option<u64>,
) -> DomainResult<Staged> {
    may_attach(db, actor, declared.unwrap_or(0)).await?;
    blobs.stage(MAX_BYTES, LimitKind::AttachmentMegabytes).await
}

/// Keeps the received file as the actor's, named `name`, of type `media_type`.
pub async fn keep(
    db: &Db,
    actor: &Actor,
    file: Staged,
    name: &str,
    media_type: &str,
    now: i64,
) -> DomainResult<AttachmentView> {
    may_attach(db, actor, file.size()).await?;
    let stored = file.keep().await?;
    let view = AttachmentView {
        id: new_id(),
        name: file_name(name),
        media_type: media_type_of(media_type),
        size: stored.size,
        created_at: now,
    };
    let mut tx = db.write().await?;
    // The room first: on PostgreSQL it locks the organization's row, so two files at once
    // cannot both take the last slot either.
    blobs::require_room(&mut tx, &actor.org_id, stored.size).await?;
    require_slot(&mut tx, actor).await?;
    blobs::record(&mut tx, &stored, now).await?;
    sqlx::query(
        "INSERT INTO mail_uploads (id, org_id, author_id, blob_hash, name, media_type, size, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&view.id)
    .bind(&actor.org_id)
    .bind(&actor.account_id)
    .bind(stored.hash.as_str())
    .bind(&view.name)
    .bind(&view.media_type)
    .bind(stored.size as i64)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(view)
}

/// The actor's files `attached`, read for a message, each once: each must be theirs and still
/// kept, and together within `MAX_FILES` and `MAX_BYTES`. Names and types are the ones kept,
/// not the ones the form sent back.
pub async fn read(
    db: &Db,
    blobs: &Blobs,
    actor: &Actor,
    attached: &[AttachmentView],
) -> DomainResult<Vec<File>> {
    // One file named twice goes once: counted twice, it would still be read twice.
    let mut ids: Vec<&str> = Vec::with_capacity(attached.len());
    for file in attached {
        if !ids.contains(&file.id.as_str()) {
            ids.push(&file.id);
        }
    }
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    if ids.len() > MAX_FILES {
        return Err(DomainError::limit(
            LimitKind::MessageFiles,
            MAX_FILES as u64,
        ));
    }
    let mut values: Vec<Value> = vec![
        actor.account_id.as_str().into(),
        actor.org_id.as_str().into(),
    ];
    values.extend(ids.iter().map(|id| Value::from(*id)));
    let sql = format!(
        "SELECT id, blob_hash, name, media_type, size FROM mail_uploads
         WHERE author_id = $1 AND org_id = $2 AND id IN ({})",
        placeholders(3, ids.len())
    );
    let mut conn = db.pool().acquire().await?;
    let rows = bind_values(sqlx::query(&sql), &values)
        .fetch_all(&mut *conn)
        .await?;
    drop(conn);
    let total: i64 = rows
        .iter()
        .map(|r| r.try_get::<i64, _>("size").unwrap_or(0))
        .sum();
    if u64::try_from(total).unwrap_or(u64::MAX) > MAX_BYTES {
        return Err(DomainError::limit(
            LimitKind::MessageMegabytes,
            MAX_BYTES >> 20,
        ));
    }
    let mut files = Vec::with_capacity(ids.len());
    for wanted in ids {
        let row = rows
            .iter()
            .find(|r| r.try_get::<String, _>("id").is_ok_and(|id| id == wanted))
            .ok_or_else(|| DomainError::invalid("attachments", Reason::MailAttachmentGone))?;
        let hash = blobs::BlobHash::parse(&row.try_get::<String, _>("blob_hash")?)
            .ok_or(DomainError::Internal)?;
        files.push(File {
            name: row.try_get("name")?,
            media_type: row.try_get("media_type")?,
            bytes: blobs.read(&hash).await?,
        });
    }
    Ok(files)
}

/// Marks the actor's files as held by `outgoing_id`: a message waiting to be sent, or a draft
/// (`mail::drafts`). Held, they are kept while their holder is.
pub(crate) async fn hold(
    conn: &mut sqlx::AnyConnection,
    actor: &Actor,
    attached: &[AttachmentView],
    outgoing_id: &str,
) -> DomainResult<()> {
    for file in attached {
        sqlx::query("UPDATE mail_uploads SET outgoing_id = $1 WHERE id = $2 AND author_id = $3")
            .bind(outgoing_id)
            .bind(&file.id)
            .bind(&actor.account_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Gives the files `outgoing_id` held (a message taken back, a draft sent or discarded) to the
/// form again, for another day.
pub(crate) async fn release(
    conn: &mut sqlx::AnyConnection,
    outgoing_id: &str,
    now: i64,
) -> DomainResult<()> {
    sqlx::query("UPDATE mail_uploads SET outgoing_id = '', created_at = $1 WHERE outgoing_id = $2")
        .bind(now)
        .bind(outgoing_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Forgets the files the message `outgoing_id` held, inside the transaction that sends it:
/// its bytes hold them now, and nothing can take it back any more.
pub(crate) async fn forget_held(
    conn: &mut sqlx::AnyConnection,
    outgoing_id: &str,
) -> DomainResult<()> {
    sqlx::query("DELETE FROM mail_uploads WHERE outgoing_id = $1")
        .bind(outgoing_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Forgets the files attached a day ago or more to messages never sent or already gone; the
/// blob collector then removes their bytes unless a message holds them. Returns how many.
pub async fn purge(db: &Db, now: i64) -> DomainResult<u64> {
    let mut tx = db.write().await?;
    let done = sqlx::query(&format!(
        "DELETE FROM mail_uploads WHERE created_at < $1 AND {UNHELD_UPLOAD}"
    ))
    .bind(now - KEPT_SECS)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(done.rows_affected())
}
