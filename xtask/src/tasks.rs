//! The tasks: serve, test, screenshots, dist, schema and bench, each a sequence of commands
//! after the installs (`pkg` is in `pkg.rs`).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::shell::{Error, Phases, Result, Shell, target_dir};
use crate::tools::{self, Browser, WASM_TARGET};

/// Options of `cargo xtask serve`.
pub struct ServeOptions {
    /// Build with the dev profile (faster builds, slower simulation).
    pub dev: bool,
    pub port: u16,
}

impl ServeOptions {
    /// Reads `[--dev] [--port N]`.
    pub fn parse(options: &[String]) -> Result<ServeOptions> {
        let mut parsed = ServeOptions {
            dev: false,
            port: 8080,
        };
        let mut rest = options.iter();
        while let Some(option) = rest.next() {
            match option.as_str() {
                "--dev" => parsed.dev = true,
                "--port" => {
                    let Some(value) = rest.next() else {
                        return Err(Error::new("--port needs a number, e.g. --port 8080"));
                    };
                    parsed.port = value.parse().map_err(|_| {
                        Error::new(format!(
                            "--port needs a number from 1 to 65535, got `{value}`"
                        ))
                    })?;
                }
                other => return Err(Error::new(format!("`serve` has no option `{other}`"))),
            }
        }
        Ok(parsed)
    }
}

/// Installs the web tools, then builds, watches and serves the app on 127.0.0.1.
pub fn serve(root: &Path, options: &ServeOptions) -> Result<()> {
    let shell = Shell::new(root, &tools::tool_directories(root))?;
    tools::ensure_web_tools(&shell)?;
    let port = options.port.to_string();
    let mut arguments = vec!["serve", "--address", "127.0.0.1", "--port", &port];
    if !options.dev {
        arguments.push("--release");
    }
    println!("\nserving Funnelcast at http://127.0.0.1:{port}/ (Ctrl-C stops)");
    let mut command = trunk(&shell, &arguments);
    shell.run(&mut command)
}

/// Installs everything, then runs every check in order and stops at the first failure.
///
/// Outside CI, a browser that cannot be installed skips the browser tests, and the summary
/// says so; under `CI=true` it is a failure, and so is a run that changes the working tree.
pub fn test(root: &Path) -> Result<()> {
    let shell = Shell::new(root, &tools::tool_directories(root))?;
    let ci = in_ci();
    let tree_before = tree_status(&shell);
    let mut phases = Phases::default();
    let mut summaries = Vec::new();
    let result = run_checks(&shell, ci, &mut phases, &mut summaries)
        .and_then(|()| check_tree_unchanged(&shell, ci, tree_before, &mut summaries));
    phases.print_durations();
    // The test runners' own summary lines close the output, whatever happened before.
    if !summaries.is_empty() {
        println!("\n==> test results");
        for summary in &summaries {
            println!("{summary}");
        }
    }
    result
}

/// `CI=true`, as CI services set it: nothing may be skipped.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| value == "true")
}

