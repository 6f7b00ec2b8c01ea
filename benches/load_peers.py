#!/usr/bin/env python3
"""Loading speed and memory: `stakenet validate` against a naive Python csv loop.

Generates (seeded) a network of N actors and M ties in the project's format,
then times, side by side in one run:
  * `stakenet validate` (release binary): parse, validate every rule, build
    the graph, print the summary;
  * a naive Python loop with the csv module that reads both files, parses the
    numbers and checks ids and ranges (far fewer checks than stakenet makes).
Peak memory (max RSS) of each is read from wait4 on the child process; the
network is generated in a child process so that the parent stays small (a
forked child's max RSS counts the parent's pages until it execs).

    python3 benches/load_peers.py [--actors 100000] [--ties 1000000] [--repeat 3]
"""
import argparse
import multiprocessing
import os
import random
import subprocess
import sys
import tempfile
import time

NAIVE = r'''
import csv, sys
nodes, edges = sys.argv[1], sys.argv[2]
ids = {}
with open(nodes, newline="", encoding="utf-8-sig") as f:
    r = csv.DictReader(f)
    for row in r:
        if row["id"] in ids: raise SystemExit("duplicate id")
        p = float(row["power"]) if row.get("power") else 0.5
        if not 0 <= p <= 1: raise SystemExit("power")
        ids[row["id"]] = (row.get("label"), row.get("kind"), row.get("group"), p)
ties = []
with open(edges, newline="", encoding="utf-8-sig") as f:
    r = csv.DictReader(f)
    for row in r:
        s, t = row["source"], row["target"]
        if s not in ids or t not in ids: raise SystemExit("unknown id")
        w = float(row["trust"])
        if not 0 <= w <= 1: raise SystemExit("trust")
        c = float(row["communication"]) if row.get("communication") else 1.0
        ties.append((s, t, w, c))
print(len(ids), len(ties))
'''


def generate(folder, n, m, seed):
    rng = random.Random(seed)
    with open(os.path.join(folder, "nodes.csv"), "w") as f:
        f.write("id,label,kind,group,power\n")
        for i in range(n):
            kind = "practitioner" if i < 10 else "stakeholder"
            f.write(f"a{i:06d},Actor {i},{kind},g{i % 50},{rng.random():.3f}\n")
    seen = set()
    with open(os.path.join(folder, "edges.csv"), "w") as f:
        f.write("source,target,trust,communication\n")
        while len(seen) < m:
            a, b = rng.randrange(n), rng.randrange(n)
            if a == b:
                continue
            key = (min(a, b), max(a, b))
            if key in seen:
                continue
            seen.add(key)
            f.write(f"a{a:06d},a{b:06d},{rng.random():.3f},{rng.randint(1, 20)}\n")


def run(cmd):
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    # This child's own rusage (wait4), not RUSAGE_CHILDREN's maximum over
    # every child so far (which would include the generator's).
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    if status != 0:
        sys.exit(f"{cmd} failed")
    return elapsed, usage.ru_maxrss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--actors", type=int, default=100_000)
    ap.add_argument("--ties", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--bin", default="target/release/stakenet")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        # In a child process: a forked child's max RSS counts the parent's
        # pages until exec, so a parent grown by generating (the set of a
        # million pairs) would set a floor under every figure measured here
        # (169 MiB at the default size).
        gen = multiprocessing.Process(target=generate,
                                      args=(tmp, args.actors, args.ties, args.seed))
        gen.start()
        gen.join()
        size = os.path.getsize(os.path.join(tmp, "edges.csv"))
        naive = os.path.join(tmp, "naive.py")
        with open(naive, "w") as f:
            f.write(NAIVE)
        rows = []
        # stakenet first, so its max RSS is not masked by Python's larger one.
        for name, cmd in [
            ("stakenet validate", [args.bin, "validate", tmp]),
            ("python csv loop", [sys.executable, naive,
                                 os.path.join(tmp, "nodes.csv"),
                                 os.path.join(tmp, "edges.csv")]),
        ]:
            times = []
            rss = 0
            for _ in range(args.repeat):
                t, rss = run(cmd)
                times.append(t)
            rows.append((name, min(times), rss))
        print(f"{args.actors} actors, {args.ties} ties, edges.csv {size / 1e6:.1f} MB, "
              f"best of {args.repeat}")
        base = rows[0][1]
        for name, t, rss in rows:
            print(f"  {name:<20} {t:7.3f} s  {t / base:5.1f}x  max RSS {rss / 1024:7.1f} MiB"
                  f"  ({rss * 1024 / args.ties:.0f} B/tie)")


if __name__ == "__main__":
    main()
