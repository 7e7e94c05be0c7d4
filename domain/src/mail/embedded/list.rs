//! Windows of a folder's list, fast at any position of a folder of 100,000 messages: the
//! database walks one index per sort (`(folder_id, key, num)`, which covers the walk) to the
//! window's first row, from whichever end is nearer, and only the window's rows are read. A
//! search filters the mailbox's rows the same way, its words through the full-text index.

use crate::error::{DomainError, DomainResult};
use crate::mail::model::{MailSort, MessageSummary};
use crate::store::fts::{self, Field};
use crate::store::{bind_values, placeholders, Value};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use super::{ANSWERED, FLAGGED, SEEN};

/// The sort's key column: each has its index with the folder and `num`.
fn column(sort: MailSort) -> &'static str {
    match sort {
        MailSort::Date => "received_at",
        MailSort::From => "sort_from",
        MailSort::Subject => "sort_subject",
        MailSort::Size => "size",
    }
}

/// A window's place in an ordered list.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Window {
    pub sort: MailSort,
    pub ascending: bool,
    pub position: u64,
    pub limit: u64,
}

impl Window {
    fn order(&self, reversed: bool) -> String {
        let dir = if self.ascending != reversed {
            "ASC"
        } else {
            "DESC"
        };
        format!("m.{} {dir}, m.num {dir}", column(self.sort))
    }
}

/// The `num`s of the folder's window, walking from the nearer end of the index.
pub(crate) async fn folder_window(
    conn: &mut AnyConnection,
    folder_id: &str,
    total: u64,
    window: Window,
) -> DomainResult<Vec<i64>> {
    let end = (window.position + window.limit).min(total);
    if window.position >= end {
        return Ok(Vec::new());
    }
    let count = end - window.position;
    let from_end = total - end;
    let reversed = from_end < window.position;
    let offset = if reversed { from_end } else { window.position };
    let sql = window_sql(window, reversed);
    let mut nums: Vec<i64> = sqlx::query_as::<_, (i64,)>(&sql)
        .bind(folder_id)
        .bind(count as i64)
        .bind(offset as i64)
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .map(|(n,)| n)
        .collect();
    if reversed {
        nums.reverse();
    }
    Ok(nums)
}

/// The walk of a folder's index: `$1` the folder, `$2` how many, `$3` how many to skip.
fn window_sql(window: Window, reversed: bool) -> String {
    format!(
        "SELECT m.num FROM mail_messages m WHERE m.folder_id = $1 ORDER BY {} LIMIT $2 OFFSET $3",
        window.order(reversed)
    )
}

/// How many of the folder's messages come before `message_id` in the window's order; a
/// message not in the folder is `NotFound`.
pub(crate) async fn position_of(
    conn: &mut AnyConnection,
    folder_id: &str,
    message_id: &str,
    window: Window,
) -> DomainResult<u64> {
    let key = column(window.sort);
    let sql = format!("SELECT {key}, num FROM mail_messages WHERE id = $1 AND folder_id = $2");
    let row = sqlx::query(&sql)
        .bind(message_id)
        .bind(folder_id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(DomainError::NotFound)?;
    let before = if window.ascending { "<" } else { ">" };
    let sql = format!(
        "SELECT COUNT(*) FROM mail_messages WHERE folder_id = $1 AND ({key}, num) {before} ($2, $3)"
    );
    let query = sqlx::query_as::<_, (i64,)>(&sql).bind(folder_id);
    let query = match window.sort {
        MailSort::Date | MailSort::Size => query.bind(row.try_get::<i64, _>(0)?),
        MailSort::From | MailSort::Subject => query.bind(row.try_get::<String, _>(0)?),
    };
    let (count,) = query
        .bind(row.try_get::<i64, _>(1)?)
        .fetch_one(&mut *conn)
        .await?;
    Ok(u64::try_from(count).unwrap_or(0))
}

/// What a search asks of the mailbox's messages, each part already resolved.
#[derive(Debug, Default)]
pub(crate) struct Filter {
    /// The folders searched, all of the one mailbox: a message's folder says whose it is.
    pub folders: Vec<String>,
    /// How many messages they hold.
    pub messages: u64,
    pub words: Vec<(Field, String)>,
    pub has_attachment: bool,
    pub unread: bool,
    pub starred: bool,
    pub before: Option<i64>,
    pub after: Option<i64>,
}

/// The `num`s of a search's window and how many messages it finds in all. Every condition
/// but the words is on a column of the date index, so a count walks that index alone.
pub(crate) async fn search_window(
    conn: &mut AnyConnection,
    filter: &Filter,
    window: Window,
) -> DomainResult<(Vec<i64>, u64)> {
    if filter.folders.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let mut values: Vec<Value> = Vec::new();
    let mut conditions = vec![format!(
        "m.folder_id IN ({})",
        placeholders(1, filter.folders.len())
    )];
    values.extend(filter.folders.iter().map(|f| Value::from(f.as_str())));
    if filter.has_attachment {
        conditions.push("m.has_attachment = 1".into());
    }
    if filter.unread {
        conditions.push(format!("(m.flags & {SEEN}) = 0"));
    }
    if filter.starred {
        conditions.push(format!("(m.flags & {FLAGGED}) <> 0"));
    }
    for (bound, op) in [(filter.before, "<"), (filter.after, ">=")] {
        if let Some(at) = bound {
            values.push(at.into());
            conditions.push(format!("m.received_at {op} ${}", values.len()));
        }
    }
    let mut from = "mail_messages m";
    if !filter.words.is_empty() {
        let matching =
            fts::matching(conn, &filter.words, values.len() + 1, filter.messages).await?;
        values.push(matching.query.into());
        conditions.push(matching.condition);
        from = matching.from;
    }
    let filtered = conditions.join(" AND ");
    let count_sql = format!("SELECT COUNT(*) FROM {from} WHERE {filtered}");
    let total: i64 = bind_values(sqlx::query(&count_sql), &values)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?;
    let rows_sql = format!(
        "SELECT m.num FROM {from} WHERE {filtered} ORDER BY {} LIMIT {} OFFSET {}",
        window.order(false),
        window.limit,
        window.position
    );
    let nums = bind_values(sqlx::query(&rows_sql), &values)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| row.try_get(0))
        .collect::<Result<Vec<i64>, _>>()?;
    Ok((nums, u64::try_from(total).unwrap_or(0)))
}

