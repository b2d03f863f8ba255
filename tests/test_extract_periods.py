"""Period recognition and normalisation (extract/periods.py): tables of cases, and the gold
periods of the development corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from parkgraph.extract import extract_text
from parkgraph.extract.model import Document
from parkgraph.extract.periods import find_periods, plan_years
from parkgraph.extract.text import Text
from parkgraph.extract.writing import write_turtle

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"


def body(path: Path) -> Text:
    """The article's body (after the `# ` header lines), normalised."""
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    n = 0
    while n < len(lines) and lines[n].startswith("# "):
        n += 1
    return Text(raw, sum(len(line) + 1 for line in lines[:n]))


@pytest.mark.parametrize(("n", "years"), [(11, (2006, 2010)), (13, (2016, 2020)), (14, (2021, 2025)),
                                          (15, (2026, 2030))])
def test_plan_years(n: int, years: tuple[int, int]) -> None:
    assert plan_years(n) == years


# text, label, start_year, end_year, start_month, end_month, kind, relative (ref_year 2023)
CASES = [
    ("“十四五”期间,园区", "“十四五”期间", 2021, 2025, None, None, "plan", False),
    ("十四五期末", "十四五期末", 2025, 2025, None, None, "plan_end", False),
    ("力争在“十三五”末实现", "“十三五”末", 2020, 2020, None, None, "plan_end", False),
    ("“十三五”时期,", "“十三五”时期", 2016, 2020, None, None, "plan", False),
    ("踏上“十五五”新征程", "“十五五”", 2026, 2030, None, None, "plan", False),
    ("为“十四五”开局打下基础", "“十四五”开局", 2021, 2021, None, None, "plan_start", False),
    ("2024年,", "2024年", 2024, 2024, None, None, "year", False),
    ("入围2018年度安徽省30强", "2018年度", 2018, 2018, None, None, "year", False),
    ("2016-2020年年均增长11.6%", "2016-2020年", 2016, 2020, None, None, "years", False),
    ("2024年1—11月,", "2024年1—11月", 2024, 2024, 1, 11, "months", False),
    ("2024年1–11月", "2024年1–11月", 2024, 2024, 1, 11, "months", False),
    ("1-9月成都高新区", "1-9月", None, None, 1, 9, "months", False),
    ("1至11月", "1至11月", None, None, 1, 11, "months", False),
    ("1~11月", "1~11月", None, None, 1, 11, "months", False),
    ("上半年,全区", "上半年", None, None, 1, 6, "half", False),
    ("下半年", "下半年", None, None, 7, 12, "half", False),
    ("今年上半年,", "今年上半年", 2023, 2023, 1, 6, "half", True),
    ("一季度该区", "一季度", None, None, 1, 3, "quarter", False),
    ("第一季度", "第一季度", None, None, 1, 3, "quarter", False),
    ("首季规上工业增加值", "首季", None, None, 1, 3, "quarter", False),
    ("今年一季度,", "今年一季度", 2023, 2023, 1, 3, "quarter", True),
    ("前三季度GDP", "前三季度", None, None, 1, 9, "quarter", False),
    ("今年前三季度,", "今年前三季度", 2023, 2023, 1, 9, "quarter", True),
    ("到2027年,", "到2027年", None, 2027, None, None, "by_year", False),
    ("至2027年", "至2027年", None, 2027, None, None, "by_year", False),
    ("2027年前建成", "2027年前", None, 2027, None, None, "by_year", False),
    ("截至2023年底,", "截至2023年底", None, 2023, None, 12, "as_of", False),
    ("截至目前,园区", "截至目前", None, 2023, None, None, "as_of", True),
    ("目前,园区", "目前", None, 2023, None, None, "as_of", True),
    ("当前,高新区", "当前", None, 2023, None, None, "as_of", True),
    ("今年以来,", "今年以来", 2023, 2023, None, None, "since", True),
    ("落户永川高新区以来,长城汽车", "落户永川高新区以来", None, None, None, None, "since", False),
    ("去年,区财政", "去年", 2022, 2022, None, None, "year", True),
    ("比上年同期增长", "上年", 2022, 2022, None, None, "year", True),
    ("明年", "明年", 2024, 2024, None, None, "year", True),
    ("已连续九年稳居全国十强", "连续九年", None, None, None, None, "duration", False),
    ("连续6年位列第一", "连续6年", None, None, None, None, "duration", False),
    ("近日,省政府", "近日", 2023, 2023, None, None, "relative", True),
    ("1994年2月", "1994年2月", 1994, 1994, 2, 2, "months", False),
    ("8月21日,在", "8月21日", None, None, 8, 8, "date", False),
    ("二〇二四年", "二〇二四年", 2024, 2024, None, None, "year", False),
    ("今年前10个月,园区", "今年前10个月", 2023, 2023, 1, 10, "months", True),
    ("前两个月", "前两个月", None, None, 1, 2, "months", False),
    ("截至今年9月底,", "截至今年9月底", None, 2023, None, 9, "as_of", True),
    ("比上年前进2个位次", "上年", 2022, 2022, None, None, "year", True),
    ("2025年前列", "2025年", 2025, 2025, None, None, "year", False),
    ("3月上旬", "3月上旬", None, None, 3, 3, "months", False),
    ("“十三五”以来", "“十三五”以来", 2016, None, None, None, "since", False),
    ("到“十四五”末", "到“十四五”末", 2025, 2025, None, None, "plan_end", False),
    ("近三年", "近三年", None, None, None, None, "duration", False),
    ("五年来,园区", "五年来", None, None, None, None, "duration", False),
    ("十多年来", "十多年来", None, None, None, None, "duration", False),
    ("今明两年", "今明两年", 2023, 2024, None, None, "years", True),
    ("2018年以来", "2018年以来", 2018, None, None, None, "since", False),
    ("2021年至今", "2021年至今", 2021, None, None, None, "since", False),
    ("从2019年起", "2019年起", 2019, None, None, None, "since", False),
    ("2023年第一季度", "2023年第一季度", 2023, 2023, 1, 3, "quarter", False),
    ("今年1至5月份", "今年1至5月份", 2023, 2023, 1, 5, "months", True),
    ("2023年全年", "2023年全年", 2023, 2023, 1, 12, "year", False),
    ("2025年底前建成", "2025年底前", None, 2025, None, 12, "by_year", False),
    ("于2012年11月经省人民政府批复", "2012年11月", 2012, 2012, 11, 11, "months", False),
    ("2030年前后", "2030年", 2030, 2030, None, None, "year", False),
    ("一至三季度", "一至三季度", None, None, 1, 9, "quarter", False),
    ("上年末", "上年末", 2022, 2022, 12, 12, "months", True),
    ("去年下半年", "去年下半年", 2022, 2022, 7, 12, "half", True),
    ("“十一五”期间", "“十一五”期间", 2006, 2010, None, None, "plan", False),
    ("建区以来的半年最高水平", "建区以来", None, None, None, None, "since", False),
]


