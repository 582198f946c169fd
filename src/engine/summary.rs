//! Summaries over runs: from per-run results (in run order) to the report.

use super::report::{Bands, Daily, Derived, Exact, Report, StageReport, Stats};
use super::run::RunResult;
use crate::scenario::Model;

/// Quantile by linear interpolation between order statistics (selection, not a full sort;
/// the order of `values` is scrambled).
fn quantile(values: &mut [f64], q: f64) -> f64 {
    match values.len() {
        0 => 0.0,
        1 => values[0],
        n => {
            let position = q * (n - 1) as f64;
            let below = position.floor() as usize;
            let fraction = position - below as f64;
            let (_, &mut low, upper) = values.select_nth_unstable_by(below, f64::total_cmp);
            // The next order statistic is the smallest value above the selected one.
            let high = upper.iter().copied().min_by(f64::total_cmp).unwrap_or(low);
            low + (high - low) * fraction
        }
    }
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
    let mut scratch = values.to_vec();
    Stats {
        mean,
        sd,
        p5: quantile(&mut scratch, 0.05),
        p25: quantile(&mut scratch, 0.25),
        p50: quantile(&mut scratch, 0.50),
        p75: quantile(&mut scratch, 0.75),
        p95: quantile(&mut scratch, 0.95),
    }
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
    }
}

fn bands(runs: &[RunResult], horizon: usize, value: impl Fn(&RunResult, usize) -> f64) -> Bands {
    let mut out = Bands {
        mean: Vec::with_capacity(horizon),
        p5: Vec::with_capacity(horizon),
        p25: Vec::with_capacity(horizon),
        p50: Vec::with_capacity(horizon),
        p75: Vec::with_capacity(horizon),
        p95: Vec::with_capacity(horizon),
    };
    let mut column = Vec::with_capacity(runs.len());
    for day in 0..horizon {
        column.clear();
        column.extend(runs.iter().map(|r| value(r, day)));
        let s = stats(&column);
        out.mean.push(s.mean);
        out.p5.push(s.p5);
        out.p25.push(s.p25);
        out.p50.push(s.p50);
        out.p75.push(s.p75);
        out.p95.push(s.p95);
    }
    out
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

    let daily = Daily {
        new_customers: bands(runs, horizon, |r, d| f64::from(r.new_customers[d])),
        revenue: bands(runs, horizon, |r, d| r.revenue_by_day[d]),
        cumulative_revenue: {
            let cumulative: Vec<Vec<f64>> = runs
                .iter()
                .map(|r| {
                    let mut total = 0.0;
                    r.revenue_by_day
                        .iter()
                        .map(|v| {
                            total += v;
                            total
                        })
                        .collect()
                })
                .collect();
            let mut out = Bands::default();
            let mut column = Vec::with_capacity(runs.len());
            for day in 0..horizon {
                column.clear();
                column.extend(cumulative.iter().map(|c| c[day]));
                let s = stats(&column);
                out.mean.push(s.mean);
                out.p5.push(s.p5);
                out.p25.push(s.p25);
                out.p50.push(s.p50);
                out.p75.push(s.p75);
                out.p95.push(s.p95);
            }
            out
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
        first_purchase_day: histogram_stats(&first_purchase),
        days_to_first_purchase: histogram_stats(&lags),
        derived,
        exact,
        daily,
    }
}
