"""Independent review of the curated graph against its source article.

Walks the article `seeds/000_3dca68174ba47f8d.txt` (永川高新区以实干实绩迈向“百强千亿”, with a
杭州高新区(滨江) advertisement below it) sentence by sentence and asks, with one SPARQL ASK
per fact, whether the graph in `ontology/*.ttl` + `data/*.ttl` states it.

The queries are written from the article and the ontology contract in DESIGN.md only, never
from the data files, so that they check the data rather than restate it:

* entities are found by their Chinese label (rdfs:label, skos:prefLabel or skos:altLabel),
  tolerant of the surface form (CONTAINS on the core words), because IRIs are the curator's
  choice;
* facts are checked strictly: the contract's relation, the number, status, comparator,
  period and the source document;
* negative facts check that nothing the text does not say was added.

A failure names the sentence (`P07.S1` = paragraph 7, sentence 1; headings are not counted)
and prints the query so it can be run by hand.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from factwalk import (
    AUTHOR_PROPS,
    LABELS,
    PERCENT,
    PROLOGUE,
    YUAN,
    ask,
    code_or_label,
    count_is,
    every,
    fresh,
    is_a,
    lit,
    names,
    notation,
    only,
    unit_matches,
    zh_label,
    zh_label_any,
)

ROOT = Path(__file__).parents[1]



# Every number the article states, normalised as the contract says (亿 = 10^8, % → percent).
ARTICLE_VALUES = (94000000000, 245, 65, 123, 9, 150000000000, 80000000000)

# A SPARQL regex (as written inside a SPARQL string literal) for whitespace, ideographic too.
WS_REGEX = r'"[\\s　]+"'

# --------------------------------------------------------------------------------------------
# Query-building helpers. Each returns a SPARQL group-graph-pattern fragment; fresh variable
# names keep two uses of one helper in a query from constraining each other by accident.
# --------------------------------------------------------------------------------------------


def yongchuan(node: str = "?yc") -> str:
    """`node` is the park 永川高新区."""
    return is_a(node, "pg:Park") + zh_label(node, "永川高新区")


def hangzhou(node: str = "?hz") -> str:
    """`node` is the park 杭州高新区(滨江) of the advertisement."""
    return is_a(node, "pg:Park") + zh_label(node, "杭州高新区", "滨江")


def article_doc(node: str = "?doc") -> str:
    """`node` is the pg:SourceDocument of this article, recognised by its title."""
    title = fresh("title")
    return (
        is_a(node, "pg:SourceDocument")
        + f"{node} dcterms:title {title} .\n"
        + f'FILTER(CONTAINS(STR({title}), "以实干实绩迈向")'
        + f' && CONTAINS(STR({title}), "百强千亿"))\n'
    )


def strategy(node: str, code: str) -> str:
    """`node` is the pg:Strategy with the code name `code`."""
    return is_a(node, "pg:Strategy") + notation(node, code)


# A park's industries: through a cluster (the contract) or, where the text names an industry
# but no cluster, directly (pg:hasIndustry, which the ontology adds for that case).
PARK_INDUSTRY = "((pg:hasCluster/pg:industry?)|pg:hasIndustry)"

# A park working towards a goal: it pursues or aspires to it (the contract) or contributes to
# it when the goal belongs to a wider scope ("在建设……中勇当先锋", "贡献高新力量"), for which
# the ontology adds pg:contributesTo.
PARK_GOAL = "(pg:hasCluster?/(pg:pursues|pg:aspiresTo)|pg:contributesTo)"


def yongchuan_goal(word: str, node: str = "?goal") -> str:
    """永川高新区 (or one of its clusters) works towards something named `word`."""
    return yongchuan() + f"?yc {PARK_GOAL} {node} .\n" + zh_label(node, word)


def yongchuan_industry(*alternatives: str) -> str:
    """永川高新区 develops an industry (or cluster) whose name contains one of `alternatives`."""
    industry = fresh("industry")
    return (
        yongchuan() + f"?yc {PARK_INDUSTRY} {industry} .\n" + zh_label_any(industry, *alternatives)
    )


# --------------------------------------------------------------------------------------------
# Observations: one per stated number (DESIGN.md, "Observations").
# --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Stated:
    """A number as the article states it and as the contract says it must be modelled."""

    value: int  # normalised pg:value
    surface: str  # pg:statedAs, and what the evidence must contain
    about: tuple[str, str]  # (pattern, variable) finding the subject of the number
    indicator: tuple[str, ...]  # words the indicator's zh label contains
    unit: tuple[str, ...]  # words one of which the unit's IRI or label contains; () = any
    status: str
    comparator: str | None  # None: pg:Exactly or no comparator (the text uses no verb)
    years: tuple[int, int]


ABOUT_PARK = (yongchuan(), "?yc")
ABOUT_NEV_CLUSTER = (
    yongchuan() + "?yc pg:hasCluster ?nev .\n" + zh_label("?nev", "智能网联新能源汽车"),
    "?nev",
)


def observation(stated: Stated, obs: str = "?obs") -> str:
    """`obs` is the pg:Observation with the stated value about the stated subject."""
    value = fresh("value")
    pattern, subject = stated.about
    return (
        pattern
        + f"{obs} rdf:type pg:Observation ; pg:about {subject} ; pg:value {value} .\n"
        + f"FILTER({value} = {stated.value})\n"
    )


def observation_core(stated: Stated) -> str:
    """Subject, value, indicator, unit, surface form, evidence and source of the number."""
    surface, evidence = fresh("statedas"), fresh("evidence")
    return ask(
        observation(stated)
        + "?obs pg:indicator ?ind .\n"
        + is_a("?ind", "pg:Indicator")
        + zh_label("?ind", *stated.indicator)
        + unit_matches("?obs", stated.unit)
        + f"?obs pg:statedAs {surface} . FILTER(CONTAINS(STR({surface}), {lit(stated.surface)}))\n"
        + f"?obs pg:evidence {evidence} . FILTER(CONTAINS(STR({evidence}), "
        + f"{lit(stated.surface)}))\n"
        + "?obs prov:wasDerivedFrom ?doc .\n"
        + article_doc()
    )


def observation_qualifiers(stated: Stated) -> str:
    """Status, comparator and period of the number, each the only one it has."""
    start, end = stated.years
    if stated.comparator is None:
        comparator = "FILTER NOT EXISTS { ?obs pg:comparator ?cmp . FILTER(?cmp != pg:Exactly) }\n"
    else:
        comparator = only("?obs", "pg:comparator", stated.comparator)
    return ask(
        observation(stated)
        + only("?obs", "pg:status", stated.status)
        + comparator
        + only("?obs", "pg:period", "?period")
        + "?period pg:startYear ?start ; pg:endYear ?end .\n"
        + f'FILTER(STR(?start) = "{start}" && STR(?end) = "{end}")\n'
    )


FYP14 = (2021, 2025)  # 十四五
FYP15 = (2026, 2030)  # 十五五

OUTPUT_2025 = Stated(
    94000000000, "940亿元", ABOUT_PARK, ("工业总产值",), YUAN, "pg:Actual", "pg:AtLeast", FYP14
)
HIGH_TECH_FIRMS = Stated(
    245, "245家", ABOUT_PARK, ("高新技术企业",), (), "pg:Actual", "pg:Exactly", FYP14
)
HIGH_TECH_SHARE = Stated(65, "65%", ABOUT_PARK, (), PERCENT, "pg:Actual", None, FYP14)
PLATFORMS = Stated(123, "123家", ABOUT_PARK, ("创新平台",), (), "pg:Actual", "pg:Exactly", FYP14)
LITTLE_GIANTS = Stated(9, "9家", ABOUT_PARK, ("小巨人",), (), "pg:Actual", "pg:Exactly", FYP14)
OUTPUT_2030 = Stated(
    150000000000, "1500亿元", ABOUT_PARK, ("工业总产值",), YUAN, "pg:Target", "pg:AtLeast", FYP15
)
NEV_OUTPUT_2030 = Stated(
    80000000000, "800亿元", ABOUT_NEV_CLUSTER, ("产值",), YUAN, "pg:Target", "pg:AtLeast", FYP15
)


# --------------------------------------------------------------------------------------------
# The facts, in article order.
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    sentence_id: str  # "P03.S2": paragraph 3, sentence 2 ("T" title, "AD" advertisement, "G" all)
    sentence_excerpt: str
    description: str
    ask_query: str

    @property
    def test_id(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.description.lower()).strip("-")
        return f"{self.sentence_id}-{slug}"


def three_three_two_two(label_word: str, declared: int) -> str:
    return ask(
        strategy("?s", "3322")
        + "?s pg:hasComponent ?c .\n"
        + is_a("?c", "pg:StrategyComponent")
        + f"?c pg:declaredCount ?n . FILTER(?n = {declared})\n"
        + zh_label("?c", label_word)
    )


def two_two_five(label_word: str, declared: int, members: tuple[str, ...]) -> str:
    body = (
        strategy("?s", "二二五")
        + "?s pg:hasComponent ?c .\n"
        + is_a("?c", "pg:StrategyComponent")
        + f"?c pg:declaredCount ?n . FILTER(?n = {declared})\n"
        + zh_label("?c", label_word)
    )
    for word in members:
        member = fresh("member")
        body += f"?c pg:member {member} .\n" + names(member, word)
    return ask(body)


def yongchuan_links(props: str, word: str, cls: str | None = None) -> str:
    """永川高新区 -props-> a node with a Chinese label containing `word` (of class `cls`)."""
    return ask(
        yongchuan()
        + f"?yc {props} ?x .\n"
        + (is_a("?x", cls) if cls else "")
        + zh_label("?x", word)
    )


def media_account(word: str, account: str = "?acc") -> str:
    """`account` is a pg:MediaAccount of ?hz that says (beyond its evidence) it is on `word`."""
    prop, obj, label = fresh("p"), fresh("o"), fresh("label")
    return (
        f"?hz pg:hasMediaAccount {account} .\n"
        + is_a(account, "pg:MediaAccount")
        + f"{account} {prop} {obj} . FILTER({prop} != pg:evidence)\n"
        + f"OPTIONAL {{ {obj} {LABELS} {label} }}\n"
        + f"FILTER((isLiteral({obj}) && CONTAINS(STR({obj}), {lit(word)}))"
        + f" || CONTAINS(STR({label}), {lit(word)}))\n"
    )


# The observations of this article: derived from it, or about 永川高新区 or one of its clusters.
# Other sources (the corpus articles) state numbers about 永川高新区 too: theirs are derived
# from a document of another file and are not this article's.
SEED_FILE = "000_3dca68174ba47f8d.txt"


def from_another_file(node: str) -> str:
    """`node` is derived from a source document of a file other than the seed's."""
    doc, name = fresh("doc"), fresh("file")
    return (
        f"{node} prov:wasDerivedFrom {doc} . {doc} pg:fileName {name} ."
        f" FILTER(STR({name}) != {lit(SEED_FILE)})\n"
    )


