//! The Home widget's look at a member's mail: each mailbox's unread count and the newest unread
//! messages, newest first; what is read leaves it, and nobody sees another member's.

use domain::mail::domains::add_domain;
use domain::mail::overview::{overview, LATEST};
use domain::mail::send::{send, send_due};
use domain::mail::{Composed, FlagChange, MessageSet, UNDO_SEND_SECS};
use domain::mailer::Mailer;

mod common;
use common::{demo_org, own_mailbox, NOW};

#[tokio::test]
async fn a_member_sees_her_unread_count_and_newest_unread_messages() {
    let d = demo_org().await;
    add_domain(&d.db, &d.anna, "acme.ch", NOW).await.unwrap();
    let anna = own_mailbox(&d, &d.anna).await;
    let ben = own_mailbox(&d, &d.ben).await;
    let relay = Mailer::smtp("smtp://127.0.0.1:9", "kSuite", "no-reply@suite.example").unwrap();
    let quiet = overview(&d.db, &d.anna, NOW).await.unwrap();
    assert_eq!(quiet.mailboxes.len(), 1);
    assert_eq!((quiet.mailboxes[0].unread, quiet.latest.len()), (0, 0));

    // Ben writes seven times, a minute apart: the newest five are listed, newest first.
    for n in 0..7 {
        let at = NOW + n * 60;
        let composed = Composed {
            to: vec!["anna.keller@acme.ch".into()],
            subject: format!("Note {n}"),
            text: "See you.".into(),
            ..Composed::default()
        };
        send(
            &d.db,
            &d.blobs,
            &relay,
            &d.ben,
            &ben.id,
            &composed,
            at + UNDO_SEND_SECS,
            at,
        )
        .await
        .unwrap();
        assert_eq!(send_due(&d.db, &d.blobs, at + UNDO_SEND_SECS).await, Ok(1));
    }
    let seen = overview(&d.db, &d.anna, NOW).await.unwrap();
    assert_eq!(seen.mailboxes[0].id, anna.id);
    assert_eq!(seen.mailboxes[0].address, "anna.keller@acme.ch");
    assert_eq!(seen.mailboxes[0].unread, 7);
    let subjects: Vec<&str> = seen.latest.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(subjects.len(), LATEST);
    assert_eq!(subjects, ["Note 6", "Note 5", "Note 4", "Note 3", "Note 2"]);

    // Read, "Note 6" leaves the list and the count; an older unread one comes in.
    let newest = seen.latest[0].id.clone();
    let read = FlagChange {
        seen: Some(true),
        flagged: None,
    };
    domain::mail::actions::set_flags(
        &d.db,
        &d.anna,
        &anna.id,
        &MessageSet::Ids(vec![newest]),
        read,
    )
    .await
    .unwrap();
    let after = overview(&d.db, &d.anna, NOW).await.unwrap();
    assert_eq!(after.mailboxes[0].unread, 6);
    assert_eq!(after.latest[0].subject, "Note 5");
    assert_eq!(after.latest[4].subject, "Note 1");

    // Chloé sees her own mailbox only, with nothing unread.
    let chloe = overview(&d.db, &d.chloe, NOW).await.unwrap();
    assert!(chloe.mailboxes.iter().all(|m| m.id != anna.id));
    assert!(chloe.latest.is_empty());
}
