//! `cargo xtask split`: trunk's post-build hook (Trunk.toml) that cuts the app's wasm into the
//! module the page loads first and the chunks it loads on demand.
//!
//! The app is built with the `split` feature (index.html), so the functions of
//! `src/ui/lazy.rs` are Leptos `#[lazy]` split points, and linked with `--emit-relocs`
//! (build.rs). Trunk has run wasm-bindgen and wasm-opt on the whole wasm; this hook redoes that
//! part on the split one: `wasm-split-cli` (crates.io `wasm_split_cli_support`, the splitter
//! made for `wasm_split_helpers`, which Leptos' `#[lazy]` uses) cuts cargo's wasm into a main
//! module, one chunk per split point (and chunks of code several split points share) and the
//! JavaScript that fetches them; then wasm-bindgen makes the main module's JavaScript, wasm-opt
//! optimises each wasm, and everything replaces trunk's app files in the staging directory.
//! The chunks and their loader get names with a hash of their contents, so a browser never
//! pairs a cached chunk with a newer app; every URL is relative to the loader, so the site
//! still works from any base path.

use std::path::{Path, PathBuf};

use crate::shell::{Error, Result, Shell, target_dir};
use crate::tools;

/// The file the splitter writes for the main module's imports (its `link_name`).
const LOADER: &str = "__wasm_split.js";

/// The hook's work, in the staging directory trunk names in `TRUNK_STAGING_DIR`.
pub fn split(root: &Path) -> Result<()> {
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| {
            Error::new(
                "`cargo xtask split` is trunk's post-build hook: TRUNK_STAGING_DIR is not set",
            )
        })?;
    let release = std::env::var("TRUNK_PROFILE").is_ok_and(|profile| profile == "release");
    let shell = Shell::new(root, &tools::tool_directories(root))?;
    let splitter = tools::ensure_wasm_split(&shell)?;
    // Cargo's output for the app: index.html builds releases with the `wasm-release` profile.
    let profile = if release { "wasm-release" } else { "debug" };
    let input = target_dir(root)
        .join(tools::WASM_TARGET)
        .join(profile)
        .join("app.wasm");
    let stem = app_stem(&staging)?;
    let work = target_dir(root).join("xtask-split").join(profile);
    if work.exists() {
        std::fs::remove_dir_all(&work)?;
    }
    let split_dir = work.join("split");
    let bindgen_dir = work.join("bindgen");
    std::fs::create_dir_all(&split_dir)?;
    std::fs::create_dir_all(&bindgen_dir)?;

    shell.run(&mut shell.command(
        &splitter.to_string_lossy(),
        &[
            &input.to_string_lossy(),
            &split_dir.to_string_lossy(),
            "--target",
            "web",
            "--out-name",
            &stem,
        ],
    ))?;
    let main = split_dir.join(format!("{stem}.wasm"));
    shell.run(&mut shell.command(
        "wasm-bindgen",
        &[
            "--target=web",
            &format!("--out-dir={}", bindgen_dir.display()),
            &format!("--out-name={stem}"),
            "--no-typescript",
            // The chunks use the main module's function table, which wasm-bindgen would
            // otherwise stop exporting.
            "--keep-lld-exports",
            &main.to_string_lossy(),
        ],
    ))?;
    optimise(
        &shell,
        release,
        &bindgen_dir.join(format!("{stem}_bg.wasm")),
        &staging.join(format!("{stem}_bg.wasm")),
    )?;

    // The chunks, renamed with a hash of their contents; the loader names them.
    let mut loader = std::fs::read_to_string(split_dir.join(LOADER))?;
    let mut chunks = Vec::new();
    for entry in std::fs::read_dir(&split_dir)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if name.ends_with(".wasm") && name != format!("{stem}.wasm") {
            chunks.push(name);
        }
    }
    chunks.sort();
    for chunk in &chunks {
        let optimised = work.join(chunk);
        optimise(&shell, release, &split_dir.join(chunk), &optimised)?;
        let bytes = std::fs::read(&optimised)?;
        let base = chunk.trim_end_matches(".wasm");
        let hashed = format!("{base}-{:016x}.wasm", fnv1a(&bytes));
        let quoted = format!("\"./{chunk}\"");
        if !loader.contains(&quoted) {
            return Err(Error::new(format!(
                "{LOADER} from wasm-split-cli does not fetch {quoted}"
            )));
        }
        loader = loader.replace(&quoted, &format!("\"./{hashed}\""));
        std::fs::write(staging.join(&hashed), bytes)?;
    }
    let loader_name = format!("__wasm_split-{:016x}.js", fnv1a(loader.as_bytes()));
    std::fs::write(staging.join(&loader_name), &loader)?;

    // The main module's JavaScript, importing the loader under its new name (the key of its
    // imports object stays the wasm's import module name).
    let script = std::fs::read_to_string(bindgen_dir.join(format!("{stem}.js")))?;
    let import = format!("from \"./{LOADER}\"");
    if !chunks.is_empty() && !script.contains(&import) {
        return Err(Error::new(format!(
            "wasm-bindgen's {stem}.js does not import {import}"
        )));
    }
    let script = script.replace(&import, &format!("from \"./{loader_name}\""));
    std::fs::write(staging.join(format!("{stem}.js")), script)?;
    println!(
        "split: {stem}_bg.wasm loads first; {} on demand: {}",
        chunks.len(),
        chunks.join(", ")
    );

    // Last, once every file of the site is in place: the service worker that keeps them all.
    let template = std::fs::read_to_string(root.join(SERVICE_WORKER_TEMPLATE))?;
    let worker = if release {
        let files = site_files(&staging)?;
        println!(
            "split: service-worker.js keeps the site's {} files for offline use",
            files.len()
        );
        service_worker(&template, &files)?
    } else {
        DEVELOPMENT_WORKER.to_string()
    };
    std::fs::write(staging.join(SERVICE_WORKER), worker)?;
    Ok(())
}

