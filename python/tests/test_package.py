"""The package surface: stubs that match the native module, and help text
that says what the figures mean."""

from __future__ import annotations

import ast
import pydoc
from pathlib import Path

import stakenet
from stakenet import _stakenet

STUB = Path(stakenet.__file__).with_name("_stakenet.pyi")


def test_the_stub_names_what_the_native_module_has():
    tree = ast.parse(STUB.read_text())
    top = {n.name for n in tree.body if isinstance(n, (ast.ClassDef, ast.FunctionDef))}
    public = {n for n in dir(_stakenet) if not n.startswith("_")}
    assert top == public
    (native,) = [n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "NativeNetwork"]
    stubbed = {n.name for n in native.body if isinstance(n, ast.FunctionDef)}
    have = {n for n in dir(_stakenet.NativeNetwork) if not n.startswith("_")} | {"__len__"}
    assert stubbed == have
    # Argument names too, as Python passes them by position.
    for node in native.body:
        if isinstance(node, ast.FunctionDef) and node.name not in ("__len__", "directed"):
            sig = getattr(_stakenet.NativeNetwork, node.name).__text_signature__
            stub_args = [a.arg for a in node.args.args if a.arg != "self"]
            assert sig is not None and all(a in sig for a in stub_args), (node.name, sig)


def test_help_says_what_the_figures_mean():
    text = pydoc.render_doc(stakenet.Network.exit, renderer=pydoc.plaintext)
    for phrase in ("sustainability", "trusted_reach_after", "stranded", "exit_impact", "handover"):
        assert phrase in text
    text = pydoc.render_doc(stakenet.Network.analyze, renderer=pydoc.plaintext)
    for phrase in ("constraint", "effective_size", "betweenness", "brokerage_total"):
        assert phrase in text
    assert "ValueError" in [c.__name__ for c in stakenet.InputError.__mro__]
