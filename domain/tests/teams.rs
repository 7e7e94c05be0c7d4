//! Teams and calendar shares made to a team, against a real database (SQLite, and PostgreSQL
//! when the test command sets `KSUITE_TEST_POSTGRES`).

use domain::calendar::calendars::list_calendars;
use domain::calendar::events::create_event;
use domain::calendar::{CalendarAccess, Grantee, ShareLevel};
use domain::collections::{self, CollectionKind};
use domain::org::teams::{
    add_team_member, create_team, delete_team, list_teams, remove_team_member, rename_team,
};
use domain::org::{self, Actor};
use domain::reason::Reason;
use domain::{demo, DomainError};

mod common;
use common::{demo_org, lunch, own_calendar, Demo, NOW};

fn invalid(reason: domain::reason::Reason) -> DomainError {
    DomainError::Invalid {
        field: "name".into(),
        reason,
    }
}

fn forbidden<T>(r: Result<T, DomainError>) -> bool {
    matches!(r, Err(DomainError::Forbidden(_)))
}

/// The level `a` holds on the calendar, `None` when it is not in their list.
async fn level(d: &Demo, a: &Actor, cal: &str) -> Option<CalendarAccess> {
    list_calendars(&d.db, a, NOW)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.id == cal)
        .map(|c| c.access)
}

#[tokio::test]
async fn administrators_manage_teams_and_every_member_reads_them() {
    let d = demo_org().await;
    let id = create_team(&d.db, &d.ben, "  Sales ", NOW).await.unwrap();
    add_team_member(&d.db, &d.ben, &id, &d.dan.account_id)
        .await
        .unwrap();
    add_team_member(&d.db, &d.ben, &id, &d.chloe.account_id)
        .await
        .unwrap();
    // Adding twice changes nothing.
    add_team_member(&d.db, &d.ben, &id, &d.chloe.account_id)
        .await
        .unwrap();

    let teams = list_teams(&d.db, &d.chloe).await.unwrap();
    let names: Vec<_> = teams.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, [demo::DEMO_TEAM, "Sales"]);
    // Dan is a guest: a collaborator does not see him, an administrator does.
    let names: Vec<_> = teams[1].members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Chloé Dubois"]);
    let as_admin = list_teams(&d.db, &d.ben).await.unwrap();
    let names: Vec<_> = as_admin[1]
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    assert_eq!(names, ["Chloé Dubois", "Dan Rossi"]);
    let names: Vec<_> = teams[0].members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["Ben Meier", "Chloé Dubois"], "the demo's team");

    assert!(forbidden(create_team(&d.db, &d.chloe, "Mine", NOW).await));
    assert!(forbidden(rename_team(&d.db, &d.chloe, &id, "Ours").await));
    assert!(forbidden(
        add_team_member(&d.db, &d.chloe, &id, &d.anna.account_id).await
    ));
    assert!(forbidden(
        remove_team_member(&d.db, &d.dan, &id, &d.dan.account_id).await
    ));
    assert!(forbidden(delete_team(&d.db, &d.chloe, &id).await));

    assert_eq!(
        create_team(&d.db, &d.anna, "SALES", NOW).await.unwrap_err(),
        invalid(Reason::TeamNameTaken)
    );
    assert_eq!(
        create_team(&d.db, &d.anna, " ", NOW).await.unwrap_err(),
        invalid(domain::reason::Reason::NameRequired)
    );
    let other = create_team(&d.db, &d.anna, "Support", NOW).await.unwrap();
    assert_eq!(
        rename_team(&d.db, &d.anna, &other, "sales")
            .await
            .unwrap_err(),
        invalid(Reason::TeamNameTaken)
    );
    rename_team(&d.db, &d.anna, &other, "Customer care")
        .await
        .unwrap();
    let names: Vec<_> = list_teams(&d.db, &d.anna)
        .await
        .unwrap()
        .into_iter()
        .map(|t| t.name)
        .collect();
    assert_eq!(names, ["Customer care", demo::DEMO_TEAM, "Sales"]);

    // Someone outside the organization cannot join its team.
    let outsider = d.anna.account_id.clone();
    let personal = personal_space(&d).await;
    let stranger_team = create_team(&d.db, &personal, "Family", NOW).await.unwrap();
    assert_eq!(
        add_team_member(&d.db, &d.ben, &stranger_team, &outsider)
            .await
            .unwrap_err(),
        DomainError::NotFound,
        "another organization's team is not found"
    );
    assert!(matches!(
        add_team_member(&d.db, &personal, &stranger_team, &d.ben.account_id).await,
        Err(DomainError::Invalid { reason, .. }) if reason == Reason::GranteeNotMember
    ));
    assert_eq!(
        list_teams(&d.db, &personal).await.unwrap()[0].name,
        "Family"
    );

    remove_team_member(&d.db, &d.ben, &id, &d.dan.account_id)
        .await
        .unwrap();
    delete_team(&d.db, &d.ben, &other).await.unwrap();
    let teams = list_teams(&d.db, &d.ben).await.unwrap();
    assert_eq!(teams.len(), 2);
    assert_eq!(teams[1].members.len(), 1);
}

