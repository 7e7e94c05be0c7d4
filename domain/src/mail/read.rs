//! Reading a stored message: what the reading pane shows, its HTML sanitised for the frame it
//! is shown in, an attachment, and the raw source. Reading changes nothing (marking as read is
//! an action of its own); each read goes through the mailbox's access check, and the bytes
//! are read and parsed off the async workers.

use super::embedded::{ANSWERED, FLAGGED, SEEN};
use super::model::{MessageFile, MessageView, PersonView};
use super::parse::{self, AttachmentInfo, Person};
use super::sanitize::{sanitize, Sanitized};
use super::store::mailbox_access;
use crate::blobs::{BlobHash, Blobs};
use crate::error::{DomainError, DomainResult};
use crate::org::Actor;
use crate::store::Db;
use sqlx::Row;
use std::collections::HashMap;

/// A message's row, once the actor may see its mailbox.
struct Found {
    mailbox_id: String,
    folder_id: String,
    thread_id: String,
    blob: BlobHash,
    size: u64,
    received_at: i64,
    flags: i64,
}

async fn found(db: &Db, actor: &Actor, id: &str) -> DomainResult<Found> {
    let row = sqlx::query(
        "SELECT account_id, folder_id, thread_id, blob_hash, size, received_at, flags
         FROM mail_messages WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?
    .ok_or(DomainError::NotFound)?;
    let mailbox_id: String = row.try_get("account_id")?;
    let mut conn = db.pool().acquire().await?;
    mailbox_access(&mut conn, actor, &mailbox_id).await?;
    Ok(Found {
        mailbox_id,
        folder_id: row.try_get("folder_id")?,
        thread_id: row.try_get("thread_id")?,
        blob: BlobHash::parse(&row.try_get::<String, _>("blob_hash")?)
            .ok_or(DomainError::Internal)?,
        size: u64::try_from(row.try_get::<i64, _>("size")?).unwrap_or(0),
        received_at: row.try_get("received_at")?,
        flags: row.try_get("flags")?,
    })
}

/// The raw bytes of a message the actor may see.
pub async fn raw_message(db: &Db, blobs: &Blobs, actor: &Actor, id: &str) -> DomainResult<Vec<u8>> {
    let found = found(db, actor, id).await?;
    blobs.read(&found.blob).await
}

fn person(p: &Person) -> PersonView {
    PersonView {
        name: p.name.clone(),
        address: p.address.clone(),
    }
}

fn attachment_view(a: &AttachmentInfo) -> MessageFile {
    MessageFile {
        part: a.part,
        name: a.name.clone(),
        content_type: a.content_type.clone(),
        size: a.size,
        inline: !a.content_id.is_empty(),
    }
}

/// The message as the reading pane shows it.
pub async fn get_message(
    db: &Db,
    blobs: &Blobs,
    actor: &Actor,
    id: &str,
) -> DomainResult<MessageView> {
    let found = found(db, actor, id).await?;
    let raw = blobs.read(&found.blob).await?;
    let (parsed, bodies, blocked) = crate::offload::parse(move || {
        let bodies = parse::bodies(&raw);
        let blocked = bodies.html.as_ref().map_or(0, |html| {
            sanitize(html, &HashMap::new(), false).blocked_images
        });
        Ok((parse::parse(&raw)?, bodies, blocked))
    })
    .await?;
    let people = |list: &[Person]| list.iter().map(person).collect();
    Ok(MessageView {
        id: id.to_owned(),
        mailbox_id: found.mailbox_id,
        folder_id: found.folder_id,
        thread_id: found.thread_id,
        from: person(&parsed.from),
        to: people(&parsed.to),
        cc: people(&parsed.cc),
        reply_to: people(&parsed.reply_to),
        subject: parsed.subject.clone(),
        sent_at: parsed.sent_at.unwrap_or(found.received_at),
        received_at: found.received_at,
        size: found.size,
        unread: found.flags & SEEN == 0,
        flagged: found.flags & FLAGGED != 0,
        answered: found.flags & ANSWERED != 0,
        text: bodies.text,
        has_html: bodies.html.is_some(),
        blocked_images: u32::try_from(blocked).unwrap_or(u32::MAX),
        attachments: parsed.attachments.iter().map(attachment_view).collect(),
        message_id: parsed.message_id,
        references: parsed.references,
    })
}

/// The message's HTML, sanitised, with its `cid:` images at `part_url(part)`; remote images
/// only when `show_images`. A message without HTML gives none.
pub async fn message_html(
    db: &Db,
    blobs: &Blobs,
    actor: &Actor,
    id: &str,
    show_images: bool,
    part_url: impl Fn(u32) -> String,
) -> DomainResult<Option<Sanitized>> {
    let found = found(db, actor, id).await?;
    let raw = blobs.read(&found.blob).await?;
    let bodies = crate::offload::parse(move || Ok(parse::bodies(&raw))).await?;
    let Some(html) = bodies.html else {
        return Ok(None);
    };
    let parts: HashMap<String, String> = bodies
        .inline_parts
        .into_iter()
        .map(|(cid, part)| (cid, part_url(part)))
        .collect();
    crate::offload::parse(move || Ok(Some(sanitize(&html, &parts, show_images)))).await
}

/// An attachment's name, type and bytes.
pub async fn attachment(
    db: &Db,
    blobs: &Blobs,
    actor: &Actor,
    id: &str,
    part: u32,
) -> DomainResult<(MessageFile, Vec<u8>)> {
    let found = found(db, actor, id).await?;
    let raw = blobs.read(&found.blob).await?;
    let (info, bytes) = crate::offload::parse(move || Ok(parse::attachment(&raw, part)))
        .await?
        .ok_or(DomainError::NotFound)?;
    Ok((attachment_view(&info), bytes))
}
