"""a1: 培育“永川造”新能源汽车产业集群 (科技日报, 2024-08-27), a second source on 永川高新区.

Written from the article's text and the ontology contract only. Paragraphs are counted in the
body after the header lines and the title; the sub-heading 龙头引领 配套企业聚集 is not counted.
"""

from __future__ import annotations

from factwalk import (
    AUTHOR_PROPS,
    COUNT,
    LABELS,
    OTHER,
    YUAN,
    Fact,
    Number,
    ask,
    count_is,
    derived_from,
    derived_from_both,
    doc,
    doc_file,
    fresh,
    is_a,
    issued_on,
    lit,
    named,
    no_label_containing,
    observation_count,
    published_by,
    related_from,
    revision_of,
    stated_number_facts,
    values_among,
    zh_label,
    zh_label_any,
    zh_label_is,
)

ARTICLE = "a1"
FILE = "a1_yongchuan-htz-nev-auto-cluster-2024.txt"
ADDRESS = "https://nextvapk.com/xw/dfbd/20240827/258954.html"

DOC = doc_file("?doc", FILE)
SEED_DOC = doc("?db", "以实干实绩迈向", "百强千亿")

# A park's industries: through a cluster (the contract) or directly (pg:hasIndustry).
PARK_INDUSTRY = "((pg:hasCluster/pg:industry?)|pg:hasIndustry)"
# A park working towards a goal or title: pursues, aspires to or contributes to it.
PARK_GOAL = "(pg:hasCluster?/(pg:pursues|pg:aspiresTo)|pg:contributesTo)"
# A sub-park lies inside its park: part-of in either direction.
PART_OF = "(pg:partOfPark|schema:containedInPlace|dcterms:isPartOf|pg:locatedIn|^dcterms:hasPart|^schema:containsPlace)"


def yongchuan(node: str = "?yc") -> str:
    return is_a(node, "pg:HighTechZone") + zh_label(node, "永川高新区")


def great_wall(node: str = "?gw") -> str:
    """The company 长城汽车 (not its 重庆分公司)."""
    return named(node, "pg:Organization", "长城汽车")


def fenghuanghu(node: str = "?fhh") -> str:
    return is_a(node, "pg:Park") + zh_label(node, "凤凰湖产业园")


def industry_of_yongchuan(*alternatives: str) -> str:
    target = fresh("industry")
    return ask(
        yongchuan()
        + f"?yc {PARK_INDUSTRY} {target} .\n"
        + zh_label_any(target, *alternatives)
        + derived_from(target, DOC, "?doc")
    )


def rel(subject_pattern: str, subject: str, props: str, cls: str | None, *words: str) -> str:
    """`subject` -props-> a node labelled with `words`, derived from this article."""
    return related_from(subject_pattern, subject, props, cls, DOC, "?doc", *words)


def facts(sentence_id: str, excerpt: str, n: Number, name: str, as_of: bool = False) -> list[Fact]:
    return stated_number_facts(ARTICLE, sentence_id, excerpt, n, name, DOC, as_of=as_of)


ABOUT_YC = (yongchuan(), "?yc")
ABOUT_GW = (great_wall(), "?gw")

SINCE_2018 = (2018, 2024)  # 落户永川高新区以来: from 2018 (P04.S1) to the article's year
UP_TO_NOW = (2024, 2024)  # 截至目前, in an article of 2024-08-27

BUILD_MONTHS = Number(
    "14", "14个月", ABOUT_GW, ("整车生产基地",), ("month", "月", *OTHER), "pg:Actual", None, (2018, 2018)
)
TAKT = Number("72", "72秒", ABOUT_GW, ("下线",), ("second", "秒", *OTHER), "pg:Actual", None, None)
ONE_IN_FOUR = Number("1", "1辆", ABOUT_YC, ("永川造",), COUNT, "pg:Actual", None, None)
# 长城炮 is 长城汽车's pickup: the ontology has no class for a product, so its number is the
# maker's, the product named in the indicator.
MONTHS_OVER_10K = Number(
    "37",
    "37个月",
    ABOUT_GW,
    ("长城炮", "销量"),
    (*COUNT, "month", "月", *OTHER),
    "pg:Actual",
    None,
    None,
)
INVESTMENT = Number(
    "10000000000", "100亿元", ABOUT_GW, ("投资",), YUAN, "pg:Actual", "pg:AtLeast", SINCE_2018
)
SUBSIDIARIES = Number("35", "35家", ABOUT_GW, ("分子公司",), COUNT, "pg:Actual", None, SINCE_2018)
DAILY_OUTPUT = Number(
    "1000", "1000辆", ABOUT_GW, ("每天", "下线"), COUNT, "pg:Actual", "pg:AtLeast", UP_TO_NOW
)
TWO_DAY_REVENUE = Number("300000000", "3亿元", ABOUT_GW, ("营收",), YUAN, "pg:Actual", None, UP_TO_NOW)
HOST_PLANT = Number("1", "一个", ABOUT_GW, ("主机厂",), COUNT, "pg:Actual", None, None)
SUPPLIERS = Number("10", "几十家", ABOUT_YC, ("配套企业",), COUNT, "pg:Actual", "pg:AtLeast", None)

