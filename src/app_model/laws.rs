//! Choosing a law in the editor: the delay and value laws offered, and switching from one to
//! another while keeping the mean, so that changing the law keeps the timing or the amount.

use crate::scenario::{Delay, Value};

/// The delay laws the editor offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DelayKind {
    Fixed,
    Uniform,
    Exponential,
    Lognormal,
    Gamma,
}

impl DelayKind {
    /// Every law, in the order the editor lists them.
    pub const ALL: [DelayKind; 5] = [
        DelayKind::Fixed,
        DelayKind::Uniform,
        DelayKind::Exponential,
        DelayKind::Lognormal,
        DelayKind::Gamma,
    ];

    /// The law's key in the scenario format (`"exponential"`), also the editor's option value.
    pub fn id(self) -> &'static str {
        match self {
            DelayKind::Fixed => "fixed",
            DelayKind::Uniform => "uniform",
            DelayKind::Exponential => "exponential",
            DelayKind::Lognormal => "lognormal",
            DelayKind::Gamma => "gamma",
        }
    }

    /// The law named `id`, if any.
    pub fn from_id(id: &str) -> Option<DelayKind> {
        DelayKind::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// The law of `delay`.
    pub fn of(delay: &Delay) -> DelayKind {
        match delay {
            Delay::Fixed(_) => DelayKind::Fixed,
            Delay::Uniform { .. } => DelayKind::Uniform,
            Delay::Exponential { .. } => DelayKind::Exponential,
            Delay::Lognormal { .. } => DelayKind::Lognormal,
            Delay::Gamma { .. } => DelayKind::Gamma,
        }
    }
}

/// The mean number of days of a delay law (before rounding to whole days).
pub fn delay_mean(delay: &Delay) -> f64 {
    match *delay {
        Delay::Fixed(days) => days as f64,
        Delay::Uniform { min, max } => (min + max) as f64 / 2.0,
        Delay::Exponential { mean } => mean,
        Delay::Lognormal { median, sigma } => median * (sigma * sigma / 2.0).exp(),
        Delay::Gamma { shape, scale } => shape * scale,
    }
}

/// `current` switched to the law `kind` with about the same mean, so that switching the law
/// keeps the timing: a uniform law from half to one and a half times the mean, a lognormal of
/// sigma 0.5, a gamma of shape 2. The same law gives `current` back.
pub fn delay_of_kind(kind: DelayKind, current: &Delay) -> Delay {
    if DelayKind::of(current) == kind {
        return *current;
    }
    let mean = delay_mean(current);
    let mean = if mean.is_finite() { mean.max(0.0) } else { 1.0 };
    match kind {
        DelayKind::Fixed => Delay::Fixed(mean.round() as i64),
        DelayKind::Uniform => Delay::Uniform {
            min: (mean * 0.5).round() as i64,
            max: (mean * 1.5).round() as i64,
        },
        DelayKind::Lognormal => Delay::Lognormal {
            median: (mean / (0.5_f64 * 0.5 / 2.0).exp()).max(0.1),
            sigma: 0.5,
        },
        DelayKind::Gamma => Delay::Gamma {
            shape: 2.0,
            scale: (mean / 2.0).max(0.05),
        },
        DelayKind::Exponential => Delay::Exponential {
            mean: mean.max(0.1),
        },
    }
}

/// A stage's time to lose switched to `kind`: `None` is "the same as the time to decide" (the
/// key absent). A law keeps the mean of the time to lose being switched, or, when the stage had
/// none, of `restored` (one switched off before) or else of the time to decide `decide`: so
/// that giving a stage its own time to lose starts from the timing it had.
pub fn lost_delay_of_kind(
    kind: Option<DelayKind>,
    current: &Option<Delay>,
    restored: Option<Delay>,
    decide: &Delay,
) -> Option<Delay> {
    let kind = kind?;
    let from = current.or(restored).unwrap_or(*decide);
    Some(delay_of_kind(kind, &from))
}

/// The value laws the editor offers, `None` for no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    None,
    Fixed,
    Uniform,
    Lognormal,
}

impl ValueKind {
    /// Every choice, in the order the editor lists them.
    pub const ALL: [ValueKind; 4] = [
        ValueKind::None,
        ValueKind::Fixed,
        ValueKind::Uniform,
        ValueKind::Lognormal,
    ];

    /// The editor's option value (the format's key, `"none"` for no value).
    pub fn id(self) -> &'static str {
        match self {
            ValueKind::None => "none",
            ValueKind::Fixed => "fixed",
            ValueKind::Uniform => "uniform",
            ValueKind::Lognormal => "lognormal",
        }
    }

    /// The choice named `id`, if any.
    pub fn from_id(id: &str) -> Option<ValueKind> {
        ValueKind::ALL.into_iter().find(|kind| kind.id() == id)
    }

    /// The law of `value`.
    pub fn of(value: &Option<Value>) -> ValueKind {
        match value {
            None => ValueKind::None,
            Some(Value::Fixed(_)) => ValueKind::Fixed,
            Some(Value::Uniform { .. }) => ValueKind::Uniform,
            Some(Value::Lognormal { .. }) => ValueKind::Lognormal,
        }
    }
}

/// `current` switched to the law `kind` with the same mean (100 when there was none): a
/// uniform law from half to one and a half times the mean, a lognormal with a 30% spread. The
/// same law gives `current` back.
pub fn value_of_kind(kind: ValueKind, current: &Option<Value>) -> Option<Value> {
    if ValueKind::of(current) == kind {
        return *current;
    }
    let mean = match *current {
        None => 0.0,
        Some(Value::Fixed(amount)) => amount,
        Some(Value::Uniform { low, high }) => (low + high) / 2.0,
        Some(Value::Lognormal { mean, .. }) => mean,
    };
    let mean = if mean.is_finite() && mean > 0.0 {
        mean
    } else {
        100.0
    };
    match kind {
        ValueKind::None => None,
        ValueKind::Fixed => Some(Value::Fixed(mean)),
        ValueKind::Uniform => Some(Value::Uniform {
            low: mean * 0.5,
            high: mean * 1.5,
        }),
        ValueKind::Lognormal => Some(Value::Lognormal {
            mean,
            sd: mean * 0.3,
        }),
    }
}
