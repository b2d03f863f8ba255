"""Text, Tokens and the industry helpers give what their plain versions gave.

The plain versions (before they were made faster) are kept here as the reference; each is
compared with the module on the invented articles of bench/extract and on random strings
made of the characters the shortcuts turn on: wide and narrow punctuation, characters that
NFKC changes, spaces, line breaks and blank lines, long and short lines.
"""

from __future__ import annotations

import bisect
import random
import re
import unicodedata
from pathlib import Path

import pytest
import rjieba

from parkgraph.extract import industries, mentions
from parkgraph.extract.text import _CLOSING, _WRAPPED_LINE, SENTENCE_END, Ranges, Text, _widen
from parkgraph.extract.tokens import Tokens

ROOT = Path(__file__).parents[1]
ARTICLES = sorted((ROOT / "bench" / "extract").glob("synthetic*/articles/*.txt"))

_PIECES = (["，", ",", "。", "；", ";", "：", "！", "?", "？", "”", "“", "（", "）", "(", ")", "、",
            "\n", "\n", "\n\n", "\r\n", " ", "\u3000", "\t", "０", "１", "９", "５%", "％", "Ａ", "ｚ",
            "①", "㎡", "Ⅰ", "ﬁ", "…", "½", "\u00a0", "e\u0301", "\u0301", "年", "产业", "集群", "园区",
            "新能源汽车", "电子信息", "等", "和", "三大", "主导产业为"]
           + ["这是一个长度足够被当作折行的句子的开头部分"] * 3)


