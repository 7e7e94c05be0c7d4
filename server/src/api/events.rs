use super::{ApiError, Authed};
use crate::state::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use domain::presence::PresenceHub;
use domain::store::Db;
use futures::{Stream, StreamExt};
use std::collections::HashSet;
use std::convert::Infallible;
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;

/// Counts the tab as connected while its stream lives; the last tab closing makes the account
/// offline for the others.
struct Connection {
    hub: PresenceHub,
    db: Db,
    account_id: String,
}

impl Drop for Connection {
    fn drop(&mut self) {
        if self.hub.disconnect(&self.account_id) {
            let (db, hub, id) = (self.db.clone(), self.hub.clone(), self.account_id.clone());
            tokio::spawn(async move {
                if let Err(err) = domain::auth::announce_presence(&db, &hub, &id).await {
                    tracing::warn!(?err, "could not announce going offline");
                }
            });
        }
    }
}

/// The tab's live event stream (`text/event-stream`): `presence` events of the members of the
/// account's organizations.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    responses((status = 200, content_type = "text/event-stream", description = "`presence` events, JSON data"), (status = 401, body = super::ErrorBody)))]
pub async fn stream(
    State(state): State<AppState>,
    Authed(session): Authed,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let (db, hub) = (state.ctx.db.clone(), state.ctx.presence.clone());
    let orgs = domain::org::org_ids(&db, session.account_id()).await?;
    // Only the presence of members the account may see (a guest: its own).
    let visible = domain::org::visible_accounts(&db, session.account_id()).await?;
    let receiver = hub.subscribe();
    if hub.connect(session.account_id()) {
        domain::auth::announce_presence(&db, &hub, session.account_id()).await?;
    }
    let ended = ended(
        db.clone(),
        session.session_id.clone(),
        session.account.id.clone(),
        orgs.clone(),
    );
    let connection = Connection {
        hub,
        db,
        account_id: session.account.id,
    };
    let events = BroadcastStream::new(receiver).filter_map(move |message| {
        let _alive = &connection;
        // A lagging receiver skips what it missed; the next event carries the current state.
        let event = message
            .ok()
            .filter(|routed| {
                !routed.orgs.is_disjoint(&orgs) && visible.contains(&routed.event.account_id)
            })
            .and_then(|routed| {
                Event::default()
                    .event("presence")
                    .json_data(&routed.event)
                    .ok()
            })
            .map(Ok);
        std::future::ready(event)
    });
    Ok(Sse::new(events.take_until(ended)).keep_alive(KeepAlive::default()))
}

/// How often an open stream checks that its session and memberships still stand.
const RECHECK: Duration = Duration::from_secs(5);

/// Resolves when the stream's session has ended (signed out, ended from another device, gone
/// idle) or its account's organizations changed (removed from one): the stream then ends, and
/// a tab still signed in opens a new one for the organizations it now has.
async fn ended(db: Db, session_id: String, account_id: String, orgs: HashSet<String>) {
    let mut timer = tokio::time::interval(RECHECK);
    timer.tick().await;
    loop {
        timer.tick().await;
        let now = domain::clock::now();
        let live = domain::auth::session_live(&db, &session_id, now).await;
        let member_of = domain::org::org_ids(&db, &account_id).await;
        match (live, member_of) {
            (Ok(true), Ok(current)) if current == orgs => {}
            (Ok(_), Ok(_)) => return,
            // The database did not answer: keep the stream, ask again later.
            _ => {}
        }
    }
}
