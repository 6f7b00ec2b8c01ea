//! Sustainability after exit: what the stakeholders keep when implementation
//! support leaves, or is handed to internal capacity.
//!
//! Definitions: the format's "Sustainability after exit" and "Handover"
//! sections (`docs/format.md`), read as in
//! `tests/fixtures/exit/README.md` (the project's twelve interpretation
//! choices). Notation: X the exiting actors, S the stakeholders not in X,
//! G the network, G′ = G − X (after any handover), `pt` the path trust of
//! `metrics::trust_paths`; pairs are ordered pairs of distinct members of S.
//!
//! The measures come from one pass over the members of S as sources: a
//! max-product Dijkstra in G, then G′'s row only where it can differ from G's:
//! nothing when no exiting actor has a child in that source's tree, a repair
//! of the exiting actors' subtrees otherwise
//! (`PathTrust::repair`, same bits as a full run), and a full Dijkstra only
//! after a handover (which adds arcs). Rows are streamed, never stored, so
//! memory stays O(|V| + |E|) per thread.
//!
//! Reference implementation: `tests/fixtures/exit/generate.py` (plain-Python
//! Dijkstra on products; `tests/exit_reference.rs` compares to 1e-9).
//! Fragmentation after Borgatti, S. P. (2006). Identifying sets of key players
//! in a social network. *Computational & Mathematical Organization Theory*
//! 12(1), 21–34.

use std::collections::BTreeSet;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;

use super::centrality::{sample_sources, Sample};
pub(crate) use super::handover::handed_over;
pub use super::handover::{handover, handover_ties};
use super::progress::Progress;
use super::reach;
use super::scenario::exit_mask;
use super::trust_paths::{PathTrust, TrustGraph, NO_PRED};
use crate::error::Error;
use crate::model::{ActorKind, Network, Placement};

pub use super::tolerance::{close, REL_TOL};

/// `after` is lower than `before` by more than [`REL_TOL`] relative.
fn lower(after: f64, before: f64) -> bool {
    after < before && !close(after, before)
}

/// Sources per parallel task: fixed, so the split does not follow the thread
/// count and float sums come out the same bits.
const SOURCE_CHUNK: usize = 32;

/// One handover: FROM's ties to stakeholders are copied to TO at
/// trust × `factor` before FROM exits (`--handover FROM=TO[:FACTOR]`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Handover {
    /// Index of the actor who leaves.
    pub from: usize,
    /// Index of the actor who takes the ties over.
    pub to: usize,
    /// Trust multiplier in [0, 1] (the format's default is 0.5).
    pub factor: f64,
}

/// Who exits, and which handovers happen first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ExitSpec {
    /// Indices of the exiting actors (the FROMs of handovers join them).
    pub exit: Vec<usize>,
    /// Handovers, applied in order, each to the network the previous one left.
    pub handovers: Vec<Handover>,
}

impl ExitSpec {
    /// The default (docs/format.md): every external practitioner exits.
    pub fn default_for(net: &Network) -> Self {
        ExitSpec {
            exit: default_exit(net),
            handovers: Vec::new(),
        }
    }

    /// The final exit set X, sorted: `exit` plus every handover's FROM.
    pub fn exit_set(&self) -> Vec<usize> {
        let mut x: Vec<usize> = self.exit.clone();
        x.extend(self.handovers.iter().map(|h| h.from));
        x.sort_unstable();
        x.dedup();
        x
    }
}

/// Every external practitioner: the format's default exit set, sorted.
pub fn default_exit(net: &Network) -> Vec<usize> {
    (0..net.len())
        .filter(|&i| {
            let a = net.actor(i);
            a.kind == ActorKind::Practitioner && a.placement == Placement::External
        })
        .collect()
}

/// The sustainability measures of one exit scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct ExitMeasures {
    /// X: the exiting actors (handover FROMs included), in id order.
    pub exit: Vec<usize>,
    /// S: the stakeholders not in X, in id order.
    pub stayers: Vec<usize>,
    /// Fraction of ordered pairs of S with a path in G (null below 2 members).
    pub reach_before: Option<f64>,
    /// The same in G′.
    pub reach_after: Option<f64>,
    /// `1 − reach_after` (Borgatti's fragmentation over S).
    pub fragmentation_after: Option<f64>,
    /// Mean `pt(u, v)` over the ordered pairs of S, in G.
    pub trusted_reach_before: Option<f64>,
    /// The same in G′.
    pub trusted_reach_after: Option<f64>,
    /// `trusted_reach_after / trusted_reach_before`; null when the
    /// denominator is 0. Not capped at 1: a handover can add trusted reach.
    pub sustainability: Option<f64>,
    /// Fraction of the pairs connected in G whose `pt` is lower in G′ by more
    /// than 1e-12 relative; null when no pair is connected in G.
    pub dependent_pairs: Option<f64>,
    /// Members of S connected (a path either way) to another member in G and
    /// to none in G′, in id order.
    pub stranded: Vec<usize>,
    /// Unordered pairs of groups (indices into [`Network::groups`], first <
    /// second, sorted) that some path joined in G and none joins in G′.
    pub group_bridges_lost: Vec<(usize, usize)>,
    /// Per actor (indexed like [`Network::actors`]): Σ_v pt′(u, v) / Σ_v pt(u, v)
    /// over v ∈ S \ {u} for u ∈ S; `None` for actors not in S and where u
    /// reached no one in G. Sampled: only the sampled sources have a row.
    pub trust_retained: Vec<Option<f64>>,
    /// Present when the pair means were estimated from sampled sources
    /// ([`exit_sampled`]): the sample and each estimate's standard error.
    pub sampling: Option<ExitSampling>,
}

/// How a sampled exit was estimated, and the standard error of each
/// estimate.
///
/// K sources u are drawn without replacement from S (N members) and each
/// contributes its row over the N − 1 other members: a pair mean is
/// estimated by the mean of the K row means x_u, with standard error
/// `sqrt((1 − K/N) s² / K)` (s² the sample variance of x_u, `1 − K/N` the
/// finite-population correction: 0 when every source is taken). A ratio of
/// two pair sums (sustainability, dependent pairs, exit impact) is
/// estimated by the ratio of the sampled sums R = Σy/Σx, with the
/// linearised standard error `sqrt((1 − K/N) s²_d / K) / x̄`, d_u = y_u − R x_u
/// (Cochran, W. G. (1977). *Sampling Techniques*, 3rd ed., §2.8 and §6.4).
/// Fewer than two sources: no standard error (`None`).
#[derive(Debug, Clone, PartialEq)]
pub struct ExitSampling {
    /// K: the sources whose rows were computed.
    pub sources: usize,
    /// Seed of the generator that drew them.
    pub seed: u64,
    /// Standard error of `reach_before`.
    pub reach_before_se: Option<f64>,
    /// Standard error of `reach_after` (and of `fragmentation_after`).
    pub reach_after_se: Option<f64>,
    /// Standard error of `trusted_reach_before`.
    pub trusted_reach_before_se: Option<f64>,
    /// Standard error of `trusted_reach_after`.
    pub trusted_reach_after_se: Option<f64>,
    /// Standard error of `sustainability`.
    pub sustainability_se: Option<f64>,
    /// Standard error of `dependent_pairs`.
    pub dependent_pairs_se: Option<f64>,
}

