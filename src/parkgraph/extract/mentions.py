"""Names in the text: parks and zones, organisations, administrative areas.

A name's right edge is found from its ending (高新区, 有限公司 …, lexicons/); its left edge by
walking back over the words jieba tags as nouns or place names, stopping at verbs, function
words, punctuation and lexicons/boundary_words.txt. Parks are then grouped by their
distinctive part (the place or proper name without 国家级/省级 and province prefixes) and the
normal form of their ending, so 西安国家高新区 and 西安高新区 are one park.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import rjieba

from parkgraph.extract.lexicon import Division, divisions, table, words
from parkgraph.extract.registry import Registry
from parkgraph.extract.text import Ranges, Text, occurrences
from parkgraph.extract.tokens import Token, Tokens

# Word classes that may stand inside a name (jieba's tag set).
_NAMEISH = {"n", "ns", "nr", "nrt", "nrfg", "nz", "nt", "j", "an", "vn", "eng", "b", "ng", "s"}
_QUALIFIERS = ("国家级", "国家", "省级", "市级", "区级", "县级")
_GENERIC_PREFIXES = ("全国", "全省", "全市", "全区", "全县", "各级", "各", "该", "本", "其他", "其它", "我省",
                     "我市", "我区", "省内", "市内", "区内")
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class ParkMention:
    start: int  # in norm, the whole name incl. a bracketed qualifier
    end: int
    surface: str  # as in norm
    prefix: str  # the part before the ending
    suffix: str  # the ending as written
    cls: str
    kind: str  # the ending's normal form (高新区 for 高新技术产业开发区)
    distinctive: str  # prefix without qualifiers and province names: 永川 for 重庆永川
    generic: bool  # a class of zone or a reference (国家级高新区, 全市开发区, 该区, 高新区)
    bracket: str = ""  # (滨江)
    key: str = ""  # the entity it names, once resolved


@dataclass
class Names:
    """What this module found, in norm offsets."""

    parks: list[ParkMention] = field(default_factory=list)
    orgs: list[tuple[int, int, str]] = field(default_factory=list)  # start, end, key
    projects: list[tuple[int, int, str]] = field(default_factory=list)
    areas: list[tuple[int, int, str]] = field(default_factory=list)
    main_park: str | None = None  # key of the park the document is about


def _suffix_re(lexicon: str) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(w) for w in words(lexicon)))


_PARK_SUFFIX = _suffix_re("park_suffixes.tsv")
_ORG_SUFFIX = _suffix_re("org_suffixes.tsv")
_BOUNDARY = frozenset(words("boundary_words.txt"))
# the project's own nouns, whatever tag jieba's dictionary gives them (零部件 as a measure word)
_USER_NOUNS = frozenset(words("segmentation_words.txt") + words("industries.txt"))


def left_edge(tokens: Tokens, end: int, floor: int, *, allow_and: bool = False,
              allow_verb: bool = True) -> int:
    """Where a name that ends at `end` begins: back over name-like words, not below `floor`."""
    text, starts, ends, words_, tags = tokens.text, tokens.starts, tokens.ends, tokens.words, tokens.tags
    start = end
    if starts:
        c = tokens.index_at(end)
        if starts[c] < end < ends[c] and starts[c] >= floor:
            start = starts[c]  # 天津开发区 is one word: its head is part of the name
    # the words that end by `start` and begin at `floor` or later, of the up to twelve before
    # the first that starts at `start` or later: [low, high), by index (words are in text order)
    k = bisect.bisect_left(starts, start)
    window = max(0, k - 12)
    high = bisect.bisect_right(ends, start, window, k)
    low = bisect.bisect_left(starts, floor, window, high)
    i = high - 1
    while i >= low:
        word, tag = words_[i], tags[i]
        after_number = starts[i] > 0 and text[starts[i] - 1].isdigit()
        if ends[i] != start or word in _BOUNDARY or after_number:
            break  # 2015年3月经省政府: no name starts right after a number
        ok = (tag in _NAMEISH or (tag == "a" and len(word) == 1) or word in _USER_NOUNS
              or (tag == "m" and word.startswith("第")))
        if not ok and allow_verb and tag == "v" and start == end and i > low and tags[i - 1] in _NAMEISH:
            ok = True  # 研发制造产业园 (制造 a verb): a verb right before the ending, after a noun
        if not ok and allow_and and word in ("和", "与", "及") and i > low and tags[i - 1] in _NAMEISH:
            ok = True
        if not ok and word == "”":  # “某某湾”电子产业园: a short quoted name part
            j = i - 1
            while j >= low and words_[j] != "“" and ends[i] - starts[j] <= 10:
                j -= 1
            ok = j >= low and words_[j] == "“"
            if ok:
                start = starts[j]
                i = j - 1
                continue
        if not ok:
            break
        start = starts[i]
        i -= 1
    # a bracket opened inside the name must close inside it: X(上海)有限公司
    while start < end and text.startswith(")", start):
        start += 1
    return start


def _strip_qualifiers(prefix: str) -> str:
    for q in _QUALIFIERS:
        prefix = prefix.replace(q, "")
    return prefix


def _division_prefix(s: str) -> tuple[str, Division | None]:
    """The longest division name that `s` starts with, and it (or "", None)."""
    table_ = divisions()
    for n in range(min(8, len(s)), 1, -1):
        ds = table_.get(s[:n])
        if ds:
            return s[:n], ds[0]
    return "", None


_BRACKET = re.compile(r"\(([\u4e00-\u9fff]{1,6})\)")  # 杭州高新区(滨江)


def find_parks(text: Text, tokens: Tokens) -> list[ParkMention]:
    """Every park-like name (one begins after the one before it ends)."""
    suffixes = table("park_suffixes.tsv")
    places = divisions()
    norm = text.norm
    out: list[ParkMention] = []
    last_end = 0
    for m in _PARK_SUFFIX.finditer(norm):
        if not _ends_token(tokens, m.end()):
            continue  # 开发区 inside a longer word
        floor = last_end
        start = left_edge(tokens, m.start(), floor)
        for n in range(4, 1, -1):  # 于都工业园区: a place name the words split (于 | 都) is the name's head
            if start - n >= floor and norm[start - n:start] in places and _CJK.match(norm[start - n]):
                start -= n
                break
        end = m.end()
        bracket = ""
        b = _BRACKET.match(norm, end, end + 9)
        if b:
            bracket = b.group(0)
            end += len(bracket)
        if _in_title(norm, start, end):
            continue
        prefix = norm[start:m.start()]
        cls, kind = suffixes[m.group()][:2]
        generic, distinctive = _park_prefix(prefix)
        out.append(ParkMention(start, end, norm[start:end], prefix, m.group(), cls, kind, distinctive,
                               generic, bracket))
        last_end = end
    return out


@functools.lru_cache(maxsize=4096)
def _park_prefix(prefix: str) -> tuple[bool, str]:
    """Whether a park name with this part before its ending names a class of zones, and its
    distinctive part (cached: the same few prefixes recur in a document and in a batch)."""
    bare = _strip_qualifiers(prefix)
    generic = bare == "" or bare.startswith(_GENERIC_PREFIXES)
    head, div = _division_prefix(bare)
    if div is not None and head == bare and bare != prefix and (
            div.level == "province" or re.search(r"[省市县区]级", prefix)):
        generic = True  # 山东省国家级经开区, 某市省级开发区: the zones of an area, a class
    distinctive = bare
    # 重庆永川 → 永川, 株洲市炎陵 → 炎陵: a higher-level area before a place name
    while True:
        head, div = _division_prefix(distinctive)
        rest = distinctive[len(head):]
        if div is None or len(rest) < 2 or div.level == "county" or _division_prefix(rest)[1] is None:
            break
        distinctive = rest
    return generic, distinctive


_TITLE_VERBS = ("建成", "创建", "争创", "打造", "建设成", "获评", "评为", "成为", "跻身")


def _in_title(norm: str, start: int, end: int) -> bool:
    """A park-like name that is the name of an honour or goal (获评“全国十佳智慧产业园区”,
    力争建成一流高新区), not of a park."""
    opened = norm.rfind("“", max(0, start - 12), start)
    if opened >= 0 and "”" not in norm[opened:start] and norm[opened + 1:start].strip():
        return True
    return norm[max(0, start - 4):start].endswith(_TITLE_VERBS)


def _ends_token(tokens: Tokens, offset: int) -> bool:
    i = tokens.index_at(offset - 1) if offset else 0
    return bool(tokens.ends) and tokens.ends[i] == offset


def resolve_parks(parks: list[ParkMention], text: Text, reg: Registry) -> str | None:
    """Group park mentions into entities; bare and bracketed forms go to the main park.

    Returns the key of the main park: the named park mentioned most often (first on a tie).
    """
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for p in parks:
        if p.cls == "FunctionalArea":
            if p.prefix:
                p.key = f"farea:{p.surface}"
                reg.add(p.key, p.cls, p.surface, text.span(p.start, p.end), rule="functional-area")
            continue
        if p.generic:
            continue
        p.key = f"park:{p.distinctive}{p.kind}"
        counts[p.key] = counts.get(p.key, 0) + 1
        first.setdefault(p.key, p.start)
    main = min(counts, key=lambda k: (-counts[k], first[k])) if counts else None
    for p in parks:
        if p.key.startswith("park:"):
            reg.add(p.key, p.cls, p.surface, text.span(p.start, p.end), rule="park-name")
    _bracket_aliases(parks, text, reg)
    main_kind = next((p.kind for p in parks if p.key == main), None)
    main_cls = next((p.cls for p in parks if p.key == main), None)
    # zones of the development-zone kinds the document names: one means a bare 开发区 is it
    peers = {p.key for p in parks if p.key.startswith("park:") and p.cls != "Park"}
    for p in parks:
        if p.key or p.cls == "FunctionalArea":
            continue
        bare = p.prefix in ("", "该", "本")  # (none of which holds a qualifier to strip)
        same_kind = p.kind == main_kind or (p.kind in ("开发区", "园区") and len(peers) <= 1
                                            and main_cls in ("HighTechZone", "EconomicDevelopmentZone"))
        if main is not None and bare and (same_kind or p.prefix):
            p.key = main  # 高新区(滨江), 该高新区: the document's own park
            if p.bracket:
                reg.add(main, "", p.surface, text.span(p.start, p.end), rule="park-name")
        else:  # 国家级高新区, 全市开发区, a bare 开发区 in an article about other kinds of zone
            label = p.surface
            p.key = f"category:{label}"
            reg.add(p.key, "Category", label, text.span(p.start, p.end), rule="park-category", confidence=0.6)
    return main


# Legal forms of company names: the name runs back to the clause's start (四川某某新材料有限公司).
_GENERIC_ORGS = frozenset(words("generic_orgs.txt"))
_GENERIC_LEAD = re.compile(r"^(?:境内外|境内|境外|国内外|规上|规模以上|各类|重点|骨干|龙头|新增|新)")
_NOT_BODIES = ("格局", "布局", "大局", "全局", "结局", "当局", "新局")  # words in 局 that are no bureau
_COMPANY_FORMS = ("股份有限公司", "有限责任公司", "有限公司", "分公司")
_ENDINGS = words("company_endings.txt")  # business words: 科技, 电子 …
# the last characters of the business words (few characters of a text are one of them) where
# it and the one before are the last two of one (业 stands in 产业 and 企业, but ends only 药业
# and 铜业); every business word has two characters or more (re refuses a lookbehind of one)
_ENDING_LAST = re.compile("[" + "".join(sorted({re.escape(e[-1]) for e in _ENDINGS})) + "]"
                          + "(?<=" + "|".join(sorted({re.escape(e[-2:]) for e in _ENDINGS})) + ")")
_CLASS_QUALIFIERS = ("国家级", "省级", "市级", "区级", "县级", "世界级", "各级")
_COUNT_OF_ORGS = re.compile(r"\d+家$")
_TRAILING_BRACKET = re.compile(r"\([^()]*\)$")
_NAME_STOP = re.compile(r"[^\u4e00-\u9fff()A-Za-z]|[的在是为和与及对从由被把将等]")


def _company_start(norm: str, end: int) -> int:
    start = end
    while start > 0 and end - start < 24 and not _NAME_STOP.match(norm[start - 1]):
        start -= 1
    return start


def _token_start(tokens: Tokens, offset: int) -> int:
    """`offset` moved to the start of the token it falls in."""
    return tokens.starts[tokens.index_at(offset)] if tokens.starts else offset


def _bracket_aliases(parks: list[ParkMention], text: Text, reg: Registry) -> None:
    """东湖高新区(中国光谷) … 光谷累计…: a proper name in brackets after a park's name is another
    name of it (without a leading 中国); its later bare uses are mentions of the park. A place
    in brackets (杭州高新区(滨江)) is the park's district, not its name."""
    norm = text.norm
    for p in list(parks):
        if not p.key.startswith("park:") or not p.bracket:
            continue
        alias = p.bracket[1:-1]
        if _division_prefix(alias)[1] is not None or len(alias) < 2:
            continue
        names = [alias] + ([alias[2:]] if alias.startswith("中国") and len(alias) >= 4 else [])
        for name in names:
            for at in occurrences(norm, name):
                end = at + len(name)
                if any(q.start <= at < q.end for q in parks):
                    continue
                reg.add(p.key, "", name, text.span(at, end), rule="park-alias")
                parks.append(ParkMention(at, end, name, "", "", p.cls, p.kind, p.distinctive, False, "",
                                         p.key))
    parks.sort(key=lambda x: x.start)


