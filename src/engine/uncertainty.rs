//! Which unknown matters most: the first-order shares of the variance of revenue and of
//! customers that come from each uncertain rate and the lead quality, and the rest (chance),
//! from the runs already simulated (`RunResult::unknowns`), without further simulation.
//!
//! The estimator: for each source of uncertainty the runs are sorted by its draw and cut into
//! `bins(n)` bins of (nearly) equal count, and in each bin the figure is fitted by a
//! least-squares line in the draw. The spread of the fitted values about the figure's mean
//! estimates `Var(E[figure | source])` once the fits' own noise is taken off: with bin `b`
//! holding `n_b` of the `n` runs, mean `m_b`, the sum of squares along its line `A_b` and the
//! variance left about it `s_b^2` (over `n_b - 2`), the estimate is
//! `(sum_b [n_b (m_b - m)^2 + A_b] - sum_b [(1 - n_b / n) + 1] s_b^2) / (n - 1)`: each bin's
//! mean carries `(1 - n_b / n) s_b^2` of noise and its slope one `s_b^2` more, whatever each
//! bin's own variance (the analysis of variance's method of moments, kept per bin). The line
//! takes up how the conditional mean moves within a bin, which bins' means alone would miss
//! (most in a normal score's tails: 0.8% of the share with 44 bins), so fewer bins serve and
//! less noise is taken off. Divided by the figure's variance over the runs it is the source's
//! first-order share: the part of the variance that knowing that source exactly would remove.
//! The bins read the draws' ranks and the lines their values within a bin, so a source may be
//! given as its rate or as a normal score. Shares below 0 (noise, when a source does nothing)
//! are set to 0; chance is `1 - sum`; when noise lifts the sum above 1 (the true first-order
//! shares of independent sources add up to at most 1) the shares are scaled down to add up to
//! 1 and chance is 0. Each figure's Monte Carlo standard error is a delete-a-group jackknife
//! over `GROUPS` interleaved groups of runs (run `i` in group `i % GROUPS`), with the bins of
//! the whole sample, of the raw estimate (chance's: of one minus the raw shares' sum).

use super::report::{Share, Uncertainty, UncertaintyKind, UncertaintySource, VarianceParts};
use super::run::RunResult;
use crate::scenario::Model;

/// Fewer runs than this say nothing about the shares: the figures are `None`.
pub const MIN_RUNS: usize = 20;

/// Groups of runs of the jackknife.
pub const GROUPS: usize = 20;

/// The most bins: with a line in each, the bins then miss a negligible part of the
/// variance they estimate.
pub const MAX_BINS: usize = 100;

/// The name the report gives the shared lead quality.
pub const LEAD_QUALITY: &str = "lead quality";

/// How many bins `n` runs are grouped into: `floor(sqrt(n) / 2)`, from 2 to `MAX_BINS`. The
/// noise correction then costs about `2 sqrt(sqrt(n)) / n` of the variance (well below the
/// share's own sampling error, about `1 / sqrt(n)`), and a line per bin leaves only the
/// curvature of the conditional mean within each bin.
pub fn bins(n: usize) -> usize {
    (0.5 * (n as f64).sqrt())
        .floor()
        .clamp(2.0, MAX_BINS as f64) as usize
}

/// The shares of one figure's variance: one per source, and chance; they add up to 1.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decomposition {
    pub shares: Vec<Share>,
    pub chance: Share,
}

/// The first-order shares of the variance of `values` (one per run, in run order) that come
/// from each column of `scores` (the same runs' draws of one independent source each) and the
/// rest, each with its jackknife standard error (see the module's documentation). `None` when
/// the values do not vary, the runs are fewer than `MIN_RUNS`, or a column's length differs.
pub fn decompose(scores: &[Vec<f64>], values: &[f64]) -> Option<Decomposition> {
    let n = values.len();
    if n < MIN_RUNS || scores.iter().any(|column| column.len() != n) {
        return None;
    }
    decompose_binned(&binned(scores), values)
}

