//! The browser checks that a loaded machine can fail: no main-thread task over 50 ms while the
//! workers simulate or analyse, cancel within 100 ms, and the time from request to report
//! (measured, not bounded). Each failure says the value measured.
//!
//! They run after every other browser test: `cargo xtask test` runs the e2e binary with
//! `--skip timing::` first, then with the filter `timing::` alone (xtask/src/tasks.rs), so a
//! failure here comes after the rest has passed and reads as a slow machine, not a broken page.

use std::time::Duration;

use fantoccini::Locator;
use funnelcast::decisions::SensitivityOptions;
use funnelcast::worker::{DecisionJob, Request, Task};
use serde_json::{Value as Json, json};

use crate::api::{command_line_report, open, report, scenario};
use crate::editor::{click, wait_ready};
use crate::harness::*;

/// The most milliseconds from the click on "analyse" to the drawn tornado that the sensitivity
/// timing accepts: the target (2 s) with a margin for a shared machine. On 2 shared cores
/// (load average 3-8) it took 540-670 ms on 2026-12-01 (BENCHMARKS.md).
const TORNADO_MS: f64 = 3_000.0;

#[test]
fn the_main_thread_has_no_long_task_while_the_planning_benchmark_simulates() {
    let b1 = scenario("planning-b1.json");
    with_app(async |client, server| {
        open(client, server).await?;
        // Warm the API's workers, so the measure is of a simulation, not of start-up.
        report(client, &b1, json!({"runs": 20, "seed": 1})).await?;
        let script = r#"
            const [scenario] = arguments;
            const tasks = [];
            const observer = new PerformanceObserver((list) => {
                for (const entry of list.getEntries()) tasks.push(entry.duration);
            });
            observer.observe({ entryTypes: ['longtask'] });
            const started = performance.now();
            const progress = [];
            const onProgress = (done, total) => progress.push([done, total]);
            return window.funnelcast.simulate(scenario, { runs: 10000, seed: 7, onProgress }).then(
                (report) => new Promise((resolve) => setTimeout(() => {
                    observer.takeRecords().forEach((entry) => tasks.push(entry.duration));
                    observer.disconnect();
                    resolve({ ms: performance.now() - started, tasks, length: report.length, progress });
                }, 100)),
            );
        "#;
        let outcome = client
            .execute(script, vec![json!(b1)])
            .await
            .map_err(|error| format!("the long-task measure did not run: {error}"))?;
        let tasks: Vec<f64> = outcome["tasks"]
            .as_array()
            .map(|tasks| tasks.iter().filter_map(Json::as_f64).collect())
            .unwrap_or_default();
        let longest = tasks.iter().copied().fold(0.0, f64::max);
        println!(
            "e2e: timing: planning B1, 10,000 runs in {:.0} ms; main-thread long tasks: {} \
             (longest {longest:.0} ms)",
            outcome["ms"].as_f64().unwrap_or(f64::NAN),
            tasks.len()
        );
        assert!(
            outcome["length"].as_u64().unwrap_or(0) > 1000,
            "no report: {outcome}"
        );
        // Progress came in steps, rising to every run.
        let progress: Vec<(u64, u64)> = outcome["progress"]
            .as_array()
            .map(|steps| {
                steps
                    .iter()
                    .map(|step| (step[0].as_u64().unwrap_or(0), step[1].as_u64().unwrap_or(0)))
                    .collect()
            })
            .unwrap_or_default();
        assert!(progress.len() >= 10, "progress: {progress:?}");
        assert!(
            progress.windows(2).all(|pair| pair[0].0 < pair[1].0),
            "{progress:?}"
        );
        assert!(progress.iter().all(|step| step.1 == 10_000), "{progress:?}");
        assert_eq!(progress.last().map(|step| step.0), Some(10_000));
        assert!(
            longest <= 50.0,
            "a main-thread task took {longest:.0} ms (over 50 ms) while 10,000 planning runs \
             simulated in the workers; the {} long tasks seen: {tasks:?} ms",
            tasks.len()
        );
        Ok(())
    });
}