def find_orgs(text: Text, tokens: Tokens, reg: Registry) -> list[tuple[int, int, str]]:
    norm = text.norm
    out: list[tuple[int, int, str]] = []
    # the starts and ends of `out`, in text order: its names never overlap, so the one that
    # starts last before a range's end is the only one that can overlap the range
    starts: list[int] = []
    ends: list[int] = []

    def free(start: int, end: int) -> bool:
        k = bisect.bisect_left(starts, end)
        return k == 0 or ends[k - 1] <= start

    def keep(start: int, end: int, key: str) -> None:
        out.append((start, end, key))
        k = bisect.bisect_left(starts, start)
        starts.insert(k, start)
        ends.insert(k, end)

    def add(start: int, end: int, rule: str) -> None:
        name = norm[start:end]
        if len(name) < 2 or not free(start, end):
            return
        key = f"org:{name}"
        if rule == "org-mention" and key not in reg.by_key:
            return
        reg.add(key, "Organization", name, text.span(start, end), rule=rule)
        keep(start, end, key)

    word_ends, words_, word_tags = tokens.ends, tokens.words, tokens.tags
    for m in _ORG_SUFFIX.finditer(norm):
        suffix = m.group()
        c = tokens.index_at(m.start())  # the word that covers the ending
        org_word = (bool(word_tags) and word_tags[c] == "nt" and word_ends[c] == m.end()
                    and not words_[c].endswith(_NOT_BODIES))
        aligned = tokens.starts_at(m.start()) or (len(suffix) > 1 and _ends_token(tokens, m.end()))
        if not (aligned or org_word):
            continue  # 格局, 布局: the ending is part of another word (商务厅, an organisation, is not)
        if suffix in _COMPANY_FORMS:
            start = _company_start(norm, m.start())
        else:
            start = left_edge(tokens, m.start(), 0, allow_and=True)
            start = _token_start(tokens, start)
        if m.start() == start and start > 0:  # 三一集团: a numeral word can be a company's name
            c = tokens.index_at(start - 1)
            if word_ends[c] == start and word_tags[c] == "m" and _CJK.fullmatch(words_[c][-1]):
                start = tokens.starts[c]
        if m.start() - start < 1 or _COUNT_OF_ORGS.search(norm[max(0, start - 6):start]):
            continue  # 35家分子公司: a count of organisations, not one
        bare_name = _GENERIC_LEAD.sub("", norm[start:m.end()])
        if norm[start:m.start()].startswith(_CLASS_QUALIFIERS) or bare_name in _GENERIC_ORGS:
            continue  # 省级重点实验室, 上市公司: a class of organisations
        add(start, m.end(), "org-suffix")
    for n in words("org_names.txt"):
        for at in occurrences(norm, n):
            if tokens.starts_at(at):
                start = at
                before = tokens.ending_at(start)
                if before is not None and word_tags[before] == "ns":
                    start = tokens.starts[before]  # 浠水县委: the body of the area named before it
                add(start, at + len(n), "org-known")
    # datelines and bylines: 某某日报讯, 某某网西安3月5日电, 某某日报记者
    for a, _b in text.paragraphs:
        d = _DATELINE.match(norm, a, a + 24)  # (as on the slice: the pattern looks at nothing beyond)
        if d and not d.group(1).startswith("本"):
            add(a, a + len(d.group(1)), "org-dateline")
    _bare_companies(text, tokens, add)
    # every later mention of a name found once (比亚迪落户…, …比亚迪已实现)
    for label in sorted({norm[s:e] for s, e, _ in out}, key=len, reverse=True):
        for at in occurrences(norm, label):
            add(at, at + len(label), "org-mention")
    # a company's short name: 某某电子(上海)有限公司 … 某某目前拥有…
    for _s, _e, key in list(out):
        brand = _brand(reg.by_key[key].label)
        if brand is None:
            continue
        for at in occurrences(norm, brand):
            end = at + len(brand)
            if free(at, end):
                reg.add(key, "Organization", brand, text.span(at, end), rule="org-short-name")
                keep(at, end, key)
    out.sort()
    return out


