#!/usr/bin/env python3
"""Exit at scale (issue 17): whole-command timings of `stakenet exit`.

Networks (seeded, written under target/exit_scale/):
- `tieless-200000`: 200,000 actors, 20 external practitioners, no ties
  (every pair is in a different component: the result is all zeros).
- `random-100000`: 100,000 actors, 20 external practitioners, 500,000
  mutual ties between random actors, trust uniform in (0, 1].

Runs `stakenet exit NET --format json` on the first and
`stakenet exit NET --sample 1000 --format json` on the second, printing
wall time and peak RSS (from os.wait4) of each.

    cargo build --release && python3 benches/exit_scale.py
"""
import os
import random
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "stakenet")
OUT = os.path.join(ROOT, "target", "exit_scale")


def write(folder, n, ties):
    os.makedirs(folder, exist_ok=True)
    step = n // 20
    with open(os.path.join(folder, "nodes.csv"), "w") as f:
        f.write("id,kind,placement\n")
        for i in range(n):
            if i % step == 0:
                f.write(f"v{i:06d},practitioner,external\n")
            else:
                f.write(f"v{i:06d},stakeholder,internal\n")
    with open(os.path.join(folder, "edges.csv"), "w") as f:
        f.write("source,target,trust\n")
        for a, b, t in ties:
            f.write(f"v{a:06d},v{b:06d},{t!r}\n")
    return folder


def random_ties(n, m, seed):
    rng = random.Random(seed)
    seen, ties = set(), []
    while len(ties) < m:
        a, b = rng.randrange(n), rng.randrange(n)
        key = (min(a, b), max(a, b))
        if a == b or key in seen:
            continue
        seen.add(key)
        ties.append((a, b, 1.0 - rng.random()))
    return ties


def run(args):
    start = time.perf_counter()
    proc = subprocess.Popen([BIN] + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    err = proc.stderr.read().decode()
    if status != 0:
        sys.exit(f"stakenet {' '.join(args)} failed: {err}")
    return wall, usage.ru_maxrss / 1024


def main():
    tieless = os.path.join(OUT, "tieless-200000")
    if not os.path.exists(os.path.join(tieless, "edges.csv")):
        write(tieless, 200_000, [])
    rand = os.path.join(OUT, "random-100000")
    if not os.path.exists(os.path.join(rand, "edges.csv")):
        write(rand, 100_000, random_ties(100_000, 500_000, 17))
    for label, args in [
        ("exit, 200,000 tie-less actors", ["exit", tieless, "--format", "json"]),
        ("exit --sample 1000, 100,000 actors / 500,000 ties",
         ["exit", rand, "--sample", "1000", "--format", "json"]),
    ]:
        wall, rss = run(args)
        print(f"{label}: {wall:.2f} s, peak RSS {rss:.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
