"""Writing a QueryResult: an aligned table (CJK-width aware), CSV, TSV, SPARQL JSON/XML
results, Markdown; CONSTRUCT/DESCRIBE triples as Turtle, N-Triples or JSON-LD.

Pure functions from a result to text; nothing here prints.
"""

from __future__ import annotations

import pyoxigraph as ox

from parkgraph.errors import QueryError
from parkgraph.namespaces import PREFIXES
from parkgraph.query import QueryResult, Term

TYPE_CHECKING = False  # typing costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Iterator

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml", "md")
GRAPH_FORMATS = ("ttl", "nt", "jsonld")
# Formats whose cells may show labels instead of IRIs (--labels).
LABELLED_FORMATS = ("table", "md", "csv")
NUMERIC = {
    PREFIXES["xsd"] + t
    for t in ("integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger")
}
TABLE_CELL_MAX = 72  # display columns; longer cells end in "…" (use csv/json for full text)


def choose_format(fmt: str | None, *, is_graph: bool, is_update: bool = False, tty: bool = False) -> str:
    """The output format: the one asked for, checked against the query form, or the default
    (a table on a terminal, CSV in a pipe; Turtle for triples)."""
    if is_update:
        return fmt or "none"
    if fmt is None:
        return "ttl" if is_graph else ("table" if tty else "csv")
    fmt = fmt.lower()
    if is_graph and fmt not in GRAPH_FORMATS:
        raise QueryError(
            f"--format {fmt}: CONSTRUCT/DESCRIBE give triples; use one of {', '.join(GRAPH_FORMATS)}"
        )
    if not is_graph and fmt not in RESULT_FORMATS:
        raise QueryError(f"--format {fmt}: SELECT/ASK give a table; use one of {', '.join(RESULT_FORMATS)}")
    return fmt


def render(result: QueryResult, fmt: str, *, max_cell: int | None = TABLE_CELL_MAX) -> str:
    """The text of `result` in `fmt` (see RESULT_FORMATS and GRAPH_FORMATS)."""
    if result.kind == "update":
        return ""
    if result.kind == "graph":
        return render_graph(result.triples, fmt)
    writers = {
        "table": table,
        "csv": csv_text,
        "tsv": tsv,
        "json": json_results,
        "xml": xml_results,
        "md": md,
    }
    if fmt not in writers:
        raise QueryError(f"--format {fmt}: not a format for SELECT/ASK results")
    if fmt == "table":
        return table(result, max_cell=max_cell)
    return writers[fmt](result)


# --------------------------------------------------------------------------- cells


def compact(iri: str) -> str:
    """`pgr:park-x` for an IRI in a known namespace (with a simple local part), else `<iri>`."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIXES[best]) :]
        if all(c.isalnum() or c in "-_." for c in local) and not local.endswith("."):
            return f"{best}:{local}"
    return f"<{iri}>"


def display(term: Term | None, labels: dict[str, str]) -> str:
    """A cell for people: labels or prefixed names for IRIs, literal values as they are."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return labels.get(term.value) or compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def width(text: str) -> int:
    """Terminal columns: East Asian wide and full-width characters take two."""
    if text.isascii():
        return len(text)
    import unicodedata

    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


def clip(text: str, limit: int | None) -> str:
    text = " ".join(text.split("\n"))
    if limit is None or width(text) <= limit:
        return text
    out, used = [], 0
    for ch in text:
        w = width(ch)
        if used + w > limit - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"


