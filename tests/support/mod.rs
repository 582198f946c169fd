//! What several test binaries share (`mod support;` in each): the Kolmogorov–Smirnov tests, of
//! one sample against a distribution function and of two samples against each other, and the
//! tail of the Kolmogorov law they read their p-values from.

#![allow(dead_code, reason = "each test binary uses a part of it")]

/// A Kolmogorov–Smirnov test's outcome.
#[derive(Debug, Clone, Copy)]
pub struct KolmogorovSmirnov {
    /// The largest distance between the distribution functions compared.
    pub distance: f64,
    /// The asymptotic p-value, with the small-sample scaling (√n + 0.12 + 0.11/√n) D of
    /// Stephens (Numerical Recipes). With ties (whole numbers) it is conservative: too large,
    /// never too small, so a rejection is trustworthy.
    pub p_value: f64,
}

/// `P(K > lambda)` for the Kolmogorov distribution: 2 Σ_{k ≥ 1} (−1)^(k−1) e^(−2 k² λ²).
pub fn kolmogorov_tail(lambda: f64) -> f64 {
    // The alternating series converges slowly for small lambda, where the tail is 1 anyway
    // (0.99999 at lambda = 0.3).
    if lambda < 0.3 {
        return 1.0;
    }
    let mut sum = 0.0;
    for k in 1..=100 {
        let k = f64::from(k);
        let term = 2.0 * (-2.0 * k * k * lambda * lambda).exp();
        sum += if k % 2.0 == 1.0 { term } else { -term };
        if term < 1e-16 {
            break;
        }
    }
    sum.clamp(0.0, 1.0)
}

fn outcome(effective: f64, distance: f64) -> KolmogorovSmirnov {
    let lambda = (effective + 0.12 + 0.11 / effective) * distance;
    KolmogorovSmirnov {
        distance,
        p_value: kolmogorov_tail(lambda),
    }
}

/// Two samples against each other.
pub fn kolmogorov_smirnov(a: &[f64], b: &[f64]) -> KolmogorovSmirnov {
    let mut a = a.to_vec();
    let mut b = b.to_vec();
    a.sort_by(f64::total_cmp);
    b.sort_by(f64::total_cmp);
    let (count_a, count_b) = (a.len() as f64, b.len() as f64);
    let (mut i, mut j, mut distance) = (0, 0, 0.0f64);
    // Step through the distinct values of both samples, passing every tie at once, so the
    // distance is measured between the distribution functions and not inside a run of ties.
    while i < a.len() && j < b.len() {
        let x = a[i].min(b[j]);
        while i < a.len() && a[i] <= x {
            i += 1;
        }
        while j < b.len() && b[j] <= x {
            j += 1;
        }
        distance = distance.max((i as f64 / count_a - j as f64 / count_b).abs());
    }
    outcome((count_a * count_b / (count_a + count_b)).sqrt(), distance)
}

/// One sample of continuous draws against the distribution function `cdf`.
pub fn kolmogorov_smirnov_against(values: &[f64], cdf: impl Fn(f64) -> f64) -> KolmogorovSmirnov {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len() as f64;
    let distance = sorted
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            let f = cdf(x);
            (f - i as f64 / n).abs().max((f - (i + 1) as f64 / n).abs())
        })
        .fold(0.0, f64::max);
    outcome(n.sqrt(), distance)
}
