//! The `power` report as a table with findings in plain words for a meeting,
//! and as CSV rows (one per actor).

use super::words;
use crate::render::{table, Tabular};
use crate::report::power::{PowerActor, PowerReport};

impl PowerReport {
    /// How the findings name an actor: its label up to the first " (" (so
    /// "Nadia (lead implementation specialist)" reads "Nadia"), else the
    /// whole label, else the id; terminal-safe.
    pub(crate) fn label(&self, id: &str) -> String {
        let label = self
            .actors
            .binary_search_by(|a| a.identity.id.as_str().cmp(id))
            .map_or(id, |i| self.actors[i].identity.label.trim());
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
                    self.label(&b.identity.id),
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
            .map(|a| table::sanitize(&a.identity.group))
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
        let who = words::leaving(&s.exit, s.default_exit, &s.handover, &|id| self.label(id));
        let lost = match s.voice_lost.len() {
            0 => "no voice loses its line".to_string(),
            1 => format!("{} loses their line", self.labels(&s.voice_lost)),
            _ => format!("{} lose their lines", self.labels(&s.voice_lost)),
        };
        format!(
            "{who}, {lost}; the voices keep {} of their trusted access.",
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
        let names: Vec<String> = weak
            .iter()
            .map(|(a, _)| self.label(&a.identity.id))
            .collect();
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
        self.text(None)
    }

    fn table_within(&self, width: usize) -> String {
        self.text(Some(width))
    }

    fn csv_rows(&self) -> Vec<serde_json::Value> {
        crate::render::csv::serialised(&self.actors)
    }
}

impl PowerReport {
    /// The table text, fitted to `width` when given.
    // Long: the power table's sections in print order.
    fn text(&self, width: Option<usize>) -> String {
        let s = &self.summary;
        let mut out = String::new();
        super::words::findings_block_within(&self.findings(), width, &mut out);
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
                    a.identity.id.clone(),
                    a.identity.label.clone(),
                    a.identity.group.clone(),
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
            out.push_str(&super::words::fitted(vt, width, &["label", "line to"]));
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
                    a.identity.id.clone(),
                    a.identity.label.clone(),
                    a.identity.kind.to_string(),
                    table::number(a.voice.voice_brokerage),
                    if a.exiting {
                        "leaves".to_string()
                    } else {
                        table::number(a.voice.voice_brokerage_after)
                    },
                ]);
            }
            out.push_str(&super::words::fitted(bt, width, &["label"]));
        }
        out
    }
}
