"""Bytes → `Document`: plain text in any common Chinese encoding, saved HTML pages, PDFs.

The file is read once, into memory, after its size has been checked against a limit; the
SHA-256 is of exactly those bytes. What `Document.text` holds depends on the kind of file:

- plain text: the decoded text, unchanged (no newline conversion, the BOM dropped), so every
  `Span` points at the characters as the file holds them;
- HTML: the main text trafilatura extracts (navigation, footers and comments left out):
  positions are in that extracted text, not in the markup;
- PDF: the text layer as pypdf extracts it, pages joined by a newline.

Every failure is an `InputFileError` with a one-line message that starts with the path.
The heavy libraries (trafilatura ≈ 250 ms to import, pypdf ≈ 170 ms, charset-normalizer
≈ 35 ms) are imported only when a file needs them, so reading UTF-8 text costs nothing extra.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat

from parkgraph.errors import InputFileError, ParkgraphError
from parkgraph.extract.model import Document

__all__ = ["DEFAULT_MAX_BYTES", "SUFFIXES", "read_document"]

# A long article is a few hundred kB of text, a PDF report a few MB; 20 MB leaves room for
# pages with inline images while refusing a mistaken argument (a dump, a video) before it
# is read into memory.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUFFIXES = (".txt", ".html", ".htm", ".pdf")  # what a directory argument is searched for

# Encodings the detector may choose from when the bytes are not UTF-8. Single-byte code pages
# (Latin-1, cp1252 …) are left out on purpose: they "decode" any bytes at all, so with them
# nothing would ever be reported as not text. GB2312 and GBK are subsets of GB18030, which is
# what is decoded with.
_CANDIDATES = ["gb18030", "big5", "big5hkscs", "utf_16", "utf_32"]
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "euc_cn"}
_GB_KEYS = {"gb2312", "gbk", "gb18030", "cp936", "euccn"}  # declared names, without - and _
# Byte-order marks, longest first (the UTF-32 LE mark begins with the UTF-16 LE one).
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "utf-32"),
    (b"\xff\xfe", "utf-16", "utf-16"),
    (b"\xfe\xff", "utf-16", "utf-16"),
]
# Formats that are surely not text, by their first bytes: named in the error message.
_MAGIC = [
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (a .docx or .xlsx is one: save it as text or PDF)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls): save it as text or PDF"),
    (b"\x7fELF", "a program"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
]
# A page saved without its extension: markup at the start, after an XML declaration or comments.
_HTML_SNIFF = re.compile(rb"^(\xef\xbb\xbf)?\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*"
                         rb"<(!doctype\s+html|html|head|body)[\s>]", re.I | re.S)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
_HEADER_LINE = re.compile(r"# ?([A-Za-z_-]+): ?(.*)")
_ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_CN_DATE = re.compile(r"(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日")
_PARENTHESISED = re.compile(r"（[^（）]*）|\([^()]*\)")
_PUBLISHED = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


def read_document(path: str | os.PathLike[str], *, title: str | None = None, url: str | None = None,
                  published: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read the file at `path` into a Document. `title`, `url` and `published` (YYYY-MM-DD,
    YYYY-MM or YYYY) override what the file itself says. Raises InputFileError when the file
    cannot be read as a document: missing, not a regular file, empty, larger than `max_bytes`,
    binary, in no known encoding, an HTML page without article text, a PDF without text."""
    name = os.fspath(path)
    if published is not None and not _PUBLISHED.fullmatch(published):
        raise ParkgraphError(f"--published {published}: give a date as YYYY-MM-DD, YYYY-MM or YYYY")
    data = _read_bytes(name, max_bytes)
    document = _parse(name, data)
    if title is not None:
        document.title = title
    if url is not None:
        document.url = url
    if published is not None:
        document.published = published
    return document


