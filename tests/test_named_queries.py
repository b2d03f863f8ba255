"""Every named query in queries/ and its expected answer on the shipped graph.

The expected answers were worked out by hand from the source texts (the article in
seeds/000_3dca68174ba47f8d.txt and the advertisement below it), never by pasting query
output: each case quotes the sentences that justify it. test_remote.py runs the same cases
against a real oxigraph server.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from parkgraph.namedqueries import NamedQuery, find_query, list_queries, portability_problems
from parkgraph.project import Project
from parkgraph.query import QueryResult, Source, run_query

PGR = "https://w3id.org/parkgraph/resource/"
PG = "https://w3id.org/parkgraph/ontology#"
ROOT = Path(__file__).resolve().parents[1]

Check = Callable[[QueryResult], None]


def rows(result: QueryResult, *columns: str) -> list[tuple[str | None, ...]]:
    """The chosen columns of every row, as plain strings (IRIs shortened to pgr:/pg: names)."""
    idx = [result.variables.index(c) for c in columns]

    def short(v: str | None) -> str | None:
        if v is None:
            return None
        return v.replace(PGR, "pgr:").replace(PG, "pg:")

    return [tuple(short(r[i]) for i in idx) for r in result.values()]


def check_parks(r: QueryResult) -> None:
    # Article: "永川高新区以实干实绩迈向…", "…为永川加快建设重庆城市副中心" (永川高新区 in 永川区, in
    # 重庆市). Advertisement: "杭州高新区(滨江)" — it names no administrative area.
    got = {
        (zh, en, cls, frozenset(filter(None, (areas or "").split(" / "))))
        for zh, en, cls, areas in rows(r, "zh", "en", "class", "areas")
    }
    assert got == {
        ("永川高新区", "Yongchuan High-tech Zone", "pg:HighTechZone", frozenset({"永川区", "重庆市"})),
        ("杭州高新区(滨江)", "Hangzhou High-tech Zone (Binjiang)", "pg:HighTechZone", frozenset()),
    }


def check_park_overview(r: QueryResult) -> None:
    got = set(rows(r, "relation", "label"))
    assert got == {
        # "永川高新区将聚焦永川区“二二五”总体发展思路"
        ("pg:locatedIn", "永川区"),
        # "国家高新区使命在肩"; "永川高新区获评“中国十佳优质营商环境产业园区”"
        ("pg:holdsTitle", "国家高新区"),
        ("pg:holdsTitle", "中国十佳优质营商环境产业园区"),
        # "力争基本建成百强千亿高新区"; "力争产值突破800亿元,建成西部领先产业链生态";
        # "争创全国领先自动驾驶商业化运营城市"; "争创国家高标准数字园区、零碳园区"
        ("pg:aspiresTo", "基本建成百强千亿高新区"),
        ("pg:aspiresTo", "建成西部领先产业链生态"),
        ("pg:aspiresTo", "全国领先自动驾驶商业化运营城市"),
        ("pg:aspiresTo", "国家高标准数字园区"),
        ("pg:aspiresTo", "零碳园区"),
        # "将重点打造智能网联新能源汽车产业集群"; "创新培育“人工智能+”产业生态"
        ("pg:hasCluster", "智能网联新能源汽车产业集群"),
        ("pg:hasCluster", "“人工智能+”产业生态"),
        # "汽摩、新材料、大数据与人工智能等产业协同发力"; "提质发展生产性服务业"
        ("pg:hasIndustry", "汽摩"),
        ("pg:hasIndustry", "新材料"),
        ("pg:hasIndustry", "大数据与人工智能"),
        ("pg:hasIndustry", "生产性服务业"),
        # "建成全国最大中高端皮卡生产基地"; "自贸区联动创新区建设稳步推进";
        # "加快环重庆文理学院创新创业生态圈、明月湖科创生态园永川特色园区建设"
        ("pg:hasPlatform", "全国最大中高端皮卡生产基地"),
        ("pg:hasPlatform", "自贸区联动创新区"),
        ("pg:hasPlatform", "环重庆文理学院创新创业生态圈"),
        ("pg:hasPlatform", "明月湖科创生态园永川特色园区"),
        # "园区主动融入西部陆海新通道、成渝地区双城经济圈建设"
        ("pg:integratesInto", "西部陆海新通道"),
        ("pg:integratesInto", "成渝地区双城经济圈"),
    }
    assert {p for (p,) in rows(r, "park")} == {"pgr:park-yongchuan-htz"}


def check_park_overview_hangzhou(r: QueryResult) -> None:
    # Advertisement: "杭州高新区(滨江) 微信公众号", "杭州高新区(滨江) 抖音号" — and nothing else.
    assert set(rows(r, "relation", "label")) == {
        ("pg:hasMediaAccount", "杭州高新区(滨江) 微信公众号"),
        ("pg:hasMediaAccount", "杭州高新区(滨江) 抖音号"),
    }


def check_clusters(r: QueryResult) -> None:
    # "将重点打造智能网联新能源汽车产业集群" (its industry is in its name);
    # "创新培育“人工智能+”产业生态" (the text names no industry for it).
    assert set(rows(r, "clusterLabel", "industryLabel")) == {
        ("智能网联新能源汽车产业集群", "智能网联新能源汽车"),
        ("“人工智能+”产业生态", None),
    }


def check_industries(r: QueryResult) -> None:
    # "汽摩、新材料、大数据与人工智能等产业协同发力"; "提质发展生产性服务业";
    # the cluster's industry: "将重点打造智能网联新能源汽车产业集群".
    assert set(rows(r, "label", "via")) == {
        ("汽摩", "direct"),
        ("新材料", "direct"),
        ("大数据与人工智能", "direct"),
        ("生产性服务业", "direct"),
        ("智能网联新能源汽车", "cluster"),
    }


def check_observations(r: QueryResult) -> None:
    got = {
        (s, i, st, p, float(v or 0), w)
        for s, i, st, p, v, w in rows(r, "subject", "indicator", "status", "period", "value", "statedAs")
    }
    assert got == {
        # "“十四五”期间,…规模以上工业总产值突破940亿元"
        ("永川高新区", "规模以上工业总产值", "Actual", "十四五", 94e9, "940亿元"),
        # "高新技术企业增至245家,占该高新区总量65%,重庆市级以上创新平台达123家,
        #  国家级专精特新“小巨人”企业增至9家"
        # (the indicator column is the label of the vocabulary's concept: 高新技术企业数, …)
        ("永川高新区", "高新技术企业数", "Actual", "十四五", 245.0, "245家"),
        ("永川高新区", "高新技术企业占该高新区总量比例", "Actual", "十四五", 65.0, "65%"),
        ("永川高新区", "重庆市级以上创新平台", "Actual", "十四五", 123.0, "123家"),
        ("永川高新区", "专精特新“小巨人”企业", "Actual", "十四五", 9.0, "9家"),
        # "踏上“十五五”新征程,…规模以上工业总产值突破1500亿元"
        ("永川高新区", "规模以上工业总产值", "Target", "十五五", 150e9, "1500亿元"),
        # "将重点打造智能网联新能源汽车产业集群,力争产值突破800亿元"
        ("智能网联新能源汽车产业集群", "产值", "Target", "十五五", 80e9, "800亿元"),
    }
    # 突破 = at least; 增至 / 达 = exactly.
    assert {c for c, w in rows(r, "comparator", "statedAs") if w in ("940亿元", "1500亿元", "800亿元")} == {
        "AtLeast"
    }


def check_targets_vs_actuals(r: QueryResult) -> None:
    # Actual: "规模以上工业总产值突破940亿元" (十四五, ends 2025); target: "规模以上工业总产值
    # 突破1500亿元" (十五五, ends 2030). Years between: 5. Required growth, by hand:
    # (1500 / 940) ** (1 / 5) = 1.5957 ** 0.2 = e ** (0.46735 / 5) = e ** 0.09347 = 1.0980 → 9.80 %.
    # The 800亿元 cluster target has no actual in the text, so no row.
    assert rows(r, "indicator", "actualStatedAs", "targetStatedAs", "years", "requiredAnnualGrowthPct") == [
        ("规模以上工业总产值", "940亿元", "1500亿元", "5", "9.80")
    ]


def check_strategy_components(r: QueryResult) -> None:
    got = {
        (code, comp, int(d or 0), int(n or 0), int(m or 0))
        for code, comp, d, n, m in rows(r, "code", "component", "declared", "named", "missing")
    }
    assert got == {
        # "“3322”现代制造业集群体系(做强三大重点产业、做优三大特色优势产业,前瞻布局两大未来产业,
        #  壮大两大新兴产业)": four parts declared, none of their members named.
        ("3322", "三大重点产业", 3, 0, 3),
        ("3322", "三大特色优势产业", 3, 0, 3),
        ("3322", "两大未来产业", 2, 0, 2),
        ("3322", "两大新兴产业", 2, 0, 2),
        # "“二二五”总体发展思路,即扛牢加快建设重庆城市副中心、打造川南渝西开放枢纽两大使命,
        #  紧扣现代制造业基地、西部职教基地两大定位,做靓国际枢纽城、科技影视城、活力创新城、
        #  数字智慧城、文明宜居城5张名片": all members named.
        ("二二五", "两大使命", 2, 2, 0),
        ("二二五", "两大定位", 2, 2, 0),
        ("二二五", "5张名片", 5, 5, 0),
        # "高新技术企业与科技型企业“双倍增”计划": two doublings, both named.
        ("双倍增", "高新技术企业与科技型企业", 2, 2, 0),
        # "聚焦产业、创新、产教、开放、生态五大维度精准发力" (not a code name: no notation).
        (None, "五大维度", 5, 5, 0),
        # "构建“四向”联通开放大通道": four directions declared, none named.
        ("四向", "四向", 4, 0, 4),
    }


def check_strategy_members_225(r: QueryResult) -> None:
    # "扛牢加快建设重庆城市副中心、打造川南渝西开放枢纽两大使命,紧扣现代制造业基地、西部职教基地
    #  两大定位,做靓国际枢纽城、科技影视城、活力创新城、数字智慧城、文明宜居城5张名片"
    assert set(rows(r, "component", "memberLabel")) == {
        ("两大使命", "加快建设重庆城市副中心"),
        ("两大使命", "打造川南渝西开放枢纽"),
        ("两大定位", "现代制造业基地"),
        ("两大定位", "西部职教基地"),
        ("5张名片", "国际枢纽城"),
        ("5张名片", "科技影视城"),
        ("5张名片", "活力创新城"),
        ("5张名片", "数字智慧城"),
        ("5张名片", "文明宜居城"),
    }
    assert [p for (p,) in rows(r, "position")] == ["1", "1", "2", "2", "3", "3", "3", "3", "3"]


def check_strategy_members_3322(r: QueryResult) -> None:
    # "做强三大重点产业、做优三大特色优势产业…": the text names no member of any part.
    assert r.rows == []


def check_titles(r: QueryResult) -> None:
    got = {(k, label) for k, label in rows(r, "kind", "label")}
    assert got == {
        # "国家高新区使命在肩"; "永川高新区获评“中国十佳优质营商环境产业园区”"
        ("held", "国家高新区"),
        ("held", "中国十佳优质营商环境产业园区"),
        # 力争 / 争创: see check_park_overview.
        ("aspired", "基本建成百强千亿高新区"),
        ("aspired", "建成西部领先产业链生态"),
        ("aspired", "全国领先自动驾驶商业化运营城市"),
        ("aspired", "国家高标准数字园区"),
        ("aspired", "零碳园区"),
    }
    evidence = {e for (e,) in rows(r, "evidence")}
    assert "永川高新区获评“中国十佳优质营商环境产业园区”" in evidence


def check_evidence_3322(r: QueryResult) -> None:
    # The article names the code twice: "“3322”现代制造业集群体系(做强…" and
    # "永川高新区将聚焦“3322”现代制造业集群体系".
    assert set(rows(r, "evidence", "source", "sourceTitle")) == {
        (
            "“3322”现代制造业集群体系",
            "pgr:source-yongchuan-htz-article",
            "永川高新区以实干实绩迈向“百强千亿”",
        ),
        (
            "永川高新区将聚焦“3322”现代制造业集群体系",
            "pgr:source-yongchuan-htz-article",
            "永川高新区以实干实绩迈向“百强千亿”",
        ),
    }


def check_sources(r: QueryResult) -> None:
    # Two documents: the article (title "永川高新区以实干实绩迈向“百强千亿”") and the advert,
    # which names three things: the park and its WeChat and Douyin accounts.
    got = {s: (t, int(e or 0)) for s, t, e in rows(r, "source", "title", "entities")}
    assert set(got) == {"pgr:source-yongchuan-htz-article", "pgr:source-hangzhou-htz-advert"}
    assert got["pgr:source-yongchuan-htz-article"][0] == "永川高新区以实干实绩迈向“百强千亿”"
    assert got["pgr:source-hangzhou-htz-advert"][1] == 3


def check_keyword_pickup(r: QueryResult) -> None:
    # 皮卡 occurs once in the article: "建成全国最大中高端皮卡生产基地".
    assert set(rows(r, "keyword", "entity", "field", "text")) == {
        ("皮卡", "pgr:platform-pickup-production-base", "label", "全国最大中高端皮卡生产基地"),
        ("皮卡", "pgr:platform-pickup-production-base", "evidence", "建成全国最大中高端皮卡生产基地"),
    }


def check_keyword_english(r: QueryResult) -> None:
    # Case-insensitive, English labels too: only the pickup base's English label says "pickup".
    assert {(e, f) for e, f in rows(r, "entity", "field")} == {
        ("pgr:platform-pickup-production-base", "label")
    }


def check_media_accounts(r: QueryResult) -> None:
    # Advertisement: "建设天堂硅谷 打造硅谷天堂", "杭州高新区(滨江) 微信公众号", "杭州高新区(滨江) 抖音号"
    assert set(rows(r, "parkLabel", "what", "value")) == {
        ("杭州高新区(滨江)", "account", "微信公众号"),
        ("杭州高新区(滨江)", "account", "抖音号"),
        ("杭州高新区(滨江)", "slogan", "建设天堂硅谷 打造硅谷天堂"),
    }


def check_disagreements(r: QueryResult) -> None:
    # The shipped graph has one source per park: nothing to disagree with (the disagreeing
    # case is tests/test_curate_describe.py's).
    assert rows(r, "about") == []


def check_nothing_for_the_advert_park(r: QueryResult) -> None:
    # The advertisement ("建设天堂硅谷 打造硅谷天堂 / 杭州高新区(滨江) / 微信公众号 / 抖音号")
    # names no cluster, industry, number, target or title of 杭州高新区(滨江).
    assert r.rows == []


def check_evidence_hangzhou(r: QueryResult) -> None:
    # The advertisement's words about the park: "建设天堂硅谷 打造硅谷天堂", "杭州高新区(滨江)",
    # "杭州高新技术产业开发区欢迎您" (the advert has no title of its own).
    assert set(rows(r, "evidence", "source", "sourceTitle")) == {
        ("建设天堂硅谷 打造硅谷天堂", "pgr:source-hangzhou-htz-advert", None),
        ("杭州高新区(滨江)", "pgr:source-hangzhou-htz-advert", None),
        ("杭州高新技术产业开发区欢迎您", "pgr:source-hangzhou-htz-advert", None),
    }


# ------------------------------------------------------------------ cross-park queries
# Each expected answer is a table, one row per line, with the sentence it comes from; when the
# other parks' articles are curated into data/, their rows are added to these tables.

HIGH_TECH_IRI = PGR + "indicator-high-tech-enterprises"
YONGCHUAN, HANGZHOU_ID = "pgr:park-yongchuan-htz", "pgr:park-hangzhou-htz"
ARTICLE, ADVERT = "pgr:source-yongchuan-htz-article", "pgr:source-hangzhou-htz-advert"


def check_table(r: QueryResult, columns: tuple[str, ...], expected: list[tuple[str | None, ...]]) -> None:
    """The rows, in the query's order, are exactly `expected` (numbers compared as numbers)."""

    def canonical(value: str | None) -> str | None:
        try:
            return repr(float(value)) if value is not None else None
        except ValueError:
            return value

    got = [tuple(canonical(v) for v in row) for row in rows(r, *columns)]
    assert got == [tuple(canonical(v) for v in row) for row in expected]


