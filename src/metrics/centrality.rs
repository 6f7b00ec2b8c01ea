//! Shortest-path centralities (betweenness, closeness, harmonic) and the
//! relationship-type views of betweenness (stakeholder betweenness,
//! practitioner dependency and share), all from one Brandes pass per source.
//!
//! Each source runs `paths::SingleSource` once; its distances feed closeness and
//! harmonic (scattered to the reached actors: in a directed network that is
//! the distance *to* them, which is what networkx measures), its predecessors
//! and path counts feed the dependency accumulations. Sources are split into
//! chunks of a fixed size, chunks run in parallel with rayon and their
//! partial sums are added in chunk order, so the bits of every result are
//! the same at any thread count.

use rayon::prelude::*;

use super::paths::{Csr, Distance, SingleSource};
use super::progress::Progress;
use crate::model::Network;

/// Sources per parallel task. Fixed, so the summation order never depends on
/// the thread count.
const CHUNK: usize = 16;
/// Bytes of partial sums held at once: a wave of chunks runs in parallel
/// and its sums are added in chunk order before the next starts.
const WAVE_BYTES: usize = 32 << 20;
/// Fewest chunks in a wave, whatever the network's size.
const MIN_WAVE: usize = 32;

/// Chunks in a wave for `n` actors: as many as [`WAVE_BYTES`] of partial
/// sums hold (at least [`MIN_WAVE`]), since every wave ends with the
/// threads waiting for its slowest chunk. Grouping chunks in waves changes
/// no sum: they are added in chunk order either way.
fn wave_chunks(n: usize) -> usize {
    (WAVE_BYTES / (std::mem::size_of::<ActorSums>() * n.max(1))).max(MIN_WAVE)
}

/// Seed of the source sample when none is given.
pub const DEFAULT_SEED: u64 = 1;

/// A uniform sample of source actors, for networks too large for every
/// source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sample {
    /// How many sources (K); at least 2 are used, and K ≥ n means all.
    pub sources: usize,
    /// Seed of the deterministic generator choosing them.
    pub seed: u64,
}

/// Options of the shortest-path centralities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CentralityOptions {
    /// Tie length: `1 / trust` or hops.
    pub distance: Distance,
    /// Estimate from K sampled sources instead of all (`None`: exact).
    pub betweenness_sample: Option<Sample>,
}

/// Everything [`path_centrality`] computes, per actor in actor order.
#[derive(Debug, Clone, PartialEq)]
pub struct PathCentrality {
    /// Normalised betweenness (see [`path_centrality`]).
    pub betweenness: Vec<f64>,
    /// Wasserman–Faust closeness, distances to the actor.
    pub closeness: Vec<f64>,
    /// Harmonic centrality, distances to the actor.
    pub harmonic: Vec<f64>,
    /// Betweenness over stakeholder pairs only; `None` when fewer than two
    /// other stakeholders.
    pub stakeholder_betweenness: Vec<Option<f64>>,
    /// For practitioners: mean share of the shortest paths between connected
    /// stakeholder pairs that pass through them; `None` for stakeholders and
    /// when no stakeholder pair is connected.
    pub practitioner_share: Vec<Option<f64>>,
    /// Mean share, over connected ordered stakeholder pairs, of shortest paths
    /// that have a practitioner inside; `None` when no pair is connected.
    pub practitioner_dependency: Option<f64>,
    /// Number of sources used when sampling; `None` when exact.
    pub sampled_sources: Option<usize>,
}

