//! The app's left column: each mailbox the member sees, with its address, and the folders of
//! the one open, with their unread counts; a message dragged onto a folder moves there.

use super::api::{change_mail_folder, FolderChange, MailAction};
use super::{folder_name, use_mail, Mail};
use crate::i18n::Key;
use domain::mail::{FolderView, MailboxView, MessageSet};
use leptos::prelude::*;

/// The drag's data type: the ids of the messages being dragged, one per line.
#[cfg(feature = "hydrate")]
pub const DRAGGED: &str = "application/x-ksuite-messages";

#[component]
pub fn MailSidebar() -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    view! {
        <nav class="mail-sidebar app-drawer" id="mail-folders" aria-label=i18n.tt(Key::AppMail)
            on:keydown=move |ev| if ev.key() == "Escape" { app.drawer.set(false) }>
            <button type="button" class="button primary new-message"
                on:click=move |_| { app.drawer.set(false); app.compose(domain::mail::Composed::default()); }>
                {i18n.tt(Key::NewMessage)}
            </button>
            <ul class="mailbox-list">
                {move || app.mailboxes.get().into_iter().map(|m| view! { <MailboxItem mailbox=m /> }).collect_view()}
            </ul>
            <NewFolder />
        </nav>
    }
}

#[component]
fn MailboxItem(mailbox: MailboxView) -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    let id = StoredValue::new(mailbox.id.clone());
    let open = move || app.mailbox.get() == id.get_value();
    let address = if mailbox.address.is_empty() {
        i18n.t(Key::MailNoAddress).to_owned()
    } else {
        mailbox.address.clone()
    };
    view! {
        <li class="mailbox" class:open=open>
            <button type="button" class="mailbox-select" aria-expanded=move || open().to_string()
                on:click=move |_| if !open() { app.show_mailbox(id.get_value()) }>
                <span class="mailbox-name">{mailbox.name.clone()}</span>
                <span class="mailbox-address">{address}</span>
            </button>
            <Show when=open>
                <ul class="folder-list">
                    {move || app.folders.get().into_iter().map(|f| view! { <FolderItem folder=f /> }).collect_view()}
                </ul>
            </Show>
        </li>
    }
}

#[component]
fn FolderItem(folder: FolderView) -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    let id = StoredValue::new(folder.id.clone());
    let current = move || {
        app.shown
            .with(|s| s.folder == id.get_value() && s.search.is_empty())
    };
    let name = folder_name(i18n, &folder);
    let unread = folder.unread;
    let over = RwSignal::new(false);
    view! {
        <li class="folder" class:drop-target=move || over.get() style=format!("--depth: {}", folder.depth)>
            <button type="button" class="folder-select" class:current=current
                aria-current=move || current().then_some("page")
                on:click=move |_| app.show_folder(id.get_value())
                on:dragover=move |ev| {
                    ev.prevent_default();
                    over.set(true);
                }
                on:dragleave=move |_| over.set(false)
                on:drop=move |ev| {
                    ev.prevent_default();
                    over.set(false);
                    let ids = dropped(&ev);
                    if !ids.is_empty() {
                        let action = MailAction::Move { set: MessageSet::Ids(ids), to: id.get_value() };
                        app.act(action, Key::MailMoved);
                    }
                }>
                // Read out as "Inbox, 2 unread"; the number alone is what shows.
                <span class="folder-name">{name}{(unread > 0).then(|| view! { <span class="visually-hidden">","</span> })}</span>
                {(unread > 0).then(|| view! {
                    <span class="folder-unread" aria-hidden="true">{unread}</span>
                    <span class="visually-hidden">{i18n.fill(Key::UnreadCount, &[("n", &unread.to_string())])}</span>
                })}
            </button>
        </li>
    }
}

/// The ids of the messages a drop carries.
fn dropped(ev: &leptos::ev::DragEvent) -> Vec<String> {
    #[cfg(feature = "hydrate")]
    {
        let text = ev
            .data_transfer()
            .and_then(|data| data.get_data(DRAGGED).ok())
            .unwrap_or_default();
        text.lines()
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        Vec::new()
    }
}

/// "New folder": a name, at the top of the mailbox open.
#[component]
fn NewFolder() -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    let open = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create_folder(app, name.get_untracked(), open, name, error);
    };
    view! {
        <Show when=move || open.get() fallback=move || view! {
            <button type="button" class="link-button new-folder" on:click=move |_| open.set(true)>
                {i18n.tt(Key::NewFolder)}
            </button>
        }>
            <form class="new-folder-form" on:submit=create>
                <label class="field">
                    <span>{i18n.tt(Key::FolderName)}</span>
                    <input type="text" name="folder" required maxlength="100" autofocus bind:value=name
                        on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) } />
                </label>
                {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="form-actions">
                    <button type="button" class="button" on:click=move |_| open.set(false)>{i18n.tt(Key::Cancel)}</button>
                    <button type="submit" class="button primary">{i18n.tt(Key::Create)}</button>
                </div>
            </form>
        </Show>
    }
}

fn create_folder(
    app: Mail,
    name: String,
    open: RwSignal<bool>,
    field: RwSignal<String>,
    error: RwSignal<Option<String>>,
) {
    let change = FolderChange::Create {
        mailbox: app.mailbox.get_untracked(),
        parent: String::new(),
        name,
    };
    let org = app.org.get_untracked();
    leptos::task::spawn_local(async move {
        match change_mail_folder(org, change).await {
            Ok(_) => {
                open.set(false);
                field.set(String::new());
                error.set(None);
                app.reload_folders();
            }
            Err(err) => error.set(Some(err.message(app.i18n))),
        }
    });
}
