//! Server functions of the shell: the session, the profile, presence and the team.

use crate::error::AppError;
use domain::locale::Locale;
use domain::presence::PresenceStatus;
use domain::views::{AccountView, MemberView, SessionView};
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
) -> Result<AccountView, AppError> {
    use crate::context::{language_cookie, server, session, set_cookie};
    let ctx = server()?;
    let current = session()?;
    let update = domain::auth::ProfileUpdate {
        name,
        locale,
        time_zone,
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
    Ok(domain::auth::set_presence(
        &ctx.db,
        &ctx.presence,
        current.account_id(),
        status,
        &message,
    )
    .await?)
}

/// The members of an organization the caller belongs to (404 otherwise).
#[server(prefix = "/fn", endpoint = "team")]
pub async fn team(org: String) -> Result<Vec<MemberView>, AppError> {
    use crate::context::{server, session};
    let ctx = server()?;
    let current = session()?;
    Ok(domain::org::members(&ctx.db, &ctx.presence, current.account_id(), &org).await?)
}

#[server(prefix = "/fn", endpoint = "time_zones")]
pub async fn time_zones() -> Result<Vec<String>, AppError> {
    crate::context::session()?;
    Ok(domain::auth::time_zones()
        .into_iter()
        .map(str::to_owned)
        .collect())
}