#[test]
fn cancel_stops_a_long_simulation_at_once_and_the_next_one_works() {
    let b1 = scenario("planning-b1.json");
    let b2 = scenario("classroom-b2.json");
    with_app(async |client, server| {
        open(client, server).await?;
        // The most runs of B1 the browser accepts: many seconds of work.
        let script = r#"
            const [scenario] = arguments;
            const started = performance.now();
            const outcome = window.funnelcast.simulate(scenario, { runs: 27000, seed: 1 }).then(
                () => ({ resolved: true }),
                (error) => ({ name: error.name, message: error.message }),
            );
            return new Promise((resolve) => setTimeout(async () => {
                const cancelled = performance.now();
                window.funnelcast.cancel();
                const result = await outcome;
                resolve({ ...result, running: cancelled - started, stop: performance.now() - cancelled });
            }, 700));
        "#;
        let outcome = client
            .execute(script, vec![json!(b1)])
            .await
            .map_err(|error| format!("the cancel script did not run: {error}"))?;
        println!(
            "e2e: timing: cancel: the Promise rejected {:.1} ms after cancel ({outcome})",
            outcome["stop"].as_f64().unwrap_or(f64::NAN)
        );
        assert_eq!(outcome["name"], "AbortError", "{outcome}");
        assert!(
            outcome["message"]
                .as_str()
                .is_some_and(|message| message.contains("cancelled")),
            "{outcome}"
        );
        let stop = outcome["stop"].as_f64().unwrap_or(f64::NAN);
        assert!(
            stop < 100.0,
            "the Promise rejected {stop:.1} ms after cancel (over 100 ms); the simulation had \
             run for {:.0} ms",
            outcome["running"].as_f64().unwrap_or(f64::NAN)
        );
        // The next simulation runs on fresh workers and gives the command line's report.
        let (page, ms) = report(client, &b2, json!({"runs": 500, "seed": 4})).await?;
        println!("e2e: timing: classroom B2, 500 runs right after a cancel: {ms:.0} ms");
        assert_eq!(page, command_line_report("classroom-b2.json", 500, 4));
        Ok(())
    });
}

