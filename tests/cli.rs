//! The `funnelcast` binary, run as a person or a script would: results on stdout, byte for
//! byte reproducible; timing and errors on stderr; bad input a non-zero exit with one clear
//! message, never a panic or a backtrace.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use funnelcast::scenario::presets;
use serde_json::Value as Json;

/// A small scenario that still uses every feature (Poisson and fixed sources, an uncertain
/// rate, nurture, values, retention), so that a run takes milliseconds in debug.
const SCENARIO: &str = r#"{
  "name": "Command line test",
  "horizon_days": 60,
  "sources": [
    {"name": "Ads", "entry": "Visit", "per_day": {"poisson": 30}, "cost_per_lead": 0.5},
    {"name": "Event", "entry": "Demo", "per_day": {"fixed": 20}, "start_day": 3, "end_day": 4}
  ],
  "stages": [
    {"name": "Visit", "conversion": {"beta": {"alpha": 20, "beta": 80}},
     "delay_days": {"exponential": {"mean": 1}}},
    {"name": "Demo", "conversion": 0.5, "delay_days": {"fixed": 2},
     "nurture": {"share": 0.5, "delay_days": {"fixed": 5}, "reentry": 0.4, "to": "Demo",
                 "max_cycles": 2}},
    {"name": "Order", "conversion": 0.8, "delay_days": {"uniform": {"min": 1, "max": 3}},
     "value": {"fixed": 100}}
  ],
  "retention": {"repeat": 0.3, "delay_days": {"fixed": 10}, "max_repeats": 2}
}"#;

/// A scenario file in the temporary folder, removed when dropped.
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    fn new(label: &str, contents: &str) -> TempFile {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!(
            "funnelcast-cli-test-{}-{unique}-{label}.json",
            std::process::id()
        ));
        std::fs::write(&path, contents)
            .unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        TempFile { path }
    }

    fn arg(&self) -> &str {
        self.path.to_str().expect("temporary paths are UTF-8 here")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// What one run of the binary printed.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn finish(output: Output) -> Run {
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_funnelcast"));
    command
        .args(args)
        // A panic would print its backtrace: the tests below check there is none.
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null());
    command
}

/// Runs `funnelcast ARGS`.
fn funnelcast(args: &[&str]) -> Run {
    finish(command(args).output().expect("the binary starts"))
}

/// Runs `funnelcast ARGS` with `input` on standard input.
fn funnelcast_with_input(args: &[&str], input: &str) -> Run {
    let mut child = command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child
        .stdin
        .take()
        .expect("a piped stdin")
        .write_all(input.as_bytes())
        .expect("stdin takes the scenario");
    finish(child.wait_with_output().expect("the binary ends"))
}

/// Asserts the command succeeded, and returns what it printed.
#[track_caller]
fn succeeds(run: Run) -> Run {
    assert_eq!(
        run.code,
        Some(0),
        "expected success; stdout:\n{}\nstderr:\n{}",
        run.stdout,
        run.stderr
    );
    run
}

/// Asserts the command failed cleanly: a non-zero exit, nothing on stdout, a message on
/// stderr containing every fragment, and no panic or backtrace anywhere.
#[track_caller]
fn fails_with(run: Run, fragments: &[&str]) {
    assert!(
        matches!(run.code, Some(code) if code != 0),
        "expected a non-zero exit, got {:?}; stdout:\n{}",
        run.code,
        run.stdout
    );
    assert_eq!(run.stdout, "", "a failure prints nothing on stdout");
    for fragment in fragments {
        assert!(
            run.stderr.contains(fragment),
            "stderr lacks {fragment:?}:\n{}",
            run.stderr
        );
    }
    for output in [&run.stdout, &run.stderr] {
        for sign_of_a_crash in ["panicked", "backtrace", "RUST_BACKTRACE", "stack backtrace"] {
            assert!(
                !output.contains(sign_of_a_crash),
                "{sign_of_a_crash:?} in the output:\n{output}"
            );
        }
    }
}

#[track_caller]
fn field<'a>(json: &'a Json, key: &str) -> &'a Json {
    json.get(key)
        .unwrap_or_else(|| panic!("the report has no {key:?}: {json}"))
}

