//! Mail arriving over SMTP: Python's smtplib delivers to the real listener, refused recipients
//! get the right code, and what was acknowledged is in the Inbox. The protocol's edges
//! (pipelining, sequence, size, dot-stuffing, smuggling, errors) over a raw socket.

mod common;

use common::{TestServer, User};
use serde_json::{json, Value};
use std::net::SocketAddr;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

/// Adds `acme.ch` to Demo SA (every member gets an address on it); returns Anna's address and
/// her mailbox id.
async fn acme(server: &TestServer, anna: &User) -> (String, String) {
    let org = anna.org("Demo SA");
    let added = server
        .post(
            anna,
            &format!("/api/v1/orgs/{org}/mail-domains"),
            &json!({"domain": "acme.ch"}),
        )
        .await;
    assert_eq!(added.status(), 201);
    let mailboxes = server
        .get_json(anna, &format!("/api/v1/orgs/{org}/mailboxes"))
        .await;
    (
        mailboxes[0]["address"].as_str().unwrap().to_owned(),
        mailboxes[0]["id"].as_str().unwrap().to_owned(),
    )
}

async fn inbox(server: &TestServer, user: &User, mailbox: &str) -> Value {
    let folders = server
        .get_json(user, &format!("/api/v1/mailboxes/{mailbox}/folders"))
        .await;
    let inbox = folders[0]["id"].as_str().unwrap();
    server
        .get_json(
            user,
            &format!("/api/v1/mailboxes/{mailbox}/messages?folder_id={inbox}&limit=50"),
        )
        .await
}

