//! The mail an account gets: the address confirmed after sign-up, a password reset, a change of
//! login address; each link works once and in time, and the letters wait in the outbox.

use domain::auth::{self, Device, SignUp};
use domain::calendar::{Grantee, ShareLevel};
use domain::collections::{self, CollectionKind};
use domain::locale::Locale;
use domain::mailer::{Mailer, Outgoing};
use domain::reason::Reason;
use domain::testing::TestDb;
use domain::DomainError;

const NOW: i64 = 1_795_000_000;
const PASSWORD: &str = "correct horse 42";

/// A mailer whose SMTP server is never reached here: these tests read the outbox.
fn outgoing() -> Outgoing {
    Outgoing {
        mailer: Mailer::smtp("smtp://127.0.0.1:9", "kSuite", "no-reply@suite.example").unwrap(),
        base_url: "https://suite.example".into(),
    }
}

async fn sign_up(t: &TestDb, out: &Outgoing, email: &str, locale: Locale) -> String {
    let input = SignUp {
        name: "Eva Test".into(),
        email: email.into(),
        password: PASSWORD.into(),
        locale: Some(locale),
        time_zone: None,
        country: None,
        languages: String::new(),
    };
    auth::sign_up(&t.db, input, None, out, NOW)
        .await
        .unwrap()
        .id
}

/// The letters waiting for `to`, oldest first, as (subject, plain text).
async fn letters_to(t: &TestDb, to: &str) -> Vec<(String, String)> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT message FROM outbox WHERE recipient = $1 ORDER BY created_at, id")
            .bind(to)
            .fetch_all(t.db.pool())
            .await
            .unwrap();
    rows.iter()
        .map(|(raw,)| {
            let message = mail_parser::MessageParser::default()
                .parse(raw.as_bytes())
                .unwrap();
            (
                message.subject().unwrap_or_default().to_owned(),
                message.body_text(0).unwrap_or_default().into_owned(),
            )
        })
        .collect()
}

/// The token of the link in a letter's text.
fn token_in(text: &str, page: &str) -> String {
    let start = text
        .find(&format!("https://suite.example{page}?token="))
        .unwrap_or_else(|| panic!("no {page} link in {text}"));
    let rest = &text[start..];
    let token = &rest[rest.find('=').unwrap() + 1..];
    token
        .chars()
        .take_while(|c| c.is_ascii_hexdigit())
        .collect()
}

fn invalid(reason: domain::reason::Reason) -> DomainError {
    DomainError::invalid("token", reason)
}

#[tokio::test]
async fn a_new_account_confirms_its_address_before_it_shares() {
    let t = TestDb::new().await;
    let out = outgoing();
    let id = sign_up(&t, &out, "eva@example.ch", Locale::De).await;
    assert!(!auth::account_view(&t.db, &id).await.unwrap().email_verified);

    let org = domain::org::list_orgs(&t.db, &id).await.unwrap()[0]
        .id
        .clone();
    let eva = domain::org::actor(&t.db, &id, &org).await.unwrap();
    let cal = domain::calendar::calendars::list_calendars(&t.db, &eva, NOW)
        .await
        .unwrap()[0]
        .id
        .clone();
    let share = || {
        collections::share(
            &t.db,
            &eva,
            CollectionKind::Calendar,
            &cal,
            &Grantee::Organization,
            ShareLevel::View,
        )
    };
    assert_eq!(
        share().await,
        Err(DomainError::invalid("email", Reason::EmailNotVerified))
    );

    let letters = letters_to(&t, "eva@example.ch").await;
    assert_eq!(letters.len(), 1);
    let (subject, text) = &letters[0];
    assert_eq!(
        subject, "Bestätigen Sie Ihre E-Mail-Adresse",
        "in her language"
    );
    assert!(
        text.starts_with("Guten Tag,"),
        "no name to an address not confirmed: {text}"
    );
    let token = token_in(text, "/confirm-email");
    assert_eq!(
        auth::confirm_email(&t.db, &token, NOW + 60).await,
        Ok("eva@example.ch".into())
    );
    assert!(auth::account_view(&t.db, &id).await.unwrap().email_verified);
    assert_eq!(
        auth::confirm_email(&t.db, &token, NOW + 61).await,
        Err(invalid(Reason::LinkInvalid))
    );
    share().await.unwrap();
}

