#!/usr/bin/env python3
"""Exact `analyze` at scale (issue 17): time a sample of sources, extrapolate.

    cargo build --release --bin stakenet --example time_centrality
    python3 benches/scale_peers.py [--n 100000] [--ties-per-actor 10] [--k 300 1000]

Network: as `benches/peers.py` (every 20th actor a practitioner, trust
uniform in (0, 1], length 1/trust, seed 2024 + n) but with
`ties-per-actor` × n mutual ties (100,000 actors and 1,000,000 ties by
default, mean degree 20).

An exact run does one single-source pass per actor; each pass costs the
same whether the source was sampled or not. So `stakenet analyze
--betweenness-sample K` at two values of K gives the cost per source (the
difference over the difference in K) and the fixed cost (loading, the other
metrics, JSON), and the exact run is fixed + n × per source. Peak memory
(max RSS, from wait4) of the larger K is that of the exact run once K fills
a wave of parallel chunks (32 × 16 = 512 sources): the buffers do not grow
with the number of sources. NetworKit's `EstimateBetweenness` with the same
K values gives its estimate the same way. CPU is user seconds of all
threads; the wall estimate for the exact run divides it by the cores.
"""
import argparse
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers  # noqa: E402


def child(args):
    """Wall seconds, user CPU seconds and max RSS (MiB) of one command."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    if status != 0:
        raise SystemExit(f"{args} failed: {status}")
    return time.perf_counter() - start, usage.ru_utime, usage.ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100000)
    ap.add_argument("--ties-per-actor", type=int, default=10)
    ap.add_argument("--k", type=int, nargs=2, default=[300, 1000])
    ap.add_argument("--out", default=os.path.join(peers.ROOT, "target", "peers"))
    ap.add_argument("--skip-networkit", action="store_true")
    a = ap.parse_args()
    folder, edges = peers.generate(a.n, a.out, a.ties_per_actor)
    cores = os.cpu_count()
    print(f"{a.n} actors, {len(edges)} mutual ties; load average {os.getloadavg()}", flush=True)
    runs = {}
    for k in a.k:
        wall, cpu, rss = child([peers.BIN, "analyze", folder, "--betweenness-sample", str(k),
                                "-o", os.path.join(folder, f"analyze-{k}.json")])
        runs[k] = (wall, cpu, rss)
        print(f"  stakenet analyze --betweenness-sample {k}: {wall:.1f} s wall, "
              f"{cpu:.1f} s user CPU, max RSS {rss:.0f} MiB", flush=True)
    (k1, (_, c1, _)), (k2, (_, c2, rss)) = sorted(runs.items())
    per = (c2 - c1) / (k2 - k1)
    fixed = c1 - k1 * per
    exact = fixed + a.n * per
    print(f"stakenet: {per * 1000:.1f} ms CPU per source, fixed {fixed:.1f} s; exact analyze "
          f"≈ {exact:.0f} s CPU ≈ {exact / cores / 60:.1f} min on {cores} free cores; "
          f"peak RSS {rss:.0f} MiB", flush=True)
    if not a.skip_networkit:
        import networkit as nk
        nk.setNumberOfThreads(cores)
        g = nk.Graph(a.n, weighted=True)
        for u, v, t in edges:
            g.addEdge(u, v, 1.0 / t)
        cpu = {}
        for k in a.k:
            t = peers.timed(nk.centrality.EstimateBetweenness(g, k, True, True).run)
            cpu[k] = t.cpu
            print(f"  NetworKit EstimateBetweenness({k}): {t:.1f} s wall, {t.cpu:.1f} s user CPU",
                  flush=True)
        nper = (cpu[k2] - cpu[k1]) / (k2 - k1)
        nexact = cpu[k1] - k1 * nper + a.n * nper
        print(f"NetworKit: {nper * 1000:.1f} ms CPU per source; exact Betweenness ≈ {nexact:.0f} s "
              f"CPU ≈ {nexact / cores / 60:.1f} min on {cores} free cores "
              f"(ratio {nexact / exact:.2f} to stakenet's whole analyze)")
    print(f"load average {os.getloadavg()}")


if __name__ == "__main__":
    main()