#[test]
fn time_from_request_to_report() {
    let b1 = scenario("planning-b1.json");
    let b2 = scenario("classroom-b2.json");
    with_app(async |client, server| {
        open(client, server).await?;
        let cores = client
            .execute("return navigator.hardwareConcurrency;", Vec::new())
            .await
            .map_err(|error| error.to_string())?;
        // Where the time goes: one worker of its own, timed phase by phase (the least of
        // three tries, the machine being shared).
        let script = r#"
            const [scenario, runs] = arguments;
            const phases = [];
            for (let i = 0; i < 3; i++) {
                const t0 = performance.now();
                const worker = new Worker('worker_loader.js');
                const next = () => new Promise((resolve) => { worker.onmessage = (e) => resolve(e.data); });
                await next();
                const ready = performance.now() - t0;
                // The protocol's enums are externally tagged: {"simulate_runs": {...}}, "ready".
                const task = (kind, extra) => JSON.stringify({ job: 1, task: { [kind]: { scenario, seed: 1, runs, ...extra } } });
                const kindOf = (reply) => typeof reply === 'string' ? reply : Object.keys(reply)[0];
                const t1 = performance.now();
                worker.postMessage({ message: task('simulate_runs', { start: 0, end: runs, chunk: runs }), buffers: [] });
                let data;
                do { data = await next(); } while (kindOf(JSON.parse(data.message)) === 'progress');
                const simulate = performance.now() - t1;
                const bytes = data.buffers[0].byteLength;
                const t2 = performance.now();
                worker.postMessage({ message: task('summarise', {}), buffers: data.buffers }, data.buffers);
                data = await next();
                const summarise = performance.now() - t2;
                const t3 = performance.now();
                JSON.parse(JSON.parse(data.message).done.json);
                const parse = performance.now() - t3;
                worker.terminate();
                phases.push({ ready, simulate, summarise, parse, bytes, reply: kindOf(JSON.parse(data.message)) });
            }
            const least = (key) => Math.min(...phases.map((p) => p[key]));
            return { ready: least('ready'), simulate: least('simulate'), summarise: least('summarise'),
                     parse: least('parse'), bytes: phases[0].bytes, reply: phases[0].reply };
        "#;
        for (name, text, runs) in [("classroom B2", &b2, 2000), ("planning B1", &b1, 2000)] {
            let phases = client
                .execute(script, vec![json!(text), json!(runs)])
                .await
                .map_err(|error| format!("the phase timing did not run: {error}"))?;
            assert_eq!(phases["reply"], "done", "{phases}");
            let ms = |key: &str| phases[key].as_f64().unwrap_or(f64::NAN);
            println!(
                "e2e: timing: {name}, {runs} runs on one worker: start-up {:.0} ms, simulate \
                 {:.0} ms, runs sent as {:.1} MB, summarise {:.0} ms (report JSON parsed in \
                 {:.0} ms)",
                ms("ready"),
                ms("simulate"),
                ms("bytes") / 1e6,
                ms("summarise"),
                ms("parse")
            );
        }
        for (name, text, runs) in [
            ("classroom B2", &b2, 2000),
            ("planning B1", &b1, 2000),
            ("planning B1", &b1, 10_000),
        ] {
            let mut times = Vec::new();
            for seed in 1..=4 {
                let (_, ms) = report(client, text, json!({"runs": runs, "seed": seed})).await?;
                times.push(ms);
            }
            let mut warm = times[1..].to_vec();
            warm.sort_by(f64::total_cmp);
            println!(
                "e2e: timing: {name}, {runs} runs, {cores} workers: first {:.0} ms, then {} \
                 (median {:.0} ms)",
                times[0],
                times[1..]
                    .iter()
                    .map(|ms| format!("{ms:.0}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                warm[warm.len() / 2]
            );
        }
        Ok(())
    });
}

/// The sensitivity analysis runs in the decisions' workers: until its answer reaches the page
/// (the performance mark `funnelcast:decision-answer`), no main-thread task takes over 50 ms.
/// A task that goes on past the mark counts up to it: showing and drawing the tornado after it
/// is the page's rendering, not the analysis, and is only reported.
///
/// It also times the click to the drawn tornado (the page's scenario, the six-step preset, at
/// its default runs: 2,000 for the forecast, 1,000 for the analysis), against issue 12's
/// target of 2 s (10.6-11.9 s before the analysis was split over the workers): printed, and
/// failing only above `TORNADO_MS`, which leaves a shared machine its margin.
#[test]
fn the_sensitivity_analysis_leaves_the_main_thread_free() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        client
            .execute(
                r#"
                const watch = { tasks: [], started: performance.now(), drawn: null };
                const drawn = "canvas[data-testid='tornado-chart'][data-drawn='true']";
                watch.mutations = new MutationObserver(() => {
                    if (watch.drawn === null && document.querySelector(drawn)) {
                        watch.drawn = performance.now();
                    }
                });
                watch.mutations.observe(document.body, {
                    subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'],
                });
                watch.observer = new PerformanceObserver((list) => {
                    for (const entry of list.getEntries()) {
                        watch.tasks.push([entry.startTime, entry.duration]);
                    }
                });
                watch.observer.observe({ entryTypes: ['longtask'] });
                window.funnelcastLongTaskWatch = watch;
                "#,
                Vec::new(),
            )
            .await
            .map_err(|error| format!("cannot observe long tasks: {error}"))?;
        click(client, "[data-testid='sensitivity-run']").await?;
        client
            .wait()
            .at_most(Duration::from_secs(240))
            .for_element(Locator::Css(
                "canvas[data-testid='tornado-chart'][data-drawn='true']",
            ))
            .await
            .map_err(|error| format!("no tornado within 240 s: {error}"))?;
        let outcome = client
            .execute(
                r#"
                const watch = window.funnelcastLongTaskWatch;
                return new Promise((resolve) => setTimeout(() => {
                    watch.observer.takeRecords().forEach((entry) => {
                        watch.tasks.push([entry.startTime, entry.duration]);
                    });
                    watch.observer.disconnect();
                    watch.mutations.disconnect();
                    const answers = performance
                        .getEntriesByName('funnelcast:decision-answer')
                        .filter((mark) => mark.startTime > watch.started);
                    // Without the mark, the whole time counts.
                    const answer = answers.length > 0 ? answers[0].startTime : performance.now();
                    resolve({
                        marked: answers.length > 0,
                        ms: answer - watch.started,
                        chart: watch.drawn === null ? null : watch.drawn - watch.started,
                        // Each long task's time on the main thread before the answer came.
                        before: watch.tasks
                            .filter(([start]) => start < answer)
                            .map(([start, duration]) => Math.min(start + duration, answer) - start),
                        all: watch.tasks.map(([, duration]) => duration),
                    });
                }, 100));
                "#,
                Vec::new(),
            )
            .await
            .map_err(|error| format!("the long-task measure did not run: {error}"))?;
        let durations = |key: &str| -> Vec<f64> {
            outcome[key]
                .as_array()
                .map(|tasks| tasks.iter().filter_map(Json::as_f64).collect())
                .unwrap_or_default()
        };
        let (before, all) = (durations("before"), durations("all"));
        let longest = before.iter().copied().fold(0.0, f64::max);
        let chart = outcome["chart"].as_f64().unwrap_or(f64::NAN);
        println!(
            "e2e: timing: sensitivity analysis: answer {:.0} ms after the click, tornado drawn \
             {chart:.0} ms after it (target 2,000 ms); main-thread time of long tasks before \
             the answer: {before:?} ms (longest {longest:.0} ms); long tasks including the \
             tornado's drawing: {all:?} ms",
            outcome["ms"].as_f64().unwrap_or(f64::NAN),
        );
        assert_eq!(
            outcome["marked"],
            Json::Bool(true),
            "the page did not mark the answer's arrival: {outcome}"
        );
        assert!(
            longest <= 50.0,
            "a main-thread task took {longest:.0} ms (over 50 ms) before the sensitivity \
             analysis's answer arrived, {:.0} ms after the click; the long tasks before it: \
             {before:?} ms",
            outcome["ms"].as_f64().unwrap_or(f64::NAN),
        );
        assert!(
            chart <= TORNADO_MS,
            "the tornado was drawn {chart:.0} ms after the click (over {TORNADO_MS} ms; the \
             target is 2,000 ms): {outcome}"
        );
        Ok(())
    });
}

