"""Numbers as observations: what each stated number measures, of whom, when, actual or target.

For every quantity the numbers stage finds (`numbers.find_quantities`), in the clause that
holds it:
- about: the entity the clause speaks of — a class of zones counted right beside the number
  (在全国N家国家高新区中), a park named right after it (5平方公里的X产业园), else the
  last park, company, or industry that opens a clause before it in the sentence, else the
  sentence's subject, else the document's park;
- status: Target when the sentence speaks of the future before the number (力争, 将, 要, 计划,
  目标) or the period ends after the publication year;
- period: the time expression nearest before it in the sentence, else the one that opens the
  paragraph (the corpus convention);
- indicator: the clause's words before the number, without subject, period and verbs.
"""

from __future__ import annotations

import bisect
import re
from decimal import Decimal

from parkgraph.extract.mentions import Names
from parkgraph.extract.model import Comparator, Observation, Period, Status
from parkgraph.extract.numbers import Quantity, find_quantities
from parkgraph.extract.periods import PeriodMention, find_periods
from parkgraph.extract.registry import Registry
from parkgraph.extract.text import Ranges, Sentence, Text

_CLAUSE = re.compile(r"[,，;；:：。!?！？\n]")
# future words; 要 not inside 主要/重要, 计划 and 目标 only as verbs, not as the head of a name.
# Every alternative opens with its word (the lookbehinds follow it and look back over it), so
# a search skips to the words' first characters instead of trying every position
_FUTURE = re.compile(r"力争|将|要(?<![主重需只纲提概必紧]要)|争取|确保|目标[:：是为]"
                     r"|计划(?<![”行动]计划)(?![”的书])")
# words of a clause that reports what has happened
_ACTUAL = re.compile(r"今年以来|已|新增|实现了|完成了|达到了|同比")
# an estimate: a target only when it is about a later time than the document's (the conventions)
_ESTIMATE = re.compile(r"预计|预期")


def _status(norm: str, sentence_start: int, q: Quantity, period: PeriodMention | None,
            ref_year: int | None, clause_start: int) -> Status:
    future = _FUTURE.search(norm, sentence_start, q.start)
    if future and future.start() < clause_start and _ACTUAL.search(norm, clause_start, q.start):
        future = None  # 将实施…，其中X今年新增…: the clause reports what happened
    if future:
        return "Target"
    if period is not None and period.end_year is not None:
        if ref_year is not None and period.end_year > ref_year:
            return "Target"  # 到2027年, 明年, “十五五”: a time after the document's
        if ref_year is None and period.kind == "by_year":
            return "Target"  # 到2027年 in an undated text
    return "Actual"
_LEAD = re.compile(r"^(?:其中|同时|与此同时|此外|另外|全区|全市|园区|该区|该集中区|该高新区|区内|"
                   r"共|已|还|又|均|先后|目前|当前|截至目前|数据显示|据统计|实现|拥有|有|"
                   r"在|比|较|上|的|了|,|，|\s)+")
_TRAIL_WORDS = ("分别|达到|达|为|是|实现|突破|超过|超|逾|增至|增长到|提高到|升至|保持在|保持|"
                "位列|位居|排名|名列|列|居|稳居|占|约|近|接近|大约|有|已达|已|共|均|将|力争|了|的|,|，")
_TRAIL = re.compile(rf"(?:{_TRAIL_WORDS}|\s)+$")
# the characters a _TRAIL match can end with (besides white space; see _trim)
_TRAIL_LAST = frozenset(w[-1] for w in _TRAIL_WORDS.split("|"))
_PERIOD_KINDS_SKIP = {"date", "duration"}
# an indicator that only says how a measure named before it changed: 增长, 同比增长, 累计
_DERIVED = re.compile(r"^(?:同比|比上年同期|比上年|比同期|较上年|按可比价格计算|按同口径计算)?"
                      r"(?:增长|下降|提高|增加|减少|增速|累计|年均增长|拉动)?$|^(?:同比|增长|下降|累计|完成|占)")


def _year_before(periods: list[PeriodMention], offset: int) -> int | None:
    years = [p.end_year for p in periods if p.end < offset and p.end_year is not None
             and p.kind not in ("duration", "date")]
    return years[-1] if years else None


