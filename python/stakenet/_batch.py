"""``stakenet.batch``: many networks, one row each, as ``stakenet batch``."""

from __future__ import annotations

import json
import os
import warnings
from typing import Any, Dict, Iterable, List, Optional, Union

from . import _stakenet
from ._network import PathLike, _exit_ids, _optional_int
from ._stakenet import InputError


def batch(
    paths: Union[PathLike, Iterable[PathLike]],
    jobs: Optional[int] = None,
    *,
    distance: str = "inverse",
    betweenness_sample: Optional[int] = None,
    seed: int = 1,
    exit: Union[None, str, Iterable[str]] = None,
    exit_kind: Optional[str] = None,
    exit_role: Optional[str] = None,
    merge_duplicates: bool = False,
    errors: str = "warn",
    as_records: bool = False,
):
    """Analyse many networks with the same options: one row per network, as
    ``stakenet batch`` writes them (the same columns and values), in network
    path order whatever ``jobs``.

    ``paths``: folders searched recursively for networks (every folder
    holding ``nodes.csv``/``edges.csv``; hidden folders and symbolic links
    are not entered), or manifest CSV files with a ``path`` column naming
    network folders (relative to the manifest) and any other columns, which
    are copied into the rows. ``jobs``: networks analysed at once (default:
    one per core, the library's rayon pool). The work runs without the GIL;
    Ctrl-C stops it between networks. ``distance``, ``betweenness_sample``
    and ``seed`` as in :meth:`Network.analyze`; ``exit``: ids that exit in
    every network, for the exit columns (default: each network's external
    practitioners); ``exit_kind`` (``"practitioner"`` or ``"stakeholder"``)
    and/or ``exit_role`` (a ``role`` value, exactly): who leaves in each
    network instead, as ``stakenet batch --exit-kind/--exit-role`` (not
    together with ``exit``). Where nobody leaves, the after-exit columns
    are empty and ``exit_note`` says why.

    Columns: ``network`` (its path), the manifest columns, the ``analyze``
    network figures (relationship types as ``<type>.ties``, …) and the
    ``exit`` figures.

    A network that cannot be analysed has no row; its problems (one dict
    each: ``network``, ``file``, ``line``, ``column``, ``message``) are in
    ``df.attrs["errors"]`` and, with ``errors="warn"`` (the default), in a
    warning; ``errors="raise"`` raises :class:`stakenet.InputError` instead,
    ``errors="ignore"`` says nothing.

    Returns a pandas DataFrame, or with ``as_records=True`` a dict with
    ``rows`` (list of dicts) and ``errors``.
    """
    if errors not in ("warn", "raise", "ignore"):
        raise ValueError(f'errors: expected "warn", "raise" or "ignore", found {errors!r}')
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    roots = [os.fspath(p) for p in paths]
    jobs = _optional_int(jobs)
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs: expected at least 1, found {jobs}")
    columns, lines, failures = _stakenet.batch(
        roots,
        jobs,
        str(distance),
        _optional_int(betweenness_sample),
        int(seed),
        _exit_ids(exit),
        bool(merge_duplicates),
        None if exit_kind is None else str(exit_kind),
        None if exit_role is None else str(exit_role),
    )
    rows: List[Dict[str, Any]] = [json.loads(line) for line in lines.splitlines() if line]
    problems = [
        {"network": n, "file": f, "line": line, "column": c, "message": m}
        for (n, f, line, c, m) in failures
    ]
    if problems:
        text = "\n".join(_failure_text(p) for p in problems)
        if errors == "raise":
            err = InputError(text)
            err.errors = problems
            first = problems[0]
            for key in ("file", "line", "column"):
                setattr(err, key, first[key])
            raise err
        if errors == "warn":
            networks = {p["network"] for p in problems}
            warnings.warn(
                f"{len(networks)} network(s) could not be analysed:\n{text}",
                stacklevel=2,
            )
    if as_records:
        return {"rows": rows, "errors": problems}
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "stakenet.batch returns a pandas DataFrame: `pip install pandas`, or pass as_records=True"
        ) from e
    df = pandas.DataFrame.from_records(rows, columns=columns) if rows else pandas.DataFrame(columns=columns)
    df.attrs["errors"] = problems
    return df


def _failure_text(p: Dict[str, Any]) -> str:
    place = p["network"]
    if p["file"]:
        place = p["file"]
        if p["line"] is not None:
            place += f":{p['line']}:{p['column']}"
    return f"{place}: {p['message']}"
