//! The Contacts app. Until its issue lands, a member sees its real empty state.

use crate::i18n::Key;
use crate::shell::EmptyState;
use leptos::prelude::*;

#[component]
pub fn ContactsApp() -> impl IntoView {
    view! { <EmptyState icon="contacts" title=Key::ContactsEmptyTitle body=Key::ContactsEmptyBody /> }
}
