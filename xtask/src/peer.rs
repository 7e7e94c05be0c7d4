//! The reference servers a benchmark measures on the same data in the same run: Radicale, from
//! PyPI, in a virtual environment of its own, on a loopback port with a throw-away storage.

use crate::util::{free_port, Result};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const RADICALE: &str = "radicale==3.9.0";

pub struct Radicale {
    child: Child,
    addr: String,
    storage: PathBuf,
}

impl Radicale {
    /// Installs Radicale when missing and starts it without authentication.
    pub fn start() -> Result<Radicale> {
        let python = crate::setup::python_venv("radicale", "radicale", &[RADICALE])?;
        let port = free_port()?;
        let addr = format!("127.0.0.1:{port}");
        let storage = std::env::temp_dir().join(format!("ksuite-radicale-{port}"));
        let config = storage.join("config");
        std::fs::create_dir_all(&storage).map_err(|e| e.to_string())?;
        std::fs::write(
            &config,
            format!(
                "[server]\nhosts = {addr}\n[auth]\ntype = none\n[storage]\nfilesystem_folder = {}\n[logging]\nlevel = warning\n",
                storage.join("collections").display()
            ),
        )
        .map_err(|e| e.to_string())?;
        let child = Command::new(&python)
            .args(["-m", "radicale", "--config"])
            .arg(&config)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("cannot start Radicale: {e}"))?;
        let radicale = Radicale {
            child,
            addr,
            storage,
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(&radicale.addr).is_err() {
            if Instant::now() > deadline {
                return Err("Radicale did not start".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        Ok(radicale)
    }

    /// PUTs a whole .ics as a new calendar collection, as its web interface's upload does;
    /// returns the time to the answer, in milliseconds.
    pub fn put_calendar(&self, name: &str, ics: &str) -> Result<f64> {
        let head = format!(
            "PUT /bench/{name}/ HTTP/1.1\r\nHost: {}\r\nAuthorization: Basic YmVuY2g6YmVuY2g=\r\n\
             Content-Type: text/calendar; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.addr,
            ics.len()
        );
        let start = Instant::now();
        let mut stream = std::net::TcpStream::connect(&self.addr).map_err(|e| e.to_string())?;
        stream
            .write_all(head.as_bytes())
            .and_then(|_| stream.write_all(ics.as_bytes()))
            .map_err(|e| e.to_string())?;
        let mut answer = String::new();
        stream
            .read_to_string(&mut answer)
            .map_err(|e| e.to_string())?;
        let elapsed = start.elapsed().as_secs_f64() * 1000.0;
        if !answer.starts_with("HTTP/1.1 201") && !answer.starts_with("HTTP/1.0 201") {
            return Err(format!(
                "Radicale: {}",
                answer.chars().take(200).collect::<String>()
            ));
        }
        Ok(elapsed)
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.storage);
    }
}
