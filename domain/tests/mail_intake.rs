//! The SMTP listener's way into the store: messages arriving at once are committed together,
//! and one that cannot be stored leaves the others of its commit standing. On a real database
//! (SQLite, and PostgreSQL when the test command sets `KSUITE_TEST_POSTGRES`).

use domain::mail::deliver::Recipient;
use domain::mail::folders::list_folders;
use domain::mail::intake::Intake;
use domain::mail::FolderRole;
use domain::DomainError;

mod common;
use common::{demo_org, own_mailbox, NOW};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn messages_committed_together_each_stand_or_fail_alone() {
    const AT_ONCE: usize = 40;
    let d = demo_org().await;
    let anna = own_mailbox(&d, &d.anna).await;
    let intake = Intake::new(d.db.clone(), anna.blobs.clone());
    let to_anna = Recipient {
        org_id: d.anna.org_id.clone(),
        mailbox_id: anna.id.clone(),
    };
    let nowhere = Recipient {
        org_id: d.anna.org_id.clone(),
        mailbox_id: "a-mailbox-deleted-meanwhile".into(),
    };
    let arrivals: Vec<_> = (0..AT_ONCE)
        .map(|i| {
            let intake = intake.clone();
            let to = if i == AT_ONCE / 2 {
                nowhere.clone()
            } else {
                to_anna.clone()
            };
            tokio::spawn(async move {
                let raw = format!(
                    "From: x@example.org\r\nSubject: Arrival {i}\r\nMessage-ID: <a{i}@example.org>\r\n\r\nHello\r\n"
                );
                intake.deliver(&[to], raw.into_bytes(), NOW).await
            })
        })
        .collect();
    let mut stored = 0;
    for (i, arrival) in arrivals.into_iter().enumerate() {
        match arrival.await.unwrap() {
            Ok(ids) => {
                assert_eq!(ids.len(), 1);
                stored += 1;
            }
            Err(err) => {
                assert_eq!((i, err), (AT_ONCE / 2, DomainError::NotFound));
            }
        }
    }
    assert_eq!(stored, AT_ONCE - 1);
    let folders = list_folders(&d.db, &d.anna, &anna.id).await.unwrap();
    let inbox = folders
        .iter()
        .find(|f| f.role == Some(FolderRole::Inbox))
        .unwrap();
    assert_eq!(
        (inbox.total, inbox.unread),
        (AT_ONCE as u64 - 1, AT_ONCE as u64 - 1)
    );
}
