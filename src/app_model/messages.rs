//! What the page says when a job, a decision or an edit fails, in the person's language,
//! written from the error's data (`WorkerError`, `DecisionError`, `ActionError`): one catalogue
//! key per kind of failure, numbers in the locale's way, nothing read back from English.

use crate::decisions::{ChangedQuantity, DecisionError, Problem};
use crate::i18n::{self, Locale, format};
use crate::scenario::{Expected, FieldError, ScenarioError, Structure};
use crate::worker::WorkerError;

use super::MAX_RUNS;
use super::action::{ActionError, MAX_VARIANTS};
use super::edit::{Direction, EditError, StageReference, variant_letter};
use super::rate_input::{MAX_TRIALS, ParameterProblem, RateInputError};
use super::share::ShareError;

fn number(locale: Locale, value: f64) -> String {
    if value.is_finite() {
        format::number(locale, value, 6)
    } else {
        value.to_string()
    }
}

fn whole<T: TryInto<i64>>(locale: Locale, value: T) -> String {
    let value: i64 = value.try_into().unwrap_or(i64::MAX);
    format::number(locale, value as f64, 0)
}

/// The catalogue key of what a relative change would leave nothing of.
pub fn changed_quantity_key(what: ChangedQuantity) -> &'static str {
    match what {
        ChangedQuantity::Delay => "decision.what.delay",
        ChangedQuantity::Leads => "decision.what.leads",
        ChangedQuantity::Cost => "decision.what.cost",
        ChangedQuantity::DropOff => "decision.what.drop_off",
        ChangedQuantity::Conversion => "decision.what.conversion",
    }
}

/// The catalogue key of a decision problem and its placeholders, written in `locale`.
pub fn problem_text(locale: Locale, problem: &Problem) -> String {
    let tf = |key: &str, args: &[(&str, String)]| {
        let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        i18n::tf(locale, key, &args)
    };
    match problem {
        Problem::NoVariants => tf("decision.problem.no_variants", &[]),
        Problem::NotFinite => tf("decision.problem.not_finite", &[]),
        Problem::NotStrictlyBetweenZeroAndOne { value } => tf(
            "decision.problem.open_unit",
            &[("value", number(locale, *value))],
        ),
        Problem::NotAProbability { value } => tf(
            "decision.problem.probability",
            &[("value", number(locale, *value))],
        ),
        Problem::NotPositive { value } => tf(
            "decision.problem.positive",
            &[("value", number(locale, *value))],
        ),
        Problem::StepOutOfRange { step } => {
            tf("decision.problem.step", &[("step", number(locale, *step))])
        }
        Problem::UpliftOutOfRange { baseline, variant } => tf(
            "decision.problem.uplift",
            &[
                ("variant", number(locale, *variant)),
                ("baseline", number(locale, *baseline)),
            ],
        ),
        Problem::NoSuchStage { index, stages } => tf(
            "decision.problem.no_stage",
            &[
                ("index", whole(locale, *index)),
                ("stages", whole(locale, *stages)),
            ],
        ),
        Problem::NoSuchSource { index, sources } => tf(
            "decision.problem.no_source",
            &[
                ("index", whole(locale, *index)),
                ("sources", whole(locale, *sources)),
            ],
        ),
        Problem::NoSuchSegment { index, segments } => tf(
            "decision.problem.no_segment",
            &[
                ("index", whole(locale, *index)),
                ("segments", whole(locale, *segments)),
            ],
        ),
        Problem::NoNurture { stage } => {
            tf("decision.problem.no_nurture", &[("stage", stage.clone())])
        }
        Problem::NoRetention => tf("decision.problem.no_retention", &[]),
        Problem::GoalLever => tf("decision.problem.goal_lever", &[]),
        Problem::ChangeLeavesNothing { change, what } => tf(
            "decision.problem.leaves_nothing",
            &[
                ("change", number(locale, *change)),
                (
                    "what",
                    i18n::t(locale, changed_quantity_key(*what)).to_string(),
                ),
            ],
        ),
        Problem::TooManyLeads { change, most } => tf(
            "decision.problem.too_many_leads",
            &[
                ("change", number(locale, *change)),
                ("most", number(locale, *most)),
            ],
        ),
        Problem::NoRuns => tf("decision.problem.no_runs", &[]),
        Problem::MismatchedTotals { variants, expected } => tf(
            "decision.problem.mismatched_totals",
            &[
                ("variants", whole(locale, *variants)),
                ("expected", whole(locale, *expected)),
            ],
        ),
        Problem::UnevenTotals => tf("decision.problem.uneven_totals", &[]),
    }
}

