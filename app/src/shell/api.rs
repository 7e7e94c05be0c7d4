//! Server functions of the shell: the session, the profile and presence.

use crate::error::AppError;
use domain::locale::Locale;
use domain::presence::PresenceStatus;
use domain::views::{AccountView, SessionView};
use leptos::prelude::*;

#[server(prefix = "/fn", endpoint = "session")]
pub async fn get_session() -> Result<SessionView, AppError> {
    use crate::context::{server, session};
    let ctx = server()?;
    let current = session()?;
    Ok(domain::auth::session_view(&ctx.db, current.account).await?)
}

#[server(prefix = "/fn", endpoint = "update_profile")]
pub async fn update_profile(
    name: String,
    locale: Locale,
    time_zone: String,
    country: Option<String>,
) -> Result<AccountView, AppError> {
    use crate::context::{language_cookie, server, session, set_cookie};
    let ctx = server()?;
    let current = session()?;
    let update = domain::auth::ProfileUpdate {
        name,
        locale,
        time_zone,
        country,
    };
    let account = domain::auth::update_profile(&ctx.db, current.account_id(), update).await?;
    set_cookie(language_cookie(account.locale));
    Ok(account)
}

#[server(prefix = "/fn", endpoint = "set_presence")]
pub async fn set_presence(
    status: PresenceStatus,
    message: String,
) -> Result<AccountView, AppError> {
    use crate::context::{server, session};
    let ctx = server()?;
    let current = session()?;
    Ok(domain::auth::set_presence(&ctx.db, current.account_id(), status, &message).await?)
}

/// Every IANA time zone, for the profile form.
#[server(prefix = "/fn", endpoint = "time_zones")]
pub async fn time_zones() -> Result<Vec<String>, AppError> {
    crate::context::session()?;
    Ok(domain::auth::time_zones()
        .into_iter()
        .map(str::to_owned)
        .collect())
}

/// Every country as (code, name) in the member's language and alphabetical order, for the
/// profile form.
#[server(prefix = "/fn", endpoint = "countries")]
pub async fn countries() -> Result<Vec<(String, String)>, AppError> {
    let current = crate::context::session()?;
    Ok(domain::country::countries(current.account.locale).to_vec())
}

/// The account's live sessions, the current one first.
#[server(prefix = "/fn", endpoint = "account_sessions")]
pub async fn account_sessions() -> Result<Vec<domain::views::OpenSession>, AppError> {
    use crate::context::{server, session};
    let ctx = server()?;
    let current = session()?;
    let now = domain::clock::now();
    Ok(domain::auth::list_sessions(
        &ctx.db,
        &ctx.activity,
        current.account_id(),
        &current.session_id,
        now,
    )
    .await?)
}

/// Ends one session of the account (`None`: every one but this).
#[server(prefix = "/fn", endpoint = "end_sessions")]
pub async fn end_sessions(id: Option<String>) -> Result<(), AppError> {
    use crate::context::{server, session};
    let ctx = server()?;
    let current = session()?;
    match id {
        Some(id) => domain::auth::end_session(&ctx.db, current.account_id(), &id).await?,
        None => {
            domain::auth::end_other_sessions(&ctx.db, current.account_id(), &current.session_id)
                .await?;
        }
    }
    Ok(())
}

/// Changes the password after checking the current one; every other session ends.
#[server(prefix = "/fn", endpoint = "change_password")]
pub async fn change_password(current: String, new: String) -> Result<(), AppError> {
    use crate::context::{request_client, request_parts, server, session};
    let ctx = server()?;
    let signed_in = session()?;
    let client = request_client(&request_parts()?)?;
    domain::auth::change_password(
        &ctx.db,
        &signed_in.account,
        &signed_in.session_id,
        &current,
        new,
        &client.key,
        domain::clock::now(),
    )
    .await?;
    Ok(())
}

/// Mails the link that confirms the account's address again.
#[server(prefix = "/fn", endpoint = "resend_verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    use crate::context::{server, session};
    let ctx = server()?;
    let current = session()?;
    let now = domain::clock::now();
    Ok(domain::auth::send_verification(&ctx.db, &ctx.mail, current.account_id(), now).await?)
}

/// Asks to sign in with another address: a link goes to it, a notice to the current one.
#[server(prefix = "/fn", endpoint = "change_email")]
pub async fn change_email(email: String, password: String) -> Result<(), AppError> {
    use crate::context::{server, session};
    let ctx = server()?;
    let current = session()?;
    let now = domain::clock::now();
    Ok(domain::auth::request_email_change(
        &ctx.db,
        &ctx.mail,
        current.account_id(),
        &password,
        &email,
        now,
    )
    .await?)
}
