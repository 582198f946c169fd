//! The npm package's entry point (`cargo xtask pkg` builds it into `pkg/`): `simulate`,
//! `sensitivity`, `compare`, `journeys` and `calibrate` exported to JavaScript with
//! wasm-bindgen, each taking a scenario (or a CRM history) and a plain options object and
//! returning what the command line prints, byte for byte.
//!
//! Only the arguments are read here, as clap reads the command line's: the options' names,
//! types and ranges, and the command line's defaults (`funnelcast::api`'s constants). Every
//! answer is `funnelcast::api`'s, the very functions `funnelcast run`, `sensitivity`,
//! `compare`, `journeys` and `calibrate` call; an error is thrown as a JavaScript `Error`
//! whose message names the argument and the field (`scenarioJson: stages[2].conversion: ...`,
//! `options.runs: ...`). The functions are synchronous: the engine does no IO.

#[cfg(target_arch = "wasm32")]
mod exports {
    use funnelcast::api::{self, ApiError, Input};
    use funnelcast::calibrate::DateOrder;
    use funnelcast::scenario::MAX_HORIZON_DAYS;
    use js_sys::{Array, Object, Reflect, Uint8Array};
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen(typescript_custom_section)]
    const TYPES: &str = r#"
/** A scenario: its JSON text (the scenario file format) or the object that text parses to. */
export type ScenarioInput = string | object;

/** A seed: the same seed gives the same answer. A number up to 2^53 - 1, or a BigInt up to 2^64 - 1. */
export type Seed = number | bigint;

/** The options of `simulate`, as `funnelcast run` takes them. */
export interface SimulateOptions {
  /** Simulated runs (10,000); with `precision`, the most runs it may take (100,000, or what fits in memory). */
  runs?: number;
  /** The seed of the random streams (1). */
  seed?: Seed;
  /** Run until the relative standard error of revenue's mean, p5 and p95 is below this: a fraction (0.005) or a percentage ("0.5%"). */
  precision?: number | string;
}

/** The options of `sensitivity`, as `funnelcast sensitivity` takes them. */
export interface SensitivityOptions {
  /** Simulated runs (1,000); each lever simulates them all again. */
  runs?: number;
  /** The seed of the random streams (1). */
  seed?: Seed;
  /** How far each lever moves: N points or N percent, above 0 and below 100 (5). */
  step?: number;
  /** How conversion levers move a rate: +N points, +N% relative, or the drop-off cut by N% ("points"). */
  mode?: "points" | "relative" | "dropoff";
}

/** The options of `compare`, as `funnelcast compare` takes them. */
export interface CompareOptions {
  /** Simulated runs of each plan (10,000). */
  runs?: number;
  /** The seed of the random streams (1). */
  seed?: Seed;
}

/** The options of `journeys`, as `funnelcast journeys` takes them. */
export interface JourneysOptions {
  /** How many leads: the scenario's sources scaled down to this many (200). */
  leads?: number;
  /** The seed of the random streams (1). */
  seed?: Seed;
}

/** A CRM history: the export's text, or its bytes (UTF-8, with or without a byte-order mark). */
export type HistoryInput = string | Uint8Array | ArrayBuffer;

/** What a column of the history holds, for headers that are not recognised. */
export type ColumnRole = "deal" | "stage" | "entered" | "left" | "outcome" | "source" | "amount" | "close_date" | "stage_kind";

/** The options of `calibrate`, as `funnelcast calibrate` takes them. */
export interface CalibrateOptions {
  /** The export date (YYYY-MM-DD or DD.MM.YYYY): visits without an end are open on it (the latest date in the file). */
  asOf?: string;
  /** A scenario whose stages (order, names), retention and lead costs to keep: only what the history measures is replaced. */
  funnel?: ScenarioInput;
  /** The calibrated scenario's horizon in days (the funnel's, else the history's window). */
  horizon?: number;
  /** How slash dates are written, when no date in the file tells. */
  dateOrder?: "day-first" | "month-first";
  /** Which header holds a role, e.g. `{deal: "Opportunity ID"}`. */
  columns?: Partial<Record<ColumnRole, string>>;
  /** The seed of the back-test's runs (1). */
  seed?: Seed;
  /** The back-test's runs, 0 for none (1,000). */
  backtestRuns?: number;
}

