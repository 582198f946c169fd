//! Sums of order values: the total of `count` independent values of one `ValueLaw`, drawn in
//! a time that does not grow with the count except where the law's tail is heavy enough to
//! need it, from the exact law of the sum or from one within 0.005 of it in Kolmogorov
//! distance (the largest gap between the two distribution functions), for every count.
//!
//! - Fixed values: `count * value`, exact.
//! - Uniform values: summed value by value below `UNIFORM_NORMAL_FROM` values (the
//!   Irwin–Hall law, exact); from there the normal law with the sum's mean and variance,
//!   clipped symmetrically to the sum's range (the clip keeps the mean; the mass it moves is
//!   below 1e-8). A uniform law has no skew, so the normal's error is its kurtosis term,
//!   `0.55 * 1.2 / (24 n)`, about 0.0021 at 13 values.
//! - Lognormal values: values above a threshold `t` (the "tail") are drawn exactly: their
//!   number is Binomial(count, q) with `q = P(V > t)`, and each is drawn from the law of `V`
//!   given `V > t` by inverting its distribution function. The remaining values (the "body",
//!   the law of `V` given `V <= t`, all of whose moments are finite and small) are summed
//!   either value by value or, once they are many enough, drawn from the shifted gamma law
//!   with the body sum's exact mean, variance and skewness. The sum of the two parts has
//!   exactly the law of the sum: only the body's gamma is an approximation, and a sum with an
//!   independent part added is never further from its law than the part is.
//!
//! When is the gamma close enough? Two laws with the same first three cumulants differ, by
//! the Edgeworth expansion, by `phi(x) * (d4 / 24 He3(x) + d5 / 120 He4(x) + ...)`, where `d_r`
//! is the gap between their standardised r-th cumulants (of order `n^(1 - r / 2)`) and `He_r`
//! the Hermite polynomials. `edgeworth_gap` bounds every term up to order `1 / n^2` by its
//! largest value over `x` and adds them up; a body is summed by its gamma only where that
//! bound is below `TARGET` (half of 0.005) and the sum's skewness is at most 1 (where the
//! expansion holds). For each power-of-two band of counts, `ValueSum::new` picks, among the
//! thresholds `t` at `z = 0, 0.25, ..., 8.5` standard deviations of `ln V` and no threshold
//! at all, the cheapest way that meets the bound (drawing value by value always does), so
//! the cost of a sum is: value by value below a count that grows with the tail (8 values at a
//! coefficient of variation of 0.32, 32 at 1, 128 at 3, 512 at 10, 2,048 at 100); above it
//! one gamma draw for light tails, and for heavy ones one binomial, one gamma and on average
//! `count * q` tail draws, what it takes to make the body light enough (under 3 up to a
//! coefficient of variation of 100, whatever the count). The per-law work (the body's
//! moments at each threshold, the choice per band) is done once, in `ValueSum::new`.
//! Architecture invariant: the caller owns the random generator; nothing here keeps state.

use rand::{Rng, RngExt};
use rand_distr::{Binomial, Distribution, Gamma, LogNormal, StandardNormal};
use statrs::function::erf;

use super::laws::ValueLaw;

/// The bound on the Kolmogorov distance the gamma of a body may have by the Edgeworth
/// estimate: half of the 0.005 promised, for the terms the estimate leaves out.
pub const TARGET: f64 = 0.0025;

/// Uniform values are summed value by value below this count, by the clipped normal law from
/// it (the smallest count whose `edgeworth_gap` is below `TARGET`).
pub const UNIFORM_NORMAL_FROM: u64 = 13;

/// The largest sum skewness at which the gamma is trusted.
const MAX_SKEWNESS: f64 = 1.0;

/// `sup |He_r(x) phi(x)|` over `x`, for r = 3..=9 (index r - 3).
const HERMITE_PEAKS: [f64; 7] = [0.5506, 1.1969, 2.3072, 5.9842, 14.178, 41.889, 115.092];

