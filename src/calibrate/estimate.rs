//! From a history to a scenario: per stage the conversion, the time to advance and the time
//! to lose (`fit::fit_competing`), nurture from deals that come back after a loss
//! (`fit::fit_cure`), per source its entry stage and leads per day, and the purchase values.
//!
//! What the history cannot tell (costs per lead, retention, stages never decided) comes from
//! the funnel when one is given; without one, the defaults documented on `calibrate`.

use std::collections::BTreeMap;
use std::fmt;

use super::backtest::backtest_with_progress;
use super::fit::{
    DayCounts, MixtureFit, Sample, aalen_johansen, delay_of, fit_competing, fit_cure,
};
use super::history::{History, Outcome, iso_date};
use super::report::{
    CalibrationReport, Finding, LawReport, NurtureReport, SourceReport, StageReport, ValueReport,
};
use crate::scenario::{
    Arrivals, FieldError, Nurture, Rate, Scenario, Source, Stage, UncertainRate, Value,
};
use crate::scenario::{MAX_CYCLES, MAX_HORIZON_DAYS};

/// The share of `calibrate_with_progress`'s work the fits are counted as (the back-test is
/// the rest).
const FITTING: f64 = 0.4;

/// Choices calibration cannot read from the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The calibrated scenario's horizon; the funnel's, else the history's window, when absent.
    pub horizon_days: Option<u32>,
    /// The back-test's seed.
    pub seed: u64,
    /// The back-test's runs (0: no back-test).
    pub backtest_runs: u32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            horizon_days: None,
            seed: 1,
            backtest_runs: 1000,
        }
    }
}

/// A calibrated scenario (it validates) and the report of how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Calibration {
    pub scenario: Scenario,
    pub report: CalibrationReport,
}

/// What is wrong with a history (or the funnel given with it), as data.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum CalibrationError {
    /// The history holds no deal.
    NoDeals,
    /// No deal has a stage visit.
    NoVisits,
    /// The funnel given does not validate.
    FunnelInvalid(Vec<FieldError>),
    /// Stages of the history that the funnel does not have.
    StagesNotInFunnel(Vec<String>),
    /// A visit that cannot be: `problem` at deal `deal`, read from file line `line`.
    BadVisit {
        deal: String,
        line: usize,
        problem: VisitProblem,
    },
    /// A stage (of the history, with no funnel to fall back on) where no visit was decided.
    Undecided(String),
    /// The scenario built does not validate (a bound of the format, e.g. too many paths).
    Invalid(Vec<FieldError>),
}

/// Why a visit cannot be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum VisitProblem {
    /// Its stage index is not one of the history's stages.
    UnknownStage,
    /// It entered after the export date.
    EnteredAfterExport,
    /// Advanced or lost without a day it left, or open with one.
    OutcomeWithoutLeft,
    /// It left before it entered, or after the export date.
    LeftOutOfRange,
    /// It entered before the deal's previous visit ended.
    Overlaps,
}

impl fmt::Display for CalibrationError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            CalibrationError::NoDeals => write!(f, "the history holds no deal"),
            CalibrationError::NoVisits => write!(f, "no deal in the history entered a stage"),
            CalibrationError::FunnelInvalid(errors) => {
                write!(f, "the funnel is not a valid scenario: ")?;
                let texts: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(f, "{}", texts.join("; "))
            }
            CalibrationError::StagesNotInFunnel(names) => write!(
                f,
                "stages of the history that the funnel does not have: {}",
                names.join(", ")
            ),
            CalibrationError::BadVisit {
                deal,
                line,
                problem,
            } => {
                let what = match problem {
                    VisitProblem::UnknownStage => "names no stage of the history",
                    VisitProblem::EnteredAfterExport => "entered after the export date",
                    VisitProblem::OutcomeWithoutLeft => {
                        "has an outcome that does not match its leaving date"
                    }
                    VisitProblem::LeftOutOfRange => {
                        "left before it entered or after the export date"
                    }
                    VisitProblem::Overlaps => "entered before the deal's previous stage ended",
                };
                write!(f, "deal {deal}")?;
                if *line > 0 {
                    write!(f, " (line {line})")?;
                }
                write!(f, ": a stage visit {what}")
            }
            CalibrationError::Undecided(stage) => write!(
                f,
                "no deal has yet advanced or been lost at stage {stage}: give a funnel to take it from"
            ),
            CalibrationError::Invalid(errors) => {
                let texts: Vec<String> = errors.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "the calibrated scenario is not valid: {}",
                    texts.join("; ")
                )
            }
        }
    }
}

