//! vCard import and export. An import is read and checked whole before anything is written, then
//! stored in one transaction: everything it accepted, or nothing. Cards are matched by UID, so
//! importing the same file again updates instead of duplicating.

use super::books::insert_book;
use super::cards::{etag, insert_card, update_card};
use super::errors;
use super::model::{ContactImportSummary, SkippedLine};
use super::store::{book_access, bump, writable_book};
use super::vcard::{self, ContactIndex};
use crate::calendar::SkipCode;
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::org::Actor;
use crate::store::Db;
use crate::upload::{self, Expected};
use sha2::{Digest, Sha256};
use sqlx::Row;
use std::collections::{HashMap, HashSet};

/// kSuite's documented limits for a contacts import.
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;
pub const MAX_IMPORT_LINES: usize = 10_000;

pub fn too_large() -> DomainError {
    upload::too_large(MAX_IMPORT_BYTES)
}

/// Where an import goes.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportTarget {
    Existing(String),
    New { name: String },
}

/// One card ready to store, in vCard 4.0.
#[derive(Debug)]
pub struct ReadyCard {
    pub line: u32,
    pub text: String,
    pub index: ContactIndex,
}

/// The cards of a file, each with the line it starts on; text outside a card is ignored.
fn split_cards(text: &str) -> (Vec<(u32, String)>, Vec<SkippedLine>) {
    let mut cards = Vec::new();
    let mut skipped = Vec::new();
    let mut current: Option<(u32, String)> = None;
    for (n, line) in text.lines().enumerate() {
        let number = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let upper = line.trim().to_ascii_uppercase();
        if upper == "BEGIN:VCARD" {
            if let Some((start, _)) = current.take() {
                skipped.push(unterminated(start));
            }
            current = Some((number, String::new()));
        }
        if let Some((_, card)) = current.as_mut() {
            card.push_str(line);
            card.push_str("\r\n");
        }
        if upper == "END:VCARD" {
            if let Some(card) = current.take() {
                cards.push(card);
            }
        }
    }
    if let Some((start, _)) = current {
        skipped.push(unterminated(start));
    }
    (cards, skipped)
}

fn unterminated(line: u32) -> SkippedLine {
    SkippedLine {
        line,
        code: SkipCode::Unterminated,
        reason: "END:VCARD missing".into(),
    }
}

/// Reads a vCard file (3.0 or 4.0): the file-level problems refuse the whole import, a card
/// that cannot be used is skipped with its line and reason.
pub fn prepare_vcards(bytes: &[u8]) -> DomainResult<(Vec<ReadyCard>, Vec<SkippedLine>)> {
    let text = upload::text_of(
        bytes,
        &Expected {
            max_bytes: MAX_IMPORT_BYTES,
            begins_with: "BEGIN:VCARD",
            wrong_kind: errors::FILE_NOT_VCARD,
        },
    )?;
    let (cards, mut skipped) = split_cards(text);
    if cards.len() > MAX_IMPORT_LINES {
        return Err(DomainError::limit(
            LimitKind::FileLines,
            MAX_IMPORT_LINES as u64,
        ));
    }
    let mut ready = Vec::with_capacity(cards.len());
    let mut seen = HashSet::new();
    for (line, card_text) in cards {
        let mut card = match vcard::parse(&card_text) {
            Ok(card) => card,
            Err(reason) => {
                skipped.push(SkippedLine {
                    line,
                    code: SkipCode::Unreadable,
                    reason,
                });
                continue;
            }
        };
        if vcard::index(&card).full_name.is_empty() {
            skipped.push(SkippedLine {
                line,
                code: SkipCode::NoName,
                reason: String::new(),
            });
            continue;
        }
        // A card without a UID gets one made from its text, so a second import matches it.
        let uid = match card.uid() {
            Some(uid) if !uid.trim().is_empty() => uid.trim().to_owned(),
            _ => hex::encode(&Sha256::digest(card_text.as_bytes())[..16]),
        };
        if !seen.insert(uid.clone()) {
            skipped.push(SkippedLine {
                line,
                code: SkipCode::UidRepeated,
                reason: uid,
            });
            continue;
        }
        if card.uid().is_none_or(|u| u.trim().is_empty()) {
            vcard::set_uid(&mut card, &uid);
        }
        // Stored as 4.0, every property as the file had it.
        let text = vcard::write(&card);
        let mut index = vcard::index(&card);
        index.uid = uid;
        ready.push(ReadyCard { line, text, index });
    }
    skipped.sort_by_key(|s| s.line);
    Ok((ready, skipped))
}