/// A message's bytes as stored.
async fn raw_of(server: &TestServer, user: &User, id: &str) -> String {
    user.client
        .get(server.url(&format!("/api/v1/messages/{id}/raw")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

const SMTPLIB: &str = r#"
import json, smtplib, sys
port, sender, rcpts = int(sys.argv[1]), sys.argv[2], sys.argv[3].split(",")
msg = ("From: Bank <bank@example.org>\r\nTo: " + rcpts[0] + "\r\nSubject: Statement\r\n"
       "Message-ID: <st1@example.org>\r\n\r\n.a line with a leading dot\r\nThanks\r\n")
with smtplib.SMTP("127.0.0.1", port) as s:
    s.ehlo("mx.example.org")
    features = {k: v for k, v in s.esmtp_features.items()}
    try:
        refused = s.sendmail(sender, rcpts, msg)
        result = {k: [v[0], v[1].decode()] for k, v in refused.items()}
    except smtplib.SMTPRecipientsRefused as e:
        result = {"all": {k: [v[0], v[1].decode()] for k, v in e.recipients.items()}}
print(json.dumps({"features": features, "refused": result}))
"#;

fn smtplib(addr: SocketAddr, sender: &str, rcpts: &[&str]) -> Value {
    let out = std::process::Command::new("python3")
        .args([
            "-c",
            SMTPLIB,
            &addr.port().to_string(),
            sender,
            &rcpts.join(","),
        ])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "smtplib: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("smtplib's JSON")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn smtplib_delivers_to_a_member_and_strangers_are_refused_with_the_right_code() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let (address, mailbox) = acme(&server, &anna).await;
    let smtp = server.smtp;
    let sent = tokio::task::spawn_blocking(move || {
        smtplib(
            smtp,
            "bank@example.org",
            &[
                &address,
                "nobody@acme.ch",
                "someone@elsewhere.org",
                "anna@demo.example",
            ],
        )
    })
    .await
    .unwrap();
    assert_eq!(
        sent["features"]["size"],
        (75 * 1024 * 1024 - 4096).to_string()
    );
    assert!(sent["features"]
        .as_object()
        .unwrap()
        .contains_key("pipelining"));
    let refused = &sent["refused"];
    assert_eq!(refused["nobody@acme.ch"][0], 550);
    assert!(refused["nobody@acme.ch"][1]
        .as_str()
        .unwrap()
        .starts_with("5.1.1"));
    assert_eq!(refused["someone@elsewhere.org"][0], 550);
    assert!(refused["someone@elsewhere.org"][1]
        .as_str()
        .unwrap()
        .contains("relaying denied"));
    // anna@demo.example is not a mail domain of the suite here: refused as relaying.
    assert_eq!(refused["anna@demo.example"][0], 550);

    let page = inbox(&server, &anna, &mailbox).await;
    assert_eq!(page["total"], 1, "{page}");
    assert_eq!(page["rows"][0]["subject"], "Statement");
    assert_eq!(page["rows"][0]["unread"], true);
    let id = page["rows"][0]["id"].as_str().unwrap();
    let raw = raw_of(&server, &anna, id).await;
    assert!(raw.starts_with("Return-Path: <bank@example.org>\r\nReceived: from mx.example.org"));
    assert!(raw.contains("\r\n.a line with a leading dot\r\n"), "{raw}");

    // A colleague without a share sees nothing of it.
    let ben = server.demo("ben").await;
    let status = ben
        .client
        .get(server.url(&format!("/api/v1/messages/{id}")))
        .send()
        .await
        .unwrap()
        .status();
    assert_eq!(status, 404);
}

/// A line-oriented client: sends bytes, reads whole replies (multi-line ones too).
struct Client {
    reader: BufReader<TcpStream>,
}

impl Client {
    async fn connect(addr: SocketAddr) -> Client {
        let stream = TcpStream::connect(addr).await.unwrap();
        let mut client = Client {
            reader: BufReader::new(stream),
        };
        assert!(client.reply().await.starts_with("220 "));
        client
    }

    async fn send(&mut self, bytes: &str) {
        self.reader
            .get_mut()
            .write_all(bytes.as_bytes())
            .await
            .unwrap();
    }

    /// One reply; empty when the server hung up.
    async fn reply(&mut self) -> String {
        let mut all = String::new();
        loop {
            let mut line = String::new();
            if self.reader.read_line(&mut line).await.unwrap() == 0 {
                return all;
            }
            all.push_str(&line);
            if line.as_bytes().get(3) != Some(&b'-') {
                return all;
            }
        }
    }

    async fn says(&mut self, bytes: &str, code: &str) -> String {
        self.send(bytes).await;
        let reply = self.reply().await;
        assert!(
            reply.starts_with(code),
            "{bytes:?} got {reply:?}, not {code}"
        );
        reply
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_listener_keeps_to_the_protocol_and_its_limits() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let (address, mailbox) = acme(&server, &anna).await;
    let mut c = Client::connect(server.smtp).await;

    // Out of sequence, and unknown commands.
    c.says("MAIL FROM:<a@example.org>\r\n", "503 5.5.1").await;
    c.says("EHLO client.example.org\r\n", "250").await;
    c.says("RCPT TO:<x@acme.ch>\r\n", "503").await;
    c.says("DATA\r\n", "503").await;
    c.says("FROB\r\n", "500").await;
    c.says("AUTH PLAIN AGFAYg==\r\n", "502").await;
    c.says(
        "MAIL FROM:<a@example.org> SIZE=999999999\r\n",
        "552 5.3.4 Message too big: at most 75 MB",
    )
    .await;

    // Pipelined: every answer comes, in order, and the 354 before the message is read.
    c.send(&format!(
        "MAIL FROM:<a@example.org>\r\nRCPT TO:<nobody@acme.ch>\r\nRCPT TO:<{address}>\r\nDATA\r\n"
    ))
    .await;
    assert!(c.reply().await.starts_with("250 2.1.0"));
    assert!(c.reply().await.starts_with("550 5.1.1"));
    assert!(c.reply().await.starts_with("250 2.1.5"));
    assert!(c.reply().await.starts_with("354"));
    // A bare-LF "dot" is not the end (SMTP smuggling): the whole text is one message.
    c.send("Subject: One\r\n\r\nfirst\n.\nMAIL FROM:<evil@example.org>\r\n..dotted\r\n.\r\n")
        .await;
    assert!(c.reply().await.starts_with("250 2.0.0"));
    let page = inbox(&server, &anna, &mailbox).await;
    assert_eq!(page["total"], 1, "{page}");
    let id = page["rows"][0]["id"].as_str().unwrap();
    let raw = raw_of(&server, &anna, id).await;
    assert!(
        raw.ends_with("first\n.\nMAIL FROM:<evil@example.org>\r\n.dotted\r\n"),
        "{raw:?}"
    );

    // A line far over the limit is one error, skipped to its end.
    c.says(
        &format!("NOOP {}\r\n", "x".repeat(1 << 20)),
        "501 5.5.2 Line too long",
    )
    .await;
    c.says("NOOP\r\n", "250").await;
    c.says("QUIT\r\n", "221").await;
    assert_eq!(c.reply().await, "", "the listener hangs up after QUIT");

    // An empty message ends at its dot; a first line with a space loses it rather than
    // continuing the listener's `Received:` line.
    let mut c = Client::connect(server.smtp).await;
    c.says("EHLO client.example.org\r\n", "250").await;
    c.says("MAIL FROM:<a@example.org>\r\n", "250").await;
    c.says(&format!("RCPT TO:<{address}>\r\n"), "250").await;
    c.says("DATA\r\n", "354").await;
    c.says(".\r\n", "250").await;
    c.says("MAIL FROM:<a@example.org>\r\n", "250").await;
    c.says(&format!("RCPT TO:<{address}>\r\n"), "250").await;
    c.says("DATA\r\n", "354").await;
    c.says(
        " \tX-Forged: yes\r\nSubject: Folded\r\n\r\nBody\r\n.\r\n",
        "250",
    )
    .await;
    let page = inbox(&server, &anna, &mailbox).await;
    assert_eq!(page["total"], 3, "{page}");
    let folded = page["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["subject"] == "Folded")
        .expect("the folded message");
    let raw = raw_of(&server, &anna, folded["id"].as_str().unwrap()).await;
    assert!(raw.contains("\r\nX-Forged: yes\r\n"), "{raw:?}");

    // Guessing addresses: the twenty-first unknown one ends the conversation.
    c.says("MAIL FROM:<a@example.org>\r\n", "250").await;
    for i in 0..20 {
        c.says(&format!("RCPT TO:<guess{i}@acme.ch>\r\n"), "550")
            .await;
    }
    c.send("RCPT TO:<guess20@acme.ch>\r\n").await;
    assert!(c.reply().await.starts_with("550"));
    assert!(c.reply().await.starts_with("421"));
    assert_eq!(c.reply().await, "");

    // Ten wrong commands and it hangs up.
    let mut c = Client::connect(server.smtp).await;
    for _ in 0..9 {
        c.says("FROB\r\n", "500").await;
    }
    c.send("FROB\r\n").await;
    assert!(c.reply().await.starts_with("500"));
    assert!(c.reply().await.starts_with("421"));
    assert_eq!(c.reply().await, "");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_over_the_limit_is_refused_and_the_conversation_goes_on() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let (address, _) = acme(&server, &anna).await;
    let mut c = Client::connect(server.smtp).await;
    c.says("EHLO client.example.org\r\n", "250").await;
    c.says("MAIL FROM:<a@example.org>\r\n", "250").await;
    c.says(&format!("RCPT TO:<{address}>\r\n"), "250").await;
    c.says("DATA\r\n", "354").await;
    // 76 MB in 1 MB lines: refused at the end of the data.
    let line = format!("{}\r\n", "y".repeat(1 << 20));
    c.send("Subject: Big\r\n\r\n").await;
    for _ in 0..76 {
        c.send(&line).await;
    }
    c.says(".\r\n", "552 5.3.4").await;
    c.says("NOOP\r\n", "250").await;
    c.says("MAIL FROM:<a@example.org>\r\n", "250").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_organization_is_told_to_try_later() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let (address, _) = acme(&server, &anna).await;
    let org = anna.org("Demo SA");
    domain::blobs::set_quota(&server.db.db, &org, 0)
        .await
        .unwrap();
    let mut c = Client::connect(server.smtp).await;
    c.says("EHLO client.example.org\r\n", "250").await;
    c.says("MAIL FROM:<a@example.org>\r\n", "250").await;
    c.says(
        &format!("RCPT TO:<{address}>\r\n"),
        "452 4.2.2 Mailbox full",
    )
    .await;
    c.says("DATA\r\n", "503").await;
}