impl std::error::Error for CalibrationError {}

/// What one stage's visits say.
#[derive(Debug, Default)]
struct StageData {
    sample: Sample,
    entered: u64,
    /// Days from a loss to the deal's return, with the cycles it had made before.
    returns: Vec<(u32, u32)>,
    /// Returns by the stage re-entered.
    targets: BTreeMap<usize, u64>,
    /// Losses not (yet) followed by a return: days to the export and cycles made before.
    waiting: Vec<(u32, u32)>,
}

/// Name of the source of deals without one when the history names no channel.
pub const DEFAULT_SOURCE: &str = "Leads";
/// Name of the source of deals without one beside named channels.
pub const OTHER_SOURCE: &str = "Other";

/// Calibrates a scenario from `history`.
///
/// Per stage (in the funnel's order, else the history's): the conversion is the parametric
/// mixture's maximum-likelihood estimate with open visits censored at the export, as a beta
/// law of that mean whose spread is its standard error; `delay_days` and `lost_delay_days`
/// are the mixture's laws, the time to lose omitted when one law for both has the lower
/// Akaike criterion; a stage with returns after a loss gets a nurture loop (`share` the
/// fitted share of eligible losses that return, `reentry` 1, `delay_days` the fitted law of
/// the days from the loss to the return, `to` the stage most returns re-enter, `max_cycles`
/// the most cycles seen). Per source (deals without one: `DEFAULT_SOURCE`, or `OTHER_SOURCE`
/// beside named ones): the stage most of its deals entered first and a Poisson mean of its
/// deals per day of the window (`History::first_day..=as_of`). Purchase amounts on the last
/// stage: lognormal with their mean and sd, fixed when all equal.
///
/// With `funnel`: its name, stage order, retention and costs per lead are kept, and every
/// stage the history did not decide keeps the funnel's laws; without: cost per lead 0, no
/// retention, the horizon the option's or the window's length (at most the format's bound).
pub fn calibrate(
    history: &History,
    funnel: Option<&Scenario>,
    options: &Options,
) -> Result<Calibration, CalibrationError> {
    calibrate_with_progress(history, funnel, options, &mut |_| {})
}