ARTICLE_OBSERVATION = (
    "?o rdf:type pg:Observation .\n"
    "{ ?o prov:wasDerivedFrom ?d .\n" + article_doc("?d") + "}\n"
    "UNION { ?o pg:about ?y . " + yongchuan("?y") + "}\n"
    "UNION { ?o pg:about ?yy . ?y2 pg:hasCluster ?yy . " + yongchuan("?y2") + "}\n"
    "FILTER NOT EXISTS { " + from_another_file("?o") + "}\n"
)

TITLE_FACTS = [
    Fact(
        "T",
        "永川高新区以实干实绩迈向“百强千亿”",
        "source document has the article title",
        ask(article_doc()),
    ),
    Fact(
        "T",
        "肖必胜 刘灿",
        "source document names both authors",
        ask(
            article_doc()
            + f"?doc {AUTHOR_PROPS} ?a1 .\n"
            + names("?a1", "肖必胜")
            + f"?doc {AUTHOR_PROPS} ?a2 .\n"
            + names("?a2", "刘灿")
        ),
    ),
    Fact(
        "T",
        "(no date in the text)",
        "no publication date is invented",
        ask(
            article_doc() + "FILTER NOT EXISTS { ?doc dcterms:issued|dcterms:date|dcterms:created"
            "|dcterms:available|schema:datePublished|schema:dateCreated|prov:generatedAtTime ?t }\n"
        ),
    ),
    Fact(
        "T",
        "(no newspaper named in the text)",
        "no publisher is invented",
        ask(
            article_doc()
            + "FILTER NOT EXISTS { ?doc dcterms:publisher|schema:publisher|dcterms:isPartOf ?p }\n"
        ),
    ),
]

