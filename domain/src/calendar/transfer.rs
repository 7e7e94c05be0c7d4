//! .ics import and export, and the public feed. An import is checked whole before anything is
//! written and then stored in one transaction: it imports everything it accepted or nothing.

use super::ical::{self, parse_object, write_named_calendar};
use super::import_item::{missing_requirement, read_item};
use super::store::{
    calendar_access, index, insert_objects, rewrite_object, writable_calendar, CalendarRow,
    NewObject,
};
use super::time::tz_from_tzid;
use super::vtimezone::assemble;
use super::{attachments, calendars, vtimezone};
use crate::content_lines::{self, Bounds};
use crate::error::{DomainError, DomainResult, LimitKind};
use crate::ids::new_id;
use crate::import::stored::{self, Importable};
use crate::import::{ImportSummary, ImportTarget, ImportedInto, SkipCode, Skipped, SkippedAt};
use crate::offload;
use crate::org::Actor;
use crate::reason::Reason;
use crate::store::Db;
use crate::trash::Items;
use crate::upload::{self, Expected};
use icalendar::parser::Component;
use sha2::{Digest, Sha256};
use sqlx::AnyConnection;
use std::collections::{BTreeMap, HashMap};

pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_IMPORT_COMPONENTS: usize = 10_000;

/// The refusal of a file over `MAX_IMPORT_BYTES`, naming the limit; also what the HTTP layer
/// answers when a body is cut off at its own limit.
pub fn too_large() -> DomainError {
    upload::too_large(MAX_IMPORT_BYTES)
}

/// One UID's text, ready to store.
#[derive(Debug)]
pub struct Ready {
    pub uid: String,
    pub ics: String,
    pub index: ical::ObjectIndex,
}

/// The items of one UID (a master and its overrides), where the file first had one, and what
/// was left out of them.
struct Group {
    first: usize,
    items: Vec<Component<'static>>,
    left_out: Vec<String>,
}

/// What an .ics upload may hold. Real calendars nest three deep (VCALENDAR, VEVENT, VALARM).
pub const BOUNDS: Bounds = Bounds {
    max_depth: 5,
    max_components: 5 * MAX_IMPORT_COMPONENTS,
    max_items: MAX_IMPORT_COMPONENTS,
    items_kind: LimitKind::FileItems,
    max_line_bytes: 1024 * 1024,
    container: Some("VCALENDAR"),
};

