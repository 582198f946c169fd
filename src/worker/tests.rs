//! The worker protocol, run natively: the binary form of batches, and whole jobs split over
//! 1 to 4 simulated workers whose batches arrive in any order.

use super::*;
use crate::engine;
use crate::scenario::presets;

fn preset(id: &str) -> &'static str {
    match presets::find(id) {
        Some(preset) => preset.json,
        None => panic!("no preset {id}"),
    }
}

fn model(id: &str) -> Model {
    match load(preset(id), 1) {
        Ok(model) => model,
        Err(message) => panic!("preset {id}: {message}"),
    }
}

/// What the command line prints for `funnelcast run --json` with these runs and seed.
fn expected_json(id: &str, runs: u32, seed: u64) -> String {
    match report_json(&engine::simulate(&model(id), runs, seed)) {
        Ok(json) => json,
        Err(message) => panic!("{message}"),
    }
}

/// Every reply of one request to a fresh worker, with its attachments.
fn replies(request: Request, attachments: Vec<Vec<u8>>) -> Vec<(Reply, Vec<Vec<u8>>)> {
    replies_of(&mut Worker::default(), request, attachments)
}

/// Every reply of one request to `worker`, with its attachments.
fn replies_of(
    worker: &mut Worker,
    request: Request,
    attachments: Vec<Vec<u8>>,
) -> Vec<(Reply, Vec<Vec<u8>>)> {
    let mut replies = Vec::new();
    worker.handle(request, attachments, &mut |reply, attachments| {
        replies.push((reply, attachments));
    });
    replies
}

/// Simulates a job as a pool of `workers` would, hands the batches to the summary in the
/// order `order` gives, and returns the summary's reply.
fn pooled(
    scenario: &str,
    runs: u32,
    seed: u64,
    workers: usize,
    order: impl Fn(&mut Vec<Vec<u8>>),
) -> Reply {
    let job = 7;
    // One worker object for every task: its cached simulation serves them all.
    let mut worker = Worker::default();
    let mut batches = Vec::new();
    for range in split_runs(runs, workers) {
        let chunk = chunk_size(&range);
        let task = Task::SimulateRuns {
            scenario: scenario.to_string(),
            seed,
            runs,
            start: range.start,
            end: range.end,
            chunk,
            revenue: false,
        };
        let mut replies = replies_of(&mut worker, Request { job, task }, Vec::new());
        let Some((last, attachments)) = replies.pop() else {
            panic!("no reply for runs {range:?}");
        };
        assert_eq!(
            last,
            Reply::Batch {
                job,
                start: range.start,
                end: range.end,
                revenue: Vec::new(),
            }
        );
        assert_eq!(attachments.len(), 1, "one encoded batch");
        // Progress after each chunk, rising to the range's length.
        let done: Vec<u32> = replies
            .iter()
            .map(|(reply, _)| match reply {
                Reply::Progress { job: 7, done } => *done,
                other => panic!("expected progress, got {other:?}"),
            })
            .collect();
        assert!(done.windows(2).all(|pair| pair[0] < pair[1]), "{done:?}");
        assert_eq!(done.last().copied().unwrap_or(0), range.len() as u32);
        batches.extend(attachments);
    }
    order(&mut batches);
    let task = Task::Summarise {
        scenario: scenario.to_string(),
        seed,
        runs,
        automatic: None,
    };
    let mut replies = replies_of(&mut worker, Request { job, task }, batches);
    assert_eq!(replies.len(), 1, "{replies:?}");
    replies.remove(0).0
}

#[test]
fn a_batch_cut_into_segments_survives_encoding_and_reports_the_same() {
    let simulation = Simulation::new(&model("b2b-segments"));
    let batch = simulation.batch(2, 0..40);
    let bytes = codec::encode(&batch);
    assert_eq!(&bytes[..4], &codec::MAGIC_SEGMENTS);
    let decoded = codec::decode(&bytes).unwrap_or_default();
    assert_eq!(decoded, batch);
    assert!(decoded.runs.iter().all(|run| run.segments.len() == 2));
    assert_eq!(
        simulation.report(2, vec![decoded]),
        simulation.report(2, vec![batch])
    );
    // Cut short anywhere, it is refused, never misread.
    for end in [bytes.len() - 1, bytes.len() - 9, 20] {
        assert!(codec::decode(&bytes[..end]).is_err(), "{end}");
    }
}

