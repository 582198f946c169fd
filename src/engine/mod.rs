//! The simulation engine: pushes synthetic cohorts of leads through a validated scenario,
//! run after run, and summarises the spread of outcomes.
//!
//! Architecture invariant: the engine is sans IO and has no clock and no global random
//! generator: run `i` of seed `s` draws only from streams keyed by `(s, i, purpose, name)`, so a
//! report depends only on the scenario, the seed and the number of runs, never on chunking,
//! threads or workers. It never panics on a validated model.

pub mod automatic;
pub mod copula;
mod exact;
mod fast;
pub mod journeys;
mod order;
mod plan;
pub mod reference;
pub mod report;
mod run;
mod segments;
pub mod streams;
mod summary;
pub mod uncertainty;

use std::ops::Range;

pub use report::{
    Bands, Daily, Derived, Distributions, Exact, Expectations, Histogram, Precision, Report,
    SegmentReport, Share, SourceExpectation, SourceReport, StageExpectation, StageReport, Stats,
    Uncertainty, UncertaintyKind, UncertaintySource, VarianceOf, VarianceParts, cheapest_sources,
    stage_losing_most, weakest_stage,
};
pub use run::{RunBatch, RunResult, SegmentCounts, SourceCounts, StageCounts};
pub use summary::stats;

use crate::scenario::Model;

/// A scenario ready to simulate: the validated model and its precomputed plan.
#[derive(Debug, Clone)]
pub struct Simulation {
    model: Model,
    plan: plan::Plan,
    /// With segments, every segment's part planned (the whole model's plan is then unused).
    parts: Option<segments::Parts>,
}

impl Simulation {
    /// Precomputes everything about the scenario that does not change from run to run.
    pub fn new(model: &Model) -> Simulation {
        if model.segments.is_empty() {
            Simulation {
                model: model.clone(),
                plan: plan::Plan::new(model),
                parts: None,
            }
        } else {
            // The whole model's tree is never walked: an empty one stands in for it.
            let mut roots_only = model.clone();
            roots_only.sources.clear();
            Simulation {
                model: model.clone(),
                plan: plan::Plan::new(&roots_only),
                parts: Some(segments::Parts::new(model)),
            }
        }
    }

    /// The model being simulated.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Run number `run` of the simulation seeded with `seed`.
    pub fn run(&self, seed: u64, run: u32) -> RunResult {
        match &self.parts {
            Some(parts) => parts.run(&self.model, seed, run, true),
            None => fast::run(&self.plan, &self.model, seed, run, true, None),
        }
    }

    /// The totals of run `run` (leads, cost, stage counts, customers, purchases, revenue)
    /// without its daily series, for decisions that read only totals: several times faster.
    /// Every count is the one `run` gives; the revenue comes from the same law, each event
    /// group's values drawn as one sum instead of day by day, so it differs from `run`'s
    /// revenue run by run (not in law), and coupling between variants is kept.
    pub fn run_totals(&self, seed: u64, run: u32) -> RunResult {
        match &self.parts {
            Some(parts) => parts.run(&self.model, seed, run, false),
            None => fast::run(&self.plan, &self.model, seed, run, false, None),
        }
    }

    /// A simulation of `model`, a variant of this one: it reuses this plan when `model`
    /// differs only in conversion rates and lead costs (which the plan does not read), and
    /// plans anew otherwise.
    pub fn variant(&self, model: &Model) -> Simulation {
        let mut timing = model.clone();
        if model.segments.is_empty()
            && self.model.segments.is_empty()
            && timing.stages.len() == self.model.stages.len()
            && timing.sources.len() == self.model.sources.len()
        {
            for (stage, base) in timing.stages.iter_mut().zip(&self.model.stages) {
                stage.conversion = base.conversion;
            }
            for (source, base) in timing.sources.iter_mut().zip(&self.model.sources) {
                source.cost_per_lead = base.cost_per_lead;
            }
            if timing == self.model {
                return Simulation {
                    model: model.clone(),
                    plan: self.plan.clone(),
                    parts: None,
                };
            }
        }
        Simulation::new(model)
    }

    /// The runs in `runs`: a chunk a caller can compute, report progress on, or cancel after.
    pub fn batch(&self, seed: u64, runs: Range<u32>) -> RunBatch {
        RunBatch {
            first_run: runs.start,
            runs: runs.map(|i| self.run(seed, i)).collect(),
        }
    }

    /// The closed-form expectations of the scenario.
    pub fn exact(&self) -> Exact {
        match &self.parts {
            Some(parts) => parts.exact(&self.model),
            None => exact::exact(&self.plan, &self.model),
        }
    }

    /// Runs until the revenue's mean, p5 and p95 are known to within `automatic`'s tolerance
    /// (relative standard error) or its cap is reached, and reports the runs done with how it
    /// ended. `run_chunk` does the runs it is given (in one go, on threads, anywhere) and
    /// returns them as batches in any chunking and order: the runs done, hence the report,
    /// depend only on scenario, seed, tolerance and cap.
    pub fn automatic(
        &self,
        seed: u64,
        mut automatic: automatic::Automatic,
        mut run_chunk: impl FnMut(Range<u32>) -> Vec<RunBatch>,
    ) -> Report {
        let mut batches = Vec::new();
        while let Some(range) = automatic.next() {
            let chunk = RunBatch::merge(run_chunk(range));
            let revenue: Vec<f64> = chunk.runs.iter().map(|run| run.revenue).collect();
            automatic.record(&revenue);
            batches.push(chunk);
        }
        let mut report = self.report(seed, batches);
        report.automatic = Some(automatic.outcome());
        report
    }

    /// The report over the runs of `batches` (any chunking, any order); partial results are
    /// a valid report of the runs done.
    pub fn report(&self, seed: u64, batches: Vec<RunBatch>) -> Report {
        let merged = RunBatch::merge(batches);
        let mut report = summary::summarise(&self.model, seed, &merged.runs, self.exact());
        let by_source = match &self.parts {
            Some(parts) => parts.by_source(&self.model),
            None => exact::by_source(&self.plan, &self.model),
        };
        report.sources = summary::sources(&self.model, &merged.runs, &by_source);
        if let Some(parts) = &self.parts {
            report.segments = summary::segments(&self.model, &merged.runs, &parts.by_segment());
        }
        report.uncertainty = uncertainty::uncertainty(&self.model, &merged.runs);
        report
    }
}

/// Simulates `runs` runs of `model` with `seed` and summarises them.
pub fn simulate(model: &Model, runs: u32, seed: u64) -> Report {
    let simulation = Simulation::new(model);
    let batch = simulation.batch(seed, 0..runs);
    simulation.report(seed, vec![batch])
}
