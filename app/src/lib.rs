#![recursion_limit = "256"]
//! The kSuite web UI: isomorphic Leptos components, rendered on the server (`ssr`) and hydrated
//! in the browser (`hydrate`). Server functions live next to the pages that call them.

pub mod attach;
pub mod brand;
pub mod calendar;
pub mod contacts;
pub mod date_fields;
pub mod dialog;
pub mod error;
pub mod feedback;
pub mod i18n;
pub mod import;
pub mod live;
pub mod mail;
pub mod manager;
pub mod modal;
pub mod month_grid;
pub(crate) mod popover;
mod root;
pub mod sharing;
pub mod shell;
pub mod shortcuts;
pub mod space;
pub mod trash;
#[cfg(feature = "hydrate")]
pub mod upload;

#[cfg(feature = "ssr")]
pub mod context;

pub use root::{shell, App};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Hydration is synchronous: the apps' lazily loaded code has to be there before it starts.
    wasm_bindgen_futures::spawn_local(async {
        for app in space::shown_apps() {
            shell::apps::preload(app).await;
        }
        leptos::mount::hydrate_body(App);
        root::after_hydration();
    });
}