/// Where the sensitivity analysis's time goes in the browser: the six-step preset at the page's
/// 1,000 runs, on workers of its own (the least of three tries each, the machine being
/// shared): done whole by one worker (`Task::Decide`, what the page did before issue 12), its
/// two parts at once on two workers (`Task::DecidePart`), and the join of the parts
/// (`Task::MergeParts`), whose answer must be the whole one's text.
#[test]
fn time_of_the_sensitivity_analysis_whole_and_split() {
    let preset = funnelcast::scenario::presets::find("six-step")
        .map(|preset| preset.json.to_string())
        .unwrap_or_default();
    let decision = DecisionJob::Sensitivity {
        scenario: preset,
        options: SensitivityOptions::default(),
        runs: 1000,
        seed: 1,
    };
    let request = |job, task| serde_json::to_string(&Request { job, task }).unwrap_or_default();
    let whole = request(1, Task::Decide(decision.clone()));
    let parts: Vec<String> = (0..2)
        .map(|part| {
            let task = Task::DecidePart {
                decision: decision.clone(),
                part,
                parts: 2,
            };
            request(2, task)
        })
        .collect();
    let merge = request(3, Task::MergeParts { decision });
    with_app(async |client, server| {
        open(client, server).await?;
        let script = r#"
            const [whole, parts, merge] = arguments;
            const start = () => new Promise((resolve) => {
                const worker = new Worker('worker_loader.js');
                worker.onmessage = () => resolve(worker);
            });
            const ask = (worker, message, buffers) => new Promise((resolve) => {
                worker.onmessage = (event) => resolve(event.data);
                worker.postMessage({ message, buffers }, buffers);
            });
            const times = { whole: [], parts: [], merge: [] };
            let same = true;
            for (let i = 0; i < 3; i++) {
                const workers = await Promise.all([start(), start()]);
                let t = performance.now();
                const one = await ask(workers[0], whole, []);
                times.whole.push(performance.now() - t);
                t = performance.now();
                const answers = await Promise.all(workers.map((worker, k) => ask(worker, parts[k], [])));
                times.parts.push(performance.now() - t);
                const buffers = answers.flatMap((answer) => answer.buffers);
                t = performance.now();
                const joined = await ask(workers[1], merge, buffers);
                times.merge.push(performance.now() - t);
                // The protocol's enums are externally tagged: {"done": {"job": .., "json": ..}}.
                const done = (answer) => JSON.parse(answer.message).done;
                same = same && done(one) !== undefined && done(joined) !== undefined
                    && done(joined).json === done(one).json;
                workers.forEach((worker) => worker.terminate());
            }
            const least = (key) => Math.min(...times[key]);
            return { whole: least('whole'), parts: least('parts'), merge: least('merge'), same, times };
        "#;
        let outcome = client
            .execute(script, vec![json!(whole), json!(parts), json!(merge)])
            .await
            .map_err(|error| format!("the sensitivity timing did not run: {error}"))?;
        let ms = |key: &str| outcome[key].as_f64().unwrap_or(f64::NAN);
        println!(
            "e2e: timing: sensitivity of six-step, 1,000 runs, 37 variants: whole on one worker \
             {:.0} ms; split: two parts at once {:.0} ms + join {:.0} ms = {:.0} ms (least of \
             3: {})",
            ms("whole"),
            ms("parts"),
            ms("merge"),
            ms("parts") + ms("merge"),
            outcome["times"]
        );
        assert_eq!(
            outcome["same"],
            Json::Bool(true),
            "the joined parts are not the whole answer: {outcome}"
        );
        Ok(())
    });
}

/// The most milliseconds from choosing a 100,000-row CRM history to its report on the page
/// that the import's timing accepts: the target (2 s, issue 13) with a margin for a shared
/// machine, as for the tornado.
const CALIBRATE_MS: f64 = 3_000.0;

/// A CRM history of at least 100,000 rows: the examples' scenario with 40 times the leads,
/// followed lead by lead and written as the canonical file.
fn large_history() -> std::path::PathBuf {
    let text = std::fs::read_to_string(crate::crm::example("pipeline.json")).expect("the plan");
    let mut plan = funnelcast::scenario::Scenario::from_json(&text).expect("a scenario");
    for source in &mut plan.sources {
        if let funnelcast::scenario::Arrivals::Poisson(mean) = &mut source.per_day {
            *mean *= 40.0;
        }
    }
    let model = plan.validate().expect("valid");
    let start = funnelcast::calibrate::history::day_from_date(2026, 1, 5).expect("a day");
    let history = funnelcast::calibrate::generate(&model, 2026, start);
    let csv = funnelcast::calibrate::write::canonical(&history);
    let rows = csv.lines().count() - 1;
    assert!(rows >= 100_000, "only {rows} rows");
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("history-100k.csv");
    std::fs::write(&path, csv).expect("written");
    println!("e2e: timing: the large history has {rows} rows");
    path
}

