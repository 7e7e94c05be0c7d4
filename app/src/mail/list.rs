//! The message list: a search box and an order above the rows of the folder (or the search),
//! drawn only near the view and fetched by page as the view reaches them; ticking rows (or
//! ctrl- and shift-clicking them) selects several for the actions above the list.

use super::api::{mail_list, Listed, MailAction};
#[cfg(feature = "hydrate")]
use super::sidebar::DRAGGED;
use super::window::{self, PAGE, ROW_HEIGHT};
use super::{folder_name, use_mail, Mail, Shown};
use crate::i18n::Key;
use domain::mail::{FlagChange, FolderRole, ListQuery, MailSort, MessageSet};
use leptos::html::Div;
use leptos::prelude::*;
use std::collections::HashSet;

#[component]
pub fn MessageList() -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    let typed = RwSignal::new(String::new());
    let title = move || {
        if app.shown.with(|s| !s.search.is_empty()) {
            i18n.t(Key::SearchResults).to_owned()
        } else {
            app.current_folder()
                .map(|f| folder_name(i18n, &f))
                .unwrap_or_default()
        }
    };
    let sort_value = move || {
        app.shown.with(|s| {
            format!(
                "{}-{}",
                s.sort.code(),
                if s.ascending { "up" } else { "down" }
            )
        })
    };
    view! {
        <section class="message-list" aria-labelledby="message-list-title">
            <div class="message-list-head">
                <button type="button" class="button drawer-toggle" aria-controls="mail-folders"
                    aria-expanded=move || app.drawer.get().to_string()
                    on:click=move |_| app.drawer.update(|open| *open = !*open)>
                    <span aria-hidden="true">"☰ "</span>{i18n.tt(Key::Folders)}
                </button>
                <form class="mail-search" role="search" on:submit=move |ev| {
                    ev.prevent_default();
                    app.search(typed.get_untracked().trim().to_owned());
                }>
                    <input type="search" name="q" id="mail-search" aria-label=i18n.tt(Key::SearchMail)
                        placeholder=i18n.tt(Key::SearchMail) bind:value=typed
                        on:input=move |_| if typed.get_untracked().is_empty() { app.search(String::new()) } />
                </form>
                <div class="message-list-title">
                    <h1 id="message-list-title">{title}</h1>
                    <span class="muted message-count">{move || i18n.fill(Key::MessageCount, &[("n", &app.total.get().to_string())])}</span>
                    <label class="sort">
                        <span class="visually-hidden">{i18n.tt(Key::SortBy)}</span>
                        <select prop:value=sort_value on:change=move |ev| {
                            let value = event_target_value(&ev);
                            let (code, dir) = value.split_once('-').unwrap_or(("date", "down"));
                            app.sort(MailSort::from_code(code).unwrap_or_default(), dir == "up");
                        }>
                            <option value="date-down">{i18n.tt(Key::SortNewest)}</option>
                            <option value="date-up">{i18n.tt(Key::SortOldest)}</option>
                            <option value="from-up">{i18n.tt(Key::SortSender)}</option>
                            <option value="subject-up">{i18n.tt(Key::SortSubject)}</option>
                            <option value="size-down">{i18n.tt(Key::SortLargest)}</option>
                        </select>
                    </label>
                </div>
                <Show when=move || app.checked.with(|c| !c.is_empty()) || app.all_checked.get()>
                    <SelectionBar />
                </Show>
            </div>
            <Rows />
        </section>
    }
}

/// The rows: the whole list's height, with the rows near the view drawn in place.
#[component]
fn Rows() -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    let scroller = NodeRef::<Div>::new();
    let scroll_top = RwSignal::new(0.0f64);
    let height = RwSignal::new(800.0f64);
    let drawn = Memo::new(move |_| {
        let total = u32::try_from(app.total.get()).unwrap_or(u32::MAX);
        // Before the first page arrives, draw its placeholders.
        let total = if app.pages.with(|p| p.is_empty()) {
            PAGE
        } else {
            total
        };
        window::drawn(scroll_top.get(), height.get(), total)
    });
    fetch_pages(app, drawn);
    let measure = move || {
        if let Some(el) = scroller.get_untracked() {
            scroll_top.set(f64::from(el.scroll_top()));
            height.set(f64::from(el.client_height()));
        }
    };
    Effect::new(move |_| {
        app.shown.track();
        if let Some(el) = scroller.get_untracked() {
            el.set_scroll_top(0);
        }
        scroll_top.set(0.0);
    });
    let empty = move || app.total.get() == 0 && !app.pages.with(|p| p.is_empty());
    view! {
        <div class="message-scroll" node_ref=scroller on:scroll=move |_| measure()>
            <Show when=empty>
                <p class="muted empty-list">{move || if app.shown.with(|s| s.search.is_empty()) {
                    i18n.t(Key::NoMessages)
                } else {
                    i18n.t(Key::NoMatch)
                }}</p>
            </Show>
            // A list, not a listbox: each row holds its own checkbox and button.
            <div class="message-rows" role="list" aria-labelledby="message-list-title"
                style=move || format!("height: {}px", app.total.get() as f64 * ROW_HEIGHT)>
                <For each=move || drawn.get() key=|p| *p let:position>
                    <Row position />
                </For>
            </div>
        </div>
    }
}

