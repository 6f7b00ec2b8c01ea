#!/usr/bin/env python3
"""Batch speed: `stakenet batch` against the same metrics in networkx on both cores.

Generates (seeded) NETWORKS networks of 20-80 actors, each with 1-3 external
practitioners, an internal coach and stakeholders in 3-5 groups (a third of
them with directed ties), in a temporary folder. Then times, best of REPEAT:
  * `stakenet batch ROOT -o summary.csv --actors actors.csv` (release binary,
    all cores);
  * a Python script that computes the same figures with networkx, spread over
    multiprocessing.Pool(2), and writes the same two CSV files: per network
    the counts, density, weak components over trust > 0 ties, isolates, mean
    trust / communication / |power differential|, reciprocity, trust
    asymmetry and the three relationship types; per actor degree, in/out
    degree, strength and mean trust given/received.
    Per actor also Burt's constraint, effective size, efficiency and
    hierarchy (networkx's per-contact terms) and the Gould-Fernandez
    brokerage roles (plain Python), and per network the default exit's
    reach, trusted reach and sustainability (networkx Dijkstra on
    -log(trust) from every stakeholder, in G and without the external
    practitioners), and per actor betweenness, closeness, harmonic (lengths
    1/trust) and pagerank (weight trust, tol 1e-13) as the spec's references.
The metric set is what `stakenet batch` computes on this branch (the analyze
report and the exit summary); extend PY_METRICS when analyze gains fields.

After timing, the two outputs are compared (density, components, mean
trust, reciprocity, to 1e-12) so that both sides are known to do the work.

    python3 benches/batch_peers.py [--networks 2000] [--repeat 3] [--bin target/release/stakenet]
"""
import argparse
import csv
import math
import os
import random
import resource
import subprocess
import sys
import tempfile
import time

