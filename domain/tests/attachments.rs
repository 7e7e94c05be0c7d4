//! Files attached to events, against a real database and a real directory: stored once per
//! content, counted against the organization's quota, seen only by who sees the event, kept in
//! the trash until the purge, then removed by the collector.

use domain::blobs::{self, Blobs, GRACE_SECS};
use domain::calendar::attachments::{self, Upload, MAX_BYTES};
use domain::calendar::events::{create_event, delete_event};
use domain::calendar::transfer::export_ics;
use domain::calendar::trash::{restore_event, RETENTION_SECS};
use domain::calendar::{Grantee, Scope, ShareLevel};
use domain::collections::{self, CollectionKind};
use domain::org::Actor;
use domain::views::AttachmentView;
use domain::{DomainError, LimitKind};

mod common;
use common::{demo_org, lunch, own_calendar, Demo, NOW};

/// The demo organization, a store in a directory of its own, and an event in Anna's calendar.
struct Setup {
    d: Demo,
    root: tempfile::TempDir,
    blobs: Blobs,
    cal: String,
    event: String,
}

async fn setup() -> Setup {
    let d = demo_org().await;
    let root = tempfile::tempdir().unwrap();
    let blobs = Blobs::in_dir(root.path().to_owned());
    let cal = own_calendar(&d, &d.anna).await;
    let event = create_event(&d.db, &d.anna, &lunch(&cal), NOW)
        .await
        .unwrap();
    Setup {
        d,
        root,
        blobs,
        cal,
        event,
    }
}

/// Sends `bytes` in parts, as a request body arrives, and attaches them.
async fn attach(
    d: &Demo,
    blobs: &Blobs,
    actor: &Actor,
    event: &str,
    name: &str,
    bytes: &[u8],
) -> Result<AttachmentView, DomainError> {
    let declared = Some(bytes.len() as u64);
    let mut upload = Upload::start(&d.db, blobs, actor, event, declared).await?;
    for part in bytes.chunks(7000) {
        upload.file().write(part).await?;
    }
    upload.finish(name, "application/pdf", NOW).await
}

async fn used(d: &Demo, actor: &Actor) -> u64 {
    blobs::storage_of(&d.db, actor).await.unwrap().used
}

/// Files under the store's root, but for the temporary directory.
fn stored_files(root: &std::path::Path) -> usize {
    let mut n = 0;
    let mut dirs = vec![root.to_owned()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                if path.file_name().unwrap() != "tmp" {
                    dirs.push(path);
                }
            } else {
                n += 1;
            }
        }
    }
    n
}

#[tokio::test]
async fn an_attached_file_is_stored_once_counted_and_seen_by_who_sees_the_event() {
    let Setup {
        d,
        root,
        blobs,
        cal,
        event,
    } = setup().await;
    let plan: Vec<u8> = (0..50_000u32).map(|i| (i % 251) as u8).collect();

    let first = attach(&d, &blobs, &d.anna, &event, "../Plan été.pdf", &plan)
        .await
        .unwrap();
    assert_eq!(first.name, "Plan été.pdf");
    assert_eq!(first.size, 50_000);
    let again = attach(&d, &blobs, &d.anna, &event, "copy.pdf", &plan)
        .await
        .unwrap();
    assert_eq!(
        stored_files(root.path()),
        1,
        "the same bytes are stored once"
    );
    assert_eq!(used(&d, &d.anna).await, 100_000, "each attachment counts");

    let (shown, path) = attachments::open(&d.db, &blobs, &d.anna, &first.id)
        .await
        .unwrap();
    assert_eq!(shown, first);
    assert_eq!(std::fs::read(path).unwrap(), plan);
    let mut listed = attachments::list(&d.db, &d.anna, &event).await.unwrap();
    listed.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(listed, vec![first.clone(), again.clone()]);

    // Ben does not see Anna's calendar until she shares it; then he reads, but cannot change.
    assert_eq!(
        attachments::open(&d.db, &blobs, &d.ben, &first.id)
            .await
            .unwrap_err(),
        DomainError::NotFound
    );
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::Calendar,
        &cal,
        &Grantee::Member(d.ben.account_id.clone()),
        ShareLevel::View,
    )
    .await
    .unwrap();
    assert!(attachments::open(&d.db, &blobs, &d.ben, &first.id)
        .await
        .is_ok());
    assert!(matches!(
        attach(&d, &blobs, &d.ben, &event, "ben.pdf", b"x").await,
        Err(DomainError::Forbidden(_))
    ));
    assert!(matches!(
        attachments::remove(&d.db, &d.ben, &first.id).await,
        Err(DomainError::Forbidden(_))
    ));

    // Anna in her personal space acts in another organization: nothing there is hers to see.
    let elsewhere = common::personal_space(&d, &d.anna).await;
    for result in [
        attachments::open(&d.db, &blobs, &elsewhere, &first.id)
            .await
            .map(|_| ()),
        attachments::list(&d.db, &elsewhere, &event)
            .await
            .map(|_| ()),
        attachments::remove(&d.db, &elsewhere, &first.id).await,
    ] {
        assert_eq!(result.unwrap_err(), DomainError::NotFound);
    }

    attachments::remove(&d.db, &d.anna, &again.id)
        .await
        .unwrap();
    assert_eq!(used(&d, &d.anna).await, 50_000);
}

