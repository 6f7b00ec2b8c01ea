"""Every figure the package returns equals the CLI's, on the example site and
every published network: the whole JSON document compared with ==, which on
floats means the same bits (both sides read the same shortest round-trip
text), the CSV rows, the DataFrames and the table text."""

from __future__ import annotations

import csv
import io
import math

import pytest

import stakenet

from conftest import NETWORKS


def same_cell(frame_value, json_value) -> bool:
    """A DataFrame cell against the JSON value: NaN/None for null, and
    numbers equal exactly."""
    if json_value is None:
        return frame_value is None or (isinstance(frame_value, float) and math.isnan(frame_value))
    if isinstance(json_value, (list, dict, str, bool)):
        return frame_value == json_value
    return float(frame_value) == float(json_value)


def assert_frame_matches(df, records):
    assert len(df) == len(records)
    assert list(df.columns) == list(records[0].keys())
    for i, record in enumerate(records):
        for key, value in record.items():
            got = df.iloc[i][key]
            assert same_cell(got, value), (record.get("id", i), key, got, value)


def csv_rows(text: str):
    return list(csv.DictReader(io.StringIO(text)))


def assert_records_match_csv(records, cli_csv):
    """to_records() against the CLI's --format csv: same header, and each
    cell written as the CLI writes it."""
    rows = csv_rows(cli_csv)
    assert len(rows) == len(records)
    for record, row in zip(records, rows):
        assert list(row.keys()) == list(record.keys())
        for key, value in record.items():
            if value is None:
                assert row[key] == "", key
            elif isinstance(value, bool):
                assert row[key] == str(value).lower(), key
            elif isinstance(value, float):
                assert float(row[key]) == value, key
            elif isinstance(value, int):
                assert int(row[key]) == value, key
            else:
                # Text cells: the CLI neutralises formula starts with a quote.
                assert row[key] in (str(value), "'" + str(value)), key


@pytest.mark.parametrize("path", NETWORKS)
def test_analyze_equals_the_cli(path, cli, at_root):
    net = stakenet.load(path)
    got = net.analyze()
    assert got.report == cli.json("analyze", path)
    assert got.summary == got.report["network"]
    assert got.table == cli("analyze", path, "--format", "table")
    assert_records_match_csv(got.to_records(), cli("analyze", path, "--format", "csv"))
    assert_frame_matches(got.actors, got.to_records())


@pytest.mark.parametrize("path", ["data/county-parenting-site", "data/real/lazega-isp", "data/real/krackhardt"])
def test_analyze_options_equal_the_cli(path, cli, at_root):
    net = stakenet.load(path)
    assert net.analyze(distance="hops").report == cli.json("analyze", path, "--distance", "hops")
    assert (
        net.analyze(betweenness_sample=5, seed=3).report
        == cli.json("analyze", path, "--betweenness-sample", "5", "--seed", "3")
    )
    # "trust" names the default length 1/trust.
    assert net.analyze(distance="trust").report == net.analyze().report


@pytest.mark.parametrize("path", NETWORKS)
def test_exit_equals_the_cli(path, cli, at_root):
    net = stakenet.load(path)
    got = net.exit()
    assert got.report == cli.json("exit", path)
    table = cli("exit", path, "--format", "table")
    assert got.table == table
    assert got.findings == [l for l in table.split("\n\n")[0].splitlines() if l]
    assert_records_match_csv(got.to_records(), cli("exit", path, "--format", "csv"))
    assert_frame_matches(got.actors, got.to_records())


def test_exit_with_named_leavers_and_handovers_equals_the_cli(cli, at_root):
    path = "data/county-parenting-site"
    net = stakenet.load(path)
    assert net.exit(exit=["isp_lead", "director"]).report == cli.json(
        "exit", path, "--exit", "isp_lead,director"
    )
    assert net.exit(exit="director").report == cli.json("exit", path, "--exit", "director")
    want = cli.json(
        "exit", path, "--handover", "isp_lead=sup_b:0.7", "--handover", "data_coach=fam_tom"
    )
    assert want["summary"]["handover"]  # the flags took effect
    for handover in (
        [("isp_lead", "sup_b", 0.7), ("data_coach", "fam_tom")],
        ["isp_lead=sup_b:0.7", "data_coach=fam_tom"],
    ):
        assert net.exit(handover=handover).report == want
    assert net.exit(handover=("isp_lead", "sup_b")).report == cli.json(
        "exit", path, "--handover", "isp_lead=sup_b"
    )