P01_FACTS = [
    Fact(
        "P01.S1",
        "“十五五”征程启幕,国家高新区使命在肩。",
        "yongchuan is a high-tech zone with zh and en labels",
        ask(
            is_a("?yc", "pg:HighTechZone")
            + f'?yc {LABELS} ?zh . FILTER(STR(?zh) = "永川高新区")\n'
            + '?yc rdfs:label ?en . FILTER(LANGMATCHES(LANG(?en), "en"))\n'
        ),
    ),
    Fact(
        "P01.S1",
        "国家高新区",
        "ontology: HighTechZone is a subclass of Park",
        ask("pg:HighTechZone rdfs:subClassOf+ pg:Park .\n"),
    ),
    Fact(
        "P01.S2",
        "作为重庆市工业经济重要引擎",
        "yongchuan is located in chongqing",
        ask(yongchuan() + "?yc pg:locatedIn+ ?c .\n" + zh_label("?c", "重庆")),
    ),
    Fact(
        "P01.S2",
        "永川区(P07)/ 永川高新区",
        "yongchuan is located in yongchuan district",
        yongchuan_links("pg:locatedIn", "永川", "pg:AdministrativeArea"),
    ),
    Fact(
        "P01.S2",
        "锚定“百强千亿”目标",
        "yongchuan pursues the baiqiang-qianyi goal",
        ask(yongchuan() + "?yc pg:pursues ?g .\n" + code_or_label("?g", "百强千亿")),
    ),
    Fact(
        "P01.S2",
        "在建设现代制造业基地…中勇当先锋",
        "yongchuan pursues the manufacturing base",
        ask(yongchuan_goal("现代制造业基地")),
    ),
]

