"""Reading documents (parkgraph.extract.reading): encodings, the corpus header, HTML, PDF,
and every kind of input that cannot be read, each a one-line InputFileError."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from conftest import IN_CI, ROOT

from parkgraph.errors import InputFileError, ParkgraphError
from parkgraph.extract.reading import DEFAULT_MAX_BYTES, read_document

CORPUS = Path(os.environ.get("PARKGRAPH_CORPUS", ROOT.parent / "shared" / "corpus"))
ARTICLE = "a1_yongchuan-htz-nev-auto-cluster-2024.txt"

# Traditional Chinese (Big5 cannot hold the simplified characters of the corpus): a release
# about a Taiwanese science park, as such pages are still often saved in Big5.
TRADITIONAL = (
    "新竹科學園區成立於一九八零年，是臺灣第一個科學工業園區。園區管理局表示，去年園區營業額"
    "達到新臺幣一兆五千億元，較前年成長百分之十二點五，其中積體電路產業佔七成以上。\n"
    "園區目前有廠商五百多家，從業人員超過十五萬人。管理局將持續推動產業升級，吸引國際企業"
    "進駐，並擴大研發投資。\n"
)

ARTICLE_HTML = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={charset}">
<title>合肥高新区升至全国第七_科技新闻_某某网</title>
<meta property="og:title" content="2022年国家高新区综合评价排名出炉 合肥高新区升至第七">
<meta name="publishdate" content="2023-02-17">
<link rel="canonical" href="https://news.example.cn/tech/2023/0217/123456.html">
</head>
<body>
<div class="top-bar"><a href="/">首页</a> | <a href="/news/">新闻</a> | <a href="/tech/">科技</a>
 | <a href="/login">登录</a> | <a href="/register">注册</a></div>
<nav class="menu"><ul><li><a href="/a">国内</a></li><li><a href="/b">国际</a></li>
<li><a href="/c">财经</a></li><li><a href="/d">园区</a></li></ul></nav>
<div class="main">
<article>
<h1>2022年国家高新区综合评价排名出炉 合肥高新区升至第七</h1>
<div class="info">来源：央广网 2023-02-17 10:21 编辑：张三</div>
<p>2月17日，科技部火炬中心公布了2022年国家高新区综合评价结果，合肥高新区在全国177家国家高新区中位列第七，较上年前进3位，创历史最好成绩。</p>
<p>近年来，合肥高新区坚持以科技创新为引领，聚焦人工智能、量子信息、集成电路等前沿领域，集聚高新技术企业2000多家，培育上市企业30家。</p>
<p>2022年，合肥高新区实现地区生产总值1350亿元，同比增长6.5%；规模以上工业增加值增长9.2%。</p>
<p>下一步，合肥高新区将加快建设世界领先科技园区，力争到2025年综合排名进入全国前五。</p>
</article>
<div class="related"><h3>相关阅读</h3><ul><li><a href="/x1">某地高新区发布新政策</a></li>
<li><a href="/x2">科技园区建设观察</a></li></ul></div>
</div>
<footer><p>版权所有 © 2023 某某网 京ICP备12345678号</p>
<p>关于我们 | 联系我们 | 广告服务 | 网站地图</p></footer>
</body>
</html>
"""

