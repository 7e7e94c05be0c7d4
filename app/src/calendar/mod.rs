//! The Calendar app. Until its issue lands, a member sees its real empty state.

use crate::i18n::Key;
use crate::shell::EmptyState;
use leptos::prelude::*;

#[component]
pub fn CalendarApp() -> impl IntoView {
    view! { <EmptyState icon="calendar" title=Key::CalendarEmptyTitle body=Key::CalendarEmptyBody /> }
}
