"""Code names of strategies, programmes and layouts (“3322”, “二二五”, 一区三园) and their parts.

A code is a short name that holds a numeral counting something, usually in quotes. Its parts
come from the name itself when it is written in Chinese numerals (一区两中心 → 1 区, 2 中心) and
from the decomposition the text states next to it (“3221”…(做强三大支柱产业、…)); members only
where the text names them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from parkgraph.extract.lexicon import words
from parkgraph.extract.mentions import Names
from parkgraph.extract.model import Code, Component
from parkgraph.extract.registry import Registry
from parkgraph.extract.text import Text

DIGITS = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
          "十": 10}
_MAGNITUDES = "百千万亿"
_NUMERAL = re.compile(r"[0-9一二两三四五六七八九十百千万双]")
_QUOTED = re.compile(r"“([^“”\n]{2,10})”")
_PLAN = re.compile(r"^十[一二三四五六七八九]五$")
# after the quote: what makes a quoted numeral a class of things rather than a programme
_NOT_CODE_AFTER = ("企业", "公司", "产品", "品牌")
# 五大攻坚行动: a counted name of actions or programmes, written without quotes
_COUNTED_PROGRAMME = re.compile(
    r"([一二两三四五六七八九十])(?:大|个|项)([\u4e00-\u9fff]{2,8}?(?:行动|工程|计划|战略|举措|任务))")
# 一区三园, 一核两翼: a spatial layout of numerals and place nouns (lexicons/layout_nouns.txt)
_LAYOUT_NOUNS = "".join(words("layout_nouns.txt"))
_LAYOUT_PAIR = rf"[一二两三四五六七八九十][{_LAYOUT_NOUNS}]"
# (?:pair){2,} with the first pair written out: re skips ahead to a numeral only when the
# pattern opens with a character set, not a repeat (which it tried at every position)
_LAYOUT = re.compile(rf"{_LAYOUT_PAIR}(?:{_LAYOUT_PAIR})+")
_TIER_LABEL = re.compile(r"[一二两三四五六七八九十双][^一二两三四五六七八九十双、]{1,2}$")
_ITEM_SPLIT = re.compile(r"、|和|及|与|以及")
# the patterns used once a code (compiled here: re's cache lookup for a pattern string cost
# more than most of these matches)
_CN_DIGITS = re.compile(r"[一二两三四五六七八九]+")
_COUNTED_NAME = re.compile(r"([一二两三四五六七八九十双])(个|大|张|项|条)(.+)")
_NUMERAL_NOUN = re.compile(r"([一二两三四五六七八九十双])([^一二两三四五六七八九十双]+)")
_DIGIT_SUM = re.compile(r"[\dA-Za-z](?:\+[\dA-Za-z])+")
_DIGIT = re.compile(r"\d")
_DIGIT_RUN = re.compile(r"\d{2,5}")
_QUOTED_DIGIT = re.compile(r"“\d”")
_DIGIT_DEFINED = re.compile(r"“(\d)”(?:指|即|是)([^,，;；。“]+)")
_COUNT_AT_END = re.compile(r"([一二两三四五六七八九十])(?:大|个|张|项|条)([\u4e00-\u9fff]{2,10})$")
_LINK_WORDS = re.compile(r"^以|为$")
_TIER_NOUN = re.compile(r"(产业集群|产业|集群)")
_RANK_END = re.compile(r"(连冠|级|强|名)$")
_QUOTE_BEFORE = re.compile(r"“([^“”]+)”$")
_DEFINED_LIST = re.compile(r"(?:也就是|即|包括|下设|分别为|分别是)([^;；。]+)")
_COMMA = re.compile(r"[,，]")
_ACTION_VERBS = re.compile(r"实施|推进|开展|围绕|聚焦|推动|落实|构建|打造")


@dataclass
class _Part:
    count: int
    role: str
    members: list[str] = field(default_factory=list)


def name_parts(code: str) -> list[_Part]:
    """The parts a Chinese-numeral name states itself: 一区两中心 → [1 一区, 2 两中心]; 二二五 → 2, 2, 5."""
    if any(c in _MAGNITUDES for c in code):
        return []  # 百强千亿, 万亿计划: magnitudes, not counts
    if _CN_DIGITS.fullmatch(code):
        return [_Part(DIGITS[c], "") for c in code]
    m = _COUNTED_NAME.match(code)
    if m:  # 六个春城, 五个一批: one count for the whole name
        return [_Part(DIGITS[m.group(1)], code)]
    pairs = _NUMERAL_NOUN.findall(code)
    parts = [_Part(DIGITS[n], n + noun) for n, noun in pairs]
    if "".join(p.role for p in parts) != code:
        return []
    return parts


def digit_parts(code: str) -> list[int]:
    """The counts a digit code declares: “3322” → 3, 3, 2, 2; “3+2+1” → 3, 2, 1; 1+X → []."""
    if _DIGIT_SUM.fullmatch(code) and _DIGIT.search(code):
        return [int(d) for d in code.split("+") if d.isdigit()]  # 1+3+N: N counts nothing
    if _DIGIT_RUN.fullmatch(code):
        return [int(d) for d in code]
    return []


# N大 ROLE (“3”指 … 三大主导产业), what comes before the count in the same clause its members
_STATED_ITEM = (r"(?:“(\d)”(?:指|即|是))?([^,，;；()“”:：。]*?)([一二两三四五六七八九十\d])"
                r"(?:大|个|张|项|条)([\u4e00-\u9fff“”]{2,10}?)(?=[,，;；、)。]|$)")
# Where an item can start: the leftmost match never starts right after a character its
# members may hold (one character earlier would match too), so finditer finds the same
# matches trying only the starts of the text, the places after the other characters, “ and
# 、 (where the next item starts after a match); without this the lazy members were tried
# from every character to the clause's end.
_STATED = re.compile(r"(?:^|(?<=[,，;；()“”:：。])|(?=[“、]))" + _STATED_ITEM)


def _stated_parts(text: Text, start: int, end: int, counts: list[int],
                  covered: list[tuple[int, int]]) -> list[_Part]:
    """N大 ROLE items stated right after a code whose counts match it in order."""
    norm = text.norm
    sentence = text.sentence_at(end)
    tail = norm[end:min(sentence.end, end + 200)]
    if "”" in norm[end:end + 1] or not _QUOTED_DIGIT.search(tail):  # “2”即… may open the next sentence
        para_end = text.paragraphs[sentence.paragraph][1]
        tail = norm[end:min(para_end, end + 300)]
    items = []
    spans = []
    # (every item holds a count: a tail without one has none, and its scan tries every start)
    for m in _STATED.finditer(tail) if _COUNT.search(tail) else ():
        n = m.group(3)
        count = int(n) if n.isdigit() else DIGITS[n]
        items.append(_Part(count, m.group(4).strip("“”"), _members(m.group(2))))
        spans.append((end + m.start(3), end + m.end(4)))
    if counts and [p.count for p in items[:len(counts)]] == counts:
        covered.extend(spans[:len(counts)])
        return items[:len(counts)]
    # “3”指A、B、C三大主导产业 … “1”指X: a part may name one member and no count
    parts = []
    spans = []
    for m in _DIGIT_DEFINED.finditer(tail):
        body = m.group(2)
        c = _COUNT_AT_END.search(body)
        if c:
            parts.append(_Part(int(m.group(1)), c.group(2), _members(body[:c.start()])))
            spans.append((end + m.start(2) + c.start(), end + m.end(2)))
        else:
            parts.append(_Part(int(m.group(1)), body, [body]))
    if counts and [p.count for p in parts] == counts:
        covered.extend(spans)
        return parts
    return []


# words that open a clause of a decomposition before the members it lists (即扛牢A、B两大使命)
_LEADING_VERBS = re.compile(r"^(?:[、,，]|即|也就是|包括|做强|做优|做大|做靓|前瞻布局|布局|壮大|扛牢|"
                            r"紧扣|推进|打造出?|建设|发展|培育)+")


def _members(s: str) -> list[str]:
    """扛牢A、B → [A, B]: the listed names, without the verb that leads the clause."""
    s = _LEADING_VERBS.sub("", s.strip())
    items = [_LINK_WORDS.sub("", i.strip("“”")) for i in _ITEM_SPLIT.split(s) if i.strip("“”")]
    return [i for i in items if 2 <= len(i) <= 20]


_COUNT = re.compile(r"[一二两三四五六七八九十\d](?:大|个|张|项|条)")  # as _STATED_ITEM's

_TIER = re.compile(r"(?:以([^,，;；]+?)为主的)?([\d一二两三四五六七八九十])个([^、,，。;；]{1,6}?级)")


def _tiers(text: Text, end: int, covered: list[tuple[int, int]]) -> list[_Part]:
    """打造以A为主的1个三千亿级、以B和C为主的2个两千亿级…产业集群: the tiers a code is
    decomposed into in its own sentence (members: the industries each tier is based on)."""
    norm = text.norm
    sentence = text.sentence_at(end)
    found = list(_TIER.finditer(norm, end, sentence.end))
    if len(found) < 2:
        return []
    head = _TIER_NOUN.match(norm, found[-1].end())
    noun = head.group(1) if head else ""
    parts = []
    for m in found:
        n = m.group(2)
        parts.append(_Part(int(n) if n.isdigit() else DIGITS[n], m.group(3) + noun,
                           _members(m.group(1) or "")))
        covered.append((m.start(2), m.end(3)))
    return parts


def find_codes(text: Text, names: Names, reg: Registry, covered: list[tuple[int, int]]) -> list[Code]:
    """Codes and their parts; `covered` gets the norm ranges of their names and of the
    declared counts stated for them (those numbers are not observations)."""
    norm = text.norm
    park_spans = [(p.start, p.end) for p in names.parks]
    found: dict[str, Code] = {}

    def add(code: str, start: int, end: int, parts: list[_Part], rule: str) -> None:
        key = f"strategy:{code}"
        if key in found and (found[key].components or not parts):
            return  # named again: the first mention stands, unless only this one states the parts
        pursuer = _pursuer(names, start)
        components = []
        if any(p.count >= 2 for p in parts) and not all(p.count == 1 for p in parts):
            for p in parts:
                if len(p.members) > p.count:
                    p.members = []  # more names than the code declares: they were not its members
                members = [_member_key(reg, text, norm, m, p.role, start) for m in p.members]
                components.append(Component(p.count, p.role, [k for k in members if k]))
        covered.append((start, end))
        if key in found:
            found[key].components = components
            return
        found[key] = Code(key=key, notation=code, label=norm[start:end], evidence=text.span(start, end),
                          components=components, pursued_by=[pursuer] if pursuer else [], rule=rule)

    quoted = list(_QUOTED.finditer(norm))  # each scan once: the loops below reuse them
    layouts = list(_LAYOUT.finditer(norm))
    code_names = {m.group(1) for m in quoted} | {x.group(0) for x in layouts}
    for m in quoted:
        code = m.group(1)
        if any(code != other and code in other for other in code_names):
            continue  # “一核”…“两翼” after “一核两翼”: the tiers of a code, not codes
        if (not _NUMERAL.search(code) or _PLAN.match(code) or "." in code or len(code) < 2
                or _RANK_END.search(code) or code.endswith(_NOT_CODE_AFTER)
                or norm[m.end():m.end() + 2] in _NOT_CODE_AFTER
                or any(a <= m.start() < b for a, b in park_spans)):
            continue
        counts = digit_parts(code)
        if counts:
            parts = _stated_parts(text, m.start(), m.end(), counts, covered)
        else:
            parts = name_parts(code)
            stated = (_stated_parts(text, m.start(), m.end(), [p.count for p in parts], covered)
                      if parts else [])
            if stated and not any(p.role for p in parts):
                parts = stated  # “二二五”…即…两大使命,…两大定位,…5张名片
            else:
                _attach_members(norm, m.start(), m.end(), parts)
                if len(parts) == 1 and not parts[0].members:
                    parts[0].members = _list_before(text, m.start(), parts[0].count)
            if not parts:
                parts = _tiers(text, m.end(), covered)
        add(code, m.start(), m.end(), parts, "code-quoted")
    for m in _COUNTED_PROGRAMME.finditer(norm):
        before = norm[max(0, m.start() - 40):m.start()]
        q = _QUOTE_BEFORE.search(before)
        parts = [_Part(DIGITS[m.group(1)], m.group(0), _members(q.group(1)) if q else [])]
        add(m.group(0), m.start(), m.end(), parts, "code-counted-programme")
    for m in layouts:
        parts = name_parts(m.group(0))
        _attach_members(norm, m.start(), m.end(), parts)
        add(m.group(0), m.start(), m.end(), parts, "code-layout")
    return list(found.values())


_BATCHES = re.compile(r"((?:[\u4e00-\u9fff]{2}一批、)+[\u4e00-\u9fff]{2}一批)")
_DEFINES = r"[”’]?(?:即|包括|是|为|指|分别为|分别是)([^,，;；。]+)"


def _attach_members(norm: str, start: int, end: int, parts: list[_Part]) -> None:
    """Members of a Chinese-numeral code from the text that follows it: 一区即X，三园包括A、B、C
    (also “一主”即X), 开工一批、投产一批… for N个一批; or one list (也就是A、B和C) shared out by
    the noun each member ends with."""
    if not parts:
        return
    tail = norm[end:end + 160]
    tail = tail.partition("。")[0]
    if len(parts) == 1 and parts[0].role.endswith("一批"):
        batch = _BATCHES.search(norm[max(0, start - 80):end + 160])
        if batch and len(batch.group(1).split("、")) == parts[0].count:
            parts[0].members = batch.group(1).split("、")
            return
    for p in parts:
        if not p.role:
            continue
        m = re.search("[“‘]?" + re.escape(p.role) + _DEFINES, tail)
        if m:
            p.members = _members(m.group(1))
    if any(p.members for p in parts):
        return
    m = _DEFINED_LIST.search(tail)
    if m:
        # 即A、B两城和C一区: each member cut at the tier it names and at the clause's end
        items = [_TIER_LABEL.sub("", i) for i in _members(_COMMA.split(m.group(1))[0])]
        for p in parts:
            noun = p.role.lstrip("一二两三四五六七八九十双")
            if noun:
                p.members = [i for i in items if i.endswith(noun)]


def _list_before(text: Text, start: int, count: int) -> list[str]:
    """A企业与B企业“双提升”: exactly `count` names listed right before the code."""
    norm = text.norm
    clause_start = max(norm.rfind(c, 0, start) for c in ",，;；。:：\n") + 1
    clause = norm[clause_start:start]
    verbs = _ACTION_VERBS.finditer(clause)
    verb = max((m.end() for m in verbs), default=0)
    items = _members(clause[verb:])
    return items if len(items) == count else []


def _pursuer(names: Names, offset: int) -> str | None:
    """The park nearest before the code (in the text), else the document's park."""
    before = [p for p in names.parks if p.key and p.end <= offset]
    return before[-1].key if before else names.main_park


def _member_key(reg: Registry, text: Text, norm: str, member: str, role: str, near: int) -> str | None:
    at = norm.find(member, near)
    if at < 0:
        at = norm.find(member)
    if at < 0:
        return None
    for e in reg.by_key.values():
        if member == e.label or member in e.alt_labels:
            return e.key
    if role.endswith("业") or member.endswith("业"):
        cls = "Industry"
    elif member.endswith("园"):
        cls = "Park"
    elif member.endswith(("区", "中心", "基地", "平台", "城")):
        cls = "Platform"
    else:
        cls = "Goal"
    key = f"{cls.lower()}:{member}"
    reg.add(key, cls, member, text.span(at, at + len(member)), rule="code-member")
    return key
