//! The reading pane: who wrote the message to whom and when, what to do with it, its files,
//! and its body: the text, or the HTML in a sandboxed frame that runs nothing and loads
//! nothing remote until the member asks for the images.

use super::api::{mail_draft, mail_message, MailAction, ShownMessage};
use super::compose::Answer;
use super::use_mail;
use crate::feedback::{ErrorAlert, Loading, Notice};
use crate::i18n::{I18n, Key};
use domain::mail::{FlagChange, FolderRole, MessageFile, MessageSet, PersonView};
use leptos::prelude::*;

#[component]
pub fn ReadingPane() -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    let read = app.reading;
    Effect::new(move |_| {
        let Some(id) = app.selected.get() else {
            read.set(None);
            return;
        };
        app.version.track();
        let org = app.org.get_untracked();
        leptos::task::spawn_local(async move {
            let result = mail_message(org, id.clone()).await;
            if app.selected.get_untracked().as_deref() != Some(id.as_str()) {
                return;
            }
            if let Ok(shown) = &result {
                // Only a link leads to a message of another mailbox: the app moves there, so
                // that what the pane does (read, move, answer) acts in its mailbox.
                let m = &shown.message;
                if m.mailbox_id != app.mailbox.get_untracked() {
                    app.open_message(m.mailbox_id.clone(), m.folder_id.clone(), id);
                    return;
                }
                // Opening an unread message reads it: the pane asks, since reading writes nothing.
                if shown.message.unread {
                    app.act_quietly(MailAction::Flags {
                        set: MessageSet::Ids(vec![id]),
                        change: FlagChange {
                            seen: Some(true),
                            ..FlagChange::default()
                        },
                    });
                }
            }
            read.set(Some(result));
        });
    });
    view! {
        <section class="reading-pane" tabindex="-1" aria-label=i18n.tt(Key::MessageTitle)>
            {move || match read.get() {
                None if app.selected.with(Option::is_none) => view! {
                    <p class="muted reading-empty">{i18n.tt(Key::NoMessageSelected)}</p>
                }.into_any(),
                None => view! { <Loading /> }.into_any(),
                Some(Err(error)) => view! { <ErrorAlert error /> }.into_any(),
                Some(Ok(shown)) => view! { <Message shown /> }.into_any(),
            }}
        </section>
    }
}

fn person(p: &PersonView) -> String {
    match (p.name.is_empty(), p.address.is_empty()) {
        (false, false) => format!("{} <{}>", p.name, p.address),
        (true, _) => p.address.clone(),
        (false, true) => p.name.clone(),
    }
}

fn people(list: &[PersonView]) -> String {
    list.iter().map(person).collect::<Vec<_>>().join(", ")
}

