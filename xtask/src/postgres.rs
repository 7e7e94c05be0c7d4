//! A throw-away PostgreSQL cluster on a loopback port, from Debian's binaries, for the tests.

use crate::setup::postgres_bin_dir;
use crate::util::{free_port, is_root, run, Result};
use std::path::PathBuf;
use std::process::{Command, Stdio};

pub struct Postgres {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
}

impl Postgres {
    /// For the tests: it need not survive a crash, so it skips syncing to disk.
    pub fn start() -> Result<Postgres> {
        Postgres::start_with("-c fsync=off -c synchronous_commit=off")
    }

    /// For a benchmark of what is acknowledged only once durable: syncs as a production
    /// server does.
    pub fn start_durable() -> Result<Postgres> {
        Postgres::start_with("")
    }

    fn start_with(sync: &str) -> Result<Postgres> {
        let bin =
            postgres_bin_dir().ok_or("PostgreSQL is not installed (apt-get install postgresql)")?;
        let port = free_port()?;
        let dir = std::env::temp_dir().join(format!("ksuite-pg-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        // PostgreSQL refuses to run as root: as root, the cluster belongs to `postgres`.
        if is_root() {
            run(Command::new("chown").arg("postgres:postgres").arg(&dir))?;
        }
        let pg = Postgres { dir, bin, port };
        run(pg
            .command("initdb")
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-sync",
                "-D",
            ])
            .arg(pg.dir.join("data"))
            .stdout(Stdio::null()))?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 {sync} -c max_connections=200",
            pg.dir.display()
        );
        run(pg
            .command("pg_ctl")
            .arg("-D")
            .arg(pg.dir.join("data"))
            .args(["-o", &options, "-l"])
            .arg(pg.dir.join("log"))
            .args(["-w", "start"])
            .stdin(Stdio::null())
            .stdout(Stdio::null()))?;
        Ok(pg)
    }

    /// Server URL without a database name; tests add their own.
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}", self.port)
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if is_root() {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"])
                .arg(path)
                .current_dir(&self.dir);
            cmd
        } else {
            let mut cmd = Command::new(path);
            cmd.current_dir(&self.dir);
            cmd
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "stop"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
