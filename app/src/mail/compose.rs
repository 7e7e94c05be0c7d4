//! Writing a message: a form beside the list (the whole screen on a phone) with To, Cc and Bcc,
//! the subject, the text and files; Send keeps it for a few seconds with Undo in the notice,
//! "Send later" at a chosen time. A reply, a reply to all and a forward open it filled in.
//! What is written is saved as a draft a few seconds after each change and when the form
//! closes; Discard deletes the draft.

use super::api::{mail_discard_draft, mail_save_draft, mail_send, mail_unsend};
use super::recipients::RecipientField;
use super::{use_mail, Mail};
use crate::attach::AttachFiles;
use crate::error::AppError;
use crate::feedback::{FormError, Notice};
use crate::i18n::numbers::file_size;
use crate::i18n::Key;
use domain::mail::{Composed, MessageView};
use domain::views::AttachmentView;
use domain::LimitKind;
use leptos::prelude::*;

/// As many files as a message takes (`mail::uploads::MAX_FILES`).
const MAX_FILES: usize = 20;
/// What a message's files may take together (`mail::uploads::MAX_BYTES`).
const MAX_BYTES: u64 = 25 << 20;
/// How long after the last change the draft is saved, in milliseconds.
const SAVE_AFTER_MS: u64 = 3_000;

/// Where the draft stands, as the form tells the member.
#[derive(Debug, Clone, PartialEq)]
enum DraftState {
    /// Nothing written since the form opened or since the last save.
    Quiet,
    Pending,
    Saving,
    Saved,
    Failed(String),
}

/// Whether a file of `size` bytes may join `files`: checked before it goes up, so that a file
/// Send would refuse is not sent for nothing.
fn fits(files: &[AttachmentView], size: u64) -> Result<(), AppError> {
    if files.len() >= MAX_FILES {
        return Err(AppError::limit(LimitKind::MessageFiles, MAX_FILES as u64));
    }
    let taken: u64 = files.iter().map(|f| f.size).sum();
    if taken.saturating_add(size) > MAX_BYTES {
        return Err(AppError::limit(
            LimitKind::MessageMegabytes,
            MAX_BYTES >> 20,
        ));
    }
    Ok(())
}

/// Recipients as the fields hold them: separated by commas or semicolons (a name in quotes
/// may hold a comma).
fn split(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let (mut current, mut quoted) = (String::new(), false);
    for c in text.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                current.push(c);
            }
            ',' | ';' if !quoted => out.push(std::mem::take(&mut current)),
            _ => current.push(c),
        }
    }
    out.push(current);
    out.into_iter()
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect()
}

impl Mail {
    /// Opens the form with `composed` (empty for a new message).
    pub fn compose(self, composed: Composed) {
        self.composing.set(Some(composed));
    }