def test_exit_by_kind_and_role_equals_the_cli(cli, at_root):
    path = "data/county-parenting-site"
    net = stakenet.load(path)
    by_kind = net.exit(exit_kind="practitioner")
    assert by_kind.report == cli.json("exit", path, "--exit-kind", "practitioner")
    assert by_kind.report != net.exit().report  # internal practitioners leave too
    assert net.exit(exit_role="supervisor").report == cli.json("exit", path, "--exit-role", "supervisor")
    assert net.exit(exit_kind="stakeholder", exit_role="family").report == cli.json(
        "exit", path, "--exit-kind", "stakeholder", "--exit-role", "family"
    )
    with pytest.raises(stakenet.RequestError, match="exit_role"):
        net.exit(exit_role=" ")
    with pytest.raises(stakenet.RequestError, match="not both"):
        net.exit(exit="director", exit_kind="stakeholder")


@pytest.mark.parametrize("path", ["data/county-parenting-site", "data/real/tiny", "data/real/lazega-isp"])
def test_plan_equals_the_cli(path, cli, at_root):
    net = stakenet.load(path)
    got = net.plan(3)
    assert got.report == cli.json("plan", path, "--budget", "3")
    table = cli("plan", path, "--budget", "3", "--format", "table")
    assert got.table == table
    assert_records_match_csv(got.to_records(), cli("plan", path, "--budget", "3", "--format", "csv"))
    steps, successors = got.report["plan"]["steps"], got.report["successors"]
    assert len(got.steps) == len(steps) and len(got.successors) == len(successors)
    if steps:
        assert_frame_matches(got.steps, steps)
    if successors:
        flat = [{k: v for k, v in s.items() if k != "candidates"} for s in successors]
        assert_frame_matches(got.successors, flat)
        ranked = [{"id": s["id"], **c} for s in successors for c in s["candidates"]]
        assert ranked and len(got.candidates) == len(ranked)
        assert_frame_matches(got.candidates, ranked)


def test_plan_with_a_handover_equals_the_cli(cli, at_root):
    path = "data/county-parenting-site"
    got = stakenet.load(path).plan(2, handover=[("isp_lead", "sup_b", 0.6)])
    assert got.report == cli.json("plan", path, "--budget", "2", "--handover", "isp_lead=sup_b:0.6")
    assert len(got.steps) == 2


def test_plan_successor_options_equal_the_cli(cli, at_root):
    path = "data/county-parenting-site"
    net = stakenet.load(path)
    by_role = net.plan(1, successors=2, successor_role=["Supervisor", "leader"])
    assert by_role.report == cli.json(
        "plan", path, "--budget", "1", "--successors", "2", "--successor-role", "Supervisor,leader"
    )
    ranked = {c["successor"] for s in by_role.report["successors"] for c in s["candidates"]}
    assert ranked and ranked <= {"sup_a", "sup_b", "sup_c", "director", "deputy"}
    assert all(len(s["candidates"]) == 2 for s in by_role.report["successors"])
    one = net.plan(1, successor_role="data_coach", candidates="qa_analyst")
    assert one.report == cli.json(
        "plan", path, "--budget", "1", "--successor-role", "data_coach", "--candidates", "qa_analyst"
    )
    assert {c["successor"] for s in one.report["successors"] for c in s["candidates"]} == {"qa_analyst"}
    none = net.plan(1, successors=0)
    assert none.report == cli.json("plan", path, "--budget", "1", "--successors", "0")
    assert all(s["candidates"] == [] for s in none.report["successors"])
    assert len(none.candidates) == 0


