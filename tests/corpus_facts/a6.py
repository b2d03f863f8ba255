"""a6: 一、发展基础与形势 (宁波国家高新区门户网站, 2021-07-06), fact by fact.

Written from the article's text and the ontology contract only. The section of a plan: the
headings 一、发展基础与形势 and （一）发展成就 are not paragraphs, so P01 is “十三五”时期…, P02
1.经济综合实力…, P03 2.创新发展…. The park is named three ways — 高新区（科技城）, 宁波国家高新区,
宁波高新区 — and is one entity. A cumulative figure takes the span it sums (“十三五”期间); P03's
figures take the 2020年 of its first sentence. 位居全市首位 of the complexes' number and quality
is two ranks; 多项指标位居全市首位 names no indicator, so it is no observation. 宁波国家高新区 says
the zone is national, but pg:level is not in DESIGN.md's contract and review cannot set it on a
park, so the walk does not ask for it.
"""

from __future__ import annotations

from dataclasses import replace

from factwalk import (
    COUNT,
    PERCENT,
    RANK,
    USD_OR_DOLLAR,
    YUAN,
    Fact,
    Number,
    ask,
    dated,
    derived_count,
    derived_from,
    entity,
    is_a,
    no_label_with,
    number_facts,
    park_industry,
    source_doc,
    values_only,
    zh_label,
)

ARTICLE = "a6"
FILE = "a6_ningbo-htz-13th-fyp-review-2021.txt"
ADDRESS = "http://www.nbhtz.gov.cn/art/2021/7/6/art_1229548644_58925862.html"

DOC = source_doc("?doc", FILE, "发展基础与形势")
NB = entity("?nb", "pg:HighTechZone", "宁波", "高新区")
ABOUT_NB = (NB, "?nb")
Y2020 = (2020, 2020)
FYP13 = (2016, 2020)  # 十三五, and 2016-2020年


def facts(sentence_id: str, excerpt: str, n: Number, tag: str = "") -> list[Fact]:
    """The number's facts; `tag` tells apart two numbers of one sentence with one surface form."""
    out = number_facts(ARTICLE, sentence_id, excerpt, n, DOC)
    return [replace(f, description=f"{tag} {f.description}") for f in out] if tag else out


def held(sentence_id: str, excerpt: str, word: str, slug: str) -> Fact:
    return Fact(
        ARTICLE,
        sentence_id,
        excerpt,
        f"ningbo htz holds the {slug} title",
        ask(
            NB
            + "?nb pg:holdsTitle ?t .\n"
            + is_a("?t", "pg:Title")
            + zh_label("?t", word)
            + derived_from("?t", DOC, "?doc")
        ),
    )


GDP = Number("28940000000", "289.4亿元", ABOUT_NB, ("地区生产总值",), YUAN, "pg:Actual", "pg:Exactly", Y2020)
GDP_GROWTH = Number("11.6", "11.6%", ABOUT_NB, ("生产总值", "年均增长"), PERCENT, "pg:Actual", None, FYP13)
ABOVE_CITY = Number("2.5", "2.5个百分点", ABOUT_NB, ("全市",), PERCENT, "pg:Actual", None, FYP13)
FIXED_ASSETS = Number("50170000000", "501.7亿元", ABOUT_NB, ("固定资产投资",), YUAN, "pg:Actual", None, FYP13)
FOREIGN = Number("367000000", "3.67亿美元", ABOUT_NB, ("利用外资",), USD_OR_DOLLAR, "pg:Actual", None, FYP13)
EXPORTS = Number("77000000000", "770亿元", ABOUT_NB, ("出口额",), YUAN, "pg:Actual", "pg:AtLeast", FYP13)
REVENUE = Number("34740000000", "347.4亿元", ABOUT_NB, ("财政总收入",), YUAN, "pg:Actual", None, FYP13)
BUDGET = Number("4.9", "4.9%", ABOUT_NB, ("一般公共预算收入", "年均增长"), PERCENT, "pg:Actual", None, FYP13)
RANKING = Number("15", "第15位", ABOUT_NB, ("综合排名",), RANK, "pg:Actual", None, Y2020)
RD_GDP = Number("7.3", "7.3%", ABOUT_NB, ("研发投入", "GDP"), PERCENT, "pg:Actual", "pg:Exactly", Y2020)
RD_REVENUE = Number(
    "2", "2%", ABOUT_NB, ("研发经费支出", "营业收入"), PERCENT, "pg:Actual", "pg:AtLeast", Y2020
)
PATENTS = Number("3500", "3500件", ABOUT_NB, ("有效发明专利",), COUNT, "pg:Actual", "pg:AtLeast", Y2020)
PATENTS_PER_10K = Number(
    "240", "240件", ABOUT_NB, ("万人有效发明专利",), COUNT, "pg:Actual", "pg:AtLeast", Y2020
)
AWARDS = Number("40", "40项", ABOUT_NB, ("科技奖项",), COUNT, "pg:Actual", "pg:AtLeast", Y2020)
TECH_TRADE = Number("2200000000", "22亿元", ABOUT_NB, ("技术交易额",), YUAN, "pg:Actual", "pg:Exactly", Y2020)
PROV_COMPLEX = Number("3", "3个", ABOUT_NB, ("省级", "综合体"), COUNT, "pg:Actual", None, Y2020)
CITY_COMPLEX = Number("2", "2个", ABOUT_NB, ("市级", "综合体"), COUNT, "pg:Actual", None, Y2020)
COMPLEX_NUMBER_RANK = Number("1", "首位", ABOUT_NB, ("综合体", "数量"), RANK, "pg:Actual", None, Y2020)
COMPLEX_QUALITY_RANK = Number("1", "首位", ABOUT_NB, ("综合体", "质量"), RANK, "pg:Actual", None, Y2020)
HIGH_TECH_FIRMS = Number("323", "323家", ABOUT_NB, ("高新技术企业",), COUNT, "pg:Actual", "pg:Exactly", Y2020)
RD_INSTITUTES = Number("56", "56个", ABOUT_NB, ("研发机构",), COUNT, "pg:Actual", None, Y2020)
STARTUPS = Number("1600", "1600家", ABOUT_NB, ("创新型初创企业",), COUNT, "pg:Actual", "pg:AtLeast", Y2020)

