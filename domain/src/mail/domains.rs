//! The domains an organization receives mail for. Adding the first gives every member with
//! Mail a mailbox and an address on it; a domain belongs to one organization only.

use super::accounts::provision;
use super::address::check_domain;
use super::addresses::give_address;
use super::model::MailDomainView;
use crate::error::{DomainError, DomainResult};
use crate::live::CollectionKind;
use crate::org::{Actor, Product};
use crate::reason::Reason;
use crate::store::Db;
use sqlx::Row;

fn require_administrator(actor: &Actor) -> DomainResult<()> {
    if actor.role.is_administrator() {
        Ok(())
    } else {
        Err(DomainError::forbidden(
            "only administrators manage mail domains",
        ))
    }
}

/// The organization's mail domains, the primary one first. Administrators only.
pub async fn list_domains(db: &Db, actor: &Actor) -> DomainResult<Vec<MailDomainView>> {
    require_administrator(actor)?;
    let rows = sqlx::query(
        "SELECT d.domain, (SELECT COUNT(*) FROM mail_addresses a WHERE a.domain = d.domain) AS n
         FROM mail_domains d WHERE d.org_id = $1 ORDER BY d.created_at, d.domain",
    )
    .bind(&actor.org_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .enumerate()
        .map(|(i, row)| {
            Ok(MailDomainView {
                domain: row.try_get("domain")?,
                primary: i == 0,
                addresses: u64::try_from(row.try_get::<i64, _>("n")?).unwrap_or(0),
            })
        })
        .collect()
}

/// Adds a domain to receive mail for. Once the organization has one, each member with Mail has
/// a mailbox with an address on its primary domain. Administrators only; a domain another
/// organization has is refused, one this organization has is left as it is.
pub async fn add_domain(db: &Db, actor: &Actor, domain: &str, now: i64) -> DomainResult<String> {
    require_administrator(actor)?;
    let domain = check_domain(domain)?;
    let mut tx = db.write().await?;
    let added = sqlx::query(
        "INSERT INTO mail_domains (domain, org_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (domain) DO NOTHING",
    )
    .bind(&domain)
    .bind(&actor.org_id)
    .bind(now)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if added == 0 {
        let (owner,): (String,) =
            sqlx::query_as("SELECT org_id FROM mail_domains WHERE domain = $1")
                .bind(&domain)
                .fetch_one(&mut *tx)
                .await?;
        if owner != actor.org_id {
            return Err(DomainError::invalid("domain", Reason::MailDomainTaken));
        }
        return Ok(domain);
    }
    let members: Vec<(String,)> =
        sqlx::query_as("SELECT account_id FROM product_access WHERE org_id = $1 AND product = $2")
            .bind(&actor.org_id)
            .bind(Product::Mail.code())
            .fetch_all(&mut *tx)
            .await?;
    let mut changed = Vec::new();
    for (member,) in &members {
        changed.extend(provision(&mut tx, &actor.org_id, member, now).await?);
    }
    let mailboxes: Vec<(String,)> =
        sqlx::query_as("SELECT id FROM mail_accounts WHERE org_id = $1 AND deleted_at = 0")
            .bind(&actor.org_id)
            .fetch_all(&mut *tx)
            .await?;
    for (mailbox,) in mailboxes {
        if give_address(&mut tx, &actor.org_id, &mailbox, now).await? {
            changed.push(mailbox);
        }
    }
    for mailbox in &changed {
        tx.collection_changed(CollectionKind::MailAccount, mailbox)
            .await?;
    }
    tx.commit().await?;
    Ok(domain)
}

/// Removes a domain no address uses any more. Administrators only.
pub async fn remove_domain(db: &Db, actor: &Actor, domain: &str) -> DomainResult<()> {
    require_administrator(actor)?;
    let domain = domain.trim().trim_end_matches('.').to_ascii_lowercase();
    let mut tx = db.write().await?;
    let (used,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM mail_addresses WHERE domain = $1")
        .bind(&domain)
        .fetch_one(&mut *tx)
        .await?;
    let gone = sqlx::query("DELETE FROM mail_domains WHERE domain = $1 AND org_id = $2")
        .bind(&domain)
        .bind(&actor.org_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if gone == 0 {
        return Err(DomainError::NotFound);
    }
    if used > 0 {
        return Err(DomainError::invalid("domain", Reason::MailDomainInUse));
    }
    tx.commit().await
}
