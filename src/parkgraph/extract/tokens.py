"""Words and part-of-speech tags of the normalised text (rjieba), with their offsets."""

from __future__ import annotations

import bisect
from functools import cached_property
from itertools import accumulate, repeat
from operator import itemgetter
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
    """The text cut into words once; lookups by offset. `starts`, `ends`, `words` and `tags`
    are the words in parallel lists, which the extractors read by index; `items`, the same
    as Token tuples, is made only when asked for (making them cost a third of the stage)."""

    def __init__(self, text: str) -> None:
        self.text = text
        tagged = rjieba.tag(text)
        words, tags = list(map(itemgetter(0), tagged)), list(map(itemgetter(1), tagged))
        ends = list(accumulate(map(len, words)))
        if ends and ends[-1] != len(text):
            # a character was dropped somewhere (never seen): find each word
            words, tags, ends = [], [], []
            pos = 0
            for word, tag in tagged:
                at = text.find(word, pos)
                if at >= 0:
                    words.append(word)
                    tags.append(tag)
                    ends.append(at + len(word))
                    pos = at + len(word)
            starts = [e - len(w) for e, w in zip(ends, words, strict=True)]
        else:  # every character, in order: the offsets add up
            starts = [0, *ends[:-1]] if ends else []
        self.starts, self.ends, self.words, self.tags = starts, ends, words, tags
        self._starts = starts

    @cached_property
    def items(self) -> list[Token]:
        # built in C (tuple.__new__ over zip): a Python call per token cost three times as much
        fields = zip(self.starts, self.ends, self.words, self.tags, strict=True)
        return list(map(tuple.__new__, repeat(Token), fields))

    def index_at(self, offset: int) -> int:
        """Index of the token that covers `offset` (or the last one before it)."""
        i = bisect.bisect_right(self._starts, offset) - 1
        return i if i > 0 else 0

    def ending_at(self, offset: int) -> int | None:
        """Index of the token that ends at `offset`, or None."""
        k = bisect.bisect_left(self._starts, offset)
        # tokens do not overlap: none before token k - 1 can end at `offset` if it does not
        return k - 1 if k and self.ends[k - 1] == offset else None

    def starts_at(self, offset: int) -> bool:
        i = bisect.bisect_left(self._starts, offset)
        return i < len(self._starts) and self._starts[i] == offset
