//! The power view's styles: voices and decision-makers marked by shape,
//! voices without a trusted line outlined in red (the marks and sizes come
//! from [`crate::report::dot::power_overlay`]).

use graphviz_rust::dot_structures::Attribute;

use super::{attr, plain_attrs, PowerMarks, STRANDED_RED};
use crate::model::{ActorKind, Placement};

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
