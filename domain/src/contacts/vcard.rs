//! vCard text through `calcard`: read a card (3.0 or 4.0), the columns it is indexed by, the
//! form's fields, and a card with the form's fields applied. Every property the form does not
//! manage (X- properties, keys, related people…) is kept as it was.

use super::model::{
    group_name, same_group, ContactInput, CustomField, FieldKind, PostalAddress, TypedValue,
};
use super::photo;
use crate::locale::sort_key;
use calcard::common::PartialDateTime;
use calcard::vcard::{
    VCard, VCardEntry, VCardParameter, VCardParameterName, VCardParameterValue, VCardProperty,
    VCardType, VCardValue, VCardVersion,
};

/// The properties the contact form edits; an edit replaces exactly these.
const MANAGED: [VCardProperty; 14] = [
    VCardProperty::Fn,
    VCardProperty::N,
    VCardProperty::Nickname,
    VCardProperty::Email,
    VCardProperty::Tel,
    VCardProperty::Adr,
    VCardProperty::Org,
    VCardProperty::Title,
    VCardProperty::Bday,
    VCardProperty::Anniversary,
    VCardProperty::Url,
    VCardProperty::Note,
    VCardProperty::Photo,
    VCardProperty::Categories,
];

/// The managed properties of which the form shows only the first.
const SHOWN_ONCE: [VCardProperty; 6] = [
    VCardProperty::Nickname,
    VCardProperty::Org,
    VCardProperty::Title,
    VCardProperty::Url,
    VCardProperty::Note,
    VCardProperty::Photo,
];

/// What a contact is found and sorted by.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactIndex {
    pub uid: String,
    pub full_name: String,
    pub sort_key: String,
    /// The first e-mail and phone number as written, for the list.
    pub email: String,
    pub phone: String,
    /// Lower-cased.
    pub emails: Vec<String>,
    /// Digits only, with a leading "+" kept.
    pub phones: Vec<String>,
    pub birthday: String,
    pub organization: String,
    /// The groups (CATEGORIES) as written, each once.
    pub categories: Vec<String>,
}

/// One card. Anything but exactly one vCard is an error, in the parser's words.
pub fn parse(text: &str) -> Result<VCard, String> {
    VCard::parse(text).map_err(|entry| format!("{entry:?}"))
}

/// The card as vCard 4.0 text, the form it is stored and served in. The writer escapes line
/// breaks inside values; any other control character (from an imported card) is dropped, since
/// vCard has no way to write it.
pub fn write(card: &VCard) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = card.write_to(&mut out, VCardVersion::V4_0);
    out.retain(|c| !c.is_ascii_control() || matches!(c, '\r' | '\n' | '\t'));
    out
}

/// A value as text; a list value (`a,b`) joined with commas.
fn text(value: &VCardValue) -> String {
    match value {
        VCardValue::Text(t) => t.clone(),
        VCardValue::Component(parts) => parts.join(","),
        VCardValue::PartialDateTime(d) => date_text(d),
        VCardValue::Integer(i) => i.to_string(),
        _ => String::new(),
    }
}

