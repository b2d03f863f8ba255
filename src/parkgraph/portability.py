"""Identifiers and literals that other RDF stores are known to reject, caught at build time.

pyoxigraph accepts more than some stores and serialisers do. The build refuses:

* a local name under pg: or pgr: that does not start with an ASCII letter or uses characters
  outside [A-Za-z0-9._-] (RDF/XML needs an XML name for every predicate and class; Turtle
  1.0 parsers, Virtuoso's among them, reject `pgr:3322`);
* a language tag that is not BCP 47 shaped, such as `zh_CN` (with an underscore) or a
  subtag longer than 8 characters (Jena and GraphDB reject or rewrite them);
* an IRI with a space, a character RFC 3987 forbids (<>"{}|^`\\) or without a scheme.

An undeclared prefix in Turtle is already a positioned syntax error from the parser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pyoxigraph as ox

from parkgraph.errors import NotConforming
from parkgraph.namespaces import PG, PG_GRAPH, PGR

LOCAL_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._-]*")
LANGUAGE_TAG = re.compile(r"[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
BAD_IRI_CHARS = re.compile(r"[\x00-\x20<>\"{}|^`\\\x7f]")
OWN_NAMESPACES = {PG: "pg:", PGR: "pgr:"}


def iri_problem(iri: str) -> str | None:
    """Why other stores would reject `iri`, or None."""
    bad = BAD_IRI_CHARS.search(iri)
    if bad:
        return f"IRI <{iri}> contains {bad.group()!r}, which IRIs may not hold; percent-encode or rename it"
    if not SCHEME.match(iri):
        return f"IRI <{iri}> is not absolute (no scheme); give the full IRI"
    for ns, prefix in OWN_NAMESPACES.items():
        if iri.startswith(ns) and iri != ns:
            local = iri[len(ns) :]
            if local[0].isdigit():
                return (
                    f"{prefix}{local}: local name starts with a digit, which RDF/XML and Turtle 1.0 "
                    f"parsers reject; start it with its type prefix, e.g. {prefix}x-{local}"
                )
            if not LOCAL_NAME.fullmatch(local) or local.endswith("."):
                return (
                    f"{prefix}{local}: local name must be ASCII letters, digits, '-', '_' or '.' and "
                    "start with a letter, so that every store and RDF/XML can write it"
                )
    return None


def language_problem(tag: str, value: str) -> str | None:
    if LANGUAGE_TAG.fullmatch(tag):
        return None
    short = value if len(value) <= 20 else value[:20] + "…"
    fix = f"; write @{tag.replace('_', '-')}" if "_" in tag else ""
    return f'"{short}"@{tag}: language tag {tag!r} is not BCP 47 (letters and digits joined by "-"){fix}'


def term_problems(term: object, seen: set[str]) -> Iterable[str]:
    if isinstance(term, ox.NamedNode):
        if term.value not in seen:
            seen.add(term.value)
            problem = iri_problem(term.value)
            if problem:
                yield problem
    elif isinstance(term, ox.Literal):
        if term.language and term.language not in seen:
            seen.add(term.language)
            problem = language_problem(term.language, term.value)
            if problem:
                yield problem
        if term.datatype.value not in seen:
            seen.add(term.datatype.value)
            problem = iri_problem(term.datatype.value)
            if problem:
                yield problem
    elif isinstance(term, ox.Triple):
        for part in (term.subject, term.predicate, term.object):
            yield from term_problems(part, seen)


def portability_problems(quads: Iterable[ox.Quad]) -> list[str]:
    """One message per non-portable term, naming the term and, when known, its data file."""
    problems: list[str] = []
    seen: set[str] = set()
    for quad in quads:
        found = [p for t in (quad.subject, quad.predicate, quad.object) for p in term_problems(t, seen)]
        graph = quad.graph_name
        where = ""
        if isinstance(graph, ox.NamedNode) and graph.value.startswith(PG_GRAPH):
            stem = graph.value[len(PG_GRAPH) :]
            where = "ontology/parkgraph.ttl: " if stem == "ontology" else f"data/{stem}.ttl: "
        problems.extend(where + p for p in found)
    return problems


def check_portability(quads: Iterable[ox.Quad]) -> None:
    """Raise NotConforming (one line: the first problem and how many more) if any term is not portable."""
    problems = portability_problems(quads)
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise NotConforming(f"{problems[0]}{more}; other stores would reject this graph", problems)
