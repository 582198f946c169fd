//! Runs until the forecast is precise enough: the chunk schedule of "Runs: automatic" and
//! `funnelcast run --precision`, as a sans-IO state machine that any driver (a loop, threads,
//! Web Workers) feeds with the revenue of the runs it was asked for.
//!
//! Architecture invariant: which runs are done depends only on the revenue of the runs done
//! before (hence on scenario, seed, tolerance and cap), never on timing or on how a chunk was
//! split, so the same scenario, seed and tolerance give the same runs and the same report.

use std::ops::Range;

use statrs::distribution::{Continuous, ContinuousCDF, Normal};

pub use super::report::{Outcome, RelativeErrors};
use super::summary::stats;

/// The first chunk, and the unit every later chunk is rounded up to.
pub const CHUNK: u32 = 500;

/// The most a later chunk multiplies the runs done: early estimates of the error are noisy,
/// so the schedule never trusts one for more than a fourfold growth.
const GROWTH: u32 = 4;

/// The largest tolerance accepted (10%); any tolerance above 0 is accepted below it (a tiny
/// one runs until the cap).
pub const MAX_TOLERANCE: f64 = 0.1;

impl RelativeErrors {
    /// The largest of the three.
    pub fn worst(&self) -> f64 {
        self.mean.max(self.p5).max(self.p95)
    }

    /// The errors of the revenue figures of `revenue` (one value per run, any order).
    pub fn of(revenue: &[f64]) -> RelativeErrors {
        let summary = stats(revenue);
        let mut sorted = revenue.to_vec();
        sorted.sort_by(f64::total_cmp);
        let se = summary.sd / (revenue.len().max(1) as f64).sqrt();
        RelativeErrors {
            mean: relative(se, summary.mean),
            p5: relative(quantile_se(&sorted, 0.05), summary.p5),
            p95: relative(quantile_se(&sorted, 0.95), summary.p95),
        }
    }
}

/// The standard error of the sample `q` quantile of `sorted`: √(q (1 − q) / n) times the
/// sparsity (the inverse density) at the quantile, estimated from the quantiles at q ∓ h with
/// the Hall–Sheather bandwidth h (the estimate quantile regression uses for its standard
/// errors). Unlike the width of the order-statistics interval, it keeps falling with the runs
/// when revenue takes few distinct values (small cohorts, fixed values), so the rule can stop.
pub fn quantile_se(sorted: &[f64], q: f64) -> f64 {
    let n = sorted.len();
    if n < 2 {
        return if n == 1 { f64::INFINITY } else { 0.0 };
    }
    let normal = Normal::standard();
    let z = normal.inverse_cdf(0.975);
    let zq = normal.inverse_cdf(q);
    let h = (n as f64).powf(-1.0 / 3.0)
        * z.powf(2.0 / 3.0)
        * (1.5 * normal.pdf(zq).powi(2) / (2.0 * zq * zq + 1.0)).powf(1.0 / 3.0);
    let (low, high) = ((q - h).max(0.0), (q + h).min(1.0));
    let sparsity = (interpolated(sorted, high) - interpolated(sorted, low)) / (high - low);
    sparsity * (q * (1.0 - q) / n as f64).sqrt()
}

/// The `q` quantile of sorted values, interpolated between order statistics.
fn interpolated(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    sorted[below] + (sorted[above] - sorted[below]) * (position - below as f64)
}

/// `error / |value|`, where a figure known exactly (no error at all) counts as precise even
/// at zero, and an uncertain zero never does.
fn relative(error: f64, value: f64) -> f64 {
    if error == 0.0 {
        0.0
    } else if value == 0.0 || !value.is_finite() || !error.is_finite() {
        f64::INFINITY
    } else {
        error / value.abs()
    }
}

/// A tolerance not above 0 and at most [`MAX_TOLERANCE`], or a cap of zero runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum AutomaticError {
    Tolerance(f64),
    Cap,
}

impl std::fmt::Display for AutomaticError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AutomaticError::Tolerance(tolerance) => write!(
                f,
                "the precision must be above 0% and at most {}% (got {}%)",
                MAX_TOLERANCE * 100.0,
                tolerance * 100.0
            ),
            AutomaticError::Cap => write!(f, "the most runs must be at least 1"),
        }
    }
}

/// The schedule: ask [`Automatic::next`] for the runs to do, give their revenue in run order
/// to [`Automatic::record`], until `next` says `None`.
#[derive(Debug, Clone)]
pub struct Automatic {
    tolerance: f64,
    cap: u32,
    revenue: Vec<f64>,
    errors: Option<RelativeErrors>,
}

