//! The server's one home for background work: a task that lives as long as the server and runs
//! the domain's jobs (`domain::jobs`) on a timer, so requests never do maintenance.

use app::context::ServerContext;
use std::time::Duration;

/// How often the trash, expired sessions and stale throttle keys are purged.
const MAINTENANCE_EVERY: Duration = Duration::from_secs(3600);

/// Runs until the server's task is dropped; the first round runs at start.
pub async fn run(ctx: ServerContext) {
    let mut maintenance = tokio::time::interval(MAINTENANCE_EVERY);
    maintenance.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        maintenance.tick().await;
        match domain::jobs::maintain(&ctx.db, domain::clock::now()).await {
            Ok(done) => tracing::info!(
                trash = done.trash,
                sessions = done.sessions,
                throttle_keys = done.throttle_keys,
                "maintenance"
            ),
            Err(err) => tracing::warn!(error = %err, "maintenance failed; next round retries"),
        }
    }
}