@pytest.mark.parametrize(("text", "label", "sy", "ey", "sm", "em", "kind", "relative"), CASES,
                         ids=[c[0] for c in CASES])
def test_period(text: str, label: str, sy: int | None, ey: int | None, sm: int | None, em: int | None,
                kind: str, relative: bool) -> None:
    ps = find_periods(text, ref_year=2023)
    assert len(ps) == 1, [p.label for p in ps]
    p = ps[0]
    assert text[p.start:p.end] == p.label
    assert (p.label, p.start_year, p.end_year, p.start_month, p.end_month, p.kind, p.relative) == \
        (label, sy, ey, sm, em, kind, relative)


def test_relative_without_reference_year() -> None:
    (p,) = find_periods("今年上半年")
    assert (p.label, p.start_year, p.end_year, p.relative) == ("今年上半年", None, None, True)


@pytest.mark.parametrize("text", ["14个月", "三个月", "“二二五”总体发展思路", "二十五家", "达到1000亿元"])
def test_not_periods(text: str) -> None:
    assert find_periods(text) == [], [p.label for p in find_periods(text)]


@pytest.mark.parametrize("text", ["今年前15个月", "前0个月", "今年前十三个月,园区营收增长5%", "前41个月"])
def test_more_months_than_a_year_has_are_no_part_of_one(text: str) -> None:
    """前15个月 is a span of time, not months of one year: no period with months outside 1–12
    (one made the writer refuse the whole document: "month 15 is outside 1–12")."""
    assert all(1 <= p.start_month <= p.end_month <= 12 for p in find_periods(text, 2023)
               if p.start_month is not None and p.end_month is not None)


def test_a_document_with_more_months_than_a_year_is_written() -> None:
    text = "永川高新区今年前15个月实现营业收入120亿元，同比增长8.5%。前12个月完成投资30亿元。"
    extraction = extract_text(Document(text=text, sha256="ab" * 32, file_name="months.txt",
                                       published="2024-05-01"))
    turtle = write_turtle(extraction)  # raised ValueError before
    assert [(o.value, o.period) for o in extraction.observations if o.unit == "CNY"] == [
        (12000000000, None), (3000000000, "period:前12个月:2024-2024")]
    assert "pg:endMonth 12" in turtle


def test_deadline_word_inside_a_verb() -> None:
    (p,) = find_periods("收入达到2025年的两倍")
    assert (p.label, p.kind) == ("2025年", "year")


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus is not beside the project")
def test_gold_periods_are_found() -> None:
    found = total = 0
    missed = []
    for gold_file in sorted((CORPUS / "gold").glob("*.json")):
        labels = {p.label.replace("“", "").replace("”", "")
                  for p in find_periods(body(CORPUS / "articles" / f"{gold_file.stem}.txt").norm)}
        for o in json.loads(gold_file.read_text(encoding="utf-8"))["observations"]:
            if o["period"]:
                total += 1
                if o["period"].replace("“", "").replace("”", "") in labels:
                    found += 1
                else:
                    missed.append(f"{gold_file.stem[:2]} {o['period']}")
    print(f"gold periods found: {found}/{total}; missed:", *missed, sep="\n  ")
    assert found / total >= 0.95, missed


def test_search_within_a_sentence() -> None:
    text = "2022年,园区收入增长。建区以来,今年上半年利润增长。"
    a = text.index("。") + 1
    assert [p.label for p in find_periods(text, 2023, a)] == ["建区以来", "今年上半年"]
    assert [p.label for p in find_periods(text, 2023, 0, a)] == ["2022年"]


@pytest.mark.parametrize("text", ["以来" * 20000, "2023年" * 20000, "十四五" * 20000, "1-" * 30000,
                                  "截至" * 20000])
def test_linear_time_on_pathological_text(text: str) -> None:
    import time

    best = float("inf")
    for _ in range(2):  # the best of two: the machine may be busy with other work
        t0 = time.perf_counter()
        find_periods(text, 2023)
        best = min(best, time.perf_counter() - t0)
    assert best < 2.0  # quadratic behaviour would take minutes


def test_traditional_characters() -> None:
    text = "“十四五”期間,連續九年,近年來,當前,今年以來"
    got = [(p.label, p.kind) for p in find_periods(text, 2023)]
    assert got == [("“十四五”期間", "plan"), ("連續九年", "duration"), ("近年來", "since"), ("當前", "as_of"),
                   ("今年以來", "since")]
