"""Where a parkgraph project keeps its inputs and outputs.

A project is a directory with `ontology/parkgraph.ttl`; commands find it from the current
directory upwards (like git), or take it from `--root` / `PARKGRAPH_ROOT`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from parkgraph.errors import ProjectNotFound

ONTOLOGY_FILE = Path("ontology/parkgraph.ttl")


@dataclass(frozen=True)
class Project:
    root: Path

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
