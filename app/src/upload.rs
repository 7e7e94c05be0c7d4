//! Sends a file the member picked to a REST route, reporting how much has gone (a `fetch` body
//! cannot): imports and attachments. Browser only.

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
            200..=299 => serde_json::from_str(&text).map_err(|_| AppError::code("internal")),
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