fn first_text(card: &VCard, prop: &VCardProperty) -> String {
    card.property(prop)
        .and_then(|e| e.values.first())
        .map(text)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// The `n`-th component of a structured value (N, ADR, ORG).
fn component(entry: &VCardEntry, n: usize) -> String {
    entry
        .values
        .get(n)
        .map(text)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

/// "YYYY-MM-DD", "--MM-DD" without a year, or "" when the value is not a date.
fn date_text(d: &PartialDateTime) -> String {
    match (d.year, d.month, d.day) {
        (Some(y), Some(m), Some(day)) => format!("{y:04}-{m:02}-{day:02}"),
        (None, Some(m), Some(day)) => format!("--{m:02}-{day:02}"),
        _ => String::new(),
    }
}

/// A form date, "YYYY-MM-DD" or "--MM-DD", as a vCard date (written "YYYYMMDD" or "--MMDD" in
/// 4.0); `None` unless it is a real calendar day (29 February needs no year).
pub fn parse_date(text: &str) -> Option<PartialDateTime> {
    let text = text.trim();
    let (year, rest) = match text.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => {
            let (y, rest) = text.split_once('-')?;
            (Some(y.parse::<u16>().ok().filter(|_| y.len() == 4)?), rest)
        }
    };
    let (m, d) = rest.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (month, day) = (m.parse::<u8>().ok()?, d.parse::<u8>().ok()?);
    let check_year = i32::from(year.unwrap_or(2000));
    chrono::NaiveDate::from_ymd_opt(check_year, u32::from(month), u32::from(day))?;
    Some(PartialDateTime {
        year,
        month: Some(month),
        day: Some(day),
        ..PartialDateTime::default()
    })
}

fn kind_of(entry: &VCardEntry) -> FieldKind {
    let mut kind = FieldKind::Other;
    for value in entry.parameters(&VCardParameterName::Type) {
        let found = match value {
            VCardParameterValue::Type(VCardType::Cell) => Some(FieldKind::Cell),
            VCardParameterValue::Type(VCardType::Home) => Some(FieldKind::Home),
            VCardParameterValue::Type(VCardType::Work) => Some(FieldKind::Work),
            VCardParameterValue::Text(t) => FieldKind::from_code(t),
            _ => None,
        };
        // "cell" says more than "home" or "work" for a phone.
        match found {
            Some(FieldKind::Cell) => return FieldKind::Cell,
            Some(k) if kind == FieldKind::Other => kind = k,
            _ => {}
        }
    }
    kind
}

fn typed(card: &VCard, prop: &VCardProperty) -> Vec<TypedValue> {
    card.properties(prop)
        .filter_map(|e| {
            let value = e.values.first().map(text)?.trim().to_owned();
            (!value.is_empty()).then(|| TypedValue {
                kind: kind_of(e),
                value,
            })
        })
        .collect()
}

/// The form's fields of a card (`book_id` left empty).
pub fn fields(card: &VCard) -> ContactInput {
    let n = card.property(&VCardProperty::N);
    let name = |i| n.map(|e| component(e, i)).unwrap_or_default();
    ContactInput {
        book_id: String::new(),
        last: name(0),
        first: name(1),
        middle: name(2),
        prefix: name(3),
        suffix: name(4),
        nickname: first_text(card, &VCardProperty::Nickname),
        emails: typed(card, &VCardProperty::Email),
        phones: typed(card, &VCardProperty::Tel),
        addresses: card
            .properties(&VCardProperty::Adr)
            .map(|e| PostalAddress {
                kind: kind_of(e),
                street: component(e, 2),
                locality: component(e, 3),
                region: component(e, 4),
                postal_code: component(e, 5),
                country: component(e, 6),
            })
            .filter(|a| !a.is_empty())
            .collect(),
        organization: card
            .property(&VCardProperty::Org)
            .map(|e| component(e, 0))
            .unwrap_or_default(),
        title: first_text(card, &VCardProperty::Title),
        birthday: first_text(card, &VCardProperty::Bday),
        anniversary: first_text(card, &VCardProperty::Anniversary),
        website: first_text(card, &VCardProperty::Url),
        notes: first_text(card, &VCardProperty::Note),
        groups: categories(card),
        photo: photo_text(card),
    }
}

/// The first PHOTO: a `data:` URI of the image the card holds, or the web address it names.
fn photo_text(card: &VCard) -> String {
    let Some(entry) = card.property(&VCardProperty::Photo) else {
        return String::new();
    };
    let hint = entry
        .parameters(&VCardParameterName::Type)
        .find_map(|v| match v {
            VCardParameterValue::Text(t) => Some(t.as_str()),
            _ => None,
        });
    match entry.values.first() {
        Some(VCardValue::Binary(data)) => photo::data_uri(data, hint),
        Some(VCardValue::Text(t)) => t.trim().to_owned(),
        _ => String::new(),
    }
}

/// The card's groups: every CATEGORIES value, each name once (letter case aside).
pub fn categories(card: &VCard) -> Vec<String> {
    let values = card
        .properties(&VCardProperty::Categories)
        .flat_map(|e| e.values.iter().map(text))
        .collect::<Vec<_>>();
    distinct_groups(values.iter())
}

/// Each group once (letter case aside), its name on one line (the index column holds one per
/// line), in the order given.
fn distinct_groups<'a>(names: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names.map(|n| group_name(n)) {
        if !name.is_empty() && !out.iter().any(|n| same_group(n, &name)) {
            out.push(name);
        }
    }
    out
}