/// One column of draws, cut into bins: each run's bin, and each run's draw less its bin's
/// mean (0 in a bin whose draws are all equal, where no line can be fitted).
struct Binned {
    bin: Vec<u32>,
    offset: Vec<f64>,
}

/// Each column's runs sorted by draw (ties in run order) and cut into `bins(n)` bins.
fn binned(scores: &[Vec<f64>]) -> Vec<Binned> {
    scores
        .iter()
        .map(|column| {
            let n = column.len();
            let bins = bins(n);
            let mut order: Vec<(f64, u32)> = column
                .iter()
                .enumerate()
                .map(|(i, &score)| (score, i as u32))
                .collect();
            order.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            let mut bin = vec![0u32; n];
            let mut offset = vec![0.0; n];
            let mut start = 0;
            for b in 0..bins {
                let end = (b + 1) * n / bins;
                let slice = &order[start..end];
                if let (Some(first), Some(last)) = (slice.first(), slice.last()) {
                    let finite = first.0.is_finite() && last.0.is_finite();
                    let mean = slice.iter().map(|&(x, _)| x).sum::<f64>() / slice.len() as f64;
                    for &(x, i) in slice {
                        bin[i as usize] = b as u32;
                        if finite && last.0 > first.0 {
                            offset[i as usize] = x - mean;
                        }
                    }
                }
                start = end;
            }
            Binned { bin, offset }
        })
        .collect()
}

/// `decompose` given each column's bins (`binned`), which several figures share.
fn decompose_binned(columns: &[Binned], values: &[f64]) -> Option<Decomposition> {
    let n = values.len();
    if n < MIN_RUNS || columns.iter().any(|column| column.bin.len() != n) {
        return None;
    }
    let (low, high) = values
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), &v| {
            (low.min(v), high.max(v))
        });
    if !(high - low).is_finite() || high <= low {
        return None;
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let centred: Vec<f64> = values.iter().map(|v| v - mean).collect();
    let groups = GROUPS.min(n);
    let mut by_group = vec![Sums::default(); groups];
    for (i, &c) in centred.iter().enumerate() {
        by_group[i % groups].add(0.0, c);
    }
    let total = Sums::total(&by_group);
    let bins = bins(n);
    // Per column, per bin and group: the sums of the runs in them.
    let mut cells: Vec<Vec<Sums>> = Vec::with_capacity(columns.len());
    for column in columns {
        let mut sums = vec![Sums::default(); bins * groups];
        let runs = column.bin.iter().zip(&column.offset).zip(&centred);
        for (i, ((&bin, &x), &y)) in runs.enumerate() {
            sums[bin as usize * groups + i % groups].add(x, y);
        }
        cells.push(sums);
    }
    let bin_totals: Vec<Vec<Sums>> = cells
        .iter()
        .map(|sums| sums.chunks(groups).map(Sums::total).collect())
        .collect();
    let estimate = |left_out: Option<usize>| -> Option<Vec<f64>> {
        let without = |sums: Sums, bin_cells: &[Sums]| match left_out {
            Some(g) => sums.minus(bin_cells[g]),
            None => sums,
        };
        let all = without(total, &by_group);
        let variance = all.y_squares() / (all.count - 1.0);
        if variance.is_nan() || variance <= 0.0 || all.count < 2.0 {
            return None;
        }
        let raw: Vec<f64> = cells
            .iter()
            .zip(&bin_totals)
            .map(|(sums, totals)| {
                let per_bin: Vec<Sums> = totals
                    .iter()
                    .zip(sums.chunks(groups))
                    .map(|(&bin, bin_cells)| without(bin, bin_cells))
                    .collect();
                explained(&per_bin, all) / variance
            })
            .collect();
        Some(raw)
    };
    let raw = estimate(None)?;
    let (shares, chance) = settle(&raw);
    // The errors are those of the raw estimates (before they are kept within [0, 1]), so a
    // share set to 0 still shows how far noise moves it; chance's is that of 1 - their sum.
    let replicates: Vec<Vec<f64>> = (0..groups)
        .map(|g| estimate(Some(g)).unwrap_or_else(|| raw.clone()))
        .collect();
    let rests: Vec<f64> = replicates
        .iter()
        .map(|replicate| 1.0 - replicate.iter().sum::<f64>())
        .collect();
    Some(Decomposition {
        shares: shares
            .iter()
            .enumerate()
            .map(|(k, &share)| Share {
                share,
                standard_error: jackknife(replicates.iter().map(|r| r[k])),
            })
            .collect(),
        chance: Share {
            share: chance,
            standard_error: jackknife(rests.iter().copied()),
        },
    })
}