/// Fetches each page the drawn rows reach that the list does not hold yet, once.
fn fetch_pages(app: Mail, drawn: Memo<std::ops::Range<u32>>) {
    let asked = StoredValue::new(HashSet::<(u32, u32)>::new());
    Effect::new(move |_| {
        let version = app.version.get();
        let shown = app.shown.get();
        if shown.folder.is_empty() && shown.search.is_empty() {
            return;
        }
        // An empty list still reads its first page: that is where new mail shows up.
        let pages = window::pages(&drawn.get());
        let pages = if pages.is_empty() { 0..1 } else { pages };
        for page in pages {
            if asked.with_value(|a| a.contains(&(version, page))) {
                continue;
            }
            asked.update_value(|a| {
                a.insert((version, page));
            });
            fetch(app, shown.clone(), page);
        }
    });
}

fn fetch(app: Mail, shown: Shown, page: u32) {
    let query = ListQuery {
        mailbox_id: app.mailbox.get_untracked(),
        folder_id: shown.folder.clone(),
        sort: shown.sort,
        ascending: shown.ascending,
        position: page * PAGE,
        limit: PAGE,
        search: shown.search.clone(),
        ..ListQuery::default()
    };
    let org = app.org.get_untracked();
    leptos::task::spawn_local(async move {
        let Ok(window) = mail_list(org, query).await else {
            return;
        };
        // A list asked for before the folder, order or search changed is not this one.
        if app.shown.with_untracked(|s| *s != shown) {
            return;
        }
        app.total.set(window.total);
        app.pages.update(|p| {
            p.insert(page, window.rows);
        });
    });
}

/// The row at `position`: the message there once its page arrived, a placeholder until then.
#[component]
fn Row(position: u32) -> impl IntoView {
    let app = use_mail();
    let (page, at) = window::place(position);
    let message = Memo::new(move |_| {
        app.pages
            .with(|p| p.get(&page).and_then(|rows| rows.get(at).cloned()))
    });
    let top = format!("top: {}px", f64::from(position) * ROW_HEIGHT);
    let setsize = move || app.total.get().to_string();
    view! {
        {move || match message.get() {
            Some(row) => view! { <MessageRow row position top=top.clone() /> }.into_any(),
            None => view! {
                <div class="mail-row placeholder" role="listitem" aria-busy="true"
                    aria-posinset=(position + 1).to_string() aria-setsize=setsize style=top.clone()>
                    <span class="placeholder-line"></span>
                    <span class="placeholder-line short"></span>
                </div>
            }.into_any(),
        }}
    }
}

