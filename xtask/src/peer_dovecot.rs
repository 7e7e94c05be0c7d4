//! Dovecot, the mail benchmark's peer: from Debian's packages, started on loopback ports with a
//! throw-away home, one user, LMTP to deliver and IMAP to read, as a webmail in front of it
//! would. A minimal IMAP client (tagged commands, literals read through) times what a webmail
//! asks for a page and a search.

use crate::util::{free_port, have, run, Result};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Dovecot {
    child: Child,
    dir: PathBuf,
    pub lmtp: String,
    pub imap: String,
}

impl Dovecot {
    /// Installs Dovecot when missing and starts it in the foreground of a child process.
    pub fn start() -> Result<Dovecot> {
        if !have("dovecot") {
            run(Command::new("apt-get")
                .env("DEBIAN_FRONTEND", "noninteractive")
                .args(["install", "-y", "-q", "dovecot-imapd", "dovecot-lmtpd"]))?;
        }
        let (lmtp_port, imap_port) = (free_port()?, free_port()?);
        let dir = std::env::temp_dir().join(format!("ksuite-dovecot-{imap_port}"));
        let home = dir.join("home");
        std::fs::create_dir_all(&home).map_err(|e| e.to_string())?;
        // Mail is never kept as root: the user is `nobody`, who owns the home.
        run(Command::new("chown")
            .arg("-R")
            .arg("nobody:nogroup")
            .arg(&home))?;
        let config = dir.join("dovecot.conf");
        std::fs::write(
            &config,
            format!(
                "base_dir = {dir}/run\nstate_dir = {dir}/state\nlog_path = {dir}/log\n\
                 protocols = imap lmtp\nlisten = 127.0.0.1\nssl = no\n\
                 disable_plaintext_auth = no\nauth_mechanisms = plain login\n\
                 passdb {{\n  driver = static\n  args = password=bench\n}}\n\
                 userdb {{\n  driver = static\n  args = uid=nobody gid=nogroup home={home}/%n\n}}\n\
                 mail_location = sdbox:~/mail\nfirst_valid_uid = 1\n\
                 lmtp_save_to_detail_mailbox = no\n\
                 service imap-login {{\n  inet_listener imap {{\n    port = {imap_port}\n  }}\n  inet_listener imaps {{\n    port = 0\n  }}\n}}\n\
                 service lmtp {{\n  inet_listener lmtp {{\n    port = {lmtp_port}\n  }}\n  unix_listener lmtp {{\n    mode = 0666\n  }}\n}}\n\
                 service imap {{\n  process_limit = 16\n}}\n",
                dir = dir.display(),
                home = home.display(),
            ),
        )
        .map_err(|e| e.to_string())?;
        let child = Command::new("dovecot")
            .args(["-F", "-c"])
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start Dovecot: {e}"))?;
        let dovecot = Dovecot {
            child,
            dir,
            lmtp: format!("127.0.0.1:{lmtp_port}"),
            imap: format!("127.0.0.1:{imap_port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(&dovecot.imap).is_err()
            || TcpStream::connect(&dovecot.lmtp).is_err()
        {
            if Instant::now() > deadline {
                return Err(format!(
                    "Dovecot did not start: {}",
                    std::fs::read_to_string(dovecot.dir.join("log")).unwrap_or_default()
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(dovecot)
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One logged-in IMAP connection.
pub struct Imap {
    reader: BufReader<TcpStream>,
    tag: u32,
}

impl Imap {
    pub fn login(addr: &str, user: &str, password: &str) -> Result<Imap> {
        let stream = TcpStream::connect(addr).map_err(|e| format!("IMAP {addr}: {e}"))?;
        let mut imap = Imap {
            reader: BufReader::new(stream),
            tag: 0,
        };
        let mut greeting = String::new();
        imap.reader
            .read_line(&mut greeting)
            .map_err(|e| e.to_string())?;
        imap.command(&format!("LOGIN {user} {password}"))?;
        Ok(imap)
    }

    /// Sends one command and reads up to its tagged answer; returns the untagged lines. Literals
    /// (`{n}` at a line's end) are read as their byte count says.
    pub fn command(&mut self, command: &str) -> Result<Vec<String>> {
        self.tag += 1;
        let tag = format!("b{}", self.tag);
        self.reader
            .get_mut()
            .write_all(format!("{tag} {command}\r\n").as_bytes())
            .map_err(|e| e.to_string())?;
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            if self
                .reader
                .read_line(&mut line)
                .map_err(|e| e.to_string())?
                == 0
            {
                return Err(format!("IMAP closed during {command}"));
            }
            if let Some(rest) = line.strip_prefix(&format!("{tag} ")) {
                if rest.starts_with("OK") {
                    return Ok(lines);
                }
                return Err(format!("IMAP {command}: {rest}"));
            }
            while let Some(n) = literal(&line) {
                let mut bytes = vec![0u8; n];
                self.reader
                    .read_exact(&mut bytes)
                    .map_err(|e| e.to_string())?;
                let mut rest = String::new();
                self.reader
                    .read_line(&mut rest)
                    .map_err(|e| e.to_string())?;
                line.push_str(&String::from_utf8_lossy(&bytes));
                line.push_str(&rest);
            }
            lines.push(line);
        }
    }
}

/// The byte count of a literal that ends `line` (`{123}\r\n`).
fn literal(line: &str) -> Option<usize> {
    let body = line.trim_end_matches(['\r', '\n']);
    let open = body.rfind('{')?;
    body[open + 1..].strip_suffix('}')?.parse().ok()
}
