"""a4: 2022年国家高新区综合评价排名出炉 合肥高新区升至第七 (央广网, 2023-02-17).

Written from the article's text and the ontology contract only. Paragraphs are counted in the
body after the header lines and the title (whose 第七 is the body's, counted once). The ranks of
P02 have no period: neither their sentence nor their paragraph states one.
"""

from __future__ import annotations

from factwalk import (
    COUNT,
    LABELS,
    OTHER,
    PERCENT,
    RANK,
    YUAN,
    Fact,
    Number,
    ask,
    derived_from,
    doc_file,
    is_a,
    issued_on,
    lit,
    named,
    no_label_containing,
    no_park_named,
    observation_count,
    percentage_points,
    published_by,
    related_from,
    revision_of,
    stated_number_facts,
    values_among,
    zh_label,
    zh_label_any,
)

ARTICLE = "a4"
FILE = "a4_hefei-htz-national-ranking-2022.txt"
ADDRESS = "https://www.163.com/dy/article/HTQ1EF440514R9NP.html"

DOC = doc_file("?doc", FILE)


def hefei(node: str = "?hf") -> str:
    return is_a(node, "pg:Park") + zh_label(node, "合肥高新区")


def rel(subject_pattern: str, subject: str, props: str, cls: str | None, *words: str) -> str:
    """`subject` -props-> a node labelled with `words`, derived from this article."""
    return related_from(subject_pattern, subject, props, cls, DOC, "?doc", *words)


def facts(sentence_id: str, excerpt: str, n: Number, name: str) -> list[Fact]:
    return stated_number_facts(ARTICLE, sentence_id, excerpt, n, name, DOC)


def of_this_article(node: str) -> str:
    return derived_from(node, DOC, "?doc")


def organisation(word: str, en: str, sentence_id: str, excerpt: str) -> Fact:
    return Fact(
        ARTICLE,
        sentence_id,
        excerpt,
        f"{en} is an organisation of this article",
        ask(named("?org", "pg:Organization", word) + of_this_article("?org")),
    )


GAOXIN_GUFEN = named("?gxgf", "pg:Organization", "高新股份")

ABOUT_HF = (hefei(), "?hf")
ABOUT_GXGF = (GAOXIN_GUFEN, "?gxgf")
# 169个国家级高新区: about the kind of zone taken as a set (pg:Category), not a park.
ABOUT_NATIONAL_HTZS = (is_a("?cat", "pg:Category") + zh_label("?cat", "高新区"), "?cat")
Y2022 = (2022, 2022)
NINE_YEARS = (2014, 2022)  # 已连续九年, up to the evaluation of 2022
PLACES = ("positionchange", "名次变化", *OTHER)

ZONES = Number("169", "169个", ABOUT_NATIONAL_HTZS, ("国家级高新区",), COUNT, "pg:Actual", None, Y2022)
RANK_2022 = Number("7", "第七名", ABOUT_HF, ("综合评价",), RANK, "pg:Actual", None, Y2022)
RANK_UP = Number("1", "一位", ABOUT_HF, ("上升",), PLACES, "pg:Actual", None, Y2022)
TOP_TEN = Number("10", "十强", ABOUT_HF, ("十强",), RANK, "pg:Actual", "pg:AtMost", NINE_YEARS)
OPENNESS = Number("4", "第四", ABOUT_HF, ("开放创新和国际竞争力",), RANK, "pg:Actual", None, None)
QUALITY = Number("5", "第五", ABOUT_HF, ("综合质效和持续创新力",), RANK, "pg:Actual", None, None)
INNOVATION = Number("7", "第七", ABOUT_HF, ("创新能力和创业活跃度",), RANK, "pg:Actual", None, None)
STRUCTURE = Number("8", "第八", ABOUT_HF, ("结构优化和产业价值链",), RANK, "pg:Actual", None, None)
GDP_SHARE_UP = Number(
    "1", "1个百分点", ABOUT_HF, ("地区生产总值", "比重"), PERCENT, "pg:Actual", "pg:AtLeast", Y2022
)
TAX_SHARE = Number("24.6", "24.6%", ABOUT_HF, ("税收", "比重"), PERCENT, "pg:Actual", None, Y2022)
TAX_SHARE_UP = Number(
    "5", "5个百分点", ABOUT_HF, ("税收", "比重"), PERCENT, "pg:Actual", "pg:Approximately", Y2022
)
VALUE_ADDED_PER_MU = Number("7", "第七", ABOUT_HF, ("亩均工业增加值",), RANK, "pg:Actual", None, Y2022)
TAX_PER_MU = Number("5", "第五", ABOUT_HF, ("亩均", "税收"), RANK, "pg:Actual", None, Y2022)
TEN_BILLION_FIRMS = Number("4", "4家", ABOUT_HF, ("新增", "百亿企业"), COUNT, "pg:Actual", None, Y2022)
BILLION_FIRMS = Number("15", "15家", ABOUT_HF, ("10亿以上",), COUNT, "pg:Actual", None, Y2022)
NEW_LISTED = Number("3", "3家", ABOUT_HF, ("新增", "上市公司"), COUNT, "pg:Actual", None, Y2022)
REITS = Number("1600000000", "16亿元", ABOUT_GXGF, ("募资",), YUAN, "pg:Actual", "pg:Approximately", Y2022)
PATENTS = Number("474", "474件", ABOUT_HF, ("发明专利",), COUNT, "pg:Actual", None, Y2022)

