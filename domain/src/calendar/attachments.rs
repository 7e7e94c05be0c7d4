//! Files attached to events (RFC 8607's managed attachments): the bytes in the blob store, the
//! list in the event's dialog, a download for whoever can see the event, and an `ATTACH` link
//! in the calendar's export. An event in the trash keeps its files until it is purged.

use super::ical;
use super::store::{bump, object_access, require_events_writable, require_product};
use crate::blobs::{self, BlobHash, Blobs, Stored};
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::files::{file_name, media_type_of};
use crate::org::Actor;
use crate::store::Db;
use crate::views::AttachmentView;
use icalendar::parser::Property;
use sqlx::AnyConnection;
use std::collections::HashMap;
use std::path::PathBuf;

/// The largest file an event takes.
pub const MAX_BYTES: u64 = 25 << 20;
/// Files on one event.
pub const MAX_PER_EVENT: i64 = 20;

const COLUMNS: &str = "id, name, media_type, size, created_at";

type Row = (String, String, String, i64, i64);

fn view((id, name, media_type, size, created_at): Row) -> AttachmentView {
    AttachmentView {
        id,
        name,
        media_type,
        size: size.max(0) as u64,
        created_at,
    }
}

/// Refuses, before a file is received, what its attaching would refuse anyway: an event the
/// actor cannot change, one with `MAX_PER_EVENT` files, or a declared size over the limit or the
/// organization's free space.
pub async fn may_attach(
    db: &Db,
    actor: &Actor,
    object_id: &str,
    declared: Option<u64>,
) -> DomainResult<()> {
    require_product(actor)?;
    if declared.is_some_and(|n| n > MAX_BYTES) {
        return Err(DomainError::limit(
            LimitKind::AttachmentMegabytes,
            MAX_BYTES >> 20,
        ));
    }
    let mut conn = db.pool().acquire().await?;
    let (_, calendar, access) = object_access(&mut conn, actor, object_id).await?;
    require_events_writable(&calendar, access)?;
    require_count(&mut conn, object_id).await?;
    blobs::require_free(&mut conn, &actor.org_id, declared.unwrap_or(0)).await
}

async fn require_count(conn: &mut AnyConnection, object_id: &str) -> DomainResult<()> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM calendar_attachments WHERE object_id = $1")
            .bind(object_id)
            .fetch_one(&mut *conn)
            .await?;
    if count >= MAX_PER_EVENT {
        return Err(DomainError::limit(
            LimitKind::Attachments,
            MAX_PER_EVENT as u64,
        ));
    }
    Ok(())
}

/// Starts receiving a file for an event.
pub async fn receive(blobs: &Blobs) -> DomainResult<blobs::Staged> {
    blobs.stage(MAX_BYTES, LimitKind::AttachmentMegabytes).await
}

/// A file on its way to an event, as a request body brings it: refused before its first byte
/// when its declared size cannot fit, received into the blob store part by part, refused again
/// with its real size before it is stored, then attached.
pub struct Upload {
    db: Db,
    actor: Actor,
    object_id: String,
    staged: blobs::Staged,
}

impl Upload {
    pub async fn start(
        db: &Db,
        blobs: &Blobs,
        actor: &Actor,
        object_id: &str,
        declared: Option<u64>,
    ) -> DomainResult<Upload> {
        may_attach(db, actor, object_id, declared).await?;
        Ok(Upload {
            db: db.clone(),
            actor: actor.clone(),
            object_id: object_id.to_owned(),
            staged: receive(blobs).await?,
        })
    }

    /// The file being received, to write its parts into; over the size limit, the upload
    /// ends and leaves nothing.
    pub fn file(&mut self) -> &mut blobs::Staged {
        &mut self.staged
    }

    /// Stores the whole file and attaches it as `name` of type `media_type`.
    pub async fn finish(
        self,
        name: &str,
        media_type: &str,
        now: i64,
    ) -> DomainResult<AttachmentView> {
        let Upload {
            db,
            actor,
            object_id,
            staged,
        } = self;
        // A file over the quota never reaches the store, whatever the request declared.
        may_attach(&db, &actor, &object_id, Some(staged.size())).await?;
        let stored = staged.store(&db, now).await?;
        attach(&db, &actor, &object_id, name, media_type, stored, now).await
    }
}

