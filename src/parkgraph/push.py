"""Uploading the graph to a SPARQL 1.1 Graph Store Protocol (GSP) endpoint.

One HTTP request per graph: PUT (replace the graph) or POST (add to it), the body in Turtle.
A request is one transaction on every store we know of (Oxigraph, Fuseki, GraphDB,
Virtuoso), so a failure leaves that graph on the server as it was.

Credentials: the user name from `user` (the CLI's `--user`) or the environment variable
PARKGRAPH_USER, and the password only from PARKGRAPH_PASSWORD — never from the command line,
where other users of the machine could read it in the process list. They are sent as the
server's 401 challenge asks: HTTP basic (Fuseki, GraphDB) or digest (Virtuoso's
/sparql-graph-crud-auth), by the standard library's handlers; so a password never goes in
basic form (readable on the wire) to a server that wants digest.
"""

from __future__ import annotations

import http.client
import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from http.client import HTTPMessage

import pyoxigraph as ox

from parkgraph import __version__
from parkgraph.errors import EndpointError
from parkgraph.namespaces import PREFIXES
from parkgraph.remote import check_graph_iri as check_dataset_iri
from parkgraph.remote import http_url

USER_ENV = "PARKGRAPH_USER"
PASSWORD_ENV = "PARKGRAPH_PASSWORD"
CONTENT_TYPE = "text/turtle; charset=utf-8"
IS_IT_RUNNING = "is the server running at that address?"
WRONG_ENDPOINT = "; is this the Graph Store endpoint (e.g. …/store, …/data, …/rdf-graphs/service)?"


@dataclass(frozen=True)
class Pushed:
    graph: str | None  # None: the default graph
    triples: int
    status: int
    method: str


def credentials(user: str | None = None, env: Mapping[str, str] | None = None) -> tuple[str, str] | None:
    """(user, password) for basic auth, from `user`/PARKGRAPH_USER and PARKGRAPH_PASSWORD."""
    env = os.environ if env is None else env
    name = user or env.get(USER_ENV) or None
    password = env.get(PASSWORD_ENV)
    if name is None:
        if password:
            raise EndpointError(f"{PASSWORD_ENV} is set but no user name; give --user NAME or set {USER_ENV}")
        return None
    if password is None:
        raise EndpointError(f"a user ({name!r}) but no password: set {PASSWORD_ENV} in the environment")
    return name, password


def graph_url(endpoint: str, graph: str | None) -> str:
    """The GSP URL of `graph` (None: the default graph) at `endpoint`."""
    parts = http_url(endpoint, "give the Graph Store endpoint, e.g. http://host:7878/store")
    param = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    query = f"{parts.query}&{param}" if parts.query else param
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def check_graph_iri(graph: str) -> None:
    """A graph name must be an absolute IRI (`https://…`, `urn:…`), or servers refuse it."""
    check_dataset_iri(graph, "--graph")


def turtle(triples: Sequence[ox.Triple]) -> bytes:
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
    assert data is not None
    return data


def push_graphs(
    graphs: Mapping[str | None, Sequence[ox.Triple]],
    endpoint: str,
    *,
    replace: bool = False,
    auth: tuple[str, str] | None = None,
    timeout: float = 300.0,
) -> list[Pushed]:
    """Upload each graph (name → triples; None is the default graph) in one request.

    Raises EndpointError (unreachable, refused, 401, any HTTP error) naming the endpoint and
    the graph; graphs sent before the failing one stay sent (each is its own transaction).
    """
    if not 0 < timeout < 1e9:  # also refuses NaN; 0 would make the socket non-blocking
        raise EndpointError(f"--timeout must be a positive number of seconds, got {timeout:g}")
    for graph in graphs:
        if graph is not None:
            check_graph_iri(graph)
        graph_url(endpoint, graph)  # a bad endpoint URL is an error before anything is sent
    method = "PUT" if replace else "POST"
    opener = authenticating_opener(auth, endpoint)
    done: list[Pushed] = []
    for graph, triples in graphs.items():
        url = graph_url(endpoint, graph)
        request = urllib.request.Request(url, data=turtle(triples), method=method)
        request.add_header("Content-Type", CONTENT_TYPE)
        request.add_header("User-Agent", f"parkgraph/{__version__}")
        what = f"{method} {endpoint} ({'default graph' if graph is None else f'graph <{graph}>'})"
        try:
            with opener.open(request, timeout=timeout) as response:
                status = int(response.status)
        except urllib.error.HTTPError as error:
            raise http_error(what, error, graph, with_auth=auth is not None) from None
        except ValueError:  # urllib's auth handlers on a challenge that is neither basic nor digest
            raise EndpointError(
                f"{what}: 401 Unauthorized; the server asks for an authentication scheme other than "
                "basic or digest, which parkgraph does not speak"
            ) from None
        except urllib.error.URLError as error:
            reason = getattr(error.reason, "strerror", None) or str(error.reason)
            raise EndpointError(f"{what}: cannot connect ({reason}); {IS_IT_RUNNING}") from None
        except (TimeoutError, OSError) as error:
            raise EndpointError(f"{what}: no answer ({error}); {IS_IT_RUNNING}") from None
        done.append(Pushed(graph, len(triples), status, method))
    return done


