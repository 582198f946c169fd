//! The `funnelcast` command line: batch runs, validation and presets for scripts and
//! benchmarks. The binary is a thin wrapper; this module does the work with explicit
//! output streams so tests can drive it.
//!
//! Architecture invariant: stdout carries only the result (byte-identical for the same
//! scenario, seed and runs); timing and errors go to stderr.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use clap::{Parser, Subcommand};

use crate::engine::{Report, Simulation, Stats};
use crate::scenario::{self, presets};

/// The most runs one command may ask for.
pub const MAX_RUNS: u32 = 1_000_000;

/// The most run-days (runs times horizon days) one command may ask for: about 1 GB of
/// daily series.
pub const MAX_RUN_DAYS: u64 = 50_000_000;

#[derive(Debug, Parser)]
#[command(
    name = "funnelcast",
    version,
    about = "Monte Carlo forecasts of what a sales funnel will produce"
)]
struct Arguments {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Simulate a scenario file and print the forecast.
    Run {
        /// The scenario file (JSON); `-` reads standard input.
        file: PathBuf,
        /// Number of simulated runs.
        #[arg(long, default_value_t = 10_000, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_RUNS)))]
        runs: u32,
        /// Seed of the random streams: the same seed gives the same report.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the report as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Check a scenario file and list every problem in it.
    Validate {
        /// The scenario file (JSON); `-` reads standard input.
        file: PathBuf,
    },
    /// List the preset scenarios.
    Presets,
    /// Print a preset scenario as a scenario file.
    Preset {
        /// The preset's identifier, as listed by `funnelcast presets`.
        name: String,
    },
}

fn read(file: &PathBuf) -> Result<String, String> {
    if file.as_os_str() == "-" {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))
}

fn load(file: &PathBuf) -> Result<(scenario::Scenario, scenario::Model), String> {
    let text = read(file)?;
    scenario::load(&text).map_err(|e| match e {
        scenario::LoadError::Format(error) => format!("{}: {error}", file.display()),
        scenario::LoadError::Invalid(errors) => errors
            .iter()
            .map(|error| format!("{}: {error}", file.display()))
            .collect::<Vec<_>>()
            .join("\n"),
    })
}

/// Runs the command line with `args` (program name first); returns the exit code.
pub fn main_with_args(args: Vec<String>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let arguments = match Arguments::try_parse_from(args) {
        Ok(arguments) => arguments,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let text = error.render().to_string();
            let _ = if code == 0 {
                write!(out, "{text}")
            } else {
                write!(err, "{text}")
            };
            return code;
        }
    };
    match execute(arguments.command, out, err) {
        Ok(()) => 0,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            1
        }
    }
}

fn execute(command: Command, out: &mut dyn Write, err: &mut dyn Write) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot write the output: {e}");
    match command {
        Command::Run {
            file,
            runs,
            seed,
            json,
        } => {
            let (_, model) = load(&file)?;
            // Every run keeps its daily series for the percentile bands: bound the memory.
            let days = u64::from(model.horizon);
            let most = (MAX_RUN_DAYS / days).min(u64::from(MAX_RUNS));
            if u64::from(runs) > most {
                return Err(format!(
                    "--runs {runs}: with a horizon of {days} days at most {most} runs fit in memory \
                     (each run keeps its daily series)"
                ));
            }
            let started = Instant::now();
            let simulation = Simulation::new(&model);
            let batch = simulation.batch(seed, 0..runs);
            let simulated = started.elapsed();
            let report = simulation.report(seed, vec![batch]);
            let elapsed = started.elapsed();
            if json {
                let text = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
                writeln!(out, "{text}").map_err(io)?;
            } else {
                write!(out, "{}", table(&report)).map_err(io)?;
            }
            let _ = writeln!(
                err,
                "simulated {runs} runs in {:.1} ms, summarised in {:.1} ms",
                simulated.as_secs_f64() * 1000.0,
                (elapsed - simulated).as_secs_f64() * 1000.0
            );
        }
        Command::Validate { file } => {
            let (scenario, model) = load(&file)?;
            writeln!(
                out,
                "{}: valid: \"{}\", {} stages, {} sources, {} days",
                file.display(),
                scenario.name,
                model.stages.len(),
                model.sources.len(),
                model.horizon
            )
            .map_err(io)?;
        }
        Command::Presets => {
            for preset in presets::PRESETS {
                let scenario = preset.scenario();
                writeln!(
                    out,
                    "{:<18} {} — {}",
                    preset.id, scenario.name, scenario.description
                )
                .map_err(io)?;
            }
        }
        Command::Preset { name } => {
            let Some(preset) = presets::find(&name) else {
                let known: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
                return Err(format!(
                    "no preset named \"{name}\"; the presets are {}",
                    known.join(", ")
                ));
            };
            write!(out, "{}", preset.json).map_err(io)?;
        }
    }
    Ok(())
}