#[track_caller]
fn assert_stats(stats: &Json, what: &str) {
    for key in ["mean", "sd", "p5", "p50", "p95"] {
        let value = stats
            .get(key)
            .and_then(Json::as_f64)
            .unwrap_or_else(|| panic!("{what}.{key} is not a number: {stats}"));
        assert!(value.is_finite() && value >= 0.0, "{what}.{key} = {value}");
    }
    let quantile = |key| stats[key].as_f64().unwrap_or(f64::NAN);
    assert!(
        quantile("p5") <= quantile("p50") && quantile("p50") <= quantile("p95"),
        "{what}: quantiles out of order: {stats}"
    );
}

fn run_json(file: &TempFile, seed: &str) -> Run {
    succeeds(funnelcast(&[
        "run",
        file.arg(),
        "--runs",
        "200",
        "--seed",
        seed,
        "--json",
    ]))
}

#[test]
fn run_json_prints_the_report() {
    let file = TempFile::new("run-json", SCENARIO);
    let run = run_json(&file, "7");
    let report: Json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout));
    assert_eq!(field(&report, "runs"), 200);
    assert_eq!(field(&report, "seed"), 7);
    assert_eq!(field(&report, "horizon_days"), 60);
    for key in [
        "leads",
        "customers",
        "purchases",
        "revenue",
        "cost",
        "first_purchase_day",
    ] {
        assert_stats(field(&report, key), key);
    }
    // The fixed source alone sends 20 leads, the Poisson one about 30 a day for 60 days.
    let leads = report["leads"]["mean"].as_f64().unwrap_or(0.0);
    assert!((1700.0..2100.0).contains(&leads), "leads mean {leads}");
    assert!(report["customers"]["mean"].as_f64().unwrap_or(0.0) > 0.0);
    let last_day = report["first_purchase_day"]["p95"].as_f64().unwrap_or(-1.0);
    assert!(
        (0.0..60.0).contains(&last_day),
        "first purchase p95 {last_day}"
    );

    let stages = field(&report, "stages")
        .as_array()
        .expect("stages is a list");
    let names: Vec<&str> = stages
        .iter()
        .map(|stage| field(stage, "name").as_str().expect("a stage name"))
        .collect();
    assert_eq!(names, ["Visit", "Demo", "Order"]);
    for stage in stages {
        assert_stats(field(stage, "entered"), "entered");
        assert_stats(field(stage, "converted"), "converted");
    }
    assert!(field(&report, "exact").is_object(), "exact is an object");
    let daily = field(&report, "daily");
    let bands = daily
        .as_object()
        .expect("daily is an object")
        .values()
        .next()
        .expect("daily has a series");
    let days = bands["p50"].as_array().map_or(0, Vec::len);
    assert_eq!(days, 60, "one daily value per day of the horizon");

    // Timing goes to stderr, and only there.
    assert!(
        run.stderr.contains("simulated 200 runs in"),
        "no timing on stderr: {}",
        run.stderr
    );
    assert!(!run.stdout.contains(" ms"), "timing leaked into stdout");
}

#[test]
fn the_same_seed_gives_byte_identical_output_and_another_seed_does_not() {
    let file = TempFile::new("seeds", SCENARIO);
    let first = run_json(&file, "7");
    let second = run_json(&file, "7");
    assert!(first.stdout == second.stdout, "two runs with seed 7 differ");
    let other = run_json(&file, "8");
    assert_ne!(
        first.stdout, other.stdout,
        "seeds 7 and 8 gave the same report"
    );
    // Timing differs from run to run; that is why it is kept off stdout.
    assert!(!first.stderr.is_empty());
}

#[test]
fn run_without_json_prints_a_table() {
    let file = TempFile::new("table", SCENARIO);
    let run = succeeds(funnelcast(&[
        "run",
        file.arg(),
        "--runs",
        "50",
        "--seed",
        "3",
    ]));
    assert!(
        run.stdout
            .starts_with("Command line test — 50 runs, seed 3, 60 days"),
        "{}",
        run.stdout
    );
    for row in [
        "Leads",
        "Customers",
        "Purchases",
        "Revenue",
        "Cost",
        "Stage",
    ] {
        assert!(
            run.stdout.lines().any(|line| line.starts_with(row)),
            "no {row} row:\n{}",
            run.stdout
        );
    }
    for stage in ["Visit", "Demo", "Order"] {
        assert!(
            run.stdout.lines().any(|line| line.starts_with(stage)),
            "stage {stage} is not listed:\n{}",
            run.stdout
        );
    }
    assert!(serde_json::from_str::<Json>(&run.stdout).is_err());
    assert!(
        run.stderr.contains("simulated 50 runs in"),
        "{}",
        run.stderr
    );
}