    /// The form for a reply, a reply to all or a forward of `message`, dated `date`.
    pub fn answer(self, how: Answer, message: &MessageView, date: &str) {
        let i18n = self.i18n;
        let from = if message.from.name.is_empty() {
            message.from.address.clone()
        } else {
            message.from.name.clone()
        };
        let composed = match how {
            Answer::Reply | Answer::ReplyAll => {
                let intro = i18n.fill(Key::ReplyIntro, &[("date", date), ("name", &from)]);
                if how == Answer::Reply {
                    domain::mail::replies::reply(message, &intro)
                } else {
                    let own = self.mailboxes.with_untracked(|all| {
                        all.iter()
                            .find(|m| m.id == message.mailbox_id)
                            .map(|m| {
                                let mut own = m.aliases.clone();
                                own.push(m.address.clone());
                                own
                            })
                            .unwrap_or_default()
                    });
                    domain::mail::replies::reply_all(message, &intro, &own)
                }
            }
            Answer::Forward => {
                let people = |list: &[domain::mail::PersonView]| {
                    list.iter()
                        .map(|p| p.address.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                let header = format!(
                    "---------- {} ----------\n{}: {} <{}>\n{}: {date}\n{}: {}\n{}: {}",
                    i18n.t(Key::ForwardedMessage),
                    i18n.t(Key::MailFrom),
                    from,
                    message.from.address,
                    i18n.t(Key::MailDate),
                    i18n.t(Key::MailSubject),
                    message.subject,
                    i18n.t(Key::MailToLabel),
                    people(&message.to),
                );
                domain::mail::replies::forward(message, &header)
            }
        };
        self.compose(composed);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Reply,
    ReplyAll,
    Forward,
}

#[component]
pub fn ComposeForm(composed: Composed) -> impl IntoView {
    let app = use_mail();
    let i18n = app.i18n;
    let to = RwSignal::new(composed.to.join(", "));
    let cc = RwSignal::new(composed.cc.join(", "));
    let bcc = RwSignal::new(composed.bcc.join(", "));
    let copies = RwSignal::new(!composed.cc.is_empty() || !composed.bcc.is_empty());
    let subject = RwSignal::new(composed.subject.clone());
    let text = RwSignal::new(composed.text.clone());
    let replying_to = composed.replying_to.clone();
    let files = RwSignal::new(composed.attachments.clone());
    let uploading = RwSignal::new(None::<(String, f64)>);
    let upload_error = RwSignal::new(None::<AppError>);
    let later = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let draft = RwSignal::new(composed.draft.clone());
    let saving = RwSignal::new(DraftState::Quiet);
    let send_asked = RwSignal::new(false);
    // Each change and each send or close takes a turn: a save waiting for its time goes
    // ahead only if nothing came after it.
    let turn = StoredValue::new(0u64);
    let written = move || Composed {
        to: split(&to.get_untracked()),
        cc: split(&cc.get_untracked()),
        bcc: split(&bcc.get_untracked()),
        subject: subject.get_untracked(),
        text: text.get_untracked(),
        replying_to: replying_to.clone(),
        attachments: files.get_untracked(),
        draft: draft.get_untracked(),
    };
    let written = StoredValue::new(written);
    let send = move || {
        // A file still going up would be left out.
        if busy.get_untracked() || uploading.with_untracked(Option::is_some) {
            return;
        }
        // A draft being saved would come back after the message went: it goes once saved.
        if saving.get_untracked() == DraftState::Saving {
            send_asked.set(true);
            return;
        }
        busy.set(true);
        turn.update_value(|n| *n += 1);
        let composed = written.with_value(|w| w());
        let when = later.get_untracked().filter(|l| !l.is_empty());
        let (org, mailbox) = (app.org.get_untracked(), app.mailbox.get_untracked());
        leptos::task::spawn_local(async move {
            let scheduled = when.is_some();
            match mail_send(org.clone(), mailbox, composed, when).await {
                Ok(sending) => {
                    app.composing.set(None);
                    let done = if scheduled {
                        Key::MailScheduled
                    } else {
                        Key::MailSending
                    };
                    let text = app.i18n.t(done).to_owned();
                    let undo =
                        Callback::new(move |()| unsend(app, org.clone(), sending.id.clone()));
                    app.notice.set(Some(Notice {
                        text,
                        undo: Some(undo),
                    }));
                }
                Err(err) => error.set(Some(err.message(app.i18n))),
            }
            busy.set(false);
        });
    };
    let (org, mailbox) = (app.org.get_untracked(), app.mailbox.get_untracked());
    let save_draft = {
        let (org, mailbox) = (org.clone(), mailbox.clone());
        move |closing: bool| {
            let Some(composed) = written.try_with_value(|w| w()) else {
                return;
            };
            let _ = saving.try_set(DraftState::Saving);
            let (org, mailbox) = (org.clone(), mailbox.clone());
            leptos::task::spawn_local(async move {
                let result = mail_save_draft(org, mailbox, composed).await;
                match &result {
                    Ok(id) => {
                        let _ = draft.try_set(Some(id.clone()));
                        // A change typed while it was saved waits for its own save.
                        if saving.try_get_untracked() == Some(DraftState::Saving) {
                            let _ = saving.try_set(DraftState::Saved);
                        }
                    }
                    Err(err) => {
                        // Deleted meanwhile (from the Drafts folder): the next save starts anew.
                        if err.code == "not_found" {
                            let _ = draft.try_set(None);
                        }
                        let _ = saving.try_set(DraftState::Failed(err.message(app.i18n)));
                    }
                }
                if send_asked.try_get_untracked() == Some(true) {
                    send_asked.set(false);
                    send();
                }
                if closing {
                    let text = match result {
                        Ok(_) => app.i18n.t(Key::DraftSavedToDrafts).to_owned(),
                        Err(err) => err.message(app.i18n),
                    };
                    app.notice.set(Some(Notice::of(text)));
                }
            });
        }
    };
    // Every change to what is written waits `SAVE_AFTER_MS` for the next one, then is saved.
    Effect::new({
        let save_draft = save_draft.clone();
        move |seen: Option<()>| {
            to.track();
            cc.track();
            bcc.track();
            subject.track();
            text.track();
            files.track();
            if seen.is_none() {
                return;
            }
            saving.set(DraftState::Pending);
            turn.update_value(|n| *n += 1);
            let mine = turn.get_value();
            let save_draft = save_draft.clone();
            set_timeout(
                move || {
                    // A file still going up is saved with the draft once it is there.
                    let idle = uploading.try_with_untracked(Option::is_none) == Some(true)
                        && saving.try_get_untracked() != Some(DraftState::Saving);
                    if turn.try_get_value() == Some(mine) && idle {
                        save_draft(false);
                    }
                },
                std::time::Duration::from_millis(SAVE_AFTER_MS),
            );
        }
    });
    // Closing keeps what was written: saved now unless it is saved already.
    let close = {
        let save_draft = save_draft.clone();
        move || {
            turn.update_value(|n| *n += 1);
            if !matches!(
                saving.get_untracked(),
                DraftState::Quiet | DraftState::Saved
            ) {
                save_draft(true);
            }
            app.composing.set(None);
        }
    };
    let discard = move || {
        turn.update_value(|n| *n += 1);
        let org = org.clone();
        if let Some(id) = draft.get_untracked() {
            leptos::task::spawn_local(async move {
                let text = match mail_discard_draft(org, id).await {
                    Ok(()) => app.i18n.t(Key::DraftDiscarded).to_owned(),
                    Err(err) => err.message(app.i18n),
                };
                app.notice.set(Some(Notice::of(text)));
            });
        }
        app.composing.set(None);
    };
    view! {
        <section class="compose" role="dialog" aria-labelledby="compose-title">
            <form on:submit=move |ev| { ev.prevent_default(); send(); }>
                <div class="compose-head">
                    <h2 id="compose-title">{move || if subject.get().trim().is_empty() { i18n.t(Key::NewMessage).to_owned() } else { subject.get() }}</h2>
                    <button type="button" class="icon-button" aria-label=i18n.tt(Key::CloseAndSave) title=i18n.tt(Key::CloseAndSave)
                        on:click={
                            let close = close.clone();
                            move |_| close()
                        }>"✕"</button>
                </div>
                <RecipientField id="compose-to" label=Key::MailToLabel value=to />
                <Show when=move || !copies.get()>
                    <button type="button" class="link-button compose-copies" on:click=move |_| copies.set(true)>{i18n.tt(Key::CcBcc)}</button>
                </Show>
                <Show when=move || copies.get()>
                    <RecipientField id="compose-cc" label=Key::MailCc value=cc />
                    <RecipientField id="compose-bcc" label=Key::MailBcc value=bcc />
                </Show>
                <label class="compose-field">
                    <span>{i18n.tt(Key::MailSubject)}</span>
                    <input type="text" id="compose-subject" bind:value=subject />
                </label>
                <label class="compose-text">
                    <span class="visually-hidden">{i18n.tt(Key::MessageBody)}</span>
                    <textarea id="compose-text" rows="12" bind:value=text></textarea>
                </label>
                <ComposeFiles files />
                <AttachFiles url=format!("/api/v1/orgs/{}/mail-uploads", app.org.get_untracked())
                    full=Signal::derive(move || files.with(|f| f.len() >= MAX_FILES))
                    fits=Callback::new(move |size| files.with_untracked(|f| fits(f, size)))
                    added=Callback::new(move |file| files.update(|all| all.push(file)))
                    error=upload_error uploading hint=Key::MailAttachmentLimits />
                <FormError error=upload_error />
                {move || error.get().map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                <div class="compose-actions">
                    <button type="submit" class="button primary" disabled=move || busy.get() || uploading.with(Option::is_some)>
                        {move || i18n.t(if later.with(|l| l.as_deref().is_some_and(|l| !l.is_empty())) { Key::SendLater } else { Key::Send })}
                    </button>
                    <label class="compose-later">
                        <span>{i18n.tt(Key::SendAt)}</span>
                        <input type="datetime-local" id="compose-later"
                            on:input=move |ev| later.set(Some(event_target_value(&ev))) />
                    </label>
                    <span class="topbar-spacer"></span>
                    <span class="muted compose-saving" role="status">
                        {move || match saving.get() {
                            DraftState::Quiet | DraftState::Pending => String::new(),
                            DraftState::Saving => i18n.t(Key::DraftSaving).to_owned(),
                            DraftState::Saved => i18n.t(Key::DraftSaved).to_owned(),
                            DraftState::Failed(why) => i18n.fill(Key::DraftNotSaved, &[("why", &why)]),
                        }}
                    </span>
                    <button type="button" class="button" on:click={
                        let discard = discard.clone();
                        move |_| discard()
                    }>{i18n.tt(Key::Discard)}</button>
                </div>
            </form>
        </section>
    }
}

/// The files attached so far, each with its size and a button that takes it off.
#[component]
fn ComposeFiles(files: RwSignal<Vec<AttachmentView>>) -> impl IntoView {
    let i18n = use_mail().i18n;
    view! {
        <Show when=move || files.with(|f| !f.is_empty())>
            <ul class="attachment-list compose-files" aria-label=i18n.tt(Key::Attachments)>
                <For each=move || files.get() key=|file| file.id.clone() let:file>
                    {
                        let label = i18n.fill(Key::RemoveFile, &[("name", &file.name)]);
                        let id = file.id.clone();
                        view! {
                            <li>
                                <span class="attachment-name" title=file.name.clone()>{file.name.clone()}</span>
                                <span class="muted attachment-size">{file_size(i18n, file.size)}</span>
                                <button type="button" class="icon-button remove-attachment" aria-label=label.clone() title=label
                                    on:click=move |_| files.update(|all| all.retain(|f| f.id != id))>"✕"</button>
                            </li>
                        }
                    }
                </For>
            </ul>
        </Show>
    }
}

/// Takes back a message not sent yet and opens it in the form again.
fn unsend(app: Mail, org: String, id: String) {
    leptos::task::spawn_local(async move {
        match mail_unsend(org, id).await {
            Ok(composed) => {
                app.compose(composed);
                app.notice
                    .set(Some(Notice::of(app.i18n.t(Key::MailUnsent).to_owned())));
            }
            Err(err) => app.notice.set(Some(Notice::of(err.message(app.i18n)))),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn recipients_split_at_commas_and_semicolons_but_not_inside_quotes() {
        assert_eq!(
            split(" \"Dubois, Chloé\" <chloe@acme.ch>, ben@acme.ch; ,dan@x.org "),
            [
                "\"Dubois, Chloé\" <chloe@acme.ch>",
                "ben@acme.ch",
                "dan@x.org"
            ]
        );
        assert!(split(" , ").is_empty());
    }
}
