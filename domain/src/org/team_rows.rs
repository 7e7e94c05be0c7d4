//! The teams table as other parts of the domain read it, apart from the teams' services (which
//! end a deleted team's shares, and so come after sharing).

use crate::error::{DomainError, DomainResult};
use sqlx::AnyConnection;

/// A team of this organization, or `NotFound` (another organization's team included).
pub(crate) async fn require_team(
    conn: &mut AnyConnection,
    org_id: &str,
    team_id: &str,
) -> DomainResult<()> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id FROM teams WHERE id = $1 AND org_id = $2")
            .bind(team_id)
            .bind(org_id)
            .fetch_optional(&mut *conn)
            .await?;
    row.map(|_| ()).ok_or(DomainError::NotFound)
}