/// Betweenness, closeness, harmonic and the relationship-type views, in one
/// pass over the sources.
///
/// Lengths are `1 / trust` or hops on the arcs with trust > 0; lengths equal
/// within 1e-12 relative are equal (the format's rule, which networkx's
/// float comparison does not follow: the reference values are those of
/// exact arithmetic). With σ_st the number of shortest s → t paths, σ_st(v)
/// those through v, d(s, t) the distance, n actors:
///
/// * `betweenness(v) = Σ_{s≠v≠t} σ_st(v)/σ_st / ((n−1)(n−2))` over ordered
///   pairs (for an undirected network that is 2/((n−1)(n−2)) over unordered
///   pairs); unscaled (all 0) when n ≤ 2. Brandes (2001); matches networkx
///   `betweenness_centrality(G, normalized=True, weight="length")`.
/// * `closeness(v) = (r−1)/(n−1) · (r−1)/Σ_u d(u, v)` over the r − 1 actors
///   u that reach v, 0 when none does. Wasserman & Faust (1994); matches
///   networkx `closeness_centrality(G, distance="length")`, which also uses
///   distances to v in a directed network.
/// * `harmonic(v) = Σ_{u≠v} 1/d(u, v)` (1/∞ = 0). Marchiori & Latora (2000);
///   matches networkx `harmonic_centrality(G, distance="length")`.
/// * `stakeholder_betweenness(v) = Σ σ_st(v)/σ_st / (k_v(k_v−1))` over
///   ordered pairs of distinct stakeholders s, t ≠ v, with k_v the number of
///   stakeholders other than v; `None` when k_v < 2.
/// * `practitioner_dependency = mean over connected ordered stakeholder pairs
///   of (σ_st − σ'_st)/σ_st`, σ'_st counting the shortest paths with no
///   practitioner inside (accumulated forward along the settle order, a path
///   stopping at an inner practitioner).
/// * `practitioner_share(p) = mean over the same pairs of σ_st(p)/σ_st`.
///
/// **Sampling** (`betweenness_sample = Some(K)`, K < n): K distinct sources
/// are drawn uniformly with a seeded generator (splitmix64, partial
/// Fisher–Yates; the same seed gives the same sources on every machine, not
/// the sources networkx's `seed` would draw). Each sum over sources is then
/// scaled to estimate the sum over all: betweenness as networkx's
/// `betweenness_centrality(k=K)` does (1/((K−1)(n−2)) for a sampled actor,
/// 1/(K(n−2)) for the others); closeness and harmonic alike with K_v = K −
/// [v sampled] sources instead of n − 1 (closeness = c²/(K_v Σd) from the c
/// sampled sources reaching v); stakeholder betweenness with the sampled
/// stakeholders other than v in place of k_v (`None` when there are none);
/// dependency and share as means over the sampled sources' pairs.
///
/// # Complexity
/// * Time: **O(S (|V| + |E|) log |V|)** for S sources (S = n exact).
/// * Space: O(|V| + |E|) per worker plus the partial sums of a wave of
///   chunks: at most 32 MiB, or 32 chunks of O(|V|) past 26,000 actors.
///
/// Parallel over sources (rayon), deterministic at any thread count.
pub fn path_centrality(net: &Network, options: &CentralityOptions) -> PathCentrality {
    path_centrality_reporting(net, options, &Progress::new())
}

/// [`path_centrality`], counting the sources done in `progress` (its total
/// is the number of sources) as it goes, so that another thread can show
/// how far it has got. The result is the same.
pub fn path_centrality_reporting(
    net: &Network,
    options: &CentralityOptions,
    progress: &Progress,
) -> PathCentrality {
    let csr = Csr::new(net, options.distance);
    over_sources(net, &csr, options, progress)
}

/// [`path_centrality_reporting`] on the network's adjacency `csr`.
fn over_sources(
    net: &Network,
    csr: &Csr,
    options: &CentralityOptions,
    progress: &Progress,
) -> PathCentrality {
    let n = net.len();
    let is_practitioner: Vec<bool> = net.actors().iter().map(|a| a.is_practitioner()).collect();
    let any_practitioner = is_practitioner.iter().any(|&p| p);

    let sample = options
        .betweenness_sample
        .filter(|s| s.sources.max(2) < n)
        .map(|s| sample_sources(n, s.sources.max(2), s.seed));
    let sources: Vec<u32> = match &sample {
        Some(s) => s.clone(),
        None => (0..n as u32).collect(),
    };

    let stage = progress.stage(sources.len() as u64);
    let chunks: Vec<&[u32]> = sources.chunks(CHUNK).collect();
    let mut total = Partial::zeros(n);
    for wave in chunks.chunks(wave_chunks(n)) {
        let partials: Vec<Partial> = wave
            .par_iter()
            .map_init(
                || Work::new(csr),
                |work, chunk| {
                    let mut acc = Partial::zeros(n);
                    for &s in chunk.iter() {
                        work.source(s as usize, &is_practitioner, any_practitioner, &mut acc);
                    }
                    stage.advance(chunk.len() as u64);
                    acc
                },
            )
            .collect();
        for p in partials {
            total.add(&p);
        }
    }
    finish(net, &is_practitioner, sample.as_deref(), total)
}

