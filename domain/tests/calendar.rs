//! Calendar services against a real database (SQLite, and PostgreSQL when the test command sets
//! `KSUITE_TEST_POSTGRES`).

use domain::calendar::calendars::{self, list_calendars};
use domain::calendar::events::{create_event, delete_event, get_event, occurrences, update_event};
use domain::calendar::transfer::{export_ics, import_ics, public_feed};
use domain::calendar::trash::{list_trash, restore_event, RETENTION_SECS};
use domain::calendar::{
    CalendarAccess, EventInput, Frequency, Grantee, Recurrence, Scope, ShareLevel,
};
use domain::collections::{self, CollectionKind};
use domain::import::ImportTarget;
use domain::live::CollectionKind::Calendar;
use domain::org::Actor;
use domain::reason::Reason;
use domain::undo::take_back;
use domain::DomainError;

mod common;
use common::{demo_org, own_calendar, Demo, NOW};

/// Where exported attachment links lead.
const BASE_URL: &str = "https://ksuite.test";

fn meeting(calendar_id: &str) -> EventInput {
    EventInput {
        calendar_id: calendar_id.into(),
        title: "Weekly sync".into(),
        all_day: false,
        start: "2026-11-23T09:00".into(),
        end: "2026-11-23T10:00".into(),
        time_zone: "Europe/Zurich".into(),
        location: "Lausanne".into(),
        description: String::new(),
        color: None,
        url: String::new(),
        video_url: String::new(),
        recurrence: Some(Recurrence::every(Frequency::Weekly)),
    }
}

/// `a` neither lists the calendar nor can open the event in it.
async fn assert_unseen(d: &Demo, a: &Actor, cal: &str, id: &str) {
    assert!(list_calendars(&d.db, a, NOW)
        .await
        .unwrap()
        .iter()
        .all(|c| c.id != cal));
    assert_eq!(
        get_event(&d.db, a, id, None, "UTC").await.unwrap_err(),
        DomainError::NotFound
    );
}

/// What the views draw for `actor` on the local days `[from, to)` in `time_zone`.
async fn drawn(
    d: &Demo,
    actor: &Actor,
    time_zone: &str,
    from: &str,
    to: &str,
) -> Vec<domain::calendar::Occurrence> {
    occurrences(&d.db, actor, time_zone, from, to, NOW)
        .await
        .expect("occurrences")
}

fn starts(occ: &[domain::calendar::Occurrence]) -> Vec<String> {
    occ.iter()
        .map(|o| format!("{} {}", o.start, o.title))
        .collect()
}

#[tokio::test]
async fn a_first_visit_creates_one_calendar_even_twice() {
    let d = demo_org().await;
    let (a, b) = tokio::join!(
        list_calendars(&d.db, &d.anna, NOW),
        list_calendars(&d.db, &d.anna, NOW)
    );
    // Her own calendar, and the Birthdays calendar of a member who uses Contacts.
    let names = |cals: Vec<domain::calendar::CalendarView>| {
        cals.into_iter()
            .map(|c| (c.name, c.birthdays))
            .collect::<Vec<_>>()
    };
    let expected = [
        ("Anna Keller".to_owned(), false),
        ("Birthdays".to_owned(), true),
    ];
    assert_eq!(names(a.unwrap()), expected);
    assert_eq!(names(b.unwrap()), expected);
}

