//! The suite's apps by id, and whether the member may open one.

use super::use_shell;
use crate::i18n::Key;
use domain::org::{Access, Product};
use domain::views::OrgView;
use leptos::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AppId {
    Home,
    Mail,
    Calendar,
    Contacts,
    Manager,
}

domain::codes!(AppId {
    Home => "home",
    Mail => "mail",
    Calendar => "calendar",
    Contacts => "contacts",
    Manager => "manager",
});

impl AppId {
    pub fn title(self) -> Key {
        match self {
            AppId::Home => Key::AppHome,
            AppId::Mail => Key::AppMail,
            AppId::Calendar => Key::AppCalendar,
            AppId::Contacts => Key::AppContacts,
            AppId::Manager => Key::AppManager,
        }
    }

    /// The product right the app needs; Home needs none.
    pub fn product(self) -> Option<Product> {
        match self {
            AppId::Home => None,
            AppId::Mail => Some(Product::Mail),
            AppId::Calendar => Some(Product::Calendar),
            AppId::Contacts => Some(Product::Contacts),
            AppId::Manager => Some(Product::Manager),
        }
    }
}

/// Whether the current member may open `app` in the current organization.
pub fn may_use(app: AppId) -> bool {
    let shell = use_shell();
    shell.org.get().is_some_and(|org| allowed_in(&org, app))
}

/// Whether the member may open `app` in `org`.
pub fn allowed_in(org: &OrgView, app: AppId) -> bool {
    app.product()
        .is_none_or(|product| domain::org::rules::allows(&org.products, product, Access::Use))
}