/// Normalised betweenness of each actor (see [`path_centrality`]).
pub fn betweenness(net: &Network, options: &CentralityOptions) -> Vec<f64> {
    path_centrality(net, options).betweenness
}

/// Wasserman–Faust closeness of each actor (see [`path_centrality`]).
pub fn closeness(net: &Network, distance: Distance) -> Vec<f64> {
    let options = CentralityOptions {
        distance,
        betweenness_sample: None,
    };
    path_centrality(net, &options).closeness
}

/// Harmonic centrality of each actor (see [`path_centrality`]).
pub fn harmonic(net: &Network, distance: Distance) -> Vec<f64> {
    let options = CentralityOptions {
        distance,
        betweenness_sample: None,
    };
    path_centrality(net, &options).harmonic
}

/// The next number of the splitmix64 stream at `state` (Steele, Lea and
/// Flood 2014, the constants of Vigna's reference code): small, seedable,
/// the same on every platform.
pub(crate) fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// K distinct actors, sorted, from a seeded splitmix64 stream.
pub(crate) fn sample_sources(n: usize, k: usize, seed: u64) -> Vec<u32> {
    let mut state = seed;
    let mut next = move || splitmix64(&mut state);
    let mut pool: Vec<u32> = (0..n as u32).collect();
    for i in 0..k {
        // Lemire's multiply-shift: an index in [i, n).
        let span = (n - i) as u64;
        let j = i + ((u128::from(next()) * u128::from(span)) >> 64) as usize;
        pool.swap(i, j);
    }
    let mut chosen = pool[..k].to_vec();
    chosen.sort_unstable();
    chosen
}

/// One actor's sums over the sources of a chunk, side by side for the
/// same reason as the path kernel's labels: the backward pass adds to all
/// of them for each actor it passes, in no order the cache can predict.
#[derive(Debug, Clone, Copy, Default)]
struct ActorSums {
    /// Σ_s δ_s·(v): Brandes dependencies.
    betweenness: f64,
    /// Σ over stakeholder sources of dependencies on stakeholder targets.
    stakeholder: f64,
    /// Σ_s d(s, v) over sources reaching v.
    dist_sum: f64,
    /// Σ_s 1/d(s, v).
    harmonic: f64,
    /// Number of sources s ≠ v reaching v.
    reached: u32,
}

/// Per-chunk sums over sources.
#[derive(Debug, Clone)]
struct Partial {
    actors: Vec<ActorSums>,
    /// Connected ordered stakeholder pairs.
    pairs: u64,
    /// Σ over those pairs of the share of paths with a practitioner inside.
    dependency: f64,
}

impl Partial {
    fn zeros(n: usize) -> Self {
        Partial {
            actors: vec![ActorSums::default(); n],
            pairs: 0,
            dependency: 0.0,
        }
    }

    fn add(&mut self, other: &Partial) {
        for (x, y) in self.actors.iter_mut().zip(&other.actors) {
            x.betweenness += y.betweenness;
            x.stakeholder += y.stakeholder;
            x.dist_sum += y.dist_sum;
            x.harmonic += y.harmonic;
            x.reached += y.reached;
        }
        self.pairs += other.pairs;
        self.dependency += other.dependency;
    }
}

