//! The report: per-run results summarised over runs (the one output of the engine).
//!
//! A report depends only on the scenario, the seed and the number of runs: summaries are
//! computed from per-run values kept in run order, so chunking and workers cannot change it.

use serde::{Deserialize, Serialize};

/// Summary statistics of one quantity over runs.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Stats {
    /// The mean over runs.
    pub mean: f64,
    /// The standard deviation over runs.
    pub sd: f64,
    /// The 5th percentile over runs.
    pub p5: f64,
    /// The 25th percentile over runs.
    pub p25: f64,
    /// The median over runs.
    pub p50: f64,
    /// The 75th percentile over runs.
    pub p75: f64,
    /// The 95th percentile over runs.
    pub p95: f64,
    /// How precise these estimates are, from the runs themselves (absent where the figure is
    /// not a summary of per-run values, such as a figure pooled over all customers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precision: Option<Precision>,
}

/// The Monte Carlo precision of a summary over runs: the standard error of the mean, and 95%
/// distribution-free intervals for p5, p50 and p95 from the order statistics of the runs (the
/// ranks n q ∓ 1.96 √(n q (1 − q)), widened to whole ranks).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Precision {
    /// The standard error of the mean: `sd / √runs`.
    pub mean_se: f64,
    /// A 95% interval `[low, high]` for the true 5th percentile.
    pub p5: [f64; 2],
    /// A 95% interval `[low, high]` for the true median.
    pub p50: [f64; 2],
    /// A 95% interval `[low, high]` for the true 95th percentile.
    pub p95: [f64; 2],
}

/// Per-day percentile bands over runs; every vector has `horizon_days` entries.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Bands {
    /// Each day's mean over runs.
    pub mean: Vec<f64>,
    /// Each day's 5th percentile over runs.
    pub p5: Vec<f64>,
    /// Each day's 25th percentile over runs.
    pub p25: Vec<f64>,
    /// Each day's median over runs.
    pub p50: Vec<f64>,
    /// Each day's 75th percentile over runs.
    pub p75: Vec<f64>,
    /// Each day's 95th percentile over runs.
    pub p95: Vec<f64>,
}

/// The daily series of the forecast, as percentile bands over runs.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Daily {
    /// Customers making their first purchase on each day.
    pub new_customers: Bands,
    /// Revenue booked on each day (all stage values and repeat purchases).
    pub revenue: Bands,
    /// Revenue booked from day 0 up to and including each day.
    pub cumulative_revenue: Bands,
}

/// Equal-width bins: `counts[i]` is the weight of values in
/// `[lower + i * width, lower + (i + 1) * width)` (the last bin also holds its upper edge).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Histogram {
    /// The lower edge of the first bin.
    pub lower: f64,
    /// The width of every bin.
    pub width: f64,
    /// The weight of each bin, first bin first.
    pub counts: Vec<f64>,
}

impl Histogram {
    /// The upper edge of the last bin.
    pub fn upper(&self) -> f64 {
        self.lower + self.width * self.counts.len() as f64
    }

    /// The sum of the weights.
    pub fn total(&self) -> f64 {
        self.counts.iter().sum()
    }
}

/// The shapes of the outcome distributions, for histograms and target probabilities.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Distributions {
    /// Total revenue over the horizon: how many runs fall in each bin.
    pub revenue: Histogram,
    /// Total revenue's percentiles 0, 1, ..., 100 over runs (101 values; the first and last
    /// are the smallest and largest run).
    pub revenue_percentiles: Vec<f64>,
    /// Days from a lead's arrival to its first purchase (one-day bins from day 0): the mean
    /// number of customers per run with each delay.
    pub days_to_first_purchase: Histogram,
}

/// One stage's figures over runs.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StageReport {
    /// The stage's name, as in the scenario.
    pub name: String,
    /// Every entry into the stage, re-entries from nurture included.
    pub entered: Stats,
    /// Conversions out of the stage (into the next stage, or purchases for the last one).
    pub converted: Stats,
    /// Leads that decided and did not convert (lost or sent to nurture).
    pub failed: Stats,
    /// Leads still waiting to decide in this stage at the horizon.
    pub open: Stats,
    /// Leads waiting in this stage's nurture at the horizon.
    pub open_in_nurture: Stats,
    /// Leads sent to this stage's nurture (part of `failed`): they come back (`reentered`),
    /// are lost from it, or are still in it at the horizon (`open_in_nurture`). Reports from
    /// before this field read it as zero.
    #[serde(default)]
    pub nurtured: Stats,
    /// Re-entries from this stage's nurture into its target stage.
    pub reentered: Stats,
    /// Mean converted over mean entered: conversion of everyone who entered.
    pub conversion: f64,
    /// Mean converted over mean decided (converted + failed): the win rate among closed leads.
    pub win_rate: f64,
    /// Mean days from entering the stage to deciding, over leads that decided.
    pub mean_days: f64,
}

