//! Every validation rule of the scenario format (docs/scenario-format.md, "Validation"),
//! through the library: each broken rule names its field's path and says what is allowed.
//!
//! The cases are data: a small valid base scenario, changed at one place per case, and one
//! `check` helper per kind of error (a broken rule, a wrong structure, a JSON syntax error).

use funnelcast::app_model::messages;
use funnelcast::i18n::Locale;
use funnelcast::scenario::{
    self, Arrivals, Delay, Expected, FieldError, LoadError, Rate, Rule, Scenario, ScenarioError,
    Structure, UncertainRate, Value, presets,
};
use serde_json::{Value as Json, json};

/// A valid scenario that uses every kind of law, so that every field has a place to break.
const BASE: &str = r#"{
  "name": "Validation base",
  "horizon_days": 90,
  "sources": [
    {"name": "Ads", "entry": "Awareness", "per_day": {"poisson": 20}, "start_day": 0,
     "end_day": 60, "cost_per_lead": 0.5},
    {"name": "Cohort", "entry": "Interest", "per_day": {"fixed": 10}, "start_day": 5,
     "end_day": 6}
  ],
  "stages": [
    {"name": "Awareness", "conversion": 0.4, "delay_days": {"exponential": {"mean": 1}}},
    {"name": "Interest", "conversion": {"beta": {"alpha": 30, "beta": 70}},
     "delay_days": {"lognormal": {"median": 3, "sigma": 0.5}}, "value": {"fixed": 5}},
    {"name": "Consideration", "conversion": {"uniform": {"low": 0.2, "high": 0.4}},
     "delay_days": {"gamma": {"shape": 2, "scale": 2}},
     "value": {"uniform": {"low": 1, "high": 3}},
     "nurture": {"share": 0.5, "delay_days": {"fixed": 7}, "reentry": 0.3, "to": "Interest",
                 "max_cycles": 2}},
    {"name": "Purchase", "conversion": 0.8, "delay_days": {"uniform": {"min": 1, "max": 3}},
     "value": {"lognormal": {"mean": 250, "sd": 80}}}
  ],
  "retention": {"repeat": 0.3, "delay_days": {"exponential": {"mean": 30}},
                "value": {"fixed": 120}, "max_repeats": 3}
}"#;

const STAGE_LIST: &str = r#"the stages are "Awareness", "Interest", "Consideration", "Purchase""#;

fn base() -> Json {
    serde_json::from_str(BASE).expect("the base scenario is valid JSON")
}

/// The base scenario with the value at a JSON pointer (`/stages/0/conversion`) replaced.
#[track_caller]
fn set(pointer: &str, value: Json) -> String {
    set_all(&[(pointer, value)])
}

/// The base scenario with the values at several JSON pointers replaced.
#[track_caller]
fn set_all(edits: &[(&str, Json)]) -> String {
    let mut scenario = base();
    for (pointer, value) in edits {
        *scenario
            .pointer_mut(pointer)
            .unwrap_or_else(|| panic!("the base scenario has no {pointer}")) = value.clone();
    }
    scenario.to_string()
}

/// The base scenario's text with one piece of text replaced (for shapes a JSON map cannot
/// hold in a chosen order).
#[track_caller]
fn replace(from: &str, to: &str) -> String {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "{from} is not unique in the base"
    );
    BASE.replace(from, to)
}

/// The base scenario with the key at a JSON pointer removed.
#[track_caller]
fn remove(pointer: &str) -> Json {
    let mut scenario = base();
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer with a key");
    let object = scenario
        .pointer_mut(parent)
        .and_then(Json::as_object_mut)
        .unwrap_or_else(|| panic!("the base scenario has no object at {parent}"));
    assert!(object.remove(key).is_some(), "no key {pointer} to remove");
    scenario
}

/// The base scenario with an extra key added to the object at a JSON pointer.
#[track_caller]
fn add(pointer: &str, key: &str, value: Json) -> String {
    let mut scenario = base();
    scenario
        .pointer_mut(pointer)
        .and_then(Json::as_object_mut)
        .unwrap_or_else(|| panic!("the base scenario has no object at {pointer}"))
        .insert(key.to_string(), value);
    scenario.to_string()
}

/// Asserts that the scenario is valid.
#[track_caller]
fn check_valid(json: &str) {
    if let Err(error) = scenario::load(json) {
        panic!("expected a valid scenario, got:\n{error}\nfor {json}");
    }
}

/// Asserts that the rules give exactly one error, at `expected_path`, whose message contains
/// `expected_message_fragment`.
#[track_caller]
fn check_errors(result: Result<(), Vec<FieldError>>, expected_path: &str, fragment: &str) {
    let errors = match result {
        Ok(()) => panic!("expected an error at {expected_path}, the scenario is valid"),
        Err(errors) => errors,
    };
    assert_eq!(
        errors.len(),
        1,
        "expected one error at {expected_path}, got {errors:#?}"
    );
    let error = &errors[0];
    assert_eq!(error.path, expected_path, "wrong path in {error:?}");
    assert!(
        error.message().contains(fragment),
        "message {:?} lacks {fragment:?}",
        error.message()
    );
    // The display form is what the command line and the app show.
    assert_eq!(
        error.to_string(),
        format!("{expected_path}: {}", error.message())
    );
}

/// Asserts that `json` reads as a scenario but breaks exactly one rule, at `expected_path`,
/// with a message containing `expected_message_fragment`.
#[track_caller]
fn check(json: &str, expected_path: &str, expected_message_fragment: &str) {
    let result = match scenario::load(json) {
        Ok(_) => Ok(()),
        Err(LoadError::Invalid(errors)) => Err(errors),
        Err(LoadError::Format(error)) => {
            panic!("expected a rule broken at {expected_path}, got a format error: {error}")
        }
    };
    check_errors(result, expected_path, expected_message_fragment);
}

