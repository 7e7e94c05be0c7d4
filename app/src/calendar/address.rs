//! The view and the day in the address (`?view=month&date=2026-12-01`), so a reload or a link
//! opens the calendar where it was. Only the main app's calendar owns them: the side panel's
//! keeps its own.

use super::ViewMode;
use domain::calendar::days::Day;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// The view and the day the address asks for; what it lacks or garbles is left to the defaults.
/// Only the dated views are kept there: the task lists and the trash are places one passes
/// through, and a reload on them returns to the calendar.
pub fn asked() -> (Option<ViewMode>, Option<Day>) {
    use_query_map().with_untracked(|query| {
        (
            query
                .get_str("view")
                .and_then(ViewMode::from_code)
                .filter(|view| view.is_dated()),
            query.get_str("date").and_then(Day::parse),
        )
    })
}

/// Writes the view and the day into the address as they change. The entry is replaced, not
/// pushed: Back leaves the calendar rather than stepping through every week looked at.
pub fn follow(view: RwSignal<ViewMode>, anchor: RwSignal<Option<Day>>) {
    #[cfg(feature = "hydrate")]
    {
        use leptos_router::hooks::{use_location, use_navigate};
        use leptos_router::NavigateOptions;
        let navigate = use_navigate();
        let location = use_location();
        Effect::new(move |first: Option<()>| {
            let (view, anchor) = (view.get(), anchor.get());
            // The address already says what the app opened on.
            if first.is_none() || !view.is_dated() {
                return;
            }
            let mut query = location.query.get_untracked();
            query.replace("view", view.code().to_owned());
            match anchor {
                Some(day) => query.replace("date", day.to_string()),
                None => {
                    query.remove("date");
                }
            }
            let href = format!(
                "{}{}",
                location.pathname.get_untracked(),
                query.to_query_string()
            );
            navigate(
                &href,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (view, anchor);
}
