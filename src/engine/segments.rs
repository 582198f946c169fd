//! Segments (`segments`): the funnel cut by kind of lead, each segment simulated as a part of
//! its own and the parts added up run by run.
//!
//! Exactness: a lead of a source tied to a segment is in it; a lead of a source left to the
//! shares is in segment g with probability `share_g`, independently of every other lead and
//! of its own journey. For a Poisson source that makes the segments' counts independent
//! Poisson numbers of means `share_g × mean` (thinning), so each part draws its own; a fixed
//! source's day of n leads splits Multinomial(n, shares), drawn here once per run and day and
//! handed to the parts. Given its segment, a lead's journey is the part's: the stages as its
//! segment meets them. The run's rates are drawn once for all parts (`copula::segment_draws`):
//! a base rate that segments do not override is one draw shared by every part that meets it.
//! Every other draw of a part comes from streams of its own (its groups' keys carry the
//! segment's name, its split sources' keys too), so the parts are independent given the rates,
//! as the leads of different segments are.

use super::copula;
use super::fast::{self, Given, multinomial};
use super::plan::Plan;
use super::report::{Exact, Expectations, SourceExpectation, StageExpectation};
use super::run::{RunResult, SegmentCounts, SourceCounts};
use super::streams::{Purpose, stream};
use crate::scenario::{ArrivalLaw, Model};

/// Every segment's part of a model, planned.
#[derive(Debug, Clone)]
pub(crate) struct Parts {
    parts: Vec<(Model, Plan)>,
}

impl Parts {
    /// The parts of `model`'s segments (none when the model has no segments).
    pub fn new(model: &Model) -> Parts {
        Parts {
            parts: (0..model.segments.len())
                .map(|g| {
                    let part = model.segment_part(g);
                    let plan = Plan::new(&part);
                    (part, plan)
                })
                .collect(),
        }
    }

    /// One run: the rates drawn once, the fixed sources' days split, each part run and the
    /// parts added up, with each segment's own figures kept.
    pub fn run(&self, model: &Model, seed: u64, run: u32, daily: bool) -> RunResult {
        let horizon = model.horizon as usize;
        let draws = copula::segment_draws(model, seed, run);
        let fixed = split_fixed_sources(model, seed, run);
        let mut total = RunResult::empty(model.stages.len(), if daily { horizon } else { 0 });
        total.sources = vec![SourceCounts::default(); model.sources.len()];
        for (g, (part, plan)) in self.parts.iter().enumerate() {
            let given = Given {
                rates: draws.rates[g].clone(),
                fixed: fixed.iter().map(|days| days[g].clone()).collect(),
            };
            let result = fast::run(plan, part, seed, run, daily, Some(&given));
            total.segments.push(SegmentCounts {
                leads: result.leads,
                cost: result.cost,
                customers: result.customers,
                repeat_purchases: result.repeat_purchases,
                revenue: result.revenue,
                entered: result.stages.iter().map(|s| s.entered).collect(),
                converted: result.stages.iter().map(|s| s.converted).collect(),
            });
            add(&mut total, &result);
        }
        total.unknowns = draws.unknowns;
        total
    }

    /// The closed-form expectations: the parts' added up.
    pub fn exact(&self, model: &Model) -> Exact {
        let mut within = empty_expectations(model);
        let mut unbounded = empty_expectations(model);
        for (part, plan) in &self.parts {
            let exact = super::exact::exact(plan, part);
            add_expectations(&mut within, &exact.within_horizon);
            add_expectations(&mut unbounded, &exact.unbounded);
        }
        Exact {
            within_horizon: within,
            unbounded,
        }
    }

    /// Each source's expected part within the horizon: its parts in every segment added up.
    pub fn by_source(&self, model: &Model) -> Vec<SourceExpectation> {
        let mut total = vec![SourceExpectation::default(); model.sources.len()];
        for (part, plan) in &self.parts {
            for (sum, one) in total.iter_mut().zip(super::exact::by_source(plan, part)) {
                add_source(sum, &one);
            }
        }
        total
    }

