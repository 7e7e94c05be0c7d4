//! Which accounts have a tab open: counted here for this server's streams, and heard from the
//! other servers that share the database, so presence is the same whichever server a member
//! reaches.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long another server's word that an account has a tab open holds without being repeated.
/// Servers repeat their list every `REPEAT`, so a server that died stops counting after this.
pub const HOLDS: Duration = Duration::from_secs(60);
pub const REPEAT: Duration = Duration::from_secs(20);

#[derive(Default)]
pub struct Tabs {
    local: Mutex<HashMap<String, usize>>,
    /// Per other server, the accounts with a tab open there and when that was last said.
    remote: Mutex<HashMap<String, HashMap<String, Instant>>>,
}

/// A mutex whose holder panicked still holds usable counts.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Tabs {
    /// Records a new tab; true when it is the account's first on this server.
    pub fn open(&self, account_id: &str) -> bool {
        let mut map = lock(&self.local);
        let count = map.entry(account_id.to_owned()).or_insert(0);
        *count += 1;
        *count == 1
    }

    /// Records a closed tab; true when it was the account's last on this server.
    pub fn close(&self, account_id: &str) -> bool {
        let mut map = lock(&self.local);
        match map.get_mut(account_id) {
            Some(count) if *count > 1 => {
                *count -= 1;
                false
            }
            Some(_) => {
                map.remove(account_id);
                true
            }
            None => false,
        }
    }

    pub fn is_open(&self, account_id: &str, now: Instant) -> bool {
        if lock(&self.local).get(account_id).is_some_and(|n| *n > 0) {
            return true;
        }
        lock(&self.remote).values().any(|accounts| {
            accounts
                .get(account_id)
                .is_some_and(|said| now.duration_since(*said) < HOLDS)
        })
    }

    /// The accounts with a tab open on this server.
    pub fn local_accounts(&self) -> Vec<String> {
        lock(&self.local).keys().cloned().collect()
    }

    /// Another server says these accounts have a tab open there (or, `open` false, no more).
    pub fn heard(&self, server: &str, accounts: &[String], open: bool, now: Instant) {
        let mut remote = lock(&self.remote);
        let known = remote.entry(server.to_owned()).or_default();
        for account in accounts {
            if open {
                known.insert(account.clone(), now);
            } else {
                known.remove(account);
            }
        }
        known.retain(|_, said| now.duration_since(*said) < HOLDS);
        if known.is_empty() {
            remote.remove(server);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_tabs_per_account() {
        let tabs = Tabs::default();
        let now = Instant::now();
        assert!(tabs.open("a"));
        assert!(!tabs.open("a"));
        assert!(tabs.is_open("a", now));
        assert!(!tabs.close("a"));
        assert!(tabs.close("a"));
        assert!(!tabs.is_open("a", now));
        assert!(!tabs.close("a"));
    }

    #[test]
    fn another_servers_word_holds_until_it_goes_stale_or_is_taken_back() {
        let tabs = Tabs::default();
        let now = Instant::now();
        tabs.heard("s2", &["a".into(), "b".into()], true, now);
        assert!(tabs.is_open("a", now));
        assert!(!tabs.is_open("a", now + HOLDS));
        tabs.heard("s2", &["b".into()], false, now);
        assert!(!tabs.is_open("b", now));
        assert!(tabs.is_open("a", now));
    }
}
