//! Validated probability laws: conversion rates, delays in whole days and order values.
//!
//! Each law knows its exact moments (for the closed-form expectations), its discretised
//! probabilities (for the fast engine) and how to draw one value (for the per-lead reference).
//! Architecture invariant: the caller owns the random generator; nothing here keeps state.

use rand::{Rng, RngExt};
use rand_distr::{Beta, Distribution, Exp, Gamma, LogNormal};
use statrs::function::{erf, gamma};

/// A validated conversion rate law.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RateLaw {
    Fixed(f64),
    Beta {
        alpha: f64,
        beta: f64,
    },
    Uniform {
        low: f64,
        high: f64,
    },
    /// An uncertain law whose every draw `p` is moved to `clamp(offset + scale * p, 0, 1)`
    /// (`scale > 0`): what a lever does to an uncertain rate (`decisions`), so a variant draws
    /// the same underlying `p` as its baseline in every run (common random numbers). Never
    /// built by validation.
    Adjusted {
        law: BaseRate,
        offset: f64,
        scale: f64,
    },
}

/// The uncertain laws an adjusted rate starts from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum BaseRate {
    Beta { alpha: f64, beta: f64 },
    Uniform { low: f64, high: f64 },
}

impl BaseRate {
    fn law(self) -> RateLaw {
        match self {
            BaseRate::Beta { alpha, beta } => RateLaw::Beta { alpha, beta },
            BaseRate::Uniform { low, high } => RateLaw::Uniform { low, high },
        }
    }

    /// `P(p <= x)`.
    fn cdf(self, x: f64) -> f64 {
        match self {
            BaseRate::Beta { alpha, beta } => {
                statrs::function::beta::checked_beta_reg(alpha, beta, x.clamp(0.0, 1.0))
                    .unwrap_or(if x < alpha / (alpha + beta) { 0.0 } else { 1.0 })
            }
            BaseRate::Uniform { low, high } => {
                if high - low < 1e-12 {
                    if x < low { 0.0 } else { 1.0 }
                } else {
                    ((x - low) / (high - low)).clamp(0.0, 1.0)
                }
            }
        }
    }

    /// `E[p^i; x0 < p <= x1]`: a partial moment.
    fn partial_moment(self, i: u32, x0: f64, x1: f64) -> f64 {
        if x1 <= x0 {
            return 0.0;
        }
        match self {
            BaseRate::Beta { alpha, beta } => {
                // p^i f(p) is B(alpha + i, beta) / B(alpha, beta) times the Beta(alpha + i,
                // beta) density.
                let mut ratio = 1.0;
                for k in 0..i {
                    ratio *= (alpha + f64::from(k)) / (alpha + beta + f64::from(k));
                }
                let shifted = BaseRate::Beta {
                    alpha: alpha + f64::from(i),
                    beta,
                };
                ratio * (shifted.cdf(x1) - shifted.cdf(x0))
            }
            BaseRate::Uniform { low, high } => {
                if high - low < 1e-12 {
                    return if x0 < low && low <= x1 {
                        low.powi(i as i32)
                    } else {
                        0.0
                    };
                }
                let (x0, x1) = (x0.clamp(low, high), x1.clamp(low, high));
                let power = i as i32 + 1;
                (x1.powi(power) - x0.powi(power)) / (f64::from(i + 1) * (high - low))
            }
        }
    }
}

/// The coefficients of `(c0 + c1 x)^n`, lowest power first.
fn linear_power(c0: f64, c1: f64, n: u32) -> Vec<f64> {
    let mut coefficients = vec![1.0];
    for _ in 0..n {
        let mut next = vec![0.0; coefficients.len() + 1];
        for (k, &c) in coefficients.iter().enumerate() {
            next[k] += c * c0;
            next[k + 1] += c * c1;
        }
        coefficients = next;
    }
    coefficients
}

impl RateLaw {
    /// The expected rate.
    pub fn mean(&self) -> f64 {
        match *self {
            RateLaw::Fixed(p) => p,
            RateLaw::Beta { alpha, beta } => alpha / (alpha + beta),
            RateLaw::Uniform { low, high } => 0.5 * (low + high),
            RateLaw::Adjusted { .. } => self.moment(1, 0),
        }
    }

