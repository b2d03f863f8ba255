"""Titles held (获评, 入选, 获批, 认定为, 建成) and aspired to (争创, 力争…建成, 打造…高地).

The verb decides held or aspired (lexicons/title_verbs.tsv); a clause that speaks of the
future (将, 力争, 要, 努力) turns 建成/成为/打造 into an aspiration. The title is the quoted name
after the verb, or the words up to the end of the clause, split where the verb governs a list
(争创A、B). Superlatives (全国最大的…, 首家…) are titles held by the subject they describe.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from parkgraph.extract.lexicon import table, words
from parkgraph.extract.mentions import Names
from parkgraph.extract.model import Relation
from parkgraph.extract.registry import Registry
from parkgraph.extract.text import Text

_VERBS = table("title_verbs.tsv")  # verb → (held|aspired|either, needs a title head?)
_VERB_RE = re.compile("|".join(re.escape(v) for v in sorted(_VERBS, key=len, reverse=True)))
_HEADS = words("title_heads.txt")
_FUTURE = re.compile(r"将|力争|要|努力|争取|计划|目标|定位")
_CLAUSE_END = re.compile(r"[,，。;；:：!?！？\n]")
# the scope is a word such as 全国 or 国内, or an area name right before (江西省首个)
_SUPERLATIVE = re.compile(r"(?:全国|全省|全市|国内|全球|世界|[\u4e00-\u9fff]{1,3}[省市])?"
                          r"(?:最大|首家|首个|首款|首单|首创|第一家|唯一|最快|最高)")
_SUPERLATIVE_WORD = re.compile(r"最大|首家|首个|首款|首单|首创|第一家|唯一|最快|最高")
_SCOPE_MAX = 4  # the longest scope before the word: [\u4e00-\u9fff]{3}[省市]


def _superlatives(norm: str) -> Iterator[re.Match[str]]:
    """_SUPERLATIVE.finditer(norm), found from its words: a match ends in one that starts at most
    _SCOPE_MAX characters after the match does, so the leftmost match from a position starts
    no earlier than _SCOPE_MAX before the next word, and no later than that word (which
    matches without a scope). Its optional scope made the full scan try every position."""
    pos = 0
    while (word := _SUPERLATIVE_WORD.search(norm, pos)) is not None:
        m = _SUPERLATIVE.search(norm, max(pos, word.start() - _SCOPE_MAX))
        if m is None:
            return
        yield m
        pos = m.end()


# after 建成: a built-up area (建成区), a start of operation (建成投产): not a designation
_BUILT_NOT_TITLE = re.compile(r"区|投产|投用|运营|达产|使用|开通|通车")
_NOT_TITLE_END = re.compile(r"(?:为契机|为抓手|为目标|\d+[个家项所])$")


# the patterns used once a verb or a title (compiled here: re's cache lookup for a pattern
# string cost more than most of these matches), run on norm from an offset, not on a slice
_QUOTED_TITLE = re.compile(r"“([^“”]{2,30})”")
_LIST_SPLIT = re.compile(r"、|和")
_BASED_ON = re.compile(r"以.{1,20}?为[^的]{0,4}的")  # 以X为核心的Y → Y
_TITLE_WORD = re.compile(r"等?称号$")
_RANK = re.compile(r"[一二三四五六七八九十]强$|前[一二三四五六七八九十\d]+[强位名]?$")
_DIGIT = re.compile(r"\d")
_CLAUSE_VERB = re.compile(r"获得|投产|落地|上市|开工|实现")
_LEAD_WORDS = re.compile(r"^(?:了|为|出|基本|成为|设立|设)")
_TRAIL_WORDS = re.compile(r"(?:名单|行列之中)$")
_LIST_JOINT = re.compile(r"[、和与及]?")


def _object(norm: str, start: int) -> tuple[int, int] | None:
    """The title after a verb: a quoted name, or the words up to the clause's end."""
    m = _QUOTED_TITLE.match(norm, start)
    if m and (m.end() >= len(norm) or _CLAUSE_END.match(norm[m.end()]) or norm[m.end()] in "、和"):
        return start + 1, m.end() - 1
    end = _CLAUSE_END.search(norm, start)
    stop = end.start() if end else len(norm)
    if stop - start < 2 or stop - start > 80:
        return None
    return start, stop


