//! Groups (vCard CATEGORIES) and photos of contacts against a real database (SQLite, and
//! PostgreSQL when the test command sets `KSUITE_TEST_POSTGRES`).

use domain::collections::{self, CollectionKind};
use domain::contacts::bulk::group_contacts;
use domain::contacts::cards::{create_contact, get_contact, list_contacts, update_contact};
use domain::contacts::groups::{create_group, delete_group, list_groups};
use domain::contacts::photo::MAX_PHOTO_KB;
use domain::contacts::transfer::export_vcards;
use domain::contacts::{ContactGroup, ContactInput};
use domain::reason::Reason;
use domain::sharing::{Grantee, ShareLevel};
use domain::{DomainError, LimitKind};

mod common;
use common::{demo_org, own_book, NOW};

fn named(book: &str, first: &str) -> ContactInput {
    ContactInput {
        book_id: book.into(),
        first: first.into(),
        last: "Curie".into(),
        ..ContactInput::default()
    }
}

fn group(name: &str, contacts: u32) -> ContactGroup {
    ContactGroup {
        name: name.into(),
        contacts,
    }
}

#[tokio::test]
async fn groups_are_created_filled_listed_exported_and_deleted() {
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let book = own_book(&d, anna).await;
    let marie = create_contact(db, anna, &named(&book, "Marie"), NOW)
        .await
        .unwrap();
    let pierre = create_contact(db, anna, &named(&book, "Pierre"), NOW)
        .await
        .unwrap();
    create_group(db, anna, &book, "  Nobel  laureates ", NOW)
        .await
        .unwrap();
    // A group differs from another by more than letter case.
    assert!(matches!(
        create_group(db, anna, &book, "nobel LAUREATES", NOW).await,
        Err(DomainError::Invalid { reason, .. }) if reason == Reason::GroupExists
    ));
    assert_eq!(
        list_groups(db, anna, &book).await.unwrap(),
        [group("Nobel laureates", 0)]
    );

    let both = [marie.clone(), pierre.clone()];
    let added = group_contacts(db, anna, &both, "Nobel laureates", true, NOW)
        .await
        .unwrap();
    assert_eq!((added.done, added.skipped, added.changed.len()), (2, 0, 2));
    group_contacts(db, anna, std::slice::from_ref(&marie), "Family", true, NOW)
        .await
        .unwrap();
    assert_eq!(
        list_groups(db, anna, &book).await.unwrap(),
        [group("Family", 1), group("Nobel laureates", 2)]
    );
    let listed = list_contacts(db, anna, &book).await.unwrap();
    let marie_line = listed.iter().find(|c| c.id == marie).unwrap();
    assert_eq!(marie_line.groups, ["Nobel laureates", "Family"]);
    // The groups are the card's CATEGORIES, which sync clients read.
    let exported = export_vcards(db, anna, &book, None).await.unwrap().1;
    assert!(
        exported.contains("CATEGORIES:Nobel laureates,Family"),
        "{exported}"
    );
    // An edit from the form keeps them.
    let mut fields = get_contact(db, anna, &marie).await.unwrap().fields;
    fields.title = "Physicist".into();
    update_contact(db, anna, &marie, &fields, NOW)
        .await
        .unwrap();

    group_contacts(
        db,
        anna,
        std::slice::from_ref(&pierre),
        "NOBEL laureates",
        false,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(
        list_groups(db, anna, &book).await.unwrap(),
        [group("Family", 1), group("Nobel laureates", 1)]
    );
    let removed = delete_group(db, anna, &book, "nobel laureates", NOW)
        .await
        .unwrap();
    assert_eq!(removed.done, 1);
    assert_eq!(
        list_groups(db, anna, &book).await.unwrap(),
        [group("Family", 1)]
    );
    assert_eq!(list_contacts(db, anna, &book).await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_view_share_cannot_change_groups() {
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let book = own_book(&d, anna).await;
    let marie = create_contact(db, anna, &named(&book, "Marie"), NOW)
        .await
        .unwrap();
    let chloe = Grantee::Member(d.chloe.account_id.clone());
    collections::share(
        db,
        anna,
        CollectionKind::AddressBook,
        &book,
        &chloe,
        ShareLevel::View,
    )
    .await
    .unwrap();
    assert!(list_groups(db, &d.chloe, &book).await.unwrap().is_empty());
    assert!(matches!(
        create_group(db, &d.chloe, &book, "Mine", NOW).await,
        Err(DomainError::Forbidden(_))
    ));
    let tried = group_contacts(
        db,
        &d.chloe,
        std::slice::from_ref(&marie),
        "Mine",
        true,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(tried.done, 0);
    assert!(matches!(
        delete_group(db, &d.chloe, &book, "Mine", NOW).await,
        Err(DomainError::Forbidden(_))
    ));
    // Ben sees nothing of anna's book.
    assert_eq!(
        list_groups(db, &d.ben, &book).await.unwrap_err(),
        DomainError::NotFound
    );
    assert!(list_contacts(db, anna, &book).await.unwrap()[0]
        .groups
        .is_empty());
}

#[tokio::test]
async fn a_photo_is_stored_on_the_card_within_its_size_limit() {
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let book = own_book(&d, anna).await;
    let jpeg = "data:image/jpeg;base64,/9j/4AAQSkZJRgABAQ==";
    let with_photo = ContactInput {
        photo: jpeg.into(),
        ..named(&book, "Marie")
    };
    let id = create_contact(db, anna, &with_photo, NOW).await.unwrap();
    assert_eq!(get_contact(db, anna, &id).await.unwrap().fields.photo, jpeg);
    let exported = export_vcards(db, anna, &book, None).await.unwrap().1;
    assert!(
        exported.contains("PHOTO:data:image/jpeg;base64\\,/9j/4AAQSkZJRgABAQ==\r\n"),
        "{exported}"
    );

    let big = format!(
        "data:image/jpeg;base64,/9j/{}",
        "A".repeat((MAX_PHOTO_KB << 10) * 4 / 3 + 8)
    );
    let too_big = ContactInput {
        photo: big,
        ..named(&book, "Pierre")
    };
    assert_eq!(
        create_contact(db, anna, &too_big, NOW).await.unwrap_err(),
        DomainError::limit(LimitKind::PhotoKilobytes, MAX_PHOTO_KB as u64)
    );
    let svg = ContactInput {
        photo: "data:image/svg+xml;base64,PHN2Zz4=".into(),
        ..named(&book, "Pierre")
    };
    assert!(matches!(
        create_contact(db, anna, &svg, NOW).await,
        Err(DomainError::Invalid { reason, .. }) if reason == Reason::PhotoInvalid
    ));
    assert_eq!(list_contacts(db, anna, &book).await.unwrap().len(), 1);
}
