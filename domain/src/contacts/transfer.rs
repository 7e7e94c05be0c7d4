//! vCard import and export. An import is read and checked whole before anything is written, then
//! stored in one transaction: everything it accepted, or nothing. Cards are matched by UID, so
//! importing the same file again updates instead of duplicating.

use super::books::insert_book;
use super::card_rows::{insert_cards, update_card};
use super::csv_map;
use super::input::{check, check_custom, MAX_VALUES};
use super::model::{CsvField, CsvPreset, CsvPreview};
use super::photo;
use super::store::{book_access, require_product, writable_book, BookRow};
use super::vcard::{self, ContactIndex};
use crate::content_lines::{self, Bounds};
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::import::stored::{self, Importable};
use crate::import::{ImportSummary, ImportTarget, ImportedInto, SkipCode, Skipped, SkippedAt};
use crate::offload;
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::Db;
use crate::trash::Items;
use crate::upload::{self, Expected};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, Row};
use std::collections::HashSet;

/// kSuite's documented limits for a contacts import.
pub const MAX_IMPORT_BYTES: usize = 50 * 1024 * 1024;
pub const MAX_IMPORT_LINES: usize = 10_000;

pub fn too_large() -> DomainError {
    upload::too_large(MAX_IMPORT_BYTES)
}

/// One card ready to store, in vCard 4.0.
#[derive(Debug)]
pub struct ReadyCard {
    pub line: u32,
    pub text: String,
    pub index: ContactIndex,
}

/// What a .vcf upload may hold. A card nests only in vCard 2.1's AGENT.
pub const BOUNDS: Bounds = Bounds {
    max_depth: 3,
    max_components: 2 * MAX_IMPORT_LINES,
    max_items: MAX_IMPORT_LINES,
    items_kind: LimitKind::FileLines,
    // A photo of 512 KB takes 683 KB in base64.
    max_line_bytes: 1024 * 1024,
    container: None,
};

/// The most columns a CSV file may have; Outlook's export has 92.
pub const MAX_CSV_COLUMNS: usize = 500;
/// The most bytes one CSV row may hold.
pub const MAX_CSV_ROW_BYTES: usize = 1024 * 1024;

fn unterminated(line: u32) -> Skipped {
    Skipped {
        at: SkippedAt::line(line),
        code: SkipCode::Unterminated,
        reason: "END:VCARD missing".into(),
    }
}

