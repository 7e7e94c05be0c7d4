//! What the SMTP listener decides for each recipient of a transaction, and the delivery once the
//! message is in. Transport-free: the listener speaks SMTP and asks here.
//!
//! The organization's quota is read at most every `USAGE_TTL` per organization and counted up
//! with what was accepted since: summing every message's size for each `RCPT` would cost more
//! than the delivery at hundreds of messages a second. A burst can go over by what arrives
//! within one refresh, as with any MTA that checks quotas ahead of delivery.
//!
//! Messages arriving at once are committed together (group commit): a commit waits for the
//! disk, and on PostgreSQL a delivery holds its mailbox's row until its commit, so deliveries
//! to one mailbox one commit each could not go faster than the disk flushes. Each message of a
//! batch is stored inside its own savepoint: one that fails leaves the others.

use super::deliver::{distinct, into_inboxes, is_our_domain, recipient, Recipient};
use super::embedded::append::receive;
use super::parse::Parsed;
use crate::blobs::{Blobs, Stored};
use crate::error::{DomainError, DomainResult};
use crate::store::{Db, WriteTx};
use crate::views::StorageUsage;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, oneshot};

/// How long an organization's storage figure is trusted before it is read again.
const USAGE_TTL: Duration = Duration::from_secs(10);
/// The most messages one commit stores.
const BATCH: usize = 32;

/// What to answer to `RCPT TO`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Accept(Recipient),
    /// The domain is ours, the address is not (550 5.1.1).
    UnknownAddress,
    /// Not one of the organizations' mail domains: the suite does not relay (550 5.7.1).
    NotOurDomain,
    /// The organization's storage is full (452 4.2.2, the sender tries again later).
    StorageFull,
}

/// The SMTP listener's door into the mail store; cheap to clone, one per listener.
#[derive(Clone)]
pub struct Intake {
    db: Db,
    blobs: Blobs,
    usage: Arc<Mutex<HashMap<String, Usage>>>,
    commits: mpsc::Sender<Waiting>,
}

/// A message kept and read, waiting for the next commit, and who waits for its outcome.
struct Waiting {
    delivery: Arc<Delivery>,
    done: oneshot::Sender<DomainResult<Vec<String>>>,
}

struct Delivery {
    recipients: Vec<Recipient>,
    blob: Stored,
    parsed: Parsed,
    now: i64,
}

struct Usage {
    read_at: Instant,
    storage: StorageUsage,
}

impl Intake {
    /// Inside the server's runtime: the commits run in a task of their own.
    pub fn new(db: Db, blobs: Blobs) -> Intake {
        let (commits, waiting) = mpsc::channel(BATCH * 4);
        tokio::spawn(commit_in_turns(db.clone(), waiting));
        Intake {
            db,
            blobs,
            usage: Arc::default(),
            commits,
        }
    }

    /// The verdict for `address`, with `size` the message size the sender announced (0 when it
    /// did not say).
    pub async fn recipient(&self, address: &str, size: u64) -> DomainResult<Verdict> {
        if !is_our_domain(&self.db, address).await? {
            return Ok(Verdict::NotOurDomain);
        }
        let Some(found) = recipient(&self.db, address).await? else {
            return Ok(Verdict::UnknownAddress);
        };
        let storage = self.storage(&found.org_id).await?;
        // An unknown size is at least a byte: a full organization takes nothing more.
        if crate::blobs::require_fits(storage, size.max(1)).is_err() {
            return Ok(Verdict::StorageFull);
        }
        Ok(Verdict::Accept(found))
    }

    /// Stores the message for every accepted recipient, unless it would take an organization
    /// over its quota (the size announced at RCPT may have been none, or wrong); once this
    /// returns, it is durable.
    pub async fn deliver(
        &self,
        recipients: &[Recipient],
        raw: Vec<u8>,
        now: i64,
    ) -> DomainResult<Vec<String>> {
        let size = raw.len() as u64;
        let mut added: HashMap<&str, u64> = HashMap::new();
        for m in distinct(recipients) {
            *added.entry(m.org_id.as_str()).or_default() += size;
        }
        for (org_id, bytes) in &added {
            crate::blobs::require_fits(self.storage(org_id).await?, *bytes)?;
        }
        let stored = if recipients.is_empty() {
            Vec::new()
        } else {
            let (blob, parsed) = receive(&self.blobs, raw).await?;
            let (done, stored) = oneshot::channel();
            let waiting = Waiting {
                delivery: Arc::new(Delivery {
                    recipients: recipients.to_vec(),
                    blob,
                    parsed,
                    now,
                }),
                done,
            };
            // Closed only if the commit task ended, which it does not while the server runs.
            self.commits
                .send(waiting)
                .await
                .map_err(|_| DomainError::Internal)?;
            stored.await.map_err(|_| DomainError::Internal)??
        };
        let mut usage = self.usage.lock().unwrap_or_else(|e| e.into_inner());
        for (org_id, bytes) in added {
            if let Some(u) = usage.get_mut(org_id) {
                u.storage.used = u.storage.used.saturating_add(bytes);
            }
        }
        Ok(stored)
    }

