//! Drafts: a message being written is saved into the Drafts folder and replaced at each save,
//! the form as typed beside it (half-typed recipients, its files); it is taken up again, sent
//! (which removes it) or discarded, and nobody else's save or discard touches it.

use domain::mail::domains::add_domain;
use domain::mail::drafts::{discard, open, save};
use domain::mail::folders::list_folders;
use domain::mail::send::{send, send_due};
use domain::mail::uploads::{keep, purge, receive};
use domain::mail::{Composed, FolderRole, UNDO_SEND_SECS};
use domain::mailer::Mailer;
use domain::org::Actor;
use domain::DomainError;

mod common;
use common::{demo_org, own_mailbox, Demo, NOW};

async fn drafts(d: &Demo, who: &Actor, mailbox: &str) -> u64 {
    let folders = list_folders(&d.db, who, mailbox).await.unwrap();
    folders
        .iter()
        .find(|f| f.role == Some(FolderRole::Drafts))
        .unwrap()
        .total
}

/// The id of the one message in the mailbox's Drafts folder.
async fn draft_message(d: &Demo, mailbox: &str) -> String {
    let (id,): (String,) = sqlx::query_as(
        "SELECT m.id FROM mail_messages m JOIN mail_folders f ON f.id = m.folder_id
         WHERE m.account_id = $1 AND f.role = 'drafts'",
    )
    .bind(mailbox)
    .fetch_one(d.db.pool())
    .await
    .unwrap();
    id
}

#[tokio::test]
async fn a_draft_is_saved_replaced_taken_up_sent_or_discarded() {
    let d = demo_org().await;
    add_domain(&d.db, &d.anna, "acme.ch", NOW).await.unwrap();
    let anna = own_mailbox(&d, &d.anna).await;
    let ben = own_mailbox(&d, &d.ben).await;
    let mut file = receive(&d.db, &d.blobs, &d.anna, Some(9)).await.unwrap();
    file.write(b"%PDF plan").await.unwrap();
    let plan = keep(&d.db, &d.anna, file, "plan.pdf", "application/pdf", NOW)
        .await
        .unwrap();

    let mut composed = Composed {
        to: vec!["ben.meier@acme.ch".into(), "chlo".into()],
        subject: "The plan".into(),
        text: "First lines".into(),
        attachments: vec![plan.clone()],
        ..Composed::default()
    };
    let id = save(&d.db, &d.blobs, &d.anna, &anna.id, &composed, NOW)
        .await
        .unwrap();
    assert_eq!(drafts(&d, &d.anna, &anna.id).await, 1);
    let first = draft_message(&d, &anna.id).await;
    let view = domain::mail::read::get_message(&d.db, &d.blobs, &d.anna, &first)
        .await
        .unwrap();
    assert_eq!(view.subject, "The plan");
    assert_eq!(
        view.attachments.len(),
        1,
        "the draft's message holds its file"
    );
    assert_eq!(
        view.to.len(),
        1,
        "only what is an address yet is in its headers"
    );
    composed.draft = Some(id.clone());
    assert_eq!(
        open(&d.db, &d.blobs, &d.anna, &first).await,
        Ok(composed.clone()),
        "the form comes back as typed"
    );

    // Saved again, the draft keeps its id and its one message is replaced.
    composed.text = "First lines, and more".into();
    assert_eq!(
        save(&d.db, &d.blobs, &d.anna, &anna.id, &composed, NOW + 5).await,
        Ok(id.clone())
    );
    assert_eq!(drafts(&d, &d.anna, &anna.id).await, 1);
    let second = draft_message(&d, &anna.id).await;
    assert_ne!(second, first);
    assert_eq!(
        open(&d.db, &d.blobs, &d.anna, &second).await.unwrap().text,
        "First lines, and more"
    );

    // Ben can neither read, save over nor discard Anna's draft.
    assert_eq!(
        open(&d.db, &d.blobs, &d.ben, &second).await,
        Err(DomainError::NotFound)
    );
    assert!(save(&d.db, &d.blobs, &d.ben, &anna.id, &composed, NOW)
        .await
        .is_err());
    let mut his = composed.clone();
    his.attachments.clear();
    assert_eq!(
        save(&d.db, &d.blobs, &d.ben, &ben.id, &his, NOW).await,
        Err(DomainError::NotFound),
        "naming her draft in his mailbox"
    );
    assert_eq!(
        discard(&d.db, &d.ben, &id, NOW).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(draft_message(&d, &anna.id).await, second);

    // Kept beyond the day a file waits: the draft holds it.
    purge(&d.db, NOW + 2 * 86_400).await.unwrap();

    // Sent, the draft is gone and the file goes with the message.
    let relay = Mailer::smtp("smtp://127.0.0.1:9", "kSuite", "no-reply@suite.example").unwrap();
    composed.to = vec!["ben.meier@acme.ch".into()];
    let at = NOW + 2 * 86_400;
    send(
        &d.db,
        &d.blobs,
        &relay,
        &d.anna,
        &anna.id,
        &composed,
        at + UNDO_SEND_SECS,
        at,
    )
    .await
    .unwrap();
    assert_eq!(drafts(&d, &d.anna, &anna.id).await, 0);
    assert_eq!(
        save(&d.db, &d.blobs, &d.anna, &anna.id, &composed, at).await,
        Err(DomainError::NotFound),
        "a save arriving after Send does not bring the draft back"
    );
    assert_eq!(send_due(&d.db, &d.blobs, at + UNDO_SEND_SECS).await, Ok(1));
    let (received,): (i64,) = sqlx::query_as(
        "SELECT has_attachment FROM mail_messages WHERE account_id = $1 AND subject = 'The plan'",
    )
    .bind(&ben.id)
    .fetch_one(d.db.pool())
    .await
    .unwrap();
    assert_eq!(received, 1);

    // A new draft, discarded: nothing stays.
    composed.draft = None;
    composed.attachments.clear();
    let other = save(&d.db, &d.blobs, &d.anna, &anna.id, &composed, at)
        .await
        .unwrap();
    assert_eq!(drafts(&d, &d.anna, &anna.id).await, 1);
    assert_eq!(discard(&d.db, &d.anna, &other, at).await, Ok(()));
    assert_eq!(drafts(&d, &d.anna, &anna.id).await, 0);
    assert_eq!(
        discard(&d.db, &d.anna, &other, at).await,
        Err(DomainError::NotFound)
    );
}
