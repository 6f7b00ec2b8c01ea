#!/usr/bin/env python3
"""Time `stakenet exit` / `stakenet plan` against peers, side by side.

    cargo build --release && python3 benches/exit_peers.py [--seed 1]

Networks (seeded, written to a temp folder):
  big:   5,000 actors, 10 external practitioners, 20 groups, mean degree ~10
         (every actor, practitioners included, has about 10 ties; trust U[0.1, 1]).
  plan:  1,000 actors, 10 external practitioners who between them know 200
         stakeholders (20 each), stakeholders mean degree ~6.

Comparisons:
  exit:  `stakenet exit big` (default exit + every practitioner's exit_impact:
         12 scenarios: G, G - X, and G - p for each p) against python-igraph
         doing the same shortest-path work: one all-pairs `distances` pass on
         -ln(trust) per scenario, sources and targets the stakeholders, summed
         with numpy as exp(-d) (in batches of 500 sources to bound memory).
  plan:  `stakenet plan plan --budget 10` against the reference script
         tests/fixtures/exit/generate.py, bounded: its plan recomputes all
         pairs per candidate, so one from-scratch evaluation is timed and
         multiplied by the number of candidate evaluations the plan makes
         (and likewise for the successor search).
"""
import argparse
import csv
import math
import os
import random
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
BIN = os.path.join(ROOT, "target", "release", "stakenet")


def write(folder, nodes, ties):
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "nodes.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "kind", "placement", "group"])
        w.writerows(nodes)
    with open(os.path.join(folder, "edges.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["source", "target", "trust"])
        w.writerows(ties)


def generate(rng, n, p, stake_deg, contacts, groups):
    ids = ["a%05d" % i for i in range(n)]
    nodes = [(ids[i], "practitioner" if i < p else "stakeholder",
              "external" if i < p else "internal", "g%d" % (i % groups)) for i in range(n)]
    seen, ties = set(), []

    def add(u, v):
        key = (min(u, v), max(u, v))
        if u != v and key not in seen:
            seen.add(key)
            ties.append((ids[u], ids[v], round(rng.uniform(0.1, 1.0), 3)))

    for _ in range((n - p) * stake_deg // 2):
        add(rng.randrange(p, n), rng.randrange(p, n))
    for x in range(p):
        for s in rng.sample(range(p, n), contacts):
            add(x, s)
    return nodes, ties


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def igraph_exit(folder):
    import igraph as ig
    import numpy as np
    rows = list(csv.DictReader(open(os.path.join(folder, "nodes.csv"))))
    ids = [r["id"] for r in rows]
    index = {v: i for i, v in enumerate(ids)}
    edges, w = [], []
    for r in csv.DictReader(open(os.path.join(folder, "edges.csv"))):
        t = float(r["trust"])
        if t > 0:
            edges.append((index[r["source"]], index[r["target"]]))
            w.append(-math.log(t))
    kinds = [r["kind"] for r in rows]
    stake = [i for i, k in enumerate(kinds) if k == "stakeholder"]
    prac = [i for i, k in enumerate(kinds) if k == "practitioner"]
    t0 = time.perf_counter()
    t_dist = 0.0
    scenarios = [[]] + [prac] + [[p] for p in prac]
    sums = []
    for removed in scenarios:
        g = ig.Graph(n=len(ids), edges=edges, directed=False, edge_attrs={"w": w})
        if removed:
            g.delete_edges(sorted({e for r in removed for e in g.incident(r)}))
        total = 0.0
        for k in range(0, len(stake), 500):
            t1 = time.perf_counter()
            d = g.distances(source=stake[k:k + 500], target=stake, weights="w")
            t_dist += time.perf_counter() - t1
            a = np.exp(-np.array(d))
            total += a.sum() - len(d)  # drop the diagonal pt(u, u) = 1
        sums.append(total)
    return time.perf_counter() - t0, t_dist, sums


def reference_plan(folder, budget, successors_too=True):
    sys.path.insert(0, os.path.join(ROOT, "tests", "fixtures", "exit"))
    import generate as ref
    G = ref.load(folder)
    X, S, H, present = ref.scenario(G)
    t = time.perf_counter()
    ref.mean_pt(ref.all_pt(H.arcs, present, S), S)
    one = time.perf_counter() - t
    # Candidates as the reference builds them.
    cands = 0
    for i, a in enumerate(S):
        for b in S[i + 1:]:
            if not G.tied(a, b) and any(
                    ref.strength(G, a, x) is not None and ref.strength(G, b, x) is not None
                    for x in X):
                cands += 1
    evals = sum(max(cands - k, 0) for k in range(budget))
    succ_evals = len(X) * sum(1 for c in G.nodes
                              if c not in X and G.nodes[c]["placement"] == "internal")
    # Each successor candidate runs the before and after passes (2 evaluations).
    return one, cands, evals, succ_evals * 2


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("build first: cargo build --release")
    rng = random.Random(args.seed)
    tmp = tempfile.mkdtemp(prefix="stakenet-bench-")
    big = os.path.join(tmp, "big")
    write(big, *generate(rng, 5000, 10, 10, 10, 20))
    small = os.path.join(tmp, "plan")
    write(small, *generate(rng, 1000, 10, 6, 20, 12))
    threads = os.cpu_count()

    print("exit, 5,000 actors, 10 practitioners (12 scenarios), %d cores" % threads)
    ours = min(timed([BIN, "exit", big, "--format", "json"]) for _ in range(3))
    ig_total, ig_dist, _ = igraph_exit(big)
    print("  stakenet exit (release, whole command) %8.2f s" % ours)
    print("  igraph distances, 12 passes: total %8.2f s (distances calls alone %.2f s)"
          % (ig_total, ig_dist))
    print("  ratio igraph/stakenet: %.1fx (calls alone %.1fx)" % (ig_total / ours, ig_dist / ours))

    print("plan --budget 10, 1,000 actors, 10 practitioners knowing 200 stakeholders")
    ours = min(timed([BIN, "plan", small, "--budget", "10", "--format", "json"]) for _ in range(3))
    one, cands, evals, succ = reference_plan(small, 10)
    est = one * (evals + succ)
    print("  stakenet plan (release, plan + successors) %8.2f s" % ours)
    print("  reference generate.py: one from-scratch evaluation %.2f s; %d candidates, "
          "%d plan + %d successor evaluations -> est. %.0f s (%.1f h)"
          % (one, cands, evals, succ, est, est / 3600))
    print("  ratio reference/stakenet (estimated): %.0fx" % (est / ours))
    print("networks in", tmp)


if __name__ == "__main__":
    main()
