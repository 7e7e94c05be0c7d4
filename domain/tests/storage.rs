//! Storage and services against a real database: SQLite by default, PostgreSQL when
//! `KSUITE_TEST_POSTGRES` is set (the test command runs both).

use domain::auth::{self, Device, ProfileUpdate, SignUp};
use domain::live::LiveEvent;
use domain::locale::Locale;
use domain::mailer::Outgoing;
use domain::org::{self, Product, Role};
use domain::presence::PresenceStatus;
use domain::testing::TestDb;
use domain::{demo, DomainError};

fn sign_up_input(email: &str) -> SignUp {
    SignUp {
        name: "Eva Test".into(),
        email: email.into(),
        password: "correct horse 42".into(),
        locale: Some(Locale::De),
        time_zone: None,
        country: None,
        languages: String::new(),
    }
}

/// A device of no particular browser, at this client address.
fn from(client: &str) -> Device<'_> {
    Device {
        client,
        user_agent: "",
    }
}

#[tokio::test]
async fn sign_up_creates_account_and_personal_space() {
    let t = TestDb::new().await;
    let account = auth::sign_up(
        &t.db,
        sign_up_input(" Eva@Example.CH "),
        None,
        &Outgoing::none(),
        100,
    )
    .await
    .unwrap();
    assert_eq!(account.email, "eva@example.ch");
    assert_eq!(account.locale, Locale::De);
    assert_eq!(account.time_zone, "Europe/Zurich");
    let orgs = org::list_orgs(&t.db, &account.id).await.unwrap();
    assert_eq!(orgs.len(), 1);
    assert!(orgs[0].personal);
    assert_eq!(orgs[0].name, "my kSuite");
    assert_eq!(orgs[0].role, Role::LegalRepresentative);
    assert_eq!(orgs[0].products.len(), Product::ALL.len());

    let again = auth::sign_up(
        &t.db,
        sign_up_input("eva@example.ch"),
        None,
        &Outgoing::none(),
        100,
    )
    .await;
    assert_eq!(
        again,
        Err(DomainError::invalid(
            "email",
            domain::reason::Reason::EmailTaken
        ))
    );
}

#[tokio::test]
async fn sign_up_refuses_weak_passwords_and_bad_zones() {
    let t = TestDb::new().await;
    let mut weak = sign_up_input("w@example.ch");
    weak.password = "short".into();
    assert_eq!(
        auth::sign_up(&t.db, weak, None, &Outgoing::none(), 1).await,
        Err(DomainError::invalid(
            "password",
            domain::reason::Reason::PasswordTooShort
        ))
    );
    let mut zone = sign_up_input("z@example.ch");
    zone.time_zone = Some("Mars/Olympus".into());
    assert_eq!(
        auth::sign_up(&t.db, zone, None, &Outgoing::none(), 1).await,
        Err(DomainError::invalid(
            "time_zone",
            domain::reason::Reason::TimeZoneUnknown
        ))
    );
}

