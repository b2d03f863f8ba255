"""`parkgraph compare` and the cross-park named queries on more than one source.

The comparison of the shipped parks is checked cell by cell against the seed article and the
advertisement below it (seeds/000_3dca68174ba47f8d.txt). The rules that need several sources
(the latest source in `ranking`, narrower concepts, growth rates, disagreements, two facts in
one cell) are checked on SYNTHETIC: a small made-up graph that exists only in this test (never
in data/), written to test the rules, not as facts about any park. Both are checked on the seed
graph (the `seed_dist` fixture): the cells are about the seed article, and SYNTHETIC's expected
rows assume no other parks. On the whole shipped graph: "remote equals local", and the demo's
comparison of three parks, checked against their articles.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from oxigraph_server import Server, oxigraph_binary, oxigraph_server
from test_named_queries import rows
from typer.testing import CliRunner

from parkgraph.cli import load_app
from parkgraph.namedqueries import find_query
from parkgraph.project import Project
from parkgraph.query import QueryResult, Source, run_query

runner = CliRunner()
app = load_app()
PGR = "https://w3id.org/parkgraph/resource/"
ARTICLE = "source-yongchuan-htz-article"
YONGCHUAN, HANGZHOU = "永川高新区", "杭州高新区(滨江)"


def compare(dist: Path, *args: str) -> str:
    result = runner.invoke(app, ["compare", *args, "--data", str(dist / "parkgraph.nt")])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def compare_json(dist: Path, *args: str) -> dict[str, object]:
    doc: dict[str, object] = json.loads(compare(dist, *args, "--format", "json"))
    return doc


def cells(doc: dict[str, object]) -> dict[tuple[str, str], dict[str, list[tuple[str, str | None]]]]:
    """(section, row) -> park id -> [(value, source id)]."""
    out: dict[tuple[str, str], dict[str, list[tuple[str, str | None]]]] = {}
    for row in doc["rows"]:  # type: ignore[attr-defined]
        out[(row["section"], row["row"])] = {
            park: [(f["value"], f["source"] and f["source"].removeprefix(PGR)) for f in facts]
            for park, facts in row["cells"].items()
        }
    return out


# (section, row) -> 永川高新区's cell, each row from the sentence quoted beside it. 杭州高新区(滨江)'s
# advertisement states none of these: its cells are all empty. Rows for the other parks'
# articles, once curated, go here too.
YONGCHUAN_CELLS: dict[tuple[str, str], str] = {
    # "“十四五”期间,…规模以上工业总产值突破940亿元" (突破: at least)
    ("indicator", "规模以上工业总产值 · 十四五 (2021–2025) · actual"): "≥940亿元",
    # "踏上“十五五”新征程,…规模以上工业总产值突破1500亿元"
    ("indicator", "规模以上工业总产值 · 十五五 (2026–2030) · target"): "≥1500亿元",
    # "将重点打造智能网联新能源汽车产业集群,力争产值突破800亿元": the cluster's number, in its park's column
    ("indicator", "智能网联新能源汽车产业集群: 产值 · 十五五 (2026–2030) · target"): "≥800亿元",
    # "高新技术企业增至245家,占该高新区总量65%,重庆市级以上创新平台达123家,
    #  国家级专精特新“小巨人”企业增至9家" (增至 / 达: exactly); a row is named by the indicator
    #  vocabulary's concept where the words map to one (高新技术企业数, 专精特新“小巨人”企业)
    ("indicator", "高新技术企业数 · 十四五 (2021–2025) · actual"): "245家",
    ("indicator", "高新技术企业占该高新区总量比例 · 十四五 (2021–2025) · actual"): "65%",
    ("indicator", "重庆市级以上创新平台 · 十四五 (2021–2025) · actual"): "123家",
    ("indicator", "专精特新“小巨人”企业 · 十四五 (2021–2025) · actual"): "9家",
    # "国家高新区使命在肩"; "永川高新区获评“中国十佳优质营商环境产业园区”"
    ("title", "held: 国家高新区"): "✓",
    ("title", "held: 中国十佳优质营商环境产业园区"): "✓",
    # "力争基本建成百强千亿高新区"; "力争产值突破800亿元,建成西部领先产业链生态";
    # "争创全国领先自动驾驶商业化运营城市"; "争创国家高标准数字园区、零碳园区"
    ("title", "aspired: 基本建成百强千亿高新区"): "✓",
    ("title", "aspired: 建成西部领先产业链生态"): "✓",
    ("title", "aspired: 全国领先自动驾驶商业化运营城市"): "✓",
    ("title", "aspired: 国家高标准数字园区"): "✓",
    ("title", "aspired: 零碳园区"): "✓",
    # Rows by industry: "将重点打造智能网联新能源汽车产业集群" (a cluster of that industry);
    # "创新培育“人工智能+”产业生态" (a cluster whose industry the text does not name);
    # "汽摩、新材料、大数据与人工智能等产业协同发力"; "提质发展生产性服务业" (industries)
    ("cluster", "智能网联新能源汽车"): "智能网联新能源汽车产业集群",
    ("cluster", "“人工智能+”产业生态"): "“人工智能+”产业生态",
    ("cluster", "汽摩"): "✓",
    ("cluster", "新材料"): "✓",
    ("cluster", "大数据与人工智能"): "✓",
    ("cluster", "生产性服务业"): "✓",
    # "“3322”现代制造业集群体系(做强三大重点产业、做优三大特色优势产业,前瞻布局两大未来产业,
    #  壮大两大新兴产业)": 3+3+2+2 declared, no member named
    ("code", "3322"): "“3322”现代制造业集群体系 (declared 3+3+2+2, named 0)",
    # "扛牢…两大使命,紧扣…两大定位,做靓国际枢纽城、…、文明宜居城5张名片": all 9 named
    ("code", "二二五"): "永川区“二二五”总体发展思路 (declared 2+2+5, named 9)",
    # "高新技术企业与科技型企业“双倍增”计划": two doublings, both named
    ("code", "双倍增"): "高新技术企业与科技型企业“双倍增”计划 (declared 2, named 2)",
    ("code", "四向"): "“四向”联通开放大通道 (declared 4, named 0)",  # "构建“四向”联通开放大通道"
    ("code", "百强千亿"): "“百强千亿”目标",  # "锚定“百强千亿”目标": a goal without parts
    ("code", "产城职创"): "“产城职创”融合",  # "同时深化“产城职创”融合"
    ("code", "招落服"): "“招落服”一体化全生命周期管理",  # "深化“招落服”一体化全生命周期管理"
}


def test_compare_json_cells_are_the_articles(seed_dist: Path) -> None:
    doc = compare_json(seed_dist, YONGCHUAN, HANGZHOU)
    assert doc["parks"] == [
        {"id": "park-yongchuan-htz", "iri": PGR + "park-yongchuan-htz", "label": YONGCHUAN},
        {"id": "park-hangzhou-htz", "iri": PGR + "park-hangzhou-htz", "label": HANGZHOU},
    ]
    got = cells(doc)
    assert set(got) == set(YONGCHUAN_CELLS)
    for key, value in YONGCHUAN_CELLS.items():
        assert got[key]["park-yongchuan-htz"] == [(value, ARTICLE)], key
        assert got[key]["park-hangzhou-htz"] == [], key
    # Each fact carries its verbatim evidence and the source's title.
    row = next(r for r in doc["rows"] if r["row"] == "规模以上工业总产值 · 十四五 (2021–2025) · actual")  # type: ignore[attr-defined]
    fact = row["cells"]["park-yongchuan-htz"][0]
    assert fact["evidence"] == ["规模以上工业总产值突破940亿元"]
    assert fact["sourceTitle"] == "永川高新区以实干实绩迈向“百强千亿”"


def test_compare_table_marks_every_cell_with_a_footnote(seed_dist: Path) -> None:
    out = compare(seed_dist, YONGCHUAN, HANGZHOU)
    lines = out.splitlines()
    assert lines[0].split() == ["section", "row", YONGCHUAN, HANGZHOU]
    output_line = next(line for line in lines if "规模以上工业总产值 · 十四五" in line)
    mark = output_line.split("≥940亿元 [", 1)[1].split("]", 1)[0]
    legend = {line.split("]", 1)[0] + "]": line for line in lines if line.startswith("[")}
    assert (
        "source-yongchuan-htz-article 《永川高新区以实干实绩迈向“百强千亿”》: “规模以上工业总产值突破940亿元”"
        in (legend[f"[{mark}]"])
    )
    body = lines[2 : lines.index("")]
    assert len(body) == len(YONGCHUAN_CELLS)
    # Every mark used in the table has a legend line, and every legend line is used.
    used = {part.split("]")[0] for line in body for part in line.split(" [")[1:]}
    assert {f"[{u}]" for u in used} == set(legend)


def test_compare_csv_has_a_source_and_evidence_column_per_park(seed_dist: Path) -> None:
    table = list(csv.reader(io.StringIO(compare(seed_dist, YONGCHUAN, HANGZHOU, "--format", "csv"))))
    assert table[0] == [
        "section",
        "row",
        YONGCHUAN,
        f"{YONGCHUAN} source",
        f"{YONGCHUAN} evidence",
        HANGZHOU,
        f"{HANGZHOU} source",
        f"{HANGZHOU} evidence",
    ]
    by_row = {(r[0], r[1]): r[2:] for r in table[1:]}
    assert set(by_row) == set(YONGCHUAN_CELLS)
    # "踏上“十五五”新征程,…规模以上工业总产值突破1500亿元"
    assert by_row[("indicator", "规模以上工业总产值 · 十五五 (2026–2030) · target")] == [
        "≥1500亿元",
        ARTICLE,
        "规模以上工业总产值突破1500亿元",
        "",
        "",
        "",
    ]


def test_compare_md_is_a_table_with_the_legend_as_a_list(seed_dist: Path) -> None:
    out = compare(seed_dist, YONGCHUAN, HANGZHOU, "--format", "md")
    lines = out.splitlines()
    assert lines[0] == f"| section | row | {YONGCHUAN} | {HANGZHOU} |"
    assert lines[1] == "|---|---|---|---|"
    assert "| code | 四向 | “四向”联通开放大通道 (declared 4, named 0) [" in out
    notes = [line for line in lines if line.startswith("- [")]
    assert any("“构建“四向”联通开放大通道”" in n for n in notes)
    assert len([line for line in lines if line.startswith("| ")]) == 1 + len(YONGCHUAN_CELLS)


@pytest.mark.parametrize(
    "names",
    [
        ["park-yongchuan-htz", "park-hangzhou-htz"],  # ids
        ["pgr:park-yongchuan-htz", f"<{PGR}park-hangzhou-htz>"],  # prefixed name, IRI
        ["Yongchuan High-tech Zone", "杭州高新技术产业开发区"],  # English label, alt label
        ["永川", "滨江"],  # a part of one park's name
        ["永川高新区", "杭州高新区（滨江）"],  # full-width brackets
    ],
)
def test_parks_are_named_as_people_type_them(seed_dist: Path, names: list[str]) -> None:
    assert compare(seed_dist, *names) == compare(seed_dist, YONGCHUAN, HANGZHOU)


def test_indicator_and_period_filters(seed_dist: Path) -> None:
    """With either filter only numbers are compared (no titles, clusters or codes)."""
    # 产值 is in 规模以上工业总产值 and in the cluster's 产值; 十五五 keeps the targets only.
    got = cells(compare_json(seed_dist, YONGCHUAN, HANGZHOU, "--indicator", "产值", "--period", "十五五"))
    assert {row for section, row in got} == {
        "规模以上工业总产值 · 十五五 (2026–2030) · target",
        "智能网联新能源汽车产业集群: 产值 · 十五五 (2026–2030) · target",
    }
    # By an end year and an English word: "high-tech enterprises (number)" and "… as a share".
    got = cells(compare_json(seed_dist, YONGCHUAN, HANGZHOU, "--indicator", "HIGH-TECH", "--period", "2025"))
    assert {row for section, row in got} == {
        "高新技术企业数 · 十四五 (2021–2025) · actual",
        "高新技术企业占该高新区总量比例 · 十四五 (2021–2025) · actual",
    }


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["永川高新区", "no-such-park"], "'no-such-park': no park has this name; parks: "),
        (
            ["高新区", "永川高新区"],
            "'高新区' is ambiguous: it names 杭州高新区(滨江) (park-hangzhou-htz), 永川高新区",
        ),
        (["永川高新区"], "compare needs two or more parks"),
        (["永川高新区", "park-yongchuan-htz"], "names park-yongchuan-htz again"),
        (["永川高新区", "pgr:strategy-3322"], "'pgr:strategy-3322': no park has this IRI"),
        (["永川高新区", HANGZHOU, "--format", "xml"], "--format 'xml': use one of table, csv, json, md"),
        (["永川高新区", HANGZHOU, "--indicator", " "], "--indicator: give a word"),
    ],
)
def test_bad_input_is_one_error_line_with_status_2(seed_dist: Path, args: list[str], said: str) -> None:
    result = runner.invoke(app, ["compare", *args, "--data", str(seed_dist / "parkgraph.nt")])
    assert result.exit_code == 2, result.stdout
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert said in result.stderr


def test_unknown_park_lists_the_candidates(seed_dist: Path) -> None:
    result = runner.invoke(
        app, ["compare", "永川高新区", "苏州工业园区", "--data", str(seed_dist / "parkgraph.nt")]
    )
    assert result.exit_code == 2
    assert "永川高新区 (park-yongchuan-htz)" in result.stderr and "park-hangzhou-htz" in result.stderr


def test_help_has_examples() -> None:
    result = runner.invoke(app, ["compare", "--help"])
    assert result.exit_code == 0
    assert 'parkgraph compare 永川高新区 "杭州高新区(滨江)"' in result.stdout
    assert "--endpoint" in result.stdout


# ------------------------------------------------------------------ remote, and several sources


@pytest.fixture(scope="module")
def server(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A real oxigraph server holding the shipped graph."""
    location = tmp_path_factory.mktemp("compare-store")
    load = [oxigraph_binary(), "load", "--location", str(location), "--file", str(dist / "parkgraph.nt")]
    subprocess.run(load, check=True, capture_output=True)
    with oxigraph_server(location, read_only=True) as srv:
        yield srv