/// Reads a vCard file (3.0 or 4.0): the file-level problems refuse the whole import, a card
/// that cannot be used is skipped with its line and reason.
pub fn prepare_vcards(bytes: &[u8]) -> DomainResult<(Vec<ReadyCard>, Vec<Skipped>)> {
    let text = upload::text_of(
        bytes,
        &Expected {
            max_bytes: MAX_IMPORT_BYTES,
            begins_with: "BEGIN:VCARD",
            wrong_kind: Reason::FileNotVcard,
        },
    )?;
    let outline = content_lines::outline(text, &BOUNDS)?;
    let mut skipped = Vec::new();
    let mut ready = Vec::with_capacity(outline.items.len());
    let mut seen = HashSet::new();
    // Text outside a card, and components that are no card, are ignored.
    for item in outline.items.iter().filter(|i| i.name == "VCARD") {
        let line = item.line;
        if !item.complete {
            skipped.push(unterminated(line));
            continue;
        }
        // CRLF line ends, as the UID made from the text has always been computed over.
        let card_text: String = item.text.lines().map(|l| format!("{l}\r\n")).collect();
        let mut card = match vcard::parse(&card_text) {
            Ok(card) => card,
            Err(reason) => {
                skipped.push(Skipped {
                    at: SkippedAt::line(line),
                    code: SkipCode::Unreadable,
                    reason,
                });
                continue;
            }
        };
        if vcard::index(&card).full_name.is_empty() {
            skipped.push(Skipped {
                at: SkippedAt::line(line),
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
            skipped.push(Skipped {
                at: SkippedAt::line(line),
                code: SkipCode::UidRepeated,
                reason: uid,
            });
            continue;
        }
        if card.uid().is_none_or(|u| u.trim().is_empty()) {
            vcard::set_uid(&mut card, &uid);
        }
        // An imported photo passes the checks of an uploaded one, or the card comes without it.
        if let Err(err) = photo::check(&vcard::fields(&card).photo) {
            vcard::remove_photos(&mut card);
            skipped.push(Skipped {
                at: SkippedAt::line(line),
                code: SkipCode::PartLeftOut,
                reason: err.to_string(),
            });
        }
        // Stored as 4.0, every property as the file had it.
        let text = vcard::write(&card);
        let mut index = vcard::index(&card);
        index.uid = uid;
        ready.push(ReadyCard { line, text, index });
    }
    skipped.sort_by(|a, b| a.at.cmp(&b.at));
    Ok((ready, skipped))
}

/// Imports a vCard file into a book (an existing one the actor may write to, or a new one).
pub async fn import_vcards(
    db: &Db,
    actor: &Actor,
    target: &ImportTarget,
    bytes: Vec<u8>,
    now: i64,
) -> DomainResult<ImportSummary> {
    stored::may_import::<Cards>(db, actor, target).await?;
    let (ready, skipped) = offload::parse(move || prepare_vcards(&bytes)).await?;
    stored::store::<Cards>(db, actor, target, ready, skipped, now).await
}

/// What a CSV file's columns mean.
#[derive(Debug, Clone)]
pub enum CsvColumns {
    /// What the export its header row comes from (Outlook, Gmail, Thunderbird, Apple) means.
    Detect,
    /// What this export means by its headers.
    Preset(CsvPreset),
    /// One meaning per column, chosen in the mapping step.
    Given(Vec<Option<CsvField>>),
}

impl CsvColumns {
    /// The REST import's choice: a `columns` list (see `CsvField::parse_list`), else a preset,
    /// else what the headers say.
    pub fn chosen(preset: Option<CsvPreset>, columns: Option<&str>) -> DomainResult<CsvColumns> {
        Ok(match (columns, preset) {
            (Some(list), _) => CsvColumns::Given(
                CsvField::parse_list(list)
                    .map_err(|_| DomainError::invalid("columns", Reason::CsvColumnsUnknown))?,
            ),
            (None, Some(preset)) => CsvColumns::Preset(preset),
            (None, None) => CsvColumns::Detect,
        })
    }
}

/// Imports a CSV file whose columns mean what `columns` says.
pub async fn import_csv(
    db: &Db,
    actor: &Actor,
    target: &ImportTarget,
    bytes: Vec<u8>,
    columns: CsvColumns,
    now: i64,
) -> DomainResult<ImportSummary> {
    stored::may_import::<Cards>(db, actor, target).await?;
    let (ready, skipped) = offload::parse(move || prepare_csv(&bytes, columns)).await?;
    stored::store::<Cards>(db, actor, target, ready, skipped, now).await
}

/// Imports into address books, from vCard or CSV.
pub(crate) struct Cards;

impl Importable for Cards {
    type Collection = BookRow;
    type Item = ReadyCard;
    const ITEMS: Items = Items {
        table: "contacts",
        collection: "book_id",
    };
    const VERSION_AT: &'static str = "SELECT v.vcard, v.deleted_at FROM contact_versions v
         JOIN contacts c ON c.id = v.contact_id
         WHERE v.contact_id = $1 AND c.book_id = $2 AND v.book_id = $2 AND v.replaced_at = $3";

    fn imported_into(book_id: String) -> ImportedInto {
        ImportedInto::Book { book_id }
    }

    fn uid(card: &ReadyCard) -> &str {
        &card.index.uid
    }

    fn text(card: &ReadyCard) -> &str {
        &card.text
    }

    fn reread(text: String) -> Option<ReadyCard> {
        let index = vcard::index(&vcard::parse(&text).ok()?);
        Some(ReadyCard {
            line: 0,
            text,
            index,
        })
    }

    async fn writable(conn: &mut AnyConnection, actor: &Actor, id: &str) -> DomainResult<String> {
        Ok(writable_book(conn, actor, id).await?.id)
    }

    async fn create(
        conn: &mut AnyConnection,
        actor: &Actor,
        name: &str,
        _color: Option<&str>,
        now: i64,
    ) -> DomainResult<String> {
        insert_book(conn, actor, name, now).await
    }

    async fn replace(
        conn: &mut AnyConnection,
        id: &str,
        book_id: &str,
        card: &ReadyCard,
        now: i64,
    ) -> DomainResult<()> {
        update_card(conn, id, book_id, &card.text, &card.index, now).await
    }

    async fn insert(
        conn: &mut AnyConnection,
        actor: &Actor,
        book_id: &str,
        cards: &[&ReadyCard],
        now: i64,
    ) -> DomainResult<Vec<String>> {
        let cards: Vec<_> = cards.iter().map(|c| (c.text.as_str(), &c.index)).collect();
        insert_cards(conn, &actor.org_id, book_id, &cards, now).await
    }
}

/// A CSV file's header row, what the import makes of it, and its first rows, for the mapping
/// step of the import dialog. `bytes` may be only the file's beginning: a character cut in two
/// at its end is left out.
pub async fn csv_preview(actor: &Actor, bytes: Vec<u8>) -> DomainResult<CsvPreview> {
    require_product(actor)?;
    offload::parse(move || preview(&bytes)).await
}

fn preview(bytes: &[u8]) -> DomainResult<CsvPreview> {
    let bytes = match std::str::from_utf8(bytes) {
        Err(cut) if cut.error_len().is_none() => &bytes[..cut.valid_up_to()],
        _ => bytes,
    };
    let mut reader = csv_reader(csv_text(bytes)?)?;
    let headers = csv_headers(&mut reader)?;
    let preset = csv_map::detect(&headers);
    let mapping = match preset {
        Some(p) => csv_map::mapping(p, &headers),
        None => vec![None; headers.len()],
    };
    let sample = reader
        .records()
        .map_while(Result::ok)
        .filter(|r| r.iter().any(|c| !c.trim().is_empty()))
        .take(3)
        .map(|r| r.iter().map(str::to_owned).collect())
        .collect();
    Ok(CsvPreview {
        preset,
        mapping,
        sample,
        headers,
    })
}

/// A CSV row's cells and the line it starts on.
type CsvRow = (u32, Vec<String>);

fn csv_text(bytes: &[u8]) -> DomainResult<&str> {
    upload::text_of(
        bytes,
        &Expected {
            max_bytes: MAX_IMPORT_BYTES,
            begins_with: "",
            wrong_kind: Reason::FileNotCsv,
        },
    )
}

fn csv_reader(text: &str) -> DomainResult<csv::Reader<&[u8]>> {
    // Excel writes semicolons where the comma is the decimal separator.
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter = if first_line.matches(';').count() > first_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    csv_bounds(text.as_bytes(), delimiter)?;
    Ok(csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes()))
}

/// Refuses a file with a row of more than `MAX_CSV_COLUMNS` cells or `MAX_CSV_ROW_BYTES`
/// bytes, in one pass through a fixed buffer, before the reader allocates a row: a header of
/// 50 million commas would otherwise take gigabytes.
fn csv_bounds(text: &[u8], delimiter: u8) -> DomainResult<()> {
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut sink = [0u8; 4096];
    let mut input = text;
    let (mut cells, mut row_bytes) = (0usize, 0usize);
    loop {
        let (result, read, _) = reader.read_field(input, &mut sink);
        input = &input[read..];
        row_bytes += read;
        if row_bytes > MAX_CSV_ROW_BYTES {
            return Err(DomainError::limit(
                LimitKind::LineKilobytes,
                (MAX_CSV_ROW_BYTES / 1024) as u64,
            ));
        }
        match result {
            // A cell longer than the buffer: the rest of it comes with the next calls.
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                cells += 1;
                if cells > MAX_CSV_COLUMNS {
                    return Err(DomainError::limit(
                        LimitKind::FileColumns,
                        MAX_CSV_COLUMNS as u64,
                    ));
                }
                if record_end {
                    (cells, row_bytes) = (0, 0);
                }
            }
            csv_core::ReadFieldResult::End => return Ok(()),
        }
    }
}