fn run_checks(
    shell: &Shell,
    ci: bool,
    phases: &mut Phases,
    summaries: &mut Vec<String>,
) -> Result<()> {
    let browser = phases.run("install missing tools", || {
        tools::ensure_web_tools(shell)?;
        let browser = tools::ensure_browser(shell, ci)?;
        if let Browser::Ready(_) = &browser {
            tools::ensure_browser_test_tools(shell, ci)?;
        }
        Ok(browser)
    })?;

    phases.run("format (cargo fmt --check)", || {
        shell.run(&mut shell.command("cargo", &["fmt", "--all", "--check"]))
    })?;
    phases.run("clippy, native", || {
        shell.run(&mut shell.command(
            "cargo",
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        ))
    })?;
    phases.run("clippy, wasm32", || {
        shell.run(&mut shell.command(
            "cargo",
            &[
                "clippy",
                "--target",
                WASM_TARGET,
                "--lib",
                "--bins",
                "--test",
                "web",
                // The npm package's entry and the `api` it compiles in (the app leaves both out).
                "--features",
                "pkg",
                "--",
                "-D",
                "warnings",
            ],
        ))?;
        // The app as it ships: its split points are Leptos `#[lazy]` functions (index.html).
        shell.run(&mut shell.command(
            "cargo",
            &[
                "clippy",
                "--target",
                WASM_TARGET,
                "--lib",
                "--bins",
                "--features",
                "split",
                "--",
                "-D",
                "warnings",
            ],
        ))
    })?;
    phases.run("native tests", || {
        // Every test target but the browser tests (tests/e2e), which need the release build
        // made below and have phases of their own: named one by one rather than run and
        // skipped, so that no summary line counts a test that did not run.
        let targets = native_test_targets(shell.root())?;
        let mut arguments = vec!["test", "--workspace", "--lib", "--bins"];
        for target in &targets {
            arguments.extend(["--test", target.as_str()]);
        }
        shell.run_tests(&mut shell.command("cargo", &arguments), "native", summaries)?;
        shell.run_tests(
            &mut shell.command("cargo", &["test", "--workspace", "--doc"]),
            "doc",
            summaries,
        )
    })?;
    // A short run of every fuzz target keeps them building and their assertions holding on
    // the seeds and whatever 20 seconds find; `cargo xtask fuzz` runs them for longer.
    phases.run("fuzz targets, 20 s each (cargo fuzz)", || {
        let options = crate::fuzz::FuzzOptions {
            seconds: 20,
            targets: Vec::new(),
        };
        crate::fuzz::fuzz(shell, &options)?;
        summaries.push(format!(
            "fuzz: {} targets ran 20 s each without a failure",
            crate::fuzz::TARGETS.len()
        ));
        Ok(())
    })?;
    let chromedriver = match &browser {
        Browser::Ready(chromedriver) => Some(chromedriver.clone()),
        Browser::Missing(reason) => {
            summaries.push(format!("wasm: SKIPPED, no Chromium ({reason})"));
            None
        }
    };
    if let Some(chromedriver) = &chromedriver {
        phases.run("wasm tests in headless Chromium", || {
            let mut command =
                shell.command("cargo", &["test", "--target", WASM_TARGET, "--test", "web"]);
            command.env("CHROMEDRIVER", chromedriver);
            run_some_tests(shell, &mut command, "wasm", summaries)
        })?;
    }
    let dist = phases.run("release build (trunk build --release)", || {
        build_site(shell)
    })?;
    // The npm package, built under target/, against the release command line: the same JSON
    // byte for byte (tests/pkg/package.test.mjs; its page check uses Chromium when there is one).
    phases.run(
        "npm package (cargo xtask pkg, node --test tests/pkg/)",
        || {
            let (package, cli) = crate::pkg::build_for_test(shell)?;
            crate::pkg::run_test(shell, &package, &cli, summaries)
        },
    )?;
    let Some(chromedriver) = chromedriver else {
        summaries.push("e2e: SKIPPED, no Chromium (see the install phase)".to_string());
        return Ok(());
    };
    phases.run("end-to-end tests in headless Chromium", || {
        let mut command = e2e_command(shell, &dist, &chromedriver, &["--skip", TIMING]);
        run_some_tests(shell, &mut command, "e2e", summaries)
    })?;
    // Last: the checks a loaded machine can fail, once everything else has passed. The
    // measured values are printed (--nocapture), so the log keeps them.
    phases.run("end-to-end timing checks (after the others)", || {
        let mut command = e2e_command(shell, &dist, &chromedriver, &["--nocapture", TIMING]);
        run_some_tests(shell, &mut command, "e2e timing", summaries)
    })?;
    Ok(())
}

/// The module of the end-to-end tests that measure time (tests/e2e/timing.rs), as a test-name
/// filter: its tests run in a phase of their own, after every other browser test.
const TIMING: &str = "timing::";

