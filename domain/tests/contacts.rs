//! Address books and contacts against a real database (SQLite, and PostgreSQL when the test
//! command sets `KSUITE_TEST_POSTGRES`).

use domain::collections::{self, CollectionKind};
use domain::contacts::books::{
    create_book, delete_book, list_books, rename_book, set_default_book,
};
use domain::contacts::cards::{
    create_contact, delete_contact, get_contact, list_contacts, update_contact,
};
use domain::contacts::{ContactInput, FieldKind, PostalAddress, TypedValue};
use domain::org;
use domain::reason::Reason;
use domain::sharing::{Grantee, Permission, ShareLevel};
use domain::{DomainError, LimitKind};

mod common;
use common::{demo_org, own_book, NOW};

fn person(book: &str, first: &str, last: &str, email: &str) -> ContactInput {
    ContactInput {
        book_id: book.into(),
        first: first.into(),
        last: last.into(),
        emails: vec![TypedValue {
            kind: FieldKind::Work,
            value: email.into(),
        }],
        ..ContactInput::default()
    }
}

fn forbidden<T>(r: Result<T, DomainError>) -> bool {
    matches!(r, Err(DomainError::Forbidden(_)))
}

#[tokio::test]
async fn a_first_book_appears_in_the_members_language_and_personal_spaces_hold_one() {
    let d = demo_org().await;
    let anna = list_books(&d.db, &d.anna, NOW).await.unwrap();
    assert_eq!(anna.len(), 1);
    assert_eq!(anna[0].name, "Contacts");
    let ben = list_books(&d.db, &d.ben, NOW).await.unwrap();
    assert_eq!(ben[0].name, "Kontakte");
    // Twice: still one.
    assert_eq!(list_books(&d.db, &d.anna, NOW).await.unwrap().len(), 1);

    let second = create_book(&d.db, &d.anna, "Suppliers", NOW).await.unwrap();
    rename_book(&d.db, &d.anna, &second, "Vendors")
        .await
        .unwrap();
    let names: Vec<_> = list_books(&d.db, &d.anna, NOW)
        .await
        .unwrap()
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(names, ["Contacts", "Vendors"]);

    let orgs = org::list_orgs(&d.db, &d.anna.account_id).await.unwrap();
    let personal = orgs.iter().find(|o| o.personal).unwrap();
    let me = org::actor(&d.db, &d.anna.account_id, &personal.id)
        .await
        .unwrap();
    assert_eq!(list_books(&d.db, &me, NOW).await.unwrap().len(), 1);
    assert_eq!(
        create_book(&d.db, &me, "Second", NOW).await.unwrap_err(),
        DomainError::LimitExceeded {
            kind: LimitKind::AddressBooks,
            max: 1
        }
    );

    // Dan, an external, has no Contacts.
    assert!(forbidden(list_books(&d.db, &d.dan, NOW).await));
}

