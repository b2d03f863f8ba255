"""Industries and industrial clusters, and which park has them.

Three signals: a phrase ending in 产业集群 / 产业 / 服务业 / 制造业 (its head found from the
words before it, as for names); a list of names the text counts as industries (A、B、C三大主导
产业, 主导产业为A、B、C, 重点发展A、B, 以A和B为主的); and the bare names of lexicons/industries.txt.
The holder is the park named last before the mention in its sentence, else the document's park.
"""

from __future__ import annotations

import re

from parkgraph.extract.lexicon import words
from parkgraph.extract.mentions import Names, _division_prefix, _first_two_chars, left_edge
from parkgraph.extract.model import Relation
from parkgraph.extract.registry import Registry
from parkgraph.extract.text import Ranges, Text
from parkgraph.extract.tokens import Tokens

_HEAD = re.compile(r"产业集群|产业|服务业|制造业|行业")
_MODIFIERS = words("industry_modifiers.txt")
_MODIFIER_CHARS = frozenset("".join(_MODIFIERS))
_CONTINUATIONS = frozenset(words("industry_continuations.txt"))
_QUALIFIER = re.compile(r"^(?:[千百万]亿级|“[千百万]亿级”|规上|规模以上|全区|全市|园区|该区|区内)+")
_COUNTED = re.compile(r"^.*[一二两三四五六七八九十\d](?:大|个)")  # A三大主导产业 → 主导产业
_FRAMING = re.compile(r"^以|为主的?$|为$")  # 以A为主的 → A
_HONOUR = re.compile(r"星级|示范|基地|称号")
_ITEM = r"[\u4e00-\u9fffA-Za-z“”+]{2,14}?"
_LIST = rf"((?:{_ITEM}(?:、|和))*{_ITEM})"
# a list and what it is: A、B、C三大主导产业; A、B等产业; A、B两个“百亿级”产业; A、B等行业
_LIST_THEN_HEAD = re.compile(
    _LIST + r"(?:等|[一二两三四五六七八九十]大|[一二两三四五六七八九十\d]个)[^,，。;；、]{0,8}?(?:产业|行业)")
# the end of every match of _LIST_THEN_HEAD (which never crosses ,，。;；): its counting word's
# last character up to the head; the clauses without one (two thirds of those with 产业/行业)
# are not scanned
_LIST_HEAD_KEY = re.compile(r"[等大个][^,，。;；、]{0,8}?(?:产业|行业)")
# what is said, then the list: 主导产业为A、B、C; 重点发展A、B; 以A和B为主的
_HEAD_THEN_LIST = re.compile(r"(?:产业为|产业包括|重点发展)" + _LIST + r"(?=[,，。;；]|$)")
_BASED_ON = re.compile(r"以" + _LIST + r"为主的")


_SUBJECT_LEAD = re.compile(r"(?:特别是|园区|全区|该区|其中|开发区|高新区)$")
_MEASURED = re.compile(r"(?:的)?(?:总产值|产值|营收|营业收入|收入|增加值|同比|增长|增速|规模|出货量|销售额)")


def _industry_name(raw: str) -> str:
    """The name of the industry that `raw` (a phrase or a list item) names, or "" if none."""
    name = _clean(raw)
    if (len(name) < 2 or _generic(name) or len(name) > 16 or _HONOUR.search(name)
            or name.endswith(("项目", "企业")) or name.startswith(("国家级", "省级", "市级"))):
        return ""  # 重大项目, 国家级…服务业: a project, a class of firms or a designation
    return name


def _clean(name: str) -> str:
    name = name.rsplit("”", 1)[-1] if name.count("”") > name.count("“") else name
    head, division = _division_prefix(name) if name[:2] in _first_two_chars() else ("", None)
    if division is not None and len(name) > len(head):
        name = name[len(head):]  # 某省支柱产业: the province's, a kind of industry
    if "大" in name or "个" in name:  # (what each pattern needs, tested first: most names lack it)
        name = _COUNTED.sub("", name)
    if "为" in name or name.startswith("以"):
        name = _FRAMING.sub("", name)
    name = _QUALIFIER.sub("", name.strip("“”"))
    return name.strip("“”")


def _generic(name: str) -> bool:
    rest = _HEAD.sub("", name)
    if len(set(rest) - _MODIFIER_CHARS) >= 2:
        return False  # the loop below only deletes modifiers: two characters none of them holds stay
    for w in _MODIFIERS:
        rest = rest.replace(w, "")
    return len(rest) < 2