def test_plan_successor_options_are_checked(at_root):
    net = stakenet.load("data/county-parenting-site")
    for bad in (-1, 1.5, True, "3"):
        with pytest.raises(stakenet.RequestError, match="successors"):
            net.plan(1, successors=bad)
    with pytest.raises(stakenet.RequestError, match="coach"):
        net.plan(1, successor_role="coach")
    with pytest.raises(stakenet.RequestError, match="isp_lead"):
        net.plan(1, candidates=["isp_lead"])


@pytest.mark.parametrize("path", ["data/county-parenting-site", "data/real/florentine", "data/real/tiny"])
def test_dot_equals_the_cli(path, cli, at_root):
    net = stakenet.load(path)
    assert net.dot() == cli("dot", path)
    assert net.dot(size_by="betweenness", cluster_by=None, title="A site", legend=False) == cli(
        "dot", path, "--size-by", "betweenness", "--cluster-by", "none", "--title", "A site", "--no-legend"
    )
    assert net.dot(exit_view=True, plan=2) == cli("dot", path, "--exit-view", "--plan", "2")
    assert net.dot(size_by="betweenness", distance="hops") == cli(
        "dot", path, "--size-by", "betweenness", "--distance", "hops"
    )


@pytest.mark.parametrize("path", NETWORKS)
def test_power_equals_the_cli(path, cli, at_root):
    net = stakenet.load(path)
    got = net.power()
    assert got.report == cli.json("power", path)
    assert got.summary == got.report["summary"]
    table = cli("power", path, "--format", "table")
    assert got.table == table
    assert got.findings == [l for l in table.split("\n\n")[0].splitlines() if l]
    assert_records_match_csv(got.to_records(), cli("power", path, "--format", "csv"))
    assert_frame_matches(got.actors, got.to_records())


def test_power_with_named_voices_thresholds_and_exit_equals_the_cli(cli, at_root):
    path = "data/county-parenting-site"
    net = stakenet.load(path)
    got = net.power(voices=["fam_maria", "fam_tom", "cw_dev"], decision_makers="director", steep=0.5)
    want = cli.json(
        "power", path, "--voices", "fam_maria,fam_tom,cw_dev", "--decision-makers", "director",
        "--steep", "0.5",
    )
    assert want["summary"]["voices"] == ["cw_dev", "fam_maria", "fam_tom"]  # the flags took effect
    assert got.report == want
    assert net.power(low_power=0.2, decision_power=0.9, exit="isp_lead").report == cli.json(
        "power", path, "--low-power", "0.2", "--decision-power", "0.9", "--exit", "isp_lead"
    )
    assert net.power(handover=[("isp_lead", "sup_b", 0.7)]).report == cli.json(
        "power", path, "--handover", "isp_lead=sup_b:0.7"
    )
    with pytest.raises(stakenet.RequestError, match="voices"):
        net.power(voices=["nobody"])
    with pytest.raises(stakenet.RequestError):
        net.power(voices="isp_lead")


def test_validate_equals_the_cli(cli, at_root):
    for path in NETWORKS:
        assert stakenet.load(path).validate() == cli("validate", path)


def test_files_named_one_by_one_and_merged_duplicates(cli, at_root, tmp_path):
    nodes = tmp_path / "actors.csv"
    edges = tmp_path / "ties.csv"
    nodes.write_text("id,kind\np,practitioner\na,\nb,\n")
    edges.write_text("source,target,trust\np,a,0.8\na,b,0.4\nb,a,0.6\n")
    with pytest.raises(stakenet.InputError, match="again"):
        stakenet.load(nodes=nodes, edges=edges)
    net = stakenet.load(nodes=nodes, edges=edges, merge_duplicates=True)
    assert net.analyze().report == cli.json(
        "analyze", "--nodes", str(nodes), "--edges", str(edges), "--merge-duplicates"
    )
    # One mean tie of trust 0.5 between a and b.
    assert net.to_records()[1][1]["trust"] == 0.5