/// Checks and splits a file into objects: the file-level limits fail the whole import; an item
/// that cannot be read is skipped with its reason. Items are parsed one by one, so a file of bare
/// components (as Evolution writes), several VCALENDARs, or one broken event is still read.
pub fn read_ics(bytes: &[u8]) -> DomainResult<(Vec<Ready>, Vec<Skipped>)> {
    let text = upload::text_of(
        bytes,
        &Expected {
            max_bytes: MAX_IMPORT_BYTES,
            begins_with: "BEGIN:",
            wrong_kind: Reason::FileNotIcalendar,
        },
    )?;
    let outline = content_lines::outline(text, &BOUNDS)?;
    // Components the Calendar keeps none of (VALARM, VFREEBUSY...) are skipped one by one; a
    // file of vCards is the wrong file.
    let is_vcard = outline.items.iter().any(|i| i.name == "VCARD");
    if outline.containers == 0 && (outline.items.is_empty() || is_vcard) {
        return Err(DomainError::invalid("file", Reason::FileNotIcalendar));
    }
    let mut zones: Vec<Component<'static>> = Vec::new();
    let mut groups: BTreeMap<String, Group> = BTreeMap::new();
    let mut skipped = Vec::new();
    for (n, item) in outline.items.iter().enumerate() {
        let name = item.name.as_str();
        let position = || format!("{name} #{}", n + 1);
        if !item.complete {
            skipped.push(Skipped {
                at: SkippedAt::item(position()),
                code: SkipCode::Unterminated,
                reason: format!("END:{name} missing"),
            });
            continue;
        }
        if !matches!(name, "VTIMEZONE" | "VEVENT" | "VTODO") {
            skipped.push(Skipped {
                at: SkippedAt::item(position()),
                code: SkipCode::Unsupported,
                reason: format!("{name} is not supported"),
            });
            continue;
        }
        let read = match read_item(item.text) {
            Ok(read) => read,
            Err(reason) => {
                skipped.push(Skipped {
                    at: SkippedAt::item(position()),
                    code: SkipCode::Unreadable,
                    reason,
                });
                continue;
            }
        };
        let (c, left_out) = (read.component, read.left_out);
        if name == "VTIMEZONE" {
            match missing_requirement(&c) {
                None => zones.push(c),
                Some(reason) => skipped.push(Skipped {
                    at: SkippedAt::item(position()),
                    code: SkipCode::Unreadable,
                    reason,
                }),
            }
            continue;
        }
        // Items without a UID get one derived from their content, so importing the same
        // file again still finds them.
        let uid = match ical::value(&c, "UID") {
            Some(uid) if !uid.trim().is_empty() => uid.trim().to_owned(),
            _ => {
                let digest = Sha256::digest(
                    c.properties
                        .iter()
                        .map(|p| format!("{}:{}\n", p.name.as_str(), p.val.as_str()))
                        .collect::<String>(),
                );
                format!("{}@import", hex::encode(&digest[..16]))
            }
        };
        let mut c = c;
        if ical::value(&c, "UID").is_none_or(|u| u.trim().is_empty()) {
            ical::set(&mut c, "UID", Some(ical::property("UID", uid.clone(), &[])));
        }
        let group = groups.entry(uid).or_insert_with(|| Group {
            first: n,
            items: Vec::new(),
            left_out: Vec::new(),
        });
        group.items.push(c);
        group.left_out.extend(left_out);
    }
    // Zones the file uses without defining them: generated once, shared by every object.
    let used = ical::referenced_tzids(
        &groups
            .values()
            .flat_map(|g| g.items.iter().cloned())
            .collect::<Vec<_>>(),
    );
    let defined: Vec<String> = zones
        .iter()
        .filter_map(|z| ical::value(z, "TZID").map(str::to_owned))
        .collect();
    for id in used.iter().filter(|id| !defined.contains(id)) {
        if let Some(tz) = tz_from_tzid(id).filter(|tz| tz.name() == id) {
            zones.push(vtimezone::vtimezone(tz, 1970));
        }
    }
    let mut ready = Vec::with_capacity(groups.len());
    let mut ordered: Vec<(String, Group)> = groups.into_iter().collect();
    ordered.sort_by_key(|(_, g)| g.first);
    for (uid, group) in ordered {
        let masters = group
            .items
            .iter()
            .filter(|c| ical::prop(c, "RECURRENCE-ID").is_none())
            .count();
        if masters > 1 {
            skipped.push(Skipped {
                at: SkippedAt::item(uid),
                code: SkipCode::UidRepeated,
                reason: "the UID is used by several items".into(),
            });
            continue;
        }
        let ics = assemble(group.items, zones.clone());
        match index(&ics) {
            Ok(index) => {
                if !group.left_out.is_empty() {
                    skipped.push(Skipped {
                        at: SkippedAt::item(uid.clone()),
                        code: SkipCode::PartLeftOut,
                        reason: group.left_out.join("; "),
                    });
                }
                ready.push(Ready { uid, ics, index })
            }
            Err((code, reason)) => skipped.push(Skipped {
                at: SkippedAt::item(uid),
                code,
                reason,
            }),
        }
    }
    Ok((ready, skipped))
}

/// Imports an .ics file. Items whose UID is already in the calendar are updated (or left alone
/// when identical), so importing the same file twice creates nothing new.
pub async fn import_ics(
    db: &Db,
    actor: &Actor,
    target: &ImportTarget,
    bytes: Vec<u8>,
    now: i64,
) -> DomainResult<ImportSummary> {
    stored::may_import::<Ics>(db, actor, target).await?;
    let (ready, skipped) = offload::parse(move || read_ics(&bytes)).await?;
    stored::store::<Ics>(db, actor, target, ready, skipped, now).await
}

/// Imports into calendars.
pub(crate) struct Ics;

impl Importable for Ics {
    type Collection = CalendarRow;
    type Item = Ready;
    const ITEMS: Items = Items {
        table: "calendar_objects",
        collection: "calendar_id",
    };
    const VERSION_AT: &'static str = "SELECT v.ics, v.deleted_at FROM calendar_object_versions v
         JOIN calendar_objects o ON o.id = v.object_id
         WHERE v.object_id = $1 AND o.calendar_id = $2 AND v.replaced_at = $3";

    fn imported_into(calendar_id: String) -> ImportedInto {
        ImportedInto::Calendar { calendar_id }
    }

    fn uid(item: &Ready) -> &str {
        &item.uid
    }

    fn text(item: &Ready) -> &str {
        &item.ics
    }

