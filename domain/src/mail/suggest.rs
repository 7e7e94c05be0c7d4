//! Recipients offered while an address is typed in the compose form: the member's colleagues
//! (their mailboxes and the organization's directory) and their contacts (every address book
//! they see), best match first, each address once.

use super::model::PersonView;
use super::store::require_product;
use crate::error::DomainResult;
use crate::locale::sort_key;
use crate::org::{Access, Actor, Product, Role};
use crate::store::{bind_values, placeholders, Db, Value};
use sqlx::Row;
use std::collections::HashSet;

/// Suggestions shown at once.
pub const MAX_SUGGESTIONS: usize = 8;
/// The longest text looked up, in characters.
const MAX_TYPED: usize = 100;
/// Contacts read before ranking: a prefix of a few letters may match many.
const CONTACT_ROWS: i64 = 500;

/// Where a suggestion comes from; on equal matches, the first here comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    Colleague,
    Contact,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub name: String,
    pub address: String,
    pub source: Source,
}

/// How well `candidate` matches `typed` (a sort key): the lower the better, `None` when it does
/// not. The address from its start, the name from its start, a word of the name, a part of the
/// address (after a dot, a hyphen or the @), anywhere.
fn rank(typed: &str, candidate: &Candidate) -> Option<u8> {
    let address = candidate.address.to_lowercase();
    let name = sort_key(&candidate.name);
    let words_start = |text: &str| {
        text.split(|c: char| !c.is_alphanumeric())
            .any(|word| word.starts_with(typed))
    };
    if address.starts_with(typed) {
        Some(0)
    } else if name.starts_with(typed) {
        Some(1)
    } else if words_start(&name) {
        Some(2)
    } else if words_start(&address) {
        Some(3)
    } else if name.contains(typed) || address.contains(typed) {
        Some(4)
    } else {
        None
    }
}

/// The best `MAX_SUGGESTIONS` of `candidates` for what was typed, each address once.
pub fn ranked(typed: &str, candidates: Vec<Candidate>) -> Vec<PersonView> {
    let typed = sort_key(typed);
    if typed.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(u8, String, Candidate)> = candidates
        .into_iter()
        .filter_map(|c| rank(&typed, &c).map(|r| (r, sort_key(&c.name), c)))
        .collect();
    scored.sort_by(|(ra, na, a), (rb, nb, b)| {
        ra.cmp(rb)
            .then(a.source.cmp(&b.source))
            .then_with(|| na.cmp(nb))
            .then_with(|| a.address.cmp(&b.address))
    });
    let mut seen = HashSet::new();
    scored
        .into_iter()
        .filter(|(_, _, c)| seen.insert(c.address.to_lowercase()))
        .take(MAX_SUGGESTIONS)
        .map(|(_, _, c)| PersonView {
            name: c.name,
            address: c.address,
        })
        .collect()
}

/// What the actor may be offered for `typed`.
pub async fn suggest(
    db: &Db,
    actor: &Actor,
    typed: &str,
    now: i64,
) -> DomainResult<Vec<PersonView>> {
    require_product(actor)?;
    let key = sort_key(typed);
    // Nobody's name or address is longer; a longer text only costs more to compare.
    if key.is_empty() || key.chars().count() > MAX_TYPED {
        return Ok(Vec::new());
    }
    let mut candidates = colleagues(db, actor).await?;
    if actor.can(Product::Contacts, Access::Use) {
        candidates.extend(contacts(db, actor, &key, now).await?);
    }
    Ok(ranked(typed, candidates))
}

/// The organization's people, for its members (a guest is offered none): each listed member's
/// mailbox under its name and, for members who see the directory (Contacts), each listed
/// member under the address they signed up with. Members hidden from the directory, guests
/// and people no longer members are never offered.
async fn colleagues(db: &Db, actor: &Actor) -> DomainResult<Vec<Candidate>> {
    if actor.role == Role::External {
        return Ok(Vec::new());
    }
    let colleague = |(name, address): (String, String)| Candidate {
        name,
        address,
        source: Source::Colleague,
    };
    let mut found: Vec<Candidate> = sqlx::query_as(
        "SELECT m.name, a.address FROM mail_accounts m
         JOIN mail_addresses a ON a.account_id = m.id AND a.is_primary = 1
         JOIN memberships s ON s.account_id = m.owner_id AND s.org_id = m.org_id
         WHERE m.org_id = $1 AND m.deleted_at = 0 AND s.in_directory = 1 AND s.role <> $2",
    )
    .bind(&actor.org_id)
    .bind(Role::External.code())
    .fetch_all(db.pool())
    .await?
    .into_iter()
    .map(colleague)
    .collect();
    if actor.can(Product::Contacts, Access::Use) {
        let listed: Vec<(String, String)> = sqlx::query_as(
            "SELECT a.name, a.email FROM memberships m JOIN accounts a ON a.id = m.account_id
             WHERE m.org_id = $1 AND m.in_directory = 1 AND m.role <> $2",
        )
        .bind(&actor.org_id)
        .bind(Role::External.code())
        .fetch_all(db.pool())
        .await?;
        found.extend(listed.into_iter().map(colleague));
    }
    Ok(found)
}

