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

/// The newest messages of `mailbox`'s Inbox.
async fn inbox(
    d: &Demo,
    who: &domain::org::Actor,
    mailbox: &common::Mailbox,
) -> domain::mail::ListPage {
    let query = domain::mail::ListQuery {
        mailbox_id: mailbox.id.clone(),
        folder_id: mailbox.inbox.clone(),
        limit: 10,
        ..Default::default()
    };
    domain::mail::list::list_messages(&d.db, who, &query)
        .await
        .unwrap()
}

/// The bytes the blob store keeps under `hash`.
async fn stored(d: &Demo, hash: &str) -> Vec<u8> {
    let hash = domain::blobs::BlobHash::parse(hash).expect("a blob's hash");
    d.blobs.read(&hash).await.unwrap()
}

async fn used(d: &Demo) -> u64 {
    domain::blobs::storage_of(&d.db, &d.anna)
        .await
        .unwrap()
        .used
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
    let (to, hash): (String, String) = sqlx::query_as("SELECT recipient, blob_hash FROM outbox")
        .fetch_one(d.db.pool())
        .await
        .unwrap();
    assert_eq!(
        to, "friend@example.org",
        "only the stranger goes to the relay"
    );
    let relayed = stored(&d, &hash).await;
    assert!(String::from_utf8_lossy(&relayed).contains("Subject: Lunch on Friday?"));

    // Ben answers his copy: Anna gets it in the same conversation, and his is marked answered.
    let page = inbox(&d, &d.ben, &ben).await;
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

/// Files attached while writing go with the message, under the names and types kept when they
/// were picked; another member's file is refused as if it did not exist; Undo gives them back;
/// a day after, the files no message holds are forgotten.
#[tokio::test]
async fn files_attached_while_writing_go_with_the_message() {
    use domain::mail::uploads::{keep, purge, receive};
    let d = demo_org().await;
    add_domain(&d.db, &d.anna, "acme.ch", NOW).await.unwrap();
    let anna = own_mailbox(&d, &d.anna).await;
    let ben = own_mailbox(&d, &d.ben).await;
    let attach = |who: domain::org::Actor, name: &'static str, bytes: &'static [u8]| {
        let (db, blobs) = (d.db.clone(), d.blobs.clone());
        async move {
            let mut file = receive(&db, &blobs, &who, Some(bytes.len() as u64))
                .await
                .unwrap();
            file.write(bytes).await.unwrap();
            keep(&db, &who, file, name, "Application/PDF; x=y", NOW)
                .await
                .unwrap()
        }
    };
    let plan = attach(d.anna.clone(), "C:\\docs\\Plan d'été.pdf", b"%PDF-1.4 plan").await;
    assert_eq!(
        (plan.name.as_str(), plan.media_type.as_str(), plan.size),
        ("Plan d'été.pdf", "application/pdf", 13)
    );
    let bens = attach(d.ben.clone(), "ben.pdf", b"%PDF ben").await;
    let composed = Composed {
        to: vec!["ben.meier@acme.ch".into()],
        subject: "The plan".into(),
        text: "Attached.".into(),
        attachments: vec![plan.clone()],
        ..Composed::default()
    };
    let at = NOW + UNDO_SEND_SECS;
    let sent = |composed: Composed| {
        let (db, blobs, who, mailbox) = (
            d.db.clone(),
            d.blobs.clone(),
            d.anna.clone(),
            anna.id.clone(),
        );
        async move { send(&db, &blobs, &relay(), &who, &mailbox, &composed, at, NOW).await }
    };
    let mut stolen = composed.clone();
    stolen.attachments.push(bens);
    assert_eq!(
        sent(stolen).await,
        Err(DomainError::invalid(
            "attachments",
            Reason::MailAttachmentGone
        ))
    );
    // The same file named 21 times goes once, and is not over the 20 files a message takes.
    let mut twice = composed.clone();
    twice.attachments = vec![plan.clone(); 21];
    let id = sent(twice).await.unwrap();
    assert!(unsend(&d.db, &d.anna, &id, NOW).await.is_ok());
    // The form's name is not the one sent: the kept one is.
    let mut renamed = composed.clone();
    renamed.attachments[0].name = "invoice.exe".into();
    let id = sent(renamed.clone()).await.unwrap();
    assert_eq!(unsend(&d.db, &d.anna, &id, NOW).await, Ok(renamed.clone()));
    sent(renamed).await.unwrap();
    assert_eq!(send_due(&d.db, &d.blobs, at).await, Ok(1));

    let page = inbox(&d, &d.ben, &ben).await;
    assert!(page.rows[0].has_attachment);
    let view = domain::mail::read::get_message(&d.db, &d.blobs, &d.ben, &page.rows[0].id)
        .await
        .unwrap();
    assert_eq!(view.attachments.len(), 1);
    let file = &view.attachments[0];
    assert_eq!(
        (file.name.as_str(), file.content_type.as_str()),
        ("Plan d'été.pdf", "application/pdf")
    );
    let (_, bytes) =
        domain::mail::read::attachment(&d.db, &d.blobs, &d.ben, &page.rows[0].id, file.part)
            .await
            .unwrap();
    assert_eq!(bytes, b"%PDF-1.4 plan");

    // Anna's went with her message; Ben's, never sent, is kept a day, then forgotten.
    assert_eq!(
        rows(
            &d,
            "SELECT COUNT(*) FROM mail_uploads WHERE name = 'Plan d''été.pdf'"
        )
        .await,
        0
    );
    assert_eq!(purge(&d.db, NOW + 3600).await, Ok(0));
    assert_eq!(purge(&d.db, NOW + 2 * 86_400).await, Ok(1));
}

/// Anna writes to two people on other servers with a file. Her Sent copy's bytes are stored once:
/// the outbox names them for both, and the quota counts them once, as it counts the file once
/// while the message waits. The SMTP server the test command started then receives the file
/// whole, byte for byte, for each.
#[tokio::test]
async fn a_message_to_strangers_is_stored_once_and_arrives_whole() {
    use domain::mail::uploads::{keep, receive};
    let smtp = std::env::var("KSUITE_TEST_SMTP").ok();
    let mailer = match &smtp {
        Some(url) => Mailer::smtp(url, "kSuite", "no-reply@suite.example").unwrap(),
        None => relay(),
    };
    let d = demo_org().await;
    add_domain(&d.db, &d.anna, "acme.ch", NOW).await.unwrap();
    let anna = own_mailbox(&d, &d.anna).await;
    // Every byte value, so an encoding that loses any shows.
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i % 256) as u8).collect();
    let mut file = receive(&d.db, &d.blobs, &d.anna, Some(bytes.len() as u64))
        .await
        .unwrap();
    file.write(&bytes).await.unwrap();
    let file = keep(
        &d.db,
        &d.anna,
        file,
        "data.bin",
        "application/octet-stream",
        NOW,
    )
    .await
    .unwrap();
    let before = used(&d).await;
    let subject = format!("Figures {}", domain::ids::new_id());
    let composed = Composed {
        to: vec!["eve@example.org".into(), "finn@example.net".into()],
        subject: subject.clone(),
        text: "The figures, attached.".into(),
        attachments: vec![file.clone()],
        ..Composed::default()
    };
    let at = NOW + UNDO_SEND_SECS;
    send(
        &d.db, &d.blobs, &mailer, &d.anna, &anna.id, &composed, at, NOW,
    )
    .await
    .unwrap();
    let (message,): (i64,) = sqlx::query_as("SELECT size FROM mail_outgoing")
        .fetch_one(d.db.pool())
        .await
        .unwrap();
    let message = message as u64;
    assert_eq!(
        used(&d).await,
        before - file.size + message,
        "while it waits, the file counts once: in the message"
    );

    assert_eq!(send_due(&d.db, &d.blobs, at).await, Ok(1));
    let outbox: Vec<(String, String, String)> =
        sqlx::query_as("SELECT recipient, message, blob_hash FROM outbox ORDER BY recipient")
            .fetch_all(d.db.pool())
            .await
            .unwrap();
    let (sent,): (String,) =
        sqlx::query_as("SELECT blob_hash FROM mail_messages WHERE account_id = $1")
            .bind(&anna.id)
            .fetch_one(d.db.pool())
            .await
            .unwrap();
    assert_eq!(
        outbox,
        [
            ("eve@example.org".to_owned(), String::new(), sent.clone()),
            ("finn@example.net".to_owned(), String::new(), sent.clone()),
        ],
        "both recipients' rows name the bytes of the Sent copy"
    );
    assert_eq!(
        used(&d).await,
        before - file.size + message,
        "the Sent copy counts once, the outbox not again"
    );

    let Some(maildir) = std::env::var_os("KSUITE_TEST_MAILDIR").filter(|_| smtp.is_some()) else {
        eprintln!(
            "KSUITE_TEST_SMTP is not set (cargo xtask test starts an SMTP server): not delivered"
        );
        return;
    };
    let delivered = domain::mailer::deliver_due(&d.db, &d.blobs, &mailer, at).await;
    let errors: Vec<(String,)> = sqlx::query_as("SELECT last_error FROM outbox")
        .fetch_all(d.db.pool())
        .await
        .unwrap();
    assert_eq!(delivered, Ok(2), "{errors:?}");
    assert_eq!(
        rows(
            &d,
            "SELECT COUNT(*) FROM outbox WHERE blob_hash <> '' OR sent_at = 0"
        )
        .await,
        0,
        "sent, the rows no longer keep the bytes"
    );
    let maildir = std::path::PathBuf::from(maildir).join("new");
    for to in ["eve@example.org", "finn@example.net"] {
        let found = std::fs::read_dir(&maildir)
            .unwrap()
            .filter_map(|entry| std::fs::read(entry.ok()?.path()).ok())
            .find(|raw| {
                let text = String::from_utf8_lossy(raw);
                text.contains(&subject) && text.contains(&format!("X-RcptTo: {to}"))
            })
            .unwrap_or_else(|| panic!("no message to {to} in {maildir:?}"));
        let parsed = mail_parser::MessageParser::default()
            .parse(&found)
            .expect("a message");
        let attached = parsed.attachment(0).expect("the file");
        assert_eq!(
            attached.contents(),
            bytes.as_slice(),
            "the file reaches {to} whole"
        );
    }
}

