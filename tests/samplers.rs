//! The single draws both engines share, each held to its law.
//!
//! The fast engine and the per-lead reference call the same samplers (`RateLaw::sample`,
//! `DelayLaw::sample`, `ValueLaw::sample` and `ValueSum::sample`) and draw arrivals the same way, so
//! a wrong draw would make both wrong alike and the agreement tests could not see it. Here each
//! sampler meets its law directly: its mean and variance against values worked out by hand
//! (the formulas are in the comments), and its whole distribution against an independent
//! distribution function, statrs' (or, for sums of uniform values, the Irwin–Hall law written
//! out below): a one-sample Kolmogorov–Smirnov test for continuous draws, a chi-square test for
//! whole days and counts.
//!
//! Every test uses a fixed stream, so it is deterministic; 20,000 draws per law give the tests
//! power against the errors a sampler is prone to (a lognormal parameterised by its log-mean,
//! a uniform delay that leaves out its maximum, a delay rounded down instead of to the nearest
//! day, ...), each of which has been seen to fail them.

use funnelcast::engine::streams::{Purpose, Stream, stream};
use funnelcast::engine::{Simulation, reference};
use funnelcast::scenario::{self, BaseRate, DelayLaw, RateLaw, SumMethod, ValueLaw, ValueSum};
use statrs::distribution::{
    Beta, ChiSquared, ContinuousCDF, Discrete, Exp, Gamma, LogNormal, Poisson, Uniform,
};
use statrs::function::erf::erfc;

mod support;
use support::{KolmogorovSmirnov, kolmogorov_smirnov, kolmogorov_smirnov_against, kolmogorov_tail};

/// Draws per law.
const DRAWS: usize = 20_000;
const SEED: u64 = 20_260_101;
/// Significance level of the distribution tests.
const ALPHA: f64 = 0.001;
/// A mean or variance further than this many standard errors from its value fails.
const MAX_STANDARD_ERRORS: f64 = 4.0;

/// The stream of one test: the engines' own generator, keyed like theirs.
fn stream_of(name: &str) -> Stream {
    stream(SEED, 0, Purpose::Values, name)
}

// ---------------------------------------------------------------------------------------------
// Small statistics
// ---------------------------------------------------------------------------------------------

/// Sample mean, unbiased sample variance and fourth central moment.
fn moments(values: &[f64]) -> (f64, f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    let fourth = values.iter().map(|v| (v - mean).powi(4)).sum::<f64>() / n;
    (mean, variance, fourth)
}

/// The sample mean and variance within 4 standard errors of `mean` and `variance`: the mean's
/// standard error is sqrt(variance / n), the variance's sqrt((m4 - s^4) / n) with m4 the
/// sample's fourth central moment.
#[track_caller]
fn assert_moments(what: &str, values: &[f64], mean: f64, variance: f64) {
    let n = values.len() as f64;
    let (sample_mean, sample_variance, fourth) = moments(values);
    let mean_error = (variance / n).sqrt();
    assert!(
        (sample_mean - mean).abs() <= MAX_STANDARD_ERRORS * mean_error + 1e-12,
        "{what}: mean {sample_mean}, expected {mean} (standard error {mean_error})"
    );
    let variance_error = ((fourth - sample_variance * sample_variance).max(0.0) / n).sqrt();
    assert!(
        (sample_variance - variance).abs() <= MAX_STANDARD_ERRORS * variance_error + 1e-12,
        "{what}: variance {sample_variance}, expected {variance} (standard error {variance_error})"
    );
}

/// `hits` of `n` draws within 4 standard errors, sqrt(p (1 - p) / n), of the chance `p`.
#[track_caller]
fn assert_share(what: &str, hits: usize, n: usize, p: f64) {
    let share = hits as f64 / n as f64;
    let error = (p * (1.0 - p) / n as f64).sqrt();
    assert!(
        (share - p).abs() <= MAX_STANDARD_ERRORS * error + 1e-12,
        "{what}: share {share}, expected {p} (standard error {error})"
    );
}

/// One-sample Kolmogorov–Smirnov test of continuous draws against `cdf`: fails when the
/// largest gap D between the empirical and the true distribution function has a p-value
/// below `ALPHA` (Stephens' finite-sample scaling (sqrt(n) + 0.12 + 0.11 / sqrt(n)) D).
#[track_caller]
fn assert_kolmogorov_smirnov(what: &str, values: &[f64], cdf: impl Fn(f64) -> f64) {
    let KolmogorovSmirnov { distance, p_value } = kolmogorov_smirnov_against(values, cdf);
    assert!(
        p_value >= ALPHA,
        "{what}: Kolmogorov-Smirnov D = {distance}, p-value {p_value} < {ALPHA}"
    );
}

/// Chi-square test of whole-number draws against the law `pmf` (values 0, 1, 2, ...): values
/// are grouped into cells of at least 5 expected draws, the last cell taking the tail, and the
/// test fails when the statistic's p-value is below `ALPHA`.
#[track_caller]
fn assert_chi_square(what: &str, draws: &[u64], pmf: impl Fn(u64) -> f64) {
    let n = draws.len() as f64;
    // Cells [start, end) of values; the last one is extended to infinity.
    let mut cells: Vec<(u64, f64)> = Vec::new(); // (start, probability)
    let mut start = 0;
    let mut mass = 0.0;
    let mut below = 0.0;
    let mut value = 0;
    while 1.0 - below > 1e-12 && value < 1_000_000 {
        let p = pmf(value);
        mass += p;
        below += p;
        value += 1;
        if mass * n >= 5.0 {
            cells.push((start, mass));
            start = value;
            mass = 0.0;
        }
    }
    // What is left (the tail) joins the last cell.
    let tail = (1.0 - below).max(0.0) + mass;
    match cells.last_mut() {
        Some(last) => last.1 += tail,
        None => cells.push((0, 1.0)),
    }
    let mut observed = vec![0u64; cells.len()];
    for &draw in draws {
        let cell = cells.partition_point(|&(start, _)| start <= draw) - 1;
        observed[cell] += 1;
    }
    let statistic: f64 = cells
        .iter()
        .zip(&observed)
        .map(|(&(_, p), &o)| {
            let expected = p * n;
            (o as f64 - expected).powi(2) / expected
        })
        .sum();
    let freedom = (cells.len() - 1).max(1) as f64;
    let p_value = match ChiSquared::new(freedom) {
        Ok(law) => 1.0 - law.cdf(statistic),
        Err(error) => panic!("chi-square with {freedom} degrees of freedom: {error}"),
    };
    assert!(
        p_value >= ALPHA,
        "{what}: chi-square {statistic} on {freedom} degrees of freedom, p-value {p_value} < {ALPHA}"
    );
}

