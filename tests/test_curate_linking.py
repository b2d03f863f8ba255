"""Linking: the alias grammar of park names, its hard constraints, the labelled pairs of the
development corpus, and `link_candidates` on real extractions against this repository's graph."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from parkgraph.curate.known import known_entities
from parkgraph.curate.linking import (
    KnownEntity,
    compare_park_names,
    link_candidates,
    org_core,
    parse_park_name,
    resolve_in_context,
)
from parkgraph.extract import extract_document
from parkgraph.extract.model import Document, Entity, Extraction, Span
from parkgraph.project import Project

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "corpus" / "dev" / "articles"
BENCH = ROOT / "bench" / "curate" / "bench_linking.py"


def _bench():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_linking", BENCH)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_linking"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "kind", "distinctive", "prefixes", "qualifier", "level"), [
    ("永川高新区", "htz", "永川", [], "", None),
    ("重庆永川高新区", "htz", "永川", ["重庆"], "", None),
    ("重庆永川高新技术产业开发区", "htz", "永川", ["重庆"], "", None),
    ("杭州高新区（滨江）", "htz", "杭州", [], "滨江", None),
    ("杭州高新区(滨江)", "htz", "杭州", [], "滨江", None),
    ("高新区（滨江）", "htz", "", [], "滨江", None),
    ("宁波国家高新区", "htz", "宁波", [], "", "national"),
    ("国家级芜湖经济技术开发区", "etdz", "芜湖", [], "", "national"),
    ("芜湖经开区", "etdz", "芜湖", [], "", None),
    ("省级新芜经济开发区", "edz", "新芜", [], "", "provincial"),
    ("芜湖市芜湖高新技术产业开发区", "htz", "芜湖", ["芜湖市"], "", None),
    ("株洲市炎陵工业集中区", "industrial-cluster-zone", "炎陵", ["株洲市"], "", None),
    ("凤凰湖产业园", "industry-park", "凤凰湖", [], "", None),  # not the place 凤凰 and a 湖
    ("苏州工业园", "industrial-park", "苏州", [], "", None),
    ("天津开发区", "devzone", "天津", [], "", None),
])
def test_the_alias_grammar_takes_names_apart(name: str, kind: str, distinctive: str, prefixes: list[str],
                                             qualifier: str, level: str | None) -> None:
    p = parse_park_name(name)
    assert (p.kind, p.distinctive, [x.written for x in p.prefixes], p.qualifier, p.level) == (
        kind, distinctive, prefixes, qualifier, level)


@pytest.mark.parametrize(("a", "b"), [
    ("永川高新区", "重庆永川高新技术产业开发区"),
    ("杭州高新区（滨江）", "杭州高新技术产业开发区"),
    ("杭州高新区(滨江)", "杭州高新区（滨江）"),  # half- and full-width brackets
    ("宁波国家高新区", "宁波高新区"),
    ("芜湖经开区", "芜湖经济技术开发区"),
    ("苏州工业园区", "苏州工业园"),
])
def test_name_forms_of_one_park_are_linked(a: str, b: str) -> None:
    c = compare_park_names(parse_park_name(a), parse_park_name(b))
    assert c.verdict == "likely", c
    assert any(f.name == "distinctive" for f in c.features)


@pytest.mark.parametrize(("a", "b", "conflict"), [
    ("国家级芜湖经济技术开发区", "省级芜湖经济开发区", "kind"),  # national 经开区 ≠ provincial 经济开发区
    ("芜湖高新区", "芜湖经济技术开发区", "kind"),
    ("天津开发区", "天津高新区", "kind"),
    ("国家级宁波高新区", "省级宁波高新区", "level"),
    ("南昌县高新区", "南昌市高新区", "place-level"),  # a county is never a city
    ("新芜经济开发区", "鸠江经济开发区", "distinctive"),  # the shared suffix counts for nothing alone
    ("永川高新区", "杭州高新区", "distinctive"),
    ("四川永川高新区", "重庆永川高新区", "prefix"),
    ("高新区（滨江）", "高新区（科技城）", "bare"),
    ("高新区", "永川高新区", "bare"),  # a bare name never links outside its document
])
def test_hard_constraints_refuse_a_link(a: str, b: str, conflict: str) -> None:
    c = compare_park_names(parse_park_name(a), parse_park_name(b))
    assert c.verdict is None and c.conflict == conflict, c
    assert c.score == 0.0


def test_a_level_known_from_the_graph_is_a_hard_constraint() -> None:
    a, b = parse_park_name("宁波高新区"), parse_park_name("宁波高新区")
    assert compare_park_names(a, b, level_a="national", level_b="provincial").conflict == "level"


def test_an_unspecific_kind_is_only_possible() -> None:
    c = compare_park_names(parse_park_name("天津开发区"), parse_park_name("天津经济技术开发区"))
    assert c.verdict == "possible"
    assert c.features[0].name == "kind-unspecific"


def test_a_bare_name_resolves_from_its_own_document_only() -> None:
    bare = parse_park_name("高新区（滨江）")
    resolved = resolve_in_context(bare, ["杭州高新区（滨江）", "凤凰湖产业园"])
    assert resolved.distinctive == "杭州" and resolved.resolved_from == "杭州高新区（滨江）"
    c = compare_park_names(resolved, parse_park_name("杭州高新技术产业开发区"))
    assert c.verdict == "likely"
    assert any(f.name == "context" for f in c.features)
    # two high-tech zones of different places in the document: not resolved
    assert resolve_in_context(parse_park_name("高新区"), ["永川高新区", "杭州高新区"]).bare
    # a document with no other high-tech zone: not resolved
    assert resolve_in_context(parse_park_name("高新区"), ["芜湖经开区"]).bare


def test_organisation_aliases() -> None:
    assert org_core("英飞特电子（杭州）股份有限公司") == "英飞特电子"
    assert org_core("豪斯特公司") == "豪斯特"


def test_labelled_pairs_precision_and_recall() -> None:
    """The benchmark's numbers on bench/curate/park_mentions.tsv meet the issue's targets."""
    bench = _bench()
    mentions = bench.read_mentions()
    assert len({m.doc for m in mentions}) == 13
    result = bench.measure(mentions)
    assert result.same >= 20 and result.pairs > 500
    assert result.precision >= 0.95, result.errors
    assert result.recall >= 0.90, result.errors
    assert result.cross_type_or_level == 0
    # b6's four Wuhu zones stay four
    wuhu = [m for m in mentions if m.doc == "b6"]
    assert len({m.park for m in wuhu}) == 4


def test_the_benchmark_measures_wrong_labels(tmp_path: Path) -> None:
    """A mislabelled table lowers the numbers: the benchmark can fail."""
    bench = _bench()
    text = BENCH.with_name("park_mentions.tsv").read_text(encoding="utf-8")
    broken = tmp_path / "m.tsv"
    broken.write_text(text.replace("b6\t鸠江经济开发区\tjiujiang-edz", "b6\t鸠江经济开发区\txinwu-edz")
                      .replace("a2\t杭州高新区\thangzhou-htz", "a2\t杭州高新区\tother"), encoding="utf-8")
    result = bench.measure(bench.read_mentions(broken))
    assert result.recall < 1.0 and result.precision < 1.0


def test_the_benchmark_runs_as_a_script() -> None:
    done = subprocess.run([sys.executable, str(BENCH), "--json"], capture_output=True, text=True, check=True)
    assert '"precision": 1.0' in done.stdout or '"precision": 0.9' in done.stdout


def _extraction(*entities: Entity) -> Extraction:
    doc = Document(text="x", sha256="0" * 64, file_name="t.txt")
    return Extraction(document=doc, entities=list(entities))


def test_link_candidates_carry_features_and_respect_classes() -> None:
    known = [
        KnownEntity("urn:htz", "HighTechZone", ("芜湖高新技术产业开发区",)),
        KnownEntity("urn:etdz", "EconomicDevelopmentZone", ("芜湖经济技术开发区",), level="NationalLevel"),
        KnownEntity("urn:area", "AdministrativeArea", ("芜湖市",), gb_code="340200"),
        KnownEntity("urn:area2", "AdministrativeArea", ("芜湖",), level="DistrictLevel"),
        KnownEntity("urn:org", "Organization", ("安徽省发改委",)),
    ]
    ex = _extraction(
        Entity("park:a", "HighTechZone", "芜湖高新区", evidence=[Span(0, 1)]),
        Entity("park:b", "EconomicDevelopmentZone", "芜湖经开区", evidence=[Span(0, 1)]),
        Entity("area:a", "AdministrativeArea", "芜湖市", gb_code="340200", level="city"),
        Entity("area:b", "AdministrativeArea", "芜湖", level="city"),
        Entity("org:a", "Organization", "安徽省发改委"),
    )
    links = {m.key: m for m in link_candidates(ex, known)}
    assert [c.iri for c in links["park:a"].candidates] == ["urn:htz"]
    assert [c.iri for c in links["park:b"].candidates] == ["urn:etdz"]
    assert links["park:a"].candidates[0].features  # never only a score
    assert [c.iri for c in links["area:a"].candidates] == ["urn:area"]
    assert links["area:a"].candidates[0].features[0].name == "gb-code"
    assert links["area:b"].candidates == []  # a city is never a district
    assert [c.iri for c in links["org:a"].candidates] == ["urn:org"]


def test_a1_and_a2_link_to_the_seed_graphs_parks(seed_project: Project) -> None:
    """Real extractions of two dev articles against the seed's curated graph (the one they were
    curated against; b6's zones are not in it, so they find no candidate there)."""
    known = known_entities(seed_project)
    for article, iri in (("a1_yongchuan-htz-nev-auto-cluster-2024.txt", "park-yongchuan-htz"),
                         ("a2_hangzhou-binjiang-htz-q1-industry-2014.txt", "park-hangzhou-htz")):
        links = link_candidates(extract_document(str(DEV / article)), known)
        parks = [m for m in links if m.cls == "HighTechZone"]
        assert parks and parks[0].candidates, parks
        assert parks[0].candidates[0].iri.endswith(iri)
        assert parks[0].candidates[0].verdict == "likely"
    b6 = link_candidates(extract_document(str(DEV / "b6_wuhu-four-zones-provincial-top30-2019.txt")), known)
    assert all(not m.candidates for m in b6 if m.cls in ("HighTechZone", "EconomicDevelopmentZone"))