/// Costs, in single lognormal draws, that the choice of a band's method weighs.
const GAMMA_COST: f64 = 1.5;
const BINOMIAL_COST: f64 = 3.0;
const TAIL_COST: f64 = 4.0;

/// How a sum of a given count is drawn (what `ValueSum::method` reports).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum SumMethod {
    /// Every value drawn: exact.
    ValueByValue,
    /// The normal law with the sum's mean and variance, clipped to the sum's range (uniform).
    Normal,
    /// Values above `threshold` drawn one by one (each with probability `tail_share`), the
    /// others by the gamma law of their sum when at least `gamma_from` of them, value by value
    /// below.
    Split {
        threshold: f64,
        tail_share: f64,
        gamma_from: u64,
    },
}

/// A sampler of sums of values of one law, with its per-law constants worked out once.
#[derive(Debug, Clone)]
pub struct ValueSum {
    law: ValueLaw,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    Fixed(f64),
    Uniform { low: f64, high: f64 },
    Lognormal(Box<LognormalSum>),
}

#[derive(Debug, Clone)]
struct LognormalSum {
    draw: LogNormal<f64>,
    /// `ln V` is normal with this mean and standard deviation.
    log_mean: f64,
    sigma: f64,
    /// Candidate bodies; bands point into it.
    bodies: Vec<Body>,
    /// Per band `k` (counts in `2^k..2^(k + 1)`): `None` value by value, else the body used.
    bands: [Option<u8>; 64],
}

/// The law of the values below a threshold and the gamma law of their sum.
#[derive(Debug, Clone, Copy)]
struct Body {
    /// `t`: infinite for no threshold.
    threshold: f64,
    /// `q = P(V > t)`.
    tail_share: f64,
    /// `ln(1 - q)`.
    ln_keep: f64,
    /// The sum of `n` body values is drawn as `n * shift + scale * Gamma(n * shape)`.
    shift: f64,
    shape: f64,
    scale: f64,
    /// The body's mean and standard deviation (for a normal sum when the skew vanishes).
    mean: f64,
    sd: f64,
    /// The smallest number of body values whose gamma meets the bound (`u64::MAX`: none).
    gamma_from: u64,
}

impl ValueLaw {
    /// Draws the total value of `count` independent purchases: from the exact law of the
    /// sum or one within 0.005 of it in Kolmogorov distance (`ValueSum`, which this builds
    /// anew on each call: hold a `ValueSum` to draw many sums of one law).
    pub fn sample_sum<R: Rng + ?Sized>(&self, count: u64, rng: &mut R) -> f64 {
        ValueSum::new(*self).sample(count, rng)
    }
}

impl ValueSum {
    /// Works out the law's constants and, per band of counts, how its sums are drawn.
    pub fn new(law: ValueLaw) -> ValueSum {
        let kind = match law {
            ValueLaw::Fixed(x) => Kind::Fixed(x),
            ValueLaw::Uniform { low, high } if high - low > 0.0 => Kind::Uniform { low, high },
            ValueLaw::Uniform { low, .. } => Kind::Fixed(low),
            ValueLaw::Lognormal { mean, sd } => match LognormalSum::new(mean, sd) {
                Some(sum) => Kind::Lognormal(Box::new(sum)),
                None => Kind::Fixed(mean),
            },
        };
        ValueSum { law, kind }
    }

    /// The law of one value.
    pub fn law(&self) -> ValueLaw {
        self.law
    }

    /// How a sum of `count` values is drawn.
    pub fn method(&self, count: u64) -> SumMethod {
        match &self.kind {
            Kind::Fixed(_) => SumMethod::ValueByValue,
            Kind::Uniform { .. } if count < UNIFORM_NORMAL_FROM => SumMethod::ValueByValue,
            Kind::Uniform { .. } => SumMethod::Normal,
            Kind::Lognormal(sum) => match sum.band(count) {
                None => SumMethod::ValueByValue,
                Some(body) => SumMethod::Split {
                    threshold: body.threshold,
                    tail_share: body.tail_share,
                    gamma_from: body.gamma_from,
                },
            },
        }
    }

