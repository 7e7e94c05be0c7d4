//! Files attached to events and to messages being written: upload (streamed to the blob store
//! as it arrives), and for events list, download (with range requests), removal, and what the
//! organization's files take.

use super::{ApiError, ApiQuery, AttachmentId, EventId, InOrg, On};
use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Json;
use domain::blobs::Staged;
use domain::calendar::attachments::{self, Upload};
use domain::clock::now;
use domain::mail::uploads;
use domain::views::{AttachmentView, StorageUsage};
use futures::StreamExt;
use http::header::{
    CONTENT_DISPOSITION, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, CONTENT_TYPE, LAST_MODIFIED,
};
use http::{HeaderMap, HeaderValue};
use serde::Deserialize;
use tower::ServiceExt;
use tower_http::services::ServeFile;

/// How long an upload may take: 25 MB at 100 KB/s.
pub const UPLOAD_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(300);

/// Uploads received at once; more wait their turn (within the timeout), so a flood of them
/// cannot hold every file handle or fill the disk faster than the collector empties it.
pub const UPLOADS_AT_ONCE: usize = 32;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FileName {
    /// The file's name as the member's device knows it.
    name: String,
}

/// Attaches the body to the event as a file (at most 25 MB, 20 files per event); its
/// `Content-Type` is kept as the file's type. The organization's storage quota applies.
#[utoipa::path(post, path = "/api/v1/events/{id}/attachments", tag = "calendar", params(("id" = String, Path), FileName),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = AttachmentView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody)))]
pub async fn upload(
    State(state): State<AppState>,
    On { actor, id, .. }: On<EventId>,
    ApiQuery(file): ApiQuery<FileName>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<AttachmentView>), ApiError> {
    let ctx = &state.ctx;
    let mut upload = Upload::start(&ctx.db, &ctx.blobs, &actor, &id, declared(&headers)).await?;
    receive(body, upload.file()).await?;
    let attachment = upload
        .finish(&file.name, media_type(&headers), now())
        .await?;
    Ok((StatusCode::CREATED, Json(attachment)))
}

/// Keeps the body as a file to attach to a message being written: at most 25 MB, with the
/// message's other files; its `Content-Type` is kept as the file's type. It is the sender's
/// alone, counts against the organization's storage quota, and is forgotten after a day unless
/// a message holds it.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/mail-uploads", tag = "mail", params(("org" = String, Path), FileName),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = AttachmentView), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody)))]
pub async fn mail_upload(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    ApiQuery(file): ApiQuery<FileName>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<AttachmentView>), ApiError> {
    let ctx = &state.ctx;
    let mut staged = uploads::receive(&ctx.db, &ctx.blobs, &actor, declared(&headers)).await?;
    receive(body, &mut staged).await?;
    let kept = uploads::keep(
        &ctx.db,
        &actor,
        staged,
        &file.name,
        media_type(&headers),
        now(),
    );
    Ok((StatusCode::CREATED, Json(kept.await?)))
}

/// The size the request announced.
fn declared(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
}

/// The file's type as the request sent it (cleaned when kept).
fn media_type(headers: &HeaderMap) -> &str {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
}

/// Writes the body into `file` as it arrives; over the file's limit, it stops there.
async fn receive(body: Body, file: &mut Staged) -> Result<(), ApiError> {
    let mut parts = body.into_data_stream();
    while let Some(part) = parts.next().await {
        // The sender went away: what came so far is removed with `file`.
        let part = part.map_err(|err| ApiError::BadRequest {
            status: StatusCode::BAD_REQUEST,
            message: format!("the file did not arrive whole: {err}"),
        })?;
        file.write(&part).await?;
    }
    Ok(())
}

/// The event's files, oldest first.
#[utoipa::path(get, path = "/api/v1/events/{id}/attachments", tag = "calendar", params(("id" = String, Path)),
    responses((status = 200, body = [AttachmentView]), (status = 404, body = super::ErrorBody)))]
pub async fn list(
    State(state): State<AppState>,
    On { actor, id, .. }: On<EventId>,
) -> Result<Json<Vec<AttachmentView>>, ApiError> {
    let db = &state.ctx.db;
    Ok(Json(attachments::list(db, &actor, &id).await?))
}

/// The file, for whoever can see its event (404 for anyone else). Images, PDF and plain text
/// open in the browser; anything else downloads.
#[utoipa::path(get, path = "/api/v1/attachments/{id}", tag = "calendar", params(("id" = String, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 404, body = super::ErrorBody)))]
pub async fn download(
    State(state): State<AppState>,
    On { actor, id, .. }: On<AttachmentId>,
    req: Request,
) -> Result<Response, ApiError> {
    let db = &state.ctx.db;
    let (attachment, path) = attachments::open(db, &state.ctx.blobs, &actor, &id).await?;
    let served = match ServeFile::new(path).oneshot(req).await {
        Ok(served) => served,
        Err(never) => match never {},
    };
    if served.status() == StatusCode::NOT_FOUND {
        tracing::error!(attachment = %attachment.id, "attachment's file is missing");
        return Err(ApiError::Domain(domain::DomainError::NotFound));
    }
    let mut res = served.map(Body::new);
    let inline = domain::files::shown_inline(&attachment.media_type);
    let headers = res.headers_mut();
    // The file's time is when anyone, in any organization, last stored the same bytes.
    headers.remove(LAST_MODIFIED);
    if let Ok(kind) = HeaderValue::from_str(&attachment.media_type) {
        headers.insert(CONTENT_TYPE, kind);
    }
    if let Ok(disposition) =
        HeaderValue::from_str(&super::content_disposition(inline, &attachment.name))
    {
        headers.insert(CONTENT_DISPOSITION, disposition);
    }
    // Chrome's PDF viewer does not open in a sandboxed document; a PDF runs no script of ours.
    if attachment.media_type == "application/pdf" {
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        );
    }
    Ok(res)
}

/// Takes the file off its event.
#[utoipa::path(delete, path = "/api/v1/attachments/{id}", tag = "calendar", params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn remove(
    State(state): State<AppState>,
    On { actor, id, .. }: On<AttachmentId>,
) -> Result<StatusCode, ApiError> {
    let db = &state.ctx.db;
    attachments::remove(db, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// What the organization's files take and may take, in bytes.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/storage", tag = "orgs", params(("org" = String, Path)),
    responses((status = 200, body = StorageUsage), (status = 404, body = super::ErrorBody)))]
pub async fn storage(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
) -> Result<Json<StorageUsage>, ApiError> {
    Ok(Json(
        domain::blobs::storage_of(&state.ctx.db, &actor).await?,
    ))
}
