//! Voices: each low-power stakeholder's most trusted line to a
//! decision-maker, before and after the exit, and who carries the shortest
//! routes between voices and decision-makers.

use rayon::prelude::*;

use crate::error::Error;
use crate::metrics::exit::ExitSpec;
use crate::metrics::handover::handed_over;
use crate::metrics::paths::{Csr, Distance, SingleSource};
use crate::metrics::tolerance::close;
use crate::metrics::trust_paths::{PathTrust, TrustGraph};
use crate::model::Network;

/// Voices per parallel task: fixed, so the split (and every float sum) does
/// not follow the thread count.
const VOICE_CHUNK: usize = 16;

/// Chunks run in parallel before their sums are added (in chunk order): the
/// partial sums held at once take at most `WAVE · 2 · 8 · n` bytes (n actors).
const WAVE: usize = 32;

/// The voice figures of one scenario. Per-actor vectors are indexed like
/// [`Network::actors`].
#[derive(Debug, Clone, PartialEq)]
pub struct Voices {
    /// `voice_before(v) = max_{d ∈ D, d ≠ v} pt_G(v, d)`; `None` for
    /// non-voices and for a voice with no decision-maker other than itself.
    pub voice_before: Vec<Option<f64>>,
    /// The same in G′.
    pub voice_after: Vec<Option<f64>>,
    /// `voice_after / voice_before`; `None` where `voice_before` is 0 or
    /// undefined.
    pub voice_retained: Vec<Option<f64>>,
    /// The decision-maker reached at `voice_before` (equal path trusts
    /// within 1e-12 relative: the lowest id); `None` where `voice_before` is
    /// 0 or undefined.
    pub line_to: Vec<Option<usize>>,
    /// Mean of `voice_before` over the voices where it is defined; `None`
    /// when there is none (V empty, or no pair (v, d) with v ≠ d).
    pub mean_voice_before: Option<f64>,
    /// The same for `voice_after`.
    pub mean_voice_after: Option<f64>,
    /// `mean_voice_after / mean_voice_before`; `None` when the denominator
    /// is 0 or undefined.
    pub voice_sustainability: Option<f64>,
    /// Voices whose `voice_before` is 0, in id order (empty when the means
    /// are undefined).
    pub unheard_before: Vec<usize>,
    /// Voices whose `voice_after` is 0, in id order.
    pub unheard_after: Vec<usize>,
    /// Voices with `voice_before` > 0 and `voice_after` = 0, in id order.
    pub voice_lost: Vec<usize>,
    /// Share of D tied (trust > 0, either direction) to a voice other than
    /// itself, in G; `None` when D is empty or no pair (v, d), v ≠ d, exists.
    pub direct_contact_before: Option<f64>,
    /// The same in G′ (after the handovers; X holds no voice).
    pub direct_contact_after: Option<f64>,
    /// Ordered pairs (v, d) ∈ V × D, v ≠ d, with a path in G.
    pub connected_pairs_before: usize,
    /// The same in G′.
    pub connected_pairs_after: usize,
    /// `voice_brokerage(a) = (1/P) Σ_{(v,d)} σ_vd(a) / σ_vd` over the P
    /// ordered pairs (v, d) ∈ V × D, v ≠ d, connected in G, with σ_vd the
    /// number of shortest v → d paths (length 1/trust on arcs of trust > 0)
    /// and σ_vd(a) those with a strictly inside; `None` for everyone when
    /// P = 0.
    pub voice_brokerage: Vec<Option<f64>>,
    /// The same in G′; `None` for the members of X.
    pub voice_brokerage_after: Vec<Option<f64>>,
}

/// What one chunk of voices contributes.
struct Partial {
    /// (voice, before, after, line_to) per voice with some d ≠ v.
    lines: Vec<(usize, f64, f64, Option<usize>)>,
    brokerage0: Vec<f64>,
    brokerage1: Vec<f64>,
    pairs0: usize,
    pairs1: usize,
}

/// Per-task buffers: one most-trusted-path and one shortest-path kernel for
/// G and for G′.
struct Work<'a> {
    pt0: PathTrust,
    pt1: PathTrust,
    sp0: SingleSource<'a>,
    sp1: SingleSource<'a>,
    delta: Vec<f64>,
}

/// Brandes' dependency accumulation restricted to targets: one shortest-path
/// run from `s`, then, farthest first,
/// `δ(u) += σ_su / σ_sw · ([w ∈ D, w ≠ s] + δ(w))` for each predecessor u of
/// w, and `acc(w) += δ(w)` for w ≠ s (Brandes 2008, "Variants of shortest-path
/// betweenness", §3.2 s–t subsets; networkx `_accumulate_subset`). Returns
/// the number of targets reached.
fn accumulate(
    sp: &mut SingleSource<'_>,
    s: usize,
    is_target: &[bool],
    delta: &mut [f64],
    acc: &mut [f64],
) -> usize {
    sp.run(s);
    let order = sp.order();
    let mut reached = 0;
    for &w in order.iter().rev() {
        let w = w as usize;
        if w == s {
            continue;
        }
        let hit = is_target[w];
        reached += usize::from(hit);
        let coeff = (f64::from(u8::from(hit)) + delta[w]) / sp.sigma(w);
        for &u in sp.preds(w) {
            delta[u as usize] += sp.sigma(u as usize) * coeff;
        }
        acc[w] += delta[w];
    }
    for &w in order {
        delta[w as usize] = 0.0;
    }
    reached
}

