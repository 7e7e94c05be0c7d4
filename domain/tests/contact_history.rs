//! Several contacts at once, the trash, and a book restored to a day, against a real database
//! (SQLite, and PostgreSQL when the test command sets `KSUITE_TEST_POSTGRES`).

use domain::contacts::books::{create_book, delete_book, list_books};
use domain::contacts::bulk::{copy_contacts, delete_contacts, move_contacts};
use domain::contacts::cards::{
    create_contact, delete_contact, get_contact, list_contacts, update_contact,
};
use domain::contacts::duplicates::{find_duplicates, merge, merge_preview};
use domain::contacts::history::restore_book_to_day;
use domain::contacts::trash::{
    list_trash, restore_book, restore_contact, restore_contacts, RETENTION_SECS,
};
use domain::contacts::{ContactInput, FieldKind, MatchReason, RestoreOutcome, TypedValue};
use domain::org::Actor;
use domain::reason::Reason;
use domain::trash::TrashKind;
use domain::DomainError;

mod common;
use common::{demo_org, own_book, Demo, NOW};

const DAY: i64 = 24 * 3600;

fn named(book: &str, first: &str, last: &str) -> ContactInput {
    ContactInput {
        book_id: book.into(),
        first: first.into(),
        last: last.into(),
        ..ContactInput::default()
    }
}

async fn names(d: &Demo, a: &Actor, book: &str) -> Vec<String> {
    list_contacts(&d.db, a, book)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.full_name)
        .collect()
}

#[tokio::test]
async fn a_book_goes_back_to_a_day_with_its_edits_deletions_moves_and_additions_undone() {
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let book = own_book(&d, anna).await;
    let archive = create_book(db, anna, "Archive", NOW - 4 * DAY)
        .await
        .unwrap();
    // 15 November: three contacts.
    let t1 = NOW - 3 * DAY;
    let marie = create_contact(db, anna, &named(&book, "Marie", "Curie"), t1)
        .await
        .unwrap();
    let ada = create_contact(db, anna, &named(&book, "Ada", "Lovelace"), t1)
        .await
        .unwrap();
    let grace = create_contact(db, anna, &named(&book, "Grace", "Hopper"), t1)
        .await
        .unwrap();
    // 17 November: an edit, a deletion, a move and an addition.
    let t2 = NOW - DAY;
    let mut edited = named(&book, "Marie", "Curie");
    edited.title = "Professor".into();
    update_contact(db, anna, &marie, &edited, t2).await.unwrap();
    delete_contact(db, anna, &ada, t2).await.unwrap();
    let moved = move_contacts(db, anna, std::slice::from_ref(&grace), &archive, t2)
        .await
        .unwrap();
    assert_eq!((moved.done, moved.skipped), (1, 0));
    create_contact(db, anna, &named(&book, "Alan", "Turing"), t2)
        .await
        .unwrap();
    assert_eq!(names(&d, anna, &book).await, ["Marie Curie", "Alan Turing"]);

    // Back to the 16th (the default time zone is Zurich's).
    let outcome = restore_book_to_day(db, anna, &book, "2026-11-16", NOW)
        .await
        .unwrap();
    assert_eq!(
        outcome,
        RestoreOutcome {
            restored: 3,
            removed: 1,
            unchanged: 0
        }
    );
    assert_eq!(
        names(&d, anna, &book).await,
        ["Marie Curie", "Grace Hopper", "Ada Lovelace"]
    );
    assert_eq!(
        get_contact(db, anna, &marie).await.unwrap().fields.title,
        ""
    );
    assert!(names(&d, anna, &archive).await.is_empty());
    // Again: nothing left to change. Chloé, who cannot see the book, is refused.
    let again = restore_book_to_day(db, anna, &book, "2026-11-16", NOW)
        .await
        .unwrap();
    assert_eq!((again.restored, again.removed, again.unchanged), (0, 0, 3));
    assert!(restore_book_to_day(db, &d.chloe, &book, "2026-11-16", NOW)
        .await
        .is_err());
    // A restore is undone by another: back to the 17th, Marie and Alan as they were then, Ada
    // (deleted then) and Grace (in the archive then) out of the book again.
    let forward = restore_book_to_day(db, anna, &book, "2026-11-17", NOW + DAY)
        .await
        .unwrap();
    assert_eq!((forward.restored, forward.removed), (2, 2));
    assert_eq!(
        get_contact(db, anna, &marie).await.unwrap().fields.title,
        "Professor"
    );
    assert_eq!(names(&d, anna, &book).await, ["Marie Curie", "Alan Turing"]);
}

