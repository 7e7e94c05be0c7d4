//! CSV contacts: the columns of the Outlook, Gmail, Thunderbird and Apple exports, which export a
//! file comes from, and its rows as contact forms. The `csv` crate reads the file (quotes,
//! embedded line breaks); this module only knows what the columns mean.

use super::model::{ContactInput, CsvField, CsvPreset, FieldKind, PostalAddress, TypedValue};
use FieldKind::{Cell, Home, Other, Work};

/// The columns each export writes, by header, as those programs name them.
fn columns(preset: CsvPreset) -> &'static [(&'static str, CsvField)] {
    use CsvField::*;
    match preset {
        CsvPreset::Outlook => &[
            ("Title", Prefix),
            ("First Name", First),
            ("Middle Name", Middle),
            ("Last Name", Last),
            ("Suffix", Suffix),
            ("Nickname", Nickname),
            ("E-mail Address", Email(Other)),
            ("E-mail 2 Address", Email(Other)),
            ("E-mail 3 Address", Email(Other)),
            ("Mobile Phone", Phone(Cell)),
            ("Business Phone", Phone(Work)),
            ("Business Phone 2", Phone(Work)),
            ("Home Phone", Phone(Home)),
            ("Home Phone 2", Phone(Home)),
            ("Other Phone", Phone(Other)),
            ("Business Street", Street(Work)),
            ("Business City", Locality(Work)),
            ("Business State", Region(Work)),
            ("Business Postal Code", PostalCode(Work)),
            ("Business Country/Region", Country(Work)),
            ("Home Street", Street(Home)),
            ("Home City", Locality(Home)),
            ("Home State", Region(Home)),
            ("Home Postal Code", PostalCode(Home)),
            ("Home Country/Region", Country(Home)),
            ("Company", Organization),
            ("Job Title", Title),
            ("Birthday", Birthday),
            ("Anniversary", Anniversary),
            ("Web Page", Website),
            ("Notes", Notes),
            ("Categories", Groups),
        ],
        CsvPreset::Gmail => &[
            ("Name Prefix", Prefix),
            ("First Name", First),
            ("Given Name", First),
            ("Middle Name", Middle),
            ("Additional Name", Middle),
            ("Last Name", Last),
            ("Family Name", Last),
            ("Name Suffix", Suffix),
            ("Nickname", Nickname),
            ("Name", FullName),
            ("E-mail 1 - Label", EmailLabel),
            ("E-mail 1 - Value", Email(Other)),
            ("E-mail 2 - Label", EmailLabel),
            ("E-mail 2 - Value", Email(Other)),
            ("E-mail 3 - Label", EmailLabel),
            ("E-mail 3 - Value", Email(Other)),
            ("Phone 1 - Label", PhoneLabel),
            ("Phone 1 - Value", Phone(Other)),
            ("Phone 2 - Label", PhoneLabel),
            ("Phone 2 - Value", Phone(Other)),
            ("Phone 3 - Label", PhoneLabel),
            ("Phone 3 - Value", Phone(Other)),
            ("Address 1 - Street", Street(Other)),
            ("Address 1 - City", Locality(Other)),
            ("Address 1 - Region", Region(Other)),
            ("Address 1 - Postal Code", PostalCode(Other)),
            ("Address 1 - Country", Country(Other)),
            ("Organization Name", Organization),
            ("Organization 1 - Name", Organization),
            ("Organization Title", Title),
            ("Organization 1 - Title", Title),
            ("Birthday", Birthday),
            ("Website 1 - Value", Website),
            ("Notes", Notes),
            ("Labels", Groups),
            ("Group Membership", Groups),
        ],
        CsvPreset::Thunderbird => &[
            ("First Name", First),
            ("Last Name", Last),
            ("Display Name", FullName),
            ("Nickname", Nickname),
            ("Primary Email", Email(Other)),
            ("Secondary Email", Email(Other)),
            ("Mobile Number", Phone(Cell)),
            ("Work Phone", Phone(Work)),
            ("Home Phone", Phone(Home)),
            ("Work Address", Street(Work)),
            ("Work City", Locality(Work)),
            ("Work State", Region(Work)),
            ("Work ZipCode", PostalCode(Work)),
            ("Work Country", Country(Work)),
            ("Home Address", Street(Home)),
            ("Home City", Locality(Home)),
            ("Home State", Region(Home)),
            ("Home ZipCode", PostalCode(Home)),
            ("Home Country", Country(Home)),
            ("Organization", Organization),
            ("Job Title", Title),
            ("Web Page 1", Website),
            ("Birth Year", BirthYear),
            ("Birth Month", BirthMonth),
            ("Birth Day", BirthDay),
            ("Notes", Notes),
        ],
        CsvPreset::Apple => &[
            ("Prefix", Prefix),
            ("First name", First),
            ("Middle name", Middle),
            ("Last name", Last),
            ("Suffix", Suffix),
            ("Nickname", Nickname),
            ("Company", Organization),
            ("Job title", Title),
            ("Email (work)", Email(Work)),
            ("Email (home)", Email(Home)),
            ("Email (other)", Email(Other)),
            ("Phone (mobile)", Phone(Cell)),
            ("Phone (work)", Phone(Work)),
            ("Phone (home)", Phone(Home)),
            ("Street (work)", Street(Work)),
            ("City (work)", Locality(Work)),
            ("State (work)", Region(Work)),
            ("ZIP (work)", PostalCode(Work)),
            ("Country (work)", Country(Work)),
            ("Street (home)", Street(Home)),
            ("City (home)", Locality(Home)),
            ("State (home)", Region(Home)),
            ("ZIP (home)", PostalCode(Home)),
            ("Country (home)", Country(Home)),
            ("Birthday", Birthday),
            ("URL", Website),
            ("Note", Notes),
        ],
    }
}

