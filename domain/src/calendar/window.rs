//! The occurrences of one stored calendar in one window of days, as the views ask for them.
//!
//! Finding them parses each object touching the window and expands its series: tens of
//! milliseconds for a busy month, on a blocking thread (`offload::compute`) within a step budget.
//! Two hundred members opening the same month would pay that two hundred times, so the result
//! is kept in memory under the calendar's revision, which every change to its events bumps in
//! the same transaction: a key never outlives its content, on one server or several sharing a
//! database. Members opening a window at the same moment wait for the one computation.

use super::event::{MAX_LOCATION, MAX_TITLE};
use super::ical;
use super::model::{ItemKind, Occurrence};
use super::recurrence::{expand, Budget};
use super::time::{day_bounds, format_local, resolve};
use crate::error::DomainResult;
use crate::offload;
use crate::store::{placeholders, Db};
use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use quick_cache::sync::Cache;
use quick_cache::Weighter;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

/// The memory the cache may take, by an estimate of its occurrences' sizes.
const CACHE_BYTES: u64 = 64 << 20;

/// The most occurrences one calendar shows in one window, and all calendars of one request:
/// more than a view can draw, few enough for any window's answer to stay small.
pub const MAX_PER_WINDOW: usize = 10_000;
pub const MAX_PER_REQUEST: usize = 20_000;

/// How long one window's expansion may take before it stops where it is.
const DEADLINE: std::time::Duration = std::time::Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Window {
    calendar_id: String,
    revision: i64,
    viewer: Tz,
    from: NaiveDate,
    to: NaiveDate,
}

type Found = Arc<Vec<Occurrence>>;

#[derive(Clone)]
struct ByOccurrences;

impl Weighter<Window, Found> for ByOccurrences {
    fn weight(&self, _: &Window, found: &Found) -> u64 {
        let texts: usize = found
            .iter()
            .map(|o| o.title.len() + o.location.len() + o.object_id.len() + o.calendar_id.len())
            .sum();
        (texts + 160 * found.len() + 64) as u64
    }
}

static WINDOWS: LazyLock<Cache<Window, Found, ByOccurrences>> =
    LazyLock::new(|| Cache::with_weighter(4_096, CACHE_BYTES, ByOccurrences));

/// A stored calendar to show, and whether the viewer may change its events.
pub struct Shown<'a> {
    pub id: &'a str,
    pub writable: bool,
}

/// The occurrences of `calendars` (of the organization) on the viewer's local days
/// `[from, to)`, in no particular order.
pub async fn occurrences(
    db: &Db,
    org_id: &str,
    calendars: &[Shown<'_>],
    viewer: Tz,
    from: NaiveDate,
    to: NaiveDate,
) -> DomainResult<Vec<Occurrence>> {
    if calendars.is_empty() {
        return Ok(Vec::new());
    }
    let revisions = revisions(db, calendars).await?;
    let mut out = Vec::new();
    for shown in calendars {
        // Deleted since the calendars were listed.
        let Some(&revision) = revisions.get(shown.id) else {
            continue;
        };
        let window = Window {
            calendar_id: shown.id.to_owned(),
            revision,
            viewer,
            from,
            to,
        };
        let found = WINDOWS
            .get_or_insert_async(&window, compute(db, org_id, &window))
            .await?;
        let room = MAX_PER_REQUEST.saturating_sub(out.len());
        out.extend(found.iter().take(room).map(|o| Occurrence {
            writable: shown.writable,
            ..o.clone()
        }));
    }
    Ok(out)
}

async fn revisions(db: &Db, calendars: &[Shown<'_>]) -> DomainResult<HashMap<String, i64>> {
    let sql = format!(
        "SELECT id, revision FROM calendars WHERE deleted_at = 0 AND id IN ({})",
        placeholders(1, calendars.len())
    );
    let mut query = sqlx::query_as::<_, (String, i64)>(&sql);
    for shown in calendars {
        query = query.bind(shown.id);
    }
    Ok(query.fetch_all(db.pool()).await?.into_iter().collect())
}

/// Reads the objects touching the window and expands them off the async workers.
async fn compute(db: &Db, org_id: &str, window: &Window) -> DomainResult<Found> {
    let (lo, hi) = day_bounds(window.viewer, window.from, window.to);
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT id, ics FROM calendar_objects
         WHERE org_id = $1 AND calendar_id = $2 AND deleted_at = 0
           AND range_start < $3 AND range_end > $4",
    )
    .bind(org_id)
    .bind(&window.calendar_id)
    .bind(hi)
    .bind(lo)
    .fetch_all(db.pool())
    .await?;
    let window = window.clone();
    offload::compute(move || Ok(Arc::new(expand_rows(&rows, &window)))).await
}

/// Each stored object's occurrences in the window, as long as the budget lasts.
fn expand_rows(rows: &[(String, String)], window: &Window) -> Vec<Occurrence> {
    let viewer = window.viewer;
    let local_from = window.from.and_time(NaiveTime::MIN);
    let local_to = window.to.and_time(NaiveTime::MIN);
    let mut budget = Budget::new(Budget::PER_REQUEST);
    let started = std::time::Instant::now();
    let mut out = Vec::new();
    for (object_id, ics) in rows {
        // Room for every object's first occurrences before the earliest are kept.
        if budget.exhausted() || out.len() >= 4 * MAX_PER_WINDOW || started.elapsed() > DEADLINE {
            tracing::warn!(calendar = %window.calendar_id, "window cut short");
            break;
        }
        let text = ical::unfolded(ics);
        let Ok(cal) = ical::parse(&text) else {
            tracing::error!(object = %object_id, "stored object does not parse");
            continue;
        };
        for x in expand(&cal.components, viewer, local_from, local_to, &mut budget) {
            let kind = ical::kind_of(x.component).unwrap_or(ItemKind::Event);
            out.push(Occurrence {
                object_id: object_id.clone(),
                calendar_id: window.calendar_id.clone(),
                kind,
                title: short(ical::text(x.component, "SUMMARY"), MAX_TITLE),
                location: short(ical::text(x.component, "LOCATION"), MAX_LOCATION),
                all_day: x.all_day,
                start: format_local(x.start, x.all_day),
                end: format_local(x.end, x.all_day),
                start_utc: resolve(viewer, x.start).timestamp(),
                instance: x.instance,
                // Stored before imports checked it, a colour is checked again on its way out.
                color: ical::value(x.component, "COLOR").and_then(crate::color::css_color),
                done: kind == ItemKind::Task && ical::completed(x.component),
                writable: false,
            });
        }
    }
    out.sort_by_key(|o| o.start_utc);
    out.truncate(MAX_PER_WINDOW);
    out
}

/// A text stored before imports bounded it, as long as the form allows.
fn short(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => text[..cut].to_owned(),
        None => text,
    }
}
