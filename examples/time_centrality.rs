//! Time the shortest-path pass alone (betweenness with closeness, harmonic
//! and the stakeholder views it computes on the way), for benches/peers.py.
//!
//! `cargo run --release --example time_centrality -- NET [K]`: prints the
//! seconds (wall, then user CPU of all threads), with K sampled sources when
//! given; `STAKENET_DISTANCE=hops`
//! measures hop lengths instead of `1 / trust`.

use std::time::Instant;

use stakenet::metrics::{path_centrality, CentralityOptions, Distance, Sample};

#[path = "support/cpu.rs"]
mod cpu;
use cpu::user_seconds;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().expect("usage: time_centrality NET [K]");
    let sample = args.next().map(|k| Sample {
        sources: k.parse().expect("K is a number"),
        seed: stakenet::metrics::centrality::DEFAULT_SEED,
    });
    let net = stakenet::io::load_dir(&dir).expect("a valid network");
    let options = CentralityOptions {
        distance: match std::env::var("STAKENET_DISTANCE").as_deref() {
            Ok("hops") => Distance::Hops,
            _ => Distance::Inverse,
        },
        betweenness_sample: sample,
    };
    let start = Instant::now();
    let cpu = user_seconds();
    let result = path_centrality(&net, &options);
    let seconds = start.elapsed().as_secs_f64();
    let cpu = user_seconds() - cpu;
    let top = result.betweenness.iter().cloned().fold(0.0, f64::max);
    println!("{seconds:.3} s ({cpu:.3} user CPU s, max betweenness {top:.6})");
}
