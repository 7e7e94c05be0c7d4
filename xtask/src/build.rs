//! Builds the server binary and the front end (wasm + js + css + public files) into
//! `<target>/site`, precompressed, with a build id naming this exact front end.

use crate::setup::{self, wasm_bindgen, wasm_opt};
use crate::util::{cargo, run as run_cmd, site_dir, target_dir, workspace_root, Result};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Built {
    pub server: PathBuf,
    pub site: PathBuf,
    /// `site/pkg/{build id}`: the wasm chunks, js and css of this build.
    pub pkg: PathBuf,
}

pub fn build(release: bool) -> Result<Built> {
    let mut server = cargo();
    server.args(["build", "-p", "server"]);
    if release {
        server.arg("--release");
    }
    run_cmd(&mut server)?;

    let profile = if release { "wasm-release" } else { "dev" };
    run_cmd(cargo().args([
        "build",
        "-p",
        "app",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--no-default-features",
        "--features",
        "hydrate",
        "--profile",
        profile,
    ]))?;
    let profile_dir = if release { "wasm-release" } else { "debug" };
    let wasm = target_dir()
        .join("wasm32-unknown-unknown")
        .join(profile_dir)
        .join("app.wasm");

    let site = site_dir();
    // Named after its build id once complete; Leptos reads the split manifest from there.
    let pkg = site.join("pkg").join("next");
    if site.exists() {
        std::fs::remove_dir_all(&site).map_err(|e| format!("clean {}: {e}", site.display()))?;
    }
    std::fs::create_dir_all(&pkg).map_err(|e| format!("create {}: {e}", pkg.display()))?;
    let main = crate::split::split(&wasm, &pkg)?;
    // The split modules import the main module's functions by their linker names.
    run_cmd(
        Command::new(wasm_bindgen())
            .args([
                "--target",
                "web",
                "--no-typescript",
                "--keep-lld-exports",
                "--no-demangle",
                "--out-name",
                "app",
                "--out-dir",
            ])
            .arg(&pkg)
            .arg(&main),
    )?;
    if release {
        for bundle in files_with_extension(&pkg, "wasm")? {
            run_cmd(
                Command::new(wasm_opt())
                    .args([
                        "-Oz",
                        "--enable-bulk-memory",
                        "--enable-nontrapping-float-to-int",
                        "-o",
                    ])
                    .arg(&bundle)
                    .arg(&bundle),
            )?;
        }
    }
    write_css(&pkg.join("ksuite.css"))?;
    copy_dir(&workspace_root().join("public"), &site)?;
    let id = build_id(&pkg)?;
    precompress(&pkg, release)?;
    let named = site.join("pkg").join(&id);
    std::fs::rename(&pkg, &named).map_err(|e| format!("{}: {e}", named.display()))?;
    std::fs::write(site.join("build_id"), &id).map_err(|e| format!("write build id: {e}"))?;
    precompress(&site.join("icons"), release)?;
    eprintln!("front end {id} built in {}", site.display());

    let server = target_dir()
        .join(if release { "release" } else { "debug" })
        .join("ksuite");
    Ok(Built {
        server,
        site,
        pkg: named,
    })
}

/// `cargo xtask run`: the app with demo data on http://127.0.0.1:3000, data in ./data.
pub fn run(release: bool) -> Result {
    setup::build_tools(release)?;
    let built = build(release)?;
    let data = workspace_root().join("data");
    run_cmd(
        Command::new(&built.server)
            .args(["serve", "--demo", "--addr", "127.0.0.1:3000", "--data-dir"])
            .arg(&data)
            .arg("--site-root")
            .arg(&built.site),
    )
}

/// Builds release and runs the named benchmark ("shell", "calendar"), or all of them.
pub fn bench(which: Option<&str>) -> Result {
    setup::build_tools(true)?;
    let built = build(true)?;
    if which.is_none_or(|w| w == "shell") {
        crate::bench::shell(&built)?;
    }
    if which.is_none_or(|w| w == "calendar") {
        crate::bench_calendar::calendar(&built)?;
    }
    if which.is_none_or(|w| w == "contacts") {
        crate::bench_contacts::contacts(&built)?;
    }
    if which.is_none_or(|w| w == "mail") {
        crate::bench_mail::mail(&built)?;
    }
    Ok(())
}

/// All CSS files of `style/`, in name order, as one stylesheet.
fn write_css(target: &Path) -> Result {
    let mut css = String::new();
    for file in files_with_extension(&workspace_root().join("style"), "css")? {
        css.push_str(
            &std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?,
        );
        css.push('\n');
    }
    std::fs::write(target, css).map_err(|e| format!("{}: {e}", target.display()))
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)
                .map_err(|e| format!("{}: {e}", target.display()))?;
        }
    }
    Ok(())
}

/// The files of `dir` whose name ends in `.{extension}`, in name order.
fn files_with_extension(dir: &Path, extension: &str) -> Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == extension))
        .collect();
    files.sort();
    Ok(files)
}

/// FNV-1a over the bundle's files: changes whenever any wasm chunk, js or css changes.
fn build_id(pkg: &Path) -> Result<String> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut files = files_with_extension(pkg, "wasm")?;
    files.extend(files_with_extension(pkg, "js")?);
    files.push(pkg.join("ksuite.css"));
    for file in files {
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        for byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    Ok(format!("{:012x}", hash & 0xffff_ffff_ffff))
}

/// Writes `.br` and `.gz` beside each compressible file, for the server to send as they are.
fn precompress(dir: &Path, release: bool) -> Result {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    let (br_quality, gz_level) = if release { (11, 9) } else { (4, 3) };
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let compressible = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| matches!(e, "js" | "wasm" | "css" | "svg" | "json" | "webmanifest"));
        if !compressible {
            continue;
        }
        let data = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut br = Vec::new();
        let params = brotli::enc::BrotliEncoderParams {
            quality: br_quality,
            ..Default::default()
        };
        brotli::BrotliCompress(&mut data.as_slice(), &mut br, &params)
            .map_err(|e| e.to_string())?;
        std::fs::write(with_suffix(&path, "br"), br).map_err(|e| e.to_string())?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(gz_level));
        gz.write_all(&data).map_err(|e| e.to_string())?;
        std::fs::write(
            with_suffix(&path, "gz"),
            gz.finish().map_err(|e| e.to_string())?,
        )
        .map_err(|e| e.to_string())?;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}
