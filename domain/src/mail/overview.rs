//! The Home widget's look at the member's mail: how many unread messages each mailbox's Inbox
//! holds, and the newest of them across the mailboxes.

use super::accounts::list_mailboxes;
use super::embedded::list::summaries;
use super::embedded::SEEN;
use super::model::{FolderRole, MailOverview, MailboxUnread, MessageSummary};
use crate::error::DomainResult;
use crate::org::Actor;
use crate::store::Db;

/// The newest unread messages the widget lists.
pub const LATEST: usize = 5;

/// A folder's newest unread messages. The folder's date index holds the flags: this walks it
/// from the newest end through the read messages to the unread ones, reading no row. (An index
/// of the unread alone would skip the read ones, but SQLite, without statistics, prefers the
/// date index, which covers the query too.)
const NEWEST_UNREAD: &str =
    "SELECT num FROM mail_messages WHERE folder_id = $1 AND (flags & $2) = 0
     ORDER BY received_at DESC, num DESC LIMIT $3";

/// The member's mailboxes here with their Inbox's unread count, and the `LATEST` newest unread
/// messages of those Inboxes, newest first.
pub async fn overview(db: &Db, actor: &Actor, now: i64) -> DomainResult<MailOverview> {
    let mailboxes = list_mailboxes(db, actor, now).await?;
    let mut conn = db.pool().acquire().await?;
    let mut counts = Vec::with_capacity(mailboxes.len());
    let mut latest: Vec<MessageSummary> = Vec::new();
    for mailbox in mailboxes {
        let inbox: Option<(String, i64)> = sqlx::query_as(
            "SELECT id, unread FROM mail_folders WHERE account_id = $1 AND role = $2",
        )
        .bind(&mailbox.id)
        .bind(FolderRole::Inbox.code())
        .fetch_optional(&mut *conn)
        .await?;
        let Some((inbox, unread)) = inbox else {
            continue;
        };
        // Nothing unread, nothing to walk for.
        if unread > 0 {
            let nums: Vec<(i64,)> = sqlx::query_as(NEWEST_UNREAD)
                .bind(&inbox)
                .bind(SEEN)
                .bind(LATEST as i64)
                .fetch_all(&mut *conn)
                .await?;
            let nums: Vec<i64> = nums.into_iter().map(|(n,)| n).collect();
            latest.extend(summaries(&mut conn, &nums).await?);
        }
        counts.push(MailboxUnread {
            id: mailbox.id,
            name: mailbox.name,
            address: mailbox.address,
            unread: u64::try_from(unread).unwrap_or(0),
        });
    }
    latest.sort_by_key(|m| std::cmp::Reverse(m.received_at));
    latest.truncate(LATEST);
    Ok(MailOverview {
        mailboxes: counts,
        latest,
    })
}
