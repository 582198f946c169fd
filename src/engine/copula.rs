//! Correlated rates (`rate_correlation`): the run's draws through a Gaussian copula, and the
//! exact moments of products of rates under it, by quadrature.
//!
//! With a correlation r in (0, 1), run `i` of seed `s` draws one lead-quality normal Z from
//! the stream keyed `(s, i, LeadQuality, "")` and, for each stage with an uncertain rate, one
//! normal e_k from the stream that draws that stage's rate without correlation (`(s, i, Rate,
//! stage name)`). The stage's rate is the quantile of its own law at the normal score
//! `z_k = sqrt(r) Z + sqrt(1 - r) e_k` (`RateLaw::at_score`): each rate keeps its law, and any
//! two have normal scores of correlation r. Draws are keyed by stage name, so two variants
//! that share the stage names and r share Z and every e_k (common random numbers), and a lever
//! on one stage (an adjusted law: the same score, its own quantile) leaves the others' rates
//! as they were. At r = 0 the engines keep their first, independent draws (`draws` gives the
//! fast engine's at any r, and what each run keeps for the report's variance shares).
//!
//! Moments: given Z the rates are independent, so `E[prod_k g_k(p_k)]` is
//! `E_Z[prod_k h_k(Z)]` with `h_k(z) = E_e[g_k(F_k^-1(Phi(sqrt(r) z + sqrt(1 - r) e)))]`; both
//! expectations over a standard normal are Gauss–Hermite sums of `NODES` nodes. The rates at
//! the `NODES^2` pairs of nodes are worked out once per stage, and each `h_k` once per stage
//! and exponents.

use std::cell::RefCell;
use std::collections::HashMap;

use rand::RngExt;
use rand_distr::StandardNormal;

use super::streams::{Purpose, stream};
use crate::scenario::{Model, RateLaw};

/// Gauss–Hermite nodes per normal. Up to r = 0.95, products of degree up to 5 per rate come
/// within 1e-6 of themselves; of degree 20 (a rate met with 20 conversions or failures, or
/// 10 of each) they peak in Z more narrowly than the nodes' spacing as r nears 1: within
/// 1e-3, and 1% for several such rates at once (the module's tests compare 48 with 96 nodes).
pub const NODES: usize = 48;

/// This run's conversion rate of each stage under the model's copula, in stage order (fixed
/// rates as they are); what the fast engine uses when `rate_correlation` is above 0.
pub fn rates(model: &Model, seed: u64, run: u32) -> Vec<f64> {
    correlated(model, seed, run).rates
}

/// One run's draws of the stages' rates.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Draws {
    /// Each stage's rate, in stage order (fixed rates as they are).
    pub rates: Vec<f64>,
    /// What `RunResult::unknowns` keeps: per uncertain stage its independent draw (the rate
    /// without correlation, its own normal e_k with), then with a correlation Z.
    pub unknowns: Vec<f64>,
}

/// The fast engine's rate draws for run `run` of seed `seed`: without correlation each
/// uncertain rate drawn by its own law from the stream `(s, i, Rate, stage name)`, with one
/// through the copula (`rates`).
pub fn draws(model: &Model, seed: u64, run: u32) -> Draws {
    if model.rate_correlation > 0.0 {
        return correlated(model, seed, run);
    }
    let mut unknowns = Vec::new();
    let rates = model
        .stages
        .iter()
        .map(|stage| {
            if stage.conversion.is_uncertain() {
                let rate =
                    stage
                        .conversion
                        .sample(&mut stream(seed, run, Purpose::Rate, &stage.name));
                unknowns.push(rate);
                rate
            } else {
                stage.conversion.mean()
            }
        })
        .collect();
    Draws { rates, unknowns }
}

/// One run's draws of every rate of a model cut into segments.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct SegmentDraws {
    /// Per segment, each stage's rate as that segment meets it, in stage order.
    pub rates: Vec<Vec<f64>>,
    /// What `RunResult::unknowns` keeps: per uncertain rate of `Model::uncertain_rates` its
    /// independent draw, then with a correlation Z.
    pub unknowns: Vec<f64>,
}

/// The rate draws of run `run` of seed `seed` for a model with segments: each rate of
/// `Model::uncertain_rates` drawn once, from the stream `(s, i, Rate, rate key)` (a base
/// stage's rate keyed by the stage's name as without segments, a segment's own by the stage's
/// and the segment's), through the copula when `rate_correlation` is above 0; every segment
/// that does not give a stage a rate of its own meets the base stage's draw.
pub(crate) fn segment_draws(model: &Model, seed: u64, run: u32) -> SegmentDraws {
    let uncertain = model.uncertain_rates();
    let r = model.rate_correlation.clamp(0.0, 1.0);
    let quality: Option<f64> = (r > 0.0 && !uncertain.is_empty())
        .then(|| stream(seed, run, Purpose::LeadQuality, "").sample(StandardNormal));
    let mut unknowns = Vec::with_capacity(uncertain.len() + 1);
    let values: Vec<f64> = uncertain
        .iter()
        .map(|&rate| {
            let law = model.rate_law(rate);
            let mut rng = stream(seed, run, Purpose::Rate, &model.rate_key(rate));
            match quality {
                Some(z) => {
                    let own: f64 = rng.sample(StandardNormal);
                    unknowns.push(own);
                    law.at_score(r.sqrt() * z + (1.0 - r).sqrt() * own)
                }
                None => {
                    let drawn = law.sample(&mut rng);
                    unknowns.push(drawn);
                    drawn
                }
            }
        })
        .collect();
    unknowns.extend(quality);
    SegmentDraws {
        rates: segment_rates(model, &uncertain, &values),
        unknowns,
    }
}

