"""b5 《炎陵工业集中区获批省级高新技术产业开发区》: a county's industrial zone approved as a
provincial high-tech zone, its "一区三园" layout, firms and 2020 figures, sentence by sentence.

Header: 红网, 2021-04-27 (author 张兴诚); so 近日 and 截至目前/目前 refer to 2021. The counts of
zones in the province (3家 new, 48家 in all, 8 national, 40 provincial) are about the class of
zone, not about a park.
"""

from __future__ import annotations

from factwalk import (
    AUTHOR_PROPS,
    COUNT,
    LABELS,
    PARK_INDUSTRY,
    PERCENT,
    SQUARE_KM,
    YUAN,
    Fact,
    Walk,
    When,
    actual,
    ask,
    code_or_label,
    component_exactly,
    count_is,
    derived_count,
    derived_from,
    doc,
    file_name,
    fresh,
    is_a,
    issued,
    lit,
    names,
    related,
    zh_label,
    zh_label_any,
    zh_labels_within,
)

ARTICLE = "b5"
FILE = "b5_yanling-provincial-htz-approval-2021.txt"
ADDRESS = "https://hn.rednet.cn/m/content/2021/04/27/9238904.html"

DOC = doc("?doc", "炎陵工业集中区获批省级高新技术产业开发区")
RECENTLY = When(2021, 2021)  # 近日, in an article of 2021-04-27
AS_OF_NOW = When(None, 2021)  # 截至目前, 目前: up to the article's date, no start
Y2020 = When(2020, 2020)


def park(node: str = "?p") -> str:
    """`node` is the park 炎陵工业集中区."""
    return is_a(node, "pg:Park") + zh_label(node, "炎陵工业集中区")


def org(word: str, node: str = "?o") -> str:
    return is_a(node, "pg:Organization") + zh_label(node, word)


def layout(node: str = "?s") -> str:
    """`node` is the strategy “一区三园”."""
    return is_a(node, "pg:Strategy") + code_or_label(node, "一区三园")


def category(*alternatives: str) -> tuple[str, str]:
    """A class of zone taken as a set (pg:Category) named with one of `alternatives`."""
    node = fresh("cat")
    return is_a(node, "pg:Category") + zh_label_any(node, *alternatives), node


ABOUT_PARK = (park(), "?p")
ABOUT_PROVINCIAL = category("省级高新技术产业开发区", "省级高新区")
ABOUT_NATIONAL = category("国家高新技术产业开发区", "国家高新区")
_all, _label = fresh("cat"), fresh("label")
ABOUT_ALL_HTZS = (
    is_a(_all, "pg:Category")
    + zh_label(_all, "高新技术产业开发区")
    + f"FILTER NOT EXISTS {{ {_all} {LABELS} {_label} . "
    + f'FILTER(CONTAINS(STR({_label}), "省级") || CONTAINS(STR({_label}), "国家")) }}\n',
    _all,
)

W = Walk(ARTICLE, DOC)
fact, num = W.fact, W.number

# --- the source document ------------------------------------------------------------------

fact("T", "炎陵工业集中区获批省级高新技术产业开发区", "source document has the title", ask(DOC))
fact("T", "(file)", "source document records its file name", file_name(DOC, "?doc", FILE))
fact(
    "T", "# note: 红网…，2021-04-27", "source document is dated 2021-04-27", issued(DOC, "?doc", "2021-04-27")
)
fact(
    "T",
    f"# source: {ADDRESS}",
    "source document names the page it rewrites",
    ask(DOC + f"?doc dcterms:source|prov:wasRevisionOf ?src . FILTER(STR(?src) = {lit(ADDRESS)})\n"),
)
fact(
    "T",
    "红网时刻4月27日讯",
    "source document names the outlet",
    ask(DOC + "?doc dcterms:publisher|schema:publisher ?pub .\n" + names("?pub", "红网")),
)
fact(
    "T",
    "（记者 张兴诚）",
    "source document names its author",
    ask(DOC + f"?doc {AUTHOR_PROPS} ?a .\n" + names("?a", "张兴诚")),
)
fact(
    "T",
    "获批省级高新技术产业开发区",
    "yanling holds the provincial htz title",
    related(park(), "?p", "pg:holdsTitle", "pg:Title", "省级高新技术产业开发区"),
)

# --- P01 --------------------------------------------------------------------------------------

