//! The plan: everything about a scenario's timing that does not change from run to run.
//!
//! A lead's journey is a path through a tree whose nodes are "stage k entered with c nurture
//! cycles behind it" (and "repeat purchase j"). For each node the plan holds the law of the
//! node's events measured in days since the lead's arrival, ignoring the horizon (the "lag"
//! pmfs). Days along a path never decrease, so a path's events all happen before the horizon
//! exactly when its last one does: for a lead arriving on day t, an event with lag L is seen
//! iff t + L < horizon. That turns every horizon cut into one sum over the lag pmf, computed
//! here once, instead of a convolution per run.
//!
//! Roots are where leads come in: one per Poisson source (its leads, given their number, are
//! independent with arrival days uniform over the active days) and one per active day of a
//! fixed source (those leads are independent given their common day).

use crate::scenario::{ArrivalLaw, Model, ValueSum};

/// What a node of the journey tree is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeKind {
    /// Stage `stage` entered by a lead that has made `cycles` nurture cycles.
    Stage { stage: usize, cycles: u32 },
    /// The chance of repeat purchase number `order` (1-based).
    Repeat { order: u32 },
}

/// One node of a journey tree.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub kind: NodeKind,
    /// Law of the entry day, in days since arrival (no horizon).
    pub entry_lag: Vec<f64>,
    /// Law of the decision day (or repeat purchase day), in days since arrival: the day a
    /// winner converts, and the day a loser fails unless the stage has a time to lose.
    pub decide_lag: Vec<f64>,
    /// `sum over d of entry_lag(y - d) * d * P(D = d)`: decision lags weighted by time in stage.
    pub weighted_lag: Vec<f64>,
    /// Law of the day a loser fails, when the stage has a time to lose of its own (else the
    /// `decide_lag`), and the same weighted by time in stage.
    pub lost_lag: Option<Vec<f64>>,
    pub lost_weighted_lag: Option<Vec<f64>>,
    /// Law of the day nurture ends, for leads sent to nurture here (when they can be): it
    /// starts on the day of failing.
    pub nurture_end_lag: Option<Vec<f64>>,
    /// Cumulative sums of the vectors above, for fixed-source roots.
    pub entry_cdf: Vec<f64>,
    pub decide_cdf: Vec<f64>,
    pub weighted_cdf: Vec<f64>,
    pub lost_cdf: Option<Vec<f64>>,
    pub lost_weighted_cdf: Option<Vec<f64>>,
    pub nurture_end_cdf: Option<Vec<f64>>,
    /// Where converting leads go: the next stage, or the first (next) repeat purchase.
    pub convert_child: Option<usize>,
    /// Where leads re-entering from nurture go.
    pub reenter_child: Option<usize>,
    /// Conversions here are events of this group (a value is booked or a purchase made).
    pub event_group: Option<usize>,
    /// Exponents of the path's rates: `(conversions, failures)` per stage, before this node.
    pub monomial: Vec<(u32, u32)>,
    /// Product of nurture shares and re-entries along the path, before this node.
    pub constant: f64,
}

/// The kind of an event group: leads contribute at most one event to a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum GroupKind {
    /// First purchases (conversions out of the last stage).
    FirstPurchase,
    /// Repeat purchases of any order. Orders share one group: given the total, their days are
    /// drawn from the run's mixture, which differs from following each customer only by the
    /// correlation between a day's first and later repeats (of order 1/horizon in variance).
    Repeat,
    /// Conversions out of stage `stage` (not the last) at `cycles` cycles, which book a value.
    StageValue { stage: usize, cycles: u32 },
}

/// Events that share a value law and whose days are drawn together.
#[derive(Debug, Clone)]
pub(crate) struct EventGroup {
    pub kind: GroupKind,
    /// The sampler of the group's value sums (the law's constants worked out once).
    pub value: Option<ValueSum>,
    /// The key of the group's random streams.
    pub key: String,
}

