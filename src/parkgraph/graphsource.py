"""Opening the graph a command works on: dist/, given RDF files, or an on-disk store.

Imports only pyoxigraph and the standard library, so `parkgraph query` starts fast
(hashlib and json are imported where used: together they cost ~15 ms of start-up).
"""

from __future__ import annotations

import os
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
    import hashlib

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
    import json

    try:
        recorded = json.loads((project.dist / MANIFEST).read_text(encoding="utf-8"))["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return ["dist/ (not built yet)"]
    current = {str(p.relative_to(project.root)): p for p in project.input_files()}
    changed = sorted(set(recorded) ^ set(current))
    changed += sorted(k for k, p in current.items() if k in recorded and sha256_file(p) != recorded[k])
    return changed


def maybe_stale(project: Project) -> bool:
    """False when no input (nor a directory holding inputs) is newer than the build manifest.

    Only stats files: `parkgraph query` calls this first and hashes (`stale_inputs`) only
    when something may have changed, so an up-to-date dist/ costs no hashing at start-up.
    """
    try:
        built = os.stat(project.dist / MANIFEST).st_mtime_ns
        paths = [project.ontology.parent, project.data_dir, project.checks_dir, *project.input_files()]
        return any(os.stat(p).st_mtime_ns > built for p in paths if p.exists())
    except OSError:
        return True
