//! The organization's directory: a read-only book made from the members, with the teams as its
//! groups, against a real database (SQLite, and PostgreSQL when the test command sets
//! `KSUITE_TEST_POSTGRES`).

use domain::contacts::cards::{delete_contact, get_contact, list_contacts, update_contact};
use domain::contacts::directory::{directory_book, set_listed, DIRECTORY_ID};
use domain::contacts::groups::{create_group, list_groups};
use domain::contacts::ContactGroup;
use domain::org::{teams, Role};
use domain::DomainError;

mod common;
use common::{demo_org, NOW};

#[tokio::test]
async fn the_directory_lists_members_with_teams_reads_only_and_hides_whom_an_admin_hides() {
    let d = demo_org().await;
    let (db, anna) = (&d.db, &d.anna);
    let team = teams::create_team(db, anna, "Design", NOW).await.unwrap();
    teams::add_team_member(db, anna, &team, &d.chloe.account_id)
        .await
        .unwrap();

    let book = directory_book(db, &d.ben).await.unwrap().unwrap();
    assert!(book.directory && !book.access.can_write());
    assert_eq!(book.contacts, 3, "the guest is not listed");
    let entries = list_contacts(db, &d.ben, DIRECTORY_ID).await.unwrap();
    let names: Vec<_> = entries.iter().map(|e| e.full_name.as_str()).collect();
    assert_eq!(names, ["Anna Keller", "Ben Meier", "Chloé Dubois"]);
    let chloe = entries
        .iter()
        .find(|e| e.full_name == "Chloé Dubois")
        .unwrap();
    // The demo's Marketing team holds Ben and Chloé.
    assert_eq!(chloe.groups, ["Design", "Marketing"]);
    let group = |name: &str, contacts| ContactGroup {
        name: name.into(),
        contacts,
    };
    assert_eq!(
        list_groups(db, &d.ben, DIRECTORY_ID).await.unwrap(),
        [group("Design", 1), group("Marketing", 2)]
    );
    let card = get_contact(db, &d.ben, &chloe.id).await.unwrap();
    assert_eq!(card.role, Some(Role::Collaborator));
    assert_eq!(card.fields.emails[0].value, chloe.email);
    assert!(!card.writable);

    // Read-only through every write.
    let mut fields = card.fields.clone();
    fields.first = "Changed".into();
    assert_eq!(
        update_contact(db, &d.ben, &chloe.id, &fields, NOW).await,
        Err(DomainError::NotFound)
    );
    assert_eq!(
        delete_contact(db, &d.ben, &chloe.id, NOW).await,
        Err(DomainError::NotFound)
    );
    assert!(create_group(db, &d.ben, DIRECTORY_ID, "Mine", NOW)
        .await
        .is_err());

    // Only an administrator (anna, ben) hides a member.
    assert!(matches!(
        set_listed(db, &d.chloe, &d.ben.account_id, false).await,
        Err(DomainError::Forbidden(_))
    ));
    set_listed(db, anna, &d.chloe.account_id, false)
        .await
        .unwrap();
    let after = list_contacts(db, &d.ben, DIRECTORY_ID).await.unwrap();
    assert_eq!(after.len(), 2);
    assert_eq!(
        get_contact(db, &d.ben, &chloe.id).await.unwrap_err(),
        DomainError::NotFound
    );
    assert_eq!(
        list_groups(db, &d.ben, DIRECTORY_ID).await.unwrap(),
        [group("Marketing", 1)]
    );

    // The guest sees no directory.
    assert!(directory_book(db, &d.dan).await.unwrap().is_none());
    assert!(list_contacts(db, &d.dan, DIRECTORY_ID).await.is_err());
}

#[tokio::test]
async fn members_are_listed_whole_only_to_those_who_manage_the_organization() {
    use domain::org::members;
    let d = demo_org().await;
    let org = &d.anna.org_id;
    set_listed(&d.db, &d.anna, &d.ben.account_id, false)
        .await
        .unwrap();
    let list = |account: String| {
        let (db, org) = (d.db.clone(), org.clone());
        async move { members(&db, &account, &org).await.unwrap() }
    };

    // An administrator sees everyone, with e-mail, role and rights.
    let all = list(d.anna.account_id.clone()).await;
    assert_eq!(all.len(), 4);
    assert!(all.iter().all(|m| !m.email.is_empty() && m.role.is_some()));
    assert!(all.iter().any(|m| !m.products.is_empty()));

    // A collaborator sees whom the directory lists (and herself): names and presence only.
    let seen = list(d.chloe.account_id.clone()).await;
    let names: Vec<_> = seen.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        ["Anna Keller", "Chloé Dubois"],
        "hidden Ben and guest Dan are left out"
    );
    for m in &seen {
        assert!(
            m.email.is_empty() && m.role.is_none() && m.products.is_empty(),
            "{m:?}"
        );
    }

    // Teams show the same members: Ben, hidden, is left out of Marketing for Chloé.
    let members_of_teams = |a: &domain::org::Actor| {
        let (db, a) = (d.db.clone(), a.clone());
        async move {
            domain::org::teams::list_teams(&db, &a)
                .await
                .unwrap()
                .into_iter()
                .flat_map(|t| t.members.into_iter().map(|m| m.name))
                .collect::<Vec<_>>()
        }
    };
    assert!(members_of_teams(&d.anna)
        .await
        .contains(&"Ben Meier".to_owned()));
    assert_eq!(members_of_teams(&d.chloe).await, ["Chloé Dubois"]);
    assert!(members_of_teams(&d.dan).await.is_empty());

    // A guest sees only himself.
    let guest = list(d.dan.account_id.clone()).await;
    assert_eq!(guest.len(), 1);
    assert_eq!(guest[0].account_id, d.dan.account_id);
    assert!(guest[0].email.is_empty());
}