/// Gives the card these groups, in one CATEGORIES property (none when empty).
pub fn set_categories(card: &mut VCard, groups: &[String]) {
    card.entries.retain(|e| e.name != VCardProperty::Categories);
    if !groups.is_empty() {
        card.entries.push(entry(
            VCardProperty::Categories,
            Vec::new(),
            groups.to_vec(),
        ));
    }
}

/// The name parts in reading order: "Dr. Marie Salomea Curie".
fn parts_name(fields: &ContactInput) -> String {
    [
        &fields.prefix,
        &fields.first,
        &fields.middle,
        &fields.last,
        &fields.suffix,
    ]
    .iter()
    .map(|p| p.trim())
    .filter(|p| !p.is_empty())
    .collect::<Vec<_>>()
    .join(" ")
}

/// The name a list shows: FN, else one made of the name parts, the nickname, the organization
/// or an e-mail.
pub fn display_name(fields: &ContactInput, formatted: &str) -> String {
    let found = [
        formatted.trim(),
        &parts_name(fields),
        fields.nickname.trim(),
        fields.organization.trim(),
    ]
    .into_iter()
    .find(|s| !s.is_empty())
    .map(str::to_owned);
    found
        .or_else(|| fields.emails.first().map(|e| e.value.trim().to_owned()))
        .unwrap_or_default()
}

/// Digits of a phone number, a leading "+" kept: "+41 (0)21 555 12 12" → "+41215551212" is not
/// attempted (the "(0)" is kept as a digit); duplicates compare numbers written the same way.
pub fn normalize_phone(phone: &str) -> String {
    let trimmed = phone.trim();
    let plus = if trimmed.starts_with('+') { "+" } else { "" };
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    format!("{plus}{digits}")
}

/// The index columns of a card.
pub fn index(card: &VCard) -> ContactIndex {
    let f = fields(card);
    let full_name = display_name(&f, &first_text(card, &VCardProperty::Fn));
    let sort_base = if f.last.is_empty() && f.first.is_empty() {
        full_name.clone()
    } else {
        format!("{} {}", f.last, f.first)
    };
    ContactIndex {
        uid: card.uid().unwrap_or_default().trim().to_owned(),
        sort_key: sort_key(&sort_base),
        email: f
            .emails
            .first()
            .map(|e| e.value.clone())
            .unwrap_or_default(),
        phone: f
            .phones
            .first()
            .map(|p| p.value.clone())
            .unwrap_or_default(),
        emails: f.emails.iter().map(|e| e.value.to_lowercase()).collect(),
        phones: f
            .phones
            .iter()
            .map(|p| normalize_phone(&p.value))
            .filter(|p| p.len() > 1)
            .collect(),
        birthday: f.birthday.clone(),
        organization: f.organization.clone(),
        categories: categories(card),
        full_name,
    }
}

fn entry(name: VCardProperty, params: Vec<VCardParameter>, values: Vec<String>) -> VCardEntry {
    VCardEntry {
        group: None,
        name,
        params,
        values: values.into_iter().map(VCardValue::Text).collect(),
    }
}

fn type_param(kind: FieldKind) -> Vec<VCardParameter> {
    let value = match kind {
        FieldKind::Home => VCardType::Home,
        FieldKind::Work => VCardType::Work,
        FieldKind::Cell => VCardType::Cell,
        FieldKind::Other => return Vec::new(),
    };
    vec![VCardParameter {
        name: VCardParameterName::Type,
        value: VCardParameterValue::Type(value),
    }]
}

/// The parameter that holds a custom field's name as the member wrote it (a CSV header).
const LABEL: &str = "X-LABEL";
/// Characters of a custom field's name kept: a header is a name, not data, and it is
/// repeated on every card.
pub const MAX_LABEL: usize = 100;
/// Bytes of the property name made from it.
const MAX_NAME: usize = 64;

