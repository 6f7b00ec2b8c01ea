//! The change view: the AFTER map of a comparison drawn with what changed
//! since BEFORE. Nothing is measured here; the changes come from
//! [`super::compare`], the drawing from [`crate::render::dot`].

use std::collections::BTreeMap;

use super::{Comparison, PairStatus};
use crate::model::{ModelError, Network, NetworkBuilder, TieSpec};
use crate::report::dot::{ActorMark, ChangeMarks, DotOverlay, TieMark};

/// The network to draw for a change view and its overlay: AFTER's actors
/// and ties, then the actors who left and the rows of BEFORE's dissolved
/// pairs (so that they are still drawn), with each mark set from the
/// comparison `c` of `before` and `after`. A pair strengthened or weakened
/// marks each of its rows with the pair's change; a rebalanced pair marks
/// its directed rows with their own arc's change when that reaches the
/// threshold.
///
/// # Errors
/// None for a comparison of these two networks (the dissolved rows name
/// pairs AFTER does not tie); a [`ModelError`] otherwise.
// Long: builds the merged network and its marks in one pass over the same id maps.
pub fn change_overlay(
    before: &Network,
    after: &Network,
    c: &Comparison,
) -> Result<(Network, DotOverlay), ModelError> {
    let mut builder = NetworkBuilder::new(after.attribute_names().to_vec());
    for a in after.actors() {
        builder.add_actor(a.clone())?;
    }
    // Maps with no actor in common: AFTER alone (the comparison warns).
    let departed = before.actors().iter().filter(|_| c.summary.comparable);
    for a in departed {
        if after.index_of(&a.id).is_none() {
            let mut gone = a.clone();
            gone.attributes.clear();
            builder.add_actor(gone)?;
        }
    }
    let spec = |net: &Network, i: usize| {
        let t = net.ties()[i];
        TieSpec {
            source: net.actor(t.source).id.clone(),
            target: net.actor(t.target).id.clone(),
            trust: t.trust,
            communication: Some(t.communication),
            directed: t.directed,
            power: Some(t.power),
        }
    };
    let pairs: BTreeMap<(&str, &str), &crate::compare::PairChange> = c
        .ties
        .iter()
        .map(|t| ((t.a.as_str(), t.b.as_str()), t))
        .collect();
    let key = |s: &str, t: &str| -> (String, String) {
        if s < t {
            (s.to_string(), t.to_string())
        } else {
            (t.to_string(), s.to_string())
        }
    };
    let threshold = c.summary.changed - crate::compare::THRESHOLD_TOL;
    let mut marks = Vec::new();
    for i in 0..after.ties().len() {
        let s = spec(after, i);
        let (a, b) = key(&s.source, &s.target);
        let mark = pairs.get(&(a.as_str(), b.as_str())).and_then(|p| {
            let d = match p.change {
                PairStatus::Formed => return Some(TieMark::New),
                PairStatus::Strengthened | PairStatus::Weakened if !s.directed => p.trust_change?,
                // A directed row shows its own arc's change (a missing arc
                // before counting as trust 0, as for rebalanced pairs).
                PairStatus::Strengthened | PairStatus::Weakened | PairStatus::Rebalanced
                    if s.directed =>
                {
                    let arc = p
                        .arcs
                        .iter()
                        .find(|x| x.source == s.source && x.target == s.target)?;
                    arc.trust_after? - arc.trust_before.unwrap_or(0.0)
                }
                _ => return None,
            };
            let mark = if d > 0.0 {
                TieMark::Up(d)
            } else {
                TieMark::Down(d)
            };
            (d != 0.0 && d.abs() >= threshold).then_some(mark)
        });
        builder.add_tie(&s)?;
        marks.push(mark);
    }
    for i in 0..before.ties().len() {
        let s = spec(before, i);
        let (a, b) = key(&s.source, &s.target);
        let dissolved = pairs
            .get(&(a.as_str(), b.as_str()))
            .is_some_and(|p| p.change == PairStatus::Dissolved);
        if dissolved {
            builder.add_tie(&s)?;
            marks.push(Some(TieMark::Dissolved));
        }
    }
    let net = builder.build();
    // The builder keeps tie order but sorts actors by id.
    let actors = net
        .actors()
        .iter()
        .map(|a| match (before.index_of(&a.id), after.index_of(&a.id)) {
            (None, Some(_)) if c.summary.comparable => Some(ActorMark::Joined),
            (Some(_), None) => Some(ActorMark::Left),
            _ => None,
        })
        .collect();
    let s = &c.summary;
    let mut title = format!(
        "Since the first map: {} formed, {} dissolved, {} strengthened, {} weakened",
        count(s.ties_formed, "tie"),
        s.ties_dissolved,
        s.ties_strengthened,
        s.ties_weakened
    );
    if s.actors_joined + s.actors_left > 0 {
        title.push_str(&format!(
            "; {} joined, {} left",
            count(s.actors_joined, "actor"),
            s.actors_left
        ));
    }
    let overlay = DotOverlay {
        title: Some(title),
        change: Some(ChangeMarks {
            actors,
            ties: marks,
        }),
        ..DotOverlay::default()
    };
    Ok((net, overlay))
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}