    /// The rate below which 5% of draws fall, and the one above which 5% fall.
    pub fn interval90(&self) -> (f64, f64) {
        use statrs::distribution::{ContinuousCDF, Uniform as StatUniform};
        match *self {
            RateLaw::Fixed(p) => (p, p),
            RateLaw::Beta { alpha, beta } => beta_interval90(alpha, beta),
            RateLaw::Uniform { low, high } => match StatUniform::new(low, high) {
                Ok(law) => (law.inverse_cdf(0.05), law.inverse_cdf(0.95)),
                Err(_) => (low, high),
            },
            RateLaw::Adjusted { law, offset, scale } => {
                // The adjustment is increasing, so it maps quantiles to quantiles.
                let (low, high) = law.law().interval90();
                let adjust = |p: f64| (offset + scale * p).clamp(0.0, 1.0);
                (adjust(low), adjust(high))
            }
        }
    }

    /// `E[p^a (1 - p)^b]`: the exact mean of a product of conversions and failures at one stage.
    pub fn moment(&self, a: u32, b: u32) -> f64 {
        match *self {
            RateLaw::Fixed(p) => p.powi(a as i32) * (1.0 - p).powi(b as i32),
            RateLaw::Beta { alpha, beta } => {
                // B(alpha + a, beta + b) / B(alpha, beta) as a product of rising factors.
                let mut value = 1.0;
                for i in 0..a {
                    value *= (alpha + f64::from(i)) / (alpha + beta + f64::from(i));
                }
                for j in 0..b {
                    value *= (beta + f64::from(j)) / (alpha + beta + f64::from(a + j));
                }
                value
            }
            RateLaw::Uniform { low, high } => {
                if high - low < 1e-12 {
                    return RateLaw::Fixed(low).moment(a, b);
                }
                // Expand (1 - p)^b and integrate each power of p over [low, high].
                let mut total = 0.0;
                let mut binomial = 1.0;
                for j in 0..=b {
                    let power = (a + j + 1) as i32;
                    let integral = (high.powi(power) - low.powi(power)) / f64::from(a + j + 1);
                    let sign = if j % 2 == 0 { 1.0 } else { -1.0 };
                    total += sign * binomial * integral;
                    binomial = binomial * f64::from(b - j) / f64::from(j + 1);
                }
                total / (high - low)
            }
            RateLaw::Adjusted { law, offset, scale } => {
                if scale <= 0.0 {
                    return RateLaw::Fixed(offset.clamp(0.0, 1.0)).moment(a, b);
                }
                // q = 0 for p <= t0, q = 1 for p >= t1, q = offset + scale p in between.
                let t0 = -offset / scale;
                let t1 = (1.0 - offset) / scale;
                let below = law.cdf(t0);
                let above = 1.0 - law.cdf(t1);
                let mut total = 0.0;
                if a == 0 {
                    total += below;
                }
                if b == 0 {
                    total += above;
                }
                let up = linear_power(offset, scale, a);
                let down = linear_power(1.0 - offset, -scale, b);
                for (i, &u) in up.iter().enumerate() {
                    for (j, &d) in down.iter().enumerate() {
                        total += u * d * law.partial_moment((i + j) as u32, t0, t1);
                    }
                }
                total.clamp(0.0, 1.0)
            }
        }
    }

    /// Draws the rate for one run.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match *self {
            RateLaw::Fixed(p) => p,
            RateLaw::Beta { alpha, beta } => match Beta::new(alpha, beta) {
                Ok(law) => law.sample(rng).clamp(0.0, 1.0),
                Err(_) => self.mean(),
            },
            RateLaw::Uniform { low, high } => low + (high - low) * rng.random::<f64>(),
            RateLaw::Adjusted { law, offset, scale } => {
                // The same draws as the law itself, moved: coupled with the unadjusted rate.
                (offset + scale * law.law().sample(rng)).clamp(0.0, 1.0)
            }
        }
    }

    /// The law with every draw `p` moved to `clamp(offset + scale * p, 0, 1)` (`scale > 0`):
    /// a fixed rate stays fixed; an uncertain rate keeps its draws (common random numbers).
    pub fn adjusted(&self, offset: f64, scale: f64) -> RateLaw {
        let scale = scale.max(0.0);
        match *self {
            RateLaw::Fixed(p) => RateLaw::Fixed((offset + scale * p).clamp(0.0, 1.0)),
            RateLaw::Beta { alpha, beta } => RateLaw::Adjusted {
                law: BaseRate::Beta { alpha, beta },
                offset,
                scale,
            },
            RateLaw::Uniform { low, high } => RateLaw::Adjusted {
                law: BaseRate::Uniform { low, high },
                offset,
                scale,
            },
            // Composed without the inner clamp: exact unless the inner clamp was reached.
            RateLaw::Adjusted {
                law,
                offset: inner_offset,
                scale: inner_scale,
            } => RateLaw::Adjusted {
                law,
                offset: offset + scale * inner_offset,
                scale: scale * inner_scale,
            },
        }
    }

    /// Whether the rate is drawn anew each run.
    pub fn is_uncertain(&self) -> bool {
        !matches!(self, RateLaw::Fixed(_))
    }
}