#[test]
fn a_batch_survives_encoding_bit_for_bit() {
    let simulation = Simulation::new(&model("six-step"));
    let batch = simulation.batch(3, 5..17);
    let bytes = codec::encode(&batch);
    // Six-step has uncertain rates: its runs carry their draws.
    assert_eq!(&bytes[..4], &codec::MAGIC_UNKNOWNS);
    assert_eq!(codec::decode(&bytes), Ok(batch.clone()));
    // Bit for bit: floats compared by their bits, not by ==.
    let decoded = codec::decode(&bytes).unwrap_or_default();
    let bits = |batch: &RunBatch| -> Vec<u64> {
        batch
            .runs
            .iter()
            .flat_map(|run| run.revenue_by_day.iter().chain(&run.days_to_purchase))
            .map(|value| value.to_bits())
            .collect()
    };
    assert_eq!(bits(&decoded), bits(&batch));
    assert!(decoded.runs.iter().any(|run| run.revenue > 0.0));
    // The sources' parts too (figures per channel): six-step has two sources, both selling.
    let part_bits = |batch: &RunBatch| -> Vec<u64> {
        batch
            .runs
            .iter()
            .flat_map(|run| &run.sources)
            .flat_map(|part| {
                [
                    part.leads,
                    part.cost.to_bits(),
                    part.customers,
                    part.repeat_purchases,
                    part.revenue.to_bits(),
                ]
            })
            .collect()
    };
    assert_eq!(part_bits(&decoded), part_bits(&batch));
    assert!(decoded.runs.iter().all(|run| run.sources.len() == 2));
    for source in 0..2 {
        assert!(
            decoded
                .runs
                .iter()
                .any(|run| run.sources[source].revenue > 0.0),
            "source {source} sells in some run"
        );
    }
    // The draws behind the uncertain rates (the report's variance shares read them).
    let unknown_bits = |batch: &RunBatch| -> Vec<u64> {
        batch
            .runs
            .iter()
            .flat_map(|run| &run.unknowns)
            .map(|value| value.to_bits())
            .collect()
    };
    assert_eq!(unknown_bits(&decoded), unknown_bits(&batch));
    let uncertain = model("six-step")
        .stages
        .iter()
        .filter(|stage| stage.conversion.is_uncertain())
        .count();
    assert!(uncertain > 0);
    assert!(
        decoded
            .runs
            .iter()
            .all(|run| run.unknowns.len() == uncertain)
    );
    // Without uncertain rates the runs are written as before, not a byte more.
    let fixed = Simulation::new(&model("classroom-cohort")).batch(3, 5..17);
    let bytes = codec::encode(&fixed);
    assert_eq!(&bytes[..4], &codec::MAGIC);
    assert!(fixed.runs.iter().all(|run| run.unknowns.is_empty()));
    let mut without = batch.clone();
    for run in &mut without.runs {
        run.unknowns.clear();
    }
    let shorter = codec::encode(&without);
    assert_eq!(&shorter[..4], &codec::MAGIC);
    assert_eq!(
        codec::encode(&batch).len() - shorter.len(),
        batch.runs.len() * (4 + 8 * uncertain)
    );
    assert_eq!(codec::decode(&shorter), Ok(without));
    // An empty batch too.
    let empty = RunBatch {
        first_run: 9,
        runs: Vec::new(),
    };
    assert_eq!(codec::decode(&codec::encode(&empty)), Ok(empty));
}

