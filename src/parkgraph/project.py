"""Where a parkgraph project keeps its inputs and outputs.

A project is a directory with `ontology/parkgraph.ttl`; commands find it from the current
directory upwards (like git), or take it from `--root` / `PARKGRAPH_ROOT`.
"""

from __future__ import annotations

import os
from pathlib import Path

from parkgraph.errors import ProjectNotFound

ONTOLOGY_FILE = Path("ontology/parkgraph.ttl")


class Project:
    """A project directory. A plain class, not a dataclass: `dataclasses` imports `inspect`
    (~30 ms), and `parkgraph query` must start nearly as fast as bare pyoxigraph."""

    __slots__ = ("root",)
    root: Path

    def __init__(self, root: Path) -> None:
        object.__setattr__(self, "root", root)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Project is immutable; cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Project) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    def __repr__(self) -> str:
        return f"Project(root={self.root!r})"

    @property
    def ontology(self) -> Path:
        return self.root / ONTOLOGY_FILE

    @property
    def shapes(self) -> Path:
        return self.root / "ontology" / "shapes.ttl"

    @property
    def checks_dir(self) -> Path:
        return self.root / "ontology" / "checks"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def dist(self) -> Path:
        return self.root / "dist"

    def data_files(self) -> list[Path]:
        """Curated Turtle files, sorted so that builds are deterministic."""
        return sorted(self.data_dir.glob("*.ttl"))

    def check_files(self) -> list[Path]:
        return sorted(self.checks_dir.glob("*.rq"))

    def input_files(self) -> list[Path]:
        """Everything a build reads; a change to any of them makes dist/ stale."""
        return [self.ontology, self.shapes, *self.check_files(), *self.data_files()]


def find_project(root: Path | str | None = None) -> Project:
    """The project at `root`, else $PARKGRAPH_ROOT, else the nearest one above the cwd."""
    explicit = root if root is not None else os.environ.get("PARKGRAPH_ROOT")
    if explicit:
        path = Path(explicit).resolve()
        if not (path / ONTOLOGY_FILE).is_file():
            raise ProjectNotFound(
                f"{path}: not a parkgraph project (no {ONTOLOGY_FILE}); "
                "point --root or PARKGRAPH_ROOT at the project directory"
            )
        return Project(path)
    here = Path.cwd().resolve()
    for candidate in (here, *here.parents):
        if (candidate / ONTOLOGY_FILE).is_file():
            return Project(candidate)
    raise ProjectNotFound(
        f"no parkgraph project here: {ONTOLOGY_FILE} not found in {here} or its parents; "
        "run inside the project or pass --root DIR"
    )
