use super::{ApiError, ApiJson, Authed};
use crate::state::AppState;
use app::context::{expired_session_cookie, session_cookie, RequestClient};
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use axum::Json;
use domain::auth::SignUp;
use domain::views::{AccountView, OpenSession, SessionView};
use domain::DomainError;
use serde::Deserialize;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct SignUpBody {
    #[schema(min_length = 1, max_length = 100)]
    name: String,
    email: String,
    #[schema(min_length = 10)]
    password: String,
    /// The profile's country, ISO 3166-1 alpha-2 (`CH`), or empty for none; when absent, the
    /// region of the first language of `Accept-Language` that names one.
    #[serde(default)]
    country: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct LoginBody {
    email: String,
    password: String,
}

/// Creates an account and its personal "my kSuite" space.
#[utoipa::path(post, path = "/api/v1/auth/signup", request_body = SignUpBody, tag = "auth", security(()),
    responses((status = 201, body = AccountView), (status = 403, body = super::ErrorBody),
        (status = 422, body = super::ErrorBody), (status = 429, body = super::ErrorBody)))]
pub async fn sign_up(
    State(state): State<AppState>,
    Extension(client): Extension<RequestClient>,
    headers: axum::http::HeaderMap,
    ApiJson(body): ApiJson<SignUpBody>,
) -> Result<Response, ApiError> {
    if !state.ctx.settings.sign_up {
        return Err(DomainError::forbidden("sign-up is closed on this server").into());
    }
    let input = SignUp {
        name: body.name,
        email: body.email,
        password: body.password,
        locale: None,
        time_zone: None,
        country: body.country,
        languages: headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned(),
    };
    let now = domain::clock::now();
    let account = domain::auth::sign_up(
        &state.ctx.db,
        input,
        Some(&client.key),
        &state.ctx.mail,
        now,
    )
    .await?;
    Ok((StatusCode::CREATED, Json(account)).into_response())
}

/// Opens a session; the answer sets the session cookie.
#[utoipa::path(post, path = "/api/v1/auth/login", request_body = LoginBody, tag = "auth", security(()),
    responses((status = 200, body = SessionView), (status = 401, body = super::ErrorBody), (status = 429, body = super::ErrorBody)))]
pub async fn log_in(
    State(state): State<AppState>,
    Extension(client): Extension<RequestClient>,
    ApiJson(body): ApiJson<LoginBody>,
) -> Result<Response, ApiError> {
    let db = &state.ctx.db;
    let now = domain::clock::now();
    let logged_in =
        domain::auth::log_in(db, &body.email, &body.password, &client.device(), now).await?;
    let account = domain::auth::account_view(db, &logged_in.account_id).await?;
    let view = domain::auth::session_view(db, account).await?;
    let cookie = session_cookie(&state.ctx.settings, client.secure, &logged_in.token);
    Ok(([(header::SET_COOKIE, cookie)], Json(view)).into_response())
}

/// Ends the session.
#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn log_out(
    State(state): State<AppState>,
    Extension(client): Extension<RequestClient>,
    Authed(session): Authed,
) -> Result<Response, ApiError> {
    domain::auth::delete_session(&state.ctx.db, &session.token).await?;
    let cookie = expired_session_cookie(&state.ctx.settings, client.secure);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

/// The signed-in account and its organizations.
#[utoipa::path(get, path = "/api/v1/me", tag = "auth",
    responses((status = 200, body = SessionView), (status = 401, body = super::ErrorBody)))]
pub async fn me(
    State(state): State<AppState>,
    Authed(session): Authed,
) -> Result<Json<SessionView>, ApiError> {
    Ok(Json(
        domain::auth::session_view(&state.ctx.db, session.account).await?,
    ))
}

/// The account's live sessions (browsers, devices, scripts), the current one first.
#[utoipa::path(get, path = "/api/v1/me/sessions", tag = "auth",
    responses((status = 200, body = [OpenSession]), (status = 401, body = super::ErrorBody)))]
pub async fn sessions(
    State(state): State<AppState>,
    Authed(session): Authed,
) -> Result<Json<Vec<OpenSession>>, ApiError> {
    let ctx = &state.ctx;
    let now = domain::clock::now();
    let list = domain::auth::list_sessions(
        &ctx.db,
        &ctx.activity,
        session.account_id(),
        &session.session_id,
        now,
    )
    .await?;
    Ok(Json(list))
}

/// Ends one of the account's sessions: that device is signed out.
#[utoipa::path(delete, path = "/api/v1/me/sessions/{id}", tag = "auth", params(("id" = String, Path)),
    responses((status = 204), (status = 401, body = super::ErrorBody), (status = 404, body = super::ErrorBody)))]
