//! The people offered while a recipient is typed: colleagues' mailboxes, the directory and the
//! member's contacts; never a member hidden from the directory, nobody to a guest, nobody of
//! another organization. On a real database (SQLite, and
//! PostgreSQL when the test command sets `KSUITE_TEST_POSTGRES`).

use domain::contacts::cards::create_contact;
use domain::contacts::{ContactInput, FieldKind, TypedValue};
use domain::mail::domains::add_domain;
use domain::mail::suggest::suggest;

mod common;
use common::{demo_org, own_book, own_mailbox, NOW};

#[tokio::test]
async fn colleagues_and_contacts_are_offered_and_no_one_else() {
    let d = demo_org().await;
    add_domain(&d.db, &d.anna, "acme.ch", NOW).await.unwrap();
    let ben = own_mailbox(&d, &d.ben).await;
    let book = own_book(&d, &d.anna).await;
    let contact = ContactInput {
        book_id: book.clone(),
        first: "Benoît".into(),
        last: "Zurbriggen".into(),
        emails: vec![TypedValue {
            kind: FieldKind::Work,
            value: "b.zurbriggen@partner.example".into(),
        }],
        ..ContactInput::default()
    };
    create_contact(&d.db, &d.anna, &contact, NOW).await.unwrap();

    let offered = |typed: &'static str| {
        let (db, anna) = (d.db.clone(), d.anna.clone());
        async move {
            suggest(&db, &anna, typed, NOW)
                .await
                .unwrap()
                .into_iter()
                .map(|p| p.address)
                .collect::<Vec<_>>()
        }
    };
    let bens_address = domain::mail::accounts::list_mailboxes(&d.db, &d.ben, NOW)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.id == ben.id)
        .unwrap()
        .address;
    let found = offered("ben").await;
    assert!(found.contains(&bens_address), "{found:?}");
    assert!(
        found.contains(&"ben@demo.example".to_owned()),
        "the directory: {found:?}"
    );
    assert_eq!(
        found.last().map(String::as_str),
        Some("b.zurbriggen@partner.example"),
        "a contact whose name starts so comes after colleagues whose address does"
    );
    assert_eq!(offered("zurb").await, ["b.zurbriggen@partner.example"]);
    assert!(offered(" ").await.is_empty());
    assert!(offered("%").await.is_empty(), "wildcards are letters");

    // A guest is offered nobody of the organization, whether or not they have Mail.
    let found = suggest(&d.db, &d.dan, "ben", NOW).await;
    assert!(found.as_ref().map_or(true, Vec::is_empty), "{found:?}");
    // A member hidden from the directory is not offered by name or by mailbox.
    domain::contacts::directory::set_listed(&d.db, &d.anna, &d.ben.account_id, false)
        .await
        .unwrap();
    assert_eq!(offered("ben").await, ["b.zurbriggen@partner.example"]);

    // In her personal space, nobody of Demo SA is offered.
    let elsewhere = common::personal_space(&d, &d.anna).await;
    // There she may have no Mail at all: refused, or nobody, either way no one of Demo SA.
    let found = suggest(&d.db, &elsewhere, "ben", NOW).await;
    assert!(found.as_ref().map_or(true, Vec::is_empty), "{found:?}");
}
