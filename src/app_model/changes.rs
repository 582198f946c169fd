//! What a variant changes from plan A, as data a sentence is made of: stages and sources
//! matched by name (a stage whose name alone changed, at the same place, is a rename), each
//! change with the values on both sides, typed, so that `app_model::explain::change_sentence`
//! writes it as a person would, in their language ("Consideration converts 30% instead of 24
//! of 98 (24%)", "New source Social ads: about 150 leads a day into Awareness").

use std::collections::HashMap;

use crate::scenario::{Arrivals, Delay, Nurture, Rate, Retention, Scenario, Source, Stage, Value};

/// A value on one side of a change.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    Text(String),
    Whole(i64),
    Money(f64),
    Share(f64),
    Rate(Rate),
    Delay(Delay),
    /// A time to lose, or none (the same as the time to decide).
    LostDelay(Option<Delay>),
    /// A value per conversion, or none.
    Value(Option<Value>),
    Arrivals(Arrivals),
    /// An end day, or none (until the horizon).
    EndDay(Option<i64>),
    Names(Vec<String>),
}

/// What changed.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Name {
        a: String,
        b: String,
    },
    Horizon {
        a: i64,
        b: i64,
    },
    /// The correlation of the uncertain rates (`rate_correlation`, 0 when absent).
    RateCorrelation {
        a: f64,
        b: f64,
    },
    /// The stages both have come in another order.
    Order {
        a: Vec<String>,
        b: Vec<String>,
    },
    StageAdded(Stage),
    StageRemoved(Stage),
    StageRenamed {
        a: String,
        b: String,
    },
    /// A field of a stage both have (`field` names it: `conversion`, `delay_days`, `value`,
    /// `nurture.share`, ...).
    Stage {
        stage: String,
        field: &'static str,
        a: Shown,
        b: Shown,
    },
    NurtureAdded {
        stage: String,
        nurture: Nurture,
    },
    NurtureRemoved {
        stage: String,
    },
    SourceAdded(Source),
    SourceRemoved(Source),
    Source {
        source: String,
        field: &'static str,
        a: Shown,
        b: Shown,
    },
    RetentionAdded(Retention),
    RetentionRemoved,
    Retention {
        field: &'static str,
        a: Shown,
        b: Shown,
    },
}

struct Collect(Vec<Change>);

impl Collect {
    fn stage(&mut self, name: &str, field: &'static str, a: Shown, b: Shown) {
        if a != b {
            self.0.push(Change::Stage {
                stage: name.to_string(),
                field,
                a,
                b,
            });
        }
    }

    fn source(&mut self, name: &str, field: &'static str, a: Shown, b: Shown) {
        if a != b {
            self.0.push(Change::Source {
                source: name.to_string(),
                field,
                a,
                b,
            });
        }
    }

    fn retention(&mut self, field: &'static str, a: Shown, b: Shown) {
        if a != b {
            self.0.push(Change::Retention { field, a, b });
        }
    }

    fn stages(&mut self, name: &str, a: &Stage, b: &Stage) {
        self.stage(
            name,
            "conversion",
            Shown::Rate(a.conversion),
            Shown::Rate(b.conversion),
        );
        self.stage(
            name,
            "delay_days",
            Shown::Delay(a.delay_days),
            Shown::Delay(b.delay_days),
        );
        self.stage(
            name,
            "lost_delay_days",
            Shown::LostDelay(a.lost_delay_days),
            Shown::LostDelay(b.lost_delay_days),
        );
        self.stage(name, "value", Shown::Value(a.value), Shown::Value(b.value));
        match (&a.nurture, &b.nurture) {
            (Some(x), Some(y)) => {
                self.stage(
                    name,
                    "nurture.share",
                    Shown::Share(x.share),
                    Shown::Share(y.share),
                );
                self.stage(
                    name,
                    "nurture.delay_days",
                    Shown::Delay(x.delay_days),
                    Shown::Delay(y.delay_days),
                );
                self.stage(
                    name,
                    "nurture.reentry",
                    Shown::Share(x.reentry),
                    Shown::Share(y.reentry),
                );
                self.stage(
                    name,
                    "nurture.to",
                    Shown::Text(x.to.clone()),
                    Shown::Text(y.to.clone()),
                );
                self.stage(
                    name,
                    "nurture.max_cycles",
                    Shown::Whole(x.max_cycles),
                    Shown::Whole(y.max_cycles),
                );
            }
            (None, Some(y)) => self.0.push(Change::NurtureAdded {
                stage: name.to_string(),
                nurture: y.clone(),
            }),
            (Some(_), None) => self.0.push(Change::NurtureRemoved {
                stage: name.to_string(),
            }),
            (None, None) => {}
        }
    }

    fn sources(&mut self, name: &str, a: &Source, b: &Source) {
        self.source(
            name,
            "entry",
            Shown::Text(a.entry.clone()),
            Shown::Text(b.entry.clone()),
        );
        self.source(
            name,
            "per_day",
            Shown::Arrivals(a.per_day),
            Shown::Arrivals(b.per_day),
        );
        self.source(
            name,
            "start_day",
            Shown::Whole(a.start_day),
            Shown::Whole(b.start_day),
        );
        self.source(
            name,
            "end_day",
            Shown::EndDay(a.end_day),
            Shown::EndDay(b.end_day),
        );
        self.source(
            name,
            "cost_per_lead",
            Shown::Money(a.cost_per_lead),
            Shown::Money(b.cost_per_lead),
        );
    }
}

