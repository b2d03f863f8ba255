"""Every command under hostile conditions: the promise is one `Error: …` line on stderr with
status 2 (1 only when data does not conform), no traceback, nothing half-written.

The command list comes from the typer app, so a new command is swept too; it needs an
entry in MINIMAL_ARGS (a test fails until it has one). Categories: non-UTF-8 argument
bytes, stdout to /dev/full or closed, stderr closed, --help into a pipe closed early and
under an ASCII-only encoding, inputs that became a symlink loop or a directory, and
control characters in labels shown on a terminal.
"""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from parkgraph.cli import load_app
from parkgraph.curate.init import init_project
from parkgraph.project import Project

PARKGRAPH = [sys.executable, "-m", "parkgraph"]
BAD = os.fsdecode(b"caf\xe9")  # Latin-1 bytes in a UTF-8 locale: not UTF-8
COMMANDS = sorted(c.name or c.callback.__name__ for c in load_app().registered_commands)  # type: ignore[union-attr]


class Env:
    """What the minimal command lines refer to: a built project, a store, a server."""

    def __init__(self, root: Path, store: Path, endpoint: str, tmp: Path) -> None:
        self.root, self.store, self.endpoint, self.tmp = root, store, endpoint, tmp


def minimal_args(name: str, env: Env) -> list[str]:
    """A command line for `name` that succeeds (or, for serve, fails fast on purpose)."""
    root = ["--root", str(env.root)]
    table: dict[str, list[str]] = {
        "build": ["build", "-q", "--no-check", "--out", str(env.tmp / "out"), *root],
        # one self-contained file (a candidate extracted from the article): the curated data
        # files are parts of one dataset (sources.ttl says more about sources declared elsewhere)
        "validate": ["validate", str(env.tmp / "candidate.ttl"), *root],
        "stats": ["stats", *root],
        "query": ["query", "SELECT ?s ?l WHERE { ?s rdfs:label ?l } LIMIT 3", *root],
        "queries": ["queries", *root],
        "describe": ["describe", "永川高新区", *root],
        "compare": ["compare", "永川高新区", "杭州高新区(滨江)", *root],
        "search": ["search", "高新", *root],
        "export": ["export", "-f", "nt", *root],
        "push": ["push", "--endpoint", env.endpoint, *root],
        "load": ["load", "--store", str(env.tmp / "new.db"), str(env.root / "dist" / "parkgraph.nt")],
        "serve": ["serve", "--store", str(env.tmp / "no-such-store")],  # fails fast: no server left running
        "viz": ["viz", "-o", str(env.tmp / "page.html"), *root],
        "extract": ["extract", str(env.tmp / "article.txt")],
        "init": ["init", str(env.tmp / "newproj")],
        "add": ["add", str(env.tmp / "article.txt"), "--root", str(env.tmp / "addproj")],
        "review": ["review", "no-such-source", "--no-open", *root],  # fails fast: no server left running
    }
    return table[name]


# Text arguments (not paths) that reach the library: where non-UTF-8 bytes used to crash.
TEXT_ARGS: dict[str, list[str]] = {
    "query": ["--param", f"x={BAD}"],
    "describe": [],
    "search": [],
    "compare": ["--indicator", BAD],
    "viz": ["--title", BAD],
    "export": ["-q", f"CONSTRUCT WHERE {{ ?s rdfs:label '{BAD}' }}"],
    "push": ["--user", BAD],
}
FAILS_FAST = {"serve", "review"}  # servers: their minimal command line is refused at once
WRITES_STDOUT = {
    "build",
    "validate",
    "stats",
    "query",
    "queries",
    "describe",
    "compare",
    "search",
    "export",
    "viz",
    "extract",
    "init",
    "add",
}