#[tokio::test]
async fn a_weekly_zurich_series_is_seen_from_new_york_and_one_occurrence_edited() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let id = create_event(&d.db, &d.anna, &meeting(&cal), NOW)
        .await
        .unwrap();
    let zurich = drawn(&d, &d.anna, "Europe/Zurich", "2026-11-23", "2026-12-08").await;
    assert_eq!(
        starts(&zurich),
        [
            "2026-11-23T09:00 Weekly sync",
            "2026-11-30T09:00 Weekly sync",
            "2026-12-07T09:00 Weekly sync"
        ]
    );
    let ny = drawn(&d, &d.anna, "America/New_York", "2026-11-23", "2026-11-24").await;
    assert_eq!(starts(&ny), ["2026-11-23T03:00 Weekly sync"]);

    // "This one": the 30 November meeting moves to 14:00; the others stay.
    let second = zurich[1].instance;
    let detail = get_event(&d.db, &d.anna, &id, second, "Europe/Zurich")
        .await
        .unwrap();
    assert_eq!(detail.event.start, "2026-11-30T09:00");
    let mut moved = detail.event.clone();
    moved.start = "2026-11-30T14:00".into();
    moved.end = "2026-11-30T15:00".into();
    moved.title = "Weekly sync (moved)".into();
    update_event(&d.db, &d.anna, &id, second, Scope::This, &moved, NOW)
        .await
        .unwrap();
    let after = drawn(&d, &d.anna, "Europe/Zurich", "2026-11-23", "2026-12-08").await;
    assert_eq!(
        starts(&after),
        [
            "2026-11-23T09:00 Weekly sync",
            "2026-11-30T14:00 Weekly sync (moved)",
            "2026-12-07T09:00 Weekly sync"
        ]
    );
    assert_eq!(after[1].instance, second, "the override keeps its instance");

    // Deleting "this one" on the third leaves an EXDATE; "following" from the fourth ends it.
    delete_event(&d.db, &d.anna, &id, after[2].instance, Scope::This, NOW)
        .await
        .unwrap();
    let later = drawn(&d, &d.anna, "Europe/Zurich", "2026-12-01", "2026-12-29").await;
    assert_eq!(
        starts(&later),
        [
            "2026-12-14T09:00 Weekly sync",
            "2026-12-21T09:00 Weekly sync",
            "2026-12-28T09:00 Weekly sync"
        ]
    );
    delete_event(
        &d.db,
        &d.anna,
        &id,
        later[1].instance,
        Scope::Following,
        NOW,
    )
    .await
    .unwrap();
    let ended = drawn(&d, &d.anna, "Europe/Zurich", "2026-12-01", "2027-02-01").await;
    assert_eq!(starts(&ended), ["2026-12-14T09:00 Weekly sync"]);
}

#[tokio::test]
async fn this_and_following_splits_the_series() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let id = create_event(&d.db, &d.anna, &meeting(&cal), NOW)
        .await
        .unwrap();
    let occ = drawn(&d, &d.anna, "Europe/Zurich", "2026-11-23", "2026-12-15").await;
    let mut later = get_event(&d.db, &d.anna, &id, occ[2].instance, "Europe/Zurich")
        .await
        .unwrap()
        .event;
    later.start = "2026-12-07T11:00".into();
    later.end = "2026-12-07T12:00".into();
    update_event(
        &d.db,
        &d.anna,
        &id,
        occ[2].instance,
        Scope::Following,
        &later,
        NOW,
    )
    .await
    .unwrap();
    let after = drawn(&d, &d.anna, "Europe/Zurich", "2026-11-23", "2026-12-15").await;
    assert_eq!(
        starts(&after),
        [
            "2026-11-23T09:00 Weekly sync",
            "2026-11-30T09:00 Weekly sync",
            "2026-12-07T11:00 Weekly sync",
            "2026-12-14T11:00 Weekly sync"
        ]
    );
    assert_ne!(after[2].object_id, id, "the following part is a new series");
}

