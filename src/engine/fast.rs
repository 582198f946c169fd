//! The fast engine: one run costs a few draws per node of the journey tree and per day of
//! the daily series, whatever the number of leads.
//!
//! Exactness: given a node's count of entering leads, those leads are independent and alike
//! (for a Poisson root because a Poisson number of leads with independent marks gives
//! independent counts per mark; for a fixed root because they share their arrival day), so
//! the split into "decides before the horizon", "converts", "goes to nurture", ... is a chain
//! of binomial draws with the plan's conditional probabilities: the same law as following
//! each lead. Event days are drawn per event group: for a fixed root per node, exactly; for
//! Poisson roots, given the group's total, from the run's mixture of the nodes' day laws,
//! which is each day's exact law (what the daily bands read) though it does not keep which
//! path each day's customers took (which no report reads).

use rand_distr::{Binomial, Distribution, Poisson};

use super::plan::{EventGroup, NodeKind, Plan, Root, RootArrivals, ratio};
use super::run::{RunResult, SourceCounts};
use super::streams::{Purpose, Stream, key, stream, sub_stream};
use crate::scenario::{Model, ValueSum};

/// Draws Binomial(n, p), with the edge cases handled without a distribution object.
pub(crate) fn binomial(rng: &mut Stream, n: u64, p: f64) -> u64 {
    if n == 0 || p <= 0.0 {
        return 0;
    }
    if p >= 1.0 {
        return n;
    }
    if n <= 16 {
        // A handful of trials: compare raw 64-bit draws with p scaled to 2^64, no setup cost.
        use rand::Rng;
        let threshold = (p * 18_446_744_073_709_551_616.0) as u64;
        return (0..n).filter(|_| rng.next_u64() < threshold).count() as u64;
    }
    if n as f64 * p.min(1.0 - p) <= INVERSION_MEAN {
        return binomial_by_inversion(rng, n, p);
    }
    match Binomial::new(n, p) {
        Ok(law) => law.sample(rng),
        Err(_) => 0,
    }
}

/// Up to this mean (of the rarer outcome) binomials are drawn by inversion.
const INVERSION_MEAN: f64 = 50.0;

/// Binomial(n, p) by inversion of one uniform, walking the law up from 0 (of the rarer
/// outcome): a draw is increasing in the uniform, so two variants drawing with slightly
/// different `n` or `p` from the same stream get nearby counts (common random numbers
/// couple them), where a rejection sampler would give unrelated ones. Cost: about the mean.
fn binomial_by_inversion(rng: &mut Stream, n: u64, p: f64) -> u64 {
    use rand::RngExt;
    let flipped = p > 0.5;
    let (p, q) = if flipped { (1.0 - p, p) } else { (p, 1.0 - p) };
    let u: f64 = rng.random();
    let ratio = p / q;
    // q^n >= e^(-2 INVERSION_MEAN) here (p <= 1/2): no underflow.
    let mut mass = q.powf(n as f64);
    let mut below = mass;
    let mut k = 0;
    while u >= below && k < n {
        mass *= (n - k) as f64 / (k + 1) as f64 * ratio;
        k += 1;
        below += mass;
    }
    if flipped { n - k } else { k }
}

/// Draws Poisson(mean) as a count.
pub(crate) fn poisson(rng: &mut Stream, mean: f64) -> u64 {
    if mean <= 0.0 {
        return 0;
    }
    match Poisson::new(mean) {
        Ok(law) => {
            let draw: f64 = law.sample(rng);
            draw as u64
        }
        Err(_) => 0,
    }
}

