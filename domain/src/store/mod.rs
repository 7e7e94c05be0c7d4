//! The database: one sqlx `Any` pool over SQLite or PostgreSQL, migrated on open.
//!
//! Queries use `$1`-style placeholders, which both backends accept, so the domain has one code
//! path. Integers are BIGINT on PostgreSQL so both decode as `i64`.

mod backfills;
pub mod claim;
pub mod fts;

use crate::error::DomainResult;
use crate::live::{Bus, ChangeScope, CollectionKind, DataChange, LiveEvent};
use sqlx::any::AnyPoolOptions;
use sqlx::AnyConnection;
use sqlx::{AnyPool, Executor};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// Where committed changes are announced (see `crate::live`).
    live: Bus,
    /// SQLite's one writer, taken in turn: without it, writers that collide sleep in
    /// SQLite's busy handler (1, 2, 5, 10... ms) instead of starting as soon as the last
    /// commits. PostgreSQL locks rows, not the database, and does not take it.
    writer: Arc<tokio::sync::Mutex<()>>,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    /// The embedded default: `ksuite.db` inside `dir`, created if missing.
    pub async fn open_dir(dir: &Path) -> DomainResult<Db> {
        std::fs::create_dir_all(dir).map_err(|e| {
            tracing::error!(error = %e, dir = %dir.display(), "cannot create data dir");
            crate::DomainError::Internal
        })?;
        let url = format!("sqlite://{}?mode=rwc", dir.join("ksuite.db").display());
        Db::connect(&url).await
    }

    /// Opens `sqlite://...` or `postgres://...` and applies pending migrations.
    pub async fn connect(url: &str) -> DomainResult<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            Backend::Sqlite
        };
        let options = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 16 })
            .acquire_timeout(Duration::from_secs(10));
        let options = if backend == Backend::Sqlite {
            options.after_connect(|conn, _| Box::pin(async move { sqlite_pragmas(conn).await }))
        } else {
            options
        };
        let pool = options.connect(url).await?;
        let migrator = match backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&pool).await?;
        backfills::run_all(&pool).await?;
        let live = match backend {
            Backend::Sqlite => Bus::in_process(),
            Backend::Postgres => Bus::postgres(pool.clone(), url),
        };
        Ok(Db {
            pool,
            backend,
            live,
            writer: Arc::default(),
        })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn is_postgres(&self) -> bool {
        self.backend == Backend::Postgres
    }

    pub fn live(&self) -> &Bus {
        &self.live
    }

    /// A transaction that writes. On SQLite it takes the write lock at its start (`BEGIN
    /// IMMEDIATE`): a deferred transaction that reads first and writes later cannot wait for
    /// the lock when another writer holds it, and fails at once with "database is locked",
    /// while this one waits for the busy timeout, and is tried once more after it.
    pub async fn write(&self) -> DomainResult<WriteTx> {
        let turn = match self.backend {
            Backend::Sqlite => Some(self.writer.clone().lock_owned().await),
            Backend::Postgres => None,
        };
        let tx = if self.backend == Backend::Postgres {
            self.pool.begin().await?
        } else {
            match self.pool.begin_with("BEGIN IMMEDIATE").await {
                Err(err) if is_busy(&err) => {
                    tracing::warn!(error = %err, "the write lock stayed busy; trying once more");
                    self.pool.begin_with("BEGIN IMMEDIATE").await?
                }
                begun => begun?,
            }
        };
        Ok(WriteTx {
            tx,
            changes: Vec::new(),
            live: self.live.clone(),
            _turn: turn,
        })
    }

    pub async fn close(&self) {
        self.live.stop();
        self.pool.close().await;
    }
}