/// The rows of `nums`, in that order.
pub(crate) async fn summaries(
    conn: &mut AnyConnection,
    nums: &[i64],
) -> DomainResult<Vec<MessageSummary>> {
    if nums.is_empty() {
        return Ok(Vec::new());
    }
    let list = nums
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT num, id, thread_id, folder_id, from_name, from_address, recipients, subject,
            snippet, received_at, size, flags, has_attachment
         FROM mail_messages WHERE num IN ({list})"
    );
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    let mut found: std::collections::HashMap<i64, MessageSummary> =
        std::collections::HashMap::with_capacity(rows.len());
    for row in &rows {
        found.insert(row.try_get("num")?, summary(row)?);
    }
    Ok(nums.iter().filter_map(|n| found.remove(n)).collect())
}

fn summary(row: &AnyRow) -> DomainResult<MessageSummary> {
    let flags: i64 = row.try_get("flags")?;
    Ok(MessageSummary {
        id: row.try_get("id")?,
        thread_id: row.try_get("thread_id")?,
        folder_id: row.try_get("folder_id")?,
        from_name: row.try_get("from_name")?,
        from_address: row.try_get("from_address")?,
        recipients: row.try_get("recipients")?,
        subject: row.try_get("subject")?,
        snippet: row.try_get("snippet")?,
        received_at: row.try_get("received_at")?,
        size: u64::try_from(row.try_get::<i64, _>("size")?).unwrap_or(0),
        unread: flags & SEEN == 0,
        flagged: flags & FLAGGED != 0,
        answered: flags & ANSWERED != 0,
        has_attachment: row.try_get::<i64, _>("has_attachment")? != 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Executor;

    /// The budget of a window at any position holds only while the database walks an index in
    /// the order asked; a sort step would read the whole folder first.
    #[tokio::test]
    async fn every_sort_walks_its_index_without_sorting() {
        let t = crate::testing::TestDb::new().await;
        let mut conn = t.db.pool().acquire().await.unwrap();
        let postgres = t.db.is_postgres();
        if postgres {
            // A table this small is cheaper to sort; the question is whether an index can
            // give the order at all.
            conn.execute("SET enable_seqscan = off").await.unwrap();
        }
        for sort in MailSort::ALL {
            for (ascending, reversed) in
                [(false, false), (false, true), (true, false), (true, true)]
            {
                let window = Window {
                    sort,
                    ascending,
                    position: 0,
                    limit: 50,
                };
                let sql = window_sql(window, reversed);
                let (explain, detail) = if postgres {
                    ("EXPLAIN", 0)
                } else {
                    ("EXPLAIN QUERY PLAN", 3)
                };
                let plan: Vec<String> = sqlx::query(&format!("{explain} {sql}"))
                    .bind("f")
                    .bind(50_i64)
                    .bind(10_i64)
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap()
                    .iter()
                    .map(|row| row.try_get::<String, _>(detail).unwrap())
                    .collect();
                let text = plan.join("\n");
                assert!(
                    !text.contains("TEMP B-TREE") && !text.contains("Sort"),
                    "{sort:?}: {text}"
                );
                let index = format!("mail_messages_by_{}", sort.code());
                assert!(text.contains(&index), "{sort:?}: {text}");
            }
        }
    }
}
