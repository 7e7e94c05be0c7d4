//! Mailboxes: each member with Mail gets one, named after them, with the suite's folders and,
//! once the organization has a mail domain, a `first.last@domain` address. A mailbox is a
//! collection like a calendar: one access check, shares, live events.

use super::model::MailboxView;
use super::store::{mailbox_access, require_product, MailAccountRow};
use super::{addresses, folders};
use crate::auth::validate::{normalize_name, refuse_controls, Lines};
use crate::collections;
use crate::error::{DomainError, DomainResult};
use crate::live::CollectionKind;
use crate::org::Actor;
use crate::reason::Reason;
use crate::sharing::listing::{self, Entry, Listed};
use crate::sharing::shares::Collection;
use crate::sharing::Permission;
use crate::store::{placeholders, Db};
use sqlx::{AnyConnection, Row};
use std::collections::HashMap;

/// A signature's length, in characters.
pub const MAX_SIGNATURE: usize = 10_000;

/// Every mailbox the member sees here: their own first, then those shared with them. A member
/// who owns none gets one on their first visit.
pub async fn list_mailboxes(db: &Db, actor: &Actor, now: i64) -> DomainResult<Vec<MailboxView>> {
    require_product(actor)?;
    let views = visible_mailboxes(db, actor).await?;
    if views.iter().any(|v| v.access == Permission::Owner) {
        return Ok(views);
    }
    let mut tx = db.write().await?;
    if let Some(id) = provision(&mut tx, &actor.org_id, &actor.account_id, now).await? {
        tx.collection_changed(CollectionKind::MailAccount, &id)
            .await?;
    }
    tx.commit().await?;
    visible_mailboxes(db, actor).await
}

async fn visible_mailboxes(db: &Db, actor: &Actor) -> DomainResult<Vec<MailboxView>> {
    let mut views =
        listing::visible::<MailAccountRow, _>(db, actor, "1 AS one", "", |row, access| {
            let mailbox = MailAccountRow::from_row(row)?;
            Ok(MailboxView {
                id: mailbox.id,
                name: mailbox.name,
                address: String::new(),
                aliases: Vec::new(),
                owner_id: mailbox.owner_id,
                owner_name: row.try_get("owner_name")?,
                access,
                is_default: false,
            })
        })
        .await?;
    let ids: Vec<String> = views.iter().map(|v| v.id.clone()).collect();
    let mut found = addresses_of(db, &ids).await?;
    for view in &mut views {
        if let Some(mut all) = found.remove(&view.id) {
            if let Some(at) = all.iter().position(|(_, primary)| *primary) {
                view.address = all.remove(at).0;
            }
            view.aliases = all.into_iter().map(|(address, _)| address).collect();
        }
    }
    Ok(views)
}

/// The addresses of each mailbox, each with whether it is the primary one, by address.
async fn addresses_of(
    db: &Db,
    ids: &[String],
) -> DomainResult<HashMap<String, Vec<(String, bool)>>> {
    let mut found: HashMap<String, Vec<(String, bool)>> = HashMap::new();
    if ids.is_empty() {
        return Ok(found);
    }
    let sql = format!(
        "SELECT account_id, address, is_primary FROM mail_addresses
         WHERE account_id IN ({}) ORDER BY address",
        placeholders(1, ids.len())
    );
    let rows: Vec<(String, String, i64)> = crate::store::bind_all(sqlx::query(&sql), ids)
        .fetch_all(db.pool())
        .await?
        .iter()
        .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
        .collect::<DomainResult<_>>()?;
    for (account, address, primary) in rows {
        found
            .entry(account)
            .or_default()
            .push((address, primary != 0));
    }
    Ok(found)
}

impl Listed for MailboxView {
    fn entry(&self) -> Entry<'_> {
        Entry {
            access: self.access,
            is_default: self.is_default,
            takes_items: self.access.can_write(),
            computed: false,
            name: &self.name,
        }
    }

    fn set_default(&mut self, is_default: bool) {
        self.is_default = is_default;
    }
}

/// Makes the member's first mailbox unless they have it: named after them, with the suite's
/// folders and an address on the organization's primary domain when it has one. Its id is
/// fixed, so two first visits at once make one. Returns its id when it made it.
pub(crate) async fn provision(
    conn: &mut AnyConnection,
    org_id: &str,
    account_id: &str,
    now: i64,
) -> DomainResult<Option<String>> {
    let id = collections::first_id(org_id, account_id, CollectionKind::MailAccount);
    let made = sqlx::query(
        "INSERT INTO mail_accounts (id, org_id, owner_id, name, created_at)
         SELECT $1, $2, $3, name, $4 FROM accounts WHERE id = $3
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(&id)
    .bind(org_id)
    .bind(account_id)
    .bind(now)
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1;
    if !made {
        return Ok(None);
    }
    folders::insert_defaults(conn, &id, now).await?;
    addresses::give_address(conn, org_id, &id, now).await?;
    Ok(Some(id))
}

/// Changes the name messages are sent under and the signature: those who may manage the
/// mailbox (its owner).
pub async fn update_mailbox(
    db: &Db,
    actor: &Actor,
    id: &str,
    name: &str,
    signature: &str,
) -> DomainResult<()> {
    let name = normalize_name(name)?;
    refuse_controls("signature", signature, Lines::Several)?;
    if signature.chars().count() > MAX_SIGNATURE {
        return Err(DomainError::invalid("signature", Reason::FieldTooLong));
    }
    let mut tx = db.write().await?;
    let (_, access) = mailbox_access(&mut tx, actor, id).await?;
    if !access.can_manage() {
        return Err(DomainError::forbidden(
            "only the owner changes a mailbox's name and signature",
        ));
    }
    sqlx::query("UPDATE mail_accounts SET name = $2, signature = $3 WHERE id = $1")
        .bind(id)
        .bind(&name)
        .bind(signature.trim_end())
        .execute(&mut *tx)
        .await?;
    tx.collection_changed(CollectionKind::MailAccount, id)
        .await?;
    tx.commit().await
}
