"""The typer application and what every command shares: errors, exit codes, --root."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
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

EndpointOption = Annotated[
    str | None,
    typer.Option(
        "--endpoint",
        help="Read from this SPARQL 1.1 endpoint instead of dist/ (what the command needs, by CONSTRUCT).",
        metavar="URL",
        show_default=False,
    ),
]
DefaultGraphOption = Annotated[
    list[str] | None,
    typer.Option(
        "--default-graph-uri",
        help="With --endpoint: a graph of the default graph the queries see (repeatable).",
        metavar="IRI",
        show_default=False,
    ),
]
NamedGraphOption = Annotated[
    list[str] | None,
    typer.Option(
        "--named-graph-uri",
        help="With --endpoint: a named graph the queries see as well (repeatable).",
        metavar="IRI",
        show_default=False,
    ),
]


def remote_engine(
    endpoint: str | None, default_graphs: list[str] | None, named_graphs: list[str] | None, *others: object
) -> object:
    """The RemoteEngine for --endpoint (None without it); `others` are the --data/--store values
    it excludes. The dataset options need --endpoint."""
    from parkgraph.errors import QueryError

    if endpoint is None:
        if default_graphs or named_graphs:
            raise QueryError("--default-graph-uri and --named-graph-uri name the dataset of an --endpoint")
        return None
    if any(o for o in others):
        raise QueryError("--endpoint reads a remote graph: give it without --data or --store")
    from parkgraph.remote import RemoteEngine

    return RemoteEngine(endpoint, default_graphs=default_graphs or (), named_graphs=named_graphs or ())


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


def write_stdout(text: str | bytes) -> None:
    """Write a command's whole answer (str, or bytes such as an RDF file) to stdout at once.

    Every command prints its results through this. A reader that stops early (`| head`, a
    closed pipe) is not an error: the rest is dropped quietly and the command ends with the
    status it would have had anyway (0, or 1 for `validate` on data that does not conform).
    An output encoding that cannot show the text (PYTHONIOENCODING=ascii, a Latin-1
    terminal) is one `Error:` line and status 2 with nothing written: the text is encoded
    before any of it is written."""
    try:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
        else:
            sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except UnicodeEncodeError:
        err(
            f"Error: stdout: the answer has characters that the output encoding {sys.stdout.encoding} "
            "cannot show; set PYTHONIOENCODING=utf-8 (or a UTF-8 locale)"
        )
        raise typer.Exit(2) from None


def write_paths(paths: Iterable[Path | str]) -> None:
    """The files a command wrote, one a line, as the file system spells them (like `ls` into a
    pipe): a path always prints, whatever the output encoding, and pastes back into a shell."""
    write_stdout(b"".join(os.fsencode(path) + b"\n" for path in paths))


def silence_stdout() -> None:
    """The reader of stdout has gone: point stdout at the null device, so that nothing
    written later (nor Python's flush at exit) fails again (the Python docs' recipe)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def printed(produce: Callable[[], None]) -> str:
    """What `produce` prints, as one string (see `write_stdout`)."""
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        produce()
    return buffer.getvalue()


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
