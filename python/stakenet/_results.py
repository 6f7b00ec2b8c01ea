"""Results of the per-network calls: the CLI's JSON report, as Python
objects, with pandas views of its tables.

Nothing here computes or rounds a figure: every number is the one the
library put in the report, read back from its JSON (which writes each float
so that it reads back to the same value)."""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - exercised without pandas
        raise ImportError(
            "this view is a pandas DataFrame: `pip install pandas`, or use "
            ".to_records() for a list of dicts"
        ) from e
    return pandas


def flatten(row: Dict[str, Any]) -> Dict[str, Any]:
    """One CSV row of the CLI: a nested object's entries (an actor's extra
    ``nodes.csv`` columns) become columns named by their own key, or
    ``outer.key`` where that would clash with a top-level column."""
    out: Dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            for k, v in value.items():
                out[f"{key}.{k}" if k in row else k] = v
        else:
            out[key] = value
    return out


def frame(records: List[Dict[str, Any]], columns: Optional[List[str]] = None):
    """A DataFrame of flat records, columns in the records' order (also when
    there are none, given ``columns``)."""
    pandas = _pandas()
    if not records:
        return pandas.DataFrame(columns=columns or [])
    return pandas.DataFrame.from_records(records, columns=list(records[0].keys()))


class Result:
    """What a call reported: ``report`` is the CLI's JSON document (``--format
    json``) as Python objects, ``table`` the text the CLI prints for people
    (``--format table``), ``to_records()`` the rows of its CSV form
    (``--format csv``) as a list of dicts."""

    __slots__ = ("report", "table", "_records")

    def __init__(self, report_json: str, rows_json: str, table: str):
        self.report: Dict[str, Any] = json.loads(report_json)
        self._records: List[Dict[str, Any]] = [flatten(r) for r in json.loads(rows_json)]
        self.table: str = table

    def to_records(self) -> List[Dict[str, Any]]:
        """The rows of the CLI's CSV form, one flat dict each (null: None)."""
        return [dict(r) for r in self._records]

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The report as JSON text (the CLI's ``--format json`` document)."""
        return json.dumps(self.report, indent=indent, ensure_ascii=False)

    def __str__(self) -> str:
        return self.table

    def __repr__(self) -> str:
        return f"<stakenet.{type(self).__name__}: {len(self._records)} rows>"


class AnalyzeResult(Result):
    """The figures of ``stakenet analyze``.

    * ``summary`` (dict): the network-level figures (the JSON's ``network``):
      counts, ``density``, ``components``, ``largest_component``,
      ``isolates``, ``mean_trust``, ``mean_communication``,
      ``mean_power_differential``, ``reciprocity``, ``trust_asymmetry``,
      ``relationship_types``, ``practitioner_dependency``,
      ``sampled_sources``.
    * ``actors`` (pandas DataFrame): one row per actor in id order, the
      columns of ``stakenet analyze --format csv``: identity (``id``,
      ``label``, ``kind``, ``placement``, ``group``, ``role``, ``level``,
      ``power``), ties (``degree``, ``in_degree``, ``out_degree``,
      ``strength``, ``mean_trust_given``, ``mean_trust_received``),
      centrality (``betweenness``, ``closeness``, ``harmonic``,
      ``pagerank``, ``stakeholder_betweenness``, ``practitioner_share``),
      Burt's structural holes (``constraint``, ``effective_size``,
      ``efficiency``, ``hierarchy``), Gould–Fernandez brokerage
      (``coordinator``, ``itinerant``, ``representative``, ``gatekeeper``,
      ``liaison``, ``brokerage_total``) and the extra ``nodes.csv`` columns.
      An undefined value is NaN/None (null in the JSON), never a made-up 0.
    """

    __slots__ = ()

    @property
    def summary(self) -> Dict[str, Any]:
        return self.report["network"]

    @property
    def actors(self):
        return frame(self._records)


class ExitResult(Result):
    """What the stakeholders keep when the exiting actors leave (``stakenet
    exit``).

    * ``summary`` (dict): ``exit`` (ids of X), ``default_exit``,
      ``handover``, ``stakeholders`` (size of S), ``reach_before``,
      ``reach_after``, ``fragmentation_after``, ``trusted_reach_before``,
      ``trusted_reach_after``, ``sustainability`` (the share of trusted
      reach kept), ``sustainability_without_handover`` (with handovers),
      ``dependent_pairs``, ``stranded`` (ids), ``group_bridges_lost``
      (pairs of groups).
    * ``actors`` (pandas DataFrame): ``id``, ``label``, ``kind``,
      ``placement``, ``group``, ``exiting``, ``stranded``,
      ``trust_retained``, ``exit_impact``, ``exit_impact_rank``.
    * ``findings`` (list of str): the sentences the CLI's table opens with.
    """

    __slots__ = ()

    @property
    def summary(self) -> Dict[str, Any]:
        return self.report["summary"]

    @property
    def actors(self):
        return frame(self._records)

    @property
    def findings(self) -> List[str]:
        return _findings(self.table)


class PlanResult(Result):
    """What to do before leaving (``stakenet plan``).

    * ``summary`` (dict): the exit figures without any plan (as
      :class:`ExitResult.summary`).
    * ``steps`` (pandas DataFrame): the introductions in order, ``step``,
      ``a``, ``b``, ``introducer`` (the leaving actor who knows both),
      ``trust``, ``gain``, ``trusted_reach_after``, ``sustainability``.
    * ``successors`` (pandas DataFrame): per exiting practitioner (``id``),
      the best internal ``successor`` and the ``sustainability`` its handover
      (factor 0.5) keeps.
    * ``candidates`` (pandas DataFrame): the ranked successor candidates,
      ``id`` (the practitioner), ``rank``, ``successor``, ``gain``,
      ``sustainability``, ``caution`` (a stakeholder in another role).
    * ``to_records()``: the CLI's CSV rows, one per option (``introduction``
      or ``handover``).
    * ``findings`` (list of str): the sentences the CLI's table opens with.
    """

    __slots__ = ()

    @property
    def summary(self) -> Dict[str, Any]:
        return self.report["summary"]

    @property
    def steps(self):
        return frame(
            self.report["plan"]["steps"],
            ["step", "a", "b", "introducer", "trust", "gain", "trusted_reach_after", "sustainability"],
        )

    @property
    def successors(self):
        rows = [
            {k: v for k, v in s.items() if k != "candidates"} for s in self.report["successors"]
        ]
        return frame(rows, ["id", "successor", "sustainability"])

    @property
    def candidates(self):
        rows = [
            {"id": s["id"], **c} for s in self.report["successors"] for c in s.get("candidates", [])
        ]
        return frame(
            rows, ["id", "rank", "successor", "gain", "sustainability", "caution"]
        )

    @property
    def findings(self) -> List[str]:
        return _findings(self.table)


class PowerResult(Result):
    """Power and voice (``stakenet power``); the fields are listed in
    :meth:`stakenet.Network.power`.

    * ``summary`` (dict): the network-level figures (the JSON's
      ``summary``).
    * ``actors`` (pandas DataFrame): one row per actor in id order, the
      columns of ``stakenet power --format csv``.
    * ``findings`` (list of str): the sentences the CLI's table opens with.
    """

    __slots__ = ()

    @property
    def summary(self) -> Dict[str, Any]:
        return self.report["summary"]

    @property
    def actors(self):
        return frame(self._records)

    @property
    def findings(self) -> List[str]:
        return _findings(self.table)


def _findings(table: str) -> List[str]:
    """The opening paragraph of a CLI table, one sentence per line."""
    return [line for line in table.split("\n\n", 1)[0].splitlines() if line.strip()]
