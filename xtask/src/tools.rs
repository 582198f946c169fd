//! Install steps: each checks whether its tool is there at the right version, says so, and
//! installs it from a package registry only when it is missing or at another version.
//!
//! Versions live in one place each: trunk and binaryen below, wasm-bindgen in Cargo.lock
//! (which Cargo.toml pins with `=`), so the CLI, the test runner and the crate cannot drift.

use std::path::{Path, PathBuf};

use crate::shell::{Error, Result, Shell, target_dir};

/// The trunk release known to work with this machine's rustc (0.22 needs a newer one).
pub const TRUNK_VERSION: &str = "0.21.14";
/// binaryen's release on npm; its `wasm-opt` runs under Node. Debian's binaryen (108) builds
/// a wasm that dies on load ("WebAssembly.Table.set(): Argument 1 is invalid for table").
pub const BINARYEN_VERSION: &str = "132";
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
const CHROMIUM: &str = "/usr/bin/chromium";
/// axe-core's release on npm: the accessibility rules the end-to-end tests run in the page
/// (tests/e2e/a11y.rs reads its `axe.min.js`, at `axe_script`).
pub const AXE_CORE_VERSION: &str = "4.14.1";
/// `wasm_split_cli_support` on crates.io: its `wasm-split-cli` cuts the app's wasm at the Leptos
/// `#[lazy]` split points (`cargo xtask split`); 0.2 is the line `wasm_split_helpers` 0.2 (in
/// Cargo.lock, through leptos) speaks to.
pub const WASM_SPLIT_VERSION: &str = "0.2.4";
/// Debian's package of a font with Chinese glyphs: without one, Chromium draws the Chinese UI
/// (and its screenshots) as empty boxes.
const CJK_FONT_PACKAGE: &str = "fonts-noto-cjk";

/// Directories to put first on PATH so that the project's own tools win over others
/// (binaryen's `wasm-opt` before, say, Debian's older one).
pub fn tool_directories(root: &Path) -> Vec<PathBuf> {
    vec![binaryen_directory(root).join("node_modules").join(".bin")]
}

fn binaryen_directory(root: &Path) -> PathBuf {
    target_dir(root)
        .join("xtask-tools")
        .join(format!("binaryen-{BINARYEN_VERSION}"))
}

/// Everything that builds the web app: the wasm32 target, trunk, wasm-bindgen-cli (which
/// also brings wasm-bindgen-test-runner) and wasm-opt.
pub fn ensure_web_tools(shell: &Shell) -> Result<()> {
    ensure_wasm_target(shell)?;
    ensure_trunk(shell)?;
    ensure_wasm_bindgen(shell)?;
    ensure_wasm_opt(shell)?;
    ensure_wasm_split(shell).map(|_| ())
}

/// What builds the npm package (`cargo xtask pkg`): the wasm32 target, wasm-bindgen-cli and
/// wasm-opt (no trunk: the package is no site).
pub fn ensure_package_tools(shell: &Shell) -> Result<()> {
    ensure_wasm_target(shell)?;
    ensure_wasm_bindgen(shell)?;
    ensure_wasm_opt(shell)
}

/// `wasm-split-cli`, built from crates.io into `target/xtask-tools/` (its own root, so the
/// version is in the path); returns its path.
pub fn ensure_wasm_split(shell: &Shell) -> Result<PathBuf> {
    let root = target_dir(shell.root())
        .join("xtask-tools")
        .join(format!("wasm-split-{WASM_SPLIT_VERSION}"));
    let binary = root.join("bin").join("wasm-split-cli");
    if binary.is_file() {
        println!("install: wasm-split-cli {WASM_SPLIT_VERSION}: already installed");
        return Ok(binary);
    }
    println!(
        "install: wasm-split-cli {WASM_SPLIT_VERSION}: missing, building crates.io \
         wasm_split_cli_support into {} (about 4 minutes on 2 cores)",
        root.display()
    );
    let root_text = root.to_string_lossy().into_owned();
    shell.run(&mut shell.command(
        "cargo",
        &[
            "install",
            "wasm_split_cli_support",
            "--version",
            WASM_SPLIT_VERSION,
            "--features",
            "build-binary",
            "--locked",
            "--root",
            &root_text,
        ],
    ))?;
    if binary.is_file() {
        Ok(binary)
    } else {
        Err(Error::new(format!(
            "cargo install wasm_split_cli_support left no {}",
            binary.display()
        )))
    }
}