#[component]
fn Message(shown: ShownMessage) -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    let m = shown.message;
    let id = StoredValue::new(m.id.clone());
    let images = RwSignal::new(false);
    let subject = if m.subject.is_empty() {
        i18n.t(Key::NoSubject).to_owned()
    } else {
        m.subject.clone()
    };
    let this = move || MessageSet::Ids(vec![id.get_value()]);
    let move_to = move |role: FolderRole, done: Key| {
        if app.move_to_role(this(), role, done) {
            app.selected.set(None);
        }
    };
    let in_trash = app.folder_of(FolderRole::Trash).as_deref() == Some(m.folder_id.as_str());
    let in_drafts = app.folder_of(FolderRole::Drafts).as_deref() == Some(m.folder_id.as_str());
    // A draft is taken up in the form where it was left.
    let edit = move |_| {
        let (org, message) = (app.org.get_untracked(), id.get_value());
        leptos::task::spawn_local(async move {
            match mail_draft(org, message).await {
                Ok(composed) => app.compose(composed),
                Err(err) => app.notice.set(Some(Notice::of(err.message(app.i18n)))),
            }
        });
    };
    let answered = StoredValue::new((m.clone(), shown.date.clone()));
    let answer = move |how: Answer| answered.with_value(|(m, date)| app.answer(how, m, date));
    let flagged = m.flagged;
    view! {
        <article class="message" aria-labelledby="message-subject">
            <button type="button" class="button message-back" on:click=move |_| app.selected.set(None)>
                {i18n.tt(Key::BackToList)}
            </button>
            <div class="message-actions" role="toolbar" aria-label=i18n.tt(Key::MessageActions)>
                {in_drafts.then(|| view! {
                    <button type="button" class="button primary edit-draft" on:click=edit>{i18n.tt(Key::EditDraft)}</button>
                })}
                <button type="button" class="button" on:click=move |_| answer(Answer::Reply)>{i18n.tt(Key::Reply)}</button>
                <button type="button" class="button" on:click=move |_| answer(Answer::ReplyAll)>{i18n.tt(Key::ReplyAll)}</button>
                <button type="button" class="button" on:click=move |_| answer(Answer::Forward)>{i18n.tt(Key::Forward)}</button>
                <button type="button" class="button" on:click=move |_| move_to(FolderRole::Archive, Key::MailArchived)>{i18n.tt(Key::Archive)}</button>
                {if in_trash {
                    view! {
                        <button type="button" class="button" on:click=move |_| {
                            app.selected.set(None);
                            app.act(MailAction::Restore { set: this() }, Key::Restored);
                        }>{i18n.tt(Key::Restore)}</button>
                    }.into_any()
                } else {
                    view! {
                        <button type="button" class="button danger" on:click=move |_| {
                            app.selected.set(None);
                            app.act(MailAction::Trash { set: this() }, Key::MailDeleted);
                        }>{i18n.tt(Key::Delete)}</button>
                    }.into_any()
                }}
                <button type="button" class="button" on:click=move |_| {
                    app.selected.set(None);
                    app.change_flags(this(), FlagChange { seen: Some(false), ..FlagChange::default() });
                }>{i18n.tt(Key::MarkUnread)}</button>
                <button type="button" class="button" aria-pressed=flagged.to_string() on:click=move |_| {
                    app.change_flags(this(), FlagChange { flagged: Some(!flagged), ..FlagChange::default() });
                }>{i18n.tt(if flagged { Key::Unstar } else { Key::Star })}</button>
                <MoveMenu id />
                <a class="button" href=format!("/api/v1/messages/{}/raw", m.id) download="message.eml">{i18n.tt(Key::ViewSource)}</a>
            </div>
            <h2 id="message-subject">{subject}</h2>
            <dl class="message-people">
                <dt>{i18n.tt(Key::MailFrom)}</dt><dd class="message-from">{person(&m.from)}</dd>
                {(!m.to.is_empty()).then(|| view! { <dt>{i18n.tt(Key::MailToLabel)}</dt><dd>{people(&m.to)}</dd> })}
                {(!m.cc.is_empty()).then(|| view! { <dt>{i18n.tt(Key::MailCc)}</dt><dd>{people(&m.cc)}</dd> })}
                <dt>{i18n.tt(Key::MailDate)}</dt><dd>{shown.date.clone()}</dd>
            </dl>
            <Attachments id=m.id.clone() files=m.attachments.clone() i18n />
            {if m.has_html {
                let blocked = m.blocked_images;
                let ask = move || blocked != 0 && !images.get();
                view! {
                    <Show when=ask>
                        <p class="images-blocked" role="status">
                            {i18n.fill(Key::ImagesBlocked, &[("n", &blocked.to_string())])}
                            " "
                            <button type="button" class="link-button" on:click=move |_| images.set(true)>{i18n.tt(Key::ShowImages)}</button>
                        </p>
                    </Show>
                    <iframe class="message-body" title=i18n.tt(Key::MessageBody)
                        sandbox="allow-same-origin allow-popups allow-popups-to-escape-sandbox"
                        referrerpolicy="no-referrer"
                        src=move || format!("/api/v1/messages/{}/body?images={}", id.get_value(), images.get())
                        on:load=fit_frame></iframe>
                }.into_any()
            } else {
                view! { <pre class="message-text">{m.text.clone()}</pre> }.into_any()
            }}
        </article>
    }
}

/// Makes the frame as tall as the message it shows, so the pane scrolls as one page.
fn fit_frame(ev: leptos::ev::Event) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let frame = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlIFrameElement>().ok());
        if let Some(frame) = frame {
            let height = frame
                .content_document()
                .and_then(|d| d.document_element())
                .map(|e| e.scroll_height());
            if let Some(height) = height {
                let _ = frame.set_attribute("style", &format!("height: {}px", height + 24));
            }
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// "Move to…": the mailbox's other folders.
#[component]
fn MoveMenu(id: StoredValue<String>) -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    view! {
        <label class="move-to">
            <span class="visually-hidden">{i18n.tt(Key::MoveTo)}</span>
            <select on:change=move |ev| {
                let to = event_target_value(&ev);
                if !to.is_empty() {
                    app.selected.set(None);
                    app.act(MailAction::Move { set: MessageSet::Ids(vec![id.get_value()]), to }, Key::MailMoved);
                }
            }>
                <option value="">{i18n.tt(Key::MoveTo)}</option>
                {move || app.folders.get().into_iter().map(|f| {
                    let name = format!("{}{}", "\u{a0}\u{a0}".repeat(f.depth as usize), super::folder_name(i18n, &f));
                    view! { <option value=f.id.clone()>{name}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}

#[component]
fn Attachments(id: String, files: Vec<MessageFile>, i18n: I18n) -> impl IntoView {
    let files: Vec<MessageFile> = files.into_iter().filter(|f| !f.inline).collect();
    (!files.is_empty()).then(|| {
        view! {
            <ul class="message-files" aria-label=i18n.tt(Key::Attachments)>
                {files.into_iter().map(|f| {
                    let url = format!("/api/v1/messages/{id}/parts/{}", f.part);
                    let name = if f.name.is_empty() { i18n.t(Key::UnnamedFile).to_owned() } else { f.name.clone() };
                    let size = crate::i18n::numbers::file_size(i18n, f.size);
                    let preview = f.content_type.starts_with("image/").then(|| view! {
                        <img class="file-preview" src=url.clone() alt="" loading="lazy" />
                    });
                    view! {
                        <li class="message-file">
                            {preview}
                            <a href=url.clone() download=name.clone()>{name.clone()}</a>
                            <span class="muted">{format!(" {} · {size}", f.content_type)}</span>
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    })
}
