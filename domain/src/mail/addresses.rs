//! The addresses of a mailbox: the one it sends from (`first.last@domain` when made, which an
//! administrator may change) and its aliases, all on the organization's mail domains.

use super::address::{check_address, is_reserved, local_part_of, numbered};
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::live::CollectionKind;
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::Db;
use sqlx::AnyConnection;

/// Addresses (the primary one and aliases) one mailbox may have.
pub const MAX_ADDRESSES: i64 = 50;

/// The domain new members' addresses are made on: the organization's first.
pub(crate) async fn primary_domain(
    conn: &mut AnyConnection,
    org_id: &str,
) -> DomainResult<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT domain FROM mail_domains WHERE org_id = $1 ORDER BY created_at, domain LIMIT 1",
    )
    .bind(org_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(domain,)| domain))
}

async fn is_taken(conn: &mut AnyConnection, address: &str) -> DomainResult<bool> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT account_id FROM mail_addresses WHERE address = $1")
            .bind(address)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.is_some())
}

/// The mailbox the actor writes from, once they may, and the address it sends from (a mailbox
/// without one cannot write).
pub(crate) async fn writing_from(
    db: &Db,
    actor: &Actor,
    mailbox_id: &str,
) -> DomainResult<(super::store::MailAccountRow, String)> {
    let mut conn = db.pool().acquire().await?;
    let mailbox = super::store::writable_mailbox(&mut conn, actor, mailbox_id).await?;
    let address = primary_address(&mut conn, mailbox_id)
        .await?
        .ok_or_else(|| DomainError::invalid("from", Reason::MailNoAddress))?;
    Ok((mailbox, address))
}

/// Gives a mailbox without an address one on the organization's primary domain, made from its
/// owner's name and numbered when taken (`anna.keller2@…`). Returns whether it gave one.
/// The address a mailbox sends from, once the organization has a mail domain.
pub(crate) async fn primary_address(
    conn: &mut AnyConnection,
    account_id: &str,
) -> DomainResult<Option<String>> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT address FROM mail_addresses WHERE account_id = $1 AND is_primary = 1",
    )
    .bind(account_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(row.map(|(address,)| address))
}

pub(crate) async fn give_address(
    conn: &mut AnyConnection,
    org_id: &str,
    account_id: &str,
    now: i64,
) -> DomainResult<bool> {
    let Some(domain) = primary_domain(conn, org_id).await? else {
        return Ok(false);
    };
    if primary_address(conn, account_id).await?.is_some() {
        return Ok(false);
    }
    let (name,): (String,) = sqlx::query_as(
        "SELECT a.name FROM mail_accounts m JOIN accounts a ON a.id = m.owner_id WHERE m.id = $1",
    )
    .bind(account_id)
    .fetch_one(&mut *conn)
    .await?;
    let local = local_part_of(&name);
    let mut n = 1;
    // A reserved name (postmaster, abuse...) is never given alone: it starts numbered.
    if is_reserved(&local) {
        n = 2;
    }
    let address = loop {
        let address = format!("{}@{domain}", numbered(&local, n));
        if !is_taken(conn, &address).await? {
            break address;
        }
        n += 1;
    };
    insert(conn, account_id, &address, &domain, true, now).await?;
    Ok(true)
}

async fn insert(
    conn: &mut AnyConnection,
    account_id: &str,
    address: &str,
    domain: &str,
    primary: bool,
    now: i64,
) -> DomainResult<()> {
    sqlx::query(
        "INSERT INTO mail_addresses (address, account_id, domain, is_primary, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(address)
    .bind(account_id)
    .bind(domain)
    .bind(i64::from(primary))
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A mailbox of the administrator's organization, whose addresses they manage.
async fn managed_mailbox(conn: &mut AnyConnection, actor: &Actor, id: &str) -> DomainResult<()> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT org_id FROM mail_accounts WHERE id = $1 AND deleted_at = 0")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    match row {
        Some((org,)) if org == actor.org_id => {}
        _ => return Err(DomainError::NotFound),
    }
    if actor.role.is_administrator() {
        crate::mail::store::lock_mailbox(conn, id).await
    } else {
        Err(DomainError::forbidden(
            "only administrators change a mailbox's addresses",
        ))
    }
}

