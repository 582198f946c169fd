//! The page's "Import CRM history" below the UI: the worker's task (`Task::Calibrate`, the
//! file attached, progress, one answer), the pool's job, the choices and words of
//! `app_model::import`, and the actions that accept the result. The answer is what
//! `funnelcast calibrate` makes of the same file and plan; a bad file is an answer that names
//! the line and the column, with the file's headers for the person to fix the mapping.

use std::path::PathBuf;

use funnelcast::app_model::action::{Action, Editing, Work};
use funnelcast::app_model::import::{self, Choices};
use funnelcast::app_model::{Settings, crm_messages};
use funnelcast::calibrate::{self, ColumnUse, Options, ReadOptions, Role};
use funnelcast::i18n::Locale;
use funnelcast::scenario::{self, Scenario};
use funnelcast::worker::calibrate::{
    CalibrationAnswer, CalibrationJob, PROGRESS_TOTAL, calibrate_file,
};
use funnelcast::worker::pool::{Command, Coordinator, Event};
use funnelcast::worker::{Reply, Request, Task, Worker};

fn example(name: &str) -> Vec<u8> {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "examples", "crm", name]
        .iter()
        .collect();
    std::fs::read(path).expect("an example history")
}

fn pipeline() -> Scenario {
    let text = String::from_utf8(example("pipeline.json")).expect("text");
    scenario::load(&text).expect("a valid scenario").0
}

fn job(funnel: Option<&Scenario>) -> CalibrationJob {
    CalibrationJob {
        funnel: funnel.map(Scenario::to_json),
        seed: 1,
        backtest_runs: 200,
        ..CalibrationJob::default()
    }
}

fn answer(job: &CalibrationJob, bytes: Vec<u8>) -> (CalibrationAnswer, Vec<u32>) {
    let mut progress = Vec::new();
    let json = serde_json::to_string(job).expect("json");
    let answer = calibrate_file(&json, &[bytes], &mut |done| progress.push(done)).expect("answer");
    (answer, progress)
}

#[test]
fn the_worker_calibrates_as_the_command_line_does() {
    let plan = pipeline();
    let bytes = example("history.csv");
    let (answer, progress) = answer(&job(Some(&plan)), bytes.clone());
    let CalibrationAnswer::Calibrated {
        reading,
        report,
        scenario,
    } = &answer
    else {
        panic!("not calibrated: {answer:?}");
    };
    // What `funnelcast calibrate history.csv --funnel pipeline.json` computes.
    let stages = plan.stages.iter().map(|s| s.name.clone()).collect();
    let options = ReadOptions {
        stages: Some(stages),
        ..ReadOptions::default()
    };
    let read = calibrate::read(&bytes, &options).expect("readable");
    let expected = calibrate::calibrate(
        &read.history,
        Some(&plan),
        &Options {
            horizon_days: None,
            seed: 1,
            backtest_runs: 200,
        },
    )
    .expect("calibrated");
    assert_eq!(**scenario, expected.scenario);
    assert_eq!(**report, expected.report);
    assert_eq!(reading.headers, read.headers);
    assert_eq!(reading.deals, read.history.deals.len());
    assert!(reading.columns.contains(&ColumnUse::Role(Role::Deal)));
    // Progress rises to the whole, in thousandths.
    assert!(progress.windows(2).all(|w| w[0] <= w[1]), "{progress:?}");
    assert!(progress.len() >= 3, "{progress:?}");
    assert!(*progress.last().expect("some") <= PROGRESS_TOTAL);
    // The answer crosses to the page as JSON and back unchanged.
    let text = funnelcast::worker::calibrate::answer_json(&answer).expect("json");
    let back: CalibrationAnswer = serde_json::from_str(&text).expect("reads back");
    assert_eq!(back, answer);
}

