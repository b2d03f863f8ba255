"""Numbers in park articles: find every stated quantity and normalise it.

`find_quantities(text)` runs on `Text.norm` (NFKC: ASCII digits, %, parentheses and commas) and
returns each quantity with its stated form, normalised value, unit, measure word, kind and
comparator (corpus README, "How fields are filled"). One precompiled regex scans the text once;
its alternatives are ordered so that what must be left out (dates, years, five-year plans,
code names like 3+2+1, class adjectives like 千亿级) is consumed before a quantity can match
inside it. Words are data: measure words in `lexicons/units.tsv`, comparator words in
`lexicons/comparators.tsv`, ranking-list words in `lexicons/list_words.txt`.

Decisions the caller should know:
- A threshold inside an indicator (营收5亿元以上企业, 超百亿元的园区, 工业10亿以上企业) is
  reported with `threshold=True`; the gold leaves these out, so the fact rules should drop them.
- A rank that names a ranking list (世界500强, 百强县, 前30强企业, 前20家, 前30位的…名单) is reported
  with kind "rank" and `list_name=True`.
- A bare number with 亿 and no measure word (1689.5亿 in a headline) is money (CNY); with 万
  (常住人口约123万) it is a count.
- The numeral 一 with a measure word is usually the indefinite article (是一家…企业, 一企一个方案,
  一辆接一辆); it is reported only where nothing marks it as one.
- Rank changes (上升一位) use the unit `PositionChange`: the referee reads units by local-name
  prefix, and a name starting with "rank" would be scored as a rank.
- A bound followed by its exact value (首次突破30%,达到31.6%) is also a threshold.
- A range (3-5家, 8%-10%) is one quantity: `value` the lower bound, `upper` the upper, AtLeast.
- A measure said once for two numbers (3.5和1.9个百分点) is given to both.
- Durations keep their own unit (14个月 → Month, 连续九年 → Year, stated 九年, cue 连续九年); the
  caller decides whether a duration is a period or an observation.
- Traditional characters of number words (億元, 個百分點) are matched through a one-for-one table
  (`simplified`), so positions and stated forms are those of the text given.
- Chinese numerals are parsed here, not by cn2an: its strict mode refuses 两 and 两千, and
  NLP-PACKAGES.md records its failures on 1.5万亿 and a bare 百; the strict parser below also
  refuses 十四五, 七一六 and 二〇二四, which is how plan names, codes and years stay out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from importlib import resources
from typing import NamedTuple

__all__ = ["UNITS", "Quantity", "UnitInfo", "find_quantities", "parse_number", "simplified", "unit_label"]


class Quantity(NamedTuple):
    """A stated quantity (a named tuple: some thirty a document, and a frozen dataclass takes
    four times as long to make)."""

    start: int  # span of the stated form in the string given
    end: int
    stated: str  # text[start:end]: 60多家, 1.5万亿元, 第27位, 前三, 翻了一番
    value: Decimal
    unit: str  # pg: unit local name (CNY, Percent, Count, Rank, Mu, SquareKilometre …)
    measure: str  # the measure word or unit as written: 亿元, 家, %, 个百分点
    kind: str  # money | percent | points | count | rank | rank_change | multiple | area | duration | other
    comparator: str | None  # AtLeast | AtMost | Approximately, or None when nothing says so
    cue_start: int  # the number with its comparator words (超过3516亿元, 10%左右)
    cue_end: int
    list_name: bool = False  # a rank naming a ranking list or its size (世界500强, 前30强企业)
    threshold: bool = False  # a bound inside an indicator (营收5亿元以上企业): not an observation
    upper: Decimal | None = None  # a range (3-5家, 8%-10%): value is the lower bound, AtLeast


@dataclass(frozen=True)
class UnitInfo:
    unit: str
    kind: str
    cn_only: bool  # only after a Chinese numeral (两镇, 三大)
    no_one: bool  # never after the bare numeral 一 (一次能源)
    int_only: bool  # only after a whole number
    needs_mult: bool  # only after 万/亿 (6.42亿度 of electricity; 30度 is a temperature)


def _data_lines(name: str) -> list[list[str]]:
    text = resources.files("parkgraph.extract").joinpath("lexicons", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _load_units() -> dict[str, UnitInfo]:
    units = {}
    for measure, unit, kind, flags in _data_lines("units.tsv"):
        f = set(flags.split(","))
        units[measure] = UnitInfo(unit, kind, "cn" in f, "no1" in f, "int" in f, "mult" in f)
    return units


UNITS: dict[str, UnitInfo] = _load_units()
_COMPARATORS = _data_lines("comparators.tsv")
_NAME_HEADS = tuple(w for (w,) in _data_lines("name_heads.txt"))
_LIST_WORDS = _data_lines("list_words.txt")
_LIST_CLAUSE = tuple(w for where, w in _LIST_WORDS if where == "clause")
_LIST_AFTER = tuple(w for where, w in _LIST_WORDS if where == "after")
_LIST_BEFORE = tuple(w for where, w in _LIST_WORDS if where == "before")

# 万吨/年, 元/平方米: a unit per another (TonnePerYear, CNYPerSquareMetre)
_PER_UNIT = {"年": "Year", "天": "Day", "日": "Day", "月": "Month", "小时": "Hour", "人": "Person",
             "平方米": "SquareMetre", "亩": "Mu", "吨": "Tonne"}
_UNIT_LABELS = {unit: (zh, en) for unit, zh, en in _data_lines("unit_labels.tsv")}


def unit_label(unit: str) -> tuple[str, str]:
    """The zh and en labels of a unit find_quantities emits: CNY → (人民币元, yuan renminbi);
    a composed unit TonnePerYear → (吨/年, tonne per year). KeyError for an unknown unit."""
    if unit in _UNIT_LABELS:
        return _UNIT_LABELS[unit]
    for per in _PER_UNIT.values():
        if unit.endswith("Per" + per):
            (bz, be), (pz, pe) = _UNIT_LABELS[unit[:-len(per) - 3]], _UNIT_LABELS[per]
            return f"{bz}/{pz}", f"{be} per {pe}"
    raise KeyError(unit)


# Traditional characters of number words → simplified, one for one (positions stay).
_T2S = {ord(t): s for t, s in _data_lines("traditional.tsv")}
_TRADITIONAL = re.compile("[" + "".join(chr(c) for c in _T2S) + "]")


def simplified(text: str, start: int = 0, end: int | None = None) -> str:
    """`text` with the traditional characters of number, unit and time words simplified (億 → 亿,
    個 → 个, 連續 → 连续), or `text` itself when it has none. Same length, same positions."""
    if _TRADITIONAL.search(text, start, len(text) if end is None else end):
        return text.translate(_T2S)
    return text


# --- numerals ----------------------------------------------------------------------------

_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6,
             "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}
_CN_BIG = {"万": 10**4, "亿": 10**8}
_CN = "零〇一二两三四五六七八九十百千万亿"
_VAGUE = "几数"  # 几十家, 数百个: at least the round number


def _parse_cn(s: str) -> int:
    """A Chinese numeral: 二十七, 一千五百亿, 两, 十, 几十 (→ 10). Strict: 十四五, 七一六, 二〇二四
    (codes, names and years, not amounts) raise ValueError."""
    if not s:
        raise ValueError("empty numeral")
    total = 0  # whole 亿 groups
    wan = 0  # the 万 part of the current 亿 group
    section = 0  # below 万
    digit: int | None = None
    prev = ""  # d(igit) z(ero) u(nit) b(ig)
    last_unit = 10**9
    for ch in s:
        if ch in _VAGUE:
            if ch == "数" and prev == "u":
                raise ValueError(f"not a numeral: {s!r}")
            digit, prev = (0 if prev == "u" else 1), "d"
        elif ch in _CN_DIGIT:
            if prev == "d":
                raise ValueError(f"digit after digit: {s!r}")
            digit = _CN_DIGIT[ch]
            prev = "z" if digit == 0 else "d"
            if prev == "z":
                digit = None
        elif ch in _CN_UNIT:
            unit = _CN_UNIT[ch]
            if unit >= last_unit:
                raise ValueError(f"units out of order: {s!r}")
            if digit is None:
                if prev not in ("", "b"):
                    raise ValueError(f"unit without a digit: {s!r}")
                digit = 1
            section += digit * unit
            digit, prev, last_unit = None, "u", unit
        elif ch in _CN_BIG:
            group = section + (digit or 0)
            if ch == "万":
                if group == 0 and prev not in ("", "b"):
                    raise ValueError(f"万 without a digit: {s!r}")
                wan += (group or 1) * 10**4
            else:
                group += wan
                total = (total + (group or 1)) * 10**8
                wan = 0
            section, digit, prev, last_unit = 0, None, "b", 10**9
        else:
            raise ValueError(f"not a numeral: {s!r}")
    if digit is not None and prev == "d" and last_unit == 10**9 and (total or wan):
        raise ValueError(f"digit after 万/亿 without 零: {s!r}")  # 一万五: colloquial, ambiguous
    return total + wan + section + (digit or 0)


_DIGITS_RE = re.compile(r"(\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)([十百千万亿]*)")


def parse_number(s: str) -> Decimal:
    """A number as written: 60, 3.13万, 1.5万亿, 1,234.5, 一千五百亿, 二十七, 两, 十. Raises ValueError."""
    s = s.strip()
    m = _DIGITS_RE.fullmatch(s)
    if m:
        digits, mult = m.group(1, 2)
        value = Decimal(digits.replace(",", ""))
        if not mult and "." not in digits:
            return value  # a whole number read exactly: already what _normal gives
        if mult:
            value *= _parse_cn(mult)
        return _normal(value)
    return Decimal(_parse_cn(s))


def _normal(value: Decimal) -> Decimal:
    """940亿 → 94000000000, 38.0 → 38, 1.25 stays: no exponent, no trailing zeros."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


