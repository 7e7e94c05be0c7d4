//! The Mail app's keyboard shortcuts, the ones Gmail and Fastmail users know: j and k to move
//! through the list, Enter to read, u, s, e and # to act, c, r, a and f to write, / to search,
//! ? for the list.

use super::api::MailAction;
use super::compose::Answer;
#[cfg(feature = "hydrate")]
use super::window::ROW_HEIGHT;
use super::Mail;
use crate::i18n::Key;
use crate::shortcuts::Shortcut;
use domain::mail::{FlagChange, FolderRole};
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Step { forward: bool },
    Read,
    Unread,
    Star,
    Archive,
    Delete,
    Compose,
    Answer(Answer),
    Search,
    Help,
}

/// The keys, as the list shows them, and what they do.
pub const SHORTCUTS: [Shortcut; 13] = [
    ("j", Key::ShortcutNextMessage),
    ("k", Key::ShortcutPreviousMessage),
    ("Enter", Key::ShortcutReadMessage),
    ("u", Key::ShortcutUnread),
    ("s", Key::ShortcutStar),
    ("e", Key::Archive),
    ("#", Key::Delete),
    ("c", Key::NewMessage),
    ("r", Key::Reply),
    ("a", Key::ReplyAll),
    ("f", Key::Forward),
    ("/", Key::ShortcutSearch),
    ("?", Key::KeyboardShortcuts),
];

fn command_for(key: &str) -> Option<Command> {
    Some(match key {
        "j" | "J" => Command::Step { forward: true },
        "k" | "K" => Command::Step { forward: false },
        "Enter" => Command::Read,
        "u" | "U" => Command::Unread,
        "s" | "S" => Command::Star,
        "e" | "E" => Command::Archive,
        "#" => Command::Delete,
        "c" | "C" => Command::Compose,
        "r" | "R" => Command::Answer(Answer::Reply),
        "a" | "A" => Command::Answer(Answer::ReplyAll),
        "f" | "F" => Command::Answer(Answer::Forward),
        "/" => Command::Search,
        "?" => Command::Help,
        _ => return None,
    })
}

/// Listens while the app is in the main area and shows no dialog of its own.
pub fn listen(app: Mail, in_main: bool) {
    if !in_main {
        return;
    }
    crate::shortcuts::listen(
        move || !app.shortcuts.get_untracked(),
        move |key| match command_for(key) {
            Some(command) => run(app, command),
            None => false,
        },
    );
}

/// Does `command`; whether it applied (a step past the list's end does not).
fn run(app: Mail, command: Command) -> bool {
    match command {
        Command::Step { forward } => step(app, forward),
        Command::Read => focus(".mail-app .reading-pane"),
        Command::Unread => {
            let Some(set) = app.targets() else {
                return false;
            };
            // Back to the list, as Gmail's u does: left open, the message would read itself.
            app.selected.set(None);
            app.change_flags(
                set,
                FlagChange {
                    seen: Some(false),
                    ..FlagChange::default()
                },
            );
            true
        }
        Command::Star => {
            let Some(set) = app.targets() else {
                return false;
            };
            let starred = app.selected_row().is_some_and(|row| row.message.flagged);
            app.change_flags(
                set,
                FlagChange {
                    flagged: Some(!starred),
                    ..FlagChange::default()
                },
            );
            true
        }
        Command::Archive | Command::Delete => {
            let Some(set) = app.targets() else {
                return false;
            };
            // With nothing ticked the open message leaves: the next one opens in its place.
            let follow = app.ticked().is_none().then(|| app.after_leaving());
            if command == Command::Archive {
                if !app.move_to_role(set, FolderRole::Archive, Key::MailArchived) {
                    return false;
                }
            } else {
                app.act(MailAction::Trash { set }, Key::MailDeleted);
            }
            if let Some(follow) = follow {
                app.selected.set(follow.as_ref().map(|(id, _)| id.clone()));
                app.anchor.set(follow.map(|(_, position)| position));
            }
            true
        }
        Command::Compose => {
            app.compose(domain::mail::Composed::default());
            true
        }
        Command::Answer(how) => {
            let open = app.reading.with_untracked(|r| match r {
                Some(Ok(shown)) => Some((shown.message.clone(), shown.date.clone())),
                _ => None,
            });
            match open {
                Some((message, date)) => {
                    app.answer(how, &message, &date);
                    true
                }
                None => false,
            }
        }
        Command::Search => focus("#mail-search"),
        Command::Help => {
            app.shortcuts.set(true);
            true
        }
    }
}

/// Opens the message before or after the one open (the first when none is), and keeps its
/// row in view.
fn step(app: Mail, forward: bool) -> bool {
    let total = u32::try_from(app.total.get_untracked()).unwrap_or(u32::MAX);
    let current = app
        .selected
        .with_untracked(Option::is_some)
        .then(|| app.anchor.get_untracked())
        .flatten();
    let position = match (current, forward) {
        (None, _) => 0,
        (Some(p), true) if p + 1 < total => p + 1,
        (Some(p), false) if p > 0 => p - 1,
        _ => return false,
    };
    let Some(id) = app.row_at(position).map(|row| row.message.id) else {
        return false;
    };
    app.selected.set(Some(id));
    app.anchor.set(Some(position));
    reveal(position);
    true
}

/// Scrolls the list so the row at `position` is in view.
fn reveal(position: u32) {
    #[cfg(feature = "hydrate")]
    {
        let Some(list) = document()
            .query_selector(".mail-app .message-scroll")
            .ok()
            .flatten()
        else {
            return;
        };
        let top = f64::from(position) * ROW_HEIGHT;
        let (scrolled, height) = (
            f64::from(list.scroll_top()),
            f64::from(list.client_height()),
        );
        if top < scrolled {
            list.set_scroll_top(top as i32);
        } else if top + ROW_HEIGHT > scrolled + height {
            list.set_scroll_top((top + ROW_HEIGHT - height) as i32);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = position;
}

fn focus(selector: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            return el.focus().is_ok();
        }
        false
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = selector;
        false
    }
}

#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    let app = super::use_mail();
    view! {
        <crate::shortcuts::ShortcutsDialog shortcuts=&SHORTCUTS on_close=Callback::new(move |()| app.shortcuts.set(false)) />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_key_has_its_command_and_others_do_nothing() {
        let listed: Vec<Option<Command>> = SHORTCUTS.iter().map(|(k, _)| command_for(k)).collect();
        assert!(listed.iter().all(Option::is_some), "{listed:?}");
        let mut distinct = listed.clone();
        distinct.dedup();
        assert_eq!(distinct.len(), SHORTCUTS.len(), "one command per key");
        for key in ["x", " ", "Escape", "ArrowUp", "Tab", "g"] {
            assert_eq!(command_for(key), None, "{key}");
        }
    }
}
