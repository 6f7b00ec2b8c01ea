#!/usr/bin/env python3
"""Copy a network with its actors renamed so that their sorted order (the
order stakenet indexes them in) is a breadth-first or reverse Cuthill–McKee
order: the vertex relabelling issue 17 asks to weigh, tried on the input
instead of inside the kernel to learn what it could gain before building it.

    python3 benches/relabel.py NET OUT bfs|rcm|degree
    RAYON_NUM_THREADS=1 target/release/examples/time_centrality OUT 1000

`bfs`: breadth-first from the first actor by id, neighbours by id, each
component in turn. `rcm`: Cuthill–McKee from a least-connected actor,
neighbours by degree, order reversed (George & Liu 1981). `degree`: most
connected first. Ties keep their trust and direction; only names change.
"""
import collections
import csv
import os
import sys


def order(ids, adj, how):
    rank = {}
    if how == "degree":
        return {v: r for r, v in enumerate(sorted(ids, key=lambda v: (-len(adj[v]), v)))}
    roots = ids if how == "bfs" else sorted(ids, key=lambda v: (len(adj[v]), v))
    neighbours = (lambda u: sorted(adj[u])) if how == "bfs" else \
        (lambda u: sorted(adj[u], key=lambda v: (len(adj[v]), v)))
    for root in roots:
        if root in rank:
            continue
        rank[root] = len(rank)
        queue = collections.deque([root])
        while queue:
            for w in neighbours(queue.popleft()):
                if w not in rank:
                    rank[w] = len(rank)
                    queue.append(w)
    if how == "rcm":
        rank = {v: len(rank) - 1 - r for v, r in rank.items()}
    return rank


def main():
    src, dst, how = sys.argv[1:4]
    if how not in ("bfs", "rcm", "degree"):
        raise SystemExit("order: bfs, rcm or degree")
    with open(os.path.join(src, "nodes.csv"), newline="") as f:
        nodes = list(csv.DictReader(f))
    with open(os.path.join(src, "edges.csv"), newline="") as f:
        edges = list(csv.DictReader(f))
    ids = sorted(n["id"] for n in nodes)
    adj = collections.defaultdict(list)
    for e in edges:
        adj[e["source"]].append(e["target"])
        adj[e["target"]].append(e["source"])
    rank = order(ids, adj, how)
    name = {v: f"r{rank[v]:07d}" for v in ids}
    os.makedirs(dst, exist_ok=True)
    for file, rows, keys in (("nodes.csv", nodes, ("id",)), ("edges.csv", edges, ("source", "target"))):
        with open(os.path.join(dst, file), "w", newline="") as f:
            out = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
            out.writeheader()
            for row in rows:
                out.writerow({k: name[v] if k in keys else v for k, v in row.items()})


if __name__ == "__main__":
    main()