/// One worker's buffers: the Dijkstra state plus the accumulation vectors,
/// reset only where the last source touched them.
struct Work<'a> {
    paths: SingleSource<'a>,
    /// δ_s·(v) (Brandes) and δ restricted to stakeholder targets, side
    /// by side as they are updated together.
    delta: Vec<[f64; 2]>,
    /// σ'_sv: shortest paths with no practitioner strictly inside.
    sigma_clear: Vec<f64>,
}

impl<'a> Work<'a> {
    fn new(csr: &'a Csr) -> Self {
        let n = csr.len();
        Work {
            paths: SingleSource::new(csr),
            delta: vec![[0.0; 2]; n],
            sigma_clear: vec![0.0; n],
        }
    }

    fn source(
        &mut self,
        s: usize,
        practitioner: &[bool],
        any_practitioner: bool,
        acc: &mut Partial,
    ) {
        self.paths.run(s);
        // Counts past 2^600 carry scales; below (every network short of a
        // thousand diamonds in a row) each rescale factor is exactly 1 and
        // multiplying by it changes no bit, so the loops skip it.
        if self.paths.any_rescaled() {
            self.sums::<true>(s, practitioner, any_practitioner, acc)
        } else {
            self.sums::<false>(s, practitioner, any_practitioner, acc)
        }
    }

    /// The sums of the last run from `s` (see [`Self::accumulate`]). With
    /// no practitioner every target is a stakeholder: δ_st is δ, computed
    /// by the same operations, and is not computed twice.
    #[inline]
    fn sums<const SCALED: bool>(
        &mut self,
        s: usize,
        practitioner: &[bool],
        any_practitioner: bool,
        acc: &mut Partial,
    ) {
        if practitioner[s] {
            self.accumulate::<SCALED, false>(s, practitioner, acc)
        } else if any_practitioner {
            self.dependency::<SCALED>(s, practitioner, acc);
            self.accumulate::<SCALED, true>(s, practitioner, acc)
        } else {
            self.count_pairs(acc);
            self.accumulate::<SCALED, false>(s, practitioner, acc)
        }
    }

    /// A stakeholder source `s` in a network without practitioners: every
    /// reached actor is a stakeholder target and none depends on a
    /// practitioner.
    fn count_pairs(&self, acc: &mut Partial) {
        acc.pairs += (self.paths.order().len() - 1) as u64;
    }

    /// The practitioner dependency of stakeholder source `s`: over the
    /// stakeholders it reaches, the share of shortest paths with a
    /// practitioner strictly inside, from σ'_sw, the paths clear of them.
    #[inline]
    fn dependency<const SCALED: bool>(
        &mut self,
        s: usize,
        practitioner: &[bool],
        acc: &mut Partial,
    ) {
        let p = &self.paths;
        let mut pairs = 0u64;
        let mut dependency = 0.0;
        self.sigma_clear[s] = 1.0;
        for &w in &p.order()[1..] {
            let w = w as usize;
            let clear: f64 = p
                .preds(w)
                .iter()
                .map(|&v| v as usize)
                .filter(|&v| v == s || !practitioner[v])
                .map(|v| self.sigma_clear[v] * rescale::<SCALED>(p, v, w))
                .sum();
            self.sigma_clear[w] = clear;
            if !practitioner[w] {
                pairs += 1;
                dependency += 1.0 - clear / p.sigma(w);
            }
        }
        acc.pairs += pairs;
        acc.dependency += dependency;
    }

