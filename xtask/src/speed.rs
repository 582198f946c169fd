//! The speed figures of BENCHMARKS.md, measured as whole command-line processes: the release
//! `funnelcast` binary on the benchmark scenarios, one thread, best of 3 wall-clock times.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::shell::{Error, Result, Shell, target_dir};

/// How many times each command runs; the best time counts.
const TRIES: usize = 3;

/// One figure: what it measures, the command's arguments after the binary, and its target.
struct Case {
    what: &'static str,
    arguments: Vec<String>,
    target: Target,
}

enum Target {
    /// At most this many seconds.
    Seconds(f64),
    /// At most this times the time of the case with this index.
    TimesCase(usize, f64),
}

/// Builds the release binary, then times each benchmark command and prints the table.
pub fn cli_figures(shell: &Shell) -> Result<()> {
    shell.run(&mut shell.command("cargo", &["build", "--release", "--bin", "funnelcast"]))?;
    let root = shell.root();
    let binary = target_dir(root).join("release").join("funnelcast");
    let planning = root.join("tests/data/planning-b1.json");
    let ten_times = target_dir(root).join("bench/planning-b1-x10-traffic.json");
    write_scaled(&planning, &ten_times, 10)?;
    let threads = one_thread_arguments(&binary);
    let run = |file: &Path, runs: &str| {
        let mut arguments: Vec<String> = ["run", &file.to_string_lossy(), "--runs", runs, "--json"]
            .iter()
            .map(|a| a.to_string())
            .collect();
        arguments.extend(threads.iter().cloned());
        arguments
    };
    let cases = [
        Case {
            what: "planning B1, 10,000 runs",
            arguments: run(&planning, "10000"),
            target: Target::Seconds(0.7),
        },
        Case {
            what: "classroom B2, 10,000 runs",
            arguments: run(&root.join("tests/data/classroom-b2.json"), "10000"),
            target: Target::Seconds(0.05),
        },
        Case {
            what: "planning B1 with 10x the traffic, 10,000 runs",
            arguments: run(&ten_times, "10000"),
            target: Target::TimesCase(0, 1.2),
        },
        Case {
            what: "sensitivity of the six-step preset, 1,000 runs",
            arguments: [
                "sensitivity",
                "presets/six-step.json",
                "--runs",
                "1000",
                "--json",
            ]
            .iter()
            .map(|a| a.to_string())
            // The sensitivity is single-threaded: it has no --threads.
            .collect(),
            target: Target::Seconds(0.8),
        },
    ];
    let mut best = Vec::new();
    for case in &cases {
        best.push(best_time(&binary, &case.arguments, root)?);
    }
    println!(
        "\nwhole command-line processes, release build, one thread, best of {TRIES} \
         (wall clock: a shared machine's load moves these; see BENCHMARKS.md):"
    );
    for (case, &time) in cases.iter().zip(&best) {
        let (shown, verdict) = match case.target {
            Target::Seconds(limit) => (
                format!("{:>8.3} s", time.as_secs_f64()),
                verdict(time.as_secs_f64() <= limit, format!("<= {limit} s")),
            ),
            Target::TimesCase(other, limit) => {
                let ratio = time.as_secs_f64() / best[other].as_secs_f64();
                (
                    format!(
                        "{:>8.3} s = {ratio:.2} x {}",
                        time.as_secs_f64(),
                        cases[other].what
                    ),
                    verdict(ratio <= limit, format!("<= {limit} x")),
                )
            }
        };
        println!("  {:<48} {shown}  ({verdict})", case.what);
        println!(
            "  {:<48} $ funnelcast {}",
            "",
            case.arguments
                .join(" ")
                .replace(&root.to_string_lossy().into_owned(), ".")
        );
    }
    Ok(())
}

fn verdict(met: bool, target: String) -> String {
    format!("target {target}: {}", if met { "met" } else { "missed" })
}

/// `--threads 1` when the binary has that option (one thread is what the figures measure).
fn one_thread_arguments(binary: &Path) -> Vec<String> {
    let help = Command::new(binary).args(["run", "--help"]).output();
    match help {
        Ok(output) if String::from_utf8_lossy(&output.stdout).contains("--threads") => {
            vec!["--threads".to_string(), "1".to_string()]
        }
        _ => Vec::new(),
    }
}

/// The least wall-clock time of `TRIES` runs of the binary, output discarded.
fn best_time(binary: &Path, arguments: &[String], root: &Path) -> Result<Duration> {
    let mut best = Duration::MAX;
    for _ in 0..TRIES {
        let started = Instant::now();
        let status = Command::new(binary)
            .args(arguments)
            .current_dir(root)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()?;
        let elapsed = started.elapsed();
        if !status.success() {
            return Err(Error::new(format!(
                "funnelcast {} failed: {status}",
                arguments.join(" ")
            )));
        }
        best = best.min(elapsed);
    }
    Ok(best)
}

/// Writes `from` with every `"poisson": N` lead rate multiplied by `factor` into `to`.
fn write_scaled(from: &Path, to: &PathBuf, factor: u32) -> Result<()> {
    let text = std::fs::read_to_string(from)?;
    let scaled = scale_poisson_rates(&text, factor)
        .ok_or_else(|| Error::new(format!("no Poisson rate to scale in {}", from.display())))?;
    if let Some(directory) = to.parent() {
        std::fs::create_dir_all(directory)?;
    }
    std::fs::write(to, scaled)?;
    Ok(())
}

/// `text` with the number after each `"poisson":` multiplied by `factor` (`None` when there is
/// none, or one is not a number).
fn scale_poisson_rates(text: &str, factor: u32) -> Option<String> {
    const KEY: &str = "\"poisson\":";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut scaled = 0;
    while let Some(at) = rest.find(KEY) {
        let (before, after) = rest.split_at(at + KEY.len());
        out.push_str(before);
        let spaces = after.len() - after.trim_start().len();
        out.push_str(&after[..spaces]);
        let number = &after[spaces..];
        let end = number
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == 'e' || c == '-'))
            .unwrap_or(number.len());
        let value: f64 = number[..end].parse().ok()?;
        out.push_str(&format!("{}", value * f64::from(factor)));
        rest = &number[end..];
        scaled += 1;
    }
    out.push_str(rest);
    (scaled > 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_every_poisson_rate_and_nothing_else() {
        let text = r#"{"per_day": {"poisson": 2000}, "x": 300, "b": {"poisson":  2.5}}"#;
        assert_eq!(
            scale_poisson_rates(text, 10).as_deref(),
            Some(r#"{"per_day": {"poisson": 20000}, "x": 300, "b": {"poisson":  25}}"#)
        );
        assert_eq!(scale_poisson_rates(r#"{"fixed": 3}"#, 10), None);
        assert_eq!(scale_poisson_rates(r#"{"poisson": x}"#, 10), None);
    }
}
