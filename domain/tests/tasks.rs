//! Tasks against a real database (SQLite, and PostgreSQL when the test command sets
//! `KSUITE_TEST_POSTGRES`).

use domain::calendar::calendars;
use domain::calendar::events::occurrences;
use domain::calendar::tasks::{create_task, delete_task, list_tasks, set_task_done, update_task};
use domain::calendar::trash::list_trash;
use domain::calendar::{Grantee, ItemKind, ShareLevel, TaskInput};
use domain::collections::{self, CollectionKind};
use domain::DomainError;

mod common;
use common::{demo_org, own_calendar, NOW};

fn task(calendar_id: &str, title: &str, due: Option<&str>, priority: u8) -> TaskInput {
    TaskInput {
        calendar_id: calendar_id.into(),
        title: title.into(),
        description: String::new(),
        due: due.map(str::to_owned),
        time_zone: "Europe/Zurich".into(),
        priority,
        done: false,
    }
}

#[tokio::test]
async fn a_task_list_is_kept_per_calendar_and_dated_tasks_show_in_the_views() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let other = calendars::create_calendar(&d.db, &d.anna, "Home", "#33aa55", None, NOW)
        .await
        .unwrap();
    let vat = create_task(
        &d.db,
        &d.anna,
        &task(&cal, "File VAT", Some("2026-11-30T17:00"), 1),
        NOW,
    )
    .await
    .unwrap();
    create_task(&d.db, &d.anna, &task(&cal, "Read the report", None, 0), NOW)
        .await
        .unwrap();
    create_task(
        &d.db,
        &d.anna,
        &task(&other, "Buy paint", Some("2026-11-28"), 5),
        NOW,
    )
    .await
    .unwrap();

    let list = list_tasks(&d.db, &d.anna, &cal, "Europe/Zurich")
        .await
        .unwrap();
    let titles: Vec<_> = list.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(titles, ["File VAT", "Read the report"]);
    assert_eq!(list[0].due.as_deref(), Some("2026-11-30T17:00"));
    assert!(list.iter().all(|t| t.writable && !t.done));

    // The dated ones are drawn at their due moment, in the viewer's zone; the undated one not.
    let drawn = occurrences(
        &d.db,
        &d.anna,
        "America/New_York",
        "2026-11-23",
        "2026-12-07",
        NOW,
    )
    .await
    .unwrap();
    let tasks: Vec<_> = drawn
        .iter()
        .filter(|o| o.kind == ItemKind::Task)
        .map(|o| format!("{} {}", o.start, o.title))
        .collect();
    assert_eq!(tasks, ["2026-11-28 Buy paint", "2026-11-30T11:00 File VAT"]);

    // Ticked off: last in the list, drawn as done.
    set_task_done(&d.db, &d.anna, &vat, true, NOW)
        .await
        .unwrap();
    let list = list_tasks(&d.db, &d.anna, &cal, "Europe/Zurich")
        .await
        .unwrap();
    assert_eq!(
        list.last().map(|t| (t.title.as_str(), t.done)),
        Some(("File VAT", true))
    );
    let drawn = occurrences(
        &d.db,
        &d.anna,
        "Europe/Zurich",
        "2026-11-30",
        "2026-12-01",
        NOW,
    )
    .await
    .unwrap();
    assert!(drawn.iter().any(|o| o.title == "File VAT" && o.done));

    // Edited and moved to the other calendar.
    let mut changed = task(&other, "File VAT (final)", Some("2026-12-01"), 2);
    changed.done = true;
    update_task(&d.db, &d.anna, &vat, &changed, NOW)
        .await
        .unwrap();
    let list = list_tasks(&d.db, &d.anna, &other, "Europe/Zurich")
        .await
        .unwrap();
    let moved = list.iter().find(|t| t.object_id == vat).unwrap();
    assert_eq!(
        (
            moved.title.as_str(),
            moved.due.as_deref(),
            moved.priority,
            moved.done
        ),
        ("File VAT (final)", Some("2026-12-01"), 2, true)
    );
    assert_eq!(
        list_tasks(&d.db, &d.anna, &cal, "UTC").await.unwrap().len(),
        1
    );

    // Deleted to the trash, as a task.
    delete_task(&d.db, &d.anna, &vat, NOW).await.unwrap();
    assert!(list_tasks(&d.db, &d.anna, &other, "UTC")
        .await
        .unwrap()
        .iter()
        .all(|t| t.object_id != vat));
    let trash = list_trash(&d.db, &d.anna, NOW).await.unwrap();
    assert!(trash.iter().any(|t| t.id == vat && t.kind.code() == "task"));
}

#[tokio::test]
async fn a_view_share_reads_tasks_but_cannot_change_them() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let id = create_task(&d.db, &d.anna, &task(&cal, "Call the bank", None, 0), NOW)
        .await
        .unwrap();
    // Unshared: chloe cannot tell it exists.
    assert_eq!(
        list_tasks(&d.db, &d.chloe, &cal, "UTC").await.unwrap_err(),
        DomainError::NotFound
    );
    assert_eq!(
        set_task_done(&d.db, &d.chloe, &id, true, NOW)
            .await
            .unwrap_err(),
        DomainError::NotFound
    );

    let chloe = Grantee::Member(d.chloe.account_id.clone());
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::Calendar,
        &cal,
        &chloe,
        ShareLevel::View,
    )
    .await
    .unwrap();
    let seen = list_tasks(&d.db, &d.chloe, &cal, "UTC").await.unwrap();
    assert_eq!(seen.len(), 1);
    assert!(!seen[0].writable);
    let forbidden = |r: Result<(), DomainError>| matches!(r, Err(DomainError::Forbidden(_)));
    assert!(forbidden(
        set_task_done(&d.db, &d.chloe, &id, true, NOW).await
    ));
    assert!(forbidden(
        update_task(&d.db, &d.chloe, &id, &task(&cal, "Mine", None, 0), NOW).await
    ));
    assert!(forbidden(delete_task(&d.db, &d.chloe, &id, NOW).await));
    assert!(forbidden(
        create_task(&d.db, &d.chloe, &task(&cal, "Mine", None, 0), NOW)
            .await
            .map(|_| ())
    ));

    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::Calendar,
        &cal,
        &chloe,
        ShareLevel::Modify,
    )
    .await
    .unwrap();
    set_task_done(&d.db, &d.chloe, &id, true, NOW)
        .await
        .unwrap();
    assert!(list_tasks(&d.db, &d.anna, &cal, "UTC").await.unwrap()[0].done);
}