def _brand(name: str) -> str | None:
    """The short name of a company registered with a legal form: without the form, a place in
    brackets, a leading place name and the business word (X电子(杭州)股份有限公司 → X)."""
    if not name.endswith(_COMPANY_FORMS):
        return None
    for form in _COMPANY_FORMS:
        if name.endswith(form):
            name = name[: -len(form)]
            break
    name = _TRAILING_BRACKET.sub("", name)
    head, div = _division_prefix(name)
    if div is not None and len(name) - len(head) >= 2:
        name = name[len(head):]
    for ending in _ENDINGS:
        if name.endswith(ending) and len(name) - len(ending) >= 2:
            return name[: -len(ending)]
    return None


_DATELINE = re.compile(r"([\u4e00-\u9fff]{1,6}?(?:日报|晚报|时报|网|报|电视台|社))"
                       r"(?:[\u4e00-\u9fff]{0,4}\d|讯|记者|消息)")
_ITEM = r"[\u4e00-\u9fffA-Za-z]{2,8}"
# A list of names followed by what they are: 金刚化工、中煤科工等71家北京企业;
# 某某药业、某某铜业等招商引资项目
_LIST_BEFORE = re.compile(rf"((?:{_ITEM}、)*{_ITEM})等(?:\d+[家个])?[\u4e00-\u9fff]{{0,6}}?(企业|公司|项目)")
# … or preceded by it: 龙头企业甲科技、乙电子
_LIST_AFTER = re.compile(rf"(?:企业|公司)((?:{_ITEM}、)+{_ITEM})(?=[,，。;；])")
# … or by what is said of them: 甲电子、乙纺织被认定为
_LIST_TITLE = re.compile(rf"((?:{_ITEM}、)+{_ITEM})(?=被认定为|被评为|获评|入选|荣获)")
# the end of every match of _LIST_BEFORE (等 up to 企业/公司/项目): the clauses without one are
# not scanned
_LIST_BEFORE_KEY = re.compile(r"等(?:\d+[家个])?[\u4e00-\u9fff]{0,6}?(?:企业|公司|项目)")
_TITLE_WORDS = re.compile("被认定为|被评为|获评|入选|荣获")
_ALIAS = re.compile(r"\(以下简称“([^”]{2,12})”\)")