#[tokio::test]
async fn login_gives_same_error_for_unknown_email_and_wrong_password_then_throttles() {
    let t = TestDb::new().await;
    auth::sign_up(
        &t.db,
        sign_up_input("eva@example.ch"),
        None,
        &Outgoing::none(),
        1,
    )
    .await
    .unwrap();
    let unknown = auth::log_in(
        &t.db,
        "nobody@example.ch",
        "correct horse 42",
        &Device::default(),
        10,
    )
    .await;
    let wrong = auth::log_in(
        &t.db,
        "eva@example.ch",
        "wrong horse 42",
        &Device::default(),
        10,
    )
    .await;
    assert_eq!(unknown, Err(DomainError::BadCredentials));
    assert_eq!(wrong, Err(DomainError::BadCredentials));

    let attacker = &from("198.51.100.7");
    for _ in 0..5 {
        let guess = auth::log_in(&t.db, "eva@example.ch", "wrong", attacker, 10).await;
        assert_eq!(guess, Err(DomainError::BadCredentials));
    }
    // Five failures from that client: it is held back, even with the right password...
    let locked = auth::log_in(&t.db, "EVA@example.ch", "correct horse 42", attacker, 11).await;
    assert_eq!(
        locked,
        Err(DomainError::Throttled {
            retry_after_secs: 1
        })
    );
    // ...while the owner, from anywhere else, is not.
    let owner = &from("203.0.113.20");
    let logged_in = auth::log_in(&t.db, "eva@example.ch", "correct horse 42", owner, 11)
        .await
        .unwrap();
    let account = auth::session_account(&t.db, &logged_in.token, 13)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(account.account.id, logged_in.account_id);
    assert_eq!(account.account.locale, Locale::De);
    // Once the lock has passed, the attacker's next guess is checked and locks for longer.
    assert_eq!(
        auth::log_in(&t.db, "eva@example.ch", "wrong", attacker, 12).await,
        Err(DomainError::BadCredentials)
    );
    assert_eq!(
        auth::log_in(&t.db, "eva@example.ch", "wrong", attacker, 13).await,
        Err(DomainError::Throttled {
            retry_after_secs: 3
        })
    );
    // Failures decay: ten quiet minutes forgive one.
    let later = 12 + 4 * 600;
    assert_eq!(
        auth::log_in(&t.db, "eva@example.ch", "wrong", attacker, later).await,
        Err(DomainError::BadCredentials)
    );
    // A success resets the counter of that client's guesses at the account.
    assert!(auth::log_in(
        &t.db,
        "eva@example.ch",
        "correct horse 42",
        attacker,
        later + 60
    )
    .await
    .is_ok());
    for _ in 0..4 {
        assert_eq!(
            auth::log_in(&t.db, "eva@example.ch", "wrong", attacker, later + 60).await,
            Err(DomainError::BadCredentials)
        );
    }
}

