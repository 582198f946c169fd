//! Maximum-likelihood fits of the format's delay laws to whole-day durations with censoring,
//! and of the two-way mixture the format means by a stage: a visit converts with probability
//! `p`, winners leave after `delay_days`, losers after `lost_delay_days`.
//!
//! Durations are counted per whole day (`DayCounts`), so every likelihood costs one table of
//! the law's discretised probabilities (`DelayLaw::pmf`, the engine's own rounding: a
//! continuous law's `D = d` when `d - 0.5 <= X < d + 0.5`) plus one pass over the distinct
//! days, whatever the number of visits. An open visit entered `c` days before the export has
//! not decided on any of days `0..=c` of its stay: it contributes `P(D > c)`, and to the
//! mixture `p·S_win(c) + (1 − p)·S_lose(c)`. The conversion is profiled out (the mixture's
//! log-likelihood is concave in `p`: a safeguarded Newton step), the laws' parameters are
//! found by Nelder–Mead on their logarithms, and the conversion's standard error comes from
//! the observed information (a numerical Hessian in `logit p` and the laws' log-parameters).

use super::optimise::{inverse_first, nelder_mead};
use crate::scenario::{Delay, DelayLaw};

/// Counts of visits per whole number of days: `(day, count)`, days increasing and distinct.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DayCounts(pub Vec<(u32, f64)>);

impl DayCounts {
    /// Counts the days given (sorted: O(n log n)).
    pub fn from_days(mut days: Vec<u32>) -> DayCounts {
        days.sort_unstable();
        let mut counts: Vec<(u32, f64)> = Vec::new();
        for day in days {
            match counts.last_mut() {
                Some((last, n)) if *last == day => *n += 1.0,
                _ => counts.push((day, 1.0)),
            }
        }
        DayCounts(counts)
    }

    /// Both sets of counts together.
    pub fn merged(&self, other: &DayCounts) -> DayCounts {
        let (mut a, mut b) = (self.0.iter().peekable(), other.0.iter().peekable());
        let mut out = Vec::with_capacity(self.0.len() + other.0.len());
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(&&(da, na)), Some(&&(db, nb))) if da == db => {
                    a.next();
                    b.next();
                    (da, na + nb)
                }
                (Some(&&x), Some(&&y)) => {
                    if x.0 < y.0 {
                        a.next();
                        x
                    } else {
                        b.next();
                        y
                    }
                }
                (Some(&&x), None) => {
                    a.next();
                    x
                }
                (None, Some(&&y)) => {
                    b.next();
                    y
                }
                (None, None) => break,
            };
            out.push(next);
        }
        DayCounts(out)
    }

    pub fn total(&self) -> f64 {
        self.0.iter().map(|&(_, n)| n).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn max_day(&self) -> Option<u32> {
        self.0.last().map(|&(d, _)| d)
    }

    pub fn min_day(&self) -> Option<u32> {
        self.0.first().map(|&(d, _)| d)
    }

    /// The mean and variance of the counted days (0 and 0 when empty).
    pub fn moments(&self) -> (f64, f64) {
        let n = self.total();
        if n <= 0.0 {
            return (0.0, 0.0);
        }
        let mean = self.0.iter().map(|&(d, c)| f64::from(d) * c).sum::<f64>() / n;
        let var = self
            .0
            .iter()
            .map(|&(d, c)| c * (f64::from(d) - mean).powi(2))
            .sum::<f64>()
            / n;
        (mean, var)
    }
}

/// One of the format's delay laws, as a candidate for a fit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Family {
    /// Every duration this many days (a candidate only when all closed durations are equal).
    Fixed(u32),
    /// Each day from the shortest to the longest closed duration alike.
    Uniform(u32, u32),
    Exponential,
    Lognormal,
    Gamma,
}

impl Family {
    /// The candidates for durations `closed`: fixed when they are all equal, else uniform over
    /// their range; and the three continuous laws.
    fn candidates(closed: &DayCounts) -> Vec<Family> {
        let first = match (closed.min_day(), closed.max_day()) {
            (Some(lo), Some(hi)) if lo == hi => Family::Fixed(lo),
            (Some(lo), Some(hi)) => Family::Uniform(lo, hi),
            _ => return Vec::new(),
        };
        vec![first, Family::Exponential, Family::Lognormal, Family::Gamma]
    }

