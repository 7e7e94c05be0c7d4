//! Video meeting links made on demand from the organization's meeting address: a fresh room
//! name each time, long enough that nobody guesses it.

use super::store::require_product;
use crate::error::{DomainError, DomainResult};
use crate::org::{settings, Actor};
use crate::reason::Reason;
use crate::store::Db;

/// A new meeting link, or `video_not_configured` when the organization has no address yet.
pub async fn new_meeting_link(db: &Db, actor: &Actor) -> DomainResult<String> {
    require_product(actor)?;
    let base = settings::video_base_url(db, actor).await?;
    if base.is_empty() {
        return Err(DomainError::invalid(
            "video_url",
            Reason::VideoNotConfigured,
        ));
    }
    Ok(format!("{base}/ksuite-{}", crate::ids::new_id()))
}