EMPTY_HTML = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>页面不存在</title></head>
<body><nav><a href="/">首页</a> <a href="/news">新闻</a></nav><div id="app"></div>
<footer>版权所有 © 2023</footer><script>window.location='/';</script></body></html>
"""


def corpus_article(name: str = ARTICLE) -> Path:
    path = CORPUS / "dev" / "articles" / name
    if not path.is_file():
        message = f"MISSING CORPUS {path} (the shared corpus beside the repository)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return path


def cjk_font() -> str:
    path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
    if os.path.isfile(path):
        return path
    message = "MISSING FONT Noto Sans CJK (fonts-noto-cjk); `make test` as root installs it"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


def one_line_error(path: Path, needle: str, **kwargs: object) -> str:
    with pytest.raises(InputFileError) as caught:
        read_document(path, **kwargs)  # type: ignore[arg-type]
    message = caught.value.message
    assert "\n" not in message and message.startswith(str(path)), message
    assert needle in message, message
    return message


# --- plain text in its encodings ---------------------------------------------------------


def test_utf8_gb18030_and_gbk_versions_decode_to_the_same_text(tmp_path: Path) -> None:
    original = corpus_article().read_text(encoding="utf-8")
    versions = {
        "utf8.txt": (original.encode("utf-8"), "utf-8"),
        "bom.txt": (b"\xef\xbb\xbf" + original.encode("utf-8"), "utf-8"),
        "gb18030.txt": (original.encode("gb18030"), "gb18030"),
        "gbk.txt": (original.encode("gbk"), "gb18030"),  # decoded with the superset
        "utf16.txt": (original.encode("utf-16"), "utf-16"),  # with its byte-order mark
    }
    reference = None
    for name, (data, encoding) in versions.items():
        (tmp_path / name).write_bytes(data)
        document = read_document(tmp_path / name)
        assert document.text == original, name
        assert document.encoding == encoding, name
        assert document.sha256 == hashlib.sha256(data).hexdigest()
        assert document.file_name == name and document.media_type == "text/plain"
        meta = (document.body_start, document.title, document.url, document.published, document.note)
        assert reference is None or meta == reference, name
        reference = meta
        detected = [w for w in document.warnings if w.startswith("decoded as")]
        if encoding == "gb18030":
            assert detected and detected[0].startswith("decoded as GB18030 (detected, confidence "), detected
        else:
            assert not detected, (name, document.warnings)


def test_big5_decodes_to_the_same_text_as_utf8(tmp_path: Path) -> None:
    (tmp_path / "utf8.txt").write_bytes(TRADITIONAL.encode("utf-8"))
    (tmp_path / "big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    utf8, big5 = read_document(tmp_path / "utf8.txt"), read_document(tmp_path / "big5.txt")
    assert big5.text == utf8.text == TRADITIONAL
    assert (utf8.encoding, big5.encoding) == ("utf-8", "big5")
    assert big5.warnings[0].startswith("decoded as Big5 (detected, confidence ")


def test_text_is_kept_as_read_so_positions_point_into_the_file(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes("# title: 标题\r\n\r\n园区产值100亿元。\r\n第二段。\r\n".encode())
    document = read_document(path)
    assert document.text == "# title: 标题\r\n\r\n园区产值100亿元。\r\n第二段。\r\n"
    assert document.text[document.body_start:].startswith("园区产值100亿元")
    assert document.title == "标题"


# --- the corpus header --------------------------------------------------------------------


def test_corpus_header_gives_title_url_note_date_and_body_start() -> None:
    path = corpus_article()
    text = path.read_text(encoding="utf-8")
    document = read_document(path)
    assert document.title == "培育“永川造”新能源汽车产业集群"
    assert document.url == "https://nextvapk.com/xw/dfbd/20240827/258954.html"
    assert document.published == "2024-08-27"
    assert document.note is not None and document.note.startswith("科技日报")
    body = text.split("\n\n", 1)[1].lstrip("\n")
    assert document.text[document.body_start:] == body
    assert not document.text[document.body_start:].startswith(("#", "\n"))


def test_the_publication_date_is_the_one_outside_brackets(tmp_path: Path) -> None:
    # The bracket says when a copy was found (转载时间2023-04-25); the date after it is the article's.
    path = tmp_path / "a.txt"
    path.write_text("# source: http://example.cn/a.html\n# title: 标题\n# note: 中国青年网（记者张秋红；"
                    "转载时间2023-04-25），2023-04-24。本文是改写。\n\n正文。\n", encoding="utf-8")
    assert read_document(path).published == "2023-04-24"


def test_a_source_that_is_not_an_address_goes_into_the_note(tmp_path: Path) -> None:
    path = tmp_path / "s.txt"
    path.write_text("# source: seed document 000_x.txt\n# title: 标题\n# note: the seed article.\n\n正文。\n",
                    encoding="utf-8")
    document = read_document(path)
    assert document.url is None and document.published is None
    assert document.note == "the seed article. (source: seed document 000_x.txt)"


def test_options_override_the_header() -> None:
    given = ("另一个标题", "https://example.cn/x", "2024-09")
    document = read_document(corpus_article(), title=given[0], url=given[1], published=given[2])
    assert (document.title, document.url, document.published) == given


def test_a_malformed_published_date_is_refused() -> None:
    with pytest.raises(ParkgraphError, match=r"--published 2024/08/27: give a date as YYYY-MM-DD"):
        read_document(corpus_article(), published="2024/08/27")


def test_a_body_that_opens_with_a_hashtag_is_no_header(tmp_path: Path) -> None:
    path = tmp_path / "weibo.txt"
    path.write_text("#永川高新区# 规上工业总产值突破940亿元。\n", encoding="utf-8")
    document = read_document(path)
    assert (document.body_start, document.title) == (0, None)


def test_a_text_without_a_header(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text("永川高新区规上工业总产值突破940亿元。\n", encoding="utf-8")
    document = read_document(path)
    assert (document.body_start, document.title, document.url, document.published) == (0, None, None, None)


# --- HTML -------------------------------------------------------------------------------


@pytest.mark.parametrize(("charset", "codec", "encoding"), [("utf-8", "utf-8", "utf-8"),
                                                           ("gb2312", "gb18030", "gb18030")])
def test_html_main_text_and_metadata(tmp_path: Path, charset: str, codec: str, encoding: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(ARTICLE_HTML.replace("{charset}", charset).encode(codec))
    document = read_document(path)
    assert document.media_type == "text/html" and document.encoding == encoding
    assert "合肥高新区在全国177家国家高新区中位列第七，较上年前进3位" in document.text
    assert "实现地区生产总值1350亿元，同比增长6.5%" in document.text
    for noise in ("首页", "登录", "版权所有", "京ICP备", "相关阅读", "网站地图", "财经"):
        assert noise not in document.text, noise
    assert document.title is not None and "合肥高新区升至第七" in document.title
    assert document.published == "2023-02-17"
    assert document.url == "https://news.example.cn/tech/2023/0217/123456.html"
    assert document.body_start == 0  # the extracted text is all body; positions are in it


@pytest.mark.parametrize("prefix", [b"", b"\xef\xbb\xbf", b'<?xml version="1.0" encoding="gb2312"?>\n'])
def test_html_is_sniffed_without_its_extension(tmp_path: Path, prefix: bytes) -> None:
    path = tmp_path / "saved.txt"
    charset, codec = ("gb2312", "gb18030") if prefix.startswith(b"<?xml") else ("utf-8", "utf-8")
    path.write_bytes(prefix + ARTICLE_HTML.replace("{charset}", charset).encode(codec))
    document = read_document(path)
    assert document.media_type == "text/html" and "较上年前进3位" in document.text


def test_html_that_lies_about_its_charset_is_detected(tmp_path: Path) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(ARTICLE_HTML.replace("{charset}", "utf-8").encode("gb18030"))
    document = read_document(path)
    assert document.encoding == "gb18030" and "较上年前进3位" in document.text
    assert any("declares charset utf-8 but is not in it" in w for w in document.warnings)


def test_html_without_article_text(tmp_path: Path) -> None:
    path = tmp_path / "404.html"
    path.write_text(EMPTY_HTML, encoding="utf-8")
    one_line_error(path, "no article text found in the HTML page")


# --- PDF --------------------------------------------------------------------------------


def make_pdf(path: Path, lines: list[str] | None, title: str | None = None) -> None:
    """A PDF made by fpdf2: with `lines` as its text layer in Noto Sans CJK, or, for None, only
    a filled rectangle (what a scan looks like to a text extractor: no text at all)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    if title:
        pdf.set_title(title)
    if lines is None:
        pdf.rect(20, 20, 120, 160, style="F")
    else:
        pdf.add_font("noto", fname=cjk_font(), collection_font_number=2)  # 2: the SC face
        pdf.set_font("noto", size=12)
        for line in lines:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
        pdf.add_page()
        pdf.cell(0, 10, "第二页：力争到2025年综合排名进入全国前五。")
    pdf.output(str(path))


