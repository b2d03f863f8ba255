"""b3 《南昌高新区简介》: 南昌高新区's profile (2023 figures, the "4610" plan, the electronics
industry and its ODM companies), sentence by sentence.

Header: a rewrite of the park portal's 投资指南 page, 2024-07-30; the address of the stored
mirror is not given. The body names the park only as 南昌高新区 and the province as 江西省.
"""

from __future__ import annotations

from factwalk import (
    COUNT,
    HOURS,
    PARK_INDUSTRY,
    PERCENT,
    RANK,
    SETS,
    SQUARE_KM,
    YEARS,
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
    fresh,
    indicator_words,
    is_a,
    issued,
    lit,
    no_components,
    no_observation_with_value,
    notation,
    only,
    related,
    stated,
    unit_matches,
    zh_label,
    zh_labels_within,
)

ARTICLE = "b3"
FILE = "b3_nanchang-htz-profile-4610-2024.txt"

DOC = doc("?doc", "南昌高新区简介")
Y2023 = When(2023, 2023)


def park(node: str = "?p") -> str:
    """`node` is the park 南昌高新区."""
    return is_a(node, "pg:Park") + zh_label(node, "南昌高新区")


def park_industry(word: str, node: str) -> str:
    """`node` is an industry (or cluster) of 南昌高新区 named with `word`."""
    return park() + f"?p {PARK_INDUSTRY} {node} .\n" + zh_label(node, word)


def company(word: str, node: str = "?co") -> str:
    return is_a(node, "pg:Organization") + zh_label(node, word)


def strategy(code: str, node: str = "?s") -> str:
    return is_a(node, "pg:Strategy") + notation(node, code)


ABOUT_PARK = (park(), "?p")
ABOUT_ELECTRONICS = (park_industry("电子信息", "?ei"), "?ei")
ABOUT_NATIONAL_HTZS = (is_a("?cat", "pg:Category") + zh_label("?cat", "国家高新区"), "?cat")

W = Walk(ARTICLE, DOC)
fact, num = W.fact, W.number


# --- the source document ------------------------------------------------------------------

fact("T", "南昌高新区简介", "source document has the title", ask(DOC))
fact("T", "(file)", "source document records its file name", file_name(DOC, "?doc", FILE))
fact("T", "# note: …，2024-07-30", "source document is dated 2024-07-30", issued(DOC, "?doc", "2024-07-30"))
fact(
    "T",
    "# source: …镜像页，地址不录",
    "no page address is invented",
    ask(DOC + "FILTER NOT EXISTS { ?doc dcterms:source|prov:wasRevisionOf ?src . FILTER(isIRI(?src)) }\n"),
)

# --- P01 --------------------------------------------------------------------------------------

S = "P01.S1"
fact(
    S,
    "南昌高新区…成为国家级高新区",
    "nanchang is a high-tech zone derived from the article",
    ask(is_a("?p", "pg:HighTechZone") + zh_label("?p", "南昌高新区") + derived_from("?p", DOC, "?doc")),
)
fact(
    S,
    "(the text names it only 南昌高新区)",
    "no other name of nanchang is invented",
    ask(park() + zh_labels_within("?p", "南昌高新区")),
)
fact(
    S,
    "经国务院批准",
    "the state council is an organisation",
    ask(company("国务院", "?gov") + derived_from("?gov", DOC, "?doc")),
)
fact(
    S,
    "成为国家级高新区",
    "nanchang holds the national htz title",
    related(park(), "?p", "pg:holdsTitle", "pg:Title", "国家级高新区"),
)
fact(
    S,
    "是江西省首个国家级开发区",
    "nanchang holds first national zone of jiangxi",
    related(park(), "?p", "pg:holdsTitle", "pg:Title", "江西省首个国家级开发区"),
)
fact(
    S,
    "是江西省首个国家级开发区",
    "nanchang lies in jiangxi",
    ask(park() + "?p pg:locatedIn+ ?a .\n" + is_a("?a", "pg:AdministrativeArea") + zh_label("?a", "江西")),
)
fact(
    S,
    "创建于1991年3月，1992年11月经国务院批准",
    "founding dates are not observations",
    no_observation_with_value(DOC, "?doc", ("1991", "1992")),
)

