//! What every app's trash shares: how long it keeps what was deleted (kSuite keeps 30 days).

/// Deleted items, and the versions and merges the Contacts keep, stay this long; then the
/// trash's purge deletes them for good.
pub const RETENTION_SECS: i64 = 30 * 24 * 3600;