#[tokio::test]
async fn contacts_are_created_listed_changed_moved_and_trashed() {
    let d = demo_org().await;
    let book = own_book(&d, &d.anna).await;
    let mut marie = person(&book, "Marie", "Curie", "marie@radium.example");
    marie.addresses.push(PostalAddress {
        kind: FieldKind::Work,
        street: "1 rue Pierre et Marie Curie".into(),
        locality: "Paris".into(),
        postal_code: "75005".into(),
        country: "France".into(),
        ..PostalAddress::default()
    });
    marie.birthday = "1867-11-07".into();
    let id = create_contact(&d.db, &d.anna, &marie, NOW).await.unwrap();
    create_contact(
        &d.db,
        &d.anna,
        &person(&book, "Ada", "Lovelace", "ada@example.org"),
        NOW,
    )
    .await
    .unwrap();
    let zed = ContactInput {
        book_id: book.clone(),
        organization: "Élan SA".into(),
        ..ContactInput::default()
    };
    create_contact(&d.db, &d.anna, &zed, NOW).await.unwrap();

    let list = list_contacts(&d.db, &d.anna, &book).await.unwrap();
    let lines: Vec<_> = list
        .iter()
        .map(|c| format!("{} {} {}", c.initial, c.full_name, c.email))
        .collect();
    assert_eq!(
        lines,
        [
            "C Marie Curie marie@radium.example",
            "E Élan SA ",
            "L Ada Lovelace ada@example.org"
        ]
    );

    let detail = get_contact(&d.db, &d.anna, &id).await.unwrap();
    assert!(detail.writable);
    assert_eq!(detail.fields, marie);

    let mut changed = marie.clone();
    changed.title = "Professor".into();
    changed.phones.push(TypedValue {
        kind: FieldKind::Cell,
        value: "+33 6 12 34 56 78".into(),
    });
    update_contact(&d.db, &d.anna, &id, &changed, NOW + 1)
        .await
        .unwrap();
    assert_eq!(
        get_contact(&d.db, &d.anna, &id).await.unwrap().fields,
        changed
    );

    // Moved to another book by saving it there.
    let other = create_book(&d.db, &d.anna, "Scientists", NOW)
        .await
        .unwrap();
    changed.book_id = other.clone();
    update_contact(&d.db, &d.anna, &id, &changed, NOW + 2)
        .await
        .unwrap();
    assert_eq!(list_contacts(&d.db, &d.anna, &book).await.unwrap().len(), 2);
    assert_eq!(
        list_contacts(&d.db, &d.anna, &other).await.unwrap().len(),
        1
    );

    delete_contact(&d.db, &d.anna, &id, NOW + 3).await.unwrap();
    assert!(list_contacts(&d.db, &d.anna, &other)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        get_contact(&d.db, &d.anna, &id).await.unwrap_err(),
        DomainError::NotFound
    );

    // A bad input is refused with the field's reason and stores nothing.
    let mut bad = person(&book, "Bad", "Date", "bad@example.org");
    bad.birthday = "1990-02-30".into();
    assert!(matches!(
        create_contact(&d.db, &d.anna, &bad, NOW).await,
        Err(DomainError::Invalid { reason, .. }) if reason == Reason::DateInvalid
    ));
    assert_eq!(list_contacts(&d.db, &d.anna, &book).await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_view_share_cannot_write_and_other_organizations_see_nothing() {
    let d = demo_org().await;
    let book = own_book(&d, &d.anna).await;
    let id = create_contact(
        &d.db,
        &d.anna,
        &person(&book, "Grace", "Hopper", "grace@navy.example"),
        NOW,
    )
    .await
    .unwrap();
    // Not shared yet: Chloé cannot find the book or the contact.
    assert_eq!(
        list_contacts(&d.db, &d.chloe, &book).await.unwrap_err(),
        DomainError::NotFound
    );
    assert_eq!(
        get_contact(&d.db, &d.chloe, &id).await.unwrap_err(),
        DomainError::NotFound
    );

    let chloe = Grantee::Member(d.chloe.account_id.clone());
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::AddressBook,
        &book,
        &chloe,
        ShareLevel::View,
    )
    .await
    .unwrap();
    let seen = list_books(&d.db, &d.chloe, NOW).await.unwrap();
    let shared = seen.iter().find(|b| b.id == book).unwrap();
    assert_eq!((shared.access, shared.contacts), (Permission::View, 1));
    assert!(!get_contact(&d.db, &d.chloe, &id).await.unwrap().writable);

    let mine = person(&book, "Chloé", "Sneaky", "c@example.org");
    assert!(forbidden(create_contact(&d.db, &d.chloe, &mine, NOW).await));
    assert!(forbidden(
        update_contact(&d.db, &d.chloe, &id, &mine, NOW).await
    ));
    assert!(forbidden(delete_contact(&d.db, &d.chloe, &id, NOW).await));
    assert!(forbidden(rename_book(&d.db, &d.chloe, &book, "Mine").await));
    assert!(forbidden(delete_book(&d.db, &d.chloe, &book, NOW).await));
    assert!(forbidden(
        collections::share(
            &d.db,
            &d.chloe,
            CollectionKind::AddressBook,
            &book,
            &Grantee::Organization,
            ShareLevel::View
        )
        .await
    ));
    assert!(forbidden(set_default_book(&d.db, &d.chloe, &book).await));

    // "Can modify" lets her write; the team and organization shares work as for calendars.
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::AddressBook,
        &book,
        &chloe,
        ShareLevel::Modify,
    )
    .await
    .unwrap();
    create_contact(&d.db, &d.chloe, &mine, NOW).await.unwrap();
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::AddressBook,
        &book,
        &Grantee::Organization,
        ShareLevel::View,
    )
    .await
    .unwrap();
    assert_eq!(
        collections::list_shares(&d.db, &d.anna, CollectionKind::AddressBook, &book)
            .await
            .unwrap()
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["", "Chloé Dubois"]
    );
    assert_eq!(list_contacts(&d.db, &d.ben, &book).await.unwrap().len(), 2);
    collections::revoke_share(
        &d.db,
        &d.anna,
        CollectionKind::AddressBook,
        &book,
        &Grantee::Organization,
    )
    .await
    .unwrap();
    assert_eq!(
        list_contacts(&d.db, &d.ben, &book).await.unwrap_err(),
        DomainError::NotFound
    );

    // Another organization (Anna's personal space) sees none of it, even with the ids.
    let orgs = org::list_orgs(&d.db, &d.anna.account_id).await.unwrap();
    let personal = orgs.iter().find(|o| o.personal).unwrap();
    let elsewhere = org::actor(&d.db, &d.anna.account_id, &personal.id)
        .await
        .unwrap();
    assert_eq!(
        get_contact(&d.db, &elsewhere, &id).await.unwrap_err(),
        DomainError::NotFound
    );
    assert_eq!(
        list_contacts(&d.db, &elsewhere, &book).await.unwrap_err(),
        DomainError::NotFound
    );

    // The owner trashes the book: it is gone for everyone.
    delete_book(&d.db, &d.anna, &book, NOW).await.unwrap();
    assert_eq!(
        get_contact(&d.db, &d.chloe, &id).await.unwrap_err(),
        DomainError::NotFound
    );
}