def _names_something(tokens: Tokens, start: int, end: int) -> bool:
    first, last = tokens.index_at(start), tokens.index_at(end - 1) + 1
    return any(map(_proper, tokens.words[first:last], tokens.tags[first:last]))


def _items_at(start: int, listed: str) -> list[tuple[int, str]]:
    """The items of a 、-list with their offsets."""
    out = []
    for item in listed.split("、"):
        out.append((start, item))
        start += len(item) + 1
    return out


def _bare_companies(text: Text, tokens: Tokens, add: Callable[[int, int, str], None]) -> None:
    """Companies named without a legal form, found from the lists and phrases around them."""
    norm = text.norm
    # the list patterns run only on the clauses that hold their key word (see Text.clauses_with)
    etc_lists = (m for a, b in text.clauses_with(_LIST_BEFORE_KEY) for m in _LIST_BEFORE.finditer(norm, a, b))
    titled_lists = (m for a, b in text.clauses_with(_TITLE_WORDS) for m in _LIST_TITLE.finditer(norm, a, b))
    after = _LIST_AFTER.finditer(norm)  # its lookahead sees the punctuation: the whole text
    for matches, rx, need_ending in ((etc_lists, _LIST_BEFORE, None), (after, _LIST_AFTER, False),
                                     (titled_lists, _LIST_TITLE, True)):
        for m in matches:
            kind = m.group(2) if rx is _LIST_BEFORE else ""
            if rx is _LIST_AFTER and not (tokens.starts_at(m.start()) or _ends_token(tokens, m.start() + 2)):
                continue  # 中小企业孵化园: 企业 inside a word
            if rx is _LIST_AFTER and tokens.tags[tokens.index_at(m.start(1))].startswith("v"):
                continue  # 企业加快扩产、抢抓市场: a list of actions
            if rx is _LIST_AFTER and not all(_names_something(tokens, a, a + len(item))
                                             for a, item in _items_at(m.start(1), m.group(1))):
                continue  # 企业订单饱满、产销两旺: what the companies do, not their names
            pos = m.start(1)
            items = m.group(1).split("、")
            for k, item in enumerate(items):
                start, end = pos, pos + len(item)
                pos = end + 1
                if k == 0:
                    start = max(start, left_edge(tokens, end, start))
                name = norm[start:end]
                ending_ok = name.endswith(_ENDINGS) and len(name) > 2
                if (need_ending or kind == "项目") and not ending_ok:
                    continue
                if len(name) >= 2 and not name.endswith(("企业", "公司", "项目", "产业", "园", "区")):
                    add(start, end, "org-list")
    for m in _ALIAS.finditer(norm):
        add(m.start(1), m.end(1), "org-alias")
    # a short name at a clause's start, ending in a business word: 某某汽车落户, 某某股份成功发行
    ending_in = _ending_in(tokens)
    _clause_companies(text, tokens, add, ending_in)
    starts, ends, tags = tokens.starts, tokens.ends, tokens.tags
    for i in ending_in:
        brand = i > 0 and tags[i - 1] in ("nr", "nz", "nrt") and ends[i - 1] == starts[i]
        if tags[i] == "nt" or brand:
            start = starts[i] if tags[i] == "nt" or i == 0 else starts[i - 1]
            before = norm[start - 1:start] if start else "\n"
            if before in ",，。;；:：\n" and tags[i + 1] in ("v", "d", "ad"):
                add(start, ends[i], "org-brand")