/// The service worker's template (its `{{VERSION}}` and `{{FILES}}` filled in by
/// `service_worker`), and the name it is written under in the site.
const SERVICE_WORKER_TEMPLATE: &str = "pwa/service-worker.js";
const SERVICE_WORKER: &str = "service-worker.js";

/// A development build's service worker: it removes any release build's worker installed from
/// the same address, so that `trunk serve --dev` never serves an older build from a cache.
const DEVELOPMENT_WORKER: &str = "\
// A development build keeps nothing offline: this worker removes any release build's worker
// installed from this address, whose cache would otherwise serve an older build.
self.addEventListener(\"install\", () => self.skipWaiting());
self.addEventListener(\"activate\", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(\"funnelcast-\")).map((name) => caches.delete(name))))
      .then(() => self.registration.unregister()),
  );
});
";

/// Every file of the site under `staging` but the service worker itself, as paths relative to
/// it with `/` between folders, sorted, each with its contents.
fn site_files(staging: &Path) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    let mut folders = vec![staging.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(staging)
                .map_err(|error| Error::new(error.to_string()))?
                .components()
                .map(|part| part.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            if relative != SERVICE_WORKER {
                files.push((relative, std::fs::read(&path)?));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// The service worker for `files`: the template with the list of their paths and a version
/// that changes whenever any file's name or contents do (so a browser sees a new release).
fn service_worker(template: &str, files: &[(String, Vec<u8>)]) -> Result<String> {
    const VERSION: &str = "{{VERSION}}";
    const FILES: &str = "/* {{FILES}} */";
    if !template.contains(VERSION) || !template.contains(FILES) {
        return Err(Error::new(format!(
            "{SERVICE_WORKER_TEMPLATE} has lost its {VERSION} or {FILES}"
        )));
    }
    let mut everything = Vec::new();
    for (name, bytes) in files {
        everything.extend_from_slice(name.as_bytes());
        everything.push(0);
        everything.extend_from_slice(&(bytes.len() as u64).to_le_bytes());
        everything.extend_from_slice(bytes);
    }
    let list = files
        .iter()
        .map(|(name, _)| {
            if name.contains(['"', '\\', '\n']) {
                Err(Error::new(format!("a site file is named {name:?}")))
            } else {
                Ok(format!("\"{name}\""))
            }
        })
        .collect::<Result<Vec<_>>>()?
        .join(", ");
    Ok(template
        .replace(VERSION, &format!("{:016x}", fnv1a(&everything)))
        .replace(FILES, &list))
}

/// `app-<hash>` from the `app-<hash>.js` trunk wrote into the staging directory.
fn app_stem(staging: &Path) -> Result<String> {
    let mut stems = Vec::new();
    for entry in std::fs::read_dir(staging)? {
        let name = entry?.file_name().to_string_lossy().into_owned();
        if let Some(stem) = name.strip_suffix(".js")
            && stem.starts_with("app-")
            && staging.join(format!("{stem}_bg.wasm")).is_file()
        {
            stems.push(stem.to_string());
        }
    }
    match stems.as_slice() {
        [stem] => Ok(stem.clone()),
        _ => Err(Error::new(format!(
            "expected one app-<hash>.js with its _bg.wasm in {}, found {stems:?}",
            staging.display()
        ))),
    }
}

/// `wasm-opt -Oz` as trunk runs it on the app (index.html's `data-wasm-opt="z"`) in a release
/// build; a copy in a development build (trunk does not optimise those either).
fn optimise(shell: &Shell, release: bool, from: &Path, to: &Path) -> Result<()> {
    if !release {
        std::fs::copy(from, to)?;
        return Ok(());
    }
    shell.run(&mut shell.command(
        "wasm-opt",
        &[
            &format!("--output={}", to.display()),
            "-Oz",
            &from.to_string_lossy(),
        ],
    ))
}

/// The 64-bit FNV-1a hash: names that change with the contents (not a security measure).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::{fnv1a, service_worker};

    const TEMPLATE: &str = "const VERSION = \"{{VERSION}}\";\nconst FILES = [/* {{FILES}} */];\n";

    fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        list.iter()
            .map(|(name, body)| (name.to_string(), body.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn the_service_worker_lists_every_file_and_its_version_follows_them() {
        let site = files(&[("index.html", "<html>"), ("i18n/ru.ftl", "a = b")]);
        let worker = service_worker(TEMPLATE, &site).expect("fills in");
        assert!(
            worker.contains("const FILES = [\"index.html\", \"i18n/ru.ftl\"];"),
            "{worker}"
        );
        let version = |text: &str| text.lines().next().unwrap_or_default().to_string();
        // Same files, same version; a changed byte, a renamed file or one more file, another.
        assert_eq!(
            version(&service_worker(TEMPLATE, &site).unwrap()),
            version(&worker)
        );
        for other in [
            files(&[("index.html", "<html!"), ("i18n/ru.ftl", "a = b")]),
            files(&[("index.htm", "<html>"), ("i18n/ru.ftl", "a = b")]),
            files(&[
                ("index.html", "<html>"),
                ("i18n/ru.ftl", "a = b"),
                ("x.js", ""),
            ]),
            // The boundary between a name and its contents counts too.
            files(&[("index.html", "<html>i"), ("18n/ru.ftl", "a = b")]),
        ] {
            assert_ne!(
                version(&service_worker(TEMPLATE, &other).unwrap()),
                version(&worker)
            );
        }
        assert!(!worker.contains("{{"), "{worker}");
    }

    #[test]
    fn a_template_without_its_marks_or_a_strange_file_name_is_an_error() {
        assert!(service_worker("const FILES = [];", &[]).is_err());
        assert!(service_worker(TEMPLATE, &files(&[("a\"b.js", "")])).is_err());
    }

    #[test]
    fn the_committed_template_has_its_marks() {
        let template = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../pwa/service-worker.js"),
        )
        .expect("pwa/service-worker.js");
        assert!(service_worker(&template, &files(&[("index.html", "")])).is_ok());
    }

    #[test]
    fn hashes_as_fnv1a_does() {
        // The published test vectors of FNV-1a 64.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
