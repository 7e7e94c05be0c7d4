//! Mail domains, mailboxes, addresses and folders against a real database (SQLite, and
//! PostgreSQL when the test command sets `KSUITE_TEST_POSTGRES`).

use domain::collections::{self, CollectionKind, Held};
use domain::mail::accounts::list_mailboxes;
use domain::mail::addresses::{add_alias, remove_alias, set_primary_address, MAX_ADDRESSES};
use domain::mail::domains::{add_domain, list_domains, remove_domain};
use domain::mail::folders::{
    create_folder, delete_folder, list_folders, move_folder, rename_folder,
};
use domain::mail::FolderRole;
use domain::org;
use domain::reason::Reason;
use domain::sharing::{Grantee, Permission, ShareLevel};
use domain::{DomainError, LimitKind};

mod common;
use common::{demo_org, NOW};

fn reason<T: std::fmt::Debug>(r: Result<T, DomainError>) -> Reason {
    match r {
        Err(DomainError::Invalid { reason, .. }) => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

fn forbidden<T>(r: Result<T, DomainError>) -> bool {
    matches!(r, Err(DomainError::Forbidden(_)))
}

#[tokio::test]
async fn a_member_with_mail_gets_a_mailbox_with_the_suites_folders_and_externals_none() {
    let d = demo_org().await;
    let boxes = list_mailboxes(&d.db, &d.chloe, NOW).await.unwrap();
    assert_eq!(boxes.len(), 1);
    let mine = &boxes[0];
    assert_eq!(
        (mine.name.as_str(), mine.access, mine.is_default),
        ("Chloé Dubois", Permission::Owner, true)
    );
    assert_eq!(
        mine.address, "",
        "no address before the organization has a domain"
    );
    assert_eq!(list_mailboxes(&d.db, &d.chloe, NOW).await.unwrap(), boxes);

    let folders = list_folders(&d.db, &d.chloe, &mine.id).await.unwrap();
    let roles: Vec<_> = folders.iter().map(|f| f.role).collect();
    assert_eq!(roles, FolderRole::ALL.map(Some));
    assert!(folders.iter().all(|f| f.total == 0 && f.depth == 0));

    assert!(forbidden(list_mailboxes(&d.db, &d.dan, NOW).await));
    // Nobody else reads Chloé's folders, not even an administrator.
    assert_eq!(
        list_folders(&d.db, &d.ben, &mine.id).await,
        Err(DomainError::NotFound)
    );
}

#[tokio::test]
async fn adding_a_domain_gives_every_member_with_mail_first_dot_last_once() {
    let d = demo_org().await;
    let early = list_mailboxes(&d.db, &d.chloe, NOW).await.unwrap()[0]
        .id
        .clone();
    assert!(forbidden(add_domain(&d.db, &d.chloe, "acme.ch", NOW).await));
    assert_eq!(
        reason(add_domain(&d.db, &d.ben, "acme", NOW).await),
        Reason::MailDomainInvalid
    );
    assert_eq!(
        add_domain(&d.db, &d.ben, " Acme.CH. ", NOW).await.unwrap(),
        "acme.ch"
    );

    let anna = list_mailboxes(&d.db, &d.anna, NOW).await.unwrap();
    assert_eq!(anna[0].address, "anna.keller@acme.ch");
    let chloe = list_mailboxes(&d.db, &d.chloe, NOW).await.unwrap();
    assert_eq!(
        (chloe[0].id.as_str(), chloe[0].address.as_str()),
        (early.as_str(), "chloe.dubois@acme.ch")
    );
    assert!(forbidden(list_mailboxes(&d.db, &d.dan, NOW).await));

    // Twice is once; a second domain gives nobody a second address.
    add_domain(&d.db, &d.ben, "acme.ch", NOW).await.unwrap();
    add_domain(&d.db, &d.ben, "acme.com", NOW + 1)
        .await
        .unwrap();
    let domains = list_domains(&d.db, &d.anna).await.unwrap();
    let listed: Vec<_> = domains
        .iter()
        .map(|x| (x.domain.as_str(), x.primary, x.addresses))
        .collect();
    assert_eq!(listed, [("acme.ch", true, 3), ("acme.com", false, 0)]);
    assert!(forbidden(list_domains(&d.db, &d.chloe).await));

    // Anna's personal space is another organization: the domain is not hers to take there.
    let personal = org::list_orgs(&d.db, &d.anna.account_id).await.unwrap();
    let personal = personal.iter().find(|o| o.id != d.anna.org_id).unwrap();
    let anna_home = org::actor(&d.db, &d.anna.account_id, &personal.id)
        .await
        .unwrap();
    assert_eq!(
        reason(add_domain(&d.db, &anna_home, "ACME.ch", NOW).await),
        Reason::MailDomainTaken
    );
    assert_eq!(
        remove_domain(&d.db, &anna_home, "acme.com").await,
        Err(DomainError::NotFound)
    );

    assert_eq!(
        reason(remove_domain(&d.db, &d.ben, "acme.ch").await),
        Reason::MailDomainInUse
    );
    remove_domain(&d.db, &d.ben, "acme.com").await.unwrap();
    assert_eq!(list_domains(&d.db, &d.ben).await.unwrap().len(), 1);
}

#[tokio::test]
async fn administrators_change_addresses_and_the_old_one_stays_as_an_alias() {
    let d = demo_org().await;
    add_domain(&d.db, &d.anna, "acme.ch", NOW).await.unwrap();
    add_domain(&d.db, &d.anna, "acme.com", NOW).await.unwrap();
    let chloe = list_mailboxes(&d.db, &d.chloe, NOW).await.unwrap()[0]
        .id
        .clone();
    let anna = list_mailboxes(&d.db, &d.anna, NOW).await.unwrap()[0]
        .id
        .clone();

    assert!(forbidden(
        set_primary_address(&d.db, &d.chloe, &chloe, "chloe@acme.ch", NOW).await
    ));
    assert_eq!(
        set_primary_address(&d.db, &d.ben, &chloe, " Chloe@Acme.ch", NOW)
            .await
            .unwrap(),
        "chloe@acme.ch"
    );
    let shown = &list_mailboxes(&d.db, &d.chloe, NOW).await.unwrap()[0];
    assert_eq!(shown.address, "chloe@acme.ch");
    assert_eq!(shown.aliases, ["chloe.dubois@acme.ch"]);

    for (address, why) in [
        ("anna.keller@acme.ch", Reason::MailAddressTaken),
        ("chloe@gmail.com", Reason::MailDomainUnknown),
        ("chlo é@acme.ch", Reason::MailAddressInvalid),
        ("chloe.dubois@acme.ch", Reason::MailAddressTaken),
    ] {
        assert_eq!(
            reason(add_alias(&d.db, &d.ben, &chloe, address, NOW).await),
            why,
            "{address}"
        );
    }
    add_alias(&d.db, &d.ben, &chloe, "info@acme.com", NOW)
        .await
        .unwrap();
    // An alias becomes the primary address in place.
    set_primary_address(&d.db, &d.ben, &chloe, "chloe.dubois@acme.ch", NOW)
        .await
        .unwrap();
    let shown = &list_mailboxes(&d.db, &d.chloe, NOW).await.unwrap()[0];
    assert_eq!(shown.address, "chloe.dubois@acme.ch");
    assert_eq!(shown.aliases, ["chloe@acme.ch", "info@acme.com"]);

    assert!(forbidden(
        remove_alias(&d.db, &d.ben, &chloe, "chloe.dubois@acme.ch").await
    ));
    assert_eq!(
        remove_alias(&d.db, &d.ben, &chloe, "anna.keller@acme.ch").await,
        Err(DomainError::NotFound)
    );
    remove_alias(&d.db, &d.ben, &chloe, "INFO@acme.com")
        .await
        .unwrap();

    // Another organization's administrator finds no such mailbox.
    let personal = org::list_orgs(&d.db, &d.anna.account_id).await.unwrap();
    let personal = personal.iter().find(|o| o.id != d.anna.org_id).unwrap();
    let anna_home = org::actor(&d.db, &d.anna.account_id, &personal.id)
        .await
        .unwrap();
    assert_eq!(
        add_alias(&d.db, &anna_home, &chloe, "x@acme.ch", NOW).await,
        Err(DomainError::NotFound)
    );

    for i in 0..MAX_ADDRESSES - 1 {
        add_alias(&d.db, &d.anna, &anna, &format!("a{i}@acme.com"), NOW)
            .await
            .unwrap();
    }
    assert_eq!(
        add_alias(&d.db, &d.anna, &anna, "one.more@acme.com", NOW).await,
        Err(DomainError::LimitExceeded {
            kind: LimitKind::MailAddresses,
            max: MAX_ADDRESSES as u64
        })
    );
}

#[tokio::test]
async fn the_member_nests_renames_moves_and_deletes_their_own_folders() {
    let d = demo_org().await;
    let mailbox = list_mailboxes(&d.db, &d.chloe, NOW).await.unwrap()[0]
        .id
        .clone();
    let folders = list_folders(&d.db, &d.chloe, &mailbox).await.unwrap();
    let inbox = folders[0].id.clone();

    let clients = create_folder(&d.db, &d.chloe, &mailbox, "", "Clients", NOW)
        .await
        .unwrap();
    let acme = create_folder(&d.db, &d.chloe, &mailbox, &clients, "Acme", NOW)
        .await
        .unwrap();
    let q1 = create_folder(&d.db, &d.chloe, &mailbox, &acme, "2026 Q1", NOW)
        .await
        .unwrap();
    create_folder(&d.db, &d.chloe, &mailbox, &inbox, "Newsletters", NOW)
        .await
        .unwrap();
    for (name, why) in [
        ("clients", Reason::FolderExists),
        ("INBOX", Reason::FolderExists),
        ("a/b", Reason::FolderNameInvalid),
        ("  ", Reason::NameRequired),
    ] {
        let made = create_folder(&d.db, &d.chloe, &mailbox, "", name, NOW).await;
        assert_eq!(reason(made), why, "{name:?}");
    }
    let shown = |list: Vec<domain::mail::FolderView>| -> Vec<(String, u32)> {
        list.into_iter().map(|f| (f.name, f.depth)).collect()
    };
    let tree = shown(list_folders(&d.db, &d.chloe, &mailbox).await.unwrap());
    let named: Vec<(&str, u32)> = tree.iter().map(|(n, x)| (n.as_str(), *x)).collect();
    assert_eq!(
        named,
        [
            ("Inbox", 0),
            ("Newsletters", 1),
            ("Drafts", 0),
            ("Sent", 0),
            ("Archive", 0),
            ("Spam", 0),
            ("Trash", 0),
            ("Clients", 0),
            ("Acme", 1),
            ("2026 Q1", 2),
        ]
    );

    assert!(forbidden(
        rename_folder(&d.db, &d.chloe, &inbox, "Boîte").await
    ));
    assert!(forbidden(
        move_folder(&d.db, &d.chloe, &inbox, &clients).await
    ));
    assert!(forbidden(delete_folder(&d.db, &d.chloe, &inbox).await));
    assert_eq!(
        reason(move_folder(&d.db, &d.chloe, &clients, &q1).await),
        Reason::FolderIntoItself
    );
    assert_eq!(
        reason(move_folder(&d.db, &d.chloe, &clients, &clients).await),
        Reason::FolderIntoItself
    );
    rename_folder(&d.db, &d.chloe, &acme, "ACME SA")
        .await
        .unwrap();
    move_folder(&d.db, &d.chloe, &acme, "").await.unwrap();
    assert_eq!(
        reason(rename_folder(&d.db, &d.chloe, &acme, "Clients").await),
        Reason::FolderExists
    );
    delete_folder(&d.db, &d.chloe, &acme).await.unwrap();
    let names: Vec<String> = list_folders(&d.db, &d.chloe, &mailbox)
        .await
        .unwrap()
        .into_iter()
        .map(|f| f.name)
        .collect();
    assert!(
        !names.iter().any(|n| n == "ACME SA" || n == "2026 Q1"),
        "{names:?}"
    );

    // Ten levels deep at most.
    let mut parent = clients.clone();
    for level in 2..=10 {
        parent = create_folder(
            &d.db,
            &d.chloe,
            &mailbox,
            &parent,
            &format!("L{level}"),
            NOW,
        )
        .await
        .unwrap();
    }
    assert_eq!(
        create_folder(&d.db, &d.chloe, &mailbox, &parent, "L11", NOW).await,
        Err(DomainError::LimitExceeded {
            kind: LimitKind::FolderDepth,
            max: 10
        })
    );
    let other = create_folder(&d.db, &d.chloe, &mailbox, "", "Other", NOW)
        .await
        .unwrap();
    assert_eq!(
        move_folder(&d.db, &d.chloe, &clients, &other).await,
        Err(DomainError::LimitExceeded {
            kind: LimitKind::FolderDepth,
            max: 10
        })
    );
}

#[tokio::test]
async fn a_shared_mailbox_is_listed_at_its_level_and_hidden_from_other_organizations() {
    let d = demo_org().await;
    let anna = list_mailboxes(&d.db, &d.anna, NOW).await.unwrap()[0]
        .id
        .clone();
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::MailAccount,
        &anna,
        &Grantee::Member(d.chloe.account_id.clone()),
        ShareLevel::View,
    )
    .await
    .unwrap();
    let chloe = list_mailboxes(&d.db, &d.chloe, NOW).await.unwrap();
    let seen: Vec<_> = chloe
        .iter()
        .map(|m| (m.name.as_str(), m.access, m.is_default))
        .collect();
    assert_eq!(
        seen,
        [
            ("Chloé Dubois", Permission::Owner, true),
            ("Anna Keller", Permission::View, false)
        ]
    );
    assert_eq!(list_folders(&d.db, &d.chloe, &anna).await.unwrap().len(), 6);
    assert!(forbidden(
        create_folder(&d.db, &d.chloe, &anna, "", "Mine", NOW).await
    ));

    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::MailAccount,
        &anna,
        &Grantee::Member(d.chloe.account_id.clone()),
        ShareLevel::Modify,
    )
    .await
    .unwrap();
    let folder = create_folder(&d.db, &d.chloe, &anna, "", "Chloé's", NOW)
        .await
        .unwrap();
    assert_eq!(
        collections::actor_on(&d.db, &d.chloe.account_id, Held::MailFolder, &folder)
            .await
            .unwrap()
            .org_id,
        d.anna.org_id
    );

    // Anna's personal space is another organization: its actor sees none of this.
    let personal = org::list_orgs(&d.db, &d.anna.account_id).await.unwrap();
    let personal = personal.iter().find(|o| o.id != d.anna.org_id).unwrap();
    let anna_home = org::actor(&d.db, &d.anna.account_id, &personal.id)
        .await
        .unwrap();
    assert_eq!(
        list_folders(&d.db, &anna_home, &anna).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        rename_folder(&d.db, &anna_home, &folder, "x").await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        collections::actor_on(&d.db, &d.dan.account_id, Held::MailAccount, "nope").await,
        Err(DomainError::NotFound)
    );
}
