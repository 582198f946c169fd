//! `cargo xtask pkg`: the npm package, an ES module over the engine's wasm, built into `pkg/`
//! (git-ignored); and its test, `node --test tests/pkg/`, which `cargo xtask test` runs on a
//! package built under `target/`.
//!
//! The wasm is the `pkg` binary (`src/bin/pkg.rs`, release profile: built for speed like the
//! worker) run through `wasm-bindgen --target web`, which writes `funnelcast_wasm.js` (the
//! bindings, with `init` for a page and `initSync` for Node) and `funnelcast_wasm.d.ts`, then
//! `wasm-opt -O3`. Beside them go the hand-written entries of `npm/` (`index.js` for pages and
//! bundlers, `node.js` for Node, `index.d.ts`) and a `package.json` whose version is
//! Cargo.toml's and whose `exports` send Node to `node.js` and everyone else to `index.js`.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::shell::{Error, Result, Shell, target_dir};
use crate::tools;

/// The bindings' file names (`--out-name`): `funnelcast_wasm.js`, `funnelcast_wasm.d.ts` and
/// `funnelcast_wasm_bg.wasm`.
const BINDINGS: &str = "funnelcast_wasm";

/// The hand-written files of `npm/`, copied as they are.
const ENTRIES: &[&str] = &["index.js", "node.js", "index.d.ts"];

/// `cargo xtask pkg [--test]`: installs what is missing and builds the package into `pkg/`;
/// with `--test`, runs `cargo xtask test`'s phase instead (the package under `target/`, its
/// test against the release command line).
pub fn pkg(root: &Path, options: &[String]) -> Result<()> {
    let test = match options {
        [] => false,
        [one] if one == "--test" => true,
        _ => {
            return Err(Error::new(format!(
                "`pkg` takes `--test` or nothing, got `{}`",
                options.join(" ")
            )));
        }
    };
    let shell = Shell::new(root, &tools::tool_directories(root))?;
    tools::ensure_package_tools(&shell)?;
    if test {
        let (package, cli) = build_for_test(&shell)?;
        let mut summaries = Vec::new();
        let result = run_test(&shell, &package, &cli, &mut summaries);
        for summary in &summaries {
            println!("{summary}");
        }
        return result;
    }
    let out = root.join("pkg");
    build_package(&shell, &out)?;
    println!(
        "\nthe npm package is in {} (import it as \"funnelcast\"; README, \"Using the engine from \
         JavaScript\"):",
        out.display()
    );
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&out)? {
        let entry = entry?;
        files.push((
            entry.file_name().to_string_lossy().into_owned(),
            entry.metadata()?.len(),
        ));
    }
    files.sort();
    for (file, bytes) in files {
        println!("  {bytes:>10} bytes  {file}");
    }
    Ok(())
}

/// Builds the package into `out`, replacing what was there.
pub fn build_package(shell: &Shell, out: &Path) -> Result<()> {
    let root = shell.root();
    shell.run(&mut shell.command(
        "cargo",
        &[
            "build",
            "--release",
            "--target",
            tools::WASM_TARGET,
            "--bin",
            "pkg",
            "--features",
            "pkg",
        ],
    ))?;
    let wasm = target_dir(root)
        .join(tools::WASM_TARGET)
        .join("release")
        .join("pkg.wasm");
    let bindgen = target_dir(root).join("xtask-pkg").join("bindgen");
    if bindgen.exists() {
        std::fs::remove_dir_all(&bindgen)?;
    }
    std::fs::create_dir_all(&bindgen)?;
    shell.run(&mut shell.command(
        "wasm-bindgen",
        &[
            "--target=web",
            &format!("--out-dir={}", bindgen.display()),
            &format!("--out-name={BINDINGS}"),
            &wasm.to_string_lossy(),
        ],
    ))?;
    if out.exists() {
        std::fs::remove_dir_all(out)?;
    }
    std::fs::create_dir_all(out)?;
    // Built for speed, as the worker is (index.html): the package is the engine.
    shell.run(
        &mut shell.command(
            "wasm-opt",
            &[
                &format!(
                    "--output={}",
                    out.join(format!("{BINDINGS}_bg.wasm")).display()
                ),
                "-O3",
                &bindgen
                    .join(format!("{BINDINGS}_bg.wasm"))
                    .to_string_lossy(),
            ],
        ),
    )?;
    for file in [format!("{BINDINGS}.js"), format!("{BINDINGS}.d.ts")] {
        std::fs::copy(bindgen.join(&file), out.join(&file))?;
    }
    for file in ENTRIES {
        std::fs::copy(root.join("npm").join(file), out.join(file))?;
    }
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))?;
    std::fs::write(out.join("package.json"), package_json(&manifest)?)?;
    Ok(())
}

/// `[package]`'s value of `key` in Cargo.toml's text.
fn package_field<'a>(manifest: &'a str, key: &str) -> Option<&'a str> {
    let mut in_package = false;
    for line in manifest.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_package = trimmed == "[package]";
        } else if in_package && let Some(value) = tools::toml_string(line, key) {
            return Some(value);
        }
    }
    None
}