INDICATOR_COLUMNS = (
    *("park", "subject", "indicatorLabel", "value", "unit"),
    *("period", "status", "comparator", "statedAs", "source"),
)
# "“十四五”期间,…规模以上工业总产值突破940亿元"
OUTPUT_940 = (YONGCHUAN, "永川高新区", "规模以上工业总产值", "94000000000", "CNY")
OUTPUT_940 += ("十四五", "Actual", "AtLeast", "940亿元", ARTICLE)
# "踏上“十五五”新征程,…规模以上工业总产值突破1500亿元"
OUTPUT_1500 = (YONGCHUAN, "永川高新区", "规模以上工业总产值", "150000000000", "CNY")
OUTPUT_1500 += ("十五五", "Target", "AtLeast", "1500亿元", ARTICLE)
# "将重点打造智能网联新能源汽车产业集群,力争产值突破800亿元"
CLUSTER_800 = (YONGCHUAN, "智能网联新能源汽车产业集群", "产值", "80000000000", "CNY")
CLUSTER_800 += ("十五五", "Target", "AtLeast", "800亿元", ARTICLE)


def check_indicator_output(r: QueryResult) -> None:
    # 工业总产值 is a word of 规模以上工业总产值 only (产值 alone is the cluster's indicator).
    check_table(r, INDICATOR_COLUMNS, [OUTPUT_940, OUTPUT_1500])


