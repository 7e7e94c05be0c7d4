//! One item of an uploaded calendar (a VEVENT, a VTODO, a VTIMEZONE), read as leniently as
//! python `icalendar` reads it and kept as strictly as the next reader needs. A line that is no
//! content line, a value of the wrong type and a sub-component without what it requires are left
//! out, each named, so the item is imported without them instead of being refused whole.

use super::event::{MAX_LOCATION, MAX_TITLE};
use super::ical::{self, own, prop};
use super::values;
use icalendar::parser::Component;

/// An item as it will be stored, and what was left out of it, in English.
pub struct ReadItem {
    pub component: Component<'static>,
    pub left_out: Vec<String>,
}

/// Reads one item's text (BEGIN to END); `Err` is the parser's reason when even its readable
/// lines do not make a component.
pub fn read_item(text: &str) -> Result<ReadItem, String> {
    let unfolded = ical::unfolded(text);
    let mut left_out = Vec::new();
    let mut component = match ical::parse_component(&unfolded) {
        Ok(c) => own(&c),
        Err(reason) => {
            let readable = readable_lines(&unfolded, &mut left_out);
            if left_out.is_empty() {
                return Err(reason);
            }
            let c = ical::parse_component(&readable).map_err(|_| reason)?;
            own(&c)
        }
    };
    keep_valid(&mut component, &mut left_out);
    cut_long_texts(&mut component, &mut left_out);
    Ok(ReadItem {
        component,
        left_out,
    })
}

/// A title and a place of the length the event form takes: they are copied into every
/// occurrence a view draws, so a megabyte title repeated by a series would fill the memory.
fn cut_long_texts(c: &mut Component<'static>, left_out: &mut Vec<String>) {
    for (name, max) in [("SUMMARY", MAX_TITLE), ("LOCATION", MAX_LOCATION)] {
        for p in c.properties.iter_mut().filter(|p| p.name.as_str() == name) {
            if p.val.as_str().chars().count() > max {
                let cut: String = p.val.as_str().chars().take(max).collect();
                p.val = cut.into();
                left_out.push(format!("{name}: cut to {max} characters"));
            }
        }
    }
}

/// What a component of this kind cannot do without, if it lacks it.
pub fn missing_requirement(c: &Component<'_>) -> Option<String> {
    let required: &[&str] = match c.name.as_str() {
        "VALARM" => &["ACTION", "TRIGGER"],
        "STANDARD" | "DAYLIGHT" => &["DTSTART", "TZOFFSETFROM", "TZOFFSETTO"],
        "VTIMEZONE" => &["TZID"],
        _ => &[],
    };
    let name = c.name.as_str();
    if let Some(lacking) = required.iter().find(|p| prop(c, p).is_none()) {
        return Some(format!("{name} without {lacking} left out"));
    }
    let rules = c
        .components
        .iter()
        .any(|r| matches!(r.name.as_str(), "STANDARD" | "DAYLIGHT"));
    (name == "VTIMEZONE" && !rules).then(|| format!("{name} without STANDARD or DAYLIGHT left out"))
}

/// The lines of `unfolded` that read as content lines on their own; the others are named in
/// `left_out`.
fn readable_lines(unfolded: &str, left_out: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(unfolded.len());
    for line in unfolded.lines() {
        let upper = line.get(..6).unwrap_or(line).to_ascii_uppercase();
        let marker = upper.starts_with("BEGIN:") || upper.starts_with("END:");
        if marker || line_reads(line) {
            out.push_str(line);
            out.push_str("\r\n");
        } else if !line.trim().is_empty() {
            let shown: String = line.chars().take(40).collect();
            left_out.push(format!("unreadable line {shown:?}"));
        }
    }
    out
}

fn line_reads(line: &str) -> bool {
    let probe = format!("BEGIN:X\r\n{line}\r\nEND:X\r\n");
    Component::try_from(probe.as_str()).is_ok_and(|c| c.properties.len() == 1)
}

/// Drops the values no strict reader takes, and the sub-components left without what they
/// require. Depth is bounded by the upload's pre-scan.
fn keep_valid(c: &mut Component<'static>, left_out: &mut Vec<String>) {
    c.properties.retain(|p| match values::problem(p) {
        None => true,
        Some(why) => {
            left_out.push(why);
            false
        }
    });
    c.components.retain_mut(|sub| {
        keep_valid(sub, left_out);
        match missing_requirement(sub) {
            None => true,
            Some(why) => {
                left_out.push(why);
                false
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_lines_and_invalid_values_are_left_out_by_name() {
        let text = "BEGIN:VEVENT\nUID:1\nDTSTART:20261201T090000Z\nDTEND:tomorrow\nSUMMARY=oops\nSUMMARY:Kept\nBEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:PT-2H\nEND:VALARM\nEND:VEVENT\n";
        let read = read_item(text).unwrap();
        assert_eq!(ical::text(&read.component, "SUMMARY"), "Kept");
        assert!(prop(&read.component, "DTEND").is_none());
        assert!(read.component.components.is_empty());
        assert_eq!(
            read.left_out,
            [
                "unreadable line \"SUMMARY=oops\"",
                "DTEND: invalid value \"tomorrow\"",
                "TRIGGER: invalid value \"PT-2H\"",
                "VALARM without TRIGGER left out"
            ]
        );
    }

    #[test]
    fn a_readable_item_is_kept_whole() {
        let text =
            "BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20261201\r\nX-ANY:thing\r\nEND:VEVENT\r\n";
        let read = read_item(text).unwrap();
        assert!(read.left_out.is_empty());
        assert_eq!(read.component.properties.len(), 3);
        assert!(read_item("BEGIN:VEVENT\r\nEND:VTODO\r\n").is_err());
    }
}
