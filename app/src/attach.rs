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
    /// Whether one more file of this size may go, or the limit it would pass; asked before each.
    fits: Callback<u64, Result<(), AppError>>,
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
    let _ = (added, fits);
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
                fits,
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
    fits: Callback<u64, Result<(), AppError>>,
    input: NodeRef<Input>,
}

#[cfg(feature = "hydrate")]
impl Upload {
    /// Sends the `at`th of `files`, then the next; stops at the first refusal, and when the
    /// form it belongs to has closed meanwhile.
    fn send(self, files: web_sys::FileList, at: u32) {
        let Some(file) = files.get(at) else {
            return self.end();
        };
        match self.fits.try_run(file.size() as u64) {
            Some(Ok(())) => {}
            Some(Err(refused)) => {
                self.error.set(Some(refused));
                return self.end();
            }
            None => return,
        }
        let name = file.name();
        let Some(to) = self.url.try_get_value() else {
            return;
        };
        let url = format!(
            "{to}?name={}",
            String::from(js_sys::encode_uri_component(&name))
        );
        let kind = Some(file.type_()).filter(|t| !t.is_empty());
        if self.uploading.try_set(Some((name.clone(), 0.0))).is_some() {
            return;
        }
        let shown = name.clone();
        crate::upload::send(
            &url,
            kind.as_deref().unwrap_or("application/octet-stream"),
            &file,
            move |share| {
                self.uploading.try_set(Some((shown.clone(), share)));
            },
            move |result: Result<AttachmentView, AppError>| match result {
                // Kept by the server even if the form closed meanwhile: forgotten in a day.
                Ok(added) => {
                    let said = self.i18n.fill(Key::FileAttached, &[("name", &name)]);
                    if self.added.try_run(added).is_some() && self.done.try_set(said).is_none() {
                        self.send(files, at + 1);
                    }
                }
                Err(err) => {
                    if self.error.try_set(Some(err)).is_none() {
                        self.end();
                    }
                }
            },
        );
    }

    /// Nothing more goes up: the picker is ready for the next pick.
    fn end(self) {
        self.uploading.try_set(None);
        if let Some(input) = self.input.try_get_untracked().flatten() {
            input.set_value("");
        }
    }
}
