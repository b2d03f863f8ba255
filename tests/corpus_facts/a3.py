"""a3: 苏州工业园区：打造特色产业体系 展示中国式现代化园区新图景 (中国青年网, 2023-04-24).

Written from the article's text and the ontology contract only. Paragraphs are counted in the
body after the header lines and the title. 截至目前 is the article's year, 2023.
"""

from __future__ import annotations

from factwalk import (
    COUNT,
    LABELS,
    OTHER,
    PERCENT,
    YUAN,
    Fact,
    Number,
    ask,
    component,
    components_are,
    derived_from,
    doc_file,
    fresh,
    is_a,
    issued_on,
    lit,
    named,
    no_park_named,
    notation,
    observation_count,
    published_by,
    related_from,
    revision_of,
    stated_number_facts,
    values_among,
    zh_label,
    zh_label_any,
)

ARTICLE = "a3"
FILE = "a3_suzhou-sip-321-industry-system-2023.txt"
ADDRESS = "http://food.yazhou.com.cn/xw/2023/0425/25309777.html"

DOC = doc_file("?doc", FILE)

PARK_INDUSTRY = "((pg:hasCluster/pg:industry?)|pg:hasIndustry)"


def sip(node: str = "?sip") -> str:
    return is_a(node, "pg:Park") + zh_label(node, "苏州工业园区")


def rel(subject_pattern: str, subject: str, props: str, cls: str | None, *words: str) -> str:
    """`subject` -props-> a node labelled with `words`, derived from this article."""
    return related_from(subject_pattern, subject, props, cls, DOC, "?doc", *words)


def facts(sentence_id: str, excerpt: str, n: Number, name: str, as_of: bool = False) -> list[Fact]:
    return stated_number_facts(ARTICLE, sentence_id, excerpt, n, name, DOC, as_of=as_of)


def of_this_article(node: str) -> str:
    return derived_from(node, DOC, "?doc")


def industry_of_sip(word: str) -> str:
    target = fresh("industry")
    return ask(
        sip() + f"?sip {PARK_INDUSTRY} {target} .\n" + zh_label(target, word) + of_this_article(target)
    )


def not_a_park(word: str) -> str:
    """What the text names `word` (a cooperation area, a centre, a pilot zone) is no park."""
    return no_park_named(DOC, "?doc", word)


STRATEGY_321 = is_a("?s321", "pg:Strategy") + notation("?s321", "3+2+1")
STRATEGY_112 = is_a("?s12", "pg:Strategy") + notation("?s12", "一区两中心")

ABOUT_SIP = (sip(), "?sip")
# 三大新兴产业的总产值: about the three emerging industries (a cluster's or industry's number is
# about it, not about the park), whatever node the text's 三大新兴产业 became.
ABOUT_EMERGING = (
    "?emerging "
    + LABELS
    + ' ?emerginglabel . FILTER(CONTAINS(STR(?emerginglabel), "新兴产业"))\n'
    + "FILTER NOT EXISTS { "
    + is_a("?emerging", "pg:Park")
    + "}\n",
    "?emerging",
)
ABOUT_SINO_SINGAPORE = (zh_label("?csa", "中新合作区"), "?csa")
Y2022 = (2022, 2022)
NOW = (2023, 2023)  # 截至目前
USD = ("usd", "美元", *OTHER)
KM2 = ("squarekilometre", "平方公里", *OTHER)

