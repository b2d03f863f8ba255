"""b1: 天津开发区上半年实现地区生产总值1689.5亿 (天津日报, 2017-08-15), fact by fact.

Written from the article's text and the ontology contract only. 今年 is 2017 (the header's
date) and 上半年 its January to June; every number of the article is of that half-year. 全区 is
the park. The headline's 1689.5亿 is the body's and counts once; 首次突破30% is a threshold
inside the indicator of the 31.6% that follows (the corpus conventions). A decline (下降1.8%)
is a positive value with 下降 in the indicator.
"""

from __future__ import annotations

from factwalk import (
    AUTHOR_PROPS,
    COUNT,
    PERCENT,
    USD_OR_DOLLAR,
    YUAN,
    Fact,
    Number,
    ask,
    dated,
    derived_count,
    derived_from,
    entity,
    names,
    no_label_with,
    number_facts,
    number_months,
    park_industry,
    source_doc,
    values_only,
)

ARTICLE = "b1"
FILE = "b1_tianjin-etdz-h1-economy-2017.txt"
ADDRESS = "http://app.72177.com/print.php?contentid=4343967"

DOC = source_doc("?doc", FILE, "天津开发区上半年实现地区生产总值")
TJ = entity("?tj", "pg:EconomicDevelopmentZone", "天津开发区")
ABOUT_TJ = (TJ, "?tj")
H1 = (2017, 2017)


def facts(sentence_id: str, excerpt: str, n: Number) -> list[Fact]:
    """The number's checks, and that its period is January to June."""
    return [
        *number_facts(ARTICLE, sentence_id, excerpt, n, DOC),
        number_months(ARTICLE, sentence_id, excerpt, n, (1, 6)),
    ]


def derived(sentence_id: str, excerpt: str, cls: str, word: str, slug: str) -> Fact:
    return Fact(
        ARTICLE,
        sentence_id,
        excerpt,
        f"{slug} is derived from this article",
        ask(entity("?x", cls, word) + derived_from("?x", DOC, "?doc")),
    )


def industry(sentence_id: str, excerpt: str, word: str, slug: str) -> Fact:
    return Fact(
        ARTICLE,
        sentence_id,
        excerpt,
        f"tianjin etdz has the {slug} industry",
        ask(TJ + park_industry("?tj", word)),
    )


def pct(value: str, about: tuple[str, str], *indicator: str) -> Number:
    return Number(value, f"{value}%", about, indicator, PERCENT, "pg:Actual", None, H1)


GDP = Number("168950000000", "1689.5亿元", ABOUT_TJ, ("地区生产总值",), YUAN, "pg:Actual", None, H1)
GDP_GROWTH = pct("9.7", ABOUT_TJ, "生产总值", "增长")
FOREIGN = Number("1790000000", "17.9亿美元", ABOUT_TJ, ("利用外资",), USD_OR_DOLLAR, "pg:Actual", None, H1)
DOMESTIC = Number("13180000000", "131.8亿元", ABOUT_TJ, ("利用内资",), YUAN, "pg:Actual", None, H1)
BEIJING_FIRMS = Number("71", "71家", ABOUT_TJ, ("北京企业",), COUNT, "pg:Actual", None, H1)
PROJECTS = Number("300", "300个", ABOUT_TJ, ("在建项目",), COUNT, "pg:Actual", "pg:AtLeast", H1)
PROJECTS_GROWTH = pct("45.2", ABOUT_TJ, "在建项目", "增长")
TERTIARY = Number("53330000000", "533.3亿元", ABOUT_TJ, ("第三产业增加值",), YUAN, "pg:Actual", None, H1)
TERTIARY_GROWTH = pct("23.9", ABOUT_TJ, "第三产业", "增长")
TERTIARY_SHARE = pct("31.6", ABOUT_TJ, "第三产业", "比重")
TERTIARY_SHARE_UP = pct("2.8", ABOUT_TJ, "第三产业", "提高")
TERTIARY_PULL = pct("6.5", ABOUT_TJ, "拉动")
EMERGING_SHARE_UP = pct("4.5", ABOUT_TJ, "战略新兴产业", "提高")
HIGH_TECH_SHARE_UP = Number("3.0", "3.0%", ABOUT_TJ, ("高技术制造业", "提高"), PERCENT, "pg:Actual", None, H1)
ENERGY_DOWN = pct("1.8", ABOUT_TJ, "能源消费总量", "下降")
COAL_DOWN = pct("5.9", ABOUT_TJ, "原煤", "下降")
GAS_UP = pct("3.1", ABOUT_TJ, "天然气消费量", "增长")
GAS_SHARE = pct("11.1", ABOUT_TJ, "天然气", "比重")
GAS_SHARE_UP = Number("2.0", "2.0%", ABOUT_TJ, ("天然气", "提高"), PERCENT, "pg:Actual", None, H1)
INTENSITY_DOWN = pct("6.1", ABOUT_TJ, "能耗", "下降")

NUMBERS = (
    GDP, GDP_GROWTH, FOREIGN, DOMESTIC, BEIJING_FIRMS, PROJECTS, PROJECTS_GROWTH, TERTIARY,
    TERTIARY_GROWTH, TERTIARY_SHARE, TERTIARY_SHARE_UP, TERTIARY_PULL, EMERGING_SHARE_UP,
    HIGH_TECH_SHARE_UP, ENERGY_DOWN, COAL_DOWN, GAS_UP, GAS_SHARE, GAS_SHARE_UP, INTENSITY_DOWN,
)  # fmt: skip

