"""The extractor compiled by mypyc (setup.py): it runs compiled after `make`, writes what its
Python source writes, and an edited source is never shadowed by a stale compiled module."""

from __future__ import annotations

import importlib.machinery
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import IN_CI, ROOT

from parkgraph.extract import BUILD, compiled, extract_text
from parkgraph.extract.reading import read_document
from parkgraph.extract.writing import write_turtle

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]


def _articles() -> list[Path]:
    """The development articles and the synthetic ones (as tests/test_extract_scans.py finds them)."""
    return (sorted((ROOT / ".." / "shared" / "corpus" / "dev" / "articles").glob("*.txt"))
            + sorted((ROOT / "bench" / "extract").glob("synthetic*/articles/*.txt")))


def _require_compiled() -> None:
    if BUILD.startswith("compiled"):
        return
    message = f"THE EXTRACTOR IS NOT COMPILED: {BUILD}; `make` compiles it with mypyc"
    if IN_CI and os.environ.get("PARKGRAPH_PURE", "") in ("", "0"):
        pytest.fail(message)
    pytest.skip(message)


def test_the_extractor_runs_compiled_after_make() -> None:
    _require_compiled()
    from parkgraph.extract import mentions, numbers, writing

    for module in (mentions, numbers, writing):
        assert module.__file__ is not None and module.__file__.endswith(SUFFIX), module.__file__


def test_compiled_and_source_write_the_same_turtle() -> None:
    """Every development and synthetic article, extracted by the compiled modules here and by
    their sources in a process of its own (PARKGRAPH_PURE=1): byte for byte the same Turtle."""
    _require_compiled()
    paths = _articles()
    assert len(paths) >= 17
    child = (
        "import json, sys\n"
        "import parkgraph.extract as e\n"
        "from parkgraph.extract.reading import read_document\n"
        "from parkgraph.extract.writing import write_turtle\n"
        "assert e.BUILD.startswith('Python source'), e.BUILD\n"
        "paths = json.loads(sys.stdin.read())\n"
        "print(json.dumps([write_turtle(e.extract_text(read_document(p))) for p in paths]))\n"
    )
    done = subprocess.run([sys.executable, "-c", child], input=json.dumps([str(p) for p in paths]),
                          capture_output=True, text=True, check=True,
                          env={**os.environ, "PARKGRAPH_PURE": "1"})
    from_source = json.loads(done.stdout)
    for path, expected in zip(paths, from_source, strict=True):
        assert write_turtle(extract_text(read_document(path))) == expected, path.name


def _fake_build(folder: Path, names: list[str], *, edited: str | None = None,
                manifest: bool = True) -> None:
    """Sources, (empty) compiled modules and the build's manifest of the sources' hashes; the
    sources written last, as a wheel unpacks them; `edited` changed after the build."""
    for name in names:
        (folder / f"{name}{SUFFIX}").write_bytes(b"")
        (folder / f"{name}.py").write_text(f"# {name}\n", encoding="utf-8")
    if manifest:
        hashes = {name: compiled.source_hash(folder / f"{name}.py") for name in names}
        (folder / compiled.MANIFEST).write_text(json.dumps(hashes), encoding="utf-8")
    if edited:
        with (folder / f"{edited}.py").open("a", encoding="utf-8") as source:
            source.write("x = 1\n")


@pytest.fixture
def meta_path(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """sys.meta_path as a copy the test may change (the finder choose() inserts goes with it)."""
    monkeypatch.delenv("PARKGRAPH_PURE", raising=False)
    copy = list(sys.meta_path)
    monkeypatch.setattr(sys, "meta_path", copy)
    return copy


def test_compiled_modules_are_those_with_a_source(tmp_path: Path) -> None:
    _fake_build(tmp_path, ["numbers", "writing"])
    (tmp_path / f"orphan{SUFFIX}").write_bytes(b"")
    (tmp_path / "reading.py").write_text("", encoding="utf-8")
    assert sorted(compiled.compiled_modules(tmp_path)) == ["numbers", "writing"]


def test_a_build_whose_sources_match_its_manifest_runs_compiled(
        tmp_path: Path, meta_path: list[object], capsys: pytest.CaptureFixture[str]) -> None:
    _fake_build(tmp_path, ["numbers", "writing"])
    assert (tmp_path / "numbers.py").stat().st_mtime_ns >= (tmp_path / f"numbers{SUFFIX}").stat().st_mtime_ns
    before = list(meta_path)
    assert compiled.choose(tmp_path) == "compiled by mypyc (2 modules)"
    assert sys.meta_path == before
    assert capsys.readouterr().err == ""


def _assert_runs_from_source(folder: Path, names: list[str]) -> None:
    finder = sys.meta_path[0]
    # every module, the unchanged ones too: compiled modules call each other directly
    for name in names:
        spec = finder.find_spec(f"parkgraph.extract.{name}", None)  # type: ignore[attr-defined]
        assert spec is not None and spec.origin == str(folder / f"{name}.py")
    assert finder.find_spec("parkgraph.extract.reading", None) is None  # type: ignore[attr-defined]
    assert finder.find_spec("numbers", None) is None  # type: ignore[attr-defined]


@pytest.mark.parametrize(("build", "why"), [
    ({"edited": "writing"}, "writing.py differs from the source its compiled module was made from"),
    ({"manifest": False}, "compiled-sources.json is missing or unreadable"),
])
def test_a_source_unlike_the_one_compiled_runs_every_module_from_source(
        tmp_path: Path, meta_path: list[object], capsys: pytest.CaptureFixture[str],
        build: dict[str, Any], why: str) -> None:
    _fake_build(tmp_path, ["numbers", "writing"], **build)
    assert compiled.choose(tmp_path) == f"Python source ({why})"
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and why in err and "make" in err, err
    _assert_runs_from_source(tmp_path, ["numbers", "writing"])


def test_a_compiled_module_the_manifest_does_not_list_runs_the_source(
        tmp_path: Path, meta_path: list[object], capsys: pytest.CaptureFixture[str]) -> None:
    _fake_build(tmp_path, ["numbers"])
    (tmp_path / f"writing{SUFFIX}").write_bytes(b"")  # left by an older build
    (tmp_path / "writing.py").write_text("", encoding="utf-8")
    why = "compiled-sources.json lists other modules than those compiled"
    assert compiled.choose(tmp_path) == f"Python source ({why})"
    assert "lists other modules" in capsys.readouterr().err
    _assert_runs_from_source(tmp_path, ["numbers", "writing"])


def test_parkgraph_pure_runs_the_source(tmp_path: Path, meta_path: list[object],
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("PARKGRAPH_PURE", "1")
    _fake_build(tmp_path, ["numbers"])
    assert compiled.choose(tmp_path) == "Python source (PARKGRAPH_PURE is set)"
    assert capsys.readouterr().err == ""  # asked for: nothing to warn of
    _assert_runs_from_source(tmp_path, ["numbers"])


def test_a_package_without_compiled_modules_is_left_alone(tmp_path: Path, meta_path: list[object]) -> None:
    (tmp_path / "numbers.py").write_text("", encoding="utf-8")
    before = list(meta_path)
    assert compiled.choose(tmp_path) == "Python source (not compiled)"
    assert sys.meta_path == before