FORTUNE500 = Number("166", "166个", ABOUT_SIP, ("世界500强",), COUNT, "pg:Actual", None, NOW)
HEADQUARTERS = Number("168", "168家", ABOUT_SIP, ("总部企业",), COUNT, "pg:Actual", None, NOW)
UNIVERSITIES = Number("33", "33家", ABOUT_SIP, ("名校",), COUNT, "pg:Actual", None, NOW)
HIGH_TECH = Number("2489", "2489家", ABOUT_SIP, ("高新技术企业",), COUNT, "pg:Actual", None, NOW)
LISTED = Number("61", "61家", ABOUT_SIP, ("上市企业",), COUNT, "pg:Actual", None, NOW)
UNICORNS = Number("180", "180家", ABOUT_SIP, ("独角兽",), COUNT, "pg:Actual", None, NOW)
GDP = Number("351600000000", "3516亿元", ABOUT_SIP, ("地区生产总值",), YUAN, "pg:Actual", "pg:AtLeast", Y2022)
GDP_GROWTH = Number("2.3", "2.3%", ABOUT_SIP, ("地区生产总值", "增长"), PERCENT, "pg:Actual", None, Y2022)
REVENUE = Number("38740000000", "387.4亿元", ABOUT_SIP, ("一般公共预算收入",), YUAN, "pg:Actual", None, Y2022)
REVENUE_GROWTH = Number(
    "2.1", "2.1%", ABOUT_SIP, ("一般公共预算收入", "增长"), PERCENT, "pg:Actual", None, Y2022
)
OUTPUT = Number("645980000000", "6459.8亿元", ABOUT_SIP, ("工业总产值",), YUAN, "pg:Actual", None, Y2022)
OUTPUT_GROWTH = Number("6.8", "6.8%", ABOUT_SIP, ("工业总产值", "增长"), PERCENT, "pg:Actual", None, Y2022)
INVESTMENT = Number("47330000000", "473.3亿元", ABOUT_SIP, ("固定资产投资",), YUAN, "pg:Actual", None, Y2022)
INVESTMENT_GROWTH = Number(
    "8.2", "8.2%", ABOUT_SIP, ("固定资产投资", "增长"), PERCENT, "pg:Actual", None, Y2022
)
RETAIL = Number(
    "109780000000", "1097.8亿元", ABOUT_SIP, ("社会消费品零售总额",), YUAN, "pg:Actual", None, Y2022
)
TRADE = Number("107740000000", "1077.4亿美元", ABOUT_SIP, ("进出口总额",), USD, "pg:Actual", None, Y2022)
FDI = Number("1920000000", "19.2亿美元", ABOUT_SIP, ("外资",), USD, "pg:Actual", None, Y2022)
EMERGING_OUTPUT = Number(
    "360000000000", "3600亿元", ABOUT_EMERGING, ("总产值",), YUAN, "pg:Actual", None, Y2022
)
EMERGING_GROWTH = Number("20", "20%", ABOUT_EMERGING, ("总产值", "增长"), PERCENT, "pg:Actual", None, Y2022)
AREA = Number("278", "278平方公里", ABOUT_SIP, ("辖区面积",), KM2, "pg:Actual", None, None)
SINO_SINGAPORE_AREA = Number(
    "80", "80平方公里", ABOUT_SINO_SINGAPORE, ("面积",), KM2, "pg:Actual", None, None
)
STREETS = Number("5", "5个", ABOUT_SIP, ("街道",), COUNT, "pg:Actual", None, None)
POPULATION = Number(
    "1230000", "123万", ABOUT_SIP, ("常住人口",), COUNT, "pg:Actual", "pg:Approximately", None
)
SEVEN_WINS = Number("7", "七连冠", ABOUT_SIP, ("综合考评",), (*COUNT, *OTHER), "pg:Actual", None, None)

NUMBERS = (
    FORTUNE500,
    HEADQUARTERS,
    UNIVERSITIES,
    HIGH_TECH,
    LISTED,
    UNICORNS,
    GDP,
    GDP_GROWTH,
    REVENUE,
    REVENUE_GROWTH,
    OUTPUT,
    OUTPUT_GROWTH,
    INVESTMENT,
    INVESTMENT_GROWTH,
    RETAIL,
    TRADE,
    FDI,
    EMERGING_OUTPUT,
    EMERGING_GROWTH,
    AREA,
    SINO_SINGAPORE_AREA,
    STREETS,
    POPULATION,
    SEVEN_WINS,
)

