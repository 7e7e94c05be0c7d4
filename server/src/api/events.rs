use super::{ApiError, Authed};
use crate::state::AppState;
use axum::extract::State;
use axum::response::sse::{Event, KeepAlive, Sse};
use domain::live::{LiveEvent, Routed};
use domain::store::Db;
use futures::{Stream, StreamExt};
use std::collections::HashSet;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio_stream::wrappers::BroadcastStream;

/// Counts the tab as open while its stream lives; the last tab closing makes the account
/// offline for the others.
struct Connection {
    db: Db,
    account_id: String,
}

impl Drop for Connection {
    fn drop(&mut self) {
        let (db, id) = (self.db.clone(), self.account_id.clone());
        tokio::spawn(async move {
            if db.live().close_tab(&id).await {
                if let Err(err) = domain::auth::announce_presence(&db, &id).await {
                    tracing::warn!(?err, "could not announce going offline");
                }
            }
        });
    }
}

/// Who listens on one stream, and what they may hear.
struct Listener {
    db: Db,
    account_id: String,
    orgs: HashSet<String>,
    /// Members whose presence the account may follow.
    visible: HashSet<String>,
    _tab: Connection,
}

impl Listener {
    /// The event as this tab's server-sent event, if the account may hear it.
    async fn pass(&self, routed: Routed) -> Option<Event> {
        if routed.orgs.is_disjoint(&self.orgs) {
            return None;
        }
        let heard = match &routed.event {
            LiveEvent::Presence(presence) => self.visible.contains(&presence.account_id),
            LiveEvent::Change(change) => {
                let actor = domain::org::actor(&self.db, &self.account_id, &change.org_id).await;
                match actor {
                    Ok(actor) => domain::live::may_see(&self.db, &actor, change)
                        .await
                        .unwrap_or(false),
                    Err(_) => false,
                }
            }
        };
        heard
            .then(|| {
                Event::default()
                    .event(routed.event.name())
                    .json_data(&routed.event)
                    .ok()
            })
            .flatten()
    }
}

/// The tab's live event stream (`text/event-stream`): `presence` events of the members of the
/// account's organizations and `change` events of the collections it may read.
#[utoipa::path(get, path = "/api/v1/events", tag = "events",
    responses((status = 200, content_type = "text/event-stream", description = "`presence` and `change` events, JSON data (`domain::live::LiveEvent`)"), (status = 401, body = super::ErrorBody)))]
pub async fn stream(
    State(state): State<AppState>,
    Authed(session): Authed,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, ApiError> {
    let db = state.ctx.db.clone();
    let orgs = domain::org::org_ids(&db, session.account_id()).await?;
    // Only the presence of members the account may see (a guest: its own).
    let visible = domain::org::visible_accounts(&db, session.account_id()).await?;
    let receiver = db.live().subscribe();
    let tab = Connection {
        db: db.clone(),
        account_id: session.account.id.clone(),
    };
    if db.live().open_tab(session.account_id()).await {
        domain::auth::announce_presence(&db, session.account_id()).await?;
    }
    let ended = ended(
        db.clone(),
        session.session_id.clone(),
        session.account.id.clone(),
        orgs.clone(),
    );
    let listener = Arc::new(Listener {
        db,
        account_id: session.account.id,
        orgs,
        visible,
        _tab: tab,
    });
    let events = BroadcastStream::new(receiver).filter_map(move |message| {
        let listener = listener.clone();
        async move {
            // A lagging receiver skips what it missed; the next event carries the current state.
            let routed = message.ok()?;
            listener.pass(routed).await.map(Ok)
        }
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
