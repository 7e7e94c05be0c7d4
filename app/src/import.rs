//! What the Calendar's and the Contacts' import dialogs share: sending the file to a REST import
//! route with its progress (XMLHttpRequest is what reports upload progress), the progress bar,
//! and the text of each reason an item was skipped.

use crate::i18n::{I18n, Key};
use domain::import::SkipCode;
use leptos::prelude::*;

/// The text of a skip reason; the parser's English words stay in the cell's title.
pub fn skip_key(code: SkipCode) -> Key {
    match code {
        SkipCode::Unsupported => Key::SkipUnsupported,
        SkipCode::UidRepeated => Key::SkipUidRepeated,
        SkipCode::NoUid => Key::SkipNoUid,
        SkipCode::NoStart => Key::SkipNoStart,
        SkipCode::BadRecurrence => Key::SkipBadRecurrence,
        SkipCode::Unreadable => Key::SkipUnreadable,
        SkipCode::NoName => Key::SkipNoName,
        SkipCode::Unterminated => Key::SkipUnterminated,
    }
}

/// The upload's bar: the share sent (0.0 to 1.0), then "Importing…" while the server reads.
#[component]
pub fn ImportProgress(i18n: I18n, share: f64) -> impl IntoView {
    view! {
        <div class="import-progress">
            <progress max="1" value=share aria-label=i18n.tt(Key::Importing)></progress>
            <p role="status">{move || if share < 1.0 {
                i18n.fill(Key::Uploading, &[("n", &format!("{:.0}", share * 100.0))])
            } else {
                i18n.t(Key::Importing).to_owned()
            }}</p>
        </div>
    }
}

/// An item an import left out, as the summary lists it.
pub struct SkippedRow {
    /// What the item is: its UID or summary, or the file's line.
    pub item: String,
    pub code: SkipCode,
    /// The parser's own words.
    pub reason: String,
}

/// What an import did: the counts, then each skipped item with its reason, and Close.
#[component]
pub fn ImportSummaryView(
    i18n: I18n,
    imported: u32,
    updated: u32,
    unchanged: u32,
    skipped: Vec<SkippedRow>,
    /// The heading of the skipped items' first column (Item, Line).
    item_heading: Key,
    on_close: Callback<()>,
) -> impl IntoView {
    let count = move |key: Key, n: usize| move || i18n.fill(key, &[("n", &n.to_string())]);
    let skipped_count = skipped.len();
    view! {
        <div class="import-summary" role="status">
            <ul>
                <li data-count="imported">{count(Key::ImportedCount, imported as usize)}</li>
                <li data-count="updated">{count(Key::UpdatedCount, updated as usize)}</li>
                <li data-count="unchanged">{count(Key::UnchangedCount, unchanged as usize)}</li>
                <li data-count="skipped">{count(Key::SkippedCount, skipped_count)}</li>
            </ul>
            {(!skipped.is_empty()).then(|| view! {
                <table class="data-table">
                    <thead><tr><th scope="col">{i18n.tt(item_heading)}</th><th scope="col">{i18n.tt(Key::Reason)}</th></tr></thead>
                    <tbody>
                        {skipped.into_iter().map(|s| {
                            let why = skip_key(s.code);
                            view! { <tr data-code=s.code.code()><td>{s.item}</td><td title=s.reason>{i18n.tt(why)}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <div class="dialog-actions">
                <span class="topbar-spacer"></span>
                <button class="button primary" autofocus on:click=move |_| on_close.run(())>{i18n.tt(Key::Close)}</button>
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
pub mod upload {
    use crate::error::AppError;
    use serde::de::DeserializeOwned;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{Blob, ProgressEvent, XmlHttpRequest};

    #[derive(serde::Deserialize)]
    struct ErrorBody {
        error: AppError,
    }

    /// POSTs `body` to `url`, reporting the uploaded share, then the server's answer.
    pub fn send<T: DeserializeOwned + 'static>(
        url: &str,
        content_type: &str,
        body: &Blob,
        progress: impl Fn(f64) + 'static,
        done: impl FnOnce(Result<T, AppError>) + 'static,
    ) {
        let Ok(xhr) = XmlHttpRequest::new() else {
            return done(Err(AppError::code("network")));
        };
        if xhr.open("POST", url).is_err() {
            return done(Err(AppError::code("network")));
        }
        let _ = xhr.set_request_header("Content-Type", content_type);
        let on_progress = Closure::<dyn FnMut(ProgressEvent)>::new(move |ev: ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                progress(ev.loaded() / ev.total());
            }
        });
        if let Ok(upload) = xhr.upload() {
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        }
        let answer = xhr.clone();
        // Freed by wasm-bindgen once called, when the request ends.
        let on_end = Closure::once_into_js(move |_: JsValue| {
            // The request is over: the progress handler can go with this one.
            drop(on_progress);
            let text = answer.response_text().ok().flatten().unwrap_or_default();
            let result = match answer.status().unwrap_or(0) {
                200 => serde_json::from_str(&text).map_err(|_| AppError::code("internal")),
                0 => Err(AppError::code("network")),
                _ => Err(serde_json::from_str::<ErrorBody>(&text)
                    .map(|b| b.error)
                    .unwrap_or_else(|_| AppError::code("internal"))),
            };
            done(result);
        });
        xhr.set_onloadend(Some(on_end.unchecked_ref()));
        // A request that cannot be sent still ends in `onloadend`, which reports it.
        let _ = xhr.send_with_opt_blob(Some(body));
    }
}
