//! The back-test: the observed window simulated with a scenario, the history's counts per
//! stage against the simulated 90% range.

use serde::{Deserialize, Serialize};

use super::history::{History, Outcome};
use crate::engine::Simulation;
use crate::scenario::{MAX_HORIZON_DAYS, Scenario};

/// One count of one stage: the history's figure and the range holding 90% of the runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checked {
    pub actual: u64,
    /// The 5th and 95th percentiles over the runs.
    pub low: u64,
    pub high: u64,
    /// The actual count is outside `low..=high`.
    pub outside: bool,
}

/// A stage's counts in the back-test.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BacktestStage {
    pub stage: String,
    pub entered: Checked,
    pub advanced: Checked,
    pub lost: Checked,
    /// Open at the export (still deciding at the window's end).
    pub open: Checked,
}

/// The back-test of a scenario against a history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backtest {
    /// Days simulated: the history's window (its first entry to its export, both included).
    pub days: u32,
    pub runs: u32,
    pub seed: u64,
    pub stages: Vec<BacktestStage>,
}

impl Backtest {
    /// How many counts fall outside their range.
    pub fn outside(&self) -> usize {
        self.stages
            .iter()
            .flat_map(|s| [&s.entered, &s.advanced, &s.lost, &s.open])
            .filter(|c| c.outside)
            .count()
    }
}

/// Simulates the history's window with `scenario` (its horizon replaced by the window's
/// length, day 0 being the history's first day) over `runs` runs of the fast engine seeded
/// with `seed`, and sets each stage's actual counts (visits entered, advanced, lost, open at
/// the export) against the range of 90% of the runs. Stages are matched by name; a history
/// stage the scenario lacks counts nothing simulated. `None` when the scenario (with that
/// horizon) does not validate or `runs` is 0.
pub fn backtest(history: &History, scenario: &Scenario, seed: u64, runs: u32) -> Option<Backtest> {
    backtest_with_progress(history, scenario, (seed, runs), &mut |_| {})
}

/// `backtest` of `(seed, runs)`, telling `progress` the share of the runs done (0 to 1) as it
/// goes.
pub fn backtest_with_progress(
    history: &History,
    scenario: &Scenario,
    (seed, runs): (u64, u32),
    progress: &mut dyn FnMut(f64),
) -> Option<Backtest> {
    if runs == 0 {
        return None;
    }
    let days = history.window_days().clamp(1, MAX_HORIZON_DAYS as u32);
    let mut window = scenario.clone();
    window.horizon_days = i64::from(days);
    let model = window.validate().ok()?;
    let simulation = Simulation::new(&model);
    // Per scenario stage, per count: every run's value.
    let mut simulated = vec![[const { Vec::new() }; 4]; model.stages.len()];
    let step = (runs / 20).max(1);
    for run in 0..runs {
        if run % step == 0 {
            progress(f64::from(run) / f64::from(runs));
        }
        let result = simulation.run_totals(seed, run);
        for (counts, all) in result.stages.iter().zip(&mut simulated) {
            for (k, v) in [counts.entered, counts.converted, counts.failed, counts.open]
                .into_iter()
                .enumerate()
            {
                all[k].push(v);
            }
        }
    }
    let mut actual = vec![[0u64; 4]; history.stages.len()];
    for visit in history.deals.iter().flat_map(|d| &d.visits) {
        if let Some(row) = actual.get_mut(visit.stage) {
            row[0] += 1;
            row[match visit.outcome {
                Outcome::Advanced => 1,
                Outcome::Lost => 2,
                Outcome::Open => 3,
            }] += 1;
        }
    }
    let stages = history
        .stages
        .iter()
        .zip(&actual)
        .map(|(name, counts)| {
            let index = model.stages.iter().position(|s| &s.name == name);
            let check = |k: usize| {
                let (low, high) = match index {
                    Some(i) => range90(&mut simulated[i][k].clone()),
                    None => (0, 0),
                };
                Checked {
                    actual: counts[k],
                    low,
                    high,
                    outside: counts[k] < low || counts[k] > high,
                }
            };
            BacktestStage {
                stage: name.clone(),
                entered: check(0),
                advanced: check(1),
                lost: check(2),
                open: check(3),
            }
        })
        .collect();
    Some(Backtest {
        days,
        runs,
        seed,
        stages,
    })
}

/// The 5th and 95th percentiles (nearest rank) of the values.
fn range90(values: &mut [u64]) -> (u64, u64) {
    if values.is_empty() {
        return (0, 0);
    }
    values.sort_unstable();
    let rank = |q: f64| {
        let r = (q * values.len() as f64).ceil() as usize;
        values[r.clamp(1, values.len()) - 1]
    };
    (rank(0.05), rank(0.95))
}