    /// Draws the total value of `count` independent values.
    pub fn sample<R: Rng + ?Sized>(&self, count: u64, rng: &mut R) -> f64 {
        if count == 0 {
            return 0.0;
        }
        match &self.kind {
            Kind::Fixed(x) => x * count as f64,
            Kind::Uniform { low, high } => {
                let (low, high) = (*low, *high);
                if count < UNIFORM_NORMAL_FROM {
                    return (0..count)
                        .map(|_| low + (high - low) * rng.random::<f64>())
                        .sum();
                }
                let n = count as f64;
                let sd = (high - low) * (n / 12.0).sqrt();
                let z: f64 = StandardNormal.sample(rng);
                (n * 0.5 * (low + high) + sd * z).clamp(n * low, n * high)
            }
            Kind::Lognormal(sum) => sum.sample(count, rng),
        }
    }
}

impl LognormalSum {
    /// `None` when the values do not vary (sd 0) or the law cannot be built.
    fn new(mean: f64, sd: f64) -> Option<LognormalSum> {
        let cv2 = (sd / mean).powi(2);
        if !(cv2 > 0.0 && cv2.is_finite() && mean > 0.0) {
            return None;
        }
        let sigma2 = cv2.ln_1p();
        let sigma = sigma2.sqrt();
        let log_mean = mean.ln() - 0.5 * sigma2;
        let draw = LogNormal::new(log_mean, sigma).ok()?;
        let mut bodies = vec![untruncated_body(mean, cv2)];
        // Thresholds only help a law heavy enough to need them; below this spread the
        // truncated moments would also lose digits to cancellation.
        if sigma >= 0.05 {
            for step in 0..=34 {
                let z = 0.25 * f64::from(step);
                if let Some(body) = truncated_body(mean, sigma, z) {
                    bodies.push(body);
                }
            }
        }
        let mut bands = [None; 64];
        for (k, band) in bands.iter_mut().enumerate().skip(1) {
            *band = cheapest(&bodies, k as i32);
        }
        Some(LognormalSum {
            draw,
            log_mean,
            sigma,
            bodies,
            bands,
        })
    }

    fn band(&self, count: u64) -> Option<&Body> {
        let k = 63 - count.max(1).leading_zeros() as usize;
        self.bands[k].map(|index| &self.bodies[usize::from(index)])
    }

    fn sample<R: Rng + ?Sized>(&self, count: u64, rng: &mut R) -> f64 {
        let Some(body) = self.band(count) else {
            return (0..count).map(|_| self.draw.sample(rng)).sum();
        };
        let mut total = 0.0;
        let mut in_body = count;
        if body.tail_share > 0.0 {
            let in_tail = body.tail_count(count, rng);
            in_body = count - in_tail;
            for _ in 0..in_tail {
                // P(V > v | V > t) = u for the v whose ln lies sqrt(2) erfc_inv(2 q u)
                // standard deviations above the log-mean; 1 - u is in (0, 1].
                let u = 1.0 - rng.random::<f64>();
                let z = std::f64::consts::SQRT_2 * erf::erfc_inv(2.0 * body.tail_share * u);
                total += (self.log_mean + self.sigma * z).exp().max(body.threshold);
            }
        }
        if in_body < body.gamma_from {
            // Rare (the band's choice makes it so): the body value by value, by rejection.
            for _ in 0..in_body {
                let mut value = self.draw.sample(rng);
                while value > body.threshold {
                    value = self.draw.sample(rng);
                }
                total += value;
            }
            return total;
        }
        total + body.sum(in_body, rng)
    }
}

