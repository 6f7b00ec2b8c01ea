"""Type stubs of the native module ``stakenet._stakenet`` (Rust, PyO3).

Users call the ``stakenet`` package, which wraps these; each report comes
back as ``(json, csv_rows_json, table)``: the CLI's ``--format json``
document, the rows of its ``--format csv`` form as a JSON array of objects,
and its ``--format table`` text.
"""

from os import PathLike
from typing import List, Optional, Sequence, Tuple, Union

_Path = Union[str, PathLike[str]]
_ReportTexts = Tuple[str, str, str]
_Handover = Tuple[str, str, float]

class InputError(ValueError):
    """The input breaks the network format."""

    errors: List[dict]
    """Every problem, in file order: ``file``, ``line``, ``column``,
    ``column_name``, ``message`` (and, from pandas or networkx, ``row`` and
    ``where``)."""
    more: int
    """Problems found beyond those listed."""
    file: Optional[str]
    line: Optional[int]
    column: Optional[int]
    column_name: Optional[str]

class RequestError(ValueError):
    """A request that does not fit the network (unknown id, bad option)."""

class NativeNetwork:
    @staticmethod
    def load(nodes: _Path, edges: _Path, merge_duplicates: bool) -> NativeNetwork: ...
    @staticmethod
    def read(
        nodes_name: _Path, nodes: bytes, edges_name: _Path, edges: bytes, merge_duplicates: bool
    ) -> NativeNetwork: ...
    def __len__(self) -> int: ...
    @property
    def directed(self) -> bool: ...
    def validate_text(self) -> str: ...
    def actors_json(self) -> str: ...
    def ties_json(self) -> str: ...
    def analyze(
        self, distance: str, betweenness_sample: Optional[int], seed: int
    ) -> _ReportTexts: ...
    def exit(
        self,
        exit: Optional[Sequence[str]],
        handover: Sequence[_Handover],
        exit_kind: Optional[str] = None,
        exit_role: Optional[str] = None,
    ) -> _ReportTexts: ...
    def plan(
        self,
        budget: int,
        exit: Optional[Sequence[str]],
        handover: Sequence[_Handover],
        successors: int = 3,
        successor_roles: Sequence[str] = (),
        candidates: Sequence[str] = (),
    ) -> _ReportTexts: ...
    def power(
        self,
        voices: Optional[Sequence[str]],
        decision_makers: Optional[Sequence[str]],
        low_power: float,
        decision_power: float,
        steep: float,
        exit: Optional[Sequence[str]],
        handover: Sequence[_Handover],
    ) -> _ReportTexts: ...
    def dot(
        self,
        size_by: str,
        cluster_by: Optional[str],
        title: Optional[str],
        legend: bool,
        exit_view: bool,
        exit: Optional[Sequence[str]],
        handover: Sequence[_Handover],
        plan: Optional[int],
        distance: str,
        betweenness_sample: Optional[int],
        seed: int,
    ) -> str: ...

def batch(
    roots: Sequence[_Path],
    jobs: Optional[int],
    distance: str,
    betweenness_sample: Optional[int],
    seed: int,
    exit: Optional[Sequence[str]],
    merge_duplicates: bool,
    exit_kind: Optional[str] = None,
    exit_role: Optional[str] = None,
) -> Tuple[List[str], str, List[Tuple[str, str, Optional[int], Optional[int], str]]]: ...