def check_indicator_output_english(r: QueryResult) -> None:
    # "OUTPUT", any case, in the English labels: "gross industrial output value of enterprises
    # above designated size" and "output value" (the cluster's 产值, counted for its park).
    check_table(r, INDICATOR_COLUMNS, [OUTPUT_940, CLUSTER_800, OUTPUT_1500])


def check_indicator_by_iri(r: QueryResult) -> None:
    # The concept's IRI: "高新技术企业增至245家" only, not the share "占该高新区总量65%"
    # (whose indicator's label also contains 高新技术企业).
    # The row names the vocabulary's concept (高新技术企业数), the text's words stay on the observation.
    row = (YONGCHUAN, "永川高新区", "高新技术企业数", "245", "Count", "十四五", "Actual", "Exactly", "245家")
    check_table(r, INDICATOR_COLUMNS, [(*row, ARTICLE)])


RANKING_COLUMNS = ("park", "value", "unit", "statedAs", "source")


def check_ranking_output(r: QueryResult) -> None:
    # 十四五 actuals of 规模以上工业总产值: one park states one ("突破940亿元"); 杭州高新区(滨江)'s
    # advertisement states no number.
    check_table(r, RANKING_COLUMNS, [(YONGCHUAN, "94000000000", "CNY", "940亿元", ARTICLE)])


