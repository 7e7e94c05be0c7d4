//! The apps' keyboard shortcuts: one rule for when a key is the app's (never while typing, in
//! a menu or a dialog, in the side panel, or with a modifier held; Enter and Space stay with the
//! control that has focus) and one dialog that lists them.

use crate::i18n::{use_i18n, Key};
use crate::modal::Dialog;
use leptos::prelude::*;

/// The keys as the list shows them (alternatives apart by spaces), and what they do.
pub type Shortcut = (&'static str, Key);

/// Hands each key pressed on the page (`KeyboardEvent.key`) to `on_key` while `enabled()`, where
/// keys are the app's; a key it takes (returns true) does nothing else. Stops with the app.
pub fn listen(enabled: impl Fn() -> bool + 'static, on_key: impl Fn(&str) -> bool + 'static) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.default_prevented()
                || ev.ctrl_key()
                || ev.meta_key()
                || ev.alt_key()
                || !enabled()
            {
                return;
            }
            let key = ev.key();
            let target = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let within = |selector: &str| {
                target
                    .as_ref()
                    .and_then(|el| el.closest(selector).ok().flatten())
                    .is_some()
            };
            if within(
                "input, textarea, select, [contenteditable], [role=menu], [role=dialog], \
                 [role=alertdialog], .side-panel",
            ) {
                return;
            }
            if matches!(key.as_str(), "Enter" | " ") && within("button, a[href], summary") {
                return;
            }
            if on_key(&key) {
                ev.prevent_default();
            }
        });
        on_cleanup(move || keys.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (enabled, on_key);
}

/// The list of an app's shortcuts.
#[component]
pub fn ShortcutsDialog(shortcuts: &'static [Shortcut], on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Dialog class="dialog shortcuts-dialog" heading_id="shortcuts-title" title=i18n.tt(Key::KeyboardShortcuts)
            on_close=on_close>
            <dl class="shortcut-list">
                {shortcuts.iter().map(|(keys, what)| view! {
                    <div>
                        <dt>{keys.split_whitespace().map(|k| view! { <kbd>{k}</kbd> }).collect_view()}</dt>
                        <dd>{i18n.tt(*what)}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <div class="dialog-actions">
                <span class="topbar-spacer"></span>
                <button type="button" class="button primary" on:click=move |_| on_close.run(())>{i18n.tt(Key::Close)}</button>
            </div>
        </Dialog>
    }
}
