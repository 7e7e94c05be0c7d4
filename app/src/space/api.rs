//! What apps and the frame read of the organization shown: its members and its teams.

use crate::error::AppError;
use domain::views::{MemberView, TeamView};
use leptos::prelude::*;

#[server(prefix = "/fn", endpoint = "team")]
pub async fn team(org: String) -> Result<Vec<MemberView>, AppError> {
    use crate::context::{server, session};
    let ctx = server()?;
    let current = session()?;
    Ok(domain::org::members(&ctx.db, current.account_id(), &org).await?)
}

#[server(prefix = "/fn", endpoint = "org_teams")]
pub async fn org_teams(org: String) -> Result<Vec<TeamView>, AppError> {
    let (ctx, actor, _) = crate::context::member_of(&org).await?;
    Ok(domain::org::teams::list_teams(&ctx.db, &actor).await?)
}
