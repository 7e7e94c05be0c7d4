//! Windows of a folder's list and searches over a mailbox, on a real database (SQLite, and
//! PostgreSQL when the test command sets `KSUITE_TEST_POSTGRES`).

use domain::mail::accounts::list_mailboxes;
use domain::mail::folders::create_folder;
use domain::mail::list::list_messages;
use domain::mail::messages::append_message;
use domain::mail::{ListQuery, MailSort};
use domain::DomainError;

mod common;
use common::{demo_org, own_mailbox, Demo, NOW};

const SENDERS: [&str; 5] = ["Élodie Zürcher", "anna", "Bruno Keller", "chloé", "Dora"];

/// Message `i`: from one of five senders, about one of three subjects, `i` lines long, and
/// received `i` minutes after `NOW`.
fn message(i: usize) -> Vec<u8> {
    let from = SENDERS[i % SENDERS.len()];
    let subject = ["Budget 2027", "Offsite in Locarno", "Réunion d'équipe"][i % 3];
    let attachment = if i.is_multiple_of(4) {
        "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee the file\r\n--b\r\nContent-Type: application/pdf; name=\"plan.pdf\"\r\nContent-Disposition: attachment\r\n\r\n%PDF\r\n--b--\r\n".to_owned()
    } else {
        format!("\r\n{}", "line of text\r\n".repeat(i))
    };
    format!(
        "From: {from} <sender{}@example.org>\r\nTo: Chloé <chloe@acme.ch>\r\nSubject: {subject} #{i}\r\nMessage-ID: <m{i}@example.org>\r\n{attachment}",
        i % SENDERS.len()
    )
    .into_bytes()
}

struct Filled {
    d: Demo,
    _own: common::Mailbox,
    mailbox: String,
    inbox: String,
    /// Ids by message number.
    ids: Vec<String>,
}

async fn filled(n: usize) -> Filled {
    let d = demo_org().await;
    let own = own_mailbox(&d, &d.chloe).await;
    let (blobs, mailbox, inbox) = (own.blobs.clone(), own.id.clone(), own.inbox.clone());
    let mut ids = Vec::new();
    for i in 0..n {
        let at = NOW + 60 * i as i64;
        let seen = i % 2 == 0;
        ids.push(
            append_message(&d.db, &blobs, &d.chloe, &inbox, message(i), seen, at)
                .await
                .unwrap(),
        );
    }
    Filled {
        d,
        _own: own,
        mailbox,
        inbox,
        ids,
    }
}

fn query(b: &Filled, sort: MailSort, ascending: bool, position: u32, limit: u32) -> ListQuery {
    ListQuery {
        mailbox_id: b.mailbox.clone(),
        folder_id: b.inbox.clone(),
        sort,
        ascending,
        position,
        limit,
        ..ListQuery::default()
    }
}