/// A validated delay law, in whole days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DelayLaw {
    Fixed(u32),
    Uniform {
        min: u32,
        max: u32,
    },
    /// Continuous laws are rounded to the nearest whole day.
    Exponential {
        mean: f64,
    },
    Lognormal {
        median: f64,
        sigma: f64,
    },
    Gamma {
        shape: f64,
        scale: f64,
    },
}

impl DelayLaw {
    /// Probability that the continuous law is below `x` (0 for the discrete ones).
    fn continuous_cdf(&self, x: f64) -> f64 {
        if x <= 0.0 {
            return 0.0;
        }
        match *self {
            DelayLaw::Exponential { mean } => {
                if mean <= 0.0 {
                    1.0
                } else {
                    -(-x / mean).exp_m1()
                }
            }
            DelayLaw::Lognormal { median, sigma } => {
                if sigma <= 0.0 {
                    if x > median { 1.0 } else { 0.0 }
                } else {
                    let z = (x.ln() - median.ln()) / sigma;
                    0.5 * erf::erfc(-z / std::f64::consts::SQRT_2)
                }
            }
            DelayLaw::Gamma { shape, scale } => gamma::gamma_lr(shape, x / scale),
            DelayLaw::Fixed(_) | DelayLaw::Uniform { .. } => 0.0,
        }
    }

    /// `P(D = d)` for `d` in `0..len`; the rest of the mass lies at `len` days or later.
    pub fn pmf(&self, len: usize) -> Vec<f64> {
        let mut pmf = vec![0.0; len];
        match *self {
            DelayLaw::Fixed(d) => {
                if let Some(slot) = pmf.get_mut(d as usize) {
                    *slot = 1.0;
                }
            }
            DelayLaw::Uniform { min, max } => {
                let share = 1.0 / f64::from(max - min + 1);
                for d in min..=max {
                    match pmf.get_mut(d as usize) {
                        Some(slot) => *slot = share,
                        None => break,
                    }
                }
            }
            _ => {
                // Rounding to the nearest day: D = d when d - 0.5 <= X < d + 0.5.
                let mut below = 0.0;
                for (d, slot) in pmf.iter_mut().enumerate() {
                    let upper = self.continuous_cdf(d as f64 + 0.5);
                    *slot = (upper - below).max(0.0);
                    below = upper;
                }
            }
        }
        pmf
    }

    /// `(P(D = d), P(D > d))` of the whole-day delay `D` at one day: what `pmf` gives at `d`
    /// and one minus its sum up to `d`, computed at that day alone (so a fit can read the few
    /// days a history holds, however far apart, without a table of every day up to them).
    pub fn at_day(&self, d: u32) -> (f64, f64) {
        match *self {
            DelayLaw::Fixed(fixed) => (
                f64::from(u8::from(d == fixed)),
                f64::from(u8::from(d < fixed)),
            ),
            DelayLaw::Uniform { min, max } => {
                let count = f64::from(max - min + 1);
                let at = if (min..=max).contains(&d) {
                    1.0 / count
                } else {
                    0.0
                };
                let above = if d < min {
                    1.0
                } else if d >= max {
                    0.0
                } else {
                    f64::from(max - d) / count
                };
                (at, above)
            }
            _ => {
                // Rounding to the nearest day, as `pmf`: D = d when d - 0.5 <= X < d + 0.5.
                let upper = self.continuous_cdf(f64::from(d) + 0.5);
                let below = if d == 0 {
                    0.0
                } else {
                    self.continuous_cdf(f64::from(d) - 0.5)
                };
                ((upper - below).max(0.0), (1.0 - upper).max(0.0))
            }
        }
    }

    /// The mean delay in days (of the law before rounding, for display).
    pub fn mean_days(&self) -> f64 {
        match *self {
            DelayLaw::Fixed(d) => f64::from(d),
            DelayLaw::Uniform { min, max } => 0.5 * f64::from(min + max),
            DelayLaw::Exponential { mean } => mean,
            DelayLaw::Lognormal { median, sigma } => median * (0.5 * sigma * sigma).exp(),
            DelayLaw::Gamma { shape, scale } => shape * scale,
        }
    }

