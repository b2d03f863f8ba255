"""`parkgraph push` against a real `oxigraph serve` on loopback, and a real HTTP server that
demands basic auth (oxigraph has none) for the 401 case."""

from __future__ import annotations

import base64
import json
import threading
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import assert_isomorphic
from oxigraph_server import Server, free_port, oxigraph_server
from typer.testing import CliRunner

from parkgraph.cli import load_app
from parkgraph.errors import EndpointError
from parkgraph.namespaces import PG_GRAPH, PREFIXES, sparql_prologue
from parkgraph.project import Project
from parkgraph.push import credentials, graph_url, push_graphs

runner = CliRunner()
app = load_app()

# Questions an analyst asks (used besides the project's named queries, which may take params).
OWN_QUERIES = {
    "parks": "SELECT ?park ?label WHERE { ?park a/rdfs:subClassOf* pg:Park ; rdfs:label ?label }",
    "numbers": """SELECT ?obs ?about ?indicator ?value ?unit ?status ?period WHERE {
        ?obs a pg:Observation ; pg:about ?about ; pg:value ?value .
        OPTIONAL { ?obs pg:indicator ?indicator } OPTIONAL { ?obs pg:unit ?unit }
        OPTIONAL { ?obs pg:status ?status } OPTIONAL { ?obs pg:period ?period } } ORDER BY ?obs""",
    "classes": "SELECT ?class (COUNT(?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class "
    "ORDER BY DESC(?n) ?class",
    "evidence": "SELECT ?s ?ev WHERE { ?s pg:evidence ?ev ; prov:wasDerivedFrom ?src . "
    "FILTER(CONTAINS(?ev, '亿')) }",
    "ask": "ASK { ?p pg:hasCluster ?c . ?c pg:industry ?i }",
}


