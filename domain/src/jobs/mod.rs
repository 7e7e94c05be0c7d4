//! Background work, as plain functions of `now`. The server's one periodic task
//! (`server/src/jobs.rs`) calls them; no request does, so no GET ever writes.

use crate::auth;
use crate::error::DomainResult;
use crate::store::Db;

/// What one maintenance run deleted.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Maintenance {
    /// Trashed calendars, events, contacts, books, versions and merges past the retention.
    pub trash: u64,
    pub sessions: u64,
    pub throttle_keys: u64,
    /// Letters sent long ago and links past use.
    pub mail: u64,
}

/// Purges what has outlived its use. Each step is an idempotent DELETE, so servers sharing one
/// database may run it at the same time.
pub async fn maintain(db: &Db, now: i64) -> DomainResult<Maintenance> {
    Ok(Maintenance {
        trash: crate::calendar::trash::purge(db, now).await?
            + crate::contacts::trash::purge(db, now).await?,
        sessions: auth::purge_sessions(db, now).await?,
        throttle_keys: auth::throttle::purge(db, now).await?,
        mail: crate::mailer::purge_sent(db, now).await?
            + auth::links::purge(db, now).await?
            + crate::mail::uploads::purge(db, now).await?,
    })
}