def _read_bytes(name: str, max_bytes: int) -> bytes:
    """The file's bytes, after checking that it is a regular file within the size limit."""
    try:
        # stat before open: opening a FIFO would block until someone writes to it.
        info = os.stat(name)
        if stat.S_ISDIR(info.st_mode):
            raise InputFileError(f"{name}: is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(f"{name}: not a regular file (a pipe, socket or device)")
        _check_size(name, info.st_size, max_bytes)
        with open(name, "rb") as fh:
            data = fh.read(max_bytes + 1)  # +1: notices a file that grew since the stat
    except OSError as error:
        raise InputFileError(f"{name}: cannot read ({error.strerror or error})") from None
    _check_size(name, len(data), max_bytes)
    if not data:
        # Nothing was read at all: most likely a failed download or save, not an article
        # without facts, so it is an error (exit 2) rather than a "no facts found" warning.
        raise InputFileError(f"{name}: empty file (0 bytes)")
    return data


def _check_size(name: str, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        limit = f"{max_bytes / 1048576:g} MB" if max_bytes >= 1048576 else f"{max_bytes} bytes"
        raise InputFileError(
            f"{name}: {size / 1048576:.1f} MB is more than the {limit} limit for one document; split it, "
            "or raise the limit with --max-size"
        )


def _parse(name: str, data: bytes) -> Document:
    sha256 = hashlib.sha256(data).hexdigest()
    file_name = os.path.basename(name)
    if data.startswith(b"%PDF-"):
        return _read_pdf(name, data, sha256, file_name)
    if name.lower().endswith(".pdf"):
        raise InputFileError(f"{name}: named .pdf but not a PDF file (no %PDF- header)")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputFileError(f"{name}: {what}, not a text, HTML or PDF file")
    if name.lower().endswith((".html", ".htm")) or _HTML_SNIFF.match(data[:4096]):
        return _read_html(name, data, sha256, file_name)
    text, encoding, warnings = _decode(name, data)
    document = Document(text=text, sha256=sha256, file_name=file_name, media_type="text/plain",
                        encoding=encoding, warnings=warnings)
    _read_header(document)
    return document


def _decode(name: str, data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """(text, encoding, warnings): a byte-order mark, else the declared charset (HTML), else
    UTF-8, else what charset-normalizer detects among the Chinese encodings and UTF-16/32."""
    warnings: list[str] = []
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label, warnings
            except UnicodeDecodeError as error:
                raise InputFileError(f"{name}: starts with a {label} byte-order mark but is not {label} "
                                     f"(byte {error.start})") from None
    if b"\x00" in data:  # UTF-16/32 without a byte-order mark is rare; NULs mean binary
        raise InputFileError(f"{name}: a binary file (it holds NUL bytes), not a text, HTML or PDF file")
    if declared is not None:
        key = declared.lower().replace("-", "").replace("_", "").removeprefix("x")
        codec = "gb18030" if key in _GB_KEYS else declared
        try:
            return data.decode(codec), codec.lower(), warnings
        except LookupError:
            warnings.append(f"the page declares an unknown charset {declared!r}; detecting")
        except UnicodeDecodeError:
            warnings.append(f"the page declares charset {declared} but is not in it; detecting")
    try:
        return data.decode("utf-8"), "utf-8", warnings
    except UnicodeDecodeError as error:
        if error.end == len(data) and error.reason == "unexpected end of data":
            # All UTF-8 but the last character, cut in half: a truncated download or copy. The
            # text up to it is sound, so it is read, and the cut said.
            warnings.append(f"the last {len(data) - error.start} bytes are an incomplete UTF-8 character "
                            "(a truncated file?); left out")
            return data[:error.start].decode("utf-8"), "utf-8", warnings
        not_utf8 = f"byte 0x{data[error.start]:02X} at offset {error.start} is not UTF-8"
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_CANDIDATES).best()
    if best is None:
        raise InputFileError(f"{name}: not text in any known encoding ({not_utf8}, and neither GB18030, "
                             "Big5 nor UTF-16 explains the bytes)")
    codec = "gb18030" if best.encoding in _GB_FAMILY else best.encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:  # the detector tolerates a few bad bytes; evidence must not
        raise InputFileError(f"{name}: not text in any known encoding (nearest: {_label(codec)}, "
                             "with bytes it cannot decode)") from None
    # charset-normalizer's own legacy `detect()` reports confidence as 1 − chaos.
    warnings.append(f"decoded as {_label(codec)} (detected, confidence {1 - best.chaos:.2f})")
    return text, _label(codec).lower(), warnings


def _label(codec: str) -> str:
    return {"gb18030": "GB18030", "big5": "Big5", "big5hkscs": "Big5-HKSCS", "utf_16": "UTF-16",
            "utf_32": "UTF-32"}.get(codec.lower(), codec)


def _read_header(document: Document) -> None:
    """The corpus header: leading `# key: value` lines (source, title, note); the body starts
    after them and the blank lines that follow. The source goes to `url` when it is an
    http(s) address, otherwise into the note; the note's date (the one outside brackets,
    which are for where the copy was found) becomes `published`."""
    text = document.text
    pos = 0
    fields: dict[str, str] = {}
    while pos < len(text) and text.startswith("#", pos):
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        m = _HEADER_LINE.match(text, pos, end)
        if not m:  # a body that opens with a hashtag (#永川高新区#) is no header
            break
        fields.setdefault(m.group(1).lower(), m.group(2).strip())
        pos = end
    if pos == 0:
        return
    while pos < len(text):  # the blank lines between the header and the body
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end + 1
        if text[pos:end].strip():
            break
        pos = end
    document.body_start = pos
    document.title = fields.get("title") or None
    note = fields.get("note") or None
    source = fields.get("source") or fields.get("url")
    if source and re.match(r"https?://\S+$", source):
        document.url = source
    elif source:
        note = f"{note} (source: {source})" if note else f"source: {source}"
    document.note = note
    document.published = _note_date(fields.get("date") or fields.get("published") or note or "")


def _note_date(note: str) -> str | None:
    outside = note
    while True:  # nested brackets: strip the innermost until none is left
        stripped = _PARENTHESISED.sub("", outside)
        if stripped == outside:
            break
        outside = stripped
    for candidate in (outside, note):
        for pattern in (_ISO_DATE, _CN_DATE):
            m = pattern.search(candidate)
            if m:
                year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
                if 1 <= month <= 12 and 1 <= day <= 31:
                    return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _read_html(name: str, data: bytes, sha256: str, file_name: str) -> Document:
    """The page's main text and metadata, with trafilatura: offline (it is handed a string and
    never fetches), comments left out, precision over recall so that navigation, related
    links and footers stay out of the text the rules read."""
    m = _META_CHARSET.search(data[:8192])
    declared = m.group(1).decode("ascii") if m else None
    html, encoding, warnings = _decode(name, data, declared)
    import trafilatura
    from trafilatura.settings import use_config

    config = use_config()
    # Short releases (a 150-character announcement) are articles too: trafilatura's default
    # minimum of 250 characters would drop them and fall back to the whole page.
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "50")
    try:
        result = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                             favor_precision=True, include_tables=True, config=config)
    except Exception as error:  # lxml and trafilatura raise many kinds on broken markup
        detail = f"{type(error).__name__}: {error}"
        raise InputFileError(f"{name}: cannot parse the HTML page ({detail})") from None
    text = getattr(result, "text", None) if result is not None else None
    if not text or not text.strip():
        raise InputFileError(f"{name}: no article text found in the HTML page")
    published = getattr(result, "date", None)
    return Document(
        text=text,  # the extracted text: every position is in it, not in the markup
        sha256=sha256,
        file_name=file_name,
        media_type="text/html",
        encoding=encoding,
        title=getattr(result, "title", None) or None,
        url=getattr(result, "url", None) or None,
        published=published if published and _PUBLISHED.fullmatch(published) else None,
        warnings=warnings,
    )


