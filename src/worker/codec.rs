//! A compact binary form of a `RunBatch`, for handing runs from one worker to another as a
//! transferable `ArrayBuffer` instead of JSON text.
//!
//! Little-endian throughout: a header (`MAGIC`, the first run, the number of runs), then per
//! run its totals, its stage counts, its three daily series and its sources' parts (figures
//! per channel: leads, cost, customers, repeat purchases, revenue), each list preceded by its
//! length. Integers stay integers and floats keep their exact bits, so a decoded batch equals
//! the encoded one and the report built from it is the same, bit for bit. A batch whose runs
//! carry the draws behind their uncertain rates (`RunResult::unknowns`) is written with
//! `MAGIC_UNKNOWNS` instead, each run followed by its list of draws; one without any is
//! written as before (`MAGIC`), so it costs no byte more, and both are read. A batch of a
//! scenario cut into segments (`RunResult::segments`) is written with `MAGIC_SEGMENTS`: each
//! run followed by its list of draws and its list of segments' parts (leads, cost, customers,
//! repeat purchases, revenue, then the stages' entries and conversions, each list after its
//! length).
//!
//! A part of a decision split by variant (`encode_part`) is the per-run totals of some of its
//! variants: `TOTALS_MAGIC`, the index of its first variant, the first run, the number of
//! variants and of runs, then per variant its closed-form expected revenue and per run its
//! revenue, customers, lead cost and purchases (8 bytes each), exact as well.

use crate::decisions::{CoupledTotals, RunTotals};
use crate::engine::{RunBatch, RunResult, SegmentCounts, SourceCounts, StageCounts};

/// The first four bytes of an encoded batch (format version 2: with the sources' parts)
/// whose runs carry no draws of uncertain rates.
pub const MAGIC: [u8; 4] = *b"FCB2";

/// The first four bytes of an encoded batch whose runs carry the draws behind their uncertain
/// rates (format version 3: version 2, each run followed by its `unknowns`).
pub const MAGIC_UNKNOWNS: [u8; 4] = *b"FCB3";

/// The first four bytes of an encoded batch whose runs carry segments' parts (format version
/// 4: version 3, each run's draws followed by its segments' parts).
pub const MAGIC_SEGMENTS: [u8; 4] = *b"FCB4";

/// Bytes of one segment's part of a run, without its stage lists.
const SEGMENT_SIZE: usize = 5 * 8 + 2 * 4;

/// Bytes of one source's part of a run.
const SOURCE_SIZE: usize = 5 * 8;

/// Bytes of one run whose scenario has `stages` stages and `horizon` days (without its
/// sources' parts, `SOURCE_SIZE` each after a length).
fn run_size(stages: usize, horizon: usize) -> usize {
    5 * 8 + 4 + stages * 8 * 8 + 3 * 4 + horizon * (4 + 8 + 8) + 4
}

/// The batch as bytes (see the module's documentation for the layout).
pub fn encode(batch: &RunBatch) -> Vec<u8> {
    let per_run = batch.runs.first().map_or(0, |run| {
        run_size(run.stages.len(), run.new_customers.len()) + run.sources.len() * SOURCE_SIZE
    });
    let with_segments = batch.runs.iter().any(|run| !run.segments.is_empty());
    let with_unknowns = with_segments || batch.runs.iter().any(|run| !run.unknowns.is_empty());
    let per_run = per_run
        + if with_unknowns {
            4 + batch.runs.first().map_or(0, |run| run.unknowns.len() * 8)
        } else {
            0
        };
    let mut out = Vec::with_capacity(12 + per_run * batch.runs.len());
    out.extend_from_slice(if with_segments {
        &MAGIC_SEGMENTS
    } else if with_unknowns {
        &MAGIC_UNKNOWNS
    } else {
        &MAGIC
    });
    out.extend_from_slice(&batch.first_run.to_le_bytes());
    put_len(&mut out, batch.runs.len());
    for run in &batch.runs {
        out.extend_from_slice(&run.leads.to_le_bytes());
        out.extend_from_slice(&run.cost.to_le_bytes());
        out.extend_from_slice(&run.customers.to_le_bytes());
        out.extend_from_slice(&run.repeat_purchases.to_le_bytes());
        out.extend_from_slice(&run.revenue.to_le_bytes());
        put_len(&mut out, run.stages.len());
        for stage in &run.stages {
            for count in [
                stage.entered,
                stage.converted,
                stage.failed,
                stage.open,
                stage.nurtured,
                stage.open_in_nurture,
                stage.reentered,
            ] {
                out.extend_from_slice(&count.to_le_bytes());
            }
            out.extend_from_slice(&stage.decision_days.to_le_bytes());
        }
        put_len(&mut out, run.new_customers.len());
        for value in &run.new_customers {
            out.extend_from_slice(&value.to_le_bytes());
        }
        put_len(&mut out, run.revenue_by_day.len());
        for value in &run.revenue_by_day {
            out.extend_from_slice(&value.to_le_bytes());
        }
        put_len(&mut out, run.days_to_purchase.len());
        for value in &run.days_to_purchase {
            out.extend_from_slice(&value.to_le_bytes());
        }
        put_len(&mut out, run.sources.len());
        for part in &run.sources {
            out.extend_from_slice(&part.leads.to_le_bytes());
            out.extend_from_slice(&part.cost.to_le_bytes());
            out.extend_from_slice(&part.customers.to_le_bytes());
            out.extend_from_slice(&part.repeat_purchases.to_le_bytes());
            out.extend_from_slice(&part.revenue.to_le_bytes());
        }
        if with_unknowns {
            put_len(&mut out, run.unknowns.len());
            for value in &run.unknowns {
                out.extend_from_slice(&value.to_le_bytes());
            }
        }
        if with_segments {
            put_len(&mut out, run.segments.len());
            for part in &run.segments {
                out.extend_from_slice(&part.leads.to_le_bytes());
                out.extend_from_slice(&part.cost.to_le_bytes());
                out.extend_from_slice(&part.customers.to_le_bytes());
                out.extend_from_slice(&part.repeat_purchases.to_le_bytes());
                out.extend_from_slice(&part.revenue.to_le_bytes());
                for list in [&part.entered, &part.converted] {
                    put_len(&mut out, list.len());
                    for count in list {
                        out.extend_from_slice(&count.to_le_bytes());
                    }
                }
            }
        }
    }
    out
}