fn draws_f64(mut draw: impl FnMut() -> f64) -> Vec<f64> {
    (0..DRAWS).map(|_| draw()).collect()
}

fn draws_u64(mut draw: impl FnMut() -> u64) -> Vec<u64> {
    (0..DRAWS).map(|_| draw()).collect()
}

fn as_f64(values: &[u64]) -> Vec<f64> {
    values.iter().map(|&v| v as f64).collect()
}

/// Unwraps a statrs law built from valid parameters.
#[track_caller]
fn law<T, E: std::fmt::Debug>(result: Result<T, E>) -> T {
    match result {
        Ok(law) => law,
        Err(error) => panic!("invalid law: {error:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Fixed laws
// ---------------------------------------------------------------------------------------------

#[test]
fn fixed_laws_always_draw_their_value() {
    let mut rng = stream_of("fixed");
    for _ in 0..100 {
        assert_eq!(RateLaw::Fixed(0.37).sample(&mut rng), 0.37);
        assert_eq!(DelayLaw::Fixed(9).sample(&mut rng), 9);
        assert_eq!(ValueLaw::Fixed(12.5).sample(&mut rng), 12.5);
    }
    for count in [0, 1, 3, 8, 9, 1000] {
        assert_eq!(
            ValueLaw::Fixed(12.5).sample_sum(count, &mut rng),
            12.5 * count as f64,
            "a sum of {count} fixed values"
        );
    }
    // No purchase, no value, whatever the law.
    for law in [
        ValueLaw::Uniform {
            low: 10.0,
            high: 20.0,
        },
        ValueLaw::Lognormal {
            mean: 50.0,
            sd: 20.0,
        },
    ] {
        assert_eq!(law.sample_sum(0, &mut rng), 0.0, "{law:?}: a sum of none");
    }
}

// ---------------------------------------------------------------------------------------------
// Conversion rates
// ---------------------------------------------------------------------------------------------

/// Beta(a, b): mean a / (a + b), variance a b / ((a + b)^2 (a + b + 1)). Both of rand_distr's
/// algorithms are met: parameters below 1 and above.
#[test]
fn beta_rates_follow_the_beta_law() {
    for (alpha, beta) in [(2.0, 3.0), (30.0, 70.0), (0.5, 0.5), (0.8, 4.0)] {
        let rate = RateLaw::Beta { alpha, beta };
        let mut rng = stream_of(&format!("beta {alpha} {beta}"));
        let draws = draws_f64(|| rate.sample(&mut rng));
        let what = format!("Beta({alpha}, {beta})");
        assert!(
            draws.iter().all(|p| (0.0..=1.0).contains(p)),
            "{what}: in [0, 1]"
        );
        let total = alpha + beta;
        assert_moments(
            &what,
            &draws,
            alpha / total,
            alpha * beta / (total * total * (total + 1.0)),
        );
        let exact = law(Beta::new(alpha, beta));
        assert_kolmogorov_smirnov(&what, &draws, |x| exact.cdf(x));
    }
}

/// Uniform on [low, high]: mean (low + high) / 2, variance (high - low)^2 / 12.
#[test]
fn uniform_rates_follow_the_uniform_law() {
    for (low, high) in [(0.2, 0.8), (0.6, 0.65), (0.0, 1.0)] {
        let rate = RateLaw::Uniform { low, high };
        let mut rng = stream_of(&format!("uniform rate {low} {high}"));
        let draws = draws_f64(|| rate.sample(&mut rng));
        let what = format!("uniform rate [{low}, {high}]");
        assert!(
            draws.iter().all(|p| (low..=high).contains(p)),
            "{what}: in range"
        );
        assert_moments(
            &what,
            &draws,
            0.5 * (low + high),
            (high - low).powi(2) / 12.0,
        );
        let exact = law(Uniform::new(low, high));
        assert_kolmogorov_smirnov(&what, &draws, |x| exact.cdf(x));
    }
}

/// A lever's adjusted rate moves every draw p of its base law to clamp(offset + scale p, 0, 1).
#[test]
fn adjusted_rates_move_every_draw_of_their_base_law() {
    // Beta(2, 3) moved to 0.1 + 0.5 p, inside [0, 1]: mean 0.1 + 0.5 * 0.4 = 0.3, variance
    // 0.25 * (6 / (25 * 6)) = 0.01; P(q <= x) = P(p <= (x - 0.1) / 0.5).
    let rate = RateLaw::Adjusted {
        law: BaseRate::Beta {
            alpha: 2.0,
            beta: 3.0,
        },
        offset: 0.1,
        scale: 0.5,
    };
    let mut rng = stream_of("adjusted beta");
    let draws = draws_f64(|| rate.sample(&mut rng));
    assert_moments("adjusted Beta(2, 3)", &draws, 0.3, 0.01);
    let base = law(Beta::new(2.0, 3.0));
    assert_kolmogorov_smirnov("adjusted Beta(2, 3)", &draws, |x| {
        base.cdf(((x - 0.1) / 0.5).clamp(0.0, 1.0))
    });
    // Uniform [0.4, 0.9] moved to p + 0.2: the draws above 0.8 (chance 0.1 / 0.5 = 0.2) are
    // clamped to 1; the others are uniform on [0.6, 1).
    let rate = RateLaw::Adjusted {
        law: BaseRate::Uniform {
            low: 0.4,
            high: 0.9,
        },
        offset: 0.2,
        scale: 1.0,
    };
    let mut rng = stream_of("adjusted uniform");
    let draws = draws_f64(|| rate.sample(&mut rng));
    let ones = draws.iter().filter(|&&q| q == 1.0).count();
    assert_share("adjusted uniform: draws clamped to 1", ones, DRAWS, 0.2);
    // E[q] = 0.8 * 0.8 + 0.2 * 1 = 0.84; E[q^2] = 0.8 (0.4^2 / 12 + 0.8^2) + 0.2 * 1.
    let square = 0.8 * (0.16 / 12.0 + 0.64) + 0.2;
    assert_moments("adjusted uniform", &draws, 0.84, square - 0.84 * 0.84);
    let inside: Vec<f64> = draws.iter().copied().filter(|&q| q < 1.0).collect();
    assert!(
        inside.iter().all(|q| (0.6..1.0).contains(q)),
        "adjusted uniform: in [0.6, 1)"
    );
    let exact = law(Uniform::new(0.6, 1.0));
    assert_kolmogorov_smirnov("adjusted uniform below 1", &inside, |x| exact.cdf(x));
}

// ---------------------------------------------------------------------------------------------
// Delays, in whole days
// ---------------------------------------------------------------------------------------------

/// Uniform on the whole days min..=max, both ends included: each of the max - min + 1 days has
/// chance 1 / (max - min + 1); mean (min + max) / 2, variance ((max - min + 1)^2 - 1) / 12.
#[test]
fn uniform_delays_include_both_ends() {
    for (min, max) in [(1, 4), (0, 2), (5, 30), (3, 3)] {
        let delay = DelayLaw::Uniform { min, max };
        let mut rng = stream_of(&format!("uniform delay {min} {max}"));
        let draws = draws_u64(|| delay.sample(&mut rng));
        let what = format!("uniform delay {min}..={max}");
        let days = f64::from(max - min + 1);
        assert!(
            draws
                .iter()
                .all(|&d| (u64::from(min)..=u64::from(max)).contains(&d)),
            "{what}: in range"
        );
        assert_moments(
            &what,
            &as_f64(&draws),
            0.5 * f64::from(min + max),
            (days * days - 1.0) / 12.0,
        );
        assert_chi_square(&what, &draws, |d| {
            if (u64::from(min)..=u64::from(max)).contains(&d) {
                1.0 / days
            } else {
                0.0
            }
        });
        // Both ends are drawn, each about as often as any other day.
        for end in [min, max] {
            let hits = draws.iter().filter(|&&d| d == u64::from(end)).count();
            assert_share(&format!("{what}: day {end}"), hits, DRAWS, 1.0 / days);
        }
    }
}

/// The law of a continuous delay X rounded to the nearest day, from X's distribution function:
/// P(D = 0) = F(0.5), P(D = d) = F(d + 0.5) - F(d - 0.5).
fn rounded_pmf(cdf: impl Fn(f64) -> f64) -> impl Fn(u64) -> f64 {
    move |d| {
        let d = d as f64;
        cdf(d + 0.5) - if d == 0.0 { 0.0 } else { cdf(d - 0.5) }
    }
}

/// Mean and variance of X rounded to the nearest day, from X's survival function S by hand:
/// P(D >= d) = S(d - 0.5) for d >= 1, so E[D] = sum over d >= 1 of S(d - 0.5) and E[D^2] =
/// sum over d >= 1 of (2d - 1) S(d - 0.5).
fn rounded_moments(survival: impl Fn(f64) -> f64) -> (f64, f64) {
    let (mut first, mut second) = (0.0, 0.0);
    for d in 1..100_000 {
        let s = survival(f64::from(d) - 0.5);
        first += s;
        second += f64::from(2 * d - 1) * s;
        if s < 1e-16 {
            break;
        }
    }
    (first, second - first * first)
}

/// Exponential delays of mean m rounded to the nearest day. With q = e^(-1/m), P(D >= d) =
/// q^(d - 1/2) for d >= 1, so E[D] = q^(1/2) / (1 - q) and E[D^2] = q^(1/2) (1 + q) / (1 - q)^2.
#[test]
fn exponential_delays_round_to_the_nearest_day() {
    for mean in [0.4, 2.0, 7.0, 45.0] {
        let delay = DelayLaw::Exponential { mean };
        let mut rng = stream_of(&format!("exponential delay {mean}"));
        let draws = draws_u64(|| delay.sample(&mut rng));
        let what = format!("exponential delay of mean {mean}");
        let q = (-1.0 / mean).exp();
        let expected_mean = q.sqrt() / (1.0 - q);
        let expected_square = q.sqrt() * (1.0 + q) / (1.0 - q).powi(2);
        // The closed form and the sum over days agree (a check of the formulas themselves).
        let (summed_mean, summed_variance) = rounded_moments(|x| (-x / mean).exp());
        assert!((summed_mean - expected_mean).abs() < 1e-9 * expected_mean);
        let variance = expected_square - expected_mean * expected_mean;
        assert!((summed_variance - variance).abs() < 1e-9 * variance);
        assert_moments(&what, &as_f64(&draws), expected_mean, variance);
        let exact = law(Exp::new(1.0 / mean));
        assert_chi_square(&what, &draws, rounded_pmf(|x| exact.cdf(x)));
    }
}

/// Lognormal delays of median m and log-sd sigma rounded to the nearest day: X = m e^(sigma
/// Z), so P(X > x) = Phi(-(ln x - ln m) / sigma) = erfc((ln x - ln m) / (sigma sqrt 2)) / 2; and
/// with the median on a half day, P(D <= m - 1/2) = P(X < m) = 1/2 exactly.
#[test]
fn lognormal_delays_round_to_the_nearest_day() {
    for (median, sigma) in [(2.5, 0.6), (14.0, 0.5), (0.7, 0.9)] {
        let delay = DelayLaw::Lognormal { median, sigma };
        let mut rng = stream_of(&format!("lognormal delay {median} {sigma}"));
        let draws = draws_u64(|| delay.sample(&mut rng));
        let what = format!("lognormal delay, median {median}, sigma {sigma}");
        let (mean, variance) = rounded_moments(|x| {
            0.5 * erfc((x.ln() - median.ln()) / (sigma * std::f64::consts::SQRT_2))
        });
        assert_moments(&what, &as_f64(&draws), mean, variance);
        let exact = law(LogNormal::new(median.ln(), sigma));
        assert_chi_square(&what, &draws, rounded_pmf(|x| exact.cdf(x)));
    }
    // Median 2.5: D <= 2 exactly when X < 2.5, half the time (rounding down would make it
    // X < 3, 62% of the time at sigma 0.6).
    let delay = DelayLaw::Lognormal {
        median: 2.5,
        sigma: 0.6,
    };
    let mut rng = stream_of("lognormal delay at its median");
    let below = draws_u64(|| delay.sample(&mut rng))
        .iter()
        .filter(|&&d| d <= 2)
        .count();
    assert_share("lognormal delay of median 2.5: D <= 2", below, DRAWS, 0.5);
}

/// Gamma delays of shape k and scale s rounded to the nearest day. For k = 2 and 3 by hand, the
/// survival function is e^(-x/s) (1 + x/s) and e^(-x/s) (1 + x/s + (x/s)^2 / 2); a shape below
/// 1 (rand_distr's other algorithm) is held against statrs alone.
#[test]
fn gamma_delays_round_to_the_nearest_day() {
    let shape_2 = |x: f64, s: f64| (-x / s).exp() * (1.0 + x / s);
    let shape_3 = |x: f64, s: f64| (-x / s).exp() * (1.0 + x / s + (x / s).powi(2) / 2.0);
    for (shape, scale) in [(2.0, 4.0), (3.0, 1.5), (0.6, 5.0)] {
        let delay = DelayLaw::Gamma { shape, scale };
        let mut rng = stream_of(&format!("gamma delay {shape} {scale}"));
        let draws = draws_u64(|| delay.sample(&mut rng));
        let what = format!("gamma delay, shape {shape}, scale {scale}");
        // statrs' gamma takes a rate, 1 / scale.
        let exact = law(Gamma::new(shape, 1.0 / scale));
        let (mean, variance) = if shape == 2.0 {
            rounded_moments(|x| shape_2(x, scale))
        } else if shape == 3.0 {
            rounded_moments(|x| shape_3(x, scale))
        } else {
            rounded_moments(|x| exact.sf(x))
        };
        assert_moments(&what, &as_f64(&draws), mean, variance);
        assert_chi_square(&what, &draws, rounded_pmf(|x| exact.cdf(x)));
    }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

#[test]
fn uniform_values_follow_the_uniform_law() {
    for (low, high) in [(40.0, 80.0), (5.0, 15.0)] {
        let value = ValueLaw::Uniform { low, high };
        let mut rng = stream_of(&format!("uniform value {low} {high}"));
        let draws = draws_f64(|| value.sample(&mut rng));
        let what = format!("uniform value [{low}, {high}]");
        assert!(
            draws.iter().all(|v| (low..=high).contains(v)),
            "{what}: in range"
        );
        assert_moments(
            &what,
            &draws,
            0.5 * (low + high),
            (high - low).powi(2) / 12.0,
        );
        let exact = law(Uniform::new(low, high));
        assert_kolmogorov_smirnov(&what, &draws, |x| exact.cdf(x));
    }
}

/// A lognormal value is given by ITS OWN mean and sd: ln V is normal with variance sigma^2 =
/// ln(1 + (sd / mean)^2) and mean mu = ln(mean) - sigma^2 / 2, so that E[V] = e^(mu + sigma^2
/// / 2) = mean and Var V = mean^2 (e^(sigma^2) - 1) = sd^2.
#[test]
fn lognormal_values_have_their_own_mean_and_sd() {
    for (mean, sd) in [(65.0, 30.0), (250.0, 80.0), (12_000.0, 5000.0)] {
        let value = ValueLaw::Lognormal { mean, sd };
        let mut rng = stream_of(&format!("lognormal value {mean} {sd}"));
        let draws = draws_f64(|| value.sample(&mut rng));
        let what = format!("lognormal value, mean {mean}, sd {sd}");
        assert!(draws.iter().all(|&v| v > 0.0), "{what}: positive");
        assert_moments(&what, &draws, mean, sd * sd);
        let sigma2 = (1.0 + (sd / mean).powi(2)).ln();
        let exact = law(LogNormal::new(mean.ln() - sigma2 / 2.0, sigma2.sqrt()));
        assert_kolmogorov_smirnov(&what, &draws, |x| exact.cdf(x));
    }
}

/// The Irwin–Hall law: the distribution function of the sum of n independent uniforms on
/// [0, 1], F(x) = (1 / n!) sum over k = 0..=floor(x) of (-1)^k C(n, k) (x - k)^n.
fn irwin_hall_cdf(n: u64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= n as f64 {
        return 1.0;
    }
    let mut total = 0.0;
    let mut binomial = 1.0; // C(n, k)
    for k in 0..=(x.floor() as u64) {
        let sign = if k % 2 == 0 { 1.0 } else { -1.0 };
        total += sign * binomial * (x - k as f64).powi(n as i32);
        binomial *= (n - k) as f64 / (k + 1) as f64;
    }
    let factorial: f64 = (1..=n).map(|i| i as f64).product();
    (total / factorial).clamp(0.0, 1.0)
}

/// Small sums: a sum of n uniform values
/// on [low, high] is n low + (high - low) times an Irwin–Hall variable, of mean n (low + high)
/// / 2 and variance n (high - low)^2 / 12. A sum of n lognormal values has n times the mean and
/// the variance of one.
#[test]
fn sums_of_up_to_eight_values_follow_the_law_of_the_sum() {
    // The Irwin–Hall formula itself: n = 1 is the uniform law, n = 2 the triangle, and every
    // law is symmetric about n / 2.
    assert!((irwin_hall_cdf(1, 0.3) - 0.3).abs() < 1e-12);
    assert!((irwin_hall_cdf(2, 0.5) - 0.125).abs() < 1e-12);
    assert!((irwin_hall_cdf(2, 1.5) - 0.875).abs() < 1e-12);
    for n in 1..=8 {
        assert!(
            (irwin_hall_cdf(n, n as f64 / 2.0) - 0.5).abs() < 1e-9,
            "F_{n}(n/2)"
        );
    }
    let (low, high) = (40.0, 80.0);
    let uniform = ValueLaw::Uniform { low, high };
    for count in [2, 3, 5, 8] {
        let mut rng = stream_of(&format!("uniform sum {count}"));
        let sampler = ValueSum::new(uniform);
        let draws = draws_f64(|| sampler.sample(count, &mut rng));
        let what = format!("sum of {count} uniform values on [{low}, {high}]");
        let n = count as f64;
        assert_moments(
            &what,
            &draws,
            n * (low + high) / 2.0,
            n * (high - low).powi(2) / 12.0,
        );
        assert_kolmogorov_smirnov(&what, &draws, |x| {
            irwin_hall_cdf(count, (x - n * low) / (high - low))
        });
    }
    let (mean, sd) = (65.0, 30.0);
    let lognormal = ValueLaw::Lognormal { mean, sd };
    for count in [2, 8] {
        let mut rng = stream_of(&format!("lognormal sum {count}"));
        let sampler = ValueSum::new(lognormal);
        let draws = draws_f64(|| sampler.sample(count, &mut rng));
        let n = count as f64;
        assert_moments(
            &format!("sum of {count} lognormal values, mean {mean}, sd {sd}"),
            &draws,
            n * mean,
            n * sd * sd,
        );
    }
}

/// Larger sums keep the sum's exact mean and variance and its range (their whole law is held
/// by the grid tests below).
#[test]
fn sums_of_more_than_eight_values_keep_the_mean_and_variance_of_the_sum() {
    let uniform = ValueLaw::Uniform {
        low: 40.0,
        high: 80.0,
    };
    let lognormal = ValueLaw::Lognormal {
        mean: 65.0,
        sd: 30.0,
    };
    for (value, mean, variance) in [(uniform, 60.0, 1600.0 / 12.0), (lognormal, 65.0, 900.0)] {
        for count in [9, 40, 1000] {
            let mut rng = stream_of(&format!("{value:?} sum {count}"));
            let sampler = ValueSum::new(value);
            let draws = draws_f64(|| sampler.sample(count, &mut rng));
            let n = count as f64;
            let what = format!("sum of {count} values {value:?}");
            if let ValueLaw::Uniform { low, high } = value {
                assert!(
                    draws.iter().all(|s| (n * low..=n * high).contains(s)),
                    "{what}: in range"
                );
            } else {
                assert!(draws.iter().all(|&s| s > 0.0), "{what}: positive");
            }
            assert_moments(&what, &draws, n * mean, n * variance);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Arrivals
// ---------------------------------------------------------------------------------------------

/// Runs of each engine per arrival law.
const ARRIVAL_RUNS: u32 = 20_000;

/// A source sending Poisson(`per_day`) leads on each of 3 days, into a stage that loses them
/// all the same day.
fn arrivals_model(arrivals: &str) -> scenario::Model {
    let json = format!(
        r#"{{"horizon_days": 3,
            "sources": [{{"name": "S", "entry": "A", "per_day": {arrivals}}}],
            "stages": [{{"name": "A", "conversion": 0, "delay_days": {{"fixed": 0}}}}]}}"#
    );
    match scenario::load(&json) {
        Ok((_, model)) => model,
        Err(error) => panic!("arrivals scenario: {error}"),
    }
}

/// Leads per run of a source of Poisson(m) a day over 3 days: Poisson(3 m) in both engines
/// (the fast engine draws the total, the reference each day), mean and variance 3 m. Means
/// below and above 12 meet rand_distr's two Poisson algorithms.
#[test]
fn poisson_arrivals_give_poisson_counts_in_both_engines() {
    for per_day in [1.2, 100.0] {
        let model = arrivals_model(&format!(r#"{{"poisson": {per_day}}}"#));
        let simulation = Simulation::new(&model);
        let fast: Vec<u64> = (0..ARRIVAL_RUNS)
            .map(|run| simulation.run(SEED, run).leads)
            .collect();
        let per_lead: Vec<u64> = (0..ARRIVAL_RUNS)
            .map(|run| reference::run(&model, SEED, run).leads)
            .collect();
        let mean = 3.0 * per_day;
        let exact = law(Poisson::new(mean));
        for (engine, leads) in [("fast engine", &fast), ("reference", &per_lead)] {
            let what = format!("{engine}: leads of Poisson({per_day}) a day over 3 days");
            assert_moments(&what, &as_f64(leads), mean, mean);
            assert_chi_square(&what, leads, |k| exact.pmf(k));
        }
    }
    // A fixed source sends exactly its number every day.
    let model = arrivals_model(r#"{"fixed": 7}"#);
    let simulation = Simulation::new(&model);
    for run in 0..100 {
        assert_eq!(
            simulation.run(SEED, run).leads,
            21,
            "fast engine, fixed 7 a day"
        );
        assert_eq!(
            reference::run(&model, SEED, run).leads,
            21,
            "reference, fixed 7 a day"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Sums of values over the whole grid (issue 12: exact for every value law)
// ---------------------------------------------------------------------------------------------
//
// `ValueSum` promises, for every value law, a coefficient of variation from 0 to 10 and every
// count from 1 to 10^7, the exact law of the sum or one within 0.005 of it in Kolmogorov
// distance. The references, independent of the sampler's own decomposition:
// - small counts (up to 30): sums drawn value by value with `ValueLaw::sample` (one draw per
//   value, no sum sampler involved), against the sampler under a two-sample Kolmogorov–Smirnov
//   test;
// - larger counts (100 to 10^7), where that is too slow: the exact distribution function of the
//   sum, computed from its characteristic function. The sum of n values standardised, Y = (S -
//   n mean) / (sd sqrt n), has the characteristic function psi(u) = exp(n l(u / (sd sqrt n)))
//   with l(s) = ln E[e^{is(V - mean)}]; Gil-Pelaez inversion gives F(y) = 1/2 - (1/pi)
//   integral over u > 0 of Im(e^{-iuy} psi(u)) / u. For uniform values l is closed-form (a
//   sinc); for lognormal values it is an integral over the normal variable z of ln V, taken
//   by 8-point Gauss–Legendre panels narrow enough to follow the phase (at most half a radian
//   each) up to where s V reaches 200 radians, and beyond that by two integrations by parts
//   (the oscillation averages the rest out; the terms left are below 1e-12 of the sum's law
//   here). The inversion is itself checked against laws known in closed form (one lognormal,
//   Irwin–Hall sums) to 1e-4.
// The sampler's 100,000 sums are then held to F by a one-sample Kolmogorov–Smirnov test read
// at 199 of their own quantiles (a maximum over fewer points, so its p-value is conservative).
// With 100,000 draws the test's critical distance at ALPHA is 0.0062, so a sampler 0.01 from
// the exact law fails it; two-sample tests with 100,000 draws a side reject at 0.0087.

/// Draws per sampler in the grid tests.
const SUM_DRAWS: usize = 100_000;

/// A complex number, just what the characteristic functions need.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Complex {
    re: f64,
    im: f64,
}

impl Complex {
    fn new(re: f64, im: f64) -> Complex {
        Complex { re, im }
    }
    fn mul(self, other: Complex) -> Complex {
        Complex::new(
            self.re * other.re - self.im * other.im,
            self.re * other.im + self.im * other.re,
        )
    }
    fn add(self, other: Complex) -> Complex {
        Complex::new(self.re + other.re, self.im + other.im)
    }
    fn scale(self, x: f64) -> Complex {
        Complex::new(self.re * x, self.im * x)
    }
    /// e^{i theta}.
    fn unit(theta: f64) -> Complex {
        Complex::new(theta.cos(), theta.sin())
    }
    fn exp(self) -> Complex {
        Complex::unit(self.im).scale(self.re.exp())
    }
    fn norm(self) -> f64 {
        self.re.hypot(self.im)
    }
}

/// The nodes and weights of 8-point Gauss–Legendre quadrature on [-1, 1].
const GAUSS_8: [(f64, f64); 8] = [
    (-0.960_289_856_497_536_2, 0.101_228_536_290_376_26),
    (-0.796_666_477_413_626_7, 0.222_381_034_453_374_47),
    (-0.525_532_409_916_329, 0.313_706_645_877_887_3),
    (-0.183_434_642_495_649_8, 0.362_683_783_378_362),
    (0.183_434_642_495_649_8, 0.362_683_783_378_362),
    (0.525_532_409_916_329, 0.313_706_645_877_887_3),
    (0.796_666_477_413_626_7, 0.222_381_034_453_374_47),
    (0.960_289_856_497_536_2, 0.101_228_536_290_376_26),
];

fn normal_density(z: f64) -> f64 {
    (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt()
}

/// P(Z > z) for a standard normal Z.
fn normal_upper(z: f64) -> f64 {
    0.5 * erfc(z / std::f64::consts::SQRT_2)
}

/// e^{i theta} - 1 - i theta, without cancellation for small theta.
fn oscillation(theta: f64) -> Complex {
    let half = (0.5 * theta).sin();
    let im = if theta.abs() < 0.1 {
        let t3 = theta.powi(3);
        -t3 / 6.0 + t3 * theta * theta / 120.0 - t3 * theta.powi(4) / 5040.0
    } else {
        theta.sin() - theta
    };
    Complex::new(-2.0 * half * half, im)
}

/// A value law seen by the references: mean, sd and the centred log characteristic function.
#[derive(Debug, Clone, Copy)]
enum Reference {
    /// V = mean e^{sigma z - sigma^2 / 2}.
    Lognormal {
        mean: f64,
        sigma: f64,
    },
    Uniform {
        low: f64,
        high: f64,
    },
}

impl Reference {
    fn of(law: ValueLaw) -> Reference {
        match law {
            ValueLaw::Lognormal { mean, sd } => Reference::Lognormal {
                mean,
                sigma: (sd / mean).powi(2).ln_1p().sqrt(),
            },
            ValueLaw::Uniform { low, high } => Reference::Uniform { low, high },
            ValueLaw::Fixed(_) => panic!("fixed sums are checked exactly"),
        }
    }

    fn mean_sd(self) -> (f64, f64) {
        match self {
            Reference::Lognormal { mean, sigma } => (mean, mean * (sigma * sigma).exp_m1().sqrt()),
            Reference::Uniform { low, high } => (0.5 * (low + high), (high - low) / 12f64.sqrt()),
        }
    }

    /// ln E[e^{is(V - mean)}] (any branch: it is only exponentiated).
    fn log_cf(self, s: f64) -> Complex {
        match self {
            Reference::Uniform { low, high } => {
                let half = 0.5 * s * (high - low);
                let sinc = if half.abs() < 1e-8 {
                    1.0
                } else {
                    half.sin() / half
                };
                let phase = if sinc < 0.0 {
                    std::f64::consts::PI
                } else {
                    0.0
                };
                Complex::new(sinc.abs().ln(), phase)
            }
            Reference::Lognormal { mean, sigma } => {
                // E[e^{isV} - 1 - isV] = r, then l = ln(1 + i s mean + r) - i s mean.
                let s = s * mean; // in units of the mean
                let value = |z: f64| (sigma * z - 0.5 * sigma * sigma).exp();
                const TURNS: f64 = 200.0;
                let cut = if s > 0.0 {
                    (((TURNS / s).ln() + 0.5 * sigma * sigma) / sigma).min(14.0)
                } else {
                    14.0
                };
                let mut r = Complex::new(0.0, 0.0);
                let mut z = -12.0;
                while z < cut {
                    let rate = s * value(z) * sigma;
                    let width = (0.5 / rate.max(1e-300)).min(0.2).min(cut - z);
                    for (node, weight) in GAUSS_8 {
                        let x = z + 0.5 * width * (node + 1.0);
                        r = r.add(
                            oscillation(s * value(x))
                                .scale(0.5 * width * weight * normal_density(x)),
                        );
                    }
                    z += width;
                }
                if cut < 14.0 {
                    // Beyond the cut: integral of e^{i theta} phi = e^{i theta_c} phi_c (i /
                    // theta' + (z_c + sigma) / theta'^2) by parts, minus P(Z > z_c) and
                    // i s E[V; Z > z_c] = i s P(Z > z_c - sigma).
                    let theta = s * value(cut);
                    let rate = theta * sigma;
                    let density = normal_density(cut);
                    let parts = Complex::unit(theta)
                        .mul(Complex::new((cut + sigma) / (rate * rate), 1.0 / rate))
                        .scale(density);
                    r = r.add(parts).add(Complex::new(
                        -normal_upper(cut),
                        -s * normal_upper(cut - sigma),
                    ));
                }
                let one_plus = Complex::new(1.0 + r.re, s + r.im);
                let modulus = 0.5 * (2.0 * r.re + r.re * r.re + (s + r.im).powi(2)).ln_1p();
                Complex::new(modulus, one_plus.im.atan2(one_plus.re) - s)
            }
        }
    }
}

/// The exact distribution function of the sum of `count` values, standardised, at each of
/// `points`, by Gil-Pelaez inversion of its characteristic function.
fn exact_sum_cdf(law: Reference, count: u64, points: &[f64]) -> Vec<f64> {
    let n = count as f64;
    let (_, sd) = law.mean_sd();
    let scale = 1.0 / (sd * n.sqrt());
    let mut integrals = vec![0.0; points.len()];
    let width = 0.05;
    let mut u0 = 0.0;
    loop {
        let mut largest: f64 = 0.0;
        for (node, weight) in GAUSS_8 {
            let u = u0 + 0.5 * width * (node + 1.0);
            let psi = law.log_cf(u * scale).scale(n).exp();
            largest = largest.max(psi.norm());
            let w = 0.5 * width * weight / u;
            for (integral, &y) in integrals.iter_mut().zip(points) {
                *integral += w * Complex::unit(-u * y).mul(psi).im;
            }
        }
        u0 += width;
        if (largest < 1e-11 && u0 >= 4.0) || u0 > 2000.0 {
            break;
        }
    }
    integrals
        .iter()
        .map(|integral| 0.5 - integral / std::f64::consts::PI)
        .collect()
}

/// The sampler's sums held to the exact law of the sum: one-sample Kolmogorov–Smirnov read at
/// 199 of the draws' quantiles. Returns the distance.
#[track_caller]
fn assert_sums_follow_exact_law(what: &str, law: ValueLaw, count: u64, draws: &[f64]) -> f64 {
    let reference = Reference::of(law);
    let (mean, sd) = reference.mean_sd();
    let n = count as f64;
    let mut sorted: Vec<f64> = draws
        .iter()
        .map(|s| (s - n * mean) / (sd * n.sqrt()))
        .collect();
    sorted.sort_by(f64::total_cmp);
    let total = sorted.len();
    let ranks: Vec<usize> = (1..200).map(|i| i * total / 200).collect();
    let points: Vec<f64> = ranks.iter().map(|&i| sorted[i]).collect();
    let exact = exact_sum_cdf(reference, count, &points);
    let mut gap: f64 = 0.0;
    for (&i, &f) in ranks.iter().zip(&exact) {
        gap = gap.max((f - i as f64 / total as f64).abs());
        gap = gap.max(((i + 1) as f64 / total as f64 - f).abs());
    }
    let root = (total as f64).sqrt();
    let p_value = kolmogorov_tail((root + 0.12 + 0.11 / root) * gap);
    assert!(
        p_value >= ALPHA,
        "{what}: Kolmogorov-Smirnov D = {gap:.4} against the exact law, p-value {p_value:.2e} < {ALPHA}"
    );
    gap
}

/// A two-sample Kolmogorov–Smirnov test: fails when the two samples' distribution functions
/// are further apart than chance allows at `ALPHA`. Returns the distance.
#[track_caller]
fn assert_same_law(what: &str, a: &[f64], b: &[f64]) -> f64 {
    let KolmogorovSmirnov { distance, p_value } = kolmogorov_smirnov(a, b);
    assert!(
        p_value >= ALPHA,
        "{what}: two-sample Kolmogorov-Smirnov D = {distance:.4}, p-value {p_value:.2e} < {ALPHA}"
    );
    distance
}

/// The lognormal law of mean 1000 with this coefficient of variation.
fn lognormal_cv(cv: f64) -> ValueLaw {
    ValueLaw::Lognormal {
        mean: 1000.0,
        sd: 1000.0 * cv,
    }
}

/// `SUM_DRAWS` sums of `count` values from the sampler.
fn sampler_sums(law: ValueLaw, count: u64, name: &str) -> Vec<f64> {
    let sums = ValueSum::new(law);
    let mut rng = stream_of(&format!("sampler {name} {count}"));
    (0..SUM_DRAWS)
        .map(|_| sums.sample(count, &mut rng))
        .collect()
}

/// `SUM_DRAWS` sums of `count` values drawn one by one.
fn value_by_value_sums(law: ValueLaw, count: u64, name: &str) -> Vec<f64> {
    let mut rng = stream_of(&format!("value by value {name} {count}"));
    (0..SUM_DRAWS)
        .map(|_| (0..count).map(|_| law.sample(&mut rng)).sum())
        .collect()
}

/// The promise on small counts, against sums drawn value by value: 1, 2, 8, 9 and 30 values of
/// every coefficient of variation of the grid, and the range (never below zero, never above n
/// high) with the exact mean.
fn check_small_counts(law: ValueLaw, name: &str) {
    for count in [1, 2, 8, 9, 30] {
        let what = format!("sum of {count} values {law:?}");
        let fast = sampler_sums(law, count, name);
        let slow = value_by_value_sums(law, count, name);
        assert_same_law(&what, &fast, &slow);
        assert!(fast.iter().all(|&s| s >= 0.0), "{what}: never negative");
        if let ValueLaw::Uniform { low, high } = law {
            let n = count as f64;
            assert!(
                fast.iter().all(|&s| (n * low..=n * high).contains(&s)),
                "{what}: in range"
            );
        }
    }
}

/// The promise on large counts, against the exact law: 100, 1000, 10^5 and 10^7 values.
fn check_large_counts(law: ValueLaw, name: &str) {
    for count in [100, 1000, 100_000, 10_000_000] {
        let what = format!("sum of {count} values {law:?}");
        let fast = sampler_sums(law, count, name);
        let distance = assert_sums_follow_exact_law(&what, law, count, &fast);
        println!("{what}: D = {distance:.4}");
        assert!(fast.iter().all(|&s| s >= 0.0), "{what}: never negative");
        let n = count as f64;
        let (mean, variance) = (law.mean(), law.variance());
        assert_moments_of_sums(&what, &fast, n * mean, n * variance);
    }
}

/// The mean of sums within 4 standard errors of the exact mean.
#[track_caller]
fn assert_moments_of_sums(what: &str, sums: &[f64], mean: f64, variance: f64) {
    let n = sums.len() as f64;
    let sample_mean = sums.iter().sum::<f64>() / n;
    let error = (variance / n).sqrt();
    assert!(
        (sample_mean - mean).abs() <= MAX_STANDARD_ERRORS * error + 1e-9 * mean,
        "{what}: mean {sample_mean}, expected {mean} (standard error {error})"
    );
}

/// The characteristic-function reference itself, against laws known in closed form: one
/// lognormal value (statrs), and sums of 8 and 20 uniform values (Irwin–Hall), to 1e-4.
#[test]
fn the_exact_sum_reference_inverts_known_laws() {
    let points: Vec<f64> = (-30..=60).map(|i| f64::from(i) * 0.1).collect();
    for cv in [0.1, 0.5] {
        let value = lognormal_cv(cv);
        let reference = Reference::of(value);
        let (mean, sd) = reference.mean_sd();
        let sigma2 = (1.0 + cv * cv).ln();
        let exact = law(LogNormal::new(mean.ln() - sigma2 / 2.0, sigma2.sqrt()));
        let inverted = exact_sum_cdf(reference, 1, &points);
        for (&y, &f) in points.iter().zip(&inverted) {
            let x = mean + sd * y;
            let truth = if x > 0.0 { exact.cdf(x) } else { 0.0 };
            assert!(
                (f - truth).abs() < 1e-4,
                "lognormal cv {cv} at {x}: {f} vs {truth}"
            );
        }
    }
    let (low, high) = (40.0, 80.0);
    let reference = Reference::of(ValueLaw::Uniform { low, high });
    for count in [8u64, 20] {
        let n = count as f64;
        let inverted = exact_sum_cdf(reference, count, &points);
        let sd = (high - low) * (n / 12.0).sqrt();
        for (&y, &f) in points.iter().zip(&inverted) {
            let x = n * 60.0 + sd * y;
            let truth = irwin_hall_cdf(count, (x - n * low) / (high - low));
            assert!(
                (f - truth).abs() < 1e-4,
                "Irwin–Hall {count} at {x}: {f} vs {truth}"
            );
        }
    }
}

/// Lognormal values with a coefficient of variation of 0 (a fixed value), 0.1 and 1: sums of
/// 1 to 10^7 values.
#[test]
fn lognormal_sums_of_light_and_moderate_tails_follow_the_law_of_the_sum() {
    let mut rng = stream_of("lognormal cv 0");
    let constant = ValueSum::new(lognormal_cv(0.0));
    for count in [1, 2, 8, 9, 30, 100, 1000, 100_000, 10_000_000] {
        assert_eq!(
            constant.sample(count, &mut rng),
            1000.0 * count as f64,
            "cv 0, {count}"
        );
    }
    for cv in [0.1, 1.0] {
        let name = format!("lognormal cv {cv}");
        check_small_counts(lognormal_cv(cv), &name);
        check_large_counts(lognormal_cv(cv), &name);
    }
}

/// Lognormal values with a coefficient of variation of 3: sums of 1 to 10^7 values.
#[test]
fn lognormal_sums_of_heavy_tails_follow_the_law_of_the_sum() {
    check_small_counts(lognormal_cv(3.0), "lognormal cv 3");
    check_large_counts(lognormal_cv(3.0), "lognormal cv 3");
}

/// Lognormal values with a coefficient of variation of 10: sums of 1 to 30 values.
#[test]
fn small_lognormal_sums_of_very_heavy_tails_follow_the_law_of_the_sum() {
    check_small_counts(lognormal_cv(10.0), "lognormal cv 10");
}

/// Lognormal values with a coefficient of variation of 10: sums of 100 to 10^7 values.
#[test]
fn large_lognormal_sums_of_very_heavy_tails_follow_the_law_of_the_sum() {
    check_large_counts(lognormal_cv(10.0), "lognormal cv 10");
}

/// Uniform values: a coefficient of variation of 0 (low = high), 0.1 and the largest a
/// uniform law can have, 1 / sqrt(3) (low = 0); fixed values: sums of 1 to 10^7 values.
#[test]
fn uniform_and_fixed_sums_follow_the_law_of_the_sum() {
    let mut rng = stream_of("uniform cv 0");
    let constant = ValueSum::new(ValueLaw::Uniform {
        low: 7.0,
        high: 7.0,
    });
    let fixed = ValueSum::new(ValueLaw::Fixed(12.5));
    for count in [1, 2, 8, 9, 30, 100, 1000, 100_000, 10_000_000] {
        assert_eq!(
            constant.sample(count, &mut rng),
            7.0 * count as f64,
            "uniform cv 0, {count}"
        );
        assert_eq!(
            fixed.sample(count, &mut rng),
            12.5 * count as f64,
            "fixed, {count}"
        );
    }
    // sd (high - low) / sqrt(12) = 0.1 * 100.
    let half = 0.5 * 12f64.sqrt() * 10.0;
    for (low, high) in [(100.0 - half, 100.0 + half), (0.0, 200.0)] {
        let law = ValueLaw::Uniform { low, high };
        let name = format!("uniform {low} {high}");
        check_small_counts(law, &name);
        check_large_counts(law, &name);
    }
}

/// Where the sampler changes how it draws is where its law is furthest from the sum's: the
/// first count drawn otherwise than value by value, and the first count of every later change
/// of threshold up to 10^7, for coefficients of variation between the grid's (0.32 is the
/// planning benchmark's, 4 the issue's deals). Each is held to the exact law.
fn check_every_change_of_method(cv: f64) {
    let law = lognormal_cv(cv);
    let sums = ValueSum::new(law);
    let mut previous = SumMethod::ValueByValue;
    let mut changes = Vec::new();
    for k in 0..24 {
        let count = 1u64 << k;
        let method = sums.method(count);
        if method != previous {
            // The first count of the band whose method changed: the band starts at 2^k.
            changes.push(count);
        }
        previous = method;
    }
    assert!(
        !changes.is_empty(),
        "cv {cv}: some count is not drawn value by value"
    );
    for count in changes {
        let what = format!("sum of {count} values {law:?} ({:?})", sums.method(count));
        let fast = sampler_sums(law, count, &format!("changes {cv}"));
        let distance = if count <= 30 {
            assert_same_law(&what, &fast, &value_by_value_sums(law, count, "changes"))
        } else {
            assert_sums_follow_exact_law(&what, law, count, &fast)
        };
        println!("{what}: D = {distance:.4}");
    }
}

#[test]
fn every_change_of_method_keeps_the_sum_within_its_law_at_the_benchmarks_spread() {
    check_every_change_of_method(0.32);
}

#[test]
fn every_change_of_method_keeps_the_sum_within_its_law_at_a_spread_of_2() {
    check_every_change_of_method(2.0);
}

#[test]
fn every_change_of_method_keeps_the_sum_within_its_law_at_the_deals_spread() {
    check_every_change_of_method(4.0);
}

/// The issue's deals: 40 deals each closing with probability 0.3 on the same day, worth a
/// lognormal value of mean 50,000 and sd 200,000. The revenue's p5, p25 and p95 from the
/// sampler against deal-by-deal draws (the Fenton–Wilkinson lognormal put them 36% low, 23%
/// low and 15% high), each within 3% (the draws' own error is under 1%), and the whole law
/// under a two-sample test.
#[test]
fn the_issues_deals_have_the_revenue_of_deal_by_deal_draws() {
    use rand_distr::{Binomial, Distribution};
    let law = ValueLaw::Lognormal {
        mean: 50_000.0,
        sd: 200_000.0,
    };
    let sums = ValueSum::new(law);
    let deals = match Binomial::new(40, 0.3) {
        Ok(law) => law,
        Err(error) => panic!("{error}"),
    };
    let draws = 200_000;
    let mut rng = stream_of("deals, sampler");
    let mut fast: Vec<f64> = (0..draws)
        .map(|_| sums.sample(deals.sample(&mut rng), &mut rng))
        .collect();
    let mut rng = stream_of("deals, deal by deal");
    let mut slow: Vec<f64> = (0..draws)
        .map(|_| {
            (0..deals.sample(&mut rng))
                .map(|_| law.sample(&mut rng))
                .sum()
        })
        .collect();
    let (fast_unsorted, slow_unsorted) = (fast.clone(), slow.clone());
    fast.sort_by(f64::total_cmp);
    slow.sort_by(f64::total_cmp);
    for level in [0.05, 0.25, 0.95] {
        let index = (level * draws as f64) as usize;
        let (f, s) = (fast[index], slow[index]);
        assert!(
            (f / s - 1.0).abs() < 0.03,
            "the deals' revenue p{}: {f:.0} from the sampler, {s:.0} deal by deal",
            level * 100.0
        );
    }
    assert_same_law("the deals' revenue", &fast_unsorted, &slow_unsorted);
}