/// Standard error of the mean of `xs`, a sample without replacement of
/// `xs.len()` out of `population`.
fn mean_se(xs: impl Iterator<Item = f64> + Clone, population: usize) -> Option<f64> {
    let k = xs.clone().count();
    if k < 2 || population == 0 {
        return None;
    }
    let mean = xs.clone().sum::<f64>() / k as f64;
    let var = xs.map(|x| (x - mean) * (x - mean)).sum::<f64>() / (k - 1) as f64;
    let fpc = (1.0 - k as f64 / population as f64).max(0.0);
    Some((fpc * var / k as f64).sqrt())
}

/// Standard error of the ratio estimate Σy/Σx over sampled `(x, y)` pairs
/// (linearised), `None` below two sources or when Σx = 0.
fn ratio_se(xy: impl Iterator<Item = (f64, f64)> + Clone, population: usize) -> Option<f64> {
    let k = xy.clone().count();
    let (sx, sy) = xy.clone().fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    if k < 2 || sx == 0.0 {
        return None;
    }
    let r = sy / sx;
    let x_mean = sx / k as f64;
    mean_se(xy.map(|(x, y)| y - r * x), population).map(|se| se / x_mean)
}

/// One scenario of a pass: who is removed, over which after-graph.
struct Scenario<'a> {
    /// The after-graph when it differs from G (a handover).
    after: Option<&'a TrustGraph>,
    /// The mask of X over the actors; empty when X is the one actor
    /// `exit[0]` (the exit impacts), whose mask each thread sets in its own
    /// buffer: one |V|-long mask per practitioner would cost O(|V|·P).
    removed: Vec<bool>,
    exit: Vec<usize>,
    /// S, shared by the exit-impact scenarios (all have every stakeholder).
    stayers: Arc<Vec<usize>>,
    /// The sources whose rows are computed: every stayer (`None`) or a
    /// sorted sample of them (`exit --sample`).
    sample: Option<Arc<Vec<usize>>>,
    /// Connectivity flags, bridges and per-row sums: only the main scenario
    /// needs them, the one-practitioner exits need only the two totals (and
    /// all have every stakeholder as S, which lets them share G's row sums).
    detail: bool,
}

impl Scenario<'_> {
    /// The rows are kept (not only summed): for each stakeholder's trust
    /// retained (detail) or the standard errors (sampled).
    fn keeps_rows(&self) -> bool {
        self.detail || self.sample.is_some()
    }
}

/// What one source contributes to one scenario.
#[derive(Debug, Clone, Copy, Default)]
struct Row {
    sum0: f64,
    sum1: f64,
    conn0: usize,
    conn1: usize,
    dependent: usize,
}

/// Per chunk of sources, per scenario.
#[derive(Debug, Clone, Default)]
struct Partial {
    rows: Vec<(usize, Row)>,
    bridges0: BTreeSet<(usize, usize)>,
    bridges1: BTreeSet<(usize, usize)>,
}

/// Connectivity flags of a detailed scenario, shared by every task: setting
/// a flag is an OR, which gives the same result in any order, so one array
/// per scenario replaces a copy per chunk of sources (which cost
/// O(|V|²/chunk) memory on large networks).
struct Flags {
    /// Reached by some member of S (in G, in G′): the "in" half of "a path
    /// either way".
    in0: Vec<AtomicBool>,
    in1: Vec<AtomicBool>,
    out0: Vec<AtomicBool>,
    out1: Vec<AtomicBool>,
}

impl Flags {
    fn new(n: usize) -> Self {
        let none = || (0..n).map(|_| AtomicBool::new(false)).collect();
        Flags {
            in0: none(),
            in1: none(),
            out0: none(),
            out1: none(),
        }
    }
}

fn set(flags: &[AtomicBool], i: usize) {
    flags[i].store(true, Ordering::Relaxed);
}

fn unwrap_flags(flags: Vec<AtomicBool>) -> Vec<bool> {
    flags.into_iter().map(AtomicBool::into_inner).collect()
}

/// Totals of one scenario after the pass.
struct Totals {
    /// The field sums over the rows, added in source order: the same bits
    /// as summing the kept rows (`Iterator::sum` is this left fold), so the
    /// exit-impact scenarios need not keep a row per source.
    sum: Row,
    /// The rows, in source order, when the scenario keeps them.
    rows: Vec<(usize, Row)>,
    keep: bool,
    in0: Vec<bool>,
    in1: Vec<bool>,
    out0: Vec<bool>,
    out1: Vec<bool>,
    bridges0: BTreeSet<(usize, usize)>,
    bridges1: BTreeSet<(usize, usize)>,
}

impl Totals {
    fn new(keep: bool) -> Self {
        // The start of `Iterator::sum` for f64, whatever it is.
        let zero: f64 = std::iter::empty::<f64>().sum();
        Totals {
            sum: Row {
                sum0: zero,
                sum1: zero,
                ..Row::default()
            },
            rows: Vec::new(),
            keep,
            in0: Vec::new(),
            in1: Vec::new(),
            out0: Vec::new(),
            out1: Vec::new(),
            bridges0: BTreeSet::new(),
            bridges1: BTreeSet::new(),
        }
    }

    /// Add a chunk's rows, which follow every row added so far.
    fn absorb(&mut self, part: Partial) {
        for (_, r) in &part.rows {
            self.sum.sum0 += r.sum0;
            self.sum.sum1 += r.sum1;
            self.sum.conn0 += r.conn0;
            self.sum.conn1 += r.conn1;
            self.sum.dependent += r.dependent;
        }
        if self.keep {
            self.rows.extend_from_slice(&part.rows);
        }
        self.bridges0.extend(part.bridges0);
        self.bridges1.extend(part.bridges1);
    }
}

/// Per-thread buffers, reused from one chunk of sources to the next.
struct Work {
    pt0: PathTrust,
    pt1: PathTrust,
    has_child: Vec<bool>,
    groups0: Vec<bool>,
    groups1: Vec<bool>,
    /// The actors reached from the source (in G or G′), in id order, when
    /// few enough that visiting only them beats a scan of S.
    targets: Vec<usize>,
    /// The mask of a one-actor exit, set and cleared around its repair.
    mask: Vec<bool>,
}

impl Work {
    fn new(n: usize, groups: usize) -> Self {
        Work {
            pt0: PathTrust::new(n),
            pt1: PathTrust::new(n),
            has_child: vec![false; n],
            groups0: vec![false; groups],
            groups1: vec![false; groups],
            targets: Vec::new(),
            mask: vec![false; n],
        }
    }
}

/// Bytes of [`Work`] for `n` actors: two [`PathTrust`]s (products, trees,
/// flags and an indexed heap: ≈ 30 bytes an actor each), three masks and
/// the sorted targets (8 bytes an actor at most).
pub(crate) fn work_bytes(n: usize) -> u64 {
    (2 * 30 + 3 + 8) * n as u64
}

/// Chunks of sources computed in parallel before their rows are added in
/// order: bounds the rows held at once for the scenarios that only sum them.
const WAVE_CHUNKS: usize = 64;