P02_FACTS = [
    Fact(
        "P02.S1",
        "“3322”现代制造业集群体系",
        "3322 is a strategy with its notation and label",
        ask(strategy("?s", "3322") + zh_label("?s", "现代制造业集群体系")),
    ),
    Fact(
        "P02.S1",
        "“3322”现代制造业集群体系…加速成形",
        "yongchuan pursues 3322",
        ask(yongchuan() + "?yc pg:pursues/pg:alignsWith* ?s .\n" + strategy("?s", "3322")),
    ),
    Fact(
        "P02.S1",
        "做强三大…做优三大…两大…两大",
        "3322 has exactly four components",
        ask(count_is(strategy("?s", "3322") + "?s pg:hasComponent ?c .\n", "?c", 4)),
    ),
    Fact(
        "P02.S1",
        "做强三大重点产业",
        "3322 component key industries declares 3",
        three_three_two_two("重点产业", 3),
    ),
    Fact(
        "P02.S1",
        "做优三大特色优势产业",
        "3322 component distinctive industries declares 3",
        three_three_two_two("特色优势产业", 3),
    ),
    Fact(
        "P02.S1",
        "前瞻布局两大未来产业",
        "3322 component future industries declares 2",
        three_three_two_two("未来产业", 2),
    ),
    Fact(
        "P02.S1",
        "壮大两大新兴产业",
        "3322 component emerging industries declares 2",
        three_three_two_two("新兴产业", 2),
    ),
    Fact(
        "P02.S1",
        "(the text does not say which industry is in which)",
        "no 3322 component has a member",
        ask(
            strategy("?s", "3322")
            + "FILTER NOT EXISTS { ?s pg:hasComponent ?c . ?c pg:member ?m }\n"
        ),
    ),
    Fact(
        "P02.S1",
        "汽摩…等产业协同发力",
        "yongchuan has an automobile and motorcycle industry",
        ask(yongchuan_industry("汽摩", "摩托")),
    ),
    Fact(
        "P02.S1",
        "新材料…等产业协同发力",
        "yongchuan has a new materials industry",
        ask(yongchuan_industry("新材料")),
    ),
    Fact(
        "P02.S1",
        "大数据与人工智能等产业协同发力",
        "yongchuan has big data and ai industries",
        ask(yongchuan_industry("大数据") + yongchuan_industry("人工智能")),
    ),
    Fact(
        "P02.S1",
        "建成全国最大中高端皮卡生产基地",
        "yongchuan has the pickup production base",
        yongchuan_links("pg:hasPlatform", "皮卡生产基地", "pg:Platform"),
    ),
    Fact(
        "P02.S1",
        "规模以上工业总产值突破940亿元",
        "output 940e8 yuan observation",
        observation_core(OUTPUT_2025),
    ),
    Fact(
        "P02.S1",
        "“十四五”期间…突破940亿元",
        "output 940e8 is actual at least in 2021-2025",
        observation_qualifiers(OUTPUT_2025),
    ),
]

