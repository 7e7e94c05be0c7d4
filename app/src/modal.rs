//! The one modal dialog of every app: its frame (a titled box on a backdrop), and the keyboard
//! focus a modal owes its users: it moves in when the dialog opens, stays in while it is open,
//! and goes back when it closes.

use leptos::ev::SubmitEvent;
use leptos::html::Div;
use leptos::prelude::*;

/// A modal dialog: the box (`role="dialog"`, `aria-modal`) named by its heading, on a
/// [`DialogBackdrop`]. With `on_submit` the box is the form itself, so Enter in a field submits.
#[component]
pub fn Dialog(
    /// The classes of the box (`dialog import-dialog`).
    class: &'static str,
    /// The id of the heading, which names the dialog for screen readers (`import-title`).
    heading_id: &'static str,
    /// The heading's text.
    #[prop(into)]
    title: ViewFn,
    on_close: Callback<()>,
    #[prop(optional)] on_submit: Option<Callback<SubmitEvent>>,
    /// A question the member must answer (`role="alertdialog"`): the id of the text that asks it.
    #[prop(optional)]
    alert: Option<&'static str>,
    /// Where focus goes on closing when what opened the dialog is gone.
    #[prop(optional)]
    return_to: Option<&'static str>,
    #[prop(optional, into)] style: Option<String>,
    /// A ✕ on the heading's line that closes the dialog, for one without a Close or Cancel.
    #[prop(optional)]
    close_button: bool,
    /// A question asked over this dialog (how far a change of a series reaches): in the same
    /// backdrop, so focus stays within the two.
    #[prop(optional, into)]
    over: ViewFn,
    children: Children,
) -> impl IntoView {
    let role = if alert.is_some() {
        "alertdialog"
    } else {
        "dialog"
    };
    let heading = view! { <h2 id=heading_id>{move || title.run()}</h2> };
    let heading = match close_button {
        true => {
            let i18n = crate::i18n::use_i18n();
            let close = crate::i18n::Key::Close;
            view! {
                <div class="dialog-head">
                    {heading}
                    <button type="button" class="icon-button" aria-label=i18n.tt(close) title=i18n.tt(close)
                        on:click=move |_| on_close.run(())>"✕"</button>
                </div>
            }
            .into_any()
        }
        false => heading.into_any(),
    };
    let content = match on_submit {
        Some(submit) => view! {
            <form class=class role=role aria-modal="true" aria-labelledby=heading_id aria-describedby=alert
                tabindex="-1" style=style on:submit=move |ev| submit.run(ev)>
                {heading}
                {children()}
            </form>
        }
        .into_any(),
        None => view! {
            <div class=class role=role aria-modal="true" aria-labelledby=heading_id aria-describedby=alert
                tabindex="-1" style=style>
                {heading}
                {children()}
            </div>
        }
        .into_any(),
    };
    view! { <DialogBackdrop on_close return_to>{content}{move || over.run()}</DialogBackdrop> }
}

/// The backdrop around one dialog (its child, `role="dialog"`). Opening puts focus on the
/// field marked `autofocus`, else on the dialog itself (so a phone's keyboard stays down when
/// there is nothing to type); Tab and Shift+Tab cycle inside; Escape closes from anywhere in
/// it (clicking its text keeps focus in it); closing gives focus back to what opened it, or
/// to the element `return_to` selects when that is gone (a menu item of a closed menu).
#[component]
fn DialogBackdrop(
    on_close: Callback<()>,
    return_to: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let backdrop = NodeRef::<Div>::new();
    #[cfg(feature = "hydrate")]
    {
        let opener = send_wrapper::SendWrapper::new(focus::active());
        Effect::new(move |_| {
            if let Some(backdrop) = backdrop.get() {
                focus::enter(&backdrop);
            }
        });
        on_cleanup(move || focus::give_back(opener.take(), return_to));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = return_to;
    let keydown = move |ev: leptos::ev::KeyboardEvent| match ev.key().as_str() {
        "Escape" => on_close.run(()),
        "Tab" =>
        {
            #[cfg(feature = "hydrate")]
            if let Some(backdrop) = backdrop.get_untracked() {
                focus::cycle(&backdrop, &ev);
            }
        }
        _ => {}
    };
    view! {
        <div class="dialog-backdrop" tabindex="-1" node_ref=backdrop on:keydown=keydown>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod focus {
    use leptos::prelude::document;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlElement, KeyboardEvent};

    const FOCUSABLE: &str =
        "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), \
        select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

    pub fn active() -> Option<Element> {
        document().active_element()
    }

    fn focus(element: &Element) {
        if let Some(element) = element.dyn_ref::<HtmlElement>() {
            let _ = element.focus();
        }
    }

    pub fn enter(backdrop: &Element) {
        if let Ok(Some(field)) = backdrop.query_selector("[autofocus]") {
            return focus(&field);
        }
        if let Ok(Some(dialog)) = backdrop.query_selector("[role=dialog]") {
            if !dialog.has_attribute("tabindex") {
                let _ = dialog.set_attribute("tabindex", "-1");
            }
            focus(&dialog);
        }
    }

    /// The dialog's controls a user can reach with Tab, in order, leaving out hidden ones.
    fn reachable(backdrop: &Element) -> Vec<HtmlElement> {
        let Ok(list) = backdrop.query_selector_all(FOCUSABLE) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
            .filter(|element| element.get_client_rects().length() > 0)
            .collect()
    }

    /// Tab on the last control goes to the first, Shift+Tab on the first to the last, and
    /// either from the dialog itself to the controls: never out to the page behind.
    pub fn cycle(backdrop: &Element, ev: &KeyboardEvent) {
        let controls = reachable(backdrop);
        let (Some(first), Some(last)) = (controls.first(), controls.last()) else {
            ev.prevent_default();
            return;
        };
        let active = active();
        let is_active = |element: &HtmlElement| {
            active
                .as_ref()
                .is_some_and(|a| a == element.unchecked_ref::<Element>())
        };
        let on_a_control = controls.iter().any(is_active);
        let next = match ev.shift_key() {
            true if is_active(first) || !on_a_control => last,
            false if is_active(last) || !on_a_control => first,
            _ => return,
        };
        ev.prevent_default();
        let _ = next.focus();
    }

    pub fn give_back(opener: Option<Element>, return_to: Option<&str>) {
        let body = document().body();
        let opener = opener.filter(|element| {
            element.is_connected()
                && body.as_ref().map(|b| b.unchecked_ref::<Element>()) != Some(element)
        });
        let target = opener.or_else(|| {
            return_to.and_then(|selector| document().query_selector(selector).ok().flatten())
        });
        if let Some(target) = target {
            focus(&target);
        }
    }
}
