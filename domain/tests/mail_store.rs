//! Messages stored in the embedded mail store: threads, UIDs and folder counts, on a real
//! database (SQLite, and PostgreSQL when the test command sets `KSUITE_TEST_POSTGRES`).

use domain::mail::accounts::list_mailboxes;
use domain::mail::actions::{
    destroy_messages, empty_trash, move_messages, restore_messages, set_flags, trash_messages,
    undo_move, MAX_SELECTION,
};
use domain::mail::addresses::add_alias;
use domain::mail::deliver::{deliver, is_our_domain, recipient};
use domain::mail::domains::add_domain;
use domain::mail::folders::list_folders;
use domain::mail::folders::{create_folder, delete_folder};
use domain::mail::messages::append_message;
use domain::mail::read::{attachment, get_message, message_html, raw_message};
use domain::mail::{FlagChange, MessageSet};
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

async fn counts(d: &common::Demo, mailbox: &str) -> Vec<(String, u64, u64)> {
    list_folders(&d.db, &d.chloe, mailbox)
        .await
        .unwrap()
        .into_iter()
        .filter(|f| f.total > 0)
        .map(|f| (f.name, f.total, f.unread))
        .collect()
}

#[tokio::test]
async fn actions_keep_counts_move_back_on_undo_and_delete_only_from_the_trash() {
    let d = demo_org().await;
    let own = own_mailbox(&d, &d.chloe).await;
    let (blobs, mailbox, inbox) = (own.blobs.clone(), own.id.clone(), own.inbox.clone());
    let mut ids = Vec::new();
    for i in 0..5 {
        let raw = message(&format!("m{i}@x"), &[], &format!("Note {i}"));
        ids.push(
            append_message(&d.db, &blobs, &d.chloe, &inbox, raw, i == 0, NOW)
                .await
                .unwrap(),
        );
    }
    let set = |picked: &[usize]| MessageSet::Ids(picked.iter().map(|i| ids[*i].clone()).collect());
    let read = FlagChange {
        seen: Some(true),
        ..FlagChange::default()
    };
    assert_eq!(
        set_flags(&d.db, &d.chloe, &mailbox, &set(&[0, 1, 2]), read)
            .await
            .unwrap(),
        2
    );
    assert_eq!(counts(&d, &mailbox).await, [("Inbox".to_owned(), 5, 2)]);
    let star = FlagChange {
        flagged: Some(true),
        ..FlagChange::default()
    };
    set_flags(&d.db, &d.chloe, &mailbox, &set(&[4]), star)
        .await
        .unwrap();

    let projects = create_folder(&d.db, &d.chloe, &mailbox, "", "Projects", NOW)
        .await
        .unwrap();
    let moved = move_messages(&d.db, &d.chloe, &mailbox, &set(&[0, 3]), &projects)
        .await
        .unwrap();
    assert_eq!(
        moved.iter().map(|m| m.from.as_str()).collect::<Vec<_>>(),
        [inbox.as_str(); 2]
    );
    assert_eq!(
        counts(&d, &mailbox).await,
        [("Inbox".to_owned(), 3, 1), ("Projects".to_owned(), 2, 1)]
    );
    undo_move(&d.db, &d.chloe, &mailbox, &moved).await.unwrap();
    assert_eq!(counts(&d, &mailbox).await, [("Inbox".to_owned(), 5, 2)]);
    // A message moved back gets a new UID: mail clients see it as new in its folder.
    let (uid,): (i64,) = sqlx::query_as("SELECT uid FROM mail_messages WHERE id = $1")
        .bind(&ids[0])
        .fetch_one(d.db.pool())
        .await
        .unwrap();
    assert_eq!(uid, 6);

    // Not in the Trash: nothing is deleted for good.
    assert_eq!(
        destroy_messages(&d.db, &d.chloe, &mailbox, &set(&[1]))
            .await
            .unwrap(),
        0
    );
    trash_messages(&d.db, &d.chloe, &mailbox, &set(&[1, 2]))
        .await
        .unwrap();
    move_messages(&d.db, &d.chloe, &mailbox, &set(&[3]), &projects)
        .await
        .unwrap();
    delete_folder(&d.db, &d.chloe, &projects).await.unwrap();
    assert_eq!(
        counts(&d, &mailbox).await,
        [("Inbox".to_owned(), 2, 1), ("Trash".to_owned(), 3, 1)]
    );
    // Restored: to the Inbox it left, and from a deleted folder to the Inbox too.
    let back = restore_messages(&d.db, &d.chloe, &mailbox, &set(&[1, 3]))
        .await
        .unwrap();
    assert_eq!(back.len(), 2);
    assert_eq!(
        counts(&d, &mailbox).await,
        [("Inbox".to_owned(), 4, 2), ("Trash".to_owned(), 1, 0)]
    );
    assert_eq!(
        destroy_messages(&d.db, &d.chloe, &mailbox, &set(&[2]))
            .await
            .unwrap(),
        1
    );
    trash_messages(
        &d.db,
        &d.chloe,
        &mailbox,
        &MessageSet::Folder(inbox.clone()),
    )
    .await
    .unwrap();
    assert_eq!(empty_trash(&d.db, &d.chloe, &mailbox).await.unwrap(), 4);
    assert!(counts(&d, &mailbox).await.is_empty());
    let left: Vec<(i64,)> = sqlx::query_as("SELECT COUNT(*) FROM mail_messages")
        .fetch_all(d.db.pool())
        .await
        .unwrap();
    assert_eq!(left, [(0,)]);

    // Someone else's mailbox, or ids of another mailbox, change nothing.
    let theirs = own_mailbox(&d, &d.ben).await;
    let raw = message("b@x", &[], "Ben's");
    let bens = append_message(&d.db, &theirs.blobs, &d.ben, &theirs.inbox, raw, false, NOW)
        .await
        .unwrap();
    let foreign = MessageSet::Ids(vec![bens]);
    assert_eq!(
        set_flags(&d.db, &d.chloe, &theirs.id, &foreign, read).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        set_flags(&d.db, &d.chloe, &mailbox, &foreign, read)
            .await
            .unwrap(),
        0
    );
    let too_many = MessageSet::Ids(vec!["x".into(); MAX_SELECTION + 1]);
    assert!(matches!(
        set_flags(&d.db, &d.chloe, &mailbox, &too_many, read).await,
        Err(DomainError::LimitExceeded { .. })
    ));
}

