//! Data that a migration cannot fill in SQL, because only Rust reads the stored text: each
//! runs after the migrations on every start and does nothing once done (see
//! `migrations/README.md`).

use crate::error::DomainResult;
use sqlx::AnyPool;

#[derive(Debug, Clone, Copy)]
pub enum Backfill {
    /// `contacts.categories` (migration 0006) from the cards stored before it existed.
    ContactCategories,
}

impl Backfill {
    pub const ALL: [Backfill; 1] = [Backfill::ContactCategories];

    async fn run(self, pool: &AnyPool) -> DomainResult<()> {
        match self {
            Backfill::ContactCategories => crate::contacts::groups::index_missing(pool).await,
        }
    }
}

pub async fn run_all(pool: &AnyPool) -> DomainResult<()> {
    for backfill in Backfill::ALL {
        backfill.run(pool).await.inspect_err(|err| {
            tracing::error!(?backfill, ?err, "a backfill failed");
        })?;
    }
    Ok(())
}