fn ensure_wasm_target(shell: &Shell) -> Result<()> {
    let installed = shell
        .output("rustup", &["target", "list", "--installed"])
        .unwrap_or_default();
    if installed.lines().any(|line| line.trim() == WASM_TARGET) {
        println!("install: rust target {WASM_TARGET}: already installed");
        return Ok(());
    }
    println!("install: rust target {WASM_TARGET}: missing, adding it with rustup");
    shell.run(&mut shell.command("rustup", &["target", "add", WASM_TARGET]))
}

fn ensure_trunk(shell: &Shell) -> Result<()> {
    let found = shell.output("trunk", &["--version"]);
    if let Some(version) = &found
        && version.split_whitespace().nth(1) == Some(TRUNK_VERSION)
    {
        println!("install: trunk {TRUNK_VERSION}: already installed");
        return Ok(());
    }
    println!(
        "install: trunk {TRUNK_VERSION}: {}, building it from crates.io (about 10 minutes on 2 cores)",
        describe_found(found.as_deref())
    );
    let mut command = shell.command(
        "cargo",
        &[
            "install",
            "trunk",
            "--version",
            TRUNK_VERSION,
            "--locked",
            "--force",
        ],
    );
    command.env("TRUNK_SKIP_VERSION_CHECK", "true");
    shell.run(&mut command)?;
    check_version(shell, "trunk", TRUNK_VERSION, 1)
}

fn ensure_wasm_bindgen(shell: &Shell) -> Result<()> {
    let version = wasm_bindgen_version(shell)?;
    check_trunk_pin(shell.root(), &version)?;
    let cli = shell.output("wasm-bindgen", &["--version"]);
    let runner = shell.output("wasm-bindgen-test-runner", &["--version"]);
    let matches = |found: &Option<String>| {
        found
            .as_deref()
            .and_then(|text| text.split_whitespace().nth(1))
            == Some(version.as_str())
    };
    if matches(&cli) && matches(&runner) {
        println!("install: wasm-bindgen-cli {version} (as in Cargo.lock): already installed");
        return Ok(());
    }
    println!(
        "install: wasm-bindgen-cli {version} (as in Cargo.lock): {}, building it from crates.io \
         (about 4 minutes on 2 cores)",
        describe_found(cli.as_deref())
    );
    // No `--locked`: the CLI's own lock file pins a crate version the registry no longer
    // serves, so a locked install fails at once.
    shell.run(&mut shell.command(
        "cargo",
        &[
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--force",
        ],
    ))?;
    check_version(shell, "wasm-bindgen", &version, 1)?;
    check_version(shell, "wasm-bindgen-test-runner", &version, 1)
}

fn ensure_wasm_opt(shell: &Shell) -> Result<()> {
    let wanted = format!("version_{BINARYEN_VERSION}");
    let found = shell.output("wasm-opt", &["--version"]);
    if found.as_deref().map(wasm_opt_version) == Some(Some(wanted.clone())) {
        println!("install: wasm-opt {wanted} (npm binaryen@{BINARYEN_VERSION}): already installed");
        return Ok(());
    }
    println!(
        "install: wasm-opt {wanted}: {}, installing npm binaryen@{BINARYEN_VERSION} into {}",
        describe_found(found.as_deref()),
        binaryen_directory(shell.root()).display()
    );
    npm_install(
        shell,
        &binaryen_directory(shell.root()),
        &format!("binaryen@{BINARYEN_VERSION}"),
    )?;
    let found = shell.output("wasm-opt", &["--version"]);
    if found.as_deref().map(wasm_opt_version) == Some(Some(wanted.clone())) {
        Ok(())
    } else {
        Err(Error::new(format!(
            "after installing binaryen@{BINARYEN_VERSION}, `wasm-opt --version` says {}",
            describe_found(found.as_deref())
        )))
    }
}

/// `npm install package` into `directory` (its own `node_modules`), installing Debian's npm
/// first when there is none.
fn npm_install(shell: &Shell, directory: &Path, package: &str) -> Result<()> {
    if shell.which("npm").is_none() {
        println!("install: npm: missing, installing Debian's nodejs and npm");
        apt_install(shell, &["nodejs", "npm"])?;
    }
    std::fs::create_dir_all(directory)?;
    let prefix = directory.to_string_lossy().into_owned();
    shell.run(&mut shell.command(
        "npm",
        &[
            "install",
            "--prefix",
            &prefix,
            "--no-audit",
            "--no-fund",
            "--no-save",
            package,
        ],
    ))
}