fn number(value: f64) -> String {
    let rounded = value.round();
    if value.abs() >= 1000.0 || (value - rounded).abs() < 1e-9 {
        // Whole numbers with thousands separators.
        let digits = format!("{:.0}", rounded.abs());
        let mut grouped = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(c);
        }
        if rounded < 0.0 {
            format!("-{grouped}")
        } else {
            grouped
        }
    } else if value.abs() >= 10.0 {
        format!("{value:.1}")
    } else {
        format!("{value:.3}")
    }
}

fn row(label: &str, s: &Stats, exact: Option<f64>) -> String {
    let exact = exact.map_or(String::new(), number);
    format!(
        "{label:<22} {:>14} {:>14} {:>14} {:>14} {:>14}\n",
        number(s.mean),
        number(s.p5),
        number(s.p50),
        number(s.p95),
        exact
    )
}

/// The report as a readable table.
pub fn table(report: &Report) -> String {
    let exact = &report.exact.within_horizon;
    let mut text = format!(
        "{} — {} runs, seed {}, {} days\n\n",
        if report.scenario.is_empty() {
            "Scenario"
        } else {
            &report.scenario
        },
        report.runs,
        report.seed,
        report.horizon_days
    );
    text += &format!(
        "{:<22} {:>14} {:>14} {:>14} {:>14} {:>14}\n",
        "", "mean", "p5", "median", "p95", "exact mean"
    );
    text += &row("Leads", &report.leads, Some(exact.leads));
    text += &row("Customers", &report.customers, Some(exact.customers));
    text += &row("Purchases", &report.purchases, Some(exact.purchases));
    text += &row("Revenue", &report.revenue, Some(exact.revenue));
    text += &row("Cost", &report.cost, Some(exact.cost));
    text += &row("Profit", &report.profit, Some(exact.revenue - exact.cost));
    text += &row("Cost per customer", &report.cost_per_customer, None);
    text += &row("Return on spend", &report.return_on_spend, None);
    text += &row("First purchase day", &report.first_purchase_day, None);
    text += &row("Days to purchase", &report.days_to_first_purchase, None);
    text += &format!(
        "\n{:<22} {:>14} {:>14} {:>11} {:>11} {:>10} {:>14}\n",
        "Stage", "entered", "converted", "conversion", "win rate", "mean days", "open at end"
    );
    for stage in &report.stages {
        text += &format!(
            "{:<22} {:>14} {:>14} {:>10.1}% {:>10.1}% {:>10.1} {:>14}\n",
            stage.name,
            number(stage.entered.mean),
            number(stage.converted.mean),
            100.0 * stage.conversion,
            100.0 * stage.win_rate,
            stage.mean_days,
            number(stage.open.mean + stage.open_in_nurture.mean)
        );
    }
    text += "\nConversion counts every lead that entered; win rate counts only leads that decided \
             (leads still open at the horizon are left out).\n";
    text
}