def test_pdf_with_a_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    lines = ["合肥高新区位列全国第七，较上年前进3位。", "集聚高新技术企业2000多家。"]
    make_pdf(path, lines, title="合肥高新区")
    document = read_document(path)
    assert document.media_type == "application/pdf" and document.title == "合肥高新区"
    assert document.text == ("合肥高新区位列全国第七，较上年前进3位。\n集聚高新技术企业2000多家。\n"
                             "第二页：力争到2025年综合排名进入全国前五。")
    assert document.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_pdf_without_a_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    make_pdf(path, None)
    one_line_error(path, "the PDF has no text layer (scanned?); run OCR first")


def test_a_broken_pdf(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n" + os.urandom(2000))
    one_line_error(path, "not a readable PDF")


def test_a_file_named_pdf_that_is_not_one(tmp_path: Path) -> None:
    path = tmp_path / "fake.pdf"
    path.write_text("园区产值100亿元。", encoding="utf-8")
    one_line_error(path, "named .pdf but not a PDF file")


# --- input that cannot be read ------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    one_line_error(path, "empty file (0 bytes)")


@pytest.mark.parametrize(("data", "needle"), [
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "a PNG image, not a text, HTML or PDF file"),
    (b"PK\x03\x04" + bytes(200), "a ZIP archive"),
    (b"\x7fELF\x02\x01\x01" + bytes(200), "a program"),
    ("园区产值".encode() + b"\x00\x01\x02\x03" + bytes(100), "a binary file (it holds NUL bytes)"),
])
def test_binary_files(tmp_path: Path, data: bytes, needle: str) -> None:
    path = tmp_path / "thing.txt"
    path.write_bytes(data)
    one_line_error(path, needle)