def _ref_year(published: str | None) -> int | None:
    m = re.match(r"(\d{4})", published or "")
    return int(m.group(1)) if m else None


def find_observations(text: Text, names: Names, reg: Registry, published: str | None,
                      subjects: list[tuple[int, int, str]],
                      excluded: list[tuple[int, int]]) -> tuple[list[Observation], list[Period]]:
    """`subjects`: (start, end, key) in norm of every entity an observation may be about;
    `excluded`: norm ranges whose numerals are not observations (code names and counts)."""
    norm = text.norm
    ref_year = _ref_year(published)
    quantities = [q for q in find_quantities(norm) if not q.list_name and not q.threshold]
    all_periods = find_periods(norm, ref_year)
    periods_found = [p for p in all_periods if p.kind not in ("date",)]
    periods: dict[str, Period] = {}
    out: list[Observation] = []
    headline = _headline(text)
    excluded_ranges = Ranges(excluded)
    subject_starts = [x[0] for x in subjects]  # subjects and periods are in text order
    period_starts = [p.start for p in periods_found]
    period_uses = [_period_use(norm, p) for p in periods_found]
    clause_breaks = [m.start() for m in _CLAUSE.finditer(norm)]
    seen: set[tuple[str, str, Decimal, str, str]] = set()
    carried: str | None = None  # the subject of a sentence, for the next one after a ；
    previous: tuple[int, str] | None = None  # the last indicator that names a measure
    last_sentence = -1
    for i, q in enumerate(quantities):
        if headline and q.end <= headline and _restated(q, quantities[i + 1:]):
            continue  # a headline repeats the body: each fact once
        if _not_an_observation(norm, q, quantities, excluded_ranges):
            continue
        sentence = text.sentence_at(q.start)
        if sentence.start != last_sentence:
            prev_end = norm[sentence.start - 2:sentence.start] if sentence.start >= 2 else ""
            if ";" not in prev_end and "；" not in prev_end:
                carried = None
            last_sentence = sentence.start
        # just after the last clause punctuation before the number, within its sentence
        k = bisect.bisect_left(clause_breaks, q.start)
        clause_start = max(sentence.start, clause_breaks[k - 1] + 1) if k else sentence.start
        abouts = _about(norm, q, names, subjects, subject_starts, sentence.start, clause_start, carried)
        if not abouts:
            continue
        if abouts[0] != names.main_park:
            carried = abouts[-1]
        period = _period(text, q, periods_found, period_starts, period_uses, sentence, clause_start)
        if period is not None and period.start_year is None and period.kind in ("half", "quarter", "months"):
            year = _year_before(periods_found, period.start) or ref_year  # 前三季度 of the year in view
            if year is not None:
                period = period._replace(start_year=year, end_year=year)
        status = _status(norm, sentence.start, q, period, ref_year, clause_start)
        comparator: Comparator = q.comparator if q.comparator in ("AtLeast", "AtMost", "Approximately") \
            else "Exactly"  # type: ignore[assignment]
        indicator = _indicator(norm, clause_start, q, subjects, subject_starts, periods_found, period_starts)
        if status == "Actual" and _ESTIMATE.search(norm, sentence.start, q.start):
            indicator += "（预计）"  # an estimate for a period that is over or nearly over
        derived = _DERIVED.match(indicator)
        if previous is not None and previous[0] >= sentence.start - 2 and derived:
            indicator = previous[1] + indicator  # 营业收入达到…，增长N% → 营业收入增长
        elif not derived:
            previous = (q.start, indicator)
        ev_start = max(clause_start, q.cue_end - 80)
        while ev_start < q.cue_start and norm[ev_start] in " ,，":
            ev_start += 1
        period_key = None
        if period is not None:
            period_key = f"period:{period.label}:{period.start_year}-{period.end_year}"
            if period_key not in periods:  # the first mention stands
                periods[period_key] = Period(period_key, period.label, period.start_year, period.end_year,
                                             period.start_month, period.end_month,
                                             text.span(period.start, period.end))
        value = Decimal(q.value)
        evidence = text.span(ev_start, max(q.cue_end, q.end))
        for about in abouts:
            fact = (about, indicator, value, q.unit, status)
            if fact in seen:
                continue  # the same fact stated twice in the body
            seen.add(fact)
            out.append(Observation(
                about=about, indicator=indicator, stated=q.stated, value=value, unit=q.unit,
                comparator=comparator, status=status, evidence=evidence, period=period_key,
                rule=f"obs-{q.kind}", confidence=0.7))
    _disambiguate(out, text)
    return out, list(periods.values())