@pytest.mark.parametrize("fmt", ["table", "csv", "json", "md"])
def test_compare_over_an_endpoint_as_locally(server: Server, dist: Path, fmt: str) -> None:
    args = ["compare", "永川", "滨江", "--format", fmt]
    remote = runner.invoke(app, [*args, "--endpoint", server.query_url])
    assert remote.exit_code == 0, remote.stderr
    assert remote.stdout == compare(dist, "永川", "滨江", "--format", fmt)


# On the shipped graph, three parks' 规模以上工业总产值 (the demo's comparison), each cell from its
# sentence: the seed "“十四五”期间,…规模以上工业总产值突破940亿元", "踏上“十五五”新征程,…规模以上
# 工业总产值突破1500亿元"; a3 "2022年，…规模以上工业总产值为6459.8亿元，增长6.8%"; b4 "上半年，…规模
# 以上工业总产值517.5亿元，同比增长3.5%".
SUZHOU_SOURCE, KUNMING_SOURCE = "source-a3-suzhou-sip-321-44a50cfb", "source-b4-kunming-htz-h1-4fdcbb63"
OUTPUT_ACROSS_PARKS = {
    "规模以上工业总产值 · 十四五 (2021–2025) · actual": ("park-yongchuan-htz", "≥940亿元", ARTICLE),
    "规模以上工业总产值 · 2022年 · actual": ("park-suzhou-gongyeyuanqu", "6459.8亿元", SUZHOU_SOURCE),
    "规模以上工业总产值 · 上半年 (2023) · actual": ("park-kunming-gaoxinqu", "517.5亿元", KUNMING_SOURCE),
    "规模以上工业总产值 · 十五五 (2026–2030) · target": ("park-yongchuan-htz", "≥1500亿元", ARTICLE),
    "规模以上工业总产值增速 · 2022年 · actual": ("park-suzhou-gongyeyuanqu", "6.8%", SUZHOU_SOURCE),
    "规模以上工业总产值增速 · 上半年 (2023) · actual": ("park-kunming-gaoxinqu", "3.5%", KUNMING_SOURCE),
}
DEMO = ["永川高新区", "苏州工业园区", "昆明高新区", "--indicator", "规模以上工业总产值"]


