"""b4 《昆明高新区上半年主要指标稳中有进》: 昆明高新区's first-half 2023 figures, its three leading
industries and three code names, sentence by sentence.

Header: 云南日报, 2023-08-29 (a reprint on news.jjrbnet.com); so 今年 and 上半年 are the first half
of 2023. The last paragraph's first sentence (下一步…三大主导产业) repeats P02's three industries
and states no new number. The body names no administrative area (昆明 only in the park's name;
全市, 省外 unresolved).
"""

from __future__ import annotations

from factwalk import (
    COUNT,
    PARK_INDUSTRY,
    PERCENT,
    YUAN,
    Fact,
    Walk,
    When,
    actual,
    ask,
    code_or_label,
    component_exactly,
    derived_count,
    derived_from,
    doc,
    file_name,
    fresh,
    is_a,
    issued,
    lit,
    names,
    stated,
    zh_label,
    zh_labels_within,
)

ARTICLE = "b4"
FILE = "b4_kunming-htz-h1-indicators-2023.txt"
ADDRESS = "http://news.jjrbnet.com/yuanqu/20230829/85520.html"

DOC = doc("?doc", "昆明高新区上半年主要指标稳中有进")
H1 = When(2023, 2023, 1, 6)


def park(node: str = "?p") -> str:
    """`node` is the park 昆明高新区."""
    return is_a(node, "pg:Park") + zh_label(node, "昆明高新区")


def park_industry(word: str, node: str) -> str:
    """`node` is an industry (or cluster) of 昆明高新区 named with `word`."""
    return park() + f"?p {PARK_INDUSTRY} {node} .\n" + zh_label(node, word)


def code(word: str, node: str = "?s") -> str:
    """`node` is the pg:Strategy whose code name (notation or label) contains `word`."""
    return is_a(node, "pg:Strategy") + code_or_label(node, word)


ABOUT_PARK = (park(), "?p")

W = Walk(ARTICLE, DOC)
fact, num = W.fact, W.number

# --- the source document ------------------------------------------------------------------

fact("T", "昆明高新区上半年主要指标稳中有进", "source document has the title", ask(DOC))
fact("T", "(file)", "source document records its file name", file_name(DOC, "?doc", FILE))
fact(
    "T",
    "# note: 云南日报…，2023-08-29",
    "source document is dated 2023-08-29",
    issued(DOC, "?doc", "2023-08-29"),
)
fact(
    "T",
    f"# source: {ADDRESS}",
    "source document names the page it rewrites",
    ask(DOC + f"?doc dcterms:source|prov:wasRevisionOf ?src . FILTER(STR(?src) = {lit(ADDRESS)})\n"),
)
fact(
    "T",
    "# note: 云南日报",
    "source document names the newspaper",
    ask(DOC + "?doc dcterms:publisher|schema:publisher ?pub .\n" + names("?pub", "云南日报")),
)

# --- P01 --------------------------------------------------------------------------------------

S = "P01.S1"
E = "昆明高新区紧紧围绕打造“六个春城”赛道"
fact(
    S,
    E,
    "kunming is a high-tech zone derived from the article",
    ask(is_a("?p", "pg:HighTechZone") + zh_label("?p", "昆明高新区") + derived_from("?p", DOC, "?doc")),
)
fact(
    S,
    "(the text names it 昆明高新区, 高新区, 园区)",
    "no other name of kunming is invented",
    ask(park() + zh_labels_within("?p", "昆明高新区")),
)
fact(
    S,
    E,
    "six spring cities is a strategy from the article",
    ask(code("六个春城") + derived_from("?s", DOC, "?doc")),
)
fact(
    S,
    E,
    "kunming pursues six spring cities",
    ask(park() + "?p pg:pursues/pg:alignsWith* ?s .\n" + code("六个春城")),
)
fact(
    S,
    E,
    "six spring cities declares 6 and names none",
    component_exactly(code("六个春城"), "?s", "春城", 6, ()),
)

S = "P01.S2"
E = "上半年，高新区主营业务收入达到1517亿元，同比增长9.6%；规模以上工业总产值517.5亿元，同比增长3.5%"
num(
    S,
    E,
    "main business revenue 1517e8",
    actual("151700000000", "1517亿元", ABOUT_PARK, ("主营业务收入",), YUAN),
    H1,
)
num(
    S,
    E,
    "main business revenue growth 9.6",
    actual("9.6", "9.6%", ABOUT_PARK, ("主营业务收入", "增长"), PERCENT),
    H1,
)
num(
    S,
    E,
    "industrial output 517.5e8",
    actual("51750000000", "517.5亿元", ABOUT_PARK, ("工业总产值",), YUAN),
    H1,
)
num(
    S,
    E,
    "industrial output growth 3.5",
    actual("3.5", "3.5%", ABOUT_PARK, ("工业总产值", "增长"), PERCENT),
    H1,
)
E = "工业增加值增速为11.7%，比全市平均水平高出4.9个百分点"
num(S, E, "value added growth 11.7", actual("11.7", "11.7%", ABOUT_PARK, ("工业增加值",), PERCENT), H1)
POINTS = actual("4.9", "4.9个百分点", ABOUT_PARK, ("全市平均",), PERCENT)
num(S, E, "4.9 points above the city average", POINTS, H1)
fact(
    S,
    "高出4.9个百分点",
    "4.9 is percentage points not percent",
    ask(
        stated(POINTS)
        + "{ ?obs pg:unit pg:PercentagePoint } UNION "
        + "{ ?obs pg:indicator ?i . { ?obs pg:indicatorText ?t } UNION { ?i rdfs:label|skos:prefLabel ?t } "
        + 'FILTER(CONTAINS(STR(?t), "百分点")) }\n'
    ),
)