S = "P01.S2"
E = "全区区域面积286平方公里，下辖两镇两处，常住人口近50万人"
num(S, E, "area 286 km2", actual("286", "286平方公里", ABOUT_PARK, ("区域面积",), SQUARE_KM), None)
num(S, E, "towns 2", actual("2", "两镇", ABOUT_PARK, ("镇",), COUNT), None)
num(S, E, "offices 2", actual("2", "两处", ABOUT_PARK, ("处",), COUNT), None)
num(
    S,
    E,
    "population about 500000",
    actual("500000", "50万人", ABOUT_PARK, ("常住人口",), COUNT, "pg:Approximately"),
    None,
)

S = "P01.S3"
E = "2023年，GDP实现1002.1亿元，同比增长4.2%…税占比80.3%，列全市第一"
num(S, E, "gdp 1002.1e8", actual("100210000000", "1002.1亿元", ABOUT_PARK, ("GDP",), YUAN), Y2023)
num(S, E, "gdp growth 4.2", actual("4.2", "4.2%", ABOUT_PARK, ("GDP", "增长"), PERCENT), Y2023)
num(
    S,
    E,
    "industrial revenue 3309e8",
    actual("330900000000", "3309亿元", ABOUT_PARK, ("工业营收",), YUAN),
    Y2023,
)
num(S, E, "share of city 52", actual("52", "52%", ABOUT_PARK, ("工业营收", "比重"), PERCENT), Y2023)
num(S, E, "fiscal revenue 139e8", actual("13900000000", "139亿元", ABOUT_PARK, ("财政总收入",), YUAN), Y2023)
num(
    S,
    E,
    "budget revenue 32e8",
    actual("3200000000", "32亿元", ABOUT_PARK, ("一般公共预算收入",), YUAN),
    Y2023,
)
num(
    S,
    E,
    "budget revenue growth 5.7",
    actual("5.7", "5.7%", ABOUT_PARK, ("一般公共预算收入", "增长"), PERCENT),
    Y2023,
)
num(S, E, "tax share 80.3", actual("80.3", "80.3%", ABOUT_PARK, ("税占比",), PERCENT), Y2023)
num(S, E, "tax share rank first in city", actual("1", "第一", ABOUT_PARK, ("税占比", "全市"), RANK), Y2023)
fact(
    S,
    "是全省首家GDP超千亿元的开发区",
    "nanchang holds first zone over 1000e8 gdp",
    related(park(), "?p", "pg:holdsTitle", "pg:Title", "首家GDP超千亿元的开发区"),
)
fact(
    S,
    "GDP超千亿元 (a threshold inside the title)",
    "the 1000e8 threshold is not an observation",
    no_observation_with_value(DOC, "?doc", ("100000000000",)),
)

S = "P01.S4"
E = "在全国178家国家高新区综合排名中，南昌高新区连续八年进位赶超，排名第22位"
num(S, E, "178 national htzs ranked", actual("178", "178家", ABOUT_NATIONAL_HTZS, ("综合排名",), COUNT), None)
num(S, E, "eight years moving up", actual("8", "八年", ABOUT_PARK, ("进位",), YEARS), None)
num(S, E, "national rank 22", actual("22", "第22位", ABOUT_PARK, ("综合排名",), RANK), None)
FIRST_IN_PROVINCE = actual("1", "第一", ABOUT_PARK, ("开发区综合考评",), RANK)
W.count_number(FIRST_IN_PROVINCE)
fact(
    S,
    "在全省开发区综合考评中，连续6年位列第一",
    "first in the province value unit evidence source",
    ask(
        stated(FIRST_IN_PROVINCE)
        + unit_matches("?obs", RANK)
        + '?obs pg:evidence ?ev . FILTER(CONTAINS(STR(?ev), "连续6年位列第一"))\n'
        + derived_from("?obs", DOC, "?doc")
    ),
)
# 连续6年 is the span of the rank (no years stated): it stays with the rank, in its period's
# label or in the indicator, and no years are invented for it.
fact(
    S,
    "连续6年位列第一",
    "first in the province six years running no years invented",
    ask(
        stated(FIRST_IN_PROVINCE)
        + only("?obs", "pg:status", "pg:Actual")
        + "FILTER NOT EXISTS { ?obs pg:comparator ?cmp . FILTER(?cmp != pg:Exactly) }\n"
        + "FILTER NOT EXISTS { ?obs pg:period ?y . ?y pg:startYear|pg:endYear ?yr }\n"
        + "{ ?obs pg:period ?per . ?per rdfs:label|skos:prefLabel ?pl .\n"
        + '  FILTER(CONTAINS(STR(?pl), "连续6年")) }\n'
        + 'UNION { ?obs pg:indicatorText ?it . FILTER(CONTAINS(STR(?it), "连续6年")) }\n'
    ),
)