const CARDS: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:curie@radium\r\nFN:Dr. Marie Curie\r\n\
N:Curie;Marie;Salomea;Dr.;\r\nNICKNAME:Manya\r\nEMAIL;TYPE=INTERNET,WORK:marie@radium.example\r\n\
TEL;TYPE=CELL:+33 6 12 34 56 78\r\nADR;TYPE=WORK:;;1 rue Pierre et Marie Curie;Paris;;75005;France\r\n\
ORG:Institut du Radium\r\nTITLE:Director\r\nBDAY:1867-11-07\r\nURL:https://radium.example\r\n\
NOTE:Two Nobel prizes\r\nCATEGORIES:Science\r\nX-SPOUSE:Pierre Curie\r\nitem1.X-ABLABEL:lab\r\nEND:VCARD\r\n\
BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada Lovelace\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n";

#[tokio::test]
async fn a_vcard_import_round_trips_every_property_and_a_second_import_duplicates_nothing() {
    use domain::contacts::transfer::{export_vcards, import_vcards};
    use domain::import::ImportTarget;
    let d = demo_org().await;
    let target = ImportTarget::New {
        name: "Imported".into(),
        color: None,
    };
    let summary = import_vcards(&d.db, &d.anna, &target, CARDS.as_bytes().to_vec(), NOW)
        .await
        .unwrap();
    assert_eq!(
        (summary.imported, summary.updated, summary.unchanged),
        (2, 0, 0)
    );
    assert!(summary.skipped.is_empty());
    let book = summary.into.id().to_owned();

    let (name, text) = export_vcards(&d.db, &d.anna, &book, None).await.unwrap();
    assert_eq!(name, "Imported");
    for kept in [
        "VERSION:4.0",
        "UID:curie@radium",
        "FN:Dr. Marie Curie",
        "N:Curie;Marie;Salomea;Dr.;",
        "NICKNAME:Manya",
        "marie@radium.example",
        "TEL;TYPE=CELL:+33 6 12 34 56 78",
        "1 rue Pierre et Marie Curie;Paris;;75005;France",
        "ORG:Institut du Radium",
        "TITLE:Director",
        "BDAY:18671107",
        "URL:https://radium.example",
        "NOTE:Two Nobel prizes",
        "CATEGORIES:Science",
        "X-SPOUSE:Pierre Curie",
        "item1.X-ABLABEL:lab",
        "FN:Ada Lovelace",
    ] {
        assert!(text.contains(kept), "{kept} lost in\n{text}");
    }

    // The same file again: nothing new. Our own export imported: nothing new either.
    let existing = ImportTarget::Existing(book.clone());
    let again = import_vcards(&d.db, &d.anna, &existing, CARDS.as_bytes().to_vec(), NOW)
        .await
        .unwrap();
    assert_eq!((again.imported, again.unchanged), (0, 2));
    let back = import_vcards(&d.db, &d.anna, &existing, text.as_bytes().to_vec(), NOW)
        .await
        .unwrap();
    assert_eq!((back.imported, back.unchanged), (0, 2));
    assert_eq!(list_contacts(&d.db, &d.anna, &book).await.unwrap().len(), 2);

    // A changed card updates its contact.
    let changed = CARDS.replace("TITLE:Director", "TITLE:Professor");
    let third = import_vcards(
        &d.db,
        &d.anna,
        &existing,
        changed.as_bytes().to_vec(),
        NOW + 60,
    )
    .await
    .unwrap();
    assert_eq!((third.updated, third.unchanged), (1, 1));

    // Its Undo gives the contact its text from before; ben, who cannot see the book, cannot.
    use domain::live::CollectionKind::AddressBook;
    use domain::undo::take_back;
    assert!(
        take_back(&d.db, &d.ben, AddressBook, &book, &third.changes, NOW + 90)
            .await
            .is_err()
    );
    assert_eq!(
        take_back(
            &d.db,
            &d.anna,
            AddressBook,
            &book,
            &third.changes,
            NOW + 120
        )
        .await
        .unwrap(),
        1
    );
    let (_, undone) = export_vcards(&d.db, &d.anna, &book, None).await.unwrap();
    assert!(undone.contains("TITLE:Director") && !undone.contains("Professor"));
    assert_eq!(list_contacts(&d.db, &d.anna, &book).await.unwrap().len(), 2);

    // A refused file creates no book and changes nothing.
    let before = list_books(&d.db, &d.anna, NOW).await.unwrap().len();
    let refused = ImportTarget::New {
        name: "Never".into(),
        color: None,
    };
    assert!(
        import_vcards(&d.db, &d.anna, &refused, b"not a card".to_vec(), NOW)
            .await
            .is_err()
    );
    assert_eq!(list_books(&d.db, &d.anna, NOW).await.unwrap().len(), before);

    // A view share cannot import.
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::AddressBook,
        &book,
        &Grantee::Member(d.chloe.account_id.clone()),
        ShareLevel::View,
    )
    .await
    .unwrap();
    assert!(forbidden(
        import_vcards(&d.db, &d.chloe, &existing, CARDS.as_bytes().to_vec(), NOW).await
    ));
}

