//! Order statistics without sorting: the values at chosen ranks, exactly as a sort by
//! `f64::total_cmp` would place them, for the summaries' percentiles and daily bands.

/// Puts the order statistics of the (sorted) `ranks` of the whole slice in place, `values`
/// being the part of it that starts at rank `offset` (ranks outside it are skipped): one
/// selection at the middle rank, then each side with its ranks. Costs about n log(ranks)
/// comparisons, not n log n.
pub(super) fn select_ranks(values: &mut [f64], offset: usize, ranks: &[usize]) {
    let inside = |&r: &usize| r >= offset && r - offset < values.len();
    let first = ranks.iter().position(inside).unwrap_or(ranks.len());
    let last = ranks.iter().rposition(inside).map_or(first, |i| i + 1);
    let ranks = &ranks[first..last.max(first)];
    if ranks.is_empty() {
        return;
    }
    let middle = ranks.len() / 2;
    let at = ranks[middle] - offset;
    let (left, _, right) = values.select_nth_unstable_by(at, f64::total_cmp);
    select_ranks(left, offset, &ranks[..middle]);
    select_ranks(right, offset + at + 1, &ranks[middle + 1..]);
}

/// Reusable buffers of `order_statistics`, so that summarising a day allocates little.
#[derive(Debug, Default)]
pub(super) struct Selection {
    counts: Vec<u32>,
    bucket_of: Vec<u16>,
    slot_of: Vec<u8>,
    gathered: Vec<f64>,
}

/// Below this many values `order_statistics` selects in place.
const BUCKETS_FROM: usize = 256;

/// The order statistics of `values` at `ranks` (sorted, distinct, each below `values.len()`),
/// one per rank into `out`: exactly what a sort by `f64::total_cmp` puts at those ranks.
///
/// Whole numbers over a range shorter than n / 4 are counted, one cell a value. Other
/// values are mapped to about n / 4 equal-width buckets between their minimum and
/// maximum (a monotone map: a smaller value never lands in a later bucket), counted, and
/// only the few buckets holding a wanted rank are gathered and selected in, each in its own
/// order: about three passes over the values where selecting in place takes eight or more.
/// A gathered bucket of identical values (ties: days without events, small counts) is read
/// as it is; a bucket holding most of the values (a heavy tail stretched the range) is
/// bucketed again over its own range.
pub(super) fn order_statistics(
    values: &[f64],
    ranks: &[usize],
    out: &mut Vec<f64>,
    s: &mut Selection,
) {
    order_statistics_at_depth(values, ranks, out, s, 0);
}