# --- P02 --------------------------------------------------------------------------------------

S = "P02.S1"
E = "今年上半年，昆明高新区出台了经济回稳向好18条措施"
num(S, E, "18 measures", actual("18", "18条", ABOUT_PARK, ("措施",), COUNT), H1)
E = "不断夯实贵金属新材料、生物医药、数字经济三大主导产业的支撑作用"
for word, slug in (
    ("贵金属新材料", "precious metal materials"),
    ("生物医药", "biomedicine"),
    ("数字经济", "digital economy"),
):
    fact(S, E, f"kunming has the {slug} industry", ask(park_industry(word, fresh("ind"))))
num(S, E, "three leading industries", actual("3", "三大", ABOUT_PARK, ("主导产业",), COUNT), H1)
E = "主导产业规上企业总产值达264.7亿元，同比增长5.6%"
num(
    S,
    E,
    "leading industries output 264.7e8",
    actual("26470000000", "264.7亿元", ABOUT_PARK, ("主导产业", "总产值"), YUAN),
    H1,
)
num(
    S,
    E,
    "leading industries output growth 5.6",
    actual("5.6", "5.6%", ABOUT_PARK, ("主导产业", "增长"), PERCENT),
    H1,
)

S = "P02.S2"
E = "其中，稀贵金属新材料产业同比增长6.6%，生物医药产业同比增长1.3%，数字经济产业同比增长6.9%"
for word, value, slug in (
    ("稀贵金属新材料", "6.6", "rare precious metal"),
    ("生物医药", "1.3", "biomedicine"),
    ("数字经济", "6.9", "digital economy"),
):
    about = (park_industry(word, "?ind"), "?ind")
    num(S, E, f"{slug} growth {value}", actual(value, f"{value}%", about, ("增长",), PERCENT), H1)

S = "P02.S3"
E = "园区持续实施“经营主体倍增、高科技企业培育、专精特新发展”三大提质增效行动"
ACTIONS = code("提质增效行动")
fact(
    S, E, "the three actions are a strategy from the article", ask(ACTIONS + derived_from("?s", DOC, "?doc"))
)
fact(
    S,
    E,
    "kunming carries out the three actions",
    ask(park() + "?p (pg:pursues|pg:runs)/pg:alignsWith* ?s .\n" + ACTIONS),
)
fact(
    S,
    E,
    "the three actions declare 3 and name all three",
    component_exactly(ACTIONS, "?s", "提质增效行动", 3, ("经营主体倍增", "高科技企业培育", "专精特新发展")),
)
E = "经营主体净增4151户，完成全年任务的148.8%，其中企业净增2359户，完成全年任务的93.7%"
num(
    S,
    E,
    "net new business entities 4151",
    actual("4151", "4151户", ABOUT_PARK, ("经营主体", "净增"), COUNT),
    H1,
)
num(
    S,
    E,
    "entities 148.8 of the year task",
    actual("148.8", "148.8%", ABOUT_PARK, ("经营主体", "全年任务"), PERCENT),
    H1,
)
num(S, E, "net new enterprises 2359", actual("2359", "2359户", ABOUT_PARK, ("企业净增",), COUNT), H1)
num(
    S,
    E,
    "enterprises 93.7 of the year task",
    actual("93.7", "93.7%", ABOUT_PARK, ("企业净增", "全年任务"), PERCENT),
    H1,
)
E = "新认定国家级科技型中小企业158户，同比增长61.2%"
num(S, E, "158 tech smes", actual("158", "158户", ABOUT_PARK, ("科技型中小企业",), COUNT), H1)
num(
    S,
    E,
    "tech smes growth 61.2",
    actual("61.2", "61.2%", ABOUT_PARK, ("科技型中小企业", "增长"), PERCENT),
    H1,
)
E = "“专精特新”中小企业共192户，净增114户，同比增长144%"
num(S, E, "192 specialised smes", actual("192", "192户", ABOUT_PARK, ("专精特新",), COUNT), H1)
num(S, E, "114 net new specialised smes", actual("114", "114户", ABOUT_PARK, ("专精特新", "净增"), COUNT), H1)
num(S, E, "specialised smes growth 144", actual("144", "144%", ABOUT_PARK, ("专精特新", "增长"), PERCENT), H1)