/// The best path trust from a voice to a decision-maker other than itself,
/// and the lowest-id decision-maker within 1e-12 relative of it.
fn best_line(pt: &[f64], v: usize, d: &[usize]) -> (f64, Option<usize>) {
    let best = d
        .iter()
        .filter(|&&x| x != v)
        .map(|&x| pt[x])
        .fold(0.0, f64::max);
    let to = d
        .iter()
        .copied()
        .find(|&x| x != v && best > 0.0 && close(pt[x], best));
    (best, to)
}

/// Share of `d` with an arc of trust > 0 either way to a voice other than
/// itself.
fn direct_contact(net: &Network, is_voice: &[bool], d: &[usize]) -> f64 {
    let tied = d
        .iter()
        .filter(|&&x| {
            net.out_arcs(x)
                .chain(net.in_arcs(x))
                .any(|(y, a)| a.trust > 0.0 && y != x && is_voice[y])
        })
        .count();
    tied as f64 / d.len() as f64
}

fn ratio(num: Option<f64>, den: Option<f64>) -> Option<f64> {
    match (num, den) {
        (Some(n), Some(d)) if d != 0.0 => Some(n / d),
        _ => None,
    }
}

/// The voice figures of V (`v`) and D (`d`), both sorted subsets of S, in G
/// and in G′ (the network after `spec`'s handovers, minus its exit set).
///
/// Per voice v with some d ≠ v in D:
/// `voice_before(v) = max_{d ∈ D \ {v}} pt_G(v, d)`,
/// `voice_after(v)` the same in G′, `voice_retained = after / before`,
/// `line_to(v)` the lowest-id arg max. Over V:
/// `mean_voice_* = mean over those voices`,
/// `voice_sustainability = mean_voice_after / mean_voice_before`.
/// Per actor a: `voice_brokerage(a) = (1/P) Σ_{(v,d)} σ_vd(a)/σ_vd` over
/// the P connected ordered pairs of V × D with v ≠ d (the contract's
/// definition; equal to networkx `betweenness_centrality_subset(G, V, D,
/// normalized=False, weight="length")` / P, doubled on an undirected graph).
///
/// Path trust: Dijkstra on products (Dijkstra 1959) via
/// `PathTrust`; G′'s row is a `PathTrust::repair` of G's when there is
/// no handover. Shortest paths and σ: Brandes (2001, 2008) via
/// `SingleSource`, with equal lengths per the contract's 1e-12 rule.
///
/// # Errors
/// An invalid handover in `spec`.
///
/// # Complexity
/// Time **O(|V| (|V| + |E|) log |V|)** (four single-source passes per
/// voice), memory **O(|V| + |E|)** per task and O(|V|) per chunk of 16
/// voices; parallel over the chunks, gathered in chunk order, so the result
/// is the same bits at any thread count.
// Long: the setup (graphs before and after, masks, CSRs) and the chunked parallel pass share a
// dozen buffers; split, they would be passed around as a struct of the same.
pub fn voices(net: &Network, spec: &ExitSpec, v: &[usize], d: &[usize]) -> Result<Voices, Error> {
    let n = net.len();
    let handed = handed_over(net, spec)?;
    let after_net = handed.as_ref().unwrap_or(net);
    let x = spec.exit_set();
    let mut removed = vec![false; n];
    for &i in &x {
        removed[i] = true;
    }
    let g0 = TrustGraph::new(net);
    let g1 = handed.as_ref().map(TrustGraph::new);
    let csr0 = Csr::new(net, Distance::Inverse);
    let csr1 = Csr::new(after_net, Distance::Inverse).without(&removed);
    let mut is_target = vec![false; n];
    for &i in d {
        is_target[i] = true;
    }
    let mut is_voice = vec![false; n];
    for &i in v {
        is_voice[i] = true;
    }

    let mut out = Voices {
        voice_before: vec![None; n],
        voice_after: vec![None; n],
        voice_retained: vec![None; n],
        line_to: vec![None; n],
        mean_voice_before: None,
        mean_voice_after: None,
        voice_sustainability: None,
        unheard_before: Vec::new(),
        unheard_after: Vec::new(),
        voice_lost: Vec::new(),
        direct_contact_before: None,
        direct_contact_after: None,
        connected_pairs_before: 0,
        connected_pairs_after: 0,
        voice_brokerage: vec![None; n],
        voice_brokerage_after: vec![None; n],
    };
    let mut brokerage0 = vec![0.0; n];
    let mut brokerage1 = vec![0.0; n];
    let (mut sum0, mut sum1, mut defined) = (0.0, 0.0, 0usize);
    let chunks: Vec<&[usize]> = v.chunks(VOICE_CHUNK).collect();
    for wave in chunks.chunks(WAVE) {
        let partials: Vec<Partial> = wave
            .par_iter()
            .map_init(
                || Work {
                    pt0: PathTrust::new(n),
                    pt1: PathTrust::new(n),
                    sp0: SingleSource::new(&csr0),
                    sp1: SingleSource::new(&csr1),
                    delta: vec![0.0; n],
                },
                |w, chunk| {
                    let mut p = Partial {
                        lines: Vec::with_capacity(chunk.len()),
                        brokerage0: vec![0.0; n],
                        brokerage1: vec![0.0; n],
                        pairs0: 0,
                        pairs1: 0,
                    };
                    for &s in chunk.iter() {
                        if d.iter().any(|&t| t != s) {
                            w.pt0.run(&g0, s, &[]);
                            match &g1 {
                                Some(g1) => w.pt1.run(g1, s, &removed),
                                None => w.pt1.repair(&g0, &w.pt0, &removed),
                            }
                            let (before, to) = best_line(&w.pt0.pt, s, d);
                            let (after, _) = best_line(&w.pt1.pt, s, d);
                            p.lines.push((s, before, after, to));
                        }
                        p.pairs0 +=
                            accumulate(&mut w.sp0, s, &is_target, &mut w.delta, &mut p.brokerage0);
                        p.pairs1 +=
                            accumulate(&mut w.sp1, s, &is_target, &mut w.delta, &mut p.brokerage1);
                    }
                    p
                },
            )
            .collect();
        for p in partials {
            for (s, before, after, to) in p.lines {
                out.voice_before[s] = Some(before);
                out.voice_after[s] = Some(after);
                out.voice_retained[s] = (before > 0.0).then(|| after / before);
                out.line_to[s] = to;
                sum0 += before;
                sum1 += after;
                defined += 1;
                if before == 0.0 {
                    out.unheard_before.push(s);
                }
                if after == 0.0 {
                    out.unheard_after.push(s);
                    if before > 0.0 {
                        out.voice_lost.push(s);
                    }
                }
            }
            for (acc, part) in [
                (&mut brokerage0, &p.brokerage0),
                (&mut brokerage1, &p.brokerage1),
            ] {
                for (a, b) in acc.iter_mut().zip(part) {
                    *a += b;
                }
            }
            out.connected_pairs_before += p.pairs0;
            out.connected_pairs_after += p.pairs1;
        }
    }
    if defined > 0 {
        out.mean_voice_before = Some(sum0 / defined as f64);
        out.mean_voice_after = Some(sum1 / defined as f64);
        out.voice_sustainability = ratio(out.mean_voice_after, out.mean_voice_before);
        out.direct_contact_before = Some(direct_contact(net, &is_voice, d));
        out.direct_contact_after = Some(direct_contact(after_net, &is_voice, d));
    }
    if out.connected_pairs_before > 0 {
        let p = out.connected_pairs_before as f64;
        out.voice_brokerage = brokerage0.iter().map(|&b| Some(b / p)).collect();
    }
    if out.connected_pairs_after > 0 {
        let p = out.connected_pairs_after as f64;
        out.voice_brokerage_after = brokerage1
            .iter()
            .zip(&removed)
            .map(|(&b, &gone)| (!gone).then_some(b / p))
            .collect();
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Actor, TieSpec};

    #[test]
    fn best_line_takes_the_lowest_id_among_equal_trusts() {
        let pt = [1.0, 0.5, 0.5 * (1.0 + 1e-13), 0.2];
        assert_eq!(
            best_line(&pt, 0, &[1, 2, 3]),
            (0.5 * (1.0 + 1e-13), Some(1))
        );
        assert_eq!(best_line(&pt, 1, &[1]), (0.0, None));
        assert_eq!(best_line(&[1.0, 0.0], 0, &[1]), (0.0, None));
    }

    #[test]
    fn subset_accumulation_counts_only_target_ends() {
        // a – b – c – d, all trust 1: from a with D = {c, d}, b lies on both
        // pairs' paths, c on (a, d) only; d on none.
        let net = Network::from_parts(
            ["a", "b", "c", "d"].map(Actor::stakeholder).to_vec(),
            &[
                TieSpec::mutual("a", "b", 1.0),
                TieSpec::mutual("b", "c", 1.0),
                TieSpec::mutual("c", "d", 1.0),
            ],
        )
        .unwrap();
        let csr = Csr::new(&net, Distance::Inverse);
        let mut sp = SingleSource::new(&csr);
        let mut delta = vec![0.0; 4];
        let mut acc = vec![0.0; 4];
        let pairs = accumulate(
            &mut sp,
            0,
            &[false, false, true, true],
            &mut delta,
            &mut acc,
        );
        assert_eq!(pairs, 2);
        assert_eq!(acc, [0.0, 2.0, 1.0, 0.0]);
        assert!(delta.iter().all(|&x| x == 0.0));
    }
}
