#!/usr/bin/env python3
"""Whole-command timing of `stakenet compare` against what it is built from.

compare reads two maps and runs `analyze` and the default `exit` on each, so
its time should be close to the sum of those four commands; this measures
the ratio side by side, alternating the runs (minimum of N each).

    cargo build --release
    python3 benches/compare_command.py [N]
"""
import subprocess
import sys
import time

BIN = "target/release/stakenet"
PAIRS = [
    ("data/county-parenting-site", "data/county-parenting-site-wave2"),
    ("data/real/lazega", "data/real/lazega-isp"),
    ("data/real/ckm-physicians", "data/real/ckm-physicians"),
]


def run(args):
    start = time.perf_counter()
    subprocess.run([BIN, *args, "--format", "json"], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    print("| maps | compare | analyze + exit, both maps | ratio |")
    print("| --- | --- | --- | --- |")
    for before, after in PAIRS:
        compare, parts = [], []
        for _ in range(n):
            compare.append(run(["compare", before, after]))
            parts.append(
                sum(run([cmd, net]) for net in (before, after) for cmd in ("analyze", "exit"))
            )
        c, p = min(compare), min(parts)
        name = f"{before.split('/')[-1]} → {after.split('/')[-1]}"
        print(f"| {name} | {c * 1000:.1f} ms | {p * 1000:.1f} ms | {c / p:.2f} |")


if __name__ == "__main__":
    main()
