"""The candidate Turtle writer: parses everywhere, validates, anchors every span, scores."""

from __future__ import annotations

import hashlib
import importlib.util
import itertools
import json
import random
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.extract import writing
from parkgraph.extract.model import (
    Code,
    Component,
    Document,
    Entity,
    Extraction,
    Observation,
    Period,
    Relation,
    Span,
)
from parkgraph.extract.writing import (
    EVIDENCE_MAX,
    anchor,
    date_literal,
    decimal_literal,
    evidence_text,
    lit,
    write_turtle,
)
from parkgraph.extract.writing import HEADER as HEADER_TTL

ROOT = Path(__file__).parents[1]
# The referee lives beside the repository: <repo>/../shared/corpus/score.py.
SCORE_PY = Path(__file__).parents[1] / ".." / "shared" / "corpus" / "score.py"
PG = rdflib.Namespace("https://w3id.org/parkgraph/ontology#")
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")

HEADER = "# title: 永川高新区“迈向”百强\\千亿\n# source: https://example.org/news/a b?id=1\n"
BODY = (
    "永川高新区（重庆永川高新技术产业开发区）位于重庆市永川区。“十四五”期间，永川高新区规模以上工业总产值突破940亿元，\n"
    "高新技术企业增至245家，占全区总量65%。\n"
    "“十五五”时期，永川高新区将聚焦“3322”现代制造业集群体系，做强三大重点产业：汽摩、新材料、大数据，做优三大特色产业，"
    "前瞻布局两大未来产业，壮大两大新兴产业。\n"
    '全国169个国家级高新区中，永川高新区排名第27位。生僻字𠀋、"直引号"与\\反斜杠\t制表符照录。\n'
    "到2027年，新能源汽车产业集群产值力争达到800亿元；园区累计引进项目60多个，这是一段很长的句子，用来检验超过八十个字符的证据"
    "会被截断到八十个字符之内，而选择器仍与截断后的文字一致，不多也不少，一字不差地对应原文中的位置。\n"
)
TEXT = HEADER + BODY