# --- P02 --------------------------------------------------------------------------------------

S = "P02.S2"
E = "围绕省“1269”行动计划和市“8810”行动计划…制定了高新区“4610”行动计划"
for code in ("1269", "8810", "4610"):
    fact(
        S,
        E,
        f"{code} is an action plan",
        ask(strategy(code) + zh_label("?s", "行动计划") + derived_from("?s", DOC, "?doc")),
    )
    fact(
        S, E, f"nanchang pursues {code}", ask(park() + "?p pg:pursues/pg:alignsWith* ?s .\n" + strategy(code))
    )
    fact(S, E, f"{code} has no components", no_components(strategy(code), "?s"))
fact(
    S,
    "制定了高新区“4610”行动计划",
    "nanchang pursues 4610 directly",
    ask(park() + "?p pg:pursues ?s .\n" + strategy("4610")),
)
E = "打造出电子信息、新材料两大“千亿级”产业，以及航空制造、医药健康两个“百亿级”产业"
for word, slug in (
    ("电子信息", "electronics"),
    ("新材料", "new materials"),
    ("航空制造", "aviation"),
    ("医药健康", "health"),
):
    fact(S, E, f"nanchang has the {slug} industry", ask(park_industry(word, fresh("ind"))))
num(S, E, "two 1000e8-level industries", actual("2", "两大", ABOUT_PARK, ("千亿级",), COUNT), None)
num(S, E, "two 100e8-level industries", actual("2", "两个", ABOUT_PARK, ("百亿级", "产业"), COUNT), None)

S = "P02.S3"
E = "2023年，全区营收10亿元以上的企业有65家，其中百亿级企业10家，1000亿、500亿、200亿级企业各1家"
num(
    S, E, "65 firms over 10e8 revenue", actual("65", "65家", ABOUT_PARK, ("营收", "10亿元以上"), COUNT), Y2023
)
num(S, E, "10 firms of 100e8 level", actual("10", "10家", ABOUT_PARK, ("百亿级企业",), COUNT), Y2023)
num(S, E, "1 firm of 1000e8 level", actual("1", "1家", ABOUT_PARK, ("1000亿",), COUNT), Y2023)
num(S, E, "1 firm of 500e8 level", actual("1", "1家", ABOUT_PARK, ("500亿",), COUNT), Y2023)
num(S, E, "1 firm of 200e8 level", actual("1", "1家", ABOUT_PARK, ("200亿",), COUNT), Y2023)
fact(
    S,
    "1000亿、500亿、200亿级企业各1家",
    "three distinct observations for the three firm levels",
    ask(
        "".join(
            f"{o} rdf:type pg:Observation ; pg:about ?p ; pg:value {o}v ; prov:wasDerivedFrom ?doc .\n"
            + f"FILTER({o}v = 1)\n"
            + indicator_words(o, (word,))
            for o, word in (("?o1", "1000亿"), ("?o2", "500亿"), ("?o3", "200亿"))
        )
        + park()
        + DOC
        + "FILTER(?o1 != ?o2 && ?o2 != ?o3 && ?o1 != ?o3)\n"
    ),
)

S = "P02.S4"
E = "省级制造业单项冠军企业7家、省级“专精特新”中小企业163家，分别占全市的54%、28%"
num(S, E, "7 single champions", actual("7", "7家", ABOUT_PARK, ("单项冠军",), COUNT), None)
num(S, E, "163 specialised smes", actual("163", "163家", ABOUT_PARK, ("专精特新",), COUNT), None)
num(S, E, "champions 54 of city", actual("54", "54%", ABOUT_PARK, ("单项冠军", "全市"), PERCENT), None)
num(S, E, "specialised smes 28 of city", actual("28", "28%", ABOUT_PARK, ("专精特新", "全市"), PERCENT), None)

S = "P02.S5"
E = "2023年推动存量企业新上项目50个，新引进亿元以上项目107个"
num(S, E, "50 new projects of existing firms", actual("50", "50个", ABOUT_PARK, ("新上项目",), COUNT), Y2023)
num(S, E, "107 projects over 1e8 introduced", actual("107", "107个", ABOUT_PARK, ("新引进",), COUNT), Y2023)