#[test]
fn a_damaged_buffer_is_an_error_not_a_panic() {
    let simulation = Simulation::new(&model("classroom-cohort"));
    let bytes = codec::encode(&simulation.batch(1, 0..3));
    for cut in [0, 3, 4, 11, 12, 100, bytes.len() - 1] {
        assert!(codec::decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(codec::decode(&longer).is_err());
    let mut wrong = bytes.clone();
    wrong[0] = b'X';
    assert!(codec::decode(&wrong).is_err());
    // A huge run count must not reserve memory for it.
    let mut huge = bytes;
    huge[8..12].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(codec::decode(&huge).is_err());
    // With the draws of uncertain rates: cut anywhere in the last run's draws, or a huge count.
    let bytes = codec::encode(&Simulation::new(&model("six-step")).batch(1, 0..3));
    assert_eq!(&bytes[..4], &codec::MAGIC_UNKNOWNS);
    for cut in [4, 12, bytes.len() - 9, bytes.len() - 1] {
        assert!(codec::decode(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    let uncertain = model("six-step")
        .stages
        .iter()
        .filter(|stage| stage.conversion.is_uncertain())
        .count();
    let mut huge = bytes;
    let at = huge.len() - 4 - 8 * uncertain;
    huge[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
    assert!(codec::decode(&huge).is_err());
}

#[test]
fn any_number_of_workers_in_any_order_gives_the_command_line_report() {
    let (runs, seed) = (61, 11);
    let expected = expected_json("six-step", runs, seed);
    for workers in 1..=4 {
        let orders: [fn(&mut Vec<Vec<u8>>); 3] = [
            |_| {},
            |batches| batches.reverse(),
            |batches| batches.rotate_left(1),
        ];
        for order in orders {
            let reply = pooled(preset("six-step"), runs, seed, workers, order);
            let Reply::Done { job: 7, json } = reply else {
                panic!("{workers} workers: {reply:?}");
            };
            assert!(json == expected, "{workers} workers: the report differs");
        }
    }
    // The check can fail: another seed gives another report.
    assert_ne!(expected, expected_json("six-step", runs, seed + 1));
}

#[test]
fn more_workers_than_runs_still_cover_every_run() {
    let reply = pooled(preset("classroom-cohort"), 3, 2, 4, |b| b.reverse());
    let Reply::Done { json, .. } = reply else {
        panic!("{reply:?}");
    };
    assert_eq!(json, expected_json("classroom-cohort", 3, 2));
}

#[test]
fn the_report_json_reads_back_as_the_report() {
    let report = engine::simulate(&model("subscription"), 40, 5);
    let json = report_json(&report).unwrap_or_default();
    assert!(json.ends_with("}\n"));
    let read: Report = match serde_json::from_str(&json) {
        Ok(read) => read,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(read.runs, 40);
    assert_eq!(read.revenue.mean, report.revenue.mean);
}

#[test]
fn runs_are_split_into_near_equal_contiguous_ranges() {
    for runs in [1, 2, 3, 10, 1000, 10_001] {
        for workers in 1..=5 {
            let ranges = split_runs(runs, workers);
            assert_eq!(ranges.len(), workers);
            assert_eq!(ranges[0].start, 0);
            assert_eq!(ranges[workers - 1].end, runs);
            assert!(ranges.windows(2).all(|pair| pair[0].end == pair[1].start));
            let lengths: Vec<usize> = ranges.iter().map(ExactSizeIterator::len).collect();
            let (low, high) = (lengths.iter().min(), lengths.iter().max());
            assert!(
                high.zip(low).is_some_and(|(h, l)| h - l <= 1),
                "{lengths:?}"
            );
        }
    }
    assert_eq!(worker_count(None, 2, 10_000), 2);
    assert_eq!(worker_count(Some(4), 2, 10_000), 4);
    assert_eq!(worker_count(None, 8, 3), 3);
    assert_eq!(worker_count(Some(0), 0, 5), 1);
    assert_eq!(chunk_size(&(0..5000)), 250);
    assert_eq!(chunk_size(&(0..3)), 1);
}

#[test]
fn a_bad_scenario_or_run_count_fails_with_the_field_named() {
    let simulate = |scenario: &str, runs: u32| Request {
        job: 3,
        task: Task::SimulateRuns {
            scenario: scenario.to_string(),
            seed: 1,
            runs,
            start: 0,
            end: runs,
            chunk: 10,
            revenue: false,
        },
    };
    let failure = |request: Request| match replies(request, Vec::new()).as_slice() {
        [(Reply::Failed { job: 3, error }, _)] => error.to_string(),
        other => panic!("expected one failure, got {other:?}"),
    };
    let message = failure(simulate("{", 10));
    assert!(message.starts_with("invalid scenario: line 1"), "{message}");
    let broken = preset("six-step").replacen("\"horizon_days\"", "\"horizon_dayz\"", 1);
    let message = failure(simulate(&broken, 10));
    assert!(message.contains("horizon_dayz"), "{message}");
    let message = failure(simulate(preset("six-step"), 0));
    assert!(message.starts_with("runs: must be from 1"), "{message}");
    let message = failure(simulate(preset("six-step"), 900_000));
    assert!(message.starts_with("runs: with a horizon of"), "{message}");
    // A summary missing a batch, or given garbage, says so.
    let summarise = |runs| Request {
        job: 3,
        task: Task::Summarise {
            scenario: preset("classroom-cohort").to_string(),
            seed: 1,
            runs,
            automatic: None,
        },
    };
    let simulation = Simulation::new(&model("classroom-cohort"));
    let part = codec::encode(&simulation.batch(1, 2..4));
    let message = match replies(summarise(4), vec![part]).as_slice() {
        [(Reply::Failed { error, .. }, _)] => error.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(message.contains("do not cover the runs"), "{message}");
    let message = match replies(summarise(4), vec![vec![1, 2, 3]]).as_slice() {
        [(Reply::Failed { error, .. }, _)] => error.to_string(),
        other => panic!("{other:?}"),
    };
    assert!(message.contains("batch"), "{message}");
}

#[test]
fn messages_survive_json_with_large_seeds() {
    let request = Request {
        job: u64::MAX,
        task: Task::SimulateRuns {
            scenario: "{}".to_string(),
            seed: u64::MAX - 1,
            runs: 5,
            start: 1,
            end: 3,
            chunk: 1,
            revenue: true,
        },
    };
    let text = serde_json::to_string(&request).unwrap_or_default();
    assert!(text.contains("\"task\":{\"simulate_runs\":{"), "{text}");
    assert_eq!(serde_json::from_str::<Request>(&text).ok(), Some(request));
    for reply in [
        Reply::Ready,
        Reply::Progress { job: 1, done: 2 },
        Reply::Batch {
            job: 1,
            start: 0,
            end: 2,
            revenue: vec![0.1 + 0.2, 1e300],
        },
        Reply::Done {
            job: 1,
            json: "{}\n".to_string(),
        },
        Reply::Failed {
            job: 1,
            error: WorkerError::Invalid {
                errors: vec![crate::scenario::FieldError::new(
                    "stages[0].conversion",
                    crate::scenario::Rule::Probability {
                        value: f64::INFINITY,
                    },
                )],
            },
        },
    ] {
        let text = serde_json::to_string(&reply).unwrap_or_default();
        assert_eq!(serde_json::from_str::<Reply>(&text).ok(), Some(reply));
    }
}

#[test]
fn a_worker_keeps_its_last_simulation_only_for_the_same_scenario_text() {
    let mut worker = Worker::default();
    let summarise = |scenario: &str, runs| Request {
        job: 1,
        task: Task::Summarise {
            scenario: scenario.to_string(),
            seed: 1,
            runs,
            automatic: None,
        },
    };
    let batch = |id: &str, runs| codec::encode(&Simulation::new(&model(id)).batch(1, 0..runs));
    let done = |replies: Vec<(Reply, Vec<Vec<u8>>)>| match replies.as_slice() {
        [(Reply::Done { json, .. }, _)] => json.clone(),
        other => panic!("{other:?}"),
    };
    let classroom = preset("classroom-cohort");
    let first = done(replies_of(
        &mut worker,
        summarise(classroom, 5),
        vec![batch("classroom-cohort", 5)],
    ));
    assert_eq!(first, expected_json("classroom-cohort", 5, 1));
    // Another scenario after it is read afresh, whether valid or not.
    let six = done(replies_of(
        &mut worker,
        summarise(preset("six-step"), 5),
        vec![batch("six-step", 5)],
    ));
    assert_eq!(six, expected_json("six-step", 5, 1));
    let broken = classroom.replacen("\"horizon_days\"", "\"horizon\"", 1);
    match replies_of(&mut worker, summarise(&broken, 5), Vec::new()).as_slice() {
        [(Reply::Failed { error, .. }, _)] => {
            let message = error.to_string();
            assert!(message.contains("horizon"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // The run limit is checked on a cached simulation too.
    let again = replies_of(
        &mut worker,
        summarise(classroom, 5),
        vec![batch("classroom-cohort", 5)],
    );
    assert_eq!(done(again), first);
    match replies_of(&mut worker, summarise(classroom, 0), Vec::new()).as_slice() {
        [(Reply::Failed { error, .. }, _)] => {
            let message = error.to_string();
            assert!(message.starts_with("runs:"), "{message}")
        }
        other => panic!("{other:?}"),
    }
}

/// The one reply of a decision job to a fresh worker: the answer's JSON, or the failure.
fn decision(job: DecisionJob) -> Result<String, String> {
    match replies(
        Request {
            job: 11,
            task: Task::Decide(job),
        },
        Vec::new(),
    )
    .as_slice()
    {
        [(Reply::Done { job: 11, json }, attachments)] if attachments.is_empty() => {
            Ok(json.clone())
        }
        [(Reply::Failed { job: 11, error }, _)] => Err(error.to_string()),
        other => panic!("expected one answer, got {other:?}"),
    }
}

fn json_of(value: &impl Serialize) -> String {
    match serde_json::to_string(value) {
        Ok(json) => json,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn a_comparison_in_a_worker_is_the_direct_comparison_with_its_differences() {
    let (runs, seed) = (300, 5);
    let scenarios = ["six-step", "six-step", "ecommerce"];
    let answer = decision(DecisionJob::Compare {
        scenarios: scenarios.iter().map(|id| preset(id).to_string()).collect(),
        runs,
        seed,
    });
    let models: Vec<Model> = scenarios.iter().map(|id| model(id)).collect();
    let direct = match crate::decisions::compare_many(&models, runs, seed) {
        Ok(comparison) => comparison,
        Err(error) => panic!("{error}"),
    };
    let expected = ComparisonResult {
        revenue_differences: vec![
            direct.differences(1, crate::decisions::Metric::Revenue),
            direct.differences(2, crate::decisions::Metric::Revenue),
        ],
        comparison: direct,
    };
    let answer = match answer {
        Ok(json) => json,
        Err(message) => panic!("{message}"),
    };
    assert_eq!(answer, json_of(&expected));
    let read: ComparisonResult = match serde_json::from_str(&answer) {
        Ok(read) => read,
        Err(error) => panic!("{error}"),
    };
    // B is A itself: it differs by exactly zero in every run; C differs in most runs.
    assert_eq!(read.revenue_differences.len(), 2);
    assert_eq!(read.revenue_differences[0], vec![0.0; runs as usize]);
    assert_eq!(read.revenue_differences[1].len(), runs as usize);
    assert!(read.revenue_differences[1].iter().any(|d| *d != 0.0));
    assert_eq!(read.comparison.reports.len(), 3);
    assert_eq!(read.comparison.diffs[0].revenue.p_b_beats_a, 0.5);
}

#[test]
fn a_sensitivity_analysis_in_a_worker_is_the_direct_analysis() {
    let options = crate::decisions::SensitivityOptions::default();
    let answer = decision(DecisionJob::Sensitivity {
        scenario: preset("six-step").to_string(),
        options,
        runs: 150,
        seed: 9,
    });
    let direct = crate::decisions::Sensitivity::new(&model("six-step"), options)
        .and_then(|sensitivity| sensitivity.run(150, 9));
    let direct = match direct {
        Ok(report) => report,
        Err(error) => panic!("{error}"),
    };
    assert!(!direct.levers.is_empty());
    assert_eq!(answer, Ok(json_of(&direct)));
}

#[test]
fn a_goal_search_in_a_worker_is_the_direct_search() {
    let model = model("six-step");
    let baseline = engine::simulate(&model, 200, 2).revenue.mean;
    let request = crate::decisions::GoalRequest {
        lever: crate::decisions::Lever::Conversion {
            stage: 1,
            mode: crate::decisions::ConversionMode::Points,
        },
        target_revenue: 1.2 * baseline,
        probability: 0.7,
        runs: 200,
        seed: 2,
        max_change: None,
        tolerance: Some(0.5),
    };
    let answer = decision(DecisionJob::Goal {
        scenario: preset("six-step").to_string(),
        request,
    });
    let direct = match crate::decisions::seek_goal(&model, &request) {
        Ok(result) => result,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(answer, Ok(json_of(&direct)));
}

#[test]
fn a_bad_decision_fails_with_the_field_named() {
    let six = preset("six-step").to_string();
    let broken = six.replacen("\"horizon_days\"", "\"horizon_dayz\"", 1);
    let failure = |job: DecisionJob| match decision(job) {
        Err(message) => message,
        Ok(json) => panic!("expected a failure, got {json}"),
    };
    let message = failure(DecisionJob::Compare {
        scenarios: vec![six.clone(), broken.clone()],
        runs: 10,
        seed: 1,
    });
    assert!(
        message.starts_with("scenarios[1]: invalid scenario") && message.contains("horizon_dayz"),
        "{message}"
    );
    let message = failure(DecisionJob::Compare {
        scenarios: vec![six.clone()],
        runs: 10,
        seed: 1,
    });
    assert!(message.starts_with("variants: "), "{message}");
    let message = failure(DecisionJob::Compare {
        scenarios: vec![six.clone(), six.clone()],
        runs: 900_000,
        seed: 1,
    });
    assert!(message.starts_with("scenarios[0]: runs: "), "{message}");
    let options = crate::decisions::SensitivityOptions {
        step: 0.0,
        ..Default::default()
    };
    let sensitivity = |options, runs| DecisionJob::Sensitivity {
        scenario: six.clone(),
        options,
        runs,
        seed: 1,
    };
    let message = failure(sensitivity(options, 10));
    assert!(message.starts_with("step: must be above 0"), "{message}");
    let message = failure(sensitivity(Default::default(), 0));
    assert!(message.starts_with("runs: must be from 1"), "{message}");
    let message = failure(sensitivity(Default::default(), MAX_RUNS));
    assert!(
        message.starts_with("runs: ") && message.contains("run totals"),
        "{message}"
    );
    let mut request = crate::decisions::GoalRequest {
        lever: crate::decisions::Lever::Volume { source: 0 },
        target_revenue: 1.0,
        probability: 2.0,
        runs: 10,
        seed: 1,
        max_change: None,
        tolerance: None,
    };
    let goal = |request| DecisionJob::Goal {
        scenario: six.clone(),
        request,
    };
    let message = failure(goal(request));
    assert!(message.starts_with("probability: "), "{message}");
    request.probability = 0.5;
    request.lever = crate::decisions::Lever::Volume { source: 40 };
    let message = failure(goal(request));
    assert!(message.starts_with("lever.source: "), "{message}");
    request.lever = crate::decisions::Lever::Volume { source: 0 };
    request.runs = 0;
    let message = failure(goal(request));
    assert!(message.starts_with("request.runs: "), "{message}");
    let message = failure(DecisionJob::Goal {
        scenario: broken,
        request,
    });
    assert!(message.contains("horizon_dayz"), "{message}");
}

#[test]
fn decision_requests_survive_json() {
    let request = crate::decisions::GoalRequest {
        lever: crate::decisions::Lever::Conversion {
            stage: 2,
            mode: crate::decisions::ConversionMode::Dropoff,
        },
        target_revenue: 1e6,
        probability: 0.8,
        runs: 2000,
        seed: u64::MAX - 1,
        max_change: Some(30.0),
        tolerance: None,
    };
    for decision in [
        DecisionJob::Compare {
            scenarios: vec!["{}".to_string(), "{\"a\": 1}".to_string()],
            runs: 7,
            seed: u64::MAX,
        },
        DecisionJob::Sensitivity {
            scenario: "{}".to_string(),
            options: crate::decisions::SensitivityOptions {
                step: 2.5,
                mode: crate::decisions::ConversionMode::Relative,
                both_directions: false,
            },
            runs: 3,
            seed: u64::MAX - 2,
        },
        DecisionJob::Goal {
            scenario: "{}".to_string(),
            request,
        },
    ] {
        let request = Request {
            job: 4,
            task: Task::Decide(decision),
        };
        let text = json_of(&request);
        assert!(text.contains("\"task\":{\"decide\":{"), "{text}");
        assert_eq!(serde_json::from_str::<Request>(&text).ok(), Some(request));
    }
}
