//! Contacts REST routes: address books, their contacts, contact writes and book shares. Routes
//! that name only a book or a contact find its organization first and then act as the caller's
//! member there, so another organization's ids are 404.

use super::{ApiError, ApiJson, ApiQuery, BookId, ContactId, Created, InOrg, On};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use axum::Json;
use domain::clock::now;
use domain::collections::{self, CollectionKind};
use domain::contacts::transfer::{self, CsvColumns, MAX_IMPORT_BYTES};
use domain::contacts::{
    books, cards, AddressBookView, ContactDetail, ContactInput, ContactSummary,
};
use domain::contacts::{CsvPreset, CsvPreview};
use domain::import::{ImportSummary, ImportTarget};
use domain::org::Actor;
use domain::sharing::{Grantee, ShareLevel};
use serde::Deserialize;

/// The member's address books: their own (a first one is made on the first call), then those
/// shared with them.
#[utoipa::path(get, path = "/api/v1/orgs/{org}/addressbooks", tag = "contacts", params(("org" = String, Path)),
    responses((status = 200, body = [AddressBookView]), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn list_books(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
) -> Result<Json<Vec<AddressBookView>>, ApiError> {
    Ok(Json(books::list_books(&state.ctx.db, &actor, now()).await?))
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewBook {
    #[schema(min_length = 1, max_length = 100)]
    name: String,
}

/// A new address book; a personal space holds one (413 `limit_exceeded` beyond).
#[utoipa::path(post, path = "/api/v1/orgs/{org}/addressbooks", tag = "contacts", params(("org" = String, Path)),
    request_body = NewBook,
    responses((status = 201, body = Created), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create_book(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    ApiJson(body): ApiJson<NewBook>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    let id = books::create_book(&state.ctx.db, &actor, &body.name, now()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

/// The book's contacts in alphabetical order.
#[utoipa::path(get, path = "/api/v1/addressbooks/{id}/contacts", tag = "contacts", params(("id" = String, Path)),
    responses((status = 200, body = [ContactSummary]), (status = 404, body = super::ErrorBody)))]
pub async fn list_contacts(
    State(state): State<AppState>,
    On { actor, id, .. }: On<BookId>,
) -> Result<Json<Vec<ContactSummary>>, ApiError> {
    Ok(Json(
        cards::list_contacts(&state.ctx.db, &actor, &id).await?,
    ))
}

/// A new contact in the book (the path's book, whatever `book_id` the body holds).
#[utoipa::path(post, path = "/api/v1/addressbooks/{id}/contacts", tag = "contacts", params(("id" = String, Path)),
    request_body = ContactInput,
    responses((status = 201, body = Created), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn create_contact(
    State(state): State<AppState>,
    On { actor, id, .. }: On<BookId>,
    ApiJson(mut body): ApiJson<ContactInput>,
) -> Result<(StatusCode, Json<Created>), ApiError> {
    body.book_id = id;
    let id = cards::create_contact(&state.ctx.db, &actor, &body, now()).await?;
    Ok((StatusCode::CREATED, Json(Created { id })))
}

#[utoipa::path(get, path = "/api/v1/contacts/{id}", tag = "contacts", params(("id" = String, Path)),
    responses((status = 200, body = ContactDetail), (status = 404, body = super::ErrorBody)))]
pub async fn get_contact(
    State(state): State<AppState>,
    On { actor, id, .. }: On<ContactId>,
) -> Result<Json<ContactDetail>, ApiError> {
    Ok(Json(cards::get_contact(&state.ctx.db, &actor, &id).await?))
}

/// Replaces the contact's fields (what the fields do not cover stays in its vCard); another
/// `book_id` moves it there.
#[utoipa::path(put, path = "/api/v1/contacts/{id}", tag = "contacts", params(("id" = String, Path)),
    request_body = ContactInput,
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn update_contact(
    State(state): State<AppState>,
    On { actor, id, .. }: On<ContactId>,
    ApiJson(body): ApiJson<ContactInput>,
) -> Result<StatusCode, ApiError> {
    cards::update_contact(&state.ctx.db, &actor, &id, &body, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Moves the contact to the trash.
#[utoipa::path(delete, path = "/api/v1/contacts/{id}", tag = "contacts", params(("id" = String, Path)),
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn delete_contact(
    State(state): State<AppState>,
    On { actor, id, .. }: On<ContactId>,
) -> Result<StatusCode, ApiError> {
    cards::delete_contact(&state.ctx.db, &actor, &id, now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BookShare {
    grantee: Grantee,
    level: ShareLevel,
}

/// Shares the book with a member, a team or the organization (externals never get
/// organization-wide shares).
#[utoipa::path(put, path = "/api/v1/addressbooks/{id}/shares", tag = "contacts", params(("id" = String, Path)),
    request_body = BookShare,
    responses((status = 204), (status = 403, body = super::ErrorBody), (status = 404, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn share_book(
    State(state): State<AppState>,
    On { actor, id, .. }: On<BookId>,
    ApiJson(body): ApiJson<BookShare>,
) -> Result<StatusCode, ApiError> {
    collections::share(
        &state.ctx.db,
        &actor,
        CollectionKind::AddressBook,
        &id,
        &body.grantee,
        body.level,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The body limit of the import routes: a little over the domain's limit, so the domain's own
/// message answers files just over it.
pub const IMPORT_BODY_LIMIT: usize = MAX_IMPORT_BYTES + 64 * 1024;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportOptions {
    /// For a CSV body: the export its columns come from, when its headers do not say.
    preset: Option<CsvPreset>,
    /// For a CSV body: each column's meaning, comma-separated codes ("first,last,,email.work"),
    /// empty for a column to leave out. Overrides `preset`.
    columns: Option<String>,
}

/// Imports a vCard body (3.0 or 4.0) or, with `Content-Type: text/csv`, a CSV body whose columns
/// an Outlook, Gmail, Thunderbird or Apple export names (at most 50 MB and 10,000 contacts)
/// into the book: all or nothing, contacts matched by UID.
#[utoipa::path(post, path = "/api/v1/addressbooks/{id}/import", tag = "contacts", params(("id" = String, Path), ImportOptions),
    request_body(content = String, content_type = "text/vcard"),
    responses((status = 200, body = ImportSummary), (status = 403, body = super::ErrorBody), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn import(
    State(state): State<AppState>,
    On { actor, id, .. }: On<BookId>,
    ApiQuery(options): ApiQuery<ImportOptions>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ImportSummary>, ApiError> {
    let file = Upload {
        csv: is_csv(&headers),
        options,
        body,
    };
    import_into(&state, &actor, ImportTarget::Existing(id), file).await
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NewTarget {
    /// The new address book's name.
    name: String,
    /// As for an import into an existing book.
    preset: Option<CsvPreset>,
    /// As for an import into an existing book.
    columns: Option<String>,
}

/// Imports a vCard body into a new address book, made in the same transaction: a refused file
/// leaves no empty book behind.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/addressbooks/import", tag = "contacts", params(("org" = String, Path), NewTarget),
    request_body(content = String, content_type = "text/vcard"),
    responses((status = 200, body = ImportSummary), (status = 404, body = super::ErrorBody), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn import_new(
    State(state): State<AppState>,
    InOrg(actor): InOrg,
    ApiQuery(target): ApiQuery<NewTarget>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<ImportSummary>, ApiError> {
    let file = Upload {
        csv: is_csv(&headers),
        options: ImportOptions {
            preset: target.preset,
            columns: target.columns,
        },
        body,
    };
    let target = ImportTarget::New {
        name: target.name,
        color: None,
    };
    import_into(&state, &actor, target, file).await
}

fn is_csv(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/csv"))
}

/// An import's body and how to read it.
struct Upload {
    csv: bool,
    options: ImportOptions,
    body: Result<Bytes, BytesRejection>,
}

async fn import_into(
    state: &AppState,
    actor: &Actor,
    target: ImportTarget,
    file: Upload,
) -> Result<Json<ImportSummary>, ApiError> {
    let body = file.body.map_err(|_| transfer::too_large())?;
    let db = &state.ctx.db;
    let summary = if file.csv {
        let options = file.options;
        let columns = CsvColumns::chosen(options.preset, options.columns.as_deref())?;
        transfer::import_csv(db, actor, &target, body.to_vec(), columns, now()).await?
    } else {
        transfer::import_vcards(db, actor, &target, body.to_vec(), now()).await?
    };
    Ok(Json(summary))
}

/// What the import makes of a CSV file's columns: its headers, the export they come from when
/// recognised, each column's meaning, and the first rows. The beginning of the file is enough.
#[utoipa::path(post, path = "/api/v1/orgs/{org}/addressbooks/csv-preview", tag = "contacts", params(("org" = String, Path)),
    request_body(content = String, content_type = "text/csv"),
    responses((status = 200, body = CsvPreview), (status = 403, body = super::ErrorBody), (status = 413, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn csv_preview(
    InOrg(actor): InOrg,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<CsvPreview>, ApiError> {
    let body = body.map_err(|_| domain::upload::too_large(PREVIEW_BODY_LIMIT))?;
    Ok(Json(transfer::csv_preview(&actor, body.to_vec()).await?))
}

/// The preview reads the file's first rows; the dialog sends its first 64 KiB.
pub const PREVIEW_BODY_LIMIT: usize = 1024 * 1024;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportOptions {
    /// `vcard` (4.0, every property; the default) or `csv` (Outlook's columns).
    format: Option<ExportFormat>,
    /// Comma-separated contact ids: export only these.
    ids: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Vcard,
    Csv,
}

/// The book's contacts, or the `ids` among them, as one vCard 4.0 or CSV file.
#[utoipa::path(get, path = "/api/v1/addressbooks/{id}/export", tag = "contacts", params(("id" = String, Path), ExportOptions),
    responses((status = 200, content((String = "text/vcard"), (String = "text/csv"))), (status = 404, body = super::ErrorBody)))]
pub async fn export(
    State(state): State<AppState>,
    On { actor, id, .. }: On<BookId>,
    ApiQuery(options): ApiQuery<ExportOptions>,
) -> Result<Response, ApiError> {
    let ids: Option<Vec<String>> = options
        .ids
        .map(|list| list.split(',').map(str::to_owned).collect());
    let db = &state.ctx.db;
    Ok(match options.format.unwrap_or(ExportFormat::Vcard) {
        ExportFormat::Vcard => {
            let (name, text) = transfer::export_vcards(db, &actor, &id, ids.as_deref()).await?;
            super::file_response(&name, "vcf", "text/vcard; charset=utf-8", text)
        }
        ExportFormat::Csv => {
            let (name, text) = transfer::export_csv(db, &actor, &id, ids.as_deref()).await?;
            super::file_response(&name, "csv", "text/csv; charset=utf-8", text)
        }
    })
}
