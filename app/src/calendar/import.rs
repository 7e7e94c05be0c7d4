//! Import an .ics file into a chosen or a new calendar: the upload's progress, then the summary
//! of what was imported, updated and skipped. The file goes to the REST import route, which
//! takes the raw file as its body; XMLHttpRequest is what reports upload progress.

use super::use_cal;
use crate::dialog::CancelSave;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::Key;
use domain::calendar::{ImportSummary, SkipCode};
use leptos::prelude::*;

/// Where the import stands. Only the browser uploads, so the server never leaves `Choosing`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Stage {
    Choosing,
    /// Uploaded share 0.0 to 1.0; at 1.0 the server is reading the file.
    Sending(f64),
    Done(ImportSummary),
}

#[component]
pub fn ImportDialog() -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let writable: Vec<(String, String)> = cal.calendars.with_untracked(|all| {
        all.iter()
            .filter(|c| c.takes_events())
            .map(|c| (c.id.clone(), c.name.clone()))
            .collect()
    });
    let target = RwSignal::new(
        writable
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let new_name = RwSignal::new(String::new());
    let stage = RwSignal::new(Stage::Choosing);
    let error = RwSignal::new(None::<AppError>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let close = move || cal.dialog.set(None);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        error.set(None);
        // Only the browser has the file; the server renders the form and never submits it.
        #[cfg(feature = "hydrate")]
        if let Some(file) = file_input
            .get_untracked()
            .and_then(|i| i.files())
            .and_then(|f| f.get(0))
        {
            let org = cal.org.get_untracked();
            let url = match target.get_untracked() {
                new if new.is_empty() => format!(
                    "/api/v1/orgs/{org}/calendars/import?name={}",
                    js_sys::encode_uri_component(&new_name.get_untracked())
                ),
                existing => format!("/api/v1/calendars/{existing}/import"),
            };
            stage.set(Stage::Sending(0.0));
            upload::send(
                &url,
                &file,
                move |share| stage.set(Stage::Sending(share)),
                move |result| match result {
                    Ok(summary) => {
                        stage.set(Stage::Done(summary));
                        cal.reload();
                    }
                    Err(err) => {
                        stage.set(Stage::Choosing);
                        error.set(Some(err));
                    }
                },
            );
        }
    };
    view! {
        <div class="dialog-backdrop" on:keydown=move |ev| if ev.key() == "Escape" { close() }>
            <div class="dialog import-dialog" role="dialog" aria-modal="true" aria-labelledby="import-title">
                <h2 id="import-title">{i18n.tt(Key::ImportIcs)}</h2>
                {move || match stage.get() {
                    Stage::Done(summary) => view! { <Summary summary /> }.into_any(),
                    Stage::Sending(share) => view! {
                        <div class="import-progress">
                            <progress max="1" value=share aria-label=i18n.tt(Key::Importing)></progress>
                            <p role="status">{move || if share < 1.0 {
                                i18n.fill(Key::Uploading, &[("n", &format!("{:.0}", share * 100.0))])
                            } else {
                                i18n.t(Key::Importing).to_owned()
                            }}</p>
                        </div>
                    }.into_any(),
                    Stage::Choosing => {
                        let writable = writable.clone();
                        view! {
                            <form on:submit=submit>
                                <label class="field">
                                    <span>{i18n.tt(Key::IcsFile)}</span>
                                    <input type="file" name="file" accept=".ics,text/calendar" required node_ref=file_input />
                                </label>
                                <label class="field">
                                    <span>{i18n.tt(Key::ImportInto)}</span>
                                    <select name="target" on:change=move |ev| target.set(event_target_value(&ev))>
                                        {writable.into_iter().map(|(id, name)| {
                                            let selected = id == target.get_untracked();
                                            view! { <option value=id selected=selected>{name}</option> }
                                        }).collect_view()}
                                        <option value="">{i18n.tt(Key::NewCalendarOption)}</option>
                                    </select>
                                </label>
                                <Show when=move || target.get().is_empty()>
                                    <label class="field">
                                        <span>{i18n.tt(Key::ColumnName)}</span>
                                        <input type="text" name="new_name" required maxlength="100" bind:value=new_name />
                                    </label>
                                </Show>
                                <p class="muted">{i18n.tt(Key::ImportLimits)}</p>
                                <FormError error />
                                <CancelSave on_cancel=Callback::new(move |()| close()) submit=Key::Import />
                            </form>
                        }.into_any()
                    }
                }}
            </div>
        </div>
    }
}

#[component]
fn Summary(summary: ImportSummary) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let count = |key: Key, n: usize| move || i18n.fill(key, &[("n", &n.to_string())]);
    view! {
        <div class="import-summary" role="status">
            <ul>
                <li data-count="imported">{count(Key::ImportedCount, summary.imported as usize)}</li>
                <li data-count="updated">{count(Key::UpdatedCount, summary.updated as usize)}</li>
                <li data-count="unchanged">{count(Key::UnchangedCount, summary.unchanged as usize)}</li>
                <li data-count="skipped">{count(Key::SkippedCount, summary.skipped.len())}</li>
            </ul>
            {(!summary.skipped.is_empty()).then(|| view! {
                <table class="data-table">
                    <thead><tr><th scope="col">{i18n.tt(Key::Item)}</th><th scope="col">{i18n.tt(Key::Reason)}</th></tr></thead>
                    <tbody>
                        {summary.skipped.into_iter().map(|s| {
                            let why = skip_key(s.code);
                            view! { <tr data-code=s.code.code()><td>{s.item}</td><td title=s.reason>{i18n.tt(why)}</td></tr> }
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <div class="dialog-actions">
                <span class="topbar-spacer"></span>
                <button class="button primary" autofocus on:click=move |_| cal.dialog.set(None)>{i18n.tt(Key::Close)}</button>
            </div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod upload {
    use crate::error::AppError;
    use domain::calendar::ImportSummary;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use web_sys::{File, ProgressEvent, XmlHttpRequest};

    #[derive(serde::Deserialize)]
    struct ErrorBody {
        error: AppError,
    }

    /// POSTs `file` to `url`, reporting the uploaded share, then the server's answer.
    pub fn send(
        url: &str,
        file: &File,
        progress: impl Fn(f64) + 'static,
        done: impl FnOnce(Result<ImportSummary, AppError>) + 'static,
    ) {
        let Ok(xhr) = XmlHttpRequest::new() else {
            return done(Err(AppError::code("network")));
        };
        if xhr.open("POST", url).is_err() {
            return done(Err(AppError::code("network")));
        }
        let _ = xhr.set_request_header("Content-Type", "text/calendar");
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
        let _ = xhr.send_with_opt_blob(Some(file));
    }
}

/// The text of a skip reason; the parser's English words stay in the cell's title.
fn skip_key(code: SkipCode) -> Key {
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
