//! Calendar REST routes: calendars, expanded events in a range, event writes, .ics import and
//! export. Routes that name only a calendar or an event find its organization first and then
//! act as the caller's member there, so another organization's ids are 404.

use super::{ApiError, ApiJson, ApiQuery, Authed, CalendarId, Created, EventId, InOrg, On};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use domain::calendar::transfer::MAX_IMPORT_BYTES;
use domain::calendar::{self, CalendarView, EventInput, Occurrence, Scope};
use domain::clock::now;
use domain::collections::{self, CollectionKind};
use domain::import::{ImportSummary, ImportTarget};
use domain::org::Actor;
use serde::{Deserialize, Serialize};

#[utoipa::path(get, path = "/api/v1/orgs/{org}/calendars", tag = "calendar", params(("org" = String, Path)),
    responses((status = 200, body = [CalendarView]), (status = 404, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
) -> Result<Json<Vec<CalendarView>>, ApiError> {
    Ok(Json(
        calendar::calendars::list_calendars(&state.ctx.db, &actor, now()).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewCalendar {
    #[schema(min_length = 1, max_length = 100)]
    name: String,
    #[serde(default = "default_color")]
    color: String,
    /// A region code ("CH-VD", "FR", "DE", ...) for a public holidays calendar.
    #[serde(default)]
    holidays: Option<String>,
}

fn default_color() -> String {
    calendar::calendars::DEFAULT_COLOR.to_owned()
}

#[utoipa::path(post, path = "/api/v1/orgs/{org}/calendars", tag = "calendar", params(("org" = String, Path)),
    request_body = NewCalendar,
    responses((status = 201, body = Created), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    ApiJson(body): ApiJson<NewCalendar>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = calendar::calendars::create_calendar(
        &state.ctx.db,
        &actor,
        &body.name,
        &body.color,
        body.holidays.as_deref(),
        now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Range {
    /// First local day, "YYYY-MM-DD".
    #[param(pattern = r"^\d{4}-\d{2}-\d{2}$")]
    from: String,
    /// Day after the last, "YYYY-MM-DD".
    #[param(pattern = r"^\d{4}-\d{2}-\d{2}$")]
    to: String,
    /// IANA zone of the days and of the answer; the profile's zone when absent.
    tz: Option<String>,
}

/// Occurrences of one calendar in a range, series expanded, in the caller's zone.
#[utoipa::path(get, path = "/api/v1/calendars/{id}/events", tag = "calendar", params(("id" = String, Path), Range),
    responses((status = 200, body = [Occurrence]), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn events(
    State(state): State<AppState>,
    Authed(session): Authed,
    On { actor, id, .. }: On<CalendarId>,
    ApiQuery(range): ApiQuery<Range>,
) -> Result<Json<Vec<Occurrence>>, ApiError> {
    let tz = range
        .tz
        .unwrap_or_else(|| session.account.time_zone.clone());
    let all = calendar::events::occurrences_of(
        &state.ctx.db,
        &actor,
        &id,
        &tz,
        &range.from,
        &range.to,
        now(),
    )
    .await?;
    Ok(Json(all))
}

/// Creates an event in the calendar of the path.
#[utoipa::path(post, path = "/api/v1/calendars/{id}/events", tag = "calendar", params(("id" = String, Path)),
    request_body = EventInput,
    responses((status = 201, body = Created), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create_event(
    State(state): State<AppState>,
    On { actor, id, .. }: On<CalendarId>,
    ApiJson(mut body): ApiJson<EventInput>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    body.calendar_id = id;
    let id = calendar::events::create_event(&state.ctx.db, &actor, &body, now()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Which {
    /// The occurrence of a series (its `instance` from the events list).
    instance: Option<i64>,
    /// How far a change of an occurrence reaches: this, following or all (default).
    scope: Option<Scope>,
}

#[utoipa::path(put, path = "/api/v1/events/{id}", tag = "calendar", params(("id" = String, Path), Which),
    request_body = EventInput,
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn update_event(
    State(state): State<AppState>,
    On { actor, id, .. }: On<EventId>,
    ApiQuery(which): ApiQuery<Which>,
    ApiJson(body): ApiJson<EventInput>,
) -> Result<StatusCode, ApiError> {
    let scope = which.scope.unwrap_or(Scope::All);
    calendar::events::update_event(
        &state.ctx.db,
        &actor,
        &id,
        which.instance,
        scope,
        &body,
        now(),
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[utoipa::path(delete, path = "/api/v1/events/{id}", tag = "calendar", params(("id" = String, Path), Which),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn delete_event(
    State(state): State<AppState>,
    On { actor, id, .. }: On<EventId>,
    ApiQuery(which): ApiQuery<Which>,
) -> Result<StatusCode, ApiError> {
    let scope = which.scope.unwrap_or(Scope::All);
    calendar::events::delete_event(&state.ctx.db, &actor, &id, which.instance, scope, now())
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Imports an .ics body (at most 10 MB and 10,000 components) into the calendar: all or nothing.
#[utoipa::path(post, path = "/api/v1/calendars/{id}/import", tag = "calendar", params(("id" = String, Path)),
    request_body(content = String, content_type = "text/calendar"),
    responses((status = 200, body = ImportSummary), (status = 403, body = super::ErrorBody), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    On { actor, id, .. }: On<CalendarId>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ImportSummary>, ApiError> {
    import_into(&state, &actor, ImportTarget::Existing(id), body).await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NewTarget {
    /// The new calendar's name.
    name: String,
    /// `#rrggbb`; the default colour when absent.
    color: Option<String>,
}

/// Imports an .ics body into a new calendar, created in the same transaction: a refused file
/// leaves no empty calendar behind.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/calendars/import", tag = "calendar", params(("org" = String, Path), NewTarget),
    request_body(content = String, content_type = "text/calendar"),
    responses((status = 200, body = ImportSummary), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn import_new(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    ApiQuery(target): ApiQuery<NewTarget>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ImportSummary>, ApiError> {
    let target = ImportTarget::New {
        name: target.name,
        color: target.color,
    };
    import_into(&state, &actor, target, body).await
}

/// A body over the route's limit is refused with the domain's own message naming the limit.
async fn import_into(
    state: &AppState,
    actor: &Actor,
    target: ImportTarget,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ImportSummary>, ApiError> {
    let body = body.map_err(|_| calendar::transfer::too_large())?;
    let summary =
        calendar::transfer::import_ics(&state.ctx.db, actor, &target, body.to_vec(), now());
    Ok(Json(summary.await?))
}

/// The body limit of the import route: a little over the domain's limit, so the domain's own
/// message answers files just over it.
pub const IMPORT_BODY_LIMIT: usize = MAX_IMPORT_BYTES + 64 * 1024;

fn ics_response(name: &str, text: String) -> Response {
    super::file_response(name, "ics", "text/calendar; charset=utf-8", text)
}

#[utoipa::path(get, path = "/api/v1/calendars/{id}/export", tag = "calendar", params(("id" = String, Path)),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = super::ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    On { actor, id, .. }: On<CalendarId>,
) -> Result<Response, ApiError> {
    let (name, text) =
        calendar::transfer::export_ics(&state.ctx.db, &actor, &id, &state.ctx.mail.base_url)
            .await?;
    Ok(ics_response(&name, text))
}

/// The public read-only feed: `/ical/{token}.ics`, no session.
#[utoipa::path(get, path = "/ical/{file}", tag = "calendar", security(()),
    params(("file" = String, Path, description = "The feed's token, then `.ics`")),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = super::ErrorBody)))]
pub async fn public_feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    let token = file.strip_suffix(".ics").unwrap_or(&file);
    let (name, text) = calendar::transfer::public_feed(&state.ctx.db, token).await?;
    Ok(ics_response(&name, text))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ShareBody {
    grantee: calendar::Grantee,
    level: calendar::ShareLevel,
}

/// Shares the calendar with a member or the organization (externals never get org-wide shares).
#[utoipa::path(put, path = "/api/v1/calendars/{id}/shares", tag = "calendar", params(("id" = String, Path)),
    request_body = ShareBody,
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn share(
    State(state): State<AppState>,
    On { actor, id, .. }: On<CalendarId>,
    ApiJson(body): ApiJson<ShareBody>,
) -> Result<StatusCode, ApiError> {
    collections::share(
        &state.ctx.db,
        &actor,
        CollectionKind::Calendar,
        &id,
        &body.grantee,
        body.level,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PublicBody {
    enabled: bool,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct PublicLink {
    /// `/ical/{token}.ics`, or none when the link is off.
    path: Option<String>,
}

/// Turns the public read-only link on (a new token each time) or off.
#[utoipa::path(put, path = "/api/v1/calendars/{id}/public", tag = "calendar", params(("id" = String, Path)),
    request_body = PublicBody,
    responses((status = 200, body = PublicLink), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn public_link(
    State(state): State<AppState>,
    On { actor, id, .. }: On<CalendarId>,
    ApiJson(body): ApiJson<PublicBody>,
) -> Result<Json<PublicLink>, ApiError> {
    let token =
        calendar::calendars::set_public_link(&state.ctx.db, &actor, &id, body.enabled).await?;
    Ok(Json(PublicLink {
        path: token.map(|t| format!("/ical/{t}.ics")),
    }))
}
