//! What one run produces, and batches of runs that merge without changing the answer.

/// One stage's counts in one run.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct StageCounts {
    /// Every entry, re-entries from nurture included.
    pub entered: u64,
    pub converted: u64,
    /// Decided and did not convert.
    pub failed: u64,
    /// Still waiting to decide at the horizon.
    pub open: u64,
    /// Sent to this stage's nurture.
    pub nurtured: u64,
    /// Still in this stage's nurture at the horizon.
    pub open_in_nurture: u64,
    /// Came back from this stage's nurture into its target stage.
    pub reentered: u64,
    /// Days from entry to decision, summed over the leads that decided. The fast engine
    /// records its conditional expectation given the counts (same mean, less noise).
    pub decision_days: f64,
}

impl StageCounts {
    /// Leads that decided (converted or failed).
    pub fn decided(&self) -> u64 {
        self.converted + self.failed
    }
}

/// One source's part of a run (figures per channel): its leads and their cost, and the
/// customers, repeat purchases and revenue that came of those leads. A customer and all its
/// purchases, first and repeats, belong to the source of its lead, so the parts of all sources
/// add up to the run's totals.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SourceCounts {
    pub leads: u64,
    pub cost: f64,
    pub customers: u64,
    pub repeat_purchases: u64,
    pub revenue: f64,
}

impl SourceCounts {
    /// First and repeat purchases.
    pub fn purchases(&self) -> u64 {
        self.customers + self.repeat_purchases
    }
}

/// One segment's part of a run: its leads and their cost, what came of them, and how many
/// entered and converted out of each stage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SegmentCounts {
    pub leads: u64,
    pub cost: f64,
    pub customers: u64,
    pub repeat_purchases: u64,
    pub revenue: f64,
    pub entered: Vec<u64>,
    pub converted: Vec<u64>,
}

impl SegmentCounts {
    /// First and repeat purchases.
    pub fn purchases(&self) -> u64 {
        self.customers + self.repeat_purchases
    }
}

/// Everything a report needs from one run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunResult {
    pub leads: u64,
    pub cost: f64,
    pub customers: u64,
    pub repeat_purchases: u64,
    pub revenue: f64,
    pub stages: Vec<StageCounts>,
    /// Customers whose first purchase falls on each day (`horizon` entries).
    pub new_customers: Vec<u32>,
    /// Revenue booked on each day (`horizon` entries).
    pub revenue_by_day: Vec<f64>,
    /// Customers by days from arrival to first purchase (`horizon` entries); the fast engine
    /// records the conditional expectation given its counts, hence fractional.
    pub days_to_purchase: Vec<f64>,
    /// Each source's part, in the scenario's source order (empty in a result built by hand).
    pub sources: Vec<SourceCounts>,
    /// Each segment's part, in the scenario's segment order (empty without segments).
    pub segments: Vec<SegmentCounts>,
    /// What this run drew for what is not known, which the report's variance shares
    /// (`uncertainty`) read: for each stage with an uncertain rate, in stage order, the
    /// independent draw behind its rate (the rate itself without `rate_correlation`; with it,
    /// the stage's own normal e_k), then, with a correlation, the run's lead-quality normal Z.
    /// With segments, the uncertain rates are `Model::uncertain_rates`, in that order.
    /// Only the order of the values over runs matters: each is an increasing function of an
    /// independent input. Empty (no allocation) when every rate is fixed.
    pub unknowns: Vec<f64>,
}

impl RunResult {
    /// An empty result for a scenario with `stages` stages and `horizon` days.
    pub fn empty(stages: usize, horizon: usize) -> RunResult {
        RunResult {
            stages: vec![StageCounts::default(); stages],
            new_customers: vec![0; horizon],
            revenue_by_day: vec![0.0; horizon],
            days_to_purchase: vec![0.0; horizon],
            ..RunResult::default()
        }
    }

    /// First and repeat purchases.
    pub fn purchases(&self) -> u64 {
        self.customers + self.repeat_purchases
    }
}

/// Consecutive runs `first_run..first_run + runs.len()` of one simulation.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RunBatch {
    pub first_run: u32,
    pub runs: Vec<RunResult>,
}

impl RunBatch {
    /// Puts batches in run order and joins them; the report is then the same whatever the
    /// chunking or the order the batches finished in.
    pub fn merge(mut batches: Vec<RunBatch>) -> RunBatch {
        batches.sort_by_key(|b| b.first_run);
        let first_run = batches.first().map_or(0, |b| b.first_run);
        let runs = batches.into_iter().flat_map(|b| b.runs).collect();
        RunBatch { first_run, runs }
    }
}