_NAME_TAGS = {"n", "ns", "nr", "nrt", "nz", "nt", "j", "eng", "vn"}
_PROPER_TAGS = {"ns", "nr", "nrt", "nz", "nt", "j", "eng"}
_CLAUSE_OPEN = ",，;；。:：\n"
_TIME_WORDS = re.compile(r"前三季度|上半年|下半年|今年|去年|\d{4}年|一季度|前\d+个月|目前|截至目前")


def _proper(word: str, tag: str) -> bool:
    """A word that names something: tagged as a name, or unknown to jieba's dictionary."""
    return tag in _PROPER_TAGS or (len(word) >= 2 and not rjieba.has_word(word))


def _clause_run(tokens: Tokens, i: int) -> int | None:
    """Index of the first token of the name-like run that ends with token i and opens its
    clause (after punctuation, or after a time word that opens it), or None."""
    norm, words_, tags = tokens.text, tokens.words, tokens.tags
    j = i
    while j > 0 and tags[j - 1] in _NAME_TAGS and not _TIME_WORDS.fullmatch(words_[j - 1]):
        j -= 1
    start = tokens.starts[j]
    lead = norm[max(0, start - 6):start]
    opens = start == 0 or norm[start - 1] in _CLAUSE_OPEN or _TIME_WORDS.search(lead) is not None
    return j if opens and i >= j else None


