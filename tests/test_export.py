"""`parkgraph export`: every format, read back by an independent reader, and its bad inputs."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from conftest import assert_isomorphic, run_reader_closes_early
from typer.testing import CliRunner

from parkgraph.cli import load_app
from parkgraph.export import FORMATS, export_graph, render_export
from parkgraph.namespaces import PG, PG_GRAPH, PGR
from parkgraph.project import Project
from parkgraph.rdfio import read_files

runner = CliRunner()
app = load_app()
PARK = PGR + "park-yongchuan-htz"


def cli(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def dist_store(dist: Path) -> list[ox.Quad]:
    """The built graph's quads as parsed (a pyoxigraph store would canonicalise literals)."""
    return read_files([dist / "parkgraph.trig"])


@pytest.fixture(scope="module")
def reference(dist: Path) -> rdflib.Graph:
    return rdflib.Graph().parse(dist / "parkgraph.nt", format="nt")


@pytest.mark.parametrize(
    ("fmt", "rdflib_format"), [("ttl", "turtle"), ("nt", "nt"), ("rdfxml", "xml"), ("jsonld", "json-ld")]
)
def test_rdf_export_reads_back_isomorphic(
    fmt: str, rdflib_format: str, dist_store: list[ox.Quad], reference: rdflib.Graph, tmp_path: Path
) -> None:
    (path,) = export_graph(dist_store, fmt, tmp_path / f"out.{fmt}")
    graph = rdflib.Graph().parse(path, format=rdflib_format)
    assert_isomorphic(reference, graph, f"{fmt} export read by rdflib")
    assert len(graph) == len(reference)


def test_jsonld_carries_the_context(dist_store: list[ox.Quad]) -> None:
    import json

    doc = json.loads(render_export(dist_store, "jsonld")["parkgraph.jsonld"])
    assert doc["@context"]["pg"] == PG
    assert doc["@context"]["pgr"] == PGR
    assert any(node.get("@id") == "pgr:park-yongchuan-htz" for node in doc["@graph"])


@pytest.mark.parametrize("fmt", ["nq", "trig"])
def test_quad_exports_keep_one_named_graph_per_source(
    fmt: str, dist: Path, dist_store: list[ox.Quad], tmp_path: Path
) -> None:
    (path,) = export_graph(dist_store, fmt, tmp_path / f"out.{fmt}")
    dataset = rdflib.Dataset()
    dataset.parse(path, format={"nq": "nquads", "trig": "trig"}[fmt])
    got = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    expected: dict[str, int] = {}
    for quad in dist_store:
        assert isinstance(quad.graph_name, ox.NamedNode)
        expected[quad.graph_name.value] = expected.get(quad.graph_name.value, 0) + 1
    assert got == expected
    assert PG_GRAPH + "yongchuan-htz-article" in got


def read_network(path: Path, fmt: str) -> nx.MultiDiGraph:
    graph = nx.read_graphml(path, force_multigraph=True) if fmt == "graphml" else nx.read_gexf(path)
    assert graph.is_directed()
    return nx.MultiDiGraph(graph)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_network_exports_carry_labels_and_class(fmt: str, dist_store: list[ox.Quad], tmp_path: Path) -> None:
    (path,) = export_graph(dist_store, fmt, tmp_path / f"out.{fmt}")
    graph = read_network(path, fmt)
    park = graph.nodes[PARK]
    assert park["label_zh"] == "永川高新区"
    assert park["label_en"]
    assert park["class"] == "pg:HighTechZone"
    assert park["class_label_zh"] and park["class_label_en"]
    assert PGR + "source-yongchuan-htz-article" in park["source"]
    # Instances only: no ontology classes or properties among the nodes.
    assert not [n for n in graph.nodes if str(n).startswith(PG)]
    classes = {d.get("class") for _, d in graph.nodes(data=True)}
    assert {"pg:IndustrialCluster", "pg:Observation", "pg:SourceDocument"} <= classes
    edges = list(graph.edges(data=True))
    assert edges, "no edges"
    assert all(d["property"] and "label_en" in d and "label_zh" in d for _, _, d in edges)
    clusters = [d for s, _, d in edges if s == PARK and d["property"] == "pg:hasCluster"]
    assert clusters and all(d["label_zh"] for d in clusters)
    # Every edge is a triple between two instances of the graph.
    store_triples = {
        (str(q.subject.value), q.predicate.value, str(q.object.value))
        for q in dist_store
        if isinstance(q.object, ox.NamedNode) and isinstance(q.subject, ox.NamedNode)
    }
    from parkgraph.export import PREFIXES

    for s, o, d in edges:
        # A property is shortened only where the project has its prefix (oa:, used by the
        # corpus articles' annotations, is not among them): else it is written as its IRI.
        prefix, _, local = d["property"].partition(":")
        prop = PREFIXES[prefix] + local if prefix in PREFIXES else d["property"]
        if str(s).startswith("_:") or str(o).startswith("_:"):
            continue
        assert (str(s), prop, str(o)) in store_triples


