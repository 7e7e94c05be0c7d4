//! A file's name and media type as the suite keeps and serves them, whatever the member's
//! device sent: attachments of events and of messages alike.

/// The name a file is listed and downloaded under: its last path part, without control or
/// invisible formatting characters (a right-to-left override shows "x\u{202e}gpj.exe" as
/// "xexe.jpg"), at most 200 characters.
pub fn file_name(sent: &str) -> String {
    let last = sent.rsplit(['/', '\\']).next().unwrap_or_default();
    let name: String = last
        .chars()
        .filter(|c| !c.is_control() && !is_format(*c))
        .take(200)
        .collect();
    let name = name.trim();
    if name.is_empty() || name == "." || name == ".." {
        "attachment".to_owned()
    } else {
        name.to_owned()
    }
}

/// Unicode's format characters (category Cf) that change how a name reads: soft hyphen,
/// zero-width characters, bidirectional marks, embeddings, overrides and isolates, and the BOM.
fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{61c}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206f}' | '\u{feff}'
    )
}

/// The media type as stored: `type/subtype` in lowercase, without parameters; anything else is
/// `application/octet-stream`.
pub fn media_type_of(sent: &str) -> String {
    let essence = sent
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    let token = |s: &str| {
        !s.is_empty()
            && s.len() <= 64
            && s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$&^_.+-".contains(&b))
    };
    match essence.split_once('/') {
        Some((kind, sub)) if token(kind) && token(sub) => essence,
        _ => "application/octet-stream".to_owned(),
    }
}

/// Whether a browser may show the file in place: images other than SVG (which can carry
/// scripts), PDF, and plain text. Everything else downloads.
pub fn shown_inline(media_type: &str) -> bool {
    matches!(
        media_type,
        "image/png" | "image/jpeg" | "image/gif" | "image/webp" | "application/pdf" | "text/plain"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_keeps_its_last_part_without_controls() {
        assert_eq!(file_name("C:\\Users\\anna\\plan.pdf"), "plan.pdf");
        assert_eq!(file_name("../../etc/passwd"), "passwd");
        assert_eq!(file_name("a\r\nb.txt"), "ab.txt");
        assert_eq!(file_name(".."), "attachment");
        assert_eq!(file_name("  "), "attachment");
        assert_eq!(file_name(&"x".repeat(300)).chars().count(), 200);
        assert_eq!(file_name("invoice\u{202e}fdp.exe"), "invoicefdp.exe");
    }

    #[test]
    fn a_media_type_is_kept_only_when_well_formed() {
        assert_eq!(
            media_type_of("Application/PDF; charset=x"),
            "application/pdf"
        );
        assert_eq!(
            media_type_of("text/html\r\nX-Evil: 1"),
            "application/octet-stream"
        );
        assert_eq!(media_type_of(""), "application/octet-stream");
        assert_eq!(media_type_of("image/svg+xml"), "image/svg+xml");
        assert!(!shown_inline("image/svg+xml"));
        assert!(!shown_inline("text/html"));
        assert!(shown_inline("application/pdf"));
    }
}