    /// Brandes' backward accumulation of the last run from `s`, farthest
    /// first, with the distance sums of closeness and harmonic centrality
    /// on the way; every buffer is left zero for the next source.
    /// `SCALED`: some path count was rescaled (see
    /// [`SingleSource::rescale`]); `SPLIT`: `s` is a stakeholder in a
    /// network with practitioners, so δ_st (stakeholder targets only) is
    /// summed apart from δ (else it is δ, or nothing for a practitioner
    /// source).
    fn accumulate<const SCALED: bool, const SPLIT: bool>(
        &mut self,
        s: usize,
        practitioner: &[bool],
        acc: &mut Partial,
    ) {
        let p = &self.paths;
        let stakeholder_source = !practitioner[s];
        for &w in p.order().iter().rev() {
            let w = w as usize;
            let [delta_w, delta_st_w] = self.delta[w];
            let coeff = (1.0 + delta_w) / p.sigma(w);
            let target = if practitioner[w] { 0.0 } else { 1.0 };
            let coeff_st = (target + delta_st_w) / p.sigma(w);
            for &v in p.preds(w) {
                let v = v as usize;
                // σ_v/σ_w with both counts' scales (1 below 2^600).
                let sigma_v = p.sigma(v) * rescale::<SCALED>(p, v, w);
                let delta_v = &mut self.delta[v];
                delta_v[0] += sigma_v * coeff;
                if SPLIT {
                    delta_v[1] += sigma_v * coeff_st;
                }
            }
            if w != s {
                let d = p.dist(w);
                let sums = &mut acc.actors[w];
                sums.dist_sum += d;
                sums.harmonic += 1.0 / d;
                sums.reached += 1;
                sums.betweenness += delta_w;
                if SPLIT {
                    sums.stakeholder += delta_st_w;
                } else if stakeholder_source {
                    sums.stakeholder += delta_w;
                }
            }
            // δ_w is complete once w is reached in this loop (its
            // successors come before it) and read no more.
            self.delta[w] = [0.0; 2];
            if SPLIT {
                self.sigma_clear[w] = 0.0;
            }
        }
    }
}

/// 2^(scale(v) − scale(w)) of the last run when `SCALED` (some count was
/// rescaled, see [`SingleSource::rescale`]); else exactly 1, and
/// multiplying by it changes no bit.
#[inline(always)]
fn rescale<const SCALED: bool>(p: &SingleSource, v: usize, w: usize) -> f64 {
    if SCALED {
        p.rescale(v, w)
    } else {
        1.0
    }
}

