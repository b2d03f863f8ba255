"""a5: 成都高新区前三季度GDP超2000亿元 增长11.1% (中国新闻网, 2021-11-03), fact by fact.

Written from the article's text and the ontology contract only. 今年 is 2021 (the header's
date); 前三季度 and 1-9月 are January to September of it. The headline's 超2000亿元 restates
the body's 2034.2亿元 and counts once (the corpus conventions).
"""

from __future__ import annotations

from dataclasses import replace

from factwalk import (
    COUNT,
    PERCENT,
    RANK,
    YUAN,
    Fact,
    Number,
    ask,
    dated,
    derived_count,
    derived_from,
    entity,
    industry_of,
    is_a,
    no_label_with,
    number_facts,
    number_months,
    park_industry,
    source_doc,
    values_only,
    zh_label,
    zh_label_any,
)

ARTICLE = "a5"
FILE = "a5_chengdu-htz-q3-gdp-2021.txt"
ADDRESS = "https://www.imsilkroad.com/news/p/467474.html"

DOC = source_doc("?doc", FILE, "成都高新区前三季度GDP超2000亿元")
CD = entity("?cd", "pg:HighTechZone", "成都高新区")
ABOUT_CD = (CD, "?cd")
ABOUT_BONDED = (entity("?fz", "pg:FunctionalArea", "成都高新综合保税区"), "?fz")
YEAR = (2021, 2021)
Q1_Q3 = (1, 9)


def about_industry(word: str) -> tuple[str, str]:
    return industry_of(CD, "?cd", "?ind_about", word)


def facts(
    sentence_id: str, excerpt: str, n: Number, months: tuple[int, int] | None = None, tag: str = ""
) -> list[Fact]:
    """The number's checks (and its months); `tag` names a number whose surface is all Chinese."""
    out = number_facts(ARTICLE, sentence_id, excerpt, n, DOC)
    if months is not None:
        out.append(number_months(ARTICLE, sentence_id, excerpt, n, months))
    return [replace(f, description=f"{tag} {f.description}") for f in out] if tag else out


def org(sentence_id: str, excerpt: str, name: str, slug: str) -> Fact:
    return Fact(
        ARTICLE,
        sentence_id,
        excerpt,
        f"organisation {slug}",
        ask(entity("?org", "pg:Organization", name) + derived_from("?org", DOC, "?doc")),
    )


GDP = Number("203420000000", "2034.2亿元", ABOUT_CD, ("地区生产总值",), YUAN, "pg:Actual", "pg:Exactly", YEAR)
GDP_GROWTH = Number("11.1", "11.1%", ABOUT_CD, ("生产总值", "增长"), PERCENT, "pg:Actual", None, YEAR)
BONDED_RANK = Number("1", "第一", ABOUT_BONDED, ("进出口总额",), RANK, "pg:Actual", None, YEAR)
LEADING = Number("3", "三大", ABOUT_CD, ("主导产业",), COUNT, "pg:Actual", None, YEAR)
ELECTRONICS = Number(
    "26.4", "26.4%", about_industry("电子信息制造业"), ("总产值", "增长"), PERCENT, "pg:Actual", None, YEAR
)
BIOMAKING = Number(
    "14.2", "14.2%", about_industry("生物制造业"), ("总产值", "增长"), PERCENT, "pg:Actual", None, YEAR
)
BIO_FIRMS = Number(
    "38", "38家", about_industry("生物医药"), ("营利性服务业",), COUNT, "pg:Actual", None, YEAR
)
BIO_REVENUE = Number(
    "15", "15%", about_industry("生物医药"), ("营收",), PERCENT, "pg:Actual", "pg:AtLeast", YEAR
)
NEW_DRUGS = Number("48", "48个", ABOUT_CD, ("新药",), COUNT, "pg:Actual", "pg:Exactly", YEAR)
SOFTWARE = Number(
    "18", "18%", about_industry("软件和信息技术服务业"), ("营收",), PERCENT, "pg:Actual", "pg:AtLeast", YEAR
)
SRDI_NEW = Number("20", "20家", ABOUT_CD, ("新增", "专精特新"), COUNT, "pg:Actual", None, YEAR)
SRDI_TOTAL = Number("40", "40家", ABOUT_CD, ("累计", "专精特新"), COUNT, "pg:Actual", "pg:Exactly", YEAR)
LISTED_NEW = Number("8", "8家", ABOUT_CD, ("新增", "上市"), COUNT, "pg:Actual", None, YEAR)
LISTED_TOTAL = Number("52", "52家", ABOUT_CD, ("累计", "上市及过会"), COUNT, "pg:Actual", "pg:Exactly", YEAR)
STAR_MARKET = Number("7", "7家", ABOUT_CD, ("科创板",), COUNT, "pg:Actual", None, YEAR)
GAZELLE_NEW = Number("271", "271家", ABOUT_CD, ("新认定", "瞪羚"), COUNT, "pg:Actual", None, YEAR)
GAZELLE_TOTAL = Number("892", "892家", ABOUT_CD, ("累计", "瞪羚"), COUNT, "pg:Actual", "pg:Exactly", YEAR)
ENTITIES = Number("57100", "5.71万户", ABOUT_CD, ("市场主体",), COUNT, "pg:Actual", None, YEAR)
FIRMS = Number("31300", "3.13万户", ABOUT_CD, ("新注册企业",), COUNT, "pg:Actual", None, YEAR)

