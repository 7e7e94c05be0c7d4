//! The calendar's keyboard shortcuts, the ones Google Calendar users already know: t for today,
//! d, w, m and a for the views, n for a new event, j/k or the arrows to move, ? for the list.

use super::{use_cal, Cal, OpenDialog, ViewMode};
use crate::i18n::Key;
use crate::modal::Dialog;
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
const SHORTCUTS: [(&str, Key); 9] = [
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

/// Listens for the shortcuts on the whole page, except where keys mean something else: while
/// typing, in a menu or a dialog, in the side panel, or with a modifier held.
pub fn listen(cal: Cal) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let keys = window_event_listener(leptos::ev::keydown, move |ev| {
            if ev.default_prevented()
                || ev.ctrl_key()
                || ev.meta_key()
                || ev.alt_key()
                || cal.dialog.get_untracked().is_some()
            {
                return;
            }
            let elsewhere = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|el| {
                    el.closest(
                        "input, textarea, select, [contenteditable], [role=menu], \
                         [role=dialog], .side-panel",
                    )
                    .ok()
                    .flatten()
                })
                .is_some();
            if elsewhere {
                return;
            }
            if let Some(command) = command_for(&ev.key()) {
                ev.prevent_default();
                run(cal, command);
            }
        });
        on_cleanup(move || keys.remove());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (cal, run, command_for);
}

#[component]
pub fn ShortcutsDialog() -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let close = move || cal.dialog.set(None);
    view! {
        <Dialog class="dialog shortcuts-dialog" heading_id="shortcuts-title" title=i18n.tt(Key::KeyboardShortcuts)
            on_close=Callback::new(move |()| close())>
            <dl class="shortcut-list">
                {SHORTCUTS.into_iter().map(|(keys, what)| view! {
                    <div>
                        <dt>{keys.split_whitespace().map(|k| view! { <kbd>{k}</kbd> }).collect_view()}</dt>
                        <dd>{i18n.tt(what)}</dd>
                    </div>
                }).collect_view()}
            </dl>
            <div class="dialog-actions">
                <span class="topbar-spacer"></span>
                <button type="button" class="button primary" on:click=move |_| close()>{i18n.tt(Key::Close)}</button>
            </div>
        </Dialog>
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
