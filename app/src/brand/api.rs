//! Sign-up, login, logout and the language choice: the server functions of the pages shown
//! before the shell.

use crate::error::AppError;
use domain::locale::Locale;
use leptos::prelude::*;

/// Logs in and returns the page to open.
#[server(prefix = "/fn", endpoint = "log_in")]
pub async fn log_in(email: String, password: String) -> Result<String, AppError> {
    use crate::context::{request_client, request_parts, server, session_cookie, set_cookie};
    let ctx = server()?;
    let client = request_client(&request_parts()?)?;
    let now = domain::clock::now();
    let logged_in = domain::auth::log_in(&ctx.db, &email, &password, &client.device(), now).await?;
    set_cookie(session_cookie(
        &ctx.settings,
        client.secure,
        &logged_in.token,
    ));
    let orgs = domain::org::list_orgs(&ctx.db, &logged_in.account_id).await?;
    Ok(crate::space::landing_path(&orgs))
}

/// Whether this server lets anyone create an account (`ksuite serve --no-signup` closes it).
#[server(prefix = "/fn", endpoint = "sign_up_open", input = leptos::server_fn::codec::GetUrl)]
pub async fn sign_up_open() -> Result<bool, AppError> {
    Ok(crate::context::server()?.settings.sign_up)
}

/// Creates the account, logs it in and returns the page to open.
#[server(prefix = "/fn", endpoint = "sign_up")]
pub async fn sign_up(
    name: String,
    email: String,
    password: String,
    locale: Locale,
    time_zone: String,
) -> Result<String, AppError> {
    use crate::context::{request_client, request_parts, server, session_cookie, set_cookie};
    let ctx = server()?;
    if !ctx.settings.sign_up {
        return Err(domain::DomainError::forbidden("sign-up is closed on this server").into());
    }
    let parts = request_parts()?;
    let client = request_client(&parts)?;
    let languages = parts.headers.get(http::header::ACCEPT_LANGUAGE);
    let languages = languages.and_then(|v| v.to_str().ok()).unwrap_or_default();
    let now = domain::clock::now();
    let input = domain::auth::SignUp {
        name,
        email,
        password,
        locale: Some(locale),
        time_zone: Some(time_zone),
        country: None,
        languages: languages.to_owned(),
    };
    let account = domain::auth::sign_up(&ctx.db, input, Some(&client.key), &ctx.mail, now).await?;
    let token = domain::auth::create_session(&ctx.db, &account.id, &client.device(), now).await?;
    set_cookie(session_cookie(&ctx.settings, client.secure, &token));
    let orgs = domain::org::list_orgs(&ctx.db, &account.id).await?;
    Ok(crate::space::landing_path(&orgs))
}

#[server(prefix = "/fn", endpoint = "log_out")]
pub async fn log_out() -> Result<(), AppError> {
    use crate::context::{
        expired_session_cookie, request_client, request_parts, server, session, set_cookie,
    };
    let ctx = server()?;
    let client = request_client(&request_parts()?)?;
    if let Ok(current) = session() {
        domain::auth::delete_session(&ctx.db, &current.token).await?;
    }
    set_cookie(expired_session_cookie(&ctx.settings, client.secure));
    Ok(())
}

/// Remembers the language in a cookie and, when signed in, in the profile.
#[server(prefix = "/fn", endpoint = "set_language")]
pub async fn set_language(locale: Locale) -> Result<(), AppError> {
    use crate::context::{language_cookie, server, session, set_cookie};
    set_cookie(language_cookie(locale));
    if let Ok(current) = session() {
        let ctx = server()?;
        domain::auth::set_locale(&ctx.db, current.account_id(), locale).await?;
    }
    Ok(())
}

/// Whether this server can send mail (`ksuite serve --smtp-url`): without it, no link can be
/// sent to reset a password.
#[server(prefix = "/fn", endpoint = "mail_configured", input = leptos::server_fn::codec::GetUrl)]
pub async fn mail_configured() -> Result<bool, AppError> {
    Ok(crate::context::server()?.mail.mailer.is_configured())
}

/// Mails a link to choose a new password to the account with this address, if there is one;
/// the answer is the same either way.
#[server(prefix = "/fn", endpoint = "forgot_password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    use crate::context::{request_client, request_parts, server};
    let ctx = server()?;
    let client = request_client(&request_parts()?)?;
    let now = domain::clock::now();
    // The letter is written by a task of its own (see `request_password_reset`).
    domain::auth::request_password_reset(&ctx.db, &ctx.mail, &email, &client.key, now).await?;
    Ok(())
}

/// Sets a new password with the link's token; every session of the account ends.
#[server(prefix = "/fn", endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    let ctx = crate::context::server()?;
    let now = domain::clock::now();
    Ok(domain::auth::reset_password(&ctx.db, &token, password, now).await?)
}

/// Confirms the address a link was sent to; returns it.
#[server(prefix = "/fn", endpoint = "confirm_email")]
pub async fn confirm_email(token: String) -> Result<String, AppError> {
    let ctx = crate::context::server()?;
    Ok(domain::auth::confirm_email(&ctx.db, &token, domain::clock::now()).await?)
}