/** What `calibrate` returns. */
export interface Calibrated {
  /** The calibrated scenario's JSON text, as `funnelcast calibrate` prints it. */
  scenario: string;
  /** The report's JSON text, as `funnelcast calibrate --report FILE` writes it. */
  report: string;
  /** What reading the file warned about, in English (the command line prints them on standard error). */
  warnings: string[];
}
"#;

    /// The report of `runs` simulated runs of a scenario, as JSON text: what `funnelcast run
    /// FILE --json` prints (with the same options, the same text).
    ///
    /// @throws Error naming the field at fault: `scenarioJson: stages[2].conversion: ...`,
    /// `options.runs: ...`.
    #[wasm_bindgen]
    pub fn simulate(
        #[wasm_bindgen(js_name = "scenarioJson", unchecked_param_type = "ScenarioInput")]
        scenario: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SimulateOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        let options = Options::read(options, &["runs", "seed", "precision"])?;
        let runs = options.whole("runs", 1, u64::from(api::MAX_RUNS))?;
        let seed = options.seed()?;
        let precision = match options.get("precision") {
            None => None,
            Some(value) => Some(match value.as_string() {
                Some(text) => api::parse_precision(&text)
                    .map_err(|message| error(&format!("options.precision: {message}")))?,
                None => options.number("precision")?.unwrap_or_default(),
            }),
        };
        let (_, model) = load(&scenario, Input::Scenario)?;
        let options = api::RunOptions {
            runs: runs.map(|runs| runs as u32),
            seed,
            precision,
        };
        let report =
            api::simulate(&model, &options, &mut api::one_batch).map_err(|e| thrown(&e))?;
        api::to_json(&report).map_err(|e| thrown(&e))
    }

    /// Every lever of a scenario improved and worsened alone, on coupled runs, as JSON text:
    /// what `funnelcast sensitivity FILE --json` prints.
    ///
    /// @throws Error naming the field at fault (`options.step: ...`).
    #[wasm_bindgen]
    pub fn sensitivity(
        #[wasm_bindgen(js_name = "scenarioJson", unchecked_param_type = "ScenarioInput")]
        scenario: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "SensitivityOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        let options = Options::read(options, &["runs", "seed", "step", "mode"])?;
        let defaults = api::SensitivityRequest::default();
        let runs = options.whole("runs", 1, u64::from(api::MAX_RUNS))?;
        let seed = options.seed()?;
        let step = options.number("step")?;
        let mode = match options.text("mode")? {
            None => defaults.mode,
            Some(name) => api::conversion_mode(&name).ok_or_else(|| {
                error(&format!(
                    "options.mode: \"{name}\" is not a mode: \"points\", \"relative\" or \"dropoff\""
                ))
            })?,
        };
        let (_, model) = load(&scenario, Input::Scenario)?;
        let request = api::SensitivityRequest {
            runs: runs.map_or(defaults.runs, |runs| runs as u32),
            seed,
            step: step.unwrap_or(defaults.step),
            mode,
        };
        let answer = api::sensitivity(&model, &request).map_err(|e| thrown(&e))?;
        api::to_json(&answer.report).map_err(|e| thrown(&e))
    }

    /// Plan B against plan A over the same simulated leads, as JSON text: what `funnelcast
    /// compare A B --json` prints (both reports, the differences B - A and the share of runs
    /// in which B beats A).
    ///
    /// @throws Error naming the plan and the field at fault (`b: stages[0].conversion: ...`).
    #[wasm_bindgen]
    pub fn compare(
        #[wasm_bindgen(unchecked_param_type = "ScenarioInput")] a: JsValue,
        #[wasm_bindgen(unchecked_param_type = "ScenarioInput")] b: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CompareOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        let options = Options::read(options, &["runs", "seed"])?;
        let runs = options.whole("runs", 1, u64::from(api::MAX_RUNS))?;
        let seed = options.seed()?;
        let (_, model_a) = load(&a, Input::A)?;
        let (_, model_b) = load(&b, Input::B)?;
        let runs = runs.map_or(api::COMPARE_RUNS, |runs| runs as u32);
        let comparison = api::compare(&model_a, &model_b, runs, seed).map_err(|e| thrown(&e))?;
        api::comparison_json(&comparison).map_err(|e| thrown(&e))
    }

    /// A small cohort of leads followed one by one (the teaching view's journeys), as JSON
    /// text: what `funnelcast journeys FILE --json` prints.
    ///
    /// @throws Error naming the field at fault (`options.leads: ...`).
    #[wasm_bindgen]
    pub fn journeys(
        #[wasm_bindgen(js_name = "scenarioJson", unchecked_param_type = "ScenarioInput")]
        scenario: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "JourneysOptions")] options: JsValue,
    ) -> Result<String, JsValue> {
        let options = Options::read(options, &["leads", "seed"])?;
        let leads = options.whole("leads", 1, u64::from(api::MAX_LEADS))?;
        let seed = options.seed()?;
        let (_, model) = load(&scenario, Input::Scenario)?;
        let leads = leads.map_or(api::JOURNEY_LEADS, |leads| leads as u32);
        api::journeys_json(&model, leads, seed).map_err(|e| thrown(&e))
    }

    /// A funnel calibrated from a CRM's stage history: the scenario as `funnelcast calibrate
    /// HISTORY` prints it and the report as its `--report` file holds it, both JSON text.
    ///
    /// @throws Error naming the line and column of the history, or the option, at fault
    /// (`historyCsv: line 4, column "entered": ...`, `options.asOf: ...`).
    #[wasm_bindgen(unchecked_return_type = "Calibrated")]
    pub fn calibrate(
        #[wasm_bindgen(js_name = "historyCsv", unchecked_param_type = "HistoryInput")]
        history: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CalibrateOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let options = Options::read(
            options,
            &[
                "asOf",
                "funnel",
                "horizon",
                "dateOrder",
                "columns",
                "seed",
                "backtestRuns",
            ],
        )?;
        let date_order = match options.text("dateOrder")?.as_deref() {
            None => None,
            Some("day-first") => Some(DateOrder::DayFirst),
            Some("month-first") => Some(DateOrder::MonthFirst),
            Some(other) => {
                return Err(error(&format!(
                    "options.dateOrder: \"{other}\" is not a date order: \"day-first\" or \
                     \"month-first\""
                )));
            }
        };
        let request = api::CalibrateOptions {
            as_of: options.text("asOf")?,
            horizon: options
                .whole("horizon", 1, MAX_HORIZON_DAYS as u64)?
                .map(|days| days as u32),
            date_order,
            columns: options.columns()?,
            seed: options.seed()?,
            backtest_runs: options
                .whole("backtestRuns", 0, u64::from(api::MAX_BACKTEST_RUNS))?
                .map_or(api::BACKTEST_RUNS, |runs| runs as u32),
        };
        let checked = request.check().map_err(|e| thrown(&e))?;
        let funnel = match options.get("funnel") {
            Some(funnel) => Some(load(&funnel, Input::Funnel)?.0),
            None => None,
        };
        let bytes = history_bytes(&history)?;
        let calibrated =
            api::calibrate(&bytes, funnel.as_ref(), &checked).map_err(|e| thrown(&e))?;
        let warnings: Array = calibrated
            .warnings
            .iter()
            .map(|warning| JsValue::from_str(&warning.to_string()))
            .collect();
        let answer = Object::new();
        Reflect::set(&answer, &"scenario".into(), &calibrated.scenario.into())?;
        Reflect::set(&answer, &"report".into(), &calibrated.report.into())?;
        Reflect::set(&answer, &"warnings".into(), &warnings)?;
        Ok(answer.into())
    }

    /// A call's options object, its keys checked against the options it takes.
    struct Options(Option<Object>);

    impl Options {
        /// `options` (absent, `undefined` or `null`: every default), refusing a key that is no
        /// option of the call, as the command line refuses an unknown flag.
        fn read(options: JsValue, known: &[&str]) -> Result<Options, JsValue> {
            if options.is_undefined() || options.is_null() {
                return Ok(Options(None));
            }
            if !options.is_object() || Array::is_array(&options) {
                return Err(error(&format!(
                    "options: expected an object such as {{runs: 2000, seed: 7}}, got {}",
                    describe(&options)
                )));
            }
            let object: Object = options.unchecked_into();
            for key in Object::keys(&object).iter() {
                let key = key.as_string().unwrap_or_default();
                if !known.contains(&key.as_str()) {
                    return Err(error(&format!(
                        "options.{key}: no such option; the options are {}",
                        known.join(", ")
                    )));
                }
            }
            Ok(Options(Some(object)))
        }

        /// The option `key`, `None` when absent, `undefined` or `null`.
        fn get(&self, key: &str) -> Option<JsValue> {
            let object = self.0.as_ref()?;
            let value = Reflect::get(object, &key.into()).ok()?;
            (!value.is_undefined() && !value.is_null()).then_some(value)
        }

        /// A finite number.
        fn number(&self, key: &str) -> Result<Option<f64>, JsValue> {
            let Some(value) = self.get(key) else {
                return Ok(None);
            };
            match value.as_f64() {
                Some(number) if number.is_finite() => Ok(Some(number)),
                _ => Err(error(&format!(
                    "options.{key}: expected a number, got {}",
                    describe(&value)
                ))),
            }
        }

        /// A string.
        fn text(&self, key: &str) -> Result<Option<String>, JsValue> {
            let Some(value) = self.get(key) else {
                return Ok(None);
            };
            value.as_string().map(Some).ok_or_else(|| {
                error(&format!(
                    "options.{key}: expected a string, got {}",
                    describe(&value)
                ))
            })
        }

        /// A whole number from `low` to `high`: a number (exact up to 2^53) or a BigInt.
        fn whole(&self, key: &str, low: u64, high: u64) -> Result<Option<u64>, JsValue> {
            let Some(value) = self.get(key) else {
                return Ok(None);
            };
            let range = || format!("options.{key}: must be a whole number from {low} to {high}");
            if value.is_bigint() {
                let text = js_sys::BigInt::from(value.clone())
                    .to_string(10)
                    .ok()
                    .and_then(|text| text.as_string())
                    .unwrap_or_default();
                return match text.parse::<u64>() {
                    Ok(number) if (low..=high).contains(&number) => Ok(Some(number)),
                    _ => Err(error(&format!("{}, got {text}n", range()))),
                };
            }
            let Some(number) = value.as_f64() else {
                return Err(error(&format!("{}, got {}", range(), describe(&value))));
            };
            // Numbers above 2^53 are not exact: a seed that large must be a BigInt.
            const SAFE: f64 = 9_007_199_254_740_991.0;
            if number.fract() != 0.0 || number < low as f64 || number > (high as f64).min(SAFE) {
                let hint = if number > SAFE && number.fract() == 0.0 {
                    " (above 2^53 - 1, give it as a BigInt)"
                } else {
                    ""
                };
                return Err(error(&format!("{}, got {number}{hint}", range())));
            }
            Ok(Some(number as u64))
        }

        /// The seed, the command line's default when absent.
        fn seed(&self) -> Result<u64, JsValue> {
            Ok(self
                .whole("seed", 0, u64::MAX)?
                .unwrap_or(api::DEFAULT_SEED))
        }

        /// `columns`: an object of role names and headers, as `--column ROLE=HEADER` pairs.
        fn columns(&self) -> Result<Vec<(String, String)>, JsValue> {
            let Some(value) = self.get("columns") else {
                return Ok(Vec::new());
            };
            if !value.is_object() || Array::is_array(&value) {
                return Err(error(&format!(
                    "options.columns: expected an object such as {{deal: \"Opportunity ID\"}}, \
                     got {}",
                    describe(&value)
                )));
            }
            let mut columns = Vec::new();
            for entry in Object::entries(value.unchecked_ref::<Object>()).iter() {
                let entry: Array = entry.unchecked_into();
                let role = entry.get(0).as_string().unwrap_or_default();
                let header = entry.get(1).as_string().ok_or_else(|| {
                    error(&format!(
                        "options.columns.{role}: expected the header's name, got {}",
                        describe(&entry.get(1))
                    ))
                })?;
                columns.push((role, header));
            }
            Ok(columns)
        }
    }

    /// A scenario argument read and validated: a string as given, an object through
    /// `JSON.stringify`.
    fn load(
        value: &JsValue,
        input: Input,
    ) -> Result<(funnelcast::scenario::Scenario, funnelcast::scenario::Model), JsValue> {
        let text = if let Some(text) = value.as_string() {
            text
        } else if value.is_object() {
            js_sys::JSON::stringify(value)
                .ok()
                .and_then(|text| text.as_string())
                .ok_or_else(|| error(&format!("{}: cannot be written as JSON", name(input))))?
        } else {
            return Err(error(&format!(
                "{}: expected the scenario as JSON text or an object, got {}",
                name(input),
                describe(value)
            )));
        };
        api::load(&text, input).map_err(|e| thrown(&e))
    }

    /// The history's bytes: a string in UTF-8, or a `Uint8Array` or `ArrayBuffer` as it is.
    fn history_bytes(value: &JsValue) -> Result<Vec<u8>, JsValue> {
        if let Some(text) = value.as_string() {
            return Ok(text.into_bytes());
        }
        if value.is_instance_of::<Uint8Array>() || value.is_instance_of::<js_sys::ArrayBuffer>() {
            return Ok(Uint8Array::new(value).to_vec());
        }
        Err(error(&format!(
            "historyCsv: expected the CRM export as text, a Uint8Array or an ArrayBuffer, got {}",
            describe(value)
        )))
    }

    /// How the arguments are named in messages.
    fn name(input: Input) -> &'static str {
        match input {
            Input::Scenario => "scenarioJson",
            Input::A => "a",
            Input::B => "b",
            Input::History => "historyCsv",
            Input::Funnel => "options.funnel",
        }
    }

    /// An error of the shared outputs as an `Error` naming the argument (`scenarioJson`) and
    /// the option (`options.runs`) as the package's caller writes them.
    fn thrown(failure: &ApiError) -> JsValue {
        let message = match failure {
            ApiError::Option { name, problem, .. } => {
                format!("options.{}: {problem}", option_key(name))
            }
            other => other.message(&|input| name(input).to_string(), &|option| {
                format!("options.{}", option_key(option))
            }),
        };
        error(&message)
    }

    /// The options object's key for an option as the command line spells it.
    fn option_key(flag: &str) -> String {
        match flag {
            "column" => "columns".to_string(),
            other => {
                let mut key = String::new();
                let mut upper = false;
                for c in other.chars() {
                    if c == '-' {
                        upper = true;
                    } else if upper {
                        key.extend(c.to_uppercase());
                        upper = false;
                    } else {
                        key.push(c);
                    }
                }
                key
            }
        }
    }

    /// A value in a message: its type, and itself when it is short.
    fn describe(value: &JsValue) -> String {
        if let Some(text) = value.as_string() {
            return format!("the string \"{text}\"");
        }
        if let Some(number) = value.as_f64() {
            return format!("the number {number}");
        }
        if Array::is_array(value) {
            return "an array".to_string();
        }
        value.js_typeof().as_string().unwrap_or_default()
    }

    /// An `Error` with this message.
    fn error(message: &str) -> JsValue {
        js_sys::Error::new(message).into()
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {
    // A bug would otherwise surface as a bare "unreachable" trap: its message goes to the
    // console first.
    console_error_panic_hook::set_once();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    println!(
        "Funnelcast's npm package runs in JavaScript: build it with `cargo xtask pkg` (see the \
         README's \"Using the engine from JavaScript\")."
    );
}
