//! `window.funnelcast`: the engine for the page's own scripts.
//!
//! - `funnelcast.simulate(scenarioJson, {runs, seed, precision, workers, onProgress})` returns
//!   a Promise of the report as JSON text, exactly what `funnelcast run FILE --runs N --seed S
//!   --json` prints (pretty, with a final newline). `runs` defaults to 10,000 and `seed` to 1,
//!   as on the command line; `seed` may be a number (a safe integer) or a BigInt up to 2^64 - 1;
//!   `precision` (a fraction, 0.005 for 0.5%) runs until the relative standard error of
//!   revenue's mean, p5 and p95 is below it, as `--precision` does (`runs` is then the most,
//!   by default 100,000 or what fits in memory);
//!   `workers` defaults to one per core; `onProgress(done, total)` is called as runs finish. The Promise rejects with an `Error` whose message names the field at fault
//!   (`options.runs: ...`, `invalid scenario: stages[2].conversion: ...`).
//! - `funnelcast.journeys(scenarioJson, {leads, seed})` returns a Promise of the journeys of a
//!   cohort of `leads` leads (200 by default, at most 100,000) as JSON text, exactly what
//!   `funnelcast journeys FILE --leads N --seed S --json` prints: the teaching view's cohort.
//! - `funnelcast.cancel()` stops the running simulation and those waiting: their Promises
//!   reject with an `Error` named `AbortError`.
//!
//! Calls run one after the other, in their own pool of workers (started at the first call), so
//! a script neither cancels nor is cancelled by the forecast the page shows.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use super::pool::{JobError, WorkerPool};
use crate::worker::MAX_RUNS;

/// The runs and seed of a call that does not give them: the command line's defaults.
const DEFAULT_RUNS: u32 = 10_000;
/// The most runs of a call with `precision` and without `runs`, as on the command line.
const AUTOMATIC_CAP: u32 = 100_000;
const DEFAULT_SEED: u64 = 1;
/// The cohort of a `journeys` call that does not give one: the command line's default.
const DEFAULT_LEADS: u64 = 200;
/// The most workers a call may ask for.
const MAX_WORKERS: usize = 64;

/// The API's state: its pool, the last call (the next one waits for it) and the number of
/// `cancel` calls so far (a waiting call started before a cancel does not run).
#[derive(Default)]
struct Api {
    pool: RefCell<Option<Rc<WorkerPool>>>,
    last: RefCell<Option<Promise>>,
    cancels: Cell<u64>,
}

/// A call's options, checked.
struct Options {
    runs: u32,
    /// `runs` was given (with `precision`, the most runs).
    runs_given: bool,
    precision: Option<f64>,
    seed: u64,
    workers: Option<usize>,
    on_progress: Option<js_sys::Function>,
}

/// Installs `window.funnelcast`.
///
/// # Errors
/// No window (not in a page), or the property cannot be set.
pub fn install() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let api = Rc::new(Api::default());
    let object = Object::new();

    let for_simulate = Rc::clone(&api);
    let simulate = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(
        move |scenario: JsValue, options: JsValue| simulate(&for_simulate, &scenario, &options),
    );
    Reflect::set(&object, &"simulate".into(), simulate.as_ref())?;
    let for_journeys = Rc::clone(&api);
    let journeys = Closure::<dyn Fn(JsValue, JsValue) -> Promise>::new(
        move |scenario: JsValue, options: JsValue| journeys(&for_journeys, &scenario, &options),
    );
    Reflect::set(&object, &"journeys".into(), journeys.as_ref())?;
    let cancel = Closure::<dyn Fn()>::new(move || {
        api.cancels.set(api.cancels.get() + 1);
        if let Some(pool) = api.pool.borrow().as_ref() {
            pool.cancel();
        }
    });
    Reflect::set(&object, &"cancel".into(), cancel.as_ref())?;
    // The functions live as long as the page.
    simulate.forget();
    journeys.forget();
    cancel.forget();
    Reflect::set(&window, &"funnelcast".into(), &object)?;
    Ok(())
}

