//! Teams: named groups of an organization's members that calendars (and address books) are
//! shared with. Every member sees the teams (to pick one in a share dialog); administrators make,
//! rename and delete them and choose their members.

use super::team_rows::require_team;
use super::Actor;
use crate::auth::validate::normalize_name;
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::ids::new_id;
use crate::reason::Reason;
use crate::store::Db;
use crate::views::{TeamMemberView, TeamView};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, Row};

/// Teams one organization may hold.
pub const MAX_TEAMS: i64 = 500;

fn require_admin(actor: &Actor) -> DomainResult<()> {
    if actor.role.is_administrator() {
        Ok(())
    } else {
        Err(DomainError::forbidden("only administrators manage teams"))
    }
}

/// The organization's teams by name, each with its members by name: those the actor may see
/// (see `org::members`).
pub async fn list_teams(db: &Db, actor: &Actor) -> DomainResult<Vec<TeamView>> {
    let visible = super::visible_members(db, actor).await?;
    let rows = sqlx::query(
        "SELECT t.id, t.name, COALESCE(a.id, '') AS account_id, COALESCE(a.name, '') AS member_name
         FROM teams t
         LEFT JOIN team_members m ON m.team_id = t.id
         LEFT JOIN accounts a ON a.id = m.account_id
         WHERE t.org_id = $1 ORDER BY t.name_key, t.id, a.name, a.id",
    )
    .bind(&actor.org_id)
    .fetch_all(db.pool())
    .await?;
    let mut teams: Vec<TeamView> = Vec::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        if teams.last().is_none_or(|t| t.id != id) {
            teams.push(TeamView {
                name: row.try_get("name")?,
                members: Vec::new(),
                id,
            });
        }
        let account_id: String = row.try_get("account_id")?;
        let hidden = visible.as_ref().is_some_and(|v| !v.contains(&account_id));
        if let (Some(team), false) = (teams.last_mut(), account_id.is_empty() || hidden) {
            team.members.push(TeamMemberView {
                name: row.try_get("member_name")?,
                account_id,
            });
        }
    }
    Ok(teams)
}

/// A new team without members; returns its id.
pub async fn create_team(db: &Db, actor: &Actor, name: &str, now: i64) -> DomainResult<String> {
    require_admin(actor)?;
    let name = normalize_name(name)?;
    let mut tx = db.write().await?;
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM teams WHERE org_id = $1")
        .bind(&actor.org_id)
        .fetch_one(&mut *tx)
        .await?;
    if count >= MAX_TEAMS {
        return Err(DomainError::limit(LimitKind::Teams, MAX_TEAMS as u64));
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO teams (id, org_id, name, name_key, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&actor.org_id)
    .bind(&name)
    .bind(name.to_lowercase())
    .bind(now)
    .execute(&mut *tx)
    .await
    .map_err(name_taken)?;
    tx.commit().await?;
    Ok(id)
}

pub async fn rename_team(db: &Db, actor: &Actor, team_id: &str, name: &str) -> DomainResult<()> {
    require_admin(actor)?;
    let name = normalize_name(name)?;
    let done =
        sqlx::query("UPDATE teams SET name = $3, name_key = $4 WHERE id = $1 AND org_id = $2")
            .bind(team_id)
            .bind(&actor.org_id)
            .bind(&name)
            .bind(name.to_lowercase())
            .execute(db.pool())
            .await
            .map_err(name_taken)?;
    found(done.rows_affected())
}

/// Deletes the team and every share made to it, so a later team cannot inherit them.
pub async fn delete_team(db: &Db, actor: &Actor, team_id: &str) -> DomainResult<()> {
    require_admin(actor)?;
    let mut tx = db.write().await?;
    let done = sqlx::query("DELETE FROM teams WHERE id = $1 AND org_id = $2")
        .bind(team_id)
        .bind(&actor.org_id)
        .execute(&mut *tx)
        .await?;
    found(done.rows_affected())?;
    crate::sharing::shares::forget(&mut tx, &crate::sharing::Grantee::Team(team_id.to_owned()))
        .await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a member of the organization to the team (again is a no-op).
pub async fn add_team_member(
    db: &Db,
    actor: &Actor,
    team_id: &str,
    account_id: &str,
) -> DomainResult<()> {
    let mut conn = managed_team(db, actor, team_id).await?;
    // Selecting from memberships keeps non-members out without a second round trip.
    let done = sqlx::query(
        "INSERT INTO team_members (team_id, org_id, account_id)
         SELECT $1, m.org_id, m.account_id FROM memberships m WHERE m.org_id = $2 AND m.account_id = $3
         ON CONFLICT (team_id, account_id) DO NOTHING",
    )
    .bind(team_id)
    .bind(&actor.org_id)
    .bind(account_id)
    .execute(&mut *conn)
    .await?;
    if done.rows_affected() == 0 && !is_member(&mut conn, team_id, account_id).await? {
        return Err(DomainError::invalid("account", Reason::GranteeNotMember));
    }
    Ok(())
}

pub async fn remove_team_member(
    db: &Db,
    actor: &Actor,
    team_id: &str,
    account_id: &str,
) -> DomainResult<()> {
    let mut conn = managed_team(db, actor, team_id).await?;
    sqlx::query("DELETE FROM team_members WHERE team_id = $1 AND account_id = $2")
        .bind(team_id)
        .bind(account_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A connection to change the members of a team of the actor's organization, for an administrator.
async fn managed_team(db: &Db, actor: &Actor, team_id: &str) -> DomainResult<PoolConnection<Any>> {
    require_admin(actor)?;
    let mut conn = db.pool().acquire().await?;
    require_team(&mut conn, &actor.org_id, team_id).await?;
    Ok(conn)
}

async fn is_member(
    conn: &mut AnyConnection,
    team_id: &str,
    account_id: &str,
) -> DomainResult<bool> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT account_id FROM team_members WHERE team_id = $1 AND account_id = $2",
    )
    .bind(team_id)
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.is_some())
}

fn found(rows: u64) -> DomainResult<()> {
    if rows == 0 {
        Err(DomainError::NotFound)
    } else {
        Ok(())
    }
}

fn name_taken(err: sqlx::Error) -> DomainError {
    match DomainError::from(err) {
        DomainError::Conflict(_) => DomainError::invalid("name", Reason::TeamNameTaken),
        other => other,
    }
}
