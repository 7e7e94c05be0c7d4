//! Mail REST routes: mailboxes and their folders, lists and searches, messages (read, stored,
//! acted on), files and sources, shares, and the organization's mail domains and addresses.
//! Routes that name a mailbox, a folder or a message find its organization first and act as
//! the caller's member there, so another organization's ids are 404.

use super::{content_disposition, ApiError, ApiJson, ApiQuery, Authed, Created, InOrg, On};
use super::{MailFolderId, MailboxId, MessageId};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::clock::now;
use domain::collections::{self, CollectionKind, Held};
use domain::mail::model::{
    FlagChange, FolderView, ListPage, ListQuery, MailDomainView, MailSort, MailboxView, MessageSet,
    MessageView, Moved,
};
use domain::mail::parse::MAX_MESSAGE_BYTES;
use domain::mail::{accounts, actions, addresses, domains, folders, list, messages, read};
use domain::sharing::{Grantee, ShareLevel};
use domain::DomainError;
use serde::{Deserialize, Serialize};

/// The body limit of the route that stores a message: a little over the largest message, so
/// the domain's own message names the limit.
pub const MESSAGE_BODY_LIMIT: usize = MAX_MESSAGE_BYTES + 64 * 1024;

/// The mailboxes the member sees: their own (made on the first call), then those shared
/// with them.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/mailboxes", tag = "mail", params(("org" = String, Path)),
    responses((status = 200, body = [MailboxView]), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn mailboxes(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
) -> Result<Json<Vec<MailboxView>>, ApiError> {
    Ok(Json(
        accounts::list_mailboxes(&state.ctx.db, &actor, now()).await?,
    ))
}

/// The mailbox's folders with their counts, as the folder list orders them.
#[utoipa::path(get, path = "/api/v1/mailboxes/{id}/folders", tag = "mail", params(("id" = String, Path)),
    responses((status = 200, body = [FolderView]), (status = 404, body = super::ErrorBody)))]