# --- the scanner -------------------------------------------------------------------------

_DASH = "[-—–~〜至到]"
_DIG = r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# 千/百 after digits are multipliers unless they start a unit (10千瓦, 5百米).
_MULT = r"万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千(?![瓦米克])|百(?![米])"
_CNNUM = rf"(?:数(?=[十百千万])|[{_CN}几])[{_CN}几]*"


def _by_first(words: list[str]) -> str:
    """The alternation of `words` (in that order) grouped by first character: sre tries a flat
    alternation's words one after another (105 measure words), a grouped one only the words
    that share a first character, in the same order, so the same word wins."""
    groups: dict[str, list[str]] = {}
    for w in words:
        groups.setdefault(w[0], []).append(re.escape(w[1:]))
    return "|".join(re.escape(c) + (f"(?:{'|'.join(rest)})" if rest != [""] else "")
                    for c, rest in groups.items())


_MEASURES = _by_first(sorted(UNITS, key=lambda m: (-len(m), m)))
_ASCII_MEASURE = {m for m in UNITS if m.isascii() and m.isalnum()}
_HAN = "\u4e00-\u9fff"
_RANK_FOLLOW = rf"(?=[^{_HAN}]|[的和与及或]|$)"  # after 第七 / 前三: not a name (第三代, 前三季度)

