//! The frame of a Home widget whose content reads its data once the page is live: the Home page
//! is served without waiting for it, and each app's widget shows a link to open the app.

use super::{space_href, use_shell, AppId};
use crate::feedback::AfterHydration;
use crate::i18n::{use_i18n, Key};
use domain::live::CollectionKind;
use leptos::prelude::*;

#[component]
pub fn LiveWidget(
    /// The widget's `id` stem (its heading is `{id}-title`) and CSS class.
    id: &'static str,
    title: Key,
    /// The app the link opens, and the link's text.
    app: AppId,
    link: Key,
    children: ChildrenFn,
) -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let (heading, labelled_by) = (format!("{id}-title"), format!("{id}-title"));
    let open = move || space_href(&shell.org_id(), app, None);
    view! {
        <section class=format!("widget {id}") aria-labelledby=labelled_by>
            <h2 id=heading>{i18n.tt(title)}</h2>
            <AfterHydration>{children()}</AfterHydration>
            <a class="link-button" href=open>{i18n.tt(link)}</a>
        </section>
    }
}

/// A resource of what `fetch` reads for the organization shown (a Home widget's list), read
/// again when a collection of `kind` in that organization changes. It keeps the organization
/// it was made for: switching makes a new instance of the app, and a read started again in the
/// one going away would be awaited after it is gone.
pub fn org_resource<T, Fut>(
    kind: CollectionKind,
    fetch: impl Fn(String) -> Fut + Send + Sync + 'static,
) -> Resource<T>
where
    T: Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
    Fut: std::future::Future<Output = T> + Send + 'static,
{
    let shell = use_shell();
    let org = shell
        .org
        .with_untracked(|org| org.as_ref().map(|o| o.id.clone()).unwrap_or_default());
    let watched = org.clone();
    let resource = Resource::new(move || org.clone(), fetch);
    shell.live.on_change(move |change| {
        if change.kind == kind && change.org_id == watched {
            resource.refetch();
        }
    });
    resource
}