/// Places `n` items one by one: `n` sorted uniform positions and one pass over the cells.
fn spread_one_by_one(
    rng: &mut Stream,
    n: u64,
    weights: &[f64],
    total: f64,
    add: &mut dyn FnMut(usize, u64),
) {
    use rand::RngExt;
    if n == 0 {
        return;
    }
    let mut points: Vec<f64> = (0..n).map(|_| rng.random::<f64>() * total).collect();
    points.sort_by(f64::total_cmp);
    let mut cumulative = 0.0;
    let mut next = 0;
    let mut last_positive = 0;
    for (cell, &w) in weights.iter().enumerate() {
        if w <= 0.0 {
            continue;
        }
        last_positive = cell;
        cumulative += w;
        let start = next;
        while next < points.len() && points[next] < cumulative {
            next += 1;
        }
        if next > start {
            add(cell, (next - start) as u64);
        }
        if next == points.len() {
            return;
        }
    }
    if next < points.len() {
        // Rounding left a point above the last cumulative sum: it belongs to the last cell.
        add(last_positive, (points.len() - next) as u64);
    }
}

/// Up to this many items per cell, a multinomial places its items one by one from a table
/// (`spread_by_table`): a few nanoseconds an item, where a draw per cell (a binomial or a
/// Poisson count) costs tens.
const BY_TABLE_PER_CELL: u64 = 4;

/// Places `n` items one by one, each in the cell where its uniform falls on the cumulative
/// weights (inversion: exactly the multinomial law), found from a guide table (Chen and
/// Asau's indexed search: the first cell of each of `weights.len()` equal slices of the
/// total) in about one step an item. An item's cell grows with its uniform, so two variants
/// with slightly different weights, or one item more, place their items alike (common random
/// numbers stay in step).
fn spread_by_table(rng: &mut Stream, n: u64, weights: &[f64], add: &mut dyn FnMut(usize, u64)) {
    use rand::RngExt;
    let cells = weights.len();
    let mut cumulative = Vec::with_capacity(cells);
    let mut sum = 0.0;
    let mut last_positive = 0;
    for (cell, &w) in weights.iter().enumerate() {
        if w > 0.0 {
            sum += w;
            last_positive = cell;
        }
        cumulative.push(sum);
    }
    if sum <= 0.0 {
        return;
    }
    // guide[j]: the first cell whose cumulative weight passes j / cells of the total.
    let mut guide = Vec::with_capacity(cells);
    let mut cell = 0;
    for j in 0..cells {
        let level = j as f64 / cells as f64 * sum;
        while cell < last_positive && cumulative[cell] <= level {
            cell += 1;
        }
        guide.push(cell);
    }
    let mut counts = vec![0u64; cells];
    for _ in 0..n {
        let u: f64 = rng.random();
        let x = u * sum;
        let mut cell = guide[((u * cells as f64) as usize).min(cells - 1)];
        // The first cell whose cumulative weight exceeds x (rounding in the guide's levels
        // may start it one cell late or early).
        while cell > 0 && cumulative[cell - 1] > x {
            cell -= 1;
        }
        while cell < last_positive && cumulative[cell] <= x {
            cell += 1;
        }
        counts[cell] += 1;
    }
    for (cell, &count) in counts.iter().enumerate() {
        if count > 0 {
            add(cell, count);
        }
    }
}

/// Spreads `n` items over the cells of `weights` (not necessarily normalised) with the
/// multinomial law, calling `add(cell, count)` for every non-empty cell.
pub(crate) fn multinomial(
    rng: &mut Stream,
    n: u64,
    weights: &[f64],
    mut add: impl FnMut(usize, u64),
) {
    spread(rng, n, weights, &mut add);
}

