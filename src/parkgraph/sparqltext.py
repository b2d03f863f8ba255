"""Reading the text of a SPARQL request without running it: its form, SERVICE, parameters.

The form (query or update) comes from tokens: strings, IRIs and comments are consumed
whole, so that `"INSERT"`, `<http://x/DELETE>` and `# LOAD` are never mistaken for keywords;
the engine is the second line of defence (a query runs through `Store.query`, whose grammar
has no update operations at all). SERVICE is decided from the parse tree (sparqlparse,
rdflib's parser); the text only clears it when the letters `service` and any backslash are
absent, which no spelling of the keyword can avoid.
"""

from __future__ import annotations

from parkgraph.errors import QueryError

QUERY_FORMS = frozenset({"select", "ask", "construct", "describe"})
UPDATE_FORMS = frozenset(
    {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
)
UNSAFE_WORDS = (*sorted(UPDATE_FORMS), "service")

# The tokens are found by a hand-written scanner, not a regular expression: `re` (with enum
# and functools) costs ≈4 ms of start-up, and every query is scanned. At each place, in order:
#   whitespace, `# comment` to the end of the line: skipped;
#   string: '''…''', """…""", '…' or "…" (a backslash escapes the next character; a short
#     string may not span lines);
#   iri: <…> with no space, control character nor <>"{}|^`\ inside;
#   word: an optional ? or $, then characters other than whitespace, WORD_STOP, ? and $ (a
#     backslash takes an escapable next character with it: `pgr:x\#` is a name, not a comment), in
#     runs joined by single . or - (pg:Park, ?x, $x, 12.5, ex:a.b, pgr:park-a); a ? or $
#     ends a word, so `SERVICE?x` and `SELECT?s` are a keyword and a variable, as in SPARQL;
#   other: any one character.
WORD_STOP = frozenset("{}()[]<>\"',;#.^|!&=*/+-")
BODY_STOP = WORD_STOP | {"?", "$"}
IRI_STOP = frozenset('<>"{}|^`\\')
LOCAL_ESCAPES = frozenset("_~.-!$&'()*+,;=/?#@%")


class Token:
    __slots__ = ("kind", "pos", "text")

    def __init__(self, kind: str, text: str, pos: int) -> None:
        self.kind, self.text, self.pos = kind, text, pos

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.text!r}, {self.pos})"


def tokens(text: str) -> list[Token]:
    """Tokens of `text`, without whitespace and comments; unterminated strings are errors."""
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if ch in "'\"":
            kind, end = "string", string_end(text, i)
            if end < 0:
                line, col = line_col(text, i)
                raise QueryError(f"query line {line}, column {col}: unterminated string")
        elif ch == "<" and (end := iri_end(text, i)) > 0:
            kind = "iri"
        elif is_word_char(ch) and (end := word_end(text, i)) > i + (ch in "?$"):
            kind = "word"
        else:
            kind, end = "other", i + 1
        out.append(Token(kind, text[i:end], i))
        i = end
    return out


def is_word_char(ch: str) -> bool:
    return ch not in WORD_STOP and not ch.isspace()


def string_end(text: str, start: int) -> int:
    """The end of the string that opens at `start`, or -1 when it is not closed."""
    quote = text[start]
    if text.startswith(quote * 3, start):
        end = string_close(text, start + 3, quote * 3)
        if end > 0:
            return end
    return string_close(text, start + 1, quote)  # an unclosed '''… starts with the string ''


def string_close(text: str, i: int, quotes: str) -> int:
    """The end of the closing `quotes` at or after `i`, or -1."""
    while i < len(text):
        if text[i] == "\\":
            if i + 1 == len(text):
                return -1
            i += 2
        elif text.startswith(quotes, i):
            return i + len(quotes)
        elif text[i] == "\n" and len(quotes) == 1:
            return -1
        else:
            i += 1
    return -1


def iri_end(text: str, start: int) -> int:
    """The end of the IRI that opens at `start` (a `<`), or -1 when it is not one."""
    i = start + 1
    while i < len(text) and text[i] > " " and text[i] not in IRI_STOP:
        i += 1
    return i + 1 if i < len(text) and text[i] == ">" else -1


def is_body_char(ch: str) -> bool:
    return ch not in BODY_STOP and not ch.isspace()


def word_end(text: str, start: int) -> int:
    """The end of the word at `start`; `start + 1` for a lone ? or $ (then not a word)."""
    i, n = start + (text[start] in "?$"), len(text)
    while True:
        while i < n and is_body_char(text[i]):
            # `pgr:x\#` is a name with an escaped character (PN_LOCAL_ESC), not a comment
            i += 2 if text[i] == "\\" and i + 1 < n and text[i + 1] in LOCAL_ESCAPES else 1
        if i == start + 1 and text[start] in "?$":
            return i
        if i + 1 < n and text[i] in ".-" and is_body_char(text[i + 1]):
            i += 1
        else:
            return i


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


class QueryText:
    """What the safety checks and the remote client need to know about a request."""

    __slots__ = ("_toks", "form", "service", "service_unsure", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._toks: list[Token] | None = None
        self.service_unsure = False
        low = text.lower()
        forms = [w for w in QUERY_FORMS if w in low]
        if len(forms) == 1 and "\\" not in text and not any(w in low for w in UNSAFE_WORDS):
            # Every keyword is a substring of the text. With no update word nor SERVICE
            # anywhere, no backslash (no escape can spell a keyword) and one query form, the
            # tokens can only say that form; if they would say none, the text is not SPARQL
            # and the engine reports its syntax error. Most queries take this path and skip
            # the scan (≈20 µs of a 0.2 ms lookup).
            self.form, self.service = forms[0], False
            return
        words = [t.text.lower() for t in self.toks if t.kind == "word"]
        self.form = next((w for w in words if w in QUERY_FORMS or w in UPDATE_FORMS), "")
        self.service = False
        if "service" in low or "\\" in text:
            # Not certain from the text: the parse tree decides (rdflib, see sparqlparse).
            from parkgraph.sparqlparse import uses_service

            found = uses_service(text, update=self.form in UPDATE_FORMS)
            # Either reading finding SERVICE is enough to refuse: they must both clear it.
            self.service = found is not False or "service" in words
            self.service_unsure = found is None

    @property
    def toks(self) -> list[Token]:
        if self._toks is None:
            self._toks = tokens(self.text)
        return self._toks

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


def syntax_error_message(text: str, detail: str, what: str = "query") -> str:
    """One line from pyoxigraph's parser message: where, what, and the line of the query.

    `error at 3:2: expected OPTIONAL` becomes
    `query line 3, column 2: syntax error, expected OPTIONAL: ?s ?p`.
    """
    import re  # only when a query does not parse

    unknown = unknown_prefix(text)
    if unknown is not None:
        return unknown
    match = re.match(r"^error at (\d+):(\d+): (.*)$", detail.strip(), re.DOTALL)
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