/// Anna acting in her personal space, an organization of its own.
async fn personal_space(d: &Demo) -> Actor {
    let orgs = org::list_orgs(&d.db, &d.anna.account_id).await.unwrap();
    let personal = orgs.iter().find(|o| o.personal).unwrap();
    org::actor(&d.db, &d.anna.account_id, &personal.id)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_team_share_reaches_exactly_the_team_members() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let team = create_team(&d.db, &d.ben, "Field", NOW).await.unwrap();
    for member in [&d.chloe, &d.dan] {
        add_team_member(&d.db, &d.ben, &team, &member.account_id)
            .await
            .unwrap();
    }
    let grantee = Grantee::Team(team.clone());
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::Calendar,
        &cal,
        &grantee,
        ShareLevel::Modify,
    )
    .await
    .unwrap();

    let shares = collections::list_shares(&d.db, &d.anna, CollectionKind::Calendar, &cal)
        .await
        .unwrap();
    assert_eq!(shares.len(), 1);
    assert_eq!(
        (shares[0].name.as_str(), &shares[0].grantee),
        ("Field", &grantee)
    );
    assert_eq!(
        level(&d, &d.chloe, &cal).await,
        Some(CalendarAccess::Modify)
    );
    // Unlike an organization-wide share, a team share reaches the external the team holds.
    assert_eq!(level(&d, &d.dan, &cal).await, Some(CalendarAccess::Modify));
    assert_eq!(
        level(&d, &d.ben, &cal).await,
        None,
        "ben is not in the team"
    );
    create_event(&d.db, &d.chloe, &lunch(&cal), NOW)
        .await
        .unwrap();

    // A direct share and a team share: the stronger one wins.
    collections::share(
        &d.db,
        &d.anna,
        CollectionKind::Calendar,
        &cal,
        &Grantee::Member(d.chloe.account_id.clone()),
        ShareLevel::View,
    )
    .await
    .unwrap();
    assert_eq!(
        level(&d, &d.chloe, &cal).await,
        Some(CalendarAccess::Modify)
    );

    // Leaving the team takes the team's share away, the direct one stays.
    remove_team_member(&d.db, &d.ben, &team, &d.chloe.account_id)
        .await
        .unwrap();
    assert_eq!(level(&d, &d.chloe, &cal).await, Some(CalendarAccess::View));
    assert!(forbidden(
        create_event(&d.db, &d.chloe, &lunch(&cal), NOW).await
    ));

    // Deleting the team removes its shares.
    delete_team(&d.db, &d.ben, &team).await.unwrap();
    assert_eq!(level(&d, &d.dan, &cal).await, None);
    assert_eq!(
        collections::list_shares(&d.db, &d.anna, CollectionKind::Calendar, &cal)
            .await
            .unwrap()
            .len(),
        1
    );
}

#[tokio::test]
async fn a_calendar_cannot_be_shared_with_another_organizations_team() {
    let d = demo_org().await;
    let cal = own_calendar(&d, &d.anna).await;
    let foreign = create_team(&d.db, &personal_space(&d).await, "Family", NOW)
        .await
        .unwrap();
    assert_eq!(
        collections::share(
            &d.db,
            &d.anna,
            CollectionKind::Calendar,
            &cal,
            &Grantee::Team(foreign),
            ShareLevel::View
        )
        .await
        .unwrap_err(),
        DomainError::Invalid {
            field: "grantee".into(),
            reason: Reason::GranteeNotTeam
        }
    );
    assert!(
        collections::list_shares(&d.db, &d.anna, CollectionKind::Calendar, &cal)
            .await
            .unwrap()
            .is_empty()
    );
}