#[tokio::test]
async fn a_csv_import_is_matched_on_a_second_import_and_a_refused_one_changes_nothing() {
    use domain::contacts::transfer::{import_csv, CsvColumns};
    use domain::import::ImportTarget;
    let d = demo_org().await;
    let book = own_book(&d, &d.anna).await;
    let target = ImportTarget::Existing(book.clone());
    let file = "Given Name,Family Name,E-mail 1 - Value,Phone 1 - Value,Organization 1 - Name\r\n\
Marie,Curie,marie@radium.example,+33 6 12 34 56 78,Institut du Radium\r\n\
Ada,Lovelace,ada@example.org,,\r\n";
    let first = import_csv(
        &d.db,
        &d.anna,
        &target,
        file.as_bytes().to_vec(),
        CsvColumns::Detect,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!((first.imported, first.unchanged), (2, 0));
    let again = import_csv(
        &d.db,
        &d.anna,
        &target,
        file.as_bytes().to_vec(),
        CsvColumns::Detect,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!((again.imported, again.unchanged), (0, 2));
    let list = list_contacts(&d.db, &d.anna, &book).await.unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].organization, "Institut du Radium");

    let unknown = b"colour,size\r\nred,9\r\n";
    assert!(import_csv(
        &d.db,
        &d.anna,
        &target,
        unknown.to_vec(),
        CsvColumns::Detect,
        NOW
    )
    .await
    .is_err());
    assert_eq!(list_contacts(&d.db, &d.anna, &book).await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_contacts_import_that_fails_after_its_first_write_imports_nothing() {
    use domain::contacts::transfer::import_vcards;
    use domain::import::ImportTarget;
    let d = demo_org().await;
    let book = own_book(&d, &d.anna).await;
    let card = |uid: &str, name: &str| {
        format!("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:{uid}\r\nFN:{name}\r\nEND:VCARD\r\n")
    };
    let existing = ImportTarget::Existing(book.clone());
    import_vcards(
        &d.db,
        &d.anna,
        &existing,
        card("keep", "Ada Before").into_bytes(),
        NOW,
    )
    .await
    .unwrap();
    // The third card's insert fails, after the book and the update were written.
    domain::testing::fail_inserts(&d.db, "contacts", "poison").await;
    let file = [
        card("keep", "Ada After"),
        card("new", "Grace"),
        card("poison", "Boom"),
    ]
    .concat();
    let books_before = domain::contacts::books::list_books(&d.db, &d.anna, NOW)
        .await
        .unwrap()
        .len();
    for target in [
        ImportTarget::New {
            name: "Broken".into(),
            color: None,
        },
        existing,
    ] {
        let err = import_vcards(&d.db, &d.anna, &target, file.clone().into_bytes(), NOW)
            .await
            .unwrap_err();
        assert_eq!(err, DomainError::Internal);
    }
    let books = domain::contacts::books::list_books(&d.db, &d.anna, NOW)
        .await
        .unwrap();
    assert_eq!(books.len(), books_before, "no book was created");
    let names: Vec<_> = list_contacts(&d.db, &d.anna, &book)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.full_name)
        .collect();
    assert_eq!(names, ["Ada Before"]);
}

#[tokio::test]
async fn the_newest_contacts_of_the_books_a_member_sees_come_first() {
    use domain::contacts::cards::recent_contacts;
    let d = demo_org().await;
    let book = own_book(&d, &d.anna).await;
    let mut ids = Vec::new();
    for (i, name) in ["Ada", "Grace", "Hedy"].iter().enumerate() {
        let input = person(&book, name, "Pioneer", "p@example.org");
        ids.push(
            create_contact(&d.db, &d.anna, &input, NOW + i as i64)
                .await
                .unwrap(),
        );
    }
    delete_contact(&d.db, &d.anna, &ids[2], NOW + 5)
        .await
        .unwrap();
    let names = |list: Vec<domain::contacts::ContactSummary>| {
        list.into_iter().map(|c| c.full_name).collect::<Vec<_>>()
    };
    let recent = recent_contacts(&d.db, &d.anna, 5, NOW).await.unwrap();
    assert_eq!(names(recent), ["Grace Pioneer", "Ada Pioneer"]);
    let one = recent_contacts(&d.db, &d.anna, 1, NOW).await.unwrap();
    assert_eq!(names(one), ["Grace Pioneer"]);
    // Ben does not see anna's book.
    assert!(recent_contacts(&d.db, &d.ben, 5, NOW)
        .await
        .unwrap()
        .is_empty());
}
