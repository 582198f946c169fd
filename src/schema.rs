//! The published JSON Schemas (`schema/*.schema.json`, draft 2020-12): the scenario format as
//! the command line reads it, and the JSON that `funnelcast run`, `sensitivity` and `compare`
//! print, derived with schemars from the very serde types that read and write them. Native only.
//!
//! `cargo xtask schema` writes the files from `documents`; `tests/schema.rs` fails when a
//! committed file is not what this module generates, and validates the presets, the examples
//! and reports of every preset against them.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};

use crate::api::ComparisonJson;
use crate::decisions::SensitivityReport;
use crate::engine::Report;
use crate::scenario::Scenario;

/// What the scenario schema promises, and what it leaves to `funnelcast validate`.
const SCENARIO: &str = "A Funnelcast scenario: sources of leads, the stages of a funnel with \
their conversion rates and delays, nurture loops and repeat purchases (docs/scenario-format.md \
says what each key means). This schema holds the format's structure as `funnelcast validate` \
reads it: the keys it knows (any other key is refused, so a typo cannot fall back to a \
default), each value's type, and which keys are required. It leaves out the rules on the \
numbers and names that are checked afterwards: rates within [0, 1], days that are whole and \
not negative, stage names that are unique and that `entry` and `to` refer to, and the bounds \
on inputs too large to simulate. A file that passes this schema may still be refused by \
`funnelcast validate`, which names every broken rule with its field's path. Two things the \
command line refuses pass JSON Schema: a whole number written with a fraction (`30.0` where \
a whole number of days is asked for) and a key written twice in one object. One form the \
command line reads is not offered here: an object written as the array of its values in key \
order (`{\"exponential\": [3]}`); write objects.";

/// What the report schema promises.
const REPORT: &str = "A Funnelcast forecast, as `funnelcast run --json` prints it: the spread \
of outcomes over the simulated runs of one scenario, with closed-form expectations beside it. \
Most figures are summaries over runs (`Stats`). Keys marked required are always written; \
`automatic` only for a run with `--precision`, and `precision` only in figures that summarise \
per-run values. The same scenario, seed and number of runs give the same report, byte for \
byte. A later version may add keys: a reader should ignore those it does not know.";

/// What the sensitivity schema promises.
const SENSITIVITY: &str = "What `funnelcast sensitivity --json` prints: every lever of a \
scenario (each stage's conversion and mean delay, each nurture's re-entry, each source's volume \
and cost per lead, the repeat probability) improved and worsened alone by one step, simulated \
over the same leads as the baseline (common random numbers), with what each change does to \
revenue, customers, profit and cost per customer. A later version may add keys: a reader \
should ignore those it does not know.";

/// What the comparison schema promises.
const COMPARISON: &str = "What `funnelcast compare --json` prints: the forecasts of plans A and \
B simulated over the same leads (common random numbers), the statistics of the per-run \
differences B - A and the share of runs in which B does better. A later version may add keys: \
a reader should ignore those it does not know.";

/// One published schema: where it is committed and what it holds.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file, from the repository's root.
    pub path: &'static str,
    /// The schema.
    pub schema: Schema,
}

impl Document {
    /// The file's text: pretty JSON and a final line break.
    pub fn text(&self) -> String {
        let mut text = serde_json::to_string_pretty(&self.schema)
            .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
        text.push('\n');
        text
    }
}

/// How a type's JSON is used: read (a scenario a person or a program writes: keys with a
/// default may be left out) or written (what funnelcast prints: every key it always writes is
/// required).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Read,
    Written,
}

/// The schema of `T`'s JSON, with its title and what it promises.
fn root<T: JsonSchema>(direction: Direction, title: &str, description: &str) -> Schema {
    let settings = SchemaSettings::draft2020_12();
    let settings = match direction {
        Direction::Read => settings.for_deserialize(),
        Direction::Written => settings.for_serialize(),
    }
    .with_transform(RecursiveTransform(one_line_descriptions));
    let mut schema = settings.into_generator().into_root_schema_for::<T>();
    schema.insert("title".to_string(), title.into());
    schema.insert("description".to_string(), description.into());
    schema
}

/// A description from a doc comment as one line: the comment's line breaks are where the
/// source wraps, not where the text does (a blank line, a paragraph break, is kept).
fn one_line_descriptions(schema: &mut Schema) {
    if let Some(serde_json::Value::String(text)) = schema.get_mut("description") {
        *text = text
            .split("\n\n")
            .map(|paragraph| paragraph.split('\n').collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n\n");
    }
}

/// The scenario format, as files, share links and the command line hold it.
pub fn scenario() -> Schema {
    root::<Scenario>(Direction::Read, "Funnelcast scenario", SCENARIO)
}

/// The report, as `funnelcast run --json` prints it.
pub fn report() -> Schema {
    root::<Report>(Direction::Written, "Funnelcast report", REPORT)
}

/// The sensitivity analysis, as `funnelcast sensitivity --json` prints it.
pub fn sensitivity() -> Schema {
    root::<SensitivityReport>(
        Direction::Written,
        "Funnelcast sensitivity analysis",
        SENSITIVITY,
    )
}

/// The comparison of two plans, as `funnelcast compare --json` prints it.
pub fn comparison() -> Schema {
    root::<ComparisonJson<'static>>(
        Direction::Written,
        "Funnelcast comparison of two plans",
        COMPARISON,
    )
}

/// Every published schema, in the order the README lists them.
pub fn documents() -> Vec<Document> {
    vec![
        Document {
            path: "schema/scenario.schema.json",
            schema: scenario(),
        },
        Document {
            path: "schema/report.schema.json",
            schema: report(),
        },
        Document {
            path: "schema/sensitivity.schema.json",
            schema: sensitivity(),
        },
        Document {
            path: "schema/compare.schema.json",
            schema: comparison(),
        },
    ]
}
