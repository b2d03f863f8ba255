"""The network page without a browser: what is drawn, escaping, determinism, the command."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner
from viz_graphs import (
    IMG,
    PARK,
    PREAMBLE,
    SCRIPT,
    VOCAB,
    hostile_store,
    parks_store,
    small_store,
    store_of,
    synthetic_store,
)

import parkgraph.cli.viz_cmd  # noqa: F401  (registers viz on the app)
from parkgraph.cli.common import app
from parkgraph.errors import OutputError, ParkgraphError, QueryError, UnknownName
from parkgraph.namespaces import PG, PGR
from parkgraph.project import Project
from parkgraph.viz import build_model, page_html, render_html
from parkgraph.viz.page import HUB_VIEW_MIN_NODES, PHYSICS_MAX_NODES, script_json

runner = CliRunner()


def page_data(text: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="pg-data">(.*?)</script>', text, re.S)
    assert match, "no data element in the page"
    data: dict[str, object] = json.loads(match.group(1))
    return data


def keys(model_nodes: list[object]) -> list[str]:
    return [n.key for n in model_nodes]  # type: ignore[attr-defined]


# ---- what is drawn ----------------------------------------------------------------------


def test_instances_are_nodes_and_the_ontology_is_not() -> None:
    model = build_model(small_store())
    assert keys(model.nodes) == [
        f"<{PGR}cluster-nev>",
        f"<{PGR}obs-nev-output-2030>",
        f"<{PGR}park-yongchuan-htz>",
        f"<{PGR}period-15th>",
        f"<{PGR}source-a>",
    ]
    # rdf:type and prov:wasDerivedFrom are details, not edges; literals are never nodes.
    assert [(e.source.rsplit("/", 1)[1], e.prop.rsplit("#", 1)[1]) for e in model.edges] == [
        ("obs-nev-output-2030>", "about"),
        ("obs-nev-output-2030>", "period"),
        ("park-yongchuan-htz>", "hasCluster"),
    ]
    assert model.total_nodes == 5 and model.omitted_nodes == 0


def test_node_details_labels_evidence_source_and_numbers() -> None:
    model = build_model(small_store())
    park = next(n for n in model.nodes if n.key.endswith("park-yongchuan-htz>"))
    assert park.cls == PG + "HighTechZone"  # the most specific class, not pg:Park
    assert park.labels == {"zh": "永川高新区", "en": "Yongchuan High-tech Zone"}
    assert park.alt_labels == ["重庆永川高新技术产业开发区"]
    assert park.evidence == ["永川高新区立足“十四五”坚实根基"]
    assert park.sources == [{"zh": "永川高新区以实干实绩迈向“百强千亿”"}]
    assert (PG + "slogan", "勇当先锋", "zh") in park.literals

    cluster = next(n for n in model.nodes if n.key.endswith("cluster-nev>"))
    [number] = cluster.numbers  # the observation about the cluster shows in its panel
    assert number.stated_as == "800亿元"
    assert number.value == "80,000,000,000"
    assert number.unit["en"] == "Chinese yuan (CNY)"
    assert number.status_kind == "target" and number.status["zh"] == "目标值"
    assert number.period == {"zh": "十五五 (2026–2030)", "en": "15th Five-Year Plan (2026–2030)"}


def test_legend_and_edge_labels_come_from_the_ontology() -> None:
    model = build_model(small_store())
    assert [(c.labels["zh"], c.count) for c in model.classes] == [
        ("高新区", 1),
        ("产业集群", 1),
        ("观测值", 1),
        ("时期", 1),
        ("来源文献", 1),
    ]
    assert model.properties[PG + "hasCluster"] == {"zh": "拥有产业集群", "en": "has cluster"}


def test_focus_draws_a_neighbourhood() -> None:
    store = small_store()
    one = build_model(store, focus="永川高新区", hops=1)
    assert keys(one.nodes) == [f"<{PGR}cluster-nev>", f"<{PGR}park-yongchuan-htz>"]
    two = build_model(store, focus="pgr:park-yongchuan-htz", hops=2)
    assert len(two.nodes) == 3  # + the observation about the cluster
    assert "2 hops" in two.selection["en"]


def test_unknown_or_vocabulary_focus_is_an_error() -> None:
    with pytest.raises(UnknownName, match="no resource has this name"):
        build_model(small_store(), focus="没有这个园区")
    with pytest.raises(UnknownName, match="vocabulary"):
        build_model(small_store(), focus="高新区")  # the class, not a park


def test_class_filter_includes_subclasses() -> None:
    model = build_model(small_store(), classes=["园区"])
    assert keys(model.nodes) == [f"<{PGR}park-yongchuan-htz>"]


def test_unknown_class_suggests_classes_not_resources(seed_dist: Path) -> None:
    """On the seed graph: the classes suggested (most instances first) are the seed article's."""
    store = ox.Store()
    store.load(path=str(seed_dist / "parkgraph.nt"), format=ox.RdfFormat.N_TRIPLES)
    with pytest.raises(UnknownName, match="no class of the graph has this name") as caught:
        build_model(store, classes=["parks"])
    assert "'pg:Park'" in str(caught.value) and "'owner'" not in str(caught.value)
    with pytest.raises(UnknownName, match=r"^'nope': no class .*; did you mean") as caught:
        build_model(store, classes=["nope"])
    assert "'role'" not in str(caught.value) and "'owner'" not in str(caught.value)
    with pytest.raises(UnknownName, match=r"'pg:Nope': not a class of the graph; did you mean .*'pg:Park'"):
        build_model(store, classes=["pg:Nope"])
    with pytest.raises(UnknownName, match=r"'永川高新区': no class .*'高新区'"):
        build_model(store, classes=["永川高新区"])  # a park, not a class
    with pytest.raises(UnknownName, match=r"classes of the graph include 举措 pg:Initiative, "):
        build_model(store, classes=["没有这个类"])
    for name in ("园区", "Park", "pg:Park", f"<{PG}Park>"):
        assert build_model(store, classes=[name]).nodes, name