/// Each segment's rate of each stage, given the values drawn for `uncertain` (in its order).
pub(crate) fn segment_rates(
    model: &Model,
    uncertain: &[crate::scenario::RateRef],
    values: &[f64],
) -> Vec<Vec<f64>> {
    (0..model.segments.len())
        .map(|g| {
            (0..model.stages.len())
                .map(|k| {
                    let rate = model.rate_of(Some(g), k);
                    uncertain
                        .iter()
                        .position(|u| *u == rate)
                        .and_then(|i| values.get(i).copied())
                        .unwrap_or_else(|| model.rate_law(rate).mean())
                })
                .collect()
        })
        .collect()
}

fn correlated(model: &Model, seed: u64, run: u32) -> Draws {
    let r = model.rate_correlation.clamp(0.0, 1.0);
    let quality: f64 = stream(seed, run, Purpose::LeadQuality, "").sample(StandardNormal);
    let mut unknowns = Vec::new();
    let rates = model
        .stages
        .iter()
        .map(|stage| {
            if stage.conversion.is_uncertain() {
                let own: f64 = stream(seed, run, Purpose::Rate, &stage.name).sample(StandardNormal);
                unknowns.push(own);
                stage
                    .conversion
                    .at_score(r.sqrt() * quality + (1.0 - r).sqrt() * own)
            } else {
                stage.conversion.mean()
            }
        })
        .collect();
    if !unknowns.is_empty() {
        unknowns.push(quality);
    }
    Draws { rates, unknowns }
}

/// Nodes and weights of an expectation over one standard normal: `E[f(X)]` is about
/// `sum w f(x)`. The Hermite polynomials' roots by Newton's method from the usual starting
/// guesses (Numerical Recipes' `gauher`), scaled from the weight `exp(-x^2)` to the normal.
pub fn normal_rule(n: usize) -> Vec<(f64, f64)> {
    const PI_MINUS_QUARTER: f64 = 0.751_125_544_464_942_5;
    let mut nodes = vec![0.0; n];
    let mut weights = vec![0.0; n];
    let mut z = 0.0_f64;
    let nf = n as f64;
    for i in 0..n.div_ceil(2) {
        z = match i {
            0 => (2.0 * nf + 1.0).sqrt() - 1.855_75 * (2.0 * nf + 1.0).powf(-0.166_67),
            1 => z - 1.14 * nf.powf(0.426) / z,
            2 => 1.86 * z - 0.86 * nodes[0],
            3 => 1.91 * z - 0.91 * nodes[1],
            _ => 2.0 * z - nodes[i - 2],
        };
        let mut derivative = 1.0;
        for _ in 0..100 {
            let (mut p1, mut p2) = (PI_MINUS_QUARTER, 0.0);
            for j in 1..=n {
                let p3 = p2;
                p2 = p1;
                let jf = j as f64;
                p1 = z * (2.0 / jf).sqrt() * p2 - ((jf - 1.0) / jf).sqrt() * p3;
            }
            derivative = (2.0 * nf).sqrt() * p2;
            let previous = z;
            z = previous - p1 / derivative;
            if (z - previous).abs() <= 1e-15 * z.abs().max(1.0) {
                break;
            }
        }
        nodes[i] = z;
        nodes[n - 1 - i] = -z;
        weights[i] = 2.0 / (derivative * derivative);
        weights[n - 1 - i] = weights[i];
    }
    let scale = 1.0 / std::f64::consts::PI.sqrt();
    nodes
        .iter()
        .zip(&weights)
        .map(|(&x, &w)| (std::f64::consts::SQRT_2 * x, w * scale))
        .collect()
}

/// Exact moments of products of the stages' rates under a Gaussian copula.
#[derive(Debug)]
pub struct Moments {
    correlation: f64,
    laws: Vec<RateLaw>,
    rule: Vec<(f64, f64)>,
    /// Per stage with an uncertain rate, its rate at every pair (Z node, e node), Z-major.
    tables: Vec<Option<Vec<f64>>>,
    /// `h_k` at every Z node, per (stage, conversions, failures).
    conditional: RefCell<HashMap<(usize, u32, u32), Vec<f64>>>,
}

impl Moments {
    /// The moments of `laws` (one per stage) whose normal scores have correlation `r`.
    pub fn new(laws: &[RateLaw], r: f64) -> Moments {
        Moments::with_nodes(laws, r, NODES)
    }

