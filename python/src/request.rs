//! Python arguments to library requests: the same checks and messages as the
//! CLI's flags.

use stakenet::{
    ActorKind, CentralityOptions, ClusterBy, Distance, ExitRequest, ExitSelection, Handover,
    Sample, SizeBy,
};

/// A handover as Python gives it: (FROM, TO, FACTOR).
pub(crate) type HandoverArg = (String, String, f64);

/// `distance=` and `betweenness_sample=`/`seed=` as the library's options
/// (`seed` only matters with a sample).
/// `"inverse"` (alias `"trust"`): tie length 1/trust; `"hops"`: 1.
pub(crate) fn centrality(
    distance: &str,
    betweenness_sample: Option<u64>,
    seed: u64,
) -> Result<CentralityOptions, String> {
    let distance = match distance {
        "inverse" | "trust" => Distance::Inverse,
        "hops" => Distance::Hops,
        other => {
            return Err(format!(
                "distance: expected \"inverse\" (alias \"trust\") or \"hops\", found {other:?}"
            ))
        }
    };
    let betweenness_sample = match betweenness_sample {
        None => None,
        Some(k) if k < 2 => {
            return Err(format!(
                "betweenness_sample: expected at least 2 sources, found {k}"
            ))
        }
        Some(k) => Some(Sample {
            sources: usize::try_from(k).unwrap_or(usize::MAX),
            seed,
        }),
    };
    Ok(CentralityOptions {
        distance,
        betweenness_sample,
    })
}

/// Who exits, as `stakenet exit --exit … --handover …` asks it: `exit=None`
/// (or no id) is every external practitioner, and each handover's FROM exits
/// too. The library checks the ids and factors ([`stakenet::Scenario`]).
pub(crate) fn exit_request(exit: Option<Vec<String>>, handover: Vec<HandoverArg>) -> ExitRequest {
    ExitRequest {
        exit: exit.filter(|ids| ids.iter().any(|id| !id.trim().is_empty())),
        handovers: handover
            .into_iter()
            .map(|(from, to, factor)| Handover { from, to, factor })
            .collect(),
    }
}

/// Who leaves by kind and role, as `--exit-kind`/`--exit-role` ask it:
/// `exit_kind=` `"practitioner"` or `"stakeholder"`, `exit_role=` a role
/// (exactly, case included). `ids_given`: `exit=` named ids, which the two
/// exclude, as the CLI's flags exclude `--exit`.
pub(crate) fn exit_selection(
    kind: Option<&str>,
    role: Option<String>,
    ids_given: bool,
) -> Result<Option<ExitSelection>, String> {
    if kind.is_none() && role.is_none() {
        return Ok(None);
    }
    if ids_given {
        return Err(
            "exit_kind/exit_role: give who leaves by id (exit=) or by kind and role, not both"
                .to_string(),
        );
    }
    let kind = match kind {
        None => None,
        Some("practitioner") => Some(ActorKind::Practitioner),
        Some("stakeholder") => Some(ActorKind::Stakeholder),
        Some(other) => {
            return Err(format!(
                "exit_kind: expected \"practitioner\" or \"stakeholder\", found {other:?}"
            ))
        }
    };
    if role.as_deref().is_some_and(|r| r.trim().is_empty()) {
        return Err("exit_role: names no role; give the role of the actors who leave".to_string());
    }
    Ok(Some(ExitSelection { kind, role }))
}

/// `size_by=` as the CLI's `--size-by` spells it.
pub(crate) fn size_by(name: &str) -> Result<SizeBy, String> {
    let all = [
        SizeBy::Power,
        SizeBy::Degree,
        SizeBy::Strength,
        SizeBy::Constraint,
        SizeBy::EffectiveSize,
        SizeBy::Brokerage,
        SizeBy::Betweenness,
        SizeBy::Pagerank,
    ];
    all.into_iter().find(|s| s.name() == name).ok_or_else(|| {
        let names: Vec<&str> = all.iter().map(|s| s.name()).collect();
        format!(
            "size_by: expected one of {}, found {name:?}",
            names.join(", ")
        )
    })
}

/// `cluster_by=`: `"group"`, `"level"` or `"none"` (or None).
pub(crate) fn cluster_by(name: Option<&str>) -> Result<ClusterBy, String> {
    match name {
        Some("group") => Ok(ClusterBy::Group),
        Some("level") => Ok(ClusterBy::Level),
        Some("none") | None => Ok(ClusterBy::None),
        Some(other) => Err(format!(
            "cluster_by: expected \"group\", \"level\" or None, found {other:?}"
        )),
    }
}
