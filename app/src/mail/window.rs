//! The message list's geometry: every row is as tall as the next, so the list is drawn at the
//! height of all its rows and only those near the view are in the page; rows are fetched by
//! position in pages, so dragging the scrollbar to the middle of 100,000 messages fetches that
//! page at once and shows placeholders until it arrives (as Fastmail does).

use std::ops::Range;

/// A row's height in pixels; `style/70-mail.css` gives `.mail-row` the same.
pub const ROW_HEIGHT: f64 = 64.0;
/// Rows fetched at once.
pub const PAGE: u32 = 50;

/// The positions to draw for a view scrolled to `scroll_top` and `height` tall: those in view
/// and half a view either side, so a short scroll shows drawn rows.
pub fn drawn(scroll_top: f64, height: f64, total: u32) -> Range<u32> {
    let first = (scroll_top.max(0.0) / ROW_HEIGHT).floor() as u32;
    let in_view = (height.max(ROW_HEIGHT) / ROW_HEIGHT).ceil() as u32 + 1;
    let margin = in_view / 2 + 1;
    let start = first.saturating_sub(margin).min(total);
    let end = first.saturating_add(in_view + margin).min(total);
    start..end
}

/// The pages holding `rows`.
pub fn pages(rows: &Range<u32>) -> Range<u32> {
    if rows.is_empty() {
        return 0..0;
    }
    rows.start / PAGE..(rows.end - 1) / PAGE + 1
}

/// Where a page starts and the place of a position in its page.
pub fn place(position: u32) -> (u32, usize) {
    (position / PAGE, (position % PAGE) as usize)
}

/// The positions from `a` to `b`, whichever comes first: a shift-click's range.
pub fn span(a: u32, b: u32) -> Range<u32> {
    a.min(b)..a.max(b) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_view_and_a_margin_are_drawn_within_the_list() {
        assert_eq!(drawn(0.0, 640.0, 100_000), 0..17);
        // The middle of a long folder: rows around position 50,000.
        let middle = drawn(50_000.0 * ROW_HEIGHT, 640.0, 100_000);
        assert!(
            middle.contains(&50_000) && middle.contains(&50_010),
            "{middle:?}"
        );
        assert_eq!(pages(&middle), 999..1001);
        assert_eq!(drawn(0.0, 640.0, 3), 0..3);
        assert_eq!(drawn(10_000.0, 640.0, 3), 3..3);
        assert_eq!(pages(&(0..0)), 0..0);
        assert_eq!(pages(&(49..51)), 0..2);
    }

    #[test]
    fn positions_find_their_page_and_ranges_go_either_way() {
        assert_eq!(place(0), (0, 0));
        assert_eq!(place(123), (2, 23));
        assert_eq!(span(7, 3), 3..8);
        assert_eq!(span(3, 3), 3..4);
    }
}