#[test]
fn run_reports_an_invalid_scenario_without_simulating() {
    let file = TempFile::new(
        "run-invalid",
        &SCENARIO.replace("\"conversion\": 0.5", "\"conversion\": 5"),
    );
    fails_with(
        funnelcast(&["run", file.arg(), "--runs", "10", "--json"]),
        &["stages[1].conversion", "between 0 and 1"],
    );
}

#[test]
fn validate_accepts_a_valid_file() {
    let file = TempFile::new("valid", SCENARIO);
    let run = succeeds(funnelcast(&["validate", file.arg()]));
    assert!(
        run.stdout
            .contains("valid: \"Command line test\", 3 stages, 2 sources, 60 days"),
        "{}",
        run.stdout
    );
    assert_eq!(run.stderr, "");
}

#[test]
fn validate_reads_standard_input() {
    let run = succeeds(funnelcast_with_input(&["validate", "-"], SCENARIO));
    assert!(run.stdout.contains("valid"), "{}", run.stdout);
}

#[test]
fn validate_rejects_an_invalid_file_with_every_field_path() {
    let broken = SCENARIO
        .replace("\"horizon_days\": 60", "\"horizon_days\": 0")
        .replace("\"to\": \"Demo\"", "\"to\": \"Dmeo\"")
        .replace("\"max\": 3", "\"max\": -3");
    let file = TempFile::new("invalid", &broken);
    let run = funnelcast(&["validate", file.arg()]);
    let stderr = run.stderr.clone();
    fails_with(
        run,
        &[
            "horizon_days: horizon_days must be a whole number from 1 to 3650, not 0",
            r#"stages[1].nurture.to: "Dmeo" names no stage; the stages are "Visit", "Demo", "Order""#,
            "stages[2].delay_days.uniform.max",
        ],
    );
    // One line per broken rule, each naming the file.
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(
        lines.iter().all(|line| line.contains(file.arg())),
        "{stderr}"
    );
}

#[test]
fn validate_reports_malformed_json_with_line_and_column() {
    let file = TempFile::new("malformed", "{\n  \"horizon_days\": 30,,\n}");
    fails_with(
        funnelcast(&["validate", file.arg()]),
        &["line 2, column 22", "key must be a string"],
    );
}

#[test]
fn validate_reports_an_unknown_key_with_its_path() {
    let file = TempFile::new(
        "typo",
        &SCENARIO.replace("\"conversion\": 0.8", "\"convertion\": 0.8"),
    );
    fails_with(
        funnelcast(&["validate", file.arg()]),
        &["stages[2].convertion: unknown field `convertion`", "line "],
    );
}

#[test]
fn a_missing_file_is_a_clear_error() {
    let missing = std::env::temp_dir().join("funnelcast-cli-test-no-such-file.json");
    let missing = missing.to_str().expect("UTF-8");
    for args in [
        vec!["validate", missing],
        vec!["run", missing, "--runs", "10"],
    ] {
        fails_with(funnelcast(&args), &["cannot read", missing]);
    }
}

#[test]
fn runs_out_of_range_are_refused() {
    let file = TempFile::new("runs", SCENARIO);
    for (runs, allowed) in [
        ("0", "1..=1000000"),
        ("99999999999", "1..=1000000"),
        // Within the range but beyond what fits in memory for a 60-day horizon.
        ("1000000", "at most 833333 runs"),
        ("-5", "invalid value '-5'"),
        ("many", "invalid digit"),
    ] {
        let option = format!("--runs={runs}");
        fails_with(
            funnelcast(&["run", file.arg(), &option]),
            &["--runs", runs, allowed],
        );
    }
}

