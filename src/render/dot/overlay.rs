//! The exit overlay's drawing helpers: the lost group bridges per group and
//! the line under the title that names them. The overlay itself
//! ([`DotOverlay`]) is built in [`crate::report::dot`].

use super::DotOverlay;
use crate::model::Network;

/// Up to this many lost group bridges are named pair by pair; more are
/// summed per group.
const PAIRS_NAMED: usize = 6;

/// How many lost group bridges each group is part of.
pub(super) fn lost_bridges_per_group(net: &Network, ov: &DotOverlay) -> Vec<usize> {
    let mut lost = vec![0; net.groups().len()];
    for &(a, b) in &ov.lost_group_bridges {
        lost[a] += 1;
        lost[b] += 1;
    }
    lost
}

/// The line under the title that names the lost group bridges.
pub(super) fn bridges_line(net: &Network, ov: &DotOverlay) -> Option<String> {
    let group = |g: usize| match net.groups()[g].as_str() {
        "" => "(no group)",
        name => name,
    };
    let pairs = &ov.lost_group_bridges;
    if pairs.is_empty() {
        return None;
    }
    if pairs.len() <= PAIRS_NAMED {
        let named: Vec<String> = pairs
            .iter()
            .map(|&(a, b)| format!("{}–{}", group(a), group(b)))
            .collect();
        return Some(format!("Group bridges lost: {}", named.join(", ")));
    }
    // Per group rather than per pair: a few cut-off groups usually account
    // for most pairs, and that is what a reader acts on.
    let lost = lost_bridges_per_group(net, ov);
    let mut order: Vec<usize> = (0..lost.len()).filter(|&g| lost[g] > 0).collect();
    order.sort_by_key(|&g| (std::cmp::Reverse(lost[g]), g));
    let per_group: Vec<String> = order
        .iter()
        .map(|&g| format!("{} {}", group(g), lost[g]))
        .collect();
    Some(format!(
        "Group bridges lost: {} pairs of groups; per group: {}",
        pairs.len(),
        per_group.join(", ")
    ))
}
