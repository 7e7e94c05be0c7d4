//! Large binary objects (event attachments, later raw mail): files named by the SHA-256 of
//! their bytes under a directory, so the same file attached twice is stored once. Each place a
//! file is attached counts against its organization's quota (see `quota`).
//!
//! A file is written to a temporary name while it arrives; once whole, the database learns that
//! it is wanted, the file is flushed and moved into place, and only then attached: what the
//! server acknowledged survives a crash, and a crash in between leaves a blob nothing refers to,
//! which the collector removes.

mod dir;
mod quota;

pub use quota::{require_fits, require_free, require_room, set_quota, storage_of, usage};

use crate::error::{DomainError, DomainResult, LimitKind};
use crate::store::Db;
use sha2::{Digest, Sha256};
use std::path::PathBuf;
use std::sync::Arc;

/// The files attached to messages being written (`mail::uploads`) that no message waiting to
/// be sent and no draft holds: each counts on its own (against the quota and the files a
/// member may have waiting) and is forgotten a day after it was attached. A held file is in
/// its holder's stored bytes, which count instead.
pub(crate) const UNHELD_UPLOAD: &str = "(outgoing_id = ''
    OR (outgoing_id NOT IN (SELECT id FROM mail_outgoing)
        AND outgoing_id NOT IN (SELECT id FROM mail_drafts)))";

/// A table whose `blob_hash` column keeps a blob alive, and which of its rows count against
/// their organization's quota (by their `org_id` and `size`), as an SQL condition.
struct Reference {
    table: &'static str,
    counted: Option<&'static str>,
}

const REFERENCES: &[Reference] = &[
    Reference {
        table: "calendar_attachments",
        counted: Some("TRUE"),
    },
    Reference {
        table: "mail_messages",
        counted: Some("TRUE"),
    },
    Reference {
        table: "mail_outgoing",
        counted: Some("TRUE"),
    },
    // A file held by a message waiting to be sent, or by a draft, is in its bytes too.
    Reference {
        table: "mail_uploads",
        counted: Some(UNHELD_UPLOAD),
    },
    // A message to other servers is the bytes of its Sent copy, counted there.
    Reference {
        table: "outbox",
        counted: None,
    },
];

/// How long an unreferenced blob is kept: longer than any upload takes between storing its file
/// and recording it.
pub const GRACE_SECS: i64 = 24 * 3600;

/// Where blobs are kept. One backend today, a directory; an S3-compatible store would be another
/// behind the same calls (`stage`, `file`, `collect_garbage`).
#[derive(Clone, Debug)]
pub struct Blobs {
    dir: Arc<dir::DirStore>,
}

/// A file's content address: 64 lowercase hex digits.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlobHash(String);

