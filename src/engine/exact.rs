//! Closed-form expectations: the same journey trees, walked with expected values instead of
//! draws, so a user can see the simulation agree with arithmetic.
//!
//! An uncertain rate is drawn once per run and shared by every lead, so a path that converts
//! `a` times and fails `b` times at one stage has expectation `E[p^a (1-p)^b]`, not
//! `E[p]^a E[1-p]^b`; each node carries those exponents and the laws give the moments. With
//! a `rate_correlation` above 0 the rates of different stages are dependent too, and the
//! moment of the whole monomial comes from the copula's quadrature (`copula::Moments`).
//!
//! A stage with a time to lose has two clocks: its conversions are cut by the winners'
//! (`decide`) and its re-entries from nurture by the losers' (the plan starts their nurture on
//! the day of failing), so the walk reads each node's odds as the plan gives them.

use super::copula::Moments;
use super::plan::{NodeKind, Plan, Root, RootArrivals};
use super::report::{Exact, Expectations, SourceExpectation, StageExpectation};
use crate::scenario::Model;

/// Expected totals of one walk.
struct Totals {
    entered: Vec<f64>,
    converted: Vec<f64>,
    customers: f64,
    repeats: f64,
    revenue: f64,
}

fn expectation_of_rates(
    model: &Model,
    monomial: &[(u32, u32)],
    extra: Option<(usize, bool)>,
    copula: Option<&Moments>,
) -> f64 {
    if let Some(copula) = copula {
        // Correlated rates: the joint moment, by quadrature (`copula.rs`).
        let mut exponents = monomial.to_vec();
        match extra {
            Some((at, true)) => exponents[at].0 += 1,
            Some((at, false)) => exponents[at].1 += 1,
            None => {}
        }
        return copula.moment(&exponents);
    }
    model
        .stages
        .iter()
        .zip(monomial)
        .enumerate()
        .map(|(k, (stage, &(a, b)))| {
            let (a, b) = match extra {
                Some((at, true)) if at == k => (a + 1, b),
                Some((at, false)) if at == k => (a, b + 1),
                _ => (a, b),
            };
            if a == 0 && b == 0 {
                1.0
            } else {
                stage.conversion.moment(a, b)
            }
        })
        .product()
}

fn walk(
    plan: &Plan,
    model: &Model,
    root: &Root,
    leads: f64,
    within_horizon: bool,
    totals: &mut Totals,
    copula: Option<&Moments>,
) {
    let nodes = &plan.trees[root.tree].nodes;
    for (index, node) in nodes.iter().enumerate() {
        let odds = plan.odds(root, index);
        let (enter, decide) = if within_horizon {
            (odds.enter, odds.decide)
        } else {
            (1.0, 1.0)
        };
        match node.kind {
            NodeKind::Stage { stage, .. } => {
                let base = leads * node.constant;
                totals.entered[stage] +=
                    base * enter * expectation_of_rates(model, &node.monomial, None, copula);
                let converted = base
                    * decide
                    * expectation_of_rates(model, &node.monomial, Some((stage, true)), copula);
                totals.converted[stage] += converted;
                if stage + 1 == model.stages.len() {
                    totals.customers += converted;
                }
                if let Some(value) = model.stages[stage].value {
                    totals.revenue += converted * value.mean();
                }
            }
            NodeKind::Repeat { order } => {
                let Some(retention) = &model.retention else {
                    continue;
                };
                // Entering repeat node `order` means the previous purchases happened: the
                // monomial of the customer's path, times repeat^(order - 1), with the last
                // stage's conversion already counted in the monomial.
                let reached = leads
                    * node.constant
                    * expectation_of_rates(model, &node.monomial, None, copula);
                let bought = reached * decide * retention.repeat.powi(order as i32);
                totals.repeats += bought;
                if let Some(value) = retention.value {
                    totals.revenue += bought * value.mean();
                }
            }
        }
    }
}

fn expectations(
    plan: &Plan,
    model: &Model,
    within_horizon: bool,
    copula: Option<&Moments>,
) -> Expectations {
    let stage_count = model.stages.len();
    let mut totals = Totals {
        entered: vec![0.0; stage_count],
        converted: vec![0.0; stage_count],
        customers: 0.0,
        repeats: 0.0,
        revenue: 0.0,
    };
    let mut leads = 0.0;
    let mut cost = 0.0;
    for root in &plan.roots {
        let source = &model.sources[root.source];
        let count = match root.arrivals {
            RootArrivals::Poisson { mean, .. } => mean,
            // A segment's part expects its share of a fixed source's leads.
            RootArrivals::Fixed { count, .. } => count as f64 * source.share,
        };
        leads += count;
        cost += count * source.cost_per_lead;
        walk(
            plan,
            model,
            root,
            count,
            within_horizon,
            &mut totals,
            copula,
        );
    }
    Expectations {
        leads,
        cost,
        customers: totals.customers,
        purchases: totals.customers + totals.repeats,
        revenue: totals.revenue,
        stages: model
            .stages
            .iter()
            .enumerate()
            .map(|(k, s)| StageExpectation {
                name: s.name.clone(),
                entered: totals.entered[k],
                converted: totals.converted[k],
            })
            .collect(),
    }
}

/// Expected values within the horizon (what the simulation estimates) and for leads
/// followed for ever.
pub(crate) fn exact(plan: &Plan, model: &Model) -> Exact {
    let copula = correlated(model);
    Exact {
        within_horizon: expectations(plan, model, true, copula.as_ref()),
        unbounded: expectations(plan, model, false, copula.as_ref()),
    }
}

/// The copula's moments when the model correlates its rates; `None` keeps the independent
/// moments of the laws (and the first arithmetic, to the last bit).
fn correlated(model: &Model) -> Option<Moments> {
    (model.rate_correlation > 0.0).then(|| Moments::of_model(model))
}

/// Each source's expected part within the horizon (figures per channel): the walk of its own
/// roots, so a customer and its purchases count for the source of its lead.
pub(crate) fn by_source(plan: &Plan, model: &Model) -> Vec<SourceExpectation> {
    let stage_count = model.stages.len();
    let mut parts = vec![SourceExpectation::default(); model.sources.len()];
    let copula = correlated(model);
    for root in &plan.roots {
        let source = &model.sources[root.source];
        let count = match root.arrivals {
            RootArrivals::Poisson { mean, .. } => mean,
            // A segment's part expects its share of a fixed source's leads.
            RootArrivals::Fixed { count, .. } => count as f64 * source.share,
        };
        let mut totals = Totals {
            entered: vec![0.0; stage_count],
            converted: vec![0.0; stage_count],
            customers: 0.0,
            repeats: 0.0,
            revenue: 0.0,
        };
        walk(plan, model, root, count, true, &mut totals, copula.as_ref());
        let part = &mut parts[root.source];
        part.leads += count;
        part.cost += count * source.cost_per_lead;
        part.customers += totals.customers;
        part.purchases += totals.customers + totals.repeats;
        part.revenue += totals.revenue;
    }
    parts
}
