"""a2: 创新引领升级 精耕工业园区 (浙江日报, 2014-04-24), a second source on 杭州高新区（滨江）.

Written from the article's text and the ontology contract only. The title is the two lines
above the body (the sub-title's 18.6% is the body's, counted once); paragraphs are counted from
本报讯. 今年 is 2014 (the header's date), 一季度 its first quarter, 目前/当前 the article's year.
"""

from __future__ import annotations

from factwalk import (
    COUNT,
    OTHER,
    PERCENT,
    RANK,
    YUAN,
    Fact,
    Number,
    ask,
    count_is,
    derived_from,
    derived_from_both,
    doc_file,
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
    within_year,
    zh_label,
    zh_label_is,
)

ARTICLE = "a2"
FILE = "a2_hangzhou-binjiang-htz-q1-industry-2014.txt"
ADDRESS = "http://zjrb.zjol.com.cn/html/2014-04/24/content_2630230.htm?div=-1"

DOC = doc_file("?doc", FILE)
SEED_DOC = doc_file("?db", "000_3dca68174ba47f8d.txt")  # the advertisement in the seed file


def hangzhou(node: str = "?hz") -> str:
    return is_a(node, "pg:HighTechZone") + zh_label(node, "杭州高新区", "滨江")


def inventronics(node: str = "?ift") -> str:
    """英飞特电子（杭州）股份有限公司, brackets full- or half-width (NFKC)."""
    return is_a(node, "pg:Organization") + zh_label(node, "英飞特电子", "杭州", "股份有限公司")


def rel(subject_pattern: str, subject: str, props: str, cls: str | None, *words: str) -> str:
    """`subject` -props-> a node labelled with `words`, derived from this article."""
    return related_from(subject_pattern, subject, props, cls, DOC, "?doc", *words)


def facts(sentence_id: str, excerpt: str, n: Number, name: str, as_of: bool = False) -> list[Fact]:
    return stated_number_facts(ARTICLE, sentence_id, excerpt, n, name, DOC, as_of=as_of)


def first_quarter(sentence_id: str, excerpt: str, n: Number, name: str) -> list[Fact]:
    """A number of 一季度: its two checks, and that its period is January to March."""
    return [
        *facts(sentence_id, excerpt, n, name),
        Fact(ARTICLE, sentence_id, excerpt, f"{name}: period is the first quarter", within_year(n, 1, 3)),
    ]


ABOUT_HZ = (hangzhou(), "?hz")
ABOUT_IFT = (inventronics(), "?ift")
Y2014 = (2014, 2014)
Y2013 = (2013, 2013)  # 去年

VALUE_ADDED = Number("4499000000", "44.99亿元", ABOUT_HZ, ("工业增加值",), YUAN, "pg:Actual", None, Y2014)
VALUE_ADDED_GROWTH = Number(
    "18.6", "18.6%", ABOUT_HZ, ("工业增加值", "增长"), PERCENT, "pg:Actual", None, Y2014
)
GDP_GROWTH = Number("11.0", "11.0%", ABOUT_HZ, ("GDP", "增长"), PERCENT, "pg:Actual", None, Y2014)
GDP_GROWTH_RANK = Number("1", "第一", ABOUT_HZ, ("增幅", "排名"), RANK, "pg:Actual", None, Y2014)
DEVELOPABLE_AREA = Number(
    "40",
    "40余平方公里",
    ABOUT_HZ,
    ("可开发面积",),
    ("squarekilometre", "平方公里", *OTHER),
    "pg:Actual",
    "pg:AtLeast",
    None,
)
BIG_PROJECT_LAND = Number("20", "20亩", ABOUT_HZ, ("占地",), ("亩",), "pg:Actual", None, None)
SUPPORT_2013 = Number("931000000", "9.31亿元", ABOUT_HZ, ("产业扶持资金",), YUAN, "pg:Actual", None, Y2013)
SUPPORT_2014 = Number("1050000000", "10.5亿元", ABOUT_HZ, ("产业扶持资金",), YUAN, "pg:Actual", None, Y2014)
RD_TEAM = Number("160", "160多人", ABOUT_IFT, ("研发团队",), COUNT, "pg:Actual", "pg:AtLeast", Y2014)
RD_SHARE = Number("10", "10%", ABOUT_IFT, ("研发",), PERCENT, "pg:Actual", "pg:AtLeast", Y2014)
EXPORT_SHARE = Number("60", "60%", ABOUT_IFT, ("出口",), PERCENT, "pg:Actual", None, Y2014)
SALES = Number("98000000", "9800万元", ABOUT_IFT, ("销售收入",), YUAN, "pg:Actual", None, Y2014)
SALES_GROWTH = Number("45.7", "45.7%", ABOUT_IFT, ("销售收入", "增长"), PERCENT, "pg:Actual", None, Y2014)
TOP20_OUTPUT_GROWTH = Number(
    "35.7", "35.7%", ABOUT_HZ, ("工业总产值", "增长"), PERCENT, "pg:Actual", None, Y2014
)
TOP20_SALES_GROWTH = Number(
    "38.0", "38.0%", ABOUT_HZ, ("销售产值", "增长"), PERCENT, "pg:Actual", None, Y2014
)
TOP30_PROFIT_GROWTH = Number(
    "20", "20%", ABOUT_HZ, ("利润", "增长"), PERCENT, "pg:Actual", "pg:AtLeast", Y2014
)
OUTPUT_PER_KM2 = Number(
    "2125000000", "21.25亿元", ABOUT_HZ, ("每平方公里",), (*YUAN, *OTHER), "pg:Actual", None, Y2014
)
TIMES_AVERAGE = Number("2", "2倍", ABOUT_HZ, ("平均水平",), ("times", "倍", *OTHER), "pg:Actual", None, Y2014)

