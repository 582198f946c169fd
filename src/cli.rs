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

mod calibrate;
mod compare;
mod journeys;
mod uncertainty;

pub use compare::comparison_table;

use crate::api::{self, ApiError, Input, MAX_RUNS};
use crate::decisions::{ConversionMode, SensitivityReport};
use crate::engine::automatic::Outcome;
use crate::engine::report::SourceExpectation;
use crate::engine::{Report, RunBatch, Simulation, Stats};
use crate::scenario::{self, presets};

pub use crate::api::{AUTOMATIC_CAP, DEFAULT_RUNS, MAX_RUN_DAYS};

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
        /// Number of simulated runs (10,000); with --precision, the most runs it may take
        /// (100,000, or what fits in memory).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_RUNS)))]
        runs: Option<u32>,
        /// Seed of the random streams: the same seed gives the same report.
        #[arg(long, default_value_t = api::DEFAULT_SEED)]
        seed: u64,
        /// Run in chunks until the relative standard error of mean revenue, and of its p5
        /// and p95, is below this (`0.5%` or `0.005`); the report says how many runs it took.
        #[arg(long, value_parser = api::parse_precision)]
        precision: Option<f64>,
        /// Threads to simulate on (default: every core); the report is the same for any
        /// number.
        #[arg(long, value_parser = clap::value_parser!(u16).range(1..=256))]
        threads: Option<u16>,
        /// Print the report as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Which single change moves revenue most: every lever improved and worsened alone,
    /// simulated with common random numbers.
    Sensitivity {
        /// The scenario file (JSON); `-` reads standard input.
        file: PathBuf,
        /// Number of simulated runs (each lever simulates them all again).
        #[arg(long, default_value_t = api::SENSITIVITY_RUNS, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_RUNS)))]
        runs: u32,
        /// Seed of the random streams: the same seed gives the same answer.
        #[arg(long, default_value_t = api::DEFAULT_SEED)]
        seed: u64,
        /// How far each lever moves: N points or N percent (above 0, below 100).
        #[arg(long, default_value_t = api::DEFAULT_STEP)]
        step: f64,
        /// How conversion levers move a rate: +N points, +N% relative, or the drop-off cut
        /// by N%.
        #[arg(long, value_enum, default_value_t = Mode::Points)]
        mode: Mode,
        /// Print the levers as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Compare plan B with plan A over the same simulated leads (common random numbers).
    Compare {
        /// Plan A's scenario file (JSON); `-` reads standard input.
        a: PathBuf,
        /// Plan B's scenario file (JSON).
        b: PathBuf,
        /// Number of simulated runs.
        #[arg(long, default_value_t = api::COMPARE_RUNS, value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_RUNS)))]
        runs: u32,
        /// Seed of the random streams: the same seed gives the same comparison.
        #[arg(long, default_value_t = api::DEFAULT_SEED)]
        seed: u64,
        /// Print both reports and the differences as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Follow a small cohort of leads one by one (the teaching view's journeys): each
    /// lead's steps with their days.
    Journeys {
        /// The scenario file (JSON); `-` reads standard input.
        file: PathBuf,
        /// How many leads: the scenario's sources scaled down to this many.
        #[arg(long, default_value_t = api::JOURNEY_LEADS, value_parser = clap::value_parser!(u32).range(1..=i64::from(api::MAX_LEADS)))]
        leads: u32,
        /// Seed of the random streams: the same seed gives the same journeys.
        #[arg(long, default_value_t = api::DEFAULT_SEED)]
        seed: u64,
        /// Print the journeys as JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Calibrate a funnel from a CRM history (CSV: one row per stage visit, or HubSpot's one
    /// row per deal): prints the scenario, the report of how goes to standard error.
    Calibrate {
        /// The history file (CSV); `-` reads standard input.
        history: PathBuf,
        /// The export date (YYYY-MM-DD): visits without an end are open on it (default: the
        /// latest date in the file).
        #[arg(long)]
        as_of: Option<String>,
        /// A scenario whose stages (order, names), retention and lead costs to keep: only what
        /// the history measures is replaced.
        #[arg(long)]
        funnel: Option<PathBuf>,
        /// The calibrated scenario's horizon in days (default: the funnel's, else the
        /// history's window).
        #[arg(long, value_parser = clap::value_parser!(u32).range(1..=i64::from(scenario::MAX_HORIZON_DAYS)))]
        horizon: Option<u32>,
        /// Also write the report as JSON to this file.
        #[arg(long)]
        report: Option<PathBuf>,
        /// How slash dates are written, when no date in the file tells.
        #[arg(long, value_enum)]
        date_order: Option<SlashDates>,
        /// Which header holds a role, for headers it does not recognise: ROLE=HEADER (deal,
        /// stage, entered, left, outcome, source, amount, close_date); repeat as needed.
        #[arg(long = "column")]
        columns: Vec<String>,
        /// Seed of the back-test's runs.
        #[arg(long, default_value_t = api::DEFAULT_SEED)]
        seed: u64,
        /// Runs of the back-test (0: none).
        #[arg(long, default_value_t = api::BACKTEST_RUNS, value_parser = clap::value_parser!(u32).range(0..=i64::from(api::MAX_BACKTEST_RUNS)))]
        backtest_runs: u32,
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

/// How slash dates are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum SlashDates {
    /// 31/12/2026
    DayFirst,
    /// 12/31/2026
    MonthFirst,
}

/// How conversion levers move a rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Mode {
    Points,
    Relative,
    Dropoff,
}

impl From<Mode> for ConversionMode {
    fn from(mode: Mode) -> ConversionMode {
        match mode {
            Mode::Points => ConversionMode::Points,
            Mode::Relative => ConversionMode::Relative,
            Mode::Dropoff => ConversionMode::Dropoff,
        }
    }
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
    api::load(&text, Input::Scenario).map_err(|e| message(&e, &|_| file.display().to_string()))
}

/// An error of the shared outputs as the command line words it: each input by its file's
/// path (`file`), each option as its flag (`--runs`).
fn message(error: &ApiError, file: &dyn Fn(Input) -> String) -> String {
    error.message(file, &|name| format!("--{name}"))
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
            precision,
            threads,
            json,
        } => {
            let (_, model) = load(&file)?;
            let threads = threads.map_or_else(cores, usize::from);
            let started = clock();
            let mut simulated = std::time::Duration::ZERO;
            let mut timed = |simulation: &Simulation, seed: u64, range: std::ops::Range<u32>| {
                let chunk_started = clock();
                let batches = on_threads(simulation, seed, range, threads);
                simulated += chunk_started.elapsed();
                batches
            };
            let options = api::RunOptions {
                runs,
                seed,
                precision,
            };
            let report = api::simulate(&model, &options, &mut timed)
                .map_err(|e| message(&e, &|_| file.display().to_string()))?;
            let elapsed = started.elapsed();
            if json {
                write!(
                    out,
                    "{}",
                    api::to_json(&report).map_err(|e| message(&e, &|_| String::new()))?
                )
                .map_err(io)?;
            } else {
                write!(out, "{}", table(&report)).map_err(io)?;
            }
            if let Some(outcome) = &report.automatic {
                let _ = writeln!(err, "{}", automatic_line(report.runs, outcome));
            }
            let _ = writeln!(
                err,
                "simulated {} runs in {:.1} ms on {threads} thread{}, summarised in {:.1} ms",
                report.runs,
                simulated.as_secs_f64() * 1000.0,
                if threads == 1 { "" } else { "s" },
                (elapsed - simulated).as_secs_f64() * 1000.0
            );
        }
        Command::Sensitivity {
            file,
            runs,
            seed,
            step,
            mode,
            json,
        } => {
            let (_, model) = load(&file)?;
            let request = api::SensitivityRequest {
                runs,
                seed,
                step,
                mode: mode.into(),
            };
            let started = clock();
            let answer = api::sensitivity(&model, &request)
                .map_err(|e| message(&e, &|_| file.display().to_string()))?;
            if json {
                let text =
                    api::to_json(&answer.report).map_err(|e| message(&e, &|_| String::new()))?;
                write!(out, "{text}").map_err(io)?;
            } else {
                write!(out, "{}", sensitivity_table(&model.name, &answer.report)).map_err(io)?;
            }
            let _ = writeln!(
                err,
                "simulated {} variants x {runs} runs in {:.1} ms",
                answer.variants,
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        Command::Compare {
            a,
            b,
            runs,
            seed,
            json,
        } => {
            let (_, model_a) = load(&a)?;
            let (_, model_b) = load(&b)?;
            let files = |input: Input| match input {
                Input::B => b.display().to_string(),
                _ => a.display().to_string(),
            };
            let started = clock();
            let comparison =
                api::compare(&model_a, &model_b, runs, seed).map_err(|e| message(&e, &files))?;
            if json {
                let text = api::comparison_json(&comparison).map_err(|e| message(&e, &files))?;
                write!(out, "{text}").map_err(io)?;
            } else {
                write!(out, "{}", comparison_table(&comparison)).map_err(io)?;
            }
            let _ = writeln!(
                err,
                "simulated 2 x {runs} runs in {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
        Command::Journeys {
            file,
            leads,
            seed,
            json,
        } => {
            let (_, model) = load(&file)?;
            let text = journeys::journeys_output(&model, leads, seed, json)?;
            write!(out, "{text}").map_err(io)?;
        }
        Command::Calibrate {
            history,
            as_of,
            funnel,
            horizon,
            report,
            date_order,
            columns,
            seed,
            backtest_runs,
        } => {
            let request = calibrate::Request {
                history,
                as_of,
                funnel,
                horizon,
                report,
                date_order: date_order.map(|order| match order {
                    SlashDates::DayFirst => crate::calibrate::DateOrder::DayFirst,
                    SlashDates::MonthFirst => crate::calibrate::DateOrder::MonthFirst,
                }),
                columns,
                seed,
                backtest_runs,
            };
            let started = clock();
            let printed = calibrate::calibrate_history(&request)?;
            write!(out, "{}", printed.scenario).map_err(io)?;
            let _ = write!(err, "{}", printed.tables);
            let _ = writeln!(
                err,
                "calibrated in {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
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
    let error = s
        .precision
        .map_or(String::new(), |p| format!("± {}", number(p.mean_se)));
    format!(
        "{label:<22} {:>14} {error:>12} {:>14} {:>14} {:>14} {:>14}\n",
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
    if let Some(outcome) = &report.automatic {
        text += &format!(
            "Runs: automatic, until the relative standard error of revenue (mean, p5, p95) is \
             below {}%: {}\n\n",
            number(outcome.tolerance * 100.0),
            if outcome.reached {
                "reached".to_string()
            } else {
                format!("not reached within {} runs", number(f64::from(outcome.cap)))
            }
        );
    }
    text += &format!(
        "{:<22} {:>14} {:>12} {:>14} {:>14} {:>14} {:>14}\n",
        "", "mean", "± error", "p5", "median", "p95", "exact mean"
    );
    text += &row("Leads", &report.leads, Some(exact.leads));
    text += &row("Customers", &report.customers, Some(exact.customers));
    text += &row("Purchases", &report.purchases, Some(exact.purchases));
    text += &row("Revenue", &report.revenue, Some(exact.revenue));
    text += &row("Cost", &report.cost, Some(exact.cost));
    text += &row("Profit", &report.profit, Some(exact.revenue - exact.cost));
    text += &row("Cost per customer", &report.cost_per_customer, None);
    // Without a lead cost there is nothing to return on (0 would read as a loss).
    text += &if report.cost.mean > 0.0 {
        row("Return on spend", &report.return_on_spend, None)
    } else {
        format!("{:<22} {:>14}\n", "Return on spend", "no cost")
    };
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
    text += "\n± error is the simulation's standard error of the mean (more runs shrink it); \
             --json gives 95% intervals for p5, median and p95 too.\n";
    text += "Conversion counts every lead that entered; win rate counts only leads that decided \
             (leads still open at the horizon are left out).\n";
    text += &sources_table(report);
    text += &segments_table(report);
    text += &uncertainty::uncertainty_table(report);
    text
}

/// Figures per channel: for each source, its leads, lead cost, customers, purchases, revenue,
/// cost per customer and return on spend (mean, p5, median, p95 over the runs, and the closed
/// form where there is one), as the table shows the totals.
fn sources_table(report: &Report) -> String {
    let mut text = String::new();
    for source in &report.sources {
        text += &part_block(
            "Source",
            &source.name,
            &source.exact,
            [
                &source.leads,
                &source.cost,
                &source.customers,
                &source.purchases,
                &source.revenue,
            ],
        );
        text += &if source.runs_with_customers == 0 {
            format!("{:<22} {:>14}\n", "  Cost per customer", "no customer")
        } else {
            row("  Cost per customer", &source.cost_per_customer, None)
        };
        text += &if source.runs_with_cost == 0 {
            format!("{:<22} {:>14}\n", "  Return on spend", "no cost")
        } else {
            row("  Return on spend", &source.return_on_spend, None)
        };
    }
    if !report.sources.is_empty() {
        text += "\nA customer and all its purchases belong to the source of its lead; cost per \
                 customer and return on spend are per run, over the runs with a customer (with a \
                 cost) from that source.\n";
    }
    text
}

/// Figures per segment: for each segment its leads, lead cost, customers, purchases and
/// revenue (summaries of its per-run parts, and the closed form).
fn segments_table(report: &Report) -> String {
    let mut text = String::new();
    for segment in &report.segments {
        text += &part_block(
            "Segment",
            &segment.name,
            &segment.exact,
            [
                &segment.leads,
                &segment.cost,
                &segment.customers,
                &segment.purchases,
                &segment.revenue,
            ],
        );
    }
    if !report.segments.is_empty() {
        text += "\nEach lead belongs to one segment; the segments' parts of every run add up to \
                 its totals.\n";
    }
    text
}

/// One source's or segment's heading and its five figures (leads, cost, customers, purchases,
/// revenue), each beside its closed-form mean.
fn part_block(kind: &str, name: &str, exact: &SourceExpectation, figures: [&Stats; 5]) -> String {
    let mut text = format!(
        "\n{:<22} {:>14} {:>12} {:>14} {:>14} {:>14} {:>14}\n",
        format!("{kind}: {name}"),
        "mean",
        "± error",
        "p5",
        "median",
        "p95",
        "exact mean"
    );
    let labels = [
        "  Leads",
        "  Cost",
        "  Customers",
        "  Purchases",
        "  Revenue",
    ];
    let means = [
        exact.leads,
        exact.cost,
        exact.customers,
        exact.purchases,
        exact.revenue,
    ];
    for ((label, figure), mean) in labels.into_iter().zip(figures).zip(means) {
        text += &row(label, figure, Some(mean));
    }
    text
}

/// A signed amount: `+1,234` or `-0.123`.
fn signed(value: f64) -> String {
    let text = number(value);
    if value > 0.0 && text != "0" {
        format!("+{text}")
    } else {
        text
    }
}

/// The sensitivity report as a readable table, largest revenue change first.
pub fn sensitivity_table(scenario: &str, report: &SensitivityReport) -> String {
    let name = if scenario.is_empty() {
        "Scenario"
    } else {
        scenario
    };
    let mut text = format!(
        "{name} — sensitivity, {} runs, seed {}, step {}\n\n",
        report.runs,
        report.seed,
        number(report.options.step)
    );
    text += &format!(
        "Baseline: revenue {}, customers {}, profit {} (mean over the runs)\n\n",
        number(report.baseline_revenue),
        number(report.baseline_customers),
        number(report.baseline_profit)
    );
    text += &format!(
        "{:<14} {:<22} {:>12} {:>12} {:>12} {:>12} {:>11} {:>12}\n",
        "Lever", "Target", "Change", "Revenue Δ", "p5", "p95", "Customers Δ", "Profit Δ"
    );
    for lever in &report.levers {
        let unit = if lever.unit == "points" { " pt" } else { "%" };
        text += &format!(
            "{:<14} {:<22} {:>12} {:>12} {:>12} {:>12} {:>11} {:>12}\n",
            lever.lever,
            lever.target,
            format!("{}{unit}", signed(lever.change)),
            signed(lever.revenue_delta.mean),
            signed(lever.revenue_delta.p5),
            signed(lever.revenue_delta.p95),
            signed(lever.customers_delta.mean),
            signed(lever.profit_delta.mean)
        );
    }
    text += "\nChanges are improvements when positive (a delay or a cost per lead cut by N%); \
             p5 and p95 bound 90% of the runs' differences with the baseline over the same \
             simulated leads.\n";
    if let Some(headline) = &report.headline {
        text += &format!("\n{headline}\n");
    }
    text
}

/// The command line's clock, for the timings it prints on standard error.
#[allow(
    clippy::disallowed_methods,
    reason = "the command line is native only, and its timings go to stderr, never into a report"
)]
fn clock() -> Instant {
    Instant::now()
}

/// The line on stderr that says how an automatic run ended.
fn automatic_line(runs: u32, outcome: &Outcome) -> String {
    let worst = outcome.relative_errors.worst();
    let percent = |x: f64| {
        if x.is_finite() {
            format!("{:.2}%", x * 100.0)
        } else {
            "unbounded".to_string()
        }
    };
    if outcome.reached {
        format!(
            "precision {} reached after {runs} runs (largest relative error {})",
            percent(outcome.tolerance),
            percent(worst)
        )
    } else {
        format!(
            "precision {} not reached: stopped at the cap of {runs} runs with a relative error of {} \
             (raise --runs, or ask for less precision)",
            percent(outcome.tolerance),
            percent(worst)
        )
    }
}

/// The cores to simulate on by default.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// The runs of `range` split in contiguous pieces over `threads` threads; merged in run order,
/// the pieces give the same report as one batch.
#[expect(
    clippy::disallowed_methods,
    reason = "the command line is native only; the engine stays single-threaded and the runs \
              are merged in run order, so the report does not depend on the threads"
)]
fn on_threads(
    simulation: &Simulation,
    seed: u64,
    range: std::ops::Range<u32>,
    threads: usize,
) -> Vec<RunBatch> {
    let runs = range.len();
    let threads = threads.clamp(1, runs.max(1));
    if threads == 1 {
        return vec![simulation.batch(seed, range)];
    }
    let piece = runs.div_ceil(threads) as u32;
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads as u32)
            .map(|t| range.start + t * piece..(range.start + (t + 1) * piece).min(range.end))
            .filter(|piece| !piece.is_empty())
            .map(|piece| scope.spawn(move || simulation.batch(seed, piece)))
            .collect();
        handles
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}
