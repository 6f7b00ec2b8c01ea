"""Shared fixtures: the repository root, the CLI binary the figures are
compared against, and the networks in the repository's data folder."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: The example site and the published networks (copies of shared/data, each
#: with its SOURCE.md), as the Rust tests use them.
NETWORKS = ["data/county-parenting-site"] + sorted(
    f"data/real/{p.name}" for p in (ROOT / "data" / "real").iterdir() if p.is_dir()
)


def cli_path() -> Path:
    """The `stakenet` binary: $STAKENET_CLI, else `cargo build --bin
    stakenet` (a no-op after `cargo test`) and target/debug/stakenet."""
    given = os.environ.get("STAKENET_CLI")
    if given:
        return Path(given)
    subprocess.run(
        ["cargo", "build", "--quiet", "--locked", "--bin", "stakenet"],
        cwd=ROOT,
        check=True,
    )
    target = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    return target / "debug" / "stakenet"


@pytest.fixture(scope="session")
def cli():
    """Run the CLI from the repository root; return its standard output."""
    binary = cli_path()

    def run(*args: str, check: bool = True) -> str:
        done = subprocess.run(
            [str(binary), *args], cwd=ROOT, capture_output=True, text=True
        )
        if check and done.returncode != 0:
            raise AssertionError(f"stakenet {' '.join(args)} failed: {done.stderr}")
        return done.stdout

    def stderr(*args: str) -> str:
        """Standard error of a run that must fail."""
        done = subprocess.run([str(binary), *args], cwd=ROOT, capture_output=True, text=True)
        assert done.returncode != 0, f"stakenet {' '.join(args)} succeeded"
        return done.stderr

    run.json = lambda *args: json.loads(run(*args, "--format", "json"))
    run.stderr = stderr
    return run


@pytest.fixture
def at_root(monkeypatch):
    """Work from the repository root, so paths read as the CLI's do."""
    monkeypatch.chdir(ROOT)
    return ROOT