@pytest.fixture(scope="module")
def env(built_project: Project, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Env]:
    class Accept(BaseHTTPRequestHandler):
        def answer(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0") or 0))
            self.send_response(204)
            self.end_headers()

        do_POST = do_PUT = answer

        def log_message(self, *_args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Accept)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    base = tmp_path_factory.mktemp("hostile")
    root = base / "project"
    for sub in ("ontology", "data", "queries", "dist"):
        shutil.copytree(built_project.root / sub, root / sub)
    (base / "article.txt").write_text("永川高新区规模以上工业总产值突破940亿元。\n", encoding="utf-8")
    subprocess.run([*PARKGRAPH, "extract", str(base / "article.txt"), "--out", str(base / "candidate.ttl")],
                   check=True, capture_output=True)
    store = base / "pg.db"
    subprocess.run(
        [*PARKGRAPH, "load", "--store", str(store), str(root / "dist" / "parkgraph.trig")],
        check=True,
        capture_output=True,
    )
    try:
        yield Env(root, store, f"http://127.0.0.1:{httpd.server_address[1]}/store", base)
    finally:
        httpd.shutdown()
        httpd.server_close()


def fresh(env: Env) -> None:
    """Outputs of an earlier case out of the way (each case starts from the same place)."""
    for name in ("out", "new.db", "page.html", "newproj", "addproj"):
        path = env.tmp / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
    init_project(env.tmp / "addproj")  # a project to add to, new for each case


def run(
    args: list[str], *, stdout: object = subprocess.PIPE, close: int | None = None, **extra: object
) -> subprocess.CompletedProcess[bytes]:
    def closer() -> None:
        if close is not None:
            os.close(close)

    return subprocess.run(
        [*PARKGRAPH, *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE if close != 2 else subprocess.DEVNULL,
        preexec_fn=closer if close is not None else None,
        timeout=120,
        check=False,
        **extra,  # type: ignore[arg-type]
    )


def assert_promise(done: subprocess.CompletedProcess[bytes], what: str) -> str:
    """No traceback; status 0, or 1/2 with exactly one `Error:` line, the last on stderr."""
    stderr = (done.stderr or b"").decode("utf-8", "replace")
    stdout = (done.stdout or b"").decode("utf-8", "replace") if isinstance(done.stdout, bytes) else ""
    assert "Traceback" not in stderr + stdout and "Exception ignored" not in stderr, f"{what}:\n{stderr}"
    assert done.returncode in (0, 1, 2), f"{what}: status {done.returncode}\n{stderr}"
    if done.returncode == 2:
        errors = [line for line in stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1 and stderr.endswith(errors[0] + "\n"), f"{what}:\n{stderr}"
    return stderr


def test_every_command_has_minimal_args(env: Env) -> None:
    """A new command must say how to run it here, so that it is swept like the others."""
    for name in COMMANDS:
        assert minimal_args(name, env)[0] == name


@pytest.mark.parametrize("name", COMMANDS)
def test_baseline(env: Env, name: str) -> None:
    fresh(env)
    done = run(minimal_args(name, env))
    assert_promise(done, name)
    assert done.returncode == (2 if name in FAILS_FAST else 0), done.stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_stdout_to_a_full_disk(env: Env, name: str) -> None:
    fresh(env)
    with open("/dev/full", "wb") as full:
        done = run(minimal_args(name, env), stdout=full)
    stderr = assert_promise(done, f"{name} > /dev/full")
    if name in WRITES_STDOUT:
        assert done.returncode == 2 and stderr.splitlines()[-1].startswith("Error: stdout: "), stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_stdout_closed(env: Env, name: str) -> None:
    fresh(env)
    done = run(minimal_args(name, env), stdout=None, close=1)
    stderr = assert_promise(done, f"{name} >&-")
    if name in WRITES_STDOUT:
        assert done.returncode == 2 and stderr.splitlines()[-1].startswith("Error: stdout: "), stderr


@pytest.mark.parametrize("name", COMMANDS)
def test_stderr_closed_keeps_errors_off_stdout(env: Env, name: str) -> None:
    fresh(env)
    args = [*minimal_args(name, env), "--no-such-option"]
    done = run(args, close=2)
    assert done.returncode == 2
    assert b"Error" not in done.stdout and b"Traceback" not in done.stdout


@pytest.mark.parametrize("name", COMMANDS)
def test_non_utf8_argument_bytes(env: Env, name: str) -> None:
    fresh(env)
    cases = [[*minimal_args(name, env), *TEXT_ARGS.get(name, [])]]
    cases.append([name, BAD])  # as the argument itself (or an unexpected one)
    for args in cases:
        done = run(args, cwd=env.tmp)  # `init café` makes a project: not in the repository
        assert_promise(done, " ".join(args))


# The root, the fast path (query) and one typer command stand for all: help is click's
# and rich's, the same code for every typer command.
@pytest.mark.parametrize("name", [None, "query", "viz"])
def test_help_into_a_pipe_closed_early_and_in_ascii(name: str | None) -> None:
    args = ["--help"] if name is None else [name, "--help"]
    proc = subprocess.Popen([*PARKGRAPH, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == 0 and stderr == "", stderr
    done = run(args, env={**os.environ, "PYTHONIOENCODING": "ascii"})
    assert_promise(done, f"{args} ascii")
    assert done.returncode == 0, done.stderr


def test_version_into_a_pipe_closed_early() -> None:
    proc = subprocess.Popen([*PARKGRAPH, "--version"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    assert proc.wait(timeout=60) == 0 and proc.stderr.read() == b""


READS_DIST = ["query", "describe", "search", "export", "push", "stats", "viz"]


@pytest.mark.parametrize("broken", ["symlink-loop", "directory"])
# stats and viz read dist/ without comparing it with its inputs.
@pytest.mark.parametrize("name", ["query", "describe", "search", "export", "push", "build", "validate"])
def test_build_inputs_that_became_unreadable(env: Env, name: str, broken: str) -> None:
    """An input the build manifest lists (data/sources.ttl) became a loop or a directory:
    commands that check dist/ against its inputs warn (or, for build, stop) in one line."""
    fresh(env)
    source = env.root / "data" / "sources.ttl"
    saved = source.read_bytes()
    try:
        source.unlink()
        if broken == "directory":
            source.mkdir()
        else:
            source.symlink_to(source.name)
        args = minimal_args(name, env) if name != "validate" else ["validate", "--root", str(env.root)]
        done = run(args)
        stderr = assert_promise(done, f"{name} with data/sources.ttl a {broken}")
        assert ("directory" if broken == "directory" else "symbolic link") in stderr, stderr
    finally:
        if source.is_dir() and not source.is_symlink():
            source.rmdir()
        else:
            source.unlink()
        source.write_bytes(saved)


@pytest.mark.parametrize("broken", ["symlink-loop", "directory"])
@pytest.mark.parametrize("name", READS_DIST)
def test_inputs_that_became_unreadable(env: Env, name: str, broken: str) -> None:
    fresh(env)
    saved = env.tmp / "saved-dist"
    shutil.copytree(env.root / "dist", saved)
    try:
        for file in ("parkgraph.nt", "parkgraph.trig"):
            path = env.root / "dist" / file
            path.unlink()
            if broken == "directory":
                path.mkdir()
            else:
                path.symlink_to(path.name)  # points at itself: ELOOP
        done = run(minimal_args(name, env))
        stderr = assert_promise(done, f"{name} with {broken}")
        assert done.returncode == 2, stderr
        if broken == "symlink-loop":
            assert "a loop of symbolic links" in stderr, stderr
        else:
            assert "directory" in stderr, stderr
    finally:
        shutil.rmtree(env.root / "dist")
        shutil.copytree(saved, env.root / "dist")
        shutil.rmtree(saved)


HOSTILE_LABEL = "evil\x1b]0;pwned\x07\x1b[2J\rname\x9b31m"


def on_a_terminal(args: list[str]) -> tuple[int, bytes]:
    """Run with stdout on a pseudo-terminal: (status, what the terminal received)."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen([*PARKGRAPH, *args], stdout=follower, stderr=subprocess.PIPE)
    os.close(follower)
    received = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the other side closed
            break
        if not chunk:
            break
        received += chunk
    os.close(leader)
    return proc.wait(timeout=60), received


@pytest.mark.parametrize(
    "args",
    [
        ["query", "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(STRSTARTS(?l, 'evil')) }"],
        ["query", "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(STRSTARTS(?l, 'evil')) }", "-F", "csv"],
        ["query", "SELECT ?s ?l WHERE { ?s rdfs:label ?l FILTER(STRSTARTS(?l, 'evil')) }", "-F", "md"],
        ["describe", "pgr:evil"],
        ["search", "evil"],
    ],
    ids=["table", "csv", "md", "describe", "search"],
)
def test_control_characters_in_labels_are_escaped_on_a_terminal(tmp_path: Path, args: list[str]) -> None:
    data = tmp_path / "evil.nt"
    label = "".join(c if c.isprintable() and c not in '"\\' else f"\\u{ord(c):04X}" for c in HOSTILE_LABEL)
    subject = "<https://w3id.org/parkgraph/resource/evil>"
    data.write_text(f'{subject} <http://www.w3.org/2000/01/rdf-schema#label> "{label}" .\n', encoding="utf-8")
    code, screen = on_a_terminal([*args, "--data", str(data)])
    assert code == 0, screen
    for raw in (b"\x1b", b"\x07", b"\r", "\x9b".encode()):
        assert raw not in screen.replace(b"\r\n", b"\n"), screen
    assert b"evil" in screen and b"\\x1b" in screen