    /// Continuous parameters the optimiser moves.
    fn dims(self) -> usize {
        match self {
            Family::Fixed(_) | Family::Uniform(..) => 0,
            Family::Exponential => 1,
            Family::Lognormal | Family::Gamma => 2,
        }
    }

    /// Parameters counted by the information criterion (a day chosen from the data counts).
    fn parameters(self) -> usize {
        match self {
            Family::Fixed(_) | Family::Exponential => 1,
            _ => 2,
        }
    }

    /// Starting log-parameters from the closed durations' moments.
    fn start(self, closed: &DayCounts) -> Vec<f64> {
        let (mean, var) = closed.moments();
        let mean = mean.max(0.05);
        let var = var.max(0.05);
        match self {
            Family::Fixed(_) | Family::Uniform(..) => Vec::new(),
            Family::Exponential => vec![mean.ln()],
            Family::Lognormal => {
                let s2 = (1.0 + var / (mean * mean)).ln();
                vec![
                    (mean / (1.0 + var / (mean * mean)).sqrt()).ln(),
                    0.5 * s2.ln(),
                ]
            }
            Family::Gamma => vec![(mean * mean / var).ln(), (var / mean).ln()],
        }
    }

    /// The law of log-parameters `x`, kept inside what validation accepts.
    fn law(self, x: &[f64]) -> DelayLaw {
        let at = |i: usize, lo: f64, hi: f64| x.get(i).map_or(lo, |v| v.exp().clamp(lo, hi));
        match self {
            Family::Fixed(d) => DelayLaw::Fixed(d),
            Family::Uniform(min, max) => DelayLaw::Uniform { min, max },
            Family::Exponential => DelayLaw::Exponential {
                mean: at(0, 1e-3, 1e5),
            },
            Family::Lognormal => DelayLaw::Lognormal {
                median: at(0, 1e-3, 1e5),
                sigma: at(1, 1e-3, 10.0),
            },
            Family::Gamma => DelayLaw::Gamma {
                shape: at(0, 1e-3, 1e6),
                scale: at(1, 1e-3, 1e5),
            },
        }
    }
}

/// The format's form of a validated delay law.
pub fn delay_of(law: DelayLaw) -> Delay {
    match law {
        DelayLaw::Fixed(d) => Delay::Fixed(i64::from(d)),
        DelayLaw::Uniform { min, max } => Delay::Uniform {
            min: i64::from(min),
            max: i64::from(max),
        },
        DelayLaw::Exponential { mean } => Delay::Exponential { mean },
        DelayLaw::Lognormal { median, sigma } => Delay::Lognormal { median, sigma },
        DelayLaw::Gamma { shape, scale } => Delay::Gamma { shape, scale },
    }
}

/// One candidate law's fit, kept for the report.
#[derive(Debug, Clone, PartialEq)]
pub struct LawFit {
    pub law: DelayLaw,
    /// The whole model's log-likelihood with this law (None when it cannot produce the data:
    /// a duration outside a fixed or uniform law's days).
    pub log_likelihood: Option<f64>,
    /// Akaike's criterion, `2k − 2 log L` (the lower, the better), with `k` counting the
    /// whole model's parameters.
    pub aic: Option<f64>,
}

/// The durations of one stage's visits: won and lost (closed) and open at the export.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sample {
    pub wins: DayCounts,
    pub losses: DayCounts,
    /// Open visits by the days they had spent in the stage on the export day.
    pub open: DayCounts,
}

/// A fitted mixture: the probability of the first kind of end, its law and, unless the model
/// chosen has one law for both, the other kind's.
#[derive(Debug, Clone, PartialEq)]
pub struct MixtureFit {
    pub p: f64,
    /// Standard error of `p` from the observed information.
    pub se: f64,
    pub win: DelayLaw,
    /// `None`: the losers' law is the winners' (or, for a cure model, there are none).
    pub lose: Option<DelayLaw>,
    pub win_candidates: Vec<LawFit>,
    pub lose_candidates: Vec<LawFit>,
    pub log_likelihood: f64,
    /// Akaike's criterion of the model with one law for both ends and with two (when fitted).
    pub aic_one_law: Option<f64>,
    pub aic_two_laws: Option<f64>,
}

/// The other end of the mixture.
#[derive(Debug, Clone, Copy)]
enum Lose {
    /// Losers never leave (a cure model: deals lost to nurture that never return).
    Never,
    Law(Family),
}