/// The headers each export writes in other languages than English.
fn localized(preset: CsvPreset) -> &'static [(&'static str, CsvField)] {
    match preset {
        CsvPreset::Outlook => super::csv_localized::OUTLOOK,
        CsvPreset::Gmail | CsvPreset::Thunderbird | CsvPreset::Apple => &[],
    }
}

/// What `header` means in `preset`'s export, in any of the suite's languages (headers compare
/// without case or outer spaces).
pub fn field_for(preset: CsvPreset, header: &str) -> Option<CsvField> {
    let header = header.trim().to_lowercase();
    columns(preset)
        .iter()
        .chain(localized(preset))
        .find(|(name, _)| name.to_lowercase() == header)
        .map(|(_, field)| *field)
}

/// Each column's meaning under a preset; `None` for a column it does not know.
pub fn mapping(preset: CsvPreset, headers: &[String]) -> Vec<Option<CsvField>> {
    headers.iter().map(|h| field_for(preset, h)).collect()
}

/// The export a header row most likely comes from: the preset that knows most of its columns,
/// if it knows at least three.
pub fn detect(headers: &[String]) -> Option<CsvPreset> {
    CsvPreset::ALL
        .into_iter()
        .map(|p| (p, mapping(p, headers).iter().flatten().count()))
        .filter(|(_, known)| *known >= 3)
        .max_by_key(|(_, known)| *known)
        .map(|(p, _)| p)
}

/// The header row of a CSV export: Outlook's columns, which Gmail, Apple Contacts and
/// Thunderbird all import.
pub fn export_headers() -> Vec<&'static str> {
    columns(CsvPreset::Outlook)
        .iter()
        .map(|(name, _)| *name)
        .collect()
}

/// A cell as a spreadsheet will open it. A cell that starts the way a formula does (`=`, `+`,
/// `-`, `@`, TAB, CR) gets a leading apostrophe, so Excel, LibreOffice and Google Sheets show it
/// as text instead of running it (`=HYPERLINK(...)`, `+cmd|...`). A phone number or a signed
/// number (digits, spaces and `+-()./`) stays as it is: no formula of those characters reaches
/// outside the cell, and a contacts app reading the file back wants `+41 79 ...` intact.
pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let formula_start = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let number_like = cell
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
    if formula_start && !number_like {
        format!("'{cell}").into()
    } else {
        cell.into()
    }
}

/// The first column of `slots` not yet filled that `fits`.
fn free_slot(slots: &[CsvField], row: &[String], fits: impl Fn(CsvField) -> bool) -> Option<usize> {
    (0..slots.len()).find(|&i| row[i].is_empty() && fits(slots[i]))
}