/// Asserts that the base scenario, changed in Rust (for values JSON cannot hold, such as NaN),
/// breaks exactly one rule.
#[track_caller]
fn check_model(edit: impl FnOnce(&mut Scenario), expected_path: &str, fragment: &str) {
    let mut scenario = Scenario::from_json(BASE).expect("the base scenario reads");
    edit(&mut scenario);
    check_errors(scenario.validate().map(|_| ()), expected_path, fragment);
}

/// The format error `json` gives (it must not read as a scenario).
#[track_caller]
fn format_error(json: &str) -> ScenarioError {
    match scenario::load(json) {
        Ok(_) => panic!("expected a format error, the scenario is valid: {json}"),
        Err(LoadError::Invalid(errors)) => {
            panic!("expected a format error, got broken rules: {errors:#?}")
        }
        Err(LoadError::Format(error)) => error,
    }
}

/// Asserts that `json` is valid JSON but not a scenario: the error names `expected_path` and
/// its message contains `expected_message_fragment`.
#[track_caller]
fn check_format(json: &str, expected_path: &str, expected_message_fragment: &str) {
    let error = format_error(json);
    assert_eq!(error.path, expected_path, "wrong path in {error:?}");
    assert!(
        error.message.contains(expected_message_fragment),
        "message {:?} lacks {expected_message_fragment:?}",
        error.message
    );
    assert!(error.line >= 1, "no line in {error:?}");
    let shown = error.to_string();
    assert!(
        shown.starts_with(&format!("{expected_path}: ")) && shown.contains("line "),
        "the display form {shown:?} should start with the path and give the line"
    );
}

/// Asserts that `json` is malformed JSON, reported at `line` and `column` without a path.
#[track_caller]
fn check_syntax(json: &str, line: usize, column: usize, expected_message_fragment: &str) {
    let error = format_error(json);
    assert_eq!(error.path, "", "a syntax error has no path: {error:?}");
    assert_eq!(
        (error.line, error.column),
        (line, column),
        "wrong position in {error:?}"
    );
    assert!(
        error.message.contains(expected_message_fragment),
        "message {:?} lacks {expected_message_fragment:?}",
        error.message
    );
    assert!(
        error
            .to_string()
            .starts_with(&format!("line {line}, column {column}: ")),
        "the display form {:?} should start with the position",
        error.to_string()
    );
}

#[test]
fn base_scenario_is_valid() {
    // Every case below changes this scenario in one place; it must be valid to start with.
    check_valid(BASE);
}

#[test]
fn rates_must_be_between_zero_and_one() {
    let allowed = "between 0 and 1";
    for bad in [json!(1.5), json!(-0.1), json!(2), json!(-1)] {
        check(
            &set("/stages/0/conversion", bad.clone()),
            "stages[0].conversion",
            allowed,
        );
        check(
            &set("/stages/2/nurture/share", bad.clone()),
            "stages[2].nurture.share",
            allowed,
        );
        check(
            &set("/stages/2/nurture/reentry", bad.clone()),
            "stages[2].nurture.reentry",
            allowed,
        );
        check(
            &set("/retention/repeat", bad.clone()),
            "retention.repeat",
            allowed,
        );
        check(
            &set("/stages/2/conversion/uniform/low", bad.clone()),
            "stages[2].conversion.uniform.low",
            allowed,
        );
    }
    check(
        &set("/stages/2/conversion/uniform/high", json!(1.5)),
        "stages[2].conversion.uniform.high",
        allowed,
    );
    // The message quotes the number that was written.
    check(
        &set("/stages/0/conversion", json!(1.5)),
        "stages[0].conversion",
        "not 1.5",
    );
}

#[test]
fn rates_may_be_exactly_zero_or_one() {
    for edge in [json!(0), json!(1), json!(0.0), json!(1.0)] {
        check_valid(&set("/stages/0/conversion", edge.clone()));
        check_valid(&set("/stages/2/nurture/share", edge.clone()));
        check_valid(&set("/stages/2/nurture/reentry", edge.clone()));
        check_valid(&set("/retention/repeat", edge.clone()));
    }
    check_valid(&set(
        "/stages/2/conversion/uniform",
        json!({"low": 0, "high": 1}),
    ));
}

#[test]
fn beta_parameters_must_be_positive() {
    for bad in [json!(0), json!(-1), json!(-0.5)] {
        check(
            &set("/stages/1/conversion/beta/alpha", bad.clone()),
            "stages[1].conversion.beta.alpha",
            "greater than 0",
        );
        check(
            &set("/stages/1/conversion/beta/beta", bad.clone()),
            "stages[1].conversion.beta.beta",
            "greater than 0",
        );
    }
    check_valid(&set(
        "/stages/1/conversion/beta",
        json!({"alpha": 0.5, "beta": 0.5}),
    ));
}

#[test]
fn uniform_low_must_not_exceed_high() {
    check(
        &set(
            "/stages/2/conversion/uniform",
            json!({"low": 0.6, "high": 0.3}),
        ),
        "stages[2].conversion.uniform",
        "low (0.6) must not exceed high (0.3)",
    );
    check(
        &set("/stages/2/value/uniform", json!({"low": 5, "high": 1})),
        "stages[2].value.uniform",
        "low (5) must not exceed high (1)",
    );
    check(
        &set(
            "/retention/value",
            json!({"uniform": {"low": 9, "high": 2}}),
        ),
        "retention.value.uniform",
        "must not exceed",
    );
    check(
        &set("/stages/3/delay_days/uniform", json!({"min": 4, "max": 2})),
        "stages[3].delay_days.uniform",
        "min (4) must not exceed max (2)",
    );
    // Equal ends are a fixed number, and allowed.
    check_valid(&set(
        "/stages/2/conversion/uniform",
        json!({"low": 0.3, "high": 0.3}),
    ));
    check_valid(&set(
        "/stages/3/delay_days/uniform",
        json!({"min": 2, "max": 2}),
    ));
}

