//! Settings an administrator keeps for the whole organization: the address video meetings are
//! held at (a Jitsi or kMeet server, say), from which the Calendar makes meeting links.

use super::Actor;
use crate::error::{DomainError, DomainResult};
use crate::reason::Reason;
use crate::store::Db;

const MAX_VIDEO_BASE: usize = 300;

/// The organization's video meeting address; empty when none is set.
pub async fn video_base_url(db: &Db, actor: &Actor) -> DomainResult<String> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT video_base_url FROM organizations WHERE id = $1")
            .bind(&actor.org_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(url,)| url).unwrap_or_default())
}

/// Sets (or with an empty text, clears) the video meeting address. Administrators only.
pub async fn set_video_base_url(db: &Db, actor: &Actor, url: &str) -> DomainResult<()> {
    if !actor.role.is_administrator() {
        return Err(DomainError::forbidden(
            "only administrators change organization settings",
        ));
    }
    let url = check_video_base(url)?;
    sqlx::query("UPDATE organizations SET video_base_url = $2 WHERE id = $1")
        .bind(&actor.org_id)
        .bind(url)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// A web address a room name can be appended to: http(s), no spaces, no query or fragment.
pub fn check_video_base(url: &str) -> DomainResult<&str> {
    let url = url.trim().trim_end_matches('/');
    if url.is_empty() {
        return Ok(url);
    }
    let host = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let valid = host.is_some_and(|rest| !rest.is_empty())
        && url.chars().count() <= MAX_VIDEO_BASE
        && !url.contains(|c: char| c.is_whitespace() || c == '?' || c == '#');
    if valid {
        Ok(url)
    } else {
        Err(DomainError::invalid(
            "video_base_url",
            Reason::VideoBaseInvalid,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_video_address_is_a_plain_web_address() {
        assert_eq!(
            check_video_base(" https://meet.jit.si/ ").unwrap(),
            "https://meet.jit.si"
        );
        assert_eq!(
            check_video_base("https://kmeet.example/rooms").unwrap(),
            "https://kmeet.example/rooms"
        );
        assert_eq!(check_video_base("").unwrap(), "");
        for bad in [
            "meet.jit.si",
            "javascript:alert(1)",
            "https://",
            "https://a b",
            "https://meet.example/?room=",
            "ftp://meet.example",
        ] {
            assert!(check_video_base(bad).is_err(), "{bad} accepted");
        }
    }
}
