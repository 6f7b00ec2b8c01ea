//! A bare breadth-first Brandes kernel: the floor `stakenet analyze
//! --distance hops` is measured against in `benches/hops_peers.py`
//! (issue 17).
//!
//! `cargo run --release --example bare_bfs_brandes -- NET`: prints the
//! seconds (wall, then user CPU of all threads) of unnormalised hop
//! betweenness over every source and nothing else: a first-in-first-out
//! queue, σ as f64, one dependency vector, parallel over sources with rayon
//! (per-thread buffers, partial sums added in chunk order). It computes
//! what igraph's `betweenness(directed=False)` computes, none of what
//! `analyze` adds on the same pass (closeness, harmonic, the stakeholder
//! betweenness, practitioner dependency and share) nor the heap's settle
//! order that keeps stakenet's last digits the same from release to
//! release.

use std::collections::VecDeque;
use std::time::Instant;

use rayon::prelude::*;

/// Sources per parallel task; partial sums are added in task order.
const CHUNK: usize = 64;

#[path = "support/cpu.rs"]
mod cpu;
use cpu::user_seconds;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .expect("usage: bare_bfs_brandes NET");
    let net = stakenet::io::load_dir(&dir).expect("a valid network");
    let n = net.len();
    // Adjacency of the arcs with trust > 0, as the path metrics use.
    let mut offsets = vec![0usize; n + 1];
    let mut heads = Vec::with_capacity(net.arc_count());
    for v in 0..n {
        heads.extend(
            net.out_arcs(v)
                .filter(|(_, arc)| arc.trust > 0.0)
                .map(|(w, _)| w as u32),
        );
        offsets[v + 1] = heads.len();
    }
    let out = |v: usize| &heads[offsets[v]..offsets[v + 1]];

    let start = Instant::now();
    let cpu = user_seconds();
    let sources: Vec<usize> = (0..n).collect();
    let partials: Vec<Vec<f64>> = sources
        .par_chunks(CHUNK)
        .map_init(
            || Kernel::new(n),
            |kernel, chunk| {
                let mut sums = vec![0.0; n];
                for &s in chunk {
                    kernel.source(s, &out, &mut sums);
                }
                sums
            },
        )
        .collect();
    let mut betweenness = vec![0.0; n];
    for p in &partials {
        for (b, x) in betweenness.iter_mut().zip(p) {
            *b += x;
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    let cpu = user_seconds() - cpu;
    let top = betweenness.iter().cloned().fold(0.0, f64::max);
    println!("{seconds:.3} s ({cpu:.3} user CPU s, max unnormalised betweenness {top:.3})");
}

/// One worker's buffers for single-source BFS and the backward pass.
struct Kernel {
    dist: Vec<u32>,
    sigma: Vec<f64>,
    delta: Vec<f64>,
    order: Vec<u32>,
    queue: VecDeque<u32>,
}

impl Kernel {
    fn new(n: usize) -> Self {
        Kernel {
            dist: vec![u32::MAX; n],
            sigma: vec![0.0; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
            queue: VecDeque::with_capacity(n),
        }
    }

    /// Brandes (2001) from `s` on hop lengths: predecessors are found again
    /// in the backward pass as the neighbours one hop nearer (the network
    /// is undirected here), so no predecessor lists are kept.
    fn source<'a>(&mut self, s: usize, out: &impl Fn(usize) -> &'a [u32], sums: &mut [f64]) {
        self.dist[s] = 0;
        self.sigma[s] = 1.0;
        self.queue.push_back(s as u32);
        while let Some(v) = self.queue.pop_front() {
            self.order.push(v);
            let v = v as usize;
            let next = self.dist[v] + 1;
            for &w in out(v) {
                let w = w as usize;
                if self.dist[w] == u32::MAX {
                    self.dist[w] = next;
                    self.queue.push_back(w as u32);
                }
                if self.dist[w] == next {
                    self.sigma[w] += self.sigma[v];
                }
            }
        }
        for &w in self.order.iter().rev() {
            let w = w as usize;
            let coeff = (1.0 + self.delta[w]) / self.sigma[w];
            let before = self.dist[w].wrapping_sub(1);
            for &v in out(w) {
                let v = v as usize;
                if self.dist[v] == before {
                    self.delta[v] += self.sigma[v] * coeff;
                }
            }
            if w != s {
                sums[w] += self.delta[w];
            }
        }
        for &v in &self.order {
            let v = v as usize;
            self.dist[v] = u32::MAX;
            self.sigma[v] = 0.0;
            self.delta[v] = 0.0;
        }
        self.order.clear();
    }
}