#[tokio::test]
async fn import_export_round_trip_keeps_every_property_and_reimport_adds_nothing() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let source = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n\
BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich\r\nBEGIN:STANDARD\r\nDTSTART:19701025T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nBEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n\
BEGIN:VEVENT\r\nUID:round-1@test\r\nDTSTAMP:20261101T000000Z\r\nDTSTART;TZID=Europe/Zurich:20261124T140000\r\nDTEND;TZID=Europe/Zurich:20261124T153000\r\nSUMMARY:Budget\\, Q4\r\nDESCRIPTION:Line one\\nLine two\r\nLOCATION:Salle 3\r\nCATEGORIES:Finance,Planning\r\nATTENDEE;CN=Ben Meier;ROLE=REQ-PARTICIPANT:mailto:ben@demo.example\r\nATTENDEE;CN=Chloé Dubois:mailto:chloe@demo.example\r\nX-CUSTOM-FIELD;X-PARAM=1:kept as is\r\nBEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDESCRIPTION:Reminder\r\nEND:VALARM\r\nEND:VEVENT\r\n\
BEGIN:VTODO\r\nUID:task-1@test\r\nDTSTAMP:20261101T000000Z\r\nDUE;VALUE=DATE:20261130\r\nSUMMARY:Send report\r\nPRIORITY:1\r\nEND:VTODO\r\n\
END:VCALENDAR\r\n";
    let summary = import_ics(
        &d.db,
        &d.anna,
        &ImportTarget::Existing(cal.clone()),
        source.as_bytes().to_vec(),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        (summary.imported, summary.updated, summary.unchanged),
        (2, 0, 0)
    );
    assert!(summary.skipped.is_empty());
    let (_, exported) = export_ics(&d.db, &d.anna, &cal, BASE_URL).await.unwrap();
    for line in [
        "SUMMARY:Budget\\, Q4",
        "DESCRIPTION:Line one\\nLine two",
        "CATEGORIES:Finance,Planning",
        "ATTENDEE;CN=Ben Meier;ROLE=REQ-PARTICIPANT:mailto:ben@demo.example",
        "ATTENDEE;CN=Chloé Dubois:mailto:chloe@demo.example",
        "X-CUSTOM-FIELD;X-PARAM=1:kept as is",
        "TRIGGER:-PT15M",
        "DTSTART;TZID=Europe/Zurich:20261124T140000",
        "DUE;VALUE=DATE:20261130",
        "PRIORITY:1",
        "TZID:Europe/Zurich",
    ] {
        assert!(exported.contains(line), "{line} missing from\n{exported}");
    }
    assert_eq!(exported.matches("BEGIN:VTIMEZONE").count(), 1);

    // The export imported into a new calendar, then exported again, is the same calendar.
    let copy = import_ics(
        &d.db,
        &d.anna,
        &ImportTarget::New {
            name: "Copy".into(),
            color: Some("#00aa00".into()),
        },
        exported.as_bytes().to_vec(),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(copy.imported, 2);
    let (_, again) = export_ics(&d.db, &d.anna, copy.into.id(), BASE_URL)
        .await
        .unwrap();
    let body = |s: &str| {
        s.lines()
            .filter(|l| !l.starts_with("X-WR-CALNAME"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(body(&again), body(&exported));

    let twice = import_ics(
        &d.db,
        &d.anna,
        &ImportTarget::Existing(cal.clone()),
        source.as_bytes().to_vec(),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!((twice.imported, twice.updated, twice.unchanged), (0, 0, 2));
    let occ = drawn(&d, &d.anna, "Europe/Zurich", "2026-11-23", "2026-12-01").await;
    let original: Vec<_> = occ.into_iter().filter(|o| o.calendar_id == cal).collect();
    assert_eq!(
        starts(&original),
        ["2026-11-24T14:00 Budget, Q4", "2026-11-30 Send report"]
    );

    // Undo of the copy's import: what it added goes to the trash, and only from its calendar.
    assert!(matches!(
        take_back(
            &d.db,
            &d.chloe,
            Calendar,
            copy.into.id(),
            &copy.changes,
            NOW
        )
        .await,
        Err(DomainError::NotFound | DomainError::Forbidden(_))
    ));
    assert_eq!(
        take_back(&d.db, &d.anna, Calendar, &cal, &copy.changes, NOW)
            .await
            .unwrap(),
        0,
        "ids of another calendar are left alone"
    );
    assert_eq!(
        take_back(&d.db, &d.anna, Calendar, copy.into.id(), &copy.changes, NOW)
            .await
            .unwrap(),
        2
    );
    let occ = drawn(&d, &d.anna, "Europe/Zurich", "2026-11-23", "2026-12-01").await;
    assert!(occ.iter().all(|o| o.calendar_id != copy.into.id()));

    // Undo of an import that replaced items: their texts from before come back.
    let edited = source.replace("SUMMARY:Budget\\, Q4", "SUMMARY:Budget\\, Q1");
    let replaced = import_ics(
        &d.db,
        &d.anna,
        &ImportTarget::Existing(cal.clone()),
        edited.as_bytes().to_vec(),
        NOW + 60,
    )
    .await
    .unwrap();
    assert_eq!((replaced.updated, replaced.changes.replaced.len()), (1, 1));
    let (_, now_text) = export_ics(&d.db, &d.anna, &cal, BASE_URL).await.unwrap();
    assert!(now_text.contains("SUMMARY:Budget\\, Q1"));
    assert_eq!(
        take_back(&d.db, &d.anna, Calendar, &cal, &replaced.changes, NOW + 120)
            .await
            .unwrap(),
        1
    );
    let (_, back) = export_ics(&d.db, &d.anna, &cal, BASE_URL).await.unwrap();
    assert!(back.contains("SUMMARY:Budget\\, Q4"), "{back}");
    assert_eq!(list_trash(&d.db, &d.anna, NOW).await.unwrap().len(), 2);
}

#[tokio::test]
async fn an_import_that_fails_imports_nothing() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let event = |uid: &str, title: &str| {
        format!("BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261201T090000Z\r\nSUMMARY:{title}\r\nEND:VEVENT\r\n")
    };
    let file = |events: &[String]| {
        format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:t\r\n{}END:VCALENDAR\r\n",
            events.concat()
        )
        .into_bytes()
    };
    let kept = import_ics(
        &d.db,
        &d.anna,
        &ImportTarget::Existing(cal.clone()),
        file(&[event("keep@test", "Before")]),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(kept.imported, 1);
    // The third event's insert fails, after the calendar and the update were written.
    domain::testing::fail_inserts(&d.db, "calendar_objects", "poison@test").await;
    let changes = file(&[
        event("keep@test", "After"),
        event("new@test", "New"),
        event("poison@test", "Boom"),
    ]);
    for target in [
        ImportTarget::New {
            name: "Broken".into(),
            color: Some("#000000".into()),
        },
        ImportTarget::Existing(cal.clone()),
    ] {
        let err = import_ics(&d.db, &d.anna, &target, changes.clone(), NOW)
            .await
            .unwrap_err();
        assert_eq!(err, DomainError::Internal);
    }
    let cals = list_calendars(&d.db, &d.anna, NOW).await.unwrap();
    assert_eq!(
        cals.iter().filter(|c| !c.birthdays).count(),
        1,
        "no calendar was created for the failed import"
    );
    let occ = drawn(&d, &d.anna, "UTC", "2026-12-01", "2026-12-02").await;
    let titles: Vec<_> = occ
        .iter()
        .filter(|o| o.calendar_id == cal)
        .map(|o| o.title.as_str())
        .collect();
    assert_eq!(
        titles,
        ["Before"],
        "the update and the insert were rolled back"
    );
}

#[tokio::test]
async fn a_view_share_cannot_write_and_org_shares_skip_externals() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let id = create_event(&d.db, &d.anna, &meeting(&cal), NOW)
        .await
        .unwrap();
    // Nobody else sees it before it is shared.
    assert_unseen(&d, &d.chloe, &cal, &id).await;

    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::Calendar,
        &cal,
        &Grantee::Member(d.chloe.account_id.clone()),
        ShareLevel::View,
    )
    .await
    .unwrap();
    let seen = list_calendars(&d.db, &d.chloe, NOW).await.unwrap();
    let shared = seen.iter().find(|c| c.id == cal).unwrap();
    assert_eq!(shared.access, CalendarAccess::View);
    assert_eq!(shared.public_token, None);
    let occ = drawn(&d, &d.chloe, "Europe/Zurich", "2026-11-23", "2026-11-24").await;
    assert_eq!(occ.len(), 1);
    assert!(!occ[0].writable);

    let forbidden = |r: Result<_, DomainError>| matches!(r, Err(DomainError::Forbidden(_)));
    assert!(forbidden(
        create_event(&d.db, &d.chloe, &meeting(&cal), NOW)
            .await
            .map(|_| ())
    ));
    assert!(forbidden(
        update_event(&d.db, &d.chloe, &id, None, Scope::All, &meeting(&cal), NOW).await
    ));
    assert!(forbidden(
        delete_event(&d.db, &d.chloe, &id, None, Scope::All, NOW).await
    ));
    let ics = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
    assert!(forbidden(
        import_ics(
            &d.db,
            &d.chloe,
            &ImportTarget::Existing(cal.clone()),
            ics.to_vec(),
            NOW
        )
        .await
        .map(|_| ())
    ));
    assert!(forbidden(
        collections::share(
            &d.db,
            &d.chloe,
            CollectionKind::Calendar,
            &cal,
            &Grantee::Organization,
            ShareLevel::View
        )
        .await
    ));
    assert!(forbidden(
        calendars::set_public_link(&d.db, &d.chloe, &cal, true)
            .await
            .map(|_| ())
    ));
    assert!(forbidden(
        calendars::update_calendar(&d.db, &d.chloe, &cal, "Mine", "#000000").await
    ));
    assert!(forbidden(
        calendars::delete_calendar(&d.db, &d.chloe, &cal, NOW).await
    ));
    assert!(forbidden(
        calendars::set_default(&d.db, &d.chloe, &cal).await
    ));
    // Hiding is personal and allowed.
    calendars::set_hidden(&d.db, &d.chloe, &cal, true)
        .await
        .unwrap();
    assert!(drawn(&d, &d.chloe, "UTC", "2026-11-23", "2026-11-24")
        .await
        .is_empty());

    // "can modify" writes; the whole organization gets "can view" but the external Dan does not.
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::Calendar,
        &cal,
        &Grantee::Member(d.ben.account_id.clone()),
        ShareLevel::Modify,
    )
    .await
    .unwrap();
    update_event(&d.db, &d.ben, &id, None, Scope::All, &meeting(&cal), NOW)
        .await
        .unwrap();
    assert!(forbidden(
        collections::share(
            &d.db,
            &d.ben,
            CollectionKind::Calendar,
            &cal,
            &Grantee::Organization,
            ShareLevel::View
        )
        .await
    ));
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::Calendar,
        &cal,
        &Grantee::Organization,
        ShareLevel::View,
    )
    .await
    .unwrap();
    assert_unseen(&d, &d.dan, &cal, &id).await;

    // Revoking Chloé's own share leaves her the organization's view.
    collections::revoke_share(
        &d.db,
        &d.anna,
        CollectionKind::Calendar,
        &cal,
        &Grantee::Member(d.chloe.account_id.clone()),
    )
    .await
    .unwrap();
    let shares = collections::list_shares(&d.db, &d.anna, CollectionKind::Calendar, &cal)
        .await
        .unwrap();
    assert_eq!(shares.len(), 2);
    assert!(list_calendars(&d.db, &d.chloe, NOW)
        .await
        .unwrap()
        .iter()
        .any(|c| c.id == cal));
}

