//! The report of `stakenet power`: who among the least powerful stakeholders
//! has a trusted line to those who decide, through whom the lines run, what
//! the exit does to them, and whether trust runs both ways across a power
//! gap; findings in plain words for the table.
//!
//! JSON: `{"summary": {…contract names…}, "actors": [{"id", …}]}`, actors in
//! id order; the table and CSV rows are in `render/reports/power.rs`.

use serde::Serialize;

use super::exit::HandoverRow;
use super::ActorIdentity;
use crate::metrics::exit::default_exit;
use crate::metrics::power::{PowerMeasures, PowerRequest, Selection};
use crate::metrics::tolerance::close;
use crate::model::Network;

/// Network-level figures, under the contract's names.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PowerSummary {
    /// X: exiting actor ids (handover FROMs included), in id order.
    pub exit: Vec<String>,
    /// True when X is the default (every external practitioner, no handover).
    pub default_exit: bool,
    /// Handovers applied before the exit, in order.
    pub handover: Vec<HandoverRow>,
    /// The power at or below which a stakeholder is a voice; null when the
    /// voices were named.
    pub low_power: Option<f64>,
    /// The power at or above which a stakeholder decides; null when the
    /// decision-makers were named.
    pub decision_power: Option<f64>,
    /// The power gap at which a tie is steep.
    pub steep: f64,
    /// V: voice ids, in id order.
    pub voices: Vec<String>,
    /// D: decision-maker ids, in id order.
    pub decision_makers: Vec<String>,
    /// Mean best path trust from a voice to a decision-maker, in G.
    pub mean_voice_before: Option<f64>,
    /// The same in G′.
    pub mean_voice_after: Option<f64>,
    /// `mean_voice_after / mean_voice_before`.
    pub voice_sustainability: Option<f64>,
    /// Voices with no trusted line in G.
    pub unheard_before: Vec<String>,
    /// Voices with no trusted line in G′.
    pub unheard_after: Vec<String>,
    /// Voices with a line in G and none in G′.
    pub voice_lost: Vec<String>,
    /// Share of D with a direct trusted tie to a voice, in G.
    pub direct_contact_before: Option<f64>,
    /// The same in G′.
    pub direct_contact_after: Option<f64>,
    /// Number of tie pairs across a power gap of at least `steep`.
    pub steep_ties: usize,
    /// Mean trust from the lower-power end to the higher, over steep pairs.
    pub upward_trust: Option<f64>,
    /// Mean trust from the higher-power end to the lower.
    pub downward_trust: Option<f64>,
    /// Share of steep pairs with trust both ways.
    pub two_way_share: Option<f64>,
}

/// One actor's row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PowerActor {
    /// Who.
    #[serde(flatten)]
    pub identity: ActorIdentity,
    /// Positional power.
    pub power: f64,
    /// In X.
    pub exiting: bool,
    /// The actor's voice figures (also the `batch --actors` columns).
    #[serde(flatten)]
    pub voice: ActorVoice,
}

/// One actor's power and voice figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorVoice {
    /// In V.
    pub voice: bool,
    /// In D.
    pub decision_maker: bool,
    /// Voices: best path trust to a decision-maker other than itself, in G.
    pub voice_before: Option<f64>,
    /// The same in G′.
    pub voice_after: Option<f64>,
    /// `voice_after / voice_before`.
    pub voice_retained: Option<f64>,
    /// The decision-maker reached at `voice_before` (lowest id among equals).
    pub line_to: Option<String>,
    /// Mean share of the voices' shortest routes to the decision-makers that
    /// run through this actor, in G.
    pub voice_brokerage: Option<f64>,
    /// The same in G′; null for the exiting actors.
    pub voice_brokerage_after: Option<f64>,
}

/// Everything `power` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PowerReport {
    /// Network-level figures.
    pub summary: PowerSummary,
    /// Every actor, in id order.
    pub actors: Vec<PowerActor>,
}

