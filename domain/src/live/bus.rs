//! Carries live events to the streams of this server and, when several servers share one
//! PostgreSQL database, to theirs: each event goes out with `NOTIFY` and every server's
//! listener hands it to its own streams. On SQLite (one server) the bus is in-process only.

use super::tabs::{Tabs, REPEAT};
use super::LiveEvent;
use serde::{Deserialize, Serialize};
use sqlx::postgres::PgListener;
use sqlx::{AnyConnection, AnyPool};
use std::collections::HashSet;
use std::sync::{Arc, Weak};
use std::time::Instant;
use tokio::sync::{broadcast, watch};

/// The PostgreSQL channel every server listens on.
const CHANNEL: &str = "ksuite_live";
/// Ids per notification: PostgreSQL refuses payloads of 8,000 bytes or more.
const IDS_PER_NOTICE: usize = 100;

/// An event and the organizations it concerns: a stream passes on only the events of its
/// member's organizations.
#[derive(Debug, Clone)]
pub struct Routed {
    pub orgs: Arc<HashSet<String>>,
    pub event: LiveEvent,
}

/// What servers tell each other.
#[derive(Debug, Serialize, Deserialize)]
struct Envelope {
    /// The sending server, so it skips its own word (it delivered that already).
    origin: String,
    #[serde(flatten)]
    wire: Wire,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "wire", rename_all = "lowercase")]
enum Wire {
    Event { orgs: Vec<String>, event: LiveEvent },
    Tabs { accounts: Vec<String>, open: bool },
}

#[derive(Clone)]
pub struct Bus {
    inner: Arc<Inner>,
}

struct Inner {
    origin: String,
    sender: broadcast::Sender<Routed>,
    tabs: Tabs,
    /// Set when the database is PostgreSQL: notifications go out through it.
    postgres: Option<AnyPool>,
    stop: watch::Sender<bool>,
}

impl Drop for Inner {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}

impl Bus {
    /// One server's bus (SQLite).
    pub fn in_process() -> Bus {
        Bus::new(None)
    }

    /// A bus shared with every server on this PostgreSQL database: listens at `url` until the
    /// bus is dropped or stopped.
    pub fn postgres(pool: AnyPool, url: &str) -> Bus {
        let bus = Bus::new(Some(pool));
        let stop = bus.inner.stop.subscribe();
        tokio::spawn(listen(url.to_owned(), Arc::downgrade(&bus.inner), stop));
        bus
    }

    fn new(postgres: Option<AnyPool>) -> Bus {
        let (sender, _) = broadcast::channel(1024);
        let (stop, _) = watch::channel(false);
        Bus {
            inner: Arc::new(Inner {
                origin: crate::ids::new_id(),
                sender,
                tabs: Tabs::default(),
                postgres,
                stop,
            }),
        }
    }

    /// Ends the listener (the database is closing).
    pub fn stop(&self) {
        let _ = self.inner.stop.send(true);
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Routed> {
        self.inner.sender.subscribe()
    }

    /// Whether the account has a tab open on any server.
    pub fn is_online(&self, account_id: &str) -> bool {
        self.inner.tabs.is_open(account_id, Instant::now())
    }

    /// Records a new tab; true when it is the account's first on this server.
    pub async fn open_tab(&self, account_id: &str) -> bool {
        let first = self.inner.tabs.open(account_id);
        if first {
            self.tell(Wire::Tabs {
                accounts: vec![account_id.to_owned()],
                open: true,
            })
            .await;
        }
        first
    }

    /// Records a closed tab; true when it was the account's last on this server.
    pub async fn close_tab(&self, account_id: &str) -> bool {
        let last = self.inner.tabs.close(account_id);
        if last {
            self.tell(Wire::Tabs {
                accounts: vec![account_id.to_owned()],
                open: false,
            })
            .await;
        }
        last
    }

    /// Sends an event that no transaction holds (presence) to every server's streams.
    pub async fn publish(&self, orgs: HashSet<String>, event: LiveEvent) {
        let wire = Wire::Event {
            orgs: orgs.iter().cloned().collect(),
            event: event.clone(),
        };
        self.deliver(orgs, event);
        self.tell(wire).await;
    }

    /// Queues `event` for the other servers inside the writing transaction: PostgreSQL sends
    /// it when (and only if) the transaction commits.
    pub async fn notify_in(
        &self,
        conn: &mut AnyConnection,
        org: &str,
        event: &LiveEvent,
    ) -> sqlx::Result<()> {
        if self.inner.postgres.is_none() {
            return Ok(());
        }
        let wire = Wire::Event {
            orgs: vec![org.to_owned()],
            event: event.clone(),
        };
        for payload in self.payloads(wire) {
            sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload)
                .execute(&mut *conn)
                .await?;
        }
        Ok(())
    }

    /// Hands an event to this server's streams.
    pub fn deliver(&self, orgs: HashSet<String>, event: LiveEvent) {
        // No stream open is not an error: nobody is watching.
        let _ = self.inner.sender.send(Routed {
            orgs: Arc::new(orgs),
            event,
        });
    }

    /// Tells the other servers, if there are any.
    async fn tell(&self, wire: Wire) {
        let Some(pool) = &self.inner.postgres else {
            return;
        };
        for payload in self.payloads(wire) {
            let sent = sqlx::query("SELECT pg_notify($1, $2)")
                .bind(CHANNEL)
                .bind(payload)
                .execute(pool)
                .await;
            if let Err(err) = sent {
                tracing::warn!(%err, "could not tell the other servers");
            }
        }
    }