#[tokio::test]
async fn the_public_link_works_until_turned_off_or_regenerated() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    create_event(&d.db, &d.anna, &meeting(&cal), NOW)
        .await
        .unwrap();
    let first = calendars::set_public_link(&d.db, &d.anna, &cal, true)
        .await
        .unwrap()
        .unwrap();
    let (name, text) = public_feed(&d.db, &first).await.unwrap();
    assert_eq!(name, "Anna Keller");
    assert!(text.contains("SUMMARY:Weekly sync"));
    let second = calendars::set_public_link(&d.db, &d.anna, &cal, true)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(first, second);
    assert_eq!(
        public_feed(&d.db, &first).await.unwrap_err(),
        DomainError::NotFound
    );
    assert!(public_feed(&d.db, &second).await.is_ok());
    calendars::set_public_link(&d.db, &d.anna, &cal, false)
        .await
        .unwrap();
    assert_eq!(
        public_feed(&d.db, &second).await.unwrap_err(),
        DomainError::NotFound
    );
    assert_eq!(
        public_feed(&d.db, "").await.unwrap_err(),
        DomainError::NotFound
    );
}

#[tokio::test]
async fn deleted_events_are_restorable_for_thirty_days() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let id = create_event(&d.db, &d.anna, &meeting(&cal), NOW)
        .await
        .unwrap();
    delete_event(&d.db, &d.anna, &id, None, Scope::All, NOW)
        .await
        .unwrap();
    assert!(drawn(&d, &d.anna, "UTC", "2026-11-23", "2026-11-24")
        .await
        .is_empty());
    let trash = list_trash(&d.db, &d.anna, NOW).await.unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].title, "Weekly sync");
    restore_event(&d.db, &d.anna, &id, NOW + 10).await.unwrap();
    assert_eq!(
        drawn(&d, &d.anna, "UTC", "2026-11-23", "2026-11-24")
            .await
            .len(),
        1
    );

    delete_event(&d.db, &d.anna, &id, None, Scope::All, NOW)
        .await
        .unwrap();
    let late = NOW + RETENTION_SECS + 1;
    assert!(list_trash(&d.db, &d.anna, late).await.unwrap().is_empty());
    // The maintenance job deletes it for good; listing the trash wrote nothing.
    let done = domain::jobs::maintain(&d.db, late).await.unwrap();
    assert_eq!(done.trash, 1);
    assert_eq!(domain::jobs::maintain(&d.db, late).await.unwrap().trash, 0);
    assert_eq!(
        restore_event(&d.db, &d.anna, &id, late).await.unwrap_err(),
        DomainError::NotFound
    );
}