def check_ranking_by_end_year(r: QueryResult) -> None:
    # The period by its end year (十四五 ends in 2025): "高新技术企业增至245家".
    check_table(r, RANKING_COLUMNS, [(YONGCHUAN, "245", "Count", "245家", ARTICLE)])


def check_no_rows(r: QueryResult) -> None:
    assert r.rows == []


def check_growth_rates(r: QueryResult) -> None:
    # The article's only growth is "发明专利数量与研发投入稳步增长", with no number; its one
    # percentage, "占该高新区总量65%", is a share, not a growth.
    check_table(r, ("park", "value"), [])


def check_parks_by_cluster_nev(r: QueryResult) -> None:
    # "将重点打造智能网联新能源汽车产业集群"
    check_table(r, ("park", "via", "itemLabel", "industryLabel"), [
        (YONGCHUAN, "cluster", "智能网联新能源汽车产业集群", "智能网联新能源汽车"),
    ])


def check_parks_by_cluster_new_materials(r: QueryResult) -> None:
    # An industry the park develops, named twice (a row per evidence span, in code-point order).
    check_table(r, ("park", "via", "itemLabel", "industryLabel", "evidence"), [
        (YONGCHUAN, "industry", "新材料", None, "做大新材料产业"),
        (YONGCHUAN, "industry", "新材料", None, "汽摩、新材料、大数据与人工智能等产业协同发力"),
    ])


def check_parks_by_title_park(r: QueryResult) -> None:
    check_table(r, ("park", "kind", "titleLabel"), [
        (YONGCHUAN, "held", "中国十佳优质营商环境产业园区"),  # "永川高新区获评“中国十佳优质营商环境产业园区”"
        (YONGCHUAN, "aspired", "国家高标准数字园区"),  # "争创国家高标准数字园区、零碳园区"
        (YONGCHUAN, "aspired", "零碳园区"),
    ])


def check_parks_by_title_national(r: QueryResult) -> None:
    check_table(r, ("park", "kind", "titleLabel"), [
        (YONGCHUAN, "held", "国家高新区"),  # "“十五五”征程启幕,国家高新区使命在肩"
        (YONGCHUAN, "aspired", "国家高标准数字园区"),  # "争创国家高标准数字园区、零碳园区"
    ])


CODE_COLUMNS = ("park", "code", "component", "declared", "memberLabel")
YONGCHUAN_CODES: list[tuple[str | None, ...]] = [
    # "“3322”现代制造业集群体系(做强三大重点产业、做优三大特色优势产业,前瞻布局两大未来产业,
    #  壮大两大新兴产业)": four parts declared, no member named.
    (YONGCHUAN, "3322", "三大重点产业", "3", None),
    (YONGCHUAN, "3322", "三大特色优势产业", "3", None),
    (YONGCHUAN, "3322", "两大未来产业", "2", None),
    (YONGCHUAN, "3322", "两大新兴产业", "2", None),
    # "扛牢加快建设重庆城市副中心、打造川南渝西开放枢纽两大使命,紧扣现代制造业基地、西部职教基地
    #  两大定位,做靓国际枢纽城、科技影视城、活力创新城、数字智慧城、文明宜居城5张名片"
    (YONGCHUAN, "二二五", "两大使命", "2", "加快建设重庆城市副中心"),
    (YONGCHUAN, "二二五", "两大使命", "2", "打造川南渝西开放枢纽"),
    (YONGCHUAN, "二二五", "两大定位", "2", "现代制造业基地"),
    (YONGCHUAN, "二二五", "两大定位", "2", "西部职教基地"),
    (YONGCHUAN, "二二五", "5张名片", "5", "国际枢纽城"),  # members in code-point order
    (YONGCHUAN, "二二五", "5张名片", "5", "数字智慧城"),
    (YONGCHUAN, "二二五", "5张名片", "5", "文明宜居城"),
    (YONGCHUAN, "二二五", "5张名片", "5", "活力创新城"),
    (YONGCHUAN, "二二五", "5张名片", "5", "科技影视城"),
    (YONGCHUAN, "产城职创", None, None, None),  # "同时深化“产城职创”融合" (pg:runs)
    # "高新技术企业与科技型企业“双倍增”计划": two doublings, both named.
    (YONGCHUAN, "双倍增", "高新技术企业与科技型企业", "2", "科技型企业"),
    (YONGCHUAN, "双倍增", "高新技术企业与科技型企业", "2", "高新技术企业数"),  # the concept's label
    (YONGCHUAN, "四向", "四向", "4", None),  # "构建“四向”联通开放大通道": none named
    (YONGCHUAN, "招落服", None, None, None),  # "深化“招落服”一体化全生命周期管理" (pg:runs)
    (YONGCHUAN, "百强千亿", None, None, None),  # "锚定“百强千亿”目标" (a goal, no parts)
]


def check_codes_across_parks(r: QueryResult) -> None:
    check_table(r, CODE_COLUMNS, YONGCHUAN_CODES)


def check_park_sources(r: QueryResult) -> None:
    # One document per park, both in the seed file; neither text gives a date.
    check_table(r, ("park", "source", "title", "date", "fileName"), [
        (HANGZHOU_ID, ADVERT, "杭州高新区(滨江)广告", None, "000_3dca68174ba47f8d.txt"),
        (YONGCHUAN, ARTICLE, "永川高新区以实干实绩迈向“百强千亿”", None, "000_3dca68174ba47f8d.txt"),
    ])


