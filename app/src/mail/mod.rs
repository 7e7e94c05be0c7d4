//! The Mail app. Until its issue lands, a member sees its real empty state.

pub mod api;

use crate::feedback::EmptyState;
use crate::i18n::Key;
use leptos::prelude::*;

#[component]
pub fn MailApp() -> impl IntoView {
    view! { <EmptyState icon="mail" title=Key::MailEmptyTitle body=Key::MailEmptyBody /> }
}