/// `multinomial` behind a trait object, so that it can call itself.
fn spread(rng: &mut Stream, n: u64, weights: &[f64], add: &mut dyn FnMut(usize, u64)) {
    let total: f64 = weights.iter().sum();
    if n == 0 || total <= 0.0 {
        return;
    }
    if n <= 16 {
        spread_one_by_one(rng, n, weights, total, add);
        return;
    }
    if n <= BY_TABLE_PER_CELL * weights.len() as u64 {
        spread_by_table(rng, n, weights, add);
        return;
    }
    if n > 256 && weights.len() > 32 {
        // Poissonisation: independent Poisson counts whose total mean is a little below n,
        // then the few items left one by one. Given their sum s <= n the Poisson counts are
        // Multinomial(s, w); adding an independent Multinomial(n - s, w) gives exactly
        // Multinomial(n, w), so the rare rejected draw (s > n) does not bias anything.
        let mean = n as f64 - 3.0 * (n as f64).sqrt();
        let mut counts = vec![0u64; weights.len()];
        let placed = loop {
            let mut placed = 0u64;
            for (count, &w) in counts.iter_mut().zip(weights) {
                *count = poisson(rng, mean * w / total);
                placed += *count;
            }
            if placed <= n {
                break placed;
            }
        };
        // The rest (about 3 sqrt(n) items) recursively: large rests are Poissonised again, so
        // the cost stays a few draws per cell however many items there are.
        spread(rng, n - placed, weights, &mut |cell, k| counts[cell] += k);
        for (cell, &count) in counts.iter().enumerate() {
            if count > 0 {
                add(cell, count);
            }
        }
        return;
    }
    let mut remaining = n;
    let mut mass = total;
    let mut last_positive = 0;
    for (cell, &w) in weights.iter().enumerate() {
        if remaining == 0 {
            return;
        }
        if w <= 0.0 {
            continue;
        }
        last_positive = cell;
        let p = if mass <= w * (1.0 + 1e-12) {
            1.0
        } else {
            w / mass
        };
        let k = binomial(rng, remaining, p);
        if k > 0 {
            add(cell, k);
        }
        remaining -= k;
        mass -= w;
    }
    if remaining > 0 {
        add(last_positive, remaining);
    }
}

/// What a segment's part of a run is given, drawn once for the whole run: the rate of each
/// stage as the segment meets it, and for each source left to the shares with a fixed count,
/// the segment's part of each active day's leads (indexed by day from the source's start;
/// empty for the other sources, which send their plan's count).
#[derive(Debug, Clone, Default)]
pub(crate) struct Given {
    pub rates: Vec<f64>,
    pub fixed: Vec<Vec<u64>>,
}

/// The random streams of one run. Flow and retention draws come from one sub-stream per
/// (root, node) of these keys, so a variant whose counts differ at one node keeps the same
/// draws at every other node (common random numbers stay in step).
struct Streams {
    flow: Vec<u64>,
    retention: u64,
    days: Vec<Stream>,
}