#[test]
fn presets_lists_every_preset_with_its_description() {
    let run = succeeds(funnelcast(&["presets"]));
    assert_eq!(
        run.stdout.lines().count(),
        presets::PRESETS.len(),
        "{}",
        run.stdout
    );
    for preset in presets::PRESETS {
        let scenario = preset.scenario();
        let line = run
            .stdout
            .lines()
            .find(|line| line.split_whitespace().next() == Some(preset.id))
            .unwrap_or_else(|| panic!("{} is not listed:\n{}", preset.id, run.stdout));
        assert!(line.contains(&scenario.name), "{line}");
        assert!(
            !scenario.description.is_empty() && line.contains(&scenario.description),
            "{line}"
        );
    }
}

#[test]
fn a_printed_preset_validates() {
    let run = succeeds(funnelcast(&["preset", "six-step"]));
    let preset = presets::find("six-step").expect("the six-step preset exists");
    assert_eq!(run.stdout, preset.json);
    let file = TempFile::new("six-step", &run.stdout);
    let validated = succeeds(funnelcast(&["validate", file.arg()]));
    assert!(
        validated
            .stdout
            .contains("valid: \"Six-step marketing funnel\""),
        "{}",
        validated.stdout
    );
}

#[test]
fn an_unknown_preset_lists_the_presets() {
    let ids: Vec<&str> = presets::PRESETS.iter().map(|p| p.id).collect();
    let mut fragments = vec!["no preset named \"nope\""];
    fragments.extend(&ids);
    fails_with(funnelcast(&["preset", "nope"]), &fragments);
}

#[test]
fn an_unknown_subcommand_is_refused() {
    fails_with(funnelcast(&["simulate", "x.json"]), &["simulate", "Usage"]);
    fails_with(funnelcast(&[]), &["Usage"]);
}

/// `SCENARIO` with Demo's conversion raised from 0.5 to 0.9: plan B of the comparisons.
fn plan_b() -> String {
    SCENARIO.replace(
        r#""name": "Demo", "conversion": 0.5"#,
        r#""name": "Demo", "conversion": 0.9"#,
    )
}

#[test]
fn sensitivity_json_lists_levers_sorted_by_mean_revenue_change() {
    let file = TempFile::new("sensitivity-json", SCENARIO);
    let run = succeeds(funnelcast(&[
        "sensitivity",
        file.arg(),
        "--runs",
        "100",
        "--seed",
        "3",
        "--step",
        "10",
        "--json",
    ]));
    let report: Json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout));
    let levers = field(&report, "levers")
        .as_array()
        .unwrap_or_else(|| panic!("levers is not a list: {report}"));
    // Conversion and delay of 3 stages, one nurture loop, volume and cost of 2 sources,
    // repeat: 12 levers, improved and worsened.
    assert_eq!(levers.len(), 24);
    let means: Vec<f64> = levers
        .iter()
        .map(|l| {
            field(field(l, "revenue_delta"), "mean")
                .as_f64()
                .unwrap_or(f64::NAN)
        })
        .collect();
    assert!(
        means.windows(2).all(|w| w[0] >= w[1]),
        "not sorted: {means:?}"
    );
    for lever in levers {
        for key in ["lever", "target"] {
            assert!(field(lever, key).is_string(), "{key} in {lever}");
        }
        assert!(field(lever, "change").is_number());
        for delta in ["revenue_delta", "customers_delta", "profit_delta"] {
            let stats = field(lever, delta);
            let (p5, mean, p95) = (
                stats["p5"].as_f64().unwrap_or(f64::NAN),
                stats["mean"].as_f64().unwrap_or(f64::NAN),
                stats["p95"].as_f64().unwrap_or(f64::NAN),
            );
            assert!(p5 <= p95 && mean.is_finite(), "{delta}: {stats}");
        }
    }
    // The best lever is an improved conversion, and cutting a cost per lead adds profit only.
    assert_eq!(levers[0]["lever"], "conversion");
    assert_eq!(levers[0]["change"], 10.0);
    let cost = levers
        .iter()
        .find(|l| l["lever"] == "cost_per_lead" && l["target"] == "Ads" && l["change"] == 10.0)
        .unwrap_or_else(|| panic!("no cost lever for Ads"));
    assert_eq!(cost["revenue_delta"]["mean"], 0.0);
    assert!(cost["profit_delta"]["mean"].as_f64().unwrap_or(0.0) > 0.0);
    // The same arguments give the same bytes.
    let again = succeeds(funnelcast(&[
        "sensitivity",
        file.arg(),
        "--runs",
        "100",
        "--seed",
        "3",
        "--step",
        "10",
        "--json",
    ]));
    assert_eq!(run.stdout, again.stdout);
}

