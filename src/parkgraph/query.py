"""Running SPARQL on the graph: dist/, RDF files, an on-disk store or a remote endpoint.

    run_query(Source.dist(project), "SELECT ?p WHERE { ?p a pg:Park }") -> QueryResult

The common prefixes (pg:, pgr:, rdf, rdfs, owl, xsd, skos, prov, time, dcterms, schema, qb,
org …) are predeclared. Requests are read-only unless `allow_update`, SERVICE is refused
unless `allow_service`, and `timeout` runs the request in a child process that is killed
when time is up (pyoxigraph cannot be interrupted from Python). Parameters are bound as
terms (pyoxigraph's `substitutions`; a VALUES block remotely), never pasted in as text.

This module is on the start-up path of `parkgraph query`: it imports pyoxigraph and light
standard-library modules only; names, the remote client and multiprocessing load on demand.
"""

from __future__ import annotations

import os

import pyoxigraph as ox

from parkgraph.errors import ParkgraphError, QueryError, QueryTimeout
from parkgraph.namespaces import PREFIXES, prefixes_in
from parkgraph.sparqltext import QueryText, first_line, syntax_error_message

TYPE_CHECKING = False  # `typing` costs start-up time; mypy honours this name
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence  # annotations only
    from pathlib import Path  # pathlib imports re and urllib (≈6 ms): paths stay strings here
    from typing import TypeVar

    from parkgraph.namedqueries import Compute, NamedQuery
    from parkgraph.project import Project

    T = TypeVar("T")

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple

RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
SKOS_PREF = ox.NamedNode(PREFIXES["skos"] + "prefLabel")


