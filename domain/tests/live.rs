//! Committed changes are announced once, after the commit, to those who may read them.

mod common;

use common::{demo_org, lunch, own_calendar, NOW};
use domain::calendar::events::create_event;
use domain::calendar::{Grantee, ShareLevel};
use domain::collections;
use domain::live::{self, ChangeScope, CollectionKind, DataChange, LiveEvent};
use tokio::sync::broadcast::error::TryRecvError;

fn change_of(event: LiveEvent) -> DataChange {
    match event {
        LiveEvent::Change(change) => change,
        other => panic!("a change, not {other:?}"),
    }
}

#[tokio::test]
async fn a_write_is_announced_after_its_commit_to_the_calendars_readers() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let mut rx = d.db.live().subscribe();
    create_event(&d.db, &d.anna, &lunch(&cal), NOW)
        .await
        .unwrap();
    let routed = rx.try_recv().expect("announced when create_event returns");
    assert!(routed.orgs.contains(&d.anna.org_id));
    let change = change_of(routed.event);
    assert_eq!(
        change,
        DataChange {
            org_id: d.anna.org_id.clone(),
            kind: CollectionKind::Calendar,
            collection_id: cal.clone(),
            scope: ChangeScope::Items,
        }
    );
    assert!(matches!(rx.try_recv(), Err(TryRecvError::Empty)), "once");

    // Ben may not read Anna's calendar until she shares it; the share itself reaches him.
    assert!(live::may_see(&d.db, &d.anna, &change).await.unwrap());
    assert!(!live::may_see(&d.db, &d.ben, &change).await.unwrap());
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
    let shared = change_of(rx.try_recv().unwrap().event);
    assert_eq!(shared.scope, ChangeScope::Collection);
    assert!(live::may_see(&d.db, &d.ben, &shared).await.unwrap());
    assert!(live::may_see(&d.db, &d.ben, &change).await.unwrap());
}

#[tokio::test]
async fn a_transaction_that_does_not_commit_announces_nothing() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let mut rx = d.db.live().subscribe();
    let mut tx = d.db.write().await.unwrap();
    tx.bump(CollectionKind::Calendar, &cal).await.unwrap();
    tx.rollback().await.unwrap();
    let mut tx = d.db.write().await.unwrap();
    tx.bump(CollectionKind::Calendar, &cal).await.unwrap();
    drop(tx);
    assert!(matches!(rx.try_recv(), Err(TryRecvError::Empty)));
    // A rolled back bump left the revision as it was, so sync clients see no change either.
    let mut tx = d.db.write().await.unwrap();
    tx.bump(CollectionKind::Calendar, &cal).await.unwrap();
    tx.bump(CollectionKind::Calendar, &cal).await.unwrap();
    tx.commit().await.unwrap();
    assert_eq!(change_of(rx.try_recv().unwrap().event).collection_id, cal);
    assert!(
        matches!(rx.try_recv(), Err(TryRecvError::Empty)),
        "one per collection"
    );
}