fn simulate(api: &Rc<Api>, scenario: &JsValue, options: &JsValue) -> Promise {
    let checked = scenario_text(scenario).and_then(|text| Ok((text, read_options(options)?)));
    let (scenario, options) = match checked {
        Ok(checked) => checked,
        Err(message) => return Promise::reject(&error(&message, "TypeError")),
    };
    let api = Rc::clone(api);
    let cancels = api.cancels.get();
    let previous = api.last.borrow_mut().take();
    let call = Rc::clone(&api);
    let promise = future_to_promise(async move {
        if let Some(previous) = previous {
            // Its outcome is its caller's business; this call only waits its turn.
            let _ = JsFuture::from(previous).await;
        }
        if call.cancels.get() != cancels {
            return Err(error(&JobError::Cancelled.to_string(), "AbortError"));
        }
        let pool = match call.pool() {
            Ok(pool) => pool,
            Err(message) => return Err(error(&message, "Error")),
        };
        let on_progress = options.on_progress;
        let progress = move |done: u32, total: u32| {
            if let Some(callback) = &on_progress {
                // The page's callback is its own business: an exception there does not stop
                // the simulation.
                let _ = callback.call2(&JsValue::NULL, &done.into(), &total.into());
            }
        };
        let job = match options.precision {
            Some(tolerance) => {
                let cap = if options.runs_given {
                    options.runs
                } else {
                    // As the command line: 100,000, or what fits in memory.
                    crate::scenario::load(&scenario).map_or(AUTOMATIC_CAP, |(_, model)| {
                        crate::worker::automatic_cap(&model, AUTOMATIC_CAP)
                    })
                };
                let spec = crate::worker::AutomaticRuns { tolerance, cap };
                let json = pool.simulate_automatic_json(
                    scenario,
                    spec,
                    options.seed,
                    options.workers,
                    progress,
                );
                Box::pin(json) as std::pin::Pin<Box<dyn std::future::Future<Output = _>>>
            }
            None => Box::pin(pool.simulate_json(
                scenario,
                options.runs,
                options.seed,
                options.workers,
                progress,
            )),
        };
        match job.await {
            Ok(json) => Ok(JsValue::from_str(&json)),
            Err(JobError::Cancelled) => Err(error(&JobError::Cancelled.to_string(), "AbortError")),
            Err(other) => Err(error(&other.to_string(), "Error")),
        }
    });
    *api.last.borrow_mut() = Some(promise.clone());
    promise
}

/// `funnelcast.journeys`: the cohort's journeys as `funnelcast journeys --json` prints them.
fn journeys(api: &Rc<Api>, scenario: &JsValue, options: &JsValue) -> Promise {
    let checked = scenario_text(scenario).and_then(|text| {
        if !(options.is_undefined() || options.is_null() || options.is_object()) {
            return Err(format!(
                "options: expected an object such as {{leads: 200, seed: 7}}, got {}",
                type_of(options)
            ));
        }
        let field = |name: &str| Reflect::get(options, &name.into()).unwrap_or(JsValue::UNDEFINED);
        let most = u64::from(crate::engine::journeys::MAX_LEADS);
        let leads = whole_number(&field("leads"), "leads", 1, most)?.unwrap_or(DEFAULT_LEADS);
        let seed = whole_number(&field("seed"), "seed", 0, u64::MAX)?.unwrap_or(DEFAULT_SEED);
        Ok((text, leads as u32, seed))
    });
    let (scenario, leads, seed) = match checked {
        Ok(checked) => checked,
        Err(message) => return Promise::reject(&error(&message, "TypeError")),
    };
    let api = Rc::clone(api);
    let cancels = api.cancels.get();
    let previous = api.last.borrow_mut().take();
    let call = Rc::clone(&api);
    // One call after the other, as `simulate`: a call never supersedes the one before.
    let promise = future_to_promise(async move {
        if let Some(previous) = previous {
            let _ = JsFuture::from(previous).await;
        }
        if call.cancels.get() != cancels {
            return Err(error(&JobError::Cancelled.to_string(), "AbortError"));
        }
        let pool = call.pool().map_err(|message| error(&message, "Error"))?;
        let decision = crate::worker::DecisionJob::Journeys {
            scenario,
            leads,
            seed,
        };
        match pool.decide(decision).await {
            Ok(json) => Ok(JsValue::from_str(&json)),
            Err(JobError::Cancelled) => Err(error(&JobError::Cancelled.to_string(), "AbortError")),
            Err(other) => Err(error(&other.to_string(), "Error")),
        }
    });
    *api.last.borrow_mut() = Some(promise.clone());
    promise
}

impl Api {
    /// The API's pool, started at the first call.
    fn pool(&self) -> Result<Rc<WorkerPool>, String> {
        if let Some(pool) = self.pool.borrow().as_ref() {
            return Ok(Rc::clone(pool));
        }
        let pool =
            WorkerPool::new().map_err(|message| format!("cannot start the workers: {message}"))?;
        *self.pool.borrow_mut() = Some(Rc::clone(&pool));
        Ok(pool)
    }
}

