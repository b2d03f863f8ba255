"""A SPARQL 1.1 Protocol client (standard library only): query any remote endpoint.

Queries go as `POST application/x-www-form-urlencoded` (no URL length limit), updates as
`update=` to the same URL. The Accept header asks first for JSON results or N-Triples
and accepts the others, and the answer is parsed by its Content-Type, so output options
behave exactly as they do locally. Parameters are bound by a VALUES block, first in the
WHERE group, whose terms pyoxigraph serialises (user text is never pasted into a query).
`default_graphs` and `named_graphs` go with each query as the protocol's `default-graph-uri`
and `named-graph-uri`: Virtuoso's default dataset is every graph it holds, system graphs too.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping, Sequence

import pyoxigraph as ox

from parkgraph.errors import EndpointError, QueryError, UnknownName
from parkgraph.namespaces import sparql_prologue
from parkgraph.query import Engine, QueryResult, Term, materialise
from parkgraph.sparqltext import QueryText, first_line

DEFAULT_TIMEOUT = 60.0  # seconds for the whole request: connect, send, headers and body
MAX_ANSWER_ENV = "PARKGRAPH_MAX_ANSWER_BYTES"
MAX_ANSWER_BYTES = 1 << 30  # larger answers are refused (override with the variable above)
RESULTS_MEDIA = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "tsv": "text/tab-separated-values",
}
GRAPH_MEDIA = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "jsonld": "application/ld+json",
}
NAME_PROPERTIES = "rdfs:label|skos:prefLabel|skos:altLabel|skos:notation"


def accept_header(is_graph: bool, wanted: str | None = None) -> str:
    """The formats this client parses, the most exact first, whatever the user's output format
    (`wanted`, kept for callers): the answer is parsed and written again here in any case.

    Results: JSON first, which every server we tried writes as specified (Virtuoso's TSV
    quotes the header's variable names, which SPARQL 1.1 TSV does not allow). Triples:
    N-Triples first, where every literal carries its datatype (Virtuoso's Turtle writes the
    xsd:decimal 94000000000 as a bare 94000000000, which Turtle reads as an xsd:integer)."""
    del wanted
    media = GRAPH_MEDIA if is_graph else RESULTS_MEDIA
    first = GRAPH_MEDIA["nt"] if is_graph else RESULTS_MEDIA["json"]
    rest = [m for m in media.values() if m != first]
    return ", ".join([first, *(f"{m};q={0.9 - 0.1 * i:.1f}" for i, m in enumerate(rest))])


def error_detail(body: bytes, limit: int = 200) -> str:
    """The words of an error response on one line: an HTML page's tags and head are dropped,
    so a web server that is not a SPARQL endpoint says "Error code: 501 …", not "<!DOCTYPE"."""
    text = body.decode("utf-8", "replace")
    if "<" in text and ">" in text and text.lstrip()[:1] == "<":
        import re  # only on an error path

        text = re.sub(r"(?is)<(head|script|style)\b.*?</\1\s*>", " ", text)
        text = re.sub(r"(?s)<[^>]*>", " ", text)
        import html

        text = html.unescape(text)
    words = " ".join(text.split())
    return words if len(words) <= limit else words[: limit - 1] + "…"


def wrong_url_hint(url: str, field: str, code: int) -> str:
    """Servers such as oxigraph and Fuseki take queries and updates at different URLs
    (…/query, …/update): an update sent to the query URL gets a bare 400 ("The URL query
    parameter query must be set"). Say where it should go: the URL itself when this one
    ends in the other word, else (an update refused as 404/405/415) in general."""
    other = "query" if field == "update" else "update"
    base, slash, last = url.rstrip("/").rpartition("/")
    what = "updates" if field == "update" else "queries"
    if slash and last == other:
        return f"; {what} go to the server's {field} URL, not its {other} URL: try {base}/{field}"
    if field == "update" and code in (404, 405, 415):
        return "; updates go to the server's update URL (e.g. oxigraph's and Fuseki's …/update)"
    return ""


def values_block(bindings: Mapping[str, Term]) -> str:
    """`VALUES (?a ?b) { (<iri> "text") }`, each term in N-Triples syntax from pyoxigraph."""
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(str(v) for v in bindings.values())
    return f"VALUES ({names}) {{ ({terms}) }}"


def http_url(url: str, hint: str) -> urllib.parse.SplitResult:
    """`url` split, if it is an http(s) URL with a host and a valid port; else EndpointError
    saying what is wrong, with `hint` (what URL was expected)."""
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  (raises ValueError for a port out of range or not a number)
    except ValueError as err:
        raise EndpointError(f"{url!r}: not a valid URL ({err})") from None
    if parts.scheme not in ("http", "https") or not parts.netloc or not parts.hostname:
        raise EndpointError(f"{url!r}: not an http(s) URL; {hint}")
    return parts


class RemoteEngine(Engine):
    """A remote SPARQL 1.1 endpoint, spoken to over HTTP(S)."""

    def __init__(
        self,
        url: str,
        *,
        timeout: float | None = None,
        accept: str | None = None,
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> None:
        http_url(url, "give the URL of a SPARQL endpoint, e.g. http://host:7878/query")
        self.url = url
        self.timeout = timeout if timeout is not None else DEFAULT_TIMEOUT
        self.accept = accept
        for option, graphs in (("--default-graph-uri", default_graphs), ("--named-graph-uri", named_graphs)):
            for graph in graphs:
                check_graph_iri(graph, option)
        self.dataset = [("default-graph-uri", g) for g in default_graphs]
        self.dataset += [("named-graph-uri", g) for g in named_graphs]

    # -- HTTP

    def post(self, field: str, text: str, accept: str) -> tuple[bytes, str]:
        # The dataset goes with queries only (updates name theirs with using-graph-uri).
        fields = [(field, text), *(self.dataset if field == "query" else [])]
        body = urllib.parse.urlencode(fields).encode("utf-8")
        request = urllib.request.Request(
            self.url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "Accept": accept,
                "User-Agent": "parkgraph (SPARQL 1.1 Protocol client)",
            },
        )
        deadline = Deadline(self.timeout)
        try:
            with deadline, deadline.opener().open(request, timeout=self.timeout) as response:
                return self.read_answer(response, deadline), response.headers.get("Content-Type", "")
        except urllib.error.HTTPError as error:
            detail = error_detail(error.read(1 << 16))  # the words only: never an endless page
            hint = "; is this the URL of a SPARQL endpoint?" if error.code in (404, 405, 501) else ""
            if 400 <= error.code < 500:
                hint = wrong_url_hint(self.url, field, error.code) or hint
            raise EndpointError(
                f"{self.url}: HTTP {error.code} {error.reason}" + (f": {detail}" if detail else "") + hint
            ) from None
        except urllib.error.URLError as error:
            if deadline.expired or isinstance(error.reason, TimeoutError | socket.timeout):
                raise self.timed_out() from None
            reason = getattr(error.reason, "strerror", None) or str(error.reason)
            raise EndpointError(f"{self.url}: cannot connect ({reason}); is the endpoint running?") from None
        except TimeoutError:
            raise self.timed_out() from None
        except (OSError, http.client.HTTPException) as error:
            if deadline.expired:
                raise self.timed_out() from None
            if isinstance(error, http.client.IncompleteRead):
                raise EndpointError(
                    f"{self.url}: the answer ended early ({len(error.partial)} bytes of "
                    f"{len(error.partial) + (error.expected or 0)} announced); try again"
                ) from None
            raise EndpointError(f"{self.url}: connection failed ({error})") from None

    def read_answer(self, response: http.client.HTTPResponse, deadline: Deadline) -> bytes:
        """The whole body, within the request's deadline and MAX_ANSWER_BYTES (an endless or
        huge answer is an error, not read into memory until the machine runs out)."""
        limit = max_answer_bytes()
        announced = response.headers.get("Content-Length", "")
        if announced.isdigit() and int(announced) > limit:
            raise self.too_big(limit)
        chunks, size = [], 0
        while chunk := response.read1(1 << 16):
            size += len(chunk)
            if size > limit:
                raise self.too_big(limit)
            chunks.append(chunk)
        if deadline.expired:
            raise self.timed_out()
        if response.length:  # read1 ends quietly when the server closes before Content-Length
            raise EndpointError(
                f"{self.url}: the answer ended early ({size} bytes of {size + response.length} announced); "
                "try again"
            )
        return b"".join(chunks)

    def too_big(self, limit: int) -> EndpointError:
        return EndpointError(
            f"{self.url}: the answer is larger than {limit:,} bytes and was not read; add a LIMIT "
            f"to the query, or raise {MAX_ANSWER_ENV}"
        )

    def timed_out(self) -> EndpointError:
        return EndpointError(f"{self.url}: no answer within {self.timeout:g} s (timed out)")

    # -- Engine

    def run(self, qt: QueryText, bindings: Mapping[str, Term], *, stream: bool = False) -> QueryResult:
        text = qt.with_values(values_block(bindings)) if bindings else qt.text
        text = sparql_prologue() + text  # a query's own PREFIX lines come later and win
        if qt.is_update:
            self.post("update", text, "*/*")
            return QueryResult("update", message=f"update sent to {self.url}")
        body, ctype = self.post("query", text, accept_header(qt.is_graph, self.accept))
        media = ctype.split(";")[0].strip().lower()
        try:
            if qt.is_graph:
                rdf_format = ox.RdfFormat.from_media_type(media)
                if rdf_format is None:
                    raise EndpointError(f"{self.url}: answered with {media or 'no content type'}, not RDF")
                return QueryResult("graph", triples=[q.triple for q in ox.parse(body, format=rdf_format)])
            results_format = ox.QueryResultsFormat.from_media_type(media)
            if results_format is None or results_format == ox.QueryResultsFormat.CSV:
                hint = "; is this the URL of a SPARQL endpoint?" if "html" in media else ""
                raise EndpointError(
                    f"{self.url}: answered with {media or 'no content type'}, "
                    f"not SPARQL JSON, XML or TSV results{hint}"
                )
            if results_format == ox.QueryResultsFormat.JSON:
                body = plain_json_results(body)
            result = materialise(ox.parse_query_results(body, format=results_format))
            if qt.form == "ask" and result.kind == "select":
                return ask_from_table(result, self.url)
            return result
        except (SyntaxError, ValueError) as err:
            raise EndpointError(f"{self.url}: unreadable answer ({first_line(str(err))})") from None

    def select(self, text: str, bindings: Mapping[str, Term] | None = None) -> QueryResult:
        qt = QueryText(text)
        return self.run(qt, bindings or {})

    def resolve(self, name: str) -> ox.NamedNode:
        from parkgraph.names import choose, expand, index_rows, search_key, shown

        iri = expand(name)
        if iri is not None:
            ask = self.run(QueryText("ASK { ?s ?p ?o }"), {"s": ox.NamedNode(iri)})
            if ask.boolean:
                return ox.NamedNode(iri)
            raise UnknownName(f"{shown(name)}: no such resource in the graph at {self.url}")
        key = search_key(name)
        query = (
            f"SELECT ?s ?name WHERE {{ ?s {NAME_PROPERTIES} ?name . "
            "FILTER(isIRI(?s) && CONTAINS(LCASE(STR(?name)), ?key)) }"
        )
        result = self.select(query, {"key": ox.Literal(key)})
        try:
            return choose(name, index_rows(pairs(result)))
        except UnknownName:
            # Nothing contains the key: fetch every name, for the suggestions.
            everything = self.select(
                f"SELECT ?s ?name WHERE {{ ?s {NAME_PROPERTIES} ?name FILTER(isIRI(?s)) }}"
            )
            return choose(name, index_rows(pairs(everything)))

    def labels(self, iris: Sequence[str], lang: str) -> dict[str, str]:
        if lang not in ("zh", "en"):
            raise QueryError(f"--labels {lang!r}: use zh or en")
        found: dict[str, str] = {}
        for start in range(0, len(iris), 200):
            chunk = " ".join(f"<{i}>" for i in iris[start : start + 200])
            query = (
                f"SELECT ?s ?l WHERE {{ VALUES ?s {{ {chunk} }} ?s rdfs:label|skos:prefLabel ?l "
                f'FILTER(LANGMATCHES(LANG(?l), "{lang}")) }}'
            )
            for iri, label in sorted(pairs(self.select(query))):
                found.setdefault(iri, label)
        return found


def plain_json_results(body: bytes) -> bytes:
    """SPARQL JSON results with only the members the format defines, `head` first.

    Servers add members of their own (Comunica a `metadata` after `results`, Virtuoso `link`,
    `distinct`, `ordered`), which the format allows but pyoxigraph's streaming parser rejects
    after the bindings. The document is read with the standard library's json (C code, a few
    ms for thousands of rows) and handed on in the order pyoxigraph reads, which keeps its
    checks of terms and IRIs. Raises ValueError for what is not a results document.
    """
    import json  # only for JSON answers: json imports re (start-up time of every query)

    doc = json.loads(body)
    if not isinstance(doc, dict) or not isinstance(doc.get("head"), dict):
        raise ValueError("not SPARQL JSON results: no head")
    head = {"vars": doc["head"].get("vars", [])}
    if "boolean" in doc:
        plain: dict[str, object] = {"head": head, "boolean": doc["boolean"]}
    elif isinstance(doc.get("results"), dict):
        plain = {"head": head, "results": {"bindings": doc["results"].get("bindings", [])}}
    else:
        raise ValueError("not SPARQL JSON results: neither results nor boolean")
    return json.dumps(plain, ensure_ascii=False).encode("utf-8")


def ask_from_table(result: QueryResult, url: str) -> QueryResult:
    """An ASK answered as a table: Virtuoso 7 answers ASK in JSON with one variable,
    `__ASK_RETVAL`, bound to 1 in one row when true, and no row when false, instead of a
    `boolean` member."""
    if len(result.variables) == 1 and not result.rows:
        return QueryResult("ask", boolean=False)
    if len(result.rows) == 1 and len(result.rows[0]) == 1 and isinstance(result.rows[0][0], ox.Literal):
        value = result.rows[0][0].value
        if value in ("1", "true", "0", "false"):
            return QueryResult("ask", boolean=value in ("1", "true"))
    raise EndpointError(f"{url}: answered an ASK query with a table, not a boolean")


def check_graph_iri(graph: str, option: str) -> None:
    """A graph named in the dataset must be an absolute IRI, or the server refuses the query."""
    scheme, colon, _ = graph.partition(":")
    valid = bool(colon) and scheme[:1].isalpha() and all(c.isalnum() or c in "+-." for c in scheme)
    if valid:
        try:
            ox.NamedNode(graph)
        except ValueError:
            valid = False
    if not valid:
        example = "https://w3id.org/parkgraph/graph/all"
        raise EndpointError(f"{option} {graph!r}: not an absolute IRI; give e.g. {example}")


def pairs(result: QueryResult) -> list[tuple[str, str]]:
    return [
        (str(row[0].value), str(row[1].value))
        for row in result.rows
        if isinstance(row[0], ox.NamedNode) and isinstance(row[1], ox.Literal)
    ]


# ------------------------------------------------------------------ graphs for the other commands

WHOLE_GRAPH = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
WHOLE_DATASET = "CONSTRUCT { ?s ?p ?o } WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
# What `describe` shows of an entity ?e: its triples both ways and the labels of the things
# and properties on the other end.
NEIGHBOURHOOD = """CONSTRUCT {
  ?e ?p ?o . ?o rdfs:label ?ol . ?o skos:prefLabel ?op . ?p rdfs:label ?pl . ?p skos:prefLabel ?pp .
  ?x ?q ?e . ?x rdfs:label ?xl . ?x skos:prefLabel ?xp . ?q rdfs:label ?ql . ?q skos:prefLabel ?qp .
  ?n ?r ?v . ?v rdfs:label ?vl . ?v skos:prefLabel ?vp .
  ?v <https://w3id.org/parkgraph/ontology#startYear> ?vs .
  ?v <https://w3id.org/parkgraph/ontology#endYear> ?ve .
} WHERE {
  { ?e ?p ?o
    OPTIONAL { ?o rdfs:label ?ol } OPTIONAL { ?o skos:prefLabel ?op }
    OPTIONAL { ?p rdfs:label ?pl } OPTIONAL { ?p skos:prefLabel ?pp } }
  UNION
  { ?x ?q ?e
    OPTIONAL { ?x rdfs:label ?xl } OPTIONAL { ?x skos:prefLabel ?xp }
    OPTIONAL { ?q rdfs:label ?ql } OPTIONAL { ?q skos:prefLabel ?qp } }
  UNION  # the numbers about it, as `describe` shows them inline (explore.numbers_about)
  { ?n <https://w3id.org/parkgraph/ontology#about> ?e ;
       a <https://w3id.org/parkgraph/ontology#Observation> ; ?r ?v
    OPTIONAL { ?v rdfs:label ?vl } OPTIONAL { ?v skos:prefLabel ?vp }
    OPTIONAL { ?v <https://w3id.org/parkgraph/ontology#startYear> ?vs }
    OPTIONAL { ?v <https://w3id.org/parkgraph/ontology#endYear> ?ve } }
}"""
# What `search` matches against: every name of every resource, and its classes.
NAMES = """CONSTRUCT { ?s ?p ?name . ?s a ?class } WHERE {
  VALUES ?p { rdfs:label skos:prefLabel skos:altLabel skos:notation }
  ?s ?p ?name . FILTER(isIRI(?s) && isLiteral(?name))
  OPTIONAL { ?s a ?class }
}"""


def store_of(triples: Sequence[ox.Triple]) -> ox.Store:
    """An in-memory store of `triples`, blank nodes relabelled with RDFC-1.0: a server names
    them anew in every answer, and exports should not change from one run to the next."""
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    store = ox.Store()
    store.bulk_extend(dataset)
    return store


def fetch_store(engine: RemoteEngine, query: str | None = None) -> ox.Store:
    """The triples of a CONSTRUCT (default: the whole dataset of the request) in an in-memory
    store, for the commands that read a local graph (export, viz). The server may cap its
    answer (Virtuoso's ResultSetMaxRows, 10,000 by default): the count is printed by the CLI."""
    if query is None:
        query = WHOLE_DATASET if any(k == "named-graph-uri" for k, _ in engine.dataset) else WHOLE_GRAPH
    result = engine.run(QueryText(query), {})
    if result.kind != "graph":
        raise QueryError("give a CONSTRUCT or DESCRIBE query: it makes the graph to read")
    return store_of(result.triples)


def fetch_description(engine: RemoteEngine, name: str) -> tuple[ox.Store, ox.NamedNode]:
    """The entity `name` resolves to on the endpoint and what `describe` shows of it."""
    node = engine.resolve(name)
    result = engine.run(QueryText(NEIGHBOURHOOD), {"e": node})
    return store_of(result.triples), node


def fetch_names(engine: RemoteEngine) -> ox.Store:
    """Every name and class of the endpoint's resources, for `search` (which normalises names
    as the server cannot: full-width forms, quote marks)."""
    return store_of(engine.run(QueryText(NAMES), {}).triples)


def max_answer_bytes() -> int:
    value = os.environ.get(MAX_ANSWER_ENV, "")
    return int(value) if value.isdigit() and int(value) > 0 else MAX_ANSWER_BYTES


class Deadline:
    """One time limit for a whole request. A socket timeout bounds each read only, so a
    server that sends a byte a second would never time out; at the deadline a timer shuts
    the connection's socket down, which ends whatever read is waiting."""

    def __init__(self, seconds: float) -> None:
        self.seconds, self.expired = seconds, False
        self.sock: socket.socket | None = None
        self.lock = threading.Lock()
        self.timer = threading.Timer(seconds, self.expire)
        self.timer.daemon = True

    def __enter__(self) -> Deadline:
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.cancel()

    def expire(self) -> None:
        with self.lock:
            self.expired = True
            if self.sock is not None:
                with contextlib.suppress(OSError):  # already closed
                    self.sock.shutdown(socket.SHUT_RDWR)

    def watch(self, sock: socket.socket) -> None:
        with self.lock:
            self.sock = sock
        if self.expired:
            self.expire()

    def opener(self) -> urllib.request.OpenerDirector:
        """An opener whose connections report their socket to this deadline."""
        deadline = self

        class Connection(http.client.HTTPConnection):
            def connect(self) -> None:
                super().connect()
                deadline.watch(self.sock)

        class SecureConnection(http.client.HTTPSConnection):
            def connect(self) -> None:
                super().connect()
                deadline.watch(self.sock)

        class Handler(urllib.request.HTTPHandler):
            def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
                return self.do_open(Connection, req)

        class SecureHandler(urllib.request.HTTPSHandler):
            def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
                return self.do_open(SecureConnection, req, context=getattr(self, "_context", None))

        return urllib.request.build_opener(Handler, SecureHandler)
