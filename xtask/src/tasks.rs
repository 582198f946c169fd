//! The tasks: serve, test, dist and bench, each a sequence of commands after the installs.

use std::path::{Path, PathBuf};

use crate::shell::{Error, Phases, Result, Shell};
use crate::tools::{self, WASM_TARGET};

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
pub fn test(root: &Path) -> Result<()> {
    let shell = Shell::new(root, &tools::tool_directories(root))?;
    let mut phases = Phases::default();
    let mut summaries = Vec::new();
    let result = run_checks(&shell, &mut phases, &mut summaries);
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

fn run_checks(shell: &Shell, phases: &mut Phases, summaries: &mut Vec<String>) -> Result<()> {
    phases.run("install missing tools", || {
        tools::ensure_web_tools(shell)?;
        tools::ensure_browser(shell)
    })?;
    let chromedriver = tools::chromedriver(shell)?;

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
                "--",
                "-D",
                "warnings",
            ],
        ))
    })?;
    phases.run("native tests", || {
        let mut command = shell.command("cargo", &["test", "--workspace"]);
        // The end-to-end test needs the release build, made after this phase: it has a phase
        // of its own below, so here it only says it is deferred.
        command.env("FUNNELCAST_E2E_DEFERRED", "1");
        shell.run_tests(&mut command, summaries)
    })?;
    phases.run("wasm tests in headless Chromium", || {
        let mut command =
            shell.command("cargo", &["test", "--target", WASM_TARGET, "--test", "web"]);
        command.env("CHROMEDRIVER", &chromedriver);
        shell.run_tests(&mut command, summaries)
    })?;
    let dist = phases.run("release build (trunk build --release)", || {
        build_site(shell)
    })?;
    phases.run("end-to-end test in headless Chromium", || {
        let mut command = shell.command(
            "cargo",
            &["test", "--test", "e2e", "--", "--test-threads=1"],
        );
        command
            .env("FUNNELCAST_E2E_DIST", &dist)
            .env("CHROMEDRIVER", &chromedriver);
        shell.run_tests(&mut command, summaries)
    })?;
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

/// Runs the benchmarks (native, then the engine in headless Chromium), then builds the
/// release site and measures its wasm.
pub fn bench(root: &Path) -> Result<()> {
    let shell = Shell::new(root, &tools::tool_directories(root))?;
    let mut phases = Phases::default();
    let result = (|| {
        phases.run("benchmarks (cargo bench)", || {
            shell.run(&mut shell.command("cargo", &["bench"]))
        })?;
        phases.run("install missing tools", || {
            tools::ensure_web_tools(&shell)?;
            tools::ensure_browser(&shell)
        })?;
        let chromedriver = tools::chromedriver(&shell)?;
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

/// Prints each wasm file's size after wasm-opt, and gzipped with `gzip -9`.
fn measure_wasm(shell: &Shell, dist: &Path) -> Result<()> {
    let wasm_files: Vec<(String, u64)> = files_with_sizes(dist)?
        .into_iter()
        .filter(|(file, _)| file.ends_with(".wasm"))
        .collect();
    if wasm_files.is_empty() {
        return Err(Error::new(format!("no .wasm file in {}", dist.display())));
    }
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
        println!(
            "release wasm dist/{file}: {bytes} bytes after wasm-opt ({}), {gzipped} bytes gzipped",
            if file.starts_with("worker") {
                "-O3: the simulation worker is built for speed"
            } else {
                "-Oz"
            }
        );
    }
    println!(
        "measured as: cargo xtask bench (trunk build --release --public-url ./, then \
         `wc -c < dist/*_bg.wasm` and `gzip -9 --stdout dist/*_bg.wasm | wc -c`)"
    );
    Ok(())
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
