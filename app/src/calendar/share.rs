//! The calendar's share dialog: who has it and at which level (the shared `SharesEditor`), and
//! the public link.

use super::api::public_link;
use super::use_cal;
use crate::dialog::CloseButton;
use crate::error::AppError;
use crate::feedback::FormError;
use crate::i18n::Key;
use crate::modal::Dialog;
use crate::sharing::SharesEditor;
use domain::calendar::CalendarView;
use domain::live::CollectionKind;
use leptos::prelude::*;

#[component]
pub fn ShareDialog(calendar: CalendarView) -> impl IntoView {
    let cal = use_cal();
    let i18n = cal.i18n;
    let org = cal.org.get_untracked();
    let id = calendar.id.clone();
    let error = RwSignal::new(None::<AppError>);
    let token = RwSignal::new(calendar.public_token.clone());
    let toggle_link = {
        let (org, id) = (org.clone(), id.clone());
        move |enabled: bool| {
            let (org, id) = (org.clone(), id.clone());
            leptos::task::spawn_local(async move {
                match public_link(org, id, enabled).await {
                    Ok(t) => {
                        token.set(t);
                        cal.report(Ok(()), Key::Saved);
                    }
                    Err(err) => error.set(Some(err)),
                }
            });
        }
    };
    let toggle_link = StoredValue::new(toggle_link);
    let link = move || {
        token.get().map(|t| {
            #[cfg(feature = "hydrate")]
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            #[cfg(not(feature = "hydrate"))]
            let origin = String::new();
            format!("{origin}/ical/{t}.ics")
        })
    };
    let close = move || cal.dialog.set(None);
    view! {
        <Dialog class="dialog share-dialog" heading_id="share-title" title=move || i18n.fill(Key::ShareTitle, &[("name", &calendar.name)])
            on_close=Callback::new(move |()| close())>
            <SharesEditor kind=CollectionKind::Calendar id=id.clone() owner_id=calendar.owner_id.clone()
                on_saved=Callback::new(move |()| cal.report(Ok(()), Key::Saved)) />
            <FormError error />
            <h3>{i18n.tt(Key::PublicLink)}</h3>
            <p class="muted">{i18n.tt(Key::PublicLinkHint)}</p>
            <label class="check">
                <input type="checkbox" name="public" prop:checked=move || token.read().is_some()
                    on:change=move |ev| toggle_link.with_value(|t| t(event_target_checked(&ev))) />
                {i18n.tt(Key::PublicLinkOn)}
            </label>
            {move || link().map(|url| view! {
                <p class="public-url"><input type="text" readonly aria-label=i18n.tt(Key::PublicLink) prop:value=url /></p>
                <button class="button" on:click=move |_| toggle_link.with_value(|t| t(true))>{i18n.tt(Key::Regenerate)}</button>
            })}
            <CloseButton on_close=Callback::new(move |()| close()) />
        </Dialog>
    }
}
