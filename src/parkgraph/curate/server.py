"""The review server: Starlette on uvicorn, on loopback, with a random token in the address.

Why Starlette + uvicorn: both are small, widely used and actively maintained; uvicorn parses
HTTP with h11 (a well-tested HTTP/1.1 state machine), so nothing here reads raw requests, and
a killed server loses nothing because every decision is on disk (journal.py) before the
answer leaves. (Bottle would serve through the standard library's wsgiref, which its own
documentation calls a development server.)

Every request must
- carry the token as the first path segment (else 403),
- name this server in its Host header (127.0.0.1 or localhost with our port: no DNS
  rebinding; else 403),
- and, for a POST, come from this server's own origin (Origin header) with a JSON body (a
  page elsewhere cannot post a form here; else 403).
Answers carry a Content-Security-Policy that allows only this server's own script and style,
no framing, no referrer (the token stays out of other sites' logs).
"""

from __future__ import annotations

import importlib.resources
import json
import secrets
import socket
import threading
from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Receive, Scope, Send

from parkgraph.curate.journal import DecisionError
from parkgraph.curate.review import ReviewSession
from parkgraph.errors import ParkgraphError

LOOPBACK = "127.0.0.1"
ASSETS = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8",
          "favicon.svg": "image/svg+xml"}
SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                               "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
    "cross-origin-resource-policy": "same-origin",
}


def _asset(name: str) -> bytes:
    return importlib.resources.files("parkgraph.curate").joinpath("assets", name).read_bytes()


class Guard:
    """ASGI middleware: the token, the Host and the origin (see the module docstring)."""

    def __init__(self, app: ASGIApp, token: str, port: Callable[[], int]) -> None:
        self.app, self.token, self.port = app, token, port

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        port = self.port()
        hosts = {f"{LOOPBACK}:{port}", f"localhost:{port}"}
        first, _, _ = scope["path"].lstrip("/").partition("/")
        why = None
        if not secrets.compare_digest(first.encode(), self.token.encode()):
            why = "no valid token in the address"
        elif headers.get("host") not in hosts:
            why = "wrong Host"
        elif headers.get("sec-fetch-site") == "cross-site":
            why = "a request from another site"
        elif scope["method"] not in ("GET", "HEAD"):
            if headers.get("origin") not in {f"http://{h}" for h in hosts}:
                why = "a request from another origin"
            elif not headers.get("content-type", "").startswith("application/json"):
                why = "not JSON"
        if why is not None:
            response: Response = JSONResponse({"error": f"forbidden: {why}"}, status_code=403,
                                              headers=SECURITY_HEADERS)
            await response(scope, receive, send)
            return

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                extra = [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


PAGE = """<!doctype html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>parkgraph review</title>
<link rel="icon" href="assets/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="assets/review.css">
<script src="assets/review.js" defer></script>
</head>
<body>
<header><h1 id="title">parkgraph review</h1><span id="counter"></span>
<span id="message" role="status"></span></header>
<main>
<section id="text" aria-label="source text"></section>
<section id="card" aria-live="polite"></section>
</main>
<footer id="keys">a accept · r reject · e edit · o about · select words, + add · l link · u undo ·
j/k next/previous · f finish</footer>
</body>
</html>
"""


def make_app(session: ReviewSession, token: str, port: Callable[[], int],
             on_finish: Callable[[], None] | None = None) -> ASGIApp:
    lock = threading.Lock()  # one decision at a time: the journal is appended in order

    async def page(request: Request) -> Response:
        return Response(PAGE, media_type="text/html; charset=utf-8")

    async def asset(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in ASSETS:
            return JSONResponse({"error": "no such asset"}, status_code=404)
        return Response(_asset(name), media_type=ASSETS[name])

    def state(request: Request) -> Response:
        with lock:
            return JSONResponse(session.state())

    async def decide(request: Request) -> Response:
        try:
            payload = json.loads(await request.body())
        except ValueError:
            return JSONResponse({"error": "not JSON"}, status_code=400)
        if not isinstance(payload, dict):
            return JSONResponse({"error": "a JSON object, please"}, status_code=400)
        try:
            with lock:
                return JSONResponse(session.decide(payload))
        except DecisionError as error:
            return JSONResponse({"error": error.message}, status_code=400)
        except ParkgraphError as error:
            return JSONResponse({"error": error.message}, status_code=500)

    def finish(request: Request) -> Response:
        try:
            with lock:
                done = session.finish()
        except ParkgraphError as error:
            return JSONResponse({"error": error.message}, status_code=409)
        if on_finish is not None:
            on_finish()
        return JSONResponse({"written": done.path, "accepted": done.accepted, "rejected": done.rejected,
                             "corrected": done.corrected, "linked": done.linked})

    routes = [
        Route("/{token}/", page, methods=["GET"]),
        Route("/{token}/assets/{name}", asset, methods=["GET"]),
        Route("/{token}/api/state", state, methods=["GET"]),
        Route("/{token}/api/decide", decide, methods=["POST"]),
        Route("/{token}/api/finish", finish, methods=["POST"]),
    ]
    return Guard(Starlette(routes=routes), token, port)


class ReviewServer:
    """The server for one session on a free loopback port; `run()` serves until finished or
    stopped (`stop()`, Ctrl-C, a signal)."""

    def __init__(self, session: ReviewSession, port: int = 0) -> None:
        import uvicorn

        self.session = session
        self.token = secrets.token_urlsafe(24)
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            self.socket.bind((LOOPBACK, port))
            self.socket.listen(128)  # from now on connections wait: the address works once printed
        except OSError as error:
            self.socket.close()
            raise ParkgraphError(f"cannot listen on {LOOPBACK}:{port} ({error.strerror or error})") from None
        self.port: int = self.socket.getsockname()[1]
        self.finished = False
        app = make_app(session, self.token, lambda: self.port, on_finish=self._finished)
        config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                                timeout_graceful_shutdown=5)
        self.server = uvicorn.Server(config)

    @property
    def url(self) -> str:
        return f"http://{LOOPBACK}:{self.port}/{self.token}/"

    def _finished(self) -> None:
        self.finished = True
        self.server.should_exit = True  # after this answer has gone out

    def stop(self) -> None:
        self.server.should_exit = True

    def run(self) -> None:
        try:
            self.server.run(sockets=[self.socket])
        finally:
            self.socket.close()