S = "P01.S1"
E = "近日，省政府集中批复，同意新增3家省级高新技术产业开发区，株洲市炎陵工业集中区名列其中"
fact(
    S,
    E,
    "yanling is a high-tech zone derived from the article",
    ask(is_a("?p", "pg:HighTechZone") + zh_label("?p", "炎陵工业集中区") + derived_from("?p", DOC, "?doc")),
)
fact(
    S,
    "株洲市炎陵工业集中区 / 该集中区 (no other name)",
    "no other name of yanling is invented",
    ask(park() + zh_labels_within("?p", "炎陵工业集中区", "株洲市炎陵工业集中区", "工业集中区")),
)
fact(S, E, "yanling lies in zhuzhou", ask(park() + "?p pg:locatedIn+ ?a .\n" + zh_label("?a", "株洲")))
for word, slug in (("红网", "rednet"), ("省政府", "provincial government")):
    fact(
        S,
        "红网时刻…省政府集中批复",
        f"{slug} is an organisation",
        ask(org(word) + derived_from("?o", DOC, "?doc")),
    )
fact(
    S,
    "（记者 张兴诚）",
    "the reporter is not an organisation",
    ask(
        DOC + "FILTER NOT EXISTS { ?o rdf:type pg:Organization ; rdfs:label|skos:prefLabel ?l . "
        'FILTER(CONTAINS(STR(?l), "张兴诚")) }\n'
    ),
)
for word, slug in (("株洲", "zhuzhou"), ("华容县", "huarong"), ("邵阳县", "shaoyang")):
    fact(
        S,
        "株洲市…其它两家分别花落华容县和邵阳县",
        f"{slug} is an area",
        ask(is_a("?a", "pg:AdministrativeArea") + zh_label("?a", word) + derived_from("?a", DOC, "?doc")),
    )
num(S, E, "3 new provincial htzs", actual("3", "3家", ABOUT_PROVINCIAL, ("新增",), COUNT), RECENTLY)
E = "其它两家分别花落华容县和邵阳县"
num(
    S,
    E,
    "the other 2 in huarong and shaoyang",
    actual("2", "两家", ABOUT_PROVINCIAL, ("华容",), COUNT),
    RECENTLY,
)

S = "P01.S2"
E = "截至目前，我省共有高新技术产业开发区48家，其中国家高新技术产业开发区8家、省级高新技术产业开发区40家"
num(S, E, "48 htzs in the province", actual("48", "48家", ABOUT_ALL_HTZS, ("省",), COUNT), AS_OF_NOW)
num(S, E, "8 national htzs", actual("8", "8家", ABOUT_NATIONAL, ("省",), COUNT), AS_OF_NOW)
num(S, E, "40 provincial htzs", actual("40", "40家", ABOUT_PROVINCIAL, ("省",), COUNT), AS_OF_NOW)

# --- P02 --------------------------------------------------------------------------------------

S = "P02.S1"
E = "炎陵工业集中区于2012年11月经省人民政府正式批复为省级工业园区，辖区面积46.3平方公里"
fact(
    S,
    E,
    "the provincial people's government is an organisation",
    ask(org("省人民政府") + derived_from("?o", DOC, "?doc")),
)
fact(
    S,
    E,
    "yanling holds the provincial industrial park title",
    related(park(), "?p", "pg:holdsTitle", "pg:Title", "省级工业园区"),
)
num(S, E, "area 46.3 km2", actual("46.3", "46.3平方公里", ABOUT_PARK, ("辖区面积",), SQUARE_KM), None)
E = "空间布局为一区三园：一区即工业集中区，三园包括中小企业创业园、九龙东园、九龙西园"
fact(
    S,
    E,
    "one zone three parks is a strategy from the article",
    ask(layout() + derived_from("?s", DOC, "?doc")),
)
fact(
    S,
    E,
    "yanling pursues one zone three parks",
    ask(park() + "?p pg:pursues/pg:alignsWith* ?s .\n" + layout()),
)
fact(
    S,
    E,
    "one zone three parks has two components",
    ask(count_is(layout() + "?s pg:hasComponent ?c .\n", "?c", 2)),
)
fact(
    S,
    E,
    "one zone declares 1 and names the zone",
    component_exactly(layout(), "?s", "一区", 1, ("工业集中区",)),
)
fact(
    S,
    E,
    "three parks declares 3 and names all three",
    component_exactly(layout(), "?s", "三园", 3, ("中小企业创业园", "九龙东园", "九龙西园")),
)
for word, slug in (
    ("中小企业创业园", "sme park"),
    ("九龙东园", "jiulong east"),
    ("九龙西园", "jiulong west"),
):
    fact(
        S,
        E,
        f"{slug} is a park from the article",
        ask(is_a("?sp", "pg:Park") + zh_label("?sp", word) + derived_from("?sp", DOC, "?doc")),
    )

