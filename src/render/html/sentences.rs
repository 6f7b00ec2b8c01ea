//! The page's findings in plain words, from the reports' fields.

use crate::model::Placement;
use crate::render::reports::words;
use crate::report::analyze::{AnalyzeActor, AnalyzeReport};
use crate::report::PlanReport;
use crate::text::sanitize;

/// "Nadia (…), external practitioner, intermediary: on 58% of the most
/// trusted paths between two other actors (betweenness 0.578); 164 times it
/// links two actors who have no tie of their own (brokerage): 134 between two
/// other groups, …"
pub(crate) fn broker_sentence(a: &AnalyzeActor) -> String {
    let who = &a.identity;
    let group = if who.group.is_empty() {
        String::new()
    } else {
        format!(", {}", sanitize(&who.group))
    };
    let roles: Vec<String> = [
        (a.liaison, "between two other groups"),
        (a.representative, "from its group out to another"),
        (a.gatekeeper, "from another group into its own"),
        (a.itinerant, "within another group"),
        (a.coordinator, "within its own group"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, what)| format!("{n} {what}"))
    .collect();
    let brokerage = if a.brokerage_total == 0 {
        "it never links two actors who have no tie of their own (brokerage 0)".to_string()
    } else {
        format!(
            "{} time{} it links two actors who have no tie of their own (brokerage): {}",
            a.brokerage_total,
            if a.brokerage_total == 1 { "" } else { "s" },
            words::list(&roles)
        )
    };
    format!(
        "{}, {} {}{}: on {} of the most trusted paths between two other actors \
                     (betweenness {:.3}); {}.",
        sanitize(&who.label),
        who.placement,
        who.kind,
        group,
        words::percent(Some(a.betweenness)),
        a.betweenness,
        brokerage
    )
}

/// "Brokering these 5 introductions raises the share of trusted reach kept
/// from 56% to 81%."
pub(crate) fn plan_summary(report: &PlanReport) -> String {
    match report.plan.steps.as_slice() {
        [] => "No introduction between the leavers' contacts would add trusted reach.".to_string(),
        steps => format!(
            "Brokering {} raises the share of trusted reach kept from {} to {}.",
            if steps.len() == 1 {
                "this introduction".to_string()
            } else {
                format!("these {} introductions", steps.len())
            },
            words::percent(report.summary.sustainability),
            words::percent(steps[steps.len() - 1].sustainability)
        ),
    }
}