/// A custom field's property name from its label: `X-` and the label's letters and digits,
/// with `-` for anything else ("Phonetic First Name" is `X-PHONETIC-FIRST-NAME`).
fn custom_name(label: &str) -> String {
    let mut name = String::from("X-");
    for c in label.chars() {
        if c.is_ascii_alphanumeric() {
            name.push(c.to_ascii_uppercase());
        } else if !name.ends_with('-') {
            name.push('-');
        }
    }
    name.truncate(MAX_NAME);
    let name = name.trim_end_matches('-');
    if name.len() > 2 {
        name.to_owned()
    } else {
        "X-CUSTOM".to_owned()
    }
}

/// Adds a field of the member's own: an `X-` property named after `label`, which it keeps as
/// written (quotes and line breaks, which a parameter cannot hold, dropped).
pub fn add_custom(card: &mut VCard, label: &str, value: &str) {
    let label: String = label
        .chars()
        .filter(|c| *c != '"' && !c.is_control())
        .take(MAX_LABEL)
        .collect();
    let params = vec![VCardParameter {
        name: VCardParameterName::Other(LABEL.to_owned()),
        value: VCardParameterValue::Text(label.trim().to_owned()),
    }];
    let name = VCardProperty::Other(custom_name(&label));
    card.entries
        .push(entry(name, params, vec![value.trim().to_owned()]));
}

/// The fields of the member's own on the card: its `X-` properties that carry a name.
pub fn custom_fields(card: &VCard) -> Vec<CustomField> {
    card.entries
        .iter()
        .filter(|e| matches!(&e.name, VCardProperty::Other(n) if n.starts_with("X-")))
        .filter_map(|e| {
            let label = e.params.iter().find_map(|p| match (&p.name, &p.value) {
                (VCardParameterName::Other(n), VCardParameterValue::Text(t))
                    if n.eq_ignore_ascii_case(LABEL) =>
                {
                    Some(t.clone())
                }
                _ => None,
            })?;
            let value = value_text(e);
            (!value.is_empty()).then_some(CustomField { label, value })
        })
        .collect()
}

/// Takes every PHOTO off the card.
pub fn remove_photos(card: &mut VCard) {
    card.entries.retain(|e| e.name != VCardProperty::Photo);
}

/// Gives the card this UID, in place of any it had.
pub fn set_uid(card: &mut VCard, uid: &str) {
    card.entries.retain(|e| e.name != VCardProperty::Uid);
    card.entries
        .push(entry(VCardProperty::Uid, Vec::new(), vec![uid.to_owned()]));
}

/// The form's value of a property it shows once, ahead of any further ones the card keeps.
fn single(card: &mut VCard, prop: VCardProperty, value: &str) {
    let value = value.trim();
    if !value.is_empty() {
        let at = card
            .entries
            .iter()
            .position(|e| e.name == prop)
            .unwrap_or(card.entries.len());
        card.entries
            .insert(at, entry(prop, Vec::new(), vec![value.to_owned()]));
    }
}