PY_METRICS = r'''
import csv, sys, os, math
from multiprocessing import Pool
import networkx as nx

def truthy(v):
    return v.strip().lower() in ("true", "1", "yes")

def exit_figures(G, kind, placement):
    """Default exit (the external practitioners): reach, trusted reach and
    sustainability over ordered stakeholder pairs, the most trusted path
    found by Dijkstra on -log(trust)."""
    H = G.__class__()
    H.add_nodes_from(G)
    H.add_edges_from((s, t, {"len": -math.log(d["trust"])})
                     for s, t, d in G.edges(data=True) if d["trust"] > 0)
    X = {v for v in kind if kind[v] == "practitioner" and placement[v] == "external"}
    S = [v for v in sorted(kind) if kind[v] != "practitioner" and v not in X]
    pairs = len(S) * (len(S) - 1)
    def pt(graph):
        out = {}
        for u in S:
            d = nx.single_source_dijkstra_path_length(graph, u, weight="len")
            out[u] = {v: math.exp(-d[v]) for v in S if v != u and v in d}
        return out
    before, after = pt(H), pt(H.subgraph(set(H) - X))
    if pairs == 0:
        return [None, None, None, None, None]
    reach_b = sum(len(m) for m in before.values()) / pairs
    reach_a = sum(len(m) for m in after.values()) / pairs
    tr_b = sum(sum(m.values()) for m in before.values()) / pairs
    tr_a = sum(sum(m.values()) for m in after.values()) / pairs
    return [reach_b, reach_a, tr_b, tr_a, tr_a / tr_b if tr_b > 0 else None]

def analyse(folder):
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8-sig") as f:
        nodes = list(csv.DictReader(f))
    with open(os.path.join(folder, "edges.csv"), newline="", encoding="utf-8-sig") as f:
        edges = list(csv.DictReader(f))
    kind = {r["id"]: (r.get("kind") or "stakeholder") for r in nodes}
    power = {r["id"]: float(r["power"]) if r.get("power") else 0.5 for r in nodes}
    placement = {}
    for r in nodes:
        p = r.get("placement") or ("external" if kind[r["id"]] == "practitioner" else "internal")
        placement[r["id"]] = p
    directed = any(truthy(e.get("directed", "")) for e in edges)
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(sorted(kind))
    ties = []
    for e in edges:
        s, t, w = e["source"], e["target"], float(e["trust"])
        c = float(e["communication"]) if e.get("communication") else 1.0
        pw = float(e["power"]) if e.get("power") else power[s] - power[t]
        d = truthy(e.get("directed", ""))
        ties.append((s, t, w, c, pw, d))
        G.add_edge(s, t, trust=w)
        if directed and not d:
            G.add_edge(t, s, trust=w)
    n = G.number_of_nodes()
    density = nx.density(G) if n > 1 else None
    T = nx.Graph()
    T.add_nodes_from(G)
    T.add_edges_from((s, t) for s, t, w, *_ in ties if w > 0)
    comps = list(nx.connected_components(T))
    isolates = sum(1 for v in T if T.degree(v) == 0)
    mean = lambda xs: sum(xs) / len(xs) if xs else None
    rel = {"practitioner_stakeholder": [], "stakeholder_stakeholder": [], "practitioner_team": []}
    for tie in ties:
        a, b = kind[tie[0]] == "practitioner", kind[tie[1]] == "practitioner"
        rel["practitioner_team" if a and b else "practitioner_stakeholder" if a or b else "stakeholder_stakeholder"].append(tie)
    recip = nx.overall_reciprocity(G) if directed else None
    dt = {(s, t): w for s, t, w, c, pw, d in ties if d}
    asym = [abs(w - dt[(t, s)]) for (s, t), w in dt.items() if s < t and (t, s) in dt]
    row = [folder, n,
           sum(1 for v in kind if kind[v] == "practitioner" and placement[v] == "external"),
           sum(1 for v in kind if kind[v] == "practitioner" and placement[v] == "internal"),
           sum(1 for v in kind if kind[v] != "practitioner" and placement[v] == "external"),
           sum(1 for v in kind if kind[v] != "practitioner" and placement[v] == "internal"),
           len(ties), sum(1 for t in ties if t[5]), G.number_of_edges() if directed else 2 * len(ties),
           directed, density, len(comps), max(map(len, comps)) if comps else 0, isolates,
           mean([t[2] for t in ties]), mean([t[3] for t in ties]), mean([abs(t[4]) for t in ties]),
           recip, mean(asym)]
    for name, ts in rel.items():
        row += [len(ts), mean([t[2] for t in ts]), mean([t[3] for t in ts]), mean([abs(t[4]) for t in ts])]
    row += exit_figures(G, kind, placement)
    # Structural holes as the spec defines them: contacts are the actors tied
    # with trust > 0 in either direction.
    W = G.__class__()
    W.add_nodes_from(G)
    W.add_edges_from((s, t, d) for s, t, d in G.edges(data=True) if d["trust"] > 0)
    # networkx's own constraint and effective_size give NaN to an actor with
    # only in-ties in a directed graph (they test len(G[v])); the spec counts
    # contacts both ways, so sum networkx's per-contact terms instead.
    nmw = nx.algorithms.structuralholes.normalized_mutual_weight
    contacts = {v: set(nx.all_neighbors(W, v)) for v in W}
    local = {v: [nx.local_constraint(W, v, j, weight="trust") for j in contacts[v]] for v in W}
    constraint = {v: sum(local[v]) for v in W}
    esize = {u: sum(1 - sum(nmw(W, u, w, weight="trust") * nmw(W, v, w, norm=max, weight="trust")
                            for w in contacts[u])
                    for v in contacts[u])
             for u in W}
    group = {r["id"]: r.get("group", "") for r in nodes}
    arcs = {(s, t) for s, t, d in (G.edges(data=True) if directed else
            list(G.edges(data=True)) + [(t, s, d) for s, t, d in G.edges(data=True)]) if d["trust"] > 0}
    succ, pred = {v: [] for v in G}, {v: [] for v in G}
    for s_, t_ in arcs:
        succ[s_].append(t_)
        pred[t_].append(s_)
    L = G.__class__()
    L.add_nodes_from(G)
    L.add_edges_from((s, t, {"length": 1 / d["trust"]})
                     for s, t, d in G.edges(data=True) if d["trust"] > 0)
    btw = nx.betweenness_centrality(L, normalized=True, weight="length")
    clo = nx.closeness_centrality(L, distance="length")
    har = nx.harmonic_centrality(L, distance="length")
    pr = nx.pagerank(G, alpha=0.85, weight="trust", tol=1e-13, max_iter=100000)
    actors = []
    for v in sorted(kind):
        n_c = len(contacts[v])
        c_i = constraint[v] if n_c else None
        if n_c == 0:
            hier = None
        elif n_c == 1:
            hier = 1.0
        else:
            r = [c / (c_i / n_c) for c in local[v]]
            hier = sum(x * math.log(x) for x in r if x > 0) / (n_c * math.log(n_c))
        roles = [0, 0, 0, 0, 0]
        gv = group[v]
        for a in pred[v]:
            for c in succ[v]:
                if a == c or (a, c) in arcs:
                    continue
                ga, gc = group[a], group[c]
                if ga == gv == gc: roles[0] += 1
                elif ga == gc != gv: roles[1] += 1
                elif ga == gv != gc: roles[2] += 1
                elif gc == gv != ga: roles[3] += 1
                else: roles[4] += 1
        if directed:
            outs = [d["trust"] for _, _, d in G.out_edges(v, data=True)]
            ins = [d["trust"] for _, _, d in G.in_edges(v, data=True)]
        else:
            outs = ins = [d["trust"] for _, _, d in G.edges(v, data=True)]
        deg = len(outs) + len(ins) if directed else len(outs)
        strength = sum(outs) + sum(ins) if directed else sum(outs)
        actors.append([folder, v, kind[v], deg, len(ins), len(outs), strength, mean(outs), mean(ins),
                       c_i, esize[v] if n_c else None, esize[v] / n_c if n_c else None, hier]
                      + roles + [sum(roles), btw[v], clo[v], har[v], pr[v]])
    return row, actors

def cell(v):
    return "" if v is None else repr(v) if isinstance(v, float) else str(v)

if __name__ == "__main__":
    folders, out_summary, out_actors = sys.argv[1], sys.argv[2], sys.argv[3]
    with open(folders) as f:
        dirs = [l.strip() for l in f if l.strip()]
    with Pool(2) as pool:
        results = pool.map(analyse, dirs, chunksize=16)
    with open(out_summary, "w", newline="") as s, open(out_actors, "w", newline="") as a:
        ws, wa = csv.writer(s), csv.writer(a)
        ws.writerow(["network", "actors", "pe", "pi", "se", "si", "ties", "directed_ties", "arcs",
                     "directed", "density", "components", "largest_component", "isolates",
                     "mean_trust", "mean_communication", "mean_power_differential",
                     "reciprocity", "trust_asymmetry"] + [f"{r}_{k}" for r in
                     ("ps", "ss", "pt") for k in ("ties", "trust", "comm", "power")]
                   + ["reach_before", "reach_after", "trusted_reach_before",
                      "trusted_reach_after", "sustainability"])
        wa.writerow(["network", "id", "kind", "degree", "in", "out", "strength", "given", "received",
                     "constraint", "effective_size", "efficiency", "hierarchy", "coordinator",
                     "itinerant", "representative", "gatekeeper", "liaison", "brokerage_total",
                     "betweenness", "closeness", "harmonic", "pagerank"])
        for row, actors in results:
            ws.writerow(map(cell, row))
            wa.writerows([list(map(cell, r)) for r in actors])
'''


