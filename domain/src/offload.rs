//! CPU-heavy work off the async workers. Parsing an uploaded file or expanding many recurrences
//! takes tens or hundreds of milliseconds; on an async worker it would stall every request that
//! worker serves. Here it runs on tokio's blocking threads, behind a semaphore per kind of work,
//! so a burst of uploads queues instead of taking every thread, and a parser that panics fails
//! its request with `Internal` while the server stays up.

use crate::error::{DomainError, DomainResult};
use std::sync::LazyLock;
use tokio::sync::Semaphore;

fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Parses of uploaded files: at most one per core at a time.
static PARSES: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(cores()));

/// Reads that compute (recurrence expansion): twice the cores, since they also wait on the
/// database between bursts.
static COMPUTES: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(2 * cores()));

/// Runs `work` (a parse of outside bytes) on a blocking thread, one per core at a time.
pub async fn parse<T, F>(work: F) -> DomainResult<T>
where
    F: FnOnce() -> DomainResult<T> + Send + 'static,
    T: Send + 'static,
{
    run(&PARSES, work).await
}

/// Runs `work` (computation over stored data) on a blocking thread, as `parse`.
pub async fn compute<T, F>(work: F) -> DomainResult<T>
where
    F: FnOnce() -> DomainResult<T> + Send + 'static,
    T: Send + 'static,
{
    run(&COMPUTES, work).await
}

async fn run<T, F>(gate: &'static Semaphore, work: F) -> DomainResult<T>
where
    F: FnOnce() -> DomainResult<T> + Send + 'static,
    T: Send + 'static,
{
    // The permit goes with the work: a request dropped while its parse runs (a timeout, a
    // client gone) keeps its place until the parse ends.
    let permit = gate.acquire().await.map_err(|_| DomainError::Internal)?;
    let work = move || {
        let _permit = permit;
        work()
    };
    tokio::task::spawn_blocking(work).await.map_err(|err| {
        tracing::error!(error = %err, "off-worker task failed");
        DomainError::Internal
    })?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panic_fails_the_work_not_the_caller() {
        let failed = parse(|| -> DomainResult<()> { panic!("parser bug") }).await;
        assert_eq!(failed, Err(DomainError::Internal));
        assert_eq!(parse(|| Ok(42)).await, Ok(42));
    }
}