pub async fn folders(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
) -> Result<Json<Vec<FolderView>>, ApiError> {
    Ok(Json(
        folders::list_folders(&state.ctx.db, &actor, &id).await?,
    ))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewFolder {
    #[schema(min_length = 1, max_length = 100)]
    name: String,
    /// The folder it goes under; none for the top.
    #[serde(default)]
    parent_id: String,
}

#[utoipa::path(post, path = "/api/v1/mailboxes/{id}/folders", tag = "mail", params(("id" = String, Path)),
    request_body = NewFolder,
    responses((status = 201, body = Created), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create_folder(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
    ApiJson(body): ApiJson<NewFolder>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let db = &state.ctx.db;
    let id = folders::create_folder(db, &actor, &id, &body.parent_id, &body.name, now()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct FolderChange {
    /// A new name.
    name: Option<String>,
    /// A new place: a folder of the same mailbox, or "" for the top.
    parent_id: Option<String>,
}

/// Renames one of the member's folders, moves it (with those under it), or both.
#[utoipa::path(patch, path = "/api/v1/mail-folders/{id}", tag = "mail", params(("id" = String, Path)),
    request_body = FolderChange,
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn change_folder(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailFolderId>,
    ApiJson(body): ApiJson<FolderChange>,
) -> Result<StatusCode, ApiError> {
    let db = &state.ctx.db;
    if let Some(name) = &body.name {
        folders::rename_folder(db, &actor, &id, name).await?;
    }
    if let Some(parent) = &body.parent_id {
        folders::move_folder(db, &actor, &id, parent).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Deletes one of the member's folders with those under it; their messages go to the Trash.
#[utoipa::path(delete, path = "/api/v1/mail-folders/{id}", tag = "mail", params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn delete_folder(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailFolderId>,
) -> Result<StatusCode, ApiError> {
    folders::delete_folder(&state.ctx.db, &actor, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Stored {
    /// Store it as read.
    #[serde(default)]
    seen: bool,
}

/// Stores a message (RFC 5322, at most 75 MB) in the folder, as IMAP's APPEND does: for
/// scripts that import mail.
#[utoipa::path(post, path = "/api/v1/mail-folders/{id}/messages", tag = "mail", params(("id" = String, Path), Stored),
    request_body(content = String, content_type = "message/rfc822"),
    responses((status = 201, body = Created), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody)))]
pub async fn append(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailFolderId>,
    ApiQuery(options): ApiQuery<Stored>,
    body: Result<Bytes, BytesRejection>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let body = body.map_err(|_| {
        DomainError::limit(
            domain::LimitKind::MessageMegabytes,
            (MAX_MESSAGE_BYTES >> 20) as u64,
        )
    })?;
    let (db, blobs) = (&state.ctx.db, &state.ctx.blobs);
    let id = messages::append_message(db, blobs, &actor, &id, body.to_vec(), options.seen, now())
        .await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Window {
    /// The folder listed; a search without one looks in every folder but Spam and Trash.
    #[serde(default)]
    folder_id: String,
    #[serde(default)]
    #[param(inline)]
    sort: MailSort,
    #[serde(default)]
    ascending: bool,
    #[serde(default)]
    position: u32,
    /// A message whose position, plus `anchor_offset`, replaces `position`.
    anchor: Option<String>,
    #[serde(default)]
    anchor_offset: i32,
    /// At most 200.
    limit: u32,
    /// The search box's text: words and `from:` `to:` `subject:` `has:attachment` `is:unread`
    /// `is:starred` `before:` `after:` `in:`.
    #[serde(default)]
    search: String,
}

/// A window of a folder's list, or of a search, with the total and the mailbox's state.
#[utoipa::path(get, path = "/api/v1/mailboxes/{id}/messages", tag = "mail", params(("id" = String, Path), Window),
    responses((status = 200, body = ListPage), (status = 404, body = super::ErrorBody)))]
pub async fn messages(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
    ApiQuery(w): ApiQuery<Window>,
) -> Result<Json<ListPage>, ApiError> {
    let query = ListQuery {
        mailbox_id: id,
        folder_id: w.folder_id,
        sort: w.sort,
        ascending: w.ascending,
        position: w.position,
        anchor: w.anchor,
        anchor_offset: w.anchor_offset,
        limit: w.limit,
        search: w.search,
    };
    Ok(Json(
        list::list_messages(&state.ctx.db, &actor, &query).await?,
    ))
}

/// The message as the reading pane shows it (its HTML comes sanitised on its own route).
#[utoipa::path(get, path = "/api/v1/messages/{id}", tag = "mail", params(("id" = String, Path)),
    responses((status = 200, body = MessageView), (status = 404, body = super::ErrorBody)))]
pub async fn message(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MessageId>,
) -> Result<Json<MessageView>, ApiError> {
    let (db, blobs) = (&state.ctx.db, &state.ctx.blobs);
    Ok(Json(read::get_message(db, blobs, &actor, &id).await?))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct BodyOptions {
    /// Load the message's remote images too.
    #[serde(default)]
    images: bool,
}

/// How the body's page looks before the message's own styles.
const BODY_STYLE: &str = "body{margin:0;padding:12px;font:15px/1.5 system-ui,sans-serif;color:#1c1c1c;background:#fff;overflow-wrap:anywhere}img{max-width:100%;height:auto}table{max-width:100%}pre{white-space:pre-wrap}";

/// The message's HTML, sanitised, as a page for the reading pane's sandboxed frame: its policy
/// runs no script, submits no form, and loads nothing but the message's own images unless
/// `images` asks for the remote ones too; only this site may frame it.
#[utoipa::path(get, path = "/api/v1/messages/{id}/body", tag = "mail", params(("id" = String, Path), BodyOptions),
    responses((status = 200, content_type = "text/html", body = String), (status = 404, body = super::ErrorBody)))]
pub async fn body(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MessageId>,
    ApiQuery(options): ApiQuery<BodyOptions>,
) -> Result<Response, ApiError> {
    let (db, blobs) = (&state.ctx.db, &state.ctx.blobs);
    let part_url = |part| format!("/api/v1/messages/{id}/parts/{part}");
    let html = read::message_html(db, blobs, &actor, &id, options.images, part_url)
        .await?
        .map(|s| s.html)
        .unwrap_or_default();
    let page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\"><style>{BODY_STYLE}</style></head><body>{html}</body></html>"
    );
    let remote = if options.images { " https: http:" } else { "" };
    let policy = format!(
        "default-src 'none'; img-src 'self'{remote}; style-src 'unsafe-inline'; \
         frame-ancestors 'self'; base-uri 'none'; form-action 'none'; \
         sandbox allow-same-origin allow-popups allow-popups-to-escape-sandbox"
    );
    let mut res = page.into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    if let Ok(policy) = HeaderValue::from_str(&policy) {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    Ok(res)
}

