use crate::brand::{
    ConfirmEmailPage, ForgotPasswordPage, LoginPage, ResetPasswordPage, SignUpPage,
};
use crate::i18n::{provide_i18n, Locale};
use crate::shell::{NotFound, Space};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = initial_locale();
    let css = format!("/{}/ksuite.css", options.site_pkg_dir);
    view! {
        <!DOCTYPE html>
        <html lang=locale.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b63c9" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/icon-192.png" />
                <link rel="stylesheet" href=css />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// The product's name is the same in every language, so the title suffix needs no signal.
const PRODUCT_NAME: &str = "kSuite";

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let i18n = provide_i18n(initial_locale());
    // Keeps <html lang> in step with the chosen language, for screen readers and hyphenation.
    Effect::new(move |_| set_document_lang(i18n.locale.get()));
    view! {
        <Title formatter=|page: String| format!("{page} · {PRODUCT_NAME}") />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/signup") view=SignUpPage />
                <Route path=path!("/forgot-password") view=ForgotPasswordPage />
                <Route path=path!("/reset-password") view=ResetPasswordPage />
                <Route path=path!("/confirm-email") view=ConfirmEmailPage />
                <Route path=path!("/s/:org/:app") view=Space ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

/// The language the page was rendered in: from the request on the server, from `<html lang>`
/// in the browser, so hydration starts from the same text.
fn initial_locale() -> Locale {
    #[cfg(feature = "ssr")]
    {
        crate::context::request_locale()
    }
    #[cfg(not(feature = "ssr"))]
    {
        document_lang()
            .and_then(|l| Locale::from_code(&l))
            .unwrap_or_default()
    }
}

#[cfg(not(feature = "ssr"))]
fn document_lang() -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()?
            .document()?
            .document_element()?
            .get_attribute("lang")
    }
    #[cfg(not(feature = "hydrate"))]
    {
        None
    }
}

fn set_document_lang(locale: Locale) {
    #[cfg(feature = "hydrate")]
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", locale.code());
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = locale;
}

/// Marks the document as interactive (tests wait for it) and registers the service worker.
#[cfg(feature = "hydrate")]
pub(crate) fn after_hydration() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(root) = window.document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-hydrated", "true");
    }
    let _ = window.navigator().service_worker().register("/sw.js");
}