fn order_statistics_at_depth(
    values: &[f64],
    ranks: &[usize],
    out: &mut Vec<f64>,
    s: &mut Selection,
    depth: u32,
) {
    out.clear();
    if ranks.is_empty() {
        return;
    }
    let n = values.len();
    let Scan {
        low,
        high,
        finite,
        unsigned,
        whole,
    } = scan(values);
    let range = high - low;
    if range == 0.0 && values.iter().all(|v| v.to_bits() == low.to_bits()) {
        out.extend(ranks.iter().map(|_| low));
        return;
    }
    // Whole numbers, none negative (nor -0), over a range shorter than a quarter of their
    // number (counts of customers): one count per value, and each order statistic is its
    // value, bit for bit.
    if finite && unsigned && whole && range <= (n / 4) as f64 {
        let cells = range as usize + 1;
        s.counts.clear();
        s.counts.resize(cells, 0);
        let counts = &mut s.counts[..cells];
        for &v in values {
            // A whole offset in 0..cells (a u32 cast is a single conversion).
            counts[(v - low) as u32 as usize] += 1;
        }
        let (mut cell, mut below) = (0, 0);
        for &rank in ranks {
            while below + s.counts[cell] as usize <= rank {
                below += s.counts[cell] as usize;
                cell += 1;
            }
            out.push(low + cell as f64);
        }
        return;
    }
    if n < BUCKETS_FROM || depth > 3 || !finite || !(range > 0.0 && range.is_finite()) {
        s.gathered.clear();
        s.gathered.extend_from_slice(values);
        select_ranks(&mut s.gathered, 0, ranks);
        out.extend(ranks.iter().map(|&r| s.gathered[r]));
        return;
    }
    let buckets = (n / 4).clamp(16, 1 << 16);
    let scale = buckets as f64 / range;
    let last = (buckets - 1) as u32;
    s.counts.clear();
    s.counts.resize(buckets, 0);
    if s.bucket_of.len() < n {
        s.bucket_of.resize(n, 0);
    }
    let counts = &mut s.counts[..buckets];
    for (&v, slot) in values.iter().zip(s.bucket_of[..n].iter_mut()) {
        // Finite values from `low` up: the scaled offset is in 0..=buckets (a u32 cast is a
        // single conversion where a usize one is not).
        let bucket = (((v - low) * scale) as u32).min(last);
        counts[bucket as usize] += 1;
        *slot = bucket as u16;
    }
    // Per wanted rank: its bucket's gathering slot and its rank inside the bucket; per slot:
    // the bucket and how many values it holds.
    let mut wanted: Vec<(usize, usize)> = Vec::with_capacity(ranks.len());
    let mut targets: Vec<(usize, usize)> = Vec::with_capacity(ranks.len());
    let (mut bucket, mut below) = (0, 0);
    for &rank in ranks {
        while below + s.counts[bucket] as usize <= rank {
            below += s.counts[bucket] as usize;
            bucket += 1;
        }
        if targets.last().is_none_or(|&(b, _)| b != bucket) {
            targets.push((bucket, s.counts[bucket] as usize));
        }
        wanted.push((targets.len() - 1, rank - below));
    }
    // Slots are reset after use, so the buffer stays all "none" between calls.
    if s.slot_of.len() < buckets {
        s.slot_of.resize(buckets, u8::MAX);
    }
    let mut starts = Vec::with_capacity(targets.len() + 1);
    let mut total = 0;
    for (slot, &(bucket, count)) in targets.iter().enumerate() {
        s.slot_of[bucket] = slot as u8;
        starts.push(total);
        total += count;
    }
    starts.push(total);
    s.gathered.clear();
    s.gathered.resize(total, 0.0);
    let mut next = starts.clone();
    for (&v, &bucket) in values.iter().zip(&s.bucket_of) {
        let slot = s.slot_of[bucket as usize];
        if slot != u8::MAX {
            s.gathered[next[slot as usize]] = v;
            next[slot as usize] += 1;
        }
    }
    for &(bucket, _) in &targets {
        s.slot_of[bucket] = u8::MAX;
    }
    out.resize(ranks.len(), 0.0);
    for (slot, window) in starts.windows(2).enumerate() {
        let part = &mut s.gathered[window[0]..window[1]];
        let inner: Vec<usize> = wanted.iter().filter(|w| w.0 == slot).map(|w| w.1).collect();
        let first = part[0].to_bits();
        let mut found = Vec::with_capacity(inner.len());
        if part.iter().all(|v| v.to_bits() == first) {
            found.extend(inner.iter().map(|_| part[0]));
        } else if part.len() > n / 2 {
            let part = part.to_vec();
            let mut again = Selection::default();
            order_statistics_at_depth(&part, &inner, &mut found, &mut again, depth + 1);
        } else {
            select_ranks(part, 0, &inner);
            found.extend(inner.iter().map(|&r| part[r]));
        }
        let places = wanted.iter().enumerate().filter(|(_, w)| w.0 == slot);
        for ((i, _), value) in places.zip(found) {
            out[i] = value;
        }
    }
}

/// What `order_statistics` needs to know of its values before choosing how to select.
struct Scan {
    low: f64,
    high: f64,
    /// No infinity, no NaN.
    finite: bool,
    /// No value with its sign bit set (no negative value, no -0).
    unsigned: bool,
    /// Every value a whole number below 2^52 (values that are not negative; larger whole
    /// numbers may read as not whole, which only sends them to the general path).
    whole: bool,
}

/// The minimum, the maximum and the flags of `values` (not empty) in one pass, four lanes at
/// a time so that the pass vectorises: plain comparisons (with signed zeros the one
/// difference from the total order, told apart later) and bit tests.
fn scan(values: &[f64]) -> Scan {
    const LANES: usize = 4;
    /// 2^52: adding and removing it rounds a non-negative value below it to a whole number.
    const WHOLE: f64 = 4_503_599_627_370_496.0;
    let mut low = [values[0]; LANES];
    let mut high = [values[0]; LANES];
    let (mut signs, mut special, mut fraction) = ([0u64; LANES], [0u64; LANES], [0u64; LANES]);
    let mut lane = |i: usize, v: f64| {
        low[i] = if v < low[i] { v } else { low[i] };
        high[i] = if v > high[i] { v } else { high[i] };
        signs[i] |= v.to_bits();
        // v × 0 is ±0 for a finite value, NaN otherwise (its bits without the sign are 0
        // only for ±0); the rounded value less the value is 0 exactly for a whole one (+0
        // for -0): plain arithmetic, which vectorises.
        special[i] |= (v * 0.0).to_bits() << 1;
        fraction[i] |= (((v + WHOLE) - WHOLE) - v).to_bits();
    };
    let chunks = values.chunks_exact(LANES);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (i, &v) in chunk.iter().enumerate() {
            lane(i, v);
        }
    }
    for (i, &v) in rest.iter().enumerate() {
        lane(i, v);
    }
    let fold = |lanes: [f64; LANES], pick: fn(f64, f64) -> bool| {
        lanes
            .into_iter()
            .fold(lanes[0], |a, b| if pick(b, a) { b } else { a })
    };
    Scan {
        low: fold(low, |b, a| b < a),
        high: fold(high, |b, a| b > a),
        finite: special.iter().all(|&s| s == 0),
        unsigned: signs.iter().fold(0, |a, s| a | s) >> 63 == 0,
        whole: fraction.iter().all(|&f| f == 0),
    }
}
