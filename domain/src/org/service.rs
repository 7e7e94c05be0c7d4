//! Organization queries and member management. Every function that acts inside an organization
//! checks that the caller is a member first: through an `Actor`, which exists only for a member,
//! or (for the read-only lists) from the rows it reads. Anyone else gets `NotFound`.

use super::{rules, Access, Product, ProductAccess, Role};
use crate::error::{DomainError, DomainResult};
use crate::presence::PresenceStatus;
use crate::store::Db;
use crate::views::{MemberView, OrgView};
use sqlx::{AnyConnection, Row};
use std::collections::HashSet;

/// Who is acting, in which organization, with which rights. Only `actor()` makes one, after
/// checking the membership, so holding an `Actor` proves the account belongs to `org_id`.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    pub account_id: String,
    pub org_id: String,
    pub role: Role,
    pub products: Vec<ProductAccess>,
}

impl Actor {
    pub fn can(&self, product: Product, access: Access) -> bool {
        rules::allows(&self.products, product, access)
    }
}

/// The account acting in `org_id`. Not a member: `NotFound`, so a foreign organization's id is
/// indistinguishable from one that does not exist.
pub async fn actor(db: &Db, account_id: &str, org_id: &str) -> DomainResult<Actor> {
    // One row per product right (or one row with NULLs when there is none).
    let rows = sqlx::query(
        "SELECT m.role, COALESCE(p.product, '') AS product, COALESCE(p.access, '') AS access
         FROM memberships m
         LEFT JOIN product_access p ON p.org_id = m.org_id AND p.account_id = m.account_id
         WHERE m.org_id = $1 AND m.account_id = $2",
    )
    .bind(org_id)
    .bind(account_id)
    .fetch_all(db.pool())
    .await?;
    let first = rows.first().ok_or(DomainError::NotFound)?;
    let role = parse_role(first.try_get("role")?)?;
    let mut products = Vec::with_capacity(rows.len());
    for row in &rows {
        products.extend(parse_access(row)?);
    }
    products.sort_by_key(|p| p.product);
    Ok(Actor {
        account_id: account_id.to_owned(),
        org_id: org_id.to_owned(),
        role,
        products,
    })
}

/// The member acting in the organization that `org_sql` (one `org_id` column, `$1` the id)
/// finds for an object named by id alone, as REST routes name them. An unknown object, or one
/// of an organization the account is not in, is `NotFound`.
pub async fn actor_in_org_of(
    db: &Db,
    account_id: &str,
    org_sql: &str,
    id: &str,
) -> DomainResult<Actor> {
    let row: Option<(String,)> = sqlx::query_as(org_sql)
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    let (org,) = row.ok_or(DomainError::NotFound)?;
    actor(db, account_id, &org).await
}