#[test]
fn a_file_that_cannot_be_read_names_the_line_and_the_column() {
    let text = String::from_utf8(example("history.csv")).expect("text");
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // Line 4 of the file (the header is line 1): its entered date becomes unreadable.
    let cells: Vec<&str> = lines[3].split(',').collect();
    let entered = cells
        .iter()
        .position(|c| c.len() == 10 && c.as_bytes()[4] == b'-')
        .expect("a date cell");
    let mut broken: Vec<String> = cells.iter().map(|c| (*c).to_string()).collect();
    broken[entered] = "2026-02-31".to_string();
    lines[3] = broken.join(",");
    let bytes = (lines.join("\n") + "\n").into_bytes();
    let (answer, _) = answer(&job(None), bytes);
    let CalibrationAnswer::Unreadable { headers, .. } = &answer else {
        panic!("read: {answer:?}");
    };
    assert!(headers.iter().any(|h| h == "deal"), "{headers:?}");
    for locale in Locale::ALL {
        let problems = import::problems(locale, &answer);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains('4'), "{locale:?}: {}", problems[0]);
        assert!(problems[0].contains("2026-02-31"), "{}", problems[0]);
        assert!(
            !problems[0].contains('{'),
            "a placeholder left: {}",
            problems[0]
        );
    }
    let header = &headers[entered];
    assert!(
        import::problems(Locale::En, &answer)[0].contains(header.as_str()),
        "the column is named"
    );
}

#[test]
fn a_missing_column_is_fixed_by_assigning_it() {
    let text = String::from_utf8(example("history.csv")).expect("text");
    let (header, rest) = text.split_once('\n').expect("a header");
    // The deal column under a name no CRM uses.
    let renamed = header.replacen("deal", "Ticket", 1);
    assert_ne!(
        renamed, header,
        "the example's deal column is deal: {header}"
    );
    let bytes = format!("{renamed}\n{rest}").into_bytes();
    let (answer, _) = answer(&job(None), bytes.clone());
    let CalibrationAnswer::Unreadable { headers, .. } = &answer else {
        panic!("read without a deal column: {answer:?}");
    };
    assert!(headers.contains(&"Ticket".to_string()));
    let problems = import::problems(Locale::En, &answer);
    assert!(problems[0].contains("deal"), "{problems:?}");

    let mut choices = Choices::default();
    import::assign(&mut choices.columns, "Ticket", Some(Role::Deal));
    let fixed = import::job(&choices, &pipeline(), 1, Locale::En).expect("a job");
    let (answer, _) = self::answer(&fixed, bytes);
    assert!(
        matches!(answer, CalibrationAnswer::Calibrated { .. }),
        "{answer:?}"
    );
}

#[test]
fn stages_the_plan_lacks_are_listed() {
    let (answer, _) = answer(&job(Some(&pipeline_renamed())), example("history.csv"));
    let problems = import::problems(Locale::En, &answer);
    assert_eq!(problems.len(), 2, "{answer:?}");
    let stage = &pipeline().stages[1].name;
    assert!(problems[0].contains(stage.as_str()), "{}", problems[0]);
    assert!(problems[1].contains("Untick"), "{}", problems[1]);
}

/// The example's plan with its second stage renamed (and every reference to it).
fn pipeline_renamed() -> Scenario {
    let plan = pipeline();
    let old = plan.stages[1].name.clone();
    let text = plan
        .to_json()
        .replace(&format!("\"{old}\""), "\"Somewhere else\"");
    Scenario::from_json(&text).expect("still a scenario")
}