    fn reread(ics: String) -> Option<Ready> {
        let index = index(&ics).ok()?;
        Some(Ready {
            uid: index.uid.clone(),
            ics,
            index,
        })
    }

    async fn writable(conn: &mut AnyConnection, actor: &Actor, id: &str) -> DomainResult<String> {
        Ok(writable_calendar(conn, actor, id).await?.id)
    }

    async fn create(
        conn: &mut AnyConnection,
        actor: &Actor,
        name: &str,
        color: Option<&str>,
        now: i64,
    ) -> DomainResult<String> {
        let color = color.unwrap_or(calendars::DEFAULT_COLOR);
        calendars::insert_calendar(conn, actor, name, color, "", now).await
    }

    async fn replace(
        conn: &mut AnyConnection,
        id: &str,
        calendar_id: &str,
        item: &Ready,
        now: i64,
    ) -> DomainResult<()> {
        save_version(conn, id, now).await?;
        rewrite_object(conn, id, calendar_id, &item.ics, &item.index, now).await
    }

    async fn insert(
        conn: &mut AnyConnection,
        actor: &Actor,
        calendar_id: &str,
        items: &[&Ready],
        now: i64,
    ) -> DomainResult<Vec<String>> {
        let ids: Vec<String> = items.iter().map(|_| new_id()).collect();
        let objects: Vec<NewObject> = items
            .iter()
            .zip(&ids)
            .map(|(r, id)| NewObject {
                id,
                calendar_id,
                org_id: &actor.org_id,
                ics: &r.ics,
                index: &r.index,
            })
            .collect();
        insert_objects(conn, &objects, now).await?;
        Ok(ids)
    }
}

/// Keeps an object's text as it is now, before an import replaces it.
async fn save_version(conn: &mut AnyConnection, id: &str, now: i64) -> DomainResult<()> {
    sqlx::query(
        "INSERT INTO calendar_object_versions (object_id, ics, deleted_at, replaced_at)
         SELECT id, ics, deleted_at, $2 FROM calendar_objects WHERE id = $1",
    )
    .bind(id)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The calendar as one .ics text: every live object, each zone defined once.
async fn calendar_text(
    conn: &mut AnyConnection,
    calendar_id: &str,
    name: &str,
    links: Option<&str>,
) -> DomainResult<String> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, ics FROM calendar_objects WHERE calendar_id = $1 AND deleted_at = 0 ORDER BY range_start, id",
    )
    .bind(calendar_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut files = match links {
        Some(_) => attachments::of_calendar(conn, calendar_id).await?,
        None => HashMap::new(),
    };
    let mut zones: BTreeMap<String, Component<'static>> = BTreeMap::new();
    let mut items = Vec::new();
    for (id, ics) in &rows {
        let parsed = parse_object(ics)?;
        for z in parsed.zones {
            if let Some(id) = ical::value(&z, "TZID").map(str::to_owned) {
                zones.entry(id).or_insert(z);
            }
        }
        let attached = files.remove(id).unwrap_or_default();
        for mut item in parsed.items {
            // The files belong to the series, not to one changed occurrence.
            if ical::prop(&item, "RECURRENCE-ID").is_none() {
                if let Some(base_url) = links {
                    item.properties.extend(
                        attached
                            .iter()
                            .map(|a| attachments::attach_property(a, base_url)),
                    );
                }
            }
            items.push(item);
        }
    }
    let mut components: Vec<Component<'static>> = zones.into_values().collect();
    components.extend(items);
    Ok(write_named_calendar(Some(name), components))
}

/// Export for a member who can see the calendar, its attached files linked under `base_url`
/// (the server's public origin). Returns (calendar name, .ics text).
pub async fn export_ics(
    db: &Db,
    actor: &Actor,
    calendar_id: &str,
    base_url: &str,
) -> DomainResult<(String, String)> {
    let mut conn = db.pool().acquire().await?;
    let (cal, _) = calendar_access(&mut conn, actor, calendar_id).await?;
    let text = calendar_text(&mut conn, &cal.id, &cal.name, Some(base_url)).await?;
    Ok((cal.name, text))
}