def _ending_in(tokens: Tokens) -> list[int]:
    """Indices of the words that end in a business word (_ENDINGS), the last word not included.
    Found from the characters of the text that can end one, at the end of a word (a word is
    its text's characters from its start to its end offset): a test of every word in Python
    cost a hundred times as much."""
    ends, words_ = tokens.ends, tokens.words
    out = []
    for m in _ENDING_LAST.finditer(tokens.text):
        k = bisect.bisect_left(ends, m.end())
        if k < len(ends) - 1 and ends[k] == m.end() and words_[k].endswith(_ENDINGS):
            out.append(k)
    return out


def _clause_companies(text: Text, tokens: Tokens, add: Callable[[int, int, str], None],
                      ending_in: list[int]) -> None:
    """长安光电科技前三季度…, 某某科技研发投入…: a short company name that opens its clause, ending
    in a business word after a proper name (a place, a brand jieba does not know).
    `ending_in`: the indices of the words that end in a business word, the last word not included."""
    words_, tags = tokens.words, tokens.tags
    for i in ending_in:
        if words_[i + 1] in _NOT_AFTER_COMPANY:
            continue
        j = _clause_run(tokens, i)
        if j is None or (j == i and len(words_[i]) <= 2):
            continue
        name = "".join(words_[j:i + 1])
        last = i if i > j else i + 1  # the words before the ending (the ending if it is alone)
        if (3 <= len(name) <= 8 and any(map(_proper, words_[j:last], tags[j:last]))
                and name not in _INDUSTRY_WORDS):
            add(tokens.starts[j], tokens.ends[i], "org-clause-subject")