class DigestAuthHandler(urllib.request.HTTPDigestAuthHandler):
    """The standard library's digest auth, giving up after one refused answer: its own
    handler retries a wrong password up to six times, sending the whole graph each time."""

    def http_error_auth_reqed(  # typeshed says None; it returns the retried response
        self, auth_header: str, host: str, req: urllib.request.Request, headers: HTTPMessage
    ) -> None:
        sent = req.get_header("Authorization") or ""
        challenge = headers.get(auth_header) or ""
        if sent.startswith("Digest ") and "stale=true" not in challenge.replace('"', "").lower():
            # The server refused these credentials (a stale nonce alone would be worth a retry).
            raise urllib.error.HTTPError(req.full_url, 401, "Unauthorized", headers, None)
        return super().http_error_auth_reqed(auth_header, host, req, headers)


class BasicAuthHandler(urllib.request.HTTPBasicAuthHandler):
    """The standard library's basic auth, remembering success only for basic: its own handler
    marks a URL as authenticated after any 2xx (digest or no auth at all), and would then
    send the password in basic form to a server that never asked for it."""

    def http_response(
        self, req: urllib.request.Request, response: http.client.HTTPResponse
    ) -> http.client.HTTPResponse:
        if (req.get_header("Authorization") or "").startswith("Basic "):
            return super().http_response(req, response)
        return response


def authenticating_opener(auth: tuple[str, str] | None, url: str) -> urllib.request.OpenerDirector:
    """An opener that answers a 401 challenge from `url` with `auth`, in basic or digest form
    as the server asks. Once basic auth was accepted, later requests send it at once (the
    standard library's prior-auth manager): one request per graph after the first."""
    if auth is None:
        return urllib.request.build_opener()
    passwords = urllib.request.HTTPPasswordMgrWithPriorAuth()
    passwords.add_password(None, url, auth[0], auth[1])  # any realm at this URL
    return urllib.request.build_opener(
        BasicAuthHandler(passwords), DigestAuthHandler(passwords)
    )


def auth_scheme(error: urllib.error.HTTPError) -> str:
    """"digest", "basic" (or another scheme) as the server's challenge names it, or ""."""
    challenge = (error.headers.get("WWW-Authenticate") or "") if error.headers else ""
    return challenge.split(" ", 1)[0].lower()


def http_error(
    what: str, error: urllib.error.HTTPError, graph: str | None = None, *, with_auth: bool = True
) -> EndpointError:
    if error.code == 401:
        scheme = auth_scheme(error)
        refused = ""
        if scheme:
            refused = f" ({scheme} auth refused)" if with_auth else f" (the server asks for {scheme} auth)"
        return EndpointError(
            f"{what}: 401 Unauthorized{refused}; check {USER_ENV}/{PASSWORD_ENV} (or --user)"
        )
    from parkgraph.remote import error_detail

    try:
        body = error.read(2000)
    except OSError:
        body = b""
    detail = error_detail(body)
    if graph is None and "default graph" in detail.lower() and error.code in (400, 404, 405, 500, 501):
        # Virtuoso's /sparql-graph-crud-auth: "… contains "default" param but the endpoint is
        # not configured to have default graph" (a 500).
        return EndpointError(
            f"{what}: HTTP {error.code}: the server has no default graph to write to; "
            "push into a named graph with --graph IRI (or --named-graphs)"
        )
    if error.code == 403:  # oxigraph serve-read-only (so `parkgraph serve`): "The server is read-only"
        writable = "push to a writable server (`parkgraph serve` is read-only; `oxigraph serve` is not)"
        if "read-only" in detail.lower() or "read only" in detail.lower():
            return EndpointError(f"{what}: 403 Forbidden: {detail}; {writable}")
        said = f": {detail}" if detail else ""
        return EndpointError(
            f"{what}: 403 Forbidden{said}; the user may not write to this store or graph, or the server "
            f"is read-only ({writable})"
        )
    hint = WRONG_ENDPOINT if error.code in (404, 405, 501) else ""
    detail = f": {detail}" if detail else ""
    return EndpointError(f"{what}: HTTP {error.code} {error.reason}{detail}{hint}")


def graphs_of(
    store: Iterable[ox.Quad], graph: str | None = None, named: bool = False
) -> dict[str | None, list[ox.Triple]]:
    """What to push from `store` (a store or quads): its named graphs as they are (`named`),
    else all its triples in one graph, `graph` (an IRI) or the default graph (None)."""
    from parkgraph.export import triple_key

    if named:
        groups: dict[str | None, set[ox.Triple]] = {}
        for quad in store:
            name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else None
            groups.setdefault(name, set()).add(quad.triple)
        return {g: sorted(ts, key=triple_key) for g, ts in sorted(groups.items(), key=lambda kv: kv[0] or "")}
    return {graph: sorted({q.triple for q in store}, key=triple_key)}
