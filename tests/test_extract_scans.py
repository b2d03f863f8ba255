"""The extractor's shortcuts find exactly what the plain scans they replace find.

Each shortcut (a pattern run only on the clauses that hold its key word, superlatives searched
from their words, str.find for a literal, bisection over ranges and sentences) is checked
against the full scan on the invented articles of bench/extract (part of the repository) and
on random strings made of the characters the patterns turn on, where the edge cases are far
denser than in real text.
"""

from __future__ import annotations

import bisect
import random
import re
from pathlib import Path

import pytest

from parkgraph.extract import codes, industries, mentions, numbers, observations, periods, titles
from parkgraph.extract.lexicon import Division, divisions
from parkgraph.extract.text import Ranges, Text, occurrences
from parkgraph.extract.tokens import Tokens

ROOT = Path(__file__).parents[1]
ARTICLES = sorted((ROOT / "bench" / "extract").glob("synthetic*/articles/*.txt"))


def _random_texts(pieces: list[str] | str, n: int = 3000, seed: int = 9) -> list[str]:
    """Strings of 0–30 pieces (words or characters) drawn at random."""
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def _texts(pieces: list[str] | str) -> list[Text]:
    assert ARTICLES, "bench/extract/synthetic*/articles is missing"
    return [Text(x) for x in [p.read_text(encoding="utf-8") for p in ARTICLES] + _random_texts(pieces)]


def _spans(matches: object) -> list[tuple[int, int, tuple[str | None, ...]]]:
    return [(m.start(), m.end(), m.groups()) for m in matches]  # type: ignore[attr-defined]


def _assert_same_matches(fast: re.Pattern[str], plain: re.Pattern[str], pieces: list[str]) -> None:
    """`fast` finds what `plain` finds, match for match and group for group, in the synthetic
    articles and random strings of `pieces`, which make more than a thousand matches."""
    found = 0
    for text in _texts(pieces):
        expected = _spans(plain.finditer(text.norm))
        assert _spans(fast.finditer(text.norm)) == expected, text.norm
        found += len(expected)
    assert found > 1000


_BREAKS = [",", "，", "。", ";", "；", "\n", "的", "2", " "]
LIST_CASES = [
    # pattern, its key word, pieces that make lists, key words and clause breaks
    (industries._LIST_THEN_HEAD, industries._LIST_HEAD_KEY,
     ["新材料", "汽摩", "电子信息", "光", "、", "和", "等", "三大", "两个", "5个", "主导", "产业", "行业",
      "“", "”",
      *_BREAKS]),
    (mentions._LIST_BEFORE, mentions._LIST_BEFORE_KEY,
     ["甲科技", "乙电子", "丙", "ABC", "、", "等", "71家", "3个", "北京", "企业", "公司", "项目", *_BREAKS]),
    (mentions._LIST_TITLE, mentions._TITLE_WORDS,
     ["甲科技", "乙电子", "丙", "、", "被认定为", "被评为", "获评", "入选", "荣获", "企业", *_BREAKS]),
]


@pytest.mark.parametrize(("pattern", "key", "alphabet"), LIST_CASES,
                         ids=["industry-lists", "company-lists", "titled-lists"])
def test_list_patterns_on_their_clauses_find_what_the_full_scan_finds(
        pattern: re.Pattern[str], key: re.Pattern[str], alphabet: str) -> None:
    found = 0
    for text in _texts(alphabet):
        norm = text.norm
        windowed = [m for a, b in text.clauses_with(key) for m in pattern.finditer(norm, a, b)]
        full = list(pattern.finditer(norm))
        assert _spans(windowed) == _spans(full), norm
        found += len(full)
    assert found > 100  # the random strings do make matches


def test_superlatives_from_their_words_are_the_full_scan() -> None:
    found = 0
    for text in _texts("全国省市内球世界最大首家个款单创第一唯快高江西安徽的,，。"):
        norm = text.norm
        full = list(titles._SUPERLATIVE.finditer(norm))
        assert _spans(titles._superlatives(norm)) == _spans(full), norm
        found += len(full)
    assert found > 100


def test_occurrences_are_what_finditer_finds() -> None:
    for norm in _random_texts("比亚迪比亚", 2000):
        for word in ("比亚迪", "亚", "比亚比亚", "迪迪"):
            assert list(occurrences(norm, word)) == [m.start() for m in re.finditer(re.escape(word), norm)]
    with pytest.raises(ValueError):
        list(occurrences("abc", ""))


