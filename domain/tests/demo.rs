//! `--demo` seeds a living month: events (some weekly, some shared), tasks, holidays, contacts
//! with photos and groups, and a shared address book, made through the members' own services.

use domain::calendar::calendars::list_calendars;
use domain::calendar::events::occurrences;
use domain::calendar::tasks::list_tasks;
use domain::calendar::CalendarAccess;
use domain::contacts::books::list_books;
use domain::contacts::cards::{get_contact, list_contacts};
use domain::demo;
use domain::mail::accounts::list_mailboxes;
use domain::mail::folders::list_folders;
use domain::mail::list::list_messages;
use domain::mail::read::get_message;
use domain::mail::ListQuery;
use domain::sharing::Permission;

mod common;
use common::NOW;
const ZONE: &str = "Europe/Zurich";

#[tokio::test]
async fn the_demo_month_is_a_living_workspace() {
    let d = common::demo_month(NOW).await;
    assert!(
        !demo::seed_with_month(&d.db, &d.blobs, NOW).await.unwrap(),
        "only once"
    );
    let (anna, ben, chloe, dan) = (&d.anna, &d.ben, &d.chloe, &d.dan);

    let names = |list: &[domain::calendar::CalendarView]| -> Vec<String> {
        list.iter().map(|c| c.name.clone()).collect()
    };
    let annas = list_calendars(&d.db, anna, NOW).await.unwrap();
    for name in ["Projects", "Holidays (Vaud)", "Birthdays"] {
        assert!(
            names(&annas).iter().any(|n| n == name),
            "{name} in {:?}",
            names(&annas)
        );
    }
    // This month, as anna sees it: her week, her weekly meeting, the projects and the holidays.
    let month = occurrences(&d.db, anna, ZONE, "2026-11-01", "2026-12-07", NOW)
        .await
        .unwrap();
    let titled = |title: &str| month.iter().filter(|o| o.title == title).count();
    assert!(titled("Team meeting") >= 4, "weekly");
    assert_eq!(titled("Board review"), 1);
    assert!(month
        .iter()
        .any(|o| o.title == "Offsite in Montreux" && o.all_day));
    assert!(titled("Sprint review") >= 3);
    assert!(month.len() >= 25, "{} occurrences", month.len());

    // Shared: chloe reads the projects and writes in her team's Marketing calendar; dan, an
    // external, sees neither.
    let chloes = list_calendars(&d.db, chloe, NOW).await.unwrap();
    let access = |list: &[domain::calendar::CalendarView], name: &str| {
        list.iter().find(|c| c.name == name).map(|c| c.access)
    };
    assert!(matches!(access(&chloes, "Projects"), Some(a) if !a.can_write_events(false)));
    assert!(matches!(access(&chloes, "Marketing"), Some(a) if a.can_write_events(false)));
    let dans = list_calendars(&d.db, dan, NOW).await.unwrap();
    assert_eq!(access(&dans, "Projects"), None);
    let bens = occurrences(&d.db, ben, ZONE, "2026-11-16", "2026-11-23", NOW)
        .await
        .unwrap();
    assert!(bens.iter().any(|o| o.title == "Fotoshooting"));

    // Tasks in anna's own calendar, one done.
    let own = annas
        .iter()
        .find(|c| c.access == CalendarAccess::Owner && c.is_default)
        .unwrap();
    let tasks = list_tasks(&d.db, anna, &own.id, ZONE).await.unwrap();
    assert_eq!(tasks.len(), 5);
    assert_eq!(tasks.iter().filter(|t| t.done).count(), 1);

    // Contacts with photos and groups, and a book the organization reads.
    let books = list_books(&d.db, anna, NOW).await.unwrap();
    let default = books.iter().find(|b| b.is_default).unwrap();
    let people = list_contacts(&d.db, anna, &default.id).await.unwrap();
    assert_eq!(people.len(), 8);
    assert!(people.iter().any(|p| p.groups == ["Customers"]));
    let mut photos = 0;
    for p in &people {
        photos += usize::from(
            !get_contact(&d.db, anna, &p.id)
                .await
                .unwrap()
                .fields
                .photo
                .is_empty(),
        );
    }
    assert_eq!(photos, 5);
    let chloes_books = list_books(&d.db, chloe, NOW).await.unwrap();
    let partners = chloes_books.iter().find(|b| b.name == "Partners").unwrap();
    assert_eq!((partners.access, partners.contacts), (Permission::View, 4));
    // Birthdays this month show in the Birthdays calendar.
    assert!(month.iter().any(|o| o.title.contains("Lena Brunner")));

    // Mail: an address per member on the demo's domain, and weeks of messages.
    let mailbox = &list_mailboxes(&d.db, anna, NOW).await.unwrap()[0];
    assert_eq!(mailbox.address, "anna.keller@demo.example");
    assert_eq!(mailbox.aliases, ["anna@demo.example"]);
    let folders = list_folders(&d.db, anna, &mailbox.id).await.unwrap();
    let (inbox, sent) = (&folders[0], &folders[2]);
    assert!(inbox.total >= 80, "{inbox:?}");
    assert!((1..10).contains(&inbox.unread), "{inbox:?}");
    assert_eq!(sent.total, 4);
    let search = |text: &str| ListQuery {
        mailbox_id: mailbox.id.clone(),
        search: text.into(),
        limit: 50,
        ..ListQuery::default()
    };
    let budget = list_messages(&d.db, anna, &search("subject:budget"))
        .await
        .unwrap();
    assert_eq!(
        budget.total, 4,
        "Ben's and Chloé's in her Inbox, her own in Sent"
    );
    assert!(budget
        .rows
        .iter()
        .all(|r| r.thread_id == budget.rows[0].thread_id));
    let invoices = list_messages(&d.db, anna, &search("has:attachment rechnung"))
        .await
        .unwrap();
    assert_eq!(invoices.total, 6);
    let newsletter = list_messages(&d.db, anna, &search("from:tech"))
        .await
        .unwrap();
    let view = get_message(&d.db, &d.blobs, anna, &newsletter.rows[0].id)
        .await
        .unwrap();
    assert!(view.has_html);
    assert_eq!(
        list_mailboxes(&d.db, dan, NOW).await.ok(),
        None,
        "externals have no Mail"
    );
}
