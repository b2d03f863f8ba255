"""Words and part-of-speech tags of the normalised text (rjieba), with their offsets."""

from __future__ import annotations

import bisect
from typing import NamedTuple

import rjieba

from parkgraph.extract.lexicon import words

# The project's lexicons as a user dictionary, so that jieba keeps their words whole
# (新材料, not 做大新 | 材料); rjieba has no load_userdict, hence the loop (≈ 3 µs a word).
for _lexicon in ("industries.txt", "park_suffixes.tsv", "org_suffixes.tsv", "org_names.txt",
                 "segmentation_words.txt"):
    for _word in words(_lexicon):
        rjieba.add_word(_word, 200000, "n")


class Token(NamedTuple):
    start: int
    end: int
    word: str
    tag: str  # jieba's tag set: n noun, ns place, nr person, nt organisation, v verb, p preposition …


class Tokens:
    """The text cut into words once; lookups by offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.items: list[Token] = []
        pos = 0
        tagged = rjieba.tag(text)
        items = self.items
        for word, tag in tagged:  # every character, in order: the offsets add up …
            end = pos + len(word)
            items.append(Token(pos, end, word, tag))
            pos = end
        if pos != len(text):
            items.clear()  # … unless a character was dropped somewhere (never seen): find each word
            pos = 0
            for word, tag in tagged:
                at = text.find(word, pos)
                if at >= 0:
                    self.items.append(Token(at, at + len(word), word, tag))
                    pos = at + len(word)
        self._starts = [t.start for t in self.items]

    def index_at(self, offset: int) -> int:
        """Index of the token that covers `offset` (or the last one before it)."""
        return max(0, bisect.bisect_right(self._starts, offset) - 1)

    def before(self, offset: int) -> list[Token]:
        """The tokens that end at or before `offset`, nearest last."""
        i = bisect.bisect_left(self._starts, offset)
        return [t for t in self.items[max(0, i - 12):i] if t.end <= offset]

    def starts_at(self, offset: int) -> bool:
        i = bisect.bisect_left(self._starts, offset)
        return i < len(self._starts) and self._starts[i] == offset