#[test]
fn sensitivity_prints_a_table_with_the_best_lever_in_words() {
    let file = TempFile::new("sensitivity-table", SCENARIO);
    let run = succeeds(funnelcast(&[
        "sensitivity",
        file.arg(),
        "--runs",
        "50",
        "--mode",
        "relative",
    ]));
    for fragment in [
        "Command line test — sensitivity, 50 runs, seed 1, step 5",
        "Revenue Δ",
        "conversion",
        "cost_per_lead",
        "+5%",
        "adds about",
        "more than any other single change",
    ] {
        assert!(
            run.stdout.contains(fragment),
            "{fragment:?} in:\n{}",
            run.stdout
        );
    }
    assert!(run.stderr.contains("simulated 25 variants x 50 runs"));
}

#[test]
fn sensitivity_refuses_bad_options_and_files() {
    let file = TempFile::new("sensitivity-bad", SCENARIO);
    fails_with(
        funnelcast(&["sensitivity", file.arg(), "--step", "0"]),
        &["--step", "above 0"],
    );
    fails_with(
        funnelcast(&["sensitivity", file.arg(), "--mode", "sideways"]),
        &["--mode", "points"],
    );
    let invalid = TempFile::new(
        "sensitivity-invalid",
        &SCENARIO.replace(r#""conversion": 0.8"#, r#""conversion": 1.8"#),
    );
    fails_with(
        funnelcast(&["sensitivity", invalid.arg()]),
        &["stages[2].conversion"],
    );
}

#[test]
fn compare_json_has_both_reports_the_differences_and_who_wins() {
    let a = TempFile::new("compare-a", SCENARIO);
    let b = TempFile::new("compare-b", &plan_b());
    let run = succeeds(funnelcast(&[
        "compare",
        a.arg(),
        b.arg(),
        "--runs",
        "200",
        "--seed",
        "5",
        "--json",
    ]));
    let json: Json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout));
    for report in ["a", "b"] {
        assert_eq!(field(field(&json, report), "runs"), 200);
        assert_stats(field(field(&json, report), "revenue"), report);
    }
    let diff = field(&json, "diff");
    let beats = field(&json, "p_b_beats_a");
    for metric in ["revenue", "customers", "profit", "cost_per_customer"] {
        let stats = field(diff, metric);
        let mean = stats["mean"].as_f64().unwrap_or(f64::NAN);
        assert!(
            stats["p5"].as_f64() <= stats["p95"].as_f64() && mean.is_finite(),
            "{metric}: {stats}"
        );
        let p = field(beats, metric).as_f64().unwrap_or(f64::NAN);
        assert!((0.0..=1.0).contains(&p), "{metric}: {p}");
    }
    // Demo converting 90% instead of 50% wins on revenue in (almost) every run.
    assert!(diff["revenue"]["mean"].as_f64().unwrap_or(0.0) > 0.0);
    assert!(beats["revenue"].as_f64().unwrap_or(0.0) > 0.95);
    // B's revenue mean minus A's is the mean difference.
    let mean = |r: &str| json[r]["revenue"]["mean"].as_f64().unwrap_or(f64::NAN);
    let difference = diff["revenue"]["mean"].as_f64().unwrap_or(f64::NAN);
    assert!((mean("b") - mean("a") - difference).abs() < 1e-6 * mean("a"));
}

#[test]
fn comparing_a_plan_with_itself_gives_zero_difference_and_even_odds() {
    let a = TempFile::new("compare-same", SCENARIO);
    let run = succeeds(funnelcast(&[
        "compare",
        a.arg(),
        a.arg(),
        "--runs",
        "100",
        "--json",
    ]));
    let json: Json = serde_json::from_str(&run.stdout)
        .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", run.stdout));
    for metric in ["revenue", "customers", "profit"] {
        for key in ["mean", "sd", "p5", "p95"] {
            assert_eq!(json["diff"][metric][key], 0.0, "{metric}.{key}");
        }
        assert_eq!(
            json["p_b_beats_a"][metric], 0.5,
            "{metric}: ties count half"
        );
    }
    assert_eq!(json["a"], json["b"]);
}