/// How a root's leads arrive.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum RootArrivals {
    /// A Poisson number with this mean over all active days, uniform over `start..end`.
    Poisson { mean: f64, start: u32, end: u32 },
    /// Exactly this many leads on this day.
    Fixed { count: u64, day: u32 },
}

/// Per-node probabilities for one Poisson root, all conditional on entering the node.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub(crate) struct NodeOdds {
    /// Probability of entering the node before the horizon (timing only).
    pub enter: f64,
    /// Probability of deciding before the horizon (for a winner, when the stage has a time
    /// to lose).
    pub decide: f64,
    /// `E[days in stage; decided before the horizon]`.
    pub weighted: f64,
    /// Probability that a loser fails before the horizon: `decide` without a time to lose.
    pub lose: f64,
    /// `E[days in stage; failed before the horizon]` for a loser: `weighted` without one.
    pub lost_weighted: f64,
    /// Probability that nurture started here ends before the horizon.
    pub nurture_end: f64,
}

impl NodeOdds {
    /// Probability of deciding before the horizon, given entering.
    pub fn decide_given_entered(&self) -> f64 {
        ratio(self.decide, self.enter)
    }

    /// Probability that a loser fails before the horizon, given entering.
    pub fn lose_given_entered(&self) -> f64 {
        ratio(self.lose, self.enter)
    }

    /// Probability that nurture ends before the horizon, given failing before it (nurture
    /// starts on the day of failing).
    pub fn nurture_end_given_failed(&self) -> f64 {
        ratio(self.nurture_end, self.lose)
    }

    /// Mean days in stage of the losers that fail before the horizon.
    pub fn mean_days_given_failed(&self) -> f64 {
        ratio(self.lost_weighted, self.lose)
    }

    /// Mean days in stage of the leads that decide.
    pub fn mean_days_given_decided(&self) -> f64 {
        ratio(self.weighted, self.decide)
    }
}

/// `a / b`, clamped to a probability-like range and 0 when `b` vanishes.
pub(crate) fn ratio(a: f64, b: f64) -> f64 {
    if b <= 0.0 {
        0.0
    } else {
        (a / b).clamp(0.0, f64::MAX)
    }
}

/// Where leads come in.
#[derive(Debug, Clone)]
pub(crate) struct Root {
    pub source: usize,
    pub arrivals: RootArrivals,
    /// Index of the tree of the source's entry stage.
    pub tree: usize,
    /// For Poisson roots: the odds of every node of the tree.
    pub odds: Vec<NodeOdds>,
    /// For Poisson roots: for every event node, the law of the event day (sums to 1).
    pub event_days: Vec<Option<Vec<f64>>>,
    /// For Poisson roots: for last-stage nodes, the law of days from arrival to purchase.
    pub purchase_lag: Vec<Option<Vec<f64>>>,
    /// For Poisson roots: for last-stage nodes, the expected repeat purchases per day of one
    /// customer made there. The repeat chain has no uncertain rate, so this is fixed per plan.
    pub repeat_days: Vec<Option<Vec<f64>>>,
}

/// The journey tree of leads entering at one stage.
#[derive(Debug, Clone)]
pub(crate) struct Tree {
    pub nodes: Vec<Node>,
}

/// Everything precomputed for a scenario.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub horizon: usize,
    pub trees: Vec<Tree>,
    pub roots: Vec<Root>,
    pub groups: Vec<EventGroup>,
    pub first_purchase_group: Option<usize>,
    pub repeat_group: Option<usize>,
}

/// `out[y] = sum over d of a[y - d] * b[d] * weight(d)`, for y below `a.len()`.
fn convolve(a: &[f64], b: &[f64], weight: impl Fn(usize) -> f64) -> Vec<f64> {
    let len = a.len();
    let mut out = vec![0.0; len];
    for (d, &bd) in b.iter().enumerate() {
        let w = bd * weight(d);
        if w == 0.0 {
            continue;
        }
        for (x, &ax) in a.iter().enumerate().take(len.saturating_sub(d)) {
            out[x + d] += ax * w;
        }
    }
    out
}

