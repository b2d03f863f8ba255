"""The `parkgraph` command: a thin layer that parses arguments, calls the library, prints.

Commands live in small modules that register themselves on the shared typer `app`.

Importing this package must stay cheap: `parkgraph query` is dispatched to cli/query_cmd.py
(its own small option scanner; argparse only for --help and errors) before typer, rich or
any command module is imported, so that a query starts nearly as fast as a bare pyoxigraph
script. Register new typer command modules
inside `load_app()`, never at the top of this file.
"""

from __future__ import annotations

import sys
import types

TYPE_CHECKING = False  # typing costs a few ms of start-up; mypy honours this name
if TYPE_CHECKING:
    import typer

__all__ = ["app", "load_app", "main"]


def load_app() -> typer.Typer:
    """The typer app with every command registered (imports typer and the command modules)."""
    import parkgraph.cli.build_cmds  # registers build, validate, stats
    import parkgraph.cli.explore_cmds  # registers query (pass-through), queries, describe, search
    import parkgraph.cli.interop_cmds  # registers export, push, load, serve
    import parkgraph.cli.viz_cmd  # noqa: F401  (registers viz)
    from parkgraph.cli.app import app

    return app


class _Package(types.ModuleType):
    """`from parkgraph.cli import app` gives the typer app, built on first use.

    A property, not a module `__getattr__`: once the submodule `parkgraph.cli.app` is
    imported, the import system sets the package attribute `app` to that submodule; the
    setter ignores that, so the name keeps meaning the typer app.
    """

    @property
    def app(self) -> typer.Typer:
        return load_app()

    @app.setter
    def app(self, value: object) -> None:
        pass


sys.modules[__name__].__class__ = _Package


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "query":
        from parkgraph.cli.query_cmd import main as query_main

        sys.exit(query_main(sys.argv[2:]))
    load_app()()