/// `cargo test --test e2e` against `dist`, one browser at a time (a second browser on two
/// cores stretches the main thread's tasks), with the test runner's `extra` arguments and
/// axe-core's script for the accessibility checks.
fn e2e_command(shell: &Shell, dist: &Path, chromedriver: &Path, extra: &[&str]) -> Command {
    let mut arguments = vec!["test", "--test", "e2e", "--", "--test-threads=1"];
    arguments.extend_from_slice(extra);
    let mut command = shell.command("cargo", &arguments);
    command
        .env("FUNNELCAST_E2E_DIST", dist)
        .env("CHROMEDRIVER", chromedriver)
        .env("FUNNELCAST_AXE_JS", tools::axe_script(shell.root()));
    command
}

/// Runs tests that must not pass vacuously: a filter that matches nothing, or a binary that
/// compiled to nothing, is a failure rather than "0 passed".
fn run_some_tests(
    shell: &Shell,
    command: &mut Command,
    label: &str,
    summaries: &mut Vec<String>,
) -> Result<()> {
    let first = summaries.len();
    shell.run_tests(command, label, summaries)?;
    let passed: u64 = summaries[first..]
        .iter()
        .filter_map(|line| passed_count(line))
        .sum();
    if passed == 0 {
        return Err(Error::new(format!("{label}: no test ran")));
    }
    Ok(())
}

/// The number before ` passed` in a summary line (`... test result: ok. 12 passed; ...`).
fn passed_count(line: &str) -> Option<u64> {
    let (before, _) = line.split_once(" passed")?;
    before.rsplit(' ').next()?.parse().ok()
}

/// The test targets cargo finds in `tests/` (`tests/NAME.rs`, `tests/NAME/main.rs`), but the
/// browser tests, sorted.
fn native_test_targets(root: &Path) -> Result<Vec<String>> {
    let mut targets = Vec::new();
    for entry in std::fs::read_dir(root.join("tests"))? {
        let path = entry?.path();
        let name = if path.is_dir() && path.join("main.rs").is_file() {
            path.file_name()
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            path.file_stem()
        } else {
            None
        };
        if let Some(name) = name.and_then(|name| name.to_str())
            && name != "e2e"
        {
            targets.push(name.to_string());
        }
    }
    targets.sort();
    Ok(targets)
}

/// `git status --porcelain`, or `None` outside a git checkout.
fn tree_status(shell: &Shell) -> Option<String> {
    shell.output("git", &["status", "--porcelain", "--untracked-files=all"])
}

/// A test run must leave the working tree as it found it (no screenshot, snapshot or lock file
/// rewritten): under CI a change is a failure, elsewhere a line in the summary (someone may
/// have edited files during the run).
fn check_tree_unchanged(
    shell: &Shell,
    ci: bool,
    before: Option<String>,
    summaries: &mut Vec<String>,
) -> Result<()> {
    let (Some(before), Some(after)) = (before, tree_status(shell)) else {
        return Ok(());
    };
    if before == after {
        return Ok(());
    }
    let changed: Vec<&str> = after
        .lines()
        .filter(|line| !before.lines().any(|old| old == *line))
        .collect();
    let message = format!(
        "the working tree changed during the test run: {}",
        if changed.is_empty() {
            "files went back to their committed state".to_string()
        } else {
            changed.join(", ")
        }
    );
    if ci {
        return Err(Error::new(message));
    }
    summaries.push(format!("git: WARNING, {message}"));
    Ok(())
}

