//! Taking back a move to the trash and an import, whichever app it was in, through the one
//! entry `undo` offers (SQLite, and PostgreSQL when the test command sets
//! `KSUITE_TEST_POSTGRES`).

use domain::calendar::events::{create_event, delete_event};
use domain::calendar::transfer::import_ics;
use domain::calendar::{calendars, Scope};
use domain::contacts::cards::{create_contact, delete_contact, list_contacts};
use domain::contacts::ContactInput;
use domain::import::ImportTarget;
use domain::trash::TrashKind;
use domain::{undo, DomainError};

mod common;
use common::{demo_org, lunch, own_book, own_calendar, NOW};

const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:u1\r\nDTSTAMP:20261101T000000Z\r\nDTSTART:20261124T120000Z\r\nDTEND:20261124T130000Z\r\nSUMMARY:Imported\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[tokio::test]
async fn each_kind_comes_back_out_of_the_trash_by_its_own_rules() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let event = create_event(&d.db, &d.anna, &lunch(&cal), NOW)
        .await
        .unwrap();
    delete_event(&d.db, &d.anna, &event, None, Scope::All, NOW)
        .await
        .unwrap();
    let book = own_book(&d, &d.anna).await;
    let input = ContactInput {
        book_id: book.clone(),
        first: "Ada".into(),
        last: "Lovelace".into(),
        ..ContactInput::default()
    };
    let contact = create_contact(&d.db, &d.anna, &input, NOW).await.unwrap();
    delete_contact(&d.db, &d.anna, &contact, NOW).await.unwrap();

    // Another member of the organization may not bring back what only anna may change.
    assert_eq!(
        undo::trashing(&d.db, &d.ben, TrashKind::Contact, &contact, NOW).await,
        Err(DomainError::NotFound)
    );
    undo::trashing(&d.db, &d.anna, TrashKind::Event, &event, NOW)
        .await
        .unwrap();
    undo::trashing(&d.db, &d.anna, TrashKind::Contact, &contact, NOW)
        .await
        .unwrap();
    let trash = domain::calendar::trash::list_trash(&d.db, &d.anna, NOW)
        .await
        .unwrap();
    assert!(trash.iter().all(|t| t.id != event));
    let listed = list_contacts(&d.db, &d.anna, &book).await.unwrap();
    assert!(listed.iter().any(|c| c.id == contact));
}

#[tokio::test]
async fn an_import_is_taken_back_whole_and_a_calendar_it_made_goes_to_the_trash() {
    let d = demo_org().await;
    let target = ImportTarget::New {
        name: "Imported".into(),
        color: None,
    };
    let bytes = ICS.as_bytes().to_vec();
    let summary = import_ics(&d.db, &d.anna, &target, bytes, NOW)
        .await
        .unwrap();
    assert!(summary.made);
    let id = summary.into.id().to_owned();
    undo::import(
        &d.db,
        &d.anna,
        summary.into.kind(),
        &id,
        &summary.changes,
        summary.made,
        NOW,
    )
    .await
    .unwrap();
    let left = calendars::list_calendars(&d.db, &d.anna, NOW)
        .await
        .unwrap();
    assert!(left.iter().all(|c| c.id != id));
    let trash = domain::calendar::trash::list_trash(&d.db, &d.anna, NOW)
        .await
        .unwrap();
    assert!(trash
        .iter()
        .any(|t| t.id == id && t.kind == TrashKind::Calendar));

    // Into an existing calendar, only what the import added goes.
    let cal = own_calendar(&d, &d.anna).await;
    let into = ImportTarget::Existing(cal.clone());
    let bytes = ICS.as_bytes().to_vec();
    let summary = import_ics(&d.db, &d.anna, &into, bytes, NOW).await.unwrap();
    assert!(!summary.made);
    let kind = summary.into.kind();
    undo::import(&d.db, &d.anna, kind, &cal, &summary.changes, false, NOW)
        .await
        .unwrap();
    let left = calendars::list_calendars(&d.db, &d.anna, NOW)
        .await
        .unwrap();
    assert!(left.iter().any(|c| c.id == cal));
    let trash = domain::calendar::trash::list_trash(&d.db, &d.anna, NOW)
        .await
        .unwrap();
    assert!(trash
        .iter()
        .any(|t| t.kind == TrashKind::Event && t.place != "Imported"));
}
