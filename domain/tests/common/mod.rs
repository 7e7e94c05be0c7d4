//! The demo organization the tests act in, and the member's own calendar and address book.

// Each test file is its own crate and uses a different part of this module.
#![allow(dead_code)]

use domain::calendar::calendars::list_calendars;
use domain::calendar::CalendarAccess;
use domain::org::{self, Actor};
use domain::testing::TestDb;
use domain::{auth, demo};

pub const NOW: i64 = 1_795_000_000; // 2026-11-19

pub struct Demo {
    _t: TestDb,
    /// Where the demo's messages are kept, removed with it.
    pub blobs: domain::blobs::Blobs,
    _blobs_dir: tempfile::TempDir,
    pub db: domain::store::Db,
    pub anna: Actor,
    pub ben: Actor,
    pub chloe: Actor,
    pub dan: Actor,
}

pub async fn demo_org() -> Demo {
    let t = TestDb::new().await;
    demo::seed(&t.db, 1).await.unwrap();
    members(t, blob_dir()).await
}

/// The demo organization with its month of calendars and contacts around `now`, and its mail.
pub async fn demo_month(now: i64) -> Demo {
    let t = TestDb::new().await;
    let dir = blob_dir();
    let blobs = domain::blobs::Blobs::in_dir(dir.path().to_owned());
    assert!(demo::seed_with_month(&t.db, &blobs, now).await.unwrap());
    members(t, dir).await
}

fn blob_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

async fn members(t: TestDb, blobs_dir: tempfile::TempDir) -> Demo {
    let mut ids = Vec::new();
    for account in demo::ACCOUNTS {
        let l = auth::log_in(
            &t.db,
            account.email,
            demo::PASSWORD,
            &auth::Device::default(),
            2,
        )
        .await
        .unwrap();
        ids.push(l.account_id);
    }
    let org_id = org::list_orgs(&t.db, &ids[1]).await.unwrap()[0].id.clone();
    let actor = |i: usize| {
        let (db, id, org) = (t.db.clone(), ids[i].clone(), org_id.clone());
        async move { org::actor(&db, &id, &org).await.unwrap() }
    };
    let (anna, ben, chloe, dan) = (
        actor(0).await,
        actor(1).await,
        actor(2).await,
        actor(3).await,
    );
    Demo {
        db: t.db.clone(),
        _t: t,
        blobs: domain::blobs::Blobs::in_dir(blobs_dir.path().to_owned()),
        _blobs_dir: blobs_dir,
        anna,
        ben,
        chloe,
        dan,
    }
}

/// `a` acting in their personal space, another organization than the demo's.
#[allow(dead_code)]
pub async fn personal_space(d: &Demo, a: &Actor) -> Actor {
    let personal = org::list_orgs(&d.db, &a.account_id)
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.personal)
        .unwrap();
    org::actor(&d.db, &a.account_id, &personal.id)
        .await
        .unwrap()
}

/// The actor's own calendar, which is also their default.
pub async fn own_calendar(d: &Demo, a: &Actor) -> String {
    let cals = list_calendars(&d.db, a, NOW).await.unwrap();
    let own = cals
        .iter()
        .find(|c| c.access == CalendarAccess::Owner)
        .unwrap();
    assert!(own.is_default);
    own.id.clone()
}

/// The actor's own first address book, which is also their default.
pub async fn own_book(d: &Demo, a: &Actor) -> String {
    let books = domain::contacts::books::list_books(&d.db, a, NOW)
        .await
        .unwrap();
    let own = books
        .iter()
        .find(|b| b.access == domain::sharing::Permission::Owner)
        .unwrap();
    assert!(own.is_default);
    own.id.clone()
}

/// A one-hour lunch on 24 November 2026 in the calendar.
pub fn lunch(calendar_id: &str) -> domain::calendar::EventInput {
    domain::calendar::EventInput {
        calendar_id: calendar_id.into(),
        title: "Team lunch".into(),
        all_day: false,
        start: "2026-11-24T12:00".into(),
        end: "2026-11-24T13:00".into(),
        time_zone: "Europe/Zurich".into(),
        location: String::new(),
        description: String::new(),
        color: None,
        url: String::new(),
        video_url: String::new(),
        recurrence: None,
    }
}

/// A member's own mailbox and its Inbox, with a blob store in a directory removed with it.
pub struct Mailbox {
    pub blobs: domain::blobs::Blobs,
    pub id: String,
    pub inbox: String,
    _dir: tempfile::TempDir,
}

pub async fn own_mailbox(d: &Demo, a: &Actor) -> Mailbox {
    use domain::mail::{accounts, folders};
    let dir = tempfile::tempdir().unwrap();
    let id = accounts::list_mailboxes(&d.db, a, NOW).await.unwrap()[0]
        .id
        .clone();
    let inbox = folders::list_folders(&d.db, a, &id).await.unwrap()[0]
        .id
        .clone();
    Mailbox {
        blobs: domain::blobs::Blobs::in_dir(dir.path().to_owned()),
        id,
        inbox,
        _dir: dir,
    }
}