/// `calibrate`, telling `progress` the share of the work done (from 0 to 1, never
/// decreasing) after each stage's fit and during the back-test, for a page's progress bar.
/// The result is the same.
pub fn calibrate_with_progress(
    history: &History,
    funnel: Option<&Scenario>,
    options: &Options,
    progress: &mut dyn FnMut(f64),
) -> Result<Calibration, CalibrationError> {
    if history.deals.is_empty() {
        return Err(CalibrationError::NoDeals);
    }
    if history.deals.iter().all(|d| d.visits.is_empty()) {
        return Err(CalibrationError::NoVisits);
    }
    if let Some(funnel) = funnel {
        funnel.validate().map_err(CalibrationError::FunnelInvalid)?;
    }
    // Output stage names and each history stage's place among them.
    let names: Vec<String> = match funnel {
        Some(f) => f.stages.iter().map(|s| s.name.clone()).collect(),
        None => history.stages.clone(),
    };
    let place: Vec<Option<usize>> = history
        .stages
        .iter()
        .map(|h| names.iter().position(|n| n == h))
        .collect();
    let missing: Vec<String> = history
        .stages
        .iter()
        .zip(&place)
        .filter(|(_, p)| p.is_none())
        .map(|(h, _)| h.clone())
        .collect();
    if !missing.is_empty() {
        return Err(CalibrationError::StagesNotInFunnel(missing));
    }
    let place: Vec<usize> = place.into_iter().flatten().collect();
    let (data, entries, amounts) = collect(history, &place, names.len())?;

    let mut stages = Vec::with_capacity(names.len());
    let mut reports = Vec::with_capacity(names.len());
    let mut findings = Vec::new();
    for (index, (name, data)) in names.iter().zip(&data).enumerate() {
        let kept = funnel.and_then(|f| f.stages.get(index));
        let (stage, report) = stage(name, data, kept, &names)?;
        stages.push(stage);
        reports.push(report);
        progress(FITTING * (index + 1) as f64 / names.len() as f64);
    }

    // Purchase values, on the last stage.
    let values = value_report(&amounts);
    if let (Some(values), Some(last)) = (&values, stages.last_mut()) {
        last.value = Some(values.law);
    }

    let (sources, source_reports) = sources(history, funnel, &entries, &names);
    let horizon = options
        .horizon_days
        .map(i64::from)
        .or(funnel.map(|f| f.horizon_days))
        .unwrap_or(i64::from(history.window_days()))
        .clamp(1, MAX_HORIZON_DAYS);
    let mut scenario = Scenario {
        name: funnel.map_or_else(
            || "Calibrated from a CRM history".to_string(),
            |f| f.name.clone(),
        ),
        description: funnel.map(|f| f.description.clone()).unwrap_or_default(),
        horizon_days: horizon,
        sources,
        stages,
        retention: funnel.and_then(|f| f.retention.clone()),
        // What the history cannot tell: the funnel's correlation of its rates, if any.
        rate_correlation: funnel.and_then(|f| f.rate_correlation),
        // The history is read as one funnel: the rates calibrated are the base ones, and a
        // funnel's segments (whose overrides would hide them) are not carried over.
        segments: Vec::new(),
    };
    let model = loop {
        match scenario.validate() {
            Ok(model) => break model,
            // Too many paths through the funnel: fewer nurture cycles, the largest first.
            Err(errors) => match scenario
                .stages
                .iter_mut()
                .filter_map(|s| s.nurture.as_mut())
                .filter(|n| n.max_cycles > 1)
                .max_by_key(|n| n.max_cycles)
            {
                Some(nurture) => nurture.max_cycles -= 1,
                None => return Err(CalibrationError::Invalid(errors)),
            },
        }
    };
    for (report, stage) in reports.iter_mut().zip(&model.stages) {
        if let (Some(nurture), Some(kept)) = (&mut report.nurture, &stage.nurture) {
            nurture.max_cycles = i64::from(kept.max_cycles);
        }
        if report.measured {
            let (low, high) = stage.conversion.interval90();
            report.calibrated = Some(stage.conversion.mean());
            report.interval = Some([low, high]);
        }
        findings.extend(rate_findings(report));
    }
    let backtest = backtest_with_progress(
        history,
        &scenario,
        (options.seed, options.backtest_runs),
        &mut |done| progress(FITTING + (1.0 - FITTING) * done),
    );
    if let Some(bt) = &backtest {
        findings.extend(Finding::from_backtest(bt));
    }
    Ok(Calibration {
        scenario,
        report: CalibrationReport {
            first_day: iso_date(history.first_day()),
            as_of: iso_date(history.as_of),
            window_days: history.window_days(),
            deals: history.deals.len(),
            stages: reports,
            sources: source_reports,
            values,
            findings,
            backtest,
        },
    })
}

type Collected = (Vec<StageData>, Vec<(Option<usize>, usize)>, Vec<f64>);

