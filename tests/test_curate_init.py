"""`parkgraph init`: a new project in which every command works as in this repository, from
the package data alone (a built wheel, not this checkout)."""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import IN_CI
from typer.testing import CliRunner

from parkgraph.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        result = runner.invoke(app, list(args))
    finally:
        os.chdir(old)
    return result.exit_code, result.stdout, result.stderr


def test_init_makes_a_project_with_the_ontology_and_queries(tmp_path: Path) -> None:
    project = tmp_path / "parks"
    code, out, err = run("init", str(project))
    assert code == 0, err
    assert "created a parkgraph project" in err
    for rel in ("ontology/parkgraph.ttl", "ontology/shapes.ttl", "queries/parks.rq", "README.md",
                ".gitignore"):
        assert (project / rel).is_file(), rel
        assert str(project / rel) in out.splitlines() or rel in (".gitignore", "README.md")
    assert filecmp.cmp(project / "ontology/parkgraph.ttl", ROOT / "ontology/parkgraph.ttl", shallow=False)
    checks = sorted(p.name for p in (ROOT / "ontology/checks").glob("*.rq"))
    assert sorted(p.name for p in (project / "ontology/checks").glob("*.rq")) == checks
    assert (project / "data").is_dir() and not any((project / "data").iterdir())
    assert (project / "sources").is_dir()
    assert "sources/" in (project / ".gitignore").read_text().splitlines()
    assert "parkgraph add" in (project / "README.md").read_text()


def test_commands_work_in_a_new_project(tmp_path: Path) -> None:
    project = tmp_path / "p"
    assert run("init", str(project))[0] == 0
    code, out, err = run("build", cwd=project)
    assert code == 0, err
    assert (project / "dist" / "parkgraph.ttl").is_file()
    code, out, err = run("validate", cwd=project)
    assert code == 0, err
    code, out, err = run("queries", cwd=project)
    assert code == 0 and "park-overview" in out
    # `query` has its own fast path: run it as the console script does, in the project.
    done = subprocess.run([sys.executable, "-m", "parkgraph", "query", "--name", "parks"], cwd=project,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0].startswith("park,")
    assert run("stats", cwd=project)[0] == 0


@pytest.mark.parametrize("case", ["project", "file", "not-empty", "no-parent"])
def test_init_refuses(tmp_path: Path, case: str) -> None:
    target = tmp_path / "x"
    if case == "project":
        assert run("init", str(target))[0] == 0
        expected = "already a parkgraph project"
    elif case == "file":
        target.write_text("x")
        expected = "not a directory"
    elif case == "not-empty":
        target.mkdir()
        (target / "notes.txt").write_text("x")
        expected = "not empty"
    else:
        target = tmp_path / "missing" / "x"
        expected = "does not exist"
    code, _out, err = run("init", str(target))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and expected in lines[0], err


@pytest.mark.slow
def test_a_built_wheel_carries_the_skeleton(tmp_path: Path) -> None:
    """pip builds the wheel (setup.py copies ontology/ and queries/ into it); `init` run from the
    unpacked wheel, not from this checkout, makes a project that builds."""
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path / "w"),
                           str(ROOT)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"pip could not build a wheel here: {done.stderr.strip().splitlines()[-1:]}")
    (wheel,) = (tmp_path / "w").glob("parkgraph-*.whl")
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as z:
        names = z.namelist()
        z.extractall(site)
    assert "parkgraph/curate/skeleton/ontology/parkgraph.ttl" in names
    assert "parkgraph/curate/skeleton/queries/parks.rq" in names
    env = {**os.environ, "PYTHONPATH": str(site)}
    script = ("import parkgraph, sys; from parkgraph.curate.init import skeleton_root; "
              "print(parkgraph.__file__); print(skeleton_root()); "
              "from parkgraph.cli import main; sys.argv = ['parkgraph', 'init', sys.argv[1]]; main()")
    done = subprocess.run([sys.executable, "-c", script, str(tmp_path / "proj")], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    first, second = done.stdout.splitlines()[:2]
    assert first.startswith(str(site)) and second.startswith(str(site))
    built = subprocess.run([sys.executable, "-m", "parkgraph", "build", "-q"], cwd=tmp_path / "proj", env=env,
                           capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    # the wheel's extractor is the compiled one, its manifest matching its sources (unpacked after
    # the compiled modules, they are the newer files: times would say stale), with no warning
    say = "import parkgraph.extract as e; print(e.__file__, e.BUILD)"
    which = subprocess.run([sys.executable, "-c", say], cwd=tmp_path, env=env, capture_output=True, text=True,
                           check=True)
    assert which.stdout.startswith(str(site)) and which.stderr == "", which
    compiled_here = any(n.startswith("parkgraph/extract/codes.") and n.endswith(".so") for n in names)
    assert compiled_here or not IN_CI, "the wheel's extractor is not compiled"
    if compiled_here:
        assert "parkgraph/extract/compiled-sources.json" in names
        assert " compiled by mypyc (" in which.stdout, which.stdout