P03_FACTS = [
    Fact(
        "P03.S2",
        "深入实施…“双倍增”计划",
        "yongchuan pursues or runs the double-doubling plan",
        ask(yongchuan() + "?yc pg:pursues|pg:runs ?s .\n" + code_or_label("?s", "双倍增")),
    ),
    Fact(
        "P03.S2",
        "高新技术企业增至245家",
        "245 high-tech enterprises observation",
        observation_core(HIGH_TECH_FIRMS),
    ),
    Fact(
        "P03.S2",
        "高新技术企业增至245家",
        "245 is actual exactly in 2021-2025",
        observation_qualifiers(HIGH_TECH_FIRMS),
    ),
    Fact(
        "P03.S2",
        "占该高新区总量65%",
        "65 percent share observation",
        observation_core(HIGH_TECH_SHARE),
    ),
    Fact(
        "P03.S2",
        "占该高新区总量65%",
        "65 percent is actual in 2021-2025 not a bound",
        observation_qualifiers(HIGH_TECH_SHARE),
    ),
    Fact(
        "P03.S2",
        "重庆市级以上创新平台达123家",
        "123 innovation platforms observation",
        observation_core(PLATFORMS),
    ),
    Fact(
        "P03.S2",
        "重庆市级以上创新平台达123家",
        "123 is actual exactly in 2021-2025",
        observation_qualifiers(PLATFORMS),
    ),
    Fact(
        "P03.S2",
        "国家级专精特新“小巨人”企业增至9家",
        "9 little giants observation",
        observation_core(LITTLE_GIANTS),
    ),
    Fact(
        "P03.S2",
        "“小巨人”企业增至9家",
        "9 is actual exactly in 2021-2025",
        observation_qualifiers(LITTLE_GIANTS),
    ),
    Fact(
        "P03.S2",
        "发明专利数量与研发投入稳步增长",
        "no number invented for patents or r-and-d",
        # Of this article only: other sources (宁波 a6: 有效发明专利, 研发投入) do state such numbers.
        ask(
            "FILTER NOT EXISTS { ?o rdf:type pg:Observation ; pg:indicator ?i ; pg:value ?v ;\n"
            + "prov:wasDerivedFrom ?d .\n"
            + article_doc("?d")
            + zh_label_any("?i", "发明专利", "研发投入")
            # other articles (the corpus) state such numbers about other subjects
            + "FILTER NOT EXISTS { " + from_another_file("?o") + "}\n"
            + "}\n"
        ),
    ),
]

P04_FACTS = [
    Fact(
        "P04.S2",
        "主动融入西部陆海新通道",
        "yongchuan integrates into the western land-sea corridor",
        yongchuan_links("pg:integratesInto", "西部陆海新通道", "pg:Strategy"),
    ),
    Fact(
        "P04.S2",
        "主动融入…成渝地区双城经济圈建设",
        "yongchuan integrates into chengdu-chongqing",
        yongchuan_links("pg:integratesInto", "成渝地区双城经济圈", "pg:Strategy"),
    ),
    Fact(
        "P04.S2",
        "构建“四向”联通开放大通道",
        "four-way declares 4 and names none",
        ask(
            '?s skos:notation ?code . FILTER(STR(?code) = "四向")\n'
            "?s pg:hasComponent ?c . ?c pg:declaredCount ?n . FILTER(?n = 4)\n"
            "FILTER NOT EXISTS { ?s pg:hasComponent ?c2 . ?c2 pg:member ?m }\n"
        ),
    ),
    Fact(
        "P04.S2",
        "构建“四向”联通开放大通道",
        "yongchuan builds the four-way corridor",
        ask(
            yongchuan()
            + "?yc (pg:pursues|pg:runs|pg:hasPlatform)/pg:alignsWith* ?s .\n"
            + notation("?s", "四向")
        ),
    ),
    Fact(
        "P04.S2",
        "自贸区联动创新区建设稳步推进",
        "yongchuan builds the ftz linkage zone",
        yongchuan_links("pg:hasPlatform|pg:runs|pg:pursues", "联动创新区"),
    ),
]

P05_FACTS = [
    Fact(
        "P05.S2",
        "获评“中国十佳优质营商环境产业园区”",
        "yongchuan holds the top-ten title",
        yongchuan_links("pg:holdsTitle", "中国十佳优质营商环境产业园区", "pg:Title"),
    ),
    Fact(
        "P05.S3",
        "“企业管家”全生命周期服务…落地见效",
        "yongchuan runs the full-life-cycle enterprise steward service",
        # Not P14's 全员企业管家服务机制: this sentence's service is the full-life-cycle one.
        ask(yongchuan() + "?yc pg:runs ?x .\n" + zh_label("?x", "企业管家", "全生命周期")),
    ),
    Fact(
        "P05.S3",
        "一站式审批服务落地见效",
        "yongchuan runs one-stop approval",
        yongchuan_links("pg:runs", "一站式审批"),
    ),
]

P06_FACTS = [
    Fact(
        "P06.S1",
        "力争基本建成百强千亿高新区",
        "yongchuan aspires to be a baiqiang-qianyi zone",
        yongchuan_links("pg:aspiresTo", "百强千亿高新区"),
    ),
    Fact(
        "P06.S1",
        "规模以上工业总产值突破1500亿元",
        "output 1500e8 yuan target observation",
        observation_core(OUTPUT_2030),
    ),
    Fact(
        "P06.S1",
        "“十五五”…突破1500亿元",
        "output 1500e8 is target at least in 2026-2030",
        observation_qualifiers(OUTPUT_2030),
    ),
    Fact(
        "P06.S1",
        "规模以上工业总产值 (940亿元 / 1500亿元)",
        "actual and target output share one indicator",
        ask(
            observation(OUTPUT_2025, "?obs1")
            + "?obs1 pg:indicator ?ind .\n"
            + observation(OUTPUT_2030, "?obs2")
            + "?obs2 pg:indicator ?ind .\n"
        ),
    ),
    Fact(
        "P06.S1",
        "区域科技创新中心…建设取得突破性进展",
        "yongchuan pursues the regional innovation centre",
        ask(yongchuan_goal("区域科技创新中心")),
    ),
]

