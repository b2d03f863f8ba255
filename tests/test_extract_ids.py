"""Identifiers from Chinese names: pinyin traps, ASCII kebab-case, uniqueness, determinism."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from parkgraph.extract.ids import MAX_LOCAL, IdMinter, is_local_name, pinyin_words, slug, source_slug

KEBAB = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")

# Place names whose reading pypinyin's default dictionary gets wrong (NLP-PACKAGES.md) or that
# are classic polyphone traps it gets right; the identifier must carry the official reading.
TRAPS = [
    ("长治", "changzhi"),
    ("长治高新区", "park-changzhi-gaoxinqu"),
    ("单县", "shanxian"),
    ("洪洞县", "hongtong-xian"),
    ("涡阳县", "guoyang-xian"),
    ("重庆市", "chongqing-shi"),
    ("长沙", "changsha"),
    ("蚌埠", "bengbu"),
    ("六安", "luan"),
    ("长泰", "changtai"),
    ("长三角", "changsanjiao"),
    ("番禺", "panyu"),
    ("乐清", "yueqing"),
    ("亳州", "bozhou"),
    ("东阿", "donge"),
]


@pytest.mark.parametrize(("label", "expected"), TRAPS)
def test_polyphone_traps(label: str, expected: str) -> None:
    if expected.startswith("park-"):
        assert slug(label, "park") == expected
    else:
        assert "-".join(pinyin_words(label)) == expected


@pytest.mark.parametrize(
    ("label", "prefix", "expected"),
    [
        ("永川高新区", "park", "park-yongchuan-gaoxinqu"),
        ("重庆永川高新技术产业开发区", "park", "park-chongqing-yongchuan-gaoxinjishu-chanye-kaifaqu"),
        ("杭州高新区（滨江）", "park", "park-hangzhou-gaoxinqu-binjiang"),
        ("苏州工业园区", "park", "park-suzhou-gongyeyuanqu"),
        ("永川区", "area", "area-yongchuan-qu"),
        ("国家级高新区", "category", "category-guojiaji-gaoxinqu"),  # a lone 级 ends the word before it
        ("大数据", "industry", "industry-dashuju"),
        ("“十四五”期间", "period", "period-shisiwu-qijian"),
        ("2024年1—11月", "period", "period-2024-nian-1-11-yue"),
        ("“3322”", "strategy", "strategy-3322"),
        ("1+X", "strategy", "strategy-1-x"),
        ("５Ｇ＋工业互联网", "industry", "industry-5g-gongye-hulianwang"),
        ("绿色低碳", "industry", "industry-lvse-ditan"),  # ü as v
        ("𠀋", "org", "org-u2000b"),  # no reading: its code point
        ("Café Ltd.", "org", "org-cafe-ltd"),
        ("“”（）", "org", "org-x" + __import__("hashlib").sha1("“”（）".encode()).hexdigest()[:6]),
    ],
)
def test_readable_words(label: str, prefix: str, expected: str) -> None:
    assert slug(label, prefix) == expected


def test_ascii_kebab_case_for_any_text() -> None:
    samples = [
        "永川高新区",
        "𠀋𠀋",
        'a"b\\c\nd',
        "ÄÖÜ",
        "٣٤",
        "🙂园区",
        "",
        "  ",
        "-_-",
        "第27位",
        "1+X+Y",
        "Ⅲ期",
    ]
    for label in samples:
        for prefix in ("park", "obs"):
            local = slug(label, prefix)
            assert local.isascii() and KEBAB.fullmatch(local), (label, local)
            assert is_local_name(local)


def test_long_names_are_cut_at_a_word_with_a_hash() -> None:
    long_ = "重庆永川高新技术产业开发区智能网联新能源汽车零部件产业集群先进制造业基地示范区"
    local = slug(long_, "cluster")
    assert len(local) <= MAX_LOCAL and KEBAB.fullmatch(local)
    other = slug(long_ + "二期", "cluster")
    assert local != other and len(other) <= MAX_LOCAL
    assert local.rsplit("-", 1)[0] == other.rsplit("-", 1)[0]  # same words, different hash
    huge = slug("汽" * 200, "industry")
    assert huge.startswith("industry-qiqi-qiqi-") and len(huge) <= MAX_LOCAL


def test_deterministic_across_processes() -> None:
    code = "from parkgraph.extract.ids import slug; print(slug('涡阳县经济开发区', 'park'))"
    out = {
        subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
        for _ in range(2)
    }
    assert out == {"park-guoyang-xian-jingjikaifaqu\n"}


def test_unique_within_a_document() -> None:
    minter = IdMinter("doc-12345678")
    a = minter.named("park", "杭州高新区(滨江)", "park:1")
    b = minter.named("park", "杭州高新区（滨江）", "park:2")  # same words, another entity
    c = minter.named("park", "杭州高新区滨江", "park:3")
    assert (a, b, c) == (
        "park-hangzhou-gaoxinqu-binjiang",
        "park-hangzhou-gaoxinqu-binjiang-2",
        "park-hangzhou-gaoxinqu-binjiang-3",
    )
    assert minter.named("park", "杭州高新区(滨江)", "park:1") == a  # asked again: the same
    assert minter.named("area", "杭州高新区(滨江)", "park:1") == "area-hangzhou-gaoxinqu-binjiang"


def test_entity_names_agree_across_documents_and_scoped_ones_do_not() -> None:
    one, two = IdMinter(source_slug("a.txt", "11" * 32)), IdMinter(source_slug("a.txt", "22" * 32))
    assert one.named("park", "永川高新区", "k") == two.named("park", "永川高新区", "other-key")
    assert one.scoped("obs", 1) != two.scoped("obs", 1)
    assert one.scoped("obs", 1) == "obs-a-11111111-1"


def test_source_slug() -> None:
    assert source_slug("000_3dca68174ba47f8d.txt", "67688348" + "0" * 56) == "000-3dca68174ba47f8d-67688348"
    assert source_slug("dir/永川新闻.HTML", "ABCDEF12" + "0" * 56) == "yongchuan-xinwen-abcdef12"
    long_ = source_slug("b2_guangzhou-huangpu-edz-trillion-manufacturing-plan-2021.txt", "ab" * 32)
    assert long_ == "b2-guangzhou-huangpu-edz-abababab" and KEBAB.fullmatch(long_)