def cli(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[Server]:
    with oxigraph_server(tmp_path / "server-store") as srv:
        yield srv


def server_triples(server: Server, graph: str | None = None) -> rdflib.Graph:
    url = graph_url(server.store_url, graph)
    request = urllib.request.Request(url, headers={"Accept": "application/n-triples"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return rdflib.Graph().parse(data=response.read(), format="nt")


def local_store(project: Project) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(project.dist / "parkgraph.nt"), format=ox.RdfFormat.N_TRIPLES)
    return store


def store_as_rdflib(store: ox.Store) -> rdflib.Graph:
    data = ox.serialize((q.triple for q in store), format=ox.RdfFormat.N_TRIPLES)
    assert data is not None
    return rdflib.Graph().parse(data=data, format="nt")


def normalised(results_json: bytes, ordered: bool) -> object:
    """SPARQL JSON results as comparable rows (blank node labels are arbitrary: dropped)."""
    doc = json.loads(results_json)
    if "boolean" in doc:
        return doc["boolean"]
    rows = []
    for binding in doc["results"]["bindings"]:
        row = []
        for var, term in sorted(binding.items()):
            value = "_:" if term["type"] == "bnode" else term["value"]
            kind = "literal" if term["type"] == "typed-literal" else term["type"]
            row.append((var, kind, value, term.get("datatype", ""), term.get("xml:lang", "")))
        rows.append(tuple(row))
    return rows if ordered else sorted(rows)


def ask_server(server: Server, query: str) -> bytes:
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(
        server.query_url,
        data=body,
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return bytes(response.read())


def ask_local(store: ox.Store, query: str) -> bytes:
    result = store.query(query, use_default_graph_as_union=True)
    assert isinstance(result, ox.QuerySolutions | ox.QueryBoolean)
    data = result.serialize(format=ox.QueryResultsFormat.JSON)
    assert data is not None
    return data


def test_push_replace_leaves_exactly_the_local_triples(server: Server, built_project: Project) -> None:
    # Something already on the server that --replace must remove.
    stale = "<https://example.org/stale> <https://example.org/p> 'old' ."
    request = urllib.request.Request(
        graph_url(server.store_url, None),
        data=stale.encode(),
        method="PUT",
        headers={"Content-Type": "text/turtle"},
    )
    urllib.request.urlopen(request, timeout=30).close()

    code, _, stderr = cli(
        "push", "--endpoint", server.store_url, "--replace", "--root", str(built_project.root)
    )
    assert code == 0, stderr
    assert "pushed" in stderr and "PUT default graph" in stderr
    local = local_store(built_project)
    on_server = server_triples(server)
    assert len(on_server) == len(local)
    assert_isomorphic(store_as_rdflib(local), on_server, "server after push --replace")

    # Without --replace the triples are added: the same graph again adds nothing but fresh
    # copies of the blank nodes (RDF merge; that is why a repeatable push uses --replace).
    code, _, stderr = cli("push", "--endpoint", server.store_url, "--root", str(built_project.root))
    assert code == 0, stderr
    assert "POST default graph" in stderr
    after = server_triples(server)
    with_bnodes = sum(1 for t in on_server if any(isinstance(x, rdflib.BNode) for x in t))
    assert len(after) == len(local) + with_bnodes
    named = {t for t in after if not any(isinstance(x, rdflib.BNode) for x in t)}
    assert named == {t for t in on_server if not any(isinstance(x, rdflib.BNode) for x in t)}


def test_server_answers_the_named_queries_as_local(server: Server, built_project: Project) -> None:
    code, _, stderr = cli(
        "push", "--endpoint", server.store_url, "--replace", "--root", str(built_project.root)
    )
    assert code == 0, stderr
    local = local_store(built_project)
    prologue = sparql_prologue()
    compared = 0
    for name, query in OWN_QUERIES.items():
        text = prologue + query
        ordered = "ORDER BY" in query
        assert normalised(ask_server(server, text), ordered) == normalised(ask_local(local, text), ordered), (
            name
        )
        compared += 1
    from parkgraph.namedqueries import list_queries
    from parkgraph.query import Source, run_query

    for named in list_queries(built_project.queries_dir):
        # A parameter without a default gets the example its description gives ("e.g. 新材料").
        params = {
            p.name: p.meaning.split("e.g.", 1)[1].strip(" )")
            for p in named.params
            if p.default is None and "e.g." in p.meaning
        }
        if any(p.default is None and p.name not in params for p in named.params):
            continue
        remote = run_query(Source.endpoint(server.query_url), named, params=params)
        here = run_query(Source.dist(built_project), named, params=params)
        assert remote.variables == here.variables, named.name
        assert sorted(map(str, remote.values())) == sorted(map(str, here.values())), named.name
        assert remote.boolean == here.boolean, named.name
        compared += 1
    named_total = len(list_queries(built_project.queries_dir))
    assert compared - len(OWN_QUERIES) >= named_total - 1  # at most one named query skipped


def test_push_named_graphs_keeps_one_graph_per_source(server: Server, built_project: Project) -> None:
    code, _, stderr = cli(
        "push",
        "--endpoint",
        server.store_url,
        "--named-graphs",
        "--replace",
        "--root",
        str(built_project.root),
    )
    assert code == 0, stderr
    counts = ask_server(server, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    got = {b["g"]["value"]: int(b["n"]["value"]) for b in json.loads(counts)["results"]["bindings"]}
    expected: dict[str, int] = {}
    for quad in ox.parse(path=str(built_project.dist / "parkgraph.trig")):
        assert isinstance(quad.graph_name, ox.NamedNode)
        expected[quad.graph_name.value] = expected.get(quad.graph_name.value, 0) + 1
    assert got == expected
    assert PG_GRAPH + "ontology" in got


def test_push_into_one_named_graph(server: Server, built_project: Project) -> None:
    graph = "https://example.org/graphs/parkgraph"
    code, _, stderr = cli(
        "push",
        "--endpoint",
        server.store_url,
        "--graph",
        graph,
        "--replace",
        "--root",
        str(built_project.root),
    )
    assert code == 0, stderr
    assert len(server_triples(server, graph)) == len(local_store(built_project))
    assert len(server_triples(server)) == 0


def test_a_rejected_request_leaves_the_server_graph_as_it_was(
    server: Server, built_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, stderr = cli(
        "push", "--endpoint", server.store_url, "--replace", "--root", str(built_project.root)
    )
    assert code == 0, stderr
    before = server_triples(server)
    import parkgraph.push

    real = parkgraph.push.turtle

    def truncated(triples: list[ox.Triple]) -> bytes:
        data = real(triples)
        return data[: len(data) // 2]  # cut mid-file: the server must refuse all of it

    monkeypatch.setattr(parkgraph.push, "turtle", truncated)
    triples = [q.triple for q in local_store(built_project)]
    with pytest.raises(EndpointError, match="HTTP 400"):
        push_graphs({None: triples}, server.store_url, replace=True)
    assert_isomorphic(before, server_triples(server), "server graph after a refused PUT")


def test_push_to_a_dead_server_is_a_clear_error(built_project: Project) -> None:
    url = f"http://127.0.0.1:{free_port()}/store"
    code, stdout, stderr = cli("push", "--endpoint", url, "--root", str(built_project.root))
    assert code == 2
    assert stderr.startswith("Error: ") and "cannot connect" in stderr and "Connection refused" in stderr
    assert len(stderr.strip().splitlines()) == 1 and stdout == ""


def test_push_to_the_wrong_path_says_so(server: Server, built_project: Project) -> None:
    code, _, stderr = cli("push", "--endpoint", server.base + "/nowhere", "--root", str(built_project.root))
    assert code == 2
    assert "HTTP 404" in stderr and "Graph Store endpoint" in stderr


def test_push_to_a_read_only_server_says_it_may_be_read_only(built_project: Project, tmp_path: Path) -> None:
    """`oxigraph serve-read-only` (what `parkgraph serve` runs) answers a GSP PUT or POST with
    403 and "The server is read-only"; the message says so, not only "the user may not write"."""
    store = tmp_path / "ro.db"
    code, _, stderr = cli("load", "--store", str(store), str(built_project.dist / "parkgraph.nt"))
    assert code == 0, stderr
    with oxigraph_server(store, read_only=True) as server:
        for replace in ([], ["--replace"]):
            args = ["push", "--endpoint", server.store_url, "--root", str(built_project.root), *replace]
            code, stdout, stderr = cli(*args)
            assert code == 2 and stdout == "" and stderr.count("\n") == 1, stderr
            assert stderr.startswith("Error: ") and "403 Forbidden: The server is read-only; " in stderr
            assert "push to a writable server" in stderr and "`oxigraph serve` is not" in stderr, stderr
    import io
    import urllib.error

    from parkgraph.push import http_error

    other = urllib.error.HTTPError("http://x/store", 403, "Forbidden", {}, io.BytesIO(b"denied"))  # type: ignore[arg-type]
    message = http_error("PUT http://x/store", other).message
    assert message.startswith("PUT http://x/store: 403 Forbidden: denied; the user may not write")
    assert "or the server is read-only" in message


def test_bad_endpoint_and_option_clash(built_project: Project) -> None:
    code, _, stderr = cli("push", "--endpoint", "ftp://x/store", "--root", str(built_project.root))
    assert code == 2 and "not an http(s) URL" in stderr
    code, _, stderr = cli(
        "push",
        "--endpoint",
        "http://127.0.0.1:9/s",
        "--graph",
        "http://g",
        "--named-graphs",
        "--root",
        str(built_project.root),
    )
    assert code == 2 and "exclude each other" in stderr


# ---------------------------------------------------------------------------------------- auth


@dataclass
class AuthServer:
    url: str
    expected: str
    seen: list[dict[str, str]] = field(default_factory=list)


@pytest.fixture()
def auth_server() -> Iterator[AuthServer]:
    """A real HTTP server on loopback that accepts PUT/POST only with Basic admin:s3cret."""
    state = AuthServer("", "Basic " + base64.b64encode(b"admin:s3cret").decode())

    class Handler(BaseHTTPRequestHandler):
        def answer(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = self.rfile.read(length)
            state.seen.append(
                {
                    "method": self.command,
                    "path": self.path,
                    "authorization": self.headers.get("Authorization", ""),
                    "content_type": self.headers.get("Content-Type", ""),
                    "bytes": str(len(body)),
                }
            )
            if self.headers.get("Authorization") != state.expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="parkgraph-test"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(204)
            self.end_headers()

        do_PUT = do_POST = answer

        def log_message(self, *_args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{httpd.server_address[1]}/store"
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


def test_wrong_credentials_are_a_401_error(auth_server: AuthServer, built_project: Project) -> None:
    env = {"PARKGRAPH_PASSWORD": "wrong"}
    code, _, stderr = cli(
        "push", "--endpoint", auth_server.url, "--user", "admin", "--root", str(built_project.root), env=env
    )
    assert code == 2
    assert "401 Unauthorized (basic auth refused)" in stderr and "PARKGRAPH_USER/PARKGRAPH_PASSWORD" in stderr
    # Credentials go as the server's challenge asks (basic here), and the push stops at the
    # first refusal of them.
    assert [s["authorization"] for s in auth_server.seen] == [
        "",
        "Basic " + base64.b64encode(b"admin:wrong").decode(),
    ]
    assert "wrong" not in stderr


def test_no_credentials_is_a_401_error(auth_server: AuthServer, built_project: Project) -> None:
    code, _, stderr = cli(
        "push",
        "--endpoint",
        auth_server.url,
        "--root",
        str(built_project.root),
        env={"PARKGRAPH_USER": "", "PARKGRAPH_PASSWORD": ""},
    )
    assert code == 2 and "401 Unauthorized (the server asks for basic auth)" in stderr
    assert auth_server.seen[0]["authorization"] == ""


def test_right_credentials_from_the_environment(auth_server: AuthServer, built_project: Project) -> None:
    env = {"PARKGRAPH_USER": "admin", "PARKGRAPH_PASSWORD": "s3cret"}
    code, _, stderr = cli(
        "push",
        "--endpoint",
        auth_server.url,
        "--replace",
        "--named-graphs",
        "--root",
        str(built_project.root),
        env=env,
    )
    assert code == 0, stderr
    graphs = {q.graph_name for q in ox.parse(path=str(built_project.dist / "parkgraph.trig"))}
    # The first graph is sent once more after the challenge; then basic auth goes at once.
    assert len(auth_server.seen) == len(graphs) + 1
    assert auth_server.seen[0]["authorization"] == ""
    assert all(
        s["method"] == "PUT" and s["authorization"] == auth_server.expected for s in auth_server.seen[1:]
    )
    assert all(
        s["path"].startswith("/store?graph=") and s["content_type"].startswith("text/turtle")
        for s in auth_server.seen
    )


def test_password_only_from_the_environment() -> None:
    assert credentials(None, {}) is None
    assert credentials("admin", {"PARKGRAPH_PASSWORD": "pw"}) == ("admin", "pw")
    assert credentials(None, {"PARKGRAPH_USER": "u", "PARKGRAPH_PASSWORD": "pw"}) == ("u", "pw")
    with pytest.raises(EndpointError, match="set PARKGRAPH_PASSWORD"):
        credentials("admin", {})
    with pytest.raises(EndpointError, match="no user name"):
        credentials(None, {"PARKGRAPH_PASSWORD": "pw"})
    code, _, stderr = cli("push", "--help")
    assert code == 0 and "--password" not in stderr


def test_graph_urls() -> None:
    assert graph_url("http://h:7878/store", None) == "http://h:7878/store?default"
    assert graph_url("http://h/ds/data?x=1", "https://w3id.org/g#a") == (
        "http://h/ds/data?x=1&graph=https%3A%2F%2Fw3id.org%2Fg%23a"
    )
    assert PREFIXES["pg"]  # the prologue used above declares pg:


# ---------------------------------------------------------------- exploratory QA: bad arguments


def one_error_line(code: int, stderr: str, contains: str) -> None:
    assert code == 2, stderr
    assert stderr.startswith("Error: ") and stderr.count("\n") == 1, stderr
    assert contains in stderr, stderr


@pytest.mark.parametrize("url", ["http://[::1/store", "http://127.0.0.1:99999/store"])
def test_push_to_a_url_that_does_not_parse(built_project: Project, url: str) -> None:
    code, _, stderr = cli("push", "--root", str(built_project.root), "--endpoint", url)
    one_error_line(code, stderr, "not a valid URL")


@pytest.mark.parametrize("timeout", ["0", "-1", "nan"])
def test_push_refuses_a_timeout_that_is_not_positive(built_project: Project, timeout: str) -> None:
    url = "http://127.0.0.1:9/store"
    code, _, stderr = cli(
        "push", "--root", str(built_project.root), "--endpoint", url, f"--timeout={timeout}"
    )
    one_error_line(code, stderr, "--timeout must be a positive number")


@pytest.mark.parametrize("graph", ["", "not an iri", "graph-1", "<https://a/b>"])
def test_push_refuses_a_graph_that_is_not_an_absolute_iri(graph: str) -> None:
    with pytest.raises(EndpointError, match="not an absolute IRI"):
        push_graphs({graph: []}, "http://127.0.0.1:9/store")


def test_an_html_error_page_is_read_as_words(tmp_path: Path) -> None:
    class NotSparql(BaseHTTPRequestHandler):  # like `python -m http.server`: 501 for POST and PUT
        def do_POST(self) -> None:
            self.send_error(501, "Unsupported method ('POST')")

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), NotSparql)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{httpd.server_address[1]}/"
        with pytest.raises(EndpointError) as push_error:
            push_graphs({None: []}, url)
        from parkgraph.query import Source, run_query

        with pytest.raises(EndpointError) as query_error:
            run_query(Source.endpoint(url), "ASK { ?s ?p ?o }")
    finally:
        httpd.shutdown()
        httpd.server_close()
    for error in (push_error.value, query_error.value):
        assert "<" not in error.message and "Error code: 501" in error.message, error.message
    assert "Graph Store endpoint" in push_error.value.message
    assert "SPARQL endpoint" in query_error.value.message
