"""Which build of the extractor runs: the modules mypyc compiled (setup.py) or their sources.

The build writes MANIFEST beside the compiled modules: the SHA-256 of each source it compiled.
Compiled modules call one another directly, past Python's module attributes, so they run all
together or not at all. Every one is imported from its source instead when PARKGRAPH_PURE is
set, or when any source differs from the one compiled: an edited checkout that `make` has not
rebuilt yet runs what it says, only slower, and says so once on stderr. (Hashes, not file
times: an installed wheel's sources are written after its compiled modules.)
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import json
import os
import sys
from collections.abc import Sequence
from importlib.machinery import ModuleSpec
from pathlib import Path
from types import ModuleType

PACKAGE = "parkgraph.extract"
MANIFEST = "compiled-sources.json"


class _Sources(importlib.abc.MetaPathFinder):
    """Finds the listed modules of this package as their .py files."""

    def __init__(self, folder: Path, names: set[str]) -> None:
        self.folder, self.names = folder, names

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> ModuleSpec | None:
        package, _, name = fullname.rpartition(".")
        if package != PACKAGE or name not in self.names:
            return None
        return importlib.util.spec_from_file_location(fullname, self.folder / f"{name}.py")


def source_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def compiled_modules(folder: Path) -> dict[str, Path]:
    """The modules of `folder` that have a compiled extension beside their source."""
    found: dict[str, Path] = {}
    for suffix in importlib.machinery.EXTENSION_SUFFIXES:
        for binary in folder.glob(f"*{suffix}"):
            name = binary.name[: -len(suffix)]
            if (folder / f"{name}.py").is_file():
                found.setdefault(name, binary)
    return found


def _mismatch(folder: Path, compiled: set[str]) -> str | None:
    """Why the compiled modules are not those of these sources, or None."""
    try:
        built = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return f"{MANIFEST} is missing or unreadable"
    if not isinstance(built, dict) or set(built) != compiled:
        return f"{MANIFEST} lists other modules than those compiled"
    for name in sorted(compiled):
        if source_hash(folder / f"{name}.py") != built[name]:
            return f"{name}.py differs from the source its compiled module was made from"
    return None


def choose(folder: Path) -> str:
    """Set up the imports of the package in `folder`; what runs, in words (bench reports it)."""
    compiled = compiled_modules(folder)
    if not compiled:
        return "Python source (not compiled)"
    if os.environ.get("PARKGRAPH_PURE", "") not in ("", "0"):
        why = "Python source (PARKGRAPH_PURE is set)"
    else:
        mismatch = _mismatch(folder, set(compiled))
        if mismatch is None:
            return f"compiled by mypyc ({len(compiled)} modules)"
        why = f"Python source ({mismatch})"
        print(f"parkgraph: {folder}: {mismatch}: the extractor runs from its source, slower, until "
              "`make` (or `pip install -e .`) compiles it again", file=sys.stderr)
    sys.meta_path.insert(0, _Sources(folder, set(compiled)))
    return why
