//! What is wrong with a scenario text's structure, as data: an unknown key, a missing one, a
//! value of the wrong type, an object naming no kind or several.
//!
//! serde finds the first problem and its path and position; its message is English for
//! programmers. `classify` looks at the JSON value at that path against the format's shape
//! (`SCENARIO` below, one to one with `format.rs`) and says which rule is broken, with the
//! keys or kinds allowed there, so that the page can say it in the person's language and the
//! command line in English, without reading serde's sentence.

use serde::{Deserialize, Serialize};
use serde_json::Value as Json;

/// What a value of the format is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    Object,
    List,
    Text,
    Number,
    WholeNumber,
    /// A number from 0 to 1, or an uncertain rate (`{"beta": ...}`, `{"uniform": ...}`).
    Rate,
}

/// The broken structural rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Structure {
    /// The text is not JSON (or ends early, or goes on after the scenario).
    Syntax,
    /// A key the format does not have here; `allowed` are those it has.
    UnknownKey { key: String, allowed: Vec<String> },
    /// A key the format needs here.
    MissingKey { key: String },
    /// A value of another type than the one the format has here.
    WrongType { expected: Expected },
    /// An object that names a kind (`{"poisson": 20}`) with another name than the kinds allowed.
    UnknownKind { key: String, allowed: Vec<String> },
    /// An object that names a kind must have exactly one key, one of `allowed`.
    OneKind { allowed: Vec<String> },
    /// Anything else serde refused (its message says what).
    Other,
}

/// The shape of a value in the format.
enum Shape {
    Text,
    Number,
    Whole,
    /// A number or one of the kinds.
    Rate(&'static [(&'static str, Shape)]),
    /// Keys, each with its shape and whether it is required.
    Object(&'static [(&'static str, Shape, bool)]),
    List(&'static Shape),
    /// Exactly one key naming the kind, with that kind's shape.
    Kinds(&'static [(&'static str, Shape)]),
}

const DELAY: Shape = Shape::Kinds(&[
    ("fixed", Shape::Whole),
    (
        "uniform",
        Shape::Object(&[("min", Shape::Whole, true), ("max", Shape::Whole, true)]),
    ),
    (
        "exponential",
        Shape::Object(&[("mean", Shape::Number, true)]),
    ),
    (
        "lognormal",
        Shape::Object(&[
            ("median", Shape::Number, true),
            ("sigma", Shape::Number, true),
        ]),
    ),
    (
        "gamma",
        Shape::Object(&[
            ("shape", Shape::Number, true),
            ("scale", Shape::Number, true),
        ]),
    ),
]);

const VALUE: Shape = Shape::Kinds(&[
    ("fixed", Shape::Number),
    (
        "uniform",
        Shape::Object(&[("low", Shape::Number, true), ("high", Shape::Number, true)]),
    ),
    (
        "lognormal",
        Shape::Object(&[("mean", Shape::Number, true), ("sd", Shape::Number, true)]),
    ),
]);

const RATE: Shape = Shape::Rate(&[
    (
        "beta",
        Shape::Object(&[
            ("alpha", Shape::Number, true),
            ("beta", Shape::Number, true),
        ]),
    ),
    (
        "uniform",
        Shape::Object(&[("low", Shape::Number, true), ("high", Shape::Number, true)]),
    ),
]);

const SOURCE: Shape = Shape::Object(&[
    ("name", Shape::Text, true),
    ("entry", Shape::Text, true),
    (
        "per_day",
        Shape::Kinds(&[("poisson", Shape::Number), ("fixed", Shape::Whole)]),
        true,
    ),
    ("start_day", Shape::Whole, false),
    ("end_day", Shape::Whole, false),
    ("cost_per_lead", Shape::Number, false),
]);

const NURTURE: Shape = Shape::Object(&[
    ("share", Shape::Number, true),
    ("delay_days", DELAY, true),
    ("reentry", Shape::Number, true),
    ("to", Shape::Text, true),
    ("max_cycles", Shape::Whole, true),
]);

const STAGE: Shape = Shape::Object(&[
    ("name", Shape::Text, true),
    ("conversion", RATE, true),
    ("delay_days", DELAY, true),
    ("lost_delay_days", DELAY, false),
    ("value", VALUE, false),
    ("nurture", NURTURE, false),
]);

const RETENTION: Shape = Shape::Object(&[
    ("repeat", Shape::Number, true),
    ("delay_days", DELAY, true),
    ("value", VALUE, false),
    ("max_repeats", Shape::Whole, true),
]);

/// The whole scenario, as `format.rs` reads it.
const SCENARIO: Shape = Shape::Object(&[
    ("name", Shape::Text, false),
    ("description", Shape::Text, false),
    ("horizon_days", Shape::Whole, true),
    ("sources", Shape::List(&SOURCE), false),
    ("stages", Shape::List(&STAGE), false),
    ("retention", RETENTION, false),
]);

/// One step of a path: a key or a list index.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(usize),
}

/// `stages[2].nurture.to` as steps (serde_path_to_error's form).
fn steps(path: &str) -> Vec<Step> {
    let mut steps = Vec::new();
    for part in path.split('.').filter(|part| !part.is_empty()) {
        let mut rest = part;
        if let Some(open) = rest.find('[') {
            if open > 0 {
                steps.push(Step::Key(rest[..open].to_string()));
            }
            rest = &rest[open..];
            while let Some(inner) = rest.strip_prefix('[') {
                let Some(close) = inner.find(']') else {
                    break;
                };
                if let Ok(index) = inner[..close].parse() {
                    steps.push(Step::Index(index));
                }
                rest = &inner[close + 1..];
            }
        } else {
            steps.push(Step::Key(rest.to_string()));
        }
    }
    steps
}

