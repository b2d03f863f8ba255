"""b6 《芜湖市4家开发区入围2018年度安徽省30强》: four Wuhu zones in Anhui's top 30 of 2018, the
city's zones' 2018 figures and the "5511" programme's 十三五 targets, sentence by sentence.

Header: 芜湖日报, 2019-05-10 (a reprint on te-ch.tech). The ranking is of 2018年度 (the title),
published 近日. 全市开发区 — the city's development zones taken as a whole — is the subject of
P02's and P03's numbers: a class of zone (pg:Category), not a park. The title's 4家 is about the
city, and each zone's 前30强 is its own rank (the body lists the four; it does not say 4家).
"""

from __future__ import annotations

from factwalk import (
    COUNT,
    LABELS,
    PERCENT,
    RANK,
    USD,
    YUAN,
    Fact,
    Walk,
    When,
    actual,
    ask,
    derived_count,
    derived_from,
    doc,
    file_name,
    is_a,
    issued,
    lit,
    names,
    no_components,
    notation,
    stated,
    target,
    zh_label,
    zh_label_any,
    zh_labels_within,
)

ARTICLE = "b6"
FILE = "b6_wuhu-four-zones-provincial-top30-2019.txt"
ADDRESS = "http://te-ch.tech/news/show-68956.html"

DOC = doc("?doc", "芜湖市4家开发区入围2018年度安徽省30强")
Y2018 = When(2018, 2018)
FYP13 = When(2016, 2020)  # “十三五”期间
FYP13_END = When(2020, 2020)  # “十三五”末

ZONES = (
    ("芜湖高新技术产业开发区", "pg:HighTechZone", "wuhu htz"),
    ("新芜经济开发区", "pg:EconomicDevelopmentZone", "xinwu edz"),
    ("鸠江经济开发区", "pg:EconomicDevelopmentZone", "jiujiang edz"),
    ("芜湖经济技术开发区", "pg:EconomicDevelopmentZone", "wuhu etdz"),
)


def zone(name: str, node: str = "?z") -> str:
    """`node` is the park named `name` (the text gives each only its full name)."""
    return is_a(node, "pg:Park") + zh_label(node, name)


def wuhu(node: str = "?city") -> str:
    return is_a(node, "pg:AdministrativeArea") + zh_label(node, "芜湖")


def city_zones(node: str = "?cz") -> str:
    """`node` is the class 全市开发区: Wuhu's development zones taken as a whole."""
    return is_a(node, "pg:Category") + zh_label_any(node, "全市开发区", "芜湖市开发区")


def programme(node: str = "?s") -> str:
    return is_a(node, "pg:Strategy") + notation(node, "5511")


ABOUT_CITY_ZONES = (city_zones(), "?cz")

W = Walk(ARTICLE, DOC)
fact, num = W.fact, W.number

# --- the source document and the title ------------------------------------------------------

fact("T", "芜湖市4家开发区入围2018年度安徽省30强", "source document has the title", ask(DOC))
fact("T", "(file)", "source document records its file name", file_name(DOC, "?doc", FILE))
fact(
    "T",
    "# note: 芜湖日报…，2019-05-10",
    "source document is dated 2019-05-10",
    issued(DOC, "?doc", "2019-05-10"),
)
fact(
    "T",
    f"# source: {ADDRESS}",
    "source document names the page it rewrites",
    ask(DOC + f"?doc dcterms:source|prov:wasRevisionOf ?src . FILTER(STR(?src) = {lit(ADDRESS)})\n"),
)
fact(
    "T",
    "# note: 芜湖日报",
    "source document names the newspaper",
    ask(DOC + "?doc dcterms:publisher|schema:publisher ?pub .\n" + names("?pub", "芜湖日报")),
)
E = "芜湖市4家开发区入围2018年度安徽省30强"
num("T", E, "4 wuhu zones in the top 30", actual("4", "4家", (wuhu(), "?city"), ("30强",), COUNT), Y2018)

# --- P01 --------------------------------------------------------------------------------------