#[tokio::test]
async fn every_window_of_every_sort_matches_the_whole_sorted_list() {
    let b = filled(23).await;
    for sort in MailSort::ALL {
        for ascending in [false, true] {
            let whole = list_messages(&b.d.db, &b.d.chloe, &query(&b, sort, ascending, 0, 200))
                .await
                .unwrap();
            assert_eq!((whole.total, whole.rows.len()), (23, 23));
            let ids: Vec<&str> = whole.rows.iter().map(|r| r.id.as_str()).collect();
            for (position, limit) in [
                (0, 5),
                (3, 7),
                (10, 5),
                (15, 10),
                (20, 5),
                (22, 1),
                (23, 5),
                (40, 5),
            ] {
                let page = list_messages(
                    &b.d.db,
                    &b.d.chloe,
                    &query(&b, sort, ascending, position, limit),
                )
                .await
                .unwrap();
                let got: Vec<&str> = page.rows.iter().map(|r| r.id.as_str()).collect();
                let from = (position as usize).min(23);
                let to = (position as usize + limit as usize).min(23);
                assert_eq!(
                    got,
                    ids[from..to],
                    "{sort:?} ascending={ascending} at {position}+{limit}"
                );
            }
            // An anchor finds its message's place.
            let anchored = ListQuery {
                anchor: Some(ids[12].to_owned()),
                anchor_offset: -2,
                ..query(&b, sort, ascending, 0, 3)
            };
            let page = list_messages(&b.d.db, &b.d.chloe, &anchored).await.unwrap();
            assert_eq!(page.position, 10);
            assert_eq!(page.rows[2].id, ids[12]);
        }
    }
    // By date, newest first: message 22 on top; by sender A to Z, accents and case aside.
    let newest = list_messages(&b.d.db, &b.d.chloe, &query(&b, MailSort::Date, false, 0, 1))
        .await
        .unwrap();
    assert_eq!(newest.rows[0].id, b.ids[22]);
    let by_sender = list_messages(
        &b.d.db,
        &b.d.chloe,
        &query(&b, MailSort::From, true, 0, 200),
    )
    .await
    .unwrap();
    let firsts: Vec<String> = by_sender.rows.iter().map(|r| r.from_name.clone()).collect();
    let mut expected = firsts.clone();
    expected.sort_by_key(|n| domain::locale::sort_key(n));
    assert_eq!(firsts, expected);
    assert_eq!(firsts[0], "anna");
    assert_eq!(firsts[22], "Élodie Zürcher");
    let row = &newest.rows[0];
    assert_eq!(
        (row.unread, row.subject.as_str()),
        (false, "Offsite in Locarno #22")
    );
}

#[tokio::test]
async fn searches_read_words_and_operators_in_a_folder_or_everywhere() {
    let b = filled(12).await;
    let search = |text: &str, folder: &str| ListQuery {
        search: text.into(),
        folder_id: folder.into(),
        ..query(&b, MailSort::Date, false, 0, 200)
    };
    let found = |text: &'static str, folder: String| {
        let q = search(text, &folder);
        let (db, actor) = (b.d.db.clone(), b.d.chloe.clone());
        async move {
            let page = list_messages(&db, &actor, &q).await.unwrap();
            assert_eq!(page.total as usize, page.rows.len());
            let mut subjects: Vec<u32> = page
                .rows
                .iter()
                .map(|r| r.subject.rsplit('#').next().unwrap().parse().unwrap())
                .collect();
            subjects.sort();
            subjects
        }
    };
    assert_eq!(found("budget", String::new()).await, [0, 3, 6, 9]);
    assert_eq!(found("REUNION equipe", String::new()).await, [2, 5, 8, 11]);
    assert_eq!(found("subject:locarno", String::new()).await, [1, 4, 7, 10]);
    assert_eq!(found("locarno", b.inbox.clone()).await, [1, 4, 7, 10]);
    assert_eq!(found("from:zurcher", String::new()).await, [0, 5, 10]);
    assert_eq!(
        found("from:elod", String::new()).await,
        [0, 5, 10],
        "words match by their start"
    );
    assert_eq!(found("to:chloe from:keller", String::new()).await, [2, 7]);
    assert_eq!(found("has:attachment", String::new()).await, [0, 4, 8]);
    assert_eq!(
        found("plan.pdf", String::new()).await,
        [0, 4, 8],
        "attachment names are searched"
    );
    assert_eq!(found("is:unread budget", String::new()).await, [3, 9]);
    assert_eq!(
        found("in:inbox is:unread has:attachment", String::new()).await,
        Vec::<u32>::new()
    );
    assert_eq!(
        found("budget in:archive", String::new()).await,
        Vec::<u32>::new()
    );
    assert_eq!(
        found("budget in:nowhere", String::new()).await,
        Vec::<u32>::new()
    );
    assert_eq!(
        found("after:2026-11-18 before:2030-01-01 budget", String::new()).await,
        [0, 3, 6, 9]
    );
    assert_eq!(
        found("before:2026-11-18", String::new()).await,
        Vec::<u32>::new()
    );
    assert_eq!(
        found("\"budget 2027\" -nothing", String::new()).await,
        Vec::<u32>::new()
    );

    // A page of a search, and a search in a folder of the mailbox only.
    let page = list_messages(
        &b.d.db,
        &b.d.chloe,
        &ListQuery {
            position: 1,
            limit: 2,
            ..search("budget", "")
        },
    )
    .await
    .unwrap();
    assert_eq!((page.total, page.rows.len(), page.position), (4, 2, 1));
    let other = create_folder(&b.d.db, &b.d.chloe, &b.mailbox, "", "Projects", NOW)
        .await
        .unwrap();
    assert_eq!(found("budget", other).await, Vec::<u32>::new());
    assert_eq!(
        list_messages(&b.d.db, &b.d.chloe, &search("budget", "not-a-folder")).await,
        Err(DomainError::NotFound)
    );
}

