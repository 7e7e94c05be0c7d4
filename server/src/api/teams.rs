//! The organization's teams: every member lists them, administrators change them.

use super::{ApiError, ApiJson, Created, InOrg};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use domain::clock::now;
use domain::org::teams;
use domain::views::TeamView;
use serde::Deserialize;

#[utoipa::path(get, path = "/api/v1/orgs/{org}/teams", tag = "orgs", params(("org" = String, Path)),
    responses((status = 200, body = [TeamView]), (status = 404, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
) -> Result<Json<Vec<TeamView>>, ApiError> {
    Ok(Json(teams::list_teams(&state.ctx.db, &actor).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TeamName {
    #[schema(min_length = 1, max_length = 100)]
    name: String,
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/teams", tag = "orgs", params(("org" = String, Path)),
    request_body = TeamName,
    responses((status = 201, body = Created), (status = 403, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    ApiJson(body): ApiJson<TeamName>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = teams::create_team(&state.ctx.db, &actor, &body.name, now()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[utoipa::path(patch, path = "/api/v1/orgs/{org}/teams/{team}", tag = "orgs",
    params(("org" = String, Path), ("team" = String, Path)), request_body = TeamName,
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn rename(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    Path((_org, team)): Path<(String, String)>,
    ApiJson(body): ApiJson<TeamName>,
) -> Result<StatusCode, ApiError> {
    teams::rename_team(&state.ctx.db, &actor, &team, &body.name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes the team and the shares made to it.
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/teams/{team}", tag = "orgs",
    params(("org" = String, Path), ("team" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn delete(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    Path((_org, team)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    teams::delete_team(&state.ctx.db, &actor, &team).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(put, path = "/api/v1/orgs/{org}/teams/{team}/members/{account}", tag = "orgs",
    params(("org" = String, Path), ("team" = String, Path), ("account" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_member(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    Path((_org, team, account)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    teams::add_team_member(&state.ctx.db, &actor, &team, &account).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/orgs/{org}/teams/{team}/members/{account}", tag = "orgs",
    params(("org" = String, Path), ("team" = String, Path), ("account" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    Path((_org, team, account)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    teams::remove_team_member(&state.ctx.db, &actor, &team, &account).await?;
    Ok(StatusCode::NO_CONTENT)
}