class Source:
    """Where a query runs. Build one with `Source.dist`, `.files`, `.store` or `.endpoint`."""

    __slots__ = ("default_graphs", "kind", "location", "named_graphs", "paths", "project")

    def __init__(
        self,
        kind: str,
        *,
        project: Project | None = None,
        paths: Sequence[Path | str] = (),
        location: str = "",
        default_graphs: Sequence[str] = (),
        named_graphs: Sequence[str] = (),
    ) -> None:
        self.kind, self.project, self.paths, self.location = kind, project, list(paths), location
        # The SPARQL 1.1 Protocol's dataset of an endpoint request (default-graph-uri, named-graph-uri).
        self.default_graphs, self.named_graphs = tuple(default_graphs), tuple(named_graphs)

    @classmethod
    def dist(cls, project: Project) -> Source:
        return cls("dist", project=project)

    @classmethod
    def files(cls, paths: Sequence[Path | str]) -> Source:
        return cls("files", paths=paths)

    @classmethod
    def store(cls, directory: Path | str) -> Source:
        return cls("store", location=str(directory))

    @classmethod
    def endpoint(
        cls, url: str, *, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> Source:
        """A SPARQL endpoint; `default_graphs`/`named_graphs` name the dataset of each query
        (servers such as Virtuoso otherwise query every graph they hold, system graphs too)."""
        return cls("endpoint", location=url, default_graphs=default_graphs, named_graphs=named_graphs)

    def __repr__(self) -> str:
        where = self.location or ", ".join(map(str, self.paths)) or str(self.project and self.project.dist)
        return f"Source({self.kind}: {where})"


class QueryResult:
    """A materialised answer: rows of a SELECT, a boolean, triples, or an update's note.

    `kind` is "select", "ask", "graph" or "update". `labels` maps IRIs to the labels asked
    for with `labels="zh"|"en"` (IRIs without one are absent).
    """

    __slots__ = ("boolean", "kind", "labels", "message", "rows", "stream", "triples", "variables")

    def __init__(
        self,
        kind: str,
        *,
        variables: Sequence[str] = (),
        rows: Iterable[Iterable[Term | None]] = (),
        boolean: bool | None = None,
        triples: Sequence[ox.Triple] = (),
        message: str = "",
    ) -> None:
        self.kind = kind
        self.variables = list(variables)
        self.rows = [list(r) for r in rows]
        self.boolean = boolean
        self.triples = list(triples)
        self.message = message
        self.labels: dict[str, str] = {}
        # A streamed SELECT (run_query(stream=True)): rows come from here, once, as the
        # engine finds them, and `rows` stays empty.
        self.stream: Iterator[list[Term | None]] | None = None

    def each_row(self) -> Iterable[list[Term | None]]:
        """The rows: the stream (consumed once) when there is one, else the list."""
        return self.stream if self.stream is not None else self.rows

    def column(self, name: str) -> list[Term | None]:
        i = self.variables.index(name)
        return [row[i] for row in self.rows]

    def values(self) -> list[tuple[str | None, ...]]:
        """Rows as plain strings (IRI, literal lexical form, blank node id): handy in tests."""
        return [tuple(None if t is None else plain(t) for t in row) for row in self.rows]

    def __repr__(self) -> str:
        size = len(self.rows) if self.kind == "select" else len(self.triples)
        return f"QueryResult({self.kind}, {size} rows/triples)"


def plain(term: Term) -> str:
    if isinstance(term, ox.Triple):
        return str(term)
    return str(term.value)


# --------------------------------------------------------------------------- checks


def check(text: str, *, allow_update: bool = False, allow_service: bool = False) -> QueryText:
    """The request's form, after refusing what is not allowed. Runs nothing."""
    qt = QueryText(text)
    if not qt.form:
        raise QueryError(
            "not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE (nor an update operation) found"
        )
    if qt.is_update and not allow_update:
        raise QueryError(
            f"this is a SPARQL update ({qt.form.upper()}); "
            "queries are read-only unless you pass --allow-update"
        )
    if qt.service and not allow_service:
        unsure = ""
        if qt.service_unsure:
            unsure = " may be in this query (it could not be parsed to rule it out) and"
        raise QueryError(
            f"SERVICE (a federated query to another endpoint){unsure} is refused; "
            "pass --allow-service to allow it"
        )
    return qt


# --------------------------------------------------------------------------- engines


class Engine:
    """What a query needs from a graph: run it, resolve a name, find labels."""

    def run(self, qt: QueryText, bindings: Mapping[str, Term], *, stream: bool = False) -> QueryResult:
        """`stream`: a SELECT's rows may come as an iterator (QueryResult.stream)."""
        raise NotImplementedError

    def resolve(self, name: str) -> ox.NamedNode:
        raise NotImplementedError

    def labels(self, iris: Sequence[str], lang: str) -> dict[str, str]:
        raise NotImplementedError


class LocalEngine(Engine):
    """pyoxigraph in this process: an in-memory copy of files, or an on-disk store."""

    def __init__(self, store: ox.Store, *, writable: bool = False) -> None:
        self.store, self.writable = store, writable
        # Named graphs (one per source) are queried as one graph: the merge `parkgraph load`
        # writes into the default graph, else (an in-memory copy, a store loaded before) their
        # union; with no named graphs the union would only cost time (≈20 % on joins at 1 M).
        self.named = any(True for _ in store.named_graphs())
        self.union = self.named and next(
            iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is None

    def run(self, qt: QueryText, bindings: Mapping[str, Term], *, stream: bool = False) -> QueryResult:
        if qt.is_update:
            return self.update(qt)
        subs = {ox.Variable(k): v for k, v in bindings.items()} or None
        try:
            answer = self.store.query(
                qt.text,
                prefixes=prefixes_in(qt.text),
                use_default_graph_as_union=self.union,
                substitutions=subs,
            )
            if stream and isinstance(answer, ox.QuerySolutions):
                result = QueryResult("select", variables=[v.value for v in answer.variables])
                result.stream = guarded_rows(answer)
                return result
            return materialise(answer)
        except SyntaxError as err:
            raise QueryError(syntax_error_message(qt.text, str(err))) from None
        except (RuntimeError, OSError, ValueError, TypeError) as err:
            raise query_failed(err) from None

    def update(self, qt: QueryText) -> QueryResult:
        if not self.writable:
            raise QueryError(
                "an update here would change only a temporary in-memory copy of the graph; "
                "run it on an on-disk store (--store DIR) or a remote endpoint (--endpoint URL)"
            )
        if self.named:
            refuse_default_graph_update(qt.text)
        before = self.quads()
        try:
            if self.named and not self.union:
                from parkgraph.store import update_keeping_merge

                update_keeping_merge(self.store, qt.text, prefixes_in(qt.text))
            else:
                self.store.update(qt.text, prefixes=prefixes_in(qt.text))
        except SyntaxError as err:
            raise QueryError(syntax_error_message(qt.text, str(err), "update")) from None
        except (OSError, ValueError) as err:
            raise QueryError(f"the update failed: {first_line(str(err))}") from None
        after = self.quads()
        return QueryResult("update", message=f"update done: {before} → {after} quads")

    def quads(self) -> int:
        """The quads of the sources: without the merged copy in the default graph, if any."""
        if self.named and not self.union:
            return sum(1 for _ in self.store.quads_for_pattern(None, None, None, None)
                       if not isinstance(_.graph_name, ox.DefaultGraph))
        return len(self.store)

    def resolve(self, name: str) -> ox.NamedNode:
        from parkgraph.names import resolve  # only when a name is given

        return resolve(self.store, name)

    def labels(self, iris: Sequence[str], lang: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for iri in iris:
            node = ox.NamedNode(iri)
            for prop in (RDFS_LABEL, SKOS_PREF):
                found = [
                    q.object.value
                    for q in self.store.quads_for_pattern(node, prop, None, None)
                    if isinstance(q.object, ox.Literal) and (q.object.language or "").startswith(lang)
                ]
                if found:
                    out[iri] = sorted(found)[0]
                    break
        return out


def refuse_default_graph_update(text: str) -> None:
    """On a store with named graphs queries see the union of the graphs, but an update's
    DELETE and WHERE see only the default graph: `DELETE WHERE { ?s rdfs:label ?l }` would
    delete 8 of 352 labels and say "done". Such an update is refused; one that names its
    graphs (GRAPH ?g { … }, WITH, USING) or only inserts runs as written."""
    from parkgraph.namespaces import sparql_prologue
    from parkgraph.sparqlparse import default_graph_only

    operation = default_graph_only(sparql_prologue() + text)
    if operation is not None:
        raise QueryError(
            f"this store keeps its triples in named graphs (queries see them all as one), but this "
            f"{operation} would read or change only the default graph; name the graphs, e.g. "
            "DELETE WHERE { GRAPH ?g { … } }, or WITH <graph> / USING <graph>"
        )


def query_failed(err: Exception) -> QueryError:
    if isinstance(err, RuntimeError) and "SELECT projection" in str(err):
        missing = str(err).rsplit("variable ", 1)[-1].split()[0]
        return QueryError(
            f"parameter {missing} is not in the SELECT clause: a bound parameter must be projected"
        )
    return QueryError(f"the query failed: {first_line(str(err))}")


def guarded_rows(answer: ox.QuerySolutions) -> Iterator[list[Term | None]]:
    """A SELECT's rows as the engine finds them; an engine error on the way is a QueryError."""
    try:
        for row in answer:
            yield list(row)
    except (RuntimeError, OSError, ValueError, TypeError) as err:
        raise query_failed(err) from None


def materialise(answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return QueryResult("graph", triples=list(answer))
    names = [v.value for v in answer.variables]
    # A solution iterates its values in the order of `variables`: one pass, no lookups by name.
    return QueryResult("select", variables=names, rows=answer)


def open_engine(
    source: Source, *, writable: bool = False, timeout: float | None = None, accept: str | None = None
) -> Engine:
    """The engine for `source`. dist/ and files are loaded into memory; a store is opened
    read-only unless `writable`."""
    from parkgraph.graphsource import load_files, open_dist

    if source.kind == "dist":
        assert source.project is not None
        return LocalEngine(open_dist(source.project))
    if source.kind == "files":
        return LocalEngine(load_files(source.paths))
    if source.kind == "store":
        from parkgraph.store import open_store

        return LocalEngine(open_store(source.location, read_only=not writable), writable=writable)
    if source.kind == "endpoint":
        from parkgraph.remote import RemoteEngine

        return RemoteEngine(
            source.location,
            timeout=timeout,
            accept=accept,
            default_graphs=source.default_graphs,
            named_graphs=source.named_graphs,
        )
    raise QueryError(f"unknown source kind {source.kind!r}")


# --------------------------------------------------------------------------- run


def apply_computes(result: QueryResult, computes: list[Compute]) -> None:
    """Append each computed column to a SELECT result, in place."""
    if result.kind != "select":
        return
    for comp in computes:
        missing = [a for a in comp.args if a not in result.variables]
        if missing:
            raise QueryError(f"compute {comp.output}: the query has no column {', '.join(missing)}")
        idx = [result.variables.index(a) for a in comp.args]
        from parkgraph.namedqueries import COMPUTE_FUNCTIONS

        function = COMPUTE_FUNCTIONS[comp.function]
        result.variables.append(comp.output)
        for row in result.rows:
            row.append(function(*(row[i] for i in idx)))


def run_query(
    source: Source,
    query: str | NamedQuery,
    *,
    params: Mapping[str, str] | None = None,
    allow_update: bool = False,
    allow_service: bool = False,
    timeout: float | None = None,
    labels: str | None = None,
    accept: str | None = None,
    stream: bool = False,
) -> QueryResult:
    """Run `query` (SPARQL text, or a named query with its parameters) on `source`.

    `stream`: a SELECT on a local graph, without `timeout`, `labels` or computed columns,
    gives its rows as an iterator (`QueryResult.stream`), so that the first row can be
    written before the last one is found; otherwise (and for other forms) rows are a list.

    `params` are raw values (a name, an IRI, a prefixed name, "quoted text", a number),
    turned into terms by the query's declared parameter types. `labels` ("zh"/"en") fills
    `QueryResult.labels`. `accept` is the output format a remote endpoint is asked for
    first. Raises QueryError (bad or forbidden query), QueryTimeout, UnknownName (a
    parameter that names nothing), EndpointError, InputFileError.
    """
    named = None if isinstance(query, str) else query
    text = named.text if named is not None else str(query)
    qt = check(text, allow_update=allow_update, allow_service=allow_service)
    if timeout is not None and not 0 < timeout < 1e9:  # `not`: also refuses NaN; inf would overflow
        raise QueryError(f"--timeout must be a positive number of seconds (below 1e9), got {timeout:g}")

    def work() -> QueryResult:
        engine = open_engine(source, writable=allow_update and qt.is_update, timeout=timeout, accept=accept)
        bindings: dict[str, Term] = {}
        if named is not None or params:
            from parkgraph.namedqueries import bind_params

            bindings = bind_params(named, params or {}, engine.resolve)
        lazy = stream and timeout is None and not labels and not (named is not None and named.computes)
        result = engine.run(qt, bindings, stream=lazy and source.kind != "endpoint")
        if named is not None:
            apply_computes(result, named.computes)
        if labels and result.kind == "select":
            iris = sorted({t.value for row in result.rows for t in row if isinstance(t, ox.NamedNode)})
            result.labels = engine.labels(iris, labels) if iris else {}
        return result

    if timeout is None or source.kind == "endpoint":
        return work()  # the remote client enforces the timeout on the connection itself
    return in_child(work, timeout)


def in_child(work: Callable[[], T], timeout: float, what: str = "the query") -> T:
    """Run `work` in a forked child; kill it when `timeout` seconds pass without an answer.

    The child loads the graph itself (so no store or RocksDB handle crosses the fork) and
    sends back the materialised result (anything picklable), or the error it raised.
    """
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    receiver, sender = ctx.Pipe(duplex=False)

    parent = os.getpid()

    def child() -> None:
        die_with_parent(parent)
        try:
            sender.send(("ok", work()))
        except ParkgraphError as error:
            sender.send(("error", type(error).__name__, error.message))
        except BaseException as error:  # report anything, never hang the parent
            sender.send(("error", "QueryError", f"{type(error).__name__}: {first_line(str(error))}"))

    process = ctx.Process(target=child, daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise QueryTimeout(f"{what} ran past its time limit of {timeout:g} s and was stopped")
        try:
            message = receiver.recv()
        except EOFError:
            raise QueryError(f"{what}: its process died (exit status {process.exitcode})") from None
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    if message[0] == "ok":
        result: T = message[1]
        return result
    raise rebuild_error(message[1], message[2])


def die_with_parent(parent: int) -> None:
    """In the query child: be killed when the parent dies, even by SIGKILL, instead of
    running on orphaned at full CPU (Linux's PR_SET_PDEATHSIG, through ctypes)."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL), 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the parent's kill on timeout still holds
        pass
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def rebuild_error(name: str, message: str) -> ParkgraphError:
    """The child's error again, as its own class when that takes a plain message."""
    from parkgraph import errors

    cls = getattr(errors, name, None)
    if isinstance(cls, type) and issubclass(cls, ParkgraphError):
        try:
            return cls(message)
        except TypeError:
            pass
    return QueryError(message)