/// Imports a vCard file into a book (an existing one the actor may write to, or a new one).
pub async fn import_vcards(
    db: &Db,
    actor: &Actor,
    target: &ImportTarget,
    bytes: &[u8],
    now: i64,
) -> DomainResult<ContactImportSummary> {
    let (ready, skipped) = prepare_vcards(bytes)?;
    let mut tx = db.pool().begin().await?;
    let book_id = match target {
        ImportTarget::Existing(id) => writable_book(&mut tx, actor, id).await?.id,
        ImportTarget::New { name } => insert_book(&mut tx, actor, name, now).await?,
    };
    let rows = sqlx::query("SELECT id, uid, etag, deleted_at FROM contacts WHERE book_id = $1")
        .bind(&book_id)
        .fetch_all(&mut *tx)
        .await?;
    let mut existing: HashMap<String, (String, String, i64)> = HashMap::new();
    for row in &rows {
        existing.insert(
            row.try_get("uid")?,
            (
                row.try_get("id")?,
                row.try_get("etag")?,
                row.try_get("deleted_at")?,
            ),
        );
    }
    let mut summary = ContactImportSummary {
        book_id: book_id.clone(),
        skipped,
        ..ContactImportSummary::default()
    };
    for card in &ready {
        match existing.get(&card.index.uid) {
            Some((_, tag, 0)) if *tag == etag(&card.text) => summary.unchanged += 1,
            Some((id, _, _)) => {
                update_card(&mut tx, id, &book_id, &card.text, &card.index, now).await?;
                summary.updated += 1;
            }
            None => {
                insert_card(
                    &mut tx,
                    &actor.org_id,
                    &book_id,
                    &card.text,
                    &card.index,
                    now,
                )
                .await?;
                summary.imported += 1;
            }
        }
    }
    bump(&mut tx, &book_id).await?;
    tx.commit().await?;
    Ok(summary)
}

/// The book's live contacts as one vCard 4.0 file, and the book's name for the file name.
/// `only` keeps the contacts with these ids (an exported selection).
pub async fn export_vcards(
    db: &Db,
    actor: &Actor,
    book_id: &str,
    only: Option<&[String]>,
) -> DomainResult<(String, String)> {
    let mut conn = db.pool().acquire().await?;
    let (book, _) = book_access(&mut conn, actor, book_id).await?;
    let rows = sqlx::query(
        "SELECT id, vcard FROM contacts WHERE book_id = $1 AND deleted_at = 0 ORDER BY sort_key, id",
    )
    .bind(book_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut out = String::new();
    for row in &rows {
        let id: String = row.try_get("id")?;
        if only.is_none_or(|ids| ids.contains(&id)) {
            out.push_str(row.try_get::<&str, _>("vcard")?);
        }
    }
    Ok((book.name, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_card_is_kept_or_skipped_with_its_line() {
        let file = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nNOTE:nobody\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nUID:same\r\nFN:One\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nUID:same\r\nFN:Two\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Cut off\r\n";
        let (ready, skipped) = prepare_vcards(file.as_bytes()).unwrap();
        let names: Vec<_> = ready.iter().map(|r| r.index.full_name.as_str()).collect();
        assert_eq!(names, ["Ada Lovelace", "One"]);
        let lines: Vec<_> = skipped.iter().map(|s| (s.line, s.code)).collect();
        assert_eq!(
            lines,
            [
                (6, SkipCode::NoName),
                (15, SkipCode::UidRepeated),
                (20, SkipCode::Unterminated)
            ]
        );
        assert!(ready[0].text.contains("VERSION:4.0"));
        // Without a UID: one made from the card, the same on a second reading.
        let again = prepare_vcards(file.as_bytes()).unwrap().0;
        assert_eq!(ready[0].index.uid, again[0].index.uid);
        assert!(ready[0]
            .text
            .contains(&format!("UID:{}", ready[0].index.uid)));
    }

    #[test]
    fn a_file_that_is_no_vcard_or_too_big_is_refused_whole() {
        assert!(matches!(
            prepare_vcards(b"name,email\r\nAda,ada@example.org\r\n"),
            Err(DomainError::Invalid { reason, .. }) if reason == errors::FILE_NOT_VCARD
        ));
        assert!(matches!(
            prepare_vcards(&[0xff, 0xfe, 0x00]),
            Err(DomainError::Invalid { reason, .. }) if reason == errors::FILE_NOT_UTF8
        ));
        let card = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:A\r\nEND:VCARD\r\n";
        let many = card.repeat(MAX_IMPORT_LINES + 1);
        assert_eq!(
            prepare_vcards(many.as_bytes()).unwrap_err(),
            DomainError::limit(LimitKind::FileLines, 10_000)
        );
        let big = vec![b' '; MAX_IMPORT_BYTES + 1];
        assert_eq!(prepare_vcards(&big).unwrap_err(), too_large());
    }
}
