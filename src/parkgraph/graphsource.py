"""Opening the graph a command works on: dist/, given RDF files, or an on-disk store.

Imports only pyoxigraph and the standard library, so `parkgraph query` starts fast.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox

from parkgraph.errors import InputFileError
from parkgraph.project import Project
from parkgraph.rdfio import format_for, syntax_error

DIST_FILE = "parkgraph.nt"
MANIFEST = "manifest.json"


def load_files(paths: list[Path], store: ox.Store | None = None) -> ox.Store:
    """An in-memory store (or `store`) holding every triple/quad of `paths`."""
    store = store if store is not None else ox.Store()
    for path in paths:
        fmt = format_for(path)
        if not path.is_file():
            raise InputFileError(f"{path}: no such file")
        try:
            store.bulk_load(path=str(path), format=fmt)
        except SyntaxError as err:
            raise syntax_error(path, err) from None
        except OSError as err:
            raise InputFileError(f"{path}: cannot read ({err})") from None
    return store


def open_dist(project: Project) -> ox.Store:
    """The built graph of `project` (dist/parkgraph.nt) in memory."""
    path = project.dist / DIST_FILE
    if not path.is_file():
        raise InputFileError(f"{path}: no such file; run `parkgraph build` first")
    return load_files([path])


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def stale_inputs(project: Project) -> list[str]:
    """Inputs added, removed or changed since dist/ was built ([] when up to date).

    Reads only the build manifest and hashes the (small) input files: cheap enough to run
    before every query.
    """
    try:
        recorded = json.loads((project.dist / MANIFEST).read_text(encoding="utf-8"))["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return ["dist/ (not built yet)"]
    current = {str(p.relative_to(project.root)): p for p in project.input_files()}
    changed = sorted(set(recorded) ^ set(current))
    changed += sorted(k for k, p in current.items() if k in recorded and sha256_file(p) != recorded[k])
    return changed
