//! The list of the collections a member sees (calendars, address books): one entry per
//! collection with the strongest access any share gives, the default for new items, the order.

use super::shares::{share_level, Collection};
use super::{effective_access, org_share_applies, Permission};
use crate::error::DomainResult;
use crate::org::Actor;
use crate::store::Db;
use sqlx::any::AnyRow;
use sqlx::Row;

/// What the list reads of each entry.
pub struct Entry<'a> {
    pub access: Permission,
    pub is_default: bool,
    /// Whether new items may go here.
    pub takes_items: bool,
    /// A collection the suite fills (holidays, birthdays): listed after the member's others.
    pub computed: bool,
    pub name: &'a str,
}

pub trait Listed {
    fn entry(&self) -> Entry<'_>;
    fn set_default(&mut self, is_default: bool);
}

/// The collections of kind `T` the member sees in their organization: their own and those a
/// share reaches, each read with `T::COLUMNS`, `owner_name`, then the `columns` of `joins`
/// (where `$2` is the member), and made by `build` with the strongest access any share gives.
/// The default stays where new items may still go, else falls to the first own collection. The
/// member's own come first, the computed ones last, then by name.
pub async fn visible<T: Collection, V: Listed>(
    db: &Db,
    actor: &Actor,
    columns: &'static str,
    joins: &'static str,
    build: impl Fn(&AnyRow, Permission) -> DomainResult<V>,
) -> DomainResult<Vec<V>> {
    // One row per collection and share reaching the member, grouped by collection.
    let sql = format!(
        "SELECT {}, a.name AS owner_name, COALESCE(s.level, '') AS level, {columns}
         FROM {} JOIN accounts a ON a.id = c.owner_id {joins}
         WHERE c.org_id = $1 AND c.deleted_at = 0 AND (c.owner_id = $2 OR s.{} IS NOT NULL)
         ORDER BY c.created_at, c.id",
        T::COLUMNS,
        T::FROM,
        T::SHARES.column
    );
    let rows = sqlx::query(&sql)
        .bind(&actor.org_id)
        .bind(&actor.account_id)
        .bind(i64::from(org_share_applies(actor.role)))
        .fetch_all(db.pool())
        .await?;
    let keyed = rows
        .iter()
        .map(|row| Ok((row.try_get::<String, _>("id")?, row)))
        .collect::<DomainResult<Vec<_>>>()?;
    let mut views: Vec<V> = Vec::new();
    for rows in keyed.chunk_by(|a, b| a.0 == b.0) {
        let first = rows[0].1;
        let owner: String = first.try_get("owner_id")?;
        let levels = rows
            .iter()
            .map(|(_, row)| share_level(row))
            .collect::<DomainResult<Vec<_>>>()?;
        if let Some(access) =
            effective_access(owner == actor.account_id, levels.into_iter().flatten())
        {
            views.push(build(first, access)?);
        }
    }
    for v in &mut views {
        let entry = v.entry();
        if entry.is_default && !entry.takes_items {
            v.set_default(false);
        }
    }
    if !views.iter().any(|v| v.entry().is_default) {
        let first_own = views.iter_mut().find(|v| {
            let entry = v.entry();
            entry.access == Permission::Owner && !entry.computed
        });
        if let Some(v) = first_own {
            v.set_default(true);
        }
    }
    views.sort_by_cached_key(|v| {
        let entry = v.entry();
        let own = entry.access == Permission::Owner;
        (!own, entry.computed, entry.name.to_lowercase())
    });
    Ok(views)
}