/// A decision's error in `locale`: the field and its problem.
pub fn decision_error(locale: Locale, error: &DecisionError) -> String {
    i18n::tf(
        locale,
        "decision.error",
        &[
            ("field", error.field.as_str()),
            ("problem", &problem_text(locale, &error.problem)),
        ],
    )
}

/// The catalogue key of what a value of the format is.
pub fn expected_key(expected: Expected) -> &'static str {
    match expected {
        Expected::Object => "structure.expected.object",
        Expected::List => "structure.expected.list",
        Expected::Text => "structure.expected.text",
        Expected::Number => "structure.expected.number",
        Expected::WholeNumber => "structure.expected.whole",
        Expected::Rate => "structure.expected.rate",
    }
}

/// What is wrong with a scenario text's structure, in `locale` (`Structure`, the rule broken);
/// serde's own words only where no rule says more (a JSON syntax error).
pub fn structure_text(locale: Locale, error: &ScenarioError) -> String {
    let quoted = |names: &[String]| {
        names
            .iter()
            .map(|name| format!("\"{name}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &error.structure {
        Structure::Syntax | Structure::Other => error.message.clone(),
        Structure::UnknownKey { key, allowed } => i18n::tf(
            locale,
            "structure.unknown_key",
            &[("key", key), ("allowed", &quoted(allowed))],
        ),
        Structure::MissingKey { key } => i18n::tf(locale, "structure.missing_key", &[("key", key)]),
        Structure::WrongType { expected } => i18n::tf(
            locale,
            "structure.wrong_type",
            &[("expected", i18n::t(locale, expected_key(*expected)))],
        ),
        Structure::UnknownKind { key, allowed } => i18n::tf(
            locale,
            "structure.unknown_kind",
            &[("key", key), ("allowed", &quoted(allowed))],
        ),
        Structure::OneKind { allowed } => i18n::tf(
            locale,
            "structure.one_kind",
            &[("allowed", &quoted(allowed))],
        ),
    }
}

/// A structural error of a scenario text in `locale`: where it is (path, line and column) and
/// the rule it breaks.
pub fn scenario_error(locale: Locale, error: &ScenarioError) -> String {
    let args = [
        ("path", error.path.clone()),
        ("line", whole(locale, error.line)),
        ("column", whole(locale, error.column)),
        ("detail", structure_text(locale, error)),
    ];
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let key = if error.path.is_empty() || error.path == "." {
        "worker.error.unreadable_at"
    } else {
        "worker.error.unreadable_field"
    };
    i18n::tf(locale, key, &args)
}

/// A scenario's rule errors in `locale`, `path: message` each, joined.
pub fn field_errors(locale: Locale, errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|error| {
            format!(
                "{}: {}",
                field_label(locale, &error.path),
                i18n::localize_field_error(locale, error)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A failed job in `locale`.
pub fn worker_error(locale: Locale, error: &WorkerError) -> String {
    let tf = |key: &str, args: &[(&str, String)]| {
        let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (*n, v.as_str())).collect();
        i18n::tf(locale, key, &args)
    };
    match error {
        WorkerError::Unreadable(error) => scenario_error(locale, error),
        WorkerError::Invalid { errors } => tf(
            "worker.error.invalid",
            &[("errors", field_errors(locale, errors))],
        ),
        WorkerError::InScenario { index, error } => tf(
            "worker.error.in_scenario",
            &[
                ("variant", variant_letter(*index)),
                ("error", worker_error(locale, error)),
            ],
        ),
        WorkerError::Runs { field, runs, most } => tf(
            "worker.error.runs",
            &[
                ("field", field.clone()),
                ("runs", whole(locale, *runs)),
                ("most", whole(locale, *most)),
            ],
        ),
        WorkerError::RunsMemory { runs, most, days } => tf(
            "worker.error.runs_memory",
            &[
                ("runs", whole(locale, *runs)),
                ("most", whole(locale, *most)),
                ("days", whole(locale, *days)),
            ],
        ),
        WorkerError::TooManyTotals {
            variants,
            runs,
            most,
        } => tf(
            "worker.error.too_many_totals",
            &[
                ("variants", whole(locale, *variants)),
                ("runs", whole(locale, *runs)),
                ("most", whole(locale, *most)),
            ],
        ),
        WorkerError::Decision(error) => decision_error(locale, error),
        WorkerError::Protocol { detail } => {
            tf("worker.error.protocol", &[("detail", detail.clone())])
        }
        WorkerError::Crashed { detail } => {
            tf("worker.error.crashed", &[("detail", detail.clone())])
        }
    }
}

/// What refers to a stage, in `locale` ("the source X", "the nurture loop of Y").
pub fn stage_reference(locale: Locale, reference: &StageReference) -> String {
    match reference {
        StageReference::SourceEntry { source, .. } => i18n::tf(
            locale,
            "editor.stage.referenced_by_source",
            &[("source", source)],
        ),
        StageReference::NurtureTarget { stage, .. } => i18n::tf(
            locale,
            "editor.stage.referenced_by_nurture",
            &[("stage", stage)],
        ),
    }
}

/// A refused edit of a scenario, in `locale`.
pub fn edit_error(locale: Locale, error: &EditError) -> String {
    let number = |index: &usize| whole(locale, index.saturating_add(1));
    match error {
        EditError::NoSuchStage { index } => {
            i18n::tf(locale, "edit.error.no_stage", &[("number", &number(index))])
        }
        EditError::NoSuchSource { index } => i18n::tf(
            locale,
            "edit.error.no_source",
            &[("number", &number(index))],
        ),
        EditError::StageInUse { stage, references } => {
            let references_count = references.len();
            let references = references
                .iter()
                .map(|reference| stage_reference(locale, reference))
                .collect::<Vec<_>>()
                .join(", ");
            // "the source X refers to it", "the source X, the nurture loop of Y refer to it".
            i18n::tn(
                locale,
                "editor.stage.remove_blocked",
                references_count as f64,
                &[("stage", stage), ("references", &references)],
            )
        }
        EditError::EmptyName => i18n::t(locale, "edit.error.empty_name").to_string(),
        EditError::ControlCharacterInName => {
            i18n::t(locale, "edit.error.control_characters").to_string()
        }
        EditError::HiddenCharacterInName { code } => {
            i18n::tf(locale, "edit.error.hidden_character", &[("code", code)])
        }
        EditError::DuplicateStageName { name } => {
            i18n::tf(locale, "editor.stage.name.duplicate", &[("name", name)])
        }
        EditError::DuplicateSourceName { name } => {
            i18n::tf(locale, "edit.error.duplicate_source", &[("name", name)])
        }
        EditError::NoSuchSegment { index } => i18n::tf(
            locale,
            "edit.error.no_segment",
            &[("number", &(index + 1).to_string())],
        ),
        EditError::DuplicateSegmentName { name } => {
            i18n::tf(locale, "edit.error.duplicate_segment", &[("name", name)])
        }
        EditError::CannotMove { direction, .. } => i18n::t(
            locale,
            match direction {
                Direction::Up => "edit.error.first_stage",
                Direction::Down => "edit.error.last_stage",
            },
        )
        .to_string(),
    }
}

/// A refused action, in `locale`.
pub fn action_error(locale: Locale, error: &ActionError) -> String {
    match error {
        ActionError::Edit(error) => edit_error(locale, error),
        ActionError::NoSuchVariant { index } => i18n::tf(
            locale,
            "action.error.no_variant",
            &[("variant", &variant_letter(*index))],
        ),
        ActionError::CannotRemovePlanA => i18n::t(locale, "action.error.plan_a").to_string(),
        ActionError::TooManyVariants => i18n::tf(
            locale,
            "action.error.too_many_variants",
            &[("most", &whole(locale, MAX_VARIANTS))],
        ),
        ActionError::RunsOutOfRange { .. } => i18n::tf(
            locale,
            "editor.field.between",
            &[
                ("min", &whole(locale, 1)),
                ("max", &whole(locale, MAX_RUNS)),
            ],
        ),
        ActionError::PrecisionOutOfRange => i18n::tf(
            locale,
            "runs.precision.out_of_range",
            &[(
                "max",
                &crate::i18n::format::percent(locale, crate::engine::automatic::MAX_TOLERANCE, 1),
            )],
        ),
    }
}

/// Why a typed rate could not be read, in `locale`, with the forms that are accepted.
pub fn rate_error(locale: Locale, error: &RateInputError) -> String {
    let percent = |value: f64| number(locale, value);
    match error {
        RateInputError::Empty | RateInputError::NotUnderstood { .. } => {
            i18n::t(locale, "rate.error.unreadable").to_string()
        }
        RateInputError::BadNumber { number } => {
            i18n::tf(locale, "rate.error.bad_number", &[("number", number)])
        }
        RateInputError::Negative => i18n::t(locale, "rate.error.out_of_range").to_string(),
        RateInputError::AboveHundredPercent { percent: value } => i18n::tf(
            locale,
            "rate.error.above_hundred",
            &[("percent", &percent(*value))],
        ),
        RateInputError::ReversedRange {
            low_percent,
            high_percent,
        } => i18n::tf(
            locale,
            "rate.error.range_order_values",
            &[
                ("low", &percent(*low_percent)),
                ("high", &percent(*high_percent)),
            ],
        ),
        RateInputError::CountNotWhole { count } => {
            i18n::tf(locale, "rate.error.count_not_whole", &[("count", count)])
        }
        RateInputError::MoreConversionsThanTries { conversions, tries } => i18n::tf(
            locale,
            "rate.error.observed_too_many",
            &[
                ("successes", &conversions.to_string()),
                ("trials", &tries.to_string()),
            ],
        ),
        RateInputError::NoTries => i18n::t(locale, "rate.error.observed_empty").to_string(),
        RateInputError::TooManyTries => i18n::tf(
            locale,
            "rate.error.too_many_tries",
            &[("most", &whole(locale, MAX_TRIALS))],
        ),
        RateInputError::BadParameter { form, problem } => match problem {
            ParameterProblem::NotTwoNumbers { .. } => {
                i18n::tf(locale, "rate.error.law_two_numbers", &[("form", form)])
            }
            ParameterProblem::NotANumber { raw } => i18n::tf(
                locale,
                "rate.error.law_not_a_number",
                &[("form", form), ("raw", raw)],
            ),
            ParameterProblem::OutOfRange { name, value } if *form == "beta" => i18n::tf(
                locale,
                "rate.error.beta_parameter",
                &[("name", name), ("value", &number(locale, *value))],
            ),
            ParameterProblem::OutOfRange { name, value } => i18n::tf(
                locale,
                "rate.error.uniform_end",
                &[("name", name), ("value", &number(locale, *value))],
            ),
        },
    }
}

/// Why a share link or a work file could not be opened, in `locale` (once, without the
/// English beside it).
pub fn share_error(locale: Locale, error: &ShareError) -> String {
    match error {
        ShareError::UnknownVersion { found } if !found.is_empty() => {
            i18n::t(locale, "share.broken.version").to_string()
        }
        ShareError::InvalidScenario { errors, .. } | ShareError::InvalidSettings(errors) => {
            i18n::tf(
                locale,
                "share.broken.invalid",
                &[("reason", &field_errors(locale, errors))],
            )
        }
        ShareError::TooLarge { .. } | ShareError::TooLong { .. } => {
            i18n::t(locale, "share.broken.too_large").to_string()
        }
        ShareError::Format { path, .. } => {
            i18n::tf(locale, "share.broken.format", &[("path", path)])
        }
        ShareError::Empty
        | ShareError::UnknownVersion { .. }
        | ShareError::NotBase64 { .. }
        | ShareError::NotCompressed { .. }
        | ShareError::NotJson { .. } => i18n::t(locale, "share.broken.damaged").to_string(),
    }
}

/// A field of the scenario named as the editor labels it, from its path: `stages[1].conversion`
/// is "Stage 2 · Conversion", `sources[0].per_day.poisson` is "Source 1 · Leads per day",
/// `horizon_days` is "Horizon (days)". A path it does not know is shown as it is.
pub fn field_label(locale: Locale, path: &str) -> String {
    let t = |key: &str| i18n::t(locale, key).to_string();
    let mut parts: Vec<String> = Vec::new();
    let mut segments = path.split('.').peekable();
    let mut context = "";
    while let Some(segment) = segments.next() {
        let (name, index) = match segment.split_once('[') {
            Some((name, rest)) => (name, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment, None),
        };
        let label = match (context, name, index) {
            ("", "stages", Some(k)) => {
                context = "stage";
                Some(i18n::tf(
                    locale,
                    "field.stage",
                    &[("number", &(k + 1).to_string())],
                ))
            }
            ("", "sources", Some(i)) => {
                context = "source";
                Some(i18n::tf(
                    locale,
                    "field.source",
                    &[("number", &(i + 1).to_string())],
                ))
            }
            ("", "segments", Some(g)) => {
                context = "segment";
                Some(i18n::tf(
                    locale,
                    "field.segment",
                    &[("number", &(g + 1).to_string())],
                ))
            }
            ("", "segments", None) => Some(t("editor.segments.heading")),
            ("segment", "name", _) => Some(t("editor.segment.name")),
            ("segment", "share", _) => Some(t("editor.segment.share")),
            ("segment", "stages", _) => {
                context = "segment stages";
                None
            }
            // The override's key is the stage's name, as the person typed it.
            ("segment stages", stage, _) => {
                context = "stage";
                Some(format!("“{stage}”"))
            }
            ("", "stages", None) => Some(t("editor.stages.heading")),
            ("", "sources", None) => Some(t("editor.sources.heading")),
            ("", "name", _) => Some(t("scenario.name")),
            ("", "horizon_days", _) => Some(t("editor.horizon")),
            ("", "retention", _) => {
                context = "retention";
                Some(t("editor.retention.heading"))
            }
            ("", "settings", _) => {
                context = "settings";
                None
            }
            ("settings", "runs", _) => Some(t("editor.runs")),
            ("stage", "name", _) => Some(t("editor.stage.name")),
            ("stage", "conversion", _) => {
                context = "rate";
                Some(t("editor.stage.conversion"))
            }
            ("stage", "delay_days", _) => {
                context = "law";
                Some(t("editor.stage.delay"))
            }
            ("stage", "lost_delay_days", _) => {
                context = "law";
                Some(t("editor.stage.lost_delay"))
            }
            ("stage", "value", _) => {
                context = "value";
                Some(t("editor.stage.value"))
            }
            ("stage", "nurture", _) => {
                context = "nurture";
                Some(t("editor.stage.nurture"))
            }
            ("nurture", "share", _) => Some(t("nurture.share")),
            ("nurture", "reentry", _) => Some(t("nurture.reentry")),
            ("nurture", "to", _) => Some(t("nurture.to")),
            ("nurture", "max_cycles", _) => Some(t("nurture.max_cycles")),
            ("nurture", "delay_days", _) => {
                context = "law";
                Some(t("nurture.delay"))
            }
            ("source", "name", _) => Some(t("editor.source.name")),
            ("source", "entry", _) => Some(t("editor.source.entry")),
            ("source", "per_day", _) => {
                context = "arrivals";
                Some(t("editor.source.per_day"))
            }
            ("source", "start_day", _) => Some(t("editor.source.start_day")),
            ("source", "end_day", _) => Some(t("editor.source.end_day")),
            ("source", "cost_per_lead", _) => Some(t("editor.source.cost_per_lead")),
            ("source", "segment", _) => Some(t("editor.source.segment")),
            ("retention", "repeat", _) => Some(t("retention.repeat")),
            ("retention", "max_repeats", _) => Some(t("retention.max_repeats")),
            ("retention", "delay_days", _) => {
                context = "law";
                Some(t("retention.delay"))
            }
            ("retention", "value", _) => {
                context = "value";
                Some(t("retention.value"))
            }
            // The law's own key (`uniform`, `lognormal`) adds nothing a person reads; its
            // parameters are named as the editor names them.
            ("law" | "value" | "rate" | "arrivals", _, _) if segments.peek().is_some() => None,
            ("law", "min", _) => Some(t("delay.min")),
            ("law", "max", _) => Some(t("delay.max")),
            ("law", "mean", _) => Some(t("delay.mean")),
            ("law", "median", _) => Some(t("delay.median")),
            ("law", "sigma", _) => Some(t("delay.sigma")),
            ("law", "shape", _) => Some(t("delay.shape")),
            ("law", "scale", _) => Some(t("delay.scale")),
            ("law", "fixed", _) => Some(t("delay.days")),
            ("value", "low", _) => Some(t("value.low")),
            ("value", "high", _) => Some(t("value.high")),
            ("value", "mean", _) => Some(t("value.mean")),
            ("value", "sd", _) => Some(t("value.sd")),
            ("value", "fixed", _) => Some(t("value.amount")),
            ("rate", "low", _) => Some(t("value.low")),
            ("rate", "high", _) => Some(t("value.high")),
            ("rate", "alpha" | "beta", _) => Some(name.to_string()),
            ("arrivals", _, _) => None,
            _ => return path.to_string(),
        };
        parts.extend(label);
    }
    if parts.is_empty() {
        path.to_string()
    } else {
        parts.join(" · ")
    }
}

/// Why the work was not saved in this browser, and what to do, in `locale`.
pub fn storage_problem(locale: Locale, problem: &super::autosave::StorageProblem) -> String {
    use super::autosave::StorageProblem;
    match problem {
        StorageProblem::Unavailable => i18n::t(locale, "autosave.unavailable").to_string(),
        StorageProblem::Full => i18n::t(locale, "autosave.full").to_string(),
        StorageProblem::Other(reason) => {
            i18n::tf(locale, "autosave.failed", &[("reason", reason.as_str())])
        }
    }
}