/// One pass over the visits: each stage's durations and returns, each deal's source and
/// entry stage, the purchase amounts.
fn collect(
    history: &History,
    place: &[usize],
    stages: usize,
) -> Result<Collected, CalibrationError> {
    let mut data: Vec<StageData> = (0..stages).map(|_| StageData::default()).collect();
    let (mut wins, mut losses, mut open) = (
        vec![Vec::new(); stages],
        vec![Vec::new(); stages],
        vec![Vec::new(); stages],
    );
    let mut entries = Vec::with_capacity(history.deals.len());
    let mut amounts = Vec::new();
    let as_of = history.as_of;
    for deal in &history.deals {
        let bad = |line: usize, problem| CalibrationError::BadVisit {
            deal: deal.id.clone(),
            line,
            problem,
        };
        let mut cycles = 0u32;
        let mut previous: Option<(usize, i32, Outcome)> = None;
        for visit in &deal.visits {
            let Some(&k) = place.get(visit.stage) else {
                return Err(bad(visit.line, VisitProblem::UnknownStage));
            };
            if visit.entered > as_of {
                return Err(bad(visit.line, VisitProblem::EnteredAfterExport));
            }
            let left = match (visit.outcome, visit.left) {
                (Outcome::Open, None) => None,
                (Outcome::Advanced | Outcome::Lost, Some(left)) => Some(left),
                _ => return Err(bad(visit.line, VisitProblem::OutcomeWithoutLeft)),
            };
            if let Some(left) = left
                && (left < visit.entered || left > as_of)
            {
                return Err(bad(visit.line, VisitProblem::LeftOutOfRange));
            }
            if let Some((from, ended, outcome)) = previous {
                if visit.entered < ended {
                    return Err(bad(visit.line, VisitProblem::Overlaps));
                }
                if outcome == Outcome::Lost {
                    data[from]
                        .returns
                        .push(((visit.entered - ended) as u32, cycles));
                    *data[from].targets.entry(k).or_default() += 1;
                    cycles += 1;
                }
            } else {
                entries.push((deal.source, k));
            }
            let stage = &mut data[k];
            stage.entered += 1;
            match left {
                None => open[k].push((as_of - visit.entered) as u32),
                Some(left) => {
                    let days = (left - visit.entered) as u32;
                    if visit.outcome == Outcome::Advanced {
                        wins[k].push(days);
                        if k + 1 == stages
                            && let Some(a) = visit.amount.filter(|a| a.is_finite() && *a >= 0.0)
                        {
                            amounts.push(a);
                        }
                    } else {
                        losses[k].push(days);
                    }
                }
            }
            previous = match left {
                Some(left) => Some((k, left, visit.outcome)),
                None => Some((k, as_of + 1, Outcome::Open)),
            };
        }
        if let Some((from, ended, Outcome::Lost)) = previous {
            data[from].waiting.push(((as_of - ended) as u32, cycles));
        }
    }
    for (k, stage) in data.iter_mut().enumerate() {
        stage.sample = Sample {
            wins: DayCounts::from_days(std::mem::take(&mut wins[k])),
            losses: DayCounts::from_days(std::mem::take(&mut losses[k])),
            open: DayCounts::from_days(std::mem::take(&mut open[k])),
        };
    }
    Ok((data, entries, amounts))
}

/// The beta law of mean `p` whose standard deviation is `se`; with no spread to match (a rate
/// of 0 or 1, or a spread wider than a beta of that mean allows), the Jeffreys law of the
/// closed counts.
fn beta_law(p: f64, se: f64, wins: f64, losses: f64) -> UncertainRate {
    if p > 0.0 && p < 1.0 && se > 0.0 {
        let total = p * (1.0 - p) / (se * se) - 1.0;
        if total > 0.0 && total.is_finite() {
            return UncertainRate::Beta {
                alpha: (p * total).min(1e9),
                beta: ((1.0 - p) * total).min(1e9),
            };
        }
    }
    UncertainRate::Beta {
        alpha: wins + 0.5,
        beta: losses + 0.5,
    }
}

