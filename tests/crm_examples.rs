//! The example CRM histories (`examples/crm/`) and `funnelcast calibrate` on them, as a planner
//! would run it: the files are what the per-lead reference makes of the documented scenario
//! `examples/crm/pipeline.json` with an export cut (regenerated here: `UPDATE_EXAMPLES=1`
//! rewrites them), the command line calibrates each back to a scenario `funnelcast run` takes,
//! and every bad input is one message naming the line and the column.

use std::path::{Path, PathBuf};

use funnelcast::calibrate::{self, history::day_from_date, write};
use funnelcast::scenario;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The seed and the first day of the examples' history (the export is 180 days on).
const SEED: u64 = 2026;

fn examples() -> Vec<(&'static str, String)> {
    let text = std::fs::read_to_string(root().join("examples/crm/pipeline.json"))
        .expect("the examples' scenario");
    let (_, model) = scenario::load(&text).expect("a valid scenario");
    let start = day_from_date(2026, 1, 5).expect("a date");
    let history = calibrate::generate(&model, SEED, start);
    vec![
        ("history.csv", write::canonical(&history)),
        ("hubspot-wide.csv", write::wide(&history)),
        ("history-semicolon.csv", write::semicolon(&history)),
        ("stage-changes.csv", write::change_log(&history)),
    ]
}

#[test]
fn the_example_histories_are_what_the_scenario_makes() {
    for (name, text) in examples() {
        let path = root().join("examples/crm").join(name);
        if std::env::var("UPDATE_EXAMPLES").is_ok_and(|v| v == "1") {
            std::fs::write(&path, &text).expect("writing an example");
            continue;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "no {}: run UPDATE_EXAMPLES=1 cargo test --test crm_examples",
                path.display()
            )
        });
        assert!(
            committed == text,
            "{} is not what examples/crm/pipeline.json makes: run UPDATE_EXAMPLES=1 cargo test \
             --test crm_examples and commit it",
            path.display()
        );
    }
}

/// Runs the command line; returns the exit code, standard output and standard error.
fn cli(args: &[&str]) -> (i32, String, String) {
    let mut all = vec!["funnelcast".to_string()];
    all.extend(args.iter().map(|a| a.to_string()));
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = funnelcast::cli::main_with_args(all, &mut out, &mut err);
    (
        code,
        String::from_utf8(out).expect("UTF-8"),
        String::from_utf8(err).expect("UTF-8"),
    )
}

fn temp(name: &str, contents: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("funnelcast-crm-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).expect("a temporary file");
    path
}

fn text(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Each example calibrates to a scenario that `funnelcast run` takes, near the truth: the
/// canonical file, its semicolon twin and the change log give the same scenario, and the
/// report goes to standard error as tables and to `--report` as JSON.
#[test]
fn each_example_calibrates_to_a_scenario_run_takes() {
    let examples = root().join("examples/crm");
    let report =
        std::env::temp_dir().join(format!("funnelcast-crm-report-{}.json", std::process::id()));
    let mut scenarios = Vec::new();
    for name in [
        "history.csv",
        "history-semicolon.csv",
        "hubspot-wide.csv",
        "stage-changes.csv",
    ] {
        let file = text(&examples.join(name));
        let (code, out, err) = cli(&[
            "calibrate",
            &file,
            "--report",
            &text(&report),
            "--backtest-runs",
            "200",
        ]);
        assert_eq!(code, 0, "{name}: {err}");
        let (_, model) = scenario::load(&out).expect("the printed scenario loads");
        assert_eq!(model.stages.len(), 4, "{name}");
        assert!(
            err.contains("Contract"),
            "{name}: the report's tables name the stages: {err}"
        );
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&report).expect("the report file"))
                .expect("the report as JSON");
        assert!(json.get("stages").is_some(), "{json}");
        // The truth: Lead 0.45, Meeting 0.6, Proposal 0.4, Contract 0.7.
        for (stage, truth) in model.stages.iter().zip([0.45, 0.6, 0.4, 0.7]) {
            let mean = stage.conversion.mean();
            assert!(
                (mean - truth).abs() < 0.08,
                "{name}: {} calibrated to {mean:.3}, the truth is {truth}",
                stage.name
            );
        }
        let path = temp("calibrated.json", out.as_bytes());
        let (code, _, err) = cli(&["run", &text(&path), "--runs", "200", "--json"]);
        assert_eq!(
            code, 0,
            "{name}: funnelcast run refused the calibrated scenario: {err}"
        );
        scenarios.push(out);
    }
    assert_eq!(
        scenarios[0], scenarios[1],
        "the semicolon twin calibrates differently"
    );
    // The change log holds the same visits: a stage's row is its entry, the next row its end.
    assert_eq!(
        scenarios[0], scenarios[3],
        "the change log calibrates differently from the canonical file"
    );
    // With the funnel: its name and lead costs are kept.
    let funnel = text(&examples.join("pipeline.json"));
    let (code, out, err) = cli(&[
        "calibrate",
        &text(&examples.join("history.csv")),
        "--funnel",
        &funnel,
        "--backtest-runs",
        "0",
    ]);
    assert_eq!(code, 0, "{err}");
    let (calibrated, _) = scenario::load(&out).expect("loads");
    assert_eq!(
        calibrated.name,
        "B2B pipeline behind the example CRM histories"
    );
    let _ = std::fs::remove_file(&report);
}