def _split(norm: str, start: int, end: int) -> list[tuple[int, int]]:
    """争创A、B → A, B; 和 splits only between two names that each end like a title."""
    out = []
    pos = start
    for m in _LIST_SPLIT.finditer(norm, start, end):
        if m.group() == "和" and not norm[pos:m.start()].rstrip("”").endswith(_HEADS):
            continue
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return [(a, b) for a, b in out if b - a >= 2]


def find_titles(text: Text, names: Names, reg: Registry,
                holders: list[tuple[int, int, str]]) -> list[Relation]:
    """`holders`: (start, end, key) of every entity that may hold a title, in text order."""
    norm = text.norm
    out: list[Relation] = []
    seen: set[tuple[str, str, str]] = set()

    def add(start: int, end: int, held: bool, rule: str, holder: list[str]) -> None:
        name = norm[start:end].strip("“”")
        name = _LEAD_WORDS.sub("", name)
        name = _TRAIL_WORDS.sub("", name)
        if not holder or len(name) < 2:
            return
        holder_keys = holder
        key = f"title:{name}"
        span = text.span(start, end)
        reg.add(key, "Title", name, span, rule=rule)
        pred = "holdsTitle" if held else "aspiresTo"
        for h in holder_keys:
            if (h, pred, key) not in seen:
                seen.add((h, pred, key))
                out.append(Relation(h, pred, key, span, rule=rule))

    taken: list[tuple[int, int]] = []
    for m in _VERB_RE.finditer(norm):
        kind, needs_head = _VERBS[m.group()]
        if any(a <= m.start() < b for a, b in taken) or norm[m.end():m.end() + 1] == "于":
            continue  # a verb inside a title already taken; 创建于1991年: a date, not a goal
        obj = _object(norm, m.end())
        if obj is None:
            continue
        sentence = text.sentence_at(m.start())
        future = _FUTURE.search(norm, sentence.start, m.start()) is not None
        held = kind == "held" or (kind == "either" and not future)
        holder = _holder(holders, names, m.start(), sentence.start, norm)
        for a, b in _split(norm, *obj):
            lead = _BASED_ON.match(norm, a, b)
            a = lead.end() if lead else a
            name = _TITLE_WORD.sub("", norm[a:b]).strip("“”")
            # 稳居全国N强, 跻身…前十: a rank, not a title; 建成污水处理厂1座, 建成投产: no designation
            if ((needs_head == "head" and not name.endswith(_HEADS)) or _NOT_TITLE_END.search(name)
                    or _RANK.search(name)
                    or (m.group() == "建成" and (_BUILT_NOT_TITLE.match(name) or _DIGIT.search(name)))):
                continue
            taken.append((a, b))
            add(a, a + len(norm[a:b].rstrip("号").removesuffix("等称")), held, f"title-{m.group()}", holder)
    for m in _superlatives(norm):
        if any(a <= m.start() < b for a, b in taken):
            continue
        end = _CLAUSE_END.search(norm, m.end())
        b = end.start() if end else len(norm)
        # 全国首创的X产品获得…: the title ends before the clause's verb
        verb = _CLAUSE_VERB.search(norm, m.end(), b)
        if verb:
            b = verb.start()
        if b - m.start() > 30 or b - m.end() < 1:
            continue
        sentence = text.sentence_at(m.start())
        add(m.start(), b, True, "title-superlative", _holder(holders, names, m.start(), sentence.start, norm))
    return out


def _holder(holders: list[tuple[int, int, str]], names: Names, offset: int, floor: int,
            norm: str) -> list[str]:
    """The subject: the holder named last in the verb's clause, else the first in its sentence
    (2019年，X公司落户Y高新区，…创下…纪录), else the document's park. An agent or a place
    (经省政府批准, 在深交所) holds nothing."""
    clause = max([floor] + [c.end() for c in _CLAUSE_END.finditer(norm, floor, offset)])
    cands = [(s, k) for s, e, k in holders
             if e <= offset and s >= floor and norm[s - 1:s] not in ("经", "在", "由", "被")]
    in_clause = [(s, k) for s, k in cands if s >= clause]
    if in_clause:
        # 甲电子、乙纺织被认定为…: every name of the list that ends right before the verb
        keep = [in_clause[-1]]
        for s, k in reversed(in_clause[:-1]):
            end = next(e for s2, e, _ in holders if s2 == s)
            if _LIST_JOINT.fullmatch(norm[end:keep[-1][0]]):  # (a slice: the names may overlap)
                keep.append((s, k))
        return [k for _, k in reversed(keep)]
    if cands:
        return [cands[0][1]]
    return [names.main_park] if names.main_park else []
