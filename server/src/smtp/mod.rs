//! The SMTP listener (`--smtp-addr`): mail for the organizations' mail domains, from a real MTA
//! in front (postfix, exim) or any SMTP client. It is a final destination, never a relay, and
//! speaks plain SMTP: TLS, if wanted on the internet, is the MTA in front's job.

mod reply;
mod session;

use domain::mail::intake::Intake;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

/// Conversations at once; one more is told to come back later (421).
const SESSIONS: usize = 256;
/// Conversations at once from one address. An MTA in front of the listener is one address:
/// postfix opens 20 at most to one destination by default.
const SESSIONS_PER_PEER: u32 = 20;

/// Megabytes of message data held in memory by all conversations at once. A message that
/// finds none left is refused for now (452) and the sender retries: waiting for room could
/// leave every conversation holding part of it.
const DATA_MEGABYTES: usize = 512;

/// How long the listener waits for the client between commands or lines of data (RFC 5321's
/// minimum for the server is 5 minutes).
const IDLE: Duration = Duration::from_secs(300);
/// How long one message's data may take to arrive (RFC 5321 gives the end of data 10 minutes).
const DATA_LIMIT: Duration = Duration::from_secs(600);
/// How long one conversation may last, however it trickles.
const SESSION_LIMIT: Duration = Duration::from_secs(1800);
/// How long the listener waits for a client to take an answer.
const WRITE_LIMIT: Duration = Duration::from_secs(60);

/// What every conversation shares.
#[derive(Clone)]
pub struct Listener {
    intake: Intake,
    /// The name the listener gives in its greeting and `Received:` lines.
    hostname: Arc<str>,
    data_budget: Arc<Semaphore>,
    /// Conversations open per client address.
    peers: Arc<Mutex<HashMap<IpAddr, u32>>>,
}

/// A conversation's place in `Listener::peers`, given back when it ends.
struct PeerSlot {
    peers: Arc<Mutex<HashMap<IpAddr, u32>>>,
    ip: IpAddr,
}

impl Drop for PeerSlot {
    fn drop(&mut self) {
        let mut peers = self.peers.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(n) = peers.get_mut(&self.ip) {
            *n -= 1;
            if *n == 0 {
                peers.remove(&self.ip);
            }
        }
    }
}

impl Listener {
    pub fn new(intake: Intake, hostname: &str) -> Listener {
        Listener {
            intake,
            hostname: hostname.into(),
            data_budget: Arc::new(Semaphore::new(DATA_MEGABYTES)),
            peers: Arc::default(),
        }
    }

    /// A place for one more conversation from `ip`, unless it has its share.
    fn peer_slot(&self, ip: IpAddr) -> Option<PeerSlot> {
        let mut peers = self.peers.lock().unwrap_or_else(|e| e.into_inner());
        let open = peers.entry(ip).or_default();
        if *open >= SESSIONS_PER_PEER {
            return None;
        }
        *open += 1;
        Some(PeerSlot {
            peers: self.peers.clone(),
            ip,
        })
    }

    /// Accepts conversations until the task is dropped.
    pub async fn serve(self, listener: TcpListener) {
        let sessions = Arc::new(Semaphore::new(SESSIONS));
        loop {
            let (stream, peer) = match listener.accept().await {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors and the like: the next accept may succeed.
                    tracing::warn!(%err, "SMTP accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            };
            let _ = stream.set_nodelay(true);
            let this = self.clone();
            let admitted = sessions
                .clone()
                .try_acquire_owned()
                .ok()
                .zip(self.peer_slot(peer.ip()));
            match admitted {
                Some((permit, slot)) => {
                    tokio::spawn(async move {
                        session::converse(stream, peer, &this).await;
                        drop((permit, slot));
                    });
                }
                None => {
                    tokio::spawn(async move { session::too_busy(stream).await });
                }
            }
        }
    }
}
