//! Picking files and sending them up one after the other with a progress bar, for whatever
//! they are attached to: an event, a message being written.

use crate::error::AppError;
use crate::i18n::{use_i18n, Key};
use domain::views::AttachmentView;
use leptos::html::Input;
use leptos::prelude::*;

/// The picker, the progress of the file going up and a status line for screen readers.
#[component]
pub fn AttachFiles(
    /// Where each file is POSTed; `?name=` is added.
    url: String,
    /// No more files may be attached.
    #[prop(into)]
    full: Signal<bool>,
    /// Told of each file the server kept.
    added: Callback<AttachmentView>,
    /// Where a refusal is reported.
    error: RwSignal<Option<AppError>>,
    /// The file going up and the share of it sent so far, for the caller to wait on.
    uploading: RwSignal<Option<(String, f64)>>,
    /// The limits, shown beside the button.
    hint: Key,
) -> impl IntoView {
    let i18n = use_i18n();
    // What the last upload did, for screen readers.
    let done = RwSignal::new(String::new());
    let file_input = NodeRef::<Input>::new();
    #[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
    let url = StoredValue::new(url);
    // The input stays enabled while a file goes up (disabling it would drop the keyboard's
    // focus); a pick meanwhile is ignored.
    let busy = move || uploading.with(Option::is_some) || full.get();
    // Only the browser sends files.
    #[cfg(not(feature = "hydrate"))]
    let _ = added;
    let pick = move |_| {
        if busy() {
            return;
        }
        error.set(None);
        done.set(String::new());
        // Only the browser has the files.
        #[cfg(feature = "hydrate")]
        if let Some(files) = file_input.get_untracked().and_then(|i| i.files()) {
            let to = Upload {
                i18n,
                url,
                uploading,
                done,
                error,
                added,
                full,
                input: file_input,
            };
            to.send(files, 0);
        }
    };
    view! {
        <div class="attach-files" aria-busy=move || uploading.get().is_some().then_some("true")>
            {move || uploading.get().map(|(name, share)| {
                let label = i18n.fill(Key::UploadingFile, &[("name", &name), ("n", &format!("{:.0}", share * 100.0))]);
                view! {
                    <div class="import-progress">
                        <progress max="1" value=share aria-label=label.clone()></progress>
                        <p aria-hidden="true">{label}</p>
                    </div>
                }
            })}
            <p class="visually-hidden" role="status">{move || done.get()}</p>
            <div class="field-row">
                <label class="button attach-file" class:disabled=busy aria-disabled=move || busy().then_some("true")>
                    {i18n.tt(Key::AttachFile)}
                    <input type="file" name="attachment" multiple class="visually-hidden" node_ref=file_input on:change=pick />
                </label>
                <span class="muted">{i18n.tt(hint)}</span>
            </div>
        </div>
    }
}

/// What uploading the picked files one after the other needs.
#[cfg(feature = "hydrate")]
#[derive(Clone, Copy)]
struct Upload {
    i18n: crate::i18n::I18n,
    url: StoredValue<String>,
    uploading: RwSignal<Option<(String, f64)>>,
    done: RwSignal<String>,
    error: RwSignal<Option<AppError>>,
    added: Callback<AttachmentView>,
    full: Signal<bool>,
    input: NodeRef<Input>,
}

#[cfg(feature = "hydrate")]
impl Upload {
    /// Sends the `at`th of `files`, then the next; stops at the first refusal.
    fn send(self, files: web_sys::FileList, at: u32) {
        let file = match files.get(at) {
            Some(file) if !self.full.get_untracked() => file,
            _ => {
                self.uploading.set(None);
                if let Some(input) = self.input.get_untracked() {
                    input.set_value("");
                }
                return;
            }
        };
        let name = file.name();
        let url = format!(
            "{}?name={}",
            self.url.get_value(),
            String::from(js_sys::encode_uri_component(&name))
        );
        let kind = Some(file.type_()).filter(|t| !t.is_empty());
        self.uploading.set(Some((name.clone(), 0.0)));
        let shown = name.clone();
        crate::upload::send(
            &url,
            kind.as_deref().unwrap_or("application/octet-stream"),
            &file,
            move |share| self.uploading.set(Some((shown.clone(), share))),
            move |result: Result<AttachmentView, AppError>| match result {
                Ok(added) => {
                    self.done
                        .set(self.i18n.fill(Key::FileAttached, &[("name", &name)]));
                    self.added.run(added);
                    self.send(files, at + 1);
                }
                Err(err) => {
                    self.error.set(Some(err));
                    self.send(files, u32::MAX);
                }
            },
        );
    }
}