/// The scenario as JSON text: a string as given, an object through `JSON.stringify`.
fn scenario_text(scenario: &JsValue) -> Result<String, String> {
    if let Some(text) = scenario.as_string() {
        return Ok(text);
    }
    if scenario.is_object() {
        return js_sys::JSON::stringify(scenario)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| "scenarioJson: cannot be written as JSON".to_string());
    }
    Err(format!(
        "scenarioJson: expected the scenario as JSON text, got {}",
        type_of(scenario)
    ))
}

fn read_options(options: &JsValue) -> Result<Options, String> {
    if options.is_undefined() || options.is_null() {
        return Ok(Options {
            runs: DEFAULT_RUNS,
            runs_given: false,
            precision: None,
            seed: DEFAULT_SEED,
            workers: None,
            on_progress: None,
        });
    }
    if !options.is_object() {
        return Err(format!(
            "options: expected an object such as {{runs: 2000, seed: 7}}, got {}",
            type_of(options)
        ));
    }
    let field = |name: &str| Reflect::get(options, &name.into()).unwrap_or(JsValue::UNDEFINED);
    let given = whole_number(&field("runs"), "runs", 1, u64::from(MAX_RUNS))?;
    let runs = given.map_or(DEFAULT_RUNS, |runs| u32::try_from(runs).unwrap_or(MAX_RUNS));
    let precision = field("precision");
    let precision = if precision.is_undefined() || precision.is_null() {
        None
    } else {
        match precision.as_f64() {
            Some(value) if value > 0.0 && value <= crate::engine::automatic::MAX_TOLERANCE => {
                Some(value)
            }
            _ => {
                return Err(format!(
                    "options.precision: must be a fraction above 0 and at most 0.1 (0.005 for \
                     0.5%), got {}",
                    precision
                        .as_f64()
                        .map_or_else(|| type_of(&precision), |value| value.to_string())
                ));
            }
        }
    };
    let seed = whole_number(&field("seed"), "seed", 0, u64::MAX)?.unwrap_or(DEFAULT_SEED);
    let workers = whole_number(&field("workers"), "workers", 1, MAX_WORKERS as u64)?
        .map(|workers| workers as usize);
    let on_progress = field("onProgress");
    let on_progress = if on_progress.is_undefined() || on_progress.is_null() {
        None
    } else {
        Some(
            on_progress
                .dyn_into::<js_sys::Function>()
                .map_err(|value| {
                    format!(
                        "options.onProgress: expected a function, got {}",
                        type_of(&value)
                    )
                })?,
        )
    };
    Ok(Options {
        runs,
        runs_given: given.is_some(),
        precision,
        seed,
        workers,
        on_progress,
    })
}

/// A whole number from `low` to `high` given as a number (exact only up to 2^53) or a BigInt;
/// `None` when absent.
fn whole_number(value: &JsValue, name: &str, low: u64, high: u64) -> Result<Option<u64>, String> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    let range = || format!("options.{name}: must be a whole number from {low} to {high}");
    if value.is_bigint() {
        let text = js_sys::BigInt::from(value.clone())
            .to_string(10)
            .ok()
            .and_then(|text| text.as_string())
            .unwrap_or_default();
        return match text.parse::<u64>() {
            Ok(number) if (low..=high).contains(&number) => Ok(Some(number)),
            _ => Err(format!("{}, got {text}n", range())),
        };
    }
    let Some(number) = value.as_f64() else {
        return Err(format!("{}, got {}", range(), type_of(value)));
    };
    // Numbers above 2^53 are not exact: a seed that large must be a BigInt.
    const SAFE: f64 = 9_007_199_254_740_991.0;
    if number.fract() != 0.0 || number < low as f64 || number > (high as f64).min(SAFE) {
        let hint = if number > SAFE && number.fract() == 0.0 {
            " (above 2^53 - 1 give it as a BigInt)"
        } else {
            ""
        };
        return Err(format!("{}, got {number}{hint}", range()));
    }
    Ok(Some(number as u64))
}

fn type_of(value: &JsValue) -> String {
    value.js_typeof().as_string().unwrap_or_default()
}

/// An `Error` with this message and name.
fn error(message: &str, name: &str) -> JsValue {
    let error = js_sys::Error::new(message);
    error.set_name(name);
    error.into()
}
