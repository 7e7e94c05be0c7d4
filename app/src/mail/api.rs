//! Server functions of the Mail app. Each resolves the caller as a member of `org` and calls
//! the same domain function as the REST API, so rights are checked in one place.

use crate::error::AppError;
use domain::mail::{
    Composed, FlagChange, FolderView, ListQuery, MailDomainView, MailboxUnread, MailboxView,
    MessageSet, MessageSummary, MessageView, Moved, PersonView, Sending,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
use crate::context::member_of;

/// The member's mailboxes: their own (made on the first visit), then those shared with them.
#[server(prefix = "/fn", endpoint = "mailboxes", input = GetUrl)]
pub async fn mailboxes(org: String) -> Result<Vec<MailboxView>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::mail::accounts::list_mailboxes(&ctx.db, &actor, now).await?)
}

/// What the app opens on: the member's mailboxes, and the folders of the first. One call, not
/// the two above in turn: on the server, a resource's request is found while it starts, and the
/// walk Leptos takes over a page before rendering it drops its resources' owners before a
/// second call would start (see `every_app_page_renders_whole_under_concurrent_load`).
#[server(prefix = "/fn", endpoint = "mail_opening", input = GetUrl)]
pub async fn mail_opening(org: String) -> Result<(Vec<MailboxView>, Vec<FolderView>), AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    let list = domain::mail::accounts::list_mailboxes(&ctx.db, &actor, now).await?;
    let folders = match list.first() {
        Some(first) => domain::mail::folders::list_folders(&ctx.db, &actor, &first.id).await?,
        None => Vec::new(),
    };
    Ok((list, folders))
}

#[server(prefix = "/fn", endpoint = "mail_folders", input = GetUrl)]
pub async fn mail_folders(org: String, mailbox: String) -> Result<Vec<FolderView>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::mail::folders::list_folders(&ctx.db, &actor, &mailbox).await?)
}

/// A change to the member's own folders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum FolderChange {
    Create {
        mailbox: String,
        parent: String,
        name: String,
    },
    Rename {
        folder: String,
        name: String,
    },
    Move {
        folder: String,
        parent: String,
    },
    Delete {
        folder: String,
    },
}

/// Applies the change; returns the folder's id.
#[server(prefix = "/fn", endpoint = "change_mail_folder")]
pub async fn change_mail_folder(org: String, change: FolderChange) -> Result<String, AppError> {
    use domain::mail::folders;
    let (ctx, actor, _) = member_of(&org).await?;
    let db = &ctx.db;
    Ok(match change {
        FolderChange::Create {
            mailbox,
            parent,
            name,
        } => {
            folders::create_folder(db, &actor, &mailbox, &parent, &name, domain::clock::now())
                .await?
        }
        FolderChange::Rename { folder, name } => {
            folders::rename_folder(db, &actor, &folder, &name).await?;
            folder
        }
        FolderChange::Move { folder, parent } => {
            folders::move_folder(db, &actor, &folder, &parent).await?;
            folder
        }
        FolderChange::Delete { folder } => {
            folders::delete_folder(db, &actor, &folder).await?;
            folder
        }
    })
}

/// A row of the list, with when it arrived as the member reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    pub message: MessageSummary,
    pub date: String,
}

/// A window of the list: its rows, and how many the whole list has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailWindow {
    pub total: u64,
    pub rows: Vec<Listed>,
}

/// A window of a folder's list, or of a search. A GET: it only reads.
#[server(prefix = "/fn", endpoint = "mail_list", input = GetUrl)]
pub async fn mail_list(org: String, query: ListQuery) -> Result<MailWindow, AppError> {
    let (ctx, actor, zone) = member_of(&org).await?;
    let locale = crate::context::session()?.account.locale;
    let page = domain::mail::list::list_messages(&ctx.db, &actor, &query).await?;
    let now = domain::clock::now();
    let rows = page
        .rows
        .into_iter()
        .map(|message| Listed {
            date: domain::mail::dates::list_date(message.received_at, now, &zone, locale),
            message,
        })
        .collect();
    Ok(MailWindow {
        total: page.total,
        rows,
    })
}

