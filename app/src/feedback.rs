//! What a view shows while it waits for the server, when the server refused, and after a
//! change: the same text, markup and screen-reader role everywhere.

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

/// What `resource` loaded, as `children` show it; [`Loading`] until it first arrives (after
/// that, the last value stays while it reloads), and an [`ErrorAlert`] in its place when
/// loading failed.
#[component]
pub fn Loaded<R, T, V, F>(
    /// A `Resource` or a `LocalResource`.
    resource: R,
    /// Told when a reload starts and ends (for a busy mark while the old value shows).
    #[prop(optional, into)]
    set_pending: Option<SignalSetter<bool>>,
    children: F,
) -> impl IntoView
where
    R: std::future::IntoFuture<Output = Result<T, AppError>> + Copy + Send + Sync + 'static,
    R::IntoFuture: Send,
    T: 'static,
    F: Fn(T) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let shown = move || {
        let children = children.clone();
        Suspend::new(async move {
            match resource.await {
                Ok(value) => children(value).into_any(),
                Err(error) => view! { <ErrorAlert error /> }.into_any(),
            }
        })
    };
    // Transition reports pending from an isomorphic effect. On the server that effect runs on
    // another worker and writes the signal while this page is rendered from it, and a signal
    // read while it is write-locked panics (as "already disposed"). A server render is never a
    // reload, so there is nothing to report there.
    #[cfg(not(feature = "hydrate"))]
    let set_pending: Option<SignalSetter<bool>> = set_pending.and(None);
    match set_pending {
        Some(set_pending) => {
            view! { <Transition fallback=Loading set_pending>{shown}</Transition> }.into_any()
        }
        None => view! { <Transition fallback=Loading>{shown}</Transition> }.into_any(),
    }
}

/// What `state` holds once a read the view started itself settles, as `children` show it:
/// [`Loading`] until then (`None`), an [`ErrorAlert`] when it failed. [`Loaded`] is the same
/// for a resource.
#[component]
pub fn Settled<T, V, F>(
    #[prop(into)] state: Signal<Option<Result<T, AppError>>>,
    children: F,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match state.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <ErrorAlert error /> }.into_any(),
        Some(Ok(value)) => children(value).into_any(),
    }
}

/// A list `resource` loaded, as [`Loaded`] shows it, and the text `empty` in its place while
/// the list holds nothing.
#[component]
pub fn LoadedList<R, T, V, F>(
    resource: R,
    empty: Key,
    /// The class of the `empty` text.
    #[prop(default = "muted")]
    empty_class: &'static str,
    children: F,
) -> impl IntoView
where
    R: std::future::IntoFuture<Output = Result<Vec<T>, AppError>> + Copy + Send + Sync + 'static,
    R::IntoFuture: Send,
    T: 'static,
    F: Fn(Vec<T>) -> V + Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let i18n = use_i18n();
    let shown = move |list: Vec<T>| {
        if list.is_empty() {
            view! { <p class=empty_class>{i18n.tt(empty)}</p> }.into_any()
        } else {
            children(list).into_any()
        }
    };
    view! { <Loaded resource children=shown /> }
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

/// A change just made, shown at the bottom of the app: what happened and, when it can be taken
/// back, Undo.
#[derive(Clone)]
pub struct Notice {
    pub text: String,
    pub undo: Option<Callback<()>>,
}

impl Notice {
    pub fn of(text: String) -> Notice {
        Notice { text, undo: None }
    }
}

/// Shows the outcome of a write: `done` when it worked, else the error.
pub fn report(
    notice: RwSignal<Option<Notice>>,
    i18n: I18n,
    result: Result<(), AppError>,
    done: Key,
) {
    notice.set(Some(Notice::of(outcome(i18n, result, done))));
}

/// Shows the outcome of a write that `undo` takes back: Undo beside the message when it worked.
pub fn report_undo(
    notice: RwSignal<Option<Notice>>,
    i18n: I18n,
    result: Result<(), AppError>,
    done: Key,
    undo: impl Fn() + Send + Sync + 'static,
) {
    let undo = result.is_ok().then(|| Callback::new(move |()| undo()));
    notice.set(Some(Notice {
        text: outcome(i18n, result, done),
        undo,
    }));
}

/// How long a notice stays, unless the pointer or the focus is on it.
#[cfg(feature = "hydrate")]
const NOTICE_TIME: std::time::Duration = std::time::Duration::from_secs(8);

/// Hides `notice` once it has been shown long enough; a newer notice starts its own time.
#[cfg(feature = "hydrate")]
fn hide_later(notice: RwSignal<Option<Notice>>, shown: StoredValue<u32>, this: u32) {
    set_timeout(
        move || {
            if shown.get_value() != this {
                return;
            }
            let held = document()
                .query_selector(".toast:hover, .toast:focus-within")
                .ok()
                .flatten()
                .is_some();
            if held {
                hide_later(notice, shown, this);
            } else {
                notice.set(None);
            }
        },
        NOTICE_TIME,
    );
}

/// The last notice of an app, announced politely, with Undo when it has one.
#[component]
pub fn Toast(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    let i18n = use_i18n();
    #[cfg(feature = "hydrate")]
    {
        let shown = StoredValue::new(0u32);
        Effect::new(move |_| {
            if notice.with(Option::is_some) {
                let this = shown.get_value().wrapping_add(1);
                shown.set_value(this);
                hide_later(notice, shown, this);
            }
        });
    }
    view! {
        // Always in the page, so what appears in it is read out.
        <div class="toast-region" role="status" aria-live="polite">
            {move || notice.get().map(|Notice { text, undo }| view! {
                <div class="toast">
                    <span class="toast-text">{text}</span>
                    {undo.map(|undo| view! {
                        <button type="button" class="button undo" on:click=move |_| { notice.set(None); undo.run(()); }>
                            {i18n.tt(Key::Undo)}
                        </button>
                    })}
                    <button type="button" class="icon-button" aria-label=i18n.tt(Key::Close) title=i18n.tt(Key::Close)
                        on:click=move |_| notice.set(None)>"✕"</button>
                </div>
            })}
        </div>
    }
}

/// The state of an app that has nothing to show yet, with what will appear and why.
#[component]
pub fn EmptyState(icon: &'static str, title: Key, body: Key) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="empty-state">
            <span class=format!("empty-icon icon-{icon}") aria-hidden="true"></span>
            <h2>{i18n.tt(title)}</h2>
            <p>{i18n.tt(body)}</p>
        </div>
    }
}
