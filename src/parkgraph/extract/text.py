"""Normalised text with a map back to the original, and its paragraphs and sentences.

Rules match on `Text.norm`: the body with each character NFKC-normalised (full-width digits,
letters and punctuation become ASCII: ４０ → 40, （ → (, ， → ,) and hard line breaks inside
a sentence removed. `Text.span(a, b)` maps a range of `norm` back to a `Span` of the text as
read, so evidence stays verbatim however the text was normalised.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterator
from itertools import accumulate, repeat
from typing import NamedTuple

from parkgraph.extract.model import Span

# A line that ends in one of these closes its sentence or stands alone (a headline, a list item).
_CLOSING = set("。！？!?；;：:」』”’\"')）】》…")
# A line at least this long that does not end in closing punctuation was wrapped mid-sentence
# (the seed has four such breaks: 创新动 | 能); shorter lines are headings.
_WRAPPED_LINE = 30
SENTENCE_END = re.compile(r"[。！？!?；;]+[”’\"」』]?|\n")
# the same without the line break, which no paragraph holds, and with its first character
# spelt out: re searches for a pattern that opens with a class of characters by that class,
# and tries one that opens with a repeat or an alternation of classes at every offset
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;][。！？!?；;]*[”’\"」』]?")
_CLAUSE_BREAK = re.compile(r"[,，。;；]")


_NORMAL: dict[str, str] = {}  # character → its NFKC form (a space for wide spaces), memoised
# full-width ASCII and the ideographic space: the NFKC changes of nearly every Chinese text
_WIDE = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_WIDE_CHAR = re.compile("[\uff01-\uff5e\u3000]")


def _widen(s: str) -> str:
    """s.translate(_WIDE), by one replace for each wide character in s (a text has three or
    four kinds): translate looks every character up in the table (a KeyError for each CJK
    character), half the cost of Text. Same result: every character maps to one character
    that is not itself a key (ASCII or a space), so the replaces cannot interact."""
    m = _WIDE_CHAR.search(s)
    while m:
        ch = m.group()
        s = s.replace(ch, _WIDE[ch])
        m = _WIDE_CHAR.search(s, m.start())
    return s


def _normal(ch: str) -> str:
    n = unicodedata.normalize("NFKC", ch) if ord(ch) > 127 else ch
    if ord(ch) > 127 and (n.isspace() or n == "\u3000"):
        n = " "
    _NORMAL[ch] = n
    return n


class Sentence(NamedTuple):
    start: int  # in norm
    end: int
    paragraph: int  # index into Text.paragraphs


class Text:
    """The body of a document, normalised for matching, with an offset map to the original."""

    def __init__(self, original: str, body_start: int = 0) -> None:
        self.original = original
        chars: list[str] = []
        where: list[int] = []
        body = original[body_start:]
        wide = _widen(body)  # one character for one: a line's slice of it is the line translated
        lines = body.split("\n")
        starts = [body_start]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        # Where blank lines separate the paragraphs, a single line break inside one is a wrap
        # (text copied from a PDF page); elsewhere (HTML text) each line is a paragraph.
        blocks = any(not x.strip() for x in lines[1:-1])
        # the last line with text: a line before it has text after it
        last_text = next((k for k in range(len(lines) - 1, -1, -1) if lines[k].strip()), -1)
        joining = False  # inside a sentence wrapped over lines: blank lines are dropped too
        for i, line in enumerate(lines):
            stripped = line.rstrip("\r ")
            if joining and not stripped.strip():
                continue
            pos = starts[i]
            fast = wide[pos - body_start:pos - body_start + len(stripped)]
            slow = ""
            if fast.isascii() or unicodedata.is_normalized("NFKC", fast):
                chars.append(fast)  # one character for one: the offsets run on
                where.extend(range(pos, pos + len(fast)))
            else:
                slow = stripped
            for j, ch in enumerate(slow):
                n = _NORMAL.get(ch) or _normal(ch)
                if len(n) == 1:
                    chars.append(n)
                    where.append(pos + j)
                else:
                    for c in n:
                        chars.append(c)
                        where.append(pos + j)
            if i + 1 == len(lines):
                break
            joining = i < last_text and (
                (len(stripped.strip()) >= _WRAPPED_LINE and stripped[-1:] not in _CLOSING)
                or (blocks and stripped.strip() != "" and lines[i + 1].strip() != ""))
            if not joining:
                chars.append("\n")
                where.append(pos + len(line))
        self.norm = "".join(chars)
        assert len(self.norm) == len(where)
        self._where = where
        self._breaks: list[int] | None = None  # offsets of clause punctuation, when first needed
        self.paragraphs = _paragraphs(self.norm)
        self.sentences = _sentences(self.norm, self.paragraphs)
        self._sentence_starts = [x.start for x in self.sentences]

    def span(self, start: int, end: int) -> Span:
        """The Span of the original text that norm[start:end] came from."""
        if end <= start:
            raise ValueError(f"empty range {start}:{end}")
        return Span(self._where[start], self._where[end - 1] + 1)

    def clauses_with(self, needle: re.Pattern[str]) -> list[tuple[int, int]]:
        """The stretches of norm between clause punctuation (,，。;；) that hold a match of
        `needle`, in order. A pattern that cannot match across that punctuation, and has no
        anchors or lookarounds that would see past it, finds exactly the same matches when it
        is run on these windows only (finditer(norm, a, b)); list patterns that backtrack
        over every run of Chinese characters cost a tenth of a full scan this way."""
        breaks = self._breaks
        if breaks is None:
            breaks = self._breaks = [m.start() for m in _CLAUSE_BREAK.finditer(self.norm)]
        out: list[tuple[int, int]] = []
        n = len(self.norm)
        for m in needle.finditer(self.norm):
            k = bisect.bisect_right(breaks, m.start())
            a = breaks[k - 1] + 1 if k else 0
            if out and out[-1][0] == a:
                continue
            out.append((a, breaks[k] if k < len(breaks) else n))
        return out

    def sentence_at(self, i: int) -> Sentence:
        """The sentence that holds offset i (the first one for an offset before them all)."""
        return self.sentences[max(0, bisect.bisect_right(self._sentence_starts, i) - 1)]


def occurrences(text: str, word: str) -> Iterator[int]:
    """Where `word` starts in `text`, left to right, without overlaps: what
    re.finditer(re.escape(word), text) finds, without compiling a pattern for every name of
    every document (≈ 50 µs each, and the names of a batch overflow re's cache)."""
    if not word:
        raise ValueError("an empty word occurs everywhere")
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + len(word))


