//! The demo's living month: what a newcomer finds in Demo SA's calendars and address books, made
//! through the same services a member uses (so it obeys every rule they do), dated around the
//! day the server first starts.

use super::DEMO_TEAM;
use crate::auth::DEFAULT_TIME_ZONE;
use crate::calendar::days::Day;
use crate::calendar::{calendars, events, tasks, time};
use crate::calendar::{EventInput, Frequency, Grantee, Recurrence, ShareLevel, TaskInput};
use crate::collections::CollectionKind;
use crate::contacts::{books, cards, ContactInput, FieldKind, PostalAddress, TypedValue};
use crate::error::DomainResult;
use crate::org::Actor;
use crate::store::Db;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

/// Portraits for the contacts that have one (generated silhouettes, 96 px PNG).
const PHOTOS: [&[u8]; 6] = [
    include_bytes!("photos/person-1.png"),
    include_bytes!("photos/person-2.png"),
    include_bytes!("photos/person-3.png"),
    include_bytes!("photos/person-4.png"),
    include_bytes!("photos/person-5.png"),
    include_bytes!("photos/person-6.png"),
];

/// When an event happens: a day counted from this week's Monday and a local start and length,
/// or all day for a number of days.
enum When {
    At(i64, &'static str, i64),
    AllDay(i64, i64),
}

struct Event {
    title: &'static str,
    when: When,
    location: &'static str,
    repeat: Option<Frequency>,
}

const fn at(title: &'static str, day: i64, start: &'static str, minutes: i64) -> Event {
    Event {
        title,
        when: When::At(day, start, minutes),
        location: "",
        repeat: None,
    }
}

const fn all_day(title: &'static str, day: i64, days: i64) -> Event {
    Event {
        title,
        when: When::AllDay(day, days),
        location: "",
        repeat: None,
    }
}

const fn weekly(mut e: Event) -> Event {
    e.repeat = Some(Frequency::Weekly);
    e
}

const fn in_place(mut e: Event, location: &'static str) -> Event {
    e.location = location;
    e
}

/// Anna's own calendar: the legal representative's month.
const ANNA: [Event; 9] = [
    weekly(in_place(at("Team meeting", -14, "09:00", 60), "Room Léman")),
    at("Quarterly planning", -5, "13:00", 180),
    in_place(at("Lunch with Ben", 2, "12:15", 60), "Café du Grütli"),
    in_place(
        at("Board review", 3, "14:00", 90),
        "Salle du Conseil, Lausanne",
    ),
    at("Dentist", 4, "08:00", 45),
    at("Client call: Alpenblick AG", 8, "10:30", 30),
    in_place(all_day("Offsite in Montreux", 10, 2), "Montreux"),
    at("Budget 2027 with Chloé", 15, "15:00", 60),
    at("Interview: front-end developer", 17, "11:00", 60),
];

/// Anna's "Projects" calendar, which the whole organization reads.
const PROJECTS: [Event; 4] = [
    all_day("Website relaunch: content freeze", 1, 1),
    weekly(at("Sprint review", -10, "16:00", 45)),
    all_day("Website relaunch: go-live", 16, 1),
    at("Retrospective", 18, "14:00", 60),
];

/// Ben's "Marketing" calendar, which his team may write in.
const MARKETING: [Event; 5] = [
    weekly(at("Newsletter-Review", -12, "16:00", 30)),
    at("Kampagnenstart Herbst", 1, "10:00", 60),
    in_place(at("Fotoshooting", 3, "13:00", 240), "Studio Nord, Zürich"),
    in_place(all_day("Messe Bern", 9, 3), "BERNEXPO"),
    at("Agentur-Briefing", 14, "09:30", 90),
];

/// Chloé's own calendar.
const CHLOE: [Event; 3] = [
    weekly(at("Point hebdo", -13, "08:30", 30)),
    in_place(at("Formation accessibilité", 4, "09:00", 180), "En ligne"),
    at("Revue des factures", 9, "14:00", 60),
];

/// Anna's tasks: a title, the due day from this week's Monday (with a time or not), done.
const TASKS: [(&str, i64, Option<&str>, bool); 5] = [
    ("Send the offer to Alpenblick AG", 1, None, false),
    ("Prepare the board slides", 3, Some("12:00"), false),
    ("Renew the domain demo.example", -2, None, true),
    ("Book the hotel for the offsite", 5, None, false),
    ("Sign the supplier contracts", 12, None, false),
];

/// A contact: first and last name, organization, title, e-mail, mobile, city and group.
type Person = [&'static str; 8];

/// Anna's own address book.
const CUSTOMERS: [Person; 8] = [
    [
        "Lena",
        "Brunner",
        "Alpenblick AG",
        "Head of purchasing",
        "lena.brunner@alpenblick.example",
        "+41 79 111 22 33",
        "Luzern",
        "Customers",
    ],
    [
        "Marco",
        "Bernasconi",
        "Ticino Viaggi SA",
        "Director",
        "marco@ticinoviaggi.example",
        "+41 78 222 33 44",
        "Lugano",
        "Customers",
    ],
    [
        "Sophie",
        "Favre",
        "Atelier Favre",
        "Owner",
        "sophie@atelier-favre.example",
        "+41 76 333 44 55",
        "Genève",
        "Customers",
    ],
    [
        "Jonas",
        "Widmer",
        "Druckerei Widmer",
        "Account manager",
        "jonas.widmer@druckerei.example",
        "+41 79 444 55 66",
        "Bern",
        "Suppliers",
    ],
    [
        "Aline",
        "Rochat",
        "Papeterie Rochat",
        "Sales",
        "aline@papeterie-rochat.example",
        "+41 21 555 66 77",
        "Lausanne",
        "Suppliers",
    ],
    [
        "Nora",
        "Keller",
        "",
        "",
        "nora.keller@mail.example",
        "+41 79 666 77 88",
        "Zürich",
        "Family",
    ],
    [
        "Paul",
        "Dufour",
        "Le Temps",
        "Journalist",
        "p.dufour@letemps.example",
        "+41 22 777 88 99",
        "Genève",
        "Press",
    ],
    [
        "Giulia",
        "Conti",
        "Conti Design",
        "Designer",
        "giulia@contidesign.example",
        "+41 91 888 99 00",
        "Bellinzona",
        "Suppliers",
    ],
];

/// "Partners", the book anna shares with the organization to read.
const PARTNERS: [Person; 4] = [
    [
        "Thomas",
        "Baumann",
        "Baumann Treuhand",
        "Accountant",
        "t.baumann@treuhand.example",
        "+41 44 123 45 67",
        "Zürich",
        "Finance",
    ],
    [
        "Elena",
        "Moretti",
        "Studio Legale Moretti",
        "Lawyer",
        "elena@moretti-legal.example",
        "+41 91 234 56 78",
        "Lugano",
        "Legal",
    ],
    [
        "Hugo",
        "Perrin",
        "Perrin IT Services",
        "IT support",
        "support@perrin-it.example",
        "+41 21 345 67 89",
        "Renens",
        "IT",
    ],
    [
        "Mia",
        "Schmid",
        "Hotel Bellevue Montreux",
        "Events",
        "events@bellevue-montreux.example",
        "+41 21 456 78 90",
        "Montreux",
        "Venues",
    ],
];

/// Who has a photo (a position in `PHOTOS`), by last name, and a birthday in the month shown
/// (days from this week's Monday).
const PORTRAITS: [(&str, usize, Option<i64>); 6] = [
    ("Brunner", 0, Some(3)),
    ("Bernasconi", 1, None),
    ("Widmer", 2, Some(12)),
    ("Keller", 3, Some(-2)),
    ("Conti", 4, None),
    ("Moretti", 5, None),
];

/// This week's Monday in the demo's time zone.
fn this_monday(now: i64) -> DomainResult<Day> {
    let today = time::today(DEFAULT_TIME_ZONE, now)?;
    Ok(Day::parse(&today).unwrap_or_default().week_start(1))
}

fn event_input(calendar_id: &str, monday: Day, e: &Event) -> EventInput {
    let (all_day, start, end) = match e.when {
        When::At(day, start, minutes) => {
            let day = monday.add_days(day);
            let begins = format!("{day}T{start}");
            let ends = crate::calendar::days::shift_local(&begins, minutes).unwrap_or_default();
            (false, begins, ends)
        }
        When::AllDay(day, days) => {
            let first = monday.add_days(day);
            (true, first.to_string(), first.add_days(days).to_string())
        }
    };
    EventInput {
        calendar_id: calendar_id.to_owned(),
        title: e.title.to_owned(),
        all_day,
        start,
        end,
        time_zone: DEFAULT_TIME_ZONE.to_owned(),
        location: e.location.to_owned(),
        description: String::new(),
        color: None,
        url: String::new(),
        video_url: String::new(),
        recurrence: e.repeat.map(Recurrence::every),
    }
}

async fn add_events(
    db: &Db,
    actor: &Actor,
    calendar_id: &str,
    monday: Day,
    list: &[Event],
    now: i64,
) -> DomainResult<()> {
    for e in list {
        events::create_event(db, actor, &event_input(calendar_id, monday, e), now).await?;
    }
    Ok(())
}

/// The actor's own calendar, made on their first look as it is for every member, and kept as
/// their default: the calendars made in the same second would otherwise tie for it.
async fn own_calendar(db: &Db, actor: &Actor, now: i64) -> DomainResult<String> {
    let list = calendars::list_calendars(db, actor, now).await?;
    let own = list
        .into_iter()
        .find(|c| c.is_default)
        .map(|c| c.id)
        .unwrap_or_default();
    calendars::set_default(db, actor, &own).await?;
    Ok(own)
}

fn contact(book_id: &str, p: &Person, monday: Day) -> ContactInput {
    let [first, last, organization, title, email, mobile, city, group] = *p;
    let portrait = PORTRAITS.iter().find(|(name, _, _)| *name == last);
    let birthday = portrait.and_then(|(_, _, days)| *days).map(|days| {
        let day = monday.add_days(days);
        // A leap year, so a 29 February is a birthday too.
        let year = 1984 + 4 * days.rem_euclid(3) as i32;
        format!("{year}-{:02}-{:02}", day.month(), day.day())
    });
    let photo =
        portrait.map(|(_, i, _)| format!("data:image/png;base64,{}", STANDARD.encode(PHOTOS[*i])));
    ContactInput {
        book_id: book_id.to_owned(),
        first: first.to_owned(),
        last: last.to_owned(),
        organization: organization.to_owned(),
        title: title.to_owned(),
        emails: vec![TypedValue {
            kind: FieldKind::Work,
            value: email.to_owned(),
        }],
        phones: vec![TypedValue {
            kind: FieldKind::Cell,
            value: mobile.to_owned(),
        }],
        addresses: vec![PostalAddress {
            kind: FieldKind::Work,
            locality: city.to_owned(),
            country: "Switzerland".to_owned(),
            ..PostalAddress::default()
        }],
        birthday: birthday.unwrap_or_default(),
        groups: vec![group.to_owned()],
        photo: photo.unwrap_or_default(),
        ..ContactInput::default()
    }
}

async fn add_people(
    db: &Db,
    actor: &Actor,
    book_id: &str,
    people: &[Person],
    monday: Day,
    now: i64,
) -> DomainResult<()> {
    for p in people {
        cards::create_contact(db, actor, &contact(book_id, p, monday), now).await?;
    }
    Ok(())
}

/// Fills the demo organization's month: `anna`, `ben` and `chloe` as seeded, `team_id` the
/// Marketing team.
pub async fn seed(
    db: &Db,
    anna: &Actor,
    ben: &Actor,
    chloe: &Actor,
    team_id: &str,
    now: i64,
) -> DomainResult<()> {
    let monday = this_monday(now)?;

    let own = own_calendar(db, anna, now).await?;
    add_events(db, anna, &own, monday, &ANNA, now).await?;
    for (title, day, time, done) in TASKS {
        let day = monday.add_days(day);
        let input = TaskInput {
            calendar_id: own.clone(),
            title: title.to_owned(),
            description: String::new(),
            due: Some(time.map_or_else(|| day.to_string(), |t| format!("{day}T{t}"))),
            time_zone: DEFAULT_TIME_ZONE.to_owned(),
            priority: 0,
            done,
        };
        tasks::create_task(db, anna, &input, now).await?;
    }
    let projects = calendars::create_calendar(db, anna, "Projects", "#8e44ad", None, now).await?;
    add_events(db, anna, &projects, monday, &PROJECTS, now).await?;
    crate::collections::share(
        db,
        anna,
        CollectionKind::Calendar,
        &projects,
        &Grantee::Organization,
        ShareLevel::View,
    )
    .await?;
    calendars::create_calendar(db, anna, "Holidays (Vaud)", "#c0392b", Some("CH-VD"), now).await?;

    own_calendar(db, ben, now).await?;
    let marketing = calendars::create_calendar(db, ben, DEMO_TEAM, "#e67e22", None, now).await?;
    add_events(db, ben, &marketing, monday, &MARKETING, now).await?;
    let team = Grantee::Team(team_id.to_owned());
    crate::collections::share(
        db,
        ben,
        CollectionKind::Calendar,
        &marketing,
        &team,
        ShareLevel::Modify,
    )
    .await?;

    let chloes = own_calendar(db, chloe, now).await?;
    add_events(db, chloe, &chloes, monday, &CHLOE, now).await?;

    let book = books::default_book(db, anna, now)
        .await?
        .unwrap_or_default();
    books::set_default_book(db, anna, &book).await?;
    add_people(db, anna, &book, &CUSTOMERS, monday, now).await?;
    let partners = books::create_book(db, anna, "Partners", now).await?;
    add_people(db, anna, &partners, &PARTNERS, monday, now).await?;
    crate::collections::share(
        db,
        anna,
        CollectionKind::AddressBook,
        &partners,
        &Grantee::Organization,
        ShareLevel::View,
    )
    .await?;
    Ok(())
}