    /// As `new`, with `nodes` Gauss–Hermite nodes per normal.
    pub fn with_nodes(laws: &[RateLaw], r: f64, nodes: usize) -> Moments {
        let correlation = if r.is_finite() {
            r.clamp(0.0, 1.0)
        } else {
            0.0
        };
        let rule = normal_rule(nodes.max(1));
        let (shared, own) = (correlation.sqrt(), (1.0 - correlation).sqrt());
        let tables = laws
            .iter()
            .map(|law| {
                (correlation > 0.0 && law.is_uncertain()).then(|| {
                    rule.iter()
                        .flat_map(|&(z, _)| {
                            rule.iter()
                                .map(move |&(e, _)| law.at_score(shared * z + own * e))
                        })
                        .collect()
                })
            })
            .collect();
        Moments {
            correlation,
            laws: laws.to_vec(),
            rule,
            tables,
            conditional: RefCell::new(HashMap::new()),
        }
    }

    /// The moments of a model's stage rates under its `rate_correlation`.
    pub fn of_model(model: &Model) -> Moments {
        let laws: Vec<RateLaw> = model.stages.iter().map(|s| s.conversion).collect();
        Moments::new(&laws, model.rate_correlation)
    }

    /// `E[prod_k p_k^a_k (1 - p_k)^b_k]`, `(a_k, b_k)` per stage in stage order (missing
    /// stages count as `(0, 0)`). Without correlation, the product of each law's own moment.
    pub fn moment(&self, exponents: &[(u32, u32)]) -> f64 {
        let mut by_node = vec![1.0; self.rule.len()];
        let mut constant = 1.0;
        for (k, &(a, b)) in exponents.iter().enumerate().take(self.laws.len()) {
            if a == 0 && b == 0 {
                continue;
            }
            match &self.tables[k] {
                None => constant *= self.laws[k].moment(a, b),
                Some(table) => {
                    let mut cache = self.conditional.borrow_mut();
                    let h = cache.entry((k, a, b)).or_insert_with(|| {
                        table
                            .chunks(self.rule.len())
                            .map(|row| {
                                row.iter()
                                    .zip(&self.rule)
                                    .map(|(&p, &(_, w))| {
                                        w * p.powi(a as i32) * (1.0 - p).powi(b as i32)
                                    })
                                    .sum::<f64>()
                            })
                            .collect()
                    });
                    for (value, &factor) in by_node.iter_mut().zip(h.iter()) {
                        *value *= factor;
                    }
                }
            }
        }
        let integral: f64 = by_node
            .iter()
            .zip(&self.rule)
            .map(|(&value, &(_, w))| w * value)
            .sum();
        (constant * integral).clamp(0.0, 1.0)
    }

    /// The correlation the moments are taken under.
    pub fn correlation(&self) -> f64 {
        self.correlation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_normal_rule_integrates_the_normal_moments() {
        let rule = normal_rule(NODES);
        let moment = |power: i32| rule.iter().map(|&(x, w)| w * x.powi(power)).sum::<f64>();
        assert!((moment(0) - 1.0).abs() < 1e-13, "{}", moment(0));
        assert!(moment(1).abs() < 1e-13);
        assert!((moment(2) - 1.0).abs() < 1e-12, "{}", moment(2));
        assert!((moment(4) - 3.0).abs() < 1e-11, "{}", moment(4));
        assert!((moment(8) - 105.0).abs() < 1e-8, "{}", moment(8));
    }

    #[test]
    fn moments_converge_in_the_nodes_and_reduce_to_the_laws_own() {
        let laws = [
            RateLaw::Beta {
                alpha: 0.5,
                beta: 0.5,
            },
            RateLaw::Uniform {
                low: 0.1,
                high: 0.9,
            },
            RateLaw::Beta {
                alpha: 30.0,
                beta: 70.0,
            },
            RateLaw::Fixed(0.4),
        ];
        for r in [0.3, 0.7, 0.95] {
            let coarse = Moments::new(&laws, r);
            let fine = Moments::with_nodes(&laws, r, 2 * NODES);
            for (exponents, tolerance) in [
                (vec![(1, 0), (1, 0), (1, 0), (1, 0)], 1e-6),
                (vec![(2, 1), (0, 3), (5, 0), (1, 1)], 1e-6),
                // Peaked in Z when the correlation is high: the limit of 48 nodes.
                (vec![(0, 20), (20, 0), (0, 0), (0, 0)], 1e-3),
                (vec![(10, 10), (0, 0), (0, 0), (0, 0)], 1e-3),
                (vec![(10, 10), (20, 0), (0, 0), (0, 0)], 0.01),
            ] {
                let (a, b) = (coarse.moment(&exponents), fine.moment(&exponents));
                assert!(
                    (a - b).abs() <= tolerance * b,
                    "r {r} {exponents:?}: {a} vs {b}"
                );
            }
            // One rate alone: its own moment, whatever the correlation.
            for (k, law) in laws.iter().enumerate() {
                let mut exponents = vec![(0, 0); laws.len()];
                exponents[k] = (2, 3);
                let (quadrature, own) = (coarse.moment(&exponents), law.moment(2, 3));
                assert!(
                    (quadrature - own).abs() < 1e-6 * own,
                    "{law:?}: {quadrature} vs {own}"
                );
            }
        }
    }
}