#[tokio::test]
async fn fifty_parallel_guesses_check_only_the_free_ones() {
    let t = TestDb::new().await;
    auth::sign_up(
        &t.db,
        sign_up_input("eva@example.ch"),
        None,
        &Outgoing::none(),
        1,
    )
    .await
    .unwrap();
    let guesses = (0..50).map(|_| {
        let db = t.db.clone();
        tokio::spawn(async move {
            auth::log_in(&db, "eva@example.ch", "wrong", &from("198.51.100.7"), 100).await
        })
    });
    let mut checked = 0;
    let mut refused = 0;
    for guess in guesses {
        match guess.await.unwrap() {
            Err(DomainError::BadCredentials) => checked += 1,
            Err(DomainError::Throttled { .. }) => refused += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!((checked, refused), (5, 45));
    // The owner, elsewhere, still gets in at once.
    assert!(auth::log_in(
        &t.db,
        "eva@example.ch",
        "correct horse 42",
        &from("203.0.113.20"),
        100
    )
    .await
    .is_ok());
}

#[tokio::test]
async fn sign_ups_are_throttled_per_client() {
    let t = TestDb::new().await;
    let client = Some("198.51.100.7");
    for n in 0..5 {
        auth::sign_up(
            &t.db,
            sign_up_input(&format!("u{n}@example.ch")),
            client,
            &Outgoing::none(),
            1,
        )
        .await
        .unwrap();
    }
    assert_eq!(
        auth::sign_up(
            &t.db,
            sign_up_input("u5@example.ch"),
            client,
            &Outgoing::none(),
            2
        )
        .await,
        Err(DomainError::Throttled {
            retry_after_secs: 59
        })
    );
    assert!(auth::sign_up(
        &t.db,
        sign_up_input("u5@example.ch"),
        Some("203.0.113.20"),
        &Outgoing::none(),
        2
    )
    .await
    .is_ok());
}

#[tokio::test]
async fn sessions_expire_go_idle_and_log_out() {
    let t = TestDb::new().await;
    let account = auth::sign_up(
        &t.db,
        sign_up_input("s@example.ch"),
        None,
        &Outgoing::none(),
        1,
    )
    .await
    .unwrap();
    let token = auth::create_session(&t.db, &account.id, &Device::default(), 1000)
        .await
        .unwrap();
    let found = auth::session_account(&t.db, &token, 1001).await.unwrap();
    assert_eq!(found.map(|s| s.account.id), Some(account.id.clone()));
    // Unused for the idle time: ended.
    let idle = 1000 + auth::IDLE_SECS;
    assert!(auth::session_account(&t.db, &token, idle)
        .await
        .unwrap()
        .is_none());
    // Used now and then (recorded in memory, written by the jobs): still there until it expires.
    let activity = auth::SessionActivity::default();
    let id = auth::session_account(&t.db, &token, 1001)
        .await
        .unwrap()
        .unwrap()
        .session_id;
    activity.seen(&id, idle - 60);
    assert_eq!(activity.flush(&t.db).await.unwrap(), 1);
    assert!(auth::session_account(&t.db, &token, idle)
        .await
        .unwrap()
        .is_some());
    let expired = 1000 + auth::SESSION_LIFETIME_SECS;
    assert!(auth::session_account(&t.db, &token, expired)
        .await
        .unwrap()
        .is_none());
    auth::delete_session(&t.db, &token).await.unwrap();
    assert!(auth::session_account(&t.db, &token, 1001)
        .await
        .unwrap()
        .is_none());
    assert!(auth::session_account(&t.db, "forged", 1001)
        .await
        .unwrap()
        .is_none());
}

#[tokio::test]
async fn an_account_lists_and_ends_its_sessions_and_a_new_password_ends_the_others() {
    let t = TestDb::new().await;
    let eva = auth::sign_up(
        &t.db,
        sign_up_input("eva@example.ch"),
        None,
        &Outgoing::none(),
        1,
    )
    .await
    .unwrap();
    let other = auth::sign_up(
        &t.db,
        sign_up_input("max@example.ch"),
        None,
        &Outgoing::none(),
        1,
    )
    .await
    .unwrap();
    let laptop = Device {
        client: "203.0.113.20",
        user_agent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    };
    let phone = Device {
        client: "2001:db8:1:2::/64",
        user_agent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    };
    let here = auth::log_in(&t.db, "eva@example.ch", "correct horse 42", &laptop, 10)
        .await
        .unwrap();
    let there = auth::log_in(&t.db, "eva@example.ch", "correct horse 42", &phone, 20)
        .await
        .unwrap();
    let maxs = auth::create_session(&t.db, &other.id, &phone, 20)
        .await
        .unwrap();
    let session = |token: String| {
        let db = t.db.clone();
        async move {
            auth::session_account(&db, &token, 30)
                .await
                .unwrap()
                .map(|s| s.session_id)
        }
    };
    let here_id = session(here.token.clone()).await.unwrap();
    let there_id = session(there.token.clone()).await.unwrap();
    let activity = auth::SessionActivity::default();
    let list = auth::list_sessions(&t.db, &activity, &eva.id, &here_id, 30)
        .await
        .unwrap();
    let shown: Vec<_> = list
        .iter()
        .map(|s| {
            (
                s.browser.as_str(),
                s.system.as_str(),
                s.client.as_str(),
                s.current,
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("Firefox", "Linux", "203.0.113.20", true),
            ("Safari", "iOS", "2001:db8:1:2::/64", false)
        ]
    );
    // Nobody ends another account's session.
    let max_id = session(maxs.clone()).await.unwrap();
    assert_eq!(
        auth::end_session(&t.db, &eva.id, &max_id).await,
        Err(DomainError::NotFound)
    );
    auth::end_session(&t.db, &eva.id, &there_id).await.unwrap();
    assert!(session(there.token.clone()).await.is_none());
    assert!(session(maxs.clone()).await.is_some());

    // A new password: the current one must be right, and every other session ends.
    let again = auth::log_in(&t.db, "eva@example.ch", "correct horse 42", &phone, 40)
        .await
        .unwrap();
    let wrong = auth::change_password(
        &t.db,
        &eva,
        &here_id,
        "nope",
        "new horse 4242".into(),
        "203.0.113.20",
        50,
    )
    .await;
    assert_eq!(
        wrong,
        Err(DomainError::invalid(
            "current",
            domain::reason::Reason::PasswordWrong
        ))
    );
    let same = auth::change_password(
        &t.db,
        &eva,
        &here_id,
        "correct horse 42",
        "correct horse 42".into(),
        "203.0.113.20",
        50,
    )
    .await;
    assert_eq!(
        same,
        Err(DomainError::invalid(
            "password",
            domain::reason::Reason::PasswordUnchanged
        ))
    );
    assert!(
        session(again.token.clone()).await.is_some(),
        "nothing changed"
    );
    auth::change_password(
        &t.db,
        &eva,
        &here_id,
        "correct horse 42",
        "new horse 4242".into(),
        "203.0.113.20",
        50,
    )
    .await
    .unwrap();
    assert!(session(again.token).await.is_none());
    assert!(session(here.token).await.is_some());
    assert!(session(maxs).await.is_some());
    assert_eq!(
        auth::log_in(&t.db, "eva@example.ch", "correct horse 42", &laptop, 60).await,
        Err(DomainError::BadCredentials)
    );
    assert!(
        auth::log_in(&t.db, "eva@example.ch", "new horse 4242", &laptop, 60)
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn profile_updates_are_validated() {
    let t = TestDb::new().await;
    let account = auth::sign_up(
        &t.db,
        sign_up_input("p@example.ch"),
        None,
        &Outgoing::none(),
        1,
    )
    .await
    .unwrap();
    let update = ProfileUpdate {
        name: " Eva Neu ".into(),
        locale: Locale::It,
        time_zone: "America/New_York".into(),
        country: None,
    };
    let updated = auth::update_profile(&t.db, &account.id, update)
        .await
        .unwrap();
    assert_eq!(
        (updated.name.as_str(), updated.locale),
        ("Eva Neu", Locale::It)
    );
    assert_eq!(updated.time_zone, "America/New_York");
    let bad = ProfileUpdate {
        name: "".into(),
        locale: Locale::It,
        time_zone: "UTC".into(),
        country: None,
    };
    assert!(auth::update_profile(&t.db, &account.id, bad).await.is_err());
}

#[tokio::test]
async fn the_profile_country_is_checked_kept_and_cleared() {
    let t = TestDb::new().await;
    let mut input = sign_up_input("c@example.ch");
    input.country = Some("ch".into());
    let account = auth::sign_up(&t.db, input, None, &Outgoing::none(), 1)
        .await
        .unwrap();
    assert_eq!(account.country, "CH", "stored upper case");
    let update = |country: Option<&str>| ProfileUpdate {
        name: "Eva Test".into(),
        locale: Locale::De,
        time_zone: "Europe/Zurich".into(),
        country: country.map(str::to_owned),
    };
    let kept = auth::update_profile(&t.db, &account.id, update(None))
        .await
        .unwrap();
    assert_eq!(kept.country, "CH", "a form without the field keeps it");
    let moved = auth::update_profile(&t.db, &account.id, update(Some("FR")))
        .await
        .unwrap();
    assert_eq!(moved.country, "FR");
    assert_eq!(
        auth::update_profile(&t.db, &account.id, update(Some("XY"))).await,
        Err(DomainError::invalid(
            "country",
            domain::reason::Reason::CountryUnknown
        ))
    );
    let cleared = auth::update_profile(&t.db, &account.id, update(Some("")))
        .await
        .unwrap();
    assert_eq!(cleared.country, "");
    let mut bad = sign_up_input("x@example.ch");
    bad.country = Some("Switzerland".into());
    assert!(auth::sign_up(&t.db, bad, None, &Outgoing::none(), 1)
        .await
        .is_err());
}

async fn demo_ids(t: &TestDb) -> (String, Vec<String>) {
    assert!(demo::seed(&t.db, 1).await.unwrap());
    assert!(
        !demo::seed(&t.db, 1).await.unwrap(),
        "seeding twice must be a no-op"
    );
    let mut ids = Vec::new();
    for account in demo::ACCOUNTS {
        let logged_in = auth::log_in(&t.db, account.email, demo::PASSWORD, &Device::default(), 2)
            .await
            .unwrap();
        ids.push(logged_in.account_id);
    }
    let orgs = org::list_orgs(&t.db, &ids[1]).await.unwrap();
    (orgs[0].id.clone(), ids)
}

#[tokio::test]
async fn demo_members_and_rights() {
    let t = TestDb::new().await;
    let (org_id, ids) = demo_ids(&t).await;
    let anna_orgs = org::list_orgs(&t.db, &ids[0]).await.unwrap();
    assert_eq!(anna_orgs.len(), 2);
    assert!(anna_orgs[0].personal, "personal space comes first");
    assert_eq!(anna_orgs[1].name, "Demo SA");

    let anna = org::actor(&t.db, &ids[0], &org_id).await.unwrap();
    let members = org::members(&t.db, &anna.account_id, &anna.org_id)
        .await
        .unwrap();
    assert_eq!(members.len(), 4);
    assert!(members
        .iter()
        .all(|m| m.presence == PresenceStatus::Offline));

    let dan = org::actor(&t.db, &ids[3], &org_id).await.unwrap();
    assert!(dan.can(Product::Calendar, domain::org::Access::Use));
    assert!(!dan.can(Product::Mail, domain::org::Access::Use));

    // Ben has no membership in Anna's personal space: it does not exist for him.
    let personal = &anna_orgs[0].id;
    assert_eq!(
        org::actor(&t.db, &ids[1], personal).await,
        Err(DomainError::NotFound)
    );
}

#[tokio::test]
async fn role_rules_hold_through_the_service() {
    let t = TestDb::new().await;
    let (org_id, ids) = demo_ids(&t).await;
    let anna = org::actor(&t.db, &ids[0], &org_id).await.unwrap();
    let ben = org::actor(&t.db, &ids[1], &org_id).await.unwrap();
    let chloe = org::actor(&t.db, &ids[2], &org_id).await.unwrap();

    assert!(matches!(
        org::change_role(&t.db, &ben, &ids[2], Role::LegalRepresentative).await,
        Err(DomainError::Forbidden(_))
    ));
    assert!(matches!(
        org::change_role(&t.db, &chloe, &ids[3], Role::Admin).await,
        Err(DomainError::Forbidden(_))
    ));
    assert_eq!(
        org::remove_member(&t.db, &anna, &ids[0]).await,
        Err(DomainError::LastLegalRepresentative)
    );
    assert_eq!(
        org::change_role(&t.db, &anna, &ids[0], Role::Admin).await,
        Err(DomainError::LastLegalRepresentative)
    );
    org::change_role(&t.db, &ben, &ids[3], Role::Collaborator)
        .await
        .unwrap();
    let dan = org::actor(&t.db, &ids[3], &org_id).await.unwrap();
    assert_eq!(dan.role, Role::Collaborator);
    assert!(dan.can(Product::Mail, domain::org::Access::Use));

    org::change_role(&t.db, &anna, &ids[1], Role::LegalRepresentative)
        .await
        .unwrap();
    org::remove_member(&t.db, &anna, &ids[0]).await.unwrap();
    assert_eq!(
        org::actor(&t.db, &ids[0], &org_id).await,
        Err(DomainError::NotFound)
    );
    // A stranger's id is not a member: NotFound, not Forbidden.
    assert_eq!(
        org::remove_member(&t.db, &chloe, "nobody").await,
        Err(DomainError::NotFound)
    );
}

#[tokio::test]
async fn presence_is_stored_and_published_to_shared_orgs() {
    let t = TestDb::new().await;
    let (org_id, ids) = demo_ids(&t).await;
    let mut rx = t.db.live().subscribe();
    // Without a tab open anywhere, the others see the account offline whatever it chose.
    auth::set_presence(&t.db, &ids[0], PresenceStatus::Busy, "")
        .await
        .unwrap();
    let LiveEvent::Presence(event) = rx.recv().await.unwrap().event else {
        panic!("a presence event")
    };
    assert_eq!(event.status, PresenceStatus::Offline);
    t.db.live().open_tab(&ids[0]).await;
    let view = auth::set_presence(&t.db, &ids[0], PresenceStatus::Busy, " In a call ")
        .await
        .unwrap();
    assert_eq!(
        (view.presence, view.presence_message.as_str()),
        (PresenceStatus::Busy, "In a call")
    );
    let routed = rx.recv().await.unwrap();
    assert!(routed.orgs.contains(&org_id));
    let LiveEvent::Presence(event) = routed.event else {
        panic!("a presence event")
    };
    assert_eq!(event.status, PresenceStatus::Busy);
    let too_long = "x".repeat(101);
    assert!(
        auth::set_presence(&t.db, &ids[0], PresenceStatus::Away, &too_long)
            .await
            .is_err()
    );
}

/// Two legal representatives removing each other at the same time: one wins; the other is refused
/// (no longer a member, or the last legal representative), and one legal representative is left.
#[tokio::test]
async fn concurrent_removals_keep_a_legal_representative() {
    let t = TestDb::new().await;
    let (org_id, ids) = demo_ids(&t).await;
    let anna = org::actor(&t.db, &ids[0], &org_id).await.unwrap();
    org::change_role(&t.db, &anna, &ids[1], Role::LegalRepresentative)
        .await
        .unwrap();
    let anna = org::actor(&t.db, &ids[0], &org_id).await.unwrap();
    let ben = org::actor(&t.db, &ids[1], &org_id).await.unwrap();
    for _ in 0..3 {
        let (a, b) = tokio::join!(
            org::remove_member(&t.db, &anna, &ids[1]),
            org::remove_member(&t.db, &ben, &ids[0]),
        );
        assert!(
            a.is_ok() != b.is_ok(),
            "exactly one removal succeeds: {a:?} {b:?}"
        );
        let refused = if a.is_ok() { b } else { a };
        assert!(
            matches!(
                refused,
                Err(DomainError::NotFound | DomainError::LastLegalRepresentative)
            ),
            "{refused:?}"
        );
        let survivor = anna_or_ben(&t, &org_id, &ids).await;
        let members = org::members(&t.db, &survivor.account_id, &survivor.org_id)
            .await
            .unwrap();
        let legal = members
            .iter()
            .filter(|m| m.role == Some(Role::LegalRepresentative))
            .count();
        assert_eq!(legal, 1);
        // Put the removed one back as a legal representative for the next round.
        let survivor = members
            .iter()
            .find(|m| m.role == Some(Role::LegalRepresentative))
            .unwrap();
        let removed = if survivor.account_id == ids[0] {
            &ids[1]
        } else {
            &ids[0]
        };
        readd_legal(&t, &org_id, removed).await;
    }
}

async fn anna_or_ben(t: &TestDb, org_id: &str, ids: &[String]) -> org::Actor {
    match org::actor(&t.db, &ids[0], org_id).await {
        Ok(actor) => actor,
        Err(_) => org::actor(&t.db, &ids[1], org_id).await.unwrap(),
    }
}

async fn readd_legal(t: &TestDb, org_id: &str, account_id: &str) {
    sqlx::query(
        "INSERT INTO memberships (org_id, account_id, role, created_at) VALUES ($1, $2, $3, 0)",
    )
    .bind(org_id)
    .bind(account_id)
    .bind(Role::LegalRepresentative.code())
    .execute(t.db.pool())
    .await
    .unwrap();
}

/// A member without any product right is still a member (of Home, at least).
#[tokio::test]
async fn a_member_without_product_rights_is_still_a_member() {
    let t = TestDb::new().await;
    let (org_id, ids) = demo_ids(&t).await;
    sqlx::query("DELETE FROM product_access WHERE account_id = $1")
        .bind(&ids[3])
        .execute(t.db.pool())
        .await
        .unwrap();
    let dan = org::actor(&t.db, &ids[3], &org_id).await.unwrap();
    assert!(dan.products.is_empty());
    let members = org::members(&t.db, &dan.account_id, &dan.org_id)
        .await
        .unwrap();
    // Still a member; a guest lists only himself (see tests/directory.rs).
    assert_eq!(members.len(), 1);
    let orgs = org::list_orgs(&t.db, &ids[3]).await.unwrap();
    assert!(orgs[0].products.is_empty());
}

#[tokio::test]
async fn a_conflict_says_nothing_of_the_database() {
    let t = TestDb::new().await;
    let insert =
        "INSERT INTO throttle (key, failures, delay, locked_until, touched_at, last_attempt)
                  VALUES ('k', 0, 0, 0, 0, '')";
    sqlx::query(insert).execute(t.db.pool()).await.unwrap();
    let err: DomainError = sqlx::query(insert)
        .execute(t.db.pool())
        .await
        .unwrap_err()
        .into();
    assert!(matches!(err, DomainError::Conflict(_)), "{err:?}");
    let text = err.to_string().to_lowercase();
    for leak in ["throttle", "unique", "key", "constraint"] {
        assert!(!text.contains(leak), "{text}");
    }
}

/// Two write transactions that overlap: the second starts while the first has read but not yet
/// written. Begun deferred (SQLite's default), the first one's write then fails at once with
/// "database is locked", its snapshot being stale; begun by `Db::write`, the second waits.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn overlapping_write_transactions_both_commit() {
    let t = TestDb::new().await;
    let insert = |key: &'static str| {
        sqlx::query(
            "INSERT INTO throttle (key, failures, delay, locked_until, touched_at, last_attempt)
             VALUES ($1, 0, 0, 0, 0, '')",
        )
        .bind(key)
    };
    let count = "SELECT COUNT(*) FROM throttle";
    let db = t.db.clone();
    let first = tokio::spawn(async move {
        let mut tx = db.write().await?;
        let _: (i64,) = sqlx::query_as(count).fetch_one(&mut *tx).await?;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        insert("first").execute(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, DomainError>(())
    });
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    let db = t.db.clone();
    let second = tokio::spawn(async move {
        let mut tx = db.write().await?;
        let _: (i64,) = sqlx::query_as(count).fetch_one(&mut *tx).await?;
        insert("second").execute(&mut *tx).await?;
        tx.commit().await?;
        Ok::<_, DomainError>(())
    });
    assert_eq!(first.await.unwrap(), Ok(()));
    assert_eq!(second.await.unwrap(), Ok(()));
    let (n,): (i64,) = sqlx::query_as(count).fetch_one(t.db.pool()).await.unwrap();
    assert_eq!(n, 2);
}

/// The maintenance job deletes expired and idle sessions and throttle keys nobody needs any
/// more; a request never does.
#[tokio::test]
async fn maintenance_purges_what_has_outlived_its_use() {
    let t = TestDb::new().await;
    let eva = auth::sign_up(
        &t.db,
        sign_up_input("eva@example.ch"),
        None,
        &Outgoing::none(),
        1,
    )
    .await
    .unwrap();
    let old = auth::create_session(&t.db, &eva.id, &Device::default(), 1000)
        .await
        .unwrap();
    let fresh = auth::create_session(&t.db, &eva.id, &Device::default(), 1000 + auth::IDLE_SECS)
        .await
        .unwrap();
    let _ = auth::log_in(
        &t.db,
        "eva@example.ch",
        "wrong",
        &from("198.51.100.7"),
        1000,
    )
    .await;
    let count = |sql: &'static str| {
        let db = t.db.clone();
        async move {
            let (n,): (i64,) = sqlx::query_as(sql).fetch_one(db.pool()).await.unwrap();
            n
        }
    };
    assert_eq!(count("SELECT COUNT(*) FROM throttle").await, 4);
    // Throttle keys are kept while they may still hold someone back...
    let soon = domain::jobs::maintain(&t.db, 1060).await.unwrap();
    assert_eq!((soon.sessions, soon.throttle_keys), (0, 0));
    let later = 1001 + auth::IDLE_SECS;
    let done = domain::jobs::maintain(&t.db, later).await.unwrap();
    assert_eq!(done.sessions, 1, "the idle one");
    assert!(auth::session_account(&t.db, &old, later)
        .await
        .unwrap()
        .is_none());
    assert!(auth::session_account(&t.db, &fresh, later)
        .await
        .unwrap()
        .is_some());
    // ...then go.
    assert_eq!(
        done.throttle_keys, 4,
        "three login keys and the sign-up key"
    );
    assert_eq!(count("SELECT COUNT(*) FROM throttle").await, 0);
}
