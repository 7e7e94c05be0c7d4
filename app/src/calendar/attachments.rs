//! The event's files: in its dialog listed with their size, opened or downloaded, attached one
//! after another with a progress bar, removed by who may change the event; in its summary, the
//! links alone.

use super::api::{event_attachments, remove_attachment};
use super::use_cal;
use crate::attach::AttachFiles;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::numbers::file_size;
use crate::i18n::{I18n, Key};
use domain::views::AttachmentView;
use domain::LimitKind;
use leptos::prelude::*;

/// As many as the server takes on one event (`attachments::MAX_PER_EVENT`).
const MAX_FILES: usize = 20;

fn href(file: &AttachmentView) -> String {
    format!("/api/v1/attachments/{}", file.id)
}

/// The event's files, read once the view opens (none until then).
fn read_files(
    org: String,
    object_id: String,
    error: Option<RwSignal<Option<AppError>>>,
) -> RwSignal<Option<Vec<AttachmentView>>> {
    let files = RwSignal::new(None);
    leptos::task::spawn_local(async move {
        match event_attachments(org, object_id).await {
            Ok(list) => files.set(Some(list)),
            Err(err) => {
                if let Some(error) = error {
                    error.set(Some(err));
                }
            }
        }
    });
    files
}

fn file_link(i18n: I18n, file: &AttachmentView) -> impl IntoView {
    view! {
        <a href=href(file) rel="external" target="_blank" class="attachment-name" title=file.name.clone()>
            {file.name.clone()}
        </a>
        <span class="muted attachment-size">{file_size(i18n, file.size)}</span>
    }
}

#[component]
pub fn EventAttachments(object_id: String, writable: bool) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let error = RwSignal::new(None::<AppError>);
    let files = read_files(cal.org.get_untracked(), object_id.clone(), Some(error));
    let uploading = RwSignal::new(None::<(String, f64)>);
    let full = move || files.with(|f| f.as_ref().is_some_and(|f| f.len() >= MAX_FILES));
    let remove = move |attachment: AttachmentView| {
        let org = cal.org.get_untracked();
        error.set(None);
        leptos::task::spawn_local(async move {
            match remove_attachment(org, attachment.id.clone()).await {
                Ok(()) => files.update(|all| {
                    if let Some(all) = all {
                        all.retain(|a| a.id != attachment.id);
                    }
                }),
                Err(err) => error.set(Some(err)),
            }
        });
    };
    let upload_url = format!("/api/v1/events/{object_id}/attachments");
    let fits = Callback::new(move |_size: u64| {
        if full() {
            Err(AppError::limit(LimitKind::Attachments, MAX_FILES as u64))
        } else {
            Ok(())
        }
    });
    let added =
        Callback::new(move |file| files.update(|all| all.get_or_insert_with(Vec::new).push(file)));
    view! {
        <section class="attachments" aria-labelledby="attachments-title">
            <h3 id="attachments-title">{i18n.tt(Key::Attachments)}</h3>
            {move || files.get().map(|list| {
                if list.is_empty() {
                    return view! { <p class="muted">{i18n.tt(Key::NoAttachments)}</p> }.into_any();
                }
                view! {
                    <ul class="attachment-list">
                        {list.into_iter().map(|a| {
                            let label = i18n.fill(Key::RemoveFile, &[("name", &a.name)]);
                            let taken = a.clone();
                            view! {
                                <li>
                                    {file_link(i18n, &a)}
                                    {writable.then(|| view! {
                                        <button type="button" class="icon-button remove-attachment" aria-label=label.clone() title=label
                                            on:click=move |_| remove(taken.clone())>"✕"</button>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            })}
            {writable.then(|| view! {
                <AttachFiles url=upload_url full=Signal::derive(full) fits added error uploading hint=Key::AttachmentLimits />
            })}
            <FormError error />
        </section>
    }
}

/// The event's files as links in its summary; nothing when it has none.
#[component]
pub fn SummaryAttachments(object_id: String) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let files = read_files(cal.org.get_untracked(), object_id, None);
    move || {
        files.get().filter(|list| !list.is_empty()).map(|list| {
            view! {
                <ul class="attachment-list summary-files" aria-label=i18n.tt(Key::Attachments)>
                    {list.iter().map(|a| view! { <li>{file_link(i18n, a)}</li> }).collect_view()}
                </ul>
            }
        })
    }
}