    /// Draws one delay in whole days.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> u64 {
        let continuous = match *self {
            DelayLaw::Fixed(d) => return u64::from(d),
            DelayLaw::Uniform { min, max } => {
                return rng.random_range(u64::from(min)..=u64::from(max));
            }
            DelayLaw::Exponential { mean } => {
                if mean <= 0.0 {
                    return 0;
                }
                match Exp::new(1.0 / mean) {
                    Ok(law) => law.sample(rng),
                    Err(_) => mean,
                }
            }
            DelayLaw::Lognormal { median, sigma } => match LogNormal::new(median.ln(), sigma) {
                Ok(law) => law.sample(rng),
                Err(_) => median,
            },
            DelayLaw::Gamma { shape, scale } => match Gamma::new(shape, scale) {
                Ok(law) => law.sample(rng),
                Err(_) => shape * scale,
            },
        };
        // Saturating conversion: a delay beyond u64 days is simply beyond any horizon.
        continuous.round() as u64
    }
}

/// A validated law of the value booked per conversion or repeat purchase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ValueLaw {
    Fixed(f64),
    Uniform { low: f64, high: f64 },
    Lognormal { mean: f64, sd: f64 },
}

impl ValueLaw {
    /// The expected value of one purchase.
    pub fn mean(&self) -> f64 {
        match *self {
            ValueLaw::Fixed(x) => x,
            ValueLaw::Uniform { low, high } => 0.5 * (low + high),
            ValueLaw::Lognormal { mean, .. } => mean,
        }
    }

    /// The variance of one purchase's value.
    pub fn variance(&self) -> f64 {
        match *self {
            ValueLaw::Fixed(_) => 0.0,
            ValueLaw::Uniform { low, high } => (high - low).powi(2) / 12.0,
            ValueLaw::Lognormal { sd, .. } => sd * sd,
        }
    }

    /// Draws one purchase's value.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match *self {
            ValueLaw::Fixed(x) => x,
            ValueLaw::Uniform { low, high } => low + (high - low) * rng.random::<f64>(),
            ValueLaw::Lognormal { mean, sd } => {
                if sd <= 0.0 {
                    return mean;
                }
                let sigma2 = (1.0 + (sd / mean).powi(2)).ln();
                match LogNormal::new(mean.ln() - 0.5 * sigma2, sigma2.sqrt()) {
                    Ok(law) => law.sample(rng),
                    Err(_) => mean,
                }
            }
        }
    }
}

/// The 5% and 95% quantiles of the beta law, by bisection on its distribution function.
///
/// Not statrs' `inverse_cdf`: its inverse (Newton steps, algorithm AS 109) does not
/// terminate for lopsided laws such as Beta(1e9, 1), which "999999999 of 999999999" gives,
/// and the editor calls this on every keystroke (found by the app model's property tests). Bisection on the regularised incomplete beta
/// function (a bounded continued fraction) always ends, after 128 halvings; it agrees with an
/// independent computation to a millionth of the interval's width up to parameters of 1e5.
/// Beyond that the continued fraction stops converging, and the law is normal to within its
/// skewness: both parameters above `NORMAL_FROM` use the Cornish–Fisher expansion (the normal
/// quantile corrected for skewness), whose error there is about 1e-5 of a standard deviation.
/// Invalid parameters give the mean at both ends, as `interval90` does.
fn beta_interval90(alpha: f64, beta: f64) -> (f64, f64) {
    use statrs::function::beta::checked_beta_reg;
    /// Both parameters above this: the skew-corrected normal quantile.
    const NORMAL_FROM: f64 = 1e5;
    /// The standard normal law's 95% quantile.
    const Z95: f64 = 1.644_853_626_951_472_2;
    if alpha > NORMAL_FROM && beta > NORMAL_FROM && alpha.is_finite() && beta.is_finite() {
        let total = alpha + beta;
        let mean = alpha / total;
        let sd = (alpha * beta / (total * total * (total + 1.0))).sqrt();
        let skewness =
            2.0 * (beta - alpha) * (total + 1.0).sqrt() / ((total + 2.0) * (alpha * beta).sqrt());
        let quantile = |z: f64| (mean + sd * (z + (z * z - 1.0) * skewness / 6.0)).clamp(0.0, 1.0);
        return (quantile(-Z95), quantile(Z95));
    }
    let quantile = |level: f64| -> Option<f64> {
        let (mut low, mut high) = (0.0_f64, 1.0_f64);
        for _ in 0..128 {
            let middle = 0.5 * (low + high);
            if checked_beta_reg(alpha, beta, middle).ok()? < level {
                low = middle;
            } else {
                high = middle;
            }
        }
        Some(0.5 * (low + high))
    };
    match (quantile(0.05), quantile(0.95)) {
        (Some(p5), Some(p95)) => (p5, p95),
        _ => {
            let mean = alpha / (alpha + beta);
            (mean, mean)
        }
    }
}