#[test]
fn a_100000_row_history_calibrates_off_the_main_thread_with_progress() {
    let history = large_history();
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        crate::crm::open_panel(client).await?;
        // The file's own stages (the default plan has others).
        click(client, "[data-testid='crm-use-plan']").await?;
        client
            .execute(
                r#"
                window.crmTiming = { progress: [], tasks: [] };
                document.addEventListener('change', (event) => {
                    if (event.target.dataset.testid === 'crm-file') {
                        window.crmTiming.chosen = performance.now();
                    }
                }, true);
                new PerformanceObserver((list) => {
                    for (const entry of list.getEntries()) window.crmTiming.tasks.push(entry.duration);
                }).observe({ entryTypes: ['longtask'] });
                new MutationObserver(() => {
                    const bar = document.querySelector("[data-testid='crm-progress']");
                    if (bar) window.crmTiming.progress.push(Number(bar.value));
                    if (!window.crmTiming.shown && document.querySelector("[data-testid='crm-report']")) {
                        window.crmTiming.shown = performance.now();
                    }
                }).observe(document.body, { subtree: true, childList: true, attributes: true });
                "#,
                Vec::new(),
            )
            .await
            .map_err(|error| format!("cannot watch the panel: {error}"))?;
        crate::crm::choose_file(client, &history).await?;
        client
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css("[data-testid='crm-report']"))
            .await
            .map_err(|error| format!("no report for the large history: {error}"))?;
        let timing = client
            .execute("return window.crmTiming;", Vec::new())
            .await
            .map_err(|error| error.to_string())?;
        let ms = timing["shown"].as_f64().unwrap_or(f64::NAN)
            - timing["chosen"].as_f64().unwrap_or(f64::NAN);
        let progress: Vec<f64> = timing["progress"]
            .as_array()
            .map(|p| p.iter().filter_map(Json::as_f64).collect())
            .unwrap_or_default();
        let longest = timing["tasks"]
            .as_array()
            .map(|t| t.iter().filter_map(Json::as_f64).fold(0.0, f64::max))
            .unwrap_or(0.0);
        println!(
            "e2e: timing: 100,000-row CRM history chosen to report shown in {ms:.0} ms \
             (target 2,000); progress seen at {:?}; longest main-thread task {longest:.0} ms",
            {
                let mut seen = progress.clone();
                seen.dedup();
                seen
            }
        );
        assert!(
            progress.iter().any(|&done| done > 0.0),
            "the progress bar never moved: {progress:?}"
        );
        assert!(
            ms < CALIBRATE_MS,
            "the import took {ms:.0} ms (at most {CALIBRATE_MS})"
        );
        Ok(())
    });
}

/// The most milliseconds the median frame interval of the teaching view's playback may take
/// with 2,000 dots (issue 14: 20 ms, a frame at 50 per second; Chromium paces frames at 60 per
/// second, 16.7 ms, when each frame's work fits).
const PLAYBACK_MEDIAN_MS: f64 = 20.0;

/// Issue 14: 2,000 leads play as dots with a median frame interval within 20 ms and no
/// main-thread task over 50 ms, measured from requestAnimationFrame's timestamps and a
/// long-task observer over three seconds of playback at the fastest speed.
#[test]
fn two_thousand_dots_play_at_a_frame_every_20_ms() {
    with_app(async |client, server| {
        client
            .goto(&page_url(server))
            .await
            .map_err(|error| error.to_string())?;
        wait_ready(client).await?;
        crate::teach::open_view(client).await?;
        crate::editor::choose(client, "[data-testid='teach-leads']", "2000").await?;
        client
            .wait()
            .at_most(Duration::from_secs(60))
            .for_element(Locator::Css(
                "[data-testid='teach-view'][data-leads='2000']",
            ))
            .await
            .map_err(|error| format!("the 2,000 leads' journeys did not come: {error}"))?;
        crate::editor::choose(client, "[data-testid='teach-speed']", "5").await?;
        click(client, "[data-testid='teach-play']").await?;
        let script = r#"
            const done = arguments[arguments.length - 1];
            const frames = [];
            const tasks = [];
            const observer = new PerformanceObserver((list) => {
                for (const entry of list.getEntries()) tasks.push(entry.duration);
            });
            observer.observe({ entryTypes: ['longtask'] });
            const started = performance.now();
            const frame = (time) => {
                frames.push(time);
                if (time - started < 3000) {
                    requestAnimationFrame(frame);
                } else {
                    observer.takeRecords().forEach((entry) => tasks.push(entry.duration));
                    observer.disconnect();
                    const day = document.querySelector("[data-testid='teach-day']").textContent;
                    done({ frames, tasks, day });
                }
            };
            requestAnimationFrame(frame);
        "#;
        let outcome = client
            .execute_async(script, Vec::new())
            .await
            .map_err(|error| format!("the frame measure did not run: {error}"))?;
        click(client, "[data-testid='teach-play']").await?;
        let frames: Vec<f64> = outcome["frames"]
            .as_array()
            .map(|frames| frames.iter().filter_map(Json::as_f64).collect())
            .unwrap_or_default();
        let mut intervals: Vec<f64> = frames.windows(2).map(|pair| pair[1] - pair[0]).collect();
        intervals.sort_by(f64::total_cmp);
        let median = intervals
            .get(intervals.len() / 2)
            .copied()
            .unwrap_or(f64::NAN);
        let slowest = intervals.last().copied().unwrap_or(f64::NAN);
        let tasks: Vec<f64> = outcome["tasks"]
            .as_array()
            .map(|tasks| tasks.iter().filter_map(Json::as_f64).collect())
            .unwrap_or_default();
        let longest = tasks.iter().copied().fold(0.0, f64::max);
        println!(
            "e2e: timing: the teaching view plays 2,000 dots: {} frames in 3 s, median interval \
             {median:.1} ms, slowest {slowest:.1} ms; main-thread long tasks: {} (longest \
             {longest:.0} ms); it reached day {}",
            frames.len(),
            tasks.len(),
            outcome["day"]
        );
        let day: u32 = outcome["day"]
            .as_str()
            .and_then(|day| day.trim().parse().ok())
            .unwrap_or(0);
        assert!(
            day >= 5,
            "playing at 5 days a second, 3 s reach day 5 or later: day {day}"
        );
        assert!(
            intervals.len() >= 60,
            "{} frames in 3 s: the page did not animate",
            frames.len()
        );
        assert!(
            median <= PLAYBACK_MEDIAN_MS,
            "the median frame interval is {median:.1} ms with 2,000 dots (at most \
             {PLAYBACK_MEDIAN_MS} ms); intervals: {intervals:?}"
        );
        assert!(
            longest <= 50.0,
            "a main-thread task took {longest:.0} ms (over 50 ms) while 2,000 dots played; the \
             long tasks: {tasks:?} ms"
        );
        Ok(())
    });
}

