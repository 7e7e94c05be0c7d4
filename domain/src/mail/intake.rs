//! What the SMTP listener decides for each recipient of a transaction, and the delivery once the
//! message is in. Transport-free: the listener speaks SMTP and asks here.
//!
//! The organization's quota is read at most every `USAGE_TTL` per organization and counted up
//! with what was accepted since: summing every message's size for each `RCPT` would cost more
//! than the delivery at hundreds of messages a second. A burst can go over by what arrives
//! within one refresh, as with any MTA that checks quotas ahead of delivery.

use super::deliver::{deliver, distinct, is_our_domain, recipient, Recipient};
use crate::blobs::Blobs;
use crate::error::DomainResult;
use crate::store::Db;
use crate::views::StorageUsage;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long an organization's storage figure is trusted before it is read again.
const USAGE_TTL: Duration = Duration::from_secs(10);

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
}

struct Usage {
    read_at: Instant,
    storage: StorageUsage,
}

impl Intake {
    pub fn new(db: Db, blobs: Blobs) -> Intake {
        Intake {
            db,
            blobs,
            usage: Arc::default(),
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
        let stored = deliver(&self.db, &self.blobs, recipients, raw, now).await?;
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