FACTS: list[Fact] = [
    # The source document: the header's title, address and date.
    Fact(
        ARTICLE,
        "T",
        "苏州工业园区：打造特色产业体系 展示中国式现代化园区新图景",
        "source document title and file name",
        ask(
            DOC + '?doc dcterms:title ?t . FILTER(CONTAINS(STR(?t), "打造特色产业体系")'
            ' && CONTAINS(STR(?t), "中国式现代化园区新图景"))\n'
        ),
    ),
    Fact(
        ARTICLE,
        "T",
        "# note: 中国青年网……，2023-04-24",
        "source document is dated 2023-04-24",
        issued_on(DOC, "?doc", "2023-04-24"),
    ),
    Fact(
        ARTICLE,
        "T",
        f"# source: {ADDRESS}",
        "source document records the original address",
        ask(
            DOC + "?doc dcterms:source|prov:wasRevisionOf|schema:url ?src ."
            f" FILTER(STR(?src) = {lit(ADDRESS)})\n"
        ),
    ),
    Fact(
        ARTICLE,
        "T",
        "# note: 中国青年网……，2023-04-24",
        "source document names its outlet",
        published_by(DOC, "?doc", "中国青年网"),
    ),
    Fact(
        ARTICLE,
        "T",
        "# note: 本文是原文开头部分的忠实改写",
        "the text held is a rewrite of the page at the address",
        revision_of(DOC, "?doc", ADDRESS),
    ),
    # P01
    Fact(
        ARTICLE,
        "P01.S1",
        "主题采访团来到苏州工业园区",
        "suzhou industrial park is a park of this article",
        ask(sip() + "?sip pg:evidence ?e .\n" + of_this_article("?sip")),
    ),
    Fact(
        ARTICLE,
        "P04.S2",
        "在国家级经开区综合考评中，园区已实现“七连冠”",
        "suzhou industrial park is a national economic development zone",
        ask(sip() + is_a("?sip", "pg:EconomicDevelopmentZone")),
    ),
    Fact(
        ARTICLE,
        "P01.S1",
        "中国青年网苏州4月24日电",
        "china youth network is an organisation of this article",
        ask(named("?cyol", "pg:Organization", "中国青年网") + of_this_article("?cyol")),
    ),
    Fact(
        ARTICLE,
        "P01.S1",
        "中国青年网苏州4月24日电",
        "suzhou is an area of this article",
        ask(is_a("?sz", "pg:AdministrativeArea") + zh_label("?sz", "苏州") + of_this_article("?sz")),
    ),
    Fact(
        ARTICLE,
        "P01.S1",
        "苏州…苏州工业园区",
        "suzhou industrial park is located in suzhou",
        ask(
            sip()
            + "?sip pg:locatedIn+ ?sz .\n"
            + is_a("?sz", "pg:AdministrativeArea")
            + zh_label("?sz", "苏州")
        ),
    ),
    Fact(
        ARTICLE,
        "P01.S1",
        "“中国式现代化的长三角实践” (a region)",
        "the yangtze river delta is not an area",
        ask(
            "FILTER NOT EXISTS { "
            + is_a("?r", "pg:AdministrativeArea")
            + zh_label("?r", "长三角")
            + of_this_article("?r")
            + "}\n"
        ),
    ),
    # P02
    Fact(
        ARTICLE,
        "P02.S1",
        "苏州工业园区构建起“3+2+1”特色产业体系",
        "suzhou industrial park pursues 3+2+1",
        ask(
            sip()
            + "?sip pg:pursues ?s321 .\n"
            + STRATEGY_321
            + zh_label("?s321", "特色产业体系")
            + of_this_article("?s321")
        ),
    ),
    Fact(
        ARTICLE,
        "P02.S1",
        "“3”…“2”…“1”",
        "3+2+1 has exactly three components",
        components_are(STRATEGY_321, "?s321", 3),
    ),
    Fact(
        ARTICLE,
        "P02.S1",
        "“3”指生物医药、纳米技术应用、人工智能三大新兴产业",
        "3+2+1 emerging industries declares 3 and names all",
        component(STRATEGY_321, "?s321", "新兴产业", 3, ("生物医药", "纳米技术应用", "人工智能")),
    ),
    Fact(
        ARTICLE,
        "P02.S1",
        "“2”指新一代信息技术、高端装备制造两大主导产业",
        "3+2+1 leading industries declares 2 and names both",
        component(STRATEGY_321, "?s321", "主导产业", 2, ("新一代信息技术", "高端装备制造")),
    ),
    Fact(
        ARTICLE,
        "P02.S1",
        "“1”指现代服务业",
        "3+2+1 modern services declares 1 and names it",
        component(STRATEGY_321, "?s321", "现代服务业", 1, ("现代服务业",)),
    ),
    *[
        Fact(ARTICLE, "P02.S1", word, f"suzhou industrial park has industry {en}", industry_of_sip(word))
        for word, en in (
            ("生物医药", "biomedicine"),
            ("纳米技术应用", "nanotechnology"),
            ("人工智能", "artificial intelligence"),
            ("新一代信息技术", "new-generation it"),
            ("高端装备制造", "high-end equipment"),
            ("现代服务业", "modern services"),
            # the three as the group whose output the text gives ("三大新兴产业的总产值为3600亿元")
            ("三大新兴产业", "the three emerging industries"),
        )
    ],
    Fact(
        ARTICLE,
        "P02.S2",
        "园区还在推进“一区两中心”建设",
        "suzhou industrial park pursues one zone two centres",
        ask(sip() + "?sip pg:pursues ?s12 .\n" + STRATEGY_112 + of_this_article("?s12")),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "一区…两中心",
        "one zone two centres has exactly two components",
        components_are(STRATEGY_112, "?s12", 2),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "新一代人工智能创新发展试验区",
        "one zone is the ai pilot zone",
        component(STRATEGY_112, "?s12", "一区", 1, ("新一代人工智能创新发展试验区",)),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "国家生物药技术创新中心、第三代半导体技术创新中心",
        "two centres are named",
        component(STRATEGY_112, "?s12", "两中心", 2, ("国家生物药技术创新中心", "第三代半导体技术创新中心")),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "创新中心…试验区 (members, not parks)",
        "the centres and the pilot zone are not parks",
        not_a_park("创新中心"),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "新一代人工智能创新发展试验区",
        "the ai pilot zone is not a park",
        not_a_park("试验区"),
    ),
    *facts("P02.S3", "园区已有世界500强企业投资项目166个", FORTUNE500, "fortune 500 projects", as_of=True),
    *facts("P02.S3", "省市区三级总部企业168家", HEADQUARTERS, "headquarters", as_of=True),
    *facts("P02.S3", "中外名校33家", UNIVERSITIES, "universities", as_of=True),
    *facts("P02.S3", "国家高新技术企业2489家", HIGH_TECH, "high-tech enterprises", as_of=True),
    *facts("P02.S3", "上市企业61家", LISTED, "listed companies", as_of=True),
    *facts("P02.S3", "各级独角兽及准独角兽企业180家", UNICORNS, "unicorns", as_of=True),
    # P03
    *facts("P03.S1", "园区地区生产总值超过3516亿元", GDP, "gdp"),
    *facts("P03.S1", "同比增长2.3%", GDP_GROWTH, "gdp growth"),
    *facts("P03.S1", "一般公共预算收入为387.4亿元", REVENUE, "budget revenue"),
    *facts("P03.S1", "按同口径计算增长2.1%", REVENUE_GROWTH, "budget revenue growth"),
    *facts("P03.S1", "规模以上工业总产值为6459.8亿元", OUTPUT, "industrial output"),
    *facts("P03.S1", "增长6.8%", OUTPUT_GROWTH, "industrial output growth"),
    *facts("P03.S1", "固定资产投资为473.3亿元", INVESTMENT, "fixed asset investment"),
    *facts("P03.S1", "增长8.2%", INVESTMENT_GROWTH, "fixed asset investment growth"),
    *facts("P03.S1", "社会消费品零售总额为1097.8亿元", RETAIL, "retail sales"),
    *facts("P03.S1", "进出口总额为1077.4亿美元", TRADE, "foreign trade"),
    *facts("P03.S1", "实际使用外资19.2亿美元", FDI, "foreign investment used"),
    *facts("P03.S1", "三大新兴产业的总产值为3600亿元", EMERGING_OUTPUT, "emerging industries output"),
    *facts(
        "P03.S1", "三大新兴产业的总产值为3600亿元，增长20%", EMERGING_GROWTH, "emerging industries growth"
    ),
    # P04
    *facts("P04.S1", "辖区面积为278平方公里", AREA, "area"),
    *facts("P04.S1", "其中中新合作区占80平方公里", SINO_SINGAPORE_AREA, "sino-singapore cooperation area"),
    Fact(
        ARTICLE,
        "P04.S1",
        "中新合作区 (a cooperation area)",
        "the cooperation area is not a park",
        not_a_park("中新合作区"),
    ),
    *facts("P04.S1", "园区现辖5个街道", STREETS, "streets"),
    *facts("P04.S1", "常住人口约123万", POPULATION, "population"),
    *facts("P04.S2", "园区已实现“七连冠”", SEVEN_WINS, "seven wins in a row"),
    Fact(
        ARTICLE,
        "P04.S2",
        "园区已实现“七连冠”",
        "suzhou industrial park holds the seven wins",
        rel(sip(), "?sip", "pg:holdsTitle", "pg:Title", "七连冠"),
    ),
    Fact(
        ARTICLE,
        "P04.S2",
        "已跻身科技部建设世界一流高科技园区行列",
        "suzhou industrial park holds the world-class rank",
        rel(sip(), "?sip", "pg:holdsTitle", "pg:Title", "世界一流高科技园区"),
    ),
    Fact(
        ARTICLE,
        "P04.S2",
        "科技部",
        "the ministry of science and technology is an organisation",
        ask(named("?most", "pg:Organization", "科技部") + of_this_article("?most")),
    ),
    # The whole article.
    Fact(
        ARTICLE,
        "G",
        "(24 stated numbers)",
        "one observation per stated number",
        observation_count(DOC, "?doc", len(NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "(24 stated numbers)",
        "every value is a number in the text",
        values_among(DOC, "?doc", tuple(n.value for n in NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "苏州工业园区",
        "suzhou industrial park is one park entity",
        ask(
            "{ SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { "
            + is_a("?p", "pg:Park")
            + zh_label_any("?p", "苏州工业园")
            + "} }\nFILTER(?n = 1)\n"
        ),
    ),
]
