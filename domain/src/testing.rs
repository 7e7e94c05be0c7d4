//! Throw-away databases for tests: a SQLite file in a temp dir by default, or a fresh PostgreSQL
//! database when `KSUITE_TEST_POSTGRES` names a server (`postgres://user@127.0.0.1:port`).

use crate::store::Db;
use std::path::PathBuf;

pub struct TestDb {
    pub db: Db,
    pub url: String,
    dir: Option<PathBuf>,
}

impl TestDb {
    pub async fn new() -> TestDb {
        let unique = crate::ids::new_id();
        match std::env::var("KSUITE_TEST_POSTGRES") {
            Ok(server) if !server.is_empty() => {
                let admin = Db::connect(&format!("{server}/postgres"))
                    .await
                    .expect("connect to test PostgreSQL");
                let name = format!("t_{unique}");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(admin.pool())
                    .await
                    .expect("create test database");
                admin.close().await;
                let url = format!("{server}/{name}");
                let db = Db::connect(&url).await.expect("open test database");
                TestDb { db, url, dir: None }
            }
            _ => {
                let dir = std::env::temp_dir().join(format!("ksuite-test-{unique}"));
                let db = Db::open_dir(&dir).await.expect("open test SQLite database");
                let url = format!("sqlite://{}?mode=rwc", dir.join("ksuite.db").display());
                TestDb {
                    db,
                    url,
                    dir: Some(dir),
                }
            }
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}
