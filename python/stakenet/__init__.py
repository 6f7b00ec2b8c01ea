"""stakenet: map the relationships around an implementation effort and see
what is left when outside support leaves.

A thin layer over the stakenet Rust library: every figure is the one the
``stakenet`` CLI prints for the same network and options.

>>> import stakenet
>>> net = stakenet.load("data/county-parenting-site")          # doctest: +SKIP
>>> net.analyze().actors.nlargest(5, "brokerage_total")         # doctest: +SKIP
>>> print("\\n".join(net.exit().findings))                      # doctest: +SKIP

Make a :class:`Network` with :func:`load` (a folder of ``nodes.csv`` and
``edges.csv``), :func:`from_pandas` or :func:`from_networkx`; ask it
:meth:`Network.analyze`, :meth:`Network.exit`, :meth:`Network.plan`,
:meth:`Network.power`, :meth:`Network.dot`; convert back with :meth:`Network.to_networkx` or
:meth:`Network.to_pandas`. :func:`batch` analyses many networks at once.
Bad input raises :class:`InputError` (a ``ValueError``) naming the file (or
table), line or row, and column.
"""

from ._batch import batch
from ._network import Network, from_networkx, from_pandas, load
from ._results import AnalyzeResult, ExitResult, PlanResult, PowerResult, Result
from ._stakenet import InputError, RequestError

__all__ = [
    "AnalyzeResult",
    "ExitResult",
    "InputError",
    "Network",
    "PlanResult",
    "PowerResult",
    "RequestError",
    "Result",
    "batch",
    "from_networkx",
    "from_pandas",
    "load",
]

__version__ = "0.1.0"