/// A download that the browser never runs or guesses the type of.
fn download(name: &str, content_type: &str, bytes: Vec<u8>) -> Response {
    let mut res = bytes.into_response();
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(disposition) = HeaderValue::from_str(&content_disposition(false, name)) {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; sandbox"),
    );
    res
}

/// The message as it was received (RFC 5322), to save or to look at its source.
#[utoipa::path(get, path = "/api/v1/messages/{id}/raw", tag = "mail", params(("id" = String, Path)),
    responses((status = 200, content_type = "message/rfc822", body = Vec<u8>), (status = 404, body = super::ErrorBody)))]
pub async fn raw(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MessageId>,
) -> Result<Response, ApiError> {
    let (db, blobs) = (&state.ctx.db, &state.ctx.blobs);
    let bytes = read::raw_message(db, blobs, &actor, &id).await?;
    Ok(download("message.eml", "message/rfc822", bytes))
}

/// One of the message's files, always as a download.
#[utoipa::path(get, path = "/api/v1/messages/{id}/parts/{part}", tag = "mail", params(("id" = String, Path), ("part" = u32, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 404, body = super::ErrorBody)))]
pub async fn part(
    State(state): State<AppState>,
    Authed(session): Authed,
    Path(path): Path<(String, String)>,
) -> Result<Response, ApiError> {
    let (id, part) = path;
    let db = &state.ctx.db;
    let actor = collections::actor_on(db, session.account_id(), Held::MailMessage, &id).await?;
    let part: u32 = part.parse().map_err(|_| DomainError::NotFound)?;
    let (file, bytes) = read::attachment(db, &state.ctx.blobs, &actor, &id, part).await?;
    let name = if file.name.is_empty() {
        "attachment"
    } else {
        &file.name
    };
    Ok(download(name, &file.content_type, bytes))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Selection {
    set: MessageSet,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Flagging {
    set: MessageSet,
    change: FlagChange,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Moving {
    set: MessageSet,
    /// A folder of the same mailbox.
    to: String,
}

/// How many messages an action changed.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Changed {
    changed: u64,
}

/// Marks messages read or unread, starred or not.
#[utoipa::path(post, path = "/api/v1/mailboxes/{id}/flags", tag = "mail", params(("id" = String, Path)),
    request_body = Flagging,
    responses((status = 200, body = Changed), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody)))]
pub async fn flags(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
    ApiJson(body): ApiJson<Flagging>,
) -> Result<Json<Changed>, ApiError> {
    let changed = actions::set_flags(&state.ctx.db, &actor, &id, &body.set, body.change).await?;
    Ok(Json(Changed { changed }))
}

/// Moves messages to another folder of the mailbox; returns where each was, for an Undo.
#[utoipa::path(post, path = "/api/v1/mailboxes/{id}/move", tag = "mail", params(("id" = String, Path)),
    request_body = Moving,
    responses((status = 200, body = [Moved]), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody)))]
pub async fn move_messages(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
    ApiJson(body): ApiJson<Moving>,
) -> Result<Json<Vec<Moved>>, ApiError> {
    let db = &state.ctx.db;
    Ok(Json(
        actions::move_messages(db, &actor, &id, &body.set, &body.to).await?,
    ))
}

/// Moves messages to the Trash.
#[utoipa::path(post, path = "/api/v1/mailboxes/{id}/trash", tag = "mail", params(("id" = String, Path)),
    request_body = Selection,
    responses((status = 200, body = [Moved]), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody)))]
pub async fn trash(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
    ApiJson(body): ApiJson<Selection>,
) -> Result<Json<Vec<Moved>>, ApiError> {
    Ok(Json(
        actions::trash_messages(&state.ctx.db, &actor, &id, &body.set).await?,
    ))
}

/// Puts messages of the Trash back where they were deleted from.
#[utoipa::path(post, path = "/api/v1/mailboxes/{id}/restore", tag = "mail", params(("id" = String, Path)),
    request_body = Selection,
    responses((status = 200, body = [Moved]), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody)))]
pub async fn restore(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
    ApiJson(body): ApiJson<Selection>,
) -> Result<Json<Vec<Moved>>, ApiError> {
    Ok(Json(
        actions::restore_messages(&state.ctx.db, &actor, &id, &body.set).await?,
    ))
}

