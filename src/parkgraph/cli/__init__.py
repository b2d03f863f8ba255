"""The `parkgraph` command: a thin layer that parses arguments, calls the library, prints.

Commands live in small modules that register themselves on the shared typer `app`.
"""

from __future__ import annotations

from parkgraph.cli import build_cmds  # noqa: F401  (registers build, validate, stats)
from parkgraph.cli.app import app

__all__ = ["app", "main"]


def main() -> None:
    app()
