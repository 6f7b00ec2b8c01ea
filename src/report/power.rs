//! The report of `stakenet power`: who among the least powerful stakeholders
//! has a trusted line to those who decide, through whom the lines run, what
//! the exit does to them, and whether trust runs both ways across a power
//! gap; findings in plain words for the table.
//!
//! JSON: `{"summary": {…contract names…}, "actors": [{"id", …}]}`, actors in
//! id order; CSV: one row per actor.

use serde::Serialize;

use super::exit::{words, HandoverRow};
use crate::metrics::exit::{close, default_exit};
use crate::metrics::power::{PowerMeasures, PowerRequest, Selection};
use crate::model::{ActorKind, Network, Placement};
use crate::render::{table, Tabular};

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
    /// The actor's id.
    pub id: String,
    /// Display name.
    pub label: String,
    /// Practitioner or stakeholder.
    pub kind: ActorKind,
    /// External or internal.
    pub placement: Placement,
    /// Group.
    pub group: String,
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
            id: a.id.clone(),
            label: a.label.clone(),
            kind: a.kind,
            placement: a.placement,
            group: a.group.clone(),
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

impl PowerReport {
    /// How the findings name an actor: its label up to the first " (" (so
    /// "Nadia (lead implementation specialist)" reads "Nadia"), else the
    /// whole label, else the id; terminal-safe.
    fn label(&self, id: &str) -> String {
        let label = self
            .actors
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .map_or(id, |i| self.actors[i].label.trim());
        let short = match label.split_once(" (") {
            Some((head, _)) if !head.trim().is_empty() => head.trim(),
            _ if !label.is_empty() => label,
            _ => id,
        };
        table::sanitize(short)
    }

    fn labels(&self, ids: &[String]) -> String {
        words::list(&ids.iter().map(|id| self.label(id)).collect::<Vec<_>>())
    }

