"""The typer application and what every command shares: errors, exit codes, --root."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from parkgraph import __version__
from parkgraph.errors import ParkgraphError

app = typer.Typer(
    name="parkgraph",
    help=(
        "A knowledge graph of Chinese industrial parks: build it, check it, query it, "
        "look at it, take it elsewhere.\n\n"
        "Exit codes: 0 success; 1 the data does not conform / a check found rows; "
        "2 the command could not run."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)

RootOption = Annotated[
    Path | None,
    typer.Option(
        "--root",
        help="Project directory (default: nearest one above the current directory, or $PARKGRAPH_ROOT).",
        show_default=False,
    ),
]


def err(message: str) -> None:
    """A message for the person at the terminal: stderr, so stdout stays clean for pipes."""
    print(message, file=sys.stderr, flush=True)


@contextmanager
def exit_on_error() -> Iterator[None]:
    """Turn the library's typed errors into `Error: …` on stderr and the error's exit code."""
    try:
        yield
    except ParkgraphError as error:
        err(f"Error: {error.message}")
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        err("Error: interrupted")
        raise typer.Exit(130) from None


def version_callback(value: bool) -> None:
    if value:
        print(f"parkgraph {__version__}")
        raise typer.Exit()


@app.callback()
def root_callback(
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """parkgraph: a knowledge graph of Chinese industrial parks."""