S = "P01.S1"
E = "近日，安徽省发改委对综合考核评价位居前30位的开发区名单进行了公示"
fact(
    S,
    E,
    "the anhui development and reform commission is an organisation",
    ask(is_a("?o", "pg:Organization") + zh_label("?o", "安徽省发改委") + derived_from("?o", DOC, "?doc")),
)
fact(
    S,
    "安徽省30强 / 全省",
    "anhui is an area",
    ask(is_a("?a", "pg:AdministrativeArea") + zh_label("?a", "安徽") + derived_from("?a", DOC, "?doc")),
)

S = "P01.S2"
E = "芜湖市芜湖高新技术产业开发区、新芜经济开发区、鸠江经济开发区、芜湖经济技术开发区入围全省前30强"
fact(S, E, "wuhu is an area", ask(wuhu() + derived_from("?city", DOC, "?doc")))
for name, cls, slug in ZONES:
    fact(
        S,
        E,
        f"{slug} is a zone of its class",
        ask(is_a("?z", cls) + zh_label("?z", name) + derived_from("?z", DOC, "?doc")),
    )
    # The text writes the first of them with the city before it, as one string.
    forms = (name, "芜湖市" + name) if name == "芜湖高新技术产业开发区" else (name,)
    fact(S, E, f"no other name of {slug} is invented", ask(zone(name) + zh_labels_within("?z", *forms)))
    fact(S, E, f"{slug} lies in wuhu", ask(zone(name) + "?z pg:locatedIn+ ?city .\n" + wuhu()))
    num(
        S,
        E,
        f"{slug} in the top 30",
        actual("30", "前30强", (zone(name), "?z"), ("综合考核评价",), RANK, "pg:AtMost"),
        Y2018,
    )
fact(
    S,
    "芜湖高新技术产业开发区 (a high-tech zone, not an economic development zone)",
    "the htz is not typed an economic development zone",
    ask(zone("芜湖高新技术产业开发区") + "FILTER NOT EXISTS { ?z rdf:type pg:EconomicDevelopmentZone }\n"),
)

# --- P02 --------------------------------------------------------------------------------------

S = "P02.S1"
E = "巩固并提升开发区作为全市经济发展“主战场”的地位"
fact(
    S,
    E,
    "the city's zones are the main battlefield",
    ask(
        city_zones()
        + "{ ?cz pg:holdsTitle ?t . ?t rdf:type pg:Title . ?t rdfs:label|skos:prefLabel ?l .\n"
        + '  FILTER(CONTAINS(STR(?l), "主战场")) }\n'
        + 'UNION { ?cz pg:role ?r . FILTER(CONTAINS(STR(?r), "主战场")) }\n'
    ),
)
fact(
    S,
    "全市开发区 (a class of zone, not a park)",
    "the city's zones are not a park",
    ask(
        city_zones()
        + "FILTER NOT EXISTS { ?cz rdf:type/rdfs:subClassOf* pg:Park }\n"
        + derived_from("?cz", DOC, "?doc")
    ),
)

S = "P02.S2"
E = "2018年，全市开发区实现经营收入6251.36亿元，增长10.38%；工业总产值4362.41亿元，增长11.36%"
num(
    S,
    E,
    "business revenue 6251.36e8",
    actual("625136000000", "6251.36亿元", ABOUT_CITY_ZONES, ("经营收入",), YUAN),
    Y2018,
)
num(
    S,
    E,
    "business revenue growth 10.38",
    actual("10.38", "10.38%", ABOUT_CITY_ZONES, ("经营收入", "增长"), PERCENT),
    Y2018,
)
num(
    S,
    E,
    "industrial output 4362.41e8",
    actual("436241000000", "4362.41亿元", ABOUT_CITY_ZONES, ("工业总产值",), YUAN),
    Y2018,
)
num(
    S,
    E,
    "industrial output growth 11.36",
    actual("11.36", "11.36%", ABOUT_CITY_ZONES, ("工业总产值", "增长"), PERCENT),
    Y2018,
)

