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
    Ok(crate::shell::landing_path(&orgs))
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
    let client = request_client(&request_parts()?)?;
    let now = domain::clock::now();
    let input = domain::auth::SignUp {
        name,
        email,
        password,
        locale: Some(locale),
        time_zone: Some(time_zone),
    };
    let account = domain::auth::sign_up(&ctx.db, input, Some(&client.key), now).await?;
    let token = domain::auth::create_session(&ctx.db, &account.id, &client.device(), now).await?;
    set_cookie(session_cookie(&ctx.settings, client.secure, &token));
    let orgs = domain::org::list_orgs(&ctx.db, &account.id).await?;
    Ok(crate::shell::landing_path(&orgs))
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