fn not_csv<E>(_: E) -> DomainError {
    DomainError::invalid("file", Reason::FileNotCsv)
}

/// The header row; a file of fewer than two columns is no contacts export.
fn csv_headers(reader: &mut csv::Reader<&[u8]>) -> DomainResult<Vec<String>> {
    let headers: Vec<String> = reader
        .headers()
        .map_err(not_csv)?
        .iter()
        .map(str::to_owned)
        .collect();
    if headers.len() < 2 {
        return Err(not_csv(()));
    }
    if headers.len() > MAX_CSV_COLUMNS {
        return Err(DomainError::limit(
            LimitKind::FileColumns,
            MAX_CSV_COLUMNS as u64,
        ));
    }
    Ok(headers)
}

/// The header row and the rows of a CSV file, within the limits.
fn read_csv(bytes: &[u8]) -> DomainResult<(Vec<String>, Vec<CsvRow>)> {
    let mut reader = csv_reader(csv_text(bytes)?)?;
    let headers = csv_headers(&mut reader)?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(not_csv)?;
        if record.len() > MAX_CSV_COLUMNS {
            return Err(DomainError::limit(
                LimitKind::FileColumns,
                MAX_CSV_COLUMNS as u64,
            ));
        }
        if record.as_slice().len() > MAX_CSV_ROW_BYTES {
            return Err(DomainError::limit(
                LimitKind::LineKilobytes,
                (MAX_CSV_ROW_BYTES / 1024) as u64,
            ));
        }
        if rows.len() == MAX_IMPORT_LINES {
            return Err(DomainError::limit(
                LimitKind::FileLines,
                MAX_IMPORT_LINES as u64,
            ));
        }
        // The reader's line numbers for records run one behind an editor's (see the tests,
        // quoted line breaks included).
        let line = record
            .position()
            .map(|p| u32::try_from(p.line() + 1).unwrap_or(u32::MAX))
            .unwrap_or_default();
        rows.push((line, record.iter().map(str::to_owned).collect()));
    }
    Ok((headers, rows))
}

