"""Resolving what a person types (IRI, prefixed name, label, code name) to one resource.

Full-width and half-width forms, quote marks and case are ignored, so “3322”, "3322" and
3322 are the same name, and 杭州高新区（滨江） finds 杭州高新区(滨江).
"""

from __future__ import annotations

import unicodedata

import pyoxigraph as ox

from parkgraph.errors import UnknownName
from parkgraph.namespaces import PREFIXES

TYPE_CHECKING = False  # `typing` costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Iterable

# String methods, not regular expressions: `re` (and difflib, which imports it) cost ≈4 ms of
# start-up, and `parkgraph query --param park=永川高新区` resolves a name every time.
QUOTES = "\"'“”‘’「」『』《》〈〉‹›«»`"
NO_QUOTES = dict.fromkeys(map(ord, QUOTES))

NAME_PROPERTIES = ("rdfs:label", "skos:prefLabel", "skos:altLabel", "skos:notation")
NAMES_QUERY = "SELECT ?s ?name WHERE { ?s " + "|".join(NAME_PROPERTIES) + " ?name . FILTER(isIRI(?s)) }"


def normalize(text: str) -> str:
    """The comparable form of a name: NFKC, no quote marks, case-folded, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(NO_QUOTES)
    return " ".join(text.casefold().split())


def shown(name: str, limit: int = 80) -> str:
    """`name` quoted for a one-line message, cut short when it is very long."""
    return repr(name if len(name) <= limit else name[:limit] + "…")


def expand(name: str) -> str | None:
    """The IRI that `name` spells directly (<iri>, http…, or prefix:local), else None.

    Raises UnknownName when it spells one that is not a valid IRI (`<a b>`, `<>`, `pgr:a"b`).
    """
    name = name.strip()
    iri = None
    if name.startswith("<") and name.endswith(">"):
        iri = name[1:-1]
    elif name.startswith(("http://", "https://", "urn:")):
        iri = name
    else:
        prefix, colon, local = name.partition(":")
        if colon and prefix in PREFIXES and not any(c.isspace() or c == "/" for c in local):
            iri = PREFIXES[prefix] + local
    if iri is not None:
        try:
            ox.NamedNode(iri)
        except ValueError as err:
            raise UnknownName(f"{shown(name)}: not a valid IRI ({err})") from None
    return iri


def name_index(store: ox.Store) -> dict[str, set[str]]:
    """Normalised name -> IRIs that carry it."""
    index: dict[str, set[str]] = {}
    rows = store.query(NAMES_QUERY, prefixes=PREFIXES, use_default_graph_as_union=True)
    assert isinstance(rows, ox.QuerySolutions)
    for row in rows:
        subject, name = row["s"], row["name"]
        if isinstance(subject, ox.NamedNode) and isinstance(name, ox.Literal):
            index.setdefault(normalize(name.value), set()).add(subject.value)
    return index


def exists(store: ox.Store, iri: str) -> bool:
    node = ox.NamedNode(iri)
    return any(True for _ in store.quads_for_pattern(node, None, None, None))


def resolve(store: ox.Store, name: str) -> ox.NamedNode:
    """The one resource `name` denotes; UnknownName (with suggestions) otherwise."""
    iri = expand(name)
    if iri is not None:
        if exists(store, iri):
            return ox.NamedNode(iri)
        raise UnknownName(f"{shown(name)}: no such resource in the graph")
    return choose(name, name_index(store))


def index_rows(rows: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """A name index (as `name_index`) from (IRI, name) pairs fetched elsewhere, e.g. remotely."""
    index: dict[str, set[str]] = {}
    for iri, name in rows:
        index.setdefault(normalize(name), set()).add(iri)
    return index


def search_key(name: str) -> str:
    """The longest run of letters and digits of a name: a server-side CONTAINS pre-filter."""
    import re  # only for a remote endpoint

    parts = [p for p in re.split(r"[\W_]+", normalize(name)) if p]
    return max(parts, key=len) if parts else ""


def choose(name: str, index: dict[str, set[str]]) -> ox.NamedNode:
    """The one IRI of `index` that `name` names; UnknownName with the closest names otherwise."""
    key = normalize(name)
    if not key:
        raise UnknownName(f"{shown(name)}: give a name (a label, code name, prefixed name or <IRI>)")
    found = index.get(key, set())
    if len(found) == 1:
        return ox.NamedNode(next(iter(found)))
    if len(found) > 1:
        # A resource and the ontology term it instantiates may share a label; prefer data.
        data = sorted(i for i in found if not i.startswith(PREFIXES["pg"]))
        if len(data) == 1:
            return ox.NamedNode(data[0])
        listed = ", ".join(sorted(found))
        raise UnknownName(f"{shown(name)} is ambiguous: it names {listed}; give the IRI instead")
    import difflib  # only when nothing has the name

    close = difflib.get_close_matches(key, list(index), n=5, cutoff=0.4)
    close += [k for k in index if key and key in k and k not in close][: 5 - len(close)]
    hint = f"; did you mean {', '.join(shown(c) for c in close)}?" if close else ""
    raise UnknownName(f"{shown(name)}: no resource has this name{hint}")