/// A law's probabilities and survival at the days a sample holds (`days`, sorted, distinct):
/// each computed at its day alone, so the cost follows the number of distinct days, not the
/// longest duration (a history with one date mistyped a thousand years off stays quick).
struct Table<'a> {
    days: &'a [u32],
    pmf: Vec<f64>,
    /// `P(D > d)`.
    survival: Vec<f64>,
}

impl<'a> Table<'a> {
    fn new(law: &DelayLaw, days: &'a [u32]) -> Table<'a> {
        let (pmf, survival) = days.iter().map(|&d| law.at_day(d)).unzip();
        Table {
            days,
            pmf,
            survival,
        }
    }

    /// `(P(D = d), P(D > d))`; a day the sample does not hold (never asked) has neither.
    fn at(&self, d: u32) -> (f64, f64) {
        match self.days.binary_search(&d) {
            Ok(i) => (self.pmf[i], self.survival[i]),
            Err(_) => (0.0, 0.0),
        }
    }

    fn survival_at(&self, d: u32) -> f64 {
        self.at(d).1
    }

    fn log_pmf_sum(&self, counts: &DayCounts) -> f64 {
        counts.0.iter().map(|&(d, n)| n * self.at(d).0.ln()).sum()
    }

    fn log_survival_sum(&self, counts: &DayCounts) -> f64 {
        counts.0.iter().map(|&(d, n)| n * self.at(d).1.ln()).sum()
    }
}

/// `n·ln x` with `0·ln 0 = 0`.
fn n_ln(n: f64, x: f64) -> f64 {
    if n == 0.0 { 0.0 } else { n * x.ln() }
}

struct Mixture<'a> {
    sample: &'a Sample,
    win: Family,
    lose: Lose,
    days: &'a [u32],
    wins: f64,
    losses: f64,
}

impl<'a> Mixture<'a> {
    fn tables(&self, x: &[f64]) -> (Table<'a>, Option<Table<'a>>) {
        let (xw, xl) = x.split_at(self.win.dims());
        let win = Table::new(&self.win.law(xw), self.days);
        let lose = match self.lose {
            Lose::Never => None,
            Lose::Law(f) => Some(Table::new(&f.law(xl), self.days)),
        };
        (win, lose)
    }

    /// Open visits' survival under each end: `(count, S_win(c), S_lose(c))`.
    fn open_terms(&self, win: &Table, lose: &Option<Table>) -> Vec<(f64, f64, f64)> {
        self.sample
            .open
            .0
            .iter()
            .map(|&(c, n)| {
                let b = lose.as_ref().map_or(1.0, |t| t.survival_at(c));
                (n, win.survival_at(c), b)
            })
            .collect()
    }

    /// The log-likelihood at conversion `p`, given the tables.
    fn log_likelihood(&self, p: f64, win: &Table, lose: &Option<Table>) -> f64 {
        let mut ll = n_ln(self.wins, p) + win.log_pmf_sum(&self.sample.wins);
        if let Some(lose) = lose {
            ll += n_ln(self.losses, 1.0 - p) + lose.log_pmf_sum(&self.sample.losses);
        }
        for (n, a, b) in self.open_terms(win, lose) {
            ll += n * (p * a + (1.0 - p) * b).ln();
        }
        ll
    }

    /// The conversion maximising the likelihood given the laws (concave in `p`).
    fn best_p(&self, open: &[(f64, f64, f64)]) -> f64 {
        let (w, l) = (self.wins, self.losses);
        let slope = |p: f64| {
            let mut g = w / p - l / (1.0 - p);
            let mut h = -w / (p * p) - l / ((1.0 - p) * (1.0 - p));
            for &(n, a, b) in open {
                let m = p * a + (1.0 - p) * b;
                if m > 0.0 {
                    g += n * (a - b) / m;
                    h -= n * ((a - b) / m).powi(2);
                }
            }
            (g, h)
        };
        let (mut lo, mut hi) = (1e-12, 1.0 - 1e-12);
        if slope(hi).0 >= 0.0 {
            return hi;
        }
        if slope(lo).0 <= 0.0 {
            return lo;
        }
        let mut p = if w + l > 0.0 {
            (w / (w + l)).clamp(lo, hi)
        } else {
            0.5
        };
        for _ in 0..100 {
            let (g, h) = slope(p);
            if g > 0.0 {
                lo = p;
            } else {
                hi = p;
            }
            let newton = p - g / h;
            let next = if h < 0.0 && newton > lo && newton < hi {
                newton
            } else {
                0.5 * (lo + hi)
            };
            if (next - p).abs() < 1e-13 || hi - lo < 1e-13 {
                return next;
            }
            p = next;
        }
        p
    }