    /// The actor carrying the largest share of the voices' routes (lowest id
    /// among equals within 1e-12), when some actor carries any.
    fn main_broker(&self) -> Option<&PowerActor> {
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

    /// Findings in plain words, one per line, for a meeting.
    pub fn findings(&self) -> Vec<String> {
        let s = &self.summary;
        let mut out = Vec::new();
        let missing = |who: &str, rule: String, flag: &str| {
            format!(
                "Nobody counts as {who} here: no stakeholder who stays has {rule}. \
                 To fix it, set each actor's power (0 to 1) in nodes.csv, or name them \
                 with {flag} ID,…"
            )
        };
        if s.voices.is_empty() {
            out.push(missing(
                "a voice (the stakeholders with least power)",
                format!("power at or below {}", s.low_power.unwrap_or_default()),
                "--voices",
            ));
        }
        if s.decision_makers.is_empty() {
            out.push(missing(
                "a decision-maker",
                format!("power at or above {}", s.decision_power.unwrap_or_default()),
                "--decision-makers",
            ));
        }
        if out.is_empty() && s.mean_voice_before.is_none() {
            out.push(
                "The only voice is also the only decision-maker, so there is no line to \
                 measure; name other --voices or --decision-makers."
                    .to_string(),
            );
        }
        if s.mean_voice_before.is_some() {
            out.push(self.lines_sentence());
            if let Some(b) = self.main_broker() {
                out.push(format!(
                    "{} carries {} of the voices' shortest routes to {}.",
                    self.label(&b.id),
                    words::percent(b.voice.voice_brokerage),
                    self.decision_makers_phrase()
                ));
            }
            out.push(self.exit_sentence());
            if let Some(weaker) = self.weakened_sentence() {
                out.push(weaker);
            }
            out.push(self.contact_sentence());
        }
        out.push(self.steep_sentence());
        out
    }

    fn decision_makers_phrase(&self) -> String {
        let d = &self.summary.decision_makers;
        if d.len() <= 3 {
            self.labels(d)
        } else {
            format!("the {} decision-makers", d.len())
        }
    }

    /// "Of the 14 voices (families, frontline), 2 have no trusted line to a
    /// decision-maker (Rosa and Tom)."
    fn lines_sentence(&self) -> String {
        let s = &self.summary;
        let mut groups: Vec<String> = self
            .actors
            .iter()
            .filter(|a| a.voice.voice)
            .map(|a| table::sanitize(&a.group))
            .filter(|g| !g.is_empty())
            .collect();
        groups.sort();
        groups.dedup();
        let who = if groups.is_empty() || groups.len() > 4 {
            format!("Of the {} voices", s.voices.len())
        } else {
            format!(
                "Of the {} voices ({})",
                s.voices.len(),
                words::list(&groups)
            )
        };
        let unheard = s.unheard_before.len();
        let lines = match unheard {
            0 => "every one has a trusted line to a decision-maker".to_string(),
            1 => format!(
                "1 has no trusted line to a decision-maker ({})",
                self.labels(&s.unheard_before)
            ),
            k => format!(
                "{k} have no trusted line to a decision-maker ({})",
                self.labels(&s.unheard_before)
            ),
        };
        format!(
            "{who}, {lines}; their best lines carry {} trust on average.",
            words::percent(s.mean_voice_before)
        )
    }

    /// "If the external practitioners leave (Nadia and Omar), Maria loses
    /// her line; the voices keep 61% of their trusted access."
    fn exit_sentence(&self) -> String {
        let s = &self.summary;
        let leaving: Vec<String> = s.exit.iter().map(|id| self.label(id)).collect();
        let who = if leaving.is_empty() {
            "With nobody leaving".to_string()
        } else if s.default_exit {
            format!(
                "If the external practitioners leave ({})",
                words::list(&leaving)
            )
        } else {
            format!(
                "If {} leave{}",
                words::list(&leaving),
                if leaving.len() == 1 { "s" } else { "" }
            )
        };
        let handed = if s.handover.is_empty() {
            String::new()
        } else {
            let h: Vec<String> = s
                .handover
                .iter()
                .map(|h| {
                    format!(
                        "{}'s ties to {} (at {:.0}% trust)",
                        self.label(&h.from),
                        self.label(&h.to),
                        h.factor * 100.0
                    )
                })
                .collect();
            format!(" after handing {}", words::list(&h))
        };
        let lost = match s.voice_lost.len() {
            0 => "no voice loses its line".to_string(),
            1 => format!("{} loses their line", self.labels(&s.voice_lost)),
            _ => format!("{} lose their lines", self.labels(&s.voice_lost)),
        };
        format!(
            "{who}{handed}, {lost}; the voices keep {} of their trusted access.",
            words::percent(s.voice_sustainability)
        )
    }

    /// "Lee, Maria, Rosa and Tom keep less than half of their line's trust
    /// (23% to 35%)": the voices whose line survives the exit at less than
    /// half its trust.
    fn weakened_sentence(&self) -> Option<String> {
        let weak: Vec<(&PowerActor, f64)> = self
            .actors
            .iter()
            .filter_map(|a| {
                let r = a.voice.voice_retained?;
                (r > 0.0 && r < 0.5).then_some((a, r))
            })
            .collect();
        let (lo, hi) = weak
            .iter()
            .fold((f64::INFINITY, 0.0f64), |(lo, hi), &(_, r)| {
                (lo.min(r), hi.max(r))
            });
        let names: Vec<String> = weak.iter().map(|(a, _)| self.label(&a.id)).collect();
        match names.len() {
            0 => None,
            1 => Some(format!(
                "{} keeps less than half of their line's trust ({}).",
                names[0],
                words::percent(Some(lo))
            )),
            _ => Some(format!(
                "{} keep less than half of their line's trust ({} to {}).",
                words::list(&names),
                words::percent(Some(lo)),
                words::percent(Some(hi))
            )),
        }
    }

    /// "2 of the 4 decision-makers have a direct trusted tie with a voice
    /// (afterwards: 2)."
    fn contact_sentence(&self) -> String {
        let s = &self.summary;
        let d = s.decision_makers.len();
        let count = |x: Option<f64>| x.map_or(0, |x| (x * d as f64).round() as usize);
        let (before, after) = (
            count(s.direct_contact_before),
            count(s.direct_contact_after),
        );
        let after = if after == before {
            "the same after the exit".to_string()
        } else {
            format!("{after} after the exit")
        };
        let verb = if before == 1 { "has" } else { "have" };
        format!(
            "{before} of the {d} decision-makers {verb} a direct trusted tie with a voice ({after})."
        )
    }

    /// "3 of 5 ties across a power gap of 0.3 or more have trust both ways;
    /// trust upward averages 0.72, downward 0.55."
    fn steep_sentence(&self) -> String {
        let s = &self.summary;
        match s.steep_ties {
            0 => format!("No tie spans a power gap of {} or more.", s.steep),
            k => {
                let two_way = (s.two_way_share.unwrap_or(0.0) * k as f64).round() as usize;
                format!(
                    "{two_way} of {k} ties across a power gap of {} or more have trust both \
                     ways; trust upward averages {}, downward {}.",
                    s.steep,
                    two_decimals(s.upward_trust),
                    two_decimals(s.downward_trust),
                )
            }
        }
    }
}

/// A trust for prose: two decimals, "none" when undefined.
fn two_decimals(x: Option<f64>) -> String {
    x.map_or("none".to_string(), |x| format!("{x:.2}"))
}

impl Tabular for PowerReport {
    fn table(&self) -> String {
        let s = &self.summary;
        let mut out = String::new();
        for line in self.findings() {
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
        let mut t = table::Table::new(&["measure", "before", "after"]);
        let num = table::number;
        let count = |n: usize| n.to_string();
        let unheard = |n: usize| {
            s.mean_voice_before
                .map_or("-".to_string(), |_| n.to_string())
        };
        let rows = [
            ["voices".to_string(), count(s.voices.len()), String::new()],
            [
                "decision-makers".into(),
                count(s.decision_makers.len()),
                String::new(),
            ],
            [
                "mean voice".into(),
                num(s.mean_voice_before),
                num(s.mean_voice_after),
            ],
            [
                "voice sustainability".into(),
                String::new(),
                num(s.voice_sustainability),
            ],
            [
                "voices unheard".into(),
                unheard(s.unheard_before.len()),
                unheard(s.unheard_after.len()),
            ],
            [
                "direct contact".into(),
                num(s.direct_contact_before),
                num(s.direct_contact_after),
            ],
            ["steep ties".into(), count(s.steep_ties), String::new()],
            ["upward trust".into(), num(s.upward_trust), String::new()],
            [
                "downward trust".into(),
                num(s.downward_trust),
                String::new(),
            ],
            ["two-way share".into(), num(s.two_way_share), String::new()],
        ];
        for r in rows {
            t.row(r.to_vec());
        }
        out.push_str(&t.render());
        let voices: Vec<&PowerActor> = self.actors.iter().filter(|a| a.voice.voice).collect();
        if !voices.is_empty() {
            out.push('\n');
            let mut vt = table::Table::new(&[
                "voice",
                "label",
                "group",
                "power",
                "line before",
                "line to",
                "line after",
                "retained",
            ]);
            for a in voices {
                vt.row(vec![
                    a.id.clone(),
                    a.label.clone(),
                    a.group.clone(),
                    table::number(Some(a.power)),
                    table::number(a.voice.voice_before),
                    a.voice
                        .line_to
                        .as_deref()
                        .map_or("-".into(), |d| self.label(d)),
                    table::number(a.voice.voice_after),
                    table::number(a.voice.voice_retained),
                ]);
            }
            out.push_str(&vt.render());
        }
        let mut brokers: Vec<&PowerActor> = self
            .actors
            .iter()
            .filter(|a| {
                a.voice.voice_brokerage.is_some_and(|b| b > 0.0)
                    || a.voice.voice_brokerage_after.is_some_and(|b| b > 0.0)
            })
            .collect();
        if !brokers.is_empty() {
            // Largest share first, then by id (a stable sort keeps id order).
            brokers.sort_by(|a, b| {
                b.voice
                    .voice_brokerage
                    .unwrap_or(0.0)
                    .total_cmp(&a.voice.voice_brokerage.unwrap_or(0.0))
            });
            out.push('\n');
            let mut bt =
                table::Table::new(&["through", "label", "kind", "routes before", "routes after"]);
            for a in brokers {
                bt.row(vec![
                    a.id.clone(),
                    a.label.clone(),
                    a.kind.to_string(),
                    table::number(a.voice.voice_brokerage),
                    if a.exiting {
                        "leaves".to_string()
                    } else {
                        table::number(a.voice.voice_brokerage_after)
                    },
                ]);
            }
            out.push_str(&bt.render());
        }
        out
    }

    fn csv_rows(&self) -> Vec<serde_json::Value> {
        self.actors
            .iter()
            .map(|a| serde_json::to_value(a).expect("report rows serialise"))
            .collect()
    }
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