impl Automatic {
    /// # Errors
    /// A tolerance not above 0 and at most [`MAX_TOLERANCE`] (or not a number), or a cap of 0.
    pub fn new(tolerance: f64, cap: u32) -> Result<Automatic, AutomaticError> {
        if !(tolerance > 0.0 && tolerance <= MAX_TOLERANCE) {
            return Err(AutomaticError::Tolerance(tolerance));
        }
        if cap == 0 {
            return Err(AutomaticError::Cap);
        }
        Ok(Automatic {
            tolerance,
            cap,
            revenue: Vec::new(),
            errors: None,
        })
    }

    /// The runs done so far.
    pub fn done(&self) -> u32 {
        self.revenue.len() as u32
    }

    /// The next chunk of runs to do, or `None` when the precision is reached or the cap is.
    pub fn next(&self) -> Option<Range<u32>> {
        let done = self.done();
        if done >= self.cap {
            return None;
        }
        let total = match self.errors {
            None => CHUNK,
            Some(errors) => {
                let worst = errors.worst();
                if worst < self.tolerance {
                    return None;
                }
                // The error falls as 1/√runs: the runs that would bring it to the tolerance,
                // a tenth more for the estimate's own noise, in whole chunks.
                let needed = f64::from(done) * (worst / self.tolerance).powi(2) * 1.1;
                let needed = if needed.is_finite() {
                    needed.min(f64::from(u32::MAX)) as u32
                } else {
                    u32::MAX
                };
                let rounded = needed.div_ceil(CHUNK).saturating_mul(CHUNK);
                rounded.clamp(done + CHUNK, done.saturating_mul(GROWTH))
            }
        };
        Some(done..total.min(self.cap))
    }

    /// Records the revenue of the chunk [`Automatic::next`] gave, in run order.
    ///
    /// # Panics
    /// Never: a chunk of the wrong length is recorded as it is (the driver's bug shows as a
    /// different number of runs, not as a crash).
    pub fn record(&mut self, revenue: &[f64]) {
        self.revenue.extend_from_slice(revenue);
        self.errors = Some(RelativeErrors::of(&self.revenue));
    }

