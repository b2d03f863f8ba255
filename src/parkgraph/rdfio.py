"""Reading RDF files with errors that name the file, line and column.

pyoxigraph does the parsing: it is fast and its syntax errors carry positions.
"""

from __future__ import annotations

import os

import pyoxigraph as ox

from parkgraph.errors import InputFileError, RdfSyntaxError

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path  # pathlib imports re and urllib (≈6 ms): `parkgraph query` uses os.path

FORMATS: dict[str, ox.RdfFormat] = {
    "ttl": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "json": ox.RdfFormat.JSON_LD,
    "rdf": ox.RdfFormat.RDF_XML,
    "owl": ox.RdfFormat.RDF_XML,
    "xml": ox.RdfFormat.RDF_XML,
    "n3": ox.RdfFormat.N3,
}


def format_for(path: Path | str) -> ox.RdfFormat:
    """The RDF format of `path`, from its extension."""
    if os.path.isdir(path):
        raise InputFileError(f"{path}: is a directory, not an RDF file")
    suffix = os.path.splitext(path)[1]
    ext = suffix.lower().lstrip(".")
    if ext not in FORMATS:
        known = ", ".join(sorted({f".{e}" for e in FORMATS}))
        raise InputFileError(f"{path}: unknown RDF file extension {suffix!r}; use one of {known}")
    return FORMATS[ext]


def syntax_error(path: Path | str, err: SyntaxError) -> RdfSyntaxError:
    """Turn pyoxigraph's SyntaxError into ours, keeping the position."""
    detail = str(err.msg) if err.msg else str(err)
    # pyoxigraph's message repeats the position in words; keep only what went wrong.
    if ": " in detail and detail.startswith("Parser error"):
        detail = detail.split(": ", 1)[1]
    return RdfSyntaxError(path, err.lineno, err.offset, detail)


def parse_file(path: Path | str, graph: ox.NamedNode | None = None) -> Iterator[ox.Quad]:
    """Yield the quads of `path`; triples go into `graph` (default graph if None).

    Raises InputFileError if the file is missing or unreadable, RdfSyntaxError if it does
    not parse. A file is read in full before the first quad is used by callers that need
    all-or-nothing (see `read_files`).
    """
    fmt = format_for(path)
    if not os.path.isfile(path) and not os.path.isdir(path):  # a directory has its own message below
        from parkgraph.errors import not_a_file

        raise InputFileError(not_a_file(path))
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            if graph is not None and isinstance(quad.graph_name, ox.DefaultGraph):
                yield ox.Quad(quad.subject, quad.predicate, quad.object, graph)
            else:
                yield quad
    except SyntaxError as err:
        raise syntax_error(path, err) from None
    except OSError as err:
        raise InputFileError(f"{path}: cannot read ({err.strerror or err})") from None


def read_files(paths: Iterable[Path], graph_for: dict[Path, ox.NamedNode] | None = None) -> list[ox.Quad]:
    """All quads of all `paths`, or an error before anything is used."""
    quads: list[ox.Quad] = []
    for path in paths:
        quads.extend(parse_file(path, (graph_for or {}).get(path)))
    return quads