/// Reads a CSV file into contacts: each row kept or skipped with its line and reason.
pub fn prepare_csv(
    bytes: &[u8],
    columns: CsvColumns,
) -> DomainResult<(Vec<ReadyCard>, Vec<Skipped>)> {
    let (headers, rows) = read_csv(bytes)?;
    let mapping = match columns {
        CsvColumns::Given(m) => m,
        CsvColumns::Preset(preset) => csv_map::mapping(preset, &headers),
        CsvColumns::Detect => {
            let preset = csv_map::detect(&headers)
                .ok_or_else(|| DomainError::invalid("mapping", Reason::CsvColumnsUnknown))?;
            csv_map::mapping(preset, &headers)
        }
    };
    // Each column kept as a field of the member's own repeats its header on every card.
    let custom = mapping
        .iter()
        .filter(|f| **f == Some(CsvField::Custom))
        .count();
    if custom > MAX_VALUES {
        return Err(DomainError::limit(
            LimitKind::CustomColumns,
            MAX_VALUES as u64,
        ));
    }
    let mut ready = Vec::with_capacity(rows.len());
    let mut skipped = Vec::new();
    let mut seen = HashSet::new();
    for (line, row) in rows {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let input = csv_map::row_to_input(&row, &mapping);
        let checked = check(&input).and_then(|()| {
            csv_map::custom_cells(&row, &mapping, &headers)
                .try_for_each(|(_, value)| check_custom(value))
        });
        if let Err(err) = checked {
            let (code, reason) = match err {
                DomainError::Invalid {
                    reason: Reason::ContactEmpty,
                    ..
                } => (SkipCode::NoName, String::new()),
                DomainError::Invalid { field, reason } => {
                    (SkipCode::Unreadable, format!("{field}: {}", reason.code()))
                }
                other => return Err(other),
            };
            skipped.push(Skipped {
                at: SkippedAt::line(line),
                code,
                reason,
            });
            continue;
        }
        // A UID made from the row, so importing the same file again matches it.
        let uid = hex::encode(&Sha256::digest(row.join("\u{1f}").as_bytes())[..16]);
        if !seen.insert(uid.clone()) {
            skipped.push(Skipped {
                at: SkippedAt::line(line),
                code: SkipCode::UidRepeated,
                reason: String::new(),
            });
            continue;
        }
        let mut card = vcard::apply(None, &uid, &input);
        for (label, value) in csv_map::custom_cells(&row, &mapping, &headers) {
            vcard::add_custom(&mut card, label, value);
        }
        ready.push(ReadyCard {
            line,
            text: vcard::write(&card),
            index: vcard::index(&card),
        });
    }
    Ok((ready, skipped))
}