def test_ranges_hold_an_offset_when_any_range_does() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        ranges = [(a, a + rng.randint(0, 6)) for a in (rng.randint(0, 30) for _ in range(rng.randint(0, 6)))]
        held = Ranges(ranges)
        for x in range(-1, 40):
            assert held.hold(x) == any(a <= x < b for a, b in ranges), (ranges, x)


def test_sentence_at_is_the_last_sentence_that_starts_at_or_before_an_offset() -> None:
    for path in ARTICLES:
        text = Text(path.read_text(encoding="utf-8"))
        for i in range(len(text.norm)):
            starting = [s for s in text.sentences if s.start <= i]
            assert text.sentence_at(i) == (starting[-1] if starting else text.sentences[0])


def test_range_left_is_the_window_search() -> None:
    # numbers with multipliers and %, every dash, white space and a line break before the number
    pieces = ["3", "5", ".", ",000", "亿", "万", "千", "%", "-", "—", "–", "~", "〜", "至", "到", " ", "\n",
              "\u3000", "元", "家", "达"]
    matched = 0
    for t in _random_texts(pieces, n=6000, seed=11):
        for s in range(len(t) + 1):
            full = numbers._RANGE_LEFT.search(t, max(0, s - 24), s)
            got = numbers._range_left(t, s)
            assert _spans([got] if got else []) == _spans([full] if full else []), (t, s)
            matched += full is not None
    assert matched > 1000  # the random strings do hold ranges


def test_indicator_trim_is_lead_and_trail_removed_by_sub() -> None:
    pieces = ["其中", "园区", "已", "有", "的", "了", "，", ",", " ", "\n", "达到", "达", "为", "超过", "约",
              "共", "营业收入", "产值", "增长", "亿元", "占"]
    changed = 0
    for t in _random_texts(pieces, n=6000, seed=12):
        expected = observations._TRAIL.sub("", observations._LEAD.sub("", t))
        assert observations._trim(t) == expected, t
        changed += expected != t
    assert changed > 1000


_PERIOD_PIECES = [*"0123456789年月日季度上下半前第首一二三四五六七八九十两〇零到至截止今本去明",
                  *"目当现近连未过最多来以期间末初底“”-—，。. ",
                  "十四五", "以来", "年底", "个月", "年度", "目前", "上一年", "现阶段", "过去", "首季度",
                  "三季度"]
_NUMBER_PIECES = [*"0123456789.,+X零〇一二两三四五六七八九十百千万亿几数第前首榜连翻上升",
                  *"提高下降了个位次名强家年月日号元%倍番分之多余级，。",
                  "百分之", "翻番", "连续", "前进", "榜首", "亿元", "平方公里", "进步", "后移", "回落",
                  "攀升", "上移", "下跌", "数十", "二〇二四年"]


@pytest.mark.parametrize(("scanner", "alphabet"), [(periods._SCANNER, _PERIOD_PIECES),
                                                   (numbers._SCANNER, _NUMBER_PIECES)],
                         ids=["periods", "numbers"])
def test_scanner_alternatives_first_characters_lose_no_match(scanner: re.Pattern[str],
                                                             alphabet: list[str]) -> None:
    # the scanner without the lookahead that opens each alternative (its first characters)
    plain = re.compile(re.sub(r"\(\?=(?:\[[^\]]*\]|[^()\[\]]{1,2})\)(?=\(\?P<[A-Z]+>)", "", scanner.pattern))
    assert plain.pattern.count("(?=") == scanner.pattern.count("(?=") - 9  # all nine removed
    _assert_same_matches(scanner, plain, alphabet)


@pytest.mark.parametrize(("scanner", "alternatives", "alphabet"),
                         [(periods._SCANNER, periods._ALTERNATIVES, _PERIOD_PIECES),
                          (numbers._SCANNER, numbers._ALTERNATIVES, _NUMBER_PIECES)],
                         ids=["periods", "numbers"])
def test_scanner_first_test_loses_no_match(scanner: re.Pattern[str], alternatives: str,
                                           alphabet: list[str]) -> None:
    # the test of what a match can start with (_FIRST: for a digit, what follows it) against the
    # alternatives tried at every position
    plain = re.compile(alternatives)
    _assert_same_matches(scanner, plain, alphabet)


def test_number_scanner_skip_test_loses_no_match() -> None:
    # SKIP (years, dates, codes) tried only where _SKIP_FIRST says one of its eight can start
    test = f"(?={numbers._SKIP_FIRST})"
    assert numbers._SCANNER.pattern.count(test) == 1
    plain = re.compile(numbers._SCANNER.pattern.replace(test, ""))
    skipped = 0
    for text in _texts(_NUMBER_PIECES):
        expected = _spans(plain.finditer(text.norm))
        assert _spans(numbers._SCANNER.finditer(text.norm)) == expected, text.norm
        skipped += sum(m.lastgroup == "SKIP" for m in plain.finditer(text.norm))
    assert skipped > 200