/// Attaches a received file to the event, checking again what `may_attach` checked, now with
/// the file's real size and inside the transaction.
pub async fn attach(
    db: &Db,
    actor: &Actor,
    object_id: &str,
    name: &str,
    media_type: &str,
    file: Stored,
    now: i64,
) -> DomainResult<AttachmentView> {
    require_product(actor)?;
    let mut tx = db.write().await?;
    let (object, calendar, access) = object_access(&mut tx, actor, object_id).await?;
    require_events_writable(&calendar, access)?;
    // The quota's lock first: two files attached at once are then counted one after the other.
    blobs::require_room(&mut tx, &actor.org_id, file.size).await?;
    require_count(&mut tx, object_id).await?;
    let attachment = AttachmentView {
        id: crate::ids::new_id(),
        name: file_name(name),
        media_type: media_type_of(media_type),
        size: file.size,
        created_at: now,
    };
    sqlx::query(
        "INSERT INTO calendar_attachments (id, object_id, org_id, blob_hash, name, media_type, size, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&attachment.id)
    .bind(&object.id)
    .bind(&actor.org_id)
    .bind(file.hash.as_str())
    .bind(&attachment.name)
    .bind(&attachment.media_type)
    .bind(file.size as i64)
    .bind(&actor.account_id)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    bump(&mut tx, &calendar.id).await?;
    tx.commit().await?;
    Ok(attachment)
}

/// The event's files, oldest first, for whoever can see the event.
pub async fn list(db: &Db, actor: &Actor, object_id: &str) -> DomainResult<Vec<AttachmentView>> {
    require_product(actor)?;
    let mut conn = db.pool().acquire().await?;
    object_access(&mut conn, actor, object_id).await?;
    let sql = format!(
        "SELECT {COLUMNS} FROM calendar_attachments WHERE object_id = $1 ORDER BY created_at, id"
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(object_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(rows.into_iter().map(view).collect())
}

/// The attachment and its stored file, for whoever can see its event. Another organization's
/// attachment, or one of an event the actor cannot see, is `NotFound`.
pub async fn open(
    db: &Db,
    blobs: &Blobs,
    actor: &Actor,
    attachment_id: &str,
) -> DomainResult<(AttachmentView, PathBuf)> {
    require_product(actor)?;
    let mut conn = db.pool().acquire().await?;
    let (object_id, hash, row) = find(&mut conn, actor, attachment_id).await?;
    object_access(&mut conn, actor, &object_id).await?;
    let hash = BlobHash::parse(&hash).ok_or(DomainError::Internal)?;
    Ok((view(row), blobs.file(&hash)))
}

async fn find(
    conn: &mut AnyConnection,
    actor: &Actor,
    attachment_id: &str,
) -> DomainResult<(String, String, Row)> {
    let sql = format!(
        "SELECT object_id, blob_hash, {COLUMNS} FROM calendar_attachments WHERE id = $1 AND org_id = $2"
    );
    let row: Option<(String, String, String, String, String, i64, i64)> = sqlx::query_as(&sql)
        .bind(attachment_id)
        .bind(&actor.org_id)
        .fetch_optional(&mut *conn)
        .await?;
    let (object_id, hash, id, name, media_type, size, created_at) =
        row.ok_or(DomainError::NotFound)?;
    Ok((object_id, hash, (id, name, media_type, size, created_at)))
}

/// Takes a file off its event, for whoever may change the event. Its bytes go with the
/// collector once nothing else refers to them.
pub async fn remove(db: &Db, actor: &Actor, attachment_id: &str) -> DomainResult<()> {
    require_product(actor)?;
    let mut tx = db.write().await?;
    let (object_id, _, _) = find(&mut tx, actor, attachment_id).await?;
    let (_, calendar, access) = object_access(&mut tx, actor, &object_id).await?;
    require_events_writable(&calendar, access)?;
    sqlx::query("DELETE FROM calendar_attachments WHERE id = $1")
        .bind(attachment_id)
        .execute(&mut *tx)
        .await?;
    bump(&mut tx, &calendar.id).await?;
    tx.commit().await
}

/// The files of the calendar's live events, by event, for the export.
pub(crate) async fn of_calendar(
    conn: &mut AnyConnection,
    calendar_id: &str,
) -> DomainResult<HashMap<String, Vec<AttachmentView>>> {
    let rows: Vec<(String, String, String, String, i64, i64)> = sqlx::query_as(
        "SELECT a.object_id, a.id, a.name, a.media_type, a.size, a.created_at
         FROM calendar_attachments a JOIN calendar_objects o ON o.id = a.object_id
         WHERE o.calendar_id = $1 AND o.deleted_at = 0 ORDER BY a.created_at, a.id",
    )
    .bind(calendar_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut all: HashMap<String, Vec<AttachmentView>> = HashMap::new();
    for (object_id, id, name, media_type, size, created_at) in rows {
        all.entry(object_id)
            .or_default()
            .push(view((id, name, media_type, size, created_at)));
    }
    Ok(all)
}

/// The `ATTACH` property of an exported event: a link that needs a session (RFC 8607's
/// parameters name the file, its type and size).
pub fn attach_property(attachment: &AttachmentView, base_url: &str) -> Property<'static> {
    let size = attachment.size.to_string();
    ical::property(
        "ATTACH",
        format!("{base_url}/api/v1/attachments/{}", attachment.id),
        &[
            ("FMTTYPE", attachment.media_type.as_str()),
            ("FILENAME", attachment.name.as_str()),
            ("SIZE", size.as_str()),
            ("MANAGED-ID", attachment.id.as_str()),
        ],
    )
}