fn cumulative(values: &[f64]) -> Vec<f64> {
    let mut total = 0.0;
    values
        .iter()
        .map(|v| {
            total += v;
            total
        })
        .collect()
}

struct TreeBuilder<'a> {
    model: &'a Model,
    horizon: usize,
    stage_delays: Vec<Vec<f64>>,
    /// The time to lose of each stage that has one of its own.
    lost_delays: Vec<Option<Vec<f64>>>,
    nurture_delays: Vec<Option<Vec<f64>>>,
    repeat_delay: Option<Vec<f64>>,
    groups: &'a mut Vec<EventGroup>,
    nodes: Vec<Node>,
}

impl TreeBuilder<'_> {
    fn group(&mut self, kind: GroupKind) -> usize {
        if let Some(i) = self.groups.iter().position(|g| g.kind == kind) {
            return i;
        }
        let model = self.model;
        let (value, key) = match kind {
            GroupKind::FirstPurchase => (
                model.stages.last().and_then(|s| s.value),
                "first purchase".to_string(),
            ),
            GroupKind::Repeat => (
                model.retention.as_ref().and_then(|r| r.value),
                "repeat purchase".to_string(),
            ),
            GroupKind::StageValue { stage, cycles } => (
                model.stages[stage].value,
                format!("{} after {cycles} cycles", model.stages[stage].name),
            ),
        };
        let value = value.map(ValueSum::new);
        // A segment's part draws its groups' days and values from streams of its own.
        let key = if model.stream_scope.is_empty() {
            key
        } else {
            format!("{key}\u{1f}{}", model.stream_scope)
        };
        self.groups.push(EventGroup { kind, value, key });
        self.groups.len() - 1
    }

    fn node(
        &mut self,
        kind: NodeKind,
        entry_lag: Vec<f64>,
        monomial: Vec<(u32, u32)>,
        constant: f64,
    ) -> usize {
        let model = self.model;
        let stage_count = model.stages.len();
        let index = self.nodes.len();
        let (decide_lag, weighted_lag) = match kind {
            NodeKind::Stage { stage, .. } => {
                let pmf = &self.stage_delays[stage];
                (
                    convolve(&entry_lag, pmf, |_| 1.0),
                    convolve(&entry_lag, pmf, |d| d as f64),
                )
            }
            NodeKind::Repeat { .. } => {
                let pmf = self.repeat_delay.as_deref().unwrap_or(&[]);
                (convolve(&entry_lag, pmf, |_| 1.0), vec![0.0; self.horizon])
            }
        };
        // A stage with a time to lose of its own: the losers' days, apart from the winners'.
        let lost_pmf = match kind {
            NodeKind::Stage { stage, .. } => self.lost_delays[stage].as_deref(),
            NodeKind::Repeat { .. } => None,
        };
        let lost_lag = lost_pmf.map(|pmf| convolve(&entry_lag, pmf, |_| 1.0));
        let lost_weighted_lag = lost_pmf.map(|pmf| convolve(&entry_lag, pmf, |d| d as f64));
        let mut nurture_end_lag = None;
        let mut reenter = None;
        let mut event_group = None;
        let mut convert = None;
        match kind {
            NodeKind::Stage { stage, cycles } => {
                let last = stage + 1 == stage_count;
                if last {
                    event_group = Some(self.group(GroupKind::FirstPurchase));
                } else if model.stages[stage].value.is_some() {
                    event_group = Some(self.group(GroupKind::StageValue { stage, cycles }));
                }
                if let (Some(nurture), Some(pmf)) =
                    (&model.stages[stage].nurture, &self.nurture_delays[stage])
                    && cycles < nurture.max_cycles
                    && nurture.share > 0.0
                {
                    let failed_lag = lost_lag.as_ref().unwrap_or(&decide_lag);
                    let end = convolve(failed_lag, pmf, |_| 1.0);
                    if nurture.reentry > 0.0 {
                        reenter = Some((nurture.to, end.clone(), nurture.share * nurture.reentry));
                    }
                    nurture_end_lag = Some(end);
                }
                if !last {
                    convert = Some(NodeKind::Stage {
                        stage: stage + 1,
                        cycles,
                    });
                } else if let Some(retention) = &model.retention
                    && retention.max_repeats >= 1
                {
                    convert = Some(NodeKind::Repeat { order: 1 });
                }
            }
            NodeKind::Repeat { order } => {
                event_group = Some(self.group(GroupKind::Repeat));
                if let Some(retention) = &model.retention
                    && order < retention.max_repeats
                {
                    convert = Some(NodeKind::Repeat { order: order + 1 });
                }
            }
        }
        self.nodes.push(Node {
            kind,
            entry_cdf: cumulative(&entry_lag),
            decide_cdf: cumulative(&decide_lag),
            weighted_cdf: cumulative(&weighted_lag),
            lost_cdf: lost_lag.as_deref().map(cumulative),
            lost_weighted_cdf: lost_weighted_lag.as_deref().map(cumulative),
            nurture_end_cdf: nurture_end_lag.as_deref().map(cumulative),
            entry_lag,
            decide_lag: decide_lag.clone(),
            weighted_lag,
            lost_lag,
            lost_weighted_lag,
            nurture_end_lag,
            convert_child: None,
            reenter_child: None,
            event_group,
            monomial: monomial.clone(),
            constant,
        });
        if let Some(child_kind) = convert {
            let mut child_monomial = monomial.clone();
            if let NodeKind::Stage { stage, .. } = kind {
                child_monomial[stage].0 += 1;
            }
            let child = self.node(child_kind, decide_lag, child_monomial, constant);
            self.nodes[index].convert_child = Some(child);
        }
        if let (Some((to, end, factor)), NodeKind::Stage { stage, cycles }) = (reenter, kind) {
            let mut child_monomial = monomial;
            child_monomial[stage].1 += 1;
            let child = self.node(
                NodeKind::Stage {
                    stage: to,
                    cycles: cycles + 1,
                },
                end,
                child_monomial,
                constant * factor,
            );
            self.nodes[index].reenter_child = Some(child);
        }
        index
    }
}