def at(needle: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of `needle` in the body."""
    start = len(HEADER) - 1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return Span(start, start + len(needle))


def sample() -> Extraction:
    doc = Document(
        text=TEXT,
        sha256="ab" * 32,
        file_name="s9_永川高新区.txt",
        body_start=len(HEADER),
        title="永川高新区“迈向”百强\\千亿",
        url="https://example.org/news/a b?id=1",
        published="2025-11-03",
        note='a line with "quotes"\nand a newline',
        warnings=["decoded as utf-8 (detected)"],
    )
    entities = [
        Entity(
            "park:永川高新区",
            "HighTechZone",
            "永川高新区",
            alt_labels=["重庆永川高新技术产业开发区"],
            evidence=[at("永川高新区"), at("永川高新区", 1)],
            level="national",
            label_en="Yongchuan High-tech Zone",
            rule="park-suffix",
            confidence=0.9,
        ),
        Entity(
            "area:重庆市",
            "AdministrativeArea",
            "重庆市",
            evidence=[at("重庆市")],
            level="province",
            gb_code="500000",
            rule="gazetteer",
        ),
        Entity(
            "area:永川区",
            "AdministrativeArea",
            "永川区",
            evidence=[at("永川区")],
            level="district",
            gb_code="500118",
            rule="gazetteer",
        ),
        Entity(
            "category:国家级高新区",
            "ParkClass",
            "国家级高新区",
            evidence=[at("国家级高新区")],
            rule="zone-class",
        ),
        Entity(
            "cluster:新能源汽车产业集群",
            "IndustrialCluster",
            "新能源汽车产业集群",
            evidence=[at("新能源汽车产业集群")],
            rule="cluster-suffix",
            confidence=0.75,
        ),
        Entity("industry:汽摩", "Industry", "汽摩", evidence=[at("汽摩")], rule="list-member"),
        Entity("industry:新材料", "Industry", "新材料", evidence=[at("新材料")], rule="list-member"),
        Entity("industry:大数据", "Industry", "大数据", evidence=[at("大数据")], rule="list-member"),
        # A one-character mention and a mention that starts with white space.
        Entity("org:𠀋", "Organization", "𠀋", evidence=[at("𠀋")], rule="test-odd-span", confidence=0.1),
    ]
    relations = [
        Relation(
            "park:永川高新区",
            "locatedIn",
            "area:永川区",
            at("永川高新区（重庆永川高新技术产业开发区）位于重庆市永川区"),
            rule="located-in",
        ),
        Relation("area:永川区", "locatedIn", "area:重庆市", at("重庆市永川区"), rule="area-nesting"),
        Relation(
            "park:永川高新区",
            "hasCluster",
            "cluster:新能源汽车产业集群",
            at("新能源汽车产业集群产值力争达到800亿元"),
            rule="cluster-of-park",
            confidence=0.6,
        ),
        *(
            Relation(
                "park:永川高新区",
                "hasIndustry",
                key,
                at("做强三大重点产业：汽摩、新材料、大数据"),
                rule="industry-list",
            )
            for key in ("industry:汽摩", "industry:新材料", "industry:大数据")
        ),
    ]
    periods = [
        Period("p14", "“十四五”期间", 2021, 2025, evidence=at("“十四五”期间")),
        Period("p15", "“十五五”时期", 2026, 2030, evidence=at("“十五五”时期")),
        Period("p2027", "到2027年", None, 2027),
        Period("p2024", "2024年1—11月", 2024, 2024, 1, 11),  # not in the text: no evidence of its own
    ]
    long_clause = at("园区累计引进项目60多个，这是一段很长的句子")
    long_clause = Span(long_clause.start, long_clause.start + 120)
    observations = [
        Observation(
            "park:永川高新区",
            "规模以上工业总产值",
            "940亿元",
            Decimal("94000000000.0"),
            "CNY",
            "AtLeast",
            "Actual",
            at("规模以上工业总产值突破940亿元，\n高新技术企业"),
            period="p14",
            rule="money",
        ),
        Observation(
            "park:永川高新区",
            "高新技术企业",
            "245家",
            Decimal(245),
            "Count",
            "Exactly",
            "Actual",
            at("高新技术企业增至245家"),
            period="p14",
            rule="count",
        ),
        Observation(
            "park:永川高新区",
            "高新技术企业占全区总量比例",
            "65%",
            Decimal("65"),
            "Percent",
            "Exactly",
            "Actual",
            at("占全区总量65%"),
            period="p14",
            rule="percent",
        ),
        Observation(
            "category:国家级高新区",
            "国家级高新区数量",
            "169个",
            Decimal(169),
            "Count",
            "Exactly",
            "Actual",
            at("全国169个国家级高新区"),
            rule="count",
        ),
        Observation(
            "park:永川高新区",
            "国家级高新区排名",
            "第27位",
            Decimal(27),
            "Rank",
            "Exactly",
            "Actual",
            at("永川高新区排名第27位"),
            rule="rank",
        ),
        Observation(
            "cluster:新能源汽车产业集群",
            "产值",
            "800亿元",
            Decimal("8E+10"),
            "CNY",
            "Exactly",
            "Target",
            at("新能源汽车产业集群产值力争达到800亿元"),
            period="p2027",
            rule="money",
            confidence=0.55,
        ),
        Observation(
            "park:永川高新区",
            "累计引进项目",
            "60多个",
            Decimal("60"),
            "Count",
            "AtLeast",
            "Actual",
            long_clause,
            rule="count",
        ),
        Observation(
            "park:永川高新区",
            "测试值",
            "0.50",
            Decimal("0.50"),
            "OtherUnit",
            "Approximately",
            "Actual",
            at('生僻字𠀋、"直引号"与\\反斜杠\t制表符'),
            period="p2024",
            rule="test-escapes",
        ),
    ]
    codes = [
        Code(
            "code:3322",
            "3322",
            "“3322”现代制造业集群体系",
            at("“3322”现代制造业集群体系"),
            components=[
                Component(
                    3,
                    "重点产业",
                    ["industry:汽摩", "industry:新材料", "industry:大数据"],
                    at("做强三大重点产业"),
                ),
                Component(3, "特色产业", [], at("做优三大特色产业")),
                Component(2, "未来产业"),
                Component(2, "新兴产业", [], at("壮大两大新兴产业")),
            ],
            pursued_by=["park:永川高新区", "area:永川区"],
            rule="quoted-digit-code",
            confidence=0.95,
        ),
    ]
    return Extraction(doc, entities, relations, observations, periods, codes)


GOLD = {
    "parks": ["永川高新区", "重庆永川高新技术产业开发区"],
    "areas": ["重庆市", "永川区"],
    "codes": [
        {
            "code": "3322",
            "park": "永川高新区",
            "components": [
                {"declared_count": 3, "role": "重点产业", "members": ["汽摩", "新材料", "大数据"]},
                {"declared_count": 3, "role": "特色产业", "members": []},
                {"declared_count": 2, "role": "未来产业", "members": []},
                {"declared_count": 2, "role": "新兴产业", "members": []},
            ],
        }
    ],
    "clusters_industries": [
        {"name": "新能源汽车产业集群", "park": "永川高新区"},
        {"name": "汽摩", "park": "永川高新区"},
        {"name": "新材料", "park": "永川高新区"},
        {"name": "大数据", "park": "永川高新区"},
    ],
    "organizations": ["𠀋"],
    "titles": [],
    "observations": [
        {
            "about": "永川高新区",
            "value": 94000000000,
            "unit": "CNY",
            "status": "actual",
            "comparator": "at_least",
            "period": "“十四五”期间",
        },
        {
            "about": "永川高新区",
            "value": 245,
            "unit": "count",
            "status": "actual",
            "comparator": "exactly",
            "period": "“十四五”期间",
        },
        {
            "about": "永川高新区",
            "value": 65,
            "unit": "percent",
            "status": "actual",
            "comparator": "exactly",
            "period": "“十四五”期间",
        },
        {
            "about": "国家级高新区",
            "value": 169,
            "unit": "count",
            "status": "actual",
            "comparator": "exactly",
            "period": None,
        },
        {
            "about": "永川高新区",
            "value": 27,
            "unit": "rank",
            "status": "actual",
            "comparator": "exactly",
            "period": None,
        },
        {
            "about": "新能源汽车产业集群",
            "value": 80000000000,
            "unit": "CNY",
            "status": "target",
            "comparator": "exactly",
            "period": "到2027年",
        },
        {
            "about": "永川高新区",
            "value": 60,
            "unit": "count",
            "status": "actual",
            "comparator": "at_least",
            "period": None,
        },
        {
            "about": "永川高新区",
            "value": 0.5,
            "unit": "other",
            "status": "actual",
            "comparator": "approximately",
            "period": "2024年1—11月",
        },
    ],
}


@pytest.fixture(scope="module")
def turtle() -> str:
    return write_turtle(sample())


@pytest.fixture(scope="module")
def graph(turtle: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=turtle, format="turtle")


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score", SCORE_PY)
    if spec is None or spec.loader is None or not SCORE_PY.exists():
        pytest.skip(f"the referee {SCORE_PY} is not beside the repository")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_rdflib_and_pyoxigraph_read_the_same_graph(turtle: str, graph: rdflib.Graph) -> None:
    nt = ox.serialize(ox.parse(turtle, format=ox.RdfFormat.TURTLE), format=ox.RdfFormat.N_TRIPLES)
    assert nt is not None
    via_oxigraph = rdflib.Graph().parse(data=nt.decode("utf-8"), format="nt")
    if not isomorphic(graph, via_oxigraph):
        _, only_rdflib, only_ox = graph_diff(to_isomorphic(graph), to_isomorphic(via_oxigraph))
        pytest.fail(f"rdflib only: {sorted(only_rdflib)[:5]}\npyoxigraph only: {sorted(only_ox)[:5]}")
    assert len(graph) > 300


def test_byte_identical_on_rerun(turtle: str) -> None:
    assert write_turtle(sample()) == turtle
    # the order of the entity list does not change names or output
    shuffled = sample()
    shuffled.entities.reverse()
    assert write_turtle(shuffled) == turtle


def test_every_evidence_is_the_text_at_its_selector(graph: rdflib.Graph) -> None:
    checked = 0
    for node, evidence in graph.subject_objects(PG.evidence):
        spans = []
        for ann in graph.subjects(OA.hasBody, node):
            target = graph.value(ann, OA.hasTarget)
            for sel in graph.objects(target, OA.hasSelector):
                if graph.value(sel, OA.start) is not None:
                    start, end = int(graph.value(sel, OA.start)), int(graph.value(sel, OA.end))  # type: ignore[arg-type]
                    spans.append((start, end))
                    quote = next(q for q in graph.objects(target, OA.hasSelector) if graph.value(q, OA.exact))
                    assert str(graph.value(quote, OA.exact)) == TEXT[start:end]
                    assert str(graph.value(quote, OA.prefix) or "") == TEXT[max(0, start - 32) : start]
                    assert str(graph.value(quote, OA.suffix) or "") == TEXT[end : end + 32]
        assert str(evidence) in {evidence_text(TEXT[s:e]) for s, e in spans}, (node, evidence)
        assert len(str(evidence)) <= EVIDENCE_MAX
        checked += 1
    assert checked >= 30


def test_evidence_spans_are_trimmed_clipped_and_flattened(graph: rdflib.Graph) -> None:
    evidence = {str(o) for o in graph.objects(None, PG.evidence)}
    assert "规模以上工业总产值突破940亿元，高新技术企业" in evidence  # the line break removed
    assert '生僻字𠀋、"直引号"与\\反斜杠 制表符' in evidence  # the tab as a space
    long_ = next(e for e in evidence if e.startswith("园区累计引进项目"))
    assert len(long_) == EVIDENCE_MAX
    assert "𠀋、" in evidence  # one character widened to two
    assert anchor("  ab  ", Span(0, 6)) == Span(2, 4)
    assert anchor("   ", Span(0, 3)) is None


def test_strings_escape_and_survive(graph: rdflib.Graph) -> None:
    title = "永川高新区“迈向”百强\\千亿"
    assert rdflib.Literal(title, lang="zh") in set(
        graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/title"))
    )
    notes = {str(o) for o in graph.objects(None, rdflib.SKOS.note)}
    assert notes == {'a line with "quotes"\nand a newline'}
    sources = set(graph.objects(None, rdflib.URIRef("http://purl.org/dc/terms/source")))
    assert rdflib.URIRef("https://example.org/news/a%20b?id=1") in sources


def test_decimals_are_canonical_and_read_back_as_decimals(turtle: str, graph: rdflib.Graph) -> None:
    assert decimal_literal(Decimal("94000000000.0")) == '"94000000000"^^xsd:decimal'
    assert decimal_literal(Decimal("8E+10")) == '"80000000000"^^xsd:decimal'
    assert decimal_literal(Decimal("0.50")) == '"0.5"^^xsd:decimal'
    assert decimal_literal(Decimal("-0.0")) == '"0"^^xsd:decimal'
    assert decimal_literal(0.9) == '"0.9"^^xsd:decimal'
    with pytest.raises(ValueError):
        decimal_literal(Decimal("NaN"))
    values = {v for v in graph.objects(None, PG.value)}
    assert rdflib.Literal("94000000000", datatype=rdflib.XSD.decimal) in values
    assert all(v.datatype == rdflib.XSD.decimal for v in values)  # type: ignore[attr-defined]
    assert Decimal("94000000000") in {v.toPython() for v in values}  # type: ignore[attr-defined]
    store = ox.Store()
    store.load(turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    rows = list(
        store.query(  # type: ignore[union-attr]
            "SELECT ?v WHERE { ?o <https://w3id.org/parkgraph/ontology#value> ?v FILTER (?v = 94000000000) }"
        )
    )
    assert len(rows) == 1
    lit = rows[0]["v"]
    assert lit.value == "94000000000" and lit.datatype == ox.NamedNode(
        "http://www.w3.org/2001/XMLSchema#decimal"
    )


def test_identifiers_are_kebab_case_and_scoped(graph: rdflib.Graph) -> None:
    pgr = "https://w3id.org/parkgraph/resource/"
    locals_ = {str(t)[len(pgr) :] for t in graph.all_nodes() if str(t).startswith(pgr)}
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", n) for n in locals_), locals_
    assert "park-yongchuan-gaoxinqu" in locals_
    assert "area-chongqing-shi" in locals_
    assert "strategy-3322-xiandai-zhizao-ye-jiqun-tixi" in locals_ or any(
        n.startswith("strategy-3322") for n in locals_
    )
    src = next(n for n in locals_ if n.startswith("source-"))
    assert src.endswith("-abababab")
    assert {n for n in locals_ if n.startswith("obs-")} == {f"obs-{src[7:]}-{i}" for i in range(1, 9)}


def test_a_park_pursues_a_code_and_anyone_else_owns_it(graph: rdflib.Graph) -> None:
    strategy = next(graph.subjects(rdflib.RDF.type, PG.Strategy))
    assert [str(s).rsplit("/", 1)[1] for s in graph.subjects(PG.pursues, strategy)] == [
        "park-yongchuan-gaoxinqu"
    ]
    assert [str(o).rsplit("/", 1)[1] for o in graph.objects(strategy, PG.owner)] == ["area-yongchuan-qu"]
    statements = {
        (graph.value(s, rdflib.RDF.predicate), graph.value(s, rdflib.RDF.object))
        for s in graph.subjects(rdflib.RDF.type, rdflib.RDF.Statement)
    }
    assert (PG.owner, rdflib.URIRef("https://w3id.org/parkgraph/resource/area-yongchuan-qu")) in statements


def test_observation_about_a_category_and_without_period(graph: rdflib.Graph) -> None:
    cats = list(graph.subjects(rdflib.RDF.type, PG.Category))
    assert len(cats) == 1
    obs = [o for o in graph.subjects(PG.about, cats[0])]
    assert len(obs) == 1 and graph.value(obs[0], PG.period) is None
    assert graph.value(obs[0], PG.indicatorText) == rdflib.Literal("国家级高新区数量")


def test_validates(tmp_path: Path, turtle: str) -> None:
    out = tmp_path / "candidate.ttl"
    out.write_text(turtle, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(out), "--root", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "conforms" in result.output


def test_validation_catches_a_broken_year_and_confidence(tmp_path: Path, turtle: str) -> None:
    broken = turtle.replace('"2021"^^xsd:gYear', '"twenty"^^xsd:gYear').replace(
        'pg:confidence "0.9"^^xsd:decimal', 'pg:confidence "1.5"^^xsd:decimal'
    )
    out = tmp_path / "broken.ttl"
    out.write_text(broken, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(out), "--root", str(ROOT)])
    assert result.exit_code == 1
    assert "startYear" in result.output and "pg:confidence" in result.output


def test_the_referee_reads_back_every_fact(graph: rdflib.Graph) -> None:
    score = load_scorer()
    result = score.score_file(GOLD, graph)
    for cat in (
        "obs",
        "obs_strict",
        "obs_full",
        "parks",
        "areas",
        "orgs",
        "clusters",
        "codes",
        "components",
        "members",
    ):
        tp_pred, n_pred, tp_gold, n_gold = result[cat]
        assert (tp_pred, tp_gold) == (n_pred, n_gold), (cat, result[cat])
    assert result["obs_full"][3] == 8 and result["components"][3] == 4 and result["members"][3] == 3


def test_unknown_keys_and_terms_are_refused() -> None:
    bad = sample()
    bad.relations.append(Relation("park:永川高新区", "locatedIn", "area:nowhere", Span(0, 2)))
    with pytest.raises(ValueError, match="area:nowhere"):
        write_turtle(bad)
    bad = sample()
    bad.observations[0].unit = "Furlong"
    with pytest.raises(ValueError, match="Furlong"):
        write_turtle(bad)
    # classes are checked once, in list order: the first bad entity is the one named
    bad = sample()
    bad.entities[3].cls, bad.entities[1].cls = "Nope3", "Nope1"
    with pytest.raises(ValueError, match="Nope1"):
        write_turtle(bad)
    bad.entities[2].label = " "
    with pytest.raises(ValueError, match="Nope1"):
        write_turtle(bad)
    bad.entities[0].label = ""
    with pytest.raises(ValueError, match="has no label"):
        write_turtle(bad)
    # an observation's lines are made at once: its errors still come in the order of its lines
    bad = sample()
    bad.observations[0].period = "period:nowhere"
    with pytest.raises(ValueError, match="unknown period key 'period:nowhere'"):
        write_turtle(bad)
    bad.observations[0].value = Decimal("NaN")
    with pytest.raises(ValueError, match="is not a decimal number"):
        write_turtle(bad)


# ---------------------------------------------------------------------------------------
# Shortcuts of the writer, checked against the general way
# ---------------------------------------------------------------------------------------

# Characters lit() and evidence_text() treat apart (escaped, removed, unprintable but kept),
# among ordinary ones; the line feed is frequent, as in the articles.
ODD = '"\\\n\n\n\r\t\x00\x07\x0b\x0c\x1f\x7f\x85\u2028\u2029\u3000\xa0\u200b'
ORDINARY = "园区产业集群 ab1“”、。𠀋"


def test_parts_of_a_plain_text_quote_as_lit_does() -> None:
    """A text _plain() accepts has every slice quoted by _lit_plain() and its evidence by
    _evidence_plain() exactly as lit() and lit(evidence_text()) would; a text holding any
    character those treat apart, other than the line feed, is not plain."""
    rng = random.Random(7)
    plain = 0
    for _ in range(3000):
        alphabet = ORDINARY + "\n" * 3 + (rng.choice(ODD) if rng.random() < 0.5 else "")
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 40)))
        if not writing._plain(text):
            assert any(c in ODD and c != "\n" for c in text), repr(text)
            continue
        plain += 1
        for _ in range(8):
            a = rng.randrange(0, len(text) + 1)
            b = rng.randrange(a, len(text) + 1)
            part = text[a:b]
            assert writing._lit_plain(part) == lit(part), repr(part)
            assert writing._evidence_plain(part) == lit(evidence_text(part)), repr(part)
    assert plain > 1000
    for c in ODD.replace("\n", ""):
        assert not writing._plain(f"园区\n{c}集群"), repr(c)


def general_anchor(text: str, start: int, end: int) -> tuple[int, int] | None:
    """writing._anchor() without its shortcut for spans that need nothing done."""
    n = len(text)
    start, end = max(start, 0), min(end, n)
    while start < end and text[start].isspace():
        start += 1
    end = min(end, start + EVIDENCE_MAX)
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start < 2 and end < n and not text[end].isspace():
        end += 1
    return (start, end) if end > start else None


def test_spans_are_anchored_as_the_general_way_anchors_them() -> None:
    """Spans inside the text and beyond it, of every length around the limits, in text with
    white space: the shortcut's answer (or error, for a span before the text) is the general one."""

    def outcome(f: Any, *args: Any) -> object:
        try:
            return f(*args)
        except IndexError:
            return IndexError

    rng = random.Random(8)
    lengths = [0, 1, 2, 3, EVIDENCE_MAX - 1, EVIDENCE_MAX, EVIDENCE_MAX + 1]
    for _ in range(5000):
        text = "".join(rng.choice(ORDINARY + " \n\t\u3000") for _ in range(rng.randrange(0, 120)))
        start = rng.randrange(-3, len(text) + 3)
        end = start + rng.choice([*lengths, rng.randrange(0, 100)])
        args = (text, start, end)
        assert outcome(writing._anchor, *args) == outcome(general_anchor, *args), args


def test_a_plain_document_is_written_as_the_general_way_writes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sample with its quote, backslash and tab replaced (so plain), and the corpus's gold
    extractions: the same Turtle with the shortcuts as without them."""
    ex = sample()
    ex.document.text = TEXT.replace('"', "“").replace("\\", "/").replace("\t", " ")
    extractions = [ex]
    if (CORPUS / "gold").is_dir():
        extractions += [gold_extraction(a, g) for a, g in corpus_pairs()[:4]]
    assert all(writing._plain(e.document.text) for e in extractions)
    fast = [write_turtle(e) for e in extractions]
    # the module run from its source: a compiled module calls its own _plain directly, past
    # any monkeypatch
    source = _from_source(writing, monkeypatch)
    monkeypatch.setattr(source, "_plain", lambda text: False)
    assert [source.write_turtle(e) for e in extractions] == fast


def _from_source(module: ModuleType, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    """`module` executed anew from its .py file, under a name of its own (in sys.modules while
    the test runs, as dataclasses need)."""
    name = "_source_of_" + module.__name__.rpartition(".")[2]
    name_py = module.__name__.rpartition(".")[2] + ".py"
    spec = importlib.util.spec_from_file_location(name, Path(module.__file__ or "").with_name(name_py))
    assert spec is not None and spec.loader is not None
    fresh = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, fresh)
    spec.loader.exec_module(fresh)
    return fresh


# ---------------------------------------------------------------------------------------
# The development corpus: its gold facts as an Extraction, written, scored by the referee
# ---------------------------------------------------------------------------------------

CORPUS = Path(__file__).parents[1] / ".." / "shared" / "corpus" / "dev"
GOLD_UNITS = {
    "CNY": "CNY",
    "percent": "Percent",
    "count": "Count",
    "rank": "Rank",
    "mu": "Mu",
    "other": "OtherUnit",
}
GOLD_COMPARATORS = {
    "at_least": "AtLeast",
    "exactly": "Exactly",
    "at_most": "AtMost",
    "approximately": "Approximately",
}
FYP = re.compile(r"十([一二三四五六七八九])五")
CN_DIGITS = "一二三四五六七八九"


def years_of(label: str) -> tuple[int | None, int | None]:
    years = [int(y) for y in re.findall(r"(?:19|20)\d\d", label)]
    plan = FYP.search(label)
    if plan:  # the n-th five-year plan starts in 1966 + 5 (n - 3)
        n = 10 + CN_DIGITS.index(plan.group(1)) + 1
        return 1966 + 5 * (n - 3), 1966 + 5 * (n - 3) + 4
    if not years:
        return None, None
    return (None, years[0]) if label.startswith("到") else (min(years), max(years))


def gold_extraction(article: Path, gold: dict[str, Any]) -> Extraction:
    """What a perfect extractor would propose for `article`: the gold facts, anchored."""
    raw = article.read_bytes()
    text = raw.decode("utf-8")
    lines = text.splitlines(keepends=True)
    body_start = sum(len(line) for line in itertools.takewhile(lambda s: s.startswith("# "), lines))
    doc = Document(
        text=text, sha256=hashlib.sha256(raw).hexdigest(), file_name=article.name, body_start=body_start
    )
    ex = Extraction(doc)
    by_label: dict[str, str] = {}

    def find(needle: str) -> Span | None:
        at_ = text.find(needle, body_start)
        return Span(at_, at_ + len(needle)) if at_ >= 0 and needle else None

    def entity(name: str, cls: str) -> str:
        if name in by_label:
            return by_label[name]
        key = f"{cls}:{name}"
        span = find(name)
        ex.entities.append(Entity(key, cls, name, evidence=[span] if span else [], rule="gold"))
        by_label[name] = key
        return key

    for name in gold["parks"]:
        entity(name, "HighTechZone" if "高新" in name else "Park")
    for name in gold["areas"]:
        entity(name, "AdministrativeArea")
    for name in gold["organizations"]:
        entity(name, "Organization")
    for c in gold["clusters_industries"]:
        cluster = "集群" in c["name"] or "产业链" in c["name"]
        key = entity(c["name"], "IndustrialCluster" if cluster else "Industry")
        ex.relations.append(
            Relation(
                entity(c["park"], "Initiative"),
                "hasCluster" if cluster else "hasIndustry",
                key,
                find(c["name"]) or Span(body_start, body_start + 2),
                rule="gold",
            )
        )
    for t in gold["titles"]:
        key = entity(t["name"], "Title")
        ex.relations.append(
            Relation(
                entity(t["park"], "Initiative"),
                "holdsTitle" if t["held"] else "aspiresTo",
                key,
                find(t["name"]) or Span(body_start, body_start + 2),
                rule="gold",
            )
        )
    for i, c in enumerate(gold["codes"]):
        comps = [
            Component(
                p["declared_count"],
                p["role"],
                [entity(m, "FocusArea") for m in p["members"]],
                find(p["role"]),
            )
            for p in c["components"]
        ]
        ex.codes.append(
            Code(
                f"code:{i}",
                c["code"],
                c["code"],
                find(c["code"]) or Span(body_start, body_start + 2),
                comps,
                [entity(c["park"], "Initiative")],
                rule="gold",
            )
        )
    periods: dict[str, str] = {}
    for o in gold["observations"]:
        if o["period"] is not None and o["period"] not in periods:
            periods[o["period"]] = f"period:{len(periods)}"
            start, end = years_of(o["period"])
            ex.periods.append(
                Period(periods[o["period"]], o["period"], start, end, evidence=find(o["period"]))
            )
        span = find(o["evidence"])
        assert span is not None, o["evidence"]
        ex.observations.append(
            Observation(
                entity(o["about"], "Category"),
                o["indicator"],
                o["stated"],
                Decimal(str(o["value"])),
                GOLD_UNITS[o["unit"]],
                GOLD_COMPARATORS[o["comparator"]],  # type: ignore[arg-type]
                "Target" if o["status"] == "target" else "Actual",
                span,  # type: ignore[arg-type]
                period=periods.get(o["period"]) if o["period"] else None,
                rule="gold",
            )
        )
    return ex


def corpus_pairs() -> list[tuple[Path, dict[str, Any]]]:
    if not (CORPUS / "gold").is_dir():
        pytest.skip(f"the development corpus {CORPUS} is not beside the repository")
    return [
        (CORPUS / "articles" / f"{g.stem}.txt", json.loads(g.read_text(encoding="utf-8")))
        for g in sorted((CORPUS / "gold").glob("*.json"))
    ]


def test_the_referee_scores_the_gold_written_as_turtle_perfectly(tmp_path: Path) -> None:
    """Written by this writer, a perfect extraction of each development article scores 1.0 in
    every category: the writer loses nothing the referee reads."""
    score = load_scorer()
    totals: dict[str, list[int]] = {}
    for article, gold in corpus_pairs():
        turtle = write_turtle(gold_extraction(article, gold))
        (tmp_path / f"{article.stem}.ttl").write_text(turtle, encoding="utf-8")
        result = score.score_file(gold, rdflib.Graph().parse(data=turtle, format="turtle"))
        for cat, counts in result.items():
            totals[cat] = [a + b for a, b in zip(totals.get(cat, [0, 0, 0, 0]), counts, strict=True)]
    imperfect = {cat: c for cat, c in totals.items() if (c[0], c[2]) != (c[1], c[3])}
    assert not imperfect, imperfect
    assert totals["obs"][3] > 200


def test_corpus_evidence_sits_at_its_selectors_and_files_validate(tmp_path: Path) -> None:
    files = []
    for article, gold in corpus_pairs():
        extraction = gold_extraction(article, gold)
        turtle = write_turtle(extraction)
        graph = rdflib.Graph().parse(data=turtle, format="turtle")
        text = extraction.document.text
        for ann in graph.subjects(rdflib.RDF.type, OA.Annotation):
            target = graph.value(ann, OA.hasTarget)
            sels = list(graph.objects(target, OA.hasSelector))
            pos = next(s for s in sels if graph.value(s, OA.start) is not None)
            quote = next(s for s in sels if graph.value(s, OA.exact) is not None)
            start, end = int(graph.value(pos, OA.start)), int(graph.value(pos, OA.end))  # type: ignore[arg-type]
            assert str(graph.value(quote, OA.exact)) == text[start:end]
            for body in graph.objects(ann, OA.hasBody):
                assert rdflib.Literal(evidence_text(text[start:end])) in set(graph.objects(body, PG.evidence))
        path = tmp_path / f"{article.stem}.ttl"
        path.write_text(turtle, encoding="utf-8")
        files.append(path)
    for path in files[:3]:  # pySHACL takes a second a file
        result = CliRunner().invoke(app, ["validate", str(path), "--root", str(ROOT)])
        assert result.exit_code == 0, (path.name, result.output[-2000:])


def validate_text(tmp_path: Path, name: str, turtle: str) -> tuple[int, str]:
    path = tmp_path / name
    path.write_text(turtle, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path), "--root", str(ROOT)])
    return result.exit_code, result.output


def test_curated_resources_still_need_english_names(tmp_path: Path) -> None:
    """The exemption is for machine proposals only: without prov:wasGeneratedBy an extraction
    activity, a park with no English label does not conform."""
    curated = (
        HEADER_TTL
        + """
pgr:source-x a pg:SourceDocument ; rdfs:label "来源"@zh , "source"@en ; pg:fileName "x.txt" ;
    pg:sha256 "0000000000000000000000000000000000000000000000000000000000000000" .
pgr:park-x a pg:HighTechZone ; rdfs:label "某高新区"@zh ; skos:prefLabel "某高新区"@zh ;
    prov:wasDerivedFrom pgr:source-x ; pg:evidence "某高新区" .
"""
    )
    code, output = validate_text(tmp_path, "curated.ttl", curated)
    assert code == 1
    assert (
        "no English name" in output and "no rdfs:label in @en" in output and "skos:prefLabel in @en" in output
    )


def test_a_moved_selector_is_caught(tmp_path: Path, turtle: str) -> None:
    first = re.search(r"oa:start (\d+) ;\n    oa:end (\d+) \.", turtle)
    assert first is not None
    start, end = int(first.group(1)), int(first.group(2))
    moved = turtle.replace(first.group(0), f"oa:start {start} ;\n    oa:end {end + 1} .", 1)
    code, output = validate_text(tmp_path, "moved.ttl", moved)
    assert code == 1 and "position selector spans" in output
    exact = re.search(r'oa:exact "([^"]+)"', turtle)
    assert exact is not None
    changed = turtle.replace(exact.group(0), 'oa:exact "别的文字"', 1)
    code, output = validate_text(tmp_path, "changed.ttl", changed)
    assert code == 1 and "has no pg:evidence equal to the annotation's exact text" in output


def test_dates_are_typed_only_when_valid() -> None:
    assert date_literal("2025-11-03") == '"2025-11-03"^^xsd:date'
    assert date_literal("2025-02") == '"2025-02"^^xsd:gYearMonth'
    assert date_literal("2025") == '"2025"^^xsd:gYear'
    assert date_literal("2025-13-45") == '"2025-13-45"'
    assert date_literal("2025-13") == '"2025-13"'


def test_a_document_with_no_facts_still_says_what_was_read(tmp_path: Path) -> None:
    doc = Document(text="", sha256="cd" * 32, file_name="empty.txt", url="not an address", published="去年")
    turtle = write_turtle(Extraction(doc))
    graph = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(list(graph.subjects(rdflib.RDF.type, PG.SourceDocument))) == 1
    dct = rdflib.Namespace("http://purl.org/dc/terms/")
    assert list(graph.objects(None, dct.source)) == [rdflib.Literal("not an address")]
    assert list(graph.objects(None, dct.issued)) == [rdflib.Literal("去年")]
    code, output = validate_text(tmp_path, "empty.ttl", turtle)
    assert code == 0, output


@pytest.mark.parametrize("tool", ["serdi", "rapper"])
def test_independent_parsers_read_the_same_graph(tool: str, turtle: str, graph: rdflib.Graph) -> None:
    """Other stores' parsers (serd, Raptor) read the hand-written Turtle as rdflib does."""
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (make system-deps)")
    args = (
        ["serdi", "-i", "turtle", "-o", "ntriples", "-"]
        if tool == "serdi"
        else ["rapper", "-q", "-i", "turtle", "-o", "ntriples", "-", "https://w3id.org/parkgraph/resource/"]
    )
    nt = subprocess.run(args, input=turtle.encode("utf-8"), capture_output=True, check=True).stdout
    assert isomorphic(rdflib.Graph().parse(data=nt.decode("utf-8"), format="nt"), graph)