P07_FACTS = [
    Fact(
        "P07.S1",
        "永川区“二二五”总体发展思路",
        "225 is a strategy of yongchuan district",
        ask(
            strategy("?s", "二二五")
            + "{ ?s ?p ?area } UNION { ?area ?p ?s }\n"
            + is_a("?area", "pg:AdministrativeArea")
            + zh_label("?area", "永川")
        ),
    ),
    Fact(
        "P07.S1",
        "永川高新区将聚焦永川区“二二五”",
        "yongchuan pursues 225",
        ask(yongchuan() + "?yc pg:pursues/pg:alignsWith* ?s .\n" + strategy("?s", "二二五")),
    ),
    Fact(
        "P07.S1",
        "两大使命…两大定位…5张名片",
        "225 has exactly three components",
        ask(count_is(strategy("?s", "二二五") + "?s pg:hasComponent ?c .\n", "?c", 3)),
    ),
    Fact(
        "P07.S1",
        "扛牢加快建设重庆城市副中心、打造川南渝西开放枢纽两大使命",
        "225 two missions declares 2 and names both",
        two_two_five("使命", 2, ("重庆城市副中心", "川南渝西开放枢纽")),
    ),
    Fact(
        "P07.S1",
        "紧扣现代制造业基地、西部职教基地两大定位",
        "225 two positionings declares 2 and names both",
        two_two_five("定位", 2, ("现代制造业基地", "西部职教基地")),
    ),
    Fact(
        "P07.S1",
        "做靓国际枢纽城、科技影视城、活力创新城、数字智慧城、文明宜居城5张名片",
        "225 five name cards declares 5 and names all",
        two_two_five(
            "名片", 5, ("国际枢纽城", "科技影视城", "活力创新城", "数字智慧城", "文明宜居城")
        ),
    ),
]

P08_FACTS = [
    Fact(
        "P08.S2",
        "重点打造智能网联新能源汽车产业集群",
        "yongchuan has the nev cluster",
        ask(
            yongchuan()
            + "?yc pg:hasCluster ?c .\n"
            + is_a("?c", "pg:IndustrialCluster")
            + zh_label("?c", "智能网联新能源汽车")
            + "?c pg:industry ?i .\n"
            + is_a("?i", "pg:Industry")
        ),
    ),
    Fact(
        "P08.S2",
        "力争产值突破800亿元",
        "nev cluster output 800e8 yuan observation",
        observation_core(NEV_OUTPUT_2030),
    ),
    Fact(
        "P08.S2",
        "“十五五”…力争产值突破800亿元",
        "nev 800e8 is target at least in 2026-2030",
        observation_qualifiers(NEV_OUTPUT_2030),
    ),
    Fact(
        "P08.S2",
        "提质发展生产性服务业",
        "yongchuan develops producer services",
        ask(
            yongchuan()
            + f"?yc {PARK_INDUSTRY}|pg:pursues|pg:runs ?x .\n"
            + zh_label("?x", "生产性服务业")
        ),
    ),
    Fact(
        "P08.S2",
        "打造西南新材料创新应用高地",
        "yongchuan pursues the new-materials highland",
        ask(yongchuan_goal("新材料创新应用高地")),
    ),
    Fact(
        "P08.S2",
        "争创全国领先自动驾驶商业化运营城市",
        "yongchuan aspires to the autonomous-driving city",
        ask(
            yongchuan()
            + "?yc pg:hasCluster?/pg:aspiresTo ?g .\n"
            + zh_label("?g", "自动驾驶商业化运营城市")
        ),
    ),
]

P09_FACTS = [
    Fact(
        "P09.S2",
        "加快环重庆文理学院创新创业生态圈…建设",
        "yongchuan has the university eco-circle",
        yongchuan_links("pg:hasPlatform", "环重庆文理学院", "pg:Platform"),
    ),
    Fact(
        "P09.S2",
        "明月湖科创生态园永川特色园区建设",
        "yongchuan has the mingyue lake park",
        yongchuan_links("pg:hasPlatform", "明月湖", "pg:Platform"),
    ),
    Fact(
        "P09.S3",
        "打造重庆市人才副中心",
        "yongchuan pursues the talent sub-centre",
        ask(yongchuan_goal("人才副中心")),
    ),
]

