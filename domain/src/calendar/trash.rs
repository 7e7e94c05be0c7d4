//! The trash: deleted calendars and events stay restorable for 30 days, then are purged.

use super::model::ItemKind;
use super::store::{bump, require_product, writable_calendar};
use crate::error::{DomainError, DomainResult};
use crate::live::CollectionKind;
use crate::org::Actor;
use crate::store::{placeholders, Db};
use crate::trash::{TrashItem, TrashKind};
use std::collections::HashMap;

pub use crate::trash::RETENTION_SECS;

/// Deletes for good what has been in the trash longer than the retention; returns how many
/// rows. Run by the server's maintenance job, never by a request.
pub async fn purge(db: &Db, now: i64) -> DomainResult<u64> {
    crate::trash::purge_older(
        db,
        now,
        &[
            "DELETE FROM calendar_object_versions WHERE replaced_at < $1",
            "DELETE FROM calendar_objects WHERE deleted_at <> 0 AND deleted_at < $1",
            "DELETE FROM calendars WHERE deleted_at <> 0 AND deleted_at < $1",
        ],
    )
    .await
}

/// The member's trash: their deleted calendars, and deleted events of live calendars they may
/// modify. Newest first.
pub async fn list_trash(db: &Db, actor: &Actor, now: i64) -> DomainResult<Vec<TrashItem>> {
    require_product(actor)?;
    let mut items =
        crate::trash::collections(db, actor, CollectionKind::Calendar, TrashKind::Calendar).await?;
    let names: HashMap<String, String> = super::calendars::list_calendars(db, actor, now)
        .await?
        .into_iter()
        .filter(|c| c.access.can_write_events(c.is_computed()))
        .map(|c| (c.id, c.name))
        .collect();
    if !names.is_empty() {
        let sql = format!(
            "SELECT id, calendar_id, kind, summary, deleted_at FROM calendar_objects
             WHERE deleted_at <> 0 AND calendar_id IN ({})",
            placeholders(1, names.len())
        );
        let mut query = sqlx::query_as::<_, (String, String, String, String, i64)>(&sql);
        for id in names.keys() {
            query = query.bind(id);
        }
        for (id, calendar_id, kind, summary, deleted_at) in query.fetch_all(db.pool()).await? {
            let kind = ItemKind::from_code(&kind).ok_or(DomainError::Internal)?;
            items.push(TrashItem {
                id,
                kind: kind.into(),
                title: summary,
                place: names.get(&calendar_id).cloned().unwrap_or_default(),
                merged: 0,
                deleted_at,
            });
        }
    }
    Ok(crate::trash::as_shown(items, now))
}

/// Brings a deleted event back, if its calendar is live and the actor may modify it.
pub async fn restore_event(db: &Db, actor: &Actor, object_id: &str, now: i64) -> DomainResult<()> {
    let mut tx = db.write().await?;
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT calendar_id FROM calendar_objects WHERE id = $1 AND org_id = $2 AND deleted_at <> 0 AND deleted_at >= $3",
    )
    .bind(object_id)
    .bind(&actor.org_id)
    .bind(now - RETENTION_SECS)
    .fetch_optional(&mut *tx)
    .await?;
    let (calendar_id,) = row.ok_or(DomainError::NotFound)?;
    writable_calendar(&mut tx, actor, &calendar_id).await?;
    sqlx::query("UPDATE calendar_objects SET deleted_at = 0, updated_at = $2 WHERE id = $1")
        .bind(object_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
    bump(&mut tx, &calendar_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Brings one of the actor's deleted calendars back, with its events.
pub async fn restore_calendar(
    db: &Db,
    actor: &Actor,
    calendar_id: &str,
    now: i64,
) -> DomainResult<()> {
    require_product(actor)?;
    let mut tx = db.write().await?;
    let done = sqlx::query(
        "UPDATE calendars SET deleted_at = 0
         WHERE id = $1 AND org_id = $2 AND owner_id = $3 AND deleted_at <> 0 AND deleted_at >= $4",
    )
    .bind(calendar_id)
    .bind(&actor.org_id)
    .bind(&actor.account_id)
    .bind(now - RETENTION_SECS)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(DomainError::NotFound);
    }
    tx.collection_changed(CollectionKind::Calendar, calendar_id)
        .await?;
    tx.commit().await
}