NUMBERS = (
    GDP, GDP_GROWTH, BONDED_RANK, LEADING, ELECTRONICS, BIOMAKING, BIO_FIRMS, BIO_REVENUE, NEW_DRUGS,
    SOFTWARE, SRDI_NEW, SRDI_TOTAL, LISTED_NEW, LISTED_TOTAL, STAR_MARKET, GAZELLE_NEW, GAZELLE_TOTAL,
    ENTITIES, FIRMS,
)  # fmt: skip

FACTS: list[Fact] = [
    Fact(
        ARTICLE, "T", "成都高新区前三季度GDP超2000亿元 增长11.1%", "source document title and file", ask(DOC)
    ),
    Fact(
        ARTICLE,
        "T",
        "# note: 中国新闻网 … 2021-11-03",
        "source document dated 2021-11-03",
        ask(DOC + dated("?doc", "2021-11-03")),
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
        "成都高新区对外公布",
        "chengdu htz is a high-tech zone from this article",
        ask(CD + derived_from("?cd", DOC, "?doc")),
    ),
    *facts("P01.S1", "今年前三季度，成都高新区地区生产总值达到2034.2亿元", GDP, Q1_Q3),
    *facts("P01.S1", "增长11.1%", GDP_GROWTH, Q1_Q3),
    Fact(
        ARTICLE,
        "P01.S1",
        "成都高新综合保税区的进出口总额",
        "the comprehensive bonded zone is a functional area not a park",
        ask(
            entity("?fz", "pg:FunctionalArea", "综合保税区")
            + derived_from("?fz", DOC, "?doc")
            + "FILTER NOT EXISTS { ?fz rdf:type/rdfs:subClassOf* pg:Park }\n"
        ),
    ),
    *facts(
        "P01.S1", "成都高新综合保税区的进出口总额继续保持全国第一", BONDED_RANK, Q1_Q3, "bonded zone rank"
    ),
    # P02
    *[
        Fact(
            ARTICLE,
            "P02.S1",
            f"成都高新区{word}…三大主导产业",
            f"chengdu htz has the {slug} industry",
            ask(CD + park_industry("?cd", word)),
        )
        for word, slug in (
            ("电子信息", "electronic information"),
            ("生物医药", "biomedicine"),
            ("新经济", "new economy"),
        )
    ],
    *facts("P02.S1", "电子信息、生物医药、新经济三大主导产业", LEADING, tag="leading industries"),
    Fact(
        ARTICLE,
        "P02.S2",
        "规上电子信息制造业总产值",
        "chengdu htz has the electronic information manufacturing industry",
        ask(CD + park_industry("?cd", "电子信息制造业")),
    ),
    *facts("P02.S2", "前三季度规上电子信息制造业总产值增长26.4%", ELECTRONICS, Q1_Q3),
    # P03
    org(
        "P03.S1",
        "成都高新区电子信息产业局相关负责人介绍",
        "成都高新区电子信息产业局",
        "electronic information industry bureau",
    ),
    org("P03.S2", "鸿富锦、戴尔、业成等企业", "鸿富锦", "hongfujin"),
    org("P03.S2", "鸿富锦、戴尔、业成等企业", "戴尔", "dell"),
    org("P03.S2", "鸿富锦、戴尔、业成等企业", "业成", "general interface solution"),
    # P04
    Fact(
        ARTICLE,
        "P04.S1",
        "规上生物制造业总产值增长14.2%",
        "chengdu htz has the bio-manufacturing industry",
        ask(CD + park_industry("?cd", "生物制造业")),
    ),
    *facts("P04.S1", "规上生物制造业总产值增长14.2%", BIOMAKING, Q1_Q3),
    *facts("P04.S1", "38家规上营利性服务业企业", BIO_FIRMS, Q1_Q3),
    *facts("P04.S1", "38家规上营利性服务业企业的营收同比增长超过15%", BIO_REVENUE, Q1_Q3),
    # P05
    org("P05.S1", "推动美益达医疗全国首创的可吸收颅骨锁产品", "美益达医疗", "meiyida medical"),
    org("P05.S1", "推动华昊中天的全国首个埃坡霉素I类新药优替德隆", "华昊中天", "biostar"),
    org("P05.S1", "成都微芯的国内首款II型糖尿病原创Ⅰ类新药西格列他钠投产", "成都微芯", "chipscreen"),
    Fact(
        ARTICLE,
        "P05.S1",
        "美益达医疗全国首创的可吸收颅骨锁产品",
        "meiyida holds the nation-first absorbable skull lock title",
        ask(
            zh_label("?holder", "美益达医疗")
            + "?holder pg:holdsTitle ?t .\n"
            + is_a("?t", "pg:Title")
            + zh_label("?t", "可吸收颅骨锁")
            + derived_from("?t", DOC, "?doc")
        ),
    ),
    Fact(
        ARTICLE,
        "P05.S1",
        "华昊中天的全国首个埃坡霉素I类新药优替德隆",
        "utidelone holds the first epothilone class-i new drug title",
        ask(
            zh_label_any("?holder", "优替德隆", "华昊中天")
            + "?holder pg:holdsTitle ?t .\n"
            + is_a("?t", "pg:Title")
            + zh_label("?t", "埃坡霉素")
            + derived_from("?t", DOC, "?doc")
        ),
    ),
    Fact(
        ARTICLE,
        "P05.S1",
        "成都微芯的国内首款II型糖尿病原创Ⅰ类新药西格列他钠",
        "chiglitazar holds the first type-ii diabetes original new drug title",
        ask(
            zh_label_any("?holder", "西格列他钠", "成都微芯")
            + "?holder pg:holdsTitle ?t .\n"
            + is_a("?t", "pg:Title")
            + zh_label("?t", "糖尿病")
            + derived_from("?t", DOC, "?doc")
        ),
    ),
    *facts("P05.S2", "目前，成都高新区处在临床研究阶段的一类新药品种已达48个", NEW_DRUGS),
    # P06
    Fact(
        ARTICLE,
        "P06.S1",
        "软件和信息技术服务业等细分行业",
        "chengdu htz has the software and it services industry",
        ask(CD + park_industry("?cd", "软件和信息技术服务业")),
    ),
    *facts("P06.S1", "软件和信息技术服务业等细分行业的营收增速均保持在18%以上", SOFTWARE, Q1_Q3),
    # P07
    *facts("P07.S1", "新增国家级“专精特新”企业20家", SRDI_NEW),
    *facts("P07.S1", "累计达到40家", SRDI_TOTAL),
    *facts("P07.S1", "新增上市企业8家", LISTED_NEW),
    *facts("P07.S1", "累计上市及过会企业达52家", LISTED_TOTAL),
    *facts("P07.S1", "其中科创板上市及过会企业7家", STAR_MARKET),
    *facts("P07.S1", "新认定瞪羚企业271家", GAZELLE_NEW),
    *facts("P07.S1", "累计达892家", GAZELLE_TOTAL),
    # P08
    *facts("P08.S1", "1-9月成都高新区新注册市场主体5.71万户", ENTITIES, Q1_Q3),
    *facts("P08.S1", "新注册企业3.13万户", FIRMS, Q1_Q3),
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
        "(the headline's 超2000亿元 is the body's 2034.2亿元)",
        "every value is a number of the text",
        values_only(DOC, "?doc", tuple(n.value for n in NUMBERS)),
    ),
    Fact(
        ARTICLE,
        "G",
        "(成都高新区 is the one park)",
        "one park from this article",
        derived_count("pg:Park", DOC, "?doc", 1),
    ),
    Fact(
        ARTICLE,
        "G",
        "(the text only says 成都高新区)",
        "no full name of chengdu htz is invented",
        no_label_with(CD, "?cd", "高新技术产业开发区"),
    ),
    Fact(
        ARTICLE,
        "G",
        "(the body names no administrative area)",
        "no area is derived from this article",
        derived_count("pg:AdministrativeArea", DOC, "?doc", 0),
    ),
]