#[tokio::test]
async fn delivery_finds_members_by_address_and_stores_once_per_mailbox() {
    let d = demo_org().await;
    add_domain(&d.db, &d.anna, "acme.ch", NOW).await.unwrap();
    let own = own_mailbox(&d, &d.chloe).await;
    let ben = own_mailbox(&d, &d.ben).await;
    let bens_box = list_mailboxes(&d.db, &d.ben, NOW).await.unwrap();
    add_alias(&d.db, &d.anna, &bens_box[0].id, "sales@acme.ch", NOW)
        .await
        .unwrap();

    assert!(is_our_domain(&d.db, "Someone@ACME.ch").await.unwrap());
    assert!(!is_our_domain(&d.db, "someone@example.org").await.unwrap());
    assert_eq!(recipient(&d.db, "nobody@acme.ch").await.unwrap(), None);
    let mut to = Vec::new();
    for address in ["Chloe.Dubois@acme.ch", "ben.meier@acme.ch", "sales@acme.ch"] {
        to.push(recipient(&d.db, address).await.unwrap().unwrap());
    }
    assert_eq!(to[1], to[2], "an alias reaches its mailbox");
    let stored = deliver(
        &d.db,
        &own.blobs,
        &to,
        message("d@x", &[], "Hello both"),
        NOW,
    )
    .await
    .unwrap();
    assert_eq!(stored.len(), 2, "once per mailbox");
    for (member, mailbox) in [(&d.chloe, &own.id), (&d.ben, &ben.id)] {
        let inbox = &list_folders(&d.db, member, mailbox).await.unwrap()[0];
        assert_eq!((inbox.total, inbox.unread), (1, 1));
    }
    let (blobs,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM blobs")
        .fetch_one(d.db.pool())
        .await
        .unwrap();
    assert_eq!(blobs, 1, "the bytes are kept once");
}

#[tokio::test]
async fn the_suites_letters_are_relayed_never_stored_where_an_organization_claims_the_address() {
    let d = demo_org().await;
    // Nothing proves Demo SA owns this domain: a reset link for someone's gmail.com address
    // must go where the internet's DNS says, never into a mailbox here.
    add_domain(&d.db, &d.anna, "gmail.example", NOW)
        .await
        .unwrap();
    let own = own_mailbox(&d, &d.chloe).await;
    add_alias(&d.db, &d.anna, &own.id, "victim@gmail.example", NOW)
        .await
        .unwrap();
    // Nothing listens there: the relay is tried and the letter waits.
    let mailer =
        domain::mailer::Mailer::smtp("smtp://127.0.0.1:9", "kSuite", "no-reply@suite.example")
            .unwrap();
    let letter = domain::mailer::Letter {
        to_name: "Victim".into(),
        to: "victim@gmail.example".into(),
        subject: "Reset your password".into(),
        text: "https://suite.example/reset?token=secret".into(),
        html: String::new(),
    };
    let mut conn = d.db.pool().acquire().await.unwrap();
    domain::mailer::enqueue(&mut conn, &mailer, &letter, NOW)
        .await
        .unwrap();
    drop(conn);
    assert_eq!(
        domain::mailer::deliver_due(&d.db, &d.blobs, &mailer, NOW).await,
        Ok(0)
    );
    let inbox = &list_folders(&d.db, &d.chloe, &own.id).await.unwrap()[0];
    assert_eq!((inbox.total, inbox.unread), (0, 0));
    let (attempts, sent): (i64, i64) = sqlx::query_as("SELECT attempts, sent_at FROM outbox")
        .fetch_one(d.db.pool())
        .await
        .unwrap();
    assert_eq!(
        (attempts, sent),
        (1, 0),
        "relayed, and waiting for the relay"
    );
}

const NEWSLETTER: &str = "From: Shop <news@shop.example>\r\nTo: chloe@acme.ch\r\nSubject: Offers\r\nMessage-ID: <n1@shop.example>\r\nContent-Type: multipart/mixed; boundary=out\r\n\r\n--out\r\nContent-Type: multipart/related; boundary=rel\r\n\r\n--rel\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p onclick=x()>Caf\u{e9} <img src=\"cid:logo@shop\"><img src=\"https://t.example/p.gif\"><script>alert(1)</script></p>\r\n--rel\r\nContent-Type: image/png\r\nContent-ID: <logo@shop>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--rel--\r\n--out\r\nContent-Type: application/pdf; name=prices.pdf\r\nContent-Disposition: attachment\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--out--\r\n";

#[tokio::test]
async fn reading_shows_people_text_safe_html_and_files_to_the_mailboxs_audience_only() {
    let d = demo_org().await;
    let own = own_mailbox(&d, &d.chloe).await;
    let id = append_message(
        &d.db,
        &own.blobs,
        &d.chloe,
        &own.inbox,
        NEWSLETTER.as_bytes().to_vec(),
        false,
        NOW,
    )
    .await
    .unwrap();
    let view = get_message(&d.db, &own.blobs, &d.chloe, &id).await.unwrap();
    assert_eq!(
        (view.from.name.as_str(), view.subject.as_str()),
        ("Shop", "Offers")
    );
    assert!(view.unread && view.has_html);
    assert!(view.text.contains("Café"), "{:?}", view.text);
    let files: Vec<_> = view
        .attachments
        .iter()
        .map(|a| (a.name.as_str(), a.inline))
        .collect();
    assert_eq!(files, [("", true), ("prices.pdf", false)]);

    let html = message_html(&d.db, &own.blobs, &d.chloe, &id, false, |part| {
        format!("/parts/{part}")
    })
    .await
    .unwrap()
    .unwrap();
    assert_eq!(html.blocked_images, 1);
    let inline = view.attachments[0].part;
    assert!(
        html.html.contains(&format!("src=\"/parts/{inline}\"")),
        "{}",
        html.html
    );
    assert!(!html.html.contains("script") && !html.html.contains("onclick"));

    let pdf = view.attachments[1].part;
    let (info, bytes) = attachment(&d.db, &own.blobs, &d.chloe, &id, pdf)
        .await
        .unwrap();
    assert_eq!(
        (info.content_type.as_str(), bytes.as_slice()),
        ("application/pdf", &b"%PDF-1.4\n"[..])
    );
    assert_eq!(
        attachment(&d.db, &own.blobs, &d.chloe, &id, 999)
            .await
            .err(),
        Some(DomainError::NotFound)
    );
    let raw = raw_message(&d.db, &own.blobs, &d.chloe, &id).await.unwrap();
    assert_eq!(raw, NEWSLETTER.as_bytes());

    // Reading marks nothing as read.
    assert!(
        get_message(&d.db, &own.blobs, &d.chloe, &id)
            .await
            .unwrap()
            .unread
    );
    // Ben, an administrator, is not given Chloé's mailbox.
    for denied in [
        get_message(&d.db, &own.blobs, &d.ben, &id).await.map(drop),
        raw_message(&d.db, &own.blobs, &d.ben, &id).await.map(drop),
        attachment(&d.db, &own.blobs, &d.ben, &id, pdf)
            .await
            .map(drop),
    ] {
        assert_eq!(denied, Err(DomainError::NotFound));
    }
}
