//! "This one, this and following, or all?": what a change or deletion of one occurrence of a
//! series asks before it goes, from the event's dialog or its summary.

use super::use_cal;
use crate::i18n::Key;
use domain::calendar::Scope;
use leptos::prelude::*;

/// What the dialog is about to do once the reach of the change is known.
#[derive(Clone, Copy, PartialEq)]
pub enum Pending {
    Save,
    Delete,
}

#[component]
pub fn ScopeQuestion(
    pending: Pending,
    run: impl Fn(Pending, Scope) + Copy + Send + Sync + 'static,
    asking: RwSignal<Option<Pending>>,
) -> impl IntoView {
    let i18n = use_cal().i18n;
    let question = if pending == Pending::Save {
        Key::ScopeEditQuestion
    } else {
        Key::ScopeDeleteQuestion
    };
    view! {
        <div class="dialog scope-dialog" role="alertdialog" aria-modal="true" aria-labelledby="scope-title">
            <h2 id="scope-title">{i18n.tt(question)}</h2>
            <div class="scope-choices">
                <button class="button" data-scope="this" autofocus on:click=move |_| run(pending, Scope::This)>{i18n.tt(Key::ScopeThis)}</button>
                <button class="button" data-scope="following" on:click=move |_| run(pending, Scope::Following)>{i18n.tt(Key::ScopeFollowing)}</button>
                <button class="button" data-scope="all" on:click=move |_| run(pending, Scope::All)>{i18n.tt(Key::ScopeAll)}</button>
                <button class="button" on:click=move |_| asking.set(None)>{i18n.tt(Key::Cancel)}</button>
            </div>
        </div>
    }
}