/// A member may have `MAX_WAITING` files attached to messages not sent; the next is refused
/// before its bytes, naming the limit. Another member is not held back by hers; a file that a
/// draft holds no longer counts, and one its holder no longer exists for counts again.
#[tokio::test]
async fn files_attached_to_unsent_messages_are_limited_per_member() {
    use domain::mail::uploads::{receive, MAX_WAITING};
    let d = demo_org().await;
    let anna = own_mailbox(&d, &d.anna).await;
    for i in 0..MAX_WAITING {
        sqlx::query(
            "INSERT INTO mail_uploads (id, org_id, author_id, blob_hash, name, media_type, size, created_at)
             VALUES ($1, $2, $3, $4, 'a.txt', 'text/plain', 1, $5)",
        )
        .bind(format!("waiting-{i}"))
        .bind(&d.anna.org_id)
        .bind(&d.anna.account_id)
        .bind("0".repeat(64))
        .bind(NOW)
        .execute(d.db.pool())
        .await
        .unwrap();
    }
    let refused = receive(&d.db, &d.blobs, &d.anna, Some(10)).await.err();
    assert_eq!(
        refused,
        Some(DomainError::limit(
            domain::LimitKind::WaitingFiles,
            MAX_WAITING
        ))
    );
    assert!(receive(&d.db, &d.blobs, &d.ben, Some(10)).await.is_ok());
    // Held by a message that went (its row is gone): still hers to count.
    sqlx::query("UPDATE mail_uploads SET outgoing_id = 'a-draft' WHERE id = 'waiting-0'")
        .execute(d.db.pool())
        .await
        .unwrap();
    assert!(receive(&d.db, &d.blobs, &d.anna, Some(10)).await.is_err());
    sqlx::query(
        "INSERT INTO mail_drafts (id, org_id, account_id, author_id, message_id, composed, updated_at)
         VALUES ('a-draft', $1, $2, $3, '', '{}', $4)",
    )
    .bind(&d.anna.org_id)
    .bind(&anna.id)
    .bind(&d.anna.account_id)
    .bind(NOW)
    .execute(d.db.pool())
    .await
    .unwrap();
    assert!(receive(&d.db, &d.blobs, &d.anna, Some(10)).await.is_ok());
}