def test_the_whole_of_add_links_the_dev_articles() -> None:
    """Extracted parks of the 13 articles, each linked to those of the articles before it:
    a1 and s0 (永川高新区), a2 and s0 (杭州高新区), a3 and a4 (苏州工业园区), nothing else."""
    bench = _bench()
    result = bench.measure_pipeline(bench.read_mentions(), DEV)
    assert result.same >= 3
    assert result.precision >= 0.95 and result.recall >= 0.90, result.errors
    assert result.cross_type_or_level == 0


def test_names_of_the_synthetic_articles() -> None:
    """bench/curate/park_mentions_synthetic.tsv (the extraction team's invented articles): no
    wrong link, no link across type or level; what recall it has is reported, not required."""
    bench = _bench()
    result = bench.measure(bench.read_mentions(BENCH.with_name("park_mentions_synthetic.tsv")))
    assert result.precision >= 0.95, result.errors
    assert result.cross_type_or_level == 0
    assert result.true_links >= 4


def test_names_of_the_second_synthetic_set() -> None:
    """bench/curate/park_mentions_synthetic2.tsv, measured blind: no wrong link, none across
    type or level (its one miss, 宜兴经开区 for a provincial 经济开发区, is that hard constraint)."""
    bench = _bench()
    result = bench.measure(bench.read_mentions(BENCH.with_name("park_mentions_synthetic2.tsv")))
    assert result.precision >= 0.95 and result.cross_type_or_level == 0, result.errors
    assert result.true_links >= 5


def test_a_bracketed_alias_and_a_bare_development_zone() -> None:
    c = compare_park_names(parse_park_name("光谷"), parse_park_name("武汉东湖高新区（中国光谷）"))
    assert c.verdict == "possible" and c.features[0].name == "alias"
    # a place in brackets is a qualifier, never an alias
    assert compare_park_names(parse_park_name("滨江"), parse_park_name("杭州高新区（滨江）")).verdict is None
    bare = resolve_in_context(parse_park_name("开发区"), ["青岛经济技术开发区"])
    assert (bare.kind, bare.distinctive) == ("etdz", "青岛")
    assert resolve_in_context(parse_park_name("开发区"), ["青岛经济技术开发区", "青岛高新区"]).kind == "etdz"
    assert resolve_in_context(parse_park_name("开发区"), ["青岛高新区"]).bare  # never a high-tech zone
    prefix = compare_park_names(parse_park_name("武汉东湖高新区"), parse_park_name("东湖高新区"))
    assert prefix.verdict == "possible" and any(f.name == "prefix-unconfirmed" for f in prefix.features)