def test_number_scanner_optional_groups_as_empty_branches_are_the_repeats() -> None:
    pattern = numbers._SCANNER.pattern
    for group in ("(?P<din>[多余])", f"(?P<mult>(?>{numbers._MULT}))", "(?P<qin>[多余])",
                  f"(?P<meas>{numbers._MEASURES})"):
        assert pattern.count(f"(?:{group}|)") == 1, group
        pattern = pattern.replace(f"(?:{group}|)", f"{group}?")
    plain = re.compile(pattern)
    _assert_same_matches(numbers._SCANNER, plain, _NUMBER_PIECES)


def test_period_scanner_optional_groups_as_empty_branches_are_the_repeats() -> None:
    pattern = periods._SCANNER.pattern
    sub = f"(?:{periods._SUB + periods._YEAR_END})".replace("(?P<", "(?P<y_")
    for group in ("(?P<pby>到|至|截至)", "(?P<pq1>“)", "(?P<yby>截至|截止到|截止|到|至)", sub,
                  "(?P<sby>截至|截止到|截止|到)", "(?P<st>以来)"):
        empty = f"(?:{group}|)" if group is not sub else f"{group[:-1]}|)"
        assert pattern.count(empty) == 1, group
        pattern = pattern.replace(empty, f"{group}?")
    plain = re.compile(pattern)
    _assert_same_matches(periods._SCANNER, plain, _PERIOD_PIECES)


def test_number_scanner_word_alternatives_start_with_no_character_of_a_number() -> None:
    # the number alternatives come first; moving the word ones after them keeps every match only
    # because no character starts both (each alternative's own lookahead, checked above)
    heads = dict(re.findall(r"\(\?=(\[[^\]]*\]|[^()\[\]]{1,2})\)\(\?P<([A-Z]+)>", numbers._SCANNER.pattern))
    firsts = {name: re.compile(head) for head, name in heads.items()}
    assert list(firsts)[:3] == ["SKIP", "PCT", "QTY"] and len(firsts) == 9
    numeric = {"SKIP", "PCT", "QTY"}
    for c in map(chr, range(0x10000)):
        starts = {name for name, first in firsts.items() if first.match(c)}
        assert not (starts & numeric and starts - numeric), (c, starts)


def test_words_ending_in_a_business_word_are_found_from_their_last_characters() -> None:
    pieces = [*mentions._ENDINGS, "电", "子", "科", "技", "光", "能", "源", "新", "微", "甲", "乙", "长安",
              "公司", "科技园", "电子信息", "业", "产业", "药", "铜", "导", "体", "A", "1", "，", "。", "\n",
              " "]
    found = 0
    for tokens in (Tokens(text.norm) for text in _texts(pieces)):
        plain = [i for i, w in enumerate(tokens.words[:-1]) if w.endswith(mentions._ENDINGS)]
        assert mentions._ending_in(tokens) == plain, tokens.text
        found += len(plain)
    assert found > 1000


def test_layouts_written_with_their_first_pair_are_the_repeat() -> None:
    plain = re.compile(rf"(?:{codes._LAYOUT_PAIR}){{2,}}")
    pieces = ["一区", "两园", "三核", "十城", "一", "二", "区", "翼", "心带", "轴", "的", ",", "。", "“", "2"]
    _assert_same_matches(codes._LAYOUT, plain, pieces)


def test_stated_parts_tried_at_their_possible_starts_are_the_full_scan() -> None:
    plain = re.compile(codes._STATED_ITEM)
    pieces = ["“3”指", "“2”即", "“1”是", "“", "”", "三大", "两个", "5项", "三大产业", "条", "集群", "主导",
              "甲乙", "、", "、", "和", ",", "，", ";", "；", "(", ")", ":", "。", "即", "\n", "A"]
    _assert_same_matches(codes._STATED, plain, pieces)


def _plain_area_hits(norm: str, tokens: Tokens) -> list[tuple[int, int, tuple[Division, ...]]]:
    """mentions._area_hits as a loop over every word."""
    hits: list[tuple[int, int, tuple[Division, ...]]] = []
    starts, ends = tokens.starts, tokens.ends
    hit_end = 0
    for k, i in enumerate(starts):
        if i < hit_end:
            continue
        for j in range(min(k + 3, len(starts) - 1), k - 1, -1):
            if 2 <= ends[j] - i <= 8 and (ds := divisions().get(norm[i:ends[j]])):
                hits.append((i, ends[j] - i, ds))
                hit_end = ends[j]
                break
    return hits