pub async fn end_session(
    State(state): State<AppState>,
    Authed(session): Authed,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    domain::auth::end_session(&state.ctx.db, session.account_id(), &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Signs out everywhere else: every session of the account but this one ends.
#[utoipa::path(delete, path = "/api/v1/me/sessions", tag = "auth",
    responses((status = 204), (status = 401, body = super::ErrorBody)))]
pub async fn end_other_sessions(
    State(state): State<AppState>,
    Authed(session): Authed,
) -> Result<StatusCode, ApiError> {
    domain::auth::end_other_sessions(&state.ctx.db, session.account_id(), &session.session_id)
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PasswordBody {
    current: String,
    #[schema(min_length = 10)]
    new: String,
}

/// Changes the password; every other session of the account ends.
#[utoipa::path(put, path = "/api/v1/me/password", request_body = PasswordBody, tag = "auth",
    responses((status = 204), (status = 401, body = super::ErrorBody), (status = 422, body = super::ErrorBody), (status = 429, body = super::ErrorBody)))]
pub async fn change_password(
    State(state): State<AppState>,
    Extension(client): Extension<RequestClient>,
    Authed(session): Authed,
    ApiJson(body): ApiJson<PasswordBody>,
) -> Result<StatusCode, ApiError> {
    let now = domain::clock::now();
    domain::auth::change_password(
        &state.ctx.db,
        &session.account,
        &session.session_id,
        &body.current,
        body.new,
        &client.key,
        now,
    )
    .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ResetRequestBody {
    email: String,
}

/// Mails a link to choose a new password to the account with this address, if there is one.
/// The answer is the same whether there is one or not; 422 `mail_not_configured` when the server
/// sends no mail.
#[utoipa::path(post, path = "/api/v1/auth/password-reset", request_body = ResetRequestBody, tag = "auth", security(()),
    responses((status = 202), (status = 422, body = super::ErrorBody), (status = 429, body = super::ErrorBody)))]
pub async fn request_password_reset(
    State(state): State<AppState>,
    Extension(client): Extension<RequestClient>,
    ApiJson(body): ApiJson<ResetRequestBody>,
) -> Result<StatusCode, ApiError> {
    let now = domain::clock::now();
    let db = &state.ctx.db;
    domain::auth::request_password_reset(db, &state.ctx.mail, &body.email, &client.key, now)
        .await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct ResetBody {
    /// The token of the link the mail carried.
    token: String,
    #[schema(min_length = 10)]
    password: String,
}

/// Sets a new password with a reset link's token; every session of the account ends.
#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", request_body = ResetBody, tag = "auth", security(()),
    responses((status = 204), (status = 422, body = super::ErrorBody)))]
pub async fn reset_password(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<ResetBody>,
) -> Result<StatusCode, ApiError> {
    let now = domain::clock::now();
    domain::auth::reset_password(&state.ctx.db, &body.token, body.password, now).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct TokenBody {
    token: String,
}

#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct Confirmed {
    email: String,
}

/// Confirms the address a link went to: the one an account signed up with, or a new login
/// address, which then replaces the old one.
#[utoipa::path(post, path = "/api/v1/auth/confirm-email", request_body = TokenBody, tag = "auth", security(()),
    responses((status = 200, body = Confirmed), (status = 422, body = super::ErrorBody)))]
pub async fn confirm_email(
    State(state): State<AppState>,
    ApiJson(body): ApiJson<TokenBody>,
) -> Result<Json<Confirmed>, ApiError> {
    let email =
        domain::auth::confirm_email(&state.ctx.db, &body.token, domain::clock::now()).await?;
    Ok(Json(Confirmed { email }))
}

/// Mails the link that confirms the account's address again.
#[utoipa::path(post, path = "/api/v1/me/verification", tag = "auth",
    responses((status = 202), (status = 401, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn resend_verification(
    State(state): State<AppState>,
    Authed(session): Authed,
) -> Result<StatusCode, ApiError> {
    let now = domain::clock::now();
    domain::auth::send_verification(&state.ctx.db, &state.ctx.mail, session.account_id(), now)
        .await?;
    Ok(StatusCode::ACCEPTED)
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct EmailBody {
    /// The new login address.
    email: String,
    /// The current password.
    password: String,
}

/// Asks to sign in with another address: a link goes to it and a notice to the current one;
/// the address changes when the link is followed.
#[utoipa::path(put, path = "/api/v1/me/email", request_body = EmailBody, tag = "auth",
    responses((status = 202), (status = 401, body = super::ErrorBody), (status = 422, body = super::ErrorBody)))]
pub async fn change_email(
    State(state): State<AppState>,
    Authed(session): Authed,
    ApiJson(body): ApiJson<EmailBody>,
) -> Result<StatusCode, ApiError> {
    let now = domain::clock::now();
    domain::auth::request_email_change(
        &state.ctx.db,
        &state.ctx.mail,
        session.account_id(),
        &body.password,
        &body.email,
        now,
    )
    .await?;
    Ok(StatusCode::ACCEPTED)
}
