#!/usr/bin/env python3
"""`--distance hops` against bare breadth-first Brandes kernels (issue 17).

Same 10,000-actor network as `benches/peers.py` (seeded, 50,000 mutual
ties). In one run, alternating, best of `--repeat`:
- `stakenet analyze NET --distance hops --format json` (whole command);
- `time_centrality` with STAKENET_DISTANCE=hops (the path pass alone:
  betweenness, closeness, harmonic, stakeholder views), all threads;
- rustworkx `graph_betweenness_centrality` (BFS Brandes, parallel, Rust);
- igraph `betweenness()` without weights (BFS Brandes, C, one thread),
  beside `stakenet analyze --threads 1` (the same thread count);
- `examples/bare_bfs_brandes.rs` (a bare BFS Brandes kernel in Rust:
  betweenness alone, first-in-first-out queue, rayon), on every core and
  on one;
- NetworKit `Betweenness` on the unweighted graph (BFS Brandes, C++,
  OpenMP on every core), beside the default all-core stakenet run;
- optionally an older binary (`--before PATH`) for the before/after ratio.
Wall-clock and user CPU seconds (all threads) of each; on a shared machine
the CPU figures are the steadier ones.

    cargo build --release --bin stakenet --example time_centrality --example bare_bfs_brandes
    python3 benches/hops_peers.py [--before /tmp/stakenet-old]
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--before")
    ap.add_argument("--bin", default=peers.BIN, help="stakenet binary")
    ap.add_argument("--no-rustworkx", action="store_true")
    ap.add_argument("--no-networkit", action="store_true")
    ap.add_argument("--timer", default=peers.TIMER, help="time_centrality binary")
    ap.add_argument("--bare", default=os.path.join(os.path.dirname(peers.TIMER), "bare_bfs_brandes"),
                    help="bare_bfs_brandes binary")
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
    nk_graph = None
    if not a.no_networkit:
        import networkit
        networkit.setNumberOfThreads(os.cpu_count())
        nk_graph = networkit.Graph(a.n, weighted=False)
        for u, v, _ in edges:
            nk_graph.addEdge(u, v)

    def cmd(args, **kw):
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, **kw)

    runs = {
        "stakenet analyze --distance hops": lambda: cmd(
            [a.bin, "analyze", folder, "--distance", "hops", "--format", "json"]),
        "stakenet analyze --distance hops --threads 1": lambda: cmd(
            [a.bin, "analyze", folder, "--distance", "hops", "--format", "json",
             "--threads", "1"]),
        "stakenet path pass alone (hops)": lambda: cmd([a.timer, folder], env=env),
        "bare BFS Brandes kernel (Rust, all cores)": lambda: cmd([a.bare, folder]),
        "bare BFS Brandes kernel (Rust, 1 thread)": lambda: cmd(
            [a.bare, folder], env=dict(os.environ, RAYON_NUM_THREADS="1")),
        "rustworkx betweenness (BFS, parallel)": lambda: rustworkx.graph_betweenness_centrality(
            rx, parallel_threshold=1),
        "igraph betweenness (BFS, 1 thread)": lambda: ig.betweenness(directed=False),
    }
    if nk_graph is not None:
        runs["networkit Betweenness (BFS, all cores)"] = lambda: networkit.centrality.Betweenness(
            nk_graph, True).run()
    if a.no_rustworkx:
        del runs["rustworkx betweenness (BFS, parallel)"]
    if a.before:
        runs["before: stakenet analyze --distance hops"] = lambda: cmd(
            [a.before, "analyze", folder, "--distance", "hops", "--format", "json"])
    best = {k: float("inf") for k in runs}
    cpu = {k: float("inf") for k in runs}
    print(f"load average {os.getloadavg()}", flush=True)
    for _ in range(a.repeat):
        for name, fn in runs.items():
            t = peers.timed(fn)
            best[name] = min(best[name], t)
            cpu[name] = min(cpu[name], t.cpu)
            print(f"  {name}: {t:.2f} s wall, {t.cpu:.2f} s user CPU", flush=True)
    print(f"load average {os.getloadavg()}")
    base = best["stakenet analyze --distance hops"]
    base_cpu = cpu["stakenet analyze --distance hops"]
    print(f"\n| tool ({a.n} actors) | wall s (best of {a.repeat}) | ratio | user CPU s (best) | ratio |")
    print("| --- | --- | --- | --- | --- |")
    for name, t in best.items():
        print(f"| {name} | {t:.2f} | {t / base:.2f} | {cpu[name]:.2f} | {cpu[name] / base_cpu:.2f} |")


if __name__ == "__main__":
    main()
