#!/usr/bin/env python3
"""Reading a network from an .xlsx workbook beside the CSV loader.

Generates (seeded, the same network as benches/load_peers.py) N actors and M
ties as CSV, writes it as a workbook with `stakenet export xlsx` (nodes and
edges sheets; numbers as number cells, ids as text), then times side by
side, alternating, best of --repeat:
  * `stakenet validate NET/` (the CSV loader);
  * `stakenet validate NET.xlsx` (calamine's streaming cell reader feeding
    the same record checks);
and, once, openpyxl's read-only mode iterating the two sheets' values (no
checks at all), as a peer for what reading the workbook costs in Python.
Peak memory (max RSS) of each run is read from wait4.

    cargo build --release
    python3 benches/workbook_load.py [--actors 100000] [--ties 1000000] [--repeat 3]
"""
import argparse
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from load_peers import generate  # noqa: E402

OPENPYXL = r'''
import sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1], read_only=True, data_only=True)
n = 0
for name in ["nodes", "edges"]:
    for row in book[name].iter_rows(values_only=True):
        n += 1
print(n)
'''


def run(cmd):
    t0 = time.perf_counter()
    child = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - t0
    if status != 0:
        raise SystemExit(f"{cmd} failed: {status}")
    return elapsed, usage.ru_maxrss


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--actors", type=int, default=100_000)
    ap.add_argument("--ties", type=int, default=1_000_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--bin", default="target/release/stakenet")
    ap.add_argument("--no-openpyxl", action="store_true")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        net = os.path.join(tmp, "net")
        os.mkdir(net)
        generate(net, args.actors, args.ties, args.seed)
        book = os.path.join(tmp, "net.xlsx")
        write_time, write_rss = run([args.bin, "export", "xlsx", net, "-o", book])
        commands = [
            ("stakenet validate NET/ (CSV)", [args.bin, "validate", net]),
            ("stakenet validate NET.xlsx", [args.bin, "validate", book]),
        ]
        best = {name: (float("inf"), 0) for name, _ in commands}
        for _ in range(args.repeat):
            for name, cmd in commands:
                t, rss = run(cmd)
                old_t, old_rss = best[name]
                best[name] = (min(old_t, t), max(old_rss, rss))
        if not args.no_openpyxl:
            script = os.path.join(tmp, "openpyxl_read.py")
            with open(script, "w") as f:
                f.write(OPENPYXL)
            best["openpyxl read-only, values only (1 run)"] = run([sys.executable, script, book])
        csv_mb = sum(os.path.getsize(os.path.join(net, f)) for f in ["nodes.csv", "edges.csv"]) / 1e6
        print(f"{args.actors} actors, {args.ties} ties; CSV {csv_mb:.1f} MB, "
              f"xlsx {os.path.getsize(book) / 1e6:.1f} MB; best of {args.repeat}")
        print(f"  writing the xlsx (stakenet export xlsx): {write_time:.2f} s, "
              f"max RSS {write_rss / 1024:.0f} MiB")
        base = best[commands[0][0]][0]
        for name, (t, rss) in best.items():
            print(f"  {name:<42} {t:8.3f} s  {t / base:5.1f}x  max RSS {rss / 1024:7.1f} MiB")


if __name__ == "__main__":
    main()