_SKIP = "|".join([
    # years, year ranges, months and dates: 2024年1—11月, 2016-2020年, 1994年2月, 8月21日, 1-9月
    rf"(?<![\d.])\d{{4}}(?:{_DASH}\d{{2,4}})?年(?:度|代)?"
    rf"(?:\d{{1,2}}(?:{_DASH}\d{{1,2}})?月(?:份)?(?:\d{{1,2}}(?:{_DASH}\d{{1,2}})?[日号])?)?",
    rf"(?<![\d.])\d{{1,2}}(?:{_DASH}\d{{1,2}})?月(?:份)?(?:\d{{1,2}}(?:{_DASH}\d{{1,2}})?[日号])?",
    r"(?<![\d.])\d{1,2}[日号]",
    r"(?<![\d.])\d{2}年代",
    r"[〇零一二三四五六七八九]{4}年",
    rf"(?<![{_CN}])[一二三四五六七八九十]{{1,3}}月(?:[一二三四五六七八九十]{{1,3}}[日号])?",
    # five-year plans: 十四五
    rf"(?<![{_CN}])十[一二三四五六七八九]五",
    # code names built from digits: 3+2+1, 1+X, 2+2+X
    r"(?<![\d.])\d+(?:\+(?:\d+|[A-Za-z]))+",
])