_NOT_AFTER_COMPANY = frozenset({"公司", "企业", "集团", "产业", "行业", "园", "有限公司", "股份", "、", "等",
                                "和", "与", "及", "产业园", "产业集群", "领域"})
_INDUSTRY_WORDS = frozenset(words("industries.txt"))


_COUNT_OF_PROJECTS = re.compile(r"\d+[个项]$")
_GENERIC_PROJECT = re.compile(r"新开工|新建|新签约|新引进|续建|在建|竣工|投产|重点|重大|亿元|招商|产业|"
                              r"储备|签约")


def _indices(items: list[str], value: str) -> Iterator[int]:
    """The indices of `value` in `items`, in order (found by list.index, in C)."""
    i = -1
    while True:
        try:
            i = items.index(value, i + 1)
        except ValueError:
            return
        yield i


def find_projects(text: Text, tokens: Tokens, reg: Registry) -> list[tuple[int, int, str]]:
    """Projects named by a proper name (中原新能源汽车整车项目, 华冶铜箔项目), not kinds of
    project (新建项目, 重点项目): what their numbers (占地, 投资, 产能) are about."""
    out = []
    starts, words_, tags = tokens.starts, tokens.words, tokens.tags
    for i in _indices(words_, "项目"):
        if i == 0:
            continue
        j = i
        while j > 0 and tags[j - 1] in _NAME_TAGS and words_[j - 1] not in _BOUNDARY and i - j < 5:
            j -= 1
        start, end = starts[j], tokens.ends[i]
        if j == i or tags[j] not in _PROPER_TAGS or starts[i] - start < 3:
            continue
        if _GENERIC_PROJECT.match(text.norm, start):
            continue  # 新开工项目, 重点项目: a kind of project
        if _COUNT_OF_PROJECTS.search(text.norm[max(0, start - 5):start]):
            continue  # 75个续建项目: a count of projects, not a named one
        name = text.norm[start:end]
        key = f"project:{name}"
        reg.add(key, "Project", name, text.span(start, end), rule="project-name", confidence=0.6)
        out.append((start, end, key))
    return out


