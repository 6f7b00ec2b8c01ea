"""``Network`` and the ways to make one: a folder of CSV files, two pandas
DataFrames, or a networkx graph. All three go through the library's loader,
so they accept and refuse exactly what the CLI does."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

from . import _stakenet
from ._results import AnalyzeResult, ExitResult, PlanResult, PowerResult, frame
from ._stakenet import InputError, RequestError
from ._tables import Sheet, translate

PathLike = Union[str, "os.PathLike[str]"]
#: A handover: ``(FROM, TO)``, ``(FROM, TO, FACTOR)`` or ``"FROM=TO[:FACTOR]"``.
HandoverLike = Union[str, Tuple[str, str], Tuple[str, str, float]]

_NODE_COLUMNS = ("id", "label", "kind", "placement", "group", "role", "level", "power")
_EDGE_COLUMNS = ("source", "target", "trust", "communication", "directed", "power")


class Network:
    """A validated stakeholder network: actors (practitioners and
    stakeholders) and the ties between them, with trust, communication and
    power. Make one with :func:`stakenet.load`, :func:`stakenet.from_pandas`
    or :func:`stakenet.from_networkx`; it never changes afterwards.

    ``len(net)`` is the number of actors; ``net.directed`` is true when any
    tie is directed; ``net.ids`` lists the actor ids in id order.
    """

    __slots__ = ("_native",)

    def __init__(self, native: "_stakenet.NativeNetwork"):
        if not isinstance(native, _stakenet.NativeNetwork):
            raise TypeError(
                "make a Network with stakenet.load, stakenet.from_pandas or stakenet.from_networkx"
            )
        self._native = native

    def __len__(self) -> int:
        return len(self._native)

    def __repr__(self) -> str:
        first = self._native.validate_text().splitlines()[0]
        if first.startswith("valid: "):
            first = first[len("valid: "):]
        return f"<stakenet.Network: {first}>"

    @property
    def directed(self) -> bool:
        """True when any tie is directed (the network is then analysed as
        directed, a mutual tie as two arcs)."""
        return self._native.directed

    @property
    def ids(self) -> List[str]:
        """Actor ids, in id order (the order of every result's rows)."""
        return [a["id"] for a in json.loads(self._native.actors_json())]

    def validate(self) -> str:
        """What ``stakenet validate`` prints for this network: one paragraph
        (actors by kind and placement, ties by relationship type, groups) and
        a ``warning:`` line per warning (an actor with no ties, …)."""
        return self._native.validate_text()

    # ----------------------------------------------------------------- analyze
    def analyze(
        self,
        distance: str = "inverse",
        betweenness_sample: Optional[int] = None,
        seed: int = 1,
    ) -> AnalyzeResult:
        """Network-level figures and one row per actor (``stakenet analyze``).

        ``distance``: tie length for the shortest-path figures, ``"inverse"``
        (alias ``"trust"``: 1/trust, the default) or ``"hops"`` (1 per tie). A
        tie with trust 0 carries no path.
        ``betweenness_sample=K`` estimates the shortest-path figures from K
        sources drawn with ``seed`` (the same K and seed give the same result
        on any machine), for large networks; scaled as networkx's
        ``betweenness_centrality(k=K)``.

        The figures (every one equals the CLI's ``--format json``):

        * ``betweenness``: networkx ``betweenness_centrality(G,
          normalized=True, weight=length)``; ``closeness``, ``harmonic``:
          networkx's, distances *to* the actor; ``pagerank``: weight trust.
        * ``stakeholder_betweenness``: betweenness over stakeholder pairs
          only; ``practitioner_share``: the mean share of shortest
          stakeholder-pair paths that run through a practitioner;
          ``summary["practitioner_dependency"]``: the mean share of those
          paths with any practitioner inside.
        * ``constraint``: Burt's constraint, c_i = Σ_j (p_ij + Σ_q p_iq
          p_qj)², p_ij = (w_ij + w_ji) / Σ_k (w_ik + w_ki), w = trust (as
          networkx ``constraint(G, weight="trust")``); ``effective_size``,
          ``efficiency``, ``hierarchy``: Burt's; undefined (NaN/None) for an
          actor without contacts.
        * ``coordinator``, ``itinerant``, ``representative``, ``gatekeeper``,
          ``liaison``: Gould–Fernandez brokerage roles over ``group`` (R sna
          ``brokerage`` raw counts), and ``brokerage_total``.

        Returns an :class:`AnalyzeResult`: ``.summary`` (dict), ``.actors``
        (DataFrame), ``.to_records()``, ``.report`` (the JSON), ``.table``.
        """
        return AnalyzeResult(
            *self._native.analyze(str(distance), _optional_int(betweenness_sample), int(seed))
        )

    # -------------------------------------------------------------------- exit
    def exit(
        self,
        exit: Union[None, str, Iterable[str]] = None,
        handover: Iterable[HandoverLike] = (),
        *,
        exit_kind: Optional[str] = None,
        exit_role: Optional[str] = None,
    ) -> ExitResult:
        """What the stakeholders keep when implementation support leaves
        (``stakenet exit``).

        ``exit``: the ids of the actors that leave (one id as a str, or a
        list); default: every practitioner placed ``external``.
        ``handover``: ``(FROM, TO[, FACTOR])`` tuples or ``"FROM=TO[:FACTOR]"``
        strings (FACTOR 0.5 by default), applied in order before the exit:
        each of FROM's ties to a stakeholder is copied onto TO at trust ×
        FACTOR (keeping TO's own tie where it is stronger), then FROM leaves
        too. The "before" figures are always those of the original network.
        ``exit_kind`` (``"practitioner"`` or ``"stakeholder"``) and
        ``exit_role`` (a ``role`` value, exactly): every actor of that kind
        and/or role leaves instead, internal ones included (``stakenet exit
        --exit-kind/--exit-role``); not together with ``exit``.

        X is the set that leaves, S the stakeholders who stay, G' the network
        without X, and pt(u, v) the path trust (the product of trusts along
        the most trusted path, 0 without a path). Over ordered pairs of S:

        * ``reach_before``/``reach_after``: the share of pairs with a path in
          G / G'; ``fragmentation_after`` = 1 − ``reach_after``.
        * ``trusted_reach_before``/``trusted_reach_after``: the mean pt.
        * ``sustainability`` = trusted_reach_after / trusted_reach_before:
          the share of trusted reach the site keeps (None when nothing was
          reachable).
        * ``dependent_pairs``: the share of connected pairs whose pt falls.
        * ``stranded``: stakeholders connected to another in G and to none
          in G'; ``group_bridges_lost``: pairs of groups connected in G and
          not in G'.
        * per stakeholder ``trust_retained``: its mean pt to the others in G'
          over the same in G; per practitioner ``exit_impact``: 1 −
          sustainability if it alone left, ranked by ``exit_impact_rank``
          (1 = the largest).

        Returns an :class:`ExitResult`: ``.summary``, ``.actors``,
        ``.findings`` (the sentences to read aloud), ``.report``, ``.table``.
        Raises :class:`stakenet.RequestError` for an unknown id or a factor
        outside [0, 1].
        """
        return ExitResult(
            *self._native.exit(
                _exit_ids(exit),
                _handovers(handover),
                None if exit_kind is None else str(exit_kind),
                None if exit_role is None else str(exit_role),
            )
        )

    # -------------------------------------------------------------------- plan
    def plan(
        self,
        budget: int,
        exit: Union[None, str, Iterable[str]] = None,
        handover: Iterable[HandoverLike] = (),
        successors: int = 3,
        successor_role: Union[None, str, Iterable[str]] = None,
        candidates: Union[None, str, Iterable[str]] = None,
    ) -> PlanResult:
        """What to do before leaving (``stakenet plan --budget K``).

        The exit plan picks, one at a time, up to ``budget`` introductions:
        new mutual ties between two stakeholders who stay, are not tied yet,
        and both know the same exiting actor (who can introduce them), at
        trust = the product of their two ties' trusts. Each step takes the
        introduction that raises ``trusted_reach_after`` most and the plan
        stops early when nothing helps. For each exiting practitioner it also
        ranks the best ``successors`` internal successors (3 by default, 0
        for none): the internal actors whose handover (factor 0.5) keeps the
        most trusted reach. ``successor_role`` (a role or a list of roles,
        ignoring case) and ``candidates`` (ids) narrow who may succeed, as
        ``stakenet plan --successors N --successor-role ROLE,…
        --candidates ID,…`` do. ``exit`` and ``handover`` as in :meth:`exit`.

        Returns a :class:`PlanResult`: ``.summary``, ``.steps``,
        ``.successors``, ``.candidates``, ``.findings``, ``.report``,
        ``.table``. Raises :class:`stakenet.RequestError` for a budget or a
        number of successors that is not a whole number ≥ 0, and for a
        candidate who is unknown, external or leaving.
        """
        budget = _whole("budget", budget)
        successors = _whole("successors", successors)
        return PlanResult(
            *self._native.plan(
                budget,
                _exit_ids(exit),
                _handovers(handover),
                successors,
                _exit_ids(successor_role) or [],
                _exit_ids(candidates) or [],
            )
        )

    # --------------------------------------------------------------------- dot
    def dot(
        self,
        size_by: str = "power",
        cluster_by: Optional[str] = "group",
        title: Optional[str] = None,
        legend: bool = True,
        exit_view: bool = False,
        exit: Union[None, str, Iterable[str]] = None,
        handover: Iterable[HandoverLike] = (),
        plan: Optional[int] = None,
        distance: str = "inverse",
        betweenness_sample: Optional[int] = None,
        seed: int = 1,
    ) -> str:
        """The stakeholder map as Graphviz DOT text (``stakenet dot``).

        ``size_by``: ``power``, ``degree``, ``strength``, ``constraint``,
        ``effective_size``, ``brokerage_total``, ``betweenness`` or
        ``pagerank``; ``cluster_by``: ``"group"``, ``"level"`` or None.
        ``exit_view`` (implied by ``exit``, ``handover`` and ``plan``) draws
        the site after the exit: leavers greyed, stranded stakeholders and
        groups that lose bridges in red, handed-over ties green, the plan's
        first ``plan`` introductions dotted. ``distance``,
        ``betweenness_sample`` and ``seed`` (as in :meth:`analyze`) set how
        betweenness is computed when it sizes the nodes.

        Render it with Graphviz (``dot -Tsvg``), or in a notebook with the
        ``graphviz`` package: ``graphviz.Source(net.dot())``.
        """
        return self._native.dot(
            str(size_by),
            None if cluster_by is None else str(cluster_by),
            title,
            bool(legend),
            bool(exit_view),
            _exit_ids(exit),
            _handovers(handover),
            _optional_int(plan),
            str(distance),
            _optional_int(betweenness_sample),
            int(seed),
        )

    # ------------------------------------------------------------------- power
    def power(
        self,
        voices: Union[None, str, Iterable[str]] = None,
        decision_makers: Union[None, str, Iterable[str]] = None,
        low_power: float = 0.3,
        decision_power: float = 0.7,
        steep: float = 0.3,
        exit: Union[None, str, Iterable[str]] = None,
        handover: Iterable[HandoverLike] = (),
    ) -> PowerResult:
        """Power and voice (``stakenet power``): do the least powerful
        stakeholders have a trusted line to those who decide, through whom
        does it run, and does it survive the exit?

        ``voices`` (V): ids, one id as a str or a list; default: the
        stakeholders who stay with power ≤ ``low_power``.
        ``decision_makers`` (D): ids; default: the stakeholders who stay with
        power ≥ ``decision_power``. A tie is steep when the power gap of its
        ends is ≥ ``steep``. ``exit`` and ``handover`` as in :meth:`exit`
        (G is the network, G' the network after the exit).

        * ``summary`` (dict): ``exit``, ``default_exit``, ``handover``,
          ``low_power``/``decision_power`` (None when named), ``steep``,
          ``voices``, ``decision_makers`` (ids), ``mean_voice_before``/
          ``mean_voice_after`` (mean over V of the best path trust to a
          decision-maker in G / G'), ``voice_sustainability`` (after /
          before), ``unheard_before``/``unheard_after`` (voices with no
          trusted line), ``voice_lost``, ``direct_contact_before``/
          ``direct_contact_after`` (share of D with a direct trusted tie to a
          voice), ``steep_ties``, ``upward_trust``/``downward_trust`` (mean
          trust from the lower-power end to the higher and back, over steep
          pairs), ``two_way_share``.
        * ``actors`` (pandas DataFrame): ``id``, ``label``, ``kind``,
          ``placement``, ``group``, ``power``, ``exiting``, ``voice``,
          ``decision_maker``, ``voice_before``, ``voice_after``,
          ``voice_retained``, ``line_to`` (the decision-maker reached),
          ``voice_brokerage`` (mean share of the voices' shortest routes to
          the decision-makers through the actor, in G) and
          ``voice_brokerage_after``. Undefined values are None/NaN.
        * ``findings`` (list of str): the sentences the CLI's table opens
          with.

        Raises :class:`stakenet.RequestError` for an unknown id, a named
        voice or decision-maker who is not a stakeholder who stays, or bad
        thresholds (0 ≤ low_power < decision_power ≤ 1, steep > 0).
        """
        return PowerResult(
            *self._native.power(
                _exit_ids(voices),
                _exit_ids(decision_makers),
                float(low_power),
                float(decision_power),
                float(steep),
                _exit_ids(exit),
                _handovers(handover),
            )
        )

    # ------------------------------------------------------------- conversions
    def to_records(self) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
        """The network as ``nodes.csv`` and ``edges.csv`` rows (lists of
        dicts with the format's column names; extra node attributes as
        columns of their own)."""
        actors = json.loads(self._native.actors_json())
        nodes = []
        for a in actors:
            extra = a.pop("attributes")
            row = {k: a[k] for k in _NODE_COLUMNS}
            row.update(extra)
            nodes.append(row)
        ties = json.loads(self._native.ties_json())
        edges = [{k: t[k] for k in _EDGE_COLUMNS} for t in ties]
        return nodes, edges

    def to_pandas(self):
        """``(nodes, edges)`` DataFrames in the input format, so that
        ``stakenet.from_pandas(*net.to_pandas())`` is the same network."""
        nodes, edges = self.to_records()
        return frame(nodes, list(_NODE_COLUMNS)), frame(edges, list(_EDGE_COLUMNS))

    def to_networkx(self):
        """A networkx graph with every attribute: a ``DiGraph`` when the
        network is directed (a mutual tie as two arcs), else a ``Graph``.

        Nodes (ids, in id order) carry ``label``, ``kind``, ``placement``,
        ``group``, ``power``, ``role`` and ``level`` when given, and the extra
        ``nodes.csv`` columns. Edges carry ``trust``, ``communication``,
        ``power`` (the differential, oriented from the edge's first node to
        its second as networkx reports the edge), ``directed`` (False for a
        mutual tie), ``relationship`` and ``tie`` (its position among the
        network's ties, the ``edges.csv`` row order, which networkx's edge
        order does not keep: :func:`stakenet.from_networkx` restores it, so
        that sums over ties come back to the same bits).
        :func:`stakenet.from_networkx` reads all of them back.
        """
        try:
            import networkx as nx
        except ImportError as e:
            raise ImportError("to_networkx needs networkx: `pip install networkx`") from e
        actors = json.loads(self._native.actors_json())
        ties = json.loads(self._native.ties_json())
        g = nx.DiGraph() if self.directed else nx.Graph()
        order = {}
        for i, a in enumerate(actors):
            attrs = {k: a[k] for k in ("label", "kind", "placement", "group", "power")}
            for k in ("role", "level"):
                if a[k] is not None:
                    attrs[k] = a[k]
            attrs.update(a["attributes"])
            g.add_node(a["id"], **attrs)
            order[a["id"]] = i
        for position, t in enumerate(ties):
            s, u, power = t["source"], t["target"], t["power"]
            data = {
                "tie": position,
                "trust": t["trust"],
                "communication": t["communication"],
                "directed": t["directed"],
                "relationship": t["relationship"],
            }
            if self.directed:
                g.add_edge(s, u, power=power, **data)
                if not t["directed"]:
                    g.add_edge(u, s, power=-power if power else 0.0, **data)
            else:
                # networkx reports an undirected edge from the node added
                # first: orient the differential that way.
                if order[s] > order[u]:
                    s, u, power = u, s, (-power if power else 0.0)
                g.add_edge(s, u, power=power, **data)
        return g


def _optional_int(value: Optional[int]) -> Optional[int]:
    if value is None:
        return None
    if isinstance(value, bool) or int(value) != value:
        raise RequestError(f"expected a whole number, found {value!r}")
    return int(value)


def _whole(name: str, value: object) -> int:
    """`value` as a whole number ≥ 0, or a RequestError naming `name`."""
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or int(value) != value
        or value < 0
    ):
        raise RequestError(f"{name}: expected a whole number ≥ 0, found {value!r}")
    return int(value)