def _disambiguate(observations: list[Observation], text: Text) -> None:
    """Two different values for the same about, indicator, period and status would read as
    a disagreement of the source with itself: where the indicator words are not enough to
    tell them apart, each keeps its evidence as its indicator."""
    groups: dict[tuple[str, str, str | None, str], list[Observation]] = {}
    for o in observations:
        groups.setdefault((o.about, o.indicator, o.period, o.status), []).append(o)
    for group in groups.values():
        if len(group) > 1 and len({o.value for o in group}) > 1:
            for o in group:
                o.indicator = text.original[o.evidence.start:o.evidence.end].replace("\n", "")


def _not_an_observation(norm: str, q: Quantity, quantities: list[Quantity], excluded: Ranges) -> bool:
    if excluded.hold(q.start):
        return True  # a numeral in a code name or a park name, or a code's declared count
    if not _NUMERAL_START.match(q.stated):
        return True  # 万元GDP能耗: a unit of measure, not a number
    if q.kind == "duration" and _next_in_clause(norm, q, quantities):
        return True  # 连续6年位列第一: the years are the period of the rank
    if norm[max(0, q.cue_start - 1):q.cue_start] == "每" and "中" in norm[q.end:q.end + 4]:
        return True  # 每10台中就有3台: the base of a share
    # both windows lie in this one (cue_start <= start): most numbers have no 首次 near them
    if "首次" in norm[max(0, q.cue_start - 4):max(q.cue_start + 2, q.start)] and (
            _FIRST_TIME.search(norm[max(0, q.cue_start - 4):q.cue_start + 2])
            or _FIRST_TIME.search(norm[max(0, q.start - 4):q.start])):
        later = [o for o in quantities if o.start > q.end and o.unit == q.unit]
        return bool(later) and later[0].start - q.end < 12  # 首次突破30%，达到31.6%: a threshold
    return False


_NUMERAL_START = re.compile(r"[\d一二两三四五六七八九十百千万几前第首翻]")
_FIRST_TIME = re.compile(r"首次(?:突破|超过)$")


def _headline(text: Text) -> int:
    """End of the leading headline lines (a title and a subtitle: no sentence-final stop)."""
    end = 0
    for a, b in text.paragraphs[:2]:
        if "。" in text.norm[a:b] or b - a >= 60:
            break
        end = b
    return end


def _restated(q: Quantity, later: list[Quantity]) -> bool:
    return any(o.unit == q.unit and abs(o.value - q.value) <= Decimal("0.05") * max(abs(q.value), Decimal(1))
               for o in later)


def _next_in_clause(norm: str, q: Quantity, quantities: list[Quantity]) -> bool:
    end = _CLAUSE.search(norm, q.end)
    stop = end.start() if end else len(norm)
    return any(o is not q and q.end <= o.start < stop for o in quantities)


