//! The pre-scan every uploaded file of content lines (iCalendar, RFC 5545; vCard, RFC 6350) goes
//! through before any parser sees it. Parsers of these formats recurse per nested component, so a
//! file nesting `BEGIN:X` 200,000 deep would overflow the stack: the scan refuses such a file
//! with a limit the user can read, in one linear pass and without recursion.
//!
//! The scan also outlines the file into its items (the components of a VCALENDAR, or the
//! components standing alone in the file), so each item is parsed on its own and one broken item
//! is skipped with its reason instead of sinking the whole file.

use crate::error::{DomainError, DomainResult, LimitKind};

/// How much a file may hold.
#[derive(Debug, Clone, Copy)]
pub struct Bounds {
    /// Components inside components, the outermost counting as 1.
    pub max_depth: usize,
    /// Components at every depth (VALARMs inside events, STANDARD inside VTIMEZONE...).
    pub max_components: usize,
    /// Items: what the outline lists.
    pub max_items: usize,
    /// The kind the item limit is reported as.
    pub items_kind: LimitKind,
    /// One content line, continuation lines included.
    pub max_line_bytes: usize,
    /// A component whose items are outlined instead of itself (VCALENDAR); `None` for vCard.
    pub container: Option<&'static str>,
}

/// One component of the file, as the parser will be given it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item<'t> {
    /// The component's name, upper-case (`VEVENT`).
    pub name: String,
    /// The file's line (1-based) its BEGIN is on.
    pub line: u32,
    /// From its BEGIN line to its END line, both included, as the file has them.
    pub text: &'t str,
    /// False when the file ends, or the same component begins again, before its END.
    pub complete: bool,
}

/// A file's items and the properties of its containers (the VCALENDAR's own lines).
#[derive(Debug, Default)]
pub struct Outline<'t> {
    pub items: Vec<Item<'t>>,
    /// How many containers the file holds (several VCALENDARs are merged).
    pub containers: usize,
}

/// What a logical line is, by its first word.
enum Line<'t> {
    Begin(&'t str),
    End,
    Other,
}

fn classify(line: &str) -> Line<'_> {
    let head = line.get(..6).unwrap_or("");
    if head.eq_ignore_ascii_case("BEGIN:") {
        Line::Begin(line[6..].trim())
    } else if line
        .get(..4)
        .is_some_and(|h| h.eq_ignore_ascii_case("END:"))
    {
        Line::End
    } else {
        Line::Other
    }
}

/// An item being read: where it started and at which depth.
struct Open {
    name: String,
    line: u32,
    start: usize,
    depth: usize,
}

/// A logical line: its first physical line's number and offset, its length so far, and its
/// beginning with the continuation lines joined as the parsers join them (enough to tell a
/// `BEGIN:` or `END:` and the component's name, however the line was folded).
struct Logical {
    number: u32,
    start: usize,
    len: usize,
    head: String,
}

/// Enough of a logical line to classify it.
const HEAD_CHARS: usize = 80;

impl Logical {
    fn push(&mut self, piece: &str) {
        self.len += piece.len();
        let room = HEAD_CHARS.saturating_sub(self.head.chars().count());
        self.head.extend(piece.chars().take(room));
    }
}

/// The scan's state between logical lines.
struct Scan<'t, 'b> {
    text: &'t str,
    bounds: &'b Bounds,
    out: Outline<'t>,
    depth: usize,
    components: usize,
    open: Option<Open>,
}