S = "P02.S6"
E = "特别是电子信息产业，已获得国家新型工业化产业示范基地、江西省5G产业基地等称号"
ELECTRONICS_TITLE = park_industry("电子信息", "?ei") + "?ei pg:holdsTitle ?t .\n" + is_a("?t", "pg:Title")
fact(
    S,
    E,
    "electronics holds the demonstration base title",
    ask(ELECTRONICS_TITLE + zh_label("?t", "国家新型工业化产业示范基地")),
)
fact(
    S,
    E,
    "electronics holds the jiangxi 5g base title",
    ask(ELECTRONICS_TITLE + zh_label("?t", "江西省5G产业基地")),
)
E = "连续3年获评江西省五星级产业集群"
fact(
    S,
    E,
    "electronics holds the five-star cluster title",
    ask(ELECTRONICS_TITLE + zh_label("?t", "五星级产业集群")),
)
num(
    S,
    E,
    "three years five-star cluster",
    actual("3", "3年", ABOUT_ELECTRONICS, ("五星级产业集群",), YEARS),
    None,
)
fact(
    S,
    "江西省5G产业基地 (5G is a name, not a number)",
    "no observation of 5",
    no_observation_with_value(DOC, "?doc", ("5",)),
)
E = "集聚了全国前三的移动智能终端ODM龙头企业华勤、龙旗、美晨"
for word, slug in (("华勤", "huaqin"), ("龙旗", "longqi"), ("美晨", "meichen")):
    fact(S, E, f"{slug} is an organisation", ask(company(word) + derived_from("?co", DOC, "?doc")))
    fact(
        S,
        E,
        f"{slug} holds the top-three odm title",
        related(company(word), "?co", "pg:holdsTitle", "pg:Title", "移动智能终端ODM龙头企业"),
    )
    num(
        S,
        E,
        f"{slug} top three odm",
        actual("3", "前三", (company(word), "?co"), ("ODM",), RANK, "pg:AtMost"),
        None,
    )
fact(S, E, "nanchang has the mobile terminal industry", ask(park_industry("移动智能终端", "?mt")))
E = "90%以上的手机一级零部件实现区内配套，形成了本地1小时采购配套物流圈"
num(
    S,
    E,
    "over 90 of phone parts local",
    actual("90", "90%", ABOUT_ELECTRONICS, ("零部件",), PERCENT, "pg:AtLeast"),
    None,
)
num(S, E, "one-hour logistics circle", actual("1", "1小时", ABOUT_ELECTRONICS, ("物流圈",), HOURS), None)

S = "P02.S7"
E = "2023年，移动智能终端出货量1.56亿台，其中智能手机9306.7万台，占全球智能手机总出货量的8%"
num(
    S,
    E,
    "terminal shipments 1.56e8",
    actual("156000000", "1.56亿台", ABOUT_PARK, ("移动智能终端", "出货量"), SETS),
    Y2023,
)
num(
    S,
    E,
    "smartphone shipments 9306.7e4",
    actual("93067000", "9306.7万台", ABOUT_PARK, ("智能手机",), SETS),
    Y2023,
)
num(S, E, "global share 8", actual("8", "8%", ABOUT_PARK, ("全球",), PERCENT), Y2023)

# --- the whole article --------------------------------------------------------------------------

W.whole_article()
fact("G", "南昌高新区", "one park is derived from the article", derived_count("pg:Park", DOC, "?doc", 1))
fact(
    "G",
    "江西省 (南昌 only in the park's name)",
    "one area is derived from the article",
    derived_count("pg:AdministrativeArea", DOC, "?doc", 1),
)
fact(
    "G",
    "“1269” “8810” “4610”",
    "three strategies are derived from the article",
    derived_count("pg:Strategy", DOC, "?doc", 3),
)
fact(
    "G",
    "国家高新区 (a class of zone, not a park)",
    "national htzs are a category not a park",
    ask(
        ABOUT_NATIONAL_HTZS[0]
        + "FILTER NOT EXISTS { ?cat rdf:type/rdfs:subClassOf* pg:Park }\n"
        + f"FILTER NOT EXISTS {{ ?x rdf:type/rdfs:subClassOf* pg:Park ; prov:wasDerivedFrom ?doc . {DOC}"
        + f"?x rdfs:label ?l . FILTER(STR(?l) = {lit('国家高新区')}) }}\n"
    ),
)

FACTS: list[Fact] = W.facts
