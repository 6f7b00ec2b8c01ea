"""networkx in and out: networkx's own graphs give networkx's figures, and
to_networkx → from_networkx (and to_pandas → from_pandas) gives back the
same network."""

from __future__ import annotations

import math

import pytest

import stakenet

from conftest import NETWORKS

nx = pytest.importorskip("networkx")


def close(a, b, rel=1e-9):
    return math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


def by_id(result, field):
    return {row["id"]: row[field] for row in result.to_records()}


def karate():
    """Zachary's karate club with trust = weight / 7 (weights are 1–7
    interaction counts) and the club as the group."""
    g = nx.karate_club_graph()
    for _, _, d in g.edges(data=True):
        d["trust"] = d["weight"] / 7
    return g


def test_karate_club_matches_networkx():
    g = karate()
    net = stakenet.from_networkx(g, group="club")
    assert len(net) == 34 and not net.directed
    result = net.analyze()
    assert result.summary["ties"] == 78
    assert result.summary["groups"] == 2
    # Burt's measures with trust as the weight.
    want_constraint = nx.constraint(g, weight="trust", nodes=list(g))
    want_size = nx.effective_size(g, weight="trust", nodes=list(g))
    got_constraint = by_id(result, "constraint")
    got_size = by_id(result, "effective_size")
    for node in g:
        assert close(got_constraint[str(node)], want_constraint[node]), node
        assert close(got_size[str(node)], want_size[node]), node
    # PageRank with trust as the weight.
    want_pr = nx.pagerank(g, alpha=0.85, weight="trust", tol=1e-13, max_iter=100000)
    got_pr = by_id(result, "pagerank")
    for node in g:
        assert close(got_pr[str(node)], want_pr[node], rel=1e-6), node
    # Betweenness, closeness and harmonic by hops (the graph's own shape).
    hops = net.analyze(distance="hops")
    for field, want in (
        ("betweenness", nx.betweenness_centrality(g)),
        ("closeness", nx.closeness_centrality(g)),
        ("harmonic", nx.harmonic_centrality(g)),
    ):
        got = by_id(hops, field)
        for node in g:
            assert close(got[str(node)], want[node]), (field, node)
    # The club attribute became the group; the other node attributes none.
    groups = {row["id"]: row["group"] for row in result.to_records()}
    assert groups["0"] == "Mr. Hi" and groups["33"] == "Officer"


def test_florentine_families_match_networkx():
    g = nx.florentine_families_graph()
    net = stakenet.from_networkx(g, trust=1.0)
    result = net.analyze()
    assert result.summary["actors"] == 15 and result.summary["ties"] == 20
    for field, want in (
        ("betweenness", nx.betweenness_centrality(g)),
        ("closeness", nx.closeness_centrality(g)),
        ("constraint", nx.constraint(g, nodes=list(g))),
        ("effective_size", nx.effective_size(g, nodes=list(g))),
    ):
        got = by_id(result, field)
        for node in g:
            assert close(got[node], want[node]), (field, node)
    # The Medici are the broker.
    top = result.actors.sort_values("betweenness", ascending=False).iloc[0]
    assert top["id"] == "Medici"


def test_directed_graphs_are_read_as_directed_ties():
    g = nx.DiGraph()
    g.add_edge("a", "b", trust=0.9)
    g.add_edge("b", "a", trust=0.3)
    g.add_edge("b", "c", trust=0.5)
    net = stakenet.from_networkx(g)
    summary = net.analyze().summary
    assert summary["directed"] and summary["directed_ties"] == 3
    assert summary["trust_asymmetry"] == pytest.approx(0.6)


@pytest.mark.parametrize("path", NETWORKS)
def test_round_trip_through_networkx_and_pandas(path, at_root):
    net = stakenet.load(path)
    g = net.to_networkx()
    assert g.is_directed() == net.directed
    assert g.number_of_nodes() == len(net)
    nodes, edges = net.to_records()
    # Every attribute is on the graph.
    for row in nodes:
        data = g.nodes[row["id"]]
        for key, value in row.items():
            if key == "id" or value is None:
                assert key == "id" or key not in data
            else:
                assert data[key] == value, (row["id"], key)
    for row in edges:
        data = g.edges[row["source"], row["target"]]
        assert data["trust"] == row["trust"]
        assert data["communication"] == row["communication"]
        assert data["directed"] == row["directed"]
        assert g.edges[row["source"], row["target"]]["tie"] == edges.index(row)
        assert data["relationship"] in ("practitioner_stakeholder", "stakeholder_stakeholder", "practitioner_team")
    again = stakenet.from_networkx(g)
    again_nodes, again_edges = again.to_records()
    assert again_nodes == nodes
    # The same ties in the same order; a DiGraph shows a mutual tie as two
    # arcs, and it may come back written from its other end.
    assert [oriented(e) for e in again_edges] == [oriented(e) for e in edges]
    assert again.analyze().report == net.analyze().report
    assert again.exit().report == net.exit().report
    assert again.validate() == net.validate()
    pandas_again = stakenet.from_pandas(*net.to_pandas())
    assert pandas_again.to_records() == (nodes, edges)
    assert pandas_again.analyze().report == net.analyze().report


def oriented(edge):
    """A tie with a mutual tie written from its lower id (the power
    differential negated to match)."""
    e = dict(edge)
    if not e["directed"] and e["source"] > e["target"]:
        e["source"], e["target"], e["power"] = e["target"], e["source"], -e["power"] + 0.0
    return e


def test_power_differentials_read_in_the_order_networkx_reports_the_edge():
    # An undirected networkx edge has no direction of its own: its power
    # attribute is read as oriented from the end networkx lists first.
    g = nx.Graph()
    g.add_node("z", power=0.9)
    g.add_node("a", power=0.1)
    g.add_edge("a", "z", trust=0.5, power=-0.3)
    ((u, v),) = g.edges()
    assert (u, v) == ("z", "a")
    net = stakenet.from_networkx(g)
    (edge,) = net.to_records()[1]
    assert (edge["source"], edge["target"], edge["power"]) == ("z", "a", -0.3)
    back = net.to_networkx()
    ((u, v, d),) = back.edges(data=True)
    assert oriented({"source": u, "target": v, "power": d["power"], "directed": False}) == oriented(
        {"source": "z", "target": "a", "power": -0.3, "directed": False}
    )
    # Without a power attribute, the differential is power(source) − power(target).
    del g.edges["a", "z"]["power"]
    (edge,) = stakenet.from_networkx(g).to_records()[1]
    assert edge["power"] == pytest.approx(0.8 if edge["source"] == "z" else -0.8)
