"""Writing a QueryResult: an aligned table (CJK-width aware), CSV, TSV, SPARQL JSON/XML
results, Markdown; CONSTRUCT/DESCRIBE triples as Turtle, N-Triples or JSON-LD.

Pure functions from a result to text; nothing here prints.
"""

from __future__ import annotations

import pyoxigraph as ox

from parkgraph.errors import QueryError
from parkgraph.namespaces import PREFIXES
from parkgraph.query import QueryResult, Term

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
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\r\n"
    lines = [csv_row(result.variables)]
    lines += [csv_row([csv_cell(t, result.labels) for t in row]) for row in result.rows]
    return "".join(lines)


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
    if result.kind == "ask":
        return f"{'true' if result.boolean else 'false'}\n"
    out = ["\t".join(f"?{v}" for v in result.variables)]
    for row in result.rows:
        out.append("\t".join("" if t is None else str(t).replace("\t", "\\t") for t in row))
    return "\n".join(out) + "\n"


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
    if result.kind == "ask":
        doc: dict[str, object] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {v: json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None}
            for row in result.rows
        ]
        doc = {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
    import json  # only for this format: json imports re (≈5 ms of start-up for every query)

    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


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
    from xml.sax.saxutils import quoteattr

    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    out += [f"    <variable name={quoteattr(v)}/>" for v in result.variables]
    out.append("  </head>")
    if result.kind == "ask":
        out.append(f"  <boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("  <results>")
        for row in result.rows:
            out.append("    <result>")
            for v, t in zip(result.variables, row, strict=True):
                if t is not None:
                    out.append(f"      <binding name={quoteattr(v)}>{xml_term(t)}</binding>")
            out.append("    </result>")
        out.append("  </results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


def render_graph(triples: list[ox.Triple], fmt: str) -> str:
    formats = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD}
    if fmt not in formats:
        raise QueryError(f"--format {fmt}: CONSTRUCT/DESCRIBE give triples; use one of {', '.join(formats)}")
    ordered = sorted(set(triples), key=lambda t: (str(t.subject), str(t.predicate), str(t.object)))
    used = {p: ns for p, ns in PREFIXES.items() if any(ns in str(t) for t in ordered)}
    data = ox.serialize(ordered, format=formats[fmt], prefixes=used if fmt != "nt" else None)
    return (data or b"").decode("utf-8")