/// What the Home widget shows: each mailbox's unread count, and the newest unread messages
/// with when they arrived as the member reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailGlance {
    pub mailboxes: Vec<MailboxUnread>,
    pub latest: Vec<Listed>,
}

#[server(prefix = "/fn", endpoint = "mail_overview", input = GetUrl)]
pub async fn mail_overview(org: String) -> Result<MailGlance, AppError> {
    let (ctx, actor, zone) = member_of(&org).await?;
    let locale = crate::context::session()?.account.locale;
    let now = domain::clock::now();
    let overview = domain::mail::overview::overview(&ctx.db, &actor, now).await?;
    Ok(MailGlance {
        mailboxes: overview.mailboxes,
        latest: overview
            .latest
            .into_iter()
            .map(|message| Listed {
                date: domain::mail::dates::list_date(message.received_at, now, &zone, locale),
                message,
            })
            .collect(),
    })
}

/// A message as the reading pane shows it, with when it was sent as the member reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownMessage {
    pub message: MessageView,
    pub date: String,
}

/// Reading marks nothing: the pane asks for that.
#[server(prefix = "/fn", endpoint = "mail_message", input = GetUrl)]
pub async fn mail_message(org: String, id: String) -> Result<ShownMessage, AppError> {
    let (ctx, actor, zone) = member_of(&org).await?;
    let locale = crate::context::session()?.account.locale;
    let message = domain::mail::read::get_message(&ctx.db, &ctx.blobs, &actor, &id).await?;
    let date = domain::mail::dates::full_date(message.sent_at, &zone, locale);
    Ok(ShownMessage { message, date })
}

/// What a member does to messages of one mailbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum MailAction {
    Flags {
        set: MessageSet,
        change: FlagChange,
    },
    Move {
        set: MessageSet,
        to: String,
    },
    Trash {
        set: MessageSet,
    },
    Restore {
        set: MessageSet,
    },
    /// Moves messages back where a move took them from.
    UndoMove {
        moved: Vec<Moved>,
    },
    Destroy {
        set: MessageSet,
    },
    EmptyTrash,
}

/// What an action did: how many messages changed, and those it moved with where they were.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionOutcome {
    pub changed: u64,
    pub moved: Vec<Moved>,
}

#[server(prefix = "/fn", endpoint = "mail_act")]
pub async fn mail_act(
    org: String,
    mailbox: String,
    action: MailAction,
) -> Result<ActionOutcome, AppError> {
    use domain::mail::actions;
    let (ctx, actor, _) = member_of(&org).await?;
    let db = &ctx.db;
    let moved = |moved: Vec<Moved>| ActionOutcome {
        changed: moved.len() as u64,
        moved,
    };
    let changed = |changed: u64| ActionOutcome {
        changed,
        moved: Vec::new(),
    };
    Ok(match action {
        MailAction::Flags { set, change } => {
            changed(actions::set_flags(db, &actor, &mailbox, &set, change).await?)
        }
        MailAction::Move { set, to } => {
            moved(actions::move_messages(db, &actor, &mailbox, &set, &to).await?)
        }
        MailAction::Trash { set } => {
            moved(actions::trash_messages(db, &actor, &mailbox, &set).await?)
        }
        MailAction::Restore { set } => {
            moved(actions::restore_messages(db, &actor, &mailbox, &set).await?)
        }
        MailAction::UndoMove { moved } => {
            changed(actions::undo_move(db, &actor, &mailbox, &moved).await?)
        }
        MailAction::Destroy { set } => {
            changed(actions::destroy_messages(db, &actor, &mailbox, &set).await?)
        }
        MailAction::EmptyTrash => changed(actions::empty_trash(db, &actor, &mailbox).await?),
    })
}

/// The organization's mail domains. Administrators only.
#[server(prefix = "/fn", endpoint = "mail_domains", input = GetUrl)]
pub async fn mail_domains(org: String) -> Result<Vec<MailDomainView>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::mail::domains::list_domains(&ctx.db, &actor).await?)
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DomainChange {
    Add { domain: String },
    Remove { domain: String },
}

