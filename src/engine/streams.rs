//! Random streams: every run, and within a run every source and stage, draws from its own
//! generator derived from (seed, run, purpose, name).
//!
//! Architecture invariant: a stream depends only on those four keys, never on how many runs a
//! worker computes or in what order, and two variants of a scenario that share a stage or
//! source name share its draws (common random numbers).

use rand::SeedableRng;
use rand_pcg::Pcg64Mcg;

/// The generator behind every stream: small, fast and reproducible on every platform.
pub type Stream = Pcg64Mcg;

/// What a stream is used for; part of its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// The run's draw of an uncertain conversion rate.
    Rate,
    /// Counts of leads deciding, converting and going to nurture at a stage.
    Flow,
    /// Counts of leads a source sends.
    Arrivals,
    /// Counts of repeat purchases.
    Retention,
    /// The days on which events of one kind fall.
    Days,
    /// Order values.
    Values,
    /// How a group's revenue is shared among the sources whose leads made its events.
    SourceShares,
    /// The run's shared lead-quality normal of correlated rates (`rate_correlation`).
    LeadQuality,
    /// How a fixed source's leads of each day split among the segments.
    Segments,
}

impl Purpose {
    fn tag(self) -> u64 {
        match self {
            Purpose::Rate => 1,
            Purpose::Flow => 2,
            Purpose::Arrivals => 3,
            Purpose::Retention => 4,
            Purpose::Days => 5,
            Purpose::Values => 6,
            Purpose::SourceShares => 7,
            Purpose::LeadQuality => 8,
            Purpose::Segments => 9,
        }
    }
}

/// SplitMix64's finaliser: a bijective mix of 64 bits.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over the name's bytes: stable across platforms and compiler versions.
fn hash_name(name: &str) -> u64 {
    name.bytes().fold(0xCBF2_9CE4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// The key of the stream for one purpose and name in run `run` of seed `seed`.
pub fn key(seed: u64, run: u32, purpose: Purpose, name: &str) -> u64 {
    mix(mix(mix(seed) ^ u64::from(run)) ^ purpose.tag()) ^ hash_name(name)
}

/// The stream for one purpose and name in run `run` of a simulation seeded with `seed`.
pub fn stream(seed: u64, run: u32, purpose: Purpose, name: &str) -> Stream {
    Stream::seed_from_u64(mix(key(seed, run, purpose, name)))
}

/// A sub-stream of the stream keyed `key`, for one part `(a, b)` of its work (a journey tree
/// node of one root): a draw that changes how many numbers one part consumes leaves the
/// other parts' draws as they were, which keeps variants coupled.
pub fn sub_stream(key: u64, a: u64, b: u64) -> Stream {
    Stream::seed_from_u64(mix(
        mix(mix(key) ^ a) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn streams_differ_by_every_key_and_repeat_for_the_same_key() {
        let draw = |seed, run, purpose, name| stream(seed, run, purpose, name).random::<u64>();
        let base = draw(7, 3, Purpose::Flow, "Interest");
        assert_eq!(base, draw(7, 3, Purpose::Flow, "Interest"));
        assert_ne!(base, draw(8, 3, Purpose::Flow, "Interest"));
        assert_ne!(base, draw(7, 4, Purpose::Flow, "Interest"));
        assert_ne!(base, draw(7, 3, Purpose::Rate, "Interest"));
        assert_ne!(base, draw(7, 3, Purpose::Flow, "Intent"));
    }
}