def _random_texts(n: int = 3000, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def _corpus() -> list[str]:
    assert ARTICLES, "bench/extract/synthetic*/articles is missing"
    return [p.read_text(encoding="utf-8") for p in ARTICLES] + _random_texts()


# the plain versions

_PLAIN_WIDE = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {0x3000: " "}


def _plain_normal(ch: str) -> str:
    n = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
    if ord(ch) > 127 and (n.isspace() or n == "\u3000"):
        n = " "
    return n


def _plain_text(original: str, body_start: int) -> tuple[str, list[int], list[tuple[int, int]],
                                                          list[tuple[int, int, int]]]:
    chars: list[str] = []
    where: list[int] = []
    lines = original[body_start:].split("\n")
    starts = [body_start]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    blocks = any(not x.strip() for x in lines[1:-1])
    joining = False
    for i, line in enumerate(lines):
        stripped = line.rstrip("\r ")
        if joining and not stripped.strip():
            continue
        pos = starts[i]
        fast = stripped.translate(_PLAIN_WIDE)
        slow = ""
        if len(fast) == len(stripped) and (fast.isascii() or unicodedata.is_normalized("NFKC", fast)):
            chars.append(fast)
            where.extend(range(pos, pos + len(fast)))
        else:
            slow = stripped
        for j, ch in enumerate(slow):
            for c in _plain_normal(ch):
                chars.append(c)
                where.append(pos + j)
        if i + 1 == len(lines):
            break
        rest = next((x.strip() for x in lines[i + 1:] if x.strip()), "")
        joining = rest != "" and (
            (len(stripped.strip()) >= _WRAPPED_LINE and stripped[-1:] not in _CLOSING)
            or (blocks and stripped.strip() != "" and lines[i + 1].strip() != ""))
        if not joining:
            chars.append("\n")
            where.append(pos + len(line))
    norm = "".join(chars)
    paragraphs = []
    start = 0
    for m in re.finditer(r"\n", norm):
        if m.start() > start and norm[start:m.start()].strip():
            paragraphs.append((start, m.start()))
        start = m.end()
    if norm[start:].strip():
        paragraphs.append((start, len(norm)))
    paragraphs = paragraphs or [(0, len(norm))]
    sentences = []
    for p, (a, b) in enumerate(paragraphs):
        start = a
        for m in SENTENCE_END.finditer(norm, a, b):
            if m.end() > start and norm[start:m.end()].strip():
                sentences.append((start, m.end(), p))
            start = m.end()
        if start < b and norm[start:b].strip():
            sentences.append((start, b, p))
    return norm, where, paragraphs, sentences or [(0, len(norm), 0)]


def test_widen_is_translate() -> None:
    for s in [*_corpus(), "".join(map(chr, range(0xFF00, 0xFF60))) * 2 + "\u3000ａ\u3000"]:
        assert _widen(s) == s.translate(_PLAIN_WIDE)


def test_text_is_the_plain_normalisation() -> None:
    rng = random.Random(3)
    for original in _corpus():
        body_start = rng.choice([0, 0, min(len(original), rng.randint(0, 12))])
        norm, where, paragraphs, sentences = _plain_text(original, body_start)
        text = Text(original, body_start)
        assert text.norm == norm
        assert text.paragraphs == paragraphs
        assert [tuple(s) for s in text.sentences] == sentences
        for a in range(len(norm)):
            b = min(len(norm), a + rng.randint(1, 5))
            span = text.span(a, b)
            assert (span.start, span.end) == (where[a], where[b - 1] + 1)
        for i in range(-2, len(norm) + 2):
            k = bisect.bisect_right([s[0] for s in sentences], i)
            assert tuple(text.sentence_at(i)) == sentences[max(0, k - 1)]


def test_ranges_meet_is_any_overlap() -> None:
    rng = random.Random(4)
    for _ in range(3000):
        ranges = [(a, a + rng.randint(0, 6)) for a in (rng.randint(0, 30) for _ in range(rng.randint(0, 8)))]
        meets = Ranges(ranges)
        for start in range(-1, 38):
            for end in range(start, start + 8):
                assert meets.meet(start, end) == any(start < b and a < end for a, b in ranges)


# industries: the shortcuts in _generic and _clean

_NAME_PIECES = [*"".join(industries._MODIFIERS), *industries._MODIFIERS,
                "为", "为主", "为主的", "以", "大", "个", "三", "2", "“", "”", "千亿级", "规上", "全区",
                "\n", "车", "药", "产业", "集群", "服务业", "省", "重庆市"]


def _plain_generic(name: str) -> bool:
    rest = industries._HEAD.sub("", name)
    for w in industries._MODIFIERS:
        rest = rest.replace(w, "")
    return len(rest) < 2


def _plain_clean(name: str) -> str:
    name = name.rsplit("”", 1)[-1] if name.count("”") > name.count("“") else name
    head, division = mentions._division_prefix(name)
    if division is not None and len(name) > len(head):
        name = name[len(head):]
    name = industries._COUNTED.sub("", name)
    name = re.sub(r"^以|为主的?$|为$", "", name)
    name = industries._QUALIFIER.sub("", name.strip("“”"))
    return name.strip("“”")


def test_generic_and_clean_are_the_plain_ones() -> None:
    rng = random.Random(6)
    names = ["".join(rng.choice(_NAME_PIECES) for _ in range(rng.randint(0, 6))) for _ in range(20000)]
    assert sum(map(_plain_generic, names)) > 1000  # both answers are common
    for name in names:
        assert industries._generic(name) == _plain_generic(name), name
        assert industries._clean(name) == _plain_clean(name), name


# tokens: ending_at() by bisection

def _tokens_of(texts: list[str]) -> list[Tokens]:
    return [Tokens(t) for t in texts]


def _check_before(tokens: Tokens) -> None:
    for offset in range(-1, len(tokens.text) + 2):
        i = bisect.bisect_left(tokens.starts, offset)
        # the plain definition: the last of the words that end by `offset` (of the 12 before
        # it), if it ends there
        before = [t for t in tokens.items[max(0, i - 12):i] if t.end <= offset]
        k = tokens.ending_at(offset)
        assert (tokens.items[k] if k is not None else None) == (
            before[-1] if before and before[-1].end == offset else None)


def test_ending_at_is_the_plain_search() -> None:
    for tokens in _tokens_of([Text(x).norm for x in _corpus()[:600]]):
        _check_before(tokens)


def test_ending_at_when_the_tagger_drops_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback that finds each word (a character dropped): ends still never decrease."""
    tag = rjieba.tag
    monkeypatch.setattr(rjieba, "tag", lambda s: [wt for k, wt in enumerate(tag(s)) if k % 3 != 1])
    gaps = 0
    for tokens in _tokens_of([Text(x).norm for x in _corpus()[:600]]):
        gaps += any(a != b for a, b in zip(tokens.starts[1:], tokens.ends, strict=False))
        _check_before(tokens)
    assert gaps > 100  # the fallback ran