#[test]
fn an_end_out_of_range_is_reported_once_with_the_number_written() {
    // Regression: the order of the ends was checked on clamped numbers, so a low of 1.5 also
    // gave "low (1) must not exceed high (0.5)", quoting a number nobody wrote.
    check(
        &set(
            "/stages/2/conversion/uniform",
            json!({"low": 1.5, "high": 0.5}),
        ),
        "stages[2].conversion.uniform.low",
        "not 1.5",
    );
    check(
        &set(
            "/stages/3/delay_days/uniform",
            json!({"min": 200000, "max": 3}),
        ),
        "stages[3].delay_days.uniform.min",
        "from 0 to 100000, not 200000",
    );
    check(
        &set("/stages/2/value/uniform", json!({"low": 2e13, "high": 3})),
        "stages[2].value.uniform.low",
        "at most",
    );
    // Same for a source's days: start_day -5 and end_day 0 are in order as written.
    check(
        &set_all(&[
            ("/sources/1/start_day", json!(-5)),
            ("/sources/1/end_day", json!(0)),
        ]),
        "sources[1].start_day",
        "from 0 to",
    );
}

#[test]
fn counts_must_not_be_negative() {
    check(
        &set("/sources/1/per_day/fixed", json!(-1)),
        "sources[1].per_day.fixed",
        "leads per day must be a whole number from 0 to",
    );
    check(
        &set("/sources/0/per_day/poisson", json!(-1)),
        "sources[0].per_day.poisson",
        "at least 0",
    );
    check(
        &set("/sources/0/start_day", json!(-1)),
        "sources[0].start_day",
        "from 0 to",
    );
    check(
        &set("/stages/2/nurture/max_cycles", json!(-1)),
        "stages[2].nurture.max_cycles",
        "from 0 to 20",
    );
    check(
        &set("/retention/max_repeats", json!(-1)),
        "retention.max_repeats",
        "from 0 to 100",
    );
    check_valid(&set("/sources/1/per_day/fixed", json!(0)));
    check_valid(&set("/sources/0/per_day/poisson", json!(0)));
}

#[test]
fn delays_must_not_be_negative() {
    check(
        &set("/stages/2/nurture/delay_days/fixed", json!(-1)),
        "stages[2].nurture.delay_days.fixed",
        "a delay in days must be a whole number from 0 to",
    );
    check(
        &set("/stages/3/delay_days/uniform/min", json!(-2)),
        "stages[3].delay_days.uniform.min",
        "from 0 to",
    );
    check(
        &set("/stages/3/delay_days/uniform/max", json!(-1)),
        "stages[3].delay_days.uniform.max",
        "from 0 to",
    );
    check(
        &set("/stages/0/delay_days/exponential/mean", json!(-1)),
        "stages[0].delay_days.exponential.mean",
        "at least 0",
    );
    check(
        &set("/retention/delay_days/exponential/mean", json!(-30)),
        "retention.delay_days.exponential.mean",
        "at least 0",
    );
    check(
        &set("/stages/1/delay_days/lognormal/median", json!(-3)),
        "stages[1].delay_days.lognormal.median",
        "greater than 0",
    );
    check(
        &set("/stages/1/delay_days/lognormal/sigma", json!(-0.5)),
        "stages[1].delay_days.lognormal.sigma",
        "at least 0",
    );
    check(
        &set("/stages/2/delay_days/gamma/shape", json!(-2)),
        "stages[2].delay_days.gamma.shape",
        "greater than 0",
    );
    check(
        &set("/stages/2/delay_days/gamma/scale", json!(0)),
        "stages[2].delay_days.gamma.scale",
        "greater than 0",
    );
    // A delay of 0 means the same day.
    check_valid(&set("/stages/2/nurture/delay_days/fixed", json!(0)));
    check_valid(&set("/stages/0/delay_days/exponential/mean", json!(0)));
}

#[test]
fn money_must_not_be_negative() {
    check(
        &set("/sources/0/cost_per_lead", json!(-0.5)),
        "sources[0].cost_per_lead",
        "cost_per_lead must be a number of at least 0, not -0.5",
    );
    check(
        &set("/stages/1/value/fixed", json!(-5)),
        "stages[1].value.fixed",
        "at least 0",
    );
    check(
        &set("/stages/2/value/uniform/low", json!(-1)),
        "stages[2].value.uniform.low",
        "at least 0",
    );
    check(
        &set("/stages/3/value/lognormal/mean", json!(-250)),
        "stages[3].value.lognormal.mean",
        "greater than 0",
    );
    check(
        &set("/stages/3/value/lognormal/sd", json!(-80)),
        "stages[3].value.lognormal.sd",
        "at least 0",
    );
    check(
        &set("/retention/value/fixed", json!(-120)),
        "retention.value.fixed",
        "at least 0",
    );
    check_valid(&set("/sources/0/cost_per_lead", json!(0)));
    check_valid(&set("/stages/1/value/fixed", json!(0)));
}