#[server(prefix = "/fn", endpoint = "change_mail_domain")]
pub async fn change_mail_domain(org: String, change: DomainChange) -> Result<(), AppError> {
    use domain::mail::domains;
    let (ctx, actor, _) = member_of(&org).await?;
    match change {
        DomainChange::Add { domain } => {
            domains::add_domain(&ctx.db, &actor, &domain, domain::clock::now()).await?;
        }
        DomainChange::Remove { domain } => domains::remove_domain(&ctx.db, &actor, &domain).await?,
    }
    Ok(())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AddressChange {
    Primary { address: String },
    AddAlias { address: String },
    RemoveAlias { address: String },
}

/// Changes a mailbox's addresses. Administrators only.
#[server(prefix = "/fn", endpoint = "change_mail_address")]
pub async fn change_mail_address(
    org: String,
    mailbox: String,
    change: AddressChange,
) -> Result<(), AppError> {
    use domain::mail::addresses;
    let (ctx, actor, _) = member_of(&org).await?;
    let (db, now) = (&ctx.db, domain::clock::now());
    match change {
        AddressChange::Primary { address } => {
            addresses::set_primary_address(db, &actor, &mailbox, &address, now).await?;
        }
        AddressChange::AddAlias { address } => {
            addresses::add_alias(db, &actor, &mailbox, &address, now).await?;
        }
        AddressChange::RemoveAlias { address } => {
            addresses::remove_alias(db, &actor, &mailbox, &address).await?;
        }
    }
    Ok(())
}

/// Sends `composed` from `mailbox` once the seconds Undo is offered are over, or at `later`,
/// a date and time in the member's time zone ("2026-12-04T08:00").
#[server(prefix = "/fn", endpoint = "mail_send")]
pub async fn mail_send(
    org: String,
    mailbox: String,
    composed: Composed,
    later: Option<String>,
) -> Result<Sending, AppError> {
    use domain::mail::send;
    let (ctx, actor, zone) = member_of(&org).await?;
    let now = domain::clock::now();
    let send_at = send::send_time(later.as_deref(), &zone, now)?;
    let id = send::send(
        &ctx.db,
        &ctx.blobs,
        &ctx.mail.mailer,
        &actor,
        &mailbox,
        &composed,
        send_at,
        now,
    )
    .await?;
    Ok(Sending { id, send_at })
}

/// Saves what the form holds as a draft in `mailbox`; returns the draft's id, which the form
/// sends back (in `composed.draft`) with its next save.
#[server(prefix = "/fn", endpoint = "mail_save_draft")]
pub async fn mail_save_draft(
    org: String,
    mailbox: String,
    composed: Composed,
) -> Result<String, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    let saved =
        domain::mail::drafts::save(&ctx.db, &ctx.blobs, &actor, &mailbox, &composed, now).await?;
    Ok(saved)
}

/// The form of the draft whose message is `message`, to write on. A GET: it only reads.
#[server(prefix = "/fn", endpoint = "mail_draft", input = GetUrl)]
pub async fn mail_draft(org: String, message: String) -> Result<Composed, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::mail::drafts::open(&ctx.db, &ctx.blobs, &actor, &message).await?)
}

/// Deletes the member's draft `draft`.
#[server(prefix = "/fn", endpoint = "mail_discard_draft")]
pub async fn mail_discard_draft(org: String, draft: String) -> Result<(), AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::mail::drafts::discard(&ctx.db, &actor, &draft, now).await?)
}

/// People to offer for the recipient being typed: colleagues and contacts, best match first.
#[server(prefix = "/fn", endpoint = "mail_suggest", input = GetUrl)]
pub async fn mail_suggest(org: String, typed: String) -> Result<Vec<PersonView>, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    let now = domain::clock::now();
    Ok(domain::mail::suggest::suggest(&ctx.db, &actor, &typed, now).await?)
}

/// Takes back a message not sent yet; what it said comes back.
#[server(prefix = "/fn", endpoint = "mail_unsend")]
pub async fn mail_unsend(org: String, id: String) -> Result<Composed, AppError> {
    let (ctx, actor, _) = member_of(&org).await?;
    Ok(domain::mail::send::unsend(&ctx.db, &actor, &id, domain::clock::now()).await?)
}
