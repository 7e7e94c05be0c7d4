//! Throw-away databases for tests: a SQLite file in a temp dir by default, or a fresh PostgreSQL
//! database when `KSUITE_TEST_POSTGRES` names a server (`postgres://user@127.0.0.1:port`).

use crate::store::Db;
use std::path::PathBuf;

pub struct TestDb {
    pub db: Db,
    pub url: String,
    place: Place,
}

/// What to remove when the test ends: a test run creates hundreds of databases, and left behind
/// they fill the disk of a small CI machine.
enum Place {
    SqliteDir(PathBuf),
    Postgres { server: String, name: String },
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
                TestDb {
                    db,
                    url,
                    place: Place::Postgres { server, name },
                }
            }
            _ => {
                let dir = std::env::temp_dir().join(format!("ksuite-test-{unique}"));
                let db = Db::open_dir(&dir).await.expect("open test SQLite database");
                let url = format!("sqlite://{}?mode=rwc", dir.join("ksuite.db").display());
                TestDb {
                    db,
                    url,
                    place: Place::SqliteDir(dir),
                }
            }
        }
    }
}

/// Makes every insert into `table` of a row with this `uid` fail, as a full disk or a lost
/// connection would in the middle of a transaction: what a rollback test forces.
pub async fn fail_inserts(db: &Db, table: &str, uid: &str) {
    use sqlx::Executor;
    let statements = if db.is_postgres() {
        vec![
            format!(
                "CREATE FUNCTION fail_{table}() RETURNS trigger AS $$ BEGIN \
                 IF NEW.uid = '{uid}' THEN RAISE EXCEPTION 'forced failure'; END IF; \
                 RETURN NEW; END $$ LANGUAGE plpgsql"
            ),
            format!(
                "CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} \
                 FOR EACH ROW EXECUTE FUNCTION fail_{table}()"
            ),
        ]
    } else {
        vec![format!(
            "CREATE TRIGGER fail_{table} BEFORE INSERT ON {table} WHEN NEW.uid = '{uid}' \
             BEGIN SELECT RAISE(ABORT, 'forced failure'); END"
        )]
    };
    for statement in statements {
        db.pool()
            .execute(statement.as_str())
            .await
            .expect("create the failing trigger");
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.place {
            Place::SqliteDir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Place::Postgres { server, name } => drop_postgres_database(server, name),
        }
    }
}

/// Drop runs inside the test's runtime, which cannot be blocked on, so the drop gets a thread and
/// a runtime of its own. FORCE closes the connections the test's pool still holds.
fn drop_postgres_database(server: &str, name: &str) {
    let admin_url = format!("{server}/postgres");
    let statement = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    let _ = std::thread::spawn(move || {
        let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        else {
            return;
        };
        runtime.block_on(async {
            if let Ok(admin) = Db::connect(&admin_url).await {
                let _ = sqlx::query(&statement).execute(admin.pool()).await;
                admin.close().await;
            }
        });
    })
    .join();
}