/// Build the `power` report of request `req` from its measures.
pub fn power(net: &Network, req: &PowerRequest, m: &PowerMeasures) -> PowerReport {
    let id = |i: usize| net.actor(i).id.clone();
    let ids = |list: &[usize]| list.iter().map(|&i| id(i)).collect::<Vec<_>>();
    let threshold = |s: &Selection| match s {
        Selection::Threshold(t) => Some(*t),
        Selection::Named(_) => None,
    };
    let w = &m.voice;
    let summary = PowerSummary {
        exit: ids(&m.exit),
        default_exit: req.exit.handovers.is_empty() && m.exit == default_exit(net),
        handover: req
            .exit
            .handovers
            .iter()
            .map(|h| HandoverRow {
                from: id(h.from),
                to: id(h.to),
                factor: h.factor,
            })
            .collect(),
        low_power: threshold(&req.voices),
        decision_power: threshold(&req.decision_makers),
        steep: req.steep,
        voices: ids(&m.voices),
        decision_makers: ids(&m.decision_makers),
        mean_voice_before: w.mean_voice_before,
        mean_voice_after: w.mean_voice_after,
        voice_sustainability: w.voice_sustainability,
        unheard_before: ids(&w.unheard_before),
        unheard_after: ids(&w.unheard_after),
        voice_lost: ids(&w.voice_lost),
        direct_contact_before: w.direct_contact_before,
        direct_contact_after: w.direct_contact_after,
        steep_ties: m.steep.steep_ties,
        upward_trust: m.steep.upward_trust,
        downward_trust: m.steep.downward_trust,
        two_way_share: m.steep.two_way_share,
    };
    let actors = net
        .actors()
        .iter()
        .enumerate()
        .map(|(i, a)| PowerActor {
            identity: ActorIdentity::of(net, i),
            power: a.power,
            exiting: m.exit.binary_search(&i).is_ok(),
            voice: ActorVoice {
                voice: m.voices.binary_search(&i).is_ok(),
                decision_maker: m.decision_makers.binary_search(&i).is_ok(),
                voice_before: w.voice_before[i],
                voice_after: w.voice_after[i],
                voice_retained: w.voice_retained[i],
                line_to: w.line_to[i].map(id),
                voice_brokerage: w.voice_brokerage[i],
                voice_brokerage_after: w.voice_brokerage_after[i],
            },
        })
        .collect();
    PowerReport { summary, actors }
}

/// The power columns of a `batch` summary row: the network-level figures,
/// with the id lists as counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PowerBatchSummary {
    /// See [`PowerSummary::mean_voice_before`].
    pub mean_voice_before: Option<f64>,
    /// See [`PowerSummary::mean_voice_after`].
    pub mean_voice_after: Option<f64>,
    /// See [`PowerSummary::voice_sustainability`].
    pub voice_sustainability: Option<f64>,
    /// Number of voices unheard before the exit.
    pub unheard_before: usize,
    /// Number of voices unheard after it.
    pub unheard_after: usize,
    /// See [`PowerSummary::steep_ties`].
    pub steep_ties: usize,
    /// See [`PowerSummary::upward_trust`].
    pub upward_trust: Option<f64>,
    /// See [`PowerSummary::downward_trust`].
    pub downward_trust: Option<f64>,
    /// See [`PowerSummary::two_way_share`].
    pub two_way_share: Option<f64>,
}

impl From<&PowerSummary> for PowerBatchSummary {
    fn from(s: &PowerSummary) -> Self {
        PowerBatchSummary {
            mean_voice_before: s.mean_voice_before,
            mean_voice_after: s.mean_voice_after,
            voice_sustainability: s.voice_sustainability,
            unheard_before: s.unheard_before.len(),
            unheard_after: s.unheard_after.len(),
            steep_ties: s.steep_ties,
            upward_trust: s.upward_trust,
            downward_trust: s.downward_trust,
            two_way_share: s.two_way_share,
        }
    }
}

impl PowerReport {
    /// The actor carrying the largest share of the voices' routes (lowest id
    /// among equals within 1e-12), when some actor carries any.
    pub fn main_broker(&self) -> Option<&PowerActor> {
        let top = self
            .actors
            .iter()
            .filter_map(|a| a.voice.voice_brokerage)
            .fold(0.0, f64::max);
        (top > 0.0).then(|| {
            self.actors
                .iter()
                .find(|a| a.voice.voice_brokerage.is_some_and(|b| close(b, top)))
        })?
    }
}