/// Scale the sums over sources into the metrics (exact or estimated).
fn finish(
    net: &Network,
    practitioner: &[bool],
    sample: Option<&[u32]>,
    total: Partial,
) -> PathCentrality {
    let n = net.len();
    let mut sampled = vec![sample.is_none(); n];
    if let Some(s) = sample {
        for &v in s {
            sampled[v as usize] = true;
        }
    }
    let stakeholders = practitioner.iter().filter(|&&p| !p).count();
    let sampled_stakeholders = match sample {
        Some(s) => s.iter().filter(|&&v| !practitioner[v as usize]).count(),
        None => stakeholders,
    };
    // Sources other than v that could reach v: n − 1 exact, K − [v ∈ sample]
    // sampled.
    let k = sample.map_or(n, <[u32]>::len);
    let other_sources = |v: usize| (k - usize::from(sampled[v])) as f64;

    let betweenness = (0..n)
        .map(|v| {
            if n <= 2 {
                return total.actors[v].betweenness;
            }
            let n2 = (n - 2) as f64;
            total.actors[v].betweenness / (other_sources(v) * n2)
        })
        .collect();
    let closeness = (0..n)
        .map(|v| {
            let sum = total.actors[v].dist_sum;
            if sum > 0.0 && n > 1 {
                let c = f64::from(total.actors[v].reached);
                if sample.is_none() {
                    // networkx's order of operations.
                    (c / sum) * (c / (n - 1) as f64)
                } else {
                    c * c / (other_sources(v) * sum)
                }
            } else {
                0.0
            }
        })
        .collect();
    let harmonic = (0..n)
        .map(|v| match sample {
            None => total.actors[v].harmonic,
            Some(_) if other_sources(v) > 0.0 => {
                total.actors[v].harmonic * (n - 1) as f64 / other_sources(v)
            }
            Some(_) => 0.0,
        })
        .collect();
    let stakeholder_betweenness = (0..n)
        .map(|v| {
            let own = usize::from(!practitioner[v]);
            let k_v = stakeholders - own;
            let sampled_v = sampled_stakeholders - own * usize::from(sampled[v]);
            (k_v >= 2 && sampled_v > 0)
                .then(|| total.actors[v].stakeholder / (sampled_v as f64 * (k_v - 1) as f64))
        })
        .collect();
    let pairs = total.pairs as f64;
    let practitioner_share = (0..n)
        .map(|v| (practitioner[v] && total.pairs > 0).then(|| total.actors[v].stakeholder / pairs))
        .collect();
    PathCentrality {
        betweenness,
        closeness,
        harmonic,
        stakeholder_betweenness,
        practitioner_share,
        practitioner_dependency: (total.pairs > 0).then(|| total.dependency / pairs),
        sampled_sources: sample.map(<[u32]>::len),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    fn exact(net: &Network) -> PathCentrality {
        path_centrality(net, &CentralityOptions::default())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * b.abs().max(1.0)
    }

    fn assert_all(actual: &[f64], expected: &[f64]) {
        assert_eq!(actual.len(), expected.len());
        for (i, (a, e)) in actual.iter().zip(expected).enumerate() {
            assert!(close(*a, *e), "actor {i}: {a} != {e}");
        }
    }

    fn stakeholders(ids: &[&str], ties: &[TieSpec]) -> Network {
        Network::from_parts(ids.iter().map(|&i| Actor::stakeholder(i)).collect(), ties).unwrap()
    }

    #[test]
    fn star_hub_carries_every_path() {
        // h is the hub of a, b, c (ids sort as a, b, c, h).
        let g = stakeholders(
            &["h", "a", "b", "c"],
            &[
                TieSpec::mutual("h", "a", 1.0),
                TieSpec::mutual("h", "b", 1.0),
                TieSpec::mutual("h", "c", 1.0),
            ],
        );
        let c = exact(&g);
        assert_all(&c.betweenness, &[0.0, 0.0, 0.0, 1.0]);
        // Leaf: distances 1, 2, 2 → 3/5; hub: 1, 1, 1 → 1.
        assert_all(&c.closeness, &[0.6, 0.6, 0.6, 1.0]);
        assert_all(&c.harmonic, &[2.0, 2.0, 2.0, 3.0]);
        assert_eq!(c.stakeholder_betweenness[3], Some(1.0));
        assert_eq!(c.practitioner_dependency, Some(0.0));
        assert_eq!(c.practitioner_share, vec![None; 4]);
    }

    #[test]
    fn path_lengths_are_inverse_trust() {
        // a –0.5– b –0.25– c: lengths 2 and 4.
        let g = stakeholders(
            &["a", "b", "c"],
            &[
                TieSpec::mutual("a", "b", 0.5),
                TieSpec::mutual("b", "c", 0.25),
            ],
        );
        let c = exact(&g);
        assert_all(&c.betweenness, &[0.0, 1.0, 0.0]);
        // a: 2 + 6 = 8 → 2/8; b: 2 + 4 → 2/6; c: 4 + 6 → 2/10.
        assert_all(&c.closeness, &[0.25, 1.0 / 3.0, 0.2]);
        assert_all(&c.harmonic, &[0.5 + 1.0 / 6.0, 0.75, 0.25 + 1.0 / 6.0]);
        let hops = path_centrality(
            &g,
            &CentralityOptions {
                distance: Distance::Hops,
                betweenness_sample: None,
            },
        );
        assert_all(&hops.closeness, &[2.0 / 3.0, 1.0, 2.0 / 3.0]);
    }

    #[test]
    fn practitioner_broker_between_two_groups() {
        // s1–s2 and s3–s4 joined only through practitioner p.
        let mut actors: Vec<Actor> = ["s1", "s2", "s3", "s4"].map(Actor::stakeholder).to_vec();
        actors.push(Actor::practitioner("p"));
        let g = Network::from_parts(
            actors,
            &[
                TieSpec::mutual("s1", "s2", 1.0),
                TieSpec::mutual("p", "s1", 1.0),
                TieSpec::mutual("p", "s3", 1.0),
                TieSpec::mutual("s3", "s4", 1.0),
            ],
        )
        .unwrap();
        let p = g.index_of("p").unwrap();
        let s1 = g.index_of("s1").unwrap();
        let c = exact(&g);
        // 8 of the 12 connected ordered stakeholder pairs cross p.
        assert!(close(c.practitioner_dependency.unwrap(), 2.0 / 3.0));
        assert!(close(c.practitioner_share[p].unwrap(), 2.0 / 3.0));
        assert_eq!(c.practitioner_share[s1], None);
        // p: 8 of 4·3 pairs; s1: (s2, s3), (s2, s4) both ways over 3·2.
        assert!(close(c.stakeholder_betweenness[p].unwrap(), 2.0 / 3.0));
        assert!(close(c.stakeholder_betweenness[s1].unwrap(), 2.0 / 3.0));
        // Over all ordered pairs p carries the same 8, of 4·3.
        assert!(close(c.betweenness[p], 8.0 / 12.0));
    }

    #[test]
    fn trust_zero_tie_and_disconnected_parts() {
        // z has only a trust-0 tie; {a, b} and {c, d, e} are apart.
        let g = stakeholders(
            &["a", "b", "c", "d", "e", "z"],
            &[
                TieSpec::mutual("a", "b", 1.0),
                TieSpec::mutual("c", "d", 1.0),
                TieSpec::mutual("d", "e", 1.0),
                TieSpec::mutual("z", "a", 0.0),
            ],
        );
        let c = exact(&g);
        // Wasserman–Faust: a reaches 1 of 5 at total 1 → 1 · 1/5.
        // c reaches 2 at total 3 → 2/3 · 2/5; d reaches 2 at total 2 → 2/5.
        assert_all(&c.closeness, &[0.2, 0.2, 4.0 / 15.0, 0.4, 4.0 / 15.0, 0.0]);
        assert_all(&c.harmonic, &[1.0, 1.0, 1.5, 2.0, 1.5, 0.0]);
        // d is on c ⇄ e: 2 of 5·4 ordered pairs.
        assert_all(&c.betweenness, &[0.0, 0.0, 0.0, 0.1, 0.0, 0.0]);
        // 2 + 6 connected ordered stakeholder pairs, no practitioner.
        assert_eq!(c.practitioner_dependency, Some(0.0));
        let alone = stakeholders(&["a", "b"], &[TieSpec::mutual("a", "b", 0.0)]);
        let c = exact(&alone);
        assert_eq!(c.practitioner_dependency, None);
        assert_eq!(c.stakeholder_betweenness, vec![None, None]);
        assert_eq!(c.betweenness, vec![0.0, 0.0]);
    }

    #[test]
    fn equal_lengths_split_the_paths() {
        // a–b–d = 1/0.9 + 1/0.75 and a–c–d = 1/0.75 + 1/0.9: b and c each
        // carry half of a ⇄ d, and likewise a and d half of b ⇄ c; in f64
        // one route of each pair would be shorter and take it all.
        let g = stakeholders(
            &["a", "b", "c", "d"],
            &[
                TieSpec::mutual("a", "b", 0.9),
                TieSpec::mutual("b", "d", 0.75),
                TieSpec::mutual("a", "c", 0.75),
                TieSpec::mutual("c", "d", 0.9),
            ],
        );
        let b = exact(&g).betweenness;
        assert_all(&b, &[1.0 / 6.0; 4]);
    }

    #[test]
    fn directed_closeness_uses_distances_to_the_actor() {
        let g = stakeholders(
            &["a", "b", "c"],
            &[
                TieSpec::directed("a", "b", 1.0),
                TieSpec::directed("b", "c", 0.5),
            ],
        );
        let c = exact(&g);
        // c is reached from b (2) and a (3); nobody reaches a.
        assert_all(&c.closeness, &[0.0, 0.5, 2.0 / 5.0]);
        assert_all(&c.harmonic, &[0.0, 1.0, 0.5 + 1.0 / 3.0]);
        assert_all(&c.betweenness, &[0.0, 0.5, 0.0]);
    }

    #[test]
    fn sampling_all_sources_is_exact_and_a_sample_is_seeded() {
        let ids: Vec<String> = (0..30).map(|i| format!("n{i:02}")).collect();
        let ties: Vec<TieSpec> = (0..30)
            .flat_map(|i| {
                let a = ids[i].clone();
                [(i + 1) % 30, (i * 7 + 3) % 30]
                    .into_iter()
                    .filter(move |&j| j > i)
                    .map(move |j| TieSpec::mutual(a.clone(), format!("n{j:02}"), 0.5))
            })
            .collect();
        let g = Network::from_parts(ids.iter().map(Actor::stakeholder).collect(), &ties).unwrap();
        let with = |k, seed| CentralityOptions {
            distance: Distance::Inverse,
            betweenness_sample: Some(Sample { sources: k, seed }),
        };
        assert_eq!(path_centrality(&g, &with(30, 7)), exact(&g));
        let a = path_centrality(&g, &with(10, 7));
        assert_eq!(a.sampled_sources, Some(10));
        assert_eq!(a, path_centrality(&g, &with(10, 7)));
        assert_ne!(a.betweenness, path_centrality(&g, &with(10, 8)).betweenness);
        let s = sample_sources(30, 10, 7);
        assert_eq!(s.len(), 10);
        assert!(s.windows(2).all(|w| w[0] < w[1]));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// `--distance hops` by breadth-first search gives every figure
        /// with the same bits as the heap on unit lengths, exact and
        /// sampled.
        #[test]
        fn hops_by_breadth_first_search_has_the_heaps_bits(
            n in 2usize..70,
            arcs in proptest::collection::vec((0usize..70, 0usize..70, proptest::bool::ANY), 0..300),
            practitioners in proptest::collection::vec(proptest::bool::weighted(0.2), 70),
            k in 2usize..20,
        ) {
            let ids: Vec<String> = (0..n).map(|i| format!("v{i:02}")).collect();
            let mut seen = std::collections::BTreeSet::new();
            let ties: Vec<TieSpec> = arcs
                .iter()
                .map(|&(a, b, m)| (a % n, b % n, m))
                .filter(|&(a, b, _)| a != b && seen.insert((a.min(b), a.max(b))))
                .map(|(a, b, m)| if m {
                    TieSpec::mutual(ids[a].as_str(), ids[b].as_str(), 0.7)
                } else {
                    TieSpec::directed(ids[a].as_str(), ids[b].as_str(), 0.7)
                })
                .collect();
            let actors = ids
                .iter()
                .zip(&practitioners)
                .map(|(id, &p)| if p { Actor::practitioner(id) } else { Actor::stakeholder(id) })
                .collect();
            let g = Network::from_parts(actors, &ties).unwrap();
            let bfs = Csr::new(&g, Distance::Hops);
            let heap = bfs.with_heap();
            for sample in [None, Some(Sample { sources: k, seed: 3 })] {
                let options = CentralityOptions {
                    distance: Distance::Hops,
                    betweenness_sample: sample,
                };
                let a = over_sources(&g, &bfs, &options, &Progress::new());
                let b = over_sources(&g, &heap, &options, &Progress::new());
                // Debug output spells every f64 with all its digits.
                proptest::prop_assert_eq!(format!("{a:?}"), format!("{b:?}"));
            }
        }
    }

    #[test]
    fn progress_counts_every_source() {
        let g = stakeholders(
            &["a", "b", "c"],
            &[
                TieSpec::mutual("a", "b", 0.5),
                TieSpec::mutual("b", "c", 0.5),
            ],
        );
        let progress = Progress::new();
        let with = path_centrality_reporting(&g, &CentralityOptions::default(), &progress);
        assert_eq!((progress.done(), progress.total()), (3, 3));
        assert_eq!(with, exact(&g));
    }
}