#[component]
fn MessageRow(row: Listed, position: u32, top: String) -> impl IntoView {
    let app = use_mail();
    let Listed { message: row, date } = row;
    let i18n = app.i18n;
    let id = StoredValue::new(row.id.clone());
    let current = move || {
        app.selected
            .with(|s| s.as_deref() == Some(id.get_value().as_str()))
    };
    let checked =
        move || app.all_checked.get() || app.checked.with(|c| c.contains(&id.get_value()));
    let from = if row.from_name.is_empty() {
        row.from_address.clone()
    } else {
        row.from_name.clone()
    };
    let sent_folder = app.folder_of(FolderRole::Sent);
    let who =
        if sent_folder.as_deref() == Some(row.folder_id.as_str()) && !row.recipients.is_empty() {
            i18n.fill(Key::MailTo, &[("name", &row.recipients)])
        } else {
            from
        };
    let subject = if row.subject.is_empty() {
        i18n.t(Key::NoSubject).to_owned()
    } else {
        row.subject.clone()
    };
    let click = move |ev: leptos::ev::MouseEvent| {
        if ev.ctrl_key() || ev.meta_key() {
            toggle(app, id.get_value());
        } else if ev.shift_key() {
            select_span(app, position);
        } else {
            app.selected.set(Some(id.get_value()));
            app.anchor.set(Some(position));
        }
    };
    // What a folder the row is dropped on moves: the ticked rows when this one is ticked.
    let drag = move |ev: leptos::ev::DragEvent| {
        #[cfg(feature = "hydrate")]
        {
            let ids = if checked() && !app.all_checked.get_untracked() {
                app.checked.get_untracked()
            } else {
                vec![id.get_value()]
            };
            if let Some(data) = ev.data_transfer() {
                let _ = data.set_data(DRAGGED, &ids.join("\n"));
                data.set_effect_allowed("move");
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <div class="mail-row" class:unread=row.unread class:current=current class:checked=checked
            role="listitem"
            aria-posinset=(position + 1).to_string() aria-setsize=move || app.total.get().to_string()
            style=top draggable="true" on:dragstart=drag>
            <input type="checkbox" class="row-check" aria-label=i18n.fill(Key::SelectMessage, &[("subject", &subject)])
                prop:checked=checked on:click=move |ev| { ev.stop_propagation(); toggle(app, id.get_value()); } />
            <button type="button" class="row-open" aria-current=move || current().then_some("true") on:click=click>
                <span class="row-line">
                    <span class="row-from">{who}</span>
                    <span class="row-marks">
                        {row.has_attachment.then(|| view! { <span class="mark attachment" title=i18n.tt(Key::HasAttachment)>"📎"</span> })}
                        {row.answered.then(|| view! { <span class="mark answered" title=i18n.tt(Key::Answered)>"↩"</span> })}
                        {row.flagged.then(|| view! { <span class="mark flagged" title=i18n.tt(Key::Starred)>"★"</span> })}
                    </span>
                    <span class="row-date">{date}</span>
                </span>
                <span class="row-subject">{subject}</span>
                <span class="row-snippet">{row.snippet.clone()}</span>
            </button>
        </div>
    }
}

fn toggle(app: Mail, id: String) {
    app.all_checked.set(false);
    app.checked
        .update(|c| match c.iter().position(|x| *x == id) {
            Some(at) => {
                c.remove(at);
            }
            None => c.push(id),
        });
}

/// Ticks every loaded row from the last one opened or ticked to `position`.
fn select_span(app: Mail, position: u32) {
    let from = app.anchor.get_untracked().unwrap_or(position);
    let ids: Vec<String> = window::span(from, position)
        .filter_map(|p| app.row_at(p).map(|r| r.message.id))
        .collect();
    app.all_checked.set(false);
    app.checked.set(ids);
}

/// The actions on the ticked messages.
#[component]
fn SelectionBar() -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    let set = move || app.ticked().unwrap_or_else(|| MessageSet::Ids(Vec::new()));
    let count = move || {
        if app.all_checked.get() {
            app.total.get()
        } else {
            app.checked.with(|c| c.len() as u64)
        }
    };
    let flags = move |change: FlagChange| app.change_flags(set(), change);
    let move_to = move |role: FolderRole, done: Key| {
        app.move_to_role(set(), role, done);
    };
    let in_folder = move || app.shown.with(|s| s.search.is_empty());
    // "Select all N": in a folder, when more than the ticked rows are in it.
    let offer_all = move || {
        in_folder()
            && !app.all_checked.get()
            && app.total.get() > app.checked.with(|c| c.len() as u64)
    };
    view! {
        <div class="selection-bar" role="toolbar" aria-label=i18n.tt(Key::SelectionActions)>
            <span class="selection-count">{move || i18n.fill(Key::SelectedCount, &[("n", &count().to_string())])}</span>
            <Show when=offer_all>
                <button type="button" class="link-button" on:click=move |_| app.all_checked.set(true)>
                    {move || i18n.fill(Key::SelectAllInFolder, &[("n", &app.total.get().to_string())])}
                </button>
            </Show>
            <button type="button" class="button" on:click=move |_| flags(FlagChange { seen: Some(true), ..FlagChange::default() })>{i18n.tt(Key::MarkRead)}</button>
            <button type="button" class="button" on:click=move |_| flags(FlagChange { seen: Some(false), ..FlagChange::default() })>{i18n.tt(Key::MarkUnread)}</button>
            <button type="button" class="button" on:click=move |_| flags(FlagChange { flagged: Some(true), ..FlagChange::default() })>{i18n.tt(Key::Star)}</button>
            <button type="button" class="button" on:click=move |_| move_to(FolderRole::Archive, Key::MailArchived)>{i18n.tt(Key::Archive)}</button>
            <button type="button" class="button" on:click=move |_| move_to(FolderRole::Spam, Key::MailMarkedSpam)>{i18n.tt(Key::MarkSpam)}</button>
            <button type="button" class="button danger" on:click=move |_| app.act(MailAction::Trash { set: set() }, Key::MailDeleted)>{i18n.tt(Key::Delete)}</button>
            <button type="button" class="icon-button" aria-label=i18n.tt(Key::ClearSelection) title=i18n.tt(Key::ClearSelection)
                on:click=move |_| { app.checked.set(Vec::new()); app.all_checked.set(false); }>"✕"</button>
        </div>
    }
}