/// Every bad input is a non-zero exit and a message naming the file, the line and the column
/// as the person sees them; nothing on standard output.
#[test]
fn bad_histories_are_named_by_line_and_column() {
    let funnel = text(&root().join("examples/crm/pipeline.json"));
    let header = "deal,stage,entered,left,outcome,source,amount\n";
    // What, the file's bytes, more arguments, what the message must name.
    type Case<'a> = (&'a str, Vec<u8>, Vec<&'a str>, Vec<&'a str>);
    let cases: Vec<Case> = vec![
        (
            "missing column",
            b"deal,stage,left\n1,Lead,2026-01-02\n".to_vec(),
            vec![],
            vec!["entered"],
        ),
        (
            "bad date",
            format!("{header}1,Lead,2026-01-02,2026-13-45,advanced,Web,\n").into_bytes(),
            vec![],
            vec!["line 2", "left", "2026-13-45"],
        ),
        (
            "stage not in the funnel",
            format!("{header}1,Lead,2026-01-02,2026-01-03,advanced,Web,\n1,Demo call,2026-01-03,,,Web,\n").into_bytes(),
            vec!["--funnel", funnel.as_str()],
            vec!["Demo call", "Proposal"],
        ),
        (
            "overlapping visits",
            format!("{header}1,Lead,2026-01-02,2026-01-10,advanced,Web,\n1,Meeting,2026-01-05,,,Web,\n").into_bytes(),
            vec![],
            vec!["line 2", "line 3"],
        ),
        ("not CSV", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec(), vec![], vec!["not"]),
        ("empty", Vec::new(), vec![], vec!["empty"]),
    ];
    for (what, bytes, extra, wanted) in cases {
        let path = temp("bad.csv", &bytes);
        let file = text(&path);
        let mut args = vec!["calibrate", file.as_str()];
        args.extend(extra.iter().copied());
        let (code, out, err) = cli(&args);
        assert_eq!(code, 1, "{what}: {err}");
        assert!(out.is_empty(), "{what}: printed {out}");
        assert!(err.contains(&file), "{what}: the file is not named: {err}");
        for needle in wanted {
            assert!(err.contains(needle), "{what}: {needle:?} not in {err}");
        }
        assert!(!err.contains("panicked"), "{what}: {err}");
    }
    let (code, _, err) = cli(&["calibrate", "-", "--column", "nonsense"]);
    assert_eq!(code, 1);
    assert!(err.contains("ROLE=HEADER"), "{err}");
    let (code, _, err) = cli(&["calibrate", "x.csv", "--as-of", "yesterday"]);
    assert_eq!(code, 1);
    assert!(err.contains("--as-of yesterday"), "{err}");
}

/// What the history cannot tell comes from the funnel, the correlation of its rates too.
#[test]
fn the_funnel_s_correlation_is_kept() {
    let json = std::fs::read_to_string(root().join("examples/crm/pipeline.json")).expect("funnel");
    let mut funnel: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    funnel["rate_correlation"] = serde_json::json!(0.3);
    let path = temp("correlated-funnel.json", funnel.to_string().as_bytes());
    let history = text(&root().join("examples/crm/history.csv"));
    let (code, out, err) = cli(&[
        "calibrate",
        &history,
        "--funnel",
        &text(&path),
        "--backtest-runs",
        "0",
    ]);
    assert_eq!(code, 0, "{err}");
    let (calibrated, _) = scenario::load(&out).expect("loads");
    assert_eq!(calibrated.rate_correlation, Some(0.3));
}