def _exit_ids(exit: Union[None, str, Iterable[str]]) -> Optional[List[str]]:
    if exit is None:
        return None
    if isinstance(exit, str):
        return [exit]
    return [str(x) for x in exit]


def _handovers(handover: Iterable[HandoverLike]) -> List[Tuple[str, str, float]]:
    # One handover given on its own rather than in a list.
    if isinstance(handover, str) or (
        isinstance(handover, tuple) and handover and isinstance(handover[0], str)
    ):
        handover = [handover]  # type: ignore[list-item]
    out = []
    for h in handover:
        if isinstance(h, str):
            out.append(_parse_handover(h))
            continue
        parts = tuple(h)
        if len(parts) == 2:
            out.append((str(parts[0]), str(parts[1]), 0.5))
        elif len(parts) == 3:
            out.append((str(parts[0]), str(parts[1]), float(parts[2])))  # type: ignore[arg-type]
        else:
            raise RequestError(f"handover: expected (FROM, TO) or (FROM, TO, FACTOR), found {h!r}")
    return out


def _parse_handover(text: str) -> Tuple[str, str, float]:
    """``FROM=TO[:FACTOR]``, read as the CLI's ``--handover`` reads it."""
    if "=" not in text:
        raise RequestError(f'handover: expected FROM=TO[:FACTOR], found "{text}" (no \'=\')')
    source, rest = text.split("=", 1)
    factor = 0.5
    if ":" in rest:
        rest, f = rest.rsplit(":", 1)
        try:
            factor = float(f.strip())
        except ValueError:
            raise RequestError(
                f'handover: FACTOR: expected a number in [0, 1], found "{f}" in "{text}"'
            ) from None
    return source.strip(), rest.strip(), factor


