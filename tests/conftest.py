"""Shared fixtures: the project, a built dist/, copies to break, and real external tools."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from parkgraph.build import BuildResult, build
from parkgraph.project import Project

ROOT = Path(__file__).resolve().parents[1]
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


SEED_FILE = "000_3dca68174ba47f8d.txt"  # the seed article and advertisement (../shared/seeds)
_PG = rdflib.Namespace("https://w3id.org/parkgraph/ontology#")
_PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


def copy_seed_data(target: Path) -> None:
    """This repository's curated data as the seed left it, into the folder `target`: without the
    files of the corpus articles curated since (each declares its own pg:SourceDocument) and
    without what data/sources.ttl says about them, so a test may add a corpus article anew."""
    later: set[rdflib.term.Node] = set()
    for path in sorted((ROOT / "data").glob("*.ttl")):
        if path.name == "sources.ttl":
            continue
        g = rdflib.Graph().parse(path, format="turtle")
        docs = {d for d in g.subjects(rdflib.RDF.type, _PG.SourceDocument)
                if str(g.value(d, _PG.fileName)) != SEED_FILE}
        if docs:
            later |= docs
            continue
        shutil.copyfile(path, target / path.name)
    sources = ROOT / "data" / "sources.ttl"
    if not later:
        shutil.copyfile(sources, target / sources.name)
        return
    g = rdflib.Graph().parse(sources, format="turtle")
    for doc in later:
        for node in [doc, *g.subjects(_PROV.wasDerivedFrom, doc)]:
            g.remove((node, None, None))
    g.serialize(target / sources.name, format="turtle")


def assert_isomorphic(expected: rdflib.Graph, actual: rdflib.Graph, what: str = "graphs") -> None:
    """Isomorphic, or a failure that prints the triples only one side has."""
    if isomorphic(expected, actual):
        return
    _both, only_expected, only_actual = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    lines = [f"- {t}" for t in sorted(only_expected)[:20]] + [f"+ {t}" for t in sorted(only_actual)[:20]]
    pytest.fail(f"{what}: not isomorphic ({len(expected)} vs {len(actual)} triples)\n" + "\n".join(lines))


def require_tool(name: str, why: str) -> str:
    """The path of an external program, or a loud skip (a failure in CI)."""
    path = shutil.which(name)
    if path:
        return path
    message = f"MISSING TOOL {name!r} ({why}); `make test` as root installs it"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def run_reader_closes_early(
    args: list[str], *, lines: int = 1, env: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run `parkgraph ARGS` with stdout piped into a reader that reads `lines` lines (0: none)
    and then closes the pipe, like `parkgraph … | head -1`: (exit status, stderr)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "parkgraph", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert proc.stdout is not None and proc.stderr is not None
    for _ in range(lines):
        proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode("utf-8", "replace")
    return proc.wait(timeout=120), stderr


@pytest.fixture(scope="session")
def project() -> Project:
    return Project(ROOT)


@pytest.fixture(scope="session")
def built(project: Project, tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The shipped graph, built once per test session into a temporary dist/."""
    return build(project, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="session")
def dist(built: BuildResult) -> Path:
    return built.dist


@pytest.fixture(scope="session")
def seed_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The project's ontology and queries with only the seed article's data, built into its own
    dist/ once per session. Tests whose expected answers were checked by hand against the seed
    article (seeds/000_3dca68174ba47f8d.txt) use it: those answers stay true as corpus articles
    are curated into data/, which tests/test_corpus_facts.py checks fact by fact instead."""
    root = tmp_path_factory.mktemp("seed-project")
    for sub in ("ontology", "queries"):
        shutil.copytree(ROOT / sub, root / sub)
    (root / "data").mkdir()
    copy_seed_data(root / "data")
    seed = Project(root)
    build(seed)
    return seed


@pytest.fixture(scope="session")
def seed_dist(seed_project: Project) -> Path:
    """The seed graph's dist/ (see `seed_project`)."""
    return seed_project.dist


@pytest.fixture()
def project_copy(tmp_path: Path) -> Project:
    """A throw-away copy of the project's inputs, to break on purpose."""
    for sub in ("ontology", "data", "queries"):
        if (ROOT / sub).is_dir():
            shutil.copytree(ROOT / sub, tmp_path / sub)
    return Project(tmp_path)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the project with the shipped graph built into its own dist/ (for commands
    that read a project's dist/, such as export and push), once per session."""
    root = tmp_path_factory.mktemp("built-project")
    for sub in ("ontology", "data", "queries"):
        if (ROOT / sub).is_dir():
            shutil.copytree(ROOT / sub, root / sub)
    copy = Project(root)
    build(copy)
    return copy


def assert_ascii_stdout_is_one_error_line(args: list[str]) -> None:
    """`parkgraph ARGS` with an ASCII-only stdout: one `Error: stdout: …` line, exit 2, no output."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "parkgraph", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        check=False,
    )
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert done.stderr.startswith("Error: stdout:") and done.stderr.count("\n") == 1, done.stderr