/// A transaction from `Db::write`. It collects the collections it changes and announces them
/// once it has committed, so no tab reads a change before it is there to read.
pub struct WriteTx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    changes: Vec<DataChange>,
    live: Bus,
    /// SQLite's writer turn, given back once the transaction is over (declared after `tx`,
    /// so it is dropped after it).
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl std::ops::Deref for WriteTx {
    type Target = AnyConnection;
    fn deref(&self) -> &AnyConnection {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut AnyConnection {
        &mut self.tx
    }
}

impl WriteTx {
    /// Marks a change of what the collection holds: its revision (which sync clients and the
    /// calendar's window cache compare) goes up, and its viewers hear of it. Returns the new
    /// revision (0 for a collection that is gone).
    pub async fn bump(&mut self, kind: CollectionKind, id: &str) -> DomainResult<i64> {
        self.touch(kind, id, ChangeScope::Items).await
    }

    /// Marks a change of the collection itself (created, renamed, shared, deleted, restored):
    /// its revision goes up and every member's list of collections is read again.
    pub async fn collection_changed(
        &mut self,
        kind: CollectionKind,
        id: &str,
    ) -> DomainResult<i64> {
        self.touch(kind, id, ChangeScope::Collection).await
    }

    pub async fn touch(
        &mut self,
        kind: CollectionKind,
        id: &str,
        scope: ChangeScope,
    ) -> DomainResult<i64> {
        let sql = format!(
            "UPDATE {} SET revision = revision + 1 WHERE id = $1 RETURNING org_id, revision",
            kind.table()
        );
        let found: Option<(String, i64)> = sqlx::query_as(&sql)
            .bind(id)
            .fetch_optional(&mut *self.tx)
            .await?;
        let Some((org_id, revision)) = found else {
            return Ok(0);
        };
        let change = DataChange {
            org_id,
            kind,
            collection_id: id.to_owned(),
            scope,
        };
        if !self.changes.contains(&change) {
            self.changes.push(change);
        }
        Ok(revision)
    }

    /// Commits, then tells this server's streams what changed; other servers hear it from
    /// PostgreSQL, which sends the notifications queued inside the transaction on commit.
    pub async fn commit(mut self) -> DomainResult<()> {
        let events: Vec<(String, LiveEvent)> = self
            .changes
            .drain(..)
            .map(|change| (change.org_id.clone(), LiveEvent::Change(change)))
            .collect();
        for (org, event) in &events {
            self.live.notify_in(&mut self.tx, org, event).await?;
        }
        self.tx.commit().await?;
        for (org, event) in events {
            self.live
                .deliver(std::collections::HashSet::from([org]), event);
        }
        Ok(())
    }

    pub async fn rollback(self) -> DomainResult<()> {
        Ok(self.tx.rollback().await?)
    }
}

/// SQLITE_BUSY and its extended codes (5, 261, 517...): the lock was not free in time.
fn is_busy(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Database(db) => db
            .code()
            .and_then(|code| code.parse::<i64>().ok())
            .is_some_and(|code| code & 0xff == 5),
        _ => false,
    }
}

/// A value of a row `insert_rows` writes.
#[derive(Debug, Clone)]
pub enum Value<'a> {
    Text(std::borrow::Cow<'a, str>),
    Int(i64),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(text: &'a str) -> Self {
        Value::Text(text.into())
    }
}

impl From<String> for Value<'_> {
    fn from(text: String) -> Self {
        Value::Text(text.into())
    }
}

impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}

/// The most parameters one statement binds: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_PARAMETERS: usize = 30_000;

/// Inserts `rows` (each a value per column) with one multi-row INSERT per few hundred rows:
/// an import of 10,000 items is a few dozen statements, not 10,000 round trips to the database.
pub async fn insert_rows(
    conn: &mut AnyConnection,
    table: &str,
    columns: &[&str],
    rows: &[Vec<Value<'_>>],
) -> DomainResult<()> {
    let per_statement = (MAX_PARAMETERS / columns.len()).clamp(1, 500);
    for chunk in rows.chunks(per_statement) {
        let tuples: Vec<String> = (0..chunk.len())
            .map(|r| format!("({})", leading(conn, r * columns.len() + 1, columns.len())))
            .collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES {}",
            columns.join(", "),
            tuples.join(", ")
        );
        bind_values(sqlx::query(&sql), chunk.iter().flatten())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

pub type AnyQuery<'q> = sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>;

/// Binds each value in turn, text or integer.
pub fn bind_values<'q>(
    mut query: AnyQuery<'q>,
    values: impl IntoIterator<Item = &'q Value<'q>>,
) -> AnyQuery<'q> {
    for value in values {
        query = match value {
            Value::Text(text) => query.bind(text.as_ref()),
            Value::Int(n) => query.bind(*n),
        };
    }
    query
}

/// Binds each value in turn, for the `IN (...)` list `placeholders` wrote.
pub fn bind_all<'q>(
    mut query: AnyQuery<'q>,
    values: impl IntoIterator<Item = &'q String>,
) -> AnyQuery<'q> {
    for value in values {
        query = query.bind(value.as_str());
    }
    query
}

/// `$first, $first+1, ...`: `n` placeholders for a short `IN (...)` list (a member's books or
/// calendars), bound after `first - 1` fixed parameters.
pub fn placeholders(first: usize, n: usize) -> String {
    (first..first + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The most ids one `IN (...)` list of `leading` placeholders holds.
pub const IDS_PER_STATEMENT: usize = 10_000;

/// `n` placeholders for values bound in order from parameter `first` on, when every parameter
/// before them is written the same way: `$first, ...` on PostgreSQL, anonymous `?` on SQLite.
/// sqlx asks SQLite the name of every parameter of a statement, which SQLite finds by walking
/// its list of names: thousands of named ones (`$n`, `?n`) cost their square, anonymous ones
/// have no name to find. Parameters after them are named, `$n+1`...: a few names cost nothing.
pub fn leading(conn: &AnyConnection, first: usize, n: usize) -> String {
    if conn.backend_name() == "SQLite" {
        vec!["?"; n].join(", ")
    } else {
        placeholders(first, n)
    }
}

/// WAL for concurrent readers, FULL sync because what we acknowledge must survive a crash,
/// foreign keys for cascades, and a busy timeout instead of immediate SQLITE_BUSY.
async fn sqlite_pragmas(conn: &mut AnyConnection) -> Result<(), sqlx::Error> {
    conn.execute(
        "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
    )
    .await?;
    Ok(())
}