# --------------------------------------------------------------- constructors
def load(
    path: Optional[PathLike] = None,
    *,
    nodes: Optional[PathLike] = None,
    edges: Optional[PathLike] = None,
    merge_duplicates: bool = False,
) -> Network:
    """Load a network folder (``nodes.csv`` and ``edges.csv``), or the two
    files named by ``nodes=`` and ``edges=``.

    Refuses what ``stakenet validate`` refuses, raising
    :class:`stakenet.InputError` with every problem (``err.errors``) and the
    first one's ``file``, ``line``, ``column`` and ``column_name``; the
    message is the CLI's, e.g. ``edges.csv:4:3: trust: expected a number in
    [0, 1], found "1.4"``. ``merge_duplicates=True`` merges several rows for
    the same tie into one (the means), as ``--merge-duplicates``.
    """
    if path is not None and (nodes is not None or edges is not None):
        raise TypeError("give a network folder or nodes= and edges=, not both")
    if path is not None:
        folder = os.fspath(path)
        nodes_path, edges_path = os.path.join(folder, "nodes.csv"), os.path.join(folder, "edges.csv")
    elif nodes is not None and edges is not None:
        nodes_path, edges_path = os.fspath(nodes), os.fspath(edges)
    else:
        raise TypeError("give a network folder, or both nodes= and edges=")
    return Network(_stakenet.NativeNetwork.load(nodes_path, edges_path, bool(merge_duplicates)))


