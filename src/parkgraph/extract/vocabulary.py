"""An observation's indicator words → the concept of the indicator vocabulary they name.

The vocabulary is ontology/indicators.ttl, read here from its generated lexicon
(lexicons/indicators.tsv). A Chinese noun phrase ends with its head, so the measure is the
label that *ends* the words, the longest one (规上工业总产值 before 工业总产值 before 产值);
what comes before it narrows whose measure it is (高新技术产业 主营业务收入) unless it makes a
measure of another kind: a share (占…比重), a ratio (亩均, 每万人), a flow of new ones
(新增, 新认定, 净增), a contribution (拉动). A label inside the words but not at their end
(工业总产值占全区规模以上工业总产值的比重) is not what they measure. Before matching, words and
labels are normalised alike: the modifiers that do not change the measure (（预计）, quote
marks, 的, a trailing 累计) go, and a change (同比增长, 增幅, 年均增长 …) reads as 增速, the
growth concepts' own word.
"""

from __future__ import annotations

import functools
import re

from parkgraph.extract.lexicon import _rows
from parkgraph.extract.model import Observation

LEXICON = "indicators.tsv"
MAX_LABEL = 24  # code points; no label is longer (tests/test_indicators.py)

_DROP = re.compile(r"[（(][^）)]*[）)]|[“”\"'‘’「」\s的]")
_TRAILING = ("累计", "总计", "合计")
_GROWTH = re.compile(r"(?:同比|比上年同期|比上年|较上年|比同期|较同期|按可比价格计算|按同口径计算|同口径)?"
                     r"(?:年均)?(?:增长率|增长|增速|增幅)$")
_GROWTH_ENDS = ("增长率", "增长", "增速", "增幅")  # what a _GROWTH match ends with
# before a label: words that make the measure a share, a ratio, a flow or a contribution
_OTHER_MEASURE = re.compile(r"占|比重|比例|每|亩均|人均|万人|单位|平均|新增|新认定|新引进|新注册|新签约"
                            r"|新开工|新布局|新建|新上|净增|拉动|高于|低于")


def normalise(words: str) -> str:
    """The form words and labels are compared in (see the module docstring)."""
    s = _DROP.sub("", words)
    # _DROP took all white space, so a `…$` match ends the string: a suffix test says whether
    # there is one (the _GROWTH search, which tries every position, only runs when there is)
    if s.endswith(_TRAILING):
        s = s[:-2]
    growth = _GROWTH.search(s) if s.endswith(_GROWTH_ENDS) else None
    return s[:growth.start()] + "增速" if growth else s


@functools.cache
def concepts() -> dict[str, tuple[str, str]]:
    """Every concept of the vocabulary: local name → (prefLabel zh, prefLabel en)."""
    return {row[0]: (row[1], row[2]) for row in _rows(LEXICON)}


@functools.cache
def _labels() -> dict[str, str]:
    """Normalised zh label → concept local name (prefLabels and altLabels)."""
    out: dict[str, str] = {}
    for row in _rows(LEXICON):
        for label in [row[1], *(a for a in (row[3] if len(row) > 3 else "").split("|") if a)]:
            out[normalise(label)] = row[0]
    return out


@functools.cache
def _lengths_by_last() -> dict[str, tuple[int, ...]]:
    """Last character → the lengths of the labels that end with it, longest first."""
    out: dict[str, set[int]] = {}
    for label in _labels():
        if 0 < len(label) <= MAX_LABEL:
            out.setdefault(label[-1], set()).add(len(label))
    return {c: tuple(sorted(n, reverse=True)) for c, n in out.items()}


def concept_for(words: str) -> str | None:
    """The local name of the concept `words` name (pgr:indicator-…), or None for none."""
    s = normalise(words)
    labels = _labels()
    # the longest label that ends `s`: only the lengths of labels with its last character
    for n in _lengths_by_last().get(s[-1:], ()):
        if n > len(s):
            continue
        local = labels.get(s[-n:])
        if local is not None:
            return None if _OTHER_MEASURE.search(s, 0, len(s) - n) else local
    return None


def concept_by_label(value: str) -> str | None:
    """The concept a reviewer names: its local name (with or without pgr:) or one of its labels
    exactly (after normalising); None when `value` names none (a new wording)."""
    local = value.strip().removeprefix("pgr:")
    if local in concepts():
        return local
    if not local.startswith("indicator-") and "indicator-" + local in concepts():
        return "indicator-" + local
    return _labels().get(normalise(value))


# pg:rule suffixes: whether the observation's indicator is a concept of the vocabulary
RULE_SCHEME, RULE_WORDING = "+indicator-scheme", "+indicator-wording"


def propose_concepts(observations: list[Observation]) -> None:
    """Give each observation the concept its indicator words name, and say so in its rule."""
    for o in observations:
        o.concept = concept_for(o.indicator)
    # two values of one concept for the same subject, period and status (地区生产总值增长 15%
    # of the zone, GDP增长 18% of a part of it the words name) would read as the source
    # disagreeing with itself: where the concept does not tell them apart, the words do
    groups: dict[tuple[str, str | None, str | None, str], list[Observation]] = {}
    for o in observations:
        if o.concept is not None:
            groups.setdefault((o.about, o.concept, o.period, o.status), []).append(o)
    for group in groups.values():
        if len(group) > 1 and len({o.value for o in group}) > 1:
            for o in group:
                o.concept = None
    for o in observations:
        o.rule += RULE_SCHEME if o.concept else RULE_WORDING
