//! What changes where the calendar is narrow (a phone, the side panel): three days instead of
//! the week, and a horizontal swipe to move to the next or previous days.

use super::{Cal, ViewMode};
use leptos::prelude::*;

/// How far (px) a finger must travel sideways, and how much more sideways than down, for a
/// swipe rather than a tap or a scroll.
const SWIPE_PX: f64 = 60.0;
const SWIPE_SLANT: f64 = 1.5;

/// Whether a `User-Agent` is a phone's: browsers write "Mobi" in it on phones. The server reads
/// the request's and the browser its own, the same string, so both start on the same view.
fn is_phone_agent(agent: &str) -> bool {
    agent.contains("Mobi")
}

/// This page's `User-Agent`: the request's on the server, the browser's own in it.
fn user_agent() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|p| {
                p.headers
                    .get(http::header::USER_AGENT)?
                    .to_str()
                    .ok()
                    .map(str::to_owned)
            })
            .unwrap_or_default()
    }
    #[cfg(all(feature = "hydrate", not(feature = "ssr")))]
    {
        window().navigator().user_agent().unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    String::new()
}

/// The view the calendar opens on when the address names none: three days in the side panel
/// and on a phone (which the server tells by the User-Agent, so the page is drawn that way from
/// the start), else the week. A narrow desktop window switches once the page has hydrated.
pub fn first_view(view: RwSignal<ViewMode>, in_main: bool) {
    // Decided where the page is drawn and carried with it: a browser whose own User-Agent
    // differs from the request's (an extension, a proxy) still hydrates the view it was sent.
    let phone = SharedValue::new(|| is_phone_agent(&user_agent())).into_inner();
    if !in_main || phone {
        view.set(ViewMode::ThreeDays);
    } else {
        #[cfg(feature = "hydrate")]
        Effect::new(move |_| {
            let width = window()
                .inner_width()
                .ok()
                .and_then(|w| w.as_f64())
                .unwrap_or(f64::MAX);
            if width <= 760.0 && view.get_untracked() == ViewMode::Week {
                view.set(ViewMode::ThreeDays);
            }
        });
    }
}

/// Where a touch began, to tell a swipe from a tap when it ends.
#[derive(Clone, Copy)]
pub struct Swipe(StoredValue<Option<(f64, f64)>>);

impl Default for Swipe {
    fn default() -> Self {
        Swipe(StoredValue::new(None))
    }
}

impl Swipe {
    pub fn start(self, ev: &leptos::ev::PointerEvent) {
        let touch = ev.pointer_type() == "touch" && ev.is_primary();
        self.0
            .set_value(touch.then(|| (ev.client_x() as f64, ev.client_y() as f64)));
    }

    pub fn cancel(self) {
        self.0.set_value(None);
    }

    /// Steps the view when the touch that ends was a swipe: to the left, forward.
    pub fn end(self, cal: Cal, ev: &leptos::ev::PointerEvent) {
        let Some((x, y)) = self.0.get_value() else {
            return;
        };
        self.0.set_value(None);
        let (dx, dy) = (ev.client_x() as f64 - x, ev.client_y() as f64 - y);
        if is_swipe(dx, dy) && cal.view.get_untracked().is_dated() {
            cal.step(dx < 0.0);
        }
    }
}

fn is_swipe(dx: f64, dy: f64) -> bool {
    dx.abs() >= SWIPE_PX && dx.abs() >= SWIPE_SLANT * dy.abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_are_told_by_their_user_agent() {
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
        let android = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Mobile Safari/537.36";
        let ipad = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
        let desktop = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36";
        assert!(is_phone_agent(iphone) && is_phone_agent(android));
        assert!(!is_phone_agent(ipad) && !is_phone_agent(desktop));
    }

    #[test]
    fn a_long_sideways_move_is_a_swipe() {
        assert!(is_swipe(-120.0, 10.0));
        assert!(is_swipe(80.0, -40.0));
    }

    #[test]
    fn taps_scrolls_and_slants_are_not() {
        assert!(!is_swipe(5.0, 2.0));
        assert!(!is_swipe(40.0, 0.0));
        assert!(!is_swipe(80.0, 200.0));
        assert!(!is_swipe(90.0, 70.0));
    }
}