#[tokio::test]
async fn the_trash_gives_back_contacts_and_books_for_thirty_days() {
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let book = own_book(&d, anna).await;
    let ada = create_contact(db, anna, &named(&book, "Ada", "Lovelace"), NOW)
        .await
        .unwrap();
    let spare = create_book(db, anna, "Spare", NOW).await.unwrap();
    delete_contact(db, anna, &ada, NOW + 10).await.unwrap();
    delete_book(db, anna, &spare, NOW + 20).await.unwrap();
    let trash = list_trash(db, anna, NOW + 30).await.unwrap();
    let kinds: Vec<_> = trash.iter().map(|i| (i.kind, i.title.as_str())).collect();
    assert_eq!(
        kinds,
        [
            (TrashKind::Book, "Spare"),
            (TrashKind::Contact, "Ada Lovelace")
        ]
    );
    // Nobody else's trash holds them; nobody else restores them.
    assert!(list_trash(db, &d.ben, NOW + 30).await.unwrap().is_empty());
    assert!(restore_contact(db, &d.ben, &ada, NOW + 30).await.is_err());
    restore_contact(db, anna, &ada, NOW + 30).await.unwrap();
    restore_book(db, anna, &spare, NOW + 30).await.unwrap();
    assert_eq!(names(&d, anna, &book).await, ["Ada Lovelace"]);
    assert_eq!(list_books(db, anna, NOW).await.unwrap().len(), 2);
    // After 30 days, gone for good.
    delete_contact(db, anna, &ada, NOW + 40).await.unwrap();
    let later = NOW + 41 + RETENTION_SECS;
    assert!(list_trash(db, anna, later).await.unwrap().is_empty());
    assert!(restore_contact(db, anna, &ada, later).await.is_err());
}

#[tokio::test]
async fn a_selection_is_copied_moved_and_deleted_within_the_members_rights() {
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let book = own_book(&d, anna).await;
    let other = create_book(db, anna, "Other", NOW).await.unwrap();
    let marie = create_contact(db, anna, &named(&book, "Marie", "Curie"), NOW)
        .await
        .unwrap();
    let ada = create_contact(db, anna, &named(&book, "Ada", "Lovelace"), NOW)
        .await
        .unwrap();
    let both = [marie.clone(), ada.clone()];
    let copied = copy_contacts(db, anna, &both, &other, NOW).await.unwrap();
    assert_eq!((copied.done, copied.skipped), (2, 0));
    assert!(
        copied.changed.iter().all(|id| !both.contains(id)),
        "the copies are new contacts"
    );
    // A second copy has new UIDs: two more.
    copy_contacts(db, anna, &both, &other, NOW).await.unwrap();
    assert_eq!(names(&d, anna, &other).await.len(), 4);
    // Their UIDs are in the target already: the move leaves them where they are.
    let moved = move_contacts(db, anna, &both, &other, NOW).await.unwrap();
    assert_eq!((moved.done, moved.skipped), (0, 2));
    // Ben cannot see anna's book: nothing happens, nothing is told about it.
    let bens = own_book(&d, &d.ben).await;
    let outcome = delete_contacts(db, &d.ben, &both, NOW).await.unwrap();
    assert_eq!((outcome.done, outcome.skipped), (0, 2));
    assert!(
        copy_contacts(db, &d.ben, &both, &bens, NOW)
            .await
            .unwrap()
            .done
            == 0
    );
    assert!(move_contacts(db, &d.ben, &both, &book, NOW).await.is_err());
    let deleted = delete_contacts(db, anna, &both, NOW).await.unwrap();
    assert_eq!(deleted.done, 2);
    assert!(names(&d, anna, &book).await.is_empty());
    // Undo brings back exactly what went; ben, who may not change the book, brings back nothing.
    let none = restore_contacts(db, &d.ben, &deleted.changed, NOW)
        .await
        .unwrap();
    assert_eq!((none.done, none.skipped), (0, 2));
    let back = restore_contacts(db, anna, &deleted.changed, NOW)
        .await
        .unwrap();
    assert_eq!((back.done, back.skipped), (2, 0));
    assert_eq!(names(&d, anna, &book).await.len(), 2);
}

/// A selection as large as allowed moves and goes to the trash in a few statements, each
/// contact keeping its former state as a version: the book's day before brings them all back.
#[tokio::test]
async fn a_whole_book_selected_moves_and_comes_back_by_its_history() {
    use domain::contacts::bulk::MAX_SELECTION;
    use domain::contacts::transfer::import_vcards;
    use domain::import::ImportTarget;
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let file: String = (0..MAX_SELECTION)
        .map(|i| {
            format!(
                "BEGIN:VCARD\r\nVERSION:4.0\r\nUID:bulk-{i}\r\nFN:Person {i:05}\r\nEND:VCARD\r\n"
            )
        })
        .collect();
    let new = |name: &str| ImportTarget::New {
        name: name.into(),
        color: None,
    };
    let t1 = NOW - 3 * DAY;
    let book = import_vcards(db, anna, &new("Many"), file.into_bytes(), t1)
        .await
        .unwrap()
        .into
        .into_id();
    let archive = create_book(db, anna, "Archive", t1).await.unwrap();
    let ids: Vec<String> = list_contacts(db, anna, &book)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert_eq!(ids.len(), MAX_SELECTION);

    let t2 = NOW - DAY;
    let moved = move_contacts(db, anna, &ids, &archive, t2).await.unwrap();
    assert_eq!((moved.done, moved.skipped), (MAX_SELECTION as u32, 0));
    assert!(names(&d, anna, &book).await.is_empty());
    let trashed = delete_contacts(db, anna, &ids, t2).await.unwrap();
    assert_eq!(trashed.done, MAX_SELECTION as u32);
    assert!(names(&d, anna, &archive).await.is_empty());

    let back = restore_book_to_day(db, anna, &book, "2026-11-16", NOW)
        .await
        .unwrap();
    assert_eq!(back.restored, MAX_SELECTION as u32);
    let names = names(&d, anna, &book).await;
    assert_eq!(names.len(), MAX_SELECTION);
    assert_eq!(names.first().map(String::as_str), Some("Person 00000"));
}