/// `card` (a new one when `None`, with this UID) with the form's fields in place of the managed
/// properties; everything else it holds stays.
pub fn apply(card: Option<VCard>, uid: &str, input: &ContactInput) -> VCard {
    let mut card = card.unwrap_or_default();
    // The name parts make the shown name; a card that has none keeps the one it had.
    let parts = parts_name(input);
    let formatted = if parts.is_empty() {
        first_text(&card, &VCardProperty::Fn)
    } else {
        parts
    };
    // The form shows one nickname, organization, title, website and note: an edit replaces that
    // first one and keeps any further ones (a merge may have added them).
    let mut shown_once = Vec::new();
    card.entries.retain(|e| {
        if matches!(
            e.name,
            VCardProperty::Begin | VCardProperty::End | VCardProperty::Version
        ) {
            return false;
        }
        if SHOWN_ONCE.contains(&e.name) {
            if shown_once.contains(&e.name) {
                return true;
            }
            shown_once.push(e.name.clone());
            return false;
        }
        !MANAGED.contains(&e.name)
    });
    if card.uid().is_none() {
        set_uid(&mut card, uid);
    }
    let full_name = display_name(input, &formatted);
    card.entries
        .push(entry(VCardProperty::Fn, Vec::new(), vec![full_name]));
    let n = [
        &input.last,
        &input.first,
        &input.middle,
        &input.prefix,
        &input.suffix,
    ];
    card.entries.push(entry(
        VCardProperty::N,
        Vec::new(),
        n.iter().map(|p| p.trim().to_owned()).collect(),
    ));
    single(&mut card, VCardProperty::Nickname, &input.nickname);
    for (prop, list) in [
        (VCardProperty::Email, &input.emails),
        (VCardProperty::Tel, &input.phones),
    ] {
        for v in list.iter().filter(|v| !v.value.trim().is_empty()) {
            card.entries.push(entry(
                prop.clone(),
                type_param(v.kind),
                vec![v.value.trim().to_owned()],
            ));
        }
    }
    for a in input.addresses.iter().filter(|a| !a.is_empty()) {
        let parts = [
            "",
            "",
            &a.street,
            &a.locality,
            &a.region,
            &a.postal_code,
            &a.country,
        ];
        card.entries.push(entry(
            VCardProperty::Adr,
            type_param(a.kind),
            parts.iter().map(|p| p.trim().to_owned()).collect(),
        ));
    }
    single(&mut card, VCardProperty::Org, &input.organization);
    single(&mut card, VCardProperty::Title, &input.title);
    for (prop, value) in [
        (VCardProperty::Bday, &input.birthday),
        (VCardProperty::Anniversary, &input.anniversary),
    ] {
        if let Some(date) = parse_date(value) {
            card.entries.push(VCardEntry {
                group: None,
                name: prop,
                params: Vec::new(),
                values: vec![VCardValue::PartialDateTime(date)],
            });
        }
    }
    single(&mut card, VCardProperty::Url, &input.website);
    single(&mut card, VCardProperty::Note, &input.notes);
    set_categories(&mut card, &distinct_groups(input.groups.iter()));
    let photo = input.photo.trim();
    if !photo.is_empty() {
        // `check` has refused a photo that does not decode.
        let value = match photo::decode(photo) {
            Ok(Some(data)) => VCardValue::Binary(data),
            _ => VCardValue::Text(photo.to_owned()),
        };
        let at = card
            .entries
            .iter()
            .position(|e| e.name == VCardProperty::Photo)
            .unwrap_or(card.entries.len());
        card.entries.insert(
            at,
            VCardEntry {
                group: None,
                name: VCardProperty::Photo,
                params: Vec::new(),
                values: vec![value],
            },
        );
    }
    card
}

/// A property's values as one comparable text: "EMAIL" case-insensitive, "TEL" by its digits.
fn value_key(e: &VCardEntry) -> String {
    let joined = e.values.iter().map(text).collect::<Vec<_>>().join(";");
    match e.name {
        VCardProperty::Tel => normalize_phone(&joined),
        _ => joined.trim().to_lowercase(),
    }
}