fn names<T>(entries: &[(&'static str, T)]) -> Vec<String> {
    entries
        .iter()
        .map(|(name, _)| (*name).to_string())
        .collect()
}

fn object_names(entries: &[(&'static str, Shape, bool)]) -> Vec<String> {
    entries
        .iter()
        .map(|(name, ..)| (*name).to_string())
        .collect()
}

/// What is wrong with `value` against `shape` itself (not inside it).
fn problem_here(value: &Json, shape: &Shape) -> Option<Structure> {
    let wrong = |expected| Some(Structure::WrongType { expected });
    match shape {
        Shape::Text => (!value.is_string()).then_some(Structure::WrongType {
            expected: Expected::Text,
        }),
        Shape::Number => (!value.is_number()).then_some(Structure::WrongType {
            expected: Expected::Number,
        }),
        Shape::Whole => (!(value.is_i64() || value.is_u64())).then_some(Structure::WrongType {
            expected: Expected::WholeNumber,
        }),
        Shape::List(_) => (!value.is_array()).then_some(Structure::WrongType {
            expected: Expected::List,
        }),
        Shape::Object(entries) => {
            let Some(map) = value.as_object() else {
                return wrong(Expected::Object);
            };
            if let Some(key) = map
                .keys()
                .find(|key| !entries.iter().any(|(name, ..)| name == key))
            {
                return Some(Structure::UnknownKey {
                    key: key.clone(),
                    allowed: object_names(entries),
                });
            }
            entries
                .iter()
                .find(|(name, _, required)| *required && !map.contains_key(*name))
                .map(|(name, ..)| Structure::MissingKey {
                    key: (*name).to_string(),
                })
        }
        Shape::Kinds(kinds) | Shape::Rate(kinds) => {
            let is_rate = matches!(shape, Shape::Rate(_));
            if is_rate && value.is_number() {
                return None;
            }
            let Some(map) = value.as_object() else {
                return wrong(if is_rate {
                    Expected::Rate
                } else {
                    Expected::Object
                });
            };
            if let Some(key) = map
                .keys()
                .find(|key| !kinds.iter().any(|(name, _)| name == key))
            {
                return Some(Structure::UnknownKind {
                    key: key.clone(),
                    allowed: names(kinds),
                });
            }
            (map.len() != 1).then(|| Structure::OneKind {
                allowed: names(kinds),
            })
        }
    }
}

/// The shape of `key` (or list item) inside `shape`, if the format has one.
fn inner<'a>(shape: &'a Shape, step: &Step) -> Option<&'a Shape> {
    match (shape, step) {
        (Shape::Object(entries), Step::Key(key)) => entries
            .iter()
            .find(|(name, ..)| name == key)
            .map(|(_, shape, _)| shape),
        (Shape::Kinds(kinds) | Shape::Rate(kinds), Step::Key(key)) => kinds
            .iter()
            .find(|(name, _)| name == key)
            .map(|(_, shape)| shape),
        (Shape::List(item), Step::Index(_)) => Some(item),
        _ => None,
    }
}

/// The first problem in `value` against `shape`, depth first.
fn first_problem(value: &Json, shape: &Shape) -> Option<Structure> {
    if let Some(problem) = problem_here(value, shape) {
        return Some(problem);
    }
    match (shape, value) {
        (Shape::Object(entries), Json::Object(map)) => {
            entries.iter().find_map(|(name, shape, _)| {
                map.get(*name).and_then(|value| first_problem(value, shape))
            })
        }
        (Shape::Kinds(kinds) | Shape::Rate(kinds), Json::Object(map)) => kinds
            .iter()
            .find_map(|(name, shape)| map.get(*name).and_then(|value| first_problem(value, shape))),
        (Shape::List(item), Json::Array(items)) => {
            items.iter().find_map(|value| first_problem(value, item))
        }
        _ => None,
    }
}

/// Which structural rule the JSON `text` breaks at `path` (serde's path of its first error).
/// `None` when the text is not JSON at all (a syntax error).
pub fn classify(text: &str, path: &str) -> Option<Structure> {
    let root: Json = serde_json::from_str(text).ok()?;
    let steps = steps(path);
    // Walk as far as the value and the shape go; the last step may be a key the format does
    // not have (an unknown key or kind), which the parent's check finds.
    let (mut value, mut shape) = (&root, &SCENARIO);
    for step in &steps {
        let next_value = match (step, value) {
            (Step::Key(key), Json::Object(map)) => map.get(key),
            (Step::Index(index), Json::Array(items)) => items.get(*index),
            _ => None,
        };
        let next_shape = inner(shape, step);
        match (next_value, next_shape, step) {
            (Some(next_value), Some(next_shape), _) => {
                value = next_value;
                shape = next_shape;
            }
            // serde names the unknown key or kind itself as the last step.
            (_, None, Step::Key(key)) => {
                return Some(match shape {
                    Shape::Object(entries) => Structure::UnknownKey {
                        key: key.clone(),
                        allowed: object_names(entries),
                    },
                    Shape::Kinds(kinds) | Shape::Rate(kinds) => Structure::UnknownKind {
                        key: key.clone(),
                        allowed: names(kinds),
                    },
                    _ => Structure::Other,
                });
            }
            _ => break,
        }
    }
    Some(first_problem(value, shape).unwrap_or(Structure::Other))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_as_serde_writes_them() {
        assert_eq!(
            steps("stages[2].nurture.to"),
            vec![
                Step::Key("stages".into()),
                Step::Index(2),
                Step::Key("nurture".into()),
                Step::Key("to".into())
            ]
        );
        assert_eq!(steps("."), vec![]);
        assert_eq!(steps(""), vec![]);
    }
}
