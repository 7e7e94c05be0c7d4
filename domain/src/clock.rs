use crate::error::{DomainError, DomainResult};
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since the Unix epoch; the unit of every stored timestamp.
pub fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// An IANA time zone by name, as profiles and events name them.
pub fn parse_time_zone(name: &str) -> DomainResult<chrono_tz::Tz> {
    name.parse::<chrono_tz::Tz>()
        .map_err(|_| DomainError::invalid("time_zone", crate::reason::Reason::TimeZoneUnknown))
}