def generate(root, count, seed):
    rng = random.Random(seed)
    roles = ["leader", "frontline", "service_user", "family", "funder", "policymaker"]
    dirs = []
    for k in range(count):
        folder = os.path.join(root, f"site{k // 100:03d}", f"net{k:05d}")
        os.makedirs(folder)
        dirs.append(folder)
        n = rng.randint(20, 80)
        external = rng.randint(1, 3)
        groups = rng.randint(3, 5)
        directed = rng.random() < 1 / 3
        ids = [f"a{i:03d}" for i in range(n)]
        with open(os.path.join(folder, "nodes.csv"), "w") as f:
            f.write("id,kind,placement,group,role,power\n")
            for i, v in enumerate(ids):
                if i < external:
                    f.write(f"{v},practitioner,external,ISP,coach,{rng.random():.2f}\n")
                elif i == external:
                    f.write(f"{v},practitioner,internal,ISP,coach,{rng.random():.2f}\n")
                else:
                    f.write(f"{v},stakeholder,internal,g{i % groups},{rng.choice(roles)},"
                            f"{rng.random():.2f}\n")
        p = min(1.0, 5.0 / (n - 1))
        with open(os.path.join(folder, "edges.csv"), "w") as f:
            f.write("source,target,trust,communication,directed\n")
            for i in range(n):
                for j in range(i + 1, n):
                    # Practitioners reach further than stakeholders do.
                    q = 3 * p if i <= external else p
                    if rng.random() >= q:
                        continue
                    t = round(rng.random(), 2)
                    c = rng.randint(0, 12)
                    if directed and rng.random() < 0.6:
                        f.write(f"{ids[i]},{ids[j]},{t},{c},true\n")
                        if rng.random() < 0.5:
                            f.write(f"{ids[j]},{ids[i]},{round(rng.random(), 2)},{c},true\n")
                    else:
                        f.write(f"{ids[i]},{ids[j]},{t},{c},false\n")
    return sorted(dirs)


