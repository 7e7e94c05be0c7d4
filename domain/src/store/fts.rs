//! Full-text search, the one place its SQL differs by database: SQLite's FTS5 and PostgreSQL's
//! tsvector. Both are given the same words (`mail::search::words`: lower case, no accents)
//! and match words by prefix, so "budg" finds "Budget" on either.

use crate::error::DomainResult;
use crate::mail::search::words;
use sqlx::AnyConnection;

/// The body's text indexed: a tsvector must stay under 1 MB (its words and their positions
/// take more than the text), and what matters is near the top.
const MAX_BODY_BYTES: usize = 128 * 1024;
/// The other fields: a subject, names and addresses.
const MAX_FIELD_BYTES: usize = 16 * 1024;

/// What is indexed of a message.
pub struct Document<'a> {
    pub subject: &'a str,
    pub sender: &'a str,
    pub recipients: &'a str,
    pub body: &'a str,
}

/// Where a word is looked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Anywhere,
    Subject,
    Sender,
    Recipients,
}

fn is_postgres(conn: &AnyConnection) -> bool {
    conn.backend_name() == "PostgreSQL"
}

fn normalized(text: &str, max_bytes: usize) -> String {
    let mut out = String::new();
    for word in words(text) {
        if out.len() + word.len() + 1 > max_bytes {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&word);
    }
    out
}

/// Indexes the message `num`, inside the caller's transaction.
pub async fn index(conn: &mut AnyConnection, num: i64, doc: &Document<'_>) -> DomainResult<()> {
    let sql = if is_postgres(conn) {
        "INSERT INTO mail_search (num, doc) VALUES ($1,
            setweight(to_tsvector('simple', $2), 'A') || setweight(to_tsvector('simple', $3), 'B')
            || setweight(to_tsvector('simple', $4), 'C') || setweight(to_tsvector('simple', $5), 'D'))"
    } else {
        "INSERT INTO mail_search (rowid, subject, sender, recipients, body)
         VALUES ($1, $2, $3, $4, $5)"
    };
    sqlx::query(sql)
        .bind(num)
        .bind(normalized(doc.subject, MAX_FIELD_BYTES))
        .bind(normalized(doc.sender, MAX_FIELD_BYTES))
        .bind(normalized(doc.recipients, MAX_FIELD_BYTES))
        .bind(normalized(doc.body, MAX_BODY_BYTES))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Forgets the message `num`.
pub async fn unindex(conn: &mut AnyConnection, num: i64) -> DomainResult<()> {
    let sql = if is_postgres(conn) {
        "DELETE FROM mail_search WHERE num = $1"
    } else {
        "DELETE FROM mail_search WHERE rowid = $1"
    };
    sqlx::query(sql).bind(num).execute(&mut *conn).await?;
    Ok(())
}

/// How a query reaches the messages holding every one of `terms` (normalised words, each
/// where its field says): what it reads `FROM` (message rows aliased `m`) and the condition
/// on them, with the one value it binds as `$param`.
pub struct Matching {
    pub from: &'static str,
    pub condition: String,
    pub query: String,
}

/// SQLite keeps no statistics on an FTS5 table, so it cannot choose on its own between reading
/// the messages that hold the words from the full-text index (then their rows, then sorting
/// them) and walking the searched folders in the order asked, looking each message up in the
/// index's answer (which stops at the page and counts on the folder's index alone). The first
/// is cheaper while the words are in at most one message in this many of the folders'.
const FEW_HITS_ONE_IN: u64 = 8;

/// How to reach the messages holding `terms`, among the `messages` of the folders searched.
pub async fn matching(
    conn: &mut AnyConnection,
    terms: &[(Field, String)],
    param: usize,
    messages: u64,
) -> DomainResult<Matching> {
    if is_postgres(conn) {
        // PostgreSQL's planner knows how common a word is from its statistics.
        return Ok(Matching {
            from: "mail_messages m",
            condition: format!(
                "m.num IN (SELECT num FROM mail_search WHERE doc @@ to_tsquery('simple', ${param}))"
            ),
            query: query_text(terms, true),
        });
    }
    let query = query_text(terms, false);
    let few = i64::try_from(messages / FEW_HITS_ONE_IN).unwrap_or(i64::MAX);
    let (hits,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM (SELECT 1 FROM mail_search WHERE mail_search MATCH $1 LIMIT $2)",
    )
    .bind(&query)
    .bind(few.saturating_add(1))
    .fetch_one(&mut *conn)
    .await?;
    Ok(if hits <= few {
        Matching {
            from: "mail_search CROSS JOIN mail_messages m ON m.num = mail_search.rowid",
            condition: format!("mail_search MATCH ${param}"),
            query,
        }
    } else {
        Matching {
            from: "mail_messages m",
            condition: format!(
                "m.num IN (SELECT rowid FROM mail_search WHERE mail_search MATCH ${param})"
            ),
            query,
        }
    })
}

/// The words as the database's query reads them, every one required, each a prefix, in its
/// field's part: PostgreSQL's `to_tsquery` names the part by its weight, FTS5's `MATCH` by its
/// column. The words are normalised (letters and digits), so neither syntax needs quoting.
fn query_text(terms: &[(Field, String)], postgres: bool) -> String {
    let parts = terms.iter().map(|(field, word)| {
        let (weight, column) = match field {
            Field::Anywhere => ("", ""),
            Field::Subject => ("A", "subject : "),
            Field::Sender => ("B", "sender : "),
            Field::Recipients => ("C", "recipients : "),
        };
        if postgres {
            format!("'{word}':*{weight}")
        } else {
            format!("{column}\"{word}\"*")
        }
    });
    parts
        .collect::<Vec<_>>()
        .join(if postgres { " & " } else { " " })
}