def test_construct_query_is_drawn_and_described_from_the_whole_graph() -> None:
    query = "CONSTRUCT { ?p pg:hasCluster ?c } WHERE { ?p pg:hasCluster ?c }"
    model = build_model(small_store(), query=query)
    assert len(model.nodes) == 2 and len(model.edges) == 1
    assert all(n.labels.get("zh") for n in model.nodes)
    park = next(n for n in model.nodes if n.key.endswith("park-yongchuan-htz>"))
    assert park.evidence  # details from the whole graph, not just the query result


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("CONSTRUCT WHERE { ?s ?p ", None),
        ("CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
    ],
)
def test_bad_queries(query: str, message: str | None) -> None:
    with pytest.raises(QueryError, match=message):
        build_model(small_store(), query=query)


def test_max_nodes_keeps_the_best_connected_and_says_what_was_left_out() -> None:
    model = build_model(small_store(), max_nodes=2)
    assert model.omitted_nodes == 3 and model.total_nodes == 5
    data = page_data(page_html(model))
    notice = data["notice"]
    assert isinstance(notice, dict)
    assert "--focus" in notice["en"] and "3 nodes" in notice["en"]


def test_accepts_rdflib_graphs_and_triples() -> None:
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=PREAMBLE + VOCAB + PARK, format="turtle")
    from_rdflib = page_html(build_model(graph))
    from_triples = page_html(build_model(list(graph)))
    from_store = page_html(build_model(small_store()))
    assert from_rdflib == from_store == from_triples


# ---- the page -----------------------------------------------------------------------------


def test_page_is_self_contained_and_offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()  # outputs go into an existing directory
    path = render_html(small_store(), tmp_path / "out" / "page.html")
    assert path == tmp_path / "out" / "page.html"
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text, re.I)
    assert "cdnjs" not in text and "bootstrap" not in text.lower()
    assert "Content-Security-Policy" in text and "default-src 'none'" in text
    assert "vis-network" in text and "Noto Sans CJK SC" in text and "Microsoft YaHei" in text
    assert "永川高新区" in text  # UTF-8, not \\u escapes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # no lib/ written beside it
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["page.html"]  # no temp file left


