//! The HTML side: `/` sends people where they belong, the app's routes and server functions
//! are rendered by Leptos, and `/healthz` answers probes.

use crate::state::AppState;
use app::context::RequestSession;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Extension, Router};
use futures::StreamExt;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tokio_stream::wrappers::ReceiverStream;

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
        .layer(axum::middleware::from_fn(render_to_end))
}

/// Renders a page to its end even when the browser leaves before: Leptos disposes of a page's
/// signals when its response is dropped, while its `<Suspense>` may still be reading them on
/// another worker thread, which then panics and can leave that render stuck. Rendering in a
/// task of its own, and reading the rest of the body when nobody waits for it any more, lets
/// the render finish and dispose of its signals in order. No render outlives the request
/// timeout, and one cut short by it ends its response with an error, never as if complete.
///
/// Server functions are left as they are: the timeout drops them, so a call the client gave
/// up on does not go on to commit later.
async fn render_to_end(req: Request, next: Next) -> Response {
    if req.uri().path().starts_with("/fn/") {
        return next.run(req).await;
    }
    let render = tokio::spawn(tokio::time::timeout(crate::limits::TIMEOUT, async move {
        let (parts, body) = next.run(req).await.into_parts();
        let (tx, rx) = tokio::sync::mpsc::channel(8);
        tokio::spawn(async move {
            let mut chunks = body.into_data_stream();
            let mut reader = Some(tx);
            let drained = tokio::time::timeout(crate::limits::TIMEOUT, async {
                while let Some(chunk) = chunks.next().await {
                    if let Some(tx) = &reader {
                        if tx.send(chunk).await.is_err() {
                            reader = None;
                        }
                    }
                }
            })
            .await;
            if let (Err(_), Some(tx)) = (drained, reader) {
                let _ = tx
                    .send(Err(axum::Error::new("the page took too long")))
                    .await;
            }
        });
        Response::from_parts(parts, Body::from_stream(ReceiverStream::new(rx)))
    }));
    match render.await {
        Ok(Ok(response)) => response,
        Ok(Err(_)) => http::StatusCode::REQUEST_TIMEOUT.into_response(),
        Err(_) => http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
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
        Ok(orgs) => Redirect::to(&app::space::landing_path(&orgs)).into_response(),
        Err(err) => crate::api::ApiError::from(err).into_response(),
    }
}