def _read(nodes: Sheet, edges: Sheet, merge_duplicates: bool) -> Network:
    try:
        native = _stakenet.NativeNetwork.read(
            nodes.name, nodes.data, edges.name, edges.data, bool(merge_duplicates)
        )
    except InputError as e:
        raise translate(e, [nodes, edges]) from None
    return Network(native)


def _sheet_of_frame(name: str, df) -> Sheet:
    text = df.to_csv(index=False, lineterminator="\n")
    index = df.index
    plain = index.equals(type(index)(range(len(index)))) if len(index) else True
    if plain:
        labels = [f"row {i}" for i in range(len(df))]
    else:
        labels = [f"row {i} (index {label!r})" for i, label in enumerate(index)]
    return Sheet(name, text, labels)


def from_pandas(nodes, edges, *, merge_duplicates: bool = False) -> Network:
    """A network from two pandas DataFrames with the columns of
    ``nodes.csv`` (``id`` required; ``label``, ``kind``, ``placement``,
    ``group``, ``role``, ``level``, ``power``; other columns kept as text
    attributes) and ``edges.csv`` (``source``, ``target``, ``trust``
    required; ``communication``, ``directed``, ``power``). A missing value
    (NaN, None) is an empty cell: the column's default, or an error in a
    required column. A nodes frame indexed by ``id`` is accepted as is.

    Refuses what the loader refuses, raising :class:`stakenet.InputError`
    whose message names the frame, the row (0-based position, and the index
    label when the index is not 0, 1, 2, …) and the column, e.g. ``edges
    DataFrame, row 2, column 3: trust: expected a number in [0, 1], found
    "1.4"``; ``err.row`` is that position (None for the header).
    """
    if "id" not in nodes.columns and nodes.index.name == "id":
        nodes = nodes.reset_index()
    return _read(
        _sheet_of_frame("nodes DataFrame", nodes),
        _sheet_of_frame("edges DataFrame", edges),
        merge_duplicates,
    )