/// Keys for matching by name: the name, with `#2`, `#3` for later items of the same name.
fn keyed<T>(items: &[T], name: impl Fn(&T) -> &str) -> Vec<(String, &T)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    items
        .iter()
        .map(|item| {
            let count = seen.entry(name(item).to_string()).or_insert(0);
            *count += 1;
            let key = if *count == 1 {
                name(item).to_string()
            } else {
                format!("{}#{count}", name(item))
            };
            (key, item)
        })
        .collect()
}

/// What B changes from A: the name and horizon, renamed, added and removed stages (a stage
/// whose only change is its name, where A had a stage of the old name, is a rename), each
/// changed field of the stages both have (with their order), the sources likewise, and the
/// repeat purchases.
pub fn changes(a: &Scenario, b: &Scenario) -> Vec<Change> {
    let mut found = Collect(Vec::new());
    if a.name != b.name {
        found.0.push(Change::Name {
            a: a.name.clone(),
            b: b.name.clone(),
        });
    }
    if a.horizon_days != b.horizon_days {
        found.0.push(Change::Horizon {
            a: a.horizon_days,
            b: b.horizon_days,
        });
    }
    let (a_r, b_r) = (
        a.rate_correlation.unwrap_or(0.0),
        b.rate_correlation.unwrap_or(0.0),
    );
    if a_r != b_r {
        found.0.push(Change::RateCorrelation { a: a_r, b: b_r });
    }
    let a_stages = keyed(&a.stages, |s| &s.name);
    let b_stages = keyed(&b.stages, |s| &s.name);
    // A rename: at the same position, A's stage is missing from B and B's from A, and the
    // stage is otherwise the same (the rename's references follow it).
    let mut renamed: Vec<(String, String)> = Vec::new();
    for (index, (a_key, a_stage)) in a_stages.iter().enumerate() {
        if let Some((b_key, b_stage)) = b_stages.get(index)
            && !b_stages.iter().any(|(k, _)| k == a_key)
            && !a_stages.iter().any(|(k, _)| k == b_key)
            && renamed_to(a_stage, &b_stage.name) == **b_stage
        {
            renamed.push((a_key.clone(), b_key.clone()));
        }
    }
    let b_name_of = |a_key: &str| {
        renamed
            .iter()
            .find(|(from, _)| from == a_key)
            .map_or_else(|| a_key.to_string(), |(_, to)| to.clone())
    };
    for (from, to) in &renamed {
        found.0.push(Change::StageRenamed {
            a: from.clone(),
            b: to.clone(),
        });
    }
    let a_order: Vec<String> = a_stages
        .iter()
        .map(|(k, _)| b_name_of(k))
        .filter(|k| b_stages.iter().any(|(b, _)| b == k))
        .collect();
    let b_order: Vec<String> = b_stages
        .iter()
        .map(|(k, _)| k.clone())
        .filter(|k| a_order.contains(k))
        .collect();
    if a_order != b_order {
        found.0.push(Change::Order {
            a: a_order,
            b: b_order,
        });
    }
    for (a_key, a_stage) in &a_stages {
        let b_key = b_name_of(a_key);
        match b_stages.iter().find(|(k, _)| *k == b_key) {
            Some((_, b_stage)) => {
                // A nurture back to a renamed stage follows the rename: not a change.
                let mut a_stage = (*a_stage).clone();
                if let Some(nurture) = a_stage.nurture.as_mut() {
                    nurture.to = b_name_of(&nurture.to);
                }
                found.stages(&b_key, &a_stage, b_stage);
            }
            None => found.0.push(Change::StageRemoved((*a_stage).clone())),
        }
    }
    for (b_key, b_stage) in &b_stages {
        let from_a = a_stages.iter().any(|(k, _)| b_name_of(k) == *b_key);
        if !from_a {
            found.0.push(Change::StageAdded((*b_stage).clone()));
        }
    }
    let a_sources = keyed(&a.sources, |s| &s.name);
    let b_sources = keyed(&b.sources, |s| &s.name);
    for (key, a_source) in &a_sources {
        match b_sources.iter().find(|(k, _)| k == key) {
            Some((_, b_source)) => {
                // A source entering a renamed stage follows the rename: not a change.
                let mut a_source = (*a_source).clone();
                a_source.entry = b_name_of(&a_source.entry);
                found.sources(key, &a_source, b_source);
            }
            None => found.0.push(Change::SourceRemoved((*a_source).clone())),
        }
    }
    for (key, b_source) in &b_sources {
        if !a_sources.iter().any(|(k, _)| k == key) {
            found.0.push(Change::SourceAdded((*b_source).clone()));
        }
    }
    match (&a.retention, &b.retention) {
        (Some(x), Some(y)) => {
            found.retention("repeat", Shown::Share(x.repeat), Shown::Share(y.repeat));
            found.retention(
                "delay_days",
                Shown::Delay(x.delay_days),
                Shown::Delay(y.delay_days),
            );
            found.retention("value", Shown::Value(x.value), Shown::Value(y.value));
            found.retention(
                "max_repeats",
                Shown::Whole(x.max_repeats),
                Shown::Whole(y.max_repeats),
            );
        }
        (None, Some(y)) => found.0.push(Change::RetentionAdded(y.clone())),
        (Some(_), None) => found.0.push(Change::RetentionRemoved),
        (None, None) => {}
    }
    found.0
}

/// `stage` named `name`, its own nurture loop following the rename.
fn renamed_to(stage: &Stage, name: &str) -> Stage {
    let mut renamed = stage.clone();
    if let Some(nurture) = renamed.nurture.as_mut()
        && nurture.to == stage.name
    {
        nurture.to = name.to_string();
    }
    renamed.name = name.to_string();
    renamed
}

/// The names of `names`, joined for a sentence.
pub fn names_text(names: &[String]) -> String {
    names.join(" → ")
}