#[tokio::test]
async fn holiday_calendars_are_computed_and_read_only() {
    let d = demo_org().await;
    let id = calendars::create_calendar(
        &d.db,
        &d.anna,
        "Jours fériés",
        "#d93025",
        Some("CH-VD"),
        NOW,
    )
    .await
    .unwrap();
    let occ = drawn(&d, &d.anna, "Europe/Zurich", "2026-12-01", "2027-01-03").await;
    let titles: Vec<String> = occ
        .iter()
        .map(|o| format!("{} {}", o.start, o.title))
        .collect();
    assert_eq!(
        titles,
        [
            "2026-12-25 Noël",
            "2027-01-01 Nouvel An",
            "2027-01-02 Saint-Berchtold"
        ]
    );
    assert!(occ.iter().all(|o| !o.writable && o.calendar_id == id));
    let mut e = meeting(&id);
    e.recurrence = None;
    assert!(matches!(
        create_event(&d.db, &d.anna, &e, NOW).await,
        Err(DomainError::Forbidden(_))
    ));
    assert!(
        calendars::create_calendar(&d.db, &d.anna, "x", "#000000", Some("XX"), NOW)
            .await
            .is_err()
    );
}

#[tokio::test]
async fn a_new_calendar_does_not_take_over_the_default_and_upcoming_lists_what_is_next() {
    let d = demo_org().await;
    let first = list_calendars(&d.db, &d.ben, NOW).await.unwrap();
    assert!(first[0].is_default);
    // Created later with ids that may sort first: the oldest own calendar stays the default.
    for n in 0..5 {
        calendars::create_calendar(
            &d.db,
            &d.ben,
            &format!("Extra {n}"),
            "#123456",
            None,
            NOW + 1,
        )
        .await
        .unwrap();
    }
    let all = list_calendars(&d.db, &d.ben, NOW + 2).await.unwrap();
    let defaults: Vec<_> = all.iter().filter(|c| c.is_default).map(|c| &c.id).collect();
    assert_eq!(defaults, vec![&first[0].id]);

    let mut past = meeting(&first[0].id);
    past.recurrence = None;
    past.title = "Yesterday".into();
    (past.start, past.end) = ("2026-11-18T09:00".into(), "2026-11-18T10:00".into());
    create_event(&d.db, &d.ben, &past, NOW).await.unwrap();
    let series = meeting(&first[0].id);
    create_event(&d.db, &d.ben, &series, NOW).await.unwrap();
    let next = domain::calendar::events::upcoming(&d.db, &d.ben, "Europe/Zurich", 3, NOW)
        .await
        .unwrap();
    assert_eq!(next.len(), 3);
    assert!(next
        .iter()
        .all(|o| o.title == "Weekly sync" && o.start.as_str() > "2026-11-19"));
    assert!(next.windows(2).all(|w| w[0].start_utc < w[1].start_utc));
}

