"""Reading the text of a SPARQL request without running it: its form, SERVICE, parameters.

pyoxigraph has no algebra API, so the safety checks work on tokens: strings, IRIs and
comments are consumed whole, so that `"SERVICE"`, `<http://x/SERVICE>`, `# SERVICE` and
`?service` are never mistaken for the keyword. The engine is the second line of defence:
a query runs through `Store.query`, whose grammar has no update operations at all.
"""

from __future__ import annotations

import re

from parkgraph.errors import QueryError

QUERY_FORMS = frozenset({"select", "ask", "construct", "describe"})
UPDATE_FORMS = frozenset(
    {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
)

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<word>[?$]?[^\s{}()\[\]<>"',;\#.^|!&=*/+\-]+(?:[.\-][^\s{}()\[\]<>"',;\#.^|!&=*/+\-]+)*)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class Token:
    __slots__ = ("kind", "pos", "text")

    def __init__(self, kind: str, text: str, pos: int) -> None:
        self.kind, self.text, self.pos = kind, text, pos

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.text!r}, {self.pos})"


def tokens(text: str) -> list[Token]:
    """Tokens of `text`, without whitespace and comments; unterminated strings are errors."""
    out: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind in ("ws", "comment"):
            continue
        if kind == "other" and match.group() in "'\"":
            line, col = line_col(text, match.start())
            raise QueryError(f"query line {line}, column {col}: unterminated string")
        out.append(Token(kind, match.group(), match.start()))
    return out


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class QueryText:
    """What the safety checks and the remote client need to know about a request."""

    __slots__ = ("form", "service", "text", "toks")

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokens(text)
        words = [t.text.lower() for t in self.toks if t.kind == "word"]
        self.form = next((w for w in words if w in QUERY_FORMS or w in UPDATE_FORMS), "")
        self.service = "service" in words

    @property
    def is_update(self) -> bool:
        return self.form in UPDATE_FORMS

    @property
    def is_graph(self) -> bool:
        """CONSTRUCT or DESCRIBE: the answer is RDF, not a table."""
        return self.form in ("construct", "describe")

    def where_brace(self) -> int:
        """Offset just after the `{` that opens the top-level WHERE group (for VALUES)."""
        depth, seen_form, after_where = 0, False, False
        for tok in self.toks:
            low = tok.text.lower()
            if tok.kind == "word" and low == self.form:
                seen_form = True
            elif tok.kind == "word" and low == "where" and depth == 0:
                after_where = True
            elif tok.text == "{":
                opens_where = after_where or (seen_form and self.form in ("select", "ask", "describe"))
                if depth == 0 and opens_where:
                    return tok.pos + 1
                depth += 1
            elif tok.text == "}":
                depth -= 1
        raise QueryError("cannot bind parameters: the query has no WHERE { … } group")

    def with_values(self, block: str) -> str:
        """The query with `block` (a VALUES clause) first inside its WHERE group."""
        at = self.where_brace()
        return f"{self.text[:at]} {block} {self.text[at:]}"


_PYOX_ERROR = re.compile(r"^error at (\d+):(\d+): (.*)$", re.DOTALL)


def syntax_error_message(text: str, detail: str, what: str = "query") -> str:
    """One line from pyoxigraph's parser message: where, what, and the line of the query.

    `error at 3:2: expected OPTIONAL` becomes
    `query line 3, column 2: syntax error, expected OPTIONAL: ?s ?p`.
    """
    unknown = unknown_prefix(text)
    if unknown is not None:
        return unknown
    match = _PYOX_ERROR.match(detail.strip())
    if not match:
        return f"{what}: syntax error: {first_line(detail)}"
    line, col, why = int(match.group(1)), int(match.group(2)), match.group(3)
    if "Prefix not found" in why:
        why = "unknown prefix (declare it with PREFIX, or see `parkgraph query --help` for the built-in ones)"
    else:
        why = "syntax error, " + first_line(why)
    lines = text.splitlines()
    source = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    shown = source if len(source) <= 80 else source[:77] + "…"
    return f"{what} line {line}, column {col}: {why}" + (f": {shown}" if shown else "")


def first_line(text: str, limit: int = 160) -> str:
    line = " ".join(text.strip().splitlines()[0].split()) if text.strip() else ""
    return line if len(line) <= limit else line[: limit - 1] + "…"


def unknown_prefix(text: str) -> str | None:
    """`query line 2, column 7: unknown prefix ex:` for the first undeclared prefix used."""
    from parkgraph.namespaces import PREFIXES

    toks = tokens(text)
    declared = set(PREFIXES)
    for i, tok in enumerate(toks):
        if tok.kind == "word" and tok.text.lower() == "prefix" and i + 1 < len(toks):
            declared.add(toks[i + 1].text.split(":", 1)[0])
    for tok in toks:
        if tok.kind != "word" or tok.text[0] in "?$@" or ":" not in tok.text or tok.text[0].isdigit():
            continue
        prefix = tok.text.split(":", 1)[0]
        if prefix not in declared and prefix.lower() not in ("http", "https", "urn", "mailto"):
            line, col = line_col(text, tok.pos)
            return (
                f"query line {line}, column {col}: unknown prefix {prefix}: (declare it with PREFIX; "
                "pg, pgr, rdf, rdfs, owl, xsd, skos, prov, time, dcterms, schema, qb, org … are built in)"
            )
    return None
