//! The fuzz targets' seed corpus (`fuzz/seeds/<target>/`): inputs made by the project's own
//! code from the presets, the examples and the tests' scenarios, so that `cargo xtask fuzz`
//! starts from what real inputs look like. Checked here to be what the code makes today (a
//! changed format would otherwise leave the fuzzers starting from stale seeds);
//! `UPDATE_SEEDS=1 cargo test --test fuzz_seeds` rewrites them.

use std::collections::BTreeMap;
use std::path::PathBuf;

use funnelcast::app_model::Settings;
use funnelcast::app_model::autosave::Saved;
use funnelcast::app_model::share::{self, Shared};
use funnelcast::engine::{RunBatch, RunResult, SourceCounts};
use funnelcast::scenario::{self, presets};
use funnelcast::worker::{Reply, Request, Task, codec};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every seed: target, file name, contents.
fn seeds() -> BTreeMap<(String, String), Vec<u8>> {
    let mut seeds = BTreeMap::new();
    let mut add = |target: &str, name: String, bytes: Vec<u8>| {
        seeds.insert((target.to_string(), name), bytes);
    };
    let mut scenarios = Vec::new();
    for preset in presets::PRESETS {
        scenarios.push((preset.id.to_string(), preset.json.to_string()));
    }
    for file in [
        "tests/data/planning-b1.json",
        "tests/data/classroom-b2.json",
        "examples/crm/pipeline.json",
    ] {
        let text = std::fs::read_to_string(root().join(file)).expect("a scenario file");
        let name = file
            .rsplit('/')
            .next()
            .unwrap_or(file)
            .trim_end_matches(".json")
            .to_string();
        scenarios.push((name, text));
    }
    for (name, text) in &scenarios {
        add(
            "scenario_json",
            format!("{name}.json"),
            text.clone().into_bytes(),
        );
        let (scenario, model) = scenario::load(text).expect("a valid scenario");
        let shared = Shared::new(scenario.clone(), Settings::default());
        add(
            "share_link",
            format!("{name}.txt"),
            share::encode(&shared).into_bytes(),
        );
        let saved = Saved::new(
            scenario.clone(),
            Settings::default(),
            Vec::new(),
            1_764_547_200_000,
        );
        add(
            "autosave",
            format!("{name}.json"),
            saved.to_json().into_bytes(),
        );
        let request = Request {
            job: 1,
            task: Task::SimulateRuns {
                scenario: text.clone(),
                seed: 1,
                runs: 4,
                start: 0,
                end: 4,
                chunk: 2,
                revenue: false,
            },
        };
        let json = serde_json::to_string(&request).expect("a request writes");
        add(
            "worker_message",
            format!("{name}-request.json"),
            json.into_bytes(),
        );
        // Runs made by hand in the scenario's shape (simulated ones would depend on the
        // machine's floating-point library): stages, sources, a short horizon.
        let days = (model.horizon as usize).min(20);
        let runs = (0..3u64)
            .map(|i| {
                let mut run = RunResult::empty(model.stages.len(), days);
                run.leads = 100 + i;
                run.customers = 7 * i;
                run.revenue = 1234.5 * i as f64;
                run.cost = 0.25 * run.leads as f64;
                for (k, stage) in run.stages.iter_mut().enumerate() {
                    stage.entered = 100 >> k.min(6);
                    stage.converted = 50 >> k.min(6);
                    stage.decision_days = 2.5 * k as f64;
                }
                for day in 0..days {
                    run.new_customers[day] = (day as u32 + i as u32) % 3;
                    run.revenue_by_day[day] = 10.0 * day as f64;
                    run.days_to_purchase[day] = 0.5 * day as f64;
                }
                run.sources = vec![
                    SourceCounts {
                        leads: 100,
                        ..SourceCounts::default()
                    };
                    model.sources.len()
                ];
                // The draws behind the uncertain rates (then the batch is written as FCB3),
                // and the lead-quality normal with correlated rates.
                let uncertain = model
                    .stages
                    .iter()
                    .filter(|stage| stage.conversion.is_uncertain())
                    .count();
                let quality = usize::from(uncertain > 0 && model.rate_correlation > 0.0);
                run.unknowns = (0..uncertain + quality)
                    .map(|j| 0.125 * (j as f64 + 1.0) - 0.5 * i as f64)
                    .collect();
                run
            })
            .collect();
        let batch = RunBatch { first_run: 4, runs };
        add("run_codec", format!("{name}.bin"), codec::encode(&batch));
    }
    for reply in [
        Reply::Ready,
        Reply::Progress { job: 3, done: 40 },
        Reply::Batch {
            job: 3,
            start: 0,
            end: 10,
            revenue: vec![1.5, 2.0],
        },
        Reply::Done {
            job: 3,
            json: "{}".to_string(),
        },
        Reply::Part { job: 3, part: 1 },
    ] {
        let json = serde_json::to_string(&reply).expect("a reply writes");
        let name = json.split('"').nth(1).unwrap_or("reply").to_string();
        add(
            "worker_message",
            format!("reply-{name}.json"),
            json.into_bytes(),
        );
    }
    // CRM histories: the first lines of each example (the fuzzers work on a few kB).
    for file in ["history.csv", "history-semicolon.csv", "hubspot-wide.csv"] {
        let text =
            std::fs::read_to_string(root().join("examples/crm").join(file)).expect("an example");
        let head: Vec<&str> = text.lines().take(40).collect();
        add(
            "crm_csv",
            file.to_string(),
            (head.join("\n") + "\n").into_bytes(),
        );
    }
    seeds
}