# What a SKIP match starts with: digits before 年, 月, 日, 号, + or a dash, numerals before 年 or
# 月, or 十N五 (a number, 35.6亿元, fails here rather than in each of the eight)
_SKIP_FIRST = (rf"\d+(?:[年月日号+]|{_DASH})|[〇零一二三四五六七八九十]{{1,4}}[年月]"
               r"|十[一二三四五六七八九]五")

# What a match can start with (as in periods._SCANNER): its first characters, one class tested
# at every position, then the words they start (上 only in 上升 and 上移, 数 only before 十百千万 …),
# so that 上面, 提供, 进一步, 数字 try no alternative
_FIRST_CHARACTERS = rf"[\d{_CN}几数第前首榜连翻上提进跃攀下后回]"
_FIRST = (rf"[\d{_CN}几第连翻]|数[十百千万]|前[\d{_CN}进移]|首位|榜首|上[升移]|提[升高]|进[位步]"
          r"|下[降滑移跌]|跃升|攀升|后[退移]|回落")
# An optional group is written (?:(?P<x>…)|), not (?P<x>…)?: the same tries in the same order,
# but sre runs a group's ? as a general repeat (costly at each number), an empty branch cheaply.
# Each alternative also opens with its own first characters (as in periods._SCANNER). The
# numbers (SKIP, PCT, QTY: digits and numerals, in that order) come first: none of the word
# alternatives after them starts with their characters, so a number tries none of them
_ALTERNATIVES = (
    rf"(?=[\d〇零一二三四五六七八九十])(?P<SKIP>(?={_SKIP_FIRST})(?:{_SKIP}))"
    rf"|(?=百)(?P<PCT>百分之(?P<pcn>(?>{_DIG}|[{_CN}]+)))"
    rf"|(?=[\d{_CN}几数])(?P<QTY>(?>(?P<d>(?<![\d.A-Za-z])(?:{_DIG}))(?:(?P<din>[多余])|)(?:(?P<mult>(?>{_MULT}))|)"
    rf"|(?P<c>(?<![{_CN}几数]){_CNNUM}))(?:(?P<qin>[多余])|)(?:(?P<meas>{_MEASURES})|))"
    rf"|(?=[上提前进跃攀下后回])(?P<RCHG>(?:上升|提升|前进|进位|进步|跃升|攀升|上移|前移|提高|下降|后退|后移|下滑|下移|回落|下跌)了?"
    rf"(?P<rcn>(?>{_DIG}|[{_CN}]+))(?P<rcm>个位次|位次|个名次|名次|位|名)(?!数))"
    rf"|(?=第)(?P<ORD>第(?P<on>(?>\d+|[{_CN}]+))(?:(?P<om>位|名)(?![数次])|{_RANK_FOLLOW}))"
    rf"|(?=前)(?P<TOP>(?<![目提之此当以眼空跟面向年月日事])前(?P<tn>(?>\d+|[{_CN}]+))"
    rf"(?:(?P<tm>强|名|位|家)|(?=[^{_HAN}%.\d]|[的和与及或]|$)))"
    rf"|(?=[首榜])(?P<FIRST>首位|榜首){_RANK_FOLLOW}"
    rf"|(?=连)(?P<CONS>连续(?P<csn>(?>\d+|[{_CN}]+))(?P<csm>个月|个季度|季度|年|天|周|届|次|期))"
    r"|(?=翻)(?P<DBL>翻了?(?P<dbn>[一两二三四五]|\d)番|翻番)"
)
_SCANNER = re.compile(rf"(?={_FIRST_CHARACTERS})(?={_FIRST})(?:{_ALTERNATIVES})")