    /// The profile: the best `p` and the log-likelihood there, for log-parameters `x`.
    fn profile(&self, x: &[f64]) -> (f64, f64) {
        let (win, lose) = self.tables(x);
        let open = self.open_terms(&win, &lose);
        let p = match self.lose {
            // With nothing open the likelihood is the binomial's.
            _ if open.is_empty() => (self.wins / (self.wins + self.losses)).clamp(0.0, 1.0),
            _ => self.best_p(&open),
        };
        (p, self.log_likelihood(p, &win, &lose))
    }

    fn parameters(&self) -> usize {
        1 + self.win.parameters()
            + match self.lose {
                Lose::Never => 0,
                Lose::Law(f) => f.parameters(),
            }
    }

    fn start(&self, win_start: &[f64], lose_start: &[f64]) -> Vec<f64> {
        let mut x = win_start.to_vec();
        x.extend_from_slice(lose_start);
        x
    }
}

/// A fitted mixture for one pair of families.
struct PairFit {
    x: Vec<f64>,
    p: f64,
    log_likelihood: f64,
    aic: f64,
}

fn fit_pair(m: &Mixture, start: Vec<f64>) -> PairFit {
    let (x, _) = nelder_mead(|x| -m.profile(x).1, start);
    let (p, ll) = m.profile(&x);
    PairFit {
        aic: 2.0 * m.parameters() as f64 - 2.0 * ll,
        x,
        p,
        log_likelihood: ll,
    }
}

fn law_fit(law: DelayLaw, fit: &PairFit) -> LawFit {
    let finite = fit.log_likelihood.is_finite();
    LawFit {
        law,
        log_likelihood: finite.then_some(fit.log_likelihood),
        aic: finite.then_some(fit.aic),
    }
}

/// The days a table must cover: every duration seen.
fn table_days(sample: &Sample) -> Vec<u32> {
    let mut days: Vec<u32> = [&sample.wins, &sample.losses, &sample.open]
        .iter()
        .flat_map(|c| c.0.iter().map(|&(d, _)| d))
        .collect();
    days.sort_unstable();
    days.dedup();
    days
}