def _area_hits(norm: str, tokens: Tokens) -> list[tuple[int, int, tuple[Division, ...]]]:
    """(start, length, divisions) of each division name in the text, left to right, the
    longest of up to four words at each word that starts one."""
    table_ = divisions()
    hits: list[tuple[int, int, tuple[Division, ...]]] = []
    starts, ends = tokens.starts, tokens.ends
    n = len(starts)
    heads = _first_two_chars()
    hit_end = 0
    # names start and end where words do (大同 is not in 大同小异), and with a division name's
    # first two characters: the words that start so are found from those characters
    for m in _head_chars().finditer(norm):
        i = m.start()
        if i < hit_end or norm[i:i + 2] not in heads:
            continue
        k = bisect.bisect_left(starts, i)
        if k == n or starts[k] != i:
            continue
        for j in range(min(k + 3, n - 1), k - 1, -1):  # the longest of up to four words first
            end = ends[j]
            if end - i > 8:
                continue
            if end - i < 2:
                break
            ds = table_.get(norm[i:end])
            if ds:
                hits.append((i, end - i, ds))
                hit_end = end
                break
    return hits


def find_areas(text: Text, tokens: Tokens, reg: Registry,
               masked: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Administrative areas named in the body, outside park and organisation names."""
    norm = text.norm
    hits = _area_hits(norm, tokens)
    full_in_doc = {d.code for i, n, ds in hits for d in ds if d.name == norm[i:i + n]}
    out: list[tuple[int, int, str]] = []
    masked_ranges = Ranges(masked)
    for i, n, ds in hits:
        name = norm[i:i + n]
        if masked_ranges.hold(i):
            continue
        d = _choose(ds, full_in_doc)
        short = d.name != name
        if d is not None and (not short or d.level in ("province", "city") or d.code in full_in_doc):
            key = f"area:{d.code}"
            e = reg.add(key, "AdministrativeArea", d.name if not short else name, text.span(i, i + n),
                        rule="area-gazetteer", level=d.level, gb_code=d.code if len(ds) == 1 else None)
            if not short and e.label != d.name:  # the full name is the preferred label
                e.alt_labels.append(e.label)
                e.label = d.name
                e.alt_labels = [a for a in e.alt_labels if a != d.name]
            out.append((i, i + n, key))
    return out


@functools.cache
def _first_two_chars() -> frozenset[str]:
    """How division names begin: a word that starts otherwise opens none (most words)."""
    return frozenset(name[:2] for name in divisions() if len(name) >= 2)


@functools.cache
def _head_chars() -> re.Pattern[str]:
    """Where a division name's first two characters may stand: a first character of one before
    a second character of one (the text's characters, scanned in C; most fail the test, and
    slicing two characters out at every word was most of the areas' cost)."""
    heads = _first_two_chars()
    firsts, seconds = ("".join(sorted({h[n] for h in heads})) for n in (0, 1))
    # but not the commonest pairs that pass this test and open no name (高新区, 新区, 增长 …: near
    # a third of the places the test lets through), rejected by a lookbehind from the second
    common = [re.escape(p) for p in _COMMON_NOT_HEADS if p not in heads]
    not_common = f"(?<!{'|'.join(common)})" if common else ""
    return re.compile(f"[{re.escape(firsts)}](?=[{re.escape(seconds)}]{not_common})")


_COMMON_NOT_HEADS = ("高新", "新区", "增长", "工业", "全国", "全市", "全区", "中心", "中国", "平方", "方公",
                     "公里", "开放", "基地", "电子", "务业", "比重", "上市", "平台", "开工", "三大", "两大")


def _choose(ds: tuple[Division, ...], full_in_doc: set[str]) -> Division:
    """Of several divisions with one name, the one the document names in full, else the highest."""
    for d in ds:
        if d.code in full_in_doc:
            return d
    order = {"province": 0, "city": 1, "district": 2, "county": 3}
    return min(ds, key=lambda d: (order[d.level], d.code))


def recognise_names(text: Text, tokens: Tokens, reg: Registry) -> Names:
    names = Names()
    names.orgs = find_orgs(text, tokens, reg)
    names.parks = find_parks(text, tokens)
    names.main_park = resolve_parks(names.parks, text, reg)
    masked = [(s, e) for s, e, _ in names.orgs]
    masked += [(p.start, p.end) for p in names.parks]
    names.areas = find_areas(text, tokens, reg, masked)
    names.projects = find_projects(text, tokens, reg)
    return names


__all__ = ["Names", "ParkMention", "Token", "recognise_names"]