impl<'t> Scan<'t, '_> {
    /// Acts on a whole logical line, which ends at `end`.
    fn line(&mut self, line: &Logical, end: usize) -> DomainResult<()> {
        let bounds = self.bounds;
        match classify(&line.head) {
            Line::Begin(name) => {
                let name = name.to_ascii_uppercase();
                // The same component beginning again inside itself: the open one was cut off.
                if let Some(o) = self.open.take_if(|o| o.name == name) {
                    self.out.items.push(Item {
                        name: o.name,
                        line: o.line,
                        text: &self.text[o.start..line.start],
                        complete: false,
                    });
                    self.depth = o.depth - 1;
                }
                self.depth += 1;
                self.components += 1;
                if self.depth > bounds.max_depth {
                    return Err(DomainError::limit(
                        LimitKind::NestingDepth,
                        bounds.max_depth as u64,
                    ));
                }
                if self.components > bounds.max_components {
                    return Err(DomainError::limit(
                        LimitKind::FileComponents,
                        bounds.max_components as u64,
                    ));
                }
                if self.depth == 1 && bounds.container == Some(name.as_str()) {
                    self.out.containers += 1;
                    return Ok(());
                }
                // Depth 1 holds containers and items; with no item open, depth 2 is a
                // container's component.
                if self.open.is_none() && self.depth <= 2 {
                    if self.out.items.len() == bounds.max_items {
                        return Err(DomainError::limit(
                            bounds.items_kind,
                            bounds.max_items as u64,
                        ));
                    }
                    self.open = Some(Open {
                        name,
                        line: line.number,
                        start: line.start,
                        depth: self.depth,
                    });
                }
            }
            Line::End => {
                let depth = self.depth;
                if let Some(o) = self.open.take_if(|o| o.depth == depth) {
                    self.out.items.push(Item {
                        name: o.name,
                        line: o.line,
                        text: &self.text[o.start..end],
                        complete: true,
                    });
                }
                self.depth = self.depth.saturating_sub(1);
            }
            Line::Other => {}
        }
        Ok(())
    }
}

/// Scans `text` once: refuses it when a bound is crossed, else lists its items.
pub fn outline<'t>(text: &'t str, bounds: &Bounds) -> DomainResult<Outline<'t>> {
    let mut scan = Scan {
        text,
        bounds,
        out: Outline::default(),
        depth: 0,
        components: 0,
        open: None,
    };
    let mut logical: Option<Logical> = None;
    let mut offset = 0usize;
    for (n, physical) in text.split_inclusive('\n').enumerate() {
        let start = offset;
        offset += physical.len();
        let line = physical.trim_end_matches(['\n', '\r']);
        // A continuation: one space or tab, which unfolding removes, then more of the line.
        if let (Some(current), Some(rest)) = (
            logical.as_mut(),
            line.strip_prefix(' ').or_else(|| line.strip_prefix('\t')),
        ) {
            current.push(rest);
            if current.len > bounds.max_line_bytes {
                return Err(line_too_long(bounds));
            }
            continue;
        }
        if let Some(done) = logical.take() {
            scan.line(&done, start)?;
        }
        if line.len() > bounds.max_line_bytes {
            return Err(line_too_long(bounds));
        }
        let mut next = Logical {
            number: u32::try_from(n + 1).unwrap_or(u32::MAX),
            start,
            len: 0,
            head: String::new(),
        };
        next.push(line);
        logical = Some(next);
    }
    if let Some(done) = logical.take() {
        scan.line(&done, text.len())?;
    }
    let mut out = scan.out;
    if let Some(o) = scan.open {
        out.items.push(Item {
            name: o.name,
            line: o.line,
            text: &text[o.start..],
            complete: false,
        });
    }
    Ok(out)
}