/// The delete-a-group jackknife's standard error from the estimates leaving out each group.
fn jackknife(estimates: impl Iterator<Item = f64> + Clone) -> f64 {
    let g = estimates.clone().count() as f64;
    let centre = estimates.clone().sum::<f64>() / g;
    let spread: f64 = estimates.map(|e| (e - centre).powi(2)).sum();
    ((g - 1.0) / g * spread).sqrt()
}

/// The noise-corrected variance of the bins' lines (see the module's documentation), from
/// each bin's sums and the sums of all runs.
fn explained(bins: &[Sums], all: Sums) -> f64 {
    let grand = all.y / all.count;
    // Each bin's variance left about its line (over n_b - 2), or about its mean where its
    // draws are all equal (over n_b - 1); a bin of one run (after the jackknife's leaving
    // out) takes the pooled one.
    let left = |b: &Sums| match b.line() {
        Some((_, left)) => Some((left, b.count - 2.0)),
        None if b.count >= 2.0 => Some((b.y_squares(), b.count - 1.0)),
        None => None,
    };
    let (residual, freedom) = bins
        .iter()
        .filter_map(left)
        .fold((0.0, 0.0), |(r, f), (left, dof)| (r + left, f + dof));
    let pooled = if freedom > 0.0 {
        residual / freedom
    } else {
        0.0
    };
    let mut fitted = 0.0;
    let mut noise = 0.0;
    for bin in bins.iter().filter(|b| b.count > 0.0) {
        let mean = bin.y / bin.count;
        fitted += bin.count * (mean - grand).powi(2);
        let spread = left(bin).map_or(pooled, |(left, dof)| left / dof);
        if let Some((along, _)) = bin.line() {
            // The slope's part, and its own noise: one variance more.
            fitted += along;
            noise += spread;
        }
        noise += (1.0 - bin.count / all.count) * spread;
    }
    // Over n - 1: the runs' spread of the conditional means about their own mean, as the
    // figure's variance is taken.
    (fitted - noise) / (all.count - 1.0)
}

/// Raw first-order shares to reported ones: each in [0, 1], chance the rest, scaled down to
/// add up to 1 when noise lifts their sum above it.
fn settle(raw: &[f64]) -> (Vec<f64>, f64) {
    let mut shares: Vec<f64> = raw
        .iter()
        .map(|&s| {
            if s.is_finite() {
                s.clamp(0.0, 1.0)
            } else {
                0.0
            }
        })
        .collect();
    let sum: f64 = shares.iter().sum();
    if sum > 1.0 {
        for share in &mut shares {
            *share /= sum;
        }
        return (shares, 0.0);
    }
    (shares, (1.0 - sum).max(0.0))
}

/// A count of runs with the sums a least-squares line needs: of their draws' offsets `x`
/// (from their bin's mean draw), of their centred values `y`, and of the squares and products.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    count: f64,
    x: f64,
    y: f64,
    xx: f64,
    xy: f64,
    yy: f64,
}

