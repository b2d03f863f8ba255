"""Opening the graph a command works on: dist/, given RDF files, or an on-disk store.

Imports only pyoxigraph and the standard library, so `parkgraph query` starts fast
(hashlib and json are imported where used: together they cost ~15 ms of start-up).
"""

from __future__ import annotations

import os

import pyoxigraph as ox

from parkgraph.errors import InputFileError, not_a_file
from parkgraph.project import CHECKS_DIR, DATA_DIR, DIST_DIR, ONTOLOGY_FILE, Project
from parkgraph.rdfio import format_for, syntax_error

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path  # pathlib imports re and urllib (≈6 ms): this module uses os.path

DIST_FILE = "parkgraph.nt"
MANIFEST = "manifest.json"


def load_files(paths: Sequence[Path | str], store: ox.Store | None = None) -> ox.Store:
    """An in-memory store (or `store`) holding every triple/quad of `paths`."""
    store = store if store is not None else ox.Store()
    for path in paths:
        fmt = format_for(path)
        if not os.path.isfile(path):
            raise InputFileError(not_a_file(path))
        try:
            store.bulk_load(path=str(path), format=fmt)
        except SyntaxError as err:
            raise syntax_error(path, err) from None
        except OSError as err:
            raise InputFileError(f"{path}: cannot read ({err})") from None
    return store


def open_dist(project: Project) -> ox.Store:
    """The built graph of `project` (dist/parkgraph.nt) in memory."""
    path = project.path(DIST_DIR, DIST_FILE)
    if not os.path.isfile(path):
        raise InputFileError(not_a_file(path, "run `parkgraph build` first"))
    return load_files([path])


def sha256_file(path: Path | str) -> str:
    import hashlib

    digest = hashlib.sha256()
    with open(path, "rb") as fh:
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
        with open(project.path(DIST_DIR, MANIFEST), encoding="utf-8") as fh:
            recorded = json.load(fh)["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        return ["dist/ (not built yet)"]
    current = {rel: project.path(rel) for rel in project.input_paths()}
    changed = sorted(set(recorded) ^ set(current))
    for rel, path in sorted(current.items()):
        if rel not in recorded:
            continue
        try:
            if sha256_file(path) != recorded[rel]:
                changed.append(rel)
        except OSError as err:  # became a directory, a symbolic link loop, unreadable …
            changed.append(f"{rel} (unreadable: {err.strerror or err})")
    return changed


def maybe_stale(project: Project) -> bool:
    """False when no input (nor a directory holding inputs) is newer than the build manifest.

    Only stats files: `parkgraph query` calls this first and hashes (`stale_inputs`) only
    when something may have changed, so an up-to-date dist/ costs no hashing at start-up.
    """
    try:
        built = os.stat(project.path(DIST_DIR, MANIFEST)).st_mtime_ns
        places = [os.path.dirname(ONTOLOGY_FILE), DATA_DIR, CHECKS_DIR, *project.input_paths()]
        return any(os.stat(p).st_mtime_ns > built for p in map(project.path, places) if os.path.exists(p))
    except OSError:
        return True