#[test]
fn the_fuzz_seeds_are_what_the_code_makes() {
    let dir = root().join("fuzz/seeds");
    let seeds = seeds();
    if std::env::var("UPDATE_SEEDS").is_ok_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&dir);
        for ((target, name), bytes) in &seeds {
            let folder = dir.join(target);
            std::fs::create_dir_all(&folder).expect("a seeds folder");
            std::fs::write(folder.join(name), bytes).expect("writing a seed");
        }
        return;
    }
    let stale = "run UPDATE_SEEDS=1 cargo test --test fuzz_seeds and commit fuzz/seeds";
    let mut committed = BTreeMap::new();
    for target in std::fs::read_dir(&dir).unwrap_or_else(|_| panic!("no fuzz/seeds: {stale}")) {
        let target = target.expect("an entry");
        for file in std::fs::read_dir(target.path()).expect("a target's seeds") {
            let file = file.expect("an entry");
            committed.insert(
                (
                    target.file_name().to_string_lossy().into_owned(),
                    file.file_name().to_string_lossy().into_owned(),
                ),
                std::fs::read(file.path()).expect("a seed"),
            );
        }
    }
    let names = |m: &BTreeMap<(String, String), Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&committed), names(&seeds), "{stale}");
    for (key, bytes) in &seeds {
        assert!(
            committed[key] == *bytes,
            "fuzz/seeds/{}/{} is stale: {stale}",
            key.0,
            key.1
        );
    }
}

/// Found by the `worker_message` and `autosave` fuzz targets: a number with many digits
/// (7777…7772, a hundred digits) parsed one unit in the last place away from its correctly
/// rounded value, so that what the page wrote and read back (a worker's revenues for the
/// automatic runs, an autosaved beta law) was not what it had: the runs the page's automatic
/// schedule counted could differ from the command line's. JSON now parses floats correctly
/// rounded (serde_json's `float_roundtrip`): each reads back bit for bit.
#[test]
fn long_numbers_read_back_bit_for_bit() {
    let long = format!("{}2", "7".repeat(99));
    let text =
        format!(r#"{{"batch":{{"job":3,"start":0,"end":10,"revenue":[2,5,{long},0,2.8]}}}}"#);
    let reply: Reply = serde_json::from_str(&text).expect("a reply");
    let again: Reply =
        serde_json::from_str(&serde_json::to_string(&reply).expect("writes")).expect("reads");
    assert_eq!(again, reply);
    for number in [
        long.as_str(),
        "6.5555555555555555555555555555555555555555e74",
        "0.1000000000000000055511151231257827021181583404541015625",
        "2.2250738585072011e-308",
    ] {
        let value: f64 = serde_json::from_str(number).expect("a number");
        let written = serde_json::to_string(&value).expect("writes");
        let back: f64 = serde_json::from_str(&written).expect("reads");
        assert_eq!(back.to_bits(), value.to_bits(), "{number} -> {written}");
        assert_eq!(
            value,
            number.parse::<f64>().expect("std parses"),
            "{number}"
        );
    }
}