/// An address for the mailbox: checked, on one of the organization's domains, and free (or
/// already this mailbox's, returned as `true`).
async fn available(
    conn: &mut AnyConnection,
    actor: &Actor,
    account_id: &str,
    text: &str,
) -> DomainResult<(String, String, bool)> {
    let (address, at) = check_address(text)?;
    let domain = address[at + 1..].to_owned();
    let ours: Option<(String,)> =
        sqlx::query_as("SELECT domain FROM mail_domains WHERE domain = $1 AND org_id = $2")
            .bind(&domain)
            .bind(&actor.org_id)
            .fetch_optional(&mut *conn)
            .await?;
    if ours.is_none() {
        return Err(DomainError::invalid("address", Reason::MailDomainUnknown));
    }
    let owner: Option<(String,)> =
        sqlx::query_as("SELECT account_id FROM mail_addresses WHERE address = $1")
            .bind(&address)
            .fetch_optional(&mut *conn)
            .await?;
    match owner {
        Some((owner,)) if owner == account_id => Ok((address, domain, true)),
        Some(_) => Err(DomainError::invalid("address", Reason::MailAddressTaken)),
        None => Ok((address, domain, false)),
    }
}

async fn require_room(conn: &mut AnyConnection, account_id: &str) -> DomainResult<()> {
    let (count,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM mail_addresses WHERE account_id = $1")
            .bind(account_id)
            .fetch_one(&mut *conn)
            .await?;
    if count < MAX_ADDRESSES {
        Ok(())
    } else {
        Err(DomainError::limit(
            LimitKind::MailAddresses,
            MAX_ADDRESSES as u64,
        ))
    }
}

/// Makes `address` the one the mailbox sends from. The address it replaces stays as an alias,
/// so mail written to it still arrives. Administrators only.
pub async fn set_primary_address(
    db: &Db,
    actor: &Actor,
    account_id: &str,
    address: &str,
    now: i64,
) -> DomainResult<String> {
    save(db, actor, account_id, address, true, now).await
}

/// Adds an alias: mail to it arrives in the mailbox. Administrators only.
pub async fn add_alias(
    db: &Db,
    actor: &Actor,
    account_id: &str,
    address: &str,
    now: i64,
) -> DomainResult<String> {
    save(db, actor, account_id, address, false, now).await
}

/// Gives the mailbox `address` as its primary address or as an alias. An alias it already has
/// may become its primary address.
async fn save(
    db: &Db,
    actor: &Actor,
    account_id: &str,
    address: &str,
    primary: bool,
    now: i64,
) -> DomainResult<String> {
    let mut tx = db.write().await?;
    managed_mailbox(&mut tx, actor, account_id).await?;
    let (address, domain, already) = available(&mut tx, actor, account_id, address).await?;
    if already && !primary {
        return Err(DomainError::invalid("address", Reason::MailAddressTaken));
    }
    if !already {
        require_room(&mut tx, account_id).await?;
    }
    if primary {
        sqlx::query("UPDATE mail_addresses SET is_primary = 0 WHERE account_id = $1")
            .bind(account_id)
            .execute(&mut *tx)
            .await?;
    }
    if already {
        sqlx::query("UPDATE mail_addresses SET is_primary = 1 WHERE address = $1")
            .bind(&address)
            .execute(&mut *tx)
            .await?;
    } else {
        insert(&mut tx, account_id, &address, &domain, primary, now).await?;
    }
    tx.collection_changed(CollectionKind::MailAccount, account_id)
        .await?;
    tx.commit().await?;
    Ok(address)
}

/// Removes an alias; the address the mailbox sends from stays until another replaces it.
/// Administrators only.
pub async fn remove_alias(
    db: &Db,
    actor: &Actor,
    account_id: &str,
    address: &str,
) -> DomainResult<()> {
    let address = address.trim().to_ascii_lowercase();
    let mut tx = db.write().await?;
    managed_mailbox(&mut tx, actor, account_id).await?;
    let row: Option<(i64,)> = sqlx::query_as(
        "SELECT is_primary FROM mail_addresses WHERE address = $1 AND account_id = $2",
    )
    .bind(&address)
    .bind(account_id)
    .fetch_optional(&mut *tx)
    .await?;
    match row {
        None => return Err(DomainError::NotFound),
        Some((1,)) => {
            return Err(DomainError::forbidden(
                "the address a mailbox sends from stays until another replaces it",
            ))
        }
        Some(_) => {}
    }
    sqlx::query("DELETE FROM mail_addresses WHERE address = $1")
        .bind(&address)
        .execute(&mut *tx)
        .await?;
    tx.collection_changed(CollectionKind::MailAccount, account_id)
        .await?;
    tx.commit().await
}