def is_numeric(term: Term | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in NUMERIC


# --------------------------------------------------------------------------- formats


def table(result: QueryResult, *, max_cell: int | None = TABLE_CELL_MAX) -> str:
    if result.kind == "ask":
        return f"{'true' if result.boolean else 'false'}\n"
    head = result.variables
    cells = [[clip(display(t, result.labels), max_cell) for t in row] for row in result.rows]
    widths = [max([width(h), *(width(r[i]) for r in cells)]) for i, h in enumerate(head)]
    right = [
        bool(result.rows) and all(is_numeric(r[i]) or r[i] is None for r in result.rows)
        for i in range(len(head))
    ]

    def line(values: list[str]) -> str:
        parts = []
        for i, value in enumerate(values):
            pad = " " * (widths[i] - width(value))
            parts.append(pad + value if right[i] else value + pad)
        return "  ".join(parts).rstrip()

    out = [line(head), "  ".join("─" * w for w in widths)]
    out += [line(r) for r in cells]
    n = len(result.rows)
    out.append(f"({n} row{'' if n == 1 else 's'})")
    return "\n".join(out) + "\n"


def md(result: QueryResult) -> str:
    if result.kind == "ask":
        return f"{'true' if result.boolean else 'false'}\n"

    def cell(text: str) -> str:
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", "<br>")

    out = ["| " + " | ".join(result.variables) + " |"]
    out.append(
        "|"
        + "|".join(
            "---:" if all(is_numeric(r[i]) for r in result.rows) and result.rows else "---"
            for i in range(len(result.variables))
        )
        + "|"
    )
    out += ["| " + " | ".join(cell(display(t, result.labels)) for t in row) + " |" for row in result.rows]
    return "\n".join(out) + "\n"


def csv_text(result: QueryResult) -> str:
    """SPARQL 1.1 CSV: IRIs and literal values as they are (labels instead, with --labels)."""
    return "".join(csv_chunks(result))


def csv_chunks(result: QueryResult) -> Iterator[str]:
    if result.kind == "ask":
        yield ("true" if result.boolean else "false") + "\r\n"
        return
    yield csv_row(result.variables)
    labels = result.labels
    for row in result.each_row():
        yield csv_row([csv_cell(t, labels) for t in row])


def csv_row(cells: list[str]) -> str:
    """One RFC 4180 record (the csv module would import re: start-up time)."""
    quoted = [
        '"' + c.replace('"', '""') + '"' if any(ch in c for ch in ',"\r\n') or c != c.strip() else c
        for c in cells
    ]
    return ",".join(quoted) + "\r\n"


def csv_cell(term: Term | None, labels: dict[str, str]) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return labels.get(term.value, term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV: terms in Turtle/N-Triples syntax, so nothing is lost."""
    return "".join(tsv_chunks(result))


def tsv_chunks(result: QueryResult) -> Iterator[str]:
    if result.kind == "ask":
        yield f"{'true' if result.boolean else 'false'}\n"
        return
    yield "\t".join(f"?{v}" for v in result.variables) + "\n"
    for row in result.each_row():
        yield "\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row) + "\n"


def json_term(term: Term) -> dict[str, object]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, object] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != PREFIXES["xsd"] + "string":
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": json_term(term.subject),
            "predicate": json_term(term.predicate),
            "object": json_term(term.object),
        },
    }


def json_results(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON."""
    return "".join(json_chunks(result))


def json_chunks(result: QueryResult) -> Iterator[str]:
    """The same text as json.dumps(doc, indent=2), one binding at a time."""
    import json  # only for this format: json imports re (≈5 ms of start-up for every query)

    if result.kind == "ask":
        yield json.dumps({"head": {}, "boolean": bool(result.boolean)}, ensure_ascii=False, indent=2) + "\n"
        return
    empty = json.dumps(
        {"head": {"vars": result.variables}, "results": {"bindings": []}}, ensure_ascii=False, indent=2
    )
    before, after = empty.rsplit("[]", 1)
    yield before + "["
    first = True
    for row in result.each_row():
        binding = {v: json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
        text = json.dumps(binding, ensure_ascii=False, indent=2)
        yield ("\n" if first else ",\n") + "\n".join("      " + line for line in text.split("\n"))
        first = False
    yield ("]" if first else "\n    ]") + after + "\n"


def xml_term(term: Term) -> str:
    from xml.sax.saxutils import escape, quoteattr

    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            attr = f" xml:lang={quoteattr(term.language)}"
        elif term.datatype.value != PREFIXES["xsd"] + "string":
            attr = f" datatype={quoteattr(term.datatype.value)}"
        else:
            attr = ""
        return f"<literal{attr}>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{xml_term(term.subject)}</subject><predicate>{xml_term(term.predicate)}"
        f"</predicate><object>{xml_term(term.object)}</object></triple>"
    )


def xml_results(result: QueryResult) -> str:
    """SPARQL Query Results XML."""
    return "".join(xml_chunks(result))


def xml_chunks(result: QueryResult) -> Iterator[str]:
    from xml.sax.saxutils import quoteattr

    head = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    head += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    head.append("  </head>")
    yield "\n".join(head) + "\n"
    if result.kind == "ask":
        yield f"  <boolean>{'true' if result.boolean else 'false'}</boolean>\n"
    else:
        yield "  <results>\n"
        names = [quoteattr(v) for v in result.variables]
        for row in result.each_row():
            cells = "".join(
                f"      <binding name={n}>{xml_term(t)}</binding>\n"
                for n, t in zip(names, row, strict=True)
                if t is not None
            )
            yield f"    <result>\n{cells}    </result>\n"
        yield "  </results>\n"
    yield "</sparql>\n"


STREAMED = {"csv": csv_chunks, "tsv": tsv_chunks, "json": json_chunks, "xml": xml_chunks}


def render_chunks(result: QueryResult, fmt: str) -> Iterator[str]:
    """The text of a SELECT/ASK result in csv, tsv, json or xml, a piece at a time (a
    streamed result's rows are read as the pieces are asked for)."""
    if fmt not in STREAMED:
        raise QueryError(f"--format {fmt}: not a streamed format")
    return STREAMED[fmt](result)


def render_graph(triples: list[ox.Triple], fmt: str) -> str:
    formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
    if fmt not in formats:
        raise QueryError(f"--format {fmt}: CONSTRUCT/DESCRIBE give triples; use one of {', '.join(formats)}")
    ordered = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    used = {p: ns for p, ns in PREFIXES.items() if any(ns in str(t) for t in ordered)}
    data = ox.serialize(ordered, format=formats[fmt], prefixes=used if fmt != "nt" else None)
    return (data or b"").decode("utf-8")
