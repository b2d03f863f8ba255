"""Where a parkgraph project keeps its inputs and outputs.

A project is a directory with `ontology/parkgraph.ttl`; commands find it from the current
directory upwards (like git), or take it from `--root` / `PARKGRAPH_ROOT`.

`Project` offers its places as `pathlib.Path`s, and as plain strings (`path`,
`input_paths`) for `parkgraph query`: pathlib imports re, urllib and ipaddress (≈6 ms of
start-up), so it is imported only when a Path is asked for.
"""

from __future__ import annotations

import os

from parkgraph.errors import ProjectNotFound

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from pathlib import Path

# Places inside a project, relative to its root.
ONTOLOGY_FILE = "ontology/parkgraph.ttl"
# The shared indicator vocabulary (a SKOS concept scheme), loaded with the ontology; optional,
# so that a project made before it existed still builds.
INDICATORS_FILE = "ontology/indicators.ttl"
SHAPES_FILE = "ontology/shapes.ttl"
CHECKS_DIR = "ontology/checks"
DATA_DIR = "data"
QUERIES_DIR = "queries"
DIST_DIR = "dist"


class Project:
    """A project directory. A plain class, not a dataclass: `dataclasses` imports `inspect`
    (~30 ms), and `parkgraph query` must start nearly as fast as bare pyoxigraph."""

    __slots__ = ("_root",)
    _root: str  # a string, not a Path: see the module docstring

    def __init__(self, root: Path | str) -> None:
        object.__setattr__(self, "_root", os.fspath(root))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Project is immutable; cannot set {name!r}")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Project) and other.root == self.root

    def __hash__(self) -> int:
        return hash(self.root)

    def __repr__(self) -> str:
        return f"Project(root={self.root!r})"

    # ------------------------------------------------------------ as strings (no pathlib)

    def path(self, *parts: str) -> str:
        """`root/parts…` as a string, e.g. `project.path(DIST_DIR, "manifest.json")`."""
        return os.path.join(self._root, *parts)

    def _listed(self, directory: str, suffix: str) -> list[str]:
        """`directory/NAME` (relative to the root) for each NAME ending in `suffix`, sorted."""
        try:
            names = os.listdir(self.path(directory))
        except OSError:  # no such directory: nothing in it, as Path.glob says
            return []
        return [f"{directory}/{name}" for name in sorted(names) if name.endswith(suffix)]

    def input_paths(self) -> list[str]:
        """Everything a build reads, relative to the root; a change to any of them makes
        dist/ stale. Sorted, so that builds are deterministic."""
        return [*self._ontology_paths(), SHAPES_FILE, *self._listed(CHECKS_DIR, ".rq"),
                *self._listed(DATA_DIR, ".ttl")]

    def _ontology_paths(self) -> list[str]:
        extra = [INDICATORS_FILE] if os.path.isfile(self.path(INDICATORS_FILE)) else []
        return [ONTOLOGY_FILE, *extra]

    # ------------------------------------------------------------ as Paths

    @property
    def root(self) -> Path:
        from pathlib import Path

        return Path(self._root)

    @property
    def ontology(self) -> Path:
        return self.root / ONTOLOGY_FILE

    def ontology_files(self) -> list[Path]:
        """The ontology and, where the project has it, the indicator vocabulary."""
        root = self.root
        return [root / p for p in self._ontology_paths()]

    @property
    def shapes(self) -> Path:
        return self.root / SHAPES_FILE

    @property
    def checks_dir(self) -> Path:
        return self.root / CHECKS_DIR

    @property
    def data_dir(self) -> Path:
        return self.root / DATA_DIR

    @property
    def queries_dir(self) -> Path:
        return self.root / QUERIES_DIR

    @property
    def dist(self) -> Path:
        return self.root / DIST_DIR

    def data_files(self) -> list[Path]:
        """Curated Turtle files, sorted so that builds are deterministic."""
        root = self.root
        return [root / p for p in self._listed(DATA_DIR, ".ttl")]

    def check_files(self) -> list[Path]:
        root = self.root
        return [root / p for p in self._listed(CHECKS_DIR, ".rq")]

    def input_files(self) -> list[Path]:
        """Everything a build reads; a change to any of them makes dist/ stale."""
        root = self.root
        return [root / p for p in self.input_paths()]


def find_project(root: Path | str | None = None) -> Project:
    """The project at `root`, else $PARKGRAPH_ROOT, else the nearest one above the cwd."""
    explicit = root if root is not None else os.environ.get("PARKGRAPH_ROOT")
    if explicit:
        path = os.path.realpath(explicit)
        if not is_project(path):
            raise ProjectNotFound(
                f"{path}: not a parkgraph project (no {ONTOLOGY_FILE}); "
                "point --root or PARKGRAPH_ROOT at the project directory"
            )
        return Project(path)
    here = candidate = os.path.realpath(os.getcwd())
    while True:
        if is_project(candidate):
            return Project(candidate)
        parent = os.path.dirname(candidate)
        if parent == candidate:
            break
        candidate = parent
    raise ProjectNotFound(
        f"no parkgraph project here: {ONTOLOGY_FILE} not found in {here} or its parents; "
        "run inside the project or pass --root DIR"
    )


def is_project(directory: str) -> bool:
    """Whether `directory` holds ONTOLOGY_FILE. A directory of that name is an error (it
    would otherwise read as "not found"): ProjectNotFound that says it is a directory."""
    ontology = os.path.join(directory, ONTOLOGY_FILE)
    if os.path.isdir(ontology):
        raise ProjectNotFound(f"{ontology}: is a directory, not a file; the ontology must be a Turtle file")
    return os.path.isfile(ontology)
