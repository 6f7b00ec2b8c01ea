//! Handovers: before an exit, FROM's ties to stakeholders are copied onto TO
//! at trust × factor (the format's "Handover"), giving the network G′ is
//! taken from.

use std::collections::BTreeMap;

use super::exit::{ExitSpec, Handover};
use crate::error::Error;
use crate::model::{ActorKind, Network, NetworkBuilder, TieSpec};

/// The network after one handover: each arc FROM → s becomes TO → s and each
/// s → FROM becomes s → TO at trust × factor, for every stakeholder s other
/// than FROM and TO, keeping TO's own arc where its trust is higher. FROM keeps
/// its ties (it exits with X afterwards); ties to practitioners are not copied.
/// The input network is untouched.
///
/// A pair (TO, s) whose arcs changed is written as one mutual tie when both
/// arcs end with the same trust, else as directed ties; the copy takes the
/// communication of FROM's tie and the default power differential.
// Long: the checks, then one pass over the changed arcs that writes the new ties; both steps read
// the same arc map.
pub fn handover(net: &Network, h: &Handover) -> Result<Network, Error> {
    let n = net.len();
    for index in [h.from, h.to] {
        if index >= n {
            return Err(Error::ActorIndex { index });
        }
    }
    if h.from == h.to {
        return Err(Error::HandoverToSelf {
            id: net.actor(h.from).id.clone(),
        });
    }
    if !(0.0..=1.0).contains(&h.factor) {
        return Err(Error::HandoverFactor { factor: h.factor });
    }
    // arcs[(tail, head)] = (trust, communication), for every arc of the pairs
    // (TO, s) that may change.
    let arc = |u: usize, v: usize| net.out_arcs(u).find(|&(w, _)| w == v).map(|(_, a)| *a);
    let mut changed: BTreeMap<usize, [Option<(f64, f64)>; 2]> = BTreeMap::new();
    for s in 0..n {
        if s == h.from || s == h.to || net.actor(s).kind != ActorKind::Stakeholder {
            continue;
        }
        // [0]: TO → s, [1]: s → TO.
        let copies = [arc(h.from, s), arc(s, h.from)];
        let own = [arc(h.to, s), arc(s, h.to)];
        let mut fin = own.map(|a| a.map(|a| (a.trust, net.ties()[a.tie].communication)));
        let mut any = false;
        for d in 0..2 {
            if let Some(c) = copies[d] {
                let t = c.trust * h.factor;
                if own[d].map_or(true, |o| o.trust < t) {
                    fin[d] = Some((t, net.ties()[c.tie].communication));
                    any = true;
                }
            }
        }
        if any {
            changed.insert(s, fin);
        }
    }
    let mut b = NetworkBuilder::new(net.attribute_names().to_vec());
    for a in net.actors() {
        b.add_actor(a.clone())?;
    }
    let id = |i: usize| net.actor(i).id.as_str();
    for t in net.ties() {
        let other = if t.source == h.to {
            t.target
        } else if t.target == h.to {
            t.source
        } else {
            usize::MAX
        };
        if changed.contains_key(&other) {
            continue;
        }
        b.add_tie(&TieSpec {
            source: id(t.source),
            target: id(t.target),
            trust: t.trust,
            communication: Some(t.communication),
            directed: t.directed,
            power: Some(t.power),
        })?;
    }
    for (&s, fin) in &changed {
        let spec = |src: usize, dst: usize, (trust, comm): (f64, f64), directed| TieSpec {
            source: id(src),
            target: id(dst),
            trust,
            communication: Some(comm),
            directed,
            power: None,
        };
        match fin {
            [Some(f), Some(r)] if f.0 == r.0 => {
                b.add_tie(&spec(h.to, s, *f, false))?;
            }
            _ => {
                if let Some(f) = fin[0] {
                    b.add_tie(&spec(h.to, s, f, true))?;
                }
                if let Some(r) = fin[1] {
                    b.add_tie(&spec(s, h.to, r, true))?;
                }
            }
        }
    }
    Ok(b.build())
}

/// Apply the handovers of a spec in order; `None` when there are none.
pub(crate) fn handed_over(net: &Network, spec: &ExitSpec) -> Result<Option<Network>, Error> {
    let mut cur: Option<Network> = None;
    for h in &spec.handovers {
        cur = Some(handover(cur.as_ref().unwrap_or(net), h)?);
    }
    Ok(cur)
}

/// The ties the handovers of `spec` gave their TOs, as `(to, s, trust)` in
/// (to, s) order: every pair whose arcs [`handover`] added or strengthened,
/// with the trust of its stronger changed arc. Empty without handovers.
///
/// Found by comparing each TO's arcs after all handovers with its arcs in
/// `net`, so chained handovers (a TO that later hands over itself) report
/// what the final network holds.
pub fn handover_ties(net: &Network, spec: &ExitSpec) -> Result<Vec<(usize, usize, f64)>, Error> {
    let Some(after) = handed_over(net, spec)? else {
        return Ok(Vec::new());
    };
    let arc_trust = |g: &Network, u: usize, v: usize| {
        g.out_arcs(u).find(|&(w, _)| w == v).map(|(_, a)| a.trust)
    };
    let mut tos: Vec<usize> = spec.handovers.iter().map(|h| h.to).collect();
    tos.sort_unstable();
    tos.dedup();
    let mut ties = Vec::new();
    for to in tos {
        // Actors keep their indices: the handover adds ties, never actors.
        let mut gained: BTreeMap<usize, f64> = BTreeMap::new();
        let arcs = after
            .out_arcs(to)
            .map(|(s, a)| (to, s, a.trust))
            .chain(after.in_arcs(to).map(|(s, a)| (s, to, a.trust)));
        for (u, v, trust) in arcs {
            if arc_trust(net, u, v) != Some(trust) {
                let s = if u == to { v } else { u };
                let best = gained.entry(s).or_insert(trust);
                *best = best.max(trust);
            }
        }
        ties.extend(gained.into_iter().map(|(s, trust)| (to, s, trust)));
    }
    Ok(ties)
}
