"""What a SPARQL request does, decided from its parse tree (rdflib's SPARQL parser).

The token scan in sparqltext.py is only a fast path: it may say "no SERVICE" only when
the text holds neither the letters `service` nor any backslash (a `\\#` in a local name or a
`\\u0053` escape is where a scanner and the grammar part ways). Everything else comes here:
rdflib parses the request (after the `\\uXXXX` escapes the SPARQL grammar applies first),
and the tree says whether a SERVICE pattern is in it. When rdflib cannot parse it, the
answer is "maybe" (None) and callers refuse it: a request that may federate is not sent.

Also decides whether an update reads or deletes only the default graph (`default_graph_only`),
which on a store with named graphs differs from what queries see (the union of the graphs).

rdflib is imported here only (≈0.2 s); `parkgraph query` reaches this module only for the
rare request that the fast path cannot clear.
"""

from __future__ import annotations

from collections.abc import Iterator

from parkgraph.errors import QueryError

TYPE_CHECKING = False
if TYPE_CHECKING:
    from rdflib.plugins.sparql.parserutils import CompValue


def unescape_codepoints(text: str) -> str:
    """`\\u0053ERVICE` → `SERVICE`: the code point escapes SPARQL decodes before parsing."""
    if "\\" not in text:
        return text
    import re

    def decode(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except (ValueError, OverflowError):
            return match.group(0)

    return re.sub(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})", decode, text)


def may_use_service(text: str) -> bool:
    """False only when SERVICE certainly does not occur: no `service` in the text once its
    code point escapes are decoded (every keyword spelling contains those letters)."""
    return "service" in unescape_codepoints(text).lower()


def parse(text: str, *, update: bool) -> object | None:
    """rdflib's parse tree of `text`, or None when rdflib cannot parse it."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        return parseUpdate(text) if update else parseQuery(text)
    except Exception:  # pyparsing's ParseException, or a parser bug: "maybe", never "no"
        return None


def nodes(tree: object) -> Iterator[CompValue]:
    """Every named node (CompValue) of a parse tree, depth first."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            yield node
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif not isinstance(node, str | bytes) and hasattr(node, "__iter__"):
            stack.extend(node)  # pyparsing's ParseResults, lists


def uses_service(text: str, *, update: bool = False) -> bool | None:
    """True/False from the parse tree; None when the request does not parse (maybe)."""
    if not may_use_service(text):
        return False
    tree = parse(text, update=update)
    if tree is None:
        return None
    return any(node.name == "ServiceGraphPattern" for node in nodes(tree))


def default_graph_only(text: str) -> str | None:
    """The first operation of the update `text` that reads or deletes only the default graph
    (a DELETE or WHERE pattern outside GRAPH, without WITH or USING; CLEAR, DROP, COPY, MOVE
    or ADD of DEFAULT), as the words of its keyword; None when every operation names its
    graphs or only inserts. Raises QueryError when the update does not parse."""
    from rdflib.plugins.sparql.algebra import translateUpdate

    tree = parse(text, update=True)
    try:
        operations = translateUpdate(tree).algebra if tree is not None else None  # type: ignore[arg-type]
    except Exception:  # rdflib's own errors have no common base
        operations = None
    if operations is None:
        raise QueryError(
            "the update could not be parsed to tell which graphs it changes; on a store with "
            "named graphs an update must name them (GRAPH, WITH or USING)"
        )
    for op in operations:
        name = op.name
        if name in ("DeleteData", "DeleteWhere") and op.get("triples"):
            return "DELETE DATA" if name == "DeleteData" else "DELETE WHERE"
        if name == "Modify" and not op.get("withClause") and not op.get("using"):
            delete = op.get("delete")
            if (delete is not None and delete.get("triples")) or default_pattern(op.get("where")):
                return "DELETE/INSERT … WHERE"
        if name in ("Clear", "Drop") and str(op.get("graphiri")).upper() == "DEFAULT":
            return f"{name.upper()} DEFAULT"
        graphs = op.get("graph") if name in ("Copy", "Move", "Add") else None
        if graphs and any(str(g).upper() == "DEFAULT" for g in graphs):
            return f"{name.upper()} DEFAULT"
    return None


def default_pattern(where: object) -> bool:
    """Whether an algebra pattern matches triples outside any GRAPH (so in the default graph)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [where]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "Graph":
                continue
            if node.name == "BGP" and node.get("triples"):
                return True
            stack.extend(node.values())
        elif isinstance(node, list | tuple):
            stack.extend(node)
    return False