#[test]
fn choices_are_checked_before_the_file_is_sent() {
    let plan = pipeline();
    let mut choices = Choices {
        as_of: "31.02.2026".to_string(),
        ..Choices::default()
    };
    let error = import::job(&choices, &plan, 1, Locale::En).expect_err("no such day");
    assert!(
        error.0.contains("Export date") && error.0.contains("31.02.2026"),
        "{}",
        error.0
    );
    choices.as_of = "30.06.2026".to_string();
    let job = import::job(&choices, &plan, 7, Locale::En).expect("a date");
    assert_eq!(job.as_of, calibrate::history::day_from_date(2026, 6, 30));
    assert_eq!(job.funnel, None, "the plan's stages only when asked");
    assert_eq!(job.seed, 7);
    choices.use_plan = true;
    let job = import::job(&choices, &plan, 7, Locale::En).expect("a date");
    assert_eq!(job.funnel.as_deref(), Some(plan.to_json().as_str()));

    // One header per role, one role per header.
    let mut columns = Vec::new();
    import::assign(&mut columns, "A", Some(Role::Deal));
    import::assign(&mut columns, "B", Some(Role::Deal));
    assert_eq!(columns, vec![(Role::Deal, "B".to_string())]);
    import::assign(&mut columns, "B", Some(Role::Stage));
    assert_eq!(columns, vec![(Role::Stage, "B".to_string())]);
    import::assign(&mut columns, "B", None);
    assert!(columns.is_empty());
}

#[test]
fn the_report_is_written_in_every_language() {
    let (answer, _) = answer(&job(Some(&pipeline())), example("history.csv"));
    let CalibrationAnswer::Calibrated {
        reading, report, ..
    } = &answer
    else {
        panic!("{answer:?}");
    };
    for locale in Locale::ALL {
        let mut texts = vec![
            import::reading_sentence(locale, reading),
            import::window(locale, report),
        ];
        texts.extend(import::sentences(locale, report));
        texts.extend(import::backtest_sentences(locale, report));
        let bars = import::backtest_bars(report.backtest.as_ref().expect("a back-test"));
        texts.push(import::chart_description(locale, &bars));
        for row in import::stage_rows(locale, report) {
            texts.extend([row.calibrated, row.delay, row.lost_delay, row.rate_closed]);
        }
        for used in &reading.columns {
            texts.push(import::column_use(locale, used));
        }
        for text in &texts {
            assert!(!text.is_empty());
            assert!(
                !text.contains('{'),
                "{locale:?}: a placeholder left in {text}"
            );
            assert!(!text.contains("crm."), "{locale:?}: a key shown: {text}");
        }
    }
    // The calibrated rate of a measured stage is shown with its interval.
    let rows = import::stage_rows(Locale::En, report);
    let measured = report.stages.iter().position(|s| s.measured).expect("one");
    let rate = report.stages[measured].calibrated.expect("a rate");
    assert!(
        rows[measured]
            .calibrated
            .contains(&format!("{:.1}%", rate * 100.0))
    );
}

#[test]
fn the_worker_answers_progress_then_the_answer() {
    let request = Request {
        job: 9,
        task: Task::Calibrate {
            job: serde_json::to_string(&job(None)).expect("json"),
        },
    };
    let mut replies = Vec::new();
    funnelcast::worker::calibrate::handle(
        request,
        vec![example("hubspot-wide.csv")],
        &mut |reply, _| {
            replies.push(reply);
        },
    );
    let (last, before) = replies.split_last().expect("replies");
    assert!(!before.is_empty());
    assert!(
        before
            .iter()
            .all(|r| matches!(r, Reply::Progress { job: 9, .. }))
    );
    let Reply::Done { job: 9, json } = last else {
        panic!("{last:?}");
    };
    let answer: CalibrationAnswer = serde_json::from_str(json).expect("an answer");
    let CalibrationAnswer::Calibrated { reading, .. } = answer else {
        panic!("{answer:?}");
    };
    assert_eq!(reading.shape, calibrate::Shape::Wide);

    // No file attached is the page's mistake, said as a failure.
    let mut failed = Vec::new();
    let request = Request {
        job: 10,
        task: Task::Calibrate {
            job: serde_json::to_string(&job(None)).expect("json"),
        },
    };
    funnelcast::worker::calibrate::handle(request, Vec::new(), &mut |reply, _| failed.push(reply));
    assert!(matches!(failed.as_slice(), [Reply::Failed { job: 10, .. }]));

    // The simulation worker, which every page starts, does not calibrate.
    let mut worker = Worker::default();
    let mut refused = Vec::new();
    let request = Request {
        job: 11,
        task: Task::Calibrate {
            job: serde_json::to_string(&job(None)).expect("json"),
        },
    };
    worker.handle(request, vec![example("history.csv")], &mut |reply, _| {
        refused.push(reply)
    });
    assert!(matches!(
        refused.as_slice(),
        [Reply::Failed { job: 11, .. }]
    ));
}

