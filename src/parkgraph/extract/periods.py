"""Time expressions in park articles: the period a number refers to, with its years and months.

`find_periods(text, ref_year)` runs on `Text.norm` and finds five-year plans (“十四五”期间,
十三五末), years and year ranges (2024年, 2018年度, 2016-2020年), parts of a year (上半年, 一季度,
首季, 前三季度, 1—11月, 2024年1—11月, 年底), deadlines (到2027年, 2027年前), "as of" (截至2023年底,
截至目前, 目前), "since" (今年以来, 建区以来), durations (连续九年, 近三年) and relative words (今年,
去年, 上年, 明年, 近日), which are resolved against `ref_year` (the publication year) when it is
given. Dates (8月21日) are reported with kind "date" so that the caller can tell them apart.

The n-th five-year plan starts in 1966 + 5(n − 3) (NLP-PACKAGES.md): 十三五 = 2016–2020.
No package parses these (jionlp returns "today" for 十四五 and the whole year for 1—11月).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from parkgraph.extract.numbers import simplified

__all__ = ["PeriodMention", "find_periods", "plan_years"]


class PeriodMention(NamedTuple):
    """A time expression (a named tuple, for the same reason as numbers.Quantity)."""

    start: int
    end: int
    label: str  # as stated, quote marks kept: “十四五”期间, 2024年1-11月, 今年上半年, 到2027年
    start_year: int | None
    end_year: int | None
    start_month: int | None
    end_month: int | None
    # plan | plan_start | plan_end | years | year | half | quarter | months | date | by_year |
    # since | as_of | duration | relative
    kind: str
    relative: bool  # resolved (or to be resolved) against the reference year: 今年, 去年, 目前


def plan_years(n: int) -> tuple[int, int]:
    """The years of the n-th five-year plan: plan_years(14) == (2021, 2025)."""
    start = 1966 + 5 * (n - 3)
    return start, start + 4


_CN_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
             "八": 8, "九": 9}
_DASH = r"\s*[-—–~〜至到]\s*"
_PUNCT = r",.;:!?()、。，；：！？“”\"'\n"
_MONTH_CN = "一二三四五六七八九十"

# A part of a year: 上半年, 一季度, 首季, 前三季度, 1—11月, 8月, 8月21日, 年底.
_SUB = (
    rf"(?P<half>[上下]半年)"
    rf"|(?P<fm>前)(?P<fmn>\d{{1,2}}|[{_MONTH_CN}两]{{1,3}})个月"
    rf"|(?P<qr1>[一二三四1-4]){_DASH}(?P<qr2>[一二三四1-4])季度"
    rf"|(?P<q>(?:第)?(?P<qn>[一二三四1-4])季度|首季度?|(?P<qf>前)(?P<qfn>[两二三])季度?)"
    rf"|(?<![\d.])(?P<m1>\d{{1,2}})(?:{_DASH}(?P<m2>\d{{1,2}}))?月(?:份)?(?:(?P<day>\d{{1,2}})[日号]|(?P<mend>底|末|初|上旬|中旬|下旬))?"
    rf"|(?P<cm1>[{_MONTH_CN}]{{1,2}})月(?:份)?(?:(?P<cday>[{_MONTH_CN}]{{1,3}})[日号])?"
)
_YEAR_END = r"|(?P<yend>年底|年末|年初|年中|全年|底|末|初)"  # only after a year: 2023年底, 今年年初

_REL = {"今年": 0, "本年": 0, "本年度": 0, "去年": -1, "上年": -1, "上一年": -1, "上年度": -1,
        "明年": 1, "前年": -2}
_REL_RE = "|".join(sorted(_REL, key=len, reverse=True))

# What a match can start with: the first characters of its words, tested at every position
# (one character class is the cheapest test: sre tries an alternation's branches one by one),
# then where one of them stands what follows it: a digit starts a match only as a year (2024年,
# 2016-2020), a month or a quarter (8月, 1-9月, 3季度, 1-3季度) or a duration (5年来), a Chinese
# numeral likewise (二〇二四年, 三季度, 五年来, 十四五), “ only before 十四五, 上 only in 上年,
# 上一年 and 上半年 …: the digits inside other numbers (1234.5亿元) and the words 一个, 实现, 目标,
# 第一, each of which would try every alternative, fail here
_FIRST_CHARACTERS = "[\\d〇零一二三四五六七八九十两到至截今本去上下明前目当现近日连未过最多首第“]"
_FIRST = (rf"\d(?:\d{{3}}|\d?(?:[月季]|{_DASH}|多?年来))"
          r"|[〇零一二三四五六七八九十两][〇零一二三四五六七八九十两]{0,3}[年月季多\s\-—–~〜至到]|十[一二三四五六七八九]五"
          r"|“十|上[年一半]|下半|现阶段|目前|第[一二三四1-4]季|明年|过去|首季"
          r"|[到至截今本去前当近日连未最多]")
# Each alternative opens with a test of its own first characters (a failed lookahead is cheaper
# than entering the group and its optional words)
# (their leading optional groups as empty branches, (?:(?P<x>…)|), as in numbers._SCANNER)
_ALTERNATIVES = (
    # five-year plans, quoted or not: “十四五”期间, 十三五末, 到“十四五”末
    rf"(?=[到至截“十])(?P<PLAN>(?:(?P<pby>到|至|截至)|)(?:(?P<pq1>“)|)(?<![一二三四五六七八九十])十(?P<pn>[一二三四五六七八九])五(?P<pq2>”)?"
    rf"(?P<ps>时期|期间|期末|末期|末|初期|初|开局之年|开局|中期|以来|规划期内|规划期)?)"
    # year ranges: 2016-2020年, 2016—2020年间
    rf"|(?=\d)(?P<RANGE>(?<!\d)(?P<ry1>\d{{4}})年?{_DASH}(?P<ry2>\d{{4}}|\d{{2}})年(?:度)?(?P<rt>间|期间)?)"
    # a year (absolute or relative) with an optional part and tail: 2024年1—11月, 今年以来
    rf"|(?=[截到至\d〇零一二三四五六七八九今本去上明前])(?P<YEAR>(?:(?P<yby>截至|截止到|截止|到|至)|)"
    rf"(?:(?<!\d)(?P<y>\d{{4}})年(?P<ydu>度)?|(?P<ycn>[〇零一二三四五六七八九]{{4}})年|(?P<rel>{_REL_RE}))"
    rf"(?:{(_SUB + _YEAR_END).replace('(?P<', '(?P<y_')}|)"
    # 2027年前, 2025年底前 (only after a digit year; not 上年前进, 今年前10个月, 2030年前后)
    rf"(?P<yt>以来|至今|起|内|(?<=\d年|年底|年末)前(?![进列后\d{_MONTH_CN}两]))?)"
    # "as of now", recent: 截至目前, 目前, 当前, 近日
    r"|(?=[截到目当现至])(?P<ASOF>截至目前|截止目前|到目前为止|截至当前|目前|当前|现阶段|至今)"
    r"|(?=[近日])(?P<RECENT>近日|日前|近期)"
    # durations: 连续九年, 近三年, 未来五年
    rf"|(?=[连近未今过最\d一二三四五六七八九十两])(?P<DUR>(?:连续|近|未来|今后|过去|最近)(?P<dn>\d{{1,2}}|[{_MONTH_CN}两]{{1,3}})"
    rf"(?P<du>年|个月|个季度)|(?<![\d{_MONTH_CN}两])(?:\d{{1,2}}|[{_MONTH_CN}两]{{1,3}})多?年来)"
    r"|(?=今)(?P<JM>今明两年)"
    r"|(?=[近多])(?P<SINCEYR>近年来|近年|近几年|多年来)"
    # a part of a year with no year: 上半年, 前三季度, 1-9月, 8月21日
    rf"|(?=[截到上下前一二三四\d第首五六七八九十])"
    rf"(?P<SUB>(?:(?P<sby>截至|截止到|截止|到)|)(?:{_SUB.replace('(?P<', '(?P<s_')})(?:(?P<st>以来)|))"
)
_SCANNER = re.compile(rf"(?={_FIRST_CHARACTERS})(?={_FIRST})(?:{_ALTERNATIVES})")
# since an event: 建区以来, 落户园区以来: the clause up to 以来, when it has no year in it
_SINCE_EVENT = re.compile(rf"(?:(?<=[{_PUNCT}])|^)(?:自|从)?[^{_PUNCT}\d年]{{1,12}}以来$")

_BY_BLOCKED = {"到": set("达得受感想做遇见看收报提来回直"), "至": set("甚乃以")}


def _cn_int(s: str) -> int:
    """Small Chinese numerals for months and durations: 九, 十一, 二十, 两."""
    if s == "十":
        return 10
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    if len(s) == 1:
        return _CN_DIGIT[s]
    raise ValueError(s)


def _int(s: str) -> int:
    return int(s) if s.isdigit() else _cn_int(s)


def find_periods(text: str, ref_year: int | None = None, start: int = 0,
                 end: int | None = None) -> list[PeriodMention]:
    """Every time expression in `text`, in text order, non-overlapping; `start`/`end` limit the
    search to one sentence while the positions stay those of `text`."""
    end = len(text) if end is None else end
    original, text = text, simplified(text, start, end)
    out = []
    for m in _SCANNER.finditer(text, start, end):
        try:
            p = _period(text, m, ref_year)
        except (ValueError, KeyError):
            continue
        if p is not None:
            out.append(p)
    i = text.find("以来", start, end)
    if i < 0:
        return _as_written(out, original, text)
    covered = {p.end for p in out}
    while i >= 0 and i + 2 <= end:
        if i + 2 not in covered:
            ev = _SINCE_EVENT.search(text, max(start, i - 13), i + 2)
            if ev and not any(p.start < ev.end() and ev.start() < p.end for p in out):
                out.append(PeriodMention(ev.start(), ev.end(), ev.group(), None, None, None, None, "since",
                                         False))
        i = text.find("以来", i + 2, end)
    out.sort(key=lambda p: p.start)
    return _as_written(out, original, text)


def _as_written(out: list[PeriodMention], original: str, scanned: str) -> list[PeriodMention]:
    """Labels as the text writes them (traditional characters kept)."""
    if scanned is original:
        return out
    return [p._replace(label=original[p.start:p.end]) for p in out]


def _by_start(text: str, m: re.Match[str], group: str, start: int) -> tuple[int, str | None]:
    """Where the mention starts and its deadline word, unless that word belongs to a verb (达到)."""
    by = m.group(group)
    if by is None:
        return start, None
    if start > 0 and text[start - 1] in _BY_BLOCKED.get(by, ()):
        return start + len(by), None
    return start, by


def _sub(m: re.Match[str], p: str) -> tuple[str, int | None, int | None]:
    """kind and months of a part of a year (groups prefixed p)."""
    g = m.group
    if g(p + "half"):
        return ("half", 1, 6) if g(p + "half")[0] == "上" else ("half", 7, 12)
    if g(p + "q"):
        if g(p + "qf"):
            return "quarter", 1, 3 * _int(g(p + "qfn"))
        n = _int(g(p + "qn")) if g(p + "qn") else 1
        return "quarter", 3 * n - 2, 3 * n
    if g(p + "qr1"):
        a, b = _int(g(p + "qr1")), _int(g(p + "qr2"))
        if a > b:
            raise ValueError("not a range of quarters")
        return "quarter", 3 * a - 2, 3 * b
    if g(p + "fm"):
        n = _int(g(p + "fmn"))
        if not 1 <= n <= 12:
            raise ValueError("not a count of a year's months")  # 前15个月: a duration, no part of a year
        return "months", 1, n
    if g(p + "m1") or g(p + "cm1"):
        a = _int(g(p + "m1") or g(p + "cm1"))
        b = _int(g(p + "m2")) if g(p + "m2") else a
        if not (1 <= a <= b <= 12):
            raise ValueError("not a month")
        if g(p + "day") or g(p + "cday"):
            return "date", a, a
        return "months", a, b
    end = g(p + "yend")
    if end:
        months = {"底": (12, 12), "末": (12, 12), "初": (1, 1), "中": (6, 7), "全": (1, 12)}
        key = "全" if end == "全年" else end[-1]
        return ("year" if key == "全" else "months"), *months[key]
    return "", None, None


def _period(text: str, m: re.Match[str], ref: int | None) -> PeriodMention | None:
    s, e = m.start(), m.end()

    def make(start: int, sy: int | None, ey: int | None, sm: int | None, em: int | None,
             kind: str, relative: bool = False) -> PeriodMention:
        return PeriodMention(start, e, text[start:e], sy, ey, sm, em, kind, relative)

    if m.start("PLAN") >= 0:
        s, by = _by_start(text, m, "pby", s)
        if m.group("pq1") is None and m.group("pq2") is not None and m.group("ps") is None:
            e = m.end("pq2") - 1  # a closing quote with no opening one belongs to something else
        a, b = plan_years(10 + int(_CN_DIGIT[m.group("pn")]))
        suffix = m.group("ps") or ""
        if suffix in ("末", "期末", "末期"):
            return make(s, b, b, None, None, "plan_end")
        if suffix in ("初", "初期", "开局", "开局之年"):
            return make(s, a, a, None, None, "plan_start")
        if suffix == "以来":
            return make(s, a, None, None, None, "since")
        if by:
            return make(s, None, b, None, None, "as_of" if by == "截至" else "by_year")
        return make(s, a, b, None, None, "plan")
    if m.start("RANGE") >= 0:
        a = int(m.group("ry1"))
        b2 = m.group("ry2")
        b = int(b2) if len(b2) == 4 else a // 100 * 100 + int(b2)
        if not (1900 <= a <= b <= 2100):
            return None
        return make(s, a, b, None, None, "years")
    if m.start("YEAR") >= 0:
        s, by = _by_start(text, m, "yby", s)
        relative = m.group("rel") is not None
        if relative:
            year = None if ref is None else ref + _REL[m.group("rel")]
        elif m.group("ycn"):
            year = int("".join(str(_CN_DIGIT[c]) for c in m.group("ycn")))
        else:
            year = int(m.group("y"))
        if year is not None and not 1900 <= year <= 2100:
            return None
        kind, sm, em = _sub(m, "y_")
        kind = kind or "year"
        tail = m.group("yt")
        if tail in ("以来", "至今", "起"):
            return make(s, year, year if relative else None, sm, None, "since", relative)
        if by == "截至" or by == "截止" or by == "截止到":
            return make(s, None, year, None, em, "as_of", relative)
        if by or tail == "前":
            return make(s, None, year, None, em, "by_year", relative)
        return make(s, year, year, sm, em, kind, relative)
    if m.start("ASOF") >= 0:
        return make(s, None, ref, None, None, "as_of", True)
    if m.start("RECENT") >= 0:
        return make(s, ref, ref, None, None, "relative", True)
    if m.start("DUR") >= 0:
        return make(s, None, None, None, None, "duration")
    if m.start("JM") >= 0:
        return make(s, ref, None if ref is None else ref + 1, None, None, "years", True)
    if m.start("SINCEYR") >= 0:
        return make(s, None, ref, None, None, "since", True)
    if m.start("SUB") >= 0:
        s, by = _by_start(text, m, "sby", s)
        kind, sm, em = _sub(m, "s_")
        if kind == "year" or not kind:
            return None  # 全年, 底, 末 alone: not a period
        if m.group("st"):
            return make(s, None, None, sm, None, "since")
        if by:
            return make(s, None, None, None, em, "as_of" if by.startswith("截") else "by_year")
        return make(s, None, None, sm, em, kind)
    return None
