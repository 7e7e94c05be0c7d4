//! Messages stored in the embedded mail store: threads, UIDs and folder counts, on a real
//! database (SQLite, and PostgreSQL when the test command sets `KSUITE_TEST_POSTGRES`).

use domain::mail::folders::list_folders;
use domain::mail::messages::append_message;
use domain::DomainError;

mod common;
use common::{demo_org, own_mailbox, NOW};

fn message(id: &str, replies_to: &[&str], subject: &str) -> Vec<u8> {
    let refs: Vec<String> = replies_to.iter().map(|r| format!("<{r}>")).collect();
    let mut text = format!(
        "From: Anna Keller <anna@acme.ch>\r\nTo: chloe@acme.ch\r\nSubject: {subject}\r\nMessage-ID: <{id}>\r\n"
    );
    if let Some(parent) = refs.last() {
        text.push_str(&format!(
            "In-Reply-To: {parent}\r\nReferences: {}\r\n",
            refs.join(" ")
        ));
    }
    text.push_str("\r\nHello\r\n");
    text.into_bytes()
}

async fn thread_of(d: &common::Demo, id: &str) -> String {
    let (thread,): (String,) = sqlx::query_as("SELECT thread_id FROM mail_messages WHERE id = $1")
        .bind(id)
        .fetch_one(d.db.pool())
        .await
        .unwrap();
    thread
}

#[tokio::test]
async fn messages_join_merge_and_leave_threads_and_the_folder_counts_them() {
    let d = demo_org().await;
    let own = own_mailbox(&d, &d.chloe).await;
    let (blobs, mailbox, inbox) = (own.blobs.clone(), own.id.clone(), own.inbox.clone());
    let store = |raw: Vec<u8>, seen: bool| {
        let (db, blobs, actor, inbox) =
            (d.db.clone(), blobs.clone(), d.chloe.clone(), inbox.clone());
        async move { append_message(&db, &blobs, &actor, &inbox, raw, seen, NOW).await }
    };

    let a = store(message("a@x", &[], "Budget 2027"), false)
        .await
        .unwrap();
    let b = store(message("b@x", &["a@x"], "Re: Budget 2027"), true)
        .await
        .unwrap();
    let renamed = store(message("c@x", &["a@x"], "Holidays"), false)
        .await
        .unwrap();
    // Two conversations about one subject, unaware of each other...
    let x = store(message("x@x", &[], "Offsite"), false).await.unwrap();
    let y = store(message("y@x", &[], "Offsite"), false).await.unwrap();
    // ...until a reply names both.
    let z = store(message("z@x", &["x@x", "y@x"], "Re: Offsite"), false)
        .await
        .unwrap();

    assert_eq!(thread_of(&d, &a).await, thread_of(&d, &b).await);
    assert_ne!(thread_of(&d, &a).await, thread_of(&d, &renamed).await);
    let offsite = thread_of(&d, &x).await;
    assert_eq!(thread_of(&d, &y).await, offsite, "merged into the first");
    assert_eq!(thread_of(&d, &z).await, offsite);
    assert_ne!(offsite, thread_of(&d, &a).await);

    let folders = list_folders(&d.db, &d.chloe, &mailbox).await.unwrap();
    assert_eq!((folders[0].total, folders[0].unread), (6, 5));
    let uids: Vec<(i64,)> = sqlx::query_as("SELECT uid FROM mail_messages ORDER BY num")
        .fetch_all(d.db.pool())
        .await
        .unwrap();
    assert_eq!(uids, [(1,), (2,), (3,), (4,), (5,), (6,)]);

    // Another member of the organization cannot write into Chloé's mailbox.
    assert_eq!(
        append_message(
            &d.db,
            &blobs,
            &d.ben,
            &inbox,
            message("n@x", &[], "n"),
            false,
            NOW
        )
        .await,
        Err(DomainError::NotFound)
    );
}
