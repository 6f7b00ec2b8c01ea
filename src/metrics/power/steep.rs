//! Ties across a power gap: is trust two-way where power is not shared?

use std::collections::BTreeMap;

use crate::model::Network;

/// A differential within this of the threshold counts as reaching it (the
/// contract's rule, so that 0.7 − 0.4 is steep at 0.3).
pub const STEEP_TOLERANCE: f64 = 1e-9;

/// The steep-tie figures of a network.
#[derive(Debug, Clone, PartialEq)]
pub struct SteepTies {
    /// The number of steep pairs.
    pub steep_ties: usize,
    /// Mean over steep pairs of the trust from the lower end to the higher
    /// (0 where there is no such arc); `None` when there are no steep pairs.
    pub upward_trust: Option<f64>,
    /// Mean over steep pairs of the trust from the higher end to the lower.
    pub downward_trust: Option<f64>,
    /// Share of steep pairs with trust > 0 in both directions.
    pub two_way_share: Option<f64>,
    /// The steep pairs as (higher end, lower end, δ, upward trust, downward
    /// trust), in (lower index, higher index) order of the pair.
    pub pairs: Vec<SteepPair>,
}

/// One steep pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SteepPair {
    /// The end the differential favours.
    pub higher: usize,
    /// The other end.
    pub lower: usize,
    /// |δ|: the power gap.
    pub gap: f64,
    /// Trust from `lower` to `higher` (0 when there is no such arc).
    pub upward: f64,
    /// Trust from `higher` to `lower`.
    pub downward: f64,
}

/// One unordered pair {a, b}, a < b, as read from its rows.
#[derive(Default)]
struct PairRows {
    /// Σ of the rows' differentials oriented a → b.
    delta_sum: f64,
    rows: u32,
    /// Trust a → b and b → a (0 when there is no arc).
    forward: f64,
    backward: f64,
}

/// Ties across a power gap, over the tie pairs {a, b} of G with an arc of
/// trust > 0 either way.
///
/// δ(a → b) is the pair's row `power` oriented a → b (default
/// power(a) − power(b)); for a pair given as two directed rows, the mean of
/// the two rows' differentials oriented a → b. The pair is steep when
/// |δ| ≥ `steep` − 1e-9 and δ ≠ 0; its higher end is the one δ favours.
/// Then, over the k steep pairs:
/// `upward_trust = (1/k) Σ trust(lower → higher)`,
/// `downward_trust = (1/k) Σ trust(higher → lower)` (0 for a missing arc),
/// `two_way_share = |{pairs with trust > 0 both ways}| / k`; all `None`
/// when k = 0.
///
/// # Complexity
/// **O(|E| log |E|)**.
pub fn steep_ties(net: &Network, steep: f64) -> SteepTies {
    let mut pairs: BTreeMap<(usize, usize), PairRows> = BTreeMap::new();
    for t in net.ties() {
        let (a, b, sign) = if t.source < t.target {
            (t.source, t.target, 1.0)
        } else {
            (t.target, t.source, -1.0)
        };
        let p = pairs.entry((a, b)).or_default();
        p.delta_sum += sign * t.power;
        p.rows += 1;
        if !t.directed || sign > 0.0 {
            p.forward = t.trust;
        }
        if !t.directed || sign < 0.0 {
            p.backward = t.trust;
        }
    }
    let mut out = SteepTies {
        steep_ties: 0,
        upward_trust: None,
        downward_trust: None,
        two_way_share: None,
        pairs: Vec::new(),
    };
    for (&(a, b), p) in &pairs {
        if p.forward <= 0.0 && p.backward <= 0.0 {
            continue;
        }
        let delta = p.delta_sum / f64::from(p.rows);
        if delta == 0.0 || delta.abs() < steep - STEEP_TOLERANCE {
            continue;
        }
        out.pairs.push(if delta > 0.0 {
            SteepPair {
                higher: a,
                lower: b,
                gap: delta,
                upward: p.backward,
                downward: p.forward,
            }
        } else {
            SteepPair {
                higher: b,
                lower: a,
                gap: -delta,
                upward: p.forward,
                downward: p.backward,
            }
        });
    }
    let k = out.pairs.len();
    out.steep_ties = k;
    if k > 0 {
        let k = k as f64;
        out.upward_trust = Some(out.pairs.iter().map(|p| p.upward).sum::<f64>() / k);
        out.downward_trust = Some(out.pairs.iter().map(|p| p.downward).sum::<f64>() / k);
        let two_way = out
            .pairs
            .iter()
            .filter(|p| p.upward > 0.0 && p.downward > 0.0)
            .count();
        out.two_way_share = Some(two_way as f64 / k);
    }
    out
}