# --- P03 (no time expression of its own: the article's 上半年, as its title says) -------------

S = "P03.S1"
E = "通过滚动实施“五个一批”，75个续建项目累计完成投资39.5亿元"
fact(
    S,
    E,
    "five batches is a strategy from the article",
    ask(code("五个一批") + derived_from("?s", DOC, "?doc")),
)
fact(
    S,
    E,
    "kunming carries out five batches",
    ask(park() + "?p (pg:pursues|pg:runs)/pg:alignsWith* ?s .\n" + code("五个一批")),
)
fact(S, E, "five batches declares 5 and names none", component_exactly(code("五个一批"), "?s", "一批", 5, ()))
num(S, E, "75 continuing projects", actual("75", "75个", ABOUT_PARK, ("续建项目",), COUNT), H1)
num(
    S,
    E,
    "continuing projects investment 39.5e8",
    actual("3950000000", "39.5亿元", ABOUT_PARK, ("续建项目", "投资"), YUAN),
    H1,
)
E = "59个新开工项目中已开工30个、入库19个，完成投资1.2亿元，开工率为50.8%"
num(S, E, "59 new projects", actual("59", "59个", ABOUT_PARK, ("新开工项目",), COUNT), H1)
num(S, E, "30 of them started", actual("30", "30个", ABOUT_PARK, ("已开工",), COUNT), H1)
num(S, E, "19 of them registered", actual("19", "19个", ABOUT_PARK, ("入库",), COUNT), H1)
num(
    S, E, "new projects investment 1.2e8", actual("120000000", "1.2亿元", ABOUT_PARK, ("完成投资",), YUAN), H1
)
num(S, E, "new projects start rate 50.8", actual("50.8", "50.8%", ABOUT_PARK, ("开工率",), PERCENT), H1)
E = "纳入省级开工的重大项目10个，贵金属装联材料、生物所多联多价疫苗等7个项目已开工，开工率70%"
num(S, E, "10 major provincial projects", actual("10", "10个", ABOUT_PARK, ("重大项目",), COUNT), H1)
num(S, E, "7 major projects started", actual("7", "7个", ABOUT_PARK, ("已开工",), COUNT), H1)
num(S, E, "major projects start rate 70", actual("70", "70%", ABOUT_PARK, ("开工率",), PERCENT), H1)
fact(
    S,
    "生物所多联多价疫苗",
    "the biology institute is an organisation",
    ask(is_a("?o", "pg:Organization") + zh_label("?o", "生物所") + derived_from("?o", DOC, "?doc")),
)

S = "P03.S2"
E = "省外到位产业资金达75.96亿元，同比增长74.79%，完成全年任务的63.3%"
num(
    S,
    E,
    "funds from outside 75.96e8",
    actual("7596000000", "75.96亿元", ABOUT_PARK, ("到位产业资金",), YUAN),
    H1,
)
num(S, E, "funds growth 74.79", actual("74.79", "74.79%", ABOUT_PARK, ("到位产业资金", "增长"), PERCENT), H1)
num(
    S,
    E,
    "funds 63.3 of the year task",
    actual("63.3", "63.3%", ABOUT_PARK, ("到位产业资金", "全年任务"), PERCENT),
    H1,
)
E = "新签约扬子江药业、星达铜业等招商引资项目32个，其中固投类项目15个，协议投资57亿元"
for word, slug in (("扬子江药业", "yangtze river pharma"), ("星达铜业", "xingda copper")):
    fact(
        S,
        E,
        f"{slug} is an organisation",
        ask(is_a("?o", "pg:Organization") + zh_label("?o", word) + derived_from("?o", DOC, "?doc")),
    )
num(S, E, "32 signed projects", actual("32", "32个", ABOUT_PARK, ("招商引资项目",), COUNT), H1)
num(S, E, "15 fixed-investment projects", actual("15", "15个", ABOUT_PARK, ("固投类项目",), COUNT), H1)
num(S, E, "agreed investment 57e8", actual("5700000000", "57亿元", ABOUT_PARK, ("协议投资",), YUAN), H1)

# --- the whole article --------------------------------------------------------------------------

W.whole_article()
fact("G", "昆明高新区", "one park is derived from the article", derived_count("pg:Park", DOC, "?doc", 1))
fact(
    "G",
    "(no area named: 昆明 only in the park's name)",
    "no area is derived from the article",
    derived_count("pg:AdministrativeArea", DOC, "?doc", 0),
)
fact(
    "G",
    "“六个春城” 三大提质增效行动 “五个一批”",
    "three strategies are derived from the article",
    derived_count("pg:Strategy", DOC, "?doc", 3),
)

FACTS: list[Fact] = W.facts