/// One pass over the union of the scenarios' sources.
fn pass(net: &Network, g: &TrustGraph, scenarios: &[Scenario<'_>]) -> Vec<Totals> {
    pass_with(net, g, scenarios, true, None)
}

/// Membership masks, one per distinct list of actors (the one-practitioner
/// exits all share "every stakeholder").
#[derive(Default)]
struct MaskSet {
    masks: Vec<Vec<bool>>,
    lists: Vec<Vec<usize>>,
}

impl MaskSet {
    fn of(&mut self, n: usize, list: &[usize]) -> usize {
        if let Some(i) = self.lists.iter().position(|l| l.as_slice() == list) {
            return i;
        }
        let mut m = vec![false; n];
        for &s in list {
            m[s] = true;
        }
        self.masks.push(m);
        self.lists.push(list.to_vec());
        self.masks.len() - 1
    }
}

/// [`pass`]; `sparse = false` always scans S (the plain computation the
/// sparse rows are tested against). Sources are taken in waves of
/// [`WAVE_CHUNKS`] chunks; `progress` counts the sources done.
fn pass_with(
    net: &Network,
    g: &TrustGraph,
    scenarios: &[Scenario<'_>],
    sparse: bool,
    progress: Option<&Progress>,
) -> Vec<Totals> {
    let n = net.len();
    let mut is_source = vec![false; n];
    for sc in scenarios {
        for &s in sc.sample.as_deref().unwrap_or(&sc.stayers) {
            is_source[s] = true;
        }
    }
    let sources: Vec<usize> = (0..n).filter(|&i| is_source[i]).collect();
    drop(is_source);
    let mut set = MaskSet::default();
    let stayer_mask: Vec<usize> = scenarios.iter().map(|sc| set.of(n, &sc.stayers)).collect();
    let source_mask: Vec<usize> = scenarios
        .iter()
        .map(|sc| set.of(n, sc.sample.as_deref().unwrap_or(&sc.stayers)))
        .collect();
    let masks = Masks {
        sets: &set.masks,
        stayers: &stayer_mask,
        sources: &source_mask,
        sparse,
    };
    let k = net.groups().len();
    let flags: Vec<Option<Flags>> = scenarios
        .iter()
        .map(|sc| sc.detail.then(|| Flags::new(n)))
        .collect();
    let stage = progress.map(|p| p.stage(sources.len() as u64));
    // Buffers outlive a wave: each task takes a set and gives it back.
    let pool: Mutex<Vec<Work>> = Mutex::new(Vec::new());
    let take = || {
        let mut pool = pool.lock().unwrap_or_else(|e| e.into_inner());
        pool.pop().unwrap_or_else(|| Work::new(n, k))
    };
    let mut totals: Vec<Totals> = scenarios
        .iter()
        .map(|sc| Totals::new(sc.keeps_rows()))
        .collect();
    for wave in sources.chunks(SOURCE_CHUNK * WAVE_CHUNKS) {
        let partials: Vec<Vec<Partial>> = wave
            .par_chunks(SOURCE_CHUNK)
            .map(|chunk| {
                let mut w = take();
                let mut parts = vec![Partial::default(); scenarios.len()];
                for &a in chunk {
                    source_rows(net, g, scenarios, &masks, &flags, a, &mut w, &mut parts);
                }
                pool.lock().unwrap_or_else(|e| e.into_inner()).push(w);
                if let Some(stage) = &stage {
                    stage.advance(chunk.len() as u64);
                }
                parts
            })
            .collect();
        for chunk in partials {
            for (t, part) in totals.iter_mut().zip(chunk) {
                t.absorb(part);
            }
        }
    }
    for (t, flags) in totals.iter_mut().zip(flags) {
        if let Some(f) = flags {
            t.in0 = unwrap_flags(f.in0);
            t.in1 = unwrap_flags(f.in1);
            t.out0 = unwrap_flags(f.out0);
            t.out1 = unwrap_flags(f.out1);
        }
    }
    totals
}

/// Membership masks of a pass: `sets[stayers[s]]` marks scenario s's S,
/// `sets[sources[s]]` the sources whose rows it takes.
struct Masks<'a> {
    sets: &'a [Vec<bool>],
    stayers: &'a [usize],
    sources: &'a [usize],
    /// Visit only the reached actors when they are few (see
    /// [`sparse_targets`]).
    sparse: bool,
}

impl Masks<'_> {
    fn stayer(&self, s: usize) -> &[bool] {
        &self.sets[self.stayers[s]]
    }

    fn source(&self, s: usize) -> &[bool] {
        &self.sets[self.sources[s]]
    }
}

/// The members of S that source `a`'s rows can be non-zero at, in id order:
/// the actors reached in G (and in G′ when `rerun`), when they are few
/// enough (below an eighth of S) that sorting them beats scanning S; `None`
/// means "scan S". Either way the sums see the same non-zero terms in the
/// same order, and adding a zero leaves a sum's bits alone, so the totals
/// are the same bits.
fn sparse_targets<'w>(
    targets: &'w mut Vec<usize>,
    pt0: &PathTrust,
    pt1: Option<&PathTrust>,
    stayers: usize,
    enabled: bool,
) -> Option<&'w [usize]> {
    if !enabled {
        return None;
    }
    let reached = pt0.reached().len() + pt1.map_or(0, |p| p.reached().len());
    if reached.saturating_mul(8) >= stayers {
        return None;
    }
    targets.clear();
    targets.extend(pt0.reached().iter().map(|&v| v as usize));
    if let Some(p) = pt1 {
        targets.extend(p.reached().iter().map(|&v| v as usize));
    }
    targets.sort_unstable();
    targets.dedup();
    Some(targets)
}

