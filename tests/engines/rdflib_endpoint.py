"""rdflib's SPARQL engine over an N-Triples file, behind a SPARQL 1.1 Protocol server
(POST query=…) on a free loopback port, for the cross-engine tests.

    python tests/engines/rdflib_endpoint.py DATA.nt PORT

A process of its own, like the other engines: run in a thread of the test process, its
garbage collections dropped the test process's pyoxigraph results on the wrong thread.
"""

from __future__ import annotations

import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import rdflib

RESULT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/ld+json": "json-ld"}


def negotiate(accept: str, offered: dict[str, str]) -> str:
    """The first media type of `accept` (in the order given) that `offered` has."""
    for part in accept.split(","):
        media = part.split(";")[0].strip()
        if media in offered:
            return media
    return next(iter(offered))


def serve(data: str, port: int) -> None:
    graph = rdflib.Graph()
    graph.parse(data, format="nt")
    lock = threading.Lock()  # rdflib's evaluation is not documented as thread-safe

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            form = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
            try:
                with lock:
                    result = graph.query(form["query"][0])
                    if result.type in ("CONSTRUCT", "DESCRIBE"):
                        media = negotiate(self.headers.get("Accept", ""), GRAPH_TYPES)
                        assert result.graph is not None
                        body = result.graph.serialize(format=GRAPH_TYPES[media], encoding="utf-8")
                    else:
                        media = negotiate(self.headers.get("Accept", ""), RESULT_TYPES)
                        body = result.serialize(format=RESULT_TYPES[media], encoding="utf-8")
            except Exception as error:  # a query rdflib cannot run: a 400 with its words
                self.send_response(400)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.end_headers()
                self.wfile.write(f"{type(error).__name__}: {error}".encode())
                return
            self.send_response(200)
            self.send_header("Content-Type", f"{media}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args: object) -> None:
            pass

    with ThreadingHTTPServer(("127.0.0.1", port), Handler) as httpd:
        httpd.serve_forever()


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