NUMBERS = (
    GDP, GDP_GROWTH, ABOVE_CITY, FIXED_ASSETS, FOREIGN, EXPORTS, REVENUE, BUDGET, RANKING, RD_GDP,
    RD_REVENUE, PATENTS, PATENTS_PER_10K, AWARDS, TECH_TRADE, PROV_COMPLEX, CITY_COMPLEX,
    COMPLEX_NUMBER_RANK, COMPLEX_QUALITY_RANK, HIGH_TECH_FIRMS, RD_INSTITUTES, STARTUPS,
)  # fmt: skip


def names_one_entity(word: str) -> str:
    """The park has a Chinese label (prefLabel or altLabel) containing `word`."""
    return ask(NB + zh_label("?nb", word) + derived_from("?nb", DOC, "?doc"))


FACTS: list[Fact] = [
    Fact(ARTICLE, "T", "一、发展基础与形势", "source document title and file", ask(DOC)),
    Fact(
        ARTICLE,
        "T",
        "# note: 宁波国家高新区门户网站 … 2021-07-06",
        "source document dated 2021-07-06",
        ask(DOC + dated("?doc", "2021-07-06")),
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
        "“十三五”时期，高新区（科技城）贯彻落实",
        "the park is named gaoxinqu keji cheng",
        names_one_entity("科技城"),
    ),
    # P01.S2
    Fact(
        ARTICLE,
        "P01.S2",
        "2018年，宁波国家高新区获批建设国家自主创新示范区",
        "the park is named ningbo national htz",
        names_one_entity("宁波国家高新区"),
    ),
    held(
        "P01.S2",
        "宁波国家高新区获批建设国家自主创新示范区",
        "国家自主创新示范区",
        "national innovation demonstration zone",
    ),
    Fact(
        ARTICLE,
        "P01.S2",
        "在自主创新和高技术产业发展方面先行先试",
        "ningbo htz develops high-tech industry",
        ask(NB + park_industry("?nb", "高技术产业")),
    ),
    held(
        "P01.S2",
        "成为以体制机制创新和政策先行先试为核心的国家创新战略平台",
        "国家创新战略平台",
        "national innovation strategy platform",
    ),
    # P01.S3
    Fact(
        ARTICLE,
        "P01.S3",
        "这标志着宁波高新区从高新区时代迈入自创区时代",
        "the park is named ningbo htz",
        names_one_entity("宁波高新区"),
    ),
    # P02.S1 is the item's heading 1.经济综合实力显著增强。
    # P02.S2
    *facts("P02.S2", "2020年，地区生产总值达到289.4亿元", GDP),
    *facts("P02.S2", "2016-2020年年均增长11.6%", GDP_GROWTH),
    *facts("P02.S2", "比全市增速高2.5个百分点", ABOVE_CITY),
    Fact(
        ARTICLE,
        "P02.S2",
        "比全市增速高2.5个百分点",
        "2.5 is percentage points",
        ask(
            "?obs rdf:type pg:Observation ; pg:value ?v ; pg:statedAs ?s .\n"
            'FILTER(?v = 2.5 && CONTAINS(STR(?s), "百分点"))\n'
            "{ ?obs pg:unit pg:PercentagePoint } UNION { ?obs pg:unit pg:Percent ; pg:indicatorText ?t . "
            'FILTER(CONTAINS(STR(?t), "百分点")) }\n' + derived_from("?obs", DOC, "?doc")
        ),
    ),
    # P02.S3
    *facts("P02.S3", "累计完成固定资产投资501.7亿元", FIXED_ASSETS),
    *facts("P02.S3", "累计实际利用外资3.67亿美元", FOREIGN),
    *facts("P02.S3", "累计实现出口额超过770亿元", EXPORTS),
    # P02.S4
    *facts("P02.S4", "累计实现财政总收入347.4亿元", REVENUE),
    *facts("P02.S4", "一般公共预算收入年均增长4.9%", BUDGET),
    # P02.S5
    held("P02.S5", "园区综合实力稳居国家级高新区第一方阵", "第一方阵", "first echelon"),
    *facts("P02.S5", "在2020年发布的国家级高新区综合排名中位列第15位", RANKING),
    # P03.S1 is the item's heading 2.创新发展实现跨越突破。
    # P03.S2
    *facts("P03.S2", "2020年全社会研发投入占GDP的比重达到7.3%", RD_GDP),
    *facts("P03.S2", "企业研发经费支出占营业收入的比重超过2%", RD_REVENUE),
    *facts("P03.S2", "全区有效发明专利累计超过3500件", PATENTS),
    *facts("P03.S2", "万人有效发明专利拥有量突破240件", PATENTS_PER_10K),
    *facts("P03.S2", "获得国家、省市科技奖项超过40项", AWARDS),
    *facts("P03.S2", "技术交易额达到22亿元", TECH_TRADE),
    # P03.S3
    *facts("P03.S3", "先后创建省级产业创新服务综合体3个", PROV_COMPLEX),
    *facts("P03.S3", "市级2个", CITY_COMPLEX),
    *facts("P03.S3", "综合体建设的数量和质量均位居全市首位", COMPLEX_NUMBER_RANK, "number of complexes"),
    *facts("P03.S3", "综合体建设的数量和质量均位居全市首位", COMPLEX_QUALITY_RANK, "quality of complexes"),
    # P03.S4
    *facts("P03.S4", "有效高新技术企业达到323家", HIGH_TECH_FIRMS),
    *facts("P03.S4", "拥有省级及以上研发机构56个", RD_INSTITUTES),
    *facts("P03.S4", "创新型初创企业累计超过1600家", STARTUPS),
    Fact(
        ARTICLE,
        "P03.S4",
        "国家企业技术中心、省级企业重点实验室均实现零的突破",
        "no number is made of zero-breakthrough",
        ask(
            DOC + "FILTER NOT EXISTS { ?o rdf:type pg:Observation ; prov:wasDerivedFrom ?doc ; pg:value ?v . "
            "FILTER(?v = 0) }\n"
        ),
    ),
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
        "(2018年 and 2020年发布 name periods; 1. 2. number the list)",
        "every value is a number of the text",
        values_only(DOC, "?doc", tuple(n.value for n in NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "高新区（科技城） = 宁波国家高新区 = 宁波高新区",
        "one park from this article",
        derived_count("pg:Park", DOC, "?doc", 1),
    ),
    Fact(
        ARTICLE,
        "G",
        "(the text never writes 高新技术产业开发区)",
        "no full name of ningbo htz is invented",
        no_label_with(NB, "?nb", "高新技术产业开发区"),
    ),
    Fact(
        ARTICLE,
        "G",
        "(全市 is unresolved; 宁波 only prefixes the park's name)",
        "no area is derived from this article",
        derived_count("pg:AdministrativeArea", DOC, "?doc", 0),
    ),
    Fact(
        ARTICLE,
        "G",
        "(国家级高新区 in 第一方阵 and the ranking is a class, not a park)",
        "the national htz class is not a park",
        ask(
            DOC
            + "FILTER NOT EXISTS { ?p rdf:type/rdfs:subClassOf* pg:Park ; prov:wasDerivedFrom ?doc . "
            + zh_label("?p", "国家级高新区")
            + "}\n"
        ),
    ),
]