/// A scenario of `stages` stages in a row, each converting 90% after a day, fed by 100 leads a
/// day; stage `k` sends its lost leads back to stage `k - 1` through a nurture loop for the
/// last `loops` stages (nested: each loop holds the ones after it).
fn long_funnel(count: usize, loops: usize, horizon: u32, per_day: f64) -> Json {
    let mut stages: Vec<Json> = (0..count)
        .map(|k| {
            let mut stage = json!({
                "name": format!("Stage {}", k + 1),
                "conversion": 0.9,
                "delay_days": {"fixed": 1},
            });
            if k > 0 && k + loops >= count {
                stage["nurture"] = json!({
                    "share": 0.5,
                    "delay_days": {"fixed": 3},
                    "reentry": 0.3,
                    "to": format!("Stage {k}"),
                    "max_cycles": 20,
                });
            }
            stage
        })
        .collect();
    stages[count - 1]["value"] = json!({"fixed": 100});
    json!({
        "name": "Huge",
        "horizon_days": horizon,
        "sources": [{"name": "Ads", "entry": "Stage 1", "per_day": {"poisson": per_day}}],
        "stages": stages,
    })
}

/// The longest main-thread task the very large inputs may take (the issue's target): an
/// import whose longest task is longer is measured again, and the best of the attempts must
/// hold it. On the machine of BENCHMARKS.md most imports have no task over 50 ms at all; now
/// and then one (of 200 stages, mostly) has a task of 50-61 ms, and its retry none.
const BLOCKED_MS: f64 = 50.0;
/// The longest a task may take in any attempt: a tab that does not answer for longer reads as
/// frozen.
const FROZEN_MS: f64 = 250.0;
/// Imports of each input measured at most: the best one holds the target, so that a moment of
/// a shared machine's load (a collection of the browser's garbage, another build) does not
/// read as the page's own work, while work of the page's that takes too long fails every
/// attempt.
const ATTEMPTS: usize = 3;

/// What one import showed: the page's state, its longest main-thread task, every long task
/// and the errors listed (path and text).
struct Measured {
    state: String,
    longest: f64,
    tasks: Vec<f64>,
    errors: Json,
}

