"""`describe` shows a park's numbers inline (indicator, value as stated, comparator, period,
actual/target, evidence, source), and marks values from different sources that disagree."""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.explore import numbers_about

runner = CliRunner()


def test_describe_shows_the_parks_numbers(dist: Path) -> None:
    result = runner.invoke(app, ["describe", "永川高新区", "--data", str(dist / "parkgraph.nt")])
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    numbers = out[out.index("\nnumbers"):out.index("\nlinked from")]
    line = next(x for x in numbers.splitlines() if "940亿元" in x)
    for part in ("规模以上工业总产值", "不低于", "2021–2025", "实际值"):
        assert part in line, line
    assert "“规模以上工业总产值突破940亿元”" in numbers
    assert "pgr:source-yongchuan-htz-article" in numbers
    assert "1500亿元" in numbers and "目标值" in numbers


def test_describe_json_has_the_numbers(dist: Path) -> None:
    result = runner.invoke(app, ["describe", "pgr:park-yongchuan-htz", "--json", "--data",
                                 str(dist / "parkgraph.nt")])
    assert result.exit_code == 0, result.stderr
    numbers = json.loads(result.stdout)["numbers"]
    n = next(x for x in numbers if x["stated"] == "940亿元")
    assert n["status"] and n["comparator"] and n["years"] == "2021–2025"
    assert n["evidence"] == ["规模以上工业总产值突破940亿元"]
    assert n["sources"][0]["id"] == "pgr:source-yongchuan-htz-article"
    assert n["disagrees_with"] == []


TWO_SOURCES = """
@prefix pg: <https://w3id.org/parkgraph/ontology#> .
@prefix pgr: <https://w3id.org/parkgraph/resource/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
pgr:period-2024 pg:startYear "2024"^^xsd:gYear ; pg:endYear "2024"^^xsd:gYear .
pgr:obs-a a pg:Observation ; pg:about pgr:park-x ; pg:indicator pgr:indicator-output ; pg:value 940.0 ;
  pg:period pgr:period-2024 ; pg:status pg:Actual ; pg:statedAs "940亿元" ; prov:wasDerivedFrom pgr:source-a ;
  pg:evidence "产值940亿元" .
pgr:obs-b a pg:Observation ; pg:about pgr:park-x ; pg:indicator pgr:indicator-output ; pg:value 950 ;
  pg:period pgr:period-2024 ; pg:status pg:Actual ; pg:statedAs "950亿元" ; prov:wasDerivedFrom pgr:source-b ;
  pg:evidence "产值950亿元" .
pgr:obs-c a pg:Observation ; pg:about pgr:park-x ; pg:indicator pgr:indicator-output ; pg:value 940 ;
  pg:period pgr:period-2024 ; pg:status pg:Actual ; pg:statedAs "940亿元" ; prov:wasDerivedFrom pgr:source-c ;
  pg:evidence "产值达940亿元" .
pgr:obs-d a pg:Observation ; pg:about pgr:park-x ; pg:indicator pgr:indicator-output ; pg:value 2000 ;
  pg:period pgr:period-2024 ; pg:status pg:Target ; pg:statedAs "2000亿元" ;
  prov:wasDerivedFrom pgr:source-a ; pg:evidence "力争2000亿元" .
"""


def test_disagreeing_sources_are_shown_side_by_side() -> None:
    store = ox.Store()
    store.load(TWO_SOURCES.encode(), format=ox.RdfFormat.TURTLE)
    numbers = {n.iri.rsplit("/", 1)[-1]: n for n in numbers_about(store, ox.NamedNode(
        "https://w3id.org/parkgraph/resource/park-x"))}
    assert set(numbers) == {"obs-a", "obs-b", "obs-c", "obs-d"}
    assert [c.rsplit("/", 1)[-1] for c in numbers["obs-a"].conflicts] == ["obs-b"]  # 940.0 = 940
    assert sorted(c.rsplit("/", 1)[-1] for c in numbers["obs-b"].conflicts) == ["obs-a", "obs-c"]
    assert numbers["obs-d"].conflicts == []  # a target is no disagreement with an actual
    assert numbers["obs-a"].years == "2024"


def test_a_named_query_lists_the_disagreements(tmp_path: Path) -> None:
    import subprocess
    import sys

    data = tmp_path / "two.ttl"
    data.write_text("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n" + TWO_SOURCES
                    + 'pgr:indicator-output rdfs:label "工业总产值"@zh .\n', encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "parkgraph", "query", "--name", "disagreements", "--data",
                           str(data), "--format", "json"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)["results"]["bindings"]
    pairs = {(r["source1"]["value"].rsplit("-", 1)[-1], r["source2"]["value"].rsplit("-", 1)[-1])
             for r in rows}
    assert pairs == {("a", "b"), ("b", "c")}  # 940.0 and 940 agree; a target is no disagreement
    assert all(r["evidence1"]["value"] and r["evidence2"]["value"] for r in rows)
