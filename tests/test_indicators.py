"""The indicator vocabulary: the scheme's integrity, its lexicon in step with it, the mapping
of indicator words to concepts, extraction's output with them, and `init` shipping it."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import rdflib
from rdflib.namespace import RDF, SKOS
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.extract import extract_document
from parkgraph.extract.vocabulary import MAX_LABEL, RULE_SCHEME, RULE_WORDING, concept_for, normalise
from parkgraph.extract.writing import write_turtle
from parkgraph.indicators import LEXICON_FILE, SCHEME_FILE, lexicon_text

ROOT = Path(__file__).resolve().parents[1]
PG = rdflib.Namespace("https://w3id.org/parkgraph/ontology#")
PGR = "https://w3id.org/parkgraph/resource/"
SCHEME = PG.IndicatorScheme
A5 = ROOT.parent / "shared" / "corpus" / "dev" / "articles" / "a5_chengdu-htz-q3-gdp-2021.txt"


@pytest.fixture(scope="module")
def g() -> rdflib.Graph:
    return rdflib.Graph().parse(SCHEME_FILE, format="turtle")


def members(g: rdflib.Graph) -> set[rdflib.term.Node]:
    return set(g.subjects(SKOS.inScheme, SCHEME))


def test_every_concept_is_labelled_in_both_languages_and_in_the_scheme(g: rdflib.Graph) -> None:
    concepts = members(g)
    assert 40 <= len(concepts) <= 70
    assert concepts == set(g.subjects(RDF.type, PG.Indicator))
    for c in concepts:
        assert str(c).startswith(PGR + "indicator-"), c
        for lang in ("zh", "en"):
            assert len([o for o in g.objects(c, SKOS.prefLabel) if o.language == lang]) == 1, (c, lang)
            assert [o for o in g.objects(c, rdflib.RDFS.label) if o.language == lang], (c, lang)


def test_broader_and_narrower_agree_and_tops_have_no_broader(g: rdflib.Graph) -> None:
    concepts = members(g)
    broader = {(a, b) for a, b in g.subject_objects(SKOS.broader)}
    narrower = {(b, a) for a, b in g.subject_objects(SKOS.narrower)}
    assert broader == narrower and broader
    assert all(a in concepts and b in concepts for a, b in broader)
    tops = set(g.subjects(SKOS.topConceptOf, SCHEME))
    assert tops == set(g.objects(SCHEME, SKOS.hasTopConcept))
    assert tops == {c for c in concepts if (c, SKOS.broader, None) not in g}
    for c in concepts:  # no cycle: every chain of broader ends at a top concept
        seen = {c}
        while (up := g.value(c, SKOS.broader)) is not None:
            assert up not in seen
            seen.add(up)
            c = up
        assert c in tops


def test_no_label_is_shared_by_two_concepts(g: rdflib.Graph) -> None:
    owners: dict[str, set[rdflib.term.Node]] = defaultdict(set)
    for c in members(g):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for o in g.objects(c, prop):
                if o.language == "zh":
                    owners[normalise(str(o))].add(c)
                    assert len(str(o)) <= MAX_LABEL
    shared = {label: cs for label, cs in owners.items() if len(cs) > 1}
    assert not shared


def test_the_lexicon_is_generated_from_the_scheme() -> None:
    assert LEXICON_FILE.read_text(encoding="utf-8") == lexicon_text(), \
        "run `python -m parkgraph.indicators` after editing ontology/indicators.ttl"


@pytest.mark.parametrize(("words", "concept"), [
    ("规上工业总产值", "indicator-gross-industrial-output-above-designated-size"),
    ("规模以上工业总产值", "indicator-gross-industrial-output-above-designated-size"),
    ("工业总产值", "indicator-gross-industrial-output"),
    ("地区生产总值", "indicator-gross-regional-product"),
    ("GDP", "indicator-gross-regional-product"),
    ("实际使用外资", "indicator-foreign-capital-actually-used"),
    ("累计实际利用外资", "indicator-foreign-capital-actually-used"),
    ("规上工业增加值", "indicator-industrial-value-added-above-designated-size"),
    ("地区生产总值同比增长", "indicator-gross-regional-product-growth"),
    ("GDP增长", "indicator-gross-regional-product-growth"),
    ("一般公共预算收入（预计）", "indicator-general-public-budget-revenue"),
    ("国家级专精特新“小巨人”企业", "indicator-national-little-giant-enterprises"),
    ("全社会研发投入占GDP的比重", "indicator-rd-intensity"),
    ("全省开发区综合考核评价排名", "indicator-comprehensive-evaluation-ranking"),
    ("高新技术产业主营业务收入", "indicator-main-business-revenue"),
    # not the measure: a share, a flow of new ones, a contribution, a label not at the end
    ("工业总产值占全区规模以上工业总产值的比重同比提高", None),
    ("税收收入占合肥市的比重", None),
    ("新增上市企业", None),
    ("拉动全区生产总值增长", None),
    ("长城炮皮卡下线节拍", None),
    ("同比增长", None),
])
def test_indicator_words_map_to_the_concept_they_name(words: str, concept: str | None) -> None:
    assert concept_for(words) == concept


def test_extraction_points_to_the_scheme_and_validates(tmp_path: Path) -> None:
    x = extract_document(str(A5))
    matched = [o for o in x.observations if o.concept]
    unmatched = [o for o in x.observations if not o.concept]
    assert matched and unmatched
    assert all(o.rule.endswith(RULE_SCHEME) for o in matched)
    assert all(o.rule.endswith(RULE_WORDING) for o in unmatched)
    out = tmp_path / "a5.ttl"
    out.write_text(write_turtle(x), encoding="utf-8")
    g = rdflib.Graph().parse(out, format="turtle")
    for o in matched:
        node = next(n for n in g.subjects(PG.indicatorText, rdflib.Literal(o.indicator))
                    if (n, PG.statedAs, rdflib.Literal(o.stated)) in g)
        assert g.value(node, PG.indicator) == rdflib.URIRef(PGR + o.concept)
        assert (rdflib.URIRef(PGR + o.concept), None, None) not in g  # defined by the scheme only
    # a wording of its own is a concept named after it, written in the file
    new = next(n for n in g.subjects(PG.indicatorText, rdflib.Literal(unmatched[0].indicator)))
    assert (g.value(new, PG.indicator), RDF.type, PG.Indicator) in g
    result = CliRunner().invoke(app, ["validate", str(out), "--root", str(ROOT)])
    assert result.exit_code == 0, result.output


def test_a_scheme_concept_without_an_english_label_does_not_validate(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text(
        "@prefix pg: <https://w3id.org/parkgraph/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "<https://w3id.org/parkgraph/resource/indicator-test> a pg:Indicator ;\n"
        "  rdfs:label \"测试\"@zh , \"test\"@en ; skos:prefLabel \"测试\"@zh ;\n"
        "  skos:inScheme pg:IndicatorScheme .\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(bad), "--root", str(ROOT)])
    assert result.exit_code == 1 and "indicator vocabulary needs one skos:prefLabel in @en" in result.output


def test_init_ships_the_vocabulary(tmp_path: Path) -> None:
    p = tmp_path / "proj"
    assert CliRunner().invoke(app, ["init", str(p)]).exit_code == 0
    assert (p / "ontology" / "indicators.ttl").read_bytes() == SCHEME_FILE.read_bytes()


def test_a_review_card_compares_numbers_by_concept_across_wordings() -> None:
    from decimal import Decimal

    from parkgraph.curate.queue import _disagreeing
    from parkgraph.extract.model import Observation, Period, Span

    o = Observation(about="park:x", indicator="GDP", stated="10亿元", value=Decimal(10 ** 9), unit="CNY",
                    comparator="Exactly", status="Actual", evidence=Span(0, 1),
                    concept="indicator-gross-regional-product")
    known = {"iri": PGR + "obs-1", "about": PGR + "park-x", "i": PGR + "indicator-gross-regional-product",
             "indicator": "地区生产总值", "status": "Actual", "start": "2024", "end": "2024",
             "value": "2000000000"}
    period = Period("p", "2024年", 2024, 2024)
    assert _disagreeing(o, period, {PGR + "park-x"}, [known])  # another wording, the same concept
    o.concept = None
    assert not _disagreeing(o, period, {PGR + "park-x"}, [known])  # words alone differ: not compared