/// `sum over x of lag[x] * P(t + x < horizon)` for arrival days uniform over `start..end`.
fn seen_share(lag: &[f64], horizon: usize, start: u32, end: u32) -> f64 {
    let days = f64::from(end - start);
    lag.iter()
        .enumerate()
        .map(|(x, &p)| {
            let last_day = horizon as i64 - 1 - x as i64; // arrival days t <= last_day are seen
            let seen = (last_day - i64::from(start) + 1).clamp(0, i64::from(end - start));
            p * seen as f64 / days
        })
        .sum()
}

/// The law of the event day for arrivals uniform over `start..end`, restricted to the horizon
/// and normalised (all zeros when no event can be seen).
fn event_day_law(lag: &[f64], horizon: usize, start: u32, end: u32) -> Vec<f64> {
    // day u = t + x: sum over t in start..end of lag[u - t], a moving window over `lag`.
    let lag_cdf = cumulative(lag);
    let window = |lo: i64, hi: i64| -> f64 {
        // sum of lag[x] for lo <= x <= hi
        let hi = hi.min(lag.len() as i64 - 1);
        if hi < 0 || hi < lo {
            return 0.0;
        }
        let upper = lag_cdf[hi as usize];
        let lower = if lo <= 0 {
            0.0
        } else {
            lag_cdf[(lo - 1) as usize]
        };
        upper - lower
    };
    let mut law: Vec<f64> = (0..horizon as i64)
        .map(|u| window(u - i64::from(end) + 1, u - i64::from(start)).max(0.0))
        .collect();
    let total: f64 = law.iter().sum();
    if total > 0.0 {
        law.iter_mut().for_each(|p| *p /= total);
    }
    law
}