# 连续N… with words that are no measure of their own in units.tsv
_CONSECUTIVE = {"季度": ("Quarter", "duration"), "次": ("Count", "count"), "期": ("Count", "count")}

_BEFORE = sorted((r for r in _COMPARATORS if r[1] == "before"), key=lambda r: -len(r[0]))
_PREFIX_RE = re.compile("(?:" + "|".join(re.escape(r[0]) for r in _BEFORE) + ")了?$")
_PREFIX = {r[0]: (r[2], "" if r[3] == "-" else r[3]) for r in _BEFORE}
# the characters a _PREFIX_RE match can end with: a word's last, 了, or a line break (`$`)
_PREFIX_LAST = frozenset(r[0][-1] for r in _BEFORE) | {"了", "\n"}
_AFTER = sorted((r for r in _COMPARATORS if r[1] == "after"), key=lambda r: -len(r[0]))
_SUFFIX_RE = re.compile("|".join(re.escape(r[0]) for r in _AFTER))
_SUFFIX = {r[0]: r[2] for r in _AFTER}
_SUFFIX_FIRST = frozenset(r[0][0] for r in _AFTER)

_AND = re.compile("[和与及、或]")
_THEN_EXACT = re.compile(r"[,，]?(?:达到|达|为|至)")
_DASHES = frozenset("-—–~〜至到")  # the dashes of _RANGE_LEFT
_RANGE_LEFT = re.compile(rf"(?<![\d.])({_DIG})(万亿|亿|万|千)?%?\s*[-—–~〜至到]\s*$")
_PER_RE = re.compile("/(" + "|".join(sorted(_PER_UNIT, key=len, reverse=True)) + ")")
# Where 一 is the indefinite article, not a count: 是一家, 这一, 上一年, 每一个, 有一座 …
_ARTICLE_BEFORE = set("是为这那每另同任哪单唯统第之上下前去今明有")
_PUNCT_OR_START = set(" \n,.;:!?()、。，；：！？“”\"'《》【】")
_CLAUSE_END = re.compile(r"[,.;:!?()、。，；：！？\n]")
# Kinds whose 以上/超 before a noun is no class threshold: 90%以上的零部件 is a share, and
# 100家以上企业 counts the firms themselves (营收10亿元以上企业 is the threshold)
_NOT_THRESHOLD_KINDS = {"percent", "points", "rank", "rank_change", "count"}


