//! The demo organization, seeded only when the server is started with `--demo`: its accounts,
//! and unless only those are asked for, a month of their calendars and contacts (`content`)
//! and their mail (`mail`).

mod content;
mod mail;

pub use mail::DEMO_MAIL_DOMAIN;

use crate::auth::{DEFAULT_TIME_ZONE, PERSONAL_SPACE_NAME};
use crate::error::DomainResult;
use crate::ids::new_id;
use crate::locale::Locale;
use crate::org::{insert_membership, insert_org, rules, Role};
use crate::store::Db;

pub const ORG_NAME: &str = "Demo SA";
pub const PASSWORD: &str = "kSuite-demo-2026";
/// A team, so the Manager and the share dialogs show one from the start: Ben and Chloé.
pub const DEMO_TEAM: &str = "Marketing";
const DEMO_TEAM_MEMBERS: [usize; 2] = [1, 2];
/// Jitsi's public server: any room name opens a meeting, so the demo's links work as they are.
pub const DEMO_VIDEO_BASE: &str = "https://meet.jit.si";

pub struct DemoAccount {
    pub name: &'static str,
    pub email: &'static str,
    pub role: Role,
    pub locale: Locale,
    /// The profile's country (ISO 3166-1 alpha-2).
    pub country: &'static str,
}

pub const ACCOUNTS: [DemoAccount; 4] = [
    DemoAccount {
        name: "Anna Keller",
        email: "anna@demo.example",
        role: Role::LegalRepresentative,
        locale: Locale::En,
        country: "CH",
    },
    DemoAccount {
        name: "Ben Meier",
        email: "ben@demo.example",
        role: Role::Admin,
        locale: Locale::De,
        country: "CH",
    },
    DemoAccount {
        name: "Chloé Dubois",
        email: "chloe@demo.example",
        role: Role::Collaborator,
        locale: Locale::Fr,
        country: "FR",
    },
    DemoAccount {
        name: "Dan Rossi",
        email: "dan@demo.example",
        role: Role::External,
        locale: Locale::It,
        country: "IT",
    },
];

/// What `accounts` made: the organization, its team, and the accounts in `ACCOUNTS` order.
struct Seeded {
    org_id: String,
    team_id: String,
    account_ids: Vec<String>,
}

/// Seeds the demo organization and its accounts unless they are already there. Returns whether
/// it seeded.
pub async fn seed(db: &Db, now: i64) -> DomainResult<bool> {
    Ok(accounts(db, now).await?.is_some())
}

/// Seeds the demo organization as `seed` does, then fills a month of its members' calendars
/// and address books around `now`, and their mailboxes with the weeks before it (their
/// messages' bytes in `blobs`).
pub async fn seed_with_month(db: &Db, blobs: &crate::blobs::Blobs, now: i64) -> DomainResult<bool> {
    let Some(seeded) = accounts(db, now).await? else {
        return Ok(false);
    };
    let mut actors = Vec::new();
    for id in &seeded.account_ids[..3] {
        actors.push(crate::org::actor(db, id, &seeded.org_id).await?);
    }
    let [anna, ben, chloe] = &actors[..] else {
        return Ok(true);
    };
    content::seed(db, anna, ben, chloe, &seeded.team_id, now).await?;
    mail::seed(db, blobs, [anna, ben, chloe], now).await?;
    Ok(true)
}

async fn accounts(db: &Db, now: i64) -> DomainResult<Option<Seeded>> {
    let existing: Option<(String,)> = sqlx::query_as("SELECT id FROM accounts WHERE email = $1")
        .bind(ACCOUNTS[0].email)
        .fetch_optional(db.pool())
        .await?;
    if existing.is_some() {
        return Ok(None);
    }
    let hash = crate::auth::hash_password(PASSWORD.to_owned()).await?;
    let mut tx = db.write().await?;
    let org_id = new_id();
    insert_org(&mut tx, &org_id, ORG_NAME, None, now).await?;
    sqlx::query("UPDATE organizations SET video_base_url = $2 WHERE id = $1")
        .bind(&org_id)
        .bind(DEMO_VIDEO_BASE)
        .execute(&mut *tx)
        .await?;
    let team_id = new_id();
    sqlx::query(
        "INSERT INTO teams (id, org_id, name, name_key, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&team_id)
    .bind(&org_id)
    .bind(DEMO_TEAM)
    .bind(DEMO_TEAM.to_lowercase())
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let mut account_ids = Vec::new();
    for (i, account) in ACCOUNTS.iter().enumerate() {
        let id = new_id();
        account_ids.push(id.clone());
        sqlx::query(
            "INSERT INTO accounts (id, email, name, password_hash, locale, time_zone, country, created_at, email_verified_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        )
        .bind(&id)
        .bind(account.email)
        .bind(account.name)
        .bind(&hash)
        .bind(account.locale.code())
        .bind(DEFAULT_TIME_ZONE)
        .bind(account.country)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        insert_membership(
            &mut tx,
            &org_id,
            &id,
            account.role,
            &rules::default_rights(account.role),
            now,
        )
        .await?;
        if DEMO_TEAM_MEMBERS.contains(&i) {
            sqlx::query(
                "INSERT INTO team_members (team_id, org_id, account_id) VALUES ($1, $2, $3)",
            )
            .bind(&team_id)
            .bind(&org_id)
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        }
        if i == 0 {
            let personal = new_id();
            insert_org(&mut tx, &personal, PERSONAL_SPACE_NAME, Some(&id), now).await?;
            let role = Role::LegalRepresentative;
            insert_membership(
                &mut tx,
                &personal,
                &id,
                role,
                &rules::default_rights(role),
                now,
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(Some(Seeded {
        org_id,
        team_id,
        account_ids,
    }))
}
