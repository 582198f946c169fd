//! From the raw visits both shapes are read into to a `History`: outcomes left to be inferred,
//! the checks that span rows (left before entered, dates after the export, overlapping
//! visits, stages not in the funnel), the stages' order, amounts and sources.
//!
//! **Inferred outcomes** (an empty outcome cell): a visit that a later visit of the deal follows
//! advanced (on its left date, else on the day the next began); the deal's last visit is open
//! without a left date, and an error with one (won or lost cannot be told).
//!
//! **Stage order without a funnel** (`stage_order`): a stage comes after every stage deals
//! advanced from straight into it; among stages free to come next, the one first named in the
//! file comes first; a cycle (deals advancing both ways) is broken at the stage fewest deals
//! advanced into from the stages left. A funnel whose deals all start at its first stage comes
//! out in its order, whatever order the rows are in.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::columns::{self, Role};
use super::errors::{ReadError, ReadErrors, ReadWarning};
use super::history::{Day, Deal, History, Outcome, Visit};
use super::layout::{Layout, ReadOptions};

/// A visit as a row gives it.
#[derive(Debug, Clone)]
pub(super) struct RawVisit {
    /// Key into `StageNames::names`.
    pub stage: usize,
    pub entered: Day,
    pub left: Option<Day>,
    /// `None` for an empty cell: inferred.
    pub outcome: Option<Outcome>,
    pub amount: Option<f64>,
    pub line: usize,
    /// The columns errors about the entry and the end name.
    pub entered_column: Option<usize>,
    pub left_column: Option<usize>,
}

#[derive(Debug, Clone)]
pub(super) struct RawDeal {
    pub id: String,
    pub source: Option<String>,
    pub visits: Vec<RawVisit>,
}

/// Stage names met so far, matched without case or surrounding spaces: the funnel's (and the
/// names not in it), or those of the file in the order first met.
#[derive(Debug, Clone)]
pub(super) struct StageNames {
    pub names: Vec<String>,
    index: HashMap<String, usize>,
    /// Names exactly as written, for the rows that repeat them (most): no normalising.
    exact: HashMap<String, Option<usize>>,
    funnel: bool,
    unknown: Vec<String>,
    unknown_seen: HashSet<String>,
}

impl StageNames {
    pub fn new(funnel: Option<&[String]>) -> StageNames {
        let mut names = StageNames {
            names: Vec::new(),
            index: HashMap::new(),
            exact: HashMap::new(),
            funnel: funnel.is_some(),
            unknown: Vec::new(),
            unknown_seen: HashSet::new(),
        };
        for name in funnel.unwrap_or(&[]) {
            let key = columns::normalise(name);
            let next = names.names.len();
            names.index.entry(key).or_insert(next);
            names.names.push(name.clone());
        }
        names
    }

    /// The key of a stage named in the file; `None` (and noted) when the funnel lacks it.
    pub fn key(&mut self, name: &str) -> Option<usize> {
        if let Some(&key) = self.exact.get(name) {
            return key;
        }
        let key = self.key_of_new(name);
        self.exact.insert(name.to_string(), key);
        key
    }

    fn key_of_new(&mut self, name: &str) -> Option<usize> {
        let normal = columns::normalise(name);
        if let Some(&key) = self.index.get(&normal) {
            return Some(key);
        }
        if self.funnel {
            if self.unknown_seen.insert(normal) {
                self.unknown.push(name.trim().to_string());
            }
            return None;
        }
        let key = self.names.len();
        self.index.insert(normal, key);
        self.names.push(name.trim().to_string());
        Some(key)
    }

    /// The key of a stage if it is known, without adding it.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.index.get(&columns::normalise(name)).copied()
    }
}