#[tokio::test]
async fn duplicates_are_found_merged_and_the_merge_undone_from_the_trash() {
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let book = own_book(&d, anna).await;
    let email = |value: &str| TypedValue {
        kind: FieldKind::Work,
        value: value.into(),
    };
    let mut marie = named(&book, "Marie", "Curie");
    marie.emails = vec![email("marie@radium.example")];
    let reference = create_contact(db, anna, &marie, NOW).await.unwrap();
    let mut twin = named(&book, "M.", "Curie");
    twin.emails = vec![
        email("Marie@Radium.example"),
        email("curie@sorbonne.example"),
    ];
    twin.title = "Director".into();
    let other = create_contact(db, anna, &twin, NOW).await.unwrap();
    // Same name, nothing else in common: not a duplicate.
    create_contact(db, anna, &named(&book, "Marie", "Curie"), NOW)
        .await
        .unwrap();

    let groups = find_duplicates(db, anna, &book).await.unwrap();
    assert_eq!(groups.len(), 1);
    assert_eq!(groups[0].reasons, [MatchReason::SameEmail]);
    assert_eq!(groups[0].contacts.len(), 2);
    let others = [other.clone()];
    let preview = merge_preview(db, anna, &reference, &others).await.unwrap();
    let shown: Vec<(&str, &str)> = preview
        .iter()
        .map(|v| (v.property.as_str(), v.value.as_str()))
        .collect();
    assert_eq!(
        shown,
        [("EMAIL", "curie@sorbonne.example"), ("TITLE", "Director")]
    );
    // Chloé cannot see the book; Ben neither.
    assert!(merge(db, &d.chloe, &reference, &others, NOW).await.is_err());
    let merge_id = merge(db, anna, &reference, &others, NOW + 10)
        .await
        .unwrap();
    let merged = get_contact(db, anna, &reference).await.unwrap();
    assert_eq!(merged.fields.emails.len(), 2);
    assert_eq!(merged.fields.title, "Director");
    assert!(find_duplicates(db, anna, &book).await.unwrap().is_empty());
    assert!(get_contact(db, anna, &other).await.is_err(), "in the trash");

    // The trash lists the merge as one item; restoring it undoes the merge.
    let trash = list_trash(db, anna, NOW + 20).await.unwrap();
    assert_eq!(trash.len(), 1);
    assert_eq!(
        (trash[0].kind, trash[0].title.as_str(), trash[0].merged),
        (TrashKind::Merge, "Marie Curie", 1)
    );
    assert!(
        domain::contacts::duplicates::undo_merge(db, &d.ben, &merge_id, NOW + 30)
            .await
            .is_err()
    );
    domain::contacts::duplicates::undo_merge(db, anna, &merge_id, NOW + 30)
        .await
        .unwrap();
    let back = get_contact(db, anna, &reference).await.unwrap();
    assert_eq!(back.fields.emails.len(), 1);
    assert_eq!(back.fields.title, "");
    assert_eq!(
        get_contact(db, anna, &other).await.unwrap().fields.title,
        "Director"
    );
    assert!(list_trash(db, anna, NOW + 40).await.unwrap().is_empty());
    assert_eq!(find_duplicates(db, anna, &book).await.unwrap().len(), 1);
}

/// Undoing a merge puts the merged contact back as it was: not when it has been deleted or moved
/// to another book since, which the undo would silently revert.
#[tokio::test]
async fn a_merge_whose_contact_changed_since_cannot_be_undone() {
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let book = own_book(&d, anna).await;
    let mut ada = named(&book, "Ada", "Lovelace");
    ada.emails = vec![TypedValue {
        kind: FieldKind::Work,
        value: "ada@example.org".into(),
    }];
    let reference = create_contact(db, anna, &ada, NOW).await.unwrap();
    let twin = create_contact(db, anna, &ada, NOW).await.unwrap();
    let merge_id = merge(db, anna, &reference, &[twin], NOW + 10)
        .await
        .unwrap();
    delete_contact(db, anna, &reference, NOW + 20)
        .await
        .unwrap();
    let refused = domain::contacts::duplicates::undo_merge(db, anna, &merge_id, NOW + 30).await;
    assert_eq!(
        refused,
        Err(DomainError::invalid("merge", Reason::MergeChangedSince))
    );
    assert!(
        get_contact(db, anna, &reference).await.is_err(),
        "still in the trash"
    );
}