#[tokio::test]
async fn without_mail_an_address_counts_as_confirmed_and_links_are_refused() {
    let t = TestDb::new().await;
    let id = sign_up(&t, &Outgoing::none(), "max@example.ch", Locale::En).await;
    assert!(auth::account_view(&t.db, &id).await.unwrap().email_verified);
    assert_eq!(
        auth::request_password_reset(&t.db, &Outgoing::none(), "max@example.ch", "192.0.2.1", NOW)
            .await
            .map(drop),
        Err(DomainError::invalid("email", Reason::MailNotConfigured))
    );
}

#[tokio::test]
async fn a_reset_link_sets_a_new_password_once_and_ends_every_session() {
    let t = TestDb::new().await;
    let out = outgoing();
    let id = sign_up(&t, &out, "eva@example.ch", Locale::Fr).await;
    let device = Device::default();
    let session = auth::log_in(&t.db, "eva@example.ch", PASSWORD, &device, NOW)
        .await
        .unwrap();

    // An unknown address gets the same answer and no letter.
    ask_reset(&t, &out, "nobody@example.ch", NOW).await.unwrap();
    assert!(letters_to(&t, "nobody@example.ch").await.is_empty());
    ask_reset(&t, &out, " EVA@example.ch ", NOW).await.unwrap();
    let letters = letters_to(&t, "eva@example.ch").await;
    assert_eq!(letters.len(), 2, "the confirmation and one reset");
    let (_, text) = letters
        .iter()
        .find(|(subject, _)| subject == "Réinitialiser votre mot de passe kSuite")
        .expect("the reset, in her language");
    let token = token_in(text, "/reset-password");

    assert_eq!(
        auth::reset_password(&t.db, &token, "short".into(), NOW + 60).await,
        Err(DomainError::invalid(
            "password",
            domain::reason::Reason::PasswordTooShort
        )),
        "a refused password leaves the link usable"
    );
    auth::reset_password(&t.db, &token, "a new secret 77".into(), NOW + 60)
        .await
        .unwrap();
    assert!(auth::session_account(&t.db, &session.token, NOW + 61)
        .await
        .unwrap()
        .is_none());
    auth::log_in(
        &t.db,
        "eva@example.ch",
        "a new secret 77",
        &device,
        NOW + 62,
    )
    .await
    .unwrap();
    // Following the link proved the address too.
    assert!(auth::account_view(&t.db, &id).await.unwrap().email_verified);
    assert_eq!(
        auth::reset_password(&t.db, &token, "yet another 88".into(), NOW + 63).await,
        Err(invalid(Reason::LinkInvalid))
    );

    // A link an hour old no longer works.
    ask_reset(&t, &out, "eva@example.ch", NOW + 120)
        .await
        .unwrap();
    let late = token_in(
        &letters_to(&t, "eva@example.ch").await[2].1,
        "/reset-password",
    );
    assert_eq!(
        auth::reset_password(&t.db, &late, "yet another 88".into(), NOW + 120 + 3_600).await,
        Err(invalid(Reason::LinkExpired))
    );

    // Nobody buries an address under resets, whoever asks and from wherever.
    ask_reset(&t, &out, "eva@example.ch", NOW + 130)
        .await
        .unwrap();
    let refused = ask_reset(&t, &out, "eva@example.ch", NOW + 140).await;
    assert!(
        matches!(refused, Err(DomainError::Throttled { .. })),
        "{refused:?}"
    );
}

/// Asks for a reset link from one client and waits until the letter, if any, is written.
async fn ask_reset(t: &TestDb, out: &Outgoing, email: &str, now: i64) -> Result<(), DomainError> {
    let client = format!("192.0.2.{}", now % 200);
    let writing = auth::request_password_reset(&t.db, out, email, &client, now).await?;
    writing.await.unwrap();
    Ok(())
}

