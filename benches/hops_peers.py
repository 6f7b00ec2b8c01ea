#!/usr/bin/env python3
"""`--distance hops` against bare breadth-first Brandes kernels (issue 17).

Same 10,000-actor network as `benches/peers.py` (seeded, 50,000 mutual
ties). In one run, alternating, best of `--repeat`:
- `stakenet analyze NET --distance hops --format json` (whole command);
- `time_centrality` with STAKENET_DISTANCE=hops (the path pass alone:
  betweenness, closeness, harmonic, stakeholder views), all threads;
- rustworkx `graph_betweenness_centrality` (BFS Brandes, parallel, Rust);
- igraph `betweenness()` without weights (BFS Brandes, C, one thread);
- optionally an older binary (`--before PATH`) for the before/after ratio.

    cargo build --release --bin stakenet --example time_centrality
    python3 benches/hops_peers.py [--before /tmp/stakenet-old]
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402


def wall(fn):
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--before")
    ap.add_argument("--out", default=os.path.join(peers.ROOT, "target", "peers"))
    a = ap.parse_args()
    folder, edges = peers.generate(a.n, a.out)
    import igraph
    import rustworkx

    ig = igraph.Graph(n=a.n, edges=[(u, v) for u, v, _ in edges])
    rx = rustworkx.PyGraph()
    rx.add_nodes_from(range(a.n))
    rx.add_edges_from_no_data([(u, v) for u, v, _ in edges])
    env = dict(os.environ, STAKENET_DISTANCE="hops")

    def cmd(args, **kw):
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, **kw)

    runs = {
        "stakenet analyze --distance hops": lambda: cmd(
            [peers.BIN, "analyze", folder, "--distance", "hops", "--format", "json"]),
        "stakenet path pass alone (hops)": lambda: cmd([peers.TIMER, folder], env=env),
        "rustworkx betweenness (BFS, parallel)": lambda: rustworkx.graph_betweenness_centrality(
            rx, parallel_threshold=1),
        "igraph betweenness (BFS, 1 thread)": lambda: ig.betweenness(directed=False),
    }
    if a.before:
        runs["before: stakenet analyze --distance hops"] = lambda: cmd(
            [a.before, "analyze", folder, "--distance", "hops", "--format", "json"])
    best = {k: float("inf") for k in runs}
    for _ in range(a.repeat):
        for name, fn in runs.items():
            best[name] = min(best[name], wall(fn))
            print(f"  {name}: {best[name]:.2f} s", flush=True)
    base = best["stakenet analyze --distance hops"]
    print(f"\n| tool ({a.n} actors) | seconds (best of {a.repeat}) | ratio to stakenet analyze |")
    print("| --- | --- | --- |")
    for name, t in best.items():
        print(f"| {name} | {t:.2f} | {t / base:.2f} |")


if __name__ == "__main__":
    main()