def test_three_parks_output_on_the_shipped_graph(dist: Path, server: Server) -> None:
    local = compare(dist, *DEMO, "--format", "json")
    remote = runner.invoke(app, ["compare", *DEMO, "--format", "json", "--endpoint", server.query_url])
    assert remote.exit_code == 0, remote.stderr
    assert remote.stdout == local
    doc = json.loads(local)
    parks = ["park-yongchuan-htz", "park-suzhou-gongyeyuanqu", "park-kunming-gaoxinqu"]
    assert [p["id"] for p in doc["parks"]] == parks
    got = cells(doc)
    assert [row for _, row in got] == list(OUTPUT_ACROSS_PARKS)  # in this order
    for (_, row), by_park in got.items():
        park, value, source = OUTPUT_ACROSS_PARKS[row]
        assert {p: f for p, f in by_park.items() if f} == {park: [(value, source)]}, row


SYNTHETIC = """
@prefix pg: <https://w3id.org/parkgraph/ontology#> .
@prefix pgr: <https://w3id.org/parkgraph/resource/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

pgr:park-t-a a pg:HighTechZone ; rdfs:label "甲高新区"@zh ;
    prov:wasDerivedFrom pgr:source-t-1 , pgr:source-t-2 .
pgr:park-t-b a pg:EconomicDevelopmentZone ; rdfs:label "乙经开区"@zh ; prov:wasDerivedFrom pgr:source-t-3 .
pgr:source-t-1 a pg:SourceDocument ; dcterms:title "甲一"@zh ; dcterms:issued "2021-01-05"^^xsd:date .
pgr:source-t-2 a pg:SourceDocument ; dcterms:title "甲二"@zh ; dcterms:issued "2022-03-01"^^xsd:date .
pgr:source-t-3 a pg:SourceDocument ; dcterms:title "乙"@zh .
pgr:period-t-2021 a pg:Period ; rdfs:label "2021年"@zh ;
    pg:startYear "2021"^^xsd:gYear ; pg:endYear "2021"^^xsd:gYear .
pgr:indicator-t-gdp a pg:Indicator ; rdfs:label "测试总值"@zh .
pgr:indicator-t-gdp-q a pg:Indicator ; rdfs:label "测试季度值"@zh ; skos:broader pgr:indicator-t-gdp .
pgr:indicator-t-growth a pg:Indicator ; rdfs:label "测试值增速"@zh .
pgr:indicator-t-rate a pg:Indicator ; rdfs:label "测试比率"@zh , "growth rate"@en .
pgr:indicator-t-vs-last-year a pg:Indicator ; rdfs:label "比上年"@zh ; skos:broader pgr:indicator-t-rate .
pgr:indicator-t-share a pg:Indicator ; rdfs:label "测试占比"@zh .

pgr:obs-t-1 a pg:Observation ; pg:about pgr:park-t-a ; pg:indicator pgr:indicator-t-gdp ; pg:value 100.0 ;
    pg:unit pg:CNY ; pg:period pgr:period-t-2021 ; pg:status pg:Actual ; pg:comparator pg:Exactly ;
    pg:statedAs "100元" ; prov:wasDerivedFrom pgr:source-t-1 ; pg:evidence "甲一说100元" .
pgr:obs-t-2 a pg:Observation ; pg:about pgr:park-t-a ; pg:indicator pgr:indicator-t-gdp ; pg:value 120.0 ;
    pg:unit pg:CNY ; pg:period pgr:period-t-2021 ; pg:status pg:Actual ; pg:comparator pg:Exactly ;
    pg:statedAs "120元" ; prov:wasDerivedFrom pgr:source-t-2 ; pg:evidence "甲二说120元" .
pgr:obs-t-3 a pg:Observation ; pg:about pgr:park-t-b ; pg:indicator pgr:indicator-t-gdp-q ; pg:value 110.0 ;
    pg:unit pg:CNY ; pg:period pgr:period-t-2021 ; pg:status pg:Actual ; pg:comparator pg:Exactly ;
    pg:statedAs "110元" ; prov:wasDerivedFrom pgr:source-t-3 ; pg:evidence "乙说110元" .
pgr:obs-t-4 a pg:Observation ; pg:about pgr:park-t-a ; pg:indicator pgr:indicator-t-growth ; pg:value 8.5 ;
    pg:unit pg:Percent ; pg:period pgr:period-t-2021 ; pg:status pg:Actual ; pg:statedAs "8.5%" ;
    prov:wasDerivedFrom pgr:source-t-2 .
pgr:obs-t-5 a pg:Observation ; pg:about pgr:park-t-b ; pg:indicator pgr:indicator-t-share ; pg:value 12.0 ;
    pg:indicatorText "测试总值增长" ; pg:unit pg:Percent ; pg:period pgr:period-t-2021 ; pg:status pg:Actual ;
    pg:statedAs "12%" ; prov:wasDerivedFrom pgr:source-t-3 .
pgr:obs-t-6 a pg:Observation ; pg:about pgr:park-t-b ; pg:indicator pgr:indicator-t-share ; pg:value 30.0 ;
    pg:unit pg:Percent ; pg:period pgr:period-t-2021 ; pg:status pg:Actual ; pg:statedAs "30%" ;
    prov:wasDerivedFrom pgr:source-t-3 .
# Another source's number for 乙 under its own indicator and period IRIs (as two articles mint
# them): the same Chinese indicator label and the same years.
pgr:source-t-4 a pg:SourceDocument ; dcterms:title "乙二"@zh .
pgr:indicator-t-gdp-q2 a pg:Indicator ; rdfs:label "测试季度值"@zh .
pgr:period-t-2021b a pg:Period ; rdfs:label "2021全年"@zh ;
    pg:startYear "2021"^^xsd:gYear ; pg:endYear "2021"^^xsd:gYear .
pgr:obs-t-8 a pg:Observation ; pg:about pgr:park-t-b ; pg:indicator pgr:indicator-t-gdp-q2 ; pg:value 115.0 ;
    pg:unit pg:CNY ; pg:period pgr:period-t-2021b ; pg:status pg:Actual ; pg:statedAs "115元" ;
    prov:wasDerivedFrom pgr:source-t-4 .
pgr:obs-t-7 a pg:Observation ; pg:about pgr:park-t-b ; pg:indicator pgr:indicator-t-vs-last-year ;
    pg:value 5.0 ; pg:unit pg:Percent ; pg:period pgr:period-t-2021 ; pg:status pg:Actual ;
    pg:statedAs "5%" ; prov:wasDerivedFrom pgr:source-t-3 .
"""
# (query, parameters, columns, expected rows in order), each worked out from SYNTHETIC above.
SYNTHETIC_CASES: list[tuple[str, dict[str, str], tuple[str, ...], list[tuple[str | None, ...]]]] = [
    # 甲's two values for 2021 come from 甲一 (2021-01-05) and 甲二 (2022-03-01): the later one
    # counts; 乙's number is of a narrower concept (测试季度值 ⊑ 测试总值). Highest first.
    (
        "ranking",
        {"indicator": "pgr:indicator-t-gdp", "period": "2021"},
        ("park", "value", "source"),
        [("pgr:park-t-a", "120.0", "pgr:source-t-2"), ("pgr:park-t-b", "110.0", "pgr:source-t-3")],
    ),
    # The concept by IRI, with its narrower concept; obs-t-5's words 测试总值增长 are not its IRI.
    (
        "indicator-across-parks",
        {"indicator": PGR + "indicator-t-gdp"},
        ("park", "indicatorLabel", "value", "source"),
        [  # by the park's name: 乙 (U+4E59) before 甲 (U+7532)
            ("pgr:park-t-b", "测试季度值", "110.0", "pgr:source-t-3"),
            ("pgr:park-t-a", "测试总值", "100.0", "pgr:source-t-1"),
            ("pgr:park-t-a", "测试总值", "120.0", "pgr:source-t-2"),
        ],
    ),
    # Growth by the indicator's name (增速), by the observation's words (增长), by a broader
    # concept ("growth rate"); the share 测试占比 (30%) is no growth. 乙经开区 sorts before 甲高新区.
    (
        "growth-rates",
        {},
        ("park", "indicatorLabel", "value"),
        [
            ("pgr:park-t-b", "比上年", "5.0"),
            ("pgr:park-t-b", "测试占比", "12.0"),
            ("pgr:park-t-a", "测试值增速", "8.5"),
        ],
    ),
    # Two sources, one park, one indicator, one period, one status, two values: side by side;
    # also when each source has its own indicator and period IRIs (same label, same years).
    (
        "disagreements",
        {},
        ("about", "value1", "source1", "value2", "source2"),
        [
            ("pgr:park-t-a", "100.0", "pgr:source-t-1", "120.0", "pgr:source-t-2"),
            ("pgr:park-t-b", "110.0", "pgr:source-t-3", "115.0", "pgr:source-t-4"),
        ],
    ),
]


