//! The server's one home for background work: a task that lives as long as the server and runs
//! the domain's jobs (`domain::jobs`) on a timer, so requests never do maintenance.

use app::context::ServerContext;
use std::time::Duration;

/// How often the trash, expired sessions and stale throttle keys are purged.
const MAINTENANCE_EVERY: Duration = Duration::from_secs(3600);

/// How often the sessions' last use is written out (see `domain::auth::SessionActivity`).
const ACTIVITY_EVERY: Duration = Duration::from_secs(60);

/// How often the outbox is looked at: a letter goes out within this of being written.
const OUTBOX_EVERY: Duration = Duration::from_secs(1);

/// Runs until the server's task is dropped; the first rounds run at start. The outbox waits on
/// an SMTP server: it has a loop of its own, so a slow one holds up nothing else.
pub async fn run(ctx: ServerContext) {
    tokio::join!(housekeeping(&ctx), sending(&ctx), outbox(&ctx));
}

/// Members' messages whose Undo seconds or "Send later" time are over.
async fn sending(ctx: &ServerContext) {
    let mut round = tokio::time::interval(OUTBOX_EVERY);
    round.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        round.tick().await;
        let now = domain::clock::now();
        match domain::mail::send::send_due(&ctx.db, &ctx.blobs, now).await {
            Ok(0) => {}
            Ok(sent) => tracing::debug!(sent, "members' mail sent"),
            Err(err) => tracing::warn!(error = %err, "members' mail not sent; next round retries"),
        }
    }
}

async fn housekeeping(ctx: &ServerContext) {
    let mut maintenance = tokio::time::interval(MAINTENANCE_EVERY);
    let mut activity = tokio::time::interval(ACTIVITY_EVERY);
    for timer in [&mut maintenance, &mut activity] {
        timer.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    }
    loop {
        tokio::select! {
            _ = maintenance.tick() => maintain(ctx).await,
            _ = activity.tick() => {
                if let Err(err) = ctx.activity.flush(&ctx.db).await {
                    tracing::warn!(error = %err, "sessions' last use not written; next round retries");
                }
            }
        }
    }
}

async fn outbox(ctx: &ServerContext) {
    if !ctx.mail.mailer.is_configured() {
        return std::future::pending().await;
    }
    let mut round = tokio::time::interval(OUTBOX_EVERY);
    round.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        round.tick().await;
        let now = domain::clock::now();
        match domain::mailer::deliver_due(&ctx.db, &ctx.blobs, &ctx.mail.mailer, now).await {
            Ok(0) => {}
            Ok(sent) => tracing::info!(sent, "mail sent"),
            Err(err) => tracing::warn!(error = %err, "outbox not read; next round retries"),
        }
    }
}

async fn maintain(ctx: &ServerContext) {
    match domain::jobs::maintain(&ctx.db, domain::clock::now()).await {
        Ok(done) => tracing::info!(
            trash = done.trash,
            sessions = done.sessions,
            throttle_keys = done.throttle_keys,
            mail = done.mail,
            "maintenance"
        ),
        Err(err) => tracing::warn!(error = %err, "maintenance failed; next round retries"),
    }
    match ctx
        .blobs
        .collect_garbage(&ctx.db, domain::clock::now())
        .await
    {
        Ok(files) => tracing::info!(files, "unused files removed"),
        Err(err) => tracing::warn!(error = %err, "unused files not removed; next round retries"),
    }
}
