"""Identifiers for extracted resources: ASCII kebab-case local names under pgr: (DESIGN.md).

    永川高新区 (a park)  → park-yongchuan-gaoxinqu
    “十四五”期间         → period-shisiwu-qijian
    the 3rd observation → obs-<source slug>-3

Entity-like resources (parks, areas, clusters, indicators, periods …) are named from the
pinyin of their label, so the same name in two documents gets the same identifier and the
curation step can link them; resources that only make sense inside one document
(observations, annotations, statements) are numbered and scoped by the source's slug, so two
documents never collide.

Pinyin: pypinyin, style NORMAL, ü written "v" (pypinyin's own choice: 绿 lv ≠ 路 lu, so the
name stays distinguishable), readings chosen with pypinyin's default phrase dictionary plus
`PLACE_READINGS` below (place names pypinyin reads wrong: 长治 would be zhang-zhi). Word
boundaries come from the same phrase dictionary (forward maximum matching, as pypinyin's own
segmenter) plus `SUFFIX_WORDS` (the generic parts of park and area names); characters the
dictionary leaves single are grouped: a lone one ends the word before it (国家级 →
guojiaji), up to three form a word (永川, 哈尔滨), longer runs make two-character words.
Every label's words are cached, so a batch pays for each name once (≈ 25 µs a label).

Start-up: importing pypinyin costs ≈ 0.2 s on a quiet machine (0.4–0.6 s with both cores busy):
its phrase dictionary ≈ 0.13 s, the prefix set of its segmenter ≈ 0.1 s, the character
dictionary ≈ 0.06 s; this module adds ≈ 7 ms, as it reuses pypinyin's prefix set.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from functools import lru_cache

from pypinyin.constants import PHRASES_DICT, PINYIN_DICT
from pypinyin.seg import mmseg

# Readings pypinyin 0.55 gets wrong for place names (NLP-PACKAGES.md), and the right ones it
# already gives for the classic traps (重庆, 长沙, 蚌埠, 六安), pinned so that a dictionary update
# can never rename a resource. Sources: the official romanisation of each place name.
PLACE_READINGS: dict[str, list[list[str]]] = {
    "长治": [["cháng"], ["zhì"]],  # Changzhi, Shanxi (pypinyin: zhang)
    "单县": [["shàn"], ["xiàn"]],  # Shanxian, Shandong (pypinyin: dan)
    "洪洞": [["hóng"], ["tóng"]],  # Hongtong, Shanxi (pypinyin: dong)
    "涡阳": [["guō"], ["yáng"]],  # Guoyang, Anhui (pypinyin: wo)
    "长泰": [["cháng"], ["tài"]],  # Changtai, Fujian (pypinyin: zhang)
    "长三角": [["cháng"], ["sān"], ["jiǎo"]],  # the Yangtze River Delta (pypinyin: zhang)
    "重庆": [["chóng"], ["qìng"]],
    "长沙": [["cháng"], ["shā"]],
    "蚌埠": [["bèng"], ["bù"]],
    "六安": [["lù"], ["ān"]],
    "番禺": [["pān"], ["yú"]],
    "铅山": [["yán"], ["shān"]],
    "乐清": [["yuè"], ["qīng"]],
    "亳州": [["bó"], ["zhōu"]],
    "东阿": [["dōng"], ["ē"]],
    "莘县": [["shēn"], ["xiàn"]],
}

# Generic tails and parts of park, area and cluster names, kept as words of their own so that
# identifiers read park-yongchuan-gaoxinqu rather than park-yongchuangao-xinqu.
SUFFIX_WORDS = (
    "工业园区", "产业园区", "高新区", "经开区", "开发区", "综保区", "自贸区", "新区", "园区",
    "产业园", "工业园", "科技园", "高新技术", "经济技术", "经济", "技术", "产业", "集群", "基地",
    "示范区", "自治区", "自治州", "自治县", "特别行政区", "街道", "省", "市", "区", "县", "镇",
    "乡", "期间", "时期",
)  # fmt: skip

# PHRASES_DICT.update + training the new words is exactly what load_phrases_dict does, minus
# its retraining on all 47 k dictionary phrases (60 ms at every start-up). The suffix words go
# into the same prefix set (pypinyin's own segmenter still yields only dictionary phrases).
PHRASES_DICT.update(PLACE_READINGS)
mmseg.seg.train(iter([*PLACE_READINGS, *SUFFIX_WORDS]))
_SUFFIXES = frozenset(SUFFIX_WORDS)
# Every prefix of every phrase, built by pypinyin at import: matching grows a word while it is
# the beginning of some phrase, at no start-up cost of our own.
_PREFIXES = mmseg.p_set
_CHAR_READING: dict[str, str] = {}
_TONELESS = str.maketrans(
    {
        **dict.fromkeys("āáǎà", "a"),
        **dict.fromkeys("ēéěè", "e"),
        **dict.fromkeys("īíǐì", "i"),
        **dict.fromkeys("ōóǒò", "o"),
        **dict.fromkeys("ūúǔù", "u"),
        **dict.fromkeys("üǖǘǚǜ", "v"),
        **dict.fromkeys("ńňǹ", "n"),
        **dict.fromkeys("ḿ", "m"),
    }
)

MAX_LOCAL = 64  # a local name longer than this is cut at a word and given a hash
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")
_ASCII_WORD = re.compile(r"[a-z0-9]+")
_LOCAL = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


def _reading(syllable: str) -> str:
    """A tone-marked syllable in pypinyin's NORMAL style: tones dropped, ü as v."""
    plain = syllable.translate(_TONELESS)
    if not plain.isascii():  # ê̄, m̀ …: drop whatever combining marks are left
        plain = "".join(c for c in unicodedata.normalize("NFKD", plain) if c.isascii())
    return plain


