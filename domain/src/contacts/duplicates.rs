//! Likely duplicates in a book and their merge. Contacts match on the same e-mail address, the
//! same phone number (its digits), or the same name with the same organization or birthday;
//! never on a name alone. A merge adds the others' values to the reference card and puts them in
//! the trash; undoing it from the trash within 30 days gives everything back.

use super::card_rows::{
    stored, summary_of, trash_card, untrash_card, update_card, SUMMARY_COLUMNS,
};
use super::model::{ContactSummary, DuplicateGroup, MatchReason, MergeValue};
use super::store::{book_access, bump, require_writable, writable_book};
use super::vcard;
use crate::error::{DomainError, DomainResult};
use crate::ids::new_id;
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::Db;
use sqlx::{AnyConnection, Row};
use std::collections::{BTreeSet, HashMap};

/// What the scan reads of each contact (the indexed columns).
#[derive(Debug, Clone)]
pub struct ScanRow {
    pub summary: ContactSummary,
    /// Lower-cased e-mail addresses and normalised numbers.
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub birthday: String,
}

/// Groups of likely duplicates: indexes into `rows`, each group in the rows' order, with the
/// rules that joined it.
pub fn group_duplicates(rows: &[ScanRow]) -> Vec<(Vec<usize>, BTreeSet<MatchReason>)> {
    let mut parent: Vec<usize> = (0..rows.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut reasons: HashMap<usize, BTreeSet<MatchReason>> = HashMap::new();
    let mut first: HashMap<(MatchReason, String), usize> = HashMap::new();
    let mut join = |i: usize, reason: MatchReason, key: String, parent: &mut Vec<usize>| match first
        .get(&(reason, key.clone()))
    {
        None => {
            first.insert((reason, key), i);
        }
        Some(&j) => {
            let (a, b) = (root(parent, i), root(parent, j));
            let mut merged = reasons.remove(&a).unwrap_or_default();
            merged.extend(reasons.remove(&b).unwrap_or_default());
            merged.insert(reason);
            let top = a.min(b);
            parent[a.max(b)] = top;
            reasons.insert(top, merged);
        }
    };
    for (i, row) in rows.iter().enumerate() {
        for email in &row.emails {
            join(i, MatchReason::SameEmail, email.clone(), &mut parent);
        }
        for phone in &row.phones {
            join(i, MatchReason::SamePhone, phone.clone(), &mut parent);
        }
        let name = crate::locale::sort_key(&row.summary.full_name)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if name.is_empty() {
            continue;
        }
        let organization = crate::locale::sort_key(&row.summary.organization);
        for more in [organization, row.birthday.clone()] {
            if !more.is_empty() {
                join(
                    i,
                    MatchReason::SameNameAndMore,
                    format!("{name}\u{1f}{more}"),
                    &mut parent,
                );
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..rows.len() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<(Vec<usize>, BTreeSet<MatchReason>)> = groups
        .into_iter()
        .filter(|(_, members)| members.len() > 1)
        .map(|(r, members)| (members, reasons.remove(&r).unwrap_or_default()))
        .collect();
    out.sort_by_key(|(members, _)| members[0]);
    out
}

/// The book's live contacts as the scan reads them, in list order.
pub async fn scan_rows(db: &Db, actor: &Actor, book_id: &str) -> DomainResult<Vec<ScanRow>> {
    let mut conn = db.pool().acquire().await?;
    book_access(&mut conn, actor, book_id).await?;
    let rows = sqlx::query(&format!(
        "SELECT {SUMMARY_COLUMNS}, emails, phones, birthday
         FROM contacts WHERE book_id = $1 AND deleted_at = 0 ORDER BY sort_key, id"
    ))
    .bind(book_id)
    .fetch_all(&mut *conn)
    .await?;
    let lines = |s: String| -> Vec<String> { s.lines().map(str::to_owned).collect() };
    rows.iter()
        .map(|row| {
            Ok(ScanRow {
                summary: summary_of(row, book_id)?,
                emails: lines(row.try_get("emails")?),
                phones: lines(row.try_get("phones")?),
                birthday: row.try_get("birthday")?,
            })
        })
        .collect()
}

/// "Manage duplicates": the book's likely duplicates.
pub async fn find_duplicates(
    db: &Db,
    actor: &Actor,
    book_id: &str,
) -> DomainResult<Vec<DuplicateGroup>> {
    let rows = scan_rows(db, actor, book_id).await?;
    Ok(group_duplicates(&rows)
        .into_iter()
        .map(|(members, reasons)| DuplicateGroup {
            contacts: members
                .into_iter()
                .map(|i| rows[i].summary.clone())
                .collect(),
            reasons: reasons.into_iter().collect(),
        })
        .collect())
}

/// A merge worked out but not stored.
struct Merged {
    book_id: String,
    /// The reference card's text before the merge.
    before: String,
    card: calcard::vcard::VCard,
    added: Vec<MergeValue>,
}

/// The reference card with the others' values added. Every card must be in the reference's
/// book, which the actor may change.
async fn merged(
    conn: &mut AnyConnection,
    actor: &Actor,
    reference: &str,
    others: &[String],
) -> DomainResult<Merged> {
    let (kept, access) = stored(conn, actor, reference).await?;
    require_writable(access)?;
    let (book_id, before) = (kept.book_id, kept.vcard);
    let mut card = vcard::parse(&before).map_err(|_| DomainError::Internal)?;
    let mut added = Vec::new();
    for id in others {
        let (other, _) = stored(conn, actor, id).await?;
        if other.book_id != book_id {
            return Err(DomainError::invalid("contacts", Reason::MergeOtherBook));
        }
        let other = vcard::parse(&other.vcard).map_err(|_| DomainError::Internal)?;
        added.extend(
            vcard::merge_into(&mut card, &other)
                .iter()
                .map(|e| MergeValue {
                    property: e.name.as_str().to_owned(),
                    value: vcard::value_text(e),
                }),
        );
    }
    Ok(Merged {
        book_id,
        before,
        card,
        added,
    })
}

/// The cards to merge into the reference: `others` without it.
fn others_than(reference: &str, others: &[String]) -> Vec<String> {
    others
        .iter()
        .filter(|id| *id != reference)
        .cloned()
        .collect()
}

/// What merging `others` into `reference` would add to it.
pub async fn merge_preview(
    db: &Db,
    actor: &Actor,
    reference: &str,
    others: &[String],
) -> DomainResult<Vec<MergeValue>> {
    let mut conn = db.pool().acquire().await?;
    let others = others_than(reference, others);
    Ok(merged(&mut conn, actor, reference, &others).await?.added)
}

/// Merges `others` into `reference`: the reference gets their values, they go to the trash.
/// Returns the merge's id, which the trash lists to undo it.
pub async fn merge(
    db: &Db,
    actor: &Actor,
    reference: &str,
    others: &[String],
    now: i64,
) -> DomainResult<String> {
    let others = others_than(reference, others);
    if others.is_empty() {
        return Err(DomainError::invalid("contacts", Reason::MergeNeedsTwo));
    }
    let mut tx = db.write().await?;
    let Merged {
        book_id,
        before,
        card,
        ..
    } = merged(&mut tx, actor, reference, &others).await?;
    let text = vcard::write(&card);
    update_card(
        &mut tx,
        reference,
        &book_id,
        &text,
        &vcard::index(&card),
        now,
    )
    .await?;
    for id in &others {
        trash_card(&mut tx, id, now).await?;
    }
    let id = new_id();
    sqlx::query(
        "INSERT INTO contact_merges (id, org_id, book_id, reference_id, previous_vcard, removed, merged_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&actor.org_id)
    .bind(&book_id)
    .bind(reference)
    .bind(&before)
    .bind(others.join("\n"))
    .bind(now)
    .execute(&mut *tx)
    .await?;
    bump(&mut tx, &book_id).await?;
    tx.commit().await?;
    Ok(id)
}

/// Undoes a merge: the reference card gets its text from before, the merged cards come back.
pub async fn undo_merge(db: &Db, actor: &Actor, merge_id: &str, now: i64) -> DomainResult<()> {
    super::store::require_product(actor)?;
    let mut tx = db.write().await?;
    let row = sqlx::query(
        "SELECT book_id, reference_id, previous_vcard, removed FROM contact_merges
         WHERE id = $1 AND org_id = $2",
    )
    .bind(merge_id)
    .bind(&actor.org_id)
    .fetch_optional(&mut *tx)
    .await?
    .ok_or(DomainError::NotFound)?;
    let book_id: String = row.try_get("book_id")?;
    let reference: String = row.try_get("reference_id")?;
    let previous: String = row.try_get("previous_vcard")?;
    let removed: String = row.try_get("removed")?;
    writable_book(&mut tx, actor, &book_id).await?;
    // The merged contact must still be where the merge left it: moved or deleted since, undoing
    // would drag it back to this book, or out of the trash.
    let still_there: Option<(String,)> =
        sqlx::query_as("SELECT id FROM contacts WHERE id = $1 AND book_id = $2 AND deleted_at = 0")
            .bind(&reference)
            .bind(&book_id)
            .fetch_optional(&mut *tx)
            .await?;
    if still_there.is_none() {
        return Err(DomainError::invalid("merge", Reason::MergeChangedSince));
    }
    let card = vcard::parse(&previous).map_err(|_| DomainError::Internal)?;
    update_card(
        &mut tx,
        &reference,
        &book_id,
        &previous,
        &vcard::index(&card),
        now,
    )
    .await?;
    for id in removed.lines() {
        // Only those still in the book's trash: one restored or moved since stays where it is.
        let waiting: Option<(String,)> = sqlx::query_as(
            "SELECT id FROM contacts WHERE id = $1 AND book_id = $2 AND deleted_at <> 0",
        )
        .bind(id)
        .bind(&book_id)
        .fetch_optional(&mut *tx)
        .await?;
        if waiting.is_some() {
            untrash_card(&mut tx, id, now).await?;
        }
    }
    sqlx::query("DELETE FROM contact_merges WHERE id = $1")
        .bind(merge_id)
        .execute(&mut *tx)
        .await?;
    bump(&mut tx, &book_id).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, org: &str, emails: &[&str], phones: &[&str], birthday: &str) -> ScanRow {
        ScanRow {
            summary: ContactSummary {
                id: name.into(),
                book_id: String::new(),
                full_name: name.into(),
                initial: String::new(),
                email: String::new(),
                phone: String::new(),
                organization: org.into(),
                groups: Vec::new(),
            },
            emails: emails.iter().map(|e| e.to_string()).collect(),
            phones: phones.iter().map(|p| vcard::normalize_phone(p)).collect(),
            birthday: birthday.into(),
        }
    }

    #[test]
    fn duplicates_match_on_email_phone_or_name_and_more_never_on_name_alone() {
        let rows = [
            row("Marie Curie", "", &["marie@radium.example"], &[], ""),
            row("M. Curie", "", &["marie@radium.example"], &[], ""),
            row("Ada Lovelace", "", &[], &["+44 20 7946 0000"], ""),
            row("Countess of Lovelace", "", &[], &["+44 (20) 7946-0000"], ""),
            row("John Smith", "ACME", &[], &[], ""),
            row("john  SMITH", "Acme", &[], &[], ""),
            row("Jane Doe", "", &[], &[], "1990-01-01"),
            row("Jane Doe", "", &[], &[], "1990-01-01"),
            // The same name only: never a match.
            row("Alan Turing", "", &["alan@one.example"], &[], ""),
            row("Alan Turing", "", &["alan@two.example"], &[], ""),
        ];
        let groups = group_duplicates(&rows);
        let found: Vec<(Vec<usize>, Vec<MatchReason>)> = groups
            .into_iter()
            .map(|(m, r)| (m, r.into_iter().collect()))
            .collect();
        assert_eq!(
            found,
            [
                (vec![0, 1], vec![MatchReason::SameEmail]),
                (vec![2, 3], vec![MatchReason::SamePhone]),
                (vec![4, 5], vec![MatchReason::SameNameAndMore]),
                (vec![6, 7], vec![MatchReason::SameNameAndMore]),
            ]
        );
    }

    #[test]
    fn a_chain_of_matches_is_one_group() {
        let rows = [
            row("A", "", &["a@x.example"], &[], ""),
            row("B", "", &["b@x.example"], &["+41 1"], ""),
            row("C", "", &["a@x.example"], &["+41 1"], ""),
        ];
        let groups = group_duplicates(&rows);
        assert_eq!(groups.len(), 1);
        assert_eq!(groups[0].0, [0, 1, 2]);
        assert_eq!(
            groups[0].1.iter().copied().collect::<Vec<_>>(),
            [MatchReason::SameEmail, MatchReason::SamePhone]
        );
    }

    #[test]
    fn a_merge_keeps_every_distinct_value() {
        let reference = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:r\r\nFN:Marie Curie\r\nN:Curie;Marie;;;\r\n\
EMAIL:marie@radium.example\r\nTEL:+33 6 12 34 56 78\r\nTITLE:Professor\r\nBDAY:18671107\r\nEND:VCARD\r\n";
        let other = "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:o\r\nFN:M. Curie\r\nN:Curie;M.;;;\r\n\
EMAIL:MARIE@radium.example\r\nEMAIL:curie@sorbonne.example\r\nTEL:+33 (6) 12-34-56-78\r\n\
TITLE:Director\r\nBDAY:18671108\r\nNOTE:Two Nobel prizes\r\nX-ENGINE:kept\r\nEND:VCARD\r\n";
        let mut card = vcard::parse(reference).unwrap();
        let added = vcard::merge_into(&mut card, &vcard::parse(other).unwrap());
        let added: Vec<(String, String)> = added
            .iter()
            .map(|e| (e.name.as_str().to_owned(), vcard::value_text(e)))
            .collect();
        assert_eq!(
            added,
            [
                ("EMAIL".to_owned(), "curie@sorbonne.example".to_owned()),
                ("TITLE".to_owned(), "Director".to_owned()),
                ("NOTE".to_owned(), "Two Nobel prizes".to_owned()),
                ("X-ENGINE".to_owned(), "kept".to_owned()),
            ]
        );
        let f = vcard::fields(&card);
        assert_eq!(f.first, "Marie", "the reference's name stays");
        assert_eq!(
            f.title, "Professor",
            "the form shows the reference's title first"
        );
        assert_eq!(
            f.birthday, "1867-11-07",
            "a card holds one birthday: the reference's"
        );
        assert_eq!(f.emails.len(), 2);
        // An edit of the merged card keeps the title the form does not show.
        let edited = vcard::apply(Some(card), "r", &f);
        let text = vcard::write(&edited);
        assert!(
            text.contains("TITLE:Professor") && text.contains("TITLE:Director"),
            "{text}"
        );
    }
}
