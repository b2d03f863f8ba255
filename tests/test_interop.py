"""Other parsers read what parkgraph writes: rapper (Raptor), serdi (Serd), pyoxigraph, rdflib.

Each reads dist/parkgraph.ttl and .nt on its own; all must find the same number of triples
and, converted to N-Triples, graphs isomorphic to each other. JSON-LD and RDF/XML must
round-trip to an isomorphic graph. The build refuses terms that other stores reject.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import assert_isomorphic, require_tool

from parkgraph.build import build
from parkgraph.errors import NotConforming, RdfSyntaxError
from parkgraph.export import render_export
from parkgraph.portability import check_portability, iri_problem, language_problem, portability_problems
from parkgraph.project import Project
from parkgraph.rdfio import read_files

SYNTAX = {"ttl": "turtle", "nt": "ntriples"}


def nt_graph(data: bytes) -> rdflib.Graph:
    return rdflib.Graph().parse(data=data, format="nt")


def pyoxigraph_graph(path: Path) -> tuple[int, rdflib.Graph]:
    triples = [q.triple for q in ox.parse(path=str(path))]
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return len(triples), nt_graph(data)


def rapper(path: Path, syntax: str) -> tuple[int, rdflib.Graph]:
    exe = require_tool("rapper", "Raptor, an independent RDF parser (Debian raptor2-utils)")
    done = subprocess.run(
        [exe, "-q", "-i", syntax, "-o", "ntriples", str(path)], capture_output=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.count(b"\n"), nt_graph(done.stdout)


def serdi(path: Path, syntax: str) -> tuple[int, rdflib.Graph]:
    exe = require_tool("serdi", "Serd, an independent RDF parser (Debian serdi)")
    done = subprocess.run(
        [exe, "-q", "-i", syntax, "-o", "ntriples", str(path)], capture_output=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.count(b"\n"), nt_graph(done.stdout)


@pytest.fixture(scope="module")
def reference(dist: Path) -> tuple[int, rdflib.Graph]:
    """What pyoxigraph reads from dist/parkgraph.nt."""
    return pyoxigraph_graph(dist / "parkgraph.nt")


@pytest.mark.parametrize("ext", ["ttl", "nt"])
@pytest.mark.parametrize("reader", ["rapper", "serdi", "pyoxigraph", "rdflib"])
def test_independent_parsers_agree(
    reader: str, ext: str, dist: Path, reference: tuple[int, rdflib.Graph]
) -> None:
    path = dist / f"parkgraph.{ext}"
    if reader == "rapper":
        count, graph = rapper(path, SYNTAX[ext])
    elif reader == "serdi":
        count, graph = serdi(path, SYNTAX[ext])
    elif reader == "pyoxigraph":
        count, graph = pyoxigraph_graph(path)
    else:
        graph = rdflib.Graph().parse(path, format={"ttl": "turtle", "nt": "nt"}[ext])
        count = len(graph)
    expected_count, expected = reference
    assert count == expected_count, (
        f"{reader} read {count} triples from {path.name}, expected {expected_count}"
    )
    assert_isomorphic(expected, graph, f"{reader} on {path.name}")


@pytest.mark.parametrize("reader", ["rapper", "serdi"])
def test_trig_named_graphs_are_read_by_other_parsers(reader: str, dist: Path) -> None:
    exe = require_tool(reader, "an independent RDF parser")
    args = [exe, "-q", "-i", "trig", "-o", "nquads", str(dist / "parkgraph.trig")]
    done = subprocess.run(args, capture_output=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    theirs = {q for q in ox.parse(done.stdout, format=ox.RdfFormat.N_QUADS)}
    ours = set(read_files([dist / "parkgraph.trig"]))
    assert len(theirs) == len(ours)
    assert {q.graph_name for q in theirs} == {q.graph_name for q in ours}


def test_jsonld_round_trips(dist: Path, reference: tuple[int, rdflib.Graph]) -> None:
    _count, expected = reference
    by_rdflib = rdflib.Graph().parse(dist / "parkgraph.jsonld", format="json-ld")
    assert_isomorphic(expected, by_rdflib, "dist/parkgraph.jsonld read by rdflib")
    _n, by_pyoxigraph = pyoxigraph_graph(dist / "parkgraph.jsonld")
    assert_isomorphic(expected, by_pyoxigraph, "dist/parkgraph.jsonld read by pyoxigraph")


def test_rdfxml_round_trips(dist: Path, reference: tuple[int, rdflib.Graph], tmp_path: Path) -> None:
    expected_count, expected = reference
    path = tmp_path / "parkgraph.rdf"
    path.write_bytes(render_export(read_files([dist / "parkgraph.nt"]), "rdfxml")["parkgraph.rdf"])
    assert_isomorphic(expected, rdflib.Graph().parse(path, format="xml"), "RDF/XML read by rdflib")
    count, by_rapper = rapper(path, "rdfxml")
    assert count == expected_count
    assert_isomorphic(expected, by_rapper, "RDF/XML read by rapper")
    _n, by_pyoxigraph = pyoxigraph_graph(path)
    assert_isomorphic(expected, by_pyoxigraph, "RDF/XML read by pyoxigraph")


# ------------------------------------------------------------------------- build-time portability

PREFIXES = """\
@prefix pg: <https://w3id.org/parkgraph/ontology#> .
@prefix pgr: <https://w3id.org/parkgraph/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""