def find_quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """Every stated quantity in `text` (normalised text: ASCII digits and %), in text order,
    non-overlapping. Years, dates, five-year plans, code names, ordinals in names and class
    adjectives (千亿级) are left out. `start`/`end` limit the search to one sentence while the
    positions stay those of `text` (comparator words may lie just outside)."""
    original, text = text, simplified(text, start, end)
    out: list[Quantity] = []
    bare: tuple[int, int] | None = None  # the last bare number: 3.5 in 3.5和1.9个百分点
    for m in _SCANNER.finditer(text, start, len(text) if end is None else end):
        # the alternative that matched: its group closes last (each holds its own inner groups)
        kind = m.lastgroup
        if kind == "SKIP":
            continue
        if kind == "QTY" and text[m.end():m.end() + 1] == "级":
            # a class adjective (千亿级), also the earlier members of its list (1000亿、500亿、200亿级)
            first = m.start()
            while out and text[out[-1].end:first] == "、":
                first = out.pop().start
            continue
        try:
            q = _quantity(text, m, kind)
        except ValueError:
            continue
        if q is None:
            if (kind == "QTY" and m.group("d") and not m.group("meas") and not m.group("mult")
                    and not m.group("din") and not m.group("qin")):
                bare = (m.start(), m.end())
            continue
        if out and q.start < out[-1].end:
            out.pop()  # the lower bound of a range (10%-15%) was reported on its own
        if bare and _AND.fullmatch(text, bare[1], q.start):
            shared = _shared(text, bare, q)  # 3.5和1.9个百分点: the measure is said once
            if shared:
                out.append(shared)
        elif (out and _AND.fullmatch(text, out[-1].end, q.start) and q.measure != out[-1].measure
              and q.measure.startswith(out[-1].measure) and out[-1].measure in UNITS):
            # 5.7个和3.3个百分点: the first 个 is the start of the measure said in full after
            out[-1] = out[-1]._replace(unit=q.unit, kind=q.kind, measure=q.measure)
        bare = None
        out.append(q)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        if (a.comparator == "AtLeast" and b.comparator is None and a.unit == b.unit and b.value >= a.value
                and _THEN_EXACT.fullmatch(text, a.cue_end, b.cue_start)):
            out[i] = a._replace(threshold=True)  # 首次突破30%,达到31.6%: the bound, then the value
    if text is not original:
        out = [q._replace(stated=original[q.start:q.end]) for q in out]
    return out


def _shared(text: str, bare: tuple[int, int], q: Quantity) -> Quantity | None:
    """A bare number coordinated with a quantity takes its measure and multiplier."""
    if "/" in q.measure or q.upper is not None:
        return None
    base = next((q.measure[i:] for i in range(len(q.measure)) if q.measure[i:] in UNITS), q.measure)
    mult = q.measure[:len(q.measure) - len(base)]
    value = parse_number(text[bare[0]:bare[1]] + mult)
    return _make(text, bare[0], bare[1], value, q.unit, q.measure, q.kind)


def _quantity(text: str, m: re.Match[str], kind: str | None) -> Quantity | None:
    """The quantity of a match of the alternative `kind` (QTY, ORD, TOP …) of _SCANNER."""
    if kind == "QTY":
        return _general(text, m)
    if kind == "ORD":
        value = parse_number(m.group("on"))
        return _make(text, m.start("ORD"), m.end("ORD"), value, "Rank", m.group("om") or "", "rank")
    if kind == "TOP":
        value = parse_number(m.group("tn"))
        tm = m.group("tm") or ""
        s, e = m.start("TOP"), m.end("TOP")
        listed = tm == "家" or _names_list(text, s, e, value, tm == "强")
        return _make(text, s, e, value, "Rank", tm, "rank", inner="AtMost", list_name=listed)
    if kind == "FIRST":
        return _make(text, m.start("FIRST"), m.end("FIRST"), Decimal(1), "Rank", "", "rank")
    if kind == "RCHG":
        value = parse_number(m.group("rcn"))
        return _make(text, m.start("rcn"), m.end("rcm"), value, "PositionChange", m.group("rcm"),
                     "rank_change", cue_start=m.start("RCHG"))
    if kind == "CONS":
        value = parse_number(m.group("csn"))
        csm = m.group("csm")
        unit, kind = _CONSECUTIVE.get(csm) or (UNITS[csm].unit, UNITS[csm].kind)
        return _make(text, m.start("csn"), m.end("csm"), value, unit, csm, kind,
                     cue_start=m.start("CONS"))
    if kind == "DBL":
        n = parse_number(m.group("dbn")) if m.group("dbn") else Decimal(1)
        return _make(text, m.start("DBL"), m.end("DBL"), Decimal(2) ** int(n), "Times", "番", "multiple")
    if kind == "PCT":
        value = parse_number(m.group("pcn"))
        return _make(text, m.start("PCT"), m.end("PCT"), value, "Percent", "百分之", "percent")
    return None