#[test]
fn non_finite_numbers_are_rejected() {
    // JSON cannot hold NaN or infinities, but the app and library callers build scenarios in
    // Rust, and the engine must never see them.
    let nan = f64::NAN;
    let infinity = f64::INFINITY;
    check_model(
        |s| s.stages[0].conversion = Rate::Fixed(nan),
        "stages[0].conversion",
        "between 0 and 1",
    );
    check_model(
        |s| {
            s.stages[1].conversion = Rate::Uncertain(UncertainRate::Beta {
                alpha: infinity,
                beta: 1.0,
            })
        },
        "stages[1].conversion.beta.alpha",
        "greater than 0",
    );
    check_model(
        |s| {
            s.stages[2].conversion = Rate::Uncertain(UncertainRate::Uniform {
                low: nan,
                high: 0.5,
            })
        },
        "stages[2].conversion.uniform.low",
        "between 0 and 1",
    );
    check_model(
        |s| s.sources[0].per_day = Arrivals::Poisson(nan),
        "sources[0].per_day.poisson",
        "at least 0",
    );
    check_model(
        |s| s.sources[0].per_day = Arrivals::Poisson(infinity),
        "sources[0].per_day.poisson",
        "at least 0",
    );
    check_model(
        |s| s.sources[0].cost_per_lead = f64::NEG_INFINITY,
        "sources[0].cost_per_lead",
        "at least 0",
    );
    check_model(
        |s| s.stages[0].delay_days = Delay::Exponential { mean: infinity },
        "stages[0].delay_days.exponential.mean",
        "at least 0",
    );
    check_model(
        |s| {
            s.stages[1].delay_days = Delay::Lognormal {
                median: 3.0,
                sigma: nan,
            }
        },
        "stages[1].delay_days.lognormal.sigma",
        "at least 0",
    );
    check_model(
        |s| {
            s.stages[2].delay_days = Delay::Gamma {
                shape: 2.0,
                scale: infinity,
            }
        },
        "stages[2].delay_days.gamma.scale",
        "greater than 0",
    );
    check_model(
        |s| s.stages[1].value = Some(Value::Fixed(nan)),
        "stages[1].value.fixed",
        "at least 0",
    );
    check_model(
        |s| {
            s.stages[3].value = Some(Value::Lognormal {
                mean: 250.0,
                sd: infinity,
            })
        },
        "stages[3].value.lognormal.sd",
        "at least 0",
    );
    check_model(
        |s| {
            if let Some(nurture) = s.stages[2].nurture.as_mut() {
                nurture.share = nan;
            }
        },
        "stages[2].nurture.share",
        "between 0 and 1",
    );
    check_model(
        |s| {
            if let Some(retention) = s.retention.as_mut() {
                retention.repeat = infinity;
            }
        },
        "retention.repeat",
        "between 0 and 1",
    );
}

#[test]
fn horizon_must_be_at_least_one_day() {
    for bad in [0, -1, -365] {
        check(
            &set("/horizon_days", json!(bad)),
            "horizon_days",
            "horizon_days must be a whole number from 1 to 3650",
        );
    }
    check_valid(&set("/horizon_days", json!(1)));
    check_valid(&set("/horizon_days", json!(3650)));
}

#[test]
fn a_scenario_needs_a_stage() {
    // Without stages the sources' entries name no stage either; take them away to see the
    // one rule alone.
    let mut empty = remove("/sources");
    empty["stages"] = json!([]);
    check(&empty.to_string(), "stages", "at least one stage");

    let mut missing = remove("/sources");
    missing.as_object_mut().expect("an object").remove("stages");
    check(&missing.to_string(), "stages", "at least one stage");
}

#[test]
fn stage_names_must_be_unique() {
    check(
        &set("/stages/3/name", json!("Interest")),
        "stages[3].name",
        r#"the name "Interest" is already used by stages[1]; stage names must be unique"#,
    );
    check(
        &set("/stages/3/name", json!("  ")),
        "stages[3].name",
        "needs a name",
    );
}