impl StageReport {
    /// The mean number of leads lost at the stage for good: failed, not back from its nurture
    /// and not still waiting in it at the horizon.
    pub fn lost(&self) -> f64 {
        let lost = self.failed.mean - self.reentered.mean - self.open_in_nurture.mean;
        if lost.is_finite() { lost.max(0.0) } else { 0.0 }
    }

    /// The share of the stage's entries lost for good (0 when none entered).
    pub fn lost_share(&self) -> f64 {
        if self.entered.mean > 0.0 {
            self.lost() / self.entered.mean
        } else {
            0.0
        }
    }
}

/// The stage that loses the most leads in number (the earlier one on a tie), `None` when no
/// stage loses any.
pub fn stage_losing_most(stages: &[StageReport]) -> Option<usize> {
    best_stage(stages, StageReport::lost)
}

/// The weakest stage in rate: the one losing the largest share of those who reach it (the
/// earlier one on a tie), `None` when no stage loses any.
pub fn weakest_stage(stages: &[StageReport]) -> Option<usize> {
    best_stage(stages, StageReport::lost_share)
}

fn best_stage(stages: &[StageReport], measure: fn(&StageReport) -> f64) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (index, stage) in stages.iter().enumerate() {
        let value = measure(stage);
        if value > 0.0 && best.is_none_or(|(_, most)| value > most) {
            best = Some((index, value));
        }
    }
    best.map(|(index, _)| index)
}

/// Expected values computed in closed form (no simulation).
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Expectations {
    /// Expected leads.
    pub leads: f64,
    /// Expected lead cost.
    pub cost: f64,
    /// Expected customers (leads making a first purchase).
    pub customers: f64,
    /// Expected purchases, first and repeat.
    pub purchases: f64,
    /// Expected revenue.
    pub revenue: f64,
    /// Each stage's expected entries and conversions, in the scenario's stage order.
    pub stages: Vec<StageExpectation>,
}

/// Expected entries and conversions of one stage.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct StageExpectation {
    /// The stage's name, as in the scenario.
    pub name: String,
    /// Expected entries into the stage, re-entries from nurture included.
    pub entered: f64,
    /// Expected conversions out of the stage.
    pub converted: f64,
}

/// Closed-form expectations beside the Monte Carlo estimate.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Exact {
    /// What the simulation estimates: events up to the horizon.
    pub within_horizon: Expectations,
    /// Leads arriving before the horizon, followed for ever (no one left open).
    pub unbounded: Expectations,
}

/// Figures practitioners read, derived from the means.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Derived {
    /// Mean customers over mean leads.
    pub overall_conversion: f64,
    /// Mean cost over mean leads (0 without leads).
    pub cost_per_lead: f64,
    /// Mean cost over mean customers (`None`, null in JSON, when no run has a customer).
    pub cost_per_customer: Option<f64>,
    /// Mean revenue over mean leads (0 without leads).
    pub revenue_per_lead: f64,
    /// Mean revenue over mean cost (`None`, null in JSON, when nothing is spent).
    pub return_on_spend: Option<f64>,
    /// Mean revenue over mean purchases: the average check (`None`, null in JSON, without
    /// purchases).
    pub average_order_value: Option<f64>,
}

