"""Bad input raises stakenet.InputError with the CLI's message and the
location; from pandas and networkx the location is the row, node or edge."""

from __future__ import annotations

import pandas as pd
import pytest

import stakenet

from conftest import ROOT

INVALID = sorted(p.name for p in (ROOT / "data" / "invalid").iterdir() if p.is_dir())


@pytest.mark.parametrize("case", INVALID)
def test_every_invalid_fixture_raises_the_cli_message(case, at_root, cli):
    folder = f"data/invalid/{case}"
    expected = (ROOT / folder / "expected.txt").read_text().rstrip("\n")
    with pytest.raises(stakenet.InputError) as caught:
        stakenet.load(folder)
    err = caught.value
    # The same problems; where the CLI names its flag, Python names its argument.
    assert str(err) == expected.replace(
        "--merge-duplicates combines such rows", "merge_duplicates=True combines such rows"
    )
    # The CLI says it after its name.
    assert cli.stderr("analyze", folder) == f"stakenet: {expected}\n"
    first = err.errors[0]
    assert (err.file, err.line, err.column, err.column_name) == (
        first["file"],
        first["line"],
        first["column"],
        first["column_name"],
    )
    assert expected.splitlines()[0].startswith(f"{err.file}:{err.line}:{err.column}: {err.column_name}: ")
    assert isinstance(err, ValueError)


def test_several_problems_are_all_listed(at_root):
    with pytest.raises(stakenet.InputError) as caught:
        stakenet.load("data/invalid/several_problems")
    err = caught.value
    assert len(err.errors) == len(str(err).splitlines()) > 1
    assert err.more == 0


def test_a_missing_folder_is_a_file_not_found_error(tmp_path):
    with pytest.raises(FileNotFoundError) as caught:
        stakenet.load(tmp_path / "nowhere")
    assert "nodes.csv" in str(caught.value)


NODES = pd.DataFrame(
    {"id": ["isp", "lead", "worker"], "kind": ["practitioner", "stakeholder", "stakeholder"]}
)


def test_from_pandas_names_the_row_and_column():
    edges = pd.DataFrame(
        {"source": ["isp", "lead", "isp"], "target": ["lead", "worker", "worker"], "trust": [0.8, 0.4, 1.4]}
    )
    with pytest.raises(stakenet.InputError) as caught:
        stakenet.from_pandas(NODES, edges)
    err = caught.value
    assert str(err) == 'edges DataFrame, row 2, column 3: trust: expected a number in [0, 1], found "1.4"'
    assert (err.file, err.row, err.column, err.column_name) == ("edges DataFrame", 2, 3, "trust")


def test_from_pandas_names_the_index_label_and_counts_rows_not_lines():
    # A label with a line break spans two lines of the CSV text; the row
    # number stays the DataFrame's.
    nodes = pd.DataFrame(
        {"id": ["isp", "lead", "worker"], "label": ["ISP", "Lead\n(two lines)", "W"], "kind": ["practitioner", "boss", "stakeholder"]},
        index=["x", "y", "z"],
    )
    with pytest.raises(stakenet.InputError) as caught:
        stakenet.from_pandas(nodes, pd.DataFrame({"source": [], "target": [], "trust": []}))
    err = caught.value
    assert err.row == 1
    assert str(err).startswith("nodes DataFrame, row 1 (index 'y'), column 3: kind: expected")


def test_from_pandas_missing_values_are_defaults_or_errors():
    edges = pd.DataFrame({"source": ["isp", "lead"], "target": ["lead", "worker"], "trust": [0.8, None]})
    with pytest.raises(stakenet.InputError) as caught:
        stakenet.from_pandas(NODES, edges)
    assert caught.value.row == 1
    assert "found an empty cell" in str(caught.value)
    # An empty optional cell is its default: power 0.5, placement by kind.
    nodes = NODES.assign(power=[None, 0.9, float("nan")])
    edges = edges.assign(trust=[0.8, 0.4])
    rows = stakenet.from_pandas(nodes, edges).to_records()[0]
    assert [r["power"] for r in rows] == [0.5, 0.9, 0.5]
    assert [r["placement"] for r in rows] == ["external", "internal", "internal"]


def test_from_pandas_header_problems_have_no_row():
    with pytest.raises(stakenet.InputError) as caught:
        stakenet.from_pandas(NODES, pd.DataFrame({"source": ["isp"], "target": ["lead"]}))
    err = caught.value
    assert err.row is None
    assert err.column_name == "header"
    assert 'expected a column named "trust"' in str(err)


def test_from_networkx_names_the_edge():
    nx = pytest.importorskip("networkx")
    g = nx.karate_club_graph()  # weights 1..7 are not trust values
    with pytest.raises(stakenet.InputError) as caught:
        stakenet.from_networkx(g, trust="weight")
    err = caught.value
    u, v, w = next((u, v, d["weight"]) for u, v, d in g.edges(data=True) if d["weight"] > 1)
    assert str(err).splitlines()[0] == (
        f"networkx edges, edge {(u, v)!r}, column 3: trust: expected a number in [0, 1], found \"{w}\""
    )
    assert err.file == "networkx edges"
    # No trust at all is an empty required cell, for every edge.
    with pytest.raises(stakenet.InputError) as caught:
        stakenet.from_networkx(nx.path_graph(3))
    assert len(caught.value.errors) == 2
    assert "found an empty cell" in str(caught.value)


def test_requests_that_do_not_fit_raise_request_error(at_root):
    net = stakenet.load("data/county-parenting-site")
    with pytest.raises(stakenet.RequestError, match='exit: no actor has the id "nobody"'):
        net.exit(exit=["nobody"])
    with pytest.raises(stakenet.RequestError, match=r"(?i)factor: expected a number in \[0, 1\]"):
        net.exit(handover=[("isp_lead", "sup_b", 1.5)])
    with pytest.raises(stakenet.RequestError, match="different actors"):
        net.exit(handover="sup_b=sup_b")
    with pytest.raises(stakenet.RequestError, match="no '='"):
        net.exit(handover="sup_b")
    with pytest.raises(stakenet.RequestError, match="distance"):
        net.analyze(distance="km")
    with pytest.raises(stakenet.RequestError, match="at least 2"):
        net.analyze(betweenness_sample=1)
    with pytest.raises(stakenet.RequestError, match="size_by"):
        net.dot(size_by="height")
    with pytest.raises(stakenet.RequestError, match="budget"):
        net.plan(-1)