#[tokio::test]
async fn a_new_password_ends_a_pending_change_of_address_and_old_links() {
    let t = TestDb::new().await;
    let out = outgoing();
    let id = sign_up(&t, &out, "eva@example.ch", Locale::En).await;
    let verify = token_in(
        &letters_to(&t, "eva@example.ch").await[0].1,
        "/confirm-email",
    );
    // Someone who knows her password asks to move her account to their address...
    auth::request_email_change(&t.db, &out, &id, PASSWORD, "thief@example.ch", NOW)
        .await
        .unwrap();
    let stolen = token_in(
        &letters_to(&t, "thief@example.ch").await[0].1,
        "/confirm-email",
    );
    // ...she changes her password, as the notice tells her to...
    let account = auth::account_view(&t.db, &id).await.unwrap();
    auth::change_password(
        &t.db,
        &account,
        "none",
        PASSWORD,
        "a new secret 77".into(),
        "192.0.2.9",
        NOW + 10,
    )
    .await
    .unwrap();
    // ...and neither their link nor any older one works any more.
    assert_eq!(
        auth::confirm_email(&t.db, &stolen, NOW + 20).await,
        Err(invalid(Reason::LinkInvalid))
    );
    assert_eq!(
        auth::confirm_email(&t.db, &verify, NOW + 20).await,
        Err(invalid(Reason::LinkInvalid))
    );
    assert_eq!(
        auth::account_view(&t.db, &id).await.unwrap().email,
        "eva@example.ch"
    );
}

#[tokio::test]
async fn a_new_login_address_counts_once_it_confirms_and_the_old_one_is_told() {
    let t = TestDb::new().await;
    let out = outgoing();
    let id = sign_up(&t, &out, "eva@example.ch", Locale::En).await;
    sign_up(&t, &out, "taken@example.ch", Locale::En).await;
    let change = |password: &'static str, email: &'static str| {
        auth::request_email_change(&t.db, &out, &id, password, email, NOW)
    };
    assert_eq!(
        change("wrong password", "new@example.ch").await,
        Err(DomainError::invalid(
            "current",
            domain::reason::Reason::PasswordWrong
        ))
    );
    assert_eq!(
        change(PASSWORD, "taken@example.ch").await,
        Err(DomainError::invalid(
            "email",
            domain::reason::Reason::EmailTaken
        ))
    );
    change(PASSWORD, "New@Example.ch").await.unwrap();
    assert_eq!(
        auth::account_view(&t.db, &id).await.unwrap().email,
        "eva@example.ch",
        "nothing changes before the confirmation"
    );
    let letters = letters_to(&t, "eva@example.ch").await;
    let (_, notice) = letters
        .iter()
        .find(|(subject, _)| subject == "Your kSuite login address is being changed")
        .expect("a notice to the old address");
    assert!(notice.contains("new@example.ch"));
    let confirm = letters_to(&t, "new@example.ch").await;
    assert_eq!(confirm.len(), 1);
    let token = token_in(&confirm[0].1, "/confirm-email");
    assert_eq!(
        auth::confirm_email(&t.db, &token, NOW + 60).await,
        Ok("new@example.ch".into())
    );
    let view = auth::account_view(&t.db, &id).await.unwrap();
    assert_eq!(
        (view.email.as_str(), view.email_verified),
        ("new@example.ch", true)
    );
}

#[tokio::test]
async fn a_letter_the_smtp_server_did_not_take_stays_and_is_tried_again_later() {
    let t = TestDb::new().await;
    let out = outgoing();
    sign_up(&t, &out, "eva@example.ch", Locale::En).await;
    let blobs_dir = tempfile::tempdir().unwrap();
    let blobs = domain::blobs::Blobs::in_dir(blobs_dir.path().to_owned());
    assert_eq!(
        domain::mailer::deliver_due(&t.db, &blobs, &out.mailer, NOW).await,
        Ok(0)
    );
    let (attempts, next, error): (i64, i64, String) = sqlx::query_as(
        "SELECT attempts, next_attempt_at, last_error FROM outbox WHERE recipient = 'eva@example.ch'",
    )
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    assert_eq!(attempts, 1);
    assert!(next > NOW, "tried again later");
    assert!(!error.is_empty());
    // Not due yet: nothing is tried.
    assert_eq!(
        domain::mailer::deliver_due(&t.db, &blobs, &out.mailer, NOW + 1).await,
        Ok(0)
    );
    let (attempts,): (i64,) = sqlx::query_as("SELECT attempts FROM outbox")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(attempts, 1);
}