/// Builds the site, runs the browser tests (those that take the screenshots among them), and
/// copies the screenshots from `target/screenshots/` to `docs/`: the only task that writes to
/// `docs/`.
pub fn screenshots(root: &Path) -> Result<()> {
    let shell = Shell::new(root, &tools::tool_directories(root))?;
    let mut phases = Phases::default();
    let mut summaries = Vec::new();
    let result = (|| {
        let chromedriver = phases.run("install missing tools", || {
            tools::ensure_web_tools(&shell)?;
            let chromedriver = match tools::ensure_browser(&shell, true)? {
                Browser::Ready(chromedriver) => chromedriver,
                Browser::Missing(reason) => return Err(Error::new(reason)),
            };
            // The pictures of the Chinese UI need its font.
            tools::ensure_browser_test_tools(&shell, true)?;
            Ok(chromedriver)
        })?;
        let dist = phases.run("release build (trunk build --release)", || {
            build_site(&shell)
        })?;
        let pictures = target_dir(shell.root()).join("screenshots");
        if pictures.is_dir() {
            std::fs::remove_dir_all(&pictures)?;
        }
        phases.run("end-to-end tests in headless Chromium", || {
            let mut command = e2e_command(&shell, &dist, &chromedriver, &["--skip", TIMING]);
            run_some_tests(&shell, &mut command, "e2e", &mut summaries)
        })?;
        phases.run("copy the screenshots to docs/", || {
            copy_screenshots(&pictures, &shell.root().join("docs"))
        })
    })();
    phases.print_durations();
    for summary in &summaries {
        println!("{summary}");
    }
    result
}

/// Copies every PNG of `from` into `to`, saying which are new, changed or the same.
fn copy_screenshots(from: &Path, to: &Path) -> Result<()> {
    let pictures: Vec<(String, u64)> = files_with_sizes(from)?
        .into_iter()
        .filter(|(file, _)| file.ends_with(".png"))
        .collect();
    if pictures.is_empty() {
        return Err(Error::new(format!("no screenshot in {}", from.display())));
    }
    std::fs::create_dir_all(to)?;
    for (file, bytes) in pictures {
        let picture = std::fs::read(from.join(&file))?;
        let destination = to.join(&file);
        let outcome = match std::fs::read(&destination) {
            Ok(old) if old == picture => "unchanged",
            Ok(_) => "updated",
            Err(_) => "new",
        };
        std::fs::write(&destination, &picture)?;
        println!("  docs/{file}: {outcome} ({bytes} bytes)");
    }
    println!("review with `git diff --stat docs/` and commit the pictures you meant to change");
    Ok(())
}

/// Installs the web tools and builds the release site into `dist/`.
pub fn dist(root: &Path) -> Result<()> {
    let shell = Shell::new(root, &tools::tool_directories(root))?;
    tools::ensure_web_tools(&shell)?;
    let dist = build_site(&shell)?;
    println!(
        "\nthe site is in {} (static files, any web host, any base path):",
        dist.display()
    );
    for (file, bytes) in files_with_sizes(&dist)? {
        println!("  {bytes:>10} bytes  {file}");
    }
    Ok(())
}

/// Writes `schema/*.schema.json` from the Rust types: the schema test run in its writing mode
/// (`FUNNELCAST_WRITE_SCHEMAS=1`, the only way it writes), then the whole test, which checks the
/// files just written and validates the presets and reports against them.
pub fn schema(root: &Path) -> Result<()> {
    let shell = Shell::new(root, &[])?;
    let mut summaries = Vec::new();
    let mut write = shell.command(
        "cargo",
        &[
            "test",
            "--test",
            "schema",
            "committed_schemas_are_what_the_types_generate",
            "--",
            "--nocapture",
        ],
    );
    write.env("FUNNELCAST_WRITE_SCHEMAS", "1");
    run_some_tests(&shell, &mut write, "schema (write)", &mut summaries)?;
    let mut check = shell.command("cargo", &["test", "--test", "schema"]);
    run_some_tests(&shell, &mut check, "schema", &mut summaries)?;
    for summary in &summaries {
        println!("{summary}");
    }
    println!("\nthe schemas are in schema/: commit them with the change to the types");
    Ok(())
}