NUMBERS = (
    VALUE_ADDED,
    VALUE_ADDED_GROWTH,
    GDP_GROWTH,
    GDP_GROWTH_RANK,
    DEVELOPABLE_AREA,
    BIG_PROJECT_LAND,
    SUPPORT_2013,
    SUPPORT_2014,
    RD_TEAM,
    RD_SHARE,
    EXPORT_SHARE,
    SALES,
    SALES_GROWTH,
    TOP20_OUTPUT_GROWTH,
    TOP20_SALES_GROWTH,
    TOP30_PROFIT_GROWTH,
    OUTPUT_PER_KM2,
    TIMES_AVERAGE,
)

ONE_PLUS_X = is_a("?s", "pg:Strategy") + notation("?s", "1+X")

FACTS: list[Fact] = [
    # The source document: the header's title, address and date.
    Fact(
        ARTICLE,
        "T",
        "创新引领升级 精耕工业园区",
        "source document title and file name",
        ask(
            DOC + '?doc dcterms:title ?t . FILTER(CONTAINS(STR(?t), "创新引领升级")'
            ' && CONTAINS(STR(?t), "精耕工业园区"))\n'
        ),
    ),
    Fact(
        ARTICLE,
        "T",
        "# note: 浙江日报……，2014-04-24",
        "source document is dated 2014-04-24",
        issued_on(DOC, "?doc", "2014-04-24"),
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
        "# note: 浙江日报……，2014-04-24",
        "source document names its outlet",
        published_by(DOC, "?doc", "浙江日报"),
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
        "杭州高新区（滨江）规上工业增加值",
        "hangzhou binjiang is a park of this article",
        ask(hangzhou() + "?hz prov:wasDerivedFrom ?doc .\n" + DOC),
    ),
    *first_quarter("P01.S1", "规上工业增加值达到44.99亿元", VALUE_ADDED, "value added"),
    *first_quarter("P01.S1", "比上年同期增长18.6%", VALUE_ADDED_GROWTH, "value added growth"),
    *first_quarter("P01.S1", "全区GDP增长11.0%", GDP_GROWTH, "gdp growth"),
    *first_quarter("P01.S1", "增幅在杭州市排名第一", GDP_GROWTH_RANK, "gdp growth rank"),
    Fact(
        ARTICLE,
        "P01.S1",
        "增幅在杭州市排名第一",
        "hangzhou city is an area of this article",
        ask(named("?city", "pg:AdministrativeArea", "杭州市") + "?city prov:wasDerivedFrom ?doc .\n" + DOC),
    ),
    Fact(
        ARTICLE,
        "P01.S1",
        "杭州高新区…在杭州市排名第一",
        "hangzhou binjiang is located in hangzhou",
        ask(hangzhou() + "?hz pg:locatedIn+ ?city .\n" + named("?city", "pg:AdministrativeArea", "杭州市")),
    ),
    # P02
    Fact(
        ARTICLE,
        "P02.S1",
        "区发展改革和经济局局长孙刚锋表示",
        "the development reform and economy bureau is an organisation",
        ask(
            named("?bureau", "pg:Organization", "区发展改革和经济局")
            + "?bureau prov:wasDerivedFrom ?doc .\n"
            + DOC
        ),
    ),
    # P03
    *facts("P03.S1", "可开发面积只有40余平方公里", DEVELOPABLE_AREA, "developable area"),
    *facts("P03.S1", "占地20亩的项目就称得上“大项目”", BIG_PROJECT_LAND, "land of a big project"),
    # P04
    *facts("P04.S1", "去年，区财政本级投入的产业扶持资金为9.31亿元", SUPPORT_2013, "support funds last year"),
    *facts("P04.S1", "今年又安排了10.5亿元产业扶持资金", SUPPORT_2014, "support funds this year"),
    Fact(
        ARTICLE,
        "P04.S2",
        "该区还修订出台了“1+X”系列政策",
        "hangzhou binjiang pursues the 1+x policies",
        ask(hangzhou() + "?hz pg:pursues ?s .\n" + ONE_PLUS_X + derived_from("?s", DOC, "?doc")),
    ),
    Fact(
        ARTICLE,
        "P04.S2",
        "“1+X”系列政策 (no decomposition stated)",
        "1+x has no components",
        ask(ONE_PLUS_X + "FILTER NOT EXISTS { ?s pg:hasComponent ?c }\n"),
    ),
    Fact(
        ARTICLE,
        "P04.S3",
        "对入选区里“瞪羚”计划的企业",
        "hangzhou binjiang runs the gazelle plan",
        rel(hangzhou(), "?hz", "pg:runs|pg:pursues", None, "瞪羚"),
    ),
    # P05
    Fact(
        ARTICLE,
        "P05.S1",
        "英飞特电子（杭州）股份有限公司项目中心主任俞安民说",
        "inventronics is one organisation with its short name",
        ask(inventronics() + zh_label_is("?ift", "英飞特") + "?ift prov:wasDerivedFrom ?doc .\n" + DOC),
    ),
    *facts("P05.S2", "英飞特目前拥有160多人的研发团队", RD_TEAM, "research team", as_of=True),
    *facts("P05.S2", "每年把销售收入的10%以上用于研发投入", RD_SHARE, "research share of sales", as_of=True),
    *facts("P05.S2", "它有60%的产品出口", EXPORT_SHARE, "export share", as_of=True),
    *first_quarter("P05.S3", "实现销售收入9800万元", SALES, "inventronics sales"),
    *first_quarter("P05.S3", "增长45.7%", SALES_GROWTH, "inventronics sales growth"),
    # P06
    *first_quarter(
        "P06.S2", "工业总产值和销售产值同比分别增长35.7%和38.0%", TOP20_OUTPUT_GROWTH, "top 20 output growth"
    ),
    *first_quarter(
        "P06.S2", "工业总产值和销售产值同比分别增长35.7%和38.0%", TOP20_SALES_GROWTH, "top 20 sales growth"
    ),
    *first_quarter(
        "P06.S2",
        "服务业前30强企业的利润同比增长20%以上",
        TOP30_PROFIT_GROWTH,
        "top 30 services profit growth",
    ),
    # P07
    *facts("P07.S1", "每平方公里产出21.25亿元", OUTPUT_PER_KM2, "output per square kilometre", as_of=True),
    *facts(
        "P07.S1",
        "是国家高新区单位面积产出平均水平的2倍",
        TIMES_AVERAGE,
        "times the national average",
        as_of=True,
    ),
    # The whole article.
    Fact(
        ARTICLE,
        "G",
        "杭州高新区（滨江） (the seed's advertisement and this article)",
        "hangzhou binjiang is one park with facts from both sources",
        derived_from_both(hangzhou(), "?hz", doc_file("?da", FILE), SEED_DOC),
    ),
    Fact(
        ARTICLE,
        "G",
        "杭州高新区（滨江）",
        "hangzhou binjiang is one park entity",
        ask(count_is(is_a("?p", "pg:Park") + zh_label("?p", "高新区", "滨江"), "?p", 1)),
    ),
    Fact(
        ARTICLE,
        "G",
        "(18 stated numbers)",
        "one observation per stated number",
        observation_count(DOC, "?doc", len(NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "(18 stated numbers)",
        "every value is a number in the text",
        values_among(DOC, "?doc", tuple(n.value for n in NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "P07.S2",
        "仅次于中关村 (named for comparison)",
        "zhongguancun is not a park of this article",
        no_park_named(DOC, "?doc", "中关村"),
    ),
    Fact(
        ARTICLE,
        "G",
        "(the article states no title)",
        "no title is derived from this article",
        ask(
            "FILTER NOT EXISTS { " + is_a("?t", "pg:Title") + "?t prov:wasDerivedFrom ?doc .\n" + DOC + "}\n"
        ),
    ),
]
