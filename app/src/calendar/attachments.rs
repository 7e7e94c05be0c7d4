//! The event dialog's files: listed with their size, opened or downloaded, attached one after
//! another with a progress bar, removed by who may change the event.

use super::api::{event_attachments, remove_attachment};
use super::use_cal;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::numbers::file_size;
use crate::i18n::Key;
use domain::views::AttachmentView;
use leptos::html::Input;
use leptos::prelude::*;

#[component]
pub fn EventAttachments(object_id: String, writable: bool) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let files = RwSignal::new(None::<Vec<AttachmentView>>);
    let error = RwSignal::new(None::<AppError>);
    // The file being sent and the share of it sent so far.
    let sending = RwSignal::new(None::<(String, f64)>);
    let file_input = NodeRef::<Input>::new();
    let object_id = StoredValue::new(object_id);
    let org = cal.org.get_untracked();
    leptos::task::spawn_local(async move {
        match event_attachments(org, object_id.get_value()).await {
            Ok(list) => files.set(Some(list)),
            Err(err) => error.set(Some(err)),
        }
    });
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
    let pick = move |_| {
        error.set(None);
        // Only the browser has the file.
        #[cfg(feature = "hydrate")]
        if let Some(file) = file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        {
            let name = file.name();
            let url = format!(
                "/api/v1/events/{}/attachments?name={}",
                object_id.get_value(),
                String::from(js_sys::encode_uri_component(&name))
            );
            let kind = Some(file.type_()).filter(|t| !t.is_empty());
            sending.set(Some((name.clone(), 0.0)));
            crate::import::upload::send(
                &url,
                kind.as_deref().unwrap_or("application/octet-stream"),
                &file,
                move |share| sending.set(Some((name.clone(), share))),
                move |result: Result<AttachmentView, AppError>| {
                    sending.set(None);
                    if let Some(input) = file_input.get_untracked() {
                        input.set_value("");
                    }
                    match result {
                        Ok(added) => {
                            files.update(|all| all.get_or_insert_with(Vec::new).push(added))
                        }
                        Err(err) => error.set(Some(err)),
                    }
                },
            );
        }
    };
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
                            let href = format!("/api/v1/attachments/{}", a.id);
                            let label = i18n.fill(Key::RemoveFile, &[("name", &a.name)]);
                            let size = file_size(i18n, a.size);
                            let taken = a.clone();
                            view! {
                                <li>
                                    <a href=href rel="external" target="_blank" class="attachment-name">{a.name.clone()}</a>
                                    <span class="muted">{size}</span>
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
            {move || sending.get().map(|(name, share)| {
                let label = i18n.fill(Key::UploadingFile, &[("name", &name), ("n", &format!("{:.0}", share * 100.0))]);
                view! {
                    <div class="import-progress">
                        <progress max="1" value=share aria-label=label.clone()></progress>
                        <p role="status">{label}</p>
                    </div>
                }
            })}
            {writable.then(|| view! {
                <div class="field-row">
                    <label class="button attach-file">
                        {i18n.tt(Key::AttachFile)}
                        <input type="file" name="attachment" class="visually-hidden" node_ref=file_input
                            disabled=move || sending.get().is_some() on:change=pick />
                    </label>
                    <span class="muted">{i18n.tt(Key::AttachmentLimits)}</span>
                </div>
            })}
            <FormError error />
        </section>
    }
}