fn axe_directory(root: &Path) -> PathBuf {
    target_dir(root)
        .join("xtask-tools")
        .join(format!("axe-core-{AXE_CORE_VERSION}"))
}

/// Where `ensure_axe` puts axe-core's script: the end-to-end tests inject it into the page
/// (`cargo xtask test` passes it as `FUNNELCAST_AXE_JS`).
pub fn axe_script(root: &Path) -> PathBuf {
    axe_directory(root)
        .join("node_modules")
        .join("axe-core")
        .join("axe.min.js")
}

/// The `"version"` of a package.json's text.
fn package_version(package_json: &str) -> Option<&str> {
    package_json.lines().find_map(|line| {
        let value = line
            .trim()
            .strip_prefix("\"version\"")?
            .trim_start()
            .strip_prefix(':')?
            .trim()
            .trim_end_matches(',')
            .trim_end();
        value.strip_prefix('"')?.strip_suffix('"')
    })
}

/// axe-core from npm, into `target/xtask-tools/` (as binaryen): the accessibility checks of the
/// end-to-end tests.
fn ensure_axe(shell: &Shell) -> Result<()> {
    let directory = axe_directory(shell.root());
    let installed = |directory: &Path| {
        let manifest = directory
            .join("node_modules")
            .join("axe-core")
            .join("package.json");
        std::fs::read_to_string(manifest)
            .ok()
            .and_then(|text| package_version(&text).map(str::to_string))
    };
    let script = axe_script(shell.root());
    if installed(&directory).as_deref() == Some(AXE_CORE_VERSION) && script.is_file() {
        println!("install: axe-core {AXE_CORE_VERSION} (npm): already installed");
        return Ok(());
    }
    println!(
        "install: axe-core {AXE_CORE_VERSION}: missing, installing npm axe-core@{AXE_CORE_VERSION} \
         into {}",
        directory.display()
    );
    npm_install(shell, &directory, &format!("axe-core@{AXE_CORE_VERSION}"))?;
    match installed(&directory) {
        Some(version) if version == AXE_CORE_VERSION && script.is_file() => Ok(()),
        found => Err(Error::new(format!(
            "after installing axe-core@{AXE_CORE_VERSION}, {} holds {}",
            directory.display(),
            match found {
                Some(version) => format!("axe-core {version}"),
                None => "no axe-core".to_string(),
            }
        ))),
    }
}

/// Whether fontconfig knows a font covering Chinese (`fc-list :lang=zh` lists one).
fn has_cjk_font(shell: &Shell) -> bool {
    shell
        .output("fc-list", &[":lang=zh", "family"])
        .is_some_and(|families| families.lines().any(|line| !line.trim().is_empty()))
}

/// A font with Chinese glyphs, from Debian, when fontconfig has none: the Chinese UI and its
/// screenshots need one (the end-to-end tests check that its glyphs are not empty boxes).
fn ensure_cjk_font(shell: &Shell) -> Result<()> {
    if has_cjk_font(shell) {
        println!("install: a font covering Chinese: already installed");
        return Ok(());
    }
    println!(
        "install: a font covering Chinese: missing (`fc-list :lang=zh` lists none), installing \
         Debian's {CJK_FONT_PACKAGE}"
    );
    apt_install(shell, &[CJK_FONT_PACKAGE])?;
    if has_cjk_font(shell) {
        Ok(())
    } else {
        Err(Error::new(format!(
            "`fc-list :lang=zh` lists no font after installing {CJK_FONT_PACKAGE}"
        )))
    }
}

/// What the end-to-end tests need besides the browser: a font for the Chinese UI and
/// axe-core. When one cannot be installed, a `required` install is an error; otherwise the
/// task goes on and says so (the tests that need it then fail, saying what is missing).
pub fn ensure_browser_test_tools(shell: &Shell, required: bool) -> Result<()> {
    for (what, result) in [
        ("a font covering Chinese", ensure_cjk_font(shell)),
        ("axe-core", ensure_axe(shell)),
    ] {
        match result {
            Ok(()) => {}
            Err(error) if required => return Err(error),
            Err(error) => println!(
                "\n**********************************************************************\n\
                 install: {what} could not be installed ({error}): the browser tests that \
                 need it will FAIL.\n\
                 **********************************************************************"
            ),
        }
    }
    Ok(())
}