/// The public read-only feed behind a token; an unknown, revoked or replaced token is `NotFound`.
pub async fn public_feed(db: &Db, token: &str) -> DomainResult<(String, String)> {
    if token.len() < 32 {
        return Err(DomainError::NotFound);
    }
    let mut conn = db.pool().acquire().await?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT id, name FROM calendars WHERE public_token = $1 AND deleted_at = 0")
            .bind(token)
            .fetch_optional(&mut *conn)
            .await?;
    let (id, name) = row.ok_or(DomainError::NotFound)?;
    // Its readers have no session to fetch attached files with: the files stay private.
    let text = calendar_text(&mut conn, &id, &name, None).await?;
    Ok((name, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(uid: &str, extra: &str) -> String {
        format!("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20261201T090000Z\r\nDTEND:20261201T100000Z\r\nSUMMARY:E {uid}\r\n{extra}END:VEVENT\r\n")
    }

    fn file(body: &str) -> Vec<u8> {
        format!("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n{body}END:VCALENDAR\r\n")
            .into_bytes()
    }

    #[test]
    fn a_file_over_ten_megabytes_is_refused_whole() {
        let big = vec![b' '; MAX_IMPORT_BYTES + 1];
        assert_eq!(
            read_ics(&big).unwrap_err(),
            DomainError::limit(LimitKind::FileMegabytes, (MAX_IMPORT_BYTES >> 20) as u64)
        );
    }

    #[test]
    fn more_than_ten_thousand_components_are_refused_whole() {
        let body: String = (0..=MAX_IMPORT_COMPONENTS)
            .map(|i| event(&i.to_string(), ""))
            .collect();
        assert_eq!(
            read_ics(&file(&body)).unwrap_err(),
            DomainError::limit(LimitKind::FileItems, MAX_IMPORT_COMPONENTS as u64)
        );
    }

    #[test]
    fn a_file_that_is_not_icalendar_names_the_problem() {
        let err = read_ics(b"BEGIN:VCARD\r\nEND:VCARD\r\n").unwrap_err();
        assert!(matches!(err, DomainError::Invalid { field, .. } if field == "file"));
        let err = read_ics(b"Subject,Start Date\r\n").unwrap_err();
        assert!(matches!(err, DomainError::Invalid { field, .. } if field == "file"));
        let (ready, skipped) = read_ics(b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n").unwrap();
        assert!(ready.is_empty());
        assert_eq!(skipped[0].code, SkipCode::Unterminated);
    }

    #[test]
    fn bad_items_are_skipped_with_their_reason_and_the_rest_kept() {
        let body = format!(
            "{}{}{}BEGIN:VJOURNAL\r\nUID:j\r\nEND:VJOURNAL\r\n",
            event("good", ""),
            event("badrule", "RRULE:FREQ=OFTEN\r\n"),
            "BEGIN:VEVENT\r\nUID:nostart\r\nSUMMARY:x\r\nEND:VEVENT\r\n",
        );
        let (ready, skipped) = read_ics(&file(&body)).unwrap();
        assert_eq!(
            ready.iter().map(|r| r.uid.as_str()).collect::<Vec<_>>(),
            ["good"]
        );
        let items: Vec<String> = skipped.iter().map(|s| s.at.to_string()).collect();
        let reasons: Vec<(&str, SkipCode, &str)> = skipped
            .iter()
            .zip(&items)
            .map(|(s, item)| (item.as_str(), s.code, s.reason.as_str()))
            .collect();
        assert_eq!(
            reasons[0],
            (
                "VJOURNAL #4",
                SkipCode::Unsupported,
                "VJOURNAL is not supported"
            )
        );
        assert!(reasons.iter().any(|(i, c, r)| *i == "badrule"
            && *c == SkipCode::BadRecurrence
            && r.starts_with("invalid RRULE")));
        assert!(reasons.contains(&("nostart", SkipCode::NoStart, "no DTSTART")));
    }

    #[test]
    fn overrides_join_their_master_and_zones_are_attached() {
        let body = "BEGIN:VEVENT\r\nUID:s\r\nDTSTAMP:20260101T000000Z\r\nDTSTART;TZID=Europe/Zurich:20261201T090000\r\nRRULE:FREQ=DAILY\r\nSUMMARY:S\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:s\r\nDTSTAMP:20260101T000000Z\r\nRECURRENCE-ID;TZID=Europe/Zurich:20261202T090000\r\nDTSTART;TZID=Europe/Zurich:20261202T110000\r\nSUMMARY:S moved\r\nEND:VEVENT\r\n";
        let (ready, skipped) = read_ics(&file(body)).unwrap();
        assert!(skipped.is_empty());
        assert_eq!(ready.len(), 1);
        assert!(ready[0]
            .ics
            .contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich"));
        assert_eq!(ready[0].ics.matches("BEGIN:VEVENT").count(), 2);
        assert!(ready[0].index.recurring);
    }
}