impl Body {
    /// Draws Binomial(n, q), the number of tail values among `n`: by inversion from 0 when
    /// few are expected (one exponential and a uniform, and one step per value found), else
    /// by rand_distr's sampler.
    fn tail_count<R: Rng + ?Sized>(&self, n: u64, rng: &mut R) -> u64 {
        let q = self.tail_share;
        if n as f64 * q > 20.0 {
            return Binomial::new(n, q).map_or(0, |law| law.sample(rng));
        }
        let ratio = q / (1.0 - q);
        let mut p = (n as f64 * self.ln_keep).exp();
        let mut u: f64 = rng.random();
        let mut k = 0;
        while u >= p && k < n && p > 0.0 {
            u -= p;
            p *= (n - k) as f64 / (k + 1) as f64 * ratio;
            k += 1;
        }
        k
    }

    /// Draws the sum of `n` body values from its gamma law (normal when it has no skew).
    fn sum<R: Rng + ?Sized>(&self, n: u64, rng: &mut R) -> f64 {
        let n = n as f64;
        if !self.shape.is_finite() {
            let z: f64 = StandardNormal.sample(rng);
            return (n * self.mean + self.sd * n.sqrt() * z).max(0.0);
        }
        match Gamma::new(n * self.shape, self.scale) {
            Ok(law) => (n * self.shift + law.sample(rng)).max(0.0),
            Err(_) => n * self.mean,
        }
    }

    /// A body from its mean, standard deviation and standardised cumulants 3 to 6 (`None`
    /// when they are not usable: not finite, or a gamma that could go below zero).
    fn from_cumulants(
        threshold: f64,
        tail_share: f64,
        mean: f64,
        sd: f64,
        lambda: [f64; 4],
    ) -> Option<Body> {
        if !(lambda.iter().all(|l| l.is_finite()) && sd > 0.0 && mean > 0.0 && sd.is_finite()) {
            return None;
        }
        let skew = lambda[0];
        // The shifted gamma n * shift + Gamma(n * shape, scale) with the body sum's mean,
        // variance and skewness: shape 4 / skew^2 per value, scale sd * skew / 2, shift
        // mean - 2 sd / skew (at least zero: a sum of values is never negative).
        let (shift, shape, scale) = if skew > 1e-6 {
            (mean - 2.0 * sd / skew, 4.0 / (skew * skew), 0.5 * sd * skew)
        } else {
            (mean, f64::INFINITY, 0.0)
        };
        if shift < 0.0 {
            return None;
        }
        let gamma_from = first_count_within(lambda);
        Some(Body {
            threshold,
            tail_share,
            ln_keep: (-tail_share).ln_1p(),
            shift,
            shape,
            scale,
            mean,
            sd,
            gamma_from,
        })
    }
}

/// The lognormal law itself as a body: its standardised cumulants are polynomials in `d =
/// cv^2` with integer coefficients (computed exactly, without cancellation).
fn untruncated_body(mean: f64, d: f64) -> Body {
    let lambda = lognormal_lambdas(d);
    let sd = mean * d.sqrt();
    Body::from_cumulants(f64::INFINITY, 0.0, mean, sd, lambda).unwrap_or(Body {
        threshold: f64::INFINITY,
        tail_share: 0.0,
        ln_keep: 0.0,
        shift: mean,
        shape: f64::INFINITY,
        scale: 0.0,
        mean,
        sd,
        gamma_from: u64::MAX,
    })
}