#[tokio::test]
async fn the_quota_and_the_size_limit_refuse_a_file_and_keep_nothing_of_it() {
    let Setup {
        d,
        root,
        blobs,
        event,
        ..
    } = setup().await;
    blobs::set_quota(&d.db, &d.anna.org_id, 1).await.unwrap();

    let big = vec![7u8; 700_000];
    attach(&d, &blobs, &d.anna, &event, "a.pdf", &big)
        .await
        .unwrap();
    let over = attach(&d, &blobs, &d.anna, &event, "b.pdf", &vec![8u8; 700_000]).await;
    assert_eq!(
        over.unwrap_err(),
        DomainError::LimitExceeded {
            kind: LimitKind::StorageMegabytes,
            max: 1
        }
    );
    assert_eq!(used(&d, &d.anna).await, 700_000);

    // Checked again when attaching, whatever the request declared.
    let mut staged = attachments::receive(&blobs).await.unwrap();
    staged.write(&vec![9u8; 400_000]).await.unwrap();
    let stored = staged.store(&d.db, NOW).await.unwrap();
    let late = attachments::attach(&d.db, &d.anna, &event, "c.pdf", "", stored, NOW).await;
    assert!(matches!(
        late,
        Err(DomainError::LimitExceeded {
            kind: LimitKind::StorageMegabytes,
            ..
        })
    ));

    blobs::set_quota(&d.db, &d.anna.org_id, 1000).await.unwrap();
    let mut staged = attachments::receive(&blobs).await.unwrap();
    let part = vec![1u8; 1 << 20];
    let mut refused = None;
    for _ in 0..30 {
        if let Err(err) = staged.write(&part).await {
            refused = Some(err);
            break;
        }
    }
    assert_eq!(
        refused,
        Some(DomainError::LimitExceeded {
            kind: LimitKind::AttachmentMegabytes,
            max: MAX_BYTES >> 20
        })
    );
    drop(staged);
    assert_eq!(
        std::fs::read_dir(root.path().join("tmp")).unwrap().count(),
        0,
        "a refused upload leaves nothing"
    );

    // A file stored but not attached (refused over the quota) goes with the collector once
    // the grace has passed, and not before.
    assert_eq!(stored_files(root.path()), 2);
    assert_eq!(blobs.collect_garbage(&d.db, NOW + 60).await.unwrap(), 0);
    let later = NOW + GRACE_SECS + 10;
    assert_eq!(blobs.collect_garbage(&d.db, later).await.unwrap(), 1);
    assert_eq!(stored_files(root.path()), 1, "the attached file stays");
}

#[tokio::test]
async fn an_event_in_the_trash_keeps_its_files_until_the_purge_and_the_collector_then_removes_them()
{
    let Setup {
        d,
        root,
        blobs,
        cal,
        event,
    } = setup().await;
    let file = attach(&d, &blobs, &d.anna, &event, "menu.pdf", b"%PDF-1.4 menu")
        .await
        .unwrap();

    let (_, text) = export_ics(&d.db, &d.anna, &cal, "https://suite.example")
        .await
        .unwrap();
    let unfolded = text.replace("\r\n ", "");
    assert!(
        unfolded.contains(&format!(
            "ATTACH;FMTTYPE=application/pdf;FILENAME=menu.pdf;SIZE=13;MANAGED-ID={0}:https://suite.example/api/v1/attachments/{0}",
            file.id
        )),
        "{unfolded}"
    );

    delete_event(&d.db, &d.anna, &event, None, Scope::All, NOW)
        .await
        .unwrap();
    assert_eq!(
        attachments::open(&d.db, &blobs, &d.anna, &file.id)
            .await
            .unwrap_err(),
        DomainError::NotFound
    );
    assert_eq!(used(&d, &d.anna).await, 13, "the trash still holds it");
    restore_event(&d.db, &d.anna, &event, NOW).await.unwrap();
    assert!(attachments::open(&d.db, &blobs, &d.anna, &file.id)
        .await
        .is_ok());

    delete_event(&d.db, &d.anna, &event, None, Scope::All, NOW)
        .await
        .unwrap();
    let purge_time = NOW + RETENTION_SECS + 1;
    domain::jobs::maintain(&d.db, purge_time).await.unwrap();
    assert_eq!(used(&d, &d.anna).await, 0);
    let now = purge_time + GRACE_SECS;
    assert_eq!(blobs.collect_garbage(&d.db, now).await.unwrap(), 1);
    assert_eq!(stored_files(root.path()), 0);
}