def _about(norm: str, q: Quantity, names: Names, subjects: list[tuple[int, int, str]], starts: list[int],
           sentence_start: int, clause_start: int, carried: str | None) -> list[str]:
    """The entities the number is about (several for a list: A、B、C入围前30强); `starts`
    are the subjects' start offsets."""
    near = subjects[bisect.bisect_left(starts, sentence_start):bisect.bisect_right(starts, q.end + 2)]
    # N个高新区 / 省级开发区N家: a count of a class of zones is about the class
    if q.kind == "count":
        for s, e, k in near:
            if k.startswith("category:") and (0 <= s - q.end <= 1 or 0 <= q.start - e <= 2):
                return [k]
    # 5平方公里的X产业园: the park the number describes
    for s, _e, k in near:
        if s - q.end in (0, 1) and norm[q.end:s] in ("的", "") and k.startswith("park:"):
            return [k]
    # most numbers have no subject in their sentence (a loop, not a comprehension: no call then)
    before = []
    for x in near:
        if _may_be_subject(norm, q, x, sentence_start):
            before.append(x)
    in_clause = [x for x in before if x[0] >= clause_start] if before else before
    if in_clause:
        return _listed(norm, in_clause)
    if names.main_park and _OWN_ZONE.match(norm, clause_start):
        return [names.main_park]  # 全区…, 园区…: the document's zone, whoever spoke before
    # 全国前三的X龙头企业甲、乙、丙: the list the number describes, after it
    if norm[q.end:q.end + 1] == "的":
        end = _CLAUSE.search(norm, q.end)
        stop = end.start() if end else len(norm)
        after = [x for x in subjects if q.end < x[0] and x[1] <= stop and x[2].startswith("org:")]
        if after:
            return [k for _, _, k in after]
    if not before:
        return [carried] if carried else [names.main_park] if names.main_park else []
    # 打造X产业集群，力争产值达到N亿元: a bare measure is of the cluster or industry just named
    if _BARE_MEASURE.match(norm, clause_start, q.start):
        clusters = [x for x in before if x[1] <= clause_start
                    and x[2].startswith(("IndustrialCluster:", "Industry:"))]
        if clusters:
            return [clusters[-1][2]]
    openers = [x for x in before if x[0] == sentence_start or norm[x[0] - 1] in ",，;；:：\n"
               or _opens_after_period(norm, x[0])]
    if openers:
        return [openers[0][2]]
    return [before[0][2]]


def _may_be_subject(norm: str, q: Quantity, x: tuple[int, int, str], sentence_start: int) -> bool:
    """Whether a subject `x` of the number's sentence, before the number, may be what it is about."""
    s, e, k = x
    if not (sentence_start <= s and e <= q.start):
        return False
    if _COUNTED_LIST.match(norm, e) or (q.kind == "count" and _LISTED_THEN_COUNT.match(norm, e, q.start)):
        return False  # 金刚化工、中煤科工等71家北京企业, 甲、乙两大产业: the counted, not the subject
    if k.startswith(("Industry:", "IndustrialCluster:")) and norm[e:e + 1] in ("、", "和"):
        return False  # 汽摩、新材料等产业协同发力: industries listed, not a subject
    if k.startswith("category:"):  # a class of zones is a subject only where a clause opens
        return s == 0 or norm[s - 1] in ",，;；:：。\n" or _opens_after_period(norm, s)
    return True


_BARE_MEASURE = re.compile(r"(?:力争|将|要)?(?:产值|总产值|营收|规模)(?!以上)")
_OWN_ZONE = re.compile(r"(?:全区|园区|该区|本区|区内)(?!内外)")
_LISTED_THEN_COUNT = re.compile(r"(?:、[^、,，。;；]{1,12})+$")
_COUNTED_LIST = re.compile(r"(?:、[^、,，。;；]{1,12})*等")


def _opens_after_period(norm: str, s: int) -> bool:
    """今年上半年，X… / 2018年X…: the name follows only a time expression at the clause start."""
    clause = max(norm.rfind(c, 0, s) for c in ",，;；:：。\n") + 1
    return _TIME_LEAD.fullmatch(norm[clause:s]) is not None


_TIME_LEAD = re.compile(r"(?:\d{4}年|今年|去年|上半年|下半年|前三季度|其中|同时|特别是|此外)*")


def _listed(norm: str, cands: list[tuple[int, int, str]]) -> list[str]:
    """The last candidate, and those listed right before it (A、B和C)."""
    keep = [cands[-1]]
    for x in reversed(cands[:-1]):
        if norm[x[1]:keep[-1][0]] in ("、", "和", "与", "及"):
            keep.append(x)
        else:
            break
    return [k for _, _, k in reversed(keep)]


def _period_use(norm: str, p: PeriodMention) -> str:
    """Where a time expression may be the period of a number: "" nowhere (a date, a date of
    an event: 设立于1994年, 1992年经国务院批准; the baseline of a change: 比上年; a vague
    word), "clause" only in its own clause (连续N年, a single month), else "any"."""
    baseline = _BASELINE.search(norm, max(0, p.start - 1), p.start)
    if p.label.startswith("于") or p.kind == "date" or baseline or _EVENT.match(norm, p.end):
        return ""
    if p.kind == "duration" or (p.kind == "months" and p.start_month == p.end_month):
        return "clause"
    return "" if p.kind in _VAGUE_KINDS else "any"