def add_data(project: Project, name: str, body: str) -> Path:
    path = project.data_dir / name
    path.write_text(PREFIXES + body, encoding="utf-8")
    return path


def test_build_refuses_a_local_name_starting_with_a_digit(project_copy: Project, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("untouched")
    add_data(project_copy, "zz-bad.ttl", 'pgr:3322 a pg:Strategy ; rdfs:label "3322"@zh .\n')
    with pytest.raises(NotConforming) as info:
        build(project_copy, out)
    message = info.value.message
    assert "pgr:3322" in message and "digit" in message and "data/zz-bad.ttl" in message
    assert "\n" not in message
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_build_refuses_a_non_ascii_local_name(project_copy: Project, tmp_path: Path) -> None:
    add_data(project_copy, "zz-bad.ttl", 'pgr:park-永川 a pg:Park ; rdfs:label "永川"@zh .\n')
    with pytest.raises(NotConforming, match="pgr:park-永川: local name must be ASCII"):
        build(project_copy, tmp_path / "out")
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        ('pgr:park-x rdfs:label "X"@zh_CN .\n', "zz-bad.ttl:4:"),  # underscore in a language tag
        ("pgr:park-x rdfs:seeAlso <https://example.org/a b> .\n", "zz-bad.ttl:4:"),  # space in an IRI
        ("pgr:park-x rdfs:seeAlso foo:bar .\n", "foo"),  # undeclared prefix
    ],
)
def test_build_reports_the_position_of_other_bad_terms(
    body: str, needle: str, project_copy: Project, tmp_path: Path
) -> None:
    add_data(project_copy, "zz-bad.ttl", body)
    with pytest.raises(RdfSyntaxError) as info:
        build(project_copy, tmp_path / "out")
    assert needle in info.value.message
    assert info.value.line == 4
    assert not (tmp_path / "out").exists()


def test_portability_rules() -> None:
    assert iri_problem("https://w3id.org/parkgraph/resource/park-yongchuan-htz") is None
    assert iri_problem("https://w3id.org/parkgraph/resource/") is None  # the namespace itself
    assert "digit" in (iri_problem("https://w3id.org/parkgraph/ontology#3322") or "")
    assert "' '" in (iri_problem("https://example.org/a b") or "")
    assert "not absolute" in (iri_problem("park-x") or "")
    assert language_problem("zh-Hans-CN", "x") is None
    assert "write @zh-CN" in (language_problem("zh_CN", "永川") or "")
    assert language_problem("en-verylongsubtag", "x")
    # pyoxigraph itself refuses zh_CN, so such a literal can only come from elsewhere:
    # the rule is checked on its own above, and whole quads here.
    bad = ox.Quad(
        ox.NamedNode("https://w3id.org/parkgraph/resource/1st"),
        ox.NamedNode("http://x/p"),
        ox.Literal("v"),
        ox.NamedNode("https://w3id.org/parkgraph/graph/some-source"),
    )
    assert portability_problems([bad]) == [
        "data/some-source.ttl: pgr:1st: local name starts with a digit, which RDF/XML and Turtle 1.0 "
        "parsers reject; start it with its type prefix, e.g. pgr:x-1st"
    ]
    with pytest.raises(NotConforming, match="other stores would reject"):
        check_portability([bad])


def test_shipped_graph_is_portable(dist: Path) -> None:
    assert portability_problems(read_files([dist / "parkgraph.trig"])) == []