/// The book's name and its live contacts' vCard texts, in list order. `only` keeps the
/// contacts with these ids (an exported selection).
async fn exported(
    db: &Db,
    actor: &Actor,
    book_id: &str,
    only: Option<&[String]>,
) -> DomainResult<(String, Vec<String>)> {
    let mut conn = db.pool().acquire().await?;
    let (book, _) = book_access(&mut conn, actor, book_id).await?;
    let rows = sqlx::query(
        "SELECT id, vcard FROM contacts WHERE book_id = $1 AND deleted_at = 0 ORDER BY sort_key, id",
    )
    .bind(book_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut texts = Vec::with_capacity(rows.len());
    for row in &rows {
        let id: String = row.try_get("id")?;
        if only.is_none_or(|ids| ids.contains(&id)) {
            texts.push(row.try_get("vcard")?);
        }
    }
    Ok((book.name, texts))
}

/// The book's live contacts (or the `only` ones) as one vCard 4.0 file, and the book's name for
/// the file name.
pub async fn export_vcards(
    db: &Db,
    actor: &Actor,
    book_id: &str,
    only: Option<&[String]>,
) -> DomainResult<(String, String)> {
    let (name, texts) = exported(db, actor, book_id, only).await?;
    Ok((name, texts.concat()))
}

/// The same contacts as a CSV file with Outlook's columns (see `csv_map::input_to_row`).
pub async fn export_csv(
    db: &Db,
    actor: &Actor,
    book_id: &str,
    only: Option<&[String]>,
) -> DomainResult<(String, String)> {
    let (name, texts) = exported(db, actor, book_id, only).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let failed = |_| DomainError::Internal;
    writer
        .write_record(csv_map::export_headers())
        .map_err(failed)?;
    for text in &texts {
        let card = vcard::parse(text).map_err(|_| DomainError::Internal)?;
        let row = csv_map::input_to_row(&vcard::fields(&card), &vcard::index(&card).full_name);
        let safe = row
            .iter()
            .map(|cell| csv_map::spreadsheet_safe(cell).into_owned());
        writer.write_record(safe).map_err(failed)?;
    }
    let bytes = writer.into_inner().map_err(|_| DomainError::Internal)?;
    String::from_utf8(bytes)
        .map(|csv| (name, csv))
        .map_err(|_| DomainError::Internal)
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
        let lines: Vec<_> = skipped.iter().map(|s| (s.at.clone(), s.code)).collect();
        assert_eq!(
            lines,
            [
                (SkippedAt::line(6), SkipCode::NoName),
                (SkippedAt::line(15), SkipCode::UidRepeated),
                (SkippedAt::line(20), SkipCode::Unterminated)
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
    fn csv_rows_are_kept_or_skipped_with_their_line() {
        let file = "First Name,Last Name,E-mail Address,Birthday,Company\r\n\
Marie,Curie,marie@radium.example,11/7/1867,\"Institut du Radium, Paris\"\r\n\
,,,,\r\n\
Bad,Mail,not-an-address,,\r\n\
,,,,ACME\r\n\
Marie,Curie,marie@radium.example,11/7/1867,\"Institut du Radium, Paris\"\r\n";
        let (ready, skipped) = prepare_csv(file.as_bytes(), CsvColumns::Detect).unwrap();
        let names: Vec<_> = ready.iter().map(|r| r.index.full_name.as_str()).collect();
        assert_eq!(names, ["Marie Curie", "ACME"]);
        assert_eq!(ready[0].index.organization, "Institut du Radium, Paris");
        assert_eq!((ready[0].line, ready[1].line), (2, 5));
        assert_eq!(ready[0].index.birthday, "1867-11-07");
        let lines: Vec<_> = skipped.iter().map(|s| (s.at.clone(), s.code)).collect();
        assert_eq!(
            lines,
            [
                (SkippedAt::line(4), SkipCode::Unreadable),
                (SkippedAt::line(6), SkipCode::UidRepeated)
            ]
        );
        assert_eq!(skipped[0].reason, "emails: email_invalid");
        // Columns no export uses need the mapping step.
        assert!(matches!(
            prepare_csv(b"colour,size\r\nred,9\r\n", CsvColumns::Detect),
            Err(DomainError::Invalid { reason, .. }) if reason == Reason::CsvColumnsUnknown
        ));
        let mapping = [Some(CsvField::FullName), None];
        let (ready, _) = prepare_csv(
            b"who,size\r\nAda Lovelace,9\r\n",
            CsvColumns::Given(mapping.to_vec()),
        )
        .unwrap();
        assert_eq!(ready[0].index.full_name, "Ada Lovelace");
        // A column kept as a field of the member's own comes back with its header.
        let mapping = [Some(CsvField::FullName), Some(CsvField::Custom), None];
        let (ready, _) = prepare_csv(
            b"who,Shoe size,colour\r\nAda Lovelace,38,red\r\n",
            CsvColumns::Given(mapping.to_vec()),
        )
        .unwrap();
        let card = vcard::parse(&ready[0].text).unwrap();
        assert_eq!(
            vcard::custom_fields(&card),
            [crate::contacts::CustomField {
                label: "Shoe size".into(),
                value: "38".into()
            }]
        );
        assert!(
            !ready[0].text.contains("red"),
            "an ignored column is left out"
        );
        // A kept cell is checked like any field: control characters skip the row, named.
        let (ready, skipped) = prepare_csv(
            b"who,Code\r\nAda Lovelace,A\x01B\r\nAlan Turing,T-1\r\n",
            CsvColumns::Given(vec![Some(CsvField::FullName), Some(CsvField::Custom)]),
        )
        .unwrap();
        assert_eq!(ready.len(), 1);
        assert_eq!(skipped[0].reason, "custom: control_characters");
        // Every kept column repeats its header on every card: at most 50 of them.
        let header: Vec<String> = (0..=MAX_VALUES).map(|i| format!("c{i}")).collect();
        let wide = format!(
            "name,{}\r\nAda,{}\r\n",
            header.join(","),
            vec!["x"; MAX_VALUES + 1].join(",")
        );
        let mut mapping = vec![Some(CsvField::Custom); MAX_VALUES + 2];
        mapping[0] = Some(CsvField::FullName);
        assert!(matches!(
            prepare_csv(wide.as_bytes(), CsvColumns::Given(mapping)),
            Err(DomainError::LimitExceeded {
                kind: LimitKind::CustomColumns,
                ..
            })
        ));
        // A quoted cell over two lines: the next row starts on line 4.
        let multi =
            "First Name,Last Name,Notes\r\nAda,Lovelace,\"two\r\nlines\"\r\n,,\r\nAlan,Turing,\r\n";
        let (ready, _) = prepare_csv(multi.as_bytes(), CsvColumns::Detect).unwrap();
        assert_eq!((ready[0].line, ready[1].line), (2, 5));
        let shown = preview(file.as_bytes()).unwrap();
        assert_eq!(shown.preset, Some(crate::contacts::CsvPreset::Outlook));
        assert_eq!(shown.sample.len(), 3, "the empty row is not a sample");
        assert_eq!(shown.sample[1][1], "Mail");
        // The dialog sends the file's beginning: a character cut in two is left out.
        let cut_char = "First Name,Last Name\r\nZoé";
        let shown = preview(&cut_char.as_bytes()[..cut_char.len() - 1]).unwrap();
        assert_eq!(shown.sample, [["Zo"]]);
    }

    #[test]
    fn a_file_that_is_no_vcard_or_too_big_is_refused_whole() {
        assert!(matches!(
            prepare_vcards(b"name,email\r\nAda,ada@example.org\r\n"),
            Err(DomainError::Invalid { reason, .. }) if reason == Reason::FileNotVcard
        ));
        assert!(matches!(
            prepare_vcards(&[0xff, 0xfe, 0x00]),
            Err(DomainError::Invalid { reason, .. }) if reason == Reason::FileNotUtf8
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