/// What `cargo xtask bench` measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchScope {
    /// Everything: criterion, the command-line figures, wasm in Chromium, the release wasm.
    All,
    /// `--native`: criterion and the command-line figures (no browser, no site build).
    Native,
    /// `--cli`: the command-line figures only (a minute, not a quarter of an hour).
    Cli,
}

impl BenchScope {
    /// Reads `[--native | --cli]`.
    pub fn parse(options: &[String]) -> Result<BenchScope> {
        match options {
            [] => Ok(BenchScope::All),
            [one] if one == "--native" => Ok(BenchScope::Native),
            [one] if one == "--cli" => Ok(BenchScope::Cli),
            _ => Err(Error::new(format!(
                "`bench` takes `--native` or `--cli`, got `{}`",
                options.join(" ")
            ))),
        }
    }
}

/// Runs the benchmarks (criterion, then the command-line figures, then the engine in
/// headless Chromium), then builds the release site and measures its wasm; `scope` stops
/// after the native part or runs the command-line figures alone.
pub fn bench(root: &Path, scope: BenchScope) -> Result<()> {
    let shell = Shell::new(root, &tools::tool_directories(root))?;
    let mut phases = Phases::default();
    let result = (|| {
        if scope != BenchScope::Cli {
            phases.run("benchmarks (cargo bench)", || {
                shell.run(&mut shell.command("cargo", &["bench"]))
            })?;
        }
        phases.run(
            "whole command-line processes (release funnelcast, best of 3)",
            || crate::speed::cli_figures(&shell),
        )?;
        if scope != BenchScope::All {
            return Ok(());
        }
        let chromedriver = phases.run("install missing tools", || {
            tools::ensure_web_tools(&shell)?;
            match tools::ensure_browser(&shell, true)? {
                Browser::Ready(chromedriver) => Ok(chromedriver),
                Browser::Missing(reason) => Err(Error::new(reason)),
            }
        })?;
        phases.run(
            "engine speed in headless Chromium (tests/wasm_speed.rs)",
            || {
                let mut command = shell.command(
                    "cargo",
                    &[
                        "test",
                        "--release",
                        "--target",
                        WASM_TARGET,
                        "--test",
                        "wasm_speed",
                        "--",
                        "--nocapture",
                    ],
                );
                command.env("CHROMEDRIVER", &chromedriver);
                shell.run(&mut command)
            },
        )?;
        let dist = phases.run("release build (trunk build --release)", || {
            build_site(&shell)
        })?;
        phases.run("release wasm size", || measure_wasm(&shell, &dist))
    })();
    phases.print_durations();
    result
}

/// `trunk build --release --public-url ./` into `dist/`, returning its absolute path.
///
/// The relative public URL makes every link in index.html relative, so the same files work
/// at a domain's root or under any path; the end-to-end test serves them under a sub-path.
fn build_site(shell: &Shell) -> Result<PathBuf> {
    let mut command = trunk(shell, &["build", "--release", "--public-url", "./"]);
    shell.run(&mut command)?;
    let dist = shell.root().join("dist");
    if !dist.join("index.html").is_file() {
        return Err(Error::new(format!(
            "trunk build left no {}",
            dist.join("index.html").display()
        )));
    }
    Ok(dist)
}

fn trunk(shell: &Shell, arguments: &[&str]) -> std::process::Command {
    let mut command = shell.command("trunk", arguments);
    // Trunk's update check would reach for the network; the version is pinned here anyway.
    command.env("TRUNK_SKIP_VERSION_CHECK", "true");
    command
}

/// The app's wasm must stay under this many bytes gzipped (issue 12: "under 400 KB gzipped",
/// 1 KB = 1,000 bytes).
const APP_GZIPPED_TARGET: usize = 400_000;