def _han_words(run: str) -> list[str]:
    """ASCII words for a run of Chinese characters.

    Forward maximum matching over pypinyin's phrase dictionary (and SUFFIX_WORDS) gives the
    words; a phrase takes its dictionary reading, any other character its first (most common)
    reading, exactly as pypinyin's lazy_pinyin does, at a tenth of the cost. The dictionary
    lists the phrases whose reading differs from their characters' usual one, not all words,
    so characters it leaves single are grouped (see _flush and _group); a character with no
    reading at all (𠀋) is written u + its code point in hex.
    """
    words: list[str] = []
    singles: list[str] = []  # readings of consecutive single characters
    i, n = 0, len(run)
    while i < n:
        word = run[i]
        k = i + 2
        while k <= n and (grown := run[i:k]) in _PREFIXES:
            if grown in PHRASES_DICT or grown in _SUFFIXES:
                word = grown  # the longest word so far
            k += 1
        i += len(word)
        if len(word) == 1 and word not in _SUFFIXES:
            singles.append(_char_reading(word))
            continue
        _flush(words, singles)
        singles = []
        phrase = PHRASES_DICT.get(word)
        if phrase is not None:
            words.append("".join(_reading(r[0]) for r in phrase))
        else:
            words.append("".join(_char_reading(c) for c in word))
    _flush(words, singles)
    return words


def _flush(words: list[str], singles: list[str]) -> None:
    """One character left after a dictionary word ends the word (国家|级 → guojiaji, 大数|据 →
    dashuju); more of them are words of their own."""
    if len(singles) == 1 and words:
        words[-1] += singles[0]
    else:
        words.extend(_group(singles))


def _char_reading(char: str) -> str:
    known = _CHAR_READING.get(char)
    if known is None:
        readings = PINYIN_DICT.get(ord(char))
        known = _reading(readings.split(",", 1)[0]) if readings else f"u{ord(char):x}"
        _CHAR_READING[char] = known
    return known


