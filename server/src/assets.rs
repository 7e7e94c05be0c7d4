//! Static files: the front-end build in `site/pkg/{build_id}/`, served under `/pkg/{build_id}/`
//! (precompressed, cached for a year since the path changes with every build), icons, the
//! service worker and the web app manifest.

use crate::state::AppState;
use axum::extract::State;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use http::header::{CACHE_CONTROL, CONTENT_TYPE};
use http::HeaderValue;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

pub fn routes(state: &AppState) -> Router<AppState> {
    let pkg = ServeDir::new(state.site_root.join("pkg").join(&*state.build_id))
        .precompressed_br()
        .precompressed_gzip();
    let icons = ServeDir::new(state.site_root.join("icons"))
        .precompressed_br()
        .precompressed_gzip();
    Router::new()
        .nest_service(
            &format!("/pkg/{}", state.build_id),
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=31536000, immutable"),
                ))
                .service(pkg),
        )
        .nest_service(
            "/icons",
            tower::ServiceBuilder::new()
                .layer(SetResponseHeaderLayer::overriding(
                    CACHE_CONTROL,
                    HeaderValue::from_static("public, max-age=86400"),
                ))
                .service(icons),
        )
        .route("/sw.js", get(service_worker))
        .route("/manifest.webmanifest", get(manifest))
}

/// The service worker, with this build's id in its cache name. Never cached by HTTP, so a new
/// deploy's worker is found at once.
async fn service_worker(State(state): State<AppState>) -> impl IntoResponse {
    let template = tokio::fs::read_to_string(state.site_root.join("sw.js"))
        .await
        .unwrap_or_default();
    let body = template.replace("__BUILD_ID__", &state.build_id);
    (
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/javascript; charset=utf-8"),
            ),
            (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
}

async fn manifest(State(state): State<AppState>) -> impl IntoResponse {
    let manifest = serde_json::json!({
        "name": "kSuite",
        "short_name": "kSuite",
        "description": "Mail, calendar, contacts and your organization in one place.",
        "id": "/",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#0b63c9",
        "icons": [
            { "src": "/icons/icon-192.png", "sizes": "192x192", "type": "image/png" },
            { "src": "/icons/icon-512.png", "sizes": "512x512", "type": "image/png" },
            { "src": "/icons/icon-maskable-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable" },
            { "src": "/icons/icon.svg", "sizes": "any", "type": "image/svg+xml" }
        ],
        "build": &*state.build_id,
    });
    (
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("application/manifest+json"),
            ),
            (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        manifest.to_string(),
    )
}