/// A contact as a row under `export_headers`. A value for which Outlook has no column left (a
/// fourth e-mail address) is not in the row: the vCard export is the complete one. `full_name`
/// stands in for the name parts when a card has none.
pub fn input_to_row(c: &ContactInput, full_name: &str) -> Vec<String> {
    let slots: Vec<CsvField> = columns(CsvPreset::Outlook)
        .iter()
        .map(|(_, f)| *f)
        .collect();
    let mut row = vec![String::new(); slots.len()];
    let no_parts = [&c.prefix, &c.first, &c.middle, &c.last]
        .iter()
        .all(|p| p.is_empty());
    for (i, field) in slots.iter().enumerate() {
        let value: &str = match field {
            CsvField::Prefix => &c.prefix,
            CsvField::First if no_parts => full_name,
            CsvField::First => &c.first,
            CsvField::Middle => &c.middle,
            CsvField::Last => &c.last,
            CsvField::Suffix => &c.suffix,
            CsvField::Nickname => &c.nickname,
            CsvField::Organization => &c.organization,
            CsvField::Title => &c.title,
            CsvField::Birthday => &c.birthday,
            CsvField::Anniversary => &c.anniversary,
            CsvField::Website => &c.website,
            CsvField::Notes => &c.notes,
            CsvField::Groups => {
                row[i] = c.groups.join(";");
                continue;
            }
            _ => continue,
        };
        row[i] = value.to_owned();
    }
    for email in &c.emails {
        if let Some(i) = free_slot(&slots, &row, |f| matches!(f, CsvField::Email(_))) {
            row[i] = email.value.clone();
        }
    }
    for phone in &c.phones {
        let slot = free_slot(&slots, &row, |f| f == CsvField::Phone(phone.kind))
            .or_else(|| free_slot(&slots, &row, |f| matches!(f, CsvField::Phone(_))));
        if let Some(i) = slot {
            row[i] = phone.value.clone();
        }
    }
    for address in &c.addresses {
        let street_free = |kind| free_slot(&slots, &row, |f| f == CsvField::Street(kind));
        let kind = [address.kind, Work, Home]
            .into_iter()
            .find(|k| street_free(*k).is_some());
        let Some(kind) = kind else { continue };
        for (field, value) in [
            (CsvField::Street(kind), &address.street),
            (CsvField::Locality(kind), &address.locality),
            (CsvField::Region(kind), &address.region),
            (CsvField::PostalCode(kind), &address.postal_code),
            (CsvField::Country(kind), &address.country),
        ] {
            if let Some(i) = slots.iter().position(|f| *f == field) {
                row[i] = value.clone();
            }
        }
    }
    row
}

/// A form date from a CSV cell: "YYYY-MM-DD" as is, "M/D/YYYY" as Outlook writes it, or "" when
/// it is neither (the form's check then names the field).
fn csv_date(cell: &str) -> String {
    let cell = cell.trim();
    let parts: Vec<&str> = cell.split('/').collect();
    match parts.as_slice() {
        [m, d, y] if y.len() == 4 => match (m.parse::<u8>(), d.parse::<u8>()) {
            (Ok(m), Ok(d)) => format!("{y}-{m:02}-{d:02}"),
            _ => cell.to_owned(),
        },
        _ => cell.to_owned(),
    }
}

/// A Gmail label ("* Home", "Work", "Mobile", a name of the user's own) as a kind; `None` for
/// an empty cell.
fn label_kind(label: &str) -> Option<FieldKind> {
    let label = label.trim_start_matches(['*', ' ']).to_lowercase();
    match label.as_str() {
        "" => None,
        "home" => Some(Home),
        "work" => Some(Work),
        "mobile" | "cell" => Some(Cell),
        _ => Some(Other),
    }
}

fn address(addresses: &mut Vec<PostalAddress>, kind: FieldKind) -> &mut PostalAddress {
    let at = match addresses.iter().position(|a| a.kind == kind) {
        Some(at) => at,
        None => {
            addresses.push(PostalAddress {
                kind,
                ..PostalAddress::default()
            });
            addresses.len() - 1
        }
    };
    &mut addresses[at]
}

/// The groups in a cell: Gmail separates them with " ::: " and lists its own ("* myContacts",
/// "* starred"), which are not groups; Outlook separates them with ";".
fn groups_cell(cell: &str) -> Vec<String> {
    let names: Vec<&str> = if cell.contains(":::") {
        cell.split(":::").collect()
    } else {
        cell.split(';').collect()
    };
    names
        .into_iter()
        .map(str::trim)
        .filter(|n| !n.is_empty() && !n.starts_with('*'))
        .map(str::to_owned)
        .collect()
}