/// One run of the fast engine. Without `daily`, only the run's totals: no daily series, no
/// event days, and each event group's values drawn as one sum over the group's total count
/// (the same law as the day-by-day sums, as a sum of independent values does not depend on
/// how they are grouped; other draws are as with `daily`).
pub(crate) fn run(
    plan: &Plan,
    model: &Model,
    seed: u64,
    run: u32,
    daily: bool,
    given: Option<&Given>,
) -> RunResult {
    let horizon = plan.horizon;
    let stage_count = model.stages.len();
    let mut result = RunResult::empty(stage_count, if daily { horizon } else { 0 });
    // Figures per channel: each source's part, and its events per group (which book values).
    result.sources = vec![SourceCounts::default(); model.sources.len()];
    let mut source_events = vec![vec![0u64; model.sources.len()]; plan.groups.len()];

    let rates = match given {
        // A segment's part: the run's rates were drawn once for every segment.
        Some(given) => given.rates.clone(),
        None => {
            let super::copula::Draws { rates, unknowns } = super::copula::draws(model, seed, run);
            result.unknowns = unknowns;
            rates
        }
    };
    let mut streams = Streams {
        flow: model
            .stages
            .iter()
            .map(|s| key(seed, run, Purpose::Flow, &s.name))
            .collect(),
        retention: key(seed, run, Purpose::Retention, "retention"),
        days: plan
            .groups
            .iter()
            .map(|g| stream(seed, run, Purpose::Days, &g.key))
            .collect(),
    };

    // Events of Poisson roots are counted per group and given days at the end; events of
    // fixed roots get their days at once.
    let mut group_totals = vec![0u64; plan.groups.len()];
    let mut group_days = vec![vec![0u64; if daily { horizon } else { 0 }]; plan.groups.len()];
    let mut stack: Vec<(usize, u64)> = Vec::new();

    for root in &plan.roots {
        let source = &model.sources[root.source];
        let arrivals = match root.arrivals {
            RootArrivals::Poisson { mean, .. } => poisson(
                &mut stream(seed, run, Purpose::Arrivals, &source.stream_key),
                mean,
            ),
            RootArrivals::Fixed { count, day } => given
                .and_then(|g| g.fixed.get(root.source))
                .and_then(|days| days.get(day.checked_sub(source.start)? as usize))
                .copied()
                .unwrap_or(count),
        };
        result.leads += arrivals;
        result.cost += arrivals as f64 * source.cost_per_lead;
        let part = &mut result.sources[root.source];
        part.leads += arrivals;
        part.cost += arrivals as f64 * source.cost_per_lead;
        // The root's part of its nodes' sub-stream keys: its source and (fixed roots) day.
        let root_key = key(seed, run, Purpose::Arrivals, &source.stream_key).wrapping_add(
            match root.arrivals {
                RootArrivals::Poisson { .. } => 0,
                RootArrivals::Fixed { day, .. } => 1 + u64::from(day),
            },
        );
        stack.push((0, arrivals));
        while let Some((index, entering)) = stack.pop() {
            if entering == 0 {
                continue;
            }
            let node = &plan.trees[root.tree].nodes[index];
            let odds = plan.odds(root, index);
            let converted = match node.kind {
                NodeKind::Stage { stage, .. } => {
                    let rng = &mut sub_stream(streams.flow[stage], root_key, index as u64);
                    let counts = &mut result.stages[stage];
                    counts.entered += entering;
                    let (converted, failed) = if node.lost_lag.is_some() {
                        // A time to lose of its own: winners and losers are seen on their own
                        // clocks. Seen winners ~ Bin(n, p w), then seen losers among the rest
                        // ~ Bin(n - winners, (1 - p) l / (1 - p w)), w and l the chances of
                        // converting and of failing before the horizon.
                        let p = rates[stage];
                        let win = p * odds.decide_given_entered();
                        let converted = binomial(rng, entering, win);
                        let lose = (1.0 - p) * odds.lose_given_entered();
                        let failed = binomial(rng, entering - converted, ratio(lose, 1.0 - win));
                        counts.open += entering - converted - failed;
                        counts.decision_days += converted as f64 * odds.mean_days_given_decided()
                            + failed as f64 * odds.mean_days_given_failed();
                        (converted, failed)
                    } else {
                        let decided = binomial(rng, entering, odds.decide_given_entered());
                        counts.open += entering - decided;
                        counts.decision_days += decided as f64 * odds.mean_days_given_decided();
                        let converted = binomial(rng, decided, rates[stage]);
                        (converted, decided - converted)
                    };
                    counts.converted += converted;
                    counts.failed += failed;
                    if let (Some(nurture), Some(_)) =
                        (&model.stages[stage].nurture, &node.nurture_end_lag)
                    {
                        let nurtured = binomial(rng, failed, nurture.share);
                        let done = binomial(rng, nurtured, odds.nurture_end_given_failed());
                        counts.nurtured += nurtured;
                        counts.open_in_nurture += nurtured - done;
                        if let Some(child) = node.reenter_child {
                            let reentered = binomial(rng, done, nurture.reentry);
                            counts.reentered += reentered;
                            stack.push((child, reentered));
                        }
                    }
                    if stage + 1 == stage_count {
                        result.customers += converted;
                        result.sources[root.source].customers += converted;
                        add_purchase_lags(&mut result, root, index, converted);
                    }
                    converted
                }
                NodeKind::Repeat { .. } => {
                    let repeat = model.retention.as_ref().map_or(0.0, |r| r.repeat);
                    let rng = &mut sub_stream(streams.retention, root_key, index as u64);
                    let decided = binomial(rng, entering, odds.decide_given_entered());
                    let bought = binomial(rng, decided, repeat);
                    result.repeat_purchases += bought;
                    result.sources[root.source].repeat_purchases += bought;
                    bought
                }
            };
            if converted == 0 {
                continue;
            }
            if let Some(group) = node.event_group {
                source_events[group][root.source] += converted;
                match root.arrivals {
                    RootArrivals::Fixed { day, .. } if daily => {
                        let seen = horizon.saturating_sub(day as usize);
                        let lags = &node.decide_lag[..seen.min(node.decide_lag.len())];
                        let days = &mut group_days[group];
                        let is_purchase = plan.first_purchase_group == Some(group);
                        let lag_counts = &mut result.days_to_purchase;
                        multinomial(&mut streams.days[group], converted, lags, |lag, count| {
                            days[day as usize + lag] += count;
                            if is_purchase {
                                lag_counts[lag] += count as f64;
                            }
                        });
                    }
                    _ => group_totals[group] += converted,
                }
            }
            if let Some(child) = node.convert_child {
                stack.push((child, converted));
            }
        }
    }

    if daily {
        spread_poisson_events(
            plan,
            model,
            &rates,
            &group_totals,
            &mut group_days,
            &mut streams.days,
        );
    }

    if let Some(group) = plan.first_purchase_group {
        for (day, &count) in result.new_customers.iter_mut().zip(&group_days[group]) {
            *day = u32::try_from(count).unwrap_or(u32::MAX);
        }
    }
    let groups = plan.groups.iter().zip(&group_days).zip(&group_totals);
    for (((group, days), &total), events) in groups.zip(&source_events) {
        let Some(value) = &group.value else { continue };
        let mut rng = stream(seed, run, Purpose::Values, &group.key);
        let mut group_revenue = 0.0;
        if daily {
            for (revenue, &count) in result.revenue_by_day.iter_mut().zip(days) {
                if count == 0 {
                    // Nothing booked, nothing drawn (a sum of no values draws nothing).
                    continue;
                }
                let booked = value.sample(count, &mut rng);
                *revenue += booked;
                group_revenue += booked;
            }
        } else {
            // Without daily series: the group's values as one sum over its total count.
            group_revenue = value.sample(total, &mut rng);
            result.revenue += group_revenue;
        }
        let shares = Shares {
            model,
            group,
            value,
            seed,
            run,
        };
        shares.book(&mut result.sources, events, group_revenue);
    }
    if daily {
        result.revenue = result.revenue_by_day.iter().sum();
    }
    result
}