/// A forecast: the spread of outcomes over `runs` simulated runs.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Report {
    /// The scenario's name.
    pub scenario: String,
    /// How many runs were simulated.
    pub runs: u32,
    /// The seed of the random streams: the same scenario, seed and runs give the same report.
    pub seed: u64,
    /// The days simulated, as in the scenario.
    pub horizon_days: u32,
    /// Leads arrived within the horizon.
    pub leads: Stats,
    /// Lead cost.
    pub cost: Stats,
    /// Leads that made a first purchase.
    pub customers: Stats,
    /// First and repeat purchases.
    pub purchases: Stats,
    /// Repeat purchases only.
    pub repeat_purchases: Stats,
    /// Revenue: every stage value and repeat purchase booked within the horizon.
    pub revenue: Stats,
    /// Revenue minus lead cost.
    pub profit: Stats,
    /// Cost over customers, over the runs that have a customer.
    pub cost_per_customer: Stats,
    /// Revenue over cost, over the runs that spend anything.
    pub return_on_spend: Stats,
    /// Each stage's figures, in the scenario's stage order.
    pub stages: Vec<StageReport>,
    /// Figures per channel: each source's part, in the scenario's source order.
    #[serde(default)]
    pub sources: Vec<SourceReport>,
    /// Figures per segment (`segments` in the scenario): each segment's part, in the
    /// scenario's segment order; empty when the funnel is not cut.
    // In the page (wasm32) a report read from a worker leaves it empty: see `unread_segments`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub segments: Vec<SegmentReport>,
    /// The page's reports only: `segments` as the worker wrote it, kept as JSON and read by
    /// `read_segments` in the part of the page that shows them (as `unread`, so that the
    /// reader of segments stays out of the module every visit loads).
    #[cfg(target_arch = "wasm32")]
    #[serde(rename = "segments", default, skip_serializing)]
    pub unread_segments: Option<serde_json::Value>,
    /// Which unknown matters most: the share of the spread of revenue and of customers that
    /// comes from not knowing each uncertain conversion rate and the lead quality, and from
    /// chance. Present only when the scenario has an uncertain rate.
    // In the page (wasm32) a report read from a worker leaves it `None`: see `unread`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(target_arch = "wasm32", serde(skip_deserializing))]
    pub uncertainty: Option<Uncertainty>,
    /// The page's reports only: `uncertainty` as the worker wrote it, kept as JSON and read by
    /// `read_uncertainty` in the part of the page that shows it. The page reads every report
    /// before its first screen; reading this field there put its readers into the module every
    /// visit loads (2.3 KB gzipped of the 400 KB it is allowed), for a section far below.
    #[cfg(target_arch = "wasm32")]
    #[serde(rename = "uncertainty", default, skip_serializing)]
    pub unread: Option<serde_json::Value>,
    /// Day index of each customer's first purchase, over all customers of all runs.
    pub first_purchase_day: Stats,
    /// Days from a lead's arrival to its first purchase, over all customers of all runs.
    pub days_to_first_purchase: Stats,
    /// Ratios of the means.
    pub derived: Derived,
    /// Closed-form expectations, for comparison with the simulated means.
    pub exact: Exact,
    /// The daily series.
    pub daily: Daily,
    /// The shapes of the outcomes' distributions.
    pub distributions: Distributions,
    /// With "Runs: automatic" (`--precision`) only: the tolerance, the cap and whether it was
    /// reached; `runs` is then the number of runs it took.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub automatic: Option<Outcome>,
}

/// The relative standard errors of the figures the stopping rule watches.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct RelativeErrors {
    /// Of mean revenue: `sd / √runs / |mean|`.
    pub mean: f64,
    /// Of the revenue's p5: its standard error over `|p5|`.
    pub p5: f64,
    /// Of the revenue's p95, likewise.
    pub p95: f64,
}

/// How an automatic run ended: written into the report.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Outcome {
    /// The relative standard error asked for (0.005 for 0.5%).
    pub tolerance: f64,
    /// The most runs allowed.
    pub cap: u32,
    /// Whether every watched error fell below the tolerance (else the cap stopped it).
    pub reached: bool,
    /// The errors after the last chunk.
    pub relative_errors: RelativeErrors,
}

/// One source's figures over runs (figures per channel): each a summary of per-run values of
/// that source's part of the run. A customer and all its purchases (first and repeats) belong
/// to the source of its lead, so the parts of all sources add up to the run's totals.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SourceReport {
    /// The source's name, as in the scenario.
    pub name: String,
    /// Leads the source sent within the horizon.
    pub leads: Stats,
    /// Lead cost.
    pub cost: Stats,
    /// Customers from the source's leads.
    pub customers: Stats,
    /// First and repeat purchases.
    pub purchases: Stats,
    /// Revenue from the source's customers.
    pub revenue: Stats,
    /// The source's cost over its customers, over the runs where it has a customer (as the
    /// report's `cost_per_customer`).
    pub cost_per_customer: Stats,
    /// The source's revenue over its cost, over the runs where it costs anything (as the
    /// report's `return_on_spend`).
    pub return_on_spend: Stats,
    /// How many runs `cost_per_customer` summarises (0: the source never made a customer).
    pub runs_with_customers: u32,
    /// How many runs `return_on_spend` summarises (0: the source costs nothing).
    pub runs_with_cost: u32,
    /// The closed-form expectations of the source's part, within the horizon.
    pub exact: SourceExpectation,
}

