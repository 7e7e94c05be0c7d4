//! A real SMTP server for the tests: PyPI's aiosmtpd on a loopback port, storing every message
//! it accepts in a Maildir the tests read (and follow the links of).

use crate::setup::python_venv;
use crate::util::{free_port, Result};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const AIOSMTPD: &str = "aiosmtpd==1.4.6";

pub struct SmtpServer {
    child: Child,
    pub port: u16,
    pub maildir: PathBuf,
}

impl SmtpServer {
    pub fn start() -> Result<SmtpServer> {
        let python = python_venv("smtp", "aiosmtpd", &[AIOSMTPD])?;
        let port = free_port()?;
        let maildir =
            std::env::temp_dir().join(format!("ksuite-maildir-{}-{port}", std::process::id()));
        let child = Command::new(python)
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}")])
            .args(["-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start aiosmtpd: {e}"))?;
        let server = SmtpServer {
            child,
            port,
            maildir,
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return Err("aiosmtpd did not listen within 20 s".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(server)
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// What the tests read: `KSUITE_TEST_SMTP` (the server's URL) and `KSUITE_TEST_MAILDIR`.
    pub fn env(&self) -> [(&'static str, String); 2] {
        [
            ("KSUITE_TEST_SMTP", self.url()),
            (
                "KSUITE_TEST_MAILDIR",
                self.maildir.to_string_lossy().into_owned(),
            ),
        ]
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.maildir);
    }
}
