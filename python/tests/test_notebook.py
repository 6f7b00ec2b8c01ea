"""The quickstart example runs; without pandas the results are lists of
dicts; Ctrl-C stops a long call."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import stakenet

from conftest import ROOT


def run_python(code_or_file, *args, **kwargs):
    command = [sys.executable, *( [code_or_file] if str(code_or_file).endswith(".py") else ["-c", code_or_file]), *args]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600, **kwargs)


def test_quickstart_prints_the_brokers_and_the_exit_findings(at_root):
    done = run_python("python/examples/quickstart.py")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    net = stakenet.load("data/county-parenting-site")
    actors = net.analyze().actors
    top = actors.sort_values(["brokerage_total", "id"], ascending=[False, True]).iloc[0]
    assert "Top brokers:" in out and top["label"] in out
    for sentence in net.exit().findings:
        assert sentence in out
    assert f"Sustainability: {net.exit().summary['sustainability']:.3f}" in out
    assert "Introductions to make:" in out and "Best internal successors:" in out


def test_without_pandas_results_are_records(at_root):
    code = """
import sys
sys.modules["pandas"] = None  # as if pandas were not installed
import stakenet
net = stakenet.load("data/real/tiny")
result = net.analyze()
records = result.to_records()
assert isinstance(records, list) and records[0]["id"] == result.report["actors"][0]["id"]
assert records[0]["betweenness"] == result.report["actors"][0]["betweenness"]
try:
    result.actors
except ImportError as e:
    assert "pip install pandas" in str(e)
else:
    raise AssertionError("actors without pandas")
rows = stakenet.batch("data/real/tiny", as_records=True)["rows"]
assert rows[0]["network"] == "data/real/tiny"
print("ok")
"""
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


INTERRUPTED = r"""
import os, random, sys, tempfile, time
import stakenet

def network(n, seed=7):
    rng = random.Random(seed)
    nodes = "id,group\n" + "".join(f"a{i},g{i % 20}\n" for i in range(n))
    seen, edges = set(), ["source,target,trust"]
    while len(edges) <= 5 * n:
        a, b = rng.randrange(n), rng.randrange(n)
        if a != b and (min(a, b), max(a, b)) not in seen:
            seen.add((min(a, b), max(a, b)))
            edges.append(f"a{a},a{b},{rng.randint(1, 10) / 10}")
    folder = tempfile.mkdtemp()
    with open(os.path.join(folder, "nodes.csv"), "w") as f:
        f.write(nodes)
    with open(os.path.join(folder, "edges.csv"), "w") as f:
        f.write("\n".join(edges) + "\n")
    return stakenet.load(folder)

# Find a size whose analysis takes at least half a second, then take one
# four times larger (at least 16 times slower: betweenness is ~n·m).
n = 250
while True:
    start = time.monotonic()
    network(n).analyze()
    if time.monotonic() - start > 0.5:
        break
    n *= 2
net = network(4 * n)
print("ready", flush=True)
start = time.monotonic()
try:
    net.analyze()
    print(f"finished {time.monotonic() - start:.2f}", flush=True)
except KeyboardInterrupt:
    print(f"interrupted {time.monotonic() - start:.2f}", flush=True)
# The network still answers.
print("after", len(stakenet.load("data/real/tiny").analyze().to_records()), flush=True)
"""


def test_ctrl_c_stops_a_long_call():
    child = subprocess.Popen(
        [sys.executable, "-c", INTERRUPTED], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout.readline().strip() == "ready"
        time.sleep(0.5)
        child.send_signal(signal.SIGINT)
        sent = time.monotonic()
        out, err = child.communicate(timeout=600)
    finally:
        child.kill()
    waited = time.monotonic() - sent
    lines = out.split()
    assert lines[0] == "interrupted", (out, err)
    # The call took half a second plus the poll (50 ms), not the ≥ 8 s it
    # needed; generous bounds for a busy machine.
    assert float(lines[1]) < 3.0, out
    assert waited < 5.0
    assert out.splitlines()[-1] == "after 7"