P10_FACTS = [
    Fact(
        "P10.S2",
        "争创国家高标准数字园区",
        "yongchuan aspires to the digital park title",
        yongchuan_links("pg:aspiresTo", "高标准数字园区"),
    ),
    Fact(
        "P10.S2",
        "争创…零碳园区",
        "yongchuan aspires to the zero-carbon park title",
        yongchuan_links("pg:aspiresTo", "零碳园区"),
    ),
    Fact(
        "P10.S2",
        "争创 / 力争 (not 获评)",
        "yongchuan holds none of the aspired titles",
        ask(
            yongchuan()
            + "FILTER NOT EXISTS { ?yc pg:holdsTitle ?t . "
            + zh_label_any("?t", "数字园区", "零碳", "自动驾驶", "百强千亿")
            + "}\n"
        ),
    ),
]

# P11 (以“闯”的精神…; 这是…决心) restates the 百强千亿 goal of P01.S2 and states no new fact.

ACTION_FACTS = [
    Fact(
        "P12.S1",
        "产业提质攻坚行动全面铺开",
        "yongchuan runs the industry upgrading action",
        yongchuan_links("pg:runs", "产业提质攻坚行动", "pg:Initiative"),
    ),
    Fact(
        "P13.S1",
        "创新协同突破行动精准发力",
        "yongchuan runs the innovation synergy action",
        yongchuan_links("pg:runs", "创新协同突破行动", "pg:Initiative"),
    ),
    Fact(
        "P14.S1",
        "营商环境升级行动持续深化",
        "yongchuan runs the business environment action",
        yongchuan_links("pg:runs", "营商环境升级行动", "pg:Initiative"),
    ),
    Fact(
        "P15.S1",
        "打造渝西国际开放枢纽贡献高新力量",
        "yongchuan pursues the western hub",
        ask(yongchuan_goal("渝西国际开放枢纽")),
    ),
]

AD_FACTS = [
    Fact(
        "AD.2",
        "杭州高新区(滨江)",
        "hangzhou binjiang is a high-tech zone",
        ask(hangzhou() + is_a("?hz", "pg:HighTechZone")),
    ),
    Fact(
        "AD.1",
        "建设天堂硅谷 打造硅谷天堂",
        "hangzhou slogan",
        ask(
            hangzhou()
            + "?hz pg:slogan ?s .\n"
            + f'FILTER(REPLACE(STR(?s), {WS_REGEX}, "") = "建设天堂硅谷打造硅谷天堂")\n'
        ),
    ),
    Fact(
        "AD.4",
        "杭州高新技术产业开发区欢迎您",
        "hangzhou full name is an altlabel",
        ask(
            hangzhou()
            + '?hz skos:altLabel ?alt . FILTER(CONTAINS(STR(?alt), "杭州高新技术产业开发区"))\n'
        ),
    ),
    Fact(
        "AD.3",
        "杭州高新区(滨江) 微信公众号",
        "hangzhou has a wechat account",
        ask(hangzhou() + media_account("微信")),
    ),
    Fact(
        "AD.5",
        "杭州高新区(滨江) 抖音号",
        "hangzhou has a separate douyin account",
        ask(
            hangzhou()
            + media_account("抖音", "?douyin")
            + media_account("微信", "?wechat")
            + "FILTER(?douyin != ?wechat)\n"
        ),
    ),
    Fact(
        "AD",
        "(the advertisement states no industry, number or plan)",
        "nothing invented about hangzhou",
        ask(
            hangzhou()
            # What another source (a corpus article on the same park) states is its own.
            + "FILTER NOT EXISTS { ?hz pg:hasCluster|pg:pursues|pg:aspiresTo|pg:holdsTitle"
            "|pg:hasPlatform|pg:runs|pg:integratesInto ?x .\n"
            "FILTER NOT EXISTS { " + from_another_file("?x") + "} }\n"
            "FILTER NOT EXISTS { ?o pg:about ?hz . FILTER NOT EXISTS { " + from_another_file("?o") + "} }\n"
        ),
    ),
]