HANGZHOU = "杭州高新区(滨江)"
# (named query, parameters, check). Names are given in the ways people type them.
CASES: list[tuple[str, dict[str, str], Check]] = [
    ("parks", {}, check_parks),
    ("park-overview", {}, check_park_overview),
    ("park-overview", {"park": "杭州高新区（滨江）"}, check_park_overview_hangzhou),  # full-width brackets
    ("clusters", {}, check_clusters),
    ("clusters", {"park": "Yongchuan High-tech Zone"}, check_clusters),
    ("clusters", {"park": HANGZHOU}, check_nothing_for_the_advert_park),
    ("industries", {}, check_industries),
    ("industries", {"park": HANGZHOU}, check_nothing_for_the_advert_park),
    ("observations", {}, check_observations),
    ("observations", {"park": "pgr:park-yongchuan-htz"}, check_observations),
    ("observations", {"park": HANGZHOU}, check_nothing_for_the_advert_park),
    ("targets-vs-actuals", {}, check_targets_vs_actuals),
    ("targets-vs-actuals", {"park": HANGZHOU}, check_nothing_for_the_advert_park),
    ("strategy-components", {}, check_strategy_components),
    ("strategy-members", {}, check_strategy_members_225),
    ("strategy-members", {"strategy": "“3322”"}, check_strategy_members_3322),
    ("titles", {}, check_titles),
    ("titles", {"park": "永川高新区"}, check_titles),
    ("titles", {"park": HANGZHOU}, check_nothing_for_the_advert_park),
    ("evidence", {}, check_evidence_3322),
    ("evidence", {"entity": HANGZHOU}, check_evidence_hangzhou),
    ("sources", {}, check_sources),
    ("keyword", {"keyword": "皮卡"}, check_keyword_pickup),
    ("keyword", {"keyword": "PICKUP"}, check_keyword_english),
    ("media-accounts", {}, check_media_accounts),
    ("disagreements", {}, check_disagreements),
    ("indicator-across-parks", {}, check_indicator_output),
    ("indicator-across-parks", {"indicator": "OUTPUT"}, check_indicator_output_english),
    ("indicator-across-parks", {"indicator": HIGH_TECH_IRI}, check_indicator_by_iri),
    ("ranking", {}, check_ranking_output),
    ("ranking", {"indicator": "高新技术企业", "period": "2025"}, check_ranking_by_end_year),
    ("ranking", {"period": "十五五"}, check_no_rows),  # 十五五 has a target, no actual
    ("growth-rates", {}, check_growth_rates),
    ("parks-by-cluster", {}, check_parks_by_cluster_nev),
    ("parks-by-cluster", {"word": "新材料"}, check_parks_by_cluster_new_materials),
    ("parks-by-title", {}, check_parks_by_title_park),
    ("parks-by-title", {"word": "国家"}, check_parks_by_title_national),
    ("codes-across-parks", {}, check_codes_across_parks),
    ("park-sources", {}, check_park_sources),
]
CASE_IDS = [f"{name}-{i}" for i, (name, _, _) in enumerate(CASES)]


# ------------------------------------------------------------------ on the shipped graph
# The cross-park questions on the graph of all thirteen sources, worked out by hand from the
# articles in ../shared/corpus/dev/articles (a1–a6, b1–b6) and the seed, each row with the
# sentence that states it.


def src(article: str) -> str:
    return f"pgr:source-{article}"


A1, A2 = src("a1-yongchuan-htz-nev-20a5c6b4"), src("a2-hangzhou-binjiang-htz-b383941c")
A3, A4 = src("a3-suzhou-sip-321-44a50cfb"), src("a4-hefei-htz-national-b984a9e7")
A5, A6 = src("a5-chengdu-htz-q3-gdp-f35a72af"), src("a6-ningbo-htz-13th-fyp-00647476")
B1, B2 = src("b1-tianjin-etdz-h1-b5ff4ffd"), src("b2-guangzhou-huangpu-edz-807dccda")
B3, B4 = src("b3-nanchang-htz-profile-ad9b2bff"), src("b4-kunming-htz-h1-4fdcbb63")
B5, B6 = src("b5-yanling-provincial-fa5cb79c"), src("b6-wuhu-four-zones-b04ce2fe")
SUZHOU, KUNMING = "pgr:park-suzhou-gongyeyuanqu", "pgr:park-kunming-gaoxinqu"
TIANJIN = "pgr:park-tianjin-kaifaqu"
NANCHANG, GUANGZHOU = "pgr:park-nanchang-gaoxinqu", "pgr:park-guangzhou-kaifaqu"
YANLING = "pgr:park-yanling-gongye-jizhong-qu"
WUHU_PARKS = {  # b6: "芜湖高新技术产业开发区、新芜经济开发区、鸠江经济开发区、芜湖经济技术开发区"
    "新芜经济开发区": "pgr:park-xinwu-jingjikaifaqu",
    "芜湖经济技术开发区": "pgr:park-wuhu-jingjijishu-kaifaqu",
    "芜湖高新技术产业开发区": "pgr:park-wuhu-gaoxinjishu-chanye-kaifaqu",
    "鸠江经济开发区": "pgr:park-jiujiang-jingjikaifaqu",
}


def check_shipped_output_across_parks(r: QueryResult) -> None:
    # Every sentence of the sources with 规模以上工业总产值 (the parks in code-point order of
    # their labels: 天津, 昆明, 永川, 苏州). b1: "战略新兴产业工业总产值占全区规模以上工业总产值的比重
    # 同比提高4.5%，高技术制造业工业总产值占全区规模以上工业总产值的比重同比提高3.0%" (the
    # observations' own words name the indicator); b4: "上半年，…规模以上工业总产值517.5亿元，同比
    # 增长3.5%"; the seed: 940亿元 and 1500亿元 (as on the seed graph); a3: "2022年，…规模以上工业总
    # 产值为6459.8亿元，增长6.8%".
    share = "工业总产值占全区规模以上工业总产值的比重同比提高"
    output, growth = "规模以上工业总产值", "规模以上工业总产值增速"
    h1, y2022 = ("上半年", "Actual", "Exactly"), ("2022年", "Actual", "Exactly")
    check_table(r, INDICATOR_COLUMNS, [
        (TIANJIN, "天津开发区", f"战略新兴产业{share}", "4.5", "Percent", *h1, "4.5%", B1),
        (TIANJIN, "天津开发区", f"高技术制造业{share}", "3", "Percent", *h1, "3.0%", B1),
        (KUNMING, "昆明高新区", output, "51750000000", "CNY", *h1, "517.5亿元", B4),
        (KUNMING, "昆明高新区", growth, "3.5", "Percent", *h1, "3.5%", B4),
        OUTPUT_940,
        OUTPUT_1500,
        (SUZHOU, "苏州工业园区", output, "645980000000", "CNY", *y2022, "6459.8亿元", A3),
        (SUZHOU, "苏州工业园区", growth, "6.8", "Percent", *y2022, "6.8%", A3),
    ])