impl Plan {
    /// Precomputes the journey trees and the roots of a validated model.
    pub fn new(model: &Model) -> Plan {
        let horizon = model.horizon as usize;
        let mut groups = Vec::new();
        let mut tree_of_entry: Vec<Option<usize>> = vec![None; model.stages.len()];
        let mut trees = Vec::new();
        let stage_delays: Vec<Vec<f64>> =
            model.stages.iter().map(|s| s.delay.pmf(horizon)).collect();
        let lost_delays: Vec<Option<Vec<f64>>> = model
            .stages
            .iter()
            .map(|s| s.lost_delay.map(|d| d.pmf(horizon)))
            .collect();
        let nurture_delays: Vec<Option<Vec<f64>>> = model
            .stages
            .iter()
            .map(|s| s.nurture.as_ref().map(|n| n.delay.pmf(horizon)))
            .collect();
        let repeat_delay = model.retention.as_ref().map(|r| r.delay.pmf(horizon));
        for source in &model.sources {
            if tree_of_entry[source.entry].is_some() {
                continue;
            }
            let mut builder = TreeBuilder {
                model,
                horizon,
                stage_delays: stage_delays.clone(),
                lost_delays: lost_delays.clone(),
                nurture_delays: nurture_delays.clone(),
                repeat_delay: repeat_delay.clone(),
                groups: &mut groups,
                nodes: Vec::new(),
            };
            let mut arrival = vec![0.0; horizon];
            arrival[0] = 1.0;
            builder.node(
                NodeKind::Stage {
                    stage: source.entry,
                    cycles: 0,
                },
                arrival,
                vec![(0, 0); model.stages.len()],
                1.0,
            );
            tree_of_entry[source.entry] = Some(trees.len());
            trees.push(Tree {
                nodes: builder.nodes,
            });
        }

        let mut roots = Vec::new();
        for (index, source) in model.sources.iter().enumerate() {
            let Some(tree) = tree_of_entry[source.entry] else {
                continue;
            };
            // In a segment's part, a source whose leads all go elsewhere sends none.
            if source.active_days() == 0 || source.share <= 0.0 {
                continue;
            }
            match source.arrivals {
                ArrivalLaw::Poisson(mean) => {
                    if mean <= 0.0 {
                        continue;
                    }
                    let (start, end) = (source.start, source.end);
                    let nodes = &trees[tree].nodes;
                    let odds: Vec<NodeOdds> = nodes
                        .iter()
                        .map(|node| {
                            let decide = seen_share(&node.decide_lag, horizon, start, end);
                            let weighted = seen_share(&node.weighted_lag, horizon, start, end);
                            NodeOdds {
                                enter: seen_share(&node.entry_lag, horizon, start, end),
                                decide,
                                weighted,
                                lose: node
                                    .lost_lag
                                    .as_deref()
                                    .map_or(decide, |lag| seen_share(lag, horizon, start, end)),
                                lost_weighted: node
                                    .lost_weighted_lag
                                    .as_deref()
                                    .map_or(weighted, |lag| seen_share(lag, horizon, start, end)),
                                nurture_end: node
                                    .nurture_end_lag
                                    .as_deref()
                                    .map_or(0.0, |lag| seen_share(lag, horizon, start, end)),
                            }
                        })
                        .collect();
                    let event_days: Vec<Option<Vec<f64>>> = nodes
                        .iter()
                        .map(|node| {
                            node.event_group
                                .map(|_| event_day_law(&node.decide_lag, horizon, start, end))
                        })
                        .collect();
                    let purchase_lag = nodes
                        .iter()
                        .map(|node| {
                            (node.event_group.is_some()
                                && matches!(node.kind, NodeKind::Stage { stage, .. } if stage + 1 == model.stages.len()))
                            .then(|| {
                                let mut law: Vec<f64> = node
                                    .decide_lag
                                    .iter()
                                    .enumerate()
                                    .map(|(x, &p)| {
                                        let last_day = horizon as i64 - 1 - x as i64;
                                        let seen = (last_day - i64::from(start) + 1).clamp(0, i64::from(end - start));
                                        p * seen as f64
                                    })
                                    .collect();
                                let total: f64 = law.iter().sum();
                                if total > 0.0 {
                                    law.iter_mut().for_each(|p| *p /= total);
                                }
                                law
                            })
                        })
                        .collect();
                    let repeat_days = nodes
                        .iter()
                        .map(|node| {
                            let is_last = matches!(node.kind, NodeKind::Stage { stage, .. } if stage + 1 == model.stages.len());
                            let retention = model.retention.as_ref()?;
                            let first = node.convert_child.filter(|_| is_last)?;
                            let mut days = vec![0.0; horizon];
                            let mut reach = 1.0;
                            let mut current = Some(first);
                            while let Some(j) = current {
                                reach *= odds[j].decide_given_entered() * retention.repeat;
                                if let Some(Some(law)) = event_days.get(j) {
                                    for (slot, p) in days.iter_mut().zip(law) {
                                        *slot += reach * p;
                                    }
                                }
                                current = trees[tree].nodes[j].convert_child;
                            }
                            Some(days)
                        })
                        .collect();
                    roots.push(Root {
                        source: index,
                        arrivals: RootArrivals::Poisson {
                            // Thinned by the segment's share: a Poisson number of leads
                            // each in the segment with probability `share`.
                            mean: mean * source.share * f64::from(source.active_days()),
                            start,
                            end,
                        },
                        tree,
                        odds,
                        event_days,
                        purchase_lag,
                        repeat_days,
                    });
                }
                ArrivalLaw::Fixed(count) => {
                    if count == 0 {
                        continue;
                    }
                    for day in source.start..source.end {
                        roots.push(Root {
                            source: index,
                            arrivals: RootArrivals::Fixed { count, day },
                            tree,
                            odds: Vec::new(),
                            event_days: Vec::new(),
                            purchase_lag: Vec::new(),
                            repeat_days: Vec::new(),
                        });
                    }
                }
            }
        }
        let first_purchase_group = groups
            .iter()
            .position(|g| g.kind == GroupKind::FirstPurchase);
        let repeat_group = groups.iter().position(|g| g.kind == GroupKind::Repeat);
        Plan {
            horizon,
            trees,
            roots,
            groups,
            first_purchase_group,
            repeat_group,
        }
    }

    /// The odds of a node for a root: precomputed for Poisson roots, read off the cumulative
    /// sums for a fixed root's single arrival day.
    pub fn odds(&self, root: &Root, node_index: usize) -> NodeOdds {
        match root.arrivals {
            RootArrivals::Poisson { .. } => root.odds[node_index],
            RootArrivals::Fixed { day, .. } => {
                let node = &self.trees[root.tree].nodes[node_index];
                let Some(last_lag) = (self.horizon as u64).checked_sub(u64::from(day) + 1) else {
                    return NodeOdds::default();
                };
                let at = |cdf: &[f64]| {
                    cdf.get(last_lag as usize)
                        .or(cdf.last())
                        .copied()
                        .unwrap_or(0.0)
                };
                let (decide, weighted) = (at(&node.decide_cdf), at(&node.weighted_cdf));
                NodeOdds {
                    enter: at(&node.entry_cdf),
                    decide,
                    weighted,
                    lose: node.lost_cdf.as_deref().map_or(decide, at),
                    lost_weighted: node.lost_weighted_cdf.as_deref().map_or(weighted, at),
                    nurture_end: node.nurture_end_cdf.as_deref().map_or(0.0, at),
                }
            }
        }
    }
}