/// Whether the browser tests can run.
pub enum Browser {
    /// Chromium is installed; the path of ChromeDriver, for the test runners.
    Ready(PathBuf),
    /// Chromium or ChromeDriver is missing and could not be installed: why.
    Missing(String),
}

/// Chromium and ChromeDriver from Debian, for the wasm tests and the end-to-end tests.
///
/// When they are missing and cannot be installed (not Debian, not root, no network), a
/// `required` browser is an error; otherwise the answer is `Browser::Missing`, and the task
/// says in its summary that the browser tests were skipped.
pub fn ensure_browser(shell: &Shell, required: bool) -> Result<Browser> {
    match install_browser(shell) {
        Ok(chromedriver) => Ok(Browser::Ready(chromedriver)),
        Err(error) if required => Err(error),
        Err(error) => {
            println!(
                "\n**********************************************************************\n\
                 install: no browser ({error}): the browser tests will be SKIPPED.\n\
                 Under CI=true this is a failure.\n\
                 **********************************************************************"
            );
            Ok(Browser::Missing(error.to_string()))
        }
    }
}

fn install_browser(shell: &Shell) -> Result<PathBuf> {
    let has_chromium = Path::new(CHROMIUM).is_file();
    let has_driver = shell.which("chromedriver").is_some();
    if has_chromium && has_driver {
        let version = shell.output(CHROMIUM, &["--version"]).unwrap_or_default();
        println!(
            "install: chromium and chromedriver: already installed ({})",
            version.trim()
        );
        return chromedriver(shell);
    }
    println!(
        "install: chromium and chromedriver: missing ({}), installing Debian's packages",
        match (has_chromium, has_driver) {
            (false, false) => "both",
            (false, true) => "chromium",
            _ => "chromedriver",
        }
    );
    apt_install(shell, &["chromium", "chromium-driver"])?;
    if !Path::new(CHROMIUM).is_file() {
        return Err(Error::new(format!(
            "{CHROMIUM} is still missing after installing it"
        )));
    }
    chromedriver(shell)
}

/// Path of ChromeDriver, for the test runners.
pub fn chromedriver(shell: &Shell) -> Result<PathBuf> {
    shell
        .which("chromedriver")
        .ok_or_else(|| Error::new("chromedriver is not on PATH"))
}

fn apt_install(shell: &Shell, packages: &[&str]) -> Result<()> {
    shell.run(&mut shell.command("apt-get", &["update"]))?;
    // With the recommended packages, as in the recipe seen working here: Chromium's
    // recommends bring the fonts (fonts-liberation) that pages and screenshots use.
    let mut arguments = vec!["install", "-y"];
    arguments.extend_from_slice(packages);
    let mut command = shell.command("apt-get", &arguments);
    command.env("DEBIAN_FRONTEND", "noninteractive");
    shell.run(&mut command)
}

/// The wasm-bindgen version the crate is built with, read from Cargo.lock (refreshed first,
/// so that it reflects Cargo.toml).
pub fn wasm_bindgen_version(shell: &Shell) -> Result<String> {
    let mut command = shell.command("cargo", &["metadata", "--format-version", "1", "--quiet"]);
    command.stdout(std::process::Stdio::null());
    shell.run(&mut command)?;
    let lock_path = shell.root().join("Cargo.lock");
    let lock = std::fs::read_to_string(&lock_path)
        .map_err(|error| Error::new(format!("cannot read {}: {error}", lock_path.display())))?;
    locked_version(&lock, "wasm-bindgen")
        .ok_or_else(|| Error::new("Cargo.lock has no wasm-bindgen package"))
}