/// Checks and orders raw deals into a history; `None` when an error was found.
pub(super) fn assemble(
    mut deals: Vec<RawDeal>,
    stages: StageNames,
    layout: &Layout,
    options: &ReadOptions,
    errors: &mut ReadErrors,
    warnings: &mut Vec<ReadWarning>,
) -> Option<History> {
    if !stages.unknown.is_empty() {
        errors.push(ReadError::UnknownStages {
            stages: stages.unknown.clone(),
            known: stages.names.clone(),
        });
    }
    let name = |column: Option<usize>, role: Role| layout.name(column, role);
    let outcome_column = layout.column(Role::Outcome);
    for deal in &mut deals {
        deal.visits.sort_by_key(|v| v.entered);
        let count = deal.visits.len();
        for i in 0..count {
            let next_entry = deal.visits.get(i + 1).map(|v| v.entered);
            let visit = &mut deal.visits[i];
            let left_name = || name(visit.left_column, Role::Left);
            match (visit.outcome, visit.left, next_entry) {
                (None, Some(_), Some(_)) => visit.outcome = Some(Outcome::Advanced),
                (None, None, Some(next)) => {
                    visit.outcome = Some(Outcome::Advanced);
                    visit.left = Some(next);
                }
                (None, Some(_), None) => errors.push(ReadError::MissingValue {
                    line: visit.line,
                    column: name(outcome_column, Role::Outcome),
                }),
                (None | Some(Outcome::Open), None, _) => visit.outcome = Some(Outcome::Open),
                (Some(Outcome::Open), Some(_), _) => errors.push(ReadError::LeftWhileOpen {
                    line: visit.line,
                    column: left_name(),
                }),
                (Some(Outcome::Advanced), None, Some(next)) => visit.left = Some(next),
                (Some(Outcome::Advanced | Outcome::Lost), None, _) => {
                    errors.push(ReadError::MissingValue {
                        line: visit.line,
                        column: left_name(),
                    })
                }
                (Some(_), Some(_), _) => {}
            }
            if let Some(left) = visit.left
                && left < visit.entered
            {
                errors.push(ReadError::LeftBeforeEntered {
                    line: visit.line,
                    column: left_name(),
                    entered: visit.entered,
                    left,
                });
            }
            if let Some(as_of) = options.as_of {
                let late = [
                    (Some(visit.entered), visit.entered_column, Role::Entered),
                    (visit.left, visit.left_column, Role::Left),
                ];
                for (date, column, role) in late {
                    if let Some(date) = date.filter(|&d| d > as_of) {
                        errors.push(ReadError::AfterExport {
                            line: visit.line,
                            column: name(column, role),
                            date,
                            as_of,
                        });
                    }
                }
            }
        }
        for pair in deal.visits.windows(2) {
            let ended = pair[0].left.is_some_and(|left| left <= pair[1].entered)
                && pair[0].outcome != Some(Outcome::Open);
            if !ended {
                errors.push(ReadError::Overlap {
                    deal: deal.id.clone(),
                    first_line: pair[0].line,
                    second_line: pair[1].line,
                });
            }
        }
    }
    if !errors.is_empty() {
        return None;
    }
    let as_of = options.as_of.or_else(|| {
        deals
            .iter()
            .flat_map(|d| d.visits.iter().flat_map(|v| [Some(v.entered), v.left]))
            .flatten()
            .max()
    })?;
    let order = if stages.funnel {
        (0..stages.names.len()).collect()
    } else {
        stage_order(&deals, stages.names.len())
    };
    let mut position = vec![0; order.len()];
    for (at, &key) in order.iter().enumerate() {
        position[key] = at;
    }
    let stage_names: Vec<String> = order.iter().map(|&k| stages.names[k].clone()).collect();
    Some(build(deals, stage_names, &position, as_of, warnings))
}