def find_industries(text: Text, tokens: Tokens, names: Names, reg: Registry,
                    subjects: list[tuple[int, int, str]],
                    measured: list[tuple[int, int, str]]) -> list[Relation]:
    """Industries and clusters. Collects (start, end, key) in norm: in `subjects` those that
    open a clause (特别是X产业，已获得…), which may hold titles; in `measured` those
    followed by what is measured of them (X制造业产值增长…), and every cluster, which
    numbers may be about."""
    norm = text.norm
    relations: list[Relation] = []
    seen: set[tuple[str, str]] = set()
    park_spans = Ranges([(p.start, p.end) for p in names.parks])
    named: dict[str, str] = {}  # _industry_name of each phrase: a third are found again

    def add(start: int, end: int, rule: str) -> None:
        raw = norm[start:end]
        name = named.get(raw)
        if name is None:
            name = named[raw] = _industry_name(raw)
        if not name:
            return
        start += raw.find(name) if name in raw else 0
        end = start + len(name)
        if park_spans.meet(start, end):
            return
        cls = "IndustrialCluster" if name.endswith("集群") else "Industry"
        key = f"{cls}:{name[:-2] if cls == 'Industry' and name.endswith('产业') else name}"  # X产业 = X
        span = text.span(start, end)
        reg.add(key, cls, name, span, rule=rule)
        if norm[start - 1:start] in ",，。;；\n" or _SUBJECT_LEAD.search(norm, max(0, start - 3), start):
            subjects.append((start, end, key))
        if _MEASURED.match(norm, end) or cls == "IndustrialCluster":
            measured.append((start, end, key))
        holder = _holder(names, start, norm)
        if holder and (holder, key) not in seen:
            seen.add((holder, key))
            pred = "hasCluster" if cls == "IndustrialCluster" else "hasIndustry"
            relations.append(Relation(holder, pred, key, span, rule=rule))

    for m in _HEAD.finditer(norm):
        if m.group() == "行业" or not _ends_at_word(tokens, m.end()):
            continue
        k = tokens.index_at(m.end())  # the next word
        if tokens.starts[k] == m.end() and (tokens.words[k] in _CONTINUATIONS or tokens.words[k] == "企业"):
            continue  # 产业基础, 产业链, X服务业企业: the head of another noun
        start = left_edge(tokens, m.start(), 0, allow_and=True)
        if m.start() - start >= 2:
            add(start, m.end(), "industry-phrase")
    # _LIST_THEN_HEAD only on the clauses that hold its end (see Text.clauses_with)
    head_lists = (m for a, b in text.clauses_with(_LIST_HEAD_KEY)
                  for m in _LIST_THEN_HEAD.finditer(norm, a, b))
    for matches, rule in ((head_lists, "industry-list"), (_HEAD_THEN_LIST.finditer(norm), "industry-list"),
                          (_BASED_ON.finditer(norm), "industry-list")):
        for m in matches:
            pos = m.start(1)
            items = re.split(r"(、|和)", _protect(m.group(1)))
            first = True
            for item in items:
                if item in ("、", "和"):
                    pos += len(item)
                    continue
                item = item.replace("\0", "和")
                start, end = pos, pos + len(item)
                pos = end
                if first:
                    start = max(start, left_edge(tokens, end, start, allow_and=True, allow_verb=False))
                    first = False
                if _has_noun(tokens, start, end):
                    add(start, end, rule)
    for m in _KNOWN.finditer(norm):
        # only a name that stands alone in a list or before 产业/行业/等 (not 新能源 in 新能源汽车)
        if not (tokens.starts_at(m.start()) and _ends_at_word(tokens, m.end())):
            continue
        after, before = norm[m.end():m.end() + 2], norm[m.start() - 1:m.start()]
        k = tokens.index_at(m.end())  # the next word
        if (tokens.starts[k] == m.end() and tokens.tags[k][:1] == "n"
                and tokens.words[k] not in ("产业", "行业", "领域")):
            continue  # X医疗器械证书: part of a longer noun
        if after == "产业":
            continue  # 新材料产业: the phrase rule names it with its head
        listed = before in "、,，:：" or after[:1] in "、,，。;；等" or after in ("行业", "领域")
        if listed or len(m.group()) >= 4:
            add(m.start(), m.end(), "industry-lexicon")
    return relations


_KNOWN = re.compile("|".join(re.escape(w) for w in words("industries.txt")))
_KNOWN_WITH_AND = tuple(w for w in words("industries.txt") if "和" in w)


def _protect(s: str) -> str:
    """A lexicon name with 和 in it (GB/T 4754's 软件和信息技术服务业) is one name: hide its 和
    from the list split (same length)."""
    for w in _KNOWN_WITH_AND:
        s = s.replace(w, w.replace("和", "\0"))
    return s


def _has_noun(tokens: Tokens, start: int, end: int) -> bool:
    """A noun (or an abbreviation, a Latin word) among the words of [start, end)."""
    starts, tags = tokens.starts, tokens.tags
    k = tokens.index_at(start)
    while k < len(starts) and starts[k] < end:
        tag = tags[k]
        if tag[:1] in "nj" or tag == "eng":
            return True
        k += 1
    return False


def _ends_at_word(tokens: Tokens, offset: int) -> bool:
    return tokens.ends[tokens.index_at(offset - 1)] == offset


def _holder(names: Names, offset: int, norm: str) -> str | None:
    """The park the sentence is about: one that opens the sentence or the mention's clause
    (散花化工园主导产业为…), else the document's park."""
    start = max(norm.rfind("。", 0, offset), norm.rfind(";", 0, offset), norm.rfind("；", 0, offset),
                norm.rfind("\n", 0, offset)) + 1
    clause = max(start, norm.rfind(",", 0, offset) + 1, norm.rfind("，", 0, offset) + 1)
    for p in names.parks:
        if p.start in (start, clause) and p.end <= offset and p.key.startswith("park:"):
            return p.key
    return names.main_park