/// The account's organizations: the personal space first, then by name.
pub async fn list_orgs(db: &Db, account_id: &str) -> DomainResult<Vec<OrgView>> {
    let rows = sqlx::query(
        "SELECT o.id, o.name, COALESCE(o.personal_owner, '') AS personal_owner, m.role, COALESCE(p.product, '') AS product, COALESCE(p.access, '') AS access FROM memberships m
         JOIN organizations o ON o.id = m.org_id
         LEFT JOIN product_access p ON p.org_id = m.org_id AND p.account_id = m.account_id
         WHERE m.account_id = $1 ORDER BY o.id",
    )
    .bind(account_id)
    .fetch_all(db.pool())
    .await?;
    let mut orgs: Vec<OrgView> = Vec::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        if orgs.last().is_none_or(|o| o.id != id) {
            let owner: &str = row.try_get("personal_owner")?;
            orgs.push(OrgView {
                name: row.try_get("name")?,
                personal: owner == account_id,
                role: parse_role(row.try_get("role")?)?,
                products: Vec::new(),
                id,
            });
        }
        if let (Some(org), Some(access)) = (orgs.last_mut(), parse_access(row)?) {
            org.products.push(access);
        }
    }
    for org in &mut orgs {
        org.products.sort_by_key(|p| p.product);
    }
    orgs.sort_by(|a, b| {
        b.personal
            .cmp(&a.personal)
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(orgs)
}

/// One of the account's organizations; another organization is `NotFound`.
pub async fn org_view(db: &Db, account_id: &str, org_id: &str) -> DomainResult<OrgView> {
    list_orgs(db, account_id)
        .await?
        .into_iter()
        .find(|o| o.id == org_id)
        .ok_or(DomainError::NotFound)
}

/// The ids of every organization the account belongs to.
pub async fn org_ids(db: &Db, account_id: &str) -> DomainResult<HashSet<String>> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT org_id FROM memberships WHERE account_id = $1")
            .bind(account_id)
            .fetch_all(db.pool())
            .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The organization's members with their effective presence, by name. Only a member may list
/// them: for anyone else the organization is `NotFound`. (The membership check reads the same
/// rows, which saves a query on the Home page.)
///
/// Those who manage the organization see every member whole. Everyone else sees what the
/// directory shows (guests and hidden members left out) and of them only names and presence;
/// a guest sees only themselves.
pub async fn members(db: &Db, account_id: &str, org_id: &str) -> DomainResult<Vec<MemberView>> {
    let rows = sqlx::query(
        "SELECT a.id, a.name, a.email, a.presence, a.presence_message, m.role, m.in_directory, COALESCE(p.product, '') AS product, COALESCE(p.access, '') AS access
         FROM memberships m
         JOIN accounts a ON a.id = m.account_id
         LEFT JOIN product_access p ON p.org_id = m.org_id AND p.account_id = m.account_id
         WHERE m.org_id = $1 ORDER BY a.name, a.id",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    let mut members: Vec<MemberView> = Vec::new();
    for row in &rows {
        let account_id: String = row.try_get("id")?;
        if members.last().is_none_or(|m| m.account_id != account_id) {
            let chosen = PresenceStatus::from_code(row.try_get("presence")?).unwrap_or_default();
            let role = parse_role(row.try_get("role")?)?;
            members.push(MemberView {
                presence: chosen.effective(db.live().is_online(&account_id)),
                name: row.try_get("name")?,
                email: row.try_get("email")?,
                role: Some(role),
                presence_message: row.try_get("presence_message")?,
                // Guests are never listed, whatever the column says (see contacts::directory).
                in_directory: role != Role::External && row.try_get::<i64, _>("in_directory")? != 0,
                products: Vec::new(),
                account_id,
            });
        }
        if let (Some(member), Some(access)) = (members.last_mut(), parse_access(row)?) {
            member.products.push(access);
        }
    }
    let viewer = members
        .iter()
        .find(|m| m.account_id == account_id)
        .ok_or(DomainError::NotFound)?;
    let manages = viewer
        .role
        .is_some_and(|role| rules::sees_all_members(role, &viewer.products));
    if !manages {
        let guest = viewer.role == Some(Role::External);
        members.retain(|m| m.account_id == account_id || (m.in_directory && !guest));
        for member in &mut members {
            member.email.clear();
            member.role = None;
            member.products.clear();
        }
    }
    for member in &mut members {
        member.products.sort_by_key(|p| p.product);
    }
    Ok(members)
}

/// The members of its organization the actor may see (see `members`): `None` for all.
pub async fn visible_members(db: &Db, actor: &Actor) -> DomainResult<Option<HashSet<String>>> {
    if rules::sees_all_members(actor.role, &actor.products) {
        return Ok(None);
    }
    let mut seen = HashSet::from([actor.account_id.clone()]);
    if actor.role != Role::External {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT account_id FROM memberships WHERE org_id = $1 AND in_directory = 1 AND role <> $2",
        )
        .bind(&actor.org_id)
        .bind(Role::External.code())
        .fetch_all(db.pool())
        .await?;
        seen.extend(rows.into_iter().map(|(id,)| id));
    }
    Ok(Some(seen))
}

/// Every account whose presence the account may follow: in each of its organizations, the
/// members it may see (see `visible_members`).
pub async fn visible_accounts(db: &Db, account_id: &str) -> DomainResult<HashSet<String>> {
    let mut seen = HashSet::from([account_id.to_owned()]);
    for org_id in org_ids(db, account_id).await? {
        let viewer = actor(db, account_id, &org_id).await?;
        match visible_members(db, &viewer).await? {
            Some(some) => seen.extend(some),
            None => {
                let rows: Vec<(String,)> =
                    sqlx::query_as("SELECT account_id FROM memberships WHERE org_id = $1")
                        .bind(&org_id)
                        .fetch_all(db.pool())
                        .await?;
                seen.extend(rows.into_iter().map(|(id,)| id));
            }
        }
    }
    Ok(seen)
}

/// Gives a member a new role (and that role's default product rights).
pub async fn change_role(db: &Db, actor: &Actor, target: &str, role: Role) -> DomainResult<()> {
    let mut tx = db.write().await?;
    lock_org(&mut tx, &actor.org_id).await?;
    let actor_role = member_role(&mut tx, &actor.org_id, &actor.account_id).await?;
    let current = member_role(&mut tx, &actor.org_id, target).await?;
    let legal = count_legal_representatives(&mut tx, &actor.org_id).await?;
    rules::check_role_change(actor_role, current, role, legal)?;
    sqlx::query("UPDATE memberships SET role = $1 WHERE org_id = $2 AND account_id = $3")
        .bind(role.code())
        .bind(&actor.org_id)
        .bind(target)
        .execute(&mut *tx)
        .await?;
    set_rights(&mut tx, &actor.org_id, target, &rules::default_rights(role)).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a member; an actor removing themself leaves the organization.
pub async fn remove_member(db: &Db, actor: &Actor, target: &str) -> DomainResult<()> {
    let mut tx = db.write().await?;
    lock_org(&mut tx, &actor.org_id).await?;
    let actor_role = member_role(&mut tx, &actor.org_id, &actor.account_id).await?;
    let current = member_role(&mut tx, &actor.org_id, target).await?;
    let legal = count_legal_representatives(&mut tx, &actor.org_id).await?;
    rules::check_removal(actor_role, current, target == actor.account_id, legal)?;
    sqlx::query("DELETE FROM memberships WHERE org_id = $1 AND account_id = $2")
        .bind(&actor.org_id)
        .bind(target)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Serializes membership changes of one organization until the transaction ends, so two
/// concurrent changes cannot both count two legal representatives and leave none, and the
/// actor's own role is read again under the lock (a member removed meanwhile cannot act). A write to the
/// organization's row is the lock on both backends (a row lock on PostgreSQL, the write lock on
/// SQLite), and being the transaction's first statement, SQLite never has to upgrade a read lock.
async fn lock_org(conn: &mut AnyConnection, org_id: &str) -> DomainResult<()> {
    sqlx::query("UPDATE organizations SET name = name WHERE id = $1")
        .bind(org_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(crate) async fn insert_org(
    conn: &mut AnyConnection,
    id: &str,
    name: &str,
    personal_owner: Option<&str>,
    now: i64,
) -> DomainResult<()> {
    sqlx::query(
        "INSERT INTO organizations (id, name, personal_owner, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(id)
    .bind(name)
    .bind(personal_owner)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

pub(crate) async fn insert_membership(
    conn: &mut AnyConnection,
    org_id: &str,
    account_id: &str,
    role: Role,
    rights: &[ProductAccess],
    now: i64,
) -> DomainResult<()> {
    sqlx::query(
        "INSERT INTO memberships (org_id, account_id, role, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(org_id)
    .bind(account_id)
    .bind(role.code())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    set_rights(conn, org_id, account_id, rights).await
}

async fn set_rights(
    conn: &mut AnyConnection,
    org_id: &str,
    account_id: &str,
    rights: &[ProductAccess],
) -> DomainResult<()> {
    sqlx::query("DELETE FROM product_access WHERE org_id = $1 AND account_id = $2")
        .bind(org_id)
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    for right in rights {
        sqlx::query("INSERT INTO product_access (org_id, account_id, product, access) VALUES ($1, $2, $3, $4)")
            .bind(org_id)
            .bind(account_id)
            .bind(right.product.code())
            .bind(right.access.code())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

async fn member_role(
    conn: &mut AnyConnection,
    org_id: &str,
    account_id: &str,
) -> DomainResult<Role> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT role FROM memberships WHERE org_id = $1 AND account_id = $2")
            .bind(org_id)
            .bind(account_id)
            .fetch_optional(&mut *conn)
            .await?;
    parse_role(&row.ok_or(DomainError::NotFound)?.0)
}

async fn count_legal_representatives(
    conn: &mut AnyConnection,
    org_id: &str,
) -> DomainResult<usize> {
    let (n,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND role = $2")
            .bind(org_id)
            .bind(Role::LegalRepresentative.code())
            .fetch_one(&mut *conn)
            .await?;
    Ok(n as usize)
}

fn parse_role(code: &str) -> DomainResult<Role> {
    Role::from_code(code).ok_or_else(|| {
        tracing::error!(code, "unknown role in the database");
        DomainError::Internal
    })
}

/// A row's product right; `None` for a LEFT JOIN without one, or for a product or access this
/// version does not know (skipped rather than fatal).
fn parse_access(row: &sqlx::any::AnyRow) -> DomainResult<Option<ProductAccess>> {
    let product = Product::from_code(row.try_get("product")?);
    let access = Access::from_code(row.try_get("access")?);
    Ok(product
        .zip(access)
        .map(|(product, access)| ProductAccess { product, access }))
}
