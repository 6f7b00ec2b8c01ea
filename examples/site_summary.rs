//! Load the example site through the public API only and print a summary.
//!
//! `cargo run --example site_summary [NETWORK_DIR]`

use stakenet::metrics::{actor_ties, overview};
use stakenet::ActorKind;

fn main() -> Result<(), stakenet::Error> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "data/county-parenting-site".to_string());
    let net = stakenet::io::load_dir(&dir)?;
    let o = overview(&net);
    println!(
        "{dir}: {} actors, {} ties, {} component(s), mean trust {:.2}",
        o.actors,
        o.ties,
        o.components,
        o.mean_trust.unwrap_or(0.0)
    );
    for r in &o.relationship_types {
        println!(
            "  {:<26} {:>3} ties, mean trust {}",
            r.relationship.name(),
            r.ties,
            r.mean_trust.map_or("-".to_string(), |t| format!("{t:.2}"))
        );
    }
    // Who do the practitioners hold the most trust with?
    let ties = actor_ties(&net);
    for (i, actor) in net.actors().iter().enumerate() {
        if actor.kind == ActorKind::Practitioner {
            println!(
                "  practitioner {} ({}): {} ties, strength {:.2}",
                actor.label, actor.placement, ties[i].degree, ties[i].strength
            );
        }
    }
    Ok(())
}
