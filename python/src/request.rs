//! Python arguments to library requests: the same checks and messages as the
//! CLI's flags.

use stakenet::metrics::{CentralityOptions, Distance, ExitSpec, Handover, Sample};
use stakenet::render::dot::{ClusterBy, SizeBy};
use stakenet::Network;

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

/// Who exits, every id checked against the network, as `stakenet exit
/// --exit … --handover …` reads them: `exit=None` (or empty) is every
/// external practitioner, and each handover's FROM exits too.
pub(crate) fn exit_spec(
    net: &Network,
    exit: Option<&[String]>,
    handover: &[HandoverArg],
) -> Result<ExitSpec, String> {
    let index = |id: &str, what: &str| -> Result<usize, String> {
        net.index_of(id.trim())
            .ok_or_else(|| format!("{what}: no actor has the id \"{id}\""))
    };
    let exit = match exit {
        Some(ids) if ids.iter().any(|id| !id.trim().is_empty()) => {
            let mut x = Vec::new();
            for id in ids.iter().filter(|id| !id.trim().is_empty()) {
                x.push(index(id, "exit")?);
            }
            x
        }
        _ => ExitSpec::default_for(net).exit,
    };
    let mut handovers = Vec::new();
    for (from, to, factor) in handover {
        if !(0.0..=1.0).contains(factor) {
            return Err(format!(
                "handover {from}={to}:{factor}: FACTOR: expected a number in [0, 1], found {factor}"
            ));
        }
        let (f, t) = (index(from, "handover")?, index(to, "handover")?);
        if f == t {
            return Err(format!(
                "handover {from}={to}: FROM and TO must be different actors"
            ));
        }
        handovers.push(Handover {
            from: f,
            to: t,
            factor: *factor,
        });
    }
    Ok(ExitSpec { exit, handovers })
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
