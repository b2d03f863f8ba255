"""b2: 广州黄埔将实施万亿制造计划 力争工业总产值年均增长千亿元以上 (南方日报, 2021-02-20), fact by fact.

Written from the article's text and the ontology contract only. 该区 is 广州开发区 (with 黄埔区,
which the text names beside it; the numbers are the park's). 力争工业总产值年均增长1000亿元以上 is
stated in P01, again in P03 and in the headline: one fact, one observation, a target of the
“十四五” named in its sentence. The counts 1个, 2个, 4个 of the clusters are the tiers of the
code “黄埔制造万亿计划” and live in its components (the corpus conventions); 两位数增长 gives no
number. The five sub-parks get their areas (a specification of the park, actual, no period).
"""

from __future__ import annotations

from dataclasses import replace

from factwalk import (
    AUTHOR_PROPS,
    COUNT,
    KM2,
    PERCENT,
    RANK,
    YUAN,
    Fact,
    Number,
    ask,
    count_is,
    dated,
    derived_count,
    derived_from,
    entity,
    fresh,
    industry_of,
    is_a,
    names,
    no_label_with,
    number_facts,
    park_industry,
    source_doc,
    values_only,
    zh_label,
)

ARTICLE = "b2"
FILE = "b2_guangzhou-huangpu-edz-trillion-manufacturing-plan-2021.txt"
ADDRESS = "http://apecsme.org/guonei/2021022036317.html"

DOC = source_doc("?doc", FILE, "广州黄埔将实施万亿制造计划")
GZ = entity("?gz", "pg:EconomicDevelopmentZone", "广州开发区")
ABOUT_GZ = (GZ, "?gz")
Y2020 = (2020, 2020)
Y2021 = (2021, 2021)
FYP14 = (2021, 2025)
FYP13 = (2016, 2020)
CODE = "黄埔制造万亿计划"


def facts(sentence_id: str, excerpt: str, n: Number, tag: str = "") -> list[Fact]:
    """The number's checks; `tag` tells apart two numbers of one sentence with one surface form."""
    out = number_facts(ARTICLE, sentence_id, excerpt, n, DOC)
    return [replace(f, description=f"{tag} {f.description}") for f in out] if tag else out


def sub_park(word: str) -> tuple[str, str]:
    return (entity("?sub", "pg:Park", word), "?sub")


def strategy(node: str) -> str:
    """`node` is the strategy 黄埔制造万亿计划 (its code name in skos:notation or a zh label)."""
    name = fresh("code")
    return (
        is_a(node, "pg:Strategy")
        + f"{node} (skos:notation|rdfs:label|skos:prefLabel|skos:altLabel) {name} . "
        + f'FILTER(CONTAINS(STR({name}), "{CODE}"))\n'
    )


def tier(label_word: str, declared: int, members: tuple[str, ...]) -> str:
    """The code has a component labelled `label_word` declaring `declared`, naming `members`."""
    body = (
        strategy("?s")
        + "?s pg:hasComponent ?c .\n"
        + is_a("?c", "pg:StrategyComponent")
        + f"?c pg:declaredCount ?n . FILTER(?n = {declared})\n"
        + zh_label("?c", label_word)
    )
    for word in members:
        member = fresh("member")
        body += f"?c pg:member {member} .\n" + names(member, word)
    return ask(body)


def industry(sentence_id: str, excerpt: str, word: str, slug: str) -> Fact:
    return Fact(
        ARTICLE,
        sentence_id,
        excerpt,
        f"guangzhou edz has the {slug} industry",
        ask(GZ + park_industry("?gz", word)),
    )


def cluster(sentence_id: str, excerpt: str, word: str, slug: str) -> Fact:
    return Fact(
        ARTICLE,
        sentence_id,
        excerpt,
        f"guangzhou edz builds the {slug} cluster",
        ask(
            GZ
            + "?gz pg:hasCluster ?c .\n"
            + is_a("?c", "pg:IndustrialCluster")
            + "?c pg:industry? ?i .\n"
            + zh_label("?i", word)
        ),
    )


def park_from_article(sentence_id: str, excerpt: str, word: str, slug: str) -> Fact:
    return Fact(
        ARTICLE,
        sentence_id,
        excerpt,
        f"{slug} is a park from this article",
        ask(entity("?p", "pg:Park", word) + derived_from("?p", DOC, "?doc")),
    )