class Ranges:
    """Half-open ranges [a, b) that may overlap: does any of them hold an offset, in O(log n)
    (the loops that asked every range for every number were a tenth of the extraction)."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [a for a, _ in ordered]
        self._reach = list(accumulate((b for _, b in ordered), max))  # furthest end so far

    def hold(self, x: int) -> bool:
        k = bisect.bisect_right(self._starts, x)
        return k > 0 and self._reach[k - 1] > x

    def meet(self, start: int, end: int) -> bool:
        """Does any range overlap [start, end) (a < end and start < b)?"""
        k = bisect.bisect_left(self._starts, end)  # the ranges that start before `end`
        return k > 0 and self._reach[k - 1] > start


def _paragraphs(norm: str) -> list[tuple[int, int]]:
    """The lines of norm that hold more than white space."""
    out = []
    start = 0
    for line in norm.split("\n"):
        if line.strip():
            out.append((start, start + len(line)))
        start += len(line) + 1
    return out or [(0, len(norm))]


def _sentences(norm: str, paragraphs: list[tuple[int, int]]) -> list[Sentence]:
    """The stretches of each paragraph up to and with their closing punctuation (SENTENCE_END),
    and the rest if not blank. A paragraph holds no line break (and where norm holds nothing
    but white space, nor punctuation), so each stretch holds its punctuation: never blank."""
    out = []
    for p, (a, b) in enumerate(paragraphs):
        start = a
        for m in _SENTENCE_PUNCT.finditer(norm, a, b):
            end = m.end()
            out.append((start, end, p))
            start = end
        if start < b and norm[start:b].strip():
            out.append((start, b, p))
    # made in C (tuple.__new__ over the tuples): Sentence(…) is a Python call each
    return list(map(tuple.__new__, repeat(Sentence), out)) or [Sentence(0, len(norm), 0)]