/// Adds `value` to what `slot` already holds, after `separator`.
fn join(slot: &mut String, value: &str, separator: &str) {
    if !slot.is_empty() {
        slot.push_str(separator);
    }
    slot.push_str(value);
}

/// One row as a contact form, by the columns' meanings.
pub fn row_to_input(row: &[String], mapping: &[Option<CsvField>]) -> ContactInput {
    let mut c = ContactInput::default();
    let (mut year, mut month, mut day) = (String::new(), String::new(), String::new());
    let mut full_name = String::new();
    // A Gmail label column gives the kind of the value column after it.
    let (mut email_kind, mut phone_kind) = (None, None);
    for (cell, field) in row.iter().zip(mapping) {
        let value = cell.trim();
        let Some(field) = field else { continue };
        match field {
            CsvField::EmailLabel => email_kind = label_kind(value),
            CsvField::PhoneLabel => phone_kind = label_kind(value),
            _ => {}
        }
        if value.is_empty() {
            continue;
        }
        // Two columns on one field are joined: a second street line, notes in two columns.
        let set = |slot: &mut String| join(slot, value, " ");
        match *field {
            CsvField::Prefix => set(&mut c.prefix),
            CsvField::First => set(&mut c.first),
            CsvField::Middle => set(&mut c.middle),
            CsvField::Last => set(&mut c.last),
            CsvField::Suffix => set(&mut c.suffix),
            CsvField::Nickname => set(&mut c.nickname),
            CsvField::FullName => set(&mut full_name),
            CsvField::EmailLabel | CsvField::PhoneLabel => {}
            CsvField::Email(kind) => c.emails.push(TypedValue {
                kind: email_kind.take().unwrap_or(kind),
                value: value.to_owned(),
            }),
            CsvField::Phone(kind) => c.phones.push(TypedValue {
                kind: phone_kind.take().unwrap_or(kind),
                value: value.to_owned(),
            }),
            CsvField::Street(kind) => {
                join(&mut address(&mut c.addresses, kind).street, value, "\n")
            }
            CsvField::Locality(kind) => set(&mut address(&mut c.addresses, kind).locality),
            CsvField::Region(kind) => set(&mut address(&mut c.addresses, kind).region),
            CsvField::PostalCode(kind) => set(&mut address(&mut c.addresses, kind).postal_code),
            CsvField::Country(kind) => set(&mut address(&mut c.addresses, kind).country),
            CsvField::Organization => set(&mut c.organization),
            CsvField::Title => set(&mut c.title),
            CsvField::Birthday if c.birthday.is_empty() => c.birthday = csv_date(value),
            CsvField::Anniversary if c.anniversary.is_empty() => c.anniversary = csv_date(value),
            // A second date has no place of its own: it is kept in the notes.
            CsvField::Birthday | CsvField::Anniversary => join(&mut c.notes, value, "\n"),
            CsvField::BirthYear => set(&mut year),
            CsvField::BirthMonth => set(&mut month),
            CsvField::BirthDay => set(&mut day),
            CsvField::Website => set(&mut c.website),
            CsvField::Notes => join(&mut c.notes, value, "\n"),
            CsvField::Groups => c.groups.extend(groups_cell(value)),
            // Kept on the card by `custom_cells`: the form has no place for it.
            CsvField::Custom => {}
        }
    }
    if c.birthday.is_empty() && !month.is_empty() && !day.is_empty() {
        let (m, d) = (
            month.parse::<u8>().unwrap_or(0),
            day.parse::<u8>().unwrap_or(0),
        );
        c.birthday = if year.is_empty() {
            format!("--{m:02}-{d:02}")
        } else {
            format!("{year}-{m:02}-{d:02}")
        };
    }
    // A whole name only when the parts are missing: split at the last space.
    if c.first.is_empty() && c.last.is_empty() && !full_name.is_empty() {
        match full_name.rsplit_once(' ') {
            Some((first, last)) => {
                c.first = first.to_owned();
                c.last = last.to_owned();
            }
            None => c.first = full_name,
        }
    }
    c
}