/// The body below the threshold `z` standard deviations of `ln V` above its mean: raw moments
/// `E[(V / mean)^k | V <= t] = (1 + d)^(k (k - 1) / 2) Phi(z - k sigma) / Phi(z)`.
fn truncated_body(mean: f64, sigma: f64, z: f64) -> Option<Body> {
    let sigma2 = sigma * sigma;
    let ln_below = ln_normal_cdf(z);
    let raw: Vec<f64> = (0..=6)
        .map(|k| {
            let k = f64::from(k);
            (0.5 * sigma2 * k * (k - 1.0) + ln_normal_cdf(z - k * sigma) - ln_below).exp()
        })
        .collect();
    let m1 = raw[1];
    // Central moments, in units of the law's mean.
    let central: Vec<f64> = (0..=6)
        .map(|k| {
            (0..=k)
                .map(|j| binomial(k, j) * raw[j] * (-m1).powi((k - j) as i32))
                .sum()
        })
        .collect();
    let c2 = central[2];
    if c2.is_nan() || c2 <= 0.0 {
        return None;
    }
    let k3 = central[3];
    let k4 = central[4] - 3.0 * c2 * c2;
    let k5 = central[5] - 10.0 * central[3] * c2;
    let k6 = central[6] - 15.0 * central[4] * c2 - 10.0 * central[3].powi(2) + 30.0 * c2.powi(3);
    let lambda = [
        k3 / c2.powf(1.5),
        k4 / (c2 * c2),
        k5 / c2.powf(2.5),
        k6 / c2.powi(3),
    ];
    let threshold = mean * (sigma * z - 0.5 * sigma2).exp();
    let tail_share = 0.5 * erf::erfc(z / std::f64::consts::SQRT_2);
    Body::from_cumulants(threshold, tail_share, mean * m1, mean * c2.sqrt(), lambda)
}

/// `C(k, j)`.
fn binomial(k: usize, j: usize) -> f64 {
    (0..j).fold(1.0, |c, i| c * (k - i) as f64 / (i + 1) as f64)
}

/// `ln Phi(x)`, accurate far into the lower tail.
fn ln_normal_cdf(x: f64) -> f64 {
    if x > -30.0 {
        (0.5 * erf::erfc(-x / std::f64::consts::SQRT_2)).ln()
    } else {
        // Phi(x) = phi(x) / |x| (1 - 1 / x^2 + 3 / x^4 - ...).
        let x2 = x * x;
        -0.5 * x2 - (-x).ln() - 0.5 * (2.0 * std::f64::consts::PI).ln()
            + (1.0 - 1.0 / x2 + 3.0 / (x2 * x2)).ln()
    }
}

/// Polynomial in `d`, lowest power first.
type Poly = Vec<f64>;

fn poly_mul(a: &[f64], b: &[f64]) -> Poly {
    let mut out = vec![0.0; a.len() + b.len() - 1];
    for (i, x) in a.iter().enumerate() {
        for (j, y) in b.iter().enumerate() {
            out[i + j] += x * y;
        }
    }
    out
}

fn poly_add(a: &[f64], b: &[f64], scale: f64) -> Poly {
    let mut out = vec![0.0; a.len().max(b.len())];
    for (i, x) in a.iter().enumerate() {
        out[i] += x;
    }
    for (i, y) in b.iter().enumerate() {
        out[i] += scale * y;
    }
    out
}

fn poly_eval(p: &[f64], d: f64) -> f64 {
    p.iter().rev().fold(0.0, |acc, c| acc * d + c)
}