/// Lengths are written as `u32`; a batch's lists are far below that (runs and days are
/// bounded by the scenario's validation and the run limits).
fn put_len(out: &mut Vec<u8>, len: usize) {
    let len = u32::try_from(len).unwrap_or(u32::MAX);
    out.extend_from_slice(&len.to_le_bytes());
}

/// Reads a batch written by `encode` (either magic).
///
/// # Errors
/// A buffer that is not an encoded batch: wrong magic, cut short, or with bytes left over.
pub fn decode(bytes: &[u8]) -> Result<RunBatch, String> {
    let mut reader = Reader { bytes, at: 0 };
    let (with_unknowns, with_segments) = match reader.take(4)? {
        magic if magic == MAGIC => (false, false),
        magic if magic == MAGIC_UNKNOWNS => (true, false),
        magic if magic == MAGIC_SEGMENTS => (true, true),
        _ => return Err("not a batch of runs (wrong header)".to_string()),
    };
    let first_run = reader.u32()?;
    let count = reader.len(run_size(0, 0))?;
    let mut runs = Vec::with_capacity(count);
    for _ in 0..count {
        let mut run = RunResult {
            leads: reader.u64()?,
            cost: reader.f64()?,
            customers: reader.u64()?,
            repeat_purchases: reader.u64()?,
            revenue: reader.f64()?,
            ..RunResult::default()
        };
        let stages = reader.len(64)?;
        run.stages = Vec::with_capacity(stages);
        for _ in 0..stages {
            run.stages.push(StageCounts {
                entered: reader.u64()?,
                converted: reader.u64()?,
                failed: reader.u64()?,
                open: reader.u64()?,
                nurtured: reader.u64()?,
                open_in_nurture: reader.u64()?,
                reentered: reader.u64()?,
                decision_days: reader.f64()?,
            });
        }
        let days = reader.len(4)?;
        run.new_customers = (0..days).map(|_| reader.u32()).collect::<Result<_, _>>()?;
        let days = reader.len(8)?;
        run.revenue_by_day = (0..days).map(|_| reader.f64()).collect::<Result<_, _>>()?;
        let days = reader.len(8)?;
        run.days_to_purchase = (0..days).map(|_| reader.f64()).collect::<Result<_, _>>()?;
        let sources = reader.len(SOURCE_SIZE)?;
        run.sources = Vec::with_capacity(sources);
        for _ in 0..sources {
            run.sources.push(SourceCounts {
                leads: reader.u64()?,
                cost: reader.f64()?,
                customers: reader.u64()?,
                repeat_purchases: reader.u64()?,
                revenue: reader.f64()?,
            });
        }
        if with_unknowns {
            let unknowns = reader.len(8)?;
            run.unknowns = (0..unknowns)
                .map(|_| reader.f64())
                .collect::<Result<_, _>>()?;
        }
        if with_segments {
            let segments = reader.len(SEGMENT_SIZE)?;
            run.segments = Vec::with_capacity(segments);
            for _ in 0..segments {
                let mut part = SegmentCounts {
                    leads: reader.u64()?,
                    cost: reader.f64()?,
                    customers: reader.u64()?,
                    repeat_purchases: reader.u64()?,
                    revenue: reader.f64()?,
                    ..SegmentCounts::default()
                };
                let entered = reader.len(8)?;
                part.entered = (0..entered)
                    .map(|_| reader.u64())
                    .collect::<Result<_, _>>()?;
                let converted = reader.len(8)?;
                part.converted = (0..converted)
                    .map(|_| reader.u64())
                    .collect::<Result<_, _>>()?;
                run.segments.push(part);
            }
        }
        runs.push(run);
    }
    if reader.at != bytes.len() {
        return Err(format!(
            "a batch of runs has {} bytes left over",
            bytes.len() - reader.at
        ));
    }
    Ok(RunBatch { first_run, runs })
}