/// One stage of the calibrated scenario and its report.
fn stage(
    name: &str,
    data: &StageData,
    kept: Option<&Stage>,
    names: &[String],
) -> Result<(Stage, StageReport), CalibrationError> {
    let sample = &data.sample;
    let (advanced, lost, open) = (
        sample.wins.total() as u64,
        sample.losses.total() as u64,
        sample.open.total() as u64,
    );
    let fit = fit_competing(sample);
    let mut report = StageReport {
        name: name.to_string(),
        entered: data.entered,
        advanced,
        lost,
        open,
        rate_entered: (data.entered > 0).then(|| advanced as f64 / data.entered as f64),
        rate_closed: (advanced + lost > 0).then(|| advanced as f64 / (advanced + lost) as f64),
        measured: fit.is_some(),
        calibrated: None,
        interval: None,
        standard_error: None,
        aalen_johansen: aalen_johansen(sample),
        delay: None,
        lost_delay: None,
        aic_one_law: None,
        aic_two_laws: None,
        nurture: None,
    };
    let Some(fit) = fit else {
        return match kept {
            Some(stage) => Ok((stage.clone(), report)),
            None => Err(CalibrationError::Undecided(name.to_string())),
        };
    };
    let MixtureFit {
        p,
        se,
        win,
        lose,
        ref win_candidates,
        ref lose_candidates,
        aic_one_law,
        aic_two_laws,
        ..
    } = fit;
    report.standard_error = Some(se);
    report.aic_one_law = aic_one_law;
    report.aic_two_laws = aic_two_laws;
    report.delay = Some(LawReport::new(win, win_candidates));
    report.lost_delay = lose.map(|law| LawReport::new(law, lose_candidates));
    let nurture = nurture(data, names);
    report.nurture = nurture.as_ref().map(|(_, r)| r.clone());
    let stage = Stage {
        name: name.to_string(),
        conversion: Rate::Uncertain(beta_law(p, se, sample.wins.total(), sample.losses.total())),
        delay_days: delay_of(win),
        lost_delay_days: lose.map(delay_of),
        value: kept.and_then(|s| s.value),
        nurture: nurture
            .map(|(n, _)| n)
            .or_else(|| kept.and_then(|s| s.nurture.clone())),
    };
    Ok((stage, report))
}

/// The nurture loop of a stage whose lost deals came back, and its report.
fn nurture(data: &StageData, names: &[String]) -> Option<(Nurture, NurtureReport)> {
    // Cycles are counted over a deal's life: a loss after the most cycles any return had made
    // could not have returned (the format's `max_cycles`), so it is not at risk of returning.
    let max_cycles = data.returns.iter().map(|&(_, c)| c + 1).max()?;
    let returned = DayCounts::from_days(data.returns.iter().map(|&(d, _)| d).collect());
    let waiting = DayCounts::from_days(
        data.waiting
            .iter()
            .filter(|&&(_, c)| c < max_cycles)
            .map(|&(d, _)| d)
            .collect(),
    );
    let fit = fit_cure(&returned, &waiting)?;
    let to = data
        .targets
        .iter()
        .max_by_key(|&(k, n)| (*n, std::cmp::Reverse(*k)))
        .map(|(&k, _)| k)?;
    let (share, delay) = (fit.p.clamp(0.0, 1.0), fit.win);
    let max_cycles = i64::from(max_cycles).min(MAX_CYCLES);
    let report = NurtureReport {
        at_risk: (returned.total() + waiting.total()) as u64,
        returned: returned.total() as u64,
        share,
        standard_error: fit.se,
        delay: LawReport::new(delay, &fit.win_candidates),
        to: names[to].clone(),
        max_cycles,
    };
    let nurture = Nurture {
        share,
        delay_days: delay_of(delay),
        reentry: 1.0,
        to: names[to].clone(),
        max_cycles,
    };
    Some((nurture, report))
}