impl RateLaw {
    /// The rate whose normal score is `z`: `F^-1(Phi(z))`, with F this law, what the Gaussian
    /// copula of `rate_correlation` draws (`z` is the run's correlated normal). Increasing in
    /// `z`; each tail is worked out from its own side (`Phi(-z)` above the median), so scores
    /// far out keep their precision. An adjusted law moves the quantile of its own base law,
    /// so a lever keeps the copula's draws as it keeps the independent ones.
    pub fn at_score(&self, z: f64) -> f64 {
        match *self {
            RateLaw::Fixed(p) => p,
            RateLaw::Beta { alpha, beta } => beta_at_score(alpha, beta, z),
            RateLaw::Uniform { low, high } => {
                let (below, above) = normal_tails(z);
                let p = if z <= 0.0 {
                    low + (high - low) * below
                } else {
                    high - (high - low) * above
                };
                p.clamp(low, high)
            }
            RateLaw::Adjusted { law, offset, scale } => {
                (offset + scale * law.law().at_score(z)).clamp(0.0, 1.0)
            }
        }
    }
}

/// `(Phi(z), 1 - Phi(z))`, each from its own complementary error function.
fn normal_tails(z: f64) -> (f64, f64) {
    let below = 0.5 * erf::erfc(-z / std::f64::consts::SQRT_2);
    let above = 0.5 * erf::erfc(z / std::f64::consts::SQRT_2);
    (below, above)
}

/// The beta law's quantile at the normal score `z`. Not statrs' `inverse_cdf` (AS 109's
/// Newton steps, which do not terminate on lopsided laws, see `beta_interval90`): a Newton
/// iteration kept inside a shrinking bracket, falling back to halving it, that always ends;
/// both parameters above `1e5`, the Cornish–Fisher expansion, as for the 90% interval.
/// Invalid parameters or a score that is not a number give the mean.
fn beta_at_score(alpha: f64, beta: f64, z: f64) -> f64 {
    const NORMAL_FROM: f64 = 1e5;
    let valid = alpha > 0.0 && beta > 0.0 && alpha.is_finite() && beta.is_finite();
    if !valid {
        return 0.5;
    }
    let mean = alpha / (alpha + beta);
    if z.is_nan() {
        return mean;
    }
    if alpha > NORMAL_FROM && beta > NORMAL_FROM {
        let total = alpha + beta;
        let sd = (alpha * beta / (total * total * (total + 1.0))).sqrt();
        let skewness =
            2.0 * (beta - alpha) * (total + 1.0).sqrt() / ((total + 2.0) * (alpha * beta).sqrt());
        return (mean + sd * (z + (z * z - 1.0) * skewness / 6.0)).clamp(0.0, 1.0);
    }
    let (below, above) = normal_tails(z);
    let p = if z <= 0.0 {
        beta_lower_quantile(alpha, beta, below)
    } else {
        // Above the median, the quantile of the mirrored law at the upper tail.
        beta_lower_quantile(beta, alpha, above).map(|q| 1.0 - q)
    };
    p.unwrap_or(mean).clamp(0.0, 1.0)
}