/// The first four bytes of every encoded part of per-run totals.
pub const TOTALS_MAGIC: [u8; 4] = *b"FCT1";

/// Bytes of one variant's totals in one run.
const TOTALS_SIZE: usize = 4 * 8;

/// A part of a decision split by variant: the variants `first_variant..` of it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Part {
    pub first_variant: u32,
    /// Each variant's closed-form expected revenue within the horizon.
    pub exact: Vec<f64>,
    pub totals: CoupledTotals,
}

/// The part as bytes (see the module's documentation for the layout). `exact` holds one
/// value per variant of `totals` (missing ones are written as 0).
pub fn encode_part(part: &Part) -> Vec<u8> {
    let totals = &part.totals;
    let runs = totals.runs();
    let size = 20 + totals.variants.len() * (8 + runs * TOTALS_SIZE);
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(&TOTALS_MAGIC);
    out.extend_from_slice(&part.first_variant.to_le_bytes());
    out.extend_from_slice(&totals.first_run.to_le_bytes());
    put_len(&mut out, totals.variants.len());
    put_len(&mut out, runs);
    for (index, variant) in totals.variants.iter().enumerate() {
        let exact = part.exact.get(index).copied().unwrap_or(0.0);
        out.extend_from_slice(&exact.to_le_bytes());
        for run in variant.iter().take(runs) {
            out.extend_from_slice(&run.revenue.to_le_bytes());
            out.extend_from_slice(&run.customers.to_le_bytes());
            out.extend_from_slice(&run.cost.to_le_bytes());
            out.extend_from_slice(&run.purchases.to_le_bytes());
        }
    }
    out
}

/// Reads a part written by `encode_part`.
///
/// # Errors
/// A buffer that is not an encoded part: wrong magic, cut short, or with bytes left over.
pub fn decode_part(bytes: &[u8]) -> Result<Part, String> {
    let mut reader = Reader { bytes, at: 0 };
    if reader.take(4)? != TOTALS_MAGIC {
        return Err("not a part of per-run totals (wrong header)".to_string());
    }
    let first_variant = reader.u32()?;
    let first_run = reader.u32()?;
    let variants = reader.u32()? as usize;
    let runs = reader.u32()? as usize;
    let left = bytes.len() - reader.at;
    let per_variant = runs.saturating_mul(TOTALS_SIZE).saturating_add(8);
    if variants.saturating_mul(per_variant) != left {
        return Err(format!(
            "a part of per-run totals for {variants} variants and {runs} runs has {left} bytes"
        ));
    }
    let mut part = Part {
        first_variant,
        exact: Vec::with_capacity(variants),
        totals: CoupledTotals {
            first_run,
            variants: Vec::with_capacity(variants),
        },
    };
    for _ in 0..variants {
        part.exact.push(reader.f64()?);
        let mut variant = Vec::with_capacity(runs);
        for _ in 0..runs {
            variant.push(RunTotals {
                revenue: reader.f64()?,
                customers: reader.u64()?,
                cost: reader.f64()?,
                purchases: reader.u64()?,
            });
        }
        part.totals.variants.push(variant);
    }
    Ok(part)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], String> {
        let end = self
            .at
            .checked_add(n)
            .filter(|end| *end <= self.bytes.len())
            .ok_or_else(|| "a batch of runs ends early".to_string())?;
        let slice = &self.bytes[self.at..end];
        self.at = end;
        Ok(slice)
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], String> {
        let mut array = [0; N];
        array.copy_from_slice(self.take(N)?);
        Ok(array)
    }

    fn u32(&mut self) -> Result<u32, String> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Result<u64, String> {
        self.array().map(u64::from_le_bytes)
    }

    fn f64(&mut self) -> Result<f64, String> {
        self.array().map(f64::from_le_bytes)
    }

    /// A list's length, checked against the bytes left (each item at least `item_size`
    /// bytes), so a corrupt length cannot make the reader reserve huge memory.
    fn len(&mut self, item_size: usize) -> Result<usize, String> {
        let len = self.u32()? as usize;
        let left = self.bytes.len() - self.at;
        if len.saturating_mul(item_size.max(1)) > left {
            return Err("a batch of runs ends early".to_string());
        }
        Ok(len)
    }
}