def test_area_names_found_from_their_first_two_characters_are_the_loop_over_every_word() -> None:
    # (万州, 东莞: second characters that start no division name)
    names = ["重庆", "重庆市", "永川区", "江西省", "于都县", "西安", "大同市", "株洲市", "炎陵县", "杭州",
             "万州区", "东莞", "东莞市", "七里河区", "上栗县", "小异", "高新区", "中心", "工业", "全国"]
    pieces = [*names, *"".join(names), "市", "省", "区", "县", "的", "在", "和", ",", "，", "。", "\n", "2"]
    found = 0
    for text in _texts(pieces):
        tokens = Tokens(text.norm)
        expected = _plain_area_hits(text.norm, tokens)
        assert mentions._area_hits(text.norm, tokens) == expected, text.norm
        found += len(expected)
    assert found > 1000


def _plain_left_edge(tokens: Tokens, end: int, floor: int, *, allow_and: bool = False,
                     allow_verb: bool = True) -> int:
    """mentions.left_edge over the Token tuples of the up to twelve words before the name."""
    nameish, boundary, user_nouns = mentions._NAMEISH, mentions._BOUNDARY, mentions._USER_NOUNS
    start = end
    covering = tokens.items[tokens.index_at(end)] if tokens.items else None
    if covering is not None and covering.start < end < covering.end and covering.start >= floor:
        start = covering.start
    k = bisect.bisect_left(tokens.starts, start)
    toks = [t for t in tokens.items[max(0, k - 12):k] if t.end <= start and t.start >= floor]
    i = len(toks) - 1
    while i >= 0:
        t = toks[i]
        after_number = t.start > 0 and tokens.text[t.start - 1:t.start].isdigit()
        if t.end != start or t.word in boundary or after_number:
            break
        ok = (t.tag in nameish or (t.tag == "a" and len(t.word) == 1) or t.word in user_nouns
              or (t.tag == "m" and t.word.startswith("第")))
        if not ok and allow_verb and t.tag == "v" and start == end and i > 0 and toks[i - 1].tag in nameish:
            ok = True
        if not ok and allow_and and t.word in ("和", "与", "及") and i > 0 and toks[i - 1].tag in nameish:
            ok = True
        if not ok and t.word == "”":
            j = i - 1
            while j >= 0 and toks[j].word != "“" and t.end - toks[j].start <= 10:
                j -= 1
            ok = j >= 0 and toks[j].word == "“"
            if ok:
                start = toks[j].start
                i = j - 1
                continue
        if not ok:
            break
        start = t.start
        i -= 1
    while start < end and tokens.text[start:start + 1] == ")":
        start += 1
    return start


def test_left_edge_by_index_is_the_walk_over_the_words_before() -> None:
    pieces = ["天津", "开发区", "研发", "制造", "产业园", "和", "与", "电子", "“", "”", "“某某湾”", "(", ")",
              "上海", "有限公司", "第一", "大", "新", "材料", "2015年", "3月", "经", "省政府", "的", "，",
              "。", "\n", "高新区", "科技", "园区", "国家级", "西安", "A", "5"]
    # and long runs of nouns, longer than the twelve words before a name
    nouns = ["电子", "材料", "信息", "装备", "汽车", "西安", "光电", "园区", "科技", "“", "”", "和"]
    texts = _texts(pieces)[:600] + [Text(x) for x in _random_texts(nouns, 200, seed=5)]
    moved = 0
    for text in texts:
        tokens = Tokens(text.norm)
        for end in range(len(text.norm) + 1):
            # every floor in the short strings
            floors = range(end + 1) if len(text.norm) < 60 else {0, end // 3, max(0, end - 5)}
            for floor in floors:
                for and_, verb in ((False, True), (True, True), (True, False)):
                    expected = _plain_left_edge(tokens, end, floor, allow_and=and_, allow_verb=verb)
                    got = mentions.left_edge(tokens, end, floor, allow_and=and_, allow_verb=verb)
                    assert got == expected, (text.norm, end, floor, and_, verb)
                    moved += expected < end
    assert moved > 10000


def test_indices_are_the_positions_of_equal_items() -> None:
    rng = random.Random(4)
    for _ in range(2000):
        items = [rng.choice(["项目", "项", "目", "项目园"]) for _ in range(rng.randint(0, 12))]
        assert list(mentions._indices(items, "项目")) == [k for k, w in enumerate(items) if w == "项目"]
