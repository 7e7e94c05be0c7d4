//! A calendar's sharing rules are the shared ones (`crate::sharing`); this adds what only a
//! calendar has: computed (holiday) calendars take no events.

pub use crate::sharing::{effective_access, org_share_applies, Grantee, ShareLevel};

/// A member's level on one calendar.
pub type CalendarAccess = crate::sharing::Permission;

impl CalendarAccess {
    /// Write events at this level into a calendar; computed (holiday) calendars take none.
    pub fn can_write_events(self, computed: bool) -> bool {
        self.can_write() && !computed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holiday_calendars_take_no_events_whatever_the_level() {
        assert!(CalendarAccess::Owner.can_write_events(false));
        assert!(!CalendarAccess::Owner.can_write_events(true));
        assert!(!CalendarAccess::View.can_write_events(false));
    }
}