    /// The wire message as notifications under PostgreSQL's size limit: long id lists split.
    fn payloads(&self, wire: Wire) -> Vec<String> {
        let parts = match wire {
            Wire::Event { orgs, event } => orgs
                .chunks(IDS_PER_NOTICE)
                .map(|orgs| Wire::Event {
                    orgs: orgs.to_vec(),
                    event: event.clone(),
                })
                .collect(),
            Wire::Tabs { accounts, open } => accounts
                .chunks(IDS_PER_NOTICE)
                .map(|accounts| Wire::Tabs {
                    accounts: accounts.to_vec(),
                    open,
                })
                .collect::<Vec<_>>(),
        };
        parts
            .into_iter()
            .filter_map(|wire| {
                serde_json::to_string(&Envelope {
                    origin: self.inner.origin.clone(),
                    wire,
                })
                .ok()
            })
            .collect()
    }

    /// What another server said.
    fn heard(&self, payload: &str) {
        let Ok(envelope) = serde_json::from_str::<Envelope>(payload) else {
            tracing::warn!(payload, "unreadable live notification");
            return;
        };
        if envelope.origin == self.inner.origin {
            return;
        }
        match envelope.wire {
            Wire::Event { orgs, event } => self.deliver(orgs.into_iter().collect(), event),
            Wire::Tabs { accounts, open } => {
                self.inner
                    .tabs
                    .heard(&envelope.origin, &accounts, open, Instant::now())
            }
        }
    }
}

/// Hands the other servers' notifications to this server's streams until the bus is stopped
/// or dropped. A lost connection is made again. Only `stop` interrupts the wait, so no
/// notification is dropped half-read.
async fn listen(url: String, bus: Weak<Inner>, mut stop: watch::Receiver<bool>) {
    tokio::spawn(repeat_tabs(bus.clone(), stop.clone()));
    loop {
        let mut listener = match connect(&url).await {
            Ok(listener) => listener,
            Err(err) => {
                tracing::warn!(%err, "cannot listen for the other servers; trying again");
                tokio::select! {
                    _ = tokio::time::sleep(std::time::Duration::from_secs(2)) => continue,
                    _ = stop.changed() => return,
                }
            }
        };
        loop {
            let heard = tokio::select! {
                _ = stop.changed() => return,
                heard = listener.try_recv() => heard,
            };
            match heard {
                Ok(Some(notice)) => {
                    let Some(inner) = bus.upgrade() else { return };
                    Bus { inner }.heard(notice.payload());
                }
                // The connection dropped and is made again on the next call: what was sent
                // meanwhile is lost; tabs are repeated, and views read again on their next
                // change.
                Ok(None) => {}
                Err(err) => {
                    tracing::warn!(%err, "lost the other servers' notifications");
                    break;
                }
            }
        }
    }
}

/// Repeats which accounts have a tab open here, so a server that starts later learns them and
/// a server that died stops counting its own after `tabs::HOLDS`.
async fn repeat_tabs(bus: Weak<Inner>, mut stop: watch::Receiver<bool>) {
    let mut repeat = tokio::time::interval(REPEAT);
    loop {
        tokio::select! {
            _ = stop.changed() => return,
            _ = repeat.tick() => {}
        }
        let Some(inner) = bus.upgrade() else { return };
        let bus = Bus { inner };
        let accounts = bus.inner.tabs.local_accounts();
        if !accounts.is_empty() {
            bus.tell(Wire::Tabs {
                accounts,
                open: true,
            })
            .await;
        }
    }
}

async fn connect(url: &str) -> sqlx::Result<PgListener> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::live::{ChangeScope, CollectionKind, DataChange};

    fn change() -> LiveEvent {
        LiveEvent::Change(DataChange {
            org_id: "o".into(),
            kind: CollectionKind::Calendar,
            collection_id: "c".into(),
            scope: ChangeScope::Items,
        })
    }

    #[test]
    fn another_servers_event_reaches_the_streams_and_its_own_does_not_twice() {
        let bus = Bus::in_process();
        let mut rx = bus.subscribe();
        let from = |origin: &str| {
            serde_json::to_string(&Envelope {
                origin: origin.into(),
                wire: Wire::Event {
                    orgs: vec!["o".into()],
                    event: change(),
                },
            })
            .unwrap()
        };
        bus.heard(&from(&bus.inner.origin));
        assert!(rx.try_recv().is_err());
        bus.heard(&from("other"));
        assert_eq!(rx.try_recv().unwrap().event, change());
    }

    #[test]
    fn long_lists_split_under_the_notification_limit() {
        let bus = Bus::in_process();
        let accounts: Vec<String> = (0..250).map(|i| format!("{i:026}")).collect();
        let payloads = bus.payloads(Wire::Tabs {
            accounts,
            open: true,
        });
        assert_eq!(payloads.len(), 3);
        assert!(payloads.iter().all(|p| p.len() < 8000));
    }

    #[test]
    fn another_servers_tabs_count() {
        let bus = Bus::in_process();
        let said = |open| {
            serde_json::to_string(&Envelope {
                origin: "other".into(),
                wire: Wire::Tabs {
                    accounts: vec!["a".into()],
                    open,
                },
            })
            .unwrap()
        };
        bus.heard(&said(true));
        assert!(bus.is_online("a"));
        bus.heard(&said(false));
        assert!(!bus.is_online("a"));
    }
}