/// Imports `scenario` as a file (its name must differ from the scenario on the page) and
/// measures the main thread from the file's choice to 1.5 s after the page's answer: its
/// forecast, or its errors, the same three times in a row 100 ms apart.
async fn import_and_measure(
    client: &fantoccini::Client,
    what: &str,
    scenario: &Json,
) -> Result<Measured, String> {
    let name = scenario["name"].as_str().unwrap_or_default().to_string();
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("huge-{}.json", name.replace(' ', "-")));
    std::fs::write(&file, scenario.to_string()).map_err(|error| error.to_string())?;
    client
        .execute(
            "window.huge = { tasks: [] };
             window.huge.observer = new PerformanceObserver((list) => {
                 for (const entry of list.getEntries()) window.huge.tasks.push(entry.duration);
             });
             window.huge.observer.observe({ entryTypes: ['longtask'] });",
            vec![],
        )
        .await
        .map_err(|error| format!("cannot observe long tasks: {error}"))?;
    crate::editor::element(client, "[data-testid='import-json']")
        .await?
        .send_keys(&file.display().to_string())
        .await
        .map_err(|error| format!("cannot choose the file: {error}"))?;
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    let mut settled = (String::new(), 0);
    let state = loop {
        let state =
            crate::editor::attribute(client, "[data-testid='results']", "data-state").await?;
        let shown = client
            .execute(
                "return JSON.parse(localStorage.getItem('funnelcast.work') || '{}').scenario?.name ?? null",
                vec![],
            )
            .await
            .map_err(|error| error.to_string())?;
        if shown == name.as_str() && (state == "ready" || state == "invalid") {
            settled = if settled.0 == state {
                (state.clone(), settled.1 + 1)
            } else {
                (state.clone(), 1)
            };
            if settled.1 == 3 {
                break state;
            }
        } else {
            settled = (String::new(), 0);
        }
        if std::time::Instant::now() > deadline {
            return Err(format!("{what}: the page stayed {state:?} for 120 s"));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    // Let the page draw what follows the answer (charts, lazily loaded parts).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let tasks = client
        .execute(
            "window.huge.observer.takeRecords().forEach((entry) => window.huge.tasks.push(entry.duration));
             window.huge.observer.disconnect();
             return window.huge.tasks;",
            vec![],
        )
        .await
        .map_err(|error| error.to_string())?;
    let tasks: Vec<f64> = tasks
        .as_array()
        .map(|tasks| tasks.iter().filter_map(Json::as_f64).collect())
        .unwrap_or_default();
    let errors = client
        .execute(
            "return [...document.querySelectorAll(\"[data-testid='forecast-errors'] [data-path]\")].map((item) => [item.dataset.path, item.textContent]);",
            vec![],
        )
        .await
        .map_err(|error| error.to_string())?;
    Ok(Measured {
        state,
        longest: tasks.iter().copied().fold(0.0, f64::max),
        tasks,
        errors,
    })
}

/// Every very large input the issue names, imported as a file after the page has loaded, each
/// after the one before it (200 stages, then 21 with nested loops: 179 rows go): each is
/// refused with the field named or forecast, and its main-thread tasks from the file's choice
/// to the page's answer are measured (the page's first load is not counted). An import whose
/// longest task is over the target (`BLOCKED_MS`) is measured again, after the input before
/// it again, at most `ATTEMPTS` times: the best must hold the target, and no attempt may
/// freeze the tab (`FROZEN_MS`).
#[test]
fn huge_inputs_are_refused_by_name_or_forecast_and_never_block_the_main_thread() {
    let mut cases = [
        (
            "a billion leads a day",
            long_funnel(4, 0, 90, 1e9),
            Some("sources[0].per_day.poisson"),
        ),
        (
            "a 50-year horizon",
            long_funnel(4, 0, 18_262, 100.0),
            Some("horizon_days"),
        ),
        ("200 stages", long_funnel(200, 0, 365, 100.0), None),
        (
            "20 nested nurture loops",
            long_funnel(21, 20, 365, 100.0),
            None,
        ),
    ];
    for (what, scenario, _) in &mut cases {
        scenario["name"] = json!(format!("Huge: {what}"));
    }
    let mut before = long_funnel(4, 0, 90, 100.0);
    before["name"] = json!("Before the huge inputs");
    with_app(async |client, server| {
        open(client, server).await?;
        import_and_measure(client, "the start", &before).await?;
        let mut problems = Vec::new();
        for (index, (what, scenario, refused_at)) in cases.iter().enumerate() {
            let mut attempts: Vec<f64> = Vec::new();
            for attempt in 0..ATTEMPTS {
                if attempt > 0 {
                    // The same change again: the input before this one, then this one.
                    let previous = index.checked_sub(1).map_or(&before, |k| &cases[k].1);
                    import_and_measure(client, "the input before", previous).await?;
                }
                let measured = import_and_measure(client, what, scenario).await?;
                println!(
                    "e2e: timing: {what} (attempt {}): {}, main-thread long tasks {:?} ms; errors {}",
                    attempt + 1,
                    measured.state,
                    measured.tasks,
                    measured.errors
                );
                if let Some(path) = refused_at {
                    assert_eq!(measured.state, "invalid", "{what}: refused");
                    let named = measured
                        .errors
                        .as_array()
                        .is_some_and(|items| items.iter().any(|item| item[0] == *path));
                    assert!(named, "{what}: the error names {path}: {}", measured.errors);
                } else {
                    assert!(
                        measured.state == "ready" || measured.state == "invalid",
                        "{what}: {}",
                        measured.state
                    );
                }
                assert!(
                    measured.longest <= FROZEN_MS,
                    "{what}: a main-thread task took {:.0} ms (over {FROZEN_MS} ms, a frozen \
                     tab): {:?} ms",
                    measured.longest,
                    measured.tasks
                );
                if attempt == 0 && refused_at.is_none() && measured.state == "ready" {
                    // What a long funnel's chart looks like (named every few rows).
                    client
                        .execute(
                            "document.querySelector(\"[data-testid='funnel-chart']\")?.scrollIntoView({ block: 'start' });",
                            vec![],
                        )
                        .await
                        .map_err(|error| error.to_string())?;
                    save_screenshot(client, &format!("huge-{}", what.replace(' ', "-"))).await?;
                }
                attempts.push(measured.longest);
                if measured.longest <= BLOCKED_MS {
                    break;
                }
            }
            let best = attempts.iter().copied().fold(f64::INFINITY, f64::min);
            println!(
                "e2e: timing: {what}: best of {} imports {best:.0} ms",
                attempts.len()
            );
            if best > BLOCKED_MS {
                problems.push(format!(
                    "{what}: the longest main-thread task of each of {ATTEMPTS} imports was \
                     over the target of {BLOCKED_MS} ms: {attempts:?} ms"
                ));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        Ok(())
    });
}

#[test]
#[ignore = "a measuring aid: FUNNELCAST_PROFILE_OUT=file writes Chromium's CPU profile of one import"]
fn profile_an_import_of_200_stages() {
    let scenario = long_funnel(
        std::env::var("PROFILE_STAGES")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(200),
        std::env::var("PROFILE_LOOPS")
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0),
        365,
        100.0,
    );
    with_app(async |client, server| {
        open(client, server).await?;
        // PROFILE_AFTER=n: the page holds a funnel of n stages (and its forecast) before the
        // profiled import, as in the test above, where each input follows the one before.
        if let Some(before) = std::env::var("PROFILE_AFTER")
            .ok()
            .and_then(|n| n.parse().ok())
        {
            let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("before.json");
            std::fs::write(&file, long_funnel(before, 0, 365, 100.0).to_string())
                .map_err(|error| error.to_string())?;
            crate::editor::element(client, "[data-testid='import-json']")
                .await?
                .send_keys(&file.display().to_string())
                .await
                .map_err(|error| error.to_string())?;
            tokio::time::sleep(Duration::from_secs(8)).await;
        }
        let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("profile.json");
        std::fs::write(&file, scenario.to_string()).map_err(|error| error.to_string())?;
        let profiling = std::env::var_os("FUNNELCAST_PROFILE_OUT").is_some();
        if profiling {
            devtools(client, "Profiler.enable", json!({})).await?;
            devtools(
                client,
                "Profiler.setSamplingInterval",
                json!({"interval": 200}),
            )
            .await?;
        }
        // The long animation frames besides: how much of each was script (and which), and how
        // much the browser's own style, layout and paint.
        client
            .execute(
                "window.frames_seen = [];
                 new PerformanceObserver((list) => {
                     for (const frame of list.getEntries()) window.frames_seen.push({
                         ms: Math.round(frame.duration),
                         at: Math.round(frame.startTime),
                         blocking: Math.round(frame.blockingDuration),
                         render: Math.round(frame.startTime + frame.duration - frame.renderStart),
                         style_and_layout: Math.round(frame.startTime + frame.duration - frame.styleAndLayoutStart),
                         forced: Math.round(frame.scripts.reduce((sum, script) => sum + script.forcedStyleAndLayoutDuration, 0)),
                         scripts: frame.scripts.map((script) => `${script.invoker} ${script.invokerType} ${Math.round(script.duration)} ms (layout ${Math.round(script.forcedStyleAndLayoutDuration)})`),
                     });
                 }).observe({ type: 'long-animation-frame', buffered: false });
                 window.tasks_seen = [];
                 new PerformanceObserver((list) => {
                     for (const task of list.getEntries()) window.tasks_seen.push(`${Math.round(task.duration)} ms at ${Math.round(task.startTime)}`);
                 }).observe({ type: 'longtask', buffered: false });",
                vec![],
            )
            .await
            .map_err(|error| format!("cannot observe long animation frames: {error}"))?;
        if profiling {
            devtools(client, "Profiler.start", json!({})).await?;
        }
        crate::editor::element(client, "[data-testid='import-json']")
            .await?
            .send_keys(&file.display().to_string())
            .await
            .map_err(|error| error.to_string())?;
        // PROFILE_WAIT=s: seconds to wait after the import (6), e.g. for a startup trace to end.
        let wait = std::env::var("PROFILE_WAIT")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(6);
        tokio::time::sleep(Duration::from_secs(wait)).await;
        let frames = client
            .execute("return [window.tasks_seen, window.frames_seen];", vec![])
            .await
            .map_err(|error| error.to_string())?;
        println!("e2e: long tasks, then long animation frames: {frames:#}");
        if let Some(out) = std::env::var_os("FUNNELCAST_PROFILE_OUT") {
            let profile = devtools(client, "Profiler.stop", json!({})).await?;
            std::fs::write(out, profile.to_string()).map_err(|error| error.to_string())?;
        }
        Ok(())
    });
}