def check_shipped_ranking_of_the_wuhu_parks(r: QueryResult) -> None:
    # b6 (title "芜湖市4家开发区入围2018年度安徽省30强"): "…开发区名单进行了公示。芜湖市芜湖高新技术
    # 产业开发区、新芜经济开发区、鸠江经济开发区、芜湖经济技术开发区入围全省前30强": four parks, each
    # at most 30th; equal values, so in code-point order of their labels.
    check_table(r, RANKING_COLUMNS, [(WUHU_PARKS[n], "30", "Rank", "前30强", B6) for n in sorted(WUHU_PARKS)])


def check_shipped_growth_rates(r: QueryResult) -> None:
    # The rates of four articles, all of them. a2: "今年一季度，杭州高新区（滨江）规上工业增加值达到
    # 44.99亿元，比上年同期增长18.6%；全区GDP增长11.0%", "一季度该区前20家规上工业重点企业的工业总产值
    # 和销售产值同比分别增长35.7%和38.0%；与此同时，服务业前30强企业的利润同比增长20%以上" (英飞特's
    # "增长45.7%" is a company's, not the park's). b2: "2021年地区生产总值增长10%左右，固定资产投资增长
    # 20%以上" (targets), "2020年，规上营利性服务业营收增长8.5%" (its "两位数增长" has no number).
    # b5: "2020年，该集中区实现技工贸总收入102.36亿元，同比增长21.8%". a3: "2022年，园区地区生产总值
    # …同比增长2.3%；一般公共预算收入…按同口径计算增长2.1%；规模以上工业总产值…增长6.8%；固定资产
    # 投资…增长8.2%"; "三大新兴产业的总产值为3600亿元，增长20%" (about the three industries as the
    # group "“3”指生物医药、纳米技术应用、人工智能三大新兴产业" names, an industry of the park).
    parks = {HANGZHOU_ID, GUANGZHOU, YANLING, SUZHOU}
    columns = ("park", "subject", "value", "period", "status", "comparator", "statedAs", "source")
    got = [row for row in rows(r, *columns) if row[0] in parks]
    assert got == [
        (GUANGZHOU, "营利性服务业", "8.5", "2020年", "Actual", "Exactly", "8.5%", B2),
        (GUANGZHOU, "广州开发区", "20", "2021年", "Target", "AtLeast", "20%", B2),
        (GUANGZHOU, "广州开发区", "10", "2021年", "Target", "Approximately", "10%", B2),
        (HANGZHOU_ID, HANGZHOU, "35.7", "一季度", "Actual", "Exactly", "35.7%", A2),
        (HANGZHOU_ID, HANGZHOU, "38", "一季度", "Actual", "Exactly", "38.0%", A2),
        (HANGZHOU_ID, HANGZHOU, "11", "今年一季度", "Actual", "Exactly", "11.0%", A2),
        (HANGZHOU_ID, HANGZHOU, "20", "一季度", "Actual", "AtLeast", "20%", A2),
        (HANGZHOU_ID, HANGZHOU, "18.6", "今年一季度", "Actual", "Exactly", "18.6%", A2),
        (YANLING, "炎陵工业集中区", "21.8", "2020年", "Actual", "Exactly", "21.8%", B5),
        (SUZHOU, "三大新兴产业", "20", "2022年", "Actual", "Exactly", "20%", A3),
        (SUZHOU, "苏州工业园区", "2.1", "2022年", "Actual", "Exactly", "2.1%", A3),
        (SUZHOU, "苏州工业园区", "8.2", "2022年", "Actual", "Exactly", "8.2%", A3),
        (SUZHOU, "苏州工业园区", "2.3", "2022年", "Actual", "Exactly", "2.3%", A3),
        (SUZHOU, "苏州工业园区", "6.8", "2022年", "Actual", "Exactly", "6.8%", A3),
    ]


def check_shipped_parks_by_cluster_biomedicine(r: QueryResult) -> None:
    # a5: "成都高新区电子信息、生物医药、新经济三大主导产业"; b4: "夯实贵金属新材料、生物医药、数字经济
    # 三大主导产业", "生物医药产业同比增长1.3%" (one industry, named two ways: a row per span);
    # a3: "“3”指生物医药、纳米技术应用、人工智能三大新兴产业". (b2's 生物医药价值创新园 is a park.)
    check_table(r, ("park", "via", "itemLabel", "evidence"), [
        ("pgr:park-chengdu-gaoxinqu", "industry", "生物医药", "生物医药"),
        (KUNMING, "industry", "生物医药产业", "生物医药"),
        (KUNMING, "industry", "生物医药产业", "生物医药产业"),
        (SUZHOU, "industry", "生物医药", "生物医药"),
    ])


def check_shipped_parks_by_title_national_level(r: QueryResult) -> None:
    # b3: "1992年11月经国务院批准成为国家级高新区，是江西省首个国家级开发区"; a6: "园区综合实力稳居
    # 国家级高新区第一方阵". (a3's "在国家级经开区综合考评中，园区已实现“七连冠”" names the title 七连冠;
    # a4's "在169个国家级高新区中" and b4's "国家级科技型中小企业" are no titles of a park.)
    check_table(r, ("park", "kind", "titleLabel"), [
        (NANCHANG, "held", "国家级高新区"),
        (NANCHANG, "held", "江西省首个国家级开发区"),
        ("pgr:park-ningbo-guojia-gaoxinqu", "held", "国家级高新区第一方阵"),
    ])