def _period(text: Text, q: Quantity, periods: list[PeriodMention], starts: list[int], uses: list[str],
            sentence: Sentence, clause_start: int) -> PeriodMention | None:
    """The time the number refers to (the corpus conventions): the expression nearest before it
    in its sentence (else one after it there), else the last one before it in its paragraph
    (measured on the development and synthetic articles: better than the paragraph's opening
    one alone, and better than carrying one across paragraphs); each as `_period_use` allows.
    `periods` are in text order, `starts` their start offsets and `uses` their _period_use:
    each search walks out from the number."""
    last = bisect.bisect_right(starts, q.start) - 1
    before = _last_before(q, periods, uses, last, sentence.start, True, clause_start)
    if before is not None:
        return before
    for k in range(bisect.bisect_left(starts, q.end), len(periods)):
        p = periods[k]
        if p.start >= sentence.end:
            break
        if p.kind != "duration" and _usable(p, uses[k], q, clause_start):
            return p
    return _last_before(q, periods, uses, last, text.paragraphs[sentence.paragraph][0], False, clause_start)


def _last_before(q: Quantity, periods: list[PeriodMention], uses: list[str], last: int, floor: int,
                 durations: bool, clause_start: int) -> PeriodMention | None:
    """The last usable period that ends before the number and starts at `floor` or after,
    walking back from periods[last]."""
    for k in range(last, -1, -1):
        p = periods[k]
        if p.start < floor:
            return None
        if p.end <= q.start and (durations or p.kind != "duration") and _usable(p, uses[k], q, clause_start):
            return p
    return None


def _usable(p: PeriodMention, use: str, q: Quantity, clause_start: int) -> bool:
    if use == "clause":
        return p.start >= clause_start and p.end <= q.start
    return use == "any"


# a date followed by what happened on it: 2001年经国务院批准, 2015年落户, 2012年设立
_EVENT = re.compile(r"(?:\d{1,2}月)?(?:\d{1,2}日)?(?:,|，)?"
                    r"(?:经|由|被|获批|批准|设立|成立|创建|建成|落户|开工|投产|挂牌|升级)")
_VAGUE_KINDS = {"relative_vague"}
_BASELINE = re.compile(r"[比较同]")


def _indicator(norm: str, clause_start: int, q: Quantity, subjects: list[tuple[int, int, str]],
               subject_starts: list[int], periods: list[PeriodMention], period_starts: list[int]) -> str:
    start = clause_start
    # a subject that opens the clause (within two characters of its start) is not measured
    for k in range(bisect.bisect_left(subject_starts, clause_start), len(subjects)):
        s, e, _k = subjects[k]
        if s > clause_start + 2 or s >= q.start:
            break
        if e <= q.start:
            start = max(start, e)
    # nor is a period right after it (and one right after that)
    for k in range(bisect.bisect_left(period_starts, start), len(periods)):
        p = periods[k]
        if p.start > start + 1:
            break
        if p.end <= q.start:
            start = p.end
    words = norm[start:q.cue_start]
    words = _trim(words).strip(" ,，“”")
    if len(words) < 2:  # 30个新建项目已完成…: a number that opens its clause counts what follows
        after = _AFTER.match(norm, max(q.end, q.cue_end))
        if after and len(after.group(1)) >= 2:
            return after.group(1)
    if not words and q.kind in ("rank", "rank_change"):
        return "排名" if q.kind == "rank" else "排名变化"  # 位列第七名: the clause names no measure
    return words or q.measure


def _trim(words: str) -> str:
    """`words` without _LEAD and _TRAIL: _LEAD is anchored (one match at most, at the start),
    and _TRAIL, which a search tries at every position, only runs when the last character can
    end a match."""
    lead = _LEAD.match(words)
    if lead is not None:
        words = words[lead.end():]
    if words and (words[-1] in _TRAIL_LAST or words[-1].isspace()):
        words = _TRAIL.sub("", words)
    return words


# the noun after a clause-opening number: up to a verb, a particle or the clause's end
_AFTER = re.compile(r"(?:的)?([\u4e00-\u9fff“”A-Za-z]{2,14}?)"
                    r"(?=累计|完成|中|已|实现|进入|落户|在|被|获|,|，|;|；|。|$)")
