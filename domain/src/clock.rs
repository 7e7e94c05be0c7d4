use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch; the unit of every stored timestamp.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
