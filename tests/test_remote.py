"""`--endpoint`: the SPARQL 1.1 Protocol client against a real `oxigraph serve` on loopback.

The server is loaded with the shipped graph; every named query must give the same answer
there as locally (and the hand-checked answer of test_named_queries.py).
"""

from __future__ import annotations

import socket
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from conftest import assert_isomorphic
from oxigraph_server import Server, free_port, oxigraph_binary, oxigraph_server
from test_named_queries import CASE_IDS, CASES, SHIPPED_CASE_IDS, SHIPPED_CASES, Check
from typer.testing import CliRunner

from parkgraph.cli import app
from parkgraph.errors import EndpointError
from parkgraph.namedqueries import find_query
from parkgraph.project import Project
from parkgraph.query import Source, run_query

runner = CliRunner()
JSON_RESULTS = "application/sparql-results+json"


@pytest.fixture(scope="module")
def server(dist: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    location = tmp_path_factory.mktemp("oxigraph-store")
    subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(dist / "parkgraph.nt")],
        check=True,
        capture_output=True,
    )
    with oxigraph_server(location, read_only=True) as srv:
        yield srv


@pytest.mark.parametrize(("name", "params"), [(n, p) for n, p, _ in CASES], ids=CASE_IDS)
def test_named_query_remotely_as_locally(
    server: Server, project: Project, dist: Path, name: str, params: dict[str, str]
) -> None:
    """On the shipped graph, remote equals local (test_named_queries.py checks the local answers
    against the hand-checked ones on the seed graph)."""
    query = find_query(project.queries_dir, name)
    remote = run_query(Source.endpoint(server.query_url), query, params=params)
    local = run_query(Source.files([dist / "parkgraph.nt"]), query, params=params)
    assert remote.variables == local.variables
    assert sorted(remote.values(), key=str) == sorted(local.values(), key=str)


@pytest.mark.parametrize(("name", "params", "check"), SHIPPED_CASES, ids=SHIPPED_CASE_IDS)
def test_cross_park_query_remotely(
    server: Server, project: Project, name: str, params: dict[str, str], check: Check
) -> None:
    """The cross-park answers checked by hand against the articles, from the server itself."""
    check(run_query(Source.endpoint(server.query_url), find_query(project.queries_dir, name), params=params))


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv", "csv", "table", "md"])
def test_cli_formats_remote_equal_local(server: Server, dist: Path, fmt: str) -> None:
    args = ["query", "--name", "strategy-components", "--format", fmt]
    remote = runner.invoke(app, [*args, "--endpoint", server.query_url])
    local = runner.invoke(app, [*args, "--data", str(dist / "parkgraph.nt")])
    assert remote.exit_code == 0, remote.output
    assert remote.stdout == local.stdout


def test_construct_remote_equals_local(server: Server, dist: Path) -> None:
    query = "CONSTRUCT { ?s skos:notation ?n } WHERE { ?s a pg:Strategy ; skos:notation ?n }"
    for fmt in ("ttl", "nt", "jsonld"):
        remote = runner.invoke(app, ["query", query, "--format", fmt, "--endpoint", server.query_url])
        local = runner.invoke(app, ["query", query, "--format", fmt, "--data", str(dist / "parkgraph.nt")])
        assert remote.exit_code == 0, remote.output
        assert remote.stdout == local.stdout
    assert "pgr:strategy-3322" in remote.stdout or "strategy-3322" in remote.stdout


def test_labels_remote(server: Server) -> None:
    result = runner.invoke(
        app,
        ["query", "--name", "clusters", "--labels", "en", "--format", "csv", "--endpoint", server.query_url],
    )
    assert result.exit_code == 0, result.output
    assert "Yongchuan High-tech Zone" in result.stdout


def test_unknown_name_remote(server: Server) -> None:
    result = runner.invoke(
        app, ["query", "--name", "clusters", "--param", "park=永州高新区", "--endpoint", server.query_url]
    )
    assert result.exit_code == 2
    assert "no resource has this name" in result.stderr
    assert "永川高新区" in result.stderr  # the suggestion


def test_service_refused_before_sending(server: Server) -> None:
    result = runner.invoke(
        app, ["query", "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }", "--endpoint", server.query_url]
    )
    assert result.exit_code == 2
    assert "SERVICE" in result.stderr


def test_update_refused_remotely(server: Server) -> None:
    result = runner.invoke(app, ["query", "DELETE WHERE { ?s ?p ?o }", "--endpoint", server.query_url])
    assert result.exit_code == 2
    assert "--allow-update" in result.stderr