    async fn storage(&self, org_id: &str) -> DomainResult<StorageUsage> {
        {
            let usage = self.usage.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(u) = usage
                .get(org_id)
                .filter(|u| u.read_at.elapsed() < USAGE_TTL)
            {
                return Ok(u.storage);
            }
        }
        let mut conn = self.db.pool().acquire().await?;
        let storage = crate::blobs::usage(&mut conn, org_id).await?;
        let mut usage = self.usage.lock().unwrap_or_else(|e| e.into_inner());
        usage.insert(
            org_id.to_string(),
            Usage {
                read_at: Instant::now(),
                storage,
            },
        );
        Ok(storage)
    }
}

/// Commits what waits, as much as `BATCH` at a time, until every intake is gone. Each batch
/// is a task of its own, so one that panics stops nothing after it; its messages are then
/// committed one by one, so that only the one that panics fails (its sender hears a temporary
/// error), never the others of its batch.
async fn commit_in_turns(db: Db, mut waiting: mpsc::Receiver<Waiting>) {
    let mut batch = Vec::with_capacity(BATCH);
    while waiting.recv_many(&mut batch, BATCH).await > 0 {
        let (deliveries, senders): (Vec<Arc<Delivery>>, Vec<_>) =
            batch.drain(..).map(|w| (w.delivery, w.done)).unzip();
        let outcomes = match committed(&db, deliveries.clone()).await {
            Some(outcomes) => outcomes,
            None => {
                let mut alone = Vec::with_capacity(deliveries.len());
                for delivery in deliveries {
                    let outcome = committed(&db, vec![delivery]).await;
                    alone.push(
                        outcome
                            .and_then(|mut o| o.pop())
                            .unwrap_or(Err(DomainError::Internal)),
                    );
                }
                alone
            }
        };
        for (done, outcome) in senders.into_iter().zip(outcomes) {
            // The sender went away (its connection ended): the message is stored all the same.
            let _ = done.send(outcome);
        }
    }
}

/// `commit`, in a task of its own: `None` when it panicked (logged).
async fn committed(
    db: &Db,
    deliveries: Vec<Arc<Delivery>>,
) -> Option<Vec<DomainResult<Vec<String>>>> {
    let db = db.clone();
    match tokio::spawn(async move { commit(&db, &deliveries).await }).await {
        Ok(outcomes) => Some(outcomes),
        Err(err) => {
            tracing::error!(error = %err, "storing delivered mail failed");
            None
        }
    }
}

/// Stores every message of `batch` in one transaction; what each gets back once it committed.
async fn commit(db: &Db, batch: &[Arc<Delivery>]) -> Vec<DomainResult<Vec<String>>> {
    let all = |err: DomainError| batch.iter().map(|_| Err(err.clone())).collect();
    let mut tx = match db.write().await {
        Ok(tx) => tx,
        Err(err) => return all(err),
    };
    let mut outcomes = Vec::with_capacity(batch.len());
    for message in batch {
        match store(&mut tx, message).await {
            Ok(outcome) => outcomes.push(outcome),
            // The savepoint could not be taken or given back: nothing of this batch stands.
            Err(err) => return all(err),
        }
    }
    match tx.commit().await {
        Ok(()) => outcomes,
        Err(err) => all(err),
    }
}

/// Stores one message inside its own savepoint; the outer error is the savepoint's own.
async fn store(tx: &mut WriteTx, message: &Delivery) -> DomainResult<DomainResult<Vec<String>>> {
    sqlx::query("SAVEPOINT delivery").execute(&mut **tx).await?;
    let stored = async {
        crate::blobs::record(tx, &message.blob, message.now).await?;
        into_inboxes(
            tx,
            &message.recipients,
            &message.blob,
            &message.parsed,
            message.now,
        )
        .await
    }
    .await;
    if stored.is_err() {
        sqlx::query("ROLLBACK TO SAVEPOINT delivery")
            .execute(&mut **tx)
            .await?;
    }
    sqlx::query("RELEASE SAVEPOINT delivery")
        .execute(&mut **tx)
        .await?;
    Ok(stored)
}