/// The contacts of the actor's address books whose name or an address holds `key`, each
/// address of each a candidate.
async fn contacts(db: &Db, actor: &Actor, key: &str, now: i64) -> DomainResult<Vec<Candidate>> {
    let books = crate::contacts::books::visible_book_ids(db, actor, now).await?;
    if books.is_empty() {
        return Ok(Vec::new());
    }
    let pattern = format!("%{}%", escape_like(key));
    let mut values: Vec<Value> = vec![pattern.into()];
    values.extend(books.iter().map(|b| Value::from(b.as_str())));
    let sql = format!(
        "SELECT full_name, emails FROM contacts
         WHERE book_id IN ({}) AND deleted_at = 0 AND emails <> ''
           AND (sort_key LIKE $1 ESCAPE '\\' OR emails LIKE $1 ESCAPE '\\')
         LIMIT {CONTACT_ROWS}",
        placeholders(2, books.len())
    );
    let rows = bind_values(sqlx::query(&sql), &values)
        .fetch_all(db.pool())
        .await?;
    let mut found = Vec::new();
    for row in &rows {
        let name: String = row.try_get("full_name")?;
        let emails: String = row.try_get("emails")?;
        found.extend(emails.lines().filter(|e| !e.is_empty()).map(|e| Candidate {
            name: name.clone(),
            address: e.to_owned(),
            source: Source::Contact,
        }));
    }
    Ok(found)
}

/// `text` for a `LIKE` pattern, its wildcards taken literally.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str, address: &str, source: Source) -> Candidate {
        Candidate {
            name: name.into(),
            address: address.into(),
            source,
        }
    }

    fn addresses(typed: &str, candidates: &[Candidate]) -> Vec<String> {
        ranked(typed, candidates.to_vec())
            .into_iter()
            .map(|p| p.address)
            .collect()
    }

    #[test]
    fn the_address_start_beats_the_name_start_beats_a_word_beats_anywhere() {
        let all = [
            c("Bruno Keller", "bruno.keller@acme.ch", Source::Contact),
            c("Anna Keller", "anna.keller@acme.ch", Source::Colleague),
            c("Kelly Blue", "kb@example.org", Source::Contact),
            c("Mike Kel", "mike@kelvin.example", Source::Contact),
            c("Nobody", "nobody@example.org", Source::Contact),
            c("Ankel Muster", "x@y.ch", Source::Contact),
        ];
        assert_eq!(
            addresses("kel", &all),
            [
                "kb@example.org",
                "anna.keller@acme.ch",
                "bruno.keller@acme.ch",
                "mike@kelvin.example",
                "x@y.ch"
            ]
        );
    }

    #[test]
    fn accents_and_case_do_not_matter_and_colleagues_come_first_on_a_tie() {
        let all = [
            c("Élodie Zürcher", "elodie@partner.example", Source::Contact),
            c(
                "Elodie Zurbriggen",
                "e.zurbriggen@acme.ch",
                Source::Colleague,
            ),
        ];
        assert_eq!(
            addresses("ZUR", &all),
            ["e.zurbriggen@acme.ch", "elodie@partner.example"]
        );
        assert_eq!(addresses("élo", &all).len(), 2);
    }

    #[test]
    fn each_address_once_at_most_eight_and_nothing_for_nothing() {
        let mut all = vec![
            c("Ben Meier", "ben@acme.ch", Source::Colleague),
            c("Ben M.", "BEN@acme.ch", Source::Contact),
        ];
        all.extend((0..20).map(|i| {
            c(
                &format!("Bea {i}"),
                &format!("bea{i}@x.ch"),
                Source::Contact,
            )
        }));
        let found = ranked("be", all.clone());
        assert_eq!(found.len(), MAX_SUGGESTIONS);
        assert_eq!(found[0].name, "Ben Meier");
        assert_eq!(
            found
                .iter()
                .filter(|p| p.address.eq_ignore_ascii_case("ben@acme.ch"))
                .count(),
            1
        );
        assert!(ranked("  ", all).is_empty());
    }

    #[test]
    fn like_wildcards_are_taken_literally() {
        assert_eq!(escape_like("a_b%c\\"), "a\\_b\\%c\\\\");
    }
}