/// How one event group's revenue in a run is shared among the sources whose leads made its
/// events (figures per channel), without touching the draws of the run's totals.
struct Shares<'a> {
    model: &'a Model,
    group: &'a EventGroup,
    value: &'a ValueSum,
    seed: u64,
    run: u32,
}

impl Shares<'_> {
    /// Books `total`, the revenue of the group's events (`events[s]` of them from source `s`),
    /// to the sources. One source takes it all. Several: given the total, source `s` takes
    /// `total × T_s / ΣT`, where `T_s` is a fresh sum of its `events[s]` values (its own
    /// stream): the parts add up to the total, each part's mean is its count times the mean
    /// value (the values are exchangeable), and their law is exact for fixed values (parts
    /// proportional to the counts) and to second order otherwise (the split of a sum of
    /// exchangeable values, with the sum's variance shared as the counts share it).
    fn book(&self, sources: &mut [SourceCounts], events: &[u64], total: f64) {
        let mut making = events.iter().enumerate().filter(|(_, n)| **n > 0);
        let (Some((first, _)), second) = (making.next(), making.next()) else {
            return;
        };
        if second.is_none() {
            sources[first].revenue += total;
            return;
        }
        let draws: Vec<f64> = events
            .iter()
            .zip(&self.model.sources)
            .map(|(&count, source)| {
                if count == 0 {
                    return 0.0;
                }
                let name = format!("{}\u{1f}{}", self.group.key, source.stream_key);
                let mut rng = stream(self.seed, self.run, Purpose::SourceShares, &name);
                self.value.sample(count, &mut rng)
            })
            .collect();
        let drawn: f64 = draws.iter().sum();
        let counted: u64 = events.iter().sum();
        for ((part, &draw), &count) in sources.iter_mut().zip(&draws).zip(events) {
            if count == 0 {
                continue;
            }
            part.revenue += if drawn > 0.0 && drawn.is_finite() {
                total * (draw / drawn)
            } else {
                total * (count as f64 / counted as f64)
            };
        }
    }
}