def check_shipped_codes_across_parks(r: QueryResult) -> None:
    # The parks in code-point order of their labels (南昌, 广州, 昆明, 杭州, 永川, 炎陵, 苏州).
    check_table(r, CODE_COLUMNS, [
        # b3: "南昌高新区围绕省“1269”行动计划和市“8810”行动计划，…制定了高新区“4610”行动计划"
        (NANCHANG, "1269", None, None, None),
        (NANCHANG, "4610", None, None, None),
        (NANCHANG, "8810", None, None, None),
        # b2: "实施“黄埔制造万亿计划”，打造以新一代信息技术为主的1个三千亿级、以汽车制造和新材料为主的
        #  2个两千亿级，以及以绿色能源、生物技术、高端装备和健康食品为主的4个千亿级产业集群"
        (GUANGZHOU, "黄埔制造万亿计划", "三千亿级产业集群", "1", "新一代信息技术"),
        (GUANGZHOU, "黄埔制造万亿计划", "两千亿级产业集群", "2", "新材料"),
        (GUANGZHOU, "黄埔制造万亿计划", "两千亿级产业集群", "2", "汽车制造"),
        (GUANGZHOU, "黄埔制造万亿计划", "千亿级产业集群", "4", "健康食品"),
        (GUANGZHOU, "黄埔制造万亿计划", "千亿级产业集群", "4", "生物技术"),
        (GUANGZHOU, "黄埔制造万亿计划", "千亿级产业集群", "4", "绿色能源"),
        (GUANGZHOU, "黄埔制造万亿计划", "千亿级产业集群", "4", "高端装备"),
        # b4: "持续实施“经营主体倍增、高科技企业培育、专精特新发展”三大提质增效行动", "通过滚动实施
        #  “五个一批”", "紧紧围绕打造“六个春城”赛道" (none of the five or six named)
        (KUNMING, "三大提质增效行动", "三大提质增效行动", "3", "专精特新发展"),
        (KUNMING, "三大提质增效行动", "三大提质增效行动", "3", "经营主体倍增"),
        (KUNMING, "三大提质增效行动", "三大提质增效行动", "3", "高科技企业培育"),
        (KUNMING, "五个一批", "五个一批", "5", None),
        (KUNMING, "六个春城", "六个春城", "6", None),
        # a2: "该区还修订出台了“1+X”系列政策"
        (HANGZHOU_ID, "1+X", None, None, None),
        *YONGCHUAN_CODES,  # the seed's, as on the seed graph (a1 names no code)
        # b5: "空间布局为一区三园：一区即工业集中区，三园包括中小企业创业园、九龙东园、九龙西园"
        (YANLING, "一区三园", "一区", "1", "工业集中区"),
        (YANLING, "一区三园", "三园", "3", "中小企业创业园"),
        (YANLING, "一区三园", "三园", "3", "九龙东园"),
        (YANLING, "一区三园", "三园", "3", "九龙西园"),
        # a3: "“3”指生物医药、纳米技术应用、人工智能三大新兴产业，“2”指新一代信息技术、高端装备制造
        #  两大主导产业，“1”指现代服务业"; "推进“一区两中心”建设，也就是国家生物药技术创新中心、
        #  第三代半导体技术创新中心和新一代人工智能创新发展试验区"
        (SUZHOU, "3+2+1", "新兴产业", "3", "人工智能"),
        (SUZHOU, "3+2+1", "新兴产业", "3", "生物医药"),
        (SUZHOU, "3+2+1", "新兴产业", "3", "纳米技术应用"),
        (SUZHOU, "3+2+1", "主导产业", "2", "新一代信息技术"),
        (SUZHOU, "3+2+1", "主导产业", "2", "高端装备制造"),
        (SUZHOU, "3+2+1", "现代服务业", "1", "现代服务业"),
        (SUZHOU, "一区两中心", "一区", "1", "新一代人工智能创新发展试验区"),
        (SUZHOU, "一区两中心", "两中心", "2", "国家生物药技术创新中心"),
        (SUZHOU, "一区两中心", "两中心", "2", "第三代半导体技术创新中心"),
    ])
    # b6's “5511”工程 is the city's ("全市将实施“5511”工程"), no park's: not a row.


def check_shipped_park_sources(r: QueryResult) -> None:
    # Each article's header ("# title:", and the date its "# note:" gives), for every park the
    # graph holds from it (parks a text names only for comparison, as a4's "排在它前面的只有北京
    # 中关村、上海张江和苏州工业园", are not taken from it: see tests/corpus_facts/a4.py);
    # 永川高新区 and 杭州高新区(滨江) have two sources each, the seed's without a date.
    # Sub-parks: a1 "在重庆永川高新区凤凰湖产业园内"; b2 "新布局了3平方公里的生物安全产业园、2平方
    # 公里的翟洞智能制造产业园和2平方公里的“三条围”新材料产业园，集成电路产业园扩大3.5平方公里，
    # 生物医药价值创新园拓展1.7平方公里"; b5 "三园包括中小企业创业园、九龙东园、九龙西园".
    titles = {
        A1: ("培育“永川造”新能源汽车产业集群", "2024-08-27"),
        A2: ("创新引领升级 精耕工业园区（副题：杭州高新区首季规上工业增加值增18.6%）", "2014-04-24"),
        A3: ("苏州工业园区：打造特色产业体系 展示中国式现代化园区新图景", "2023-04-24"),
        A4: ("2022年国家高新区综合评价排名出炉 合肥高新区升至第七", "2023-02-17"),
        A5: ("成都高新区前三季度GDP超2000亿元 增长11.1%", "2021-11-03"),
        A6: ("一、发展基础与形势", "2021-07-06"),
        B1: ("天津开发区上半年实现地区生产总值1689.5亿", "2017-08-15"),
        B2: ("广州黄埔将实施万亿制造计划 力争工业总产值年均增长千亿元以上", "2021-02-20"),
        B3: ("南昌高新区简介", "2024-07-30"),
        B4: ("昆明高新区上半年主要指标稳中有进", "2023-08-29"),
        B5: ("炎陵工业集中区获批省级高新技术产业开发区", "2021-04-27"),
        B6: ("芜湖市4家开发区入围2018年度安徽省30强", "2019-05-10"),
        ARTICLE: ("永川高新区以实干实绩迈向“百强千亿”", None),
        ADVERT: ("杭州高新区(滨江)广告", None),
    }
    parks = {
        A1: ["凤凰湖产业园", "永川高新区"], A2: [HANGZHOU], A3: ["苏州工业园区"], A4: ["合肥高新区"],
        A5: ["成都高新区"], A6: ["宁波国家高新区"], B1: ["天津开发区"], B3: ["南昌高新区"],
        B2: ["三条围新材料产业园", "广州开发区", "生物安全产业园", "生物医药价值创新园", "翟洞智能制造产业园",
             "集成电路产业园"],
        B4: ["昆明高新区"], B5: ["中小企业创业园", "九龙东园", "九龙西园", "炎陵工业集中区"],
        B6: list(WUHU_PARKS), ARTICLE: ["永川高新区"], ADVERT: [HANGZHOU],
    }
    unquoted = str.maketrans("", "", "“”")  # b2's label keeps the text's “三条围”
    found = rows(r, "parkLabel", "source", "title", "date")
    got = {(str(label).translate(unquoted), *rest) for label, *rest in found}
    assert got == {(label, source, *titles[source]) for source, labels in parks.items() for label in labels}