/// Fits a stage's visits: one law for both ends (the format without `lost_delay_days`, whose
/// conversion is the closed rate) and, when both ends were seen, a law for each (the law of
/// each end chosen in turn with the other held at its best), keeping the model with the lower
/// Akaike criterion. `None` when no visit was closed.
pub fn fit_competing(sample: &Sample) -> Option<MixtureFit> {
    let closed = sample.wins.merged(&sample.losses);
    if closed.is_empty() {
        return None;
    }
    let days = table_days(sample);
    let (wins, losses) = (sample.wins.total(), sample.losses.total());
    // One law: the conversion is the closed rate and the law a censored fit of all durations.
    let pooled = Sample {
        wins: closed.clone(),
        losses: DayCounts::default(),
        open: sample.open.clone(),
    };
    let p_closed = wins / (wins + losses);
    let binomial = n_ln(wins, p_closed) + n_ln(losses, 1.0 - p_closed);
    let mut one_law = Vec::new();
    let mut one_starts = Vec::new();
    for family in Family::candidates(&closed) {
        let m = Mixture {
            sample: &pooled,
            win: family,
            lose: Lose::Never,
            days: &days,
            wins: 1.0,
            losses: 0.0,
        };
        // A law alone: every closed duration is a "win" with p = 1, open ones censored.
        let (x, _) = nelder_mead(|x| -law_only(&m, x), family.start(&closed));
        let ll = law_only(&m, &x) + binomial;
        let k = 1 + family.parameters();
        one_starts.push((family, x.clone()));
        one_law.push((
            family,
            PairFit {
                aic: 2.0 * k as f64 - 2.0 * ll,
                x,
                p: p_closed,
                log_likelihood: ll,
            },
        ));
    }
    let best_one = best(&one_law)?;
    let (one_family, one_fit) = (one_law[best_one].0, &one_law[best_one].1);
    let one_candidates: Vec<LawFit> = one_law
        .iter()
        .map(|(f, fit)| law_fit(f.law(&fit.x), fit))
        .collect();
    let one_se = (p_closed * (1.0 - p_closed) / (wins + losses)).sqrt();
    let one = MixtureFit {
        p: p_closed,
        se: one_se,
        win: one_family.law(&one_fit.x),
        lose: None,
        win_candidates: one_candidates.clone(),
        lose_candidates: one_candidates,
        log_likelihood: one_fit.log_likelihood,
        aic_one_law: Some(one_fit.aic),
        aic_two_laws: None,
    };
    if sample.wins.is_empty() || sample.losses.is_empty() {
        return Some(one);
    }
    // Two laws: each end's law chosen in turn, the other held at the best single law.
    let start_of = |family: Family, own: &DayCounts| -> Vec<f64> {
        one_starts
            .iter()
            .find(|(f, _)| *f == family && family.dims() > 0)
            .map_or_else(|| family.start(own), |(_, x)| x.clone())
    };
    let lose_family = Family::candidates(&sample.losses)
        .into_iter()
        .find(|f| f.dims() > 0 && *f == one_family)
        .unwrap_or(Family::Lognormal);
    let mut win_fits = Vec::new();
    for family in Family::candidates(&sample.wins) {
        let m = Mixture {
            sample,
            win: family,
            lose: Lose::Law(lose_family),
            days: &days,
            wins,
            losses,
        };
        let start = m.start(
            &start_of(family, &sample.wins),
            &start_of(lose_family, &sample.losses),
        );
        win_fits.push((family, fit_pair(&m, start)));
    }
    let win_family = win_fits[best(&win_fits)?].0;
    let win_x = {
        let fit = &win_fits[best(&win_fits)?].1;
        fit.x[..win_family.dims()].to_vec()
    };
    let mut lose_fits = Vec::new();
    for family in Family::candidates(&sample.losses) {
        let m = Mixture {
            sample,
            win: win_family,
            lose: Lose::Law(family),
            days: &days,
            wins,
            losses,
        };
        let start = m.start(&win_x, &start_of(family, &sample.losses));
        lose_fits.push((family, fit_pair(&m, start)));
    }
    let lose_index = best(&lose_fits)?;
    let (lose_family, two) = (lose_fits[lose_index].0, &lose_fits[lose_index].1);
    if two.aic >= one_fit.aic {
        return Some(MixtureFit {
            aic_two_laws: Some(two.aic),
            ..one
        });
    }
    let m = Mixture {
        sample,
        win: win_family,
        lose: Lose::Law(lose_family),
        days: &days,
        wins,
        losses,
    };
    let (xw, xl) = two.x.split_at(win_family.dims());
    let win_candidates = win_fits
        .iter()
        .map(|(f, fit)| law_fit(f.law(&fit.x[..f.dims()]), fit))
        .collect();
    let lose_candidates = lose_fits
        .iter()
        .map(|(f, fit)| law_fit(f.law(&fit.x[win_family.dims()..]), fit))
        .collect();
    Some(MixtureFit {
        p: two.p,
        se: standard_error(&m, two.p, &two.x),
        win: win_family.law(xw),
        lose: Some(lose_family.law(xl)),
        win_candidates,
        lose_candidates,
        log_likelihood: two.log_likelihood,
        aic_one_law: Some(one_fit.aic),
        aic_two_laws: Some(two.aic),
    })
}

/// The log-likelihood of a law alone (every sample "win" a closed duration, open censored).
fn law_only(m: &Mixture, x: &[f64]) -> f64 {
    let (win, _) = m.tables(x);
    win.log_pmf_sum(&m.sample.wins) + win.log_survival_sum(&m.sample.open)
}

/// Fits a cure model: of the items at risk, a share `p` ends (after a delay of the fitted law)
/// and the rest never do; `ended` are the ends seen, `waiting` the items not ended by the
/// export, by their days of follow-up. `None` when nothing ended.
pub fn fit_cure(ended: &DayCounts, waiting: &DayCounts) -> Option<MixtureFit> {
    if ended.is_empty() {
        return None;
    }
    let sample = Sample {
        wins: ended.clone(),
        losses: DayCounts::default(),
        open: waiting.clone(),
    };
    let days = table_days(&sample);
    let wins = ended.total();
    let mut fits = Vec::new();
    for family in Family::candidates(ended) {
        let m = Mixture {
            sample: &sample,
            win: family,
            lose: Lose::Never,
            days: &days,
            wins,
            losses: 0.0,
        };
        fits.push((family, fit_pair(&m, family.start(ended))));
    }
    let index = best(&fits)?;
    let (family, fit) = (fits[index].0, &fits[index].1);
    let m = Mixture {
        sample: &sample,
        win: family,
        lose: Lose::Never,
        days: &days,
        wins,
        losses: 0.0,
    };
    Some(MixtureFit {
        p: fit.p,
        se: standard_error(&m, fit.p, &fit.x),
        win: family.law(&fit.x),
        lose: None,
        win_candidates: fits
            .iter()
            .map(|(f, fit)| law_fit(f.law(&fit.x), fit))
            .collect(),
        lose_candidates: Vec::new(),
        log_likelihood: fit.log_likelihood,
        aic_one_law: Some(fit.aic),
        aic_two_laws: None,
    })
}

