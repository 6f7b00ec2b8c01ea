"""stakenet in a notebook, cell by cell: load the example site, find its
brokers, and read what it keeps when the outside practitioners leave.

Run from the repository root: `python python/examples/quickstart.py`
(or pass the network folder as the first argument).
"""

# %% Load the site: a folder with nodes.csv and edges.csv.
import sys

import stakenet

site = sys.argv[1] if len(sys.argv) > 1 else "data/county-parenting-site"
net = stakenet.load(site)
print(net)

# %% Who brokers? Burt's constraint (low: many structural holes) and the
# Gould–Fernandez brokerage roles, one DataFrame row per actor.
analysis = net.analyze()
brokers = analysis.actors.sort_values(["brokerage_total", "id"], ascending=[False, True])
print("\nTop brokers:")
print(
    brokers.head(5)[["label", "group", "brokerage_total", "constraint", "betweenness"]].to_string(
        index=False, float_format="{:.3f}".format
    )
)

# %% What if the external practitioners leave?
after = net.exit()
print("\nFindings:")
for sentence in after.findings:
    print(" ", sentence)
print(f"\nSustainability: {after.summary['sustainability']:.3f}")
print("Stranded:", ", ".join(after.summary["stranded"]) or "nobody")

# %% Whose ties to hand over, and which introductions to make before leaving.
plan = net.plan(budget=3)
print("\nIntroductions to make:")
print(plan.steps[["step", "a", "b", "trust", "sustainability"]].to_string(index=False))
print("\nBest internal successors:")
print(plan.successors.to_string(index=False))

# %% Hand it on: networkx for anything else, DOT for a picture (render it
# with Graphviz, or `graphviz.Source(text)` in a notebook).
try:
    graph = net.to_networkx()
    print(f"\nnetworkx: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")
except ImportError:
    print("\n(networkx not installed)")
dot_text = net.dot(exit_view=True)
print(f"DOT diagram of the exit: {len(dot_text.splitlines())} lines")