NUMBERS = (
    BUILD_MONTHS,
    TAKT,
    ONE_IN_FOUR,
    MONTHS_OVER_10K,
    INVESTMENT,
    SUBSIDIARIES,
    DAILY_OUTPUT,
    TWO_DAY_REVENUE,
    HOST_PLANT,
    SUPPLIERS,
)

FACTS: list[Fact] = [
    # The source document: the header's title, address and date.
    Fact(
        ARTICLE,
        "T",
        "培育“永川造”新能源汽车产业集群",
        "source document title and file name",
        ask(DOC + '?doc dcterms:title ?t . FILTER(CONTAINS(STR(?t), "培育“永川造”新能源汽车产业集群"))\n'),
    ),
    Fact(
        ARTICLE,
        "T",
        "# note: 科技日报……，2024-08-27",
        "source document is dated 2024-08-27",
        issued_on(DOC, "?doc", "2024-08-27"),
    ),
    Fact(
        ARTICLE,
        "T",
        f"# source: {ADDRESS}",
        "source document records the original address",
        ask(
            DOC
            + f"?doc dcterms:source|prov:wasRevisionOf|schema:url ?src . FILTER(STR(?src) = {lit(ADDRESS)})\n"
        ),
    ),
    Fact(
        ARTICLE,
        "T",
        "(no author in the header or the body)",
        "no author is invented",
        ask(DOC + f"FILTER NOT EXISTS {{ ?doc {AUTHOR_PROPS} ?author }}\n"),
    ),
    Fact(
        ARTICLE,
        "T",
        "# note: 科技日报……，2024-08-27",
        "source document names its outlet",
        published_by(DOC, "?doc", "科技日报"),
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
        "在重庆永川高新区凤凰湖产业园内",
        "yongchuan is a high-tech zone also called 重庆永川高新区",
        ask(yongchuan() + '?yc skos:altLabel ?alt . FILTER(STR(?alt) = "重庆永川高新区")\n'),
    ),
    Fact(
        ARTICLE,
        "P01.S1",
        "重庆永川高新区凤凰湖产业园",
        "fenghuanghu industrial park is a park of this article",
        ask(fenghuanghu() + "?fhh prov:wasDerivedFrom ?doc ; pg:evidence ?e .\n" + DOC),
    ),
    Fact(
        ARTICLE,
        "P01.S1",
        "重庆永川高新区凤凰湖产业园",
        "fenghuanghu industrial park lies in yongchuan htz",
        ask(fenghuanghu() + yongchuan() + f"?fhh {PART_OF} ?yc .\n"),
    ),
    Fact(
        ARTICLE,
        "P01.S1",
        "重庆豪斯特新能源有限公司（以下简称“豪斯特公司”）",
        "hausite is one organisation with its short name",
        ask(
            named("?h", "pg:Organization", "重庆豪斯特新能源有限公司")
            + zh_label_is("?h", "豪斯特公司")
            + "?h prov:wasDerivedFrom ?doc .\n"
            + DOC
        ),
    ),
    Fact(
        ARTICLE,
        "P01.S2",
        "专门从事新能源汽车零部件加工生产",
        "yongchuan has new-energy vehicle parts",
        industry_of_yongchuan("新能源汽车零部件"),
    ),
    # P02
    Fact(
        ARTICLE,
        "P02.S1",
        "在永川区推进新能源汽摩产业发展的过程中，永川高新区是主导力量",
        "yongchuan district is one area, also derived from this article",
        ask(
            count_is(named("?area", "pg:AdministrativeArea", "永川区"), "?area", 1)
            + named("?d", "pg:AdministrativeArea", "永川区")
            + "?d prov:wasDerivedFrom ?doc .\n"
            + DOC
        ),
    ),
    Fact(
        ARTICLE,
        "P02.S1",
        "永川区…永川高新区",
        "yongchuan htz is located in yongchuan district",
        rel(yongchuan(), "?yc", "pg:locatedIn", "pg:AdministrativeArea", "永川区"),
    ),
    Fact(
        ARTICLE,
        "P02.S1",
        "新能源汽摩产业",
        "yongchuan has the new-energy automobile and motorcycle industry",
        industry_of_yongchuan("新能源汽摩"),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "打造千亿级汽摩及零部件产业集群",
        "yongchuan has the automobile motorcycle and parts cluster",
        rel(yongchuan(), "?yc", "pg:hasCluster", "pg:IndustrialCluster", "汽摩及零部件"),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "要打造千亿级汽摩及零部件产业集群",
        "yongchuan works towards the hundred-billion cluster",
        rel(yongchuan(), "?yc", PARK_GOAL, None, "千亿级"),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "要打造千亿级… (a goal, not reached)",
        "the hundred-billion cluster is not a held title",
        ask(
            yongchuan()
            + "FILTER NOT EXISTS { ?yc pg:holdsTitle ?t . ?t "
            + LABELS
            + ' ?l . FILTER(CONTAINS(STR(?l), "千亿级")) }\n'
        ),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "重点发展智能网联汽车",
        "yongchuan has intelligent connected vehicles",
        industry_of_yongchuan("智能网联汽车"),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "新能源摩托车",
        "yongchuan has new-energy motorcycles",
        industry_of_yongchuan("新能源摩托车"),
    ),
    Fact(
        ARTICLE,
        "P02.S2",
        "整车及零部件",
        "yongchuan has vehicles and parts",
        industry_of_yongchuan("整车及零部件"),
    ),
    Fact(
        ARTICLE,
        "T",
        "培育“永川造”新能源汽车产业集群",
        "yongchuan has the new-energy vehicle cluster",
        rel(yongchuan(), "?yc", "pg:hasCluster", "pg:IndustrialCluster", "新能源汽车产业集群"),
    ),
    # P03
    Fact(
        ARTICLE,
        "P03.S2",
        "走进永川高新区内的长城汽车永川智慧工厂",
        "great wall motor is an organisation of this article",
        ask(great_wall() + "?gw prov:wasDerivedFrom ?doc .\n" + DOC),
    ),
    # P04
    *facts("P04.S1", "仅用短短14个月便建成了整车生产基地", BUILD_MONTHS, "months to build the plant"),
    Fact(
        ARTICLE,
        "P04.S1",
        "创下了当时的全国最快纪录",
        "great wall motor holds the national record",
        rel(great_wall(), "?gw", "pg:holdsTitle", "pg:Title", "全国最快纪录"),
    ),
    # P05
    Fact(
        ARTICLE,
        "P05.S1",
        "长城汽车重庆分公司综合科科长阳升桦介绍",
        "the chongqing branch is an organisation",
        ask(named("?br", "pg:Organization", "长城汽车重庆分公司") + "?br prov:wasDerivedFrom ?doc .\n" + DOC),
    ),
    *facts("P05.S1", "每72秒就有一台长城炮皮卡下线", TAKT, "seconds per pickup"),
    *facts("P05.S1", "每4辆皮卡中就有1辆是‘永川造’", ONE_IN_FOUR, "one in four pickups"),
    *facts("P05.S2", "长城炮已累计37个月销量过万辆", MONTHS_OVER_10K, "months over ten thousand sales"),
    *facts("P05.S3", "还在永川区投资逾100亿元", INVESTMENT, "investment in yongchuan"),
    *facts("P05.S3", "注册了35家分子公司", SUBSIDIARIES, "subsidiaries"),
    *facts("P05.S4", "整车每天下线超1000辆", DAILY_OUTPUT, "vehicles a day", as_of=True),
    *facts("P05.S4", "两天营收3亿元", TWO_DAY_REVENUE, "revenue in two days", as_of=True),
    # P06
    Fact(
        ARTICLE,
        "P06.S1",
        "永川高新区凤凰湖产业促进中心党工委委员、副主任宋波介绍",
        "the fenghuanghu promotion centre is an organisation",
        ask(
            is_a("?c", "pg:Organization")
            + zh_label("?c", "凤凰湖产业促进中心")
            + "?c prov:wasDerivedFrom ?doc .\n"
            + DOC
        ),
    ),
    *facts("P06.S1", "通过一个长城汽车主机厂", HOST_PLANT, "one host plant"),
    *facts("P06.S1", "招引了几十家配套企业落户高新区", SUPPLIERS, "dozens of suppliers"),
    # The whole article.
    Fact(
        ARTICLE,
        "G",
        "永川高新区 (the seed article and this one)",
        "yongchuan is one park with facts from both sources",
        derived_from_both(yongchuan(), "?yc", doc_file("?da", FILE), SEED_DOC),
    ),
    Fact(
        ARTICLE,
        "G",
        "永川高新区",
        "yongchuan is one park entity",
        ask(count_is(is_a("?p", "pg:HighTechZone") + zh_label("?p", "永川高新区"), "?p", 1)),
    ),
    Fact(
        ARTICLE,
        "G",
        "14个月 72秒 1辆 37个月 100亿元 35家 1000辆 3亿元 一个 几十家",
        "one observation per stated number",
        observation_count(DOC, "?doc", len(NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "14个月 72秒 1辆 37个月 100亿元 35家 1000辆 3亿元 一个 几十家",
        "every value is a number in the text",
        values_among(DOC, "?doc", tuple(n.value for n in NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "(the text says 永川高新区 and 重庆永川高新区 only)",
        "no full name of yongchuan is invented",
        no_label_containing(yongchuan(), "?yc", "高新技术产业开发区"),
    ),
    Fact(
        ARTICLE,
        "G",
        "(companies are not parks)",
        "no company of this article is a park",
        ask(
            "FILTER NOT EXISTS { "
            + is_a("?p", "pg:Park")
            + "?p prov:wasDerivedFrom ?doc .\n"
            + DOC
            + zh_label_any("?p", "长城", "豪斯特", "促进中心")
            + "}\n"
        ),
    ),
]