S = "P02.S3"
E = "2018年，全市开发区有亿元以上在建项目268个，完成投资额331.96亿元；新签约亿元以上项目195个…"
num(
    S,
    E,
    "268 projects under construction",
    actual("268", "268个", ABOUT_CITY_ZONES, ("在建项目",), COUNT),
    Y2018,
)
num(
    S,
    E,
    "investment completed 331.96e8",
    actual("33196000000", "331.96亿元", ABOUT_CITY_ZONES, ("完成投资",), YUAN),
    Y2018,
)
num(S, E, "195 projects signed", actual("195", "195个", ABOUT_CITY_ZONES, ("新签约",), COUNT), Y2018)
num(
    S,
    E,
    "total investment signed 629.68e8",
    actual("62968000000", "629.68亿元", ABOUT_CITY_ZONES, ("总投资",), YUAN),
    Y2018,
)

# --- P03 --------------------------------------------------------------------------------------

S = "P03.S1"
E = "根据开发区“十三五”发展规划，全市将实施“5511”工程"
fact(
    S,
    E,
    "5511 is a programme from the article",
    ask(programme() + zh_label("?s", "工程") + derived_from("?s", DOC, "?doc")),
)
fact(
    S,
    E,
    "wuhu carries out 5511",
    ask(programme() + wuhu() + "{ ?s pg:owner ?city } UNION { ?city pg:pursues ?s }\n"),
)
fact(S, E, "5511 has no components", no_components(programme(), "?s"))
E = "“十三五”期间，围绕15个开发区，培育支持50个领军企业"
num(S, E, "15 zones targeted", target("15", "15个", ABOUT_CITY_ZONES, ("开发区",), COUNT), FYP13)
num(S, E, "50 leading firms targeted", target("50", "50个", ABOUT_CITY_ZONES, ("领军企业",), COUNT), FYP13)
E = "力争在“十三五”末实现开发区经营（销售）收入10000亿元、进出口总额超100亿美元"
num(
    S,
    E,
    "business revenue target 10000e8",
    target("1000000000000", "10000亿元", ABOUT_CITY_ZONES, ("经营",), YUAN),
    FYP13_END,
)
TRADE = target("10000000000", "100亿美元", ABOUT_CITY_ZONES, ("进出口总额",), USD, "pg:AtLeast")
num(S, E, "trade target over 100e8 usd", TRADE, FYP13_END)
fact(
    S,
    "进出口总额超100亿美元",
    "the trade target is in us dollars",
    ask(
        stated(TRADE)
        + "{ ?obs pg:unit pg:USD } UNION "
        + f"{{ ?obs pg:indicator ?i . {{ ?obs pg:indicatorText ?t }} UNION {{ ?i {LABELS} ?t }} "
        + 'FILTER(CONTAINS(STR(?t), "美元")) }\n'
    ),
)

S = "P03.S2"
E = "全市将把开发区建设成为新型工业化发展的引领区、高水平营商环境的示范区…开放型经济和体制创新的先行区"
for word, slug in (
    ("新型工业化发展的引领区", "leading area"),
    ("高水平营商环境的示范区", "demonstration area"),
    ("大众创业万众创新的集聚区", "cluster area"),
    ("开放型经济和体制创新的先行区", "pilot area"),
):
    fact(
        S,
        E,
        f"the city's zones aspire to be the {slug}",
        ask(city_zones() + "?cz pg:aspiresTo ?g .\n" + zh_label("?g", word)),
    )

# --- the whole article --------------------------------------------------------------------------

W.whole_article()
fact(
    "G", "the four zones", "four parks are derived from the article", derived_count("pg:Park", DOC, "?doc", 4)
)
fact(
    "G",
    "芜湖市 安徽省",
    "two areas are derived from the article",
    derived_count("pg:AdministrativeArea", DOC, "?doc", 2),
)
fact("G", "“5511”", "one strategy is derived from the article", derived_count("pg:Strategy", DOC, "?doc", 1))
fact(
    "G",
    "前30位 / 30强 (the size of the list is not a number of its own)",
    "only the four ranks have the value 30",
    ask(
        DOC
        + "FILTER NOT EXISTS { ?o rdf:type pg:Observation ; prov:wasDerivedFrom ?doc ; pg:value ?v .\n"
        + "FILTER(?v = 30)\n"
        + "FILTER NOT EXISTS { ?o pg:unit pg:Rank } }\n"
    ),
)

FACTS: list[Fact] = W.facts