    /// How it ended (or stands): the tolerance, the cap, whether it was reached, the errors.
    pub fn outcome(&self) -> Outcome {
        let relative_errors = self.errors.unwrap_or_default();
        Outcome {
            tolerance: self.tolerance,
            cap: self.cap,
            reached: self.errors.is_some() && relative_errors.worst() < self.tolerance,
            relative_errors,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_errors_by_hand() {
        // 1..=100: mean 50.5, sd = sqrt(100·101/12) = 29.011; se = 2.9011; relative 0.057447.
        let values: Vec<f64> = (1..=100).map(f64::from).collect();
        let errors = RelativeErrors::of(&values);
        assert!(
            (errors.mean - 2.901_149_8 / 50.5).abs() < 1e-6,
            "{errors:?}"
        );
        // Hall–Sheather at q = 0.05, n = 100: z = 1.96, z_q = −1.6449, φ(z_q) = 0.103136;
        // h = 100^(−1/3) · 1.96^(2/3) · (1.5 · 0.103136² / (2 · 1.6449² + 1))^(1/3)
        //   = 0.215443 · 1.566084 · 0.135520 = 0.045726. The values are evenly
        // spaced (one per 1/99 of probability), so the sparsity is 99 exactly, and the standard
        // error is 99 · √(0.05 · 0.95 / 100) = 2.15766, over p5 = 5.95.
        let h = 100f64.powf(-1.0 / 3.0)
            * 1.959_964f64.powf(2.0 / 3.0)
            * (1.5 * 0.103_136_1f64.powi(2) / (2.0 * 1.644_854f64.powi(2) + 1.0)).powf(1.0 / 3.0);
        assert!((h - 0.045_726).abs() < 1e-5, "h = {h}");
        assert!(
            (errors.p5 - 99.0 * 0.021_794_5 / 5.95).abs() < 1e-4,
            "{errors:?}"
        );
        assert!(
            (errors.p95 - 99.0 * 0.021_794_5 / 95.05).abs() < 1e-5,
            "{errors:?}"
        );
    }

    #[test]
    fn the_quantile_error_matches_the_spread_of_sample_quantiles() {
        // 400 samples of 2,000 exponential values: the sd of their sample p95 against the mean
        // of the estimated standard errors. Theory: √(0.05·0.95/2000)/f(q95) = 0.004873 / 0.05
        // = 0.09747 for the unit exponential (f(q95) = 1 − 0.95).
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(5);
        let (mut quantiles, mut errors) = (Vec::new(), Vec::new());
        for _ in 0..400 {
            let mut values: Vec<f64> = (0..2000)
                .map(|_| -(1.0_f64 - rng.random::<f64>()).ln())
                .collect();
            values.sort_by(f64::total_cmp);
            quantiles.push(interpolated(&values, 0.95));
            errors.push(quantile_se(&values, 0.95));
        }
        let spread = stats(&quantiles).sd;
        let estimated = stats(&errors).mean;
        assert!(
            (spread - 0.097_47).abs() < 0.012,
            "sd of sample quantiles {spread}"
        );
        assert!(
            (estimated - 0.097_47).abs() < 0.008,
            "estimated error {estimated}"
        );
    }

    #[test]
    fn on_few_distinct_values_the_error_still_falls_with_the_runs() {
        // Revenue on a lattice (0, 100, ..., 1900, 5% on each) puts p5 on the jump from 0 to
        // 100: the order-statistics interval stays one step wide whatever the runs, but the
        // standard error, 100 / 2h · √(0.05 · 0.95 / n), falls as n^(−1/6) (h ∝ n^(−1/3)):
        // 64 times the runs halve it.
        let lattice = |n: usize| {
            let mut values: Vec<f64> = (0..n)
                .map(|i| 100.0 * ((i * 7919 % n) as f64 / n as f64 * 20.0).floor())
                .collect();
            values.sort_by(f64::total_cmp);
            values
        };
        let small = quantile_se(&lattice(2_000), 0.05);
        let large = quantile_se(&lattice(128_000), 0.05);
        assert!(large < small / 1.9, "{small} -> {large}");
    }

    #[test]
    fn a_figure_known_exactly_is_precise_and_an_uncertain_zero_never_is() {
        assert_eq!(RelativeErrors::of(&[0.0; 50]).worst(), 0.0);
        assert_eq!(RelativeErrors::of(&[7.0; 50]).worst(), 0.0);
        let mut mostly_zero = vec![0.0; 100];
        mostly_zero[99] = 10.0;
        mostly_zero[98] = 20.0;
        assert_eq!(RelativeErrors::of(&mostly_zero).p95, f64::INFINITY);
    }

    #[test]
    fn the_schedule_grows_towards_the_runs_needed_and_stops() {
        let mut automatic = Automatic::new(0.005, 100_000).unwrap();
        assert_eq!(automatic.next(), Some(0..500));
        // Values spread evenly over 100 ± 34.6 (sd 20): after 500 runs the mean's relative
        // error is 0.2/√500 ≈ 0.9% and p5's about √(0.05·0.95/500)·69.2/68.9 ≈ 1%, so about
        // 500·(1/0.5)²·1.1 ≈ 2,100 runs are needed: the next chunk stops at four times those
        // done.
        let value = |i: u32| 100.0 + 20.0 * ((f64::from(i) * 0.618_034).fract() - 0.5) * 3.46;
        automatic.record(&(0..500).map(value).collect::<Vec<_>>());
        let next = automatic.next().unwrap();
        assert_eq!(next.start, 500);
        assert!(next.end > 1000 && next.end <= 2000, "{next:?}");
        assert!(next.end.is_multiple_of(CHUNK));
        let mut guard = 0;
        while let Some(range) = automatic.next() {
            automatic.record(&range.clone().map(value).collect::<Vec<_>>());
            guard += 1;
            assert!(guard < 20);
        }
        let outcome = automatic.outcome();
        assert!(outcome.reached, "{outcome:?}");
        assert!(outcome.relative_errors.worst() < 0.005);
        assert!(automatic.done() < 100_000);
    }

    #[test]
    fn the_cap_stops_what_cannot_be_reached() {
        let mut automatic = Automatic::new(0.001, 1_200).unwrap();
        let mut chunks = Vec::new();
        while let Some(range) = automatic.next() {
            chunks.push(range.clone());
            // Mostly zero revenue: p5 is an uncertain zero, never precise.
            let revenue: Vec<f64> = range
                .map(|i| if i % 3 == 0 { 0.0 } else { f64::from(i % 7) })
                .collect();
            automatic.record(&revenue);
        }
        assert_eq!(chunks, vec![0..500, 500..1200]);
        assert_eq!(automatic.done(), 1_200);
        assert!(!automatic.outcome().reached);
    }

    #[test]
    fn bad_tolerances_and_caps_are_refused() {
        assert_eq!(
            Automatic::new(0.0, 10).unwrap_err(),
            AutomaticError::Tolerance(0.0)
        );
        assert!(Automatic::new(f64::NAN, 10).is_err());
        assert!(Automatic::new(0.6, 10).is_err());
        assert_eq!(Automatic::new(0.01, 0).unwrap_err(), AutomaticError::Cap);
        assert_eq!(
            AutomaticError::Tolerance(0.6).to_string(),
            "the precision must be above 0% and at most 10% (got 60%)"
        );
    }
}