GROWTH = Number(
    "10", "10%", ABOUT_GZ, ("地区生产总值", "增长"), PERCENT, "pg:Target", "pg:Approximately", Y2021
)
INVESTMENT = Number(
    "20", "20%", ABOUT_GZ, ("固定资产投资", "增长"), PERCENT, "pg:Target", "pg:AtLeast", Y2021
)
OUTPUT_GAIN = Number(
    "100000000000", "1000亿元", ABOUT_GZ, ("工业总产值", "年均增长"), YUAN, "pg:Target", "pg:AtLeast", FYP14
)
OUTPUT_2020 = Number(
    "803300000000", "8033亿元", ABOUT_GZ, ("工业总产值",), YUAN, "pg:Actual", "pg:Exactly", Y2020
)
BIOSAFETY = Number("3", "3平方公里", sub_park("生物安全产业园"), ("布局",), KM2, "pg:Actual", None, None)
ZHAIDONG = Number("2", "2平方公里", sub_park("翟洞智能制造产业园"), ("布局",), KM2, "pg:Actual", None, None)
SANTIAOWEI = Number("2", "2平方公里", sub_park("三条围"), ("布局",), KM2, "pg:Actual", None, None)
CHIPS = Number("3.5", "3.5平方公里", sub_park("集成电路产业园"), ("扩大",), KM2, "pg:Actual", None, None)
BIOMED = Number("1.7", "1.7平方公里", sub_park("生物医药价值创新园"), ("拓展",), KM2, "pg:Actual", None, None)
SERVICE_FIRMS = Number(
    "1000", "1000家", ABOUT_GZ, ("规上服务业企业",), COUNT, "pg:Actual", "pg:AtLeast", FYP13
)
# 规上营利性服务业营收增长8.5%: an industry's number, about the park's industry (the conventions)
SERVICE_REVENUE = Number(
    "8.5",
    "8.5%",
    industry_of(GZ, "?gz", "?ind_about", "营利性服务业"),
    ("营收",),
    PERCENT,
    "pg:Actual",
    None,
    Y2020,
)
SALES = Number(
    "968300000000", "9683亿元", ABOUT_GZ, ("商品销售总额",), YUAN, "pg:Actual", "pg:Exactly", Y2020
)
SALES_RANK = Number("1", "第一", ABOUT_GZ, ("商品销售总额",), RANK, "pg:Actual", None, Y2020)

NUMBERS = (
    GROWTH, INVESTMENT, OUTPUT_GAIN, OUTPUT_2020, BIOSAFETY, ZHAIDONG, SANTIAOWEI, CHIPS, BIOMED,
    SERVICE_FIRMS, SERVICE_REVENUE, SALES, SALES_RANK,
)  # fmt: skip

SUB_PARKS = (
    ("生物安全产业园", "the biosafety industrial park"),
    ("翟洞智能制造产业园", "the zhaidong intelligent manufacturing park"),
    ("三条围", "the santiaowei new materials park"),
    ("集成电路产业园", "the integrated circuit park"),
    ("生物医药价值创新园", "the biomedicine value innovation park"),
)

