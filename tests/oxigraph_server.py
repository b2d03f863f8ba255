"""A real `oxigraph` SPARQL server (from the `oxigraph` PyPI package) on a free loopback port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def oxigraph_binary() -> str:
    """The server binary installed beside this Python (the dev extra brings it)."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise RuntimeError("the `oxigraph` server is not installed; `make test` installs it")
    return found


@dataclass
class Server:
    base: str  # e.g. http://127.0.0.1:7878
    process: subprocess.Popen[bytes]

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base}/store"


@contextmanager
def oxigraph_server(
    location: Path, *, read_only: bool = False, extra: list[str] | None = None
) -> Iterator[Server]:
    """Start `oxigraph serve` on 127.0.0.1:<free port>, wait until it answers, stop it after."""
    port = free_port()
    command = "serve-read-only" if read_only else "serve"
    args = [oxigraph_binary(), command, "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    proc = subprocess.Popen([*args, *(extra or [])], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    stderr = proc.stderr.read().decode() if proc.stderr else ""
                    raise RuntimeError(f"oxigraph server did not start: {stderr}") from None
                time.sleep(0.1)
        yield Server(base, proc)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
