//! Sending: a message waits for its Undo seconds and can be taken back, then goes into the
//! sender's Sent folder, the Inbox of colleagues it names, and the outbox for everyone else; a
//! reply joins the conversation and marks what it answers. On a real database (SQLite, and
//! PostgreSQL when the test command sets `KSUITE_TEST_POSTGRES`).

use domain::mail::domains::add_domain;
use domain::mail::folders::list_folders;
use domain::mail::send::{send, send_due, unsend};
use domain::mail::{Composed, FolderRole, UNDO_SEND_SECS};
use domain::mailer::Mailer;
use domain::reason::Reason;
use domain::DomainError;

mod common;
use common::{demo_org, own_mailbox, Demo, NOW};

/// A relay nobody listens on: what goes to it waits in the outbox.
fn relay() -> Mailer {
    Mailer::smtp("smtp://127.0.0.1:9", "kSuite", "no-reply@suite.example").unwrap()
}

async fn counts(d: &Demo, who: &domain::org::Actor, mailbox: &str, role: FolderRole) -> (u64, u64) {
    let folders = list_folders(&d.db, who, mailbox).await.unwrap();
    let f = folders.iter().find(|f| f.role == Some(role)).unwrap();
    (f.total, f.unread)
}

async fn rows(d: &Demo, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(d.db.pool()).await.unwrap();
    n
}

#[tokio::test]
async fn a_message_waits_for_undo_then_reaches_sent_a_colleague_and_the_outbox() {
    let d = demo_org().await;
    add_domain(&d.db, &d.anna, "acme.ch", NOW).await.unwrap();
    let anna = own_mailbox(&d, &d.anna).await;
    let ben = own_mailbox(&d, &d.ben).await;
    let composed = Composed {
        to: vec!["Ben Meier <ben.meier@acme.ch>".into()],
        cc: vec!["friend@example.org".into()],
        subject: "Lunch on Friday?".into(),
        text: "By the lake?".into(),
        ..Composed::default()
    };
    let at = NOW + UNDO_SEND_SECS;
    let id = send(
        &d.db,
        &d.blobs,
        &relay(),
        &d.anna,
        &anna.id,
        &composed,
        at,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(send_due(&d.db, &d.blobs, NOW).await, Ok(0), "not yet");
    // Others cannot take it back; Anna can, and gets what she wrote.
    assert_eq!(
        unsend(&d.db, &d.chloe, &id, NOW).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(unsend(&d.db, &d.anna, &id, NOW).await, Ok(composed.clone()));
    assert_eq!(send_due(&d.db, &d.blobs, at).await, Ok(0), "taken back");
    assert_eq!(counts(&d, &d.ben, &ben.id, FolderRole::Inbox).await, (0, 0));

    let id = send(
        &d.db,
        &d.blobs,
        &relay(),
        &d.anna,
        &anna.id,
        &composed,
        at,
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(send_due(&d.db, &d.blobs, at).await, Ok(1));
    assert_eq!(
        unsend(&d.db, &d.anna, &id, at).await,
        Err(DomainError::NotFound),
        "too late once sent"
    );
    assert_eq!(
        counts(&d, &d.anna, &anna.id, FolderRole::Sent).await,
        (1, 0)
    );
    assert_eq!(counts(&d, &d.ben, &ben.id, FolderRole::Inbox).await, (1, 1));
    assert_eq!(rows(&d, "SELECT COUNT(*) FROM mail_outgoing").await, 0);
    let (to, message): (String, String) = sqlx::query_as("SELECT recipient, message FROM outbox")
        .fetch_one(d.db.pool())
        .await
        .unwrap();
    assert_eq!(
        to, "friend@example.org",
        "only the stranger goes to the relay"
    );
    assert!(message.contains("Subject: Lunch on Friday?"));

    // Ben answers his copy: Anna gets it in the same conversation, and his is marked answered.
    let page = domain::mail::list::list_messages(
        &d.db,
        &d.ben,
        &domain::mail::ListQuery {
            mailbox_id: ben.id.clone(),
            folder_id: ben.inbox.clone(),
            limit: 10,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let received = &page.rows[0];
    let reply = Composed {
        to: vec!["anna.keller@acme.ch".into()],
        subject: "Re: Lunch on Friday?".into(),
        text: "Yes".into(),
        replying_to: Some(received.id.clone()),
        ..Composed::default()
    };
    send(&d.db, &d.blobs, &relay(), &d.ben, &ben.id, &reply, at, at)
        .await
        .unwrap();
    assert_eq!(send_due(&d.db, &d.blobs, at + UNDO_SEND_SECS).await, Ok(1));
    let threads: Vec<(String,)> =
        sqlx::query_as("SELECT DISTINCT thread_id FROM mail_messages WHERE account_id = $1")
            .bind(&anna.id)
            .fetch_all(d.db.pool())
            .await
            .unwrap();
    assert_eq!(
        threads.len(),
        1,
        "the reply joins her sent message's thread"
    );
    let view = domain::mail::read::get_message(&d.db, &d.blobs, &d.ben, &received.id)
        .await
        .unwrap();
    assert!(view.answered);
}

#[tokio::test]
async fn what_cannot_go_is_refused_before_it_is_kept() {
    let d = demo_org().await;
    let anna = own_mailbox(&d, &d.anna).await;
    let to_ben = Composed {
        to: vec!["ben.meier@acme.ch".into()],
        ..Composed::default()
    };
    let at = NOW + UNDO_SEND_SECS;
    assert_eq!(
        send(
            &d.db,
            &d.blobs,
            &relay(),
            &d.anna,
            &anna.id,
            &to_ben,
            at,
            NOW
        )
        .await,
        Err(DomainError::invalid("from", Reason::MailNoAddress)),
        "no domain yet, no address to send from"
    );
    add_domain(&d.db, &d.anna, "acme.ch", NOW).await.unwrap();
    let outside = Composed {
        to: vec!["friend@example.org".into()],
        ..Composed::default()
    };
    assert_eq!(
        send(
            &d.db,
            &d.blobs,
            &Mailer::none(),
            &d.anna,
            &anna.id,
            &outside,
            at,
            NOW
        )
        .await,
        Err(DomainError::invalid(
            "recipients",
            Reason::MailNotConfigured
        )),
        "without a relay only colleagues can be written to"
    );
    send(
        &d.db,
        &d.blobs,
        &Mailer::none(),
        &d.anna,
        &anna.id,
        &to_ben,
        at,
        NOW,
    )
    .await
    .unwrap();
    // Chloe may not send from Anna's mailbox.
    assert_eq!(
        send(
            &d.db,
            &d.blobs,
            &relay(),
            &d.chloe,
            &anna.id,
            &to_ben,
            at,
            NOW
        )
        .await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        send(
            &d.db,
            &d.blobs,
            &relay(),
            &d.anna,
            &anna.id,
            &to_ben,
            NOW + 400 * 86_400,
            NOW
        )
        .await,
        Err(DomainError::invalid("send_at", Reason::MailSendTimeInvalid))
    );
    assert_eq!(rows(&d, "SELECT COUNT(*) FROM mail_outgoing").await, 1);
}