def test_bytes_that_no_encoding_explains(tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    # Bytes 0x80–0xFF in a row, never a valid UTF-8 or GB18030/Big5 sequence throughout.
    path.write_bytes(bytes(range(0x80, 0x100)) * 8)
    one_line_error(path, "not text in any known encoding")


def test_a_stray_byte_in_utf8_is_refused_with_its_offset(tmp_path: Path) -> None:
    data = bytearray(corpus_article().read_bytes())
    data[500] = 0xFF  # never valid in UTF-8, and the rest is no GB18030 or Big5 either
    path = tmp_path / "stray.txt"
    path.write_bytes(bytes(data))
    one_line_error(path, "not text in any known encoding (byte 0xFF at offset 500 is not UTF-8")


def test_utf8_cut_in_the_middle_of_its_last_character_is_read(tmp_path: Path) -> None:
    text = corpus_article().read_text(encoding="utf-8").rstrip()
    path = tmp_path / "cut.txt"
    path.write_bytes(text.encode("utf-8")[:-1])  # the last character is a CJK one: 3 bytes, 1 lost
    document = read_document(path)
    assert document.encoding == "utf-8" and document.text == text[:-1]
    assert document.warnings == ["the last 2 bytes are an incomplete UTF-8 character (a truncated file?); "
                                 "left out"]


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:  # sparse: 50 MB on paper, nothing on disk
        fh.truncate(50 * 1024 * 1024)
    message = one_line_error(path, "50.0 MB is more than the 20 MB limit for one document")
    assert "--max-size" in message
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


def test_the_limit_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("园区" * 1000, encoding="utf-8")
    one_line_error(path, "0.0 MB is more than the 1000 bytes limit", max_bytes=1000)
    assert read_document(path, max_bytes=10_000).text == "园区" * 1000


def test_missing_file_directory_fifo_and_broken_symlink(tmp_path: Path) -> None:
    one_line_error(tmp_path / "missing.txt", "cannot read (No such file or directory)")
    one_line_error(tmp_path, "is a directory")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it would block: refused from its stat alone
    one_line_error(fifo, "not a regular file")
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    one_line_error(link, "cannot read (No such file or directory)")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads a file whatever its mode; the FIFO and dangling link cover it")
def test_a_file_without_read_permission(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("园区", encoding="utf-8")
    path.chmod(0)
    one_line_error(path, "cannot read (Permission denied)")


def test_a_readable_text_with_nothing_in_it_is_no_error(tmp_path: Path) -> None:
    path = tmp_path / "blank.txt"
    path.write_text("\n\n   \n", encoding="utf-8")
    assert read_document(path).text == "\n\n   \n"