/// One segment's figures over runs: each a summary of per-run values of that segment's part
/// of the run (its leads and what came of them), so the parts of all segments add up to the
/// run's totals.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SegmentReport {
    /// The segment's name, as in the scenario.
    pub name: String,
    /// Leads of the segment within the horizon.
    pub leads: Stats,
    /// Their cost.
    pub cost: Stats,
    /// Customers among them.
    pub customers: Stats,
    /// First and repeat purchases.
    pub purchases: Stats,
    /// Revenue from the segment's customers.
    pub revenue: Stats,
    /// Mean leads entering each stage per run, in stage order (the funnel split by segment).
    pub stage_entered: Vec<f64>,
    /// Mean conversions out of each stage per run, in stage order.
    pub stage_converted: Vec<f64>,
    /// The closed-form expectations of the segment's part, within the horizon.
    pub exact: SourceExpectation,
}

impl SourceReport {
    /// Whether the source's cost per customer is defined: some run has a customer from it.
    pub fn has_customers(&self) -> bool {
        self.runs_with_customers > 0
    }
}

/// The sources bringing customers at the lowest mean cost per customer: every source on a tie
/// (the same amount to a millionth), in the given order; empty when no source makes a
/// customer in any run. Only sources whose cost per customer is defined take part.
pub fn cheapest_sources(sources: &[SourceReport]) -> Vec<usize> {
    let costs: Vec<(usize, f64)> = sources
        .iter()
        .enumerate()
        .filter(|(_, s)| s.has_customers() && s.customers.mean > 0.0)
        .map(|(index, s)| (index, s.cost_per_customer.mean))
        .filter(|(_, cost)| cost.is_finite())
        .collect();
    let Some(lowest) = costs.iter().map(|&(_, cost)| cost).min_by(f64::total_cmp) else {
        return Vec::new();
    };
    let tolerance = 1e-6 * lowest.abs();
    costs
        .iter()
        .filter(|&&(_, cost)| cost - lowest <= tolerance)
        .map(|&(index, _)| index)
        .collect()
}

/// The expected part of one source, within the horizon, in closed form.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct SourceExpectation {
    /// Expected leads.
    pub leads: f64,
    /// Expected lead cost.
    pub cost: f64,
    /// Expected customers.
    pub customers: f64,
    /// Expected purchases, first and repeat.
    pub purchases: f64,
    /// Expected revenue.
    pub revenue: f64,
}

/// Which unknown matters most: how the variance of revenue (and of customers) over the runs
/// splits between the sources of uncertainty, each alone (its first-order share: the part of
/// the variance that knowing it exactly would remove), and chance. Estimated from the runs
/// themselves, without further simulation: the runs are grouped into bins of equal count by
/// each source's draw, a line is fitted to the figure in each bin, and the variance of the
/// fitted values, less the fits' own noise, is the part that source explains.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Uncertainty {
    /// How many bins of equal count the runs were grouped into by each source's draw.
    pub bins: u32,
    /// Each source of uncertainty: every stage with an uncertain conversion rate, in stage
    /// order, then the lead quality when the scenario correlates its rates.
    pub sources: Vec<UncertaintySource>,
    /// The rest of the variance: chance (which leads convert, how many arrive, what each order
    /// is worth), together with what the rates do only jointly (the part of a product of
    /// rates that no rate explains alone: small unless several rates are very uncertain).
    pub chance: VarianceParts,
}

impl Report {
    /// The figures per segment, wherever the report was computed: the field itself, or in the
    /// page what a worker wrote of it (see `unread_segments`), read now; empty without
    /// segments (or, in the page, when what the worker wrote cannot be read).
    pub fn read_segments(&self) -> Vec<SegmentReport> {
        #[cfg(target_arch = "wasm32")]
        if self.segments.is_empty() {
            return self
                .unread_segments
                .clone()
                .and_then(|json| serde_json::from_value(json).ok())
                .unwrap_or_default();
        }
        self.segments.clone()
    }

