"""The one error hierarchy. The library raises these; only the CLI prints them.

Each error's message is one line that says where and what, and, where it can, the fix.
`exit_code` is what the CLI exits with: 1 when the data was read but does not conform,
2 when the command could not run.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from pathlib import Path  # pathlib imports re and urllib (≈6 ms): only for annotations


class ParkgraphError(Exception):
    """Base of every error parkgraph raises on purpose."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))  # always one line

    @property
    def message(self) -> str:
        return str(self.args[0])


class ProjectNotFound(ParkgraphError):
    """No parkgraph project (ontology/ and data/) where one was expected."""


class InputFileError(ParkgraphError):
    """A file that should be read is missing, unreadable or of an unknown format."""


class RdfSyntaxError(ParkgraphError):
    """An RDF file does not parse. Carries the file, line and column."""

    def __init__(self, path: Path | str, line: int | None, column: int | None, detail: str):
        self.path, self.line, self.column, self.detail = str(path), line, column, detail
        where = self.path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {detail}")


class NotConforming(ParkgraphError):
    """The graph was read but breaks a SHACL shape or a check. Carries the report."""

    exit_code = 1

    def __init__(self, message: str, report: object = None) -> None:
        super().__init__(message)
        self.report = report


class QueryError(ParkgraphError):
    """A SPARQL query is malformed, forbidden (update, SERVICE) or failed to run."""


class QueryTimeout(QueryError):
    """A query ran past its time limit and was stopped."""


class UnknownName(ParkgraphError):
    """A name (label, prefixed name, IRI, named query, format) that matches nothing."""


class EndpointError(ParkgraphError):
    """A remote SPARQL endpoint is unreachable, refused, or answered with an HTTP error."""


class OutputError(ParkgraphError):
    """An output file or directory cannot be written."""


def check_output_directory(path: Path | str) -> None:
    """OutputError unless the directory that `path` goes into exists. Outputs (-o, --out) go
    into an existing directory: like rdfpipe, riot and curl -o, parkgraph does not create
    missing parents, so a mistyped path is an error, not a new directory tree."""
    import os  # already loaded by the interpreter: free

    parent = os.path.dirname(os.fspath(path))
    if not parent or os.path.isdir(parent):
        return
    if os.path.exists(parent):
        raise OutputError(f"{path}: {parent} is not a directory")
    raise OutputError(f"{path}: the directory {parent} does not exist; create it first")


def not_a_file(path: Path | str, hint: str = "") -> str:
    """Why `path` cannot be read as a file: missing, a directory, a symbolic link loop or a
    link to nothing; `hint` (e.g. "run `parkgraph build` first") follows a missing file."""
    import errno
    import os

    try:
        os.stat(path)
    except OSError as err:
        if err.errno == errno.ELOOP:
            return f"{path}: a loop of symbolic links, not a file"
        if os.path.islink(path):
            return f"{path}: a symbolic link to {os.readlink(path)}, which does not exist"
        return f"{path}: no such file" + (f"; {hint}" if hint else "")
    if os.path.isdir(path):
        return f"{path}: is a directory, not a file"
    return f"{path}: not a regular file"
