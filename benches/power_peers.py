#!/usr/bin/env python3
"""Side-by-side timing: `stakenet power` against networkx
`betweenness_centrality_subset` on the same voices and decision-makers.

    cargo build --release --bin stakenet
    python3 benches/power_peers.py [--n 10000] [--out DIR] [--skip-after]

Network: the generated network of `benches/peers.py` (n actors, every 20th
a practitioner, 5n mutual ties, trust uniform in (0, 1], seed 2024 + n),
with a `power` column added: 30% of the actors, drawn at random among the
stakeholders (seed 7), get power 0.1 (the voices), 5% get 0.9 (the
decision-makers), everyone else 0.5. `stakenet power` runs with its
defaults: the external practitioners (every 20th actor) leave.

What each side computes:
* stakenet (one process, CSV read and JSON written included): per voice a
  most-trusted-path pass in G and in G' and a shortest-path pass in each
  (voice_before/after, line_to, voice_brokerage and _after), plus the steep
  ties.
* networkx: `betweenness_centrality_subset(G, V, D, weight="length")` on G,
  and again on G' (G without the leaving practitioners) unless --skip-after;
  the subset betweenness only, no path trust.

The script checks that the two agree: for every actor a with a non-zero
value, 2 * networkx(a) / stakenet voice_brokerage(a) must be the same number
(the count of connected voice/decision-maker pairs), to 1e-9.
"""
import argparse
import json
import os
import random
import subprocess
import sys
import time

import networkx as nx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from peers import BIN, generate  # noqa: E402


def add_power(folder, n, seed=7):
    rng = random.Random(seed)
    stakeholders = [i for i in range(n) if i % 20 != 0]
    picked = rng.sample(stakeholders, int(0.30 * n) + int(0.05 * n))
    voices = set(picked[: int(0.30 * n)])
    deciders = set(picked[int(0.30 * n):])
    with open(os.path.join(folder, "nodes.csv"), "w") as f:
        f.write("id,kind,power\n")
        for i in range(n):
            kind = "practitioner" if i % 20 == 0 else "stakeholder"
            power = 0.1 if i in voices else 0.9 if i in deciders else 0.5
            f.write(f"v{i:06d},{kind},{power}\n")
    return sorted(voices), sorted(deciders)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--out", default="/tmp/stakenet-power-bench")
    ap.add_argument("--skip-after", action="store_true")
    args = ap.parse_args()
    n = args.n
    folder, edges = generate(n, args.out)
    voices, deciders = add_power(folder, n)
    print(f"{n} actors, {len(edges)} ties, {len(voices)} voices, "
          f"{len(deciders)} decision-makers, {n // 20} practitioners leave", flush=True)

    out = os.path.join(folder, "power.json")
    t0 = time.perf_counter()
    subprocess.run([BIN, "power", folder, "--format", "json", "-o", out], check=True)
    t_stakenet = time.perf_counter() - t0
    print(f"stakenet power: {t_stakenet:.2f} s", flush=True)
    report = json.load(open(out))
    assert len(report["summary"]["voices"]) == len(voices)

    def graph(exclude):
        g = nx.Graph()
        g.add_nodes_from(i for i in range(n) if i not in exclude)
        g.add_weighted_edges_from(
            ((a, b, 1.0 / t) for a, b, t in edges if a not in exclude and b not in exclude),
            weight="length")
        return g

    results = {}
    for name, exclude, field in (("G", set(), "voice_brokerage"),
                                 ("G'", {i for i in range(0, n, 20)}, "voice_brokerage_after")):
        if name == "G'" and args.skip_after:
            continue
        g = graph(exclude)
        t0 = time.perf_counter()
        b = nx.betweenness_centrality_subset(g, voices, deciders, normalized=False,
                                             weight="length")
        dt = time.perf_counter() - t0
        results[name] = dt
        ratios = []
        for a in report["actors"]:
            i = int(a["id"][1:])
            mine = a[field]
            if i in b and mine:
                ratios.append(2 * b[i] / mine)
            elif i in b and b[i] > 1e-9:
                raise SystemExit(f"{name}: actor {a['id']}: networkx {b[i]}, stakenet {mine}")
        spread = (max(ratios) - min(ratios)) / max(ratios) if ratios else 0.0
        assert spread < 1e-9, (name, spread)
        print(f"networkx betweenness_centrality_subset on {name}: {dt:.1f} s "
              f"(agrees: {len(ratios)} actors, pairs = {ratios[0]:.6f}, spread {spread:.1e})",
              flush=True)
    print(json.dumps({"n": n, "stakenet_s": t_stakenet, "networkx_s": results,
                      "networkx": nx.__version__, "python": sys.version.split()[0]}))


if __name__ == "__main__":
    main()