def from_networkx(
    graph,
    trust: Union[str, float] = "trust",
    *,
    communication: str = "communication",
    power: str = "power",
    directed: str = "directed",
    label: str = "label",
    kind: str = "kind",
    placement: str = "placement",
    group: str = "group",
    role: str = "role",
    level: str = "level",
    actor_power: str = "power",
    merge_duplicates: bool = False,
) -> Network:
    """A network from a networkx graph. Node keys become ids (``str(key)``).

    ``trust``: the edge attribute holding trust in [0, 1] (required on every
    edge), or one number for every tie (e.g. ``trust=1.0`` for an unweighted
    graph). ``communication``, ``power`` (the tie's power differential,
    oriented from the edge's first node to its second), ``directed``: edge
    attributes read when present. ``label``, ``kind``, ``placement``,
    ``group``, ``role``, ``level``, ``actor_power``: the node attributes
    holding those columns (e.g. ``group="club"`` for Zachary's karate club);
    every other node attribute is kept as a text attribute.

    An edge of a ``Graph`` is a mutual tie, an edge of a ``DiGraph`` a
    directed one, unless its ``directed`` attribute says otherwise (a
    ``DiGraph`` from :meth:`Network.to_networkx` marks mutual ties with
    ``directed=False`` on both arcs; they are read back as one mutual tie).
    When every edge has an integer ``tie`` attribute (as from
    :meth:`Network.to_networkx`), the ties are read in that order.
    A multigraph's parallel edges are refused unless ``merge_duplicates``.

    Refuses what the loader refuses, raising :class:`stakenet.InputError`
    naming the node or edge, e.g. ``networkx edges, edge ('a', 'b'), column
    3: trust: expected a number in [0, 1], found "7"``.
    """
    node_map = {
        "label": label,
        "kind": kind,
        "placement": placement,
        "group": group,
        "role": role,
        "level": level,
        "power": actor_power,
    }
    known = set(node_map.values())
    extras: List[str] = []
    for _, data in graph.nodes(data=True):
        for key in data:
            if key not in known and key not in extras:
                extras.append(key)
    node_header = ["id", *node_map.keys(), *[str(k) for k in extras]]
    node_rows = []
    node_labels = []
    for key, data in graph.nodes(data=True):
        node_rows.append(
            [str(key), *[data.get(attr) for attr in node_map.values()], *[data.get(k) for k in extras]]
        )
        node_labels.append(f"node {key!r}")

    is_directed = graph.is_directed()
    edge_rows = []
    edge_labels = []
    mutual_seen = set()
    edge_list = list(graph.edges(data=True))
    if edge_list and all(isinstance(d.get("tie"), int) for _, _, d in edge_list):
        # From Network.to_networkx: the original tie order.
        edge_list.sort(key=lambda e: e[2]["tie"])
    for u, v, data in edge_list:
        d = data.get(directed)
        if d is None:
            d = is_directed
        elif not isinstance(d, bool):
            d = str(d).strip().lower() in ("true", "1", "yes")
        if is_directed and not d:
            pair = frozenset((u, v))
            if pair in mutual_seen:
                continue
            mutual_seen.add(pair)
        t = trust if isinstance(trust, (int, float)) and not isinstance(trust, bool) else data.get(trust)
        edge_rows.append(
            [str(u), str(v), t, data.get(communication), d, data.get(power)]
        )
        edge_labels.append(f"edge {(u, v)!r}")
    return _read(
        Sheet.from_rows("networkx nodes", node_header, node_rows, node_labels),
        Sheet.from_rows("networkx edges", list(_EDGE_COLUMNS), edge_rows, edge_labels),
        merge_duplicates,
    )
