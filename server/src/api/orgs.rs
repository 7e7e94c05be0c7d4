use super::{ApiError, ApiJson, Authed, InOrg};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use domain::org::Role;
use domain::views::{MemberView, OrgView};
use serde::Deserialize;

/// The signed-in account's organizations, the personal space first.
#[utoipa::path(get, path = "/api/v1/orgs", tag = "orgs",
    responses((status = 200, body = [OrgView]), (status = 401, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    Authed(session): Authed,
) -> Result<Json<Vec<OrgView>>, ApiError> {
    Ok(Json(
        domain::org::list_orgs(&state.ctx.db, session.account_id()).await?,
    ))
}

/// One organization of the signed-in account; another organization's id is 404.
#[utoipa::path(get, path = "/api/v1/orgs/{org}", tag = "orgs", params(("org" = String, Path)),
    responses((status = 200, body = OrgView), (status = 404, body = super::ErrorBody)))]
pub async fn show(
    State(state): State<AppState>,
    Authed(session): Authed,
    Path(org): Path<String>,
) -> Result<Json<OrgView>, ApiError> {
    Ok(Json(
        domain::org::org_view(&state.ctx.db, session.account_id(), &org).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/orgs/{org}/members", tag = "orgs", params(("org" = String, Path)),
    responses((status = 200, body = [MemberView]), (status = 404, body = super::ErrorBody)))]
pub async fn members(
    State(state): State<AppState>,
    Authed(session): Authed,
    Path(org): Path<String>,
) -> Result<Json<Vec<MemberView>>, ApiError> {
    Ok(Json(
        domain::org::members(&state.ctx.db, session.account_id(), &org).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RoleBody {
    role: Role,
}

/// Changes a member's role. Only a legal representative names another; the last one stays.
#[utoipa::path(patch, path = "/api/v1/orgs/{org}/members/{account}", tag = "orgs", request_body = RoleBody,
    params(("org" = String, Path), ("account" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody)))]
pub async fn change_role(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    Path((_org, account)): Path<(String, String)>,
    ApiJson(body): ApiJson<RoleBody>,
) -> Result<StatusCode, ApiError> {
    domain::org::change_role(&state.ctx.db, &actor, &account, body.role).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Removes a member; removing yourself leaves the organization.
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/members/{account}", tag = "orgs",
    params(("org" = String, Path), ("account" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 409, body = super::ErrorBody)))]
pub async fn remove_member(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    Path((_org, account)): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    domain::org::remove_member(&state.ctx.db, &actor, &account).await?;
    Ok(StatusCode::NO_CONTENT)
}