_COUNTERS = frozenset(line[0] for line in _data_lines("counters.txt"))


def _general(text: str, m: re.Match[str]) -> Quantity | None:
    s, e = m.start("QTY"), m.end("QTY")
    d, c, mult, meas, din, qin = m.group("d", "c", "mult", "meas", "din", "qin")
    mult = mult or ""
    upper: Decimal | None = None
    inner = "AtLeast" if (din or qin) else None
    if s > 0 and text[s - 1] == "第":
        return None  # 第5次, 第3批: an ordinal
    if meas is None:
        # a bare number counts only with a multiplier: 1689.5亿 (money), 123万 (people), and
        # GDP突破千亿, at a clause end (not “百强千亿”, a code, nor 千亿产业集群, a class)
        if c and len(c) > 1 and c.endswith("亿") and (e == len(text) or _CLAUSE_END.match(text, e)):
            return _make(text, s, e, Decimal(_parse_cn(c)), "CNY", "亿", "money", inner=inner)
        if not d or not mult or text[e:e + 1] == "级":
            return None
        if text[e:e + 1] in _COUNTERS:  # 1.6亿部: things counted by a classifier, not yuan
            return _make(text, s, e + 1, parse_number(d + mult), "OtherUnit", mult + text[e], "other",
                         inner=inner)
        if "亿" in mult:
            return _make(text, s, e, parse_number(d + mult), "CNY", mult, "money", inner=inner)
        if "万" in mult:
            return _make(text, s, e, parse_number(d + mult), "Count", mult, "count", inner=inner)
        return None
    info = UNITS[meas]
    nxt = text[e:e + 1]
    if nxt == "级" or (meas in _ASCII_MEASURE and nxt.isascii() and nxt.isalnum()):
        return None
    if c is not None:
        if info.no_one and c == "一":
            return None
        if c == "一" and _is_article(text, s, e):
            return None
        if c.strip("十百千万亿") == "" and c != "十":
            # a bare magnitude: 千亿元 and 百个 are amounts; 万人 (per 10 000 people), 万元 (万元GDP
            # 能耗: per 10 000 yuan), 亿元以上项目, 千年, 百亿企业 are not
            if ("万" in c or "亿" in c) and (info.kind != "money" or len(c) == 1) and not inner:
                return None  # (万余人, 万多家 are amounts: 余/多 say so)
            if meas == "年" or text[s - 1:s] == "每":
                return None  # 千年; 每千人, 每百户: the base of a rate
        value = Decimal(_parse_cn(c))
        if any(ch in _VAGUE for ch in c):
            if not any(ch in "十百千万亿" for ch in c):
                return None  # 几家: no number at all
            inner = "AtLeast"
        measure = c[len(c.rstrip("万亿")):] + meas
    else:
        if info.cn_only:
            return None
        if (info.int_only and "." in d) or (info.needs_mult and not mult):
            return None
        value = parse_number(d + mult)
        measure = mult + meas
        rng = _range_left(text, s)
        if rng:  # 3-5家, 8%-10%, 5000-8000万元: the lower bound, with the upper kept
            upper, value = value, parse_number(rng.group(1) + (rng.group(2) or mult))
            if value > upper:
                return None
            s, inner = rng.start(), "AtLeast"
    if meas == "位" and nxt == "数":
        return None  # 两位数增长
    if (info.kind == "duration" or c is not None) and text.startswith(_NAME_HEADS, e):
        return None  # 三年行动计划, 千人计划: part of a programme's name
    if meas == "年" and nxt in ("代", "级", "度"):
        return None
    if text[e:e + 1] == "多" and info.kind in ("multiple", "duration"):
        e, inner = e + 1, "AtLeast"  # 3倍多, 1年多
    unit = info.unit
    per = _PER_RE.match(text, e)
    if per:
        unit += "Per" + _PER_UNIT[per.group(1)]
        measure += per.group(0)
        e = per.end()
    if info.kind == "rank":  # N强
        listed = _names_list(text, s, e, value, True)
        return _make(text, s, e, value, unit, measure, "rank", inner="AtMost", list_name=listed)
    return _make(text, s, e, value, unit, measure, info.kind, inner=inner, upper=upper)