    /// Whether the report has figures per segment (read or not).
    pub fn has_segments(&self) -> bool {
        #[cfg(target_arch = "wasm32")]
        if self.unread_segments.is_some() {
            return true;
        }
        !self.segments.is_empty()
    }

    /// Which unknown matters most, wherever the report was computed: the field itself, or in
    /// the page what a worker wrote of it (see `unread`), read now; `None` when the report has
    /// no uncertain rate (or, in the page, what the worker wrote cannot be read).
    pub fn read_uncertainty(&self) -> Option<Uncertainty> {
        #[cfg(target_arch = "wasm32")]
        if self.uncertainty.is_none() {
            return self
                .unread
                .clone()
                .and_then(|json| serde_json::from_value(json).ok());
        }
        self.uncertainty.clone()
    }
}

impl Uncertainty {
    /// The sources with a share of `figure`'s variance, largest first (the scenario's order on
    /// a tie), each with its index in `sources`; empty when the figure has no shares.
    pub fn ranked(&self, figure: VarianceOf) -> Vec<(usize, &UncertaintySource, Share)> {
        let mut ranked: Vec<(usize, &UncertaintySource, Share)> = self
            .sources
            .iter()
            .enumerate()
            .filter_map(|(index, source)| source.share(figure).map(|s| (index, source, s)))
            .collect();
        ranked.sort_by(|a, b| b.2.share.total_cmp(&a.2.share).then(a.0.cmp(&b.0)));
        ranked
    }
}

/// Which figure's variance a share is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VarianceOf {
    #[default]
    Revenue,
    Customers,
}

impl VarianceParts {
    /// The share of `figure`'s variance.
    pub fn of(&self, figure: VarianceOf) -> Option<Share> {
        match figure {
            VarianceOf::Revenue => self.revenue,
            VarianceOf::Customers => self.customers,
        }
    }
}

impl UncertaintySource {
    /// The rate's name as the page shows it: the stage's, with the segment's for a segment's
    /// own rate ("Proposal · Enterprise", as the levers name it).
    pub fn display_name(&self) -> String {
        match &self.segment {
            Some(segment) => format!("{} · {segment}", self.name),
            None => self.name.clone(),
        }
    }

    /// Its share of `figure`'s variance.
    pub fn share(&self, figure: VarianceOf) -> Option<Share> {
        match figure {
            VarianceOf::Revenue => self.revenue,
            VarianceOf::Customers => self.customers,
        }
    }
}

/// One source of uncertainty and its shares of the variance.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct UncertaintySource {
    /// The stage's name as in the scenario, or `lead quality`.
    pub name: String,
    /// What is not known: a stage's conversion rate or the lead quality.
    pub kind: UncertaintyKind,
    /// The stage's index in the scenario's stage order (for a conversion rate).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<u32>,
    /// The segment whose own rate this is (absent for a base stage's rate, which every
    /// segment without a rate of its own meets).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub segment: Option<String>,
    /// Its share of the variance of revenue (`null` as in `VarianceParts`).
    pub revenue: Option<Share>,
    /// Its share of the variance of customers (`null` as in `VarianceParts`).
    pub customers: Option<Share>,
}

/// What kind of unknown a source of uncertainty is.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UncertaintyKind {
    /// A stage's uncertain conversion rate. With `rate_correlation` above 0, its own part:
    /// what the lead quality does not explain.
    #[default]
    ConversionRate,
    /// The shared lead quality of `rate_correlation`, which moves every uncertain rate together.
    LeadQuality,
}

/// Shares of the variance of revenue and of customers; each `null` when that figure does not
/// vary over the runs or the runs are too few (under 20) to tell.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct VarianceParts {
    /// The share of the variance of revenue.
    pub revenue: Option<Share>,
    /// The share of the variance of customers.
    pub customers: Option<Share>,
}

/// A share of a variance, between 0 and 1: over every source and chance they add up to 1.
#[cfg_attr(not(target_arch = "wasm32"), derive(schemars::JsonSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Share {
    /// The share.
    pub share: f64,
    /// Its Monte Carlo standard error (a jackknife over 20 groups of runs).
    pub standard_error: f64,
}
