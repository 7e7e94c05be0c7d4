//! The one access check of shared collections (calendars, address books) and their stored
//! shares: list, grant, revoke. Each kind of collection says once, by implementing `Collection`,
//! how it is read, which product it needs and where its shares live.

use super::{effective_access, org_share_applies};
use super::{Grantee, Permission, ShareLevel, ShareView};
use crate::reason::Reason;

use crate::error::{DomainError, DomainResult};
use crate::live::CollectionKind;
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

pub const MAIL_ACCOUNT_SHARES: ShareTable = ShareTable {
    table: "mail_account_shares",
    column: "account_id",
};

/// Every share table: a grantee that disappears (a deleted team) leaves all of them.
const ALL_SHARES: [ShareTable; 3] = [CALENDAR_SHARES, ADDRESS_BOOK_SHARES, MAIL_ACCOUNT_SHARES];

/// A stored collection (a calendar, an address book) as its access check reads it.
pub trait Collection: Sized {
    /// The columns `from_row` reads, of the collection aliased `c`.
    const COLUMNS: &'static str;
    /// The collection's table aliased `c`, joined with `shares_reaching_member!` as `s`.
    const FROM: &'static str;
    const SHARES: ShareTable;
    const KIND: CollectionKind;
    /// Its name in messages: "calendar", "address book".
    const NOUN: &'static str;

    /// Refuses a member without the product the collection belongs to.
    fn require_product(actor: &Actor) -> DomainResult<()>;
    fn from_row(row: &AnyRow) -> DomainResult<Self>;
    fn owner_id(&self) -> &str;
    /// A collection its owner alone ever sees (a Birthdays calendar): never shared or published.
    fn private(&self) -> bool {
        false
    }
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
    T::require_product(actor)?;
    let sql = format!(
        "SELECT {}, COALESCE(s.level, '') AS level FROM {}
         WHERE c.org_id = $1 AND c.id = $4 AND c.deleted_at = 0",
        T::COLUMNS,
        T::FROM
    );
    let rows = sqlx::query(&sql)
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

/// The collection and the actor's level on it, when that level may share it.
pub async fn sharer<T: Collection>(
    db: &Db,
    actor: &Actor,
    id: &str,
) -> DomainResult<(T, Permission)> {
    let mut conn = db.pool().acquire().await?;
    let (collection, held) = access::<T>(&mut conn, actor, id).await?;
    if collection.private() {
        return Err(DomainError::forbidden(format!(
            "this {} is not shared or published",
            T::NOUN
        )));
    }
    if !held.can_share() {
        return Err(DomainError::forbidden(format!(
            "you may not share this {}",
            T::NOUN
        )));
    }
    Ok((collection, held))
}

/// The collection's shares: the organization first, then teams, then members, by name. Only
/// for those who may share it.
pub async fn list<T: Collection>(db: &Db, actor: &Actor, id: &str) -> DomainResult<Vec<ShareView>> {
    sharer::<T>(db, actor, id).await?;
    let ShareTable { table, column } = T::SHARES;
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

/// Grants or changes a share. Nobody hands on more than they hold; a member or team must belong
/// to the organization; the owner needs no share. Organization-wide shares never reach externals
/// (`org_share_applies`, in the access check). A member whose address is not confirmed shares
/// nothing yet.
pub async fn grant<T: Collection>(
    db: &Db,
    actor: &Actor,
    id: &str,
    grantee: &Grantee,
    level: ShareLevel,
) -> DomainResult<()> {
    let (collection, held) = sharer::<T>(db, actor, id).await?;
    crate::auth::require_verified(db, &actor.account_id).await?;
    if !held.can_grant(level) {
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
        Grantee::Member(account) if account == collection.owner_id() => {
            return Err(DomainError::invalid("grantee", Reason::GranteeIsOwner));
        }
        Grantee::Member(account) => {
            crate::org::actor(db, account, &actor.org_id)
                .await
                .map_err(unknown(Reason::GranteeNotMember))?;
        }
        Grantee::Team(team) => {
            let mut conn = db.pool().acquire().await?;
            crate::org::team_rows::require_team(&mut conn, &actor.org_id, team)
                .await
                .map_err(unknown(Reason::GranteeNotTeam))?;
        }
        Grantee::Organization => {}
    }
    let ShareTable { table, column } = T::SHARES;
    let mut tx = db.write().await?;
    let (kind, grantee_id) = grantee.key();
    sqlx::query(&format!(
        "INSERT INTO {table} ({column}, grantee_kind, grantee_id, level) VALUES ($1, $2, $3, $4)
         ON CONFLICT ({column}, grantee_kind, grantee_id) DO UPDATE SET level = excluded.level"
    ))
    .bind(id)
    .bind(kind)
    .bind(grantee_id)
    .bind(level.code())
    .execute(&mut *tx)
    .await?;
    tx.collection_changed(T::KIND, id).await?;
    tx.commit().await
}

pub async fn revoke<T: Collection>(
    db: &Db,
    actor: &Actor,
    id: &str,
    grantee: &Grantee,
) -> DomainResult<()> {
    sharer::<T>(db, actor, id).await?;
    let ShareTable { table, column } = T::SHARES;
    let mut tx = db.write().await?;
    let (kind, grantee_id) = grantee.key();
    sqlx::query(&format!(
        "DELETE FROM {table} WHERE {column} = $1 AND grantee_kind = $2 AND grantee_id = $3"
    ))
    .bind(id)
    .bind(kind)
    .bind(grantee_id)
    .execute(&mut *tx)
    .await?;
    tx.collection_changed(T::KIND, id).await?;
    tx.commit().await
}

/// Removes every share made to `grantee`, of every kind of collection, inside the caller's
/// transaction (a team being deleted: a later team must not inherit its shares).
pub async fn forget(conn: &mut AnyConnection, grantee: &Grantee) -> DomainResult<()> {
    let (kind, grantee_id) = grantee.key();
    for ShareTable { table, .. } in ALL_SHARES {
        sqlx::query(&format!(
            "DELETE FROM {table} WHERE grantee_kind = $1 AND grantee_id = $2"
        ))
        .bind(kind)
        .bind(grantee_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}