GRAPH_FACTS = [
    Fact(
        "G",
        "(every number)",
        "every observation is derived from a source document",
        every(
            "?x rdf:type pg:Observation .\n",
            "?x",
            "?x prov:wasDerivedFrom ?d . ?d rdf:type pg:SourceDocument . ?x pg:evidence ?e",
        ),
    ),
    Fact(
        "G",
        "(every park)",
        "every park is derived from a source document",
        every(
            is_a("?x", "pg:Park"),
            "?x",
            "?x prov:wasDerivedFrom ?d . ?d rdf:type pg:SourceDocument . ?x pg:evidence ?e",
        ),
    ),
    Fact(
        "G",
        "(every cluster)",
        "every cluster is derived from a source document",
        every(
            is_a("?x", "pg:IndustrialCluster"),
            "?x",
            "?x prov:wasDerivedFrom ?d . ?d rdf:type pg:SourceDocument . ?x pg:evidence ?e",
        ),
    ),
    # Verbatim evidence is checked against the source text itself in test_sources.py: the
    # project does not redistribute the article, so its text is not copied here.
    Fact(
        "G",
        "(all evidence)",
        "evidence is a short span of at most about 80 characters",
        ask("FILTER NOT EXISTS { ?x pg:evidence ?e . FILTER(STRLEN(STR(?e)) > 100) }\n"),
    ),
    Fact(
        "G",
        "940亿元 245家 65% 123家 9家 1500亿元 800亿元",
        "every value is a number in the text",
        ask(
            "FILTER NOT EXISTS {\n"
            + ARTICLE_OBSERVATION
            + "?o pg:value ?v .\n"
            + f"FILTER(?v NOT IN ({', '.join(str(v) for v in ARTICLE_VALUES)}))\n"
            + "}\n"
        ),
    ),
    Fact(
        "G",
        "940亿元 245家 65% 123家 9家 1500亿元 800亿元",
        "one observation per stated number",
        ask(count_is(ARTICLE_OBSERVATION, "?o", len(ARTICLE_VALUES))),
    ),
    Fact(
        "G",
        "(contract)",
        "every value is an xsd decimal",
        every(
            "?x rdf:type pg:Observation .\n",
            "?x",
            "?x pg:value ?v . FILTER(DATATYPE(?v) = xsd:decimal) "
            "FILTER NOT EXISTS { ?x pg:value ?w . FILTER(DATATYPE(?w) != xsd:decimal) }",
        ),
    ),
    Fact(
        "G",
        "十四五 / 十五五",
        "every period is a pg-Period with gYear bounds",
        every(
            "?o pg:period ?x .\n",
            "?x",
            # A bound the text leaves open (截至目前: an end, no start) is absent, as the
            # ontology's PeriodYearsShape allows; every bound given is a gYear.
            "?x rdf:type pg:Period . ?x pg:startYear|pg:endYear ?y . "
            "FILTER NOT EXISTS { ?x pg:startYear|pg:endYear ?b . FILTER(DATATYPE(?b) != xsd:gYear) }",
        ),
    ),
    Fact(
        "G",
        "(contract)",
        "no component has more members than it declares",
        ask(
            "FILTER NOT EXISTS {\n"
            "{ SELECT ?c (COUNT(DISTINCT ?m) AS ?k) WHERE { ?c pg:member ?m } GROUP BY ?c }\n"
            "?c pg:declaredCount ?n . FILTER(?k > ?n)\n"
            "}\n"
        ),
    ),
    Fact(
        "G",
        "(the text only says 永川高新区)",
        "no full name of yongchuan is invented",
        ask(
            yongchuan()
            + "FILTER NOT EXISTS { ?yc (rdfs:label|skos:prefLabel|skos:altLabel|skos:hiddenLabel)"
            ' ?name . FILTER(CONTAINS(STR(?name), "高新技术产业开发区")) }\n'
        ),
    ),
]

FACTS: list[Fact] = [
    *TITLE_FACTS,
    *P01_FACTS,
    *P02_FACTS,
    *P03_FACTS,
    *P04_FACTS,
    *P05_FACTS,
    *P06_FACTS,
    *P07_FACTS,
    *P08_FACTS,
    *P09_FACTS,
    *P10_FACTS,
    *ACTION_FACTS,
    *AD_FACTS,
    *GRAPH_FACTS,
]


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def store() -> ox.Store:
    """The ontology and the curated data, parsed once into an in-memory store."""
    ontology = sorted((ROOT / "ontology").glob("*.ttl"))
    data = sorted((ROOT / "data").glob("*.ttl"))
    if not ontology or not data:
        pytest.fail(f"nothing to check: ontology/*.ttl {len(ontology)}, data/*.ttl {len(data)}")
    graph = ox.Store()
    for path in [*ontology, *data]:
        graph.load(path=path, format=ox.RdfFormat.TURTLE)
    return graph


@pytest.mark.parametrize("fact", FACTS, ids=[fact.test_id for fact in FACTS])
def test_article_fact(store: ox.Store, fact: Fact) -> None:
    query = PROLOGUE + fact.ask_query
    if not bool(store.query(query)):
        pytest.fail(
            f"{fact.sentence_id}: {fact.description}\n"
            f"  sentence: {fact.sentence_excerpt}\n"
            f"  not in the graph; this query answers false:\n{query}",
            pytrace=False,
        )


def test_fact_ids_are_unique() -> None:
    ids = [fact.test_id for fact in FACTS]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
