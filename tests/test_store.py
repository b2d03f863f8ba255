"""`parkgraph load` into an on-disk store, the commands that read it, and `parkgraph serve`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from oxigraph_server import free_port
from typer.testing import CliRunner

from parkgraph.cli import load_app
from parkgraph.errors import InputFileError, RdfSyntaxError
from parkgraph.namespaces import PG_GRAPH, PGR
from parkgraph.project import Project
from parkgraph.store import load_store, open_store, oxigraph_server_binary

runner = CliRunner()
app = load_app()
PARKGRAPH = [sys.executable, "-m", "parkgraph"]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def quads_of(path: Path) -> set[ox.Quad]:
    return set(ox.parse(path=str(path)))


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.startswith("."))


@pytest.fixture()
def loaded(tmp_path: Path, dist: Path) -> Path:
    store = tmp_path / "pg.db"
    code, _, stderr = cli("load", "--store", str(store), str(dist / "parkgraph.trig"))
    assert code == 0, stderr
    return store


def test_load_keeps_every_quad_and_named_graph(loaded: Path, dist: Path) -> None:
    expected = quads_of(dist / "parkgraph.trig")
    store = open_store(loaded)
    named = {q for q in store if not isinstance(q.graph_name, ox.DefaultGraph)}
    assert len(named) == len(expected)
    assert {q.graph_name for q in named} == {q.graph_name for q in expected}
    # and the default graph is their merge: each triple once (what a query without GRAPH sees)
    merged = {ox.Triple(q.subject, q.predicate, q.object) for q in named}
    assert {q.triple for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())} == merged
    assert len(merged) < len(expected)  # the shipped graph has facts that two sources state
    assert ox.NamedNode(PG_GRAPH + "yongchuan-htz-article") in {q.graph_name for q in store}
    assert leftovers(loaded.parent) == []


def test_query_through_the_store_matches_dist(loaded: Path, built_project: Project) -> None:
    from parkgraph.query import Source, run_query

    query = "SELECT ?p ?l WHERE { ?p a pg:HighTechZone ; rdfs:label ?l } ORDER BY ?p ?l"
    from_store = run_query(Source.store(loaded), query)
    from_dist = run_query(Source.dist(built_project), query)
    assert from_store.values() == from_dist.values() and from_store.rows
    done = subprocess.run(
        [*PARKGRAPH, "query", "--store", str(loaded), "--format", "json", COUNT],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    n = int(json.loads(done.stdout)["results"]["bindings"][0]["n"]["value"])
    assert n == len({q.triple for q in open_store(loaded)})


def test_export_from_the_store(loaded: Path, tmp_path: Path) -> None:
    out = tmp_path / "from-store.nq"
    code, _, stderr = cli("export", "--store", str(loaded), "-f", "nq", "-o", str(out))
    assert code == 0, stderr
    assert set(ox.parse(path=str(out))) == set(open_store(loaded))
    code, _, stderr = cli(
        "export", "--store", str(loaded), "-f", "graphml", "-o", str(tmp_path / "g.graphml")
    )
    assert code == 0, stderr
    assert PGR + "park-yongchuan-htz" in (tmp_path / "g.graphml").read_text(encoding="utf-8")


def test_describe_from_the_store(loaded: Path, dist: Path) -> None:
    code, from_store, stderr = cli("describe", "永川高新区", "--store", str(loaded), "--json")
    assert code == 0, stderr
    code, from_dist, stderr = cli("describe", "永川高新区", "--data", str(dist / "parkgraph.nt"), "--json")
    assert code == 0, stderr
    assert json.loads(from_store) == json.loads(from_dist)
    assert "pgr:park-yongchuan-htz" in from_store or PGR + "park-yongchuan-htz" in from_store


def test_load_adds_to_an_existing_store(loaded: Path, tmp_path: Path) -> None:
    before = len(open_store(loaded))
    extra = tmp_path / "extra.ttl"
    extra.write_text("<https://example.org/a> <https://example.org/p> 'x' .\n", encoding="utf-8")
    code, _, stderr = cli("load", "--store", str(loaded), str(extra))
    assert code == 0, stderr
    assert f"{before + 1} quads" in stderr
    assert len(open_store(loaded)) == before + 1


def test_truncated_ntriples_leaves_the_store_as_it_was(loaded: Path, dist: Path, tmp_path: Path) -> None:
    before = set(open_store(loaded))
    data = (dist / "parkgraph.nt").read_bytes()
    truncated = tmp_path / "truncated.nt"
    truncated.write_bytes(data[: len(data) * 2 // 3])  # cut inside a line
    expected_line = truncated.read_bytes().count(b"\n") + 1
    good = tmp_path / "good.ttl"
    good.write_text("<https://example.org/a> <https://example.org/p> 'x' .\n", encoding="utf-8")
    code, stdout, stderr = cli("load", "--store", str(loaded), str(good), str(truncated))
    assert code == 2
    assert stderr.startswith(f"Error: {truncated}:{expected_line}:")
    assert len(stderr.strip().splitlines()) == 1 and stdout == ""
    assert set(open_store(loaded)) == before  # not even good.ttl went in
    assert leftovers(loaded.parent) == []


def test_truncated_file_into_a_new_store_creates_nothing(dist: Path, tmp_path: Path) -> None:
    data = (dist / "parkgraph.nt").read_bytes()
    truncated = tmp_path / "t.nt"
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(RdfSyntaxError):
        load_store(tmp_path / "new.db", [truncated])
    assert not (tmp_path / "new.db").exists()
    assert leftovers(tmp_path) == []


def test_progress_in_chunks_keeps_line_numbers(
    dist: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import parkgraph.store

    monkeypatch.setattr(parkgraph.store, "CHUNK_BYTES", 4096)
    nt = dist / "parkgraph.nt"
    seen: list[int] = []
    count = load_store(tmp_path / "p.db", [nt], lambda done, total, _path: seen.append(done))
    assert count == len(quads_of(nt))
    assert len(seen) > 3 and seen == sorted(seen) and seen[-1] == nt.stat().st_size
    lines = nt.read_bytes().splitlines(keepends=True)
    broken = tmp_path / "broken.nt"
    broken.write_bytes(
        b"".join(lines[:100]) + b"<https://example.org/a> <https://example.org/p> .\n" + b"".join(lines[100:])
    )
    with pytest.raises(RdfSyntaxError) as info:
        load_store(tmp_path / "q.db", [broken], lambda *_: None)
    assert info.value.line == 101
    with pytest.raises(RdfSyntaxError) as info:
        load_store(tmp_path / "r.db", [broken])
    assert info.value.line == 101


@pytest.mark.parametrize("command", [["export", "-f", "nt"], ["serve"], ["describe", "3322"], ["viz"]])
def test_a_directory_that_is_not_a_store(command: list[str], tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "notes.txt").write_text("hello")
    code, _, stderr = cli(*command, "--store", str(plain))
    assert code == 2
    assert stderr.startswith("Error: ") and "not a parkgraph store" in stderr
    assert sorted(p.name for p in plain.iterdir()) == ["notes.txt"]  # nothing created there
    code, _, stderr = cli(*command, "--store", str(tmp_path / "missing"))
    assert code == 2 and "no store directory" in stderr
    assert not (tmp_path / "missing").exists()


def test_load_refuses_a_non_empty_directory_that_is_not_a_store(tmp_path: Path, dist: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "notes.txt").write_text("hello")
    code, _, stderr = cli("load", "--store", str(plain), str(dist / "parkgraph.nt"))
    assert code == 2 and "not a parkgraph store and not empty" in stderr
    assert sorted(p.name for p in plain.iterdir()) == ["notes.txt"]


def test_load_refuses_unknown_and_missing_files(tmp_path: Path) -> None:
    odd = tmp_path / "graph.xlsx"
    odd.write_text("x")
    code, _, stderr = cli("load", "--store", str(tmp_path / "s"), str(odd))
    assert code == 2 and "unknown RDF file extension" in stderr
    code, _, stderr = cli("load", "--store", str(tmp_path / "s"), str(tmp_path / "nope.nt"))
    assert code == 2 and "no such file" in stderr
    assert not (tmp_path / "s").exists()


def test_open_store_refuses_what_is_not_one(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="not a parkgraph store"):
        open_store(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_serve_answers_sparql_read_only(loaded: Path) -> None:
    port = free_port()
    proc = subprocess.Popen(
        [*PARKGRAPH, "serve", "--store", str(loaded), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                url = f"{base}/query?" + urllib.parse.urlencode({"query": COUNT})
                request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
                with urllib.request.urlopen(request, timeout=2) as response:
                    answer = json.loads(response.read())
                break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "parkgraph serve did not answer"
                time.sleep(0.1)
        # a query without GRAPH sees the merge: each triple once, however many sources state it
        merged = {q.triple for q in open_store(loaded)}
        assert int(answer["results"]["bindings"][0]["n"]["value"]) == len(merged)
        update = urllib.request.Request(
            f"{base}/update",
            data=b"update=CLEAR%20ALL",
            method="POST",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        with pytest.raises(urllib.error.HTTPError):
            urllib.request.urlopen(update, timeout=5)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert proc.stderr is not None and b"read-only" in proc.stderr.read()


def test_serve_without_the_server_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(InputFileError, match=r"pip install 'parkgraph\[server\]'"):
        oxigraph_server_binary()
    assert os.environ["PATH"] == str(tmp_path)


# ---------------------------------------------------------------- exploratory QA: serve and load


def test_serve_on_a_port_in_use_or_out_of_range_is_one_line(
    loaded: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import socket

    def no_exec(*args: object) -> None:  # the checks must come before the server replaces us
        raise AssertionError(f"the server was started: {args}")

    monkeypatch.setattr(os, "execv", no_exec)

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, out, err = cli("serve", "--store", str(loaded), "--port", str(port))
        assert code == 2 and out == "", err
        assert err.startswith(f"Error: 127.0.0.1:{port}: cannot listen there") and err.count("\n") == 1, err
    for bad in ("99999", "-5"):
        code, _, err = cli("serve", "--store", str(loaded), "--port", bad)
        assert code == 2 and err == f"Error: --port {bad}: give a TCP port between 1 and 65535\n", err
    code, _, err = cli("serve", "--store", str(loaded), "--host", "no such host;x")
    assert code == 2 and err.startswith("Error: --host 'no such host;x'") and err.count("\n") == 1, err


def test_load_into_a_path_under_a_file(tmp_path: Path, dist: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    code, _, err = cli("load", "--store", str(blocker / "pg.db"), str(dist / "parkgraph.trig"))
    assert code == 2 and err.count("\n") == 1, err
    assert f"({blocker} is a file, not a directory)" in err, err


def test_store_that_is_a_file_or_under_one_says_so(tmp_path: Path, dist: Path) -> None:
    """Not "make it with `parkgraph load --store data/sources.ttl`", which cannot work."""
    rdf = tmp_path / "sources.ttl"
    rdf.write_text("", encoding="utf-8")
    query = [*PARKGRAPH, "query", "ASK {}", "--store"]
    for where, words in ((rdf, "is a file, not a store directory"), (rdf / "x", f"{rdf} is a file")):
        done = subprocess.run([*query, str(where)], capture_output=True, text=True, check=False)
        assert done.returncode == 2 and done.stderr.count("\n") == 1, done.stderr
        assert done.stderr.startswith(f"Error: {where}: {words}"), done.stderr
        assert f"load --store {where}" not in done.stderr
        code, _, err = cli("describe", "3322", "--store", str(where))
        assert code == 2 and words in err, err
    code, _, err = cli("load", "--store", str(rdf), str(dist / "parkgraph.nt"))
    assert (
        code == 2
        and err == f"Error: {rdf}: is a file, not a store directory; give a new or empty directory\n"
    )
    assert rdf.read_text(encoding="utf-8") == ""


def test_empty_store_path_is_refused(tmp_path: Path, dist: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`--store ''` used to mean the current directory (load) or to be ignored (query)."""
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("load", "--store", "", str(dist / "parkgraph.nt"))
    assert code == 2 and err == "Error: --store '': give the store's directory (an empty path names none)\n"
    assert list(tmp_path.iterdir()) == []
    done = subprocess.run(
        [*PARKGRAPH, "query", "ASK {}", "--store", ""], capture_output=True, text=True, check=False
    )
    assert done.returncode == 2 and done.stdout == "", done.stderr
    assert done.stderr == "Error: --store '': give the store's directory (an empty path names none)\n"