/// A property's value as the merge preview shows it: an address's parts joined by commas.
pub fn value_text(e: &VCardEntry) -> String {
    e.values
        .iter()
        .map(|v| text(v).trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Adds to `reference` every value of `other` it does not hold, and returns those entries. The
/// name, UID and revision stay the reference's; a birthday, anniversary, gender or photo only
/// comes over when the reference has none (a card holds one).
pub fn merge_into(reference: &mut VCard, other: &VCard) -> Vec<VCardEntry> {
    use VCardProperty as P;
    let mut added = Vec::new();
    for e in &other.entries {
        match e.name {
            P::Begin
            | P::End
            | P::Version
            | P::Uid
            | P::Rev
            | P::Prodid
            | P::Fn
            | P::N
            | P::Kind => continue,
            P::Bday | P::Anniversary | P::Gender | P::Photo => {
                if reference.property(&e.name).is_some() {
                    continue;
                }
            }
            _ => {
                let key = value_key(e);
                if key.is_empty() || reference.properties(&e.name).any(|r| value_key(r) == key) {
                    continue;
                }
            }
        }
        let mut entry = e.clone();
        // A group name ("item1.") ties properties within one card only.
        entry.group = None;
        reference.entries.push(entry.clone());
        added.push(entry);
    }
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    const V3: &str = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:abc-1\r\nFN:Dr. Marie Curie\r\n\
N:Curie;Marie;Salomea;Dr.;\r\nNICKNAME:Manya\r\nEMAIL;TYPE=INTERNET,WORK:Marie@Radium.example\r\n\
TEL;TYPE=CELL,VOICE:+33 6 12 34 56 78\r\nTEL;TYPE=HOME:01 23 45 67 89\r\n\
ADR;TYPE=WORK:;;1 rue Pierre et Marie Curie;Paris;;75005;France\r\nORG:Institut du Radium;Labo\r\n\
TITLE:Director\r\nBDAY:1867-11-07\r\nURL:https://radium.example\r\nNOTE:Two Nobel prizes\r\n\
X-CUSTOM;X-PARAM=1:kept as is\r\nCATEGORIES:Science,Friends\r\nEND:VCARD\r\n";

    #[test]
    fn control_characters_never_reach_the_wire() {
        let card = parse(
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ada\u{7}\r\nNOTE:one\\ntwo\u{1b}\r\nEND:VCARD\r\n",
        )
        .unwrap();
        let out = write(&card);
        assert!(!out.contains(['\u{7}', '\u{1b}']), "{out:?}");
        assert!(out.contains("FN:Ada\r\n"), "{out:?}");
        let bare_cr = out.replace("\r\n", "").contains('\r');
        assert!(!bare_cr, "{out:?}");
    }

    #[test]
    fn reads_the_fields_of_a_v3_card() {
        let card = parse(V3).unwrap();
        let f = fields(&card);
        assert_eq!(
            (
                f.prefix.as_str(),
                f.first.as_str(),
                f.middle.as_str(),
                f.last.as_str()
            ),
            ("Dr.", "Marie", "Salomea", "Curie")
        );
        assert_eq!(f.nickname, "Manya");
        assert_eq!(
            f.emails,
            [TypedValue {
                kind: FieldKind::Work,
                value: "Marie@Radium.example".into()
            }]
        );
        assert_eq!(f.phones[0].kind, FieldKind::Cell);
        assert_eq!(f.phones[1].kind, FieldKind::Home);
        assert_eq!(f.addresses[0].street, "1 rue Pierre et Marie Curie");
        assert_eq!(f.addresses[0].postal_code, "75005");
        assert_eq!(f.addresses[0].kind, FieldKind::Work);
        assert_eq!(f.organization, "Institut du Radium");
        assert_eq!(f.birthday, "1867-11-07");
        assert_eq!(f.website, "https://radium.example");
    }

    #[test]
    fn indexes_names_emails_phones_and_birthday() {
        let idx = index(&parse(V3).unwrap());
        assert_eq!(idx.uid, "abc-1");
        assert_eq!(idx.full_name, "Dr. Marie Curie");
        assert_eq!(idx.sort_key, "curie marie");
        assert_eq!(idx.emails, ["marie@radium.example"]);
        assert_eq!(idx.phones, ["+33612345678", "0123456789"]);
        assert_eq!(idx.birthday, "1867-11-07");
    }

    #[test]
    fn an_edit_keeps_what_the_form_does_not_show() {
        let card = parse(V3).unwrap();
        let mut f = fields(&card);
        f.title = "Professor".into();
        f.phones.remove(1);
        let text = write(&apply(Some(card), "ignored", &f));
        assert!(text.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{text}");
        assert!(text.contains("X-CUSTOM;X-PARAM=1:kept as is"), "{text}");
        assert!(text.contains("CATEGORIES:Science,Friends"), "{text}");
        assert!(text.contains("UID:abc-1"), "{text}");
        let again = fields(&parse(&text).unwrap());
        assert_eq!(again.title, "Professor");
        assert_eq!(again.phones.len(), 1);
        assert_eq!(again.emails, f.emails);
        assert_eq!(again.addresses, f.addresses);
        assert_eq!(again.birthday, "1867-11-07");
    }

    #[test]
    fn a_new_card_round_trips_through_text() {
        let input = ContactInput {
            first: "Ada".into(),
            last: "Lovelace".into(),
            emails: vec![TypedValue {
                kind: FieldKind::Home,
                value: "ada@example.org".into(),
            }],
            birthday: "--12-10".into(),
            notes: "Semicolons; commas, and\nnew lines".into(),
            ..ContactInput::default()
        };
        let text = write(&apply(None, "uid-ada", &input));
        let card = parse(&text).unwrap();
        assert_eq!(card.uid(), Some("uid-ada"));
        let back = fields(&card);
        assert_eq!(back.notes, input.notes);
        assert_eq!(back.birthday, "--12-10");
        assert_eq!(back.emails, input.emails);
        assert_eq!(index(&card).full_name, "Ada Lovelace");
    }

    #[test]
    fn the_shown_name_falls_back_to_organization_then_email() {
        let mut f = ContactInput {
            organization: "ACME".into(),
            ..ContactInput::default()
        };
        assert_eq!(display_name(&f, ""), "ACME");
        f.organization.clear();
        f.emails.push(TypedValue {
            kind: FieldKind::Other,
            value: "x@y.example".into(),
        });
        assert_eq!(display_name(&f, ""), "x@y.example");
        assert_eq!(display_name(&f, " Given "), "Given");
    }

    #[test]
    fn form_dates_are_real_days() {
        assert!(parse_date("1990-02-28").is_some());
        assert!(parse_date("--02-29").is_some());
        assert_eq!(parse_date("--02-29").unwrap().year, None);
        for bad in [
            "1990-02-29",
            "1990-13-01",
            "90-01-01",
            "--1-1",
            "tomorrow",
            "",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn groups_are_the_categories_each_once() {
        let mut card = parse(V3).unwrap();
        assert_eq!(categories(&card), ["Science", "Friends"]);
        assert_eq!(index(&card).categories, ["Science", "Friends"]);
        set_categories(&mut card, &["Friends".into(), "Nobel, 1911".into()]);
        let again = parse(&write(&card)).unwrap();
        assert_eq!(categories(&again), ["Friends", "Nobel, 1911"]);
        set_categories(&mut card, &[]);
        assert!(!write(&card).contains("CATEGORIES"));
        let doubled = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:X\r\nCATEGORIES:a,A\r\n\
CATEGORIES:b\r\nEND:VCARD\r\n";
        assert_eq!(categories(&parse(doubled).unwrap()), ["a", "b"]);
    }

    #[test]
    fn a_photo_round_trips_and_a_version_3_photo_reads_as_a_data_uri() {
        let jpeg = "data:image/jpeg;base64,/9j/4AAQSkZJRg==";
        let input = ContactInput {
            first: "Ada".into(),
            photo: jpeg.into(),
            ..ContactInput::default()
        };
        // calcard escapes the URI's comma, which python vobject needs to read it whole.
        let written = "PHOTO:data:image/jpeg;base64\\,/9j/4AAQSkZJRg==\r\n";
        let text = write(&apply(None, "uid-ada", &input));
        assert!(text.contains(written), "{text}");
        let card = parse(&text).unwrap();
        assert_eq!(fields(&card).photo, jpeg);
        let removed = apply(
            Some(card),
            "",
            &ContactInput {
                photo: String::new(),
                ..input
            },
        );
        assert_eq!(fields(&removed).photo, "");
        let v3 = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Old\r\n\
PHOTO;ENCODING=b;TYPE=JPEG:/9j/4AAQSkZJRg==\r\nEND:VCARD\r\n";
        let old = parse(v3).unwrap();
        assert_eq!(fields(&old).photo, jpeg);
    }

    #[test]
    fn a_custom_field_keeps_its_name_through_text_and_an_edit() {
        let mut card = apply(
            None,
            "u1",
            &ContactInput {
                first: "Ada".into(),
                ..ContactInput::default()
            },
        );
        add_custom(
            &mut card,
            "Société \"mère\"; Zweig",
            "Analytical Engines, Ltd",
        );
        add_custom(&mut card, "***", "kept");
        let text = write(&card);
        assert!(text.contains("X-SOCI-T-M-RE-ZWEIG;"), "{text}");
        let back = parse(&text).unwrap_or_default();
        let edited = apply(Some(back), "u1", &fields(&parse(&text).unwrap_or_default()));
        assert_eq!(
            custom_fields(&edited),
            [
                CustomField {
                    label: "Société mère; Zweig".into(),
                    value: "Analytical Engines, Ltd".into()
                },
                CustomField {
                    label: "***".into(),
                    value: "kept".into()
                }
            ]
        );
        assert!(write(&edited).contains("X-CUSTOM;"));
    }

    #[test]
    fn garbage_is_not_a_card() {
        assert!(parse("hello").is_err());
        assert!(parse("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n").is_err());
    }
}