/// Trunk.toml pins wasm-bindgen too (so a plain `trunk serve` uses the local binary rather
/// than trying a download); it must agree with Cargo.lock.
fn check_trunk_pin(root: &Path, locked: &str) -> Result<()> {
    let trunk_toml = std::fs::read_to_string(root.join("Trunk.toml"))?;
    let pinned = trunk_toml
        .lines()
        .find_map(|line| toml_string(line, "wasm_bindgen"));
    match pinned {
        Some(pinned) if pinned == locked => Ok(()),
        Some(pinned) => Err(Error::new(format!(
            "Trunk.toml pins wasm_bindgen = \"{pinned}\" but Cargo.lock has wasm-bindgen \
             {locked}: set Trunk.toml's [tools] wasm_bindgen to \"{locked}\""
        ))),
        None => Err(Error::new(format!(
            "Trunk.toml has no [tools] wasm_bindgen pin: add wasm_bindgen = \"{locked}\""
        ))),
    }
}

fn check_version(shell: &Shell, program: &str, wanted: &str, word: usize) -> Result<()> {
    let found = shell.output(program, &["--version"]);
    if found
        .as_deref()
        .and_then(|text| text.split_whitespace().nth(word))
        == Some(wanted)
    {
        Ok(())
    } else {
        Err(Error::new(format!(
            "after installing, `{program} --version` says {} instead of {wanted}",
            describe_found(found.as_deref())
        )))
    }
}

fn describe_found(found: Option<&str>) -> String {
    match found {
        None => "not found".to_string(),
        Some(text) => format!("found `{}`", text.trim()),
    }
}

/// Trunk's reading of `wasm-opt --version` ("wasm-opt version 132 (version_132)"):
/// `version_` followed by the third word.
fn wasm_opt_version(text: &str) -> Option<String> {
    text.split_whitespace()
        .nth(2)
        .map(|number| format!("version_{number}"))
}

/// The version of `name` in a Cargo.lock's text (the first one, should there be several).
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let mut in_named_package = false;
    for line in lock.lines() {
        if line.trim() == "[[package]]" {
            in_named_package = false;
        } else if let Some(package) = toml_string(line, "name") {
            in_named_package = package == name;
        } else if in_named_package && let Some(version) = toml_string(line, "version") {
            return Some(version.to_string());
        }
    }
    None
}

/// The value of a `key = "value"` line, or `None` for any other line.
pub fn toml_string<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let rest = line
        .trim()
        .strip_prefix(key)?
        .trim_start()
        .strip_prefix('=')?
        .trim();
    rest.strip_prefix('"')?.strip_suffix('"')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_locked(lock: &str, name: &str, expected: Option<&str>) {
        assert_eq!(locked_version(lock, name).as_deref(), expected);
    }

    const LOCK: &str = r#"
version = 4

[[package]]
name = "wasm-bindgen-backend"
version = "0.2.130"

[[package]]
name = "wasm-bindgen"
version = "0.2.130"
source = "registry+https://github.com/rust-lang/crates.io-index"
dependencies = [
 "cfg-if",
]
"#;

    #[test]
    fn finds_the_exact_package_not_a_prefix_match() {
        check_locked(LOCK, "wasm-bindgen", Some("0.2.130"));
        check_locked(LOCK, "wasm-bindgen-backend", Some("0.2.130"));
        check_locked(LOCK, "cfg-if", None);
    }

    #[test]
    fn the_lock_file_version_line_is_not_a_package_version() {
        check_locked("version = 4\n", "wasm-bindgen", None);
    }

    #[test]
    fn reads_quoted_values_only() {
        assert_eq!(
            toml_string("wasm_bindgen = \"0.2.130\"", "wasm_bindgen"),
            Some("0.2.130")
        );
        assert_eq!(toml_string("  name=\"trunk\"  ", "name"), Some("trunk"));
        assert_eq!(toml_string("version = 4", "version"), None);
        assert_eq!(toml_string("# wasm_bindgen = \"1\"", "wasm_bindgen"), None);
    }

    #[test]
    fn reads_a_package_json_version() {
        let manifest = "{\n  \"name\": \"axe-core\",\n  \"version\": \"4.14.1\",\n  \"license\": \"MPL-2.0\"\n}";
        assert_eq!(package_version(manifest), Some("4.14.1"));
        assert_eq!(package_version("{ \"name\": \"axe-core\" }"), None);
    }

    #[test]
    fn reads_wasm_opt_versions_as_trunk_does() {
        assert_eq!(
            wasm_opt_version("wasm-opt version 132 (version_132)"),
            Some("version_132".to_string())
        );
        assert_eq!(wasm_opt_version("wasm-opt"), None);
    }
}