def _range_left(text: str, s: int) -> re.Match[str] | None:
    """_RANGE_LEFT searched in the 24 characters before `s`. A match ends in a dash and white
    space, so a window that does not is skipped (the search tries every position of it)."""
    window = max(0, s - 24)
    if text[window:s].rstrip()[-1:] not in _DASHES:
        return None
    return _RANGE_LEFT.search(text, window, s)


def _is_article(text: str, s: int, e: int) -> bool:
    """一 as the indefinite article or in a reduplication (一企一个方案, 一辆接一辆)."""
    before = text[s - 1] if s > 0 else "\n"
    if before in _ARTICLE_BEFORE or before in _PUNCT_OR_START or before in "接又":
        return True
    if s >= 2 and text[s - 2] == "一":
        return True
    return text[e:e + 1] in ("一", "接", "又")


def _names_list(text: str, s: int, e: int, value: Decimal, strong: bool) -> bool:
    """A rank that names a ranking list: 世界500强, 百强县, 前30强企业, 前30位的园区名单."""
    if strong and value >= 100:
        return True
    if text[max(0, s - 2):s] in _LIST_BEFORE:
        return True
    end = _CLAUSE_END.search(text, e, e + 12)
    follow = text[e:end.start() if end else e + 12]
    return follow.startswith(_LIST_AFTER) or any(w in follow for w in _LIST_CLAUSE)


def _make(text: str, s: int, e: int, value: Decimal, unit: str, measure: str, kind: str, *,
          inner: str | None = None, cue_start: int | None = None, list_name: bool = False,
          upper: Decimal | None = None) -> Quantity:
    cs = s if cue_start is None else cue_start
    ce = e
    comparator = None
    prefix_word = ""
    # the comparator words around the number, searched only where a character says they may be
    # there (a search of the window tries each of its positions)
    p = _PREFIX_RE.search(text, max(0, cs - 4), cs) if text[cs - 1:cs] in _PREFIX_LAST else None
    if p:
        word = p.group(0).rstrip("了")
        comp, blocked = _PREFIX[word]
        if not (p.start() > 0 and text[p.start() - 1] in blocked):
            comparator, prefix_word, cs = comp, word, p.start()
    suffix_word = ""
    sm = _SUFFIX_RE.match(text, e) if text[e:e + 1] in _SUFFIX_FIRST else None
    if sm:
        suffix_word = sm.group(0)
        comparator = comparator or _SUFFIX[suffix_word]
        ce = sm.end()
    comparator = comparator or inner
    threshold = False
    if kind not in _NOT_THRESHOLD_KINDS:
        nxt = text[ce:ce + 1]
        if suffix_word in ("以上", "以下") and (nxt == "的" or "\u4e00" <= nxt <= "\u9fff"):
            threshold = True  # 营收5亿元以上企业, 工业10亿以上企业
        elif prefix_word in ("超", "超过", "过") and (nxt == "的" or text[ce:ce + 2] in ("项目", "企业")):
            threshold = True  # 超百亿元的园区, 过50亿元项目
    return Quantity(s, e, text[s:e], _normal(value), unit, measure, kind, comparator, cs, ce,
                    list_name, threshold, None if upper is None else _normal(upper))
