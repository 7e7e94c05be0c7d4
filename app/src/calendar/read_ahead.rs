//! The periods beside the one shown, read ahead: once a view is drawn, the browser fetches the
//! period before it and the one after, so stepping shows the next one at once.

use super::ViewMode;
use domain::calendar::days::Day;
use domain::calendar::Period;
use leptos::prelude::*;

/// Which read a result answers: the organization, the view, its day and the write count (a
/// write makes every result read before it stale).
type Ask = (String, ViewMode, Day, u32);

/// Two neighbours of the current period, and the two of the one before while stepping on.
#[cfg(feature = "hydrate")]
const KEPT: usize = 4;

#[derive(Clone, Copy)]
pub struct ReadAhead(StoredValue<Vec<(Ask, Period)>>);

impl Default for ReadAhead {
    fn default() -> Self {
        ReadAhead(StoredValue::new(Vec::new()))
    }
}

impl ReadAhead {
    /// The period read ahead for `ask`, if it was.
    pub fn take(self, ask: &Ask) -> Option<Period> {
        self.0
            .try_update_value(|kept| {
                let at = kept.iter().position(|(a, _)| a == ask)?;
                Some(kept.remove(at).1)
            })
            .flatten()
    }

    /// Reads the periods before and after `day` in the background.
    #[cfg(feature = "hydrate")]
    pub fn around(self, org: String, view: ViewMode, day: Day, version: u32) {
        for forward in [false, true] {
            let ask = (org.clone(), view, view.stepped(day, forward), version);
            if self
                .0
                .with_value(|kept| kept.iter().any(|(a, _)| *a == ask))
            {
                continue;
            }
            leptos::task::spawn_local(async move {
                let (org, view, day, _) = ask.clone();
                if let Ok(list) =
                    super::api::calendar_events(org, view.code().to_owned(), Some(day.to_string()))
                        .await
                {
                    self.0.update_value(|kept| {
                        if kept.len() >= KEPT {
                            kept.remove(0);
                        }
                        kept.push((ask, list));
                    });
                }
            });
        }
    }
}