#[test]
fn the_pool_sends_the_file_and_reports_progress_in_thousandths() {
    let (mut pool, mut commands) = Coordinator::<Vec<u8>>::new(2);
    let worker = commands
        .iter()
        .find_map(|c| match c {
            Command::Spawn { worker } => Some(*worker),
            _ => None,
        })
        .expect("a worker");
    commands.extend(pool.handle(Event::Reply {
        worker,
        reply: Reply::Ready,
        attachments: Vec::new(),
    }));
    let (id, commands) = pool.calibrate("{}".to_string(), vec![1, 2, 3]);
    let posted = commands
        .iter()
        .find_map(|c| match c {
            Command::Post {
                request,
                attachments,
                ..
            } => Some((request.clone(), attachments.clone())),
            _ => None,
        })
        .expect("posted");
    assert!(matches!(posted.0.task, Task::Calibrate { .. }));
    assert_eq!(posted.1, vec![vec![1, 2, 3]]);
    let progress = pool.handle(Event::Reply {
        worker,
        reply: Reply::Progress { job: id, done: 400 },
        attachments: Vec::new(),
    });
    assert!(progress.contains(&Command::Progress {
        job: id,
        done: 400,
        total: PROGRESS_TOTAL
    }));
    let done = pool.handle(Event::Reply {
        worker,
        reply: Reply::Done {
            job: id,
            json: "answer".to_string(),
        },
        attachments: Vec::new(),
    });
    assert!(done.contains(&Command::Finish {
        job: id,
        result: Ok("answer".to_string())
    }));
}

#[test]
fn accepting_adds_a_variant_or_replaces_the_shown_one_with_undo() {
    let plan = pipeline();
    let (answer, _) = answer(&job(Some(&plan)), example("history.csv"));
    let CalibrationAnswer::Calibrated { scenario, .. } = answer else {
        panic!();
    };
    let mut editing = Editing::new(Work::new(vec![plan.clone()], 0, Settings::default()));
    editing
        .dispatch(&Action::AddVariant((*scenario).clone()), Locale::En, 0)
        .expect("added");
    assert_eq!(editing.work.variants.len(), 2);
    assert_eq!(editing.work.active, 1);
    assert_eq!(editing.work.variants[1].name, format!("{} (B)", plan.name));
    assert_eq!(editing.work.variants[1].stages, scenario.stages);
    assert_eq!(editing.work.variants[0], plan, "plan A untouched");
    editing
        .dispatch(&Action::Undo, Locale::En, 10)
        .expect("undo");
    assert_eq!(editing.work.variants, vec![plan.clone()]);

    let mut renamed = (*scenario).clone();
    renamed.name = "Something else".to_string();
    editing
        .dispatch(&Action::ReplaceShown(renamed), Locale::En, 20)
        .expect("replaced");
    assert_eq!(editing.work.variants.len(), 1);
    assert_eq!(
        editing.work.variants[0].name, plan.name,
        "the variant keeps its name"
    );
    assert_eq!(editing.work.variants[0].stages, scenario.stages);
    editing
        .dispatch(&Action::Undo, Locale::En, 30)
        .expect("undo");
    assert_eq!(editing.work.variants, vec![plan]);
}

#[test]
fn every_read_error_kind_has_words() {
    // The messages the panel shows come from the catalogue: none is its key.
    let error = calibrate::ReadError::MissingColumn {
        role: Role::Deal,
        headers: vec!["a".to_string()],
    };
    for locale in Locale::ALL {
        let text = crm_messages::read_error(locale, &error);
        assert!(!text.starts_with("crm."), "{text}");
    }
}