/// The index of the lowest finite criterion.
fn best<T>(fits: &[(T, PairFit)]) -> Option<usize> {
    fits.iter()
        .enumerate()
        .filter(|(_, (_, f))| f.aic.is_finite())
        .min_by(|a, b| a.1.1.aic.total_cmp(&b.1.1.aic))
        .map(|(i, _)| i)
}

/// The standard error of `p` from the observed information: the inverse of the negative
/// Hessian of the log-likelihood in `(logit p, log-parameters)`, by central differences;
/// the conditional information of `p` alone when the Hessian is not negative definite.
#[allow(
    clippy::needless_range_loop,
    reason = "a symmetric matrix filled by index pairs"
)]
fn standard_error(m: &Mixture, p: f64, x: &[f64]) -> f64 {
    if !(p > 1e-9 && p < 1.0 - 1e-9) {
        return 0.0;
    }
    let mut point = vec![(p / (1.0 - p)).ln()];
    point.extend_from_slice(x);
    let f = |y: &[f64]| {
        let p = 1.0 / (1.0 + (-y[0]).exp());
        let (win, lose) = m.tables(&y[1..]);
        m.log_likelihood(p, &win, &lose)
    };
    let n = point.len();
    let h = 1e-3;
    let f0 = f(&point);
    let mut hessian = vec![vec![0.0; n]; n];
    let at = |moves: &[(usize, f64)]| {
        let mut y = point.clone();
        for &(i, d) in moves {
            y[i] += d;
        }
        f(&y)
    };
    for i in 0..n {
        hessian[i][i] = (at(&[(i, h)]) - 2.0 * f0 + at(&[(i, -h)])) / (h * h);
        for j in 0..i {
            let v = (at(&[(i, h), (j, h)]) - at(&[(i, h), (j, -h)]) - at(&[(i, -h), (j, h)])
                + at(&[(i, -h), (j, -h)]))
                / (4.0 * h * h);
            hessian[i][j] = v;
            hessian[j][i] = v;
        }
    }
    let information: Vec<Vec<f64>> = hessian
        .iter()
        .map(|row| row.iter().map(|v| -v).collect())
        .collect();
    let var_logit = inverse_first(&information)
        .filter(|v| v.is_finite() && *v > 0.0)
        .or_else(|| (information[0][0] > 0.0).then(|| 1.0 / information[0][0]));
    var_logit.map_or(0.0, |v| p * (1.0 - p) * v.sqrt())
}

/// The Aalen–Johansen estimate of the share ending as a win by the longest follow-up seen
/// (non-parametric: it cannot see past the last day observed). Whole days: on day `t` the
/// visits at risk are those closed on day `t` or later and those open for `t` days or more.
pub fn aalen_johansen(sample: &Sample) -> Option<f64> {
    if sample.wins.total() + sample.losses.total() <= 0.0 {
        return None;
    }
    // Walked over the distinct days only (nothing changes between them): on day `t` the
    // visits at risk are all but those that left before it (closed, or open, for fewer days).
    let count_at = |counts: &DayCounts, t: u32| -> f64 {
        // Counts are sorted by day, one entry a day.
        counts
            .0
            .binary_search_by_key(&t, |&(d, _)| d)
            .map_or(0.0, |i| counts.0[i].1)
    };
    let total = sample.wins.total() + sample.losses.total() + sample.open.total();
    let (mut left_before, mut survival, mut incidence) = (0.0, 1.0, 0.0);
    for t in table_days(sample) {
        let at_risk = total - left_before;
        if at_risk <= 0.0 {
            break;
        }
        let (wins, losses) = (count_at(&sample.wins, t), count_at(&sample.losses, t));
        incidence += survival * wins / at_risk;
        survival *= 1.0 - (wins + losses) / at_risk;
        left_before += wins + losses + count_at(&sample.open, t);
    }
    Some(incidence)
}