/// Practitioner dependency and the practitioner carrying most of it.
pub(crate) fn dependency(report: &AnalyzeReport) -> Vec<String> {
    let mut out = vec![match report.network.practitioner_dependency {
        Some(d) => format!(
            "On average {} of the most trusted paths between two stakeholders run through a \
             practitioner (practitioner dependency {d:.3}).",
            words::percent(Some(d))
        ),
        None => "No two stakeholders are connected, so their dependency on the practitioners \
                 is undefined."
            .to_string(),
    }];
    let top = report
        .actors
        .iter()
        .filter_map(|a| a.practitioner_share.map(|s| (a, s)))
        .filter(|(_, s)| *s > 0.0)
        .fold(None::<(&AnalyzeActor, f64)>, |best, (a, s)| match best {
            Some((_, b)) if b >= s => best,
            _ => Some((a, s)),
        });
    if let Some((a, s)) = top {
        let external = if a.identity.placement == Placement::External {
            "external "
        } else {
            ""
        };
        out.push(format!(
            "The {external}practitioner {} alone carries {} of them (practitioner share {s:.3}).",
            sanitize(&a.identity.label),
            words::percent(Some(s))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::page::{GroupCount, Provenance};
    use crate::{Actor, ExitRequest, Network, ReportRequest, TieSpec};

    /// isp brokers lead ↔ worker ↔ family: the only path between any two
    /// stakeholders runs through it.
    fn star() -> Network {
        let mut isp = Actor::practitioner("isp");
        isp.label = "Ines".into();
        isp.group = "intermediary".into();
        let mut actors = vec![isp];
        for (id, group) in [
            ("family", "families"),
            ("lead", "agency"),
            ("worker", "agency"),
        ] {
            let mut a = Actor::stakeholder(id);
            a.group = group.into();
            actors.push(a);
        }
        Network::from_parts(
            actors,
            &[
                TieSpec::mutual("isp", "lead", 0.8),
                TieSpec::mutual("isp", "worker", 0.5),
                TieSpec::mutual("isp", "family", 0.5),
            ],
        )
        .unwrap()
    }

    #[test]
    // Long: a test listing every sentence of one hand-checked network.
    fn a_star_centre_holds_everything_together() {
        let net = star();
        let p = crate::report_page(
            &net,
            &ReportRequest {
                name: "star".into(),
                provenance: Provenance::new(vec![], "stakenet report star"),
                exit: ExitRequest::default(),
                plan: 5,
                centrality: Default::default(),
                voice: Default::default(),
            },
        )
        .unwrap();
        // Betweenness of the centre of a 4-star: 3 pairs of leaves, all
        // through it, over (n−1)(n−2)/2 = 3 pairs: 1. Its brokerage, by
        // hand (groups intermediary / families / agency / agency):
        // lead–worker is agency–agency with the broker outside: itinerant
        // (counted both ways: 2); family–lead and family–worker are two
        // other, different groups: liaison, both ways: 4.
        // Actors in id order: family, isp, lead, worker.
        assert_eq!(p.brokers, [1]);
        assert_eq!(
            broker_sentence(&p.analyze.actors[1]),
            "Ines, external practitioner, intermediary: on 100% of the most trusted paths \
             between two other actors (betweenness 1.000); 6 times it links two actors who have \
             no tie of their own (brokerage): 4 between two other groups and 2 within another \
             group."
        );
        assert_eq!(
            dependency(&p.analyze),
            [
                "On average 100% of the most trusted paths between two stakeholders run through \
                 a practitioner (practitioner dependency 1.000).",
                "The external practitioner Ines alone carries 100% of them (practitioner share \
                 1.000)."
            ]
        );
        // The three stakeholders are all stranded when Ines leaves.
        assert_eq!(p.exit.summary.stranded, ["family", "lead", "worker"]);
        assert_eq!(p.exit.summary.sustainability, Some(0.0));
        assert_eq!(
            p.groups,
            [
                GroupCount {
                    group: "agency".into(),
                    practitioners: 0,
                    stakeholders: 2
                },
                GroupCount {
                    group: "families".into(),
                    practitioners: 0,
                    stakeholders: 1
                },
                GroupCount {
                    group: "intermediary".into(),
                    practitioners: 1,
                    stakeholders: 0
                },
            ]
        );
        // The plan, by hand: before, pt = 0.4 (family–lead, lead–worker)
        // and 0.25 (family–worker), mean over 6 ordered pairs 0.35. Ines can
        // introduce every pair, at trust 0.4, 0.25 and 0.4. Step 1: family–lead
        // or lead–worker (each 2·0.4/6); equal, so the lower ids. Step 2:
        // lead–worker (0.4 + 0.4 + 0.4·0.4 = 0.96, against 0.75 for
        // family–worker). Step 3: family–worker (0.25 > 0.16): back to 0.35,
        // all of it.
        let steps: Vec<(&str, &str)> = p
            .plan
            .plan
            .steps
            .iter()
            .map(|s| (s.a.as_str(), s.b.as_str()))
            .collect();
        assert_eq!(
            steps,
            [("family", "lead"), ("lead", "worker"), ("family", "worker")]
        );
        assert_eq!(
            plan_summary(&p.plan),
            "Brokering these 3 introductions raises the share of trusted reach kept from 0% \
             to 100%."
        );
        // The page's power report is `stakenet power` of the same exit.
        assert_eq!(p.power, crate::power(&net, &Default::default()).unwrap());
        assert!(p.maps.after.contains("isp"));
    }
}
