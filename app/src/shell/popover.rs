//! Open/closed state of a menu or popover that, like every menu people know, also closes on
//! Escape and on a pointer press outside it.

use leptos::html::Div;
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Popover {
    pub open: RwSignal<bool>,
    /// The element holding both the toggle button and the popover.
    pub root: NodeRef<Div>,
}

impl Popover {
    pub fn new() -> Popover {
        let popover = Popover {
            open: RwSignal::new(false),
            root: NodeRef::new(),
        };
        popover.dismiss_from_outside();
        popover
    }

    pub fn toggle(self) {
        self.open.update(|open| *open = !*open);
    }

    pub fn close(self) {
        self.open.set(false);
    }

    pub fn is_open(self) -> bool {
        self.open.get()
    }

    /// The value of the toggle button's `aria-expanded`.
    pub fn expanded(self) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
        move || if self.open.get() { "true" } else { "false" }
    }

    fn dismiss_from_outside(self) {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Popover { open, root } = self;
            let pointer = window_event_listener(leptos::ev::pointerdown, move |ev| {
                if !open.get_untracked() {
                    return;
                }
                let inside = root
                    .get_untracked()
                    .zip(ev.target())
                    .is_some_and(|(root, target)| {
                        target
                            .dyn_ref::<web_sys::Node>()
                            .is_some_and(|node| root.contains(Some(node)))
                    });
                if !inside {
                    open.set(false);
                }
            });
            let keys = window_event_listener(leptos::ev::keydown, move |ev| {
                if ev.key() == "Escape" && open.get_untracked() {
                    open.set(false);
                }
            });
            on_cleanup(move || {
                pointer.remove();
                keys.remove();
            });
        }
    }
}