fn line_too_long(bounds: &Bounds) -> DomainError {
    DomainError::limit(
        LimitKind::LineKilobytes,
        (bounds.max_line_bytes / 1024) as u64,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const ICS: Bounds = Bounds {
        max_depth: 4,
        max_components: 100,
        max_items: 10,
        items_kind: LimitKind::FileItems,
        max_line_bytes: 2048,
        container: Some("VCALENDAR"),
    };

    fn names(o: &Outline<'_>) -> Vec<(String, u32, bool)> {
        o.items
            .iter()
            .map(|i| (i.name.clone(), i.line, i.complete))
            .collect()
    }

    #[test]
    fn a_calendar_is_outlined_into_its_components() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VTIMEZONE\r\nTZID:X\r\nBEGIN:STANDARD\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\nBEGIN:VEVENT\r\nUID:a\r\nBEGIN:VALARM\r\nEND:VALARM\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let o = outline(text, &ICS).unwrap();
        assert_eq!(o.containers, 1);
        assert_eq!(
            names(&o),
            [("VTIMEZONE".into(), 3, true), ("VEVENT".into(), 8, true)]
        );
        assert!(o.items[1].text.starts_with("BEGIN:VEVENT\r\n"));
        assert!(o.items[1].text.ends_with("END:VEVENT\r\n"));
    }

    #[test]
    fn bare_components_and_several_calendars_are_items_too() {
        let text = "BEGIN:VEVENT\nUID:a\nEND:VEVENT\nBEGIN:VCALENDAR\nBEGIN:VTODO\nEND:VTODO\nEND:VCALENDAR\nBEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VEVENT\nEND:VCALENDAR\n";
        let o = outline(text, &ICS).unwrap();
        assert_eq!(o.containers, 2);
        assert_eq!(
            names(&o),
            [
                ("VEVENT".into(), 1, true),
                ("VTODO".into(), 5, true),
                ("VEVENT".into(), 9, true)
            ]
        );
    }

    #[test]
    fn an_item_cut_off_is_listed_as_incomplete() {
        let text = "BEGIN:VCARD\nFN:A\nBEGIN:VCARD\nFN:B\nEND:VCARD\nBEGIN:VCARD\nFN:C\n";
        let vcf = Bounds {
            container: None,
            ..ICS
        };
        let o = outline(text, &vcf).unwrap();
        assert_eq!(
            names(&o),
            [
                ("VCARD".into(), 1, false),
                ("VCARD".into(), 3, true),
                ("VCARD".into(), 6, false)
            ]
        );
        assert_eq!(o.items[0].text, "BEGIN:VCARD\nFN:A\n");
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        let text = format!("BEGIN:X\r\n{}", "BEGIN:Y\r\nBEGIN:Z\r\n".repeat(100_000));
        let err = outline(&text, &ICS).unwrap_err();
        assert_eq!(err, DomainError::limit(LimitKind::NestingDepth, 4));
        // The same component begun again and again is a run of cut-off items.
        let text = "BEGIN:X\r\n".repeat(200_000);
        let err = outline(&text, &ICS).unwrap_err();
        assert_eq!(err, DomainError::limit(LimitKind::FileItems, 10));
    }

    #[test]
    fn a_begin_folded_over_lines_counts_as_the_parser_reads_it() {
        let folded = format!(
            "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n{}",
            "B\r\n EGIN:X\r\nBE\r\n\tGIN:Y\r\n".repeat(10)
        );
        assert_eq!(
            outline(&folded, &ICS).unwrap_err(),
            DomainError::limit(LimitKind::NestingDepth, 4)
        );
        // A folded END closes its item where the folded line ends.
        let text = "BEGIN:VEVENT\r\nUID:1\r\nEN\r\n D:VEVENT\r\nBEGIN:VTODO\r\nEND:VTODO\r\n";
        let o = outline(text, &ICS).unwrap();
        assert_eq!(
            o.items[0].text,
            "BEGIN:VEVENT\r\nUID:1\r\nEN\r\n D:VEVENT\r\n"
        );
        assert!(o.items[0].complete && o.items[1].complete);
    }

    #[test]
    fn counts_lines_and_components_against_their_bounds() {
        let many = "BEGIN:VALARM\r\nEND:VALARM\r\n".repeat(101);
        let text = format!("BEGIN:VEVENT\r\n{many}END:VEVENT\r\n");
        assert_eq!(
            outline(&text, &ICS).unwrap_err(),
            DomainError::limit(LimitKind::FileComponents, 100)
        );
        let items = "BEGIN:VEVENT\r\nEND:VEVENT\r\n".repeat(11);
        assert_eq!(
            outline(&items, &ICS).unwrap_err(),
            DomainError::limit(LimitKind::FileItems, 10)
        );
        // A folded line counts whole.
        let folded = format!("BEGIN:VEVENT\r\nDESCRIPTION:{}\r\n", "xx\r\n ".repeat(1100));
        assert_eq!(
            outline(&folded, &ICS).unwrap_err(),
            DomainError::limit(LimitKind::LineKilobytes, 2)
        );
    }
}
