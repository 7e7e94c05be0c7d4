//! The search box's language, as Gmail and kSuite Mail read it: free words (over subject,
//! people, body and attachment names) and the operators `from:`, `to:`, `subject:`,
//! `has:attachment`, `is:unread`, `is:starred`, `before:`, `after:` (dates as `2026-12-01`)
//! and `in:` (a folder). A value in double quotes may hold spaces; an operator the box does
//! not know is searched as words.

use crate::calendar::days::Day;

/// Words one search may hold: more only slow it down.
pub const MAX_WORDS: usize = 20;
/// A word's length, in characters: longer ones are cut.
const MAX_WORD: usize = 64;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Found anywhere in the message.
    pub words: Vec<String>,
    pub from: Vec<String>,
    pub to: Vec<String>,
    pub subject: Vec<String>,
    pub has_attachment: bool,
    pub unread: bool,
    pub starred: bool,
    /// Received before that day began (UTC).
    pub before: Option<Day>,
    /// Received on that day or later (UTC).
    pub after: Option<Day>,
    /// A folder's name or role (`inbox`, `sent`...), as typed.
    pub folder: Option<String>,
}

impl SearchQuery {
    /// Whether it asks for words, which the full-text index answers.
    pub fn has_words(&self) -> bool {
        !(self.words.is_empty()
            && self.from.is_empty()
            && self.to.is_empty()
            && self.subject.is_empty())
    }

    fn word_count(&self) -> usize {
        self.words.len() + self.from.len() + self.to.len() + self.subject.len()
    }
}

/// Reads what was typed in the search box.
pub fn parse_query(text: &str) -> SearchQuery {
    let mut query = SearchQuery::default();
    for token in tokens(text) {
        let (operator, value) = match token.split_once(':') {
            Some((op, value)) if !op.is_empty() => (op.to_ascii_lowercase(), value),
            _ => (String::new(), token.as_str()),
        };
        let value = value.trim_matches('"');
        match (operator.as_str(), value.to_ascii_lowercase().as_str()) {
            ("has", "attachment" | "attachments") => query.has_attachment = true,
            ("is", "unread") => query.unread = true,
            ("is", "starred" | "flagged") => query.starred = true,
            ("before", _) if Day::parse(value).is_some() => query.before = Day::parse(value),
            ("after", _) if Day::parse(value).is_some() => query.after = Day::parse(value),
            ("in", _) if !value.is_empty() => query.folder = Some(value.to_owned()),
            ("from", _) => push_words(&mut query, value, |q| &mut q.from),
            ("to", _) => push_words(&mut query, value, |q| &mut q.to),
            ("subject", _) => push_words(&mut query, value, |q| &mut q.subject),
            _ => push_words(&mut query, &token, |q| &mut q.words),
        }
    }
    query
}

/// The typed text split at spaces, keeping what stands between double quotes together.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn push_words(
    query: &mut SearchQuery,
    text: &str,
    list: impl Fn(&mut SearchQuery) -> &mut Vec<String>,
) {
    for word in words(text) {
        if query.word_count() == MAX_WORDS {
            return;
        }
        list(query).push(word);
    }
}

/// The words of a text as both the index and the search see them: lower case, without
/// accents, split at anything that is not a letter or a digit (so `anna.keller@acme.ch` is
/// `anna keller acme ch`, as the index's tokenizer splits it).
pub fn words(text: &str) -> Vec<String> {
    crate::locale::sort_key(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(MAX_WORD).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_words_and_quotes_are_read() {
        let q = parse_query(
            r#"from:anna.keller@acme.ch to:"Chloé Dubois" subject:"Budget 2027" has:attachment is:unread before:2026-12-01 after:2026-11-01 in:Archive Réunion FOO:bar"#,
        );
        assert_eq!(q.from, ["anna", "keller", "acme", "ch"]);
        assert_eq!(q.to, ["chloe", "dubois"]);
        assert_eq!(q.subject, ["budget", "2027"]);
        assert!(q.has_attachment && q.unread && !q.starred);
        assert_eq!(q.before, Day::from_ymd(2026, 12, 1));
        assert_eq!(q.after, Day::from_ymd(2026, 11, 1));
        assert_eq!(q.folder.as_deref(), Some("Archive"));
        assert_eq!(q.words, ["reunion", "foo", "bar"]);
        assert!(q.has_words());
    }

    #[test]
    fn filters_alone_ask_no_words_and_bad_dates_are_words() {
        let q = parse_query("is:starred in:inbox");
        assert!(q.starred && !q.has_words());
        let q = parse_query("before:yesterday");
        assert_eq!(q.before, None);
        assert_eq!(q.words, ["before", "yesterday"]);
        assert_eq!(parse_query("   "), SearchQuery::default());
    }

    #[test]
    fn a_search_holds_a_bounded_number_of_bounded_words() {
        let q = parse_query(&"word ".repeat(100));
        assert_eq!(q.words.len(), MAX_WORDS);
        let q = parse_query(&"x".repeat(500));
        assert_eq!(q.words[0].chars().count(), 64);
    }
}