FACTS: list[Fact] = [
    Fact(ARTICLE, "T", "广州黄埔将实施万亿制造计划", "source document title and file", ask(DOC)),
    Fact(
        ARTICLE,
        "T",
        "# note: 南方日报 … 2021-02-20",
        "source document dated 2021-02-20",
        ask(DOC + dated("?doc", "2021-02-20")),
    ),
    Fact(
        ARTICLE,
        "T",
        f"# source: {ADDRESS}",
        "source document names the page it rewrites",
        ask(DOC + f"?doc dcterms:source|prov:wasRevisionOf|dcterms:isVersionOf <{ADDRESS}> .\n"),
    ),
    # P01.S1
    Fact(
        ARTICLE,
        "P01.S1",
        "南方日报讯（记者/吴雨伦 通讯员/范敏玲）",
        "source document names its reporter",
        ask(DOC + f"?doc {AUTHOR_PROPS} ?author .\n" + names("?author", "吴雨伦")),
    ),
    Fact(
        ARTICLE,
        "P01.S1",
        "南方日报讯",
        "the newspaper nanfang daily is an organisation",
        ask(entity("?o", "pg:Organization", "南方日报") + derived_from("?o", DOC, "?doc")),
    ),
    park_from_article("P01.S1", "广州黄埔区、广州开发区召开", "广州开发区", "guangzhou edz"),
    Fact(
        ARTICLE,
        "P01.S1",
        "广州黄埔区",
        "huangpu district is an area of guangzhou",
        ask(
            entity("?hp", "pg:AdministrativeArea", "黄埔")
            + derived_from("?hp", DOC, "?doc")
            + "?hp pg:locatedIn+ ?city .\n"
            + zh_label("?city", "广州")
            + "FILTER NOT EXISTS { ?hp rdf:type/rdfs:subClassOf* pg:Park }\n"
        ),
    ),
    Fact(
        ARTICLE,
        "P01.S1",
        "广州黄埔区、广州开发区",
        "guangzhou edz is in guangzhou",
        ask(
            GZ
            + "?gz pg:locatedIn+ ?city .\n"
            + is_a("?city", "pg:AdministrativeArea")
            + zh_label("?city", "广州")
        ),
    ),
    # P01.S2
    *facts("P01.S2", "2021年地区生产总值增长10%左右", GROWTH),
    *facts("P01.S2", "固定资产投资增长20%以上", INVESTMENT),
    Fact(
        ARTICLE,
        "P01.S2",
        "该区还将实施“黄埔制造万亿计划”",
        "guangzhou edz pursues the huangpu trillion manufacturing plan",
        ask(GZ + "?gz pg:pursues ?s .\n" + strategy("?s") + derived_from("?s", DOC, "?doc")),
    ),
    *facts("P01.S2", "力争工业总产值年均增长1000亿元以上，为“十四五”开局打下坚实基础", OUTPUT_GAIN),
    # P02.S1
    *facts("P02.S1", "2020年该区工业总产值达8033亿元", OUTPUT_2020),
    # P02.S2
    Fact(
        ARTICLE,
        "P02.S2",
        "1个三千亿级、…2个两千亿级，以及…4个千亿级产业集群",
        "the plan has exactly three components",
        ask(count_is(strategy("?s") + "?s pg:hasComponent ?c .\n", "?c", 3)),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "以新一代信息技术为主的1个三千亿级",
        "the plan's 300-billion tier declares 1 and names it",
        tier("三千亿级", 1, ("新一代信息技术",)),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "以汽车制造和新材料为主的2个两千亿级",
        "the plan's 200-billion tier declares 2 and names both",
        tier("两千亿级", 2, ("汽车制造", "新材料")),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "以绿色能源、生物技术、高端装备和健康食品为主的4个千亿级产业集群",
        "the plan's 100-billion tier declares 4 and names all",
        tier("千亿级", 4, ("绿色能源", "生物技术", "高端装备", "健康食品")),
    ),
    *[
        cluster("P02.S2", f"以{word}…为主的…产业集群", word, slug)
        for word, slug in (
            ("新一代信息技术", "new-generation it"),
            ("汽车制造", "automobile manufacturing"),
            ("新材料", "new materials"),
            ("绿色能源", "green energy"),
            ("生物技术", "biotechnology"),
            ("高端装备", "high-end equipment"),
            ("健康食品", "health food"),
        )
    ],
    # P03.S1
    *[park_from_article("P03.S1", f"{word}", word, slug) for word, slug in SUB_PARKS],
    *facts("P03.S1", "该区新布局了3平方公里的生物安全产业园", BIOSAFETY),
    *facts("P03.S1", "2平方公里的翟洞智能制造产业园", ZHAIDONG, "zhaidong"),
    *facts("P03.S1", "2平方公里的“三条围”新材料产业园", SANTIAOWEI, "santiaowei"),
    *facts("P03.S1", "集成电路产业园扩大3.5平方公里", CHIPS),
    *facts("P03.S1", "生物医药价值创新园拓展1.7平方公里", BIOMED),
    # P03.S3
    Fact(
        ARTICLE,
        "P03.S3",
        "力争工业总产值年均增长1000亿元以上，打造全国工业最强区",
        "guangzhou edz aspires to be the strongest industrial district",
        ask(
            GZ
            + "?gz pg:aspiresTo ?t .\n"
            + zh_label("?t", "全国工业最强区")
            + "FILTER NOT EXISTS { ?gz pg:holdsTitle ?h . "
            + zh_label("?h", "最强区")
            + "}\n"
        ),
    ),
    # P04.S1
    industry("P04.S1", "黄埔区、广州开发区的商贸服务业高速发展", "商贸服务业", "trade services"),
    *facts("P04.S1", "规上服务业企业突破1000家", SERVICE_FIRMS),
    industry(
        "P04.S1",
        "软件和信息技术服务、商务服务、道路运输等行业",
        "软件和信息技术服务",
        "software and it services",
    ),
    industry("P04.S1", "软件和信息技术服务、商务服务、道路运输等行业", "商务服务", "business services"),
    industry("P04.S1", "软件和信息技术服务、商务服务、道路运输等行业", "道路运输", "road transport"),
    *facts("P04.S1", "2020年，规上营利性服务业营收增长8.5%", SERVICE_REVENUE),
    *facts("P04.S1", "商品销售总额达到9683亿元", SALES),
    *facts("P04.S1", "商品销售总额达到9683亿元，首次跃居广州第一", SALES_RANK, "sales rank"),
    # P04.S2
    industry("P04.S2", "为现代服务业的发展提供了有力支撑", "现代服务业", "modern services"),
    # The whole article
    Fact(
        ARTICLE,
        "G",
        " ".join(n.surface for n in NUMBERS),
        "one observation per stated number",
        derived_count("pg:Observation", DOC, "?doc", len(NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "(2月19日 names a date; 1个 2个 4个 are the code's tiers; 两位数 is no number)",
        "every value is a number of the text",
        values_only(DOC, "?doc", tuple(n.value for n in NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "1000亿元 (P01.S2, P03.S3 and the headline)",
        "the output gain target is one observation",
        ask(
            count_is(
                "?o rdf:type pg:Observation ; prov:wasDerivedFrom ?doc ; pg:value ?v .\n"
                + f"FILTER(?v = {OUTPUT_GAIN.value})\n"
                + DOC,
                "?o",
                1,
            )
        ),
    ),
    Fact(
        ARTICLE,
        "G",
        "广州开发区 and five sub-parks",
        "six parks from this article",
        derived_count("pg:Park", DOC, "?doc", 1 + len(SUB_PARKS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "(the text only says 广州开发区)",
        "no full name of guangzhou edz is invented",
        no_label_with(GZ, "?gz", "经济技术开发区"),
    ),
]