@pytest.fixture(scope="module")
def synthetic(seed_dist: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    extra = tmp_path_factory.mktemp("synthetic") / "synthetic.ttl"
    extra.write_text(SYNTHETIC, encoding="utf-8")
    return [seed_dist / "parkgraph.nt", extra]


@pytest.fixture(scope="module")
def synthetic_server(synthetic: list[Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    location = tmp_path_factory.mktemp("synthetic-store")
    for path in synthetic:
        load = [oxigraph_binary(), "load", "--location", str(location), "--file", str(path)]
        subprocess.run(load, check=True, capture_output=True)
    with oxigraph_server(location, read_only=True) as srv:
        yield srv


def plain_rows(result: QueryResult, columns: tuple[str, ...]) -> list[tuple[str | None, ...]]:
    """The rows, with values as Python floats write them (120 and 120.0 are one number)."""

    def cell(column: str, value: str | None) -> str | None:
        return repr(float(value)) if value is not None and column.startswith("value") else value

    return [tuple(cell(c, v) for c, v in zip(columns, r, strict=True)) for r in rows(result, *columns)]


@pytest.mark.parametrize(
    ("name", "params", "columns", "expected"), SYNTHETIC_CASES, ids=[c[0] for c in SYNTHETIC_CASES]
)
def test_cross_source_rules_locally_and_on_the_oxigraph_server(
    project: Project,
    synthetic: list[Path],
    synthetic_server: Server,
    name: str,
    params: dict[str, str],
    columns: tuple[str, ...],
    expected: list[tuple[str | None, ...]],
) -> None:
    query = find_query(project.queries_dir, name)
    for source in (Source.files(synthetic), Source.endpoint(synthetic_server.query_url)):
        result = run_query(source, query, params=params)
        assert plain_rows(result, columns) == expected, source


def test_compare_puts_two_sources_side_by_side_in_one_cell(synthetic: list[Path]) -> None:
    args = ["compare", "甲高新区", "乙经开区", "--indicator", "测试", "--format", "json"]
    result = runner.invoke(app, [*args, *(a for p in synthetic for a in ("--data", str(p)))])
    assert result.exit_code == 0, result.stderr
    got = cells(json.loads(result.stdout))
    assert got[("indicator", "测试总值 · 2021年 · actual")] == {
        "park-t-a": [("100元", "source-t-1"), ("120元", "source-t-2")],
        "park-t-b": [],
    }
    assert got[("indicator", "测试季度值 · 2021年 · actual")] == {
        "park-t-a": [],
        "park-t-b": [("110元", "source-t-3")],
    }
