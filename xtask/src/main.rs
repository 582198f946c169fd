//! Funnelcast's task runner, run as `cargo xtask <task>` (an alias in `.cargo/config.toml`).
//!
//! Every task first installs what it needs and is missing, so that two commands set up a fresh
//! Debian machine: `cargo xtask serve` and `cargo xtask test`. No task but `cargo xtask
//! screenshots` and `cargo xtask schema` writes into the repository's tracked files. Installs come from the package
//! registries only (crates.io through `cargo install`, npm, Debian's apt), never from a
//! prebuilt download; a tool already present at the right version is left alone.
//!
//! Architecture invariant: standard library only. This crate is the first thing compiled on a
//! fresh machine, so each dependency would be paid for on every setup.

mod fuzz;
mod pkg;
mod shell;
mod speed;
mod split;
mod tasks;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

use shell::{Error, Result};

const USAGE: &str = "\
Usage: cargo xtask <task> [options]

Tasks:
  serve [--dev] [--port N]  install what is missing, build the app and serve it at
                            http://127.0.0.1:8080 (release build unless --dev)
  test                      install what is missing (browser included) and run every check:
                            fmt, clippy (native and wasm32), native tests, wasm tests in
                            headless Chromium, the release build, the npm package's test
                            (node), the end-to-end browser tests, then the browser's timing
                            checks; writes nothing in the repository
                            (screenshots go to target/screenshots/). Without a browser, outside
                            CI, the browser tests are skipped and the summary says so; under
                            CI=true that, or a changed working tree, is a failure
  screenshots               build the release site, run the end-to-end tests and copy their
                            screenshots from target/screenshots/ to docs/ (the README's pictures)
  dist                      build the release site into dist/: static files that work from any
                            web host and any base path
  pkg [--test]              build the npm package into pkg/ (git-ignored): an ES module over the
                            engine's wasm with TypeScript typings, for web pages and Node, whose
                            functions return what the command line prints; --test builds it
                            under target/pkg/ instead and runs its test against the release
                            command line (node --test tests/pkg/), as `cargo xtask test` does
  schema                    write the JSON Schemas of the scenario format and of the reports
                            (schema/*.schema.json) from the Rust types; `cargo test --test
                            schema` fails until the committed files are what this writes
  fuzz [--seconds N] [TARGET...]
                            build the cargo-fuzz targets of fuzz/ (installing nightly and
                            cargo-fuzz when missing) and run each for N seconds (600) from its
                            seed corpus fuzz/seeds/ (a working corpus goes under target/);
                            `cargo xtask test` runs each for 20 seconds
  bench [--native | --cli]  run `cargo bench`, then time whole `funnelcast` processes on the
                            benchmark scenarios (release, one thread, best of 3, against the
                            targets), then the engine in headless Chromium, then measure the
                            release wasm (after wasm-opt, and gzipped); --native stops after
                            the command-line figures, --cli times the processes only
  split                     trunk's post-build hook (Trunk.toml): cuts the app's wasm into the
                            module the page loads first and chunks loaded on demand
  help                      print this message
";

fn main() -> ExitCode {
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let Some((task, options)) = arguments.split_first() else {
        print!("{USAGE}");
        return ExitCode::SUCCESS;
    };
    let result = run(task, options);
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("\nxtask {task}: error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn run(task: &str, options: &[String]) -> Result<()> {
    let root = project_root();
    match task {
        "serve" => tasks::serve(&root, &tasks::ServeOptions::parse(options)?),
        "test" => no_options(task, options).and_then(|()| tasks::test(&root)),
        "screenshots" => no_options(task, options).and_then(|()| tasks::screenshots(&root)),
        "dist" => no_options(task, options).and_then(|()| tasks::dist(&root)),
        "schema" => no_options(task, options).and_then(|()| tasks::schema(&root)),
        "pkg" => pkg::pkg(&root, options),
        "split" => no_options(task, options).and_then(|()| split::split(&root)),
        "bench" => tasks::bench(&root, tasks::BenchScope::parse(options)?),
        "fuzz" => {
            let options = fuzz::FuzzOptions::parse(options)?;
            let shell = shell::Shell::new(&root, &[])?;
            fuzz::fuzz(&shell, &options)
        }
        "help" | "--help" | "-h" => {
            print!("{USAGE}");
            Ok(())
        }
        other => Err(Error::new(format!("unknown task `{other}`\n\n{USAGE}"))),
    }
}

fn no_options(task: &str, options: &[String]) -> Result<()> {
    match options.first() {
        None => Ok(()),
        Some(option) => Err(Error::new(format!(
            "`{task}` takes no options, got `{option}`"
        ))),
    }
}

/// The repository root: the parent of this crate's directory, fixed at compile time so that
/// tasks work from any current directory.
fn project_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}