/// Adds the expected lags of `count` customers made at a Poisson root's last-stage node.
fn add_purchase_lags(result: &mut RunResult, root: &Root, node: usize, count: u64) {
    if count == 0 {
        return;
    }
    if let Some(Some(law)) = root.purchase_lag.get(node) {
        let count = count as f64;
        for (slot, p) in result.days_to_purchase.iter_mut().zip(law) {
            *slot += count * p;
        }
    }
}

/// Gives days to the events of Poisson roots: per group, the total is spread over the days
/// by the mixture of its nodes' day laws, weighted by their expected counts in this run.
fn spread_poisson_events(
    plan: &Plan,
    model: &Model,
    rates: &[f64],
    totals: &[u64],
    group_days: &mut [Vec<u64>],
    day_streams: &mut [Stream],
) {
    if totals.iter().all(|&t| t == 0) {
        return;
    }
    let mut mixtures: Vec<Option<Vec<f64>>> = totals
        .iter()
        .map(|&t| (t > 0).then(|| vec![0.0; plan.horizon]))
        .collect();
    for root in &plan.roots {
        let RootArrivals::Poisson { mean, .. } = root.arrivals else {
            continue;
        };
        let nodes = &plan.trees[root.tree].nodes;
        let mut mass = vec![0.0; nodes.len()];
        if let Some(first) = mass.first_mut() {
            *first = mean;
        }
        // Children always come after their parent in the node list.
        for (index, node) in nodes.iter().enumerate() {
            let entering = mass[index];
            if entering <= 0.0 {
                continue;
            }
            let odds = root.odds[index];
            let decided = entering * odds.decide_given_entered();
            // Seen failures (before the rate): on the losers' own clock with a time to lose.
            let failing = if node.lost_lag.is_some() {
                entering * odds.lose_given_entered()
            } else {
                decided
            };
            let (rate, stage) = match node.kind {
                NodeKind::Stage { stage, .. } => (rates[stage], Some(stage)),
                NodeKind::Repeat { .. } => {
                    (model.retention.as_ref().map_or(0.0, |r| r.repeat), None)
                }
            };
            let converted = decided * rate;
            if let Some(child) = node.convert_child {
                mass[child] += converted;
            }
            if let (Some(child), Some(stage)) = (node.reenter_child, stage)
                && let Some(nurture) = &model.stages[stage].nurture
            {
                mass[child] += failing
                    * (1.0 - rate)
                    * nurture.share
                    * odds.nurture_end_given_failed()
                    * nurture.reentry;
            }
            // Repeat purchases are added from their customer's node, below.
            if stage.is_some()
                && let (Some(group), Some(Some(law))) =
                    (node.event_group, root.event_days.get(index))
                && let Some(Some(mixture)) = mixtures.get_mut(group)
            {
                for (slot, p) in mixture.iter_mut().zip(law) {
                    *slot += converted * p;
                }
            }
            if let (Some(repeat_group), Some(Some(days))) =
                (plan.repeat_group, root.repeat_days.get(index))
                && let Some(Some(mixture)) = mixtures.get_mut(repeat_group)
            {
                for (slot, p) in mixture.iter_mut().zip(days) {
                    *slot += converted * p;
                }
            }
        }
    }
    for (group, mixture) in mixtures.iter().enumerate() {
        let Some(mixture) = mixture else { continue };
        let days = &mut group_days[group];
        multinomial(
            &mut day_streams[group],
            totals[group],
            mixture,
            |day, count| days[day] += count,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Inversion draws have the binomial's mean and variance on both sides of p = 1/2, and
    /// are monotone in p and n for the same stream state (what couples variants).
    #[test]
    fn binomial_inversion_is_exact_in_moments_and_monotone() {
        for (n, p) in [
            (30u64, 0.3),
            (100, 0.45),
            (200, 0.9),
            (1000, 0.04),
            (17, 0.5),
        ] {
            let draws = 20_000;
            let mut rng = stream(5, n as u32, Purpose::Flow, "inversion");
            let values: Vec<f64> = (0..draws)
                .map(|_| binomial_by_inversion(&mut rng, n, p) as f64)
                .collect();
            let mean = values.iter().sum::<f64>() / f64::from(draws);
            let variance =
                values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / f64::from(draws - 1);
            let expected_variance = n as f64 * p * (1.0 - p);
            let standard_error = (expected_variance / f64::from(draws)).sqrt();
            assert!(
                (mean - n as f64 * p).abs() < 4.5 * standard_error,
                "Bin({n}, {p}): mean {mean}"
            );
            assert!(
                (variance / expected_variance - 1.0).abs() < 0.06,
                "Bin({n}, {p}): variance {variance} vs {expected_variance}"
            );
        }
        for run in 0..2000 {
            let draw = |n, p| binomial(&mut stream(9, run, Purpose::Flow, "monotone"), n, p);
            assert!(draw(150, 0.2) <= draw(150, 0.22), "monotone in p");
            assert!(draw(150, 0.2) <= draw(160, 0.2), "monotone in n");
        }
    }

    /// Every path of `multinomial` (one by one, by table, sequential binomials,
    /// Poissonisation with the rest by table) places all items and has the multinomial's mean
    /// and variance per cell; cells of weight zero get nothing.
    #[test]
    fn multinomial_has_the_right_moments_on_every_path() {
        for (cells, n) in [(100, 9u64), (100, 200), (10, 200), (100, 5000)] {
            // Every fifth cell empty, the first one among them.
            let weights: Vec<f64> = (0..cells)
                .map(|i| if i % 5 == 0 { 0.0 } else { f64::from(i % 7) })
                .collect();
            let total: f64 = weights.iter().sum();
            let draws = 3000;
            let mut rng = stream(11, n as u32, Purpose::Days, "test");
            let mut sums = vec![0.0; weights.len()];
            let mut squares = vec![0.0; weights.len()];
            for _ in 0..draws {
                let mut counts = vec![0u64; weights.len()];
                multinomial(&mut rng, n, &weights, |cell, k| counts[cell] += k);
                assert_eq!(counts.iter().sum::<u64>(), n, "all {n} items placed");
                for (cell, &c) in counts.iter().enumerate() {
                    sums[cell] += c as f64;
                    squares[cell] += (c as f64).powi(2);
                }
            }
            for (cell, &w) in weights.iter().enumerate() {
                if w == 0.0 {
                    assert_eq!(
                        sums[cell], 0.0,
                        "{cells} cells, n {n}: cell {cell} is empty"
                    );
                    continue;
                }
                let p = w / total;
                let expected_mean = n as f64 * p;
                let expected_variance = n as f64 * p * (1.0 - p);
                let mean = sums[cell] / f64::from(draws);
                let variance = squares[cell] / f64::from(draws) - mean * mean;
                let standard_error = (expected_variance / f64::from(draws)).sqrt();
                assert!(
                    (mean - expected_mean).abs() < 4.5 * standard_error,
                    "{cells} cells, n {n}, cell {cell}: mean {mean} vs {expected_mean}"
                );
                // The sample variance's standard error, with Poisson-like fourth moments.
                let variance_error = ((expected_variance + 2.0 * expected_variance.powi(2))
                    / f64::from(draws))
                .sqrt();
                assert!(
                    (variance - expected_variance).abs() < 5.0 * variance_error,
                    "{cells} cells, n {n}, cell {cell}: variance {variance} vs {expected_variance}"
                );
            }
        }
    }
}
