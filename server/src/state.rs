use app::context::ServerContext;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub ctx: ServerContext,
    pub leptos: LeptosOptions,
    pub site_root: Arc<PathBuf>,
    /// Identifies the front-end build: part of asset URLs and the service worker's cache name,
    /// so a deploy never mixes old wasm with new HTML.
    pub build_id: Arc<str>,
}

impl AppState {
    pub fn new(ctx: ServerContext, site_root: &Path, addr: SocketAddr) -> AppState {
        let build_id = std::fs::read_to_string(site_root.join("build_id"))
            .map(|id| id.trim().to_owned())
            .unwrap_or_else(|_| "dev".to_owned());
        let leptos = LeptosOptions::builder()
            .output_name("app")
            .site_root(site_root.display().to_string())
            .site_pkg_dir(format!("pkg/{build_id}"))
            .site_addr(addr)
            .env(leptos::config::Env::PROD)
            .build();
        AppState {
            ctx,
            leptos,
            site_root: Arc::new(site_root.to_path_buf()),
            build_id: build_id.into(),
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}
