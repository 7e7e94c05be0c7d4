//! What a view shows while it waits for the server or when the server refused: the same text,
//! markup and screen-reader role everywhere.

use crate::error::AppError;
use crate::i18n::{use_i18n, I18n, Key};
use leptos::prelude::*;

/// The fallback of a Suspense or Transition.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading">{i18n.tt(Key::Loading)}</p> }
}

/// Its children once the page is live in the browser, [`Loading`] until then: the server
/// renders the page without them, and hydration finds what it rendered.
#[component]
pub fn AfterHydration(children: ChildrenFn) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    view! {
        <Show when=move || hydrated.get() fallback=Loading>
            {children()}
        </Show>
    }
}

/// A read that failed, in the user's language, announced to screen readers. When it failed
/// because the session ended (signed out from another device), the way back in is right there.
#[component]
pub fn ErrorAlert(error: AppError) -> impl IntoView {
    let i18n = use_i18n();
    let signed_out = error.code == "unauthenticated";
    view! {
        <p role="alert">
            {move || error.message(i18n)}
            {signed_out.then(|| view! { " " <a href="/login" rel="external">{i18n.tt(Key::SignIn)}</a> })}
        </p>
    }
}

/// The error of the last attempt of a form (empty until there is one); `id` lets the fields
/// it is about point at it (`aria-describedby`).
#[component]
pub fn FormError(
    #[prop(into)] error: Signal<Option<AppError>>,
    #[prop(optional)] id: Option<&'static str>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="form-error" id=id role="alert" aria-live="assertive">
            {move || error.get().map(|e| e.message(i18n))}
        </p>
    }
}

/// The sentence a status line announces after a write: `done` when it worked, else the error.
pub fn outcome(i18n: I18n, result: Result<(), AppError>, done: Key) -> String {
    match result {
        Ok(()) => i18n.t(done).to_owned(),
        Err(err) => err.message(i18n),
    }
}