def _read_pdf(name: str, data: bytes, sha256: str, file_name: str) -> Document:
    """The PDF's text layer, page by page, with pypdf."""
    import io
    import logging

    import pypdf

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings about odd objects are noise here
    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise InputFileError(f"{name}: the PDF is encrypted with a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except InputFileError:
        raise
    except Exception as error:  # a damaged PDF makes pypdf raise almost anything (IndexError …)
        detail = " ".join(f"{type(error).__name__}: {error}".split())[:200]
        raise InputFileError(f"{name}: not a readable PDF ({detail})") from None
    # NUL is never text: pypdf decodes the two-byte codes of some generators' fonts (fpdf2
    # writes the encoding as an embedded CMap instead of /Identity-H) a byte at a time, which
    # puts a NUL before every character.
    text = "\n".join(page.replace("\x00", "").strip("\n") for page in pages)
    if not text.strip():
        raise InputFileError(f"{name}: the PDF has no text layer (scanned?); run OCR first")
    # The PDF's Title is kept; its CreationDate is when the file was made, not when the text
    # was published, so it does not become `published`.
    title = str(info.title).strip() if info is not None and info.title else None
    return Document(text=text, sha256=sha256, file_name=file_name, media_type="application/pdf",
                    encoding="pdf-text-layer", title=title or None)