FACTS: list[Fact] = [
    Fact(
        ARTICLE, "T", "天津开发区上半年实现地区生产总值1689.5亿", "source document title and file", ask(DOC)
    ),
    Fact(
        ARTICLE,
        "T",
        "# note: 天津日报 … 2017-08-15",
        "source document dated 2017-08-15",
        ask(DOC + dated("?doc", "2017-08-15")),
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
        "天津日报记者万红",
        "source document names its author",
        ask(DOC + f"?doc {AUTHOR_PROPS} ?author .\n" + names("?author", "万红")),
    ),
    derived("P01.S1", "天津日报记者万红", "pg:Organization", "天津日报", "the newspaper tianjin daily"),
    derived(
        "P01.S1",
        "从天津开发区8月召开的新闻发布会上",
        "pg:EconomicDevelopmentZone",
        "天津开发区",
        "tianjin etdz",
    ),
    *facts("P01.S1", "实现地区生产总值1689.5亿元", GDP),
    *facts("P01.S1", "按可比价格计算同比增长9.7%", GDP_GROWTH),
    # P02.S2
    *facts("P02.S2", "全区实际利用外资17.9亿美元", FOREIGN),
    *facts("P02.S2", "实际利用内资131.8亿元", DOMESTIC),
    derived("P02.S2", "金刚化工、中煤科工等71家北京企业", "pg:Organization", "金刚化工", "jingang chemical"),
    derived("P02.S2", "金刚化工、中煤科工等71家北京企业", "pg:Organization", "中煤科工", "ccteg"),
    derived("P02.S2", "71家北京企业在区内落户", "pg:AdministrativeArea", "北京", "beijing"),
    *facts("P02.S2", "中煤科工等71家北京企业在区内落户", BEIJING_FIRMS),
    *facts("P02.S2", "在建项目超过300个", PROJECTS),
    *facts("P02.S2", "比同期增长45.2%", PROJECTS_GROWTH),
    derived(
        "P02.S2",
        "对滨海新区及全市经济发展形成了有力拉动",
        "pg:AdministrativeArea",
        "滨海新区",
        "binhai new area",
    ),
    # P03.S1
    industry("P03.S1", "尤其是共享经济、新经济和营利性服务业", "共享经济", "sharing economy"),
    industry("P03.S1", "尤其是共享经济、新经济和营利性服务业", "新经济", "new economy"),
    industry("P03.S1", "尤其是共享经济、新经济和营利性服务业", "营利性服务业", "for-profit services"),
    # P03.S2
    *facts("P03.S2", "上半年，第三产业增加值为533.3亿元", TERTIARY),
    *facts("P03.S2", "增长23.9%", TERTIARY_GROWTH),
    # P03.S3
    *facts("P03.S3", "第三产业增加值占全区生产总值的比重在历史上首次突破30%，达到31.6%", TERTIARY_SHARE),
    *facts("P03.S3", "同比提高2.8%", TERTIARY_SHARE_UP),
    *facts("P03.S3", "拉动全区生产总值增长6.5%", TERTIARY_PULL),
    # P03.S4
    industry("P03.S4", "战略新兴产业工业总产值", "战略新兴产业", "strategic emerging"),
    industry("P03.S4", "高技术制造业工业总产值", "高技术制造业", "high-tech manufacturing"),
    *facts("P03.S4", "战略新兴产业工业总产值占全区规模以上工业总产值的比重同比提高4.5%", EMERGING_SHARE_UP),
    *facts("P03.S4", "高技术制造业工业总产值占全区规模以上工业总产值的比重同比提高3.0%", HIGH_TECH_SHARE_UP),
    # P04.S2
    *facts("P04.S2", "规模以上工业企业能源消费总量同比下降1.8%", ENERGY_DOWN),
    *facts("P04.S2", "其中原煤消费量下降5.9%", COAL_DOWN),
    *facts("P04.S2", "天然气消费量增长3.1%", GAS_UP),
    *facts("P04.S2", "天然气在一次能源消费量中的比重为11.1%", GAS_SHARE),
    *facts("P04.S2", "同比提高2.0%", GAS_SHARE_UP),
    # P04.S3
    *facts("P04.S3", "规模以上工业企业万元工业增加值能耗同比下降6.1%", INTENSITY_DOWN),
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
        "(8月 names a date; 首次突破30% is a threshold; 万元 is part of an indicator)",
        "every value is a number of the text",
        values_only(DOC, "?doc", tuple(n.value for n in NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "(天津开发区 is the one park)",
        "one park from this article",
        derived_count("pg:Park", DOC, "?doc", 1),
    ),
    Fact(
        ARTICLE,
        "G",
        "(the text only says 天津开发区)",
        "no full name of tianjin etdz is invented",
        no_label_with(TJ, "?tj", "经济技术开发区"),
    ),
    Fact(
        ARTICLE,
        "G",
        "(the text says 下降, never a negative number)",
        "no negative value",
        ask(
            DOC + "FILTER NOT EXISTS { ?o rdf:type pg:Observation ; prov:wasDerivedFrom ?doc ; pg:value ?v . "
            "FILTER(?v < 0) }\n"
        ),
    ),
]