/// The contributions of source `a` to every scenario it is a source of.
#[allow(clippy::too_many_arguments)]
fn source_rows(
    net: &Network,
    g: &TrustGraph,
    scenarios: &[Scenario<'_>],
    masks: &Masks<'_>,
    flags: &[Option<Flags>],
    a: usize,
    w: &mut Work,
    parts: &mut [Partial],
) {
    w.pt0.run(g, a, &[]);
    for &v in w.pt0.reached() {
        let p = w.pt0.pred[v as usize];
        if p != NO_PRED {
            w.has_child[p as usize] = true;
        }
    }
    // Σ pt and the connected count of a's row in G over every stakeholder:
    // the S of all the one-practitioner exits, so computed once.
    let mut shared: Option<(f64, usize)> = None;
    for (s, sc) in scenarios.iter().enumerate() {
        if !masks.source(s)[a] {
            continue;
        }
        let rerun = after_row(g, sc, a, w);
        let row = if !sc.detail && sc.after.is_none() {
            let shared = *shared.get_or_insert_with(|| {
                let t =
                    sparse_targets(&mut w.targets, &w.pt0, None, sc.stayers.len(), masks.sparse);
                row_totals(&w.pt0.pt, t.unwrap_or(&sc.stayers), masks.stayer(s), a)
            });
            impact_row(shared, masks.stayer(s), a, rerun, w)
        } else {
            detail_row(
                net,
                sc,
                masks,
                s,
                flags[s].as_ref(),
                a,
                rerun,
                w,
                &mut parts[s],
            )
        };
        parts[s].rows.push((a, row));
    }
    for &v in w.pt0.reached() {
        w.has_child[v as usize] = false;
    }
}

/// Fill `w.pt1` with source `a`'s row in G′ when it can differ from its row
/// in G (in `w.pt0`): a full run after a handover (which adds arcs), a
/// repair of the exiting actors' subtrees when one of them relays a path of
/// `a`'s tree. Returns whether it did; if not, G′'s row is G's.
fn after_row(g: &TrustGraph, sc: &Scenario<'_>, a: usize, w: &mut Work) -> bool {
    if let Some(after) = sc.after {
        w.pt1.run(after, a, &sc.removed);
        return true;
    }
    if !sc.exit.iter().any(|&x| w.has_child[x]) {
        return false;
    }
    if sc.removed.is_empty() && sc.exit.len() == 1 {
        let x = sc.exit[0];
        w.mask[x] = true;
        w.pt1.repair(g, &w.pt0, &w.mask);
        w.mask[x] = false;
    } else {
        w.pt1.repair(g, &w.pt0, &sc.removed);
    }
    true
}

/// The row of a one-practitioner exit from G's row totals (`shared`): only
/// the cut actors can differ, so only they are visited; the loss is summed
/// in settling order, fixed per source.
fn impact_row(shared: (f64, usize), in_s: &[bool], a: usize, rerun: bool, w: &Work) -> Row {
    let (sum0, conn0) = shared;
    let mut r = Row {
        sum0,
        sum1: sum0,
        conn0,
        conn1: conn0,
        dependent: 0,
    };
    if rerun {
        let mut loss = 0.0;
        for &v in w.pt1.reached() {
            let v = v as usize;
            if v == a || !in_s[v] {
                continue;
            }
            let (p0, p1) = (w.pt0.pt[v], w.pt1.pt[v]);
            loss += p0 - p1;
            r.conn1 -= usize::from(p0 > 0.0 && p1 == 0.0);
            r.dependent += usize::from(lower(p1, p0));
        }
        r.sum1 = sum0 - loss;
    }
    r
}

/// The row of source `a` in scenario `s` over every member of S (or the
/// reached ones, see [`sparse_targets`]), setting the connectivity flags and
/// collecting the group bridges when the scenario has them.
#[allow(clippy::too_many_arguments)]
fn detail_row(
    net: &Network,
    sc: &Scenario<'_>,
    masks: &Masks<'_>,
    s: usize,
    flag: Option<&Flags>,
    a: usize,
    rerun: bool,
    w: &mut Work,
    part: &mut Partial,
) -> Row {
    let in_s = masks.stayer(s);
    let row1 = if rerun { &w.pt1.pt } else { &w.pt0.pt };
    let row0 = &w.pt0.pt;
    let mut r = Row::default();
    if sc.detail {
        w.groups0.iter_mut().for_each(|x| *x = false);
        w.groups1.iter_mut().for_each(|x| *x = false);
    }
    let sparse = sparse_targets(
        &mut w.targets,
        &w.pt0,
        rerun.then_some(&w.pt1),
        sc.stayers.len(),
        masks.sparse,
    );
    for &v in sparse.unwrap_or(&sc.stayers) {
        if v == a || !in_s[v] {
            continue;
        }
        let (p0, p1) = (row0[v], row1[v]);
        r.sum0 += p0;
        r.sum1 += p1;
        if p0 > 0.0 {
            r.conn0 += 1;
            if lower(p1, p0) {
                r.dependent += 1;
            }
        }
        if p1 > 0.0 {
            r.conn1 += 1;
        }
        if let Some(f) = flag {
            if p0 > 0.0 {
                set(&f.in0, v);
                w.groups0[net.group_of(v)] = true;
            }
            if p1 > 0.0 {
                set(&f.in1, v);
                w.groups1[net.group_of(v)] = true;
            }
        }
    }
    if let Some(f) = flag {
        if r.conn0 > 0 {
            set(&f.out0, a);
        }
        if r.conn1 > 0 {
            set(&f.out1, a);
        }
        let ga = net.group_of(a);
        for (gs, bridges) in [
            (&w.groups0, &mut part.bridges0),
            (&w.groups1, &mut part.bridges1),
        ] {
            for (gb, _) in gs.iter().enumerate().filter(|(gb, &on)| on && *gb != ga) {
                bridges.insert((ga.min(gb), ga.max(gb)));
            }
        }
    }
    r
}

/// Σ_v pt(a, v) over the stayers v ≠ a, in id order, and how many are
/// reached; `targets` is S or, sparse, the reached actors (filtered by
/// `in_s`).
fn row_totals(pt: &[f64], targets: &[usize], in_s: &[bool], a: usize) -> (f64, usize) {
    let (mut sum, mut conn) = (0.0, 0);
    for &v in targets {
        if v != a && in_s[v] {
            sum += pt[v];
            conn += usize::from(pt[v] > 0.0);
        }
    }
    (sum, conn)
}

fn ratio(num: f64, den: f64) -> Option<f64> {
    (den != 0.0).then(|| num / den)
}

/// `stranded` and `group_bridges_lost` of a scenario: from the pass's flags
/// and bridges when every source was taken, from a linear-time
/// connectivity pass when sampled (the flags of a sample see only the
/// sampled sources' paths); none for the exit impacts, which need the sums
/// alone.
fn connectivity(
    net: &Network,
    g: &TrustGraph,
    sc: &Scenario<'_>,
    t: &Totals,
) -> (Vec<usize>, Vec<(usize, usize)>) {
    if !sc.detail {
        // The exit impacts need the sums alone.
        (Vec::new(), Vec::new())
    } else if sc.sample.is_some() {
        // The flags of a sample see only the sampled sources' paths:
        // connectivity is computed on its own, in linear time.
        let after = sc.after.unwrap_or(g);
        let removed = &sc.removed;
        let stranded = reach::stranded(g, after, removed, &sc.stayers);
        let lost = reach::group_bridges(net, g, &[], &sc.stayers)
            .difference(&reach::group_bridges(net, after, removed, &sc.stayers))
            .copied()
            .collect();
        (stranded, lost)
    } else {
        let stranded = sc
            .stayers
            .iter()
            .copied()
            .filter(|&u| (t.out0[u] || t.in0[u]) && !(t.out1[u] || t.in1[u]))
            .collect();
        (
            stranded,
            t.bridges0.difference(&t.bridges1).copied().collect(),
        )
    }
}

fn measures(
    net: &Network,
    g: &TrustGraph,
    sc: &Scenario<'_>,
    t: Totals,
    seed: u64,
) -> ExitMeasures {
    let k = sc.stayers.len();
    let sources = sc.sample.as_ref().map_or(k, |s| s.len());
    let pairs = sources * k.saturating_sub(1);
    let per_pair = |x: f64| (pairs > 0).then(|| x / pairs as f64);
    // Summed over the rows in source order (fixed, so the same bits at any
    // thread count).
    let Row {
        sum0,
        sum1,
        conn0,
        conn1,
        dependent,
    } = t.sum;
    let reach_after = per_pair(conn1 as f64);
    let trb = per_pair(sum0);
    let tra = per_pair(sum1);
    let mut trust_retained = vec![None; net.len()];
    for (a, r) in &t.rows {
        trust_retained[*a] = ratio(r.sum1, r.sum0);
    }
    let sampling = sc.sample.as_ref().map(|_| {
        let per = k.saturating_sub(1).max(1) as f64;
        let rows = || t.rows.iter().map(|(_, r)| r);
        ExitSampling {
            sources,
            seed,
            reach_before_se: mean_se(rows().map(|r| r.conn0 as f64 / per), k),
            reach_after_se: mean_se(rows().map(|r| r.conn1 as f64 / per), k),
            trusted_reach_before_se: mean_se(rows().map(|r| r.sum0 / per), k),
            trusted_reach_after_se: mean_se(rows().map(|r| r.sum1 / per), k),
            sustainability_se: ratio_se(rows().map(|r| (r.sum0, r.sum1)), k),
            dependent_pairs_se: ratio_se(rows().map(|r| (r.conn0 as f64, r.dependent as f64)), k),
        }
    });
    let (stranded, group_bridges_lost) = connectivity(net, g, sc, &t);
    ExitMeasures {
        exit: sc.exit.clone(),
        stayers: sc.stayers.to_vec(),
        reach_before: per_pair(conn0 as f64),
        reach_after,
        fragmentation_after: reach_after.map(|r| 1.0 - r),
        trusted_reach_before: trb,
        trusted_reach_after: tra,
        sustainability: trb.zip(tra).and_then(|(b, a)| ratio(a, b)),
        dependent_pairs: ratio(dependent as f64, conn0 as f64),
        stranded,
        group_bridges_lost,
        trust_retained,
        sampling,
    }
}

fn stayers_of(net: &Network, exit: &[usize]) -> Vec<usize> {
    (0..net.len())
        .filter(|&i| net.actor(i).kind == ActorKind::Stakeholder && exit.binary_search(&i).is_err())
        .collect()
}

fn check(net: &Network, spec: &ExitSpec) -> Result<(), Error> {
    match spec.exit.iter().find(|&&i| i >= net.len()) {
        Some(&index) => Err(Error::ActorIndex { index }),
        None => Ok(()),
    }
}

/// Sustainability after the exit of `spec.exit` (after `spec.handovers`).
///
/// With X the final exit set, S the stakeholders not in X and pairs the
/// ordered pairs of distinct members of S:
/// `reach = |{(u,v): pt(u,v) > 0}| / |pairs|`,
/// `trusted_reach = Σ pt(u,v) / |pairs|`, in G and in G′,
/// `sustainability = trusted_reach_after / trusted_reach_before`, and the
/// other fields as [`ExitMeasures`] documents them.
///
/// Reference: the format's "Sustainability after exit"; values match
/// `tests/fixtures/exit/generate.py` to 1e-9 relative.
///
/// # Complexity
/// Time **O(|S| (|V| + |E|) log |V|)** (one Dijkstra per member of S, plus
/// a repair of the exiting actors' subtrees, or a second Dijkstra after a
/// handover), memory **O(|V| + |E|)** per thread; parallel over fixed chunks
/// of sources.
pub fn exit(net: &Network, spec: &ExitSpec) -> Result<ExitMeasures, Error> {
    Ok(exit_and_impact(net, spec, false)?.0)
}

/// Exit impact of every practitioner: `1 − sustainability` when that
/// practitioner alone exits the original network (S = every stakeholder).
/// Indexed like [`Network::actors`]; `None` for stakeholders and where
/// sustainability is undefined (no trusted reach before).
///
/// # Complexity
/// One Dijkstra per stakeholder in G; then, per stakeholder and practitioner
/// relaying a path of that stakeholder's most-trusted-path tree, a repair of
/// the practitioner's subtree: O(|V|) plus O((c + e) log c) for the c actors
/// cut off and their e arcs.
pub fn exit_impact(net: &Network) -> Vec<Option<f64>> {
    let g = TrustGraph::new(net);
    let scenarios = impact_scenarios(net, None);
    let totals = pass(net, &g, &scenarios);
    impacts(net, &g, &scenarios, totals, 0).0
}

/// K of `stayers` (sorted), drawn as `--betweenness-sample` draws its
/// sources; `None` when K ≥ |S| (every source: the exact computation).
fn sample_of(stayers: &[usize], sample: Option<Sample>) -> Option<Vec<usize>> {
    let s = sample?;
    let k = s.sources.max(2);
    (k < stayers.len()).then(|| {
        sample_sources(stayers.len(), k, s.seed)
            .into_iter()
            .map(|i| stayers[i as usize])
            .collect()
    })
}

fn impact_scenarios(net: &Network, sample: Option<Sample>) -> Vec<Scenario<'static>> {
    let everyone = stayers_of(net, &[]);
    let drawn = sample_of(&everyone, sample).map(Arc::new);
    let everyone = Arc::new(everyone);
    (0..net.len())
        .filter(|&p| net.actor(p).kind == ActorKind::Practitioner)
        .map(|p| Scenario {
            after: None,
            // Set per thread (see `Scenario::removed`).
            removed: Vec::new(),
            exit: vec![p],
            stayers: Arc::clone(&everyone),
            sample: drawn.clone(),
            detail: false,
        })
        .collect()
}

