//! `cargo xtask fuzz`: builds the `cargo fuzz` targets of `fuzz/` (nightly, libFuzzer with
//! AddressSanitizer) and runs each for a while, from its seed corpus (`fuzz/seeds/<target>/`,
//! kept current by `tests/fuzz_seeds.rs`) and a working corpus under the target directory,
//! so the repository's tracked files never change. Installs what is missing: the nightly
//! toolchain through rustup, cargo-fuzz through `cargo install`.

use std::path::{Path, PathBuf};

use crate::shell::{Error, Result, Shell, target_dir};

/// The targets, as `fuzz/Cargo.toml` names them.
pub const TARGETS: &[&str] = &[
    "scenario_json",
    "share_link",
    "autosave",
    "crm_csv",
    "worker_message",
    "run_codec",
];

/// cargo-fuzz's version, installed when missing.
const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// Seconds each target runs by default (`--seconds N`).
pub const DEFAULT_SECONDS: u32 = 600;

/// What `cargo xtask fuzz` was asked.
pub struct FuzzOptions {
    pub seconds: u32,
    /// Only these targets (all when empty).
    pub targets: Vec<String>,
}

impl FuzzOptions {
    pub fn parse(options: &[String]) -> Result<FuzzOptions> {
        let mut parsed = FuzzOptions {
            seconds: DEFAULT_SECONDS,
            targets: Vec::new(),
        };
        let mut rest = options.iter();
        while let Some(option) = rest.next() {
            match option.as_str() {
                "--seconds" => {
                    let value = rest
                        .next()
                        .ok_or_else(|| Error::new("--seconds needs a number"))?;
                    parsed.seconds = value.parse().ok().filter(|&s| s > 0).ok_or_else(|| {
                        Error::new(format!(
                            "--seconds {value}: not a whole number of seconds above 0"
                        ))
                    })?;
                }
                target if TARGETS.contains(&target) => parsed.targets.push(target.to_string()),
                other => {
                    return Err(Error::new(format!(
                        "fuzz: unknown option or target `{other}` (targets: {})",
                        TARGETS.join(", ")
                    )));
                }
            }
        }
        Ok(parsed)
    }
}

/// Installs what is missing, builds every target and runs the chosen ones for `seconds`
/// each; a target that finds a failing input stops the task, naming the input's file.
pub fn fuzz(shell: &Shell, options: &FuzzOptions) -> Result<()> {
    ensure_tools(shell)?;
    let root = shell.root();
    let build_dir = fuzz_target_dir(root);
    let build_dir = build_dir.to_string_lossy().into_owned();
    shell.run(&mut shell.command(
        "cargo",
        &["+nightly", "fuzz", "build", "--target-dir", &build_dir],
    ))?;
    let chosen: Vec<&str> = if options.targets.is_empty() {
        TARGETS.to_vec()
    } else {
        options.targets.iter().map(String::as_str).collect()
    };
    let mut summary = Vec::new();
    for target in chosen {
        let corpus = target_dir(root).join("fuzz-corpus").join(target);
        let artifacts = target_dir(root).join("fuzz-artifacts").join(target);
        std::fs::create_dir_all(&corpus)
            .and_then(|()| std::fs::create_dir_all(&artifacts))
            .map_err(|e| Error::new(format!("cannot make {}: {e}", corpus.display())))?;
        let seeds = root.join("fuzz").join("seeds").join(target);
        let time = format!("-max_total_time={}", options.seconds);
        let prefix = format!("-artifact_prefix={}/", artifacts.display());
        let corpus_arg = corpus.to_string_lossy().into_owned();
        let seeds_arg = seeds.to_string_lossy().into_owned();
        let mut command = shell.command(
            "cargo",
            &[
                "+nightly",
                "fuzz",
                "run",
                "--target-dir",
                &build_dir,
                target,
                &corpus_arg,
                &seeds_arg,
                "--",
                &time,
                &prefix,
                "-rss_limit_mb=2048",
                "-timeout=20",
                "-max_len=65536",
                "-print_final_stats=1",
            ],
        );
        shell.run(&mut command).map_err(|e| {
            Error::new(format!(
                "fuzz target {target} found a failing input (in {}): {e}",
                artifacts.display()
            ))
        })?;
        let inputs = std::fs::read_dir(&corpus).map_or(0, |d| d.count());
        summary.push(format!(
            "fuzz {target}: {} s, no failure, corpus {inputs} inputs",
            options.seconds
        ));
    }
    println!("\n==> fuzz results");
    for line in &summary {
        println!("{line}");
    }
    Ok(())
}

fn fuzz_target_dir(root: &Path) -> PathBuf {
    target_dir(root).join("fuzz")
}

fn ensure_tools(shell: &Shell) -> Result<()> {
    let toolchains = shell
        .output("rustup", &["toolchain", "list"])
        .unwrap_or_default();
    if toolchains.lines().any(|line| line.starts_with("nightly")) {
        println!("install: rust nightly: already installed");
    } else {
        println!("install: rust nightly: missing, adding it with rustup (cargo fuzz needs it)");
        shell.run(&mut shell.command(
            "rustup",
            &["toolchain", "install", "nightly", "--profile", "minimal"],
        ))?;
    }
    let found = shell.output("cargo", &["fuzz", "--version"]);
    if found
        .as_deref()
        .is_some_and(|v| v.split_whitespace().nth(1) == Some(CARGO_FUZZ_VERSION))
    {
        println!("install: cargo-fuzz {CARGO_FUZZ_VERSION}: already installed");
        return Ok(());
    }
    println!("install: cargo-fuzz {CARGO_FUZZ_VERSION}: missing, building it from crates.io");
    shell.run(&mut shell.command(
        "cargo",
        &[
            "install",
            "cargo-fuzz",
            "--version",
            CARGO_FUZZ_VERSION,
            "--locked",
        ],
    ))
}
