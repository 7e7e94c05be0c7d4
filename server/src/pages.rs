//! The HTML side: `/` sends people where they belong, the app's routes and server functions
//! are rendered by Leptos, and `/healthz` answers probes.

use crate::state::AppState;
use app::context::RequestSession;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};

pub fn routes(state: &AppState) -> Router<AppState> {
    let leptos_routes = generate_route_list(app::App);
    let ctx = state.ctx.clone();
    let options = state.leptos.clone();
    let fallback_ctx = state.ctx.clone();
    Router::new()
        .route("/", get(root))
        .route("/healthz", get(|| async { "ok" }))
        .leptos_routes_with_context(
            state,
            leptos_routes,
            move || {
                provide_context(ctx.clone());
                crate::headers::page_headers();
            },
            move || app::shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(
            move || {
                provide_context(fallback_ctx.clone());
                crate::headers::page_headers();
            },
            app::shell,
        ))
}

/// Signed in: the landing space; otherwise the login page.
async fn root(
    State(state): State<AppState>,
    session: Option<Extension<RequestSession>>,
) -> Response {
    let Some(Extension(session)) = session else {
        return Redirect::to("/login").into_response();
    };
    match domain::org::list_orgs(&state.ctx.db, session.account_id()).await {
        Ok(orgs) => Redirect::to(&app::shell::landing_path(&orgs)).into_response(),
        Err(err) => crate::api::ApiError::from(err).into_response(),
    }
}