#[test]
fn entries_and_nurture_targets_must_name_a_stage() {
    check(
        &set("/sources/0/entry", json!("Awarenes")),
        "sources[0].entry",
        &format!(r#""Awarenes" names no stage; {STAGE_LIST}"#),
    );
    check(
        &set("/sources/1/entry", json!("interest")),
        "sources[1].entry",
        STAGE_LIST,
    );
    check(
        &set("/stages/2/nurture/to", json!("Nowhere")),
        "stages[2].nurture.to",
        &format!(r#""Nowhere" names no stage; {STAGE_LIST}"#),
    );
    // A nurture may send leads back to its own stage, or to any other stage.
    check_valid(&set("/stages/2/nurture/to", json!("Consideration")));
    check_valid(&set("/stages/2/nurture/to", json!("Awareness")));
}

#[test]
fn end_day_must_be_after_start_day() {
    let allowed = "must be after start_day";
    check(
        &set("/sources/0/end_day", json!(0)),
        "sources[0].end_day",
        "end_day (0) must be after start_day (0)",
    );
    check(
        &set("/sources/1/end_day", json!(5)),
        "sources[1].end_day",
        allowed,
    );
    check(
        &set("/sources/1/end_day", json!(3)),
        "sources[1].end_day",
        allowed,
    );
    check_valid(&remove("/sources/0/end_day").to_string());
}

#[test]
fn unknown_keys_are_errors_with_their_path() {
    check_format(
        &add("", "horizon", json!(30)),
        "horizon",
        "unknown field `horizon`",
    );
    let mut typo = remove("/stages/1/conversion");
    typo["stages"][1]["convertion"] = json!(0.5);
    check_format(
        &typo.to_string(),
        "stages[1].convertion",
        "unknown field `convertion`, expected one of",
    );
    check_format(
        &add("/sources/0", "cost", json!(1)),
        "sources[0].cost",
        "unknown field `cost`",
    );
    check_format(
        &add("/stages/2/nurture", "shares", json!(1)),
        "stages[2].nurture.shares",
        "unknown field `shares`",
    );
    check_format(
        &add("/retention", "repeats", json!(1)),
        "retention.repeats",
        "unknown field `repeats`",
    );
    check_format(
        &add("/stages/3/value/lognormal", "median", json!(1)),
        "stages[3].value.lognormal.median",
        "unknown field `median`",
    );
    check_format(
        &add("/stages/1/conversion/beta", "gamma", json!(1)),
        "stages[1].conversion.beta.gamma",
        "unknown field `gamma`",
    );
    check_format(
        &set("/sources/0/per_day", json!({"poison": 20})),
        "sources[0].per_day",
        "unknown variant `poison`, expected `poisson` or `fixed`",
    );
    check_format(
        &set(
            "/stages/1/conversion",
            json!({"betta": {"alpha": 1, "beta": 1}}),
        ),
        "stages[1].conversion.betta",
        "unknown variant `betta`, expected `beta` or `uniform`",
    );
    check_format(
        &set("/stages/0/delay_days", json!({"fixd": 1})),
        "stages[0].delay_days",
        "unknown variant `fixd`",
    );
}

#[test]
fn a_second_key_beside_a_kind_is_an_error_with_its_path() {
    // Regression: serde_json reports a second key in a one-key object as a syntax error
    // ("expected value", "trailing comma"), without a path; the text is valid JSON, so the
    // error now names the object.
    check_format(
        &replace(r#"{"poisson": 20}"#, r#"{"poisson": 20, "poison": 1}"#),
        "sources[0].per_day",
        "takes exactly one key",
    );
    check_format(
        &replace(
            r#"{"beta": {"alpha": 30, "beta": 70}}"#,
            r#"{"beta": {"alpha": 30, "beta": 70}, "uniform": {"low": 0, "high": 1}}"#,
        ),
        "stages[1].conversion",
        "takes exactly one key",
    );
    check_format(
        &replace(r#"{"fixed": 5}"#, r#"{"fixed": 5, "fixd": 3}"#),
        "stages[1].value",
        "takes exactly one key",
    );
    check_format(
        &replace(
            r#"{"fixed": 7}"#,
            r#"{"fixed": 7, "uniform": {"min": 1, "max": 2}}"#,
        ),
        "stages[2].nurture.delay_days",
        "takes exactly one key",
    );
}

#[test]
fn malformed_json_gives_line_and_column() {
    let missing_comma = "{\n  \"horizon_days\": 30,\n  \"stages\": [\n    {\"name\": \"A\" \"conversion\": 0.5}\n  ]\n}";
    check_syntax(missing_comma, 4, 18, "expected `,` or `}`");
    let double_comma = "{\n  \"horizon_days\": 30,,\n  \"stages\": []\n}";
    check_syntax(double_comma, 2, 22, "key must be a string");
    check_syntax("{\"horizon_days\": NaN}", 1, 18, "expected value");
    check_syntax("{\"horizon_days\": 30,\n", 2, 0, "EOF while parsing");
    check_syntax("", 1, 0, "EOF while parsing");
    check_syntax("{\"horizon_days\": 1e400}", 1, 22, "number out of range");
    let mut trailing = BASE.to_string();
    trailing.push_str("\n}");
    let lines = BASE.lines().count() + 1;
    check_syntax(&trailing, lines, 1, "unexpected text after the scenario");
}

#[test]
fn values_of_the_wrong_type_name_their_path() {
    check_format(
        &set("/horizon_days", json!("90")),
        "horizon_days",
        "invalid type: string \"90\", expected a whole number",
    );
    check_format(
        &set("/stages/0/conversion", json!("0.4")),
        "stages[0].conversion",
        "expected a rate between 0 and 1",
    );
    check_format(
        &set("/sources/0/per_day/poisson", json!("20")),
        "sources[0].per_day.poisson",
        "invalid type: string \"20\", expected a number",
    );
    check_format(
        &set("/stages/2/nurture/to", json!(1)),
        "stages[2].nurture.to",
        "invalid type: integer `1`, expected a string",
    );
    check_format(
        &set("/stages/2/nurture/delay_days/fixed", json!(7.5)),
        "stages[2].nurture.delay_days.fixed",
        "expected a whole number",
    );
    check_format(
        &set("/stages", json!({"name": "A"})),
        "stages",
        "invalid type: map, expected a sequence",
    );
    check_format(
        &remove("/stages/0/delay_days").to_string(),
        "stages[0]",
        "missing field `delay_days`",
    );
}

#[test]
fn huge_numbers_get_a_clear_message_naming_the_field() {
    // Limits keep the engine's work and memory bounded; each is a message, never a panic.
    check(
        &set("/horizon_days", json!(1_000_000_000)),
        "horizon_days",
        "from 1 to 3650, not 1000000000",
    );
    check_format(
        &set("/horizon_days", json!(1e9)),
        "horizon_days",
        "expected a whole number",
    );
    check(
        &set("/sources/0/per_day/poisson", json!(1e20)),
        "sources[0].per_day.poisson",
        "leads per day must be at most",
    );
    check(
        &set("/sources/1/per_day/fixed", json!(100_000_000_000_i64)),
        "sources[1].per_day.fixed",
        "leads per day must be a whole number from 0 to 100000000",
    );
    check_format(
        &set("/sources/1/per_day/fixed", json!(1e20)),
        "sources[1].per_day.fixed",
        "expected a whole number",
    );
    check(
        &set("/stages/2/nurture/max_cycles", json!(1000)),
        "stages[2].nurture.max_cycles",
        "max_cycles must be a whole number from 0 to 20, not 1000",
    );
    check(
        &set("/retention/max_repeats", json!(1_000_000)),
        "retention.max_repeats",
        "from 0 to 100",
    );
    check(
        &set("/stages/2/nurture/delay_days/fixed", json!(i64::MAX)),
        "stages[2].nurture.delay_days.fixed",
        "from 0 to 100000",
    );
    check(
        &set("/sources/0/end_day", json!(i64::MIN)),
        "sources[0].end_day",
        "from 0 to",
    );
    check(
        &set("/sources/0/cost_per_lead", json!(1e300)),
        "sources[0].cost_per_lead",
        "at most",
    );
    check(
        &set("/stages/1/conversion/beta/alpha", json!(1e300)),
        "stages[1].conversion.beta.alpha",
        "at most",
    );
}

#[test]
fn too_many_paths_through_nurture_loops_is_an_error() {
    // Each limit alone is fine; together, ten stages that all loop back to the first, with
    // many cycles and repeats, would make the engine follow millions of paths.
    let stages: Vec<Json> = (0..10)
        .map(|k| {
            json!({"name": format!("S{k}"), "conversion": 0.5, "delay_days": {"fixed": 1},
                   "nurture": {"share": 0.5, "delay_days": {"fixed": 1}, "reentry": 0.5,
                               "to": "S0", "max_cycles": 20}})
        })
        .collect();
    let scenario = json!({
        "horizon_days": 30,
        "sources": [{"name": "S", "entry": "S0", "per_day": {"fixed": 1}}],
        "stages": stages,
        "retention": {"repeat": 0.5, "delay_days": {"fixed": 1}, "max_repeats": 100}
    });
    check(
        &scenario.to_string(),
        "stages",
        "lower a nurture's max_cycles or retention.max_repeats",
    );
}

#[test]
fn every_broken_rule_is_reported_at_once() {
    let mut scenario = base();
    scenario["horizon_days"] = json!(0);
    scenario["stages"][0]["conversion"] = json!(1.5);
    scenario["stages"][2]["nurture"]["to"] = json!("Nowhere");
    let errors = match scenario::load(&scenario.to_string()) {
        Err(LoadError::Invalid(errors)) => errors,
        other => panic!("expected three broken rules, got {other:?}"),
    };
    let mut paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "horizon_days",
            "stages[0].conversion",
            "stages[2].nurture.to"
        ],
        "{errors:#?}"
    );
    // The display form lists them one per line.
    let shown = LoadError::Invalid(errors).to_string();
    assert_eq!(shown.lines().count(), 3, "{shown}");
}

#[test]
fn a_valid_scenario_round_trips_through_json() {
    let scenario = Scenario::from_json(BASE).expect("the base scenario reads");
    let text = scenario.to_json();
    let again = Scenario::from_json(&text).expect("to_json writes a readable scenario");
    assert_eq!(again, scenario);
    assert_eq!(again.to_json(), text, "to_json is stable");
    // Nothing written by the file is lost on the way: every key and value of the file is in
    // the serialised form (which adds the defaults).
    let written: Json = serde_json::from_str(&text).expect("to_json writes JSON");
    assert_is_contained(&base(), &written, "");
}

/// Asserts every key and value of `part` is in `whole` (numbers compared as numbers).
#[track_caller]
fn assert_is_contained(part: &Json, whole: &Json, path: &str) {
    match (part, whole) {
        (Json::Object(part), Json::Object(whole)) => {
            for (key, value) in part {
                let inner = format!("{path}.{key}");
                match whole.get(key) {
                    Some(other) => assert_is_contained(value, other, &inner),
                    None => panic!("{inner} is lost (an unknown or ignored key?)"),
                }
            }
        }
        (Json::Array(part), Json::Array(whole)) => {
            assert_eq!(part.len(), whole.len(), "{path}: lengths differ");
            for (i, (a, b)) in part.iter().zip(whole).enumerate() {
                assert_is_contained(a, b, &format!("{path}[{i}]"));
            }
        }
        (Json::Number(a), Json::Number(b)) => {
            assert_eq!(a.as_f64(), b.as_f64(), "{path}: numbers differ");
        }
        (a, b) => assert_eq!(a, b, "{path}: values differ"),
    }
}

#[test]
fn every_preset_loads_validates_and_describes_itself() {
    assert!(
        presets::PRESETS.len() >= 6,
        "the issue asks for at least six presets"
    );
    let mut ids = Vec::new();
    for preset in presets::PRESETS {
        let id = preset.id;
        assert!(!ids.contains(&id), "preset id {id} is used twice");
        ids.push(id);
        assert_eq!(presets::find(id), Some(preset), "find({id})");
        let (scenario, model) = match scenario::load(preset.json) {
            Ok(loaded) => loaded,
            Err(error) => panic!("preset {id} does not load:\n{error}"),
        };
        assert!(!scenario.name.trim().is_empty(), "preset {id} has no name");
        assert!(
            !scenario.description.trim().is_empty(),
            "preset {id} has no description"
        );
        assert!(
            !scenario.description.contains('\n'),
            "preset {id}'s description is more than one line"
        );
        assert!(!model.sources.is_empty(), "preset {id} sends no leads");
        assert_eq!(preset.scenario(), scenario, "Preset::scenario of {id}");
        // No key of the file is unknown or ignored, and it round-trips.
        let raw: Json = serde_json::from_str(preset.json).expect("a preset is JSON");
        let written: Json = serde_json::from_str(&scenario.to_json()).expect("JSON");
        assert_is_contained(&raw, &written, id);
        assert_eq!(
            Scenario::from_json(&scenario.to_json()).as_ref(),
            Ok(&scenario)
        );
    }
    assert_eq!(presets::find("nope"), None);
}

/// The benchmark scenarios (byte-identical copies, in tests/data/, of the ones the speed
/// targets were set on) validate.
#[test]
fn benchmark_scenarios_validate() {
    for (name, text) in [
        ("planning-b1.json", include_str!("data/planning-b1.json")),
        ("classroom-b2.json", include_str!("data/classroom-b2.json")),
    ] {
        if let Err(error) = scenario::load(text) {
            panic!("{name} does not validate:\n{error}");
        }
    }
}

#[test]
fn a_long_horizon_bounds_the_paths_the_engine_can_follow() {
    // Hundreds of paths are fine over a month but too many over ten years (memory, precompute).
    let stages: Vec<Json> = (0..5)
        .map(|k| {
            json!({"name": format!("S{k}"), "conversion": 0.5, "delay_days": {"fixed": 1},
                   "nurture": {"share": 0.5, "delay_days": {"fixed": 1}, "reentry": 0.5,
                               "to": format!("S{k}"), "max_cycles": 6}})
        })
        .collect();
    let scenario = |horizon: i64| {
        json!({
            "horizon_days": horizon,
            "sources": [{"name": "S", "entry": "S0", "per_day": {"fixed": 1}}],
            "stages": stages.clone(),
        })
        .to_string()
    };
    assert!(funnelcast::scenario::load(&scenario(30)).is_ok());
    check(&scenario(3650), "stages", "a 3650-day horizon can follow");
}

#[test]
fn names_cannot_hold_control_characters() {
    let mut scenario = base();
    scenario["sources"][0]["name"] = json!("Search\u{0}2");
    check(
        &scenario.to_string(),
        "sources[0].name",
        "control characters",
    );
    let mut scenario = base();
    scenario["stages"][0]["name"] = json!("Aware\nness");
    // The renamed stage is still the source's entry in the base scenario, so ask for both.
    let errors = match funnelcast::scenario::load(&scenario.to_string()) {
        Err(funnelcast::scenario::LoadError::Invalid(errors)) => errors,
        other => panic!("expected validation errors, got {other:?}"),
    };
    assert!(
        errors.iter().any(|e| e.path == "stages[0].name"
            && e.rule == Rule::ControlCharacters
            && e.message().contains("control characters")),
        "{errors:?}"
    );
}

/// Names cannot disguise text: a bidirectional override turns "Int" U+202E "erest" into
/// "Inttsere" on screen, zero-width characters make two names look alike, tag characters
/// carry hidden ASCII. Each is refused with its code point, on stages, sources and the
/// scenario's own name; joiners stay allowed where scripts and emoji need them.
#[test]
fn names_cannot_hide_or_reorder_text() {
    let hidden = |name: &str| funnelcast::scenario::hidden_character(name);
    for (name, code) in [
        ("Int\u{202E}erest", "U+202E"),
        ("\u{2066}Interest\u{2069}", "U+2066"),
        ("Inter\u{200B}est", "U+200B"),
        ("Interest\u{200F}", "U+200F"),
        ("\u{FEFF}Interest", "U+FEFF"),
        ("Inter\u{00AD}est", "U+00AD"),
        ("Interest\u{E0041}\u{E0042}", "U+E0041"),
        ("Inter\u{200D}est", "U+200D"),
        ("\u{200C}Заявка", "U+200C"),
        ("Заявка\u{200D}", "U+200D"),
    ] {
        assert_eq!(hidden(name).as_deref(), Some(code), "{name:?}");
    }
    for name in [
        "Interest",
        "Заявка",
        "意向",
        "می\u{200C}خواهم",
        "👨\u{200D}👩\u{200D}👧 family plan",
        "Ünïcödé — “quoted” · 50%",
    ] {
        assert_eq!(hidden(name), None, "{name:?}");
    }
    for (pointer, path) in [
        ("/stages/1/name", "stages[1].name"),
        ("/sources/0/name", "sources[0].name"),
        ("/name", "name"),
    ] {
        let mut scenario = base();
        *scenario.pointer_mut(pointer).expect(pointer) = json!("Int\u{202E}erest");
        let errors = match funnelcast::scenario::load(&scenario.to_string()) {
            Err(funnelcast::scenario::LoadError::Invalid(errors)) => errors,
            other => panic!("expected validation errors for {path}, got {other:?}"),
        };
        let error = errors
            .iter()
            .find(|e| e.path == path)
            .unwrap_or_else(|| panic!("no error at {path}: {errors:?}"));
        assert_eq!(
            error.rule,
            Rule::HiddenCharacter {
                code: "U+202E".into()
            }
        );
        assert!(
            error.message().contains("invisible character U+202E"),
            "{error}"
        );
    }
}

/// Each structural error carries the rule it breaks as data (what the page writes in the
/// person's language), found at serde's path without reading serde's English.
#[test]
fn structural_errors_say_which_rule_as_data() {
    let strings = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
    let mut typo = remove("/stages/1/conversion");
    typo["stages"][1]["convertion"] = json!(0.5);
    let cases: Vec<(String, Structure)> = vec![
        (
            typo.to_string(),
            Structure::UnknownKey {
                key: "convertion".into(),
                allowed: strings(&[
                    "name",
                    "conversion",
                    "delay_days",
                    "lost_delay_days",
                    "value",
                    "nurture",
                ]),
            },
        ),
        (
            add("/retention", "repeats", json!(1)),
            Structure::UnknownKey {
                key: "repeats".into(),
                allowed: strings(&["repeat", "delay_days", "value", "max_repeats"]),
            },
        ),
        (
            set("/sources/0/per_day", json!({"poison": 20})),
            Structure::UnknownKind {
                key: "poison".into(),
                allowed: strings(&["poisson", "fixed"]),
            },
        ),
        (
            set(
                "/stages/1/conversion",
                json!({"betta": {"alpha": 1, "beta": 1}}),
            ),
            Structure::UnknownKind {
                key: "betta".into(),
                allowed: strings(&["beta", "uniform"]),
            },
        ),
        (
            replace(r#"{"poisson": 20}"#, r#"{"poisson": 20, "fixed": 1}"#),
            Structure::OneKind {
                allowed: strings(&["poisson", "fixed"]),
            },
        ),
        (
            set("/horizon_days", json!("90")),
            Structure::WrongType {
                expected: Expected::WholeNumber,
            },
        ),
        (
            set("/stages/2/nurture/delay_days/fixed", json!(7.5)),
            Structure::WrongType {
                expected: Expected::WholeNumber,
            },
        ),
        (
            set("/stages/0/conversion", json!("0.4")),
            Structure::WrongType {
                expected: Expected::Rate,
            },
        ),
        (
            set("/stages/2/nurture/to", json!(1)),
            Structure::WrongType {
                expected: Expected::Text,
            },
        ),
        (
            set("/stages", json!({"name": "A"})),
            Structure::WrongType {
                expected: Expected::List,
            },
        ),
        (
            remove("/stages/0/delay_days").to_string(),
            Structure::MissingKey {
                key: "delay_days".into(),
            },
        ),
        (
            remove("/horizon_days").to_string(),
            Structure::MissingKey {
                key: "horizon_days".into(),
            },
        ),
        ("{\"horizon_days\": 30,,}".to_string(), Structure::Syntax),
    ];
    for (json, expected) in cases {
        let error = format_error(&json);
        assert_eq!(error.structure, expected, "{error:?}");
        // The page's text names the key and what is allowed, in each language.
        for locale in [Locale::En, Locale::Ru, Locale::Zh] {
            let text = messages::structure_text(locale, &error);
            if let Structure::UnknownKey { key, .. } | Structure::UnknownKind { key, .. } =
                &expected
            {
                assert!(text.contains(key.as_str()), "{locale}: {text}");
            }
            assert!(!text.is_empty());
        }
    }
}

#[test]
fn a_time_to_lose_follows_the_rules_of_delays_at_its_own_path() {
    // Valid with every delay law, and absent by default.
    for law in [
        json!({"fixed": 0}),
        json!({"uniform": {"min": 1, "max": 3}}),
        json!({"exponential": {"mean": 2}}),
        json!({"lognormal": {"median": 2, "sigma": 0.4}}),
        json!({"gamma": {"shape": 2, "scale": 1}}),
    ] {
        check_valid(&add("/stages/1", "lost_delay_days", law));
    }
    // Each broken rule of a delay, named at `stages[k].lost_delay_days...`.
    let broken: [(Json, &str, &str); 8] = [
        (
            json!({"fixed": -1}),
            "stages[1].lost_delay_days.fixed",
            "-1",
        ),
        (
            json!({"uniform": {"min": 4, "max": 2}}),
            "stages[1].lost_delay_days.uniform",
            "min (4) must not exceed max (2)",
        ),
        (
            json!({"uniform": {"min": -2, "max": 2}}),
            "stages[1].lost_delay_days.uniform.min",
            "-2",
        ),
        (
            json!({"exponential": {"mean": -1}}),
            "stages[1].lost_delay_days.exponential.mean",
            "-1",
        ),
        (
            json!({"lognormal": {"median": 0, "sigma": 0.5}}),
            "stages[1].lost_delay_days.lognormal.median",
            "0",
        ),
        (
            json!({"lognormal": {"median": 2, "sigma": -0.5}}),
            "stages[1].lost_delay_days.lognormal.sigma",
            "-0.5",
        ),
        (
            json!({"gamma": {"shape": 0, "scale": 1}}),
            "stages[1].lost_delay_days.gamma.shape",
            "0",
        ),
        (
            json!({"fixed": 200_000}),
            "stages[1].lost_delay_days.fixed",
            "100000",
        ),
    ];
    for (law, path, fragment) in broken {
        check(&add("/stages/1", "lost_delay_days", law), path, fragment);
    }
    check_model(
        |scenario| scenario.stages[0].lost_delay_days = Some(Delay::Exponential { mean: f64::NAN }),
        "stages[0].lost_delay_days.exponential.mean",
        "NaN",
    );
    // Its structure: a kind the format does not have, a whole number, one kind only.
    check_format(
        &add("/stages/0", "lost_delay_days", json!({"fixd": 1})),
        "stages[0].lost_delay_days",
        "unknown variant `fixd`",
    );
    assert_eq!(
        format_error(&add("/stages/0", "lost_delay_days", json!({"fixd": 1}))).structure,
        Structure::UnknownKind {
            key: "fixd".into(),
            allowed: ["fixed", "uniform", "exponential", "lognormal", "gamma"]
                .map(String::from)
                .to_vec(),
        }
    );
    check_format(
        &add("/stages/0", "lost_delay_days", json!({"fixed": 2.5})),
        "stages[0].lost_delay_days.fixed",
        "expected a whole number",
    );
    assert_eq!(
        format_error(&add("/stages/0", "lost_delay_days", json!({"fixed": 2.5}))).structure,
        Structure::WrongType {
            expected: Expected::WholeNumber
        }
    );
    // A typo of the key is refused, with the stage's keys (the new one among them).
    let typo = format_error(&add("/stages/0", "lost_delay", json!({"fixed": 1})));
    assert_eq!(typo.path, "stages[0].lost_delay");
    match typo.structure {
        Structure::UnknownKey { key, allowed } => {
            assert_eq!(key, "lost_delay");
            assert!(
                allowed.contains(&"lost_delay_days".to_string()),
                "{allowed:?}"
            );
        }
        other => panic!("expected an unknown key, got {other:?}"),
    }
    // It round-trips through JSON, and a stage without it writes no such key.
    let with = add("/stages/1", "lost_delay_days", json!({"fixed": 2}));
    let scenario = Scenario::from_json(&with).expect("valid");
    assert_eq!(scenario.stages[1].lost_delay_days, Some(Delay::Fixed(2)));
    let written = scenario.to_json();
    assert_eq!(written.matches("lost_delay_days").count(), 1, "{written}");
    assert_eq!(Scenario::from_json(&written).expect("reads back"), scenario);
}