def test_csv_export_is_excel_friendly(dist_store: list[ox.Quad], tmp_path: Path) -> None:
    out = tmp_path / "csv"
    paths = export_graph(dist_store, "csv", out)
    assert sorted(p.name for p in paths) == ["edges.csv", "nodes.csv"]
    for path in paths:
        assert path.read_bytes().startswith(b"\xef\xbb\xbf"), f"{path.name} has no UTF-8 byte-order mark"
    nodes = list(csv.DictReader(io.StringIO((out / "nodes.csv").read_text(encoding="utf-8-sig"))))
    edges = list(csv.DictReader(io.StringIO((out / "edges.csv").read_text(encoding="utf-8-sig"))))
    assert list(nodes[0]) == ["id", "class", "label_zh", "label_en", "evidence", "source"]
    assert list(edges[0]) == ["source", "target", "property", "label_zh", "label_en"]
    park = next(n for n in nodes if n["id"] == PARK)
    assert park["label_zh"] == "永川高新区" and park["class"] == "pg:HighTechZone"
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    network = read_network(export_graph(dist_store, "graphml", tmp_path / "g.graphml")[0], "graphml")
    assert len(nodes) == network.number_of_nodes() and len(edges) == network.number_of_edges()


def test_construct_query_exports_a_subset(dist_store: list[ox.Quad]) -> None:
    query = "CONSTRUCT { ?p a ?c ; rdfs:label ?l } WHERE { ?p a pg:HighTechZone ; a ?c ; rdfs:label ?l }"
    data = render_export(dist_store, "nt", query)["parkgraph.nt"]
    triples = list(ox.parse(data, format=ox.RdfFormat.N_TRIPLES))
    subjects = {t.subject for t in triples}
    assert ox.NamedNode(PARK) in subjects
    assert {t.predicate.value.rsplit("#", 1)[-1] for t in triples} == {"type", "label"}


def test_exports_are_deterministic(dist_store: list[ox.Quad], monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    first = {fmt: render_export(dist_store, fmt) for fmt in FORMATS}
    # Another day: networkx stamps GEXF with time.strftime("%Y-%m-%d") unless told not to.
    monkeypatch.setattr(time, "strftime", lambda *_args: "1999-12-31")
    for fmt in FORMATS:
        assert render_export(dist_store, fmt) == first[fmt], fmt


def test_gexf_has_no_date_and_still_reads(dist_store: list[ox.Quad], tmp_path: Path) -> None:
    (path,) = export_graph(dist_store, "gexf", tmp_path / "a.gexf")
    text = path.read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text and "<creator>NetworkX" in text
    assert read_network(path, "gexf").number_of_nodes() > 0


# ------------------------------------------------------------------------------------------ CLI


def test_cli_writes_each_format(built_project: Project, tmp_path: Path) -> None:
    root = str(built_project.root)
    for fmt in FORMATS:
        out = tmp_path / (fmt if fmt == "csv" else f"parkgraph.{fmt}")
        code, stdout, stderr = cli("export", "--format", fmt, "--out", str(out), "--root", root)
        assert code == 0, stderr
        assert out.exists() and stdout.strip()
    code, stdout, _ = cli("export", "-f", "nt", "--root", root)
    assert code == 0
    assert stdout.encode() == (tmp_path / "parkgraph.nt").read_bytes()


def test_cli_query_from_a_file(built_project: Project, tmp_path: Path) -> None:
    rq = tmp_path / "parks.rq"
    rq.write_text("CONSTRUCT WHERE { ?p a pg:HighTechZone }\n", encoding="utf-8")
    code, stdout, stderr = cli("export", "-f", "nt", "-q", str(rq), "--root", str(built_project.root))
    assert code == 0, stderr
    assert stdout.count("\n") >= 1 and "HighTechZone" in stdout


def no_leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp") or p.name.startswith("."))


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["-f", "xlsx"], "unknown export format"),
        (["-f", "nt", "-q", "SELECT * WHERE { ?s ?p ?o }"], "CONSTRUCT or DESCRIBE"),
        (["-f", "nt", "-q", "CONSTRUCT WHERE { SERVICE <http://127.0.0.1:9/s> { ?s ?p ?o } }"], "SERVICE"),
        (["-f", "nt", "-q", "CONSTRUCT WHERE { ?s ?p }"], "export --query line 1"),
        (["-f", "csv"], "give --out DIR"),
    ],
)
def test_bad_requests_are_one_line_errors(args: list[str], needle: str, built_project: Project) -> None:
    code, stdout, stderr = cli("export", *args, "--root", str(built_project.root))
    assert code == 2, stderr
    assert stderr.startswith("Error: ") and needle in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert stdout == ""


