//! The organization's directory: a read-only address book every member who uses Contacts sees,
//! made from the members themselves (name, e-mail, role) with the teams as its groups. It is
//! read from the membership tables each time, so it is never out of date; an administrator can
//! hide a member from it. Guests (external members) neither see it nor appear in it.

use super::model::{AddressBookView, ContactDetail, ContactGroup, ContactInput, ContactSummary};
use super::model::{FieldKind, TypedValue};
use super::store::require_product;
use crate::error::{DomainError, DomainResult};
use crate::locale::sort_key;
use crate::org::{Actor, Role};
use crate::sharing::Permission;
use crate::store::Db;
use sqlx::Row;
use std::collections::HashMap;

pub use super::model::DIRECTORY_ID;

fn entry_id(account_id: &str) -> String {
    format!("{DIRECTORY_ID}:{account_id}")
}

/// The account an entry id names, if it is one.
pub fn entry_account(id: &str) -> Option<&str> {
    id.strip_prefix(DIRECTORY_ID)?.strip_prefix(':')
}

pub fn is_directory(book_id: &str) -> bool {
    book_id == DIRECTORY_ID
}

/// Members of the organization who use Contacts see it; guests do not.
fn require_reader(actor: &Actor) -> DomainResult<()> {
    require_product(actor)?;
    if actor.role == Role::External {
        return Err(DomainError::NotFound);
    }
    Ok(())
}

struct Member {
    account_id: String,
    name: String,
    email: String,
    role: Role,
}

/// The members listed, by name; `only` narrows to one account.
async fn listed(db: &Db, actor: &Actor, only: Option<&str>) -> DomainResult<Vec<Member>> {
    let rows = sqlx::query(
        "SELECT a.id, a.name, a.email, m.role FROM memberships m JOIN accounts a ON a.id = m.account_id
         WHERE m.org_id = $1 AND m.in_directory = 1 AND m.role <> $2 AND ($3 = '' OR a.id = $3)
         ORDER BY a.name, a.id",
    )
    .bind(&actor.org_id)
    .bind(Role::External.code())
    .bind(only.unwrap_or_default())
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|row| {
            let role: String = row.try_get("role")?;
            Ok(Member {
                account_id: row.try_get("id")?,
                name: row.try_get("name")?,
                email: row.try_get("email")?,
                role: Role::from_code(&role).ok_or(DomainError::Internal)?,
            })
        })
        .collect()
}

/// The teams of each member, by team name.
async fn teams_of_members(db: &Db, actor: &Actor) -> DomainResult<HashMap<String, Vec<String>>> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT tm.account_id, t.name FROM teams t JOIN team_members tm ON tm.team_id = t.id
         WHERE t.org_id = $1 ORDER BY t.name_key, t.id",
    )
    .bind(&actor.org_id)
    .fetch_all(db.pool())
    .await?;
    let mut teams: HashMap<String, Vec<String>> = HashMap::new();
    for (account, team) in rows {
        teams.entry(account).or_default().push(team);
    }
    Ok(teams)
}

/// The directory as a book of the member's list; `None` for a member who does not see it.
pub async fn directory_book(db: &Db, actor: &Actor) -> DomainResult<Option<AddressBookView>> {
    if require_reader(actor).is_err() {
        return Ok(None);
    }
    let count = listed(db, actor, None).await?.len();
    Ok(Some(AddressBookView {
        id: DIRECTORY_ID.to_owned(),
        name: String::new(),
        owner_id: String::new(),
        owner_name: String::new(),
        access: Permission::View,
        is_default: false,
        contacts: u32::try_from(count).unwrap_or(u32::MAX),
        directory: true,
    }))
}

/// The directory's entries, in the contact list's order.
pub async fn entries(db: &Db, actor: &Actor) -> DomainResult<Vec<ContactSummary>> {
    require_reader(actor)?;
    let mut teams = teams_of_members(db, actor).await?;
    let mut out: Vec<(String, ContactSummary)> = listed(db, actor, None)
        .await?
        .into_iter()
        .map(|m| {
            let key = sort_key(&m.name);
            let summary = ContactSummary {
                id: entry_id(&m.account_id),
                book_id: DIRECTORY_ID.to_owned(),
                initial: super::card_rows::initial(&key),
                full_name: m.name,
                email: m.email,
                phone: String::new(),
                organization: String::new(),
                groups: teams.remove(&m.account_id).unwrap_or_default(),
            };
            (key, summary)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    Ok(out.into_iter().map(|(_, s)| s).collect())
}

/// One entry as a card: the member's name, work e-mail, role and teams.
pub async fn entry(db: &Db, actor: &Actor, id: &str) -> DomainResult<ContactDetail> {
    require_reader(actor)?;
    let account = entry_account(id).ok_or(DomainError::NotFound)?;
    let member = listed(db, actor, Some(account))
        .await?
        .pop()
        .ok_or(DomainError::NotFound)?;
    let groups = teams_of_members(db, actor)
        .await?
        .remove(account)
        .unwrap_or_default();
    Ok(ContactDetail {
        id: id.to_owned(),
        full_name: member.name,
        fields: ContactInput {
            book_id: DIRECTORY_ID.to_owned(),
            emails: vec![TypedValue {
                kind: FieldKind::Work,
                value: member.email,
            }],
            groups,
            ..ContactInput::default()
        },
        writable: false,
        role: Some(member.role),
        custom: Vec::new(),
    })
}

/// The teams as the directory's groups, with how many listed members each holds.
pub async fn groups(db: &Db, actor: &Actor) -> DomainResult<Vec<ContactGroup>> {
    let entries = entries(db, actor).await?;
    Ok(super::group_names::tally(
        entries.into_iter().flat_map(|e| e.groups).map(|n| (n, 1)),
    ))
}

/// Shows a member in the directory or hides them (administrators only).
pub async fn set_listed(db: &Db, actor: &Actor, account_id: &str, shown: bool) -> DomainResult<()> {
    if !actor.role.is_administrator() {
        return Err(DomainError::forbidden(
            "only administrators choose who the directory lists",
        ));
    }
    let done = sqlx::query(
        "UPDATE memberships SET in_directory = $3 WHERE org_id = $1 AND account_id = $2",
    )
    .bind(&actor.org_id)
    .bind(account_id)
    .bind(i64::from(shown))
    .execute(db.pool())
    .await?;
    if done.rows_affected() == 0 {
        return Err(DomainError::NotFound);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids_name_an_account() {
        assert_eq!(entry_account(&entry_id("acc-1")), Some("acc-1"));
        assert!(super::super::model::directory_entry(&entry_id("acc-1")));
        assert!(!super::super::model::directory_entry("directory-book"));
        assert_eq!(entry_account("directory"), None);
        assert_eq!(entry_account("contact-1"), None);
        assert!(is_directory(DIRECTORY_ID) && !is_directory("book-1"));
    }
}