/// The lognormal law's standardised cumulants 3 to 6 at `d = cv^2`: the central moments
/// `mu_k / mean^k = sum_j C(k, j) (-1)^(k - j) (1 + d)^(j (j - 1) / 2)` expanded in powers of
/// `d` (integer coefficients, exact in floating point), then the cumulants from them.
fn lognormal_lambdas(d: f64) -> [f64; 4] {
    let central: Vec<Poly> = (0..=6usize)
        .map(|k| {
            let mut poly = vec![0.0; 16];
            for j in 0..=k {
                let sign = if (k - j) % 2 == 0 { 1.0 } else { -1.0 };
                let power = j * j.saturating_sub(1) / 2;
                for (i, slot) in poly.iter_mut().enumerate().take(power + 1) {
                    *slot += sign * binomial(k, j) * binomial(power, i);
                }
            }
            poly
        })
        .collect();
    let (m2, m3, m4) = (&central[2], &central[3], &central[4]);
    let k4 = poly_add(m4, &poly_mul(m2, m2), -3.0);
    let k5 = poly_add(&central[5], &poly_mul(m3, m2), -10.0);
    let k6 = poly_add(
        &poly_add(
            &poly_add(&central[6], &poly_mul(m4, m2), -15.0),
            &poly_mul(m3, m3),
            -10.0,
        ),
        &poly_mul(&poly_mul(m2, m2), m2),
        30.0,
    );
    // Every central moment and cumulant of order >= 2 has no constant term; mu_2 = d.
    let c2 = d;
    [
        poly_eval(m3, d) / c2.powf(1.5),
        poly_eval(&k4, d) / (c2 * c2),
        poly_eval(&k5, d) / c2.powf(2.5),
        poly_eval(&k6, d) / c2.powi(3),
    ]
}

/// The Edgeworth estimate of the Kolmogorov distance between the sum of `n` values with
/// standardised cumulants `lambda` (3 to 6) and the shifted gamma law with the same mean,
/// variance and skewness (the normal law when the skewness is 0): every term of the expansion
/// up to order `1 / n^2` at its largest over `x`, added up.
pub fn edgeworth_gap(lambda: [f64; 4], n: f64) -> f64 {
    let a3 = lambda[0] / n.sqrt();
    let a4 = lambda[1] / n;
    let a5 = lambda[2] / n.powf(1.5);
    let a6 = lambda[3] / (n * n);
    // The gamma law's: lambda_r = (r - 1)! (skew / 2)^(r - 2).
    let g4 = 1.5 * a3 * a3;
    let g5 = 3.0 * a3.powi(3);
    let g6 = 7.5 * a3.powi(4);
    let (d4, d5, d6) = ((a4 - g4).abs(), (a5 - g5).abs(), (a6 - g6).abs());
    let [h3, h4, h5, h6, h7, _, h9] = HERMITE_PEAKS;
    let a3 = a3.abs();
    d4 / 24.0 * h3
        + d5 / 120.0 * h4
        + a3 * d4 / 144.0 * h6
        + d6 / 720.0 * h5
        + ((a4 * a4 - g4 * g4).abs() / 1152.0 + a3 * d5 / 720.0) * h7
        + a3 * a3 * d4 / 1728.0 * h9
}

