//! A mailbox's message lists: a window of a folder in any sort, or of a search, with the total
//! and the state it was read at. The member needs only to see the mailbox.

use super::embedded::list::{folder_window, position_of, search_window, summaries, Filter, Window};
use super::model::{FolderRole, ListPage, ListQuery};
use super::search::{parse_query, SearchQuery};
use super::store::mailbox_access;
use crate::calendar::days::Day;
use crate::error::{DomainError, DomainResult};
use crate::org::Actor;
use crate::store::fts::Field;
use crate::store::Db;
use sqlx::AnyConnection;

/// The most rows one window holds.
pub const MAX_WINDOW: u32 = 200;

pub async fn list_messages(db: &Db, actor: &Actor, query: &ListQuery) -> DomainResult<ListPage> {
    let mut conn = db.pool().acquire().await?;
    mailbox_access(&mut conn, actor, &query.mailbox_id).await?;
    let (state,): (i64,) = sqlx::query_as("SELECT revision FROM mail_accounts WHERE id = $1")
        .bind(&query.mailbox_id)
        .fetch_one(&mut *conn)
        .await?;
    let mut window = Window {
        sort: query.sort,
        ascending: query.ascending,
        position: u64::from(query.position),
        limit: u64::from(query.limit.clamp(1, MAX_WINDOW)),
    };
    let (nums, total) = if query.search.trim().is_empty() {
        let total = folder_total(&mut conn, &query.mailbox_id, &query.folder_id).await?;
        // An anchor that has left the folder (moved, deleted) leaves the position asked.
        if let Some(anchor) = &query.anchor {
            match position_of(&mut conn, &query.folder_id, anchor, window).await {
                Ok(at) => {
                    window.position = at.saturating_add_signed(i64::from(query.anchor_offset))
                }
                Err(DomainError::NotFound) => {}
                Err(other) => return Err(other),
            }
        }
        let nums = folder_window(&mut conn, &query.folder_id, total, window).await?;
        (nums, total)
    } else {
        let search = parse_query(&query.search);
        let filter = filter(&mut conn, query, &search).await?;
        search_window(&mut conn, &filter, window).await?
    };
    Ok(ListPage {
        position: u32::try_from(window.position).unwrap_or(u32::MAX),
        total,
        rows: summaries(&mut conn, &nums).await?,
        state,
    })
}

async fn folder_total(
    conn: &mut AnyConnection,
    mailbox_id: &str,
    folder_id: &str,
) -> DomainResult<u64> {
    let row: Option<(i64,)> =
        sqlx::query_as("SELECT total FROM mail_folders WHERE id = $1 AND account_id = $2")
            .bind(folder_id)
            .bind(mailbox_id)
            .fetch_optional(&mut *conn)
            .await?;
    let (total,) = row.ok_or(DomainError::NotFound)?;
    Ok(u64::try_from(total).unwrap_or(0))
}

/// The search's folders and conditions: `in:` names a folder by role or name, else the folder
/// the list shows, else every folder but Spam and Trash.
async fn filter(
    conn: &mut AnyConnection,
    query: &ListQuery,
    search: &SearchQuery,
) -> DomainResult<Filter> {
    struct Folder {
        id: String,
        role: String,
        name_key: String,
        total: i64,
    }
    let folders: Vec<Folder> =
        sqlx::query_as("SELECT id, role, name_key, total FROM mail_folders WHERE account_id = $1")
            .bind(&query.mailbox_id)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|(id, role, name_key, total)| Folder {
                id,
                role,
                name_key,
                total,
            })
            .collect();
    let chosen: Vec<&Folder> = if let Some(named) = &search.folder {
        let key = crate::locale::sort_key(named);
        folders
            .iter()
            .filter(|f| f.role == key || f.name_key == key)
            .collect()
    } else if !query.folder_id.is_empty() {
        let shown = folders.iter().find(|f| f.id == query.folder_id);
        vec![shown.ok_or(DomainError::NotFound)?]
    } else {
        let hidden = [FolderRole::Spam.code(), FolderRole::Trash.code()];
        folders
            .iter()
            .filter(|f| !hidden.contains(&f.role.as_str()))
            .collect()
    };
    let fields = [
        (Field::Anywhere, &search.words),
        (Field::Sender, &search.from),
        (Field::Recipients, &search.to),
        (Field::Subject, &search.subject),
    ];
    Ok(Filter {
        folders: chosen.iter().map(|f| f.id.clone()).collect(),
        messages: chosen
            .iter()
            .map(|f| u64::try_from(f.total).unwrap_or(0))
            .sum(),
        words: fields
            .iter()
            .flat_map(|(field, words)| words.iter().map(|w| (*field, w.clone())))
            .collect(),
        has_attachment: search.has_attachment,
        unread: search.unread,
        starred: search.starred,
        before: search.before.map(start_of),
        after: search.after.map(start_of),
    })
}

/// The day's first second, UTC.
fn start_of(day: Day) -> i64 {
    let epoch = Day::from_ymd(1970, 1, 1).unwrap_or_default();
    epoch.days_until(day) * 86_400
}