/// A JSON string literal.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The package's `package.json`: name, Cargo.toml's version, description and licence, an ES
/// module whose `exports` give Node `node.js` and pages and bundlers `index.js`, both typed by
/// `index.d.ts`.
fn package_json(manifest: &str) -> Result<String> {
    let field = |key: &str| {
        package_field(manifest, key)
            .ok_or_else(|| Error::new(format!("Cargo.toml's [package] has no {key}")))
    };
    let files: Vec<String> = ENTRIES
        .iter()
        .map(|file| (*file).to_string())
        .chain([
            format!("{BINDINGS}.js"),
            format!("{BINDINGS}.d.ts"),
            format!("{BINDINGS}_bg.wasm"),
        ])
        .map(|file| quoted(&file))
        .collect();
    Ok(format!(
        r#"{{
  "name": "funnelcast",
  "version": {version},
  "description": {description},
  "license": {license},
  "type": "module",
  "main": "./node.js",
  "types": "./index.d.ts",
  "exports": {{
    ".": {{
      "types": "./index.d.ts",
      "node": "./node.js",
      "default": "./index.js"
    }},
    "./package.json": "./package.json"
  }},
  "files": [{files}],
  "engines": {{
    "node": ">=20"
  }}
}}
"#,
        version = quoted(field("version")?),
        description = quoted(field("description")?),
        license = quoted(field("license")?),
        files = files.join(", "),
    ))
}

/// What the package's test needs: the package built under `target/` (nothing written in the
/// repository) and the release command line it compares against.
pub fn build_for_test(shell: &Shell) -> Result<(PathBuf, PathBuf)> {
    let out = target_dir(shell.root()).join("pkg");
    build_package(shell, &out)?;
    shell.run(&mut shell.command("cargo", &["build", "--release", "--bin", "funnelcast"]))?;
    let cli = target_dir(shell.root()).join("release").join("funnelcast");
    Ok((out, cli))
}

/// `node --test tests/pkg/` against the package in `package` and the command line `cli`,
/// passing its output through and keeping its closing counts as a summary line
/// (`pkg: 14 passed, 0 failed (node --test)`). A run where no test passed is a failure.
pub fn run_test(
    shell: &Shell,
    package: &Path,
    cli: &Path,
    summaries: &mut Vec<String>,
) -> Result<()> {
    if shell.which("node").is_none() {
        return Err(Error::new(
            "node is not on PATH: the package's test needs Node 20 (Debian's nodejs)",
        ));
    }
    let mut command = shell.command("node", &["--test", "--test-reporter=spec", "tests/pkg/"]);
    command
        .env("FUNNELCAST_PKG", package)
        .env("FUNNELCAST_CLI", cli)
        .stdout(Stdio::piped());
    println!(
        "$ FUNNELCAST_PKG={} FUNNELCAST_CLI={} node --test --test-reporter=spec tests/pkg/",
        package.display(),
        cli.display()
    );
    let mut child = command
        .spawn()
        .map_err(|error| Error::new(format!("could not start node: {error}")))?;
    let (mut passed, mut failed) = (None, None);
    if let Some(stdout) = child.stdout.take() {
        let mut terminal = std::io::stdout();
        for line in BufReader::new(stdout).split(b'\n') {
            let line = line?;
            let text = String::from_utf8_lossy(&line);
            writeln!(terminal, "{text}")?;
            terminal.flush()?;
            if let Some((key, count)) = closing_count(&text) {
                match key {
                    "pass" => passed = Some(count),
                    "fail" => failed = Some(count),
                    _ => {}
                }
            }
        }
    }
    let status = child.wait()?;
    let (passed, failed) = (passed.unwrap_or(0), failed.unwrap_or(0));
    summaries.push(format!(
        "pkg: {passed} passed, {failed} failed (node --test)"
    ));
    if !status.success() {
        return Err(Error::new(format!(
            "node --test tests/pkg/ failed ({status})"
        )));
    }
    if passed == 0 {
        return Err(Error::new("node --test tests/pkg/: no test ran"));
    }
    Ok(())
}

/// A closing count of node's test runner: `ℹ pass 14` (spec) or `# pass 14` (TAP).
fn closing_count(line: &str) -> Option<(&str, u64)> {
    let rest = line
        .trim()
        .strip_prefix('ℹ')
        .or_else(|| line.trim().strip_prefix('#'))?;
    let mut words = rest.split_whitespace();
    let key = words.next()?;
    let count = words.next()?.parse().ok()?;
    words.next().is_none().then_some((key, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_package_fields_of_cargo_toml() {
        let manifest = "[package]\nname = \"funnelcast\"\nversion = \"0.1.0\"\n\n\
                        [dependencies]\nversion = \"9\"\n";
        assert_eq!(package_field(manifest, "version"), Some("0.1.0"));
        assert_eq!(
            package_field("[dependencies]\nversion = \"9\"\n", "version"),
            None
        );
    }

    #[test]
    fn the_package_json_has_cargo_toml_s_version() {
        let manifest = "[package]\nversion = \"2.3.4\"\ndescription = \"Forecasts\"\n\
                        license = \"MIT\"\n";
        let json = package_json(manifest).unwrap_or_default();
        assert!(json.contains("\"version\": \"2.3.4\""), "{json}");
        assert!(json.contains("\"type\": \"module\""), "{json}");
        assert!(json.contains("\"node\": \"./node.js\""), "{json}");
        assert!(package_json("[package]\nversion = \"1\"\n").is_err());
    }

    #[test]
    fn quotes_json_strings() {
        assert_eq!(quoted("a\"b\\c\n"), "\"a\\\"b\\\\c\\u000a\"");
    }

    #[test]
    fn reads_node_s_closing_counts() {
        assert_eq!(closing_count("ℹ pass 14"), Some(("pass", 14)));
        assert_eq!(closing_count("# fail 0"), Some(("fail", 0)));
        assert_eq!(closing_count("ℹ duration_ms 5012.3"), None);
        assert_eq!(closing_count("✔ simulate (12ms)"), None);
    }
}