def _group(syllables: list[str]) -> list[str]:
    """Words for a run of characters the dictionary does not know: up to three form one word
    (永川, 哈尔滨); a longer run is read as two-character words, most Chinese words being two
    characters long, the last taking an odd one (工业|互联网, 绿色|低碳)."""
    if len(syllables) <= 3:
        return ["".join(syllables)] if syllables else []
    pairs = ["".join(syllables[k : k + 2]) for k in range(0, len(syllables) - 3, 2)]
    rest = len(syllables) - 2 * len(pairs)
    return [*pairs, "".join(syllables[-rest:])]


@lru_cache(maxsize=65536)
def pinyin_words(label: str) -> tuple[str, ...]:
    """The label as ASCII words: pinyin for Chinese, lower-cased letters and digits otherwise
    (NFKC first, so full-width ５Ｇ is 5g); punctuation and symbols separate words."""
    text = unicodedata.normalize("NFKC", label)
    words: list[str] = []
    pos = 0
    for m in _HAN.finditer(text):
        words.extend(_other_words(text[pos : m.start()]))
        words.extend(_han_words(m.group()))
        pos = m.end()
    words.extend(_other_words(text[pos:]))
    return tuple(words)


def _other_words(chunk: str) -> list[str]:
    """Latin letters (accents dropped) and digits; anything else separates words."""
    return _ASCII_WORD.findall(unicodedata.normalize("NFKD", chunk).lower())


def short_hash(text: str, n: int = 6) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:n]


def bounded(prefix: str, words: tuple[str, ...] | list[str], key: str, limit: int = MAX_LOCAL) -> str:
    """prefix-word-word…, cut at a word boundary with a short hash of `key` when too long,
    so that two long names sharing a beginning still differ."""
    words = list(words) or [f"x{short_hash(key)}"]
    local = "-".join([prefix, *words])
    if len(local) <= limit:
        return local
    tag = short_hash(key)
    kept: list[str] = []
    size = len(prefix) + len(tag) + 2
    for w in words:
        if size + len(w) + 1 > limit:
            if not kept:  # one huge word: cut it
                kept.append(w[: max(1, limit - size - 1)])
            break
        kept.append(w)
        size += len(w) + 1
    return "-".join([prefix, *kept, tag])


@lru_cache(maxsize=65536)
def slug(label: str, prefix: str, limit: int = MAX_LOCAL) -> str:
    """The local name for a resource of type `prefix` named `label` (before uniqueness;
    cached: a batch names the same areas, parks and indicators in many documents)."""
    return bounded(prefix, pinyin_words(label), label, limit)


def source_slug(file_name: str, sha256: str) -> str:
    """The part that scopes a document's resources: its file name's words (at most 24
    characters) and the first 8 hex digits of its SHA-256, so two files with one name differ."""
    stem = file_name.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem[1:] else stem
    words = pinyin_words(stem)
    kept: list[str] = []
    size = -1  # no hyphen before the first word
    for w in words:
        if size + len(w) + 1 > 24:
            if not kept:
                kept.append(w[:23])
            break
        kept.append(w)
        size += len(w) + 1
    return "-".join([*kept, sha256[:8].lower()])


def is_local_name(local: str) -> bool:
    return bool(_LOCAL.fullmatch(local))


class IdMinter:
    """Mints unique local names for one document, deterministically: the first owner of a name
    keeps it, the next ones get -2, -3 … in the order they ask."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._owner: dict[str, str] = {}
        self._by_owner: dict[tuple[str, str], str] = {}

    def named(self, prefix: str, label: str, owner: str) -> str:
        """A name from `label` for `owner` (the same owner always gets the same name)."""
        known = self._by_owner.get((prefix, owner))
        if known is not None:
            return known
        base = slug(label, prefix)
        local, n = base, 1
        while local in self._owner:
            n += 1
            local = f"{base}-{n}"
        self._owner[local] = owner
        self._by_owner[(prefix, owner)] = local
        return local

    def scoped(self, prefix: str, n: int) -> str:
        """prefix-<source>-n, for resources that exist only inside this document."""
        local = f"{prefix}-{self.source}-{n}"
        self._owner[local] = local
        return local