def test_unwritable_path_leaves_nothing(built_project: Project, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory\n")
    target = blocker / "out.ttl"
    code, _, stderr = cli("export", "-f", "ttl", "-o", str(target), "--root", str(built_project.root))
    assert code == 2 and stderr == f"Error: {target}: {blocker} is not a directory\n"
    assert blocker.read_text() == "not a directory\n"
    assert no_leftovers(tmp_path) == []
    code, _, stderr = cli("export", "-f", "ttl", "-o", str(tmp_path), "--root", str(built_project.root))
    assert code == 2 and "is a directory" in stderr
    code, _, stderr = cli("export", "-f", "csv", "-o", str(blocker), "--root", str(built_project.root))
    assert code == 2 and "is a file" in stderr


def test_failed_export_keeps_the_previous_file(built_project: Project, tmp_path: Path) -> None:
    target = tmp_path / "keep.nt"
    target.write_bytes(b"previous\n")
    code, _, _ = cli(
        "export", "-f", "nt", "-o", str(target), "-q", "CONSTRUCT {", "--root", str(built_project.root)
    )
    assert code == 2
    assert target.read_bytes() == b"previous\n"
    assert no_leftovers(tmp_path) == []


def test_write_error_mid_way_removes_the_temporary(
    dist_store: list[ox.Quad], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failure after the temporary file is created (disk full, say) removes it again."""
    import os

    from parkgraph.errors import OutputError

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OutputError, match="No space left"):
        export_graph(dist_store, "ttl", tmp_path / "x.ttl")
    with pytest.raises(OutputError, match="No space left"):
        export_graph(dist_store, "csv", tmp_path / "csv")
    assert list(tmp_path.rglob("*")) in ([], [tmp_path / "csv"])


def test_export_to_stdout_into_a_pipe_closed_early(built_project: Project) -> None:
    """`parkgraph export -f nt | head -1`: status 0 and no traceback (was 1, "does not conform")."""
    code, stderr = run_reader_closes_early(["export", "-f", "nt", "--root", str(built_project.root)], lines=0)
    assert (code, stderr) == (0, "")


def test_export_does_not_create_missing_directories(built_project: Project, tmp_path: Path) -> None:
    """As query -o (and rdfpipe, riot, curl -o): a missing directory is an error, not made up.
    csv still makes its own --out directory, in a directory that exists."""
    root = ["--root", str(built_project.root)]
    for fmt, out in (("ttl", tmp_path / "missing" / "x.ttl"), ("csv", tmp_path / "missing" / "csv")):
        code, stdout, stderr = cli("export", "-f", fmt, "-o", str(out), *root)
        assert code == 2 and stdout == "", stderr
        assert stderr == f"Error: {out}: the directory {out.parent} does not exist; create it first\n"
        assert not out.parent.exists()
    code, stdout, stderr = cli("export", "-f", "csv", "-o", str(tmp_path / "csv"), *root)
    csv_dir = tmp_path / "csv"
    assert code == 0 and stdout.splitlines() == [str(csv_dir / "nodes.csv"), str(csv_dir / "edges.csv")]