/// Deletes for good those of the messages that are in the Trash or Spam.
#[utoipa::path(post, path = "/api/v1/mailboxes/{id}/destroy", tag = "mail", params(("id" = String, Path)),
    request_body = Selection,
    responses((status = 200, body = Changed), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody)))]
pub async fn destroy(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
    ApiJson(body): ApiJson<Selection>,
) -> Result<Json<Changed>, ApiError> {
    let changed = actions::destroy_messages(&state.ctx.db, &actor, &id, &body.set).await?;
    Ok(Json(Changed { changed }))
}

/// Deletes every message of the Trash for good.
#[utoipa::path(post, path = "/api/v1/mailboxes/{id}/empty-trash", tag = "mail", params(("id" = String, Path)),
    responses((status = 200, body = Changed), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn empty_trash(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
) -> Result<Json<Changed>, ApiError> {
    let changed = actions::empty_trash(&state.ctx.db, &actor, &id).await?;
    Ok(Json(Changed { changed }))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct MailboxShare {
    grantee: Grantee,
    level: ShareLevel,
}

/// Shares the mailbox with a member, a team or the organization: view reads it, modify acts
/// on its messages and folders.
#[utoipa::path(put, path = "/api/v1/mailboxes/{id}/shares", tag = "mail", params(("id" = String, Path)),
    request_body = MailboxShare,
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn share(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
    ApiJson(body): ApiJson<MailboxShare>,
) -> Result<StatusCode, ApiError> {
    let kind = CollectionKind::MailAccount;
    collections::share(&state.ctx.db, &actor, kind, &id, &body.grantee, body.level).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The organization's mail domains, the primary one first. Administrators only.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/mail-domains", tag = "mail", params(("org" = String, Path)),
    responses((status = 200, body = [MailDomainView]), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn mail_domains(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
) -> Result<Json<Vec<MailDomainView>>, ApiError> {
    Ok(Json(domains::list_domains(&state.ctx.db, &actor).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewDomain {
    domain: String,
}

/// Adds a domain to receive mail for; with the first, each member with Mail gets an address
/// on it. Administrators only.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/mail-domains", tag = "mail", params(("org" = String, Path)),
    request_body = NewDomain,
    responses((status = 201, body = Created), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_mail_domain(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    ApiJson(body): ApiJson<NewDomain>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = domains::add_domain(&state.ctx.db, &actor, &body.domain, now()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Removes a domain no address uses. Administrators only.
#[utoipa::path(delete, path = "/api/v1/orgs/{org}/mail-domains/{domain}", tag = "mail", params(("org" = String, Path), ("domain" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn remove_mail_domain(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    Path(path): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    domains::remove_domain(&state.ctx.db, &actor, &path.1).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct Address {
    address: String,
}

/// Makes the address the one the mailbox sends from; the old one stays as an alias.
/// Administrators only.
#[utoipa::path(put, path = "/api/v1/mailboxes/{id}/address", tag = "mail", params(("id" = String, Path)),
    request_body = Address,
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn set_address(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
    ApiJson(body): ApiJson<Address>,
) -> Result<StatusCode, ApiError> {
    addresses::set_primary_address(&state.ctx.db, &actor, &id, &body.address, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Adds an alias to the mailbox. Administrators only.
#[utoipa::path(post, path = "/api/v1/mailboxes/{id}/aliases", tag = "mail", params(("id" = String, Path)),
    request_body = Address,
    responses((status = 201, body = Created), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn add_alias(
    State(state): State<AppState>,
    On { actor, id, .. }: On<MailboxId>,
    ApiJson(body): ApiJson<Address>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = addresses::add_alias(&state.ctx.db, &actor, &id, &body.address, now()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// Removes an alias of the mailbox. Administrators only.
#[utoipa::path(delete, path = "/api/v1/mailboxes/{id}/aliases/{address}", tag = "mail", params(("id" = String, Path), ("address" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn remove_alias(
    State(state): State<AppState>,
    Authed(session): Authed,
    Path(path): Path<(String, String)>,
) -> Result<StatusCode, ApiError> {
    let (id, address) = path;
    let db = &state.ctx.db;
    let actor = collections::actor_on(db, session.account_id(), Held::MailAccount, &id).await?;
    addresses::remove_alias(db, &actor, &id, &address).await?;
    Ok(StatusCode::NO_CONTENT)
}