/// The smallest count whose sum the gamma law matches within `TARGET` (by `edgeworth_gap`)
/// with a skewness at most `MAX_SKEWNESS`; `u64::MAX` when none does. The gap only shrinks as
/// the count grows, so a bisection finds it.
fn first_count_within(lambda: [f64; 4]) -> u64 {
    let fits = |n: u64| {
        let n = n as f64;
        lambda[0].abs() / n.sqrt() <= MAX_SKEWNESS && edgeworth_gap(lambda, n) <= TARGET
    };
    let (mut low, mut high) = (0u64, 1u64 << 62);
    if !fits(high) {
        return u64::MAX;
    }
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if fits(middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    high
}

/// The cheapest body for counts in `2^k..2^(k + 1)` (`None`: value by value). A body fits
/// when even at the band's smallest count all but a one-in-10^9 share of draws leave at
/// least `gamma_from` values in it.
fn cheapest(bodies: &[Body], k: i32) -> Option<u8> {
    let low = 2f64.powi(k);
    let typical = 1.5 * low;
    let mut best = (typical, None);
    for (index, body) in bodies.iter().enumerate() {
        let q = body.tail_share;
        let fewest = low * (1.0 - q) - 6.0 * (low * q * (1.0 - q)).sqrt() - 1.0;
        if body.gamma_from == u64::MAX || fewest < body.gamma_from as f64 {
            continue;
        }
        let cost = if q > 0.0 {
            GAMMA_COST + BINOMIAL_COST + typical * q * TAIL_COST
        } else {
            GAMMA_COST
        };
        if cost < best.0 {
            best = (cost, u8::try_from(index).ok());
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lognormal's cumulants by their known closed forms at w = 1 + d: skewness (w + 2)
    /// sqrt(w - 1), excess kurtosis w^4 + 2 w^3 + 3 w^2 - 6; the truncated formulas at a far
    /// threshold agree with the polynomial ones.
    #[test]
    fn lognormal_cumulants_match_their_closed_forms() {
        for d in [1e-6, 0.01, 0.1024, 1.0, 9.0, 100.0] {
            let w = 1.0 + d;
            let lambda = lognormal_lambdas(d);
            let skew = (w + 2.0) * d.sqrt();
            let kurt = w.powi(4) + 2.0 * w.powi(3) + 3.0 * w * w - 6.0;
            assert!((lambda[0] / skew - 1.0).abs() < 1e-9, "{d}: {lambda:?}");
            assert!((lambda[1] / kurt - 1.0).abs() < 1e-7, "{d}: {lambda:?}");
            if (0.01..=1.0).contains(&d) {
                let sigma = d.ln_1p().sqrt();
                let Some(body) = truncated_body(1.0, sigma, 12.0 / sigma.max(1.0) + 6.0 * sigma)
                else {
                    panic!("{d}: no body")
                };
                let far = body.gamma_from;
                let exact = first_count_within(lambda);
                assert!(
                    far.abs_diff(exact) <= exact / 100 + 1,
                    "{d}: {far} vs {exact}"
                );
            }
        }
    }

    #[test]
    fn uniform_switch_is_where_the_estimate_says() {
        let lambda = [0.0, -1.2, 0.0, 48.0 / 7.0];
        assert_eq!(first_count_within(lambda), UNIFORM_NORMAL_FROM);
    }

    use rand::SeedableRng;

    /// Sums drawn without drawing each order keep the exact mean and variance, even when the
    /// spread is ten times the mean (a floored normal overshot the mean by 70% there).
    #[track_caller]
    fn check_sum_moments(law: ValueLaw, count: u64, check_variance: bool) {
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(5);
        let draws = 40_000;
        let sampler = ValueSum::new(law);
        let sums: Vec<f64> = (0..draws)
            .map(|_| sampler.sample(count, &mut rng))
            .collect();
        let mean = sums.iter().sum::<f64>() / draws as f64;
        let variance = sums.iter().map(|s| (s - mean).powi(2)).sum::<f64>() / (draws - 1) as f64;
        let n = count as f64;
        let expected_variance = n * law.variance();
        let standard_error = (expected_variance / draws as f64).sqrt();
        assert!(
            (mean - n * law.mean()).abs() < 4.0 * standard_error,
            "{law:?} x {count}: mean {mean} vs {}",
            n * law.mean()
        );
        // A sample variance of heavy-tailed sums converges too slowly to check it there.
        assert!(
            !check_variance || (variance / expected_variance - 1.0).abs() < 0.1,
            "{law:?} x {count}: variance {variance} vs {expected_variance}"
        );
        assert!(
            sums.iter().all(|&s| s >= 0.0),
            "sums of values are never negative"
        );
    }

    #[test]
    fn value_sums_keep_their_mean_and_variance() {
        let lognormal = |mean, sd| ValueLaw::Lognormal { mean, sd };
        let uniform = |low, high| ValueLaw::Uniform { low, high };
        check_sum_moments(lognormal(100.0, 1000.0), 12, false);
        check_sum_moments(lognormal(100.0, 200.0), 12, true);
        check_sum_moments(lognormal(250.0, 80.0), 40, true);
        check_sum_moments(uniform(0.0, 10.0), 9, true);
        check_sum_moments(uniform(40.0, 80.0), 1000, true);
        check_sum_moments(lognormal(65.0, 30.0), 5, true);
    }
}
