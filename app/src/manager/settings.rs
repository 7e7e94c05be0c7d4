//! The organization's settings in the Manager: the video meeting address the Calendar makes
//! meeting links from. Members read it; administrators change it (the domain enforces that).

use crate::error::AppError;
use crate::feedback::{FormError, Loaded};
use crate::i18n::{use_i18n, Key};
use crate::space::use_shell;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgSettings {
    pub video_base_url: String,
    /// Whether this member may change them.
    pub editable: bool,
}

#[server(prefix = "/fn", endpoint = "org_settings")]
pub async fn load_org_settings(org: String) -> Result<OrgSettings, AppError> {
    let (ctx, actor, _) = crate::context::member_of(&org).await?;
    Ok(OrgSettings {
        video_base_url: domain::org::settings::video_base_url(&ctx.db, &actor).await?,
        editable: actor.role.is_administrator(),
    })
}

#[server(prefix = "/fn", endpoint = "save_org_settings")]
pub async fn save_org_settings(org: String, video_base_url: String) -> Result<(), AppError> {
    let (ctx, actor, _) = crate::context::member_of(&org).await?;
    Ok(domain::org::settings::set_video_base_url(&ctx.db, &actor, &video_base_url).await?)
}

#[component]
pub fn OrgSettingsForm() -> impl IntoView {
    let shell = use_shell();
    let loaded = Resource::new(move || shell.org_id(), load_org_settings);
    view! {
        <Loaded resource=loaded let:settings>
            <SettingsFields settings />
        </Loaded>
    }
}

#[component]
fn SettingsFields(settings: OrgSettings) -> impl IntoView {
    let i18n = use_i18n();
    let shell = use_shell();
    let url = RwSignal::new(settings.video_base_url);
    let error = RwSignal::new(None::<AppError>);
    let saved = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let org = shell.org_id();
        let value = url.get_untracked();
        saved.set(false);
        leptos::task::spawn_local(async move {
            match save_org_settings(org, value).await {
                Ok(()) => {
                    error.set(None);
                    saved.set(true);
                }
                Err(err) => error.set(Some(err)),
            }
        });
    };
    view! {
        <section class="org-settings" aria-labelledby="org-settings-title">
            <h2 id="org-settings-title">{i18n.tt(Key::OrgSettings)}</h2>
            <form on:submit=submit>
                <fieldset disabled=!settings.editable>
                    <label class="field">
                        <span>{i18n.tt(Key::VideoBaseUrl)}</span>
                        <input type="url" name="video_base_url" placeholder="https://meet.jit.si" bind:value=url />
                    </label>
                    <p class="muted">{i18n.tt(Key::VideoBaseHint)}</p>
                </fieldset>
                <FormError error />
                <p role="status" class="muted">{move || saved.get().then(|| i18n.t(Key::Saved))}</p>
                {settings.editable.then(|| view! {
                    <button type="submit" class="button primary">{i18n.tt(Key::Save)}</button>
                })}
            </form>
        </section>
    }
}
