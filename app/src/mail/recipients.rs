//! A recipients field (To, Cc, Bcc) that offers people as an address is typed: colleagues and
//! contacts, best match first, in a list the arrows walk, Enter or a click takes, Escape closes
//! (the ARIA combobox pattern). Several recipients stand in one field, separated by commas.

use super::api::mail_suggest;
use super::use_mail;
use crate::i18n::Key;
use domain::mail::PersonView;
use leptos::prelude::*;

/// Where the recipient being typed starts: after the last comma or semicolon outside quotes.
pub fn typing_from(text: &str) -> usize {
    let mut quoted = false;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ',' | ';' if !quoted => start = i + 1,
            _ => {}
        }
    }
    start
}

/// `text` with the recipient being typed replaced by `person`, ready for the next one.
pub fn taken(text: &str, person: &PersonView) -> String {
    let kept = text[..typing_from(text)].trim_end();
    let chosen = if person.name.trim().is_empty() {
        person.address.clone()
    } else if person.name.contains([',', ';', '"', '<', '>']) {
        format!("\"{}\" <{}>", person.name.replace('"', ""), person.address)
    } else {
        format!("{} <{}>", person.name, person.address)
    };
    if kept.is_empty() {
        format!("{chosen}, ")
    } else {
        format!("{kept} {chosen}, ")
    }
}

#[component]
pub fn RecipientField(
    /// The input's id; the list's ids are made from it.
    id: &'static str,
    label: Key,
    value: RwSignal<String>,
) -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    let offered = RwSignal::new(Vec::<PersonView>::new());
    let active = RwSignal::new(None::<usize>);
    // Answers come back out of order; only the one for the latest text is shown.
    let asked = StoredValue::new(0u64);
    let list_id = format!("{id}-suggestions");
    let option_id = move |i: usize| format!("{id}-suggestion-{i}");
    // Closed also for an answer still on its way: it would open the list again.
    let close = move || {
        asked.update_value(|n| *n += 1);
        offered.set(Vec::new());
        active.set(None);
    };
    let ask = move |text: String| {
        // Every keystroke makes the questions before it stale.
        asked.update_value(|n| *n += 1);
        let typed = text[typing_from(&text)..].trim().to_owned();
        if typed.chars().count() < 2 {
            return close();
        }
        let turn = asked.get_value();
        let org = app.org.get_untracked();
        // Asked once typing pauses, not at every letter.
        set_timeout(
            move || {
                if asked.try_get_value() != Some(turn) {
                    return;
                }
                leptos::task::spawn_local(async move {
                    let people = mail_suggest(org, typed).await.unwrap_or_default();
                    // The form may have closed meanwhile.
                    if asked.try_get_value() == Some(turn) {
                        active.set(None);
                        offered.set(people);
                    }
                });
            },
            std::time::Duration::from_millis(150),
        );
    };
    let take = move |i: usize| {
        if let Some(person) = offered.with_untracked(|o| o.get(i).cloned()) {
            value.update(|v| *v = taken(v, &person));
            close();
        }
    };
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let count = offered.with_untracked(Vec::len);
        if count == 0 {
            return;
        }
        let at = active.get_untracked();
        match ev.key().as_str() {
            "ArrowDown" => {
                ev.prevent_default();
                active.set(Some(at.map_or(0, |i| (i + 1) % count)));
            }
            "ArrowUp" => {
                ev.prevent_default();
                active.set(Some(at.map_or(count - 1, |i| (i + count - 1) % count)));
            }
            "Enter" | "Tab" if at.is_some() => {
                ev.prevent_default();
                take(at.unwrap_or_default());
            }
            "Escape" => {
                // The form stays open: Escape closes the list only.
                ev.prevent_default();
                ev.stop_propagation();
                close();
            }
            _ => {}
        }
    };
    let open = move || offered.with(|o| !o.is_empty());
    let list = list_id.clone();
    view! {
        <div class="compose-field recipient-field">
            <label for=id>{i18n.tt(label)}</label>
            <div class="combobox">
                <input type="text" id=id autocomplete="off" spellcheck="false"
                    role="combobox" aria-autocomplete="list" aria-controls=list_id.clone()
                    aria-expanded=move || if open() { "true" } else { "false" }
                    aria-activedescendant=move || active.get().map(option_id)
                    prop:value=move || value.get()
                    on:input=move |ev| { let text = event_target_value(&ev); value.set(text.clone()); ask(text); }
                    on:keydown=keydown
                    on:blur=move |_| close() />
                <ul id=list role="listbox" class="suggestions" aria-label=i18n.tt(Key::SuggestedPeople) hidden=move || !open()>
                    {move || offered.get().into_iter().enumerate().map(|(i, person)| {
                        view! {
                            <li id=option_id(i) role="option" class="suggestion"
                                aria-selected=move || if active.get() == Some(i) { "true" } else { "false" }
                                on:mousedown=move |ev| { ev.prevent_default(); take(i); }>
                                <span class="suggestion-name">{person.name.clone()}</span>
                                <span class="muted suggestion-address">{person.address.clone()}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recipient_typed_is_the_one_after_the_last_separator_outside_quotes() {
        assert_eq!(typing_from("be"), 0);
        assert_eq!(typing_from("a@x.ch, be"), 7);
        assert_eq!(
            typing_from("\"Dubois, Chloé\" <c@x.ch>; be"),
            "\"Dubois, Chloé\" <c@x.ch>;".len()
        );
        assert_eq!(typing_from("\"Dubois, Ch"), 0);
    }

    #[test]
    fn taking_a_person_replaces_what_was_typed_and_readies_the_next() {
        assert_eq!(
            taken("be", &PersonView::new("Ben Meier", "ben@acme.ch")),
            "Ben Meier <ben@acme.ch>, "
        );
        assert_eq!(
            taken("a@x.ch, be", &PersonView::new("", "ben@acme.ch")),
            "a@x.ch, ben@acme.ch, "
        );
        assert_eq!(
            taken("du", &PersonView::new("Dubois, \"Chloé\"", "c@acme.ch")),
            "\"Dubois, Chloé\" <c@acme.ch>, "
        );
    }
}
