//! The calendar's keyboard shortcuts, the ones Google Calendar users already know: t for today,
//! d, w, m and a for the views, n for a new event, j/k or the arrows to move, ? for the list.

use super::{use_cal, Cal, OpenDialog, ViewMode};
use crate::i18n::Key;
use crate::shortcuts::Shortcut;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Today,
    Show(ViewMode),
    NewEvent,
    Step { forward: bool },
    Help,
}

/// The keys, as the list shows them, and what they do.
const SHORTCUTS: [Shortcut; 9] = [
    ("t", Key::Today),
    ("d", Key::ViewDay),
    ("w", Key::ViewWeek),
    ("m", Key::ViewMonth),
    ("a", Key::ViewAgenda),
    ("n", Key::ShortcutNewEvent),
    ("j  →", Key::Next),
    ("k  ←", Key::Previous),
    ("?", Key::KeyboardShortcuts),
];

/// The command of a key (`KeyboardEvent.key`), if it has one.
fn command_for(key: &str) -> Option<Command> {
    Some(match key {
        "t" | "T" => Command::Today,
        "d" | "D" => Command::Show(ViewMode::Day),
        "w" | "W" => Command::Show(ViewMode::Week),
        "m" | "M" => Command::Show(ViewMode::Month),
        "a" | "A" => Command::Show(ViewMode::Agenda),
        "n" | "N" => Command::NewEvent,
        "j" | "J" | "ArrowRight" => Command::Step { forward: true },
        "k" | "K" | "ArrowLeft" => Command::Step { forward: false },
        "?" => Command::Help,
        _ => return None,
    })
}

fn run(cal: Cal, command: Command) {
    match command {
        Command::Today => cal.cursor.set(cal.today),
        Command::Show(view) => cal.view.set(view),
        Command::NewEvent => cal.new_event(),
        Command::Step { forward } => {
            if cal.view.get_untracked().is_dated() {
                cal.step(forward);
            }
        }
        Command::Help => cal.dialog.set(Some(OpenDialog::Shortcuts)),
    }
}

/// Listens for the shortcuts while no dialog of the calendar is open.
pub fn listen(cal: Cal) {
    crate::shortcuts::listen(
        move || cal.dialog.get_untracked().is_none(),
        move |key| match command_for(key) {
            Some(command) => {
                run(cal, command);
                true
            }
            None => false,
        },
    );
}

#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    let cal = use_cal();
    view! {
        <crate::shortcuts::ShortcutsDialog shortcuts=&SHORTCUTS on_close=Callback::new(move |()| cal.dialog.set(None)) />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_key_has_its_command() {
        for (keys, what) in SHORTCUTS {
            for key in keys.split_whitespace() {
                let key = match key {
                    "→" => "ArrowRight",
                    "←" => "ArrowLeft",
                    other => other,
                };
                let command = command_for(key).unwrap_or_else(|| panic!("{key} does nothing"));
                let expected = match what {
                    Key::Today => Command::Today,
                    Key::ViewDay => Command::Show(ViewMode::Day),
                    Key::ViewWeek => Command::Show(ViewMode::Week),
                    Key::ViewMonth => Command::Show(ViewMode::Month),
                    Key::ViewAgenda => Command::Show(ViewMode::Agenda),
                    Key::ShortcutNewEvent => Command::NewEvent,
                    Key::Next => Command::Step { forward: true },
                    Key::Previous => Command::Step { forward: false },
                    _ => Command::Help,
                };
                assert_eq!(command, expected, "{key}");
            }
        }
    }

    #[test]
    fn other_keys_do_nothing() {
        for key in ["x", "Enter", " ", "Escape", "ArrowUp", "Tab"] {
            assert_eq!(command_for(key), None, "{key}");
        }
    }
}