#[tokio::test]
async fn meeting_links_come_from_the_address_only_administrators_set() {
    use domain::calendar::video::new_meeting_link;
    use domain::org::settings::{set_video_base_url, video_base_url};
    let d = demo_org().await;
    // The demo organization starts with Jitsi's public server.
    let first = new_meeting_link(&d.db, &d.chloe).await.unwrap();
    let second = new_meeting_link(&d.db, &d.chloe).await.unwrap();
    assert!(first.starts_with("https://meet.jit.si/ksuite-"), "{first}");
    assert_ne!(first, second, "a room name must not repeat");

    assert!(matches!(
        set_video_base_url(&d.db, &d.chloe, "https://evil.example").await,
        Err(DomainError::Forbidden(_))
    ));
    assert!(matches!(
        set_video_base_url(&d.db, &d.ben, "not a url").await,
        Err(DomainError::Invalid { .. })
    ));
    set_video_base_url(&d.db, &d.ben, "https://kmeet.example/room/")
        .await
        .unwrap();
    assert_eq!(
        video_base_url(&d.db, &d.anna).await.unwrap(),
        "https://kmeet.example/room"
    );
    assert!(new_meeting_link(&d.db, &d.anna)
        .await
        .unwrap()
        .starts_with("https://kmeet.example/room/ksuite-"));

    set_video_base_url(&d.db, &d.anna, "").await.unwrap();
    assert_eq!(
        new_meeting_link(&d.db, &d.anna).await.unwrap_err(),
        DomainError::invalid("video_url", Reason::VideoNotConfigured)
    );
}

