//! The suite's mail through a real SMTP server (the one the test command starts): the links
//! to confirm an address, reset a password and change the login address, followed as a member
//! would, in every language; and a letter that waits in the outbox across a kill.

mod common;

use common::{client, test_smtp, wait_for_mail, Process, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

/// Subjects per language: confirm the address, reset the password, confirm a new login
/// address, the notice to the old one.
const SUBJECTS: [(&str, [&str; 4]); 5] = [
    (
        "fr",
        [
            "Confirmez votre adresse e-mail",
            "Réinitialiser votre mot de passe kSuite",
            "Confirmez votre nouvelle adresse de connexion",
            "L'adresse de connexion de votre compte kSuite va changer",
        ],
    ),
    (
        "en",
        [
            "Confirm your e-mail address",
            "Reset your kSuite password",
            "Confirm your new login address",
            "Your kSuite login address is being changed",
        ],
    ),
    (
        "de",
        [
            "Bestätigen Sie Ihre E-Mail-Adresse",
            "Ihr kSuite-Passwort zurücksetzen",
            "Bestätigen Sie Ihre neue Anmeldeadresse",
            "Die Anmeldeadresse Ihres kSuite-Kontos wird geändert",
        ],
    ),
    (
        "it",
        [
            "Confermi il suo indirizzo e-mail",
            "Reimpostare la password di kSuite",
            "Confermi il nuovo indirizzo di accesso",
            "L'indirizzo di accesso del suo account kSuite sta per cambiare",
        ],
    ),
    (
        "es",
        [
            "Confirme su dirección de correo",
            "Restablecer su contraseña de kSuite",
            "Confirme su nueva dirección de acceso",
            "La dirección de acceso de su cuenta de kSuite va a cambiar",
        ],
    ),
];

const PASSWORD: &str = "first secret 42";
const NEW_PASSWORD: &str = "brand new secret 77";

async fn post(http: &reqwest::Client, url: String, body: Value) -> reqwest::Response {
    http.post(url).json(&body).send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_link_works_through_a_real_smtp_server_in_every_language() {
    let Some((smtp, maildir)) = test_smtp() else {
        eprintln!("needs the SMTP server `cargo xtask test` starts (KSUITE_TEST_SMTP)");
        return;
    };
    let srv = TestServer::start_mailing(&smtp).await;
    let run = domain::ids::new_id();
    for (locale, [verify, reset, change, notice]) in SUBJECTS {
        let email = format!("{locale}-{run}@example.ch");
        // Signed up through the page's server function, in the member's language.
        let http = client();
        let res = http
            .post(srv.url("/fn/sign_up"))
            .form(&[
                ("name", "Zoë Test"),
                ("email", email.as_str()),
                ("password", PASSWORD),
                ("locale", locale),
                ("time_zone", "Europe/Zurich"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(
            res.status(),
            StatusCode::OK,
            "{locale}: {}",
            res.text().await.unwrap()
        );
        let me = |http: reqwest::Client| {
            let url = srv.url("/api/v1/me");
            async move { http.get(url).send().await.unwrap() }
        };
        let account: Value = me(http.clone()).await.json().await.unwrap();
        assert_eq!(account["account"]["email_verified"], false, "{locale}");

        let mail = wait_for_mail(&maildir, &email, verify, 10).await;
        assert!(
            !mail.text.contains("Zoë"),
            "{locale}: no name to an unconfirmed address"
        );
        let res = post(
            &http,
            srv.url("/api/v1/auth/confirm-email"),
            json!({"token": mail.token("/confirm-email")}),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK, "{locale}");
        let account: Value = me(http.clone()).await.json().await.unwrap();
        assert_eq!(account["account"]["email_verified"], true, "{locale}");

        // Forgot the password: the link sets a new one and signs the account out everywhere.
        let res = post(
            &client(),
            srv.url("/api/v1/auth/password-reset"),
            json!({"email": email}),
        )
        .await;
        assert_eq!(res.status(), StatusCode::ACCEPTED, "{locale}");
        let mail = wait_for_mail(&maildir, &email, reset, 10).await;
        let token = mail.token("/reset-password");
        let res = post(
            &client(),
            srv.url("/api/v1/auth/password-reset/confirm"),
            json!({"token": token, "password": NEW_PASSWORD}),
        )
        .await;
        assert_eq!(res.status(), StatusCode::NO_CONTENT, "{locale}");
        assert_eq!(
            me(http.clone()).await.status(),
            StatusCode::UNAUTHORIZED,
            "{locale}: the old session ended"
        );
        let res = post(
            &client(),
            srv.url("/api/v1/auth/password-reset/confirm"),
            json!({"token": token, "password": "yet another 1234"}),
        )
        .await;
        assert_eq!(
            common::error_code(res).await,
            "link_invalid",
            "{locale}: a link works once"
        );
        let user = srv.login(&email, NEW_PASSWORD).await;

        // A new login address: confirmed from itself, announced to the old one.
        let new_email = format!("new-{locale}-{run}@example.ch");
        let res = user
            .client
            .put(srv.url("/api/v1/me/email"))
            .json(&json!({"email": new_email, "password": NEW_PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::ACCEPTED, "{locale}");
        let told = wait_for_mail(&maildir, &email, notice, 10).await;
        assert!(told.text.contains(&new_email), "{locale}");
        let mail = wait_for_mail(&maildir, &new_email, change, 10).await;
        let res = post(
            &client(),
            srv.url("/api/v1/auth/confirm-email"),
            json!({"token": mail.token("/confirm-email")}),
        )
        .await;
        let confirmed: Value = res.json().await.unwrap();
        assert_eq!(confirmed["email"], new_email.as_str(), "{locale}");
        srv.login(&new_email, NEW_PASSWORD).await;
    }
}

/// A letter the SMTP server could not take yet stays in the outbox, through a `kill -9` of
/// the server, and goes out from the next one.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_letter_waits_in_the_outbox_through_a_kill_and_goes_out_after_the_restart() {
    let Some((smtp, maildir)) = test_smtp() else {
        eprintln!("needs the SMTP server `cargo xtask test` starts (KSUITE_TEST_SMTP)");
        return;
    };
    let db = domain::testing::TestDb::new().await;
    // Nothing listens there: every attempt fails.
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .unwrap()
        .port();
    let down = format!("smtp://127.0.0.1:{closed}");
    let first = Process::start(&db.url, &["--smtp-url", &down]).await;
    let email = format!("restart-{}@example.ch", domain::ids::new_id());
    let res = post(
        &client(),
        first.url("/api/v1/auth/signup"),
        json!({"name": "Ruth Restart", "email": email, "password": PASSWORD}),
    )
    .await;
    assert_eq!(res.status(), StatusCode::CREATED);
    // The first attempt failed and was put off.
    let mut tried = 0;
    for _ in 0..100 {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT attempts FROM outbox WHERE recipient = $1 AND sent_at = 0")
                .bind(&email)
                .fetch_optional(db.db.pool())
                .await
                .unwrap();
        tried = row.map_or(0, |(n,)| n);
        if tried > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(tried, 1, "one failed attempt, then a pause");
    drop(first);

    let _second = Process::start(&db.url, &["--smtp-url", &smtp]).await;
    let mail = wait_for_mail(&maildir, &email, "Confirm your e-mail address", 30).await;
    assert!(mail.text.contains("/confirm-email?token="));
}