def timed(cmd):
    """Wall time and CPU time (user + system, the process and its children)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def read(path, key):
    with open(path, newline="") as f:
        return {r[key]: r for r in csv.DictReader(f)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--networks", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--bin", default="target/release/stakenet")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, "root")
        dirs = generate(root, args.networks, args.seed)
        listing = os.path.join(tmp, "dirs.txt")
        with open(listing, "w") as f:
            f.write("\n".join(dirs) + "\n")
        script = os.path.join(tmp, "py_metrics.py")
        with open(script, "w") as f:
            f.write(PY_METRICS)
        out = lambda name: os.path.join(tmp, name)
        sn = [args.bin, "batch", root, "-o", out("s.csv"), "--actors", out("a.csv"), "--quiet"]
        py = [sys.executable, script, listing, out("p.csv"), out("pa.csv")]

        # Interleaved, so that load from other processes hits both alike.
        runs_sn, runs_py = [], []
        for _ in range(args.repeat):
            runs_sn.append(timed(sn))
            runs_py.append(timed(py))
        # Check the last run's outputs: both sides did the same work.
        ours, theirs = read(out("s.csv"), "network"), read(out("p.csv"), "network")
        assert ours.keys() == theirs.keys(), "both analyse the same networks"
        with open(out("a.csv"), newline="") as f:
            our_actors = {(r["network"], r["id"]): r for r in csv.DictReader(f)}
        with open(out("pa.csv"), newline="") as f:
            their_actors = {(r["network"], r["id"]): r for r in csv.DictReader(f)}
        assert our_actors.keys() == their_actors.keys()
        btw_differ = 0
        for key, r in our_actors.items():
            for field in ["strength", "constraint", "effective_size", "hierarchy", "gatekeeper",
                          "liaison", "brokerage_total", "closeness", "harmonic"]:
                a, b = r[field], their_actors[key][field]
                if a == "" or b == "":
                    assert a == b, (key, field, a, b)
                else:
                    assert math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12), \
                        (key, field, a, b)
            # pagerank: networkx stops at its tolerance; betweenness: networkx
            # compares summed lengths exactly, stakenet to 1e-12 relative (the
            # spec's equal-lengths rule), so count rather than assert.
            assert math.isclose(float(r["pagerank"]), float(their_actors[key]["pagerank"]),
                                rel_tol=1e-6), (key, "pagerank")
            if not math.isclose(float(r["betweenness"]), float(their_actors[key]["betweenness"]),
                                rel_tol=1e-9, abs_tol=1e-12):
                btw_differ += 1
        for name, r in ours.items():
            for field in ["density", "components", "mean_trust", "reciprocity", "isolates",
                          "reach_after", "trusted_reach_before", "sustainability"]:
                a, b = r[field], theirs[name][field]
                if a == "" or b == "":
                    assert a == b, (name, field, a, b)
                else:
                    # Path trust through exp(-sum log) differs in the last bits.
                    assert math.isclose(float(a), float(b), rel_tol=1e-9), (name, field, a, b)

        (w_sn, c_sn), (w_py, c_py) = min(runs_sn), min(runs_py)
        actors = sum(int(r["actors"]) for r in ours.values())
        print(f"{args.networks} networks, {actors} actors, best of {args.repeat} (by wall time), "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
        print(f"  stakenet batch (all cores)        wall {w_sn:7.3f} s  cpu {c_sn:7.3f} s  "
              f"{args.networks / w_sn:7.0f} networks/s")
        print(f"  networkx, multiprocessing.Pool(2) wall {w_py:7.3f} s  cpu {c_py:7.3f} s  "
              f"{args.networks / w_py:7.0f} networks/s")
        print(f"  betweenness differing beyond 1e-9 (equal-length ties): {btw_differ} actors")
        print(f"  ratio: stakenet is {w_py / w_sn:.1f}x faster (wall), {c_py / c_sn:.1f}x (cpu)")


if __name__ == "__main__":
    main()
