//! Contacts over HTTP: books, contacts, rights, another organization's ids, the OpenAPI entries.

mod common;

use common::{client, error_code, TestServer};
use reqwest::StatusCode;
use serde_json::{json, Value};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn contacts_over_http_with_rights_and_tenant_isolation() {
    let server = TestServer::start().await;
    let anna = server.demo("anna").await;
    let chloe = server.demo("chloe").await;
    let org = anna.org("Demo SA");
    let books = server
        .get_json(&anna, &format!("/api/v1/orgs/{org}/addressbooks"))
        .await;
    let book = books[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(books[0]["name"], "Contacts");

    let contacts = server.url(&format!("/api/v1/addressbooks/{book}/contacts"));
    let marie = json!({"first": "Marie", "last": "Curie",
        "emails": [{"kind": "work", "value": "marie@radium.example"}], "birthday": "1867-11-07"});
    let res = anna
        .client
        .post(&contacts)
        .json(&marie)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::CREATED);
    let id = res.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = anna
        .client
        .post(&contacts)
        .json(&json!({"first": "Bad", "birthday": "1990-02-30"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_code(res).await, "date_invalid");

    let list = server
        .get_json(&anna, &format!("/api/v1/addressbooks/{book}/contacts"))
        .await;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["full_name"], "Marie Curie");
    let one = format!("/api/v1/contacts/{id}");
    let detail = server.get_json(&anna, &one).await;
    assert_eq!(detail["fields"]["birthday"], "1867-11-07");

    // Chloé: nothing before a share, reading only with "can view".
    let res = chloe.client.get(server.url(&one)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = anna
        .client
        .put(server.url(&format!("/api/v1/addressbooks/{book}/shares")))
        .json(&json!({"grantee": {"kind": "member", "id": chloe.id()}, "level": "view"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    assert_eq!(server.get_json(&chloe, &one).await["writable"], false);
    let writes = [
        chloe.client.post(&contacts).json(&marie),
        chloe.client.put(server.url(&one)).json(&marie),
        chloe.client.delete(server.url(&one)),
        chloe
            .client
            .put(server.url(&format!("/api/v1/addressbooks/{book}/shares")))
            .json(&json!({"grantee": {"kind": "organization"}, "level": "view"})),
    ];
    for write in writes {
        let res = write.send().await.unwrap();
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        assert_eq!(error_code(res).await, "forbidden");
    }

    // Someone of another organization gets 404 for every id of this one.
    let res = client()
        .post(server.url("/api/v1/auth/signup"))
        .json(&json!({"name": "Eve", "email": "eve@example.ch", "password": "long enough 42"}))
        .send()
        .await
        .unwrap();
    assert!(res.status().is_success());
    let eve = server
        .login("eve@example.ch", "long enough 42")
        .await
        .client;
    for path in [
        one.clone(),
        format!("/api/v1/addressbooks/{book}/contacts"),
        format!("/api/v1/orgs/{org}/addressbooks"),
    ] {
        let res = eve.get(server.url(&path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let res = eve.delete(server.url(&one)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // The owner deletes it: gone.
    let res = anna.client.delete(server.url(&one)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let res = anna.client.get(server.url(&one)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    // Import and export: the file comes back with the X- property it went in with.
    let card = "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:ada@x\r\nFN:Ada Lovelace\r\nN:Lovelace;Ada;;;\r\nX-ENGINE:analytical\r\nEND:VCARD\r\n";
    let into_new = server.url(&format!(
        "/api/v1/orgs/{org}/addressbooks/import?name=Imported"
    ));
    let res = anna.upload(&into_new, "text/vcard", card).await;
    assert_eq!(res.status(), StatusCode::OK);
    let summary: Value = res.json().await.unwrap();
    assert_eq!(summary["imported"], 1);
    let imported = summary["book_id"].as_str().unwrap().to_owned();
    let export = server.url(&format!("/api/v1/addressbooks/{imported}/export"));
    let text = anna.download(&export, "text/vcard").await;
    assert!(
        text.contains("X-ENGINE:analytical") && text.contains("VERSION:4.0"),
        "{text}"
    );
    // A CSV body: Outlook's columns are recognised; a row with a bad address is skipped with its
    // line.
    let csv = "First Name,Last Name,E-mail Address,Company\r\nAlan,Turing,alan@bletchley.example,GC&CS\r\nBad,Row,nope,\r\n";
    let into_book = server.url(&format!("/api/v1/addressbooks/{imported}/import"));
    let res = anna.upload(&into_book, "text/csv", csv).await;
    assert_eq!(res.status(), StatusCode::OK);
    let summary: Value = res.json().await.unwrap();
    assert_eq!(summary["imported"], 1);
    assert_eq!(summary["skipped"][0]["line"], 3);
    assert_eq!(summary["skipped"][0]["code"], "unreadable");
    // Unknown headers: the preview shows them, and the import takes the columns chosen for them.
    let custom = "who,mail,colour\r\nGrace Hopper,grace@navy.example,blue\r\n";
    let preview = server.url(&format!("/api/v1/orgs/{org}/addressbooks/csv-preview"));
    let res = anna.upload(&preview, "text/csv", custom).await;
    assert_eq!(res.status(), StatusCode::OK);
    let shown: Value = res.json().await.unwrap();
    assert_eq!(shown["headers"][1], "mail");
    assert!(shown["preset"].is_null());
    assert_eq!(shown["sample"][0][0], "Grace Hopper");
    let res = anna.upload(&into_book, "text/csv", custom).await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mapped = format!("{into_book}?columns=full_name,email.work,");
    let res = anna.upload(&mapped, "text/csv", custom).await;
    assert_eq!(res.status(), StatusCode::OK);
    let summary: Value = res.json().await.unwrap();
    assert_eq!(summary["imported"], 1);
    let res = anna
        .upload(
            &format!("{into_book}?columns=full_name,colour"),
            "text/csv",
            custom,
        )
        .await;
    assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // CSV export, of the book or of a selection.
    let csv_export = format!("{export}?format=csv");
    let text = anna.download(&csv_export, "text/csv").await;
    assert!(text.starts_with("Title,First Name,"), "{text}");
    assert!(
        text.contains("grace@navy.example") && text.contains("Alan"),
        "{text}"
    );
    let listed = server
        .get_json(&anna, &format!("/api/v1/addressbooks/{imported}/contacts"))
        .await;
    let grace = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["full_name"] == "Grace Hopper")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let text = anna
        .download(&format!("{export}?format=csv&ids={grace}"), "text/csv")
        .await;
    assert_eq!(text.lines().count(), 2, "{text}");
    let text = anna
        .download(&format!("{export}?ids={grace}"), "text/vcard")
        .await;
    assert_eq!(text.matches("BEGIN:VCARD").count(), 1, "{text}");

    let big = vec![b'x'; 50 * 1024 * 1024 + 1];
    let res = anna.upload(&into_book, "text/vcard", big).await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = res.json().await.unwrap();
    assert_eq!(
        (
            body["error"]["limit"].as_str(),
            body["error"]["max"].as_u64()
        ),
        (Some("file_megabytes"), Some(50))
    );

    let doc = server.get_json(&anna, "/api/v1/openapi.json").await;
    for path in [
        "/api/v1/orgs/{org}/addressbooks",
        "/api/v1/addressbooks/{id}/contacts",
        "/api/v1/contacts/{id}",
        "/api/v1/orgs/{org}/teams",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is not documented");
    }
}
