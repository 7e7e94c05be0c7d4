//! Installs what the build and the tests need, only when it is missing, so warm runs stay fast.

use crate::util::{cargo, have, is_root, output, run, tools_dir, workspace_root, Result};
use std::path::PathBuf;
use std::process::Command;

const BINARYEN: &str = "binaryen@132";

/// The wasm target, the wasm-bindgen CLI matching Cargo.lock, and (for release) wasm-opt.
pub fn build_tools(release: bool) -> Result {
    let targets =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let version = locked_version("wasm-bindgen")?;
    let bindgen = wasm_bindgen();
    let installed = output(Command::new(&bindgen).arg("--version")).unwrap_or_default();
    if installed.split_whitespace().nth(1) != Some(version.as_str()) {
        eprintln!("installing wasm-bindgen-cli {version} (a few minutes, once per machine)");
        // Without --locked: the CLI's own lock file pins a yanked crate.
        run(cargo()
            .args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                &version,
                "--root",
            ])
            .arg(tools_dir()))?;
    }
    if release && output(Command::new(wasm_opt()).arg("--version")).is_none() {
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(tools_dir().join("npm"))
            .arg(BINARYEN))?;
    }
    Ok(())
}

pub fn wasm_bindgen() -> PathBuf {
    tools_dir().join("bin").join("wasm-bindgen")
}

/// npm's binaryen: Debian's wasm-opt 108 produces a bundle Chromium rejects.
pub fn wasm_opt() -> PathBuf {
    tools_dir()
        .join("npm")
        .join("node_modules")
        .join(".bin")
        .join("wasm-opt")
}

/// Chromium, PostgreSQL and Python from Debian; Playwright's driver library, ical.js and
/// axe-core from npm.
pub fn test_tools() -> Result {
    let mut packages = Vec::new();
    if !have("chromium") {
        packages.push("chromium");
    }
    if postgres_bin_dir().is_none() {
        packages.push("postgresql");
    }
    if !have("node") || !have("npm") {
        packages.extend(["nodejs", "npm"]);
    }
    // Debian's python3 makes virtual environments only with python3-venv (ensurepip).
    let venv_ready = output(Command::new("python3").args(["-c", "import ensurepip"])).is_some();
    if !venv_ready {
        packages.extend(["python3", "python3-venv"]);
    }
    if !packages.is_empty() {
        if !is_root() {
            return Err(format!(
                "the tests need these Debian packages: {}; install them (sudo apt-get install {}) and run again",
                packages.join(", "),
                packages.join(" ")
            ));
        }
        run(Command::new("apt-get").args(["update", "-q"]))?;
        run(Command::new("apt-get")
            .env("DEBIAN_FRONTEND", "noninteractive")
            .args(["install", "-y", "-q", "--no-install-recommends"])
            .args(&packages))?;
    }
    let e2e = workspace_root().join("e2e");
    let modules = e2e.join("node_modules");
    let packages = ["playwright-core", "ical.js", "axe-core"];
    if packages.iter().any(|p| !modules.join(p).exists()) {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&e2e))?;
    }
    Ok(())
}

/// python `icalendar` and `vobject`, pinned, in a virtual environment of their own: the second
/// client exported calendars must parse in (the first is ical.js, in e2e/), and the one
/// exported vCards must parse in.
const PYTHON_ICALENDAR: &str = "icalendar==7.3.0";
const PYTHON_VOBJECT: &str = "vobject==0.9.9";

/// The Python that has `icalendar` and `vobject`; made on first use.
pub fn interop_python() -> Result<PathBuf> {
    python_venv(
        "python",
        "icalendar, vobject",
        &[PYTHON_ICALENDAR, PYTHON_VOBJECT],
    )
}

/// The Python of the virtual environment `name` under the tools directory, where `import`
/// works: made and filled with the pinned `packages` from PyPI on first use.
pub fn python_venv(name: &str, import: &str, packages: &[&str]) -> Result<PathBuf> {
    let venv = tools_dir().join(name);
    let python = venv.join("bin").join("python");
    let check = Command::new(&python)
        .args(["-c", &format!("import {import}")])
        .stderr(std::process::Stdio::null())
        .status();
    if check.is_ok_and(|s| s.success()) {
        return Ok(python);
    }
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(&python)
        .args(["-m", "pip", "install", "-q", "--disable-pip-version-check"])
        .args(packages))?;
    Ok(python)
}

/// Where Debian put PostgreSQL's server binaries (`/usr/lib/postgresql/<major>/bin`).
pub fn postgres_bin_dir() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    dirs.sort();
    dirs.pop()
}

/// A package's version as Cargo.lock pins it.
fn locked_version(package: &str) -> Result<String> {
    let lock = std::fs::read_to_string(workspace_root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_owned());
            }
        }
    }
    Err(format!("{package} is not in Cargo.lock"))
}