    /// Each segment's expected part within the horizon, in segment order.
    pub fn by_segment(&self) -> Vec<SourceExpectation> {
        self.parts
            .iter()
            .map(|(part, plan)| {
                let e = super::exact::exact(plan, part).within_horizon;
                SourceExpectation {
                    leads: e.leads,
                    cost: e.cost,
                    customers: e.customers,
                    purchases: e.purchases,
                    revenue: e.revenue,
                }
            })
            .collect()
    }
}

/// For each source, per segment, the segment's part of each active day's leads: drawn for a
/// source with a fixed count left to the shares (one multinomial a day, from the stream
/// `(s, i, Segments, source key)`), empty for every other source.
fn split_fixed_sources(model: &Model, seed: u64, run: u32) -> Vec<Vec<Vec<u64>>> {
    let segments = model.segments.len();
    let shares: Vec<f64> = model.segments.iter().map(|s| s.share).collect();
    model
        .sources
        .iter()
        .map(|source| {
            let ArrivalLaw::Fixed(count) = source.arrivals else {
                return vec![Vec::new(); segments];
            };
            if source.segment.is_some() || count == 0 {
                return vec![Vec::new(); segments];
            }
            let days = source.active_days() as usize;
            let mut split = vec![vec![0u64; days]; segments];
            let mut rng = stream(seed, run, Purpose::Segments, &source.stream_key);
            for day in 0..days {
                multinomial(&mut rng, count, &shares, |g, n| {
                    if let Some(slot) = split.get_mut(g).and_then(|d| d.get_mut(day)) {
                        *slot += n;
                    }
                });
            }
            split
        })
        .collect()
}

/// Adds a part's run into the total.
fn add(total: &mut RunResult, part: &RunResult) {
    total.leads += part.leads;
    total.cost += part.cost;
    total.customers += part.customers;
    total.repeat_purchases += part.repeat_purchases;
    total.revenue += part.revenue;
    for (sum, one) in total.stages.iter_mut().zip(&part.stages) {
        sum.entered += one.entered;
        sum.converted += one.converted;
        sum.failed += one.failed;
        sum.open += one.open;
        sum.nurtured += one.nurtured;
        sum.open_in_nurture += one.open_in_nurture;
        sum.reentered += one.reentered;
        sum.decision_days += one.decision_days;
    }
    for (sum, one) in total.new_customers.iter_mut().zip(&part.new_customers) {
        *sum = sum.saturating_add(*one);
    }
    for (sum, one) in total.revenue_by_day.iter_mut().zip(&part.revenue_by_day) {
        *sum += one;
    }
    for (sum, one) in total
        .days_to_purchase
        .iter_mut()
        .zip(&part.days_to_purchase)
    {
        *sum += one;
    }
    for (sum, one) in total.sources.iter_mut().zip(&part.sources) {
        sum.leads += one.leads;
        sum.cost += one.cost;
        sum.customers += one.customers;
        sum.repeat_purchases += one.repeat_purchases;
        sum.revenue += one.revenue;
    }
}

fn empty_expectations(model: &Model) -> Expectations {
    Expectations {
        stages: model
            .stages
            .iter()
            .map(|s| StageExpectation {
                name: s.name.clone(),
                entered: 0.0,
                converted: 0.0,
            })
            .collect(),
        ..Expectations::default()
    }
}

fn add_expectations(total: &mut Expectations, part: &Expectations) {
    total.leads += part.leads;
    total.cost += part.cost;
    total.customers += part.customers;
    total.purchases += part.purchases;
    total.revenue += part.revenue;
    for (sum, one) in total.stages.iter_mut().zip(&part.stages) {
        sum.entered += one.entered;
        sum.converted += one.converted;
    }
}

fn add_source(total: &mut SourceExpectation, part: &SourceExpectation) {
    total.leads += part.leads;
    total.cost += part.cost;
    total.customers += part.customers;
    total.purchases += part.purchases;
    total.revenue += part.revenue;
}
