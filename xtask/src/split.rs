//! Splits the app's wasm at its `#[lazy]` functions, so each app's code is fetched the first time
//! it is shown instead of with the first page (the initial bundle budget of DESIGN.md section 8).

use crate::util::Result;
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// The link module's name, as Leptos' `HydrationScripts` looks for it.
const LINK_NAME: &str = "./__wasm_split.______________________.js";

/// Writes the chunks and their loader into `pkg` and returns the main module, which still has
/// to go through wasm-bindgen.
pub fn split(wasm: &Path, pkg: &Path) -> Result<PathBuf> {
    let input = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let main = wasm.with_file_name("app_split.wasm");
    let mut options = wasm_split_cli_support::Options::new(&input);
    options.output_dir = pkg;
    options.main_out_path = &main;
    options.main_module = "./app.js";
    options.link_name = LINK_NAME;
    let split =
        wasm_split_cli_support::transform(options).map_err(|e| format!("wasm split: {e:#}"))?;
    std::fs::write(
        pkg.join("__wasm_split_manifest.json"),
        manifest(&split.prefetch_map),
    )
    .map_err(|e| format!("split manifest: {e}"))?;
    Ok(main)
}

/// The chunks each lazy function needs, as JSON; the names are file stems the splitter made
/// (letters, digits, `_`), so they need no escaping.
fn manifest(map: &HashMap<String, Vec<String>>) -> String {
    let mut names: Vec<&String> = map.keys().collect();
    names.sort();
    let mut json = String::from("{");
    for (i, name) in names.into_iter().enumerate() {
        let chunks: Vec<String> = map[name].iter().map(|c| format!("\"{c}\"")).collect();
        let _ = write!(
            json,
            "{}\"{name}\":[{}]",
            if i > 0 { "," } else { "" },
            chunks.join(",")
        );
    }
    json.push('}');
    json
}
