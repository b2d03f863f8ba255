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

TYPE_CHECKING = False  # typing costs a few ms of start-up; mypy honours this name
if TYPE_CHECKING:
    import typer

__all__ = ["app", "load_app", "main"]


def load_app() -> typer.Typer:
    """The typer app with every command registered (imports typer and the command modules)."""
    import parkgraph.cli.build_cmds  # registers build, validate, stats
    import parkgraph.cli.compare_cmd  # registers compare
    import parkgraph.cli.curate_cmds  # registers init, add, review
    import parkgraph.cli.explore_cmds  # registers query (pass-through), queries, describe, search
    import parkgraph.cli.extract_cmd  # registers extract
    import parkgraph.cli.interop_cmds  # registers export, push, load, serve
    import parkgraph.cli.viz_cmd  # noqa: F401  (registers viz)
    from parkgraph.cli.common import app

    return app


def __getattr__(name: str) -> object:
    """`from parkgraph.cli import app` gives the typer app, built on first use."""
    if name == "app":
        return load_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """The console script: fast path for `query`, typer for everything else.

    Usage errors (unknown option, missing argument …) become one line and exit status 2,
    like every other parkgraph error, instead of click's framed multi-line message.
    """
    from parkgraph.interrupt import stop_on_interrupt

    if sys.stdout is None or sys.stderr is None:  # closed at start: errors never land on stdout
        from parkgraph.cli.stdio import guard_stdio

        guard_stdio()
    stop_on_interrupt()  # Ctrl-C also stops a query that runs inside pyoxigraph
    asked_for_help = any(arg in ("-h", "--help", "--version") for arg in sys.argv[1:])
    if asked_for_help:
        # Help is for reading: characters the terminal's encoding lacks are shown escaped.
        sys.stdout.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    if len(sys.argv) > 1 and sys.argv[1] == "query":
        from parkgraph.cli.query_cmd import main as query_main

        sys.exit(finish_stdout(query_main(sys.argv[2:])))
    try:  # typer ≥ 0.20 vendors click; older typer uses the click package
        from typer._click.exceptions import ClickException, NoArgsIsHelpError
    except ImportError:  # pragma: no cover
        from click.exceptions import ClickException, NoArgsIsHelpError  # type: ignore[no-redef, assignment, unused-ignore]

    app = load_app()
    try:
        code = app(standalone_mode=False)
    except NoArgsIsHelpError as error:  # `parkgraph` alone: the help, as asked
        print(error.format_message(), file=sys.stderr)
        sys.exit(0)
    except ClickException as error:
        ctx = getattr(error, "ctx", None)
        hint = f" (see `{ctx.command_path} --help`)" if ctx is not None else ""
        print(f"Error: {error.format_message()}{hint}", file=sys.stderr)
        sys.exit(2)
    except SystemExit as stop:
        from parkgraph.cli.stdio import abandon_stdout

        # typer (wrapping stdout in click's PacifyFlushWrapper) and rich (its help pages)
        # answer a broken pipe, --help or --version into `| head`, with status 1: but the
        # reader had enough, which is no error.
        pipe = type(sys.stdout).__name__ == "PacifyFlushWrapper" or isinstance(
            stop.__context__, BrokenPipeError
        )
        if stop.code != 1 or not pipe:
            raise
        abandon_stdout()
        code = 0
    except OSError as error:  # --help or --version into a full disk or a closed stdout
        if not asked_for_help:
            raise
        from parkgraph.cli.stdio import abandon_stdout, write_error

        abandon_stdout()
        print(write_error(error), file=sys.stderr)
        sys.exit(2)
    sys.exit(finish_stdout(code if isinstance(code, int) else 0))


def finish_stdout(code: int = 0) -> int:
    """Flush what a command left in stdout's buffer: a reader that has gone is no error;
    a stdout that cannot be written (full disk, closed) is, unless one was reported."""
    try:
        sys.stdout.flush()
        return code
    except OSError as error:
        from parkgraph.cli.stdio import abandon_stdout, write_error

        abandon_stdout()
        if isinstance(error, BrokenPipeError):
            return code
        if code == 0:
            print(write_error(error), file=sys.stderr)
            return 2
    return code