impl Sums {
    fn add(&mut self, x: f64, y: f64) {
        self.count += 1.0;
        self.x += x;
        self.y += y;
        self.xx += x * x;
        self.xy += x * y;
        self.yy += y * y;
    }

    fn total(parts: &[Sums]) -> Sums {
        parts.iter().fold(Sums::default(), |a, &b| a.plus(b, 1.0))
    }

    fn minus(self, part: Sums) -> Sums {
        self.plus(part, -1.0)
    }

    fn plus(self, part: Sums, sign: f64) -> Sums {
        Sums {
            count: self.count + sign * part.count,
            x: self.x + sign * part.x,
            y: self.y + sign * part.y,
            xx: self.xx + sign * part.xx,
            xy: self.xy + sign * part.xy,
            yy: self.yy + sign * part.yy,
        }
    }

    /// The sum of squared deviations of the values from their mean (never below 0).
    fn y_squares(&self) -> f64 {
        if self.count <= 0.0 {
            return 0.0;
        }
        (self.yy - self.y * self.y / self.count).max(0.0)
    }

    /// The least-squares line of the values on the draws: the sum of squares along it (its
    /// slope's part) and left about it; `None` with under 3 runs or draws all equal.
    fn line(&self) -> Option<(f64, f64)> {
        if self.count < 3.0 {
            return None;
        }
        let xx = self.xx - self.x * self.x / self.count;
        if xx.is_nan() || xx <= 0.0 {
            return None;
        }
        let xy = self.xy - self.x * self.y / self.count;
        let along = xy * xy / xx;
        Some((along, (self.y_squares() - along).max(0.0)))
    }
}

/// The report's `uncertainty` from the runs of `model` (in run order): `None` when every
/// conversion rate is fixed. The sources are the stages with an uncertain rate, in stage
/// order, then the lead quality when `rate_correlation` is above 0; a figure is `None` where
/// `decompose` gives none, or when the runs do not carry their draws (results built by hand).
pub(crate) fn uncertainty(model: &Model, runs: &[RunResult]) -> Option<Uncertainty> {
    let mut sources: Vec<UncertaintySource> = model
        .uncertain_rates()
        .into_iter()
        .map(|rate| UncertaintySource {
            name: model.stages[rate.stage].name.clone(),
            kind: UncertaintyKind::ConversionRate,
            stage: u32::try_from(rate.stage).ok(),
            segment: rate.segment.map(|g| model.segments[g].name.clone()),
            ..UncertaintySource::default()
        })
        .collect();
    if sources.is_empty() {
        return None;
    }
    if model.rate_correlation > 0.0 {
        sources.push(UncertaintySource {
            name: LEAD_QUALITY.to_string(),
            kind: UncertaintyKind::LeadQuality,
            ..UncertaintySource::default()
        });
    }
    let mut report = Uncertainty {
        bins: u32::try_from(bins(runs.len())).unwrap_or(0),
        sources,
        chance: VarianceParts::default(),
    };
    let width = report.sources.len();
    if runs.len() < MIN_RUNS || runs.iter().any(|run| run.unknowns.len() != width) {
        return Some(report);
    }
    let scores: Vec<Vec<f64>> = (0..width)
        .map(|j| runs.iter().map(|run| run.unknowns[j]).collect())
        .collect();
    let columns = binned(&scores);
    let revenue: Vec<f64> = runs.iter().map(|run| run.revenue).collect();
    let customers: Vec<f64> = runs.iter().map(|run| run.customers as f64).collect();
    if let Some(figure) = decompose_binned(&columns, &revenue) {
        report.chance.revenue = Some(figure.chance);
        for (source, &share) in report.sources.iter_mut().zip(&figure.shares) {
            source.revenue = Some(share);
        }
    }
    if let Some(figure) = decompose_binned(&columns, &customers) {
        report.chance.customers = Some(figure.chance);
        for (source, &share) in report.sources.iter_mut().zip(&figure.shares) {
            source.customers = Some(share);
        }
    }
    Some(report)
}