def check_shipped_disagreements(r: QueryResult) -> None:
    # Only 永川高新区 has numbers from two sources, and they are of other measures (the seed: 规模
    # 以上工业总产值, 高新技术企业, 创新平台, “小巨人”企业 of 十四五/十五五; a1: "招引了几十家配套企业落户
    # 高新区", "每4辆皮卡中就有1辆是‘永川造’"): nothing to disagree about.
    check_no_rows(r)


SHIPPED_CASES: list[tuple[str, dict[str, str], Check]] = [
    ("indicator-across-parks", {"indicator": "规模以上工业总产值"}, check_shipped_output_across_parks),
    (
        "ranking",
        {"indicator": "全省开发区综合考核评价排名", "period": "2018"},
        check_shipped_ranking_of_the_wuhu_parks,
    ),
    ("growth-rates", {}, check_shipped_growth_rates),
    ("parks-by-cluster", {"word": "生物医药"}, check_shipped_parks_by_cluster_biomedicine),
    ("parks-by-title", {"word": "国家级"}, check_shipped_parks_by_title_national_level),
    ("codes-across-parks", {}, check_shipped_codes_across_parks),
    ("park-sources", {}, check_shipped_park_sources),
    ("disagreements", {}, check_shipped_disagreements),
]
SHIPPED_CASE_IDS = [f"{name}-{i}" for i, (name, _, _) in enumerate(SHIPPED_CASES)]
# Queries whose rows depend on the other parks present (ranks, shares, counts, GROUP_CONCATs).
CROSS_PARK = {
    "indicator-across-parks", "ranking", "growth-rates", "parks-by-cluster", "parks-by-title",
    "codes-across-parks", "park-sources",
}
# Queries whose rows gather what every article says of one park or source (areas, counts).
GATHERING = {"parks", "sources"}


def test_every_named_query_has_a_case(project: Project) -> None:
    names = {q.name for q in list_queries(project.queries_dir)}
    assert len(names) >= 12
    assert names == {name for name, _, _ in CASES}


def test_every_named_query_has_a_header(project: Project) -> None:
    for q in list_queries(project.queries_dir):
        assert q.title and q.description, q.name
        for p in q.params:
            assert p.meaning, (q.name, p.name)


@pytest.mark.parametrize(("name", "params", "check"), CASES, ids=CASE_IDS)
def test_named_query_locally(
    project: Project, seed_dist: Path, name: str, params: dict[str, str], check: Check
) -> None:
    """On the seed graph: the expected answers were checked by hand against the seed article."""
    result = run_query(
        Source.files([seed_dist / "parkgraph.nt"]), find_query(project.queries_dir, name), params=params
    )
    check(result)


@pytest.mark.parametrize(("name", "params"), [(n, p) for n, p, _ in CASES], ids=CASE_IDS)
def test_named_query_runs_on_the_shipped_graph(
    project: Project, dist: Path, seed_dist: Path, name: str, params: dict[str, str]
) -> None:
    """The shipped graph holds the seed's data and more: every seed row is still among its rows
    (except where a row ranks, compares or gathers across articles: only the columns there)."""
    query = find_query(project.queries_dir, name)
    full = run_query(Source.files([dist / "parkgraph.nt"]), query, params=params)
    seed = run_query(Source.files([seed_dist / "parkgraph.nt"]), query, params=params)
    assert full.variables == seed.variables
    if name not in CROSS_PARK | GATHERING:
        missing = {tuple(r) for r in seed.values()} - {tuple(r) for r in full.values()}
        assert not missing, sorted(missing, key=str)[:5]


@pytest.mark.parametrize(("name", "params", "check"), SHIPPED_CASES, ids=SHIPPED_CASE_IDS)
def test_cross_park_query_on_the_shipped_graph(
    project: Project, dist: Path, name: str, params: dict[str, str], check: Check
) -> None:
    """On the graph of every source: the answers checked by hand against the articles."""
    query = find_query(project.queries_dir, name)
    check(run_query(Source.files([dist / "parkgraph.nt"]), query, params=params))


def test_every_cross_park_query_has_a_case_on_the_shipped_graph() -> None:
    assert CROSS_PARK | {"disagreements"} == {name for name, _, _ in SHIPPED_CASES}


def test_full_width_code_name_param_is_resolved_not_read_as_a_number(
    project: Project, seed_dist: Path
) -> None:
    """３３２２ (full-width) names the strategy “3322”; it is not an ill-typed xsd:integer."""
    result = run_query(
        Source.files([seed_dist / "parkgraph.nt"]),
        find_query(project.queries_dir, "evidence"),
        params={"entity": "３３２２"},
    )
    # The article: "“3322”现代制造业集群体系 … 永川高新区将聚焦“3322”现代制造业集群体系"
    assert any("3322" in (v or "") for row in result.values() for v in row), result.values()


def test_named_queries_have_no_known_non_portable_pattern(project: Project) -> None:
    """The lint of patterns that gave other answers on Virtuoso, Comunica or rdflib."""
    for query in list_queries(project.queries_dir):
        assert portability_problems(query) == [], query.name


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("SELECT ?park ?o WHERE { ?park pg:hasCluster? ?a . ?o pg:about ?a } ORDER BY ?o", "optional path"),
        ("SELECT ?park ?x WHERE { ?park pg:locatedIn* ?x } ORDER BY ?x", "optional path"),
        (
            'SELECT ?park (GROUP_CONCAT(?n; separator=" ") AS ?names) WHERE { ?park rdfs:label ?n } '
            "GROUP BY ?park ORDER BY ?park",
            "GROUP_CONCAT without HAVING",
        ),
        ("SELECT ?park (COUNT(?c) AS ?n) WHERE { ?park pg:hasCluster ?c } GROUP BY ?park", "GROUP BY with"),
    ],
)
def test_the_portability_lint_finds(body: str, found: str) -> None:
    query = NamedQuery("bad.rq", "# title: bad\n# param: park (iri) — a park\n" + body)
    problems = portability_problems(query)
    assert len(problems) == 1 and found in problems[0], problems


def test_the_portability_lint_leaves_a_bound_path_and_comments_alone() -> None:
    text = (
        "# title: fine\n# param: park (iri) — a park\n"
        "SELECT ?park ?a WHERE { ?park pg:locatedIn ?x . ?x pg:locatedIn* ?a }  # ?park pg:p? ?q\n"
    )
    assert portability_problems(NamedQuery("fine.rq", text)) == []
