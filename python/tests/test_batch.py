"""stakenet.batch gives the rows `stakenet batch` writes, in the same order
whatever the number of jobs, and lists the networks it could not analyse."""

from __future__ import annotations

import csv
import io
import json
import math
import warnings

import pytest

import stakenet


def same(a, b) -> bool:
    if isinstance(a, float) and math.isnan(a):
        return b is None
    return a == b


def test_batch_rows_equal_the_cli(cli, at_root):
    want = [json.loads(line) for line in cli("batch", "data/real", "--format", "jsonl").splitlines()]
    got = stakenet.batch("data/real")
    assert list(got.columns) == list(want[0].keys())
    assert len(got) == len(want) == 8
    for i, row in enumerate(want):
        for key, value in row.items():
            assert same(got.iloc[i][key], value), (row["network"], key)
    records = stakenet.batch(["data/real"], as_records=True)
    assert records == {"rows": want, "errors": []}


def test_batch_options_equal_the_cli(cli, at_root):
    args = ["--distance", "hops", "--betweenness-sample", "4", "--seed", "9", "--exit", "p1,p2"]
    want = [json.loads(l) for l in cli("batch", "data/real/tiny", "--format", "jsonl", *args).splitlines()]
    got = stakenet.batch(
        "data/real/tiny", distance="hops", betweenness_sample=4, seed=9, exit=["p1", "p2"], as_records=True
    )
    assert len(want) == 1 and want[0]["sampled_sources"] == 4
    assert got["rows"] == want
    assert got["rows"] != stakenet.batch("data/real/tiny", as_records=True)["rows"]


def test_batch_exit_kind_and_role_equal_the_cli(cli, at_root):
    roots = ["data/county-parenting-site", "data/real/tiny"]
    args = ["--exit-kind", "stakeholder", "--exit-role", "supervisor"]
    want = [json.loads(l) for l in cli("batch", *roots, "--format", "jsonl", *args).splitlines()]
    got = stakenet.batch(roots, exit_kind="stakeholder", exit_role="supervisor", as_records=True)
    assert got["rows"] == want
    # The site's three supervisors leave; tiny has nobody with that role.
    assert want[0]["exit_note"] is None and want[0]["sustainability"] is not None
    assert want[1]["exit_note"] == 'no stakeholders with the role "supervisor" to leave'
    assert want[1]["sustainability"] is None
    assert got["rows"] != stakenet.batch(roots, as_records=True)["rows"]
    by_kind = stakenet.batch(roots, exit_kind="practitioner", as_records=True)
    assert by_kind["rows"] == [
        json.loads(l)
        for l in cli("batch", *roots, "--format", "jsonl", "--exit-kind", "practitioner").splitlines()
    ]
    with pytest.raises(stakenet.RequestError, match="exit_kind"):
        stakenet.batch(roots, exit_kind="funder")
    with pytest.raises(stakenet.RequestError, match="not both"):
        stakenet.batch(roots, exit=["isp_lead"], exit_role="supervisor")


def test_batch_is_the_same_for_any_number_of_jobs(at_root):
    one = stakenet.batch(["data/real", "data/county-parenting-site"], jobs=1, as_records=True)
    two = stakenet.batch(["data/real", "data/county-parenting-site"], jobs=2, as_records=True)
    assert one == two
    assert [r["network"] for r in one["rows"]] == sorted(r["network"] for r in one["rows"])


def test_networks_that_fail_are_listed_as_the_cli_lists_them(cli, at_root, tmp_path):
    roots = ["data/invalid/trust_nan", "data/invalid/self_loop", "data/real/tiny"]
    cli("batch", *roots, "-o", str(tmp_path / "b.csv"))
    want = list(csv.DictReader(io.StringIO((tmp_path / "b.errors.csv").read_text())))
    with pytest.warns(UserWarning, match=r"2 network\(s\) could not be analysed"):
        got = stakenet.batch(roots)
    assert list(got["network"]) == ["data/real/tiny"]
    problems = got.attrs["errors"]
    assert [
        {k: ("" if v is None else str(v)) for k, v in p.items()} for p in problems
    ] == want
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(stakenet.batch(roots, errors="ignore")) == 1
    with pytest.raises(stakenet.InputError) as caught:
        stakenet.batch(roots, errors="raise")
    assert caught.value.file == "data/invalid/self_loop/edges.csv"
    assert (caught.value.line, caught.value.column) == (4, 2)


def test_batch_refuses_bad_arguments(at_root):
    with pytest.raises(ValueError, match="jobs"):
        stakenet.batch("data/real", jobs=0)
    with pytest.raises(ValueError, match="errors"):
        stakenet.batch("data/real", errors="loud")
    with pytest.raises(FileNotFoundError):
        stakenet.batch("data/nowhere")