# ---------------------------------------------------------------- endpoints that fail


def one_line_error(result: object) -> str:
    stderr = result.stderr  # type: ignore[attr-defined]
    assert result.exit_code == 2, stderr  # type: ignore[attr-defined]
    assert stderr.startswith("Error: ") and stderr.count("\n") == 1, stderr
    assert result.stdout == ""  # type: ignore[attr-defined]
    return str(stderr)


def test_connection_refused(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    out = tmp_path / "answer.csv"
    result = runner.invoke(app, ["query", "ASK {}", "--endpoint", url, "-o", str(out)])
    assert "cannot connect" in one_line_error(result)
    assert not out.exists()


def test_http_error(server: Server) -> None:
    result = runner.invoke(app, ["query", "ASK {}", "--endpoint", f"{server.base}/no-such-path"])
    assert "HTTP 404" in one_line_error(result)


def test_update_sent_to_the_query_url_says_where_updates_go(tmp_path: Path) -> None:
    """oxigraph answers an update posted to /query with a bare 400 ("The URL query parameter
    query must be set"); the error says to send it to /update (and a query sent to /update
    the other way round). A syntax error at the right URL gets no such hint."""
    insert = "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }"
    with oxigraph_server(tmp_path / "writable") as srv:
        result = runner.invoke(app, ["query", insert, "--allow-update", "--endpoint", srv.query_url])
        line = one_line_error(result)
        assert "HTTP 400" in line and line.endswith(f"not its query URL: try {srv.update_url}\n"), line
        result = runner.invoke(app, ["query", "ASK {}", "--endpoint", srv.update_url])
        assert one_line_error(result).endswith(f"not its update URL: try {srv.query_url}\n")
        result = runner.invoke(app, ["query", insert, "--allow-update", "--endpoint", srv.store_url])
        assert "updates go to the server's update URL" in one_line_error(result)
        result = runner.invoke(app, ["query", insert + " }", "--allow-update", "--endpoint", srv.update_url])
        assert "HTTP 400" in one_line_error(result) and "URL" not in result.stderr.split("HTTP 400")[1]
        result = runner.invoke(app, ["query", insert, "--allow-update", "--endpoint", srv.update_url])
        assert result.exit_code == 0, result.stderr


def test_server_side_syntax_error_is_reported(server: Server) -> None:
    # Caught locally first? No: the client does not parse; the server answers 400.
    result = runner.invoke(app, ["query", "SELECT ?s WHERE { ?s ?p }", "--endpoint", server.query_url])
    assert "HTTP 400" in one_line_error(result)


def test_endpoint_timeout() -> None:
    # A server that accepts the connection and never answers.
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    port = sock.getsockname()[1]
    held: list[socket.socket] = []
    accept = threading.Thread(target=lambda: held.append(sock.accept()[0]), daemon=True)
    accept.start()
    try:
        result = runner.invoke(
            app, ["query", "ASK {}", "--endpoint", f"http://127.0.0.1:{port}/sparql", "--timeout", "0.5"]
        )
        assert "timed out" in one_line_error(result)
    finally:
        for conn in held:
            conn.close()
        sock.close()


def test_not_a_url() -> None:
    with pytest.raises(EndpointError):
        run_query(Source.endpoint("ftp://example.org/sparql"), "ASK {}")


# ---------------------------------------------------------------- endpoints that answer badly


@pytest.fixture(scope="module")
def bad_server() -> Iterator[str]:
    """A real HTTP server on loopback whose answer depends on the path: /html (a web page with
    status 200), /500 (a server error page), /garbage (not JSON, labelled JSON), /nohead (JSON
    that is not SPARQL results), /extra (SPARQL JSON with members of the server's own)."""
    answers = {
        "/html": (200, "text/html; charset=utf-8", b"<!DOCTYPE html><html><body><h1>Hi</h1></body></html>"),
        "/500": (500, "text/html", b"<html><head><title>x</title></head><body>Internal error 42</body>"),
        "/garbage": (200, JSON_RESULTS, b'{"head": {"vars": ["x"]}, "results": '),
        "/nohead": (200, JSON_RESULTS, b"[1, 2, 3]"),
        "/extra": (
            200,
            JSON_RESULTS,
            b'{"head": {"link": [], "vars": ["x"]}, "results": {"distinct": false, "bindings": '
            b'[{"x": {"type": "typed-literal", "value": "7", "datatype": '
            b'"http://www.w3.org/2001/XMLSchema#integer"}}]}, "metadata": {"httpRequests": 0}}',
        ),
    }

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            status, ctype, body = answers[self.path]
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.mark.parametrize(
    ("path", "said"),
    [
        ("/html", "answered with text/html, not SPARQL JSON, XML or TSV results; is this the URL of"),
        ("/500", "HTTP 500 Internal Server Error: Internal error 42"),
        ("/garbage", "unreadable answer"),
        ("/nohead", "unreadable answer (not SPARQL JSON results: no head)"),
    ],
)
def test_an_endpoint_that_answers_badly_is_a_one_line_error(bad_server: str, path: str, said: str) -> None:
    result = runner.invoke(app, ["query", "SELECT ?x WHERE { ?x ?p ?o }", "--endpoint", bad_server + path])
    assert said in one_line_error(result)


def test_json_results_with_members_of_the_servers_own(bad_server: str) -> None:
    """Comunica's `metadata` after the results, Virtuoso's `link`, `distinct`, `typed-literal`."""
    result = run_query(Source.endpoint(bad_server + "/extra"), "SELECT ?x WHERE { ?x ?p ?o }")
    assert result.variables == ["x"] and result.values() == [("7",)]


def test_dataset_options_need_an_endpoint_and_absolute_iris(server: Server, dist: Path) -> None:
    data = str(dist / "parkgraph.nt")
    local = runner.invoke(app, ["query", "ASK {}", "--data", data, "--default-graph-uri", "urn:x"])
    assert "name the dataset of an --endpoint query" in one_line_error(local)
    url = server.query_url
    relative = runner.invoke(app, ["query", "ASK {}", "--endpoint", url, "--named-graph-uri", "g1"])
    assert "--named-graph-uri 'g1': not an absolute IRI" in one_line_error(relative)


def test_default_graph_uri_names_the_dataset(tmp_path: Path, dist: Path) -> None:
    """oxigraph serve with named graphs: default-graph-uri picks the graphs the query sees."""
    location = tmp_path / "store"
    subprocess.run(
        [oxigraph_binary(), "load", "--location", str(location), "--file", str(dist / "parkgraph.trig")],
        check=True,
        capture_output=True,
    )
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    with oxigraph_server(location, read_only=True) as srv:
        advert = "https://w3id.org/parkgraph/graph/hangzhou-htz-advert"
        one = run_query(Source.endpoint(srv.query_url, default_graphs=[advert]), count)
        sources = "https://w3id.org/parkgraph/graph/sources"
        both = run_query(Source.endpoint(srv.query_url, default_graphs=[advert, sources]), count)
        named = run_query(
            Source.endpoint(srv.query_url, named_graphs=[advert]),
            "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        )
    trig = ox.parse(path=str(dist / "parkgraph.trig"))
    advert_triples = sum(1 for q in trig if q.graph_name == ox.NamedNode(advert))
    assert one.values() == [(str(advert_triples),)]
    assert int(both.values()[0][0] or 0) > advert_triples
    assert named.values() == [(advert,)]


@pytest.mark.parametrize(
    "command", [["describe", "永川高新区"], ["search", "新材料"], ["export", "-f", "nt"]]
)
def test_other_commands_remotely_as_locally(
    server: Server, built_project: Project, command: list[str]
) -> None:
    """describe, search and export take --endpoint too (test_engines.py: other engines, and viz)."""
    local = runner.invoke(app, [*command, "--root", str(built_project.root)])
    remote = runner.invoke(app, [*command, "--endpoint", server.query_url])
    assert remote.exit_code == 0, remote.stderr
    if command[0] == "export":  # blank nodes: the server's, relabelled (RDFC-1.0), so compare graphs
        again = runner.invoke(app, [*command, "--endpoint", server.query_url])
        assert again.stdout == remote.stdout  # the same bytes every time
        graph = rdflib.Graph().parse(data=remote.stdout, format="nt")
        assert_isomorphic(rdflib.Graph().parse(data=local.stdout, format="nt"), graph)
    else:
        assert remote.stdout == local.stdout != ""


def test_other_commands_refuse_endpoint_with_data(server: Server, dist: Path) -> None:
    data = str(dist / "parkgraph.nt")
    result = runner.invoke(app, ["describe", "永川高新区", "--endpoint", server.query_url, "--data", data])
    assert "without --data or --store" in one_line_error(result)
    result = runner.invoke(app, ["search", "x", "--default-graph-uri", "urn:g", "--data", data])
    assert "name the dataset of an --endpoint" in one_line_error(result)
