//! The stored shares of a collection: list, grant, revoke. The caller has checked that the actor
//! may share the collection (`Permission::can_share`) and passes the level they hold.

use super::{effective_access, org_share_applies};
use super::{Grantee, Permission, ShareLevel, ShareView};
use super::{GRANTEE_IS_OWNER, GRANTEE_NOT_MEMBER, GRANTEE_NOT_TEAM};
use crate::error::{DomainError, DomainResult};
use crate::org::Actor;
use crate::store::Db;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// Where a kind of collection keeps its shares.
#[derive(Debug, Clone, Copy)]
pub struct ShareTable {
    pub table: &'static str,
    /// The column naming the collection.
    pub column: &'static str,
}

pub const CALENDAR_SHARES: ShareTable = ShareTable {
    table: "calendar_shares",
    column: "calendar_id",
};

pub const ADDRESS_BOOK_SHARES: ShareTable = ShareTable {
    table: "address_book_shares",
    column: "book_id",
};

/// A stored collection (a calendar, an address book) as its access check reads it.
pub trait Collection: Sized {
    /// Selects the collection aliased `c` with `level` from `shares_reaching_member!`, binding
    /// `$1` the organization, `$2` the member, `$3` the organization-share flag and `$4` the id.
    const ACCESS_SQL: &'static str;

    fn from_row(row: &AnyRow) -> DomainResult<Self>;
    fn owner_id(&self) -> &str;
}

/// The `level` column of a row joined with `shares_reaching_member!`.
pub fn share_level(row: &AnyRow) -> DomainResult<Option<ShareLevel>> {
    Ok(ShareLevel::from_code(row.try_get("level")?))
}

/// A live collection of the actor's organization and the actor's level on it: ownership or the
/// strongest share reaching them. One they may not see, of another organization, or in the
/// trash is `NotFound`.
pub async fn access<T: Collection>(
    conn: &mut AnyConnection,
    actor: &Actor,
    id: &str,
) -> DomainResult<(T, Permission)> {
    let rows = sqlx::query(T::ACCESS_SQL)
        .bind(&actor.org_id)
        .bind(&actor.account_id)
        .bind(i64::from(org_share_applies(actor.role)))
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    let first = rows.first().ok_or(DomainError::NotFound)?;
    let collection = T::from_row(first)?;
    let levels = rows
        .iter()
        .map(share_level)
        .collect::<DomainResult<Vec<_>>>()?;
    let held = effective_access(
        collection.owner_id() == actor.account_id,
        levels.into_iter().flatten(),
    )
    .ok_or(DomainError::NotFound)?;
    Ok((collection, held))
}

/// The collection's shares: the organization first, then teams, then members, by name.
pub async fn list(db: &Db, shares: ShareTable, id: &str) -> DomainResult<Vec<ShareView>> {
    let ShareTable { table, column } = shares;
    let rows = sqlx::query(&format!(
        "SELECT s.grantee_kind, s.grantee_id, s.level, COALESCE(a.name, t.name, '') AS name
         FROM {table} s
         LEFT JOIN accounts a ON s.grantee_kind = 'member' AND a.id = s.grantee_id
         LEFT JOIN teams t ON s.grantee_kind = 'team' AND t.id = s.grantee_id
         WHERE s.{column} = $1
         ORDER BY CASE s.grantee_kind WHEN 'org' THEN 0 WHEN 'team' THEN 1 ELSE 2 END, name"
    ))
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        let kind: String = row.try_get("grantee_kind")?;
        let level: String = row.try_get("level")?;
        out.push(ShareView {
            grantee: Grantee::from_key(&kind, row.try_get("grantee_id")?),
            name: row.try_get("name")?,
            level: ShareLevel::from_code(&level).ok_or(DomainError::Internal)?,
        });
    }
    Ok(out)
}

/// A collection the actor shares: where its shares live, its id and owner, and the level the
/// actor holds on it (nobody hands on more).
#[derive(Debug, Clone, Copy)]
pub struct Shared<'a> {
    pub shares: ShareTable,
    pub id: &'a str,
    pub owner_id: &'a str,
    pub held: Permission,
}

/// Grants or changes a share. A member or team must belong to the organization; the owner needs
/// no share.
pub async fn grant(
    db: &Db,
    actor: &Actor,
    on: Shared<'_>,
    grantee: &Grantee,
    level: ShareLevel,
) -> DomainResult<()> {
    if !on.held.can_grant(level) {
        return Err(DomainError::forbidden(
            "you cannot grant more than your own right",
        ));
    }
    let unknown = |code| {
        move |e| match e {
            DomainError::NotFound => DomainError::invalid("grantee", code),
            other => other,
        }
    };
    match grantee {
        Grantee::Member(account) if account == on.owner_id => {
            return Err(DomainError::invalid("grantee", GRANTEE_IS_OWNER));
        }
        Grantee::Member(account) => {
            crate::org::actor(db, account, &actor.org_id)
                .await
                .map_err(unknown(GRANTEE_NOT_MEMBER))?;
        }
        Grantee::Team(team) => {
            let mut conn = db.pool().acquire().await?;
            crate::org::teams::require_team(&mut conn, &actor.org_id, team)
                .await
                .map_err(unknown(GRANTEE_NOT_TEAM))?;
        }
        Grantee::Organization => {}
    }
    let ShareTable { table, column } = on.shares;
    let (kind, grantee_id) = grantee.key();
    sqlx::query(&format!(
        "INSERT INTO {table} ({column}, grantee_kind, grantee_id, level) VALUES ($1, $2, $3, $4)
         ON CONFLICT ({column}, grantee_kind, grantee_id) DO UPDATE SET level = excluded.level"
    ))
    .bind(on.id)
    .bind(kind)
    .bind(grantee_id)
    .bind(level.code())
    .execute(db.pool())
    .await?;
    Ok(())
}

pub async fn revoke(db: &Db, shares: ShareTable, id: &str, grantee: &Grantee) -> DomainResult<()> {
    let ShareTable { table, column } = shares;
    let (kind, grantee_id) = grantee.key();
    sqlx::query(&format!(
        "DELETE FROM {table} WHERE {column} = $1 AND grantee_kind = $2 AND grantee_id = $3"
    ))
    .bind(id)
    .bind(kind)
    .bind(grantee_id)
    .execute(db.pool())
    .await?;
    Ok(())
}