NUMBERS = (
    ZONES,
    RANK_2022,
    RANK_UP,
    TOP_TEN,
    OPENNESS,
    QUALITY,
    INNOVATION,
    STRUCTURE,
    GDP_SHARE_UP,
    TAX_SHARE,
    TAX_SHARE_UP,
    VALUE_ADDED_PER_MU,
    TAX_PER_MU,
    TEN_BILLION_FIRMS,
    BILLION_FIRMS,
    NEW_LISTED,
    REITS,
    PATENTS,
)

FACTS: list[Fact] = [
    # The source document: the header's title, address and date.
    Fact(
        ARTICLE,
        "T",
        "2022年国家高新区综合评价排名出炉 合肥高新区升至第七",
        "source document title and file name",
        ask(
            DOC + '?doc dcterms:title ?t . FILTER(CONTAINS(STR(?t), "国家高新区综合评价排名出炉")'
            ' && CONTAINS(STR(?t), "合肥高新区升至第七"))\n'
        ),
    ),
    Fact(
        ARTICLE,
        "T",
        "# note: 央广网……，2023-02-17",
        "source document is dated 2023-02-17",
        issued_on(DOC, "?doc", "2023-02-17"),
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
        "# note: 央广网……，2023-02-17",
        "source document names its outlet",
        published_by(DOC, "?doc", "央广网"),
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
        "记者今天从合肥高新区管委会了解到",
        "hefei htz is a high-tech zone of this article",
        ask(hefei() + is_a("?hf", "pg:HighTechZone") + "?hf pg:evidence ?e .\n" + of_this_article("?hf")),
    ),
    organisation("央广网", "cnr", "P01.S1", "央广网合肥2月17日消息"),
    organisation(
        "合肥高新区管委会", "the hefei htz management committee", "P01.S1", "从合肥高新区管委会了解到"
    ),
    organisation("科技部火炬中心", "the torch centre", "P01.S1", "科技部火炬中心近日公布了"),
    Fact(
        ARTICLE,
        "P04.S1",
        "占合肥市的比重",
        "hefei city is one area of this article",
        ask(named("?city", "pg:AdministrativeArea", "合肥市") + of_this_article("?city")),
    ),
    Fact(
        ARTICLE,
        "P04.S1",
        "高新区地区生产总值占合肥市的比重",
        "hefei htz is located in hefei",
        ask(
            hefei()
            + "?hf pg:locatedIn+ ?city .\n"
            + is_a("?city", "pg:AdministrativeArea")
            + zh_label("?city", "合肥")
        ),
    ),
    *facts("P01.S2", "在169个国家级高新区中", ZONES, "national high-tech zones evaluated"),
    *facts("P01.S2", "合肥高新区位列第七名", RANK_2022, "overall rank"),
    *facts("P01.S2", "比上一年上升一位", RANK_UP, "places gained"),
    *facts("P01.S2", "已连续九年稳居全国十强", TOP_TEN, "top ten for nine years"),
    # P02
    *facts("P02.S1", "“开放创新和国际竞争力”排名第四", OPENNESS, "openness rank"),
    *facts("P02.S1", "“综合质效和持续创新力”排名全国第五", QUALITY, "quality rank"),
    *facts("P02.S1", "“创新能力和创业活跃度”排名全国第七", INNOVATION, "innovation rank"),
    *facts("P02.S1", "“结构优化和产业价值链”排名全国第八", STRUCTURE, "structure rank"),
    Fact(
        ARTICLE,
        "P02.S1",
        "排在它前面的只有北京中关村、上海张江和苏州工业园 (for comparison)",
        "the zones named for comparison are not parks of this article",
        no_park_named(DOC, "?doc", "中关村", "张江", "苏州工业园"),
    ),
    Fact(
        ARTICLE,
        "P02.S1",
        "北京中关村、上海张江 (prefixes of park names)",
        "beijing and shanghai are not areas",
        ask(
            "FILTER NOT EXISTS { "
            + is_a("?a", "pg:AdministrativeArea")
            + zh_label_any("?a", "北京", "上海")
            + of_this_article("?a")
            + "}\n"
        ),
    ),
    # P04
    *facts("P04.S1", "比上年提高超1个百分点", GDP_SHARE_UP, "gdp share change"),
    Fact(
        ARTICLE,
        "P04.S1",
        "比上年提高超1个百分点",
        "gdp share change is in percentage points",
        percentage_points(GDP_SHARE_UP),
    ),
    *facts("P04.S1", "税收收入占合肥市的比重达到24.6%", TAX_SHARE, "tax share"),
    *facts("P04.S1", "比上年提高近5个百分点", TAX_SHARE_UP, "tax share change"),
    Fact(
        ARTICLE,
        "P04.S1",
        "比上年提高近5个百分点",
        "tax share change is in percentage points",
        percentage_points(TAX_SHARE_UP),
    ),
    *facts(
        "P04.S1",
        "亩均工业增加值和税收分别位居全国高新区第七和第五",
        VALUE_ADDED_PER_MU,
        "value added per mu rank",
    ),
    *facts("P04.S1", "亩均工业增加值和税收分别位居全国高新区第七和第五", TAX_PER_MU, "tax per mu rank"),
    # P05
    *facts("P05.S1", "新增工业百亿企业4家", TEN_BILLION_FIRMS, "new ten-billion firms"),
    *facts("P05.S1", "工业10亿以上企业15家", BILLION_FIRMS, "new billion firms"),
    *facts("P05.S1", "新增上市公司3家", NEW_LISTED, "new listed companies"),
    organisation("高新股份", "gaoxin holdings", "P05.S1", "高新股份成功发行全省首单公募REITs"),
    *facts("P05.S1", "募资近16亿元", REITS, "reits proceeds"),
    Fact(
        ARTICLE,
        "P05.S1",
        "高新股份成功发行全省首单公募REITs",
        "gaoxin holdings holds the first public reits",
        rel(GAOXIN_GUFEN, "?gxgf", "pg:holdsTitle", "pg:Title", "首单公募REITs"),
    ),
    Fact(
        ARTICLE,
        "P05.S1",
        "创下全市场所有已发项目认购倍数最高纪录",
        "gaoxin holdings holds the subscription record",
        rel(GAOXIN_GUFEN, "?gxgf", "pg:holdsTitle", "pg:Title", "认购倍数最高纪录"),
    ),
    *facts("P05.S2", "万人有效发明专利达到474件", PATENTS, "invention patents per ten thousand"),
    # P06
    Fact(
        ARTICLE,
        "P06.S1",
        "努力建设合肥综合性国家科学中心“核心区”",
        "hefei htz aspires to the science centre core",
        rel(hefei(), "?hf", "pg:aspiresTo", None, "综合性国家科学中心", "核心区"),
    ),
    Fact(
        ARTICLE,
        "P06.S1",
        "努力建设…“科大硅谷”核心区",
        "hefei htz aspires to the ustc silicon valley core",
        rel(hefei(), "?hf", "pg:aspiresTo", None, "科大硅谷", "核心区"),
    ),
    Fact(
        ARTICLE,
        "P06.S1",
        "被称为“合肥版中关村”",
        "hefei htz holds the hefei zhongguancun title",
        rel(hefei(), "?hf", "pg:holdsTitle", "pg:Title", "合肥版中关村"),
    ),
    Fact(
        ARTICLE,
        "P06.S1",
        "努力建设 (not reached)",
        "hefei htz holds neither core-area title",
        ask(
            hefei()
            + "FILTER NOT EXISTS { ?hf pg:holdsTitle ?t . ?t "
            + LABELS
            + ' ?l . FILTER(CONTAINS(STR(?l), "核心区")) }\n'
        ),
    ),
    # The whole article.
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
        values_among(DOC, "?doc", tuple(sorted({n.value for n in NUMBERS}))),
    ),
    Fact(
        ARTICLE,
        "G",
        "合肥高新区",
        "hefei htz is one park entity",
        ask("{ SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { " + hefei("?p") + "} }\nFILTER(?n = 1)\n"),
    ),
    Fact(
        ARTICLE,
        "G",
        "(the text says 合肥高新区 only)",
        "no full name of hefei htz is invented",
        no_label_containing(hefei(), "?hf", "高新技术产业开发区"),
    ),
]