#[tokio::test]
async fn lists_stay_inside_the_mailbox_and_its_audience() {
    let b = filled(3).await;
    // Ben is an administrator of the organization, yet not given Chloé's mailbox.
    assert_eq!(
        list_messages(&b.d.db, &b.d.ben, &query(&b, MailSort::Date, false, 0, 10)).await,
        Err(DomainError::NotFound)
    );
    let ben_box = list_mailboxes(&b.d.db, &b.d.ben, NOW).await.unwrap()[0]
        .id
        .clone();
    // His own mailbox with her folder's id: not found either.
    let crossed = ListQuery {
        mailbox_id: ben_box,
        ..query(&b, MailSort::Date, false, 0, 10)
    };
    assert_eq!(
        list_messages(&b.d.db, &b.d.ben, &crossed).await,
        Err(DomainError::NotFound)
    );
    // An anchor no longer in the folder (moved, deleted) leaves the position asked.
    let anchored = ListQuery {
        anchor: Some("gone".into()),
        ..query(&b, MailSort::Date, false, 1, 10)
    };
    let page = list_messages(&b.d.db, &b.d.chloe, &anchored).await.unwrap();
    assert_eq!((page.position, page.rows.len()), (1, 2));
    let page = list_messages(
        &b.d.db,
        &b.d.chloe,
        &query(&b, MailSort::Date, false, 0, 10),
    )
    .await
    .unwrap();
    assert!(page.state > 0);
}

/// SQLite reads a rare word's messages from the full-text index and walks the folder for a
/// common one (held by more than one message in eight): both ways find what reading every
/// message finds, in order, with the right total, filtered the same way.
#[tokio::test]
async fn common_and_rare_words_find_what_reading_every_message_finds() {
    const N: usize = 48;
    let b = filled(N).await;
    type Holds = fn(usize) -> bool;
    let cases: [(&str, Holds); 5] = [
        ("to:chloe", |_| true),
        ("to:chloe has:attachment", |i| i % 4 == 0),
        ("chloe is:unread", |i| i % 2 == 1),
        ("from:zurcher budget", |i| i % 15 == 0),
        ("from:zurcher budget is:unread", |i| i % 30 == 15),
    ];
    for (text, holds) in cases {
        let expected: Vec<usize> = (0..N).rev().filter(|i| holds(*i)).collect();
        for position in [0, 1, 20] {
            let page = list_messages(
                &b.d.db,
                &b.d.chloe,
                &ListQuery {
                    search: text.into(),
                    ..query(&b, MailSort::Date, false, position, 10)
                },
            )
            .await
            .unwrap();
            assert_eq!(page.total as usize, expected.len(), "{text}");
            let numbers: Vec<usize> = page
                .rows
                .iter()
                .map(|r| r.subject.rsplit('#').next().unwrap().parse().unwrap())
                .collect();
            let at = (position as usize).min(expected.len());
            let want = &expected[at..(at + 10).min(expected.len())];
            assert_eq!(numbers, want, "{text} at {position}");
        }
    }
}