impl BlobHash {
    /// A hash read back from the database; anything else is refused so it can never name a path
    /// outside the store.
    pub fn parse(text: &str) -> Option<BlobHash> {
        (text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')))
            .then(|| BlobHash(text.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Blobs {
    /// Blobs under `root` (created when missing).
    pub fn in_dir(root: PathBuf) -> Blobs {
        Blobs {
            dir: Arc::new(dir::DirStore::new(root)),
        }
    }

    /// Starts receiving a file of at most `max_bytes`; a larger one is refused naming that
    /// limit, in megabytes, as `limit`.
    pub async fn stage(&self, max_bytes: u64, limit: LimitKind) -> DomainResult<Staged> {
        Ok(Staged {
            temp: self.dir.temp_file().await?,
            hasher: Sha256::new(),
            size: 0,
            max_bytes,
            limit,
            dir: Arc::clone(&self.dir),
        })
    }

    /// The stored file of `hash`, for serving (with range requests) by the caller.
    pub fn file(&self, hash: &BlobHash) -> PathBuf {
        self.dir.path_of(hash)
    }

    /// The bytes of the stored file of `hash`. It was recorded before it was referenced, so one
    /// missing is the server's fault (a store lost or moved), logged for its operator.
    pub async fn read(&self, hash: &BlobHash) -> DomainResult<Vec<u8>> {
        tokio::fs::read(self.file(hash)).await.map_err(|e| {
            tracing::error!(error = %e, hash = hash.as_str(), "a stored file cannot be read");
            DomainError::Internal
        })
    }

    /// Removes the blobs no table refers to any more and unused for `GRACE_SECS`; returns how
    /// many. Run by the server's maintenance job.
    ///
    /// Each blob's row is deleted and its file removed inside one transaction: an upload of
    /// the same bytes records its row first (waiting for that transaction) and moves its file
    /// in after, so it never loses its file to the collector.
    pub async fn collect_garbage(&self, db: &Db, now: i64) -> DomainResult<u64> {
        let cutoff = now - GRACE_SECS;
        self.dir.remove_stale_temps(cutoff).await?;
        let unreferenced: String = REFERENCES
            .iter()
            .map(|r| {
                let table = r.table;
                format!(" AND NOT EXISTS (SELECT 1 FROM {table} r WHERE r.blob_hash = blobs.hash)")
            })
            .collect();
        let candidates: Vec<(String,)> = sqlx::query_as(&format!(
            "SELECT hash FROM blobs WHERE last_used < $1{unreferenced}"
        ))
        .bind(cutoff)
        .fetch_all(db.pool())
        .await?;
        let forget = format!("DELETE FROM blobs WHERE hash = $1 AND last_used < $2{unreferenced}");
        let mut removed = 0;
        for hash in candidates.iter().filter_map(|(h,)| BlobHash::parse(h)) {
            let mut tx = db.write().await?;
            let forgotten = sqlx::query(&forget)
                .bind(hash.as_str())
                .bind(cutoff)
                .execute(&mut *tx)
                .await?;
            if forgotten.rows_affected() == 1 {
                self.dir.remove(&hash).await?;
                removed += 1;
            }
            tx.commit().await?;
        }
        Ok(removed)
    }
}

/// A file being received: written to a temporary file and hashed as it comes.
pub struct Staged {
    temp: dir::TempFile,
    hasher: Sha256,
    size: u64,
    max_bytes: u64,
    limit: LimitKind,
    dir: Arc<dir::DirStore>,
}

impl Staged {
    /// Appends the next part; over the size limit, the file is refused (and its part so far
    /// removed) with the limit named in megabytes.
    pub async fn write(&mut self, part: &[u8]) -> DomainResult<()> {
        self.size += part.len() as u64;
        if self.size > self.max_bytes {
            return Err(DomainError::limit(self.limit, self.max_bytes >> 20));
        }
        self.hasher.update(part);
        self.temp.write(part).await
    }

    /// The bytes received so far.
    pub fn size(&self) -> u64 {
        self.size
    }

    /// Records the whole file as wanted, flushes it to disk and moves it to its content
    /// address. The caller attaches it within `GRACE_SECS`.
    pub async fn store(self, db: &Db, now: i64) -> DomainResult<Stored> {
        let hash = BlobHash(hex::encode(self.hasher.finalize()));
        // A write in its turn (`Db::write`): on SQLite, one straight into the pool would wait
        // in SQLite's busy handler behind every transaction in progress.
        let mut tx = db.write().await?;
        let stored = Stored {
            hash,
            size: self.size,
        };
        record(&mut tx, &stored, now).await?;
        tx.commit().await?;
        self.dir.keep(self.temp, &stored.hash).await?;
        Ok(stored)
    }

    /// Flushes the file to disk and moves it to its content address, for a caller that
    /// records it (`record`) in the transaction that attaches it: one commit instead of two,
    /// what mail delivery needs at hundreds of messages a second. A crash between the two
    /// leaves a file no row names, never a row without its file.
    pub async fn keep(self) -> DomainResult<Stored> {
        let stored = Stored {
            hash: BlobHash(hex::encode(self.hasher.finalize())),
            size: self.size,
        };
        self.dir.keep(self.temp, &stored.hash).await?;
        Ok(stored)
    }
}

/// Records a kept file as wanted, inside the caller's transaction.
pub async fn record(conn: &mut sqlx::AnyConnection, stored: &Stored, now: i64) -> DomainResult<()> {
    sqlx::query(
        "INSERT INTO blobs (hash, size, last_used) VALUES ($1, $2, $3)
         ON CONFLICT (hash) DO UPDATE SET last_used = excluded.last_used",
    )
    .bind(stored.hash.as_str())
    .bind(stored.size as i64)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// A file in place and recorded, ready to be attached.
#[derive(Debug, Clone)]
pub struct Stored {
    pub hash: BlobHash,
    pub size: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_sha256_in_lowercase_hex_is_a_hash() {
        let good = "a".repeat(64);
        assert!(BlobHash::parse(&good).is_some());
        assert!(BlobHash::parse(&"A".repeat(64)).is_none());
        assert!(BlobHash::parse(&"a".repeat(63)).is_none());
        assert!(BlobHash::parse(&format!("../{}", "a".repeat(61))).is_none());
    }
}