#[test]
fn compare_prints_a_table_side_by_side() {
    let a = TempFile::new("compare-table-a", SCENARIO);
    let b = TempFile::new("compare-table-b", &plan_b());
    let run = succeeds(funnelcast(&["compare", a.arg(), b.arg(), "--runs", "100"]));
    for fragment in [
        "A: Command line test",
        "B: Command line test",
        "100 runs, seed 1",
        "B - A mean",
        "P(B beats A)",
        "Revenue",
        "Cost per customer",
    ] {
        assert!(
            run.stdout.contains(fragment),
            "{fragment:?} in:\n{}",
            run.stdout
        );
    }
}

#[test]
fn compare_names_the_broken_file_and_field() {
    let a = TempFile::new("compare-good", SCENARIO);
    let broken = TempFile::new(
        "compare-broken",
        &SCENARIO.replace(r#""reentry": 0.4"#, r#""reentry": -1"#),
    );
    fails_with(
        funnelcast(&["compare", a.arg(), broken.arg()]),
        &[broken.arg(), "stages[1].nurture.reentry"],
    );
    fails_with(
        funnelcast(&["compare", a.arg(), "/nonexistent/b.json"]),
        &["cannot read /nonexistent/b.json"],
    );
    fails_with(
        funnelcast(&["compare", a.arg(), a.arg(), "--runs", "0"]),
        &["--runs"],
    );
}

/// The report as JSON without the key `automatic`.
fn without_automatic(text: &str) -> Json {
    let mut report: Json = serde_json::from_str(text).expect("the report is JSON");
    report
        .as_object_mut()
        .expect("the report is an object")
        .remove("automatic");
    report
}

#[test]
fn precision_runs_until_the_revenue_is_known_well_enough_and_says_how_many_runs_it_took() {
    let file = TempFile::new("precision", SCENARIO);
    let automatic = |threads: &str| {
        succeeds(funnelcast(&[
            "run",
            file.arg(),
            "--precision",
            "2%",
            "--seed",
            "3",
            "--threads",
            threads,
            "--json",
        ]))
    };
    let one = automatic("1");
    let report: Json = serde_json::from_str(&one.stdout).expect("JSON");
    let outcome = field(&report, "automatic");
    assert_eq!(outcome["tolerance"], 0.02);
    assert_eq!(outcome["cap"], 100_000);
    assert_eq!(outcome["reached"], true, "{outcome}");
    let errors = &outcome["relative_errors"];
    for key in ["mean", "p5", "p95"] {
        let error = errors[key].as_f64().expect("a number");
        assert!((0.0..0.02).contains(&error), "{key}: {error}");
    }
    // The mean's error is the one the report's own precision gives.
    let revenue = field(&report, "revenue");
    let se = revenue["precision"]["mean_se"].as_f64().expect("se");
    let mean = revenue["mean"].as_f64().expect("mean");
    assert!((errors["mean"].as_f64().unwrap() - se / mean).abs() < 1e-12);
    // More than the first chunk was needed, in whole chunks, and stderr says so.
    let runs = field(&report, "runs").as_u64().expect("runs");
    assert!(runs > 500 && runs.is_multiple_of(500), "runs = {runs}");
    assert!(
        one.stderr
            .contains(&format!("precision 2.00% reached after {runs} runs")),
        "{}",
        one.stderr
    );
    // Reproducible, on any number of threads; and the report is that of a plain run with as
    // many runs.
    assert_eq!(automatic("3").stdout, one.stdout);
    assert_eq!(automatic("1").stdout, one.stdout);
    let plain = succeeds(funnelcast(&[
        "run",
        file.arg(),
        "--runs",
        &runs.to_string(),
        "--seed",
        "3",
        "--json",
    ]));
    assert_eq!(
        without_automatic(&plain.stdout),
        without_automatic(&one.stdout)
    );
    assert!(!plain.stdout.contains("\"automatic\""));
}

#[test]
fn precision_out_of_reach_stops_at_the_runs_given_as_the_cap() {
    let file = TempFile::new("precision-cap", SCENARIO);
    let run = succeeds(funnelcast(&[
        "run",
        file.arg(),
        "--precision",
        "0.01%",
        "--runs",
        "700",
        "--json",
    ]));
    let report: Json = serde_json::from_str(&run.stdout).expect("JSON");
    assert_eq!(field(&report, "runs"), 700);
    assert_eq!(report["automatic"]["reached"], false);
    assert_eq!(report["automatic"]["cap"], 700);
    assert!(
        run.stderr
            .contains("precision 0.01% not reached: stopped at the cap of 700 runs"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_report_is_the_same_on_any_number_of_threads() {
    let file = TempFile::new("threads", SCENARIO);
    let on = |threads: &str| {
        succeeds(funnelcast(&[
            "run",
            file.arg(),
            "--runs",
            "301",
            "--threads",
            threads,
            "--json",
        ]))
        .stdout
    };
    let one = on("1");
    for threads in ["2", "3", "4", "7"] {
        assert_eq!(on(threads), one, "--threads {threads}");
    }
    let run = succeeds(funnelcast(&[
        "run",
        file.arg(),
        "--runs",
        "10",
        "--threads",
        "4",
    ]));
    assert!(run.stderr.contains("on 4 threads"), "{}", run.stderr);
}

#[test]
fn bad_precisions_and_thread_counts_are_refused_by_name() {
    let file = TempFile::new("precision-bad", SCENARIO);
    for (value, fragments) in [
        (
            "150%",
            vec!["--precision", "above 0% and at most 10%", "150%"],
        ),
        ("0%", vec!["--precision", "above 0% and at most 10%"]),
        (
            "0.5",
            vec!["--precision", "above 0% and at most 10% (got 50%)"],
        ),
        ("5", vec!["--precision", "would be 500%", "0.5%"]),
        ("abc", vec!["--precision", "\"abc\" is not a precision"]),
        ("NaN%", vec!["--precision", "above 0% and at most 10%"]),
    ] {
        let option = format!("--precision={value}");
        fails_with(funnelcast(&["run", file.arg(), &option]), &fragments);
    }
    fails_with(
        funnelcast(&["run", file.arg(), "--threads", "0"]),
        &["--threads", "1..=256"],
    );
}

/// Figures per channel in `--json`: one entry per source, in the scenario's order, each figure
/// a summary over runs; the sources' means add up to the totals; the free source has no
/// return on spend (no run costs anything) and says so.
#[test]
fn run_json_has_each_sources_figures() {
    let file = TempFile::new("sources-json", SCENARIO);
    let run = run_json(&file, "7");
    let report: Json = serde_json::from_str(&run.stdout).expect("the report is JSON");
    let sources = field(&report, "sources")
        .as_array()
        .expect("sources is a list");
    let names: Vec<&str> = sources
        .iter()
        .map(|source| field(source, "name").as_str().expect("a source name"))
        .collect();
    assert_eq!(names, ["Ads", "Event"]);
    for source in sources {
        for key in [
            "leads",
            "cost",
            "customers",
            "purchases",
            "revenue",
            "cost_per_customer",
        ] {
            assert_stats(field(source, key), key);
            assert!(
                source[key]["precision"]["mean_se"].is_number(),
                "{key} has its precision"
            );
        }
        assert!(field(source, "exact").is_object());
    }
    for key in ["leads", "cost", "customers", "purchases", "revenue"] {
        let parts: f64 = sources
            .iter()
            .map(|s| s[key]["mean"].as_f64().unwrap_or(f64::NAN))
            .sum();
        let total = report[key]["mean"].as_f64().unwrap_or(f64::NAN);
        assert!(
            (parts - total).abs() <= 1e-9 * total.abs().max(1.0),
            "{key}: the sources' means add up to {parts}, the total is {total}"
        );
    }
    // The event sends 20 leads on day 3, free.
    assert_eq!(sources[1]["leads"]["mean"], 20.0);
    assert_eq!(sources[1]["runs_with_cost"], 0);
    assert_eq!(sources[0]["runs_with_cost"], 200);
}

/// The table's per-source section: each source's rows with the JSON's means (as the table
/// rounds them), and "no cost" for a free source.
#[test]
fn run_prints_a_section_per_source() {
    let file = TempFile::new("sources-table", SCENARIO);
    let table = succeeds(funnelcast(&[
        "run",
        file.arg(),
        "--runs",
        "200",
        "--seed",
        "7",
    ]))
    .stdout;
    let report: Json = serde_json::from_str(&run_json(&file, "7").stdout).expect("JSON");
    let lines: Vec<&str> = table.lines().collect();
    for (index, name) in ["Ads", "Event"].iter().enumerate() {
        let start = lines
            .iter()
            .position(|line| line.starts_with(&format!("Source: {name} ")))
            .unwrap_or_else(|| panic!("no section for {name}:\n{table}"));
        let source = &report["sources"][index];
        for (offset, (label, key)) in [
            ("Leads", "leads"),
            ("Cost", "cost"),
            ("Customers", "customers"),
            ("Purchases", "purchases"),
            ("Revenue", "revenue"),
            ("Cost per customer", "cost_per_customer"),
        ]
        .iter()
        .enumerate()
        {
            let line = lines.get(start + 1 + offset).copied().unwrap_or_default();
            assert!(
                line.starts_with(&format!("  {label} ")),
                "{label} row: {line:?}"
            );
            // The mean's "± error" column is left out: mean, p5, median, p95.
            let tokens: Vec<&str> = line[22..].split_whitespace().collect();
            let mut cells: Vec<f64> = Vec::new();
            let mut index = 0;
            while index < tokens.len() {
                if tokens[index] == "±" {
                    index += 2;
                    continue;
                }
                cells.push(tokens[index].replace(',', "").parse().unwrap_or(f64::NAN));
                index += 1;
            }
            let stats = &source[*key];
            for (cell, quantile) in cells.iter().zip(["mean", "p5", "p50", "p95"]) {
                let value = stats[quantile].as_f64().unwrap_or(f64::NAN);
                // The table keeps three decimals below 10, one below 1,000, none above.
                let rounding = if value.abs() >= 1000.0 { 0.5 } else { 0.0501 };
                assert!(
                    (cell - value).abs() <= rounding,
                    "{name} {label} {quantile}: table {cell}, JSON {value} ({line:?})"
                );
            }
        }
        let last = lines.get(start + 7).copied().unwrap_or_default();
        assert!(last.starts_with("  Return on spend "), "{last:?}");
        assert_eq!(
            last.trim_end().ends_with("no cost"),
            *name == "Event",
            "{last:?}"
        );
    }
}

/// Without any lead cost the headline "Return on spend" says "no cost" (a ratio over no
/// spend is undefined; 0 would read as a loss), and with a cost it is the ratio.
#[test]
fn return_on_spend_without_any_cost_says_no_cost() {
    let free = r#"{
        "name": "Free leads",
        "horizon_days": 60,
        "sources": [{"name": "Referrals", "entry": "Visit", "per_day": {"poisson": 10}}],
        "stages": [
            {"name": "Visit", "conversion": 0.5, "delay_days": {"fixed": 1}},
            {"name": "Purchase", "conversion": 0.5, "delay_days": {"fixed": 1}, "value": {"fixed": 80}}
        ]
    }"#;
    let line_of = |text: &str| {
        text.lines()
            .find(|line| line.starts_with("Return on spend "))
            .unwrap_or_else(|| panic!("no return on spend row:\n{text}"))
            .to_string()
    };
    let file = TempFile::new("free-leads", free);
    let table = succeeds(funnelcast(&[
        "run",
        file.arg(),
        "--runs",
        "50",
        "--seed",
        "1",
    ]))
    .stdout;
    assert!(line_of(&table).trim_end().ends_with("no cost"), "{table}");
    let paid = free.replace(r#""poisson": 10}"#, r#""poisson": 10}, "cost_per_lead": 2"#);
    let file = TempFile::new("paid-leads", &paid);
    let table = succeeds(funnelcast(&[
        "run",
        file.arg(),
        "--runs",
        "50",
        "--seed",
        "1",
    ]))
    .stdout;
    let line = line_of(&table);
    assert!(!line.contains("no cost"), "{line}");
    let mean: f64 = line[22..]
        .split_whitespace()
        .next()
        .and_then(|cell| cell.replace(',', "").parse().ok())
        .unwrap_or(f64::NAN);
    assert!(mean > 0.0, "a ratio over a spend: {line}");
}