/// The history, stages renumbered by `position`, amounts kept on purchases.
fn build(
    deals: Vec<RawDeal>,
    stages: Vec<String>,
    position: &[usize],
    as_of: Day,
    warnings: &mut Vec<ReadWarning>,
) -> History {
    let last = stages.len().saturating_sub(1);
    let mut sources: Vec<String> = Vec::new();
    let mut source_index: HashMap<String, usize> = HashMap::new();
    let (mut stray, mut first_stray) = (0usize, 0usize);
    let mut out = Vec::with_capacity(deals.len());
    for deal in deals {
        let source = deal.source.map(|name| {
            let key = columns::normalise(&name);
            *source_index.entry(key).or_insert_with(|| {
                sources.push(name.clone());
                sources.len() - 1
            })
        });
        let count = deal.visits.len();
        let mut visits: Vec<Visit> = deal
            .visits
            .iter()
            .map(|v| Visit {
                stage: position[v.stage],
                entered: v.entered,
                left: v.left,
                outcome: v.outcome.unwrap_or(Outcome::Open),
                amount: None,
                line: v.line,
            })
            .collect();
        // A purchase: the last stage advanced, or the deal's last visit advanced (won).
        let purchase = |i: usize, v: &Visit| {
            v.outcome == Outcome::Advanced && (v.stage == last || i + 1 == count)
        };
        let mut carried: Option<f64> = None;
        let mut purchase_amounts: Vec<f64> = Vec::new();
        for (i, raw) in deal.visits.iter().enumerate() {
            if purchase(i, &visits[i]) {
                visits[i].amount = raw.amount;
                purchase_amounts.extend(raw.amount);
            }
        }
        for (i, raw) in deal.visits.iter().enumerate() {
            if let Some(amount) = raw.amount
                && !purchase(i, &visits[i])
            {
                carried = Some(amount);
                if !purchase_amounts.contains(&amount) {
                    stray += 1;
                    if first_stray == 0 {
                        first_stray = raw.line;
                    }
                }
            }
        }
        if let Some(amount) = carried
            && purchase_amounts.is_empty()
            && let Some(i) = (0..count).rev().find(|&i| purchase(i, &visits[i]))
        {
            visits[i].amount = Some(amount);
        }
        out.push(Deal {
            id: deal.id,
            source,
            visits,
        });
    }
    if stray > 0 {
        warnings.push(ReadWarning::AmountNotOnPurchase {
            count: stray,
            first_line: first_stray,
        });
    }
    History {
        stages,
        sources,
        deals: out,
        as_of,
    }
}

/// The stages' order when no funnel gives it (see the module's header): the keys of
/// `StageNames` in funnel order.
pub(super) fn stage_order(deals: &[RawDeal], stages: usize) -> Vec<usize> {
    let mut edges: HashMap<(usize, usize), usize> = HashMap::new();
    for deal in deals {
        for pair in deal.visits.windows(2) {
            if pair[0].outcome == Some(Outcome::Advanced) && pair[0].stage != pair[1].stage {
                *edges.entry((pair[0].stage, pair[1].stage)).or_insert(0) += 1;
            }
        }
    }
    let mut into: Vec<Vec<(usize, usize)>> = vec![Vec::new(); stages];
    let mut out_of: Vec<Vec<usize>> = vec![Vec::new(); stages];
    for (&(from, to), &count) in &edges {
        into[to].push((from, count));
        out_of[from].push(to);
    }
    let mut waiting: Vec<usize> = into.iter().map(Vec::len).collect();
    let mut ready: BTreeSet<usize> = (0..stages).filter(|&s| waiting[s] == 0).collect();
    let mut placed = vec![false; stages];
    let mut order = Vec::with_capacity(stages);
    while order.len() < stages {
        let next = match ready.pop_first() {
            Some(next) => next,
            // A cycle: the stage fewest deals advanced into from the stages left.
            None => (0..stages)
                .filter(|&s| !placed[s])
                .min_by_key(|&s| {
                    let weight: usize = into[s]
                        .iter()
                        .filter(|(from, _)| !placed[*from])
                        .map(|(_, count)| count)
                        .sum();
                    (weight, s)
                })
                .unwrap_or(0),
        };
        if placed[next] {
            continue;
        }
        placed[next] = true;
        order.push(next);
        for &to in &out_of[next] {
            waiting[to] = waiting[to].saturating_sub(1);
            if waiting[to] == 0 && !placed[to] {
                ready.insert(to);
            }
        }
    }
    order
}