/// The row's cells that the member keeps as fields of their own: each with its column's header.
pub fn custom_cells<'a>(
    row: &'a [String],
    mapping: &'a [Option<CsvField>],
    headers: &'a [String],
) -> impl Iterator<Item = (&'a str, &'a str)> {
    row.iter()
        .zip(mapping)
        .zip(headers)
        .filter(|((cell, field), _)| **field == Some(CsvField::Custom) && !cell.trim().is_empty())
        .map(|((cell, _), header)| (header.as_str(), cell.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_would_run_as_formulas_are_neutralised() {
        for (cell, out) in [
            (
                "=HYPERLINK(\"https://evil.example\",\"Click\")",
                "'=HYPERLINK(\"https://evil.example\",\"Click\")",
            ),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("+41 79 123 45 67", "+41 79 123 45 67"),
            ("-12.5", "-12.5"),
            ("Ada Lovelace", "Ada Lovelace"),
            ("a=b", "a=b"),
        ] {
            assert_eq!(spreadsheet_safe(cell), out);
        }
    }

    fn headers(line: &str) -> Vec<String> {
        line.split(',').map(str::to_owned).collect()
    }

    // Header rows as these programs write them (Outlook 365, Google Contacts, Thunderbird 115,
    // an iCloud export converted to CSV), shortened to their first columns where long.
    const OUTLOOK: &str = "Title,First Name,Middle Name,Last Name,Suffix,Company,Department,Job Title,Business Street,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,Business Phone,Home Phone,Mobile Phone,Birthday,E-mail Address,E-mail 2 Address,Notes,Web Page";
    const GMAIL: &str = "First Name,Middle Name,Last Name,Phonetic First Name,Name Prefix,Name Suffix,Nickname,Birthday,Notes,Organization Name,Organization Title,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - Street,Address 1 - City,Address 1 - Postal Code,Address 1 - Country,Website 1 - Value";
    const THUNDERBIRD: &str = "First Name,Last Name,Display Name,Nickname,Primary Email,Secondary Email,Screen Name,Work Phone,Home Phone,Fax Number,Pager Number,Mobile Number,Home Address,Home Address 2,Home City,Home State,Home ZipCode,Home Country,Work Address,Work City,Job Title,Department,Organization,Web Page 1,Birth Year,Birth Month,Birth Day,Notes";
    const APPLE: &str = "Prefix,First name,Middle name,Last name,Suffix,Nickname,Company,Job title,Email (work),Email (home),Phone (mobile),Phone (work),Street (home),City (home),ZIP (home),Country (home),Birthday,URL,Note";

    #[test]
    fn each_export_is_recognised_by_its_headers() {
        for (line, preset) in [
            (OUTLOOK, CsvPreset::Outlook),
            (GMAIL, CsvPreset::Gmail),
            (THUNDERBIRD, CsvPreset::Thunderbird),
            (APPLE, CsvPreset::Apple),
        ] {
            assert_eq!(detect(&headers(line)), Some(preset), "{line}");
        }
        assert_eq!(detect(&headers("a,b,c")), None);
    }

    #[test]
    fn real_headers_map_to_the_fields_they_hold() {
        let outlook = mapping(CsvPreset::Outlook, &headers(OUTLOOK));
        assert_eq!(
            outlook[0],
            Some(CsvField::Prefix),
            "Outlook's Title is the prefix"
        );
        assert_eq!(outlook[7], Some(CsvField::Title));
        assert_eq!(outlook[17], Some(CsvField::Phone(Cell)));
        assert_eq!(outlook[6], None, "Department is not kept");
        let gmail = mapping(CsvPreset::Gmail, &headers(GMAIL));
        assert_eq!(gmail[12], Some(CsvField::Email(Other)));
        assert_eq!(gmail[11], Some(CsvField::EmailLabel));
        let thunderbird = mapping(CsvPreset::Thunderbird, &headers(THUNDERBIRD));
        assert_eq!(thunderbird[24], Some(CsvField::BirthYear));
        let apple = mapping(CsvPreset::Apple, &headers(APPLE));
        assert_eq!(apple[9], Some(CsvField::Email(Home)));
    }

    #[test]
    fn a_row_becomes_a_contact_form() {
        let map = mapping(CsvPreset::Outlook, &headers(OUTLOOK));
        let mut row = vec![String::new(); map.len()];
        for (i, v) in [
            (0, "Dr."),
            (1, "Marie"),
            (3, "Curie"),
            (5, "Institut du Radium"),
            (8, "1 rue Pierre et Marie Curie"),
            (9, "Paris"),
            (17, "+33 6 12 34 56 78"),
            (18, "11/7/1867"),
            (19, "marie@radium.example"),
        ] {
            row[i] = v.to_owned();
        }
        let c = row_to_input(&row, &map);
        assert_eq!(
            (c.prefix.as_str(), c.first.as_str(), c.last.as_str()),
            ("Dr.", "Marie", "Curie")
        );
        assert_eq!(c.birthday, "1867-11-07");
        assert_eq!(c.addresses.len(), 1);
        assert_eq!(c.addresses[0].kind, Work);
        assert_eq!(c.addresses[0].locality, "Paris");
        assert_eq!(c.phones[0].kind, Cell);
        assert_eq!(c.emails[0].value, "marie@radium.example");

        let tb = mapping(CsvPreset::Thunderbird, &headers(THUNDERBIRD));
        let mut row = vec![String::new(); tb.len()];
        row[2] = "Ada King Lovelace".into();
        row[25] = "12".into();
        row[26] = "10".into();
        let c = row_to_input(&row, &tb);
        assert_eq!(
            (c.first.as_str(), c.last.as_str()),
            ("Ada King", "Lovelace")
        );
        assert_eq!(c.birthday, "--12-10");

        let gmail = mapping(CsvPreset::Gmail, &headers(GMAIL));
        let mut row = vec![String::new(); gmail.len()];
        row[0] = "Grace".into();
        row[11] = "* Work".into();
        row[12] = "grace@navy.example".into();
        row[13] = "Mobile".into();
        row[14] = "+1 555 0100".into();
        let c = row_to_input(&row, &gmail);
        assert_eq!((c.emails[0].kind, c.phones[0].kind), (Work, Cell));
    }

    #[test]
    fn groups_are_read_from_gmail_labels_and_outlook_categories() {
        let gmail = headers("Name,E-mail 1 - Value,Labels");
        let row = [
            "Ada".into(),
            "ada@example.org".into(),
            "* myContacts ::: Friends ::: Math".into(),
        ];
        let c = row_to_input(&row, &mapping(CsvPreset::Gmail, &gmail));
        assert_eq!(c.groups, ["Friends", "Math"]);
        let old_gmail = mapping(CsvPreset::Gmail, &headers("Name,Group Membership"));
        assert_eq!(old_gmail[1], Some(CsvField::Groups));
        let outlook = headers("First Name,Last Name,Categories");
        let row = ["Ada".into(), "Lovelace".into(), "Friends; Math;".into()];
        let c = row_to_input(&row, &mapping(CsvPreset::Outlook, &outlook));
        assert_eq!(c.groups, ["Friends", "Math"]);
    }

    #[test]
    fn an_exported_row_reads_back_as_the_same_contact() {
        let contact = ContactInput {
            prefix: "Dr.".into(),
            first: "Marie".into(),
            last: "Curie".into(),
            emails: vec![
                TypedValue {
                    kind: Work,
                    value: "marie@radium.example".into(),
                },
                TypedValue {
                    kind: Home,
                    value: "marie@home.example".into(),
                },
            ],
            phones: vec![
                TypedValue {
                    kind: Cell,
                    value: "+33 6 12 34 56 78".into(),
                },
                TypedValue {
                    kind: Other,
                    value: "+33 1 00 00 00 00".into(),
                },
            ],
            addresses: vec![PostalAddress {
                kind: Other,
                street: "1 rue Pierre et Marie Curie".into(),
                locality: "Paris".into(),
                ..PostalAddress::default()
            }],
            organization: "Institut du Radium".into(),
            birthday: "1867-11-07".into(),
            notes: "two\nlines".into(),
            groups: vec!["Nobel".into(), "Family".into()],
            ..ContactInput::default()
        };
        let headers: Vec<String> = export_headers().into_iter().map(str::to_owned).collect();
        assert_eq!(detect(&headers), Some(CsvPreset::Outlook));
        let row = input_to_row(&contact, "Marie Curie");
        let back = row_to_input(&row, &mapping(CsvPreset::Outlook, &headers));
        assert_eq!(back.first, "Marie");
        assert_eq!(back.emails.len(), 2);
        assert_eq!(back.phones[0].kind, Cell);
        assert_eq!(back.phones[1].value, "+33 1 00 00 00 00");
        assert_eq!(back.addresses[0].locality, "Paris");
        assert_eq!(back.addresses[0].kind, Work, "Outlook has no other address");
        assert_eq!(back.groups, ["Nobel", "Family"]);
        assert_eq!(
            (back.birthday.as_str(), back.notes.as_str()),
            ("1867-11-07", "two\nlines")
        );
        // A card with only a formatted name keeps it in the first-name column.
        let only_fn = input_to_row(&ContactInput::default(), "ACME Support");
        assert_eq!(
            row_to_input(&only_fn, &mapping(CsvPreset::Outlook, &headers)).first,
            "ACME Support"
        );
    }

    #[test]
    fn every_column_meaning_has_a_code() {
        let all = CsvField::all();
        // E-mails and phones in four kinds; the five address parts have no mobile kind.
        assert_eq!(all.len(), 20 + 2 * 4 + 5 * 3);
        assert_eq!(CsvField::from_code("street.cell"), None);
        assert_eq!(
            CsvField::from_code("phone.cell"),
            Some(CsvField::Phone(Cell))
        );
        for field in &all {
            assert_eq!(CsvField::from_code(&field.code()), Some(*field));
        }
        assert_eq!(CsvField::Email(Home).code(), "email.home");
        assert_eq!(
            CsvField::parse_list("first,,email.work"),
            Ok(vec![
                Some(CsvField::First),
                None,
                Some(CsvField::Email(Work))
            ])
        );
        assert_eq!(CsvField::parse_list("first,colour"), Err("colour".into()));
    }

    #[test]
    fn two_columns_on_one_field_are_joined_never_dropped() {
        let mapping = vec![
            Some(CsvField::First),
            Some(CsvField::Notes),
            Some(CsvField::Notes),
            Some(CsvField::Street(Work)),
            Some(CsvField::Street(Work)),
            Some(CsvField::Birthday),
            Some(CsvField::Birthday),
        ];
        let row: Vec<String> = [
            "Ada",
            "Met at the fair",
            "Prefers mornings",
            "Rue du Rhône 12",
            "Case postale 4",
            "1815-12-10",
            "1816-01-01",
        ]
        .map(str::to_owned)
        .to_vec();
        let c = row_to_input(&row, &mapping);
        assert_eq!(c.notes, "Met at the fair\nPrefers mornings\n1816-01-01");
        assert_eq!(c.addresses[0].street, "Rue du Rhône 12\nCase postale 4");
        assert_eq!(c.birthday, "1815-12-10");
    }

    #[test]
    fn outlook_headers_in_the_suites_languages_are_recognised() {
        for (line, email, mobile) in [
            (
                "Vorname,Nachname,Firma,E-Mail-Adresse,Mobiltelefon,Notizen",
                3,
                4,
            ),
            (
                "Prénom,Nom,Société,Adresse de messagerie,Tél. mobile,Notes",
                3,
                4,
            ),
            (
                "Nome,Cognome,Società,Indirizzo posta elettronica,Cellulare,Note",
                3,
                4,
            ),
            (
                "Nombre,Apellidos,Compañía,Dirección de correo electrónico,Teléfono móvil,Notas",
                3,
                4,
            ),
        ] {
            let headers = headers(line);
            assert_eq!(detect(&headers), Some(CsvPreset::Outlook), "{line}");
            let map = mapping(CsvPreset::Outlook, &headers);
            assert_eq!(map[0], Some(CsvField::First), "{line}");
            assert_eq!(map[1], Some(CsvField::Last), "{line}");
            assert_eq!(map[email], Some(CsvField::Email(Other)), "{line}");
            assert_eq!(map[mobile], Some(CsvField::Phone(Cell)), "{line}");
            assert_eq!(map[5], Some(CsvField::Notes), "{line}");
        }
        assert_eq!(
            field_for(CsvPreset::Outlook, " STRASSE GESCHÄFTLICH "),
            None,
            "a spelling Outlook does not write stays unmapped"
        );
        assert_eq!(
            field_for(CsvPreset::Outlook, " straße geschäftlich "),
            Some(CsvField::Street(Work))
        );
    }
}