#[tokio::test]
async fn contacts_birthdays_feed_a_private_read_only_birthdays_calendar() {
    use domain::contacts::cards::{create_contact, delete_contact};
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let book = common::own_book(&d, anna).await;
    let person = |first: &str, birthday: &str| domain::contacts::ContactInput {
        book_id: book.clone(),
        first: first.into(),
        last: "Curie".into(),
        birthday: birthday.into(),
        ..Default::default()
    };
    create_contact(db, anna, &person("Marie", "1867-11-07"), NOW)
        .await
        .unwrap();
    create_contact(db, anna, &person("Irène", "--09-12"), NOW)
        .await
        .unwrap();
    let eve = create_contact(db, anna, &person("Ève", "1904-12-06"), NOW)
        .await
        .unwrap();
    create_contact(db, anna, &person("Pierre", ""), NOW)
        .await
        .unwrap();
    delete_contact(db, anna, &eve, NOW).await.unwrap();

    let cals = list_calendars(db, anna, NOW).await.unwrap();
    let birthdays = cals.iter().find(|c| c.birthdays).unwrap();
    assert!(!birthdays.takes_events() && !birthdays.is_default);
    let found = occurrences(db, anna, "Europe/Zurich", "2026-09-01", "2027-01-01", NOW)
        .await
        .unwrap();
    let seen: Vec<_> = found
        .iter()
        .filter(|o| o.calendar_id == birthdays.id)
        .map(|o| (o.start.as_str(), o.title.as_str(), o.all_day, o.writable))
        .collect();
    assert_eq!(
        seen,
        [
            ("2026-09-12", "🎂 Irène Curie", true, false),
            ("2026-11-07", "🎂 Marie Curie (159)", true, false)
        ]
    );

    // Hidden like any calendar; never shared, published or deleted.
    calendars::set_hidden(db, anna, &birthdays.id, true)
        .await
        .unwrap();
    let hidden = occurrences(db, anna, "Europe/Zurich", "2026-11-01", "2026-12-01", NOW)
        .await
        .unwrap();
    assert!(hidden.iter().all(|o| o.calendar_id != birthdays.id));
    let chloe = Grantee::Member(d.chloe.account_id.clone());
    let shared = collections::share(
        db,
        anna,
        CollectionKind::Calendar,
        &birthdays.id,
        &chloe,
        ShareLevel::View,
    )
    .await;
    assert!(matches!(shared, Err(DomainError::Forbidden(_))));
    let published = calendars::set_public_link(db, anna, &birthdays.id, true).await;
    assert!(matches!(published, Err(DomainError::Forbidden(_))));
    let deleted = calendars::delete_calendar(db, anna, &birthdays.id, NOW).await;
    assert!(matches!(deleted, Err(DomainError::Forbidden(_))));

    // Dan has no Contacts: no Birthdays calendar.
    let dans = list_calendars(db, &d.dan, NOW).await.unwrap();
    assert!(dans.iter().all(|c| !c.birthdays));
}

/// The views' windows are kept in memory by calendar revision: every change shows at once,
/// whoever asks and whichever way the change came.
#[tokio::test]
async fn a_cached_window_shows_every_change_at_once() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let mut input = meeting(&cal);
    input.recurrence = None;
    let id = create_event(&d.db, &d.anna, &input, NOW).await.unwrap();
    let titles = |a: &Actor| {
        let (db, a, cal) = (d.db.clone(), a.clone(), cal.clone());
        async move {
            occurrences(&db, &a, "Europe/Zurich", "2026-11-23", "2026-11-24", NOW)
                .await
                .unwrap()
                .into_iter()
                .filter(|o| o.calendar_id == cal)
                .map(|o| (o.title, o.writable))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(titles(&d.anna).await, [("Weekly sync".to_owned(), true)]);
    input.title = "Renamed".into();
    update_event(&d.db, &d.anna, &id, None, Scope::All, &input, NOW)
        .await
        .unwrap();
    assert_eq!(titles(&d.anna).await, [("Renamed".to_owned(), true)]);
    // Shared read-only with Ben: the same window, his own rights on it.
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::Calendar,
        &cal,
        &Grantee::Member(d.ben.account_id.clone()),
        ShareLevel::View,
    )
    .await
    .unwrap();
    assert_eq!(titles(&d.ben).await, [("Renamed".to_owned(), false)]);
    delete_event(&d.db, &d.anna, &id, None, Scope::All, NOW)
        .await
        .unwrap();
    assert!(titles(&d.anna).await.is_empty());
    assert!(titles(&d.ben).await.is_empty());
}