/// The `x` with `I_x(a, b) = u` (the regularised incomplete beta function), `None` when the
/// function cannot be evaluated. Newton steps on the density, kept within the bracket the
/// function's values give; a step leaving it (or a density that is not a positive number)
/// halves the bracket instead, so the search ends within 400 evaluations whatever the law.
fn beta_lower_quantile(a: f64, b: f64, u: f64) -> Option<f64> {
    use statrs::function::beta::{checked_beta_reg, ln_beta};
    if u <= 0.0 {
        return Some(0.0);
    }
    if u >= 1.0 {
        return Some(1.0);
    }
    let ln_b = ln_beta(a, b);
    // Near 0, I_x(a, b) is about x^a / (a B(a, b)): a start that is right in the low tail.
    let start = ((u.ln() + a.ln() + ln_b) / a).exp();
    if start == 0.0 {
        // Below the smallest number there is: the quantile is 0 to the last bit.
        return Some(0.0);
    }
    let mut x = if start > 0.0 && start < 1.0 {
        start
    } else {
        a / (a + b)
    };
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    for _ in 0..400 {
        let difference = checked_beta_reg(a, b, x).ok()? - u;
        if difference == 0.0 {
            return Some(x);
        }
        if difference < 0.0 {
            low = x;
        } else {
            high = x;
        }
        let density = ((a - 1.0) * x.ln() + (b - 1.0) * (-x).ln_1p() - ln_b).exp();
        let newton = x - difference / density;
        let next = if density.is_finite() && density > 0.0 && newton > low && newton < high {
            newton
        } else if low > 0.0 && high / low > 4.0 {
            // A bracket over orders of magnitude (a tail): halve it on the log scale.
            (low * high).sqrt()
        } else {
            0.5 * (low + high)
        };
        if (next - x).abs() <= 4.0 * f64::EPSILON * x || high - low <= 4.0 * f64::EPSILON * high {
            return Some(next);
        }
        x = next;
    }
    Some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_map_to_the_laws_quantiles_and_end_on_lopsided_laws() {
        use statrs::distribution::{Beta, ContinuousCDF};
        for (alpha, beta) in [
            (30.0, 70.0),
            (2.0, 5.0),
            (0.5, 0.5),
            (43.0, 139.0),
            (1.0, 1.0),
        ] {
            let Ok(law) = Beta::new(alpha, beta) else {
                panic!("Beta({alpha}, {beta})")
            };
            for z in [-4.0, -2.0, -0.7, 0.0, 0.3, 1.5, 3.5] {
                let u = 0.5 * erf::erfc(-z / std::f64::consts::SQRT_2);
                let p = RateLaw::Beta { alpha, beta }.at_score(z);
                assert!(
                    (p - law.inverse_cdf(u)).abs() < 1e-9,
                    "Beta({alpha}, {beta}) at {z}: {p} vs {}",
                    law.inverse_cdf(u)
                );
            }
        }
        let uniform = RateLaw::Uniform {
            low: 0.2,
            high: 0.6,
        };
        assert!((uniform.at_score(0.0) - 0.4).abs() < 1e-15);
        let at = uniform.at_score(-1.0);
        assert!(
            (at - (0.2 + 0.4 * 0.158_655_253_931_457_05)).abs() < 1e-9,
            "{at}"
        );
        // Lopsided and huge laws end, inside [0, 1] and increasing in the score.
        for (alpha, beta) in [
            (1e9, 1.0),
            (1.0, 1e9),
            (0.001, 1e9),
            (1e6, 2e6),
            (1e-3, 1e-3),
        ] {
            let mut last = 0.0;
            for z in [-8.0, -3.0, -1.0, 0.0, 1.0, 3.0, 8.0] {
                let p = RateLaw::Beta { alpha, beta }.at_score(z);
                assert!(
                    (0.0..=1.0).contains(&p) && p >= last,
                    "{alpha} {beta} {z}: {p}"
                );
                last = p;
            }
        }
    }

    #[test]
    fn beta_intervals_agree_with_the_inverse_and_end_on_lopsided_laws() {
        use statrs::distribution::{Beta, ContinuousCDF};
        for (alpha, beta) in [(30.0, 70.0), (2.0, 5.0), (0.5, 0.5), (43.0, 139.0)] {
            let (low, high) = RateLaw::Beta { alpha, beta }.interval90();
            let Ok(law) = Beta::new(alpha, beta) else {
                panic!("Beta({alpha}, {beta})")
            };
            assert!(
                (low - law.inverse_cdf(0.05)).abs() < 1e-9,
                "Beta({alpha}, {beta}) p5"
            );
            assert!(
                (high - law.inverse_cdf(0.95)).abs() < 1e-9,
                "Beta({alpha}, {beta}) p95"
            );
        }
        // statrs' inverse never returns on these; the bisection does, inside [0, 1].
        for (alpha, beta) in [(1e9, 1.0), (1.0, 1e9), (0.001, 1e9), (1e6, 2e6)] {
            let (low, high) = RateLaw::Beta { alpha, beta }.interval90();
            assert!(
                (0.0..=1.0).contains(&low) && low <= high && high <= 1.0,
                "{low} {high}"
            );
        }
    }
}
