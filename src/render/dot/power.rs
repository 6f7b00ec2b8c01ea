//! The power view: voices and decision-makers marked by shape, actors sized
//! by the share of the voices' routes they carry, voices without a trusted
//! line outlined in red and labelled. No metric is computed here; the figures
//! come from [`crate::metrics::power`].

use graphviz_rust::dot_structures::Attribute;

use super::overlay::DotOverlay;
use super::{attr, plain_attrs, STRANDED_RED};
use crate::metrics::power::PowerMeasures;
use crate::model::{ActorKind, Network, Placement};

/// What the power view marks, as plain data (actor indices as in
/// [`Network::actors`]).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PowerMarks {
    /// The voices: drawn as rounded boxes with a bold outline.
    pub voices: Vec<usize>,
    /// The decision-makers: drawn as houses with a bold outline.
    pub decision_makers: Vec<usize>,
    /// Voices with no trusted line to a decision-maker: outlined in red,
    /// thicker, and labelled "(no line)".
    pub unheard: Vec<usize>,
    /// Node sizes in [0, 1]: the share of the voices' routes each actor
    /// carries, relative to the largest.
    pub sizes: Vec<f64>,
}

/// The power view of measured request `m`. With `after` (the scenario was
/// named by `--exit`/`--handover`), it shows G′: the exiting actors greyed,
/// the handed-over ties (from [`crate::metrics::exit::handover_ties`]) drawn
/// green, the voices unheard after the exit in red and sizes by
/// `voice_brokerage_after`; without, it shows G.
pub fn power_overlay(
    net: &Network,
    m: &PowerMeasures,
    after: bool,
    handed_over: &[(usize, usize, f64)],
) -> DotOverlay {
    let w = &m.voice;
    let (brokerage, unheard) = if after {
        (&w.voice_brokerage_after, &w.unheard_after)
    } else {
        (&w.voice_brokerage, &w.unheard_before)
    };
    let raw: Vec<f64> = brokerage.iter().map(|b| b.unwrap_or(0.0)).collect();
    let max = raw.iter().copied().fold(0.0, f64::max);
    let sizes = raw
        .iter()
        .map(|&b| if max > 0.0 { b / max } else { 0.0 })
        .collect();
    DotOverlay {
        exiting: if after { m.exit.clone() } else { Vec::new() },
        handed_over: if after {
            handed_over.to_vec()
        } else {
            Vec::new()
        },
        title: Some(title(net, m, after)),
        power: Some(PowerMarks {
            voices: m.voices.clone(),
            decision_makers: m.decision_makers.clone(),
            unheard: unheard.clone(),
            sizes,
        }),
        ..DotOverlay::default()
    }
}

fn percent(x: f64) -> String {
    format!("{:.0}%", 100.0 * x)
}

/// "14 voices, 4 decision-makers: every voice has a trusted line (53% trust
/// on average)"; after an exit, "…; after the exit, 2 voices have none and
/// the voices keep 71% of their trusted access".
fn title(net: &Network, m: &PowerMeasures, after: bool) -> String {
    let w = &m.voice;
    let (v, d) = (m.voices.len(), m.decision_makers.len());
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let head = format!(
        "{}, {}",
        plural(v, "voice", "voices"),
        plural(d, "decision-maker", "decision-makers")
    );
    let Some(mean) = w.mean_voice_before else {
        let _ = net;
        return format!("{head}: no line to measure (set power in nodes.csv, or name --voices and --decision-makers)");
    };
    let unheard = |n: usize| match n {
        0 => "every voice has a trusted line".to_string(),
        n => format!("{} no trusted line", plural(n, "voice has", "voices have")),
    };
    let mut t = format!(
        "{head}: {} ({} trust on average)",
        unheard(w.unheard_before.len()),
        percent(mean)
    );
    if after {
        t.push_str(&format!(
            "; after the exit, {}",
            match w.unheard_after.len() {
                0 => "every voice still has one".to_string(),
                n => format!("{} none", plural(n, "voice has", "voices have")),
            }
        ));
        if let Some(s) = w.voice_sustainability {
            t.push_str(&format!(
                " and the voices keep {} of their trusted access",
                percent(s)
            ));
        }
    }
    t
}

/// A voice: rounded box, bold outline.
pub(super) fn voice_style() -> Vec<Attribute> {
    vec![
        attr("shape", "box"),
        attr("style", "\"rounded,filled,bold\""),
        attr("penwidth", "2.5"),
    ]
}

/// A decision-maker: house, bold outline.
pub(super) fn decision_maker_style() -> Vec<Attribute> {
    vec![
        attr("shape", "house"),
        attr("style", "\"filled,bold\""),
        attr("penwidth", "2.5"),
    ]
}

/// A voice with no trusted line: red, thick outline (the label says so too,
/// so colour is not the only cue).
pub(super) fn unheard_style() -> Vec<Attribute> {
    plain_attrs(&[
        ("color", STRANDED_RED),
        ("fillcolor", "\"#fee0d2\""),
        ("penwidth", "4"),
    ])
}

/// Per-actor flags of the power marks, for drawing.
pub(super) struct Marks {
    voice: Vec<bool>,
    decision_maker: Vec<bool>,
    /// Voices with no trusted line.
    pub(super) unheard: Vec<bool>,
}

impl Marks {
    /// Flags for `n` actors (all false without a power view).
    pub(super) fn of(n: usize, marks: Option<&PowerMarks>) -> Self {
        let flags = |list: &[usize]| {
            let mut f = vec![false; n];
            for &i in list {
                f[i] = true;
            }
            f
        };
        let empty = PowerMarks::default();
        let m = marks.unwrap_or(&empty);
        Marks {
            voice: flags(&m.voices),
            decision_maker: flags(&m.decision_makers),
            unheard: flags(&m.unheard),
        }
    }

    /// Mark actor `i`: its kind's style `a` with the marks' attributes in
    /// place of the same keys.
    pub(super) fn apply(&self, i: usize, a: &mut Vec<Attribute>) {
        if self.voice[i] {
            restyle(a, voice_style());
        }
        if self.decision_maker[i] {
            restyle(a, decision_maker_style());
        }
        if self.unheard[i] {
            restyle(a, unheard_style());
        }
    }
}

/// Set each of `extra`'s attributes in `a`, replacing one with the same key.
fn restyle(a: &mut Vec<Attribute>, extra: Vec<Attribute>) {
    for x in extra {
        match a.iter_mut().find(|y| y.0 == x.0) {
            Some(y) => *y = x,
            None => a.push(x),
        }
    }
}

/// The legend's sample nodes of the power view.
pub(super) fn legend_samples() -> Vec<(&'static str, Vec<&'static str>, Vec<Attribute>)> {
    let stakeholder = || super::node_style(ActorKind::Stakeholder, Placement::Internal);
    let with = |extra: Vec<Attribute>| {
        let mut a = stakeholder();
        restyle(&mut a, extra);
        a
    };
    let mut unheard = voice_style();
    unheard.extend(unheard_style());
    vec![
        ("voice", vec!["voice", "(least power)"], with(voice_style())),
        (
            "decision_maker",
            vec!["decision-maker"],
            with(decision_maker_style()),
        ),
        ("unheard", vec!["voice with", "no line"], with(unheard)),
    ]
}
