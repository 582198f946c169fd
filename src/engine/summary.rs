//! Summaries over runs: from per-run results (in run order) to the report.

use super::order::{Selection, order_statistics};
use super::report::{
    Bands, Daily, Derived, Distributions, Exact, Histogram, Precision, Report, SegmentReport,
    SourceExpectation, SourceReport, StageReport, Stats,
};
use super::run::{RunResult, SegmentCounts};
use crate::scenario::Model;

/// Quantile by linear interpolation between order statistics (selection, not a full sort;
/// the order of `values` is scrambled): what `stats` and `bands` compute, one level at a time.
#[cfg(test)]
fn quantile(values: &mut [f64], q: f64) -> f64 {
    let n = values.len();
    if n == 0 {
        return 0.0;
    }
    let (below, _) = quantile_position(n, q);
    super::order::select_ranks(values, 0, &[below, below + 1]);
    selected_quantile(values, q)
}

/// Summary statistics of values given in run order.
pub fn stats(values: &[f64]) -> Stats {
    let n = values.len();
    if n == 0 {
        return Stats::default();
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 {
        (values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    // Every order statistic the quantiles and their intervals read, found by one multiple
    // selection instead of a full sort (the same values: an order statistic is unique).
    let intervals = [0.05, 0.50, 0.95].map(|q| interval_ranks(n, q));
    let mut ranks = Vec::with_capacity(16);
    for q in LEVELS {
        let (below, _) = quantile_position(n, q);
        ranks.extend([below, below + 1]);
    }
    ranks.extend(intervals.iter().flatten());
    ranks.sort_unstable();
    ranks.dedup();
    ranks.retain(|&r| r < n);
    let mut found = Vec::with_capacity(ranks.len());
    order_statistics(values, &ranks, &mut found, &mut Selection::default());
    let at = |rank: usize| found[ranks.partition_point(|&r| r < rank)];
    let [p5, p25, p50, p75, p95] = LEVELS.map(|q| interpolated(n, q, at));
    let interval = |[low, high]: [usize; 2]| [at(low), at(high)];
    Stats {
        mean,
        sd,
        p5,
        p25,
        p50,
        p75,
        p95,
        precision: Some(Precision {
            mean_se: sd / (n as f64).sqrt(),
            p5: interval(intervals[0]),
            p50: interval(intervals[1]),
            p95: interval(intervals[2]),
        }),
    }
}

/// The levels of the percentiles every summary reports: p5, p25, p50, p75, p95.
const LEVELS: [f64; 5] = [0.05, 0.25, 0.50, 0.75, 0.95];

/// Where `quantile` reads level `q` of `n` values: the order statistic below and the fraction
/// of the way to the next one.
fn quantile_position(n: usize, q: f64) -> (usize, f64) {
    let position = q * (n - 1) as f64;
    let below = position.floor() as usize;
    (below, position - below as f64)
}

/// `quantile` of values whose order statistics at its two positions are in place (after
/// `select_ranks` with those ranks); the same arithmetic, so the same bits.
#[cfg(test)]
fn selected_quantile(values: &[f64], q: f64) -> f64 {
    interpolated(values.len(), q, |rank| values[rank])
}

/// `quantile` of `n` values from their order statistics `at(rank)` at its two positions.
fn interpolated(n: usize, q: f64, at: impl Fn(usize) -> f64) -> f64 {
    if n == 1 {
        return at(0);
    }
    let (below, fraction) = quantile_position(n, q);
    let low = at(below);
    let high = if below + 1 < n { at(below + 1) } else { low };
    low + (high - low) * fraction
}

/// The 0-based ranks of the order statistics that bound `quantile_interval`'s interval.
fn interval_ranks(n: usize, q: f64) -> [usize; 2] {
    let centre = n as f64 * q;
    let half = 1.96 * (n as f64 * q * (1.0 - q)).sqrt();
    let rank = |r: f64| (r.clamp(1.0, n as f64) as usize).clamp(1, n) - 1;
    [
        rank((centre - half).floor()),
        rank((centre + half).ceil() + 1.0),
    ]
}

/// A 95% distribution-free interval for the `q` quantile of the law the `sorted` values were
/// drawn from: the order statistics of ranks n q ∓ 1.96 √(n q (1 − q)) (1-based, rounded
/// outward, clamped to the sample). `stats` reads the same ranks after selecting them; this
/// sorted reading is the tests' reference.
#[cfg(test)]
fn quantile_interval(sorted: &[f64], q: f64) -> [f64; 2] {
    if sorted.is_empty() {
        return [0.0, 0.0];
    }
    interval_ranks(sorted.len(), q).map(|rank| sorted[rank])
}

/// Statistics of a law given as weights per day (a pooled histogram).
fn histogram_stats(weights: &[f64]) -> Stats {
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return Stats::default();
    }
    let mean = weights
        .iter()
        .enumerate()
        .map(|(d, w)| d as f64 * w)
        .sum::<f64>()
        / total;
    let variance = weights
        .iter()
        .enumerate()
        .map(|(d, w)| (d as f64 - mean).powi(2) * w)
        .sum::<f64>()
        / total;
    let at = |q: f64| {
        let target = q * total;
        let mut cumulative = 0.0;
        for (d, w) in weights.iter().enumerate() {
            cumulative += w;
            if cumulative >= target && *w > 0.0 {
                return d as f64;
            }
        }
        (weights.len().saturating_sub(1)) as f64
    };
    Stats {
        mean,
        sd: variance.sqrt(),
        p5: at(0.05),
        p25: at(0.25),
        p50: at(0.5),
        p75: at(0.75),
        p95: at(0.95),
        // A pooled law over every customer of every run, not a summary of per-run values.
        precision: None,
    }
}

/// Per-day bands over runs of `value(run, day)`, each run's days visited in order: one series
/// of `bands_of` (the tests' entry).
#[cfg(test)]
fn bands(runs: usize, horizon: usize, mut value: impl FnMut(usize, usize) -> f64) -> Bands {
    let [out] = bands_of(runs, horizon, |run, day| [value(run, day)]);
    out
}

/// `K` series of per-day bands over runs from one pass over the runs: `values(run, day)`
/// gives the `K` series' values, each run's days visited in order.
///
/// The runs are read a block of days at a time (one pass over the runs fills the block's
/// columns of every series, so each run's daily vectors are read once, a cache line at a
/// time), and each column gives its mean in run order and its percentiles by one multiple
/// selection: the same figures as `stats` of the column, without its precision.
fn bands_of<const K: usize>(
    runs: usize,
    horizon: usize,
    mut values: impl FnMut(usize, usize) -> [f64; K],
) -> [Bands; K] {
    /// Days per block: 8 columns of 10,000 runs per series stay in the cache.
    const BLOCK: usize = 8;
    let mut out: [Bands; K] = std::array::from_fn(|_| Bands {
        mean: Vec::with_capacity(horizon),
        p5: Vec::with_capacity(horizon),
        p25: Vec::with_capacity(horizon),
        p50: Vec::with_capacity(horizon),
        p75: Vec::with_capacity(horizon),
        p95: Vec::with_capacity(horizon),
    });
    let mut ranks = Vec::with_capacity(2 * LEVELS.len());
    for q in LEVELS {
        let (below, _) = quantile_position(runs.max(1), q);
        ranks.extend([below, below + 1]);
    }
    ranks.sort_unstable();
    ranks.dedup();
    ranks.retain(|&r| r < runs);
    let mut found = Vec::with_capacity(ranks.len());
    let mut selection = Selection::default();
    if runs == 0 {
        // No runs: zeros, as `stats` of nothing.
        for bands in &mut out {
            for list in [
                &mut bands.mean,
                &mut bands.p5,
                &mut bands.p25,
                &mut bands.p50,
                &mut bands.p75,
                &mut bands.p95,
            ] {
                list.resize(horizon, 0.0);
            }
        }
        return out;
    }
    // Series k's column for day offset d of the block: columns[(k * BLOCK + d) * runs..][..runs].
    let mut columns = vec![0.0; K * BLOCK * runs];
    for start in (0..horizon).step_by(BLOCK) {
        let days = BLOCK.min(horizon - start);
        for run in 0..runs {
            for offset in 0..days {
                let day = values(run, start + offset);
                for (k, value) in day.into_iter().enumerate() {
                    columns[(k * BLOCK + offset) * runs + run] = value;
                }
            }
        }
        for (k, bands) in out.iter_mut().enumerate() {
            let series = &columns[k * BLOCK * runs..(k + 1) * BLOCK * runs];
            for column in series.chunks_exact(runs).take(days) {
                bands.mean.push(column.iter().sum::<f64>() / runs as f64);
                order_statistics(column, &ranks, &mut found, &mut selection);
                let at = |rank: usize| found[ranks.partition_point(|&r| r < rank)];
                let [p5, p25, p50, p75, p95] = LEVELS.map(|q| interpolated(runs, q, at));
                bands.p5.push(p5);
                bands.p25.push(p25);
                bands.p50.push(p50);
                bands.p75.push(p75);
                bands.p95.push(p95);
            }
        }
    }
    out
}

/// `values` binned into at most 40 equal bins spanning their range.
fn histogram(values: &[f64]) -> Histogram {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let (low, high) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(low, high), v| {
        (low.min(v), high.max(v))
    });
    if values.is_empty() || !low.is_finite() {
        return Histogram::default();
    }
    let bins = ((values.len() as f64).sqrt().ceil() as usize).clamp(1, 40);
    let (bins, width) = if high > low {
        (bins, (high - low) / bins as f64)
    } else {
        (1, 1.0)
    };
    let mut counts = vec![0.0; bins];
    for &v in values.iter().filter(|v| v.is_finite()) {
        let bin = (((v - low) / width) as usize).min(bins - 1);
        counts[bin] += 1.0;
    }
    Histogram {
        lower: low,
        width,
        counts,
    }
}

/// Percentiles 0, 1, ..., 100 of `values`.
fn percentiles(values: &[f64]) -> Vec<f64> {
    if values.is_empty() {
        return Vec::new();
    }
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let n = sorted.len();
    (0..=100)
        .map(|percent| {
            let position = f64::from(percent) / 100.0 * (n - 1) as f64;
            let below = position.floor() as usize;
            let above = (below + 1).min(n - 1);
            let fraction = position - below as f64;
            sorted[below] + (sorted[above] - sorted[below]) * fraction
        })
        .collect()
}

fn of(runs: &[RunResult], value: impl Fn(&RunResult) -> f64) -> Stats {
    stats(&runs.iter().map(value).collect::<Vec<_>>())
}

fn ratio_option(numerator: f64, denominator: f64) -> Option<f64> {
    (denominator > 0.0).then(|| numerator / denominator)
}

/// Builds the report from the runs of a simulation, given in run order.
pub(crate) fn summarise(model: &Model, seed: u64, runs: &[RunResult], exact: Exact) -> Report {
    let horizon = model.horizon as usize;
    let leads = of(runs, |r| r.leads as f64);
    let cost = of(runs, |r| r.cost);
    let customers = of(runs, |r| r.customers as f64);
    let purchases = of(runs, |r| r.purchases() as f64);
    let revenue = of(runs, |r| r.revenue);
    let stages = model
        .stages
        .iter()
        .enumerate()
        .map(|(k, stage)| {
            let entered = of(runs, |r| r.stages[k].entered as f64);
            let converted = of(runs, |r| r.stages[k].converted as f64);
            let failed = of(runs, |r| r.stages[k].failed as f64);
            let decided: f64 = runs.iter().map(|r| r.stages[k].decided() as f64).sum();
            let decision_days: f64 = runs.iter().map(|r| r.stages[k].decision_days).sum();
            StageReport {
                name: stage.name.clone(),
                entered,
                converted,
                failed,
                open: of(runs, |r| r.stages[k].open as f64),
                open_in_nurture: of(runs, |r| r.stages[k].open_in_nurture as f64),
                nurtured: of(runs, |r| r.stages[k].nurtured as f64),
                reentered: of(runs, |r| r.stages[k].reentered as f64),
                conversion: ratio_option(converted.mean, entered.mean).unwrap_or(0.0),
                win_rate: ratio_option(converted.mean, converted.mean + failed.mean).unwrap_or(0.0),
                mean_days: ratio_option(decision_days, decided).unwrap_or(0.0),
            }
        })
        .collect();

    let mut first_purchase = vec![0.0; horizon];
    let mut lags = vec![0.0; horizon];
    for run in runs {
        for (slot, &count) in first_purchase.iter_mut().zip(&run.new_customers) {
            *slot += f64::from(count);
        }
        for (slot, &weight) in lags.iter_mut().zip(&run.days_to_purchase) {
            *slot += weight;
        }
    }

    let mut running = vec![0.0; runs.len()];
    // One pass over the runs for the three series. Days are visited in order, so each run's
    // running total is its cumulative revenue.
    let [new_customers, daily_revenue, cumulative_revenue] =
        bands_of(runs.len(), horizon, |r, d| {
            let day = runs[r].revenue_by_day[d];
            running[r] += day;
            [f64::from(runs[r].new_customers[d]), day, running[r]]
        });
    let daily = Daily {
        new_customers,
        revenue: daily_revenue,
        cumulative_revenue,
    };

    let revenues: Vec<f64> = runs.iter().map(|r| r.revenue).collect();
    let last_lag = lags.iter().rposition(|&w| w > 0.0).map_or(0, |d| d + 1);
    let distributions = Distributions {
        revenue: histogram(&revenues),
        revenue_percentiles: percentiles(&revenues),
        days_to_first_purchase: Histogram {
            lower: 0.0,
            width: 1.0,
            counts: lags[..last_lag]
                .iter()
                .map(|w| w / runs.len().max(1) as f64)
                .collect(),
        },
    };

    let cost_per_customer = stats(
        &runs
            .iter()
            .filter(|r| r.customers > 0)
            .map(|r| r.cost / r.customers as f64)
            .collect::<Vec<_>>(),
    );
    let return_on_spend = stats(
        &runs
            .iter()
            .filter(|r| r.cost > 0.0)
            .map(|r| r.revenue / r.cost)
            .collect::<Vec<_>>(),
    );
    let derived = Derived {
        overall_conversion: ratio_option(customers.mean, leads.mean).unwrap_or(0.0),
        cost_per_lead: ratio_option(cost.mean, leads.mean).unwrap_or(0.0),
        cost_per_customer: ratio_option(cost.mean, customers.mean),
        revenue_per_lead: ratio_option(revenue.mean, leads.mean).unwrap_or(0.0),
        return_on_spend: ratio_option(revenue.mean, cost.mean),
        average_order_value: ratio_option(revenue.mean, purchases.mean),
    };

    Report {
        scenario: model.name.clone(),
        runs: runs.len() as u32,
        seed,
        horizon_days: model.horizon,
        leads,
        cost,
        customers,
        purchases,
        repeat_purchases: of(runs, |r| r.repeat_purchases as f64),
        revenue,
        profit: of(runs, |r| r.revenue - r.cost),
        cost_per_customer,
        return_on_spend,
        stages,
        // Filled by `sources` (figures per channel), which also needs the exact parts.
        sources: Vec::new(),
        segments: Vec::new(),
        // Filled by `uncertainty`, from the runs' draws.
        uncertainty: None,
        #[cfg(target_arch = "wasm32")]
        unread: None,
        #[cfg(target_arch = "wasm32")]
        unread_segments: None,
        first_purchase_day: histogram_stats(&first_purchase),
        days_to_first_purchase: histogram_stats(&lags),
        derived,
        exact,
        daily,
        distributions,
        automatic: None,
    }
}

/// Figures per channel: each source's figures over the runs (given in run order), with its
/// closed-form part `exact[s]`. Cost per customer and return on spend are per-run ratios over
/// the runs that define them, as the report's totals are. A run without the source's part (a
/// result built by hand) counts as nothing from it.
pub(crate) fn sources(
    model: &Model,
    runs: &[RunResult],
    exact: &[SourceExpectation],
) -> Vec<SourceReport> {
    model
        .sources
        .iter()
        .enumerate()
        .map(|(s, source)| {
            let parts: Vec<_> = runs
                .iter()
                .map(|r| r.sources.get(s).copied().unwrap_or_default())
                .collect();
            let of = |value: fn(&super::run::SourceCounts) -> f64| {
                stats(&parts.iter().map(value).collect::<Vec<_>>())
            };
            let per_customer: Vec<f64> = parts
                .iter()
                .filter(|p| p.customers > 0)
                .map(|p| p.cost / p.customers as f64)
                .collect();
            let per_cost: Vec<f64> = parts
                .iter()
                .filter(|p| p.cost > 0.0)
                .map(|p| p.revenue / p.cost)
                .collect();
            SourceReport {
                name: source.name.clone(),
                leads: of(|p| p.leads as f64),
                cost: of(|p| p.cost),
                customers: of(|p| p.customers as f64),
                purchases: of(|p| p.purchases() as f64),
                revenue: of(|p| p.revenue),
                cost_per_customer: stats(&per_customer),
                return_on_spend: stats(&per_cost),
                runs_with_customers: per_customer.len() as u32,
                runs_with_cost: per_cost.len() as u32,
                exact: exact.get(s).copied().unwrap_or_default(),
            }
        })
        .collect()
}

/// Each segment's figures over the runs: summaries of its per-run parts, with its closed-form
/// part `exact[g]`.
pub(crate) fn segments(
    model: &Model,
    runs: &[RunResult],
    exact: &[SourceExpectation],
) -> Vec<SegmentReport> {
    let stage_count = model.stages.len();
    model
        .segments
        .iter()
        .enumerate()
        .map(|(g, segment)| {
            let parts: Vec<SegmentCounts> = runs
                .iter()
                .map(|r| r.segments.get(g).cloned().unwrap_or_default())
                .collect();
            let of = |value: fn(&SegmentCounts) -> f64| {
                stats(&parts.iter().map(value).collect::<Vec<_>>())
            };
            let mean_of = |counts: fn(&SegmentCounts) -> &Vec<u64>| -> Vec<f64> {
                (0..stage_count)
                    .map(|k| {
                        let sum: f64 = parts
                            .iter()
                            .map(|p| counts(p).get(k).copied().unwrap_or(0) as f64)
                            .sum();
                        if parts.is_empty() {
                            0.0
                        } else {
                            sum / parts.len() as f64
                        }
                    })
                    .collect()
            };
            SegmentReport {
                name: segment.name.clone(),
                leads: of(|p| p.leads as f64),
                cost: of(|p| p.cost),
                customers: of(|p| p.customers as f64),
                purchases: of(|p| p.purchases() as f64),
                revenue: of(|p| p.revenue),
                stage_entered: mean_of(|p| &p.entered),
                stage_converted: mean_of(|p| &p.converted),
                exact: exact.get(g).copied().unwrap_or_default(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn histograms_count_every_value_once_in_the_right_bin() {
        let values: Vec<f64> = (0..100).map(f64::from).collect();
        let h = histogram(&values);
        assert_eq!(h.counts.len(), 10);
        assert_eq!(h.total(), 100.0);
        assert_eq!(h.lower, 0.0);
        assert!((h.upper() - 99.0).abs() < 1e-9);
        // 0..=9.9 in the first bin, the maximum in the last.
        assert_eq!(h.counts[0], 10.0);
        assert_eq!(h.counts[9], 10.0);
        let same = histogram(&[5.0, 5.0, 5.0]);
        assert_eq!((same.lower, same.counts.clone()), (5.0, vec![3.0]));
        assert_eq!(histogram(&[]), Histogram::default());
    }

    /// `quantile` interpolates linearly between order statistics: at level q it reads position
    /// q (n - 1) of the sorted values. On [0, 10, 20, 30] (n - 1 = 3): p50 is at 1.5, halfway
    /// from 10 to 20 = 15; p5 at 0.15, 0.15 of the way from 0 to 10 = 1.5; p25 at 0.75 = 7.5;
    /// p75 at 2.25 = 22.5; p95 at 2.85 = 28.5; p0 and p100 are the ends.
    #[test]
    fn quantiles_interpolate_between_order_statistics_by_hand() {
        let cases = [
            (0.0, 0.0),
            (0.05, 1.5),
            (0.25, 7.5),
            (0.5, 15.0),
            (0.75, 22.5),
            (0.95, 28.5),
            (1.0, 30.0),
        ];
        for input in [
            [0.0, 10.0, 20.0, 30.0],
            [30.0, 0.0, 20.0, 10.0],
            [20.0, 30.0, 10.0, 0.0],
        ] {
            for (q, expected) in cases {
                // A fresh copy each time: `quantile` scrambles the order of its input.
                let mut values = input;
                let actual = quantile(&mut values, q);
                assert!(
                    (actual - expected).abs() < 1e-12,
                    "quantile({input:?}, {q}) = {actual}, expected {expected}"
                );
            }
            // One scratch buffer for all levels, as `stats` does.
            let mut scratch = input;
            let levels: Vec<f64> = cases
                .iter()
                .map(|&(q, _)| quantile(&mut scratch, q))
                .collect();
            for (&(q, expected), actual) in cases.iter().zip(levels) {
                assert!(
                    (actual - expected).abs() < 1e-12,
                    "quantile({input:?}, {q}) from a shared buffer = {actual}, expected {expected}"
                );
            }
        }
        // Ties: sorted [1, 1, 1, 5]; p50 at 1.5 lies between two 1s, p90 at 2.7 is 0.7 of the
        // way from 1 to 5 = 3.8.
        let mut ties = [5.0, 1.0, 1.0, 1.0];
        assert_eq!(quantile(&mut ties, 0.5), 1.0, "p50 of [1, 1, 1, 5]");
        let mut ties = [5.0, 1.0, 1.0, 1.0];
        let p90 = quantile(&mut ties, 0.9);
        assert!((p90 - 3.8).abs() < 1e-12, "p90 of [1, 1, 1, 5] = {p90}");
        // A single value is every quantile; no value gives 0.
        for q in [0.0, 0.05, 0.5, 0.95, 1.0] {
            assert_eq!(quantile(&mut [42.0], q), 42.0, "quantile([42], {q})");
            assert_eq!(quantile(&mut [], q), 0.0, "quantile([], {q})");
        }
        // `stats` reports these quantiles as p5..p95, with the mean and the sample sd
        // (variance (225 + 25 + 25 + 225) / 3).
        let s = stats(&[30.0, 0.0, 20.0, 10.0]);
        let expected = Stats {
            mean: 15.0,
            sd: (500.0_f64 / 3.0).sqrt(),
            p5: 1.5,
            p25: 7.5,
            p50: 15.0,
            p75: 22.5,
            p95: 28.5,
            precision: None,
        };
        for (name, actual, wanted) in [
            ("mean", s.mean, expected.mean),
            ("sd", s.sd, expected.sd),
            ("p5", s.p5, expected.p5),
            ("p25", s.p25, expected.p25),
            ("p50", s.p50, expected.p50),
            ("p75", s.p75, expected.p75),
            ("p95", s.p95, expected.p95),
        ] {
            assert!(
                (actual - wanted).abs() < 1e-12,
                "stats of [30, 0, 20, 10]: {name} = {actual}, expected {wanted}"
            );
        }
    }

    #[test]
    fn percentiles_interpolate_between_order_statistics() {
        let values: Vec<f64> = (0..=200).rev().map(f64::from).collect();
        let p = percentiles(&values);
        assert_eq!(p.len(), 101);
        assert_eq!(p[0], 0.0);
        assert_eq!(p[50], 100.0);
        assert_eq!(p[100], 200.0);
        assert!((p[7] - 14.0).abs() < 1e-9);
        assert!(percentiles(&[]).is_empty());
    }

    /// The precision read-out by hand: the mean's standard error is sd / √n, and the order
    /// statistics around n q bracket a quantile (n = 100 values 0..99: p50's ranks
    /// 50 ∓ 1.96 × 5 = 40.2 and 59.8, widened to 40 and 61, i.e. the values 39 and 60).
    #[test]
    fn the_precision_read_out_by_hand() {
        let values: Vec<f64> = (0..100).map(f64::from).collect();
        let s = stats(&values);
        let precision = s.precision.expect("a summary of runs has its precision");
        assert!((precision.mean_se - s.sd / 10.0).abs() < 1e-12);
        assert_eq!(precision.p50, [39.0, 60.0]);
        // p5: 5 ∓ 1.96 × √4.75 = 0.73 and 9.27: ranks 1 and 11, the values 0 and 10.
        assert_eq!(precision.p5, [0.0, 10.0]);
        assert!(precision.p95[0] <= s.p95 && s.p95 <= precision.p95[1]);
        assert_eq!(quantile_interval(&[7.0], 0.5), [7.0, 7.0]);
        assert_eq!(quantile_interval(&[], 0.5), [0.0, 0.0]);
    }

    /// The intervals cover: over 400 samples of 500 uniform values, the p5, p50 and p95
    /// intervals contain the true quantile about 95% of the time (at least 90%), and the mean's
    /// standard error is the spread of the sample means.
    #[test]
    fn the_precision_intervals_cover_the_true_quantiles() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(20261201);
        let (samples, n) = (400, 500);
        let mut covered = [0_u32; 3];
        let mut means = Vec::new();
        let mut ses = Vec::new();
        for _ in 0..samples {
            let values: Vec<f64> = (0..n).map(|_| rng.random::<f64>()).collect();
            let s = stats(&values);
            let p = s.precision.expect("precision");
            for (k, (interval, q)) in [(p.p5, 0.05), (p.p50, 0.5), (p.p95, 0.95)]
                .iter()
                .enumerate()
            {
                if interval[0] <= *q && *q <= interval[1] {
                    covered[k] += 1;
                }
            }
            means.push(s.mean);
            ses.push(p.mean_se);
        }
        for (k, count) in covered.iter().enumerate() {
            let share = f64::from(*count) / f64::from(samples);
            assert!(
                (0.90..=0.995).contains(&share),
                "quantile {k}: coverage {share}"
            );
        }
        let spread = stats(&means).sd;
        let se = ses.iter().sum::<f64>() / ses.len() as f64;
        assert!(
            (spread / se - 1.0).abs() < 0.15,
            "spread {spread} against se {se}"
        );
    }

    /// The selections (in place, and by buckets from 256 values) give bit for bit what a full
    /// sort gives: every percentile and interval of `stats`, and every day of `bands`, against
    /// the sorted values read the straightforward way, on samples of every small size and some
    /// large ones, with ties (signed zeros among them) or with a heavy tail.
    #[test]
    fn selections_agree_with_a_full_sort_bit_for_bit() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand_pcg::Pcg64Mcg::seed_from_u64(12);
        let sorted_quantile = |sorted: &[f64], q: f64| {
            let n = sorted.len();
            let position = q * (n - 1) as f64;
            let below = position.floor() as usize;
            let high = sorted.get(below + 1).copied().unwrap_or(sorted[below]);
            sorted[below] + (high - sorted[below]) * (position - below as f64)
        };
        let mut sizes: Vec<usize> = (1..40).collect();
        sizes.extend([99, 100, 101, 255, 256, 257, 1000, 4321]);
        for n in sizes {
            for kind in ["spread", "ties", "counts", "halves", "infinite", "nan"] {
                if (kind == "infinite" || kind == "nan") && n == 1 {
                    // The reference reads one value's quantile as inf + (inf - inf) × 0.
                    continue;
                }
                let ties = kind == "ties";
                let values: Vec<f64> = (0..n)
                    .map(|i| match (ties, i % 3) {
                        // Whole numbers (the counting path), a few far out.
                        _ if kind == "counts" && i % 7 == 0 => 1000.0,
                        _ if kind == "counts" => f64::from(rng.random_range(0..30_u32)),
                        // Halves over a short range (not whole: not for counting).
                        _ if kind == "halves" => f64::from(rng.random_range(0..60_u32)) / 2.0,
                        // Whole numbers with infinities, or NaNs, among them (not for
                        // counting nor bucketing).
                        _ if kind == "infinite" && i % 5 == 0 => f64::INFINITY,
                        _ if kind == "nan" && i % 7 == 3 => f64::NAN,
                        _ if kind == "infinite" || kind == "nan" => {
                            f64::from(rng.random_range(0..30_u32))
                        }
                        (true, 0) => 0.0,
                        (true, 1) => -0.0,
                        (true, _) => f64::from(rng.random_range(0..4_u32)),
                        // A heavy tail: a few values a million times the rest.
                        (false, 0) => (1.0 - rng.random::<f64>()).powi(-3),
                        (false, _) => rng.random::<f64>() * 1e3 - 100.0,
                    })
                    .collect();
                let mut sorted = values.clone();
                sorted.sort_by(f64::total_cmp);
                let s = stats(&values);
                let p = s.precision.expect("precision");
                for (q, got) in [
                    (0.05, s.p5),
                    (0.25, s.p25),
                    (0.5, s.p50),
                    (0.75, s.p75),
                    (0.95, s.p95),
                ] {
                    let wanted = sorted_quantile(&sorted, q);
                    assert_eq!(got.to_bits(), wanted.to_bits(), "n {n} {kind} q {q}");
                }
                for (q, got) in [(0.05, p.p5), (0.5, p.p50), (0.95, p.p95)] {
                    let wanted = quantile_interval(&sorted, q);
                    assert_eq!(
                        got.map(f64::to_bits),
                        wanted.map(f64::to_bits),
                        "n {n} {kind} interval {q}"
                    );
                }
                // Bands over 11 days (a block and a part) of runs whose day d is value + d.
                let daily = bands(n, 11, |run, day| values[run] + day as f64);
                for day in 0..11 {
                    let column: Vec<f64> = values.iter().map(|v| v + day as f64).collect();
                    let s = stats(&column);
                    for (name, got, wanted) in [
                        ("mean", daily.mean[day], s.mean),
                        ("p5", daily.p5[day], s.p5),
                        ("p25", daily.p25[day], s.p25),
                        ("p50", daily.p50[day], s.p50),
                        ("p75", daily.p75[day], s.p75),
                        ("p95", daily.p95[day], s.p95),
                    ] {
                        assert_eq!(got.to_bits(), wanted.to_bits(), "n {n} day {day} {name}");
                    }
                }
            }
        }
        let none = bands(0, 3, |_, _| 1.0);
        assert_eq!((none.mean, none.p95), (vec![0.0; 3], vec![0.0; 3]));
    }
}
