//! Open/closed state of a menu or popover that, like every menu people know, also closes on
//! Escape and on a pointer press outside it. A menu (`role="menu"`) also takes the keys of the
//! ARIA menu pattern: focus goes to its first item when it opens, ↓ and ↑ move between items
//! (round the end), Home and End jump, and Escape gives focus back to its button.

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
        #[cfg(feature = "hydrate")]
        if self.open.get_untracked() {
            // The menu is drawn on the next frame.
            request_animation_frame(move || {
                self.focus_item(|_| Some(0));
            });
        }
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

    /// The items of the menu inside `root`, in order.
    #[cfg(feature = "hydrate")]
    fn items(self) -> Vec<web_sys::HtmlElement> {
        use wasm_bindgen::JsCast;
        let Some(list) = self.root.get_untracked().and_then(|root| {
            root.query_selector_all("[role=menu] [role^=menuitem]:not([disabled])")
                .ok()
        }) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
            .collect()
    }

    /// Focuses the item `which` picks among the menu's items (given their number); whether
    /// there was one.
    #[cfg(feature = "hydrate")]
    fn focus_item(self, which: impl Fn(usize) -> Option<usize>) -> bool {
        let items = self.items();
        let Some(item) = (!items.is_empty()).then(|| which(items.len())).flatten() else {
            return false;
        };
        items.get(item).is_some_and(|item| item.focus().is_ok())
    }

    /// Closes, and gives the focus back to the button that opened it when it was inside.
    #[cfg(feature = "hydrate")]
    fn close_to_button(self) {
        use wasm_bindgen::JsCast;
        if let Some(root) = self.root.get_untracked() {
            let inside = document()
                .active_element()
                .is_some_and(|focused| root.contains(Some(focused.unchecked_ref())));
            let button = root
                .query_selector("[aria-expanded]")
                .ok()
                .flatten()
                .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
            if let (true, Some(button)) = (inside, button) {
                let _ = button.focus();
            }
        }
        self.open.set(false);
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
            let popover = self;
            let keys = window_event_listener(leptos::ev::keydown, move |ev| {
                if !open.get_untracked() {
                    return;
                }
                let key = ev.key();
                if key == "Escape" {
                    popover.close_to_button();
                    return;
                }
                let at = popover.items().iter().position(|item| {
                    document().active_element().as_ref() == Some(item.unchecked_ref())
                });
                let Some(at) = at else { return };
                if key == "Tab" {
                    open.set(false);
                    return;
                }
                let step = |items: usize| match key.as_str() {
                    "ArrowDown" => Some((at + 1) % items),
                    "ArrowUp" => Some((at + items - 1) % items),
                    "Home" => Some(0),
                    "End" => Some(items - 1),
                    _ => None,
                };
                if popover.focus_item(step) {
                    ev.prevent_default();
                }
            });
            on_cleanup(move || {
                pointer.remove();
                keys.remove();
            });
        }
    }
}
