#!/usr/bin/env python3
"""stakenet from Python against networkx on a 10,000-actor network, in one run.

Times Burt's measures (constraint, effective size) and betweenness:
networkx's `constraint`, `effective_size` and `betweenness_centrality` (one
call each) against `stakenet.load(...).analyze()`, which computes them and
every other actor figure in one call; the same network through the CLI
(`stakenet analyze`) shows what the Python layer costs. The values are
compared too.

    pip install ./python          # a release build of the package
    cargo build --release         # the CLI, for the layer's cost
    python3 benches/python_peers.py [--actors 10000] [--runs 3]

Results and the machine's state go in benches/README.md ("Python").
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def network(n: int, mean_degree: int = 10, groups: int = 20, seed: int = 42):
    """A random network: n actors in `groups` groups, about n·mean_degree/2
    mutual ties with trust in {0.1, …, 1.0}."""
    rng = random.Random(seed)
    seen, ties = set(), []
    while len(ties) < n * mean_degree // 2:
        s, t = rng.randrange(n), rng.randrange(n)
        if s != t and (min(s, t), max(s, t)) not in seen:
            seen.add((min(s, t), max(s, t)))
            ties.append((s, t, rng.randint(1, 10) / 10))
    ids = [f"a{i:05}" for i in range(n)]
    return ids, [f"g{i % groups:02}" for i in range(n)], ties


def write(folder: Path, ids, groups, ties):
    with open(folder / "nodes.csv", "w") as f:
        f.write("id,group\n")
        f.writelines(f"{i},{g}\n" for i, g in zip(ids, groups))
    with open(folder / "edges.csv", "w") as f:
        f.write("source,target,trust\n")
        f.writelines(f"{ids[s]},{ids[t]},{w!r}\n" for s, t, w in ties)


def timed(f, runs):
    best, out = math.inf, None
    for _ in range(runs):
        start = time.perf_counter()
        out = f()
        best = min(best, time.perf_counter() - start)
    return best, out


def stakenet_times(folder: Path, runs: int):
    """Load and analyze from Python (min of `runs`), as a dict."""
    import stakenet

    load, net = timed(lambda: stakenet.load(folder), runs)
    analyze, result = timed(net.analyze, runs)
    return {"load": load, "analyze": analyze, "actors": result.to_records()}


def worst(got: dict, want: dict):
    """Largest relative difference over actors where both are defined."""
    out = 0.0
    for k, w in want.items():
        g = got[k]
        if g is None or w is None or math.isnan(w):
            continue
        out = max(out, abs(g - w) / max(abs(w), 1e-300))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--actors", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--nx-sources", type=int, default=None,
        help="time networkx betweenness on this many sampled sources and scale the time "
        "by actors/sources (each source is one shortest-path run; default: all, exact)",
    )
    parser.add_argument("--quick", action="store_true",
                        help="skip the 1-thread and CLI timings of stakenet")
    parser.add_argument("--stakenet-only", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stakenet_only:
        t = stakenet_times(Path(args.stakenet_only), args.runs)
        print(json.dumps({"load": t["load"], "analyze": t["analyze"]}))
        return

    import networkx as nx
    import stakenet

    ids, groups, ties = network(args.actors)
    folder = Path(tempfile.mkdtemp(prefix="stakenet-python-bench-"))
    write(folder, ids, groups, ties)
    print(f"{len(ids)} actors, {len(ties)} mutual ties; stakenet {stakenet.__version__}, "
          f"networkx {nx.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")

    class Rows(list):
        def append(self, row):
            super().append(row)
            print(f"{row[0]:<62} {row[1]:10.3f} s", flush=True)

    rows = Rows()
    sn = stakenet_times(folder, args.runs)
    rows.append(("stakenet load (Python)", sn["load"]))
    rows.append(("stakenet analyze (Python, all threads): every actor figure", sn["analyze"]))
    one = None if args.quick else subprocess.run(
        [sys.executable, __file__, "--stakenet-only", str(folder), "--runs", str(args.runs)],
        env={**os.environ, "RAYON_NUM_THREADS": "1"}, capture_output=True, text=True, check=True,
    )
    if one is not None:
        rows.append(("stakenet analyze (Python, 1 thread)", json.loads(one.stdout)["analyze"]))
    cli = ROOT / "target" / "release" / "stakenet"
    if cli.exists() and not args.quick:
        out = folder / "report.json"
        t, _ = timed(lambda: subprocess.run(
            [str(cli), "analyze", str(folder), "--format", "json", "-o", str(out)], check=True), args.runs)
        rows.append(("stakenet analyze (CLI, all threads): load + analyze + JSON", t))

    G = nx.Graph()
    G.add_nodes_from(ids)
    for s, t, w in ties:
        G.add_edge(ids[s], ids[t], trust=w, length=1 / w)
    nodes = list(G)
    t_c, nx_constraint = timed(lambda: nx.constraint(G, weight="trust", nodes=nodes), 1)
    rows.append(("networkx constraint(weight=trust, nodes=all)", t_c))
    t_e, nx_size = timed(lambda: nx.effective_size(G, weight="trust", nodes=nodes), 1)
    rows.append(("networkx effective_size(weight=trust, nodes=all)", t_e))
    if args.nx_sources is None or args.nx_sources >= len(ids):
        t_b, nx_betweenness = timed(lambda: nx.betweenness_centrality(G, weight="length"), 1)
        rows.append(("networkx betweenness_centrality(weight=1/trust)", t_b))
    else:
        k = args.nx_sources
        t_k, _ = timed(lambda: nx.betweenness_centrality(G, k=k, weight="length", seed=1), 1)
        rows.append((f"networkx betweenness_centrality(k={k}, weight=1/trust)", t_k))
        t_b, nx_betweenness = t_k * len(ids) / k, None
        rows.append((f"  → all {len(ids)} sources, estimated (× {len(ids) / k:g})", t_b))

    total = t_c + t_e + t_b
    print(f"networkx, the three calls: {total:.1f} s; stakenet analyze: {sn['analyze']:.3f} s "
          f"→ ratio {total / sn['analyze']:.0f}×" + (
              f"; 1 thread {total / json.loads(one.stdout)['analyze']:.0f}×" if one is not None else ""))
    print(f"burt (constraint + effective size): networkx {t_c + t_e:.1f} s → ratio {(t_c + t_e) / sn['analyze']:.0f}× "
          f"against the whole analyze")
    print(f"betweenness: networkx {t_b:.1f} s → ratio {t_b / sn['analyze']:.0f}× against the whole analyze")

    got = {f: {r["id"]: r[f] for r in sn["actors"]} for f in ("constraint", "effective_size", "betweenness")}
    print("largest relative difference from networkx: "
          f"constraint {worst(got['constraint'], nx_constraint):.1e}, "
          f"effective_size {worst(got['effective_size'], nx_size):.1e}" + (
              f", betweenness {worst(got['betweenness'], nx_betweenness):.1e}" if nx_betweenness else ""))


if __name__ == "__main__":
    main()
