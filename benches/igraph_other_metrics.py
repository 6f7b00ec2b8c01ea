#!/usr/bin/env python3
"""igraph PageRank, constraint, closeness and harmonic centrality on the same
seeded 10,000-actor network as benches/peers.py (for the per-metric comparison
in benches/README.md).  python3 benches/igraph_other_metrics.py"""
import sys, time, os
sys.path.insert(0, 'benches')
import peers, igraph as ig, tempfile
out = tempfile.mkdtemp()
folder = peers.generate(10000, out)[0]
import csv
ids = [r['id'] for r in csv.DictReader(open(os.path.join(folder, 'nodes.csv')))]
idx = {v: i for i, v in enumerate(ids)}
E, W = [], []
for r in csv.DictReader(open(os.path.join(folder, 'edges.csv'))):
    E.append((idx[r['source']], idx[r['target']])); W.append(float(r['trust']))
g = ig.Graph(n=len(ids), edges=E, directed=False)
L = [1 / w for w in W]
for name, f in [("pagerank", lambda: g.pagerank(weights=W, damping=0.85)),
                ("constraint", lambda: g.constraint(weights=W)),
                ("closeness", lambda: g.closeness(weights=L)),
                ("harmonic", lambda: g.harmonic_centrality(weights=L))]:
    t = time.perf_counter(); f(); print(f"igraph {name}: {time.perf_counter() - t:.3f} s", flush=True)
print(folder)