/// Per practitioner: exit impact and, sampled, its standard error.
type Impacts = (Vec<Option<f64>>, Vec<Option<f64>>);

fn impacts(
    net: &Network,
    g: &TrustGraph,
    scenarios: &[Scenario<'_>],
    totals: Vec<Totals>,
    seed: u64,
) -> Impacts {
    let mut out = vec![None; net.len()];
    let mut se = vec![None; net.len()];
    for (sc, t) in scenarios.iter().zip(totals) {
        let m = measures(net, g, sc, t, seed);
        out[sc.exit[0]] = m.sustainability.map(|s| 1.0 - s);
        se[sc.exit[0]] = m.sampling.and_then(|s| s.sustainability_se);
    }
    (out, se)
}

/// [`exit`] and, when `with_impact`, [`exit_impact`] in one pass, sharing the
/// Dijkstra runs in G (the `exit` command reports both).
pub fn exit_and_impact(
    net: &Network,
    spec: &ExitSpec,
    with_impact: bool,
) -> Result<(ExitMeasures, Vec<Option<f64>>), Error> {
    let e = exit_sampled(net, spec, with_impact, None)?;
    Ok((e.measures, e.impact))
}

/// An exit whose pair means may come from sampled sources.
#[derive(Debug, Clone, PartialEq)]
pub struct ExitEstimate {
    /// The measures; [`ExitMeasures::sampling`] is set when sampled.
    pub measures: ExitMeasures,
    /// Per practitioner exit impact (as [`exit_impact`]), when asked.
    pub impact: Vec<Option<f64>>,
    /// Its standard error when sampled (indexed like the actors).
    pub impact_se: Vec<Option<f64>>,
}

/// [`exit_and_impact`] with the pair means estimated from K sampled sources
/// (`exit --sample K [--seed S]`): K distinct members of S drawn as
/// `--betweenness-sample` draws them (splitmix64, same seed, same sources;
/// at least 2), each giving its whole row over S. Reach, trusted reach,
/// sustainability, dependent pairs and the exit impacts (sources drawn
/// likewise from every stakeholder) are then estimates with the standard
/// errors of [`ExitSampling`]; `stranded` and `group_bridges_lost` stay
/// exact (a linear-time connectivity pass, `metrics::reach`);
/// `trust_retained` is given for the sampled stakeholders only. With
/// K ≥ |S| (or `sample = None`) everything is exact and the same bits as
/// [`exit_and_impact`] (sampled standard errors are then 0).
///
/// # Complexity
/// Time **O(K (|V| + |E|) log |V|)** plus O(|V| + |E|) per group for the
/// lost bridges; memory O(|V| + |E|) per thread.
pub fn exit_sampled(
    net: &Network,
    spec: &ExitSpec,
    with_impact: bool,
    sample: Option<Sample>,
) -> Result<ExitEstimate, Error> {
    estimate(net, spec, with_impact, sample, true, None)
}

/// [`exit_sampled`], counting in `progress` the sources whose rows are done
/// (its total is the number of sources), for a progress bar.
pub fn exit_with_progress(
    net: &Network,
    spec: &ExitSpec,
    with_impact: bool,
    sample: Option<Sample>,
    progress: &Progress,
) -> Result<ExitEstimate, Error> {
    estimate(net, spec, with_impact, sample, true, Some(progress))
}

/// Bytes [`exit_sampled`] holds at its peak on `threads` worker threads,
/// estimated beyond the network itself: the graph of trust > 0 arcs (two
/// with a handover: 16 bytes an actor and 24 an arc each), each thread's
/// path buffers (≈ 71 bytes an actor), the main scenario's masks, flags
/// and kept rows (≈ 40 bytes an actor and up to 96 a source), the rows of
/// sampled exit impacts (up to 96 a source per practitioner), the rows of
/// one wave of sources, and the report (≈ 256 bytes an actor).
pub fn exit_memory(
    net: &Network,
    spec: &ExitSpec,
    with_impact: bool,
    sample: Option<Sample>,
    threads: usize,
) -> u64 {
    let n = net.len() as u64;
    let graphs = if spec.handovers.is_empty() { 1 } else { 2 };
    let graph = graphs * (16 * n + 24 * net.arc_count() as u64);
    let stayers = stayers_of(net, &spec.exit_set()).len() as u64;
    let sources = sample.map_or(stayers, |s| (s.sources as u64).clamp(2, stayers.max(2)));
    let practitioners = if with_impact {
        (0..net.len())
            .filter(|&p| net.actor(p).kind == ActorKind::Practitioner)
            .count() as u64
    } else {
        0
    };
    let sampled_impacts = if sample.is_some() { practitioners } else { 0 };
    let wave = (SOURCE_CHUNK * WAVE_CHUNKS) as u64 * 48 * (practitioners + 1);
    graph
        + threads.max(1) as u64 * work_bytes(net.len())
        + 40 * n
        + 24 * stayers
        + 96 * sources * (1 + sampled_impacts)
        + wave
        + 256 * n
}

fn estimate(
    net: &Network,
    spec: &ExitSpec,
    with_impact: bool,
    sample: Option<Sample>,
    sparse: bool,
    progress: Option<&Progress>,
) -> Result<ExitEstimate, Error> {
    check(net, spec)?;
    let handed = handed_over(net, spec)?;
    let g = TrustGraph::new(net);
    let after = handed.as_ref().map(TrustGraph::new);
    let x = spec.exit_set();
    let stayers = stayers_of(net, &x);
    let seed = sample.map_or(0, |s| s.seed);
    let mut scenarios = vec![Scenario {
        after: after.as_ref(),
        removed: exit_mask(net.len(), &x),
        sample: sample_of(&stayers, sample).map(Arc::new),
        stayers: Arc::new(stayers),
        exit: x,
        detail: true,
    }];
    if with_impact {
        scenarios.extend(impact_scenarios(net, sample));
    }
    let mut totals = pass_with(net, &g, &scenarios, sparse, progress);
    let rest = totals.split_off(1);
    let mut main = measures(
        net,
        &g,
        &scenarios[0],
        totals.pop().expect("main scenario"),
        seed,
    );
    let (impact, mut impact_se) = if with_impact {
        impacts(net, &g, &scenarios[1..], rest, seed)
    } else {
        (vec![None; net.len()], vec![None; net.len()])
    };
    if let (Some(s), None) = (sample, &main.sampling) {
        // Every source taken: exact, with no sampling error.
        let zero = |x: Option<f64>| x.map(|_| 0.0);
        main.sampling = Some(ExitSampling {
            sources: main.stayers.len(),
            seed: s.seed,
            reach_before_se: zero(main.reach_before),
            reach_after_se: zero(main.reach_after),
            trusted_reach_before_se: zero(main.trusted_reach_before),
            trusted_reach_after_se: zero(main.trusted_reach_after),
            sustainability_se: zero(main.sustainability),
            dependent_pairs_se: zero(main.dependent_pairs),
        });
    }
    if sample.is_some() {
        for (se, x) in impact_se.iter_mut().zip(&impact) {
            if se.is_none() {
                *se = x.map(|_| 0.0);
            }
        }
    }
    Ok(ExitEstimate {
        measures: main,
        impact,
        impact_se,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::plan::{plan, successors};
    use crate::{Actor, TieSpec};

    fn near(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() <= 1e-12 * b.abs().max(1e-300))
    }

    fn grouped(id: &str, group: &str) -> Actor {
        let mut a = Actor::stakeholder(id);
        a.group = group.to_string();
        a
    }

    /// data/real/tiny, as in its SOURCE.md.
    fn tiny() -> Network {
        let mut p2 = Actor::practitioner("p2");
        p2.placement = Placement::Internal;
        let actors = vec![
            grouped("a1", "A"),
            grouped("a2", "A"),
            grouped("b1", "B"),
            grouped("b2", "B"),
            grouped("c1", "C"),
            Actor::practitioner("p1"),
            p2,
        ];
        let t = TieSpec::mutual;
        Network::from_parts(
            actors,
            &[
                t("a1", "a2", 0.8),
                t("b1", "b2", 0.8),
                t("p1", "a1", 0.8),
                t("p1", "b1", 0.8),
                t("p1", "c1", 0.5),
                t("p2", "a2", 0.5),
                t("p2", "b2", 0.5),
                t("p1", "p2", 0.8),
            ],
        )
        .unwrap()
    }

    #[test]
    fn tiny_default_exit_matches_source_md() {
        let net = tiny();
        let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
        assert_eq!(m.exit, vec![5]);
        assert_eq!((m.reach_before, m.reach_after), (Some(1.0), Some(0.6)));
        assert!(near(m.fragmentation_after, 0.4));
        // Sums over the 10 unordered pairs: 5.1136 in G, 2.41 in G − p1.
        assert!(near(m.trusted_reach_before, 0.51136));
        assert!(near(m.trusted_reach_after, 0.241));
        assert!(near(m.sustainability, 0.241 / 0.51136));
        assert!(near(m.dependent_pairs, 0.8));
        assert_eq!(m.stranded, vec![4]); // c1
        let g = |name: &str| net.groups().iter().position(|x| x == name).unwrap();
        assert_eq!(
            m.group_bridges_lost,
            vec![(g("A"), g("C")), (g("B"), g("C"))]
        );
        assert!(near(m.trust_retained[0], 1.16 / 2.352));
        assert!(near(m.trust_retained[1], 1.25 / 2.0416));
        assert_eq!(m.trust_retained[4], Some(0.0));
        assert_eq!(m.trust_retained[5], None); // p1 is not in S
        let impact = exit_impact(&net);
        assert!(near(impact[5], 1.0 - 0.241 / 0.51136));
        assert_eq!(impact[6], Some(0.0)); // p2 relays no best path
        assert_eq!(impact[0], None);
    }

    #[test]
    fn handover_ties_are_the_copies_that_changed_to() {
        let net = tiny();
        let i = |id: &str| net.index_of(id).unwrap();
        let handover = |from, to, factor| ExitSpec {
            exit: default_exit(&net),
            handovers: vec![Handover { from, to, factor }],
        };
        // p1's ties to b1 (0.8) and c1 (0.5) at half trust; a1 is TO itself
        // and p2 is a practitioner, so neither is copied.
        assert_eq!(
            handover_ties(&net, &handover(i("p1"), i("a1"), 0.5)).unwrap(),
            vec![(i("a1"), i("b1"), 0.4), (i("a1"), i("c1"), 0.25)]
        );
        // A copy weaker than TO's own tie changes nothing: p1–a1 at 0.1 is
        // 0.08, below a2's own 0.8 tie to a1, so only b1 and c1 are new.
        assert_eq!(
            handover_ties(&net, &handover(i("p1"), i("a2"), 0.1)).unwrap(),
            vec![
                (i("a2"), i("b1"), 0.08000000000000002),
                (i("a2"), i("c1"), 0.05)
            ]
        );
        assert!(handover_ties(&net, &ExitSpec::default_for(&net))
            .unwrap()
            .is_empty());
    }

    #[test]
    fn tiny_handover_and_plan_match_source_md() {
        let net = tiny();
        let spec = ExitSpec {
            exit: vec![],
            handovers: vec![Handover {
                from: 5,
                to: 0,
                factor: 0.5,
            }],
        };
        let m = exit(&net, &spec).unwrap();
        assert_eq!(m.exit, vec![5]);
        assert!(near(m.trusted_reach_after, 0.3526));
        assert!(near(m.sustainability, 0.3526 / 0.51136));
        assert_eq!(m.reach_after, Some(1.0));
        assert!(m.stranded.is_empty() && m.group_bridges_lost.is_empty());
        // The original network is untouched.
        assert_eq!(net.ties().len(), 8);

        let steps = plan(&net, &ExitSpec::default_for(&net), 3).unwrap();
        let ties: Vec<(usize, usize)> = steps.iter().map(|s| (s.a, s.b)).collect();
        // Step 2 is an exact tie between a1–c1 and b1–c1, won by the lower ids.
        assert_eq!(ties, vec![(0, 2), (0, 4), (2, 4)]);
        assert!(near(Some(steps[0].gain), 0.12636));
        assert!(near(Some(steps[1].gain), 0.11808));
        assert!(near(Some(steps[2].gain), 0.02592));
        assert!(near(steps[2].sustainability, 1.0));
    }

    /// s1 (A) ─.5─ p ─.8─ s2 (B) ─.5─ s3 (B): p is a cut vertex.
    #[test]
    fn cut_vertex_practitioner() {
        let net = Network::from_parts(
            vec![
                Actor::practitioner("p"),
                grouped("s1", "A"),
                grouped("s2", "B"),
                grouped("s3", "B"),
            ],
            &[
                TieSpec::mutual("s1", "p", 0.5),
                TieSpec::mutual("p", "s2", 0.8),
                TieSpec::mutual("s2", "s3", 0.5),
            ],
        )
        .unwrap();
        let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
        assert!(near(m.sustainability, 5.0 / 11.0));
        assert!(near(m.dependent_pairs, 2.0 / 3.0));
        assert!(near(m.reach_after, 1.0 / 3.0));
        assert_eq!(m.stranded, vec![1]);
        assert_eq!(m.group_bridges_lost, vec![(1, 2)]); // groups: "" (p), A, B
        assert!(near(m.trust_retained[2], 5.0 / 9.0));
        assert!(near(m.trust_retained[3], 5.0 / 7.0));
        assert!(near(exit_impact(&net)[0], 6.0 / 11.0));
        let steps = plan(&net, &ExitSpec::default_for(&net), 2).unwrap();
        assert_eq!(steps.len(), 1);
        assert_eq!((steps[0].a, steps[0].b), (1, 2));
        assert!(near(Some(steps[0].trust), 0.4));
        assert!(near(Some(steps[0].gain), 0.2));
        let succ = successors(&net, &[0]);
        assert_eq!(
            (succ[0].successor, succ[0].sustainability),
            (Some(1), Some(1.0))
        );
    }

    /// s1 → p .9, p → s1 .3, p ─ s2 .5, s2 → s1 .6: direction matters.
    #[test]
    fn directed_asymmetric_trust() {
        let net = Network::from_parts(
            vec![
                Actor::practitioner("p"),
                grouped("s1", "G1"),
                grouped("s2", "G2"),
            ],
            &[
                TieSpec::directed("s1", "p", 0.9),
                TieSpec::directed("p", "s1", 0.3),
                TieSpec::mutual("p", "s2", 0.5),
                TieSpec::directed("s2", "s1", 0.6),
            ],
        )
        .unwrap();
        let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
        assert_eq!(m.reach_after, Some(0.5));
        assert!(near(m.trusted_reach_before, 0.525));
        assert!(near(m.sustainability, 4.0 / 7.0));
        assert_eq!(m.dependent_pairs, Some(0.5));
        // s1 still has the path s2 → s1: not stranded, and G1–G2 is kept.
        assert!(m.stranded.is_empty() && m.group_bridges_lost.is_empty());
        assert_eq!(
            (m.trust_retained[1], m.trust_retained[2]),
            (Some(0.0), Some(1.0))
        );
        // {s1, s2} is tied one way already: no introduction to make.
        assert!(plan(&net, &ExitSpec::default_for(&net), 2)
            .unwrap()
            .is_empty());
        // Handing to s2 copies p → s1 as s2 → s1 .15 (keeps .6) and s1 → p as
        // s1 → s2 .45: sustainability 1; to s1 only 17/21.
        let succ = successors(&net, &[0]);
        assert_eq!(succ[0].successor, Some(2));
        assert!(near(succ[0].sustainability, 1.0));
        let to_s1 = Handover {
            from: 0,
            to: 1,
            factor: 0.5,
        };
        let h = exit(
            &net,
            &ExitSpec {
                exit: vec![0],
                handovers: vec![to_s1],
            },
        )
        .unwrap();
        assert!(near(h.sustainability, 17.0 / 21.0));
    }

    /// Trust-0 ties are ties (they exclude introductions) but carry no path.
    #[test]
    fn trust_zero_ties() {
        let net = Network::from_parts(
            vec![
                Actor::practitioner("p"),
                grouped("s1", "A"),
                grouped("s2", "B"),
                grouped("s3", "B"),
            ],
            &[
                TieSpec::mutual("s1", "p", 0.8),
                TieSpec::mutual("p", "s2", 0.8),
                TieSpec::mutual("s2", "s3", 0.5),
                TieSpec::mutual("s1", "s2", 0.0),
                TieSpec::mutual("s3", "p", 0.0),
            ],
        )
        .unwrap();
        let m = exit(&net, &ExitSpec::default_for(&net)).unwrap();
        assert!(near(m.trusted_reach_before, 1.46 / 3.0));
        assert!(near(m.sustainability, 0.5 / 1.46));
        assert_eq!(m.stranded, vec![1]);
        assert!(near(m.trust_retained[2], 0.5 / 1.14));
        assert!(plan(&net, &ExitSpec::default_for(&net), 2)
            .unwrap()
            .is_empty());
        let succ = successors(&net, &[0]);
        assert_eq!(succ[0].successor, Some(1));
        assert!(near(succ[0].sustainability, 1.1 / 1.46));
    }

    /// A random network of `kinds.len()` actors (practitioner?, group) with
    /// ties from `pairs` (pair index, trust, mutual?): sparse, so that it
    /// falls apart into several components.
    fn random_net(kinds: &[(bool, u8)], pairs: &[(usize, usize, f64, bool)]) -> Network {
        let id = |i: usize| format!("n{i:03}");
        let actors = kinds
            .iter()
            .enumerate()
            .map(|(i, &(practitioner, group))| {
                let mut a = if practitioner {
                    Actor::practitioner(id(i))
                } else {
                    Actor::stakeholder(id(i))
                };
                a.group = ["A", "B", "C", "D"][group as usize % 4].to_string();
                a
            })
            .collect();
        let n = kinds.len();
        let mut seen = BTreeSet::new();
        let mut ties = Vec::new();
        for &(u, v, t, mutual) in pairs {
            let (u, v) = (u % n, v % n);
            if u == v || !seen.insert((u.min(v), u.max(v))) {
                continue;
            }
            let t = if t < 0.1 { 0.0 } else { t };
            ties.push(if mutual {
                TieSpec::mutual(id(u), id(v), t)
            } else {
                TieSpec::directed(id(u), id(v), t)
            });
        }
        Network::from_parts(actors, &ties).unwrap()
    }

    fn net_strategy() -> impl proptest::strategy::Strategy<Value = Network> {
        use proptest::prelude::*;
        (
            prop::collection::vec((prop::bool::weighted(0.2), 0u8..4), 2..60),
            prop::collection::vec((0usize..60, 0usize..60, 0.0f64..=1.0, any::<bool>()), 0..60),
        )
            .prop_map(|(kinds, pairs)| random_net(&kinds, &pairs))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(96))]

        /// Rows over the reached actors only (the component shortcut) give
        /// the same bits as scanning every member of S, and the linear-time
        /// connectivity gives the same stranded and lost bridges as the
        /// flags of the full pass.
        #[test]
        fn component_shortcut_equals_the_full_computation(net in net_strategy()) {
            let spec = ExitSpec::default_for(&net);
            let fast = estimate(&net, &spec, true, None, true, None).unwrap();
            let full = estimate(&net, &spec, true, None, false, None).unwrap();
            proptest::prop_assert_eq!(&fast, &full);
            let g = TrustGraph::new(&net);
            let m = &full.measures;
            let removed = exit_mask(net.len(), &m.exit);
            proptest::prop_assert_eq!(&reach::stranded(&g, &g, &removed, &m.stayers), &m.stranded);
            let lost: Vec<_> = reach::group_bridges(&net, &g, &[], &m.stayers)
                .difference(&reach::group_bridges(&net, &g, &removed, &m.stayers))
                .copied()
                .collect();
            proptest::prop_assert_eq!(&lost, &m.group_bridges_lost);
        }

        /// Sampling every source is the exact computation, bit for bit, with
        /// standard errors 0; a smaller sample gives finite standard errors
        /// and the same figures again for the same seed.
        #[test]
        fn sampled_exit_is_exact_with_every_source_and_reproducible(
            net in net_strategy(), k in 2usize..30, seed in 0u64..1000,
        ) {
            let spec = ExitSpec::default_for(&net);
            let exact = exit_sampled(&net, &spec, true, None).unwrap();
            let all = Sample { sources: net.len(), seed };
            let every = exit_sampled(&net, &spec, true, Some(all)).unwrap();
            let mut plain = every.measures.clone();
            let sampling = plain.sampling.take().unwrap();
            proptest::prop_assert_eq!(&plain, &exact.measures);
            proptest::prop_assert_eq!(&every.impact, &exact.impact);
            for se in [sampling.reach_before_se, sampling.trusted_reach_after_se, sampling.sustainability_se] {
                proptest::prop_assert!(se.is_none_or(|x| x == 0.0));
            }
            let sample = Some(Sample { sources: k, seed });
            let a = exit_sampled(&net, &spec, true, sample).unwrap();
            let b = exit_sampled(&net, &spec, true, sample).unwrap();
            proptest::prop_assert_eq!(&a, &b);
            // stranded and lost bridges stay exact under sampling.
            proptest::prop_assert_eq!(&a.measures.stranded, &exact.measures.stranded);
            proptest::prop_assert_eq!(&a.measures.group_bridges_lost, &exact.measures.group_bridges_lost);
            let s = a.measures.sampling.unwrap();
            for se in [s.reach_before_se, s.reach_after_se, s.trusted_reach_before_se,
                       s.trusted_reach_after_se, s.sustainability_se, s.dependent_pairs_se]
                .into_iter()
                .chain(a.impact_se.iter().copied())
            {
                proptest::prop_assert!(se.is_none_or(|x| x.is_finite() && x >= 0.0));
            }
            if k < a.measures.stayers.len() {
                proptest::prop_assert_eq!(s.sources, k);
            }
        }
    }

    /// Hand-computed: a star s0 ─ s1, s0 ─ s2 (trust .5) and s3 alone, no
    /// practitioner; the sample {s0, s3} (seed 3 draws it) has row means
    /// (0.5+0.5+0)/3 = 1/3 and 0, so trusted reach before is 1/6 with
    /// standard error sqrt((1 − 2/4) · s² / 2), s² = (1/3)²/2 = 1/18, i.e.
    /// sqrt(1/72).
    #[test]
    fn sampled_trusted_reach_and_its_standard_error_by_hand() {
        let net = Network::from_parts(
            (0..4)
                .map(|i| Actor::stakeholder(format!("s{i}")))
                .collect(),
            &[
                TieSpec::mutual("s0", "s1", 0.5),
                TieSpec::mutual("s0", "s2", 0.5),
            ],
        )
        .unwrap();
        let spec = ExitSpec::default_for(&net);
        let seed = (0..100u64)
            .find(|&s| sample_sources(4, 2, s) == [0, 3])
            .expect("some seed draws s0 and s3");
        let e = exit_sampled(&net, &spec, false, Some(Sample { sources: 2, seed })).unwrap();
        let m = &e.measures;
        assert!(near(m.trusted_reach_before, 1.0 / 6.0));
        let s = m.sampling.as_ref().unwrap();
        assert_eq!(s.sources, 2);
        assert!(near(s.trusted_reach_before_se, (1.0f64 / 72.0).sqrt()));
        // No exit: nothing lost, so sustainability is exactly 1 with SE 0.
        assert_eq!(m.sustainability, Some(1.0));
        assert_eq!(s.sustainability_se, Some(0.0));
        assert_eq!(m.trust_retained[0], Some(1.0));
        assert_eq!(m.trust_retained[1], None); // not sampled
    }

    #[test]
    fn bad_handovers_are_refused() {
        let net = tiny();
        let h = |from, to, factor| Handover { from, to, factor };
        assert!(matches!(
            handover(&net, &h(5, 5, 0.5)),
            Err(Error::HandoverToSelf { .. })
        ));
        assert!(matches!(
            handover(&net, &h(5, 0, 1.5)),
            Err(Error::HandoverFactor { .. })
        ));
        assert!(matches!(
            handover(&net, &h(5, 99, 0.5)),
            Err(Error::ActorIndex { index: 99 })
        ));
    }
}