/// The law of the purchase amounts.
fn value_report(amounts: &[f64]) -> Option<ValueReport> {
    let n = amounts.len();
    if n == 0 {
        return None;
    }
    let mean = amounts.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 {
        (amounts.iter().map(|a| (a - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt()
    } else {
        0.0
    };
    let all_equal = amounts.iter().all(|&a| a == amounts[0]);
    let law = if all_equal || mean <= 0.0 {
        Value::Fixed(mean)
    } else {
        Value::Lognormal { mean, sd }
    };
    Some(ValueReport {
        amounts: n,
        mean,
        sd,
        law,
    })
}

/// The scenario's sources and their report: one per channel that sent deals.
fn sources(
    history: &History,
    funnel: Option<&Scenario>,
    entries: &[(Option<usize>, usize)],
    names: &[String],
) -> (Vec<Source>, Vec<SourceReport>) {
    // Per channel (None: deals without one), its deals by entry stage.
    let mut by_channel: BTreeMap<Option<usize>, BTreeMap<usize, u64>> = BTreeMap::new();
    for &(channel, stage) in entries {
        *by_channel
            .entry(channel)
            .or_default()
            .entry(stage)
            .or_default() += 1;
    }
    let days = f64::from(history.window_days().max(1));
    let funnel_sources = funnel.map_or(&[][..], |f| &f.sources[..]);
    let mut sources = Vec::new();
    let mut reports = Vec::new();
    // Named channels first, in the history's order, then deals without one.
    let mut channels: Vec<Option<usize>> = by_channel.keys().copied().collect();
    channels.sort_by_key(|c| c.is_none());
    for channel in channels {
        let stages = &by_channel[&channel];
        let deals: u64 = stages.values().sum();
        let entry = stages
            .iter()
            .max_by_key(|&(k, n)| (*n, std::cmp::Reverse(*k)))
            .map_or(0, |(&k, _)| k);
        let name = match channel.and_then(|c| history.sources.get(c)) {
            Some(name) => name.clone(),
            None if history.sources.is_empty() && funnel_sources.len() == 1 => {
                funnel_sources[0].name.clone()
            }
            None if history.sources.is_empty() => DEFAULT_SOURCE.to_string(),
            None => {
                let mut name = OTHER_SOURCE.to_string();
                while history.sources.contains(&name) {
                    name.push('*');
                }
                name
            }
        };
        let cost = funnel_sources
            .iter()
            .find(|s| s.name == name)
            .map_or(0.0, |s| s.cost_per_lead);
        let per_day = deals as f64 / days;
        sources.push(Source {
            name: name.clone(),
            entry: names[entry].clone(),
            per_day: Arrivals::Poisson(per_day),
            start_day: 0,
            end_day: None,
            cost_per_lead: cost,
            segment: None,
        });
        reports.push(SourceReport {
            name,
            deals,
            entry: names[entry].clone(),
            per_day,
        });
    }
    (sources, reports)
}

/// The sentences where the naive rates and the calibrated one differ: a naive rate outside
/// the calibrated 90% interval.
fn rate_findings(report: &StageReport) -> Vec<Finding> {
    let (Some(rate), Some([low, high])) = (report.calibrated, report.interval) else {
        return Vec::new();
    };
    let outside = |r: f64| r < low || r > high;
    let mut out = Vec::new();
    if let Some(closed) = report.rate_closed
        && outside(closed)
    {
        out.push(Finding::ClosedRateDiffers {
            stage: report.name.clone(),
            closed,
            open: report.open,
            rate,
        });
    }
    if let Some(entered) = report.rate_entered
        && report.open > 0
        && outside(entered)
    {
        out.push(Finding::EnteredRateDiffers {
            stage: report.name.clone(),
            entered,
            open: report.open,
            rate,
        });
    }
    out
}