def test_hostile_labels_cannot_leave_the_data_element() -> None:
    text = page_html(build_model(hostile_store()))
    assert IMG not in text and SCRIPT not in text and "<!-- <script>" not in text
    assert text.count("</script>") == 3  # the data, vis-network and the page's script
    assert "\u2028" not in text and "\u2029" not in text
    data = page_data(text)
    labels = [(n["zh"], n["en"]) for n in data["nodes"]]  # type: ignore[union-attr, index]
    assert (IMG, SCRIPT) in labels  # ... and still arrive intact


def test_script_json_escapes() -> None:
    assert script_json({"a": "</script>&\u2028"}) == '{"a":"\\u003c/script\\u003e\\u0026\\u2028"}'


def test_same_graph_same_bytes(tmp_path: Path) -> None:
    a = render_html(small_store(), tmp_path / "a.html").read_bytes()
    b = render_html(small_store(), tmp_path / "b.html").read_bytes()
    assert a == b
    big_a = page_html(build_model(synthetic_store(PHYSICS_MAX_NODES + 100)))
    big_b = page_html(build_model(synthetic_store(PHYSICS_MAX_NODES + 100)))
    assert big_a == big_b


def test_big_graphs_get_a_fixed_layout_without_physics() -> None:
    data = page_data(page_html(build_model(synthetic_store(PHYSICS_MAX_NODES + 100)), view="all"))
    assert data["physics"] is False
    nodes = data["nodes"]
    assert isinstance(nodes, list)
    assert all("x" in n and "y" in n for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == len(nodes)  # no two nodes on one spot
    small = page_data(page_html(build_model(small_store())))
    assert small["physics"] is True
    assert small["options"]["layout"]["randomSeed"] == 7  # type: ignore[index]


def test_the_view_is_hubs_for_many_parks_and_all_for_a_small_or_selected_graph() -> None:
    parks = build_model(parks_store())
    assert len(parks.nodes) > HUB_VIEW_MIN_NODES
    hubs = page_data(page_html(parks))
    assert hubs["view"] == "hubs" and hubs["physics"] is False
    nodes = hubs["nodes"]
    assert isinstance(nodes, list)
    # Laid out beforehand as if every park were open, so opening one moves nothing; what is
    # never drawn in this view (observations, sources) gets no place.
    placed = [n for n in nodes if "x" in n]
    assert {n.get("r") for n in nodes if "x" not in n} == {"observation", "source"}
    assert len({(n["x"], n["y"]) for n in placed}) == len(placed)
    assert sum(1 for n in nodes if n.get("r") == "park") == 20

    assert page_data(page_html(parks, view="all"))["view"] == "all"
    assert page_data(page_html(build_model(small_store())))["view"] == "all"  # 5 nodes
    focused = build_model(parks_store(), focus="测试3号园区", hops=3)
    assert len(focused.nodes) > HUB_VIEW_MIN_NODES
    assert page_data(page_html(focused))["view"] == "all"  # asked for a neighbourhood: drawn whole
    assert page_data(page_html(focused, view="hubs"))["view"] == "hubs"
    with pytest.raises(ParkgraphError, match="--view 'flat': use auto, hubs, all"):
        page_html(parks, view="flat")


def test_numbers_carry_indicator_period_evidence_and_source_for_the_chart() -> None:
    model = build_model(parks_store())
    park = next(n for n in model.nodes if n.key == f"<{PGR}park-00>")
    assert park.role == "park"
    output = [x for x in park.numbers if x.indicator_key == f"<{PGR}indicator-output>"]
    assert [(x.start_year, x.end_year, x.status_kind) for x in output] == [
        (2016, 2020, "actual"),
        (2021, 2025, "actual"),
        (2025, 2025, "actual"),
        (2026, 2030, "target"),
        (2026, 2030, "target"),
    ]
    assert output[0].indicator == {"zh": "规上工业总产值", "en": "gross industrial output"}  # skos:prefLabel
    assert Decimal(output[0].amount) == Decimal(50_000_000_000) and output[0].unit_key == f"<{PG}CNY>"
    assert output[0].evidence == ["测试0号园区规上工业总产值达50000000000"]
    # Two sources disagree about the 十五五 target; each number keeps its own.
    assert {tuple(x.sources) for x in output[3:]} == {(f"<{PGR}source-0>",), (f"<{PGR}source-1>",)}

    data = page_data(page_html(model))
    sources = data["sources"]
    assert isinstance(sources, list) and len(sources) == 5
    nodes = data["nodes"]
    assert isinstance(nodes, list)
    item = next(n for n in nodes if n["iri"] == f"{PGR}park-00")
    assert [sources[i]["zh"] for i in item["s"]] == ["第0篇来源:园区报道0", "第1篇来源:园区报道1"]
    first = item["num"][0]
    indicator = f"<{PGR}indicator-output>"
    assert (first["v"], first["y0"], first["y1"], first["ik"]) == (5e10, 2016, 2020, indicator)
    assert [sources[i]["zh"] for i in first["s"]] == ["第0篇来源:园区报道0"]


def test_a_number_without_an_indicator_concept_is_grouped_by_its_wording() -> None:
    store = store_of(
        VOCAB,
        PARK,
        """pgr:obs-x a pg:Observation ; pg:about pgr:cluster-nev ; pg:indicatorText "产值" ;
             pg:value 5 ; pg:period pgr:period-15th ; pg:status pg:Target .
        """,
    )
    cluster = next(n for n in build_model(store).nodes if n.key.endswith("cluster-nev>"))
    wording = next(x for x in cluster.numbers if x.observation.endswith("obs-x>"))
    assert (wording.indicator_key, wording.indicator) == ('"产值"', {"zh": "产值"})
    assert (wording.start_year, wording.end_year, wording.sources) == (2026, 2030, [])


def test_cli_view_option(tmp_path: Path, small_ttl: Path) -> None:
    out = tmp_path / "p.html"
    result = runner.invoke(app, ["viz", "--data", str(small_ttl), "--out", str(out), "--view", "hubs"])
    assert result.exit_code == 0, result.output
    assert page_data(out.read_text(encoding="utf-8"))["view"] == "hubs"
    assert "the page opens with its parks (1)" in result.stderr
    result = runner.invoke(app, ["viz", "--data", str(small_ttl), "--out", str(out), "--view", "flat"])
    assert result.exit_code == 2 and "--view" in result.output


def test_unwritable_output_is_an_output_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    with pytest.raises(OutputError, match="file is not a directory"):
        render_html(small_store(), blocker / "page.html")
    with pytest.raises(OutputError, match="cannot write"):
        render_html(small_store(), Path("/proc/page.html"))


def test_out_into_a_missing_directory_is_an_error_not_created(tmp_path: Path, small_ttl: Path) -> None:
    out = tmp_path / "missing" / "page.html"
    result = runner.invoke(app, ["viz", "--data", str(small_ttl), "--out", str(out)])
    assert result.exit_code == 2 and result.stdout == ""
    expected = f"Error: {out}: the directory {out.parent} does not exist; create it first\n"
    assert result.stderr == expected  # before any drawing
    assert not out.parent.exists()


# ---- the command ------------------------------------------------------------------------


@pytest.fixture()
def small_ttl(tmp_path: Path) -> Path:
    path = tmp_path / "small.ttl"
    path.write_text(PREAMBLE + VOCAB + PARK, encoding="utf-8")
    return path


def test_cli_writes_the_page_and_prints_its_path(tmp_path: Path, small_ttl: Path) -> None:
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["viz", "--data", str(small_ttl), "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert "drew 5 nodes and 3 edges" in result.stderr
    assert page_data(out.read_text(encoding="utf-8"))["lang"] == "en"


def test_cli_focus(tmp_path: Path, small_ttl: Path) -> None:
    out = tmp_path / "focus.html"
    args = ["viz", "--data", str(small_ttl), "--out", str(out), "--focus", "永川高新区", "--hops", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "drew 2 nodes and 1 edges" in result.stderr


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--focus", "不存在的园区"], "no resource has this name"),
        (["--out", "/proc/page.html"], "cannot write"),
        (["--query", "missing.rq"], "cannot read the query"),
        (["--class", "没有这个类"], "no class of the graph has this name"),
    ],
)
def test_cli_errors_exit_2(extra: list[str], message: str, tmp_path: Path, small_ttl: Path) -> None:
    args = ["viz", "--data", str(small_ttl), "--out", str(tmp_path / "p.html"), *extra]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("Error: ") and message in last
    assert not (tmp_path / "p.html").exists()


def test_cli_bad_query_file_exit_2(tmp_path: Path, small_ttl: Path) -> None:
    query = tmp_path / "bad.rq"
    query.write_text("SELECT * WHERE { ?s ?p ?o }", encoding="utf-8")
    result = runner.invoke(
        app, ["viz", "--data", str(small_ttl), "--query", str(query), "-o", str(tmp_path / "x")]
    )
    assert result.exit_code == 2
    assert str(query) in result.stderr and "CONSTRUCT" in result.stderr


def test_cli_without_a_build_says_so(tmp_path: Path) -> None:
    (tmp_path / "ontology").mkdir()
    (tmp_path / "ontology" / "parkgraph.ttl").write_text(PREAMBLE + VOCAB, encoding="utf-8")
    result = runner.invoke(app, ["viz", "--root", str(tmp_path), "--out", str(tmp_path / "p.html")])
    assert result.exit_code == 2
    assert "parkgraph build" in result.stderr


def test_cli_draws_the_built_graph(built: object, project: object, tmp_path: Path) -> None:
    from parkgraph.graphsource import load_files

    dist = built.dist  # type: ignore[attr-defined]
    store = load_files([dist / "parkgraph.nt"])
    expected = build_model(store)
    out = tmp_path / "parkgraph.html"
    root = project.root  # type: ignore[attr-defined]
    # The command reads <root>/dist; point it at the session's build through a copy of the root.
    fake_root = tmp_path / "root"
    (fake_root / "ontology").mkdir(parents=True)
    (fake_root / "ontology" / "parkgraph.ttl").write_bytes((root / "ontology" / "parkgraph.ttl").read_bytes())
    (fake_root / "dist").symlink_to(dist)
    result = runner.invoke(app, ["viz", "--root", str(fake_root), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"drew {len(expected.nodes)} nodes and {len(expected.edges)} edges" in result.stderr
    assert "dist/parkgraph.nt (build " in page_data(out.read_text(encoding="utf-8"))["caption"]["en"]  # type: ignore[index]


def test_model_of_the_shipped_graph(built: object) -> None:
    from parkgraph.graphsource import load_files

    store = load_files([built.dist / "parkgraph.nt"])  # type: ignore[attr-defined]
    model = build_model(store)
    assert model.nodes and model.edges
    assert not [n.iri for n in model.nodes if not n.iri.startswith(PGR)]  # no vocabulary terms
    parks = [n for n in model.nodes if n.labels.get("zh") == "永川高新区"]
    assert len(parks) == 1 and parks[0].evidence and parks[0].sources
    observations = [n for n in model.nodes if n.cls == PG + "Observation"]
    assert observations and all(n.numbers[0].stated_as and n.numbers[0].status_kind for n in observations)
    assert {x.status_kind for n in observations for x in n.numbers} == {"actual", "target"}


def test_oxigraph_literal_helper_shape() -> None:
    # pyoxigraph terms are hashable and compare by value: the model relies on it.
    assert ox.NamedNode(PGR + "a") == ox.NamedNode(PGR + "a")
    assert len({ox.NamedNode(PGR + "a"), ox.NamedNode(PGR + "a")}) == 1


# ---- from an on-disk store (`parkgraph load --store DIR`) -----------------------------------

# The park and the resources one link away, as the page draws them, counted with SPARQL:
# links either way except rdf:type and prov:wasDerivedFrom, to resources (pgr:) that have
# triples of their own.
ONE_HOP_NODES = """PREFIX oa: <http://www.w3.org/ns/oa#>
SELECT (COUNT(DISTINCT ?n) + 1 AS ?nodes) WHERE {
  { pgr:park-yongchuan-htz ?p ?n } UNION { ?n ?p pgr:park-yongchuan-htz }
  FILTER(?p NOT IN (rdf:type, prov:wasDerivedFrom, prov:wasAttributedTo, prov:wasGeneratedBy))
  FILTER(isIRI(?n) && STRSTARTS(STR(?n), STR(pgr:)))
  FILTER EXISTS { ?n ?x ?y }
  # provenance machinery is shown in a fact's details, not drawn
  FILTER NOT EXISTS { ?n a ?h FILTER(?h IN (pg:Indicator, prov:Activity, oa:Annotation,
                      oa:SpecificResource, oa:TextQuoteSelector, oa:TextPositionSelector)) }
}"""


@pytest.fixture(scope="module")
def shipped_store(built: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from parkgraph.store import load_store

    directory = tmp_path_factory.mktemp("viz-store") / "pg.db"
    load_store(directory, [built.dist / "parkgraph.trig"])  # type: ignore[attr-defined]
    return directory


def test_cli_draws_a_focus_from_a_store(shipped_store: Path, tmp_path: Path) -> None:
    from parkgraph.namespaces import PREFIXES
    from parkgraph.store import open_store

    store = open_store(shipped_store)
    [row] = list(store.query(ONE_HOP_NODES, prefixes=PREFIXES, use_default_graph_as_union=True))  # type: ignore[arg-type]
    expected = int(row["nodes"].value)  # type: ignore[index, union-attr]
    assert expected > 10
    del store

    out = tmp_path / "yongchuan.html"
    args = ["viz", "--store", str(shipped_store), "--focus", "永川高新区", "--hops", "1", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    assert f"drew {expected} nodes" in result.stderr
    data = page_data(out.read_text(encoding="utf-8"))
    assert len(data["nodes"]) == expected  # type: ignore[arg-type]
    assert str(shipped_store) in data["caption"]["en"]  # type: ignore[index]


def test_cli_store_that_is_not_one_or_with_data_exits_2(
    shipped_store: Path, small_ttl: Path, tmp_path: Path
) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "notes.txt").write_text("hello", encoding="utf-8")
    out = tmp_path / "p.html"
    for extra, message in [
        (["--store", str(plain)], "not a parkgraph store"),
        (["--store", str(tmp_path / "missing")], "no store directory"),
        (["--store", str(shipped_store), "--data", str(small_ttl)], "--data and --store exclude each other"),
    ]:
        result = runner.invoke(app, ["viz", "--out", str(out), *extra])
        assert result.exit_code == 2, result.output
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0], lines
    assert not out.exists()
    assert sorted(p.name for p in plain.iterdir()) == ["notes.txt"]  # nothing created there
    assert not (tmp_path / "missing").exists()


def test_viz_into_a_pipe_closed_early_or_an_encoding_that_cannot_show_the_path(
    built_project: Project, tmp_path: Path
) -> None:
    import os
    import subprocess
    import sys

    from conftest import run_reader_closes_early

    root = ["--root", str(built_project.root)]
    code, stderr = run_reader_closes_early(["viz", "-o", str(tmp_path / "a.html"), *root], lines=0)
    assert code == 0 and "Traceback" not in stderr and "Error" not in stderr, stderr
    # The path prints as the file system spells it, whatever the output encoding can show.
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    page = tmp_path / "永川.html"
    command = [sys.executable, "-m", "parkgraph", "viz", "-o", str(page), *root]
    done = subprocess.run(command, capture_output=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == os.fsencode(page) + b"\n" and page.is_file()