/// Prints each wasm file's size after wasm-opt, and gzipped with `gzip -9`, the app's against
/// its target.
fn measure_wasm(shell: &Shell, dist: &Path) -> Result<()> {
    let wasm_files: Vec<(String, u64)> = files_with_sizes(dist)?
        .into_iter()
        .filter(|(file, _)| file.ends_with(".wasm"))
        .collect();
    if wasm_files.is_empty() {
        return Err(Error::new(format!("no .wasm file in {}", dist.display())));
    }
    println!("release wasm after wasm-opt, raw and `gzip -9`:");
    // The app's parts loaded on demand (`cargo xtask split`), counted together.
    let mut on_demand = (0, 0, 0);
    for (file, bytes) in wasm_files {
        let path = dist.join(&file);
        let path_text = path.to_string_lossy().into_owned();
        let output = shell
            .command("gzip", &["-9", "--stdout", &path_text])
            .output()?;
        if !output.status.success() {
            return Err(Error::new(format!("gzip -9 --stdout {path_text} failed")));
        }
        let gzipped = output.stdout.len();
        if file.starts_with("split_") || file.starts_with("chunk_") {
            on_demand = (on_demand.0 + 1, on_demand.1 + bytes, on_demand.2 + gzipped);
            continue;
        }
        let (what, verdict) = if file.starts_with("worker") {
            (
                "worker (-O3: built for speed)",
                "no size target (it must not grow)".to_string(),
            )
        } else {
            let target = thousands(APP_GZIPPED_TARGET as u64);
            let verdict = if gzipped < APP_GZIPPED_TARGET {
                format!("target < {target} gzipped: met")
            } else {
                format!(
                    "target < {target} gzipped: MISSED by {}",
                    thousands((gzipped - APP_GZIPPED_TARGET) as u64)
                )
            };
            ("app (-Oz), loaded first", verdict)
        };
        println!(
            "  {what:<30} {:>11} bytes {:>9} gzipped  {verdict}  (dist/{file})",
            thousands(bytes),
            thousands(gzipped as u64),
        );
    }
    let (files, bytes, gzipped) = on_demand;
    println!(
        "  {:<30} {:>11} bytes {:>9} gzipped  in {files} files, fetched when first needed \
         (dist/split_*.wasm, dist/chunk_*.wasm)",
        "app's parts loaded on demand",
        thousands(bytes),
        thousands(gzipped as u64),
    );
    println!(
        "measured as: cargo xtask bench (trunk build --release --public-url ./, then \
         `wc -c < dist/*_bg.wasm` and `gzip -9 --stdout dist/*_bg.wasm | wc -c`)"
    );
    Ok(())
}

/// `1234567` as `1,234,567`.
fn thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

/// The files directly in `directory`, sorted by name, with their sizes in bytes.
fn files_with_sizes(directory: &Path) -> Result<Vec<(String, u64)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(directory)? {
        let entry = entry?;
        let metadata = entry.metadata()?;
        if metadata.is_file() {
            files.push((
                entry.file_name().to_string_lossy().into_owned(),
                metadata.len(),
            ));
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_how_many_tests_passed() {
        let line = "e2e: test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; \
                    4 filtered out; finished in 95.20s";
        assert_eq!(passed_count(line), Some(12));
        assert_eq!(
            passed_count("test result: ok. 0 passed; 0 failed; 0 ignored"),
            Some(0)
        );
        assert_eq!(passed_count("wasm: SKIPPED, no Chromium"), None);
    }

    #[test]
    fn groups_thousands_in_sizes() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(400_000), "400,000");
        assert_eq!(thousands(1_747_847), "1,747,847");
    }

    #[test]
    fn the_native_tests_are_every_test_target_but_the_browser_tests() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let targets = native_test_targets(&root).unwrap_or_default();
        assert!(
            targets.iter().any(|target| target == "agreement"),
            "{targets:?}"
        );
        assert!(targets.iter().any(|target| target == "web"), "{targets:?}");
        assert!(!targets.iter().any(|target| target == "e2e"), "{targets:?}");
        assert!(
            !targets.iter().any(|target| target == "data"),
            "{targets:?}"
        );
    }
}