S = "P02.S2"
E = "园区的发展定位是“产业新城、城市新区、产城融合”，主导产业为新材料、电子信息、纺织服饰"
for word, slug in (("产业新城", "new industrial city"), ("城市新区", "new urban district")):
    fact(S, E, f"yanling aspires to {slug}", related(park(), "?p", "pg:aspiresTo", None, word))
for word, slug in (("新材料", "new materials"), ("电子信息", "electronics"), ("纺织服饰", "textiles")):
    fact(
        S,
        E,
        f"yanling has the {slug} industry",
        ask(park() + f"?p {PARK_INDUSTRY} ?i .\n" + zh_label("?i", word)),
    )

# --- P03 --------------------------------------------------------------------------------------

S = "P03.S1"
E = "近年来，炎陵县坚持把园区作为发展的主战场"
fact(
    S, E, "yanling lies in yanling county", ask(park() + "?p pg:locatedIn+ ?a .\n" + zh_label("?a", "炎陵县"))
)

S = "P03.S2"
E = "目前，园区有入园投产企业95家，规模以上企业74家，高新技术企业26家"
num(S, E, "95 producing firms", actual("95", "95家", ABOUT_PARK, ("入园投产企业",), COUNT), AS_OF_NOW)
num(S, E, "74 firms above size", actual("74", "74家", ABOUT_PARK, ("规模以上企业",), COUNT), AS_OF_NOW)
num(S, E, "26 high-tech firms", actual("26", "26家", ABOUT_PARK, ("高新技术企业",), COUNT), AS_OF_NOW)
E = "其中欧科亿、国声声学等6家规模企业进入市工业100强"
num(S, E, "6 firms in the city top 100", actual("6", "6家", ABOUT_PARK, ("100强",), COUNT), AS_OF_NOW)
for word, slug in (("欧科亿", "oke"), ("国声声学", "guosheng acoustics")):
    fact(S, E, f"{slug} is an organisation", ask(org(word) + derived_from("?o", DOC, "?doc")))
    fact(
        S,
        E,
        f"{slug} holds the city top 100 title",
        related(org(word), "?o", "pg:holdsTitle", "pg:Title", "工业100强"),
    )
E = "全康电子、万昌纺织被认定为湖南省小巨人企业"
for word, slug in (("全康电子", "quankang electronics"), ("万昌纺织", "wanchang textiles")):
    fact(S, E, f"{slug} is an organisation", ask(org(word) + derived_from("?o", DOC, "?doc")))
    fact(
        S,
        E,
        f"{slug} holds the little giant title",
        related(org(word), "?o", "pg:holdsTitle", "pg:Title", "小巨人企业"),
    )
fact(
    S,
    E,
    "hunan is an area",
    ask(is_a("?a", "pg:AdministrativeArea") + zh_label("?a", "湖南") + derived_from("?a", DOC, "?doc")),
)

S = "P03.S3"
E = "欧科亿去年在上交所科创板首发上市，成为全国贫困县、株洲第一家科创板上市企业"
fact(
    S,
    E,
    "the shanghai stock exchange is an organisation",
    ask(org("上交所") + derived_from("?o", DOC, "?doc")),
)
fact(
    S,
    E,
    "oke holds the first star market listing title",
    related(org("欧科亿"), "?o", "pg:holdsTitle", "pg:Title", "科创板上市企业"),
)

# --- P04 --------------------------------------------------------------------------------------

S = "P04.S1"
E = "2020年，该集中区实现技工贸总收入102.36亿元，同比增长21.8%，其中高新技术产业主营业务收入44.6亿元"
num(
    S,
    E,
    "total revenue 102.36e8",
    actual("10236000000", "102.36亿元", ABOUT_PARK, ("技工贸总收入",), YUAN),
    Y2020,
)
num(
    S,
    E,
    "total revenue growth 21.8",
    actual("21.8", "21.8%", ABOUT_PARK, ("技工贸总收入", "增长"), PERCENT),
    Y2020,
)
num(
    S,
    E,
    "high-tech revenue 44.6e8",
    actual("4460000000", "44.6亿元", ABOUT_PARK, ("高新技术产业", "主营业务收入"), YUAN),
    Y2020,
)

# --- the whole article --------------------------------------------------------------------------

W.whole_article()
fact(
    "G",
    "炎陵工业集中区 中小企业创业园 九龙东园 九龙西园",
    "four parks are derived from the article",
    derived_count("pg:Park", DOC, "?doc", 4),
)
fact(
    "G",
    "株洲 华容县 邵阳县 炎陵县 湖南省",
    "five areas are derived from the article",
    derived_count("pg:AdministrativeArea", DOC, "?doc", 5),
)
fact(
    "G", "一区三园", "one strategy is derived from the article", derived_count("pg:Strategy", DOC, "?doc", 1)
)

FACTS: list[Fact] = W.facts
